import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import { Anchor, Badge, Card, Checkbox, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { formatDate } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { listReviews } from '../../../common/contracts/cooperatives.ts';
import { SignExplanation } from './CooperativePage.tsx';

/** The review tasks warning signs opened: open ones first, mine or everyone's. */
export function CooperativeReviewsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'resolved'>('open');
  const [mine, setMine] = useState(false);
  const [page, setPage] = useState(1);
  const list = useOp(
    listReviews,
    { query: { status, mine, page, pageSize: 25 } },
    { placeholderData: keepPreviousData },
  );
  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0) body = <Empty title={t('cooperatives.reviews.empty')} />;
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" data-testid="reviews-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('cooperatives.fields.name')}</Table.Th>
                <Table.Th>{t('cooperatives.reviews.sign')}</Table.Th>
                <Table.Th>{t('cooperatives.reviews.assignedTo')}</Table.Th>
                <Table.Th>{t('cooperatives.reviews.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cooperatives/${r.cooperativeId}`} size="sm" fw={600}>
                      {r.cooperativeName}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {formatDate(r.openedAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <SignExplanation sign={r.sign} params={r.params} />
                  </Table.Td>
                  <Table.Td>{r.assignedTo?.name ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge color={r.status === 'open' ? 'orange.9' : 'teal.9'} variant="outline">
                      {t(`cooperatives.reviews.statuses.${r.status}`)}
                    </Badge>
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
    <Stack gap="md">
      <PageHeader title={t('cooperatives.reviews.title')} description={t('cooperatives.reviews.description')} />
      <Group>
        <SegmentedControl
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          data={[
            { value: 'open', label: t('cooperatives.reviews.statuses.open') },
            { value: 'resolved', label: t('cooperatives.reviews.statuses.resolved') },
          ]}
        />
        <Checkbox
          label={t('cooperatives.reviews.mine')}
          checked={mine}
          onChange={(e) => {
            setMine(e.currentTarget.checked);
            setPage(1);
          }}
        />
      </Group>
      <Card withBorder padding="md">
        {body}
      </Card>
    </Stack>
  );
}
