import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  baseUrl,
  DEMO_PASSWORD,
  describeE2E,
  latestSignInCode,
  launchBrowser,
  newPage,
  signIn,
  signOut,
  tr,
} from './helpers.ts';

describeE2E('signing in and out', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a counsellor signs in with e-mail and password and lands in the app shell with her name', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByTestId('user-name').textContent()).resolves.toBe('Zeynep Kaya');
    await expect(page.getByTestId('welcome').textContent()).resolves.toContain('Zeynep');
    await expect(page.getByTestId('organisation-name').textContent()).resolves.toBe('İstanbul Büyükşehir Belediyesi');
    // A counsellor has no administration screens in the navigation.
    expect(await page.getByRole('link', { name: tr.nav.users }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a wrong password shows the server’s translated message', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl}/sign-in`);
    await page.locator('input[type="email"]').fill('analyst@ibb.example');
    await page.locator('input[type="password"]').fill('not-the-password');
    await page.getByTestId('sign-in-submit').click();
    const problem = page.getByTestId('problem');
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain(tr.errors.auth.invalidCredentials);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('signing out returns to the sign-in page and the app is closed again', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'trainer@ibb.example');
    await signOut(page);
    await page.getByTestId('sign-in-submit').waitFor();
    await page.goto(`${baseUrl}/account`);
    await page.waitForURL(/\/sign-in$/);
    await context.close();
  });

  it('a link opened while signed out leads, after signing in, to that screen and stays there', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${baseUrl}/admin/decent-work`);
    await page.waitForURL(/\/sign-in$/);
    await page.locator('input[type="email"]').fill('platform@ibb.example');
    await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('limits-save').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/decent-work');
    // One navigation only: a late jump home after the shell appears would undo the person's first click.
    await page.getByRole('navigation').getByRole('link', { name: tr.nav.holidays }).click();
    await page.waitForURL(/\/admin\/holidays$/);
    await page.waitForTimeout(500);
    expect(new URL(page.url()).pathname).toBe('/admin/holidays');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a job seeker signs in with a one-time code sent by SMS', async () => {
    const { context, page, errors } = await newPage(browser);
    // Hatice (İzmir): Fatma's codes belong to e2e/seeker-activity, which may run at the same time (the newest
    // code sent to a number is the one read back).
    const phone = '+905321000012';
    const since = new Date(Date.now() - 2000);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByTestId('code-tab').click();
    await page.getByLabel(tr.auth.identifier).fill(phone);
    await page.getByTestId('send-code').click();
    await page.getByText(tr.auth.codeSent).waitFor();

    const code = await latestSignInCode(phone, since);
    await page.getByLabel(tr.auth.code).fill(code);
    await page.getByTestId('verify-code').click();
    await page.getByTestId('portal-name').waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('portal-name').textContent()).resolves.toBe('Hatice Doğan');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a demo instance says so on every page, and shows a demo job seeker’s code on the sign-in page', async () => {
    const { context, page, errors } = await newPage(browser);
    await page.goto(`${baseUrl}/sign-in`);
    await expect(page.getByTestId('demo-banner').textContent()).resolves.toContain(tr.demo.banner);
    await page.getByTestId('code-tab').click();
    await page.getByLabel(tr.auth.identifier).fill('0532 100 00 12');
    await page.getByTestId('send-code').click();
    const shown = (await page.getByTestId('demo-code').textContent()) ?? '';
    const code = /(\d{6})/.exec(shown)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel(tr.auth.code).fill(code!);
    await page.getByTestId('verify-code').click();
    await page.getByTestId('portal-name').waitFor({ timeout: 15_000 });
    // Signed in, the banner is still there; and on the public job board too.
    await page.getByTestId('demo-banner').waitFor();
    await page.goto(`${baseUrl}/jobs`);
    await page.getByTestId('demo-banner').waitFor();
    await page.goto(`${baseUrl}/register`);
    await page.getByTestId('demo-banner').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
