import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { withTcknChecksum } from '../src/common/identity-number.ts';
import {
  apiPostAs,
  apiSignIn,
  baseUrl,
  describeE2E,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Forms and search as a counsellor uses them all day (issue 14), in Turkish and in Arabic:
 * 1. every searchable list ignores case and Turkish letters ("istanbul", "sisli", "kadikoy"), and the
 *    province starts as the counsellor's office's;
 * 2. a wrong TCKN/YKN stops the step where it is typed, with the field marked and one message;
 * 3. the person search finds a phone typed in any common format;
 * 4. the likely-duplicate dialog's primary action opens the existing record.
 * The Turkish counsellor is counsellor2@ibb (Esenyurt), the Arabic one counsellor@umut (Sultanbeyli, whose
 * account is in Arabic): neither changes its language, so other browser tests are not disturbed.
 */

const run = Math.random().toString(36).slice(2, 6).replace(/\d/g, 'x');
const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const validTckn = () => withTcknChecksum(`4${randomDigits(8)}`);
const validYkn = () => withTcknChecksum(`99${randomDigits(7)}`);
/** A TCKN with a wrong last digit. */
const wrongTckn = () => {
  const v = validTckn();
  return `${v.slice(0, 10)}${(Number(v[10]) + 1) % 10}`;
};

/** Waits until the dialog's opening transition is over (axe judges contrast on what is painted). */
async function dialogSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.mantine-Modal-content, .mantine-Modal-overlay')].every(
      (el) => getComputedStyle(el).opacity === '1' || el.classList.contains('mantine-Modal-overlay'),
    ),
  );
  await page.waitForTimeout(300);
}

/** Types into a searchable select and picks the option that appears. */
async function typeAndPick(page: Page, testId: string, typed: string, option: string): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option, exact: true }).click();
  await expect.poll(() => input.inputValue()).toBe(option);
}

interface Seeded {
  id: string;
  name: string;
  phone: string;
}

/** A person registered through the API by the given counsellor (in that counsellor's office). */
async function seedPerson(email: string, givenName: string, familyName: string, district: string): Promise<Seeded> {
  const cookie = await apiSignIn(email);
  const phone = `0543${randomDigits(7)}`;
  const person = await apiPostAs<{ id: string }>(cookie, '/persons', {
    givenName,
    familyName,
    idKind: 'tckn',
    idNumber: validTckn(),
    birthDate: '1989-08-14',
    sex: 'female',
    nationality: 'TR',
    languages: [],
    phone,
    province: 'İstanbul',
    district,
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [],
    confirmNotDuplicate: true,
  });
  return { id: person.id, name: `${givenName} ${familyName}`, phone };
}

/** The phone as people write it: "0543 123 45 67", "+90 543 123 45 67", "5431234567", "0(543) 123-4567". */
function phoneFormats(national: string): string[] {
  const d = national.slice(1); // 10 digits, starting with 5
  return [
    `0${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`,
    `+90 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`,
    d,
    `0(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`,
  ];
}

