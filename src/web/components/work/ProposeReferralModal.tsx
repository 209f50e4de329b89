import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Group, Modal, Radio, ScrollArea, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { formatNumber } from '../format.ts';
import { ProblemAlert } from '../problems.tsx';
import { InlineLoader } from '../ui.tsx';
import { useRuleProblem } from './problems.tsx';
import type { PersonPick, ReferralDetail } from './types.ts';
import { useOp } from '../../api/ops.ts';
import { listVacancies } from '../../../common/contracts/vacancies.ts';

/**
 * Proposing a person for a published vacancy (POST /referrals): search people by name or ID number
 * (POST /persons/search, the words in the body and in this dialog's state only) and pick one; from a person's screen the
 * vacancy is searched instead. The pre-screen and sending follow on the referral's own screen.
 */
export function ProposeReferralModal({
  vacancy,
  person,
  onClose,
  onCreated,
}: {
  vacancy?: { id: string; title: string } | undefined;
  person?: { id: string; name: string } | undefined;
  onClose: () => void;
  onCreated: (referral: ReferralDetail) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [personId, setPersonId] = useState<string | null>(person?.id ?? null);
  const [vacancyId, setVacancyId] = useState<string | null>(vacancy?.id ?? null);
  const [vacancySearch, setVacancySearch] = useState('');
  const [vq] = useDebouncedValue(vacancySearch.trim(), 300);
  const [busy, setBusy] = useState(false);
  const { problem, handle, clear } = useRuleProblem();

  const persons = useQuery({
    queryKey: ['persons', 'pick', q],
    queryFn: () => api<Page<PersonPick>>('/persons/search', { body: { q, pageSize: 10 } }),
    enabled: !person && q.length >= 2,
    placeholderData: keepPreviousData,
  });
  const vacancies = useOp(
    listVacancies,
    { query: { q: vq, status: 'published', pageSize: 20 } },
    { enabled: !vacancy, placeholderData: keepPreviousData },
  );

  async function propose() {
    if (!personId || !vacancyId) return;
    setBusy(true);
    clear();
    try {
      onCreated(await api<ReferralDetail>('/referrals', { body: { vacancyId, personId } }));
    } catch (err) {
      handle(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('referrals.proposeTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text size="sm">{t('referrals.proposeText')}</Text>
        <ProblemAlert problem={problem} />
        {vacancy ? (
          <Text size="sm">
            <Text span fw={600}>
              {t('referrals.vacancy')}:
            </Text>{' '}
            {vacancy.title}
          </Text>
        ) : (
          <Select
            label={t('referrals.vacancy')}
            required
            searchable
            searchValue={vacancySearch}
            onSearchChange={setVacancySearch}
            data={(vacancies.data?.items ?? []).map((v) => ({ value: v.id, label: `${v.title} · ${v.employer.name}` }))}
            value={vacancyId}
            onChange={setVacancyId}
            nothingFoundMessage={t('common.noOptions')}
            filter={({ options }) => options}
          />
        )}
        {person ? (
          <Text size="sm">
            <Text span fw={600}>
              {t('referrals.person')}:
            </Text>{' '}
            {person.name}
          </Text>
        ) : (
          <>
            <TextInput
              label={t('referrals.searchPerson')}
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
            ) : (persons.data?.items.length ?? 0) === 0 ? (
              <Text size="sm" c="dimmed" data-testid="person-none">
                {t('referrals.noPersonFound')}
              </Text>
            ) : (
              <Radio.Group
                value={personId}
                onChange={setPersonId}
                label={t('referrals.pickPerson')}
                aria-describedby={undefined}
              >
                <ScrollArea.Autosize mah={300} mt="xs">
                  <Stack gap="xs">
                    {(persons.data?.items ?? []).map((p) => (
                      <Radio.Card key={p.id} value={p.id} p="sm" radius="md" data-testid="person-option">
                        <Group wrap="nowrap" align="flex-start" gap="sm">
                          <Radio.Indicator />
                          <Stack gap={2}>
                            <Text fw={600} size="sm">
                              {p.givenName} {p.familyName}
                            </Text>
                            <Text size="xs" c="dimmed">
                              {t('referrals.personLine', {
                                age: formatNumber(p.age),
                                district: p.district,
                                office: p.office.name,
                              })}
                            </Text>
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
                    ))}
                  </Stack>
                </ScrollArea.Autosize>
              </Radio.Group>
            )}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => void propose()}
            loading={busy}
            disabled={!personId || !vacancyId}
            data-testid="propose-confirm"
          >
            {t('referrals.propose')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
