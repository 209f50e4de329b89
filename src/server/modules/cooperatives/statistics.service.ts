/**
 * Cooperative statistics in the spirit of the ICLS 2018 guidelines: cooperatives, members and workers in
 * cooperatives (member-workers and employees) by type, sex and district, as the registry stands today.
 *
 * Disclosure control as the indicators module does it (src/common/disclosure.ts): every one-way and
 * two-way table of a measure, with its totals, is one family suppressed as a whole with the
 * organisation's threshold, so two tables never disagree on a hidden cell. Exact figures only on screen
 * and only for who may read the registry (`cooperatives:read`); analysts (`indicators:read`) and every
 * export get the suppressed release.
 */
import { eq } from 'drizzle-orm';
import { cooperatives } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { problems } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import { writeTable, type FileOut, type OutCell } from '../../lib/tabular.ts';
import { cellKey, suppress, type Relation } from '../../../common/disclosure.ts';
import {
  ICLS_TYPES,
  STAT_DIMENSIONS,
  STAT_MEASURES,
  STAT_SEXES,
  type StatDimension,
  type StatMeasure,
} from '../../../common/cooperatives.ts';
import type { StatCell, StatisticsQuery, StatisticsTable } from '../../../common/contracts/cooperatives.ts';
import { thresholdOf } from '../indicators/index.ts';

type Coord = Record<string, string>;

/** One contribution to the counts: a full coordinate and its number. */
interface Fact {
  coord: Coord;
  n: number;
}

export const dimensionsOf = (measure: StatMeasure): StatDimension[] =>
  measure === 'cooperatives' ? ['type', 'district'] : ['type', 'sex', 'district'];

async function factsOf(ctx: Ctx, measure: StatMeasure): Promise<{ facts: Fact[]; districts: string[] }> {
  const rows = await ctx.db
    .select()
    .from(cooperatives)
    .where(eq(cooperatives.organisationId, actorOf(ctx).organisationId));
  const facts: Fact[] = [];
  const districts = new Set<string>();
  for (const r of rows) {
    const district = `${r.province} / ${r.district}`;
    districts.add(district);
    const base = { type: r.iclsType, district };
    if (measure === 'cooperatives') facts.push({ coord: base, n: 1 });
    else if (measure === 'members') {
      facts.push({ coord: { ...base, sex: 'women' }, n: r.membersWomen });
      facts.push({ coord: { ...base, sex: 'men' }, n: r.membersMen });
    } else {
      facts.push({ coord: { ...base, sex: 'women' }, n: r.memberWorkersWomen + r.employeesWomen });
      facts.push({ coord: { ...base, sex: 'men' }, n: r.memberWorkersMen + r.employeesMen });
    }
  }
  return { facts, districts: [...districts].sort((a, b) => a.localeCompare(b, 'tr')) };
}

interface Family {
  dims: StatDimension[];
  categories: Record<StatDimension, string[]>;
  values: Map<string, number>;
  suppressed: Set<string>;
}

/** Every subset of at most two dimensions. */
function subsets(dims: StatDimension[]): StatDimension[][] {
  const out: StatDimension[][] = [[]];
  for (let i = 0; i < dims.length; i++) {
    out.push([dims[i]!]);
    for (let j = i + 1; j < dims.length; j++) out.push([dims[i]!, dims[j]!]);
  }
  return out;
}

function coordsOf(dims: StatDimension[], categories: Record<StatDimension, string[]>): Coord[] {
  let out: Coord[] = [{}];
  for (const d of dims) out = out.flatMap((c) => categories[d].map((v) => ({ ...c, [d]: v })));
  return out;
}

/** Builds a measure's family (every one- and two-way table with totals) and suppresses it (or not). */
export function buildFamily(
  facts: readonly Fact[],
  dims: StatDimension[],
  districts: string[],
  threshold: number | null,
): Family {
  const categories: Record<StatDimension, string[]> = {
    type: [...ICLS_TYPES],
    sex: [...STAT_SEXES],
    district: districts,
  };
  const values = new Map<string, number>();
  const sets = subsets(dims);
  for (const f of facts)
    for (const s of sets) {
      const key = cellKey(Object.fromEntries(s.map((d) => [d, f.coord[d]!])));
      values.set(key, (values.get(key) ?? 0) + f.n);
    }
  const relations: Relation[] = [];
  for (const s of sets) {
    if (s.length >= 2) continue;
    for (const d of dims) {
      if (s.includes(d)) continue;
      for (const c of coordsOf(s, categories))
        relations.push({ parent: cellKey(c), children: categories[d].map((v) => cellKey({ ...c, [d]: v })) });
    }
  }
  const suppressed = threshold === null ? new Set<string>() : suppress(values, relations, threshold).suppressed;
  return { dims, categories, values, suppressed };
}

function cellOf(family: Family, coord: Coord): StatCell {
  const key = cellKey(coord);
  if (family.suppressed.has(key)) return { value: null, flag: 'suppressed' };
  return { value: family.values.get(key) ?? 0, flag: null };
}

