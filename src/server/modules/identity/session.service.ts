import { and, eq, gt, isNull, desc, ne, sql } from 'drizzle-orm';
import type { Config } from '../../config/config.ts';
import type { Db } from '../../db/client.ts';
import { organisations, roles, sessions, userRoles, users } from '../../db/schema/index.ts';
import type { Actor, SessionStage } from '../../lib/access.ts';
import type { Clock } from '../../lib/clock.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { randomToken, sha256 } from '../../lib/crypto.ts';
import { audit } from '../../lib/audit.ts';
import { problems } from '../../lib/errors.ts';
import type { Permission } from '../../../common/permissions.ts';

/** A session ends 12 hours after sign-in, or after 2 hours without use. */
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** A half-finished sign-in (waiting for the second factor) lasts 10 minutes. */
export const SESSION_PENDING_MS = 10 * 60 * 1000;

/**
 * `__Host-` cookies must be Secure; browsers accept Secure cookies over HTTPS and on localhost.
 * A deployment reached over plain HTTP on another host falls back to an unprefixed, non-Secure cookie.
 */
export function sessionCookie(config: Config) {
  const url = new URL(config.publicUrl);
  const secure = url.protocol === 'https:' || url.hostname === 'localhost';
  return {
    name: secure ? '__Host-kopru_session' : 'kopru_session',
    options: { path: '/', httpOnly: true, sameSite: 'lax' as const, secure },
  };
}

export async function createSession(
  tx: Db,
  ctx: Ctx,
  userId: string,
  stage: SessionStage,
  method: 'password' | 'otp',
): Promise<{ token: string; sessionId: string }> {
  const token = randomToken();
  const now = ctx.clock.now();
  const ttl = stage === 'active' ? SESSION_ABSOLUTE_MS : SESSION_PENDING_MS;
  const [row] = await tx
    .insert(sessions)
    .values({
      tokenHash: sha256(token),
      userId,
      stage,
      method,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 300) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + ttl),
    })
    .returning({ id: sessions.id });
  return { token, sessionId: row!.id };
}

/** Moves a half-finished sign-in to a complete session. */
export async function completeSession(tx: Db, clock: Clock, sessionId: string): Promise<void> {
  const now = clock.now();
  await tx
    .update(sessions)
    .set({ stage: 'active', lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS) })
    .where(eq(sessions.id, sessionId));
}

export async function permissionsOf(db: Db, userId: string): Promise<Set<Permission>> {
  const rows = await db
    .select({ permissions: roles.permissions })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(eq(userRoles.userId, userId));
  return new Set(rows.flatMap((r) => r.permissions as Permission[]));
}

/**
 * The permissions of a user's roles, as a correlated subquery of the outer query's `users` row: one round
 * trip for session, user and permissions (resolveActor).
 */
const permissionsOfUser = sql<string[] | null>`(
  SELECT array_agg(DISTINCT p)
  FROM ${userRoles}
  JOIN ${roles} ON ${roles.id} = ${userRoles.roleId}
  CROSS JOIN LATERAL unnest(${roles.permissions}) AS p
  WHERE ${userRoles.userId} = ${users.id}
)`;

/**
 * The look-up of resolveActor, built once per database handle and sent as a named prepared statement: it runs
 * on every request, and building it with drizzle took about 0.1 ms of the process's time a request, and
 * parsing and planning it as much again of the server's (PostgreSQL keeps the plan per connection). Only
 * its values change. A column added to users or sessions leaves it valid (its columns are named).
 */
const actorLookups = new WeakMap<Db, ReturnType<typeof prepareActorLookup>>();

function prepareActorLookup(db: Db) {
  return db
    .select({
      sessionId: sessions.id,
      stage: sessions.stage,
      lastSeenAt: sessions.lastSeenAt,
      userId: users.id,
      organisationId: users.organisationId,
      officeId: users.officeId,
      kind: users.kind,
      fullName: users.fullName,
      locale: users.locale,
      status: users.status,
      permissions: permissionsOfUser,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, sql`${sql.placeholder('now')}::timestamptz`),
      ),
    )
    .prepare('kopru_resolve_actor');
}

/**
 * Resolves the session cookie to an actor, or null when it is missing, expired, revoked or idle: session,
 * user and permissions in one query, read afresh on every request (no cache), so that signing out, a password
 * change and a change of roles take effect at once on every instance.
 */
export async function resolveActor(db: Db, clock: Clock, token: string | undefined): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const now = clock.now();
  let lookup = actorLookups.get(db);
  if (!lookup) actorLookups.set(db, (lookup = prepareActorLookup(db)));
  const [row] = await lookup.execute({ tokenHash: sha256(token), now: now.toISOString() });
  if (!row || row.status !== 'active') return null;
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_IDLE_MS) return null;
  // Record activity at most once a minute, to keep reads cheap.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  }
  return {
    userId: row.userId,
    sessionId: row.sessionId,
    organisationId: row.organisationId,
    officeId: row.officeId,
    kind: row.kind,
    fullName: row.fullName,
    locale: row.locale,
    stage: row.stage,
    permissions: row.stage === 'active' ? new Set((row.permissions ?? []) as Permission[]) : new Set(),
  };
}

export async function listOwnSessions(ctx: Ctx) {
  const actor = actorOf(ctx);
  const rows = await ctx.db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, actor.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, ctx.clock.now()),
        eq(sessions.stage, 'active'),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((s) => ({
    id: s.id,
    current: s.id === actor.sessionId,
    method: s.method,
    userAgent: s.userAgent,
    ip: s.ip,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
  }));
}

export async function revokeOwnSession(ctx: Ctx, sessionId: string): Promise<void> {
  const actor = actorOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, actor.userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    if (revoked.length === 0) throw problems.notFound();
    await audit(tx, ctx, { action: 'session.revoked', subjectType: 'session', subjectId: sessionId });
  });
}

export async function revokeOtherSessions(ctx: Ctx): Promise<number> {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const revoked = await tx
      .update(sessions)
      .set({ revokedAt: ctx.clock.now() })
      .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), ne(sessions.id, actor.sessionId)))
      .returning({ id: sessions.id });
    for (const s of revoked) {
      await audit(tx, ctx, { action: 'session.revoked', subjectType: 'session', subjectId: s.id });
    }
    return revoked.length;
  });
}

/** Ends every session of a user (password reset, account disabled). */
export async function revokeAllSessionsOf(tx: Db, clock: Clock, userId: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: clock.now() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

/** Ends every session of a user but one (the password was changed from that one). */
export async function revokeOtherSessionsOf(
  tx: Db,
  clock: Clock,
  userId: string,
  keepSessionId: string,
): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: clock.now() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.id, keepSessionId)));
}

export async function organisationRequiresMfa(db: Db, organisationId: string): Promise<boolean> {
  const [org] = await db
    .select({ requireMfa: organisations.requireMfa })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return org?.requireMfa ?? false;
}
