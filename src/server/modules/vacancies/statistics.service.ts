/**
 * Read-only facts of the vacancies module for the labour-market insights (issue 16): the vacancies
 * published in a date range, with what they ask (occupation, skills, district, wage, contract). No
 * employer names: the indicators module turns these into counts and medians.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { vacancies } from '../../db/schema/index.ts';

export interface DemandFact {
  vacancyId: string;
  employerId: string;
  /** The ISCO-08 unit group, or null while the typed title is not linked. */
  iscoCode: string | null;
  province: string;
  district: string | null;
  positions: number;
  wageMin: number;
  wageBasis: 'gross' | 'net';
  contractType: string;
  requiredSkillIds: string[];
  /** The Turkish date it was published. */
  publishedOn: string;
}

/** Vacancies first published between `from` and `to` (Turkish dates, included), whatever their state now. */
export async function demandStatistics(
  db: Db,
  organisationId: string,
  from: string,
  to: string,
): Promise<DemandFact[]> {
  const rows = await db
    .select({
      vacancyId: vacancies.id,
      employerId: vacancies.employerId,
      iscoCode: vacancies.iscoCode,
      province: vacancies.province,
      district: vacancies.district,
      positions: vacancies.positions,
      wageMin: vacancies.wageMin,
      wageBasis: vacancies.wageBasis,
      contractType: vacancies.contractType,
      requiredSkillIds: vacancies.requiredSkillIds,
      publishedOn: sql<string>`to_char(${vacancies.publishedAt} AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD')`,
    })
    .from(vacancies)
    .where(
      and(
        eq(vacancies.organisationId, organisationId),
        isNotNull(vacancies.publishedAt),
        sql`(${vacancies.publishedAt} AT TIME ZONE 'Europe/Istanbul')::date BETWEEN ${from}::date AND ${to}::date`,
      ),
    );
  return rows.map((r) => ({ ...r, wageMin: Number(r.wageMin) }));
}
