import type { MessageParams } from '../../../../common/message-format.ts';
import { and, desc, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Readable } from 'node:stream';
import { Compile, type Validator } from 'typebox/compile';
import { importJobRows, importJobs, users } from '../../../db/schema/index.ts';
import { TARGET_GROUPS, type TargetGroup } from '../../../../common/enums.ts';
import type { Db } from '../../../db/client.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { scopeOf } from '../../../lib/access.ts';
import { decrypt, encrypt } from '../../../lib/crypto.ts';
import { fromValidation, ProblemError, problems, type FieldError } from '../../../lib/errors.ts';
import { t } from '../../../lib/i18n.ts';
import { searchKey } from '../../../../common/text.ts';
import { normaliseIdNumber, withTcknChecksum } from '../../../../common/identity-number.ts';
import { normalisePhone } from '../../../../common/contact.ts';
import { CONSENT_TEXT_VERSION, NOTICE_VERSION, type ImportStatus } from '../../../../common/people.ts';
import { IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ROWS } from '../../../../common/contracts/person-import.ts';
import { PersonCreate as PersonCreateSchema } from '../../../../common/contracts/people.ts';
import { LOCALES, type Locale } from '../../../../common/locales.ts';
import {
  checkRegistrations,
  createPerson,
  prepareRegistration,
  writeRegistrations,
  type PreparedRegistration,
} from '../persons/persons.service.ts';
import type { PersonCreate, TargetGroupInput } from '../persons/persons.validation.ts';
import { textRuleChecker } from '../../../lib/validation.ts';
import { isDeadlock, isUniqueViolation } from '../../../lib/db-errors.ts';
import { insertRows } from '../../../lib/bulk-insert.ts';
import {
  cellText,
  columnLetter,
  parseDate,
  readTable,
  streamTable,
  writeTable,
  type Cell,
  type FileOut,
  type SheetRow,
} from '../../../lib/tabular.ts';

/**
 * Bulk import of persons from a spreadsheet (XLSX or CSV), in two steps:
 * 1. a dry run: every row goes through the registration's input schema and the registration's own
 *    checks (`prepareRegistration`, `checkRegistrations`: a few statements per chunk of rows), on a
 *    database handle that refuses writes, plus duplicate checks within the file; the job is stored with status `validated` and a row report, and nothing is written to persons;
 * 2. the import: in the background, in transactions of CHUNK_ROWS rows (written with multi-row inserts,
 *    row by row when that fails), each committing the persons together with the job's progress, so that a crash leaves the job
 *    `running` with exact progress and PGlite (one connection) keeps serving requests between chunks.
 */

/** The upload's limits, which the contract states (and the web page checks before sending). */
export const MAX_FILE_BYTES = IMPORT_MAX_FILE_BYTES;
export const MAX_ROWS = IMPORT_MAX_ROWS;
/** Rows per transaction while importing. */
export const CHUNK_ROWS = 500;
/** Rows checked between two yields to other requests during the dry run. */
const DRY_RUN_CHUNK_ROWS = 500;
/** Times one chunk is run again after PostgreSQL aborted it to break a deadlock, before the job fails. */
const MAX_DEADLOCK_RETRIES = 3;
/** A running job whose progress has not moved for this long is taken as orphaned and may be resumed. */
export const STALE_RUNNING_MS = 10 * 60 * 1000;
/**
 * A checked file not imported within this time, or an import that has not moved for this long, is ended by
 * the daily `person-import-sweep` and its stored rows deleted: they hold the personal data of people who may
 * never be registered, kept only so that the import can run (docs/PEOPLE.md, "Bulk import").
 */
export const UNRUN_KEEP_MS = 7 * 24 * 3600 * 1000;

/** The template's columns, in order. The field name is also the problem pointer (`/idNumber`). */
export const IMPORT_FIELDS = [
  'givenName',
  'familyName',
  'idKind',
  'idNumber',
  'passportCountry',
  'birthDate',
  'sex',
  'nationality',
  'phone',
  'email',
  'province',
  'district',
  'targetGroups',
  'desiredOccupations',
  'noticeVersion',
  'noticeChannel',
  'consentEmployers',
  'checkedNotDuplicate',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const REQUIRED_FIELDS: readonly ImportField[] = [
  'givenName',
  'familyName',
  'birthDate',
  'sex',
  'nationality',
  'province',
  'district',
  'noticeVersion',
  'noticeChannel',
];

/** Fields of PersonCreate that the registration cannot do without: a row missing one is not sent to it. */
const REQUIRED_INPUT_KEYS = new Set([
  'givenName',
  'familyName',
  'birthDate',
  'sex',
  'nationality',
  'province',
  'district',
  'notice',
]);

type JobRow = typeof importJobs.$inferSelect;
export type RowProblem = JobRow['problems'][number];

// ---- column headers and values ---------------------------------------------------------------------

export const headerOf = (locale: Locale, field: ImportField) => t(locale, `import.columns.${field}`);

/** A header or a value as compared: folded, without a parenthesised hint. */
const keyOf = (text: string) => searchKey(text.replace(/\([^)]*\)/g, ' '));

const CHANNEL_CODES = ['in-person', 'phone', 'online', 'paper'] as const;

/** Accepted spellings of coded values: the code, and the label in every language. */
function valueMap<T extends string>(codes: readonly T[], labelKey: (code: T) => string, extra: Record<string, T> = {}) {
  const map = new Map<string, T>();
  for (const code of codes) {
    map.set(keyOf(code), code);
    for (const locale of LOCALES) map.set(keyOf(t(locale, labelKey(code))), code);
  }
  for (const [k, v] of Object.entries(extra)) map.set(keyOf(k), v);
  return map;
}

