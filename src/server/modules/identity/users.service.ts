import { and, asc, count, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { offices, organisations, roles, userRoles, users } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import { problems } from '../../lib/errors.ts';
import { scopeOf } from '../../lib/access.ts';
import type { Locale } from '../../../common/locales.ts';
import { normaliseEmail, normalisePhone } from '../../../common/contact.ts';
import { enqueue } from '../outbox/index.ts';
import { actionLink, createActionToken, INVITATION_TTL_MS } from './auth.service.ts';
import { revokeAllSessionsOf } from './session.service.ts';
import { PERMISSIONS_BY_KIND, PLATFORM_PERMISSIONS, type Permission } from '../../../common/permissions.ts';
import { containsPattern } from '../../lib/search.ts';

type UserRow = typeof users.$inferSelect;
type UserKind = UserRow['kind'];

export async function getMe(ctx: Ctx) {
  const actor = actorOf(ctx);
  // One query: the user, their organisation and office, and their roles (ordered by key).
  const [row] = await ctx.db
    .select({
      user: users,
      orgName: organisations.name,
      requireMfa: organisations.requireMfa,
      officeName: offices.name,
      roles: sql<{ id: string; key: string; name: string }[]>`coalesce((
        SELECT json_agg(json_build_object('id', ${roles.id}, 'key', ${roles.key}, 'name', ${roles.name}) ORDER BY ${roles.key})
        FROM ${userRoles} JOIN ${roles} ON ${roles.id} = ${userRoles.roleId}
        WHERE ${userRoles.userId} = ${users.id}
      ), '[]'::json)`,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(offices, eq(offices.id, users.officeId))
    .where(eq(users.id, actor.userId));
  if (!row) throw problems.unauthenticated();
  return {
    id: row.user.id,
    kind: row.user.kind,
    fullName: row.user.fullName,
    email: row.user.email,
    phone: row.user.phone,
    locale: row.user.locale,
    stage: actor.stage,
    organisation: { id: row.user.organisationId, name: row.orgName, requireMfa: row.requireMfa },
    office: row.user.officeId ? { id: row.user.officeId, name: row.officeName ?? '' } : null,
    roles: typeof row.roles === 'string' ? (JSON.parse(row.roles) as typeof row.roles) : row.roles,
    permissions: [...actor.permissions].sort(),
    mfaEnabled: !!row.user.totpEnabledAt,
  };
}

export async function updatePreferences(ctx: Ctx, locale: Locale): Promise<void> {
  const actor = actorOf(ctx);
  await ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ locale, updatedAt: ctx.clock.now() }).where(eq(users.id, actor.userId));
    await audit(tx, ctx, {
      action: 'user.preferences-updated',
      subjectType: 'user',
      subjectId: actor.userId,
      fields: ['locale'],
    });
  });
}

async function rolesOfUsers(db: Db, userIds: string[]) {
  const map = new Map<string, { id: string; key: string; name: string }[]>();
  if (userIds.length === 0) return map;
  const rows = await db
    .select({ userId: userRoles.userId, id: roles.id, key: roles.key, name: roles.name })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(inArray(userRoles.userId, userIds))
    .orderBy(asc(roles.key));
  for (const r of rows) {
    const list = map.get(r.userId) ?? [];
    list.push({ id: r.id, key: r.key, name: r.name });
    map.set(r.userId, list);
  }
  return map;
}

