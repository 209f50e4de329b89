import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  baseUrl,
  describeE2E,
  launchBrowser,
  newPage,
  publishedVacancy,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Issue 14, the referral picker: each person found says whether they consent to share their profile
 * with employers; picking one who does not warns that the referral will not be sent without it, and the
 * counsellor records the consent in place (the person is at the desk) before proposing.
 */
const suffix = Math.random().toString(36).slice(2, 7).replace(/\d/g, 'q');

describeE2E('the referral picker and the consent to share', () => {
  let browser: Browser;
  let vacancyId: string;
  let personId: string;
  const familyName = `Paylaşımsız ${suffix}`;
  beforeAll(async () => {
    browser = await launchBrowser();
    const [officer, manager, counsellor, employer] = await Promise.all(
      ['employer-relations@ibb.example', 'manager@ibb.example', 'counsellor@ibb.example', 'employer@ibb.example'].map(
        (e) => apiSignIn(e),
      ),
    );
    const portalEmployer = await apiGet<{ id: string }>(employer!, '/portal/employer');
    ({ id: vacancyId } = await publishedVacancy(officer!, manager!, {
      employerId: portalEmployer.id,
      title: `Raf düzenleme elemanı ${suffix}`,
      occupation: 'Depo elemanı',
      province: 'İstanbul',
      district: 'Bağcılar',
      startInDays: 14,
    }));
    ({ id: personId } = await apiPostAs<{ id: string }>(counsellor!, '/persons', {
      givenName: 'Selin',
      familyName,
      birthDate: '1996-02-02',
      sex: 'female',
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      confirmNotDuplicate: true,
    }));
  });
  afterAll(async () => browser?.close());

  it('warns that the picked person has not consented, records the consent in place and proposes', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/vacancies/${vacancyId}`);
    await page.getByTestId('propose-person').click();
    await page.getByTestId('person-search').fill(familyName);
    const card = page.getByTestId('person-option').filter({ hasText: familyName });
    await expect(card.getByTestId('person-option-sharing').textContent()).resolves.toBe(tr.persons.pick.noSharing);
    await card.click();
    const warning = page.getByTestId('sharing-consent-missing');
    await warning.getByText(familyName, { exact: false }).waitFor();
    await warning.getByTestId('record-sharing-consent').click();
    await warning.waitFor({ state: 'detached' });
    await page.getByTestId('propose-confirm').click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);

    const counsellor = await apiSignIn('counsellor@ibb.example');
    const { consents } = await apiGet<{ consents: { purpose: string; channel: string; active: boolean }[] }>(
      counsellor,
      `/persons/${personId}/consents`,
    );
    expect(consents).toContainEqual(
      expect.objectContaining({ purpose: 'share-with-employers', channel: 'in-person', active: true }),
    );
    expect(errors).toEqual([]);
    await context.close();
  });
});
