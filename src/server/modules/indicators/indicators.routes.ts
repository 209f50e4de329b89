import type { App } from '../../http.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/indicators.ts';
import * as service from './indicators.service.ts';
import { exportFile, labourMarketExport } from './exports.ts';
import { labourMarket } from './labour-market.ts';
import { caseloadDashboard, projectDashboard } from './dashboards.ts';
import { lagTolerant } from '../../lib/replica.ts';
import * as background from './background-exports.ts';
import * as reports from './reports.ts';
import { attachment, sendFile } from '../../lib/download.ts';

/** Downloads by a report link per address and minute (a public route, like the public forms). */
const REPORT_DOWNLOADS_PER_MINUTE = 10;

/** The indicators module's operations (declared in src/common/contracts/indicators.ts). */
export async function indicatorRoutes(app: App): Promise<void> {
  // Published figures may lag: read on the replica when there is one (lib/replica.ts).
  route(app, op.catalogue, async ({ ctx }) => service.catalogue(await lagTolerant(ctx)));
  route(app, op.releasedTable, async ({ ctx, params, query }) =>
    service.releasedTable(await lagTolerant(ctx), params.code, query),
  );
  route(app, op.exportTables, async ({ ctx, query, reply }) => {
    const file = await exportFile(await lagTolerant(ctx), query);
    return sendFile(reply, file) as never;
  });
  route(app, op.labourMarketExport, async ({ ctx, query, reply }) => {
    const file = await labourMarketExport(await lagTolerant(ctx), query);
    return sendFile(reply, file) as never;
  });
  route(app, op.labourMarket, async ({ ctx, query }) => labourMarket(await lagTolerant(ctx), query));
  route(app, op.projectDashboard, async ({ ctx, query }) => projectDashboard(await lagTolerant(ctx), query));
  // The counsellor's own caseload: read on the primary (a counsellor expects the referral just sent).
  route(app, op.caseloadDashboard, ({ ctx, query }) => caseloadDashboard(ctx, query));
  route(app, op.requestExport, ({ ctx, body }) => background.requestExport(ctx, body));
  route(app, op.myExports, ({ ctx }) => background.myExports(ctx));
  route(app, op.downloadExport, async ({ ctx, params, reply }) => {
    const file = await background.downloadExport(ctx, params.id);
    return sendFile(reply, file) as never;
  });
  route(app, op.reportSchedules, ({ ctx }) => reports.reportSchedules(ctx));
  route(app, op.createReportSchedule, ({ ctx, body }) => reports.createReportSchedule(ctx, body));
  route(app, op.updateReportSchedule, ({ ctx, params, body }) => reports.updateReportSchedule(ctx, params.id, body));
  route(app, op.deleteReportSchedule, ({ ctx, params }) => reports.deleteReportSchedule(ctx, params.id));
  route(app, op.retryReport, ({ ctx, params }) => reports.retryReport(ctx, params.id));
  route(
    app,
    op.downloadReport,
    async ({ ctx, params, reply }) => {
      const file = await reports.downloadReport(ctx, params.token);
      return reply
        .type(file.contentType)
        .header('content-disposition', attachment(file.fileName))
        .header('cache-control', 'private, no-store')
        .header('referrer-policy', 'no-referrer')
        .send(file.body) as never;
    },
    // The token is the last segment of the path: the request log names the route's pattern instead.
    { rateLimit: { max: REPORT_DOWNLOADS_PER_MINUTE, timeWindow: '1 minute' }, secretPath: true },
  );
  route(app, op.updateSettings, ({ ctx, body }) => service.updateThreshold(ctx, body.threshold));
}