const SEX_VALUES = valueMap(['female', 'male'] as const, (c) => `import.values.sex.${c}`, {
  k: 'female',
  f: 'female',
  e: 'male',
  m: 'male',
});
const ID_KIND_VALUES = valueMap(['tckn', 'ykn', 'passport'] as const, (c) => `import.values.idKind.${c}`, {
  tc: 'tckn',
  'tc kimlik': 'tckn',
  'tc kimlik no': 'tckn',
  ykn: 'ykn',
  pasaport: 'passport',
});
const CHANNEL_VALUES = valueMap(CHANNEL_CODES, (c) => `import.values.channel.${c}`);
const YES_NO_VALUES = valueMap(['yes', 'no'] as const, (c) => `import.values.${c}`, {
  true: 'yes',
  false: 'no',
  '1': 'yes',
  '0': 'no',
  y: 'yes',
  n: 'no',
  e: 'yes',
  h: 'no',
  evet: 'yes',
  hayir: 'no',
});
const GROUP_VALUES = valueMap(TARGET_GROUPS, (c) => `import.values.group.${c}`);

/** The example row of the template in a language (skipped when a file still contains it). */
function exampleRow(locale: Locale): Record<ImportField, string> {
  const arabic = locale === 'ar';
  const dateStyle = (iso: string) => (locale === 'tr' ? iso.split('-').reverse().join('.') : iso);
  return {
    givenName: arabic ? 'Zahra' : 'Ayşe',
    familyName: arabic ? 'Al-Hassan' : 'Yılmaz',
    idKind: t(locale, arabic ? 'import.values.idKind.ykn' : 'import.values.idKind.tckn'),
    idNumber: arabic ? withTcknChecksum('991000001') : withTcknChecksum('100000001'),
    passportCountry: '',
    birthDate: dateStyle('1990-04-12'),
    sex: t(locale, 'import.values.sex.female'),
    nationality: arabic ? 'SY' : 'TR',
    phone: '0532 123 45 67',
    email: arabic ? 'zahra.alhassan@example.com' : 'ayse.yilmaz@example.com',
    province: 'İstanbul',
    district: 'Fatih',
    targetGroups: arabic ? 'refugee:temporary-protection;woman-care:2' : 'woman-care:2;long-term-unemployed:14',
    desiredOccupations: 'Aşçı yardımcısı;Kasiyer',
    noticeVersion: NOTICE_VERSION,
    noticeChannel: t(locale, 'import.values.channel.in-person'),
    consentEmployers: t(locale, 'import.values.yes'),
    checkedNotDuplicate: t(locale, 'import.values.no'),
  };
}

const EXAMPLE_KEYS = new Set(
  LOCALES.map((l) => exampleRow(l)).map((e) => `${keyOf(e.givenName)}|${keyOf(e.familyName)}|${e.idNumber}`),
);

// ---- the template ------------------------------------------------------------------------------------

export async function buildTemplate(locale: Locale, format: 'xlsx' | 'csv'): Promise<FileOut> {
  const headers = IMPORT_FIELDS.map((f) => headerOf(locale, f));
  const example = exampleRow(locale);
  const yesNo = [t(locale, 'import.values.yes'), t(locale, 'import.values.no')];
  const lists: Partial<Record<ImportField, string[]>> = {
    idKind: (['tckn', 'ykn', 'passport'] as const).map((c) => t(locale, `import.values.idKind.${c}`)),
    sex: (['female', 'male'] as const).map((c) => t(locale, `import.values.sex.${c}`)),
    noticeChannel: CHANNEL_CODES.map((c) => t(locale, `import.values.channel.${c}`)),
    consentEmployers: yesNo,
    checkedNotDuplicate: yesNo,
  };
  return writeTable(format, {
    baseName: t(locale, 'import.fileName'),
    locale,
    sheets: [
      {
        name: t(locale, 'import.sheet.persons'),
        // Text, so that Excel keeps ID numbers, phones and dates as typed (no 1.2E+10, no lost zeros).
        columns: headers.map((header) => ({ header, text: true })),
        minWidth: 14,
        rows: [IMPORT_FIELDS.map((f) => example[f])],
        lists: Object.entries(lists).map(([field, values]) => ({
          column: IMPORT_FIELDS.indexOf(field as ImportField),
          values,
          toRow: MAX_ROWS + 1,
        })),
      },
      // A second sheet explains the codes (target groups and their details).
      {
        name: t(locale, 'import.sheet.codes'),
        freezeHeader: false,
        columns: [
          { header: t(locale, 'import.codesHeader.code'), width: 26 },
          { header: t(locale, 'import.codesHeader.meaning'), width: 90 },
        ],
        rows: [
          ...TARGET_GROUPS.map((group) => [group, t(locale, `import.help.group.${group}`)]),
          [],
          ['', t(locale, 'import.help.dates')],
          ['', t(locale, 'import.help.lists')],
        ],
      },
    ],
  });
}

// ---- reading files -----------------------------------------------------------------------------------

const fileProblem = (code: string, params?: MessageParams) => problems.invalid('/file', code, params);

/** The rows of an uploaded file as they arrive (XLSX row by row; CSV up to MAX_FILE_BYTES, then row by row). */
export const readUpload = (fileName: string, stream: Readable) =>
  streamTable(fileName, stream, {
    maxRows: MAX_ROWS,
    maxBytes: MAX_FILE_BYTES,
    messages: 'errors.import',
    pointer: '/file',
  });

/** The rows of a file held in memory (tests, tools). */
export const readRows = (fileName: string, bytes: Buffer) =>
  readTable(fileName, bytes, { maxRows: MAX_ROWS, messages: 'errors.import', pointer: '/file' });

// ---- from a row to the registration's input --------------------------------------------------------

const listOf = (value: string) =>
  value
    .split(/[;,\n]/)
    .map((v) => v.trim())
    .filter(Boolean);

interface ParsedRow {
  row: number;
  input: PersonCreate;
  problems: RowProblem[];
  /** For duplicate checks within the file. */
  idKey: string | null;
  nameKey: string;
  phone: string | null;
  checked: boolean;
}

interface Mapping {
  columns: Map<number, ImportField>;
  locale: Locale;
  letters: Map<ImportField, string>;
}

