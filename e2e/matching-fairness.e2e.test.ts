import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  arabicForThisPage,
  baseUrl,
  describeE2E,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  tr,
} from './helpers.ts';

/**
 * Issue 10's priority policy and fairness monitor in the browser: İzmir's manager gives women with care
 * duties a lift (validation, confirmation, the version in the history), takes it back, and reads the
 * fairness monitor in Turkish and in Arabic (right to left). İzmir, so the matching tests of İstanbul
 * rank as before.
 */

const suffix = Math.random().toString(36).slice(2, 7);

describeE2E('matching priority policy and fairness monitor', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => browser?.close());

  it('a manager changes the policy within its bounds after a confirmation and sees it in the history', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@izmir.example');
    await page.goto(`${baseUrl}/matching/priority-policy`);
    await page.getByRole('heading', { level: 1, name: tr.priorityPolicy.title }).waitFor();
    const lift = page.getByTestId('lift-woman-care');
    // Out of bounds: the field keeps the lift within them.
    await lift.fill('12');
    await lift.blur();
    await expect.poll(() => lift.inputValue()).toBe('10');
    await lift.fill('4');
    await page.getByLabel(tr.priorityPolicy.note).fill(`Bakım yükü ${suffix}`);
    await page.getByTestId('policy-save').click();
    // The confirmation, open: its close button is named too (the theme names every modal's).
    await page.getByTestId('policy-confirm').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: tr.common.close, exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('policy-confirm').click();
    const history = page.getByTestId('policy-history');
    await history.getByText(`Bakım yükü ${suffix}`).waitFor();
    await expect(history.textContent()).resolves.toContain(`${tr.groups.names['woman-care']} +4`);
    expect(await seriousViolations(page)).toEqual([]);
    // Taken back: a new version without lifts, the earlier one kept.
    await lift.fill('0');
    await page.getByLabel(tr.priorityPolicy.note).fill(`Geri alındı ${suffix}`);
    await page.getByTestId('policy-save').click();
    await page.getByTestId('policy-confirm').click();
    await history.getByText(`Geri alındı ${suffix}`).waitFor();
    await expect(history.textContent()).resolves.toContain(`Bakım yükü ${suffix}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const [locale, t] of [
    ['tr', tr],
    ['ar', ar],
  ] as const)
    it(`${locale}: the fairness monitor shows its filters and an answer, without serious violations`, async () => {
      const { context, page, errors } = await newPage(browser);
      await signIn(page, 'manager@izmir.example');
      if (locale === 'ar') await arabicForThisPage(page);
      await page.goto(`${baseUrl}/matching/fairness`);
      await page.getByRole('heading', { level: 1, name: t.fairness.title }).waitFor();
      await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root'));
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text.includes(t.fairness.empty) || text.includes(t.fairness.flagsTitle)).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
});
