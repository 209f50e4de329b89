import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  apiGet,
  apiPostAs,
  apiSignIn,
  arabicForThisPage,
  baseUrl,
  describeE2E,
  isoInDays,
  latestSignInCode,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/**
 * The job seeker's own applications and appointments on their page (issue 14): Fatma's counsellor proposes
 * her for a vacancy and books an appointment; both appear on her page in plain words, the time in Türkiye
 * time. Ahmad sees the same sections in Arabic, right to left, with their empty states. Fatma then asks for a
 * review of how matching ranked her for another vacancy (issue 10), and the DPO reads the kept ranking.
 * Fatma's one-time codes are this file's alone: the newest code sent to a number is the one read back.
 */

async function signInWithCode(page: Page, phone: string): Promise<void> {
  const since = new Date(Date.now() - 2000);
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByTestId('code-tab').click();
  await page.getByLabel(tr.auth.identifier).fill(phone);
  await page.getByTestId('send-code').click();
  await page.getByText(tr.auth.codeSent).waitFor();
  await page.getByLabel(tr.auth.code).fill(await latestSignInCode(phone, since));
  await page.getByTestId('verify-code').click();
}

/** A working day at 10:00 Türkiye time a few days ahead (a holiday answers 422: the next day is tried). */
async function book(cookie: string, personId: string): Promise<{ startsAt: string }> {
  for (let days = 3; days < 20; days++) {
    const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    const response = await fetch(`${baseUrl}/api/v1/persons/${personId}/appointments`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ startsAt: `${day}T10:00:00+03:00`, durationMinutes: 30, mode: 'in-person' }),
    });
    if (response.status === 201) return ((await response.json()) as { appointment: { startsAt: string } }).appointment;
  }
  throw new Error('no working day found for the appointment');
}

const run = Math.random().toString(36).slice(2, 7);

/**
 * A part-time day job in Fatih at the demo employer, which Fatma's constraints accept (30 hours a week, Fatih),
 * and Fatma proposed for it from its ranked candidates.
 */
async function fatmaProposedFromRanking(): Promise<{ title: string }> {
  const [counsellor, officer, manager, employerUser] = await Promise.all(
    ['counsellor@ibb.example', 'employer-relations@ibb.example', 'manager@ibb.example', 'employer@ibb.example'].map(
      (e) => apiSignIn(e),
    ),
  );
  const employer = await apiGet<{ id: string }>(employerUser!, '/portal/employer');
  const title = `Temizlik görevlisi (yarı zamanlı) ${run}`;
  const vacancy = await apiPostAs<{ id: string }>(officer!, '/vacancies', {
    employerId: employer.id,
    title,
    occupation: 'Temizlik görevlisi',
    duties: 'Ofis ve ortak alanların gündüz temizliği, malzeme takibi.',
    province: 'İstanbul',
    district: 'Fatih',
    positions: 2,
    contractType: 'part-time',
    startDate: isoInDays(14),
    hoursPerDay: 6,
    hoursPerWeek: 30,
    shifts: ['day'],
    wageMin: 20000,
    wageBasis: 'net',
  });
  await apiPostAs(officer!, `/vacancies/${vacancy.id}/submit`, {});
  await apiPostAs(manager!, `/vacancies/${vacancy.id}/review`, { decision: 'publish' });
  const found = await apiPostAs<{ items: { id: string }[] }>(counsellor!, '/persons/search', { q: '0532 100 00 02' });
  await apiPostAs(counsellor!, '/matching/referrals', { vacancyId: vacancy.id, personId: found.items[0]!.id });
  return { title };
}

