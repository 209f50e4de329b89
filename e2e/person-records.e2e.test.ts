import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { withTcknChecksum } from '../src/common/identity-number.ts';
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  arabicForThisPage,
  baseUrl,
  describeE2E,
  launchBrowser,
  newPage,
  OWN_USER_PASSWORD,
  ownStaffUser,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/**
 * The record screens a counsellor was missing (issue 14): merging two records of the same person (pick the
 * duplicate, compare side by side, choose the record that stays, confirm) and linking a registered person
 * to a household from the person's page, without retyping the household's address. Keyboard first; in
 * Turkish and in Arabic.
 */

const run = Math.random().toString(36).slice(2, 6).replace(/\d/g, 'q');
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');

async function register(cookie: string, body: Record<string, unknown>): Promise<string> {
  const person = await apiPostAs<{ id: string }>(cookie, '/persons', {
    sex: 'female',
    nationality: 'TR',
    languages: [],
    province: 'İstanbul',
    district: 'Fatih',
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [],
    confirmNotDuplicate: true,
    ...body,
  });
  return person.id;
}

describeE2E('merging records and linking household members', () => {
  let browser: Browser;
  let cookie = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    cookie = await apiSignIn('counsellor@ibb.example');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('merges a duplicate: picked from the likely duplicates by keyboard, compared, confirmed', async () => {
    const family = `Birleşimoğlu${run}`;
    const kept = await register(cookie, {
      givenName: 'Gülay',
      familyName: family,
      idKind: 'tckn',
      idNumber: withTcknChecksum(`3${digits(8)}`),
      birthDate: '1987-03-09',
      phone: `0542${digits(7)}`,
    });
    const duplicate = await register(cookie, {
      givenName: 'Gülay',
      familyName: family,
      birthDate: '1987-03-09',
      email: `gulay.${run}@example.org`,
    });

    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons/${kept}`);
    await page.getByTestId('merge-open').click();
    await page.waitForURL(`**/persons/${kept}/merge`);
    await page.getByRole('heading', { level: 1, name: tr.persons.merge.title }).waitFor();
    // Nothing to merge until the other record is picked.
    expect(await page.getByTestId('merge-start').isDisabled()).toBe(true);

    const candidate = page.getByTestId('merge-candidate').filter({ hasText: family });
    await candidate.waitFor();
    await candidate.focus();
    await page.keyboard.press('Space');
    await page.getByTestId('merge-compare').waitFor();
    // Side by side: the ID number only this record has, the e-mail only the other has.
    const idRow = page.getByTestId('merge-row-idNumber');
    expect(await idRow.getAttribute('data-differs')).toBe('true');
    expect(await idRow.textContent()).toContain(tr.persons.merge.empty);
    expect(await page.getByTestId('merge-row-email').textContent()).toContain(`gulay.${run}@example.org`);
    expect(await page.getByTestId('merge-row-birthDate').getAttribute('data-differs')).toBeNull();

    await page.getByTestId('merge-start').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(tr.persons.merge.confirmTitle);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByTestId('confirm').click();
    await page.waitForURL(`**/persons/${kept}`);
    await page.getByTestId('person-name').waitFor();

    // The duplicate's id now leads to the kept record, which gained the e-mail.
    const merged = await apiGet<{ id: string; email: string | null }>(cookie, `/persons/${duplicate}`);
    expect(merged.id).toBe(kept);
    expect(merged.email).toBe(`gulay.${run}@example.org`);
    const search = await apiPostAs<{ items: { id: string }[] }>(cookie, '/persons/search', { q: family });
    expect(search.items.map((p) => p.id)).toEqual([kept]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says in Arabic why two records with different ID numbers cannot be merged', async () => {
    const family = `Ayrıkoğlu${run}`;
    const first = await register(cookie, {
      givenName: 'Sena',
      familyName: family,
      idKind: 'tckn',
      idNumber: withTcknChecksum(`3${digits(8)}`),
      birthDate: '1993-11-21',
    });
    await register(cookie, {
      givenName: 'Sena',
      familyName: family,
      idKind: 'tckn',
      idNumber: withTcknChecksum(`3${digits(8)}`),
      birthDate: '1993-11-21',
    });
    // A counsellor of the same office whose saved language is Arabic: the server words the refusal in it.
    const me = await apiGet<{ office: { name: string } | null }>(cookie, '/me');
    const arabic = await ownStaffUser({
      email: `merge-ar-${run}@ibb.example`,
      fullName: 'Birleştirme Arapça',
      roleKey: 'counsellor',
      office: me.office!.name,
      locale: 'ar',
    });
    const { context, page, errors } = await newPage(browser);
    await signIn(page, arabic, OWN_USER_PASSWORD);
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await page.goto(`${baseUrl}/persons/${first}/merge`);
    await page.getByRole('heading', { level: 1, name: ar.persons.merge.title }).waitFor();
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    await page.getByTestId('merge-candidate').filter({ hasText: family }).click();
    await page.getByTestId('merge-compare').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('merge-start').click();
    await page.getByRole('dialog').getByTestId('confirm').click();
    await page.getByText(ar.errors.merge.idNumberConflict).waitFor();
    expect(page.url()).toContain('/merge');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('links a registered person to the household from the person page, the address not typed again', async () => {
    const family = `Haneoğlu${run}`;
    const head = await register(cookie, {
      givenName: 'Nuri',
      familyName: family,
      birthDate: '1970-01-15',
      sex: 'male',
    });
    const spouse = await register(cookie, {
      givenName: 'Şerife',
      familyName: family,
      birthDate: '1972-07-30',
      district: 'Beyoğlu',
    });
    const child = await register(cookie, {
      givenName: 'Yusuf',
      familyName: family,
      birthDate: '2008-05-04',
      sex: 'male',
    });
    const household = await apiPostAs<{ id: string }>(cookie, `/persons/${head}/household`, {
      relation: 'head',
      province: 'İstanbul',
      district: 'Fatih',
      address: 'Balat Mah. Vodina Cad. No 12, Fatih',
    });
    await apiPostAs(cookie, `/households/${household.id}/social-aid`, {
      programme: 'SYDV nakdi yardım',
      monthlyAmount: 3250.5,
      startDate: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
    });

    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons/${head}`);
    await page.getByTestId('tab-household').click();
    // The district is not repeated when the address names it already.
    const address = page.getByTestId('household-address');
    await address.waitFor();
    expect(await address.textContent()).toBe('Balat Mah. Vodina Cad. No 12, Fatih, İstanbul');
    // Money in the locale's format, with one symbol.
    const totalAid = page.getByTestId('household-total-aid');
    await expect(totalAid.textContent()).resolves.toMatch(/^[^₺]*₺[^₺]*$/);
    await expect(totalAid.textContent()).resolves.toContain('3.250,50');

    await page.getByTestId('household-link').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Adding without picking says what is missing, in words.
    await dialog.getByTestId('link-submit').click();
    await expect(dialog.getByTestId('link-pick-error').textContent()).resolves.toBe(tr.households.pickPersonFirst);
    await dialog.getByTestId('person-search').fill(`serife ${family.toLocaleLowerCase('tr')}`);
    const option = dialog.getByTestId('person-option').filter({ hasText: 'Şerife' });
    await option.waitFor();
    await option.focus();
    await page.keyboard.press('Space');
    await dialog.getByTestId('link-relation').click();
    await page.getByRole('option', { name: tr.households.relations.spouse, exact: true }).click();
    expect(await dialog.getByTestId('link-shares-address').isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByTestId('link-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const members = page.getByTestId('household-members');
    await members.getByText(`Şerife ${family}`).waitFor();
    expect(await members.textContent()).toContain(tr.households.relations.spouse);

    // The spouse's own record now carries the household's address.
    const linked = await apiGet<{ district: string; address: string | null }>(cookie, `/persons/${spouse}`);
    expect(linked).toMatchObject({ district: 'Fatih', address: 'Balat Mah. Vodina Cad. No 12, Fatih' });

    // In Arabic: the address still names the district once (the parts joined with the Arabic comma), and a
    // third registered person is linked through the same dialog, its words and the relation in Arabic.
    await arabicForThisPage(page);
    await expect.poll(() => address.textContent()).toBe('Balat Mah. Vodina Cad. No 12, Fatih، İstanbul');
    // Each part is isolated (<bdi>): the Turkish address keeps its own order inside the Arabic line, and the
    // parts follow the page's direction, the street first at the right and the province after it, to its left
    // (without the isolation the Arabic comma joins them into one left-to-right run, the street at the left).
    const parts = address.locator('bdi');
    await expect(parts.allTextContents()).resolves.toEqual(['Balat Mah. Vodina Cad. No 12, Fatih', 'İstanbul']);
    const [street, province] = await Promise.all([parts.nth(0).boundingBox(), parts.nth(1).boundingBox()]);
    expect(street!.x).toBeGreaterThan(province!.x + province!.width - 1);
    // The same amount in Arabic's format (Latin digits), still one symbol.
    await expect(totalAid.textContent()).resolves.toMatch(/^[^₺]*₺[^₺]*$/);
    await expect(totalAid.textContent()).resolves.toContain('3,250.50');
    await page.getByTestId('household-link').click();
    await dialog.waitFor();
    await dialog.getByTestId('link-submit').click();
    await expect(dialog.getByTestId('link-pick-error').textContent()).resolves.toBe(ar.households.pickPersonFirst);
    await dialog.getByTestId('person-search').fill(`yusuf ${family.toLocaleLowerCase('tr')}`);
    const arOption = dialog.getByTestId('person-option').filter({ hasText: 'Yusuf' });
    await arOption.waitFor();
    await arOption.focus();
    await page.keyboard.press('Space');
    await dialog.getByTestId('link-relation').click();
    await page.getByRole('option', { name: ar.households.relations.child, exact: true }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByTestId('link-submit').click();
    await dialog.waitFor({ state: 'detached' });
    const row = members.getByRole('row').filter({ hasText: `Yusuf ${family}` });
    await expect(row.textContent()).resolves.toContain(ar.households.relations.child);
    await expect(members.evaluate((el) => getComputedStyle(el).direction)).resolves.toBe('rtl');
    const theirs = await apiGet<{ members: { personId: string | null }[] }>(cookie, `/persons/${head}/household`);
    expect(theirs.members.map((m) => m.personId)).toContain(child);
    expect(errors).toEqual([]);
    await context.close();
  });
});
