/**
 * `npm run bench`: the person search benchmark (every option goes to it, see README.md), then the
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

const persons = run('persons.bench.ts', args);
const taxonomy = run('taxonomy.bench.ts', shared);
process.exit(persons || taxonomy);
