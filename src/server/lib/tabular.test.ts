import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { ProblemError } from './errors.ts';
import {
  cellText,
  columnLetter,
  csvField,
  decodeText,
  detectDelimiter,
  escapeFormula,
  parseCsv,
  parseDate,
  readTable,
  unescapeFormula,
  writeTable,
} from './tabular.ts';

const read = (name: string, bytes: Buffer) => readTable(name, bytes, { maxRows: 3, messages: 'errors.import' });

async function refusal(promise: Promise<unknown>): Promise<{ code: string; params?: unknown }> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProblemError);
  const problem = err as ProblemError;
  expect(problem.status).toBe(422);
  expect(problem.errors[0]!.pointer).toBe('/contentBase64');
  return { code: problem.errors[0]!.code, params: problem.errors[0]!.params };
}

describe('reading CSV', () => {
  it('decodes UTF-8 with and without BOM, UTF-16 with BOM, and Windows-1254', () => {
    expect(decodeText(Buffer.from('\uFEFFŞişli;İzmir', 'utf8'))).toBe('Şişli;İzmir');
    expect(decodeText(Buffer.from('Şişli', 'utf8'))).toBe('Şişli');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ağrı', 'utf16le')]))).toBe('Ağrı');
    const be = Buffer.from('Ağrı', 'utf16le').swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe('Ağrı');
    // "Şişli" in Windows-1254: Ş = 0xDE, ş = 0xFE, ı = 0xFD
    expect(decodeText(Buffer.from([0xde, 0x69, 0xfe, 0x6c, 0x69]))).toBe('Şişli');
  });

  it('finds the delimiter in the first line, outside quotes', () => {
    expect(detectDelimiter('a;b;c\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('a,b\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
  });

  it('parses RFC 4180: quotes, doubled quotes, line breaks inside quotes, CRLF and LF', () => {
    expect(parseCsv('a;"b;c";"say ""hi"""\r\n1;"two\nlines";3\n')).toEqual([
      ['a', 'b;c', 'say "hi"'],
      ['1', 'two\nlines', '3'],
    ]);
    expect(parseCsv('x,y')).toEqual([['x', 'y']]);
    expect(parseCsv('x;;\n', ';')).toEqual([['x', '', '']]);
  });

  it('reads back what it writes, whatever the text', () => {
    const field = fc.string().filter((s) => !s.startsWith('"'));
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const text = rows.map((r) => r.map((c) => csvField(c, ';')).join(';')).join('\r\n');
        expect(parseCsv(text, ';')).toEqual(rows);
      }),
    );
  });

  it('reads a CSV upload into numbered rows and refuses binary text and other file types', async () => {
    expect(await read('people.csv', Buffer.from('\uFEFFad;soyad\r\nAyşe;Yılmaz\r\n'))).toEqual([
      { row: 1, cells: ['ad', 'soyad'] },
      { row: 2, cells: ['Ayşe', 'Yılmaz'] },
    ]);
    expect((await refusal(read('people.csv', Buffer.from('a\u0000b')))).code).toBe('errors.import.unreadable');
    expect((await refusal(read('people.pdf', Buffer.from('a;b')))).code).toBe('errors.import.fileType');
    expect((await refusal(read('people.xls', Buffer.from('a;b')))).code).toBe('errors.import.fileType');
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]);
    expect((await refusal(read('people.csv', ole))).code).toBe('errors.import.fileType');
  });
});

describe('reading XLSX', () => {
  async function workbook(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('s');
    for (const r of rows) sheet.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('keeps numbers, booleans and dates, flattens rich text and formulas, and numbers the rows', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('s');
    sheet.addRow(['name', 'born', 'count', 'ok']);
    sheet.addRow([
      { richText: [{ text: 'Ay' }, { text: 'şe' }] },
      new Date(Date.UTC(1990, 3, 12)),
      { formula: '1+1', result: 2 },
      true,
    ]);
    sheet.addRow([]);
    sheet.addRow(['', null, null, null, 'far']);
    const rows = await read('x.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(rows[0]).toEqual({ row: 1, cells: ['name', 'born', 'count', 'ok'] });
    expect(rows[1]).toEqual({ row: 2, cells: ['Ayşe', new Date(Date.UTC(1990, 3, 12)), 2, true] });
    expect(rows[2]!.row).toBe(4);
    expect(rows[2]!.cells[4]).toBe('far');
  });

  it('refuses a broken workbook and one with too many rows', async () => {
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(20)]);
    expect((await refusal(read('x.xlsx', broken))).code).toBe('errors.import.unreadable');
    const many = await workbook([['h'], ['1'], ['2'], ['3'], ['4']]);
    expect(await refusal(read('x.xlsx', many))).toEqual({ code: 'errors.import.tooManyRows', params: { max: 3 } });
    expect(await read('x.xlsx', await workbook([['h'], ['1'], ['2'], ['3']]))).toHaveLength(4);
  });
});

