/**
 * Shared by the benches that drive a running server (lists, import): a tree checked out beside this one,
 * its server started in demo mode on a throw-away PostgreSQL database, a signed-in session, autocannon, and
 * the cleanups that leave nothing behind. (web.bench.ts has its own copy of the same steps.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import autocannon, { type Result } from 'autocannon';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const EMAIL = 'counsellor@ibb.example';
export const PASSWORD = 'Kopru-Demo-2026!';

export const log = (...parts: unknown[]) => console.log(...parts);
export const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

export interface Tree {
  name: string;
  dir: string;
  database: string;
  server?: ChildProcess;
  baseUrl?: string;
  output: string;
}

export const cleanups: (() => Promise<void> | void)[] = [];

export async function runCleanups(): Promise<void> {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (err) {
      console.error('cleanup:', err);
    }
  }
}

export function nodeBinary(): string {
  const pinned = path.join(ROOT, 'node_modules', '.bin', 'node');
  return fs.existsSync(pinned) ? pinned : process.execPath;
}

/** REF checked out beside, sharing this tree's node_modules (a superset of what an older tree needs). */
export function checkout(ref: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopru-bench-'));
  const result = spawnSync('git', ['worktree', 'add', '--detach', dir, ref], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git worktree add ${ref}: ${result.stderr}`);
  cleanups.push(() => {
    spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT });
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Starts the tree's server (demo data, no workers, the flood limit lifted) on a fresh database. */
export async function startServer(
  t: Tree,
  serverUrl: string,
  extraEnv: Record<string, string> = {},
  options: { reuse?: boolean } = {},
): Promise<void> {
  // A reused database (a kept bench registry) is neither created nor dropped.
  if (!options.reuse) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${t.database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${t.database}`);
    await admin.end();
    cleanups.push(async () => {
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${t.database} WITH (FORCE)`);
      await a.end();
    });
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopru-bench-data-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  t.baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KOPRU_MODE: 'demo',
    KOPRU_DATA_DIR: dataDir,
    KOPRU_PUBLIC_URL: t.baseUrl,
    DATABASE_URL: databaseUrl(serverUrl, t.database),
    KOPRU_RATE_LIMIT: '100000000',
    KOPRU_WORKERS: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...extraEnv,
  };
  delete env.DATABASE_OWNER_URL;
  const child = spawn(
    nodeBinary(),
    [
      ...(process.env.PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.PROF_DIR] : []),
      path.join(t.dir, 'src', 'server', 'main.ts'),
    ],
    {
      cwd: t.dir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  t.server = child;
  const keep = (chunk: Buffer) => {
    t.output = (t.output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  );
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${t.name}: the server exited:\n${t.output}`);
    try {
      if ((await fetch(`${t.baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${t.name}: no answer from /api/health:\n${t.output}`);
}

/** Signs in as the demo counsellor (or another demo account): the `kopru_session=…` pair. */
export async function sessionCookie(t: Tree, email = EMAIL): Promise<string> {
  const response = await fetch(`${t.baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`${t.name}: sign-in ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.includes('kopru_session='));
  if (!cookie) throw new Error(`${t.name}: no session cookie`);
  return cookie.split(';')[0]!;
}

/**
 * A short warm-up, then the measure. With the server's process id, also the server's CPU time per request
 * during the measure (user + system, from /proc): on a shared machine the rate follows the load of the
 * others, while the CPU a request costs the server moves much less — the figure to compare two trees by.
 */
export async function cannon(
  url: string,
  request: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
  connections: number,
  duration: number,
  serverPid?: number,
): Promise<Result & { cpuMsPerRequest?: number }> {
  await autocannon({ url, connections, duration: 2, ...request });
  const before = serverPid ? cpuSeconds(serverPid) : null;
  const result = await autocannon({ url, connections, duration, ...request });
  if (before === null || before === undefined || !serverPid) return result;
  const after = cpuSeconds(serverPid);
  const answered = result.requests.total;
  return after === undefined || answered === 0
    ? result
    : { ...result, cpuMsPerRequest: ((after - before) * 1000) / answered };
}

/** User + system CPU seconds of a process so far (Linux /proc; undefined elsewhere). */
function cpuSeconds(pid: number): number | undefined {
  try {
    // Fields after the command name (which may hold spaces, hence from the last ')'): utime is the 14th
    // field of the line, stime the 15th, in clock ticks (100 a second on Linux).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
