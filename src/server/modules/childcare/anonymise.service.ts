/**
 * Erasure and periodic destruction (docs/DATA-PROTECTION-DESK.md): in the caller's transaction, removes
 * what the childcare module holds that could single out the mother or her child on her care entries —
 * the child's initials, the child's birth date (reduced to the first day of its year, an age band that
 * still counts the child among the under-sixes) and the note on an ended entry. The entries stay with
 * their provider, status, priority and dates for the care-and-employment report.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { childcarePlaces } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { ANONYMISED_NAME } from '../people/index.ts';

/** Answers the number of the person's care entries anonymised. */
export async function anonymiseChildcareOf(
  ctx: Ctx,
  organisationId: string,
  personIds: readonly string[],
): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await ctx.db
    .select({ id: childcarePlaces.id, childBirthDate: childcarePlaces.childBirthDate })
    .from(childcarePlaces)
    .where(and(eq(childcarePlaces.organisationId, organisationId), inArray(childcarePlaces.personId, [...personIds])));
  const now = ctx.clock.now();
  for (const row of rows) {
    await ctx.db
      .update(childcarePlaces)
      .set({
        childInitials: ANONYMISED_NAME,
        childBirthDate: `${row.childBirthDate.slice(0, 4)}-01-01`,
        endNote: null,
        updatedAt: now,
      })
      .where(and(eq(childcarePlaces.id, row.id), eq(childcarePlaces.organisationId, organisationId)));
    await audit(ctx.db, ctx, {
      action: 'childcare.anonymised',
      subjectType: 'childcare-place',
      subjectId: row.id,
      fields: ['childInitials', 'childBirthDate', 'endNote'],
      purpose: 'erasure',
    });
  }
  return rows.length;
}
