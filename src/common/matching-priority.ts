/**
 * The priority policy and the fairness monitor of matching (issue 10, docs/MATCHING.md): pure functions,
 * no I/O. The server loads the facts and the organisation's policy and calls them; the web app reads the
 * bounds to validate its form.
 */
import { cellKey } from './disclosure.ts';
import { TARGET_GROUPS, type TargetGroup } from './enums.ts';
import { ageOn } from './people.ts';

// ---- priority policy -------------------------------------------------------------------------------------

/** The most points one target group's lift may add. */
export const MAX_GROUP_LIFT = 10;
/** The most points all lifts together add to one person (several groups do not stack beyond this). */
export const MAX_TOTAL_LIFT = 15;

/**
 * Target groups whose lift needs the person's consent to that use (`priority-matching`): ethnic origin and
 * health are special categories (KVKK art. 6), used for a lift only with explicit consent.
 */
export const CONSENT_GATED_GROUPS: readonly TargetGroup[] = ['roma', 'disability'];
/** Target groups that are special categories: a viewer without special-category:read is not told them. */
export const SPECIAL_GROUPS: readonly TargetGroup[] = ['refugee', 'roma', 'disability'];

/** Points per target group; a group not named has no lift. */
export type PriorityLifts = Partial<Record<TargetGroup, number>>;

/** What the lift needs to know of a person. */
export interface PriorityFacts {
  groups: readonly TargetGroup[];
  /** Active consent `priority-matching`: the special-category groups above may lift this person. */
  priorityConsent: boolean;
}

export interface PriorityLift {
  /** Points added to the score (0 when nothing applies). */
  points: number;
  /** The groups that lifted the person, in TARGET_GROUPS order. */
  groups: TargetGroup[];
}

/** Keeps only positive whole lifts within the bounds (what is stored). */
export function normaliseLifts(lifts: PriorityLifts): PriorityLifts {
  const out: PriorityLifts = {};
  for (const g of TARGET_GROUPS) {
    const w = lifts[g];
    if (typeof w === 'number' && w > 0) out[g] = Math.min(MAX_GROUP_LIFT, Math.round(w));
  }
  return out;
}

/**
 * The lift of one eligible person under a policy: the sum of the lifts of their target groups, at most
 * MAX_TOTAL_LIFT; a consent-gated group counts only with the person's consent to that use.
 */
export function priorityLift(p: PriorityFacts, lifts: PriorityLifts): PriorityLift {
  const groups = TARGET_GROUPS.filter(
    (g) => p.groups.includes(g) && (lifts[g] ?? 0) > 0 && (!CONSENT_GATED_GROUPS.includes(g) || p.priorityConsent),
  );
  const sum = groups.reduce((a, g) => a + Math.min(MAX_GROUP_LIFT, lifts[g] ?? 0), 0);
  return { points: Math.min(MAX_TOTAL_LIFT, sum), groups };
}

/** The groups a viewer may be told, and whether a group was left unnamed. */
export function visibleLiftGroups(
  groups: readonly TargetGroup[],
  viewerSeesSpecial: boolean,
): { named: TargetGroup[]; hidden: boolean } {
  const named = groups.filter((g) => viewerSeesSpecial || !SPECIAL_GROUPS.includes(g));
  return { named, hidden: named.length < groups.length };
}

// ---- fairness monitor ---------------------------------------------------------------------------------------

/** A share of a measure below this share of the eligible pool (ratio of shares) is flagged. */
export const FAIRNESS_FLAG_RATIO = 0.8;
export const AGE_BANDS = ['15-24', '25-34', '35-44', '45-54', '55+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const FAIRNESS_DIMENSIONS = ['sex', 'age', 'group'] as const;
export type FairnessDimension = (typeof FAIRNESS_DIMENSIONS)[number];
export const FAIRNESS_MEASURES = ['proposals', 'referrals', 'hires'] as const;
export type FairnessMeasure = (typeof FAIRNESS_MEASURES)[number];
export const SEXES = ['female', 'male'] as const;
/** The target-group cell of a person in no target group. */
export const NO_GROUP = 'none';

export { ageOn };

export function ageBand(birthDate: string, day: string): AgeBand {
  const age = ageOn(birthDate, day);
  if (age < 25) return '15-24';
  if (age < 35) return '25-34';
  if (age < 45) return '35-44';
  if (age < 55) return '45-54';
  return '55+';
}

/** What the monitor counts of a person (no name, no id). */
export interface FairnessFacts {
  sex: 'female' | 'male';
  birthDate: string;
  groups: readonly TargetGroup[];
}

/**
 * The one-way cells one person adds to: the total (''), their sex, their age band on the day, each of
 * their target groups (or `none`). Cell keys are disclosure.ts coordinates.
 */
export function fairnessCellsOf(f: FairnessFacts, day: string): string[] {
  const groups = f.groups.length ? f.groups : [NO_GROUP];
  return [
    cellKey({}),
    cellKey({ sex: f.sex }),
    cellKey({ age: ageBand(f.birthDate, day) }),
    ...groups.map((g) => cellKey({ group: g })),
  ];
}

/** Adds `from` into `into` (cell → count). */
export function addCounts(into: Map<string, number>, from: Iterable<[string, number]>): Map<string, number> {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
  return into;
}

/** Counts of a list of people (cell → count). */
export function countCells(people: readonly FairnessFacts[], day: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of people) for (const k of fairnessCellsOf(p, day)) out.set(k, (out.get(k) ?? 0) + 1);
  return out;
}

/**
 * The representation ratio of a group: its share of the measure over its share of the eligible pool
 * (1: as represented as in the pool; below FAIRNESS_FLAG_RATIO: flagged). Null when either share is
 * undefined (an empty pool or measure, or a group absent from the pool).
 */
export function representationRatio(
  measure: number,
  measureTotal: number,
  pool: number,
  poolTotal: number,
): number | null {
  if (measureTotal <= 0 || poolTotal <= 0 || pool <= 0) return null;
  return Math.round((measure / measureTotal / (pool / poolTotal)) * 1000) / 1000;
}
