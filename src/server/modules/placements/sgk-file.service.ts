import { and, eq, inArray, isNull } from 'drizzle-orm';
import { employers, persons, placements } from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { problems } from '../../lib/errors.ts';
import { scopeOf } from '../../lib/access.ts';
import { blindIndexes } from '../../lib/crypto.ts';
import { t } from '../../lib/i18n.ts';
import { cellText, columnLetter, parseDate, readTable, type Cell } from '../../lib/tabular.ts';
import { LOCALES } from '../../../common/locales.ts';
import { searchKey } from '../../../common/text.ts';
import { isValidSgkWorkplaceNumber, isValidTckn, maskIdNumber } from '../../../common/identity-number.ts';
import {
  isLateHireFiling,
  SGK_COLUMNS,
  type SgkColumn,
  type SgkNotificationType,
  type SgkRowOutcome,
} from '../../../common/placements.ts';
import type { SgkReport, SgkRow } from '../../../common/contracts/placements.ts';
import { ruleContext } from '../vacancies/index.ts';
import { estimatedNet, markEnded, markVerified, type PlacementRow } from './placements.service.ts';

/**
 * The SGK data-sharing file (issue 11): hire and exit notifications (işe giriş / işten çıkış
 * bildirgeleri) of the people an office serves, as CSV or XLSX with the columns of SGK_COLUMNS. Each
 * row is matched to a placement through the person's ID-number blind index and the employer's SGK
 * workplace registration number. A dry run reports every row; the apply step re-checks the file and
 * applies every match in one transaction, or nothing at all (refused while any row is invalid).
 */

/** Rows a file may hold: a year of an office's hire and exit notifications. */
const MAX_ROWS = 10_000;

interface ParsedRow {
  row: number;
  idNumber: string | null;
  workplaceNumber: string | null;
  type: SgkNotificationType | null;
  date: string | null;
  exitReason: string | null;
  filedOn: string | null;
  problems: { column: SgkColumn | null; code: string }[];
}

const TYPE_WORDS: Record<string, SgkNotificationType> = {
  hire: 'hire',
  entry: 'hire',
  start: 'hire',
  giris: 'hire',
  'ise giris': 'hire',
  exit: 'exit',
  leave: 'exit',
  cikis: 'exit',
  'isten cikis': 'exit',
};

/** The notification type in any of the three languages, or SGK's own words (işe giriş / işten çıkış). */
function typeOf(value: string): SgkNotificationType | null {
  const key = searchKey(value);
  if (TYPE_WORDS[key]) return TYPE_WORDS[key];
  for (const locale of LOCALES) {
    for (const type of ['hire', 'exit'] as const) {
      if (searchKey(t(locale, `placements.sgk.types.${type}`)) === key) return type;
    }
  }
  return null;
}

/** Maps a header row (column names in tr/en/ar, or the field names) to columns; null when it is no header. */
function headerMapping(cells: Cell[]): Map<number, SgkColumn> | null {
  const known = new Map<string, SgkColumn>();
  for (const column of SGK_COLUMNS) {
    known.set(searchKey(column), column);
    for (const locale of LOCALES) known.set(searchKey(t(locale, `placements.sgk.columns.${column}`)), column);
  }
  const map = new Map<number, SgkColumn>();
  cells.forEach((cell, i) => {
    const hit = known.get(searchKey(cellText(cell)));
    if (hit) map.set(i, hit);
  });
  return map.size >= 3 ? map : null;
}

