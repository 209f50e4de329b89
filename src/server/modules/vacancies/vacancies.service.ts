import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employers, vacancies } from '../../db/schema/index.ts';
import { actorOf, type Ctx, inTransaction } from '../../lib/context.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import { problems, type FieldError } from '../../lib/errors.ts';
import { findDistrict, findProvince } from '../../lib/geography.ts';
import { searchKey } from '../../../common/text.ts';
import {
  checkEmployer,
  checkVacancy,
  checkWorkingTime,
  DEFAULT_LIMITS,
  flagWording,
  type VacancyCheckOptions,
  type VacancyTerms,
} from '../../../common/decent-work.ts';
import { naceDivision } from '../../../common/nace.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { employerIdsOfUser, employerOfUser, loadEmployer } from '../employers/index.ts';
import { decentWorkLimits, refusal, ruleContext, ruleMessage } from './decent-work.service.ts';
import { safeHttpUrl } from '../../../common/url.ts';
import type { VacancyCreate } from '../../../common/contracts/vacancies.ts';
import { codeVacancyInput, vacancyIscoFilter } from './vacancy-codes.service.ts';
import { SURE_LINKS } from '../../../common/occupation-codes.ts';
import { containsPattern } from '../../lib/search.ts';

type VacancyRow = typeof vacancies.$inferSelect;
type EmployerRow = typeof employers.$inferSelect;
export type VacancyStatus = VacancyRow['status'];

/** What an author writes (src/common/contracts/vacancies.ts): all of it on creation, any of it in a change. */
export type VacancyInput = Omit<VacancyCreate, 'employerId'>;

function money(n: number): string {
  return (Math.round(n * 100) / 100).toFixed(2);
}

function normalise(ctx: Ctx, input: Partial<VacancyInput>, existing: VacancyRow | null, limits = DEFAULT_LIMITS) {
  const errors: FieldError[] = [];
  const values: Partial<typeof vacancies.$inferInsert> = {};
  const today = turkishDate(ctx.clock.now());
  for (const key of ['duties', 'benefits', 'wordingJustification'] as const) {
    if (input[key] !== undefined)
      (values as Record<string, unknown>)[key] = input[key]?.trim() || (key === 'duties' ? '' : null);
  }
  if (input.title !== undefined) {
    values.title = input.title.trim();
    values.titleKey = searchKey(input.title);
  }
  if (input.occupation !== undefined) {
    values.occupation = input.occupation.trim();
    values.occupationKey = searchKey(input.occupation);
  }
  if (input.requiredSkills !== undefined)
    values.requiredSkills = [...new Set(input.requiredSkills.map((s) => s.trim()).filter(Boolean))];
  if (input.preferredSkills !== undefined)
    values.preferredSkills = [...new Set(input.preferredSkills.map((s) => s.trim()).filter(Boolean))];
  if (input.iscedLevel !== undefined) values.iscedLevel = input.iscedLevel;
  if (input.languages !== undefined) values.languages = input.languages;
  if (input.province !== undefined || input.district !== undefined) {
    const province = findProvince(input.province ?? existing?.province ?? '');
    if (!province) errors.push({ pointer: '/province', code: 'errors.persons.provinceUnknown' });
    else {
      values.province = province.name;
      const districtIn = input.district !== undefined ? input.district : existing?.district;
      if (districtIn) {
        const district = findDistrict(province.name, districtIn);
        if (!district)
          errors.push({
            pointer: '/district',
            code: 'errors.persons.districtUnknown',
            params: { province: province.name },
          });
        else values.district = district;
      } else values.district = null;
    }
  }
  for (const key of [
    'remote',
    'positions',
    'contractType',
    'hoursPerDay',
    'hoursPerWeek',
    'daysPerWeek',
    'minimumAge',
    'wageBasis',
    'childcareSupport',
    'accessibleWorkplace',
  ] as const) {
    if (input[key] !== undefined) (values as Record<string, unknown>)[key] = input[key];
  }
  if (input.shifts !== undefined) values.shifts = [...new Set(input.shifts)];
  if (input.suitableGroups !== undefined) values.suitableGroups = [...new Set(input.suitableGroups)];
  if (input.startDate !== undefined) values.startDate = input.startDate;
  if (input.deadline !== undefined) {
    if (input.deadline && input.deadline < today)
      errors.push({ pointer: '/deadline', code: 'errors.vacancies.deadlinePast' });
    values.deadline = input.deadline;
  }
  if (input.wageMin !== undefined) values.wageMin = money(input.wageMin);
  if (input.wageMax !== undefined) values.wageMax = input.wageMax === null ? null : money(input.wageMax);
  const wageMin = Number(values.wageMin ?? existing?.wageMin ?? 0);
  const wageMax = values.wageMax !== undefined ? values.wageMax : existing?.wageMax;
  if (wageMax !== null && wageMax !== undefined && Number(wageMax) < wageMin) {
    errors.push({ pointer: '/wageMax', code: 'errors.vacancies.wageRange' });
  }
  const hoursPerDay = values.hoursPerDay ?? existing?.hoursPerDay ?? 0;
  const hoursPerWeek = values.hoursPerWeek ?? existing?.hoursPerWeek ?? 0;
  const daysPerWeek = values.daysPerWeek !== undefined ? values.daysPerWeek : (existing?.daysPerWeek ?? null);
  if (hoursPerDay > hoursPerWeek) errors.push({ pointer: '/hoursPerDay', code: 'errors.vacancies.hoursInconsistent' });
  else {
    // Hours that cannot fit the week are wrong data, refused at once (not only at submission).
    for (const v of checkWorkingTime({ hoursPerDay, hoursPerWeek, daysPerWeek, shifts: [] }, limits)) {
      if (v.rule === 'hours-inconsistent' || v.rule === 'weekly-rest')
        errors.push({ pointer: v.pointer, code: v.code, params: v.params });
    }
  }
  if (errors.length) throw problems.invalidMany(errors);
  return values;
}

