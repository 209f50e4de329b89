/**
 * Every background queue, declared once: its payload, retries, back-off, how long a handler may run,
 * and, for periodic sweeps, its schedule. `kopru migrate` creates (or updates) them as the database
 * owner; the running app only sends and works jobs.
 *
 * Payloads carry ids only (checked at send time): never personal data or secrets, which stay in the
 * domain tables, where access rules, encryption and retention apply. Due dates live there too: a
 * sweep acts on what is due by the application clock, so tests move that clock and call the sweep.
 */

import {
  QUEUE_NAMES as CONTRACT_QUEUE_NAMES,
  type QueueName as ContractQueueName,
} from '../../common/contracts/jobs.ts';

/** Where a job goes after its last retry fails; the admin screen lists it there with its error. */
export const DEAD_LETTER_QUEUE = 'dead-letter';

/** Dead letters are kept this long (they wait for an admin to retry or delete them). */
export const DEAD_LETTER_RETENTION_SECONDS = 30 * 24 * 3600;

export interface QueuePayloads {
  /** Deliver one outbox message, sent in the transaction that queued it (at its notBefore time). */
  'outbox-deliver': { messageId: string; organisationId?: string };
  /** Deliver every due outbox message: retries after their back-off, and anything a lost job left behind. */
  'outbox-sweep': Record<string, never>;
  /** Remind employers of referrals waiting past their response time (once per period each). */
  'referral-reminders': Record<string, never>;
  /** Remind people and counsellors of retention follow-ups past their due date (once each). */
  'placement-follow-ups': Record<string, never>;
  /** Evaluate households receiving aid against the graduation rule; notice returns to aid (daily). */
  'graduation-sweep': Record<string, never>;
  /** Propose a destruction batch (a dry run) for every organisation whose last one is older than its interval. */
  'dp-destruction-sweep': Record<string, never>;
  /** Remind owners of international follow-up actions before their deadline and once overdue (daily). */
  'international-follow-ups': Record<string, never>;
  /** Carry out one approved destruction batch, item by item (resumable: done items are skipped). */
  'dp-destruction-run': { batchId: string; organisationId: string };
  /** Evaluate every cooperative's warning signs by today's date and open review tasks (daily). */
  'cooperative-sweep': Record<string, never>;
  /** Delete the phones of walk-in fair visitors who did not ask to be called, once the fair is over (daily). */
  'fair-walk-in-sweep': Record<string, never>;
  /** Build one large indicator export a user asked for, with its progress (idempotent: a finished one is left). */
  'indicator-export': { exportId: string; organisationId: string };
  /** Delete the files of indicator exports past their expiry (hourly). */
  'indicator-exports-sweep': Record<string, never>;
  /** Send every active monthly report not yet sent for the previous month (daily; once per month each). */
  'indicator-reports-sweep': Record<string, never>;
  /** Recompute the materialised indicator aggregates: this month and the last every hour, older months daily. */
  'indicator-aggregates-refresh': Record<string, never>;
  /** Raise new matching fairness flags and tell the managers once each; clear those that no longer hold (daily). */
  'matching-fairness-sweep': Record<string, never>;
  /**
   * Count the whole eligible pool of one vacancy's fairness tally (the day's first listing, when the pool was
   * larger than the listing loaded); `officeId` is the office scope of that listing, absent for the whole
   * organisation. Idempotent: a tally already counted is left.
   */
  'matching-fairness-pool': { tallyId: string; organisationId: string; officeId?: string };
  /** End person imports checked but not started, or stopped, for a week, and delete their stored rows (daily). */
  'person-import-sweep': Record<string, never>;
}

/** The queue names are the API contract's (the admin screen filters by them); every one has a payload here. */
export type QueueName = ContractQueueName & keyof QueuePayloads;

