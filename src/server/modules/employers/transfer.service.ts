import type { MessageParams } from '../../../common/message-format.ts';
import { and, eq, inArray } from 'drizzle-orm';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import { employers } from '../../db/schema/index.ts';
import { CONTRACT_TYPES, SHIFTS, TARGET_GROUPS } from '../../../common/enums.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { blindIndexes } from '../../lib/crypto.ts';
import { fromValidation, ProblemError, problems, type FieldError } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import { searchKey } from '../../../common/text.ts';
import { looksLikeEmail } from '../../../common/contact.ts';
import { withVknChecksum } from '../../../common/identity-number.ts';
import { CEFR_LEVELS } from '../../../common/people.ts';
import { LOCALES, type Locale } from '../../../common/locales.ts';
import {
  cellText as plainText,
  columnLetter,
  parseDate,
  readTable,
  unescapeFormula,
  writeTable,
  type Cell,
  type FileOut,
  type OutCell,
  type SheetRow,
} from '../../lib/tabular.ts';
import { checkVacancyRules, createVacancy, listVacancies, type VacancyInput } from '../vacancies/index.ts';
import { textRuleChecker } from '../../lib/validation.ts';
import { VacancyCreate } from '../../../common/contracts/vacancies.ts';
import { EmployerCreate, TRANSFER_MAX_FILE_BYTES, type TransferKind } from '../../../common/contracts/employers.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import {
  addContact,
  createEmployer,
  listEmployers,
  type EmployerInput,
  type EmployerView,
} from './employers.service.ts';

/**
 * Import and export of employers and vacancies (XLSX or CSV). An import checks every row with the
 * rules of the single-record routes — the body schema of POST /employers or POST /vacancies (captured
 * from the contracts: `EmployerCreate`, `VacancyCreate`) and then the service itself — inside one
 * transaction: a dry run always rolls it back; an import commits only when every row passed, or, with
 * `validRowsOnly`, the rows that passed (each row in its own savepoint). Exports never carry personal
 * data: no contact people, and a sole trader's tax number (their ID number) masked.
 */

export type { TransferKind };
export type FileFormat = 'csv' | 'xlsx';

export const MAX_FILE_BYTES = TRANSFER_MAX_FILE_BYTES;
/** Rows per file: the import runs in one transaction (PGlite serves one connection). */
export const MAX_ROWS = 1000;

type FieldType =
  | { kind: 'text' }
  | { kind: 'digits' }
  | { kind: 'int' }
  | { kind: 'number' }
  | { kind: 'bool' }
  | { kind: 'date' }
  | {
      kind: 'code';
      codes: readonly string[];
      label?: (locale: Locale, code: string) => string;
      extra?: Record<string, string>;
    }
  | { kind: 'list'; codes?: readonly string[]; label?: (locale: Locale, code: string) => string }
  | { kind: 'languages' };

const text = { kind: 'text' } as const;
const yesNo = { kind: 'bool' } as const;

const EMPLOYER_FIELDS = {
  legalName: text,
  tradeName: text,
  taxKind: {
    kind: 'code',
    codes: ['vkn', 'tckn'],
    extra: { 'vergi no': 'vkn', 'vergi kimlik no': 'vkn', 'tc kimlik no': 'tckn', tc: 'tckn' },
  },
  taxNumber: { kind: 'digits' },
  sgkWorkplaceNumber: text,
  naceCode: text,
  workerCount: { kind: 'int' },
  isPublic: yesNo,
  province: text,
  district: text,
  address: text,
  website: text,
  acceptTerms: yesNo,
  contactName: text,
  contactRole: text,
  contactPhone: text,
  contactEmail: text,
} satisfies Record<string, FieldType>;
export type EmployerColumn = keyof typeof EMPLOYER_FIELDS;
export const EMPLOYER_COLUMNS = Object.keys(EMPLOYER_FIELDS) as EmployerColumn[];

const label = (prefix: string) => (locale: Locale, code: string) => t(locale, `${prefix}.${code}`);

