/**
 * Read-only facts of the placements module for the indicators (issue 16): placements that started,
 * their verification as registered work, the retention follow-ups recorded, and each person's job
 * starts. Counted by the indicators module, never returned as rows.
 */
import { and, eq, gte, inArray, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { placementFollowUps, placements, vacancies } from '../../db/schema/index.ts';

/** Placements that started between two dates (a placement waiting for its work permit has not started). */
export async function placementStatistics(db: Db, organisationId: string, from: string, to: string) {
  return db
    .select({
      personId: placements.personId,
      officeId: placements.officeId,
      on: placements.startDate,
      verified: sql<boolean>`${placements.verification} = 'verified'`,
      iscoCode: vacancies.iscoCode,
      employerId: placements.employerId,
    })
    .from(placements)
    .leftJoin(vacancies, eq(vacancies.id, placements.vacancyId))
    .where(
      and(
        eq(placements.organisationId, organisationId),
        ne(placements.status, 'awaiting-permit'),
        gte(placements.startDate, from),
        lte(placements.startDate, to),
      ),
    );
}

/** Retention follow-ups (3, 6, 12 months) recorded between two dates: still working or not. */
export async function followUpStatistics(db: Db, organisationId: string, from: string, to: string) {
  return db
    .select({
      personId: placements.personId,
      officeId: placements.officeId,
      milestone: placementFollowUps.milestone,
      on: sql<string>`to_char(${placementFollowUps.recordedAt} AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD')`,
      working: sql<boolean>`${placementFollowUps.outcome} <> 'not-working'`,
      iscoCode: vacancies.iscoCode,
    })
    .from(placementFollowUps)
    .innerJoin(placements, eq(placements.id, placementFollowUps.placementId))
    .leftJoin(vacancies, eq(vacancies.id, placements.vacancyId))
    .where(
      and(
        eq(placementFollowUps.organisationId, organisationId),
        inArray(placementFollowUps.milestone, ['3m', '6m', '12m']),
        eq(placementFollowUps.status, 'recorded'),
        sql`(${placementFollowUps.recordedAt} AT TIME ZONE 'Europe/Istanbul')::date BETWEEN ${from}::date AND ${to}::date`,
      ),
    );
}

/** Every started placement of these persons (any date): for first jobs and employment after a course. */
export async function jobStartsOf(db: Db, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  const out: { personId: string; officeId: string; on: string; iscoCode: string | null }[] = [];
  const ids = [...new Set(personIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    out.push(
      ...(await db
        .select({
          personId: placements.personId,
          officeId: placements.officeId,
          on: placements.startDate,
          iscoCode: vacancies.iscoCode,
        })
        .from(placements)
        .leftJoin(vacancies, eq(vacancies.id, placements.vacancyId))
        .where(
          and(
            eq(placements.organisationId, organisationId),
            ne(placements.status, 'awaiting-permit'),
            inArray(placements.personId, ids.slice(i, i + 5000)),
          ),
        )),
    );
  }
  return out;
}

/** The persons whose first started placement is between two dates. */
export async function firstJobStatistics(db: Db, organisationId: string, from: string, to: string) {
  const first = db
    .select({ personId: placements.personId, first: sql<string>`min(${placements.startDate})`.as('first') })
    .from(placements)
    .where(and(eq(placements.organisationId, organisationId), ne(placements.status, 'awaiting-permit')))
    .groupBy(placements.personId)
    .as('first_jobs');
  const rows = await db
    .select({ personId: first.personId })
    .from(first)
    .where(sql`${first.first} BETWEEN ${from}::date AND ${to}::date`);
  return jobStartsOf(
    db,
    organisationId,
    rows.map((r) => r.personId),
  );
}

/** How many hires (placements, started or waiting for a permit) each of these vacancies has led to. */
export async function hiresOfVacancies(
  db: Db,
  organisationId: string,
  vacancyIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const ids = [...new Set(vacancyIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .select({ vacancyId: placements.vacancyId, n: sql<number>`count(*)::int` })
      .from(placements)
      .where(and(eq(placements.organisationId, organisationId), inArray(placements.vacancyId, ids.slice(i, i + 5000))))
      .groupBy(placements.vacancyId);
    for (const r of rows) if (r.vacancyId) out.set(r.vacancyId, r.n);
  }
  return out;
}
