import crypto from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { withTcknChecksum } from '../src/common/identity-number.ts';
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  baseUrl,
  describeE2E,
  launchBrowser,
  newPage,
  OWN_USER_PASSWORD,
  ownStaffUser,
  signIn,
  tr,
} from './helpers.ts';

const digits = (n: number) => Array.from({ length: n }, () => crypto.randomInt(10)).join('');

interface PublishedVacancy {
  id: string;
  title: string;
  iscoCode: string | null;
  requiredSkillIds: string[];
  requiredLicences: string[];
  requiredCertificates: string[];
  hoursPerWeek: number;
}

describeE2E('matching (counsellor)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens a vacancy, sees ranked candidates explained in Turkish and in Arabic, and proposes one', async () => {
    // A person of the counsellor's office for a published vacancy of the demo data, through the API.
    const cookie = await apiSignIn('counsellor2@ibb.example');
    const list = await apiGet<{ items: PublishedVacancy[] }>(cookie, '/vacancies?status=published&pageSize=100');
    const vacancy = list.items.find(
      (v) => v.iscoCode && v.requiredLicences.length === 0 && v.requiredCertificates.length === 0,
    );
    expect(vacancy).toBeDefined();
    const familyName = `Eşleşir ${digits(4)}`;
    const derya = await apiPostAs<{ id: string }>(cookie, '/persons', {
      givenName: 'Derya',
      familyName,
      idKind: 'tckn',
      idNumber: withTcknChecksum(`4${digits(8)}`),
      birthDate: '1990-04-12',
      sex: 'female',
      nationality: 'TR',
      phone: `0543${digits(7)}`,
      province: 'İstanbul',
      district: 'Esenyurt',
      desiredOccupationCodes: [{ title: vacancy!.title, iscoCode: vacancy!.iscoCode }],
      skillIds: vacancy!.requiredSkillIds,
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
      confirmNotDuplicate: true,
    });

    const { context, page: trPage, errors } = await newPage(browser);
    await signIn(trPage, 'counsellor2@ibb.example');
    await trPage.goto(`${baseUrl}/vacancies/${vacancy!.id}`);
    await trPage.getByTestId('tab-candidates').click();
    const card = trPage.getByTestId('candidate').filter({ hasText: familyName });
    await card.waitFor();
    await expect(card.getByTestId('candidate-explanation').textContent()).resolves.toContain(
      tr.matching.legalConditions,
    );
    await expect(card.textContent()).resolves.toContain(tr.matching.factors.occupation);

    expect(errors).toEqual([]);
    await context.close();

    // Arabic: a counsellor of the same office whose saved language is Arabic; the server explains in it.
    const me = await apiGet<{ office: { name: string } | null }>(cookie, '/me');
    const arabic = await ownStaffUser({
      email: `matching-ar-${digits(6)}@ibb.example`,
      fullName: 'Eşleştirme Arapça',
      roleKey: 'counsellor',
      office: me.office!.name,
      locale: 'ar',
    });
    const { context: arContext, page, errors: arErrors } = await newPage(browser);
    await signIn(page, arabic, OWN_USER_PASSWORD);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.goto(`${baseUrl}/vacancies/${vacancy!.id}`);
    await page.getByTestId('tab-candidates').click();
    const arCard = page.getByTestId('candidate').filter({ hasText: familyName });
    await arCard.waitFor();
    await expect
      .poll(() => arCard.getByTestId('candidate-explanation').textContent())
      .toContain(ar.matching.legalConditions);

    // Switching language on the open page words the explanations again in the new language, and back.
    for (const [name, text] of [
      ['Türkçe', tr.matching.legalConditions],
      ['العربية', ar.matching.legalConditions],
    ] as const) {
      // eslint-disable-next-line no-restricted-syntax -- the test's own account (ownStaffUser above)
      await page.getByTestId('language-switch').click();
      await page.getByRole('menuitem', { name }).click();
      await expect.poll(() => arCard.getByTestId('candidate-explanation').textContent()).toContain(text);
    }

    await arCard.getByTestId('candidate-refer').click();
    await expect.poll(() => page.getByTestId('candidate').filter({ hasText: familyName }).count()).toBe(0);

    // The referral keeps the match as it stood, explained in the reader's language.
    const made = await apiGet<{ items: { id: string }[] }>(
      cookie,
      `/referrals?vacancyId=${vacancy!.id}&personId=${derya.id}`,
    );
    await page.goto(`${baseUrl}/referrals/${made.items[0]!.id}`);
    const kept = page.getByTestId('kept-match');
    await kept.getByText(ar.matching.keptTitle).waitFor();
    await expect(kept.getByTestId('kept-match-explanation').textContent()).resolves.toContain(
      ar.matching.legalConditions,
    );
    expect(arErrors).toEqual([]);
    await arContext.close();
  }, 120_000);
});
