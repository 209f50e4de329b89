import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { withTcknChecksum } from '../src/common/identity-number.ts';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { apiGet, apiPostAs, apiSignIn, baseUrl, describeE2E, launchBrowser, signIn, tr } from './helpers.ts';

/**
 * One time zone everywhere (issue 14): a counsellor whose browser runs in New York books an appointment
 * (say 10:00) with the app's date and time fields (DateFields.tsx); the page shows 10:00 and the server
 * stores 10:00 Türkiye time (07:00 UTC), not 10:00 in New York.
 */

const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

describeE2E('date and time fields in another time zone', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /**
   * Books the appointment as the counsellor, through the fields of the app's language: `lang` is the
   * account's own (the Umut counsellor works in Arabic), so no language is saved for anyone.
   */
  async function bookFromNewYork(email: string, lang: 'tr' | 'ar', district: string) {
    const words = lang === 'ar' ? ar : tr;
    const cookie = await apiSignIn(email);
    const person = await apiPostAs<{ id: string }>(cookie, '/persons', {
      givenName: 'Saat',
      familyName: `Dilimi${digits(4).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`,
      idKind: 'tckn',
      idNumber: withTcknChecksum(`3${digits(8)}`),
      birthDate: '1991-04-04',
      sex: 'male',
      nationality: 'TR',
      languages: [],
      phone: `0541${digits(7)}`,
      province: 'İstanbul',
      district,
      notice: { version: '2026-01', locale: lang, channel: 'in-person' },
      consents: [],
      confirmNotDuplicate: true,
    });
    // A weekday a few days ahead (Türkiye's public holidays of December fall on none).
    let day = '';
    for (let days = 8; !day; days++) {
      const candidate = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
      const weekday = new Date(`${candidate}T12:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) day = candidate;
    }
    const [y, m, d] = day.split('-');
    // A quarter hour between 09:00 and 17:45 that the counsellor's other tests are unlikely to hold.
    const slot = 36 + Math.floor(Math.random() * 36);
    const time = `${String(Math.floor(slot / 4)).padStart(2, '0')}:${String((slot % 4) * 15).padStart(2, '0')}`;

    const context = await browser.newContext({
      locale: lang === 'ar' ? 'ar' : 'tr-TR',
      timezoneId: 'America/New_York',
      viewport: { width: 1280, height: 800 },
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('America/New_York');
    await signIn(page, email);
    await page.goto(`${baseUrl}/persons/${person.id}`);
    if (lang === 'ar') await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByTestId('tab-appointments').click();
    await page.getByTestId('appointment-new').click();
    const date = page.getByTestId('appointment-start-date');
    // The fields speak the app's language, day first and a 24-hour clock, not the browser's mm/dd/yyyy and AM/PM.
    await expect(date.getAttribute('placeholder')).resolves.toBe(words.dateField.placeholder);
    await expect(page.getByTestId('appointment-start-time').getAttribute('placeholder')).resolves.toBe(
      words.dateField.timePlaceholder,
    );
    await date.fill(lang === 'ar' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`);
    await page.getByTestId('appointment-start-time').fill(time);
    await date.blur();
    await expect(date.inputValue()).resolves.toBe(lang === 'ar' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`);
    await page.getByTestId('appointment-save').click();
    const card = page.getByTestId('appointment').first();
    await card.waitFor({ timeout: 15_000 }).catch(async (err: unknown) => {
      throw new Error(
        `${String(err)}\n${(await page.locator('[role=dialog]').allTextContents()).join(' ').slice(0, 1500)}`,
      );
    });
    expect(await card.textContent()).toContain(time);

    const list = await apiGet<{ items: { startsAt: string }[] }>(cookie, `/persons/${person.id}/appointments`);
    expect(list.items.map((a) => a.startsAt)).toEqual([new Date(`${day}T${time}:00+03:00`).toISOString()]);
    expect(errors).toEqual([]);
    await context.close();
  }

  it('books a Türkiye time from a browser in America/New_York, shown and stored as such', () =>
    bookFromNewYork('counsellor@ibb.example', 'tr', 'Fatih'));

  it('ar: the same in Arabic, day first with the Arabic placeholder and a 24-hour time', () =>
    bookFromNewYork('counsellor@umut.example', 'ar', 'Sultanbeyli'));
});
