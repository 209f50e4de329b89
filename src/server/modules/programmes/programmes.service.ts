import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  indicatorTargets,
  indicatorValues,
  partners,
  projectActivities,
  projectIndicators,
  projectPartners,
  projects,
  users,
} from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import { problems, type FieldError } from '../../lib/errors.ts';
import { uniqueAs } from '../../lib/db-errors.ts';
import { searchKey } from '../../../common/text.ts';
import { turkishDate } from '../../../common/working-days.ts';
import type { IndicatorMeasure, IndicatorUnit, PartnerType, ProjectStatus } from '../../../common/programmes.ts';
import type { TargetGroup } from '../../../common/enums.ts';
import { SPECIAL_GROUPS } from '../../../common/people.ts';
import type {
  Activity,
  ActivityInput,
  ActivityPatch,
  IndicatorInput,
  IndicatorPatch,
  Partner,
  PartnerInput,
  PartnerListItem,
  PartnerPatch,
  Project,
  ProjectCreate,
  ProjectListItem,
  ProjectPatch,
} from '../../../common/contracts/programmes.ts';
import { projectCourseRecords, projectTrainersWithoutSpecialRead } from '../courses/index.ts';

type PartnerRow = typeof partners.$inferSelect;
type ProjectRow = typeof projects.$inferSelect;
type IndicatorRow = typeof projectIndicators.$inferSelect;
type ActivityRow = typeof projectActivities.$inferSelect;

const like = (q: string) => `%${searchKey(q).replace(/[%_\\]/g, '\\$&')}%`;

// ---- partners ------------------------------------------------------------------------------------------

async function loadPartner(db: Db, ctx: Ctx, id: string): Promise<PartnerRow> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await db
    .select()
    .from(partners)
    .where(and(eq(partners.id, id), eq(partners.organisationId, organisationId)));
  if (!row) throw problems.notFound();
  return row;
}

function partnerColumns(input: PartnerPatch): Partial<typeof partners.$inferInsert> {
  const v: Partial<typeof partners.$inferInsert> = {};
  if (input.name !== undefined) v.name = input.name.trim();
  if (input.acronym !== undefined) v.acronym = input.acronym?.trim() || null;
  if (input.type !== undefined) v.type = input.type;
  if (input.country !== undefined) v.country = input.country;
  if (input.website !== undefined) v.website = input.website;
  if (input.contactName !== undefined) v.contactName = input.contactName?.trim() || null;
  if (input.contactEmail !== undefined) v.contactEmail = input.contactEmail?.trim() || null;
  if (input.contactPhone !== undefined) v.contactPhone = input.contactPhone?.trim() || null;
  if (input.agreements !== undefined) v.agreements = input.agreements?.trim() || null;
  if (input.transferSafeguard !== undefined) {
    v.transferSafeguard = input.transferSafeguard?.kind ?? null;
    v.transferSafeguardDate = input.transferSafeguard?.date ?? null;
    v.transferSafeguardReference = input.transferSafeguard?.reference.trim() || null;
  }
  return v;
}

/** The partner's recorded safeguard for transfers abroad (KVKK art. 9), or null. */
export function transferSafeguardOf(row: PartnerRow): Partner['transferSafeguard'] {
  return row.transferSafeguard && row.transferSafeguardDate && row.transferSafeguardReference
    ? { kind: row.transferSafeguard, date: row.transferSafeguardDate, reference: row.transferSafeguardReference }
    : null;
}

/** A partner whose recorded country is not Türkiye: sending it personal data is a transfer abroad. */
export function isAbroad(row: Pick<PartnerRow, 'country'>): boolean {
  return row.country !== null && row.country !== 'TR';
}

const partnerExists = () => problems.conflict('errors.programmes.partnerExists', '/name');

export async function createPartner(ctx: Ctx, input: PartnerInput): Promise<string> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (c) => {
    const now = ctx.clock.now();
    const [row] = await uniqueAs(partnerExists, () =>
      c.db
        .insert(partners)
        .values({
          ...(partnerColumns(input) as typeof partners.$inferInsert),
          nameKey: searchKey(input.name),
          organisationId: actor.organisationId,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: partners.id }),
    );
    await audit(c.db, c, {
      action: 'partner.created',
      subjectType: 'partner',
      subjectId: row!.id,
      fields: Object.keys(input),
    });
    return row!.id;
  });
}

export async function updatePartner(ctx: Ctx, id: string, patch: PartnerPatch): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await inTransaction(ctx, async (c) => {
    const row = await loadPartner(c.db, c, id);
    const values = partnerColumns(patch);
    const fields = changedFields(row as unknown as Record<string, unknown>, values as Record<string, unknown>);
    if (fields.length === 0) return;
    if (values.name !== undefined) values.nameKey = searchKey(values.name);
    await uniqueAs(partnerExists, () =>
      c.db
        .update(partners)
        .set({ ...values, updatedAt: ctx.clock.now() })
        .where(and(eq(partners.id, id), eq(partners.organisationId, organisationId))),
    );
    await audit(c.db, c, { action: 'partner.updated', subjectType: 'partner', subjectId: id, fields });
  });
}

