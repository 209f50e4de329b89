import { Link } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import { Anchor, Button, Card, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useOp } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { formatNumber } from '../../components/format.ts';
import { useSearchWords, useUrlFilters } from '../../components/listState.ts';
import { Pager } from '../../components/Pager.tsx';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { EmployerStatusBadge, HazardBadge } from '../../components/work/Badges.tsx';
import { employerName } from '../../components/work/labels.ts';
import { paths } from '../../components/work/paths.ts';
import { EMPLOYER_STATUSES, type EmployerStatus } from '../../components/work/types.ts';
import { searchEmployers } from '../../../common/contracts/employers.ts';

const PAGE_SIZE = 25;
/** The filters that may stand in the address (the search words stay in memory). */
const URL_FILTERS = { status: EMPLOYER_STATUSES } as const;

/**
 * Employers of the organisation: search by name or tax number (POST /employers/search: a sole trader's
 * tax number is their ID number, so the words stay in memory and in request bodies), filter by status.
 */
export function EmployersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = can('employers:write');
  const [search, setSearch] = useSearchWords('employers');
  const [q] = useDebouncedValue(search.trim(), 300);
  const { filters, page, setFilters, setPage } = useUrlFilters(URL_FILTERS);
  const status = (filters.status ?? null) as EmployerStatus | null;
  const request = { q: q || undefined, status: status ?? undefined, page, pageSize: PAGE_SIZE };
  const list = useOp(searchEmployers, { body: request }, { placeholderData: keepPreviousData });

  const filtersActive = Boolean(q || status);
  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0) {
    body = filtersActive ? (
      <Empty title={t('employers.noMatch')} description={t('common.noMatchText')} />
    ) : (
      <Empty
        title={t('employers.empty')}
        description={t('employers.emptyText')}
        action={
          canWrite ? (
            <Button component={Link} to={paths.employerNew}>
              {t('employers.create')}
            </Button>
          ) : undefined
        }
      />
    );
  } else {
    body = (
      <>
        <Table.ScrollContainer minWidth={860}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="employers-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('employers.name')}</Table.Th>
                <Table.Th>{t('employers.fields.taxNumber')}</Table.Th>
                <Table.Th>{t('employers.sector')}</Table.Th>
                <Table.Th>{t('employers.fields.workerCount')}</Table.Th>
                <Table.Th>{t('employers.place')}</Table.Th>
                <Table.Th>{t('employers.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Anchor component={Link} to={paths.employer(e.id)} fw={600} size="sm">
                        <bdi>{employerName(e)}</bdi>
                      </Anchor>
                      {e.tradeName ? (
                        <Text size="xs" c="dimmed">
                          <bdi>{e.legalName}</bdi>
                        </Text>
                      ) : null}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" className="ltr">
                      {e.taxNumber}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`employers.taxKinds.${e.taxKind}`)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" className="ltr">
                        {e.naceCode}
                      </Text>
                      <HazardBadge value={e.hazardClass ?? e.hazardClassSuggested} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatNumber(e.workerCount)}</Text>
                    {e.disabilityQuota > 0 ? (
                      <Text size="xs" c="dimmed">
                        {t('employers.quotaShort', { count: e.disabilityQuota, n: formatNumber(e.disabilityQuota) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {e.district}, {e.province}
                  </Table.Td>
                  <Table.Td>
                    <EmployerStatusBadge status={e.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Pager list={list.data} onChange={setPage} />
      </>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={t('employers.title')}
        description={t('employers.description')}
        actions={
          canWrite ? (
            <Button
              component={Link}
              to={paths.employerNew}
              leftSection={<IconPlus size={16} aria-hidden />}
              data-testid="employer-create"
            >
              {t('employers.create')}
            </Button>
          ) : null
        }
      />
      <FilterPanel active={[q, status].filter(Boolean).length}>
        <TextInput
          label={t('common.search')}
          placeholder={t('employers.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            if (page > 1) setPage(1);
          }}
          w={{ base: '100%', sm: 300 }}
          data-testid="employer-search"
        />
        <Select
          label={t('employers.status')}
          data={EMPLOYER_STATUSES.map((s) => ({ value: s, label: t(`employers.statuses.${s}`) }))}
          value={status}
          onChange={(v) => setFilters({ status: v })}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 200 }}
        />
      </FilterPanel>
      <Card withBorder padding="md">
        {body}
      </Card>
    </Stack>
  );
}
