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
  }));
}
