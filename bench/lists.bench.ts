/**
 * Lists under load (`npm run bench -- lists`, issue 15): the requests a counsellor's screens send most,
 * driven with autocannon on loopback against the server on PostgreSQL with the demo data, beside
 * `/api/health` as the ceiling of the same process, with the load average after each measure.
 *
 *   npm run bench -- lists [--compare <git ref>] [--url postgres://…] [--duration 10] [--connections 30]
 *                          [--rounds 2]
 *
 * --compare REF measures REF checked out beside this tree in the same run, the trees alternating for each
 * measure (the load of a shared machine drifts). Servers stopped and databases dropped at the end.
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
} from './serve.ts';

const { values: args } = parseArgs({
  options: {
    compare: { type: 'string' },
    url: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '30' },
    rounds: { type: 'string', default: '2' },
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

const CASES: { what: string; path: string; signedIn: boolean; body?: object }[] = [
  { what: 'GET /api/health', path: '/api/health', signedIn: false },
  { what: 'GET /api/v1/me', path: '/api/v1/me', signedIn: true },
  { what: 'GET /api/v1/persons', path: '/api/v1/persons', signedIn: true },
  {
    what: 'GET /api/v1/persons?district&group',
    path: '/api/v1/persons?district=Esenyurt&group=long-term-unemployed&sort=name',
    signedIn: true,
  },
  {
    what: 'POST /api/v1/persons/search {q: ayse}',
    path: '/api/v1/persons/search',
    signedIn: true,
    body: { q: 'ayse', page: 1, pageSize: 25 },
  },
];

interface Row {
  what: string;
  tree: string;
  result: Result;
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
      database: `kopru_listbench_${process.pid}_before`,
      output: '',
    });
  trees.push({
    name: args.compare ? 'after (this tree)' : 'this tree',
    dir: ROOT,
    database: `kopru_listbench_${process.pid}_after`,
    output: '',
  });
  for (const t of trees) await startServer(t, SERVER_URL);
  const cookies = new Map<Tree, string>();
  for (const t of trees) cookies.set(t, await sessionCookie(t));
  const rows: Row[] = [];
  for (const c of CASES)
    for (let round = 0; round < ROUNDS; round++)
      for (const t of trees) {
        const headers: Record<string, string> = { 'accept-language': 'tr', 'accept-encoding': 'gzip, deflate, br' };
        if (c.signedIn) headers.cookie = cookies.get(t)!;
        const request = c.body
          ? {
              method: 'POST' as const,
              body: JSON.stringify(c.body),
              headers: { ...headers, 'content-type': 'application/json', origin: t.baseUrl! },
            }
          : { method: 'GET' as const, headers };
        const check = await fetch(`${t.baseUrl}${c.path}`, request);
        if (!check.ok) throw new Error(`${t.name}: ${c.path} answered ${check.status}: ${await check.text()}`);
        const result = await cannon(`${t.baseUrl}${c.path}`, request, CONNECTIONS, DURATION);
        rows.push({ what: c.what, tree: t.name, result, load: loadAverage() });
        log(`  ${c.what} (${t.name}): ${result.requests.average.toFixed(0)} req/s, p99 ${result.latency.p99} ms`);
      }
  log(
    `\n## Lists under load: autocannon on loopback, ${CONNECTIONS} connections, ${DURATION} s each ` +
      `(after 2 s warm-up), ${ROUNDS} round(s) alternating the trees, demo data on PostgreSQL\n`,
  );
  log('| request | tree | req/s | p50 ms | p99 ms | max ms | non-2xx | load average (1/5/15 min) |');
  log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows)
    log(
      `| ${r.what} | ${r.tree} | ${r.result.requests.average.toFixed(0)} | ${r.result.latency.p50} | ` +
        `${r.result.latency.p99} | ${r.result.latency.max} | ${r.result.non2xx} | ${r.load} |`,
    );
  log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s, load average ${loadAverage()}.`);
}

try {
  await main();
} finally {
  await runCleanups();
}
