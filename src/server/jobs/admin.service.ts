import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { inTransaction, type Ctx } from '../lib/context.ts';
import { audit } from '../lib/audit.ts';
import { problems } from '../lib/errors.ts';
import { JOBS_SCHEMA } from './engine.ts';
import { DEAD_LETTER_QUEUE, QUEUE_NAMES, QUEUES, type QueueName } from './queues.ts';

/**
 * The platform administrator's view of the job queues (`jobs:manage`, a platform permission: the
 * queues are the installation's, shared by every organisation). Counts, and failed jobs with their
 * error message and their payload, which is ids only (queues.ts), so nothing here is anyone's
 * personal data. Retry and delete act on dead letters, in a transaction with their audit event.
 */

const JOB = sql.raw(`${JOBS_SCHEMA}.job`);

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (result as { rows: T[] }).rows;
}

export interface QueueSummary {
  name: QueueName;
  purpose: string;
  schedule: string | null;
  retryLimit: number;
  /** Ready to run now. */
  queued: number;
  /** Waiting for their start time (reminders). */
  deferred: number;
  active: number;
  /** Failed and waiting for their next attempt. */
  retrying: number;
  /** Failed after the last attempt and moved to the dead letters. */
  deadLettered: number;
  /** Completed and still kept (see the queue's retention). */
  completed: number;
}

export async function queueSummaries(ctx: Ctx): Promise<QueueSummary[]> {
  const names = sql.join(
    QUEUE_NAMES.map((n) => sql`${n}`),
    sql`, `,
  );
  const counts = await rows<{ name: string; state: string; later: boolean; n: number }>(
    ctx.db,
    sql`SELECT name, state::text AS state, (start_after > now()) AS later, count(*)::int AS n
          FROM ${JOB} WHERE name IN (${names}) GROUP BY 1, 2, 3`,
  );
  const dead = await rows<{ name: string; n: number }>(
    ctx.db,
    sql`SELECT source_name AS name, count(*)::int AS n FROM ${JOB}
         WHERE name = ${DEAD_LETTER_QUEUE} AND state IN ('created', 'retry') GROUP BY 1`,
  );
  return QUEUE_NAMES.map((name) => {
    const of = (state: string, later?: boolean) =>
      counts
        .filter((c) => c.name === name && c.state === state && (later === undefined || c.later === later))
        .reduce((sum, c) => sum + c.n, 0);
    return {
      name,
      purpose: QUEUES[name].purpose,
      schedule: QUEUES[name].schedule ?? null,
      retryLimit: QUEUES[name].retryLimit,
      queued: of('created', false),
      deferred: of('created', true),
      active: of('active'),
      retrying: of('retry'),
      deadLettered: dead.find((d) => d.name === name)?.n ?? 0,
      completed: of('completed'),
    };
  });
}

export type FailureKind = 'dead-lettered' | 'retrying';

export interface FailureFilter {
  kind: FailureKind;
  queue?: QueueName | undefined;
  page: number;
  pageSize: number;
}

export interface JobFailureView {
  /** The dead letter's id (actions use it), or the retrying job's. */
  id: string;
  kind: FailureKind;
  queue: string;
  /** The id of the job that failed. */
  jobId: string;
  /** Attempts made so far. */
  attempts: number;
  /** The last error's message (no stack, no payload values). */
  error: string | null;
  /** The job's payload: ids only (see queues.ts). */
  payload: Record<string, string>;
  queuedAt: string;
  /** When it was dead-lettered, or when the next attempt is due. */
  at: string;
}

interface FailureRow {
  id: string;
  queue: string;
  job_id: string;
  attempts: number;
  error: unknown;
  payload: Record<string, string> | null;
  queued_at: Date | string;
  at: Date | string;
  total: number;
}

function errorMessage(output: unknown): string | null {
  if (output && typeof output === 'object' && 'message' in output) {
    const message = output.message;
    return typeof message === 'string' ? message.slice(0, 500) : null;
  }
  return typeof output === 'string' ? output.slice(0, 500) : null;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export async function listFailures(
  ctx: Ctx,
  filter: FailureFilter,
): Promise<{ items: JobFailureView[]; total: number }> {
  const offset = (filter.page - 1) * filter.pageSize;
  const query =
    filter.kind === 'dead-lettered'
      ? sql`SELECT id, source_name AS queue, source_id AS job_id, coalesce(source_retry_count, 0) + 1 AS attempts,
                   source_output AS error, data AS payload, coalesce(source_created_on, created_on) AS queued_at,
                   created_on AS at, count(*) OVER ()::int AS total
              FROM ${JOB}
             WHERE name = ${DEAD_LETTER_QUEUE} AND state IN ('created', 'retry')
               ${filter.queue ? sql`AND source_name = ${filter.queue}` : sql``}
             ORDER BY created_on DESC, id
             LIMIT ${filter.pageSize} OFFSET ${offset}`
      : sql`SELECT id, name AS queue, id AS job_id, retry_count AS attempts, output AS error, data AS payload,
                   created_on AS queued_at, start_after AS at, count(*) OVER ()::int AS total
              FROM ${JOB}
             WHERE state = 'retry' AND name IN (${sql.join(
               (filter.queue ? [filter.queue] : QUEUE_NAMES).map((n) => sql`${n}`),
               sql`, `,
             )})
             ORDER BY start_after, id
             LIMIT ${filter.pageSize} OFFSET ${offset}`;
  const found = await rows<FailureRow>(ctx.db, query);
  return {
    total: found[0]?.total ?? (offset > 0 ? await countFailures(ctx, filter) : 0),
    items: found.map((r) => ({
      id: r.id,
      kind: filter.kind,
      queue: r.queue,
      jobId: r.job_id,
      attempts: Number(r.attempts),
      error: errorMessage(r.error),
      payload: r.payload ?? {},
      queuedAt: iso(r.queued_at),
      at: iso(r.at),
    })),
  };
}

/** The total when the page asked for lies past the end (the window count above has no row to ride on). */
async function countFailures(ctx: Ctx, filter: FailureFilter): Promise<number> {
  const { total } = await listFailures(ctx, { ...filter, page: 1, pageSize: 1 });
  return total;
}

/** Locks a dead letter, or answers 404. */
async function lockDeadLetter(ctx: Ctx, id: string): Promise<{ queue: string }> {
  const [found] = await rows<{ queue: string }>(
    ctx.db,
    sql`SELECT source_name AS queue FROM ${JOB}
         WHERE name = ${DEAD_LETTER_QUEUE} AND id = ${id} AND state IN ('created', 'retry')
         FOR UPDATE`,
  );
  if (!found) throw problems.notFound();
  return found;
}

/** Sends a dead letter back to the queue it failed in, for a fresh set of attempts. */
export async function retryDeadLetter(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await lockDeadLetter(tx, id);
    if (!(await tx.jobs.redrive(tx, id))) throw problems.notFound();
    await audit(tx.db, tx, { action: 'job.retried', subjectType: 'job', subjectId: id });
  });
}

/** Deletes a dead letter (the failure has been dealt with otherwise). */
export async function deleteDeadLetter(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await lockDeadLetter(tx, id);
    if (!(await tx.jobs.deleteDeadLetter(tx, id))) throw problems.notFound();
    await audit(tx.db, tx, { action: 'job.deleted', subjectType: 'job', subjectId: id });
  });
}
