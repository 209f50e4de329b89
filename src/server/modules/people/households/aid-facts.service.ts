import { and, asc, eq, inArray, isNull, lte, or, gte, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  householdIncomes,
  householdMembers,
  households,
  personTargetGroups,
  persons,
  socialAidRecords,
} from '../../../db/schema/index.ts';
import type { Ctx } from '../../../lib/context.ts';
import { audit } from '../../../lib/audit.ts';

/**
 * What the graduation module (docs/GRADUATION.md) reads and changes in households: the households
 * receiving aid with their members, aid and incomes on a date; the end of their aid when the paying unit
 * confirms a graduation; a return to aid. The reads take the organisation explicitly (the sweep runs
 * without an actor); the caller has checked the actor's access. The writes run in the caller's
 * transaction with their audit events.
 */

export interface AidHousehold {
  householdId: string;
  officeId: string;
  district: string | null;
  members: { memberId: string; personId: string | null; name: string }[];
  monthlyAid: number;
  monthlyIncome: number;
  aid: { id: string; programme: string; monthlyAmount: number; startDate: string }[];
}

const runningOn = (t: typeof socialAidRecords | typeof householdIncomes, onDate: string) =>
  and(lte(t.startDate, onDate), or(isNull(t.endDate), gte(t.endDate, onDate)));

const cents = (rows: { monthlyAmount: number }[]) =>
  rows.reduce((sum, r) => sum + Math.round(r.monthlyAmount * 100), 0) / 100;

/**
 * Households of an organisation with their members, aid and incomes running on `onDate`: those receiving
 * aid (default), or the ones named by `householdIds` whatever their aid.
 */
export async function aidHouseholds(
  db: Db,
  organisationId: string,
  onDate: string,
  filter: { householdIds?: readonly string[] } = {},
): Promise<AidHousehold[]> {
  const ids = filter.householdIds
    ? [...filter.householdIds]
    : (
        await db
          .selectDistinct({ id: socialAidRecords.householdId })
          .from(socialAidRecords)
          .where(and(eq(socialAidRecords.organisationId, organisationId), runningOn(socialAidRecords, onDate)))
      ).map((r) => r.id);
  if (ids.length === 0) return [];
  const [rows, members, aid, incomes] = await Promise.all([
    db
      .select()
      .from(households)
      .where(and(eq(households.organisationId, organisationId), inArray(households.id, ids))),
    db
      .select({
        id: householdMembers.id,
        householdId: householdMembers.householdId,
        personId: householdMembers.personId,
        given: sql<string>`coalesce(${persons.givenName}, ${householdMembers.givenName})`,
        family: sql<string>`coalesce(${persons.familyName}, ${householdMembers.familyName})`,
      })
      .from(householdMembers)
      .leftJoin(persons, eq(persons.id, householdMembers.personId))
      .where(and(eq(householdMembers.organisationId, organisationId), inArray(householdMembers.householdId, ids)))
      .orderBy(asc(householdMembers.createdAt), asc(householdMembers.id)),
    db
      .select()
      .from(socialAidRecords)
      .where(
        and(
          eq(socialAidRecords.organisationId, organisationId),
          inArray(socialAidRecords.householdId, ids),
          runningOn(socialAidRecords, onDate),
        ),
      )
      .orderBy(asc(socialAidRecords.startDate), asc(socialAidRecords.id)),
    db
      .select()
      .from(householdIncomes)
      .where(
        and(
          eq(householdIncomes.organisationId, organisationId),
          inArray(householdIncomes.householdId, ids),
          runningOn(householdIncomes, onDate),
        ),
      ),
  ]);
  return rows.map((h) => {
    const hAid = aid
      .filter((a) => a.householdId === h.id)
      .map((a) => ({
        id: a.id,
        programme: a.programme,
        monthlyAmount: Number(a.monthlyAmount),
        startDate: a.startDate,
      }));
    const hIncomes = incomes
      .filter((i) => i.householdId === h.id)
      .map((i) => ({ monthlyAmount: Number(i.monthlyAmount) }));
    return {
      householdId: h.id,
      officeId: h.officeId,
      district: h.district,
      members: members
        .filter((m) => m.householdId === h.id)
        .map((m) => ({ memberId: m.id, personId: m.personId, name: `${m.given} ${m.family}` })),
      monthlyAid: cents(hAid),
      monthlyIncome: cents(hIncomes),
      aid: hAid,
    };
  });
}

