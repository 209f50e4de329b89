import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiGet,
  apiSignIn,
  baseUrl,
  describeE2E,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Issue 8, item 14 in the browser: an employer asks from the portal to change its number of workers;
 * the record keeps the verified value and shows the change pending; an employer-relations officer
 * rejects it with a reason, which the employer then reads; asked again, the officer approves it.
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

  async function askForWorkers(page: Page, n: number) {
    await page.goto(`${baseUrl}/portal`);
    await page.getByTestId('portal-change-record').click();
    const input = page.getByTestId('change-workerCount');
    await input.fill(String(n));
    await page.getByTestId('change-save').click();
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

  it('asked again, staff approve it and the record changes', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, EMPLOYER);
    await askForWorkers(page, workers + 7);
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