export async function getPartner(ctx: Ctx, id: string): Promise<Partner> {
  const organisationId = actorOf(ctx).organisationId;
  const row = await loadPartner(ctx.db, ctx, id);
  const links = await ctx.db
    .select({
      id: projects.id,
      tr: projects.nameTr,
      en: projects.nameEn,
      ar: projects.nameAr,
      role: projectPartners.role,
    })
    .from(projectPartners)
    .innerJoin(projects, eq(projects.id, projectPartners.projectId))
    .where(and(eq(projectPartners.partnerId, id), eq(projectPartners.organisationId, organisationId)))
    .orderBy(asc(projects.startDate), asc(projects.id));
  const byProject = new Map<string, Partner['projects'][number]>();
  for (const l of links) {
    const p = byProject.get(l.id) ?? { id: l.id, name: { tr: l.tr, en: l.en, ar: l.ar }, roles: [] };
    p.roles.push(l.role);
    byProject.set(l.id, p);
  }
  return {
    id: row.id,
    name: row.name,
    acronym: row.acronym,
    type: row.type,
    country: row.country,
    website: row.website,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    agreements: row.agreements,
    transferSafeguard: transferSafeguardOf(row),
    projects: [...byProject.values()],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface PartnerFilter {
  q?: string | undefined;
  type?: PartnerType | undefined;
  sort?: 'name' | 'type' | 'projects' | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

export async function listPartners(
  ctx: Ctx,
  filter: PartnerFilter,
): Promise<{ items: PartnerListItem[]; total: number }> {
  const organisationId = actorOf(ctx).organisationId;
  const conditions: SQL[] = [eq(partners.organisationId, organisationId)];
  if (filter.type) conditions.push(eq(partners.type, filter.type));
  if (filter.q) conditions.push(ilike(partners.nameKey, like(filter.q)));
  const where = and(...conditions);
  const projectsExpr = sql<number>`(SELECT count(DISTINCT pp.project_id)::int FROM project_partners pp WHERE pp.partner_id = ${partners.id} AND pp.organisation_id = ${organisationId})`;
  const direction = filter.order === 'desc' ? desc : asc;
  const sortColumn =
    filter.sort === 'type'
      ? partners.type
      : filter.sort === 'projects'
        ? projectsExpr
        : sql`${partners.name} COLLATE "turkish"`;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ p: partners, projects: projectsExpr })
      .from(partners)
      .where(where)
      .orderBy(direction(sortColumn), asc(partners.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(partners).where(where),
  ]);
  return {
    items: rows.map(({ p, projects: n }) => ({
      id: p.id,
      name: p.name,
      acronym: p.acronym,
      type: p.type,
      country: p.country,
      projects: Number(n),
    })),
    total: total?.n ?? 0,
  };
}

// ---- projects ------------------------------------------------------------------------------------------

async function loadProject(db: Db, ctx: Ctx, id: string): Promise<ProjectRow> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), eq(projects.organisationId, organisationId)));
  if (!row) throw problems.notFound();
  return row;
}

/** Whether a project of the caller's organisation has this id (the course form's project, checked by courses). */
export async function projectExists(ctx: Ctx, id: string): Promise<boolean> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await ctx.db
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.id, id), eq(projects.organisationId, organisationId)));
  return !!row;
}

/**
 * The one target group a project's enrolment is restricted to, or null (courses checks an application
 * against it). Null too for an id that is not a project of the caller's organisation.
 */
export async function projectRestriction(ctx: Ctx, id: string): Promise<TargetGroup | null> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await ctx.db
    .select({ group: projects.restrictedGroup })
    .from(projects)
    .where(and(eq(projects.id, id), eq(projects.organisationId, organisationId)));
  return row?.group ?? null;
}

type ProjectInput = ProjectCreate;

function projectInputOf(
  row: ProjectRow,
  links: { partnerId: string; role: ProjectCreate['partners'][number]['role'] }[],
): ProjectInput {
  return {
    code: row.code,
    nameTr: row.nameTr,
    nameEn: row.nameEn,
    nameAr: row.nameAr,
    description: row.description,
    donorId: row.donorId,
    budgetAmount: row.budgetAmount === null ? null : Number(row.budgetAmount),
    currency: row.currency,
    startDate: row.startDate,
    endDate: row.endDate,
    targetGroups: row.targetGroups,
    restrictedGroup: row.restrictedGroup,
    districts: row.districts,
    partners: links,
  };
}

