import { and, count, desc, eq, gt, gte, isNull, max, sql } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Db } from '../../db/client.ts';
import {
  actionTokens,
  authAttempts,
  oneTimeCodes,
  organisations,
  recoveryCodes,
  sessions,
  users,
} from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { ProblemError, problems } from '../../lib/errors.ts';
import {
  decrypt,
  encrypt,
  hashPassword,
  randomDigits,
  randomToken,
  sha256,
  timingSafeEqualHex,
  verifyPassword,
} from '../../lib/crypto.ts';
import { looksLikeEmail, normaliseEmail, normalisePhone } from '../../../common/contact.ts';
import { enqueueIf } from '../outbox/index.ts';
import {
  completeSession,
  createSession,
  organisationRequiresMfa,
  revokeAllSessionsOf,
  revokeOtherSessionsOf,
} from './session.service.ts';
import { isDemoCodeAccount } from '../../db/seed/demo.ts';
import type { SessionStage } from '../../lib/access.ts';

export const WINDOW_MS = 15 * 60 * 1000;
/** At most 10 failed attempts per account and 100 per address (a whole office may share one) per 15 minutes. */
export const ACCOUNT_FAILURE_LIMIT = 10;
export const IP_FAILURE_LIMIT = 100;
/** At most 5 sign-in codes per phone or e-mail per 15 minutes. */
export const CODE_REQUEST_LIMIT = 5;
export const CODE_TTL_MS = 10 * 60 * 1000;
export const CODE_MAX_ATTEMPTS = 5;
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 60 * 60 * 1000;

type UserRow = typeof users.$inferSelect;

/** Throws 429 with Retry-After when the account or the address has failed too often. */
async function checkLimits(ctx: Ctx, accountKey: string): Promise<void> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - WINDOW_MS);
  const [lastSuccess] = await ctx.db
    .select({ at: max(authAttempts.at) })
    .from(authAttempts)
    .where(and(eq(authAttempts.accountKey, accountKey), eq(authAttempts.succeeded, true), gte(authAttempts.at, since)));
  const accountSince = lastSuccess?.at && lastSuccess.at > since ? lastSuccess.at : since;
  const accountFailures = await ctx.db
    .select({ at: authAttempts.at })
    .from(authAttempts)
    .where(
      and(
        eq(authAttempts.accountKey, accountKey),
        eq(authAttempts.succeeded, false),
        gt(authAttempts.at, accountSince),
      ),
    )
    .orderBy(desc(authAttempts.at))
    .limit(ACCOUNT_FAILURE_LIMIT);
  if (accountFailures.length >= ACCOUNT_FAILURE_LIMIT) {
    const oldest = accountFailures[accountFailures.length - 1]!.at;
    throw problems.tooManyRequests((oldest.getTime() + WINDOW_MS - now.getTime()) / 1000);
  }
  const ipFailures = await ctx.db
    .select({ at: authAttempts.at })
    .from(authAttempts)
    .where(and(eq(authAttempts.ip, ctx.ip), eq(authAttempts.succeeded, false), gt(authAttempts.at, since)))
    .orderBy(desc(authAttempts.at))
    .limit(IP_FAILURE_LIMIT);
  if (ipFailures.length >= IP_FAILURE_LIMIT) {
    const oldest = ipFailures[ipFailures.length - 1]!.at;
    throw problems.tooManyRequests((oldest.getTime() + WINDOW_MS - now.getTime()) / 1000);
  }
}

/** The id no account has: work for an unknown account runs against it and touches no row. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

/**
 * Serialises the attempts on one account and from one address: the count and the attempt it allows
 * are one step, so concurrent requests cannot all pass a limit they each checked before the others
 * were recorded. Transaction-scoped advisory locks, always taken account first, then address.
 */
async function lockAttempts(tx: Db, ctx: Ctx, accountKey: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`auth:${accountKey}`}, 0))`);
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`auth-ip:${ctx.ip}`}, 0))`);
}

/**
 * Checks the limits and records the attempt as a failure in one locked step, before the secret is
 * checked; `settleAttempt` turns it into a success. Returns the attempt's id.
 */
