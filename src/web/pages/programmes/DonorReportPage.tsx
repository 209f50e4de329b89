import { Link, useParams } from 'react-router';
import { Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { formatDate, formatDateTime, formatList, formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { LoadError, PageLoader, useDocumentTitle } from '../../components/ui.tsx';
import { getProject, getResults, type IndicatorResult } from '../../../common/contracts/programmes.ts';
import { localTitle } from '../courses/labels.ts';
import { groupLabel } from './ProjectPage.tsx';

function cell(c: { value: number | null; suppressed: boolean }) {
  return c.suppressed ? '–' : formatNumber(c.value ?? 0);
}

/** Who an indicator counts, by sex and target group (the groups with someone in them; small cells "–"). */
function Breakdown({ indicator }: { indicator: IndicatorResult }) {
  const { t } = useTranslation();
  if (!indicator.split) return <>{'—'}</>;
  const groups = indicator.split.targetGroups.filter((c) => c.suppressed || (c.value ?? 0) > 0);
  return (
    <Stack gap={2}>
      <Text size="xs">
        {t('programmes.splitLine', {
          female: formatNumber(indicator.split.female),
          male: formatNumber(indicator.split.male),
        })}
      </Text>
      {groups.length ? (
        <Text size="xs" data-testid={`report-groups-${indicator.code}`}>
          {groups.map((c) => `${groupLabel(t, c.group)} ${cell(c)}`).join(' · ')}
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * The donor report (`/projects/:id/report`): the project's facts and its results framework as a donor's
 * monitoring officer reads it, styled for printing (the app's header and navigation are not printed).
 * The target-group figures are those a donor may receive: small cells suppressed for every reader.
 */
export function DonorReportPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const project = useOp(getProject, { params: { id } });
  const results = useOp(getResults, { params: { id }, query: { donor: true } });
  useDocumentTitle(
    project.data ? `${t('programmes.donorReport.title')} — ${project.data.name.tr}` : t('programmes.donorReport.title'),
  );
  if (project.isPending || results.isPending) return <PageLoader />;
  if (project.error) return <LoadError problem={toProblem(project.error)} onRetry={() => void project.refetch()} />;
  if (results.error) return <LoadError problem={toProblem(results.error)} onRetry={() => void results.refetch()} />;
  const p = project.data;
  const name = localTitle(p.name, i18n.language);
  return (
    <Stack gap="md" className="donor-report" data-testid="donor-report">
      <Group justify="space-between" className="no-print">
        <Anchor component={Link} to={`/projects/${p.id}`} size="sm">
          {name}
        </Anchor>
        <Button leftSection={<IconPrinter size={16} aria-hidden />} onClick={() => window.print()}>
          {t('programmes.donorReport.print')}
        </Button>
      </Group>
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {t('programmes.donorReport.title')}
        </Text>
        <Title order={1} size="h2">
          {name}
        </Title>
        <Text size="sm">
          {p.code ? `${p.code} · ` : ''}
          {formatDate(p.startDate)} – {formatDate(p.endDate)}
          {p.donor ? ` · ${t('programmes.fields.donor')}: ${p.donor.name}` : ''}
        </Text>
        {p.partners.length ? (
          <Text size="sm">
            {t('programmes.fields.partners')}:{' '}
            {formatList(p.partners.map((x) => `${x.name} (${t(`programmes.partnerRoles.${x.role}`)})`))}
          </Text>
        ) : null}
        {p.targetGroups.length ? (
          <Text size="sm">
            {t('programmes.fields.targetGroups')}: {formatList(p.targetGroups.map((g) => t(`groups.names.${g}`)))}
          </Text>
        ) : null}
      </Stack>
      <Title order={2} size="h4">
        {t('programmes.results')}
      </Title>
      <Table withTableBorder withColumnBorders data-testid="donor-report-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('programmes.indicator.code')}</Table.Th>
            <Table.Th scope="col">{t('programmes.indicator.titleTr')}</Table.Th>
            <Table.Th scope="col">{t('programmes.indicator.baseline')}</Table.Th>
            <Table.Th scope="col">{t('programmes.target')}</Table.Th>
            <Table.Th scope="col">{t('programmes.actual')}</Table.Th>
            <Table.Th scope="col">{t('programmes.byGroup.title')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {results.data.indicators.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td dir="ltr">{i.code}</Table.Td>
              <Table.Td>
                {localTitle(i.title, i18n.language)}
                <Text size="xs" c="dimmed">
                  {t(`programmes.measures.${i.measure}`)}
                </Text>
              </Table.Td>
              <Table.Td>{formatNumber(i.baseline)}</Table.Td>
              <Table.Td>{formatNumber(i.target)}</Table.Td>
              <Table.Td data-testid={`report-actual-${i.code}`}>
                {formatNumber(i.actual)}
                {i.progress !== null ? ` (${t('programmes.progressLine', { percent: formatNumber(i.progress) })})` : ''}
              </Table.Td>
              <Table.Td>
                <Breakdown indicator={i} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed">
        {t('programmes.donorReport.suppressedNote')} ·{' '}
        {t('programmes.donorReport.generated', { date: formatDateTime(results.data.computedAt) })}
      </Text>
    </Stack>
  );
}
