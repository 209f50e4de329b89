import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Anchor, Button, Card, Checkbox, Grid, Group, List, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCircleCheck, IconCircleX, IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import * as op from '../../../common/contracts/referrals.ts';
import { PRESCREEN_ITEMS } from '../../../common/contracts/referrals.ts';
import { opKey, useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { formatDateTime } from '../../components/format.ts';
import { notifySuccess, toProblem } from '../../components/problems.tsx';
import { LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { ReferralStatusBadge } from '../../components/work/Badges.tsx';
import { Details } from '../../components/work/Details.tsx';
import { bidi } from '../../components/work/labels.ts';
import { BackLink } from '../../components/work/BackLink.tsx';
import { paths } from '../../components/work/paths.ts';
import { PermitDutyAlert } from '../../components/work/PermitDutyAlert.tsx';
import { RuleProblemAlert, useRuleProblem, READABLE_ERRORS } from '../../components/work/problems.tsx';
import { allowedMoves, ReferralMoveModal } from '../../components/work/ReferralActions.tsx';
import { ReferralTimeline } from '../../components/work/ReferralTimeline.tsx';
import { KeptMatchCard } from '../../components/work/MatchResults.tsx';
import type { ReferralDetail } from '../../components/work/types.ts';
import { useVacancyFieldLabels } from '../../components/work/VacancyForm.tsx';
import { Waiting } from './ReferralsPage.tsx';

export function useReferral(id: string | undefined) {
  return useOp(op.getReferral, { params: { id: id ?? '' } }, { enabled: Boolean(id) });
}

/**
 * After a change: the referral's answer shown at once, and the lists that show it read again (not the
 * referral itself, whose answer is already the new state: `['referrals', id]` is left alone).
 */
export function useReferralChanged() {
  const client = useQueryClient();
  return (next: ReferralDetail) => {
    client.setQueryData(opKey(op.getReferral, { params: { id: next.id } }), next);
    void client.invalidateQueries({
      queryKey: opKey(op.listReferrals),
      predicate: (query) => typeof query.queryKey[1] !== 'string',
    });
  };
}

/** The pre-screen checklist and "send to the employer"; a refusal names the rules or the missing consent. */
function PrescreenCard({ referral, onSent }: { referral: ReferralDetail; onSent: (r: ReferralDetail) => void }) {
  const { t } = useTranslation();
  const labels = useVacancyFieldLabels();
  const sending = useOpMutation(op.sendReferral);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      prescreen: Object.fromEntries(PRESCREEN_ITEMS.map((k) => [k, false])) as Record<op.PrescreenItem, boolean>,
      note: '',
    },
    validate: {
      prescreen: Object.fromEntries(
        PRESCREEN_ITEMS.map((k) => [k, (v: boolean) => (v ? null : t('errors.referrals.prescreenIncomplete'))]),
      ),
    },
  });
  const { problem, handle, clear } = useRuleProblem(form, ['prescreen', 'note']);
  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      onSent(
        await sending.mutateAsync({
          params: { id: referral.id },
          body: { prescreen: values.prescreen, note: values.note.trim() || null },
        }),
      );
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="prescreen-title">
      <form onSubmit={submit} noValidate style={READABLE_ERRORS} data-testid="prescreen-form">
        <Stack gap="sm">
          <Title order={2} size="h4" id="prescreen-title">
            {t('referrals.prescreen.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('referrals.prescreen.text')}
          </Text>
          <RuleProblemAlert problem={problem} labels={labels} onClose={clear} />
          {PRESCREEN_ITEMS.map((k) => (
            <Checkbox
              key={k}
              label={t(`referrals.prescreen.items.${k}`)}
              data-testid={`prescreen-${k}`}
              {...form.getInputProps(`prescreen.${k}`, { type: 'checkbox' })}
            />
          ))}
          <Textarea
            label={t('referrals.prescreen.note')}
            description={t('referrals.prescreen.noteHint')}
            autosize
            minRows={2}
            maxLength={2000}
            dir="auto"
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end">
            <Button
              type="submit"
              loading={sending.isPending}
              leftSection={<IconSend size={16} aria-hidden />}
              data-testid="referral-send"
            >
              {t('referrals.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

/** What the pre-screen recorded, once the referral has been sent. */
export function PrescreenSummary({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation();
  if (!referral.prescreen) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="prescreen-done-title">
      <Title order={2} size="h4" id="prescreen-done-title" mb="sm">
        {t('referrals.prescreen.title')}
      </Title>
      <List spacing={4} center>
        {PRESCREEN_ITEMS.map((k) => (
          <List.Item
            key={k}
            icon={
              referral.prescreen?.[k] ? (
                <IconCircleCheck size={18} color="var(--mantine-color-teal-9)" aria-hidden />
              ) : (
                <IconCircleX size={18} color="var(--mantine-color-red-9)" aria-hidden />
              )
            }
          >
            <Text size="sm">{t(`referrals.prescreen.items.${k}`)}</Text>
          </List.Item>
        ))}
      </List>
      {referral.prescreenNote ? (
        <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <b>{t('referrals.prescreen.note')}:</b> {referral.prescreenNote}
        </Text>
      ) : null}
    </Card>
  );
}

/** The outcome so far: interview time, refusal reason. */
export function ReferralOutcome({ referral }: { referral: ReferralDetail }) {
  const { t } = useTranslation();
  return (
    <Details
      cols={2}
      items={[
        { label: t('referrals.createdAt'), value: formatDateTime(referral.createdAt) },
        { label: t('referrals.sentAt'), value: referral.sentAt ? formatDateTime(referral.sentAt) : '' },
        { label: t('referrals.waiting'), value: <Waiting r={referral} /> },
        {
          label: t('referrals.interviewAt'),
          value: referral.interviewAt ? formatDateTime(referral.interviewAt) : '',
          testId: 'interview-shown',
        },
        ...(referral.reason
          ? [
              {
                label: t('referrals.reasonLabel'),
                value:
                  t(`referrals.reasons.${referral.reason}`, { defaultValue: referral.reason }) +
                  (referral.reasonText ? ` — ${referral.reasonText}` : ''),
                wide: true,
              },
            ]
          : []),
      ]}
    />
  );
}

/** A referral for staff: pre-screen and send, the moves staff may make, and the timed history. */
export function ReferralPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const updated = useReferralChanged();
  const referral = useReferral(id);
  const [move, setMove] = useState<op.ReferralMove | null>(null);

  if (referral.isPending) return <PageLoader />;
  if (referral.error) return <LoadError problem={toProblem(referral.error)} onRetry={() => void referral.refetch()} />;
  const r = referral.data;
  const canWrite = can('referrals:write');
  const moves = canWrite ? allowedMoves(r.status, 'staff') : [];

  return (
    <Stack gap="md">
      <BackLink to={paths.referrals()} label={t('referrals.backToList')} />
      <PageHeader
        title={t('referrals.detailTitle', { person: bidi(r.person.name) })}
        description={t('referrals.detailText', { vacancy: bidi(r.vacancy.title), employer: bidi(r.employer.name) })}
      />
      <Group gap="sm">
        <ReferralStatusBadge status={r.status} />
        <Anchor component={Link} to={paths.vacancy(r.vacancy.id)} size="sm">
          {t('referrals.openVacancy')}
        </Anchor>
        {can('persons:read') ? (
          <Anchor component={Link} to={`/persons/${r.person.id}`} size="sm">
            {t('referrals.openPerson')}
          </Anchor>
        ) : null}
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <PermitDutyAlert duty={r.permitDuty} />
            {r.status === 'proposed' && canWrite ? (
              <PrescreenCard
                referral={r}
                onSent={(next) => {
                  updated(next);
                  notifySuccess(t('referrals.sent'));
                }}
              />
            ) : (
              <PrescreenSummary referral={r} />
            )}
            <Card withBorder padding="md" component="section" aria-labelledby="outcome-title">
              <Title order={2} size="h4" id="outcome-title" mb="sm">
                {t('referrals.outcome')}
              </Title>
              <ReferralOutcome referral={r} />
              {moves.length > 0 ? (
                <Stack gap="xs" mt="md">
                  <Text size="sm" c="dimmed">
                    {r.status === 'proposed' ? t('referrals.movesProposedHint') : t('referrals.movesHint')}
                  </Text>
                  <Group gap="xs">
                    {moves.map((m) => (
                      <Button
                        key={m}
                        size="sm"
                        variant={m === 'withdrawn' || m.startsWith('refused') ? 'default' : 'light'}
                        color={m === 'withdrawn' || m.startsWith('refused') ? undefined : 'indigo'}
                        onClick={() => setMove(m)}
                        data-testid={`move-${m}`}
                      >
                        {t(`referrals.moves.${m}`)}
                      </Button>
                    ))}
                  </Group>
                </Stack>
              ) : null}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <KeptMatchCard referralId={r.id} />
            <Card withBorder padding="md" component="section" aria-labelledby="history-title">
              <Title order={2} size="h4" id="history-title" mb="sm">
                {t('referrals.history')}
              </Title>
              <ReferralTimeline events={r.events} />
            </Card>
            {r.status === 'sent' || r.status === 'seen' ? (
              <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
                {t('referrals.waitingForEmployer')}
              </Alert>
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>
      {move ? (
        <ReferralMoveModal
          referral={r}
          to={move}
          onClose={() => setMove(null)}
          onDone={(next) => {
            setMove(null);
            updated(next);
            notifySuccess(t('common.saved'));
          }}
        />
      ) : null}
    </Stack>
  );
}
