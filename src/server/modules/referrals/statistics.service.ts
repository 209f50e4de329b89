/**
 * Read-only facts of the referrals module for the indicators (issue 16): referrals sent to employers
 * between two Turkish dates, with the vacancy's ISCO-08 code. Counted by the indicators module, never
 * returned as rows.
 */
import { and, eq, isNotNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employers, referrals, vacancies } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { turkishDate, workingDaysBetween } from '../../../common/working-days.ts';
import { workingCalendar } from '../reference/index.ts';

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

/**
 * Employers' first answers between two Turkish dates (the answer's date): the person referred, the
 * vacancy's ISCO-08 code and the working days from sending to that first answer (the same count as the
 * employer's answering record). Counted by the indicators module, never returned as rows.
 */
export async function referralResponseStatistics(db: Db, organisationId: string, from: string, to: string) {
  const rows = await db
    .select({
      personId: referrals.personId,
      sentAt: referrals.sentAt,
      answeredAt: referrals.answeredAt,
      iscoCode: vacancies.iscoCode,
    })
    .from(referrals)
    .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .where(
      and(
        eq(referrals.organisationId, organisationId),
        isNotNull(referrals.sentAt),
        isNotNull(referrals.answeredAt),
        sql`(${referrals.answeredAt} AT TIME ZONE 'Europe/Istanbul')::date BETWEEN ${from}::date AND ${to}::date`,
      ),
    );
  if (rows.length === 0) return [];
  const calendar = await workingCalendar(db);
  return rows.map((r) => {
    const on = turkishDate(r.answeredAt!);
    return {
      personId: r.personId,
      on,
      iscoCode: r.iscoCode,
      workingDays: workingDaysBetween(turkishDate(r.sentAt!), on, calendar),
    };
  });
}

/**
 * Referrals for the matching fairness monitor (docs/MATCHING.md): those proposed between two Turkish dates
 * (not withdrawn or made obsolete), with the vacancy's ISCO-08 code, the office following its employer and
 * whether the person was hired. Counted by the matching module by sex, age band and target group, never
 * returned as rows.
 */
export async function referralFairnessFacts(ctx: Ctx, from: string, to: string) {
  return ctx.db
    .select({
      personId: referrals.personId,
      on: sql<string>`to_char(${referrals.createdAt} AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD')`,
      iscoCode: vacancies.iscoCode,
      officeId: employers.officeId,
      hired: sql<boolean>`${referrals.status} = 'hired'`,
    })
    .from(referrals)
    .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .innerJoin(employers, eq(employers.id, referrals.employerId))
    .where(
      and(
        eq(referrals.organisationId, actorOf(ctx).organisationId),
        notInArray(referrals.status, ['withdrawn', 'obsolete']),
        sql`(${referrals.createdAt} AT TIME ZONE 'Europe/Istanbul')::date BETWEEN ${from}::date AND ${to}::date`,
      ),
    );
}
