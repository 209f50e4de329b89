import { useState } from 'react';
import { Anchor, Badge, Button, Group, Progress, Stack, Table, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDownload, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { BACKGROUND_EXPORT_KINDS, EXPORT_FORMATS, ISCO_LEVELS } from '../../../common/contracts/indicators.ts';
import {
  downloadExport,
  myExports,
  requestExport,
  type BackgroundExport,
} from '../../../common/contracts/indicators.ts';
import type { BREAKDOWNS } from '../../../common/indicators.ts';
import { opHref, useOp, useOpMutation } from '../../api/ops.ts';
import { FormActions, FormModal } from '../../components/FormModal.tsx';
import { MonthField } from '../../components/DateFields.tsx';
import { formatDateTime } from '../../components/format.ts';
import { notifySuccess, ProblemAlert, toProblem, useFormProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { useCan } from '../../api/session.ts';
import { monthsBack, thisMonth } from './cells.ts';
import { ReportSchedulesSection } from './ReportSchedulesSection.tsx';
import { ExportBreakdown, ExportKindAndFormat } from './ExportOptions.tsx';

/** Hours a finished export's file can be downloaded (the server's EXPORT_TTL_MS). */
const TTL_HOURS = 24;
const FIELDS = ['kind', 'format', 'from', 'to', 'rows', 'level', 'indicators'] as const;

type Kind = (typeof BACKGROUND_EXPORT_KINDS)[number];
type Format = (typeof EXPORT_FORMATS)[number];

interface Values {
  kind: Kind;
  format: Format;
  from: string;
  to: string;
  rows: string;
  level: string;
}

function RequestModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ask = useOpMutation(requestExport, { invalidates: [myExports.path] });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      kind: 'indicators',
      format: 'xlsx',
      from: monthsBack(thisMonth(), 11),
      to: thisMonth(),
      rows: 'month',
      level: '1',
    },
    validate: {
      to: (v, values) => (v < values.from ? t('errors.indicators.rangeOrder') : null),
      format: (v, values) =>
        values.kind === 'labour-market' && v === 'sdmx' ? t('errors.indicators.labourMarketFormat') : null,
    },
  });
  const { problem, handle, clear } = useFormProblem(form, FIELDS);
  const E = (k: string) => t(`indicatorsUi.exports.${k}`);
  const submit = form.onSubmit(async (v) => {
    clear();
    try {
      await ask.mutateAsync({
        body:
          v.kind === 'indicators'
            ? { kind: v.kind, format: v.format, from: v.from, to: v.to, rows: v.rows as (typeof BREAKDOWNS)[number] }
            : {
                kind: v.kind,
                format: v.format,
                from: v.from,
                to: v.to,
                level: v.level as (typeof ISCO_LEVELS)[number],
              },
      });
      notifySuccess(E('requestedNotice'));
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
        <ExportKindAndFormat kind={kind} inputProps={form.getInputProps} kindTestId="export-kind" />
        <Group grow align="flex-start">
          <MonthField
            label={t('indicatorsUi.from')}
            value={form.values.from}
            onChange={(v) => form.setFieldValue('from', v)}
          />
          <MonthField
            label={t('indicatorsUi.to')}
            value={form.values.to}
            onChange={(v) => form.setFieldValue('to', v)}
            error={form.errors.to}
          />
        </Group>
        <ExportBreakdown kind={kind} inputProps={form.getInputProps} />
        <FormActions onCancel={onClose} pending={ask.isPending} label={E('request')} testId="export-submit" />
      </Stack>
    </form>
  );
}

const STATUS_COLOURS: Record<BackgroundExport['status'], string> = {
  queued: 'gray',
  running: 'blue',
  finished: 'teal',
  failed: 'red',
  expired: 'gray',
};

/** The caller's large exports: ask for one, follow its progress (polled while one is being built), download it. */
export function ExportsPage() {
  const { t } = useTranslation();
  const E = (k: string, p: Record<string, unknown> = {}) => t(`indicatorsUi.exports.${k}`, p);
  const [asking, setAsking] = useState(false);
  const can = useCan();
  const list = useOp(myExports, undefined, {
    refetchInterval: (q) =>
      q.state.data?.items.some((e) => e.status === 'queued' || e.status === 'running') ? 3_000 : false,
  });

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0) body = <Empty title={E('empty')} />;
  else
    body = (
      <Table.ScrollContainer minWidth={640}>
        <Table striped data-testid="exports-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{E('requested')}</Table.Th>
              <Table.Th>{E('kind')}</Table.Th>
              <Table.Th>{E('period')}</Table.Th>
              <Table.Th>{E('status')}</Table.Th>
              <Table.Th>{E('file')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data.items.map((e) => {
              // Past its expiry the server answers 410 and its hourly sweep marks it expired.
              const live = e.status === 'finished' && e.expiresAt !== null;
              return (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDateTime(e.createdAt)}</Table.Td>
                  <Table.Td>{`${E(`kinds.${e.kind}`)} · ${E(`formats.${e.format}`)}`}</Table.Td>
                  <Table.Td>
                    <bdi>{`${e.parameters.from} – ${e.parameters.to}`}</bdi>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <Badge color={STATUS_COLOURS[e.status]} variant="light">
                        {E(`statuses.${e.status}`)}
                      </Badge>
                      {e.status === 'running' || e.status === 'queued' ? (
                        <Progress value={e.progress} aria-label={E('progressLabel')} size="sm" />
                      ) : null}
                      {e.error ? (
                        <Text size="xs" c="red">
                          {t(e.error)}
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {live ? (
                      <Stack gap={2}>
                        <Anchor href={opHref(downloadExport, { params: { id: e.id } })} download>
                          <Group gap={4}>
                            <IconDownload size={16} aria-hidden />
                            {E('download')}
                          </Group>
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {E('expires', { date: formatDateTime(e.expiresAt) })}
                        </Text>
                      </Stack>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    );

  return (
    <>
      <PageHeader
        title={E('title')}
        description={E('description', { hours: TTL_HOURS })}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setAsking(true)}>
            {E('request')}
          </Button>
        }
      />
      {body}
      {/* Monthly reports to recipients: kept by managers and organisation admins, not analysts. */}
      {can('programmes:manage', 'organisation:manage') ? <ReportSchedulesSection /> : null}
      <FormModal opened={asking} onClose={() => setAsking(false)} title={E('request')} size="md">
        <RequestModal onClose={() => setAsking(false)} />
      </FormModal>
    </>
  );
}