/** The terms the decent-work rules read, from a stored vacancy and its employer. */
export function termsOf(
  v: VacancyRow,
  employer: Pick<EmployerRow, 'hazardClass' | 'hazardClassSuggested' | 'naceCode' | 'status' | 'statusReason'>,
): VacancyTerms {
  const division = naceDivision(employer.naceCode);
  return {
    startDate: v.startDate,
    hoursPerDay: v.hoursPerDay,
    hoursPerWeek: v.hoursPerWeek,
    daysPerWeek: v.daysPerWeek,
    minimumAge: v.minimumAge,
    employer: { status: employer.status, statusReason: employer.statusReason },
    shifts: v.shifts,
    hazardClass: employer.hazardClass ?? employer.hazardClassSuggested,
    wageMin: Number(v.wageMin),
    wageMax: v.wageMax === null ? null : Number(v.wageMax),
    wageBasis: v.wageBasis,
    province: v.province,
    naceDivision: division === null ? null : String(division).padStart(2, '0'),
    seasonalAgriculture: v.contractType === 'seasonal' && division !== null && division <= 3,
  };
}

function wordingOf(v: Pick<VacancyRow, 'title' | 'duties' | 'benefits'>) {
  return flagWording({ '/title': v.title, '/duties': v.duties, '/benefits': v.benefits });
}

/**
 * Everything that stops a vacancy from being submitted or published, as one list: the decent-work rules
 * of src/common/decent-work.ts on the day of the act (employer status, start date, minimum wage, working
 * time, minimum age), and flagged wording that has not been justified.
 */
async function blockers(ctx: Ctx, v: VacancyRow, employer: EmployerRow, options: VacancyCheckOptions) {
  const violations = checkVacancy(termsOf(v, employer), await ruleContext(ctx), options);
  const flags = wordingOf(v);
  // Discriminatory wording must be removed, or justified (a genuine occupational requirement) before staff approve.
  const unjustified = flags.length > 0 && !v.wordingJustification?.trim() ? flags : [];
  return { violations, unjustified, flags };
}

function throwIfBlocked(b: Awaited<ReturnType<typeof blockers>>): void {
  const all = [...b.violations, ...b.unjustified];
  if (all.length > 0) throw refusal(all);
}

