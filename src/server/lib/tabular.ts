import ExcelJS from 'exceljs';
import type { Readable } from 'node:stream';
import type { Locale } from '../../common/locales.ts';
import type { MessageParams } from '../../common/message-format.ts';
import { problems } from './errors.ts';

/**
 * Reading and writing tables (CSV and XLSX), once for every import and export: the person import, the
 * employer and vacancy transfer, and whatever comes next. CSV is written to RFC 4180 with a UTF-8 BOM
 * and the list separator Excel expects in the language (";" in Turkish and Arabic, "," in English), so
 * that Excel opens it as it is; text that a spreadsheet would run as a formula is escaped. Reading takes
 * UTF-8 (with or without BOM), UTF-16 with BOM or Windows-1254, any of ; , or tab as the delimiter, and
 * the first sheet of an XLSX file.
 */

/** A cell as read: XLSX keeps numbers, booleans and dates; CSV gives text. */
export type Cell = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number as the spreadsheet shows it (1 is the first line). */
  row: number;
  cells: Cell[];
}

export type TableFormat = 'csv' | 'xlsx';

export interface FileOut {
  fileName: string;
  contentType: string;
  body: Buffer;
}

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- reading -----------------------------------------------------------------------------------------

/** Decodes CSV bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or Windows-1254 (older Turkish Excel). */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1254').decode(bytes);
  }
}

/** The delimiter of a CSV: whichever of ; , or tab occurs most often (outside quotes) in the first line. */
export function detectDelimiter(text: string): string {
  const counts: Record<string, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] > 0 ? best[0] : ',';
}

/** RFC 4180: quoted fields with "" for a quote, CRLF or LF line ends, line breaks inside quotes. */
export function parseCsv(text: string, delimiter = detectDelimiter(text)): string[][] {
  return [...csvRows(text, delimiter)];
}

/** parseCsv one row at a time (a large file's rows are read as they are used, not all held at once). */
export function* csvRows(text: string, delimiter = detectDelimiter(text)): Generator<string[]> {
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      row.push(field);
      yield row;
      row = [];
      field = '';
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
    } else field += ch;
    i += 1;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    yield row;
  }
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellOf(value.result);
    if ('text' in value) return cellOf(value.text);
  }
  // Errors (#N/A, …) and anything else read as empty.
  return null;
}

export interface ReadOptions {
  /** Data rows an XLSX sheet may hold (besides its header row). */
  maxRows: number;
  /**
   * Where the refusals' message keys live: `<prefix>.fileType`, `.unreadable`, `.empty`, `.tooManyRows`
   * (with `{ max }`).
   */
  messages: string;
  /** The field the refusals point at. */
  pointer?: string;
}

/**
 * The rows of an uploaded table: the first sheet of an XLSX file, or a CSV (also .txt, .tsv). Old Excel
 * (.xls), OpenDocument and Numbers files are refused with `fileType`, a broken XLSX or a binary CSV
 * with `unreadable` — as 422 problems pointing at the file.
 */
export async function readTable(fileName: string, bytes: Buffer, options: ReadOptions): Promise<SheetRow[]> {
  const refuse = (reason: 'fileType' | 'unreadable' | 'empty' | 'tooManyRows', params?: MessageParams) =>
    problems.invalid(options.pointer ?? '/contentBase64', `${options.messages}.${reason}`, params);
  const isZip = bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50;
  const isOle = bytes.length > 8 && bytes.readUInt32BE(0) === 0xd0cf11e0;
  if (isOle || /\.(xls|ods|numbers)$/i.test(fileName)) throw refuse('fileType');
  if (isZip) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch {
      throw refuse('unreadable');
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw refuse('empty');
    if (sheet.actualRowCount > options.maxRows + 1) throw refuse('tooManyRows', { max: options.maxRows });
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (r, n) => {
      const cells: Cell[] = [];
      r.eachCell({ includeEmpty: true }, (c, col) => {
        cells[col - 1] = cellOf(c.value);
      });
      rows.push({ row: n, cells: Array.from(cells, (c) => c ?? null) });
    });
    return rows;
  }
  if (!/\.(csv|txt|tsv)$/i.test(fileName)) throw refuse('fileType');
  const text = decodeText(bytes);
  if (text.includes('\u0000')) throw refuse('unreadable');
  return parseCsv(text).map((cells, i) => ({ row: i + 1, cells }));
}