const VACANCY_FIELDS = {
  employerTaxNumber: { kind: 'digits' },
  title: text,
  occupation: text,
  duties: text,
  requiredSkills: { kind: 'list' },
  preferredSkills: { kind: 'list' },
  iscedLevel: { kind: 'int' },
  languages: { kind: 'languages' },
  province: text,
  district: text,
  remote: yesNo,
  positions: { kind: 'int' },
  contractType: { kind: 'code', codes: CONTRACT_TYPES, label: label('jobboard.contractType') },
  startDate: { kind: 'date' },
  hoursPerDay: { kind: 'number' },
  hoursPerWeek: { kind: 'number' },
  daysPerWeek: { kind: 'int' },
  shifts: { kind: 'list', codes: SHIFTS, label: label('jobboard.shift') },
  minimumAge: { kind: 'int' },
  wageMin: { kind: 'number' },
  wageMax: { kind: 'number' },
  wageBasis: {
    kind: 'code',
    codes: ['net', 'gross'],
    label: label('jobboard.wageBasis'),
    extra: { brut: 'gross', brüt: 'gross' },
  },
  benefits: text,
  childcareSupport: yesNo,
  accessibleWorkplace: yesNo,
  suitableGroups: { kind: 'list', codes: TARGET_GROUPS, label: label('jobboard.group') },
  deadline: { kind: 'date' },
} satisfies Record<string, FieldType>;
export type VacancyColumn = keyof typeof VACANCY_FIELDS;
export const VACANCY_COLUMNS = Object.keys(VACANCY_FIELDS) as VacancyColumn[];

const FIELDS: Record<TransferKind, Record<string, FieldType>> = {
  employers: EMPLOYER_FIELDS,
  vacancies: VACANCY_FIELDS,
};
const COLUMNS: Record<TransferKind, readonly string[]> = { employers: EMPLOYER_COLUMNS, vacancies: VACANCY_COLUMNS };

/** Columns of the exports: the import's columns (so an export can be edited and imported again) and the record's state. */
const EMPLOYER_EXPORT: readonly string[] = [
  ...EMPLOYER_COLUMNS.filter((c) => !c.startsWith('contact')),
  'hazardClass',
  'disabilityQuota',
  'status',
  'verifiedAt',
  'createdAt',
];
const VACANCY_EXPORT = ['employerName', ...VACANCY_COLUMNS, 'status', 'publishedAt', 'createdAt'] as const;

export const headerOf = (locale: Locale, column: string) => t(locale, `jobboard.transfer.columns.${column}`);

/** A header or a value as compared: folded, without a parenthesised hint. */
const keyOf = (value: string) => searchKey(value.replace(/\([^)]*\)/g, ' '));

const YES = new Set(['yes', 'evet', 'e', 'y', 'true', '1', 'var', 'x']);
const NO = new Set(['no', 'hayir', 'h', 'n', 'false', '0', 'yok']);
for (const l of LOCALES) {
  YES.add(keyOf(t(l, 'jobboard.transfer.yes')));
  NO.add(keyOf(t(l, 'jobboard.transfer.no')));
}

// ---- writing files -----------------------------------------------------------------------------------------

type OutValue = string | number | boolean | null | undefined;

async function writeFile(
  locale: Locale,
  format: FileFormat,
  baseName: string,
  sheetName: string,
  columns: readonly string[],
  rows: OutValue[][],
  textColumns: readonly string[] = [],
): Promise<FileOut> {
  const word = (v: OutValue): OutCell =>
    typeof v === 'boolean' ? t(locale, v ? 'jobboard.transfer.yes' : 'jobboard.transfer.no') : v;
  return writeTable(format, {
    baseName,
    locale,
    sheets: [
      {
        name: sheetName,
        // Tax numbers and codes stay text: no lost leading zeros, no 1.2E+10.
        columns: columns.map((c) => ({ header: headerOf(locale, c), text: textColumns.includes(c) })),
        rows: rows.map((r) => r.map(word)),
      },
    ],
  });
}

// ---- templates -----------------------------------------------------------------------------------------

const EXAMPLE_VKN = withVknChecksum('999000001');

