import { useState } from 'react';
import { Anchor, Box, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { opHref, useOp } from '../../api/ops.ts';
import { formatDate, formatMoney, formatNumber, turkiyeToday } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import * as op from '../../../common/contracts/graduation.ts';
import type { GraduationReport } from '../../../common/contracts/graduation.ts';
import { REPORT_GROUPINGS, type ReportGrouping } from '../../../common/graduation.ts';
import { DateField } from '../../components/DateFields.tsx';

const SERIES = ['recommended', 'approved', 'confirmed', 'returned'] as const;
/** Dark enough against white for the bars and the legend's swatches (WCAG 1.4.11, 3:1). */
const COLOURS: Record<(typeof SERIES)[number], string> = {
  recommended: '#3b5bdb',
  approved: '#0b7285',
  confirmed: '#2b8a3e',
  returned: '#c2410c',
};

function useKeyLabel(groupBy: ReportGrouping) {
  const { t } = useTranslation();
  return (key: string) => {
    if (groupBy === 'target-group') return key === 'none' ? t('graduation.report.noGroup') : t(`groups.names.${key}`);
    if (groupBy === 'district') return key || t('graduation.report.noDistrict');
    return formatDate(`${key}-15`, { dateStyle: undefined, month: 'long', year: 'numeric' });
  };
}

/** Horizontal bars per group (they follow the page's direction); the table below carries the same figures. */
function Chart({ report }: { report: GraduationReport }) {
  const { t } = useTranslation();
  const label = useKeyLabel(report.groupBy);
  const max = Math.max(1, ...report.rows.flatMap((r) => SERIES.map((s) => r[s])));
  return (
    <Stack gap="sm" role="img" aria-label={t('graduation.report.chartLabel')} data-testid="graduation-chart">
      <Group gap="md" aria-hidden>
        {SERIES.map((s) => (
          <Group key={s} gap={6}>
            <Box w={12} h={12} style={{ background: COLOURS[s], borderRadius: 2 }} />
            <Text size="xs">{t(`graduation.report.columns.${s}`)}</Text>
          </Group>
        ))}
      </Group>
      {report.rows.map((r) => (
        <Stack key={r.key} gap={2} aria-hidden>
          <Text size="sm" fw={500}>
            {label(r.key)}
          </Text>
          {SERIES.map((s) => (
            <Group key={s} gap={6} wrap="nowrap">
              <Box
                h={10}
                style={{
                  width: `${Math.max(r[s] > 0 ? 1 : 0, (r[s] / max) * 85)}%`,
                  background: COLOURS[s],
                  borderRadius: 2,
                }}
              />
              <Text size="xs">{formatNumber(r[s])}</Text>
            </Group>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}

function firstOfYear(): string {
  return `${turkiyeToday().slice(0, 4)}-01-01`;
}

/** Graduations per district, target group or month over a period, for managers, with an XLSX download. */
export function GraduationReportPage() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(firstOfYear());
  const [to, setTo] = useState(turkiyeToday());
  const [groupBy, setGroupBy] = useState<ReportGrouping>('district');
  const [district, setDistrict] = useState<string | null>(null);
  const [targetGroup, setTargetGroup] = useState<string | null>(null);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const query = {
    from,
    to,
    groupBy,
    ...(district ? { district } : {}),
    ...(targetGroup ? { targetGroup } : {}),
  };
  const report = useOp(op.graduationReport, { query }, { enabled: valid });
  const label = useKeyLabel(groupBy);

  let body;
  if (!valid) body = null;
  else if (report.isPending) body = <InlineLoader />;
  else if (report.error) body = <LoadError problem={toProblem(report.error)} onRetry={() => void report.refetch()} />;
  else if (report.data.rows.length === 0)
    body = <Empty title={t('graduation.report.empty')} description={t('graduation.report.emptyText')} />;
  else {
    const r = report.data;
    body = (
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder component="section" aria-labelledby="report-chart">
          <Stack gap="sm">
            <Title order={2} size="h4" id="report-chart">
              {t('graduation.report.chartTitle', { grouping: t(`graduation.report.groupBy.${groupBy}`) })}
            </Title>
            <Chart report={r} />
          </Stack>
        </Card>
        <Card withBorder component="section" aria-labelledby="report-table">
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={2} size="h4" id="report-table">
                {t('graduation.report.tableTitle')}
              </Title>
              <Anchor href={opHref(op.graduationReportFile, { query })} download data-testid="report-xlsx">
                <Group gap={4}>
                  <IconDownload size={16} aria-hidden />
                  {t('graduation.report.download')}
                </Group>
              </Anchor>
            </Group>
            <Table.ScrollContainer
              minWidth={560}
              scrollAreaProps={{
                // A region that scrolls sideways must be reachable by keyboard.
                viewportProps: { tabIndex: 0, role: 'region', 'aria-label': t('graduation.report.title') },
              }}
            >
              <Table striped data-testid="graduation-report-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t(`graduation.report.groupBy.${groupBy}`)}</Table.Th>
                    {SERIES.map((s) => (
                      <Table.Th key={s} ta="end">
                        {t(`graduation.report.columns.${s}`)}
                      </Table.Th>
                    ))}
                    <Table.Th ta="end">{t('graduation.report.columns.aidSaved')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {r.rows.map((row) => (
                    <Table.Tr key={row.key}>
                      <Table.Th scope="row" fw={500}>
                        {label(row.key)}
                      </Table.Th>
                      {SERIES.map((s) => (
                        <Table.Td key={s} ta="end">
                          {formatNumber(row[s])}
                        </Table.Td>
                      ))}
                      <Table.Td ta="end">{formatMoney(row.aidSaved)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
                <Table.Tfoot>
                  <Table.Tr>
                    <Table.Th scope="row">{t('graduation.report.columns.total')}</Table.Th>
                    {SERIES.map((s) => (
                      <Table.Th key={s} ta="end">
                        {formatNumber(r.totals[s])}
                      </Table.Th>
                    ))}
                    <Table.Th ta="end">{formatMoney(r.totals.aidSaved)}</Table.Th>
                  </Table.Tr>
                </Table.Tfoot>
              </Table>
            </Table.ScrollContainer>
            <Text size="xs" c="dimmed">
              {t('graduation.report.note')}
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>
    );
  }

  return (
    <Stack>
      <PageHeader title={t('graduation.report.title')} description={t('graduation.report.description')} />
      <Group align="flex-end" wrap="wrap">
        <DateField filter label={t('graduation.report.from')} value={from} onChange={(v) => setFrom(v)} />
        <DateField filter label={t('graduation.report.to')} value={to} onChange={(v) => setTo(v)} />
        <Select
          label={t('graduation.report.grouping')}
          data={REPORT_GROUPINGS.map((g) => ({ value: g, label: t(`graduation.report.groupBy.${g}`) }))}
          value={groupBy}
          allowDeselect={false}
          onChange={(v) => setGroupBy(v ?? 'district')}
          data-testid="report-grouping"
        />
        <Select
          label={t('graduation.report.district')}
          placeholder={t('graduation.report.all')}
          clearable
          data={report.data?.districts ?? []}
          value={district}
          onChange={setDistrict}
        />
        <Select
          label={t('graduation.report.targetGroup')}
          placeholder={t('graduation.report.all')}
          clearable
          data={(report.data?.targetGroups ?? []).map((g) => ({ value: g, label: t(`groups.names.${g}`) }))}
          value={targetGroup}
          onChange={setTargetGroup}
        />
      </Group>
      {body}
    </Stack>
  );
}