/** Checks a project as it would be after the change; every problem at once, with its field. */
async function validateProject(
  db: Db,
  ctx: Ctx,
  merged: ProjectInput,
  given: Partial<ProjectInput>,
  existing: ProjectRow | null,
) {
  const organisationId = actorOf(ctx).organisationId;
  const errors: FieldError[] = [];
  if (merged.endDate < merged.startDate) errors.push({ pointer: '/endDate', code: 'errors.programmes.endBeforeStart' });
  if (merged.budgetAmount !== null && merged.budgetAmount !== undefined && !merged.currency)
    errors.push({ pointer: '/currency', code: 'errors.programmes.currencyRequired' });
  if (merged.restrictedGroup && !merged.targetGroups.includes(merged.restrictedGroup))
    errors.push({
      pointer: given.restrictedGroup !== undefined ? '/restrictedGroup' : '/targetGroups',
      code: 'errors.programmes.restrictedGroupNotTarget',
    });
  // Restricting an existing project to a special group makes its courses restricted: their trainers must be
  // able to read the names they take attendance by (courses' rule, docs/COURSES.md "The trainer's decision").
  if (
    existing &&
    given.restrictedGroup &&
    given.restrictedGroup !== existing.restrictedGroup &&
    (SPECIAL_GROUPS as readonly string[]).includes(given.restrictedGroup)
  ) {
    const lacking = await projectTrainersWithoutSpecialRead({ ...ctx, db }, existing.id);
    if (lacking.length)
      errors.push({
        pointer: '/restrictedGroup',
        code: 'errors.programmes.courseTrainersNeedSpecial',
        params: { names: lacking.map((u) => u.fullName).join(', ') },
      });
  }
  const partnerIds = [...(given.donorId ? [given.donorId] : []), ...(given.partners ?? []).map((p) => p.partnerId)];
  const known = new Set(
    partnerIds.length
      ? (
          await db
            .select({ id: partners.id })
            .from(partners)
            .where(and(inArray(partners.id, partnerIds), eq(partners.organisationId, organisationId)))
        ).map((r) => r.id)
      : [],
  );
  if (given.donorId && !known.has(given.donorId))
    errors.push({ pointer: '/donorId', code: 'errors.programmes.partnerUnknown' });
  const seen = new Set<string>();
  (given.partners ?? []).forEach((p, i) => {
    if (!known.has(p.partnerId))
      errors.push({ pointer: `/partners/${i}/partnerId`, code: 'errors.programmes.partnerUnknown' });
    const key = `${p.partnerId}/${p.role}`;
    if (seen.has(key)) errors.push({ pointer: `/partners/${i}/role`, code: 'errors.programmes.partnerRoleTwice' });
    seen.add(key);
  });
  if (existing && (given.startDate !== undefined || given.endDate !== undefined)) {
    // Target periods and activities stay within the project's dates: a move that leaves one outside names the date that moved.
    const outside = await db
      .select({ start: indicatorTargets.periodStart, end: indicatorTargets.periodEnd })
      .from(indicatorTargets)
      .innerJoin(projectIndicators, eq(projectIndicators.id, indicatorTargets.indicatorId))
      .where(
        and(
          eq(projectIndicators.projectId, existing.id),
          eq(indicatorTargets.organisationId, organisationId),
          or(
            sql`${indicatorTargets.periodStart} < ${merged.startDate}`,
            sql`${indicatorTargets.periodEnd} > ${merged.endDate}`,
          ),
        ),
      );
    const activities = await db
      .select({ start: projectActivities.startDate, end: projectActivities.endDate })
      .from(projectActivities)
      .where(
        and(
          eq(projectActivities.projectId, existing.id),
          eq(projectActivities.organisationId, organisationId),
          or(
            sql`${projectActivities.startDate} < ${merged.startDate}`,
            sql`${projectActivities.endDate} > ${merged.endDate}`,
          ),
        ),
      );
    const all = [...outside, ...activities];
    if (all.some((r) => r.start < merged.startDate))
      errors.push({ pointer: '/startDate', code: 'errors.programmes.recordsOutsideProject' });
    if (all.some((r) => r.end > merged.endDate))
      errors.push({ pointer: '/endDate', code: 'errors.programmes.recordsOutsideProject' });
  }
  if (errors.length) throw problems.invalidMany(errors);
}

function projectColumns(input: Partial<ProjectInput>): Partial<typeof projects.$inferInsert> {
  const v: Partial<typeof projects.$inferInsert> = {};
  if (input.code !== undefined) v.code = input.code?.trim() || null;
  if (input.nameTr !== undefined) v.nameTr = input.nameTr.trim();
  if (input.nameEn !== undefined) v.nameEn = input.nameEn?.trim() || null;
  if (input.nameAr !== undefined) v.nameAr = input.nameAr?.trim() || null;
  if (input.description !== undefined) v.description = input.description?.trim() || null;
  if (input.donorId !== undefined) v.donorId = input.donorId;
  if (input.budgetAmount !== undefined)
    v.budgetAmount = input.budgetAmount === null ? null : input.budgetAmount.toFixed(2);
  if (input.currency !== undefined) v.currency = input.currency;
  if (input.startDate !== undefined) v.startDate = input.startDate;
  if (input.endDate !== undefined) v.endDate = input.endDate;
  if (input.targetGroups !== undefined) v.targetGroups = [...new Set(input.targetGroups)];
  if (input.restrictedGroup !== undefined) v.restrictedGroup = input.restrictedGroup;
  if (input.districts !== undefined) v.districts = [...new Set(input.districts.map((d) => d.trim()))];
  return v;
}

