/**
 * What the childcare module holds on a person, for the access export of the data-protection desk
 * (KVKK art. 11): the care places and positions in line asked for her children.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { childcarePlaces } from '../../db/schema/index.ts';
import { exportRows } from '../../lib/export-rows.ts';

export async function childcareDataOf(db: Db, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return { childcarePlaces: [] };
  const rows = await db
    .select()
    .from(childcarePlaces)
    .where(and(eq(childcarePlaces.organisationId, organisationId), inArray(childcarePlaces.personId, [...personIds])));
  return { childcarePlaces: exportRows(rows) };
}
