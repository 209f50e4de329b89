/**
 * Erasure and periodic destruction (docs/DATA-PROTECTION-DESK.md): in the caller's transaction, removes
 * what the placements module holds that could single the person out — the SGK evidence reference and the
 * free-text notes of the retention follow-ups. The placement itself stays as an anonymous placement
 * (employer, job, dates, wage, verification status and follow-up outcomes) for the statistics.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { placementFollowUps, placements } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';

/** Answers the number of the person's placements anonymised. */
export async function anonymisePlacementsOf(
  ctx: Ctx,
  organisationId: string,
  personIds: readonly string[],
): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await ctx.db
    .update(placements)
    .set({ evidenceReference: null, updatedAt: ctx.clock.now() })
    .where(and(eq(placements.organisationId, organisationId), inArray(placements.personId, [...personIds])))
    .returning({ id: placements.id });
  if (rows.length)
    await ctx.db
      .update(placementFollowUps)
      .set({ note: null })
      .where(
        and(
          eq(placementFollowUps.organisationId, organisationId),
          inArray(
            placementFollowUps.placementId,
            rows.map((r) => r.id),
          ),
        ),
      );
  for (const r of rows)
    await audit(ctx.db, ctx, {
      action: 'placement.anonymised',
      subjectType: 'placement',
      subjectId: r.id,
      fields: ['evidenceReference', 'followUpNotes'],
      purpose: 'erasure',
    });
  return rows.length;
}
