import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import en from '../src/common/i18n/en.json' with { type: 'json' };
import { baseUrl, describeE2E, launchBrowser, newPage, signIn } from './helpers.ts';

async function choose(page: Page, name: string) {
  await page.getByTestId('language-switch').click();
  await page.getByRole('menuitem', { name }).click();
}

const direction = (page: Page) => page.evaluate(() => [document.documentElement.dir, document.documentElement.lang]);

describeE2E('language', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the sign-in page switches language before sign-in and remembers it after a reload', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl}/sign-in`);
    await choose(page, 'English');
    await page.getByRole('heading', { name: en.auth.signInTitle }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: en.auth.signInTitle }).waitFor();
    await expect(direction(page)).resolves.toEqual(['ltr', 'en']);
    await context.close();
  });

  it('Arabic turns the signed-in app right-to-left, is saved to the account and stays after a reload', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor2@ibb.example');
    await choose(page, 'العربية');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect(direction(page)).resolves.toEqual(['rtl', 'ar']);
    await page.getByRole('link', { name: ar.nav.home }).first().waitFor();
    await expect(page.getByRole('navigation').textContent()).resolves.toContain(ar.nav.account);

    await page.reload();
    await page.getByTestId('user-menu').waitFor();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect(page.getByTestId('welcome').textContent()).resolves.toMatch(/[\u0600-\u06FF]/);

    // Back to Turkish, so that the account is as the demo data set has it.
    await choose(page, 'Türkçe');
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');
    expect(errors).toEqual([]);
    await context.close();
  });
});
