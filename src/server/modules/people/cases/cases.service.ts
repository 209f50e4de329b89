import { aliasedTable, and, asc, count, desc, eq, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  caseNotes,
  cases,
  caseSteps,
  caseTransfers,
  offices,
  persons,
  roles,
  userRoles,
  users,
  type CaseStatus,
} from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { audit } from '../../../lib/audit.ts';
import { problems } from '../../../lib/errors.ts';
import { scopeOf } from '../../../lib/access.ts';
import { turkishDate } from '../../../../common/working-days.ts';
import { loadPerson } from '../persons/persons.queries.ts';
import { moveHouseholdOfPerson } from '../households/households.service.ts';

type CaseRow = typeof cases.$inferSelect;

/** The case workflow, declared in one place. A closed case stays closed: a new episode opens a new case. */
export const CASE_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['active', 'on-hold', 'closed'],
  active: ['on-hold', 'placed', 'closed'],
  'on-hold': ['active', 'closed'],
  placed: ['active', 'closed'],
  closed: [],
};

export async function loadCase(db: Db, ctx: Ctx, id: string): Promise<CaseRow> {
  const scope = scopeOf(actorOf(ctx));
  const [row] = await db
    .select()
    .from(cases)
    .where(
      and(
        eq(cases.id, id),
        eq(cases.organisationId, scope.organisationId),
        scope.officeId ? eq(cases.officeId, scope.officeId) : undefined,
      ),
    );
  if (!row) throw problems.notFound();
  return row;
}

const fromUser = aliasedTable(users, 'from_user');
const toUser = aliasedTable(users, 'to_user');
const fromOffice = aliasedTable(offices, 'from_office');
const toOffice = aliasedTable(offices, 'to_office');

export async function getCase(ctx: Ctx, id: string) {
  const row = await loadCase(ctx.db, ctx, id);
  const [[person], [office], [counsellor], notes, steps, transfers] = await Promise.all([
    ctx.db
      .select({ id: persons.id, givenName: persons.givenName, familyName: persons.familyName })
      .from(persons)
      .where(eq(persons.id, row.personId)),
    ctx.db.select({ id: offices.id, name: offices.name }).from(offices).where(eq(offices.id, row.officeId)),
    row.counsellorId
      ? ctx.db.select({ id: users.id, name: users.fullName }).from(users).where(eq(users.id, row.counsellorId))
      : Promise.resolve([]),
    ctx.db
      .select({ note: caseNotes, author: users.fullName })
      .from(caseNotes)
      .leftJoin(users, eq(users.id, caseNotes.authorId))
      .where(eq(caseNotes.caseId, id))
      .orderBy(desc(caseNotes.occurredAt)),
    ctx.db
      .select({ step: caseSteps, owner: users.fullName })
      .from(caseSteps)
      .leftJoin(users, eq(users.id, caseSteps.ownerUserId))
      .where(eq(caseSteps.caseId, id))
      .orderBy(
        sql`${caseSteps.doneAt} IS NOT NULL`,
        sql`${caseSteps.dueDate} ASC NULLS LAST`,
        asc(caseSteps.createdAt),
      ),
    ctx.db
      .select({
        t: caseTransfers,
        fromOffice: fromOffice.name,
        toOffice: toOffice.name,
        fromCounsellor: fromUser.fullName,
        toCounsellor: toUser.fullName,
      })
      .from(caseTransfers)
      .leftJoin(fromOffice, eq(fromOffice.id, caseTransfers.fromOfficeId))
      .leftJoin(toOffice, eq(toOffice.id, caseTransfers.toOfficeId))
      .leftJoin(fromUser, eq(fromUser.id, caseTransfers.fromCounsellorId))
      .leftJoin(toUser, eq(toUser.id, caseTransfers.toCounsellorId))
      .where(eq(caseTransfers.caseId, id))
      .orderBy(desc(caseTransfers.transferredAt)),
  ]);
  const today = turkishDate(ctx.clock.now());
  return {
    id: row.id,
    person: person!,
    office: office!,
    counsellor: counsellor ?? null,
    status: row.status,
    allowedStatuses: [...CASE_TRANSITIONS[row.status]],
    closeReason: row.closeReason,
    closeNote: row.closeNote,
    openedAt: row.openedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    notes: notes.map(({ note, author }) => ({
      id: note.id,
      kind: note.kind,
      body: note.body,
      occurredAt: note.occurredAt.toISOString(),
      author: author ?? null,
    })),
    steps: steps.map(({ step, owner }) => ({
      id: step.id,
      title: step.title,
      ownerKind: step.ownerKind,
      owner: step.ownerUserId ? { id: step.ownerUserId, name: owner ?? '' } : null,
      dueDate: step.dueDate,
      doneAt: step.doneAt?.toISOString() ?? null,
      overdue: !step.doneAt && !!step.dueDate && step.dueDate < today,
    })),
    transfers: transfers.map(({ t, ...names }) => ({
      id: t.id,
      fromOffice: names.fromOffice,
      toOffice: names.toOffice ?? '',
      fromCounsellor: names.fromCounsellor,
      toCounsellor: names.toCounsellor,
      reason: t.reason,
      transferredAt: t.transferredAt.toISOString(),
    })),
  };
}
export type CaseView = Awaited<ReturnType<typeof getCase>>;

