// Backups and point-in-time recovery (issue 18): scripts/backup-restore-drill.ts makes a primary of its
// own with WAL archiving, runs Köprü on it, takes a base backup with pg_basebackup, registers persons
// before and after a noted moment, and restores the base backup into a new data folder replaying the
// archive up to that moment (recovery_target_time). Exactly the writes up to the target must be back.
import { describe, expect, it } from 'vitest';
import { runRestoreDrill } from '../scripts/backup-restore-drill.ts';
import { canRunOwnServers } from './local-postgres.ts';

describe.skipIf(!process.env.TEST_DATABASE_URL || !canRunOwnServers())(
  'backups and point-in-time recovery (issue 18)',
  () => {
    it('restores a base backup and the archived WAL up to a chosen moment, and nothing after it', async () => {
      const figures = await runRestoreDrill({ log: (line) => console.log(`[restore] ${line}`) });
      expect(figures.restored.beforeBackup).toBe(figures.written.beforeBackup);
      // Written after the base backup: only the archived WAL brings these back.
      expect(figures.restored.beforeTarget).toBe(figures.written.beforeTarget);
      expect(figures.restored.afterTarget).toBe(0);
      expect(figures.walSegmentsArchived).toBeGreaterThan(0);
    }, 420_000);
  },
);
