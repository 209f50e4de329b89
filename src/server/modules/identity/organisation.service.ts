import { and, asc, count, eq, isNull, or } from 'drizzle-orm';
import { offices, organisations, roles, userRoles, users } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import { problems } from '../../lib/errors.ts';
import { PERMISSIONS_BY_KIND, PLATFORM_PERMISSIONS, type Permission } from '../../../common/permissions.ts';
import { assertAdminRemains } from './users.service.ts';

type OrgRow = typeof organisations.$inferSelect;
type OfficeRow = typeof offices.$inferSelect;
type RoleRow = typeof roles.$inferSelect;

// ---- organisation -----------------------------------------------------------------------------------

function presentOrg(o: OrgRow) {
  return {
    id: o.id,
    name: o.name,
    shortName: o.shortName,
    kind: o.kind,
    province: o.province,
    requireMfa: o.requireMfa,
  };
}

export async function getOrganisation(ctx: Ctx) {
  const [org] = await ctx.db
    .select()
    .from(organisations)
    .where(eq(organisations.id, actorOf(ctx).organisationId));
  if (!org) throw problems.notFound();
  return presentOrg(org);
}

export async function updateOrganisation(
  ctx: Ctx,
  patch: { name?: string | undefined; shortName?: string | undefined; requireMfa?: boolean | undefined },
) {
  return ctx.db.transaction(async (tx) => {
    const [org] = await tx
      .select()
      .from(organisations)
      .where(eq(organisations.id, actorOf(ctx).organisationId));
    if (!org) throw problems.notFound();
    const values: Partial<OrgRow> = {};
    if (patch.name !== undefined) values.name = patch.name.trim();
    if (patch.shortName !== undefined) values.shortName = patch.shortName.trim();
    if (patch.requireMfa !== undefined) values.requireMfa = patch.requireMfa;
    const fields = changedFields(org, values);
    if (fields.length === 0) return presentOrg(org);
    const [updated] = await tx
      .update(organisations)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(eq(organisations.id, org.id))
      .returning();
    await audit(tx, ctx, { action: 'organisation.updated', subjectType: 'organisation', subjectId: org.id, fields });
    return presentOrg(updated!);
  });
}

// ---- offices ------------------------------------------------------------------------------------------

function presentOffice(o: OfficeRow) {
  return {
    id: o.id,
    name: o.name,
    province: o.province,
    district: o.district,
    address: o.address,
    phone: o.phone,
    active: o.active,
  };
}
export type OfficeView = ReturnType<typeof presentOffice>;

export async function listOffices(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(offices)
    .where(eq(offices.organisationId, actorOf(ctx).organisationId))
    .orderBy(asc(offices.province), asc(offices.name));
  return rows.map(presentOffice);
}

export interface OfficeInput {
  name: string;
  province: string;
  district: string;
  address?: string | null | undefined;
  phone?: string | null | undefined;
  active?: boolean | undefined;
}

export async function createOffice(ctx: Ctx, input: OfficeInput) {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(offices)
      .values({
        organisationId: actorOf(ctx).organisationId,
        name: input.name.trim(),
        province: input.province.trim(),
        district: input.district.trim(),
        address: input.address ?? null,
        phone: input.phone ?? null,
        active: input.active ?? true,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'office.created',
      subjectType: 'office',
      subjectId: row!.id,
      fields: Object.keys(input),
    });
    return presentOffice(row!);
  });
}

export async function updateOffice(ctx: Ctx, id: string, patch: Partial<OfficeInput>) {
  return ctx.db.transaction(async (tx) => {
    const [office] = await tx
      .select()
      .from(offices)
      .where(and(eq(offices.id, id), eq(offices.organisationId, actorOf(ctx).organisationId)));
    if (!office) throw problems.notFound();
    const values: Partial<OfficeRow> = {};
    for (const key of ['name', 'province', 'district', 'address', 'phone', 'active'] as const) {
      if (patch[key] !== undefined) (values as Record<string, unknown>)[key] = patch[key];
    }
    const fields = changedFields(office, values);
    if (fields.length === 0) return presentOffice(office);
    const [updated] = await tx
      .update(offices)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(eq(offices.id, id))
      .returning();
    await audit(tx, ctx, { action: 'office.updated', subjectType: 'office', subjectId: id, fields });
    return presentOffice(updated!);
  });
}

// ---- roles --------------------------------------------------------------------------------------------

function presentRole(r: RoleRow, userCount: number) {
  return {
    id: r.id,
    key: r.key,
    name: r.name,
    description: r.description,
    builtIn: r.builtIn,
    permissions: [...r.permissions].sort(),
    userCount,
  };
}
export type RoleView = ReturnType<typeof presentRole>;

