import { and, asc, eq, gt, like } from 'drizzle-orm';
import { authAttempts, roles, userRoles, users } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { problems } from '../../lib/errors.ts';
import type { Locale } from '../../../common/locales.ts';
import { revokeAllSessionsOf } from './session.service.ts';

/**
 * Accounts that other modules open and close for people outside the staff: a job seeker registering
 * themselves (people) and employer users of the portal (employers). Identity is the only writer of
 * `users`, `user_roles` and `auth_attempts`; these functions run in the caller's transaction
 * (`ctx.db`), and the caller writes its own audit events beside them.
 */

export interface AccountInput {
  organisationId: string;
  /** The kind of user and the built-in role they get. */
  kind: 'seeker' | 'employer';
  fullName: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
}

/** A new account, status `invited` (it signs in once the invitation or a one-time code is used), with its built-in role. */
export async function createAccount(ctx: Ctx, input: AccountInput): Promise<string> {
  const [role] = await ctx.db
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.key, input.kind), eq(roles.builtIn, true)));
  if (!role) throw new Error(`The built-in ${input.kind} role is missing`);
  const now = ctx.clock.now();
  const [user] = await ctx.db
    .insert(users)
    .values({
      organisationId: input.organisationId,
      officeId: null,
      kind: input.kind,
      fullName: input.fullName,
      email: input.email,
      phone: input.phone,
      locale: input.locale,
      status: 'invited',
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: users.id });
  const userId = user!.id;
  await ctx.db.insert(userRoles).values({ userId, roleId: role.id });
  return userId;
}

/**
 * Disables an account that has lost its reason to exist (an employer user taken off their last
 * employer) and signs it out everywhere; audited as `user.disabled`. Nothing happens to an account
 * already disabled or unknown.
 */
export async function disableAccount(ctx: Ctx, userId: string, organisationId: string): Promise<void> {
  const [user] = await ctx.db.select({ status: users.status }).from(users).where(eq(users.id, userId));
  if (!user || user.status === 'disabled') return;
  await ctx.db.update(users).set({ status: 'disabled', updatedAt: ctx.clock.now() }).where(eq(users.id, userId));
  await revokeAllSessionsOf(ctx.db, ctx.clock, userId);
  await audit(ctx.db, ctx, {
    action: 'user.disabled',
    subjectType: 'user',
    subjectId: userId,
    organisationId,
    fields: ['status'],
  });
}

/**
 * Records an attempt from the caller's address under a key (the sign-in limits' table): public forms
 * count their submissions with their own key prefix (`self-registration:<organisation>`, …).
 */
export async function recordSignInAttempt(
  ctx: Ctx,
  attempt: { accountKey: string; succeeded: boolean },
): Promise<void> {
  await ctx.db
    .insert(authAttempts)
    .values({ accountKey: attempt.accountKey, ip: ctx.ip, succeeded: attempt.succeeded, at: ctx.clock.now() });
}

/**
 * 429 with Retry-After when the caller's address has recorded `limit` attempts under keys starting
 * with `keyPrefix` within the last `windowMs`.
 */
export async function checkAttemptRate(
  ctx: Ctx,
  rate: { keyPrefix: string; limit: number; windowMs: number },
): Promise<void> {
  const now = ctx.clock.now();
  const recent = await ctx.db
    .select({ at: authAttempts.at })
    .from(authAttempts)
    .where(
      and(
        eq(authAttempts.ip, ctx.ip),
        like(authAttempts.accountKey, `${rate.keyPrefix}%`),
        gt(authAttempts.at, new Date(now.getTime() - rate.windowMs)),
      ),
    )
    .orderBy(asc(authAttempts.at))
    .limit(rate.limit);
  if (recent.length >= rate.limit) {
    throw problems.tooManyRequests((recent[0]!.at.getTime() + rate.windowMs - now.getTime()) / 1000);
  }
}
