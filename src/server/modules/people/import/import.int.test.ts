import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import ExcelJS from 'exceljs';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import {
  createTestContext,
  DEMO_PASSWORD,
  demoEmail,
  type TestClient,
  type TestContext,
} from '../../../test/harness.ts';
import { uploadImport as upload } from '../../../test/import-upload.ts';
import { buildApp } from '../../../app.ts';
import { auditEvents, importJobRows, importJobs, personNameWords, persons } from '../../../db/schema/index.ts';
import { searchKey } from '../../../../common/text.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';
import { t as translate } from '../../../lib/i18n.ts';
import type { Locale } from '../../../../common/locales.ts';
import { CHUNK_ROWS, IMPORT_FIELDS, MAX_FILE_BYTES, type ImportField } from './import.service.ts';
import { parseCsv } from '../../../lib/tabular.ts';
import { runSweep } from '../../../jobs/handlers.ts';

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih
let counsellor2: TestClient; // Ali Kurt, İBB Esenyurt

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  counsellor2 = await t.as('ibb', 'counsellor2');
});
afterAll(async () => t.close());

// ---- fixtures ------------------------------------------------------------------------------------------

let serial = 300_000_00;
const tckn = () => withTcknChecksum(String(++serial).padStart(9, '2'));
const phoneOf = (n: number) =>
  `0533 ${String(n % 10_000_000)
    .padStart(7, '0')
    .replace(/^(\d{3})(\d{2})(\d{2})$/, '$1 $2 $3')}`;

type Row = Partial<Record<ImportField, string | number | Date>>;

/** A valid row in Turkish spreadsheet style; override any cell. */
function row(i: number, overrides: Row = {}): Row {
  const birth = new Date(Date.UTC(1970, 0, 1) + i * 86_400_000 * 3);
  const dd = String(birth.getUTCDate()).padStart(2, '0');
  const mm = String(birth.getUTCMonth() + 1).padStart(2, '0');
  const given = ['Şükrü', 'Ayşe', 'Muhammed', 'Zahra', 'Hüseyin', 'Gülsüm', 'Abdulrahman', 'İpek'];
  const family = ['Yıldırım', 'Öztürk', 'Al-Hassan', 'Çelik', 'Karimi', 'Şahin', 'Hosseini', 'Ağaoğlu'];
  return {
    givenName: `${given[i % given.length]} ${['Ali', 'Nur', 'Can', 'Efe', 'Su', 'Naz', 'Tan'][i % 7]}`,
    familyName: `${family[(i * 3) % family.length]}-${i}`,
    idKind: 'T.C. kimlik no',
    idNumber: tckn(),
    birthDate: `${dd}.${mm}.${birth.getUTCFullYear()}`,
    sex: i % 2 ? 'erkek' : 'kadın',
    nationality: 'TR',
    phone: phoneOf(serial),
    email: '',
    province: 'İstanbul',
    district: 'Fatih',
    targetGroups: i % 3 === 0 ? 'long-term-unemployed:14' : '',
    desiredOccupations: 'Aşçı yardımcısı;Kasiyer',
    noticeVersion: '2026-01',
    noticeChannel: 'yüz yüze',
    consentEmployers: i % 2 ? 'evet' : 'hayır',
    checkedNotDuplicate: '',
    ...overrides,
  };
}

/** A row numbered past 5,000 (which `row` would make under 15), born a day apart from 1940 on: no other row's date. */
function adult(i: number): Row {
  const birth = new Date(Date.UTC(1940, 0, 1) + (i - 5000) * 86_400_000);
  const [y, m, d] = birth.toISOString().slice(0, 10).split('-');
  return row(i, { birthDate: `${d}.${m}.${y}` });
}

const headers = (locale: Locale) => IMPORT_FIELDS.map((f) => translate(locale, `import.columns.${f}`));

