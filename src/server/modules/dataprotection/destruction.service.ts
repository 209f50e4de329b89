/**
 * Periodic destruction (DATA-PROTECTION.md "Retention and destruction"; the Regulation on the erasure,
 * destruction or anonymisation of personal data, art. 11: at least every 6 months under the retention
 * and destruction policy). The retention rules say how long a closed case's data is kept: the retention
 * follow-ups, the return-to-aid window, then the statutory period, all configurable per organisation.
 *
 * A batch is first a **dry run** (what is due on its day and why, nothing destroyed), proposed by the
 * scheduled `dp-destruction-sweep` once the interval has passed, or by the DPO; then the destruction
 * committee's **decision** is recorded (approved with its members named, or rejected with the reason);
 * then the **run**, a background job (`dp-destruction-run`) that anonymises item by item, each in its own
 * transaction, through the owners' index.ts (`anonymiseEverywhere`), and writes a destruction record per
 * person, kept 3 years. A run resumes where it stopped: done items are not touched again.
 */
import { and, asc, count, desc, eq, inArray, lt, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  dpDestructionBatches,
  dpDestructionBatchItems,
  dpDestructionRecords,
  dpRequests,
  dpRetentionSettings,
  organisations,
  users,
} from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import type { ProblemError } from '../../lib/errors.ts';
import { problems } from '../../lib/errors.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { turkishDate } from '../../../common/working-days.ts';
import {
  DEFAULT_RETENTION,
  DP_COMMITTEE_MIN,
  type DestructionBatch,
  type DpBatchStatus,
  type DueRecord,
  type RetentionRules,
} from '../../../common/contracts/dataprotection.ts';
import { retentionFacts, type RetentionFact } from '../people/index.ts';
import { anonymiseWalkInsDue, countWalkInsDue } from '../fairs/index.ts';
import { addDays, anonymiseEverywhere } from './dataprotection.service.ts';

type BatchRow = typeof dpDestructionBatches.$inferSelect;
type HoldReason = NonNullable<DueRecord['heldReason']>;

const DESTRUCTION_RECORD_YEARS = 3;
const PENDING: DpBatchStatus[] = ['proposed', 'approved', 'running'];
const CLOSED_REQUESTS = ['answered', 'refused'] as const;

function conflict(code: string): ProblemError {
  return problems.conflict(`errors.dataProtection.${code}`);
}

/** A calendar date plus whole months, the day kept or moved back to the month's last day. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

/** Rules of batches made before a rule existed read as its default. */
function rulesOfBatch(b: BatchRow): RetentionRules {
  return { ...DEFAULT_RETENTION, ...(b.rules as Partial<RetentionRules>) };
}

/** Fair walk-ins not linked to a person are due when their fair ended before this day (the rule's months ago). */
export function walkInCutoff(rules: RetentionRules, asOf: string): string {
  return addMonths(asOf, -rules.fairWalkInMonths);
}

/** When a record falls due under the rules; null while a case is open (an active case is kept). */
export function dueOf(
  rules: RetentionRules,
  fact: Pick<RetentionFact, 'openCase' | 'lastClosedAt' | 'registeredAt'>,
): { basis: DueRecord['basis']; basisDate: string; dueOn: string } | null {
  if (fact.openCase) return null;
  if (fact.lastClosedAt) {
    const basisDate = turkishDate(fact.lastClosedAt);
    const months = rules.followUpMonths + rules.returnToAidMonths + rules.statutoryYears * 12;
    return { basis: 'case-closed', basisDate, dueOn: addMonths(basisDate, months) };
  }
  const basisDate = turkishDate(fact.registeredAt);
  return { basis: 'registered-no-case', basisDate, dueOn: addMonths(basisDate, rules.noCaseMonths) };
}

// ---- the rules ------------------------------------------------------------------------------------------

async function rulesOf(db: Db, organisationId: string) {
  const [row] = await db
    .select()
    .from(dpRetentionSettings)
    .where(eq(dpRetentionSettings.organisationId, organisationId));
  const rules: RetentionRules = row
    ? {
        followUpMonths: row.followUpMonths,
        returnToAidMonths: row.returnToAidMonths,
        statutoryYears: row.statutoryYears,
        noCaseMonths: row.noCaseMonths,
        intervalMonths: row.intervalMonths,
        fairWalkInMonths: row.fairWalkInMonths,
      }
    : { ...DEFAULT_RETENTION };
  return { rules, updatedAt: row?.updatedAt ?? null };
}

