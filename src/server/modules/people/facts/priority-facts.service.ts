import { and, eq, inArray, isNull } from 'drizzle-orm';
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
  const [rows, groups, consented] = await Promise.all([
    ctx.db
      .select({ id: persons.id, sex: persons.sex, birthDate: persons.birthDate })
      .from(persons)
      .where(and(eq(persons.organisationId, org), inArray(persons.id, ids))),
    ctx.db
      .select({ personId: personTargetGroups.personId, group: personTargetGroups.group })
      .from(personTargetGroups)
      .where(and(eq(personTargetGroups.organisationId, org), inArray(personTargetGroups.personId, ids))),
    ctx.db
      .select({ personId: consents.personId })
      .from(consents)
      .where(
        and(
          eq(consents.organisationId, org),
          inArray(consents.personId, ids),
          eq(consents.purpose, 'priority-matching'),
          isNull(consents.withdrawnAt),
        ),
      ),
  ]);
  const consentSet = new Set(consented.map((c) => c.personId));
  for (const r of rows)
    out.set(r.id, { sex: r.sex, birthDate: r.birthDate, groups: [], priorityConsent: consentSet.has(r.id) });
  for (const g of groups) out.get(g.personId)?.groups.push(g.group);
  return out;
}