function present(v: VacancyRow, employer: Pick<EmployerRow, 'id' | 'legalName' | 'tradeName' | 'status'>) {
  return {
    id: v.id,
    employer: { id: employer.id, name: employer.tradeName ?? employer.legalName, status: employer.status },
    title: v.title,
    occupation: v.occupation,
    iscoCode: v.iscoCode,
    iscoStatus: v.iscoStatus,
    duties: v.duties,
    requiredSkills: v.requiredSkills,
    preferredSkills: v.preferredSkills,
    requiredSkillIds: v.requiredSkillIds,
    preferredSkillIds: v.preferredSkillIds,
    requiredLicences: v.requiredLicences,
    requiredCertificates: v.requiredCertificates,
    iscedLevel: v.iscedLevel,
    languages: v.languages,
    province: v.province,
    district: v.district,
    remote: v.remote,
    positions: v.positions,
    contractType: v.contractType,
    startDate: v.startDate,
    hoursPerDay: v.hoursPerDay,
    hoursPerWeek: v.hoursPerWeek,
    daysPerWeek: v.daysPerWeek,
    shifts: v.shifts,
    minimumAge: v.minimumAge,
    wageMin: Number(v.wageMin),
    wageMax: v.wageMax === null ? null : Number(v.wageMax),
    wageBasis: v.wageBasis,
    benefits: v.benefits,
    childcareSupport: v.childcareSupport,
    accessibleWorkplace: v.accessibleWorkplace,
    suitableGroups: v.suitableGroups,
    deadline: v.deadline,
    status: v.status,
    wordingFlags: v.wordingFlags,
    wordingJustification: v.wordingJustification,
    reviewNote: v.reviewNote,
    publishedAt: v.publishedAt?.toISOString() ?? null,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}
export type VacancyView = ReturnType<typeof present>;

/** A vacancy the actor may see: staff of the organisation, or a user of the vacancy's employer. */
export async function loadVacancy(db: Db, ctx: Ctx, id: string): Promise<{ v: VacancyRow; employer: EmployerRow }> {
  const [row] = await db
    .select({ v: vacancies, employer: employers })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(and(eq(vacancies.id, id), eq(vacancies.organisationId, actorOf(ctx).organisationId)));
  if (!row) throw problems.notFound();
  if (actorOf(ctx).kind !== 'staff') await loadEmployer(db, ctx, row.employer.id);
  return row;
}

/**
 * A published vacancy with as many hires as positions becomes filled (audited as `vacancy.filled`);
 * called by the referrals module when someone is hired, in its transaction (`ctx.db`).
 */
export async function markFilledIfFull(
  ctx: Ctx,
  vacancy: { id: string; organisationId: string },
  hires: number,
): Promise<void> {
  const [v] = await ctx.db
    .select()
    .from(vacancies)
    .where(and(eq(vacancies.id, vacancy.id), eq(vacancies.organisationId, vacancy.organisationId)));
  if (!v || v.status !== 'published' || hires < v.positions) return;
  await ctx.db
    .update(vacancies)
    .set({ status: 'filled', closedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
    .where(eq(vacancies.id, v.id));
  await audit(ctx.db, ctx, { action: 'vacancy.filled', subjectType: 'vacancy', subjectId: v.id, fields: ['status'] });
}

export async function getVacancy(ctx: Ctx, id: string): Promise<VacancyView> {
  const { v, employer } = await loadVacancy(ctx.db, ctx, id);
  return present(v, employer);
}

export async function createVacancy(
  ctx: Ctx,
  input: VacancyInput & { employerId?: string | undefined },
): Promise<string> {
  const actor = actorOf(ctx);
  // An employer user acting for several employers names one; with a single employer it is implied.
  const employer =
    actor.kind === 'employer' && !input.employerId
      ? await employerOfUser(ctx.db, ctx)
      : input.employerId
        ? await loadEmployer(ctx.db, ctx, input.employerId)
        : (() => {
            throw problems.invalid('/employerId', 'errors.validation.required');
          })();
  const suspended = checkEmployer(employer);
  if (suspended.length) throw refusal(suspended);
  const values = normalise(ctx, input, null, await decentWorkLimits(ctx));
  Object.assign(values, await codeVacancyInput(ctx.db, input, null));
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const flags = wordingOf({ title: values.title!, duties: values.duties ?? '', benefits: values.benefits ?? null });
    const [row] = await tx
      .insert(vacancies)
      .values({
        ...(values as typeof vacancies.$inferInsert),
        organisationId: employer.organisationId,
        employerId: employer.id,
        status: 'draft',
        wordingFlags: flags.map((f) => ({ ground: f.ground, excerpt: f.excerpt, pointer: f.pointer })),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: vacancies.id });
    await audit(tx, ctx, {
      action: 'vacancy.created',
      subjectType: 'vacancy',
      subjectId: row!.id,
      fields: Object.keys(values),
    });
    return row!.id;
  });
}

export async function updateVacancy(ctx: Ctx, id: string, patch: Partial<VacancyInput>): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const tx = c.db;
    const { v } = await loadVacancy(tx, c, id);
    if (
      v.status !== 'draft' &&
      v.status !== 'submitted' &&
      !(actorOf(ctx).kind === 'staff' && v.status === 'published')
    ) {
      throw problems.conflict('errors.vacancies.notEditable');
    }
    const values = normalise(ctx, patch, v, await decentWorkLimits(c));
    Object.assign(values, await codeVacancyInput(tx, patch, v));
    const merged = { ...v, ...values };
    values.wordingFlags = wordingOf(merged).map((f) => ({ ground: f.ground, excerpt: f.excerpt, pointer: f.pointer }));
    // An employer changing a submitted vacancy takes it back to draft; a published one edited by staff is re-checked.
    if (actorOf(ctx).kind === 'employer' && v.status === 'submitted') values.status = 'draft';
    const fields = changedFields(v as unknown as Record<string, unknown>, values as Record<string, unknown>).filter(
      (k) => !['titleKey', 'occupationKey', 'wordingFlags', 'iscoScore', 'iscoStatus'].includes(k),
    );
    if (fields.length === 0) return;
    if (v.status === 'published') {
      const [employer] = await tx.select().from(employers).where(eq(employers.id, v.employerId));
      throwIfBlocked(await blockers(c, merged, employer!, { employerVerified: true }));
    }
    await tx
      .update(vacancies)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(eq(vacancies.id, id));
    await audit(tx, c, { action: 'vacancy.updated', subjectType: 'vacancy', subjectId: id, fields });
  });
}

