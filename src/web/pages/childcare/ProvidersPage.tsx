import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChartBar, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { useListSort } from '../../components/SortableHeader.tsx';
import { backToFirstPage, ChoiceFilter, choicesOf, SearchFilter } from '../../components/ListFilters.tsx';
import { formatNumber } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { PROVIDER_KINDS, type ProviderKind } from '../../../common/childcare.ts';
import { listProviders, type PROVIDER_SORTS } from '../../../common/contracts/childcare.ts';
import { ageRangeLabel, childcarePaths, HoursLabel } from './labels.tsx';

const PAGE_SIZE = 25;
type Sort = (typeof PROVIDER_SORTS)[number];

/** Care providers: free places and waiting lists at a glance, sortable, filtered by kind and state. */
export function ProvidersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [kind, setKind] = useState<ProviderKind | null>(null);
  const [state, setState] = useState<'active' | 'inactive' | null>('active');
  const [page, setPage] = useState(1);
  const { sort, order, header } = useListSort<Sort>(
    'name',
    'asc',
    (key) => (key === 'name' || key === 'district' ? 'asc' : 'desc'),
    () => setPage(1),
  );
  const filter = backToFirstPage(setPage);
  const active = state === null ? undefined : state === 'active';
  const list = useOp(
    listProviders,
    { query: { q, kind, active, sort, order, page, pageSize: PAGE_SIZE } },
    { placeholderData: keepPreviousData },
  );

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body =
      q || kind || state ? (
        <Empty title={t('childcare.noMatch')} description={t('common.noMatchText')} />
      ) : (
        <Empty
          title={t('childcare.empty')}
          description={t('childcare.emptyText')}
          action={
            can('childcare:manage') ? (
              <Button component={Link} to={childcarePaths.newProvider}>
                {t('childcare.form.title')}
              </Button>
            ) : undefined
          }
        />
      );
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="providers-table">
            <Table.Thead>
              <Table.Tr>
                {header('name', t('childcare.fields.name'))}
                {header('district', t('childcare.fields.district'))}
                <Table.Th>{t('childcare.fields.ages')}</Table.Th>
                {header('capacity', t('childcare.fields.capacity'))}
                {header('free', t('childcare.fields.free'))}
                {header('waiting', t('childcare.fields.waiting'))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Group gap={6}>
                        <Anchor component={Link} to={childcarePaths.provider(p.id)} fw={600} size="sm">
                          {p.name}
                        </Anchor>
                        {!p.active ? (
                          <Badge size="xs" variant="outline" color="gray.8">
                            {t('childcare.inactive')}
                          </Badge>
                        ) : null}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {t(`childcare.kinds.${p.kind}`)} · <HoursLabel provider={p} />
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {p.district}, {p.province}
                  </Table.Td>
                  <Table.Td>{ageRangeLabel(p)}</Table.Td>
                  <Table.Td>{formatNumber(p.capacity)}</Table.Td>
                  <Table.Td>{formatNumber(p.free)}</Table.Td>
                  <Table.Td>{formatNumber(p.waiting)}</Table.Td>
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
        title={t('childcare.title')}
        description={t('childcare.description')}
        actions={
          <Group gap="xs">
            {can('childcare:manage') || can('indicators:read') ? (
              <Button
                variant="default"
                component={Link}
                to={childcarePaths.report}
                leftSection={<IconChartBar size={16} aria-hidden />}
              >
                {t('childcare.report.nav')}
              </Button>
            ) : null}
            {can('childcare:manage') ? (
              <Button component={Link} to={childcarePaths.newProvider} leftSection={<IconPlus size={16} aria-hidden />}>
                {t('childcare.form.title')}
              </Button>
            ) : null}
          </Group>
        }
      />
      <FilterPanel active={[q, kind, state !== 'active' ? 'x' : null].filter(Boolean).length}>
        <SearchFilter placeholder={t('childcare.searchPlaceholder')} value={search} onChange={filter(setSearch)} />
        <ChoiceFilter
          label={t('childcare.fields.kind')}
          options={choicesOf(PROVIDER_KINDS, (k) => t(`childcare.kinds.${k}`))}
          value={kind}
          onChange={filter(setKind)}
        />
        <ChoiceFilter
          label={t('childcare.fields.state')}
          options={choicesOf(['active', 'inactive'] as const, (s) =>
            s === 'active' ? t('childcare.active') : t('childcare.inactive'),
          )}
          value={state}
          onChange={filter(setState)}
        />
      </FilterPanel>
      <Card withBorder padding="md">
        {body}
      </Card>
    </Stack>
  );
}