/**
 * The rows of an uploaded table read from a stream (a multipart upload), yielded one by one as they are
 * read: an XLSX file through exceljs' streaming reader (the first sheet, row by row, never the whole
 * workbook in memory; the caller's pauses hold the upload back), a CSV collected up to `maxBytes` as text
 * and parsed row by row as the caller asks. Stops with `tooManyRows` at the first row past `maxRows`, and
 * with `fileTooLarge` past `maxBytes`; the same refusals as readTable otherwise. A caller that stops early
 * (its own refusal) leaves the rest of the upload read and dropped.
 */
export async function* streamTable(
  fileName: string,
  stream: Readable,
  options: ReadOptions & { maxBytes: number },
): AsyncGenerator<SheetRow> {
  const refuse = (
    reason: 'fileType' | 'unreadable' | 'empty' | 'tooManyRows' | 'fileTooLarge',
    params?: MessageParams,
  ) => problems.invalid(options.pointer ?? '/file', `${options.messages}.${reason}`, params);
  if (/\.(xls|ods|numbers)$/i.test(fileName)) throw refuse('fileType');
  try {
    if (/\.xlsx$/i.test(fileName)) {
      let rows = 0;
      let tooMany = false;
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
        worksheets: 'emit',
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        entries: 'ignore',
      });
      // The reader's failures are the file's (a caller that stops early only ends the reading).
      const sheetRows = async function* () {
        try {
          for await (const sheet of reader) {
            for await (const r of sheet) {
              if (!r.hasValues) continue;
              if (rows++ > options.maxRows) {
                tooMany = true;
                return;
              }
              const cells: Cell[] = [];
              r.eachCell({ includeEmpty: true }, (c, col) => {
                cells[col - 1] = cellOf(c.value);
              });
              yield { row: r.number, cells: Array.from(cells, (c) => c ?? null) };
            }
            return; // the first sheet only
          }
        } catch (err) {
          if (isTooLarge(err)) throw refuse('fileTooLarge', { mb: Math.round(options.maxBytes / 1024 / 1024) });
          throw refuse('unreadable');
        }
      };
      for await (const row of sheetRows()) yield row;
      if (tooMany) throw refuse('tooManyRows', { max: options.maxRows });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of stream) {
        size += (chunk as Buffer).length;
        if (size > options.maxBytes) throw new TooLarge();
        chunks.push(chunk as Buffer);
      }
    } catch (err) {
      if (isTooLarge(err)) throw refuse('fileTooLarge', { mb: Math.round(options.maxBytes / 1024 / 1024) });
      throw err;
    }
    // A stream cut at the upload's own limit (a multipart file part says `truncated`) is too large too.
    if ((stream as { truncated?: boolean }).truncated)
      throw refuse('fileTooLarge', { mb: Math.round(options.maxBytes / 1024 / 1024) });
    const bytes = Buffer.concat(chunks);
    chunks.length = 0;
    if (bytes.length > 4 && bytes.readUInt32LE(0) === 0x04034b50) throw refuse('fileType');
    const isOle = bytes.length > 8 && bytes.readUInt32BE(0) === 0xd0cf11e0;
    if (isOle) throw refuse('fileType');
    if (!/\.(csv|txt|tsv)$/i.test(fileName)) throw refuse('fileType');
    const text = decodeText(bytes);
    if (text.includes('\u0000')) throw refuse('unreadable');
    let row = 0;
    for (const cells of csvRows(text)) yield { row: ++row, cells };
  } finally {
    // Whatever stopped the reading, the rest of the upload is read and dropped.
    if (!stream.readableEnded) {
      stream.unpipe();
      stream.resume();
    }
  }
}

class TooLarge extends Error {}
/** Our own limit, or the multipart plugin's (its error is a FST_REQ_FILE_TOO_LARGE). */
const isTooLarge = (err: unknown) =>
  err instanceof TooLarge || (err as { code?: string } | null)?.code === 'FST_REQ_FILE_TOO_LARGE';

// ---- cells -------------------------------------------------------------------------------------------