async function reserveAttempt(ctx: Ctx, accountKey: string): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    await lockAttempts(tx, ctx, accountKey);
    await checkLimits({ ...ctx, db: tx }, accountKey);
    const [row] = await tx
      .insert(authAttempts)
      .values({ accountKey, ip: ctx.ip, succeeded: false, at: ctx.clock.now() })
      .returning({ id: authAttempts.id });
    return row!.id;
  });
}

async function settleAttempt(tx: Db, attemptId: number): Promise<void> {
  await tx.update(authAttempts).set({ succeeded: true }).where(eq(authAttempts.id, attemptId));
}

/** At most `limit` requests (codes, reset links) per key per window, counted and recorded in one locked step. */
async function reserveRequest(ctx: Ctx, requestKey: string, limit: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await lockAttempts(tx, ctx, requestKey);
    const since = new Date(ctx.clock.now().getTime() - WINDOW_MS);
    const [recent] = await tx
      .select({ n: count() })
      .from(authAttempts)
      .where(and(eq(authAttempts.accountKey, requestKey), gt(authAttempts.at, since)));
    if ((recent?.n ?? 0) >= limit) throw problems.tooManyRequests(WINDOW_MS / 1000);
    await tx.insert(authAttempts).values({ accountKey: requestKey, ip: ctx.ip, succeeded: true, at: ctx.clock.now() });
  });
}

// A fixed hash to verify against when the account does not exist, so timing does not reveal accounts.
let dummyHash: Promise<string> | undefined;

async function stageAfterFirstFactor(ctx: Ctx, user: UserRow): Promise<SessionStage> {
  if (user.totpEnabledAt) return 'mfa';
  if (user.kind === 'staff' && (await organisationRequiresMfa(ctx.db, user.organisationId))) return 'enrol';
  return 'active';
}

export interface SignInResult {
  token: string;
  stage: SessionStage;
}

export async function signInWithPassword(ctx: Ctx, emailInput: string, password: string): Promise<SignInResult> {
  const email = normaliseEmail(emailInput);
  const accountKey = `password:${email}`;
  const attemptId = await reserveAttempt(ctx, accountKey);
  const [user] = await ctx.db.select().from(users).where(eq(users.email, email));
  const ok =
    user?.passwordHash && user.status === 'active'
      ? await verifyPassword(user.passwordHash, password)
      : (await verifyPassword(await (dummyHash ??= hashPassword('not-a-password', ctx.config.argon)), password), false);
  if (!ok || !user) {
    if (user) {
      await audit(ctx.db, ctx, {
        action: 'auth.sign-in-failed',
        subjectType: 'user',
        subjectId: user.id,
        organisationId: user.organisationId,
        actorUserId: null,
      });
    }
    throw problems.unauthenticated('errors.auth.invalidCredentials');
  }
  const stage = await stageAfterFirstFactor(ctx, user);
  return ctx.db.transaction(async (tx) => {
    await settleAttempt(tx, attemptId);
    const { token } = await createSession(tx, ctx, user.id, stage, 'password');
    if (stage === 'active') await markSignedIn(tx, ctx, user);
    return { token, stage };
  });
}

async function markSignedIn(tx: Db, ctx: Ctx, user: Pick<UserRow, 'id' | 'organisationId' | 'kind'>) {
  await tx.update(users).set({ lastSignInAt: ctx.clock.now() }).where(eq(users.id, user.id));
  await audit(tx, ctx, {
    action: 'auth.signed-in',
    subjectType: 'user',
    subjectId: user.id,
    organisationId: user.organisationId,
    actorUserId: user.id,
    actorKind: user.kind,
  });
}

function totpFor(secretBase32: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: 'Köprü',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/**
 * Checks a TOTP code (one step of clock drift either way) and returns its time step, or null when it
 * is wrong or was already used: a code seen once cannot be replayed within its window.
 */
function acceptTotp(ctx: Ctx, user: UserRow, code: string): number | null {
  if (!user.totpSecretEnc) return null;
  const now = ctx.clock.now().getTime();
  const delta = totpFor(decrypt(user.totpSecretEnc, ctx.config), user.email ?? user.id).validate({
    token: code.trim(),
    window: 1,
    timestamp: now,
  });
  if (delta === null) return null;
  const step = Math.floor(now / 30_000) + delta;
  if (user.totpLastStep !== null && step <= user.totpLastStep) return null;
  return step;
}

async function loadUser(db: Db, userId: string): Promise<UserRow> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw problems.notFound();
  return user;
}

