import { useState } from 'react';
import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { createOwnDpRequest, listOwnDpRequests } from '../../../common/contracts/dataprotection.ts';
import {
  listOwnApplications,
  listOwnAppointments,
  type OwnApplication,
} from '../../../common/contracts/self-service.ts';
import { formatDate, formatDateTime, formatTime } from '../../components/format.ts';
import { notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog, InlineLoader, LoadError } from '../../components/ui.tsx';

/** A card of the seeker's page with its title, a loading, error and empty state, and the list. */
function OwnList<T>({
  id,
  title,
  intro,
  empty,
  query,
  render,
}: {
  id: string;
  title: string;
  intro: string;
  empty: string;
  query: { isPending: boolean; error: Error | null; data: { items: T[] } | undefined; refetch: () => unknown };
  render: (item: T) => React.ReactNode;
}) {
  let body;
  if (query.isPending) body = <InlineLoader />;
  else if (query.error) body = <LoadError problem={toProblem(query.error)} onRetry={() => void query.refetch()} />;
  else if (!query.data || query.data.items.length === 0)
    body = (
      <Text size="sm" c="dimmed" data-testid={`${id}-empty`}>
        {empty}
      </Text>
    );
  else
    body = (
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid={`${id}-list`}>
        {query.data.items.map(render)}
      </Stack>
    );
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {intro}
        </Text>
        {body}
      </Stack>
    </Card>
  );
}

/** Where an application stands, in the seeker's words (the interview with its Türkiye date and time). */
function stageOf(a: OwnApplication, t: TFunction): string {
  if (a.status === 'interview' && a.interviewAt)
    return t('selfService.applications.stages.interviewAt', { date: formatDateTime(a.interviewAt) });
  if (a.status === 'proposed' && a.source === 'person') return t('selfService.applications.stages.received');
  return t(`selfService.applications.stages.${a.status}`);
}

/**
 * On an application proposed from matching's ranked list: the person may ask for a review of how they were
 * ranked (KVKK art. 11(1)(g), an objection to an automated result). The request goes to the data-protection
 * desk with the ranking kept with the referral; once asked, the application says so until the answer.
 */
function RankingReview({ application }: { application: OwnApplication }) {
  const { t } = useTranslation();
  const requests = useOp(listOwnDpRequests, undefined);
  const file = useOpMutation(createOwnDpRequest, { invalidates: ['/me/data-requests'] });
  const [open, setOpen] = useState(false);
  const [details, setDetails] = useState('');
  const { problem, handle, clear } = useFormProblem();
  const asked = requests.data?.items.find((r) => r.referralId === application.id);
  if (asked)
    return (
      <Text size="xs" c="dimmed" data-testid="ranking-review-asked">
        {t('selfService.applications.reviewAsked', {
          date: formatDate(asked.receivedOn),
          status: t(`dataProtection.statuses.${asked.status}`),
        })}
      </Text>
    );
  return (
    <>
      <Group>
        <Button size="xs" variant="default" onClick={() => setOpen(true)} data-testid="ranking-review">
          {t('selfService.applications.review')}
        </Button>
      </Group>
      <ConfirmDialog
        opened={open}
        title={t('selfService.applications.reviewTitle')}
        message={t('selfService.applications.reviewText')}
        confirmLabel={t('selfService.applications.reviewSend')}
        loading={file.isPending}
        onCancel={() => {
          setOpen(false);
          clear();
        }}
        onConfirm={() =>
          void file
            .mutateAsync({
              body: { kind: 'objection-automated', referralId: application.id, details: details.trim() || null },
            })
            .then(() => {
              setOpen(false);
              setDetails('');
              notifySuccess(t('selfService.applications.reviewSent'));
            })
            .catch(handle)
        }
      >
        <ProblemAlert problem={problem} onClose={clear} />
        <Textarea
          label={t('selfService.applications.reviewDetails')}
          autosize
          minRows={3}
          maxLength={5000}
          value={details}
          onChange={(e) => setDetails(e.currentTarget.value)}
          data-testid="ranking-review-details"
        />
      </ConfirmDialog>
    </>
  );
}

/** The seeker's own applications (GET /me/applications): read only, newest first. */
export function OwnApplicationsSection() {
  const { t } = useTranslation();
  const list = useOp(listOwnApplications, undefined);
  return (
    <OwnList
      id="me-applications"
      title={t('selfService.applications.title')}
      intro={t('selfService.applications.intro')}
      empty={t('selfService.applications.none')}
      query={list}
      render={(a) => (
        <Card component="li" key={a.id} withBorder padding="sm" data-testid="own-application">
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              <bdi>{a.vacancyTitle}</bdi> · <bdi>{a.employerName}</bdi>
            </Text>
            <Text size="sm" data-testid="own-application-stage">
              {stageOf(a, t)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('selfService.applications.since', { date: formatDate(a.appliedAt.slice(0, 10)) })}
            </Text>
            {a.ranked ? <RankingReview application={a} /> : null}
          </Stack>
        </Card>
      )}
    />
  );
}

/** The seeker's own appointments (GET /me/appointments): upcoming first, then the past ones. */
export function OwnAppointmentsSection() {
  const { t } = useTranslation();
  const list = useOp(listOwnAppointments, undefined);
  return (
    <OwnList
      id="me-appointments"
      title={t('selfService.appointments.title')}
      intro={t('selfService.appointments.intro')}
      empty={t('selfService.appointments.none')}
      query={list}
      render={(a) => (
        <Card component="li" key={a.id} withBorder padding="sm" data-testid="own-appointment">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Stack gap={2}>
              <Text size="sm" fw={600} data-testid="own-appointment-when">
                {t('selfService.appointments.when', {
                  date: formatDateTime(a.startsAt),
                  end: formatTime(a.endsAt),
                })}
              </Text>
              <Text size="sm">
                {t(`selfService.appointments.modes.${a.mode}`, { office: a.office.name })} ·{' '}
                {t('selfService.appointments.with', { name: a.counsellor.name })}
              </Text>
            </Stack>
            <Text size="sm" fw={500} c={a.upcoming ? undefined : 'dimmed'}>
              {a.upcoming ? t('selfService.appointments.upcoming') : t(`selfService.appointments.past.${a.status}`)}
            </Text>
          </Group>
        </Card>
      )}
    />
  );
}
