import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  baseUrl,
  consentingPerson,
  describeE2E,
  isoInDays,
  launchBrowser,
  newPage,
  OWN_USER_PASSWORD,
  ownEmployerUser,
  ownStaffUser,
  publishedVacancy,
  sentReferral,
  seriousViolations,
  signIn,
} from './helpers.ts';

/**
 * Every screen of the app, in Turkish and in Arabic, each opened by one role that may open it, checked with
 * axe: no serious or critical violation (issue 14). Each pass signs in as İBB staff of the demo roles (and a
 * portal user of the demo employer) made for this test with the pass's language, so both passes see the same
 * records as the demo accounts, and no other test changing a demo account's language while a pass runs (the
 * portal test switches the employer to Arabic and back) can turn a Turkish screen right to left. The
 * platform role has no such user: its screens are checked in Turkish as the demo platform admin.
 *
 * A screen added to src/web/app/routes.tsx belongs in SCREENS below. Not here: the second sign-in step and the
 * enrolment of a second factor, which only open in the middle of a sign-in (e2e/mfa.e2e.test.ts walks them).
 */

type Role = 'admin' | 'manager' | 'counsellor' | 'officer' | 'trainer' | 'dpo' | 'platform' | 'employer' | 'public';
interface Ids {
  cooperative: string;
  person: string;
  employer: string;
  vacancy: string;
  referral: string;
  course: string;
  session: string;
  request: string;
  batch: string;
  provider: string;
  project: string;
  survey: string;
  surveyToken: string;
  fair: string;
  fairToken: string;
  agreement: string;
  intlEvent: string;
  partner: string;
  portalVacancy: string;
  portalReferral: string;
}
interface Screen {
  path: string | ((ids: Ids) => string);
  as: Role;
  /** Only in Turkish (the Arabic pass has no such user; said why). */
  trOnly?: string;
}

