/**
 * What the fairs module holds on a person, for the access export of the data-protection desk
 * (KVKK art. 11), and their erasure and merge (docs/FAIRS.md, "Personal data").
 */
import { and, count, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { fairApplications, fairs, fairVisitors } from '../../db/schema/index.ts';
import { inTransaction, type Ctx } from '../../lib/context.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { audit } from '../../lib/audit.ts';
import { exportRows } from '../../lib/export-rows.ts';

export async function fairDataOf(db: Db, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return { fairVisits: [], fairApplications: [] };
  const [visits, applications] = [
    await db
      .select()
      .from(fairVisitors)
      .where(and(eq(fairVisitors.organisationId, organisationId), inArray(fairVisitors.personId, [...personIds]))),
    await db
      .select()
      .from(fairApplications)
      .where(
        and(eq(fairApplications.organisationId, organisationId), inArray(fairApplications.personId, [...personIds])),
      ),
  ];
  return { fairVisits: exportRows(visits), fairApplications: exportRows(applications) };
}

/**
 * Erasure and periodic destruction: a linked visitor row holds nothing of the person beyond the link
 * (the walk-in's own name and phone were cleared when it was linked); any left are removed here. The
 * visits and applications stay, pseudonymous with the person's anonymised record, for the fair's counts.
 */
export async function anonymiseFairsOf(
  ctx: Ctx,
  organisationId: string,
  personIds: readonly string[],
): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await ctx.db
    .update(fairVisitors)
    .set({ givenName: null, familyName: null, phone: null, updatedAt: ctx.clock.now() })
    .where(and(eq(fairVisitors.organisationId, organisationId), inArray(fairVisitors.personId, [...personIds])))
    .returning({ id: fairVisitors.id });
  for (const r of rows)
    await audit(ctx.db, ctx, {
      action: 'fair.visitor-anonymised',
      subjectType: 'fair-visitor',
      subjectId: r.id,
      fields: ['givenName', 'familyName', 'phone'],
      purpose: 'erasure',
    });
  return rows.length;
}

/**
 * Part of people's merge of duplicates: the duplicate's fair visits and applications move to the kept
 * person. A fair both records visited keeps the kept record's visit; the duplicate's applications move
 * to it (one per position and person: a position both applied to keeps the kept record's application,
 * the duplicate's stays on the merged record as history). Runs in the merge's transaction; audited.
 */
export async function moveFairsToPerson(
  ctx: Ctx,
  organisationId: string,
  fromPersonId: string,
  toPersonId: string,
): Promise<number> {
  const tx = ctx.db;
  const visits = await tx
    .select()
    .from(fairVisitors)
    .where(
      and(eq(fairVisitors.organisationId, organisationId), inArray(fairVisitors.personId, [fromPersonId, toPersonId])),
    );
  const keptVisit = new Map(visits.filter((v) => v.personId === toPersonId).map((v) => [v.fairId, v.id]));
  const apps = await tx
    .select()
    .from(fairApplications)
    .where(
      and(
        eq(fairApplications.organisationId, organisationId),
        inArray(fairApplications.personId, [fromPersonId, toPersonId]),
      ),
    );
  const keptPositions = new Set(apps.filter((a) => a.personId === toPersonId).map((a) => a.positionId));
  let moved = 0;
  const now = ctx.clock.now();
  for (const v of visits.filter((x) => x.personId === fromPersonId)) {
    const target = keptVisit.get(v.fairId);
    if (target) {
      for (const a of apps.filter((x) => x.visitorId === v.id && !keptPositions.has(x.positionId))) {
        await tx
          .update(fairApplications)
          .set({ personId: toPersonId, visitorId: target, updatedAt: now })
          .where(eq(fairApplications.id, a.id));
        await audit(tx, ctx, {
          action: 'fair.visitor-moved',
          subjectType: 'fair-application',
          subjectId: a.id,
          fields: ['personId'],
          purpose: `merged ${fromPersonId} into ${toPersonId}`,
        });
        moved++;
      }
      continue;
    }
    await tx.update(fairVisitors).set({ personId: toPersonId, updatedAt: now }).where(eq(fairVisitors.id, v.id));
    await tx
      .update(fairApplications)
      .set({ personId: toPersonId, updatedAt: now })
      .where(and(eq(fairApplications.visitorId, v.id), eq(fairApplications.organisationId, organisationId)));
    await audit(tx, ctx, {
      action: 'fair.visitor-moved',
      subjectType: 'fair-visitor',
      subjectId: v.id,
      fields: ['personId'],
      purpose: `merged ${fromPersonId} into ${toPersonId}`,
    });
    moved++;
  }
  return moved;
}