export async function listCasesOfPerson(ctx: Ctx, personId: string) {
  await loadPerson(ctx.db, ctx, personId);
  const rows = await ctx.db
    .select({ c: cases, counsellor: users.fullName, office: offices.name })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.counsellorId))
    .innerJoin(offices, eq(offices.id, cases.officeId))
    .where(eq(cases.personId, personId))
    .orderBy(desc(cases.openedAt));
  return rows.map(({ c, counsellor, office }) => ({
    id: c.id,
    status: c.status,
    office,
    counsellor,
    openedAt: c.openedAt.toISOString(),
    closedAt: c.closedAt?.toISOString() ?? null,
    closeReason: c.closeReason,
  }));
}

/** Opens a new service episode for a person whose earlier case is closed. */
export async function openCase(ctx: Ctx, personId: string): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const person = await loadPerson(tx, ctx, personId);
    const [open] = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.personId, personId), ne(cases.status, 'closed')));
    if (open) throw problems.conflict('errors.cases.alreadyOpen');
    const [row] = await tx
      .insert(cases)
      .values({
        organisationId: person.organisationId,
        personId,
        officeId: person.officeId,
        counsellorId: actorOf(ctx).permissions.has('cases:write') ? actorOf(ctx).userId : null,
        status: 'new',
        openedAt: ctx.clock.now(),
      })
      .returning({ id: cases.id });
    await audit(tx, ctx, { action: 'case.opened', subjectType: 'case', subjectId: row!.id });
    return row!.id;
  });
}

export async function changeStatus(
  ctx: Ctx,
  id: string,
  input: {
    status: CaseStatus;
    closeReason?: CaseRow['closeReason'] | undefined;
    closeNote?: string | null | undefined;
  },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadCase(tx, ctx, id);
    if (!CASE_TRANSITIONS[row.status].includes(input.status)) {
      throw problems.conflict('errors.cases.transitionNotAllowed', {
        pointer: '/status',
        params: { from: row.status, to: input.status },
      });
    }
    if (input.status === 'closed' && !input.closeReason)
      throw problems.invalid('/closeReason', 'errors.validation.required');
    if (input.closeReason === 'other' && !input.closeNote?.trim())
      throw problems.invalid('/closeNote', 'errors.validation.required');
    const now = ctx.clock.now();
    await tx
      .update(cases)
      .set({
        status: input.status,
        closeReason: input.status === 'closed' ? input.closeReason : null,
        closeNote: input.status === 'closed' ? (input.closeNote?.trim() ?? null) : null,
        closedAt: input.status === 'closed' ? now : null,
        updatedAt: now,
      })
      .where(eq(cases.id, id));
    await audit(tx, ctx, {
      action: 'case.status-changed',
      subjectType: 'case',
      subjectId: id,
      fields: input.status === 'closed' ? ['status', 'closeReason'] : ['status'],
      purpose: `${row.status}→${input.status}`,
    });
  });
}

