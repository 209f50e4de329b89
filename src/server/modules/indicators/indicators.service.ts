/**
 * Indicators (issue 16): the catalogue, the released tables and the organisation's threshold.
 *
 * A table is cut from the *family* of its source (every table that source releases for the same
 * months, src/common/indicators.ts), suppressed as a whole (src/common/disclosure.ts), so any two
 * tables a user requests from the same data agree on which cells are hidden. Rates are published where
 * both their numerator and denominator cells are; medians where their count is.
 *
 * Who sees exact figures: only on screen, and only a caller who may read the rows anyway
 * (`persons:read`). Analysts, and every export, get the suppressed release.
 */
import { eq } from 'drizzle-orm';
import { indicatorSettings, offices } from '../../db/schema/index.ts';
import { audit } from '../../lib/audit.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { problems } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import { cellKey, suppress } from '../../../common/disclosure.ts';
import {
  BREAKDOWNS,
  COLUMN_BREAKDOWNS,
  INDICATORS,
  indicatorByCode,
  monthEnd,
  monthsBetween,
  type Breakdown,
  type ColumnBreakdown,
  type FactSource,
  type Family,
  type IndicatorDef,
} from '../../../common/indicators.ts';
import type { Catalogue, ReleasedTable, TableCell, TableLine } from '../../../common/contracts/indicators.ts';
import { iscoTitles } from '../taxonomy/index.ts';
import { type Range } from './sources.ts';
import { familyFor, liveFamily } from './aggregates.ts';

export const DEFAULT_THRESHOLD = 11;
/** The longest range one request may cover (five years of months). */
export const MAX_MONTHS = 60;

export async function thresholdOf(ctx: Ctx): Promise<number> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await ctx.db
    .select({ threshold: indicatorSettings.threshold })
    .from(indicatorSettings)
    .where(eq(indicatorSettings.organisationId, organisationId));
  return row?.threshold ?? DEFAULT_THRESHOLD;
}

export async function updateThreshold(ctx: Ctx, threshold: number) {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .insert(indicatorSettings)
      .values({ organisationId: actor.organisationId, threshold, updatedBy: actor.userId, updatedAt: ctx.clock.now() })
      .onConflictDoUpdate({
        target: indicatorSettings.organisationId,
        set: { threshold, updatedBy: actor.userId, updatedAt: ctx.clock.now() },
      });
    await audit(tx.db, tx, {
      action: 'indicators.settings-updated',
      subjectType: 'settings',
      subjectId: 'indicators',
      fields: ['threshold'],
    });
  });
  return { threshold };
}

export async function catalogue(ctx: Ctx): Promise<Catalogue> {
  return {
    threshold: await thresholdOf(ctx),
    indicators: INDICATORS.map((i) => ({
      code: i.code,
      kind: i.kind,
      unit: i.unit,
      name: i.name,
      description: i.description,
      sdg: [...(i.sdg ?? [])],
      breakdowns: [...i.breakdowns],
    })),
    breakdowns: [...BREAKDOWNS],
    columnBreakdowns: [...COLUMN_BREAKDOWNS],
  };
}

/**
 * Checks and expands a month range (YYYY-MM … YYYY-MM); `at` is where `from` and `to` are in the request
 * (the query string of the tables, the body of a background export).
 */
export function rangeOf(from: string, to: string, at = '/querystring'): Range {
  if (from > to) {
    throw problems.invalidQuery(`${at}/to`, 'errors.indicators.rangeOrder');
  }
  const months = monthsBetween(from, to);
  if (months.length > MAX_MONTHS) {
    throw problems.invalidQuery(`${at}/from`, 'errors.indicators.rangeTooLong', { months: MAX_MONTHS });
  }
  return { months, from: `${from}-01`, to: monthEnd(to) };
}

interface Released {
  family: Family;
  suppressed: Set<string>;
}

/**
 * One request's view of the data: families computed once per source and range, suppressed with the
 * organisation's threshold (or not, for exact figures on screen).
 */
export class Release {
  private readonly families = new Map<FactSource, Promise<Released>>();
  readonly ctx: Ctx;
  readonly range: Range;
  readonly threshold: number | null;

