import type { App } from '../../../http.ts';
import { route } from '../../../lib/route.ts';
import * as op from '../../../../common/contracts/person-records.ts';
import * as service from './work-permits.service.ts';

/** A person's work permits and exemptions (declared in src/common/contracts/person-records.ts). */
export async function workPermitRoutes(app: App): Promise<void> {
  route(app, op.listWorkPermits, async ({ ctx, params }) => ({
    items: await service.listWorkPermits(ctx, params.id),
  }));
  route(app, op.recordWorkPermit, ({ ctx, params, body }) => service.recordWorkPermit(ctx, params.id, body));
  route(app, op.updateWorkPermit, ({ ctx, params, body }) =>
    service.updateWorkPermit(ctx, params.id, params.permitId, body),
  );
  route(app, op.removeWorkPermit, async ({ ctx, params }) => {
    await service.removeWorkPermit(ctx, params.id, params.permitId);
  });
}
