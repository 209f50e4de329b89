import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { baseUrl, describeE2E, latestSignInCode, launchBrowser, newPage, signIn, tr } from './helpers.ts';

/**
 * Issue 12 in the browser: the data-protection officer registers an access request received at the
 * counter, records how the applicant's identity was verified, finds the person, prepares the export for
 * the person's profile (seeing only its list of contents) and answers; the job seeker signs in, reads the
 * answer and downloads the file once. Umut Köprüsü's DPO and its demo job seeker, Emine Yavuz.
 */

const dp = tr.dataProtection;

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option }).click();
}

describeE2E('the data-protection desk', () => {
  let browser: Browser;
  const answer = `Verileriniz profilinizden indirilebilir (${Math.random().toString(36).slice(2, 7)}).`;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('the DPO answers an access request and prepares the export; the person downloads it', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'dpo@umut.example');
    await page.getByRole('link', { name: dp.desk.nav }).click();
    await page.waitForURL(/\/data-protection$/);
    await page.getByRole('button', { name: dp.desk.new }).click();
    await page.getByRole('dialog').getByRole('button', { name: dp.desk.register }).click();
    await page.waitForURL(/\/data-protection\/requests\//);

    await choose(page, dp.request.identityMethod, dp.identityMethods['id-document-at-counter']);
    await page.getByRole('button', { name: dp.request.recordIdentity }).click();
    await expect(page.getByTestId('dp-identity').textContent()).resolves.toContain('Tuncay Işık');

    await page.getByLabel(dp.request.lookUp).fill('Emine Yavuz');
    await page.getByRole('button', { name: tr.common.search }).click();
    await page.getByTestId('dp-person-results').getByRole('button', { name: dp.request.choose }).first().click();
    await page.getByTestId('dp-person').waitFor();
    await expect(page.getByTestId('dp-person').textContent()).resolves.toContain('Emine Yavuz');

    await page.getByRole('button', { name: dp.request.makeExport }).click();
    const card = page.getByTestId('dp-export');
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain(dp.sections.person);
    await expect(card.textContent()).resolves.toContain(dp.sections.disclosureLog);
    // The DPO sees what the export contains, not its contents: no phone number on the page.
    await expect(page.locator('main').textContent()).resolves.not.toContain('532 100 00 22');

    const axe = await new AxeBuilder({ page }).include('main').analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await page.getByRole('textbox', { name: dp.request.answer, exact: true }).fill(answer);
    await page.getByRole('button', { name: dp.request.sendAnswer }).click();
    await page.getByTestId('dp-answer').waitFor();
    await expect(page.getByTestId('dp-status').textContent()).resolves.toBe(dp.statuses.answered);
    expect(errors).toEqual([]);
    await context.close();

    // The person signs in with a code, reads the answer and downloads the workbook once.
    const seeker = await newPage(browser);
    const phone = '+905321000022';
    const since = new Date(Date.now() - 2000);
    await seeker.page.goto(`${baseUrl}/sign-in`);
    await seeker.page.getByTestId('code-tab').click();
    await seeker.page.getByLabel(tr.auth.identifier).fill(phone);
    await seeker.page.getByTestId('send-code').click();
    await seeker.page.getByText(tr.auth.codeSent).waitFor();
    await seeker.page.getByLabel(tr.auth.code).fill(await latestSignInCode(phone, since));
    await seeker.page.getByTestId('verify-code').click();
    await seeker.page.getByRole('heading', { name: dp.me.recipients }).waitFor({ timeout: 15_000 });
    await seeker.page.getByText(answer).waitFor();
    const link = seeker.page.getByTestId('my-exports').getByRole('link', { name: 'XLSX' });
    const [download] = await Promise.all([seeker.page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const bytes = await download.createReadStream().then(async (stream) => {
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    });
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await seeker.page.getByTestId('my-exports').getByText('XLSX').last().waitFor();
    expect(seeker.errors).toEqual([]);
    await seeker.context.close();
  }, 120_000);

  it('the DPO records a breach against its 72-hour deadline and reviews who may read special categories', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'dpo@umut.example');
    await page.getByRole('link', { name: dp.breaches.nav }).click();
    await page.waitForURL(/\/data-protection\/breaches$/);
    await page.getByRole('button', { name: dp.breaches.new }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(new RegExp(`^${dp.breaches.title}`)).fill('Yanlış alıcıya giden liste');
    await dialog.getByLabel(dp.breaches.whatHappened).fill('Bir aday listesi yanlış işverene e-postayla gönderildi.');
    await dialog.getByRole('combobox', { name: dp.breaches.categories }).click({ force: true });
    await page.getByRole('option', { name: dp.breachCategories.contact }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: tr.common.save }).click();
    await page.getByRole('button', { name: 'Yanlış alıcıya giden liste' }).waitFor();
    await expect(page.getByTestId('breach-deadline').first().textContent()).resolves.toMatch(/7[12]/);
    const breaches = await new AxeBuilder({ page }).include('main').analyze();
    expect(breaches.violations.map((v) => v.id)).toEqual([]);

    await page.getByRole('link', { name: dp.review.nav }).click();
    await page.getByTestId('access-holders').waitFor();
    await expect(page.getByTestId('access-holders').textContent()).resolves.toContain('Rahaf Al-Sayed');
    const review = await new AxeBuilder({ page }).include('main').analyze();
    expect(review.violations.map((v) => v.id)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
