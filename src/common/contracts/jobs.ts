/**
 * The background-job admin screen's API. Access: `jobs:manage`, a platform permission held by the
 * built-in platform-admin role only: the queues serve every organisation of the installation.
 * The queues themselves (payloads, retries, schedules) are declared in src/server/jobs/queues.ts,
 * whose names must be these.
 */
import { Type, type Static } from 'typebox';
import { defineOp } from './op.ts';
import { IdParams, Literals, Nullable, Page, PageQuery } from './schema.ts';

export const QUEUE_NAMES = [
  'outbox-deliver',
  'outbox-sweep',
  'referral-reminders',
  'placement-follow-ups',
  'graduation-sweep',
  'dp-destruction-sweep',
  'international-follow-ups',
  'dp-destruction-run',
  'cooperative-sweep',
  'fair-walk-in-sweep',
  'indicator-export',
  'indicator-exports-sweep',
  'indicator-reports-sweep',
  'indicator-aggregates-refresh',
  'matching-fairness-sweep',
  'matching-fairness-pool',
  'person-import-sweep',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const QueueNameSchema = Literals(QUEUE_NAMES);
const tags = ['background jobs'] as const;
const access = 'jobs:manage';

export const QueueSummary = Type.Object({
  name: QueueNameSchema,
  purpose: Type.String(),
  schedule: Nullable(Type.String({ description: 'Cron expression in Europe/Istanbul time, for periodic sweeps' })),
  retryLimit: Type.Integer(),
  queued: Type.Integer({ description: 'Ready to run now' }),
  deferred: Type.Integer({ description: 'Waiting for their start time' }),
  active: Type.Integer(),
  retrying: Type.Integer({ description: 'Failed, waiting for their next attempt' }),
  deadLettered: Type.Integer({ description: 'Failed after the last attempt' }),
  completed: Type.Integer({ description: 'Completed and still kept' }),
});
export type QueueSummary = Static<typeof QueueSummary>;

export const FAILURE_KINDS = ['dead-lettered', 'retrying'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];
const FailureKindSchema = Type.Union([Type.Literal('dead-lettered'), Type.Literal('retrying')]);

export const JobFailure = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: FailureKindSchema,
  queue: Type.String(),
  jobId: Type.String({ format: 'uuid' }),
  attempts: Type.Integer(),
  error: Nullable(Type.String({ description: 'The last error message (no stack, no payload values)' })),
  payload: Type.Record(Type.String(), Type.String(), { description: 'Ids only' }),
  queuedAt: Type.String({ format: 'date-time' }),
  at: Type.String({ format: 'date-time', description: 'When it was dead-lettered, or its next attempt' }),
});
export type JobFailure = Static<typeof JobFailure>;

// ---- operations ------------------------------------------------------------------------------------

export const listQueues = defineOp({
  method: 'GET',
  path: '/background-jobs/queues',
  tags,
  summary: 'Every job queue with its counts (for the whole installation)',
  access,
  response: Type.Object({ items: Type.Array(QueueSummary) }),
});

export const listJobFailures = defineOp({
  method: 'GET',
  path: '/background-jobs/failures',
  tags,
  summary: 'Failed jobs with their error: dead-lettered, or waiting to be retried',
  access,
  query: Type.Object({
    kind: Type.Optional(FailureKindSchema),
    queue: Type.Optional(QueueNameSchema),
    ...PageQuery.properties,
  }),
  response: Page(JobFailure),
});

export const retryJobFailure = defineOp({
  method: 'POST',
  path: '/background-jobs/failures/:id/retry',
  tags,
  summary: 'Send a dead-lettered job back to its queue for a fresh set of attempts (audited)',
  access,
  params: IdParams,
  response: Type.Null(),
  status: 204,
});

export const deleteJobFailure = defineOp({
  method: 'DELETE',
  path: '/background-jobs/failures/:id',
  tags,
  summary: 'Delete a dead-lettered job (audited)',
  access,
  params: IdParams,
  response: Type.Null(),
  status: 204,
});
