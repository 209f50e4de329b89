// A streaming replica (issue 18): the test makes its own primary and replica (initdb, pg_basebackup,
// spare ports, the postgres system user), starts Köprü with DATABASE_REPLICA_URL and pauses the
// replica's replay: a reader then sees the figures of before a change (they came from the replica),
// the change's author sees it at once (read-your-own-writes, from the primary), an export is read on
// the replica and audited on the primary, and once replay resumes the reader sees the change too.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../scripts/cluster.ts';
import { ensureTestRoles, TEST_APP_ROLE, TEST_OWNER_ROLE, urlAs } from '../src/server/test/roles.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo.ts';
import { canRunOwnServers, ownFolder, startPrimary, startReplica, type LocalServer } from './local-postgres.ts';

const DB = 'kopru_replica';

async function call(
  base: string,
  pathname: string,
  options: { method?: string; body?: unknown; cookies?: string[] } = {},
): Promise<{ status: number; body: unknown; cookies: string[] }> {
  const response = await fetch(`${base}${pathname}`, {
    method: options.method ?? 'GET',
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.cookies?.length ? { cookie: options.cookies.join('; ') } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a file
  }
  return { status: response.status, body, cookies: response.headers.getSetCookie().map((c) => c.split(';')[0]!) };
}

/** Cookies after a response: the new ones replace those of the same name (as a browser keeps them). */
function jar(cookies: string[], set: string[]): string[] {
  const names = new Set(set.map((c) => c.split('=')[0]));
  return [...cookies.filter((c) => !names.has(c.split('=')[0])), ...set];
}

describe.skipIf(!process.env.TEST_DATABASE_URL || !canRunOwnServers())('a streaming replica (issue 18)', () => {
  let folder: { dir: string; remove(): void };
  let primary: LocalServer | undefined;
  let replica: LocalServer | undefined;
  let cluster: Cluster | undefined;
  let onReplica: pg.Client;
  let onPrimary: pg.Client;

  beforeAll(async () => {
    folder = ownFolder('kopru-replica-');
    primary = await startPrimary(folder.dir);
    await ensureTestRoles(primary.url());
    onPrimary = new pg.Client({ connectionString: primary.url() });
    await onPrimary.connect();
    await onPrimary.query(`CREATE DATABASE ${DB} OWNER ${TEST_OWNER_ROLE}`);
    replica = await startReplica(folder.dir, primary);
    onReplica = new pg.Client({ connectionString: replica.url() });
    await onReplica.connect();
    cluster = await startCluster({
      databaseUrl: urlAs(primary.url(), TEST_APP_ROLE, DB),
      ownerUrl: urlAs(primary.url(), TEST_OWNER_ROLE, DB),
      instances: 1,
      migrations: 1,
      env: { DATABASE_REPLICA_URL: urlAs(replica.url(), TEST_APP_ROLE, DB) },
      log: (line) => console.log(`[replica] ${line}`),
    });
  });

  afterAll(async () => {
    await cluster?.stop();
    await onReplica?.end();
    await onPrimary?.end();
    replica?.stop('immediate');
    primary?.stop('immediate');
    folder?.remove();
  });

  it('serves dashboards from the replica, and a user the data they wrote themselves', async () => {
    const url = cluster!.url;
    const signIn = async (email: string) => {
      const answer = await call(url, '/api/v1/auth/sign-in', {
        method: 'POST',
        body: { email, password: DEMO_PASSWORD },
      });
      expect(answer.status).toBe(200);
      return answer.cookies;
    };
    const analyst = await signIn('analyst@ibb.example');
    const admin = await signIn('admin@ibb.example');
    const threshold = async (cookies: string[]) => {
      const answer = await call(url, '/api/v1/indicators', { cookies });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      return (answer.body as { threshold: number }).threshold;
    };
    const before = await threshold(analyst);

    await onReplica.query('SELECT pg_wal_replay_pause()');
    const changed = await call(url, '/api/v1/indicators/settings', {
      method: 'PUT',
      cookies: admin,
      body: { threshold: before + 3 },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    // The write's author is told where the primary's log stood after it.
    const readAfter = changed.cookies.filter((c) => c.startsWith('kopru_read_after='));
    expect(readAfter).toHaveLength(1);

    // The replica has not replayed the change: what the analyst sees came from there.
    expect(await threshold(analyst)).toBe(before);
    // The admin reads their own write (the replica is behind it, so the primary answers).
    expect(await threshold(jar(admin, readAfter))).toBe(before + 3);

    // An export reads on the replica and writes its audit event on the primary.
    const exported = await call(url, '/api/v1/indicators/export?from=2025-01&to=2025-12&rows=sex&format=csv', {
      cookies: analyst,
    });
    expect(exported.status, String(exported.body).slice(0, 300)).toBe(200);
    const audited = new pg.Client({ connectionString: primary!.url(DB) });
    await audited.connect();
    try {
      const events = await audited.query(
        "SELECT count(*)::int AS n FROM audit_events WHERE action = 'indicators.exported'",
      );
      expect(events.rows[0].n).toBe(1);
    } finally {
      await audited.end();
    }
    // The public job board reads on the replica too.
    expect((await call(url, '/api/v1/public/vacancies')).status).toBe(200);

    await onReplica.query('SELECT pg_wal_replay_resume()');
    await expect.poll(() => threshold(analyst), { timeout: 15_000 }).toBe(before + 3);
  });
});
