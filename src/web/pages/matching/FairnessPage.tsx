import { useState } from 'react';
import { Alert, Anchor, Badge, Card, Group, List, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { opHref, useOp } from '../../api/ops.ts';
import { DateField } from '../../components/DateFields.tsx';
import { formatNumber, turkiyeToday } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { useOffices } from '../admin/useReferenceLists.ts';
import * as op from '../../../common/contracts/matching.ts';
import { browseIsco } from '../../../common/contracts/taxonomy.ts';
import type { FairnessReport } from '../../../common/contracts/matching.ts';
import type { Locale } from '../../../common/locales.ts';
import type { FairnessDimension } from '../../../common/matching-priority.ts';

function useIscoChildren(parent: string | null, lang: string, enabled = true) {
  return useOp(
    browseIsco,
    { query: { ...(parent ? { parent } : {}), lang: lang as Locale } },
    { enabled, staleTime: 300_000 },
  );
}

const percent = (n: number | null) => (n === null ? '—' : `${formatNumber(Math.round(n * 1000) / 10)} %`);

/** The fairness monitor for managers: shares against the eligible pool, flags below the ratio, small cells hidden. */
export function FairnessPage() {
  const { t, i18n } = useTranslation();
  const today = turkiyeToday();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [officeId, setOfficeId] = useState<string | null>(null);
  const [major, setMajor] = useState<string | null>(null);
  const [subMajor, setSubMajor] = useState<string | null>(null);
  const offices = useOffices();
  const majors = useIscoChildren(null, i18n.language);
  const subMajors = useIscoChildren(major, i18n.language, major !== null);
  const isco = subMajor ?? major;
  const ready = !!from && !!to;
  const query = {
    from: from || today,
    to: to || today,
    ...(officeId ? { officeId } : {}),
    ...(isco ? { isco } : {}),
  };
  const report = useOp(op.fairnessReport, { query }, { enabled: ready });
  // The same tables as a file, for the filters on screen (no personal data in the address: dates and codes).
  const downloads =
    ready && report.data && !report.data.empty ? (
      <Group gap="md">
        <Anchor
          href={opHref(op.fairnessExport, { query: { ...query, format: 'xlsx' } })}
          download
          data-testid="fairness-xlsx"
        >
          <Group gap={4}>
            <IconDownload size={16} aria-hidden />
            {t('fairness.download')}
          </Group>
        </Anchor>
        <Anchor
          href={opHref(op.fairnessExport, { query: { ...query, format: 'csv' } })}
          download
          data-testid="fairness-csv"
        >
          {t('fairness.downloadCsv')}
        </Anchor>
      </Group>
    ) : null;

  const cellLabel = (dimension: FairnessDimension, cell: string) => {
    if (cell === 'total') return t('fairness.total');
    if (dimension === 'sex') return t(`fairness.sexes.${cell}`);
    if (dimension === 'group') return cell === 'none' ? t('fairness.noGroup') : t(`groups.names.${cell}`);
    return cell;
  };

  const flags = (r: FairnessReport) =>
    r.tables.flatMap((tbl) =>
      tbl.rows.filter((row) => row.flagged).map((row) => ({ measure: tbl.measure, dimension: tbl.dimension, row })),
    );

  let body;
  if (!ready) body = null;
  else if (report.isPending) body = <InlineLoader />;
  else if (report.error) body = <LoadError problem={toProblem(report.error)} onRetry={() => void report.refetch()} />;
  else if (report.data.empty) body = <Empty title={t('fairness.empty')} description={t('fairness.emptyText')} />;
  else {
    const r = report.data;
    const flagged = flags(r);
    body = (
      <Stack>
        <Text size="sm" c="dimmed">
          {t('fairness.rule', { ratio: formatNumber(r.flagRatio), threshold: r.threshold })} {t('fairness.unit')}{' '}
          {t('fairness.mailed')}
        </Text>
        <Card withBorder>
          <Title order={2} size="h5" mb="xs">
            {t('fairness.flagsTitle')}
          </Title>
          {flagged.length === 0 ? (
            <Text size="sm">{t('fairness.noFlags')}</Text>
          ) : (
            <Alert color="orange" variant="light" data-testid="fairness-flags">
              <List size="sm">
                {flagged.map(({ measure, dimension, row }) => (
                  <List.Item key={`${measure}-${dimension}-${row.cell}`}>
                    {t('fairness.flagged', {
                      group: cellLabel(dimension, row.cell),
                      measure: t(`fairness.measures.${measure}`),
                      share: percent(row.share),
                      poolShare: percent(row.poolShare),
                      ratio: formatNumber(row.ratio ?? 0),
                    })}
                  </List.Item>
                ))}
              </List>
            </Alert>
          )}
        </Card>
        {r.tables.map((tbl) => (
          <Card withBorder key={`${tbl.measure}-${tbl.dimension}`}>
            <Table.ScrollContainer minWidth={620}>
              <Table data-testid={`fairness-${tbl.measure}-${tbl.dimension}`}>
                <Table.Caption>
                  {t(`fairness.measures.${tbl.measure}`)} · {t(`fairness.dimensions.${tbl.dimension}`)}
                </Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('fairness.cell')}</Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('fairness.pool')}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('fairness.share')}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t(`fairness.measures.${tbl.measure}`)}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('fairness.share')}
                    </Table.Th>
                    <Table.Th scope="col" ta="end">
                      {t('fairness.ratio')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tbl.rows.map((row) => (
                    <Table.Tr key={row.cell}>
                      <Table.Th scope="row" fw={row.cell === 'total' ? 700 : 400}>
                        {cellLabel(tbl.dimension, row.cell)}
                      </Table.Th>
                      <Table.Td ta="end">
                        {row.pool === null ? t('fairness.suppressed') : formatNumber(row.pool)}
                      </Table.Td>
                      <Table.Td ta="end">{percent(row.poolShare)}</Table.Td>
                      <Table.Td ta="end">
                        {row.count === null ? t('fairness.suppressed') : formatNumber(row.count)}
                      </Table.Td>
                      <Table.Td ta="end">{percent(row.share)}</Table.Td>
                      <Table.Td ta="end">
                        {row.ratio === null ? '—' : formatNumber(row.ratio)}{' '}
                        {row.flagged ? (
                          <Badge color="orange.9" size="sm" variant="light">
                            {t('fairness.flag', { ratio: formatNumber(r.flagRatio) })}
                          </Badge>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Stack>
      <PageHeader title={t('fairness.title')} description={t('fairness.description')} actions={downloads} />
      <Group align="flex-end" wrap="wrap">
        <DateField filter label={t('fairness.from')} value={from} onChange={(v) => setFrom(v)} />
        <DateField filter label={t('fairness.to')} value={to} onChange={(v) => setTo(v)} />
        <Select
          label={t('fairness.office')}
          placeholder={t('fairness.allOffices')}
          clearable
          data={(offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={officeId}
          onChange={setOfficeId}
        />
        <Select
          label={t('fairness.isco')}
          placeholder={t('fairness.anyOccupation')}
          clearable
          searchable
          data={(majors.data?.items ?? []).map((g) => ({ value: g.code, label: `${g.code} ${g.title}` }))}
          value={major}
          onChange={(v) => {
            setMajor(v);
            setSubMajor(null);
          }}
          data-testid="fairness-major"
        />
        {major ? (
          <Select
            aria-label={t('fairness.isco')}
            placeholder={t('fairness.anyOccupation')}
            clearable
            searchable
            data={(subMajors.data?.items ?? []).map((g) => ({ value: g.code, label: `${g.code} ${g.title}` }))}
            value={subMajor}
            onChange={setSubMajor}
          />
        ) : null}
      </Group>
      {body}
    </Stack>
  );
}