function mapHeaders(cells: Cell[], fallback: Locale): Mapping & { ignored: string[] } {
  const known = new Map<string, { field: ImportField; locale: Locale | null }>();
  for (const field of IMPORT_FIELDS) {
    known.set(keyOf(field), { field, locale: null });
    for (const locale of LOCALES) known.set(keyOf(headerOf(locale, field)), { field, locale });
  }
  const columns = new Map<number, ImportField>();
  const letters = new Map<ImportField, string>();
  const votes: Record<Locale, number> = { tr: 0, en: 0, ar: 0 };
  const ignored: string[] = [];
  cells.forEach((cell, i) => {
    const header = cellText(cell);
    if (!header) return;
    const hit = known.get(keyOf(header));
    if (!hit) {
      ignored.push(header);
      return;
    }
    if (letters.has(hit.field)) throw fileProblem('errors.import.duplicateColumn', { column: header });
    columns.set(i, hit.field);
    letters.set(hit.field, columnLetter(i));
    if (hit.locale) votes[hit.locale] += 1;
  });
  const missing = REQUIRED_FIELDS.filter((f) => !letters.has(f));
  if (missing.length > 0) {
    throw problems.invalidMany(
      missing.map((f) => ({
        pointer: '/contentBase64',
        code: 'errors.import.missingColumn',
        params: { column: headerOf(fallback, f) },
      })),
    );
  }
  const best = (Object.entries(votes) as [Locale, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return { columns, letters, locale: best[1] > 0 ? best[0] : fallback, ignored };
}

function parseRow(sheetRow: SheetRow, mapping: Mapping, officeId: string | null): ParsedRow | null {
  const raw = new Map<ImportField, Cell>();
  for (const [i, field] of mapping.columns) raw.set(field, sheetRow.cells[i] ?? null);
  const value = (f: ImportField) => cellText(raw.get(f));
  if (IMPORT_FIELDS.every((f) => value(f) === '')) return null;

  const rowProblems: RowProblem[] = [];
  const problem = (field: ImportField, code: string, params: MessageParams = {}) =>
    rowProblems.push({ row: sheetRow.row, pointer: `/${field}`, code, params: { ...params } });
  const coded = <T extends string>(field: ImportField, map: Map<string, T>): T | undefined => {
    const v = value(field);
    if (!v) return undefined;
    const code = map.get(keyOf(v));
    if (!code) problem(field, 'errors.import.valueUnknown', { value: v });
    return code;
  };

  const input: PersonCreate = {
    givenName: value('givenName'),
    familyName: value('familyName'),
    birthDate: '',
    sex: 'female',
    nationality: value('nationality').toUpperCase(),
    province: value('province'),
    district: value('district'),
    notice: { version: value('noticeVersion'), locale: mapping.locale, channel: 'in-person' },
  };
  for (const field of REQUIRED_FIELDS) if (value(field) === '') problem(field, 'errors.validation.required');

  const birth = raw.get('birthDate');
  if (value('birthDate')) {
    const iso = parseDate(birth);
    if (iso) input.birthDate = iso;
    else problem('birthDate', 'errors.import.date');
  }
  const sex = coded('sex', SEX_VALUES);
  if (sex) input.sex = sex;
  const channel = coded('noticeChannel', CHANNEL_VALUES);
  if (channel) input.notice.channel = channel;

  const idNumber = value('idNumber');
  let idKind = coded('idKind', ID_KIND_VALUES);
  if (!idKind && !value('idKind') && idNumber) {
    // Infer the kind from the number when the column is empty: 11 digits are a TCKN, or a YKN from 99.
    const digits = idNumber.replace(/[\s-]/g, '');
    idKind = /^\d{11}$/.test(digits) ? (digits.startsWith('99') ? 'ykn' : 'tckn') : 'passport';
  }
  if (idKind || idNumber) {
    input.idKind = idKind ?? null;
    input.idNumber = idNumber || null;
  }
  if (value('passportCountry')) input.passportCountry = value('passportCountry');
  if (value('phone')) input.phone = value('phone');
  if (value('email')) input.email = value('email');

  const groups: TargetGroupInput[] = [];
  for (const item of listOf(value('targetGroups'))) {
    const [codeText = '', detail = ''] = item.split(/[:=]/).map((s) => s.trim());
    const group = GROUP_VALUES.get(keyOf(codeText));
    if (!group) {
      problem('targetGroups', 'errors.import.valueUnknown', { value: codeText });
      continue;
    }
    groups.push({ group, details: groupDetails(group, detail, input.province) });
  }
  if (groups.length > 0) input.targetGroups = groups;
  const occupations = listOf(value('desiredOccupations'));
  if (occupations.length > 0) input.desiredOccupations = occupations;

  const consent = coded('consentEmployers', YES_NO_VALUES);
  if (consent === 'yes')
    input.consents = [
      { purpose: 'share-with-employers', textVersion: CONSENT_TEXT_VERSION, channel: input.notice.channel },
    ];
  const checked = coded('checkedNotDuplicate', YES_NO_VALUES) === 'yes';
  if (checked) input.confirmNotDuplicate = true;
  if (officeId) input.officeId = officeId;

  let idKey: string | null = null;
  if (idKind && idNumber) idKey = `${idKind}:${normaliseIdNumber(idKind, idNumber)}`;
  return {
    row: sheetRow.row,
    input,
    problems: rowProblems,
    idKey,
    nameKey: searchKey(`${input.givenName} ${input.familyName}`),
    phone: input.phone ? normalisePhone(input.phone) : null,
    checked,
  };
}

/** The one detail a spreadsheet can give for a group, written after a colon: "disability:60". */
function groupDetails(group: TargetGroup, detail: string, province: string): Record<string, unknown> {
  const number = detail === '' ? undefined : Number(detail.replace(',', '.'));
  switch (group) {
    case 'woman-care':
      return { childrenUnder6: number };
    case 'disability':
      return { reportPercentage: number };
    case 'long-term-unemployed':
      return number === undefined ? {} : { unemployedMonths: number };
    case 'informal-worker':
      return { kind: detail || undefined };
    case 'refugee':
      // Under temporary protection one lives in the province of registration (the person's province).
      return { status: detail || undefined, registrationProvince: province };
    case 'roma':
    case 'neet':
    case 'social-aid':
      return {};
  }
}

// ---- duplicates within the file ----------------------------------------------------------------------

/** Trigram set as pg_trgm builds it: words of letters and digits, padded "  word ". */
function trigrams(value: string): Set<string> {
  const out = new Set<string>();
  for (const word of value.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i += 1) out.add(padded.slice(i, i + 3));
  }
  return out;
}

/** pg_trgm's similarity(), so that the file is judged as the database judges (threshold 0.45). */
export function similarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const g of ta) if (tb.has(g)) common += 1;
  return common / (ta.size + tb.size - common);
}