export interface QueueDeclaration {
  /** What the queue does, for the admin screen's tooltip and the docs. */
  purpose: string;
  /** Attempts after the first before the job is dead-lettered. */
  retryLimit: number;
  /** Wait before the first retry; each later retry waits about twice as long (with jitter), up to the maximum. */
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /** How long one attempt may run before it counts as failed (and is retried). */
  expireInSeconds: number;
  /** Completed jobs are kept this long for the counts, then removed. */
  keepCompletedSeconds: number;
  /**
   * `standard`: every job runs. `stately`: at most one waiting and one running (a sweep that is
   * already waiting needs no twin).
   */
  policy: 'standard' | 'stately';
  /** Jobs of this queue one instance runs at once. */
  concurrency: number;
  /** Cron expression (Europe/Istanbul) for a periodic sweep. */
  schedule?: string;
}

/**
 * A periodic sweep: stately (one waiting run is enough), one at a time, three retries from five minutes
 * apart up to an hour, half an hour per attempt, kept a week; `changes` names what a sweep does otherwise.
 */
function sweep(purpose: string, schedule: string, changes: Partial<QueueDeclaration> = {}): QueueDeclaration {
  return {
    purpose,
    retryLimit: 3,
    retryDelaySeconds: 300,
    retryDelayMaxSeconds: 3600,
    expireInSeconds: 1800,
    keepCompletedSeconds: 7 * 24 * 3600,
    policy: 'stately',
    concurrency: 1,
    schedule,
    ...changes,
  };
}

export const QUEUES: Record<QueueName, QueueDeclaration> = {
  'outbox-deliver': {
    purpose: 'Deliver one e-mail or SMS as soon as the change that queued it commits',
    retryLimit: 5,
    retryDelaySeconds: 30,
    retryDelayMaxSeconds: 3600,
    expireInSeconds: 300,
    keepCompletedSeconds: 24 * 3600,
    policy: 'standard',
    concurrency: 2,
  },
  'outbox-sweep': sweep(
    'Deliver every due message: retries after their back-off and reminders whose time has come',
    '* * * * *',
    {
      retryLimit: 2,
      retryDelaySeconds: 30,
      retryDelayMaxSeconds: 600,
      expireInSeconds: 600,
      keepCompletedSeconds: 3600,
    },
  ),
  'referral-reminders': sweep('Remind employers of referrals waiting past their response time', '*/15 * * * *', {
    retryDelaySeconds: 60,
    retryDelayMaxSeconds: 1800,
    expireInSeconds: 900,
  }),
  'placement-follow-ups': sweep(
    'Remind people (SMS) and counsellors (task) of retention follow-ups past their due date',
    '0 * * * *',
    { retryDelaySeconds: 60, retryDelayMaxSeconds: 1800, expireInSeconds: 900 },
  ),
  'fair-walk-in-sweep': sweep(
    'Delete the phones of walk-in fair visitors who did not ask to be called, once the fair is over',
    '15 4 * * *',
  ),
  'cooperative-sweep': sweep(
    'Evaluate the warning signs of sham cooperatives (no general assembly in a year) and open review tasks',
    '45 5 * * *',
  ),
  'graduation-sweep': sweep(
    'Evaluate households receiving social aid against the graduation rule and notice returns to aid',
    '30 5 * * *',
  ),
  'dp-destruction-sweep': sweep(
    'Prepare the periodic destruction dry run (at least every 6 months) for the destruction committee',
    '30 3 * * *',
    { keepCompletedSeconds: 30 * 24 * 3600 },
  ),
  'international-follow-ups': sweep(
    'Remind owners of international follow-up actions before their deadline and once overdue',
    '0 7 * * *',
    { expireInSeconds: 900 },
  ),
  'dp-destruction-run': {
    purpose: 'Carry out a destruction batch the committee approved: anonymise each record through its module',
    retryLimit: 5,
    retryDelaySeconds: 60,
    retryDelayMaxSeconds: 3600,
    expireInSeconds: 3600,
    keepCompletedSeconds: 30 * 24 * 3600,
    policy: 'standard',
    concurrency: 1,
  },
  'indicator-export': {
    purpose: 'Build a large indicator or labour-market export a user asked for (the suppressed release)',
    retryLimit: 2,
    retryDelaySeconds: 60,
    retryDelayMaxSeconds: 600,
    expireInSeconds: 1800,
    keepCompletedSeconds: 24 * 3600,
    policy: 'standard',
    concurrency: 1,
  },
  'indicator-exports-sweep': sweep(
    'Delete the files of indicator exports whose download link has expired',
    '10 * * * *',
    { expireInSeconds: 900 },
  ),
  'indicator-reports-sweep': sweep(
    'Ask for each monthly report’s export of the previous month, once a month (the export job e-mails the links when the file is ready)',
    '20 6 * * *',
  ),
  'indicator-aggregates-refresh': sweep(
    'Recompute the indicators’ monthly aggregates behind the dashboards and exports (this month and the last; older months once a day)',
    '40 * * * *',
    { retryLimit: 2, retryDelayMaxSeconds: 1800, expireInSeconds: 3600, keepCompletedSeconds: 24 * 3600 },
  ),
  'matching-fairness-pool': {
    purpose:
      'Count the whole eligible pool of a vacancy listed today by sex, age band and target group, for the matching fairness monitor (counts only)',
    retryLimit: 3,
    retryDelaySeconds: 60,
    retryDelayMaxSeconds: 1800,
    expireInSeconds: 3600,
    keepCompletedSeconds: 24 * 3600,
    policy: 'standard',
    concurrency: 1,
  },
  'matching-fairness-sweep': sweep(
    'Read each organisation’s matching fairness monitor (last 90 days), tell the managers of each new flag once by e-mail, clear the flags that no longer hold',
    '50 6 * * *',
  ),
  'person-import-sweep': sweep(
    'End person imports checked but not started (or stopped) for 7 days and delete the rows of their files',
    '45 4 * * *',
  ),
};

