import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import en from '../src/common/i18n/en.json' with { type: 'json' };
import { baseUrl, describeE2E, launchBrowser, newPage, OWN_USER_PASSWORD, ownStaffUser, signIn } from './helpers.ts';

/** Signed out, or signed in as the spec's own user: nothing shared is saved. */
async function choose(page: Page, name: string) {
  // eslint-disable-next-line no-restricted-syntax -- signed out or the spec's own account
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
    // A counsellor of the spec's own: the choice is saved to the account, which no other spec shares.
    const email = await ownStaffUser({
      email: `language-${Math.random().toString(36).slice(2, 8)}@ibb.example`,
      fullName: 'Dil Seçen',
      roleKey: 'counsellor',
      office: 'Fatih',
      locale: 'tr',
    });
    const { context, page, errors } = await newPage(browser);
    await signIn(page, email, OWN_USER_PASSWORD);
    await choose(page, 'العربية');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect(direction(page)).resolves.toEqual(['rtl', 'ar']);
    await page.getByRole('link', { name: ar.nav.home }).first().waitFor();
    await expect(page.getByRole('navigation').textContent()).resolves.toContain(ar.nav.account);

    await page.reload();
    await page.getByTestId('user-menu').waitFor();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect(page.getByTestId('welcome').textContent()).resolves.toMatch(/[\u0600-\u06FF]/);

    // Saved: a new session of the same account opens in Arabic.
    const second = await newPage(browser);
    await signIn(second.page, email, OWN_USER_PASSWORD);
    await second.page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await second.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });
});
