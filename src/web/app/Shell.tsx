import { useEffect, useRef } from 'react';
import { Link as RouterLink, NavLink as RouterNavLink, Outlet, useLocation } from 'react-router';
import {
  Anchor,
  AppShell,
  Avatar,
  Burger,
  Group,
  Menu,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconAddressBook,
  IconBriefcase,
  IconBriefcase2,
  IconSitemap,
  IconSchool,
  IconBuildingStore,
  IconTargetArrow,
  IconHeartHandshake,
  IconWorld,
  IconTrendingUp,
  IconBabyCarriage,
  IconClipboardList,
  IconBuilding,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconHistory,
  IconCalendarWeek,
  IconChartBar,
  IconChartDots,
  IconFileExport,
  IconChartLine,
  IconChevronDown,
  IconCoin,
  IconHome,
  IconListDetails,
  IconLogout,
  IconMail,
  IconScale,
  IconSend,
  IconAlertTriangle,
  IconEye,
  IconFileSpreadsheet,
  IconTrash,
  IconShieldCheck,
  IconShieldLock,
  IconStack2,
  IconUser,
  IconUserSearch,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Permission } from '../../common/permissions.ts';
import { hasAny, useCurrentUser } from '../api/session.ts';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';
import { SCREEN_ACCESS, screenOpen } from './access.ts';
import { useSignOut } from './signOut.ts';
import { PageSlot } from './lazyPage.tsx';
import { DEMO_BANNER_HEIGHT, DemoBanner, useIsDemo } from '../components/DemoBanner.tsx';

interface NavItem {
  to: string;
  label: string;
  icon: Icon;
  any?: readonly Permission[];
}

/** One navigation link: its path, label, icon and the permissions of which one opens it (none: anyone). */
const nav = (to: string, label: string, icon: Icon, any?: readonly Permission[]): NavItem => ({
  to,
  label,
  icon,
  ...(any ? { any } : {}),
});

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part.charAt(0).toLocaleUpperCase())
    .join('');
}

