import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Download, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { describeE2E, launchBrowser, newPage, OWN_USER_PASSWORD, ownStaffUser, signIn, tr } from './helpers.ts';

/**
 * Issue 16 in the browser: the manager's dashboard in Turkish (İBB's manager) and in Arabic (İBB's
 * analyst, who sees the suppressed release): change the breakdown, read the chart's table, download
 * the XLSX and open it.
 */

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).first().click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function workbookOf(download: Download): Promise<ExcelJS.Workbook> {
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
  return wb;
}

describeE2E('the indicators dashboard', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('in Turkish: a manager changes the breakdown and downloads the XLSX', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.getByRole('link', { name: tr.indicatorsUi.nav }).click();
    await page.waitForURL(/\/indicators$/);
    await page.getByTestId('funnel-persons-registered').filter({ hasNotText: '…' }).waitFor();
    await page.getByTestId('comparison').waitFor();

    await choose(page, tr.indicatorsUi.breakdown, tr.indicators.breakdowns.sex);
    const comparison = page.getByTestId('comparison');
    await comparison.getByText(tr.persons.sexes.female).first().waitFor();
    await comparison.getByRole('button', { name: tr.indicatorsUi.showTable }).click();
    const table = comparison.getByTestId('released-table');
    await expect(table.getByRole('columnheader').first().textContent()).resolves.toBe(tr.indicators.breakdowns.sex);
    await expect(table.textContent()).resolves.toContain(tr.indicators.total);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^kopru-indicators-.*\.xlsx$/);
    const wb = await workbookOf(download);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain('persons-registered');
    expect(names.slice(-2)).toEqual([tr.indicators.export.definitionsSheet, tr.indicators.export.ruleSheet]);
    // Rows by the breakdown chosen on the page.
    expect(wb.getWorksheet('persons-registered')!.getRow(1).getCell(1).text).toContain(tr.indicators.breakdowns.sex);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('in Arabic, right to left: an analyst sees the suppressed release and downloads it', async () => {
    // An analyst of the spec's own whose saved language is Arabic: the server writes the workbook in it.
    const analyst = await ownStaffUser({
      email: `indicators-ar-${Math.random().toString(36).slice(2, 8)}@ibb.example`,
      fullName: 'Gösterge Arapça',
      roleKey: 'analyst',
      locale: 'ar',
    });
    const { context, page, errors } = await newPage(browser);
    await signIn(page, analyst, OWN_USER_PASSWORD);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('link', { name: ar.indicatorsUi.nav }).click();
    await page.waitForURL(/\/indicators$/);
    await page.getByText(ar.indicatorsUi.suppressedLegend.split(':')[0]!).first().waitFor();

    await choose(page, ar.indicatorsUi.breakdown, ar.indicators.breakdowns.ageBand);
    const comparison = page.getByTestId('comparison');
    await comparison.getByRole('button', { name: ar.indicatorsUi.showTable }).click();
    // The table follows the new breakdown once its figures arrive.
    await expect
      .poll(() => comparison.getByTestId('released-table').getByRole('columnheader').first().textContent())
      .toBe(ar.indicators.breakdowns.ageBand);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()]);
    const wb = await workbookOf(download);
    expect(wb.worksheets.map((w) => w.name).slice(-2)).toEqual([
      ar.indicators.export.definitionsSheet,
      ar.indicators.export.ruleSheet,
    ]);
    const sheet = wb.getWorksheet('persons-registered')!;
    expect(sheet.views[0]?.rightToLeft).toBe(true);
    expect(sheet.getRow(1).getCell(1).text).toContain(ar.indicators.breakdowns.ageBand);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('labour market: a manager sees demand against supply and goes down to unit groups; only its own menu item is current', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.getByRole('link', { name: tr.indicatorsUi.labour.nav }).click();
    await page.waitForURL(/\/indicators\/labour-market$/);
    await page.getByRole('heading', { level: 1, name: tr.indicatorsUi.labour.title }).waitFor();
    await expect(page.locator('nav [aria-current="page"]').allTextContents()).resolves.toEqual([
      tr.indicatorsUi.labour.nav,
    ]);
    const occupations = page.getByTestId('lm-occupations');
    await occupations.locator('tbody tr').first().waitFor();
    const majorRows = await occupations
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));
    expect(majorRows.every((id) => /^lm-occupation-(\d|unknown)$/.test(id ?? ''))).toBe(true);

    await page.getByTestId('lm-level').getByText(tr.indicatorsUi.labour.levels['4']).click();
    await expect
      .poll(() =>
        occupations
          .locator('tbody tr')
          .evaluateAll((rows) =>
            rows.map((r) => r.getAttribute('data-testid')).filter((id) => id !== 'lm-occupation-unknown'),
          ),
      )
      .toSatisfy(
        (ids: (string | null)[]) => ids.length > 0 && ids.every((id) => /^lm-occupation-\d{4}$/.test(id ?? '')),
      );
    await page.getByTestId('lm-totals').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
