/**
 * Job fairs (issue 13, docs/FAIRS.md): the fair, its employers and positions, visitors and on-site
 * applications. Applications to a published vacancy become referrals through the referrals module
 * (source 'fair'); applications to a fair-only position are followed here, and their hire is a
 * `job-fair` placement made by the placements module.
 */
import QRCode from 'qrcode';
import { and, asc, count, desc, eq, ilike, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  fairApplications,
  fairEmployers,
  fairPositions,
  fairs,
  fairVisitors,
  offices,
  organisations,
  persons,
  projects,
  referrals,
} from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { scopeOf } from '../../lib/access.ts';
import { audit } from '../../lib/audit.ts';
import { ProblemError, problems, type FieldError } from '../../lib/errors.ts';
import { randomToken } from '../../lib/crypto.ts';
import { containsPattern } from '../../lib/search.ts';
import { searchKey } from '../../../common/text.ts';
import { checkVacancy, type Violation } from '../../../common/decent-work.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { FAIR_APPLICATION_TRANSITIONS, walkInUrl, type FairApplicationStatus } from '../../../common/fairs.ts';
import type {
  Fair,
  FairApplication,
  FairCreate,
  FairListItem,
  FairPatch,
  PositionAdd,
  PublicFair,
  Visitor,
  WalkInBody,
} from '../../../common/contracts/fairs.ts';
import { loadEmployer } from '../employers/index.ts';
import { loadVacancy, refusal, ruleContext } from '../vacancies/index.ts';
import { proposeReferral } from '../referrals/index.ts';
import { createPlacement } from '../placements/index.ts';
import { loadPerson } from '../people/index.ts';
import { projectExists } from '../programmes/index.ts';

type FairRow = typeof fairs.$inferSelect;

// ---- fairs -----------------------------------------------------------------------------------------------

async function loadFair(db: Db, ctx: Ctx, id: string): Promise<FairRow> {
  const [row] = await db
    .select()
    .from(fairs)
    .where(and(eq(fairs.id, id), eq(fairs.organisationId, actorOf(ctx).organisationId)));
  if (!row) throw problems.notFound();
  return row;
}

interface FairFields {
  name: string;
  startDate: string;
  endDate: string;
  place: string;
  province: string;
  district: string;
  officeId: string;
  projectId?: string | null | undefined;
}

async function validateFair(ctx: Ctx, merged: FairFields, given: Partial<FairFields>): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  const errors: FieldError[] = [];
  if (merged.endDate < merged.startDate)
    errors.push({
      pointer: given.endDate !== undefined ? '/endDate' : '/startDate',
      code: 'errors.fairs.endBeforeStart',
    });
  if (given.officeId !== undefined) {
    const [office] = await ctx.db
      .select({ id: offices.id })
      .from(offices)
      .where(and(eq(offices.id, merged.officeId), eq(offices.organisationId, organisationId)));
    if (!office) errors.push({ pointer: '/officeId', code: 'errors.fairs.officeUnknown' });
  }
  if (given.projectId && !(await projectExists(ctx, given.projectId)))
    errors.push({ pointer: '/projectId', code: 'errors.fairs.projectUnknown' });
  if (errors.length) throw problems.invalidMany(errors);
}

export async function createFair(ctx: Ctx, input: FairCreate): Promise<string> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (c) => {
    await validateFair(c, input, input);
    const now = ctx.clock.now();
    const [row] = await c.db
      .insert(fairs)
      .values({
        organisationId: actor.organisationId,
        officeId: input.officeId,
        name: input.name.trim(),
        nameKey: searchKey(input.name),
        startDate: input.startDate,
        endDate: input.endDate,
        place: input.place.trim(),
        province: input.province.trim(),
        district: input.district.trim(),
        projectId: input.projectId ?? null,
        walkInToken: randomToken(24),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: fairs.id });
    await audit(c.db, c, {
      action: 'fair.created',
      subjectType: 'fair',
      subjectId: row!.id,
      fields: Object.keys(input),
    });
    return row!.id;
  });
}

export async function updateFair(ctx: Ctx, id: string, patch: FairPatch): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const row = await loadFair(c.db, c, id);
    const merged: FairFields = { ...row, ...patch };
    await validateFair(c, merged, patch);
    await c.db
      .update(fairs)
      .set({
        ...patch,
        ...(patch.name !== undefined ? { name: patch.name.trim(), nameKey: searchKey(patch.name) } : {}),
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(fairs.id, id), eq(fairs.organisationId, row.organisationId)));
    await audit(c.db, c, { action: 'fair.updated', subjectType: 'fair', subjectId: id, fields: Object.keys(patch) });
  });
}