function exampleEmployer(locale: Locale): Record<EmployerColumn, OutValue> {
  return {
    legalName: 'Örnek Tekstil Sanayi ve Ticaret Ltd. Şti.',
    tradeName: 'Örnek Tekstil',
    taxKind: 'vkn',
    taxNumber: EXAMPLE_VKN,
    sgkWorkplaceNumber: '',
    naceCode: '14.13',
    workerCount: 35,
    isPublic: false,
    province: 'İstanbul',
    district: 'Bağcılar',
    address: 'Kirazlı Mah. Örnek Sok. No: 1',
    website: 'https://ornek-tekstil.example',
    acceptTerms: true,
    contactName: locale === 'ar' ? 'Zahra Al-Hassan' : 'Ayşe Yılmaz',
    contactRole: t(locale, 'jobboard.transfer.exampleRole'),
    contactPhone: '0212 555 00 00',
    contactEmail: 'ik@ornek-tekstil.example',
  };
}

function exampleVacancy(locale: Locale): Record<VacancyColumn, OutValue> {
  const dateStyle = (iso: string) => (locale === 'tr' ? iso.split('-').reverse().join('.') : iso);
  return {
    employerTaxNumber: EXAMPLE_VKN,
    title: 'Düz dikişçi',
    occupation: 'Dikiş makinesi operatörü',
    duties: 'Düz dikiş makinesinde kadın ve çocuk giyimi dikimi; üretim planına göre günlük hedefler.',
    requiredSkills: 'Düz dikiş makinesi',
    preferredSkills: 'Overlok; Reçme',
    iscedLevel: 2,
    languages: 'tr:B1',
    province: 'İstanbul',
    district: 'Bağcılar',
    remote: false,
    positions: 3,
    contractType: t(locale, 'jobboard.contractType.permanent'),
    startDate: dateStyle('2027-01-04'),
    hoursPerDay: 9,
    hoursPerWeek: 45,
    daysPerWeek: 5,
    shifts: t(locale, 'jobboard.shift.day'),
    minimumAge: 18,
    wageMin: 30000,
    wageMax: 34000,
    wageBasis: t(locale, 'jobboard.wageBasis.net'),
    benefits: t(locale, 'jobboard.transfer.exampleBenefits'),
    childcareSupport: false,
    accessibleWorkplace: true,
    suitableGroups: 'woman-care; refugee',
    deadline: dateStyle('2026-12-31'),
  };
}

export async function buildTemplate(kind: TransferKind, locale: Locale, format: FileFormat): Promise<FileOut> {
  const columns = COLUMNS[kind];
  const example = (kind === 'employers' ? exampleEmployer(locale) : exampleVacancy(locale)) as Record<string, OutValue>;
  return writeFile(
    locale,
    format,
    t(locale, `jobboard.transfer.templateName.${kind}`),
    t(locale, `jobboard.transfer.sheet.${kind}`),
    columns,
    [columns.map((c) => example[c])],
    kind === 'employers' ? ['taxNumber', 'sgkWorkplaceNumber', 'naceCode', 'contactPhone'] : ['employerTaxNumber'],
  );
}

// ---- exports -----------------------------------------------------------------------------------------------

async function allEmployers(ctx: Ctx): Promise<EmployerView[]> {
  const out: EmployerView[] = [];
  for (let page = 1; ; page++) {
    const { items } = await listEmployers(ctx, { page, pageSize: 500 });
    out.push(...items);
    if (items.length < 500) return out;
  }
}

export async function exportEmployers(ctx: Ctx, format: FileFormat): Promise<FileOut> {
  // Exports name who made them and when (DATA-PROTECTION.md).
  await audit(ctx.db, ctx, { action: 'data.exported', subjectType: 'export', subjectId: 'employers', purpose: format });
  const rows = (await allEmployers(ctx)).map((e) => {
    // `taxNumber` of the employer view is already masked for sole traders.
    const record: Record<string, OutValue> = {
      legalName: e.legalName,
      tradeName: e.tradeName,
      taxKind: e.taxKind,
      taxNumber: e.taxNumber,
      sgkWorkplaceNumber: e.sgkWorkplaceNumber,
      naceCode: e.naceCode,
      workerCount: e.workerCount,
      isPublic: e.isPublic,
      province: e.province,
      district: e.district,
      address: e.address,
      website: e.website,
      acceptTerms: e.termsAccepted,
      hazardClass: e.hazardClass ? t(ctx.locale, `jobboard.transfer.hazard.${e.hazardClass}`) : null,
      disabilityQuota: e.disabilityQuota,
      status: t(ctx.locale, `jobboard.transfer.employerStatus.${e.status}`),
      verifiedAt: e.verifiedAt?.slice(0, 10) ?? null,
      createdAt: e.createdAt.slice(0, 10),
    };
    return EMPLOYER_EXPORT.map((c) => record[c]);
  });
  return writeFile(
    ctx.locale,
    format,
    t(ctx.locale, 'jobboard.transfer.exportName.employers'),
    t(ctx.locale, 'jobboard.transfer.sheet.employers'),
    EMPLOYER_EXPORT,
    rows,
    ['taxNumber', 'sgkWorkplaceNumber', 'naceCode'],
  );
}

