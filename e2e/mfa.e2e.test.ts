import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { TOTP } from 'otpauth';
import { baseUrl, DEMO_PASSWORD, describeE2E, launchBrowser, newPage, signIn, signOut, tr } from './helpers.ts';

/**
 * Uses the third demo organisation, so that the other browser tests keep their single-factor sign-in.
 * It changes that organisation for good, so it runs only on the throw-away PGlite database.
 */
const describeOnFreshDatabase = process.env.E2E_DATABASE_URL ? describe.skip : describeE2E;

describeOnFreshDatabase('two-step verification', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an organisation requires it; a counsellor enrols at sign-in, then signs in with a recovery code', async () => {
    const admin = await newPage(browser);
    await signIn(admin.page, 'admin@umut.example');
    await admin.page.goto(`${baseUrl}/admin/organisation`);
    await admin.page.getByLabel(tr.admin.organisation.requireMfa).check();
    await admin.page.getByRole('button', { name: tr.common.save }).click();
    await admin.page.getByText(tr.common.saved).waitFor();
    await admin.context.close();

    const { context, page, errors } = await newPage(browser);
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator('input[type="email"]').fill('counsellor@umut.example');
    await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/sign-in\/enrol$/);
    await page.getByTestId('mfa-start').click();
    const secret = (await page.getByTestId('mfa-secret').textContent())!.replace(/\s/g, '');
    expect(await page.locator('img.qr-image').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const code = new TOTP({ secret, digits: 6, period: 30, algorithm: 'SHA1' }).generate();
    await page.getByLabel(tr.mfa.codeLabel).fill(code);
    await page.getByRole('button', { name: tr.mfa.confirm }).click();
    await page.getByTestId('recovery-codes').waitFor();
    const codes = await page.getByTestId('recovery-codes').locator('code').allTextContents();
    expect(codes.length).toBeGreaterThan(5);
    await page.getByTestId('recovery-done').click();
    await page.getByTestId('user-menu').waitFor();
    await signOut(page);

    // Opened from a link while signed out: after both steps the counsellor is on that screen.
    await page.goto(`${baseUrl}/caseload`);
    await page.waitForURL(/\/sign-in$/);
    await page.locator('input[type="email"]').fill('counsellor@umut.example');
    await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.waitForURL(/\/sign-in\/second-factor$/);
    // Rahaf's account is in Arabic, so from here on the screens are too: find the field by its purpose.
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.locator('input[autocomplete="one-time-code"]').fill(codes[0]!);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('user-menu').waitFor();
    expect(new URL(page.url()).pathname).toBe('/caseload');
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('Rahaf Al-Sayed');
    expect(errors).toEqual([]);
    await context.close();
  });
});