export interface FairFilter {
  q?: string | undefined;
  status?: FairRow['status'] | undefined;
  district?: string | undefined;
  sort?: 'date' | 'name' | 'visitors' | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

export async function listFairs(ctx: Ctx, filter: FairFilter): Promise<{ items: FairListItem[]; total: number }> {
  const organisationId = actorOf(ctx).organisationId;
  const conditions: SQL[] = [eq(fairs.organisationId, organisationId)];
  if (filter.status) conditions.push(eq(fairs.status, filter.status));
  if (filter.district) conditions.push(eq(fairs.district, filter.district));
  if (filter.q) conditions.push(ilike(fairs.nameKey, containsPattern(searchKey(filter.q))));
  const where = and(...conditions);
  const visitorsExpr = sql<number>`(SELECT count(*)::int FROM fair_visitors fv WHERE fv.fair_id = ${fairs.id})`;
  const employersExpr = sql<number>`(SELECT count(*)::int FROM fair_employers fe WHERE fe.fair_id = ${fairs.id})`;
  const positionsExpr = sql<number>`(SELECT count(*)::int FROM fair_positions fp WHERE fp.fair_id = ${fairs.id})`;
  const direction = filter.order === 'asc' ? asc : desc;
  const sortColumn =
    filter.sort === 'name'
      ? sql`${fairs.name} COLLATE "turkish"`
      : filter.sort === 'visitors'
        ? visitorsExpr
        : fairs.startDate;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        f: fairs,
        office: offices.name,
        visitors: visitorsExpr,
        employers: employersExpr,
        positions: positionsExpr,
      })
      .from(fairs)
      .innerJoin(offices, eq(offices.id, fairs.officeId))
      .where(where)
      .orderBy(direction(sortColumn), asc(fairs.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(fairs).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.f.id,
      name: r.f.name,
      startDate: r.f.startDate,
      endDate: r.f.endDate,
      place: r.f.place,
      district: r.f.district,
      office: r.office,
      status: r.f.status,
      employers: Number(r.employers),
      positions: Number(r.positions),
      visitors: Number(r.visitors),
    })),
    total: total?.n ?? 0,
  };
}

export async function getFair(ctx: Ctx, id: string): Promise<Fair> {
  const f = await loadFair(ctx.db, ctx, id);
  const organisationId = f.organisationId;
  const [[office], project, stands, positions, appCounts, [visitors], [applications]] = await Promise.all([
    ctx.db.select({ name: offices.name }).from(offices).where(eq(offices.id, f.officeId)),
    f.projectId
      ? ctx.db
          .select({ name: projects.nameTr })
          .from(projects)
          .where(and(eq(projects.id, f.projectId), eq(projects.organisationId, organisationId)))
      : Promise.resolve([]),
    ctx.db
      .select()
      .from(fairEmployers)
      .where(and(eq(fairEmployers.fairId, id), eq(fairEmployers.organisationId, organisationId)))
      .orderBy(asc(fairEmployers.createdAt)),
    ctx.db
      .select()
      .from(fairPositions)
      .where(and(eq(fairPositions.fairId, id), eq(fairPositions.organisationId, organisationId)))
      .orderBy(asc(fairPositions.createdAt)),
    ctx.db
      .select({ positionId: fairApplications.positionId, n: count() })
      .from(fairApplications)
      .where(and(eq(fairApplications.fairId, id), eq(fairApplications.organisationId, organisationId)))
      .groupBy(fairApplications.positionId),
    ctx.db
      .select({ n: count() })
      .from(fairVisitors)
      .where(and(eq(fairVisitors.fairId, id), eq(fairVisitors.organisationId, organisationId))),
    ctx.db
      .select({ n: count() })
      .from(fairApplications)
      .where(and(eq(fairApplications.fairId, id), eq(fairApplications.organisationId, organisationId))),
  ]);
  const applied = new Map(appCounts.map((a) => [a.positionId, a.n]));
  const employers = [];
  for (const s of stands) {
    const e = await loadEmployer(ctx.db, ctx, s.employerId);
    employers.push({
      id: s.id,
      employerId: s.employerId,
      name: e.tradeName ?? e.legalName,
      stand: s.stand,
      positions: positions
        .filter((p) => p.fairEmployerId === s.id)
        .map((p) => ({
          id: p.id,
          vacancyId: p.vacancyId,
          title: p.title,
          openings: p.openings,
          startDate: p.startDate,
          contractType: p.contractType,
          wageMin: p.wageMin === null ? null : Number(p.wageMin),
          wageBasis: p.wageBasis,
          hoursPerWeek: p.hoursPerWeek === null ? null : Number(p.hoursPerWeek),
          applications: applied.get(p.id) ?? 0,
        })),
    });
  }
  const url = walkInUrl(ctx.config.publicUrl, f.walkInToken);
  return {
    id: f.id,
    name: f.name,
    startDate: f.startDate,
    endDate: f.endDate,
    place: f.place,
    province: f.province,
    district: f.district,
    officeId: f.officeId,
    office: office?.name ?? '',
    projectId: f.projectId,
    project: project[0]?.name ?? null,
    status: f.status,
    walkInUrl: url,
    walkInQrSvg: await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
    employers,
    visitors: visitors?.n ?? 0,
    applications: applications?.n ?? 0,
  };
}

