import {
  careFactor,
  commuteOf,
  educationFactor,
  EXCLUSION_RULES,
  exclusionsGiven,
  experienceFactor,
  FACTOR_WEIGHTS,
  fold,
  languagesBelow,
  occupationFactor,
  scoreMatch,
  type ExclusionRule,
  type MatchContext,
  type MatchPerson,
  type MatchResult,
  type MatchVacancy,
} from '../../../common/matching.ts';
import type { PriorityLift } from '../../../common/matching-priority.ts';
import { checkPerson, checkVacancy, type VacancyTerms, type Violation } from '../../../common/decent-work.ts';
import { heldOn } from '../../../common/occupation-codes.ts';

/**
 * The seeker's direction ranked over every related vacancy (docs/MATCHING.md, "The vacancy index"): each vacancy is
 * checked (the exclusion counts and the eligible set stay exact), but only those that can still enter the page are
 * scored in full. A cheap upper bound of the score — the occupation and experience factors computed once per unit
 * group, the skills, education and care factors exactly, the languages, commute and start factors at their weight —
 * orders the eligible vacancies; they are scored best bound first until the bound falls below the k-th best score
 * found, so the page, its order (ties by the rotation, then the id) and every score are those of scoring them all.
 */
/**
 * The vacancy's terms `checkPerson` (decent-work.ts) reads: two vacancies alike in these get the same answer for one
 * person on one day, so the seeker's direction asks the rule module once per distinct set — a few hundred among a
 * cleaner's 29,000 vacancies (start dates, hours, minimum ages, provinces): the person's age once per start date —
 * rather than once per vacancy. seeker-ranking.test.ts watches what checkPerson reads: a term it comes to read
 * fails that test until it is added here.
 */
export const PERSON_RULE_TERMS = [
  'startDate',
  'minimumAge',
  'hoursPerWeek',
  'hoursPerDay',
  'shifts',
  'hazardClass',
  'province',
  'seasonalAgriculture',
] as const satisfies readonly (keyof VacancyTerms)[];

/** What the seeker's checks read of a vacancy beyond its plain fields, computed once (the vacancy index keeps it). */
export interface SeekerFacts {
  /** The values of PERSON_RULE_TERMS as one key (an absent term and a null one differ). */
  personRules: string;
  /** The commute's end as `commuteOf` reads it: '' remote, else the province and district as typed. */
  place: string;
  /** The district folded, as the district rule compares it (null: remote or no district). */
  district: string | null;
}

export function seekerFactsOf(v: MatchVacancy): SeekerFacts {
  const terms: Partial<Record<(typeof PERSON_RULE_TERMS)[number], unknown>> = {};
  for (const t of PERSON_RULE_TERMS) terms[t] = v.terms[t];
  return {
    personRules: JSON.stringify(terms),
    place: v.remote ? '' : JSON.stringify([v.province, v.district]),
    district: !v.remote && v.district ? fold(v.district) : null,
  };
}

/** Each exclusion rule's bit (EXCLUSION_RULES' order). */
const BIT = Object.fromEntries(EXCLUSION_RULES.map((r, i) => [r, 1 << i])) as Record<ExclusionRule, number>;

/** Every required code held (and valid on `day`), as `exclusionsGiven` asks of licences and certificates. */
function holdsAll(have: MatchPerson['licences'], wanted: readonly string[], day: string): boolean {
  for (const code of wanted) {
    let ok = false;
    for (const q of have)
      if (q.code === code && heldOn(q, day)) {
        ok = true;
        break;
      }
    if (!ok) return false;
  }
  return true;
}

/**
 * `exclusionsGiven`'s rules for one person against many vacancies, as one bit per rule, without its messages (the
 * seeker's direction returns counts only): the person's facts prepared once, `checkPerson` asked once per distinct
 * set of the terms it reads, the commute once per workplace, the occupation once per unit group, no object per
 * vacancy. The same answer as `exclusionsGiven` for every pair: seeker-ranking.test.ts compares them on persons and
 * vacancies made to trip every rule.
 */
