import { and, asc, count, desc, eq, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employers, persons, placementFollowUps, placements } from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { ProblemError, problems, type FieldError } from '../../lib/errors.ts';
import { scopeOf } from '../../lib/access.ts';
import { t } from '../../lib/i18n.ts';
import { turkishDate } from '../../../common/working-days.ts';
import {
  checkEmployer,
  checkPerson,
  checkWageForAct,
  checkWorkingTime,
  mayStartOn,
  wageCheckDate,
  type PersonFacts,
  type RuleContext,
  type VacancyTerms,
  type Violation,
} from '../../../common/decent-work.ts';
import { minimumWageOn } from '../../../common/minimum-wage.ts';
import { naceDivision } from '../../../common/nace.ts';
import {
  isLateHireFiling,
  protectionQuota,
  retentionDueDates,
  type EndReason,
  type EvidenceKind,
  type FollowUpOutcome,
  type NotWorkingReason,
} from '../../../common/placements.ts';
import type {
  FollowUpRecord,
  Placement,
  PlacementCreate,
  PlacementVerify,
} from '../../../common/contracts/placements.ts';
import {
  addRegisteredWorkIncome,
  decentWorkFactsOf,
  endRegisteredWorkIncome,
  loadPerson,
  moveCaseForPlacement,
} from '../people/index.ts';
import { employerIdsOfUser, loadEmployer, raiseConcern } from '../employers/index.ts';
import { loadVacancy, ruleContext, termsOf } from '../vacancies/index.ts';

/**
 * Placements (issue 11; docs/PLACEMENTS.md): a job a person started, from a referral that reached
 * "hired" or recorded by staff; checked against the decent-work rules at its start date; started only
 * with the work permit a foreigner needs for this employer; verified as registered work (SGK) with its
 * evidence; followed up at 3, 6 and 12 months.
 */

export type PlacementRow = typeof placements.$inferSelect;
type FollowUpRow = typeof placementFollowUps.$inferSelect;
type EmployerRow = Awaited<ReturnType<typeof loadEmployer>>;

/** How many days ahead the home screen lists follow-ups. */
export const DUE_SOON_DAYS = 14;

function today(ctx: Ctx): string {
  return turkishDate(ctx.clock.now());
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

// ---- access ----------------------------------------------------------------------------------------

/**
 * A placement the actor may see: staff of the organisation, of the person's office unless they see every
 * office; an employer user, its own employers' placements. Anything else is 404.
 */
export async function loadPlacement(db: Db, ctx: Ctx, id: string): Promise<PlacementRow> {
  const actor = actorOf(ctx);
  const [row] = await db
    .select({ p: placements, officeId: persons.officeId })
    .from(placements)
    .innerJoin(persons, eq(persons.id, placements.personId))
    .where(and(eq(placements.id, id), eq(placements.organisationId, actor.organisationId)));
  if (!row) throw problems.notFound();
  if (actor.kind === 'employer') {
    const mine = await employerIdsOfUser(db, ctx);
    if (!mine.includes(row.p.employerId)) throw problems.notFound();
  } else if (actor.kind === 'staff') {
    const scope = scopeOf(actor);
    if (scope.officeId && scope.officeId !== row.officeId) throw problems.notFound();
  } else throw problems.notFound();
  return row.p;
}

// ---- the decent-work check at the start date ---------------------------------------------------------

/** Terms of a placement as the decent-work rules read them. */
function termsOfPlacement(
  p: Pick<
    PlacementRow,
    | 'startDate'
    | 'hoursPerDay'
    | 'hoursPerWeek'
    | 'shifts'
    | 'wageAmount'
    | 'wageBasis'
    | 'workplaceProvince'
    | 'contractType'
  >,
  employer: EmployerRow,
): VacancyTerms {
  const division = naceDivision(employer.naceCode);
  return {
    startDate: p.startDate,
    hoursPerDay: p.hoursPerDay,
    hoursPerWeek: p.hoursPerWeek,
    daysPerWeek: null,
    shifts: p.shifts,
    hazardClass: employer.hazardClass ?? employer.hazardClassSuggested,
    wageMin: Number(p.wageAmount),
    wageBasis: p.wageBasis,
    province: p.workplaceProvince,
    naceDivision: division === null ? null : String(division).padStart(2, '0'),
    seasonalAgriculture: p.contractType === 'seasonal' && division !== null && division <= 3,
    employer: { status: employer.status, statusReason: employer.statusReason },
  };
}

/**
 * The rules on the start date (src/common/decent-work.ts): the employer's status, the minimum wage in
 * force then (pro rata), working time, and the person's age, the rules for minors and the protection
 * waiting period and province, all as of that day.
 */
export function checkAtStart(terms: VacancyTerms, person: PersonFacts, rules: RuleContext): Violation[] {
  const atStart: RuleContext = { ...rules, today: terms.startDate };
  return [
    ...(terms.employer ? checkEmployer(terms.employer) : []),
    ...checkWageForAct(terms, terms.startDate, rules.minimumWages),
    ...checkWorkingTime(terms, rules.limits),
    ...checkPerson(terms, person, atStart),
  ];
}

/** How many more people under temporary protection the employer may take: its 10 % limit, less those placed. */
async function protectionRoom(db: Db, employer: EmployerRow, exceptId: string | null): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(placements)
    .where(
      and(
        eq(placements.organisationId, employer.organisationId),
        eq(placements.employerId, employer.id),
        eq(placements.status, 'active'),
        eq(placements.temporaryProtection, true),
        exceptId ? ne(placements.id, exceptId) : undefined,
      ),
    );
  const placed = row?.n ?? 0;
  return protectionQuota(Math.max(0, employer.workerCount - placed)) - placed;
}

