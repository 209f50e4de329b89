import { and, eq, isNull } from 'drizzle-orm';
import { matchingProposalTallies } from '../../db/schema/index.ts';
import { jobActor, type Actor } from '../../lib/access.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { addCounts, countCells } from '../../../common/matching-priority.ts';
import { priorityFactsOf } from '../people/index.ts';
import { publishedForMatching } from '../vacancies/index.ts';
import { exhaustiveCandidates } from './matching.service.ts';

/**
 * The eligible pool of a vacancy's fairness tally, counted whole off the request path (docs/MATCHING.md,
 * "Fairness monitor"). A listing of a vacancy's candidates loads only the best few hundred of the matching
 * index's scan; when that is not the whole eligible pool, `recordProposals` stores the day's row with the pool
 * pending (`eligible` null) and queues this job in the same transaction. The job applies the same exclusions to
 * every person of the listing's scope (`exhaustiveCandidates`: the set the index scan counts, then the exact
 * stage's rules), counts their fairness facts (sex, age band on the listing day, target groups: people's
 * `priorityFactsOf`, as the listing counts them) and fills the row. Counts only: no person id is kept.
 */

/** Persons whose facts are read per query. */
const FACTS_CHUNK = 5000;

/** The listing's scope, as the job acts: the organisation, or one office of it. */
function poolActor(organisationId: string, officeId: string | null): Actor {
  return jobActor({
    job: 'matching-fairness-pool',
    organisationId,
    officeId,
    permissions: officeId ? ['persons:read'] : ['persons:read', 'offices:all'],
  });
}

export type PoolCountOutcome =
  { counted: number } | { skipped: 'no-tally' | 'already-counted' | 'vacancy-not-published' };

/**
 * The `matching-fairness-pool` job: idempotent (a tally already counted, or counted meanwhile by a listing that
 * loaded the whole pool, is left as it is). A vacancy no longer published when the job runs cannot be matched
 * again: its row stays pending and the report leaves it out.
 */
export async function countFairnessPool(
  ctx: Ctx,
  job: { tallyId: string; organisationId: string; officeId?: string | undefined },
): Promise<PoolCountOutcome> {
  const pending = and(
    eq(matchingProposalTallies.id, job.tallyId),
    eq(matchingProposalTallies.organisationId, job.organisationId),
  );
  const [tally] = await ctx.db
    .select({
      vacancyId: matchingProposalTallies.vacancyId,
      listedOn: matchingProposalTallies.listedOn,
      eligible: matchingProposalTallies.eligible,
    })
    .from(matchingProposalTallies)
    .where(pending);
  if (!tally) return { skipped: 'no-tally' };
  if (tally.eligible) return { skipped: 'already-counted' };
  const actx: Ctx = { ...ctx, actor: poolActor(job.organisationId, job.officeId ?? null) };
  const [vacancy] = await publishedForMatching(actx, { vacancyIds: [tally.vacancyId], limit: 1 });
  if (!vacancy) return { skipped: 'vacancy-not-published' };
  const ids = (await exhaustiveCandidates(actx, tally.vacancyId)).map((c) => c.personId);
  const cells = new Map<string, number>();
  for (let i = 0; i < ids.length; i += FACTS_CHUNK) {
    const facts = await priorityFactsOf(actx, ids.slice(i, i + FACTS_CHUNK));
    addCounts(cells, countCells([...facts.values()], tally.listedOn));
  }
  await ctx.db.transaction(async (tx) => {
    const done = await tx
      .update(matchingProposalTallies)
      .set({ eligible: Object.fromEntries(cells), updatedAt: ctx.clock.now() })
      .where(and(pending, isNull(matchingProposalTallies.eligible)))
      .returning({ id: matchingProposalTallies.id });
    if (done.length === 0) return;
    await audit(
      tx,
      { ...actx, db: tx },
      {
        action: 'matching.fairness-pool-counted',
        subjectType: 'vacancy',
        subjectId: tally.vacancyId,
        purpose: `pool:${ids.length}`,
        actorUserId: null,
        actorKind: 'system',
      },
    );
  });
  return { counted: ids.length };
}
