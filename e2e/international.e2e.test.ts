import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { baseUrl, describeE2E, launchBrowser, newPage, seriousViolations, signIn, tr } from './helpers.ts';

/**
 * Issue 17 in the browser: İBB's international-relations officer (the manager) records a protocol with
 * İŞKUR and a follow-up action, opens İŞKUR from the agreement and finds the protocol and the action on
 * İŞKUR's timeline, among its WAPES and CPESSEC memberships; then the timeline in Arabic, right to left.
 */

const run = Math.random().toString(36).slice(2, 6).replace(/\d/g, 'x');
const isoInDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function pick(page: Page, testId: string, typed: string, option: string | RegExp): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

describeE2E('international cooperation: a protocol on the partner’s timeline', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('an officer records a protocol with a follow-up action and sees both on İŞKUR’s timeline', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    const title = `İŞKUR – İBB gençlik istihdamı protokolü ${run}`;
    const action = `Ortak eylem planını hazırlamak ${run}`;

    await page.getByRole('navigation').getByRole('link', { name: tr.international.nav }).click();
    await page.getByRole('heading', { name: tr.international.title }).waitFor();
    await page.getByTestId('new-agreement').click();
    await page.getByTestId('agreement-title').fill(title);
    await page.getByTestId('agreement-signed').fill(isoInDays(-1));
    await pick(page, 'agreement-parties', 'İŞKUR', /İŞKUR/);
    await page.keyboard.press('Escape');
    await page.getByTestId('action-title').fill(action);
    await pick(page, 'action-owner', 'Mehmet', 'Mehmet Demir');
    await page.getByTestId('action-deadline').fill(isoInDays(30));
    await page.getByTestId('agreement-save').click();
    await page.getByTestId('agreement-heading').getByText(title).waitFor();
    await page.getByTestId('follow-ups').getByText(action).waitFor();

    // The party's link opens İŞKUR's timeline: memberships from 2002 on, the protocol and its action last.
    await page.getByTestId('agreement-party').filter({ hasText: 'İŞKUR' }).click();
    await page.getByTestId('partner-heading').getByText('Türkiye İş Kurumu (İŞKUR)').waitFor();
    const timeline = page.getByTestId('partner-timeline');
    await timeline.getByText(title).waitFor();
    await timeline.getByText(action).waitFor();
    await timeline.getByText(tr.international.roles.president).first().waitFor();
    const items = await timeline.locator('[data-testid^="timeline-"]').allTextContents();
    expect(items.findIndex((text) => text.includes(title))).toBeLessThan(
      items.findIndex((text) => text.includes(action)),
    );
    expect(items.findIndex((text) => text.includes('OECD LEED'))).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // In Arabic (the account keeps Turkish: the browser answers the preference change itself).
    await page.route('**/api/v1/me/preferences', async (route) => {
      const me = (await (await route.fetch({ method: 'GET', url: `${baseUrl}/api/v1/me` })).json()) as object;
      await route.fulfill({ json: { ...me, locale: 'ar' } });
    });
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { name: ar.international.timeline }).waitFor();
    await timeline.getByText(ar.international.roles.president).first().waitFor();
    await timeline.getByText(action).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