function duplicatesInFile(rows: readonly RowKeys[]): RowProblem[] {
  const out: RowProblem[] = [];
  const byId = new Map<string, RowKeys[]>();
  for (const r of rows) {
    if (!r.idKey) continue;
    const same = byId.get(r.idKey);
    if (same) same.push(r);
    else byId.set(r.idKey, [r]);
  }
  for (const same of byId.values()) {
    if (same.length < 2) continue;
    // Every row with the number is held back: which of them is right is for a person to decide.
    for (const r of same) {
      const other = same.find((o) => o !== r)!;
      out.push({ row: r.row, pointer: '/idNumber', code: 'errors.import.duplicateInFile', params: { row: other.row } });
    }
  }
  const byBirth = new Map<string, RowKeys[]>();
  const byPhone = new Map<string, RowKeys>();
  for (const r of rows) {
    if (r.idKey && (byId.get(r.idKey)?.length ?? 0) > 1) continue;
    const earlier =
      (byBirth.get(r.birthDate) ?? []).find((o) => similarity(o.nameKey, r.nameKey) >= 0.45) ??
      (r.phone ? byPhone.get(r.phone) : undefined);
    if (earlier && !r.checked) {
      out.push({
        row: r.row,
        pointer: '/checkedNotDuplicate',
        code: 'errors.import.likelyDuplicateInFile',
        params: { row: earlier.row },
      });
    }
    if (r.birthDate) byBirth.set(r.birthDate, [...(byBirth.get(r.birthDate) ?? []), r]);
    if (r.phone && !byPhone.has(r.phone)) byPhone.set(r.phone, r);
  }
  return out;
}

// ---- the registration's own checks ---------------------------------------------------------------------

// The body schema of POST /persons (the people contract's PersonCreate), compiled when first needed.
let personCreateSchema: Validator | null = null;
let personTextRules: ((value: unknown) => FieldError[]) | null = null;

function schemaErrors(input: PersonCreate): FieldError[] {
  personCreateSchema ??= Compile(PersonCreateSchema);
  personTextRules ??= textRuleChecker(PersonCreateSchema);
  // The route's text rules too: a cell with a control character is refused like a request would be.
  const text = personTextRules(input);
  if (personCreateSchema.Check(input)) return text;
  const errors = personCreateSchema.Errors(input) as unknown as Parameters<typeof fromValidation>[0];
  return [...fromValidation(errors, 'body').errors, ...text];
}

/** The import column a registration pointer belongs to. */
function columnOfPointer(pointer: string): ImportField | null {
  const [, first = '', second = ''] = pointer.split('/');
  if (first === 'notice') return second === 'channel' ? 'noticeChannel' : 'noticeVersion';
  if (first === 'consents') return 'consentEmployers';
  if (first === 'confirmNotDuplicate') return 'checkedNotDuplicate';
  return (IMPORT_FIELDS as readonly string[]).includes(first) ? (first as ImportField) : null;
}

function rowProblemsOf(row: number, err: ProblemError): RowProblem[] {
  const list: FieldError[] = err.errors.length > 0 ? err.errors : [{ pointer: '', code: err.code }];
  return list.map((e) => {
    const column = columnOfPointer(e.pointer);
    return { row, pointer: column ? `/${column}` : e.pointer, code: e.code, params: { ...err.params, ...e.params } };
  });
}

