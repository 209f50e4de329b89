import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ProblemAlert } from '../problems.tsx';
import { PersonSearchPick } from '../people/PersonSearchPick.tsx';
import { useRuleProblem } from './problems.tsx';
import type { ReferralDetail } from './types.ts';
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
  const [personId, setPersonId] = useState<string | null>(person?.id ?? null);
  const [vacancyId, setVacancyId] = useState<string | null>(vacancy?.id ?? null);
  const [vacancySearch, setVacancySearch] = useState('');
  const [vq] = useDebouncedValue(vacancySearch.trim(), 300);
  const [busy, setBusy] = useState(false);
  const { problem, handle, clear } = useRuleProblem();

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
          <PersonSearchPick value={personId} onChange={setPersonId} />
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
