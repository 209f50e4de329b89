/**
 * Matching benchmark (`npm run bench -- matching`, issue 10 "Performance"): a synthetic registry with coded
 * records on an in-memory PGlite (default 100,000 persons and one generated open vacancy per ten persons; the demo
 * data set's organisations, employers and published vacancies on top), then the real `candidatesForVacancy()` (the
 * demo's vacancies) and `vacanciesForPerson()` timed for a common and a rare occupation, with recall@50 against
 * exhaustive scorers that apply the same exclusions and score to every person of the caller's scope, or every
 * published vacancy (rotation off: ties broken by id), and a plain full-text query with filters beside them.
 *
 *   npm run bench -- matching [--persons 100000] [--vacancies 10000] [--runs 20] [--seed 20261204]
 *   npm run bench -- matching --url postgres://postgres@127.0.0.1:5432/postgres --persons 1000000 [--keep]
 *   npm run bench -- matching --url … --reuse kopru_bench_matching_<pid> [--seeker-only] [--profile <dir>]
 *
 * With --url it builds the registry in its own database on the PostgreSQL server (kopru_bench_matching_<pid>,
 * dropped at the end unless --keep; --reuse times a kept one again). Besides the timings it prints the matching
 * index's and the vacancy index's build time and memory (docs/MATCHING.md, "The matching index", "The vacancy
 * index"), and on the server, per row, the database's part of the median and the slowest run (statements, time
 * waited, time in the process); --profile writes each row's CPU profile and prints its hottest functions and lines.
 */
import inspector from 'node:inspector';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database, type Db } from '../src/server/db/client.ts';
import { ensureReferenceData } from '../src/server/db/seed/reference.ts';
import { seedDemo } from '../src/server/db/seed/demo.ts';
import { matchingProposalTallies, offices, skillOccupations, users, vacancies } from '../src/server/db/schema/index.ts';
import { noJobs, type Jobs } from '../src/server/jobs/engine.ts';
import type { QueuePayloads } from '../src/server/jobs/queues.ts';
import { testConfig } from '../src/server/config/config.ts';
import { blindIndex } from '../src/server/lib/crypto.ts';
import { legalTagInput, registeredTagInput } from '../src/server/lib/matching-tags.ts';
import {
  candidatesForVacancy,
  countFairnessPool,
  exhaustiveCandidates,
  exhaustiveVacancies,
  linkStoredTitles,
  matchingIndexFigures,
  vacanciesForPerson,
  vacancyIndexFigures,
} from '../src/server/modules/matching/index.ts';
import { prng, prngUuid, staffCtx } from './synthetic.ts';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    /** Open vacancies generated beside the demo data set's: one per 10 persons unless given. */
    vacancies: { type: 'string' },
    runs: { type: 'string', default: '20' },
    seed: { type: 'string', default: '20261204' },
    url: { type: 'string' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'string' },
    /** Only the person → vacancies rows (a kept registry timed again without the candidates' exhaustive scorer). */
    'seeker-only': { type: 'boolean', default: false },
    /** A CPU profile of each row's timed runs (`<dir>/<row>.cpuprofile`) and its functions of most own time. */
    profile: { type: 'string' },
  },
});
if (args.reuse && !/^kopru_bench_matching_\d+$/.test(args.reuse))
  throw new Error('--reuse takes a kopru_bench_matching_<pid> database');

/** PGlite in memory, or a database of its own on the server (--url). */
async function open(): Promise<{ database: Database; label: string; fresh: boolean; done: () => Promise<void> }> {
  if (!args.url) return { database: await openDatabase({}), label: 'PGlite', fresh: true, done: async () => {} };
  const name = args.reuse ?? `kopru_bench_matching_${process.pid}`;
  const admin = new pg.Client({ connectionString: args.url });
  await admin.connect();
  if (!args.reuse) await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(args.url);
  url.pathname = `/${name}`;
  return {
    database: await openDatabase({ databaseUrl: url.toString(), poolSize: 4 }),
    label: `PostgreSQL ${name}`,
    fresh: !args.reuse,
    done: async () => {
      if (!args.keep && !args.reuse) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      else log(`kept: --reuse ${name}`);
      await admin.end();
    },
  };
}
/** The registry's persons and generated vacancies (a kept one, --reuse, says its own: counted once it is open). */
let N = Number(args.persons);
let V = args.vacancies === undefined ? Math.round(N / 10) : Number(args.vacancies);
const RUNS = Number(args.runs);
const log = (...parts: unknown[]) => console.log(...parts);
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
/** A change of memory, signed (a collection during the build can leave less than before). */
const mib = (bytes: number) => `${bytes < 0 ? '−' : '+'}${Math.abs(bytes / 2 ** 20).toFixed(0)} MiB`;

