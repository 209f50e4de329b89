import { and, eq, gte, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { employers, vacancies } from '../../db/schema/index.ts';
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
 * when neither is given).
 */
export async function publishedForMatching(
  ctx: Ctx,
  filter: {
    vacancyIds?: readonly string[];
    iscoGroups?: readonly string[];
    skillIds?: readonly string[];
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
    if (any.length) conditions.push(or(...any)!);
  }
  const rows = await ctx.db
    .select({ v: vacancies, employer: employers })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(and(...conditions))
    .limit(filter.limit);
  return rows.map(({ v, employer }) => ({
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
  }));
}
