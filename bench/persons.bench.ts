/**
 * Person search benchmark (`npm run bench`): builds a synthetic registry in a freshly migrated database
 * (1,000,000 persons in a throw-away database on the PostgreSQL server, 100,000 in an in-memory PGlite),
 * then times the real listPersons() for a name search, an ID-number look-up and a filtered list page,
 * against a baseline in the same process: a plain ILIKE on the name columns (no name key, no trigram
 * index). Prints p50/p95/max per query and the EXPLAIN ANALYZE plan of the name search.
 *
 *   npm run bench -- [--persons N] [--only server|pglite] [--runs 200] [--url postgres://…] [--keep]
 *                    [--reuse kopru_bench_<pid>] [--experiment]
 *
 * --keep leaves the server database in place; --reuse measures a kept one again without building it (and keeps
 * it, unless --drop);
 * --experiment adds the candidate index and query changes (--experiment-only: those alone).
 */
import os from 'node:os';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import crypto from 'node:crypto';
import pg from 'pg';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import type { Logger } from 'drizzle-orm';
import { openDatabase, type Database, type Db } from '../src/server/db/client.ts';
import * as schema from '../src/server/db/schema/index.ts';
import { offices, organisations, users } from '../src/server/db/schema/index.ts';
import { TARGET_GROUPS } from '../src/common/enums.ts';
import { testConfig } from '../src/server/config/config.ts';
import type { Ctx } from '../src/server/lib/context.ts';
import { searchKey } from '../src/common/text.ts';
import { caseload, listPersons, rebuildNameWords } from '../src/server/modules/people/index.ts';
import {
  BENCH_KEY_OBJECTS,
  BENCH_KEYS,
  checkKeys,
  makePerson,
  NAME_QUERIES,
  staffCtx,
  type SyntheticRow,
} from './synthetic.ts';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string' },
    only: { type: 'string' },
    runs: { type: 'string', default: '200' },
    url: { type: 'string' },
    seed: { type: 'string', default: '20261124' },
    keep: { type: 'boolean', default: false },
    drop: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    experiment: { type: 'boolean', default: false },
    lists: { type: 'boolean', default: false },
    'skip-baseline': { type: 'boolean', default: false },
    'per-input': { type: 'boolean', default: false },
    pages: { type: 'string' },
    explain: { type: 'string' },
    'lists-only': { type: 'boolean', default: false },
    'experiment-only': { type: 'boolean', default: false },
  },
});
const RUNS = Number(args.runs);
const SEED = Number(args.seed);
const SERVER_URL =
  args.url ??
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const BATCH = 5000;
const OFFICES = ['Fatih', 'Esenyurt', 'Sultanbeyli', 'Bağcılar', 'Konak', 'Karşıyaka'];

interface Figures {
  name: string;
  p50: number;
  p95: number;
  max: number;
  hits: string;
}

const log = (...parts: unknown[]) => console.log(...parts);
const progress = (figures: Figures[]) => {
  const f = figures[figures.length - 1]!;
  log(`  measured: ${f.name}: p50 ${ms(f.p50)} ms, p95 ${ms(f.p95)} ms`);
};
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));

