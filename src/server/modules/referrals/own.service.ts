import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employers, referrals, vacancies } from '../../db/schema/index.ts';

/**
 * A job seeker's own applications, for their self-service page (GET /me/applications, people module): every
 * referral of the person to a vacancy, newest first, with the vacancy's title, the employer's name, the
 * stage and when it last moved. Nothing the employer or staff wrote about the person (reasons, pre-screen
 * notes) is returned. The person's id comes from the caller (the record linked to the seeker's account).
 */
export async function applicationsOfPerson(db: Db, organisationId: string, personId: string) {
  const rows = await db
    .select({
      id: referrals.id,
      status: referrals.status,
      source: referrals.source,
      interviewAt: referrals.interviewAt,
      createdAt: referrals.createdAt,
      updatedAt: referrals.updatedAt,
      vacancyTitle: vacancies.title,
      employerName: sql<string>`coalesce(${employers.tradeName}, ${employers.legalName})`,
      ranked: sql<boolean>`${referrals.match} is not null`,
    })
    .from(referrals)
    .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .innerJoin(employers, eq(employers.id, referrals.employerId))
    .where(and(eq(referrals.organisationId, organisationId), eq(referrals.personId, personId)))
    .orderBy(desc(referrals.updatedAt), desc(referrals.id));
  return rows.map((r) => ({
    id: r.id,
    vacancyTitle: r.vacancyTitle,
    employerName: r.employerName,
    status: r.status,
    source: r.source,
    interviewAt: r.status === 'interview' && r.interviewAt ? r.interviewAt.toISOString() : null,
    appliedAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    /** Proposed from matching's ranked lists: the person may ask for a review of how they were ranked. */
    ranked: r.ranked,
  }));
}

/**
 * A referral that matching ranked, with the match kept with it, for a review of that ranking (the
 * data-protection desk): null when the organisation has no such referral or it was not made from a ranked
 * list. The caller checks whose it is (`personId`).
 */
export async function rankedReferralOf(db: Db, organisationId: string, referralId: string) {
  const [row] = await db
    .select({
      id: referrals.id,
      personId: referrals.personId,
      match: referrals.match,
      vacancyTitle: vacancies.title,
      employerName: sql<string>`coalesce(${employers.tradeName}, ${employers.legalName})`,
    })
    .from(referrals)
    .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .innerJoin(employers, eq(employers.id, referrals.employerId))
    .where(and(eq(referrals.organisationId, organisationId), eq(referrals.id, referralId)));
  return row?.match ? { ...row, match: row.match } : null;
}