function cellText(v: string | number | Date | undefined): string {
  if (v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** A CSV as Excel writes it: BOM, the chosen delimiter, quotes where needed, CRLF. */
function csv(
  rows: Row[],
  { delimiter = ';', locale = 'tr', bom = true }: { delimiter?: string; locale?: Locale; bom?: boolean } = {},
): string {
  const quote = (s: string) => (/["\r\n]/.test(s) || s.includes(delimiter) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [headers(locale), ...rows.map((r) => IMPORT_FIELDS.map((f) => cellText(r[f])))].map((cells) =>
    cells.map(quote).join(delimiter),
  );
  return Buffer.from(`${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`, 'utf8').toString('base64');
}

/** An XLSX with typed cells: dates as dates, numbers as numbers. */
async function xlsx(rows: Row[], locale: Locale = 'tr'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Kişiler');
  sheet.addRow(headers(locale));
  for (const r of rows) sheet.addRow(IMPORT_FIELDS.map((f) => r[f] ?? null));
  return Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
}

/** The rows of a job still stored for its import. */
const storedRows = async (jobId: string) =>
  (await t.database.db.select({ n: count() }).from(importJobRows).where(eq(importJobRows.jobId, jobId)))[0]!.n;
const personCount = async () => (await t.database.db.select({ n: count() }).from(persons))[0]!.n;
const auditCount = async () => (await t.database.db.select({ n: count() }).from(auditEvents))[0]!.n;

async function waitUntilDone(client: TestClient, id: string, seen: number[] = []) {
  // By the clock, not by a count of polls (on a loaded machine an import takes longer), polling less often
  // as it goes so as to stay under the flood limit.
  const deadline = Date.now() + 240_000;
  for (let i = 0; Date.now() < deadline; i += 1) {
    const res = await client.get(`/api/v1/persons/import/${id}`);
    expect(res.status).toBe(200);
    seen.push(res.body.processedRows);
    if (res.body.status !== 'running') return res.body;
    await new Promise((r) => setTimeout(r, i < 100 ? 50 : 500));
  }
  throw new Error('import did not finish');
}

type Problem = { row: number; pointer: string; column: string | null; code: string; message: string };

// ---- tests -----------------------------------------------------------------------------------------------

describe('the template', () => {
  it.each(['tr', 'en', 'ar'] as const)(
    'downloads as CSV with a BOM and headers in %s, and parses back',
    async (locale) => {
      const res = await counsellor.get(`/api/v1/persons/import/template?format=csv&locale=${locale}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\w.-]+\.csv"; filename\*=UTF-8''/);
      const bytes = res.raw.rawPayload;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(bytes.subarray(3).toString('utf8')).filter((r) => r.some(Boolean));
      expect(rows[0]).toEqual(headers(locale));
      expect(rows).toHaveLength(2);
      expect(rows[1]![IMPORT_FIELDS.indexOf('province')]).toBe('İstanbul');
      // Turkish Excel saves and opens CSV with ";".
      expect(bytes.toString('utf8').split('\r\n')[0]).toContain(locale === 'en' ? ',' : ';');
    },
  );

  it.each(['tr', 'en', 'ar'] as const)('downloads as XLSX in %s, and parses back', async (locale) => {
    const res = await counsellor.get(`/api/v1/persons/import/template?format=xlsx&locale=${locale}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(headers(locale));
    expect(sheet.getRow(2).getCell(IMPORT_FIELDS.indexOf('district') + 1).value).toBe('Fatih');
    expect(workbook.worksheets[1]!.getColumn(1).values).toContain('woman-care');
  });

  it('uploading the untouched template finds no rows (the example row is skipped)', async () => {
    const template = await counsellor.get('/api/v1/persons/import/template?format=xlsx');
    const res = await upload(counsellor, {
      fileName: 'sablon.xlsx',
      contentBase64: template.raw.rawPayload.toString('base64'),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('errors.import.empty');
  });
});

describe('a file with errors', () => {
  let jobId: string;
  const dup = tckn();
  let rows: Row[];

  it('reports each row’s problems with row number and column, in Turkish, and writes nothing', async () => {
    const before = { persons: await personCount(), audit: await auditCount() };
    rows = [
      row(1),
      row(2, { idNumber: '10000000145' }), // bad checksum
      row(3, { birthDate: '01.01.2015' }), // under 15
      row(4, { district: 'Karşıyaka' }), // not in İstanbul
      row(5, { idNumber: dup }),
      row(6, { idNumber: dup }), // the same ID number again
      row(7, { birthDate: '31.02.1990', sex: 'belki' }), // no such date, unknown value
      row(8),
    ];
    const res = await upload(counsellor, { fileName: 'liste.csv', contentBase64: csv(rows) });
    expect(res.status).toBe(201);
    jobId = res.body.id;
    expect(res.body).toMatchObject({ status: 'validated', totalRows: 8, processedRows: 0, importedRows: 0 });
    expect(res.body.rowsWithProblems).toBe(6);
    const found = (res.body.problems as Problem[]).map((p) => [p.row, p.pointer, p.column, p.code]);
    expect(found).toEqual([
      [3, '/idNumber', 'D', 'errors.persons.idNumberInvalid.tckn'],
      [4, '/birthDate', 'F', 'errors.persons.tooYoung'],
      [5, '/district', 'L', 'errors.persons.districtUnknown'],
      [6, '/idNumber', 'D', 'errors.import.duplicateInFile'],
      [7, '/idNumber', 'D', 'errors.import.duplicateInFile'],
      [8, '/birthDate', 'F', 'errors.import.date'],
      [8, '/sex', 'G', 'errors.import.valueUnknown'],
    ]);
    const byRow = (n: number) => (res.body.problems as Problem[]).find((p) => p.row === n)!;
    expect(byRow(5).message).toBe('Bu ilçe İstanbul ilinde bulunamadı.');
    expect(byRow(6).message).toBe('Bu kimlik numarası dosyanın 7. satırında da var.');
    expect(res.body.problems[0].columnName).toBe('Kimlik numarası');
    expect(await personCount()).toBe(before.persons);
    expect(await auditCount()).toBe(before.audit);
  });

  it('shows the same report in English to an English-speaking user', async () => {
    await counsellor.patch('/api/v1/me/preferences', { locale: 'en' });
    try {
      const res = await counsellor.get(`/api/v1/persons/import/${jobId}`);
      const district = (res.body.problems as Problem[]).find((p) => p.row === 5)!;
      expect(district).toMatchObject({ column: 'L', columnName: 'District', pointer: '/district' });
      expect(district.message).toBe(translate('en', 'errors.persons.districtUnknown', { province: 'İstanbul' }));
      expect((res.body.problems as Problem[]).find((p) => p.row === 3)!.message).toContain('Turkish ID');
    } finally {
      await counsellor.patch('/api/v1/me/preferences', { locale: 'tr' });
    }
  });

  it('refuses to run without validRowsOnly (409), and writes nothing', async () => {
    const before = await personCount();
    const res = await counsellor.post(`/api/v1/persons/import/${jobId}/run`, { validRowsOnly: false });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('errors.import.hasErrors');
    expect(res.body.detail).toContain('6');
    expect(await personCount()).toBe(before);
    expect((await counsellor.get(`/api/v1/persons/import/${jobId}`)).body.status).toBe('validated');
  });

  it('imports only the valid rows when asked, each with notice, consent, case and audit events', async () => {
    const before = await personCount();
    const res = await counsellor.post(`/api/v1/persons/import/${jobId}/run`, { validRowsOnly: true });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('running');
    const done = await waitUntilDone(counsellor, jobId);
    expect(done).toMatchObject({ status: 'done', totalRows: 8, processedRows: 8, importedRows: 2 });
    expect(await personCount()).toBe(before + 2);
    const valid = [String(rows[0]!.familyName), String(rows[7]!.familyName)];
    const imported = await t.database.db
      .select({ id: persons.id, familyName: persons.familyName })
      .from(persons)
      .where(inArray(persons.familyName, valid));
    expect(imported.map((p) => p.familyName).sort()).toEqual([...valid].sort());
    const second = imported.find((p) => p.familyName === valid[0])!;
    const events = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, second.id));
    // Row 1 said yes to sharing with employers.
    expect(events.map((e) => e.action).sort()).toEqual(['consent.granted', 'notice.acknowledged', 'person.created']);
    const profile = await counsellor.get(`/api/v1/persons/${second.id}`);
    expect(profile.body.case.status).toBe('new');
    expect(profile.body.office.name).toBe('Fatih İstihdam Ofisi');
    // Rows are kept only until the import ends.
    expect(await storedRows(jobId)).toBe(0);
    // A finished job cannot run again.
    expect((await counsellor.post(`/api/v1/persons/import/${jobId}/run`, { validRowsOnly: true })).status).toBe(409);
  });
});

describe('formats', () => {
  it('imports a CSV with ";", DD.MM.YYYY dates, a BOM, and quoted cells', async () => {
    const rows = [
      row(20, { desiredOccupations: 'Garson; komi', targetGroups: 'woman-care:2;long-term-unemployed:18' }),
      row(21, { givenName: 'Ömer "Faruk"', sex: 'erkek' }),
    ];
    const before = await personCount();
    const res = await upload(counsellor, { fileName: 'kisiler.csv', contentBase64: csv(rows) });
    expect(res.status).toBe(201);
    expect(res.body.problems).toEqual([]);
    await counsellor.post(`/api/v1/persons/import/${res.body.id}/run`, { validRowsOnly: false });
    const done = await waitUntilDone(counsellor, res.body.id);
    expect(done).toMatchObject({ status: 'done', importedRows: 2 });
    expect(await personCount()).toBe(before + 2);
    const found = await counsellor.post('/api/v1/persons/search', { q: 'omer faruk' });
    expect(found.body.items).toContainEqual(expect.objectContaining({ givenName: 'Ömer "Faruk"', sex: 'male' }));
    // The import fills the name search's vocabulary: a typo of the imported family name finds the person.
    const familyKey = searchKey(String(rows[1]!.familyName));
    const [word] = await t.database.db
      .select({ persons: personNameWords.persons })
      .from(personNameWords)
      .where(eq(personNameWords.word, familyKey));
    expect(word?.persons).toBe(1);
    // (A letter missing: "aaoglu-21" for "agaoglu-21".)
    const typo = await counsellor.post('/api/v1/persons/search', { q: `omer ${familyKey.replace('g', '')}` });
    expect(typo.body.items).toContainEqual(expect.objectContaining({ givenName: 'Ömer "Faruk"' }));
    const first = await counsellor.post('/api/v1/persons/search', { q: String(rows[0]!.idNumber) });
    const person = await counsellor.get(`/api/v1/persons/${first.body.items[0].id}`);
    expect(person.body.desiredOccupations).toEqual(['Garson', 'komi']);
    expect(person.body.targetGroups.map((g: { group: string }) => g.group).sort()).toEqual([
      'long-term-unemployed',
      'woman-care',
    ]);
    expect(person.body.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('imports an English CSV with "," and ISO dates, and an XLSX with typed date and number cells', async () => {
    const en = await upload(counsellor, {
      fileName: 'people.csv',
      contentBase64: csv(
        [
          row(30, {
            birthDate: '1991-03-04',
            sex: 'female',
            idKind: 'TCKN (Turkish ID)',
            noticeChannel: 'paper form',
            consentEmployers: 'yes',
          }),
        ],
        { delimiter: ',', locale: 'en', bom: false },
      ),
    });
    expect(en.status).toBe(201);
    expect(en.body.problems).toEqual([]);
    const x = await upload(counsellor, {
      fileName: 'kisiler.xlsx',
      contentBase64: await xlsx([
        row(31, { birthDate: new Date(Date.UTC(1988, 6, 15)), idNumber: Number(tckn()), phone: 5331234567 }),
      ]),
    });
    expect(x.status).toBe(201);
    expect(x.body.problems).toEqual([]);
    for (const id of [en.body.id, x.body.id]) {
      await counsellor.post(`/api/v1/persons/import/${id}/run`, { validRowsOnly: false });
      expect((await waitUntilDone(counsellor, id)).importedRows).toBe(1);
    }
    const found = await counsellor.post('/api/v1/persons/search', { q: '+90 533 123 45 67' });
    expect(found.body.items[0].birthDate).toBe('1988-07-15');
  });

  it('refuses a file without the required columns, or of another kind, with a problem naming the file', async () => {
    const noDistrict = Buffer.from('\uFEFFAd;Soyad\r\nAli;Veli\r\n').toString('base64');
    const res = await upload(counsellor, { fileName: 'x.csv', contentBase64: noDistrict });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { message: string }) => e.message)).toContain(
      'Zorunlu sütun eksik: İlçe. Şablonu indirip sütun başlıklarını ondan alın.',
    );
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]).toString('base64');
    const old = await upload(counsellor, { fileName: 'eski.xls', contentBase64: xls });
    expect(old.status).toBe(422);
    expect(old.body.errors[0]).toMatchObject({ pointer: '/file', code: 'errors.import.fileType' });
  });
});

describe('the streamed multipart upload (issue 15)', () => {
  it('reads an XLSX row by row: bad rows get a row-level report, the dry run writes nothing, and the import writes none of them', async () => {
    const before = { persons: await personCount(), audit: await auditCount() };
    const rows = [
      row(101),
      row(102, { birthDate: '' }), // a required cell left empty
      row(103, { sex: 'belki' }), // an unknown value
      row(104),
      row(105, { idNumber: '10000000145' }), // a bad checksum
    ];
    const res = await upload(counsellor, { fileName: 'akis.xlsx', contentBase64: await xlsx(rows) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'validated', totalRows: 5, rowsWithProblems: 3 });
    expect((res.body.problems as Problem[]).map((p) => [p.row, p.pointer, p.column])).toEqual([
      [3, '/birthDate', 'F'],
      [4, '/sex', 'G'],
      [6, '/idNumber', 'D'],
    ]);
    // The dry run wrote no person and no audit event.
    expect(await personCount()).toBe(before.persons);
    expect(await auditCount()).toBe(before.audit);

    expect((await counsellor.post(`/api/v1/persons/import/${res.body.id}/run`, { validRowsOnly: true })).status).toBe(
      202,
    );
    expect(await waitUntilDone(counsellor, res.body.id)).toMatchObject({ status: 'done', importedRows: 2 });
    expect(await personCount()).toBe(before.persons + 2);
    const written = await t.database.db
      .select({ familyName: persons.familyName })
      .from(persons)
      .where(
        inArray(
          persons.familyName,
          rows.map((r) => String(r.familyName)),
        ),
      );
    expect(written.map((p) => p.familyName).sort()).toEqual(
      [String(rows[0]!.familyName), String(rows[3]!.familyName)].sort(),
    );
  });

  it('refuses a file over the size limit, a file of another kind and a body that is not multipart, as problem+json', async () => {
    const problemOf = (res: { status: number; headers: Record<string, unknown>; body: { errors: unknown[] } }) => ({
      status: res.status,
      type: String(res.headers['content-type']).split(';')[0],
      error: res.body.errors[0],
    });
    const before = await personCount();
    const big = Buffer.alloc(MAX_FILE_BYTES + 1024, 'a').toString('base64');
    expect(problemOf(await upload(counsellor, { fileName: 'buyuk.csv', contentBase64: big }))).toMatchObject({
      status: 422,
      type: 'application/problem+json',
      error: { pointer: '/file', code: 'errors.import.fileTooLarge' },
    });
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    expect(problemOf(await upload(counsellor, { fileName: 'resim.png', contentBase64: png }))).toMatchObject({
      status: 422,
      type: 'application/problem+json',
      error: { pointer: '/file', code: 'errors.import.fileType' },
    });
    // Not a workbook though named like one.
    expect(problemOf(await upload(counsellor, { fileName: 'sahte.xlsx', contentBase64: png }))).toMatchObject({
      status: 422,
      type: 'application/problem+json',
      error: { pointer: '/file', code: 'errors.import.unreadable' },
    });
    // The former base64 JSON body is no longer read.
    const json = await counsellor.post('/api/v1/persons/import', { fileName: 'x.csv', contentBase64: csv([row(106)]) });
    expect(problemOf(json)).toMatchObject({
      status: 422,
      type: 'application/problem+json',
      error: { pointer: '/file', code: 'errors.import.fileType' },
    });
    expect(await personCount()).toBe(before);
  }, 120_000);

  it('is documented in the OpenAPI as multipart/form-data: the office first, then the file', async () => {
    const spec = (await t.anonymous.get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>>;
    };
    const content = spec.paths['/api/v1/persons/import']?.post?.requestBody?.content ?? {};
    expect(Object.keys(content)).toEqual(['multipart/form-data']);
    const schema = content['multipart/form-data']!.schema as { properties: Record<string, { format?: string }> };
    expect(Object.keys(schema.properties)).toEqual(['officeId', 'file']);
    expect(schema.properties.file!.format).toBe('binary');
  });
});

describe('duplicates and concurrent changes', () => {
  it('flags a likely duplicate in the file unless the row says it was checked', async () => {
    const a = row(40, { givenName: 'Hüseyin', familyName: 'Güneş', birthDate: '09.09.1979' });
    const b = row(41, { givenName: 'HUSEYIN', familyName: 'gunes', birthDate: '09.09.1979' });
    const res = await upload(counsellor, { fileName: 'x.csv', contentBase64: csv([a, b]) });
    expect((res.body.problems as Problem[]).map((p) => [p.row, p.code])).toEqual([
      [3, 'errors.import.likelyDuplicateInFile'],
    ]);
    const checked = await upload(counsellor, {
      fileName: 'x.csv',
      contentBase64: csv([a, { ...b, idNumber: tckn(), checkedNotDuplicate: 'evet' }]),
    });
    expect(checked.body.problems).toEqual([]);
  });

  it('flags a person already registered: same ID number, or a likely duplicate', async () => {
    const existing = row(50);
    const job = await upload(counsellor, { fileName: 'a.csv', contentBase64: csv([existing]) });
    await counsellor.post(`/api/v1/persons/import/${job.body.id}/run`, { validRowsOnly: false });
    await waitUntilDone(counsellor, job.body.id);
    const sameNumber = await upload(counsellor, {
      fileName: 'b.csv',
      contentBase64: csv([existing]),
    });
    expect((sameNumber.body.problems as Problem[]).map((p) => [p.row, p.pointer, p.code])).toEqual([
      [2, '/idNumber', 'errors.persons.idNumberTaken'],
    ]);
    const lookalike = { ...existing, givenName: String(existing.givenName).toLocaleUpperCase('tr'), idNumber: tckn() };
    const similar = await upload(counsellor, {
      fileName: 'c.csv',
      contentBase64: csv([{ ...lookalike, phone: '' }]),
    });
    expect((similar.body.problems as Problem[]).map((p) => [p.row, p.pointer, p.code, p.message])).toEqual([
      [
        2,
        '/checkedNotDuplicate',
        'errors.persons.likelyDuplicate',
        'Bu kişiye benzeyen 1 kayıt var. Aynı kişi olmadığından emin olduktan sonra kaydedin.',
      ],
    ]);
    const confirmed = await upload(counsellor, {
      fileName: 'd.csv',
      contentBase64: csv([{ ...lookalike, phone: '', checkedNotDuplicate: 'evet' }]),
    });
    expect(confirmed.body.problems).toEqual([]);
  });

  it('reports, and does not write, a row that a registration in the meantime made invalid', async () => {
    const r = row(60);
    const job = await upload(counsellor, {
      fileName: 'c.csv',
      contentBase64: csv([r, row(61)]),
    });
    expect(job.body.problems).toEqual([]);
    // Someone registers the same person by hand before the import runs.
    const manual = await counsellor.post('/api/v1/persons', {
      givenName: 'Başka',
      familyName: 'Kayıt',
      idKind: 'tckn',
      idNumber: r.idNumber,
      birthDate: '1980-01-01',
      sex: 'male',
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    });
    expect(manual.status).toBe(201);
    const before = await personCount();
    await counsellor.post(`/api/v1/persons/import/${job.body.id}/run`, { validRowsOnly: false });
    const done = await waitUntilDone(counsellor, job.body.id);
    expect(done).toMatchObject({ status: 'done', processedRows: 2, importedRows: 1, rowsWithProblems: 1 });
    expect(done.problems[0]).toMatchObject({ row: 2, pointer: '/idNumber', code: 'errors.persons.idNumberTaken' });
    expect(await personCount()).toBe(before + 1);
  });
});

describe('the batch write', () => {
  it('falls back to one row at a time when a chunk cannot be written whole, importing the rest', async () => {
    const job = await upload(counsellor, { fileName: 'e.csv', contentBase64: csv([row(70), row(71), row(72)]) });
    expect(job.body.problems).toEqual([]);
    // The second stored row becomes a copy of the first (same ID number): both pass the chunk's checks
    // (neither is registered yet), and the chunk's multi-row insert then breaks the unique index.
    const id = job.body.id as string;
    expect(await storedRows(id)).toBe(3);
    await t.database.db
      .update(importJobRows)
      .set({
        inputEnc: sql`(SELECT r.input_enc FROM import_job_rows r WHERE r.job_id = ${id}::uuid AND r.row = 2)`,
      })
      .where(and(eq(importJobRows.jobId, id), eq(importJobRows.row, 3)));
    const before = { persons: await personCount(), audit: await auditCount() };
    await counsellor.post(`/api/v1/persons/import/${job.body.id}/run`, { validRowsOnly: false });
    const done = await waitUntilDone(counsellor, job.body.id);
    expect(done).toMatchObject({ status: 'done', processedRows: 3, importedRows: 2, rowsWithProblems: 1 });
    expect(done.problems).toEqual([
      expect.objectContaining({ row: 3, pointer: '/idNumber', code: 'errors.persons.idNumberTaken' }),
    ]);
    expect(await personCount()).toBe(before.persons + 2);
    // Nothing of the rolled-back chunk is left: the audit trail has the two persons' events only
    // (person.created, notice.acknowledged and case.opened each; neither row gave consent).
    expect(await auditCount()).toBe(before.audit + 6);
  });
});

describe('a large file', () => {
  it('imports 1,500 rows completely, in chunks, while other requests are served', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => row(1000 + i));
    const before = await personCount();
    const job = await upload(counsellor, {
      fileName: 'buyuk.xlsx',
      contentBase64: await xlsx(rows),
    });
    expect(job.status).toBe(201);
    expect(job.body).toMatchObject({ totalRows: 1500, rowsWithProblems: 0 });
    const run = await counsellor.post(`/api/v1/persons/import/${job.body.id}/run`, { validRowsOnly: false });
    expect(run.status).toBe(202);
    // The database keeps answering while the import runs.
    const list = await counsellor.get('/api/v1/persons?pageSize=1');
    expect(list.status).toBe(200);
    const progress: number[] = [];
    const done = await waitUntilDone(counsellor, job.body.id, progress);
    expect(done).toMatchObject({ status: 'done', totalRows: 1500, processedRows: 1500, importedRows: 1500 });
    expect(progress.some((p) => p > 0 && p < 1500)).toBe(true);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(await personCount()).toBe(before + 1500);
    // Each imported person's target-group codes (migration 0046) are its rows', written with the person row:
    // no person row is newer (cmin) than its group rows, i.e. the trigger wrote no second version.
    const written: unknown = await t.database.db.execute(sql`SELECT count(*)::int AS members,
        count(*) FILTER (WHERE p.target_groups <> ARRAY(SELECT g."group" FROM person_target_groups g
                                                          WHERE g.person_id = p.id ORDER BY g."group" COLLATE "C")
                           OR p.cmin::text::int > (SELECT max(g.cmin::text::int) FROM person_target_groups g
                                                     WHERE g.person_id = p.id))::int AS wrong
      FROM persons p WHERE p.family_name ~ '-(1[0-9]{3}|2[0-4][0-9]{2})$' AND p.target_groups <> '{}'`);
    const [groups] = (written as { rows: { members: number; wrong: number }[] }).rows;
    expect(groups).toEqual({ members: 500, wrong: 0 });
    const listed = await counsellor.get('/api/v1/persons/import');
    expect(listed.body.items).toContainEqual(
      expect.objectContaining({ id: job.body.id, status: 'done', importedRows: 1500 }),
    );
  }, 300_000);
});

