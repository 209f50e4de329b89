import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  baseUrl,
  describeE2E,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  tr,
  arabicForThisPage,
} from './helpers.ts';

/**
 * Issue 17 (cooperatives) in the browser: İBB's manager records a women's cooperative with the form
 * (types, district, members and workers), lands on its page, and finds it in the registry's list; then
 * the list in Arabic reads right to left and still shows it. On a cooperative with open review tasks
 * the manager reassigns one to another officer and picks a member's employer from the list.
 */

const run = Math.random().toString(36).slice(2, 6).replace(/\d/g, 'x');

async function pick(page: Page, testId: string, typed: string, option: string | RegExp): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

describeE2E('cooperatives: the registry', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('a manager records a cooperative and sees it in the list, in Turkish and in Arabic', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    const name = `Fatih Kadın Dayanışma Kooperatifi ${run}`;

    await page.getByRole('navigation').getByRole('link', { name: tr.cooperatives.nav }).click();
    await page.getByTestId('new-cooperative').click();
    await page.getByTestId('coop-name').fill(name);
    await page.getByTestId('coop-icls').click();
    await page.getByRole('option', { name: tr.cooperatives.iclsTypes.producer }).click();
    await pick(page, 'coop-legal', 'Kadın', tr.cooperatives.legalTypes['womens-enterprise']);
    await pick(page, 'province', 'İstanbul', 'İstanbul');
    await pick(page, 'district', 'Fatih', 'Fatih');
    await page.getByTestId('coop-membersWomen').fill('15');
    await page.getByTestId('coop-memberWorkersWomen').fill('6');
    await page.getByTestId('coop-employeesMen').fill('1');
    await page.getByTestId('coop-save').click();
    await page.getByRole('heading', { name }).waitFor();
    await page.getByTestId('coop-counts').getByText('15').first().waitFor();

    await page.goto(`${baseUrl}/cooperatives`);
    await page.getByLabel(tr.common.search).fill(run);
    const table = page.getByTestId('cooperatives-table');
    await table.getByRole('link', { name }).waitFor();
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);

    // In Arabic (the account keeps Turkish: the browser answers the preference change itself).
    await arabicForThisPage(page);
    await page.getByRole('heading', { name: ar.cooperatives.title }).first().waitFor();
    await table.getByRole('link', { name }).waitFor();
    await table.getByText(ar.cooperatives.iclsTypes.producer).first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a manager links a member with the employer chosen from a list and reassigns a review task', async () => {
    const cookie = await apiSignIn('manager@ibb.example');
    const reviews = await apiGet<{ items: { id: string; cooperativeId: string; assignedTo: { id: string } | null }[] }>(
      cookie,
      '/cooperative-reviews?status=open&pageSize=100',
    );
    const review = reviews.items[0]!;
    const officers = await apiGet<{ items: { id: string; name: string }[] }>(cookie, '/cooperative-reviews/officers');
    const persons = await apiPostAs<{ items: { givenName: string; familyName: string }[] }>(cookie, '/persons/search', {
      q: '',
      page: 1,
      pageSize: 20,
    });
    const person = persons.items.find((p) => /^\p{L}{3,}$/u.test(p.familyName))!;
    const employers = await apiGet<{ items: { legalName: string }[] }>(cookie, '/employers?pageSize=1');

    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.goto(`${baseUrl}/cooperatives/${review.cooperativeId}`);
    const card = page
      .getByTestId('review')
      .filter({ has: page.getByTestId('review-reassign') })
      .first();
    const officer = card.getByTestId('review-officer');
    const current = await officer.inputValue();
    const other = officers.items.find((o) => o.name !== current)!;
    await officer.click();
    await officer.fill(other.name);
    await page.getByRole('option', { name: other.name }).first().click();
    await card.getByTestId('review-reassign').click();
    await page.getByText(tr.cooperatives.reviews.reassigned).waitFor();

    await page.getByLabel(tr.cooperatives.members.search).fill(person.familyName);
    await page.getByLabel(tr.cooperatives.members.search).press('Enter');
    await page.getByRole('combobox', { name: tr.cooperatives.members.person }).click();
    await page
      .getByRole('option', { name: new RegExp(person.familyName) })
      .first()
      .click();
    await page.getByLabel(tr.cooperatives.members.startDate).fill('2026-01-05');
    await pick(
      page,
      'member-employer',
      employers.items[0]!.legalName.slice(0, 6),
      new RegExp(employers.items[0]!.legalName.slice(0, 6)),
    );
    expect(await page.getByTestId('member-employer').inputValue()).toContain(employers.items[0]!.legalName.slice(0, 6));
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
