import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Select, Stack, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../api/session.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { formatDate, formatNumber, listSeparator } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { VacancyStatusBadge } from '../../components/work/Badges.tsx';
import { wageText } from '../../components/work/labels.ts';
import { paths } from '../../components/work/paths.ts';
import { VACANCY_STATUSES, type VacancyStatus } from '../../components/work/types.ts';
import { useOp } from '../../api/ops.ts';
import { listVacancies, type Vacancy } from '../../../common/contracts/vacancies.ts';

const PAGE_SIZE = 25;

/** A table of vacancies; `employerColumn` for staff, who see every employer's. */
export function VacancyTable({
  items,
  portal = false,
  employerColumn = true,
}: {
  items: Vacancy[];
  portal?: boolean;
  employerColumn?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="vacancies-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('vacancies.fields.title')}</Table.Th>
            {employerColumn ? <Table.Th>{t('vacancies.fields.employerId')}</Table.Th> : null}
            <Table.Th>{t('vacancies.place')}</Table.Th>
            <Table.Th>{t('vacancies.wage')}</Table.Th>
            <Table.Th>{t('vacancies.fields.deadline')}</Table.Th>
            <Table.Th>{t('vacancies.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((v) => (
            <Table.Tr key={v.id}>
              <Table.Td>
                <Stack gap={0}>
                  <Anchor component={Link} to={paths.vacancy(v.id, portal)} fw={600} size="sm">
                    {v.title}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {v.occupation} · {t('vacancies.positionsN', { count: v.positions, n: formatNumber(v.positions) })}
                  </Text>
                </Stack>
              </Table.Td>
              {employerColumn ? <Table.Td>{v.employer.name}</Table.Td> : null}
              <Table.Td>
                {v.remote ? t('vacancies.remoteShort') : [v.district, v.province].filter(Boolean).join(listSeparator())}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{wageText(v)}</Text>
              </Table.Td>
              <Table.Td>{v.deadline ? formatDate(v.deadline) : '—'}</Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <VacancyStatusBadge status={v.status} />
                  {v.wordingFlags.length > 0 && !v.wordingJustification ? (
                    <Badge size="xs" color="#b7410e" variant="outline">
                      {t('vacancies.wordingFlagged')}
                    </Badge>
                  ) : null}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Vacancies: all of them with filters, and for approvers the review queue (submitted ones). */
export function VacanciesPage({ portal = false }: { portal?: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const canWrite = portal ? can('employer-portal') : can('vacancies:write');
  const canApprove = !portal && can('vacancies:approve');
  const [tab, setTab] = useState<'all' | 'review'>(canApprove ? 'review' : 'all');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<VacancyStatus | null>(null);
  const [page, setPage] = useState(1);

  const effectiveStatus = tab === 'review' ? 'submitted' : status;
  const params = { q, status: effectiveStatus, page, pageSize: PAGE_SIZE };
  const list = useOp(listVacancies, { query: params }, { placeholderData: keepPreviousData });
  const queue = useOp(listVacancies, { query: { status: 'submitted', pageSize: 1 } }, { enabled: canApprove });

  const filtersActive = Boolean(q || (tab === 'all' && status));
  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0) {
    body =
      tab === 'review' && !q ? (
        <Empty title={t('vacancies.queueEmpty')} description={t('vacancies.queueEmptyText')} />
      ) : filtersActive ? (
        <Empty title={t('vacancies.noMatch')} description={t('common.noMatchText')} />
      ) : (
        <Empty
          title={t('vacancies.empty')}
          description={portal ? t('portal.vacanciesEmptyText') : t('vacancies.emptyText')}
          action={
            canWrite ? (
              <Button component={Link} to={paths.vacancyNew(portal)}>
                {t('vacancies.create')}
              </Button>
            ) : undefined
          }
        />
      );
  } else {
    body = (
      <>
        <VacancyTable items={list.data.items} portal={portal} employerColumn={!portal} />
        <Pager list={list.data} onChange={setPage} />
      </>
    );
  }

  const filters = (
    <FilterPanel active={[q, tab === 'all' ? status : null].filter(Boolean).length}>
      <TextInput
        label={t('common.search')}
        placeholder={t('vacancies.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setPage(1);
        }}
        w={{ base: '100%', sm: 280 }}
      />
      {tab === 'all' ? (
        <Select
          label={t('vacancies.status')}
          data={VACANCY_STATUSES.map((s) => ({ value: s, label: t(`vacancies.statuses.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 200 }}
          data-testid="vacancy-status-filter"
        />
      ) : null}
    </FilterPanel>
  );

  return (
    <Stack gap="md">
      <PageHeader
        title={portal ? t('portal.vacanciesTitle') : t('vacancies.title')}
        description={portal ? t('portal.vacanciesDescription') : t('vacancies.description')}
        actions={
          canWrite ? (
            <Button
              component={Link}
              to={paths.vacancyNew(portal)}
              leftSection={<IconPlus size={16} aria-hidden />}
              data-testid="vacancy-create"
            >
              {t('vacancies.create')}
            </Button>
          ) : null
        }
      />
      {canApprove ? (
        <Tabs
          value={tab}
          onChange={(v) => {
            setTab(v === 'review' ? 'review' : 'all');
            setPage(1);
          }}
        >
          <Tabs.List>
            <Tabs.Tab
              value="review"
              data-testid="review-queue-tab"
              rightSection={
                queue.data && queue.data.total > 0 ? (
                  <Badge size="sm" color="#9c5700" variant="filled">
                    {formatNumber(queue.data.total)}
                  </Badge>
                ) : null
              }
            >
              {t('vacancies.reviewQueue')}
            </Tabs.Tab>
            <Tabs.Tab value="all" data-testid="all-vacancies-tab">
              {t('vacancies.allVacancies')}
            </Tabs.Tab>
          </Tabs.List>
        </Tabs>
      ) : null}
      {filters}
      <Card withBorder padding="md">
        {body}
      </Card>
    </Stack>
  );
}