type NewPlacement = Omit<
  typeof placements.$inferInsert,
  'id' | 'decent' | 'violations' | 'status' | 'temporaryProtection' | 'createdAt' | 'updatedAt'
>;

/**
 * Inserts a placement in the caller's transaction: checks it at its start date (a failing one is kept,
 * flagged not decent, and opens a concern on the employer's file), and starts it at once unless the
 * person needs a work permit for this employer that is not valid on the start date.
 */
async function insertPlacement(c: Ctx, values: NewPlacement, employer: EmployerRow): Promise<PlacementRow> {
  const { facts, permits } = await decentWorkFactsOf(c, values.personId);
  const rules = await ruleContext(c);
  const terms = termsOfPlacement({ ...values, wageAmount: String(values.wageAmount), shifts: values.shifts }, employer);
  const violations = checkAtStart(terms, facts, rules);
  const start = mayStartOn(facts.rightToWork, permits, {
    employerId: employer.id,
    date: values.startDate,
    seasonalAgriculture: terms.seasonalAgriculture ?? false,
  });
  const temporaryProtection = facts.rightToWork.status === 'temporary-protection';
  const withinQuota = !temporaryProtection || (await protectionRoom(c.db, employer, null)) > 0;
  const now = c.clock.now();
  const [row] = await c.db
    .insert(placements)
    .values({
      ...values,
      status: 'awaiting-permit',
      decent: violations.length === 0,
      violations: violations.map((v) => ({ rule: v.rule, code: v.code, pointer: v.pointer, params: v.params })),
      temporaryProtection,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  await audit(c.db, c, {
    action: 'placement.created',
    subjectType: 'placement',
    subjectId: row!.id,
    purpose: values.source,
    organisationId: values.organisationId,
  });
  if (violations.length > 0) {
    await raiseConcern(c, employer.id, {
      kind: 'decent-work',
      description: [
        t('tr', 'placements.concernIntro', { job: values.jobTitle }),
        ...violations.map((v) => `• ${t('tr', v.code, v.params)}`),
      ].join('\n'),
      suspend: false,
    });
  }
  if (start.ok && withinQuota) return activate(c, row!);
  return row!;
}

/** A placement starts: its follow-ups are scheduled and the case goes to `placed`. */
async function activate(c: Ctx, row: PlacementRow, startDate = row.startDate): Promise<PlacementRow> {
  const [updated] = await c.db
    .update(placements)
    .set({ status: 'active', startDate, updatedAt: c.clock.now() })
    .where(eq(placements.id, row.id))
    .returning();
  await c.db.insert(placementFollowUps).values(
    retentionDueDates(startDate).map((f) => ({
      organisationId: row.organisationId,
      placementId: row.id,
      milestone: f.milestone,
      dueDate: f.dueDate,
      createdAt: c.clock.now(),
    })),
  );
  await moveCaseForPlacement(c, row.personId, 'placed', row.organisationId);
  await audit(c.db, c, {
    action: 'placement.started',
    subjectType: 'placement',
    subjectId: row.id,
    fields: ['status'],
    organisationId: row.organisationId,
  });
  return updated!;
}

// ---- creation ----------------------------------------------------------------------------------------

/**
 * The placement of a referral that reached "hired", in the referral's transaction (`ctx.db`), by the
 * staff member or the employer user who recorded the hire. The terms are the vacancy's; the start is
 * the later of the vacancy's start date and today.
 */
export async function createPlacementFromHire(
  ctx: Ctx,
  hire: {
    id: string;
    personId: string;
    employerId: string;
    vacancyId: string;
    organisationId: string;
    source?: string;
  },
): Promise<string> {
  const { v, employer } = await loadVacancy(ctx.db, ctx, hire.vacancyId);
  const terms = termsOf(v, employer);
  const [person] = await ctx.db
    .select({ officeId: persons.officeId })
    .from(persons)
    .where(and(eq(persons.id, hire.personId), eq(persons.organisationId, hire.organisationId)));
  const row = await insertPlacement(
    ctx,
    {
      organisationId: hire.organisationId,
      officeId: person!.officeId,
      personId: hire.personId,
      employerId: employer.id,
      vacancyId: v.id,
      referralId: hire.id,
      // A hire from a referral made at a job fair is a job-fair placement (docs/FAIRS.md).
      source: hire.source === 'fair' ? 'job-fair' : 'referral',
      jobTitle: v.title,
      startDate: wageCheckDate(v.startDate, today(ctx)),
      contractType: v.contractType,
      wageAmount: String(terms.wageMin),
      wageBasis: v.wageBasis,
      hoursPerWeek: v.hoursPerWeek,
      hoursPerDay: v.hoursPerDay,
      shifts: v.shifts,
      workplaceProvince: v.province,
      workplaceDistrict: v.district,
      createdBy: ctx.actor?.userId ?? null,
    },
    employer,
  );
  return row.id;
}

/** A job found without a referral, recorded by staff. */
export async function createPlacement(ctx: Ctx, input: PlacementCreate): Promise<string> {
  const errors: FieldError[] = [];
  if (input.hoursPerDay > input.hoursPerWeek)
    errors.push({ pointer: '/hoursPerDay', code: 'errors.placements.hoursDay' });
  if (input.startDate > addDays(today(ctx), 366))
    errors.push({ pointer: '/startDate', code: 'errors.placements.startTooFar' });
  if (errors.length) throw problems.invalidMany(errors);
  return inTransaction(ctx, async (c) => {
    const person = await loadPerson(c.db, c, input.personId);
    const employer = await loadEmployer(c.db, c, input.employerId).catch((e: unknown) => {
      if (e instanceof ProblemError && e.status === 404)
        throw problems.invalid('/employerId', 'errors.placements.employerUnknown');
      throw e;
    });
    const row = await insertPlacement(
      c,
      {
        organisationId: person.organisationId,
        officeId: person.officeId,
        personId: person.id,
        employerId: employer.id,
        vacancyId: null,
        referralId: null,
        source: input.source,
        jobTitle: input.jobTitle.trim(),
        startDate: input.startDate,
        contractType: input.contractType,
        wageAmount: input.wageAmount.toFixed(2),
        wageBasis: input.wageBasis,
        hoursPerWeek: input.hoursPerWeek,
        hoursPerDay: input.hoursPerDay,
        shifts: input.shifts,
        workplaceProvince: employer.province,
        workplaceDistrict: input.workplaceDistrict?.trim() || employer.district,
        createdBy: actorOf(ctx).userId,
      },
      employer,
    );
    return row.id;
  });
}

/**
 * Starts a placement that waited for the work permit: refused while the permit (for this person and this
 * employer, valid on the start date) is missing, and when the employer is at its 10 % limit for people
 * under temporary protection.
 */
export async function startPlacement(ctx: Ctx, id: string, startDate?: string): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const row = await loadPlacement(c.db, c, id);
    if (row.status !== 'awaiting-permit') throw conflict('errors.placements.alreadyStarted');
    const date = startDate ?? (row.startDate > today(c) ? row.startDate : today(c));
    if (date < row.startDate) throw problems.invalid('/startDate', 'errors.placements.startBeforeHire');
    const { facts, permits } = await decentWorkFactsOf(c, row.personId);
    const employer = await loadEmployer(c.db, c, row.employerId);
    const terms = termsOfPlacement({ ...row, startDate: date }, employer);
    const check = mayStartOn(facts.rightToWork, permits, {
      employerId: employer.id,
      date,
      seasonalAgriculture: terms.seasonalAgriculture ?? false,
    });
    if (!check.ok) throw problems.invalid('/startDate', `errors.placements.permit.${check.reason}`);
    if (row.temporaryProtection && (await protectionRoom(c.db, employer, row.id)) <= 0) {
      throw problems.conflict('errors.placements.protectionQuota', {
        pointer: '/employerId',
        params: { limit: protectionQuota(employer.workerCount) },
      });
    }
    await activate(c, row, date);
  });
}

