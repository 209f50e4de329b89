import { Type, type TSchema } from 'typebox';
import type { App } from '../../http.ts';
import { errorResponses, IdParams, LocaleSchema, Uuid } from '../../lib/schemas.ts';
import { EmployerDetail, EmployerFields } from '../../../common/contracts/employers.ts';
import * as portal from './portal.service.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const { acceptTerms: _acceptTerms, ...signUpEmployerFields } = EmployerFields;

const UserFields = {
  fullName: Type.String({ minLength: 2, maxLength: 200 }),
  email: Type.String({ format: 'email', maxLength: 320 }),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  locale: LocaleSchema,
};

const PortalUser = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  locale: Type.String(),
  status: Type.String(),
  manager: Type.Boolean(),
  lastSignInAt: Nullable(Type.String()),
  addedAt: Type.String(),
});
const PortalUsers = Type.Object({ items: Type.Array(PortalUser) });

/** The employer as GET /employers/:id shows it to its own users (same fields). */
const MyEmployer = EmployerDetail;

/** Employer sign-up (public), the portal's own employer and users, and staff linking portal users. */
export async function portalRoutes(app: App): Promise<void> {
  app.post(
    '/public/employers',
    {
      config: { access: 'public' },
      schema: {
        tags: ['employer sign-up'],
        summary: 'An employer registers itself and its first user (pending until staff verify it)',
        description:
          'The same fields and rules as POST /employers, the organisation to work with (GET /public/organisations), ' +
          'acceptance of the terms, and the first user, who receives an e-mail to choose a password. Answers 202 with ' +
          'the same body whether the employer was new or its tax number was already registered with the organisation ' +
          "(then the employer's managers are told and nothing is created). At most 10 sign-ups per address per hour " +
          '(429 with Retry-After).',
        body: Type.Object(
          {
            organisationId: Uuid,
            ...signUpEmployerFields,
            acceptTerms: Type.Boolean(),
            user: Type.Object(UserFields, { additionalProperties: false }),
          },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ received: Type.Literal(true) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await portal.signUpEmployer(request.ctx, request.body);
      return reply.code(202).send({ received: true as const });
    },
  );

  const tags = ['employer portal'];
  app.get(
    '/portal/employer',
    {
      config: { access: 'employer-portal' },
      schema: { tags, summary: 'My employer', response: { 200: MyEmployer, ...errorResponses } },
    },
    async (request) => portal.myEmployer(request.ctx),
  );

  app.get(
    '/portal/users',
    {
      config: { access: 'employer-portal' },
      schema: { tags, summary: "My employer's portal users", response: { 200: PortalUsers, ...errorResponses } },
    },
    async (request) => ({ items: await portal.listPortalUsers(request.ctx) }),
  );

  app.post(
    '/portal/users',
    {
      config: { access: 'employer-portal' },
      schema: {
        tags,
        summary: 'Invite a colleague (managers only): they receive an e-mail to choose a password',
        body: Type.Object({ ...UserFields, manager: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 201: PortalUsers, ...errorResponses },
      },
    },
    async (request, reply) => {
      await portal.invitePortalUser(request.ctx, request.body);
      return reply.code(201).send({ items: await portal.listPortalUsers(request.ctx) });
    },
  );

  app.delete(
    '/portal/users/:userId',
    {
      config: { access: 'employer-portal' },
      schema: {
        tags,
        summary:
          'Remove a colleague (managers only; never the last manager). A user left with no employer is disabled.',
        params: Type.Object({ userId: Uuid }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await portal.removePortalUser(request.ctx, request.params.userId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/employers/:id/users',
    {
      config: { access: 'employers:read' },
      schema: {
        tags: ['employers'],
        summary: "An employer's portal users",
        params: IdParams,
        response: { 200: PortalUsers, ...errorResponses },
      },
    },
    async (request) => ({ items: await portal.listEmployerUsers(request.ctx, request.params.id) }),
  );

  app.post(
    '/employers/:id/users',
    {
      config: { access: 'employers:write' },
      schema: {
        tags: ['employers'],
        summary: 'Give an employer a portal user: an employer user with this e-mail is linked, anyone else is invited',
        params: IdParams,
        body: Type.Object({ ...UserFields, manager: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
        response: { 201: PortalUsers, ...errorResponses },
      },
    },
    async (request, reply) => {
      await portal.addEmployerUser(request.ctx, request.params.id, request.body);
      return reply.code(201).send({ items: await portal.listEmployerUsers(request.ctx, request.params.id) });
    },
  );

  app.delete(
    '/employers/:id/users/:userId',
    {
      config: { access: 'employers:write' },
      schema: {
        tags: ['employers'],
        summary: 'Take a portal user off an employer (never the last manager)',
        params: Type.Object({ id: Uuid, userId: Uuid }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await portal.removeEmployerUser(request.ctx, request.params.id, request.params.userId);
      return reply.code(204).send(null);
    },
  );
}