function present(u: UserRow, rolesList: { id: string; key: string; name: string }[], officeName: string | null) {
  return {
    id: u.id,
    kind: u.kind,
    fullName: u.fullName,
    email: u.email,
    phone: u.phone,
    locale: u.locale,
    status: u.status,
    office: u.officeId ? { id: u.officeId, name: officeName ?? '' } : null,
    roles: rolesList,
    mfaEnabled: !!u.totpEnabledAt,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}
export type UserView = ReturnType<typeof present>;

export interface UserFilter {
  q?: string | undefined;
  officeId?: string | undefined;
  roleId?: string | undefined;
  status?: UserRow['status'] | undefined;
  kind?: UserKind | undefined;
  sort: 'name' | '-name' | 'lastSignIn' | '-lastSignIn' | 'created' | '-created';
  page: number;
  pageSize: number;
}

function scopeConditions(ctx: Ctx): SQL[] {
  const scope = scopeOf(actorOf(ctx));
  const conditions: SQL[] = [eq(users.organisationId, scope.organisationId)];
  if (scope.officeId) conditions.push(eq(users.officeId, scope.officeId));
  return conditions;
}

export async function listUsers(ctx: Ctx, filter: UserFilter) {
  const conditions = scopeConditions(ctx);
  if (filter.q) {
    const term = containsPattern(filter.q);
    conditions.push(or(ilike(users.fullName, term), ilike(users.email, term))!);
  }
  if (filter.officeId) conditions.push(eq(users.officeId, filter.officeId));
  if (filter.status) conditions.push(eq(users.status, filter.status));
  if (filter.kind) conditions.push(eq(users.kind, filter.kind));
  if (filter.roleId) {
    conditions.push(
      inArray(
        users.id,
        ctx.db.select({ id: userRoles.userId }).from(userRoles).where(eq(userRoles.roleId, filter.roleId)),
      ),
    );
  }
  const where = and(...conditions);
  const desc = filter.sort.startsWith('-');
  const column = filter.sort.endsWith('name')
    ? users.fullName
    : filter.sort.endsWith('lastSignIn')
      ? users.lastSignInAt
      : users.createdAt;
  const order = desc ? sql`${column} DESC NULLS LAST` : sql`${column} ASC NULLS LAST`;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ user: users, officeName: offices.name })
      .from(users)
      .leftJoin(offices, eq(offices.id, users.officeId))
      .where(where)
      .orderBy(order, asc(users.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(users).where(where),
  ]);
  const rolesMap = await rolesOfUsers(
    ctx.db,
    rows.map((r) => r.user.id),
  );
  return {
    items: rows.map((r) => present(r.user, rolesMap.get(r.user.id) ?? [], r.officeName)),
    total: total?.n ?? 0,
  };
}

async function loadScopedUser(db: Db, ctx: Ctx, id: string): Promise<UserRow> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), ...scopeConditions(ctx)));
  if (!row) throw problems.notFound();
  return row;
}

export async function getUser(ctx: Ctx, id: string): Promise<UserView> {
  const user = await loadScopedUser(ctx.db, ctx, id);
  const [office] = user.officeId ? await ctx.db.select().from(offices).where(eq(offices.id, user.officeId)) : [];
  return present(user, (await rolesOfUsers(ctx.db, [id])).get(id) ?? [], office?.name ?? null);
}

/** Checks that roles exist, belong to the organisation (or are built in) and fit the kind of user. */
async function validateRoles(db: Db, ctx: Ctx, roleIds: string[], kind: UserKind): Promise<void> {
  if (roleIds.length === 0) throw problems.invalid('/roleIds', 'errors.users.roleRequired');
  const found = await db
    .select()
    .from(roles)
    .where(
      and(
        inArray(roles.id, roleIds),
        or(isNull(roles.organisationId), eq(roles.organisationId, actorOf(ctx).organisationId)),
      ),
    );
  if (found.length !== new Set(roleIds).size) throw problems.invalid('/roleIds', 'errors.users.roleUnknown');
  const allowed = new Set<Permission>(PERMISSIONS_BY_KIND[kind]);
  for (const role of found) {
    if (!(role.permissions as Permission[]).every((p) => allowed.has(p)) || role.permissions.length === 0) {
      throw problems.invalid('/roleIds', 'errors.users.roleKindMismatch', { role: role.name });
    }
  }
}

async function validateOffice(db: Db, ctx: Ctx, officeId: string | null): Promise<void> {
  if (!officeId) return;
  const [office] = await db
    .select()
    .from(offices)
    .where(and(eq(offices.id, officeId), eq(offices.organisationId, actorOf(ctx).organisationId)));
  if (!office) throw problems.invalid('/officeId', 'errors.users.officeUnknown');
  const scope = scopeOf(actorOf(ctx));
  if (scope.officeId && scope.officeId !== officeId) throw problems.invalid('/officeId', 'errors.users.officeUnknown');
}

