import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { useListSort } from '../../components/SortableHeader.tsx';
import { backToFirstPage, ChoiceFilter, SearchFilter } from '../../components/ListFilters.tsx';
import { formatDate, formatNumber } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { FAIR_STATUSES, type FairStatus } from '../../../common/fairs.ts';
import { listFairs, type FAIR_SORTS } from '../../../common/contracts/fairs.ts';

const PAGE_SIZE = 25;
type Sort = (typeof FAIR_SORTS)[number];

export function FairStatusBadge({ status }: { status: FairStatus }) {
  const { t } = useTranslation();
  const color =
    status === 'open' ? 'teal.9' : status === 'planned' ? 'blue.9' : status === 'closed' ? 'gray.8' : 'red.9';
  return (
    <Badge color={color} variant="outline" data-testid="fair-status">
      {t(`fairs.statuses.${status}`)}
    </Badge>
  );
}

/** The organisation's job fairs: search by name, filter by status and district, sort by date, name or visitors. */
export function FairsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [district, setDistrict] = useState('');
  const [d] = useDebouncedValue(district.trim(), 300);
  const [status, setStatus] = useState<FairStatus | null>(null);
  const [page, setPage] = useState(1);
  const { sort, order, header } = useListSort<Sort>(
    'date',
    'desc',
    (key) => (key === 'name' ? 'asc' : 'desc'),
    () => setPage(1),
  );
  const filter = backToFirstPage(setPage);
  const list = useOp(
    listFairs,
    { query: { q, status, district: d || null, sort, order, page, pageSize: PAGE_SIZE } },
    { placeholderData: keepPreviousData },
  );

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body =
      q || status || d ? (
        <Empty title={t('fairs.noMatch')} description={t('common.noMatchText')} />
      ) : (
        <Empty
          title={t('fairs.empty')}
          description={t('fairs.emptyText')}
          action={
            can('fairs:manage') ? (
              <Button component={Link} to="/fairs/new">
                {t('fairs.new')}
              </Button>
            ) : undefined
          }
        />
      );
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="fairs-table">
            <Table.Thead>
              <Table.Tr>
                {header('name', t('fairs.columns.name'))}
                {header('date', t('fairs.columns.date'))}
                <Table.Th>{t('fairs.columns.district')}</Table.Th>
                <Table.Th>{t('fairs.columns.employers')}</Table.Th>
                <Table.Th>{t('fairs.columns.positions')}</Table.Th>
                {header('visitors', t('fairs.columns.visitors'))}
                <Table.Th>{t('fairs.columns.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Anchor component={Link} to={`/fairs/${f.id}`} fw={600} size="sm">
                        {f.name}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {f.place} · {f.office}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {formatDate(f.startDate)}
                      {f.endDate !== f.startDate ? ` – ${formatDate(f.endDate)}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{f.district}</Table.Td>
                  <Table.Td>{formatNumber(f.employers)}</Table.Td>
                  <Table.Td>{formatNumber(f.positions)}</Table.Td>
                  <Table.Td>{formatNumber(f.visitors)}</Table.Td>
                  <Table.Td>
                    <FairStatusBadge status={f.status} />
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
      <PageHeader
        title={t('fairs.title')}
        description={t('fairs.description')}
        actions={
          can('fairs:manage') ? (
            <Button component={Link} to="/fairs/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('fairs.new')}
            </Button>
          ) : null
        }
      />
      <FilterPanel active={[q, status, d].filter(Boolean).length}>
        <SearchFilter placeholder={t('fairs.searchPlaceholder')} value={search} onChange={filter(setSearch)} />
        <TextInput
          label={t('fairs.fields.district')}
          value={district}
          onChange={(e) => filter(setDistrict)(e.currentTarget.value)}
          w={{ base: '100%', sm: 200 }}
        />
        <ChoiceFilter
          label={t('fairs.fields.status')}
          options={FAIR_STATUSES.map((s) => ({ value: s, label: t(`fairs.statuses.${s}`) }))}
          value={status}
          onChange={filter(setStatus)}
        />
      </FilterPanel>
      <Card withBorder padding="md">
        {body}
      </Card>
    </Stack>
  );
}
