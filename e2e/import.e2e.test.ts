import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { withTcknChecksum } from '../src/common/identity-number.ts';
import { apiGet, apiSignIn, baseUrl, describeE2E, launchBrowser, newPage, signIn, tr } from './helpers.ts';

/**
 * The person import page through the streamed multipart upload (issue 15): a counsellor picks a CSV with
 * one good row and one bad row, checks it, and sees the row report; the job holds one row with problems,
 * and nothing was imported by the check.
 */

const run = Math.random().toString(36).slice(2, 6).replace(/\d/g, 'x');
const randomDigits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
const COLUMNS = tr.import.columns as Record<string, string>;

function csvFile(): Buffer {
  const fields = Object.keys(COLUMNS);
  const row = (given: string, sex: string) => {
    const values: Record<string, string> = {
      givenName: given,
      familyName: `Yüklemeoğlu${run}`,
      idKind: 'T.C. kimlik no',
      idNumber: withTcknChecksum(`4${randomDigits(8)}`),
      birthDate: '12.04.1990',
      sex,
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      noticeVersion: '2026-01',
      noticeChannel: 'yüz yüze',
      consentEmployers: 'hayır',
      checkedNotDuplicate: 'evet',
    };
    return fields.map((f) => values[f] ?? '').join(';');
  };
  const lines = [fields.map((f) => COLUMNS[f]).join(';'), row('Ayşe', 'kadın'), row('Mehmet', 'belki')];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

describeE2E('person import page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('uploads a file as multipart and shows the row report; the check writes nothing', async () => {
    const { context, page, errors } = await newPage(browser);
    await signIn(page, 'counsellor@ibb.example');
    await page.goto(`${baseUrl}/persons/import`);
    const fileName = `kisiler-${run}.csv`;
    await page.locator('input[type="file"]').setInputFiles({ name: fileName, mimeType: 'text/csv', buffer: csvFile() });
    const uploaded = page.waitForRequest((r) => r.url().endsWith('/api/v1/persons/import') && r.method() === 'POST');
    await page.getByTestId('import-check').click();
    const request = await uploaded;
    expect(request.headers()['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    await page.getByText(tr.import.wizard.reportTitle.replace('{{file}}', fileName)).waitFor({ timeout: 30_000 });

    const cookie = await apiSignIn('counsellor@ibb.example');
    const jobs = await apiGet<{ items: { id: string; fileName: string }[] }>(cookie, '/persons/import');
    const id = jobs.items.find((j) => j.fileName === fileName)!.id;
    const job = await apiGet<{
      status: string;
      totalRows: number;
      importedRows: number;
      problems: { row: number; pointer: string }[];
    }>(cookie, `/persons/import/${id}`);
    // Checked, not imported; the unknown value of row 3 is reported at its column.
    expect(job).toMatchObject({ status: 'validated', totalRows: 2, importedRows: 0 });
    expect(job.problems).toContainEqual(expect.objectContaining({ row: 3, pointer: '/sex' }));
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
