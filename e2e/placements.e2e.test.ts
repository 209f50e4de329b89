import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  apiPostAs,
  apiSignIn,
  baseUrl,
  consentingPerson,
  describeE2E,
  launchBrowser,
  newPage,
  publishedVacancy,
  sentReferral,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Issue 11 in the browser: a person hired through a referral has a placement on their profile; the
 * counsellor verifies it with the SGK service record's barcode and records the 3-month follow-up.
 * Data is set up through the API as İzmir's staff.
 */

const suffix = Math.random().toString(36).slice(2, 7);

describeE2E('placements on the person profile', () => {
  let browser: Browser;
  let personId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    const officer = await apiSignIn('employer-relations@izmir.example');
    const manager = await apiSignIn('manager@izmir.example');
    const counsellor = await apiSignIn('counsellor@izmir.example');
    const employers = await apiPostAs<{ items: { id: string }[] }>(officer, '/employers/search', { q: 'Ege Bereket' });
    const vacancy = await publishedVacancy(officer, manager, {
      employerId: employers.items[0]!.id,
      title: `Paketleme elemanı ${suffix}`,
      occupation: 'Paketleme elemanı',
      province: 'İzmir',
      district: 'Torbalı',
      startInDays: 1,
    });
    const person = await consentingPerson(counsellor, {
      givenName: 'Yerleşen',
      familyName: `Kişi ${suffix}`,
      birthDate: '1993-05-05',
      sex: 'female',
      province: 'İzmir',
      district: 'Konak',
    });
    personId = person.id;
    const referral = await sentReferral(counsellor, vacancy.id, personId);
    await apiPostAs(counsellor, `/referrals/${referral.id}/transition`, { status: 'hired' });
  }, 60_000);
  afterAll(async () => browser?.close());

  it('verifies the placement with the service record and records the 3-month follow-up, axe clean', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@izmir.example');
    await page.goto(`${baseUrl}/persons/${personId}`);
    await page.getByTestId('tab-placements').click();
    const card = page.getByTestId('placement');
    await card.getByText(`Paketleme elemanı ${suffix}`, { exact: false }).waitFor();
    await expect(card.getByTestId('placement-verification').textContent()).resolves.toBe(
      tr.placementsUi.verification.unverified,
    );
    await card.getByTestId('verify-placement').click();
    await page.getByTestId('verify-reference').fill('SGK4A1B2C3D4E5');
    await page.getByTestId('verify-save').click();
    await card.getByTestId('placement-verification').getByText(tr.placementsUi.verification.verified).waitFor();
    await card.getByTestId('follow-up-3m').getByTestId('record-follow-up').click();
    await page.getByTestId('follow-up-save').click();
    await card.getByTestId('follow-up-3m').getByText(tr.placementsUi.outcomes['same-employer']).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