// ---- employers and positions ----------------------------------------------------------------------------

export async function addFairEmployer(
  ctx: Ctx,
  id: string,
  input: { employerId: string; stand?: string | null | undefined },
) {
  await inTransaction(ctx, async (c) => {
    const f = await loadFair(c.db, c, id);
    const employer = await loadEmployer(c.db, c, input.employerId).catch((e: unknown) => {
      if (e instanceof ProblemError && e.status === 404)
        throw problems.invalid('/employerId', 'errors.fairs.employerUnknown');
      throw e;
    });
    if (employer.status === 'suspended') throw problems.invalid('/employerId', 'errors.fairs.employerSuspended');
    const [existing] = await c.db
      .select({ id: fairEmployers.id })
      .from(fairEmployers)
      .where(and(eq(fairEmployers.fairId, f.id), eq(fairEmployers.employerId, employer.id)));
    if (existing) throw problems.conflict('errors.fairs.employerAlreadyTaking', '/employerId');
    const [row] = await c.db
      .insert(fairEmployers)
      .values({
        organisationId: f.organisationId,
        fairId: f.id,
        employerId: employer.id,
        stand: input.stand?.trim() || null,
        createdAt: c.clock.now(),
      })
      .returning({ id: fairEmployers.id });
    await audit(c.db, c, {
      action: 'fair.employer-added',
      subjectType: 'fair',
      subjectId: f.id,
      purpose: row!.id,
    });
  });
}

/**
 * A fair-only position against the same decent-work rules as a vacancy (docs/FAIRS.md): the minimum
 * wage in force on the later of its start and today, working time, minors and child labour, the
 * employer's status; and it must be registered employment (declared to SGK).
 */
function positionViolations(
  input: Exclude<PositionAdd, { vacancyId: string }>,
  employer: { status: 'pending' | 'verified' | 'suspended'; statusReason: string | null },
  province: string,
  rules: Awaited<ReturnType<typeof ruleContext>>,
): Violation[] {
  const out = checkVacancy(
    {
      startDate: input.startDate,
      hoursPerDay: input.hoursPerDay,
      hoursPerWeek: input.hoursPerWeek,
      shifts: input.shifts,
      hazardClass: input.hazardClass,
      wageMin: input.wageMin,
      wageBasis: input.wageBasis,
      province,
      minimumAge: input.minimumAge ?? null,
      employer,
    },
    rules,
    { startDateInFuture: true },
  );
  if (!input.registered)
    out.push({
      rule: 'registered-employment',
      code: 'decentWork.registered-employment',
      pointer: '/registered',
      params: {},
    });
  return out;
}

