import { Link } from 'react-router';
import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useOp } from '../../api/ops.ts';
import { listHolidays } from '../../../common/contracts/reference.ts';
import { formatDate, isoToTurkiyeLocal } from '../../components/format.ts';
import {
  IconBuilding,
  IconChartBar,
  IconUserSearch,
  IconCalendarEvent,
  IconHistory,
  IconListDetails,
  IconMail,
  IconShieldLock,
  IconStack2,
  IconUser,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../../common/permissions.ts';
import { hasAny, useCurrentUser } from '../../api/session.ts';
import type { Me } from '../../../common/contracts/identity.ts';
import { SCREEN_ACCESS } from '../../app/access.ts';
import { useSignOut } from '../../app/signOut.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { Empty, useDocumentTitle } from '../../components/ui.tsx';
import { roleName } from '../admin/labels.ts';
import { lazyPage } from '../../app/lazyPage.tsx';
import { CounsellorDesk } from './CounsellorDesk.tsx';

// A job seeker's home is their profile: its code (the person form) is loaded for them only.
const MyProfilePage = lazyPage(() => import('../self-service/MyProfilePage.tsx'), 'MyProfilePage');

interface Shortcut {
  to: string;
  title: string;
  text: string;
  icon: Icon;
  any?: readonly Permission[];
}

/** Who is warned that the confirmed holiday calendar runs out: admins of an organisation and of the platform. */
const CALENDAR_WARNED: readonly Permission[] = ['organisation:manage', 'platform:reference'];

/**
 * From 6 months before the confirmed religious-holiday calendar runs out (GET /reference/holidays,
 * `calendarWarning`), admins see it here, with the way to the calendar where the next year is confirmed.
 */
function CalendarWarning() {
  const { t } = useTranslation();
  const status = useOp(listHolidays, { query: { year: new Date().getFullYear() } }, { staleTime: 3_600_000 });
  if (!status.data?.calendarWarning) return null;
  const through = status.data.confirmedThrough;
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('home.calendarWarningTitle')}
      data-testid="calendar-warning"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {through ? t('home.calendarWarning', { date: formatDate(through) }) : t('home.calendarMissing')}
        </Text>
        <Anchor component={Link} to="/admin/holidays" size="sm">
          {t('home.calendarAction')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

function greetingKey(): 'home.goodMorning' | 'home.goodAfternoon' | 'home.goodEvening' {
  const hour = Number(isoToTurkiyeLocal(new Date()).slice(11, 13));
  if (hour < 12) return 'home.goodMorning';
  if (hour < 18) return 'home.goodAfternoon';
  return 'home.goodEvening';
}

function firstName(me: Me): string {
  return me.fullName.split(/\s+/)[0] ?? me.fullName;
}

/** Job seekers and employer users: their portals come later; for now their name, language and sign-out. */
function PortalHome({ me }: { me: Me }) {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <Stack maw={640} mx="auto" py="lg" gap="lg">
      <Title order={1}>{t(greetingKey(), { name: firstName(me) })}</Title>
      <Card withBorder padding="lg">
        <Stack>
          <Text fw={600} size="lg" data-testid="portal-name">
            {me.fullName}
          </Text>
          <Text c="dimmed">{me.organisation.name}</Text>
          <Text>{me.kind === 'seeker' ? t('home.seekerSoon') : t('home.employerSoon')}</Text>
          <Group>
            <LanguageSwitch />
            <Button variant="default" onClick={() => void signOut()}>
              {t('auth.signOut')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}

export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('nav.home'));
  if (me.kind === 'seeker' && hasAny(me, ['seeker-self'])) return <MyProfilePage />;
  if (me.kind !== 'staff') return <PortalHome me={me} />;

  const shortcuts: Shortcut[] = [
    {
      to: '/persons',
      title: t('persons.nav'),
      text: t('persons.homeText'),
      icon: IconUserSearch,
      any: SCREEN_ACCESS.persons,
    },
    {
      to: '/caseload',
      title: t('cases.caseload.nav'),
      text: t('cases.caseload.homeText'),
      icon: IconChartBar,
      any: SCREEN_ACCESS.caseload,
    },
    { to: '/admin/users', title: t('nav.users'), text: t('home.usersText'), icon: IconUsers, any: SCREEN_ACCESS.users },
    {
      to: '/admin/roles',
      title: t('nav.roles'),
      text: t('home.rolesText'),
      icon: IconShieldLock,
      any: SCREEN_ACCESS.roles,
    },
    {
      to: '/admin/offices',
      title: t('nav.offices'),
      text: t('home.officesText'),
      icon: IconBuilding,
      any: SCREEN_ACCESS.offices,
    },
    {
      to: '/admin/audit',
      title: t('nav.audit'),
      text: t('home.auditText'),
      icon: IconListDetails,
      any: SCREEN_ACCESS.audit,
    },
    {
      to: '/admin/outbox',
      title: t('nav.outbox'),
      text: t('home.outboxText'),
      icon: IconMail,
      any: SCREEN_ACCESS.outbox,
    },
    {
      to: '/admin/background-jobs',
      title: t('nav.backgroundJobs'),
      text: t('home.backgroundJobsText'),
      icon: IconStack2,
      any: SCREEN_ACCESS.backgroundJobs,
    },
    {
      to: '/admin/holidays',
      title: t('nav.holidays'),
      text: t('home.holidaysText'),
      icon: IconCalendarEvent,
      any: ['organisation:manage', 'platform:reference'],
    },
    {
      to: '/admin/reference-changes',
      title: t('admin.changes.nav'),
      text: t('admin.changes.description'),
      icon: IconHistory,
      any: SCREEN_ACCESS.referenceChanges,
    },
    { to: '/account', title: t('nav.account'), text: t('home.accountText'), icon: IconUser },
  ];
  const visible = shortcuts.filter((s) => !s.any || hasAny(me, s.any));
  const onlyAccount = visible.length === 1;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={1} data-testid="welcome">
          {t(greetingKey(), { name: firstName(me) })}
        </Title>
        <Group gap="xs">
          <Text c="dimmed">{me.office ? `${me.organisation.name} · ${me.office.name}` : me.organisation.name}</Text>
          {me.roles.map((r) => (
            <Badge key={r.id} variant="outline" color="indigo.8">
              {roleName(r)}
            </Badge>
          ))}
        </Group>
      </Stack>
      {hasAny(me, CALENDAR_WARNED) ? <CalendarWarning /> : null}
      {hasAny(me, ['cases:read']) ? <CounsellorDesk meId={me.id} /> : null}
      <Text>{t('home.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        {visible.map((s) => (
          <Card key={s.to} withBorder padding="lg" component={Link} to={s.to} aria-label={s.title}>
            <Group wrap="nowrap" align="flex-start">
              <ThemeIcon variant="light" size="lg" aria-hidden>
                <s.icon size={20} />
              </ThemeIcon>
              <Stack gap={4}>
                <Text fw={600}>{s.title}</Text>
                <Text size="sm" c="dimmed">
                  {s.text}
                </Text>
              </Stack>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
      {onlyAccount ? (
        <Empty
          title={t('home.comingTitle')}
          description={t('home.comingText')}
          action={
            <Anchor component={Link} to="/account">
              {t('home.accountText')}
            </Anchor>
          }
        />
      ) : null}
    </Stack>
  );
}
