import { useState } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import { Box, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { caseloadDashboard, type CaseloadDashboard } from '../../../common/contracts/indicators.ts';
import { useOp } from '../../api/ops.ts';
import { formatNumber } from '../../components/format.ts';
import { MonthField } from '../../components/DateFields.tsx';
import { toProblem } from '../../components/problems.tsx';
import { InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { monthsBack, thisMonth } from './cells.ts';
import { TableBehind } from './TableBehind.tsx';

const MILESTONES = ['3m', '6m', '12m'] as const;

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        <bdi>{value}</bdi>
      </Text>
    </Card>
  );
}

/** Referrals and hires by month as paired horizontal bars, with the table behind. */
function MonthBars({ data }: { data: CaseloadDashboard }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.months.map((m) => Math.max(m.referrals, m.hires)));
  const bar = (n: number, color: string) => (
    <Box h={10} bg={color} style={{ width: `${Math.max(n ? 1 : 0, (100 * n) / max)}%`, borderRadius: 3 }} />
  );
  return (
    <Stack gap="xs">
      <Box role="img" aria-label={t('indicatorsUi.caseload.chartLabel')}>
        {data.months.map((m) => (
          <Group key={m.month} gap="xs" wrap="nowrap" mb={4} aria-hidden>
            <Text size="sm" w={90}>
              <bdi>{m.month}</bdi>
            </Text>
            <Stack gap={2} style={{ flex: 1 }}>
              {bar(m.referrals, 'indigo.7')}
              {bar(m.hires, 'teal.7')}
            </Stack>
          </Group>
        ))}
      </Box>
      <Text size="xs" c="dimmed">
        {t('indicatorsUi.caseload.legend')}
      </Text>
      <TableBehind>
        <Table.ScrollContainer minWidth={420}>
          <Table striped withTableBorder data-testid="caseload-months">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('indicators.breakdowns.month')}</Table.Th>
                <Table.Th scope="col" ta="end">
                  {t('indicatorsUi.caseload.referrals')}
                </Table.Th>
                <Table.Th scope="col" ta="end">
                  {t('indicatorsUi.caseload.hires')}
                </Table.Th>
                <Table.Th scope="col" ta="end">
                  {t('indicatorsUi.caseload.verified')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.months.map((m) => (
                <Table.Tr key={m.month}>
                  <Table.Td>{m.month}</Table.Td>
                  <Table.Td ta="end">{formatNumber(m.referrals)}</Table.Td>
                  <Table.Td ta="end">{formatNumber(m.hires)}</Table.Td>
                  <Table.Td ta="end">{formatNumber(m.verified)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </TableBehind>
    </Stack>
  );
}

/** The counsellor's dashboard: the outcomes of their own caseload (exact: they read these records anyway). */
export function CaseloadDashboardPage() {
  const { t } = useTranslation();
  const [to, setTo] = useState(thisMonth());
  const [from, setFrom] = useState(monthsBack(thisMonth(), 11));
  const valid = /^\d{4}-\d{2}$/.test(from) && /^\d{4}-\d{2}$/.test(to) && from <= to;
  const q = useOp(caseloadDashboard, { query: { from, to } }, { enabled: valid, placeholderData: keepPreviousData });
  const dash = t('indicatorsUi.notApplicable');
  const percent = (n: number | null) => (n === null ? dash : `${formatNumber(n)} %`);
  let body;
  if (!valid) body = null;
  else if (q.isPending) body = <InlineLoader />;
  else if (q.error) body = <LoadError problem={toProblem(q.error)} onRetry={() => void q.refetch()} />;
  else {
    const d = q.data;
    body = (
      <Stack>
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
          <Figure
            label={t('indicatorsUi.caseload.persons')}
            value={formatNumber(d.persons)}
            testId="caseload-persons"
          />
          <Figure label={t('indicatorsUi.caseload.open')} value={formatNumber(d.openCases)} testId="caseload-open" />
          <Figure
            label={t('indicatorsUi.caseload.referrals')}
            value={formatNumber(d.referrals)}
            testId="caseload-referrals"
          />
          <Figure label={t('indicatorsUi.caseload.hires')} value={formatNumber(d.hires)} testId="caseload-hires" />
          <Figure
            label={t('indicatorsUi.caseload.registeredShare')}
            value={percent(d.registeredShare)}
            testId="caseload-registered"
          />
          <Figure
            label={t('indicatorsUi.caseload.responseDays')}
            value={d.medianResponseDays === null ? dash : formatNumber(d.medianResponseDays)}
            testId="caseload-response"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('indicatorsUi.caseload.byMonth')}
            </Title>
            <MonthBars data={d} />
          </Card>
          <Card withBorder>
            <Title order={2} size="h4" mb="sm">
              {t('indicatorsUi.caseload.retention')}
            </Title>
            <Table data-testid="caseload-retention">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('indicatorsUi.caseload.milestone')}</Table.Th>
                  <Table.Th scope="col" ta="end">
                    {t('indicatorsUi.caseload.recorded')}
                  </Table.Th>
                  <Table.Th scope="col" ta="end">
                    {t('indicatorsUi.caseload.working')}
                  </Table.Th>
                  <Table.Th scope="col" ta="end">
                    {t('indicatorsUi.caseload.rate')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {MILESTONES.map((m) => (
                  <Table.Tr key={m}>
                    <Table.Td>{t(`indicatorsUi.caseload.milestones.${m}`)}</Table.Td>
                    <Table.Td ta="end">{formatNumber(d.retention[m].recorded)}</Table.Td>
                    <Table.Td ta="end">{formatNumber(d.retention[m].working)}</Table.Td>
                    <Table.Td ta="end">{percent(d.retention[m].rate)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed" mt="xs">
              {t('indicatorsUi.caseload.answered', { count: d.answered })}
            </Text>
          </Card>
        </SimpleGrid>
      </Stack>
    );
  }
  return (
    <Stack>
      <PageHeader title={t('indicatorsUi.caseload.title')} description={t('indicatorsUi.caseload.description')} />
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <MonthField
            label={t('indicatorsUi.from')}
            value={from}
            onChange={setFrom}
            error={valid ? undefined : t('errors.indicators.rangeOrder')}
          />
          <MonthField label={t('indicatorsUi.to')} value={to} onChange={setTo} />
        </SimpleGrid>
      </Card>
      {body}
    </Stack>
  );
}
