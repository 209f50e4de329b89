import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconChecklist, IconFileTypePdf, IconUsersGroup } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { formatDate, formatList, formatNumber, formatWeekday, turkiyeToday } from '../../components/format.ts';
import { notifyProblem, notifySuccess, toProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError, PageLoader, useDocumentTitle } from '../../components/ui.tsx';
import { DROPOUT_REASONS, type ApplicationStatus, type DropoutReason } from '../../../common/courses.ts';
import {
  applyCompletion,
  enrolApplicant,
  getCourse,
  listApplications,
  recordAssessment,
  recordDropout,
  revokeCertificate,
  runSelection,
  withdrawApplication,
  type Application,
  type Course,
} from '../../../common/contracts/courses.ts';
import { CourseStatusBadge } from './CoursesPage.tsx';
import { EmploymentSection } from './EmploymentSection.tsx';
import { coursePaths, localTitle } from './labels.ts';

const STATUS_COLOR: Record<ApplicationStatus, string> = {
  applied: 'blue.9',
  waiting: 'orange.9',
  enrolled: 'teal.9',
  withdrawn: 'gray.7',
  'dropped-out': 'red.9',
  completed: 'green.9',
  'not-completed': 'gray.8',
};

export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="outline" data-testid="application-status">
      {t(`courses.applicationStatuses.${status}`)}
    </Badge>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Stack>
  );
}

function Details({ course }: { course: Course }) {
  const { t, i18n } = useTranslation();
  const ages =
    course.minAge !== null || course.maxAge !== null
      ? t('courses.ageRange', { min: course.minAge ?? '—', max: course.maxAge ?? '—' })
      : t('courses.anyAge');
  return (
    <Card withBorder padding="md" component="section" aria-label={t('courses.details')}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        <Fact label={t('courses.fields.occupation')}>
          {localTitle(course.occupation, i18n.language)} ({course.iscoCode})
        </Fact>
        <Fact label={t('courses.fields.dates')}>
          {formatDate(course.startDate)} – {formatDate(course.endDate)} ·{' '}
          {t('courses.hoursN', { n: formatNumber(course.hours) })}
        </Fact>
        <Fact label={t('courses.fields.capacity')}>
          {t('courses.placesLine', {
            enrolled: formatNumber(course.enrolled),
            capacity: formatNumber(course.capacity),
            waiting: formatNumber(course.waiting),
          })}
        </Fact>
        <Fact label={t('courses.fields.trainers')}>
          {course.trainers.length ? formatList(course.trainers.map((x) => x.name)) : '—'}
        </Fact>
        <Fact label={t('courses.fields.eligibility')}>
          {ages}
          {course.targetGroups.length ? (
            <Text size="sm">
              {t(course.targetGroupsRequired ? 'courses.groupsRequired' : 'courses.groupsPriority', {
                groups: formatList(course.targetGroups.map((g) => t(`groups.names.${g}`))),
              })}
            </Text>
          ) : null}
        </Fact>
        <Fact label={t('courses.fields.certificateType')}>
          {t(`courses.certificateTypes.${course.certificateType}`)}
        </Fact>
        <Fact label={t('courses.fields.completionRule')}>
          {t(course.completionRule.assessmentRequired ? 'courses.ruleWithAssessment' : 'courses.ruleAttendance', {
            percent: formatNumber(course.completionRule.minAttendancePercent),
          })}
        </Fact>
        {course.employment ? (
          <Fact label={t('courses.fields.employment')}>
            {t('courses.commitmentLine', {
              employer: course.employment.employerName,
              percent: formatNumber(course.employment.hireCommitmentPercent),
              hires: formatNumber(course.employment.hires ?? 0),
            })}
          </Fact>
        ) : null}
      </SimpleGrid>
    </Card>
  );
}

