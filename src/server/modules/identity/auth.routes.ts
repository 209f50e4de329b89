import { Type } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { App, AppDeps } from '../../http.ts';
import { errorResponses, LocaleSchema } from '../../lib/schemas.ts';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../common/contact.ts';
import * as auth from './auth.service.ts';
import * as sessionsService from './session.service.ts';
import { getMe, updatePreferences } from './users.service.ts';

const Password = Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH });
const Stage = Type.Union([Type.Literal('active'), Type.Literal('mfa'), Type.Literal('enrol')]);
const SignInResult = Type.Object({ stage: Stage });
const Accepted = Type.Object({ accepted: Type.Boolean() });

export const Me = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('staff'), Type.Literal('employer'), Type.Literal('seeker')]),
  fullName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  locale: LocaleSchema,
  stage: Stage,
  organisation: Type.Object({ id: Type.String(), name: Type.String(), requireMfa: Type.Boolean() }),
  office: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  roles: Type.Array(Type.Object({ id: Type.String(), key: Type.String(), name: Type.String() })),
  permissions: Type.Array(Type.String()),
  mfaEnabled: Type.Boolean(),
});

export async function authRoutes(app: App, deps: AppDeps): Promise<void> {
  const cookie = sessionsService.sessionCookie(deps.config);
  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(cookie.name, token, { ...cookie.options, maxAge: sessionsService.SESSION_ABSOLUTE_MS / 1000 });
  const tags = ['auth'];

  app.get(
    '/public/instance',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'What kind of instance this is: a demo (fictional data, messages not sent) or a real service',
        response: { 200: Type.Object({ mode: Type.Union([Type.Literal('demo'), Type.Literal('production')]) }) },
      },
    },
    async () => ({ mode: deps.config.mode }),
  );

  app.post(
    '/auth/sign-in',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Staff and employer users sign in with e-mail and password',
        body: Type.Object({
          email: Type.String({ minLength: 1, maxLength: 320 }),
          password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
        }),
        response: { 200: SignInResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await auth.signInWithPassword(request.ctx, request.body.email, request.body.password);
      setSession(reply, result.token);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/second-factor',
    {
      config: { access: 'second-factor' },
      schema: {
        tags,
        summary: 'Complete a sign-in with a TOTP code or a recovery code',
        body: Type.Object({ code: Type.String({ minLength: 6, maxLength: 20 }) }),
        response: { 200: SignInResult, ...errorResponses },
      },
    },
    async (request) => {
      await auth.verifySecondFactor(request.ctx, request.body.code);
      return { stage: 'active' as const };
    },
  );

  app.post(
    '/auth/code',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Job seekers and employer users: send a one-time sign-in code by SMS or e-mail',
        description:
          'Answers 202 whether or not an account exists. On a demo instance only, the code of a demo job ' +
          'seeker (fictional people) comes back as demoCode, for the sign-in page.',
        body: Type.Object({ identifier: Type.String({ minLength: 3, maxLength: 320 }) }),
        response: {
          202: Type.Object({ accepted: Type.Boolean(), demoCode: Type.Optional(Type.String()) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await auth.requestSignInCode(request.ctx, request.body.identifier);
      return reply.code(202).send({ accepted: true, ...result });
    },
  );

  app.post(
    '/auth/code/verify',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Sign in with a one-time code',
        body: Type.Object({
          identifier: Type.String({ minLength: 3, maxLength: 320 }),
          code: Type.String({ pattern: '^\\s*\\d{6}\\s*$' }),
        }),
        response: { 200: SignInResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await auth.signInWithCode(request.ctx, request.body.identifier, request.body.code);
      setSession(reply, result.token);
      return { stage: result.stage };
    },
  );

  app.post(
    '/auth/sign-out',
    {
      config: { access: 'public' },
      schema: { tags, summary: 'Sign out (ends this session)', response: { 204: Type.Null(), ...errorResponses } },
    },
    async (request, reply) => {
      await auth.signOut(request.ctx);
      // Cleared with the attributes it was set with (Secure, HttpOnly, SameSite, Path), or the browser keeps it.
      reply.clearCookie(cookie.name, cookie.options);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/password-reset',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Send a password-reset link by e-mail',
        description: 'Answers 202 whether or not an account exists.',
        body: Type.Object({ email: Type.String({ format: 'email', maxLength: 320 }) }),
        response: { 202: Accepted, ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.requestPasswordReset(request.ctx, request.body.email);
      return reply.code(202).send({ accepted: true });
    },
  );

  app.post(
    '/auth/password-reset/confirm',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Set a new password with the link sent by e-mail; ends every session of the account',
        body: Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }), password: Password }),
        response: { 204: Type.Null(), ...errorResponses, 410: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      await auth.resetPassword(request.ctx, request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/auth/invitation',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Read an invitation (who is invited, by which organisation)',
        body: Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) }),
        response: {
          200: Type.Object({ fullName: Type.String(), email: Type.String(), organisation: Type.String() }),
          ...errorResponses,
          410: Type.Ref('Problem'),
        },
      },
    },
    async (request) => auth.inspectInvitation(request.ctx, request.body.token),
  );

  app.post(
    '/auth/invitation/accept',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Accept an invitation by choosing a password',
        body: Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }), password: Password }),
        response: { 204: Type.Null(), ...errorResponses, 410: Type.Ref('Problem') },
      },
    },
    async (request, reply) => {
      await auth.acceptInvitation(request.ctx, request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  // ---- the signed-in user ------------------------------------------------------------------------
  const meTags = ['me'];

  app.get(
    '/me',
    {
      config: { access: 'second-factor' },
      schema: {
        tags: meTags,
        summary: 'The signed-in user, their roles and permissions',
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request) => getMe(request.ctx),
  );

  app.patch(
    '/me/preferences',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'Change the interface language (remembered per user)',
        body: Type.Object({ locale: LocaleSchema }, { additionalProperties: false }),
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request) => {
      await updatePreferences(request.ctx, request.body.locale);
      request.ctx.locale = request.body.locale;
      return getMe(request.ctx);
    },
  );

  app.post(
    '/me/password',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'Change my password',
        body: Type.Object({
          currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }),
          newPassword: Password,
        }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.changePassword(request.ctx, request.body.currentPassword, request.body.newPassword);
      return reply.code(204).send(null);
    },
  );

  const SessionItem = Type.Object({
    id: Type.String(),
    current: Type.Boolean(),
    method: Type.String(),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
    lastSeenAt: Type.String(),
    expiresAt: Type.String(),
  });

  app.get(
    '/me/sessions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'My open sessions',
        response: { 200: Type.Object({ items: Type.Array(SessionItem) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await sessionsService.listOwnSessions(request.ctx) }),
  );

  app.delete(
    '/me/sessions/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'End one of my sessions',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await sessionsService.revokeOwnSession(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/me/sessions/revoke-others',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'End all my sessions but this one',
        response: { 200: Type.Object({ revoked: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => ({ revoked: await sessionsService.revokeOtherSessions(request.ctx) }),
  );

  const MfaStatus = Type.Object({
    enabled: Type.Boolean(),
    enabledAt: Type.Union([Type.String(), Type.Null()]),
    recoveryCodesLeft: Type.Integer(),
    requiredByOrganisation: Type.Boolean(),
  });
  const RecoveryCodes = Type.Object({ recoveryCodes: Type.Array(Type.String()) });

  app.get(
    '/me/mfa',
    {
      config: { access: 'second-factor' },
      schema: { tags: meTags, summary: 'My two-factor status', response: { 200: MfaStatus, ...errorResponses } },
    },
    async (request) => auth.mfaStatus(request.ctx),
  );

  app.post(
    '/me/mfa/totp/setup',
    {
      config: { access: 'second-factor' },
      schema: {
        tags: meTags,
        summary: 'Staff: start TOTP enrolment (returns the secret and a QR code once)',
        response: {
          200: Type.Object({ secret: Type.String(), uri: Type.String(), qrSvg: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request) => auth.startTotpEnrolment(request.ctx),
  );

  app.post(
    '/me/mfa/totp/confirm',
    {
      config: { access: 'second-factor' },
      schema: {
        tags: meTags,
        summary: 'Staff: confirm TOTP enrolment with a code; returns ten recovery codes, shown once',
        body: Type.Object({ code: Type.String({ pattern: '^\\s*\\d{6}\\s*$' }) }),
        response: { 200: RecoveryCodes, ...errorResponses },
      },
    },
    async (request) => auth.confirmTotpEnrolment(request.ctx, request.body.code),
  );

  app.post(
    '/me/mfa/recovery-codes',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'Staff: replace my recovery codes',
        response: { 200: RecoveryCodes, ...errorResponses },
      },
    },
    async (request) => auth.regenerateRecoveryCodes(request.ctx),
  );

  app.post(
    '/me/mfa/totp/disable',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: meTags,
        summary: 'Staff: turn TOTP off (not allowed when the organisation requires it)',
        body: Type.Object({ password: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH }) }),
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await auth.disableTotp(request.ctx, request.body.password);
      return reply.code(204).send(null);
    },
  );
}
