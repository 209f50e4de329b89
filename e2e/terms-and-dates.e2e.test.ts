import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { withTcknChecksum } from '../src/common/identity-number.ts';
import { formatDateIn, intlLocaleOf } from '../src/common/message-format.ts';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  arabicForThisPage,
  baseUrl,
  deliveredTo,
  describeE2E,
  isolatedInArabic,
  launchBrowser,
  newPage,
  OWN_USER_PASSWORD,
  ownStaffUser,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Issue 14, two points of the Arabic and date work:
 * - Turkish-only terms carry an Arabic label with the acronym in brackets wherever the screens show them: the
 *   ID kinds (TCKN, YKN) in the registration wizard and on a profile, the tax number kinds (VKN, TCKN) on the
 *   employer form and record, the social-aid programmes (SYDV, ŞEY, SUY) on the household's aid form.
 * - Dates inside messages are written the way each language writes them, in Türkiye time, from a browser in
 *   New York: a refusal the server writes (an appointment on a non-working day), the confirmation before
 *   cancelling an appointment, and the SMS the person receives.
 */

const run = Math.random().toString(36).slice(2, 7).replace(/\d/g, 'd');
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const letters = (n: number) => digits(n).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);

async function person(cookie: string, fields: Record<string, unknown>): Promise<{ id: string }> {
  return apiPostAs<{ id: string }>(cookie, '/persons', {
    givenName: 'Terim',
    familyName: `Sınaması${letters(5)}`,
    birthDate: '1988-08-08',
    sex: 'female',
    nationality: 'TR',
    languages: [],
    province: 'İstanbul',
    district: 'Fatih',
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [],
    confirmNotDuplicate: true,
    ...fields,
  });
}

/** Days from today (UTC calendar), the first one at least `from` days ahead that is (or is not) a weekday. */
function dayAhead(from: number, weekday: boolean): string {
  for (let days = from; ; days++) {
    const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const d = new Date(`${day}T12:00:00Z`).getUTCDay();
    if ((d !== 0 && d !== 6) === weekday) return day;
  }
}