/** A unique-index violation on persons' ID number (a concurrent registration) reads as "number taken". */
function asProblem(err: unknown): ProblemError | null {
  if (err instanceof ProblemError) return err;
  if (isUniqueViolation(err, 'persons_id_number_uq'))
    return problems.conflict('errors.persons.idNumberTaken', '/idNumber');
  return null;
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

// ---- step 1: upload and dry run ------------------------------------------------------------------------

export interface UploadInput {
  fileName: string;
  /** The file's rows as they are read (`readUpload`, streamed) or held (`readRows`). */
  rows: AsyncIterable<SheetRow> | Iterable<SheetRow>;
  officeId?: string | null | undefined;
}

/** What the duplicate checks within the file keep of a row: a few keys, not the row. */
interface RowKeys {
  row: number;
  idKey: string | null;
  nameKey: string;
  birthDate: string;
  phone: string | null;
  checked: boolean;
}

/**
 * A row's problems as the dry run finds them, by where they come from: the row itself (its cells, the
 * registration's schema) and the registration's rules and look-ups. Duplicates within the file, known only
 * once the whole file is read, come between the two and replace what the registration says of the same column.
 */
interface RowReport {
  own: RowProblem[];
  registration: RowProblem[];
}

/**
 * The upload's dry run, reading the file as it streams: rows are parsed and checked DRY_RUN_CHUNK_ROWS at a
 * time and stored (encrypted, `import_job_rows`) for the import, so that memory holds one chunk, the
 * duplicate keys of the rows read so far and the problems found — not the file. The job exists as `checking`
 * meanwhile (shown nowhere) and is deleted with its rows if the file is refused.
 */
export async function validateImport(
  ctx: Ctx,
  upload: UploadInput,
): Promise<{ job: JobView; ignoredColumns: string[] }> {
  const actor = actorOf(ctx);
  const now = ctx.clock.now();
  // A check that died with its process (its rows with it) is cleared when the organisation uploads again.
  await ctx.db
    .delete(importJobs)
    .where(
      and(
        eq(importJobs.organisationId, actor.organisationId),
        eq(importJobs.status, 'checking'),
        lt(importJobs.updatedAt, new Date(now.getTime() - STALE_RUNNING_MS)),
      ),
    );
  const [created] = await ctx.db
    .insert(importJobs)
    .values({
      organisationId: actor.organisationId,
      userId: actor.userId,
      kind: 'persons',
      fileName: upload.fileName.slice(0, 200),
      status: 'checking',
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: importJobs.id });
  const jobId = created!.id;
  try {
    const ignoredColumns = await checkUpload(ctx, jobId, upload);
    return { job: await getImport(ctx, jobId), ignoredColumns };
  } catch (err) {
    await ctx.db.delete(importJobs).where(eq(importJobs.id, jobId));
    throw err;
  }
}

async function checkUpload(ctx: Ctx, jobId: string, upload: UploadInput): Promise<string[]> {
  const organisationId = actorOf(ctx).organisationId;
  let mapping: (Mapping & { ignored: string[] }) | null = null;
  const keys: RowKeys[] = [];
  const reports = new Map<number, RowReport>();
  let total = 0;
  let chunk: ParsedRow[] = [];

  const flush = async () => {
    if (chunk.length === 0) return;
    const checked = await dryRun(ctx, chunk);
    // A problem with the chosen office is the file's, not a row's.
    for (const report of checked.values()) {
      const office = report.registration.find((p) => p.pointer === '/officeId');
      if (office) throw problems.invalid('/officeId', office.code, office.params);
    }
    for (const [row, report] of checked) reports.set(row, report);
    await insertRows(
      ctx.db,
      importJobRows,
      chunk.map((p) => ({
        jobId,
        organisationId,
        row: p.row,
        // Rows hold ID numbers and contact details: encrypted like the columns they are bound for.
        inputEnc: checked.has(p.row) ? null : encrypt(JSON.stringify(p.input), ctx.config.dataKey),
      })),
    );
    await ctx.db
      .update(importJobs)
      .set({ totalRows: total, updatedAt: ctx.clock.now() })
      .where(eq(importJobs.id, jobId));
    chunk = [];
    await yieldToOthers();
  };

  for await (const sheetRow of upload.rows) {
    if (!mapping) {
      // The first row with anything in it holds the headers.
      if (sheetRow.cells.some((c) => cellText(c) !== '')) mapping = mapHeaders(sheetRow.cells, ctx.locale);
      continue;
    }
    const p = parseRow(sheetRow, mapping, upload.officeId ?? null);
    if (!p) continue;
    if (EXAMPLE_KEYS.has(`${keyOf(p.input.givenName)}|${keyOf(p.input.familyName)}|${p.input.idNumber ?? ''}`))
      continue;
    if (++total > MAX_ROWS) throw fileProblem('errors.import.tooManyRows', { max: MAX_ROWS });
    keys.push({
      row: p.row,
      idKey: p.idKey,
      nameKey: p.nameKey,
      birthDate: p.input.birthDate,
      phone: p.phone,
      checked: p.checked,
    });
    chunk.push(p);
    if (chunk.length >= DRY_RUN_CHUNK_ROWS) await flush();
  }
  if (!mapping || total === 0) throw fileProblem('errors.import.empty');
  await flush();

  // Duplicates within the file: ahead of the registration's problems, in place of those of the same column.
  const leftOut: number[] = [];
  for (const d of duplicatesInFile(keys)) {
    let report = reports.get(d.row);
    if (!report) {
      reports.set(d.row, (report = { own: [], registration: [] }));
      leftOut.push(d.row);
    }
    if (report.own.some((p) => p.pointer === d.pointer)) continue;
    report.registration = report.registration.filter((p) => p.pointer !== d.pointer);
    report.own.push(d);
  }
  keys.length = 0;
  for (let i = 0; i < leftOut.length; i += DRY_RUN_CHUNK_ROWS)
    await ctx.db
      .update(importJobRows)
      .set({ inputEnc: null })
      .where(and(eq(importJobRows.jobId, jobId), inArray(importJobRows.row, leftOut.slice(i, i + DRY_RUN_CHUNK_ROWS))));

  const found: RowProblem[] = [];
  for (const report of reports.values()) found.push(...report.own, ...report.registration);
  for (const p of found) {
    const column = columnOfPointer(p.pointer);
    const letter = column ? mapping.letters.get(column) : undefined;
    if (letter) p.params = { ...p.params, column: letter };
  }
  const order = (p: RowProblem) => IMPORT_FIELDS.indexOf(columnOfPointer(p.pointer) ?? 'givenName');
  found.sort((a, b) => a.row - b.row || order(a) - order(b));
  await ctx.db
    .update(importJobs)
    .set({ status: 'validated', totalRows: total, problems: found, updatedAt: ctx.clock.now() })
    .where(eq(importJobs.id, jobId));
  return mapping.ignored;
}

/**
 * Checks a chunk as the registration would, without writing: each row through the registration's own
 * steps (`prepareRegistration`: the input's rules; `checkRegistrations`: the office, the ID number
 * already taken, the likely duplicates — a few statements for the whole chunk), on a database handle
 * that refuses every write, so the dry run can write nothing by construction. The import repeats every
 * check in the transaction that writes. Returns the rows with problems.
 */
async function dryRun(ctx: Ctx, chunk: ParsedRow[]): Promise<Map<number, RowReport>> {
  const db = refusingWrites(ctx.db);
  const readCtx = { ...ctx, db };
  const rows: { row: number; report: RowReport; known: Set<string>; prepared: PreparedRegistration | null }[] = [];
  for (const p of chunk) {
    const own = [...p.problems];
    const known = new Set(own.map((r) => r.pointer));
    for (const e of schemaErrors(p.input)) {
      const [problem] = rowProblemsOf(p.row, problems.invalid(e.pointer, e.code, e.params));
      if (problem && !known.has(problem.pointer)) {
        own.push(problem);
        known.add(problem.pointer);
      }
    }
    // Leave out what is already known to be wrong, and ask the registration about the rest.
    const input = { ...p.input } as Record<string, unknown>;
    const inputKey = (column: string) => (column === 'noticeVersion' || column === 'noticeChannel' ? 'notice' : column);
    const badKeys = new Set(own.map((r) => inputKey(r.pointer.split('/')[1] ?? '')));
    for (const key of badKeys) if (!REQUIRED_INPUT_KEYS.has(key)) delete input[key];
    const sendable = ![...badKeys].some((k) => REQUIRED_INPUT_KEYS.has(k));
    const report: RowReport = { own, registration: [] };
    let prepared: PreparedRegistration | null = null;
    if (sendable) {
      try {
        prepared = await prepareRegistration(readCtx, input as unknown as PersonCreate);
      } catch (err) {
        const problem = asProblem(err);
        if (!problem) throw err;
        report.registration.push(...rowProblemsOf(p.row, problem).filter((r) => !known.has(r.pointer)));
      }
    }
    rows.push({ row: p.row, report, known, prepared });
  }
  const ready = rows.filter((r) => r.prepared);
  const checks = await checkRegistrations(
    db,
    readCtx,
    ready.map((r) => r.prepared!),
  );
  ready.forEach((r, k) => {
    const problem = checks[k];
    if (problem) r.report.registration.push(...rowProblemsOf(r.row, problem).filter((x) => !r.known.has(x.pointer)));
  });
  const out = new Map<number, RowReport>();
  for (const r of rows) if (r.report.own.length + r.report.registration.length > 0) out.set(r.row, r.report);
  return out;
}

class FirstWrite extends Error {}
const firstWrite = new FirstWrite('the dry run writes nothing');

/** The same database for reading; any write (or raw statement) throws `firstWrite` before it is sent. */
function refusingWrites(db: Db): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'insert' || prop === 'update' || prop === 'delete' || prop === 'execute') {
        return () => {
          throw firstWrite;
        };
      }
      // Nothing is written, so a transaction needs no savepoint: its callback reads through the same guard.
      if (prop === 'transaction') return <T>(run: (tx: Db) => Promise<T>) => run(refusingWrites(target));
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