  /** Whether families are always computed from the facts (the aggregates' comparison and the bench). */
  readonly live: boolean;

  constructor(ctx: Ctx, range: Range, threshold: number | null, options: { live?: boolean } = {}) {
    this.ctx = ctx;
    this.range = range;
    this.threshold = threshold;
    this.live = options.live ?? false;
  }

  /**
   * A source's family over the range, suppressed with the threshold (or not): from the warm cache or the
   * materialised months (aggregates.ts) where they cover the range, else live from the owners' facts.
   */
  source(source: FactSource): Promise<Released> {
    let p = this.families.get(source);
    if (!p) {
      const organisationId = actorOf(this.ctx).organisationId;
      const release = (family: Family): Released => ({
        family,
        suppressed:
          this.threshold === null
            ? new Set<string>()
            : suppress(family.values, family.relations, this.threshold).suppressed,
      });
      p = this.live
        ? liveFamily(this.ctx.db, organisationId, source, this.range).then(release)
        : familyFor(this.ctx.db, organisationId, source, this.range, String(this.threshold ?? 'exact'), release);
      this.families.set(source, p);
    }
    return p;
  }

  /** One indicator's table: rows by `rows`, columns by `columns` (or none), with totals. */
  async table(def: IndicatorDef, rows: Breakdown, columns: ColumnBreakdown | null): Promise<ReleasedTable> {
    if (sameDimension(rows, columns)) {
      throw problems.invalidQuery('/querystring/columns', 'errors.indicators.sameDimension');
    }
    const locale = this.ctx.locale;
    const main = await this.source(def.source);
    const denominator = def.denominator ? await this.source(def.denominator) : null;
    const fam = main.family;
    const rowKeys = denominator
      ? union(fam.categories[rows], denominator.family.categories[rows])
      : fam.categories[rows];
    const colKeys = columns
      ? denominator
        ? union(fam.categories[columns], denominator.family.categories[columns])
        : fam.categories[columns]
      : [];
    const cell = (coord: Record<string, string>): TableCell => {
      const key = cellKey(coord);
      if (main.suppressed.has(key)) return { value: null, flag: 'suppressed' };
      const n = main.family.values.get(key) ?? 0;
      switch (def.kind) {
        case 'count':
        case 'stock':
          return { value: n, flag: null };
        case 'rate': {
          const d = denominator!;
          if (d.suppressed.has(key)) return { value: null, flag: 'suppressed' };
          const den = d.family.values.get(key) ?? 0;
          if (den === 0) return { value: null, flag: 'not-applicable' };
          return { value: Math.round((1000 * n) / den) / 10, flag: null };
        }
        case 'median': {
          if (n === 0) return { value: null, flag: 'not-applicable' };
          if (this.threshold !== null && n < this.threshold) return { value: null, flag: 'suppressed' };
          return { value: median(main.family.days.get(key) ?? []), flag: null };
        }
        case 'sum':
          // Published exactly where its count of households is (hidden above otherwise): a sum over
          // 1 to threshold − 1 households is hidden, and the count's secondary suppression covers it.
          return { value: n === 0 ? 0 : (main.family.sums.get(key) ?? 0) / 100, flag: null };
      }
    };
    const labels = await this.labels([rows, ...(columns ? [columns] : [])], [...rowKeys, ...colKeys]);
    const line = (key: string | null): TableLine => {
      const base: Record<string, string> = key === null ? {} : { [rows]: key };
      return {
        key: key ?? '_T',
        label: key === null ? t(locale, 'indicators.total') : (labels.get(`${rows}:${key}`) ?? key),
        cells: colKeys.map((c) => cell({ ...base, [columns!]: c })),
        total: cell(base),
      };
    };
    return {
      indicator: def.code,
      name: def.name[locale],
      unit: def.unit,
      kind: def.kind,
      from: this.range.months[0]!,
      to: this.range.months[this.range.months.length - 1]!,
      rows,
      columns,
      columnKeys: colKeys,
      columnLabels: colKeys.map((c) => labels.get(`${columns}:${c}`) ?? c),
      lines: rowKeys.map((k) => line(k)),
      total: line(null),
      threshold: this.threshold,
      additive: rows !== 'targetGroup',
    };
  }

