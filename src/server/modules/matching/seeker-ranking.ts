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

/**
 * Small numbers for the strings the seeker's facts compare, one series per kind (a vacancy index keeps one table
 * for its vacancies): per-query answers are then kept in arrays by number rather than in maps by string.
 */
export class SeekerNames {
  readonly #kinds = {
    rules: new Map<string, number>(),
    place: new Map<string, number>(),
    district: new Map<string, number>(),
    code: new Map<string, number>(),
    skill: new Map<string, number>(),
  };

  id(kind: keyof SeekerNames['sizes'], name: string): number {
    const ids = this.#kinds[kind];
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = ids.size));
    return id;
  }

  /** How many names of every kind together. */
  get total(): number {
    let n = 0;
    for (const ids of Object.values(this.#kinds)) n += ids.size;
    return n;
  }

  /**
   * A table of only the names marked in `used` (by kind, by number), numbered anew in the same order, and each
   * old number's new one (-1: dropped).
   */
  compacted(used: Record<keyof SeekerNames['sizes'], Uint8Array>): {
    names: SeekerNames;
    renumber: Record<keyof SeekerNames['sizes'], Int32Array>;
  } {
    const names = new SeekerNames();
    const renumber = {} as Record<keyof SeekerNames['sizes'], Int32Array>;
    for (const kind of Object.keys(this.#kinds) as (keyof SeekerNames['sizes'])[]) {
      const to = (renumber[kind] = new Int32Array(this.#kinds[kind].size).fill(-1));
      // A map iterates in insertion order, and a name's number is its place in that order.
      let old = 0;
      for (const name of this.#kinds[kind].keys()) {
        if (used[kind][old]) to[old] = names.id(kind, name);
        old++;
      }
    }
    return { names, renumber };
  }

  /** How many names of each kind: the size of a per-query array by number. */
  get sizes(): { rules: number; place: number; district: number; code: number; skill: number } {
    const k = this.#kinds;
    return {
      rules: k.rules.size,
      place: k.place.size,
      district: k.district.size,
      code: k.code.size,
      skill: k.skill.size,
    };
  }
}

/** What the seeker's checks and bound read of a vacancy beyond its plain fields, as numbers of `SeekerNames`. */
export interface SeekerFacts {
  /** The values of PERSON_RULE_TERMS (an absent term and a null one differ). */
  personRules: number;
  /** The commute's end as `commuteOf` reads it: remote, or the province and district as typed. */
  place: number;
  /** The district folded, as the district rule compares it (-1: remote or no district). */
  district: number;
  /** The unit group (-1: uncoded). */
  code: number;
  requiredSkills: Int32Array;
  preferredSkills: Int32Array;
  /**
   * What the rules and the bound read of the row itself, here beside the numbers so that the loops over a person's
   * 29,000 vacancies touch this object and its skills only, not the row and its arrays: a licence or certificate
   * asked, a language asked, the education level asked, and the care offers (childcare 1 + accessible 2).
   */
  quals: boolean;
  languages: boolean;
  isced: number | null;
  care: number;
}

export function seekerFactsOf(v: MatchVacancy, names: SeekerNames): SeekerFacts {
  const terms: Partial<Record<(typeof PERSON_RULE_TERMS)[number], unknown>> = {};
  for (const t of PERSON_RULE_TERMS) terms[t] = v.terms[t];
  return {
    personRules: names.id('rules', JSON.stringify(terms)),
    place: names.id('place', v.remote ? '' : JSON.stringify([v.province, v.district])),
    district: !v.remote && v.district ? names.id('district', fold(v.district)) : -1,
    code: v.iscoCode ? names.id('code', v.iscoCode) : -1,
    requiredSkills: Int32Array.from(v.requiredSkillIds, (s) => names.id('skill', s)),
    preferredSkills: Int32Array.from(v.preferredSkillIds, (s) => names.id('skill', s)),
    quals: v.requiredLicences.length > 0 || v.requiredCertificates.length > 0,
    languages: v.languages.length > 0,
    isced: v.iscedLevel,
    care: (v.childcareSupport ? 1 : 0) + (v.accessibleWorkplace ? 2 : 0),
  };
}

/** The person's skills as a mark per skill number (named in `names` if new, so a vacancy asking one finds it). */
function heldSkills(p: MatchPerson, names: SeekerNames): Uint8Array {
  const ids = p.skillIds.map((s) => names.id('skill', s));
  const held = new Uint8Array(names.sizes.skill);
  for (const id of ids) held[id] = 1;
  return held;
}

/** Per-query answers by number: -1 (or beyond the array, for a name added since) not known yet. */
function answers(n: number): Int8Array {
  return new Int8Array(n).fill(-1);
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
 * vacancies made to trip every rule. With `skillCounts` (4 per vacancy) it also writes, at `4 * i`, how many of the
 * required skills the person holds, how many are required, and the same of the preferred ones: the bound reads them
 * there instead of going back to the vacancy's skills (bench/README.md, "Matching"). With `countsGiven` they are
 * already there (the vacancy index counts them from its lists, `forSeeker`) and the vacancy's skills are not read.
 */
export function seekerExclusions<V extends MatchVacancy>(
  p: MatchPerson,
  mc: MatchContext,
  names: SeekerNames,
  checks: (v: V, i: number) => readonly Violation[],
  factsOf: (v: V, i: number) => SeekerFacts,
  skillCounts?: Int32Array,
  countsGiven = false,
): (v: V, i: number) => number {
  const today = mc.rules.today;
  let base = 0;
  if (!p.consent) base |= BIT['no-consent'];
  if (p.openReferrals >= mc.maxOpenReferrals) base |= BIT['fair-spread'];
  const prefix = `${p.id}:`;
  const referred = new Set<string>();
  for (const pair of mc.referred) if (pair.startsWith(prefix)) referred.add(pair.slice(prefix.length));
  const held = heldSkills(p, names);
  const heldOf = (wanted: Int32Array) => {
    let have = 0;
    for (let j = 0; j < wanted.length; j++) if (held[wanted[j]!] === 1) have++;
    return have;
  };
  const c = p.constraints;
  let districts: Uint8Array | null = null;
  if (c && c.districts.length > 0) {
    const ids = c.districts.map((d) => names.id('district', fold(d)));
    districts = new Uint8Array(names.sizes.district);
    for (const id of ids) districts[id] = 1;
  }
  const sizes = names.sizes;
  const personRules = answers(sizes.rules);
  const farPlaces = answers(sizes.place);
  const unrelatedCodes = answers(sizes.code);
  return (v, i) => {
    let out = base;
    if (referred.size > 0 && referred.has(v.id)) out |= BIT['already-referred'];
    const f = factsOf(v, i);
    let person = personRules[f.personRules] ?? -1;
    if (person === -1) {
      person = checkPerson(v.terms, p.decentWork, mc.rules).length > 0 ? 1 : 0;
      personRules[f.personRules] = person;
    }
    if (person === 1 || checks(v, i).length > 0) out |= BIT['decent-work'];
    if (f.quals) {
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
      if (districts && f.district !== -1 && districts[f.district] !== 1) out |= BIT.district;
      if (c.maxCommuteMinutes !== null) {
        let far = farPlaces[f.place] ?? -1;
        if (far === -1) {
          const trip = commuteOf(p, v, mc);
          far =
            (trip.kind === 'minutes' && trip.minutes > c.maxCommuteMinutes) || trip.kind === 'other-province' ? 1 : 0;
          farPlaces[f.place] = far;
        }
        if (far === 1) out |= BIT.commute;
      }
    }
    if (f.languages && languagesBelow(p, v).length > 0) out |= BIT.language;
    // The vacancy's skills are read once here, for the `unrelated` rule and, through `skillCounts`, for the bound.
    let requiredHeld: number;
    let preferredHeld: number;
    if (countsGiven && skillCounts) {
      requiredHeld = skillCounts[4 * i]!;
      preferredHeld = skillCounts[4 * i + 2]!;
    } else {
      const required = f.requiredSkills;
      const preferred = f.preferredSkills;
      requiredHeld = heldOf(required);
      preferredHeld = heldOf(preferred);
      if (skillCounts) {
        const at = 4 * i;
        skillCounts[at] = requiredHeld;
        skillCounts[at + 1] = required.length;
        skillCounts[at + 2] = preferredHeld;
        skillCounts[at + 3] = preferred.length;
      }
    }
    if (f.code !== -1 && requiredHeld === 0 && preferredHeld === 0) {
      let none = unrelatedCodes[f.code] ?? -1;
      if (none === -1) {
        none = occupationFactor(p, v, mc).value === 0 ? 1 : 0;
        unrelatedCodes[f.code] = none;
      }
      if (none === 1) out |= BIT.unrelated;
    }
    return out;
  };
}

/** The rules of a mask, in EXCLUSION_RULES' order. */
export function rulesOf(mask: number): ExclusionRule[] {
  return EXCLUSION_RULES.filter((r) => (mask & BIT[r]) !== 0);
}

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
    /** The vacancy's own decent-work violations (`rows[i]`'s), as the vacancy index keeps them (default: checked here). */
    vacancyChecks?: ((v: V, i: number) => readonly Violation[]) | undefined;
    /**
     * The vacancies' compact facts (`facts[i]` is `rows[i]`'s), as the vacancy index keeps them (default: made here),
     * and the person's held skills counted per vacancy (`VacancyIndex.forSeeker`; default: counted here).
     */
    seekerFacts?: { names: SeekerNames; facts: readonly SeekerFacts[]; skillCounts?: Int32Array } | undefined;
  },
): SeekerRanking<V> {
  const excluded: Record<string, number> = {};
  const eligible: V[] = [];
  const eligibleFacts: SeekerFacts[] = [];
  /** Each eligible vacancy's place in `rows`, and the skill counts the checks wrote by that place (4 each). */
  const eligibleAt: number[] = [];
  let skillCounts: Int32Array = new Int32Array(0);
  let names = new SeekerNames();
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
    names = opts.seekerFacts?.names ?? new SeekerNames();
    const facts = opts.seekerFacts?.facts ?? rows.map((v) => seekerFactsOf(v, names));
    const given = opts.seekerFacts?.skillCounts;
    skillCounts = given ?? new Int32Array(4 * rows.length);
    const rulesFor = seekerExclusions(p, mc, names, checks, (_, i) => facts[i]!, skillCounts, given !== undefined);
    const counts = new Uint32Array(EXCLUSION_RULES.length);
    for (let i = 0; i < rows.length; i++) {
      const v = rows[i]!;
      const mask = rulesFor(v, i);
      if (mask === 0) {
        eligible.push(v);
        eligibleFacts.push(facts[i]!);
        eligibleAt.push(i);
      } else for (let m = mask, i = 0; m !== 0; m >>>= 1, i++) if (m & 1) counts[i]!++;
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
  const byCode = new Float64Array(names.sizes.code).fill(NaN);
  let uncodedPoints = NaN;
  const codePoints = (v: V, f: SeekerFacts) => {
    let pts = f.code === -1 ? uncodedPoints : (byCode[f.code] ?? NaN);
    if (Number.isNaN(pts)) {
      pts = occupationFactor(p, v, mc).points + experienceFactor(p, v, mc.rules.today).points;
      if (f.code === -1) uncodedPoints = pts;
      else byCode[f.code] = pts;
    }
    return pts;
  };
  const share = (have: number, asked: number, weight: number) =>
    asked === 0 ? weight : round1(weight * (have / asked));
  // The education and care factors depend on the vacancy's level and its two offers only: once per value.
  const byLevel = new Map<number | null, number>();
  const levelPoints = (v: V, f: SeekerFacts) => {
    let pts = byLevel.get(f.isced);
    if (pts === undefined) byLevel.set(f.isced, (pts = educationFactor(p, v).points));
    return pts;
  };
  const byCare = [NaN, NaN, NaN, NaN];
  const carePoints = (v: V, f: SeekerFacts) => {
    if (Number.isNaN(byCare[f.care])) byCare[f.care] = careFactor(p, v).points;
    return byCare[f.care]!;
  };
  const fixed = FACTOR_WEIGHTS.languages + FACTOR_WEIGHTS.commute + FACTOR_WEIGHTS.start;
  const bounds = new Float64Array(eligible.length);
  for (let i = 0; i < eligible.length; i++) {
    const v = eligible[i]!;
    const f = eligibleFacts[i]!;
    const at = 4 * eligibleAt[i]!;
    const sum =
      codePoints(v, f) +
      share(skillCounts[at]!, skillCounts[at + 1]!, FACTOR_WEIGHTS.requiredSkills) +
      share(skillCounts[at + 2]!, skillCounts[at + 3]!, FACTOR_WEIGHTS.preferredSkills) +
      levelPoints(v, f) +
      carePoints(v, f) +
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
