import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import { apiGet, apiSignIn, baseUrl, describeE2E, launchBrowser, publishedVacancy, tr } from './helpers.ts';

/**
 * Issue 14, the public registration form as a job seeker meets it on a phone, from "Apply" on a board
 * vacancy to the last step, in Turkish and in Arabic (the browser's language): plain words addressed to
 * "you" (no "Kurum", none of the staff wizard's wording about "the person"), `autocomplete` tokens so that
 * the phone fills name, phone and e-mail, every control a touch target of at least 44 × 44 px (measured
 * with boundingBox on every step), and the information notice in the page's flow, readable in full.
 */

const run = Math.random().toString(36).slice(2, 7).replace(/\d/g, 'p');
type Words = typeof tr;

/** Staff wording that must not reach the public form, and words the form must not use. */
function staffWords(t: Words): string[] {
  return [
    t.persons.fields.languages,
    t.persons.idHint.serverDecides,
    t.persons.constraints.intro,
    t.persons.constraints.shifts,
    t.persons.constraints.districts,
    t.persons.constraints.childcareNeed,
    t.consents.optional,
  ].filter((staff) =>
    // A staff label inside the person's own ("اللغات" in "اللغات التي تتحدثها") is no mistake.
    [...Object.values(t.selfService.constraints), ...Object.values(t.selfService.fields)].every(
      (own) => !own.includes(staff),
    ),
  );
}
/** A whole word (JavaScript's \\b knows only ASCII letters). */
const word = (w: string) => new RegExp(`(?<!\\p{L})${w}(?!\\p{L})`, 'u');
const FORBIDDEN: Record<'tr' | 'ar', RegExp[]> = {
  // "Kurum" (the institution) is office jargon; a third person ("kişinin", "the person") is the staff wizard's.
  tr: [word('Kurum'), word('[Kk]işinin'), word('[Kk]işiye'), word('Bildiği'), word('Çalışabileceği'), /ihtiyacı var/u],
  ar: [word('الشخص'), word('يحتاج')],
};

/**
 * Every visible control of the form with a box smaller than 44 × 44 px. A checkbox, radio or chip input is
 * hidden behind its label (or row), which is what a finger presses: that is measured instead.
 */
async function smallTargets(page: Page): Promise<string[]> {
  await page.evaluate(() => {
    document.querySelectorAll('[data-touch-target]').forEach((el) => el.removeAttribute('data-touch-target'));
    const controls = document.querySelectorAll<HTMLElement>(
      'main input:not([type=hidden]), main button, main textarea, main [role=combobox], main a[href]',
    );
    let i = 0;
    for (const el of controls) {
      // The text field inside a pills input (chosen jobs, districts) is pressed through its whole box.
      let target: HTMLElement = el.closest<HTMLElement>('.mantine-Input-input') ?? el;
      if (el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio')) {
        const label = el.id ? document.querySelector<HTMLElement>(`label[for="${CSS.escape(el.id)}"]`) : null;
        target = el.closest<HTMLElement>('.mantine-Checkbox-body, .mantine-Radio-body') ?? label ?? el;
      }
      const style = getComputedStyle(target);
      if (target.offsetParent === null || style.visibility === 'hidden') continue;
      target.setAttribute('data-touch-target', String(i++));
    }
  });
  const small: string[] = [];
  for (const target of await page.locator('[data-touch-target]').all()) {
    const box = await target.boundingBox();
    if (!box || (box.width >= 44 && box.height >= 44)) continue;
    const name =
      (await target.getAttribute('aria-label')) ??
      (await target.textContent())?.trim() ??
      (await target.evaluate((el) => el.tagName));
    small.push(`${name || (await target.evaluate((el) => el.outerHTML.slice(0, 80)))}: ${box.width}×${box.height}`);
  }
  return small;
}

