import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { arabicForThisPage, describeE2E, launchBrowser, newPage, signIn, tr } from './helpers.ts';

/**
 * Issue 16, monthly reports in the browser: İBB's manager schedules a report on the exports page, pauses
 * it and deletes it (after confirming), in Turkish and in Arabic (right to left, for this page only: the
 * demo account's saved language stays Turkish for the other specs).
 */
type Texts = typeof tr;

const unique = () => Math.random().toString(36).slice(2, 8);

async function scheduleReport(page: Page, texts: Texts, name: string, refusal: boolean): Promise<void> {
  const R = texts.indicatorsUi.reports;
  const section = page.getByTestId('report-schedules-section');
  await section.getByRole('heading', { name: R.title }).waitFor();
  await section.getByRole('button', { name: R.add }).click();
  const dialog = page.getByRole('dialog', { name: R.add });
  await dialog.getByTestId('report-name').fill(name);
  if (refusal) {
    // A wrong address is refused under the field (the server writes the message in the account's saved
    // language, so only the Turkish run reads it).
    await dialog.getByTestId('report-recipients').fill('analiz@bakanlik.example\nnot-an-address');
    await dialog.getByTestId('report-submit').click();
    await dialog.getByText(texts.errors.validation.format.email).waitFor();
  }
  await dialog
    .getByTestId('report-recipients')
    .fill('Analiz@Bakanlik.example\nanaliz@bakanlik.example\nilo@partner.example');
  await dialog.getByTestId('report-submit').click();
  await dialog.waitFor({ state: 'hidden' });
}

async function pauseAndDelete(page: Page, texts: Texts, name: string): Promise<void> {
  const R = texts.indicatorsUi.reports;
  const row = page.getByTestId('report-schedules').getByRole('row').filter({ hasText: name });
  // The two addresses that differ only in case are one recipient.
  await expect(row.textContent()).resolves.toContain(R.recipientsCount.replace('{{count}}', '2'));
  await row.getByText(R.active, { exact: true }).waitFor();
  await row.getByRole('button', { name: `${R.pause}: ${name}` }).click();
  await row.getByText(R.paused, { exact: true }).waitFor();
  await row.getByRole('button', { name: `${R.delete}: ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: R.deleteTitle });
  await confirm.getByTestId('confirm').click();
  await row.waitFor({ state: 'detached' });
}

describeE2E('monthly reports on the exports page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('in Turkish: a manager schedules a report, pauses it and deletes it', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.getByRole('link', { name: tr.indicatorsUi.exports.nav }).click();
    await page.waitForURL(/\/indicators\/exports$/);
    const name = `Bakanlık aylık ${unique()}`;
    await scheduleReport(page, tr, name, true);
    await pauseAndDelete(page, tr, name);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in Arabic, right to left: the same, with the Turkish name isolated', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await arabicForThisPage(page);
    await page.getByRole('link', { name: ar.indicatorsUi.exports.nav }).click();
    await page.waitForURL(/\/indicators\/exports$/);
    const name = `Şırnak raporu ${unique()}`;
    await scheduleReport(page, ar, name, false);
    const cell = page.getByTestId('report-schedules').locator('bdi', { hasText: name });
    await cell.waitFor();
    await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe('rtl');
    await pauseAndDelete(page, ar, name);
    expect(errors).toEqual([]);
    await context.close();
  });
});