/** Records a wrong (or already used) second-factor code against the account, then refuses it. */
async function secondFactorFailed(
  ctx: Ctx,
  user: UserRow,
  method: 'totp' | 'recovery-code' | 'enrolment',
): Promise<never> {
  await audit(ctx.db, ctx, {
    action: 'mfa.code-failed',
    subjectType: 'user',
    subjectId: user.id,
    organisationId: user.organisationId,
    purpose: method,
  });
  throw problems.invalid('/code', 'errors.mfa.invalidCode');
}

/** Completes a password sign-in with a TOTP code or a recovery code. */
export async function verifySecondFactor(ctx: Ctx, code: string): Promise<void> {
  const actor = actorOf(ctx);
  if (actor.stage !== 'mfa') throw problems.conflict('errors.mfa.notPending');
  const user = await loadUser(ctx.db, actor.userId);
  const accountKey = `mfa:${user.id}`;
  const attemptId = await reserveAttempt(ctx, accountKey);
  const cleaned = code.replace(/\s/g, '');
  let recoveryCodeId: string | null = null;
  let totpStep: number | null = null;
  let ok = false;
  if (/^\d{6}$/.test(cleaned) && user.totpSecretEnc) {
    totpStep = acceptTotp(ctx, user, cleaned);
    ok = totpStep !== null;
  } else {
    const hash = sha256(cleaned.toLowerCase().replace(/-/g, ''));
    const [rc] = await ctx.db
      .select()
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, user.id), eq(recoveryCodes.codeHash, hash), isNull(recoveryCodes.usedAt)));
    if (rc) {
      ok = true;
      recoveryCodeId = rc.id;
    }
  }
  const method = /^\d{6}$/.test(cleaned) && user.totpSecretEnc ? 'totp' : 'recovery-code';
  if (!ok) await secondFactorFailed(ctx, user, method);
  const completed = ctx.db.transaction(async (tx) => {
    // A TOTP step and a recovery code are used once, even by two requests at the same moment: each is
    // taken by one conditional statement, and the second request finds nothing left to take.
    if (totpStep !== null) {
      const taken = await tx
        .update(users)
        .set({ totpLastStep: totpStep })
        .where(and(eq(users.id, user.id), sql`(${users.totpLastStep} IS NULL OR ${users.totpLastStep} < ${totpStep})`))
        .returning({ id: users.id });
      if (taken.length === 0) throw problems.invalid('/code', 'errors.mfa.invalidCode');
    }
    if (recoveryCodeId) {
      const taken = await tx
        .update(recoveryCodes)
        .set({ usedAt: ctx.clock.now() })
        .where(and(eq(recoveryCodes.id, recoveryCodeId), isNull(recoveryCodes.usedAt)))
        .returning({ id: recoveryCodes.id });
      if (taken.length === 0) throw problems.invalid('/code', 'errors.mfa.invalidCode');
      await audit(tx, ctx, { action: 'mfa.recovery-code-used', subjectType: 'user', subjectId: user.id });
    }
    await settleAttempt(tx, attemptId);
    await completeSession(tx, ctx.clock, actor.sessionId);
    await markSignedIn(tx, ctx, user);
  });
  try {
    await completed;
  } catch (e) {
    // Another request took this code a moment earlier: a failure like any other, recorded after the
    // rollback.
    if (e instanceof ProblemError && e.errors[0]?.code === 'errors.mfa.invalidCode')
      await secondFactorFailed(ctx, user, method);
    throw e;
  }
}

function parseIdentifier(input: string): { kind: 'email' | 'phone'; value: string } {
  if (looksLikeEmail(input)) return { kind: 'email', value: normaliseEmail(input) };
  const phone = normalisePhone(input);
  if (!phone) throw problems.invalid('/identifier', 'errors.auth.identifierInvalid');
  return { kind: 'phone', value: phone };
}

