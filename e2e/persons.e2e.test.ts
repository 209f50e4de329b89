import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { withTcknChecksum } from '../src/common/identity-number.ts';
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  arabicForThisPage,
  baseUrl,
  describeE2E,
  isolatedInArabic,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Job seekers and case management end to end: a counsellor registers a person in Turkish through the steps
 * (answering the likely-duplicate dialog: "someone else"), another registers a refugee in Arabic, a diacritic-free search
 * finds the first, a note goes into the case timeline, and a transfer to another office takes the person
 * out of the counsellor's sight. Screenshots (E2E_SCREENSHOTS=1) go to .tmp/screenshots.
 */

const SHOTS =
  process.env.E2E_SCREENSHOTS === '1'
    ? (process.env.E2E_SCREENSHOTS_DIR ?? path.resolve(import.meta.dirname, '..', '.tmp', 'screenshots'))
    : '';
const run = Math.random().toString(36).slice(2, 6);
// A family name of our own so that the run finds exactly this person; the given name has Turkish letters.
const FAMILY = `Karabulutoğlu${run.replace(/\d/g, 'x')}`;
const GIVEN = 'Şükrü';
const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

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

/** Picks an option of a Mantine Select found by its test id (typing first when it is searchable). */
async function choose(page: Page, testId: string, option: string, type = false): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  if (type) await input.fill(option);
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function next(page: Page, title: string): Promise<void> {
  await page.getByTestId('step-next').click();
  await expect(page.getByTestId('step-title').textContent()).resolves.toBe(title);
}

/**
 * Ticks the consent to share with a partner: its text leaves no placeholder ("{{partner}}") in sight, shows
 * "…" until the partner is typed and then names it (in Arabic isolated, as the app puts names into sentences).
 * Unticks it again: the registration goes on without it.
 */
