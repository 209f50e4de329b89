import { and, asc, eq, inArray } from 'drizzle-orm';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { placements } from '../../db/schema/index.ts';
import type { PlacementSource, PlacementStatus, VerificationStatus } from '../../../common/placements.ts';

export interface PlacementStart {
  personId: string;
  employerId: string;
  startDate: string;
  source: PlacementSource;
  status: PlacementStatus;
  verification: VerificationStatus;
}

/**
 * The jobs these persons started (in the caller's organisation), oldest first: what employment after a
 * course and a project's placement indicators count (courses and programmes modules). Ids and dates
 * only; the caller has checked its access to the course or project the persons come from.
 */
export async function placementStartsOf(ctx: Ctx, personIds: readonly string[]): Promise<PlacementStart[]> {
  if (personIds.length === 0) return [];
  return ctx.db
    .select({
      personId: placements.personId,
      employerId: placements.employerId,
      startDate: placements.startDate,
      source: placements.source,
      status: placements.status,
      verification: placements.verification,
    })
    .from(placements)
    .where(
      and(eq(placements.organisationId, actorOf(ctx).organisationId), inArray(placements.personId, [...personIds])),
    )
    .orderBy(asc(placements.startDate), asc(placements.id));
}
