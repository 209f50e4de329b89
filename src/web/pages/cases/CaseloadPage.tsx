import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Anchor, Box, Card, Group, Progress, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../api/session.ts';
import { formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { CASE_STATUSES, type CaseStatus } from '../../components/people/types.ts';
import { useOffices } from '../admin/useReferenceLists.ts';
import { personListPath } from '../persons/PersonsPage.tsx';
import { callOp } from '../../api/ops.ts';
import { getCaseload } from '../../../common/contracts/cases.ts';

const OPEN: CaseStatus[] = CASE_STATUSES.filter((s) => s !== 'closed');
const COLOR: Record<CaseStatus, string> = {
  new: 'blue.7',
  active: 'teal.7',
  'on-hold': 'yellow.6',
  placed: 'green.8',
  closed: 'gray.6',
};

export function CaseloadPage() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useCurrentUser();
  const allOffices = can('offices:all');
  const offices = useOffices(allOffices);
  const [officeId, setOfficeId] = useState<string | null>(me.office?.id ?? null);
  const load = useQuery({
    queryKey: ['caseload', officeId],
    queryFn: () => callOp(getCaseload, { query: { officeId: allOffices ? officeId : undefined } }),
    placeholderData: keepPreviousData,
  });

  let body;
  if (load.isPending) body = <InlineLoader />;
  else if (load.error) body = <LoadError problem={toProblem(load.error)} onRetry={() => void load.refetch()} />;
  else if (load.data.items.length === 0) body = <Empty title={t('cases.caseload.empty')} />;
  else {
    const max = Math.max(...load.data.items.map((r) => r.total), 1);
    const totals = Object.fromEntries(
      OPEN.map((s) => [s, load.data.items.reduce((sum, r) => sum + (r.byStatus[s] ?? 0), 0)]),
    ) as Record<CaseStatus, number>;
    const grand = load.data.items.reduce((sum, r) => sum + r.total, 0);
    body = (
      <Stack gap="sm">
        <Group
          component="ul"
          gap="md"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('cases.caseload.legend')}
          data-testid="caseload-legend"
        >
          {OPEN.map((s) => (
            <Group component="li" key={s} gap={6} wrap="nowrap">
              <Box w={12} h={12} bg={COLOR[s]} style={{ borderRadius: 2 }} aria-hidden />
              <Text size="sm">{t(`cases.statuses.${s}`)}</Text>
            </Group>
          ))}
        </Group>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" data-testid="caseload-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cases.caseload.counsellor')}</Table.Th>
                {OPEN.map((s) => (
                  <Table.Th key={s} ta="end">
                    {t(`cases.statuses.${s}`)}
                  </Table.Th>
                ))}
                <Table.Th ta="end">{t('cases.caseload.total')}</Table.Th>
                <Table.Th w={200}>{t('cases.caseload.share')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {load.data.items.map((r) => {
                const path = personListPath(r.counsellor ? { counsellorId: r.counsellor.id } : {});
                return (
                  <Table.Tr key={r.counsellor?.id ?? 'none'}>
                    <Table.Td>
                      {r.counsellor ? (
                        <Anchor component={Link} to={path} size="sm" fw={600}>
                          {r.counsellor.name}
                        </Anchor>
                      ) : (
                        <Text size="sm" c="dimmed">
                          {t('cases.unassigned')}
                        </Text>
                      )}
                    </Table.Td>
                    {OPEN.map((s) => (
                      <Table.Td key={s} ta="end">
                        {formatNumber(r.byStatus[s] ?? 0)}
                      </Table.Td>
                    ))}
                    <Table.Td ta="end" fw={700}>
                      {formatNumber(r.total)}
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={t('cases.caseload.barLabel', { total: formatNumber(r.total) })}>
                        <Progress.Root size="lg" aria-hidden>
                          {OPEN.map((s) => (
                            <Progress.Section key={s} value={((r.byStatus[s] ?? 0) / max) * 100} color={COLOR[s]} />
                          ))}
                        </Progress.Root>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th>{t('cases.caseload.total')}</Table.Th>
                {OPEN.map((s) => (
                  <Table.Th key={s} ta="end">
                    {formatNumber(totals[s])}
                  </Table.Th>
                ))}
                <Table.Th ta="end" data-testid="caseload-grand-total">
                  {formatNumber(grand)}
                </Table.Th>
                <Table.Td />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader title={t('cases.caseload.title')} description={t('cases.caseload.description')} />
      {allOffices ? (
        <Select
          label={t('persons.columns.office')}
          data={(offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={officeId}
          onChange={setOfficeId}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 280 }}
        />
      ) : null}
      <Card withBorder padding="md">
        {body}
      </Card>
    </Stack>
  );
}