export async function exportVacancies(ctx: Ctx, format: FileFormat): Promise<FileOut> {
  await audit(ctx.db, ctx, { action: 'data.exported', subjectType: 'export', subjectId: 'vacancies', purpose: format });
  const taxNumbers = new Map((await allEmployers(ctx)).map((e) => [e.id, e.taxNumber]));
  const list = (values: readonly string[], prefix?: string) =>
    values.map((v) => (prefix ? t(ctx.locale, `${prefix}.${v}`) : v)).join('; ');
  const rows: OutValue[][] = [];
  for (let page = 1; ; page++) {
    const { items } = await listVacancies(ctx, { page, pageSize: 500 });
    for (const v of items) {
      const record: Record<(typeof VACANCY_EXPORT)[number], OutValue> = {
        employerName: v.employer.name,
        employerTaxNumber: taxNumbers.get(v.employer.id) ?? '',
        title: v.title,
        occupation: v.occupation,
        duties: v.duties,
        requiredSkills: list(v.requiredSkills),
        preferredSkills: list(v.preferredSkills),
        iscedLevel: v.iscedLevel,
        languages: v.languages.map((l) => `${l.code}:${l.level}`).join('; '),
        province: v.province,
        district: v.district,
        remote: v.remote,
        positions: v.positions,
        contractType: t(ctx.locale, `jobboard.contractType.${v.contractType}`),
        startDate: v.startDate,
        hoursPerDay: v.hoursPerDay,
        hoursPerWeek: v.hoursPerWeek,
        daysPerWeek: v.daysPerWeek,
        shifts: list(v.shifts, 'jobboard.shift'),
        minimumAge: v.minimumAge,
        wageMin: v.wageMin,
        wageMax: v.wageMax,
        wageBasis: t(ctx.locale, `jobboard.wageBasis.${v.wageBasis}`),
        benefits: v.benefits,
        childcareSupport: v.childcareSupport,
        accessibleWorkplace: v.accessibleWorkplace,
        suitableGroups: list(v.suitableGroups),
        deadline: v.deadline,
        status: t(ctx.locale, `jobboard.transfer.vacancyStatus.${v.status}`),
        publishedAt: v.publishedAt?.slice(0, 10) ?? null,
        createdAt: v.createdAt.slice(0, 10),
      };
      rows.push(VACANCY_EXPORT.map((c) => record[c]));
    }
    if (items.length < 500) break;
  }
  return writeFile(
    ctx.locale,
    format,
    t(ctx.locale, 'jobboard.transfer.exportName.vacancies'),
    t(ctx.locale, 'jobboard.transfer.sheet.vacancies'),
    VACANCY_EXPORT,
    rows,
    ['employerTaxNumber'],
  );
}

// ---- reading files -----------------------------------------------------------------------------------------

const fileProblem = (code: string, params?: MessageParams) => problems.invalid('/contentBase64', code, params);

const readRows = (fileName: string, bytes: Buffer) =>
  readTable(fileName, bytes, { maxRows: MAX_ROWS, messages: 'errors.transfer' });

/** A cell as text, without the ' our own exports put before a formula character. */
const cellText = (cell: Cell | undefined) => unescapeFormula(plainText(cell));

/** 28075.5, "28.075,50", "28075,50", "28,075.50" → 28075.5; null when it is not a number. */
export function parseNumber(cell: Cell | undefined): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  let s = cellText(cell).replace(/[\s₺]|TL$/gi, '');
  if (!s) return null;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  if (comma >= 0 && dot >= 0) s = comma > dot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  else if (comma >= 0) s = /^\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) s = s.replace(/\./g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return Number(s);
}

