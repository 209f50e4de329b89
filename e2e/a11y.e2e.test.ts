import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, describeE2E, launchBrowser, newPage, seriousViolations, signIn } from './helpers.ts';

describeE2E('accessibility (axe-core)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the sign-in page has no serious or critical violations', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByTestId('sign-in-submit').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('the app shell home page has no serious or critical violations', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.getByTestId('welcome').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
