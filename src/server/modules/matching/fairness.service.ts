import crypto from 'node:crypto';
import { and, between, eq, isNotNull, like, lt, sql, type SQL } from 'drizzle-orm';
import { matchingProposalTallies, matchingSeekerListings, matchingSeekerTallies } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { scopeOf } from '../../lib/access.ts';
import { problems } from '../../lib/errors.ts';
import { cellKey, suppress, type Relation } from '../../../common/disclosure.ts';
import { TARGET_GROUPS } from '../../../common/enums.ts';
import {
  addCounts,
  AGE_BANDS,
  countCells,
  FAIRNESS_DIMENSIONS,
  FAIRNESS_FLAG_RATIO,
  FAIRNESS_MEASURES,
  NO_GROUP,
  representationRatio,
  SEXES,
  SPECIAL_GROUPS,
  type FairnessDimension,
  type FairnessFacts,
} from '../../../common/matching-priority.ts';
import type { FairnessQuery, FairnessReport } from '../../../common/contracts/matching.ts';
import { thresholdOf } from '../indicators/index.ts';
import { priorityFactsOf } from '../people/index.ts';
import { referralFairnessFacts } from '../referrals/index.ts';

/**
 * The fairness monitor (docs/MATCHING.md, "Fairness monitor"). Proposals are not referrals: what the matcher
 * put on the first page of a vacancy's candidates is recorded as counts only (`matching_proposal_tallies`:
 * no person id, no name), with the eligible pool of the same listing. Referrals and hires come from the
 * referrals module, counted here by the facts people's index gives. Shown only as shares over every vacancy
 * of the filters, suppressed with the organisation's threshold (the indicators' `thresholdOf` and the
 * disclosure control of src/common/disclosure.ts).
 */

const toRecord = (m: Map<string, number>) => Object.fromEntries(m);

/**
 * Records the day's tally of one vacancy's listing (page 1): counts of the eligible pool and of the proposed.
 * The proposed counts replace the day's. The pool is counted exactly: by the listing itself when it loaded every
 * eligible person (`complete`: a pool the exact stage took whole), else by the `matching-fairness-pool` job, queued
 * in the same transaction as the day's first row of the vacancy (once per vacancy and day: the row is the
 * deduplication). Until that job has run the row's `eligible` is null and the report leaves the row out — never a
 * pool of the few hundred loaded, which undercounted it (docs/MATCHING.md, "Fairness monitor"). A later complete
 * listing of the day replaces the pool; an incomplete one keeps what was counted.
 */
