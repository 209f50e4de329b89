import type { App } from '../../../http.ts';
import { route } from '../../../lib/route.ts';
import * as op from '../../../../common/contracts/person-records.ts';
import * as service from './households.service.ts';

/** Households (declared in src/common/contracts/person-records.ts). */
export async function householdRoutes(app: App): Promise<void> {
  route(app, op.getHouseholdOfPerson, ({ ctx, params }) => service.getHouseholdOfPerson(ctx, params.id));
  route(app, op.createHousehold, async ({ ctx, params, body }) =>
    service.getHousehold(ctx, await service.createHousehold(ctx, params.id, body)),
  );
  route(app, op.updateHousehold, async ({ ctx, params, body }) => {
    await service.updateHousehold(ctx, params.id, body);
    return service.getHousehold(ctx, params.id);
  });
  route(app, op.addHouseholdMember, async ({ ctx, params, body }) => {
    await service.addMember(ctx, params.id, body);
    return service.getHousehold(ctx, params.id);
  });
  route(app, op.removeHouseholdMember, async ({ ctx, params }) => {
    await service.removeMember(ctx, params.id, params.memberId);
    return service.getHousehold(ctx, params.id);
  });
  route(app, op.addSocialAid, async ({ ctx, params, body }) => {
    await service.addSocialAid(ctx, params.id, body);
    return service.getHousehold(ctx, params.id);
  });
  route(app, op.updateSocialAid, async ({ ctx, params, body }) => {
    await service.updateSocialAid(ctx, params.id, params.aidId, body);
    return service.getHousehold(ctx, params.id);
  });
  route(app, op.addIncome, async ({ ctx, params, body }) => {
    await service.addIncome(ctx, params.id, body);
    return service.getHousehold(ctx, params.id);
  });
  route(app, op.updateIncome, async ({ ctx, params, body }) => {
    await service.updateIncome(ctx, params.id, params.incomeId, body);
    return service.getHousehold(ctx, params.id);
  });
}
