import { and, desc, eq } from 'drizzle-orm';
import { matchingPriorityPolicies, users } from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { problems } from '../../lib/errors.ts';
import { uniqueAs } from '../../lib/db-errors.ts';
import { t } from '../../lib/i18n.ts';
import {
  MAX_GROUP_LIFT,
  MAX_TOTAL_LIFT,
  normaliseLifts,
  priorityLift,
  visibleLiftGroups,
  type PriorityLift,
  type PriorityLifts,
} from '../../../common/matching-priority.ts';
import type { PriorityPolicyVersion } from '../../../common/contracts/matching.ts';
import { priorityFactsOf, type PriorityPersonFacts } from '../people/index.ts';

/**
 * The organisation's priority policy (docs/MATCHING.md, "Priority policy"): versioned lifts per target
 * group, changed by managers (`matching:policy`), applied by the matcher within the eligible pool.
 */

type PolicyRow = typeof matchingPriorityPolicies.$inferSelect;

const versionOf = (row: PolicyRow | undefined, changedBy: string | null): PriorityPolicyVersion => ({
  version: row?.version ?? null,
  lifts: row?.lifts ?? {},
  note: row?.note ?? null,
  changedBy: row ? changedBy : null,
  changedAt: row?.changedAt.toISOString() ?? null,
  maxGroupLift: MAX_GROUP_LIFT,
  maxTotalLift: MAX_TOTAL_LIFT,
});

async function versions(ctx: Ctx, limit?: number) {
  const q = ctx.db
    .select({ p: matchingPriorityPolicies, by: users.fullName })
    .from(matchingPriorityPolicies)
    .leftJoin(users, eq(users.id, matchingPriorityPolicies.changedBy))
    .where(eq(matchingPriorityPolicies.organisationId, actorOf(ctx).organisationId))
    .orderBy(desc(matchingPriorityPolicies.version));
  return limit ? q.limit(limit) : q;
}

export async function priorityPolicy(ctx: Ctx): Promise<PriorityPolicyVersion> {
  const [row] = await versions(ctx, 1);
  return versionOf(row?.p, row?.by ?? null);
}

export async function priorityPolicyHistory(ctx: Ctx): Promise<{ items: PriorityPolicyVersion[] }> {
  const rows = await versions(ctx);
  return { items: rows.map((r) => versionOf(r.p, r.by)) };
}

/** Puts a new version in force; the audit event is written in the same transaction. */
export async function updatePriorityPolicy(
  ctx: Ctx,
  body: { lifts: PriorityLifts; note?: string | undefined },
): Promise<PriorityPolicyVersion> {
  const actor = actorOf(ctx);
  const lifts = normaliseLifts(body.lifts);
  await inTransaction(ctx, async (tx) => {
    const [last] = await tx.db
      .select({ version: matchingPriorityPolicies.version })
      .from(matchingPriorityPolicies)
      .where(eq(matchingPriorityPolicies.organisationId, actor.organisationId))
      .orderBy(desc(matchingPriorityPolicies.version))
      .limit(1);
    const version = (last?.version ?? 0) + 1;
    await uniqueAs(
      () => problems.conflict('errors.matching.policyChanged'),
      () =>
        tx.db.insert(matchingPriorityPolicies).values({
          organisationId: actor.organisationId,
          version,
          lifts,
          note: body.note?.trim() || null,
          changedBy: actor.userId,
          changedAt: ctx.clock.now(),
        }),
    );
    await audit(tx.db, tx, {
      action: 'matching.priority-policy-updated',
      subjectType: 'settings',
      subjectId: 'matching-priority',
      purpose: `version ${version}: ${
        Object.entries(lifts)
          .map(([g, w]) => `${g}+${w}`)
          .join(', ') || 'none'
      }`,
    });
  });
  return priorityPolicy(ctx);
}

/** The lifts in force for this organisation (empty without a policy). */
export async function liftsInForce(ctx: Ctx): Promise<PriorityLifts> {
  const [row] = await ctx.db
    .select({ lifts: matchingPriorityPolicies.lifts })
    .from(matchingPriorityPolicies)
    .where(and(eq(matchingPriorityPolicies.organisationId, actorOf(ctx).organisationId)))
    .orderBy(desc(matchingPriorityPolicies.version))
    .limit(1);
  return row?.lifts ?? {};
}

/**
 * The most points a policy (`liftsInForce`) can add to anyone's score: each group's lift summed, at most
 * MAX_TOTAL_LIFT (the matching index widens its candidates by it: docs/MATCHING.md, "The matching index").
 */
export function largestLift(policy: PriorityLifts): number {
  const sum = Object.values(policy).reduce((a: number, b) => a + Math.min(MAX_GROUP_LIFT, Math.max(0, b ?? 0)), 0);
  return Math.min(MAX_TOTAL_LIFT, sum);
}

/**
 * The facts of the eligible persons (people's `priorityFactsOf`, also what the fairness tallies count) and
 * the lift of each under the policy in force (`inForce`: already read by the caller).
 */
export async function liftsFor(
  ctx: Ctx,
  personIds: readonly string[],
  inForce?: PriorityLifts,
): Promise<{ facts: Map<string, PriorityPersonFacts>; lifts: Map<string, PriorityLift> }> {
  const [policy, facts] = await Promise.all([inForce ?? liftsInForce(ctx), priorityFactsOf(ctx, personIds)]);
  const lifts = new Map<string, PriorityLift>();
  if (Object.keys(policy).length > 0)
    for (const [id, f] of facts) {
      const lift = priorityLift(f, policy);
      if (lift.points > 0) lifts.set(id, lift);
    }
  return { facts, lifts };
}

const seesSpecial = (ctx: Ctx) => actorOf(ctx).permissions.has('special-category:read');

/** The lift as the caller may see it: special-category groups named only with special-category:read. */
export function presentLift(ctx: Ctx, lift: PriorityLift | undefined) {
  if (!lift) return null;
  const { named, hidden } = visibleLiftGroups(lift.groups, seesSpecial(ctx));
  return { points: lift.points, groups: hidden ? [] : named, unnamed: hidden };
}

/** The part of the explanation sentence that says which lift applied, in the caller's language. */
export function liftSentence(ctx: Ctx, lift: PriorityLift | undefined): string | null {
  const shown = presentLift(ctx, lift);
  if (!shown) return null;
  if (shown.unnamed || shown.groups.length === 0)
    return t(ctx.locale, 'matching.priority.liftUnnamed', { points: shown.points });
  return t(ctx.locale, 'matching.priority.lift', {
    groups: shown.groups.map((g) => t(ctx.locale, `groups.names.${g}`)).join(', '),
    points: shown.points,
  });
}
