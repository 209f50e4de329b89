import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { withTcknChecksum, withVknChecksum } from '../src/common/identity-number.ts';
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
 * Issue 8 item 19 and issue 14 ("search words and filters survive Back"): the person, employer and
 * user lists search with a POST body; the words typed stay in the tab's memory only — never in the
 * address, in any request's address, or in browser storage — and come back with their results when
 * the counsellor goes Back from a profile; the non-personal filters live in the address, so Back and
 * reload keep them.
 */

const run = Math.random().toString(36).slice(2, 6).replace(/\d/g, 'q');
const FAMILY = `Aramasözcükoğlu${run}`;
const GIVEN = 'Gülizar';
const WORDS = `gulizar aramasozcukoglu${run}`; // typed without Turkish letters
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const ID_NUMBER = withTcknChecksum(`3${digits(8)}`);
const EMPLOYER = `Sözcükaltı Lokantası ${run} Ltd. Şti.`;
const VKN = withVknChecksum(`7${digits(8)}`);

/** Every address the page asked for (documents, scripts, API calls), in order. */
function watchRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Whether a text appears in an address, as typed or percent-encoded (either way of encoding a space). */
function carries(url: string, words: string): boolean {
  let decoded = url.replace(/\+/g, ' ');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // not percent-encoded text: look at it as it is
  }
  decoded = decoded.toLocaleLowerCase('tr');
  return words
    .toLocaleLowerCase('tr')
    .split(' ')
    .some((w) => decoded.includes(w));
}

async function storageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dump = (s: Storage) => Array.from({ length: s.length }, (_, i) => `${s.key(i)}=${s.getItem(s.key(i)!)}`);
    return [...dump(localStorage), ...dump(sessionStorage), document.cookie].join('\n');
  });
}