const listOf = (value: string) =>
  value
    .split(/[;\n]|,(?!\d)/)
    .map((v) => v.trim())
    .filter(Boolean);

function codeMap(type: {
  codes: readonly string[];
  label?: (locale: Locale, code: string) => string;
  extra?: Record<string, string>;
}) {
  const map = new Map<string, string>();
  for (const code of type.codes) {
    map.set(keyOf(code), code);
    if (type.label) for (const l of LOCALES) map.set(keyOf(type.label(l, code)), code);
  }
  for (const [k, v] of Object.entries(type.extra ?? {})) map.set(keyOf(k), v);
  return map;
}

export interface RowProblem {
  row: number;
  pointer: string;
  code: string;
  params: MessageParams;
}

interface ParsedRow {
  row: number;
  values: Record<string, unknown>;
  problems: RowProblem[];
}

function parseRow(kind: TransferKind, sheetRow: SheetRow, columns: Map<number, string>): ParsedRow | null {
  const fields = FIELDS[kind];
  const raw = new Map<string, Cell>();
  for (const [i, field] of columns) raw.set(field, sheetRow.cells[i] ?? null);
  if ([...raw.values()].every((c) => cellText(c) === '')) return null;
  const values: Record<string, unknown> = {};
  const found: RowProblem[] = [];
  const problem = (field: string, code: string, params: MessageParams = {}) =>
    found.push({ row: sheetRow.row, pointer: `/${field}`, code, params });
  for (const [field, cell] of raw) {
    const type = fields[field]!;
    const value = cellText(cell);
    if (value === '') continue;
    switch (type.kind) {
      case 'text':
        values[field] = value;
        break;
      case 'digits': {
        let digits = value.replace(/[\s.-]/g, '');
        // A number cell loses a VKN's leading zero.
        if (typeof cell === 'number' && digits.length === 9) digits = `0${digits}`;
        values[field] = digits;
        break;
      }
      case 'int':
      case 'number': {
        const n = parseNumber(cell);
        if (n === null || (type.kind === 'int' && !Number.isInteger(n)))
          problem(field, 'errors.transfer.number', { value });
        else values[field] = n;
        break;
      }
      case 'bool': {
        const key = keyOf(value);
        if (YES.has(key)) values[field] = true;
        else if (NO.has(key)) values[field] = false;
        else problem(field, 'errors.transfer.valueUnknown', { value });
        break;
      }
      case 'date': {
        const iso = parseDate(cell);
        if (iso) values[field] = iso;
        else problem(field, 'errors.transfer.date', { value });
        break;
      }
      case 'code': {
        const code = codeMap(type).get(keyOf(value));
        if (code) values[field] = code;
        else problem(field, 'errors.transfer.valueUnknown', { value });
        break;
      }
      case 'list': {
        const items = listOf(value);
        if (!type.codes) {
          values[field] = items;
          break;
        }
        const map = codeMap({ codes: type.codes, ...(type.label ? { label: type.label } : {}) });
        const codes: string[] = [];
        for (const item of items) {
          const code = map.get(keyOf(item));
          if (code) codes.push(code);
          else problem(field, 'errors.transfer.valueUnknown', { value: item });
        }
        values[field] = [...new Set(codes)];
        break;
      }
      case 'languages': {
        const out: { code: string; level: string }[] = [];
        for (const item of listOf(value)) {
          const [code = '', level = ''] = item.split(/[:=\s]+/).map((s) => s.trim());
          if (!/^[a-z]{2,3}$/i.test(code) || !(CEFR_LEVELS as readonly string[]).includes(level.toUpperCase())) {
            problem(field, 'errors.transfer.language', { value: item });
          } else out.push({ code: code.toLowerCase(), level: level.toUpperCase() });
        }
        values[field] = out;
        break;
      }
    }
  }
  // The kind of tax number follows from its length when the column is left empty.
  if (kind === 'employers' && !values.taxKind && typeof values.taxNumber === 'string') {
    values.taxKind = values.taxNumber.length === 11 ? 'tckn' : 'vkn';
  }
  return { row: sheetRow.row, values, problems: found };
}

// ---- the rules of the single-record routes -------------------------------------------------------------------