function nameKeyOf(v: Pick<ProjectInput, 'nameTr' | 'nameEn' | 'nameAr' | 'code'>): string {
  return searchKey([v.code ?? '', v.nameTr, v.nameEn ?? '', v.nameAr ?? ''].join(' '));
}

const codeTaken = () => problems.conflict('errors.programmes.codeTaken', '/code');

export async function createProject(ctx: Ctx, input: ProjectCreate): Promise<string> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (c) => {
    await validateProject(c.db, c, input, input, null);
    const now = ctx.clock.now();
    const [row] = await uniqueAs(codeTaken, () =>
      c.db
        .insert(projects)
        .values({
          ...(projectColumns(input) as typeof projects.$inferInsert),
          nameKey: nameKeyOf(input),
          organisationId: actor.organisationId,
          status: input.startDate <= turkishDate(now) ? 'active' : 'planned',
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: projects.id }),
    );
    const id = row!.id;
    if (input.partners.length)
      await c.db.insert(projectPartners).values(
        input.partners.map((p) => ({
          projectId: id,
          partnerId: p.partnerId,
          role: p.role,
          organisationId: actor.organisationId,
        })),
      );
    await audit(c.db, c, {
      action: 'project.created',
      subjectType: 'project',
      subjectId: id,
      fields: Object.keys(input),
    });
    return id;
  });
}

async function linksOf(db: Db, organisationId: string, projectId: string) {
  return db
    .select({ partnerId: projectPartners.partnerId, role: projectPartners.role })
    .from(projectPartners)
    .where(and(eq(projectPartners.projectId, projectId), eq(projectPartners.organisationId, organisationId)));
}

export async function updateProject(ctx: Ctx, id: string, patch: ProjectPatch): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await inTransaction(ctx, async (c) => {
    const row = await loadProject(c.db, c, id);
    const links = await linksOf(c.db, organisationId, id);
    const { status, ...given } = patch;
    const merged: ProjectInput = { ...projectInputOf(row, links), ...given };
    await validateProject(c.db, c, merged, given, row);
    const values = projectColumns(given);
    if (status !== undefined) values.status = status;
    const fields = changedFields(row as unknown as Record<string, unknown>, values as Record<string, unknown>);
    if (given.partners !== undefined) {
      const key = (l: { partnerId: string; role: string }) => `${l.partnerId}/${l.role}`;
      const before = new Set(links.map(key));
      const after = new Set(given.partners.map(key));
      if (before.size !== after.size || [...after].some((k) => !before.has(k))) {
        await c.db
          .delete(projectPartners)
          .where(and(eq(projectPartners.projectId, id), eq(projectPartners.organisationId, organisationId)));
        if (given.partners.length)
          await c.db
            .insert(projectPartners)
            .values(
              given.partners.map((p) => ({ projectId: id, partnerId: p.partnerId, role: p.role, organisationId })),
            );
        fields.push('partners');
      }
    }
    if (fields.length === 0) return;
    if (['code', 'nameTr', 'nameEn', 'nameAr'].some((f) => fields.includes(f))) values.nameKey = nameKeyOf(merged);
    await uniqueAs(codeTaken, () =>
      c.db
        .update(projects)
        .set({ ...values, updatedAt: ctx.clock.now() })
        .where(and(eq(projects.id, id), eq(projects.organisationId, organisationId))),
    );
    await audit(c.db, c, { action: 'project.updated', subjectType: 'project', subjectId: id, fields });
  });
}

