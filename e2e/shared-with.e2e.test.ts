import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  baseUrl,
  consentingPerson,
  describeE2E,
  launchBrowser,
  newPage,
  publishedVacancy,
  sentReferral,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Issue 8, item 22 in the browser: a person referred to an employer has a phone number corrected; the
 * profile's "Shared with" tab lists the employer that received the profile and the correction owed to
 * it (which field, not the value). Data is set up through the API as İzmir's staff.
 */

const suffix = Math.random().toString(36).slice(2, 7);

async function patchAs(cookie: string, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method: 'PATCH',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

describeE2E('the Shared with tab', () => {
  let browser: Browser;
  let personId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    const officer = await apiSignIn('employer-relations@izmir.example');
    const manager = await apiSignIn('manager@izmir.example');
    const counsellor = await apiSignIn('counsellor@izmir.example');
    const employers = await apiPostAs<{ items: { id: string; legalName: string }[] }>(officer, '/employers/search', {
      q: 'Ege Bereket',
    });
    const employerId = employers.items[0]!.id;
    const vacancy = await publishedVacancy(officer, manager, {
      employerId,
      title: `Depo elemanı ${suffix}`,
      occupation: 'Depo elemanı',
      province: 'İzmir',
      district: 'Torbalı',
      startInDays: 30,
    });
    const person = await consentingPerson(counsellor, {
      givenName: 'Paylaşılan',
      familyName: `Kişi ${suffix}`,
      birthDate: '1991-04-04',
      sex: 'male',
      phone: `0533 ${String(Date.now()).slice(-7, -4)} ${String(Date.now()).slice(-4, -2)} ${String(Date.now()).slice(-2)}`,
      province: 'İzmir',
      district: 'Konak',
    });
    personId = person.id;
    await sentReferral(counsellor, vacancy.id, personId);
    await patchAs(counsellor, `/persons/${personId}`, { phone: '0533 444 55 66' });
    const shared = await apiGet<{ rectifications: unknown[] }>(counsellor, `/persons/${personId}/shared-with`);
    expect(shared.rectifications).toHaveLength(1);
  }, 60_000);
  afterAll(async () => browser?.close());

  it('lists the employer that received the profile and the corrected field, axe clean', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@izmir.example');
    await page.goto(`${baseUrl}/persons/${personId}`);
    await page.getByTestId('tab-shared').click();
    await page.getByTestId('disclosures').getByText('Ege Bereket Kooperatifi').waitFor();
    const notices = page.getByTestId('rectifications');
    await notices.getByRole('cell', { name: 'Ege Bereket Kooperatifi' }).waitFor();
    await notices.getByRole('cell', { name: tr.persons.fields.phone }).waitFor();
    await expect(notices.getByText('444').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
