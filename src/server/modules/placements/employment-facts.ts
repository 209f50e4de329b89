/**
 * Employment facts other modules count on (the childcare module's priority and its report; the
 * indicators to come): each placement's dates, status and verification, no wages, no employer.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { placements } from '../../db/schema/index.ts';
import type { PlacementStatus, VerificationStatus } from '../../../common/placements.ts';

export interface EmploymentFact {
  personId: string;
  status: PlacementStatus;
  startDate: string;
  endDate: string | null;
  verification: VerificationStatus;
}

export async function employmentFactsOf(
  db: Db,
  organisationId: string,
  personIds: readonly string[],
): Promise<EmploymentFact[]> {
  if (personIds.length === 0) return [];
  return db
    .select({
      personId: placements.personId,
      status: placements.status,
      startDate: placements.startDate,
      endDate: placements.endDate,
      verification: placements.verification,
    })
    .from(placements)
    .where(and(eq(placements.organisationId, organisationId), inArray(placements.personId, [...personIds])));
}
