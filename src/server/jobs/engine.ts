import { sql } from 'drizzle-orm';
import { PgBoss, fromDrizzle, fromPglite, type ConstructorOptions, type DrizzleTransactionLike } from 'pg-boss';
import type { Database, Db } from '../db/client.ts';
import { poolConfig } from '../db/multihost.ts';
import {
  assertIdsOnly,
  assertQueuesDeclared,
  DEAD_LETTER_QUEUE,
  DEAD_LETTER_RETENTION_SECONDS,
  QUEUE_NAMES,
  QUEUES,
  type QueueName,
  type QueuePayloads,
} from './queues.ts';

/**
 * The background-job engine: pg-boss on the application's own database (PGlite through its adapter,
 * a server through a small pool of its own). Queues live in the `pgboss` schema, which
 * `installJobs` creates at migration time; the running app only sends and works jobs.
 */

export const JOBS_SCHEMA = 'pgboss';
/** Schedules are read in Türkiye time (cron "0 9 * * *" is 09:00 in İstanbul). */
export const SCHEDULE_TIME_ZONE = 'Europe/Istanbul';

export interface JobLog {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const silentLog: JobLog = { debug() {}, info() {}, warn() {}, error() {} };

export interface JobSendOptions {
  /** Not before this instant (reminders); at once when absent. */
  startAfter?: Date | undefined;
}

export interface JobInfo {
  id: string;
  retryCount: number;
}

export type JobHandler<Q extends QueueName> = (data: QueuePayloads[Q], job: JobInfo) => Promise<unknown>;
export type JobHandlers = { [Q in QueueName]?: JobHandler<Q> };

export interface WorkOptions {
  /** How often an idle worker looks for jobs. */
  pollingIntervalSeconds?: number;
}

export interface Jobs {
  /**
   * Queues a job through `ctx.db`: inside a transaction the job exists only if that transaction
   * commits (and on PGlite the insert runs on the transaction's connection instead of waiting for it).
   */
  send<Q extends QueueName>(
    ctx: { db: Db },
    queue: Q,
    data: QueuePayloads[Q],
    options?: JobSendOptions,
  ): Promise<string | null>;
  /**
   * Queues several jobs (or none) in one statement through `ctx.db`: the same work whatever their
   * number, for callers that must not show by their timing whether anything was queued.
   */
  sendAll<Q extends QueueName>(ctx: { db: Db }, queue: Q, data: QueuePayloads[Q][]): Promise<void>;
  /** Moves a dead letter back to the queue it failed in, through `ctx.db`. False when it is not there. */
  redrive(ctx: { db: Db }, deadLetterId: string): Promise<boolean>;
  /** Deletes a dead letter, through `ctx.db`. False when it is not there. */
  deleteDeadLetter(ctx: { db: Db }, deadLetterId: string): Promise<boolean>;
  /** Starts workers in this process for the given queues. */
  work(handlers: JobHandlers, options?: WorkOptions): Promise<void>;
  /** Stops the workers (waiting for the jobs in hand) and the engine. */
  stop(): Promise<void>;
}

/** How pg-boss reaches the database: PGlite's one connection through its adapter, or its own pool. */
function connection(database: Database, poolSize: number): ConstructorOptions {
  if (database.kind === 'pglite') {
    if (!database.pglite) throw new Error('PGlite database without its client');
    return { db: fromPglite(database.pglite), backend: 'pglite' };
  }
  if (!database.url) throw new Error('PostgreSQL database without its address');
  // Several hosts (failover): pg-boss's pool finds the writable one as the application's does.
  return { ...poolConfig(database.url), max: poolSize, backend: 'postgres' };
}

/** A failure as it is stored on the job: the message only (no stack, no values of the database error's detail). */
export class JobFailure extends Error {
  override name = 'JobFailure';
  constructor(message: string) {
    super(message.slice(0, 500));
    this.stack = `${this.name}: ${this.message}`;
  }
}

function queueOptions(name: QueueName) {
  const q = QUEUES[name];
  return {
    policy: q.policy,
    retryLimit: q.retryLimit,
    retryDelay: q.retryDelaySeconds,
    retryBackoff: true,
    retryDelayMax: q.retryDelayMaxSeconds,
    expireInSeconds: q.expireInSeconds,
    deleteAfterSeconds: q.keepCompletedSeconds,
    deadLetter: DEAD_LETTER_QUEUE,
  };
}

/**
 * Creates or upgrades the job schema, the declared queues (with their current options) and their
 * schedules. Run at migration time by the owner of the database (`kopru migrate`, or at start-up
 * where one role owns everything): the app role only uses what this creates.
 */
export async function installJobs(database: Database): Promise<void> {
  const boss = new PgBoss({
    ...connection(database, 1),
    schema: JOBS_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
    registerInstance: false,
  });
  const errors: unknown[] = [];
  boss.on('error', (err) => errors.push(err));
  await boss.start();
  try {
    if (!(await boss.getQueue(DEAD_LETTER_QUEUE))) {
      await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: DEAD_LETTER_RETENTION_SECONDS });
    } else {
      await boss.updateQueue(DEAD_LETTER_QUEUE, { retentionSeconds: DEAD_LETTER_RETENTION_SECONDS });
    }
    for (const name of QUEUE_NAMES) {
      const { policy, ...options } = queueOptions(name);
      const existing = await boss.getQueue(name);
      if (!existing) await boss.createQueue(name, { policy, ...options });
      else await boss.updateQueue(name, options);
    }
    const wanted = new Map(QUEUE_NAMES.filter((n) => QUEUES[n].schedule).map((n) => [n, QUEUES[n].schedule!]));
    for (const existing of await boss.getSchedules()) {
      if (!wanted.has(existing.name as QueueName)) await boss.unschedule(existing.name, existing.key || undefined);
    }
    for (const [name, cron] of wanted) await boss.schedule(name, cron, {}, { tz: SCHEDULE_TIME_ZONE });
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
  if (errors.length > 0) throw errors[0] instanceof Error ? errors[0] : new Error(String(errors[0]));
}