const SCREENS: Screen[] = [
  { path: '/sign-in', as: 'public' },
  { path: '/forgot-password', as: 'public' },
  { path: '/register', as: 'public' },
  { path: '/verify', as: 'public' },
  // Not next to /verify: the same component would keep its heading, and the sweep would wait for a new one.
  { path: '/reset-password', as: 'public' },
  { path: '/verify/ABCD-EFGH-JKMN', as: 'public' },
  { path: '/accept-invitation', as: 'public' },
  { path: '/', as: 'counsellor' },
  { path: '/account', as: 'counsellor' },
  { path: '/persons', as: 'counsellor' },
  { path: '/persons/new', as: 'counsellor' },
  { path: '/persons/import', as: 'counsellor' },
  { path: (ids) => `/persons/${ids.person}`, as: 'counsellor' },
  { path: (ids) => `/persons/${ids.person}/merge`, as: 'counsellor' },
  { path: '/caseload', as: 'manager' },
  { path: '/agenda', as: 'counsellor' },
  { path: '/referrals', as: 'counsellor' },
  { path: (ids) => `/referrals/${ids.referral}`, as: 'manager' },
  { path: '/placements', as: 'counsellor' },
  { path: '/data-protection/case-office', as: 'counsellor' },
  { path: '/admin/occupation-links', as: 'counsellor' },
  { path: '/employers', as: 'officer' },
  { path: '/employers/new', as: 'officer' },
  { path: (ids) => `/employers/${ids.employer}`, as: 'officer' },
  { path: (ids) => `/employers/${ids.employer}/edit`, as: 'officer' },
  { path: '/vacancies', as: 'officer' },
  { path: '/vacancies/new', as: 'officer' },
  { path: (ids) => `/vacancies/${ids.vacancy}`, as: 'officer' },
  { path: (ids) => `/vacancies/${ids.vacancy}/edit`, as: 'officer' },
  { path: '/fairs', as: 'manager' },
  { path: '/fairs/new', as: 'manager' },
  { path: (ids) => `/fairs/${ids.fair}`, as: 'manager' },
  { path: (ids) => `/fairs/${ids.fair}/edit`, as: 'manager' },
  { path: (ids) => `/f/${ids.fairToken}`, as: 'public' },
  { path: '/courses', as: 'manager' },
  { path: '/courses/new', as: 'manager' },
  { path: (ids) => `/courses/${ids.course}`, as: 'manager' },
  { path: (ids) => `/courses/${ids.course}/edit`, as: 'manager' },
  { path: (ids) => `/courses/${ids.course}/sessions/${ids.session}/attendance`, as: 'manager' },
  { path: '/indicators', as: 'manager' },
  { path: '/indicators/labour-market', as: 'manager' },
  { path: '/indicators/exports', as: 'manager' },
  { path: '/indicators/projects', as: 'manager' },
  { path: '/indicators/caseload', as: 'counsellor' },
  { path: '/projects', as: 'manager' },
  { path: '/projects/new', as: 'manager' },
  { path: (ids) => `/projects/${ids.project}`, as: 'manager' },
  { path: (ids) => `/projects/${ids.project}/edit`, as: 'manager' },
  { path: (ids) => `/projects/${ids.project}/report`, as: 'manager' },
  { path: '/partners', as: 'manager' },
  { path: '/international', as: 'manager' },
  { path: '/international/agreements/new', as: 'manager' },
  { path: (ids) => `/international/agreements/${ids.agreement}`, as: 'manager' },
  { path: (ids) => `/international/events/${ids.intlEvent}`, as: 'manager' },
  { path: (ids) => `/international/partners/${ids.partner}`, as: 'manager' },
  { path: '/cooperatives', as: 'manager' },
  { path: '/cooperatives/new', as: 'manager' },
  { path: '/cooperatives/statistics', as: 'manager' },
  { path: '/cooperatives/reviews', as: 'manager' },
  { path: (ids) => `/cooperatives/${ids.cooperative}`, as: 'manager' },
  { path: (ids) => `/cooperatives/${ids.cooperative}/edit`, as: 'manager' },
  { path: '/childcare', as: 'manager' },
  { path: '/childcare/providers/new', as: 'manager' },
  { path: (ids) => `/childcare/providers/${ids.provider}`, as: 'manager' },
  { path: (ids) => `/childcare/providers/${ids.provider}/edit`, as: 'manager' },
  { path: '/childcare/report', as: 'manager' },
  { path: '/surveys', as: 'manager' },
  { path: '/surveys/new', as: 'manager' },
  { path: (ids) => `/surveys/${ids.survey}`, as: 'manager' },
  { path: (ids) => `/surveys/${ids.survey}/edit`, as: 'manager' },
  { path: (ids) => `/surveys/${ids.survey}/results`, as: 'manager' },
  { path: (ids) => `/surveys/${ids.survey}/respond`, as: 'counsellor' },
  { path: (ids) => `/s/${ids.surveyToken}`, as: 'public' },
  { path: '/graduation', as: 'manager' },
  { path: '/graduation/settings', as: 'manager' },
  { path: '/graduation/report', as: 'manager' },
  { path: '/matching/priority-policy', as: 'manager' },
  { path: '/matching/fairness', as: 'manager' },
  { path: '/admin/users', as: 'admin' },
  { path: '/admin/roles', as: 'admin' },
  { path: '/admin/offices', as: 'admin' },
  { path: '/admin/organisation', as: 'admin' },
  { path: '/admin/audit', as: 'admin' },
  { path: '/admin/outbox', as: 'admin' },
  { path: '/admin/holidays', as: 'admin' },
  { path: '/admin/minimum-wages', as: 'admin' },
  { path: '/admin/decent-work', as: 'admin' },
  { path: '/admin/reference-changes', as: 'admin' },
  { path: '/admin/taxonomy', as: 'admin' },
  {
    path: '/admin/background-jobs',
    as: 'platform',
    trOnly: 'the platform administrator is one account; e2e/admin.e2e.test.ts checks this screen in Arabic',
  },
  { path: '/data-protection', as: 'dpo' },
  { path: (ids) => `/data-protection/requests/${ids.request}`, as: 'dpo' },
  { path: '/data-protection/breaches', as: 'dpo' },
  { path: '/data-protection/access-review', as: 'dpo' },
  { path: '/data-protection/destruction', as: 'dpo' },
  { path: (ids) => `/data-protection/destruction/${ids.batch}`, as: 'dpo' },
  { path: '/data-protection/inventory', as: 'dpo' },
  { path: '/portal', as: 'employer' },
  { path: '/portal/vacancies', as: 'employer' },
  { path: '/portal/vacancies/new', as: 'employer' },
  { path: (ids) => `/portal/vacancies/${ids.portalVacancy}`, as: 'employer' },
  { path: (ids) => `/portal/vacancies/${ids.portalVacancy}/edit`, as: 'employer' },
  { path: '/portal/referrals', as: 'employer' },
  { path: (ids) => `/portal/referrals/${ids.portalReferral}`, as: 'employer' },
  { path: '/portal/placements', as: 'employer' },
  { path: '/portal/users', as: 'employer' },
  { path: '/no-such-screen', as: 'counsellor' },
];

const TURKISH: Record<Exclude<Role, 'public'>, string> = {
  admin: 'admin@ibb.example',
  manager: 'manager@ibb.example',
  counsellor: 'counsellor@ibb.example',
  officer: 'employer-relations@ibb.example',
  trainer: 'trainer@ibb.example',
  dpo: 'dpo@ibb.example',
  platform: 'platform@ibb.example',
  employer: 'employer@ibb.example',
};

const run = Math.random().toString(36).slice(2, 7);