describe('workers at once (two on a server)', () => {
  it('imports every row exactly once and reports the problems of every chunk in row order', async () => {
    const total = CHUNK_ROWS * 4 + 37;
    const rows = Array.from({ length: total }, (_, i) => adult(5000 + i));
    const before = await personCount();
    const job = await upload(counsellor, { fileName: 'workers.csv', contentBase64: csv(rows) });
    const id = job.body.id as string;
    expect(job.body.problems).toEqual([]);
    // In the second and the fourth chunk, a row becomes a copy of the row before it (same ID number): each of
    // those chunks falls back to row by row and reports it, whichever worker commits first.
    for (const copy of [CHUNK_ROWS + 11, CHUNK_ROWS * 3 + 7])
      await t.database.db
        .update(importJobRows)
        .set({
          inputEnc: sql`(SELECT r.input_enc FROM import_job_rows r WHERE r.job_id = ${id}::uuid AND r.row = ${copy})`,
        })
        .where(and(eq(importJobRows.jobId, id), eq(importJobRows.row, copy + 1)));
    expect((await counsellor.post(`/api/v1/persons/import/${id}/run`, { validRowsOnly: false })).status).toBe(202);
    const done = await waitUntilDone(counsellor, id);
    expect(done).toMatchObject({ status: 'done', totalRows: total, processedRows: total, importedRows: total - 2 });
    expect(done.problems.map((p: Problem) => [p.row, p.code])).toEqual([
      [CHUNK_ROWS + 12, 'errors.persons.idNumberTaken'],
      [CHUNK_ROWS * 3 + 8, 'errors.persons.idNumberTaken'],
    ]);
    expect(await personCount()).toBe(before + total - 2);
    // Each row's person once: the family names carry the row's number.
    const names = await t.database.db
      .select({ n: count(), distinct: sql<number>`count(DISTINCT ${persons.familyName})::int` })
      .from(persons)
      .where(sql`${persons.familyName} ~ '-(5[0-9]{3}|6[0-9]{3}|7[0-4][0-9]{2})$'`);
    expect(names[0]).toEqual({ n: total - 2, distinct: total - 2 });
    expect(await storedRows(id)).toBe(0);
  }, 300_000);

  it('cancels a running import at once: the chunks in progress are counted, nothing else is imported', async () => {
    const total = CHUNK_ROWS * 8;
    const rows = Array.from({ length: total }, (_, i) => adult(8000 + i));
    const before = await personCount();
    const job = await upload(counsellor, { fileName: 'stop.csv', contentBase64: csv(rows) });
    const id = job.body.id as string;
    expect((await counsellor.post(`/api/v1/persons/import/${id}/run`, { validRowsOnly: false })).status).toBe(202);
    // Polled by the clock, under the flood limit.
    for (const deadline = Date.now() + 240_000; Date.now() < deadline;) {
      const res = await counsellor.get(`/api/v1/persons/import/${id}`);
      expect(res.status).toBe(200);
      if (res.body.processedRows > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const cancelled = await counsellor.post(`/api/v1/persons/import/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    // The cancellation waited for the chunks in progress: what the job says was imported is what is there,
    // and no row is left to import.
    expect(cancelled.body.importedRows).toBeGreaterThan(0);
    expect(cancelled.body.importedRows).toBeLessThan(total);
    expect(await personCount()).toBe(before + cancelled.body.importedRows);
    expect(await storedRows(id)).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    const after = await counsellor.get(`/api/v1/persons/import/${id}`);
    expect(after.body).toMatchObject({ status: 'cancelled', importedRows: cancelled.body.importedRows });
    expect(await personCount()).toBe(before + cancelled.body.importedRows);
  }, 300_000);
});

describe.skipIf(inject('dbTemplate').kind !== 'postgres')('a deadlock (a server)', () => {
  it('runs a chunk again when PostgreSQL aborts it to break a deadlock on the shared name words', async () => {
    const template = inject('dbTemplate') as { serverUrl: string };
    // The row-by-row path (the second row copies the first's ID number) locks the name words row after row:
    // "birinci" with the first row, "ucuncu" with the third. Another transaction holds "ucuncu" and, once the
    // import waits for it, asks for "birinci": a deadlock. That transaction waits 30 s before checking for one,
    // the import's 1 s, so PostgreSQL aborts the import's.
    const rows = [
      { ...adult(9001), givenName: 'Kilit', familyName: 'Birinci' },
      { ...adult(9002), givenName: 'Kilit', familyName: 'Ikinci' },
      { ...adult(9003), givenName: 'Kilit', familyName: 'Ucuncu' },
    ];
    const before = await personCount();
    const job = await upload(counsellor, { fileName: 'kilit.csv', contentBase64: csv(rows) });
    const id = job.body.id as string;
    expect(job.body.problems).toEqual([]);
    await t.database.db
      .update(importJobRows)
      .set({ inputEnc: sql`(SELECT r.input_enc FROM import_job_rows r WHERE r.job_id = ${id}::uuid AND r.row = 2)` })
      .where(and(eq(importJobRows.jobId, id), eq(importJobRows.row, 3)));
    const url = new URL(t.ownerUrl!);
    const admin = new URL(template.serverUrl);
    url.username = admin.username;
    url.password = admin.password;
    const other = new pg.Client({ connectionString: url.toString() });
    await other.connect();
    try {
      const [{ organisation_id: organisationId }] = (
        await other.query<{ organisation_id: string }>('SELECT organisation_id FROM import_jobs WHERE id = $1', [id])
      ).rows as [{ organisation_id: string }];
      const take = (word: string) =>
        other.query(
          `INSERT INTO person_name_words (organisation_id, word, persons) VALUES ($1, $2, 0)
           ON CONFLICT (organisation_id, word) DO UPDATE SET persons = person_name_words.persons`,
          [organisationId, word],
        );
      await other.query(`BEGIN; SET LOCAL deadlock_timeout = '30s'`);
      await take('ucuncu');
      expect((await counsellor.post(`/api/v1/persons/import/${id}/run`, { validRowsOnly: false })).status).toBe(202);
      // The import waits for "ucuncu" (a lock wait on the table, seen from here).
      for (const deadline = Date.now() + 60_000; ;) {
        // Its transaction keeps the first snapshot of the activity view unless cleared.
        await other.query('SELECT pg_stat_clear_snapshot()');
        const waiting = await other.query(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
             AND wait_event_type = 'Lock' AND query ILIKE '%person_name_words%'`,
        );
        if (waiting.rowCount) break;
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 10));
      }
      try {
        await take('birinci');
      } catch (err) {
        // Seen more than 1 s after the import began to wait (a loaded machine), the cycle is found by this
        // transaction's own check instead, and this one is aborted: the import then goes on without a retry.
        if ((err as { code?: string }).code !== '40P01') throw err;
      }
      await other.query('ROLLBACK');
    } finally {
      await other.end();
    }
    const done = await waitUntilDone(counsellor, id);
    expect(done).toMatchObject({ status: 'done', processedRows: 3, importedRows: 2 });
    expect(done.problems.map((p: Problem) => [p.row, p.code])).toEqual([[3, 'errors.persons.idNumberTaken']]);
    expect(await personCount()).toBe(before + 2);
  }, 120_000);
});