/** A UUID that depends only on the seed and the row, so that data sets are identical between runs. */
function uuidOf(i: number, salt: string): string {
  const h = crypto.createHash('md5').update(`${SEED}:${salt}:${i}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// ---- building the data set ---------------------------------------------------------------------------------

interface Built {
  organisationId: string;
  userId: string;
  officeIds: string[];
  /** ID numbers of some persons, for the look-up. */
  idNumbers: string[];
  /** Districts with many persons, for the filtered list. */
  districts: string[];
  buildMs: { generate: number; insert: number; indexes: number; analyze: number; total: number };
  persons: number;
}

/** Runs SQL with parameters on the loading connection (a dedicated client on the server). */
type Run = (text: string, params?: unknown[]) => Promise<unknown[]>;

async function build(database: Database, run: Run, n: number): Promise<Built> {
  const started = performance.now();
  const [org] = await database.db
    .insert(organisations)
    .values({ name: 'Bench Belediyesi', shortName: 'Bench', kind: 'municipality', province: 'İstanbul' })
    .returning({ id: organisations.id });
  const organisationId = org!.id;
  const officeRows = await database.db
    .insert(offices)
    .values(
      OFFICES.map((d) => ({
        organisationId,
        name: `${d} İstihdam Ofisi`,
        province: ['Konak', 'Karşıyaka'].includes(d) ? 'İzmir' : 'İstanbul',
        district: d,
      })),
    )
    .returning({ id: offices.id });
  const officeIds = officeRows.map((o) => o.id);
  const [user] = await database.db
    .insert(users)
    .values({ organisationId, officeId: officeIds[0]!, kind: 'staff', fullName: 'Bench Danışman', status: 'active' })
    .returning({ id: users.id });

  // Secondary indexes are built once after the load: far faster than maintaining them row by row.
  const tables = ['persons', 'person_target_groups', 'cases'];
  const indexes = (await run(
    `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ANY($1)
       AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))`,
    [tables],
  )) as { indexname: string; indexdef: string }[];
  for (const ix of indexes) await run(`DROP INDEX ${ix.indexname}`);
  // Foreign keys hold by construction here; skip their triggers during the load (this session only).
  await run(`SET session_replication_role = replica`);

  let generateMs = 0;
  let insertMs = 0;
  const idNumbers: string[] = [];
  const districtCount = new Map<string, number>();
  const now = Date.now();
  let pending: Promise<void> = Promise.resolve();
  for (let start = 0; start < n; start += BATCH) {
    const g0 = performance.now();
    const rows: (SyntheticRow & { id: string; createdAt: string })[] = [];
    for (let i = start; i < Math.min(n, start + BATCH); i += 1) {
      const p = makePerson(i, SEED, BENCH_KEY_OBJECTS, officeIds.length);
      rows.push({
        ...p,
        id: uuidOf(i, 'p'),
        createdAt: new Date(now - ((i * 7919) % 94_608_000) * 1000).toISOString(),
      });
      if (p.idNumber && p.idKind !== 'passport' && i % 997 === 0) idNumbers.push(p.idNumber);
      districtCount.set(p.district, (districtCount.get(p.district) ?? 0) + 1);
    }
    generateMs += performance.now() - g0;
    await pending; // one batch in flight while the next one is generated
    const i0 = performance.now();
    pending = insertBatch(run, rows, organisationId, officeIds, user!.id).then(() => {
      insertMs += performance.now() - i0;
    });
    if ((start / BATCH) % 20 === 0)
      process.stdout.write(`\r  ${start.toLocaleString('en')} / ${n.toLocaleString('en')}`);
  }
  await pending;
  process.stdout.write(`\r  ${n.toLocaleString('en')} / ${n.toLocaleString('en')}\n`);
  await run(`SET session_replication_role = DEFAULT`);

  const x0 = performance.now();
  for (const ix of indexes) await run(ix.indexdef);
  // The vocabulary of name words, as the people module's writers keep it (the load went around them).
  await rebuildNameWords(database.db);
  const indexMs = performance.now() - x0;
  const a0 = performance.now();
  for (const table of [...tables, 'person_name_words']) await run(`VACUUM ANALYZE ${table}`);
  const analyzeMs = performance.now() - a0;
  const districts = [...districtCount].sort((a, b) => b[1] - a[1]).map(([d]) => d);
  return {
    organisationId,
    userId: user!.id,
    officeIds,
    idNumbers,
    districts: districts.slice(0, 12),
    persons: n,
    buildMs: {
      generate: generateMs,
      insert: insertMs,
      indexes: indexMs,
      analyze: analyzeMs,
      total: performance.now() - started,
    },
  };
}

/** The facts about a data set built earlier (--reuse): the same seed gives the same ID numbers. */
async function existing(database: Database): Promise<Built> {
  const [org] = await database.query<{ id: string }>(`SELECT id FROM organisations WHERE short_name = 'Bench'`);
  if (!org) throw new Error('no bench data set in this database');
  const [user] = await database.query<{ id: string }>(`SELECT id FROM users WHERE organisation_id = $1`, [org.id]);
  const officeIds = (
    await database.query<{ id: string }>(`SELECT id FROM offices WHERE organisation_id = $1`, [org.id])
  ).map((o) => o.id);
  const [{ n } = { n: '0' }] = await database.query<{ n: string }>(`SELECT count(*) AS n FROM persons`);
  const persons = Number(n);
  const idNumbers: string[] = [];
  for (let i = 0; i < persons; i += 997) {
    const p = makePerson(i, SEED, BENCH_KEY_OBJECTS, officeIds.length);
    if (p.idNumber && p.idKind !== 'passport') idNumbers.push(p.idNumber);
  }
  const districts = (
    await database.query<{ district: string }>(
      `SELECT district FROM persons GROUP BY district ORDER BY count(*) DESC, district LIMIT 12`,
    )
  ).map((d) => d.district);
  const zero = { generate: 0, insert: 0, indexes: 0, analyze: 0, total: 0 };
  return { organisationId: org.id, userId: user!.id, officeIds, idNumbers, districts, buildMs: zero, persons };
}

async function insertBatch(
  run: Run,
  rows: (SyntheticRow & { id: string; createdAt: string })[],
  organisationId: string,
  officeIds: string[],
  userId: string,
): Promise<void> {
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  // unnest() of one array per column: one statement and 19 parameters for thousands of rows.
  await run(
    `INSERT INTO persons (id, organisation_id, office_id, given_name, family_name, name_key, id_kind, id_number_enc,
       id_number_index, id_number_masked, passport_country, birth_date, sex, nationality, phone, province, district,
       desired_occupations, occupation_keys, created_by, created_at, updated_at)
     SELECT id, $2::uuid, office_id, given_name, family_name, name_key, id_kind, id_number_enc, id_number_index,
       id_number_masked, passport_country, birth_date, sex, nationality, phone, province, district,
       CASE WHEN occupations = '' THEN '{}'::text[] ELSE string_to_array(occupations, '|') END, occupation_keys,
       $3::uuid, created_at, created_at
     FROM unnest($1::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
       $11::text[], $12::text[], $13::date[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
       $19::text[], $20::text[], $21::timestamptz[])
       AS t(id, office_id, given_name, family_name, name_key, id_kind, id_number_enc, id_number_index,
            id_number_masked, passport_country, birth_date, sex, nationality, phone, province, district,
            occupations, occupation_keys, created_at)`,
    [
      col('id'),
      organisationId,
      userId,
      rows.map((r) => officeIds[r.officeIndex]),
      col('givenName'),
      col('familyName'),
      col('nameKey'),
      col('idKind'),
      col('idNumberEnc'),
      col('idNumberIndex'),
      col('idNumberMasked'),
      col('passportCountry'),
      col('birthDate'),
      col('sex'),
      col('nationality'),
      col('phone'),
      col('province'),
      col('district'),
      rows.map((r) => r.desiredOccupations.join('|')),
      col('occupationKeys'),
      col('createdAt'),
    ],
  );
  const groupRows = rows.flatMap((r) => r.groups.map((g) => ({ personId: r.id, group: g })));
  if (groupRows.length > 0) {
    await run(
      `INSERT INTO person_target_groups (person_id, organisation_id, "group", details, recorded_by)
       SELECT person_id, $2::uuid, "group", '{}'::jsonb, $3::uuid FROM unnest($1::uuid[], $4::text[]) AS t(person_id, "group")`,
      [groupRows.map((g) => g.personId), organisationId, userId, groupRows.map((g) => g.group)],
    );
  }
  const statuses = ['new', 'active', 'active', 'on-hold', 'placed', 'closed'];
  await run(
    `INSERT INTO cases (organisation_id, person_id, office_id, counsellor_id, status, opened_at)
     SELECT $2::uuid, person_id, office_id, $3::uuid, status, opened_at
     FROM unnest($1::uuid[], $4::uuid[], $5::text[], $6::timestamptz[]) AS t(person_id, office_id, status, opened_at)`,
    [
      col('id'),
      organisationId,
      userId,
      rows.map((r) => officeIds[r.officeIndex]),
      rows.map((_, i) => statuses[i % statuses.length]),
      col('createdAt'),
    ],
  );
}

// ---- measuring -------------------------------------------------------------------------------------------------

async function time(
  runs: number,
  fn: (i: number) => Promise<unknown>,
): Promise<{ p50: number; p95: number; max: number; times: number[] }> {
  for (let i = 0; i < Math.min(5, runs); i += 1) await fn(i + 7); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return { ...percentiles(times), times };
}

function percentiles(unsorted: readonly number[]): { p50: number; p95: number; max: number } {
  const times = [...unsorted].sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), max: times[times.length - 1]! };
}

/** Three-letter prefixes: searching starts at three letters (issue 15). */
const PREFIXES = ['meh', 'ays', 'abd'];

/**
 * --per-input: each name input (and the three-letter prefixes) timed on its own, --runs / 4 calls each
 * (at least 5) after the warm-up: p50 and max, and the total it finds; then the p50/p95 of every call
 * together (the name search goal: p95 ≤ 100 ms at 1M). The p95 of the rotating measure is the slowest
 * inputs'; this says which.
 */
async function measurePerInput(label: string, database: Database, built: Built) {
  const ctx = benchCtx(database.db, built);
  const runs = Math.max(5, Math.round(RUNS / 4));
  log(`\n${label}, ${runs} calls each`);
  const rows: string[][] = [];
  const pages: Record<string, { total: number; capped: boolean; ids: string[] }> = {};
  const all: number[] = [];
  for (const q of [...NAME_QUERIES, ...PREFIXES]) {
    const first = await listPersons(ctx, { q, page: 1, pageSize: 25 });
    pages[q] = { total: first.total, capped: first.totalCapped, ids: first.items.map((p) => p.id) };
    const t = await time(runs, () => listPersons(ctx, { q, page: 1, pageSize: 25 }));
    all.push(...t.times);
    rows.push([q, ms(t.p50), ms(t.max), `${first.total}${first.totalCapped ? '+' : ''}`]);
    log(`  ${q}: p50 ${ms(t.p50)} ms, max ${ms(t.max)} ms`);
  }
  const head = ['input', 'p50 ms', 'max ms', 'total'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  log([line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
  const every = percentiles(all);
  log(
    `every call (${all.length}): p50 ${ms(every.p50)} ms, p95 ${ms(every.p95)} ms, max ${ms(every.max)} ms; ` +
      `load average ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
  );
  if (args.pages) comparePages(args.pages, pages);
}