export async function addFairPosition(ctx: Ctx, id: string, fairEmployerId: string, input: PositionAdd) {
  await inTransaction(ctx, async (c) => {
    const f = await loadFair(c.db, c, id);
    const [stand] = await c.db
      .select()
      .from(fairEmployers)
      .where(
        and(
          eq(fairEmployers.id, fairEmployerId),
          eq(fairEmployers.fairId, f.id),
          eq(fairEmployers.organisationId, f.organisationId),
        ),
      );
    if (!stand) throw problems.notFound();
    const employer = await loadEmployer(c.db, c, stand.employerId);
    let values: typeof fairPositions.$inferInsert;
    if ('vacancyId' in input) {
      const { v } = await loadVacancy(c.db, c, input.vacancyId).catch((e: unknown) => {
        if (e instanceof ProblemError && e.status === 404)
          throw problems.invalid('/vacancyId', 'errors.fairs.vacancyUnknown');
        throw e;
      });
      if (v.employerId !== employer.id) throw problems.invalid('/vacancyId', 'errors.fairs.vacancyOfOtherEmployer');
      if (v.status !== 'published') throw problems.invalid('/vacancyId', 'errors.fairs.vacancyNotPublished');
      const [dup] = await c.db
        .select({ id: fairPositions.id })
        .from(fairPositions)
        .where(and(eq(fairPositions.fairId, f.id), eq(fairPositions.vacancyId, v.id)));
      if (dup) throw problems.conflict('errors.fairs.positionAlreadyListed', '/vacancyId');
      values = {
        organisationId: f.organisationId,
        fairId: f.id,
        fairEmployerId: stand.id,
        vacancyId: v.id,
        title: v.title,
        openings: v.positions,
        startDate: v.startDate,
        contractType: v.contractType,
        wageMin: v.wageMin,
        wageBasis: v.wageBasis,
        hoursPerWeek: String(v.hoursPerWeek),
        hoursPerDay: String(v.hoursPerDay),
        shifts: v.shifts,
        minimumAge: v.minimumAge,
      };
    } else {
      const rules = await ruleContext(c);
      const violations = positionViolations(input, employer, f.province, rules);
      if (violations.length) throw refusal(violations);
      values = {
        organisationId: f.organisationId,
        fairId: f.id,
        fairEmployerId: stand.id,
        vacancyId: null,
        title: input.title.trim(),
        openings: input.openings,
        startDate: input.startDate,
        contractType: input.contractType,
        wageMin: String(input.wageMin),
        wageBasis: input.wageBasis,
        hoursPerWeek: String(input.hoursPerWeek),
        hoursPerDay: String(input.hoursPerDay),
        shifts: input.shifts,
        hazardClass: input.hazardClass,
        minimumAge: input.minimumAge ?? null,
        registered: input.registered,
      };
    }
    const [row] = await c.db.insert(fairPositions).values(values).returning({ id: fairPositions.id });
    await audit(c.db, c, { action: 'fair.position-added', subjectType: 'fair', subjectId: f.id, purpose: row!.id });
  });
}

/**
 * Removing a participating employer (with its positions) or one position. Applications made at the fair
 * are the record of referrals, interviews and hires, so once one exists for the position (or any position
 * of the employer) the removal is refused with 409 and the number of applications; nothing is written.
 */
async function applicationsTo(db: Db, organisationId: string, positionIds: string[]): Promise<number> {
  if (positionIds.length === 0) return 0;
  const [row] = await db
    .select({ n: count() })
    .from(fairApplications)
    .where(and(inArray(fairApplications.positionId, positionIds), eq(fairApplications.organisationId, organisationId)));
  return row?.n ?? 0;
}

export async function removeFairEmployer(ctx: Ctx, id: string, fairEmployerId: string): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const f = await loadFair(c.db, c, id);
    const [stand] = await c.db
      .select({ id: fairEmployers.id })
      .from(fairEmployers)
      .where(
        and(
          eq(fairEmployers.id, fairEmployerId),
          eq(fairEmployers.fairId, f.id),
          eq(fairEmployers.organisationId, f.organisationId),
        ),
      );
    if (!stand) throw problems.notFound();
    const positions = await c.db
      .select({ id: fairPositions.id })
      .from(fairPositions)
      .where(and(eq(fairPositions.fairEmployerId, stand.id), eq(fairPositions.organisationId, f.organisationId)));
    const n = await applicationsTo(
      c.db,
      f.organisationId,
      positions.map((p) => p.id),
    );
    if (n > 0) throw problems.conflict('errors.fairs.employerHasApplications', { params: { n } });
    await c.db
      .delete(fairPositions)
      .where(and(eq(fairPositions.fairEmployerId, stand.id), eq(fairPositions.organisationId, f.organisationId)));
    await c.db
      .delete(fairEmployers)
      .where(and(eq(fairEmployers.id, stand.id), eq(fairEmployers.organisationId, f.organisationId)));
    await audit(c.db, c, {
      action: 'fair.employer-removed',
      subjectType: 'fair',
      subjectId: f.id,
      purpose: `${stand.id}:positions:${positions.length}`,
    });
  });
}

export async function removeFairPosition(ctx: Ctx, id: string, positionId: string): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const f = await loadFair(c.db, c, id);
    const [position] = await c.db
      .select({ id: fairPositions.id })
      .from(fairPositions)
      .where(
        and(
          eq(fairPositions.id, positionId),
          eq(fairPositions.fairId, f.id),
          eq(fairPositions.organisationId, f.organisationId),
        ),
      );
    if (!position) throw problems.notFound();
    const n = await applicationsTo(c.db, f.organisationId, [position.id]);
    if (n > 0) throw problems.conflict('errors.fairs.positionHasApplications', { params: { n } });
    await c.db
      .delete(fairPositions)
      .where(and(eq(fairPositions.id, position.id), eq(fairPositions.organisationId, f.organisationId)));
    await audit(c.db, c, {
      action: 'fair.position-removed',
      subjectType: 'fair',
      subjectId: f.id,
      purpose: position.id,
    });
  });
}

