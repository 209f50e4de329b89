import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ar from '../src/common/i18n/ar.json' with { type: 'json' };
import {
  baseUrl,
  describeE2E,
  isoInDays,
  launchBrowser,
  newPage,
  seriousViolations,
  signIn,
  tr,
  arabicForThisPage,
} from './helpers.ts';

/**
 * Issue 17 in the browser: İBB's international-relations officer (the manager) records a protocol with
 * İŞKUR and a follow-up action, opens İŞKUR from the agreement and finds the protocol and the action on
 * İŞKUR's timeline, among its WAPES and CPESSEC memberships; then the timeline in Arabic, right to left.
 */

const run = Math.random().toString(36).slice(2, 6).replace(/\d/g, 'x');

async function pick(page: Page, testId: string, typed: string, option: string | RegExp): Promise<void> {
  const input = page.getByTestId(testId);
  await input.click();
  await input.fill(typed);
  await page.getByRole('option', { name: option }).first().click();
}

describeE2E('international cooperation: a protocol on the partner’s timeline', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => browser?.close());

  it('an officer records a protocol with a follow-up action and sees both on İŞKUR’s timeline', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    const title = `İŞKUR – İBB gençlik istihdamı protokolü ${run}`;
    const action = `Ortak eylem planını hazırlamak ${run}`;

    await page.getByRole('navigation').getByRole('link', { name: tr.international.nav }).click();
    await page.getByRole('heading', { name: tr.international.title }).waitFor();
    await page.getByTestId('new-agreement').click();
    await page.getByTestId('agreement-title').fill(title);
    await page.getByTestId('agreement-signed').fill(isoInDays(-1));
    await pick(page, 'agreement-parties', 'İŞKUR', /İŞKUR/);
    await page.keyboard.press('Escape');
    await page.getByTestId('action-title').fill(action);
    await pick(page, 'action-owner', 'Mehmet', 'Mehmet Demir');
    await page.getByTestId('action-deadline').fill(isoInDays(30));
    await page.getByTestId('agreement-save').click();
    await page.getByTestId('agreement-heading').getByText(title).waitFor();
    await page.getByTestId('follow-ups').getByText(action).waitFor();

    // The party's link opens İŞKUR's timeline: memberships from 2002 on, the protocol and its action last.
    await page.getByTestId('agreement-party').filter({ hasText: 'İŞKUR' }).click();
    await page.getByTestId('partner-heading').getByText('Türkiye İş Kurumu (İŞKUR)').waitFor();
    const timeline = page.getByTestId('partner-timeline');
    await timeline.getByText(title).waitFor();
    await timeline.getByText(action).waitFor();
    await timeline.getByText(tr.international.roles.president).first().waitFor();
    const items = await timeline.locator('[data-testid^="timeline-"]').allTextContents();
    expect(items.findIndex((text) => text.includes(title))).toBeLessThan(
      items.findIndex((text) => text.includes(action)),
    );
    expect(items.findIndex((text) => text.includes('OECD LEED'))).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // In Arabic (the account keeps Turkish: the browser answers the preference change itself).
    await arabicForThisPage(page);
    await page.getByRole('heading', { name: ar.international.timeline }).waitFor();
    await timeline.getByText(ar.international.roles.president).first().waitFor();
    await timeline.getByText(action).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an officer adds and edits publications and good practices, found in tr/en/ar, and follows up an event', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.goto(`${baseUrl}/international`);
    await page.getByRole('heading', { name: tr.international.title }).waitFor();

    // A publication: added with an Arabic title, found by it, then its year corrected.
    const pubTitle = `Kayıt dışı istihdam raporu ${run}`;
    await page.getByTestId('tab-publications').click();
    await page.getByTestId('new-publication').click();
    await page.getByTestId('publication-save').click(); // empty: the problems are said under the fields
    await page.getByRole('dialog').locator('[aria-invalid="true"]').first().waitFor();
    await page.getByTestId('title-tr').fill(pubTitle);
    await page.getByTestId('title-ar').fill(`تقرير العمل غير الرسمي ${run}`);
    await page.getByTestId('publication-year').fill('2025');
    await page.getByTestId('publication-save').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByTestId('publication-search').fill('غير الرسمي');
    const card = page.getByTestId('intl-publication').filter({ hasText: pubTitle });
    await card.waitFor();
    await card.getByTestId('edit-record').click();
    await page.getByTestId('publication-year').fill('2026');
    await page.getByTestId('publication-save').click();
    await card.getByText('2026').waitFor();

    // A good practice: added in three languages, found by its English words, a Turkish title may not repeat.
    const practiceTitle = `Pazar esnafına danışma masası ${run}`;
    await page.getByTestId('tab-practices').click();
    await page.getByTestId('new-practice').click();
    await page.getByTestId('title-tr').fill(practiceTitle);
    await page.getByTestId('title-en').fill(`Market vendors help desk ${run}`);
    await page.getByTestId('summary-tr').fill('Pazar esnafına kayıtlı iş ve sosyal güvenlik danışmanlığı.');
    await page.getByTestId('practice-save').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByTestId('practice-search').fill(`VENDORS HELP ${run}`);
    await page.getByTestId('intl-practice').filter({ hasText: practiceTitle }).waitFor();
    await page.getByTestId('new-practice').click();
    await page.getByTestId('title-tr').fill(practiceTitle);
    await page.getByTestId('summary-tr').fill('Aynı başlık ikinci kez.');
    await page.getByTestId('practice-save').click();
    await page.getByRole('dialog').getByText(tr.errors.international.practiceExists).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: tr.common.cancel }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' }); // not measured while it fades out
    expect(await seriousViolations(page)).toEqual([]);

    // A membership's note edited from the memberships tab.
    await page.getByTestId('tab-memberships').click();
    await page.getByTestId('memberships-table').getByTestId('edit-record').first().click();
    await page.getByRole('dialog').getByLabel(tr.international.fields.note).fill(`Not ${run}`);
    await page.getByTestId('membership-save').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // An event opened from İŞKUR's timeline: its outcomes edited, a follow-up action added with owner and deadline.
    await page.getByTestId('tab-partners').click();
    await page.getByTestId('intl-partners').getByRole('link', { name: /İŞKUR/ }).click();
    const eventTitle = 'Türk Cumhuriyetleri ve Avrasya PESNET çalıştayı';
    await page.getByTestId('partner-timeline').getByRole('link', { name: eventTitle }).last().click();
    await page.getByTestId('event-heading').getByText(eventTitle).waitFor();
    await page.getByTestId('edit-event').click();
    await page.getByTestId('event-outcomes').fill(`Ortak eğitim modülü ${run}`);
    await page.getByTestId('event-save').click();
    await page.getByTestId('intl-event').getByText(`Ortak eğitim modülü ${run}`).waitFor();
    const action = `Çalıştay raporunu paylaşmak ${run}`;
    await page.getByTestId('add-follow-up').click();
    await page.getByTestId('follow-up-save').click();
    await page.getByRole('dialog').locator('[aria-invalid="true"]').first().waitFor();
    await page.getByTestId('follow-up-title').fill(action);
    await pick(page, 'follow-up-owner', 'Mehmet', 'Mehmet Demir');
    await page.getByTestId('follow-up-deadline').fill(isoInDays(14));
    await page.getByTestId('follow-up-save').click();
    await page.getByTestId('follow-ups').getByText(action).waitFor();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('an officer uploads the signed copy of a protocol, downloads it and removes it', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'manager@ibb.example');
    await page.goto(`${baseUrl}/international`);
    await page.getByTestId('tab-agreements').click();
    await page.getByTestId('agreements-table').getByRole('link').first().click();
    await page.getByTestId('agreement-heading').waitFor();
    const title = `İmzalı nüsha ${run}`;

    await page.getByTestId('upload-document').click();
    await page.getByTestId('document-title').fill(title);
    await page.getByTestId('document-save').click(); // no file yet: said under the field
    await page.getByRole('dialog').getByText(tr.documents.chooseFile).waitFor();
    const files = page.getByRole('dialog').locator('input[type="file"]');
    await files.setInputFiles({ name: 'not.txt', mimeType: 'text/plain', buffer: Buffer.from('merhaba') });
    await page.getByTestId('document-save').click();
    await page.getByRole('dialog').getByText(tr.errors.documents.unsupportedType).waitFor();
    // A file named .pdf that is not one: refused by the server, by its bytes.
    await files.setInputFiles({ name: 'sahte.pdf', mimeType: 'application/pdf', buffer: Buffer.from('merhaba') });
    await page.getByTestId('document-save').click();
    await page.getByRole('dialog').getByRole('alert').getByText(tr.errors.documents.unsupportedType).waitFor();
    const pdf = Buffer.from('%PDF-1.4\n% imzalı protokol\n%%EOF\n');
    await files.setInputFiles({ name: 'protokol.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByTestId('document-save').click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    const listed = page
      .getByTestId('agreement-documents')
      .getByRole('link', { name: 'protokol.pdf', exact: true })
      .last();
    await listed.waitFor();
    const download = await page.request.get(new URL((await listed.getAttribute('href'))!, baseUrl).toString());
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('application/pdf');
    expect(await seriousViolations(page)).toEqual([]);

    await page
      .getByTestId('agreement-documents')
      .getByRole('button', { name: new RegExp(title) })
      .click();
    await page.getByRole('dialog').getByRole('button', { name: tr.common.delete }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByText(title).waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });
});
