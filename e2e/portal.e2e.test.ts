import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  apiGet,
  apiSignIn,
  arabicForThisPage,
  baseUrl,
  describeE2E,
  isolatedInArabic,
  launchBrowser,
  newPage,
  OWN_USER_PASSWORD,
  ownEmployerUser,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/**
 * The employer portal end to end: an employer posts a vacancy, a manager publishes it, it appears on
 * the public job board, a counsellor refers a person, and the employer answers (interview, hired).
 * Screenshots (E2E_SCREENSHOTS=1) go to .tmp/screenshots.
 */

const SHOTS = process.env.E2E_SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '..', '.tmp', 'screenshots') : '';
const suffix = Math.random().toString(36).slice(2, 7);
const TITLE = `Paketleme elemanı ${suffix}`;
// A confirmed registration: a pending self-registration's referral waits until a counsellor confirms who the person is.
const PERSON = 'Mustafa Aydemir';

function isoInDays(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  const size = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(size);
}

/** A text, number or multi-line input by its label (the required asterisk is not part of the name). */
function field(page: Page, name: string) {
  return page.getByRole('textbox', { name, exact: true });
}

/** A date input by its label. */
function dateField(page: Page, name: string) {
  return page.getByLabel(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
}

/** Picks an option of a Mantine Select (typing first when it is searchable). */
async function choose(page: Page, label: string, option: string, type = false): Promise<void> {
  const input = page.getByRole('combobox', { name: label, exact: true });
  await input.click();
  if (type) await input.fill(option);
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Fills the vacancy form's required fields with terms that meet every rule. */
async function fillVacancy(
  page: Page,
  t: { vacancies: { fields: typeof tr.vacancies.fields } },
  values: { title: string; wage: string; hoursPerWeek?: string },
) {
  const f = t.vacancies.fields;
  await field(page, f.title).fill(values.title);
  // The occupation is an autocomplete on the taxonomy search (a combobox); the typed title is kept.
  await page.getByRole('combobox', { name: f.occupation, exact: true }).fill('Paketleyici');
  await page.keyboard.press('Escape');
  await field(page, f.duties).fill('Ürünlerin paketlenmesi, etiketlenmesi ve sevkiyata hazırlanması.');
  await dateField(page, f.startDate).fill(isoInDays(30));
  await choose(page, f.province, 'İstanbul', true);
  await choose(page, f.district, 'Bağcılar', true);
  await field(page, f.hoursPerDay).fill('9');
  await field(page, f.hoursPerWeek).fill(values.hoursPerWeek ?? '45');
  await field(page, f.wageMin).fill(values.wage);
}

describeE2E('employer portal, review, job board and referral answers', () => {
  let browser: Browser;
  let employer: { context: BrowserContext; page: Page; errors: string[] };
  let vacancyId = '';
  let referralId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    employer = await newPage(browser);
  });
  afterAll(async () => {
    await employer?.context.close();
    await browser?.close();
  });

  it('an employer signs in to the portal (axe clean), creates a vacancy and submits it', async () => {
    const { page, errors } = employer;
    await signIn(page, 'employer@ibb.example');
    await page.waitForURL(/\/portal$/);
    await page.getByTestId('portal-new-vacancy').waitFor();
    // Only the portal's own items in the navigation.
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: tr.portal.nav.referrals }).waitFor();
    await expect(nav.getByRole('link', { name: tr.employers.nav }).count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'portal-home-tr');

    // If the employer is not verified yet, an employer-relations officer verifies it in the UI first.
    const cookie = await apiSignIn('employer@ibb.example');
    const own = await apiGet<{ id: string; status: string }>(cookie, '/portal/employer');
    if (own.status !== 'verified') {
      const staff = await newPage(browser);
      await signIn(staff.page, 'employer-relations@ibb.example');
      await staff.page.goto(`${baseUrl}/employers/${own.id}`);
      await staff.page.getByTestId('hazard-confirm').click();
      await staff.page.getByTestId('employer-verify').click();
      await staff.page.getByTestId('confirm').click();
      await staff.page.getByTestId('employer-status').getByText(tr.employers.statuses.verified).waitFor();
      await staff.context.close();
    }

    await page.getByTestId('portal-new-vacancy').click();
    await page.getByTestId('vacancy-form').waitFor();
    await fillVacancy(page, tr, { title: TITLE, wage: '32000' });
    await page.getByTestId('decent-work-ok').waitFor();
    await page.getByTestId('vacancy-submit').click();
    await page.waitForURL(/\/portal\/vacancies\/[0-9a-f-]{36}$/);
    vacancyId = page.url().split('/').pop()!;
    await page.getByTestId('vacancy-status').getByText(tr.vacancies.statuses.submitted).waitFor();
    expect(errors).toEqual([]);
  }, 90_000);

  it('a manager publishes it from the review queue, and it appears on the public job board in Arabic', async () => {
    expect(vacancyId).not.toBe('');
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.getByRole('navigation').getByRole('link', { name: tr.vacancies.nav }).click();
    await page.getByTestId('review-queue-tab').waitFor();
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByTestId('vacancy-review').click();
    await page.getByTestId('review-confirm').click();
    await page.getByTestId('vacancy-status').getByText(tr.vacancies.statuses.published).waitFor();
    expect(errors).toEqual([]);

    await page.goto(`${baseUrl}/jobs?lang=ar&q=${encodeURIComponent(suffix)}`);
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await page.getByText(TITLE).first().waitFor();
    await context.close();
  }, 90_000);

  it('a counsellor proposes a person, completes the pre-screen and sends the referral', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/vacancies/${vacancyId}`);
    await page.getByTestId('propose-person').click();
    await page.getByTestId('person-search').fill('Mustafa');
    await page.getByTestId('person-option').filter({ hasText: PERSON }).click();
    await page.getByTestId('propose-confirm').click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    referralId = page.url().split('/').pop()!;
    for (const item of Object.values(tr.referrals.prescreen.items)) await page.getByLabel(item).check();
    await page.getByTestId('referral-send').click();
    await page.getByTestId('referral-status').getByText(tr.referrals.statuses.sent).waitFor();
    await page.getByTestId('referral-events').getByText(tr.referrals.statuses.sent).waitFor();
    await shoot(page, 'referral-staff-tr');
    expect(errors).toEqual([]);

    // The same screen in Arabic (the account keeps Turkish: the language comes from a stubbed /me).
    if (SHOTS) {
      await arabicForThisPage(page);
      await page.getByText(ar.referrals.statuses.sent).first().waitFor();
      await shoot(page, 'referral-staff-ar');
    }
    await context.close();
  }, 90_000);

  it('the employer sees the candidate’s shared profile and answers: interview, then hired', async () => {
    const { page, errors } = employer;
    await page.goto(`${baseUrl}/portal`);
    await page.getByRole('navigation').getByRole('link', { name: tr.portal.nav.referrals }).click();
    await page.getByTestId('referrals-table').getByRole('link', { name: PERSON }).first().click();
    await page.waitForURL(new RegExp(`/portal/referrals/${referralId}$`));
    await page.getByTestId('shared-profile').waitFor();
    await page.getByTestId('referral-status').getByText(tr.referrals.statuses.seen).waitFor();
    await shoot(page, 'referral-portal-tr');

    // The interview dialog says what it does ("Görüşmeye çağır", not the status "Görüşmeye çağrıldı") and
    // suggests no date: confirming without one is refused.
    await page.getByTestId('move-interview').click();
    const dialog = page.getByRole('dialog', { name: tr.portal.moves.interview });
    await dialog.getByTestId('interview-at-date').waitFor();
    expect(await dialog.textContent()).toContain('Görüşmenin tarih ve saatini seçin');
    expect(await dialog.getByRole('button', { name: tr.portal.moves.interview, exact: true }).count()).toBe(1);
    expect(await dialog.getByText(tr.referrals.moves.interview).count()).toBe(0);
    expect(await page.getByTestId('interview-at-date').inputValue()).toBe('');
    await page.getByTestId('move-confirm').click();
    await dialog.getByText(tr.errors.validation.required).first().waitFor();
    expect(await page.getByTestId('referral-status').textContent()).toContain(tr.referrals.statuses.seen);

    // The same dialog in Arabic, in a second tab of the employer's session (the account keeps Turkish).
    const arabic = await employer.context.newPage();
    await arabic.goto(`${baseUrl}/portal/referrals/${referralId}`);
    await arabic.getByTestId('shared-profile').waitFor();
    await arabicForThisPage(arabic);
    await arabic.getByTestId('move-interview').click();
    const arDialog = arabic.getByRole('dialog', { name: ar.portal.moves.interview });
    await arDialog.getByTestId('interview-at-date').waitFor();
    expect(await arDialog.textContent()).toContain(
      ar.referrals.moveText.interview
        .replace('{{person}}', isolatedInArabic(PERSON))
        .replace('{{vacancy}}', isolatedInArabic(TITLE)),
    );
    expect(await arDialog.getByRole('button', { name: ar.portal.moves.interview, exact: true }).count()).toBe(1);
    expect(await arDialog.getByText(ar.referrals.moves.interview).count()).toBe(0);
    expect(await arabic.getByTestId('interview-at-date').inputValue()).toBe('');
    await arabic.getByTestId('move-confirm').click();
    await arDialog.getByText(ar.errors.validation.required).first().waitFor();
    expect(await arabic.getByTestId('referral-status').textContent()).toContain(ar.referrals.statuses.seen);
    await arabic.close();
    const [y, m, d] = isoInDays(3).split('-');
    await page.getByTestId('interview-at-date').fill(`${d}.${m}.${y}`);
    await page.getByTestId('interview-at-time').fill('10:30');
    await page.getByTestId('move-confirm').click();
    await page.getByTestId('referral-status').getByText(tr.referrals.statuses.interview).waitFor();
    await page.getByTestId('move-hired').click();
    await page.getByTestId('move-confirm').click();
    await page.getByTestId('referral-status').getByText(tr.referrals.statuses.hired).waitFor();
    await page.getByTestId('referral-events').getByText(tr.referrals.statuses.hired).waitFor();
    expect(errors).toEqual([]);
  }, 90_000);

  it('in Arabic, the portal and a refused vacancy read right to left with every failing rule named', async () => {
    // A portal user of the same employer whose saved language is Arabic (the server names the failing
    // rules in it); the shared demo account keeps Turkish for the other specs.
    const email = await ownEmployerUser({
      email: `portal-ar-${suffix}@ibb.example`,
      fullName: 'Portal Arapça',
      locale: 'ar',
    });
    const { context, page, errors } = await newPage(browser);
    await signIn(page, email, OWN_USER_PASSWORD);
    await page.waitForURL(/\/portal$/);
    await page.goto(`${baseUrl}/portal`);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByTestId('portal-new-vacancy').waitFor();
    await shoot(page, 'portal-home-ar');
    await page.goto(`${baseUrl}/portal/referrals/${referralId}`);
    await page.getByTestId('shared-profile').waitFor();
    await shoot(page, 'referral-portal-ar');

    await page.goto(`${baseUrl}/portal/vacancies/new`);
    await page.getByTestId('vacancy-form').waitFor();
    await fillVacancy(page, ar, {
      title: `عامل تغليف ${suffix}`,
      wage: '20000',
      hoursPerWeek: '50',
    });
    await page.getByTestId('vacancy-submit').click();
    const refusal = page.getByTestId('refusal');
    await refusal.waitFor();
    // Minimum wage and weekly hours, each named in the list and under its field, in Arabic.
    await expect(refusal.getByTestId('refusal-item').count()).resolves.toBeGreaterThanOrEqual(2);
    await expect(refusal.textContent()).resolves.toMatch(/[\u0600-\u06FF]/);
    await expect(refusal.locator('[data-pointer="/wageMin"]').count()).resolves.toBe(1);
    await expect(refusal.locator('[data-pointer="/hoursPerWeek"]').count()).resolves.toBe(1);
    await shoot(page, 'vacancy-refusal-ar');
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