function conflict(code: string): ProblemError {
  return problems.conflict(code, '/status');
}

// ---- verification --------------------------------------------------------------------------------------

/** The monthly net wage: as stated, or a gross wage at the minimum wage's net/gross ratio of the start date. */
function estimatedNet(p: PlacementRow, rules: RuleContext): number {
  const amount = Number(p.wageAmount);
  if (p.wageBasis === 'net') return amount;
  const mw = minimumWageOn(p.startDate, rules.minimumWages);
  return mw ? Math.round((amount * mw.netMonthly * 100) / mw.grossMonthly) / 100 : Math.round(amount * 85) / 100;
}

/**
 * Marks a placement as registered work (in the caller's transaction): the evidence, a late hire
 * notification flagged, the net wage added to the household's incomes.
 */
async function markVerified(
  c: Ctx,
  row: PlacementRow,
  evidence: { kind: EvidenceKind; reference: string | null; hireFiledOn: string | null; netWage: number },
): Promise<void> {
  const now = c.clock.now();
  const incomeId = await addRegisteredWorkIncome(c, row.personId, {
    monthlyAmount: evidence.netWage,
    startDate: row.startDate,
    organisationId: row.organisationId,
  });
  if (incomeId && row.status === 'ended' && row.endDate)
    await endRegisteredWorkIncome(c, incomeId, row.endDate, row.organisationId);
  await c.db
    .update(placements)
    .set({
      verification: 'verified',
      evidenceKind: evidence.kind,
      evidenceReference: evidence.reference,
      hireFiledOn: evidence.hireFiledOn,
      lateFiling: isLateHireFiling(row.startDate, evidence.hireFiledOn),
      verifiedBy: c.actor?.userId ?? null,
      verifiedAt: now,
      netWage: evidence.netWage.toFixed(2),
      householdIncomeId: incomeId,
      updatedAt: now,
    })
    .where(eq(placements.id, row.id));
  await audit(c.db, c, {
    action: 'placement.verified',
    subjectType: 'placement',
    subjectId: row.id,
    fields: ['verification', 'evidenceKind', 'evidenceReference', ...(evidence.hireFiledOn ? ['hireFiledOn'] : [])],
    purpose: evidence.kind,
    organisationId: row.organisationId,
  });
}