function Sessions({ course, canTeach }: { course: Course; canTeach: boolean }) {
  const { t } = useTranslation();
  const today = turkiyeToday();
  return (
    <Card withBorder padding="md" component="section" aria-label={t('courses.sessions')}>
      <Title order={2} size="h4" mb="sm">
        {t('courses.sessions')}
      </Title>
      {course.sessions.length === 0 ? (
        <Empty title={t('courses.noSessions')} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" data-testid="sessions-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('courses.fields.date')}</Table.Th>
                <Table.Th>{t('courses.fields.time')}</Table.Th>
                <Table.Th>{t('courses.fields.place')}</Table.Th>
                <Table.Th>{t('courses.attendance')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {course.sessions.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{`${formatWeekday(s.date)}, ${formatDate(s.date)}`}</Table.Td>
                  <Table.Td dir="ltr">
                    {s.startTime}–{s.endTime}
                  </Table.Td>
                  <Table.Td>{s.place}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {s.attendanceTaken ? (
                        <Badge variant="light" color="teal.9">
                          {t('courses.attendanceTaken')}
                        </Badge>
                      ) : null}
                      {canTeach && s.date <= today && !course.completionAppliedAt ? (
                        <Button
                          component={Link}
                          to={coursePaths.attendance(course.id, s.id)}
                          size="xs"
                          variant="default"
                          leftSection={<IconChecklist size={14} aria-hidden />}
                          data-testid={`take-attendance-${s.date}`}
                        >
                          {t('courses.takeAttendance')}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

type Pending =
  { kind: 'enrol' | 'withdraw' | 'dropout' | 'revoke'; app: Application } | { kind: 'select' | 'complete' } | null;

function Applicants({
  course,
  canManage,
  canApply,
  canTeach,
}: {
  course: Course;
  canManage: boolean;
  canApply: boolean;
  canTeach: boolean;
}) {
  const { t } = useTranslation();
  const list = useOp(listApplications, { params: { id: course.id } });
  const invalidates = [`/courses/${course.id}`];
  const select = useOpMutation(runSelection, { invalidates });
  const enrol = useOpMutation(enrolApplicant, { invalidates });
  const withdraw = useOpMutation(withdrawApplication, { invalidates });
  const dropout = useOpMutation(recordDropout, { invalidates });
  const assess = useOpMutation(recordAssessment, { invalidates });
  const complete = useOpMutation(applyCompletion, { invalidates });
  const revoke = useOpMutation(revokeCertificate, { invalidates });
  const [pending, setPending] = useState<Pending>(null);
  const [reason, setReason] = useState<DropoutReason | null>(null);
  const [note, setNote] = useState('');
  const busy =
    select.isPending ||
    enrol.isPending ||
    withdraw.isPending ||
    dropout.isPending ||
    complete.isPending ||
    revoke.isPending;

  if (list.isPending) return <InlineLoader />;
  if (list.error) return <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  const data = list.data;

  async function confirm() {
    if (!pending) return;
    try {
      if (!('app' in pending)) {
        if (pending.kind === 'select') await select.mutateAsync({ params: { id: course.id } });
        else await complete.mutateAsync({ params: { id: course.id } });
      } else {
        const params = { id: course.id, applicationId: pending.app.id };
        if (pending.kind === 'enrol') await enrol.mutateAsync({ params });
        if (pending.kind === 'withdraw') await withdraw.mutateAsync({ params });
        if (pending.kind === 'dropout') {
          if (!reason) return;
          await dropout.mutateAsync({ params, body: { reason, note: note.trim() || null } });
        }
        if (pending.kind === 'revoke' && pending.app.certificate) {
          if (note.trim().length < 3) return;
          await revoke.mutateAsync({ params: { id: pending.app.certificate.id }, body: { reason: note.trim() } });
        }
      }
      notifySuccess(t('courses.done'));
      setPending(null);
      setReason(null);
      setNote('');
    } catch (err) {
      notifyProblem(err);
    }
  }

  const who = pending && 'app' in pending ? pending.app.person.name : '';
  return (
    <Card withBorder padding="md" component="section" aria-label={t('courses.applicants')}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={2} size="h4">
          {t('courses.applicants')}
        </Title>
        <Group gap="xs">
          {canManage ? (
            <Button
              variant="default"
              leftSection={<IconUsersGroup size={16} aria-hidden />}
              onClick={() => setPending({ kind: 'select' })}
              data-testid="run-selection"
            >
              {t('courses.runSelection')}
            </Button>
          ) : null}
          {canTeach ? (
            <Button variant="default" onClick={() => setPending({ kind: 'complete' })} data-testid="apply-completion">
              {t('courses.applyCompletion')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="sm" data-testid="priority-rule">
        {t('courses.priorityRule', {
          groups: data.rule.targetGroups.length
            ? formatList(data.rule.targetGroups.map((g) => t(`groups.names.${g}`)))
            : t('courses.noGroups'),
        })}{' '}
        {t('courses.priorityExcluded')}
      </Text>
      {data.restricted ? (
        <Alert variant="light" color="yellow" data-testid="applicants-restricted">
          <Text size="sm">{t('courses.restrictedList')}</Text>
          <Text size="sm" mt={4}>
            {Object.entries(data.counts).length
              ? formatList(
                  Object.entries(data.counts).map(
                    ([status, n]) => `${t(`courses.applicationStatuses.${status}`)}: ${formatNumber(n)}`,
                  ),
                )
              : t('courses.noApplicants')}
          </Text>
        </Alert>
      ) : data.items.length === 0 ? (
        <Empty title={t('courses.noApplicants')} description={t('courses.noApplicantsText')} />
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="xs" data-testid="applicants-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('courses.rank')}</Table.Th>
                <Table.Th>{t('courses.fields.person')}</Table.Th>
                <Table.Th>{t('courses.fields.status')}</Table.Th>
                <Table.Th>{t('courses.fields.priorityGroups')}</Table.Th>
                <Table.Th>{t('courses.fields.appliedAt')}</Table.Th>
                <Table.Th>{t('courses.attendance')}</Table.Th>
                <Table.Th>{t('courses.fields.assessment')}</Table.Th>
                <Table.Th>{t('courses.fields.certificate')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((a) => (
                <Table.Tr key={a.id} data-testid="applicant-row">
                  <Table.Td>
                    {a.rank !== null ? formatNumber(a.rank) : '—'}
                    {a.waitingPosition !== null ? (
                      <Text size="xs" c="dimmed">
                        {t('courses.waitingPosition', { n: formatNumber(a.waitingPosition) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/persons/${a.person.id}`} size="sm">
                      {a.person.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <ApplicationStatusBadge status={a.status} />
                    {a.dropoutReason ? (
                      <Text size="xs" c="dimmed">
                        {t(`courses.dropoutReasons.${a.dropoutReason}`)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {a.priorityGroups.length ? formatList(a.priorityGroups.map((g) => t(`groups.names.${g}`))) : '—'}
                  </Table.Td>
                  <Table.Td>{formatDate(a.appliedAt)}</Table.Td>
                  <Table.Td>
                    {t('courses.attendanceLine', {
                      attended: formatNumber(a.attended),
                      sessions: formatNumber(data.sessions),
                      percent: formatNumber(a.attendancePercent),
                    })}
                  </Table.Td>
                  <Table.Td>
                    {canTeach && (a.status === 'enrolled' || a.status === 'not-completed') ? (
                      <Select
                        aria-label={t('courses.fields.assessment')}
                        size="xs"
                        w={130}
                        data={[
                          { value: 'none', label: t('courses.assessment.none') },
                          { value: 'passed', label: t('courses.assessment.passed') },
                          { value: 'failed', label: t('courses.assessment.failed') },
                        ]}
                        value={a.assessmentPassed === null ? 'none' : a.assessmentPassed ? 'passed' : 'failed'}
                        allowDeselect={false}
                        disabled={assess.isPending}
                        onChange={(v) =>
                          void assess
                            .mutateAsync({
                              params: { id: course.id, applicationId: a.id },
                              body: { passed: v === 'none' ? null : v === 'passed' },
                            })
                            .catch(notifyProblem)
                        }
                      />
                    ) : a.assessmentPassed === null ? (
                      '—'
                    ) : (
                      t(a.assessmentPassed ? 'courses.assessment.passed' : 'courses.assessment.failed')
                    )}
                  </Table.Td>
                  <Table.Td>
                    {a.certificate ? (
                      <Stack gap={2}>
                        <Text size="xs" ff="monospace" dir="ltr">
                          {a.certificate.code}
                        </Text>
                        {a.certificate.revokedAt ? (
                          <Badge color="red.9" variant="outline" size="xs">
                            {t('courses.revoked')}
                          </Badge>
                        ) : a.certificate.type === 'participation' ? (
                          <Anchor
                            href={coursePaths.certificatePdf(a.certificate.id)}
                            size="xs"
                            data-testid="certificate-pdf"
                          >
                            <IconFileTypePdf size={12} aria-hidden /> {t('courses.downloadPdf')}
                          </Anchor>
                        ) : (
                          <Text size="xs">{t(`courses.certificateTypes.${a.certificate.type}`)}</Text>
                        )}
                      </Stack>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {canManage && (a.status === 'applied' || a.status === 'waiting') ? (
                        <Button size="compact-xs" onClick={() => setPending({ kind: 'enrol', app: a })}>
                          {t('courses.enrol')}
                        </Button>
                      ) : null}
                      {(canManage || canApply) && ['applied', 'waiting', 'enrolled'].includes(a.status) ? (
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() => setPending({ kind: 'withdraw', app: a })}
                        >
                          {t('courses.withdraw')}
                        </Button>
                      ) : null}
                      {canTeach && a.status === 'enrolled' ? (
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() => setPending({ kind: 'dropout', app: a })}
                        >
                          {t('courses.dropout')}
                        </Button>
                      ) : null}
                      {canManage && a.certificate && !a.certificate.revokedAt ? (
                        <Button
                          size="compact-xs"
                          variant="default"
                          color="red.9"
                          onClick={() => setPending({ kind: 'revoke', app: a })}
                        >
                          {t('courses.revoke')}
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmDialog
        opened={pending !== null}
        title={pending ? t(`courses.confirm.${pending.kind}.title`) : ''}
        message={pending ? t(`courses.confirm.${pending.kind}.text`, { name: who }) : ''}
        confirmLabel={pending ? t(`courses.confirm.${pending.kind}.action`) : ''}
        danger={pending?.kind === 'withdraw' || pending?.kind === 'revoke' || pending?.kind === 'dropout'}
        loading={busy}
        onConfirm={() => void confirm()}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === 'dropout' ? (
          <Stack gap="xs">
            <Select
              label={t('courses.fields.dropoutReason')}
              data={DROPOUT_REASONS.map((r) => ({ value: r, label: t(`courses.dropoutReasons.${r}`) }))}
              value={reason}
              onChange={(v) => setReason(v)}
              required
            />
            <Textarea label={t('courses.fields.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          </Stack>
        ) : pending?.kind === 'revoke' ? (
          <Textarea
            label={t('courses.fields.revokeReason')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            required
          />
        ) : null}
      </ConfirmDialog>
    </Card>
  );
}

export function CoursePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const can = useCan();
  const course = useOp(getCourse, { params: { id } });
  useDocumentTitle(course.data ? localTitle(course.data.title, i18n.language) : t('courses.title'));
  if (course.isPending) return <PageLoader />;
  if (course.error) return <LoadError problem={toProblem(course.error)} onRetry={() => void course.refetch()} />;
  const c = course.data;
  const canManage = can('courses:manage');
  const canTeach = canManage || can('courses:write');
  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to={coursePaths.list} size="sm">
          {t('courses.title')}
        </Anchor>
        <Text size="sm">{localTitle(c.title, i18n.language)}</Text>
      </Breadcrumbs>
      <Group gap="sm" align="center">
        <Title order={1} size="h2" data-testid="course-title">
          {localTitle(c.title, i18n.language)}
        </Title>
        <CourseStatusBadge status={c.status} />
        {canManage ? (
          <Button component={Link} to={`/courses/${c.id}/edit`} variant="default" size="xs" data-testid="course-edit">
            {t('common.edit')}
          </Button>
        ) : null}
      </Group>
      <Details course={c} />
      <EmploymentSection course={c} />
      <Sessions course={c} canTeach={canTeach} />
      <Applicants course={c} canManage={canManage} canApply={can('courses:apply')} canTeach={canTeach} />
    </Stack>
  );
}