async function lastBatch(db: Db, organisationId: string): Promise<BatchRow | undefined> {
  const [row] = await db
    .select()
    .from(dpDestructionBatches)
    .where(eq(dpDestructionBatches.organisationId, organisationId))
    .orderBy(desc(dpDestructionBatches.proposedAt))
    .limit(1);
  return row;
}

export async function getRetention(ctx: Ctx) {
  const organisationId = actorOf(ctx).organisationId;
  const { rules, updatedAt } = await rulesOf(ctx.db, organisationId);
  const last = await lastBatch(ctx.db, organisationId);
  const lastBatchOn = last ? turkishDate(last.proposedAt) : null;
  return {
    rules,
    updatedAt: updatedAt?.toISOString() ?? null,
    lastBatchOn,
    nextBatchOn: lastBatchOn ? addMonths(lastBatchOn, rules.intervalMonths) : turkishDate(ctx.clock.now()),
  };
}

export async function updateRetention(ctx: Ctx, input: RetentionRules) {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (c) => {
    const before = await rulesOf(c.db, actor.organisationId);
    const fields = changedFields(before.rules as unknown as Record<string, unknown>, { ...input });
    if (!fields.length) return;
    const values = { ...input, updatedBy: actor.userId, updatedAt: ctx.clock.now() };
    await c.db
      .insert(dpRetentionSettings)
      .values({ organisationId: actor.organisationId, ...values })
      .onConflictDoUpdate({ target: dpRetentionSettings.organisationId, set: values });
    await audit(c.db, c, {
      action: 'dp-retention.updated',
      subjectType: 'dp-retention',
      subjectId: actor.organisationId,
      fields,
    });
  });
  return getRetention(ctx);
}

// ---- what is due ------------------------------------------------------------------------------------------

/** Persons with a request still open at the desk: held back from destruction until it is closed. */
async function personsWithOpenRequests(db: Db, organisationId: string): Promise<Set<string>> {
  const rows = await db
    .select({ personId: dpRequests.personId })
    .from(dpRequests)
    .where(and(eq(dpRequests.organisationId, organisationId), notInArray(dpRequests.status, [...CLOSED_REQUESTS])));
  return new Set(rows.map((r) => r.personId).filter((x): x is string => !!x));
}

interface Due extends DueRecord {
  officeId: string;
}

/** Every record due on or before `until` under the rules, soonest first, with why some are held back. */
async function dueRecords(db: Db, organisationId: string, rules: RetentionRules, until: string): Promise<Due[]> {
  const [facts, open] = [await retentionFacts(db, organisationId), await personsWithOpenRequests(db, organisationId)];
  const out: Due[] = [];
  for (const f of facts) {
    const due = dueOf(rules, f);
    if (!due || due.dueOn > until) continue;
    out.push({
      subjectRef: f.personId,
      officeId: f.officeId,
      office: f.office,
      ...due,
      heldReason: open.has(f.personId) ? 'open-request' : null,
    });
  }
  return out.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.subjectRef.localeCompare(b.subjectRef));
}

export async function listDue(ctx: Ctx, q: { horizonMonths: number; page: number; pageSize: number }) {
  const organisationId = actorOf(ctx).organisationId;
  const today = turkishDate(ctx.clock.now());
  const { rules } = await rulesOf(ctx.db, organisationId);
  const due = await dueRecords(ctx.db, organisationId, rules, addMonths(today, q.horizonMonths));
  const start = (q.page - 1) * q.pageSize;
  return {
    items: due.slice(start, start + q.pageSize).map(({ officeId: _officeId, ...d }) => d),
    total: due.length,
    page: q.page,
    pageSize: q.pageSize,
    overdue: due.filter((d) => d.dueOn <= today).length,
  };
}

// ---- batches ------------------------------------------------------------------------------------------------

/**
 * The dry run: what is due today, written as a batch for the committee. Nothing is destroyed. A batch
 * with nothing due is recorded as carried out at once (the periodic review took place). One batch at a
 * time: 409 while another waits for its decision or its run.
 */