/**
 * --pages FILE: the first page and total of every input, written to FILE when it does not exist, else
 * compared with it (what another tree found on the same database): which inputs find another page.
 */
function comparePages(file: string, pages: Record<string, { total: number; capped: boolean; ids: string[] }>) {
  if (!fs.existsSync(file)) {
    fs.writeFileSync(file, JSON.stringify(pages, null, 1));
    log(`  first pages written to ${file}`);
    return;
  }
  const before = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof pages;
  for (const [q, now] of Object.entries(pages)) {
    const was = before[q];
    if (!was) continue;
    const kept = was.ids.filter((id) => now.ids.includes(id)).length;
    const same = kept === was.ids.length && now.ids.length === was.ids.length;
    const order = same && was.ids.every((id, i) => now.ids[i] === id);
    log(
      `  ${q}: ${same ? (order ? 'same page, same order' : 'same page, other order') : `${kept} of ${was.ids.length} kept`}` +
        `; total ${was.total}${was.capped ? '+' : ''} → ${now.total}${now.capped ? '+' : ''}`,
    );
  }
}

function benchCtx(db: Db, built: Built): Ctx {
  return staffCtx(
    db,
    {
      userId: built.userId,
      organisationId: built.organisationId,
      officeId: built.officeIds[0]!,
      fullName: 'Bench Danışman',
    },
    testConfig({ dataKey: BENCH_KEYS.dataKey, indexKey: BENCH_KEYS.indexKey }),
  );
}

