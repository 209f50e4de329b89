import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Anchor, Badge, Box, Breadcrumbs, Button, Group, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconArrowsJoin, IconCircleCheck, IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useCan } from '../../api/session.ts';
import { formatNumber } from '../../components/format.ts';
import { toProblem } from '../../components/problems.tsx';
import { notifyProblem, notifySuccess } from '../../components/people/notify.ts';
import { ConfirmDialog, Empty, LoadError, PageLoader, useDocumentTitle } from '../../components/ui.tsx';
import { CaseStatusBadge, PendingBadge } from '../../components/people/badges.tsx';
import { fullName } from '../../components/people/format.ts';
import type { Person } from '../../components/people/types.ts';
import { ActionPlan } from '../cases/ActionPlan.tsx';
import { AppointmentsPanel } from '../cases/AppointmentsPanel.tsx';
import { CaseTimeline } from '../cases/CaseTimeline.tsx';
import { ConsentTab } from './profile/ConsentTab.tsx';
import { DocumentsTab } from './profile/DocumentsTab.tsx';
import { EducationTab } from './profile/EducationTab.tsx';
import { GroupsTab } from './profile/GroupsTab.tsx';
import { HouseholdTab } from './profile/HouseholdTab.tsx';
import { OverviewTab } from './profile/OverviewTab.tsx';
import { WorkPermitsTab } from './profile/WorkPermitsTab.tsx';
import { SharedWithTab } from './profile/SharedWithTab.tsx';
import { CoursesTab } from './profile/CoursesTab.tsx';
import { ChildcareTab } from './profile/ChildcareTab.tsx';
import { usePerson, useRefreshPerson } from './profile/queries.ts';
import { PlacementsTab } from '../placements/PlacementsTab.tsx';
import { PersonSurveysTab } from '../surveys/PersonSurveysTab.tsx';
import { MatchingVacanciesPanel } from '../../components/work/MatchResults.tsx';
import { useOpMutation } from '../../api/ops.ts';
import { confirmRegistration } from '../../../common/contracts/self-service.ts';

const TABS = [
  'overview',
  'groups',
  'household',
  'education',
  'consent',
  'permits',
  'case',
  'plan',
  'appointments',
  'placements',
  'documents',
  'courses',
  'childcare',
  'surveys',
  'shared',
  'matching',
] as const;
type Tab = (typeof TABS)[number];
const CASE_TABS: readonly Tab[] = ['case', 'plan', 'appointments'];
const PLACEMENT_TABS: readonly Tab[] = ['placements'];

function ConfirmRegistration({ person }: { person: Person }) {
  const { t } = useTranslation();
  const refresh = useRefreshPerson(person.id);
  const [asking, setAsking] = useState(false);
  const confirming = useOpMutation(confirmRegistration, {
    onSuccess: async () => {
      notifySuccess(t('persons.confirmDone', { name: fullName(person) }));
      setAsking(false);
      await refresh();
    },
    onError: notifyProblem,
  });
  function confirm() {
    confirming.mutate({ params: { id: person.id } });
  }
  return (
    <>
      <Button
        color="teal.9"
        leftSection={<IconCircleCheck size={16} aria-hidden />}
        onClick={() => setAsking(true)}
        data-testid="confirm-registration"
      >
        {t('persons.confirmRegistration')}
      </Button>
      <ConfirmDialog
        opened={asking}
        title={t('persons.confirmRegistration')}
        message={t('persons.confirmText', { name: fullName(person) })}
        confirmLabel={t('persons.confirmRegistration')}
        loading={confirming.isPending}
        onConfirm={confirm}
        onCancel={() => setAsking(false)}
      />
    </>
  );
}

