import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Anchor, Button, Card, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SPECIAL_GROUPS } from '../../../common/people.ts';
import { useCan } from '../../api/session.ts';
import { getOrganisation } from '../../../common/contracts/identity.ts';
import { FilterPanel } from '../../components/FilterPanel.tsx';
import { formatNumber, listSeparator } from '../../components/format.ts';
import { isId, isShortName, useSearchWords, useUrlFilters } from '../../components/listState.ts';
import { Pager } from '../../components/Pager.tsx';
import { toProblem } from '../../components/problems.tsx';
import { Empty, InlineLoader, LoadError, PageHeader } from '../../components/ui.tsx';
import { CaseStatusBadge, GroupBadges, PendingBadge } from '../../components/people/badges.tsx';
import { useCounsellors } from '../../components/people/counsellors.ts';
import { fullName } from '../../components/people/format.ts';
import { useDistricts } from '../../components/people/reference.ts';
import {
  CASE_STATUSES,
  PERSON_SORTS,
  TARGET_GROUPS,
  type CaseStatus,
  type PersonListItem,
  type PersonQuery,
  type PersonSort,
  type TargetGroup,
} from '../../components/people/types.ts';
import { useOffices } from '../admin/useReferenceLists.ts';
import { SavedFilters } from './SavedFilters.tsx';
import { callOp } from '../../api/ops.ts';
import { searchPersons } from '../../../common/contracts/people.ts';

const PAGE_SIZE = 25;
type SortChoice = PersonSort | 'best';

const SORT_CHOICES = ['best', ...PERSON_SORTS] as const;

/**
 * The list's filters that may stand in the address (ids and closed lists, never typed words): Back,
 * reload and links from other screens (the desk, the caseload) keep them.
 */
const URL_FILTERS = {
  officeId: isId,
  counsellorId: isId,
  group: TARGET_GROUPS,
  caseStatus: CASE_STATUSES,
  district: isShortName,
  registration: ['pending', 'confirmed'],
  sort: PERSON_SORTS,
} as const;

/** The address of the person list with some filters set (e.g. from the desk: my persons, waiting registrations). */
export function personListPath(filters: { registration?: 'pending' | 'confirmed'; counsellorId?: string }): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `/persons?${text}` : '/persons';
}

function PersonRow({ p }: { p: PersonListItem }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={0}>
          <Group gap={6} wrap="nowrap">
            <Anchor component={Link} to={`/persons/${p.id}`} fw={600} size="sm">
              {fullName(p)}
            </Anchor>
            {p.registration === 'pending' ? <PendingBadge /> : null}
          </Group>
          {p.idNumberMasked ? (
            <Text size="xs" c="dimmed" className="ltr">
              {p.idNumberMasked}
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td>{formatNumber(p.age)}</Table.Td>
      <Table.Td>{p.district}</Table.Td>
      <Table.Td>
        <GroupBadges groups={p.targetGroups} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2}>
          {p.desiredOccupations.join(listSeparator())}
        </Text>
      </Table.Td>
      <Table.Td>
        {p.case ? (
          <Stack gap={2} align="flex-start">
            <CaseStatusBadge status={p.case.status} />
            {p.case.counsellor ? (
              <Text size="xs" c="dimmed">
                {p.case.counsellor.name}
              </Text>
            ) : null}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {t('persons.noCase')}
          </Text>
        )}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{p.office.name}</Table.Td>
    </Table.Tr>
  );
}

/** On a phone: one card per person instead of a wide table. */
function PersonCard({ p }: { p: PersonListItem }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="sm" component="li">
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Anchor component={Link} to={`/persons/${p.id}`} fw={600}>
            {fullName(p)}
          </Anchor>
          {p.case ? <CaseStatusBadge status={p.case.status} /> : null}
        </Group>
        <Text size="sm" c="dimmed">
          {t('persons.ageDistrict', { age: formatNumber(p.age), district: p.district })}
        </Text>
        {p.registration === 'pending' ? <PendingBadge /> : null}
        <GroupBadges groups={p.targetGroups} />
        {p.desiredOccupations.length > 0 ? <Text size="sm">{p.desiredOccupations.join(listSeparator())}</Text> : null}
      </Stack>
    </Card>
  );
}

