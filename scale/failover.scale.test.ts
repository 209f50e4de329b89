// Automatic failover (issue 18): scripts/failover-drill.ts builds a pg_auto_failover formation of its
// own (monitor, primary, synchronous secondary), runs Köprü on it through a multi-host address, kills
// every process of the primary under a write load and keeps it down. The app must find the new primary
// by itself, and every write it acknowledged — before the kill and after — must be there afterwards.
import { describe, expect, it } from 'vitest';
import { runDrill } from '../scripts/failover-drill.ts';
import { canRunAutoFailover } from './auto-failover.ts';
import { parseAddress } from '../src/server/db/multihost.ts';

describe('a multi-host address', () => {
  it('lists the hosts, the role and the database, and wants a writable server by default', () => {
    const a = parseAddress('postgres://app:p%40ss@db1:5433,db2,[::1]:6000/kopru?sslmode=disable');
    expect(a.hosts).toEqual([
      { host: 'db1', port: 5433 },
      { host: 'db2', port: 5432 },
      { host: '::1', port: 6000 },
    ]);
    expect([a.user, a.password, a.database, a.targetSessionAttrs]).toEqual(['app', 'p@ss', 'kopru', 'read-write']);
    expect(a.params).toEqual({ sslmode: 'disable' });
    expect(() => parseAddress('postgres://h1,h2/db?target_session_attrs=standby')).toThrow(/not supported/);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL || !canRunAutoFailover())('automatic failover (issue 18)', () => {
  it('keeps serving writes after the primary is killed, and loses none it acknowledged', async () => {
    const figures = await runDrill({ log: (line) => console.log(`[failover] ${line}`) });
    expect(figures.acknowledgedBeforeKill).toBeGreaterThan(0);
    // Synchronous replication: what was acknowledged is on the secondary that took over.
    expect(figures.foundBeforeKill).toBe(figures.acknowledgedBeforeKill);
    expect(figures.found).toBe(figures.acknowledged);
    // The app found the new primary by itself and went on writing.
    expect(figures.acknowledged).toBeGreaterThan(figures.acknowledgedBeforeKill);
    expect(figures.states).toMatch(/node2 (wait_)?primary/);
  }, 420_000);
});
