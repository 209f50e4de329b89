/**
 * Requests per second through HAProxy to one and then two instances on one PostgreSQL database
 * (scripts/cluster.ts, issue 18), for docs/OPERATIONS.md's sizing table. Everything runs on this
 * machine: the instances, PostgreSQL, HAProxy and the load generator (autocannon) share its cores.
 *
 *   node bench/cluster.bench.ts [--seconds 10] [--connections 20] [--instances 1,2]
 *
 * Uses BENCH_DATABASE_URL or TEST_DATABASE_URL (a superuser), creates kopru_cluster_bench_<pid> and drops it.
 */
import fs from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import autocannon from 'autocannon';
import { startCluster } from '../scripts/cluster.ts';
import { ensureTestRoles, TEST_APP_ROLE, TEST_OWNER_ROLE, urlAs } from '../src/server/test/roles.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    instances: { type: 'string', default: '1,2' },
  },
});
const serverUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const seconds = Number(values.seconds);
const connections = Number(values.connections);

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

const rows: string[] = [];
await ensureTestRoles(serverUrl);
for (const count of values.instances.split(',').map(Number)) {
  const name = `kopru_cluster_bench_${process.pid}_${count}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} OWNER ${TEST_OWNER_ROLE}`);
  const cluster = await startCluster({
    databaseUrl: urlAs(serverUrl, TEST_APP_ROLE, name),
    ownerUrl: urlAs(serverUrl, TEST_OWNER_ROLE, name),
    instances: count,
    proxyLimitPerMinute: 10_000_000,
    env: { KOPRU_WORKERS: 'true' },
  });
  try {
    const signIn = await fetch(`${cluster.url}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'counsellor@ibb.example', password: DEMO_PASSWORD }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const targets: { what: string; path: string; headers: Record<string, string> }[] = [
      { what: 'GET /api/health (no database)', path: '/api/health', headers: {} },
      { what: 'GET /api/v1/me (session look-up)', path: '/api/v1/me', headers: { cookie } },
      { what: 'GET /api/v1/persons (first page, 25)', path: '/api/v1/persons', headers: { cookie } },
      { what: 'GET /api/v1/public/vacancies (job board)', path: '/api/v1/public/vacancies', headers: {} },
    ];
    for (const target of targets) {
      const result = await autocannon({
        url: `${cluster.url}${target.path}`,
        headers: target.headers,
        connections,
        duration: seconds,
      });
      const ok = result.requests.total - result.non2xx - result.errors - result.timeouts;
      const line = [
        count,
        target.what,
        (ok / seconds).toFixed(0),
        result.latency.p50,
        result.latency.p99,
        result.non2xx,
        cluster.instances.map((i) => rssMb(i.child.pid).toFixed(0)).join('+'),
        os
          .loadavg()
          .map((n) => n.toFixed(1))
          .join(' '),
      ].join(' | ');
      console.log(line);
      rows.push(`| ${line} |`);
    }
  } finally {
    await cluster.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
console.log(
  `\n${connections} connections, ${seconds} s each, ${os.cpus().length} cores\n` +
    '| instances | request | 2xx/s | p50 ms | p99 ms | non-2xx | instance RSS MB | load average |\n' +
    '| --- | --- | --- | --- | --- | --- | --- | --- |\n' +
    rows.join('\n'),
);
