/**
 * `npm run bench`: the person search benchmark (every option goes to it, see README.md), then the
 * manager's dashboard on the same server registry (kept for it, then dropped: dashboard.bench.ts), then the
 * occupation search benchmark (`--only` and `--url` go to it too), one after the other, so that the
 * figures print side by side.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const args = process.argv.slice(2);
const shared: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  const [name] = a.split('=');
  if (name === '--only' || name === '--url') {
    shared.push(a);
    if (!a.includes('=') && args[i + 1]) shared.push(args[i + 1]!);
  }
}
const run = (file: string, argv: string[]) =>
  spawnSync(process.execPath, [path.join(import.meta.dirname, file), ...argv], { stdio: 'inherit' }).status ?? 1;

// The server registry is kept for the dashboard bench, which drops it (unless --keep was asked for).
const server = !args.some((a, i) => a === '--only=pglite' || (a === '--only' && args[i + 1] === 'pglite'));
const keep = args.includes('--keep');
const searched = spawnSync(
  process.execPath,
  [path.join(import.meta.dirname, 'persons.bench.ts'), ...args, ...(server && !keep ? ['--keep'] : [])],
  { stdio: ['inherit', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024 },
);
process.stdout.write(searched.stdout);
const persons = searched.status ?? 1;
const kept = /kept database (kopru_bench_\d+)/.exec(String(searched.stdout))?.[1];
const urlAt = args.findIndex((a) => a === '--url' || a.startsWith('--url='));
const url = urlAt < 0 ? [] : args[urlAt]!.includes('=') ? [args[urlAt]!] : ['--url', args[urlAt + 1]!];
const dashboard = kept ? run('dashboard.bench.ts', ['--reuse', kept, ...(keep ? [] : ['--drop']), ...url]) : 0;
const taxonomy = run('taxonomy.bench.ts', shared);
process.exit(persons || dashboard || taxonomy);
