import { and, asc, eq, gt, gte, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { employers, vacancies } from '../../db/schema/index.ts';
import type { Db } from '../../db/client.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { turkishDate } from '../../../common/working-days.ts';
import type { MatchVacancy } from '../../../common/matching.ts';
import { termsOf } from './vacancies.service.ts';

export interface MatchVacancyRow extends MatchVacancy {
  title: string;
  occupation: string;
  employerName: string;
  province: string;
  /** The office that follows the employer (the fairness monitor's office). */
  officeId: string | null;
}

/**
 * Published vacancies of the caller's organisation (deadline not passed) with the facts matching needs:
 * one by id, or those under any of the ISCO groups or asking for any of the skills given (all of them
 * when neither is given), and with `uncoded` the vacancies without an ISCO code too.
 */
export async function publishedForMatching(
  ctx: Ctx,
  filter: {
    vacancyIds?: readonly string[];
    iscoGroups?: readonly string[];
    skillIds?: readonly string[];
    /** With the groups or skills: the uncoded vacancies too (they relate to everyone). */
    uncoded?: boolean;
    limit: number;
  },
): Promise<MatchVacancyRow[]> {
  const today = turkishDate(ctx.clock.now());
  const conditions: SQL[] = [
    eq(vacancies.organisationId, actorOf(ctx).organisationId),
    eq(vacancies.status, 'published'),
    or(isNull(vacancies.deadline), gte(vacancies.deadline, today))!,
  ];
  if (filter.vacancyIds) conditions.push(inArray(vacancies.id, [...filter.vacancyIds]));
  else {
    const any: SQL[] = [];
    for (const g of filter.iscoGroups ?? []) any.push(sql`${vacancies.iscoCode} LIKE ${`${g}%`}`);
    if (filter.skillIds?.length) {
      const list = sql`ARRAY[${sql.join(
        filter.skillIds.map((s) => sql`${s}`),
        sql`, `,
      )}]::text[]`;
      any.push(sql`(${vacancies.requiredSkillIds} && ${list} OR ${vacancies.preferredSkillIds} && ${list})`);
    }
    if (any.length && filter.uncoded) any.push(isNull(vacancies.iscoCode));
    if (any.length) conditions.push(or(...any)!);
  }
  const rows = await ctx.db
    .select({ v: vacancies, employer: employers })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(and(...conditions))
    .limit(filter.limit);
  return rows.map(({ v, employer }) => toMatchRow(v, employer));
}

/** A vacancy of the vacancy index: the facts matching reads, and what decides whether it is open today. */
export interface VacancyIndexRow {
  row: MatchVacancyRow;
  published: boolean;
  /** The last day to apply (null: none); the index leaves it out after that day. */
  deadline: string | null;
  /** The transaction that last changed it or its employer (`matching_xid`). */
  xid: string;
}

const indexRow = (
  v: typeof vacancies.$inferSelect,
  employer: typeof employers.$inferSelect,
  xid: string,
): VacancyIndexRow => ({
  row: toMatchRow(v, employer),
  published: v.status === 'published',
  deadline: v.deadline,
  xid,
});

/**
 * One page of the organisation's published vacancies for the build of matching's vacancy index, in id order after
 * `after` (docs/MATCHING.md, "The vacancy index"). Vacancies owns the tables; matching reads them here only.
 */
export async function vacancyIndexPage(
  db: Db,
  organisationId: string,
  after: string | null,
  limit: number,
): Promise<VacancyIndexRow[]> {
  const rows = await db
    .select({ v: vacancies, employer: employers, xid: sql<string>`${vacancies.matchingXid}::text` })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(
      and(
        eq(vacancies.organisationId, organisationId),
        eq(vacancies.status, 'published'),
        after === null ? undefined : gt(vacancies.id, after),
      ),
    )
    .orderBy(asc(vacancies.id))
    .limit(limit);
  return rows.map(({ v, employer, xid }) => indexRow(v, employer, xid));
}

/**
 * A sync of the vacancy index in one round trip: the organisation's vacancies (any status) stamped by transactions
 * at or after `horizon`, each row carrying the new horizon read in the same snapshot — every transaction below it
 * had ended then. No row: `horizon` is null (the caller keeps its own; nothing changed).
 */
export async function vacancyIndexCatchUp(
  db: Db,
  organisationId: string,
  horizon: string,
): Promise<{ horizon: string | null; rows: VacancyIndexRow[] }> {
  const rows = await db
    .select({
      v: vacancies,
      employer: employers,
      xid: sql<string>`${vacancies.matchingXid}::text`,
      horizon: sql<string>`pg_snapshot_xmin(pg_current_snapshot())::text`,
    })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(and(eq(vacancies.organisationId, organisationId), sql`${vacancies.matchingXid} >= ${horizon}::xid8`));
  return {
    horizon: rows[0] ? String(rows[0].horizon) : null,
    rows: rows.map(({ v, employer, xid }) => indexRow(v, employer, String(xid))),
  };
}

function toMatchRow(v: typeof vacancies.$inferSelect, employer: typeof employers.$inferSelect): MatchVacancyRow {
  return {
    id: v.id,
    employerId: v.employerId,
    title: v.title,
    occupation: v.occupation,
    employerName: employer.tradeName ?? employer.legalName,
    officeId: employer.officeId,
    province: v.province,
    iscoCode: v.iscoCode,
    requiredSkillIds: v.requiredSkillIds,
    preferredSkillIds: v.preferredSkillIds,
    requiredLicences: v.requiredLicences,
    requiredCertificates: v.requiredCertificates,
    iscedLevel: v.iscedLevel,
    languages: v.languages,
    shifts: v.shifts,
    hoursPerWeek: v.hoursPerWeek,
    district: v.district,
    remote: v.remote,
    startDate: v.startDate,
    childcareSupport: v.childcareSupport,
    accessibleWorkplace: v.accessibleWorkplace,
    terms: termsOf(v, employer),
  };
}
