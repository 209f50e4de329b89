// npm test: lint and type check once, unit tests, integration tests on PGlite and (with TEST_DATABASE_URL)
// on a PostgreSQL server, the browser tests (on the server when there is one, with a smoke test on PGlite;
// on PGlite otherwise), then (with a server) the scale-out steps of scale/. Ends with one summary line:
// "N passed, N failed", after the names of the failed tests.
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import pg from 'pg';
import { ensureTestRoles, TEST_APP_ROLE, TEST_OWNER_ROLE, urlAs } from '../src/server/test/roles.ts';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', name);
const node = process.execPath;
const outDir = path.join(root, '.tmp', 'test-results');
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });

const only = process.env.KOPRU_TEST_STEPS?.split(',');
const serverUrl = process.env.TEST_DATABASE_URL;
const failures: string[] = [];
const timings: string[] = [];

function step(name: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  if (only && !only.some((s) => name.startsWith(s))) return;
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = spawnSync(node, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  timings.push(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (result.status !== 0) failures.push(name);
}

function vitest(name: string, args: string[], env: NodeJS.ProcessEnv = {}): void {
  const file = path.join(outDir, `${name.replace(/\W+/g, '-')}.json`);
  step(
    name,
    [bin('vitest/vitest.mjs'), 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
    env,
  );
}

/**
 * Steps that only read the tree (lint, format, types), run side by side: each keeps one core busy, so
 * together they take about as long as the longest. Their output is printed whole, one after the other.
 */
async function sideBySide(steps: { name: string; args: string[] }[]): Promise<void> {
  const chosen = steps.filter((s) => !only || only.some((o) => s.name.startsWith(o)));
  const results = await Promise.all(
    chosen.map(
      (s) =>
        new Promise<{ name: string; output: string; status: number | null; seconds: number }>((resolve) => {
          const started = Date.now();
          const child = spawn(node, s.args, { cwd: root, env: process.env });
          let output = '';
          child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
          child.on('close', (status) =>
            resolve({ name: s.name, output, status, seconds: (Date.now() - started) / 1000 }),
          );
        }),
    ),
  );
  for (const r of results) {
    console.log(`\n━━ ${r.name} ━━`);
    process.stdout.write(r.output);
    timings.push(`${r.name}: ${r.seconds.toFixed(0)} s (side by side)`);
    if (r.status !== 0) failures.push(r.name);
  }
}

const withoutServer = { TEST_DATABASE_URL: '', E2E_DATABASE_URL: '' };

await sideBySide([
  { name: 'lint', args: [bin('eslint/bin/eslint.js'), '.'] },
  { name: 'format', args: [bin('prettier/bin/prettier.cjs'), '--check', '.', '--log-level', 'warn'] },
  { name: 'types', args: [bin('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'] },
]);
vitest('unit', ['--project', 'unit']);
vitest('integration (PGlite)', ['--project', 'integration'], withoutServer);
if (serverUrl)
  vitest('integration (PostgreSQL server)', ['--project', 'integration'], { TEST_DATABASE_URL: serverUrl });
if (serverUrl && (!only || only.some((s) => 'e2e'.startsWith(s)))) {
  // With a server, the whole browser suite runs on it and PGlite gets the smoke test: PGlite's one
  // connection makes the suite's three browsers wait on each other, while the integration tests above
  // already run everything on both databases. A fresh database on the server, owned by the owner role;
  // the server migrates as the owner at start-up and runs as the app role (docs/OPERATIONS.md).
  const name = `kopru_e2e_${process.pid}`;
  await ensureTestRoles(serverUrl);
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} OWNER ${TEST_OWNER_ROLE}`);
  try {
    vitest('e2e (PostgreSQL server)', ['--config', 'e2e/vitest.e2e.config.ts'], {
      E2E_DATABASE_URL: urlAs(serverUrl, TEST_APP_ROLE, name),
      E2E_DATABASE_OWNER_URL: urlAs(serverUrl, TEST_OWNER_ROLE, name),
    });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
  vitest('e2e smoke (PGlite)', ['--config', 'e2e/vitest.e2e.config.ts', 'e2e/smoke.e2e.test.ts'], withoutServer);
} else vitest('e2e (PGlite)', ['--config', 'e2e/vitest.e2e.config.ts'], withoutServer);

// Scale-out runs (issue 18), each a short step of its own after the main suite: they start their own
// processes (instances behind HAProxy, a primary with a streaming replica) on the server.
if (serverUrl) {
  const scale = (name: string, file: string) =>
    vitest(`scale: ${name}`, ['--config', 'scale/vitest.scale.config.ts', file], { TEST_DATABASE_URL: serverUrl });
  scale('two instances behind a proxy', 'scale/cluster.scale.test.ts');
  scale('a streaming replica', 'scale/replica.scale.test.ts');
  scale('automatic failover (pg_auto_failover)', 'scale/failover.scale.test.ts');
  scale('backup and point-in-time recovery', 'scale/restore.scale.test.ts');
}

let passed = 0;
let failed = 0;
let skipped = 0;
// The failed tests by name, with the first line of their error, repeated at the very end: a CI log is
// often read from its tail, far below the step that failed.
const failedTests: string[] = [];
for (const file of fs.readdirSync(outDir)) {
  const report = JSON.parse(fs.readFileSync(path.join(outDir, file), 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults?: {
      name: string;
      message?: string;
      assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
    }[];
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const suite of report.testResults ?? []) {
    const where = path.relative(root, suite.name);
    const tests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of tests) {
      const why = (t.failureMessages?.[0] ?? '').split('\n')[0]!.slice(0, 300);
      failedTests.push(`${file.replace(/\.json$/, '')} · ${where} › ${t.fullName}: ${why}`);
    }
    // A file that failed before its tests ran (an import or a hook) has no failed test of its own.
    if (tests.length === 0 && suite.message)
      failedTests.push(`${file.replace(/\.json$/, '')} · ${where}: ${suite.message.split('\n')[0]!.slice(0, 300)}`);
  }
}
console.log(`\n━━ summary ━━\n${timings.join('\n')}`);
if (failures.length > 0) console.log(`failed steps: ${failures.join(', ')}`);
if (failedTests.length > 0) console.log(`failed tests:\n${failedTests.map((t) => `  ${t}`).join('\n')}`);
console.log(`\nTests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failures.length > 0 || failed > 0 ? 1 : 0);
