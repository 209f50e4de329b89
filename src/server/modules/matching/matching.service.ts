import { eq } from 'drizzle-orm';
import { matchingSettings } from '../../db/schema/index.ts';
import type { Db } from '../../db/client.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { DEFAULT_MATCHING_POOL_SIZE } from '../../config/config.ts';
import { audit } from '../../lib/audit.ts';
import { problems } from '../../lib/errors.ts';
import { scopeOf } from '../../lib/access.ts';
import { t } from '../../lib/i18n.ts';
import {
  DEFAULT_MAX_OPEN_REFERRALS,
  exclusions,
  explanationParts,
  RELATED_THRESHOLD,
  rotationKey,
  scoreMatch,
  type ExclusionRule,
  type MatchContext,
  type MatchPerson,
  type MatchResult,
  type MatchVacancy,
  type StoredMatch,
} from '../../../common/matching.ts';
import { term, type MessageParams } from '../../../common/message-format.ts';
import type {
  Candidate,
  KeptMatch,
  LinkReview,
  MatchingSettings,
  VacancyMatch,
} from '../../../common/contracts/matching.ts';
import { essentialSkills as essentialSkillsCached, iscoTitles } from '../taxonomy/index.ts';
import { commuteMinutes } from './commute.ts';
import {
  confirmPersonLink,
  linkPendingPersons,
  loadPerson,
  matchingPool,
  matchingPoolIds,
  personLinkReviews,
  type MatchPersonRow,
  type PriorityPersonFacts,
} from '../people/index.ts';
import {
  confirmVacancyLink,
  linkPendingVacancies,
  loadVacancy,
  publishedForMatching,
  ruleContext,
  vacancyLinkReviews,
  type MatchVacancyRow,
} from '../vacancies/index.ts';
import { proposeReferral, referralFacts, storedMatchOf } from '../referrals/index.ts';
import { largestLift, liftSentence, liftsFor, liftsInForce, presentLift } from './priority.service.ts';
import { matchingIndexOf } from './matching-index.service.ts';
import { vacancyIndexOf } from './vacancy-index.service.ts';
import { best, type MatchingIndex } from './matching-index.ts';
import { rankVacanciesForPerson } from './seeker-ranking.ts';
import { recordProposals, recordSeekerProposals } from './fairness.service.ts';
import type { PriorityLift, PriorityLifts } from '../../../common/matching-priority.ts';

/**
 * Two-way matching (docs/MATCHING.md): candidate generation in SQL on the coded columns (ISCO groups and
 * skill ids, GIN-indexed), then the hard constraints and the exact score of src/common/matching.ts on each
 * row, ranked with equally good results rotated by day. Advisory: nothing here refers anyone.
 */

/**
 * At most this many rows are scored per query: candidate generation narrows the pool first, and an SQL
 * estimate of the score keeps the likely top when more qualify (`rankFor` of `matchingPool`).
 */
const poolSize = (ctx: Ctx) => ctx.config.matchingPoolSize ?? DEFAULT_MATCHING_POOL_SIZE;

export async function matchingSettingsOf(ctx: Ctx): Promise<MatchingSettings> {
  const [row] = await ctx.db
    .select()
    .from(matchingSettings)
    .where(eq(matchingSettings.organisationId, actorOf(ctx).organisationId));
  return { maxOpenReferrals: row?.maxOpenReferrals ?? DEFAULT_MAX_OPEN_REFERRALS };
}

export async function updateMatchingSettings(ctx: Ctx, patch: Partial<MatchingSettings>): Promise<MatchingSettings> {
  const before = await matchingSettingsOf(ctx);
  const next = { ...before, ...patch };
  if (next.maxOpenReferrals === before.maxOpenReferrals) return before;
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await tx
      .insert(matchingSettings)
      .values({
        organisationId: actorOf(ctx).organisationId,
        maxOpenReferrals: next.maxOpenReferrals,
        updatedBy: actorOf(ctx).userId,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: matchingSettings.organisationId,
        set: { maxOpenReferrals: next.maxOpenReferrals, updatedBy: actorOf(ctx).userId, updatedAt: now },
      });
    await audit(
      tx,
      { ...ctx, db: tx },
      {
        action: 'matching.settings-updated',
        subjectType: 'settings',
        subjectId: 'matching',
        fields: ['maxOpenReferrals'],
      },
    );
  });
  return next;
}

