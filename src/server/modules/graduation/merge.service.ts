import { and, eq } from 'drizzle-orm';
import { graduations } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { auditMany } from '../../lib/audit.ts';

/**
 * Part of people's merge of duplicates (docs/PEOPLE.md, "Merging duplicates"): the graduation
 * recommendations naming the merged-away person move to the kept one. The one-open-recommendation rule
 * is per household, which a merge does not change, so nothing conflicts. Runs in the merge's transaction
 * (`ctx.db`), one `graduation.person-moved` audit event per recommendation. Returns the number moved.
 */
export async function moveGraduationsToPerson(
  ctx: Ctx,
  organisationId: string,
  fromPersonId: string,
  toPersonId: string,
): Promise<number> {
  const moved = await ctx.db
    .update(graduations)
    .set({ personId: toPersonId, updatedAt: ctx.clock.now() })
    .where(and(eq(graduations.organisationId, organisationId), eq(graduations.personId, fromPersonId)))
    .returning({ id: graduations.id });
  await auditMany(
    ctx.db,
    ctx,
    moved.map((g) => ({
      action: 'graduation.person-moved' as const,
      subjectType: 'graduation',
      subjectId: g.id,
      fields: ['personId'],
      purpose: `merged ${fromPersonId} into ${toPersonId}`,
    })),
  );
  return moved.length;
}
