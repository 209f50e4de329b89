import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/referrals.ts';
import * as service from './referrals.service.ts';

/** The referrals module's operations (declared in src/common/contracts/referrals.ts). */
export async function referralRoutes(app: App): Promise<void> {
  route(app, op.listReferrals, async ({ ctx, query }) => {
    const r = await service.listReferrals(ctx, query);
    return { ...pageOf(r.items, r.total, query.page, query.pageSize), totalCapped: r.totalCapped };
  });
  route(app, op.proposeReferral, async ({ ctx, body }) =>
    service.getReferral(ctx, await service.proposeReferral(ctx, body)),
  );
  route(app, op.getReferral, ({ ctx, params }) => service.getReferral(ctx, params.id));
  route(app, op.sendReferral, async ({ ctx, params, body }) => {
    await service.sendReferral(ctx, params.id, body);
    return service.getReferral(ctx, params.id);
  });
  route(app, op.transitionReferral, async ({ ctx, params, body }) => {
    await service.transitionReferral(ctx, params.id, body);
    return service.getReferral(ctx, params.id);
  });
}
