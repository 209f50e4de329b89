/**
 * What the cooperatives module holds on a person, and what it does when the person is erased or merged
 * (docs/COOPERATIVES.md, "Personal data"): the person's memberships and work in cooperatives.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { cooperativeMembers } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit, auditMany } from '../../lib/audit.ts';
import { exportRows } from '../../lib/export-rows.ts';

/** For the access export of the data-protection desk (KVKK art. 11). */
export async function cooperativesDataOf(db: Db, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return { cooperativeMemberships: [] };
  const rows = await db
    .select()
    .from(cooperativeMembers)
    .where(
      and(eq(cooperativeMembers.organisationId, organisationId), inArray(cooperativeMembers.personId, [...personIds])),
    );
  return { cooperativeMemberships: exportRows(rows) };
}

/**
 * Erasure and periodic destruction, in the caller's transaction: the free-text note about the person
 * goes and the link to the employer they came from (which with the dates could single them out); the
 * membership stays as an anonymous outcome (cooperative, role, dates, social security) for the
 * statistics. Answers the number of memberships anonymised.
 */
export async function anonymiseCooperativesOf(
  ctx: Ctx,
  organisationId: string,
  personIds: readonly string[],
): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await ctx.db
    .update(cooperativeMembers)
    .set({ note: null, employerId: null, updatedAt: ctx.clock.now() })
    .where(
      and(eq(cooperativeMembers.organisationId, organisationId), inArray(cooperativeMembers.personId, [...personIds])),
    )
    .returning({ id: cooperativeMembers.id });
  for (const r of rows)
    await audit(ctx.db, ctx, {
      action: 'cooperative.anonymised',
      subjectType: 'cooperative-member',
      subjectId: r.id,
      fields: ['note', 'employerId'],
      purpose: 'erasure',
    });
  return rows.length;
}

/**
 * Part of people's merge of duplicates: every membership of the merged-away person moves to the kept
 * one (a person may hold any number, so nothing conflicts). In the merge's transaction.
 */
export async function moveCooperativesToPerson(
  ctx: Ctx,
  organisationId: string,
  fromPersonId: string,
  toPersonId: string,
): Promise<number> {
  const moved = await ctx.db
    .update(cooperativeMembers)
    .set({ personId: toPersonId, updatedAt: ctx.clock.now() })
    .where(and(eq(cooperativeMembers.organisationId, organisationId), eq(cooperativeMembers.personId, fromPersonId)))
    .returning({ id: cooperativeMembers.id });
  await auditMany(
    ctx.db,
    ctx,
    moved.map((m) => ({
      action: 'cooperative.person-moved' as const,
      subjectType: 'cooperative-member',
      subjectId: m.id,
      fields: ['personId'],
      purpose: `merged ${fromPersonId} into ${toPersonId}`,
    })),
  );
  return moved.length;
}
