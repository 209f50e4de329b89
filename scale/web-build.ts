// The web app's build for the browser run through the proxy (scale/cluster.scale.test.ts): the instances
// serve dist/web. In CI the browser suite has just built it; run alone, the build is made when missing
// or older than its sources (as e2e/global-setup.ts does for the browser suite).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(import.meta.dirname, '..');

function newest(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of fs.readdirSync(target)) latest = Math.max(latest, newest(path.join(target, entry)));
  return latest;
}

export function ensureWebBuilt(): void {
  const index = path.join(root, 'dist', 'web', 'index.html');
  const sources = Math.max(
    ...['src/web', 'src/common', 'index.html', 'vite.config.ts'].map((p) => newest(path.join(root, p))),
  );
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  console.log('[cluster] building the web app');
  const pinned = path.join(root, 'node_modules', '.bin', 'node');
  const result = spawnSync(
    fs.existsSync(pinned) ? pinned : process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('vite build failed');
}
