import type { Db } from '../../db/client.ts';
import type { Config } from '../../config/config.ts';
import { and, eq } from 'drizzle-orm';
import { organisations, userRoles, users } from '../../db/schema/index.ts';
import { builtInRoleIds } from '../../db/seed/reference.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { looksLikeEmail, normaliseEmail } from '../../../common/contact.ts';
import { actionLink, createActionToken } from './auth.service.ts';
import { noJobs } from '../../jobs/engine.ts';

/** Creates an organisation with its first admin (command line, for a new installation). */
export async function bootstrapOrganisation(
  db: Db,
  config: Config,
  input: {
    name: string;
    shortName: string;
    province: string;
    kind: 'municipality' | 'public-employment-service' | 'ngo';
    adminName: string;
    adminEmail: string;
    /** Also make this admin the platform administrator (reference data for every organisation). */
    platformAdmin?: boolean;
  },
): Promise<string> {
  if (!input.name || !input.shortName || !input.province || !input.adminName) {
    throw new Error('--org-name, --org-short, --province and --admin-name are required');
  }
  if (!looksLikeEmail(input.adminEmail)) throw new Error('--admin-email must be an e-mail address');
  if (!['municipality', 'public-employment-service', 'ngo'].includes(input.kind))
    throw new Error('--kind is not valid');
  const roleIds = await builtInRoleIds(db);
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(organisations)
      .values({ name: input.name, shortName: input.shortName, province: input.province, kind: input.kind })
      .returning();
    const [user] = await tx
      .insert(users)
      .values({
        organisationId: org!.id,
        kind: 'staff',
        fullName: input.adminName,
        email: normaliseEmail(input.adminEmail),
        status: 'invited',
      })
      .returning();
    await tx.insert(userRoles).values({ userId: user!.id, roleId: roleIds.admin! });
    if (input.platformAdmin)
      await tx.insert(userRoles).values({ userId: user!.id, roleId: roleIds['platform-admin']! });
    const ctx: Ctx = {
      db: tx,
      actor: null,
      requestId: 'cli',
      locale: 'tr',
      ip: '127.0.0.1',
      userAgent: 'kopru-cli',
      clock: systemClock,
      config,
      // The invitation link is printed, not sent: nothing is queued here.
      jobs: noJobs,
    };
    await audit(tx, ctx, {
      action: 'user.created',
      subjectType: 'user',
      subjectId: user!.id,
      organisationId: org!.id,
      actorKind: 'system',
      fields: ['fullName', 'email', 'roleIds'],
    });
    if (input.platformAdmin) {
      await audit(tx, ctx, {
        action: 'platform-admin.granted',
        subjectType: 'user',
        subjectId: user!.id,
        organisationId: org!.id,
        actorKind: 'system',
      });
    }
    const token = await createActionToken(tx, ctx, user!.id, 'invitation');
    return actionLink(ctx, '/accept-invitation', token);
  });
}

/**
 * Designates (or, with `revoke`, removes) a platform administrator from the command line: the one way to
 * give the platform-admin role, since no organisation's admin can grant it. The user must be an active
 * or invited staff user of any organisation; their sessions are not touched (permissions are read per
 * request). Audited as a system action in the user's organisation.
 */
export async function setPlatformAdmin(
  db: Db,
  config: Config,
  input: { email: string; revoke?: boolean },
): Promise<{ fullName: string; changed: boolean }> {
  const roleIds = await builtInRoleIds(db);
  const roleId = roleIds['platform-admin'];
  if (!roleId) throw new Error('The platform-admin role is missing: run kopru migrate first');
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select()
      .from(users)
      .where(eq(users.email, normaliseEmail(input.email)));
    if (!user) throw new Error(`No user with the e-mail address ${input.email}`);
    if (user.kind !== 'staff') throw new Error('Only a staff user can be a platform administrator');
    const [held] = await tx
      .select()
      .from(userRoles)
      .where(and(eq(userRoles.userId, user.id), eq(userRoles.roleId, roleId)));
    if (input.revoke ? !held : !!held) return { fullName: user.fullName, changed: false };
    if (input.revoke)
      await tx.delete(userRoles).where(and(eq(userRoles.userId, user.id), eq(userRoles.roleId, roleId)));
    else await tx.insert(userRoles).values({ userId: user.id, roleId });
    const ctx: Ctx = {
      db: tx,
      actor: null,
      requestId: 'cli',
      locale: 'tr',
      ip: '127.0.0.1',
      userAgent: 'kopru-cli',
      clock: systemClock,
      config,
      jobs: noJobs,
    };
    await audit(tx, ctx, {
      action: input.revoke ? 'platform-admin.revoked' : 'platform-admin.granted',
      subjectType: 'user',
      subjectId: user.id,
      organisationId: user.organisationId,
      actorKind: 'system',
      fields: ['roleIds'],
    });
    return { fullName: user.fullName, changed: true };
  });
}