export interface UserInput {
  kind: UserKind;
  fullName: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  officeId?: string | null | undefined;
  roleIds: string[];
  locale: Locale;
}

function normaliseContacts(input: { email?: string | null | undefined; phone?: string | null | undefined }) {
  const email = input.email ? normaliseEmail(input.email) : input.email === undefined ? undefined : null;
  let phone: string | null | undefined = input.phone === undefined ? undefined : null;
  if (input.phone) {
    phone = normalisePhone(input.phone);
    if (!phone) throw problems.invalid('/phone', 'errors.validation.format.phone');
  }
  return { email, phone };
}

async function assertUnique(
  db: Db,
  email: string | null | undefined,
  phone: string | null | undefined,
  exceptId?: string,
) {
  if (email) {
    const [other] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (other && other.id !== exceptId) throw problems.conflict('errors.users.emailTaken', '/email');
  }
  if (phone) {
    const [other] = await db.select({ id: users.id }).from(users).where(eq(users.phone, phone));
    if (other && other.id !== exceptId) throw problems.conflict('errors.users.phoneTaken', '/phone');
  }
}

/**
 * Creates a user of the organisation. Staff and employer users receive an e-mail invitation to choose
 * a password; job seekers sign in with a one-time code and need a phone or an e-mail.
 */
export async function createUser(ctx: Ctx, input: UserInput): Promise<UserView> {
  const { email, phone } = normaliseContacts(input);
  if (input.kind !== 'seeker' && !email) throw problems.invalid('/email', 'errors.validation.required');
  if (input.kind === 'seeker' && !email && !phone) throw problems.invalid('/phone', 'errors.users.contactRequired');
  if (input.kind === 'staff' && !input.officeId && !actorOf(ctx).permissions.has('offices:all')) {
    throw problems.invalid('/officeId', 'errors.validation.required');
  }
  const id = await ctx.db.transaction(async (tx) => {
    await validateRoles(tx, ctx, input.roleIds, input.kind);
    await validateOffice(tx, ctx, input.officeId ?? null);
    await assertUnique(tx, email, phone);
    const now = ctx.clock.now();
    const [created] = await tx
      .insert(users)
      .values({
        organisationId: actorOf(ctx).organisationId,
        officeId: input.officeId ?? null,
        kind: input.kind,
        fullName: input.fullName.trim(),
        email: email ?? null,
        phone: phone ?? null,
        locale: input.locale,
        status: 'invited',
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const user = created!;
    await tx.insert(userRoles).values([...new Set(input.roleIds)].map((roleId) => ({ userId: user.id, roleId })));
    await audit(tx, ctx, {
      action: 'user.created',
      subjectType: 'user',
      subjectId: user.id,
      fields: ['fullName', 'kind', 'email', 'phone', 'officeId', 'roleIds', 'locale'].filter(
        (f) => (input as unknown as Record<string, unknown>)[f] !== undefined,
      ),
    });
    if (user.email && user.kind !== 'seeker') await sendInvitation(tx, ctx, user);
    return user.id;
  });
  return getUser(ctx, id);
}

async function sendInvitation(tx: Db, ctx: Ctx, user: UserRow): Promise<void> {
  const token = await createActionToken(tx, ctx, user.id, 'invitation');
  const [org] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, user.organisationId));
  await enqueue(
    { ...ctx, db: tx },
    {
      channel: 'email',
      recipient: user.email!,
      template: 'invitation',
      locale: user.locale,
      params: {
        name: user.fullName,
        organisation: org?.name ?? '',
        inviter: ctx.actor?.fullName ?? '',
        link: actionLink(ctx, '/accept-invitation', token),
        days: INVITATION_TTL_MS / 86_400_000,
      },
      organisationId: user.organisationId,
      userId: user.id,
    },
  );
  await audit(tx, ctx, { action: 'user.invited', subjectType: 'user', subjectId: user.id });
}