type Page1<T> = { items: T[] };
const first = async <T extends { id: string }>(cookie: string, path: string): Promise<string> => {
  const page = await apiGet<Page1<T>>(cookie, path);
  if (!page.items[0]) throw new Error(`nothing listed at ${path}`);
  return page.items[0].id;
};

/**
 * Ids of records each role can open. The demo has persons, employers, vacancies and courses; a referral (sent
 * to the demo employer, so that its portal shows it) and a data-protection request are made here.
 */
async function recordIds(): Promise<Ids> {
  const [counsellor, officer, manager, dpo, employer] = await Promise.all(
    [TURKISH.counsellor, TURKISH.officer, TURKISH.manager, TURKISH.dpo, TURKISH.employer].map((e) => apiSignIn(e)),
  );
  const portalEmployer = await apiGet<{ id: string }>(employer!, '/portal/employer');
  const vacancy = await publishedVacancy(officer!, manager!, {
    employerId: portalEmployer.id,
    title: `Depo elemanı ${run}`,
    occupation: 'Depo elemanı',
    province: 'İstanbul',
    district: 'Bağcılar',
    startInDays: 10,
    positions: 2,
  });
  const person = await consentingPerson(counsellor!, {
    givenName: 'Erişim',
    familyName: `Denetimi ${run.replace(/\d/g, 'x')}`,
    birthDate: '1994-04-04',
    sex: 'female',
    province: 'İstanbul',
    district: 'Fatih',
  });
  const referral = await sentReferral(counsellor!, vacancy.id, person.id);
  const request = await apiPostAs<{ id: string }>(dpo!, '/data-protection/requests', {
    kind: 'access',
    channel: 'counter',
    details: 'Hakkımda tutulan verilerin bir örneğini istiyorum.',
  });
  const course = await first(manager!, '/courses?pageSize=1');
  const survey = await first(manager!, '/surveys');
  const surveyDetail = await apiGet<{ links: { token: string }[] }>(manager!, `/surveys/${survey}`);
  const detail = await apiGet<{ sessions: { id: string }[] }>(manager!, `/courses/${course}`);
  const offices = await apiGet<{ items: { id: string }[] }>(manager!, '/offices');
  const fair = await apiPostAs<{ id: string; walkInUrl: string }>(manager!, '/fairs', {
    name: `Erişim Kariyer Günü ${run}`,
    startDate: isoInDays(5),
    endDate: isoInDays(5),
    place: 'Fatih Kültür Merkezi',
    province: 'İstanbul',
    district: 'Fatih',
    officeId: offices.items[0]!.id,
  });
  return {
    fair: fair.id,
    fairToken: fair.walkInUrl.split('/f/')[1]!,
    person: person.id,
    employer: portalEmployer.id,
    vacancy: vacancy.id,
    referral: referral.id,
    course,
    session: detail.sessions[0]!.id,
    request: request.id,
    batch: await first(dpo!, '/data-protection/destruction/batches'),
    provider: await first(manager!, '/childcare/providers?pageSize=1'),
    project: await first(manager!, '/projects?pageSize=1'),
    survey,
    surveyToken: surveyDetail.links[0]!.token,
    agreement: await first(manager!, '/international/agreements'),
    intlEvent: await first(manager!, '/international/events'),
    partner: (
      await apiGet<{ items: { id: string; acronym: string | null }[] }>(manager!, '/international/partners')
    ).items.find((p) => p.acronym === 'İŞKUR')!.id,
    cooperative: await first(manager!, '/cooperatives?pageSize=1'),
    portalVacancy: vacancy.id,
    portalReferral: referral.id,
  };
}

/** İBB staff of each role, and a portal user of the demo employer, whose language is the pass's. */
async function sweepUsers(locale: 'tr' | 'ar'): Promise<Partial<Record<Exclude<Role, 'public'>, string>>> {
  const users: Partial<Record<Exclude<Role, 'public'>, string>> = {};
  const staff: [Exclude<Role, 'public'>, string, string | undefined][] = [
    ['admin', 'admin', undefined],
    ['manager', 'manager', undefined],
    ['counsellor', 'counsellor', 'Fatih'],
    ['officer', 'employer-relations', 'Bağcılar'],
    ['trainer', 'trainer', 'Fatih'],
    ['dpo', 'dpo', undefined],
  ];
  for (const [role, roleKey, office] of staff) {
    users[role] = await ownStaffUser({
      email: `a11y-${locale}-${role}-${run}@ibb.example`,
      fullName: `Erişilebilirlik ${role}`,
      roleKey,
      office,
      locale,
      admin: TURKISH.admin,
    });
  }
  users.employer = await ownEmployerUser({
    email: `a11y-${locale}-employer-${run}@ibb.example`,
    fullName: 'Erişilebilirlik İşveren',
    locale,
    employerUser: TURKISH.employer,
    officer: TURKISH.officer,
  });
  return users;
}

