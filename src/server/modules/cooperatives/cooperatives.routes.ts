import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/cooperatives.ts';
import * as service from './cooperatives.service.ts';
import { exportStatistics, statistics } from './statistics.service.ts';
import { sendFile } from '../../lib/download.ts';

/** The cooperatives module's operations (declared in src/common/contracts/cooperatives.ts). */
export async function cooperativeRoutes(app: App): Promise<void> {
  route(app, op.statistics, ({ ctx, query }) => statistics(ctx, query));
  route(app, op.exportStatistics, async ({ ctx, query, reply }) => {
    const file = await exportStatistics(ctx, query);
    return sendFile(reply, file) as never;
  });
  route(app, op.listCooperatives, async ({ ctx, query }) => {
    const r = await service.listCooperatives(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.createCooperative, async ({ ctx, body }) =>
    service.getCooperative(ctx, await service.createCooperative(ctx, body)),
  );
  route(app, op.getCooperative, ({ ctx, params }) => service.getCooperative(ctx, params.id));
  route(app, op.updateCooperative, async ({ ctx, params, body }) => {
    await service.updateCooperative(ctx, params.id, body);
    return service.getCooperative(ctx, params.id);
  });
  route(app, op.addAssembly, async ({ ctx, params, body }) => {
    await service.addAssembly(ctx, params.id, body);
    return service.getCooperative(ctx, params.id);
  });
  route(app, op.removeAssembly, async ({ ctx, params }) => {
    await service.removeAssembly(ctx, params.id, params.itemId);
    return service.getCooperative(ctx, params.id);
  });
  route(app, op.setClients, async ({ ctx, params, body }) => {
    await service.setClients(ctx, params.id, body);
    return service.getCooperative(ctx, params.id);
  });
  route(app, op.addMember, async ({ ctx, params, body }) => {
    await service.addMember(ctx, params.id, body);
    return service.getCooperative(ctx, params.id);
  });
  route(app, op.updateMember, async ({ ctx, params, body }) => {
    await service.updateMember(ctx, params.id, params.itemId, body);
    return service.getCooperative(ctx, params.id);
  });
  route(app, op.addSupport, async ({ ctx, params, body }) => {
    await service.addSupport(ctx, params.id, body);
    return service.getCooperative(ctx, params.id);
  });
  route(app, op.addTrade, async ({ ctx, params, body }) => {
    await service.addTrade(ctx, params.id, body);
    return service.getCooperative(ctx, params.id);
  });
  route(app, op.linkProject, async ({ ctx, params }) => {
    await service.linkProject(ctx, params.id, params.itemId);
    return service.getCooperative(ctx, params.id);
  });
  route(app, op.unlinkProject, async ({ ctx, params }) => {
    await service.unlinkProject(ctx, params.id, params.itemId);
    return service.getCooperative(ctx, params.id);
  });
  route(app, op.listReviews, async ({ ctx, query }) => {
    const r = await service.listReviews(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.listReviewOfficers, ({ ctx }) => service.listReviewOfficers(ctx));
  route(app, op.updateReview, ({ ctx, params, body }) => service.updateReview(ctx, params.id, body));
}
