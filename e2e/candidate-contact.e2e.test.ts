import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  baseUrl,
  consentingPerson,
  describeE2E,
  isolatedInArabic,
  launchBrowser,
  newPage,
  OWN_USER_PASSWORD,
  ownEmployerUser,
  publishedVacancy,
  sentReferral,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Issue 14, the employer's view of a candidate: the contact details appear when the person's consent to share
 * with employers stands; once it is withdrawn the screen shows none of the profile and says how to reach the
 * person: through the employment office that referred them, named. In Turkish and in Arabic, each with a
 * portal user of the test's own whose saved language it is.
 */

const run = Math.random().toString(36).slice(2, 7).replace(/\d/g, 'k');
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const OFFICE = 'Fatih İstihdam Ofisi';

interface Candidate {
  name: string;
  phone: string;
  email: string;
  referralId: string;
}

describeE2E('the employer reaches a candidate: contact details with consent, the office without', () => {
  let browser: Browser;
  let sharing: Candidate;
  let withdrawn: Candidate;
  let officePhone: string | null = null;
  const users: Record<'tr' | 'ar', string> = { tr: '', ar: '' };

  beforeAll(async () => {
    browser = await launchBrowser();
    const [officer, manager, counsellor, employer] = await Promise.all(
      ['employer-relations@ibb.example', 'manager@ibb.example', 'counsellor@ibb.example', 'employer@ibb.example'].map(
        (e) => apiSignIn(e),
      ),
    );
    const portalEmployer = await apiGet<{ id: string }>(employer!, '/portal/employer');
    const vacancy = await publishedVacancy(officer!, manager!, {
      employerId: portalEmployer.id,
      title: `Satış danışmanı ${run}`,
      occupation: 'Satış danışmanı',
      province: 'İstanbul',
      district: 'Fatih',
      startInDays: 12,
      positions: 2,
    });
    const offices = await apiGet<{ items: { name: string; phone: string | null }[] }>(manager!, '/offices');
    officePhone = offices.items.find((o) => o.name === OFFICE)!.phone;

    /** A person of the Fatih office who consents to sharing with employers, referred to the vacancy. */
    async function refer(given: string): Promise<Candidate & { personId: string }> {
      const family = `İletişimli${run}`;
      const phone = `0542${digits(7)}`;
      const email = `${given.toLowerCase()}.${run}@ornek.example`;
      const person = await consentingPerson(counsellor!, {
        givenName: given,
        familyName: family,
        birthDate: '1993-05-14',
        sex: 'female',
        languages: [],
        phone,
        email,
        province: 'İstanbul',
        district: 'Fatih',
      });
      const referral = await sentReferral(counsellor!, vacancy.id, person.id);
      return { name: `${given} ${family}`, phone, email, referralId: referral.id, personId: person.id };
    }
    sharing = await refer('Nurten');
    const other = await refer('Sevim');
    withdrawn = other;
    // The second person withdraws the consent after the referral was sent.
    const { consents } = await apiGet<{ consents: { id: string; purpose: string }[] }>(
      counsellor!,
      `/persons/${other.personId}/consents`,
    );
    const consent = consents.find((c) => c.purpose === 'share-with-employers')!;
    await apiPostAs(counsellor!, `/persons/${other.personId}/consents/${consent.id}/withdraw`, {});

    for (const locale of ['tr', 'ar'] as const)
      users[locale] = await ownEmployerUser({
        email: `iletisim-${locale}-${run}@portal.example`,
        fullName: locale === 'tr' ? 'Portal Türkçe' : 'Portal Arapça',
        locale,
      });
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const locale of ['tr', 'ar'] as const) {
    it(`${locale}: the phone and e-mail with consent; without it, no profile and the office to call`, async () => {
      const t = locale === 'tr' ? tr : ar;
      const inSentence = (value: string) => (locale === 'ar' ? isolatedInArabic(value) : value);
      const { context, page, errors } = await newPage(browser);
      await signIn(page, users[locale], OWN_USER_PASSWORD);
      if (locale === 'ar') await page.waitForFunction(() => document.documentElement.dir === 'rtl');

      // Consent stands: the contact details are there, read left to right, and nothing says to go elsewhere.
      await page.goto(`${baseUrl}/portal/referrals/${sharing.referralId}`);
      const profile = page.getByTestId('shared-profile');
      await profile.waitFor();
      // Stored and shown in the international form (+90…).
      const phone = `+90${sharing.phone.slice(1)}`;
      await expect(profile.getByText(phone, { exact: true }).getAttribute('class')).resolves.toContain('ltr');
      await profile.getByText(sharing.email, { exact: true }).waitFor();
      expect(await page.getByTestId('no-contact').count()).toBe(0);
      expect(await page.getByTestId('how-to-reach').count()).toBe(0);

      // Consent withdrawn after the referral was sent: no profile, no contact details, and the way to reach
      // the person: the office that referred them, by name.
      await page.goto(`${baseUrl}/portal/referrals/${withdrawn.referralId}`);
      const notShared = page.getByTestId('no-shared-profile');
      await notShared.waitFor();
      expect(await page.getByTestId('shared-profile').count()).toBe(0);
      const body = (await page.locator('main').textContent()) ?? '';
      expect(body).not.toContain(withdrawn.phone.slice(1));
      expect(body).not.toContain(withdrawn.email);
      expect(await notShared.textContent()).toContain(t.portal.noSharedProfile);
      const howToReach = officePhone
        ? t.portal.howToReach.replace('{{office}}', inSentence(OFFICE)).replace('{{phone}}', inSentence(officePhone))
        : t.portal.howToReachNoPhone.replace('{{office}}', inSentence(OFFICE));
      await expect(page.getByTestId('how-to-reach').textContent()).resolves.toBe(howToReach);
      // The page title names the candidate (the referral itself is not hidden), in the page's direction.
      await expect(page.locator('html').getAttribute('dir')).resolves.toBe(locale === 'ar' ? 'rtl' : 'ltr');
      await page.getByText(withdrawn.name).first().waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