/** Occupations with realistic weight: a few common ones hold most people, as cleaners and sales staff do. */
const OCCUPATIONS: [string, number][] = [
  ['9112', 16],
  ['5223', 12],
  ['9329', 10],
  ['5120', 8],
  ['5131', 8],
  ['8322', 5],
  ['5321', 4],
  ['7531', 4],
  ['4321', 3],
  ['9313', 3],
  ['5141', 2],
  ['7212', 1],
  ['7411', 1],
];
const DISTRICTS = ['Fatih', 'Esenyurt', 'Bağcılar', 'Sultanbeyli', 'Kadıköy', 'Üsküdar', 'Şişli', 'Beylikdüzü'];

/**
 * Open vacancies follow the persons' mix (cleaners, sales staff, labourers, cooks and waiters hold most), the
 * skilled trades fewer than their share of seekers, and a thin tail of occupations nobody generated seeks.
 */
const VACANCY_OCCUPATIONS: [string, number][] = [
  ...OCCUPATIONS.map(([code, w]): [string, number] => [code, code === '7212' || code === '7411' ? w / 4 : w]),
  ['9412', 0.6],
  ['7126', 0.4],
  ['2221', 0.4],
  ['4110', 0.6],
  ['7115', 0.3],
  ['8160', 0.5],
];
const TITLES: Record<string, string> = {
  '9112': 'Temizlik görevlisi',
  '5223': 'Satış danışmanı',
  '9329': 'Üretim işçisi',
  '5120': 'Aşçı',
  '5131': 'Garson',
  '8322': 'Şoför',
  '5321': 'Hasta bakıcı',
  '7531': 'Terzi',
  '4321': 'Depo görevlisi',
  '9313': 'İnşaat işçisi',
  '5141': 'Kuaför',
  '7212': 'Kaynakçı',
  '7411': 'Elektrikçi',
  '9412': 'Mutfak yardımcısı',
  '7126': 'Tesisatçı',
  '2221': 'Hemşire',
  '4110': 'Büro elemanı',
  '7115': 'Marangoz',
  '8160': 'Gıda üretim operatörü',
};
/** What marks the generated vacancies (the candidates' rows time the demo data set's). */
const BENCH_DUTIES = 'Bench vacancy.';

function pick<T>(rnd: () => number, weighted: [T, number][]): T {
  const total = weighted.reduce((n, [, w]) => n + w, 0);
  let x = rnd() * total;
  for (const [v, w] of weighted) if ((x -= w) < 0) return v;
  return weighted[0]![0];
}

/** A PostgreSQL array literal, one parameter (drizzle would expand a JS array into a row of parameters). */
const arr = (xs: readonly string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/**
 * Every statement node-postgres sends (server only): when it left, how long until its answer, its first words.
 * Timed at the base client, below the one-statement-at-a-time queue: the database's time and the network's, not
 * the wait for a busy connection.
 */
const statements: { start: number; ms: number; text: string }[] = [];
let timingStatements = false;
{
  const base = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const send = base.query;
  base.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string; submit?: unknown };
    if (!timingStatements || (typeof first === 'object' && typeof first?.submit === 'function'))
      return send.apply(this, args);
    const start = performance.now();
    const text = (typeof first === 'string' ? first : (first?.text ?? '')).replace(/\s+/g, ' ').slice(0, 70);
    const done = () => statements.push({ start, ms: performance.now() - start, text });
    // The pool's own `pool.query` hands a callback (drizzle outside a transaction); a transaction's client a promise.
    const last = args[args.length - 1];
    if (typeof last === 'function')
      return send.apply(this, [
        ...args.slice(0, -1),
        (...answer: unknown[]) => {
          done();
          return (last as (...a: unknown[]) => unknown)(...answer);
        },
      ]);
    const result = send.apply(this, args);
    if (result instanceof Promise) result.then(done, done);
    return result;
  };
}

/** The statements of one call: how many, the time at least one was in flight (the wait), the three longest. */
function waits(span: { start: number; ms: number }) {
  const inside = statements
    .filter((s) => s.start >= span.start && s.start < span.start + span.ms)
    .sort((a, b) => a.start - b.start);
  let waited = 0;
  let until = -Infinity;
  for (const s of inside) {
    const end = s.start + s.ms;
    if (end > until) {
      waited += end - Math.max(s.start, until);
      until = end;
    }
  }
  const longest = [...inside]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((s) => `${ms(s.ms)} ms "${s.text}"`);
  return `${inside.length} statements, waited ${ms(waited)} ms, in process ${ms(span.ms - waited)} ms; longest ${longest.join(', ')}`;
}

/**
 * The inspector's CPU profiler over the timed runs (`--profile <dir>`): the profile is written for Chrome's
 * DevTools, and the functions of most own time (samples in the function itself) are printed.
 */