export async function addNote(
  ctx: Ctx,
  caseId: string,
  input: { kind: (typeof caseNotes.$inferInsert)['kind']; body: string; occurredAt?: string | undefined },
): Promise<string> {
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : ctx.clock.now();
  if (occurredAt.getTime() > ctx.clock.now().getTime() + 5 * 60_000)
    throw problems.invalid('/occurredAt', 'errors.persons.dateFuture');
  return ctx.db.transaction(async (tx) => {
    const row = await loadCase(tx, ctx, caseId);
    if (row.status === 'closed') throw problems.conflict('errors.cases.closed');
    const [note] = await tx
      .insert(caseNotes)
      .values({
        caseId,
        organisationId: row.organisationId,
        kind: input.kind,
        body: input.body.trim(),
        occurredAt,
        authorId: actorOf(ctx).userId,
        createdAt: ctx.clock.now(),
      })
      .returning({ id: caseNotes.id });
    if (row.status === 'new') {
      // The first contact makes a new case active.
      await tx.update(cases).set({ status: 'active', updatedAt: ctx.clock.now() }).where(eq(cases.id, caseId));
      await audit(tx, ctx, {
        action: 'case.status-changed',
        subjectType: 'case',
        subjectId: caseId,
        fields: ['status'],
        purpose: 'new→active',
      });
    }
    await audit(tx, ctx, {
      action: 'case.note-added',
      subjectType: 'case',
      subjectId: caseId,
      fields: ['notes'],
      purpose: input.kind,
    });
    return note!.id;
  });
}

async function assertStaffOfOrganisation(
  db: Db,
  ctx: Ctx,
  userId: string,
  pointer: string,
  officeId?: string,
): Promise<void> {
  const [u] = await db
    .select({ id: users.id, officeId: users.officeId })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(
      and(
        eq(users.id, userId),
        eq(users.organisationId, actorOf(ctx).organisationId),
        eq(users.kind, 'staff'),
        eq(users.status, 'active'),
        sql`'cases:write' = ANY(${roles.permissions})`,
      ),
    )
    .limit(1);
  if (!u) throw problems.invalid(pointer, 'errors.cases.counsellorUnknown');
  if (officeId && u.officeId && u.officeId !== officeId)
    throw problems.invalid(pointer, 'errors.cases.counsellorOtherOffice');
}

export async function addStep(
  ctx: Ctx,
  caseId: string,
  input: {
    title: string;
    ownerKind: 'counsellor' | 'person';
    ownerUserId?: string | null | undefined;
    dueDate?: string | null | undefined;
  },
): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const row = await loadCase(tx, ctx, caseId);
    if (row.status === 'closed') throw problems.conflict('errors.cases.closed');
    const ownerUserId =
      input.ownerKind === 'counsellor' ? (input.ownerUserId ?? row.counsellorId ?? actorOf(ctx).userId) : null;
    if (ownerUserId && ownerUserId !== actorOf(ctx).userId)
      await assertStaffOfOrganisation(tx, ctx, ownerUserId, '/ownerUserId');
    const [step] = await tx
      .insert(caseSteps)
      .values({
        caseId,
        organisationId: row.organisationId,
        title: input.title.trim(),
        ownerKind: input.ownerKind,
        ownerUserId,
        dueDate: input.dueDate ?? null,
        createdBy: actorOf(ctx).userId,
        createdAt: ctx.clock.now(),
      })
      .returning({ id: caseSteps.id });
    await audit(tx, ctx, { action: 'case.step-added', subjectType: 'case', subjectId: caseId, fields: ['steps'] });
    return step!.id;
  });
}

