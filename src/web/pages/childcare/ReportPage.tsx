import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Breadcrumbs, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { turkishDate } from '../../../common/working-days.ts';
import { outcomeReport, type OutcomeRow } from '../../../common/contracts/childcare.ts';
import { childcarePaths } from './labels.tsx';
import { DateField } from '../../components/DateFields.tsx';

const percent = (part: number, whole: number) =>
  whole === 0 ? '—' : `${formatNumber(Math.round((part / whole) * 100))} %`;

function OutcomeTable({
  rows,
  total,
  first,
  testId,
}: {
  rows: OutcomeRow[];
  total?: OutcomeRow;
  first: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{first}</Table.Th>
            <Table.Th>{t('childcare.report.mothers')}</Table.Th>
            <Table.Th>{t('childcare.report.placed')}</Table.Th>
            <Table.Th>{t('childcare.report.verified')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Td>
                {r.label}
                {r.label !== r.district ? (
                  <Text span size="xs" c="dimmed">
                    {' · '}
                    {r.district}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{formatNumber(r.mothers)}</Table.Td>
              <Table.Td>
                {formatNumber(r.placed)}{' '}
                <Text span size="xs" c="dimmed">
                  ({percent(r.placed, r.mothers)})
                </Text>
              </Table.Td>
              <Table.Td>
                {formatNumber(r.verified)}{' '}
                <Text span size="xs" c="dimmed">
                  ({percent(r.verified, r.mothers)})
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {total ? (
          <Table.Tfoot>
            <Table.Tr fw={700}>
              <Table.Td>{t('childcare.report.total')}</Table.Td>
              <Table.Td>{formatNumber(total.mothers)}</Table.Td>
              <Table.Td>{formatNumber(total.placed)}</Table.Td>
              <Table.Td>{formatNumber(total.verified)}</Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        ) : null}
      </Table>
    </Table.ScrollContainer>
  );
}

/** Care and employment: mothers with a place in a period, of whom in work and in verified registered work. */
export function ReportPage() {
  const { t } = useTranslation();
  const today = turkishDate(new Date());
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to);
  const report = useOp(outcomeReport, { query: { from, to } }, { enabled: valid });

  let body;
  if (!valid || report.isPending) body = <InlineLoader />;
  else if (report.error) body = <LoadError problem={toProblem(report.error)} onRetry={() => void report.refetch()} />;
  else if (report.data.total.mothers === 0) body = <Empty title={t('childcare.report.empty')} />;
  else {
    const r = report.data;
    body = (
      <Stack gap="md">
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('childcare.report.byDistrict')}
          </Title>
          <OutcomeTable
            rows={r.byDistrict}
            total={r.total}
            first={t('childcare.fields.district')}
            testId="report-districts"
          />
        </Card>
        <Card withBorder padding="md">
          <Title order={2} size="h4" mb="sm">
            {t('childcare.report.byProvider')}
          </Title>
          <OutcomeTable rows={r.byProvider} first={t('childcare.fields.provider')} testId="report-providers" />
        </Card>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to={childcarePaths.providers} size="sm">
          {t('childcare.title')}
        </Anchor>
        <Text size="sm">{t('childcare.report.title')}</Text>
      </Breadcrumbs>
      <PageHeader title={t('childcare.report.title')} description={t('childcare.report.description')} />
      <Card withBorder padding="md">
        <Group>
          <DateField filter label={t('common.from')} value={from} onChange={(v) => setFrom(v)} />
          <DateField filter label={t('common.to')} value={to} onChange={(v) => setTo(v)} />
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          {t('childcare.report.rule')}
        </Text>
      </Card>
      {body}
    </Stack>
  );
}