export async function listRoles(ctx: Ctx) {
  const orgId = actorOf(ctx).organisationId;
  const rows = await ctx.db
    .select()
    .from(roles)
    .where(or(isNull(roles.organisationId), eq(roles.organisationId, orgId)))
    .orderBy(asc(roles.builtIn), asc(roles.name));
  const counts = await ctx.db
    .select({ roleId: userRoles.roleId, n: count() })
    .from(userRoles)
    .innerJoin(users, and(eq(users.id, userRoles.userId), eq(users.organisationId, orgId)))
    .groupBy(userRoles.roleId);
  const byRole = new Map(counts.map((c) => [c.roleId, c.n]));
  // Platform roles are not the organisation's to grant: they are not offered.
  return rows
    .filter((r) => !r.permissions.some((p) => PLATFORM_PERMISSIONS.includes(p as Permission)))
    .sort((a, b) => Number(b.builtIn) - Number(a.builtIn))
    .map((r) => presentRole(r, byRole.get(r.id) ?? 0));
}

function validatePermissions(permissions: string[]): Permission[] {
  const staff = new Set<string>(PERMISSIONS_BY_KIND.staff);
  const bad = permissions.findIndex((p) => !staff.has(p));
  if (bad >= 0) throw problems.invalid(`/permissions/${bad}`, 'errors.roles.permissionUnknown');
  if (permissions.length === 0) throw problems.invalid('/permissions', 'errors.validation.minItems', { limit: 1 });
  return [...new Set(permissions)] as Permission[];
}

function slug(name: string): string {
  return name
    .toLocaleLowerCase('tr')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ı/g, 'i')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

export async function createRole(
  ctx: Ctx,
  input: { name: string; description?: string | null | undefined; permissions: string[] },
) {
  const permissions = validatePermissions(input.permissions);
  return ctx.db.transaction(async (tx) => {
    const key = `custom-${slug(input.name) || 'role'}`;
    const [existing] = await tx
      .select({ id: roles.id })
      .from(roles)
      .where(and(eq(roles.organisationId, actorOf(ctx).organisationId), eq(roles.key, key)));
    if (existing) throw problems.conflict('errors.roles.nameTaken', '/name');
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(roles)
      .values({
        organisationId: actorOf(ctx).organisationId,
        key,
        name: input.name.trim(),
        description: input.description ?? null,
        builtIn: false,
        permissions,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(tx, ctx, {
      action: 'role.created',
      subjectType: 'role',
      subjectId: row!.id,
      fields: ['name', 'description', 'permissions'],
    });
    return presentRole(row!, 0);
  });
}

async function loadCustomRole(tx: Ctx['db'], ctx: Ctx, id: string): Promise<RoleRow> {
  const [role] = await tx
    .select()
    .from(roles)
    .where(
      and(eq(roles.id, id), or(isNull(roles.organisationId), eq(roles.organisationId, actorOf(ctx).organisationId))),
    );
  if (!role) throw problems.notFound();
  if (role.builtIn) throw problems.conflict('errors.roles.builtInReadOnly');
  return role;
}

export async function updateRole(
  ctx: Ctx,
  id: string,
  patch: { name?: string | undefined; description?: string | null | undefined; permissions?: string[] | undefined },
) {
  const permissions = patch.permissions ? validatePermissions(patch.permissions) : undefined;
  const updated = await ctx.db.transaction(async (tx) => {
    const role = await loadCustomRole(tx, ctx, id);
    const values: Partial<RoleRow> = {};
    if (patch.name !== undefined) values.name = patch.name.trim();
    if (patch.description !== undefined) values.description = patch.description;
    if (permissions) values.permissions = permissions;
    const fields = changedFields(role, values);
    if (fields.length === 0) return role;
    const [row] = await tx
      .update(roles)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(eq(roles.id, id))
      .returning();
    await assertAdminRemains(tx, ctx);
    await audit(tx, ctx, { action: 'role.updated', subjectType: 'role', subjectId: id, fields });
    return row!;
  });
  const [c] = await ctx.db.select({ n: count() }).from(userRoles).where(eq(userRoles.roleId, id));
  return presentRole(updated, c?.n ?? 0);
}

export async function deleteRole(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await loadCustomRole(tx, ctx, id);
    const [c] = await tx.select({ n: count() }).from(userRoles).where(eq(userRoles.roleId, id));
    if ((c?.n ?? 0) > 0) throw problems.conflict('errors.roles.inUse', { params: { count: c!.n } });
    await tx.delete(roles).where(eq(roles.id, id));
    await audit(tx, ctx, { action: 'role.deleted', subjectType: 'role', subjectId: id });
  });
}
