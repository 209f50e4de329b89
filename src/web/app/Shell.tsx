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
        { to: '/persons', label: t('persons.nav'), icon: IconUserSearch, any: SCREEN_ACCESS.persons },
        { to: '/agenda', label: t('agenda.nav'), icon: IconCalendarWeek, any: SCREEN_ACCESS.agenda },
        { to: '/caseload', label: t('cases.caseload.nav'), icon: IconChartBar, any: SCREEN_ACCESS.caseload },
        { to: '/childcare', label: t('childcare.nav'), icon: IconBabyCarriage, any: SCREEN_ACCESS.childcare },
        {
          to: '/data-protection/case-office',
          label: t('dataProtection.caseOffice.nav'),
          icon: IconShieldCheck,
          any: SCREEN_ACCESS.dataProtectionCaseOffice,
        },
      ],
    },
    {
      id: 'work',
      label: t('employers.navSection'),
      items: [
        { to: '/employers', label: t('employers.nav'), icon: IconBuildingCommunity, any: SCREEN_ACCESS.employers },
        { to: '/vacancies', label: t('vacancies.nav'), icon: IconBriefcase, any: SCREEN_ACCESS.vacancies },
        { to: '/referrals', label: t('referrals.nav'), icon: IconSend, any: SCREEN_ACCESS.referrals },
        { to: '/placements', label: t('placementsUi.nav'), icon: IconBriefcase2, any: SCREEN_ACCESS.placements },
        { to: '/graduation', label: t('graduation.queue.nav'), icon: IconTrendingUp, any: SCREEN_ACCESS.graduation },
        {
          to: '/matching/priority-policy',
          label: t('priorityPolicy.nav'),
          icon: IconScale,
          any: SCREEN_ACCESS.matchingPolicy,
        },
      ],
    },
    {
      id: 'training',
      label: t('courses.navSection'),
      items: [
        { to: '/courses', label: t('courses.nav'), icon: IconSchool, any: SCREEN_ACCESS.courses },
        { to: '/fairs', label: t('fairs.nav'), icon: IconBuildingStore, any: SCREEN_ACCESS.fairs },
        { to: '/projects', label: t('programmes.nav'), icon: IconTargetArrow, any: SCREEN_ACCESS.programmes },
        {
          to: '/partners',
          label: t('programmes.partnersNav'),
          icon: IconHeartHandshake,
          any: SCREEN_ACCESS.programmes,
        },
        { to: '/international', label: t('international.nav'), icon: IconWorld, any: SCREEN_ACCESS.international },
        {
          to: '/cooperatives',
          label: t('cooperatives.nav'),
          icon: IconBuildingCommunity,
          any: SCREEN_ACCESS.cooperatives,
        },
      ],
    },
    {
      id: 'reporting',
      label: null,
      items: [
        { to: '/indicators', label: t('indicatorsUi.nav'), icon: IconChartBar, any: SCREEN_ACCESS.indicators },
        {
          to: '/indicators/labour-market',
          label: t('indicatorsUi.labour.nav'),
          icon: IconChartDots,
          any: SCREEN_ACCESS.indicators,
        },
        {
          to: '/indicators/exports',
          label: t('indicatorsUi.exports.nav'),
          icon: IconFileExport,
          any: SCREEN_ACCESS.indicators,
        },
        {
          to: '/indicators/projects',
          label: t('indicatorsUi.projects.nav'),
          icon: IconTargetArrow,
          any: SCREEN_ACCESS.indicators,
        },
        {
          to: '/indicators/caseload',
          label: t('indicatorsUi.caseload.nav'),
          icon: IconChartLine,
          any: SCREEN_ACCESS.caseloadDashboard,
        },
        { to: '/matching/fairness', label: t('fairness.nav'), icon: IconScale, any: SCREEN_ACCESS.matchingFairness },
        { to: '/surveys', label: t('surveys.nav'), icon: IconClipboardList, any: SCREEN_ACCESS.surveys },
      ],
    },
    {
      id: 'administration',
      label: t('nav.administration'),
      items: [
        { to: '/admin/users', label: t('nav.users'), icon: IconUsers, any: SCREEN_ACCESS.users },
        { to: '/admin/roles', label: t('nav.roles'), icon: IconShieldLock, any: SCREEN_ACCESS.roles },
        { to: '/admin/offices', label: t('nav.offices'), icon: IconBuilding, any: SCREEN_ACCESS.offices },
        {
          to: '/admin/organisation',
          label: t('nav.organisation'),
          icon: IconBuildingCommunity,
          any: SCREEN_ACCESS.organisation,
        },
        {
          to: '/data-protection',
          label: t('dataProtection.desk.nav'),
          icon: IconShieldCheck,
          any: SCREEN_ACCESS.dataProtection,
        },
        {
          to: '/data-protection/breaches',
          label: t('dataProtection.breaches.nav'),
          icon: IconAlertTriangle,
          any: SCREEN_ACCESS.dataProtection,
        },
        {
          to: '/data-protection/destruction',
          label: t('dataProtection.destruction.nav'),
          icon: IconTrash,
          any: SCREEN_ACCESS.dataProtection,
        },
        {
          to: '/data-protection/inventory',
          label: t('dataProtection.inventory.nav'),
          icon: IconFileSpreadsheet,
          any: SCREEN_ACCESS.dataProtection,
        },
        {
          to: '/data-protection/access-review',
          label: t('dataProtection.review.nav'),
          icon: IconEye,
          any: SCREEN_ACCESS.dataProtection,
        },
        { to: '/admin/audit', label: t('nav.audit'), icon: IconListDetails, any: SCREEN_ACCESS.audit },
        { to: '/admin/outbox', label: t('nav.outbox'), icon: IconMail, any: SCREEN_ACCESS.outbox },
        {
          to: '/admin/background-jobs',
          label: t('nav.backgroundJobs'),
          icon: IconStack2,
          any: SCREEN_ACCESS.backgroundJobs,
        },
      ],
    },
    {
      id: 'reference',
      label: t('nav.reference'),
      items: [
        { to: '/admin/holidays', label: t('nav.holidays'), icon: IconCalendarEvent, any: SCREEN_ACCESS.reference },
        { to: '/admin/minimum-wages', label: t('nav.minimumWages'), icon: IconCoin, any: SCREEN_ACCESS.reference },
        { to: '/admin/decent-work', label: t('decentWorkUi.nav'), icon: IconScale, any: SCREEN_ACCESS.decentWork },
        { to: '/admin/taxonomy', label: t('taxonomy.nav'), icon: IconSitemap, any: SCREEN_ACCESS.taxonomy },
        {
          to: '/admin/occupation-links',
          label: t('linkReview.nav'),
          icon: IconSitemap,
          any: SCREEN_ACCESS.linkReview,
        },
        {
          to: '/admin/reference-changes',
          label: t('admin.changes.nav'),
          icon: IconHistory,
          any: SCREEN_ACCESS.referenceChanges,
        },
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
