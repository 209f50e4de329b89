import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/graduation.ts';
import * as service from './graduation.service.ts';
import { graduationReport, graduationReportFile } from './report.service.ts';
import { graduationLetter } from './letter.ts';
import { sendFile } from '../../lib/download.ts';

/** The graduation module's operations (declared in src/common/contracts/graduation.ts). */
export async function graduationRoutes(app: App): Promise<void> {
  route(app, op.getGraduationSettings, ({ ctx }) => service.getSettings(ctx));
  route(app, op.updateGraduationSettings, async ({ ctx, body }) => {
    await service.updateSettings(ctx, body);
    return service.getSettings(ctx);
  });
  route(app, op.personGraduation, ({ ctx, params }) => service.personPanel(ctx, params.id));
  route(app, op.evaluatePersonGraduation, async ({ ctx, params }) => {
    await service.evaluatePerson(ctx, params.id);
    return service.personPanel(ctx, params.id);
  });
  route(app, op.listGraduations, async ({ ctx, query }) => {
    const r = await service.listGraduations(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.getGraduation, ({ ctx, params }) => service.getGraduation(ctx, params.id));
  route(app, op.approveGraduation, async ({ ctx, params, body }) => {
    await service.approveGraduation(ctx, params.id, body.payer);
    return service.getGraduation(ctx, params.id);
  });
  route(app, op.declineGraduation, async ({ ctx, params, body }) => {
    await service.declineGraduation(ctx, params.id, body.reason);
    return service.getGraduation(ctx, params.id);
  });
  route(app, op.confirmGraduation, async ({ ctx, params, body }) => {
    await service.confirmGraduation(ctx, params.id, body);
    return service.getGraduation(ctx, params.id);
  });
  route(app, op.recordReturnToAid, async ({ ctx, params, body }) => {
    await service.recordReturn(ctx, params.id, body);
    return service.getGraduation(ctx, params.id);
  });
  route(app, op.graduationLetter, async ({ ctx, params, reply }) => {
    const file = await graduationLetter(ctx, params.id);
    return sendFile(reply, { fileName: file.fileName, contentType: file.mediaType, body: file.content }) as never;
  });
  route(app, op.graduationReport, ({ ctx, query }) => graduationReport(ctx, query));
  route(
    app,
    op.graduationReportFile,
    async ({ ctx, query, reply }) => sendFile(reply, await graduationReportFile(ctx, query)) as never,
  );
}