async function propose(ctx: Ctx, organisationId: string, proposedBy: string | null): Promise<string> {
  return inTransaction(ctx, async (c) => {
    const now = ctx.clock.now();
    const today = turkishDate(now);
    const [pending] = await c.db
      .select({ id: dpDestructionBatches.id })
      .from(dpDestructionBatches)
      .where(
        and(eq(dpDestructionBatches.organisationId, organisationId), inArray(dpDestructionBatches.status, PENDING)),
      );
    if (pending) throw conflict('batchPending');
    const { rules } = await rulesOf(c.db, organisationId);
    const due = await dueRecords(c.db, organisationId, rules, today);
    const held = due.filter((d) => d.heldReason).length;
    const walkInsDue = await countWalkInsDue(c.db, organisationId, walkInCutoff(rules, today));
    const empty = due.length === 0 && walkInsDue === 0;
    const [batch] = await c.db
      .insert(dpDestructionBatches)
      .values({
        organisationId,
        status: empty ? 'carried-out' : 'proposed',
        asOf: today,
        rules,
        proposedBy,
        proposedAt: now,
        itemCount: due.length,
        heldCount: held,
        walkInsDue,
        runCompletedAt: empty ? now : null,
      })
      .returning({ id: dpDestructionBatches.id });
    for (let i = 0; i < due.length; i += 500) {
      await c.db.insert(dpDestructionBatchItems).values(
        due.slice(i, i + 500).map((d) => ({
          organisationId,
          batchId: batch!.id,
          subjectRef: d.subjectRef,
          officeId: d.officeId,
          basis: d.basis,
          basisDate: d.basisDate,
          dueOn: d.dueOn,
          held: !!d.heldReason,
          heldReason: d.heldReason,
        })),
      );
    }
    await audit(c.db, c, {
      action: 'dp-destruction.proposed',
      subjectType: 'dp-destruction-batch',
      subjectId: batch!.id,
      organisationId,
      ...(proposedBy ? {} : { actorKind: 'system' as const, actorUserId: null }),
      purpose: `items:${due.length}:walk-ins:${walkInsDue}`,
    });
    return batch!.id;
  }).catch((err: unknown) => {
    if (isUniqueViolation(err, 'dp_destruction_batches_one_pending_uq')) throw conflict('batchPending');
    throw err;
  });
}

export async function proposeBatch(ctx: Ctx): Promise<string> {
  const actor = actorOf(ctx);
  return propose(ctx, actor.organisationId, actor.userId);
}

/**
 * The scheduled sweep: a dry run for every organisation whose last batch is older than its interval (or
 * that has none) and that has no batch waiting. Answers how many were proposed.
 */
export async function proposeDueBatches(ctx: Ctx): Promise<number> {
  const today = turkishDate(ctx.clock.now());
  const orgs = await ctx.db.select({ id: organisations.id }).from(organisations);
  let proposed = 0;
  for (const org of orgs) {
    // Destruction records are kept 3 years, then go too.
    await ctx.db
      .delete(dpDestructionRecords)
      .where(and(eq(dpDestructionRecords.organisationId, org.id), lt(dpDestructionRecords.keepUntil, today)));
    const last = await lastBatch(ctx.db, org.id);
    if (last && PENDING.includes(last.status)) continue;
    const { rules } = await rulesOf(ctx.db, org.id);
    if (last && addMonths(turkishDate(last.proposedAt), rules.intervalMonths) > today) continue;
    await propose(ctx, org.id, null);
    proposed++;
  }
  return proposed;
}

async function loadBatch(db: Db, organisationId: string, id: string): Promise<BatchRow> {
  const [row] = await db
    .select()
    .from(dpDestructionBatches)
    .where(and(eq(dpDestructionBatches.id, id), eq(dpDestructionBatches.organisationId, organisationId)));
  if (!row) throw problems.notFound();
  return row;
}

async function userNames(db: Db, organisationId: string, ids: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), inArray(users.id, wanted)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function summaryOf(b: BatchRow, names: Map<string, string>) {
  return {
    id: b.id,
    status: b.status,
    asOf: b.asOf,
    proposedAt: b.proposedAt.toISOString(),
    proposedBy: b.proposedBy ? (names.get(b.proposedBy) ?? null) : null,
    itemCount: b.itemCount,
    heldCount: b.heldCount,
    destroyedCount: b.destroyedCount,
    skippedCount: b.skippedCount,
    walkInsDue: b.walkInsDue,
    walkInsCleared: b.walkInsCleared,
    decidedOn: b.decidedOn,
    runCompletedAt: b.runCompletedAt?.toISOString() ?? null,
  };
}