export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];

export function isQueueName(name: string): name is QueueName {
  return Object.hasOwn(QUEUES, name);
}

export interface QueueGap {
  queue: string;
  missing: 'declaration' | 'handler';
}

/**
 * What is missing for the queues the jobs contract names (src/common/contracts/jobs.ts): a declaration
 * in QUEUES (its payload, retries, schedule) and, when `handlers` are given, a handler. The compiler
 * catches a declaration whose name the contract lacks, not a contract name without a declaration: such
 * a queue would never be created or worked, and its jobs would be lost.
 */
export function undeclaredQueues(names: readonly string[], queues: object, handlers?: object): QueueGap[] {
  return names.flatMap((queue): QueueGap[] => {
    if (!Object.hasOwn(queues, queue)) return [{ queue, missing: 'declaration' }];
    if (handlers && !Object.hasOwn(handlers, queue)) return [{ queue, missing: 'handler' }];
    return [];
  });
}

/**
 * Refuses to go on (at start-up, like a route without an access policy) when a queue of the jobs
 * contract has no declaration here, or, given the handlers, no handler.
 */
export function assertQueuesDeclared(
  handlers?: object,
  names: readonly string[] = CONTRACT_QUEUE_NAMES,
  queues: object = QUEUES,
): void {
  const gaps = undeclaredQueues(names, queues, handlers);
  if (gaps.length === 0) return;
  const where = {
    declaration: 'QUEUES (src/server/jobs/queues.ts)',
    handler: 'jobHandlers (src/server/jobs/handlers.ts)',
  };
  throw new Error(
    `Job queues named in src/common/contracts/jobs.ts without their ${gaps
      .map((g) => `${g.missing} in ${where[g.missing]}: "${g.queue}"`)
      .join('; ')}`,
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Refuses a payload that is anything but ids: a job row is readable by whoever operates the queue and
 * outlives the domain's retention rules, so names, contacts, codes or tokens must never reach it.
 */
export function assertIdsOnly(queue: string, data: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (typeof value !== 'string' || !UUID.test(value)) {
      throw new Error(`Job payloads carry ids only: ${queue}.${key} is not a UUID`);
    }
  }
}