/**
 * Sends a one-time sign-in code to a job seeker or employer user, by SMS to a phone number or by
 * e-mail. Answers the same whether or not the account exists, and does the same work: the same
 * statements run (inserting no code and no message for an unknown account), so that the time taken
 * does not tell either. In demo mode, a demo account's code is returned for the sign-in page.
 */
export async function requestSignInCode(ctx: Ctx, identifierInput: string): Promise<{ demoCode?: string }> {
  const identifier = parseIdentifier(identifierInput);
  await reserveRequest(ctx, `code-request:${identifier.value}`, CODE_REQUEST_LIMIT);
  await checkLimits(ctx, `code:${identifier.value}`);

  const column = identifier.kind === 'email' ? users.email : users.phone;
  const [user] = await ctx.db.select().from(users).where(eq(column, identifier.value));
  const eligible = !!user && user.status !== 'disabled' && user.kind !== 'staff';
  const userId = eligible ? user.id : NO_USER;
  const code = randomDigits(6);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx.execute(sql`
      INSERT INTO one_time_codes (user_id, code_hash, expires_at, created_at)
      SELECT ${userId}::uuid, ${sha256(`${userId}:${code}`)}, ${new Date(now.getTime() + CODE_TTL_MS).toISOString()}::timestamptz,
        ${now.toISOString()}::timestamptz
      WHERE ${eligible}::boolean`);
    await enqueueIf(
      { ...ctx, db: tx },
      {
        channel: identifier.kind === 'email' ? 'email' : 'sms',
        recipient: identifier.value,
        template: 'sign-in-code',
        locale: eligible ? user.locale : ctx.locale,
        params: { code, minutes: CODE_TTL_MS / 60000 },
        organisationId: eligible ? user.organisationId : null,
        userId: eligible ? user.id : null,
      },
      eligible,
    );
    await audit(tx, ctx, {
      action: 'auth.code-requested',
      subjectType: 'user',
      subjectId: eligible ? user.id : null,
      organisationId: eligible ? user.organisationId : null,
      actorUserId: null,
      purpose: identifier.kind,
    });
  });
  return eligible && ctx.config.mode === 'demo' && isDemoCodeAccount(identifier.value) ? { demoCode: code } : {};
}

export async function signInWithCode(ctx: Ctx, identifierInput: string, code: string): Promise<SignInResult> {
  const identifier = parseIdentifier(identifierInput);
  const accountKey = `code:${identifier.value}`;
  const attemptId = await reserveAttempt(ctx, accountKey);
  const column = identifier.kind === 'email' ? users.email : users.phone;
  const [user] = await ctx.db.select().from(users).where(eq(column, identifier.value));
  const now = ctx.clock.now();
  const userId = user?.id ?? NO_USER;
  // One try of the code's five is taken before comparing, in one statement: concurrent guesses cannot
  // share a try. The same statement runs for an unknown account.
  const [pending] = await ctx.db
    .update(oneTimeCodes)
    .set({ attempts: sql`${oneTimeCodes.attempts} + 1` })
    .where(
      eq(
        oneTimeCodes.id,
        sql`(SELECT id FROM one_time_codes WHERE user_id = ${userId}::uuid AND consumed_at IS NULL
              AND expires_at > ${now.toISOString()}::timestamptz ORDER BY created_at DESC LIMIT 1)`,
      ),
    )
    .returning();
  const matches = timingSafeEqualHex(pending?.codeHash ?? sha256(''), sha256(`${userId}:${code.trim()}`));
  const valid =
    !!user &&
    user.kind !== 'staff' &&
    user.status !== 'disabled' &&
    !!pending &&
    pending.attempts <= CODE_MAX_ATTEMPTS &&
    matches;
  if (!valid || !user || !pending) throw problems.invalid('/code', 'errors.auth.codeInvalid');
  return ctx.db.transaction(async (tx) => {
    const consumed = await tx
      .update(oneTimeCodes)
      .set({ consumedAt: now })
      .where(and(eq(oneTimeCodes.id, pending.id), isNull(oneTimeCodes.consumedAt)))
      .returning({ id: oneTimeCodes.id });
    // Two requests with the same code: only one signs in.
    if (consumed.length === 0) throw problems.invalid('/code', 'errors.auth.codeInvalid');
    await settleAttempt(tx, attemptId);
    // Signing in with a code proves the phone or e-mail: an invited account becomes active.
    if (user.status === 'invited') {
      await tx.update(users).set({ status: 'active', updatedAt: now }).where(eq(users.id, user.id));
    }
    const { token } = await createSession(tx, ctx, user.id, 'active', 'otp');
    await markSignedIn(tx, ctx, user);
    return { token, stage: 'active' as const };
  });
}