/** The id of a registered person's household in the organisation, or null. */
export async function householdIdOf(db: Db, organisationId: string, personId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: householdMembers.householdId })
    .from(householdMembers)
    .where(and(eq(householdMembers.organisationId, organisationId), eq(householdMembers.personId, personId)));
  return row?.id ?? null;
}

/**
 * The organisations that have a household with aid running on a date: the graduation sweep evaluates
 * each of them in turn (the one query that crosses organisations, on purpose).
 */
export async function organisationsWithAid(db: Db, onDate: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: socialAidRecords.organisationId })
    .from(socialAidRecords)
    .where(runningOn(socialAidRecords, onDate));
  return rows.map((r) => r.id);
}

/** The target-group codes of persons (the special ones included: the caller decides what it shows). */
export async function targetGroupCodesOf(
  db: Db,
  organisationId: string,
  personIds: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (personIds.length === 0) return out;
  const rows = await db
    .select({ personId: personTargetGroups.personId, group: personTargetGroups.group })
    .from(personTargetGroups)
    .where(
      and(eq(personTargetGroups.organisationId, organisationId), inArray(personTargetGroups.personId, [...personIds])),
    );
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r.group]);
  return out;
}

/**
 * Ends the household's aid running on `endDate` (the paying unit confirmed a graduation), in the caller's
 * transaction. Returns the ids of the records ended.
 */
export async function endAidForGraduation(
  ctx: Ctx,
  householdId: string,
  endDate: string,
  organisationId: string,
): Promise<string[]> {
  const running = await ctx.db
    .select({ id: socialAidRecords.id, startDate: socialAidRecords.startDate })
    .from(socialAidRecords)
    .where(
      and(
        eq(socialAidRecords.organisationId, organisationId),
        eq(socialAidRecords.householdId, householdId),
        or(isNull(socialAidRecords.endDate), gte(socialAidRecords.endDate, endDate)),
      ),
    );
  for (const r of running) {
    // Aid that would end before it starts ends on its first day.
    await ctx.db
      .update(socialAidRecords)
      .set({ endDate: endDate < r.startDate ? r.startDate : endDate })
      .where(and(eq(socialAidRecords.id, r.id), eq(socialAidRecords.organisationId, organisationId)));
  }
  if (running.length > 0) {
    await audit(ctx.db, ctx, {
      action: 'social-aid.updated',
      subjectType: 'household',
      subjectId: householdId,
      fields: ['endDate'],
      purpose: 'graduation',
      organisationId,
    });
  }
  return running.map((r) => r.id);
}

/** Records aid the household receives again after a graduation, in the caller's transaction. */
export async function recordAidAgain(
  ctx: Ctx,
  householdId: string,
  input: { programme: string; monthlyAmount: number; startDate: string },
  organisationId: string,
): Promise<string> {
  const [row] = await ctx.db
    .insert(socialAidRecords)
    .values({
      householdId,
      organisationId,
      programme: input.programme,
      monthlyAmount: input.monthlyAmount.toFixed(2),
      startDate: input.startDate,
      endDate: null,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: socialAidRecords.id });
  await audit(ctx.db, ctx, {
    action: 'social-aid.recorded',
    subjectType: 'household',
    subjectId: householdId,
    fields: ['programme', 'monthlyAmount', 'startDate'],
    purpose: 'return-after-graduation',
    organisationId,
  });
  return row!.id;
}
