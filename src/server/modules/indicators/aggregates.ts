/**
 * Materialised indicator aggregates and the warm cache (issue 16, "Performance").
 *
 * The live path loads a source's facts for a range from the owning modules and builds its family
 * (`buildFamily`): at 1,000,000 persons that is hundreds of thousands of facts and tens of seconds. Instead,
 * the `indicator-aggregates-refresh` job (hourly) keeps, per organisation, source and month, the cells of
 * that month's family (`indicator_month_cells`, no row about a person): the current and previous month on
 * every run, older months of the last `AGGREGATE_MONTHS` once their cells are a day old. A request whose
 * months are all stored puts the family together from them (`familyFromMonths`, equal to the live family:
 * unit-tested over random facts, and against the live path on seed data in `aggregates.int.test.ts`); a
 * request touching a month not stored (older than the window, or before the first refresh) is computed live,
 * as before. Suppression runs on the family as always, so the same cells are hidden either way.
 *
 * The warm cache keeps, in this process, the last families released (family and hidden cells), keyed by
 * organisation, source, months and threshold, and checked on every request against the stored months'
 * version (their number and latest `computed_at`): a refresh, in any process, makes the next request
 * rebuild. Live families are never cached.
 *
 * Freshness: figures from aggregates are as of the last refresh (at most about an hour for the current and
 * previous month, a day for older ones).
 */
import { and, count, eq, inArray, max } from 'drizzle-orm';
import { indicatorMonthCells, organisations } from '../../db/schema/index.ts';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { turkishDate } from '../../../common/working-days.ts';
import {
  FACT_SOURCES,
  SOURCE_KIND,
  buildFamily,
  familyFromMonths,
  monthEnd,
  monthCellsOf,
  monthsBetween,
  type FactSource,
  type Family,
  type MonthCells,
} from '../../../common/indicators.ts';
import { FACT_LOADERS, type Range } from './sources.ts';

/** Months kept materialised, up to the current one (the longest range a request may cover). */
export const AGGREGATE_MONTHS = 60;
/** Months older than the previous one are recomputed once their cells are this old. */
export const AGGREGATE_STALE_MS = 24 * 3600 * 1000;
/** Families kept in the warm cache (per process). */
const CACHE_ENTRIES = 200;

const isStock = (source: FactSource) => SOURCE_KIND[source] === 'stock';

/** The live family of a source over a range: its facts from the owning modules. */
export async function liveFamily(db: Db, organisationId: string, source: FactSource, range: Range): Promise<Family> {
  const facts = await FACT_LOADERS[source](db, organisationId, range);
  return buildFamily(facts, range.months, isStock(source));
}

/** One month's cells, computed live. */
export async function monthCells(
  db: Db,
  organisationId: string,
  source: FactSource,
  month: string,
): Promise<MonthCells> {
  const range = { months: [month], from: `${month}-01`, to: monthEnd(month) };
  return monthCellsOf(await liveFamily(db, organisationId, source, range));
}

const shiftMonth = (month: string, by: number) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

/**
 * The `indicator-aggregates-refresh` job: for every organisation and source, recomputes the current and
 * previous month (Europe/Istanbul, on the app clock), and every older month of the window that has no
 * cells or whose cells are older than `AGGREGATE_STALE_MS`. Idempotent (an upsert per month); returns how
 * many months were written.
 */
export async function refreshAggregates(
  systemCtx: Ctx,
  options: { all?: boolean; sources?: readonly FactSource[]; months?: readonly string[] } = {},
): Promise<number> {
  const now = systemCtx.clock.now();
  const current = turkishDate(now).slice(0, 7);
  const previous = shiftMonth(current, -1);
  const months = options.months ?? monthsBetween(shiftMonth(current, 1 - AGGREGATE_MONTHS), current);
  const orgs = await systemCtx.db.select({ id: organisations.id }).from(organisations);
  let written = 0;
  for (const { id: organisationId } of orgs) {
    const stored = await systemCtx.db
      .select({
        source: indicatorMonthCells.source,
        month: indicatorMonthCells.month,
        computedAt: indicatorMonthCells.computedAt,
      })
      .from(indicatorMonthCells)
      .where(eq(indicatorMonthCells.organisationId, organisationId));
    const computedAt = new Map(stored.map((r) => [`${r.source}|${r.month}`, r.computedAt.getTime()]));
    for (const source of options.sources ?? FACT_SOURCES) {
      for (const month of months) {
        const at = computedAt.get(`${source}|${month}`);
        const due = options.all || month >= previous || at === undefined || at <= now.getTime() - AGGREGATE_STALE_MS;
        if (!due) continue;
        const cells = await monthCells(systemCtx.db, organisationId, source, month);
        const computed = systemCtx.clock.now();
        await systemCtx.db
          .insert(indicatorMonthCells)
          .values({ organisationId, source, month, cells, computedAt: computed })
          .onConflictDoUpdate({
            target: [indicatorMonthCells.organisationId, indicatorMonthCells.source, indicatorMonthCells.month],
            set: { cells, computedAt: computed },
          });
        written += 1;
      }
    }
  }
  return written;
}

interface Cached<T> {
  version: string;
  value: T;
}
const warm = new Map<string, Cached<unknown>>();

/** Empties this process's warm cache (the bench measures cold requests with it). */
export function clearWarmCache(): void {
  warm.clear();
}

/**
 * A source's family over a range, with whatever the caller derives from it (the hidden cells), from the
 * warm cache, the stored months, or live. `derive` runs once per family built.
 */
export async function familyFor<T extends { family: Family }>(
  db: Db,
  organisationId: string,
  source: FactSource,
  range: Range,
  variant: string,
  derive: (family: Family) => T,
): Promise<T> {
  const [stored] = await db
    .select({ months: count(), latest: max(indicatorMonthCells.computedAt) })
    .from(indicatorMonthCells)
    .where(
      and(
        eq(indicatorMonthCells.organisationId, organisationId),
        eq(indicatorMonthCells.source, source),
        inArray(indicatorMonthCells.month, range.months),
      ),
    );
  if (!stored || stored.months < range.months.length || !stored.latest) {
    return derive(await liveFamily(db, organisationId, source, range));
  }
  const version = `${stored.months}|${new Date(stored.latest).getTime()}`;
  const key = `${organisationId}|${source}|${range.months[0]}|${range.months.length}|${variant}`;
  const hit = warm.get(key) as Cached<T> | undefined;
  if (hit && hit.version === version) {
    // Most recently used last: the oldest entry is the first to go.
    warm.delete(key);
    warm.set(key, hit);
    return hit.value;
  }
  const rows = await db
    .select({ month: indicatorMonthCells.month, cells: indicatorMonthCells.cells })
    .from(indicatorMonthCells)
    .where(
      and(
        eq(indicatorMonthCells.organisationId, organisationId),
        eq(indicatorMonthCells.source, source),
        inArray(indicatorMonthCells.month, range.months),
      ),
    );
  const family = familyFromMonths(new Map(rows.map((r) => [r.month, r.cells])), range.months, isStock(source));
  const value = derive(family);
  warm.set(key, { version, value });
  if (warm.size > CACHE_ENTRIES) warm.delete(warm.keys().next().value!);
  return value;
}