export async function verifyPlacement(ctx: Ctx, id: string, input: PlacementVerify): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const row = await loadPlacement(c.db, c, id);
    if (row.verification === 'verified') throw conflict('errors.placements.alreadyVerified');
    if (row.status === 'awaiting-permit') throw conflict('errors.placements.notStarted');
    const errors: FieldError[] = [];
    if (input.hireFiledOn && input.hireFiledOn > today(c))
      errors.push({ pointer: '/hireFiledOn', code: 'errors.placements.dateFuture' });
    if (input.evidenceKind === 'hire-notification' && !input.hireFiledOn)
      errors.push({ pointer: '/hireFiledOn', code: 'errors.validation.required' });
    if (row.wageBasis === 'gross' && !input.netWage)
      errors.push({ pointer: '/netWage', code: 'errors.placements.netWageRequired' });
    if (errors.length) throw problems.invalidMany(errors);
    await markVerified(c, row, {
      kind: input.evidenceKind,
      reference: input.evidenceReference.trim(),
      hireFiledOn: input.hireFiledOn ?? null,
      netWage: input.netWage ?? Number(row.wageAmount),
    });
  });
}

// ---- the end of a job ------------------------------------------------------------------------------------

/**
 * Ends a placement in the caller's transaction: the household income ends, the pending follow-ups
 * after the end are cancelled, and, unless the person works elsewhere, the case goes back to `active`.
 * With `exitFollowUp`, a follow-up due at once asks the counsellor to record what happened.
 */
