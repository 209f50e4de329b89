import type { Db } from '../../db/client.ts';
import type { Config } from '../../config/config.ts';
import { organisations, userRoles, users } from '../../db/schema/index.ts';
import { builtInRoleIds } from '../../db/seed/reference.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { looksLikeEmail, normaliseEmail } from '../../../common/contact.ts';
import { actionLink, createActionToken } from './auth.service.ts';

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
    const ctx: Ctx = {
      db: tx,
      actor: null,
      requestId: 'cli',
      locale: 'tr',
      ip: '127.0.0.1',
      userAgent: 'kopru-cli',
      clock: systemClock,
      config,
    };
    await audit(tx, ctx, {
      action: 'user.created',
      subjectType: 'user',
      subjectId: user!.id,
      organisationId: org!.id,
      actorKind: 'system',
      fields: ['fullName', 'email', 'roleIds'],
    });
    const token = await createActionToken(tx, ctx, user!.id, 'invitation');
    return actionLink(ctx, '/accept-invitation', token);
  });
}
