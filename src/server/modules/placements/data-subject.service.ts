/**
 * What the placements module holds on a person, for the access export of the data-protection desk
 * (KVKK art. 11): the placements and their retention follow-ups.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { placementFollowUps, placements } from '../../db/schema/index.ts';
import { exportRows } from '../../lib/export-rows.ts';

export async function placementDataOf(db: Db, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return { placements: [], placementFollowUps: [] };
  const rows = await db
    .select()
    .from(placements)
    .where(and(eq(placements.organisationId, organisationId), inArray(placements.personId, [...personIds])));
  const followUps = rows.length
    ? await db
        .select()
        .from(placementFollowUps)
        .where(
          and(
            eq(placementFollowUps.organisationId, organisationId),
            inArray(
              placementFollowUps.placementId,
              rows.map((r) => r.id),
            ),
          ),
        )
    : [];
  return { placements: exportRows(rows), placementFollowUps: exportRows(followUps) };
}
