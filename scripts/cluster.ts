// Several Köprü instances on one PostgreSQL database behind a reverse proxy on loopback (issue 18).
//
//   DATABASE_URL=postgres://app@…/kopru DATABASE_OWNER_URL=postgres://owner@…/kopru node scripts/cluster.ts
//
// Migrates as the owner (twice at once, to show that the start-up migration lock serialises them),
// loads the demo set once, starts the instances as the app role (no flood limit of their own, trusting
// X-Forwarded-For from the proxy only), then HAProxy (Debian's `haproxy`) in front: round robin, a health
// check per instance, and the coarse flood limit per client address for all instances together.
// Used by scale/cluster.scale.test.ts; run alone it prints the addresses and stops on Ctrl-C.
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { nodeBinary } from './web-build.ts';

const root = path.resolve(import.meta.dirname, '..');
export const HAPROXY = '/usr/sbin/haproxy';

export interface ClusterOptions {
  /** The app role's address (the running instances). */
  databaseUrl: string;
  /** The owner's address: migrations run as it before the instances start. */
  ownerUrl?: string | undefined;
  instances?: number;
  /** How many `kopru migrate` runs start at once (2 shows the migration lock; 1 is quicker). */
  migrations?: number;
  /** API requests per client address per minute, counted by the proxy for all instances. */
  proxyLimitPerMinute?: number;
  /** Extra environment for every instance (LOG_LEVEL, KOPRU_WORKERS…). */
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

export interface Instance {
  name: string;
  url: string;
  child: ChildProcess;
  output(): string;
}

export interface Cluster {
  /** The proxy's address: what clients use. */
  url: string;
  instances: Instance[];
  /** Every message the instances deliver, as JSON lines (test-only transport). */
  messageFile: string;
  /** Seconds each start-up phase took. */
  timings: Record<string, number>;
  stop(): Promise<void>;
}

/** A port free on loopback now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary(), args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => (output += chunk.toString());
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

async function waitForHealth(url: string, child: ChildProcess | undefined, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url} exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer /api/health within 120 s:\n${output()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The proxy's configuration: one frontend limiting per client address, one backend of instances. */
export function haproxyConfig(port: number, backends: { name: string; port: number }[], limit: number): string {
  const tooMany = JSON.stringify({
    type: 'about:blank',
    title: 'Too many requests',
    status: 429,
    detail: 'Too many requests from this address: try again in a minute.',
  });
  return `global
  maxconn 4096

defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  timeout http-request 10s
  option redispatch
  retries 2

frontend kopru
  bind 127.0.0.1:${port}
  # The coarse flood limit, per client address, for all instances together (the instances run with
  # KOPRU_RATE_LIMIT=off). Only the API counts, as in the application's own limit.
  stick-table type ip size 1m expire 2m store http_req_rate(1m)
  http-request track-sc0 src if { path_beg /api/ }
  http-request return status 429 content-type application/problem+json hdr Retry-After 60 string '${tooMany}' if { path_beg /api/ } { sc_http_req_rate(0) gt ${limit} }
  # The client's address is the connection's: whatever X-Forwarded-For the client sent is replaced.
  http-request set-header X-Forwarded-For %[src]
  http-request set-header X-Forwarded-Proto http
  default_backend instances

backend instances
  balance roundrobin
  option httpchk GET /api/health
  # Which instance answered (tests and operators; names only, no addresses).
  http-response set-header X-Kopru-Instance %s
${backends.map((b) => `  server ${b.name} 127.0.0.1:${b.port} check inter 1s fall 2 rise 1`).join('\n')}
`;
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  if (!fs.existsSync(HAPROXY)) throw new Error(`${HAPROXY} is missing: apt-get install haproxy (.ci/run does)`);
  const log = options.log ?? (() => {});
  const count = options.instances ?? 2;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopru-cluster-'));
  const messageFile = path.join(dir, 'messages.jsonl');
  const timings: Record<string, number> = {};
  const proxyPort = await freePort();
  const publicUrl = `http://127.0.0.1:${proxyPort}`;
  // One set of keys for every instance: what one encrypts, the others read.
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    KOPRU_MODE: 'demo',
    KOPRU_DATA_KEY: crypto.randomBytes(32).toString('hex'),
    KOPRU_INDEX_KEY: crypto.randomBytes(32).toString('hex'),
    KOPRU_PUBLIC_URL: publicUrl,
    KOPRU_TEST_MESSAGE_FILE: messageFile,
    DATABASE_URL: options.databaseUrl,
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  delete base.DATABASE_OWNER_URL;
  const cli = path.join(root, 'src', 'server', 'cli.ts');
  const instances: Instance[] = [];
  let proxy: ChildProcess | undefined;

  const stop = async () => {
    if (proxy) await stopChild(proxy);
    await Promise.all(instances.map((i) => stopChild(i.child)));
    fs.rmSync(dir, { recursive: true, force: true });
  };

  try {
    let t = Date.now();
    if (options.ownerUrl) {
      // A release step, by default run twice at once: the advisory lock makes the second wait, then
      // find nothing left to do (docs/OPERATIONS.md, "Upgrades").
      const migrate = { ...base, DATABASE_OWNER_URL: options.ownerUrl, KOPRU_DATA_DIR: dir };
      const runs = options.migrations ?? 2;
      await Promise.all(Array.from({ length: runs }, () => run([cli, 'migrate'], migrate)));
      timings.migrate = (Date.now() - t) / 1000;
      log(`migrated (${runs} runs at once) in ${timings.migrate.toFixed(1)} s`);
    }
    t = Date.now();
    await run([cli, 'seed'], { ...base, KOPRU_DATA_DIR: dir });
    timings.seed = (Date.now() - t) / 1000;
    log(`demo data loaded in ${timings.seed.toFixed(1)} s`);

    t = Date.now();
    for (let n = 0; n < count; n++) {
      const name = `kopru${n + 1}`;
      const port = await freePort();
      const dataDir = path.join(dir, name);
      fs.mkdirSync(dataDir);
      const child = spawn(nodeBinary(), [path.join(root, 'src', 'server', 'main.ts')], {
        cwd: root,
        env: {
          ...base,
          PORT: String(port),
          HOST: '127.0.0.1',
          KOPRU_DATA_DIR: dataDir,
          KOPRU_SEED: 'false',
          // Behind the proxy: its address is the only one whose X-Forwarded-For is believed, and the
          // flood limit is the proxy's.
          TRUST_PROXY: '127.0.0.1',
          KOPRU_RATE_LIMIT: 'off',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      const keep = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-20_000);
      };
      child.stdout?.on('data', keep);
      child.stderr?.on('data', keep);
      instances.push({ name, url: `http://127.0.0.1:${port}`, child, output: () => output });
    }
    await Promise.all(instances.map((i) => waitForHealth(i.url, i.child, () => i.output())));
    timings.instances = (Date.now() - t) / 1000;
    log(`${count} instances up in ${timings.instances.toFixed(1)} s`);

    const config = path.join(dir, 'haproxy.cfg');
    fs.writeFileSync(
      config,
      haproxyConfig(
        proxyPort,
        instances.map((i) => ({ name: i.name, port: Number(new URL(i.url).port) })),
        options.proxyLimitPerMinute ?? 600,
      ),
    );
    let proxyOutput = '';
    proxy = spawn(HAPROXY, ['-db', '-f', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    proxy.stdout?.on('data', (c: Buffer) => (proxyOutput += c.toString()));
    proxy.stderr?.on('data', (c: Buffer) => (proxyOutput += c.toString()));
    await waitForHealth(publicUrl, proxy, () => proxyOutput);
    log(`proxy at ${publicUrl}`);
    return { url: publicUrl, instances, messageFile, timings, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

if (import.meta.main) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    console.error('usage: DATABASE_URL=… [DATABASE_OWNER_URL=…] [INSTANCES=2] node scripts/cluster.ts');
    process.exit(2);
  }
  const cluster = await startCluster({
    databaseUrl,
    ownerUrl: process.env.DATABASE_OWNER_URL,
    instances: Number(process.env.INSTANCES ?? 2),
    log: (line) => console.log(`[cluster] ${line}`),
  });
  for (const i of cluster.instances) console.log(`[cluster] ${i.name} at ${i.url}`);
  console.log(`[cluster] Köprü at ${cluster.url} (Ctrl-C stops)`);
  const shutdown = () => void cluster.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
