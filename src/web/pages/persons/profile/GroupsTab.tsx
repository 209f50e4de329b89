import { useState } from 'react';
import { Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../api/session.ts';
import { formatDate, formatNumber } from '../../../components/format.ts';
import { InfoList, type InfoItem } from '../../../components/people/InfoList.tsx';
import type { Person, PersonGroup } from '../../../components/people/types.ts';
import { EditSection } from './EditSection.tsx';
import { SectionCard } from './OverviewTab.tsx';

function detailItems(g: PersonGroup, t: TFunction): InfoItem[] {
  const d = g.details;
  const text = (v: unknown) => (typeof v === 'string' ? v : null);
  const n = (v: unknown) => (typeof v === 'number' ? formatNumber(v) : null);
  switch (g.group) {
    case 'woman-care':
      return [{ label: t('groups.details.childrenUnder6'), value: n(d.childrenUnder6) }];
    case 'refugee':
      return [
        {
          label: t('groups.details.refugeeStatus'),
          value: text(d.status) ? t(`groups.refugeeStatuses.${String(d.status)}`) : null,
        },
        { label: t('groups.details.registrationProvince'), value: text(d.registrationProvince) },
        { label: t('groups.details.registrationDate'), value: formatDate(text(d.registrationDate)) },
      ];
    case 'disability':
      return [
        {
          label: t('groups.details.reportPercentage'),
          value: typeof d.reportPercentage === 'number' ? `%${formatNumber(d.reportPercentage)}` : null,
          ltr: true,
        },
        { label: t('groups.details.reportDate'), value: formatDate(text(d.reportDate)) },
        { label: t('groups.details.accessibilityNeeds'), value: text(d.accessibilityNeeds) },
      ];
    case 'informal-worker':
      return [
        {
          label: t('groups.details.informalKind'),
          value: text(d.kind) ? t(`groups.informalKinds.${String(d.kind)}`) : null,
        },
      ];
    case 'long-term-unemployed':
      return [{ label: t('groups.details.unemployedMonths'), value: n(d.unemployedMonths) }];
    case 'roma':
      return [{ label: t('groups.details.selfIdentified'), value: t('persons.yes') }];
    case 'neet':
    case 'social-aid':
      return [];
  }
}

export function GroupsTab({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  return (
    <Stack gap="md">
      <SectionCard
        title={t('groups.title')}
        onEdit={can('persons:write') ? () => setEditing(true) : undefined}
        testId="groups-card"
      >
        {!can('special-category:read') ? (
          <Text size="sm" c="dimmed">
            {t('groups.specialHidden')}
          </Text>
        ) : null}
        {person.targetGroups.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('groups.none')}
          </Text>
        ) : (
          <Stack gap="md">
            {person.targetGroups.map((g) => {
              const items = detailItems(g, t);
              return (
                <Stack key={g.group} gap={4}>
                  <Text fw={600}>{t(`groups.names.${g.group}`)}</Text>
                  {items.length > 0 ? <InfoList items={items} /> : null}
                </Stack>
              );
            })}
          </Stack>
        )}
      </SectionCard>
      {editing ? <EditSection person={person} section="groups" onClose={() => setEditing(false)} /> : null}
    </Stack>
  );
}
