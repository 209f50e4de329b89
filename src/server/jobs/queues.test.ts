import { describe, expect, it } from 'vitest';
import { assertIdsOnly, assertQueuesDeclared, QUEUE_NAMES, QUEUES, undeclaredQueues } from './queues.ts';
import { jobHandlers, SWEEPS } from './handlers.ts';
import { QUEUE_NAMES as CONTRACT_QUEUE_NAMES } from '../../common/contracts/jobs.ts';
import type { AppDeps } from '../http.ts';
import { appRoleGrants } from '../db/migrate.ts';
import { LOCALES } from '../../common/locales.ts';
import { hasKey } from '../lib/i18n.ts';

describe('job queues', () => {
  it('accept payloads of ids only', () => {
    expect(() => assertIdsOnly('q', { messageId: '0b7c3f4e-2f57-4a59-9d4b-6a1f7e0c9a11' })).not.toThrow();
    expect(() => assertIdsOnly('q', {})).not.toThrow();
    for (const value of ['+905321000003', 'ayse@example.org', '123456', 42, { id: 'x' }, null]) {
      expect(() => assertIdsOnly('q', { messageId: value })).toThrow(/ids only: q\.messageId/);
    }
  });

  it('declare sane retries, and a schedule exactly for each sweep', () => {
    for (const name of QUEUE_NAMES) {
      const q = QUEUES[name];
      expect(q.retryLimit).toBeGreaterThan(0);
      expect(q.retryDelaySeconds).toBeGreaterThan(0);
      expect(q.retryDelayMaxSeconds).toBeGreaterThanOrEqual(q.retryDelaySeconds);
      expect(q.expireInSeconds).toBeGreaterThan(0);
      if (q.schedule) expect(q.schedule.split(' ')).toHaveLength(5);
    }
    const scheduled = QUEUE_NAMES.filter((n) => QUEUES[n].schedule).sort();
    expect(Object.keys(SWEEPS).sort()).toEqual(scheduled);
  });
});

describe('the background-jobs screen', () => {
  // The screen falls back to the queue's name and its English purpose: a queue without its texts shows
  // English on a Turkish or Arabic screen.
  it('names every queue, says what it does and, for a sweep, when it runs, in each language', () => {
    const missing: string[] = [];
    for (const locale of LOCALES)
      for (const name of QUEUE_NAMES) {
        const keys = ['queueNames', 'queuePurposes', ...(QUEUES[name].schedule ? ['schedules'] : [])];
        for (const k of keys) {
          const key = `admin.jobs.${k}.${name}`;
          if (!hasKey(locale, key)) missing.push(`${locale}: ${key}`);
        }
      }
    expect(missing).toEqual([]);
  });
});

describe('the queues of the jobs contract', () => {
  // Building the handlers touches no dependency: each uses them only when a job runs.
  const handlers = jobHandlers({} as AppDeps);

  it('each have a declaration and a handler, in both directions', () => {
    expect(undeclaredQueues(CONTRACT_QUEUE_NAMES, QUEUES, handlers)).toEqual([]);
    expect([...QUEUE_NAMES].sort()).toEqual([...CONTRACT_QUEUE_NAMES].sort());
    expect(() => assertQueuesDeclared(handlers)).not.toThrow();
  });

  it('refuse to start with a queue name the contract adds without a declaration', () => {
    const names = [...CONTRACT_QUEUE_NAMES, 'payroll-sweep'];
    expect(undeclaredQueues(names, QUEUES)).toEqual([{ queue: 'payroll-sweep', missing: 'declaration' }]);
    expect(() => assertQueuesDeclared(undefined, names)).toThrow(
      /without their declaration in QUEUES \(src\/server\/jobs\/queues\.ts\): "payroll-sweep"/,
    );
  });

  it('refuse to start the workers with a declared queue that has no handler', () => {
    const { 'graduation-sweep': _left, ...fewer } = handlers;
    expect(() => assertQueuesDeclared(fewer)).toThrow(/handler in jobHandlers .*"graduation-sweep"/);
  });
});

describe('the app role grants', () => {
  const grants = appRoleGrants('kopru"app');
  it('quote the role and give rows only', () => {
    expect(grants.filter((g) => g.includes('kopru')).every((g) => g.includes('"kopru""app"'))).toBe(true);
    expect(grants.join('\n')).not.toMatch(/GRANT[^\n]*(TRUNCATE|ALL PRIVILEGES|CREATE ON|TRIGGER ON)/);
  });

  it('keep the audit log append-only for the app', () => {
    const audit = grants.filter((g) => g.includes('audit_events'));
    expect(audit).toEqual([
      'REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON audit_events FROM "kopru""app"',
      'GRANT SELECT, INSERT ON audit_events TO "kopru""app"',
    ]);
    // The revoke comes after the table-wide grant.
    expect(grants.indexOf(audit[0]!)).toBeGreaterThan(
      grants.findIndex((g) => g.startsWith('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public')),
    );
  });
});
