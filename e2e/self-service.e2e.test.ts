import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  baseUrl,
  describeE2E,
  isolatedInArabic,
  launchBrowser,
  newPage,
  publishedVacancy,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Public self-registration: someone registers without signing in (having pressed "Apply" on a board
 * vacancy, so the vacancy travels with the registration), the registration waits in the office's
 * queue, and the counsellor finds it there, with the application, and confirms it. Screenshots (E2E_SCREENSHOTS=1) go to
 * .tmp/screenshots.
 */

const SHOTS =
  process.env.E2E_SCREENSHOTS === '1'
    ? (process.env.E2E_SCREENSHOTS_DIR ?? path.resolve(import.meta.dirname, '..', '.tmp', 'screenshots'))
    : '';
const run = Math.random().toString(36).slice(2, 6).replace(/\d/g, 'q');
const GIVEN = 'Gülizar';
const FAMILY = `Öztürkmen${run}`;
const PHONE = `0536${Array.from({ length: 7 }, () => Math.floor(Math.random() * 10)).join('')}`;

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(size);
}

async function choose(page: Page, testId: string, option: string, type = false): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  if (type) await input.fill(option);
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function next(page: Page, title: string): Promise<void> {
  await page.getByTestId('reg-next').click();
  await expect(page.getByTestId('reg-step-title').textContent()).resolves.toBe(title);
}

const VACANCY_TITLE = `Bulaşıkçı ${run}`;

