import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          // A few unit tests do real work (property runs, the whole tree's catalogues and imports, the seeker
          // ranking against its reference over thousands of pairs): a few seconds alone, past vitest's 5 s on
          // two loaded cores. None is a timing test.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['src/server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          // On a server a worker waits for PostgreSQL about half the time, so three keep two cores busy; PGlite
          // runs inside the worker, and two already do. One process per worker keeps its modules between files
          // (no test mocks a module; the caches are keyed by data version).
          maxWorkers: process.env.TEST_DATABASE_URL ? 3 : 2,
          isolate: false,
        },
      },
    ],
  },
});
