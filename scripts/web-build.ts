// The web app's build for `npm start`, the browser runs (e2e/global-setup.ts) and the run through the proxy
// (scale/cluster.scale.test.ts): the server serves dist/web, built when missing or older than its sources.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');

/** The pinned Node 24 the project runs on (the system Node is too old). */
export function nodeBinary(): string {
  const pinned = path.join(root, 'node_modules', '.bin', 'node');
  return fs.existsSync(pinned) ? pinned : process.execPath;
}

function newest(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of fs.readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

/** Builds the web app when dist/web is missing or older than its sources; `who` prefixes the log line. */
export function ensureWebBuilt(who: string): void {
  const index = path.join(root, 'dist', 'web', 'index.html');
  const sources = Math.max(
    ...['src/web', 'src/common', 'index.html', 'vite.config.ts'].map((p) => newest(path.join(root, p))),
  );
  // Written after a production build: a dist/web built before NODE_ENV was forced (React's development
  // build) lacks it and is built again once.
  const marker = path.join(root, 'dist', 'web', '.vite', 'production');
  if (fs.existsSync(index) && fs.existsSync(marker) && fs.statSync(index).mtimeMs >= sources) return;
  console.log(`[${who}] building the web app`);
  const result = spawnSync(
    nodeBinary(),
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    // NODE_ENV=production whatever the caller's: vitest sets NODE_ENV=test, with which Vite bundled React's
    // development build (jsxDEV, dev-time checks), several times slower in the browser than the one users get.
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) throw new Error('vite build failed');
  fs.writeFileSync(marker, '');
}
