import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, deliveredTo, describeE2E, launchBrowser, newPage, signIn, tr } from './helpers.ts';

describeE2E('inviting a user', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an administrator invites a counsellor, who accepts the link, sets a password and signs in', async () => {
    const stamp = Date.now().toString(36);
    const name = `Deniz Yıldırım ${stamp}`;
    const email = `deniz.${stamp}@ibb.example`;
    const password = 'Bir köprü iki yaka 2026';
    const since = new Date(Date.now() - 2000);

    // The administrator fills the form; a taken e-mail address comes back from the server under its field.
    const admin = await newPage(browser);
    await signIn(admin.page, 'admin@ibb.example');
    await admin.page.goto(`${baseUrl}/admin/users`);
    await admin.page.getByTestId('user-create').click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByLabel(tr.admin.users.fullName).fill(name);
    await dialog.getByLabel(tr.auth.email).fill('counsellor@ibb.example');
    await dialog.getByLabel(tr.admin.users.roles).click();
    await admin.page.getByRole('option', { name: tr.roles.counsellor }).click();
    await dialog.getByText(tr.admin.users.createText).click();
    await admin.page.getByTestId('user-save').click();
    await dialog.getByText(tr.errors.users.emailTaken).waitFor();

    await dialog.getByLabel(tr.auth.email).fill(email);
    await admin.page.getByTestId('user-save').click();
    await dialog.waitFor({ state: 'detached' });
    await admin.page.getByTestId('users-table').getByText(name).waitFor();
    expect(admin.errors).toEqual([]);
    await admin.context.close();

    // The invitation e-mail carries a link with the token in the fragment (read from the test transport).
    const link = await deliveredTo(email, since, /(https?:\/\/\S+\/accept-invitation#token=[\w-]+)/);
    expect(link).toBeDefined();

    const invitee = await newPage(browser);
    await invitee.page.goto(link);
    await invitee.page.getByText(name, { exact: false }).first().waitFor();
    // The token leaves the address bar once read.
    expect(new URL(invitee.page.url()).hash).toBe('');
    const fields = invitee.page.locator('input[autocomplete="new-password"]');
    await fields.nth(0).fill(password);
    await fields.nth(1).fill(password);
    await invitee.page.getByRole('button', { name: tr.invitation.submit }).click();
    await invitee.page.getByText(tr.invitation.done).waitFor();

    await signIn(invitee.page, email, password);
    await expect(invitee.page.getByTestId('user-name').textContent()).resolves.toBe(name);
    expect(invitee.errors).toEqual([]);
    await invitee.context.close();
  });
});