/** The body schemas of POST /employers and POST /vacancies: an imported row is checked as a request would be. */
const createSchemas: Record<TransferKind, TSchema> = { employers: EmployerCreate, vacancies: VacancyCreate };
const textRules: Record<TransferKind, (value: unknown) => FieldError[]> = {
  employers: textRuleChecker(EmployerCreate),
  vacancies: textRuleChecker(VacancyCreate),
};

function schemaErrors(kind: TransferKind, input: Record<string, unknown>): FieldError[] {
  const schema = createSchemas[kind];
  // The route's text rules too: a cell with a control character is refused like a request would be.
  const text = textRules[kind](input);
  if (Value.Check(schema, input)) return text;
  type AjvError = Parameters<typeof fromValidation>[0][number];
  // TypeBox names every missing property in one error; Ajv (the routes' validator) one error each.
  const errors: AjvError[] = [];
  for (const e of Value.Errors(schema, input)) {
    const missing = (e.params as { requiredProperties?: string[] }).requiredProperties;
    if (e.keyword === 'required' && missing) {
      for (const p of missing)
        errors.push({ instancePath: e.instancePath, keyword: 'required', params: { missingProperty: p } });
    } else errors.push({ instancePath: e.instancePath, keyword: e.keyword, params: { ...e.params } });
  }
  return [...fromValidation(errors, 'body').errors, ...text];
}

function requiredOf(kind: TransferKind): Set<string> {
  const schema: unknown = createSchemas[kind];
  return new Set((schema as { required?: string[] } | undefined)?.required ?? []);
}

/** The import column a pointer of the services (or of the schema) belongs to. */
function columnOf(kind: TransferKind, pointer: string): string | null {
  const first = pointer.split('/')[1] ?? '';
  if (kind === 'vacancies' && first === 'employerId') return 'employerTaxNumber';
  return COLUMNS[kind].includes(first) ? first : null;
}

function rowProblemsOf(
  kind: TransferKind,
  row: number,
  err: ProblemError,
  rename: Record<string, string> = {},
): RowProblem[] {
  const list: FieldError[] = err.errors.length > 0 ? err.errors : [{ pointer: '', code: err.code }];
  return list.map((e) => {
    const pointer = rename[e.pointer] ?? e.pointer;
    const column = columnOf(kind, pointer);
    return {
      row,
      pointer: column ? `/${column}` : pointer,
      code: e.code,
      params: { ...err.params, ...(e.params ?? {}) },
    };
  });
}

// ---- import ------------------------------------------------------------------------------------------------

export interface ImportInput {
  fileName: string;
  contentBase64: string;
  dryRun: boolean;
  validRowsOnly?: boolean | undefined;
}

export interface ReportItem {
  row: number;
  pointer: string;
  column: string | null;
  columnName: string;
  code: string;
  message: string;
}

export interface ImportReport {
  kind: TransferKind;
  dryRun: boolean;
  written: boolean;
  totalRows: number;
  validRows: number;
  importedRows: number;
  rowsWithProblems: number;
  problems: ReportItem[];
  /** Not errors: what will stop a vacancy at submission (decent-work rules, wording), by row. */
  warnings: ReportItem[];
  ignoredColumns: string[];
  ids: string[];
}

class RollBack extends Error {}

function mapHeaders(kind: TransferKind, cells: Cell[]) {
  const known = new Map<string, string>();
  for (const field of COLUMNS[kind]) {
    known.set(keyOf(field), field);
    for (const l of LOCALES) known.set(keyOf(headerOf(l, field)), field);
  }
  const columns = new Map<number, string>();
  const letters = new Map<string, string>();
  const ignored: string[] = [];
  cells.forEach((cell, i) => {
    const header = cellText(cell);
    if (!header) return;
    const field = known.get(keyOf(header));
    if (!field) {
      ignored.push(header);
      return;
    }
    if (letters.has(field)) throw fileProblem('errors.transfer.duplicateColumn', { column: header });
    columns.set(i, field);
    letters.set(field, columnLetter(i));
  });
  return { columns, letters, ignored };
}

async function employerIdByTaxNumber(ctx: Ctx, taxNumber: string): Promise<string | null> {
  const kind = taxNumber.length === 11 ? 'tckn' : 'vkn';
  const [row] = await ctx.db
    .select({ id: employers.id })
    .from(employers)
    .where(
      and(
        eq(employers.organisationId, actorOf(ctx).organisationId),
        inArray(employers.taxNumberIndex, blindIndexes(`${kind}:${taxNumber}`, ctx.config)),
      ),
    );
  return row?.id ?? null;
}