describe('cells', () => {
  it('turns a cell into text', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(undefined)).toBe('');
    expect(cellText('  Şişli  ')).toBe('Şişli');
    expect(cellText('S\u0327is\u0327li')).toBe('Şişli');
    expect(cellText(12345678950)).toBe('12345678950');
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText(true)).toBe('yes');
    expect(cellText(new Date(Date.UTC(2026, 0, 5)))).toBe('2026-01-05');
    expect(cellText(new Date(Number.NaN))).toBe('');
  });

  it('reads dates as ISO, day-first Turkish, spreadsheet dates and Excel serials', () => {
    expect(parseDate('1990-04-12')).toBe('1990-04-12');
    expect(parseDate('12.04.1990')).toBe('1990-04-12');
    expect(parseDate('2/4/1990')).toBe('1990-04-02');
    expect(parseDate('1990-04-12T00:00:00Z')).toBe('1990-04-12');
    expect(parseDate(new Date(Date.UTC(1990, 3, 12)))).toBe('1990-04-12');
    expect(parseDate(32975)).toBe('1990-04-12');
    expect(parseDate('31.02.1990')).toBeNull();
    expect(parseDate('1850-01-01')).toBeNull();
    expect(parseDate(1.5)).toBeNull();
    expect(parseDate('soon')).toBeNull();
    expect(parseDate(null)).toBeNull();
  });

  it('escapes text a spreadsheet would run as a formula, and takes the escape off again', () => {
    for (const bad of ['=SUM(A1)', '+90 532', '-1', '@cmd', '\tx', '\rx']) expect(escapeFormula(bad)).toBe(`'${bad}`);
    expect(escapeFormula('Ayşe')).toBe('Ayşe');
    expect(escapeFormula("'quoted")).toBe("'quoted");
    expect(unescapeFormula("'=SUM(A1)")).toBe('=SUM(A1)');
    expect(unescapeFormula("'Ayşe")).toBe("'Ayşe");
  });

  it('names columns as spreadsheets do', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('writing', () => {
  const table = {
    baseName: 'liste',
    sheets: [
      {
        name: 'Kişiler',
        columns: [{ header: 'Ad' }, { header: 'Not; açıklama' }, { header: 'Sayı' }, { header: 'TCKN', text: true }],
        rows: [
          ['Ayşe', '=HYPERLINK("x")', 3, '01234567890'],
          ['Ali "Can"', null, 1.5, undefined],
        ],
      },
    ],
  } as const;

  it('writes CSV with a BOM, CRLF, the language’s delimiter, RFC 4180 quoting and escaped formulas', async () => {
    const tr = await writeTable('csv', {
      ...table,
      locale: 'tr',
    });
    expect(tr.fileName).toBe('liste.csv');
    expect(tr.contentType).toBe('text/csv; charset=utf-8');
    const text = tr.body.toString('utf8');
    expect(text).toBe(
      '\uFEFFAd;"Not; açıklama";Sayı;TCKN\r\nAyşe;"\'=HYPERLINK(""x"")";3;01234567890\r\n"Ali ""Can""";;1.5;\r\n',
    );
    const en = await writeTable('csv', {
      ...table,
      locale: 'en',
    });
    expect(en.body.toString('utf8').split('\r\n')[0]).toBe('\uFEFFAd,Not; açıklama,Sayı,TCKN');
  });

  it('writes XLSX with a bold frozen header, text columns, drop-down lists and right-to-left Arabic sheets', async () => {
    const out = await writeTable('xlsx', {
      baseName: 'liste',
      locale: 'ar',
      sheets: [
        {
          ...table.sheets[0],
          lists: [{ column: 0, values: ['Ayşe', 'Ali'], toRow: 10 }],
        },
        { name: 'Kodlar', freezeHeader: false, columns: [{ header: 'Kod', width: 26 }], rows: [['a']] },
      ],
    });
    expect(out.fileName).toBe('liste.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.body as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.name).toBe('Kişiler');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, rightToLeft: true });
    expect(sheet.getRow(1).font?.bold).toBe(true);
    // In XLSX a text cell is a string, not a formula: it is written as it is.
    expect(sheet.getRow(2).values).toEqual([undefined, 'Ayşe', '=HYPERLINK("x")', 3, '01234567890']);
    expect(sheet.getColumn(4).numFmt).toBe('@');
    expect(sheet.getColumn(1).numFmt).toBeUndefined();
    expect(sheet.getCell('A5').dataValidation).toMatchObject({ type: 'list', formulae: ['"Ayşe,Ali"'] });
    const codes = wb.worksheets[1]!;
    expect(codes.getColumn(1).width).toBe(26);
    expect(codes.views[0]?.state).not.toBe('frozen');
    expect(await read('back.xlsx', out.body)).toHaveLength(3);
  });
});
