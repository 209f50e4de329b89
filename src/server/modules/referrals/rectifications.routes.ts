import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/referrals.ts';
import * as service from './rectifications.service.ts';

/** The disclosure log and rectification notices (issue 8, item 22; declared in src/common/contracts/referrals.ts). */
export async function rectificationRoutes(app: App): Promise<void> {
  route(app, op.getSharedWith, ({ ctx, params }) => service.sharedWith(ctx, params.id));
  route(app, op.listRectificationNotices, async ({ ctx, query }) => {
    const r = await service.listRectifications(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
}