async function markEnded(
  c: Ctx,
  row: PlacementRow,
  end: {
    date: string;
    reason: EndReason;
    exitReasonCode?: string | null;
    exitFollowUp: boolean;
    stillWorking: boolean;
  },
): Promise<void> {
  const now = c.clock.now();
  await c.db
    .update(placements)
    .set({
      status: 'ended',
      endDate: end.date,
      endReason: end.reason,
      exitReasonCode: end.exitReasonCode ?? null,
      updatedAt: now,
    })
    .where(eq(placements.id, row.id));
  await c.db
    .update(placementFollowUps)
    .set({ status: 'cancelled' })
    .where(and(eq(placementFollowUps.placementId, row.id), eq(placementFollowUps.status, 'pending')));
  if (end.exitFollowUp) {
    await c.db.insert(placementFollowUps).values({
      organisationId: row.organisationId,
      placementId: row.id,
      milestone: 'exit',
      dueDate: today(c) > end.date ? today(c) : end.date,
      createdAt: now,
    });
  }
  if (row.householdIncomeId) await endRegisteredWorkIncome(c, row.householdIncomeId, end.date, row.organisationId);
  if (!end.stillWorking) {
    const [other] = await c.db
      .select({ id: placements.id })
      .from(placements)
      .where(
        and(
          eq(placements.organisationId, row.organisationId),
          eq(placements.personId, row.personId),
          eq(placements.status, 'active'),
          ne(placements.id, row.id),
        ),
      );
    if (!other) await moveCaseForPlacement(c, row.personId, 'active', row.organisationId);
  }
  await audit(c.db, c, {
    action: 'placement.ended',
    subjectType: 'placement',
    subjectId: row.id,
    fields: ['status', 'endDate', 'endReason'],
    purpose: end.reason,
    organisationId: row.organisationId,
  });
}

function checkEndDate(row: PlacementRow, date: string, ctx: Ctx, pointer: string): void {
  if (date < row.startDate) throw problems.invalid(pointer, 'errors.placements.endBeforeStart');
  if (date > today(ctx)) throw problems.invalid(pointer, 'errors.placements.dateFuture');
}

export async function endPlacement(ctx: Ctx, id: string, input: { endDate: string; reason: EndReason }): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const row = await loadPlacement(c.db, c, id);
    if (row.status === 'ended') throw conflict('errors.placements.alreadyEnded');
    checkEndDate(row, input.endDate, c, '/endDate');
    await markEnded(c, row, {
      date: input.endDate,
      reason: input.reason,
      exitFollowUp: row.status === 'active',
      stillWorking: input.reason === 'changed-employer',
    });
  });
}

// ---- follow-ups ------------------------------------------------------------------------------------------

const END_REASON_OF: Partial<Record<NotWorkingReason, EndReason>> = {
  resigned: 'resigned',
  dismissed: 'dismissed',
  'contract-ended': 'contract-ended',
};

