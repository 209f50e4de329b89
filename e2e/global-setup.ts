import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { TestProject } from 'vitest/node';
import { ensureWebBuilt, nodeBinary } from '../scripts/web-build.ts';

const root = path.resolve(import.meta.dirname, '..');
export const CHROMIUM = '/usr/bin/chromium';

function freePort(): Promise<number> {
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

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(
    `the server did not answer /api/health within ${timeoutMs / 1000} s (E2E_HEALTH_TIMEOUT_S):\n${log()}`,
  );
}

/**
 * How long the server may take to answer /api/health after it is started (migrations and the demo data
 * first): 120 s ran out on two loaded cores. `E2E_HEALTH_TIMEOUT_S` sets it in seconds; 300 unless set.
 */
function healthTimeoutMs(value = process.env.E2E_HEALTH_TIMEOUT_S): number {
  if (value === undefined || value.trim() === '') return 300_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`E2E_HEALTH_TIMEOUT_S must be a number of seconds above 0, not "${value}"`);
  return seconds * 1000;
}

export default async function setup(project: TestProject) {
  if (!fs.existsSync(CHROMIUM)) {
    if (process.env.REQUIRE_E2E === '1') throw new Error(`REQUIRE_E2E=1 but ${CHROMIUM} is missing`);
    console.warn(`[e2e] ${CHROMIUM} is missing: browser tests are skipped`);
    project.provide('e2e', { baseUrl: '', skip: true, messageFile: '' });
    return;
  }
  const timeoutMs = healthTimeoutMs();
  const buildStarted = Date.now();
  ensureWebBuilt('e2e');
  // Printed for CI's log: the step's time is the files' plus these two, which no file's duration shows.
  const buildSeconds = (Date.now() - buildStarted) / 1000;
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopru-e2e-'));
  // Test-only: the server delivers every message into this file, where the tests read codes and links
  // (the outbox screen never shows them).
  const messageFile = path.join(dataDir, 'messages.jsonl');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: 'localhost',
    KOPRU_MODE: 'demo',
    KOPRU_DATA_DIR: dataDir,
    KOPRU_PUBLIC_URL: baseUrl,
    // Every browser of the suite shares one address: lift the coarse per-address flood limit.
    KOPRU_RATE_LIMIT: '100000',
    KOPRU_TEST_MESSAGE_FILE: messageFile,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
  };
  delete env.DATABASE_URL;
  delete env.DATABASE_OWNER_URL;
  if (process.env.E2E_DATABASE_URL) env.DATABASE_URL = process.env.E2E_DATABASE_URL;
  // The owner migrates at start-up; the server then runs as the app role of E2E_DATABASE_URL.
  if (process.env.E2E_DATABASE_OWNER_URL) env.DATABASE_OWNER_URL = process.env.E2E_DATABASE_OWNER_URL;

  let output = '';
  const child = spawn(nodeBinary(), [path.join(root, 'src', 'server', 'main.ts')], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const started = Date.now();
  try {
    await waitForHealth(baseUrl, child, () => output, timeoutMs);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  const healthSeconds = (Date.now() - started) / 1000;
  const load = os.loadavg().map((l) => l.toFixed(1));
  console.log(
    `[e2e] web build ${buildSeconds.toFixed(0)} s; server up after ${healthSeconds.toFixed(0)} s; load ${load.join(' ')}`,
  );
  project.provide('e2e', { baseUrl, skip: false, messageFile });

  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: { baseUrl: string; skip: boolean; messageFile: string };
  }
}
