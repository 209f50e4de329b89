import { useState } from 'react';
import { Badge, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../api/session.ts';
import { formatDate, listSeparator } from '../../../components/format.ts';
import { InfoList } from '../../../components/people/InfoList.tsx';
import type { Person } from '../../../components/people/types.ts';
import { EditSection } from './EditSection.tsx';
import { SectionCard } from './OverviewTab.tsx';

export function EducationTab({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const [editing, setEditing] = useState(false);
  const yesNo = (v: boolean | null) => (v === null ? null : v ? t('persons.yes') : t('persons.no'));
  return (
    <Stack gap="md">
      <SectionCard
        title={t('persons.sections.education')}
        onEdit={can('persons:write') ? () => setEditing(true) : undefined}
      >
        <InfoList
          items={[
            {
              label: t('persons.fields.iscedLevel'),
              value: person.iscedLevel === null ? null : t(`pdf.cv.isced.${person.iscedLevel}`),
            },
            {
              label: t('persons.fields.iscedField'),
              value: person.iscedField ? t(`pdf.cv.fields.${person.iscedField.slice(0, 2)}`) : null,
            },
            { label: t('persons.fields.graduationYear'), value: person.graduationYear ?? null, ltr: true },
            { label: t('persons.fields.iskurRegistered'), value: yesNo(person.iskurRegistered) },
            { label: t('persons.fields.iskurNumber'), value: person.iskurNumber, ltr: true },
            { label: t('persons.fields.desiredOccupations'), value: person.desiredOccupations.join(listSeparator()) },
            { label: t('persons.fields.skills'), value: person.skills },
          ]}
        />
      </SectionCard>
      <SectionCard title={t('persons.fields.workHistory')}>
        {person.workHistory.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('persons.workEmpty')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('persons.work.occupation')}</Table.Th>
                  <Table.Th>{t('persons.work.employer')}</Table.Th>
                  <Table.Th>{t('persons.work.period')}</Table.Th>
                  <Table.Th>{t('persons.work.registeredShort')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {person.workHistory.map((w) => (
                  <Table.Tr key={w.id}>
                    <Table.Td>{w.occupation}</Table.Td>
                    <Table.Td>{w.employer ?? t('common.none')}</Table.Td>
                    <Table.Td>
                      {t('persons.work.periodValue', {
                        from: w.startDate ? formatDate(w.startDate) : t('common.none'),
                        to: w.endDate ? formatDate(w.endDate) : t('persons.work.present'),
                      })}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="outline" color={w.registered ? 'teal.9' : 'red.9'}>
                        {w.registered ? t('persons.work.registeredYes') : t('persons.work.registeredNo')}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </SectionCard>
      {editing ? <EditSection person={person} section="education" onClose={() => setEditing(false)} /> : null}
    </Stack>
  );
}
