import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { arabicForThisPage, describeE2E, launchBrowser, newPage, signIn, tr } from './helpers.ts';

/**
 * Issue 16's project and counsellor dashboards in the browser: a manager reads the projects' targets
 * against actuals (Turkish) and the fairness flags on the manager's dashboard; a counsellor reads their
 * caseload's outcomes in Arabic, right to left, and opens the table behind the chart.
 */
describeE2E('the project and counsellor dashboards', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('in Turkish: a manager opens the project dashboard, shows all projects and a project’s table', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.getByRole('link', { name: tr.indicatorsUi.nav, exact: true }).click();
    await page.waitForURL(/\/indicators$/);
    // The matching module's fairness flags for the same months, with a way to the monitor.
    const fairness = page.getByTestId('fairness-card');
    await fairness.getByRole('heading', { name: tr.indicatorsUi.fairnessTitle }).waitFor();
    await fairness.getByTestId(/^fairness-flags(-none)?$/).waitFor();

    await page.getByRole('link', { name: tr.indicatorsUi.projects.nav }).click();
    await page.waitForURL(/\/indicators\/projects$/);
    await page.getByRole('heading', { level: 1, name: tr.indicatorsUi.projects.title }).waitFor();
    await expect(page.locator('nav [aria-current="page"]').allTextContents()).resolves.toEqual([
      tr.indicatorsUi.projects.nav,
    ]);
    // All statuses by default: the demo's projects, each with its reach and placements.
    const cards = page.getByTestId('project-card');
    await cards.first().waitFor();
    expect(await cards.count()).toBeGreaterThan(0);
    // The first card with a table behind its bars, held by position: once shown, its button says "hide".
    const shown = await cards.count();
    let index = 0;
    while (
      index < shown - 1 &&
      (await cards.nth(index).getByRole('button', { name: tr.indicatorsUi.showTable }).count()) === 0
    )
      index++;
    const withTable = cards.nth(index);
    await withTable.getByRole('button', { name: tr.indicatorsUi.showTable }).click();
    const table = withTable.getByTestId('project-table');
    await expect(table.getByRole('columnheader').allTextContents()).resolves.toEqual([
      tr.indicatorsUi.projects.indicator,
      tr.indicatorsUi.projects.period,
      tr.indicatorsUi.projects.target,
      tr.indicatorsUi.projects.actual,
      tr.indicatorsUi.projects.progress,
    ]);
    await expect(table.textContent()).resolves.toContain(tr.indicators.total);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in Arabic, right to left: a counsellor reads their caseload’s outcomes and the table behind the chart', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await arabicForThisPage(page);
    await page.getByRole('link', { name: ar.indicatorsUi.caseload.nav }).click();
    await page.waitForURL(/\/indicators\/caseload$/);
    await page.getByRole('heading', { level: 1, name: ar.indicatorsUi.caseload.title }).waitFor();
    await page.getByTestId('caseload-persons').waitFor();
    await expect(page.getByTestId('caseload-persons').textContent()).resolves.toMatch(/\S/);
    await expect(page.getByTestId('caseload-retention').locator('tbody tr').count()).resolves.toBe(3);
    await page.getByRole('button', { name: ar.indicatorsUi.showTable }).click();
    // Twelve months, the default range.
    await expect(page.getByTestId('caseload-months').locator('tbody tr').count()).resolves.toBe(12);
    expect(errors).toEqual([]);
    await context.close();
  });
});