async function partnerConsentNamesThePartner(page: Page, t: typeof tr, inSentence = (v: string) => v): Promise<void> {
  const body = t.pdf.consent.purposes['share-with-partners'].body;
  await page.getByTestId('consent-share-with-partners').check();
  const text = page.getByText(body.slice(0, body.indexOf('{{')).trim());
  await expect(text.textContent()).resolves.toBe(body.replace('{{partner}}', inSentence('…')));
  await page.getByRole('textbox', { name: t.consents.partner, exact: true }).fill('UNDP Türkiye');
  await expect.poll(() => text.textContent()).toBe(body.replace('{{partner}}', inSentence('UNDP Türkiye')));
  expect(await page.locator('main').textContent()).not.toMatch(/\{\{?partner/);
  await page.getByTestId('consent-share-with-partners').uncheck();
}

/**
 * The person list's filters fold away and open again from the keyboard (issue 14): Tab from the search
 * reaches the "Filters" button, which says whether the panel is open; Enter folds it, Space opens it.
 */
async function filtersFoldAndOpen(page: Page, t: typeof tr): Promise<void> {
  const toggle = page.getByRole('button', { name: t.common.filters, exact: true });
  const registration = page.getByTestId('registration-filter');
  await registration.waitFor();
  await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
  await page.getByTestId('person-search').focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('filter-toggle');
  await page.keyboard.press('Enter');
  await registration.waitFor({ state: 'hidden' });
  await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
  await page.keyboard.press('Space');
  await registration.waitFor();
  await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
}

describeE2E('job seekers and cases', () => {
  let browser: Browser;
  let personId = '';
  let otherPhone = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    // A phone number already on record: typing it makes the new registration a likely duplicate.
    const cookie = await apiSignIn('counsellor@ibb.example');
    const list = await apiGet<{ items: { phone: string | null }[] }>(cookie, '/persons?pageSize=50');
    otherPhone = list.items.find((p) => p.phone)!.phone!;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a counsellor registers a person in Turkish through the steps, answering the duplicate dialog', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.getByRole('navigation').getByRole('link', { name: tr.persons.nav }).click();
    await page.getByTestId('person-create').click();
    await expect(page.getByTestId('step-title').textContent()).resolves.toBe(tr.persons.steps.identity);

    // A required field left empty keeps the counsellor on the step, with the message under the field.
    await page.getByTestId('step-next').click();
    await page.getByText(tr.errors.validation.required).first().waitFor();

    await page.getByTestId('givenName').fill(GIVEN);
    await page.getByTestId('familyName').fill(FAMILY);
    // A wrong checksum is hinted at while typing, and the step stops on it (see forms.e2e.test.ts).
    await page.getByTestId('idNumber').fill('12345678901');
    await page.getByTestId('id-hint').waitFor();
    await page.getByTestId('idNumber').fill(withTcknChecksum(`3${randomDigits(8)}`));
    await page.getByTestId('birthDate').fill('1990-03-15');
    await page.getByTestId('sex').getByText(tr.persons.sexes.male).click();
    await page.getByTestId('language-add').click();
    await choose(page, 'language-0', 'Türkçe', true);
    await choose(page, 'language-level-0', tr.pdf.cv.levels.native);
    await shoot(page, 'person-new-identity');
    await next(page, tr.persons.steps.contact);

    await page.getByTestId('phone').fill(otherPhone);
    // The province comes from the counsellor's office.
    await expect.poll(() => page.getByTestId('province').inputValue()).toBe('İstanbul');
    await choose(page, 'district', 'Fatih', true);
    await next(page, tr.persons.steps.groups);

    await page.getByTestId('group-informal-worker').check();
    await choose(page, 'informalKind', tr.groups.informalKinds['market-vendor']);
    await shoot(page, 'person-new-groups');
    await next(page, tr.persons.steps.education);
    await page.getByTestId('desiredOccupations').fill('Depo görevlisi');
    await page.keyboard.press('Enter');
    await next(page, tr.persons.steps.constraints);
    await next(page, tr.persons.steps.consent);

    // Saving without the notice is refused on the spot.
    await page.getByTestId('person-save').click();
    await page.getByText(tr.persons.notice.required).waitFor();
    await page.getByTestId('notice-text').waitFor();
    await page.getByTestId('notice-given').check();
    await partnerConsentNamesThePartner(page, tr);
    await page.getByTestId('consent-share-with-employers').check();
    await shoot(page, 'person-new-consent');
    await page.getByTestId('person-save').click();

    // The same phone as someone on record: the counsellor sees who, and why, and decides.
    const dialog = page.getByTestId('duplicate-dialog');
    await dialog.waitFor();
    await dialog.getByText(tr.persons.duplicates.reasons['same-phone'], { exact: false }).first().waitFor();
    await shoot(page, 'person-new-duplicates');
    await page.getByTestId('someone-else').click();
    await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('person-name').textContent()).resolves.toBe(`${GIVEN} ${FAMILY}`);
    personId = page.url().split('/').pop()!;
    await page.getByTestId('case-status').first().waitFor();
    await shoot(page, 'person-profile');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a counsellor registers a person under temporary protection in Arabic, right to left', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@izmir.example');
    await arabicForThisPage(page);
    await page.getByRole('navigation').getByRole('link', { name: ar.persons.nav }).click();
    await page.getByTestId('person-create').click();
    await expect(page.getByTestId('step-title').textContent()).resolves.toBe(ar.persons.steps.identity);
    await page.getByTestId('givenName').fill('Ahmad');
    await page.getByTestId('familyName').fill(`Al-Khalil ${FAMILY}`);
    await choose(page, 'idKind', ar.persons.idKinds.ykn);
    await page.getByTestId('idNumber').fill(withTcknChecksum(`99${randomDigits(7)}`));
    await page.getByTestId('birthDate').fill('1994-07-02');
    await page.getByTestId('sex').getByText(ar.persons.sexes.male).click();
    await page.getByTestId('nationality').click();
    await page.getByTestId('nationality').fill('سوري');
    await page.getByRole('option').first().click();
    await page.getByTestId('language-add').click();
    await choose(page, 'language-0', 'العربية', true);
    await choose(page, 'language-level-0', ar.pdf.cv.levels.native);
    await shoot(page, 'person-new-identity-ar');
    await next(page, ar.persons.steps.contact);

    await page.getByTestId('phone').fill(`0535${randomDigits(7)}`);
    await expect.poll(() => page.getByTestId('province').inputValue()).toBe('İzmir');
    await choose(page, 'district', 'Konak', true);
    await next(page, ar.persons.steps.groups);

    await page.getByTestId('group-refugee').check();
    await choose(page, 'refugeeStatus', ar.groups.refugeeStatuses['temporary-protection']);
    await choose(page, 'registrationProvince', 'İzmir', true);
    await shoot(page, 'person-new-groups-ar');
    await next(page, ar.persons.steps.education);
    await next(page, ar.persons.steps.constraints);
    await next(page, ar.persons.steps.consent);
    await page.getByTestId('notice-given').check();
    await partnerConsentNamesThePartner(page, ar, isolatedInArabic);
    await shoot(page, 'person-new-consent-ar');
    await page.getByTestId('person-save').click();
    // No one like this is on record in İzmir, so no dialog: straight to the profile.
    await page.waitForURL(/\/persons\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('person-name').textContent()).resolves.toContain('Ahmad');
    await page.getByTestId('tab-groups').click();
    await page
      .getByTestId('groups-card')
      .getByText(ar.groups.refugeeStatuses['temporary-protection'], { exact: true })
      .waitFor();
    await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe('rtl');
    await shoot(page, 'person-profile-ar');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('finds the person by a search without Turkish letters; the list passes axe', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons`);
    await page.getByTestId('persons-table').waitFor();
    // The pager under the list reads the answer: this page's rows out of the total.
    const rows = await page.getByTestId('persons-table').locator('tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    const range = page
      .locator('main [aria-live="polite"]')
      .filter({ hasText: tr.common.range.split('{{to}}')[1]!.split('{{')[0]! });
    await expect.poll(() => range.textContent()).toMatch(new RegExp(`^1–${rows} `));
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'person-list');
    await filtersFoldAndOpen(page, tr);
    await page.getByTestId('person-search').fill(`sukru ${FAMILY.toLowerCase().replace('ğ', 'g')}`);
    const row = page.getByTestId('persons-table').getByRole('link', { name: `${GIVEN} ${FAMILY}` });
    await expect.poll(() => page.getByTestId('persons-table').locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    await row.waitFor();
    // The search term stays out of the address.
    expect(page.url()).toBe(`${baseUrl}/persons`);
    await row.click();
    await page.waitForURL(`${baseUrl}/persons/${personId}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('records a note in the case timeline', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons/${personId}`);
    await page.getByTestId('tab-case').click();
    await choose(page, 'note-kind', tr.cases.noteKinds.phone);
    const text = `Pazar tezgâhı için belediye iznini sordu (${run}).`;
    await page.getByTestId('note-body').fill(text);
    await page.getByTestId('note-save').click();
    await page.getByTestId('case-timeline').getByText(text).waitFor();
    await expect(page.getByTestId('case-timeline').textContent()).resolves.toContain(tr.cases.noteKinds.phone);
    await shoot(page, 'person-case');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('opens the printable notice and consent forms of the consent tab as PDFs', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons/${personId}?tab=consent`);
    for (const link of [page.getByTestId('notice-form'), page.getByTestId('consent-form')]) {
      await link.waitFor();
      const href = (await link.getAttribute('href'))!;
      expect(href).toMatch(new RegExp(`^/api/v1/persons/${personId}/forms/(notice|consent)\\?locale=tr`));
      const form = await page.request.get(new URL(href, baseUrl).toString());
      expect(form.status()).toBe(200);
      expect(form.headers()['content-type']).toBe('application/pdf');
    }
    expect(errors).toEqual([]);
    await context.close();
  });

  it('counts on the desk the overdue step of a plan and the office’s open cases, as the caseload screen shows them', async () => {
    // A step the person owns in this counsellor's case, already overdue: the plan shows it, so must the desk.
    const cookie = await apiSignIn('counsellor@ibb.example');
    const profile = await apiGet<{ case: { id: string } }>(cookie, `/persons/${personId}`);
    const title = `Nüfus kayıt örneğini getir (${run})`;
    await apiPostAs(cookie, `/cases/${profile.case.id}/steps`, { title, ownerKind: 'person', dueDate: '2020-01-02' });

    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    const desk = page.getByTestId('counsellor-desk');
    const listed = desk.getByRole('listitem').filter({ hasText: title });
    await listed.waitFor();
    await expect(listed.textContent()).resolves.toContain(tr.cases.plan.overdue);
    const overdue = Number(await desk.getByTestId('overdue-count').textContent());
    expect(overdue).toBeGreaterThanOrEqual(1);
    const officeText = (await desk.getByTestId('office-open-cases').textContent()) ?? '';
    const officeTotal = officeText.replace(/\D/g, '');

    await page.getByRole('link', { name: tr.cases.caseload.nav }).first().click();
    await page.getByTestId('caseload-table').waitFor();
    const grand = (await page.getByTestId('caseload-grand-total').textContent())!.replace(/\D/g, '');
    expect(grand).toBe(officeTotal);
    // The bars have a legend naming each colour's status.
    const legend = page.getByTestId('caseload-legend');
    for (const status of ['new', 'active', 'on-hold', 'placed'] as const)
      await expect(legend.textContent()).resolves.toContain(tr.cases.statuses[status]);
    // In Arabic the legend reads right to left, in Arabic words, named for a screen reader.
    await arabicForThisPage(page);
    const arLegend = page.getByRole('list', { name: ar.cases.caseload.legend });
    await arLegend.getByText(ar.cases.statuses.new, { exact: true }).waitFor();
    await expect(arLegend.evaluate((el) => getComputedStyle(el).direction)).resolves.toBe('rtl');
    await expect(arLegend.getByRole('listitem').allTextContents()).resolves.toEqual(
      (['new', 'active', 'on-hold', 'placed'] as const).map((status) => ar.cases.statuses[status]),
    );

    // The desk in Arabic counts as the caseload screen and the action plan do: the office's open cases are
    // the caseload's total, the overdue step is listed as overdue, and the plan it comes from shows no more
    // overdue steps than the desk counts.
    const arGrand = (await page.getByTestId('caseload-grand-total').textContent())!.replace(/\D/g, '');
    await page.goBack();
    await desk.getByRole('heading', { name: ar.cases.desk.title, exact: true }).waitFor();
    const arOffice = desk.getByTestId('office-open-cases');
    await expect(arOffice.textContent()).resolves.toContain(ar.cases.desk.officeOpenCases.split('{{')[0]);
    await expect.poll(async () => (await arOffice.textContent())!.replace(/\D/g, '')).toBe(arGrand);
    await expect(listed.textContent()).resolves.toContain(ar.cases.plan.overdue);
    // The figure comes isolated in Arabic (format.ts): its digits alone.
    const arOverdue = Number((await desk.getByTestId('overdue-count').textContent())!.replace(/\D/g, ''));
    expect(arOverdue).toBeGreaterThanOrEqual(1);
    await listed.getByRole('link').click();
    await page.getByTestId('tab-plan').click();
    const step = page.getByTestId('plan-step').filter({ hasText: title });
    await expect(step.textContent()).resolves.toContain(ar.cases.plan.overdue);
    const planOverdue = await page.getByTestId('plan-step').filter({ hasText: ar.cases.plan.overdue }).count();
    expect(planOverdue).toBeGreaterThanOrEqual(1);
    expect(arOverdue).toBeGreaterThanOrEqual(planOverdue);

    // The person list's filters fold and open in Arabic too, the "Filters" button at the right, where a
    // right-to-left line starts.
    await page.getByRole('navigation').getByRole('link', { name: ar.persons.nav }).click();
    await filtersFoldAndOpen(page, ar);
    const panel = page.getByRole('region', { name: ar.common.filters, exact: true });
    await expect(panel.evaluate((el) => getComputedStyle(el).direction)).resolves.toBe('rtl');
    const panelBox = (await panel.boundingBox())!;
    const toggle = page.getByTestId('filter-toggle');
    const icon = (await toggle.locator('svg').first().boundingBox())!;
    const label = (await toggle.locator('.mantine-Button-label').boundingBox())!;
    expect(label.x).toBeGreaterThan(panelBox.x + panelBox.width / 2);
    expect(icon.x).toBeGreaterThan(label.x);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('records the work permit an employer applied for, with its decision, on the person’s profile', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons/${personId}`);
    await page.getByTestId('tab-permits').click();
    const card = page.getByTestId('work-permits-card');
    await card.getByText(tr.workPermits.empty).waitFor();
    await card.getByRole('button', { name: tr.workPermits.add }).click();
    await choose(page, 'permit-kind', tr.workPermits.kinds['work-permit']);
    await choose(page, 'permit-employer', 'Örme Tekstil', true);
    await page.getByLabel(tr.workPermits.fields.requestedOn).fill('2026-11-02');
    await page.getByTestId('permit-save').click();
    const row = card.getByTestId('work-permit');
    await row.getByText(tr.workPermits.statuses.requested).waitFor();
    await row.getByText(/Örme Tekstil/).waitFor();
    // The decision arrives: granted, valid for a year from 16 November.
    await row.getByRole('button', { name: tr.common.edit }).click();
    await choose(page, 'permit-status', tr.workPermits.statuses.granted);
    await page.getByTestId('permit-decided').fill('2026-11-13');
    await page.getByTestId('permit-from').fill('2026-11-16');
    await page.getByTestId('permit-until').fill('2027-11-15');
    await page.getByTestId('permit-save').click();
    await row.getByText(tr.workPermits.statuses.granted).waitFor();
    await row.getByTestId('permit-valid').getByText(tr.workPermits.validToday).waitFor();
    await expect(row.textContent()).resolves.toContain('16 Kas 2026');
    // The dialog's closing fade dims the page: check contrast once it is gone.
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await shoot(page, 'person-work-permits');
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('transfers the case to another office, after which the counsellor no longer sees the person', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons/${personId}`);
    await page.getByTestId('tab-case').click();
    await page.getByTestId('case-transfer').click();
    await choose(page, 'transfer-office', 'Esenyurt İstihdam Ofisi');
    await page.getByTestId('transfer-confirm').click();
    await page.waitForURL(`${baseUrl}/persons`);
    await page.getByTestId('person-search').fill('sukru');
    await page.getByTestId('empty-state').waitFor();

    const zeynep = await apiSignIn('counsellor@ibb.example');
    await expect(apiGet(zeynep, `/persons/${personId}`)).rejects.toThrow(/404/);
    // The receiving office has them, with the transfer in the case history.
    const ali = await apiSignIn('counsellor2@ibb.example');
    const person = await apiGet<{ office: { name: string }; case: { id: string } }>(ali, `/persons/${personId}`);
    expect(person.office.name).toBe('Esenyurt İstihdam Ofisi');
    const found = await apiGet<{ transfers: { toOffice: string }[] }>(ali, `/cases/${person.case.id}`);
    expect(found.transfers.map((t) => t.toOffice)).toContain('Esenyurt İstihdam Ofisi');
    expect(errors).toEqual([]);
    await context.close();
  });
});