function Profile({ person }: { person: Person }) {
  const { t } = useTranslation();
  const can = useCan();
  const canCases = can('cases:read');
  const narrow = useMediaQuery('(max-width: 48em)');
  useDocumentTitle(fullName(person));
  const canPlacements = can('placements:read');
  const tabs = TABS.filter(
    (x) =>
      (canCases || !CASE_TABS.includes(x)) &&
      (canPlacements || !PLACEMENT_TABS.includes(x)) &&
      (x !== 'courses' || can('courses:read')) &&
      (x !== 'childcare' || can('childcare:read')) &&
      (x !== 'surveys' || can('surveys:read')),
  );
  // Each tab has its own address (`?tab=household`: the tab's name, no personal data), so a reload, a link or
  // Back from a screen opened in a tab returns to it. Switching tabs replaces the address: Back still leaves
  // the profile for where the counsellor came from (the list, with its words).
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: Tab = tabs.find((x) => x === asked) ?? 'overview';
  const setTab = (next: Tab) =>
    setParams(
      (current) => {
        const q = new URLSearchParams(current);
        if (next === 'overview') q.delete('tab');
        else q.set('tab', next);
        return q;
      },
      { replace: true },
    );

  let panel;
  switch (tab) {
    case 'overview':
      panel = <OverviewTab person={person} />;
      break;
    case 'groups':
      panel = <GroupsTab person={person} />;
      break;
    case 'household':
      panel = <HouseholdTab person={person} />;
      break;
    case 'education':
      panel = <EducationTab person={person} />;
      break;
    case 'consent':
      panel = <ConsentTab person={person} />;
      break;
    case 'permits':
      panel = <WorkPermitsTab person={person} />;
      break;
    case 'case':
      panel = <CaseTimeline person={person} />;
      break;
    case 'plan':
      panel = <ActionPlan person={person} />;
      break;
    case 'appointments':
      panel = <AppointmentsPanel person={person} />;
      break;
    case 'placements':
      panel = <PlacementsTab person={person} />;
      break;
    case 'documents':
      panel = <DocumentsTab person={person} />;
      break;
    case 'shared':
      panel = <SharedWithTab person={person} />;
      break;
    case 'courses':
      panel = <CoursesTab person={person} />;
      break;
    case 'childcare':
      panel = <ChildcareTab person={person} />;
      break;
    case 'surveys':
      panel = <PersonSurveysTab personId={person.id} />;
      break;
    case 'matching':
      panel = <MatchingVacanciesPanel personId={person.id} canRefer={can('referrals:write')} />;
      break;
  }

  return (
    <Stack gap="md">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to="/persons" size="sm">
          {t('persons.title')}
        </Anchor>
        <Text size="sm">{fullName(person)}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Title order={1} size="h2" data-testid="person-name">
            {fullName(person)}
          </Title>
          <Group gap="xs">
            <Text c="dimmed" size="sm">
              {t('persons.headerLine', { age: formatNumber(person.age), office: person.office.name })}
            </Text>
            {person.case ? <CaseStatusBadge status={person.case.status} /> : null}
            {person.registration === 'pending' ? <PendingBadge /> : null}
            {person.case?.counsellor ? (
              <Badge variant="outline" color="gray.8">
                {t('persons.counsellorIs', { name: person.case.counsellor.name })}
              </Badge>
            ) : null}
          </Group>
        </Stack>
        <Group gap="sm">
          {person.registration === 'pending' && can('persons:write') ? <ConfirmRegistration person={person} /> : null}
          {can('persons:write') ? (
            <Button
              variant="default"
              component={Link}
              to={`/persons/${person.id}/merge`}
              leftSection={<IconArrowsJoin size={16} aria-hidden />}
              data-testid="merge-open"
            >
              {t('persons.merge.open')}
            </Button>
          ) : null}
        </Group>
      </Group>
      {narrow ? (
        <>
          <Select
            label={t('persons.tabs.label')}
            data={tabs.map((x) => ({ value: x, label: t(`persons.tabs.${x}`) }))}
            value={tab}
            onChange={(v) => v && setTab(v)}
            allowDeselect={false}
            data-testid="tab-select"
          />
          <Box component="section" aria-label={t(`persons.tabs.${tab}`)}>
            {panel}
          </Box>
        </>
      ) : (
        <Tabs value={tab} onChange={(v) => v && setTab(v as Tab)} keepMounted={false} variant="outline">
          <Tabs.List aria-label={t('persons.tabs.label')}>
            {tabs.map((x) => (
              <Tabs.Tab key={x} value={x} data-testid={`tab-${x}`}>
                {t(`persons.tabs.${x}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value={tab} pt="md">
            {panel}
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}

/**
 * A record anonymised by an erasure or a periodic destruction: what statistics keep, read-only. No tab,
 * no change, no merge (the server refuses them too: 409 errors.persons.anonymised).
 */
function AnonymisedRecord({ person }: { person: Person }) {
  const { t } = useTranslation();
  useDocumentTitle(t('persons.anonymised.title'));
  const from = Number(person.birthDate.slice(0, 4));
  return (
    <Stack gap="md" data-testid="person-anonymised">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to="/persons" size="sm">
          {t('persons.title')}
        </Anchor>
        <Text size="sm">{t('persons.anonymised.title')}</Text>
      </Breadcrumbs>
      <Title order={1} size="h2" data-testid="person-name">
        {t('persons.anonymised.title')}
      </Title>
      <Alert color="gray" icon={<IconLock size={18} aria-hidden />} maw={720}>
        {t('persons.anonymised.text')}
      </Alert>
      <Text size="sm">
        {t('persons.anonymised.kept', {
          sex: t(`persons.sexes.${person.sex}`),
          years: `${from}–${from + 4}`,
          district: person.district,
          office: person.office.name,
        })}
      </Text>
    </Stack>
  );
}

export function PersonPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const person = usePerson(id);

  // A merged record answers with the record it was merged into: follow it.
  const movedTo = person.data && person.data.id !== id ? person.data.id : null;
  useEffect(() => {
    if (movedTo) void navigate(`/persons/${movedTo}`, { replace: true });
  }, [movedTo, navigate]);

  if (!/^[0-9a-f-]{36}$/i.test(id)) return <Navigate to="/persons" replace />;
  if (person.isPending) return <PageLoader />;
  if (person.error) {
    if (person.error instanceof ApiError && person.error.status === 404) {
      return (
        <Empty
          title={t('persons.notFound')}
          description={t('persons.notFoundText')}
          action={
            <Button component={Link} to="/persons">
              {t('persons.backToList')}
            </Button>
          }
        />
      );
    }
    return <LoadError problem={toProblem(person.error)} onRetry={() => void person.refetch()} />;
  }
  if (person.data.anonymised) return <AnonymisedRecord person={person.data} />;
  return <Profile key={person.data.id} person={person.data} />;
}