/** Calls the service for one row, in the row's savepoint. Returns the new record's id and any warnings. */
async function importRow(kind: TransferKind, ctx: Ctx, p: ParsedRow): Promise<{ id: string; warnings: RowProblem[] }> {
  if (kind === 'employers') {
    const { contactName, contactRole, contactPhone, contactEmail, ...employer } = p.values as Record<
      string,
      string | undefined
    >;
    const id = await createEmployer(ctx, employer as unknown as EmployerInput);
    if (contactName || contactPhone || contactEmail) {
      if (contactEmail && !looksLikeEmail(contactEmail))
        throw problems.invalid('/contactEmail', 'errors.validation.format.email');
      if (!contactName) throw problems.invalid('/contactName', 'errors.validation.required');
      try {
        await addContact(ctx, id, {
          fullName: contactName,
          role: contactRole ?? null,
          phone: contactPhone ?? null,
          email: contactEmail ?? null,
        });
      } catch (err) {
        if (!(err instanceof ProblemError)) throw err;
        throw problems.relocated(err, {
          '/phone': '/contactPhone',
          '/email': '/contactEmail',
          '/fullName': '/contactName',
          '/role': '/contactRole',
        });
      }
    }
    return { id, warnings: [] };
  }
  const id = await createVacancy(ctx, p.values as unknown as VacancyInput & { employerId: string });
  const check = await checkVacancyRules(ctx, id);
  const warnings: RowProblem[] = [
    ...check.violations.map((v) => ({
      row: p.row,
      pointer: v.pointer,
      code: v.code,
      params: v.params,
    })),
    ...(check.justified
      ? []
      : check.wordingFlags.map((f) => ({
          row: p.row,
          pointer: f.pointer,
          code: f.code,
          params: { excerpt: f.excerpt },
        }))),
  ];
  return { id, warnings };
}

