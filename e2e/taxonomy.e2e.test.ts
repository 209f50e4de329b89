import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import {
  arabicForThisPage,
  baseUrl,
  describeE2E,
  holdRequests,
  launchBrowser,
  newPage,
  signIn,
  tr,
} from './helpers.ts';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };

async function noSeriousViolations(page: Page) {
  // Not hovering anything (a hovered navigation link has other colours), and no toast on screen: a
  // Mantine notification's close button has no accessible name (shared notifySuccess, reported).
  await page.mouse.move(0, 0);
  await page.locator('.mantine-Notification-root').first().waitFor({ state: 'detached', timeout: 15_000 });
  // Nor a dialog fading out (its overlay darkens everything beneath).
  await page.locator('.mantine-Modal-overlay').first().waitFor({ state: 'detached', timeout: 15_000 });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map(
      (v) =>
        `${v.id}: ${v.nodes[0]?.failureSummary ?? ''} ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    ),
  ).toEqual([]);
}

describeE2E('occupations and skills (admin)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the platform administrator finds cooks by "asci", adds an alias and removes it after confirming', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'platform@ibb.example');
    await page.getByRole('navigation').getByRole('link', { name: tr.taxonomy.nav }).click();
    await page.getByRole('heading', { name: tr.taxonomy.title }).waitFor();
    await page.getByTestId('esco-attribution').waitFor();
    await page.getByRole('textbox', { name: tr.taxonomy.searchLabel }).fill('asci');
    const hits = page.getByTestId('taxonomy-hits');
    await hits.waitFor();
    await expect(hits.locator('tbody tr').first().textContent()).resolves.toContain('5120');
    await noSeriousViolations(page);
    await hits.locator('tbody tr').first().getByRole('button').click();

    await page.getByTestId('taxonomy-labels').waitFor();
    const form = page.getByTestId('add-alias');
    await form.getByRole('textbox', { name: tr.taxonomy.alias }).fill('Köfteci ustası e2e');
    await form.getByRole('button', { name: tr.taxonomy.add }).click();
    const row = page.getByTestId('taxonomy-labels').getByRole('row', { name: /Köfteci ustası e2e/ });
    await row.waitFor();
    await row.getByRole('button', { name: tr.taxonomy.removeAlias.replace('{{label}}', 'Köfteci ustası e2e') }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(tr.taxonomy.removeTitle).waitFor();
    // While the removal is on its way, its own button is busy and the add form is not.
    const release = await holdRequests(page, /\/taxonomy\/isco\/[^/]+\/labels\//, 'DELETE');
    await dialog.getByRole('button', { name: tr.common.delete }).click();
    await expect
      .poll(() => dialog.getByRole('button', { name: tr.common.delete }).getAttribute('data-loading'))
      .toBe('true');
    expect(await form.getByRole('button', { name: tr.taxonomy.add }).getAttribute('data-loading')).toBeNull();
    await release();
    await expect.poll(() => row.count(), { timeout: 10_000 }).toBe(0);
    await noSeriousViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('reads right to left in Arabic: the ISCO tree and the review list, with no serious accessibility violations', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'platform@ibb.example');
    await page.goto(`${baseUrl}/admin/taxonomy`);
    await page.getByRole('heading', { name: tr.taxonomy.title }).waitFor();
    await arabicForThisPage(page);
    await page.getByRole('heading', { name: ar.taxonomy.title }).waitFor();
    await page.getByText(ar.taxonomy.escoAttribution).waitFor();

    await page.getByRole('tab', { name: ar.taxonomy.tabs.browse }).click();
    const tree = page.getByTestId('taxonomy-tree');
    await tree.waitFor();
    expect(await tree.locator('li').count()).toBe(10);
    await tree.getByRole('button').nth(5).click();
    await page.getByTestId('taxonomy-group').waitFor();
    await noSeriousViolations(page);

    await page.getByRole('tab', { name: ar.taxonomy.tabs.review }).click();
    const reviews = page.getByTestId('taxonomy-reviews');
    await reviews.waitFor();
    const first = reviews.locator('tbody tr').first();
    const key = (await first.locator('td').first().textContent()) ?? '';
    await first.getByRole('button').click();
    await expect
      .poll(async () => (await reviews.locator('tbody tr').first().locator('td').first().textContent()) !== key, {
        timeout: 10_000,
      })
      .toBe(true);
    await noSeriousViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