/**
 * Records a follow-up. "Not working" is a job loss: the placement ends (on the date given, or today) and
 * the case reopens; "with another employer" ends this placement too, but the person still works.
 */
export async function recordFollowUp(ctx: Ctx, id: string, followUpId: string, input: FollowUpRecord): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const row = await loadPlacement(c.db, c, id);
    const [f] = await c.db
      .select()
      .from(placementFollowUps)
      .where(and(eq(placementFollowUps.id, followUpId), eq(placementFollowUps.placementId, row.id)));
    if (!f) throw problems.notFound();
    if (f.status !== 'pending') throw conflict('errors.placements.followUpClosed');
    const outcome: FollowUpOutcome = input.outcome;
    if (outcome === 'not-working' && !input.notWorkingReason)
      throw problems.invalid('/notWorkingReason', 'errors.validation.required');
    if (outcome === 'same-employer' && row.status === 'ended')
      throw problems.invalid('/outcome', 'errors.placements.followUpEnded');
    const endDate = input.endDate ?? today(c);
    if (row.status === 'active' && outcome !== 'same-employer') checkEndDate(row, endDate, c, '/endDate');
    await c.db
      .update(placementFollowUps)
      .set({
        status: 'recorded',
        outcome,
        notWorkingReason: outcome === 'not-working' ? (input.notWorkingReason ?? null) : null,
        note: input.note?.trim() || null,
        recordedBy: actorOf(c).userId,
        recordedAt: c.clock.now(),
      })
      .where(eq(placementFollowUps.id, f.id));
    await audit(c.db, c, {
      action: 'placement.follow-up-recorded',
      subjectType: 'placement',
      subjectId: row.id,
      fields: ['outcome', ...(input.note ? ['note'] : [])],
      purpose: `${f.milestone}:${outcome}`,
    });
    if (row.status === 'active' && outcome !== 'same-employer') {
      const working = outcome !== 'not-working';
      await markEnded(c, row, {
        date: endDate,
        reason: working ? 'changed-employer' : (END_REASON_OF[input.notWorkingReason!] ?? 'other'),
        exitFollowUp: false,
        stillWorking: working,
      });
    } else if (row.status === 'ended' && outcome === 'not-working') {
      // An exit's follow-up: the person is not working, so the case is (again) active.
      await moveCaseForPlacement(c, row.personId, 'active', row.organisationId);
    }
  });
}

/**
 * The scheduled sweep `placement-follow-ups` (src/server/jobs): each follow-up past its due date without
 * an outcome reminds the person by SMS (retention milestones; through the outbox, in their language) and
 * becomes a task on the counsellor's list, once. Safe to run twice or on several instances: each
 * follow-up is claimed in the database first.
 */
export async function remindDueFollowUps(
  ctx: Ctx,
  sendSms: (
    c: Ctx,
    message: {
      phone: string;
      name: string;
      employer: string;
      languages: { code: string }[];
      organisationId: string;
      userId: string | null;
    },
  ) => Promise<void>,
): Promise<number> {
  const day = today(ctx);
  const due = await ctx.db
    .select({
      f: placementFollowUps,
      personId: placements.personId,
      phone: persons.phone,
      givenName: persons.givenName,
      languages: persons.languages,
      userId: persons.userId,
      employerName: sql<string>`coalesce(${employers.tradeName}, ${employers.legalName})`,
    })
    .from(placementFollowUps)
    .innerJoin(placements, eq(placements.id, placementFollowUps.placementId))
    .innerJoin(persons, eq(persons.id, placements.personId))
    .innerJoin(employers, eq(employers.id, placements.employerId))
    .where(
      and(
        eq(placementFollowUps.status, 'pending'),
        sql`${placementFollowUps.dueDate} < ${day}`,
        or(isNull(placementFollowUps.remindedAt), isNull(placementFollowUps.taskOpenedAt)),
      ),
    )
    .orderBy(asc(placementFollowUps.dueDate))
    .limit(500);
  let reminded = 0;
  for (const d of due) {
    const claimed = await inTransaction(ctx, async (c) => {
      const won = await c.db
        .update(placementFollowUps)
        .set({ remindedAt: c.clock.now(), taskOpenedAt: c.clock.now() })
        .where(and(eq(placementFollowUps.id, d.f.id), isNull(placementFollowUps.taskOpenedAt)))
        .returning({ id: placementFollowUps.id });
      if (won.length === 0) return false;
      if (d.f.milestone !== 'exit' && d.phone) {
        await sendSms(c, {
          phone: d.phone,
          name: d.givenName,
          employer: d.employerName,
          languages: d.languages,
          organisationId: d.f.organisationId,
          userId: d.userId,
        });
      }
      await audit(c.db, c, {
        action: 'placement.follow-up-reminded',
        subjectType: 'placement',
        subjectId: d.f.placementId,
        purpose: d.f.milestone,
        organisationId: d.f.organisationId,
        actorKind: 'system',
      });
      return true;
    });
    if (claimed) reminded++;
  }
  return reminded;
}

