import { useState } from 'react';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { notifySuccess, ProblemAlert, toProblem } from '../problems.tsx';
import { CONSENT_TEXT_VERSION } from '../../../common/people.ts';
import { PersonSearchPick } from '../people/PersonSearchPick.tsx';
import { useRuleProblem } from './problems.tsx';
import type { PersonPick, ReferralDetail } from './types.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { proposeReferral } from '../../../common/contracts/referrals.ts';
import { grantConsent } from '../../../common/contracts/people.ts';
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
  const [picked, setPicked] = useState<PersonPick | null>(null);
  const [vacancyId, setVacancyId] = useState<string | null>(vacancy?.id ?? null);
  const [vacancySearch, setVacancySearch] = useState('');
  const [vq] = useDebouncedValue(vacancySearch.trim(), 300);
  const proposing = useOpMutation(proposeReferral);
  const { problem, handle, clear } = useRuleProblem();

  const vacancies = useOp(
    listVacancies,
    { query: { q: vq, status: 'published', pageSize: 20 } },
    { enabled: !vacancy, placeholderData: keepPreviousData },
  );

  async function propose() {
    if (!personId || !vacancyId) return;
    clear();
    try {
      onCreated(await proposing.mutateAsync({ body: { vacancyId, personId } }));
    } catch (err) {
      handle(err);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('referrals.proposeTitle')} size="lg">
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
            <PersonSearchPick
              showSharing
              value={personId}
              onChange={(id, p) => {
                setPersonId(id);
                setPicked(p);
              }}
            />
            {picked && !picked.sharesWithEmployers ? (
              <SharingConsentInPlace
                key={picked.id}
                person={picked}
                onRecorded={() => setPicked({ ...picked, sharesWithEmployers: true })}
              />
            ) : null}
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => void propose()}
            loading={proposing.isPending}
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

const IN_PLACE_CHANNELS = ['in-person', 'phone'] as const;

/**
 * The picked person has not consented to share their profile with employers: the referral may be
 * proposed, but it is not sent without that consent. When the person is there (at the desk or on the
 * phone), the counsellor reads the consent text and records it here (POST /persons/:id/consents, audited).
 */
function SharingConsentInPlace({ person, onRecorded }: { person: PersonPick; onRecorded: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [channel, setChannel] = useState<(typeof IN_PLACE_CHANNELS)[number]>('in-person');
  const granting = useOpMutation(grantConsent);
  const error = granting.error ? toProblem(granting.error) : null;
  function record() {
    granting.mutate(
      {
        params: { id: person.id },
        body: { purpose: 'share-with-employers', partner: null, textVersion: CONSENT_TEXT_VERSION, channel },
      },
      {
        onSuccess: () => {
          notifySuccess(t('referrals.consentRecorded'));
          // The person's screens and the picker's cards read it again.
          void client.invalidateQueries({ queryKey: ['persons'] });
          void client.invalidateQueries({ queryKey: ['person', person.id] });
          onRecorded();
        },
      },
    );
  }
  return (
    <Alert color="yellow" variant="light" data-testid="sharing-consent-missing">
      <Stack gap="xs">
        <Text size="sm">{t('referrals.consentMissing', { name: `${person.givenName} ${person.familyName}` })}</Text>
        <Text size="sm">{t('referrals.consentAsk')}</Text>
        <Text size="sm" c="dimmed">
          {t('pdf.consent.purposes.share-with-employers.body')}
        </Text>
        <ProblemAlert problem={error} />
        <Group align="flex-end">
          <SegmentedControl
            aria-label={t('consents.channel')}
            value={channel}
            onChange={(v) => setChannel(v)}
            data={IN_PLACE_CHANNELS.map((c) => ({ value: c, label: t(`consents.channels.${c}`) }))}
          />
          <Button variant="light" loading={granting.isPending} onClick={record} data-testid="record-sharing-consent">
            {t('referrals.recordConsentNow')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