export async function getProject(ctx: Ctx, id: string): Promise<Project> {
  const organisationId = actorOf(ctx).organisationId;
  const row = await loadProject(ctx.db, ctx, id);
  const [links, donor, records] = await Promise.all([
    ctx.db
      .select({
        partnerId: projectPartners.partnerId,
        role: projectPartners.role,
        name: partners.name,
        type: partners.type,
      })
      .from(projectPartners)
      .innerJoin(partners, eq(partners.id, projectPartners.partnerId))
      .where(and(eq(projectPartners.projectId, id), eq(projectPartners.organisationId, organisationId)))
      .orderBy(asc(projectPartners.role), sql`${partners.name} COLLATE "turkish"`),
    row.donorId ? loadPartner(ctx.db, ctx, row.donorId) : Promise.resolve(null),
    projectCourseRecords(ctx, [id]),
  ]);
  return {
    id: row.id,
    code: row.code,
    name: { tr: row.nameTr, en: row.nameEn, ar: row.nameAr },
    description: row.description,
    donor: donor ? { id: donor.id, name: donor.name } : null,
    budgetAmount: row.budgetAmount === null ? null : Number(row.budgetAmount),
    currency: row.currency,
    startDate: row.startDate,
    endDate: row.endDate,
    targetGroups: row.targetGroups,
    restrictedGroup: row.restrictedGroup,
    districts: row.districts,
    status: row.status,
    partners: links,
    courses: records.get(id)!.courses,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface ProjectFilter {
  q?: string | undefined;
  status?: ProjectStatus | undefined;
  partnerId?: string | undefined;
  sort?: 'startDate' | 'endDate' | 'name' | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

export async function listProjects(
  ctx: Ctx,
  filter: ProjectFilter,
): Promise<{ items: ProjectListItem[]; total: number }> {
  const organisationId = actorOf(ctx).organisationId;
  const conditions: SQL[] = [eq(projects.organisationId, organisationId)];
  if (filter.status) conditions.push(eq(projects.status, filter.status));
  if (filter.q) conditions.push(ilike(projects.nameKey, like(filter.q)));
  if (filter.partnerId)
    conditions.push(
      sql`(${projects.donorId} = ${filter.partnerId} OR EXISTS (SELECT 1 FROM project_partners pp WHERE pp.project_id = ${projects.id} AND pp.partner_id = ${filter.partnerId}))`,
    );
  const where = and(...conditions);
  const direction = filter.order === 'desc' ? desc : asc;
  const sortColumn =
    filter.sort === 'name'
      ? sql`${projects.nameTr} COLLATE "turkish"`
      : filter.sort === 'endDate'
        ? projects.endDate
        : projects.startDate;
  const indicatorsExpr = sql<number>`(SELECT count(*)::int FROM project_indicators pi WHERE pi.project_id = ${projects.id} AND pi.organisation_id = ${organisationId})`;
  const coursesExpr = sql<number>`(SELECT count(*)::int FROM courses c WHERE c.project_id = ${projects.id} AND c.organisation_id = ${organisationId})`;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ p: projects, donor: partners.name, indicators: indicatorsExpr, courses: coursesExpr })
      .from(projects)
      .leftJoin(partners, eq(partners.id, projects.donorId))
      .where(where)
      .orderBy(direction(sortColumn), asc(projects.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(projects).where(where),
  ]);
  return {
    items: rows.map(({ p, donor, indicators, courses }) => ({
      id: p.id,
      code: p.code,
      name: { tr: p.nameTr, en: p.nameEn, ar: p.nameAr },
      donor,
      startDate: p.startDate,
      endDate: p.endDate,
      status: p.status,
      indicators: Number(indicators),
      courses: Number(courses),
    })),
    total: total?.n ?? 0,
  };
}

// ---- the results framework -----------------------------------------------------------------------------

/** Measures whose unit is fixed; a hand-entered indicator may use any unit. */
const UNIT_OF: Partial<Record<IndicatorMeasure, IndicatorUnit>> = {
  enrolled: 'persons',
  completed: 'persons',
  'placed-3m': 'persons',
  'placed-6m': 'persons',
  certified: 'certificates',
  'activity-reach': 'persons',
  'fair-visitors': 'persons',
  'fair-hires': 'persons',
};

async function loadIndicator(db: Db, ctx: Ctx, projectId: string, indicatorId: string): Promise<IndicatorRow> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await db
    .select()
    .from(projectIndicators)
    .where(
      and(
        eq(projectIndicators.id, indicatorId),
        eq(projectIndicators.projectId, projectId),
        eq(projectIndicators.organisationId, organisationId),
      ),
    );
  if (!row) throw problems.notFound();
  return row;
}

function validateIndicator(project: ProjectRow, merged: IndicatorInput, given: Partial<IndicatorInput>): void {
  const errors: FieldError[] = [];
  const unit = UNIT_OF[merged.measure];
  if (unit && merged.unit !== unit)
    errors.push({ pointer: '/unit', code: 'errors.programmes.unitMismatch', params: { unit } });
  if (given.targets) {
    const sorted = given.targets
      .map((t, i) => ({ ...t, i }))
      .sort((a, b) => a.periodStart.localeCompare(b.periodStart));
    given.targets.forEach((t, i) => {
      if (t.periodEnd < t.periodStart)
        errors.push({ pointer: `/targets/${i}/periodEnd`, code: 'errors.programmes.endBeforeStart' });
      else if (t.periodStart < project.startDate || t.periodEnd > project.endDate)
        errors.push({ pointer: `/targets/${i}/periodStart`, code: 'errors.programmes.periodOutsideProject' });
    });
    const named = new Set(errors.map((e) => e.pointer));
    for (let k = 1; k < sorted.length; k++)
      if (sorted[k]!.periodStart <= sorted[k - 1]!.periodEnd && !named.has(`/targets/${sorted[k]!.i}/periodStart`))
        errors.push({ pointer: `/targets/${sorted[k]!.i}/periodStart`, code: 'errors.programmes.periodsOverlap' });
  }
  if (errors.length) throw problems.invalidMany(errors);
}