/** Follow-ups due within DUE_SOON_DAYS or overdue, for the home screen (the actor's office, or every office). */
export async function dueFollowUps(ctx: Ctx) {
  const scope = scopeOf(actorOf(ctx));
  const day = today(ctx);
  const rows = await ctx.db
    .select({
      f: placementFollowUps,
      given: persons.givenName,
      family: persons.familyName,
      personId: persons.id,
      employerName: sql<string>`coalesce(${employers.tradeName}, ${employers.legalName})`,
    })
    .from(placementFollowUps)
    .innerJoin(placements, eq(placements.id, placementFollowUps.placementId))
    .innerJoin(persons, eq(persons.id, placements.personId))
    .innerJoin(employers, eq(employers.id, placements.employerId))
    .where(
      and(
        eq(placementFollowUps.organisationId, scope.organisationId),
        scope.officeId ? eq(persons.officeId, scope.officeId) : undefined,
        eq(placementFollowUps.status, 'pending'),
        lte(placementFollowUps.dueDate, addDays(day, DUE_SOON_DAYS)),
      ),
    )
    .orderBy(asc(placementFollowUps.dueDate))
    .limit(200);
  return {
    items: rows.map((r) => ({
      id: r.f.id,
      placementId: r.f.placementId,
      person: { id: r.personId, name: `${r.given} ${r.family}` },
      employerName: r.employerName,
      milestone: r.f.milestone,
      dueDate: r.f.dueDate,
      overdue: r.f.dueDate < day,
      taskOpenedAt: r.f.taskOpenedAt?.toISOString() ?? null,
    })),
  };
}

// ---- reading ------------------------------------------------------------------------------------------

function presentFollowUp(f: FollowUpRow, day: string) {
  return {
    id: f.id,
    milestone: f.milestone,
    dueDate: f.dueDate,
    status: f.status,
    overdue: f.status === 'pending' && f.dueDate < day,
    remindedAt: f.remindedAt?.toISOString() ?? null,
    taskOpenedAt: f.taskOpenedAt?.toISOString() ?? null,
    outcome: f.outcome,
    notWorkingReason: f.notWorkingReason,
    note: f.note,
    recordedAt: f.recordedAt?.toISOString() ?? null,
  };
}