export async function importFile(ctx: Ctx, kind: TransferKind, upload: ImportInput): Promise<ImportReport> {
  const bytes = Buffer.from(upload.contentBase64, 'base64');
  if (bytes.length === 0) throw fileProblem('errors.transfer.empty');
  if (bytes.length > MAX_FILE_BYTES)
    throw fileProblem('errors.transfer.fileTooLarge', { mb: MAX_FILE_BYTES / 1024 / 1024 });
  const sheetRows = await readRows(upload.fileName, bytes);
  const headerIndex = sheetRows.findIndex((r) => r.cells.some((c) => cellText(c) !== ''));
  if (headerIndex < 0) throw fileProblem('errors.transfer.empty');
  const { columns, letters, ignored } = mapHeaders(kind, sheetRows[headerIndex]!.cells);
  const required = requiredOf(kind);
  // The kind of tax number may be left out (it follows from the number's length).
  const mustHave = [...required].filter((f) => f !== 'taxKind');
  if (kind === 'vacancies') mustHave.push('employerTaxNumber');
  const missing = [...new Set(mustHave)].filter((f) => COLUMNS[kind].includes(f) && !letters.has(f));
  if (missing.length > 0) {
    throw problems.invalidMany(
      missing.map((f) => ({
        pointer: '/contentBase64',
        code: 'errors.transfer.missingColumn',
        params: { column: headerOf(ctx.locale, f) },
      })),
    );
  }

  const parsed: ParsedRow[] = [];
  for (const r of sheetRows.slice(headerIndex + 1)) {
    const p = parseRow(kind, r, columns);
    if (!p) continue;
    // The template's example row is skipped.
    if ((p.values.taxNumber ?? p.values.employerTaxNumber) === EXAMPLE_VKN) continue;
    parsed.push(p);
  }
  if (parsed.length === 0) throw fileProblem('errors.transfer.empty');
  if (parsed.length > MAX_ROWS) throw fileProblem('errors.transfer.tooManyRows', { max: MAX_ROWS });

  const found: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  const ids: string[] = [];
  const rollBack = new RollBack('roll back');
  let imported = 0;
  try {
    await ctx.db.transaction(async (tx) => {
      const sub: Ctx = { ...ctx, db: tx };
      for (const p of parsed) {
        const rowProblems = [...p.problems];
        const input: Record<string, unknown> = { ...p.values };
        if (kind === 'vacancies') {
          const taxNumber = input.employerTaxNumber as string | undefined;
          delete input.employerTaxNumber;
          if (taxNumber) {
            const employerId = await employerIdByTaxNumber(sub, taxNumber);
            if (employerId) input.employerId = employerId;
            else
              rowProblems.push({
                row: p.row,
                pointer: '/employerTaxNumber',
                code: 'errors.transfer.employerUnknown',
                params: { taxNumber },
              });
          } else
            rowProblems.push({
              row: p.row,
              pointer: '/employerTaxNumber',
              code: 'errors.validation.required',
              params: {},
            });
        }
        const serviceInput = Object.fromEntries(Object.entries(input).filter(([k]) => !k.startsWith('contact')));
        const known = new Set(rowProblems.map((r) => r.pointer));
        for (const e of schemaErrors(kind, serviceInput)) {
          const column = columnOf(kind, e.pointer);
          const pointer = column ? `/${column}` : e.pointer;
          if (known.has(pointer)) continue;
          known.add(pointer);
          rowProblems.push({ row: p.row, pointer, code: e.code, params: e.params ?? {} });
        }
        // The service is asked only when what it needs is there; wrong optional values are left out.
        const bad = new Set(rowProblems.map((r) => r.pointer.split('/')[1] ?? ''));
        const sendable = ![...bad].some((f) => required.has(f) || (kind === 'vacancies' && f === 'employerTaxNumber'));
        if (sendable) {
          for (const f of bad) delete input[f];
          try {
            await tx.transaction(async (sp) => {
              const r = await importRow(kind, { ...ctx, db: sp }, { ...p, values: input });
              if (rowProblems.length > 0) throw rollBack;
              ids.push(r.id);
              warnings.push(...r.warnings);
            });
          } catch (err) {
            if (err !== rollBack) {
              if (err instanceof ProblemError) {
                const seen = new Set(rowProblems.map((r) => r.pointer));
                rowProblems.push(...rowProblemsOf(kind, p.row, err).filter((r) => !seen.has(r.pointer)));
              } else if (isUniqueViolation(err)) {
                rowProblems.push({
                  row: p.row,
                  pointer: kind === 'employers' ? '/taxNumber' : '',
                  code: 'errors.employers.taxNumberTaken',
                  params: {},
                });
              } else throw err;
            }
          }
        }
        if (rowProblems.length === 0) imported += 1;
        found.push(...rowProblems);
      }
      if (upload.dryRun || (found.length > 0 && !upload.validRowsOnly) || imported === 0) throw rollBack;
    });
  } catch (err) {
    if (err !== rollBack) throw err;
  }

  const written = !upload.dryRun && imported > 0 && (found.length === 0 || !!upload.validRowsOnly);
  const order = (p: RowProblem) => COLUMNS[kind].indexOf(p.pointer.split('/')[1] ?? '');
  const describe = (p: RowProblem): ReportItem => {
    const column = columnOf(kind, p.pointer);
    return {
      row: p.row,
      pointer: p.pointer,
      column: column ? (letters.get(column) ?? null) : null,
      columnName: column ? headerOf(ctx.locale, column) : '',
      code: p.code,
      message: t(ctx.locale, p.code, p.params),
    };
  };
  found.sort((a, b) => a.row - b.row || order(a) - order(b));
  const report: ImportReport = {
    kind,
    dryRun: upload.dryRun,
    written,
    totalRows: parsed.length,
    validRows: imported,
    importedRows: written ? imported : 0,
    rowsWithProblems: new Set(found.map((p) => p.row)).size,
    problems: found.map(describe),
    warnings: warnings.map(describe),
    ignoredColumns: ignored,
    ids: written ? ids : [],
  };
  if (!upload.dryRun && !written) {
    // Nothing was written: the caller learns every row's problem in one answer.
    throw problems.refused(
      found.length > 0 ? 'errors.transfer.hasErrors' : 'errors.transfer.empty',
      found.map((p) => ({ pointer: `/rows/${p.row}${p.pointer}`, code: p.code, params: p.params })),
      { rows: report.rowsWithProblems },
    );
  }
  return report;
}