/** A date as YYYY-MM-DD (its UTC day: spreadsheets' dates carry no zone). */
export const isoDate = (d: Date) =>
  `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;

/**
 * A cell as text: NFC, trimmed; a date as YYYY-MM-DD (empty when invalid), a whole number without a
 * decimal point or exponent, a boolean as yes/no.
 */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : isoDate(cell);
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  return cell.normalize('NFC').trim();
}

function validDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return isoDate(date);
}

/** A date as YYYY-MM-DD or DD.MM.YYYY (also D.M.YYYY, DD/MM/YYYY), a spreadsheet date, or an Excel serial. */
export function parseDate(cell: Cell | undefined): string | null {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? null : isoDate(cell);
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 80000) return null;
    return isoDate(new Date(Date.UTC(1899, 11, 30) + cell * 86_400_000));
  }
  const value = cellText(cell);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(value);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(value);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

/** A text that a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with ' (CSV injection). */
export function escapeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** Takes off the ' that `escapeFormula` put before a formula character, for a file read back in. */
export function unescapeFormula(value: string): string {
  return value.replace(/^'(?=[=+\-@])/, '');
}

/** The spreadsheet's letter of a column: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

// ---- writing -----------------------------------------------------------------------------------------

/** Excel in Turkish (and Arabic) uses ";" as its list separator, English ",". */
export const csvDelimiterFor = (locale: Locale) => (locale === 'en' ? ',' : ';');

/** One CSV field, quoted (RFC 4180) when it holds a quote, a line break or the delimiter. */
export function csvField(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A value to write: text, a number, or nothing. Booleans and codes are turned into words by the caller. */
export type OutCell = string | number | null | undefined;

export interface SheetOut {
  name: string;
  columns: readonly {
    header: string;
    /** Characters; by default the header's length + 2, between `minWidth` and 45. */
    width?: number;
    /** Kept as text in XLSX (ID and tax numbers, phones, codes: no lost zeros, no 1.2E+10). */
    text?: boolean;
  }[];
  rows: readonly (readonly OutCell[])[];
  /** The smallest default column width (12). */
  minWidth?: number;
  /** Keeps the header row in view while scrolling (default true). */
  freezeHeader?: boolean;
  /** Drop-down lists of allowed values, for the data rows 2 … `toRow` of a column. */
  lists?: readonly { column: number; values: readonly string[]; toRow: number }[];
}

export interface TableOut {
  /** The file name without its extension. */
  baseName: string;
  /** Chooses the CSV delimiter and, for Arabic, right-to-left sheets. */
  locale: Locale;
  /** A CSV holds the first sheet only. */
  sheets: readonly [SheetOut, ...SheetOut[]];
}

/** Writes a CSV (the first sheet, BOM, CRLF, formulas escaped) or an XLSX workbook. */
export async function writeTable(format: TableFormat, table: TableOut): Promise<FileOut> {
  if (format === 'csv') return { fileName: `${table.baseName}.csv`, contentType: CSV_CONTENT_TYPE, body: csvOf(table) };
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Köprü';
  const rtl = table.locale === 'ar';
  for (const spec of table.sheets) {
    const sheet = workbook.addWorksheet(spec.name, {
      views: [spec.freezeHeader === false ? { rightToLeft: rtl } : { state: 'frozen', ySplit: 1, rightToLeft: rtl }],
    });
    sheet.columns = spec.columns.map((c, i) => ({
      key: String(i),
      width: c.width ?? Math.min(45, Math.max(spec.minWidth ?? 12, c.header.length + 2)),
      ...(c.text ? { style: { numFmt: '@' } } : {}),
    }));
    const header = sheet.addRow(spec.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    // In XLSX a text cell is never a formula: values are written as they are.
    for (const r of spec.rows) sheet.addRow(r.map((v) => v ?? null));
    const validations = (sheet as unknown as { dataValidations: { add(range: string, rule: unknown): void } })
      .dataValidations;
    for (const list of spec.lists ?? []) {
      const letter = columnLetter(list.column);
      validations.add(`${letter}2:${letter}${list.toRow}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${list.values.join(',')}"`],
      });
    }
  }
  return {
    fileName: `${table.baseName}.xlsx`,
    contentType: XLSX_CONTENT_TYPE,
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

function csvOf(table: TableOut): Buffer {
  const delimiter = csvDelimiterFor(table.locale);
  const sheet = table.sheets[0];
  const text = (v: OutCell) =>
    v === null || v === undefined ? '' : typeof v === 'number' ? String(v) : escapeFormula(v);
  const lines = [sheet.columns.map((c) => c.header), ...sheet.rows.map((r) => r.map(text))].map((cells) =>
    cells.map((c) => csvField(c, delimiter)).join(delimiter),
  );
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
