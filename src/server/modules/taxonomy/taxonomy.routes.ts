import type { App } from '../../http.ts';
import { route } from '../../lib/route.ts';
import { pageOf } from '../../lib/schemas.ts';
import * as op from '../../../common/contracts/taxonomy.ts';
import * as taxonomy from './taxonomy.service.ts';

/** The taxonomy module's operations (declared in src/common/contracts/taxonomy.ts). */
export async function taxonomyRoutes(app: App): Promise<void> {
  route(app, op.searchOccupations, ({ ctx, query }) =>
    taxonomy.searchOccupations(ctx, { q: query.q, lang: query.lang ?? ctx.locale, limit: query.limit }),
  );
  route(app, op.searchSkills, ({ ctx, query }) =>
    taxonomy.searchSkills(ctx, { q: query.q, lang: query.lang ?? ctx.locale, limit: query.limit }),
  );
  route(app, op.browseIsco, ({ ctx, query }) => taxonomy.iscoChildren(ctx, query.parent, query.lang ?? ctx.locale));
  route(app, op.getIscoGroup, ({ ctx, params, query }) =>
    taxonomy.iscoGroup(
      ctx,
      params.code,
      query.lang ?? ctx.locale,
      ctx.actor?.permissions.has('taxonomy:manage') ?? false,
    ),
  );
  for (const list of op.REFERENCE_LISTS) {
    route(app, op.referenceLists[list], ({ ctx, query }) =>
      taxonomy.referenceList(ctx, list, query.lang ?? ctx.locale),
    );
  }

  // ---- administration ----
  route(app, op.addIscoAlias, ({ ctx, params, body }) => taxonomy.addAlias(ctx, params.code, body));
  route(app, op.removeIscoAlias, async ({ ctx, params }) => {
    await taxonomy.removeAlias(ctx, params.code, params.labelId);
  });
  route(app, op.listReviews, async ({ ctx, query }) => {
    const r = await taxonomy.reviewList(ctx, {
      dataset: query.dataset ?? 'isco',
      lang: query.lang ?? 'tr',
      page: query.page,
      pageSize: query.pageSize,
    });
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.markReviewed, async ({ ctx, body }) => {
    await taxonomy.markReviewed(ctx, body);
  });
}