  private async labels(breakdowns: Breakdown[], keys: string[]): Promise<Map<string, string>> {
    const locale = this.ctx.locale;
    const out = new Map<string, string>();
    const organisationId = actorOf(this.ctx).organisationId;
    for (const b of breakdowns) {
      switch (b) {
        case 'sex':
          for (const k of keys) out.set(`sex:${k}`, t(locale, `persons.sexes.${k}`));
          break;
        case 'targetGroup':
          for (const k of keys) out.set(`targetGroup:${k}`, t(locale, `groups.names.${k}`));
          break;
        case 'ageBand':
          for (const k of keys) out.set(`ageBand:${k}`, k === 'under-15' ? t(locale, 'indicators.under15') : k);
          break;
        case 'district':
          for (const k of keys) out.set(`district:${k}`, k.replace('/', ' / '));
          break;
        case 'office': {
          const rows = await this.ctx.db
            .select({ id: offices.id, name: offices.name })
            .from(offices)
            .where(eq(offices.organisationId, organisationId));
          for (const r of rows) out.set(`office:${r.id}`, r.name);
          break;
        }
        case 'occupation': {
          const titles = await iscoTitles(
            this.ctx.db,
            keys.filter((k) => /^[0-9]$/.test(k)),
            locale,
          );
          for (const k of keys) {
            out.set(
              `occupation:${k}`,
              k === 'unknown' ? t(locale, 'indicators.unknownOccupation') : `${k} ${titles.get(k) ?? ''}`.trim(),
            );
          }
          break;
        }
        case 'year':
        case 'quarter':
        case 'month':
        case 'province':
          break;
      }
    }
    return out;
  }
}

const isTime = (b: Breakdown) => b === 'year' || b === 'quarter' || b === 'month';

/** Rows and columns that split by the same thing (or two levels of time) make no table. */
export function sameDimension(rows: Breakdown, columns: ColumnBreakdown | null): boolean {
  return columns === rows || (isTime(rows) && columns !== null && isTime(columns));
}
const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}

/** Whether this caller sees exact figures on screen: only who may read the rows anyway. */
export const seesExactFigures = (ctx: Ctx) => actorOf(ctx).permissions.has('persons:read');

export async function releasedTable(
  ctx: Ctx,
  code: string,
  query: { from: string; to: string; rows: Breakdown; columns?: ColumnBreakdown },
): Promise<ReleasedTable> {
  const def = indicatorByCode(code);
  if (!def) throw problems.notFound('errors.notFound');
  const range = rangeOf(query.from, query.to);
  const release = new Release(ctx, range, seesExactFigures(ctx) ? null : await thresholdOf(ctx));
  return release.table(def, query.rows, query.columns ?? null);
}

/** The funnel on the manager's dashboard (web `IndicatorsPage`), each by year. */
export const DASHBOARD_FUNNEL = [
  'persons-registered',
  'referrals',
  'hires',
  'verified-registered-placements',
  'working-at-3m',
] as const;

/**
 * What the manager's dashboard asks the server for, one table at a time as its requests do (the bench
 * times it): the funnel by year, the chosen indicator by month and by the chosen breakdown.
 */
export async function managerDashboard(
  ctx: Ctx,
  query: { from: string; to: string; code: string; rows: Breakdown },
  options: { live?: boolean } = {},
): Promise<ReleasedTable[]> {
  const range = rangeOf(query.from, query.to);
  const threshold = seesExactFigures(ctx) ? null : await thresholdOf(ctx);
  const specs: [string, Breakdown][] = [
    ...DASHBOARD_FUNNEL.map((c): [string, Breakdown] => [c, 'year']),
    [query.code, 'month'],
    [query.code, query.rows],
  ];
  const out: ReleasedTable[] = [];
  for (const [code, rows] of specs) {
    out.push(await new Release(ctx, range, threshold, options).table(indicatorByCode(code)!, rows, null));
  }
  return out;
}