export async function recordProposals(
  ctx: Ctx,
  input: {
    vacancyId: string;
    officeId: string | null;
    iscoCode: string | null;
    day: string;
    eligible: readonly (FairnessFacts | undefined)[];
    /** `eligible` is the whole eligible pool of the caller's scope (not only the best the listing loaded). */
    complete: boolean;
    proposed: readonly (FairnessFacts | undefined)[];
  },
): Promise<void> {
  const known = (list: readonly (FairnessFacts | undefined)[]) => list.filter((f): f is FairnessFacts => !!f);
  const eligible = input.complete ? toRecord(countCells(known(input.eligible), input.day)) : null;
  const proposed = toRecord(countCells(known(input.proposed), input.day));
  const actor = actorOf(ctx);
  const now = ctx.clock.now();
  // A later listing of the day (the common case) finds the day's row: one statement replaces its proposed counts
  // (and its pool, when this listing counted it) — what the upsert below would do to it, without a transaction.
  const updated = await ctx.db
    .update(matchingProposalTallies)
    .set({
      eligible: sql`coalesce(${eligible === null ? null : JSON.stringify(eligible)}::jsonb, ${matchingProposalTallies.eligible})`,
      proposed,
      officeId: input.officeId,
      iscoCode: input.iscoCode,
      updatedAt: now,
    })
    .where(
      and(
        eq(matchingProposalTallies.organisationId, actor.organisationId),
        eq(matchingProposalTallies.vacancyId, input.vacancyId),
        eq(matchingProposalTallies.listedOn, input.day),
      ),
    )
    .returning({ id: matchingProposalTallies.id });
  if (updated.length > 0) return;
  // The day's first listing of the vacancy: the row, and the pool's job with it in one transaction.
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(matchingProposalTallies)
      .values({
        organisationId: actor.organisationId,
        vacancyId: input.vacancyId,
        officeId: input.officeId,
        iscoCode: input.iscoCode,
        listedOn: input.day,
        eligible,
        proposed,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [
          matchingProposalTallies.organisationId,
          matchingProposalTallies.vacancyId,
          matchingProposalTallies.listedOn,
        ],
        set: {
          // A complete listing's pool replaces the day's; an incomplete one keeps it (or the pending count).
          eligible: sql.raw('coalesce(excluded.eligible, matching_proposal_tallies.eligible)'),
          proposed,
          officeId: input.officeId,
          iscoCode: input.iscoCode,
          updatedAt: now,
        },
      })
      .returning({ id: matchingProposalTallies.id, inserted: sql<boolean>`(xmax = 0)` });
    // The day's first row of the vacancy with a pool to count: its job (a later listing finds the row and adds none).
    if (row?.inserted && eligible === null) {
      const officeId = scopeOf(actor).officeId;
      await ctx.jobs.send({ db: tx }, 'matching-fairness-pool', {
        tallyId: row.id,
        organisationId: actor.organisationId,
        ...(officeId ? { officeId } : {}),
      });
    }
  });
}

type Group = { officeId: string | null; iscoCode: string | null; eligible: number; proposed: number };

/** The vacancies counted by office, then unit group: no key built per vacancy. */
function groupsOf(
  eligible: readonly { officeId: string | null; iscoCode: string | null }[],
  proposed: readonly { officeId: string | null; iscoCode: string | null }[],
): Map<string | null, Map<string | null, Group>> {
  const groups = new Map<string | null, Map<string | null, Group>>();
  const at = (v: { officeId: string | null; iscoCode: string | null }) => {
    let byCode = groups.get(v.officeId);
    if (!byCode) groups.set(v.officeId, (byCode = new Map<string | null, Group>()));
    let g = byCode.get(v.iscoCode);
    if (!g) byCode.set(v.iscoCode, (g = { officeId: v.officeId, iscoCode: v.iscoCode, eligible: 0, proposed: 0 }));
    return g;
  };
  for (const v of eligible) at(v).eligible++;
  for (const v of proposed) at(v).proposed++;
  return groups;
}

/**
 * Records the seeker's direction (a person's vacancies, page 1): the person's pairs with every eligible
 * vacancy (the pool) and with those on the page (the proposed), added to the day's counts by the vacancy's
 * office and ISCO code. Once per person and day — the first listing counts, later ones of the day add
 * nothing — remembered by a keyed hash of the person and the day (no person id is stored).
 */