/**
 * Essential skills of every unit group (a few thousand pairs), for "related through shared skills": kept by the
 * taxonomy between queries while their fingerprint is unchanged (one short read instead of every pair).
 */
const allEssentialSkills = (db: Db) => essentialSkillsCached(db);

/** Unit groups related to `code` through shared essential skills. */
function relatedGroups(code: string, skills: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const target = skills.get(code);
  if (!target || target.size === 0) return [];
  const out: string[] = [];
  for (const [other, set] of skills) {
    if (other === code || set.size === 0) continue;
    let common = 0;
    for (const s of set) if (target.has(s)) common++;
    if (common / (set.size + target.size - common) >= RELATED_THRESHOLD) out.push(other);
  }
  return out;
}

const seesSpecial = (ctx: Ctx) => ctx.actor?.permissions.has('special-category:read') ?? false;

/** An occupation factor names its unit group by code: the title in the caller's language is added. */
function withTitle(params: MessageParams, titles: ReadonlyMap<string, string>): MessageParams {
  const code = params.code;
  return typeof code === 'string' ? { ...params, title: titles.get(code) ?? code } : params;
}

function sentence(ctx: Ctx, r: MatchResult, titles: ReadonlyMap<string, string>, lift?: PriorityLift): string {
  const parts = explanationParts(r, seesSpecial(ctx)).map((p) => t(ctx.locale, p.code, withTitle(p.params, titles)));
  const lifted = liftSentence(ctx, lift);
  if (lifted) parts.push(lifted);
  // Arabic separates clauses with its own semicolon.
  const text = parts.join(ctx.locale === 'ar' ? '؛ ' : '; ');
  return text ? text.charAt(0).toLocaleUpperCase(ctx.locale) + text.slice(1) + '.' : '';
}

function presentFactors(ctx: Ctx, r: MatchResult, titles: ReadonlyMap<string, string>) {
  const special = seesSpecial(ctx);
  return r.factors.map((f) => {
    const hidden = f.special && !special;
    const code = hidden ? (f.value >= 1 ? 'matching.factor.care.suits' : 'matching.factor.care.doesNotSuit') : f.code;
    const params = hidden ? {} : withTitle(f.params, titles);
    return {
      factor: f.factor,
      weight: f.weight,
      value: f.value,
      points: f.points,
      message: t(ctx.locale, code, params),
    };
  });
}

interface Scored<T> {
  item: T;
  result: MatchResult;
  rotation: number;
  /** The priority policy's lift, already added to result.score. */
  lift?: PriorityLift | undefined;
}

/** Adds the priority lift to the score (within the eligible pool only: called after the exclusions). */
function lifted(result: MatchResult, lift: PriorityLift | undefined): MatchResult {
  return lift ? { ...result, score: Math.round((result.score + lift.points) * 10) / 10 } : result;
}

function rank<T extends { id: string }>(list: Scored<T>[]): Scored<T>[] {
  return list.sort(
    (a, b) => b.result.score - a.result.score || a.rotation - b.rotation || a.item.id.localeCompare(b.item.id),
  );
}

function countExclusions(counts: Record<string, number>, rules: ExclusionRule[]) {
  for (const r of rules) counts[r] = (counts[r] ?? 0) + 1;
}

