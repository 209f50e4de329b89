import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/harness.ts';
import { inTransaction } from '../lib/context.ts';
import { systemContext } from './handlers.ts';
import { startJobs, type Jobs } from './engine.ts';
import { QUEUES } from './queues.ts';
import { enqueue } from '../modules/outbox/index.ts';

/**
 * The job engine on the test database (PGlite: workers in one process on its one connection; a
 * server: separate pg-boss instances with their own pools). Workers poll every half second; the
 * tests wait for what they expect to happen (never for a fixed time) and move a retry's start time
 * instead of waiting out its back-off.
 */

let t: TestContext;
const workers: Jobs[] = [];

beforeAll(async () => {
  t = await createTestContext({ mode: 'production' });
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});
afterAll(async () => t.close());

async function worker(handler: (data: { messageId: string }) => Promise<void>): Promise<Jobs> {
  const jobs = await startJobs(t.database, { maintain: false, poolSize: 2 });
  workers.push(jobs);
  await jobs.work({ 'outbox-deliver': handler }, { pollingIntervalSeconds: 0.5 });
  return jobs;
}

async function waitFor<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface JobRow {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  wait: number;
}

const jobsOf = (messageIds: string[]) =>
  t.database.query<JobRow>(
    `SELECT id, name, state::text AS state, retry_count, extract(epoch FROM start_after - now())::float AS wait
       FROM pgboss.job WHERE data->>'messageId' = ANY($1::text[]) ORDER BY created_on`,
    [messageIds],
  );