describeE2E('self-registration', () => {
  let browser: Browser;
  let vacancyId: string;
  let employerName: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    const [officer, manager, employer] = await Promise.all(
      ['employer-relations@ibb.example', 'manager@ibb.example', 'employer@ibb.example'].map((e) => apiSignIn(e)),
    );
    const portalEmployer = await apiGet<{ id: string; tradeName: string | null; legalName: string }>(
      employer!,
      '/portal/employer',
    );
    employerName = portalEmployer.tradeName ?? portalEmployer.legalName;
    ({ id: vacancyId } = await publishedVacancy(officer!, manager!, {
      employerId: portalEmployer.id,
      title: VACANCY_TITLE,
      occupation: 'Bulaşıkçı',
      province: 'İstanbul',
      district: 'Fatih',
      startInDays: 20,
    }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the public form switches to Arabic, right to left, without signing in, the vacancy isolated in the sentence', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${baseUrl}/register?vacancy=${vacancyId}`);
    await page.getByTestId('reg-step-title').waitFor();
    // eslint-disable-next-line no-restricted-syntax -- a signed-out page: the choice stays in this browser
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { name: ar.selfService.title }).waitFor();
    // The Turkish title and company keep their own direction inside the Arabic sentence.
    await expect(page.getByTestId('reg-vacancy').textContent()).resolves.toBe(
      ar.selfService.vacancy.applying
        .replace('{{title}}', isolatedInArabic(VACANCY_TITLE))
        .replace('{{employer}}', isolatedInArabic(employerName)),
    );
    await shoot(page, 'register-ar');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('"Apply" then register: the registration and its application land in the office’s queue, the counsellor confirms it', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${baseUrl}/register?vacancy=${vacancyId}`);
    await expect(page.getByTestId('reg-step-title').textContent()).resolves.toBe(tr.selfService.steps.office);
    // The vacancy is named, and the organisation handling it is chosen for the person (the page sends only
    // the vacancy's id: the server finds that organisation itself).
    await expect(page.getByTestId('reg-vacancy').textContent()).resolves.toBe(
      tr.selfService.vacancy.applying.replace('{{title}}', VACANCY_TITLE).replace('{{employer}}', employerName),
    );
    await expect.poll(() => page.getByTestId('reg-organisation').inputValue()).toBe('İstanbul Büyükşehir Belediyesi');
    await expect(page.getByTestId('reg-vacancy-elsewhere').count()).resolves.toBe(0);
    await page.getByTestId('reg-office').click();
    await page.getByRole('option', { name: /^Fatih İstihdam Ofisi/ }).click();
    await next(page, tr.selfService.steps.identity);

    await page.getByTestId('givenName').fill(GIVEN);
    await page.getByTestId('familyName').fill(FAMILY);
    await page.getByTestId('birthDate').fill('1996-09-21');
    await page.getByTestId('sex').getByText(tr.persons.sexes.female).click();
    await next(page, tr.selfService.steps.contact);

    // Neither phone nor e-mail: the form says it needs one of them.
    await choose(page, 'province', 'İstanbul', true);
    await choose(page, 'district', 'Fatih', true);
    await page.getByTestId('reg-next').click();
    await page.getByText(tr.errors.selfService.contactRequired).waitFor();
    await page.getByTestId('phone').fill(PHONE);
    await next(page, tr.selfService.steps.work);

    await page.getByTestId('reg-occupations').fill('Aşçı yardımcısı');
    await page.keyboard.press('Enter');
    await next(page, tr.selfService.steps.consent);
    await page.getByTestId('notice-text').waitFor();
    await page.getByTestId('reg-notice').check();
    await page.getByTestId('consent-surveys').check();
    await shoot(page, 'register-consent');
    await page.getByTestId('reg-submit').click();
    await page.getByTestId('registration-done').waitFor();
    await page.getByText('Fatih İstihdam Ofisi', { exact: false }).first().waitFor();
    await expect(page.getByTestId('registration-done-vacancy').textContent()).resolves.toBe(
      tr.selfService.vacancy.done.replace('{{title}}', VACANCY_TITLE),
    );
    await shoot(page, 'register-done');
    await context.close();

    // The counsellor of that office sees it waiting, from the home page.
    const desk = await newPage(browser);
    await signIn(desk.page, 'counsellor@ibb.example');
    await desk.page.getByTestId('pending-link').click();
    await desk.page.waitForURL(`${baseUrl}/persons?registration=pending`);
    const row = desk.page.getByRole('link', { name: `${GIVEN} ${FAMILY}` });
    await row.waitFor();
    await expect(desk.page.getByTestId('registration-filter').inputValue()).resolves.toBe(
      tr.persons.registrations.pending,
    );
    await row.click();
    await desk.page.getByTestId('confirm-registration').click();
    await desk.page.getByTestId('confirm').click();
    await desk.page.getByTestId('case-status').first().waitFor();
    await expect(desk.page.getByTestId('confirm-registration').count()).resolves.toBe(0);
    // The application came along: a proposal from the person, waiting in the counsellor's referrals.
    await desk.page.goto(`${baseUrl}/referrals`);
    const proposal = desk.page
      .getByTestId('referrals-table')
      .getByRole('row')
      .filter({ hasText: `${GIVEN} ${FAMILY}` });
    await proposal.getByText(VACANCY_TITLE).waitFor();
    await proposal.getByText(tr.referrals.statuses.proposed).waitFor();

    const cookie = await apiSignIn('counsellor@ibb.example');
    const found = await apiPostAs<{ items: { registration: string; case: { status: string } | null }[] }>(
      cookie,
      '/persons/search',
      { q: FAMILY },
    );
    expect(found.items).toHaveLength(1);
    expect(found.items[0]!.registration).toBe('confirmed');
    expect(found.items[0]!.case?.status).toBe('new');
    expect(errors).toEqual([]);
    expect(desk.errors).toEqual([]);
    await desk.context.close();
  });

  /**
   * "Apply", then an office of another organisation than the vacancy's: the person is registered there, but the
   * application cannot go with it (the vacancy is the other organisation's). The form says so when that
   * organisation is chosen, and the done page tells the truth: not passed on, and why.
   */
  async function registerElsewhere(lang: 'tr' | 'ar') {
    const words = lang === 'ar' ? ar : tr;
    const family = `Başkayerli${run}${lang}`;
    const phone = `0537${Array.from({ length: 7 }, () => Math.floor(Math.random() * 10)).join('')}`;
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${baseUrl}/register?vacancy=${vacancyId}`);
    await page.getByTestId('reg-step-title').waitFor();
    if (lang === 'ar') {
      // eslint-disable-next-line no-restricted-syntax -- a signed-out page: the choice stays in this browser
      await page.getByTestId('language-switch').click();
      await page.getByRole('menuitem', { name: 'العربية' }).click();
      await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    }
    await expect(page.getByTestId('reg-step-title').textContent()).resolves.toBe(words.selfService.steps.office);
    const isolate = (v: string) => (lang === 'ar' ? isolatedInArabic(v) : v);
    await expect.poll(() => page.getByTestId('reg-organisation').inputValue()).toBe('İstanbul Büyükşehir Belediyesi');
    await choose(page, 'reg-organisation', 'İzmir Büyükşehir Belediyesi');
    await expect(page.getByTestId('reg-vacancy-elsewhere').textContent()).resolves.toBe(
      words.selfService.vacancy.elsewhere
        .replace('{{title}}', isolate(VACANCY_TITLE))
        .replace('{{organisation}}', isolate('İstanbul Büyükşehir Belediyesi')),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('reg-office').click();
    // In Arabic the office's name is isolated in its option.
    await page.getByRole('option', { name: /Konak Meslek Fabrikası/ }).click();
    await next(page, words.selfService.steps.identity);
    await page.getByTestId('givenName').fill('Nermin');
    await page.getByTestId('familyName').fill(family);
    await page.getByTestId('birthDate').fill('1994-03-08');
    await page.getByTestId('sex').getByText(words.persons.sexes.female).click();
    await next(page, words.selfService.steps.contact);
    await choose(page, 'province', 'İzmir', true);
    await choose(page, 'district', 'Konak', true);
    await page.getByTestId('phone').fill(phone);
    await next(page, words.selfService.steps.work);
    await next(page, words.selfService.steps.consent);
    await page.getByTestId('notice-text').waitFor();
    await page.getByTestId('reg-notice').check();
    await page.getByTestId('reg-submit').click();
    await page.getByTestId('registration-done').waitFor();
    // Registered, and told in plain words that the application was not passed on, and why.
    await expect(page.getByTestId('registration-done-vacancy').textContent()).resolves.toBe(
      words.selfService.vacancy.notPassedOn
        .replace('{{title}}', isolate(VACANCY_TITLE))
        .replace('{{organisation}}', isolate('İstanbul Büyükşehir Belediyesi'))
        .replace('{{office}}', isolate('Konak Meslek Fabrikası')),
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    // Indeed no application: the vacancy's organisation has no proposal from her.
    const cookie = await apiSignIn('counsellor@ibb.example');
    const referrals = await apiGet<{ items: { person: { name?: string; givenName?: string; familyName?: string } }[] }>(
      cookie,
      `/referrals?vacancyId=${vacancyId}`,
    );
    expect(JSON.stringify(referrals.items)).not.toContain(family);
  }

  it('tr: "Apply", then an office of another organisation: the form warns, the done page says the application was not passed on', () =>
    registerElsewhere('tr'));

  it('ar: the same, right to left, the names isolated in the sentences', () => registerElsewhere('ar'));
});
