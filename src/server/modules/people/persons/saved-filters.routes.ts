import type { App } from '../../../http.ts';
import { route } from '../../../lib/route.ts';
import * as op from '../../../../common/contracts/people.ts';
import * as savedFiltersService from './saved-filters.service.ts';

/** The person list's saved filters (declared in src/common/contracts/people.ts). */
export async function savedFilterRoutes(app: App): Promise<void> {
  route(app, op.listSavedFilters, async ({ ctx, query }) => ({
    items: await savedFiltersService.listSavedFilters(ctx, query.scope),
  }));
  route(app, op.createSavedFilter, ({ ctx, body }) =>
    savedFiltersService.createSavedFilter(ctx, { scope: body.scope, name: body.name, query: body.query }),
  );
  route(app, op.deleteSavedFilter, async ({ ctx, params }) => {
    await savedFiltersService.deleteSavedFilter(ctx, params.id);
  });
}
