import { useState } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconEdit, IconPlayerPause, IconPlayerPlay, IconPlus, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BACKGROUND_EXPORT_KINDS, EXPORT_FORMATS, ISCO_LEVELS } from '../../../common/contracts/indicators.ts';
import {
  REPORT_RECIPIENTS_MAX,
  REPORT_TTL_DAYS,
  createReportSchedule,
  deleteReportSchedule,
  reportSchedules,
  retryReport,
  updateReportSchedule,
  type ReportRunStatus,
  type ReportSchedule,
  type ReportScheduleBody,
} from '../../../common/contracts/indicators.ts';
import type { BREAKDOWNS } from '../../../common/indicators.ts';
import { LOCALES, type Locale } from '../../../common/locales.ts';
import { useOp, useOpMutation } from '../../api/ops.ts';
import { FormActions, FormModal } from '../../components/FormModal.tsx';
import { notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { ConfirmDialog, Empty, InlineLoader, LoadError } from '../../components/ui.tsx';
import { ExportBreakdown, ExportKindAndFormat } from './ExportOptions.tsx';

/** The last report: its file being built (nobody mailed yet), mailed, or failed (nobody mailed). */
const LAST_STATUS_COLOURS: Record<ReportRunStatus, string> = { building: 'blue', sent: 'teal', failed: 'red' };

const FIELDS = ['name', 'kind', 'format', 'rows', 'level', 'recipients', 'locale', 'active'] as const;

type Kind = (typeof BACKGROUND_EXPORT_KINDS)[number];
type Format = (typeof EXPORT_FORMATS)[number];

interface Values {
  name: string;
  kind: Kind;
  format: Format;
  rows: string;
  level: string;
  recipients: string;
  locale: Locale;
  active: boolean;
}

/** The schedule as a request body (a pause or a resume sends the whole schedule back). */
function bodyOf(s: ReportSchedule, patch: Partial<ReportScheduleBody> = {}): ReportScheduleBody {
  const p = s.parameters;
  return {
    name: s.name,
    kind: s.kind,
    format: s.format,
    ...(s.kind === 'indicators'
      ? {
          rows: (p.rows ?? 'month') as (typeof BREAKDOWNS)[number],
          ...(p.columns ? { columns: p.columns as never } : {}),
          ...(p.indicators ? { indicators: p.indicators } : {}),
        }
      : { level: (p.level ?? '1') as (typeof ISCO_LEVELS)[number] }),
    recipients: s.recipients,
    locale: s.locale,
    active: s.active,
    ...patch,
  };
}

function ScheduleForm({ schedule, onClose }: { schedule: ReportSchedule | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const R = (k: string, p: Record<string, unknown> = {}) => t(`indicatorsUi.reports.${k}`, p);
  const create = useOpMutation(createReportSchedule, { invalidates: [reportSchedules.path] });
  const update = useOpMutation(updateReportSchedule, { invalidates: [reportSchedules.path] });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      name: schedule?.name ?? '',
      kind: schedule?.kind ?? 'indicators',
      format: schedule?.format ?? 'xlsx',
      rows: schedule?.parameters.rows ?? 'month',
      level: schedule?.parameters.level ?? '1',
      recipients: schedule?.recipients.join('\n') ?? '',
      locale:
        schedule?.locale ?? ((LOCALES as readonly string[]).includes(i18n.language) ? (i18n.language as Locale) : 'tr'),
      active: schedule?.active ?? true,
    },
    validate: {
      name: (v) => (v.trim() ? null : t('errors.validation.required')),
      recipients: (v) => (v.trim() ? null : t('errors.validation.required')),
      format: (v, values) =>
        values.kind === 'labour-market' && v === 'sdmx' ? t('errors.indicators.labourMarketFormat') : null,
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const submit = form.onSubmit(async (v) => {
    clear();
    const body: ReportScheduleBody = {
      name: v.name,
      kind: v.kind,
      format: v.format,
      ...(v.kind === 'indicators'
        ? {
            rows: v.rows as (typeof BREAKDOWNS)[number],
            ...(schedule?.kind === 'indicators' && schedule.parameters.indicators
              ? { indicators: schedule.parameters.indicators }
              : {}),
          }
        : { level: v.level as (typeof ISCO_LEVELS)[number] }),
      recipients: v.recipients
        .split(/[\s,;]+/)
        .map((r) => r.trim())
        .filter(Boolean),
      locale: v.locale,
      active: v.active,
    };
    try {
      if (schedule) await update.mutateAsync({ params: { id: schedule.id }, body });
      else await create.mutateAsync({ body });
      notifySuccess(R(schedule ? 'saved' : 'created'));
      onClose();
    } catch (err) {
      handle(err);
    }
  });
  const kind = form.values.kind;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ProblemAlert problem={problem} />
        <TextInput label={R('name')} required {...form.getInputProps('name')} data-testid="report-name" />
        <ExportKindAndFormat kind={kind} inputProps={form.getInputProps} />
        <ExportBreakdown kind={kind} inputProps={form.getInputProps} />
        <Textarea
          label={R('recipients')}
          description={R('recipientsHint', { max: REPORT_RECIPIENTS_MAX })}
          required
          autosize
          minRows={3}
          dir="ltr"
          {...form.getInputProps('recipients')}
          data-testid="report-recipients"
        />
        <Select
          label={R('language')}
          allowDeselect={false}
          data={LOCALES.map((l) => ({ value: l, label: R(`languages.${l}`) }))}
          {...form.getInputProps('locale')}
        />
        <Switch label={R('active')} {...form.getInputProps('active', { type: 'checkbox' })} />
        <FormActions
          onCancel={onClose}
          pending={create.isPending || update.isPending}
          label={R('save')}
          testId="report-submit"
        />
      </Stack>
    </form>
  );
}

/**
 * The organisation's monthly reports (managers and organisation admins): each month the previous month's
 * export is built and each recipient gets a download link by e-mail.
 */
export function ReportSchedulesSection() {
  const { t } = useTranslation();
  const R = (k: string, p: Record<string, unknown> = {}) => t(`indicatorsUi.reports.${k}`, p);
  const E = (k: string) => t(`indicatorsUi.exports.${k}`);
  const list = useOp(reportSchedules, undefined);
  const update = useOpMutation(updateReportSchedule, { invalidates: [reportSchedules.path] });
  const remove = useOpMutation(deleteReportSchedule, { invalidates: [reportSchedules.path] });
  const retry = useOpMutation(retryReport, { invalidates: [reportSchedules.path] });
  const [editing, setEditing] = useState<ReportSchedule | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ReportSchedule | null>(null);

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0) body = <Empty title={R('empty')} />;
  else
    body = (
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="report-schedules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{R('name')}</Table.Th>
              <Table.Th>{R('tables')}</Table.Th>
              <Table.Th>{R('recipients')}</Table.Th>
              <Table.Th>{R('language')}</Table.Th>
              <Table.Th>{R('status')}</Table.Th>
              <Table.Th>{R('lastMonth')}</Table.Th>
              <Table.Th aria-label={R('edit')} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <bdi>{s.name}</bdi>
                </Table.Td>
                <Table.Td>{`${E(`kinds.${s.kind}`)} · ${E(`formats.${s.format}`)}`}</Table.Td>
                <Table.Td>{R('recipientsCount', { count: s.recipients.length })}</Table.Td>
                <Table.Td>{R(`languages.${s.locale}`)}</Table.Td>
                <Table.Td>
                  <Badge color={s.active ? 'teal' : 'gray'} variant="light">
                    {R(s.active ? 'active' : 'paused')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {s.lastMonth ? (
                    <Group gap="xs" wrap="nowrap">
                      <bdi>{s.lastMonth}</bdi>
                      {s.lastStatus && (
                        <Badge color={LAST_STATUS_COLOURS[s.lastStatus]} variant="light">
                          {R(`lastStatus.${s.lastStatus}`)}
                        </Badge>
                      )}
                      {s.lastStatus === 'failed' && (
                        <Button
                          size="compact-xs"
                          variant="light"
                          leftSection={<IconRefresh size={14} aria-hidden />}
                          aria-label={`${R('retry')}: ${s.name} (${s.lastMonth})`}
                          loading={retry.isPending && retry.variables?.params.id === s.id}
                          onClick={() =>
                            retry.mutate({ params: { id: s.id } }, { onSuccess: () => notifySuccess(R('retried')) })
                          }
                          data-testid="report-retry"
                        >
                          {R('retry')}
                        </Button>
                      )}
                    </Group>
                  ) : (
                    <Text c="dimmed">{R('never')}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon variant="subtle" aria-label={`${R('edit')}: ${s.name}`} onClick={() => setEditing(s)}>
                      <IconEdit size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`${R(s.active ? 'pause' : 'resume')}: ${s.name}`}
                      loading={update.isPending && update.variables?.params.id === s.id}
                      onClick={() =>
                        update.mutate(
                          { params: { id: s.id }, body: bodyOf(s, { active: !s.active }) },
                          { onSuccess: () => notifySuccess(R('saved')) },
                        )
                      }
                    >
                      {s.active ? <IconPlayerPause size={16} aria-hidden /> : <IconPlayerPlay size={16} aria-hidden />}
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${R('delete')}: ${s.name}`}
                      onClick={() => setDeleting(s)}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <Stack mt="xl" data-testid="report-schedules-section">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={3} size="h4">
            {R('title')}
          </Title>
          <Text size="sm" c="dimmed">
            {R('description', { days: REPORT_TTL_DAYS })}
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {R('add')}
        </Button>
      </Group>
      {update.error ? <ProblemAlert problem={toProblem(update.error)} /> : null}
      {retry.error ? <ProblemAlert problem={toProblem(retry.error)} /> : null}
      {body}
      <FormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={R(editing === 'new' ? 'add' : 'editTitle')}
        size="md"
      >
        {editing !== null ? (
          <ScheduleForm schedule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
        ) : null}
      </FormModal>
      <ConfirmDialog
        opened={deleting !== null}
        title={R('deleteTitle')}
        message={deleting ? R('deleteConfirm', { name: deleting.name }) : ''}
        confirmLabel={R('delete')}
        danger
        loading={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(
            { params: { id: deleting.id } },
            {
              onSuccess: () => {
                notifySuccess(R('deleted'));
                setDeleting(null);
              },
            },
          )
        }
      />
    </Stack>
  );
}