// ---- step 2: the import ------------------------------------------------------------------------------

/**
 * Marks the job running (or, for an orphaned running job, takes it over). Refused while the file has
 * errors unless the caller chose to import only the valid rows.
 */
export async function startImport(ctx: Ctx, id: string, validRowsOnly: boolean): Promise<JobView> {
  const job = await loadJob(ctx, id);
  const stale = job.status === 'running' && ctx.clock.now().getTime() - job.updatedAt.getTime() > STALE_RUNNING_MS;
  if (job.status !== 'validated' && !stale)
    throw problems.conflict('errors.import.notRunnable', { params: { status: job.status } });
  if (job.status === 'validated' && job.problems.length > 0 && !validRowsOnly)
    throw problems.conflict('errors.import.hasErrors', {
      pointer: '/validRowsOnly',
      params: { rows: new Set(job.problems.map((p) => p.row)).size },
    });
  const now = ctx.clock.now();
  const [updated] = await ctx.db
    .update(importJobs)
    .set({ status: 'running', validRowsOnly: stale ? job.validRowsOnly : validRowsOnly, updatedAt: now })
    .where(
      and(
        eq(importJobs.id, id),
        stale
          ? and(eq(importJobs.status, 'running'), lt(importJobs.updatedAt, new Date(now.getTime() - STALE_RUNNING_MS)))
          : eq(importJobs.status, 'validated'),
      ),
    )
    .returning({ id: importJobs.id });
  if (!updated) throw problems.conflict('errors.import.notRunnable', { params: { status: 'running' } });
  return getImport(ctx, id);
}

/**
 * Imports the rows of a running job, CHUNK_ROWS per transaction, in `workers` transactions at once (on a
 * server: the persons' insert with its indexes is the database's work, and a second connection puts the
 * second core to it; PGlite has one connection: one). Each transaction claims the next chunk of stored
 * rows (`FOR UPDATE SKIP LOCKED`: no two workers take the same row), imports them (`importChunk`),
 * deletes them and adds its counts to the job, so that a crash leaves the job `running` with exact
 * progress and the rows still to import. The last worker to find nothing left marks the job done.
 * Stops when the job is no longer running (cancelled) or when `shouldStop()` says the process is
 * closing (the job then stays `running` and can be resumed). Should a worker fail, the others stop
 * after their chunk and the job is marked failed.
 */
export async function processImport(
  ctx: Ctx,
  id: string,
  shouldStop: () => boolean = () => false,
  workers = 1,
): Promise<void> {
  let failed = false;
  const worker = async () => {
    try {
      for (let deadlocks = 0; !failed && !shouldStop();) {
        let finished: boolean;
        try {
          finished = await importNextChunk(ctx, id);
          deadlocks = 0;
        } catch (err) {
          // A chunk imported row by row (its batch write failed) locks the shared name words row after row, so
          // it can lock them in another order than a second worker or a registration: PostgreSQL then aborts
          // one transaction whole, and a chunk aborted so is simply run again.
          if (!isDeadlock(err) || ++deadlocks > MAX_DEADLOCK_RETRIES) throw err;
          continue;
        }
        if (finished) return;
        await yieldToOthers();
      }
    } catch (err) {
      failed = true;
      throw err;
    }
  };
  const outcomes = await Promise.allSettled(Array.from({ length: Math.max(1, workers) }, worker));
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (!failure) return;
  const organisationId = actorOf(ctx).organisationId;
  await ctx.db.transaction(async (tx) => {
    const [ended] = await tx
      .update(importJobs)
      .set({
        status: 'failed',
        problems: sql`${importJobs.problems} || ${JSON.stringify([{ row: 0, pointer: '', code: 'errors.import.failed', params: {} }])}::jsonb`,
        updatedAt: ctx.clock.now(),
      })
      .where(
        and(eq(importJobs.organisationId, organisationId), eq(importJobs.id, id), eq(importJobs.status, 'running')),
      )
      .returning({ id: importJobs.id });
    if (ended)
      await tx
        .delete(importJobRows)
        .where(and(eq(importJobRows.organisationId, organisationId), eq(importJobRows.jobId, id)));
  });
  throw failure.reason;
}

/**
 * One transaction of `processImport`: claims, imports and deletes the next chunk of the job's stored rows
 * and adds its counts to the job. Returns true when this worker is done: the job is not running, or no
 * row is left to claim (the job is marked done when no other worker still holds rows).
 * The job's row is locked last (its counts), so workers wait for one another only for a commit.
 */