function parseRows(sheet: { row: number; cells: Cell[] }[]): ParsedRow[] {
  if (sheet.length === 0) throw problems.invalid('/contentBase64', 'errors.import.empty');
  const header = headerMapping(sheet[0]!.cells);
  const positional = new Map(SGK_COLUMNS.map((c, i) => [i, c] as const));
  const mapping = header ?? positional;
  const missing = SGK_COLUMNS.filter((c) => c !== 'exitReason' && ![...mapping.values()].includes(c));
  if (missing.length)
    throw problems.invalidMany(
      missing.map((c) => ({ pointer: '/contentBase64', code: 'errors.import.missingColumn', params: { column: c } })),
    );
  const body = header ? sheet.slice(1) : sheet;
  const out: ParsedRow[] = [];
  for (const r of body) {
    const raw = new Map<SgkColumn, Cell>();
    for (const [i, column] of mapping) raw.set(column, r.cells[i] ?? null);
    if ([...raw.values()].every((c) => cellText(c) === '')) continue;
    const problemsOf: ParsedRow['problems'] = [];
    const id = cellText(raw.get('idNumber')).replace(/\s/g, '');
    const idNumber = isValidTckn(id) ? id : null;
    if (!idNumber) problemsOf.push({ column: 'idNumber', code: 'errors.placements.sgk.idNumberInvalid' });
    const sgk = cellText(raw.get('workplaceNumber')).replace(/[\s.-]/g, '');
    const workplaceNumber = isValidSgkWorkplaceNumber(sgk) ? sgk : null;
    if (!workplaceNumber) problemsOf.push({ column: 'workplaceNumber', code: 'errors.employers.sgkInvalid' });
    const type = typeOf(cellText(raw.get('type')));
    if (!type) problemsOf.push({ column: 'type', code: 'errors.placements.sgk.typeInvalid' });
    const date = parseDate(raw.get('date'));
    if (!date) problemsOf.push({ column: 'date', code: 'errors.placements.sgk.dateInvalid' });
    const filedText = cellText(raw.get('filedOn'));
    const filedOn = filedText ? parseDate(raw.get('filedOn')) : null;
    if (filedText && !filedOn) problemsOf.push({ column: 'filedOn', code: 'errors.placements.sgk.dateInvalid' });
    const exitReason = cellText(raw.get('exitReason')) || null;
    if (exitReason && !/^\d{1,2}$/.test(exitReason))
      problemsOf.push({ column: 'exitReason', code: 'errors.placements.sgk.exitReasonInvalid' });
    if (type === 'exit' && !exitReason) problemsOf.push({ column: 'exitReason', code: 'errors.validation.required' });
    out.push({ row: r.row, idNumber, workplaceNumber, type, date, exitReason, filedOn, problems: problemsOf });
  }
  if (out.length === 0) throw problems.invalid('/contentBase64', 'errors.import.empty');
  return out;
}

interface Match {
  row: ParsedRow;
  outcome: SgkRowOutcome;
  placement: PlacementRow | null;
  person: { id: string; name: string } | null;
  lateFiling: boolean;
  reason: string | null;
}

/** Matches parsed rows to the placements of the people in the actor's scope (others count as unknown). */
async function matchRows(ctx: Ctx, rows: ParsedRow[]): Promise<Match[]> {
  const scope = scopeOf(actorOf(ctx));
  // During a key rotation a record may still carry its index under the previous key: look up by both.
  const indexesOf = (id: string) => blindIndexes(`${id.startsWith('99') ? 'ykn' : 'tckn'}:${id}`, ctx.config);
  const indexes = [...new Set(rows.filter((r) => r.idNumber).flatMap((r) => indexesOf(r.idNumber!)))];
  const people = indexes.length
    ? await ctx.db
        .select({ id: persons.id, index: persons.idNumberIndex, given: persons.givenName, family: persons.familyName })
        .from(persons)
        .where(
          and(
            eq(persons.organisationId, scope.organisationId),
            scope.officeId ? eq(persons.officeId, scope.officeId) : undefined,
            isNull(persons.mergedIntoId),
            inArray(persons.idNumberIndex, indexes),
          ),
        )
    : [];
  const byIndex = new Map(people.map((p) => [p.index!, p]));
  const personIds = people.map((p) => p.id);
  const held = personIds.length
    ? await ctx.db
        .select({ p: placements, sgk: employers.sgkWorkplaceNumber })
        .from(placements)
        .innerJoin(employers, eq(employers.id, placements.employerId))
        .where(and(eq(placements.organisationId, scope.organisationId), inArray(placements.personId, personIds)))
    : [];
  return rows.map((row): Match => {
    const base = { row, placement: null, person: null, lateFiling: false, reason: null };
    if (row.problems.length) return { ...base, outcome: 'invalid' };
    const person = indexesOf(row.idNumber!)
      .map((i) => byIndex.get(i))
      .find((p) => p !== undefined);
    if (!person) return { ...base, outcome: 'unknown', reason: 'errors.placements.sgk.personUnknown' };
    const who = { id: person.id, name: `${person.given} ${person.family}` };
    const atWorkplace = held
      .filter((h) => h.p.personId === person.id && h.sgk === row.workplaceNumber)
      .map((h) => h.p)
      .filter((p) => p.status !== 'awaiting-permit');
    const distance = (p: PlacementRow) => Math.abs(Date.parse(p.startDate) - Date.parse(row.date!));
    if (row.type === 'hire') {
      const p = atWorkplace.sort((a, b) => distance(a) - distance(b))[0];
      if (!p) return { ...base, person: who, outcome: 'mismatch', reason: 'errors.placements.sgk.noPlacement' };
      const lateFiling = isLateHireFiling(p.startDate, row.filedOn);
      if (p.verification === 'verified')
        return { ...base, person: who, placement: p, outcome: 'unchanged', lateFiling };
      return { ...base, person: who, placement: p, outcome: 'match', lateFiling };
    }
    const started = atWorkplace.filter((p) => p.startDate <= row.date!).sort((a, b) => distance(a) - distance(b));
    const p = started.find((x) => x.status === 'active') ?? started[0];
    if (!p) return { ...base, person: who, outcome: 'mismatch', reason: 'errors.placements.sgk.noPlacement' };
    if (p.status === 'ended') return { ...base, person: who, placement: p, outcome: 'unchanged' };
    return { ...base, person: who, placement: p, outcome: 'match' };
  });
}