export async function resendInvitation(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const user = await loadScopedUser(tx, ctx, id);
    if (user.status !== 'invited' || !user.email || user.kind === 'seeker') {
      throw problems.conflict('errors.users.notInvited');
    }
    await sendInvitation(tx, ctx, user);
  });
}

export interface UserPatch {
  fullName?: string | undefined;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  officeId?: string | null | undefined;
  roleIds?: string[] | undefined;
  locale?: Locale | undefined;
  status?: 'active' | 'disabled' | undefined;
}

export async function updateUser(ctx: Ctx, id: string, patch: UserPatch): Promise<UserView> {
  const { email, phone } = normaliseContacts(patch);
  await ctx.db.transaction(async (tx) => {
    const user = await loadScopedUser(tx, ctx, id);
    if (patch.status && user.id === actorOf(ctx).userId && patch.status === 'disabled') {
      throw problems.conflict('errors.users.cannotDisableSelf');
    }
    if (patch.status === 'active' && user.status === 'invited') throw problems.conflict('errors.users.stillInvited');
    if (patch.roleIds) await validateRoles(tx, ctx, patch.roleIds, user.kind);
    if (patch.officeId !== undefined) await validateOffice(tx, ctx, patch.officeId);
    if (user.kind !== 'seeker' && email === null) throw problems.invalid('/email', 'errors.validation.required');
    await assertUnique(tx, email, phone, user.id);
    const values: Partial<UserRow> = {};
    if (patch.fullName !== undefined) values.fullName = patch.fullName.trim();
    if (email !== undefined) values.email = email;
    if (phone !== undefined) values.phone = phone;
    if (patch.officeId !== undefined) values.officeId = patch.officeId;
    if (patch.locale !== undefined) values.locale = patch.locale;
    if (patch.status !== undefined) values.status = patch.status;
    const fields = changedFields(user, values);
    if (patch.roleIds) {
      const held = await tx
        .select({ roleId: userRoles.roleId, permissions: roles.permissions })
        .from(userRoles)
        .innerJoin(roles, eq(roles.id, userRoles.roleId))
        .where(eq(userRoles.userId, id));
      const current = held.map((r) => r.roleId);
      // A platform role is not the organisation's to give or take: it stays as it is (kopru admin platform-admin).
      const platformRoles = held
        .filter((r) => r.permissions.some((p) => PLATFORM_PERMISSIONS.includes(p as Permission)))
        .map((r) => r.roleId);
      const next = [...new Set([...patch.roleIds, ...platformRoles])];
      if (current.sort().join() !== [...next].sort().join()) {
        // An admin must not remove the last way back in: keep at least one user who can manage users.
        await tx.delete(userRoles).where(eq(userRoles.userId, id));
        await tx.insert(userRoles).values(next.map((roleId) => ({ userId: id, roleId })));
        fields.push('roleIds');
      }
    }
    if (fields.length === 0) return;
    if (Object.keys(values).length > 0)
      await tx
        .update(users)
        .set({ ...values, updatedAt: ctx.clock.now() })
        .where(eq(users.id, id));
    if (values.status === 'disabled' || fields.includes('roleIds')) await revokeAllSessionsOf(tx, ctx.clock, id);
    await assertAdminRemains(tx, ctx);
    const action =
      values.status === 'disabled' && user.status !== 'disabled'
        ? 'user.disabled'
        : values.status === 'active' && user.status === 'disabled'
          ? 'user.enabled'
          : 'user.updated';
    await audit(tx, ctx, { action, subjectType: 'user', subjectId: id, fields });
  });
  return getUser(ctx, id);
}

/** Refuses a change that leaves the organisation without an active user who can manage users. */
export async function assertAdminRemains(tx: Db, ctx: Ctx): Promise<void> {
  const [row] = await tx
    .select({ n: count() })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(
      and(
        eq(users.organisationId, actorOf(ctx).organisationId),
        eq(users.status, 'active'),
        sql`'users:manage' = ANY(${roles.permissions})`,
      ),
    );
  if ((row?.n ?? 0) === 0) throw problems.conflict('errors.users.lastAdmin');
}