// ---- visitors -------------------------------------------------------------------------------------------

/**
 * The names of the persons the caller may see, in one read (a fair has hundreds of visitors): the
 * persons scope of loadPerson (the organisation, and the caller's office unless `offices:all`).
 */
async function namesInScope(ctx: Ctx, personIds: readonly string[]): Promise<Map<string, string>> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return new Map();
  const scope = scopeOf(actorOf(ctx));
  const rows = await ctx.db
    .select({ id: persons.id, givenName: persons.givenName, familyName: persons.familyName })
    .from(persons)
    .where(
      and(
        inArray(persons.id, ids),
        eq(persons.organisationId, scope.organisationId),
        scope.officeId ? eq(persons.officeId, scope.officeId) : undefined,
      ),
    );
  return new Map(rows.map((r) => [r.id, `${r.givenName} ${r.familyName}`]));
}

async function presentVisitors(ctx: Ctx, f: FairRow, onlyId?: string): Promise<Visitor[]> {
  const rows = await ctx.db
    .select({
      v: fairVisitors,
      applications: sql<number>`(SELECT count(*)::int FROM fair_applications fa WHERE fa.visitor_id = ${fairVisitors.id})`,
    })
    .from(fairVisitors)
    .where(
      and(
        eq(fairVisitors.fairId, f.id),
        eq(fairVisitors.organisationId, f.organisationId),
        onlyId ? eq(fairVisitors.id, onlyId) : undefined,
      ),
    )
    .orderBy(desc(fairVisitors.registeredAt));
  // A person outside the caller's scope (another office) is shown without a name.
  const names = await namesInScope(
    ctx,
    rows.flatMap(({ v }) => (v.personId ? [v.personId] : [])),
  );
  const out: Visitor[] = rows.map(({ v, applications }) => ({
    id: v.id,
    channel: v.channel,
    personId: v.personId,
    name: v.personId ? (names.get(v.personId) ?? '—') : `${v.givenName ?? ''} ${v.familyName ?? ''}`.trim() || '—',
    phone: v.phone,
    sex: v.sex,
    contactAllowed: v.contactAllowed,
    registeredAt: v.registeredAt.toISOString(),
    applications: Number(applications),
  }));
  return out;
}

export async function listVisitors(ctx: Ctx, id: string): Promise<{ items: Visitor[] }> {
  return { items: await presentVisitors(ctx, await loadFair(ctx.db, ctx, id)) };
}

export async function preRegisterVisitor(ctx: Ctx, id: string, personId: string): Promise<Visitor> {
  const f = await loadFair(ctx.db, ctx, id);
  const visitorId = await inTransaction(ctx, async (c) => {
    const person = await loadPerson(c.db, c, personId).catch((e: unknown) => {
      if (e instanceof ProblemError && e.status === 404)
        throw problems.invalid('/personId', 'errors.fairs.personUnknown');
      throw e;
    });
    const [dup] = await c.db
      .select({ id: fairVisitors.id })
      .from(fairVisitors)
      .where(and(eq(fairVisitors.fairId, f.id), eq(fairVisitors.personId, person.id)));
    if (dup) throw problems.conflict('errors.fairs.alreadyRegistered', '/personId');
    const now = c.clock.now();
    const [row] = await c.db
      .insert(fairVisitors)
      .values({
        organisationId: f.organisationId,
        fairId: f.id,
        personId: person.id,
        channel: 'pre-registered',
        sex: person.sex,
        registeredBy: actorOf(c).userId,
        registeredAt: now,
        updatedAt: now,
      })
      .returning({ id: fairVisitors.id });
    await audit(c.db, c, {
      action: 'fair.visitor-registered',
      subjectType: 'fair-visitor',
      subjectId: row!.id,
      fields: ['person'],
      purpose: 'pre-registered',
    });
    return row!.id;
  });
  return (await presentVisitors(ctx, f, visitorId))[0]!;
}

