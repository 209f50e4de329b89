import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

async function choose(page: Page, testId: string, option: RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name: option }).first().click();
}

describeE2E('childcare: a counsellor asks for a care place from the mother’s profile', () => {
  let browser: Browser;
  let fatmaId = '';
  beforeAll(async () => {
    browser = await launchBrowser();
    // The demo's Fatma Koç (Fatih office): on a course, her son Ahmet (A. K.) of nursery age, no place yet.
    const cookie = await apiSignIn('counsellor@ibb.example');
    const found = await apiPostAs<{ items: { id: string; givenName: string; familyName: string }[] }>(
      cookie,
      '/persons/search',
      { q: 'Fatma Koç' },
    );
    fatmaId = found.items.find((p) => p.givenName === 'Fatma' && p.familyName === 'Koç')!.id;
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('tr: applies for the full Esenyurt nursery, sees her position and reason, then the waiting list; ar: the list right-to-left', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons/${fatmaId}`);
    await page.getByTestId('tab-childcare').click();
    await expect(page.getByTestId('childcare-priority').textContent()).resolves.toBe(
      tr.childcare.person.priority.programme,
    );
    await choose(page, 'care-child', /^A\. K\./);
    await choose(page, 'care-provider', /^Esenyurt Belediyesi Çocuk Gelişim Merkezi/);
    await page.getByTestId('care-apply').click();

    // The nursery is full: she joins the line behind the mother who applied before her, both in a programme.
    const entry = page.getByTestId('person-care-entry');
    await entry.waitFor();
    await expect(entry.getByTestId('care-status').textContent()).resolves.toBe(tr.childcare.statuses.waiting);
    await expect(entry.getByTestId('care-when').textContent()).resolves.toBe(
      tr.childcare.positionN.replace('{{n}}', '2'),
    );
    await expect(entry.textContent()).resolves.toContain(tr.childcare.priorities.programme);
    // The child by initials and age only.
    await expect(entry.textContent()).resolves.not.toContain('Ahmet');

    await entry.getByRole('link', { name: 'Esenyurt Belediyesi Çocuk Gelişim Merkezi' }).click();
    const rows = page.getByTestId('waiting-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    await expect(rows.nth(1).textContent()).resolves.toContain('Fatma Koç');
    // The mother ahead of her is of the Sultanbeyli office: her position and reason show, her name does not.
    await expect(rows.nth(0).textContent()).resolves.toContain(tr.childcare.otherOffice);
    await expect(rows.nth(0).textContent()).resolves.not.toContain('Gülsüm');
    await expect(page.getByText(tr.childcare.rule).count()).resolves.toBe(1);
    await expect(page.getByTestId('provider-places-line').textContent()).resolves.toBe(
      tr.childcare.placesLine.replace('{{allocated}}', '1').replace('{{capacity}}', '1').replace('{{free}}', '0'),
    );

    // Arabic: the same list, right to left, with the reasons translated.
    await arabicForThisPage(page);
    await expect(page.getByTestId('waiting-list').locator('th').first().textContent()).resolves.toBe(
      ar.childcare.fields.position,
    );
    await expect(rows.nth(1).getByTestId('care-reason').textContent()).resolves.toContain(
      ar.childcare.priorities.programme,
    );
    // Right to left: the position column sits at the right edge of the table.
    const table = (await page.getByTestId('waiting-list').boundingBox())!;
    const first = (await page.getByTestId('waiting-list').locator('th').first().boundingBox())!;
    expect(first.x + first.width).toBeGreaterThan(table.x + table.width - 40);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);

    expect(errors).toEqual([]);
    await context.close();
  });
});