export async function signOut(ctx: Ctx): Promise<void> {
  const actor = ctx.actor;
  if (!actor) return;
  await ctx.db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: ctx.clock.now() }).where(eq(sessions.id, actor.sessionId));
    await audit(tx, ctx, { action: 'auth.signed-out', subjectType: 'session', subjectId: actor.sessionId });
  });
}

// ---- invitations and password resets -------------------------------------------------------------

export async function createActionToken(
  tx: Db,
  ctx: Ctx,
  userId: string,
  purpose: 'invitation' | 'password-reset',
): Promise<string> {
  return issueActionToken(tx, ctx, userId, purpose, true);
}

/**
 * A new link replaces the earlier ones. With `issue` false the same statements run and change nothing
 * (a request for an unknown account must take the same work as one for a real account).
 */
async function issueActionToken(
  tx: Db,
  ctx: Ctx,
  userId: string,
  purpose: 'invitation' | 'password-reset',
  issue: boolean,
): Promise<string> {
  const token = randomToken();
  const ttl = purpose === 'invitation' ? INVITATION_TTL_MS : RESET_TTL_MS;
  const now = ctx.clock.now();
  await tx
    .update(actionTokens)
    .set({ consumedAt: now })
    .where(and(eq(actionTokens.userId, userId), eq(actionTokens.purpose, purpose), isNull(actionTokens.consumedAt)));
  await tx.execute(sql`
    INSERT INTO action_tokens (user_id, purpose, token_hash, expires_at, created_at)
    SELECT ${userId}::uuid, ${purpose}, ${sha256(token)}, ${new Date(now.getTime() + ttl).toISOString()}::timestamptz,
      ${now.toISOString()}::timestamptz
    WHERE ${issue}::boolean`);
  return token;
}

/** Links carry the token in the fragment, which browsers never send to servers or put in logs. */
export function actionLink(ctx: Ctx, path: '/accept-invitation' | '/reset-password', token: string): string {
  return `${ctx.config.publicUrl}${path}#token=${token}`;
}

async function findActionToken(db: Db, ctx: Ctx, token: string, purpose: 'invitation' | 'password-reset') {
  const [row] = await db
    .select()
    .from(actionTokens)
    .where(
      and(
        eq(actionTokens.tokenHash, sha256(token)),
        eq(actionTokens.purpose, purpose),
        isNull(actionTokens.consumedAt),
        gt(actionTokens.expiresAt, ctx.clock.now()),
      ),
    );
  if (!row) throw problems.linkExpired();
  return row;
}

export async function inspectInvitation(ctx: Ctx, token: string) {
  const row = await findActionToken(ctx.db, ctx, token, 'invitation');
  const [info] = await ctx.db
    .select({ fullName: users.fullName, email: users.email, organisation: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, row.userId));
  if (!info) throw problems.linkExpired();
  return { fullName: info.fullName, email: info.email ?? '', organisation: info.organisation };
}

export async function acceptInvitation(ctx: Ctx, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password, ctx.config.argon);
  await ctx.db.transaction(async (tx) => {
    const row = await findActionToken(tx, ctx, token, 'invitation');
    const user = await loadUser(tx, row.userId);
    if (user.status === 'disabled') throw problems.linkExpired();
    const now = ctx.clock.now();
    await tx.update(actionTokens).set({ consumedAt: now }).where(eq(actionTokens.id, row.id));
    await tx
      .update(users)
      .set({ status: 'active', passwordHash, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, user.id));
    await audit(tx, ctx, {
      action: 'user.invitation-accepted',
      subjectType: 'user',
      subjectId: user.id,
      organisationId: user.organisationId,
      actorUserId: user.id,
      actorKind: user.kind,
      fields: ['status', 'password'],
    });
  });
}