describeE2E('search words in memory, filters in the address', () => {
  let browser: Browser;
  let personId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    const cookie = await apiSignIn('counsellor@ibb.example');
    const person = await apiPostAs<{ id: string }>(cookie, '/persons', {
      givenName: GIVEN,
      familyName: FAMILY,
      idKind: 'tckn',
      idNumber: ID_NUMBER,
      birthDate: '1993-06-21',
      sex: 'female',
      nationality: 'TR',
      languages: [{ code: 'tr', level: 'native' }],
      phone: `0542 ${digits(3)} ${digits(2)} ${digits(2)}`,
      province: 'İstanbul',
      district: 'Fatih',
      desiredOccupations: ['Kasiyer'],
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
      confirmNotDuplicate: true,
    });
    personId = person.id;
    const officer = await apiSignIn('employer-relations@ibb.example');
    await apiPostAs(officer, '/employers', {
      legalName: EMPLOYER,
      taxKind: 'vkn',
      taxNumber: VKN,
      naceCode: '56.10',
      workerCount: 14,
      province: 'İstanbul',
      district: 'Fatih',
      acceptTerms: true,
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a counsellor searches a person by name, opens the profile and goes Back: same words, same results, nothing in any address or storage', async () => {
    const { context, page, errors } = await newPage(browser);
    const urls = watchRequests(page);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons`);
    await page.getByTestId('persons-table').waitFor();

    // A non-personal filter goes into the address.
    await page.getByTestId('registration-filter').click();
    await page.getByRole('option', { name: tr.persons.registrations.confirmed, exact: true }).click();
    await page.waitForURL(`${baseUrl}/persons?registration=confirmed`);

    await page.getByTestId('person-search').fill(WORDS);
    const table = page.getByTestId('persons-table');
    const row = table.getByRole('link', { name: `${GIVEN} ${FAMILY}` });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    await row.waitFor();
    expect(page.url()).toBe(`${baseUrl}/persons?registration=confirmed`);

    await row.click();
    await page.waitForURL(`${baseUrl}/persons/${personId}`);
    await page.getByTestId('person-name').waitFor();

    await page.goBack();
    await page.waitForURL(`${baseUrl}/persons?registration=confirmed`);
    await expect(page.getByTestId('person-search').inputValue()).resolves.toBe(WORDS);
    await row.waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(1);
    await expect(page.getByTestId('registration-filter').inputValue()).resolves.toBe(
      tr.persons.registrations.confirmed,
    );

    // The ID number finds the same person, and stays out of every address too.
    await page.getByTestId('person-search').fill(ID_NUMBER);
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    await row.waitFor();

    expect(urls.length).toBeGreaterThan(5);
    expect(urls.some((u) => u.includes('/api/v1/persons/search'))).toBe(true);
    expect(urls.filter((u) => carries(u, WORDS) || u.includes(ID_NUMBER))).toEqual([]);
    const stored = await storageText(page);
    expect(carries(stored, WORDS) || stored.includes(ID_NUMBER)).toBe(false);

    // A reload keeps the filters (in the address) and forgets the words (they were in memory only).
    await page.reload();
    await page.getByTestId('persons-table').waitFor();
    await expect(page.getByTestId('person-search').inputValue()).resolves.toBe('');
    await expect(page.getByTestId('registration-filter').inputValue()).resolves.toBe(
      tr.persons.registrations.confirmed,
    );
    expect(errors).toEqual([]);
    await context.close();
  });

  it('ar: the same in Arabic; each profile tab has its own address, and Back still returns to the words and results', async () => {
    const { context, page, errors } = await newPage(browser);
    const urls = watchRequests(page);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons`);
    await page.getByTestId('persons-table').waitFor();
    await arabicForThisPage(page);

    await page.getByTestId('registration-filter').click();
    await page.getByRole('option', { name: ar.persons.registrations.confirmed, exact: true }).click();
    await page.waitForURL(`${baseUrl}/persons?registration=confirmed`);
    await page.getByTestId('person-search').fill(WORDS);
    const table = page.getByTestId('persons-table');
    const row = table.getByRole('link').filter({ hasText: FAMILY });
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    await row.click();
    await page.waitForURL(`${baseUrl}/persons/${personId}`);

    // A tab is an address of its own: the tab's name, nothing personal.
    await page.getByTestId('tab-household').click();
    await page.waitForURL(`${baseUrl}/persons/${personId}?tab=household`);
    await expect
      .poll(() => page.getByTestId('tab-household').getAttribute('aria-selected'), { timeout: 10_000 })
      .toBe('true');

    // Back leaves the profile for the list: the same words, the same single result, the filter in Arabic.
    await page.goBack();
    await page.waitForURL(`${baseUrl}/persons?registration=confirmed`);
    await expect(page.getByTestId('person-search').inputValue()).resolves.toBe(WORDS);
    await expect.poll(() => table.locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    await expect(page.getByTestId('registration-filter').inputValue()).resolves.toBe(
      ar.persons.registrations.confirmed,
    );
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    // Forward opens the profile on the tab it was left on.
    await page.goForward();
    await page.waitForURL(`${baseUrl}/persons/${personId}?tab=household`);
    await expect
      .poll(() => page.getByTestId('tab-household').getAttribute('aria-selected'), { timeout: 10_000 })
      .toBe('true');
    expect(urls.filter((u) => carries(u, WORDS))).toEqual([]);
    const stored = await storageText(page);
    expect(carries(stored, WORDS)).toBe(false);

    // A reload (or a link) opens the same tab.
    await page.reload();
    await page.getByTestId('tab-household').waitFor();
    await expect
      .poll(() => page.getByTestId('tab-household').getAttribute('aria-selected'), { timeout: 10_000 })
      .toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an old link with search words in the address drops them, and signing out forgets the words', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons?q=${encodeURIComponent(WORDS)}&caseStatus=new`);
    await page.waitForURL(`${baseUrl}/persons?caseStatus=new`);
    await page.getByTestId('person-search').fill(WORDS);
    await page
      .getByTestId('persons-table')
      .getByRole('link', { name: `${GIVEN} ${FAMILY}` })
      .waitFor();

    // Within the session the words follow the counsellor through the menu too.
    await page.getByRole('navigation').getByRole('link', { name: tr.nav.home }).click();
    await page.getByRole('navigation').getByRole('link', { name: tr.persons.nav }).click();
    await page.waitForURL(`${baseUrl}/persons`);
    await expect(page.getByTestId('person-search').inputValue()).resolves.toBe(WORDS);

    // After signing out and in again (same tab, no reload) they are gone.
    await page.getByTestId('user-menu').click();
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in$/);
    await page.locator('input[type="email"]').fill('counsellor@ibb.example');
    await page.locator('input[type="password"]').fill('Kopru-Demo-2026!');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('user-menu').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: tr.persons.nav }).click();
    await page.getByTestId('persons-table').waitFor();
    await expect(page.getByTestId('person-search').inputValue()).resolves.toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an officer searches an employer by tax number and goes Back to the same words and result', async () => {
    const { context, page, errors } = await newPage(browser);
    const urls = watchRequests(page);
    await signIn(page, 'employer-relations@ibb.example');
    await page.goto(`${baseUrl}/employers?status=pending`);
    await page.getByTestId('employer-search').fill(VKN);
    const link = page.getByTestId('employers-table').getByRole('link', { name: EMPLOYER });
    await link.waitFor();
    await link.click();
    await page.waitForURL(/\/employers\/[0-9a-f-]{36}$/);
    await page.goBack();
    await page.waitForURL(`${baseUrl}/employers?status=pending`);
    await expect(page.getByTestId('employer-search').inputValue()).resolves.toBe(VKN);
    await link.waitFor();
    expect(urls.some((u) => u.includes('/api/v1/employers/search'))).toBe(true);
    expect(urls.filter((u) => u.includes(VKN))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an administrator searches users by name: the words stay out of the address', async () => {
    const { context, page, errors } = await newPage(browser);
    const urls = watchRequests(page);
    await signIn(page, 'admin@ibb.example');
    await page.goto(`${baseUrl}/admin/users?kind=staff`);
    await page.getByTestId('users-table').waitFor();
    await page.getByPlaceholder(tr.admin.users.searchPlaceholder).fill('zeynep kaya');
    await expect.poll(() => page.getByTestId('users-table').locator('tbody tr').count(), { timeout: 10_000 }).toBe(1);
    expect(page.url()).toBe(`${baseUrl}/admin/users?kind=staff`);
    expect(urls.some((u) => u.includes('/api/v1/users/search'))).toBe(true);
    expect(urls.filter((u) => carries(u, 'zeynep kaya'))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