export async function setStepDone(ctx: Ctx, caseId: string, stepId: string, done: boolean): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await loadCase(tx, ctx, caseId);
    const updated = await tx
      .update(caseSteps)
      .set({ doneAt: done ? ctx.clock.now() : null })
      .where(and(eq(caseSteps.id, stepId), eq(caseSteps.caseId, caseId)))
      .returning({ id: caseSteps.id });
    if (updated.length === 0) throw problems.notFound();
    await audit(tx, ctx, {
      action: 'case.step-completed',
      subjectType: 'case',
      subjectId: caseId,
      fields: ['steps'],
      purpose: done ? 'done' : 'reopened',
    });
  });
}

/** Moves a case (and the person's file) to another counsellor or office, keeping the history. */
export async function transferCase(
  ctx: Ctx,
  caseId: string,
  input: { toOfficeId: string; toCounsellorId?: string | null | undefined; reason?: string | null | undefined },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadCase(tx, ctx, caseId);
    if (row.status === 'closed') throw problems.conflict('errors.cases.closed');
    const [office] = await tx
      .select({ id: offices.id, active: offices.active })
      .from(offices)
      .where(and(eq(offices.id, input.toOfficeId), eq(offices.organisationId, row.organisationId)));
    if (!office || !office.active) throw problems.invalid('/toOfficeId', 'errors.users.officeUnknown');
    const toCounsellorId = input.toCounsellorId ?? null;
    if (toCounsellorId) await assertStaffOfOrganisation(tx, ctx, toCounsellorId, '/toCounsellorId', input.toOfficeId);
    if (office.id === row.officeId && toCounsellorId === row.counsellorId)
      throw problems.invalid('/toCounsellorId', 'errors.cases.sameAssignment');
    const now = ctx.clock.now();
    await tx.insert(caseTransfers).values({
      caseId,
      organisationId: row.organisationId,
      fromOfficeId: row.officeId,
      toOfficeId: office.id,
      fromCounsellorId: row.counsellorId,
      toCounsellorId,
      reason: input.reason?.trim() || null,
      transferredBy: actorOf(ctx).userId,
      transferredAt: now,
    });
    await tx
      .update(cases)
      .set({ officeId: office.id, counsellorId: toCounsellorId, updatedAt: now })
      .where(eq(cases.id, caseId));
    if (office.id !== row.officeId) {
      await tx.update(persons).set({ officeId: office.id, updatedAt: now }).where(eq(persons.id, row.personId));
      await moveHouseholdOfPerson(tx, row.personId, office.id, now);
    }
    await audit(tx, ctx, {
      action: 'case.transferred',
      subjectType: 'case',
      subjectId: caseId,
      fields: office.id !== row.officeId ? ['officeId', 'counsellorId'] : ['counsellorId'],
    });
  });
}

/** Open cases per counsellor and status, for the caseload view of an office or the organisation. */
export async function caseload(ctx: Ctx, officeId?: string) {
  const scope = scopeOf(actorOf(ctx));
  const office = scope.officeId ?? officeId ?? null;
  // Counted first, named after: grouping by the counsellor's name too joined every open case to users
  // (hundreds of thousands at İstanbul scale) before counting; the counts are an index-only scan
  // (cases_open_caseload_idx). Measured in bench/README.md.
  const counts = ctx.db
    .select({ counsellorId: cases.counsellorId, status: cases.status, n: count().as('n') })
    .from(cases)
    .where(
      and(
        eq(cases.organisationId, scope.organisationId),
        ne(cases.status, 'closed'),
        office ? eq(cases.officeId, office) : undefined,
      ),
    )
    .groupBy(cases.counsellorId, cases.status)
    .as('counts');
  const rows = await ctx.db
    .select({ counsellorId: counts.counsellorId, name: users.fullName, status: counts.status, n: counts.n })
    .from(counts)
    .leftJoin(users, eq(users.id, counts.counsellorId));
  const byCounsellor = new Map<
    string,
    { counsellor: { id: string; name: string } | null; total: number; byStatus: Record<string, number> }
  >();
  for (const r of rows) {
    const key = r.counsellorId ?? 'unassigned';
    const entry = byCounsellor.get(key) ?? {
      counsellor: r.counsellorId ? { id: r.counsellorId, name: r.name ?? '' } : null,
      total: 0,
      byStatus: {},
    };
    entry.total += Number(r.n);
    entry.byStatus[r.status] = (entry.byStatus[r.status] ?? 0) + Number(r.n);
    byCounsellor.set(key, entry);
  }
  return [...byCounsellor.values()].sort((a, b) => b.total - a.total);
}

