import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  List,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  IconAlertTriangle,
  IconCircleCheck,
  IconCircleX,
  IconPencil,
  IconPlus,
  IconShieldCheck,
} from '@tabler/icons-react';
import { opKey, useOp, useOpMutation } from '../../api/ops.ts';
import { listReferrals } from '../../../common/contracts/referrals.ts';
import * as op from '../../../common/contracts/employers.ts';
import { listVacancies } from '../../../common/contracts/vacancies.ts';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session.ts';
import { formatDate, formatDateTime, formatNumber } from '../../components/format.ts';
import { notifyProblem, notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader, PageLoader } from '../../components/ui.tsx';
import { EmployerStatusBadge, HazardBadge } from '../../components/work/Badges.tsx';
import { Details } from '../../components/work/Details.tsx';
import { bidi, employerName, statusReasonText } from '../../components/work/labels.ts';
import { BackLink } from '../../components/work/BackLink.tsx';
import { paths } from '../../components/work/paths.ts';
import {
  CONCERN_KINDS,
  HAZARD_CLASSES,
  type Concern,
  type ConcernKind,
  type ConcernStatus,
  type EmployerDetail,
  type HazardClass,
} from '../../components/work/types.ts';
import { ReferralTable } from '../referrals/ReferralsPage.tsx';
import { VacancyTable } from '../vacancies/VacanciesPage.tsx';
import { ContactsCard } from './ContactsCard.tsx';
import { EmployerUsersCard } from './EmployerUsersCard.tsx';
import { PendingChangeCard } from './ChangeRequests.tsx';
import { READABLE_ERRORS } from '../../components/work/problems.tsx';
import { safeHttpUrl } from '../../../common/url.ts';

export function useEmployer(id: string | undefined) {
  return useOp(op.getEmployer, { params: { id: id ?? '' } }, { enabled: Boolean(id) });
}

