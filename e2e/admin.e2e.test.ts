import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { apiPost, arabicForThisPage, baseUrl, describeE2E, launchBrowser, newPage, signIn, tr } from './helpers.ts';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };

describeE2E('administration', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    // Something in the outbox: a sign-in code for a demo job seeker.
    expect((await apiPost('/auth/code', { identifier: '+905321000003' })).status).toBe(202);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an administrator opens Users, Audit log and Outbox from the navigation and sees rows', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'admin@ibb.example');
    const nav = page.getByRole('navigation');

    await nav.getByRole('link', { name: tr.nav.users }).click();
    await page.getByTestId('users-table').waitFor();
    expect(await page.getByTestId('users-table').locator('tbody tr').count()).toBeGreaterThan(5);
    await page.getByText('Zeynep Kaya').first().waitFor();

    await nav.getByRole('link', { name: tr.nav.audit }).click();
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByTestId('audit-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await page.getByText(tr.audit.actions.auth['signed-in']).first().waitFor();

    await nav.getByRole('link', { name: tr.nav.outbox }).click();
    await page.getByTestId('outbox-table').waitFor();
    expect(await page.getByTestId('outbox-table').locator('tbody tr').count()).toBeGreaterThan(0);
    // Found by the recipient typed as people write a number; the template is named in Turkish; the number
    // stays out of the address.
    await page.getByTestId('outbox-search').fill('0532 100 00 03');
    await expect
      .poll(async () => (await page.getByTestId('outbox-table').locator('tbody tr').allTextContents()).join('|'))
      .toMatch(/^([^|]*\+905321000003[^|]*)(\|[^|]*\+905321000003[^|]*)*$/);
    await expect(page.getByTestId('outbox-table').textContent()).resolves.toContain(
      tr.admin.outbox.templates['sign-in-code'],
    );
    expect(page.url()).not.toMatch(/532|100/);
    // A sign-in code is never shown there, not even on a demo instance.
    await page
      .getByRole('button', { name: tr.admin.outbox.openFor.replace('{{recipient}}', '+905321000003') })
      .first()
      .click();
    await page.getByText(tr.admin.outbox.bodySecret).waitFor();
    expect(await page.getByTestId('outbox-body').count()).toBe(0);
    expect(await page.getByRole('dialog').textContent()).not.toMatch(/\b\d{6}\b/);
    // In Arabic (this page only; the account keeps Turkish): the same search, the template named in Arabic.
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await arabicForThisPage(page);
    await expect
      .poll(async () => page.getByTestId('outbox-table').textContent())
      .toContain(ar.admin.outbox.templates['sign-in-code']);
    await expect(page.getByTestId('outbox-search').inputValue()).resolves.toBe('0532 100 00 03');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('warns admins that the confirmed holiday calendar runs out; the platform admin confirms the provisional year; the change is logged for every organisation', async () => {
    const admin = await newPage(browser);
    await signIn(admin.page, 'admin@izmir.example');
    // The demo runs in December 2026: the confirmed religious holidays end on 31 December 2026.
    const warning = admin.page.getByTestId('calendar-warning');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toMatch(/31.+2026/);
    await admin.context.close();

    const platform = await newPage(browser);
    await signIn(platform.page, 'platform@ibb.example');
    await platform.page.goto(`${baseUrl}/admin/holidays`);
    await platform.page.getByTestId('provisional-years').waitFor();
    await platform.page.getByRole('combobox', { name: tr.admin.holidays.year }).click();
    await platform.page.getByRole('option', { name: '2027', exact: true }).click();
    await platform.page.getByTestId('holiday-provisional').first().waitFor();
    await platform.page.getByTestId('confirm-2027').click();
    await platform.page.getByRole('dialog').getByRole('button', { name: '2027' }).click();
    await expect.poll(() => platform.page.getByTestId('holiday-provisional').count(), { timeout: 10_000 }).toBe(0);
    await platform.context.close();

    const other = await newPage(browser);
    await signIn(other.page, 'admin@umut.example');
    await other.page.goto(`${baseUrl}/admin/reference-changes`);
    const log = other.page.getByTestId('reference-changes');
    await log.getByText(tr.admin.changes.actions.confirmed).first().waitFor();
    await log.getByText('Orhan Çakır').first().waitFor();
    await other.page.goto(baseUrl);
    await other.page.getByTestId('welcome').waitFor();
    await expect(other.page.getByTestId('calendar-warning').count()).resolves.toBe(0);
    expect([...admin.errors, ...platform.errors, ...other.errors]).toEqual([]);
    await other.context.close();
  }, 90_000);

  it('the platform administrator sees the job queues, the delivered message counted, and no failed jobs', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'platform@ibb.example');
    await page.getByRole('navigation').getByRole('link', { name: tr.nav.backgroundJobs }).click();
    const queues = page.getByTestId('job-queues');
    await queues.waitFor();
    for (const name of Object.values(tr.admin.jobs.queueNames)) await queues.getByText(name).first().waitFor();
    // The sign-in code queued above was delivered by this server's worker: the queue counts it.
    const completed = queues.locator('[data-queue="outbox-deliver"] [data-count="completed"]');
    for (let tries = 0; Number(await completed.textContent()) === 0 && tries < 30; tries++) {
      await page.reload();
      await completed.waitFor();
    }
    expect(Number(await completed.textContent())).toBeGreaterThan(0);
    await page.getByText(tr.admin.jobs.noDeadLetters).waitFor();
    await page.locator('.mantine-SegmentedControl-root label', { hasText: tr.admin.jobs.kinds.retrying }).click();
    await page.getByText(tr.admin.jobs.noRetrying).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the job screen reads right to left in Arabic, with no serious accessibility violations', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'platform@ibb.example');
    // Other specs sign in as this account: its saved language stays Turkish (the browser answers the
    // preference change itself, with the account as the server has it but in Arabic).
    await page.route('**/api/v1/me/preferences', async (route) => {
      const me = (await (await route.fetch({ method: 'GET', url: `${baseUrl}/api/v1/me` })).json()) as object;
      await route.fulfill({ json: { ...me, locale: 'ar' } });
    });
    await page.getByRole('navigation').getByRole('link', { name: tr.nav.backgroundJobs }).click();
    await page.getByTestId('job-queues').waitFor();
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByRole('heading', { name: ar.admin.jobs.title }).waitFor();
    await page.getByText(ar.admin.jobs.queueNames['outbox-deliver']).first().waitFor();
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