export function PersonsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const narrow = useMediaQuery('(max-width: 48em)');
  const canWrite = can('persons:write');
  const canSpecial = can('special-category:read');

  // Typed words (a name, an ID number, a phone; an occupation) stay in memory; the rest is in the address.
  const [search, setSearch] = useSearchWords('persons');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [occupationText, setOccupationText] = useSearchWords('persons', 'occupation');
  const [occupation] = useDebouncedValue(occupationText.trim(), 300);
  const { filters: url, page, setFilters, replaceFilters, setPage } = useUrlFilters(URL_FILTERS);
  const officeId = url.officeId ?? null;
  const counsellorId = url.counsellorId ?? null;
  const group = (url.group ?? null) as TargetGroup | null;
  const caseStatus = (url.caseStatus ?? null) as CaseStatus | null;
  const district = url.district ?? null;
  const registration = (url.registration ?? null) as 'pending' | 'confirmed' | null;
  const sort = (url.sort ?? 'best') as SortChoice;

  const offices = useOffices();
  const counsellors = useCounsellors(officeId);
  const organisation = useQuery({
    queryKey: ['organisation'],
    queryFn: () => callOp(getOrganisation),
    staleTime: 300_000,
  });
  const districts = useDistricts(organisation.data?.province);

  const filters: PersonQuery = {
    q: q || undefined,
    officeId: officeId ?? undefined,
    counsellorId: counsellorId ?? undefined,
    group: group ?? undefined,
    caseStatus: caseStatus ?? undefined,
    district: district ?? undefined,
    occupation: occupation || undefined,
    registration: registration ?? undefined,
    sort: sort === 'best' ? undefined : sort,
  };
  const request = { ...filters, page, pageSize: PAGE_SIZE };
  // The search words go in the body of a POST: never in an address that proxies would log.
  const persons = useQuery({
    queryKey: ['persons', 'search', request],
    queryFn: () => callOp(searchPersons, { body: request }),
    placeholderData: keepPreviousData,
  });

  function filter(key: keyof typeof URL_FILTERS) {
    return (value: string | null) => setFilters({ [key]: value });
  }

  function apply(query: PersonQuery) {
    setSearch(query.q ?? '');
    setOccupationText(query.occupation ?? '');
    replaceFilters({
      officeId: query.officeId,
      counsellorId: query.counsellorId,
      group: query.group,
      caseStatus: query.caseStatus,
      district: query.district,
      registration: query.registration,
      sort: query.sort,
    });
  }

  const groups = TARGET_GROUPS.filter((g) => canSpecial || !(SPECIAL_GROUPS as readonly string[]).includes(g));
  const activeFilters = [officeId, counsellorId, group, caseStatus, district, occupation, registration].filter(
    Boolean,
  ).length;
  const filtersActive = Boolean(q) || activeFilters > 0;
  const savedQuery = Object.fromEntries(
    Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''),
  ) as PersonQuery;

  let body;
  if (persons.isPending) body = <InlineLoader />;
  else if (persons.error)
    body = <LoadError problem={toProblem(persons.error)} onRetry={() => void persons.refetch()} />;
  else if (persons.data.items.length === 0) {
    body = filtersActive ? (
      <Empty title={t('persons.noMatch')} description={t('persons.noMatchText')} />
    ) : (
      <Empty
        title={t('persons.empty')}
        description={t('persons.emptyText')}
        action={
          canWrite ? (
            <Button component={Link} to="/persons/new">
              {t('persons.new')}
            </Button>
          ) : undefined
        }
      />
    );
  } else {
    body = (
      <>
        {narrow ? (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="persons-list">
            {persons.data.items.map((p) => (
              <PersonCard key={p.id} p={p} />
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="sm" highlightOnHover data-testid="persons-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('persons.columns.name')}</Table.Th>
                  <Table.Th>{t('persons.columns.age')}</Table.Th>
                  <Table.Th>{t('persons.fields.district')}</Table.Th>
                  <Table.Th>{t('persons.columns.groups')}</Table.Th>
                  <Table.Th>{t('persons.columns.occupations')}</Table.Th>
                  <Table.Th>{t('persons.columns.case')}</Table.Th>
                  <Table.Th>{t('persons.columns.office')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {persons.data.items.map((p) => (
                  <PersonRow key={p.id} p={p} />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Pager list={persons.data} onChange={setPage} />
      </>
    );
  }

  return (
    <Stack gap="md">
      <PageHeader
        title={t('persons.title')}
        description={t('persons.description')}
        actions={
          canWrite ? (
            <>
              <Button
                variant="default"
                component={Link}
                to="/persons/import"
                leftSection={<IconFileImport size={16} aria-hidden />}
              >
                {t('persons.import')}
              </Button>
              <Button
                component={Link}
                to="/persons/new"
                leftSection={<IconPlus size={16} aria-hidden />}
                data-testid="person-create"
              >
                {t('persons.new')}
              </Button>
            </>
          ) : null
        }
      />
      <TextInput
        label={t('persons.searchLabel')}
        description={t('persons.searchHint')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          if (page > 1) setPage(1);
        }}
        type="search"
        autoComplete="off"
        maw={520}
        data-testid="person-search"
      />
      <FilterPanel active={activeFilters}>
        <Select
          label={t('persons.columns.office')}
          data={(offices.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          value={officeId}
          onChange={filter('officeId')}
          clearable
          searchable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 200 }}
        />
        <Select
          label={t('persons.filters.counsellor')}
          data={(counsellors.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
          value={counsellorId}
          onChange={filter('counsellorId')}
          clearable
          searchable
          placeholder={t('common.all')}
          nothingFoundMessage={t('common.noOptions')}
          w={{ base: '100%', sm: 190 }}
        />
        <Select
          label={t('persons.filters.group')}
          data={groups.map((g) => ({ value: g, label: t(`groups.names.${g}`) }))}
          value={group}
          onChange={filter('group')}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 220 }}
        />
        <Select
          label={t('persons.filters.caseStatus')}
          data={CASE_STATUSES.map((s) => ({ value: s, label: t(`cases.statuses.${s}`) }))}
          value={caseStatus}
          onChange={filter('caseStatus')}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 160 }}
        />
        <Select
          label={t('persons.fields.district')}
          data={districts.data?.items ?? []}
          value={district}
          onChange={filter('district')}
          clearable
          searchable
          placeholder={t('common.all')}
          nothingFoundMessage={t('common.noOptions')}
          w={{ base: '100%', sm: 170 }}
        />
        <TextInput
          label={t('persons.filters.occupation')}
          value={occupationText}
          onChange={(e) => {
            setOccupationText(e.currentTarget.value);
            if (page > 1) setPage(1);
          }}
          autoComplete="off"
          w={{ base: '100%', sm: 180 }}
        />
        <Select
          label={t('persons.filters.registration')}
          data={(['pending', 'confirmed'] as const).map((r) => ({ value: r, label: t(`persons.registrations.${r}`) }))}
          value={registration}
          onChange={filter('registration')}
          clearable
          placeholder={t('common.all')}
          w={{ base: '100%', sm: 170 }}
          data-testid="registration-filter"
        />
        <Select
          label={t('common.sortBy')}
          data={SORT_CHOICES.map((s) => ({ value: s, label: t(`persons.sorts.${s}`) }))}
          value={sort}
          onChange={(v) => setFilters({ sort: v === 'best' ? null : v })}
          allowDeselect={false}
          w={{ base: '100%', sm: 200 }}
        />
        {filtersActive ? (
          <Button variant="subtle" onClick={() => apply({})}>
            {t('common.clearFilters')}
          </Button>
        ) : null}
        <SavedFilters current={savedQuery} onApply={apply} />
      </FilterPanel>
      <Card withBorder padding="md" component="section" aria-label={t('persons.results')}>
        {body}
      </Card>
    </Stack>
  );
}