/**
 * The `fair-walk-in-sweep` job (daily): as the walk-in page's notice says, the phone of a walk-in who did
 * not ask to be called about jobs is deleted once the fair is over (the day after its last day, in
 * Türkiye). Platform-wide by design: each row names its own organisation, and so does its audit event.
 */
export async function sweepWalkInPhones(ctx: Ctx): Promise<{ cleared: number }> {
  const today = turkishDate(ctx.clock.now());
  const rows = await ctx.db
    .select({ id: fairVisitors.id, organisationId: fairVisitors.organisationId })
    .from(fairVisitors)
    .innerJoin(fairs, eq(fairs.id, fairVisitors.fairId))
    .where(
      and(
        isNull(fairVisitors.personId),
        eq(fairVisitors.contactAllowed, false),
        isNotNull(fairVisitors.phone),
        lt(fairs.endDate, today),
      ),
    );
  for (const r of rows)
    await inTransaction(ctx, async (tx) => {
      await tx.db
        .update(fairVisitors)
        .set({ phone: null, updatedAt: tx.clock.now() })
        .where(and(eq(fairVisitors.id, r.id), eq(fairVisitors.organisationId, r.organisationId)));
      await audit(tx.db, tx, {
        action: 'fair.visitor-anonymised',
        subjectType: 'fair-visitor',
        subjectId: r.id,
        organisationId: r.organisationId,
        fields: ['phone'],
        purpose: 'fair-over',
      });
    });
  return { cleared: rows.length };
}

/** Unlinked walk-ins of the organisation's fairs that ended before `endedBefore` and still hold a name or phone. */
function dueWalkIns(organisationId: string, endedBefore: string) {
  return and(
    eq(fairVisitors.organisationId, organisationId),
    isNull(fairVisitors.personId),
    or(isNotNull(fairVisitors.givenName), isNotNull(fairVisitors.familyName), isNotNull(fairVisitors.phone)),
    lt(fairs.endDate, endedBefore),
  );
}

/**
 * Periodic destruction (the retention rule `fairWalkInMonths`): how many walk-ins not linked to a person
 * still hold a name or phone although their fair ended before `endedBefore`.
 */
export async function countWalkInsDue(db: Db, organisationId: string, endedBefore: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(fairVisitors)
    .innerJoin(fairs, eq(fairs.id, fairVisitors.fairId))
    .where(dueWalkIns(organisationId, endedBefore));
  return row?.n ?? 0;
}

/**
 * Periodic destruction's run: those walk-ins lose their name and phone (the visit stays, with its sex and
 * channel, for the fair's counts); each audited `fair.visitor-anonymised`, purpose `retention`. Runs in the
 * caller's transaction.
 */
export async function anonymiseWalkInsDue(ctx: Ctx, organisationId: string, endedBefore: string): Promise<number> {
  const due = await ctx.db
    .select({ id: fairVisitors.id })
    .from(fairVisitors)
    .innerJoin(fairs, eq(fairs.id, fairVisitors.fairId))
    .where(dueWalkIns(organisationId, endedBefore));
  if (due.length === 0) return 0;
  const ids = due.map((r) => r.id);
  await ctx.db
    .update(fairVisitors)
    .set({ givenName: null, familyName: null, phone: null, updatedAt: ctx.clock.now() })
    .where(and(eq(fairVisitors.organisationId, organisationId), inArray(fairVisitors.id, ids)));
  for (const id of ids)
    await audit(ctx.db, ctx, {
      action: 'fair.visitor-anonymised',
      subjectType: 'fair-visitor',
      subjectId: id,
      organisationId,
      fields: ['givenName', 'familyName', 'phone'],
      purpose: 'retention',
    });
  return ids.length;
}
