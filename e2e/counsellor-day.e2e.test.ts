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
  OWN_USER_PASSWORD,
  ownStaffUser,
  publishedVacancy,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Issue 14, what was left of a counsellor's day: the weekly agenda (keyboard only, tr and ar), the job
 * board's "Apply" leading to registration first, the public registration form on a phone (44 px targets,
 * autocomplete tokens) and Arabic lists joined with the Arabic comma.
 */
const suffix = Math.random().toString(36).slice(2, 7).replace(/\d/g, 'q');
const PLAN_STEP = `İŞKUR kaydını yenile (${suffix})`;
/** E2E_SCREENSHOTS=docs: the screens of docs/screens are written there (tr and ar, desktop width). */
const DOCS = process.env.E2E_SCREENSHOTS === 'docs' ? path.resolve(import.meta.dirname, '..', 'docs', 'screens') : '';

async function shoot(page: Page, name: string): Promise<void> {
  if (!DOCS) return;
  fs.mkdirSync(DOCS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(DOCS, `${name}.png`) });
}

/** The staff registration wizard's first step, for docs/screens (only when the screens are being written). */
async function shootWizard(page: Page, name: string): Promise<void> {
  if (!DOCS) return;
  await page.goto(`${baseUrl}/persons/new`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await shoot(page, name);
}

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};
const turkiyeToday = () => new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);
const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7));

/**
 * The form that adds a step sits below the plan (issue 14): its box starts below the last step's, the steps
 * being what a counsellor reads first.
 */
async function planFormBelowSteps(page: Page, step: string): Promise<void> {
  await page.getByTestId('tab-plan').click();
  await page.getByTestId('plan-step').filter({ hasText: step }).waitFor();
  const last = (await page.getByTestId('plan-step').last().boundingBox())!;
  const plan = (await page.getByTestId('action-plan').boundingBox())!;
  const form = (await page.locator('section[aria-labelledby="add-step-title"]').boundingBox())!;
  expect(form.y).toBeGreaterThanOrEqual(last.y + last.height);
  expect(form.y).toBeGreaterThanOrEqual(plan.y + plan.height);
}

/** A working day of next week at `time` Türkiye time (a holiday answers 422: the next day is tried). */
async function bookNextWeek(cookie: string, personId: string, time: string): Promise<string> {
  const nextMonday = addDays(mondayOf(turkiyeToday()), 7);
  for (let i = 0; i < 5; i++) {
    const day = addDays(nextMonday, i);
    const response = await fetch(`${baseUrl}/api/v1/persons/${personId}/appointments`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ startsAt: `${day}T${time}:00+03:00`, durationMinutes: 30, mode: 'in-person' }),
    });
    if (response.status === 201) return day;
  }
  throw new Error('no working day next week for the appointment');
}