describeE2E('Turkish terms in Arabic, and dates inside messages per language', () => {
  let browser: Browser;
  let counsellor = '';
  let tcknPerson = '';
  let employerId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    counsellor = await apiSignIn('counsellor@ibb.example');
    const p = await person(counsellor, { idKind: 'tckn', idNumber: withTcknChecksum(`4${digits(8)}`) });
    tcknPerson = p.id;
    await apiPostAs(counsellor, `/persons/${p.id}/household`, {
      relation: 'head',
      province: 'İstanbul',
      district: 'Fatih',
    });
    employerId = (await apiGet<{ id: string }>(await apiSignIn('employer@ibb.example'), '/portal/employer')).id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function inLanguage(page: Page, locale: 'tr' | 'ar'): Promise<void> {
    if (locale === 'ar') await arabicForThisPage(page);
  }

  for (const locale of ['tr', 'ar'] as const) {
    it(`${locale}: the registration wizard's ID kinds name the Turkish term`, async () => {
      const t = locale === 'tr' ? tr : ar;
      const { context, page, errors } = await newPage(browser);
      await signIn(page, 'counsellor@ibb.example');
      await page.goto(`${baseUrl}/persons/new`);
      await inLanguage(page, locale);

      // The registration wizard: the ID kinds, with the acronym in brackets in Arabic.
      await page.getByTestId('idKind').click();
      const options = (await page.getByRole('option').allTextContents()).map((o) => o.trim());
      expect(options).toContain(t.persons.idKinds.tckn);
      expect(options).toContain(t.persons.idKinds.ykn);
      if (locale === 'ar') {
        expect(options).toContain('رقم الهوية التركية (TCKN)');
        expect(options.find((o) => o.includes('(YKN'))).toBe(ar.persons.idKinds.ykn);
      }
      await page.keyboard.press('Escape');
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`${locale}: a profile names the ID kind, and the aid form's hint explains the programmes`, async () => {
      const t = locale === 'tr' ? tr : ar;
      const { context, page, errors } = await newPage(browser);
      await signIn(page, 'counsellor@ibb.example');
      await page.goto(`${baseUrl}/persons/${tcknPerson}`);
      await inLanguage(page, locale);
      // A profile: the kind of the stored number.
      await page.getByText(t.persons.idKinds.tckn, { exact: true }).waitFor();

      // The household's aid form: the programmes the hint gives as examples, explained in Arabic.
      await page.goto(`${baseUrl}/persons/${tcknPerson}?tab=household`);
      await page.getByRole('button', { name: t.households.addAid }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(t.households.programmeHint, { exact: true }).waitFor();
      if (locale === 'ar')
        for (const term of ['وقف المساعدة الاجتماعية والتضامن (SYDV)', '(ŞEY)', '(SUY)'])
          expect(t.households.programmeHint).toContain(term);
      expect(errors).toEqual([]);
      await context.close();
    });

    it(`${locale}: the employer form and record name the tax number's kind`, async () => {
      const t = locale === 'tr' ? tr : ar;
      // The employer form and record, as an employer-relations officer: VKN and TCKN.
      const officer = await newPage(browser);
      await signIn(officer.page, 'employer-relations@ibb.example');
      await officer.page.goto(`${baseUrl}/employers/new`);
      await inLanguage(officer.page, locale);
      const form = officer.page.getByTestId('employer-form');
      await form.getByText(t.employers.taxKindsLong.vkn, { exact: true }).waitFor();
      await form.getByText(t.employers.taxKindsLong.tckn, { exact: true }).waitFor();
      if (locale === 'ar') expect(ar.employers.taxKindsLong.vkn).toBe('الرقم الضريبي (VKN)');
      await officer.page.goto(`${baseUrl}/employers/${employerId}`);
      const kind = officer.page.getByTestId('tax-kind');
      await kind.waitFor();
      // The kind on its own line in the page's direction, not in brackets inside the left-to-right number.
      expect([t.employers.taxKinds.vkn, t.employers.taxKinds.tckn]).toContain((await kind.textContent())?.trim());
      expect(await kind.evaluate((el) => el.closest('.ltr'))).toBeNull();
      expect(officer.errors).toEqual([]);
      await officer.context.close();
    });
  }

  for (const locale of ['tr', 'ar'] as const) {
    it(`${locale}: a refusal, a confirmation and the SMS write their dates in the language, in Türkiye time`, async () => {
      const t = locale === 'tr' ? tr : ar;
      const inSentence = (value: string) => (locale === 'ar' ? isolatedInArabic(value) : value);
      // The server writes refusals in the account's saved language: a counsellor of the test's own.
      const email = await ownStaffUser({
        email: `tarih-${locale}-${run}@ibb.example`,
        fullName: locale === 'tr' ? 'Tarih Danışmanı' : 'مرشد التواريخ',
        roleKey: 'counsellor',
        office: 'Fatih',
        locale,
      });
      const phone = `0543${digits(7)}`;
      const p = await person(await apiSignIn(email, OWN_USER_PASSWORD), {
        phone,
        // The person reads Arabic in the Arabic pass: the SMS comes in Arabic.
        languages: locale === 'ar' ? [{ code: 'ar', level: 'native' }] : [],
      });
      const context = await browser.newContext({
        locale: locale === 'ar' ? 'ar' : 'tr-TR',
        timezoneId: 'America/New_York',
        viewport: { width: 1280, height: 800 },
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await signIn(page, email, OWN_USER_PASSWORD);
      if (locale === 'ar') await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      await page.goto(`${baseUrl}/persons/${p.id}?tab=appointments`);
      await page.getByTestId('appointment-new').click();
      const dialog = page.getByRole('dialog');
      const typeDay = async (day: string, time: string) => {
        const [y, m, d] = day.split('-');
        await page.getByTestId('appointment-start-date').fill(locale === 'ar' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`);
        await page.getByTestId('appointment-start-time').fill(time);
        await page.getByTestId('appointment-start-date').blur();
      };

      // A Sunday: the server refuses it, naming the day as the language writes dates.
      const weekend = dayAhead(9, false);
      await typeDay(weekend, '10:00');
      await page.getByTestId('appointment-save').click();
      const refusal = t.errors.appointments.notWorkingDay.replace('{{date}}', formatDateIn(locale, weekend));
      await expect.poll(async () => (await dialog.textContent()) ?? '').toContain(refusal);
      expect(formatDateIn(locale, weekend)).toMatch(
        locale === 'ar' ? /^\d\d\u200f\/\d\d\u200f\/\d{4}$/ : /^\d\d\.\d\d\.\d{4}$/,
      );

      // A weekday at 10:30 Türkiye time (03:30 in New York): booked, and the person's SMS names it.
      const day = dayAhead(9, true);
      const since = new Date();
      await typeDay(day, '10:30');
      await page.getByTestId('appointment-save').click();
      const card = page.getByTestId('appointment').first();
      await card.waitFor();
      const instant = new Date(`${day}T10:30:00+03:00`);
      const longDay = new Intl.DateTimeFormat(intlLocaleOf(locale), {
        timeZone: 'Europe/Istanbul',
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      }).format(instant);
      const sms = await deliveredTo(`+90${phone.slice(1)}`, since, /^([\s\S]*)$/);
      expect(sms).toContain(longDay);
      expect(sms).toContain('10:30');

      // The confirmation before cancelling names the appointment in Türkiye time, in the language's format.
      await card.getByRole('button', { name: t.appointments.cancel, exact: true }).click();
      const when = new Intl.DateTimeFormat(intlLocaleOf(locale), {
        dateStyle: 'medium',
        timeStyle: 'short',
        hourCycle: 'h23',
        timeZone: 'Europe/Istanbul',
      }).format(instant);
      expect(when).toContain('10:30');
      await page
        .getByRole('dialog')
        .getByText(t.appointments.cancelConfirm.replace('{{when}}', inSentence(when)), { exact: true })
        .waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
