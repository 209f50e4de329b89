import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { Alert, Anchor, Box, Card, Group, List, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { catalogue, exportTables, releasedTable, type ReleasedTable } from '../../../common/contracts/indicators.ts';
import type { Breakdown } from '../../../common/indicators.ts';
import type { Locale } from '../../../common/locales.ts';
import { opHref, useOp } from '../../api/ops.ts';
import { hasAny, useCurrentUser } from '../../api/session.ts';
import { fairnessReport } from '../../../common/contracts/matching.ts';
import { formatNumber } from '../../components/format.ts';
import { monthEnd } from '../../../common/indicators.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { MonthField } from '../../components/DateFields.tsx';
import { cellText, monthsBack, thisMonth } from './cells.ts';
import { TableBehind } from './TableBehind.tsx';

/** The funnel's steps, in order: registration → referral → hire → verified registered work → still working. */
const FUNNEL = ['persons-registered', 'referrals', 'hires', 'verified-registered-placements', 'working-at-3m'];
/** Breakdowns offered for the comparison (the trend is by month). */
const COMPARE: Breakdown[] = [
  'district',
  'province',
  'office',
  'sex',
  'ageBand',
  'targetGroup',
  'occupation',
  'quarter',
  'year',
];

/** Horizontal bars (they follow the reading direction, so Arabic reads them right to left), with the table behind. */
function Bars({ table, testId }: { table: ReleasedTable; testId: string }) {
  const { t } = useTranslation();
  const lines = table.lines;
  const max = Math.max(1, ...lines.map((l) => l.total.value ?? 0));
  if (lines.length === 0) return <Empty title={t('indicatorsUi.empty')} />;
  return (
    <Stack gap="xs" data-testid={testId}>
      <Box role="img" aria-label={t('indicatorsUi.chartLabel', { name: table.name })}>
        {lines.map((l) => (
          <Group key={l.key} gap="xs" wrap="nowrap" mb={4} aria-hidden>
            <Text size="sm" w={180} truncate="end">
              {l.label}
            </Text>
            <Box style={{ flex: 1 }}>
              {l.total.flag === 'suppressed' ? (
                <Text size="sm" c="dimmed">
                  {t('indicatorsUi.suppressedCell')}
                </Text>
              ) : (
                <Box
                  h={18}
                  bg="indigo.7"
                  style={{ width: `${Math.max(1, (100 * (l.total.value ?? 0)) / max)}%`, borderRadius: 3 }}
                />
              )}
            </Box>
            <Text size="sm" w={80} ta="end">
              {cellText(l.total, table.unit, t)}
            </Text>
          </Group>
        ))}
      </Box>
      <TableBehind>
        <ReleasedTableView table={table} />
      </TableBehind>
      {!table.additive ? (
        <Text size="xs" c="dimmed">
          {t('indicatorsUi.notAdditive')}
        </Text>
      ) : null}
    </Stack>
  );
}

function ReleasedTableView({ table }: { table: ReleasedTable }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table striped withTableBorder data-testid="released-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t(`indicators.breakdowns.${table.rows}`)}</Table.Th>
            {table.columnLabels.map((c) => (
              <Table.Th key={c} ta="end">
                {c}
              </Table.Th>
            ))}
            <Table.Th ta="end">{t('indicators.total')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...table.lines, table.total].map((l) => (
            <Table.Tr key={l.key} fw={l.key === '_T' ? 700 : undefined}>
              <Table.Td>{l.label}</Table.Td>
              {l.cells.map((c, i) => (
                <Table.Td key={table.columnKeys[i]} ta="end">
                  {cellText(c, table.unit, t)}
                </Table.Td>
              ))}
              <Table.Td ta="end">{cellText(l.total, table.unit, t)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function useTable(code: string, from: string, to: string, rows: Breakdown, enabled = true) {
  return useOp(
    releasedTable,
    { params: { code }, query: { from, to, rows } },
    { placeholderData: keepPreviousData, enabled },
  );
}

function TableCard({ title, query, testId }: { title: string; query: ReturnType<typeof useTable>; testId: string }) {
  let body;
  if (query.isPending) body = <InlineLoader />;
  else if (query.error) body = <LoadError problem={toProblem(query.error)} onRetry={() => void query.refetch()} />;
  else body = <Bars table={query.data} testId={testId} />;
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="sm">
        {title}
      </Title>
      {body}
    </Card>
  );
}

/** The manager's dashboard: the funnel, the trend by month and a comparison by a chosen breakdown. */
export function IndicatorsPage() {
  const { t, i18n } = useTranslation();
  const locale = (i18n.language as Locale) ?? 'tr';
  const cat = useOp(catalogue, undefined);
  const me = useCurrentUser();
  const [to, setTo] = useState(monthsBack(thisMonth(), 0));
  const [from, setFrom] = useState(monthsBack(thisMonth(), 11));
  const [code, setCode] = useState('persons-registered');
  const [rows, setRows] = useState<Breakdown>('district');
  const valid = /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to) && from <= to;
  const trend = useTable(code, from, to, 'month', valid);
  const comparison = useTable(code, from, to, rows, valid);

  if (cat.isPending) return <InlineLoader />;
  if (cat.error) return <LoadError problem={toProblem(cat.error)} onRetry={() => void cat.refetch()} />;
  const defs = cat.data.indicators;
  const name = (c: string) => defs.find((d) => d.code === c)?.name[locale] ?? c;
  const exact = comparison.data?.threshold === null;
  const seesFairness = hasAny(me, ['matching:fairness']);

  return (
    <Stack>
      <PageHeader
        title={t('indicatorsUi.title')}
        description={t('indicatorsUi.description')}
        actions={
          <Anchor
            href={opHref(exportTables, { query: { from, to, rows, format: 'xlsx' } })}
            download
            data-testid="download-xlsx"
          >
            <Group gap={4}>
              <IconDownload size={16} aria-hidden />
              {t('indicatorsUi.download')}
            </Group>
          </Anchor>
        }
      />
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
          <MonthField
            label={t('indicatorsUi.from')}
            value={from}
            onChange={setFrom}
            error={valid ? undefined : t('errors.indicators.rangeOrder')}
          />
          <MonthField label={t('indicatorsUi.to')} value={to} onChange={setTo} />
          <Select
            label={t('indicatorsUi.indicator')}
            data={defs.map((d) => ({ value: d.code, label: d.name[locale] }))}
            value={code}
            onChange={(v) => v && setCode(v)}
            allowDeselect={false}
            data-testid="indicator-select"
          />
          <Select
            label={t('indicatorsUi.breakdown')}
            data={COMPARE.map((b) => ({ value: b, label: t(`indicators.breakdowns.${b}`) }))}
            value={rows}
            onChange={(v) => v && setRows(v)}
            allowDeselect={false}
            data-testid="breakdown-select"
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="sm">
          {exact ? t('indicatorsUi.exact') : t('indicatorsUi.suppressedLegend', { threshold: cat.data.threshold })}
        </Text>
      </Card>
      <FunnelCard from={from} to={to} enabled={valid} name={name} />
      {seesFairness ? <FairnessFlagsCard from={from} to={to} enabled={valid} /> : null}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <TableCard title={`${name(code)} — ${t('indicatorsUi.trend')}`} query={trend} testId="trend" />
        <TableCard
          title={`${name(code)} — ${t(`indicators.breakdowns.${rows}`)}`}
          query={comparison}
          testId="comparison"
        />
      </SimpleGrid>
    </Stack>
  );
}

function FunnelStep({
  code,
  from,
  to,
  enabled,
  label,
}: {
  code: string;
  from: string;
  to: string;
  enabled: boolean;
  label: string;
}) {
  const { t } = useTranslation();
  const q = useOp(releasedTable, { params: { code }, query: { from, to, rows: 'year' } }, { enabled });
  return (
    <Table.Tr>
      <Table.Td>{label}</Table.Td>
      <Table.Td ta="end" data-testid={`funnel-${code}`}>
        {q.data ? cellText(q.data.total.total, q.data.unit, t) : '…'}
      </Table.Td>
    </Table.Tr>
  );
}

function FunnelCard({
  from,
  to,
  enabled,
  name,
}: {
  from: string;
  to: string;
  enabled: boolean;
  name: (code: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        {t('indicatorsUi.funnel')}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t('indicatorsUi.funnelHint')}
      </Text>
      <Table data-testid="funnel">
        <Table.Tbody>
          {FUNNEL.map((c) => (
            <FunnelStep key={c} code={c} from={from} to={to} enabled={enabled} label={name(c)} />
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

const share = (n: number | null) => (n === null ? '—' : `${formatNumber(Math.round(n * 1000) / 10)} %`);

/**
 * The matching module's fairness flags for the same months (its own report, `/matching/fairness`, with its
 * suppression): groups whose share of proposals, referrals or hires falls below the ratio of their share of
 * the eligible pool. Shown to holders of `matching:fairness` (managers, admins).
 */
function FairnessFlagsCard({ from, to, enabled }: { from: string; to: string; enabled: boolean }) {
  const { t } = useTranslation();
  const q = useOp(fairnessReport, { query: { from: `${from}-01`, to: monthEnd(to) } }, { enabled });
  const group = (dimension: string, cell: string) => {
    if (dimension === 'sex') return t(`fairness.sexes.${cell}`);
    if (dimension === 'group') return cell === 'none' ? t('fairness.noGroup') : t(`groups.names.${cell}`);
    return cell;
  };
  let body;
  if (!enabled) body = null;
  else if (q.isPending) body = <InlineLoader />;
  else if (q.error) body = <LoadError problem={toProblem(q.error)} onRetry={() => void q.refetch()} />;
  else {
    const flagged = q.data.tables.flatMap((tbl) =>
      tbl.rows.filter((r) => r.flagged).map((row) => ({ measure: tbl.measure, dimension: tbl.dimension, row })),
    );
    body =
      flagged.length === 0 ? (
        <Text size="sm" data-testid="fairness-flags-none">
          {q.data.empty ? t('fairness.empty') : t('fairness.noFlags')}
        </Text>
      ) : (
        <Alert color="orange" variant="light" data-testid="fairness-flags">
          <List size="sm">
            {flagged.map(({ measure, dimension, row }) => (
              <List.Item key={`${measure}-${dimension}-${row.cell}`}>
                {t('fairness.flagged', {
                  group: group(dimension, row.cell),
                  measure: t(`fairness.measures.${measure}`),
                  share: share(row.share),
                  poolShare: share(row.poolShare),
                  ratio: formatNumber(row.ratio ?? 0),
                })}
              </List.Item>
            ))}
          </List>
        </Alert>
      );
  }
  return (
    <Card withBorder data-testid="fairness-card">
      <Group justify="space-between" mb="xs">
        <Title order={3} size="h4">
          {t('indicatorsUi.fairnessTitle')}
        </Title>
        <Anchor component={Link} to="/matching/fairness" size="sm">
          {t('indicatorsUi.fairnessMore')}
        </Anchor>
      </Group>
      {body}
    </Card>
  );
}
