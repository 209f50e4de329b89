import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employers, placements } from '../../db/schema/index.ts';

export interface VerifiedWork {
  placementId: string;
  personId: string;
  employerName: string;
  jobTitle: string;
  startDate: string;
  netWage: number | null;
}

/**
 * The running jobs of persons that are verified as registered work (SGK) and started on or before a
 * date: what the graduation rule counts (docs/GRADUATION.md). The caller has checked access.
 */
export async function verifiedWorkOf(
  db: Db,
  organisationId: string,
  personIds: readonly string[],
  onDate: string,
): Promise<VerifiedWork[]> {
  if (personIds.length === 0) return [];
  const rows = await db
    .select({
      placementId: placements.id,
      personId: placements.personId,
      employerName: sql<string>`coalesce(${employers.tradeName}, ${employers.legalName})`,
      jobTitle: placements.jobTitle,
      startDate: placements.startDate,
      netWage: placements.netWage,
    })
    .from(placements)
    .innerJoin(employers, eq(employers.id, placements.employerId))
    .where(
      and(
        eq(placements.organisationId, organisationId),
        inArray(placements.personId, [...personIds]),
        eq(placements.status, 'active'),
        eq(placements.verification, 'verified'),
        lte(placements.startDate, onDate),
      ),
    );
  return rows.map((r) => ({ ...r, netWage: r.netWage === null ? null : Number(r.netWage) }));
}
