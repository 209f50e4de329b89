import { and, count, eq, inArray, notInArray } from 'drizzle-orm';
import { referrals } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { OPEN_STATUSES } from '../../../common/referral-workflow.ts';

/**
 * What matching needs of referrals (src/common/matching.ts): each person's open referrals (fair spread)
 * and the pairs already referred or refused (a referral withdrawn by staff or made obsolete does not count) —
 * with the vacancies given, or with any vacancy when `vacancyIds` is left out (the seeker's direction).
 */
export async function referralFacts(
  ctx: Ctx,
  input: { personIds: readonly string[]; vacancyIds?: readonly string[] | undefined },
): Promise<{ open: Map<string, number>; pairs: Set<string> }> {
  const org = actorOf(ctx).organisationId;
  if (input.personIds.length === 0) return { open: new Map(), pairs: new Set() };
  const [openRows, pairRows] = await Promise.all([
    ctx.db
      .select({ personId: referrals.personId, n: count() })
      .from(referrals)
      .where(
        and(
          eq(referrals.organisationId, org),
          inArray(referrals.personId, [...input.personIds]),
          inArray(referrals.status, [...OPEN_STATUSES]),
        ),
      )
      .groupBy(referrals.personId),
    input.vacancyIds === undefined || input.vacancyIds.length
      ? ctx.db
          .select({ personId: referrals.personId, vacancyId: referrals.vacancyId })
          .from(referrals)
          .where(
            and(
              eq(referrals.organisationId, org),
              inArray(referrals.personId, [...input.personIds]),
              ...(input.vacancyIds ? [inArray(referrals.vacancyId, [...input.vacancyIds])] : []),
              notInArray(referrals.status, ['withdrawn', 'obsolete']),
            ),
          )
      : Promise.resolve([]),
  ]);
  return {
    open: new Map(openRows.map((r) => [r.personId, r.n])),
    pairs: new Set(pairRows.map((r) => `${r.personId}:${r.vacancyId}`)),
  };
}
