/**
 * Web bench (`npm run bench -- web`, issue 15): what the browser loads and how fast the server answers the
 * requests every screen starts with.
 *
 *   npm run bench -- web [--compare <git ref>] [--url postgres://…] [--duration 10] [--connections 30]
 *                        [--runs 3] [--no-build]
 *
 * 1. Builds the web app (vite build) and prints, per screen (sign-in, self-registration, counsellor home),
 *    the files the browser fetches: count, raw, gzip and brotli bytes, and the largest chunk.
 * 2. Starts the server on the PostgreSQL server (a throw-away database `kopru_webbench_<pid>_<variant>`,
 *    demo data, no workers) and drives `GET /api/health` and `GET /api/v1/me` (signed in as a counsellor,
 *    `accept-encoding: gzip, deflate, br` as a browser sends it, and without) with autocannon on loopback,
 *    printing req/s, p50/p99 latency and the load average of the machine.
 * 3. In Chromium (/usr/bin/chromium, playwright-core), a cold counsellor home: the time to the desk's content
 *    from the start of the navigation (Performance API, e2e/timing.ts), when /me and the desk's data were
 *    asked for, and the time from submitting the sign-in form to the desk (median of --runs).
 *
 * --compare REF measures a second tree, REF checked out in a temporary git worktree (sharing this
 * node_modules), in the same run: each measure runs for both, one after the other, before → after, so that
 * both see the same load. Nothing is left behind: servers stopped, databases dropped, worktree removed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import autocannon, { type Result } from 'autocannon';
import { chromium, type Browser } from 'playwright-core';
import { readManifest, screenFiles, SCREENS, sizeOf, total, catalogueFile, type Sized } from './web-chunks.ts';
import { coldHome, OFFICE_LINE, signInToHome, type HomeTiming } from '../e2e/timing.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const EMAIL = 'counsellor@ibb.example';
const PASSWORD = 'Kopru-Demo-2026!';

const { values: args } = parseArgs({
  options: {
    compare: { type: 'string' },
    url: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '30' },
    runs: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    'no-build': { type: 'boolean', default: false },
  },
});
const SERVER_URL =
  args.url ??
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const RUNS = Number(args.runs);
const ROUNDS = Number(args.rounds);

const log = (...parts: unknown[]) => console.log(...parts);
const kB = (n: number) => (n / 1024).toFixed(n < 10_240 ? 1 : 0);
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

interface Variant {
  name: string;
  dir: string;
  database: string;
  server?: ChildProcess;
  baseUrl?: string;
  output: string;
}

const cleanups: (() => Promise<void> | void)[] = [];

function nodeBinary(): string {
  const pinned = path.join(ROOT, 'node_modules', '.bin', 'node');
  return fs.existsSync(pinned) ? pinned : process.execPath;
}

function git(...gitArgs: string[]): string {
  const result = spawnSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${gitArgs.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

/** REF checked out beside, sharing this tree's node_modules (a superset of what an older tree needs). */
function checkout(ref: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopru-webbench-'));
  git('worktree', 'add', '--detach', dir, ref);
  cleanups.push(() => {
    spawnSync('git', ['worktree', 'remove', '--force', dir], { cwd: ROOT });
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

function build(dir: string): void {
  const started = performance.now();
  const result = spawnSync(nodeBinary(), [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`vite build in ${dir} failed:\n${result.stdout}\n${result.stderr}`);
  log(`  built ${dir} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

// ---- 1. what the browser loads -------------------------------------------------------------------------

interface ScreenRow {
  screen: string;
  files: number;
  sum: Omit<Sized, 'file'>;
  /** What the server sends a browser that accepts brotli: the .br copy where the build wrote one. */
  sent: number;
  largest: Sized;
}

function sent(webDir: string, files: Sized[]): number {
  return files.reduce((a, f) => a + (fs.existsSync(path.join(webDir, `${f.file}.br`)) ? f.brotli : f.raw), 0);
}

function screens(dir: string): ScreenRow[] {
  const webDir = path.join(dir, 'dist', 'web');
  const manifestFile = path.join(webDir, '.vite', 'manifest.json');
  if (!fs.existsSync(manifestFile)) {
    // One bundle (no manifest): every screen loads every file of assets/ (but the compressed copies).
    const files = fs
      .readdirSync(path.join(webDir, 'assets'))
      .filter((f) => !/\.(br|gz)$/.test(f))
      .map((f) => sizeOf(webDir, `assets/${f}`));
    const largest = files.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    return SCREENS.map((s) => ({
      screen: s.name,
      files: files.length,
      sum: total(files),
      sent: sent(webDir, files),
      largest,
    }));
  }
  const manifest = readManifest(webDir);
  return SCREENS.map((s) => {
    const files = screenFiles(webDir, manifest, s.keys);
    // The interface's language (Turkish here) is a file of its own, fetched at start-up.
    const catalogue = catalogueFile(manifest, 'tr');
    if (catalogue) files.push(sizeOf(webDir, catalogue));
    const scripts = files.filter((f) => f.file.endsWith('.js'));
    const largest = scripts.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    return { screen: s.name, files: files.length, sum: total(files), sent: sent(webDir, files), largest };
  });
}

function printScreens(variants: Variant[]): void {
  log('\n## What the browser loads per screen (scripts and CSS; kB = 1,024 bytes)\n');
  log('| tree | screen | files | raw kB | gzip kB | brotli kB | sent kB (accepting br) | largest script (gzip kB) |');
  log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const v of variants) {
    for (const row of screens(v.dir)) {
      log(
        `| ${v.name} | ${row.screen} | ${row.files} | ${kB(row.sum.raw)} | ${kB(row.sum.gzip)} | ${kB(row.sum.brotli)} | ` +
          `${kB(row.sent)} | ` +
          `${path.basename(row.largest.file)} (${kB(row.largest.gzip)}) |`,
      );
    }
  }
  // Every chunk of the current build, largest first: none may exceed 300 kB gzipped.
  const webDir = path.join(ROOT, 'dist', 'web');
  const all = fs
    .readdirSync(path.join(webDir, 'assets'))
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => sizeOf(webDir, `assets/${f}`))
    .sort((a, b) => b.gzip - a.gzip);
  log(`\nLargest files of this build (of ${all.length}):\n`);
  log('| file | raw kB | gzip kB | brotli kB |');
  log('| --- | ---: | ---: | ---: |');
  for (const f of all.slice(0, 8)) log(`| ${path.basename(f.file)} | ${kB(f.raw)} | ${kB(f.gzip)} | ${kB(f.brotli)} |`);
  const over = all.filter((f) => f.gzip > 300 * 1024);
  log(over.length ? `\nOVER 300 kB gzipped: ${over.map((f) => f.file).join(', ')}` : '\nNo file over 300 kB gzipped.');
}

// ---- 2. the server under load --------------------------------------------------------------------------

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

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function start(v: Variant): Promise<void> {
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${v.database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${v.database}`);
  await admin.end();
  cleanups.push(async () => {
    const a = new pg.Client({ connectionString: SERVER_URL });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${v.database} WITH (FORCE)`);
    await a.end();
  });
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopru-webbench-data-'));
  cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  v.baseUrl = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    KOPRU_MODE: 'demo',
    KOPRU_DATA_DIR: dataDir,
    KOPRU_PUBLIC_URL: v.baseUrl,
    DATABASE_URL: databaseUrl(v.database),
    KOPRU_RATE_LIMIT: '100000000',
    KOPRU_WORKERS: 'false',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
  };
  delete env.DATABASE_OWNER_URL;
  const child = spawn(nodeBinary(), [path.join(v.dir, 'src', 'server', 'main.ts')], {
    cwd: v.dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  v.server = child;
  const keep = (chunk: Buffer) => {
    v.output = (v.output + chunk.toString()).slice(-20_000);
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
    if (child.exitCode !== null) throw new Error(`${v.name}: the server exited:\n${v.output}`);
    try {
      if ((await fetch(`${v.baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${v.name}: no answer from /api/health:\n${v.output}`);
}

async function sessionCookie(v: Variant): Promise<string> {
  const response = await fetch(`${v.baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`${v.name}: sign-in ${response.status}`);
  const cookie = response.headers.getSetCookie().find((c) => c.includes('kopru_session='));
  if (!cookie) throw new Error(`${v.name}: no session cookie`);
  return cookie.split(';')[0]!;
}

interface LoadRow {
  what: string;
  tree: string;
  result: Result;
  load: string;
}

async function cannon(url: string, headers: Record<string, string>): Promise<Result> {
  // A short warm-up, then the measure.
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  return autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
}

async function underLoad(variants: Variant[]): Promise<LoadRow[]> {
  const cookies = new Map<Variant, string>();
  for (const v of variants) cookies.set(v, await sessionCookie(v));
  const browserLike = { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'tr' };
  const cases: { what: string; path: string; headers: (v: Variant) => Record<string, string> }[] = [
    { what: 'GET /api/health', path: '/api/health', headers: () => browserLike },
    { what: 'GET /api/v1/me', path: '/api/v1/me', headers: (v) => ({ ...browserLike, cookie: cookies.get(v)! }) },
    {
      what: 'GET /api/v1/me (no accept-encoding)',
      path: '/api/v1/me',
      headers: (v) => ({ 'accept-language': 'tr', cookie: cookies.get(v)! }),
    },
  ];
  const rows: LoadRow[] = [];
  // Each measure alternates the trees, --rounds times: the load of a shared machine drifts.
  for (const c of cases) {
    for (let round = 0; round < ROUNDS; round++)
      for (const v of variants) {
        const result = await cannon(`${v.baseUrl}${c.path}`, c.headers(v));
        const row = { what: c.what, tree: v.name, result, load: loadAverage() };
        rows.push(row);
        log(
          `  measured: ${c.what} (${v.name}): ${row.result.requests.average.toFixed(0)} req/s, p99 ${row.result.latency.p99} ms`,
        );
      }
  }
  return rows;
}

function printLoad(rows: LoadRow[]): void {
  log(
    `\n## Under load: autocannon on loopback, ${CONNECTIONS} connections, ${DURATION} s each (after 2 s warm-up), ` +
      `${ROUNDS} rounds alternating the trees\n`,
  );
  log('| request | tree | req/s | p50 ms | p99 ms | max ms | non-2xx | load average (1/5/15 min) |');
  log('| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    log(
      `| ${r.what} | ${r.tree} | ${r.result.requests.average.toFixed(0)} | ${r.result.latency.p50} | ` +
        `${r.result.latency.p99} | ${r.result.latency.max} | ${r.result.non2xx} | ${r.load} |`,
    );
  }
}

// ---- 3. the browser ------------------------------------------------------------------------------------

interface BrowserRow {
  tree: string;
  network: string;
  home: HomeTiming;
  afterSignIn: number;
  load: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function inBrowser(variants: Variant[]): Promise<BrowserRow[]> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const networks = [undefined, OFFICE_LINE];
    const key = (v: Variant, n: number) => `${v.name}|${n}`;
    const homes = new Map<string, HomeTiming[]>();
    const signIns = new Map<Variant, number[]>(variants.map((v) => [v, []]));
    // One warm-up each (the server's first requests), then the runs, alternating the trees.
    for (const v of variants) await coldHome(browser, v.baseUrl!, EMAIL, PASSWORD);
    for (let i = 0; i < RUNS; i++) {
      for (const v of variants) {
        for (const [n, network] of networks.entries()) {
          const list = homes.get(key(v, n)) ?? [];
          list.push(await coldHome(browser, v.baseUrl!, EMAIL, PASSWORD, network));
          homes.set(key(v, n), list);
        }
        signIns.get(v)!.push((await signInToHome(browser, v.baseUrl!, EMAIL, PASSWORD)).afterSubmitMs);
      }
    }
    const load = loadAverage();
    return networks.flatMap((network, n) =>
      variants.map((v) => {
        const list = homes.get(key(v, n))!;
        const pick = (f: (h: HomeTiming) => number) => median(list.map(f));
        return {
          tree: v.name,
          network: network ? network.name : 'loopback',
          home: {
            contentMs: pick((h) => h.contentMs),
            meStart: pick((h) => h.meStart),
            meEnd: pick((h) => h.meEnd),
            deskStart: pick((h) => h.deskStart),
            deskEnd: pick((h) => h.deskEnd),
            deskCalledAt: pick((h) => h.deskCalledAt),
            meAnsweredAt: pick((h) => h.meAnsweredAt),
            files: pick((h) => h.files),
            transferred: pick((h) => h.transferred),
            decoded: pick((h) => h.decoded),
          },
          afterSignIn: network ? NaN : median(signIns.get(v)!),
          load,
        };
      }),
    );
  } finally {
    await browser.close();
  }
}

function printBrowser(rows: BrowserRow[]): void {
  log(`\n## Cold counsellor home in Chromium (median of ${RUNS}; ms from the start of the navigation)\n`);
  log(
    '| tree | network | desk content | /me sent–answered | desk data sent–answered | files | kB over the wire (decoded) | sign-in → desk | load average |',
  );
  log('| --- | --- | ---: | --- | --- | ---: | --- | ---: | --- |');
  for (const r of rows) {
    const h = r.home;
    log(
      `| ${r.tree} | ${r.network} | ${h.contentMs.toFixed(0)} | ${h.meStart.toFixed(0)}–${h.meEnd.toFixed(0)} | ` +
        `${h.deskStart.toFixed(0)}–${h.deskEnd.toFixed(0)} | ${h.files} | ${kB(h.transferred)} (${kB(h.decoded)}) | ` +
        `${Number.isNaN(r.afterSignIn) ? '' : r.afterSignIn.toFixed(0)} | ${r.load} |`,
    );
  }
}

// ---- main ------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = performance.now();
  log(`# Web bench (${new Date().toISOString()}), ${os.cpus().length} cores, load average ${loadAverage()}`);
  const variants: Variant[] = [];
  if (args.compare) {
    const dir = checkout(args.compare);
    variants.push({
      name: `before (${args.compare})`,
      dir,
      database: `kopru_webbench_${process.pid}_before`,
      output: '',
    });
  }
  variants.push({
    name: args.compare ? 'after (this tree)' : 'this tree',
    dir: ROOT,
    database: `kopru_webbench_${process.pid}_after`,
    output: '',
  });
  for (const v of variants) if (!args['no-build'] || v.dir !== ROOT) build(v.dir);
  printScreens(variants);

  for (const v of variants) await start(v);
  printLoad(await underLoad(variants));
  if (fs.existsSync(CHROMIUM)) printBrowser(await inBrowser(variants));
  else log(`\n(${CHROMIUM} is missing: no browser figures)`);
  log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s, load average ${loadAverage()}.`);
}

try {
  await main();
} finally {
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (err) {
      console.error('cleanup:', err);
    }
  }
}
