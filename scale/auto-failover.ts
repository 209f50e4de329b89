// A pg_auto_failover formation of a test's own (issue 18): a monitor, a primary and a secondary with
// synchronous replication, on spare loopback ports under a temporary folder, each node run by
// `pg_autoctl … --run` as the `postgres` system user through `runuser` (PostgreSQL refuses to run as
// root), in a process group of its own so that a drill can kill every process of a node at once.
// Needs Debian's `postgresql-15-auto-failover` and `pg-auto-failover-cli` (.ci/run installs them).
import fs from 'node:fs';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { freePort } from '../scripts/cluster.ts';
import { asPostgres, canRunOwnServers, ownFolder, postgresBin } from './local-postgres.ts';

export const PG_AUTOCTL = '/usr/bin/pg_autoctl';

/** Whether this machine can build a formation: root (runuser), PostgreSQL and pg_autoctl. */
export function canRunAutoFailover(): boolean {
  return canRunOwnServers() && fs.existsSync(PG_AUTOCTL);
}

/**
 * The monitor's failure detection, shortened for a drill (defaults in brackets: with them a failover
 * takes 40–50 s, most of it waiting): health check every second [5 s], a node is unhealthy after 4 s
 * without a report [20 s], an unreachable primary is taken as demoted after 4 s [30 s].
 */
export const DRILL_MONITOR_SETTINGS: Record<string, string> = {
  'pgautofailover.health_check_period': '1000',
  'pgautofailover.health_check_timeout': '1000',
  'pgautofailover.health_check_max_retries': '1',
  'pgautofailover.health_check_retry_delay': '500',
  'pgautofailover.node_considered_unhealthy_timeout': '4000',
  'pgautofailover.primary_demote_timeout': '4000',
  'pgautofailover.startup_grace_period': '2000',
};

export interface FormationNode {
  name: string;
  port: number;
  dir: string;
  child: ChildProcess;
  log(): string;
  /** kill -9 every process of the node (pg_autoctl, its supervisor, postmaster, backends). */
  kill(): void;
}

export interface Formation {
  monitorUrl: string;
  nodes: FormationNode[];
  /** `postgres://postgres@127.0.0.1:p1,127.0.0.1:p2/<database>?target_session_attrs=read-write` */
  multiHostUrl(database?: string, user?: string): string;
  /** The nodes' states as the monitor sees them. */
  states(): Promise<{ name: string; port: number; reported: string; assigned: string }[]>;
  /** The monitor's latest events (state changes and their reasons), oldest first: why a failover did not come. */
  events(limit?: number): Promise<string[]>;
  stop(): Promise<void>;
}

function autoctl(root: string, args: string[], logFile: string): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  return spawn(
    '/usr/sbin/runuser',
    [
      '-u',
      'postgres',
      '--',
      'env',
      `PATH=${postgresBin()}:/usr/bin:/bin`,
      // pg_autoctl keeps its configuration and state under XDG folders: here, inside the formation's.
      `XDG_CONFIG_HOME=${path.join(root, 'xdg', 'config')}`,
      `XDG_DATA_HOME=${path.join(root, 'xdg', 'data')}`,
      `XDG_RUNTIME_DIR=${path.join(root, 'xdg', 'run')}`,
      PG_AUTOCTL,
      ...args,
    ],
    { cwd: root, detached: true, stdio: ['ignore', out, out] },
  );
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, log: () => string) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs / 1000} s\n${log()}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Small-server settings for each data node (ALTER SYSTEM's file wins over pg_autoctl's tuning). */
function smallServer(dir: string): void {
  fs.appendFileSync(
    path.join(dir, 'postgresql.auto.conf'),
    [
      "shared_buffers = '32MB'",
      'max_connections = 80',
      "work_mem = '4MB'",
      "maintenance_work_mem = '64MB'",
      // pg_autoctl's pg_basebackup asks for a spread checkpoint: keep it to a few seconds, not minutes.
      "checkpoint_timeout = '30s'",
      'checkpoint_completion_target = 0.1',
      '',
    ].join('\n'),
  );
}

/**
 * Builds the formation: the monitor, then the first node (it becomes primary), then the second (a
 * pg_basebackup of the first, made by pg_autoctl; then synchronous secondary). `setup` runs on the
 * primary before the secondary is made (roles, the application's database).
 */
