import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { employerContacts, employers, vacancies } from '../../db/schema/index.ts';
import { withVknChecksum } from '../../../common/identity-number.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { t as translate } from '../../lib/i18n.ts';
import type { Locale } from '../../../common/locales.ts';
import { demoEmployerTaxNumber } from '../../db/seed/demo-employers.ts';
import { parseCsv } from '../../lib/tabular.ts';
import { EMPLOYER_COLUMNS, VACANCY_COLUMNS } from './transfer.service.ts';

let t: TestContext;
let officer: TestClient; // employer relations, İBB
let serial = 630_000_00;

beforeAll(async () => {
  t = await createTestContext();
  officer = await t.as('ibb', 'employer-relations');
});
afterAll(async () => t.close());

const vkn = () => withVknChecksum(String(++serial).padStart(9, '3').slice(0, 9));
const header = (locale: Locale, column: string) => translate(locale, `jobboard.transfer.columns.${column}`);
const inDays = (n: number) => turkishDate(new Date(t.clock.now().getTime() + n * 86_400_000));
const trDate = (iso: string) => iso.split('-').reverse().join('.');

type Row = Record<string, string | number | boolean | Date | null>;

/** A CSV as Turkish Excel writes it: BOM, ";" and CRLF; headers in the given language. */
function csv(columns: readonly string[], rows: Row[], locale: Locale = 'tr'): string {
  const quote = (s: string) => (/[";\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [columns.map((c) => header(locale, c)), ...rows.map((r) => columns.map((c) => String(r[c] ?? '')))];
  return Buffer.from(`\uFEFF${lines.map((l) => l.map(quote).join(';')).join('\r\n')}\r\n`).toString('base64');
}

async function xlsx(columns: readonly string[], rows: Row[], locale: Locale = 'en'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('x');
  sheet.addRow(columns.map((c) => header(locale, c)));
  for (const r of rows) sheet.addRow(columns.map((c) => r[c] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

function employerRow(overrides: Row = {}): Row {
  const n = ++serial;
  return {
    legalName: `Aktarma Deneme Ambalaj Ltd. Şti. ${n}`,
    tradeName: `Aktarma ${n}`,
    taxKind: 'vkn',
    taxNumber: vkn(),
    naceCode: '17.21',
    workerCount: 25,
    isPublic: 'hayır',
    province: 'İstanbul',
    district: 'Esenyurt',
    address: 'Deneme Sok. No: 1',
    acceptTerms: 'evet',
    contactName: 'Meltem Sezer',
    contactRole: 'Muhasebe',
    contactPhone: '0212 630 00 00',
    contactEmail: `muhasebe${n}@aktarma.example`,
    ...overrides,
  };
}

function vacancyRow(overrides: Row = {}): Row {
  return {
    employerTaxNumber: demoEmployerTaxNumber('Bağcılar Örme Tekstil Sanayi ve Ticaret Ltd. Şti.'),
    title: `Aktarılan ilan ${++serial}`,
    occupation: 'Dikiş makinesi operatörü',
    duties: 'Düz dikiş makinesinde üretim; kalite ekibiyle çalışma.',
    requiredSkills: 'Düz dikiş; Overlok',
    languages: 'tr:B1',
    province: 'İstanbul',
    district: 'Bağcılar',
    positions: 2,
    contractType: 'Süresiz, tam zamanlı',
    startDate: trDate(inDays(20)),
    hoursPerDay: 9,
    hoursPerWeek: 45,
    shifts: 'Gündüz',
    wageMin: '30.500,00',
    wageMax: '33.000',
    wageBasis: 'net',
    childcareSupport: 'evet',
    accessibleWorkplace: 'hayır',
    suitableGroups: 'woman-care; refugee',
    deadline: trDate(inDays(30)),
    ...overrides,
  };
}

const employerCount = async () => (await t.database.db.select({ n: count() }).from(employers))[0]!.n;
const vacancyCount = async () => (await t.database.db.select({ n: count() }).from(vacancies))[0]!.n;

async function readXlsx(body: string | Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(body as never, 'binary') as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((r) =>
    rows.push(
      (r.values as unknown[])
        .slice(1)
        .map((v) =>
          v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v as string),
        ),
    ),
  );
  return rows;
}

describe('export', () => {
  it('exports employers as CSV with a UTF-8 BOM, headers in my language, my organisation only', async () => {
    const res = await officer.get('/api/v1/employers/export?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="isverenler\.csv"/);
    const bytes = res.raw.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text).toContain('\r\n');
    const rows = parseCsv(text, ';').filter((r) => r.length > 1);
    expect(rows[0]).toContain('Ticari unvan');
    expect(rows[0]).toContain('Vergi numarası');
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toContain('Bağcılar Örme Tekstil Sanayi ve Ticaret Ltd. Şti.');
    expect(names).not.toContain('Ege Bereket Tarımsal Kalkınma Kooperatifi');
    expect(text).toContain(demoEmployerTaxNumber('Bağcılar Örme Tekstil Sanayi ve Ticaret Ltd. Şti.'));
    // No contact people.
    expect(text).not.toContain('Gönül Ertem');
    expect(text).not.toContain('ik@ormetekstil.example');
    expect(text).not.toContain('+902124410101');
  });

  it("masks a sole trader's tax number (their ID number) and exports XLSX too", async () => {
    const umut = await t.as('umut', 'employer-relations');
    const soleTrader = demoEmployerTaxNumber('Selin Aksoy – Minik Eller Çocuk Evi');
    const csvRes = await umut.get('/api/v1/employers/export?format=csv&locale=en');
    const text = csvRes.raw.rawPayload.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain('Legal name,');
    expect(text).toContain('Minik Eller Çocuk Evi');
    expect(text).not.toContain(soleTrader);
    expect(text).toMatch(/\*{3,}/);
    const file = await umut.get('/api/v1/employers/export?format=xlsx');
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const rows = await readXlsx(file.raw.rawPayload);
    expect(rows[0]![0]).toBe('Ticari unvan');
    expect(rows.flat().join('|')).not.toContain(soleTrader);
    expect(rows.flat().join('|')).toContain('Minik Eller Çocuk Evi');
  });

  it('exports vacancies (CSV with BOM, XLSX) without personal data; the employer named by tax number', async () => {
    const res = await officer.get('/api/v1/vacancies/export?format=csv');
    expect(res.status).toBe(200);
    expect([...res.raw.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.raw.rawPayload.toString('utf8').slice(1);
    const rows = parseCsv(text, ';').filter((r) => r.length > 1);
    const head = rows[0]!;
    const title = head.indexOf('İlan başlığı');
    const tax = head.indexOf('İşverenin vergi numarası');
    const aşçı = rows.find((r) => r[title] === 'Aşçı')!;
    expect(aşçı[tax]).toBe(demoEmployerTaxNumber('Anadolu Sofrası Restoran İşletmeleri A.Ş.'));
    expect(text).not.toContain('Serdar Kılınç');
    expect(text).not.toContain('kariyer@anadolusofrasi.example');
    const xlsxRes = await officer.get('/api/v1/vacancies/export?format=xlsx&locale=ar');
    const sheet = await readXlsx(xlsxRes.raw.rawPayload);
    expect(sheet[0]).toContain('عنوان الوظيفة');
  });

  it('is for staff who may read employers / vacancies', async () => {
    expect((await (await t.as('ibb', 'counsellor')).get('/api/v1/employers/export?format=csv')).status).toBe(200);
    expect((await (await t.as('ibb', 'trainer')).get('/api/v1/employers/export?format=csv')).status).toBe(403);
    expect((await (await t.as('ibb', 'employer')).get('/api/v1/vacancies/export?format=csv')).status).toBe(403);
    expect((await t.anonymous.get('/api/v1/vacancies/export')).status).toBe(401);
  });
});

describe('templates', () => {
  it('offers the employer and vacancy templates as CSV (BOM) and XLSX in the chosen language', async () => {
    const csvRes = await officer.get('/api/v1/employers/import/template?format=csv');
    expect(csvRes.status).toBe(200);
    const text = csvRes.raw.rawPayload.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(parseCsv(text.slice(1), ';')[0]).toEqual(EMPLOYER_COLUMNS.map((c) => header('tr', c)));
    const xlsxRes = await officer.get('/api/v1/vacancies/import/template?format=xlsx&locale=en');
    const rows = await readXlsx(xlsxRes.raw.rawPayload);
    expect(rows[0]).toEqual(VACANCY_COLUMNS.map((c) => header('en', c)));
    expect((await (await t.as('ibb', 'counsellor')).get('/api/v1/employers/import/template')).status).toBe(403);
  });

  it('imports a template as it comes: the example row is skipped, nothing to import', async () => {
    const template = await officer.get('/api/v1/employers/import/template?format=csv');
    const res = await officer.post('/api/v1/employers/import', {
      fileName: 'sablon.csv',
      contentBase64: template.raw.rawPayload.toString('base64'),
      dryRun: true,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ pointer: '/contentBase64', code: 'errors.transfer.empty' });
  });
});

describe('employer import', () => {
  it('checks every row with the rules of POST /employers in a dry run: a row report, nothing written', async () => {
    const before = await employerCount();
    const rows = [
      employerRow(),
      employerRow({ taxNumber: '1234567891' }),
      employerRow({ naceCode: '' }),
      employerRow({ workerCount: 'yirmi' }),
      employerRow({ district: 'Konak' }),
      employerRow({ contactPhone: 'yok' }),
    ];
    const res = await officer.post('/api/v1/employers/import', {
      fileName: 'isverenler.csv',
      contentBase64: csv(EMPLOYER_COLUMNS, rows),
      dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: true,
      written: false,
      totalRows: 6,
      validRows: 1,
      importedRows: 0,
      rowsWithProblems: 5,
    });
    const problems = res.body.problems as {
      row: number;
      pointer: string;
      column: string;
      columnName: string;
      code: string;
      message: string;
    }[];
    expect(problems).toContainEqual(
      expect.objectContaining({
        row: 3,
        pointer: '/taxNumber',
        column: 'D',
        code: 'errors.employers.vknInvalid',
        columnName: 'Vergi numarası',
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ row: 4, pointer: '/naceCode', column: 'F', code: 'errors.validation.required' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ row: 5, pointer: '/workerCount', code: 'errors.transfer.number' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ row: 6, pointer: '/district', column: 'J', code: 'errors.persons.districtUnknown' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        row: 7,
        pointer: '/contactPhone',
        column: 'P',
        code: 'errors.validation.format.phone',
      }),
    );
    expect(problems).toHaveLength(5);
    for (const p of problems) expect(p.message.length).toBeGreaterThan(5);
    expect(problems.map((p) => p.row)).toEqual([...problems.map((p) => p.row)].sort((a, b) => a - b));
    expect(await employerCount()).toBe(before);
  });

  it('writes nothing from a file with errors (422 naming each row and field) unless asked for the valid rows', async () => {
    const before = await employerCount();
    const good = employerRow();
    const rows = [good, employerRow({ taxNumber: '1234567891' })];
    const refused = await officer.post('/api/v1/employers/import', {
      fileName: 'isverenler.csv',
      contentBase64: csv(EMPLOYER_COLUMNS, rows),
      dryRun: false,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('errors.transfer.hasErrors');
    expect(refused.body.errors).toContainEqual(
      expect.objectContaining({ pointer: '/rows/3/taxNumber', code: 'errors.employers.vknInvalid' }),
    );
    expect(await employerCount()).toBe(before);

    const partial = await officer.post('/api/v1/employers/import', {
      fileName: 'isverenler.csv',
      contentBase64: csv(EMPLOYER_COLUMNS, rows),
      dryRun: false,
      validRowsOnly: true,
    });
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ written: true, importedRows: 1, rowsWithProblems: 1 });
    expect(await employerCount()).toBe(before + 1);
    const [row] = await t.database.db
      .select()
      .from(employers)
      .where(eq(employers.legalName, String(good.legalName)));
    expect(row).toMatchObject({
      status: 'pending',
      naceCode: '17.21',
      hazardClassSuggested: 'hazardous',
      isPublic: false,
    });
    expect(row!.termsAcceptedAt).not.toBeNull();
    const contacts = await t.database.db
      .select()
      .from(employerContacts)
      .where(eq(employerContacts.employerId, row!.id));
    expect(contacts).toMatchObject([{ fullName: 'Meltem Sezer', phone: '+902126300000' }]);
  });

  it('imports an XLSX in English with typed cells; a tax number twice in the file is caught', async () => {
    const before = await employerCount();
    const a = employerRow({ isPublic: false, acceptTerms: true, workerCount: 60 });
    const b = employerRow();
    const dup = employerRow({ taxNumber: a.taxNumber ?? null });
    const dryRun = await officer.post('/api/v1/employers/import', {
      fileName: 'employers.xlsx',
      contentBase64: await xlsx(EMPLOYER_COLUMNS, [a, b, dup]),
      dryRun: true,
    });
    expect(dryRun.status).toBe(200);
    expect(dryRun.body.problems).toEqual([
      expect.objectContaining({ row: 4, pointer: '/taxNumber', code: 'errors.employers.taxNumberTaken' }),
    ]);
    const ok = await officer.post('/api/v1/employers/import', {
      fileName: 'employers.xlsx',
      contentBase64: await xlsx(EMPLOYER_COLUMNS, [a, b]),
      dryRun: false,
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ written: true, importedRows: 2, problems: [] });
    expect(ok.body.ids).toHaveLength(2);
    expect(await employerCount()).toBe(before + 2);
    const listed = await officer.get(`/api/v1/employers/${ok.body.ids[0]}`);
    expect(listed.body).toMatchObject({ workerCount: 60, disabilityQuota: 1, status: 'pending' });
  });

  it('refuses files it cannot read and files without the required columns', async () => {
    const wrongType = await officer.post('/api/v1/employers/import', {
      fileName: 'eski.xls',
      contentBase64: Buffer.from('x').toString('base64'),
      dryRun: true,
    });
    expect(wrongType.status).toBe(422);
    expect(wrongType.body.errors[0].code).toBe('errors.transfer.fileType');
    const noTax = await officer.post('/api/v1/employers/import', {
      fileName: 'isverenler.csv',
      contentBase64: csv(['legalName', 'naceCode', 'workerCount', 'province', 'district'], [employerRow()]),
      dryRun: true,
    });
    expect(noTax.status).toBe(422);
    expect(noTax.body.errors).toContainEqual(
      expect.objectContaining({
        code: 'errors.transfer.missingColumn',
        message: expect.stringContaining('Vergi numarası'),
      }),
    );
    expect(
      (
        await (
          await t.as('ibb', 'counsellor')
        ).post('/api/v1/employers/import', { fileName: 'a.csv', contentBase64: 'eA==', dryRun: true })
      ).status,
    ).toBe(403);
  });
});

describe('vacancy import', () => {
  it('creates drafts for the employer named by tax number, row by row, with decent-work warnings', async () => {
    const before = await vacancyCount();
    const rows = [
      vacancyRow(),
      vacancyRow({ employerTaxNumber: vkn() }),
      vacancyRow({ wageMin: '30000', wageMax: '25000' }),
      vacancyRow({ startDate: '31.02.2027', shifts: 'Gündüz; öğle' }),
      vacancyRow({ title: 'Düşük ücretli ilan', wageMin: '20.000', wageMax: '' }),
    ];
    const dry = await officer.post('/api/v1/vacancies/import', {
      fileName: 'ilanlar.csv',
      contentBase64: csv(VACANCY_COLUMNS, rows),
      dryRun: true,
    });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ totalRows: 5, validRows: 2, rowsWithProblems: 3, written: false });
    const problems = dry.body.problems;
    expect(problems).toContainEqual(
      expect.objectContaining({
        row: 3,
        pointer: '/employerTaxNumber',
        column: 'A',
        code: 'errors.transfer.employerUnknown',
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ row: 4, pointer: '/wageMax', code: 'errors.vacancies.wageRange' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({ row: 5, pointer: '/startDate', code: 'errors.transfer.date' }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        row: 5,
        pointer: '/shifts',
        code: 'errors.transfer.valueUnknown',
        message: expect.stringContaining('öğle'),
      }),
    );
    // A wage below the minimum does not stop a draft, but is reported: it would stop the submission.
    expect(dry.body.warnings).toContainEqual(
      expect.objectContaining({ row: 6, pointer: '/wageMin', code: 'decentWork.minimum-wage' }),
    );
    expect(await vacancyCount()).toBe(before);

    const partial = await officer.post('/api/v1/vacancies/import', {
      fileName: 'ilanlar.csv',
      contentBase64: csv(VACANCY_COLUMNS, rows),
      dryRun: false,
      validRowsOnly: true,
    });
    expect(partial.status).toBe(201);
    expect(partial.body.importedRows).toBe(2);
    expect(await vacancyCount()).toBe(before + 2);
    const created = await officer.get(`/api/v1/vacancies/${partial.body.ids[0]}`);
    expect(created.body).toMatchObject({
      status: 'draft',
      employer: { name: 'Örme Tekstil' },
      contractType: 'permanent',
      shifts: ['day'],
      wageMin: 30_500,
      wageMax: 33_000,
      wageBasis: 'net',
      childcareSupport: true,
      suitableGroups: ['woman-care', 'refugee'],
      requiredSkills: ['Düz dikiş', 'Overlok'],
      languages: [{ code: 'tr', level: 'B1' }],
      startDate: inDays(20),
    });
    // The employer sees the imported draft in the portal.
    const portal = await (await t.as('ibb', 'employer')).get(`/api/v1/vacancies/${partial.body.ids[0]}`);
    expect(portal.status).toBe(200);
  });

  it('round-trips: an export of the vacancies can be imported again', async () => {
    const exported = await officer.get('/api/v1/vacancies/export?format=xlsx');
    const res = await officer.post('/api/v1/vacancies/import', {
      fileName: 'ilanlar.xlsx',
      contentBase64: exported.raw.rawPayload.toString('base64'),
      dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.totalRows).toBeGreaterThan(5);
    // Only the suspended-employer and closed-deadline cases can fail. İBB has no suspended employer; its
    // vacancies filled by the demo's hires closed in the past: exactly those rows, for their deadline only.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exported.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    let deadlineColumn = 0;
    sheet.getRow(1).eachCell((cell, col) => {
      if (cell.text === header('tr', 'deadline')) deadlineColumn = col;
    });
    expect(deadlineColumn).toBeGreaterThan(0);
    const today = inDays(0);
    const closed: number[] = [];
    sheet.eachRow((row, n) => {
      const cell = row.getCell(deadlineColumn);
      const text = cell.text.trim();
      const iso =
        cell.value instanceof Date
          ? cell.value.toISOString().slice(0, 10)
          : /^\d{2}\.\d{2}\.\d{4}$/.test(text)
            ? text.split('.').reverse().join('-')
            : text;
      if (n > 1 && iso && iso < today) closed.push(n);
    });
    expect(closed.length).toBeGreaterThan(0);
    expect(res.body.problems.map((p: { row: number; code: string }) => [p.row, p.code])).toEqual(
      closed.map((n) => [n, 'errors.vacancies.deadlinePast']),
    );
    expect(res.body.ignoredColumns).toEqual(
      expect.arrayContaining(['İşveren', 'Durum', 'Yayın tarihi', 'Kayıt tarihi']),
    );
  });

  it('is for staff who may write vacancies; an employer of another organisation is unknown', async () => {
    expect(
      (
        await (
          await t.as('ibb', 'counsellor')
        ).post('/api/v1/vacancies/import', { fileName: 'a.csv', contentBase64: 'eA==', dryRun: true })
      ).status,
    ).toBe(403);
    const izmir = await t.as('izmir', 'employer-relations');
    const before = await vacancyCount();
    const res = await izmir.post('/api/v1/vacancies/import', {
      fileName: 'ilanlar.csv',
      contentBase64: csv(VACANCY_COLUMNS, [vacancyRow({ province: 'İzmir', district: 'Konak' })]),
      dryRun: true,
    });
    expect(res.status).toBe(200);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ row: 2, pointer: '/employerTaxNumber', code: 'errors.transfer.employerUnknown' }),
    ]);
    expect(await vacancyCount()).toBe(before);
  });
});
