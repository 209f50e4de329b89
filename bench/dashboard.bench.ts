/**
 * `npm run bench -- dashboard --reuse kopru_bench_<pid> [--runs 20] [--live] [--drop]` (issue 16,
 * "Performance"): the manager's dashboard on the PostgreSQL server, on a registry built earlier by the person
 * search bench (`npm run bench -- search --only server --keep`: 1,000,000 persons, registered over three years,
 * one case each; building it takes 4–30 minutes on this machine, so it is built once and reused).
 *
 * The dashboard is what `IndicatorsPage` asks for over the last 12 months: the funnel (5 indicators by year),
 * persons registered by month and by district — 7 requests, timed one after the other as the server answers
 * them (`managerDashboard`). It prints:
 *  - the refresh of the materialised aggregates for those months and the dashboard's sources (the
 *    `indicator-aggregates-refresh` job's work), timed;
 *  - cold: the first computation in this process (the warm cache empty, the aggregates stored), for a
 *    manager (exact figures) and for an analyst (the suppressed release);
 *  - warm: the same again, `--runs` times (p50, p95, max);
 *  - with `--live`: the same 7 tables computed live from the facts, as before the aggregates.
 * `--drop` drops the database at the end.
 */
import { parseArgs } from 'node:util';
import os from 'node:os';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.ts';
import { testConfig } from '../src/server/config/config.ts';
import { systemClock } from '../src/server/lib/clock.ts';
import type { Ctx } from '../src/server/lib/context.ts';
import type { Permission } from '../src/common/permissions.ts';
import { noJobs } from '../src/server/jobs/engine.ts';
import { clearWarmCache, managerDashboard, refreshAggregates } from '../src/server/modules/indicators/index.ts';
import { monthsBetween, type FactSource } from '../src/common/indicators.ts';
import { turkishDate } from '../src/common/working-days.ts';
import { BENCH_KEYS } from './synthetic.ts';

const { values: args } = parseArgs({
  options: {
    reuse: { type: 'string' },
    url: { type: 'string' },
    runs: { type: 'string', default: '20' },
    live: { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
  },
});
if (!args.reuse || !/^kopru_bench_\d+$/.test(args.reuse)) {
  console.error(
    'dashboard: --reuse kopru_bench_<pid> is required (build one with `npm run bench -- search --only server --keep`)',
  );
  process.exit(2);
}
const SERVER_URL =
  args.url ??
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(args.runs);
const name = args.reuse;
const url = new URL(SERVER_URL);
url.pathname = `/${name}`;

/** The sources behind the dashboard's tables (persons registered, referrals, hires, verified, working at 3 months). */
const SOURCES: FactSource[] = [
  'registrations',
  'referrals-sent',
  'placements-started',
  'placements-verified',
  'retained-3m',
];

const ms = (t: number) => (t < 100 ? t.toFixed(1) : Math.round(t).toLocaleString('en'));
async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
try {
  await database.migrate();
  const [org] = await database.query<{ id: string }>(`SELECT id FROM organisations WHERE short_name = 'Bench'`);
  if (!org) throw new Error(`no bench data set in ${name}`);
  const [user] = await database.query<{ id: string }>(`SELECT id FROM users WHERE organisation_id = $1`, [org.id]);
  const [{ n } = { n: '0' }] = await database.query<{ n: string }>(`SELECT count(*) AS n FROM persons`);
  const [version] = await database.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  const ctxOf = (permissions: Permission[]): Ctx => ({
    db: database.db,
    actor: {
      userId: user!.id,
      sessionId: 'bench',
      organisationId: org.id,
      officeId: null,
      kind: 'staff',
      fullName: 'Bench Yönetici',
      locale: 'tr',
      stage: 'active',
      permissions: new Set(permissions),
    },
    requestId: 'bench',
    locale: 'tr',
    ip: '127.0.0.1',
    userAgent: null,
    clock: systemClock,
    config: testConfig({ dataKey: BENCH_KEYS.dataKey, indexKey: BENCH_KEYS.indexKey }),
    jobs: noJobs,
  });
  const manager = ctxOf(['indicators:read', 'persons:read']);
  const analyst = ctxOf(['indicators:read']);
  const to = turkishDate(new Date()).slice(0, 7);
  const months = monthsBetween(`${Number(to.slice(0, 4)) - 1}-${to.slice(5, 7)}`, to).slice(1);
  const query = { from: months[0]!, to, code: 'persons-registered', rows: 'district' as const };
  console.log(
    `\nManager dashboard (issue 16): PostgreSQL ${version!.v}, ${Number(n).toLocaleString('en')} persons (${name}), ` +
      `${os.cpus().length} cores, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; months ${query.from} … ${query.to}, 7 tables`,
  );

  if (args.live) {
    const [t] = await timed(() => liveDashboard(manager));
    console.log(`  live, the 7 tables from the facts (as before the aggregates): ${ms(t)} ms`);
  }

  const system: Ctx = { ...manager, actor: null };
  const [refresh, written] = await timed(() => refreshAggregates(system, { all: true, sources: SOURCES, months }));
  console.log(
    `  refresh of the aggregates (${written} source-months: ${SOURCES.length} sources × ${months.length} months): ${ms(refresh)} ms`,
  );

  for (const [who, ctx] of [
    ['manager (exact)', manager],
    ['analyst (suppressed)', analyst],
  ] as const) {
    clearWarmCache();
    const [cold, tables] = await timed(() => managerDashboard(ctx, query));
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) times.push((await timed(() => managerDashboard(ctx, query)))[0]);
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
    const registered = tables[5]!.total.total.value;
    console.log(
      `  ${who}: cold ${ms(cold)} ms (goal ≤ 1,000) · warm p50 ${ms(at(0.5))} / p95 ${ms(at(0.95))} / max ${ms(times.at(-1)!)} ms ` +
        `(goal ≤ 100, ${RUNS} runs) · persons registered in the range: ${registered ?? 'hidden'}`,
    );
  }
  console.log(
    '  how: materialised monthly aggregates (indicator_month_cells, refreshed by the hourly indicator-aggregates-refresh job) ' +
      'put together per request, and an in-process warm cache checked against the aggregates’ version',
  );
} finally {
  await database.close();
  if (args.drop) {
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    console.log(`  dropped ${name}`);
  }
}

async function liveDashboard(ctx: Ctx) {
  const to = turkishDate(new Date()).slice(0, 7);
  const months = monthsBetween(`${Number(to.slice(0, 4)) - 1}-${to.slice(5, 7)}`, to).slice(1);
  const tables = await managerDashboard(
    ctx,
    { from: months[0]!, to, code: 'persons-registered', rows: 'district' },
    { live: true },
  );
  return tables;
}
