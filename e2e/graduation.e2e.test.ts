import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  apiPostAs,
  apiSignIn,
  arabicForThisPage,
  baseUrl,
  describeE2E,
  launchBrowser,
  newPage,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Issue 11 in the browser, from hire to graduation: a person in a household on SYDV aid was hired four
 * months ago (the job recorded by her counsellor through the API: the server's clock cannot be moved
 * here); the counsellor verifies the job with the SGK service record, records the 3-month follow-up and
 * evaluates the household, which shows "graduation recommended" with its facts; İzmir's manager approves
 * it from the queue and it goes to the SYDV. Once in Turkish, once in Arabic (right to left).
 */

const suffix = Math.random().toString(36).slice(2, 7);
const isoDaysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

/** A person hired 125 days ago, in a household of two on SYDV aid; returns the person's id. */
async function hiredPerson(given: string): Promise<string> {
  const officer = await apiSignIn('employer-relations@izmir.example');
  const counsellor = await apiSignIn('counsellor@izmir.example');
  const employers = await apiPostAs<{ items: { id: string }[] }>(officer, '/employers/search', { q: 'Ege Bereket' });
  const person = await apiPostAs<{ id: string }>(counsellor, '/persons', {
    givenName: given,
    familyName: `Mezun ${suffix}`,
    birthDate: '1990-04-04',
    sex: 'female',
    nationality: 'TR',
    province: 'İzmir',
    district: 'Konak',
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
    confirmNotDuplicate: true,
  });
  const household = await apiPostAs<{ id: string }>(counsellor, `/persons/${person.id}/household`, {
    members: [{ givenName: 'Yusuf', familyName: `Mezun ${suffix}`, birthDate: '2017-03-03', relation: 'child' }],
  });
  await apiPostAs(counsellor, `/households/${household.id}/social-aid`, {
    programme: 'Sosyal Yardımlaşma ve Dayanışma Vakfı nakdi yardım',
    monthlyAmount: 3000,
    startDate: '2025-01-01',
  });
  await apiPostAs(counsellor, '/placements', {
    personId: person.id,
    employerId: employers.items[0]!.id,
    source: 'job-fair',
    jobTitle: `Paketleme elemanı ${suffix}`,
    startDate: isoDaysAgo(125),
    contractType: 'permanent',
    wageAmount: 30000,
    wageBasis: 'net',
    hoursPerWeek: 45,
    hoursPerDay: 9,
    shifts: ['day'],
  });
  return person.id;
}

describeE2E('graduation from social aid, from hire to approval', () => {
  let browser: Browser;
  let turkish = '';
  let arabic = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    turkish = await hiredPerson('Hatice');
    arabic = await hiredPerson('Rukiye');
  }, 90_000);
  afterAll(async () => browser?.close());

  async function walk(personId: string, t: typeof tr, rtl: boolean) {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@izmir.example');
    if (rtl) await arabicForThisPage(page);
    await page.goto(`${baseUrl}/persons/${personId}`);
    // Verification with the SGK service record, then the 3-month follow-up.
    await page.getByTestId('tab-placements').click();
    const card = page.getByTestId('placement');
    await card.getByTestId('verify-placement').click();
    await page.getByTestId('verify-reference').fill(`SGK${suffix.toUpperCase()}${rtl ? 'A' : 'T'}1`);
    await page.getByTestId('verify-save').click();
    await card.getByTestId('placement-verification').getByText(t.placementsUi.verification.verified).waitFor();
    await card.getByTestId('follow-up-3m').getByTestId('record-follow-up').click();
    await page.getByTestId('follow-up-save').click();
    await card.getByTestId('follow-up-3m').getByText(t.placementsUi.outcomes['same-employer']).waitFor();

    // The household: evaluated now, graduation recommended with the facts behind it.
    await page.getByTestId('tab-household').click();
    const panel = page.getByTestId('graduation-panel');
    await panel.getByTestId('graduation-evaluate').click();
    await panel.getByTestId('graduation-status').getByText(t.graduation.statuses.recommended).waitFor();
    const facts = await panel.getByTestId('graduation-facts').textContent();
    expect(facts).toContain(`Paketleme elemanı ${suffix}`);
    expect(facts).toMatch(/4/);
    if (rtl) await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe('rtl');
    const axe = await new AxeBuilder({ page }).include('[data-testid="graduation-panel"]').analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    // The manager approves from the queue; the recommendation goes to the SYDV.
    const manager = await newPage(browser);
    await signIn(manager.page, 'manager@izmir.example');
    if (rtl) await arabicForThisPage(manager.page);
    await manager.page.goto(`${baseUrl}/graduation`);
    const row = manager.page
      .getByTestId('graduation-row')
      .filter({ hasText: `Mezun ${suffix}` })
      .filter({
        hasText: rtl ? 'Rukiye' : 'Hatice',
      });
    await row.getByTestId('graduation-approve').click();
    await manager.page.getByTestId('approve-submit').click();
    await manager.page.getByTestId('graduation-status-filter').click();
    await manager.page.getByRole('option', { name: t.graduation.statuses.approved }).click();
    await manager.page
      .getByTestId('graduation-row')
      .filter({ hasText: rtl ? 'Rukiye' : 'Hatice' })
      .filter({ hasText: `Mezun ${suffix}` })
      .getByTestId('graduation-status')
      .getByText(t.graduation.statuses.approved)
      .waitFor();
    const queueAxe = await new AxeBuilder({ page: manager.page }).analyze();
    expect(queueAxe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    expect(manager.errors).toEqual([]);
    await manager.context.close();
  }

  it('in Turkish', async () => {
    await walk(turkish, tr, false);
  }, 120_000);

  it('in Arabic, right to left', async () => {
    await walk(arabic, ar, true);
  }, 120_000);
});