export async function recordSeekerProposals(
  ctx: Ctx,
  input: {
    personId: string;
    day: string;
    facts: FairnessFacts | undefined;
    eligible: readonly { officeId: string | null; iscoCode: string | null }[];
    proposed: readonly { officeId: string | null; iscoCode: string | null }[];
  },
): Promise<void> {
  if (!input.facts || input.eligible.length === 0) return;
  const organisationId = actorOf(ctx).organisationId;
  const listingKey = crypto
    .createHmac('sha256', ctx.config.indexKey)
    .update(`fairness-listing|${organisationId}|${input.personId}|${input.day}`)
    .digest('hex');
  const cells = [...countCells([input.facts], input.day).keys()];
  const counted = (n: number) => Object.fromEntries(n > 0 ? cells.map((c) => [c, n]) : []);
  // jsonb counts added key by key, in the statement: concurrent listings of the same day do not lose counts.
  const add = (column: 'eligible' | 'proposed') =>
    sql.raw(`(SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM (SELECT k, sum(v::int) AS n FROM (
      SELECT * FROM jsonb_each_text(matching_seeker_tallies.${column})
      UNION ALL SELECT * FROM jsonb_each_text(excluded.${column})) AS x(k, v) GROUP BY k) AS y)`);
  await ctx.db.transaction(async (tx) => {
    await tx.delete(matchingSeekerListings).where(lt(matchingSeekerListings.listedOn, input.day));
    const [first] = await tx
      .insert(matchingSeekerListings)
      .values({ organisationId, listingKey, listedOn: input.day })
      .onConflictDoNothing()
      .returning({ key: matchingSeekerListings.listingKey });
    if (!first) return;
    // Grouped only by the day's first listing (the later ones add nothing): a cleaner has 29,000 eligible vacancies.
    const groups = groupsOf(input.eligible, input.proposed);
    const now = ctx.clock.now();
    for (const g of [...groups.values()].flatMap((byCode) => [...byCode.values()]))
      await tx
        .insert(matchingSeekerTallies)
        .values({
          organisationId,
          listedOn: input.day,
          officeId: g.officeId,
          iscoCode: g.iscoCode,
          eligible: counted(g.eligible),
          proposed: counted(g.proposed),
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: [
            matchingSeekerTallies.organisationId,
            matchingSeekerTallies.listedOn,
            matchingSeekerTallies.officeId,
            matchingSeekerTallies.iscoCode,
          ],
          set: { eligible: add('eligible'), proposed: add('proposed'), updatedAt: now },
        });
  });
}

/** The longest period one report covers (five years). */
const MAX_DAYS = 5 * 366;

const daysBetween = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** The cells each dimension shows, in order (special-category groups only for special-category:read). */
function cellsOf(dimension: FairnessDimension, seesSpecial: boolean): string[] {
  if (dimension === 'sex') return [...SEXES];
  if (dimension === 'age') return [...AGE_BANDS];
  return [...TARGET_GROUPS.filter((g) => seesSpecial || !SPECIAL_GROUPS.includes(g)), NO_GROUP];
}
const keyOf = (dimension: FairnessDimension, cell: string) => cellKey({ [dimension]: cell });

/** The additive relations of a family: the total is the sum of the sexes and of the age bands. */
const RELATIONS: Relation[] = [
  { parent: '', children: SEXES.map((s) => keyOf('sex', s)) },
  { parent: '', children: AGE_BANDS.map((a) => keyOf('age', a)) },
];

/** A family's counts with the suppressed cells removed (null: not shown). */
function released(values: Map<string, number>, threshold: number): (key: string) => number | null {
  const { suppressed } = suppress(values, RELATIONS, threshold);
  return (key) => (suppressed.has(key) ? null : (values.get(key) ?? 0));
}