/**
 * Sends a password-reset link. Answers the same whether or not the account exists, and does the same
 * work (the same statements, a token and a rendered message either way; no row for an unknown one).
 */
export async function requestPasswordReset(ctx: Ctx, emailInput: string): Promise<void> {
  const email = normaliseEmail(emailInput);
  await reserveRequest(ctx, `reset-request:${email}`, CODE_REQUEST_LIMIT);
  const [user] = await ctx.db.select().from(users).where(eq(users.email, email));
  const eligible = !!user && user.status === 'active' && user.kind !== 'seeker';
  await ctx.db.transaction(async (tx) => {
    const token = await issueActionToken(tx, ctx, eligible ? user.id : NO_USER, 'password-reset', eligible);
    await enqueueIf(
      { ...ctx, db: tx },
      {
        channel: 'email',
        recipient: email,
        template: 'password-reset',
        locale: eligible ? user.locale : ctx.locale,
        params: {
          name: eligible ? user.fullName : '',
          link: actionLink(ctx, '/reset-password', token),
          minutes: RESET_TTL_MS / 60000,
        },
        organisationId: eligible ? user.organisationId : null,
        userId: eligible ? user.id : null,
      },
      eligible,
    );
    await audit(tx, ctx, {
      action: 'password.reset-requested',
      subjectType: 'user',
      subjectId: eligible ? user.id : null,
      organisationId: eligible ? user.organisationId : null,
      actorUserId: null,
    });
  });
}

export async function resetPassword(ctx: Ctx, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password, ctx.config.argon);
  await ctx.db.transaction(async (tx) => {
    const row = await findActionToken(tx, ctx, token, 'password-reset');
    const user = await loadUser(tx, row.userId);
    const now = ctx.clock.now();
    await tx.update(actionTokens).set({ consumedAt: now }).where(eq(actionTokens.id, row.id));
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    await revokeAllSessionsOf(tx, ctx.clock, user.id);
    await audit(tx, ctx, {
      action: 'password.reset',
      subjectType: 'user',
      subjectId: user.id,
      organisationId: user.organisationId,
      actorUserId: user.id,
      actorKind: user.kind,
      fields: ['password'],
    });
  });
}

export async function changePassword(ctx: Ctx, current: string, next: string): Promise<void> {
  const actor = actorOf(ctx);
  const user = await loadUser(ctx.db, actor.userId);
  // Guessing the current password from an open session counts against the same limit as signing in.
  const attemptId = await reserveAttempt(ctx, `password:${user.email ?? user.id}`);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
    throw problems.invalid('/currentPassword', 'errors.auth.currentPasswordWrong');
  }
  const passwordHash = await hashPassword(next, ctx.config.argon);
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await settleAttempt(tx, attemptId);
    await tx.update(users).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(users.id, user.id));
    // Whoever else holds a session of this account (the reason to change a password) is signed out.
    await revokeOtherSessionsOf(tx, ctx.clock, user.id, actor.sessionId);
    await audit(tx, ctx, { action: 'password.changed', subjectType: 'user', subjectId: user.id, fields: ['password'] });
  });
}

// ---- TOTP enrolment -------------------------------------------------------------------------------

function assertCanManageMfa(ctx: Ctx): void {
  const actor = actorOf(ctx);
  if (actor.kind !== 'staff') throw problems.forbidden();
  // A session waiting for its second factor must not be able to replace that factor.
  if (actor.stage === 'mfa') throw problems.mfaRequired();
}

export async function startTotpEnrolment(ctx: Ctx) {
  assertCanManageMfa(ctx);
  const user = await loadUser(ctx.db, actorOf(ctx).userId);
  if (user.totpEnabledAt) throw problems.conflict('errors.mfa.alreadyEnabled');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await ctx.db
    .update(users)
    .set({ totpSecretEnc: encrypt(secret, ctx.config.dataKey) })
    .where(eq(users.id, user.id));
  await audit(ctx.db, ctx, { action: 'mfa.setup-started', subjectType: 'user', subjectId: user.id, fields: ['totp'] });
  const uri = totpFor(secret, user.email ?? user.fullName).toString();
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { secret, uri, qrSvg };
}