describe('background jobs', () => {
  it('never runs a job queued in a transaction that rolled back', async () => {
    const ctx = systemContext(t.deps, 'test');
    const message = {
      channel: 'sms' as const,
      recipient: '+905321000099',
      template: 'sign-in-code' as const,
      locale: 'tr' as const,
      params: { code: '123456' },
      organisationId: null,
      userId: null,
    };
    let rolledBack = '';
    await expect(
      inTransaction(ctx, async (tx) => {
        rolledBack = await enqueue(tx, message);
        throw new Error('the change is refused');
      }),
    ).rejects.toThrow('the change is refused');
    const committed = await inTransaction(ctx, (tx) => enqueue(tx, message));

    const handled: string[] = [];
    await worker(async ({ messageId }) => {
      handled.push(messageId);
    });
    await waitFor(async () => (await jobsOf([committed]))[0]?.state === 'completed', 'the committed job');
    expect(handled).toEqual([committed]);
    // Neither the message nor its job exists: there is nothing that could ever run.
    expect(await jobsOf([rolledBack])).toEqual([]);
    expect(await t.database.query('SELECT 1 FROM outbox_messages WHERE id = $1', [rolledBack])).toEqual([]);
  });

  it('runs each job once with two workers on the same database', async () => {
    const ids = Array.from({ length: 16 }, () => crypto.randomUUID());
    const handled: { by: string; id: string }[] = [];
    const slow =
      (by: string) =>
      async ({ messageId }: { messageId: string }) => {
        handled.push({ by, id: messageId });
        await new Promise((r) => setTimeout(r, 30));
      };
    await worker(slow('a'));
    await worker(slow('b'));
    for (const messageId of ids) await t.jobs.send(t.deps.database, 'outbox-deliver', { messageId });
    await waitFor(
      async () =>
        (await jobsOf(ids)).every((j) => j.state === 'completed') && (await jobsOf(ids)).length === ids.length,
      'every job completed',
    );
    expect(handled.map((h) => h.id).sort()).toEqual([...ids].sort());
  });

  it('retries a failing job with growing back-off, then dead-letters it; admins retry or delete it, audited', async () => {
    const admin = await t.as('ibb', 'platform');
    const organisationId = (await (await t.as('ibb', 'admin')).get('/api/v1/me')).body.organisation.id as string;
    const ids = [crypto.randomUUID(), crypto.randomUUID()];
    for (const messageId of ids) await t.jobs.send(t.deps.database, 'outbox-deliver', { messageId, organisationId });
    let attempts = 0;
    const failing = await worker(async () => {
      attempts++;
      throw new Error('relay refused the connection');
    });

    const { retryLimit, retryDelaySeconds, retryDelayMaxSeconds } = QUEUES['outbox-deliver'];
    for (let retry = 0; retry < retryLimit; retry++) {
      const rows = await waitFor(async () => {
        const r = await jobsOf(ids);
        return r.every((j) => j.state === 'retry' && j.retry_count === retry) && r;
      }, `retry ${retry}`);
      // Back-off: about retryDelay × 2^retry (with jitter up to twice that), capped.
      for (const row of rows) {
        const base = Math.min(retryDelaySeconds * 2 ** retry, retryDelayMaxSeconds);
        expect(row.wait).toBeGreaterThan(base - 2);
        expect(row.wait).toBeLessThanOrEqual(Math.min(2 * base, retryDelayMaxSeconds) + 1);
      }
      // Instead of waiting out the back-off, its time comes now.
      await t.database.query(`UPDATE pgboss.job SET start_after = now() WHERE id = ANY($1::uuid[])`, [
        rows.map((r) => r.id),
      ]);
    }
    await waitFor(async () => (await jobsOf(ids)).filter((j) => j.name === 'dead-letter').length === 2, 'dead letters');
    expect(attempts).toBe(2 * (retryLimit + 1));
    await failing.stop();

    const queues = await admin.get('/api/v1/background-jobs/queues');
    expect(queues.status).toBe(200);
    expect(queues.body.items.find((q: { name: string }) => q.name === 'outbox-deliver')).toMatchObject({
      deadLettered: 2,
      retrying: 0,
    });
    const failures = await admin.get('/api/v1/background-jobs/failures?queue=outbox-deliver');
    expect(failures.status).toBe(200);
    expect(failures.body.total).toBe(2);
    expect(failures.body.items[0]).toMatchObject({
      kind: 'dead-lettered',
      queue: 'outbox-deliver',
      attempts: retryLimit + 1,
      error: 'relay refused the connection',
    });
    expect(ids).toContain(failures.body.items[0].payload.messageId);
    const [retried, deleted] = failures.body.items.map((f: { id: string }) => f.id) as [string, string];

    // The queues are the platform's: an organisation's admin, or anyone else, has no access.
    const orgAdmin = await t.as('ibb', 'admin');
    expect((await orgAdmin.get('/api/v1/background-jobs/failures')).status).toBe(403);
    expect((await orgAdmin.post(`/api/v1/background-jobs/failures/${retried}/retry`)).status).toBe(403);
    expect((await orgAdmin.delete(`/api/v1/background-jobs/failures/${deleted}`)).status).toBe(403);
    expect((await (await t.as('ibb', 'counsellor')).get('/api/v1/background-jobs/queues')).status).toBe(403);

    expect((await admin.post(`/api/v1/background-jobs/failures/${retried}/retry`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/background-jobs/failures/${deleted}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/background-jobs/failures/${deleted}`)).status).toBe(404);
    const after = await jobsOf(ids);
    expect(after.filter((j) => j.name === 'dead-letter')).toEqual([]);
    // The retried job is queued again in its own queue, for a fresh set of attempts.
    expect(after.filter((j) => j.name === 'outbox-deliver' && j.state === 'created')).toHaveLength(1);
    const handled: string[] = [];
    await worker(async ({ messageId }) => {
      handled.push(messageId);
    });
    await waitFor(async () => handled.length === 1, 'the retried job');

    const audit = await orgAdmin.get('/api/v1/audit-events?subjectType=job&pageSize=10');
    expect(audit.body.items.map((e: { action: string; subjectId: string }) => [e.action, e.subjectId]).sort()).toEqual(
      [
        ['job.deleted', deleted],
        ['job.retried', retried],
      ].sort(),
    );
  });

  it("defers a reminder's delivery job to its time, and counts it as waiting", async () => {
    const ctx = systemContext(t.deps, 'test');
    const at = new Date(Date.now() + 2 * 24 * 3600 * 1000);
    const id = await inTransaction(ctx, (tx) =>
      enqueue(
        tx,
        {
          channel: 'email',
          recipient: 'someone@example.org',
          template: 'appointment-reminder',
          locale: 'tr',
          params: {},
          organisationId: null,
          userId: null,
        },
        { notBefore: at },
      ),
    );
    const [job] = await t.database.query<{ state: string; start_after: Date }>(
      `SELECT state::text AS state, start_after FROM pgboss.job WHERE data->>'messageId' = $1`,
      [id],
    );
    expect(job!.state).toBe('created');
    expect(new Date(job!.start_after).getTime()).toBe(at.getTime());
    const queues = await (await t.as('ibb', 'platform')).get('/api/v1/background-jobs/queues');
    expect(queues.body.items.find((q: { name: string }) => q.name === 'outbox-deliver').deferred).toBeGreaterThan(0);
  });

  it('refuses a payload that is not ids only', async () => {
    await expect(t.jobs.send(t.deps.database, 'outbox-deliver', { messageId: '+905321000099' })).rejects.toThrow(
      /ids only/,
    );
  });
});