async function importNextChunk(ctx: Ctx, id: string): Promise<boolean> {
  const organisationId = actorOf(ctx).organisationId;
  return ctx.db.transaction(async (tx) => {
    // The next chunk of the stored rows, claimed (and deleted once imported) in this transaction: what is
    // left is what remains to import, so a job resumed after a crash starts where it stopped. Claimed only
    // while the job is running, in the same statement: once a cancellation has committed, nothing more is.
    const items = await tx
      .select({ row: importJobRows.row, inputEnc: importJobRows.inputEnc })
      .from(importJobRows)
      .where(
        and(
          eq(importJobRows.organisationId, organisationId),
          eq(importJobRows.jobId, id),
          sql`EXISTS (SELECT 1 FROM ${importJobs} WHERE ${importJobs.id} = ${id} AND ${importJobs.organisationId} = ${organisationId} AND ${importJobs.status} = 'running')`,
        ),
      )
      .orderBy(importJobRows.row)
      .limit(CHUNK_ROWS)
      .for('update', { of: importJobRows, skipLocked: true });
    if (items.length === 0) {
      // Not running, or nothing left to claim. Rows another worker holds are seen here until it commits;
      // that worker then finishes the job.
      const [left] = await tx
        .select({ row: importJobRows.row })
        .from(importJobRows)
        .where(and(eq(importJobRows.organisationId, organisationId), eq(importJobRows.jobId, id)))
        .limit(1);
      if (!left)
        await tx
          .update(importJobs)
          .set({ status: 'done', updatedAt: ctx.clock.now() })
          .where(
            and(eq(importJobs.organisationId, organisationId), eq(importJobs.id, id), eq(importJobs.status, 'running')),
          );
      return true;
    }
    const rows = items.flatMap((item) =>
      // A row with problems (data null) is left out by the caller's choice.
      item.inputEnc ? [{ row: item.row, input: JSON.parse(decrypt(item.inputEnc, ctx.config)) as PersonCreate }] : [],
    );
    const { found, imported } = await importChunk(ctx, tx, rows);
    // Imported (or left out) rows are not kept.
    await tx.delete(importJobRows).where(
      and(
        eq(importJobRows.organisationId, organisationId),
        eq(importJobRows.jobId, id),
        inArray(
          importJobRows.row,
          items.map((item) => item.row),
        ),
      ),
    );
    await tx
      .update(importJobs)
      .set({
        processedRows: sql`${importJobs.processedRows} + ${items.length}`,
        importedRows: sql`${importJobs.importedRows} + ${imported}`,
        problems: found.length ? sql`${importJobs.problems} || ${JSON.stringify(found)}::jsonb` : undefined,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(importJobs.organisationId, organisationId), eq(importJobs.id, id)));
    return false;
  });
}

type ImportRow = { row: number; input: PersonCreate };

/**
 * Imports the rows of one chunk in a savepoint, all at once: each row through the registration's steps
 * (`prepareRegistration`, then `checkRegistrations` and `writeRegistrations` for the chunk: multi-row
 * inserts). A row refused by a check (a concurrent change since the dry run) is reported, not written.
 * Should the chunk's write fail (a registration at the same moment taking an ID number, say), the
 * savepoint is rolled back and the chunk imported row by row through `createPerson`, each in its own
 * savepoint, so that one row's conflict is reported and the others still imported.
 */
async function importChunk(ctx: Ctx, tx: Db, rows: ImportRow[]): Promise<{ found: RowProblem[]; imported: number }> {
  try {
    return await tx.transaction(async (sp) => {
      const found: RowProblem[] = [];
      const spCtx = { ...ctx, db: sp };
      const ready: { row: number; prepared: PreparedRegistration }[] = [];
      for (const r of rows) {
        try {
          ready.push({ row: r.row, prepared: await prepareRegistration(spCtx, r.input) });
        } catch (err) {
          const problem = asProblem(err);
          if (!problem) throw err;
          found.push(...rowProblemsOf(r.row, problem));
        }
      }
      const checks = await checkRegistrations(
        sp,
        spCtx,
        ready.map((r) => r.prepared),
      );
      const ok = ready.filter((r, k) => {
        const problem = checks[k];
        if (problem) found.push(...rowProblemsOf(r.row, problem));
        return !problem;
      });
      await writeRegistrations(
        sp,
        spCtx,
        ok.map((r) => r.prepared),
      );
      found.sort((a, b) => a.row - b.row);
      return { found, imported: ok.length };
    });
  } catch {
    // Row by row: the per-row path reports (or rethrows) whatever failed the chunk.
    const found: RowProblem[] = [];
    let imported = 0;
    for (const r of rows) {
      try {
        await tx.transaction(async (sp) => {
          await createPerson({ ...ctx, db: sp }, r.input);
        });
        imported += 1;
      } catch (err) {
        const problem = asProblem(err);
        if (!problem) throw err;
        found.push(...rowProblemsOf(r.row, problem));
      }
    }
    return { found, imported };
  }
}

/** Deletes a checked job that was never shown (its upload refused after the check), with its rows. */
export async function discardImport(ctx: Ctx, id: string): Promise<void> {
  await ctx.db
    .delete(importJobs)
    .where(
      and(
        eq(importJobs.id, id),
        eq(importJobs.organisationId, actorOf(ctx).organisationId),
        eq(importJobs.status, 'validated'),
      ),
    );
}

export async function cancelImport(ctx: Ctx, id: string): Promise<JobView> {
  const job = await loadJob(ctx, id);
  const organisationId = actorOf(ctx).organisationId;
  const [cancelled] = await ctx.db
    .update(importJobs)
    .set({ status: 'cancelled', updatedAt: ctx.clock.now() })
    .where(
      and(
        eq(importJobs.organisationId, organisationId),
        eq(importJobs.id, job.id),
        inArray(importJobs.status, ['validated', 'running']),
      ),
    )
    .returning({ id: importJobs.id });
  if (!cancelled) throw problems.conflict('errors.import.notCancellable', { params: { status: job.status } });
  // Committed: no worker claims another chunk. The rows waiting to be imported go with the job's end, once
  // the chunks in progress (claimed before) are written and counted, so that the answer is final. Should
  // the process stop in between, the daily sweep deletes the rows of ended jobs.
  await ctx.db
    .delete(importJobRows)
    .where(and(eq(importJobRows.organisationId, organisationId), eq(importJobRows.jobId, job.id)));
  return getImport(ctx, id);
}