export async function startFormation(
  options: {
    setup?: (primaryUrl: string) => Promise<void>;
    /** Told the data nodes' ports before they start (a multi-host address can be written at once). */
    reservePorts?: (ports: number[]) => void;
    log?: (line: string) => void;
  } = {},
): Promise<Formation & { remove(): void }> {
  const log = options.log ?? (() => {});
  const folder = ownFolder('kopru-failover-');
  const root = folder.dir;
  const nodes: FormationNode[] = [];
  const children: ChildProcess[] = [];
  const logText = (file: string) => () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').slice(-4000) : '');

  const monitorPort = await freePort();
  const monitorDir = path.join(root, 'monitor');
  asPostgres('initdb', ['-D', monitorDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  smallServer(monitorDir);
  const monitorLog = path.join(root, 'monitor.log');
  fs.writeFileSync(monitorLog, '');
  fs.chmodSync(monitorLog, 0o666);
  children.push(
    autoctl(
      root,
      [
        'create',
        'monitor',
        '--pgdata',
        monitorDir,
        '--pgport',
        String(monitorPort),
        '--hostname',
        '127.0.0.1',
        '--listen',
        '127.0.0.1',
        '--auth',
        'trust',
        '--no-ssl',
        '--run',
      ],
      monitorLog,
    ),
  );
  const monitorUrl = `postgres://postgres@127.0.0.1:${monitorPort}/pg_auto_failover`;
  const monitorNodeUrl = `postgres://autoctl_node@127.0.0.1:${monitorPort}/pg_auto_failover?sslmode=disable`;

  const onMonitor = async <T extends pg.QueryResultRow>(text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: monitorUrl });
    client.on('error', () => {});
    await client.connect();
    try {
      return (await client.query<T>(text)).rows;
    } finally {
      await client.end();
    }
  };
  const states = async () =>
    (
      await onMonitor<{ name: string; port: number; reported: string; assigned: string }>(
        'SELECT nodename AS name, nodeport AS port, reportedstate::text AS reported, goalstate::text AS assigned FROM pgautofailover.node ORDER BY nodeid',
      )
    ).map((r) => ({ ...r, port: Number(r.port) }));
  const events = async (limit = 15) =>
    (
      await onMonitor<{ at: string; name: string; description: string }>(
        `SELECT to_char(eventtime, 'HH24:MI:SS.MS') AS at, nodename AS name, description FROM pgautofailover.event ORDER BY eventid DESC LIMIT ${Number(limit)}`,
      )
    )
      .reverse()
      .map((e) => `${e.at} ${e.name}: ${e.description}`);

  const stop = async () => {
    for (const child of children) killGroup(child);
    await new Promise((r) => setTimeout(r, 300));
  };

  try {
    await until('the monitor', () => onMonitor('SELECT 1').then(() => true), 60_000, logText(monitorLog));
    for (const [name, value] of Object.entries(DRILL_MONITOR_SETTINGS)) {
      await onMonitor(`ALTER SYSTEM SET ${name} = '${value}'`);
    }
    await onMonitor('SELECT pg_reload_conf()');
    log(`monitor on ${monitorPort}`);

    const ports = [await freePort(), await freePort()];
    options.reservePorts?.(ports);
    const addNode = async (n: number): Promise<FormationNode> => {
      const name = `node${n}`;
      const port = ports[n - 1]!;
      const dir = path.join(root, name);
      // The first node is made with our own initdb (small-server settings); the second is a
      // pg_basebackup of it, made by pg_autoctl, and copies those settings.
      if (n === 1) {
        asPostgres('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
        smallServer(dir);
      }
      const logFile = path.join(root, `${name}.log`);
      fs.writeFileSync(logFile, '');
      fs.chmodSync(logFile, 0o666);
      const child = autoctl(
        root,
        [
          'create',
          'postgres',
          '--pgdata',
          dir,
          '--pgport',
          String(port),
          '--hostname',
          '127.0.0.1',
          '--listen',
          '127.0.0.1',
          '--name',
          name,
          '--auth',
          'trust',
          '--no-ssl',
          '--monitor',
          monitorNodeUrl,
          '--run',
        ],
        logFile,
      );
      children.push(child);
      return { name, port, dir, child, log: logText(logFile), kill: () => killGroup(child) };
    };

    let t = Date.now();
    const first = await addNode(1);
    nodes.push(first);
    await until(
      'node1 single',
      async () => ((await states()).find((s) => s.name === 'node1')?.reported === 'single' ? true : undefined),
      90_000,
      () => first.log(),
    );
    log(`node1 (single) on ${first.port} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    if (options.setup) await options.setup(`postgres://postgres@127.0.0.1:${first.port}/postgres`);

    t = Date.now();
    const second = await addNode(2);
    nodes.push(second);
    await until(
      'node1 primary and node2 secondary',
      async () => {
        const s = await states();
        const ok =
          s.find((x) => x.name === 'node1')?.reported === 'primary' &&
          s.find((x) => x.name === 'node2')?.reported === 'secondary';
        return ok ? true : undefined;
      },
      180_000,
      () => `${second.log()}\n${JSON.stringify(nodes.map((x) => x.name))}`,
    );
    log(`node2 (secondary) on ${second.port} in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  } catch (err) {
    await stop();
    folder.remove();
    throw err;
  }

  return {
    monitorUrl,
    nodes,
    multiHostUrl: (database = 'postgres', user = 'postgres') =>
      `postgres://${user}@${nodes.map((x) => `127.0.0.1:${x.port}`).join(',')}/${database}?target_session_attrs=read-write`,
    states,
    events,
    stop,
    remove: () => folder.remove(),
  };
}
