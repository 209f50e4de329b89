import type { FastifyReply } from 'fastify';
import type { App, AppDeps } from '../../http.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/identity.ts';
import * as auth from './auth.service.ts';
import * as sessionsService from './session.service.ts';
import { getMe, updatePreferences } from './users.service.ts';

/** Signing in and the signed-in user's own account (declared in src/common/contracts/identity.ts). */
export async function authRoutes(app: App, deps: AppDeps): Promise<void> {
  const cookie = sessionsService.sessionCookie(deps.config);
  const setSession = (reply: FastifyReply, token: string) =>
    reply.setCookie(cookie.name, token, { ...cookie.options, maxAge: sessionsService.SESSION_ABSOLUTE_MS / 1000 });

  route(app, op.instanceMode, async () => ({ mode: deps.config.mode }));

  route(app, op.signIn, async ({ ctx, body, reply }) => {
    const result = await auth.signInWithPassword(ctx, body.email, body.password);
    setSession(reply, result.token);
    return { stage: result.stage };
  });
  route(app, op.secondFactor, async ({ ctx, body }) => {
    await auth.verifySecondFactor(ctx, body.code);
    return { stage: 'active' as const };
  });
  route(app, op.requestSignInCode, async ({ ctx, body }) => ({
    accepted: true,
    ...(await auth.requestSignInCode(ctx, body.identifier)),
  }));
  route(app, op.signInWithCode, async ({ ctx, body, reply }) => {
    const result = await auth.signInWithCode(ctx, body.identifier, body.code);
    setSession(reply, result.token);
    return { stage: result.stage };
  });
  route(app, op.signOut, async ({ ctx, reply }) => {
    await auth.signOut(ctx);
    // Cleared with the attributes it was set with (Secure, HttpOnly, SameSite, Path), or the browser keeps it.
    reply.clearCookie(cookie.name, cookie.options);
  });
  route(app, op.requestPasswordReset, async ({ ctx, body }) => {
    await auth.requestPasswordReset(ctx, body.email);
    return { accepted: true };
  });
  route(app, op.resetPassword, ({ ctx, body }) => auth.resetPassword(ctx, body.token, body.password));
  route(app, op.inspectInvitation, ({ ctx, body }) => auth.inspectInvitation(ctx, body.token));
  route(app, op.acceptInvitation, ({ ctx, body }) => auth.acceptInvitation(ctx, body.token, body.password));

  // ---- the signed-in user ------------------------------------------------------------------------
  route(app, op.getMe, ({ ctx }) => getMe(ctx));
  route(app, op.updatePreferences, async ({ ctx, body }) => {
    await updatePreferences(ctx, body.locale);
    ctx.locale = body.locale;
    return getMe(ctx);
  });
  route(app, op.changePassword, ({ ctx, body }) => auth.changePassword(ctx, body.currentPassword, body.newPassword));
  route(app, op.listSessions, async ({ ctx }) => ({ items: await sessionsService.listOwnSessions(ctx) }));
  route(app, op.revokeSession, ({ ctx, params }) => sessionsService.revokeOwnSession(ctx, params.id));
  route(app, op.revokeOtherSessions, async ({ ctx }) => ({
    revoked: await sessionsService.revokeOtherSessions(ctx),
  }));
  route(app, op.getMfa, ({ ctx }) => auth.mfaStatus(ctx));
  route(app, op.startTotp, ({ ctx }) => auth.startTotpEnrolment(ctx));
  route(app, op.confirmTotp, ({ ctx, body }) => auth.confirmTotpEnrolment(ctx, body.code));
  route(app, op.regenerateRecoveryCodes, ({ ctx }) => auth.regenerateRecoveryCodes(ctx));
  route(app, op.disableTotp, ({ ctx, body }) => auth.disableTotp(ctx, body.password));
}
