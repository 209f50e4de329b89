import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The two axe sweeps (every screen, tr and ar) are the longest files by far but the smallest on disk, and a
 * fresh clone has no timings: vitest's own order (largest file first) started them last, after every other
 * file, so the step waited on them alone. They go first, side by side, and the rest fill the third worker.
 */
class SweepsFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const sweep = (f: TestSpecification) => /a11y-(tr|ar)\.e2e\.test\.ts$/.test(f.moduleId);
    return [...sorted.filter(sweep), ...sorted.filter((f) => !sweep(f))];
  }
}

/**
 * Browser tests: a real server (PGlite in a temp folder, or E2E_DATABASE_URL) started once by
 * global-setup.ts, driven through /usr/bin/chromium with playwright-core.
 */
export default defineConfig({
  root: path.resolve(import.meta.dirname, '..'),
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    // Generous: CI runs on two loaded cores, and a browser test is not a timing test.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // expect.poll waits for what a user waits for (a debounced search, a form filled from a request);
    // its default of one second failed on loaded CI cores while the page was only slow.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    pool: 'forks',
    maxWorkers: 3,
    sequence: { sequencer: SweepsFirst },
  },
});
