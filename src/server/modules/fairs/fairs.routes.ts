import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/fairs.ts';
import * as service from './fairs.service.ts';
import * as report from './report.service.ts';
import { PUBLIC_SUBMISSIONS_PER_MINUTE } from '../surveys/index.ts';
import { sendFile } from '../../lib/download.ts';

/** The job fairs module's operations (declared in src/common/contracts/fairs.ts). */
export async function fairRoutes(app: App): Promise<void> {
  route(app, op.listFairs, async ({ ctx, query }) => {
    const r = await service.listFairs(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.createFair, async ({ ctx, body }) => service.getFair(ctx, await service.createFair(ctx, body)));
  route(app, op.getFair, ({ ctx, params }) => service.getFair(ctx, params.id));
  route(app, op.updateFair, async ({ ctx, params, body }) => {
    await service.updateFair(ctx, params.id, body);
    return service.getFair(ctx, params.id);
  });
  route(app, op.addFairEmployer, async ({ ctx, params, body }) => {
    await service.addFairEmployer(ctx, params.id, body);
    return service.getFair(ctx, params.id);
  });
  route(app, op.addFairPosition, async ({ ctx, params, body }) => {
    await service.addFairPosition(ctx, params.id, params.fairEmployerId, body);
    return service.getFair(ctx, params.id);
  });
  route(app, op.removeFairEmployer, async ({ ctx, params }) => {
    await service.removeFairEmployer(ctx, params.id, params.fairEmployerId);
    return service.getFair(ctx, params.id);
  });
  route(app, op.removeFairPosition, async ({ ctx, params }) => {
    await service.removeFairPosition(ctx, params.id, params.positionId);
    return service.getFair(ctx, params.id);
  });
  route(app, op.listVisitors, ({ ctx, params }) => service.listVisitors(ctx, params.id));
  route(app, op.preRegisterVisitor, ({ ctx, params, body }) =>
    service.preRegisterVisitor(ctx, params.id, body.personId),
  );
  route(app, op.linkVisitor, ({ ctx, params, body }) =>
    service.linkVisitor(ctx, params.id, params.visitorId, body.personId),
  );
  route(app, op.listFairApplications, ({ ctx, params }) => service.listFairApplications(ctx, params.id));
  route(app, op.applyAtFair, ({ ctx, params, body }) => service.applyAtFair(ctx, params.id, body));
  route(app, op.updateFairApplication, ({ ctx, params, body }) =>
    service.updateFairApplication(ctx, params.id, params.applicationId, body.status),
  );
  route(app, op.fairReport, ({ ctx, params }) => report.fairReport(ctx, params.id));
  route(app, op.exportFairReport, async ({ ctx, params, reply }) => {
    const file = await report.exportFairReport(ctx, params.id);
    return sendFile(reply, file) as never;
  });
  route(app, op.publicFair, ({ ctx, params }) => service.publicFair(ctx, params.token), { secretPath: true });
  // The same limit as a survey's public link: a walk-in page is as open.
  route(app, op.walkIn, ({ ctx, params, body }) => service.walkIn(ctx, params.token, body), {
    rateLimit: { max: PUBLIC_SUBMISSIONS_PER_MINUTE, timeWindow: '1 minute' },
    secretPath: true,
  });
}