const codeInUse = () => problems.conflict('errors.programmes.indicatorCodeTaken', '/code');

function indicatorColumns(input: Partial<IndicatorInput>): Partial<typeof projectIndicators.$inferInsert> {
  const v: Partial<typeof projectIndicators.$inferInsert> = {};
  if (input.code !== undefined) v.code = input.code;
  if (input.level !== undefined) v.level = input.level;
  if (input.titleTr !== undefined) v.titleTr = input.titleTr.trim();
  if (input.titleEn !== undefined) v.titleEn = input.titleEn?.trim() || null;
  if (input.titleAr !== undefined) v.titleAr = input.titleAr?.trim() || null;
  if (input.measure !== undefined) v.measure = input.measure;
  if (input.unit !== undefined) v.unit = input.unit;
  if (input.baseline !== undefined) v.baseline = input.baseline;
  return v;
}

async function writeTargets(c: Ctx, organisationId: string, indicatorId: string, targets: IndicatorInput['targets']) {
  await c.db
    .delete(indicatorTargets)
    .where(and(eq(indicatorTargets.indicatorId, indicatorId), eq(indicatorTargets.organisationId, organisationId)));
  await c.db.insert(indicatorTargets).values(
    targets.map((t) => ({
      organisationId,
      indicatorId,
      periodStart: t.periodStart,
      periodEnd: t.periodEnd,
      target: t.target,
    })),
  );
}

export async function addIndicator(ctx: Ctx, projectId: string, input: IndicatorInput): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await inTransaction(ctx, async (c) => {
    const project = await loadProject(c.db, c, projectId);
    validateIndicator(project, input, input);
    const now = ctx.clock.now();
    const [row] = await uniqueAs(codeInUse, () =>
      c.db
        .insert(projectIndicators)
        .values({
          ...(indicatorColumns(input) as typeof projectIndicators.$inferInsert),
          organisationId,
          projectId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: projectIndicators.id }),
    );
    await writeTargets(c, organisationId, row!.id, input.targets);
    await audit(c.db, c, {
      action: 'project.indicator-added',
      subjectType: 'project-indicator',
      subjectId: row!.id,
      fields: Object.keys(input),
    });
  });
}

async function targetsOf(db: Db, organisationId: string, indicatorIds: string[]) {
  if (indicatorIds.length === 0) return [];
  return db
    .select()
    .from(indicatorTargets)
    .where(
      and(inArray(indicatorTargets.indicatorId, indicatorIds), eq(indicatorTargets.organisationId, organisationId)),
    )
    .orderBy(asc(indicatorTargets.periodStart), asc(indicatorTargets.id));
}

export async function updateIndicator(
  ctx: Ctx,
  projectId: string,
  indicatorId: string,
  patch: IndicatorPatch,
): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await inTransaction(ctx, async (c) => {
    const project = await loadProject(c.db, c, projectId);
    const row = await loadIndicator(c.db, c, projectId, indicatorId);
    const targets = await targetsOf(c.db, organisationId, [indicatorId]);
    const merged: IndicatorInput = {
      code: row.code,
      level: row.level,
      titleTr: row.titleTr,
      titleEn: row.titleEn,
      titleAr: row.titleAr,
      measure: row.measure,
      unit: row.unit,
      baseline: row.baseline,
      targets: targets.map((t) => ({ periodStart: t.periodStart, periodEnd: t.periodEnd, target: t.target })),
      ...patch,
    };
    validateIndicator(project, merged, patch);
    if (patch.measure !== undefined && patch.measure !== row.measure && row.measure === 'manual') {
      const [n] = await c.db
        .select({ n: count() })
        .from(indicatorValues)
        .where(and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.organisationId, organisationId)));
      if ((n?.n ?? 0) > 0) throw problems.invalid('/measure', 'errors.programmes.hasValues');
    }
    const values = indicatorColumns(patch);
    const fields = changedFields(row as unknown as Record<string, unknown>, values as Record<string, unknown>);
    if (patch.targets !== undefined) {
      await writeTargets(c, organisationId, indicatorId, patch.targets);
      fields.push('targets');
    }
    if (fields.length === 0) return;
    await uniqueAs(codeInUse, () =>
      c.db
        .update(projectIndicators)
        .set({ ...values, updatedAt: ctx.clock.now() })
        .where(and(eq(projectIndicators.id, indicatorId), eq(projectIndicators.organisationId, organisationId))),
    );
    await audit(c.db, c, {
      action: 'project.indicator-updated',
      subjectType: 'project-indicator',
      subjectId: indicatorId,
      fields,
    });
  });
}

