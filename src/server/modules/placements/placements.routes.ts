import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/placements.ts';
import * as service from './placements.service.ts';
import { importSgkFile } from './sgk-file.service.ts';

/** The placements module's operations (declared in src/common/contracts/placements.ts). */
export async function placementRoutes(app: App): Promise<void> {
  route(app, op.listPlacements, async ({ ctx, query }) => {
    const r = await service.listPlacements(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.createPlacement, async ({ ctx, body }) =>
    service.getPlacement(ctx, await service.createPlacement(ctx, body)),
  );
  route(app, op.importSgkFile, ({ ctx, body }) => importSgkFile(ctx, body));
  route(app, op.dueFollowUps, ({ ctx }) => service.dueFollowUps(ctx));
  route(app, op.getPlacement, ({ ctx, params }) => service.getPlacement(ctx, params.id));
  route(app, op.startPlacement, async ({ ctx, params, body }) => {
    await service.startPlacement(ctx, params.id, body.startDate);
    return service.getPlacement(ctx, params.id);
  });
  route(app, op.verifyPlacement, async ({ ctx, params, body }) => {
    await service.verifyPlacement(ctx, params.id, body);
    return service.getPlacement(ctx, params.id);
  });
  route(app, op.endPlacement, async ({ ctx, params, body }) => {
    await service.endPlacement(ctx, params.id, body);
    return service.getPlacement(ctx, params.id);
  });
  route(app, op.recordFollowUp, async ({ ctx, params, body }) => {
    await service.recordFollowUp(ctx, params.id, params.followUpId, body);
    return service.getPlacement(ctx, params.id);
  });
}