export function seekerExclusions<V extends MatchVacancy>(
  p: MatchPerson,
  mc: MatchContext,
  checks: (v: V, i: number) => readonly Violation[],
  factsOf: (v: V, i: number) => SeekerFacts,
): (v: V, i: number) => number {
  const today = mc.rules.today;
  let base = 0;
  if (!p.consent) base |= BIT['no-consent'];
  if (p.openReferrals >= mc.maxOpenReferrals) base |= BIT['fair-spread'];
  const prefix = `${p.id}:`;
  const referred = new Set<string>();
  for (const pair of mc.referred) if (pair.startsWith(prefix)) referred.add(pair.slice(prefix.length));
  const personRules = new Map<string, boolean>();
  const farPlaces = new Map<string, boolean>();
  const unrelatedCodes = new Map<string, boolean>();
  const skills = new Set(p.skillIds);
  const asksHeld = (wanted: readonly string[]) => {
    for (const s of wanted) if (skills.has(s)) return true;
    return false;
  };
  const c = p.constraints;
  const districts = c && c.districts.length > 0 ? new Set(c.districts.map(fold)) : null;
  return (v, i) => {
    let out = base;
    if (referred.size > 0 && referred.has(v.id)) out |= BIT['already-referred'];
    const f = factsOf(v, i);
    let person = personRules.get(f.personRules);
    if (person === undefined) {
      person = checkPerson(v.terms, p.decentWork, mc.rules).length > 0;
      personRules.set(f.personRules, person);
    }
    if (person || checks(v, i).length > 0) out |= BIT['decent-work'];
    if (v.requiredLicences.length > 0 || v.requiredCertificates.length > 0) {
      const day = v.startDate > today ? v.startDate : today;
      if (!holdsAll(p.licences, v.requiredLicences, day)) out |= BIT.licence;
      if (!holdsAll(p.certificates, v.requiredCertificates, day)) out |= BIT.certificate;
    }
    if (c) {
      if (c.hoursPerWeek !== null && v.hoursPerWeek > c.hoursPerWeek) out |= BIT.hours;
      if (c.shifts.length > 0)
        for (const s of v.shifts)
          if (!c.shifts.includes(s)) {
            out |= BIT.shifts;
            break;
          }
      if (districts && f.district !== null && !districts.has(f.district)) out |= BIT.district;
      if (c.maxCommuteMinutes !== null) {
        let far = farPlaces.get(f.place);
        if (far === undefined) {
          const trip = commuteOf(p, v, mc);
          far = (trip.kind === 'minutes' && trip.minutes > c.maxCommuteMinutes) || trip.kind === 'other-province';
          farPlaces.set(f.place, far);
        }
        if (far) out |= BIT.commute;
      }
    }
    if (v.languages.length > 0 && languagesBelow(p, v).length > 0) out |= BIT.language;
    if (v.iscoCode && !asksHeld(v.requiredSkillIds) && !asksHeld(v.preferredSkillIds)) {
      let none = unrelatedCodes.get(v.iscoCode);
      if (none === undefined) {
        none = occupationFactor(p, v, mc).value === 0;
        unrelatedCodes.set(v.iscoCode, none);
      }
      if (none) out |= BIT.unrelated;
    }
    return out;
  };
}

/** The rules of a mask, in EXCLUSION_RULES' order. */
export function rulesOf(mask: number): ExclusionRule[] {
  return EXCLUSION_RULES.filter((r) => (mask & BIT[r]) !== 0);
}

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
    /** The vacancy's own decent-work violations (`rows[i]`'s), as the vacancy index keeps them (default: checked here). */
    vacancyChecks?: ((v: V, i: number) => readonly Violation[]) | undefined;
    /** The vacancy's compact facts (`rows[i]`'s), as the vacancy index keeps them (default: computed here). */
    factsOf?: ((v: V, i: number) => SeekerFacts) | undefined;
  },
): SeekerRanking<V> {
  const excluded: Record<string, number> = {};
  const eligible: V[] = [];
  const checks = opts.vacancyChecks ?? ((v: V) => checkVacancy(v.terms, mc.rules));
  if (opts.prune === false) {
    // The reference: every pair through `exclusionsGiven` itself.
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]!;
      const out = exclusionsGiven(p, v, mc, checks(v, i));
      if (out.length === 0) eligible.push(v);
      else for (const e of out) excluded[e.rule] = (excluded[e.rule] ?? 0) + 1;
    }
  } else {
    const rulesFor = seekerExclusions(p, mc, checks, opts.factsOf ?? ((v: V) => seekerFactsOf(v)));
    const counts = new Uint32Array(EXCLUSION_RULES.length);
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]!;
      const mask = rulesFor(v, i);
      if (mask === 0) eligible.push(v);
      else for (let m = mask, i = 0; m !== 0; m >>>= 1, i++) if (m & 1) counts[i]!++;
    }
    EXCLUSION_RULES.forEach((r, i) => {
      if (counts[i]! > 0) excluded[r] = counts[i]!;
    });
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
  // The education and care factors depend on the vacancy's level and its two offers only: once per value.
  const byLevel = new Map<number | null, number>();
  const levelPoints = (v: V) => {
    let pts = byLevel.get(v.iscedLevel);
    if (pts === undefined) byLevel.set(v.iscedLevel, (pts = educationFactor(p, v).points));
    return pts;
  };
  const byCare = [NaN, NaN, NaN, NaN];
  const carePoints = (v: V) => {
    const i = (v.childcareSupport ? 1 : 0) + (v.accessibleWorkplace ? 2 : 0);
    if (Number.isNaN(byCare[i])) byCare[i] = careFactor(p, v).points;
    return byCare[i]!;
  };
  const fixed = FACTOR_WEIGHTS.languages + FACTOR_WEIGHTS.commute + FACTOR_WEIGHTS.start;
  const bounds = new Float64Array(eligible.length);
  for (let i = 0; i < eligible.length; i++) {
    const v = eligible[i]!;
    const sum =
      codePoints(v) +
      share(v.requiredSkillIds, FACTOR_WEIGHTS.requiredSkills) +
      share(v.preferredSkillIds, FACTOR_WEIGHTS.preferredSkills) +
      levelPoints(v) +
      carePoints(v) +
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
