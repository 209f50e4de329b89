import type { App } from '../../http.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/indicators.ts';
import * as service from './indicators.service.ts';
import { exportFile } from './exports.ts';
import { labourMarket } from './labour-market.ts';

function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'file';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** The indicators module's operations (declared in src/common/contracts/indicators.ts). */
export async function indicatorRoutes(app: App): Promise<void> {
  route(app, op.catalogue, ({ ctx }) => service.catalogue(ctx));
  route(app, op.releasedTable, ({ ctx, params, query }) => service.releasedTable(ctx, params.code, query));
  route(app, op.exportTables, async ({ ctx, query, reply }) => {
    const file = await exportFile(ctx, query);
    return reply
      .type(file.contentType)
      .header('content-disposition', attachment(file.fileName))
      .header('cache-control', 'private, no-store')
      .send(file.body) as never;
  });
  route(app, op.labourMarket, ({ ctx, query }) => labourMarket(ctx, query));
  route(app, op.updateSettings, ({ ctx, body }) => service.updateThreshold(ctx, body.threshold));
}
