/**
 * What the data-protection desk asks of the identity module about a job seeker's own account: what it
 * holds (for the access export) and its anonymisation (for an erasure). Only seeker accounts: staff and
 * employer users are not data subjects of the desk's requests.
 */
import { and, eq, inArray, isNull, like, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  actionTokens,
  authAttempts,
  oneTimeCodes,
  recoveryCodes,
  roles,
  sessions,
  userRoles,
  users,
} from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';

/** The seeker accounts among `userIds`, with their sign-in history (times only). */
export async function accountsOf(db: Db, organisationId: string, userIds: readonly string[]) {
  if (userIds.length === 0) return { accounts: [], sessions: [] };
  const rows = await db
    .select()
    .from(users)
    .where(and(eq(users.organisationId, organisationId), eq(users.kind, 'seeker'), inArray(users.id, [...userIds])));
  const ids = rows.map((u) => u.id);
  const signIns = ids.length
    ? await db
        .select({ createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt, userAgent: sessions.userAgent })
        .from(sessions)
        .where(inArray(sessions.userId, ids))
    : [];
  return {
    accounts: rows.map((u) => ({
      id: u.id,
      fullName: u.fullName,
      email: u.email,
      phone: u.phone,
      locale: u.locale,
      status: u.status,
      createdAt: u.createdAt.toISOString(),
      lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    })),
    sessions: signIns.map((s) => ({
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      userAgent: s.userAgent,
    })),
  };
}

/**
 * For an erasure, in the caller's transaction: the seeker accounts lose their name, e-mail, phone and
 * password and are disabled; their sessions, codes, links and sign-in attempt records go. Returns how
 * many accounts.
 */
export async function anonymiseAccounts(ctx: Ctx, userIds: readonly string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const rows = await ctx.db
    .select()
    .from(users)
    .where(
      and(
        eq(users.organisationId, actorOf(ctx).organisationId),
        eq(users.kind, 'seeker'),
        inArray(users.id, [...userIds]),
      ),
    );
  for (const u of rows) {
    const keys = [u.email, u.phone].filter((x): x is string => !!x);
    if (keys.length)
      await ctx.db.delete(authAttempts).where(or(...keys.map((k) => like(authAttempts.accountKey, `%${k}`))));
    await ctx.db.delete(sessions).where(eq(sessions.userId, u.id));
    await ctx.db.delete(oneTimeCodes).where(eq(oneTimeCodes.userId, u.id));
    await ctx.db.delete(actionTokens).where(eq(actionTokens.userId, u.id));
    await ctx.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id));
    await ctx.db
      .update(users)
      .set({
        fullName: '—',
        email: null,
        phone: null,
        passwordHash: null,
        totpSecretEnc: null,
        totpEnabledAt: null,
        status: 'disabled',
        updatedAt: ctx.clock.now(),
      })
      .where(eq(users.id, u.id));
    await audit(ctx.db, ctx, {
      action: 'user.anonymised',
      subjectType: 'user',
      subjectId: u.id,
      fields: ['fullName', 'email', 'phone', 'password'],
      purpose: 'erasure',
    });
  }
  return rows.length;
}

/**
 * The organisation's users holding any of `permissions` through their roles (built-in or the
 * organisation's own), with the roles that give it: the access review of the data-protection desk.
 */
export async function permissionHolders(db: Db, organisationId: string, permissions: readonly string[]) {
  const rows = await db
    .select({
      id: users.id,
      fullName: users.fullName,
      status: users.status,
      lastSignInAt: users.lastSignInAt,
      roleKey: roles.key,
      roleName: roles.name,
      permissions: roles.permissions,
    })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(
      and(
        eq(users.organisationId, organisationId),
        eq(users.kind, 'staff'),
        or(isNull(roles.organisationId), eq(roles.organisationId, organisationId)),
      ),
    );
  const byUser = new Map<
    string,
    {
      id: string;
      fullName: string;
      status: string;
      lastSignInAt: Date | null;
      roles: string[];
      permissions: Set<string>;
    }
  >();
  for (const r of rows) {
    const held = r.permissions.filter((p) => permissions.includes(p));
    if (held.length === 0) continue;
    const u = byUser.get(r.id) ?? { ...r, roles: [], permissions: new Set<string>() };
    u.roles.push(r.roleName);
    for (const p of held) u.permissions.add(p);
    byUser.set(r.id, u);
  }
  return [...byUser.values()].map((u) => ({
    id: u.id,
    fullName: u.fullName,
    status: u.status,
    lastSignInAt: u.lastSignInAt,
    roles: u.roles,
    permissions: [...u.permissions].sort(),
  }));
}
