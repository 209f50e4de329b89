import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/vacancies.ts';
import * as service from './vacancies.service.ts';
import { decentWorkLimits, updateDecentWorkLimits } from './decent-work.service.ts';

/** The vacancies module's operations (declared in src/common/contracts/vacancies.ts). */
export async function vacancyRoutes(app: App): Promise<void> {
  route(app, op.listVacancies, async ({ ctx, query }) => {
    const r = await service.listVacancies(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.createVacancy, async ({ ctx, body }) =>
    service.getVacancy(ctx, await service.createVacancy(ctx, body)),
  );
  route(app, op.getVacancy, ({ ctx, params }) => service.getVacancy(ctx, params.id));
  route(app, op.updateVacancy, async ({ ctx, params, body }) => {
    await service.updateVacancy(ctx, params.id, body);
    return service.getVacancy(ctx, params.id);
  });
  route(app, op.checkVacancy, ({ ctx, params }) => service.checkVacancyRules(ctx, params.id));
  route(app, op.submitVacancy, async ({ ctx, params }) => {
    await service.submitVacancy(ctx, params.id);
    return service.getVacancy(ctx, params.id);
  });
  route(app, op.reviewVacancy, async ({ ctx, params, body }) => {
    await service.reviewVacancy(ctx, params.id, body.decision, body.note);
    return service.getVacancy(ctx, params.id);
  });
  route(app, op.closeVacancy, async ({ ctx, params, body }) => {
    await service.closeVacancy(ctx, params.id, body.outcome);
    return service.getVacancy(ctx, params.id);
  });

  route(app, op.getDecentWorkLimits, ({ ctx }) => decentWorkLimits(ctx));
  route(app, op.updateDecentWorkLimits, ({ ctx, body }) => updateDecentWorkLimits(ctx, body));
}