export async function linkVisitor(ctx: Ctx, id: string, visitorId: string, personId: string): Promise<Visitor> {
  const f = await loadFair(ctx.db, ctx, id);
  await inTransaction(ctx, async (c) => {
    const [v] = await c.db
      .select()
      .from(fairVisitors)
      .where(
        and(
          eq(fairVisitors.id, visitorId),
          eq(fairVisitors.fairId, f.id),
          eq(fairVisitors.organisationId, f.organisationId),
        ),
      );
    if (!v) throw problems.notFound();
    if (v.personId) throw problems.conflict('errors.fairs.visitorAlreadyLinked', '/personId');
    const person = await loadPerson(c.db, c, personId).catch((e: unknown) => {
      if (e instanceof ProblemError && e.status === 404)
        throw problems.invalid('/personId', 'errors.fairs.personUnknown');
      throw e;
    });
    const [dup] = await c.db
      .select({ id: fairVisitors.id })
      .from(fairVisitors)
      .where(and(eq(fairVisitors.fairId, f.id), eq(fairVisitors.personId, person.id)));
    if (dup) throw problems.conflict('errors.fairs.alreadyRegistered', '/personId');
    // The person's record holds their name and phone now: the walk-in's own copies go.
    await c.db
      .update(fairVisitors)
      .set({
        personId: person.id,
        givenName: null,
        familyName: null,
        phone: null,
        sex: person.sex,
        updatedAt: c.clock.now(),
      })
      .where(eq(fairVisitors.id, v.id));
    await audit(c.db, c, {
      action: 'fair.visitor-linked',
      subjectType: 'fair-visitor',
      subjectId: v.id,
      fields: ['person', 'givenName', 'familyName', 'phone'],
    });
  });
  return (await presentVisitors(ctx, f, visitorId))[0]!;
}

// ---- the public walk-in page ----------------------------------------------------------------------------

/** The fair behind a walk-in token; registration is open from the day before until the last day. */
async function fairOfToken(db: Db, token: string) {
  // The token is the only key a public caller has: the organisation comes from the fair itself.
  const [row] = await db
    .select({ f: fairs, organisation: organisations.name })
    .from(fairs)
    .innerJoin(organisations, eq(organisations.id, fairs.organisationId))
    .where(eq(fairs.walkInToken, token));
  if (!row) throw problems.notFound();
  return row;
}

function isOpen(ctx: Ctx, f: FairRow): boolean {
  const today = turkishDate(ctx.clock.now());
  return f.status !== 'cancelled' && f.status !== 'closed' && today <= f.endDate;
}

export async function publicFair(ctx: Ctx, token: string): Promise<PublicFair> {
  const { f, organisation } = await fairOfToken(ctx.db, token);
  return {
    name: f.name,
    startDate: f.startDate,
    endDate: f.endDate,
    place: f.place,
    district: f.district,
    organisation,
    open: isOpen(ctx, f),
  };
}

export async function walkIn(ctx: Ctx, token: string, body: WalkInBody): Promise<{ registered: boolean }> {
  const errors: FieldError[] = [];
  if (!body.noticeAccepted) errors.push({ pointer: '/noticeAccepted', code: 'errors.fairs.noticeRequired' });
  const phone = body.phone?.replace(/[\s()-]/g, '') || null;
  if (phone && !/^\+?[0-9]{10,15}$/.test(phone)) errors.push({ pointer: '/phone', code: 'errors.fairs.phoneInvalid' });
  if (body.contactAllowed && !phone) errors.push({ pointer: '/phone', code: 'errors.fairs.phoneForContact' });
  if (!body.givenName.trim()) errors.push({ pointer: '/givenName', code: 'errors.fairs.nameRequired' });
  if (!body.familyName.trim()) errors.push({ pointer: '/familyName', code: 'errors.fairs.nameRequired' });
  if (errors.length) throw problems.invalidMany(errors);
  await inTransaction(ctx, async (c) => {
    const { f } = await fairOfToken(c.db, token);
    if (!isOpen(c, f)) throw problems.gone('errors.fairs.closed');
    const now = c.clock.now();
    const [row] = await c.db
      .insert(fairVisitors)
      .values({
        organisationId: f.organisationId,
        fairId: f.id,
        personId: null,
        channel: 'walk-in',
        givenName: body.givenName.trim(),
        familyName: body.familyName.trim(),
        phone,
        sex: body.sex,
        contactAllowed: body.contactAllowed,
        noticeAcceptedAt: now,
        locale: body.locale,
        registeredAt: now,
        updatedAt: now,
      })
      .returning({ id: fairVisitors.id });
    await audit(c.db, c, {
      action: 'fair.visitor-registered',
      subjectType: 'fair-visitor',
      subjectId: row!.id,
      organisationId: f.organisationId,
      purpose: 'walk-in',
    });
  });
  return { registered: true };
}

// ---- applications ---------------------------------------------------------------------------------------

