import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/childcare.ts';
import * as service from './childcare.service.ts';

/** The childcare module's operations (declared in src/common/contracts/childcare.ts). */
export async function childcareRoutes(app: App): Promise<void> {
  route(app, op.listProviders, async ({ ctx, query }) => {
    const r = await service.listProviders(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.createProvider, async ({ ctx, body }) =>
    service.getProvider(ctx, await service.createProvider(ctx, body)),
  );
  route(app, op.getProvider, ({ ctx, params }) => service.getProvider(ctx, params.id));
  route(app, op.updateProvider, async ({ ctx, params, body }) => {
    await service.updateProvider(ctx, params.id, body);
    return service.getProvider(ctx, params.id);
  });
  route(app, op.providerPlaces, ({ ctx, params }) => service.providerPlaces(ctx, params.id));
  route(app, op.personChildcare, ({ ctx, params }) => service.personChildcare(ctx, params.id));
  route(app, op.applyForPlace, async ({ ctx, params, body }) =>
    service.getEntry(ctx, await service.applyForPlace(ctx, params.id, body)),
  );
  route(app, op.endPlace, async ({ ctx, params, body }) => {
    await service.endPlace(ctx, params.id, body);
    return service.getEntry(ctx, params.id);
  });
  route(app, op.outcomeReport, ({ ctx, query }) => service.outcomeReport(ctx, query));
}
