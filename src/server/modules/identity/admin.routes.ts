import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/identity.ts';
import * as usersService from './users.service.ts';
import * as org from './organisation.service.ts';

/** Users, roles, offices and the organisation (declared in src/common/contracts/identity.ts). */
export async function adminRoutes(app: App): Promise<void> {
  // ---- users ----
  route(
    app,
    op.listUsers,
    async ({ ctx, query }) => {
      const result = await usersService.listUsers(ctx, query);
      return pageOf(result.items, result.total, query.page, query.pageSize);
    },
    { searchIn: op.USER_SEARCH },
  );
  route(app, op.searchUsers, async ({ ctx, body }) => {
    const result = await usersService.listUsers(ctx, body);
    return pageOf(result.items, result.total, body.page, body.pageSize);
  });
  route(app, op.getUser, ({ ctx, params }) => usersService.getUser(ctx, params.id));
  route(app, op.createUser, ({ ctx, body }) => usersService.createUser(ctx, { ...body, locale: body.locale ?? 'tr' }));
  route(app, op.updateUser, ({ ctx, params, body }) => usersService.updateUser(ctx, params.id, body));
  route(app, op.resendInvitation, ({ ctx, params }) => usersService.resendInvitation(ctx, params.id));

  // ---- roles ----
  route(app, op.listRoles, async ({ ctx }) => ({ items: await org.listRoles(ctx) }));
  route(app, op.listPermissions, async () => ({ items: [...op.STAFF_ROLE_PERMISSIONS] }));
  route(app, op.createRole, ({ ctx, body }) => org.createRole(ctx, body));
  route(app, op.updateRole, ({ ctx, params, body }) => org.updateRole(ctx, params.id, body));
  route(app, op.deleteRole, ({ ctx, params }) => org.deleteRole(ctx, params.id));

  // ---- offices ----
  route(app, op.listOffices, async ({ ctx }) => ({ items: await org.listOffices(ctx) }));
  route(app, op.createOffice, ({ ctx, body }) => org.createOffice(ctx, body));
  route(app, op.updateOffice, ({ ctx, params, body }) => org.updateOffice(ctx, params.id, body));

  // ---- organisation ----
  route(app, op.getOrganisation, ({ ctx }) => org.getOrganisation(ctx));
  route(app, op.updateOrganisation, ({ ctx, body }) => org.updateOrganisation(ctx, body));
}