function newRecoveryCodes(): string[] {
  return Array.from({ length: 10 }, () => {
    const raw = randomToken(8)
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .padEnd(10, '0')
      .slice(0, 10);
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

async function storeRecoveryCodes(tx: Db, ctx: Ctx, userId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx
    .insert(recoveryCodes)
    .values(codes.map((c) => ({ userId, codeHash: sha256(c.replace(/-/g, '')), createdAt: ctx.clock.now() })));
  return codes;
}

export async function confirmTotpEnrolment(ctx: Ctx, code: string): Promise<{ recoveryCodes: string[] }> {
  assertCanManageMfa(ctx);
  const actor = actorOf(ctx);
  const user = await loadUser(ctx.db, actor.userId);
  if (user.totpEnabledAt) throw problems.conflict('errors.mfa.alreadyEnabled');
  if (!user.totpSecretEnc) throw problems.conflict('errors.mfa.notStarted');
  const step = acceptTotp(ctx, { ...user, totpLastStep: null }, code);
  if (step === null) await secondFactorFailed(ctx, user, 'enrolment');
  return ctx.db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabledAt: ctx.clock.now(), totpLastStep: step, updatedAt: ctx.clock.now() })
      .where(eq(users.id, user.id));
    const codes = await storeRecoveryCodes(tx, ctx, user.id);
    await audit(tx, ctx, { action: 'mfa.enrolled', subjectType: 'user', subjectId: user.id, fields: ['totp'] });
    if (actor.stage === 'enrol') {
      await completeSession(tx, ctx.clock, actor.sessionId);
      await markSignedIn(tx, ctx, user);
    }
    return { recoveryCodes: codes };
  });
}

export async function regenerateRecoveryCodes(ctx: Ctx): Promise<{ recoveryCodes: string[] }> {
  assertCanManageMfa(ctx);
  const user = await loadUser(ctx.db, actorOf(ctx).userId);
  if (!user.totpEnabledAt) throw problems.conflict('errors.mfa.notEnabled');
  return ctx.db.transaction(async (tx) => {
    const codes = await storeRecoveryCodes(tx, ctx, user.id);
    await audit(tx, ctx, { action: 'mfa.recovery-codes-regenerated', subjectType: 'user', subjectId: user.id });
    return { recoveryCodes: codes };
  });
}

export async function disableTotp(ctx: Ctx, password: string): Promise<void> {
  assertCanManageMfa(ctx);
  const user = await loadUser(ctx.db, actorOf(ctx).userId);
  if (!user.totpEnabledAt) throw problems.conflict('errors.mfa.notEnabled');
  if (await organisationRequiresMfa(ctx.db, user.organisationId)) {
    throw problems.conflict('errors.mfa.requiredByOrganisation');
  }
  const attemptId = await reserveAttempt(ctx, `password:${user.email ?? user.id}`);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
    throw problems.invalid('/password', 'errors.auth.currentPasswordWrong');
  }
  await ctx.db.transaction(async (tx) => {
    await settleAttempt(tx, attemptId);
    await tx
      .update(users)
      .set({ totpEnabledAt: null, totpSecretEnc: null, totpLastStep: null, updatedAt: ctx.clock.now() })
      .where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await audit(tx, ctx, { action: 'mfa.disabled', subjectType: 'user', subjectId: user.id, fields: ['totp'] });
  });
}

export async function mfaStatus(ctx: Ctx) {
  const user = await loadUser(ctx.db, actorOf(ctx).userId);
  const [left] = await ctx.db
    .select({ n: count() })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
  return {
    enabled: !!user.totpEnabledAt,
    enabledAt: user.totpEnabledAt?.toISOString() ?? null,
    recoveryCodesLeft: left?.n ?? 0,
    requiredByOrganisation: await organisationRequiresMfa(ctx.db, user.organisationId),
  };
}
