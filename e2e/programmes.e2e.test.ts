import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import fs from 'node:fs';
import {
  apiGet,
  apiSignIn,
  baseUrl,
  describeE2E,
  isoInDays,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  tr,
  arabicForThisPage,
} from './helpers.ts';

/**
 * Issue 13 in the browser: İzmir's programme manager records a project, adds an indicator with a
 * target, links the finished Meslek Fabrikası course (three completed) to it with the course form's
 * project picker, and sees the actual against the target on the project page; then the page in Arabic
 * reads right to left, the chart's bars growing from the right.
 */

const run = Math.random().toString(36).slice(2, 6).replace(/\d/g, 'x');
const PAST_COURSE = 'Meslek Fabrikası: Dijital Pazarlama ve E-Ticaret';

async function pick(page: Page, testId: string, typed: string, option: string | RegExp): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

describeE2E('programmes: targets against actuals', () => {
  let browser: Browser;
  let courseId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    const manager = await apiSignIn('manager@izmir.example');
    const list = await apiGet<{ items: { id: string; title: { tr: string } }[] }>(
      manager,
      `/courses?q=${encodeURIComponent('Dijital Pazarlama')}&pageSize=10`,
    );
    courseId = list.items.find((c) => c.title.tr === PAST_COURSE)!.id;
  }, 60_000);
  afterAll(async () => browser?.close());

  it('a manager creates a project with a target, links a course, and sees the actual from its completions', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@izmir.example');
    const name = `Kadın Emeği Projesi ${run}`;

    await page.getByRole('navigation').getByRole('link', { name: tr.programmes.nav }).click();
    await page.getByTestId('new-project').click();
    await page.getByTestId('project-name').fill(name);
    await page.getByTestId('project-start').fill(isoInDays(-365));
    await page.getByTestId('project-end').fill(isoInDays(365));
    await page.getByTestId('project-save').click();
    await page.getByTestId('project-title').getByText(name).waitFor();
    await page.getByText(tr.programmes.noIndicators).waitFor();

    // An output indicator: persons who completed a course, 10 over the project's whole period.
    await page.getByTestId('add-indicator').click();
    await page.getByTestId('indicator-code').fill('1');
    await page.getByTestId('indicator-title').fill('Kursu tamamlayan kadın');
    await page.getByTestId('indicator-target-0').fill('10');
    await page.getByTestId('indicator-save').click();
    const actual = page.getByTestId('actual-1');
    await expect.poll(() => actual.textContent(), { timeout: 10_000 }).toBe('0 / 10');

    // The course form's project picker links the finished course.
    await page.goto(`${baseUrl}/courses/${courseId}/edit`);
    await pick(page, 'course-project', run, new RegExp(name));
    await page.getByTestId('course-save').click();
    await page.getByTestId('course-project-link').getByText(name).waitFor();
    await page.getByTestId('employment-completers').getByText('3').waitFor();

    // Back on the project: three completed against the target of ten, in the chart and the figure.
    await page.getByTestId('course-project-link').click();
    await expect.poll(() => actual.textContent(), { timeout: 10_000 }).toBe('3 / 10');
    await page.getByTestId('project-courses').getByText(PAST_COURSE).waitFor();
    const bar = (await page.getByTestId('bar-actual-1').boundingBox())!;
    const target = (await page.getByTestId('bar-target-1').boundingBox())!;
    expect(bar.width).toBeGreaterThan(0);
    expect(bar.width / target.width).toBeCloseTo(0.3, 1);
    expect(await seriousViolations(page)).toEqual([]);

    // The manager raises the target from the page: 3 against 12 now.
    await page.getByTestId('edit-indicator-1').click();
    await page.getByTestId('indicator-target-0').fill('12');
    await page.getByTestId('indicator-save').click();
    await expect.poll(() => actual.textContent(), { timeout: 10_000 }).toBe('3 / 12');

    // The donor report: print-styled, the figures with their breakdown, the app's navigation not printed.
    await page.getByTestId('donor-report-link').click();
    await page.getByTestId('donor-report-table').waitFor();
    await expect(page.getByTestId('report-actual-1').textContent()).resolves.toMatch(/^3/);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').first().isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
    expect(await seriousViolations(page)).toEqual([]);
    await page.goBack();
    await page.getByTestId('project-title').waitFor();

    // In Arabic (the account keeps Turkish: the browser answers the preference change itself).
    await arabicForThisPage(page);
    await page.getByRole('heading', { name: ar.programmes.results }).waitFor();
    await page.getByText(ar.programmes.measures.completed).first().waitFor();
    // Right to left: the actual bar starts at the right edge of its track (polled: the page lays itself out
    // again after the switch of direction, and a measure taken during it was once 3 px off).
    const edges = async () => {
      const bar = (await page.getByTestId('bar-actual-1').boundingBox())!;
      const track = (await page.getByTestId('bar-target-1').boundingBox())!;
      return { gap: Math.abs(bar.x + bar.width - (track.x + track.width)), inside: bar.x > track.x };
    };
    await expect.poll(async () => (await edges()).gap).toBeLessThan(2);
    expect((await edges()).inside).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
  it('a donor outside Türkiye: the list is refused until the safeguard is recorded on the partner screen, then downloads', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    const manager = await apiSignIn('manager@ibb.example');
    const projects = await apiGet<{ items: { id: string; code: string }[] }>(manager, '/projects?pageSize=20');
    const project = projects.items.find((p) => p.code === 'ILO-IST-KMIE')!;
    const message = tr.errors.programmes.transferAbroadNoSafeguard
      .replace('{{partner}}', 'ILO')
      .replace('{{country}}', 'CH');

    // Before: ILO is in Switzerland and no safeguard is recorded, so the list (a transfer abroad) is refused
    // in the dialog with the rule's message, and nothing is downloaded.
    await page.goto(`${baseUrl}/projects/${project.id}`);
    await page.getByTestId('beneficiaries-open').click();
    await page.getByTestId('beneficiaries-download').click();
    await page.getByRole('dialog').getByText(message).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The safeguard, recorded on the partner screen: a standard contract notified to the Authority.
    await page.goto(`${baseUrl}/partners`);
    await page.getByTestId('partners-table').waitFor();
    await page.getByRole('row', { name: /ILO/ }).getByRole('button', { name: tr.programmes.edit }).click();
    const safeguard = page.getByTestId('transfer-safeguard');
    await safeguard.waitFor();
    await page.getByTestId('safeguard-kind').click();
    await page.getByRole('option', { name: tr.programmes.safeguards['standard-contract'] }).click();
    await safeguard.getByLabel(tr.programmes.partner.safeguardDate).fill('2026-02-10');
    await safeguard.getByLabel(tr.programmes.partner.safeguardReference).fill('KVKK-SS-2026/114');
    await page.getByTestId('partner-save').click();
    await safeguard.waitFor({ state: 'detached' });
    expect(await seriousViolations(page)).toEqual([]);

    // Now the project's list downloads from its page.
    await page.goto(`${baseUrl}/projects/${project.id}`);
    await page.getByTestId('beneficiaries-open').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('beneficiaries-download').click();
    const file = await (await download).path();
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain(tr.programmes.beneficiaries.columns.familyName);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
