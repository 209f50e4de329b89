import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { baseUrl, describeE2E, launchBrowser, newPage, signIn } from './helpers.ts';

/** Serious and critical axe violations, with the elements they concern. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

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
