import { and, eq } from 'drizzle-orm';
import { placements } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { auditMany } from '../../lib/audit.ts';

/**
 * Part of people's merge of duplicates (docs/PEOPLE.md, "Merging duplicates"): every placement of the
 * merged-away person moves to the kept one, with its follow-ups (they hang off the placement). A person
 * may hold any number of placements, so nothing conflicts. Runs in the merge's transaction (`ctx.db`),
 * one `placement.person-moved` audit event per placement. Returns the number moved.
 */
export async function movePlacementsToPerson(
  ctx: Ctx,
  organisationId: string,
  fromPersonId: string,
  toPersonId: string,
): Promise<number> {
  const moved = await ctx.db
    .update(placements)
    .set({ personId: toPersonId, updatedAt: ctx.clock.now() })
    .where(and(eq(placements.organisationId, organisationId), eq(placements.personId, fromPersonId)))
    .returning({ id: placements.id });
  await auditMany(
    ctx.db,
    ctx,
    moved.map((p) => ({
      action: 'placement.person-moved' as const,
      subjectType: 'placement',
      subjectId: p.id,
      fields: ['personId'],
      purpose: `merged ${fromPersonId} into ${toPersonId}`,
    })),
  );
  return moved.length;
}
