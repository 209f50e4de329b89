import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { describeE2E, launchBrowser, newPage, signIn, signOut } from './helpers.ts';

/**
 * Runs alone against a PostgreSQL server in CI (E2E_DATABASE_URL, the app role; E2E_DATABASE_OWNER_URL
 * migrates at start-up): sign in, see the shell, sign out.
 */
describeE2E('smoke', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('signs in and out', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('Zeynep Kaya');
    await signOut(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
