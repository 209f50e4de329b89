import { and, eq, inArray } from 'drizzle-orm';
import { OPEN_CARE_STATUSES } from '../../../common/childcare.ts';
import { childcarePlaces } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit, auditMany } from '../../lib/audit.ts';
import { turkishDate } from '../../../common/working-days.ts';

export interface CareMoveResult {
  moved: number;
  /** Positions in line withdrawn because the same child already had an entry that went further. */
  withdrawn: number;
}

/**
 * Part of people's merge of duplicates (docs/PEOPLE.md, "Merging duplicates"): the care places and
 * positions in line of the merged-away mother move to the kept record. One open entry per child: when
 * both records hold an open entry for the same child (the same household member, or the same initials
 * and birth date), the one that went further stays open — an allocated place over a position in line,
 * else the earlier application (its place in line) — and the other, a position in line, is withdrawn
 * (reason `other`, note `merged`). Two allocated places are both kept for staff to end one. Runs in the
 * merge's transaction (`ctx.db`), audited per entry (`childcare.withdrawn`, `childcare.person-moved`).
 */
export async function moveChildcareToPerson(
  ctx: Ctx,
  organisationId: string,
  fromPersonId: string,
  toPersonId: string,
): Promise<CareMoveResult> {
  const tx = ctx.db;
  const now = ctx.clock.now();
  const open = await tx
    .select()
    .from(childcarePlaces)
    .where(
      and(
        eq(childcarePlaces.organisationId, organisationId),
        inArray(childcarePlaces.personId, [fromPersonId, toPersonId]),
        inArray(childcarePlaces.status, [...OPEN_CARE_STATUSES]),
      ),
    );
  type Row = (typeof open)[number];
  const sameChild = (a: Row, b: Row) =>
    (a.childMemberId !== null && a.childMemberId === b.childMemberId) ||
    (a.childInitials === b.childInitials && a.childBirthDate === b.childBirthDate);
  const further = (a: Row, b: Row) =>
    a.status !== b.status ? a.status === 'allocated' : a.appliedAt.getTime() <= b.appliedAt.getTime();
  const losers = new Set<string>();
  for (const dup of open.filter((r) => r.personId === fromPersonId)) {
    const kept = open.find((k) => k.personId === toPersonId && !losers.has(k.id) && sameChild(k, dup));
    if (!kept || (kept.status === 'allocated' && dup.status === 'allocated')) continue;
    losers.add(further(kept, dup) ? dup.id : kept.id);
  }
  for (const id of losers) {
    await tx
      .update(childcarePlaces)
      .set({ status: 'withdrawn', endDate: turkishDate(now), endReason: 'other', endNote: 'merged', updatedAt: now })
      .where(and(eq(childcarePlaces.id, id), eq(childcarePlaces.organisationId, organisationId)));
    await audit(tx, ctx, {
      action: 'childcare.withdrawn',
      subjectType: 'childcare-place',
      subjectId: id,
      fields: ['status', 'endDate', 'endReason', 'endNote'],
      purpose: `merged ${fromPersonId} into ${toPersonId}`,
    });
  }
  const moved = await tx
    .update(childcarePlaces)
    .set({ personId: toPersonId, updatedAt: now })
    .where(and(eq(childcarePlaces.organisationId, organisationId), eq(childcarePlaces.personId, fromPersonId)))
    .returning({ id: childcarePlaces.id });
  await auditMany(
    tx,
    ctx,
    moved.map((p) => ({
      action: 'childcare.person-moved' as const,
      subjectType: 'childcare-place',
      subjectId: p.id,
      fields: ['personId'],
      purpose: `merged ${fromPersonId} into ${toPersonId}`,
    })),
  );
  return { moved: moved.length, withdrawn: losers.size };
}