function tableOf(
  family: Family,
  measure: StatMeasure,
  rows: StatDimension,
  columns: StatDimension | null,
  threshold: number | null,
): StatisticsTable {
  const columnKeys = columns ? family.categories[columns] : [];
  const lineOf = (base: Coord) => ({
    cells: columnKeys.map((ck) => cellOf(family, { ...base, [columns!]: ck })),
    total: cellOf(family, base),
  });
  return {
    measure,
    rows,
    columns,
    columnKeys,
    lines: family.categories[rows].map((key) => ({ key, ...lineOf({ [rows]: key }) })),
    total: lineOf({}),
    threshold,
  };
}

function checkDimensions(measure: StatMeasure, rows: StatDimension, columns: StatDimension | null) {
  const dims = dimensionsOf(measure);
  if (!dims.includes(rows))
    throw problems.invalidQuery('/querystring/rows', 'errors.cooperatives.dimensionNotApplicable');
  if (columns && (!dims.includes(columns) || columns === rows))
    throw problems.invalidQuery('/querystring/columns', 'errors.cooperatives.dimensionNotApplicable');
}

/** Whether this caller sees exact figures on screen: only who may read the registry anyway. */
const seesExactFigures = (ctx: Ctx) => actorOf(ctx).permissions.has('cooperatives:read');

export async function statistics(ctx: Ctx, q: StatisticsQuery): Promise<StatisticsTable> {
  const columns = q.columns ?? null;
  checkDimensions(q.measure, q.rows, columns);
  const threshold = seesExactFigures(ctx) ? null : await thresholdOf(ctx);
  const { facts, districts } = await factsOf(ctx, q.measure);
  const family = buildFamily(facts, dimensionsOf(q.measure), districts, threshold);
  return tableOf(family, q.measure, q.rows, columns, threshold);
}

/** Every table of the measures as one long sheet (CSV and XLSX), always suppressed, with the rule. */
export async function exportStatistics(
  ctx: Ctx,
  q: { format: 'csv' | 'xlsx'; measure?: StatMeasure },
): Promise<FileOut> {
  const locale = ctx.locale;
  const threshold = await thresholdOf(ctx);
  const label = (d: StatDimension | null, v: string) =>
    d === 'type'
      ? t(locale, `cooperatives.iclsTypes.${v}`)
      : d === 'sex'
        ? t(locale, `cooperatives.statistics.sexes.${v}`)
        : v;
  const rows: OutCell[][] = [];
  for (const measure of q.measure ? [q.measure] : STAT_MEASURES) {
    const { facts, districts } = await factsOf(ctx, measure);
    const dims = dimensionsOf(measure);
    const family = buildFamily(facts, dims, districts, threshold);
    const pairs: [StatDimension, StatDimension | null][] = [];
    for (const r of dims) {
      pairs.push([r, null]);
      for (const c of dims) if (STAT_DIMENSIONS.indexOf(c) > STAT_DIMENSIONS.indexOf(r)) pairs.push([r, c]);
    }
    for (const [r, c] of pairs) {
      const table = tableOf(family, measure, r, c, threshold);
      const put = (rowKey: string, colKey: string | null, cell: StatCell) =>
        rows.push([
          t(locale, `cooperatives.statistics.measures.${measure}`),
          t(locale, `cooperatives.statistics.dimensions.${r}`),
          rowKey === '' ? t(locale, 'cooperatives.statistics.total') : label(r, rowKey),
          c ? t(locale, `cooperatives.statistics.dimensions.${c}`) : null,
          c ? (colKey === null ? t(locale, 'cooperatives.statistics.total') : label(c, colKey)) : null,
          cell.value,
          cell.flag ? t(locale, 'cooperatives.statistics.suppressed') : null,
        ]);
      for (const line of [...table.lines, { key: '', ...table.total }]) {
        table.columnKeys.forEach((ck, i) => put(line.key, ck, line.cells[i]!));
        put(line.key, null, line.total);
      }
    }
  }
  const h = (k: string) => ({ header: t(locale, `cooperatives.statistics.headers.${k}`) });
  const file = await writeTable(q.format, {
    baseName: 'kopru-cooperatives-statistics',
    locale,
    sheets: [
      {
        name: t(locale, 'cooperatives.statistics.sheet').slice(0, 31),
        columns: [h('measure'), h('rows'), h('rowValue'), h('columns'), h('columnValue'), h('value'), h('flag')],
        rows,
      },
      {
        name: t(locale, 'cooperatives.statistics.ruleSheet').slice(0, 31),
        columns: [{ header: t(locale, 'cooperatives.statistics.ruleSheet'), width: 100 }],
        rows: [[t(locale, 'cooperatives.statistics.rule', { threshold })]],
      },
    ],
  });
  await audit(ctx.db, ctx, {
    action: 'cooperative.statistics-exported',
    subjectType: 'export',
    subjectId: actorOf(ctx).organisationId,
    purpose: `${q.format} ${q.measure ?? 'all'}`,
  });
  return file;
}
