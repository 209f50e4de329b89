#!/usr/bin/env node
// Köprü command line: runs src/server/cli.ts with the project's pinned Node 24 (type stripping).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pinned = path.join(root, 'node_modules', 'node', 'bin', 'node');
const nodeBin = fs.existsSync(pinned) ? pinned : process.execPath;
const result = spawnSync(nodeBin, [path.join(root, 'src/server/cli.ts'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
