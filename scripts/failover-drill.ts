// Failover drill (issue 18): a pg_auto_failover formation (monitor, primary, synchronous secondary; see
// scale/auto-failover.ts), Köprü on it through a multi-host address
// (`postgres://…@127.0.0.1:p1,127.0.0.1:p2/kopru?target_session_attrs=read-write`, src/server/db/multihost.ts)
// behind HAProxy, a bounded write load (counsellors registering persons), then every process of the
// primary node killed with `kill -9` and kept down. Prints: writes acknowledged, writes found
// afterwards, failed requests, seconds without service. Used by scale/failover.scale.test.ts; run
// alone (as root, on a machine with the packages):  node scripts/failover-drill.ts
import pg from 'pg';
import { startCluster, type Cluster } from './cluster.ts';
import { startFormation } from '../scale/auto-failover.ts';
import { ensureTestRoles, TEST_APP_ROLE, TEST_OWNER_ROLE } from '../src/server/test/roles.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo.ts';
import { withTcknChecksum } from '../src/common/identity-number.ts';
import { newClient } from '../src/server/db/multihost.ts';

const DB = 'kopru_failover_drill';

export interface DrillFigures {
  /** Writes answered 201 (committed on the primary and, synchronously, on the secondary). */
  acknowledged: number;
  acknowledgedBeforeKill: number;
  /** Of the acknowledged writes, how many are in the database after the failover. */
  found: number;
  foundBeforeKill: number;
  /** Requests that got no 201 (errors during the failover). */
  failed: number;
  /** From the kill to the first write acknowledged after it. */
  secondsWithoutService: number;
  /** From the kill to the monitor naming node2 primary (reported state wait_primary or primary). */
  secondsToPromotion: number;
  /** States as the monitor reports them afterwards. */
  states: string;
}

interface Outcome {
  started: number;
  ended: number;
  ok: boolean;
  id?: string;
  /** Why a write failed: the status and problem code, or the network error. */
  why?: string;
}

async function signIn(url: string, email: string): Promise<string> {
  const answer = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (answer.status !== 200) throw new Error(`sign-in ${email}: ${answer.status} ${await answer.text()}`);
  return answer.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
}

let serial = 0;
async function registerPerson(url: string, cookie: string): Promise<{ ok: boolean; id?: string; why?: string }> {
  const n = ++serial;
  try {
    const answer = await fetch(`${url}/api/v1/persons`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      signal: AbortSignal.timeout(20_000),
      body: JSON.stringify({
        givenName: 'Yük',
        familyName: `Devri ${n}`,
        idKind: 'tckn',
        idNumber: withTcknChecksum(String(700_000_000 + n).slice(0, 9)),
        birthDate: '1990-03-03',
        sex: 'female',
        nationality: 'TR',
        province: 'İstanbul',
        district: 'Fatih',
        notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
        confirmNotDuplicate: true,
      }),
    });
    const body = (await answer.json().catch(() => ({}))) as { id?: string; code?: string };
    return answer.status === 201 && body.id
      ? { ok: true, id: body.id }
      : { ok: false, why: `${answer.status} ${body.code ?? ''}`.trim() };
  } catch (err) {
    return { ok: false, why: err instanceof Error ? err.message : String(err) };
  }
}