/** Verify, reinstate or suspend (with a reason). Suspension stops publishing and referrals. */
function StatusModal({
  employer,
  target,
  onClose,
  onDone,
}: {
  employer: EmployerDetail;
  target: 'verified' | 'suspended';
  onClose: () => void;
  onDone: (e: EmployerDetail) => void;
}) {
  const { t } = useTranslation();
  const setting = useOpMutation(op.setEmployerStatus);
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: { reason: (v) => (target === 'suspended' && !v.trim() ? t('errors.validation.required') : null) },
  });
  const { problem, handle, clear } = useFormProblem(form, ['reason']);
  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      onDone(
        await setting.mutateAsync({
          params: { id: employer.id },
          body: { status: target, reason: values.reason.trim() || null },
        }),
      );
    } catch (err) {
      handle(err);
    }
  });
  const title =
    target === 'suspended'
      ? t('employers.suspend')
      : employer.status === 'suspended'
        ? t('employers.reinstate')
        : t('employers.verify');
  return (
    <Modal opened onClose={onClose} title={title} centered>
      <form onSubmit={submit} noValidate style={READABLE_ERRORS}>
        <Stack>
          <Text size="sm">
            {target === 'suspended'
              ? t('employers.suspendConfirm', { name: bidi(employerName(employer)) })
              : t('employers.verifyConfirm', { name: bidi(employerName(employer)) })}
          </Text>
          <ProblemAlert problem={problem} />
          {target === 'suspended' ? (
            <Textarea
              label={t('employers.suspendReason')}
              description={t('employers.suspendReasonHint')}
              required
              autosize
              minRows={3}
              maxLength={1000}
              data-testid="suspend-reason"
              dir="auto"
              {...form.getInputProps('reason')}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={setting.isPending}
              color={target === 'suspended' ? 'red.9' : undefined}
              data-testid="confirm"
            >
              {title}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function VerificationCard({
  employer,
  canWrite,
  onChanged,
}: {
  employer: EmployerDetail;
  canWrite: boolean;
  onChanged: (e: EmployerDetail) => void;
}) {
  const { t } = useTranslation();
  const [hazard, setHazard] = useState<HazardClass>(employer.hazardClass ?? employer.hazardClassSuggested);
  const confirming = useOpMutation(op.confirmHazardClass);
  const check = (ok: boolean, label: string) => (
    <List.Item
      icon={
        ok ? (
          <IconCircleCheck size={18} color="var(--mantine-color-teal-9)" aria-hidden />
        ) : (
          <IconCircleX size={18} color="var(--mantine-color-red-9)" aria-hidden />
        )
      }
    >
      <Text size="sm">
        {label}: <b>{ok ? t('employers.checkDone') : t('employers.checkMissing')}</b>
      </Text>
    </List.Item>
  );

  async function confirmHazard() {
    try {
      onChanged(await confirming.mutateAsync({ params: { id: employer.id }, body: { hazardClass: hazard } }));
      notifySuccess(t('employers.hazardConfirmed'));
    } catch (err) {
      notifyProblem(err);
    }
  }

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="verification-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="verification-title">
          {t('employers.verification')}
        </Title>
        <List spacing={4} center>
          {check(employer.termsAccepted, t('employers.checkTerms'))}
          {check(employer.hazardConfirmed, t('employers.checkHazard'))}
        </List>
        <Group gap="xs">
          <Text size="sm">{t('employers.suggestedHazard')}</Text>
          <HazardBadge value={employer.hazardClassSuggested} />
        </Group>
        {employer.hazardConfirmed && employer.hazardClass ? (
          <Group gap="xs">
            <Text size="sm">{t('employers.confirmedHazard')}</Text>
            <HazardBadge value={employer.hazardClass} />
          </Group>
        ) : null}
        {canWrite ? (
          <Group align="flex-end" gap="xs" wrap="wrap">
            <Select
              label={t('employers.hazardFromSgk')}
              data={HAZARD_CLASSES.map((h) => ({ value: h, label: t(`employers.hazard.${h}`) }))}
              value={hazard}
              onChange={(v) => v && setHazard(v)}
              allowDeselect={false}
              w={{ base: '100%', xs: 260 }}
              data-testid="hazard-select"
            />
            <Button
              variant="light"
              onClick={() => void confirmHazard()}
              loading={confirming.isPending}
              leftSection={<IconShieldCheck size={16} aria-hidden />}
              data-testid="hazard-confirm"
            >
              {t('employers.confirmHazard')}
            </Button>
          </Group>
        ) : null}
        {employer.verifiedAt ? (
          <Text size="sm" c="dimmed">
            {t('employers.verifiedOn', { date: formatDateTime(employer.verifiedAt) })}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function ResponseRecordCard({ employerId }: { employerId: string }) {
  const { t } = useTranslation();
  const record = useOp(op.getResponseRecord, { params: { id: employerId } });
  let body;
  if (record.isPending) body = <InlineLoader />;
  else if (record.error) body = <LoadError problem={toProblem(record.error)} onRetry={() => void record.refetch()} />;
  else {
    const r = record.data;
    const stat = (label: string, value: string, color?: string) => (
      <Stack gap={0}>
        <Text size="xl" fw={700} c={color}>
          {value}
        </Text>
        <Text size="xs" c="dimmed">
          {label}
        </Text>
      </Stack>
    );
    body = (
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {stat(t('employers.record.sent'), formatNumber(r.sent))}
          {stat(t('employers.record.answered'), formatNumber(r.answered))}
          {stat(
            t('employers.record.average'),
            r.averageWorkingDays === null
              ? '—'
              : t('employers.record.days', {
                  count: r.averageWorkingDays,
                  n: formatNumber(r.averageWorkingDays, { maximumFractionDigits: 1 }),
                }),
          )}
          {stat(t('employers.record.overdueNow'), formatNumber(r.overdueNow), r.overdueNow > 0 ? 'red.9' : undefined)}
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t('employers.record.withinLimit', {
            within: formatNumber(r.withinLimit),
            answered: formatNumber(r.answered),
            limit: formatNumber(r.limitWorkingDays),
          })}
        </Text>
      </Stack>
    );
  }
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="record-title">
      <Title order={2} size="h4" id="record-title" mb="sm">
        {t('employers.record.title')}
      </Title>
      {body}
    </Card>
  );
}

const CONCERN_COLOR: Record<ConcernStatus, string> = {
  open: 'red.9',
  'following-up': '#9c5700',
  resolved: 'teal.9',
  dismissed: 'gray.7',
};

function NewConcernModal({
  employer,
  onClose,
  onDone,
}: {
  employer: EmployerDetail;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const raising = useOpMutation(op.raiseConcern);
  const form = useForm<{ kind: ConcernKind; description: string; suspend: boolean }>({
    mode: 'controlled',
    initialValues: { kind: 'decent-work', description: '', suspend: false },
    validate: {
      description: (v) => (v.trim().length >= 5 ? null : t('errors.validation.minLength', { limit: 5 })),
    },
  });
  const { problem, handle, clear } = useFormProblem(form, ['kind', 'description', 'suspend']);
  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      await raising.mutateAsync({
        params: { id: employer.id },
        body: { kind: values.kind, description: values.description.trim(), suspend: values.suspend },
      });
      onDone();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t('employers.concerns.record')} size="lg">
      <form onSubmit={submit} noValidate style={READABLE_ERRORS}>
        <Stack>
          <Text size="sm">{t('employers.concerns.recordText')}</Text>
          <ProblemAlert problem={problem} />
          <Select
            label={t('employers.concerns.kind')}
            required
            allowDeselect={false}
            data={CONCERN_KINDS.map((k) => ({ value: k, label: t(`employers.concerns.kinds.${k}`) }))}
            {...form.getInputProps('kind')}
          />
          <Textarea
            label={t('employers.concerns.description')}
            description={t('employers.concerns.descriptionHint')}
            required
            autosize
            minRows={4}
            maxLength={5000}
            dir="auto"
            {...form.getInputProps('description')}
          />
          <Checkbox
            label={t('employers.concerns.suspend')}
            description={
              employer.status === 'suspended'
                ? t('employers.concerns.alreadySuspended')
                : t('employers.concerns.suspendHint')
            }
            disabled={employer.status === 'suspended'}
            {...form.getInputProps('suspend', { type: 'checkbox' })}
          />
          {form.values.kind === 'child-labour' ? (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
              {t('employers.concerns.childLabourHint')}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={raising.isPending} color={form.values.suspend ? 'red.9' : undefined}>
              {form.values.suspend ? t('employers.concerns.recordAndSuspend') : t('employers.concerns.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ConcernUpdateModal({
  employerId,
  concern,
  target,
  onClose,
  onDone,
}: {
  employerId: string;
  concern: Concern;
  target: 'resolved' | 'dismissed';
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const updating = useOpMutation(op.updateConcern);
  const form = useForm({
    mode: 'controlled',
    initialValues: { resolution: '' },
    validate: { resolution: (v) => (v.trim() ? null : t('errors.validation.required')) },
  });
  const { problem, handle, clear } = useFormProblem(form, ['resolution']);
  const submit = form.onSubmit(async (values) => {
    clear();
    try {
      await updating.mutateAsync({
        params: { id: employerId, concernId: concern.id },
        body: { status: target, resolution: values.resolution.trim() },
      });
      onDone();
    } catch (err) {
      handle(err);
    }
  });
  return (
    <Modal opened onClose={onClose} title={t(`employers.concerns.to.${target}`)} centered>
      <form onSubmit={submit} noValidate style={READABLE_ERRORS}>
        <Stack>
          <Text size="sm">{concern.description}</Text>
          <ProblemAlert problem={problem} />
          <Textarea
            label={t('employers.concerns.resolution')}
            required
            autosize
            minRows={3}
            maxLength={5000}
            dir="auto"
            {...form.getInputProps('resolution')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={updating.isPending}>
              {t(`employers.concerns.to.${target}`)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ConcernsCard({
  employer,
  canWrite,
  onChanged,
}: {
  employer: EmployerDetail;
  canWrite: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const input = { params: { id: employer.id } };
  const concerns = useOp(op.listConcerns, input);
  const following = useOpMutation(op.updateConcern);
  const [creating, setCreating] = useState(false);
  const [updating, setUpdating] = useState<{ concern: Concern; target: 'resolved' | 'dismissed' } | null>(null);

  async function refresh() {
    await client.invalidateQueries({ queryKey: opKey(op.listConcerns, input) });
    onChanged();
  }

  async function followUp(c: Concern) {
    try {
      await following.mutateAsync({ params: { id: employer.id, concernId: c.id }, body: { status: 'following-up' } });
      notifySuccess(t('common.saved'));
      await refresh();
    } catch (err) {
      notifyProblem(err);
    }
  }

  let body;
  if (concerns.isPending) body = <InlineLoader />;
  else if (concerns.error)
    body = <LoadError problem={toProblem(concerns.error)} onRetry={() => void concerns.refetch()} />;
  else if (concerns.data.items.length === 0)
    body = <Empty title={t('employers.concerns.empty')} description={t('employers.concerns.emptyText')} />;
  else
    body = (
      <Stack gap="sm" data-testid="concerns">
        {concerns.data.items.map((c) => {
          const open = c.status === 'open' || c.status === 'following-up';
          return (
            <Card key={c.id} withBorder padding="sm">
              <Stack gap={6}>
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Group gap="xs">
                    <Text fw={600} size="sm">
                      {t(`employers.concerns.kinds.${c.kind}`)}
                    </Text>
                    <Badge color={CONCERN_COLOR[c.status]} variant="outline">
                      {t(`employers.concerns.statuses.${c.status}`)}
                    </Badge>
                    {c.overdue ? (
                      <Badge color="red.9" variant="filled">
                        {t('employers.concerns.overdue')}
                      </Badge>
                    ) : null}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(c.createdAt)}
                  </Text>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {c.description}
                </Text>
                {c.followUpDue && open ? (
                  <Text size="xs" c={c.overdue ? 'red.9' : 'dimmed'}>
                    {t('employers.concerns.followUpDue', { date: formatDate(c.followUpDue) })}
                  </Text>
                ) : null}
                {c.resolution ? (
                  <Text size="sm">
                    <b>{t('employers.concerns.resolution')}:</b> {c.resolution}
                  </Text>
                ) : null}
                {canWrite && open ? (
                  <Group gap="xs">
                    {c.status === 'open' ? (
                      <Button size="xs" variant="light" onClick={() => void followUp(c)}>
                        {t('employers.concerns.to.following-up')}
                      </Button>
                    ) : null}
                    <Button
                      size="xs"
                      variant="light"
                      color="teal.9"
                      onClick={() => setUpdating({ concern: c, target: 'resolved' })}
                    >
                      {t('employers.concerns.to.resolved')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="gray.8"
                      onClick={() => setUpdating({ concern: c, target: 'dismissed' })}
                    >
                      {t('employers.concerns.to.dismissed')}
                    </Button>
                  </Group>
                ) : null}
              </Stack>
            </Card>
          );
        })}
      </Stack>
    );

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="concerns-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="concerns-title">
          {t('employers.concerns.title')}
        </Title>
        {canWrite ? (
          <Button
            size="xs"
            variant="light"
            color="red.9"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="concern-create"
          >
            {t('employers.concerns.record')}
          </Button>
        ) : null}
      </Group>
      {body}
      {creating ? (
        <NewConcernModal
          employer={employer}
          onClose={() => setCreating(false)}
          onDone={() => {
            setCreating(false);
            notifySuccess(t('employers.concerns.recorded'));
            void refresh();
          }}
        />
      ) : null}
      {updating ? (
        <ConcernUpdateModal
          employerId={employer.id}
          concern={updating.concern}
          target={updating.target}
          onClose={() => setUpdating(null)}
          onDone={() => {
            setUpdating(null);
            notifySuccess(t('common.saved'));
            void refresh();
          }}
        />
      ) : null}
    </Card>
  );
}

function EmployerVacancies({ employerId }: { employerId: string }) {
  const { t } = useTranslation();
  const list = useOp(listVacancies, { query: { employerId, pageSize: 100 } });
  if (list.isPending) return <InlineLoader />;
  if (list.error) return <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0)
    return <Empty title={t('vacancies.empty')} description={t('employers.noVacanciesText')} />;
  return <VacancyTable items={list.data.items} employerColumn={false} />;
}

function EmployerReferrals({ employerId }: { employerId: string }) {
  const { t } = useTranslation();
  const list = useOp(listReferrals, { query: { employerId, pageSize: 100 } });
  if (list.isPending) return <InlineLoader />;
  if (list.error) return <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  if (list.data.items.length === 0)
    return <Empty title={t('referrals.empty')} description={t('employers.noReferralsText')} />;
  return <ReferralTable items={list.data.items} employerColumn={false} />;
}

/** An employer's profile: record, verification, contacts, concerns, response record, vacancies and referrals. */
export function EmployerPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const client = useQueryClient();
  const employer = useEmployer(id);
  const [status, setStatus] = useState<'verified' | 'suspended' | null>(null);
  const [tab, setTab] = useState<string | null>('overview');
  const canWrite = can('employers:write');

  if (employer.isPending) return <PageLoader />;
  if (employer.error) return <LoadError problem={toProblem(employer.error)} onRetry={() => void employer.refetch()} />;
  const e = employer.data;

  function changed(next: EmployerDetail) {
    client.setQueryData(opKey(op.getEmployer, { params: { id: next.id } }), next);
    void client.invalidateQueries({ queryKey: ['employers'] });
  }

  return (
    <Stack gap="md">
      <BackLink to={paths.employers} label={t('employers.backToList')} />
      <PageHeader
        title={employerName(e)}
        description={e.tradeName ? <bdi>{e.legalName}</bdi> : undefined}
        actions={
          <>
            {can('vacancies:write') && e.status !== 'suspended' ? (
              <Button
                component={Link}
                to={paths.vacancyNew()}
                state={{ employerId: e.id }}
                leftSection={<IconPlus size={16} aria-hidden />}
              >
                {t('vacancies.create')}
              </Button>
            ) : null}
            {canWrite && e.status !== 'verified' ? (
              <Button color="teal.9" onClick={() => setStatus('verified')} data-testid="employer-verify">
                {e.status === 'suspended' ? t('employers.reinstate') : t('employers.verify')}
              </Button>
            ) : null}
            {canWrite ? (
              <Button
                variant="default"
                component={Link}
                to={paths.employerEdit(e.id)}
                leftSection={<IconPencil size={16} aria-hidden />}
              >
                {t('common.edit')}
              </Button>
            ) : null}
            {canWrite && e.status !== 'suspended' ? (
              <Button
                variant="outline"
                color="red.9"
                onClick={() => setStatus('suspended')}
                data-testid="employer-suspend"
              >
                {t('employers.suspend')}
              </Button>
            ) : null}
          </>
        }
      />
      <Group gap="xs">
        <EmployerStatusBadge status={e.status} />
        {e.openConcerns > 0 ? (
          <Badge color="red.9" variant="outline">
            {t('employers.openConcerns', { count: e.openConcerns, n: formatNumber(e.openConcerns) })}
          </Badge>
        ) : null}
      </Group>
      {e.status === 'suspended' ? (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('employers.suspendedTitle')}
        >
          {statusReasonText(e.statusReason)}
        </Alert>
      ) : e.status === 'pending' ? (
        <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          {t('employers.pendingText')}
        </Alert>
      ) : null}
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">{t('employers.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="concerns">{t('employers.tabs.concerns')}</Tabs.Tab>
          <Tabs.Tab value="vacancies">{t('employers.tabs.vacancies')}</Tabs.Tab>
          <Tabs.Tab value="referrals">{t('employers.tabs.referrals')}</Tabs.Tab>
          <Tabs.Tab value="users">{t('employers.tabs.users')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview" pt="md">
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack gap="md">
                <Card withBorder padding="md">
                  <Details
                    cols={2}
                    items={[
                      { label: t('employers.fields.legalName'), value: e.legalName, wide: true },
                      {
                        label: t('employers.fields.taxNumber'),
                        // The number reads left to right; its kind ("الرقم الضريبي (VKN)" in Arabic) in the
                        // page's direction on its own line, not in brackets inside the number's.
                        value: (
                          <>
                            <span className="ltr">{e.taxNumber}</span>
                            <Text size="xs" c="dimmed" data-testid="tax-kind">
                              {t(`employers.taxKinds.${e.taxKind}`)}
                            </Text>
                          </>
                        ),
                      },
                      {
                        label: t('employers.fields.sgkWorkplaceNumber'),
                        value: e.sgkWorkplaceNumber ? <span className="ltr">{e.sgkWorkplaceNumber}</span> : '',
                      },
                      { label: t('employers.fields.naceCode'), value: <span className="ltr">{e.naceCode}</span> },
                      {
                        label: t('employers.fields.workerCount'),
                        value: formatNumber(e.workerCount) + (e.isPublic ? ` · ${t('employers.publicEmployer')}` : ''),
                      },
                      {
                        label: t('employers.disabilityQuota'),
                        value:
                          e.workerCount >= 50
                            ? t('employers.quotaText', {
                                count: e.disabilityQuota,
                                n: formatNumber(e.disabilityQuota),
                                percent: e.isPublic ? 4 : 3,
                              })
                            : t('employers.quotaNone'),
                        testId: 'disability-quota',
                      },
                      { label: t('employers.place'), value: `${e.district}, ${e.province}` },
                      { label: t('employers.fields.address'), value: e.address ?? '' },
                      {
                        label: t('employers.fields.website'),
                        value: safeHttpUrl(e.website) ? (
                          <Anchor
                            href={safeHttpUrl(e.website)!}
                            target="_blank"
                            rel="noopener noreferrer"
                            className="ltr"
                            size="sm"
                          >
                            {e.website}
                          </Anchor>
                        ) : (
                          ''
                        ),
                      },
                      { label: t('employers.registeredOn'), value: formatDate(e.createdAt) },
                    ]}
                  />
                </Card>
                <ResponseRecordCard employerId={e.id} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Stack gap="md">
                <PendingChangeCard employer={e} canDecide={canWrite} onChanged={changed} />
                <VerificationCard key={e.hazardClass ?? 'none'} employer={e} canWrite={canWrite} onChanged={changed} />
                <ContactsCard employer={e} canWrite={canWrite} onChanged={changed} />
              </Stack>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="concerns" pt="md">
          <ConcernsCard employer={e} canWrite={canWrite} onChanged={() => void employer.refetch()} />
        </Tabs.Panel>
        <Tabs.Panel value="vacancies" pt="md">
          <Card withBorder padding="md">
            <EmployerVacancies employerId={e.id} />
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="referrals" pt="md">
          <Card withBorder padding="md">
            <EmployerReferrals employerId={e.id} />
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="users" pt="md">
          <EmployerUsersCard employerId={e.id} canWrite={canWrite} />
        </Tabs.Panel>
      </Tabs>
      {status ? (
        <StatusModal
          employer={e}
          target={status}
          onClose={() => setStatus(null)}
          onDone={(next) => {
            setStatus(null);
            changed(next);
            notifySuccess(next.status === 'suspended' ? t('employers.suspendedDone') : t('employers.verifiedDone'));
          }}
        />
      ) : null}
    </Stack>
  );
}
