import { useState } from 'react';
import { Link } from 'react-router';
import { keepPreviousData } from '@tanstack/react-query';
import { Anchor, Badge, Button, Card, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useListSort } from '../../components/SortableHeader.tsx';
import { useOp } from '../../api/ops.ts';
import { useCan } from '../../api/session.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { formatDate, formatNumber } from '../../components/format.ts';
import { Pager } from '../../components/Pager.tsx';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { COURSE_STATUSES, type CourseStatus } from '../../../common/courses.ts';
import type { COURSE_SORTS } from '../../../common/contracts/courses.ts';
import { listCourses } from '../../../common/contracts/courses.ts';
import { coursePaths, localTitle } from './labels.ts';

const PAGE_SIZE = 25;
type Sort = (typeof COURSE_SORTS)[number];

export function CourseStatusBadge({ status }: { status: CourseStatus }) {
  const { t } = useTranslation();
  const color = status === 'open' ? 'teal.9' : status === 'closed' ? 'gray.8' : 'red.9';
  return (
    <Badge color={color} variant="outline" data-testid="course-status">
      {t(`courses.statuses.${status}`)}
    </Badge>
  );
}

/** The course catalogue: sortable by start date, title, capacity or enrolments; a trainer sees their own courses. */
export function CoursesPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<CourseStatus | null>(null);
  const [page, setPage] = useState(1);
  const { sort, order, header } = useListSort<Sort>(
    'startDate',
    'desc',
    (key) => (key === 'title' ? 'asc' : 'desc'),
    () => setPage(1),
  );
  const list = useOp(
    listCourses,
    { query: { q, status, sort, order, page, pageSize: PAGE_SIZE } },
    { placeholderData: keepPreviousData },
  );

  let body;
  if (list.isPending) body = <InlineLoader />;
  else if (list.error) body = <LoadError problem={toProblem(list.error)} onRetry={() => void list.refetch()} />;
  else if (list.data.items.length === 0)
    body =
      q || status ? (
        <Empty title={t('courses.noMatch')} description={t('common.noMatchText')} />
      ) : (
        <Empty
          title={t('courses.empty')}
          description={t('courses.emptyText')}
          action={
            can('courses:manage') ? (
              <Button component={Link} to="/courses/new">
                {t('courses.form.title')}
              </Button>
            ) : undefined
          }
        />
      );
  else
    body = (
      <>
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover data-testid="courses-table">
            <Table.Thead>
              <Table.Tr>
                {header('title', t('courses.fields.title'))}
                {header('startDate', t('courses.fields.dates'))}
                {header('capacity', t('courses.fields.capacity'))}
                {header('enrolled', t('courses.fields.enrolled'))}
                <Table.Th>{t('courses.fields.certificateType')}</Table.Th>
                <Table.Th>{t('courses.fields.status')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Stack gap={0}>
                      <Anchor component={Link} to={coursePaths.course(c.id)} fw={600} size="sm">
                        {localTitle(c.title, i18n.language)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {localTitle(c.occupation, i18n.language)} · {t('courses.hoursN', { n: formatNumber(c.hours) })}
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {formatDate(c.startDate)} – {formatDate(c.endDate)}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatNumber(c.capacity)}</Table.Td>
                  <Table.Td>
                    {formatNumber(c.enrolled)}
                    {c.waiting > 0 ? (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        {t('courses.waitingN', { n: formatNumber(c.waiting) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{t(`courses.certificateTypes.${c.certificateType}`)}</Table.Td>
                  <Table.Td>
                    <CourseStatusBadge status={c.status} />
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
        title={t('courses.title')}
        description={t('courses.description')}
        actions={
          can('courses:manage') ? (
            <Button component={Link} to="/courses/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('courses.form.title')}
            </Button>
          ) : null
        }
      />
      <FilterPanel active={[q, status].filter(Boolean).length}>
        <TextInput
          label={t('common.search')}
          placeholder={t('courses.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(e) => {
            setSearch(e.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', sm: 280 }}
        />
        <Select
          label={t('courses.fields.status')}
          data={COURSE_STATUSES.map((s) => ({ value: s, label: t(`courses.statuses.${s}`) }))}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
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
