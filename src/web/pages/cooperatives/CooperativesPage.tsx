import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconChartBar, IconPlus } from '@tabler/icons-react';
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
import { FOCUS_TAGS, ICLS_TYPES, type FocusTag, type IclsType } from '../../../common/cooperatives.ts';
import { listCooperatives, type COOPERATIVE_SORTS } from '../../../common/contracts/cooperatives.ts';

const PAGE_SIZE = 25;
type Sort = (typeof COOPERATIVE_SORTS)[number];

/** The registry of cooperatives: searchable, filtered by ICLS type, focus and warning signs, sortable. */
export function CooperativesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [iclsType, setIclsType] = useState<IclsType | null>(null);
  const [focusTag, setFocusTag] = useState<FocusTag | null>(null);
  const [flagged, setFlagged] = useState<'yes' | 'no' | null>(null);
  const [page, setPage] = useState(1);
  const { sort, order, header } = useListSort<Sort>(
    'name',
    'asc',
    (key) => (key === 'name' || key === 'district' ? 'asc' : 'desc'),
    () => setPage(1),
  );
  const filter = backToFirstPage(setPage);
  const list = useOp(
    listCooperatives,
    {
      query: {
        q,
        iclsType,
        focusTag,
        flagged: flagged === null ? null : flagged === 'yes',
        sort,
        order,
        page,
        pageSize: PAGE_SIZE,
      },
    },
    { placeholderData: keepPreviousData },
  );
  const actions = (
    <Group gap="xs">
      <Button
        component={Link}
        to="/cooperatives/statistics"
        variant="default"
        leftSection={<IconChartBar size={16} aria-hidden />}
      >
        {t('cooperatives.statistics.nav')}
      </Button>
      <Button
        component={Link}
        to="/cooperatives/reviews"
        variant="default"
        leftSection={<IconAlertTriangle size={16} aria-hidden />}
      >
        {t('cooperatives.reviews.nav')}
      </Button>
      {can('cooperatives:manage') ? (
        <Button
          component={Link}
          to="/cooperatives/new"
          leftSection={<IconPlus size={16} aria-hidden />}
          data-testid="new-cooperative"
        >
          {t('cooperatives.new')}
        </Button>
      ) : null}
    </Group>
  );

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body =
      q || iclsType || focusTag || flagged ? (
        <Empty title={t('cooperatives.noMatch')} description={t('common.noMatchText')} />
      ) : (
        <Empty title={t('cooperatives.empty')} description={t('cooperatives.emptyText')} />
      );
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="cooperatives-table">
            <Table.Thead>
              <Table.Tr>
                {header('name', t('cooperatives.fields.name'))}
                <Table.Th>{t('cooperatives.fields.iclsType')}</Table.Th>
                {header('district', t('cooperatives.fields.district'))}
                {header('members', t('cooperatives.fields.members'))}
                <Table.Th>{t('cooperatives.fields.workers')}</Table.Th>
                <Table.Th>{t('cooperatives.fields.signs')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Anchor component={Link} to={`/cooperatives/${c.id}`} fw={600} size="sm">
                        {c.name}
                      </Anchor>
                      <Group gap={4}>
                        {c.focusTags.map((f) => (
                          <Badge key={f} size="xs" variant="light" color="grape.9">
                            {t(`cooperatives.focusTags.${f}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`cooperatives.iclsTypes.${c.iclsType}`)}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`cooperatives.legalTypes.${c.legalType}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {c.district}, {c.province}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatNumber(c.members)}</Table.Td>
                  <Table.Td>{formatNumber(c.workers)}</Table.Td>
                  <Table.Td>
                    {c.openReviews > 0 ? (
                      <Badge color="orange.9" variant="outline" data-testid="open-reviews">
                        {t('cooperatives.openReviews', { n: c.openReviews })}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('cooperatives.noSigns')}
                      </Text>
                    )}
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
      <PageHeader title={t('cooperatives.title')} description={t('cooperatives.description')} actions={actions} />
      <FilterPanel active={[q, iclsType, focusTag, flagged].filter(Boolean).length}>
        <SearchFilter
          placeholder={t('cooperatives.searchPlaceholder')}
          value={search}
          onChange={filter(setSearch)}
          width={260}
        />
        <ChoiceFilter
          label={t('cooperatives.fields.iclsType')}
          options={choicesOf(ICLS_TYPES, (s) => t(`cooperatives.iclsTypes.${s}`))}
          value={iclsType}
          onChange={filter(setIclsType)}
        />
        <ChoiceFilter
          label={t('cooperatives.fields.focusTags')}
          options={choicesOf(FOCUS_TAGS, (s) => t(`cooperatives.focusTags.${s}`))}
          value={focusTag}
          onChange={filter(setFocusTag)}
        />
        <ChoiceFilter
          label={t('cooperatives.fields.signs')}
          options={choicesOf(['yes', 'no'] as const, (v) =>
            v === 'yes' ? t('cooperatives.flaggedYes') : t('cooperatives.flaggedNo'),
          )}
          value={flagged}
          onChange={filter(setFlagged)}
        />
      </FilterPanel>
      <Card withBorder padding="md">
        {body}
      </Card>
    </Stack>
  );
}