/**
 * The counsellor's desk. Its counts are those of the screens it links to: the open steps of the action plans
 * of the counsellor's open cases (whoever owns the step) and of the steps they own in colleagues' cases, due
 * within a week or overdue — counted in full, the list shows the first 50; the counsellor's own open cases and
 * those of their office (the caseload screen's total); self-registrations waiting in their office.
 */
export async function counsellorHome(ctx: Ctx) {
  const actor = actorOf(ctx);
  const today = turkishDate(ctx.clock.now());
  const scope = scopeOf(actor);
  const mineOrOwned = and(
    eq(cases.organisationId, scope.organisationId),
    isNull(caseSteps.doneAt),
    lt(caseSteps.dueDate, addDays(today, 8)),
    or(eq(caseSteps.ownerUserId, actor.userId), and(eq(cases.counsellorId, actor.userId), ne(cases.status, 'closed'))),
  );
  const overdue = lt(caseSteps.dueDate, today);
  const openCasesOf = (officeId: string | null) =>
    ctx.db
      .select({ mine: count(sql`case when ${cases.counsellorId} = ${actor.userId} then 1 end`), all: count() })
      .from(cases)
      .where(
        and(
          eq(cases.organisationId, scope.organisationId),
          ne(cases.status, 'closed'),
          officeId ? eq(cases.officeId, officeId) : undefined,
        ),
      );
  const [steps, [stepCounts], [pending], [open]] = await Promise.all([
    ctx.db
      .select({
        step: caseSteps,
        personId: cases.personId,
        givenName: persons.givenName,
        familyName: persons.familyName,
      })
      .from(caseSteps)
      .innerJoin(cases, eq(cases.id, caseSteps.caseId))
      .innerJoin(persons, eq(persons.id, cases.personId))
      .where(mineOrOwned)
      .orderBy(asc(caseSteps.dueDate), asc(caseSteps.id))
      .limit(50),
    ctx.db
      .select({ overdue: count(sql`case when ${overdue} then 1 end`), all: count() })
      .from(caseSteps)
      .innerJoin(cases, eq(cases.id, caseSteps.caseId))
      .where(mineOrOwned),
    ctx.db
      .select({ n: count() })
      .from(persons)
      .where(
        and(
          eq(persons.organisationId, scope.organisationId),
          eq(persons.registration, 'pending'),
          isNull(persons.mergedIntoId),
          scope.officeId ? eq(persons.officeId, scope.officeId) : undefined,
        ),
      ),
    openCasesOf(scope.officeId),
  ]);
  return {
    today,
    openCases: open?.mine ?? 0,
    officeOpenCases: open?.all ?? 0,
    pendingSelfRegistrations: pending?.n ?? 0,
    overdueSteps: stepCounts?.overdue ?? 0,
    dueSoonSteps: (stepCounts?.all ?? 0) - (stepCounts?.overdue ?? 0),
    steps: steps.map(({ step, personId, givenName, familyName }) => ({
      id: step.id,
      caseId: step.caseId,
      person: { id: personId, name: `${givenName} ${familyName}` },
      title: step.title,
      dueDate: step.dueDate,
      overdue: !!step.dueDate && step.dueDate < today,
    })),
  };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