/** draft → submitted, when every decent-work rule passes and any flagged wording is justified. */
export async function submitVacancy(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const tx = c.db;
    const { v, employer } = await loadVacancy(tx, c, id);
    if (v.status !== 'draft') throw problems.conflict('errors.vacancies.transitionNotAllowed');
    throwIfBlocked(await blockers(c, v, employer, { startDateInFuture: true }));
    await tx.update(vacancies).set({ status: 'submitted', updatedAt: ctx.clock.now() }).where(eq(vacancies.id, id));
    await audit(tx, ctx, { action: 'vacancy.submitted', subjectType: 'vacancy', subjectId: id, fields: ['status'] });
  });
}

/** Staff review: publish (every rule again, employer verified) or return to draft with a note. */
export async function reviewVacancy(
  ctx: Ctx,
  id: string,
  decision: 'publish' | 'return',
  note?: string | null,
): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const tx = c.db;
    const { v, employer } = await loadVacancy(tx, c, id);
    if (
      v.status !== 'submitted' &&
      !(decision === 'publish' && v.status === 'draft' && v.createdBy === actorOf(ctx).userId)
    ) {
      throw problems.conflict('errors.vacancies.transitionNotAllowed');
    }
    const now = ctx.clock.now();
    if (decision === 'return') {
      if (!note?.trim()) throw problems.invalid('/note', 'errors.validation.required');
      await tx
        .update(vacancies)
        .set({ status: 'draft', reviewNote: note.trim(), reviewedBy: actorOf(ctx).userId, updatedAt: now })
        .where(eq(vacancies.id, id));
      await audit(tx, ctx, {
        action: 'vacancy.returned',
        subjectType: 'vacancy',
        subjectId: id,
        fields: ['status', 'reviewNote'],
      });
      return;
    }
    // Staff publishing their own draft submit it at the same time: its start date may not be past either.
    throwIfBlocked(await blockers(c, v, employer, { employerVerified: true, startDateInFuture: v.status === 'draft' }));
    await tx
      .update(vacancies)
      .set({
        status: 'published',
        publishedAt: now,
        reviewNote: note?.trim() || null,
        reviewedBy: actorOf(ctx).userId,
        updatedAt: now,
      })
      .where(eq(vacancies.id, id));
    await audit(tx, ctx, { action: 'vacancy.published', subjectType: 'vacancy', subjectId: id, fields: ['status'] });
  });
}

