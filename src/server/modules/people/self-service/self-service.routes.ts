import type { App } from '../../../http.ts';
import { route } from '../../../lib/route.ts';
import * as op from '../../../../common/contracts/self-service.ts';
import * as selfService from './self-service.service.ts';

/** Self-registration and the seeker's own pages (declared in src/common/contracts/self-service.ts). */
export async function selfServiceRoutes(app: App): Promise<void> {
  route(app, op.listPublicOrganisations, async ({ ctx }) => ({
    items: await selfService.listPublicOrganisations(ctx),
  }));
  route(app, op.register, async ({ ctx, body }) => {
    await selfService.register(ctx, body);
    return { received: true as const };
  });
  route(app, op.confirmRegistration, ({ ctx, params }) => selfService.confirmRegistration(ctx, params.id));
  route(app, op.getOwnProfile, ({ ctx }) => selfService.getOwnProfile(ctx));
  route(app, op.updateOwnProfile, async ({ ctx, body }) => {
    await selfService.updateOwnProfile(ctx, body);
    return selfService.getOwnProfile(ctx);
  });
  route(app, op.grantOwnConsent, async ({ ctx, body }) => {
    await selfService.grantOwnConsent(ctx, body);
    return selfService.listOwnConsents(ctx);
  });
  route(app, op.withdrawOwnConsent, async ({ ctx, params }) => {
    await selfService.withdrawOwnConsent(ctx, params.id);
    return selfService.listOwnConsents(ctx);
  });
  route(app, op.listOwnApplications, ({ ctx }) => selfService.listOwnApplications(ctx));
  route(app, op.listOwnAppointments, ({ ctx }) => selfService.listOwnAppointments(ctx));
}
