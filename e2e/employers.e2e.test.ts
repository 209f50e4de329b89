import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { withVknChecksum } from '../src/common/identity-number.ts';
import { baseUrl, describeE2E, launchBrowser, newPage, seriousViolations, signIn, tr } from './helpers.ts';

/**
 * Staff screens for employers and vacancies: registering and verifying an employer, recording a
 * concern that suspends it, and a vacancy whose discriminatory wording and low wage are refused
 * until fixed or justified. Screenshots (E2E_SCREENSHOTS=1) go to .tmp/screenshots.
 */

const SHOTS = process.env.E2E_SCREENSHOTS === '1' ? path.resolve(import.meta.dirname, '..', '.tmp', 'screenshots') : '';
const suffix = Math.random().toString(36).slice(2, 7);

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

function field(page: Page, name: string) {
  return page.getByRole('textbox', { name, exact: true });
}

async function choose(page: Page, label: string, option: string, type = false): Promise<void> {
  const input = page.getByRole('combobox', { name: label, exact: true });
  await input.click();
  if (type) await input.fill(option);
  await page.getByRole('option', { name: option, exact: true }).click();
}

describeE2E('employers and vacancies (staff)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an employer-relations officer registers an employer, confirms its hazard class, verifies it, then suspends it for a concern', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'employer-relations@ibb.example');
    await page.getByRole('navigation').getByRole('link', { name: tr.employers.nav }).click();
    await page.getByTestId('employers-table').waitFor();
    await page.getByTestId('employer-create').click();

    const e = tr.employers.fields;
    const name = `Deniz Yapı Taahhüt ${suffix} Ltd. Şti.`;
    const vkn = withVknChecksum(String(100_000_000 + Math.floor(Math.random() * 800_000_000)));
    await field(page, e.legalName).fill(name);
    await field(page, e.taxNumber).fill(vkn);
    await field(page, e.naceCode).fill('43.22');
    // Construction installation work: very hazardous, suggested as soon as the code is typed.
    await page.getByTestId('hazard-suggested').getByText(tr.employers.hazard['very-hazardous']).waitFor();
    await field(page, e.workerCount).fill('120');
    await expect(page.getByTestId('disability-quota').textContent()).resolves.toContain('3');
    await choose(page, e.province, 'İstanbul', true);
    await choose(page, e.district, 'Kadıköy', true);
    await page.getByLabel(e.acceptTerms).check();
    await page.getByTestId('employer-save').click();

    await page.waitForURL(/\/employers\/[0-9a-f-]{36}$/);
    await page.getByTestId('employer-status').getByText(tr.employers.statuses.pending).waitFor();
    await page.getByTestId('hazard-confirm').click();
    await page.getByText(tr.employers.confirmedHazard).waitFor();
    await page.getByTestId('employer-verify').click();
    await page.getByTestId('confirm').click();
    await page.getByTestId('employer-status').getByText(tr.employers.statuses.verified).waitFor();

    await page.getByRole('tab', { name: tr.employers.tabs.concerns }).click();
    await page.getByTestId('concern-create').click();
    await choose(page, tr.employers.concerns.kind, tr.employers.concerns.kinds['child-labour']);
    await field(page, tr.employers.concerns.description).fill(
      'Şantiyede 15 yaşından küçük bir çocuğun çalıştığı bildirildi.',
    );
    await page.getByLabel(tr.employers.concerns.suspend).check();
    await page.getByRole('button', { name: tr.employers.concerns.recordAndSuspend }).click();
    await page.getByTestId('concerns').getByText(tr.employers.concerns.kinds['child-labour']).waitFor();
    await page.getByTestId('employer-status').getByText(tr.employers.statuses.suspended).waitFor();

    // Found again by tax number in the list, under the suspended filter.
    await page.getByRole('link', { name: tr.employers.backToList }).click();
    await page.getByTestId('employer-search').fill(vkn);
    await page.getByTestId('employers-table').getByText(name).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('a vacancy titled "Bayan eleman" is flagged, refused with each rule under its field, and submitted only once justified', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'employer-relations@ibb.example');
    await page.goto(`${baseUrl}/vacancies/new`);
    await page.getByTestId('vacancy-form').waitFor();

    const f = tr.vacancies.fields;
    await choose(page, f.employerId, 'Örme Tekstil');
    await field(page, f.title).fill(`Bayan eleman aranıyor ${suffix}`);
    // The occupation is an autocomplete on the taxonomy search (a combobox); the typed title is kept.
    await page.getByRole('combobox', { name: f.occupation, exact: true }).fill('Satış danışmanı');
    await page.keyboard.press('Escape');
    await field(page, f.duties).fill('Mağazada müşterilere yardımcı olmak, reyon düzeni ve kasa işlemleri.');
    await page.getByLabel(new RegExp(`^${f.startDate}`)).fill(isoInDays(30));
    await choose(page, f.province, 'İstanbul', true);
    await field(page, f.hoursPerDay).fill('9');
    await field(page, f.hoursPerWeek).fill('45');
    await field(page, f.wageMin).fill('20000');

    // The panel flags the wording and the wage while typing.
    const panel = page.getByTestId('decent-work-panel');
    await panel.getByTestId('wording-flag').getByText('Bayan eleman', { exact: true }).waitFor();
    await panel.locator('[data-rule="minimum-wage"]').waitFor();
    // Not announced as busy once the verdict is on screen.
    await expect.poll(() => panel.getAttribute('aria-busy')).toBe('false');

    await page.getByTestId('vacancy-submit').click();
    const refusal = page.getByTestId('refusal');
    await refusal.waitFor();
    await expect(refusal.locator('[data-pointer="/title"]').count()).resolves.toBe(1);
    await expect(refusal.locator('[data-pointer="/wageMin"]').count()).resolves.toBe(1);
    await expect(refusal.locator('[data-pointer="/title"]').textContent()).resolves.toContain('Bayan eleman');
    // The same messages under the fields.
    await expect(field(page, f.title).getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(field(page, f.wageMin).getAttribute('aria-invalid')).resolves.toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'vacancy-refusal-tr');

    // A wage above the minimum: the wording alone still stops it.
    await field(page, f.wageMin).fill('32000');
    await page.getByTestId('vacancy-submit').click();
    await refusal.locator('[data-pointer="/title"]').waitFor();
    await expect(refusal.locator('[data-pointer="/wageMin"]').count()).resolves.toBe(0);

    await page
      .getByTestId('wording-justification')
      .fill(
        'Kadın müşterilere prova kabininde yardım edilecek; iş, gerçek bir mesleki gereklilik olarak kadın çalışan gerektiriyor.',
      );
    await page.getByTestId('vacancy-submit').click();
    await page.waitForURL(/\/vacancies\/[0-9a-f-]{36}$/);
    await page.getByTestId('vacancy-status').getByText(tr.vacancies.statuses.submitted).waitFor();
    await page.getByText(f.wordingJustification).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('the decent-work limits are shown to everyone, read-only to an organisation admin, editable by the platform admin only', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/admin/decent-work`);
    await expect(page.getByTestId('limit-weeklyHours').inputValue()).resolves.toMatch(/^45/);
    await expect(page.getByTestId('limits-save').count()).resolves.toBe(0);
    await context.close();

    const admin = await newPage(browser);
    await signIn(admin.page, 'admin@ibb.example');
    await admin.page.getByRole('navigation').getByRole('link', { name: tr.decentWorkUi.nav }).click();
    await admin.page.getByText(tr.decentWorkUi.limitsReadOnly).waitFor();
    await expect(admin.page.getByTestId('limits-save').count()).resolves.toBe(0);
    await admin.context.close();

    const platform = await newPage(browser);
    await signIn(platform.page, 'platform@ibb.example');
    await platform.page.getByRole('navigation').getByRole('link', { name: tr.decentWorkUi.nav }).click();
    await platform.page.getByTestId('limits-save').waitFor();
    await expect(platform.page.getByTestId('limits-save').isDisabled()).resolves.toBe(true);
    await expect(platform.page.getByTestId('limit-protectionWaitingMonths').inputValue()).resolves.toMatch(/^6/);
    expect([...errors, ...admin.errors, ...platform.errors]).toEqual([]);
    await platform.context.close();
  }, 90_000);
});
