import { useState } from 'react';
import { Anchor, Card, Group, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { opHref, useOp } from '../../api/ops.ts';
import { formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { STAT_DIMENSIONS, STAT_MEASURES, type StatDimension, type StatMeasure } from '../../../common/cooperatives.ts';
import { exportStatistics, statistics, type StatCell } from '../../../common/contracts/cooperatives.ts';

const dimensionsOf = (m: StatMeasure): readonly StatDimension[] =>
  m === 'cooperatives' ? ['type', 'district'] : STAT_DIMENSIONS;

/** Cooperatives, members and workers by ICLS type, sex and district, with the disclosure control applied. */
export function CooperativeStatisticsPage() {
  const { t } = useTranslation();
  const [measure, setMeasure] = useState<StatMeasure>('members');
  const [rows, setRows] = useState<StatDimension>('type');
  const [columns, setColumns] = useState<StatDimension | null>('sex');
  const dims = dimensionsOf(measure);
  const safeRows = dims.includes(rows) ? rows : 'type';
  const safeColumns = columns && dims.includes(columns) && columns !== safeRows ? columns : null;
  const table = useOp(statistics, { query: { measure, rows: safeRows, columns: safeColumns } });
  const label = (d: StatDimension | null, key: string) =>
    d === 'type' ? t(`cooperatives.iclsTypes.${key}`) : d === 'sex' ? t(`cooperatives.statistics.sexes.${key}`) : key;
  const cell = (c: StatCell) =>
    c.value === null ? (
      <Text span size="sm" c="dimmed" title={t('cooperatives.statistics.suppressed')}>
        ●
      </Text>
    ) : (
      formatNumber(c.value)
    );

  let body;
  if (table.isPending) body = <InlineLoader />;
  else if (table.error) body = <LoadError problem={toProblem(table.error)} onRetry={() => void table.refetch()} />;
  else {
    const d = table.data;
    body = (
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          {d.threshold === null
            ? t('cooperatives.statistics.exact')
            : t('cooperatives.statistics.rule', { threshold: d.threshold })}
        </Text>
        <Table.ScrollContainer minWidth={480}>
          <Table data-testid="coop-statistics">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`cooperatives.statistics.dimensions.${d.rows}`)}</Table.Th>
                {d.columnKeys.map((k) => (
                  <Table.Th key={k}>{label(d.columns, k)}</Table.Th>
                ))}
                <Table.Th>{t('cooperatives.statistics.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.lines.map((l) => (
                <Table.Tr key={l.key}>
                  <Table.Th scope="row">{label(d.rows, l.key)}</Table.Th>
                  {l.cells.map((c, i) => (
                    <Table.Td key={i}>{cell(c)}</Table.Td>
                  ))}
                  <Table.Td>{cell(l.total)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('cooperatives.statistics.total')}</Table.Th>
                {d.total.cells.map((c, i) => (
                  <Table.Td key={i}>{cell(c)}</Table.Td>
                ))}
                <Table.Td>{cell(d.total.total)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={t('cooperatives.statistics.title')}
        description={t('cooperatives.statistics.description')}
        actions={
          <Group gap="md">
            {(['xlsx', 'csv'] as const).map((format) => (
              <Anchor key={format} href={opHref(exportStatistics, { query: { format } })} download>
                <Group gap={4}>
                  <IconDownload size={16} aria-hidden />
                  {t(`cooperatives.statistics.download.${format}`)}
                </Group>
              </Anchor>
            ))}
          </Group>
        }
      />
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('cooperatives.statistics.measure')}
            allowDeselect={false}
            data={STAT_MEASURES.map((m) => ({ value: m, label: t(`cooperatives.statistics.measures.${m}`) }))}
            value={measure}
            onChange={(v) => v && setMeasure(v)}
          />
          <Select
            label={t('cooperatives.statistics.rows')}
            allowDeselect={false}
            data={dims.map((m) => ({ value: m, label: t(`cooperatives.statistics.dimensions.${m}`) }))}
            value={safeRows}
            onChange={(v) => v && setRows(v)}
          />
          <Select
            label={t('cooperatives.statistics.columns')}
            clearable
            placeholder={t('cooperatives.statistics.noColumns')}
            data={dims
              .filter((m) => m !== safeRows)
              .map((m) => ({ value: m, label: t(`cooperatives.statistics.dimensions.${m}`) }))}
            value={safeColumns}
            onChange={(v) => setColumns(v)}
          />
        </SimpleGrid>
      </Card>
      <Card withBorder padding="md">
        {body}
      </Card>
    </Stack>
  );
}
