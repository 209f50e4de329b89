import { and, eq, inArray } from 'drizzle-orm';
import { disclosureLog, rectificationNotices, referrals } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { auditMany } from '../../lib/audit.ts';
import { OPEN_STATUSES } from '../../../common/referral-workflow.ts';
import { logTransition } from './referrals.service.ts';

export interface ReferralMoveResult {
  moved: number;
  /** Open referrals of the duplicate to a vacancy the kept record is already open on, closed as obsolete. */
  obsolete: number;
}

/**
 * Part of people's merge of duplicates (docs/PEOPLE.md, "Merging duplicates"): every referral of the
 * merged-away person moves to the kept one, with its events (they hang off the referral), and so do the
 * disclosure log and the rectification notices, so that a later correction of the kept record reaches
 * every employer that received either record. One open referral per vacancy and person: when both records
 * are open on the same vacancy, the duplicate's becomes obsolete (logged as a transition, reason `merged`)
 * before it moves. Runs in the merge's transaction (`ctx.db`); one `referral.person-moved` audit event per
 * referral.
 */
export async function moveReferralsToPerson(
  ctx: Ctx,
  organisationId: string,
  fromPersonId: string,
  toPersonId: string,
): Promise<ReferralMoveResult> {
  const tx = ctx.db;
  const rows = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.organisationId, organisationId), inArray(referrals.personId, [fromPersonId, toPersonId])));
  const open = (s: string) => (OPEN_STATUSES as readonly string[]).includes(s);
  const keptOpenOn = new Set(rows.filter((r) => r.personId === toPersonId && open(r.status)).map((r) => r.vacancyId));
  const dup = rows.filter((r) => r.personId === fromPersonId);
  const now = ctx.clock.now();
  let obsolete = 0;
  for (const r of dup) {
    if (!open(r.status) || !keptOpenOn.has(r.vacancyId)) continue;
    await tx.update(referrals).set({ status: 'obsolete', updatedAt: now }).where(eq(referrals.id, r.id));
    await logTransition(tx, ctx, r, 'obsolete', 'system', 'merged');
    obsolete++;
  }
  if (dup.length > 0)
    await tx
      .update(referrals)
      .set({ personId: toPersonId, updatedAt: now })
      .where(and(eq(referrals.organisationId, organisationId), eq(referrals.personId, fromPersonId)));
  await tx
    .update(disclosureLog)
    .set({ personId: toPersonId })
    .where(and(eq(disclosureLog.organisationId, organisationId), eq(disclosureLog.personId, fromPersonId)));
  await tx
    .update(rectificationNotices)
    .set({ personId: toPersonId })
    .where(
      and(eq(rectificationNotices.organisationId, organisationId), eq(rectificationNotices.personId, fromPersonId)),
    );
  await auditMany(
    tx,
    ctx,
    dup.map((r) => ({
      action: 'referral.person-moved' as const,
      subjectType: 'referral',
      subjectId: r.id,
      fields: ['personId'],
      purpose: `merged ${fromPersonId} into ${toPersonId}`,
    })),
  );
  return { moved: dup.length, obsolete };
}