describeE2E('the public registration form in a job seeker’s words, on a phone', () => {
  let browser: Browser;
  let vacancyId = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    const [officer, manager, employer] = await Promise.all(
      ['employer-relations@ibb.example', 'manager@ibb.example', 'employer@ibb.example'].map((e) => apiSignIn(e)),
    );
    const portalEmployer = await apiGet<{ id: string }>(employer!, '/portal/employer');
    ({ id: vacancyId } = await publishedVacancy(officer!, manager!, {
      employerId: portalEmployer.id,
      title: `Garson ${run}`,
      occupation: 'Garson',
      province: 'İstanbul',
      district: 'Fatih',
      startInDays: 15,
    }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const locale of ['tr', 'ar'] as const) {
    it(`${locale}: from "Apply" to the notice, every step in plain words, with autocomplete and 44 px targets`, async () => {
      const t = locale === 'tr' ? tr : ar;
      const context = await browser.newContext({
        locale: locale === 'tr' ? 'tr-TR' : 'ar',
        viewport: { width: 390, height: 844 },
        hasTouch: true,
        isMobile: true,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      const mistakes: string[] = [];
      /** The words of the current step: none of the staff wizard's, none of the jargon. */
      async function checkStep(step: string): Promise<void> {
        const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
        for (const words of staffWords(t)) if (text.includes(words)) mistakes.push(`${step}: "${words}"`);
        for (const re of FORBIDDEN[locale]) if (re.test(text)) mistakes.push(`${step}: ${String(re)}`);
        for (const small of await smallTargets(page)) mistakes.push(`${step}: small target ${small}`);
      }
      const next = async (title: string) => {
        await page.getByTestId('reg-next').click();
        await expect.poll(() => page.getByTestId('reg-step-title').textContent()).toBe(title);
      };

      // The board's "Apply": registering comes first, in the same plain words.
      await page.goto(`${baseUrl}/jobs/${vacancyId}/apply?lang=${locale}`);
      await checkStep('apply');
      await page.locator('ul.choices a.button').first().click();
      await page.waitForURL(/\/register\?vacancy=/);
      await expect.poll(() => page.locator('html').getAttribute('dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      await page.getByTestId('reg-vacancy').waitFor();
      await expect.poll(() => page.getByTestId('reg-organisation').inputValue()).toBe('İstanbul Büyükşehir Belediyesi');
      await page.waitForFunction(() => !document.querySelector('.mantine-Loader-root'));
      expect(await page.getByText(t.selfService.organisation).count()).toBeGreaterThan(0);
      await checkStep('office');
      await page.getByTestId('reg-office').click();
      await page.getByRole('option', { name: /Fatih İstihdam Ofisi/ }).click();
      await next(t.selfService.steps.identity);

      // About you: the phone fills the names; the ID number's hint speaks to the person; languages "you speak".
      expect(await page.getByTestId('givenName').getAttribute('autocomplete')).toBe('given-name');
      expect(await page.getByTestId('familyName').getAttribute('autocomplete')).toBe('family-name');
      await page.getByTestId('idKind').click();
      await page.getByRole('option', { name: t.persons.idKinds.tckn, exact: true }).click();
      await page.getByText(t.selfService.fields.idNumberHint).waitFor();
      expect(await page.getByTestId('idNumber').getAttribute('inputmode')).toBe('numeric');
      await page.getByText(t.selfService.fields.languages, { exact: true }).waitFor();
      await page.getByTestId('language-add').click();
      await page.getByTestId('language-0').waitFor();
      await checkStep('identity');
      // No number after all (it is optional online): the counsellor adds it at the meeting.
      await page.getByTestId('idKind').click();
      await page.getByRole('option', { name: t.persons.idKinds.none, exact: true }).click();
      await page
        .getByRole('button', { name: new RegExp(t.persons.removeLanguage.replace('{{language}}', '').trim()) })
        .click();
      await page.getByTestId('givenName').fill('Yasemin');
      await page.getByTestId('familyName').fill(`Sadeli ${run}`);
      await page.getByTestId('birthDate').fill('1998-03-12');
      await page.getByTestId('sex').getByText(t.persons.sexes.female).click();
      await next(t.selfService.steps.contact);

      // Contact: tel and e-mail keyboards, filled by the phone.
      const phone = page.getByTestId('phone');
      expect(await phone.getAttribute('autocomplete')).toBe('tel');
      expect(await phone.getAttribute('type')).toBe('tel');
      const email = page.getByLabel(t.persons.fields.email);
      expect(await email.getAttribute('autocomplete')).toBe('email');
      expect(await email.getAttribute('type')).toBe('email');
      expect(await page.getByLabel(t.persons.fields.address).getAttribute('autocomplete')).toBe('street-address');
      await checkStep('contact');
      for (const [id, value] of [
        ['province', 'İstanbul'],
        ['district', 'Fatih'],
      ] as const) {
        // Picked like a person does; typed again when the list was not open yet (a slow machine).
        for (let attempt = 1; ; attempt++) {
          await page.getByTestId(id).click();
          await page.getByTestId(id).fill(value);
          const picked = await page
            .getByRole('option', { name: value, exact: true })
            .click({ timeout: 5_000 })
            .then(() => true)
            .catch(() => false);
          if (picked) break;
          // Else by keyboard, as a person may: the first option the typed words find.
          await page.keyboard.press('ArrowDown');
          await page.keyboard.press('Enter');
          if ((await page.getByRole('listbox').count()) === 0 && (await page.getByTestId(id).inputValue()) === value)
            break;
          if (attempt === 4) throw new Error(`could not pick ${value} in ${id}`);
        }
      }
      await phone.fill(`0538${String(Date.now()).slice(-7)}`);
      await next(t.selfService.steps.work);

      // The work wanted and the conditions, asked of "you"; a typed job becomes a chip with its own button.
      await page.getByTestId('reg-occupations').fill('Garson');
      await page.keyboard.press('Enter');
      for (const words of [
        t.selfService.constraints.intro,
        t.selfService.constraints.shifts,
        t.selfService.constraints.childcareNeed,
      ])
        await page.getByText(words, { exact: true }).waitFor();
      await checkStep('work');
      await next(t.selfService.steps.consent);

      // The notice is in the page, whole: no box of its own hiding the rest, every section there.
      const notice = page.getByTestId('notice-text');
      await notice.waitFor();
      const clipped = await notice.evaluate((el: HTMLElement) => {
        let node: HTMLElement | null = el;
        for (; node && node !== document.body; node = node.parentElement) {
          const overflow = getComputedStyle(node).overflowY;
          if (
            (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') &&
            node.scrollHeight > node.clientHeight + 1
          )
            return node.outerHTML.slice(0, 120);
        }
        return null;
      });
      expect(clipped).toBeNull();
      const noticeText = (await notice.innerText()).replace(/\s+/g, ' ');
      expect(noticeText).toContain(t.pdf.notice.title);
      for (const section of [
        'controller',
        'data',
        'purposes',
        'legalBasis',
        'recipients',
        'retention',
        'rights',
        'apply',
      ] as const)
        expect(noticeText).toContain(t.pdf.notice[section].title);
      await page.getByText(t.consents.optionalYou).waitFor();
      await checkStep('consent');

      expect(mistakes).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 300_000);
  }
});