export async function listFairApplications(
  ctx: Ctx,
  id: string,
  onlyId?: string,
): Promise<{ items: FairApplication[] }> {
  const f = await loadFair(ctx.db, ctx, id);
  const rows = await ctx.db
    .select({
      a: fairApplications,
      position: fairPositions.title,
      employerId: fairEmployers.employerId,
      referralStatus: referrals.status,
    })
    .from(fairApplications)
    .innerJoin(fairPositions, eq(fairPositions.id, fairApplications.positionId))
    .innerJoin(fairEmployers, eq(fairEmployers.id, fairPositions.fairEmployerId))
    .leftJoin(referrals, eq(referrals.id, fairApplications.referralId))
    .where(
      and(
        eq(fairApplications.fairId, f.id),
        eq(fairApplications.organisationId, f.organisationId),
        onlyId ? eq(fairApplications.id, onlyId) : undefined,
      ),
    )
    .orderBy(desc(fairApplications.appliedAt));
  const names = await namesInScope(
    ctx,
    rows.map((r) => r.a.personId),
  );
  const employerNames = new Map<string, string>();
  const items: FairApplication[] = [];
  for (const r of rows) {
    if (!employerNames.has(r.employerId)) {
      const e = await loadEmployer(ctx.db, ctx, r.employerId);
      employerNames.set(r.employerId, e.tradeName ?? e.legalName);
    }
    items.push({
      id: r.a.id,
      visitorId: r.a.visitorId,
      personId: r.a.personId,
      name: names.get(r.a.personId) ?? '—',
      positionId: r.a.positionId,
      position: r.position,
      employer: employerNames.get(r.employerId)!,
      referralId: r.a.referralId,
      referralStatus: r.referralStatus,
      status: r.a.status,
      appliedAt: r.a.appliedAt.toISOString(),
    });
  }
  return { items };
}

/**
 * An on-site application of a registered visitor. To a published vacancy it is a referral proposal
 * (source 'fair') that the counsellor pre-screens and sends like any other: the person's consent to
 * share with employers and every decent-work rule are checked then, by the referrals module. To a
 * fair-only position it is followed here.
 */
export async function applyAtFair(ctx: Ctx, id: string, input: { visitorId: string; positionId: string }) {
  const f = await loadFair(ctx.db, ctx, id);
  if (f.status === 'cancelled') throw problems.conflict('errors.fairs.cancelled');
  const applicationId = await inTransaction(ctx, async (c) => {
    const [visitor] = await c.db
      .select()
      .from(fairVisitors)
      .where(
        and(
          eq(fairVisitors.id, input.visitorId),
          eq(fairVisitors.fairId, f.id),
          eq(fairVisitors.organisationId, f.organisationId),
        ),
      );
    if (!visitor) throw problems.invalid('/visitorId', 'errors.fairs.visitorUnknown');
    if (!visitor.personId) throw problems.invalid('/visitorId', 'errors.fairs.visitorNotRegistered');
    const person = await loadPerson(c.db, c, visitor.personId);
    const [position] = await c.db
      .select()
      .from(fairPositions)
      .where(
        and(
          eq(fairPositions.id, input.positionId),
          eq(fairPositions.fairId, f.id),
          eq(fairPositions.organisationId, f.organisationId),
        ),
      );
    if (!position) throw problems.invalid('/positionId', 'errors.fairs.positionUnknown');
    const [dup] = await c.db
      .select({ id: fairApplications.id })
      .from(fairApplications)
      .where(and(eq(fairApplications.positionId, position.id), eq(fairApplications.personId, person.id)));
    if (dup) throw problems.conflict('errors.fairs.alreadyApplied', '/positionId');
    const referralId = position.vacancyId
      ? await proposeReferral(c, { vacancyId: position.vacancyId, personId: person.id, source: 'fair' })
      : null;
    const now = c.clock.now();
    const [row] = await c.db
      .insert(fairApplications)
      .values({
        organisationId: f.organisationId,
        fairId: f.id,
        positionId: position.id,
        visitorId: visitor.id,
        personId: person.id,
        referralId,
        status: 'applied',
        appliedBy: actorOf(c).userId,
        appliedAt: now,
        updatedAt: now,
      })
      .returning({ id: fairApplications.id });
    await audit(c.db, c, {
      action: 'fair.application-made',
      subjectType: 'fair-application',
      subjectId: row!.id,
      fields: ['person'],
      ...(referralId ? { purpose: `referral ${referralId}` } : {}),
    });
    return row!.id;
  });
  return (await listFairApplications(ctx, id, applicationId)).items[0]!;
}

