import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/outbox.ts';
import { getMessage, listMessages, retryMessage } from './outbox.service.ts';

/** The outbox's operations (declared in src/common/contracts/outbox.ts). */
export async function outboxRoutes(app: App): Promise<void> {
  route(
    app,
    op.listOutbox,
    async ({ ctx, query }) => {
      const result = await listMessages(ctx, query);
      return pageOf(result.items, result.total, query.page, query.pageSize);
    },
    { searchIn: op.OUTBOX_SEARCH },
  );
  route(app, op.searchOutbox, async ({ ctx, body }) => {
    const result = await listMessages(ctx, body);
    return pageOf(result.items, result.total, body.page, body.pageSize);
  });
  route(app, op.getOutboxMessage, ({ ctx, params }) => getMessage(ctx, params.id));
  route(app, op.retryOutboxMessage, ({ ctx, params }) => retryMessage(ctx, params.id));
}
