import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Menu,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconChevronDown, IconInfoCircle, IconPencil, IconSend, IconUserPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session.ts';
import { formatDate, formatDateTime, formatNumber, listSeparator } from '../../components/format.ts';
import { notifyProblem, notifySuccess, toProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { ReferralStatusBadge, VacancyStatusBadge } from '../../components/work/Badges.tsx';
import { DecentWorkPanel } from '../../components/work/DecentWorkPanel.tsx';
import { Details } from '../../components/work/Details.tsx';
import { bidi, languageName, wageText } from '../../components/work/labels.ts';
import { BackLink } from '../../components/work/BackLink.tsx';
import { paths } from '../../components/work/paths.ts';
import { RuleProblemAlert, useRuleProblem, READABLE_ERRORS } from '../../components/work/problems.tsx';
import { ProposeReferralModal } from '../../components/work/ProposeReferralModal.tsx';
import { useVacancyFieldLabels, vacancyChanged } from '../../components/work/VacancyForm.tsx';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { listReferrals } from '../../../common/contracts/referrals.ts';
import * as op from '../../../common/contracts/vacancies.ts';
import type { Vacancy } from '../../../common/contracts/vacancies.ts';
import { useVacancy } from './VacancyEditPage.tsx';
import { CandidatesPanel } from '../../components/work/MatchResults.tsx';

/** Everything a vacancy says, as label–value pairs. */
export function VacancyDetails({ v }: { v: Vacancy }) {
  const { t } = useTranslation();
  const labels = useVacancyFieldLabels();
  const list = (items: string[]) => (items.length ? items.join(listSeparator()) : '');
  return (
    <Details
      items={[
        { label: labels.occupation, value: v.occupation },
        { label: labels.contractType, value: t(`vacancies.contractTypes.${v.contractType}`) },
        { label: labels.positions, value: formatNumber(v.positions) },
        { label: labels.startDate, value: formatDate(v.startDate) },
        { label: labels.deadline, value: v.deadline ? formatDate(v.deadline) : '' },
        {
          label: t('vacancies.place'),
          value:
            [v.district, v.province].filter(Boolean).join(listSeparator()) +
            (v.remote ? ` · ${t('vacancies.remoteShort')}` : ''),
        },
        {
          label: t('vacancies.workingTime'),
          value: t('vacancies.hoursText', {
            day: formatNumber(v.hoursPerDay),
            week: formatNumber(v.hoursPerWeek),
          }),
        },
        { label: labels.shifts, value: v.shifts.map((s) => t(`vacancies.shifts.${s}`)).join(listSeparator()) },
        { label: labels.minimumAge, value: formatNumber(v.minimumAge) },
        { label: t('vacancies.wage'), value: wageText(v), testId: 'vacancy-wage' },
        { label: labels.iscedLevel, value: v.iscedLevel === null ? '' : t(`vacancies.isced.${v.iscedLevel}`) },
        {
          label: labels.languages,
          value: v.languages
            .map((l) => `${languageName(l.code)} (${t(`vacancies.levels.${l.level}`)})`)
            .join(listSeparator()),
        },
        { label: labels.requiredSkills, value: list(v.requiredSkills) },
        { label: labels.preferredSkills, value: list(v.preferredSkills) },
        {
          label: t('vacancies.conditions'),
          value: [
            v.childcareSupport ? labels.childcareSupport : null,
            v.accessibleWorkplace ? labels.accessibleWorkplace : null,
          ]
            .filter(Boolean)
            .join(listSeparator()),
        },
        {
          label: labels.suitableGroups,
          value: v.suitableGroups.map((g) => t(`vacancies.groups.${g}`)).join(listSeparator()),
        },
        { label: labels.benefits, value: v.benefits ?? '', wide: true },
        { label: labels.duties, value: v.duties, wide: true },
        ...(v.wordingJustification
          ? [{ label: labels.wordingJustification, value: v.wordingJustification, wide: true }]
          : []),
      ]}
    />
  );
}

function ReviewModal({
  vacancy,
  onClose,
  onDone,
}: {
  vacancy: Vacancy;
  onClose: () => void;
  onDone: (v: Vacancy) => void;
}) {
  const { t } = useTranslation();
  const labels = useVacancyFieldLabels();
  const [decision, setDecision] = useState<'publish' | 'return'>('publish');
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const review = useOpMutation(op.reviewVacancy);
  const { problem, handle, clear } = useRuleProblem();

  async function confirm() {
    if (decision === 'return' && !note.trim()) {
      setNoteError(t('errors.validation.required'));
      return;
    }
    clear();
    try {
      onDone(await review.mutateAsync({ params: { id: vacancy.id }, body: { decision, note: note.trim() || null } }));
    } catch (err) {
      // The server formats each rule's message (money, dates, terms) in the user's language.
      handle(err);
    }
  }

  return (
    <Modal opened onClose={onClose} title={t('vacancies.reviewTitle')} size="lg">
      <Stack style={READABLE_ERRORS}>
        <Text size="sm">
          {t('vacancies.reviewText', { title: bidi(vacancy.title), employer: bidi(vacancy.employer.name) })}
        </Text>
        <RuleProblemAlert problem={problem} labels={labels} />
        <SegmentedControl
          aria-label={t('vacancies.reviewDecision')}
          value={decision}
          onChange={(v) => setDecision(v === 'return' ? 'return' : 'publish')}
          data={[
            { value: 'publish', label: t('vacancies.publish') },
            { value: 'return', label: t('vacancies.returnToEmployer') },
          ]}
          fullWidth
          data-testid="review-decision"
        />
        <Textarea
          label={decision === 'return' ? t('vacancies.returnNote') : t('vacancies.publishNote')}
          description={decision === 'return' ? t('vacancies.returnNoteHint') : undefined}
          required={decision === 'return'}
          autosize
          minRows={3}
          maxLength={2000}
          dir="auto"
          value={note}
          error={noteError}
          onChange={(e) => {
            setNote(e.currentTarget.value);
            setNoteError(null);
          }}
          data-testid="review-note"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            onClick={() => void confirm()}
            loading={review.isPending}
            color={decision === 'return' ? '#b7410e' : undefined}
            data-testid="review-confirm"
          >
            {decision === 'publish' ? t('vacancies.publish') : t('vacancies.returnToEmployer')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The referrals made to a vacancy (staff: their office's; an employer: those sent to them). */
export function VacancyReferrals({ vacancyId, portal }: { vacancyId: string; portal: boolean }) {
  const { t } = useTranslation();
  const referrals = useOp(listReferrals, { query: { vacancyId, pageSize: 100 } });
  if (referrals.isPending) return <InlineLoader />;
  if (referrals.error)
    return <LoadError problem={toProblem(referrals.error)} onRetry={() => void referrals.refetch()} />;
  if (referrals.data.items.length === 0)
    return <Empty title={t('referrals.noneForVacancy')} description={t('referrals.noneForVacancyText')} />;
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing="xs" data-testid="vacancy-referrals">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{portal ? t('portal.candidate') : t('referrals.person')}</Table.Th>
            <Table.Th>{t('referrals.status')}</Table.Th>
            <Table.Th>{t('referrals.sentAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {referrals.data.items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={paths.referral(r.id, portal)} size="sm" fw={600}>
                  {r.person.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <ReferralStatusBadge status={r.status} />
              </Table.Td>
              <Table.Td>{r.sentAt ? formatDateTime(r.sentAt) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One vacancy: what it says, its decent-work check, its review and its referrals, with the actions its status allows. */
export function VacancyPage({ portal = false }: { portal?: boolean }) {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const can = useCan();
  const labels = useVacancyFieldLabels();
  const vacancy = useVacancy(id);
  const check = useOp(op.checkVacancy, { params: { id: id ?? '' } }, { enabled: Boolean(id) && vacancy.isSuccess });
  const [reviewing, setReviewing] = useState(false);
  const [closing, setClosing] = useState<'filled' | 'closed' | null>(null);
  const [proposing, setProposing] = useState(false);
  const [tab, setTab] = useState<'details' | 'candidates'>('details');
  const submission = useOpMutation(op.submitVacancy);
  const closure = useOpMutation(op.closeVacancy);
  const busy = submission.isPending || closure.isPending;
  const submitProblem = useRuleProblem();

  if (vacancy.isPending) return <PageLoader />;
  if (vacancy.error) return <LoadError problem={toProblem(vacancy.error)} onRetry={() => void vacancy.refetch()} />;
  const v = vacancy.data;
  const canWrite = portal ? can('employer-portal') : can('vacancies:write');
  const canEdit =
    canWrite && (v.status === 'draft' || v.status === 'submitted' || (!portal && v.status === 'published'));
  const canSubmit = canWrite && v.status === 'draft';
  const canReview = !portal && can('vacancies:approve') && v.status === 'submitted';
  const canClose = canWrite && (v.status === 'draft' || v.status === 'submitted' || v.status === 'published');
  const canPropose = !portal && can('referrals:write') && v.status === 'published';
  const showCandidates = !portal && can('persons:read') && v.status === 'published';

  function updated(next: Vacancy) {
    vacancyChanged(client, next);
  }

  async function submit() {
    submitProblem.clear();
    try {
      updated(await submission.mutateAsync({ params: { id: v.id } }));
      notifySuccess(t('vacancies.submitted'));
    } catch (err) {
      void check.refetch();
      submitProblem.handle(err);
    }
  }

  async function close() {
    if (!closing) return;
    try {
      updated(await closure.mutateAsync({ params: { id: v.id }, body: { outcome: closing } }));
      notifySuccess(closing === 'filled' ? t('vacancies.markedFilled') : t('vacancies.closedDone'));
      setClosing(null);
    } catch (err) {
      notifyProblem(err);
    }
  }

  return (
    <Stack gap="md">
      <BackLink to={paths.vacancies(portal)} label={portal ? t('portal.backToVacancies') : t('vacancies.backToList')} />
      <PageHeader
        title={v.title}
        description={portal ? v.occupation : `${v.employer.name} · ${v.occupation}`}
        actions={
          <>
            {canPropose ? (
              <Button
                leftSection={<IconUserPlus size={16} aria-hidden />}
                onClick={() => setProposing(true)}
                data-testid="propose-person"
              >
                {t('referrals.proposePerson')}
              </Button>
            ) : null}
            {canReview ? (
              <Button onClick={() => setReviewing(true)} data-testid="vacancy-review">
                {t('vacancies.review')}
              </Button>
            ) : null}
            {canSubmit ? (
              <Button
                leftSection={<IconSend size={16} aria-hidden />}
                onClick={() => void submit()}
                loading={busy}
                data-testid="vacancy-submit"
              >
                {t('vacancies.submitForReview')}
              </Button>
            ) : null}
            {canEdit ? (
              <Button
                variant="default"
                component={Link}
                to={paths.vacancyEdit(v.id, portal)}
                leftSection={<IconPencil size={16} aria-hidden />}
                data-testid="vacancy-edit"
              >
                {t('common.edit')}
              </Button>
            ) : null}
            {canClose ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" rightSection={<IconChevronDown size={14} aria-hidden />}>
                    {t('vacancies.closeMenu')}
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {v.status === 'published' ? (
                    <Menu.Item onClick={() => setClosing('filled')} data-testid="vacancy-filled">
                      {t('vacancies.markFilled')}
                    </Menu.Item>
                  ) : null}
                  <Menu.Item color="red.9" onClick={() => setClosing('closed')} data-testid="vacancy-close">
                    {t('vacancies.close')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        }
      />
      <Group gap="xs">
        <VacancyStatusBadge status={v.status} />
        {v.employer.status !== 'verified' ? (
          <Badge color={v.employer.status === 'suspended' ? 'red.9' : '#9c5700'} variant="outline">
            {t(`vacancies.employerStatus.${v.employer.status}`)}
          </Badge>
        ) : null}
        {v.publishedAt ? (
          <Text size="sm" c="dimmed">
            {t('vacancies.publishedOn', { date: formatDateTime(v.publishedAt) })}
          </Text>
        ) : null}
      </Group>
      <RuleProblemAlert problem={submitProblem.problem} labels={labels} onClose={submitProblem.clear} />
      {submitProblem.problem && canEdit ? (
        <Group>
          <Button component={Link} to={paths.vacancyEdit(v.id, portal)} variant="light">
            {t('vacancies.fixInForm')}
          </Button>
        </Group>
      ) : null}
      {v.reviewNote ? (
        <Alert
          color={v.status === 'draft' ? 'yellow' : 'blue'}
          variant="light"
          icon={<IconInfoCircle aria-hidden />}
          title={t('vacancies.reviewNote')}
          data-testid="review-note-shown"
        >
          {v.reviewNote}
        </Alert>
      ) : null}
      {v.status === 'submitted' ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
          {portal ? t('portal.awaitingReview') : t('vacancies.awaitingReview')}
        </Alert>
      ) : null}
      {showCandidates ? (
        <Tabs value={tab} onChange={(x) => setTab(x === 'candidates' ? 'candidates' : 'details')} variant="outline">
          <Tabs.List aria-label={t('matching.vacancyTabs')}>
            <Tabs.Tab value="details" data-testid="tab-details">
              {t('matching.tabs.details')}
            </Tabs.Tab>
            <Tabs.Tab value="candidates" data-testid="tab-candidates">
              {t('matching.tabs.candidates')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
      ) : null}
      {showCandidates && tab === 'candidates' ? (
        <CandidatesPanel vacancyId={v.id} canRefer={can('referrals:write')} />
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <Card withBorder padding="md">
                <VacancyDetails v={v} />
              </Card>
              {v.status !== 'draft' && v.status !== 'submitted' ? (
                <Card withBorder padding="md">
                  <Title order={2} size="h4" mb="sm">
                    {portal ? t('portal.candidates') : t('referrals.title')}
                  </Title>
                  <VacancyReferrals vacancyId={v.id} portal={portal} />
                </Card>
              ) : null}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            {v.status === 'filled' || v.status === 'closed' ? null : (
              <DecentWorkPanel
                result={check.data ?? null}
                source="saved"
                loading={check.isFetching}
                labels={labels}
                justified={Boolean(v.wordingJustification?.trim())}
              />
            )}
          </Grid.Col>
        </Grid>
      )}
      {reviewing ? (
        <ReviewModal
          vacancy={v}
          onClose={() => setReviewing(false)}
          onDone={(next) => {
            setReviewing(false);
            updated(next);
            notifySuccess(next.status === 'published' ? t('vacancies.publishedDone') : t('vacancies.returnedDone'));
          }}
        />
      ) : null}
      {proposing ? (
        <ProposeReferralModal
          vacancy={{ id: v.id, title: v.title }}
          onClose={() => setProposing(false)}
          onCreated={(r) => {
            setProposing(false);
            notifySuccess(t('referrals.proposed'));
            void client.invalidateQueries({ queryKey: ['referrals'] });
            void navigate(paths.referral(r.id));
          }}
        />
      ) : null}
      <ConfirmDialog
        opened={closing !== null}
        title={closing === 'filled' ? t('vacancies.markFilled') : t('vacancies.close')}
        message={closing === 'filled' ? t('vacancies.markFilledConfirm') : t('vacancies.closeConfirm')}
        confirmLabel={closing === 'filled' ? t('vacancies.markFilled') : t('vacancies.close')}
        danger={closing === 'closed'}
        loading={busy}
        onConfirm={() => void close()}
        onCancel={() => setClosing(null)}
      />
    </Stack>
  );
}