/** The outcome of an application to a fair-only position; a hire is a job-fair placement. */
export async function updateFairApplication(
  ctx: Ctx,
  id: string,
  applicationId: string,
  status: Exclude<FairApplicationStatus, 'applied'>,
) {
  const f = await loadFair(ctx.db, ctx, id);
  await inTransaction(ctx, async (c) => {
    const [row] = await c.db
      .select({ a: fairApplications, p: fairPositions, employerId: fairEmployers.employerId })
      .from(fairApplications)
      .innerJoin(fairPositions, eq(fairPositions.id, fairApplications.positionId))
      .innerJoin(fairEmployers, eq(fairEmployers.id, fairPositions.fairEmployerId))
      .where(
        and(
          eq(fairApplications.id, applicationId),
          eq(fairApplications.fairId, f.id),
          eq(fairApplications.organisationId, f.organisationId),
        ),
      );
    if (!row) throw problems.notFound();
    // A referral's outcome is recorded on the referral (by staff or the employer), never here.
    if (row.a.referralId) throw problems.conflict('errors.fairs.followedAsReferral', '/status');
    if (!FAIR_APPLICATION_TRANSITIONS[row.a.status].includes(status))
      throw problems.conflict('errors.fairs.transitionNotAllowed', '/status');
    let placementId: string | null = null;
    if (status === 'hired') {
      const p = row.p;
      const today = turkishDate(c.clock.now());
      placementId = await createPlacement(c, {
        personId: row.a.personId,
        employerId: row.employerId,
        source: 'job-fair',
        jobTitle: p.title,
        startDate: p.startDate && p.startDate > today ? p.startDate : today,
        contractType: p.contractType!,
        wageAmount: Number(p.wageMin),
        wageBasis: p.wageBasis!,
        hoursPerWeek: Number(p.hoursPerWeek),
        hoursPerDay: Number(p.hoursPerDay),
        shifts: p.shifts,
        workplaceDistrict: f.district,
      });
    }
    await c.db
      .update(fairApplications)
      .set({ status, ...(placementId ? { placementId } : {}), updatedAt: c.clock.now() })
      .where(eq(fairApplications.id, applicationId));
    await audit(c.db, c, {
      action: 'fair.application-updated',
      subjectType: 'fair-application',
      subjectId: applicationId,
      fields: ['status'],
      purpose: status,
    });
  });
  return (await listFairApplications(ctx, id, applicationId)).items[0]!;
}

// ---- for the report --------------------------------------------------------------------------------------

export async function reportRows(ctx: Ctx, id: string) {
  const f = await loadFair(ctx.db, ctx, id);
  const [visitors, applications, stands] = await Promise.all([
    ctx.db
      .select({ personId: fairVisitors.personId, sex: fairVisitors.sex, channel: fairVisitors.channel })
      .from(fairVisitors)
      .where(and(eq(fairVisitors.fairId, f.id), eq(fairVisitors.organisationId, f.organisationId))),
    ctx.db
      .select({
        status: fairApplications.status,
        referralId: fairApplications.referralId,
        referralStatus: referrals.status,
        interviewAt: referrals.interviewAt,
        fairEmployerId: fairPositions.fairEmployerId,
      })
      .from(fairApplications)
      .innerJoin(fairPositions, eq(fairPositions.id, fairApplications.positionId))
      .leftJoin(referrals, eq(referrals.id, fairApplications.referralId))
      .where(and(eq(fairApplications.fairId, f.id), eq(fairApplications.organisationId, f.organisationId))),
    ctx.db
      .select({
        id: fairEmployers.id,
        employerId: fairEmployers.employerId,
        positions: sql<number>`(SELECT count(*)::int FROM fair_positions fp WHERE fp.fair_employer_id = ${fairEmployers.id})`,
        openings: sql<number>`(SELECT coalesce(sum(fp.openings), 0)::int FROM fair_positions fp WHERE fp.fair_employer_id = ${fairEmployers.id})`,
      })
      .from(fairEmployers)
      .where(and(eq(fairEmployers.fairId, f.id), eq(fairEmployers.organisationId, f.organisationId))),
  ]);
  const employerNames = new Map<string, string>();
  for (const s of stands) {
    const e = await loadEmployer(ctx.db, ctx, s.employerId);
    employerNames.set(s.id, e.tradeName ?? e.legalName);
  }
  return { fair: f, visitors, applications, stands, employerNames };
}

/** Fair visitors of the persons (for the report's target groups): who is linked. */
export function linkedPersonIds(visitors: readonly { personId: string | null }[]): string[] {
  return [...new Set(visitors.flatMap((v) => (v.personId ? [v.personId] : [])))];
}
