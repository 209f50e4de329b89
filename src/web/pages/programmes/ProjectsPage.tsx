import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Stack, Table, Text } from '@mantine/core';
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
import { PROJECT_STATUSES, type ProjectStatus } from '../../../common/programmes.ts';
import { listProjects, type PROJECT_SORTS } from '../../../common/contracts/programmes.ts';
import { localTitle } from '../courses/labels.ts';

const PAGE_SIZE = 25;
type Sort = (typeof PROJECT_SORTS)[number];

export function ProjectStatusBadge({ status }: { status: ProjectStatus }) {
  const { t } = useTranslation();
  const color = status === 'active' ? 'teal.9' : status === 'planned' ? 'blue.9' : 'gray.8';
  return (
    <Badge color={color} variant="outline" data-testid="project-status">
      {t(`programmes.statuses.${status}`)}
    </Badge>
  );
}

/** The organisation's projects: searchable, filtered by status, sortable by dates or name. */
export function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<ProjectStatus | null>(null);
  const [page, setPage] = useState(1);
  const { sort, order, header } = useListSort<Sort>(
    'startDate',
    'desc',
    (key) => (key === 'name' ? 'asc' : 'desc'),
    () => setPage(1),
  );
  const filter = backToFirstPage(setPage);
  const list = useOp(
    listProjects,
    { query: { q, status, sort, order, page, pageSize: PAGE_SIZE } },
    { placeholderData: keepPreviousData },
  );
  const newButton = can('programmes:manage') ? (
    <Button
      component={Link}
      to="/projects/new"
      leftSection={<IconPlus size={16} aria-hidden />}
      data-testid="new-project"
    >
      {t('programmes.newProject')}
    </Button>
  ) : null;

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body =
      q || status ? (
        <Empty title={t('programmes.noMatch')} description={t('common.noMatchText')} />
      ) : (
        <Empty title={t('programmes.empty')} description={t('programmes.emptyText')} action={newButton ?? undefined} />
      );
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="projects-table">
            <Table.Thead>
              <Table.Tr>
                {header('name', t('programmes.fields.name'))}
                {header('startDate', t('programmes.fields.dates'))}
                <Table.Th>{t('programmes.fields.indicators')}</Table.Th>
                <Table.Th>{t('programmes.fields.courses')}</Table.Th>
                <Table.Th>{t('programmes.fields.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Anchor component={Link} to={`/projects/${p.id}`} fw={600} size="sm">
                        {localTitle(p.name, i18n.language)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {[p.code, p.donor ? t('programmes.donorLine', { donor: p.donor }) : null]
                          .filter(Boolean)
                          .join(' · ')}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {formatDate(p.startDate)} – {formatDate(p.endDate)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatNumber(p.indicators)}</Table.Td>
                  <Table.Td>{formatNumber(p.courses)}</Table.Td>
                  <Table.Td>
                    <ProjectStatusBadge status={p.status} />
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
      <PageHeader title={t('programmes.title')} description={t('programmes.description')} actions={newButton} />
      <FilterPanel active={[q, status].filter(Boolean).length}>
        <SearchFilter placeholder={t('programmes.searchPlaceholder')} value={search} onChange={filter(setSearch)} />
        <ChoiceFilter
          label={t('programmes.fields.status')}
          options={PROJECT_STATUSES.map((s) => ({ value: s, label: t(`programmes.statuses.${s}`) }))}
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