/**
 * Opens a screen and waits for its heading and data; false when no heading came (a screen must have one).
 *
 * After a role's first screen the sweep moves inside the running app, as a user following links does (the
 * router follows the address on popstate): loading the whole app again for every screen cost about as much as
 * axe itself. The headings on screen are marked first with their text, so the wait is for the new screen's
 * heading (or a new text in the same element). A screen whose heading stays as it was is opened afresh.
 */
async function open(page: Page, path: string, inApp: boolean): Promise<boolean> {
  if (inApp) {
    await page.evaluate((to) => {
      for (const h of document.querySelectorAll('h1')) h.setAttribute('data-sweep-left', h.textContent ?? '');
      window.history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
    // A new heading, or the same element with another text (a form drawn for "new" and for "edit").
    const moved = await page
      .waitForFunction(
        () =>
          [...document.querySelectorAll('h1')].some(
            (h) => !h.hasAttribute('data-sweep-left') || h.getAttribute('data-sweep-left') !== h.textContent,
          ),
        null,
        { timeout: 10_000 },
      )
      .then(() => true)
      .catch(() => false);
    if (!moved) {
      console.log(`[sweep] ${path}: the same heading stayed, opened afresh`);
      return open(page, path, false);
    }
  } else {
    await page.goto(`${baseUrl}${path}`);
    const heading = await page
      .getByRole('heading', { level: 1 })
      .first()
      .waitFor({ timeout: 30_000 })
      .then(() => true)
      .catch(() => false);
    if (!heading) return false;
  }
  // The screen's data has come in: no loader left (a screen that keeps one is checked as it stands).
  await page
    .waitForFunction(() => !document.querySelector('.mantine-Loader-root'), null, { timeout: 15_000 })
    .catch(() => undefined);
  return true;
}

/**
 * The sweep of one language. Each language has its own test file (a11y-tr, a11y-ar) so that the two passes
 * run side by side in the browser suite instead of one after the other.
 */
export function sweepEveryScreen(locale: 'tr' | 'ar'): void {
  describeE2E(`every screen, in ${locale === 'tr' ? 'Turkish' : 'Arabic'}, passes axe`, () => {
    let browser: Browser;
    let ids: Ids;
    let users: Partial<Record<Exclude<Role, 'public'>, string>> = {};
    beforeAll(async () => {
      browser = await launchBrowser();
      ids = await recordIds();
      users = await sweepUsers(locale);
    });
    afterAll(async () => {
      await browser?.close();
    });

    it(`${locale}: every screen has no serious or critical violation`, async () => {
      const found: string[] = [];
      const byRole = new Map<Role, Screen[]>();
      for (const screen of SCREENS) {
        if (locale === 'ar' && screen.trOnly) continue;
        byRole.set(screen.as, [...(byRole.get(screen.as) ?? []), screen]);
      }
      for (const [role, screens] of byRole) {
        const { context, page, errors } = await newPage(browser);
        if (role === 'public') {
          if (locale === 'ar') {
            await page.goto(`${baseUrl}/sign-in`);
            await page.getByTestId('language-switch').click();
            await page.getByRole('menuitem', { name: 'العربية' }).click();
            await page.waitForFunction(() => document.documentElement.dir === 'rtl');
          }
        } else if (users[role]) await signIn(page, users[role], OWN_USER_PASSWORD);
        else await signIn(page, TURKISH[role]);
        let inApp = false;
        let opening = 0;
        let checking = 0;
        for (const screen of screens) {
          const path = typeof screen.path === 'string' ? screen.path : screen.path(ids);
          const started = Date.now();
          const opened = await open(page, path, inApp);
          const openedAt = Date.now();
          opening += openedAt - started;
          inApp = true;
          if (!opened) found.push(`${path} (${role}): no level-1 heading`);
          const dir = await page.evaluate(() => document.documentElement.dir);
          if (dir !== (locale === 'ar' ? 'rtl' : 'ltr')) found.push(`${path} (${role}): direction ${dir}`);
          for (const v of await seriousViolations(page)) found.push(`${path} (${role}): ${v}`);
          checking += Date.now() - openedAt;
          // An error thrown on the way here, named by the screen it came on (moving in the app keeps one page).
          for (const e of errors.splice(0)) found.push(`${path} (${role}): page error: ${e}`);
        }
        await context.close();
        // Where a slow sweep spends its time, in the CI log.
        console.log(
          `[sweep] ${locale} ${role}: ${screens.length} screens, opening ${(opening / 1000).toFixed(1)} s, ` +
            `axe ${(checking / 1000).toFixed(1)} s`,
        );
      }
      expect(found).toEqual([]);
    }, 900_000);
  });
}