describeE2E('a counsellor’s week and the public way in', () => {
  let browser: Browser;
  let personId = '';
  let arabicCounsellor = '';
  let day = '';
  const familyName = `Ajandalı ${suffix}`;

  beforeAll(async () => {
    browser = await launchBrowser();
    const counsellor = await apiSignIn('counsellor@ibb.example');
    const me = await apiGet<{ office: { id: string; name: string } | null }>(counsellor, '/me');
    ({ id: personId } = await apiPostAs<{ id: string }>(counsellor, '/persons', {
      givenName: 'Nur',
      familyName,
      birthDate: '1994-04-04',
      sex: 'female',
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      confirmNotDuplicate: true,
    }));
    day = await bookNextWeek(counsellor, personId, '11:30');
    // A step in the person's plan, for the form below it.
    const profile = await apiGet<{ case: { id: string } }>(counsellor, `/persons/${personId}`);
    await apiPostAs(counsellor, `/cases/${profile.case.id}/steps`, {
      title: PLAN_STEP,
      ownerKind: 'person',
      dueDate: null,
    });
    // An Arabic-speaking counsellor of the same office, for the Arabic pass.
    arabicCounsellor = await ownStaffUser({
      email: `agenda-ar-${suffix}@ibb.example`,
      fullName: `Ajanda Arapça ${suffix}`,
      roleKey: 'counsellor',
      office: me.office!.name,
      locale: 'ar',
    });
  });
  afterAll(async () => browser?.close());

  it('tr: the weekly agenda is reached from the desk and used with the keyboard alone', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.getByTestId('counsellor-desk').waitFor();
    await shoot(page, 'desk-tr');
    await page.getByTestId('desk-agenda-link').click();
    await page.waitForURL(/\/agenda$/);
    await page.getByRole('heading', { level: 1, name: tr.agenda.title }).waitFor();
    await page.getByTestId('agenda-week').waitFor();
    // This week: seven days, Monday first.
    expect(await page.locator('[data-testid^="agenda-day-"]').count()).toBe(7);
    await page.getByTestId(`agenda-day-${mondayOf(turkiyeToday())}`).waitFor();

    // Tab to "next week" and press Enter: next week shows the appointment booked for the person.
    await page.getByTestId('agenda-previous').focus();
    // "This week" is disabled while this week is shown, so one Tab reaches "next week".
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('agenda-next');
    await page.keyboard.press('Enter');
    const dayCard = page.getByTestId(`agenda-day-${day}`);
    await dayCard.getByText(`Nur ${familyName}`).waitFor();
    expect(await dayCard.textContent()).toContain('11:30');
    await shoot(page, 'agenda-tr');
    // Alt+← goes back a week, Alt+→ forward again.
    await page.keyboard.press('Alt+ArrowLeft');
    await page.getByTestId(`agenda-day-${mondayOf(turkiyeToday())}`).waitFor();
    await page.keyboard.press('Alt+ArrowRight');
    await dayCard.waitFor();
    // The person's name is a link: Enter on it opens the profile.
    await dayCard.getByRole('link', { name: `Nur ${familyName}` }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/persons/${personId}$`));
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shoot(page, 'profile-tr');
    // The action plan comes first; the form that adds a step sits below it.
    await planFormBelowSteps(page, PLAN_STEP);
    await shootWizard(page, 'wizard-tr');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('ar: the agenda reads right to left, names isolated, and the whole office can be shown', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, arabicCounsellor, OWN_USER_PASSWORD);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByTestId('counsellor-desk').waitFor();
    await shoot(page, 'desk-ar');
    await page.goto(`${baseUrl}/persons/${personId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shoot(page, 'profile-ar');
    // Right to left too, the form sits below the plan.
    await planFormBelowSteps(page, PLAN_STEP);
    await page.getByRole('heading', { level: 3, name: ar.cases.plan.add, exact: true }).waitFor();
    await shootWizard(page, 'wizard-ar');
    await page.goto(`${baseUrl}/agenda`);
    await page.getByRole('heading', { level: 1, name: ar.agenda.title }).waitFor();
    await page.getByTestId('agenda-next').click();
    await page.getByTestId('agenda-whose').click();
    await page.getByRole('option', { name: ar.agenda.office }).click();
    const dayCard = page.getByTestId(`agenda-day-${day}`);
    const name = dayCard.locator('bdi', { hasText: `Nur ${familyName}` });
    await name.waitFor();
    // The "next week" arrow points left in Arabic (mirrored).
    const transform = await page
      .getByTestId('agenda-next')
      .locator('svg')
      .evaluate((el) => getComputedStyle(el).transform);
    expect(transform).toBe('matrix(-1, 0, 0, 1, 0, 0)');
    await shoot(page, 'agenda-ar');
    // The keys follow the mirrored page, as the Arabic hint says: Alt+→ goes back a week, Alt+← forward.
    expect(await page.getByText(ar.agenda.intro).textContent()).toContain('\u2066Alt+→\u2069');
    await page.getByTestId('agenda-previous').focus();
    await page.keyboard.press('Alt+ArrowRight');
    await page.getByTestId(`agenda-day-${mondayOf(turkiyeToday())}`).waitFor();
    await page.keyboard.press('Alt+ArrowLeft');
    await name.waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('tr: a person without a household joins a registered relative’s', async () => {
    const counsellor = await apiSignIn('counsellor@ibb.example');
    const relativeFamily = `Haneli ${suffix}`;
    const relative = await apiPostAs<{ id: string }>(counsellor, '/persons', {
      givenName: 'Kemal',
      familyName: relativeFamily,
      birthDate: '1990-01-01',
      sex: 'male',
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      confirmNotDuplicate: true,
    });
    await apiPostAs(counsellor, `/persons/${relative.id}/household`, { relation: 'head' });
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons/${personId}`);
    await page.getByTestId('tab-household').click();
    await page.getByTestId('household-join').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('person-search').fill(`kemal ${relativeFamily.toLocaleLowerCase('tr')}`);
    const option = dialog.getByTestId('person-option').filter({ hasText: `Kemal ${relativeFamily}` });
    await option.click();
    await dialog.getByTestId('join-relation').click();
    await page.getByRole('option', { name: tr.households.relations.sibling, exact: true }).click();
    await dialog.getByTestId('join-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText(`Kemal ${relativeFamily}`).first().waitFor();
    const theirs = await apiGet<{ members: { personId: string | null }[] }>(
      counsellor,
      `/persons/${relative.id}/household`,
    );
    expect(theirs.members.map((m) => m.personId)).toContain(personId);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('tr: "Apply" on the job board offers registration first, and the form fits a phone', async () => {
    const [officer, manager, employer] = await Promise.all(
      ['employer-relations@ibb.example', 'manager@ibb.example', 'employer@ibb.example'].map((e) => apiSignIn(e)),
    );
    const portalEmployer = await apiGet<{ id: string }>(employer!, '/portal/employer');
    const vacancy = await publishedVacancy(officer!, manager!, {
      employerId: portalEmployer.id,
      title: `Kasiyer ${suffix}`,
      occupation: 'Kasiyer',
      province: 'İstanbul',
      district: 'Fatih',
      startInDays: 14,
    });
    const { context, page, errors } = await newPage(browser);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/jobs/${vacancy.id}/apply`);
    const choices = page.locator('ul.choices a.button');
    expect(await choices.count()).toBe(2);
    // The first, filled button registers (with the vacancy); signing in comes second, outlined.
    expect(await choices.first().getAttribute('href')).toBe(`/register?vacancy=${vacancy.id}`);
    expect(await choices.first().getAttribute('class')).toBe('button');
    expect(await choices.nth(1).getAttribute('class')).toContain('secondary');
    expect(await choices.first().textContent()).toBe(tr.jobboard.applyRegister);
    await choices.first().click();
    await page.waitForURL(/\/register/);
    await page.getByTestId('reg-step-title').waitFor();
    await shoot(page, 'register-tr');
    // Step 1: every control a touch target of at least 44 px.
    await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root'));
    const small = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('main input:not([type=hidden]), main button, main [role=combobox]')]
        .filter((el) => el.offsetParent !== null && getComputedStyle(el).opacity !== '0')
        .map((el) => {
          // A checkbox or radio is toggled by its row (the label), which is the target.
          const target = el.closest<HTMLElement>('.mantine-Checkbox-body, .mantine-Radio-body') ?? el;
          const box = target.getBoundingClientRect();
          return { name: el.getAttribute('aria-label') ?? el.textContent ?? el.tagName, h: box.height };
        })
        .filter((b) => b.h < 44),
    );
    expect(small).toEqual([]);
    errors.length = 0;
    await context.close();
  }, 120_000);

  it('tr and ar: the registration form asks the phone to fill name, phone and e-mail', async () => {
    for (const locale of ['tr', 'ar'] as const) {
      const { context, page, errors } = await newPage(browser);
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${baseUrl}/register`);
      if (locale === 'ar') {
        // eslint-disable-next-line no-restricted-syntax -- a signed-out page: the choice stays in this browser
        await page.getByTestId('language-switch').click();
        await page.getByRole('menuitem', { name: 'العربية' }).click();
        await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      }
      const t = locale === 'tr' ? tr : ar;
      await page.getByTestId('reg-step-title').waitFor();
      await page.getByTestId('reg-organisation').click();
      await page.getByRole('option', { name: 'İstanbul Büyükşehir Belediyesi', exact: true }).click();
      // Plain words for a job seeker: no bare "Kurum".
      expect(await page.getByText(t.selfService.organisation).count()).toBeGreaterThan(0);
      await page.getByTestId('reg-office').click();
      // In Arabic the Turkish office name keeps its own direction: isolated, as the web app does it.
      const fatih = locale === 'ar' ? isolatedInArabic('Fatih İstihdam Ofisi') : 'Fatih İstihdam Ofisi';
      await page.getByRole('option', { name: new RegExp(`^${fatih}`) }).click();
      await page.getByTestId('reg-next').click();
      await page.getByTestId('givenName').waitFor();
      expect(await page.getByTestId('givenName').getAttribute('autocomplete')).toBe('given-name');
      expect(await page.getByTestId('familyName').getAttribute('autocomplete')).toBe('family-name');
      if (locale === 'ar') await shoot(page, 'register-ar');
      await page.getByTestId('givenName').fill('Ayşe');
      await page.getByTestId('familyName').fill(`Telefonlu ${suffix}`);
      await page.getByTestId('birthDate').fill('1996-09-21');
      await page.getByTestId('sex').getByText(t.persons.sexes.female).click();
      await page.getByTestId('reg-next').click();
      const phone = page.getByTestId('phone');
      await phone.waitFor();
      expect(await phone.getAttribute('autocomplete')).toBe('tel');
      expect(await page.getByLabel(t.persons.fields.email).getAttribute('autocomplete')).toBe('email');
      expect(await page.getByLabel(t.persons.fields.address).getAttribute('autocomplete')).toBe('street-address');
      expect(errors).toEqual([]);
      await context.close();
    }
  }, 120_000);
});
