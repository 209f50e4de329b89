/**
 * Lists under load (`npm run bench -- lists`, issue 15): the requests a counsellor's screens send most,
 * driven with autocannon on loopback against the server on PostgreSQL, beside `/api/health` as the ceiling
 * of the same process, with the load average after each measure. On the demo data by default; with
 * `--reuse kopru_bench_<pid>` on a kept 1,000,000-person registry (`npm run bench -- search --only server
 * --keep`), made ready to serve once (bench/registry.ts: occupation links, matching features, two accounts,
 * referrals) and kept.
 *
 *   npm run bench -- lists [--reuse kopru_bench_<pid>] [--compare <git ref>] [--url postgres://…]
 *                          [--duration 10] [--connections 30] [--rounds 2] [--only a,b]
 *
 * --compare REF measures REF checked out beside this tree in the same run, the trees alternating for each
 * measure (the load of a shared machine drifts); with --reuse both serve the same database. --only keeps the
 * requests whose label contains one of the words. Servers stopped and throw-away databases dropped at the end.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import type { Result } from 'autocannon';
import {
  cannon,
  checkout,
  loadAverage,
  log,
  ROOT,
  runCleanups,
  sessionCookie,
  startServer,
  type Tree,
  databaseUrl,
} from './serve.ts';
import { BENCH_ACCOUNTS, benchKeyEnv, prepareRegistry } from './registry.ts';

const { values: args } = parseArgs({
  options: {
    compare: { type: 'string' },
    url: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '2' },
    reuse: { type: 'string' },
    only: { type: 'string' },
  },
});
const SERVER_URL =
  args.url ??
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const ROUNDS = Number(args.rounds);

const REUSE = args.reuse;
if (REUSE && !/^kopru_bench_\d+$/.test(REUSE)) throw new Error('--reuse takes a kopru_bench_<pid> database');

/** Who sends it: nobody, the counsellor (one office) or, on a kept registry, the manager (every office). */
type Who = 'none' | 'counsellor' | 'manager';
const CASES: { what: string; path: string; who: Who; body?: object; registry?: boolean }[] = [
  { what: 'GET /api/health', path: '/api/health', who: 'none' },
  { what: 'GET /api/v1/me', path: '/api/v1/me', who: 'counsellor' },
  { what: 'GET /api/v1/persons', path: '/api/v1/persons', who: 'counsellor' },
  { what: 'GET /api/v1/persons (manager: every office)', path: '/api/v1/persons', who: 'manager', registry: true },
  {
    what: 'GET /api/v1/persons?district&group',
    path: '/api/v1/persons?district=Esenyurt&group=long-term-unemployed&sort=name',
    who: 'counsellor',
  },
  {
    what: 'POST /api/v1/persons/search {q: ayse}',
    path: '/api/v1/persons/search',
    who: 'counsellor',
    body: { q: 'ayse', page: 1, pageSize: 25 },
  },
  {
    what: 'POST /api/v1/persons/search {q: ayse yilmz} (typo)',
    path: '/api/v1/persons/search',
    who: 'counsellor',
    body: { q: 'ayse yilmz', page: 1, pageSize: 25 },
    registry: true,
  },
  { what: 'GET /api/v1/referrals', path: '/api/v1/referrals?page=1&pageSize=25', who: 'counsellor' },
  {
    what: 'GET /api/v1/referrals (manager: every office)',
    path: '/api/v1/referrals?page=1&pageSize=25',
    who: 'manager',
    registry: true,
  },
].filter(
  (c) => (REUSE || !c.registry) && (!args.only || args.only.split(',').some((w) => c.what.includes(w.trim()))),
) as { what: string; path: string; who: Who; body?: object; registry?: boolean }[];

interface Row {
  what: string;
  tree: string;
  result: Result & { cpuMsPerRequest?: number };
  load: string;
}

async function main(): Promise<void> {
  const started = performance.now();
  log(`# Lists bench (${new Date().toISOString()}), ${os.cpus().length} cores, load average ${loadAverage()}`);
  const trees: Tree[] = [];
  if (args.compare)
    trees.push({
      name: `before (${args.compare})`,
      dir: checkout(args.compare),
      database: REUSE ?? `kopru_listbench_${process.pid}_before`,
      output: '',
    });
  trees.push({
    name: args.compare ? 'after (this tree)' : 'this tree',
    dir: ROOT,
    database: REUSE ?? `kopru_listbench_${process.pid}_after`,
    output: '',
  });
  let data = 'demo data';
  if (REUSE) {
    log(`Preparing ${REUSE} to be served (once; skipped when done)…`);
    const ready = await prepareRegistry(databaseUrl(SERVER_URL, REUSE));
    data = `${REUSE}: ${ready.persons.toLocaleString('en')} persons, ${ready.referrals.toLocaleString('en')} referrals`;
  }
  for (const t of trees) await startServer(t, SERVER_URL, REUSE ? benchKeyEnv() : {}, { reuse: !!REUSE });
  const cookies = new Map<string, string>();
  for (const t of trees) {
    cookies.set(`${t.name}:counsellor`, await sessionCookie(t, REUSE ? BENCH_ACCOUNTS.counsellor : undefined));
    if (REUSE) cookies.set(`${t.name}:manager`, await sessionCookie(t, BENCH_ACCOUNTS.manager));
  }
  const rows: Row[] = [];
  for (const c of CASES)
    for (let round = 0; round < ROUNDS; round++)
      for (const t of trees) {
        const headers: Record<string, string> = { 'accept-language': 'tr', 'accept-encoding': 'gzip, deflate, br' };
        if (c.who !== 'none') headers.cookie = cookies.get(`${t.name}:${c.who}`)!;
        const request = c.body
          ? {
              method: 'POST' as const,
              body: JSON.stringify(c.body),
              headers: { ...headers, 'content-type': 'application/json', origin: t.baseUrl! },
            }
          : { method: 'GET' as const, headers };
        const check = await fetch(`${t.baseUrl}${c.path}`, request);
        if (!check.ok) throw new Error(`${t.name}: ${c.path} answered ${check.status}: ${await check.text()}`);
        const result = await cannon(`${t.baseUrl}${c.path}`, request, CONNECTIONS, DURATION, t.server?.pid);
        rows.push({ what: c.what, tree: t.name, result, load: loadAverage() });
        log(
          `  ${c.what} (${t.name}): ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms, ` +
            `server CPU ${result.cpuMsPerRequest?.toFixed(2) ?? '–'} ms/request`,
        );
      }
  log(
    `\n## Lists under load: autocannon on loopback, ${CONNECTIONS} connections, ${DURATION} s each ` +
      `(after 2 s warm-up), ${ROUNDS} round(s) alternating the trees, ${data} on PostgreSQL\n`,
  );
  log(
    '| request | tree | req/s | p50 ms | p99 ms | max ms | server CPU ms/request | non-2xx | timeouts | load average (1/5/15 min) |',
  );
  log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows)
    log(
      `| ${r.what} | ${r.tree} | ${r.result.requests.average.toFixed(0)} | ${r.result.latency.p50} | ` +
        `${r.result.latency.p99} | ${r.result.latency.max} | ${r.result.cpuMsPerRequest?.toFixed(2) ?? '–'} | ` +
        `${r.result.non2xx} | ${r.result.timeouts} | ${r.load} |`,
    );
  log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s, load average ${loadAverage()}.`);
}

try {
  await main();
} finally {
  await runCleanups();
}