function present(
  ctx: Ctx,
  p: PlacementRow,
  names: { person: string; employer: string },
  followUps: FollowUpRow[],
): Placement {
  const staff = actorOf(ctx).kind === 'staff';
  const day = today(ctx);
  return {
    id: p.id,
    person: { id: p.personId, name: names.person },
    employer: { id: p.employerId, name: names.employer },
    vacancyId: p.vacancyId,
    referralId: p.referralId,
    source: p.source,
    jobTitle: p.jobTitle,
    status: p.status,
    startDate: p.startDate,
    endDate: p.endDate,
    endReason: p.endReason,
    exitReasonCode: p.exitReasonCode,
    contractType: p.contractType,
    wageAmount: Number(p.wageAmount),
    wageBasis: p.wageBasis,
    hoursPerWeek: p.hoursPerWeek,
    hoursPerDay: p.hoursPerDay,
    shifts: p.shifts,
    workplaceProvince: p.workplaceProvince,
    workplaceDistrict: p.workplaceDistrict,
    decent: p.decent,
    violations: p.violations.map((v) => ({ ...v, message: t(ctx.locale, v.code, v.params) })),
    verification: p.verification,
    evidenceKind: p.evidenceKind,
    evidenceReference: p.evidenceReference,
    hireFiledOn: p.hireFiledOn,
    lateFiling: p.lateFiling,
    verifiedAt: p.verifiedAt?.toISOString() ?? null,
    verifiedBy: staff ? p.verifiedBy : null,
    // What the household earns and how the person fares afterwards are the office's business.
    netWage: staff && p.netWage !== null ? Number(p.netWage) : null,
    followUps: staff ? followUps.map((f) => presentFollowUp(f, day)) : [],
    createdAt: p.createdAt.toISOString(),
  };
}

async function presentMany(ctx: Ctx, rows: { p: PlacementRow; person: string; employer: string }[]) {
  const ids = rows.map((r) => r.p.id);
  const followUps =
    ids.length && actorOf(ctx).kind === 'staff'
      ? await ctx.db
          .select()
          .from(placementFollowUps)
          .where(
            and(
              eq(placementFollowUps.organisationId, actorOf(ctx).organisationId),
              inArray(placementFollowUps.placementId, ids),
            ),
          )
          .orderBy(asc(placementFollowUps.dueDate))
      : [];
  return rows.map((r) =>
    present(
      ctx,
      r.p,
      { person: r.person, employer: r.employer },
      followUps.filter((f) => f.placementId === r.p.id),
    ),
  );
}

const selection = {
  p: placements,
  person: sql<string>`${persons.givenName} || ' ' || ${persons.familyName}`,
  employer: sql<string>`coalesce(${employers.tradeName}, ${employers.legalName})`,
};

export async function getPlacement(ctx: Ctx, id: string): Promise<Placement> {
  await loadPlacement(ctx.db, ctx, id);
  const rows = await ctx.db
    .select(selection)
    .from(placements)
    .innerJoin(persons, eq(persons.id, placements.personId))
    .innerJoin(employers, eq(employers.id, placements.employerId))
    .where(and(eq(placements.id, id), eq(placements.organisationId, actorOf(ctx).organisationId)));
  return (await presentMany(ctx, rows))[0]!;
}

export interface PlacementFilter {
  personId?: string | undefined;
  employerId?: string | undefined;
  status?: PlacementRow['status'] | undefined;
  verification?: PlacementRow['verification'] | undefined;
  page: number;
  pageSize: number;
}

export async function listPlacements(ctx: Ctx, filter: PlacementFilter) {
  const actor = actorOf(ctx);
  const conditions: SQL[] = [eq(placements.organisationId, actor.organisationId)];
  if (actor.kind === 'employer') {
    const mine = await employerIdsOfUser(ctx.db, ctx);
    if (mine.length === 0) return { items: [], total: 0 };
    conditions.push(inArray(placements.employerId, mine));
  } else {
    const scope = scopeOf(actor);
    if (scope.officeId) conditions.push(eq(persons.officeId, scope.officeId));
  }
  if (filter.personId) conditions.push(eq(placements.personId, filter.personId));
  if (filter.employerId) conditions.push(eq(placements.employerId, filter.employerId));
  if (filter.status) conditions.push(eq(placements.status, filter.status));
  if (filter.verification) conditions.push(eq(placements.verification, filter.verification));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select(selection)
      .from(placements)
      .innerJoin(persons, eq(persons.id, placements.personId))
      .innerJoin(employers, eq(employers.id, placements.employerId))
      .where(where)
      .orderBy(desc(placements.startDate), asc(placements.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(placements).innerJoin(persons, eq(persons.id, placements.personId)).where(where),
  ]);
  return { items: await presentMany(ctx, rows), total: total?.n ?? 0 };
}

// ---- for the SGK file ---------------------------------------------------------------------------------

export { markEnded, markVerified, estimatedNet };
