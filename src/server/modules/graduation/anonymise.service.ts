/**
 * Erasure and periodic destruction (docs/DATA-PROTECTION-DESK.md): in the caller's transaction, removes
 * what the graduation module holds that names or describes the person in words — the member's name in
 * the recorded facts, the manager's decline reason, the paying unit's confirmation reference and the
 * note on a return to aid. The graduation stays with its status, dates, district, target-group codes,
 * amounts and the rule's findings, for the graduation report.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { graduations } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { ANONYMISED_NAME } from '../people/index.ts';

/** Answers the number of graduations anonymised (those whose working member is the person). */
export async function anonymiseGraduationsOf(
  ctx: Ctx,
  organisationId: string,
  personIds: readonly string[],
): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await ctx.db
    .select({ id: graduations.id, facts: graduations.facts })
    .from(graduations)
    .where(and(eq(graduations.organisationId, organisationId), inArray(graduations.personId, [...personIds])));
  const now = ctx.clock.now();
  for (const row of rows) {
    const facts = row.facts.work
      ? { ...row.facts, work: { ...row.facts.work, memberName: ANONYMISED_NAME } }
      : row.facts;
    await ctx.db
      .update(graduations)
      .set({ facts, declineReason: null, confirmationReference: null, returnNote: null, updatedAt: now })
      .where(and(eq(graduations.id, row.id), eq(graduations.organisationId, organisationId)));
    await audit(ctx.db, ctx, {
      action: 'graduation.anonymised',
      subjectType: 'graduation',
      subjectId: row.id,
      fields: ['facts.work.memberName', 'declineReason', 'confirmationReference', 'returnNote'],
      purpose: 'erasure',
    });
  }
  return rows.length;
}
