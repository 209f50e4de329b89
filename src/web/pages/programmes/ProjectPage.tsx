import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import {
  ActionIcon,
  Anchor,
  Badge,
  Box,
  Breadcrumbs,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconPencil, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { API_BASE, type Problem } from '../../api/client.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import {
  formatDate,
  formatDateTime,
  formatList,
  formatMoney,
  formatNumber,
  listSeparator,
} from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { notifyProblem, notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError, PageLoader, useDocumentTitle } from '../../components/ui.tsx';
import {
  ACTIVITY_KINDS,
  INDICATOR_LEVELS,
  INDICATOR_MEASURES,
  INDICATOR_UNITS,
  type ActivityKind,
  type IndicatorLevel,
  type IndicatorMeasure,
  type IndicatorUnit,
} from '../../../common/programmes.ts';
import {
  addActivity,
  addIndicator,
  decideValue,
  enterValue,
  getProject,
  getResults,
  listActivities,
  removeActivity,
  removeIndicator,
  updateIndicator,
  type IndicatorResult,
  type Project,
} from '../../../common/contracts/programmes.ts';
import { localTitle } from '../courses/labels.ts';
import { ProjectStatusBadge } from './ProjectsPage.tsx';
import { DateField } from '../../components/DateFields.tsx';

/** The unit a computed measure counts in (a hand-entered indicator chooses its own). */
const UNIT_OF: Partial<Record<IndicatorMeasure, IndicatorUnit>> = {
  enrolled: 'persons',
  completed: 'persons',
  certified: 'certificates',
  'placed-3m': 'persons',
  'placed-6m': 'persons',
  'activity-reach': 'persons',
  'fair-visitors': 'persons',
  'fair-hires': 'persons',
};

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

function money(amount: number, currency: string): string {
  return formatMoney(amount, { currency, currencyDisplay: 'symbol', maximumFractionDigits: 0 });
}

function Details({ project }: { project: Project }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-label={t('programmes.details')}>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        <Fact label={t('programmes.fields.dates')}>
          {formatDate(project.startDate)} – {formatDate(project.endDate)}
        </Fact>
        <Fact label={t('programmes.fields.donor')}>{project.donor?.name ?? '—'}</Fact>
        <Fact label={t('programmes.fields.budget')}>
          {project.budgetAmount !== null && project.currency ? money(project.budgetAmount, project.currency) : '—'}
        </Fact>
        <Fact label={t('programmes.fields.targetGroups')}>
          {project.targetGroups.length ? formatList(project.targetGroups.map((g) => t(`groups.names.${g}`))) : '—'}
          {project.restrictedGroup ? (
            <Text size="xs" c="red.9" data-testid="project-restricted">
              {t('programmes.restrictedLine', { group: t(`groups.names.${project.restrictedGroup}`) })}
            </Text>
          ) : null}
        </Fact>
        <Fact label={t('programmes.fields.districts')}>
          {project.districts.length ? formatList(project.districts) : '—'}
        </Fact>
        <Fact label={t('programmes.fields.partners')}>
          {project.partners.length ? (
            <Stack gap={2}>
              {project.partners.map((p) => (
                <Text size="sm" key={`${p.partnerId}/${p.role}`}>
                  {p.name} · {t(`programmes.partnerRoles.${p.role}`)}
                </Text>
              ))}
            </Stack>
          ) : (
            '—'
          )}
        </Fact>
      </SimpleGrid>
      {project.description ? (
        <Text size="sm" mt="md" style={{ whiteSpace: 'pre-line' }}>
          {project.description}
        </Text>
      ) : null}
    </Card>
  );
}

