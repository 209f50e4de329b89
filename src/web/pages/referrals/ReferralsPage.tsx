import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { keepPreviousData, useQueryClient } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Select, Stack, Switch, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_STATUSES } from '../../../common/referral-workflow.ts';
import { listReferrals } from '../../../common/contracts/referrals.ts';
import { useOp } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { formatDate, formatNumber } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { notifySuccess, toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { ReferralStatusBadge } from '../../components/work/Badges.tsx';
import { paths } from '../../components/work/paths.ts';
import { ProposeReferralModal } from '../../components/work/ProposeReferralModal.tsx';
import type { Referral, ReferralStatus } from '../../components/work/types.ts';

const PAGE_SIZE = 25;

/** How long a sent referral has waited for the employer's answer, in working days, flagged when overdue. */
export function Waiting({ r }: { r: Referral }) {
  const { t } = useTranslation();
  if (r.waitingWorkingDays === null) {
    return r.responseWorkingDays !== null ? (
      <Text size="sm" c="dimmed">
        {t('referrals.answeredIn', { count: r.responseWorkingDays, n: formatNumber(r.responseWorkingDays) })}
      </Text>
    ) : (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Stack gap={2} align="flex-start">
      <Text size="sm" fw={r.overdue ? 700 : undefined} c={r.overdue ? 'red.9' : undefined}>
        {t('referrals.workingDays', { count: r.waitingWorkingDays, n: formatNumber(r.waitingWorkingDays) })}
      </Text>
      {r.overdue ? (
        <Badge color="red.9" variant="filled" size="sm">
          {t('referrals.overdue')}
        </Badge>
      ) : null}
    </Stack>
  );
}

export function ReferralTable({
  items,
  portal = false,
  employerColumn = true,
}: {
  items: Referral[];
  portal?: boolean;
  employerColumn?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={780}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="referrals-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{portal ? t('portal.candidate') : t('referrals.person')}</Table.Th>
            <Table.Th>{t('referrals.vacancy')}</Table.Th>
            {employerColumn ? <Table.Th>{t('referrals.employer')}</Table.Th> : null}
            <Table.Th>{t('referrals.status')}</Table.Th>
            <Table.Th>{t('referrals.sentAt')}</Table.Th>
            <Table.Th>{t('referrals.waiting')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Anchor component={Link} to={paths.referral(r.id, portal)} fw={600} size="sm">
                  {r.person.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{r.vacancy.title}</Text>
              </Table.Td>
              {employerColumn ? <Table.Td>{r.employer.name}</Table.Td> : null}
              <Table.Td>
                <ReferralStatusBadge status={r.status} />
              </Table.Td>
              <Table.Td>{r.sentAt ? formatDate(r.sentAt.slice(0, 10)) : '—'}</Table.Td>
              <Table.Td>
                <Waiting r={r} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Referrals: by status, and the ones waiting too long for an answer. */
export function ReferralsPage({ portal = false }: { portal?: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [status, setStatus] = useState<ReferralStatus | null>(null);
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [proposing, setProposing] = useState(false);
  const canPropose = !portal && can('referrals:write');
  const list = useOp(
    listReferrals,
    { query: { status, overdue: overdue || undefined, page, pageSize: PAGE_SIZE } },
    { placeholderData: keepPreviousData },
  );

  const filtersActive = Boolean(status || overdue);
  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body = filtersActive ? (
      <Empty title={t('referrals.noMatch')} description={t('common.noMatchText')} />
    ) : (
      <Empty
        title={portal ? t('portal.referralsEmpty') : t('referrals.empty')}
        description={portal ? t('portal.referralsEmptyText') : t('referrals.emptyText')}
      />
    );
  else
    body = (
      <>
        <ReferralTable items={list.data.items} portal={portal} employerColumn={!portal} />
        <Pager list={list.data} onChange={setPage} />
      </>
    );

  return (
    <Stack gap="md">
      <PageHeader
        title={portal ? t('portal.referralsTitle') : t('referrals.title')}
        description={portal ? t('portal.referralsDescription') : t('referrals.description')}
        actions={
          canPropose ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setProposing(true)}>
              {t('referrals.proposePerson')}
            </Button>
          ) : null
        }
      />
      <FilterPanel active={[status, overdue].filter(Boolean).length}>
        <Select
          label={t('referrals.status')}
          data={REFERRAL_STATUSES.filter((s) => !portal || s !== 'proposed').map((s) => ({
            value: s,
            label: t(`referrals.statuses.${s}`),
          }))}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 220 }}
        />
        <Switch
          label={portal ? t('portal.overdueOnly') : t('referrals.overdueOnly')}
          checked={overdue}
          onChange={(e) => {
            setOverdue(e.currentTarget.checked);
            setPage(1);
          }}
          mb={8}
          data-testid="overdue-filter"
        />
      </FilterPanel>
      <Card withBorder padding="md">
        {body}
      </Card>
      {proposing ? (
        <ProposeReferralModal
          onClose={() => setProposing(false)}
          onCreated={(r) => {
            setProposing(false);
            notifySuccess(t('referrals.proposed'));
            void client.invalidateQueries({ queryKey: ['referrals'] });
            void navigate(paths.referral(r.id));
          }}
        />
      ) : null}
    </Stack>
  );
}