export async function removeIndicator(ctx: Ctx, projectId: string, indicatorId: string): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await inTransaction(ctx, async (c) => {
    await loadProject(c.db, c, projectId);
    await loadIndicator(c.db, c, projectId, indicatorId);
    const [n] = await c.db
      .select({ n: count() })
      .from(indicatorValues)
      .where(and(eq(indicatorValues.indicatorId, indicatorId), eq(indicatorValues.organisationId, organisationId)));
    // Hand-entered values are evidence a donor may audit: an indicator holding them stays.
    if ((n?.n ?? 0) > 0) throw problems.conflict('errors.programmes.hasValues');
    await c.db
      .delete(projectIndicators)
      .where(and(eq(projectIndicators.id, indicatorId), eq(projectIndicators.organisationId, organisationId)));
    await audit(c.db, c, {
      action: 'project.indicator-removed',
      subjectType: 'project-indicator',
      subjectId: indicatorId,
    });
  });
}

export async function enterValue(
  ctx: Ctx,
  projectId: string,
  indicatorId: string,
  input: { valueDate: string; value: number; evidence: string },
): Promise<void> {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (c) => {
    const project = await loadProject(c.db, c, projectId);
    const indicator = await loadIndicator(c.db, c, projectId, indicatorId);
    if (indicator.measure !== 'manual') throw problems.conflict('errors.programmes.notManual');
    if (input.valueDate < project.startDate || input.valueDate > project.endDate)
      throw problems.invalid('/valueDate', 'errors.programmes.dateOutsideProject');
    const [row] = await c.db
      .insert(indicatorValues)
      .values({
        organisationId: actor.organisationId,
        indicatorId,
        valueDate: input.valueDate,
        value: input.value,
        evidence: input.evidence.trim(),
        status: 'pending',
        enteredBy: actor.userId,
        enteredAt: ctx.clock.now(),
      })
      .returning({ id: indicatorValues.id });
    await audit(c.db, c, {
      action: 'project.value-entered',
      subjectType: 'indicator-value',
      subjectId: row!.id,
      fields: ['valueDate', 'value', 'evidence'],
    });
  });
}

/** Approves or rejects a hand-entered value: a second person, not the one who entered it. Returns the project's id. */
export async function decideValue(
  ctx: Ctx,
  valueId: string,
  decision: 'approved' | 'rejected',
  note: string | null | undefined,
): Promise<string> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (c) => {
    const [row] = await c.db
      .select({ v: indicatorValues, projectId: projectIndicators.projectId })
      .from(indicatorValues)
      .innerJoin(projectIndicators, eq(projectIndicators.id, indicatorValues.indicatorId))
      .where(and(eq(indicatorValues.id, valueId), eq(indicatorValues.organisationId, actor.organisationId)));
    if (!row) throw problems.notFound();
    if (row.v.status !== 'pending') throw problems.conflict('errors.programmes.alreadyDecided');
    if (row.v.enteredBy === actor.userId) throw problems.conflict('errors.programmes.secondPersonRequired');
    await c.db
      .update(indicatorValues)
      .set({
        status: decision,
        decidedBy: actor.userId,
        decidedAt: ctx.clock.now(),
        decisionNote: note?.trim() || null,
      })
      .where(and(eq(indicatorValues.id, valueId), eq(indicatorValues.organisationId, actor.organisationId)));
    await audit(c.db, c, {
      action: decision === 'approved' ? 'project.value-approved' : 'project.value-rejected',
      subjectType: 'indicator-value',
      subjectId: valueId,
      fields: ['status'],
    });
    return row.projectId;
  });
}

// ---- activities ----------------------------------------------------------------------------------------

function presentActivity(a: ActivityRow): Activity {
  return {
    id: a.id,
    projectId: a.projectId,
    kind: a.kind,
    title: a.title,
    startDate: a.startDate,
    endDate: a.endDate,
    place: a.place,
    district: a.district,
    reach: a.reach,
    notes: a.notes,
  };
}

function validateActivity(project: ProjectRow, merged: ActivityInput): void {
  const errors: FieldError[] = [];
  if (merged.endDate < merged.startDate) errors.push({ pointer: '/endDate', code: 'errors.programmes.endBeforeStart' });
  else if (merged.startDate < project.startDate || merged.endDate > project.endDate)
    errors.push({
      pointer: merged.startDate < project.startDate ? '/startDate' : '/endDate',
      code: 'errors.programmes.dateOutsideProject',
    });
  if (errors.length) throw problems.invalidMany(errors);
}

function activityColumns(input: ActivityPatch): Partial<typeof projectActivities.$inferInsert> {
  const v: Partial<typeof projectActivities.$inferInsert> = {};
  if (input.kind !== undefined) v.kind = input.kind;
  if (input.title !== undefined) v.title = input.title.trim();
  if (input.startDate !== undefined) v.startDate = input.startDate;
  if (input.endDate !== undefined) v.endDate = input.endDate;
  if (input.place !== undefined) v.place = input.place.trim();
  if (input.district !== undefined) v.district = input.district?.trim() || null;
  if (input.reach !== undefined) v.reach = input.reach;
  if (input.notes !== undefined) v.notes = input.notes?.trim() || null;
  return v;
}

