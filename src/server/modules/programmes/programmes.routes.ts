import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/programmes.ts';
import * as service from './programmes.service.ts';
import { getResults } from './results.service.ts';
import { exportBeneficiaries } from './beneficiaries.service.ts';
import { sendFile } from '../../lib/download.ts';

/** The programmes module's operations (declared in src/common/contracts/programmes.ts). */
export async function programmeRoutes(app: App): Promise<void> {
  route(app, op.listPartners, async ({ ctx, query }) => {
    const r = await service.listPartners(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.createPartner, async ({ ctx, body }) =>
    service.getPartner(ctx, await service.createPartner(ctx, body)),
  );
  route(app, op.getPartner, ({ ctx, params }) => service.getPartner(ctx, params.id));
  route(app, op.updatePartner, async ({ ctx, params, body }) => {
    await service.updatePartner(ctx, params.id, body);
    return service.getPartner(ctx, params.id);
  });

  route(app, op.listProjects, async ({ ctx, query }) => {
    const r = await service.listProjects(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.createProject, async ({ ctx, body }) =>
    service.getProject(ctx, await service.createProject(ctx, body)),
  );
  route(app, op.getProject, ({ ctx, params }) => service.getProject(ctx, params.id));
  route(app, op.updateProject, async ({ ctx, params, body }) => {
    await service.updateProject(ctx, params.id, body);
    return service.getProject(ctx, params.id);
  });

  route(app, op.getResults, ({ ctx, params, query }) =>
    getResults(ctx, params.id, { suppressed: query.donor === true }),
  );
  route(app, op.exportBeneficiaries, async ({ ctx, params, reply }) => {
    const file = await exportBeneficiaries(ctx, params.id);
    return sendFile(reply, file) as never;
  });
  route(app, op.addIndicator, async ({ ctx, params, body }) => {
    await service.addIndicator(ctx, params.id, body);
    return getResults(ctx, params.id);
  });
  route(app, op.updateIndicator, async ({ ctx, params, body }) => {
    await service.updateIndicator(ctx, params.id, params.indicatorId, body);
    return getResults(ctx, params.id);
  });
  route(app, op.removeIndicator, async ({ ctx, params }) => {
    await service.removeIndicator(ctx, params.id, params.indicatorId);
    return getResults(ctx, params.id);
  });
  route(app, op.enterValue, async ({ ctx, params, body }) => {
    await service.enterValue(ctx, params.id, params.indicatorId, body);
    return getResults(ctx, params.id);
  });
  route(app, op.decideValue, async ({ ctx, params, body }) =>
    getResults(ctx, await service.decideValue(ctx, params.id, body.decision, body.note)),
  );

  route(app, op.listActivities, async ({ ctx, params, query }) => {
    const r = await service.listActivities(ctx, params.id, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.addActivity, ({ ctx, params, body }) => service.addActivity(ctx, params.id, body));
  route(app, op.updateActivity, ({ ctx, params, body }) => service.updateActivity(ctx, params.id, body));
  route(app, op.removeActivity, async ({ ctx, params }) => {
    await service.removeActivity(ctx, params.id);
    return { removed: true };
  });
}