export function Shell() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [opened, { toggle, close }] = useDisclosure(false);
  const isMobile = useMediaQuery('(max-width: 48em)');
  const signOut = useSignOut();
  const location = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const isStaff = me.kind === 'staff';
  // Employer users get the portal's own navigation, nothing of the staff screens.
  const isEmployer = me.kind === 'employer' && hasAny(me, SCREEN_ACCESS.portal);
  const hasNav = isStaff || isEmployer;

  // After navigating: close the mobile menu and move focus to the new screen (as a page load would).
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    close();
    if (location.pathname !== firstPath.current) {
      firstPath.current = '';
      mainRef.current?.focus({ preventScroll: true });
    }
  }, [location.pathname, close]);

  const portalSections: { id: string; label: string | null; items: NavItem[] }[] = [
    {
      id: 'portal',
      label: null,
      items: [
        { to: '/portal', label: t('portal.nav.home'), icon: IconHome },
        { to: '/portal/vacancies', label: t('portal.nav.vacancies'), icon: IconBriefcase },
        { to: '/portal/referrals', label: t('portal.nav.referrals'), icon: IconSend },
        { to: '/portal/placements', label: t('placementsUi.portal.nav'), icon: IconBriefcase2 },
        { to: '/portal/users', label: t('portal.nav.users'), icon: IconUsers },
      ],
    },
    { id: 'me', label: null, items: [{ to: '/account', label: t('nav.account'), icon: IconAddressBook }] },
  ];
  const staffSections: { id: string; label: string | null; items: NavItem[] }[] = [
    { id: 'main', label: null, items: [{ to: '/', label: t('nav.home'), icon: IconHome }] },
    {
      id: 'people',
      label: t('persons.navSection'),
      items: [
        nav('/persons', t('persons.nav'), IconUserSearch, SCREEN_ACCESS.persons),
        nav('/agenda', t('agenda.nav'), IconCalendarWeek, SCREEN_ACCESS.agenda),
        nav('/caseload', t('cases.caseload.nav'), IconChartBar, SCREEN_ACCESS.caseload),
        nav('/childcare', t('childcare.nav'), IconBabyCarriage, SCREEN_ACCESS.childcare),
        nav(
          '/data-protection/case-office',
          t('dataProtection.caseOffice.nav'),
          IconShieldCheck,
          SCREEN_ACCESS.dataProtectionCaseOffice,
        ),
      ],
    },
    {
      id: 'work',
      label: t('employers.navSection'),
      items: [
        nav('/employers', t('employers.nav'), IconBuildingCommunity, SCREEN_ACCESS.employers),
        nav('/vacancies', t('vacancies.nav'), IconBriefcase, SCREEN_ACCESS.vacancies),
        nav('/referrals', t('referrals.nav'), IconSend, SCREEN_ACCESS.referrals),
        nav('/placements', t('placementsUi.nav'), IconBriefcase2, SCREEN_ACCESS.placements),
        nav('/graduation', t('graduation.queue.nav'), IconTrendingUp, SCREEN_ACCESS.graduation),
        nav('/matching/priority-policy', t('priorityPolicy.nav'), IconScale, SCREEN_ACCESS.matchingPolicy),
      ],
    },
    {
      id: 'training',
      label: t('courses.navSection'),
      items: [
        nav('/courses', t('courses.nav'), IconSchool, SCREEN_ACCESS.courses),
        nav('/fairs', t('fairs.nav'), IconBuildingStore, SCREEN_ACCESS.fairs),
        nav('/projects', t('programmes.nav'), IconTargetArrow, SCREEN_ACCESS.programmes),
        nav('/partners', t('programmes.partnersNav'), IconHeartHandshake, SCREEN_ACCESS.programmes),
        nav('/international', t('international.nav'), IconWorld, SCREEN_ACCESS.international),
        nav('/cooperatives', t('cooperatives.nav'), IconBuildingCommunity, SCREEN_ACCESS.cooperatives),
      ],
    },
    {
      id: 'reporting',
      label: null,
      items: [
        nav('/indicators', t('indicatorsUi.nav'), IconChartBar, SCREEN_ACCESS.indicators),
        nav('/indicators/labour-market', t('indicatorsUi.labour.nav'), IconChartDots, SCREEN_ACCESS.indicators),
        nav('/indicators/exports', t('indicatorsUi.exports.nav'), IconFileExport, SCREEN_ACCESS.indicators),
        nav('/indicators/projects', t('indicatorsUi.projects.nav'), IconTargetArrow, SCREEN_ACCESS.indicators),
        nav('/indicators/caseload', t('indicatorsUi.caseload.nav'), IconChartLine, SCREEN_ACCESS.caseloadDashboard),
        nav('/matching/fairness', t('fairness.nav'), IconScale, SCREEN_ACCESS.matchingFairness),
        nav('/surveys', t('surveys.nav'), IconClipboardList, SCREEN_ACCESS.surveys),
      ],
    },
    {
      id: 'administration',
      label: t('nav.administration'),
      items: [
        nav('/admin/users', t('nav.users'), IconUsers, SCREEN_ACCESS.users),
        nav('/admin/roles', t('nav.roles'), IconShieldLock, SCREEN_ACCESS.roles),
        nav('/admin/offices', t('nav.offices'), IconBuilding, SCREEN_ACCESS.offices),
        nav('/admin/organisation', t('nav.organisation'), IconBuildingCommunity, SCREEN_ACCESS.organisation),
        nav('/data-protection', t('dataProtection.desk.nav'), IconShieldCheck, SCREEN_ACCESS.dataProtection),
        nav(
          '/data-protection/breaches',
          t('dataProtection.breaches.nav'),
          IconAlertTriangle,
          SCREEN_ACCESS.dataProtection,
        ),
        nav(
          '/data-protection/destruction',
          t('dataProtection.destruction.nav'),
          IconTrash,
          SCREEN_ACCESS.dataProtection,
        ),
        nav(
          '/data-protection/inventory',
          t('dataProtection.inventory.nav'),
          IconFileSpreadsheet,
          SCREEN_ACCESS.dataProtection,
        ),
        nav('/data-protection/access-review', t('dataProtection.review.nav'), IconEye, SCREEN_ACCESS.dataProtection),
        nav('/admin/audit', t('nav.audit'), IconListDetails, SCREEN_ACCESS.audit),
        nav('/admin/outbox', t('nav.outbox'), IconMail, SCREEN_ACCESS.outbox),
        nav('/admin/background-jobs', t('nav.backgroundJobs'), IconStack2, SCREEN_ACCESS.backgroundJobs),
      ],
    },
    {
      id: 'reference',
      label: t('nav.reference'),
      items: [
        nav('/admin/holidays', t('nav.holidays'), IconCalendarEvent, SCREEN_ACCESS.reference),
        nav('/admin/minimum-wages', t('nav.minimumWages'), IconCoin, SCREEN_ACCESS.reference),
        nav('/admin/decent-work', t('decentWorkUi.nav'), IconScale, SCREEN_ACCESS.decentWork),
        nav('/admin/taxonomy', t('taxonomy.nav'), IconSitemap, SCREEN_ACCESS.taxonomy),
        nav('/admin/occupation-links', t('linkReview.nav'), IconSitemap, SCREEN_ACCESS.linkReview),
        nav('/admin/reference-changes', t('admin.changes.nav'), IconHistory, SCREEN_ACCESS.referenceChanges),
      ],
    },
    { id: 'me', label: null, items: [{ to: '/account', label: t('nav.account'), icon: IconAddressBook }] },
  ];
  const sections = isEmployer ? portalSections : staffSections;
  const demo = useIsDemo();
  const visible = sections
    .map((s) => ({ ...s, items: s.items.filter((i) => !i.any || screenOpen(i.any, (needed) => hasAny(me, needed))) }))
    .filter((s) => s.items.length > 0);
  // The one item the address is under: the longest that it starts with, so that a screen under another's
  // path (/indicators/labour-market under /indicators) marks only its own item. The items are plain links
  // (not the router's NavLink, which would mark every item whose path is a prefix as current).
  const activeTo = visible
    .flatMap((s) => s.items.map((i) => i.to))
    .filter((to) =>
      to === '/' || to === '/portal'
        ? location.pathname === to
        : location.pathname === to || location.pathname.startsWith(`${to}/`),
    )
    .sort((a, b) => b.length - a.length)[0];

  function skipToMain(event: React.MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    mainRef.current?.focus();
  }

  return (
    <AppShell
      header={{ height: demo ? 60 + DEMO_BANNER_HEIGHT : 60 }}
      navbar={hasNav ? { width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <a href="#main" className="skip-link" onClick={skipToMain}>
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <DemoBanner />
        <Group h={60} px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            {hasNav ? (
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
                aria-expanded={opened}
              />
            ) : null}
            <Anchor component={RouterNavLink} to="/" underline="never" c="indigo.8" fw={800} fz="xl">
              {t('app.name')}
            </Anchor>
            <Text c="dimmed" size="sm" truncate visibleFrom="sm" data-testid="organisation-name">
              {me.organisation.name}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch compact={isMobile} />
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t('nav.userMenu')} data-testid="user-menu" px="xs" py={4}>
                  <Group gap="xs" wrap="nowrap">
                    <Avatar color="indigo" radius="xl" size="sm" aria-hidden>
                      {initials(me.fullName)}
                    </Avatar>
                    <Text size="sm" fw={600} visibleFrom="sm" data-testid="user-name">
                      {me.fullName}
                    </Text>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.fullName}</Menu.Label>
                <Menu.Item component={RouterNavLink} to="/account" leftSection={<IconUser size={16} aria-hidden />}>
                  {t('nav.account')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconLogout size={16} aria-hidden />}
                  onClick={() => void signOut()}
                  data-testid="sign-out"
                >
                  {t('auth.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      {hasNav ? (
        <AppShell.Navbar p="sm" aria-label={t('nav.label')}>
          <AppShell.Section grow component={ScrollArea}>
            <Stack gap="md">
              {visible.map((section) => (
                <Stack gap={2} key={section.id}>
                  {section.label ? (
                    <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
                      {section.label}
                    </Text>
                  ) : null}
                  {section.items.map((item) => {
                    const active = item.to === activeTo;
                    return (
                      <NavLink
                        key={item.to}
                        component={RouterLink}
                        to={item.to}
                        label={item.label}
                        leftSection={<item.icon size={18} aria-hidden />}
                        active={active}
                        aria-current={active ? 'page' : undefined}
                        variant="light"
                      />
                    );
                  })}
                </Stack>
              ))}
            </Stack>
          </AppShell.Section>
        </AppShell.Navbar>
      ) : null}
      <AppShell.Main id="main" ref={mainRef} tabIndex={-1}>
        <PageSlot>
          <Outlet />
        </PageSlot>
      </AppShell.Main>
    </AppShell>
  );
}