export async function closeVacancy(ctx: Ctx, id: string, outcome: 'filled' | 'closed'): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { v } = await loadVacancy(tx, ctx, id);
    if (v.status === 'filled' || v.status === 'closed')
      throw problems.conflict('errors.vacancies.transitionNotAllowed');
    if (outcome === 'filled' && v.status !== 'published')
      throw problems.conflict('errors.vacancies.transitionNotAllowed');
    await tx
      .update(vacancies)
      .set({ status: outcome, closedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
      .where(eq(vacancies.id, id));
    await audit(tx, ctx, {
      action: outcome === 'filled' ? 'vacancy.filled' : 'vacancy.closed',
      subjectType: 'vacancy',
      subjectId: id,
      fields: ['status'],
    });
  });
}

/**
 * Checks a vacancy against the rules without changing it (the form shows the result as you type), as
 * publication would on this day; each message is formatted in the caller's language.
 */
export async function checkVacancyRules(ctx: Ctx, id: string) {
  const { v, employer } = await loadVacancy(ctx.db, ctx, id);
  const b = await blockers(ctx, v, employer, {
    employerVerified: true,
    startDateInFuture: v.status === 'draft',
  });
  return {
    violations: b.violations.map((x) => ({ ...x, message: ruleMessage(ctx, x) })),
    wordingFlags: b.flags.map((f) => ({
      ground: f.ground,
      excerpt: f.excerpt,
      pointer: f.pointer,
      code: f.code,
      message: ruleMessage(ctx, f),
    })),
    justified: !!v.wordingJustification?.trim(),
  };
}

export interface VacancyFilter {
  q?: string | undefined;
  status?: VacancyStatus | undefined;
  employerId?: string | undefined;
  isco?: string | undefined;
  page: number;
  pageSize: number;
}

export async function listVacancies(ctx: Ctx, filter: VacancyFilter) {
  const actor = actorOf(ctx);
  const conditions: SQL[] = [eq(vacancies.organisationId, actor.organisationId)];
  if (actor.kind === 'employer') {
    const mine = await employerIdsOfUser(ctx.db, ctx);
    if (mine.length === 0) return { items: [], total: 0 };
    conditions.push(inArray(vacancies.employerId, mine));
  }
  if (filter.status) conditions.push(eq(vacancies.status, filter.status));
  if (filter.employerId) conditions.push(eq(vacancies.employerId, filter.employerId));
  if (filter.isco) conditions.push(vacancyIscoFilter(filter.isco));
  if (filter.q) {
    const like = containsPattern(searchKey(filter.q));
    conditions.push(or(ilike(vacancies.titleKey, like), ilike(vacancies.occupationKey, like))!);
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ v: vacancies, employer: employers })
      .from(vacancies)
      .innerJoin(employers, eq(employers.id, vacancies.employerId))
      .where(where)
      .orderBy(desc(vacancies.updatedAt), asc(vacancies.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(vacancies).where(where),
  ]);
  return { items: rows.map((r) => present(r.v, r.employer)), total: total?.n ?? 0 };
}

// ---- the public job board ----------------------------------------------------------------------------

export interface PublicFilter {
  q?: string | undefined;
  province?: string | undefined;
  district?: string | undefined;
  occupation?: string | undefined;
  /**
   * ISCO-08 unit groups the occupation text names in any of the three languages (the caller asks the
   * taxonomy's search): a vacancy coded with one of them matches as well as one whose typed occupation
   * contains the text.
   */
  occupationCodes?: readonly string[] | undefined;
  /** An ISCO-08 group of any level (1 to 4 digits): vacancies coded in it or below it. */
  isco?: string | undefined;
  contractType?: VacancyRow['contractType'] | undefined;
  accessible?: boolean | undefined;
  group?: string | undefined;
  page: number;
  pageSize: number;
}