export async function fairnessReport(ctx: Ctx, q: FairnessQuery): Promise<FairnessReport> {
  if (q.to < q.from) throw problems.invalid('/to', 'errors.matching.periodOrder');
  if (daysBetween(q.from, q.to) > MAX_DAYS) throw problems.invalid('/to', 'errors.matching.periodTooLong');
  const actor = actorOf(ctx);
  const seesSpecial = actor.permissions.has('special-category:read');
  // A holder without offices:all sees their own office only, whatever was asked.
  const officeId = scopeOf(actor).officeId ?? q.officeId;
  const conditions: SQL[] = [
    eq(matchingProposalTallies.organisationId, actor.organisationId),
    between(matchingProposalTallies.listedOn, q.from, q.to),
    // Proposals count with their pool only: a row waiting for the matching-fairness-pool job is not counted yet.
    isNotNull(matchingProposalTallies.eligible),
  ];
  if (officeId) conditions.push(eq(matchingProposalTallies.officeId, officeId));
  if (q.isco) conditions.push(like(matchingProposalTallies.iscoCode, `${q.isco}%`));
  const seekerConditions: SQL[] = [
    eq(matchingSeekerTallies.organisationId, actor.organisationId),
    between(matchingSeekerTallies.listedOn, q.from, q.to),
  ];
  if (officeId) seekerConditions.push(eq(matchingSeekerTallies.officeId, officeId));
  if (q.isco) seekerConditions.push(like(matchingSeekerTallies.iscoCode, `${q.isco}%`));
  const [vacancyTallies, seekerTallies, referralRows, threshold] = await Promise.all([
    ctx.db
      .select({ eligible: matchingProposalTallies.eligible, proposed: matchingProposalTallies.proposed })
      .from(matchingProposalTallies)
      .where(and(...conditions)),
    ctx.db
      .select({ eligible: matchingSeekerTallies.eligible, proposed: matchingSeekerTallies.proposed })
      .from(matchingSeekerTallies)
      .where(and(...seekerConditions)),
    referralFairnessFacts(ctx, q.from, q.to),
    thresholdOf(ctx),
  ]);
  // Both directions: a vacancy's candidates and a person's vacancies, as person–vacancy pairs.
  const tallies = [...vacancyTallies, ...seekerTallies];
  const pool = new Map<string, number>();
  const counts = {
    proposals: new Map<string, number>(),
    referrals: new Map<string, number>(),
    hires: new Map<string, number>(),
  };
  for (const t of tallies) {
    // A row whose pool is still being counted has no eligible counts yet: it is left out (rows filter it).
    addCounts(pool, Object.entries(t.eligible ?? {}));
    addCounts(counts.proposals, Object.entries(t.proposed));
  }
  const refs = referralRows.filter(
    (r) => (!officeId || r.officeId === officeId) && (!q.isco || (r.iscoCode ?? '').startsWith(q.isco)),
  );
  const facts = await priorityFactsOf(
    ctx,
    refs.map((r) => r.personId),
  );
  for (const r of refs) {
    const f = facts.get(r.personId);
    if (!f) continue;
    addCounts(counts.referrals, countCells([f], r.on));
    if (r.hired) addCounts(counts.hires, countCells([f], r.on));
  }
  const base = {
    from: q.from,
    to: q.to,
    threshold,
    flagRatio: FAIRNESS_FLAG_RATIO,
    ageBands: [...AGE_BANDS],
  };
  if (tallies.length === 0 && refs.length === 0) return { ...base, poolTotal: null, empty: true, tables: [] };
  const poolOf = released(pool, threshold);
  const poolTotal = poolOf('');
  const tables: FairnessReport['tables'] = [];
  for (const measure of FAIRNESS_MEASURES) {
    const countOf = released(counts[measure], threshold);
    const total = countOf('');
    for (const dimension of FAIRNESS_DIMENSIONS) {
      const rows = cellsOf(dimension, seesSpecial).map((cell) => {
        const key = keyOf(dimension, cell);
        const p = poolOf(key);
        const n = countOf(key);
        const ratio =
          p === null || n === null || poolTotal === null || total === null
            ? null
            : representationRatio(n, total, p, poolTotal);
        return {
          cell,
          pool: p,
          poolShare: p === null || !poolTotal ? null : Math.round((p / poolTotal) * 1000) / 1000,
          count: n,
          share: n === null || !total ? null : Math.round((n / total) * 1000) / 1000,
          ratio,
          flagged: ratio !== null && ratio < FAIRNESS_FLAG_RATIO,
        };
      });
      rows.push({
        cell: 'total',
        pool: poolTotal,
        poolShare: poolTotal ? 1 : null,
        count: total,
        share: total ? 1 : null,
        ratio: null,
        flagged: false,
      });
      tables.push({ measure, dimension, rows });
    }
  }
  return { ...base, poolTotal, empty: false, tables };
}
