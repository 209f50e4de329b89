// PostgreSQL servers of a test's own (issue 18): a primary and a streaming replica made with `initdb`
// and `pg_basebackup` on spare loopback ports, in a temporary folder, running as the `postgres` system
// user through `runuser` (PostgreSQL refuses to run as root). The shared server on 5432 is not touched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { freePort } from '../scripts/cluster.ts';

/** The newest PostgreSQL installed by Debian's packages, or undefined. */
export function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return undefined;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'initdb')))
    .sort((x, y) => Number(y) - Number(x));
  return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

/** Whether this machine can run servers of its own: root (for runuser), a postgres user, initdb. */
export function canRunOwnServers(): boolean {
  return process.getuid?.() === 0 && fs.existsSync('/usr/sbin/runuser') && postgresBin() !== undefined;
}

/** Runs a PostgreSQL program as the postgres system user; throws with its output when it fails. */
export function asPostgres(program: string, args: string[]): string {
  const bin = postgresBin()!;
  const result = spawnSync('/usr/sbin/runuser', ['-u', 'postgres', '--', path.join(bin, program), ...args], {
    encoding: 'utf8',
    cwd: '/tmp',
  });
  if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

export interface LocalServer {
  port: number;
  dir: string;
  /** The superuser's address on `database` (default postgres). */
  url(database?: string): string;
  stop(mode?: 'fast' | 'immediate'): void;
}

function server(dir: string, port: number): LocalServer {
  return {
    port,
    dir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop(mode = 'fast') {
      if (fs.existsSync(path.join(dir, 'postmaster.pid'))) asPostgres('pg_ctl', ['-D', dir, '-m', mode, '-w', 'stop']);
    },
  };
}

function start(dir: string): void {
  asPostgres('pg_ctl', ['-D', dir, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
}

/** A folder the postgres user owns, removed by `remove()`. */
export function ownFolder(prefix: string): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  chownToPostgres(dir);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Settings for a small test server: loopback only, its socket in its own folder. */
function settings(dir: string, port: number): string {
  return [
    `port = ${port}`,
    "listen_addresses = '127.0.0.1'",
    `unix_socket_directories = '${dir}'`,
    'max_connections = 60',
    'shared_buffers = 32MB',
    'wal_level = replica',
    'max_wal_senders = 5',
    'hot_standby = on',
    // The replica answers read queries while it replays; a long read is not cancelled by replay.
    'max_standby_streaming_delay = 30s',
    '',
  ].join('\n');
}

/**
 * A new primary: initdb (trust on loopback, replication allowed), started. `extra` settings (lines of
 * postgresql.conf, e.g. WAL archiving) come after the common ones.
 */
export async function startPrimary(root: string, extra: string[] = []): Promise<LocalServer> {
  const dir = path.join(root, 'primary');
  const port = await freePort();
  asPostgres('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
  fs.appendFileSync(path.join(dir, 'postgresql.conf'), settings(dir, port) + extra.map((l) => `${l}\n`).join(''));
  start(dir);
  return server(dir, port);
}

/**
 * Starts a server on a data folder made from a base backup (`dir`, owned by the postgres user) on a new
 * port, with `extra` settings (restore_command, a recovery target) after the copied ones; `signal` is
 * written first (`recovery.signal` for point-in-time recovery). Returns once it accepts connections.
 */
export async function startRestored(
  dir: string,
  extra: string[],
  signal: 'recovery.signal' | 'standby.signal' = 'recovery.signal',
): Promise<LocalServer> {
  const port = await freePort();
  // The copied settings name the original's port and socket folder: the restored server's own come last.
  fs.appendFileSync(path.join(dir, 'postgresql.conf'), settings(dir, port) + extra.map((l) => `${l}\n`).join(''));
  fs.rmSync(path.join(dir, 'server.log'), { force: true });
  fs.writeFileSync(path.join(dir, signal), '');
  chownToPostgres(path.join(dir, signal));
  start(dir);
  return server(dir, port);
}

/** Gives a file or folder to the postgres system user. */
export function chownToPostgres(target: string): void {
  const ids = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gids = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  fs.chownSync(target, Number(ids.stdout.trim()), Number(gids.stdout.trim()));
}

/** A streaming replica of `primary`: pg_basebackup with -R (standby.signal, primary_conninfo), started. */
export async function startReplica(root: string, primary: LocalServer): Promise<LocalServer> {
  const dir = path.join(root, 'replica');
  const port = await freePort();
  asPostgres('pg_basebackup', [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    dir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  // The copied settings name the primary's port and socket folder: the replica's own come last.
  fs.appendFileSync(path.join(dir, 'postgresql.conf'), settings(dir, port));
  fs.rmSync(path.join(dir, 'server.log'), { force: true });
  start(dir);
  return server(dir, port);
}
