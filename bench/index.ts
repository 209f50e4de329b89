/**
 * `npm run bench -- [part] [options]`: the benchmark of one part of issue 15.
 *
 *   web      what the browser loads, /api/health and /me under autocannon, a cold counsellor home (web.bench.ts)
 *   search   the person search on a synthetic registry (persons.bench.ts)
 *   taxonomy the occupation search: accuracy on the evaluation set and latency (taxonomy.bench.ts)
 *   indicators disclosure control on one family of tables (indicators.bench.ts)
 *   dashboard the manager's dashboard on a kept 1,000,000-person registry, cold and warm (dashboard.bench.ts)
 *   lists    the person list and search under autocannon on the server (lists.bench.ts)
 *   import   100,000 persons from an XLSX, uploaded, checked and imported through the API (import.bench.ts)
 *   matching vacancy → candidates and person → vacancies with recall@50 on a synthetic registry (matching.bench.ts)
 *
 * Without a part, the person search and the occupation search run one after the other (all.ts).
 *
 * Options after the part go to that part's script.
 */
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const PARTS: Record<string, string> = {
  web: 'web.bench.ts',
  search: 'persons.bench.ts',
  lists: 'lists.bench.ts',
  import: 'import.bench.ts',
  taxonomy: 'taxonomy.bench.ts',
  indicators: 'indicators.bench.ts',
  dashboard: 'dashboard.bench.ts',
  matching: 'matching.bench.ts',
};

const [first, ...rest] = process.argv.slice(2);
const named = first !== undefined && !first.startsWith('-');
if (named && !PARTS[first]) {
  console.error(`Unknown part "${first}": one of ${Object.keys(PARTS).join(', ')}`);
  process.exit(2);
}
const script = named ? PARTS[first]! : 'all.ts';
const result = spawnSync(
  process.execPath,
  [path.join(import.meta.dirname, script), ...(named ? rest : process.argv.slice(2))],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
