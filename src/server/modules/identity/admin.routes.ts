import { Type } from 'typebox';
import type { App } from '../../http.ts';
import { errorResponses, IdParams, LocaleSchema, Page, pageOf, Uuid } from '../../lib/schemas.ts';
import { PERMISSIONS } from '../../../common/permissions.ts';
import { refuseSearchWordsInAddress, searchWordsRefusedNote } from '../../lib/search.ts';
import * as usersService from './users.service.ts';
import * as org from './organisation.service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Kind = Type.Union([Type.Literal('staff'), Type.Literal('employer'), Type.Literal('seeker')]);
const RoleRef = Type.Object({ id: Type.String(), key: Type.String(), name: Type.String() });

const User = Type.Object({
  id: Type.String(),
  kind: Kind,
  fullName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  locale: LocaleSchema,
  status: Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('disabled')]),
  office: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  roles: Type.Array(RoleRef),
  mfaEnabled: Type.Boolean(),
  lastSignInAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

const Name = Type.String({ minLength: 2, maxLength: 200 });
const Email = Type.String({ format: 'email', maxLength: 320 });
const Phone = Type.String({ minLength: 7, maxLength: 30 });

const Office = Type.Object({
  id: Type.String(),
  name: Type.String(),
  province: Type.String(),
  district: Type.String(),
  address: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  active: Type.Boolean(),
});
const OfficeInput = Type.Object(
  {
    name: Name,
    province: Type.String({ minLength: 2, maxLength: 60 }),
    district: Type.String({ minLength: 2, maxLength: 60 }),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Role = Type.Object({
  id: Type.String(),
  key: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  builtIn: Type.Boolean(),
  permissions: Type.Array(Type.String()),
  userCount: Type.Integer(),
});
const PermissionName = Type.Union(PERMISSIONS.map((p) => Type.Literal(p)));

const Organisation = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  kind: Type.String(),
  province: Type.String(),
  requireMfa: Type.Boolean(),
});

/** The filters of the user list that carry no personal data (they may travel in an address). */
const UserListFields = {
  officeId: Type.Optional(Uuid),
  roleId: Type.Optional(Uuid),
  status: Type.Optional(Type.Union([Type.Literal('invited'), Type.Literal('active'), Type.Literal('disabled')])),
  kind: Type.Optional(Kind),
  sort: Type.Union(
    ['name', '-name', 'lastSignIn', '-lastSignIn', 'created', '-created'].map((s) => Type.Literal(s)),
    { default: 'name' },
  ),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
};
const USER_SEARCH = 'POST /api/v1/users/search';

