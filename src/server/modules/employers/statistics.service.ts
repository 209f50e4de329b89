/**
 * Read-only facts of the employers module for the labour-market insights (issue 16): the economic
 * activity (NACE code) of employers, by id. Counted by the indicators module (hires by sector).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employers } from '../../db/schema/index.ts';

/** Each employer's NACE code, for the ids asked (unknown ids are left out). */
export async function naceCodesOf(
  db: Db,
  organisationId: string,
  employerIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(employerIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await db
      .select({ id: employers.id, naceCode: employers.naceCode })
      .from(employers)
      .where(and(eq(employers.organisationId, organisationId), inArray(employers.id, ids.slice(i, i + 5000))));
    for (const r of rows) out.set(r.id, r.naceCode);
  }
  return out;
}
