import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  apiGet,
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
 * Issue 17 in the browser: a market vendor opens the demo survey's public link on a phone, without
 * signing in, switches to Arabic (the page turns right to left), answers — the number of closed weeks
 * appears only once she says the market was closed, the health question asks for her explicit
 * consent — and the response is counted.
 */

interface SurveyDetail {
  id: string;
  title: { tr: string; ar: string };
  responses: number;
  links: { token: string; open: boolean }[];
}

describeE2E('surveys: the public link in Arabic', () => {
  let browser: Browser;
  let manager = '';
  let survey: SurveyDetail;

  beforeAll(async () => {
    browser = await launchBrowser();
    manager = await apiSignIn('manager@ibb.example');
    const list = await apiGet<{ items: { id: string; title: { tr: string } }[] }>(manager, '/surveys');
    const id = list.items.find((s) => s.title.tr === 'Pazar esnafı COVID-19 etki anketi')!.id;
    survey = await apiGet<SurveyDetail>(manager, `/surveys/${id}`);
  }, 60_000);
  afterAll(async () => browser?.close());

  it('a respondent fills the survey in Arabic on a phone, right to left, and the response is counted', async () => {
    const context = await browser.newContext({
      locale: 'tr-TR',
      viewport: { width: 390, height: 800 },
      isMobile: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const token = survey.links.find((l) => l.open)!.token;
    await page.goto(`${baseUrl}/s/${token}`);
    await page.getByTestId('question-goods').first().waitFor();

    // eslint-disable-next-line no-restricted-syntax -- a signed-out page: the choice stays in this browser
    await page.getByTestId('language-switch').click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await page.waitForFunction(() => document.documentElement.dir === 'rtl');
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('ar');
    await page.getByRole('heading', { name: survey.title.ar }).waitFor();
    // Nothing overflows the phone's width.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByTestId('option-goods-produce').check();
    // Skip logic: the weeks question shows only once the market was closed.
    expect(await page.getByTestId('question-weeks-closed').count()).toBe(0);
    await page.getByTestId('option-closed-yes').check();
    await page.getByTestId('question-weeks-closed').fill('6');
    await page.getByTestId('option-income-change-2').check();
    await page.getByTestId('option-covid-illness-no').check();
    await page.getByTestId('option-social-security-no').check();

    // The health answer needs explicit consent: sending without it is stopped with the Arabic message.
    await page.getByTestId('submit-response').click();
    await page.getByText(ar.surveys.answer.consentNeeded).waitFor();
    await page.getByTestId('special-consent').check();
    await page.getByTestId('submit-response').click();
    await page.getByText(ar.surveys.public.thanks).waitFor();
    await expect(page.evaluate(() => document.documentElement.dir)).resolves.toBe('rtl');

    const after = await apiGet<SurveyDetail>(manager, `/surveys/${survey.id}`);
    expect(after.responses).toBe(survey.responses + 1);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('the manager sees the results per question with a table beside the bars, and the survey with its link', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.getByRole('navigation').getByRole('link', { name: tr.surveys.nav }).click();
    await page.getByRole('link', { name: survey.title.tr }).click();
    await page.getByTestId('links-table').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: tr.surveys.results.title }).first().click();
    await page.getByTestId('result-closed').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // The manager may read persons: exact figures on screen; the special question only with special-category:read.
    await page.getByText(tr.surveys.results.exact).waitFor();
    await page.getByText(tr.surveys.results.withheldText).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);
});
