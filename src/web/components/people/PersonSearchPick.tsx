import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Group, Radio, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../format.ts';
import { InlineLoader } from '../ui.tsx';
import type { PersonPick } from '../work/types.ts';
import { callOp } from '../../api/ops.ts';
import { searchPersons } from '../../../common/contracts/people.ts';

/** One person in a list to pick from: name, age, birth date, masked ID number, district and office. */
export function PersonPickCard({
  person: p,
  testId = 'person-option',
  showSharing = false,
}: {
  person: PersonPick;
  testId?: string;
  /** Say whether the person consents to share their profile with employers (the referral picker). */
  showSharing?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Card value={p.id} p="sm" radius="md" data-testid={testId}>
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator />
        <Stack gap={2}>
          <Text fw={600} size="sm">
            <bdi>
              {p.givenName} {p.familyName}
            </bdi>
          </Text>
          <Text size="xs" c="dimmed">
            {t('referrals.personLine', { age: formatNumber(p.age), district: p.district, office: p.office.name })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('persons.pick.identityLine', {
              birthDate: formatDate(p.birthDate),
              id: p.idNumberMasked ?? t('persons.pick.noIdNumber'),
            })}
          </Text>
          {showSharing ? (
            <Text size="xs" c={p.sharesWithEmployers ? 'teal.9' : 'orange.9'} data-testid="person-option-sharing">
              {p.sharesWithEmployers ? t('persons.pick.shares') : t('persons.pick.noSharing')}
            </Text>
          ) : null}
          {p.desiredOccupations.length > 0 ? (
            <Group gap={4}>
              {p.desiredOccupations.slice(0, 4).map((o) => (
                <Badge key={o} size="xs" variant="outline" color="gray.7">
                  {o}
                </Badge>
              ))}
            </Group>
          ) : null}
        </Stack>
      </Group>
    </Radio.Card>
  );
}

/**
 * Search people by name, ID number or phone (POST /persons/search: the words travel in the body and stay
 * in this component's state only, never in the address or browser storage) and pick one with the radio
 * cards (arrow keys move between them). `exclude` leaves out ids that cannot be picked (the person
 * themself).
 */
export function PersonSearchPick({
  value,
  onChange,
  exclude = [],
  label,
  showSharing = false,
}: {
  value: string | null;
  onChange: (id: string | null, person: PersonPick | null) => void;
  exclude?: readonly string[];
  label?: string;
  showSharing?: boolean;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const persons = useQuery({
    queryKey: ['persons', 'pick', q],
    queryFn: () => callOp(searchPersons, { body: { q, page: 1, pageSize: 10 } }),
    enabled: q.length >= 2,
    placeholderData: keepPreviousData,
  });
  const items = (persons.data?.items ?? []).filter((p) => !exclude.includes(p.id));
  return (
    <>
      <TextInput
        label={label ?? t('referrals.searchPerson')}
        description={t('referrals.searchPersonHint')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        autoComplete="off"
        data-testid="person-search"
        data-autofocus
      />
      {q.length < 2 ? null : persons.isPending ? (
        <InlineLoader />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="person-none">
          {t('referrals.noPersonFound')}
        </Text>
      ) : (
        <Radio.Group
          value={value}
          onChange={(id) => onChange(id, items.find((p) => p.id === id) ?? null)}
          label={t('referrals.pickPerson')}
          aria-describedby={undefined}
        >
          <ScrollArea.Autosize mah={300} mt="xs">
            <Stack gap="xs">
              {items.map((p) => (
                <PersonPickCard key={p.id} person={p} showSharing={showSharing} />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        </Radio.Group>
      )}
    </>
  );
}