/**
 * The daily `person-import-sweep`, over every organisation: a `validated` job not started within
 * UNRUN_KEEP_MS becomes `cancelled`, a `running` one that has not moved for as long becomes `failed`, each
 * with a file-level problem saying why, and their stored rows are deleted in the same transaction; a
 * `checking` job whose process died (older than STALE_RUNNING_MS, shown nowhere) is deleted with its rows.
 */
export async function sweepImportJobs(ctx: Ctx): Promise<{ expired: number; abandoned: number; cleared: number }> {
  const now = ctx.clock.now();
  const keptSince = new Date(now.getTime() - UNRUN_KEEP_MS);
  const ending = (status: 'cancelled' | 'failed', code: string) => ({
    status,
    problems: sql`${importJobs.problems} || ${JSON.stringify([{ row: 0, pointer: '', code, params: { days: UNRUN_KEEP_MS / 86_400_000 } }])}::jsonb`,
    updatedAt: now,
  });
  return ctx.db.transaction(async (tx) => {
    const expired = await tx
      .update(importJobs)
      .set(ending('cancelled', 'errors.import.expired'))
      .where(and(eq(importJobs.status, 'validated'), lt(importJobs.updatedAt, keptSince)))
      .returning({ id: importJobs.id });
    const abandoned = await tx
      .update(importJobs)
      .set(ending('failed', 'errors.import.abandoned'))
      .where(and(eq(importJobs.status, 'running'), lt(importJobs.updatedAt, keptSince)))
      .returning({ id: importJobs.id });
    const ended = [...expired, ...abandoned].map((j) => j.id);
    if (ended.length) await tx.delete(importJobRows).where(inArray(importJobRows.jobId, ended));
    // Rows left behind by a job that ended otherwise (a process stopped between a cancellation and its
    // deletion of the rows).
    await tx.delete(importJobRows).where(
      inArray(
        importJobRows.jobId,
        tx
          .select({ id: importJobs.id })
          .from(importJobs)
          .where(inArray(importJobs.status, ['done', 'cancelled', 'failed'])),
      ),
    );
    // Their rows go with them (the foreign key cascades).
    const cleared = await tx
      .delete(importJobs)
      .where(
        and(eq(importJobs.status, 'checking'), lt(importJobs.updatedAt, new Date(now.getTime() - STALE_RUNNING_MS))),
      )
      .returning({ id: importJobs.id });
    return { expired: expired.length, abandoned: abandoned.length, cleared: cleared.length };
  });
}

// ---- reading jobs --------------------------------------------------------------------------------------

/**
 * Jobs of the caller's organisation; without offices:all, those uploaded by someone of the caller's
 * office (or by the caller). Anything else is 404.
 */
function visible(ctx: Ctx) {
  const scope = scopeOf(actorOf(ctx));
  return and(
    eq(importJobs.organisationId, scope.organisationId),
    eq(importJobs.kind, 'persons'),
    ne(importJobs.status, 'checking'),
    scope.officeId ? or(eq(users.officeId, scope.officeId), eq(importJobs.userId, actorOf(ctx).userId)) : undefined,
  );
}

async function loadJob(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select({ job: importJobs })
    .from(importJobs)
    .innerJoin(users, eq(users.id, importJobs.userId))
    .where(and(eq(importJobs.id, id), visible(ctx)));
  if (!row) throw problems.notFound();
  return row.job;
}

/** What a job shows: its columns and who started it. */
const JOB_COLUMNS = {
  id: importJobs.id,
  fileName: importJobs.fileName,
  status: importJobs.status,
  validRowsOnly: importJobs.validRowsOnly,
  totalRows: importJobs.totalRows,
  processedRows: importJobs.processedRows,
  importedRows: importJobs.importedRows,
  problems: importJobs.problems,
  userId: importJobs.userId,
  userName: users.fullName,
  createdAt: importJobs.createdAt,
  updatedAt: importJobs.updatedAt,
};

export async function getImport(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select(JOB_COLUMNS)
    .from(importJobs)
    .innerJoin(users, eq(users.id, importJobs.userId))
    .where(and(eq(importJobs.id, id), visible(ctx)));
  if (!row) throw problems.notFound();
  return present(ctx.locale, row, true);
}
export type JobView = Awaited<ReturnType<typeof getImport>>;

export async function listImports(ctx: Ctx, limit = 50) {
  const rows = await ctx.db
    .select(JOB_COLUMNS)
    .from(importJobs)
    .innerJoin(users, eq(users.id, importJobs.userId))
    .where(visible(ctx))
    .orderBy(desc(importJobs.createdAt))
    .limit(limit);
  return rows.map((r) => present(ctx.locale, r, false));
}

function present(
  locale: Locale,
  r: {
    id: string;
    fileName: string;
    /** Never `checking`: such a job is not visible. */
    status: ImportStatus | 'checking';
    validRowsOnly: boolean;
    totalRows: number;
    processedRows: number;
    importedRows: number;
    problems: RowProblem[];
    userId: string;
    userName: string;
    createdAt: Date;
    updatedAt: Date;
  },
  withProblems: boolean,
) {
  const problemRows = new Set(r.problems.filter((p) => p.row > 0).map((p) => p.row)).size;
  return {
    id: r.id,
    fileName: r.fileName,
    status: r.status as ImportStatus,
    validRowsOnly: r.validRowsOnly,
    totalRows: r.totalRows,
    processedRows: r.processedRows,
    importedRows: r.importedRows,
    rowsWithProblems: problemRows,
    user: { id: r.userId, name: r.userName },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    problems: !withProblems
      ? []
      : // In row order: the import's workers add their chunks' problems in the order they commit.
        [...r.problems]
          .sort((a, b) => a.row - b.row)
          .map((p) => {
            const field = columnOfPointer(p.pointer);
            const params = p.params ?? {};
            return {
              row: p.row,
              pointer: p.pointer,
              column: typeof params.column === 'string' ? params.column : null,
              columnName: field ? headerOf(locale, field) : '',
              code: p.code,
              message: t(locale, p.code, params),
            };
          }),
  };
}