export async function runDrill(
  options: { log?: (line: string) => void; writers?: number; warmSeconds?: number } = {},
): Promise<DrillFigures> {
  const log = options.log ?? ((line: string) => console.log(`[failover] ${line}`));
  const writers = options.writers ?? 3;
  let cluster: Cluster | undefined;
  const as = (ports: number[], role: string) =>
    `postgres://${role}:${role}@${ports.map((p) => `127.0.0.1:${p}`).join(',')}/${DB}?target_session_attrs=read-write`;
  // Köprü is started (migrated, seeded, one instance behind HAProxy) while the first node is still
  // alone, on the multi-host address naming both nodes' ports; the secondary is added under it, as an
  // operator adds a standby to a running installation. (Migrating and seeding through synchronous
  // replication on a shared machine took three times as long.)
  let ports: number[] = [];
  const formation = await startFormation({
    log,
    reservePorts: (p) => (ports = p),
    setup: async (primaryUrl) => {
      await ensureTestRoles(primaryUrl);
      const admin = new pg.Client({ connectionString: primaryUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${DB} OWNER ${TEST_OWNER_ROLE}`);
      await admin.end();
      cluster = await startCluster({
        databaseUrl: as(ports, TEST_APP_ROLE),
        ownerUrl: as(ports, TEST_OWNER_ROLE),
        instances: 1,
        migrations: 1,
        // The writers are one client address making hundreds of writes a minute: under the proxy's default
        // flood limit (600 a minute) a slower failover pushed them past it, and the proxy's 429s (which count
        // too) then outlasted the drill — a failure of the drill, not of the failover.
        proxyLimitPerMinute: 1_000_000,
        log,
      });
    },
  }).catch(async (err: unknown) => {
    await cluster?.stop();
    throw err;
  });
  try {
    if (!cluster) throw new Error('the cluster did not start');
    const url = cluster.url;
    const cookie = await signIn(url, 'counsellor@ibb.example');

    const outcomes: Outcome[] = [];
    let stop = false;
    const writer = async () => {
      while (!stop) {
        const started = Date.now();
        const result = await registerPerson(url, cookie);
        outcomes.push({ started, ended: Date.now(), ...result });
        // A client that failed waits a little before trying again (as a person would).
        if (!result.ok) await new Promise((r) => setTimeout(r, 250));
      }
    };
    const load = Promise.all(Array.from({ length: writers }, writer));
    await new Promise((r) => setTimeout(r, (options.warmSeconds ?? 4) * 1000));

    const primary = formation.nodes[0]!;
    const killedAt = Date.now();
    primary.kill();
    log(`killed every process of ${primary.name} (kill -9) at +0 s; it stays down`);

    let promotedAt: number | undefined;
    let recoveredAt: number | undefined;
    const deadline = killedAt + 90_000;
    while (Date.now() < deadline) {
      if (promotedAt === undefined) {
        const s = await formation.states().catch(() => []);
        const node2 = s.find((x) => x.name === 'node2');
        if (node2 && ['wait_primary', 'primary'].includes(node2.reported)) promotedAt = Date.now();
      }
      const after = outcomes.find((o) => o.ok && o.started > killedAt);
      if (after && recoveredAt === undefined) recoveredAt = after.ended;
      // Keep writing a few seconds after recovery, to show the service stays up.
      if (recoveredAt !== undefined && promotedAt !== undefined && Date.now() > recoveredAt + 3000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    stop = true;
    await load;
    if (recoveredAt === undefined) {
      // Say why: the monitor's view and its last events, and the end of the surviving node's log.
      const states = await formation.states().catch((err: unknown) => [String(err)]);
      const events = await formation.events().catch((err: unknown) => [String(err)]);
      const reasons = new Map<string, number>();
      for (const o of outcomes.filter((x) => x.started > killedAt))
        reasons.set(o.why ?? '?', (reasons.get(o.why ?? '?') ?? 0) + 1);
      throw new Error(
        `no write was acknowledged within 90 s of the kill; the failed writes: ${JSON.stringify([...reasons])}\n` +
          `monitor: ${JSON.stringify(states)}\nevents:\n${events.join('\n')}\n` +
          `node2 log (end):\n${formation.nodes[1]?.log().slice(-3000) ?? ''}`,
      );
    }

    const acked = outcomes.filter((o) => o.ok);
    const ackedBefore = acked.filter((o) => o.ended < killedAt);
    const check = newClient(as(ports, TEST_OWNER_ROLE));
    await check.connect();
    let found: Set<string>;
    try {
      const rows = await check.query<{ id: string }>('SELECT id::text FROM persons WHERE id = ANY($1::uuid[])', [
        acked.map((o) => o.id),
      ]);
      found = new Set(rows.rows.map((r) => r.id));
    } finally {
      await check.end();
    }
    const states = (await formation.states()).map((s) => `${s.name} ${s.reported}/${s.assigned}`).join(', ');
    const figures: DrillFigures = {
      acknowledged: acked.length,
      acknowledgedBeforeKill: ackedBefore.length,
      found: acked.filter((o) => found.has(o.id!)).length,
      foundBeforeKill: ackedBefore.filter((o) => found.has(o.id!)).length,
      failed: outcomes.length - acked.length,
      secondsWithoutService: (recoveredAt - killedAt) / 1000,
      secondsToPromotion: promotedAt === undefined ? NaN : (promotedAt - killedAt) / 1000,
      states,
    };
    log(
      `writes acknowledged ${figures.acknowledged} (${figures.acknowledgedBeforeKill} before the kill), ` +
        `found afterwards ${figures.found} (${figures.foundBeforeKill} of those before the kill), ` +
        `failed requests ${figures.failed}, seconds without service ${figures.secondsWithoutService.toFixed(1)} ` +
        `(node2 promoted after ${figures.secondsToPromotion.toFixed(1)} s), ${writers} writers; monitor: ${states}`,
    );
    return figures;
  } finally {
    await cluster?.stop();
    await formation.stop();
    formation.remove();
  }
}

if (import.meta.main) {
  await runDrill();
}
