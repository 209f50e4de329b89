import fs from 'node:fs';
import { describe, expect, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page, type Route } from 'playwright-core';
import axe from 'axe-core';
import tr from '../src/common/i18n/tr.json' with { type: 'json' };

export const DEMO_PASSWORD = 'Kopru-Demo-2026!';
const CHROMIUM = '/usr/bin/chromium';

export const { baseUrl, skip, messageFile } = inject('e2e');

/** A describe that is skipped when the browser is missing (global-setup fails instead under REQUIRE_E2E=1). */
export const describeE2E = skip || !fs.existsSync(CHROMIUM) ? describe.skip : describe;

export { tr };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh context (no cookies, empty storage) in Turkish, with page errors made visible. */
export async function newPage(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'tr-TR', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/.test(msg.text())) errors.push(msg.text());
  });
  return { context, page, errors };
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('user-menu').waitFor({ timeout: 15_000 });
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/sign-in$/);
}

/** Signs in through the API from the test process and returns the session cookie. */
export async function apiSignIn(email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.includes('kopru_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

export async function apiGet<T>(cookie: string, path: string): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function apiPost(path: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** A signed-in POST from the test process (searches carry their words in the body), answering the JSON. */
export async function apiPostAs<T>(cookie: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The date `days` days from now (YYYY-MM-DD), for start dates and deadlines in test data. */
export const isoInDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A person registered by a counsellor (signed in through the API) with the 2026-01 notice read in person and
 * consent to share their profile with employers: what a referral needs. Names, birth date, sex and place as
 * given; any other field of the registration form may be added.
 */
export async function consentingPerson(
  counsellor: string,
  p: {
    givenName: string;
    familyName: string;
    birthDate: string;
    sex: 'female' | 'male';
    province: string;
    district: string;
  } & Record<string, unknown>,
): Promise<{ id: string }> {
  return apiPostAs<{ id: string }>(counsellor, '/persons', {
    nationality: 'TR',
    ...p,
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
    confirmNotDuplicate: true,
  });
}

/** A referral of the person to the vacancy, prescreened and sent to the employer by the counsellor. */
export async function sentReferral(counsellor: string, vacancyId: string, personId: string): Promise<{ id: string }> {
  const referral = await apiPostAs<{ id: string }>(counsellor, '/referrals', { vacancyId, personId });
  await apiPostAs(counsellor, `/referrals/${referral.id}/send`, {
    prescreen: { identityChecked: true, skillsMatch: true, availabilityConfirmed: true, personInformed: true },
  });
  return referral;
}

/**
 * A vacancy made by an employer-relations officer and published by a manager (both signed in through the
 * API): the decent-work terms every test's vacancy shares, the title, place and start as given.
 */
export async function publishedVacancy(
  officer: string,
  manager: string,
  v: {
    employerId: string;
    title: string;
    occupation: string;
    province: string;
    district: string;
    startInDays: number;
    positions?: number;
  },
): Promise<{ id: string }> {
  const vacancy = await apiPostAs<{ id: string }>(officer, '/vacancies', {
    employerId: v.employerId,
    title: v.title,
    occupation: v.occupation,
    duties: 'Ürünlerin teslim alınması, raflara yerleştirilmesi, paketlenmesi ve sevkiyata hazırlanması.',
    province: v.province,
    district: v.district,
    positions: v.positions ?? 1,
    contractType: 'permanent',
    startDate: isoInDays(v.startInDays),
    hoursPerDay: 9,
    hoursPerWeek: 45,
    shifts: ['day'],
    wageMin: 32000,
    wageBasis: 'net',
  });
  await apiPostAs(officer, `/vacancies/${vacancy.id}/submit`, {});
  await apiPostAs(manager, `/vacancies/${vacancy.id}/review`, { decision: 'publish' });
  return vacancy;
}

interface DeliveredMessage {
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  text: string;
  at: string;
}

/**
 * The newest message delivered to a recipient after `since` whose text matches `pattern`, read from the
 * server's test-only capturing transport (the outbox screen never shows codes or links). Returns the
 * first capture group.
 */
export async function deliveredTo(recipient: string, since: Date, pattern: RegExp): Promise<string> {
  // Generous: the job engine polls every 2 s, and on two loaded cores a delivery once took over 15 s.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const lines = fs.existsSync(messageFile) ? fs.readFileSync(messageFile, 'utf8').trim().split('\n') : [];
    const found = lines
      .filter(Boolean)
      .map((line) => JSON.parse(line) as DeliveredMessage)
      .filter((m) => m.to === recipient && new Date(m.at) >= since)
      .map((m) => pattern.exec(m.text)?.[1])
      .findLast(Boolean);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`nothing matching ${String(pattern)} was delivered to ${recipient}`);
}

/** The newest sign-in code sent to a recipient after `since`. */
export function latestSignInCode(recipient: string, since: Date): Promise<string> {
  return deliveredTo(recipient, since, /\b(\d{6})\b/);
}

/**
 * Serious and critical axe violations on the page, with the elements they concern. axe-core is put into the
 * page once per document and run there, and only those findings come back: @axe-core/playwright evaluated
 * axe's 560 kB source twice per check and sent every result node back, which cost about as much as the
 * check itself (the sweeps move inside the app, so one document serves all of a role's screens). The app has
 * no frames, so the check of the top document is the whole check.
 */
export async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    // The page as it settles, not mid-transition: a menu fading out or colours changing after a switch of
    // language once read as a violation. Endless animations (loaders) are not waited for.
    await Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    );
    const results = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ['violations'],
    });
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * Switches a signed-in page to Arabic without saving the choice to the account (other specs sign in as
 * the same demo users at the same time and expect Turkish): the browser answers the account reads and the
 * preference change itself, with the account as the server has it but in Arabic, so the page stays in
 * Arabic across reloads and navigations. Waits until the page reads right to left. Text the server
 * writes in the account's saved language (explanations, messages) needs a user of the test's own.
 */