describeE2E('the seeker’s own applications and appointments', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows Fatma the job she was proposed for and the appointment her counsellor booked, in plain Turkish', async () => {
    const cookie = await apiSignIn('counsellor@ibb.example');
    const found = await apiPostAs<{ items: { id: string }[] }>(cookie, '/persons/search', { q: '0532 100 00 02' });
    const fatmaId = found.items[0]!.id;
    const appointment = await book(cookie, fatmaId);
    const vacancies = await apiGet<{ items: { id: string; title: string }[] }>(
      cookie,
      '/vacancies?status=published&pageSize=50',
    );

    const { context, page, errors } = await newPage(browser);
    await signInWithCode(page, '+905321000002');
    await page
      .getByRole('heading', { name: tr.selfService.appointments.title, exact: true })
      .waitFor({ timeout: 15_000 });

    // The appointment, in Türkiye time, coming up.
    const item = page.getByTestId('own-appointment').first();
    await item.waitFor();
    const when = new Intl.DateTimeFormat('tr-TR', {
      timeZone: 'Europe/Istanbul',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(appointment.startsAt));
    expect(when).toBe('10:00');
    expect(await item.getByTestId('own-appointment-when').textContent()).toContain('10:00');
    expect(await item.textContent()).toContain(tr.selfService.appointments.upcoming);

    // Her counsellor proposes her for a vacancy (the first one the rules let through); her page lists it.
    let applied: { id: string; title: string } | undefined;
    const refusals: string[] = [];
    for (const v of vacancies.items) {
      const response = await fetch(`${baseUrl}/api/v1/referrals`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ vacancyId: v.id, personId: fatmaId }),
      });
      if (response.status === 201) {
        applied = v;
        break;
      }
      refusals.push(`${v.title}: ${response.status}`);
    }
    expect(applied, `a vacancy Fatma may be proposed for: ${refusals.join(' | ')}`).toBeDefined();
    await page.goto(`${baseUrl}/`);
    const application = page.getByTestId('own-application').filter({ hasText: applied!.title }).first();
    await application.waitFor({ timeout: 15_000 });
    expect(await application.getByTestId('own-application-stage').textContent()).toBe(
      tr.selfService.applications.stages.proposed,
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows Ahmad the same sections in Arabic, right to left', async () => {
    const { context, page, errors } = await newPage(browser);
    await signInWithCode(page, '+905321000003');
    await page
      .getByRole('heading', { name: ar.selfService.applications.title, exact: true })
      .waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { name: ar.selfService.appointments.title, exact: true }).waitFor();
    await expect(page.locator('html').getAttribute('dir')).resolves.toBe('rtl');
    // Either his list or its empty state, each in Arabic.
    const section = page.locator('section[aria-labelledby="me-applications"]');
    const text = (await section.textContent()) ?? '';
    expect(text.includes(ar.selfService.applications.none) || text.includes(ar.selfService.applications.intro)).toBe(
      true,
    );
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  // A review of how she was ranked (issue 10): from her application to the data-protection desk.
  it('Fatma asks from her application; the DPO reads the kept ranking; both in Turkish and in Arabic', async () => {
    const vacancy = await fatmaProposedFromRanking();

    const { context, page, errors } = await newPage(browser);
    await signInWithCode(page, '+905321000002');
    const application = page.getByTestId('own-application').filter({ hasText: vacancy.title }).first();
    await application.waitFor({ timeout: 15_000 });
    await application.getByRole('button', { name: tr.selfService.applications.review }).click();
    const dialog = page.getByRole('dialog', { name: tr.selfService.applications.reviewTitle });
    await dialog.getByText(tr.selfService.applications.reviewText).waitFor();
    await dialog
      .getByLabel(tr.selfService.applications.reviewDetails)
      .fill('Listede neden aşağıda olduğumu öğrenmek istiyorum.');
    const filed = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/me/data-requests') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: tr.selfService.applications.reviewSend }).click();
    const response = await filed;
    expect(response.status()).toBe(201);
    const request = (await response.json()) as { id: string };
    // The application says the review was asked and where it stands; no second button.
    const asked = application.getByTestId('ranking-review-asked');
    await asked.waitFor();
    expect(await asked.textContent()).toContain(tr.dataProtection.statuses.verified);
    await expect(application.getByRole('button', { name: tr.selfService.applications.review }).count()).resolves.toBe(
      0,
    );
    expect(await seriousViolations(page)).toEqual([]);

    await arabicForThisPage(page);
    await expect.poll(() => asked.textContent()).toContain(ar.dataProtection.statuses.verified);
    expect(await asked.textContent()).toContain(ar.selfService.applications.reviewAsked.split('{{')[0]!.trim());
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();

    // The DPO opens the request: the ranking objected to, with the vacancy, the score and why.
    const desk = await newPage(browser);
    await signIn(desk.page, 'dpo@ibb.example');
    await desk.page.goto(`${baseUrl}/data-protection/requests/${request.id}`);
    const kept = desk.page.getByTestId('kept-match');
    await kept.waitFor({ timeout: 15_000 });
    expect(await kept.getByRole('heading').textContent()).toBe(tr.dataProtection.request.ranking);
    expect(await kept.getByTestId('kept-match-about').textContent()).toContain(vacancy.title);
    expect((await kept.getByTestId('kept-match-explanation').textContent())!.length).toBeGreaterThan(10);
    expect(await seriousViolations(desk.page)).toEqual([]);

    await arabicForThisPage(desk.page);
    await expect.poll(() => kept.getByRole('heading').textContent()).toBe(ar.dataProtection.request.ranking);
    expect(await kept.getByTestId('kept-match-about').textContent()).toContain(vacancy.title);
    expect(await seriousViolations(desk.page)).toEqual([]);
    expect(desk.errors).toEqual([]);
    await desk.context.close();
  });
});