async function matchContext(
  ctx: Ctx,
  people: readonly MatchPersonRow[],
  /** null: the pairs with any vacancy (one person's, the seeker's direction). */
  vacancyRows: readonly MatchVacancy[] | null,
  essentialSkills: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<{ mc: MatchContext; open: Map<string, number> }> {
  const [rules, settings, facts] = await Promise.all([
    ruleContext(ctx),
    matchingSettingsOf(ctx),
    referralFacts(ctx, { personIds: people.map((p) => p.id), vacancyIds: vacancyRows?.map((v) => v.id) }),
  ]);
  return {
    mc: {
      rules,
      maxOpenReferrals: settings.maxOpenReferrals,
      essentialSkills,
      referred: facts.pairs,
      commute: commuteMinutes,
    },
    open: facts.open,
  };
}

const withOpen = (p: MatchPersonRow, open: Map<string, number>): MatchPerson => ({
  ...p,
  openReferrals: open.get(p.id) ?? 0,
});

type CandidatesQuery = { page: number; pageSize: number; minScore?: number | undefined };

/** Ranked candidates for a vacancy of the caller's organisation (404 otherwise). */
export async function candidatesForVacancy(ctx: Ctx, vacancyId: string, q: CandidatesQuery) {
  // Independent reads side by side (one round trip's wait instead of six; the pool's connections serve them).
  const [{ v, employer }, [vacancy], essentialSkills, index, rules, settings, policy] = await Promise.all([
    loadVacancy(ctx.db, ctx, vacancyId),
    publishedForMatching(ctx, { vacancyIds: [vacancyId], limit: 1 }),
    allEssentialSkills(ctx.db),
    matchingIndexOf(ctx),
    ruleContext(ctx),
    matchingSettingsOf(ctx),
    liftsInForce(ctx),
  ]);
  if (v.status !== 'published' || !vacancy) throw problems.conflict('errors.matching.vacancyNotPublished', '/id');
  // While the organisation's index is being built, the SQL pool answers.
  if (!index) return candidatesFromPool(ctx, vacancy, employer.officeId, essentialSkills, q);
  return candidatesFromIndex(ctx, index, vacancy, employer.officeId, essentialSkills, q, {
    rules,
    maxOpenReferrals: settings.maxOpenReferrals,
    policy,
  });
}

/**
 * Candidate generation by the matching index (docs/MATCHING.md, "The matching index"): the scan checks the hard
 * constraints it can and scores every person of the scope exactly as scoreMatch (an upper bound where an
 * accessibility need could lower the care factor); then the best by that score are loaded and checked, scored and
 * lifted exactly as before, `poolSize` at a time, until the last result the page needs scores at least the next
 * candidate's bound plus the largest lift of the policy — nobody not loaded could rank above.
 */
async function candidatesFromIndex(
  ctx: Ctx,
  index: MatchingIndex,
  vacancy: MatchVacancy,
  officeId: string | null,
  essentialSkills: ReadonlyMap<string, ReadonlySet<string>>,
  q: CandidatesQuery,
  read: { rules: MatchContext['rules']; maxOpenReferrals: number; policy: PriorityLifts },
) {
  const vacancyId = vacancy.id;
  const { rules, policy } = read;
  const maxLift = largestLift(policy);
  const today = rules.today;
  const scan = index.scan(vacancy, {
    officeId: scopeOf(actorOf(ctx)).officeId,
    today,
    commute: commuteMinutes,
    essentialSkills,
    ...(q.minScore !== undefined ? { minBound: q.minScore - maxLift } : {}),
  });
  const rot = index.rotationKeys(today);
  const need = q.page * q.pageSize;
  // Loaded a few at a time: the page and as many again (KOPRU_MATCHING_POOL_SIZE caps it, as it capped the pool).
  const batch = Math.max(1, Math.min(poolSize(ctx), Math.max(need * 2, 100)));
  const excluded: Record<string, number> = { ...scan.excluded };
  const scored: Scored<MatchPersonRow>[] = [];
  const eligible: MatchPersonRow[] = [];
  const facts = new Map<string, PriorityPersonFacts>();
  let order: Int32Array = new Int32Array(0);
  let taken = 0;
  const before = (score: number, rotation: number, r: Scored<MatchPersonRow>) =>
    score > r.result.score || (score === r.result.score && rotation < r.rotation);
  // The order holds one candidate past the batch, so that the settling test needs no new selection.
  const select = () => (order = best(scan, rot, Math.min(scan.count, taken + batch + 1)));
  for (;;) {
    if (taken >= order.length && order.length < scan.count) select();
    if (taken >= order.length) break;
    if (scored.length >= need) {
      const next = order[taken]!;
      // The page is settled when the next candidate cannot rank above its last result.
      if (!before(scan.scores[next]! + maxLift, rot[scan.slots[next]!]!, scored[need - 1]!)) break;
    }
    if (order.length - taken < batch && order.length < scan.count) select();
    const ids = Array.from(order.subarray(taken, taken + batch), (k) => index.idOf(scan.slots[k]!));
    taken += ids.length;
    // The rows, their referral facts and their priority facts side by side (the ids are known): one wait.
    const [pool, referred, lifts] = await Promise.all([
      matchingPool(ctx, { personIds: ids, limit: ids.length }),
      referralFacts(ctx, { personIds: ids, vacancyIds: [vacancyId] }),
      liftsFor(ctx, ids, policy),
    ]);
    const mc: MatchContext = {
      rules,
      maxOpenReferrals: read.maxOpenReferrals,
      essentialSkills,
      referred: referred.pairs,
      commute: commuteMinutes,
    };
    const ok: MatchPersonRow[] = [];
    for (const row of pool) {
      const out = exclusions(withOpen(row, referred.open), vacancy, mc);
      if (out.length) {
        countExclusions(
          excluded,
          out.map((e) => e.rule),
        );
      } else ok.push(row);
    }
    for (const row of ok) {
      const f = lifts.facts.get(row.id);
      if (f) facts.set(row.id, f);
    }
    for (const row of ok) {
      eligible.push(row);
      const lift = lifts.lifts.get(row.id);
      const result = lifted(scoreMatch(withOpen(row, referred.open), vacancy, mc), lift);
      if (q.minScore !== undefined && result.score < q.minScore) continue;
      scored.push({ item: row, result, rotation: rotationKey(row.id, today), lift });
    }
    rank(scored);
  }
  const page = scored.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  // Every candidate of the scan, less those the exact stage loaded and left out (rules, minScore, gone).
  const total = scan.count - taken + scored.length;
  // The scan is not read past here: its buffers serve the next query (a query that failed above leaves them).
  index.release(scan);
  // The day's tally is written beside the page's titles and audit event (one wait).
  const [answer] = await Promise.all([
    present(ctx, vacancyId, page, total, q, excluded),
    q.page === 1 &&
      recordProposals(ctx, {
        vacancyId,
        officeId,
        iscoCode: vacancy.iscoCode,
        day: today,
        eligible: eligible.map((r) => facts.get(r.id)),
        // Every candidate of the scan was loaded (no minScore bound): `eligible` is the whole pool; else a job counts it.
        complete: q.minScore === undefined && taken >= scan.count,
        proposed: page.map((s) => facts.get(s.item.id)),
      }),
  ]);
  return answer;
}

/** The SQL pool (before the index, and while it is built): at most `poolSize` rows, ordered by an estimate. */
async function candidatesFromPool(
  ctx: Ctx,
  vacancy: MatchVacancy,
  officeId: string | null,
  essentialSkills: ReadonlyMap<string, ReadonlySet<string>>,
  q: CandidatesQuery,
) {
  const vacancyId = vacancy.id;
  const related = vacancy.iscoCode ? relatedGroups(vacancy.iscoCode, essentialSkills) : [];
  const groups = vacancy.iscoCode ? [vacancy.iscoCode.slice(0, 3), ...related] : undefined;
  const skillIds = [...vacancy.requiredSkillIds, ...vacancy.preferredSkillIds];
  const pool = await matchingPool(ctx, {
    ...(groups ? { iscoGroups: groups } : {}),
    ...(skillIds.length ? { skillIds } : {}),
    // More qualify than are scored: keep the likely top (recall@50, bench/README.md "Matching").
    rankFor: {
      unitGroup: vacancy.iscoCode,
      relatedGroups: related,
      requiredSkillIds: vacancy.requiredSkillIds,
      preferredSkillIds: vacancy.preferredSkillIds,
    },
    limit: poolSize(ctx),
  });
  const { mc, open } = await matchContext(ctx, pool, [vacancy], essentialSkills);
  const excluded: Record<string, number> = {};
  const eligible: MatchPersonRow[] = [];
  for (const row of pool) {
    const out = exclusions(withOpen(row, open), vacancy, mc);
    if (out.length)
      countExclusions(
        excluded,
        out.map((e) => e.rule),
      );
    else eligible.push(row);
  }
  // The priority policy lifts within the eligible pool only (docs/MATCHING.md, "Priority policy").
  const { facts, lifts } = await liftsFor(
    ctx,
    eligible.map((r) => r.id),
  );
  const scored: Scored<MatchPersonRow>[] = [];
  for (const row of eligible) {
    const lift = lifts.get(row.id);
    const result = lifted(scoreMatch(withOpen(row, open), vacancy, mc), lift);
    if (q.minScore !== undefined && result.score < q.minScore) continue;
    scored.push({ item: row, result, rotation: rotationKey(row.id, mc.rules.today), lift });
  }
  rank(scored);
  const page = scored.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  if (q.page === 1)
    await recordProposals(ctx, {
      vacancyId,
      officeId,
      iscoCode: vacancy.iscoCode,
      day: mc.rules.today,
      eligible: eligible.map((r) => facts.get(r.id)),
      // The pool limit left nobody out: `eligible` is the whole pool; else a job counts it.
      complete: pool.length < poolSize(ctx),
      proposed: page.map((s) => facts.get(s.item.id)),
    });
  return present(ctx, vacancyId, page, scored.length, q, excluded);
}

/** The page as answered: explanations in the caller's language, one audit event. */
async function present(
  ctx: Ctx,
  vacancyId: string,
  page: Scored<MatchPersonRow>[],
  total: number,
  q: CandidatesQuery,
  excluded: Record<string, number>,
) {
  const [titles] = await Promise.all([
    iscoTitles(ctx.db, codesOf(page.map((s) => s.result)), ctx.locale),
    audit(ctx.db, ctx, {
      action: 'matching.candidates-listed',
      subjectType: 'vacancy',
      subjectId: vacancyId,
      purpose: `candidates:${total}`,
    }),
  ]);
  const special = seesSpecial(ctx);
  const items: Candidate[] = page.map(({ item, result, lift }) => ({
    personId: item.id,
    givenName: item.givenName,
    familyName: item.familyName,
    district: item.district,
    score: result.score,
    priority: presentLift(ctx, lift),
    factors: presentFactors(ctx, result, titles),
    explanation: sentence(ctx, result, titles, lift),
    permitToRequest: special ? result.permitToRequest : null,
  }));
  return { items, total, page: q.page, pageSize: q.pageSize, excluded };
}

/**
 * The benchmark's reference (bench/matching.bench.ts, recall@50): the same exclusions, score and lift on every
 * person of the caller's scope with consent who is not `unrelated` to the vacancy — listed under its minor group
 * or a related unit group, or holding a skill it asks for; everyone else is excluded by that rule, so this is
 * scoring everyone — without the index, without a pool limit, ranked with rotation off (equal scores by id),
 * 5,000 at a time. `personIds` narrows it further. Reads only: no tally, no audit event.
 */
export async function exhaustiveCandidates(
  ctx: Ctx,
  vacancyId: string,
  only?: readonly string[],
): Promise<{ personId: string; score: number }[]> {
  const [vacancy] = await publishedForMatching(ctx, { vacancyIds: [vacancyId], limit: 1 });
  if (!vacancy) return [];
  const essentialSkills = await allEssentialSkills(ctx.db);
  const related = vacancy.iscoCode ? relatedGroups(vacancy.iscoCode, essentialSkills) : [];
  const skillIds = [...vacancy.requiredSkillIds, ...vacancy.preferredSkillIds];
  let personIds = await matchingPoolIds(
    ctx,
    vacancy.iscoCode ? { iscoGroups: [vacancy.iscoCode.slice(0, 3), ...related], skillIds } : {},
  );
  if (only) {
    const wanted = new Set(only);
    personIds = personIds.filter((id) => wanted.has(id));
  }
  const out: { personId: string; score: number }[] = [];
  for (let i = 0; i < personIds.length; i += 5000) {
    const chunk = personIds.slice(i, i + 5000);
    const pool = await matchingPool(ctx, { personIds: chunk, limit: chunk.length });
    const { mc, open } = await matchContext(ctx, pool, [vacancy], essentialSkills);
    const eligible = pool.filter((row) => exclusions(withOpen(row, open), vacancy, mc).length === 0);
    const { lifts } = await liftsFor(
      ctx,
      eligible.map((r) => r.id),
    );
    for (const row of eligible)
      out.push({
        personId: row.id,
        score: lifted(scoreMatch(withOpen(row, open), vacancy, mc), lifts.get(row.id)).score,
      });
  }
  return out.sort((a, b) => b.score - a.score || a.personId.localeCompare(b.personId));
}

/**
 * The benchmark's reference for the seeker's direction (bench/matching.bench.ts, recall@50): the same exclusions,
 * score and lift on every published vacancy of the organisation (deadline not passed) — no candidate generation,
 * no index, no limit — ranked with rotation off (equal scores by id). Reads only: no tally, no audit event.
 */
export async function exhaustiveVacancies(ctx: Ctx, personId: string): Promise<{ vacancyId: string; score: number }[]> {
  const [row] = await matchingPool(ctx, { personIds: [personId], limit: 1 });
  if (!row) return [];
  const [essentialSkills, all, { lifts }] = await Promise.all([
    allEssentialSkills(ctx.db),
    publishedForMatching(ctx, { limit: Number.MAX_SAFE_INTEGER }),
    liftsFor(ctx, [personId]),
  ]);
  const { mc, open } = await matchContext(ctx, [row], null, essentialSkills);
  const p = withOpen(row, open);
  if (!p.consent || p.openReferrals >= mc.maxOpenReferrals) return [];
  const lift = lifts.get(personId);
  return all
    .filter((v) => exclusions(p, v, mc).length === 0)
    .map((v) => ({ vacancyId: v.id, score: lifted(scoreMatch(p, v, mc), lift).score }))
    .sort((a, b) => b.score - a.score || a.vacancyId.localeCompare(b.vacancyId));
}

/**
 * A referral from a ranked list (either direction): the pair is checked and scored again now — what the
 * counsellor saw may be minutes old — refused with the hard constraints it now fails, and proposed through
 * referrals' `proposeReferral` with the match kept (docs/MATCHING.md, "Kept with the referral").
 */
export async function referFromMatch(ctx: Ctx, body: { vacancyId: string; personId: string }): Promise<{ id: string }> {
  await loadPerson(ctx.db, ctx, body.personId);
  const [row] = await matchingPool(ctx, { personIds: [body.personId], limit: 1 });
  if (!row) throw problems.notFound();
  const [vacancy] = await publishedForMatching(ctx, { vacancyIds: [body.vacancyId], limit: 1 });
  if (!vacancy) throw problems.conflict('errors.matching.vacancyNotPublished', '/vacancyId');
  const { mc, open } = await matchContext(ctx, [row], [vacancy], await allEssentialSkills(ctx.db));
  const p = withOpen(row, open);
  const out = exclusions(p, vacancy, mc);
  if (out.length)
    throw problems.conflictMany(
      'errors.matching.excludedNow',
      out.map((e) => ({
        pointer: '/personId',
        code: 'errors.matching.excludedBy',
        params: { rule: term(`matching.exclusion.${e.rule}`) },
      })),
    );
  const lift = (await liftsFor(ctx, [row.id])).lifts.get(row.id);
  const result = lifted(scoreMatch(p, vacancy, mc), lift);
  await audit(ctx.db, ctx, {
    action: 'matching.pair-scored',
    subjectType: 'person',
    subjectId: row.id,
    purpose: `refer:${vacancy.id}`,
  });
  const id = await proposeReferral(ctx, {
    vacancyId: vacancy.id,
    personId: row.id,
    match: {
      score: result.score,
      factors: result.factors,
      permitToRequest: result.permitToRequest,
      lift: lift && lift.points > 0 ? { points: lift.points, groups: lift.groups } : null,
      day: mc.rules.today,
    },
  });
  return { id };
}

/** The match kept with a referral, in the caller's language; special-category facts as the lists show them. */
export async function keptMatch(ctx: Ctx, referralId: string): Promise<{ match: KeptMatch | null }> {
  const stored = await storedMatchOf(ctx, referralId);
  return { match: stored ? await presentKeptMatch(ctx, stored) : null };
}

/**
 * A match kept with a referral, rendered for the viewer: in their language, special-category facts hidden
 * unless they hold `special-category:read` (the referral page, and the data-protection desk reviewing a
 * ranking the person objected to).
 */
export async function presentKeptMatch(ctx: Ctx, stored: StoredMatch): Promise<KeptMatch> {
  const result: MatchResult = { score: stored.score, factors: stored.factors, permitToRequest: stored.permitToRequest };
  const lift = stored.lift ? ({ points: stored.lift.points, groups: stored.lift.groups } as PriorityLift) : undefined;
  const titles = await iscoTitles(ctx.db, codesOf([result]), ctx.locale);
  return {
    day: stored.day,
    score: result.score,
    priority: presentLift(ctx, lift),
    factors: presentFactors(ctx, result, titles),
    explanation: sentence(ctx, result, titles, lift),
    permitToRequest: seesSpecial(ctx) ? result.permitToRequest : null,
  };
}

function codesOf(results: readonly MatchResult[]): string[] {
  return results.flatMap((r) => r.factors.map((f) => f.params.code).filter((c): c is string => typeof c === 'string'));
}

/**
 * Ranked published vacancies for a person the caller may see (404 otherwise). Every open vacancy related to the
 * person (docs/MATCHING.md, "The vacancy index") is checked and scored — no pool limit — so the page is the true
 * top, and `total`, `excluded` and the seeker's fairness tally count them all.
 */
export async function vacanciesForPerson(
  ctx: Ctx,
  personId: string,
  q: { page: number; pageSize: number; minScore?: number | undefined },
) {
  // Independent reads side by side; the person's referral pairs with any vacancy (a person has few).
  const [, [row], essentialSkills, index, rules, settings, referred, { facts, lifts }] = await Promise.all([
    loadPerson(ctx.db, ctx, personId),
    matchingPool(ctx, { personIds: [personId], limit: 1 }),
    allEssentialSkills(ctx.db),
    vacancyIndexOf(ctx),
    ruleContext(ctx),
    matchingSettingsOf(ctx),
    referralFacts(ctx, { personIds: [personId] }),
    liftsFor(ctx, [personId]),
  ]);
  const empty = { items: [] as VacancyMatch[], total: 0, page: q.page, pageSize: q.pageSize };
  if (!row) throw problems.notFound();
  const codes = [...row.desiredCodes, ...row.work.map((w) => w.iscoCode).filter((c): c is string => !!c)];
  const groups = [
    ...new Set([...codes.map((c) => c.slice(0, 3)), ...codes.flatMap((c) => relatedGroups(c, essentialSkills))]),
  ];
  // The related vacancies: from the index, or, while it is being built, from the database (all of them).
  const fromIndex = index?.forSeeker(groups, row.skillIds, rules, row.skillIds);
  const vacancyRows: MatchVacancyRow[] = fromIndex
    ? fromIndex.rows
    : await publishedForMatching(ctx, {
        ...(groups.length ? { iscoGroups: groups } : {}),
        ...(row.skillIds.length ? { skillIds: row.skillIds } : {}),
        uncoded: true,
        limit: Number.MAX_SAFE_INTEGER,
      });
  const mc: MatchContext = {
    rules,
    maxOpenReferrals: settings.maxOpenReferrals,
    essentialSkills,
    referred: referred.pairs,
    commute: commuteMinutes,
  };
  const p = withOpen(row, referred.open);
  const audited = audit(ctx.db, ctx, {
    action: 'matching.vacancies-listed',
    subjectType: 'person',
    subjectId: personId,
    purpose: `vacancies:${vacancyRows.length}`,
  });
  if (!p.consent) {
    await audited;
    return {
      ...empty,
      excluded: { 'no-consent': vacancyRows.length } as Record<string, number>,
      blocked: 'no-consent' as const,
    };
  }
  if (p.openReferrals >= mc.maxOpenReferrals) {
    await audited;
    return {
      ...empty,
      excluded: { 'fair-spread': vacancyRows.length } as Record<string, number>,
      blocked: 'fair-spread' as const,
    };
  }
  // The person's lift is the same for every vacancy: it shows in each score and explanation.
  const lift = lifts.get(personId);
  const ranked = rankVacanciesForPerson(p, vacancyRows, mc, {
    k: q.page * q.pageSize,
    minScore: q.minScore,
    lift,
    rotation: (id) => rotationKey(id, mc.rules.today),
    // The index's kept facts and checks, beside the rows (`rows[i]`'s).
    ...(fromIndex
      ? {
          vacancyChecks: (_: MatchVacancyRow, i: number) => fromIndex.checks[i]!,
          seekerFacts: { names: fromIndex.names, facts: fromIndex.facts, skillCounts: fromIndex.skillCounts },
        }
      : {}),
  });
  const { excluded, eligible } = ranked;
  const page = ranked.top.slice((q.page - 1) * q.pageSize);
  // The fairness monitor counts the seeker's direction too (docs/MATCHING.md, "Fairness monitor").
  const [titles] = await Promise.all([
    iscoTitles(ctx.db, codesOf(page.map((s) => s.result)), ctx.locale),
    audited,
    q.page === 1
      ? recordSeekerProposals(ctx, {
          personId,
          day: mc.rules.today,
          facts: facts.get(personId),
          eligible,
          proposed: page.map((s) => s.item),
        })
      : undefined,
  ]);
  const special = seesSpecial(ctx);
  const items: VacancyMatch[] = page.map(({ item, result }) => ({
    vacancyId: item.id,
    title: item.title,
    occupation: item.occupation,
    employerName: item.employerName,
    province: item.province,
    district: item.district,
    startDate: item.startDate,
    score: result.score,
    priority: presentLift(ctx, lift),
    factors: presentFactors(ctx, result, titles),
    explanation: sentence(ctx, result, titles, lift),
    permitToRequest: special ? result.permitToRequest : null,
  }));
  return { items, total: ranked.total, page: q.page, pageSize: q.pageSize, excluded, blocked: null };
}

// ---- links of typed titles --------------------------------------------------------------------------------

/** Links what was stored as free text before coded records: run at start, after the demo data. */
export async function linkStoredTitles(db: Db): Promise<{ persons: number; vacancies: number }> {
  return { persons: await linkPendingPersons(db), vacancies: await linkPendingVacancies(db) };
}

export async function linkReviews(ctx: Ctx, limit: number): Promise<{ items: LinkReview[]; total: number }> {
  const perms = actorOf(ctx).permissions;
  const [people, vacs] = await Promise.all([
    perms.has('persons:write') ? personLinkReviews(ctx, limit) : Promise.resolve({ items: [], total: 0 }),
    perms.has('vacancies:write') ? vacancyLinkReviews(ctx, limit) : Promise.resolve({ items: [], total: 0 }),
  ]);
  const all: Omit<LinkReview, 'iscoTitle'>[] = [
    ...people.items.map((p) => ({
      kind: p.kind,
      personId: p.personId,
      vacancyId: null,
      entryId: p.entryId,
      index: p.index,
      title: p.title,
      iscoCode: p.iscoCode,
      score: p.score,
      status: p.status,
    })),
    ...vacs.items.map((v) => ({
      kind: 'vacancy' as const,
      personId: null,
      vacancyId: v.vacancyId,
      entryId: null,
      index: null,
      title: v.title,
      iscoCode: v.iscoCode,
      score: v.score,
      status: v.status,
    })),
  ].slice(0, limit);
  const titles = await iscoTitles(
    ctx.db,
    all.map((i) => i.iscoCode).filter((c): c is string => !!c),
    ctx.locale,
  );
  return {
    items: all.map((i) => ({ ...i, iscoTitle: i.iscoCode ? (titles.get(i.iscoCode) ?? null) : null })),
    total: people.total + vacs.total,
  };
}

export async function confirmReviewedLink(
  ctx: Ctx,
  body: {
    kind: LinkReview['kind'];
    personId?: string | undefined;
    vacancyId?: string | undefined;
    entryId?: string | undefined;
    index?: number | undefined;
    title: string;
    iscoCode: string;
  },
): Promise<void> {
  const perms = actorOf(ctx).permissions;
  if (body.kind === 'vacancy') {
    if (!perms.has('vacancies:write')) throw problems.forbidden();
    if (!body.vacancyId) throw problems.invalid('/vacancyId', 'errors.validation.required');
    return confirmVacancyLink(ctx, { vacancyId: body.vacancyId, title: body.title, iscoCode: body.iscoCode });
  }
  if (!perms.has('persons:write')) throw problems.forbidden();
  if (!body.personId) throw problems.invalid('/personId', 'errors.validation.required');
  if (body.kind === 'work-history' && !body.entryId) throw problems.invalid('/entryId', 'errors.validation.required');
  if (body.kind === 'person-occupation' && body.index === undefined)
    throw problems.invalid('/index', 'errors.validation.required');
  return confirmPersonLink(ctx, {
    kind: body.kind,
    personId: body.personId,
    entryId: body.entryId ?? null,
    index: body.index ?? null,
    title: body.title,
    iscoCode: body.iscoCode,
  });
}
