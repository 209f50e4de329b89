import {
  careFactor,
  educationFactor,
  exclusionsGiven,
  experienceFactor,
  FACTOR_WEIGHTS,
  occupationFactor,
  scoreMatch,
  type MatchContext,
  type MatchPerson,
  type MatchResult,
  type MatchVacancy,
} from '../../../common/matching.ts';
import type { PriorityLift } from '../../../common/matching-priority.ts';
import { checkVacancy, type Violation } from '../../../common/decent-work.ts';

/**
 * The seeker's direction ranked over every related vacancy (docs/MATCHING.md, "The vacancy index"): each vacancy is
 * checked (the exclusion counts and the eligible set stay exact), but only those that can still enter the page are
 * scored in full. A cheap upper bound of the score — the occupation and experience factors computed once per unit
 * group, the skills, education and care factors exactly, the languages, commute and start factors at their weight —
 * orders the eligible vacancies; they are scored best bound first until the bound falls below the k-th best score
 * found, so the page, its order (ties by the rotation, then the id) and every score are those of scoring them all.
 */
export interface SeekerScored<V> {
  item: V;
  result: MatchResult;
  rotation: number;
  lift?: PriorityLift | undefined;
}

export interface SeekerRanking<V> {
  /** The first `k` in rank order. */
  top: SeekerScored<V>[];
  /** Eligible vacancies scoring at least `minScore` (all eligible without it). */
  total: number;
  eligible: V[];
  excluded: Record<string, number>;
  /** Vacancies scored in full (the bench's figure). */
  scoredInFull: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Adds the priority lift as matching.service's `lifted` does. */
function liftedScore(score: number, lift: PriorityLift | undefined): number {
  return lift ? Math.round((score + lift.points) * 10) / 10 : score;
}

function rankOrder<V extends { id: string }>(a: SeekerScored<V>, b: SeekerScored<V>): number {
  return b.result.score - a.result.score || a.rotation - b.rotation || a.item.id.localeCompare(b.item.id);
}

/** Slack added to a bound before rounding: the exact sum adds the same points in another order. */
const EPS = 1e-6;

export function rankVacanciesForPerson<V extends MatchVacancy>(
  p: MatchPerson,
  rows: readonly V[],
  mc: MatchContext,
  opts: {
    k: number;
    minScore?: number | undefined;
    lift: PriorityLift | undefined;
    rotation: (id: string) => number;
    /** false: score every eligible vacancy (the reference the pruned path is tested against). */
    prune?: boolean;
    /** The vacancy's own decent-work violations, as the vacancy index keeps them (default: checked here). */
    vacancyChecks?: ((v: V) => readonly Violation[]) | undefined;
  },
): SeekerRanking<V> {
  const excluded: Record<string, number> = {};
  const eligible: V[] = [];
  const checks = opts.vacancyChecks ?? ((v: V) => checkVacancy(v.terms, mc.rules));
  for (const v of rows) {
    const out = exclusionsGiven(p, v, mc, checks(v));
    if (out.length === 0) eligible.push(v);
    else for (const e of out) excluded[e.rule] = (excluded[e.rule] ?? 0) + 1;
  }
  const { k, minScore, lift } = opts;
  let scoredInFull = 0;
  const full = (v: V): SeekerScored<V> => {
    scoredInFull++;
    const r = scoreMatch(p, v, mc);
    return {
      item: v,
      result: lift ? { ...r, score: liftedScore(r.score, lift) } : r,
      rotation: opts.rotation(v.id),
      lift,
    };
  };
  const passes = (s: SeekerScored<V>) => minScore === undefined || s.result.score >= minScore;

  if (opts.prune === false || k <= 0) {
    const scored = eligible.map(full).filter(passes);
    return { top: scored.sort(rankOrder).slice(0, k), total: scored.length, eligible, excluded, scoredInFull };
  }

  // The factors that depend on the vacancy's unit group only, once per group.
  const byCode = new Map<string | null, number>();
  const codePoints = (v: V) => {
    let pts = byCode.get(v.iscoCode);
    if (pts === undefined) {
      pts = occupationFactor(p, v, mc).points + experienceFactor(p, v, mc.rules.today).points;
      byCode.set(v.iscoCode, pts);
    }
    return pts;
  };
  const skills = new Set(p.skillIds);
  const share = (wanted: readonly string[], weight: number) => {
    if (wanted.length === 0) return weight;
    let have = 0;
    for (const s of wanted) if (skills.has(s)) have++;
    return round1(weight * (have / wanted.length));
  };
  const fixed = FACTOR_WEIGHTS.languages + FACTOR_WEIGHTS.commute + FACTOR_WEIGHTS.start;
  const bounds = new Float64Array(eligible.length);
  for (let i = 0; i < eligible.length; i++) {
    const v = eligible[i]!;
    const sum =
      codePoints(v) +
      share(v.requiredSkillIds, FACTOR_WEIGHTS.requiredSkills) +
      share(v.preferredSkillIds, FACTOR_WEIGHTS.preferredSkills) +
      educationFactor(p, v).points +
      careFactor(p, v).points +
      fixed;
    bounds[i] = liftedScore(round1(sum + EPS), lift);
  }
  // Best bound first: the bounds are tenths, so a counting sort orders them (descending) in linear time.
  let top = 0;
  const keys = new Uint32Array(eligible.length);
  for (let i = 0; i < eligible.length; i++) {
    keys[i] = Math.max(0, Math.round(-bounds[i]! * 10) + 10_000);
    if (keys[i]! > top) top = keys[i]!;
  }
  const starts = new Uint32Array(top + 2);
  for (const key of keys) starts[key + 1]!++;
  for (let b = 1; b < starts.length; b++) starts[b]! += starts[b - 1]!;
  const order = new Uint32Array(eligible.length);
  for (let i = 0; i < eligible.length; i++) order[starts[keys[i]!]!++] = i;

  const scored: SeekerScored<V>[] = [];
  let total = minScore === undefined ? eligible.length : 0;
  // The k best exact scores so far, as a min-heap: heap[0] is the k-th best once full.
  const heap: number[] = [];
  const push = (x: number) => {
    if (heap.length < k) {
      heap.push(x);
      for (let i = heap.length - 1; i > 0;) {
        const up = (i - 1) >> 1;
        if (heap[up]! <= heap[i]!) break;
        [heap[up], heap[i]] = [heap[i]!, heap[up]!];
        i = up;
      }
    } else if (x > heap[0]!) {
      heap[0] = x;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && heap[l]! < heap[m]!) m = l;
        if (r < heap.length && heap[r]! < heap[m]!) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    }
  };
  for (const i of order) {
    const bound = bounds[i]!;
    if (minScore !== undefined && bound < minScore) continue;
    // With minScore every vacancy that may reach it is scored (the total counts them); else only those that may
    // still enter the first k (ties included: the rotation decides).
    const kth = heap.length === k ? heap[0]! : -Infinity;
    if (bound < kth && minScore === undefined) continue;
    const s = full(eligible[i]!);
    if (!passes(s)) continue;
    if (minScore !== undefined) total++;
    if (s.result.score >= kth) {
      scored.push(s);
      push(s.result.score);
    }
  }
  const kth = heap.length === k ? heap[0]! : -Infinity;
  return {
    top: scored
      .filter((s) => s.result.score >= kth)
      .sort(rankOrder)
      .slice(0, k),
    total,
    eligible,
    excluded,
    scoredInFull,
  };
}
