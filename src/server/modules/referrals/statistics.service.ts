/**
 * Read-only facts of the referrals module for the indicators (issue 16): referrals sent to employers
 * between two Turkish dates, with the vacancy's ISCO-08 code. Counted by the indicators module, never
 * returned as rows.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { referrals, vacancies } from '../../db/schema/index.ts';

export async function referralStatistics(db: Db, organisationId: string, from: string, to: string) {
  return db
    .select({
      personId: referrals.personId,
      on: sql<string>`to_char(${referrals.sentAt} AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD')`,
      iscoCode: vacancies.iscoCode,
    })
    .from(referrals)
    .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .where(
      and(
        eq(referrals.organisationId, organisationId),
        isNotNull(referrals.sentAt),
        sql`(${referrals.sentAt} AT TIME ZONE 'Europe/Istanbul')::date BETWEEN ${from}::date AND ${to}::date`,
      ),
    );
}
