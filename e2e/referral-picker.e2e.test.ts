import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { withTcknChecksum } from '../src/common/identity-number.ts';
import {
  apiGet,
  arabicForThisPage,
  isolatedInArabic,
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
 * counsellor records the consent in place (the person is at the desk) before proposing. Each card shows
 * the birth date and the masked ID number; the referral's history names the colleague who proposed it.
 * In Turkish, then in Arabic (the names isolated inside the Arabic sentences).
 */
const suffix = Math.random().toString(36).slice(2, 7).replace(/\d/g, 'q');

/** The referral's history: the proposal, made by the counsellor who is named (issue 14). */
async function expectHistoryNamesProposer(page: Page, proposed: string): Promise<void> {
  const history = page.getByTestId('referral-events');
  await history.getByText(proposed).waitFor();
  await expect(history.getByTestId('referral-event-actor').first().textContent()).resolves.toBe('Zeynep Kaya');
}

describeE2E('the referral picker and the consent to share', () => {
  let browser: Browser;
  let vacancyId: string;
  let personId: string;
  let personIdAr: string;
  const familyName = `Paylaşımsız ${suffix}`;
  const familyNameAr = `İzinsiz ${suffix}`;
  const tckn = withTcknChecksum(`3${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`);
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
      idKind: 'tckn',
      idNumber: tckn,
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      confirmNotDuplicate: true,
    }));
    ({ id: personIdAr } = await apiPostAs<{ id: string }>(counsellor!, '/persons', {
      givenName: 'Selin',
      familyName: familyNameAr,
      birthDate: '1997-03-03',
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
    // Birth date and masked ID number tell two people of the same name apart; the full number never shows.
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain('1996');
    expect(cardText).toContain(`${tckn.slice(0, 2)}*******${tckn.slice(-2)}`);
    expect(cardText).not.toContain(tckn);
    await card.click();
    const warning = page.getByTestId('sharing-consent-missing');
    await warning.getByText(familyName, { exact: false }).waitFor();
    await warning.getByTestId('record-sharing-consent').click();
    await warning.waitFor({ state: 'detached' });
    await page.getByTestId('propose-confirm').click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    await expectHistoryNamesProposer(page, tr.referrals.statuses.proposed);

    // The same in Arabic, for another person without the consent.
    await page.goto(`${baseUrl}/vacancies/${vacancyId}`);
    await page.getByTestId('propose-person').waitFor();
    await arabicForThisPage(page);
    await page.getByTestId('propose-person').click();
    await page.getByTestId('person-search').fill(familyNameAr);
    const cardAr = page.getByTestId('person-option').filter({ hasText: familyNameAr });
    await expect(cardAr.getByTestId('person-option-sharing').textContent()).resolves.toBe(ar.persons.pick.noSharing);
    expect(await cardAr.textContent()).toContain(ar.persons.pick.noIdNumber);
    await cardAr.click();
    const warningAr = page.getByTestId('sharing-consent-missing');
    await warningAr
      .getByText(ar.referrals.consentMissing.replace('{{name}}', isolatedInArabic(`Selin ${familyNameAr}`)))
      .waitFor();
    await warningAr.getByTestId('record-sharing-consent').click();
    await warningAr.waitFor({ state: 'detached' });
    await page.getByTestId('propose-confirm').click();
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    await expectHistoryNamesProposer(page, ar.referrals.statuses.proposed);

    const counsellor = await apiSignIn('counsellor@ibb.example');
    for (const id of [personId, personIdAr]) {
      const { consents } = await apiGet<{ consents: { purpose: string; channel: string; active: boolean }[] }>(
        counsellor,
        `/persons/${id}/consents`,
      );
      expect(consents).toContainEqual(
        expect.objectContaining({ purpose: 'share-with-employers', channel: 'in-person', active: true }),
      );
    }
    expect(errors).toEqual([]);
    await context.close();
  });
});