async function startProfile() {
  const session = new inspector.Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (err, result) => (err ? reject(err) : resolve(result as T))),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return {
    async stop(row: string) {
      type Node = {
        id: number;
        callFrame: { functionName: string; url: string; lineNumber: number };
        positionTicks?: { line: number; ticks: number }[];
      };
      const { profile } = await post<{
        profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] };
      }>('Profiler.stop');
      session.disconnect();
      await mkdir(args.profile!, { recursive: true });
      await writeFile(join(args.profile!, `${row}.cpuprofile`), JSON.stringify(profile));
      const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
      const own = new Map<string, number>();
      let total = 0;
      profile.samples.forEach((id, i) => {
        const f = byNode.get(id)!.callFrame;
        const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-1)[0] ?? ''}:${f.lineNumber + 1}`;
        const dt = profile.timeDeltas[i] ?? 0;
        own.set(name, (own.get(name) ?? 0) + dt);
        total += dt;
      });
      const top = [...own].sort((a, b) => b[1] - a[1]).slice(0, 15);
      log(`  profile ${row}: ${ms(total / 1000)} ms sampled; most own time:`);
      for (const [name, us] of top) log(`    ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`);
      // Where inside the project's hottest functions (V8 counts its samples per source line).
      const lines = new Map<string, number>();
      for (const n of profile.nodes)
        if (n.callFrame.url.includes('/src/'))
          for (const t of n.positionTicks ?? []) {
            const at = `${n.callFrame.url.split('/').slice(-1)[0]}:${t.line}`;
            lines.set(at, (lines.get(at) ?? 0) + t.ticks);
          }
      const ticks = profile.samples.length;
      const hot = [...lines].sort((a, b) => b[1] - a[1]).slice(0, 12);
      log(`  hottest lines: ${hot.map(([at, n]) => `${at} ${((100 * n) / ticks).toFixed(1)} %`).join(', ')}`);
    },
  };
}

/**
 * p50 and p95 of `runs` calls after 2 warm-up calls, and the garbage collection inside the slowest call (perf_hooks'
 * `gc` entries by their start: major = mark-compact, minor = scavenge), since the slowest of 10 is the p95. On the
 * server, for the median call and the slowest, the database's part: the time a statement was in flight.
 */
async function time(runs: number, fn: (i: number) => Promise<unknown>, row: string) {
  for (let i = 0; i < 2; i += 1) await fn(i);
  const profiling = args.profile ? await startProfile() : null;
  const gcs: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const spans: { start: number; ms: number }[] = [];
  statements.length = 0;
  timingStatements = true;
  for (let i = 0; i < runs; i += 1) {
    const t0 = performance.now();
    await fn(i);
    spans.push({ start: t0, ms: performance.now() - t0 });
  }
  timingStatements = false;
  if (profiling) await profiling.stop(row);
  // The entries are delivered a little after the collection they record.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  const times = spans.map((s) => s.ms).sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  const slow = spans.reduce((a, b) => (b.ms > a.ms ? b : a));
  const within = gcs.filter((g) => g.startTime >= slow.start && g.startTime < slow.start + slow.ms);
  const sum = (kind: number) =>
    within
      .filter((g) => (g as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === kind)
      .reduce((n, g) => n + g.duration, 0);
  // Incremental marking steps are the major collection's work done ahead of its final pause.
  const gc = {
    major: sum(constants.NODE_PERFORMANCE_GC_MAJOR) + sum(constants.NODE_PERFORMANCE_GC_INCREMENTAL),
    minor: sum(constants.NODE_PERFORMANCE_GC_MINOR),
  };
  const all = gcs.filter((g) => g.startTime >= spans[0]!.start);
  const majors = all.filter(
    (g) =>
      (g as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR,
  );
  if (args.url) {
    const median = [...spans].sort((a, b) => a.ms - b.ms)[Math.floor(spans.length / 2)]!;
    log(`  median run ${ms(median.ms)} ms: ${waits(median)}`);
    log(`  slowest run ${ms(slow.ms)} ms: ${waits(slow)}`);
  }
  log(
    `  slowest run ${ms(slow.ms)} ms: GC in it ${ms(gc.major)} ms major + ${ms(gc.minor)} ms minor; over the ${runs} runs ${majors.length} major GC (${ms(majors.reduce((n, g) => n + g.duration, 0))} ms)`,
  );
  return { p50: at(0.5), p95: at(0.95) };
}

/**
 * `V` open, published, coded vacancies of the organisation (a separate stream of the seed, so the persons are the
 * same whatever `--vacancies`), 5,000 per statement, at one employer per 20 vacancies: the occupation mix of
 * VACANCY_OCCUPATIONS, the persons' districts, two or three of the occupation's essential skills required and one
 * or two preferred, a B licence for a third of the drivers, an education level for some, day or day-and-evening
 * shifts, a start within 60 days and a deadline for half. The rest (contract, hours, wage, minimum age) is copied
 * from a demo vacancy, and the employer from its employer, so the decent-work rules judge them as the demo's.
 * Triggers off for the load, as for the persons.
 */
async function generateVacancies(
  db: Db,
  organisationId: string,
  officeIds: readonly string[],
  essential: ReadonlyMap<string, string[]>,
  template: { id: string; employerId: string },
) {
  const rnd = prng(Number(args.seed) + 1);
  const employerCount = Math.max(1, Math.ceil(V / 20));
  // Ids from a stream of their own (as the persons'): the same registry in every build of the seed.
  const idRnd = prng(Number(args.seed) + 3);
  const employerIds = Array.from({ length: employerCount }, () => prngUuid(idRnd));
  for (let start = 0; start < employerCount; start += 5000) {
    const ids = employerIds.slice(start, start + 5000);
    const n = ids.map((_, i) => String(start + i + 1));
    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`
      INSERT INTO employers (id, organisation_id, legal_name, trade_name, name_key, tax_kind, tax_number,
        tax_number_index, tax_number_masked, nace_code, hazard_class_suggested, hazard_class, worker_count, province,
        district, status, office_id, terms_accepted_at, terms_version)
      SELECT x.id, ${organisationId}::uuid, 'Bench İşveren ' || x.n || ' A.Ş.', NULL, 'bench isveren ' || x.n, 'vkn',
        lpad(x.n, 10, '7'), 'bench-employer-' || x.n, '******' || right(lpad(x.n, 10, '7'), 4), e.nace_code,
        e.hazard_class_suggested, e.hazard_class, 20 + (x.n::int % 200), e.province, x.district, 'verified', x.office,
        e.terms_accepted_at, e.terms_version
      FROM unnest(${arr(ids)}::uuid[], ${arr(n)}::text[], ${arr(ids.map((_, i) => officeIds[(start + i) % officeIds.length]!))}::uuid[],
        ${arr(ids.map(() => DISTRICTS[Math.floor(rnd() * DISTRICTS.length)]!))}::text[]) AS x(id, n, office, district),
        (SELECT * FROM employers WHERE id = ${template.employerId}) e`);
    });
  }
  const t0 = new Date();
  const day = (offset: number) => new Date(t0.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  for (let start = 0; start < V; start += 5000) {
    const rows: {
      id: string;
      employer: string;
      code: string;
      district: string;
      required: string;
      preferred: string;
      licences: string;
      isced: string;
      shifts: string;
      start: string;
      deadline: string;
      childcare: string;
      accessible: string;
    }[] = [];
    for (let i = start; i < Math.min(V, start + 5000); i += 1) {
      const code = pick(rnd, VACANCY_OCCUPATIONS);
      const skills = [...(essential.get(code) ?? [])].sort(() => rnd() - 0.5);
      const nRequired = 2 + Math.floor(rnd() * 2);
      rows.push({
        id: prngUuid(idRnd),
        employer: employerIds[Math.floor(rnd() * employerCount)]!,
        code,
        district: DISTRICTS[Math.floor(rnd() * DISTRICTS.length)]!,
        required: skills.slice(0, nRequired).join(','),
        preferred: skills.slice(nRequired, nRequired + 1 + Math.floor(rnd() * 2)).join(','),
        licences: code === '8322' && rnd() < 1 / 3 ? 'B' : '',
        isced: rnd() < 0.4 ? String(1 + Math.floor(rnd() * 3)) : '',
        shifts: rnd() < 0.7 ? 'day' : 'day,evening',
        start: day(Math.floor(rnd() * 60)),
        deadline: rnd() < 0.5 ? day(30 + Math.floor(rnd() * 60)) : '',
        childcare: rnd() < 0.1 ? 't' : 'f',
        accessible: rnd() < 0.2 ? 't' : 'f',
      });
    }
    const col = (f: (r: (typeof rows)[number]) => string) => arr(rows.map(f));
    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`
      INSERT INTO vacancies (id, organisation_id, employer_id, title, title_key, occupation, occupation_key, isco_code,
        isco_score, isco_status, duties, required_skill_ids, preferred_skill_ids, required_licences, isced_level,
        languages, province, district, remote, positions, contract_type, start_date, hours_per_day, hours_per_week,
        days_per_week, shifts, minimum_age, wage_min, wage_max, wage_basis, childcare_support, accessible_workplace,
        deadline, status, published_at)
      SELECT x.id, ${organisationId}::uuid, x.employer, x.t, lower(x.t), x.t, lower(x.t), x.code, 1, 'chosen',
        ${BENCH_DUTIES}, CASE WHEN x.req = '' THEN '{}'::text[] ELSE string_to_array(x.req, ',') END,
        CASE WHEN x.pref = '' THEN '{}'::text[] ELSE string_to_array(x.pref, ',') END,
        CASE WHEN x.lic = '' THEN '{}'::text[] ELSE string_to_array(x.lic, ',') END, nullif(x.isced, '')::int,
        '[]'::jsonb, v.province, x.district, false, 1 + (x.id::text < '8'::text)::int, v.contract_type, x.start::date,
        v.hours_per_day, v.hours_per_week, v.days_per_week, string_to_array(x.shifts, ','), v.minimum_age, v.wage_min,
        v.wage_max, v.wage_basis, x.childcare::boolean, x.accessible::boolean, nullif(x.deadline, '')::date,
        'published', now()
      FROM unnest(${col((r) => r.id)}::uuid[], ${col((r) => r.employer)}::uuid[], ${col((r) => r.code)}::text[],
        ${col((r) => TITLES[r.code] ?? r.code)}::text[], ${col((r) => r.district)}::text[], ${col((r) => r.required)}::text[],
        ${col((r) => r.preferred)}::text[], ${col((r) => r.licences)}::text[], ${col((r) => r.isced)}::text[],
        ${col((r) => r.shifts)}::text[], ${col((r) => r.start)}::text[], ${col((r) => r.deadline)}::text[],
        ${col((r) => r.childcare)}::text[], ${col((r) => r.accessible)}::text[])
        AS x(id, employer, code, t, district, req, pref, lic, isced, shifts, start, deadline, childcare, accessible),
        (SELECT * FROM vacancies WHERE id = ${template.id}) v`);
    });
  }
  log(`  ${V.toLocaleString('en')} vacancies of ${employerCount.toLocaleString('en')} employers`);
}

/**
 * Person → top 50 vacancies for a cleaner (thousands of related vacancies) and an electrician (few), recall@50
 * against `exhaustiveVacancies` (every published vacancy, the same exclusions, score and lift, rotation off), and
 * beside them a plain full-text query with filters on the vacancies (the title's words, the person's district,
 * newest first: what a counsellor's search would give, without scores or explanations).
 */
async function personRows(db: Db, ctx: Parameters<typeof vacanciesForPerson>[0], organisationId: string) {
  const personOf = async (code: string) =>
    rowsOf<{ id: string; district: string }>(
      await db.execute(
        sql`SELECT id, district FROM persons WHERE isco_groups && ARRAY[${code}]::text[] AND organisation_id = ${organisationId}
          AND name_key = 'bench person' ORDER BY id LIMIT 1`,
      ),
    )[0]!;
  const related = async (code: string) =>
    rowsOf<{ n: number }>(
      await db.execute(
        sql`SELECT count(*)::int AS n FROM vacancies WHERE organisation_id = ${organisationId} AND status = 'published'
          AND isco_code LIKE ${`${code.slice(0, 3)}%`}`,
      ),
    )[0]!.n;
  // The first query builds the organisation's vacancy index (and waits for it); measured apart.
  const heapBefore = process.memoryUsage().heapUsed;
  const b0 = performance.now();
  await vacanciesForPerson(ctx, (await personOf('9112')).id, { page: 1, pageSize: 50 });
  const first = performance.now() - b0;
  const figures = vacancyIndexFigures(db, organisationId);
  log(
    figures
      ? `vacancy index: ${figures.vacancies.toLocaleString('en')} vacancies, build ${(figures.buildMs / 1000).toFixed(1)} s (first query ${(first / 1000).toFixed(1)} s), process heap ${mib(process.memoryUsage().heapUsed - heapBefore)}`
      : `vacancy index: not ready after the first query (${(first / 1000).toFixed(1)} s)`,
  );
  for (let i = 0; i < 600 && !vacancyIndexFigures(db, organisationId); i++)
    await new Promise((r) => setTimeout(r, 1000));
  for (const [label, code] of [
    ['common', '9112'],
    ['rare', '7411'],
  ] as const) {
    const person = await personOf(code);
    const timed = await time(
      RUNS,
      () => vacanciesForPerson(ctx, person.id, { page: 1, pageSize: 50 }),
      `person-${label}`,
    );
    const got = await vacanciesForPerson(ctx, person.id, { page: 1, pageSize: 50 });
    const e0 = performance.now();
    const exhaustive = await exhaustiveVacancies(ctx, person.id);
    const eSeconds = (performance.now() - e0) / 1000;
    const cut = exhaustive[Math.min(49, exhaustive.length - 1)]?.score ?? 0;
    const relevant = Math.min(50, exhaustive.length);
    const hits = got.items.filter((i) => i.score >= cut).length;
    const recall = relevant === 0 ? 1 : Math.min(relevant, hits) / relevant;
    log(
      `| person → top 50 vacancies (${label}) | ${code} | ${(await related(code)).toLocaleString('en')} vacancies in its minor group | ${ms(timed.p50)} | ${ms(timed.p95)} | ${recall.toFixed(3)} (${exhaustive.length.toLocaleString('en')} eligible, total ${got.total.toLocaleString('en')}; exhaustive ${eSeconds.toFixed(1)} s) |`,
    );
    if (got.total !== exhaustive.length) log(`  total ${got.total} ≠ exhaustive ${exhaustive.length}`);
    const words = (TITLES[code] ?? code).toLocaleLowerCase('tr');
    const plain = await time(
      RUNS,
      () =>
        db.execute(
          sql`SELECT v.id, v.title, e.legal_name, v.district FROM vacancies v JOIN employers e ON e.id = v.employer_id
          WHERE v.organisation_id = ${organisationId} AND v.status = 'published'
            AND (v.deadline IS NULL OR v.deadline >= current_date) AND v.district = ${person.district}
            AND to_tsvector('simple', v.title || ' ' || v.occupation) @@ plainto_tsquery('simple', ${words})
          ORDER BY v.published_at DESC, v.id LIMIT 50`,
        ),
      `plain-${label}`,
    );
    log(
      `| plain full-text query with filters (${label}: "${words}", district) | ${code} | — | ${ms(plain.p50)} | ${ms(plain.p95)} | — |`,
    );
  }
}

async function candidateRows(
  db: Db,
  ctx: Parameters<typeof candidatesForVacancy>[0],
  organisationId: string,
  poolJobs: QueuePayloads['matching-fairness-pool'][],
) {
  const eligibleOf = new Map<string, number>();
  // A kept registry (--reuse) holds the copy asking Turkish made below: it is timed in its own row only.
  const asking = prngUuid(prng(7));
  const published = (
    await db
      .select({ id: vacancies.id, code: vacancies.iscoCode })
      .from(vacancies)
      .where(
        sql`${vacancies.status} = 'published' AND ${vacancies.organisationId} = ${organisationId} AND ${vacancies.duties} <> ${BENCH_DUTIES}`,
      )
  ).filter((v) => v.id !== asking);
  const counts = new Map<string, number>();
  for (const v of published) {
    const [row] = rowsOf<{ n: number }>(
      await db.execute(
        sql`SELECT count(*)::int AS n FROM persons WHERE isco_groups && ARRAY[${(v.code ?? '').slice(0, 3)}]::text[]`,
      ),
    );
    counts.set(v.id, row!.n);
  }
  const byPool = [...published].sort((a, b) => counts.get(b.id)! - counts.get(a.id)!);
  // The common vacancy again, asking Turkish at B1: a language asked sends every reached person through the
  // record's rules (the scan's slower path; the bench's persons record no language, so all are excluded).
  await db.execute(sql`
    INSERT INTO vacancies
    SELECT (json_populate_record(v, json_build_object('id', ${asking}::uuid, 'languages', '[{"code":"tr","level":"B1"}]'::jsonb))).*
    FROM vacancies v WHERE v.id = ${byPool[0]!.id}
    ON CONFLICT (id) DO NOTHING`);
  counts.set(asking, counts.get(byPool[0]!.id)!);
  const chosen = [
    { label: 'common', v: byPool[0]! },
    { label: 'rare', v: byPool.find((v) => counts.get(v.id)! > 0 && counts.get(v.id)! < N / 50) ?? byPool.at(-1)! },
    { label: 'common, Turkish B1 asked', v: { id: asking, code: byPool[0]!.code } },
  ];
  // The first query builds the organisation's matching index (and waits for it); measured apart.
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const b0 = performance.now();
  await candidatesForVacancy(ctx, published[0]!.id, { page: 1, pageSize: 50 });
  const firstQuery = performance.now() - b0;
  const figures = matchingIndexFigures(db, organisationId);
  const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  log(
    figures
      ? `index: ${figures.persons.toLocaleString('en')} persons, build ${(figures.buildMs / 1000).toFixed(1)} s (first query ${(firstQuery / 1000).toFixed(1)} s), typed arrays ${(figures.bytes / 2 ** 20).toFixed(0)} MiB, process heap + buffers ${mib(heapAfter - heapBefore)}`
      : `index: not ready after the first query (${(firstQuery / 1000).toFixed(1)} s): the SQL pool answered`,
  );
  if (!figures)
    for (let i = 0; i < 600 && !matchingIndexFigures(db, organisationId); i++)
      await new Promise((r) => setTimeout(r, 1000));
  const built = matchingIndexFigures(db, organisationId);
  if (!figures && built)
    log(
      `index built in the background: ${built.persons.toLocaleString('en')} persons, build ${(built.buildMs / 1000).toFixed(1)} s, typed arrays ${(built.bytes / 2 ** 20).toFixed(0)} MiB, process heap + buffers ${mib(process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore)}`,
    );
  log('| query | occupation | persons in its minor group | p50 ms | p95 ms | recall@50 |');
  log('| --- | --- | --- | --- | --- | --- |');
  for (const { label, v } of chosen) {
    const timed = await time(
      RUNS,
      () => candidatesForVacancy(ctx, v.id, { page: 1, pageSize: 50 }),
      `vacancy-${label.replace(/\W+/g, '-')}`,
    );
    const got = await candidatesForVacancy(ctx, v.id, { page: 1, pageSize: 50 });
    const e0 = performance.now();
    const exhaustive = await exhaustiveCandidates(ctx, v.id);
    eligibleOf.set(v.id, exhaustive.length);
    log(`  (exhaustive scorer: ${((performance.now() - e0) / 1000).toFixed(0)} s)`);
    const cut = exhaustive[Math.min(49, exhaustive.length - 1)]?.score ?? 0;
    const relevant = Math.min(50, exhaustive.length);
    const hits = got.items.filter((i) => i.score >= cut).length;
    const recall = relevant === 0 ? 1 : Math.min(relevant, hits) / relevant;
    log(
      `| vacancy → top 50 candidates (${label}) | ${v.code} | ${counts.get(v.id)!.toLocaleString('en')} | ${ms(timed.p50)} | ${ms(timed.p95)} | ${recall.toFixed(3)} (${exhaustive.length.toLocaleString('en')} eligible) |`,
    );
  }
  // The jobs the first listings of the day queued (the timed runs queue none: one per vacancy and day).
  for (const job of poolJobs) {
    const [tally] = await db
      .select({ vacancyId: matchingProposalTallies.vacancyId })
      .from(matchingProposalTallies)
      .where(eq(matchingProposalTallies.id, job.tallyId));
    const j0 = performance.now();
    const outcome = await countFairnessPool(ctx, job);
    const known = eligibleOf.get(tally!.vacancyId);
    log(
      `  fairness pool job: ${JSON.stringify(outcome)} in ${((performance.now() - j0) / 1000).toFixed(1)} s${known === undefined ? '' : ` (exhaustive scorer: ${known.toLocaleString('en')} eligible)`}`,
    );
  }
}

async function main() {
  const config = testConfig();
  const { database, label, fresh, done } = await open();
  const db = database.db;
  const t0 = performance.now();
  await database.migrate();
  if (fresh) {
    await ensureReferenceData(db);
    await seedDemo(db, config.argon, config);
    await linkStoredTitles(db);
  }
  const [v0] = await db
    .select({ id: vacancies.id, employerId: vacancies.employerId, organisationId: vacancies.organisationId })
    .from(vacancies)
    .where(eq(vacancies.status, 'published'))
    .limit(1);
  // A kept registry: the organisation the persons were added to (the one with the most).
  const organisationId = fresh
    ? v0!.organisationId
    : rowsOf<{ id: string }>(
        await db.execute(
          sql`SELECT organisation_id::text AS id FROM persons GROUP BY organisation_id ORDER BY count(*) DESC LIMIT 1`,
        ),
      )[0]!.id;
  const officeRows = await db
    .select({ id: offices.id })
    .from(offices)
    .where(eq(offices.organisationId, organisationId));
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.organisationId, organisationId)).limit(1);
  const essential = new Map<string, string[]>();
  for (const r of await db
    .select({ code: skillOccupations.iscoCode, skill: skillOccupations.skillId })
    .from(skillOccupations)
    .where(eq(skillOccupations.relation, 'essential')))
    essential.set(r.code, [...(essential.get(r.code) ?? []), r.skill]);

  // The persons, 5,000 per statement: coded occupations and skills, consent, and their features row.
  const rnd = prng(Number(args.seed));
  // Their ids from a stream of their own: the same persons in every build, and the rest of the data as before.
  const idRnd = prng(Number(args.seed) + 2);
  const tags = {
    citizen: blindIndex(
      legalTagInput({ legal: 'citizen', provinceCode: null, accessibilityNeed: false }),
      config.indexKey,
    ),
    tp: blindIndex(
      legalTagInput({ legal: 'temporary-protection', provinceCode: '34', accessibilityNeed: false }),
      config.indexKey,
    ),
    none: blindIndex(registeredTagInput({ legal: 'citizen', registrationDate: null }), config.indexKey),
    old: blindIndex(
      registeredTagInput({ legal: 'temporary-protection', registrationDate: '2019-05-01' }),
      config.indexKey,
    ),
  };
  interface Synthetic {
    id: string;
    office: string;
    sex: string;
    birth: string;
    district: string;
    code: string;
    groups: string[];
    skills: string[];
    refugee: boolean;
  }
  for (let start = 0; fresh && start < N; start += 5000) {
    const rows: Synthetic[] = [];
    for (let i = start; i < Math.min(N, start + 5000); i += 1) {
      const code = pick(rnd, OCCUPATIONS);
      const skills = (essential.get(code) ?? []).filter(() => rnd() < 0.5).slice(0, 6);
      const refugee = rnd() < 0.12;
      rows.push({
        id: prngUuid(idRnd),
        office: officeRows[i % officeRows.length]!.id,
        sex: rnd() < 0.5 ? 'female' : 'male',
        birth: `${1965 + Math.floor(rnd() * 40)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
        district: DISTRICTS[Math.floor(rnd() * DISTRICTS.length)]!,
        code,
        groups: [code.slice(0, 1), code.slice(0, 2), code.slice(0, 3), code],
        skills,
        refugee,
      });
    }
    // The stamps of the matching index's triggers are not needed for a build (one transaction per batch).
    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(sql`
      INSERT INTO persons (id, organisation_id, office_id, given_name, family_name, name_key, birth_date, sex,
        nationality, province, district, desired_occupations, occupation_links, isco_groups, skill_ids)
      SELECT id, ${organisationId}::uuid, office, 'Bench', 'Person', 'bench person', birth::date, sex, nat, 'İstanbul',
        district, ARRAY['-']::text[], jsonb_build_array(jsonb_build_object('title', '-', 'iscoCode', code, 'score', 1,
        'status', 'chosen')), string_to_array(grp, ','), CASE WHEN sk = '' THEN '{}'::text[] ELSE string_to_array(sk, ',') END
      FROM unnest(${arr(rows.map((r) => r.id))}::uuid[], ${arr(rows.map((r) => r.office))}::uuid[], ${arr(rows.map((r) => r.birth))}::text[],
        ${arr(rows.map((r) => r.sex))}::text[], ${arr(rows.map((r) => (r.refugee ? 'SY' : 'TR')))}::text[],
        ${arr(rows.map((r) => r.district))}::text[], ${arr(rows.map((r) => r.code))}::text[],
        ${arr(rows.map((r) => r.groups.join(',')))}::text[], ${arr(rows.map((r) => r.skills.join(',')))}::text[])
        AS x(id, office, birth, sex, nat, district, code, grp, sk)`);
      await tx.execute(sql`
      INSERT INTO consents (person_id, organisation_id, purpose, text_version, channel, granted_at)
      SELECT id, ${organisationId}::uuid, 'share-with-employers', '2026-01', 'in-person', now()
      FROM unnest(${arr(rows.map((r) => r.id))}::uuid[]) AS x(id)`);
      await tx.execute(sql`
      INSERT INTO person_matching_features (person_id, organisation_id, features_enc, legal_tag, registered_tag)
      SELECT id, ${organisationId}::uuid, 'v2.bench', lt, rt
      FROM unnest(${arr(rows.map((r) => r.id))}::uuid[], ${arr(rows.map((r) => (r.refugee ? tags.tp : tags.citizen)))}::text[],
        ${arr(rows.map((r) => (r.refugee ? tags.old : tags.none)))}::text[]) AS x(id, lt, rt)`);
    });
    if (start % 100_000 === 0) log(`  ${start.toLocaleString('en')} persons…`);
  }
  if (fresh)
    await generateVacancies(
      db,
      organisationId,
      officeRows.map((o) => o.id),
      essential,
      v0!,
    );
  // VACUUM as well as ANALYZE: after a bulk load autovacuum would otherwise vacuum persons (about 20 indexes) and the
  // features during the timed runs, and the figures would be of the two sharing the machine.
  if (fresh) {
    const v0 = performance.now();
    await db.execute(sql`VACUUM ANALYZE`);
    log(`  VACUUM ANALYZE after the load: ${((performance.now() - v0) / 1000).toFixed(0)} s`);
  }
  if (!fresh) {
    const [row] = rowsOf<{ persons: number; vacancies: number }>(
      await db.execute(
        sql`SELECT (SELECT count(*)::int FROM persons WHERE organisation_id = ${organisationId}) AS persons,
          (SELECT count(*)::int FROM vacancies WHERE duties = ${BENCH_DUTIES}) AS vacancies`,
      ),
    );
    N = row!.persons;
    V = row!.vacancies;
  }
  log(
    `${label}: ${N.toLocaleString('en')} persons and ${V.toLocaleString('en')} generated vacancies ready in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );

  const ctx = staffCtx(
    db,
    { userId: user!.id, organisationId, officeId: officeRows[0]!.id, fullName: 'Bench' },
    config,
  );
  // The fairness tally's pool jobs (docs/MATCHING.md, "Fairness monitor"): kept here, timed after the lists.
  const poolJobs: QueuePayloads['matching-fairness-pool'][] = [];
  ctx.jobs = {
    ...noJobs,
    send: (async (_c: unknown, queue: string, data: QueuePayloads['matching-fairness-pool']) => {
      if (queue === 'matching-fairness-pool') poolJobs.push(data);
      return null;
    }) as Jobs['send'],
  };
  if (!args['seeker-only']) await candidateRows(db, ctx, organisationId, poolJobs);
  await personRows(db, ctx, organisationId);
  await database.close();
  await done();
}

await main();