describe('a crash mid-way', () => {
  it('leaves the job running with exact progress, and a stale job resumes where it stopped', async () => {
    const t2 = await createTestContext();
    try {
      const c = await t2.as('ibb', 'counsellor');
      // More than three chunks, so that the process goes away with some left.
      const total = CHUNK_ROWS * 3 + 60;
      const rows = Array.from({ length: total }, (_, i) => row(3000 + i));
      const count2 = async () => (await t2.database.db.select({ n: count() }).from(persons))[0]!.n;
      const before = await count2();
      const job = await upload(c, { fileName: 'g.csv', contentBase64: csv(rows) });
      const id = job.body.id as string;
      expect((await c.post(`/api/v1/persons/import/${id}/run`, { validRowsOnly: false })).status).toBe(202);
      // Started once: a second start is refused while it runs.
      expect((await c.post(`/api/v1/persons/import/${id}/run`, { validRowsOnly: false })).status).toBe(409);
      for (let i = 0; i < 600; i += 1) {
        if ((await c.get(`/api/v1/persons/import/${id}`)).body.processedRows > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      // The process goes away between two chunks.
      await t2.app.close();
      const [stopped] = await t2.database.db.select().from(importJobs).where(eq(importJobs.id, id));
      expect(stopped!.status).toBe('running');
      // Whole chunks only (on a server two are imported at once, so the short last one may be among them).
      expect([0, total % CHUNK_ROWS]).toContain(stopped!.processedRows % CHUNK_ROWS);
      expect(stopped!.processedRows).toBeGreaterThan(0);
      expect(stopped!.processedRows).toBeLessThan(total);
      expect(stopped!.importedRows).toBe(stopped!.processedRows);
      expect(await count2()).toBe(before + stopped!.importedRows);
      // The rows not imported yet are still stored, and those imported are not.
      const left = await t2.database.db.select({ n: count() }).from(importJobRows).where(eq(importJobRows.jobId, id));
      expect(left[0]!.n).toBe(total - stopped!.processedRows);

      // Another process, a quarter of an hour later, takes the orphaned job over.
      t2.clock.advance(15 * 60 * 1000);
      const app = await buildApp({
        config: t2.config,
        database: t2.database,
        clock: t2.clock,
        transports: t2.transports,
        jobs: t2.jobs,
      });
      try {
        const signIn = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/sign-in',
          payload: { email: demoEmail('ibb', 'counsellor'), password: DEMO_PASSWORD },
        });
        const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
        const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
          const res = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
          return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
        };
        expect((await call('POST', `/api/v1/persons/import/${id}/run`, { validRowsOnly: false })).status).toBe(202);
        let job2 = await call('GET', `/api/v1/persons/import/${id}`);
        for (let i = 0; i < 1200 && job2.body.status === 'running'; i += 1) {
          await new Promise((r) => setTimeout(r, 50));
          job2 = await call('GET', `/api/v1/persons/import/${id}`);
        }
        expect(job2.body).toMatchObject({
          status: 'done',
          processedRows: total,
          importedRows: total,
          rowsWithProblems: 0,
        });
        expect(await count2()).toBe(before + total);
      } finally {
        await app.close();
      }
    } finally {
      await t2.close();
    }
  }, 120_000);
});

