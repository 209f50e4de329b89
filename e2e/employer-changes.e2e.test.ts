import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  apiGet,
  apiSignIn,
  arabicForThisPage,
  baseUrl,
  describeE2E,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  tr,
  isolatedInArabic,
} from './helpers.ts';

/**
 * Issue 8, item 14 in the browser: an employer asks from the portal to change its number of workers;
 * the record keeps the verified value and shows the change pending; an employer-relations officer
 * rejects it with a reason, which the employer then reads; asked again from a page in Arabic (issue 14: the
 * form and the pending change read right to left, in Arabic), the officer approves it.
 * İzmir's demo employer (Ege Bereket, verified), so the other portal tests are not disturbed.
 */

const EMPLOYER = 'employer@izmir.example';
const OFFICER = 'employer-relations@izmir.example';
const REASON = 'SGK kaydındaki çalışan sayısıyla uyuşmuyor.';

describeE2E('identity changes from the employer portal go to staff', () => {
  let browser: Browser;
  let employerId = '';
  let workers = 0;

  beforeAll(async () => {
    browser = await launchBrowser();
    const own = await apiGet<{ id: string; workerCount: number }>(await apiSignIn(EMPLOYER), '/portal/employer');
    employerId = own.id;
    workers = own.workerCount;
  });
  afterAll(async () => browser?.close());

  /** From the portal's home page, asks for another number of workers through the form, in the page's language. */
  async function askForWorkers(page: Page, n: number, t: typeof tr = tr) {
    await page.getByTestId('portal-change-record').click();
    const dialog = page.getByRole('dialog', { name: t.employers.changes.requestTitle });
    // The form says which details wait for the employment office and which change at once.
    await dialog.getByText(t.employers.changes.requestText).waitFor();
    await dialog.getByRole('textbox', { name: t.employers.fields.workerCount }).fill(String(n));
    await dialog.getByRole('button', { name: t.common.save, exact: true }).click();
    await page.getByText(t.employers.changes.requestSent).waitFor();
    await page.getByTestId('portal-pending-change').waitFor();
  }

  async function decide(decision: 'approve' | 'reject') {
    const staff = await newPage(browser);
    await signIn(staff.page, OFFICER);
    await staff.page.goto(`${baseUrl}/employers/${employerId}`);
    const card = staff.page.getByTestId('pending-change');
    await card.getByText(tr.employers.changes.title).waitFor();
    await card.getByRole('rowheader', { name: tr.employers.fields.workerCount }).waitFor();
    expect(await seriousViolations(staff.page)).toEqual([]);
    if (decision === 'approve') {
      await staff.page.getByTestId('change-approve').click();
    } else {
      await staff.page.getByTestId('change-reject').click();
      await staff.page.getByTestId('change-reject-reason').fill(REASON);
      await staff.page.getByTestId('change-reject-confirm').click();
    }
    await card.waitFor({ state: 'detached' });
    expect(staff.errors).toEqual([]);
    await staff.context.close();
  }

  it('the employer asks for a change; the record keeps the verified value and shows it pending', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, EMPLOYER);
    await page.waitForURL(/\/portal$/);
    await askForWorkers(page, workers + 7);
    const pending = page.getByTestId('portal-pending-change');
    await pending.getByRole('rowheader', { name: tr.employers.fields.workerCount }).waitFor();
    const own = await apiGet<{ workerCount: number }>(await apiSignIn(EMPLOYER), '/portal/employer');
    expect(own.workerCount).toBe(workers);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('staff reject it with a reason, which the employer reads in the portal', async () => {
    await decide('reject');
    const { context, page, errors } = await newPage(browser);
    await signIn(page, EMPLOYER);
    await page.goto(`${baseUrl}/portal`);
    await page.getByTestId('portal-rejected-change').getByText(REASON, { exact: false }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('asked again from a page in Arabic, the request reads right to left; staff approve it and the record changes', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, EMPLOYER);
    await page.waitForURL(/\/portal$/);
    await arabicForThisPage(page);
    await askForWorkers(page, workers + 7, ar);
    // The pending change in Arabic: the field named in Arabic, the verified value next to the one asked for.
    const pending = page.getByTestId('portal-pending-change');
    await pending.getByText(ar.employers.changes.title).waitFor();
    const row = pending
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: ar.employers.fields.workerCount }) });
    // Figures come isolated in Arabic (format.ts), so that they keep their order beside Latin text.
    const number = new Intl.NumberFormat('ar-u-nu-latn');
    await expect(row.getByRole('cell').allTextContents()).resolves.toEqual([
      isolatedInArabic(number.format(workers)),
      isolatedInArabic(number.format(workers + 7)),
    ]);
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    expect(await seriousViolations(page)).toEqual([]);
    await decide('approve');
    const own = await apiGet<{ workerCount: number; pendingChange: unknown }>(
      await apiSignIn(EMPLOYER),
      '/portal/employer',
    );
    expect(own).toMatchObject({ workerCount: workers + 7, pendingChange: null });
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
