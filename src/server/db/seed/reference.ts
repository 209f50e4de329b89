import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { roles } from '../schema/index.ts';
import { BUILT_IN_ROLES, BUILT_IN_ROLE_PERMISSIONS, PERMISSIONS_BY_KIND } from '../../../common/permissions.ts';
import { seedReferenceCalendar } from '../../modules/reference/index.ts';
import { loadTaxonomy } from '../../modules/taxonomy/index.ts';

const ROLE_NAMES: Record<(typeof BUILT_IN_ROLES)[number], string> = {
  admin: 'Kurum yöneticisi',
  manager: 'Müdür',
  counsellor: 'İş ve meslek danışmanı',
  'employer-relations': 'İşveren ilişkileri uzmanı',
  trainer: 'Eğitmen',
  dpo: 'Veri koruma sorumlusu',
  analyst: 'Analist (yalnızca toplu veriler)',
  employer: 'İşveren',
  seeker: 'İş arayan',
  'platform-admin': 'Platform yöneticisi (ulusal referans verileri)',
};

/**
 * Data every installation needs, demo or not: the built-in roles (kept in step with the code on
 * every start), the reference calendar (holidays, minimum wage) when its tables are empty, and the
 * occupation and skill taxonomy (modules/taxonomy/data).
 */
export async function ensureReferenceData(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const key of BUILT_IN_ROLES) {
      const permissions = [...BUILT_IN_ROLE_PERMISSIONS[key]];
      const [existing] = await tx
        .select()
        .from(roles)
        .where(and(eq(roles.key, key), isNull(roles.organisationId)));
      if (existing) {
        if (existing.permissions.slice().sort().join() !== permissions.slice().sort().join()) {
          await tx.update(roles).set({ permissions, updatedAt: new Date() }).where(eq(roles.id, existing.id));
        }
      } else {
        await tx.insert(roles).values({ key, name: ROLE_NAMES[key], builtIn: true, permissions, organisationId: null });
      }
    }
    // An organisation's own roles hold only organisation permissions: a permission that no longer exists
    // (reference:manage, replaced by the platform's platform:reference) or a platform one is taken out.
    const allowed = [
      ...new Set([...PERMISSIONS_BY_KIND.staff, ...PERMISSIONS_BY_KIND.employer, ...PERMISSIONS_BY_KIND.seeker]),
    ];
    const allowedArray = sql`ARRAY[${sql.join(
      allowed.map((p) => sql`${p}`),
      sql`, `,
    )}]::text[]`;
    await tx
      .update(roles)
      .set({
        permissions: sql`ARRAY(SELECT p FROM unnest(${roles.permissions}) AS p WHERE p = ANY(${allowedArray}))`,
      })
      .where(and(isNotNull(roles.organisationId), sql`NOT (${roles.permissions} <@ ${allowedArray})`));
  });
  await seedReferenceCalendar(db);
  // The occupation and skill taxonomy from the shipped files (skipped when they have not changed).
  await loadTaxonomy(db);
}

export async function builtInRoleIds(db: Db): Promise<Record<string, string>> {
  const rows = await db.select({ id: roles.id, key: roles.key }).from(roles).where(isNull(roles.organisationId));
  return Object.fromEntries(rows.map((r) => [r.key, r.id]));
}
