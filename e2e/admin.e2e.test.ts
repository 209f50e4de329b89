import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  apiPost,
  apiPostAs,
  apiSignIn,
  arabicForThisPage,
  baseUrl,
  deliveredTo,
  describeE2E,
  isoInDays,
  launchBrowser,
  newPage,
  signIn,
  tr,
  seriousViolations,
} from './helpers.ts';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

/**
 * A person registered by Esenyurt's counsellor (İBB) speaking `language`, with an appointment some weeks
 * ahead at `time` (a day the office is closed answers 422: the next one is tried). The invitation goes out
 * at once by SMS, in the person's language; the two reminders wait in the outbox. Answers the phone.
 */
async function personWithAppointment(
  cookie: string,
  language: 'tr' | 'ar',
  time: string,
): Promise<{ phone: string; appointmentId: string }> {
  const phone = `0543${digits(7)}`;
  const person = await apiPostAs<{ id: string }>(cookie, '/persons', {
    givenName: language === 'ar' ? 'Rana' : 'Sevim',
    familyName: `Gidenkutu ${digits(6).replace(/\d/g, (d) => 'abcçdefgğh'[Number(d)]!)}`,
    birthDate: '1991-03-12',
    sex: 'female',
    nationality: 'TR',
    languages: [{ code: language, level: 'native' }],
    phone,
    province: 'İstanbul',
    district: 'Esenyurt',
    notice: { version: '2026-01', locale: language, channel: 'in-person' },
    confirmNotDuplicate: true,
  });
  for (let days = 30; days < 45; days++) {
    const response = await fetch(`${baseUrl}/api/v1/persons/${person.id}/appointments`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ startsAt: `${isoInDays(days)}T${time}:00+03:00`, durationMinutes: 20 }),
    });
    if (response.status === 201)
      return { phone, appointmentId: ((await response.json()) as { appointment: { id: string } }).appointment.id };
  }
  throw new Error('no working day for the appointment');
}

describeE2E('administration', () => {
  let browser: Browser;
  /** Phones of a Turkish-speaking and an Arabic-speaking person, whose appointment messages are in the outbox. */
  const phones = { tr: '', ar: '' };
  beforeAll(async () => {
    browser = await launchBrowser();
    // Something in the outbox: a sign-in code for a demo job seeker.
    expect((await apiPost('/auth/code', { identifier: '+905321000003' })).status).toBe(202);
    // Messages in both directions, and two that failed: the Arabic speaker's appointment is cancelled once
    // its invitation has gone out, which cancels the reminders still waiting.
    const counsellor = await apiSignIn('counsellor2@ibb.example');
    const since = new Date();
    const turkish = await personWithAppointment(counsellor, 'tr', '16:40');
    const arabic = await personWithAppointment(counsellor, 'ar', '17:30');
    phones.tr = turkish.phone;
    phones.ar = arabic.phone;
    await deliveredTo(`+9${arabic.phone}`, since, /([\s\S]+)/);
    await apiPostAs(counsellor, `/appointments/${arabic.appointmentId}/cancel`, { reason: 'person-request' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /**
   * The outbox in the page's language: a message's text is shown in its own direction (the Arabic speaker's
   * right to left, the Turkish speaker's left to right), and a message that failed says why, in words.
   */
  async function outboxMessagesRead(page: Page, t: typeof tr) {
    const rows = page.getByTestId('outbox-table').locator('tbody tr');
    const row = (template: keyof typeof tr.admin.outbox.templates) =>
      rows.filter({ hasText: t.admin.outbox.templates[template] });
    const open = async (template: keyof typeof tr.admin.outbox.templates) => {
      await row(template).first().getByRole('button', { name: t.admin.outbox.open }).click();
      const body = page.getByRole('dialog').getByTestId('outbox-body');
      await body.waitFor();
      return body;
    };
    const direction = (locator: ReturnType<Page['locator']>) =>
      locator.evaluate((el) => getComputedStyle(el).direction);
    // The messages to one recipient, and only those (the list keeps the last rows until the search answers).
    const search = async (phone: string, messages: number) => {
      await page.getByTestId('outbox-search').fill(phone);
      await expect
        .poll(async () => (await rows.allTextContents()).map((r) => r.includes(`+9${phone}`)))
        .toEqual(Array<boolean>(messages).fill(true));
    };
    const close = async () => {
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    };

    // The Arabic speaker's invitation, two cancelled reminders and the cancellation.
    await search(phones.ar, 4);
    expect(await row('appointment-reminder').count()).toBe(2);
    for (const reason of await row('appointment-reminder').getByTestId('outbox-failure-reason').allTextContents())
      expect(reason).toBe(t.admin.outbox.failures.cancelled);
    await expect(row('appointment-reminder').first().textContent()).resolves.toContain(t.admin.outbox.statuses.failed);
    // Opened, the cancelled reminder: the reason again, and the Arabic text right to left.
    const reminder = await open('appointment-reminder');
    await expect(page.getByTestId('outbox-detail-failure').textContent()).resolves.toBe(
      t.admin.outbox.failures.cancelled,
    );
    await expect(reminder.textContent()).resolves.toMatch(/[\u0600-\u06FF]/);
    await expect(direction(reminder)).resolves.toBe('rtl');
    await close();
    const invitation = await open('appointment-invitation');
    await expect(direction(invitation)).resolves.toBe('rtl');
    expect(await page.getByTestId('outbox-detail-failure').count()).toBe(0);
    await close();

    // The Turkish speaker's invitation and two reminders.
    await search(phones.tr, 3);
    const turkish = await open('appointment-invitation');
    await expect(turkish.textContent()).resolves.not.toMatch(/[\u0600-\u06FF]/);
    await expect(direction(turkish)).resolves.toBe('ltr');
    await close();
  }

  it('an administrator opens Users, Audit log and Outbox from the navigation and sees rows', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'admin@ibb.example');
    const nav = page.getByRole('navigation');

    await nav.getByRole('link', { name: tr.nav.users }).click();
    await page.getByTestId('users-table').waitFor();
    expect(await page.getByTestId('users-table').locator('tbody tr').count()).toBeGreaterThan(5);
    // Found by searching: the sweeps and other files add staff while this runs, so the first page may not hold her.
    await page.getByPlaceholder(tr.admin.users.searchPlaceholder).fill('Zeynep');
    await page.getByTestId('users-table').getByText('Zeynep Kaya').first().waitFor();

    await nav.getByRole('link', { name: tr.nav.audit }).click();
    await page.getByTestId('audit-table').waitFor();
    expect(await page.getByTestId('audit-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await page.getByText(tr.audit.actions.auth['signed-in']).first().waitFor();

    await nav.getByRole('link', { name: tr.nav.outbox }).click();
    await page.getByTestId('outbox-table').waitFor();
    expect(await page.getByTestId('outbox-table').locator('tbody tr').count()).toBeGreaterThan(0);
    await outboxMessagesRead(page, tr);
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
    await outboxMessagesRead(page, ar);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

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
    await page.getByRole('navigation').getByRole('link', { name: tr.nav.backgroundJobs }).click();
    await page.getByTestId('job-queues').waitFor();
    await arabicForThisPage(page);
    await page.getByRole('heading', { name: ar.admin.jobs.title }).waitFor();
    await page.getByText(ar.admin.jobs.queueNames['outbox-deliver']).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
