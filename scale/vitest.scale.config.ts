import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * Scale-out runs (issue 18): several instances behind a proxy, a streaming replica. Each test file
 * starts its own processes on a PostgreSQL server (TEST_DATABASE_URL) and skips without one. Run by
 * `npm test` as separate steps after the main suite (scripts/test.ts).
 */
export default defineConfig({
  root: path.resolve(import.meta.dirname, '..'),
  test: {
    name: 'scale',
    include: ['scale/**/*.scale.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