export async function listBatches(ctx: Ctx, q: { page: number; pageSize: number }) {
  const organisationId = actorOf(ctx).organisationId;
  const where = eq(dpDestructionBatches.organisationId, organisationId);
  const rows = await ctx.db
    .select()
    .from(dpDestructionBatches)
    .where(where)
    .orderBy(desc(dpDestructionBatches.proposedAt), desc(dpDestructionBatches.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(dpDestructionBatches).where(where);
  const names = await userNames(
    ctx.db,
    organisationId,
    rows.map((r) => r.proposedBy),
  );
  return { items: rows.map((r) => summaryOf(r, names)), total: total?.n ?? 0 };
}

export async function getBatch(
  ctx: Ctx,
  id: string,
  q: { page: number; pageSize: number } = { page: 1, pageSize: 50 },
): Promise<DestructionBatch> {
  const organisationId = actorOf(ctx).organisationId;
  const b = await loadBatch(ctx.db, organisationId, id);
  const where = and(
    eq(dpDestructionBatchItems.batchId, b.id),
    eq(dpDestructionBatchItems.organisationId, organisationId),
  );
  const items = await ctx.db
    .select()
    .from(dpDestructionBatchItems)
    .where(where)
    .orderBy(asc(dpDestructionBatchItems.dueOn), asc(dpDestructionBatchItems.subjectRef))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const facts = new Map((await retentionFacts(ctx.db, organisationId)).map((f) => [f.personId, f.office]));
  const [total] = await ctx.db.select({ n: count() }).from(dpDestructionBatchItems).where(where);
  const names = await userNames(ctx.db, organisationId, [b.proposedBy, b.decidedBy, b.runBy]);
  return {
    ...summaryOf(b, names),
    rules: rulesOfBatch(b),
    committeeMembers: b.committeeMembers ?? [],
    decisionRef: b.decisionRef,
    decisionNote: b.decisionNote,
    decidedBy: b.decidedBy ? (names.get(b.decidedBy) ?? null) : null,
    decidedAt: b.decidedAt?.toISOString() ?? null,
    runBy: b.runBy ? (names.get(b.runBy) ?? null) : null,
    runStartedAt: b.runStartedAt?.toISOString() ?? null,
    items: items.map((i) => ({
      id: i.id,
      subjectRef: i.subjectRef,
      office: facts.get(i.subjectRef) ?? null,
      basis: i.basis,
      basisDate: i.basisDate,
      dueOn: i.dueOn,
      heldReason: (i.heldReason as HoldReason | null) ?? null,
      outcome: i.outcome,
      outcomeReason: (i.outcomeReason as HoldReason | null) ?? null,
    })),
    itemsTotal: total?.n ?? 0,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export interface Decision {
  decision: 'approve' | 'reject';
  decidedOn: string;
  decisionRef: string;
  members: string[];
  note?: string | null | undefined;
}

/** Records the committee's decision on a dry run. Approval names at least three members. */
export async function decideBatch(ctx: Ctx, id: string, input: Decision): Promise<void> {
  const actor = actorOf(ctx);
  const members = [...new Set(input.members.map((m) => m.trim()).filter(Boolean))];
  const note = input.note?.trim() || null;
  await inTransaction(ctx, async (c) => {
    const b = await loadBatch(c.db, actor.organisationId, id);
    if (b.status !== 'proposed') throw conflict('batchNotProposed');
    const today = turkishDate(ctx.clock.now());
    const errors = [];
    if (input.decidedOn > today) errors.push({ pointer: '/decidedOn', code: 'errors.dataProtection.decidedInFuture' });
    else if (input.decidedOn < turkishDate(b.proposedAt))
      errors.push({ pointer: '/decidedOn', code: 'errors.dataProtection.decidedBeforeDryRun' });
    if (input.decision === 'approve' && members.length < DP_COMMITTEE_MIN)
      errors.push({ pointer: '/members', code: 'errors.dataProtection.committeeTooSmall' });
    if (input.decision === 'reject' && !note)
      errors.push({ pointer: '/note', code: 'errors.dataProtection.rejectionReasonRequired' });
    if (errors.length) throw problems.invalidMany(errors);
    await c.db
      .update(dpDestructionBatches)
      .set({
        status: input.decision === 'approve' ? 'approved' : 'rejected',
        committeeMembers: members,
        decisionRef: input.decisionRef.trim(),
        decisionNote: note,
        decidedOn: input.decidedOn,
        decidedBy: actor.userId,
        decidedAt: ctx.clock.now(),
      })
      .where(and(eq(dpDestructionBatches.id, b.id), eq(dpDestructionBatches.organisationId, actor.organisationId)));
    await audit(c.db, c, {
      action: input.decision === 'approve' ? 'dp-destruction.approved' : 'dp-destruction.rejected',
      subjectType: 'dp-destruction-batch',
      subjectId: b.id,
      fields: ['committeeMembers', 'decisionRef', 'decidedOn', ...(note ? ['decisionNote'] : [])],
    });
  });
}

/** Starts the run of an approved batch: the job does the work; this marks it running. */
export async function startRun(ctx: Ctx, id: string): Promise<void> {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (c) => {
    const b = await loadBatch(c.db, actor.organisationId, id);
    if (b.status !== 'approved') throw conflict('batchNotApproved');
    await c.db
      .update(dpDestructionBatches)
      .set({ status: 'running', runBy: actor.userId, runStartedAt: ctx.clock.now() })
      .where(and(eq(dpDestructionBatches.id, b.id), eq(dpDestructionBatches.organisationId, actor.organisationId)));
    await audit(c.db, c, {
      action: 'dp-destruction.run-started',
      subjectType: 'dp-destruction-batch',
      subjectId: b.id,
      purpose: `items:${b.itemCount - b.heldCount}`,
    });
    await c.jobs.send(c, 'dp-destruction-run', { batchId: b.id, organisationId: actor.organisationId });
  });
}

/**
 * The `dp-destruction-run` job: each pending item in its own transaction, as the DPO who started the run.
 * An item held back at the dry run, or that is no longer due (a new case opened, a request arrived, the
 * rules changed…), is skipped with its reason; every other is anonymised and gets a destruction record.
 * Done items are never touched again, so a job that stopped half-way resumes where it was.
 */
export async function runBatch(
  systemCtx: Ctx,
  batchId: string,
  organisationId: string,
): Promise<{ destroyed: number; skipped: number }> {
  const [b] = await systemCtx.db
    .select()
    .from(dpDestructionBatches)
    .where(and(eq(dpDestructionBatches.id, batchId), eq(dpDestructionBatches.organisationId, organisationId)));
  if (!b || b.status !== 'running' || !b.runBy) return { destroyed: 0, skipped: 0 };
  const [runner] = await systemCtx.db
    .select()
    .from(users)
    .where(and(eq(users.id, b.runBy), eq(users.organisationId, organisationId)));
  if (!runner) return { destroyed: 0, skipped: 0 };
  const ctx: Ctx = {
    ...systemCtx,
    actor: {
      userId: runner.id,
      sessionId: `job:${batchId}`,
      organisationId: b.organisationId,
      officeId: runner.officeId ?? null,
      kind: 'staff',
      fullName: runner.fullName,
      locale: 'tr',
      stage: 'active',
      permissions: new Set(['dpo:desk'] as const),
    },
  };
  const rules = rulesOfBatch(b);
  const facts = new Map((await retentionFacts(ctx.db, b.organisationId)).map((f) => [f.personId, f]));
  const openRequests = await personsWithOpenRequests(ctx.db, b.organisationId);
  const items = await ctx.db
    .select()
    .from(dpDestructionBatchItems)
    .where(
      and(
        eq(dpDestructionBatchItems.batchId, b.id),
        eq(dpDestructionBatchItems.organisationId, b.organisationId),
        eq(dpDestructionBatchItems.outcome, 'pending'),
      ),
    )
    .orderBy(asc(dpDestructionBatchItems.dueOn));
  let destroyed = 0;
  let skipped = 0;
  for (const item of items) {
    const fact = facts.get(item.subjectRef);
    const due = fact ? dueOf(rules, fact) : null;
    const reason: HoldReason | null = item.held
      ? ((item.heldReason as HoldReason | null) ?? 'open-request')
      : !fact
        ? 'already-anonymised'
        : fact.openCase
          ? 'open-case'
          : openRequests.has(item.subjectRef)
            ? 'open-request'
            : !due || due.dueOn > b.asOf
              ? 'no-longer-due'
              : null;
    await inTransaction(ctx, async (c) => {
      if (reason) {
        await c.db
          .update(dpDestructionBatchItems)
          .set({ outcome: 'skipped', outcomeReason: reason })
          .where(
            and(eq(dpDestructionBatchItems.id, item.id), eq(dpDestructionBatchItems.organisationId, b.organisationId)),
          );
        return;
      }
      const summary = await anonymiseEverywhere(c, item.subjectRef);
      const [record] = await c.db
        .insert(dpDestructionRecords)
        .values({
          organisationId: b.organisationId,
          batchId: b.id,
          subjectRef: item.subjectRef,
          method: 'anonymisation',
          summary,
          performedBy: runner.id,
          performedAt: ctx.clock.now(),
          keepUntil: addDays(turkishDate(ctx.clock.now()), DESTRUCTION_RECORD_YEARS * 365),
        })
        .returning({ id: dpDestructionRecords.id });
      await c.db
        .update(dpDestructionBatchItems)
        .set({ outcome: 'destroyed', destructionRecordId: record!.id })
        .where(
          and(eq(dpDestructionBatchItems.id, item.id), eq(dpDestructionBatchItems.organisationId, b.organisationId)),
        );
    });
    if (reason) skipped++;
    else destroyed++;
  }
  // Fair walk-ins past the rule on the batch's day (the dry run counted them): name and phone go, the visit stays.
  const walkInsCleared = await inTransaction(ctx, (c) =>
    anonymiseWalkInsDue(c, b.organisationId, walkInCutoff(rules, b.asOf)),
  );
  await inTransaction(ctx, async (c) => {
    const counts = await c.db
      .select({ outcome: dpDestructionBatchItems.outcome, n: count() })
      .from(dpDestructionBatchItems)
      .where(
        and(eq(dpDestructionBatchItems.batchId, b.id), eq(dpDestructionBatchItems.organisationId, b.organisationId)),
      )
      .groupBy(dpDestructionBatchItems.outcome);
    const n = (o: string) => counts.find((x) => x.outcome === o)?.n ?? 0;
    await c.db
      .update(dpDestructionBatches)
      .set({
        status: 'carried-out',
        destroyedCount: n('destroyed'),
        skippedCount: n('skipped'),
        walkInsCleared: b.walkInsCleared + walkInsCleared,
        runCompletedAt: ctx.clock.now(),
      })
      .where(and(eq(dpDestructionBatches.id, b.id), eq(dpDestructionBatches.organisationId, b.organisationId)));
    await audit(c.db, c, {
      action: 'dp-destruction.carried-out',
      subjectType: 'dp-destruction-batch',
      subjectId: b.id,
      purpose: `destroyed:${n('destroyed')}:skipped:${n('skipped')}:walk-ins:${b.walkInsCleared + walkInsCleared}`,
    });
  });
  return { destroyed, skipped };
}

// ---- destruction records ---------------------------------------------------------------------------------

export async function listRecords(ctx: Ctx, q: { page: number; pageSize: number }) {
  const organisationId = actorOf(ctx).organisationId;
  const where = eq(dpDestructionRecords.organisationId, organisationId);
  const rows = await ctx.db
    .select()
    .from(dpDestructionRecords)
    .where(where)
    .orderBy(desc(dpDestructionRecords.performedAt), desc(dpDestructionRecords.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const [total] = await ctx.db.select({ n: count() }).from(dpDestructionRecords).where(where);
  const names = await userNames(
    ctx.db,
    organisationId,
    rows.map((r) => r.performedBy),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      subjectRef: r.subjectRef,
      requestId: r.requestId,
      batchId: r.batchId,
      method: r.method,
      summary: r.summary,
      performedBy: r.performedBy ? (names.get(r.performedBy) ?? null) : null,
      performedAt: r.performedAt.toISOString(),
      keepUntil: r.keepUntil,
    })),
    total: total?.n ?? 0,
  };
}