/** The baseline: what a registry without folded keys and trigram indexes would run. */
function baselineSql(q: string): { text: string; params: unknown[] } {
  const words = q.split(/\s+/).filter(Boolean);
  const conditions = words.map((_, i) => `(given_name ILIKE $${i + 2} OR family_name ILIKE $${i + 2})`).join(' AND ');
  const where = `organisation_id = $1 AND merged_into_id IS NULL AND ${conditions}`;
  return {
    text: `SELECT id, given_name, family_name, birth_date, district, (SELECT count(*) FROM persons WHERE ${where}) AS total
           FROM persons WHERE ${where} ORDER BY family_name, given_name, id LIMIT 25`,
    params: words.map((w) => `%${w.replace(/[%_\\]/g, '\\$&')}%`),
  };
}

async function measureAll(label: string, database: Database, built: Built, explainDb: Db, captured: string[][]) {
  const ctx = benchCtx(database.db, built);
  const figures: Figures[] = [];
  const hits = new Map<string, number>();
  for (const q of NAME_QUERIES) hits.set(q, (await listPersons(ctx, { q, page: 1, pageSize: 25 })).total);
  const name = await time(RUNS, (i) =>
    listPersons(ctx, { q: NAME_QUERIES[i % NAME_QUERIES.length], page: 1, pageSize: 25 }),
  );
  const meanHits = Math.round([...hits.values()].reduce((a, b) => a + b, 0) / hits.size);
  figures.push({ name: 'name search (listPersons)', ...name, hits: `${meanHits} avg` });
  progress(figures);

  const baseHits = new Map<string, number>();
  for (const q of args['skip-baseline'] ? [] : NAME_QUERIES) {
    const b = baselineSql(q);
    const rows = await database.query<{ total: string }>(b.text, [built.organisationId, ...b.params]);
    baseHits.set(q, Number(rows[0]?.total ?? 0));
  }
  // A sequential scan per call: a tenth of the runs is plenty to show it (--skip-baseline: none).
  if (!args['skip-baseline']) {
    const base = await time(Math.max(10, Math.round(RUNS / 10)), async (i) => {
      const b = baselineSql(NAME_QUERIES[i % NAME_QUERIES.length]!);
      return database.query(b.text, [built.organisationId, ...b.params]);
    });
    const baseMean = Math.round([...baseHits.values()].reduce((a, b) => a + b, 0) / baseHits.size);
    figures.push({ name: 'baseline: plain ILIKE on names', ...base, hits: `${baseMean} avg` });
    progress(figures);
  }

  const id = await time(RUNS, (i) =>
    listPersons(ctx, { q: built.idNumbers[i % built.idNumbers.length], page: 1, pageSize: 25 }),
  );
  const idCheck = await listPersons(ctx, { q: built.idNumbers[0], page: 1, pageSize: 25 });
  figures.push({ name: 'ID-number look-up', ...id, hits: String(idCheck.total) });
  progress(figures);

  const groups = TARGET_GROUPS.filter((g) => g !== 'roma');
  const filter = (i: number) => ({
    district: built.districts[i % built.districts.length],
    group: groups[i % groups.length],
    sort: 'name' as const,
    page: 3,
    pageSize: 25,
  });
  const list = await time(RUNS, (i) => listPersons(ctx, filter(i)));
  const listCheck = await listPersons(ctx, filter(0));
  figures.push({ name: 'district + group, by name, page 3', ...list, hits: `${listCheck.total} (first)` });

  log(`\n${label}`);
  log(table(figures));
  log('\nHits per name query (listPersons total vs plain ILIKE total):');
  for (const q of NAME_QUERIES)
    log(`  ${q.padEnd(16)} ${String(hits.get(q)).padStart(8)} ${String(baseHits.get(q)).padStart(8)}`);

  // The plan of the name search, as listPersons sends it.
  captured.length = 0;
  await listPersons(benchCtx(explainDb, built), { q: 'sukru yil', page: 1, pageSize: 25 });
  const [rowsQuery, countQuery] = captured;
  for (const [title, query] of [
    ['rows', rowsQuery],
    ['count', countQuery],
  ] as const) {
    if (!query) continue;
    const plan = await database.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${query[0]}`,
      JSON.parse(query[1]!) as unknown[],
    );
    log(`\nEXPLAIN ANALYZE of the name search "sukru yil" (${title} query):`);
    log(summarisePlan(plan.map((p) => p['QUERY PLAN'])));
  }
  return figures;
}

/** --explain "a,b": EXPLAIN (ANALYZE, BUFFERS) of every statement listPersons sends for each input, in order. */
async function explainInput(q: string, database: Database, built: Built, explainDb: Db, captured: string[][]) {
  captured.length = 0;
  await listPersons(benchCtx(explainDb, built), { q, page: 1, pageSize: 25 });
  for (const [i, [text, params]] of [...captured].entries()) {
    const plan = await database.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${text}`,
      JSON.parse(params!) as unknown[],
    );
    log(`\nEXPLAIN ANALYZE of the name search "${q}", statement ${i + 1} of ${captured.length}:`);
    log(summarisePlan(plan.map((p) => p['QUERY PLAN'])));
  }
}