function Courses({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  return (
    <Card withBorder padding="md" component="section" aria-label={t('programmes.fields.courses')}>
      <Title order={2} size="h4" mb="sm">
        {t('programmes.fields.courses')}
      </Title>
      {project.courses.length === 0 ? (
        <Empty title={t('programmes.noCourses')} description={t('programmes.noCoursesText')} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" data-testid="project-courses">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('courses.fields.title')}</Table.Th>
                <Table.Th>{t('courses.fields.dates')}</Table.Th>
                <Table.Th>{t('courses.fields.enrolled')}</Table.Th>
                <Table.Th>{t('programmes.completed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {project.courses.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/courses/${c.id}`} size="sm">
                      {localTitle(c.title, i18n.language)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {formatDate(c.startDate)} – {formatDate(c.endDate)}
                  </Table.Td>
                  <Table.Td>{formatNumber(c.enrolled)}</Table.Td>
                  <Table.Td>{formatNumber(c.completed)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}

/**
 * Targets against actuals per period as horizontal bars (bars grow from the reading direction's start,
 * so the chart mirrors itself in Arabic); the numbers are beside each bar and in the table below.
 */
function ProgressChart({ indicator }: { indicator: IndicatorResult }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...indicator.periods.flatMap((p) => [p.target, p.actual]));
  const bar = (value: number, color: string, testId: string, label: string) => (
    <Group gap="xs" wrap="nowrap">
      <Text size="xs" w={70} c="dimmed">
        {label}
      </Text>
      <Box style={{ flex: 1 }}>
        <Box
          h={14}
          bg={color}
          style={{ width: `${Math.max(value > 0 ? 1 : 0, (value * 100) / max)}%`, borderRadius: 3 }}
          data-testid={testId}
        />
      </Box>
      <Text size="xs" fw={600} w={64} ta="end">
        {formatNumber(value)}
      </Text>
    </Group>
  );
  return (
    <Stack
      gap="sm"
      role="img"
      aria-label={t('programmes.chartLabel', {
        title: localTitle(indicator.title),
        actual: formatNumber(indicator.actual),
        target: formatNumber(indicator.target),
      })}
      data-testid={`chart-${indicator.code}`}
    >
      {indicator.periods.map((p) => (
        <Stack gap={2} key={p.id}>
          <Text size="xs" fw={600}>
            {formatDate(p.periodStart)} – {formatDate(p.periodEnd)}
          </Text>
          {bar(p.target, 'gray.4', `bar-target-${indicator.code}`, t('programmes.target'))}
          {bar(p.actual, 'teal.8', `bar-actual-${indicator.code}`, t('programmes.actual'))}
        </Stack>
      ))}
    </Stack>
  );
}

function ValueForm({
  projectId,
  indicator,
  onDone,
}: {
  projectId: string;
  indicator: IndicatorResult;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm({ initialValues: { valueDate: '', value: '' as number | string, evidence: '' } });
  const { problem, handle, clear } = useFormProblem(form, ['valueDate', 'value', 'evidence']);
  const enter = useOpMutation(enterValue, { invalidates: ['/projects'] });
  async function submit(v: { valueDate: string; value: number | string; evidence: string }) {
    clear();
    try {
      await enter.mutateAsync({
        params: { id: projectId, indicatorId: indicator.id },
        body: {
          valueDate: v.valueDate,
          value: typeof v.value === 'number' ? v.value : -1,
          evidence: v.evidence.trim(),
        },
      });
      notifySuccess(t('programmes.valueEntered'));
      onDone();
    } catch (err) {
      handle(err);
    }
  }
  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
      <Stack>
        <ProblemAlert problem={problem} onClose={clear} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('programmes.value.date')} required {...form.getInputProps('valueDate')} />
          <NumberInput label={t('programmes.value.value')} required min={0} {...form.getInputProps('value')} />
        </SimpleGrid>
        <Textarea
          label={t('programmes.value.evidence')}
          description={t('programmes.value.evidenceHelp')}
          required
          autosize
          minRows={2}
          {...form.getInputProps('evidence')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={enter.isPending}>
            {t('programmes.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Values({
  projectId,
  indicator,
  canManage,
}: {
  projectId: string;
  indicator: IndicatorResult;
  canManage: boolean;
}) {
  const { t } = useTranslation();
  const [entering, setEntering] = useState(false);
  const decide = useOpMutation(decideValue, { invalidates: ['/projects'] });
  const act = async (id: string, decision: 'approved' | 'rejected') => {
    try {
      await decide.mutateAsync({ params: { id }, body: { decision } });
      notifySuccess(t(decision === 'approved' ? 'programmes.valueApproved' : 'programmes.valueRejected'));
    } catch (err) {
      notifyProblem(err);
    }
  };
  return (
    <Stack gap="xs" mt="sm">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {t('programmes.value.title')}
        </Text>
        {canManage ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEntering(true)}
          >
            {t('programmes.value.enter')}
          </Button>
        ) : null}
      </Group>
      {indicator.values.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('programmes.value.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" data-testid={`values-${indicator.code}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('programmes.value.date')}</Table.Th>
                <Table.Th>{t('programmes.value.value')}</Table.Th>
                <Table.Th>{t('programmes.value.evidence')}</Table.Th>
                <Table.Th>{t('programmes.value.enteredBy')}</Table.Th>
                <Table.Th>{t('programmes.value.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {indicator.values.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{formatDate(v.valueDate)}</Table.Td>
                  <Table.Td>{formatNumber(v.value)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'pre-line' }}>{v.evidence}</Table.Td>
                  <Table.Td>
                    {v.enteredBy}
                    <Text size="xs" c="dimmed">
                      {formatDateTime(v.enteredAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {v.status === 'pending' && canManage ? (
                      <Group gap={4} wrap="nowrap">
                        <ActionIcon
                          variant="light"
                          color="teal.9"
                          aria-label={t('programmes.value.approve')}
                          onClick={() => void act(v.id, 'approved')}
                        >
                          <IconCheck size={16} aria-hidden />
                        </ActionIcon>
                        <ActionIcon
                          variant="light"
                          color="red.9"
                          aria-label={t('programmes.value.reject')}
                          onClick={() => void act(v.id, 'rejected')}
                        >
                          <IconX size={16} aria-hidden />
                        </ActionIcon>
                      </Group>
                    ) : (
                      <Stack gap={0}>
                        <Badge
                          variant="outline"
                          color={v.status === 'approved' ? 'teal.9' : v.status === 'rejected' ? 'red.9' : 'orange.9'}
                        >
                          {t(`programmes.valueStatuses.${v.status}`)}
                        </Badge>
                        {v.decidedBy ? (
                          <Text size="xs" c="dimmed">
                            {v.decidedBy}
                          </Text>
                        ) : null}
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Modal opened={entering} onClose={() => setEntering(false)} title={t('programmes.value.enter')}>
        {entering ? <ValueForm projectId={projectId} indicator={indicator} onDone={() => setEntering(false)} /> : null}
      </Modal>
    </Stack>
  );
}

/** A target group's name: the groups' own labels, or this page's for "no group" and fair walk-ins. */
export function groupLabel(t: (key: string) => string, group: string): string {
  return group === 'none' || group === 'not-registered' ? t(`programmes.byGroup.${group}`) : t(`groups.names.${group}`);
}

/** The actual by target group: the groups with someone in them, a suppressed small cell as "–". */
function GroupSplit({ code, cells }: { code: string; cells: NonNullable<IndicatorResult['split']>['targetGroups'] }) {
  const { t } = useTranslation();
  const shown = cells.filter((c) => c.suppressed || (c.value ?? 0) > 0);
  if (shown.length === 0) return null;
  return (
    <Text size="xs" c="dimmed" data-testid={`groups-${code}`}>
      {t('programmes.byGroup.title')}:{' '}
      {shown.map((c, i) => (
        <span key={c.group}>
          {i > 0 ? ' · ' : ''}
          {groupLabel(t, c.group)}{' '}
          {c.suppressed ? <abbr title={t('programmes.byGroup.suppressed')}>{'–'}</abbr> : formatNumber(c.value ?? 0)}
        </span>
      ))}
    </Text>
  );
}

function IndicatorCard({
  projectId,
  project,
  indicator,
  canManage,
}: {
  projectId: string;
  /** The project's dates, for editing the indicator's periods. */
  project?: Pick<Project, 'id' | 'startDate' | 'endDate'>;
  indicator: IndicatorResult;
  canManage: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const remove = useOpMutation(removeIndicator, { invalidates: ['/projects'] });
  return (
    <Card withBorder padding="md" data-testid={`indicator-${indicator.code}`}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
        <Stack gap={2}>
          <Group gap="xs">
            <Badge variant="outline" color={indicator.level === 'outcome' ? 'grape.9' : 'blue.9'}>
              {t(`programmes.levels.${indicator.level}`)}
            </Badge>
            <Text fw={700}>
              {indicator.code}. {localTitle(indicator.title, i18n.language)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {t(`programmes.measures.${indicator.measure}`)} ·{' '}
            {t('programmes.baselineLine', { n: formatNumber(indicator.baseline) })}
          </Text>
        </Stack>
        <Stack gap={0} align="flex-end">
          <Text size="xl" fw={700} data-testid={`actual-${indicator.code}`}>
            {formatNumber(indicator.actual)} / {formatNumber(indicator.target)}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`programmes.units.${indicator.unit}`)}
            {indicator.progress !== null
              ? ` · ${t('programmes.progressLine', { percent: formatNumber(indicator.progress) })}`
              : ''}
          </Text>
          {canManage && project ? (
            <Button
              size="compact-xs"
              variant="default"
              mt={4}
              leftSection={<IconPencil size={12} aria-hidden />}
              onClick={() => setEditing(true)}
              data-testid={`edit-indicator-${indicator.code}`}
            >
              {t('programmes.indicator.edit')}
            </Button>
          ) : null}
          {canManage && indicator.values.length === 0 ? (
            <Button
              size="compact-xs"
              variant="default"
              mt={4}
              leftSection={<IconTrash size={12} aria-hidden />}
              onClick={() => setConfirming(true)}
            >
              {t('programmes.indicator.remove')}
            </Button>
          ) : null}
        </Stack>
      </Group>
      <ConfirmDialog
        opened={confirming}
        title={t('programmes.indicator.remove')}
        message={t('programmes.indicator.removeConfirm', { code: indicator.code })}
        confirmLabel={t('programmes.indicator.remove')}
        danger
        loading={remove.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          void remove
            .mutateAsync({ params: { id: projectId, indicatorId: indicator.id } })
            .then(() => setConfirming(false))
            .catch(notifyProblem)
        }
      />
      {project ? (
        <Modal opened={editing} onClose={() => setEditing(false)} title={t('programmes.indicator.edit')} size="xl">
          {editing ? <IndicatorForm project={project} existing={indicator} onDone={() => setEditing(false)} /> : null}
        </Modal>
      ) : null}
      <ProgressChart indicator={indicator} />
      {indicator.split ? (
        <Text size="xs" c="dimmed" mt="sm" data-testid={`split-${indicator.code}`}>
          {t('programmes.splitLine', {
            female: formatNumber(indicator.split.female),
            male: formatNumber(indicator.split.male),
          })}{' '}
          ·{' '}
          {Object.entries(indicator.split.ageBands)
            .map(([band, n]) => `${band}: ${formatNumber(n)}`)
            .join(' · ')}
        </Text>
      ) : null}
      {indicator.split ? <GroupSplit code={indicator.code} cells={indicator.split.targetGroups} /> : null}
      {indicator.measure === 'manual' ? (
        <Values projectId={projectId} indicator={indicator} canManage={canManage} />
      ) : null}
    </Card>
  );
}

interface IndicatorValues {
  code: string;
  level: IndicatorLevel;
  titleTr: string;
  titleEn: string;
  titleAr: string;
  measure: IndicatorMeasure;
  unit: IndicatorUnit;
  baseline: number | string;
  targets: { periodStart: string; periodEnd: string; target: number | string }[];
}

/** Adds an indicator, or (with `existing`) changes one: its titles, baseline, measure and targets per period. */
function IndicatorForm({
  project,
  existing,
  onDone,
}: {
  project: Pick<Project, 'id' | 'startDate' | 'endDate'>;
  existing?: IndicatorResult;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<IndicatorValues>({
    initialValues: existing
      ? {
          code: existing.code,
          level: existing.level,
          titleTr: existing.title.tr,
          titleEn: existing.title.en ?? '',
          titleAr: existing.title.ar ?? '',
          measure: existing.measure,
          unit: existing.unit,
          baseline: existing.baseline,
          targets: existing.periods.map((p) => ({
            periodStart: p.periodStart,
            periodEnd: p.periodEnd,
            target: p.target,
          })),
        }
      : {
          code: '',
          level: 'output',
          titleTr: '',
          titleEn: '',
          titleAr: '',
          measure: 'completed',
          unit: 'persons',
          baseline: 0,
          targets: [{ periodStart: project.startDate, periodEnd: project.endDate, target: '' }],
        },
  });
  const { problem, handle, clear } = useFormProblem(form, [
    'code',
    'level',
    'titleTr',
    'titleEn',
    'titleAr',
    'measure',
    'unit',
    'baseline',
    'targets',
  ]);
  const add = useOpMutation(addIndicator, { invalidates: ['/projects'] });
  const update = useOpMutation(updateIndicator, { invalidates: ['/projects'] });
  const fixedUnit = UNIT_OF[form.values.measure];
  async function submit(v: IndicatorValues) {
    clear();
    try {
      const body = {
        code: v.code.trim(),
        level: v.level,
        titleTr: v.titleTr.trim(),
        titleEn: v.titleEn.trim() || null,
        titleAr: v.titleAr.trim() || null,
        measure: v.measure,
        unit: fixedUnit ?? v.unit,
        baseline: typeof v.baseline === 'number' ? v.baseline : 0,
        targets: v.targets.map((x) => ({
          periodStart: x.periodStart,
          periodEnd: x.periodEnd,
          target: typeof x.target === 'number' ? x.target : -1,
        })),
      };
      if (existing) await update.mutateAsync({ params: { id: project.id, indicatorId: existing.id }, body });
      else await add.mutateAsync({ params: { id: project.id }, body });
      notifySuccess(t(existing ? 'programmes.indicatorSaved' : 'programmes.indicatorAdded'));
      onDone();
    } catch (err) {
      handle(err);
    }
  }
  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
      <Stack>
        <ProblemAlert problem={problem} onClose={clear} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('programmes.indicator.code')}
            required
            dir="ltr"
            data-testid="indicator-code"
            {...form.getInputProps('code')}
          />
          <Select
            label={t('programmes.indicator.level')}
            data={INDICATOR_LEVELS.map((l) => ({ value: l, label: t(`programmes.levels.${l}`) }))}
            allowDeselect={false}
            {...form.getInputProps('level')}
          />
          <NumberInput label={t('programmes.indicator.baseline')} min={0} {...form.getInputProps('baseline')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label={t('programmes.indicator.titleTr')}
            required
            data-testid="indicator-title"
            {...form.getInputProps('titleTr')}
          />
          <TextInput label={t('programmes.indicator.titleEn')} {...form.getInputProps('titleEn')} />
          <TextInput label={t('programmes.indicator.titleAr')} dir="rtl" lang="ar" {...form.getInputProps('titleAr')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('programmes.indicator.measure')}
            description={t(`programmes.measureHelp.${form.values.measure}`)}
            data={INDICATOR_MEASURES.map((m) => ({ value: m, label: t(`programmes.measures.${m}`) }))}
            allowDeselect={false}
            data-testid="indicator-measure"
            {...form.getInputProps('measure')}
          />
          <Select
            label={t('programmes.indicator.unit')}
            data={INDICATOR_UNITS.map((u) => ({ value: u, label: t(`programmes.units.${u}`) }))}
            allowDeselect={false}
            disabled={fixedUnit !== undefined}
            {...form.getInputProps('unit')}
            value={fixedUnit ?? form.values.unit}
          />
        </SimpleGrid>
        <Group justify="space-between">
          <Text fw={600} size="sm">
            {t('programmes.indicator.targets')}
          </Text>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => form.insertListItem('targets', { periodStart: '', periodEnd: '', target: '' })}
          >
            {t('programmes.indicator.addPeriod')}
          </Button>
        </Group>
        {form.values.targets.map((_, i) => (
          <Group key={i} gap="xs" align="flex-end" wrap="wrap">
            <DateField
              label={t('programmes.indicator.periodStart')}
              {...form.getInputProps(`targets.${i}.periodStart`)}
            />
            <DateField label={t('programmes.indicator.periodEnd')} {...form.getInputProps(`targets.${i}.periodEnd`)} />
            <NumberInput
              label={t('programmes.target')}
              min={0}
              w={120}
              data-testid={`indicator-target-${i}`}
              {...form.getInputProps(`targets.${i}.target`)}
            />
            {form.values.targets.length > 1 ? (
              <ActionIcon
                variant="subtle"
                color="red.9"
                size="lg"
                aria-label={t('programmes.indicator.removePeriod')}
                onClick={() => form.removeListItem('targets', i)}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            ) : null}
          </Group>
        ))}
        {form.errors.targets ? (
          <Text c="red.8" size="sm" role="alert">
            {form.errors.targets}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending || update.isPending} data-testid="indicator-save">
            {t('programmes.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ResultsFramework({ project, canManage }: { project: Project; canManage: boolean }) {
  const { t } = useTranslation();
  const results = useOp(getResults, { params: { id: project.id } });
  const [adding, setAdding] = useState(false);
  let body;
  if (results.isPending) body = <InlineLoader />;
  else if (results.error)
    body = <LoadError problem={toProblem(results.error)} onRetry={() => void results.refetch()} />;
  else if (results.data.indicators.length === 0)
    body = <Empty title={t('programmes.noIndicators')} description={t('programmes.noIndicatorsText')} />;
  else
    body = (
      <Stack gap="md">
        {results.data.indicators.map((i) => (
          <IndicatorCard key={i.id} projectId={project.id} project={project} indicator={i} canManage={canManage} />
        ))}
        <Text size="xs" c="dimmed">
          {t('programmes.computedAt', { at: formatDateTime(results.data.computedAt) })}
        </Text>
      </Stack>
    );
  return (
    <Card withBorder padding="md" component="section" aria-label={t('programmes.results')}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('programmes.results')}
        </Title>
        {canManage ? (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
            data-testid="add-indicator"
          >
            {t('programmes.addIndicator')}
          </Button>
        ) : null}
      </Group>
      {body}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('programmes.addIndicator')} size="xl">
        {adding ? <IndicatorForm project={project} onDone={() => setAdding(false)} /> : null}
      </Modal>
    </Card>
  );
}

interface ActivityValues {
  kind: ActivityKind;
  title: string;
  startDate: string;
  endDate: string;
  place: string;
  district: string;
  reach: number | string;
  notes: string;
}

function ActivityForm({ project, onDone }: { project: Project; onDone: () => void }) {
  const { t } = useTranslation();
  const form = useForm<ActivityValues>({
    initialValues: {
      kind: 'workshop',
      title: '',
      startDate: '',
      endDate: '',
      place: '',
      district: '',
      reach: 0,
      notes: '',
    },
  });
  const { problem, handle, clear } = useFormProblem(form, [
    'kind',
    'title',
    'startDate',
    'endDate',
    'place',
    'district',
    'reach',
    'notes',
  ]);
  const add = useOpMutation(addActivity, { invalidates: ['/projects'] });
  async function submit(v: ActivityValues) {
    clear();
    try {
      await add.mutateAsync({
        params: { id: project.id },
        body: {
          kind: v.kind,
          title: v.title.trim(),
          startDate: v.startDate,
          endDate: v.endDate || v.startDate,
          place: v.place.trim(),
          district: v.district.trim() || null,
          reach: typeof v.reach === 'number' ? v.reach : 0,
          notes: v.notes.trim() || null,
        },
      });
      notifySuccess(t('programmes.saved'));
      onDone();
    } catch (err) {
      handle(err);
    }
  }
  return (
    <form onSubmit={form.onSubmit((v) => void submit(v))} noValidate>
      <Stack>
        <ProblemAlert problem={problem} onClose={clear} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('programmes.activity.kind')}
            data={ACTIVITY_KINDS.map((k) => ({ value: k, label: t(`programmes.activityKinds.${k}`) }))}
            allowDeselect={false}
            {...form.getInputProps('kind')}
          />
          <TextInput label={t('programmes.activity.title')} required {...form.getInputProps('title')} />
          <DateField label={t('programmes.form.startDate')} required {...form.getInputProps('startDate')} />
          <DateField label={t('programmes.form.endDate')} {...form.getInputProps('endDate')} />
          <TextInput label={t('programmes.activity.place')} required {...form.getInputProps('place')} />
          <TextInput label={t('programmes.activity.district')} {...form.getInputProps('district')} />
          <NumberInput
            label={t('programmes.activity.reach')}
            description={t('programmes.activity.reachHelp')}
            min={0}
            {...form.getInputProps('reach')}
          />
        </SimpleGrid>
        <Textarea label={t('programmes.activity.notes')} autosize minRows={2} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('programmes.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Activities({ project, canManage }: { project: Project; canManage: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<string | null>(null);
  const list = useOp(
    listActivities,
    { params: { id: project.id }, query: { page, pageSize: 10 } },
    { placeholderData: keepPreviousData },
  );
  const remove = useOpMutation(removeActivity, { invalidates: ['/projects'] });
  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = <Empty title={t('programmes.noActivities')} description={t('programmes.noActivitiesText')} />;
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" data-testid="project-activities">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('programmes.activity.title')}</Table.Th>
                <Table.Th>{t('programmes.fields.dates')}</Table.Th>
                <Table.Th>{t('programmes.activity.place')}</Table.Th>
                <Table.Th>{t('programmes.activity.reach')}</Table.Th>
                {canManage ? <Table.Th aria-label={t('programmes.activity.remove')} /> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {a.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`programmes.activityKinds.${a.kind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {a.startDate === a.endDate
                      ? formatDate(a.startDate)
                      : `${formatDate(a.startDate)} – ${formatDate(a.endDate)}`}
                  </Table.Td>
                  <Table.Td>{[a.place, a.district].filter(Boolean).join(listSeparator())}</Table.Td>
                  <Table.Td>{formatNumber(a.reach)}</Table.Td>
                  {canManage ? (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red.9"
                        aria-label={t('programmes.activity.remove')}
                        onClick={() => setRemoving(a.id)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={list.data} onChange={setPage} />
      </>
    );
  return (
    <Card withBorder padding="md" component="section" aria-label={t('programmes.activities')}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          {t('programmes.activities')}
        </Title>
        {canManage ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            {t('programmes.addActivity')}
          </Button>
        ) : null}
      </Group>
      {body}
      <Modal opened={adding} onClose={() => setAdding(false)} title={t('programmes.addActivity')} size="lg">
        {adding ? <ActivityForm project={project} onDone={() => setAdding(false)} /> : null}
      </Modal>
      <ConfirmDialog
        opened={removing !== null}
        title={t('programmes.activity.remove')}
        message={t('programmes.activity.removeConfirm')}
        confirmLabel={t('programmes.activity.remove')}
        danger
        loading={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() =>
          void remove
            .mutateAsync({ params: { id: removing ?? '' } })
            .then(() => setRemoving(null))
            .catch(notifyProblem)
        }
      />
    </Card>
  );
}

/** A project's page: its facts, partners and courses, the results framework with targets against actuals, its activities. */
export function ProjectPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [listing, setListing] = useState(false);
  const [listProblem, setListProblem] = useState<Problem | null>(null);
  const [fetchingList, setFetchingList] = useState(false);
  const project = useOp(getProject, { params: { id } });
  // The list is fetched rather than linked, so that a refusal (a donor abroad without a recorded safeguard,
  // a special-group project) is shown in the dialog with the server's message instead of a failed download.
  async function downloadList(projectId: string) {
    setFetchingList(true);
    setListProblem(null);
    try {
      const response = await fetch(`${API_BASE}/projects/${projectId}/beneficiaries/export`, {
        headers: { 'accept-language': i18n.language || 'tr' },
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as Problem | null;
        setListProblem(
          body && typeof body.detail === 'string'
            ? body
            : { status: response.status, code: 'unknown', detail: t('common.unexpectedError') },
        );
        return;
      }
      const blob = await response.blob();
      const name =
        /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'beneficiaries.csv';
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = name;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setListing(false);
    } catch {
      setListProblem({ status: 0, code: 'unknown', detail: t('common.unexpectedError') });
    } finally {
      setFetchingList(false);
    }
  }
  useDocumentTitle(project.data ? localTitle(project.data.name, i18n.language) : t('programmes.title'));
  if (project.isPending) return <PageLoader />;
  if (project.error) return <LoadError problem={toProblem(project.error)} onRetry={() => void project.refetch()} />;
  const p = project.data;
  const canManage = can('programmes:manage');
  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to="/projects" size="sm">
          {t('programmes.title')}
        </Anchor>
        <Text size="sm">{p.code ?? localTitle(p.name, i18n.language)}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1} size="h2" data-testid="project-title">
            {localTitle(p.name, i18n.language)}
          </Title>
          <Group gap="xs">
            <ProjectStatusBadge status={p.status} />
            {p.code ? (
              <Text size="sm" c="dimmed" dir="ltr">
                {p.code}
              </Text>
            ) : null}
          </Group>
        </Stack>
        <Group gap="xs">
          <Button component={Link} to={`/projects/${p.id}/report`} variant="default" data-testid="donor-report-link">
            {t('programmes.donorReport.open')}
          </Button>
          {canManage && p.donor ? (
            <Button variant="default" onClick={() => setListing(true)} data-testid="beneficiaries-open">
              {t('programmes.beneficiaries.button')}
            </Button>
          ) : null}
          {canManage ? (
            <Button
              component={Link}
              to={`/projects/${p.id}/edit`}
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
            >
              {t('programmes.edit')}
            </Button>
          ) : null}
        </Group>
      </Group>
      <Modal
        opened={listing}
        onClose={() => {
          setListing(false);
          setListProblem(null);
        }}
        title={t('programmes.beneficiaries.button')}
      >
        <Stack>
          <Text size="sm">{t('programmes.beneficiaries.confirm')}</Text>
          <ProblemAlert problem={listProblem} onClose={() => setListProblem(null)} />
          <Group justify="flex-end">
            <Button
              variant="default"
              onClick={() => {
                setListing(false);
                setListProblem(null);
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button loading={fetchingList} onClick={() => void downloadList(p.id)} data-testid="beneficiaries-download">
              {t('programmes.beneficiaries.download')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Details project={p} />
      <ResultsFramework project={p} canManage={canManage} />
      <Courses project={p} />
      <Activities project={p} canManage={canManage} />
    </Stack>
  );
}
