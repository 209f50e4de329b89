/**
 * Occupation search benchmark (`npm run bench:taxonomy`, also run by `npm run bench`): loads the shipped
 * taxonomy into a fresh database (PGlite in memory, and a throw-away database on the PostgreSQL server),
 * then asks GET /api/v1/taxonomy/occupations (through app.inject, the whole HTTP path) for every title
 * of the evaluation set `bench/taxonomy-eval.csv` (written before the search was tuned, never copied into
 * the dictionary: a unit test checks) and prints, per language, top-1 and top-5 accuracy (the expected
 * ISCO-08 unit group first / among the first five) and the p50/p95 latency of the request.
 *
 *   npm run bench:taxonomy -- [--only server|pglite] [--url postgres://…] [--esco DIR] [--data DIR] [--misses]
 *
 * --esco DIR also imports ESCO v1.1.1 from DIR (default: ../shared/data/esco-v1.1.1 when --esco is given
 * without a value is not possible with parseArgs, so pass the folder); --data loads the CSV files from
 * another folder (trials); --misses lists the titles whose unit group was not first (at which rank, or not in the top 5).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { parse } from 'csv-parse/sync';
import { buildApp } from '../src/server/app.ts';
import { testConfig } from '../src/server/config/config.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { ensureReferenceData } from '../src/server/db/seed/reference.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import { fixedClock } from '../src/server/lib/clock.ts';
import { noJobs } from '../src/server/jobs/engine.ts';
import { loadTaxonomy } from '../src/server/modules/taxonomy/index.ts';
import { importEsco } from '../src/server/modules/taxonomy/index.ts';

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    url: { type: 'string' },
    esco: { type: 'string' },
    data: { type: 'string' },
    misses: { type: 'boolean', default: false },
  },
});
const SERVER_URL =
  args.url ??
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';

interface EvalRow {
  lang: 'tr' | 'en' | 'ar';
  query: string;
  isco_code: string;
  variation: string;
}
const EVAL = parse<EvalRow>(fs.readFileSync(path.join(import.meta.dirname, 'taxonomy-eval.csv')), {
  columns: true,
  skip_empty_lines: true,
});

async function open(kind: 'pglite' | 'server'): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (kind === 'pglite') return { database: await openDatabase({}), drop: async () => {} };
  const name = `kopru_bench_taxonomy_${process.pid}`;
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ databaseUrl: url.toString(), poolSize: 4 }),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const pct = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`;
function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function run(kind: 'pglite' | 'server'): Promise<void> {
  const started = Date.now();
  const { database, drop } = await open(kind);
  try {
    await migrateDatabase(database);
    await ensureReferenceData(database.db);
    if (args.data) await loadTaxonomy(database.db, { dataDir: path.resolve(args.data), force: true });
    if (args.esco) {
      const dir = path.resolve(args.esco);
      await importEsco(
        database.db,
        path.join(dir, 'esco-v1.1.1-classification-en-csv.zip'),
        path.join(dir, 'esco-v1.1.1-relations-csv.zip'),
      );
    }
    const config = testConfig({ rateLimitPerMinute: 1_000_000, mode: 'production' });
    const app = await buildApp({
      config,
      database,
      clock: fixedClock(new Date()),
      transports: { email: null, sms: null },
      jobs: noJobs,
    });
    await app.ready();
    const ask = async (q: string, lang: string) => {
      const t0 = process.hrtime.bigint();
      const res = await app.inject({
        method: 'GET',
        url: `/api/v1/taxonomy/occupations?q=${encodeURIComponent(q)}&lang=${lang}&limit=5`,
      });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (res.statusCode !== 200) throw new Error(`${q}: ${res.statusCode} ${res.body}`);
      return { ms, items: res.json<{ items: { iscoCode: string; matchedLabel: string }[] }>().items };
    };
    // Warm-up.
    for (const row of EVAL.slice(0, 20)) await ask(row.query, row.lang);
    const per: Record<string, { n: number; top1: number; top5: number; ms: number[] }> = {};
    const misses: string[] = [];
    for (const row of EVAL) {
      const { ms, items } = await ask(row.query, row.lang);
      const s = (per[row.lang] ??= { n: 0, top1: 0, top5: 0, ms: [] });
      s.n++;
      s.ms.push(ms);
      const rank = items.findIndex((i) => i.iscoCode === row.isco_code);
      if (rank === 0) s.top1++;
      if (rank >= 0 && rank < 5) s.top5++;
      if (rank !== 0)
        misses.push(
          `${rank < 0 ? 'not in top 5' : `at ${rank + 1}`}: ${row.lang} ${row.query} → want ${row.isco_code}, got ${items.map((i) => `${i.iscoCode} (${i.matchedLabel})`).join(', ')}`,
        );
    }
    await app.close();
    const all = Object.values(per).flatMap((s) => s.ms);
    console.log(
      `\nOccupation search on ${kind === 'pglite' ? 'PGlite' : 'the PostgreSQL server'}${args.esco ? ' with ESCO imported' : ''} (${EVAL.length} titles, built in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    console.log('lang  titles  top-1     top-5     p50 ms  p95 ms   (goals: top-1 ≥ 85 %, top-5 ≥ 95 %, p95 ≤ 50 ms)');
    for (const lang of ['tr', 'en', 'ar']) {
      const s = per[lang];
      if (!s) continue;
      console.log(
        `${lang.padEnd(6)}${String(s.n).padEnd(8)}${pct(s.top1, s.n).padEnd(10)}${pct(s.top5, s.n).padEnd(10)}${quantile(s.ms, 0.5).toFixed(1).padStart(6)}  ${quantile(s.ms, 0.95).toFixed(1).padStart(6)}`,
      );
    }
    console.log(
      `all   ${String(all.length).padEnd(8)}${''.padEnd(20)}${quantile(all, 0.5).toFixed(1).padStart(6)}  ${quantile(all, 0.95).toFixed(1).padStart(6)}`,
    );
    if (args.misses) for (const m of misses) console.log(`  miss: ${m}`);
  } finally {
    await database.close();
    await drop();
  }
}

if (args.only !== 'server') await run('pglite');
if (args.only !== 'pglite') {
  try {
    await run('server');
  } catch (err) {
    console.log(`\nOccupation search on the PostgreSQL server: skipped (${(err as Error).message})`);
  }
}
