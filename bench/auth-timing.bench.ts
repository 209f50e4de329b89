/**
 * Account-existence timing benchmark (`npm run bench:auth`): times the public requests that must not
 * tell whether an account exists — a password-reset link and a one-time sign-in code — for a real
 * account and for an unknown one, through the HTTP API (app.inject) on a freshly seeded database.
 * Prints p50/p95/mean per case and the difference of the medians. Issue 8, item 17: the work is the
 * same (the integration test compares the statements run); this prints what that leaves in time.
 *
 *   npm run bench:auth -- [--runs 200] [--url postgres://…]   (PGlite in memory without --url)
 */
import { parseArgs } from 'node:util';
import crypto from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/server/app.ts';
import { testConfig } from '../src/server/config/config.ts';
import { openDatabase, type Database } from '../src/server/db/client.ts';
import { ensureReferenceData } from '../src/server/db/seed/reference.ts';
import { seedDemo } from '../src/server/db/seed/demo.ts';
import { fixedClock } from '../src/server/lib/clock.ts';
import { migrateDatabase } from '../src/server/db/migrate.ts';
import { startJobs } from '../src/server/jobs/engine.ts';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '200' }, url: { type: 'string' } },
});
const runs = Number(args.runs);

async function open(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (!args.url) return { database: await openDatabase({}), drop: async () => {} };
  const name = `kopru_bench_auth_${process.pid}`;
  const admin = new pg.Client({ connectionString: args.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(args.url);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ databaseUrl: url.toString(), poolSize: 4 }),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

const { database, drop } = await open();
await migrateDatabase(database);
await ensureReferenceData(database.db);
const config = testConfig({ rateLimitPerMinute: 1_000_000, mode: 'production' });
await seedDemo(database.db, config.argon, config);
const clock = fixedClock(new Date());
// The job engine sends (a delivery job per queued message, as in production) but runs nothing here.
const jobs = await startJobs(database, { maintain: false });
const app = await buildApp({ config, database, clock, transports: { email: null, sms: null }, jobs });
await app.ready();

async function time(url: string, payload: object): Promise<number> {
  const started = process.hrtime.bigint();
  const res = await app.inject({ method: 'POST', url, payload, remoteAddress: `10.9.${crypto.randomInt(255)}.1` });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.statusCode !== 202) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return ms;
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const cases = [
  {
    name: 'password reset',
    url: '/api/v1/auth/password-reset',
    known: () => ({ email: 'admin@ibb.example' }),
    unknown: () => ({ email: `nobody-${crypto.randomUUID().slice(0, 8)}@ibb.example` }),
  },
  {
    name: 'sign-in code',
    url: '/api/v1/auth/code',
    known: () => ({ identifier: '+905321000002' }),
    unknown: () => ({ identifier: `+90532${crypto.randomInt(1_000_000, 9_999_999)}` }),
  },
];

console.log(`database: ${database.kind}, ${runs} requests per case, alternating, after 20 warm-up requests`);
for (const c of cases) {
  const known: number[] = [];
  const unknown: number[] = [];
  for (let i = 0; i < runs + 20; i++) {
    // The per-identifier request limit (5 per 15 minutes) would answer 429: move the clock on.
    clock.advance(16 * 60 * 1000);
    const k = await time(c.url, c.known());
    const u = await time(c.url, c.unknown());
    if (i >= 20) {
      known.push(k);
      unknown.push(u);
    }
  }
  const a = stats(known);
  const b = stats(unknown);
  const f = (n: number) => n.toFixed(2).padStart(7);
  console.log(`\n${c.name}`);
  console.log(`  existing account  p50 ${f(a.p50)} ms  p95 ${f(a.p95)} ms  mean ${f(a.mean)} ms`);
  console.log(`  unknown account   p50 ${f(b.p50)} ms  p95 ${f(b.p95)} ms  mean ${f(b.mean)} ms`);
  console.log(`  difference of the medians: ${(a.p50 - b.p50).toFixed(2)} ms`);
}

await app.close();
await jobs.stop();
await database.close();
await drop();