export async function arabicForThisPage(page: Page): Promise<void> {
  const inArabic = async (route: Route) => {
    const response = await route.fetch({ method: 'GET', url: `${baseUrl}/api/v1/me` });
    const me = (await response.json()) as { stage?: string };
    await route.fulfill({ response, json: me.stage === 'active' ? { ...me, locale: 'ar' } : me });
  };
  await page.route('**/api/v1/me', inArabic);
  await page.route('**/api/v1/me/preferences', inArabic);
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name: 'العربية' }).click();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
}

/** A value interpolated into an Arabic sentence, isolated as the web app does it (FSI … PDI, like `<bdi>`). */
export const isolatedInArabic = (value: string): string => `\u2068${value}\u2069`;

/** The password of the users a spec makes for itself (see `ownStaffUser`, `ownEmployerUser`). */
export const OWN_USER_PASSWORD = `${DEMO_PASSWORD}-own`;

async function acceptInvitationOf(email: string, since: Date): Promise<void> {
  const token = await deliveredTo(email, since, /accept-invitation#token=([\w-]+)/);
  const accepted = await apiPost('/auth/invitation/accept', { token, password: OWN_USER_PASSWORD });
  expect(accepted.status, `accept the invitation of ${email}`).toBeLessThan(300);
}

/**
 * A staff user of the spec's own, invited by an administrator of the organisation and signed up with
 * OWN_USER_PASSWORD. A spec that needs an account's saved language (text the server writes in it) uses
 * one, so that the demo accounts other specs share keep Turkish.
 */
export async function ownStaffUser(options: {
  email: string;
  fullName: string;
  roleKey: string;
  locale: 'tr' | 'en' | 'ar';
  /** The office whose name starts with this; none for organisation-wide roles. */
  office?: string;
  admin?: string;
}): Promise<string> {
  const admin = await apiSignIn(options.admin ?? 'admin@ibb.example');
  const roles = await apiGet<{ items: { id: string; key: string }[] }>(admin, '/roles');
  const offices = await apiGet<{ items: { id: string; name: string }[] }>(admin, '/offices');
  const officeId = options.office ? offices.items.find((o) => o.name.startsWith(options.office!))!.id : null;
  const since = new Date();
  await apiPostAs(admin, '/users', {
    kind: 'staff',
    fullName: options.fullName,
    email: options.email,
    officeId,
    roleIds: [roles.items.find((r) => r.key === options.roleKey)!.id],
    locale: options.locale,
  });
  await acceptInvitationOf(options.email, since);
  return options.email;
}

/** A portal user of the spec's own for the employer that `employerUser` (a portal user) belongs to. */
export async function ownEmployerUser(options: {
  email: string;
  fullName: string;
  locale: 'tr' | 'en' | 'ar';
  employerUser?: string;
  officer?: string;
}): Promise<string> {
  const officer = await apiSignIn(options.officer ?? 'employer-relations@ibb.example');
  const employerUser = await apiSignIn(options.employerUser ?? 'employer@ibb.example');
  const employer = await apiGet<{ id: string }>(employerUser, '/portal/employer');
  const since = new Date();
  await apiPostAs(officer, `/employers/${employer.id}/users`, {
    fullName: options.fullName,
    email: options.email,
    locale: options.locale,
  });
  await acceptInvitationOf(options.email, since);
  return options.email;
}

/**
 * Holds the page's requests matching `url` (and `method`) until `release()` is called, so a test can look
 * at the page while a change is still on its way (a busy button, a row's own loading state).
 */
export async function holdRequests(page: Page, url: string | RegExp, method: string): Promise<() => Promise<void>> {
  const held: Route[] = [];
  let released = false;
  await page.route(url, async (route) => {
    if (route.request().method() !== method) return route.fallback();
    if (released) return route.continue();
    held.push(route);
  });
  return async () => {
    released = true;
    await Promise.all(held.splice(0).map((route) => route.continue()));
  };
}