export async function adminRoutes(app: App): Promise<void> {
  // ---- users ----
  app.get(
    '/users',
    {
      config: { access: ['users:read', 'users:manage'] },
      preValidation: refuseSearchWordsInAddress(USER_SEARCH),
      schema: {
        tags: ['users'],
        summary:
          'Users of my organisation (my office only, unless I may see all offices), filtered by office, role, status and kind',
        description: searchWordsRefusedNote(USER_SEARCH),
        querystring: Type.Object(UserListFields),
        response: { 200: Page(User), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const result = await usersService.listUsers(request.ctx, { ...q, sort: q.sort });
      return pageOf(result.items, result.total, q.page, q.pageSize);
    },
  );

  app.post(
    '/users/search',
    {
      config: { access: ['users:read', 'users:manage'] },
      schema: {
        tags: ['users'],
        summary: 'Find users of my organisation by name or e-mail address, with the filters of the list',
        description:
          'The search words travel in the body, never in the address (proxies log addresses). ' +
          'Same scope, permissions and answer as GET /users.',
        body: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100, description: 'A name or an e-mail address' })),
            ...UserListFields,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(User), ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      const result = await usersService.listUsers(request.ctx, { ...b, sort: b.sort });
      return pageOf(result.items, result.total, b.page, b.pageSize);
    },
  );

  app.get(
    '/users/:id',
    {
      config: { access: ['users:read', 'users:manage'] },
      schema: { tags: ['users'], summary: 'One user', params: IdParams, response: { 200: User, ...errorResponses } },
    },
    async (request) => usersService.getUser(request.ctx, request.params.id),
  );

  app.post(
    '/users',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Create a user; staff and employer users get an e-mail invitation through the outbox',
        body: Type.Object(
          {
            kind: Kind,
            fullName: Name,
            email: Type.Optional(Nullable(Email)),
            phone: Type.Optional(Nullable(Phone)),
            officeId: Type.Optional(Nullable(Uuid)),
            roleIds: Type.Array(Uuid, { minItems: 1, maxItems: 20 }),
            locale: Type.Optional(LocaleSchema),
          },
          { additionalProperties: false },
        ),
        response: { 201: User, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await usersService.createUser(request.ctx, { ...request.body, locale: request.body.locale ?? 'tr' });
      return reply.code(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Change a user: name, contacts, office, roles, language, or disable/enable',
        params: IdParams,
        body: Type.Object(
          {
            fullName: Type.Optional(Name),
            email: Type.Optional(Nullable(Email)),
            phone: Type.Optional(Nullable(Phone)),
            officeId: Type.Optional(Nullable(Uuid)),
            roleIds: Type.Optional(Type.Array(Uuid, { minItems: 1, maxItems: 20 })),
            locale: Type.Optional(LocaleSchema),
            status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => usersService.updateUser(request.ctx, request.params.id, request.body),
  );

  app.post(
    '/users/:id/invitation',
    {
      config: { access: 'users:manage' },
      schema: {
        tags: ['users'],
        summary: 'Send the invitation again (the earlier link stops working)',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await usersService.resendInvitation(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  // ---- roles ----
  app.get(
    '/roles',
    {
      config: { access: ['users:read', 'users:manage', 'roles:manage'] },
      schema: {
        tags: ['roles'],
        summary: 'Built-in and custom roles',
        response: { 200: Type.Object({ items: Type.Array(Role) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await org.listRoles(request.ctx) }),
  );

  app.get(
    '/permissions',
    {
      config: { access: ['users:read', 'users:manage', 'roles:manage'] },
      schema: {
        tags: ['roles'],
        summary: 'Permissions a custom staff role may contain',
        response: { 200: Type.Object({ items: Type.Array(Type.String()) }), ...errorResponses },
      },
    },
    async () => ({ items: PERMISSIONS.filter((p) => p !== 'employer-portal' && p !== 'seeker-self') }),
  );

  const RoleBody = {
    name: Type.String({ minLength: 2, maxLength: 80 }),
    description: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    permissions: Type.Array(PermissionName, { minItems: 1, uniqueItems: true }),
  };

  app.post(
    '/roles',
    {
      config: { access: 'roles:manage' },
      schema: {
        tags: ['roles'],
        summary: 'Define a custom role',
        body: Type.Object(RoleBody, { additionalProperties: false }),
        response: { 201: Role, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await org.createRole(request.ctx, request.body)),
  );

  app.patch(
    '/roles/:id',
    {
      config: { access: 'roles:manage' },
      schema: {
        tags: ['roles'],
        summary: 'Change a custom role (built-in roles are read-only)',
        params: IdParams,
        body: Type.Partial(Type.Object(RoleBody), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Role, ...errorResponses },
      },
    },
    async (request) => org.updateRole(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/roles/:id',
    {
      config: { access: 'roles:manage' },
      schema: {
        tags: ['roles'],
        summary: 'Delete a custom role that no user holds',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await org.deleteRole(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  // ---- offices ----
  app.get(
    '/offices',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['offices'],
        summary: "My organisation's offices (district service points)",
        response: { 200: Type.Object({ items: Type.Array(Office) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await org.listOffices(request.ctx) }),
  );

  app.post(
    '/offices',
    {
      config: { access: 'offices:manage' },
      schema: {
        tags: ['offices'],
        summary: 'Open an office',
        body: OfficeInput,
        response: { 201: Office, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await org.createOffice(request.ctx, request.body)),
  );

  app.patch(
    '/offices/:id',
    {
      config: { access: 'offices:manage' },
      schema: {
        tags: ['offices'],
        summary: 'Change an office, or close it (active: false)',
        params: IdParams,
        body: Type.Partial(OfficeInput, { additionalProperties: false, minProperties: 1 }),
        response: { 200: Office, ...errorResponses },
      },
    },
    async (request) => org.updateOffice(request.ctx, request.params.id, request.body),
  );

  // ---- organisation ----
  app.get(
    '/organisation',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['organisation'],
        summary: 'My organisation',
        response: { 200: Organisation, ...errorResponses },
      },
    },
    async (request) => org.getOrganisation(request.ctx),
  );

  app.patch(
    '/organisation',
    {
      config: { access: 'organisation:manage' },
      schema: {
        tags: ['organisation'],
        summary: "Change my organisation's name, or require two-factor sign-in for all staff",
        body: Type.Object(
          {
            name: Type.Optional(Name),
            shortName: Type.Optional(Type.String({ minLength: 2, maxLength: 30 })),
            requireMfa: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: Organisation, ...errorResponses },
      },
    },
    async (request) => org.updateOrganisation(request.ctx, request.body),
  );
}