describe('cancelling and access', () => {
  it('cancels a validated job; it can no longer run', async () => {
    const job = await upload(counsellor, { fileName: 'd.csv', contentBase64: csv([row(70)]) });
    const res = await counsellor.post(`/api/v1/persons/import/${job.body.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect((await counsellor.post(`/api/v1/persons/import/${job.body.id}/run`, { validRowsOnly: false })).status).toBe(
      409,
    );
    expect((await counsellor.post(`/api/v1/persons/import/${job.body.id}/cancel`)).status).toBe(409);
  });

  it("answers 404 to another office's counsellor and to another organisation; the list leaves them out", async () => {
    const job = await upload(counsellor, { fileName: 'e.csv', contentBase64: csv([row(80)]) });
    const id = job.body.id as string;
    const izmir = await t.as('izmir', 'counsellor');
    for (const other of [counsellor2, izmir]) {
      expect((await other.get(`/api/v1/persons/import/${id}`)).status).toBe(404);
      expect((await other.post(`/api/v1/persons/import/${id}/run`, { validRowsOnly: true })).status).toBe(404);
      expect((await other.post(`/api/v1/persons/import/${id}/cancel`)).status).toBe(404);
      const list = await other.get('/api/v1/persons/import');
      expect(list.body.items.map((j: { id: string }) => j.id)).not.toContain(id);
    }
    expect((await counsellor.get(`/api/v1/persons/import/${id}`)).status).toBe(200);
  });

  it('refuses an office outside the caller’s scope', async () => {
    const offices = (await (await t.as('ibb', 'admin')).get('/api/v1/offices')).body.items as {
      id: string;
      district: string;
    }[];
    const esenyurt = offices.find((o) => o.district === 'Esenyurt')!.id;
    const res = await upload(counsellor, {
      fileName: 'f.csv',
      contentBase64: csv([row(90)]),
      officeId: esenyurt,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe('/officeId');
  });

  it('refuses an analyst (403) on every import route', async () => {
    const analyst = await t.as('ibb', 'analyst');
    const id = '00000000-0000-4000-8000-000000000000';
    const calls = [
      await analyst.get('/api/v1/persons/import/template?format=csv'),
      await analyst.get('/api/v1/persons/import'),
      await upload(analyst, { fileName: 'x.csv', contentBase64: csv([row(99)]) }),
      await analyst.get(`/api/v1/persons/import/${id}`),
      await analyst.post(`/api/v1/persons/import/${id}/run`, { validRowsOnly: true }),
      await analyst.post(`/api/v1/persons/import/${id}/cancel`),
    ];
    expect(calls.map((c) => c.status)).toEqual([403, 403, 403, 403, 403, 403]);
  });
});

// Last in the file: it moves the clock a week on.
describe('files left unimported (the daily person-import-sweep)', () => {
  it('ends a checked job not started within 7 days and a stopped one, deleting their stored rows, and leaves a recent one', async () => {
    const old = await upload(counsellor, { fileName: 'old.csv', contentBase64: csv([row(110), row(111)]) });
    const stopped = await upload(counsellor, { fileName: 'stopped.csv', contentBase64: csv([row(112), row(113)]) });
    expect(old.status).toBe(201);
    expect(stopped.status).toBe(201);
    // A process that died mid-import leaves its job running: the state is set here as the crash would leave it.
    await t.database.db.update(importJobs).set({ status: 'running' }).where(eq(importJobs.id, stopped.body.id));
    expect(await storedRows(old.body.id)).toBe(2);

    t.clock.advance(6 * 24 * 3600 * 1000);
    await runSweep(t.deps, 'person-import-sweep');
    // Sessions end after their idle time: the counsellor signs in again after each week.
    let again = await t.signIn(demoEmail('ibb', 'counsellor'), DEMO_PASSWORD);
    expect((await again.get(`/api/v1/persons/import/${old.body.id}`)).body.status).toBe('validated');
    expect(await storedRows(old.body.id)).toBe(2);

    t.clock.advance(2 * 24 * 3600 * 1000);
    again = await t.signIn(demoEmail('ibb', 'counsellor'), DEMO_PASSWORD);
    const recent = await upload(again, { fileName: 'recent.csv', contentBase64: csv([row(114)]) });
    // A process that stopped between a cancellation and its deletion of the rows left them: the sweep
    // deletes them, whatever the job's age.
    const halfCancelled = await upload(again, { fileName: 'half.csv', contentBase64: csv([row(115), row(116)]) });
    await t.database.db.update(importJobs).set({ status: 'cancelled' }).where(eq(importJobs.id, halfCancelled.body.id));
    expect(await storedRows(halfCancelled.body.id)).toBe(2);
    const before = await personCount();
    // Earlier tests of this file left checked jobs too: they are as old, and end with these.
    const swept = await runSweep(t.deps, 'person-import-sweep');
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    expect(swept.abandoned).toBeGreaterThanOrEqual(1);

    const expired = (await again.get(`/api/v1/persons/import/${old.body.id}`)).body;
    expect(expired.status).toBe('cancelled');
    expect(expired.problems.map((p: Problem) => p.message)).toContain(
      'Bu dosya 7 gün içinde aktarılmadığı için saklanan satırları silindi. Aktarmak için dosyayı yeniden yükleyin.',
    );
    expect((await again.post(`/api/v1/persons/import/${old.body.id}/run`, { validRowsOnly: true })).status).toBe(409);
    const ended = (await again.get(`/api/v1/persons/import/${stopped.body.id}`)).body;
    expect(ended.status).toBe('failed');
    expect(ended.problems.map((p: Problem) => p.message).join(' ')).toContain('7 gündür ilerlemediği için');
    expect(await storedRows(old.body.id)).toBe(0);
    expect(await storedRows(stopped.body.id)).toBe(0);
    expect(await storedRows(halfCancelled.body.id)).toBe(0);
    // Nobody was registered or removed by the sweep; the file checked today keeps its rows and can run.
    expect(await personCount()).toBe(before);
    expect(await storedRows(recent.body.id)).toBe(1);
    expect((await again.post(`/api/v1/persons/import/${recent.body.id}/run`, { validRowsOnly: false })).status).toBe(
      202,
    );
    expect((await waitUntilDone(again, recent.body.id)).importedRows).toBe(1);
  });
});
