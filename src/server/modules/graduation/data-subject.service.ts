/**
 * What the graduation module holds on a person, for the access export of the data-protection desk
 * (KVKK art. 11): the graduations of households in which the person was the working member.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { graduations } from '../../db/schema/index.ts';
import { exportRows } from '../../lib/export-rows.ts';

export async function graduationDataOf(db: Db, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return { graduations: [] };
  const rows = await db
    .select()
    .from(graduations)
    .where(and(eq(graduations.organisationId, organisationId), inArray(graduations.personId, [...personIds])));
  return { graduations: exportRows(rows) };
}