/**
 * Whether the job schema is installed at the version this pg-boss expects, with every declared queue
 * (an app role that cannot migrate checks this at start-up).
 */
export async function jobsInstalled(database: Database): Promise<boolean> {
  const rows = await database.query<{ installed: boolean }>(
    `SELECT to_regclass('${JOBS_SCHEMA}.queue') IS NOT NULL AS installed`,
  );
  if (!rows[0]?.installed) return false;
  const queues = await database.query<{ name: string }>(`SELECT name FROM ${JOBS_SCHEMA}.queue`);
  const names = new Set(queues.map((q) => q.name));
  return [DEAD_LETTER_QUEUE, ...QUEUE_NAMES].every((n) => names.has(n));
}

export interface StartOptions {
  /**
   * This instance keeps the queues (expires stuck jobs, removes old ones) and runs the schedules.
   * Instances that only send (KOPRU_WORKERS=false, tests, the command line) leave that to others.
   */
  maintain: boolean;
  log?: JobLog | undefined;
  /** Pool size on a server. */
  poolSize?: number;
}

/** Starts the engine: afterwards jobs can be sent; `work()` adds workers. */
export async function startJobs(database: Database, options: StartOptions): Promise<Jobs> {
  // Every queue the contract names is declared (else it would never be created, and its jobs lost).
  assertQueuesDeclared();
  const log = options.log ?? silentLog;
  const boss = new PgBoss({
    ...connection(database, options.poolSize ?? 4),
    schema: JOBS_SCHEMA,
    migrate: false,
    supervise: options.maintain,
    schedule: options.maintain,
    // REINDEX needs the owner of the job tables; the app role is not (kopru migrate is).
    reindex: false,
    persistWarnings: false,
  });
  boss.on('error', (err) => log.error({ err }, 'job engine error'));
  boss.on('warning', (warning) => log.warn({ warning }, 'job engine warning'));
  try {
    await boss.start();
  } catch (err) {
    await boss.stop({ graceful: false, close: true }).catch(() => {});
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(`the job queues are not ready (${message}): run "kopru migrate" as the database owner`, {
      cause: err,
    });
  }
  for (const name of [DEAD_LETTER_QUEUE, ...QUEUE_NAMES]) {
    if (!(await boss.getQueue(name))) {
      await boss.stop({ graceful: false, close: true });
      throw new Error(`the job queue "${name}" does not exist: run "kopru migrate" as the database owner`);
    }
  }

  const txDb = (db: Db) => fromDrizzle(db as unknown as DrizzleTransactionLike, sql);
  let stopping: Promise<void> | null = null;

  return {
    async send(ctx, queue, data, sendOptions = {}) {
      assertIdsOnly(queue, data);
      return boss.send(queue, data, {
        db: txDb(ctx.db),
        ...(sendOptions.startAfter ? { startAfter: sendOptions.startAfter } : {}),
      });
    },
    async sendAll(ctx, queue, data) {
      for (const item of data) assertIdsOnly(queue, item);
      await boss.insert(
        queue,
        data.map((item) => ({ data: item })),
        { db: txDb(ctx.db) },
      );
    },
    async redrive(ctx, deadLetterId) {
      const moved = await boss.redrive(DEAD_LETTER_QUEUE, { ids: [deadLetterId], db: txDb(ctx.db) });
      return moved > 0;
    },
    async deleteDeadLetter(ctx, deadLetterId) {
      const result = (await boss.deleteJob(DEAD_LETTER_QUEUE, deadLetterId, { db: txDb(ctx.db) })) as {
        affected?: number;
      };
      return (result.affected ?? 0) > 0;
    },
    async work(handlers, workOptions = {}) {
      for (const name of QUEUE_NAMES) {
        const handler = handlers[name] as JobHandler<QueueName> | undefined;
        if (!handler) continue;
        await boss.work<QueuePayloads[QueueName]>(
          name,
          {
            batchSize: 1,
            localConcurrency: QUEUES[name].concurrency,
            pollingIntervalSeconds: workOptions.pollingIntervalSeconds ?? 2,
          },
          async ([job]) => {
            if (!job) return;
            const started = Date.now();
            try {
              const result = await handler(job.data, { id: job.id, retryCount: job.retryCount });
              log.debug({ queue: name, jobId: job.id, ms: Date.now() - started, result }, 'job done');
              return result;
            } catch (err) {
              log.error({ err, queue: name, jobId: job.id, retryCount: job.retryCount }, 'job failed');
              throw new JobFailure(err instanceof Error ? err.message : String(err));
            }
          },
        );
      }
    },
    stop() {
      stopping ??= boss.stop({ graceful: true, close: true, timeout: 10_000 });
      return stopping;
    },
  };
}

/**
 * For contexts that must never queue background work (the command line's bootstrap, which prints its
 * link instead of sending it; benchmarks): every call fails loudly instead of losing a job.
 */
export const noJobs: Jobs = {
  send: () => Promise.reject(new Error('no job engine in this context: nothing can be queued')),
  sendAll: () => Promise.reject(new Error('no job engine in this context: nothing can be queued')),
  redrive: () => Promise.reject(new Error('no job engine in this context')),
  deleteDeadLetter: () => Promise.reject(new Error('no job engine in this context')),
  work: () => Promise.reject(new Error('no job engine in this context')),
  stop: () => Promise.resolve(),
};