/** The plan's node lines and timings, without the long filter and output lines. */
function summarisePlan(lines: string[]): string {
  return lines
    .filter((l) =>
      /->|^\s*\w.*\(cost|Planning Time|Execution Time|Index Cond|Recheck Cond|Heap Blocks|Rows Removed/.test(l),
    )
    .map((l) => `  ${l.length > 150 ? `${l.slice(0, 147)}...` : l}`)
    .slice(0, 40)
    .join('\n');
}

function table(figures: Figures[]): string {
  const head = ['query', 'p50 ms', 'p95 ms', 'max ms', 'hits'];
  const rows = figures.map((f) => [f.name, ms(f.p50), ms(f.p95), ms(f.max), f.hits]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function capturingLogger(captured: string[][]): Logger {
  return { logQuery: (query, params) => captured.push([query, JSON.stringify(params)]) };
}

// ---- the two databases -------------------------------------------------------------------------------------------

async function benchServer(persons: number) {
  let n = persons;
  const name = args.reuse ?? `kopru_bench_${process.pid}`;
  if (!/^kopru_bench_\d+$/.test(name)) throw new Error('--reuse takes a kopru_bench_<pid> database');
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  if (!args.reuse) {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  }
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  const loader = new pg.Client({ connectionString: url.toString() });
  const explainPool = new pg.Pool({ connectionString: url.toString(), max: 1 });
  try {
    await loader.connect();
    const [version] = await database.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    let built: Built;
    if (args.reuse) {
      // Migrations added since the database was kept (an index, say) are applied first, and timed.
      const m0 = performance.now();
      await database.migrate();
      await database.exec('ANALYZE persons');
      log(`  migrations and ANALYZE on the kept database: ${((performance.now() - m0) / 1000).toFixed(1)} s`);
      built = await existing(database);
      n = built.persons;
      log(`\nPostgreSQL server ${version!.v}, database ${name}: ${n.toLocaleString('en')} persons, built earlier`);
    } else {
      await database.migrate();
      log(`\nPostgreSQL server ${version!.v}, database ${name}: building ${n.toLocaleString('en')} persons…`);
      built = await build(database, async (text, params) => (await loader.query(text, params)).rows, n);
      printBuild(built, n);
    }
    const captured: string[][] = [];
    const explainDb = drizzlePg(explainPool, { schema, logger: capturingLogger(captured) }) as unknown as Db;
    const figures =
      args['experiment-only'] || args['lists-only'] || args['per-input'] || args.explain
        ? []
        : await measureAll(
            `PostgreSQL server, ${n.toLocaleString('en')} persons, ${RUNS} runs each`,
            database,
            built,
            explainDb,
            captured,
          );
    if (args['per-input'])
      await measurePerInput(
        `Name search per input, PostgreSQL server, ${n.toLocaleString('en')} persons`,
        database,
        built,
      );
    if (args.explain) {
      const captured: string[][] = [];
      const db = drizzlePg(explainPool, { schema, logger: capturingLogger(captured) }) as unknown as Db;
      for (const q of args.explain.split(',')) await explainInput(q.trim(), database, built, db, captured);
    }
    if (args.lists || args['lists-only'])
      await measureLists(
        `Lists, PostgreSQL server, ${n.toLocaleString('en')} persons, ${RUNS} runs each`,
        database,
        built,
      );
    if (args.experiment || args['experiment-only']) await experiment(database, built, figures);
  } finally {
    await explainPool.end();
    await loader.end().catch(() => {});
    await database.close();
    // A database measured again (--reuse) is kept unless --drop says otherwise: building one takes
    // 4–30 minutes on the shared machine (one was lost to a --reuse run without --keep).
    if (args.keep || (args.reuse && !args.drop)) log(`kept database ${name}`);
    else await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function benchPglite(n: number) {
  log(`\nPGlite (in memory): building ${n.toLocaleString('en')} persons…`);
  const database = await openDatabase({});
  try {
    await database.migrate();
    const pglite = database.pglite!;
    const built = await build(database, async (text, params) => (await pglite.query(text, params)).rows, n);
    printBuild(built, n);
    const captured: string[][] = [];
    const explainDb = drizzlePglite(pglite, { schema, logger: capturingLogger(captured) }) as unknown as Db;
    const figures = args['experiment-only']
      ? []
      : await measureAll(
          `PGlite, ${n.toLocaleString('en')} persons, ${RUNS} runs each`,
          database,
          built,
          explainDb,
          captured,
        );
    if (args.experiment || args['experiment-only']) await experiment(database, built, figures);
  } finally {
    await database.close();
  }
}

function printBuild(built: Built, n: number) {
  const s = (x: number) => `${(x / 1000).toFixed(1)} s`;
  const b = built.buildMs;
  log(
    `  built ${n.toLocaleString('en')} persons in ${s(b.total)} (generate+encrypt ${s(b.generate)}, insert ${s(b.insert)}, ` +
      `indexes ${s(b.indexes)}, vacuum analyze ${s(b.analyze)})`,
  );
}

/**
 * The lists a counsellor pages through, at the data set's size (--lists): the person list by name (first,
 * 40th and 400th page), newest first, by case status, and the caseload view of one office and of the
 * organisation. Each through the real service function, page size 25.
 */
async function measureLists(label: string, database: Database, built: Built): Promise<Figures[]> {
  const ctx = benchCtx(database.db, built);
  const figures: Figures[] = [];
  const page = (filter: Partial<Parameters<typeof listPersons>[1]>) => ({ page: 1, pageSize: 25, ...filter });
  const cases: [string, (i: number) => Parameters<typeof listPersons>[1]][] = [
    ['person list by name, page 1', () => page({ sort: 'name' })],
    ['person list by name, page 40', () => page({ sort: 'name', page: 40 })],
    ['person list by name, page 400', () => page({ sort: 'name', page: 400 })],
    ['person list newest first, page 1', () => page({ sort: '-created' })],
    ['person list by birth date, page 2', () => page({ sort: 'birthDate', page: 2 })],
    ['one office, by name, page 2', (i) => page({ officeId: built.officeIds[i % built.officeIds.length], page: 2 })],
    ['case status on-hold, by name, page 1', () => page({ caseStatus: 'on-hold' })],
  ];
  for (const [name, filter] of cases) {
    const first = await listPersons(ctx, filter(0));
    const t = await time(RUNS, (i) => listPersons(ctx, filter(i)));
    figures.push({ name, ...t, hits: first.total.toLocaleString('en') });
    progress(figures);
  }
  const office = await time(RUNS, (i) => caseload(ctx, built.officeIds[i % built.officeIds.length]));
  figures.push({ name: 'caseload of one office', ...office, hits: '' });
  progress(figures);
  const all = await time(Math.max(10, Math.round(RUNS / 4)), () => caseload(ctx));
  figures.push({ name: 'caseload of the organisation', ...all, hits: '' });
  progress(figures);
  log(`\n${label}`);
  log(table(figures));
  return figures;
}

/**
 * What an index or query change would buy, tried in the bench database only (the application's schema
 * and queries are not changed). The name search of listPersons is written out in SQL, then changed:
 * - the count capped at 1,000 (the page shows "1,000+"), so that a common name does not fetch every match;
 * - a GiST trigram index (gist_trgm_ops), whose distance operator `<->` returns the closest names first,
 *   so that the page needs 25 index entries instead of ranking every match: one ordered scan for the
 *   names that contain every word, one for the typo matches (`%`), merged with the word matches first.
 */
async function experiment(database: Database, built: Built, before: Figures[]) {
  log('\nExperiment: candidate changes, measured on the same data');
  const org = built.organisationId;
  const variants: { name: string; sql: (key: string) => { text: string; params: unknown[] } }[] = [
    { name: 'listPersons as SQL (GIN, rank all, exact count)', sql: (k) => currentQuery(k, null) },
    { name: 'same, count capped at 1,000', sql: (k) => currentQuery(k, 1000) },
  ];
  const gistVariants: typeof variants = [
    { name: 'GiST <-> top 25 words, typos if < 25; capped count of those', sql: (k) => knnQuery(k, 1000, true) },
    { name: 'GiST <-> top 25 words and typos; capped count', sql: (k) => knnQuery(k, 1000, false) },
  ];
  const figures: Figures[] = [];
  const runs = Math.max(20, Math.round(RUNS / 4));
  const measure = async (v: (typeof variants)[number]) => {
    const t = await time(runs, (i) => {
      const { text, params } = v.sql(searchKey(NAME_QUERIES[i % NAME_QUERIES.length]!));
      return database.query(text, [org, ...params]);
    });
    figures.push({ name: v.name, ...t, hits: '' });
    progress(figures);
  };
  for (const v of variants) await measure(v);
  const g0 = performance.now();
  await database.exec('CREATE INDEX bench_name_gist_idx ON persons USING gist (name_key gist_trgm_ops)');
  await database.exec('ANALYZE persons');
  const gistMs = performance.now() - g0;
  const [size] = await database.query<{ size: string }>(
    `SELECT pg_size_pretty(pg_relation_size('bench_name_gist_idx')) AS size`,
  );
  log(`  GiST trigram index built in ${(gistMs / 1000).toFixed(1)} s, ${size!.size}`);
  try {
    for (const v of gistVariants) await measure(v);
    // Same answers? The first page of each query, current ranking vs. the GiST one.
    let same = 0;
    for (const q of NAME_QUERIES) {
      const a = await database.query<{ id: string }>(currentQuery(searchKey(q), 1000).text, [
        org,
        ...currentQuery(searchKey(q), 1000).params,
      ]);
      const b = await database.query<{ id: string }>(knnQuery(searchKey(q), 1000, true).text, [
        org,
        ...knnQuery(searchKey(q), 1000, true).params,
      ]);
      const overlap = a.filter((r) => b.some((x) => x.id === r.id)).length;
      same += overlap / Math.max(1, a.length);
    }
    log(
      `  first pages in common with the current ranking: ${((100 * same) / NAME_QUERIES.length).toFixed(0)} % on average`,
    );
    const plan = await database.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${knnQuery('muhammed', 1000, true).text}`,
      [org, ...knnQuery('muhammed', 1000, true).params],
    );
    log('\nEXPLAIN ANALYZE of the GiST variant, "muhammed":');
    log(summarisePlan(plan.map((p) => p['QUERY PLAN'])));
  } finally {
    await database.exec('DROP INDEX bench_name_gist_idx');
  }

  // The filtered list: the real listPersons, before and after a district index (and one for groups).
  const ctx = benchCtx(database.db, built);
  const groups = TARGET_GROUPS.filter((g) => g !== 'roma');
  const filter = (i: number) => ({
    district: built.districts[i % built.districts.length],
    group: groups[i % groups.length],
    sort: 'name' as const,
    page: 3,
    pageSize: 25,
  });
  const i0 = performance.now();
  await database.exec(
    `CREATE INDEX bench_org_district_name_idx ON persons (organisation_id, district, family_name, given_name, id)
       WHERE merged_into_id IS NULL;
     CREATE INDEX bench_ptg_group_person_idx ON person_target_groups ("group", person_id);
     ANALYZE persons; ANALYZE person_target_groups;`,
  );
  log(`  district and group indexes built in ${((performance.now() - i0) / 1000).toFixed(1)} s`);
  try {
    const list = await time(runs, (i) => listPersons(ctx, filter(i)));
    figures.push({ name: 'listPersons district+group page 3, with the indexes', ...list, hits: '' });
    progress(figures);
  } finally {
    await database.exec('DROP INDEX bench_org_district_name_idx; DROP INDEX bench_ptg_group_person_idx;');
  }
  log(table([...before.filter((f) => f.name.startsWith('name search') || f.name.startsWith('district')), ...figures]));
}

const likeOf = (w: string) => `%${w.replace(/[%_\\]/g, '\\$&')}%`;
const BASE = 'organisation_id = $1 AND merged_into_id IS NULL';

function countSql(where: string, cap: number | null): string {
  return cap === null
    ? `(SELECT count(*) FROM persons WHERE ${where})`
    : `(SELECT count(*) FROM (SELECT 1 FROM persons WHERE ${where} LIMIT ${cap}) c)`;
}

/** The name search of listPersons as it is: every word as a substring, or trigram-similar; ranked. */
function currentQuery(key: string, cap: number | null): { text: string; params: unknown[] } {
  const words = key.split(' ');
  const wordCond = words.map((_, i) => `name_key ILIKE $${i + 4}`).join(' AND ');
  const where = `${BASE} AND ((${wordCond}) OR name_key % $2)`;
  return {
    text: `SELECT id, ${countSql(where, cap)} AS total FROM persons WHERE ${where}
           ORDER BY (name_key LIKE $3)::int DESC, similarity(name_key, $2) DESC, family_name, given_name, id LIMIT 25`,
    params: [key, likeOf(key), ...words.map(likeOf)],
  };
}

/**
 * Two ordered GiST scans of 25 (word matches, then typo matches), merged with the word matches first;
 * with `fallback`, the typo scan runs only when the words find fewer than 25.
 */
function knnQuery(key: string, cap: number | null, fallback: boolean): { text: string; params: unknown[] } {
  const words = key.split(' ');
  const wordCond = words.map((_, i) => `name_key ILIKE $${i + 3}`).join(' AND ');
  // With the fallback, typo matches are counted only when the words find less than a page.
  const where = fallback
    ? `${BASE} AND ((${wordCond}) OR (name_key % $2 AND (SELECT count(*) FROM w) < 25))`
    : `${BASE} AND ((${wordCond}) OR name_key % $2)`;
  return {
    text: `WITH w AS (SELECT id, 0 AS tier, name_key <-> $2 AS d FROM persons WHERE ${BASE} AND ${wordCond}
                      ORDER BY name_key <-> $2 LIMIT 25),
                t AS (SELECT id, 1 AS tier, name_key <-> $2 AS d FROM persons WHERE ${BASE} AND name_key % $2
                      ${fallback ? 'AND (SELECT count(*) FROM w) < 25' : ''}
                      ORDER BY name_key <-> $2 LIMIT 25)
           SELECT id, ${countSql(where, cap)} AS total
           FROM (SELECT DISTINCT ON (id) id, tier, d FROM (SELECT * FROM w UNION ALL SELECT * FROM t) u ORDER BY id, tier) x
           ORDER BY tier, d, id LIMIT 25`,
    params: [key, ...words.map(likeOf)],
  };
}

checkKeys();
const only = args.only;
if (only && only !== 'server' && only !== 'pglite') throw new Error('--only must be server or pglite');
const persons = args.persons ? Number(args.persons.replace(/[_,]/g, '')) : undefined;
const t0 = performance.now();
if (only !== 'pglite') await benchServer(persons ?? 1_000_000);
if (only !== 'server') await benchPglite(persons ?? 100_000);
log(`\nbench finished in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