describeE2E('forms and search (issue 14)', () => {
  let browser: Browser;
  let trPerson: Seeded;
  let arPerson: Seeded;

  beforeAll(async () => {
    browser = await launchBrowser();
    trPerson = await seedPerson('counsellor2@ibb.example', 'Nesrin', `Bulunur${run}`, 'Esenyurt');
    arPerson = await seedPerson('counsellor@umut.example', 'Lama', `Haddad${run}`, 'Sultanbeyli');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('tr: the staff wizard stops a wrong TCKN on its step, finds "turkce", "istanbul", "sisli", "kadikoy", and its duplicate dialog opens the existing record', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor2@ibb.example');
    await page.goto(`${baseUrl}/persons/new`);
    await expect(page.getByTestId('step-title').textContent()).resolves.toBe(tr.persons.steps.identity);

    await page.getByTestId('givenName').fill('Nesrin');
    await page.getByTestId('familyName').fill(`Yenikayıt${run}`);
    await page.getByTestId('birthDate').fill('1989-08-14');
    await page.getByTestId('sex').getByText(tr.persons.sexes.female).click();
    await typeAndPick(page, 'nationality', 'suriye', 'Suriye');
    await typeAndPick(page, 'nationality', 'turkiye', 'Türkiye');
    await page.getByTestId('language-add').click();
    await typeAndPick(page, 'language-0', 'TURKCE', 'Türkçe');

    // Point 2: a wrong checksum keeps the counsellor on this step, the field marked, the message once.
    await page.getByTestId('idNumber').fill(wrongTckn());
    await page.getByTestId('step-next').click();
    await page.locator('.mantine-InputWrapper-error', { hasText: tr.errors.persons.idNumberInvalid.tckn }).waitFor();
    await expect(page.getByTestId('step-title').textContent()).resolves.toBe(tr.persons.steps.identity);
    await expect(page.getByTestId('idNumber').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('idNumber');
    await expect(page.getByText(tr.errors.persons.idNumberInvalid.tckn).count()).resolves.toBe(1);
    await expect(page.getByTestId('problem').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('idNumber').fill(validTckn());
    await page.getByTestId('step-next').click();
    await expect(page.getByTestId('step-title').textContent()).resolves.toBe(tr.persons.steps.contact);

    // Point 1: the province comes from the office; typing without Turkish letters finds them.
    await expect.poll(() => page.getByTestId('province').inputValue()).toBe('İstanbul');
    await typeAndPick(page, 'province', 'izmir', 'İzmir');
    await typeAndPick(page, 'province', 'istanbul', 'İstanbul');
    await typeAndPick(page, 'district', 'sisli', 'Şişli');
    await typeAndPick(page, 'district', 'KADIKOY', 'Kadıköy');
    expect(await seriousViolations(page)).toEqual([]);

    // Point 4: the phone of someone on record makes this a likely duplicate.
    await page.getByTestId('phone').fill(trPerson.phone);
    for (const step of ['groups', 'education', 'constraints', 'consent'] as const) {
      await page.getByTestId('step-next').click();
      await expect(page.getByTestId('step-title').textContent()).resolves.toBe(tr.persons.steps[step]);
    }
    await page.getByTestId('notice-given').check();
    await page.getByTestId('person-save').click();
    const dialog = page.getByTestId('duplicate-dialog');
    await dialog.waitFor();
    await dialog.getByText(trPerson.name).waitFor();
    // The safe action is the primary one and has the focus; "someone else, save" is a secondary button.
    const open = dialog.getByTestId('duplicate-open');
    await expect(open.textContent()).resolves.toBe(tr.persons.duplicates.open);
    await expect(open.getAttribute('data-variant')).resolves.toBe('filled');
    await expect(page.getByTestId('someone-else').getAttribute('data-variant')).resolves.toBe('default');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('duplicate-open');
    await dialogSettled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await open.click();
    await page.waitForURL(`${baseUrl}/persons/${trPerson.id}`);
    await expect(page.getByTestId('person-name').textContent()).resolves.toBe(trPerson.name);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('ar: the staff wizard in Arabic stops a wrong YKN on its step, finds "sultanbeyli" and "uskudar", and its duplicate dialog opens the existing record', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@umut.example');
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.goto(`${baseUrl}/persons/new`);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect(page.getByTestId('step-title').textContent()).resolves.toBe(ar.persons.steps.identity);

    await page.getByTestId('givenName').fill('Lama');
    await page.getByTestId('familyName').fill(`Haddad Yeni${run}`);
    await page.getByTestId('idKind').click();
    await page.getByRole('option', { name: ar.persons.idKinds.ykn, exact: true }).click();
    await page.getByTestId('birthDate').fill('1989-08-14');
    await page.getByTestId('sex').getByText(ar.persons.sexes.female).click();
    await page.getByTestId('nationality').click();
    await page.getByTestId('nationality').fill('سوري');
    await page.getByRole('option').first().click();

    // Point 2: a TCKN typed as a YKN is refused on this step, once, on the field.
    await page.getByTestId('idNumber').fill(validTckn());
    await page.getByTestId('step-next').click();
    await page.locator('.mantine-InputWrapper-error', { hasText: ar.errors.persons.idNumberInvalid.ykn }).waitFor();
    await expect(page.getByTestId('step-title').textContent()).resolves.toBe(ar.persons.steps.identity);
    await expect(page.getByTestId('idNumber').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('idNumber');
    await expect(page.getByText(ar.errors.persons.idNumberInvalid.ykn).count()).resolves.toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('idNumber').fill(validYkn());
    await page.getByTestId('step-next').click();
    await expect(page.getByTestId('step-title').textContent()).resolves.toBe(ar.persons.steps.contact);

    // Point 1: the office's province is there; district names typed in plain Latin letters are found.
    await expect.poll(() => page.getByTestId('province').inputValue()).toBe('İstanbul');
    await typeAndPick(page, 'district', 'uskudar', 'Üsküdar');
    await typeAndPick(page, 'district', 'sultanbeyli', 'Sultanbeyli');

    // Point 4.
    await page.getByTestId('phone').fill(arPerson.phone);
    for (const step of ['groups', 'education', 'constraints', 'consent'] as const) {
      await page.getByTestId('step-next').click();
      await expect(page.getByTestId('step-title').textContent()).resolves.toBe(ar.persons.steps[step]);
    }
    await page.getByTestId('notice-given').check();
    await page.getByTestId('person-save').click();
    const dialog = page.getByTestId('duplicate-dialog');
    await dialog.waitFor();
    await dialog.getByText(arPerson.name).waitFor();
    const open = dialog.getByTestId('duplicate-open');
    await expect(open.textContent()).resolves.toBe(ar.persons.duplicates.open);
    await expect(open.getAttribute('data-variant')).resolves.toBe('filled');
    await expect(page.getByTestId('someone-else').getAttribute('data-variant')).resolves.toBe('default');
    await dialogSettled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await open.click();
    await page.waitForURL(`${baseUrl}/persons/${arPerson.id}`);
    await expect(page.getByTestId('person-name').textContent()).resolves.toBe(arPerson.name);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const locale of ['tr', 'ar'] as const) {
    it(`${locale}: the public form stops a wrong TCKN on its step and finds "istanbul" and "kadikoy"`, async () => {
      const m = locale === 'ar' ? ar : tr;
      const { context, page, errors } = await newPage(browser);
      await page.goto(`${baseUrl}/register`);
      await page.getByTestId('reg-step-title').waitFor();
      if (locale === 'ar') {
        // eslint-disable-next-line no-restricted-syntax -- a signed-out page: the choice stays in this browser
        await page.getByTestId('language-switch').click();
        await page.getByRole('menuitem', { name: 'العربية' }).click();
        await page.waitForFunction(() => document.documentElement.dir === 'rtl');
      }
      await page.getByTestId('reg-organisation').click();
      await page.getByRole('option', { name: 'İstanbul Büyükşehir Belediyesi', exact: true }).click();
      await page.getByTestId('reg-office').click();
      await page.getByTestId('reg-office').fill('fatih istihdam');
      await page.getByRole('option', { name: /Fatih İstihdam Ofisi/ }).click();
      await page.getByTestId('reg-next').click();
      await expect(page.getByTestId('reg-step-title').textContent()).resolves.toBe(m.selfService.steps.identity);

      await page.getByTestId('givenName').fill('Gülsüm');
      await page.getByTestId('familyName').fill(`Kendibaşvuru${run}`);
      await page.getByTestId('birthDate').fill('1997-02-11');
      await page.getByTestId('sex').getByText(m.persons.sexes.female).click();
      await page.getByTestId('idKind').click();
      await page.getByRole('option', { name: m.persons.idKinds.tckn, exact: true }).click();
      await page.getByTestId('idNumber').fill(wrongTckn());
      await page.getByTestId('reg-next').click();
      await page.locator('.mantine-InputWrapper-error', { hasText: m.errors.persons.idNumberInvalid.tckn }).waitFor();
      await expect(page.getByTestId('reg-step-title').textContent()).resolves.toBe(m.selfService.steps.identity);
      await expect(page.getByTestId('idNumber').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('idNumber');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('idNumber');
      await expect(page.getByText(m.errors.persons.idNumberInvalid.tckn).count()).resolves.toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId('idNumber').fill(validTckn());
      await page.getByTestId('reg-next').click();
      await expect(page.getByTestId('reg-step-title').textContent()).resolves.toBe(m.selfService.steps.contact);

      await typeAndPick(page, 'province', 'istanbul', 'İstanbul');
      await typeAndPick(page, 'district', 'kadikoy', 'Kadıköy');
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('tr: the person search finds a phone typed as "0543 …", "+90 543 …", "543…" or "0(543) …"', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor2@ibb.example');
    await page.goto(`${baseUrl}/persons`);
    await page.getByTestId('persons-table').waitFor();
    for (const typed of phoneFormats(trPerson.phone)) {
      await page.getByTestId('person-search').fill(typed);
      await expect
        .poll(() => page.getByTestId('persons-table').locator('tbody tr').allTextContents(), { timeout: 10_000 })
        .toEqual([expect.stringContaining(trPerson.name)]);
    }
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('ar: the person search finds a phone typed in any common format, in Arabic', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@umut.example');
    await page.goto(`${baseUrl}/persons`);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.getByTestId('persons-table').waitFor();
    for (const typed of phoneFormats(arPerson.phone)) {
      await page.getByTestId('person-search').fill(typed);
      await expect
        .poll(() => page.getByTestId('persons-table').locator('tbody tr').allTextContents(), { timeout: 10_000 })
        .toEqual([expect.stringContaining(arPerson.name)]);
    }
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
