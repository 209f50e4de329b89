import { and, eq, ne } from 'drizzle-orm';
import { cases, householdIncomes, householdMembers } from '../../../db/schema/index.ts';
import type { Ctx } from '../../../lib/context.ts';
import { audit } from '../../../lib/audit.ts';
import { CASE_TRANSITIONS } from './cases.service.ts';

/**
 * What another module's outcome changes in the person's file (issue 11: placements). Each function runs
 * in the caller's transaction (`ctx.db` is the transaction) and writes its own audit event; the caller
 * has already checked that the actor may act on the person.
 */

/**
 * Moves the person's open case to `placed` when a job starts, or back to `active` when it ends (a
 * new or on-hold case passes through `active`, as a counsellor would move it). Nothing happens without
 * an open case, or when the case is already there. Returns the case's new status.
 */
export async function moveCaseForPlacement(
  ctx: Ctx,
  personId: string,
  to: 'placed' | 'active',
  organisationId: string,
): Promise<string | null> {
  const [row] = await ctx.db
    .select()
    .from(cases)
    .where(and(eq(cases.personId, personId), eq(cases.organisationId, organisationId), ne(cases.status, 'closed')));
  if (!row || row.status === to) return row?.status ?? null;
  const path: ('active' | 'placed')[] = [];
  if (to === 'placed') {
    if (row.status !== 'active') {
      if (!CASE_TRANSITIONS[row.status].includes('active')) return row.status;
      path.push('active');
    }
    path.push('placed');
  } else {
    if (!CASE_TRANSITIONS[row.status].includes('active')) return row.status;
    path.push('active');
  }
  let from = row.status;
  for (const status of path) {
    await ctx.db.update(cases).set({ status, updatedAt: ctx.clock.now() }).where(eq(cases.id, row.id));
    await audit(ctx.db, ctx, {
      action: 'case.status-changed',
      subjectType: 'case',
      subjectId: row.id,
      fields: ['status'],
      purpose: `${from}→${status}`,
      organisationId,
    });
    from = status;
  }
  return from;
}

/**
 * Adds a verified job's monthly net wage to the incomes of the person's household (source
 * `registered-work`, the person as member), so that income per member stays true. Returns the
 * income's id, or null when the person belongs to no household.
 */
export async function addRegisteredWorkIncome(
  ctx: Ctx,
  personId: string,
  input: { monthlyAmount: number; startDate: string; organisationId: string },
): Promise<string | null> {
  const [member] = await ctx.db
    .select({ id: householdMembers.id, householdId: householdMembers.householdId })
    .from(householdMembers)
    .where(and(eq(householdMembers.personId, personId), eq(householdMembers.organisationId, input.organisationId)));
  if (!member) return null;
  const [row] = await ctx.db
    .insert(householdIncomes)
    .values({
      householdId: member.householdId,
      organisationId: input.organisationId,
      memberId: member.id,
      source: 'registered-work',
      monthlyAmount: input.monthlyAmount.toFixed(2),
      startDate: input.startDate,
      endDate: null,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: householdIncomes.id });
  await audit(ctx.db, ctx, {
    action: 'household-income.recorded',
    subjectType: 'household',
    subjectId: member.householdId,
    fields: ['source', 'monthlyAmount', 'startDate', 'memberId'],
    purpose: 'registered-work',
    organisationId: input.organisationId,
  });
  return row!.id;
}

/** Ends an income the placements module added, when the job ends (no change when already ended earlier). */
export async function endRegisteredWorkIncome(
  ctx: Ctx,
  incomeId: string,
  endDate: string,
  organisationId: string,
): Promise<void> {
  const [row] = await ctx.db
    .select()
    .from(householdIncomes)
    .where(and(eq(householdIncomes.id, incomeId), eq(householdIncomes.organisationId, organisationId)));
  if (!row || (row.endDate !== null && row.endDate <= endDate)) return;
  // An income that would end before it starts ends on its first day.
  const end = endDate < row.startDate ? row.startDate : endDate;
  await ctx.db.update(householdIncomes).set({ endDate: end }).where(eq(householdIncomes.id, incomeId));
  await audit(ctx.db, ctx, {
    action: 'household-income.recorded',
    subjectType: 'household',
    subjectId: row.householdId,
    fields: ['endDate'],
    purpose: 'registered-work-ended',
    organisationId,
  });
}
