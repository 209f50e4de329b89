import { and, eq, inArray, sql } from 'drizzle-orm';
import { consents, persons, personTargetGroups } from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import type { TargetGroup } from '../../../../common/enums.ts';

/**
 * What the matching priority policy and the fairness monitor need of persons of the caller's organisation
 * (docs/MATCHING.md): sex, birth date, target groups, and whether the person consented to their Roma identity
 * or disability lifting them (`priority-matching`, read here so matching never reads consents itself).
 * Special-category groups are returned for the matcher's arithmetic only: callers never name them to a
 * viewer without special-category:read. Persons of another organisation are simply absent.
 */
export interface PriorityPersonFacts {
  sex: 'female' | 'male';
  birthDate: string;
  groups: TargetGroup[];
  priorityConsent: boolean;
}

export async function priorityFactsOf(
  ctx: Ctx,
  personIds: readonly string[],
): Promise<Map<string, PriorityPersonFacts>> {
  const out = new Map<string, PriorityPersonFacts>();
  if (personIds.length === 0) return out;
  const org = actorOf(ctx).organisationId;
  const ids = [...new Set(personIds)];
  // One statement (the matching exact stage reads these beside two other reads, on a pool of a few connections).
  // The outer row named with its table: in a selected expression drizzle leaves a column unqualified, and inside
  // the subqueries "id" would be the consent's own.
  const personId = sql`${sql.identifier('persons')}.${sql.identifier('id')}`;
  const rows = await ctx.db
    .select({
      id: persons.id,
      sex: persons.sex,
      birthDate: persons.birthDate,
      groups: sql<TargetGroup[]>`ARRAY(SELECT ${personTargetGroups.group}::text FROM ${personTargetGroups}
        WHERE ${personTargetGroups.personId} = ${personId} AND ${personTargetGroups.organisationId} = ${org})`,
      priorityConsent: sql<boolean>`EXISTS (SELECT 1 FROM ${consents} WHERE ${consents.personId} = ${personId}
        AND ${consents.organisationId} = ${org} AND ${consents.purpose} = 'priority-matching'
        AND ${consents.withdrawnAt} IS NULL)`,
    })
    .from(persons)
    .where(and(eq(persons.organisationId, org), inArray(persons.id, ids)));
  for (const r of rows)
    out.set(r.id, { sex: r.sex, birthDate: r.birthDate, groups: [...r.groups], priorityConsent: r.priorityConsent });
  return out;
}
