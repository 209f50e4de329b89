import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiPost, describeE2E, launchBrowser, newPage, signIn, tr } from './helpers.ts';

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
    // A sign-in code is never shown there, not even on a demo instance.
    await page
      .getByRole('button', { name: tr.admin.outbox.openFor.replace('{{recipient}}', '+905321000003') })
      .first()
      .click();
    await page.getByText(tr.admin.outbox.bodySecret).waitFor();
    expect(await page.getByTestId('outbox-body').count()).toBe(0);
    expect(await page.getByRole('dialog').textContent()).not.toMatch(/\b\d{6}\b/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