export async function addActivity(ctx: Ctx, projectId: string, input: ActivityInput): Promise<Activity> {
  const actor = actorOf(ctx);
  return inTransaction(ctx, async (c) => {
    const project = await loadProject(c.db, c, projectId);
    validateActivity(project, input);
    const now = ctx.clock.now();
    const [row] = await c.db
      .insert(projectActivities)
      .values({
        ...(activityColumns(input) as typeof projectActivities.$inferInsert),
        organisationId: actor.organisationId,
        projectId,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(c.db, c, {
      action: 'project.activity-added',
      subjectType: 'project-activity',
      subjectId: row!.id,
      fields: Object.keys(input),
    });
    return presentActivity(row!);
  });
}

async function loadActivity(db: Db, ctx: Ctx, id: string): Promise<ActivityRow> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await db
    .select()
    .from(projectActivities)
    .where(and(eq(projectActivities.id, id), eq(projectActivities.organisationId, organisationId)));
  if (!row) throw problems.notFound();
  return row;
}

export async function updateActivity(ctx: Ctx, id: string, patch: ActivityPatch): Promise<Activity> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    const row = await loadActivity(c.db, c, id);
    const project = await loadProject(c.db, c, row.projectId);
    validateActivity(project, { ...presentActivity(row), ...patch });
    const values = activityColumns(patch);
    const fields = changedFields(row as unknown as Record<string, unknown>, values as Record<string, unknown>);
    if (fields.length === 0) return presentActivity(row);
    const [updated] = await c.db
      .update(projectActivities)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(and(eq(projectActivities.id, id), eq(projectActivities.organisationId, organisationId)))
      .returning();
    await audit(c.db, c, {
      action: 'project.activity-updated',
      subjectType: 'project-activity',
      subjectId: id,
      fields,
    });
    return presentActivity(updated!);
  });
}

export async function removeActivity(ctx: Ctx, id: string): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await inTransaction(ctx, async (c) => {
    await loadActivity(c.db, c, id);
    await c.db
      .delete(projectActivities)
      .where(and(eq(projectActivities.id, id), eq(projectActivities.organisationId, organisationId)));
    await audit(c.db, c, { action: 'project.activity-removed', subjectType: 'project-activity', subjectId: id });
  });
}

export interface ActivityFilter {
  kind?: ActivityRow['kind'] | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

export async function listActivities(ctx: Ctx, projectId: string, filter: ActivityFilter) {
  const organisationId = actorOf(ctx).organisationId;
  await loadProject(ctx.db, ctx, projectId);
  const conditions: SQL[] = [
    eq(projectActivities.projectId, projectId),
    eq(projectActivities.organisationId, organisationId),
  ];
  if (filter.kind) conditions.push(eq(projectActivities.kind, filter.kind));
  const where = and(...conditions);
  const direction = filter.order === 'asc' ? asc : desc;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(projectActivities)
      .where(where)
      .orderBy(direction(projectActivities.startDate), asc(projectActivities.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(projectActivities).where(where),
  ]);
  return { items: rows.map(presentActivity), total: total?.n ?? 0 };
}

// ---- shared loaders for the results ---------------------------------------------------------------------

export { loadPartner, loadProject };

/** Users' names for the hand-entered values (who entered, who decided). */
export async function userNames(db: Db, organisationId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(and(inArray(users.id, ids), eq(users.organisationId, organisationId)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---- for other modules (international) -----------------------------------------------------------------

export interface PartnerRefRow {
  id: string;
  name: string;
  acronym: string | null;
  type: PartnerType;
  country: string | null;
}

const partnerRefColumns = {
  id: partners.id,
  name: partners.name,
  acronym: partners.acronym,
  type: partners.type,
  country: partners.country,
};

/**
 * The caller's organisation's partners among `ids` (unknown ids and other organisations' partners are
 * left out: a caller compares the sizes to refuse an unknown partner), by id.
 */
export async function partnerRefs(ctx: Ctx, ids: readonly string[]): Promise<Map<string, PartnerRefRow>> {
  const organisationId = actorOf(ctx).organisationId;
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await ctx.db
    .select(partnerRefColumns)
    .from(partners)
    .where(and(inArray(partners.id, unique), eq(partners.organisationId, organisationId)));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every partner of the caller's organisation, by name (Turkish collation). */
export async function partnerOptions(ctx: Ctx): Promise<PartnerRefRow[]> {
  const organisationId = actorOf(ctx).organisationId;
  return ctx.db
    .select(partnerRefColumns)
    .from(partners)
    .where(eq(partners.organisationId, organisationId))
    .orderBy(sql`${partners.name} COLLATE "turkish"`, asc(partners.id));
}
