import { Type } from 'typebox';
import type { App } from '../http.ts';
import { errorResponses, IdParams, Page, pageOf, PageQuery } from '../lib/schemas.ts';
import { deleteDeadLetter, listFailures, queueSummaries, retryDeadLetter } from './admin.service.ts';
import { QUEUE_NAMES } from './queues.ts';

const QueueName = Type.Union(QUEUE_NAMES.map((n) => Type.Literal(n)));
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const QueueSummary = Type.Object({
  name: QueueName,
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

const FailureKind = Type.Union([Type.Literal('dead-lettered'), Type.Literal('retrying')]);

const Failure = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: FailureKind,
  queue: Type.String(),
  jobId: Type.String({ format: 'uuid' }),
  attempts: Type.Integer(),
  error: Nullable(Type.String({ description: 'The last error message (no stack, no payload values)' })),
  payload: Type.Record(Type.String(), Type.String(), { description: 'Ids only' }),
  queuedAt: Type.String({ format: 'date-time' }),
  at: Type.String({ format: 'date-time', description: 'When it was dead-lettered, or its next attempt' }),
});

/**
 * The background-job admin screen's API. Access: `jobs:manage`, a platform permission held by the
 * built-in platform-admin role only: the queues serve every organisation of the installation.
 */
export async function backgroundJobRoutes(app: App): Promise<void> {
  const tags = ['background jobs'];
  app.get(
    '/background-jobs/queues',
    {
      config: { access: 'jobs:manage' },
      schema: {
        tags,
        summary: 'Every job queue with its counts (for the whole installation)',
        response: { 200: Type.Object({ items: Type.Array(QueueSummary) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await queueSummaries(request.ctx) }),
  );

  app.get(
    '/background-jobs/failures',
    {
      config: { access: 'jobs:manage' },
      schema: {
        tags,
        summary: 'Failed jobs with their error: dead-lettered, or waiting to be retried',
        querystring: Type.Intersect([
          Type.Object({ kind: Type.Optional(FailureKind), queue: Type.Optional(QueueName) }),
          PageQuery,
        ]),
        response: { 200: Page(Failure), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const result = await listFailures(request.ctx, {
        kind: q.kind ?? 'dead-lettered',
        queue: q.queue,
        page: q.page,
        pageSize: q.pageSize,
      });
      return pageOf(result.items, result.total, q.page, q.pageSize);
    },
  );

  app.post(
    '/background-jobs/failures/:id/retry',
    {
      config: { access: 'jobs:manage' },
      schema: {
        tags,
        summary: 'Send a dead-lettered job back to its queue for a fresh set of attempts (audited)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await retryDeadLetter(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/background-jobs/failures/:id',
    {
      config: { access: 'jobs:manage' },
      schema: {
        tags,
        summary: 'Delete a dead-lettered job (audited)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteDeadLetter(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
