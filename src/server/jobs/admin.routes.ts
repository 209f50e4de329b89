import type { App } from '../http.ts';
import { route } from '../lib/route.ts';
import { pageOf } from '../lib/schemas.ts';
import * as op from '../../common/contracts/jobs.ts';
import { deleteDeadLetter, listFailures, queueSummaries, retryDeadLetter } from './admin.service.ts';

/** The background-job admin screen's operations (declared in src/common/contracts/jobs.ts). */
export async function backgroundJobRoutes(app: App): Promise<void> {
  route(app, op.listQueues, async ({ ctx }) => ({ items: await queueSummaries(ctx) }));
  route(app, op.listJobFailures, async ({ ctx, query }) => {
    const result = await listFailures(ctx, {
      kind: query.kind ?? 'dead-lettered',
      queue: query.queue,
      page: query.page,
      pageSize: query.pageSize,
    });
    return pageOf(result.items, result.total, query.page, query.pageSize);
  });
  route(app, op.retryJobFailure, async ({ ctx, params }) => {
    await retryDeadLetter(ctx, params.id);
  });
  route(app, op.deleteJobFailure, async ({ ctx, params }) => {
    await deleteDeadLetter(ctx, params.id);
  });
}
