import { useState } from 'react';
import { Anchor, Button, Group, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChartBar, IconSettings } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session.ts';
import { useOp } from '../../api/ops.ts';
import { formatDate, formatMoney } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { Pager } from '../../components/Pager.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import * as op from '../../../common/contracts/graduation.ts';
import { GRADUATION_STATUSES, type GraduationStatus } from '../../../common/graduation.ts';
import { GraduationActions, GraduationStatusBadge } from './GraduationPanel.tsx';

const SORTS = ['recommended-asc', 'recommended-desc', 'income-desc'] as const;
type Sort = (typeof SORTS)[number];

/**
 * The manager's approval queue (recommendations waiting for a decision, the oldest first) and every
 * other graduation by status: approved ones wait for the paying unit, confirmed ones are watched for
 * 12 months for a return to aid.
 */
export function GraduationsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [status, setStatus] = useState<GraduationStatus | 'all'>('recommended');
  const [sort, setSort] = useState<Sort>('recommended-asc');
  const [page, setPage] = useState(1);
  const list = useOp(op.listGraduations, {
    query: { ...(status === 'all' ? {} : { status }), sort, page, pageSize: 25 },
  });
  const actions = can('graduation:manage') ? (
    <>
      <Button
        component={Link}
        to="/graduation/report"
        variant="default"
        leftSection={<IconChartBar size={16} aria-hidden />}
      >
        {t('graduation.report.nav')}
      </Button>
      <Button
        component={Link}
        to="/graduation/settings"
        variant="default"
        leftSection={<IconSettings size={16} aria-hidden />}
      >
        {t('graduation.settings.nav')}
      </Button>
    </>
  ) : undefined;

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = (
      <Empty
        title={status === 'recommended' ? t('graduation.queue.empty') : t('graduation.queue.emptyStatus')}
        description={t('graduation.queue.emptyText')}
      />
    );
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover data-testid="graduation-queue">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('graduation.queue.columns.person')}</Table.Th>
                <Table.Th>{t('graduation.queue.columns.office')}</Table.Th>
                <Table.Th>{t('graduation.queue.columns.recommendedOn')}</Table.Th>
                <Table.Th>{t('graduation.queue.columns.work')}</Table.Th>
                <Table.Th>{t('graduation.queue.columns.income')}</Table.Th>
                <Table.Th>{t('graduation.queue.columns.aid')}</Table.Th>
                <Table.Th>{t('graduation.queue.columns.status')}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((g) => (
                <Table.Tr key={g.id} data-testid="graduation-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/persons/${g.person.id}`}>
                      {g.person.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {g.district ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{g.office.name}</Table.Td>
                  <Table.Td>{formatDate(g.recommendedOn)}</Table.Td>
                  <Table.Td>
                    {g.facts.work
                      ? t('graduation.queue.workValue', {
                          months: g.facts.work.months,
                          employer: g.facts.work.employerName,
                        })
                      : '—'}
                  </Table.Td>
                  <Table.Td>
                    {t('graduation.queue.incomeValue', {
                      perMember: formatMoney(g.facts.incomePerMember),
                      threshold: g.facts.threshold === null ? '—' : formatMoney(g.facts.threshold),
                    })}
                  </Table.Td>
                  <Table.Td>{formatMoney(g.facts.monthlyAid)}</Table.Td>
                  <Table.Td>
                    <GraduationStatusBadge status={g.status} />
                  </Table.Td>
                  <Table.Td>
                    <GraduationActions graduation={g} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={list.data} onChange={setPage} />
      </>
    );

  return (
    <Stack>
      <PageHeader
        title={t('graduation.queue.title')}
        description={t('graduation.queue.description')}
        actions={actions}
      />
      <Group align="flex-end">
        <Select
          label={t('graduation.queue.status')}
          data={[
            { value: 'all', label: t('graduation.queue.allStatuses') },
            ...GRADUATION_STATUSES.map((s) => ({ value: s, label: t(`graduation.statuses.${s}`) })),
          ]}
          value={status}
          allowDeselect={false}
          onChange={(v) => {
            setStatus(v ?? 'recommended');
            setPage(1);
          }}
          data-testid="graduation-status-filter"
        />
        <Select
          label={t('graduation.queue.sort')}
          data={SORTS.map((s) => ({ value: s, label: t(`graduation.queue.sorts.${s}`) }))}
          value={sort}
          allowDeselect={false}
          onChange={(v) => {
            setSort(v ?? 'recommended-asc');
            setPage(1);
          }}
        />
      </Group>
      {body}
    </Stack>
  );
}
