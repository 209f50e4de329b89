import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  apiPostAs,
  apiSignIn,
  baseUrl,
  describeE2E,
  isoInDays,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/** Today in Türkiye, as the server's session dates are. */
function todayInTurkey(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Istanbul',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

describeE2E('courses: a trainer takes attendance on a tablet', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens her course, taps people present and absent with big targets, and uses the keyboard too', async () => {
    // A 10.9-inch tablet held upright, with touch.
    const context = await browser.newContext({
      locale: 'tr-TR',
      viewport: { width: 820, height: 1180 },
      hasTouch: true,
      isMobile: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await signIn(page, 'trainer@ibb.example');

    await page.goto(`${baseUrl}/courses`);
    await page.getByTestId('courses-table').waitFor();
    // Her own course only: the demo's running kitchen course.
    await page.getByRole('link', { name: 'Mutfak Yardımcılığı Kursu' }).tap();
    await page
      .getByTestId('course-title')
      .waitFor()
      .catch(async (err: unknown) => {
        await page.screenshot({ path: '/tmp/courses-e2e.png' });
        throw new Error(`${String(err)}\n${errors.join('\n')}\n${(await page.textContent('body'))?.slice(0, 1500)}`);
      });
    // The latest session offered, up to today: the demo course meets every other day from the day the server
    // seeded it, which is yesterday in Türkiye once the suite crosses midnight there (CI at 21:00 UTC).
    const offered = page.locator('[data-testid^="take-attendance-"]');
    await offered.first().waitFor();
    const dates = await offered.evaluateAll((buttons) =>
      buttons.map((b) => b.getAttribute('data-testid')!.replace('take-attendance-', '')),
    );
    const latest = dates
      .filter((d) => d <= todayInTurkey())
      .sort()
      .at(-1)!;
    await page.getByTestId(`take-attendance-${latest}`).tap();

    const people = page.getByTestId('attendance-person');
    await people.first().waitFor();
    expect(await people.count()).toBe(5);
    for (const state of await people.evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))))
      expect(state).toBe('unset');
    // Touch targets: full width and at least 48 px high.
    const box = (await people.first().boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(48);
    const list = (await page.getByTestId('attendance-list').boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(list.width - 1);
    expect(box.width).toBeGreaterThan(400);
    // Nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(820);

    // One tap: present; another: absent.
    await people.nth(0).tap();
    await expect.poll(() => people.nth(0).getAttribute('data-state'), { timeout: 10_000 }).toBe('present');
    await people.nth(1).tap();
    await expect.poll(() => people.nth(1).getAttribute('data-state'), { timeout: 10_000 }).toBe('present');
    await people.nth(1).tap();
    await expect.poll(() => people.nth(1).getAttribute('data-state'), { timeout: 10_000 }).toBe('absent');
    // The keyboard: focus and Space.
    await people.nth(2).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => people.nth(2).getAttribute('data-state'), { timeout: 10_000 }).toBe('present');
    await expect
      .poll(() => page.getByTestId('attendance-count').textContent(), { timeout: 10_000 })
      .toBe(tr.courses.presentCount.replace('{{present}}', '2').replace('{{total}}', '5'));

    // It was saved: a reload shows the same marks.
    await page.reload();
    await people.first().waitFor();
    expect(await people.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual([
      'present',
      'absent',
      'present',
      'unset',
      'unset',
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a manager adds a course through the form; a session outside its dates is named under the sessions', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.goto(`${baseUrl}/courses/new`);
    await page.getByLabel(tr.courses.form.titleTr).fill('Forklift Operatörlüğü');
    const occupation = page.getByTestId('course-occupation');
    await occupation.fill('kaynak');
    await page.getByRole('option', { name: /7212/ }).click();
    await page.getByLabel(tr.courses.form.startDate).fill('2027-03-01');
    await page.getByLabel(tr.courses.form.endDate).fill('2027-03-31');
    await page.getByRole('button', { name: tr.courses.form.addSession }).click();
    await page.getByLabel(tr.courses.fields.date).fill('2027-04-02');
    await page.getByLabel(tr.courses.fields.place).fill('Bağcılar Atölye');
    await page.getByTestId('course-save').click();
    await page.getByText(tr.errors.courses.sessionOutsideCourse).first().waitFor();
    expect(page.url()).toMatch(/\/courses\/new$/);
    await page.getByLabel(tr.courses.fields.date).fill('2027-03-02');
    await page.getByTestId('course-save').click();
    await page.getByTestId('course-title').waitFor();
    expect(await page.getByTestId('course-title').textContent()).toBe('Forklift Operatörlüğü');
    // Changed through the same form.
    await page.getByTestId('course-edit').click();
    await page.getByLabel(tr.courses.fields.capacity).fill('22');
    await page.getByTestId('course-save').click();
    await page.getByText('0 / 22', { exact: false }).first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the public page confirms an unknown code as unknown', async () => {
    const context = await browser.newContext({ locale: 'tr-TR', viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/verify/ABCD-EFGH-JKMN`);
    const result = page.getByTestId('verify-result');
    await result.waitFor();
    expect(await result.getAttribute('data-status')).toBe('unknown');
    await context.close();
  });
  it('a manager without special-category:read sees counts, not names, on a course of a Roma project', async () => {
    const manager = await apiSignIn('manager@ibb.example');
    const counsellor = await apiSignIn('counsellor@ibb.example');
    const run = Date.now().toString(36);
    const project = await apiPostAs<{ id: string }>(manager, '/projects', {
      nameTr: `Roman Gençler Kısıtlı ${run}`,
      startDate: isoInDays(-30),
      endDate: isoInDays(300),
      targetGroups: ['roma'],
      restrictedGroup: 'roma',
      districts: [],
      partners: [],
    });
    const course = await apiPostAs<{ id: string }>(manager, '/courses', {
      titleTr: `Kısıtlı Kurs ${run}`,
      iscoCode: '5120',
      hours: 60,
      startDate: isoInDays(40),
      endDate: isoInDays(60),
      capacity: 10,
      trainerIds: [],
      targetGroups: [],
      targetGroupsRequired: false,
      certificateType: 'participation',
      completionRule: { minAttendancePercent: 80, assessmentRequired: false },
      sessions: [],
      projectId: project.id,
    });
    // The counsellor (who reads special categories) registers a Roma applicant and applies her.
    const person = await apiPostAs<{ id: string }>(counsellor, '/persons', {
      givenName: 'Gizli',
      familyName: `Başvuran ${run}`,
      birthDate: '1999-03-03',
      sex: 'female',
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      targetGroups: [{ group: 'roma', details: {} }],
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      consents: [{ purpose: 'roma-self-identification', textVersion: '2026-01', channel: 'in-person' }],
      confirmNotDuplicate: true,
    });
    await apiPostAs(counsellor, `/courses/${course.id}/applications`, { personId: person.id });

    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.goto(`${baseUrl}/courses/${course.id}`);
    const restricted = page.getByTestId('applicants-restricted');
    await restricted.waitFor();
    await restricted.getByText(tr.courses.restrictedList).waitFor();
    await restricted.getByText(`${tr.courses.applicationStatuses.applied}: 1`).waitFor();
    expect(await page.textContent('body')).not.toContain(`Başvuran ${run}`);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