function report(ctx: Ctx, matches: Match[], applied: boolean): SgkReport {
  const rows: SgkRow[] = matches.map((m) => ({
    row: m.row.row,
    outcome: m.outcome,
    type: m.row.type,
    idNumberMasked: m.row.idNumber ? maskIdNumber(m.row.idNumber) : null,
    workplaceNumber: m.row.workplaceNumber,
    date: m.row.date,
    filedOn: m.row.filedOn,
    placementId: m.placement?.id ?? null,
    person: m.person,
    lateFiling: m.lateFiling,
    problems: [
      ...m.row.problems.map((p) => ({
        column: p.column ? columnLetter(SGK_COLUMNS.indexOf(p.column)) : null,
        code: p.code,
        message: t(ctx.locale, p.code, { column: p.column ? t(ctx.locale, `placements.sgk.columns.${p.column}`) : '' }),
      })),
      ...(m.reason ? [{ column: null, code: m.reason, message: t(ctx.locale, m.reason) }] : []),
      ...(m.lateFiling
        ? [
            {
              column: null,
              code: 'errors.placements.sgk.lateFiling',
              message: t(ctx.locale, 'errors.placements.sgk.lateFiling'),
            },
          ]
        : []),
    ],
  }));
  const n = (o: SgkRowOutcome) => matches.filter((m) => m.outcome === o).length;
  return {
    applied,
    counts: {
      rows: matches.length,
      match: n('match'),
      unchanged: n('unchanged'),
      mismatch: n('mismatch'),
      unknown: n('unknown'),
      invalid: n('invalid'),
      lateFiling: matches.filter((m) => m.lateFiling).length,
    },
    rows,
  };
}

async function reload(c: Ctx, id: string): Promise<PlacementRow> {
  const [row] = await c.db
    .select()
    .from(placements)
    .where(and(eq(placements.id, id), eq(placements.organisationId, actorOf(c).organisationId)));
  return row!;
}

export async function importSgkFile(
  ctx: Ctx,
  input: { fileName: string; contentBase64: string; apply: boolean },
): Promise<SgkReport> {
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) throw problems.invalid('/contentBase64', 'errors.import.empty');
  const parsed = parseRows(await readTable(input.fileName, bytes, { maxRows: MAX_ROWS, messages: 'errors.import' }));
  if (!input.apply) return report(ctx, await matchRows(ctx, parsed), false);

  return inTransaction(ctx, async (c) => {
    // Matched again inside the transaction: what is applied is what this check sees.
    const matches = await matchRows(c, parsed);
    const invalid = matches.filter((m) => m.outcome === 'invalid');
    if (invalid.length) {
      throw problems.refused(
        'errors.placements.sgk.invalidRows',
        invalid.flatMap((m) =>
          m.row.problems.map((p) => ({ pointer: `/rows/${m.row.row}/${p.column ?? ''}`, code: p.code })),
        ),
        { count: invalid.length },
      );
    }
    const rules = await ruleContext(c);
    const fresh = new Map<string, PlacementRow>();
    // Hires first, so that a hire and an exit of the same placement in one file both apply.
    const ordered = [...matches.filter((m) => m.row.type === 'hire'), ...matches.filter((m) => m.row.type === 'exit')];
    for (const m of ordered) {
      if (m.outcome !== 'match' || !m.placement) continue;
      const current = fresh.get(m.placement.id) ?? (await reload(c, m.placement.id));
      if (m.row.type === 'hire') {
        if (current.verification === 'verified') continue;
        await markVerified(c, current, {
          kind: 'sgk-file',
          reference: null,
          hireFiledOn: m.row.filedOn,
          netWage: estimatedNet(current, rules),
        });
      } else {
        if (current.status === 'ended') continue;
        await markEnded(c, current, {
          date: m.row.date!,
          reason: 'sgk-exit',
          exitReasonCode: m.row.exitReason,
          exitFollowUp: true,
          stillWorking: false,
        });
      }
      fresh.set(current.id, await reload(c, current.id));
    }
    const result = report(c, matches, true);
    await audit(c.db, c, {
      action: 'placement.sgk-file-applied',
      subjectType: 'placement',
      subjectId: null,
      purpose: `rows:${result.counts.rows} applied:${result.counts.match}`,
    });
    return result;
  });
}
