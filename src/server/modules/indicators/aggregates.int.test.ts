import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { indicatorMonthCells, organisations, users } from '../../db/schema/index.ts';
import { systemContext } from '../../jobs/handlers.ts';
import { threeRegisteredInMarch2016 } from '../../test/indicator-fixtures.ts';
import { NEW_INSTANCE_TIMEOUT, createTestContext, type TestContext } from '../../test/harness.ts';
import type { Ctx } from '../../lib/context.ts';
import type { Permission } from '../../../common/permissions.ts';
import { FACT_SOURCES, INDICATORS, monthsBetween, type Breakdown, type Family } from '../../../common/indicators.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { Release, rangeOf } from './indicators.service.ts';
import { familyFor, liveFamily, refreshAggregates } from './aggregates.ts';

/**
 * The materialised aggregates (issue 16, "Performance") against the live computation on the demo data set:
 * after the refresh job, every source's family over the last 24 months, put together from the stored months,
 * equals the one built from the owners' facts, and every indicator's table, exact and suppressed, reads the
 * same either way. Then the warm cache follows a refresh.
 */
let t: TestContext;
let organisationId: string;
let userId: string;
/** The demo data set's organisations: the job refreshes each. */
let orgs: number;

beforeAll(async () => {
  t = await createTestContext();
  const [org] = await t.database.db.select().from(organisations).where(eq(organisations.shortName, 'İBB'));
  organisationId = org!.id;
  orgs = (await t.database.db.select().from(organisations)).length;
  const [user] = await t.database.db.select().from(users).where(eq(users.organisationId, organisationId)).limit(1);
  userId = user!.id;
}, 2 * NEW_INSTANCE_TIMEOUT);

afterAll(async () => {
  await t?.close();
});

const ctxAs = (permissions: Permission[]): Ctx => ({
  ...systemContext(t.deps, 'test'),
  locale: 'en',
  actor: {
    userId,
    sessionId: 'test',
    organisationId,
    officeId: null,
    kind: 'staff',
    fullName: 'Test',
    locale: 'en',
    stage: 'active',
    permissions: new Set(permissions),
  },
});

const plain = (f: Family) => ({
  values: Object.fromEntries([...f.values].filter(([, n]) => n !== 0).sort()),
  days: Object.fromEntries([...f.days].map(([k, d]) => [k, [...d].sort((a, b) => a - b)]).sort()),
  sums: Object.fromEntries([...f.sums].sort()),
  categories: f.categories,
  relations: f.relations.map((r) => `${r.parent}<${r.children.join(',')}`).sort(),
});

describe('materialised indicator aggregates', () => {
  it(
    'equal the live computation on the demo data, family by family and table by table',
    { timeout: 600_000 },
    async () => {
      const to = turkishDate(t.clock.now()).slice(0, 7);
      const [y, m] = to.split('-').map(Number) as [number, number];
      const from = `${y - 1}-${String(m).padStart(2, '0')}`;
      const months = monthsBetween(from, to).slice(1);
      const range = rangeOf(months[0]!, to);
      // The hourly job's work for these months (every source).
      const written = await refreshAggregates(systemContext(t.deps, 'test'), { months });
      expect(written).toBe(orgs * FACT_SOURCES.length * months.length);

      let nonEmpty = 0;
      for (const source of FACT_SOURCES) {
        const live = await liveFamily(t.database.db, organisationId, source, range);
        const stored = await familyFor(t.database.db, organisationId, source, range, 'test', (family) => ({ family }));
        expect(plain(stored.family), source).toEqual(plain(live));
        if (live.values.get('')) nonEmpty += 1;
      }
      // The comparison means something: the demo data has facts in most sources.
      expect(nonEmpty).toBeGreaterThanOrEqual(5);

      const manager = ctxAs(['indicators:read', 'persons:read']);
      for (const threshold of [null, 11]) {
        const aggregated = new Release(manager, range, threshold);
        const live = new Release(manager, range, threshold, { live: true });
        for (const def of INDICATORS) {
          for (const rows of ['month', 'district', 'targetGroup'] as Breakdown[]) {
            const columns = rows === 'month' ? null : 'sex';
            const fromAggregates = await aggregated.table(def, rows, columns);
            const fromFacts = await live.table(def, rows, columns);
            expect(fromAggregates, `${def.code} by ${rows}, threshold ${threshold}`).toEqual(fromFacts);
          }
        }
      }
    },
  );

  it('serves the warm cache until a refresh, then the refreshed figures', { timeout: 120_000 }, async () => {
    // 1 April 2016 in Istanbul. The job's work for registrations, December 2015 to April 2016.
    t.clock.set(new Date('2016-03-31T21:30:00Z'));
    const refresh = () =>
      refreshAggregates(systemContext(t.deps, 'test'), {
        sources: ['registrations'],
        months: monthsBetween('2015-12', '2016-04'),
      });
    expect(await refresh()).toBe(orgs * 5);
    const range = rangeOf('2016-01', '2016-03');
    const stored = await t.database.db
      .select({ month: indicatorMonthCells.month })
      .from(indicatorMonthCells)
      .where(
        and(eq(indicatorMonthCells.organisationId, organisationId), eq(indicatorMonthCells.source, 'registrations')),
      );
    expect(stored.map((r) => r.month)).toEqual(expect.arrayContaining(monthsBetween('2015-12', '2016-04')));
    const manager = ctxAs(['indicators:read', 'persons:read']);
    const registered = async () =>
      (await new Release(manager, range, null).table(INDICATORS[0]!, 'month', null)).total.total.value;
    const before = await registered();
    expect(await registered()).toBe(before);

    await threeRegisteredInMarch2016(t, { given: 'Agrega', family: 'Test', key: ['agrega', 'test'] });
    // Until the next refresh the dashboard reads the stored months (as of the last refresh) …
    expect(await registered()).toBe(before);
    // … the live computation sees the three at once …
    expect(
      (await new Release(manager, range, null, { live: true }).table(INDICATORS[0]!, 'month', null)).total.total.value,
    ).toBe((before ?? 0) + 3);
    // … and the next hour's refresh (March and April always; the older months are less than a day old)
    // brings them in, past the warm cache.
    t.clock.set(new Date('2016-03-31T22:30:00Z'));
    expect(await refresh()).toBe(orgs * 2);
    expect(await registered()).toBe((before ?? 0) + 3);
  });
});
