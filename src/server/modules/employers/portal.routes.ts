import type { App } from '../../http.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/employers.ts';
import * as portal from './portal.service.ts';

/**
 * Employer sign-up (public), the portal's own employer and users, and staff linking portal users
 * (declared in src/common/contracts/employers.ts).
 */
export async function portalRoutes(app: App): Promise<void> {
  route(app, op.signUpEmployer, async ({ ctx, body }) => {
    await portal.signUpEmployer(ctx, body);
    return { received: true as const };
  });

  route(app, op.getMyEmployer, ({ ctx }) => portal.myEmployer(ctx));
  route(app, op.listPortalUsers, async ({ ctx }) => ({ items: await portal.listPortalUsers(ctx) }));
  route(app, op.invitePortalUser, async ({ ctx, body }) => {
    await portal.invitePortalUser(ctx, body);
    return { items: await portal.listPortalUsers(ctx) };
  });
  route(app, op.removePortalUser, async ({ ctx, params }) => portal.removePortalUser(ctx, params.userId));

  route(app, op.listEmployerUsers, async ({ ctx, params }) => ({
    items: await portal.listEmployerUsers(ctx, params.id),
  }));
  route(app, op.addEmployerUser, async ({ ctx, params, body }) => {
    await portal.addEmployerUser(ctx, params.id, body);
    return { items: await portal.listEmployerUsers(ctx, params.id) };
  });
  route(app, op.removeEmployerUser, ({ ctx, params }) => portal.removeEmployerUser(ctx, params.id, params.userId));
}