/** Published vacancies open today, across organisations; no personal data. */
export async function listPublished(db: Db, today: string, filter: PublicFilter) {
  const conditions: SQL[] = [
    eq(vacancies.status, 'published'),
    or(isNull(vacancies.deadline), gte(vacancies.deadline, today))!,
    sql`${employers.status} <> 'suspended'`,
  ];
  if (filter.q) {
    const words = searchKey(filter.q).split(' ').filter(Boolean);
    for (const w of words) {
      const like = containsPattern(w);
      conditions.push(or(ilike(vacancies.titleKey, like), ilike(vacancies.occupationKey, like))!);
    }
  }
  if (filter.province) {
    const province = findProvince(filter.province);
    conditions.push(eq(vacancies.province, province?.name ?? filter.province));
    if (filter.district && province)
      conditions.push(eq(vacancies.district, findDistrict(province.name, filter.district) ?? filter.district));
  }
  if (filter.occupation) {
    const typed = ilike(vacancies.occupationKey, containsPattern(searchKey(filter.occupation)));
    const codes = [...(filter.occupationCodes ?? [])];
    conditions.push(codes.length > 0 ? or(typed, inArray(vacancies.iscoCode, codes))! : typed);
  }
  if (filter.isco) conditions.push(vacancyIscoFilter(filter.isco));
  if (filter.contractType) conditions.push(eq(vacancies.contractType, filter.contractType));
  if (filter.accessible) conditions.push(eq(vacancies.accessibleWorkplace, true));
  if (filter.group) conditions.push(sql`${filter.group} = ANY(${vacancies.suitableGroups})`);
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({ v: vacancies, employer: employers })
      .from(vacancies)
      .innerJoin(employers, eq(employers.id, vacancies.employerId))
      .where(where)
      .orderBy(desc(vacancies.publishedAt), asc(vacancies.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ n: count() }).from(vacancies).innerJoin(employers, eq(employers.id, vacancies.employerId)).where(where),
  ]);
  return { items: rows.map((r) => presentPublic(r.v, r.employer)), total: total?.n ?? 0 };
}

/** A vacancy the public board shows today: published, deadline not passed, employer not suspended. */
const openOnBoard = (id: string, today: string) =>
  and(
    eq(vacancies.id, id),
    eq(vacancies.status, 'published'),
    or(isNull(vacancies.deadline), gte(vacancies.deadline, today)),
    sql`${employers.status} <> 'suspended'`,
  );

export async function findPublished(db: Db, today: string, id: string) {
  const [row] = await db
    .select({ v: vacancies, employer: employers })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(openOnBoard(id, today));
  return row ? presentPublic(row.v, row.employer) : null;
}

/**
 * The organisation whose counsellors handle applications to a vacancy the public board shows today, or
 * null. For the server only (self-registration after "Apply"): the public answer does not carry it.
 */
export async function organisationOfPublished(db: Db, today: string, id: string): Promise<string | null> {
  const [row] = await db
    .select({ organisationId: vacancies.organisationId })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(openOnBoard(id, today));
  return row?.organisationId ?? null;
}

/** What the public may see of a vacancy: no contact people, no tax numbers, no internal notes. */
export function presentPublic(
  v: VacancyRow,
  employer: Pick<EmployerRow, 'legalName' | 'tradeName' | 'website' | 'province' | 'district'>,
) {
  return {
    id: v.id,
    title: v.title,
    occupation: v.occupation,
    /** The ISCO-08 unit group, when the link is sure (picked, found with a high score, or confirmed by staff). */
    iscoCode: v.iscoStatus && SURE_LINKS.includes(v.iscoStatus) ? v.iscoCode : null,
    duties: v.duties,
    requiredSkills: v.requiredSkills,
    preferredSkills: v.preferredSkills,
    employer: { name: employer.tradeName ?? employer.legalName, website: safeHttpUrl(employer.website) },
    province: v.province,
    district: v.district,
    remote: v.remote,
    positions: v.positions,
    contractType: v.contractType,
    startDate: v.startDate,
    hoursPerWeek: v.hoursPerWeek,
    shifts: v.shifts,
    wageMin: Number(v.wageMin),
    wageMax: v.wageMax === null ? null : Number(v.wageMax),
    wageBasis: v.wageBasis,
    benefits: v.benefits,
    childcareSupport: v.childcareSupport,
    accessibleWorkplace: v.accessibleWorkplace,
    suitableGroups: v.suitableGroups,
    deadline: v.deadline,
    publishedAt: v.publishedAt!.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}
export type PublicVacancy = ReturnType<typeof presentPublic>;
