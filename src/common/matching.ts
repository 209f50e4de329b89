/**
 * Explainable two-way matching of persons and vacancies (issue 10, docs/MATCHING.md): the hard
 * constraints that exclude a pair, the score factors and their weights, and the message keys that
 * explain a result. Pure functions, no I/O: the server loads the facts and calls them.
 */
import {
  checkPerson,
  checkVacancy,
  employerPermitDuty,
  type PermitFacts,
  type PersonFacts,
  type RuleContext,
  type VacancyTerms,
  type Violation,
} from './decent-work.ts';
import type { CefrLevel, Shift } from './enums.ts';
import { heldOn, type HeldQualification } from './occupation-codes.ts';
import { calendarDate, type MessageParams } from './message-format.ts';
import { foldAscii } from './text.ts';
import { toDayNumber } from './working-days.ts';

export const EXCLUSION_RULES = [
  'decent-work',
  'licence',
  'certificate',
  'hours',
  'shifts',
  'district',
  'commute',
  'language',
  'unrelated',
  'no-consent',
  'already-referred',
  'fair-spread',
] as const;
export type ExclusionRule = (typeof EXCLUSION_RULES)[number];

export const FACTORS = [
  'occupation',
  'requiredSkills',
  'preferredSkills',
  'education',
  'experience',
  'languages',
  'care',
  'commute',
  'start',
] as const;
export type FactorName = (typeof FACTORS)[number];

/** Points each factor can add; they sum to 100. */
export const FACTOR_WEIGHTS: Record<FactorName, number> = {
  occupation: 28,
  requiredSkills: 22,
  preferredSkills: 8,
  education: 8,
  experience: 14,
  languages: 5,
  care: 5,
  commute: 7,
  start: 3,
};

/** Default of the fair-spread rule: a person with this many open referrals is not proposed. */
export const DEFAULT_MAX_OPEN_REFERRALS = 3;

/** What matching needs to know of a person. */
export interface MatchPerson {
  id: string;
  /** Unit groups of the desired occupations. */
  desiredCodes: readonly string[];
  work: readonly { iscoCode: string | null; startDate: string | null; endDate: string | null; registered: boolean }[];
  skillIds: readonly string[];
  licences: readonly HeldQualification[];
  certificates: readonly HeldQualification[];
  iscedLevel: number | null;
  languages: readonly { code: string; level: string }[];
  /** Where the person lives: the start of the commute. */
  home: Place | null;
  constraints: {
    hoursPerWeek: number | null;
    shifts: readonly string[];
    districts: readonly string[];
    /** The longest commute the person accepts, in minutes (null: not said). */
    maxCommuteMinutes: number | null;
    childcareNeed: boolean;
    /** The first day the person can start (null: at once). */
    earliestStart: string | null;
  } | null;
  /** Special category (disability): read by the matcher, never named to viewers without special-category:read. */
  accessibilityNeed: boolean;
  /** Active consent to share the profile with employers. */
  consent: boolean;
  openReferrals: number;
  decentWork: PersonFacts;
  permits: readonly PermitFacts[];
}

/** What matching needs to know of a vacancy. */
export interface MatchVacancy {
  id: string;
  employerId: string;
  iscoCode: string | null;
  requiredSkillIds: readonly string[];
  preferredSkillIds: readonly string[];
  requiredLicences: readonly string[];
  requiredCertificates: readonly string[];
  iscedLevel: number | null;
  languages: readonly { code: string; level: CefrLevel }[];
  shifts: readonly Shift[];
  hoursPerWeek: number;
  province: string | null;
  district: string | null;
  remote: boolean;
  startDate: string;
  childcareSupport: boolean;
  accessibleWorkplace: boolean;
  terms: VacancyTerms;
}

/** A province and one of its districts, as typed (compared case- and diacritic-folded). */
export interface Place {
  province: string;
  district: string;
}

/** Minutes by public transport between two places, null where the matrix has no figure. */
export type CommuteMinutes = (from: Place, to: Place) => number | null;

export interface MatchContext {
  rules: RuleContext;
  /** The district travel-time matrix (server: data/commute-minutes.csv); absent: commute unknown. */
  commute?: CommuteMinutes;
  maxOpenReferrals: number;
  /** Essential skills of unit groups (for "related through shared skills"); missing groups count as none. */
  essentialSkills: ReadonlyMap<string, ReadonlySet<string>>;
  /** Pairs already referred (any referral not withdrawn) or refused: `${personId}:${vacancyId}`. */
  referred: ReadonlySet<string>;
}

export interface Exclusion {
  rule: ExclusionRule;
  params: MessageParams;
}

export interface Factor {
  factor: FactorName;
  weight: number;
  /** 0–1. */
  value: number;
  /** weight × value, rounded to one decimal. */
  points: number;
  /** Why: the message key explaining this factor, and its values. */
  code: string;
  params: MessageParams;
  /** The message states a special-category fact (shown only with special-category:read). */
  special?: boolean;
}

export interface MatchResult {
  score: number;
  factors: Factor[];
  /** The employer must still request a work permit (or exemption): not an exclusion, said in the explanation. */
  permitToRequest: boolean;
}

/**
 * The match as it stood when a counsellor referred from a ranked list, kept with the referral (KVKK art. 11:
 * matching is advisory, and the person may ask how they were ranked). Message codes and typed parameters,
 * so that it reads in the viewer's language and hides special-category facts from viewers without the right.
 */
export interface StoredMatch {
  /** The factors' sum plus the priority lift. */
  score: number;
  factors: Factor[];
  permitToRequest: boolean;
  lift: { points: number; groups: string[] } | null;
  /** The day (Türkiye) it was computed. */
  day: string;
}

/**
 * Names as typed compared without case, diacritics or surrounding spaces (the search's Turkish-aware fold).
 * Remembered: the same few hundred province and district names are folded for every pair a list scores (a person's
 * 30,000 related vacancies spent most of their commute factor folding them again).
 */
export const fold = (s: string) => {
  let f = folded.get(s);
  if (f === undefined) {
    if (folded.size >= 10_000) folded.clear();
    folded.set(s, (f = foldAscii(s).trim()));
  }
  return f;
};
const folded = new Map<string, string>();

/** The later of the vacancy's start and today: when licences must be valid. */
const dayOfStart = (v: MatchVacancy, today: string) => (v.startDate > today ? v.startDate : today);

// ---- hard constraints ------------------------------------------------------------------------------------

/** Every reason this person may not be proposed for this vacancy (empty: eligible). */
export function exclusions(p: MatchPerson, v: MatchVacancy, ctx: MatchContext): Exclusion[] {
  return exclusionsGiven(p, v, ctx, checkVacancy(v.terms, ctx.rules));
}

/**
 * `exclusions` with the vacancy's own decent-work violations (`checkVacancy(v.terms, ctx.rules)`, which do not
 * depend on the person) already known: the seeker's direction keeps them per vacancy and day in its index.
 */
export function exclusionsGiven(
  p: MatchPerson,
  v: MatchVacancy,
  ctx: MatchContext,
  vacancyViolations: readonly Violation[],
): Exclusion[] {
  const out: Exclusion[] = [];
  if (!p.consent) out.push({ rule: 'no-consent', params: {} });
  if (ctx.referred.has(`${p.id}:${v.id}`)) out.push({ rule: 'already-referred', params: {} });
  if (p.openReferrals >= ctx.maxOpenReferrals)
    out.push({ rule: 'fair-spread', params: { open: p.openReferrals, max: ctx.maxOpenReferrals } });
  // checkReferral's violations: the vacancy's, then the person's.
  const violations = [...vacancyViolations, ...checkPerson(v.terms, p.decentWork, ctx.rules)];
  if (violations.length) out.push({ rule: 'decent-work', params: { rules: violations.map((x) => x.rule).join(',') } });
  const day = dayOfStart(v, ctx.rules.today);
  const missingLicences = v.requiredLicences.filter((c) => !p.licences.some((l) => l.code === c && heldOn(l, day)));
  if (missingLicences.length) out.push({ rule: 'licence', params: { codes: missingLicences.join(', ') } });
  const missingCerts = v.requiredCertificates.filter(
    (c) => !p.certificates.some((l) => l.code === c && heldOn(l, day)),
  );
  if (missingCerts.length) out.push({ rule: 'certificate', params: { codes: missingCerts.join(', ') } });
  const c = p.constraints;
  if (c) {
    if (c.hoursPerWeek !== null && v.hoursPerWeek > c.hoursPerWeek)
      out.push({ rule: 'hours', params: { accepted: c.hoursPerWeek, offered: v.hoursPerWeek } });
    if (c.shifts.length > 0) {
      const outside = v.shifts.filter((s) => !c.shifts.includes(s));
      if (outside.length) out.push({ rule: 'shifts', params: { shifts: outside.join(', ') } });
    }
    if (c.districts.length > 0 && !v.remote && v.district) {
      const district = fold(v.district);
      if (!c.districts.some((d) => fold(d) === district))
        out.push({ rule: 'district', params: { district: v.district } });
    }
    if (c.maxCommuteMinutes !== null) {
      const trip = commuteOf(p, v, ctx);
      if (trip.kind === 'minutes' && trip.minutes > c.maxCommuteMinutes)
        out.push({ rule: 'commute', params: { minutes: trip.minutes, max: c.maxCommuteMinutes } });
      else if (trip.kind === 'other-province') out.push({ rule: 'commute', params: { province: v.province ?? '' } });
    }
  }
  const below = languagesBelow(p, v);
  if (below.length) out.push({ rule: 'language', params: { languages: below.join(', ') } });
  if (unrelated(p, v, ctx)) out.push({ rule: 'unrelated', params: {} });
  return out;
}

/**
 * No occupational relation (the occupation factor is 0: not the vacancy's unit group, not its minor group, not
 * related through shared essential skills) and no required or preferred skill of the vacancy held: the person is
 * not a candidate at all (a vacancy without an ISCO code relates to everyone). Without it, persons of unrelated
 * occupations outrank the real candidates of a thin occupation on education, commute and start.
 */
export function unrelated(p: MatchPerson, v: MatchVacancy, ctx: Pick<MatchContext, 'essentialSkills'>): boolean {
  if (!v.iscoCode) return false;
  if (v.requiredSkillIds.some((s) => p.skillIds.includes(s))) return false;
  if (v.preferredSkillIds.some((s) => p.skillIds.includes(s))) return false;
  return occupationFactor(p, v, ctx).value === 0;
}

const CEFR_ORDER = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'];

/** The vacancy's languages the person lacks at the level asked ("en B2"): a hard constraint. */
export function languagesBelow(p: MatchPerson, v: MatchVacancy): string[] {
  return v.languages
    .filter((need) => {
      const has = p.languages.find((l) => l.code === need.code);
      return !has || CEFR_ORDER.indexOf(has.level) < CEFR_ORDER.indexOf(need.level);
    })
    .map((need) => `${need.code} ${need.level}`);
}

export type Commute =
  { kind: 'remote' } | { kind: 'minutes'; minutes: number } | { kind: 'other-province' } | { kind: 'unknown' };

/** The trip from the person's home to the workplace, by the matrix. */
export function commuteOf(p: MatchPerson, v: MatchVacancy, ctx: Pick<MatchContext, 'commute'>): Commute {
  if (v.remote) return { kind: 'remote' };
  if (!p.home || !v.province || !v.district) return { kind: 'unknown' };
  if (fold(p.home.province) !== fold(v.province)) return { kind: 'other-province' };
  const minutes = ctx.commute?.(p.home, { province: v.province, district: v.district }) ?? null;
  return minutes === null ? { kind: 'unknown' } : { kind: 'minutes', minutes };
}

// ---- score factors ----------------------------------------------------------------------------------------

const round1 = (n: number) => Math.round(n * 10) / 10;
const factor = (name: FactorName, value: number, code: string, params: MessageParams = {}, special = false): Factor => {
  const v = Math.max(0, Math.min(1, value));
  return {
    factor: name,
    weight: FACTOR_WEIGHTS[name],
    value: Math.round(v * 1000) / 1000,
    points: round1(FACTOR_WEIGHTS[name] * v),
    code: `matching.factor.${code}`,
    params,
    ...(special ? { special } : {}),
  };
};

function jaccard(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): number {
  if (!a || !b || a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
}

/** Share of essential skills two unit groups must have in common to count as related. */
export const RELATED_THRESHOLD = 0.2;

/**
 * The occupation factor's value by how close the person's nearest occupation is: the vacancy's unit group,
 * its minor group, or a related unit group (essential skills shared). The matching pool's SQL pre-order uses
 * the same values.
 */
export const OCCUPATION_CLOSENESS = { same: 1, minor: 0.6, related: 0.3 } as const;

/** How close the person's occupations (desired and worked) come to the vacancy's unit group. */
export function occupationFactor(p: MatchPerson, v: MatchVacancy, ctx: Pick<MatchContext, 'essentialSkills'>): Factor {
  if (!v.iscoCode) return factor('occupation', 0.5, 'occupation.unknown');
  const codes = [...new Set([...p.desiredCodes, ...p.work.map((w) => w.iscoCode).filter((c): c is string => !!c)])];
  if (codes.includes(v.iscoCode))
    return factor('occupation', OCCUPATION_CLOSENESS.same, 'occupation.same', { code: v.iscoCode });
  const minor = v.iscoCode.slice(0, 3);
  const sameMinor = codes.find((c) => c.startsWith(minor));
  if (sameMinor) return factor('occupation', OCCUPATION_CLOSENESS.minor, 'occupation.minor', { code: sameMinor });
  let best: { code: string; share: number } | null = null;
  const target = ctx.essentialSkills.get(v.iscoCode);
  for (const c of codes) {
    const share = jaccard(ctx.essentialSkills.get(c), target);
    if (share >= RELATED_THRESHOLD && (!best || share > best.share)) best = { code: c, share };
  }
  if (best) return factor('occupation', OCCUPATION_CLOSENESS.related, 'occupation.related', { code: best.code });
  return factor('occupation', 0, 'occupation.none');
}

function skillsFactor(name: 'requiredSkills' | 'preferredSkills', wanted: readonly string[], p: MatchPerson): Factor {
  if (wanted.length === 0) return factor(name, 1, `${name}.none`);
  const have = wanted.filter((s) => p.skillIds.includes(s)).length;
  return factor(name, have / wanted.length, `${name}.share`, { have, total: wanted.length });
}

export function requiredSkillsFactor(p: MatchPerson, v: MatchVacancy): Factor {
  return skillsFactor('requiredSkills', v.requiredSkillIds, p);
}
export function preferredSkillsFactor(p: MatchPerson, v: MatchVacancy): Factor {
  return skillsFactor('preferredSkills', v.preferredSkillIds, p);
}

export function educationFactor(p: MatchPerson, v: MatchVacancy): Factor {
  if (v.iscedLevel === null) return factor('education', 1, 'education.none');
  if (p.iscedLevel === null) return factor('education', 0.5, 'education.unknown', { required: v.iscedLevel });
  if (p.iscedLevel >= v.iscedLevel) return factor('education', 1, 'education.meets', { required: v.iscedLevel });
  if (p.iscedLevel === v.iscedLevel - 1)
    return factor('education', 0.5, 'education.below', { required: v.iscedLevel, level: p.iscedLevel });
  return factor('education', 0, 'education.below', { required: v.iscedLevel, level: p.iscedLevel });
}

/** Whole months between two ISO dates (0 when unknown or reversed). */
export function monthsBetween(from: string | null, to: string | null): number {
  if (!from || !to || to < from) return 0;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm));
}

/** Months of experience that count fully; registered work counts fully, unregistered half. */
export const FULL_EXPERIENCE_MONTHS = 24;

export function experienceFactor(p: MatchPerson, v: MatchVacancy, today: string): Factor {
  if (!v.iscoCode) return factor('experience', 0, 'experience.none');
  let months = 0;
  let registered = 0;
  for (const w of p.work) {
    if (!w.iscoCode) continue;
    const weightByLevel = w.iscoCode === v.iscoCode ? 1 : w.iscoCode.slice(0, 3) === v.iscoCode.slice(0, 3) ? 0.5 : 0;
    if (weightByLevel === 0) continue;
    const m = monthsBetween(w.startDate, w.endDate ?? today);
    months += m * weightByLevel * (w.registered ? 1 : 0.5);
    if (w.registered) registered += m * weightByLevel;
  }
  if (months === 0) return factor('experience', 0, 'experience.none');
  return factor(
    'experience',
    months / FULL_EXPERIENCE_MONTHS,
    registered > 0 ? 'experience.registered' : 'experience.unregistered',
    {
      years: Math.round((months / 12) * 10) / 10,
    },
  );
}

/**
 * The languages asked, as a factor that explains: a language below the level asked is a hard constraint
 * (languagesBelow), so for an eligible pair this says which were met; half credit for a lower level only
 * where it is scored without the constraints.
 */
export function languagesFactor(p: MatchPerson, v: MatchVacancy): Factor {
  if (v.languages.length === 0) return factor('languages', 1, 'languages.none');
  let met = 0;
  let sum = 0;
  for (const need of v.languages) {
    const has = p.languages.find((l) => l.code === need.code);
    if (!has) continue;
    if (CEFR_ORDER.indexOf(has.level) >= CEFR_ORDER.indexOf(need.level)) {
      met++;
      sum += 1;
    } else sum += 0.5;
  }
  return factor('languages', sum / v.languages.length, 'languages.share', { have: met, total: v.languages.length });
}

/** Childcare and accessibility: what the person needs against what the workplace offers. */
export function careFactor(p: MatchPerson, v: MatchVacancy): Factor {
  const childcare = p.constraints?.childcareNeed ?? false;
  const parts: number[] = [];
  let code = 'care.none';
  let special = false;
  if (childcare) {
    parts.push(v.childcareSupport ? 1 : 0.4);
    code = v.childcareSupport ? 'care.childcareOffered' : 'care.childcareMissing';
  }
  if (p.accessibilityNeed) {
    parts.push(v.accessibleWorkplace ? 1 : 0.4);
    special = true;
    code = v.accessibleWorkplace
      ? childcare && v.childcareSupport
        ? 'care.bothOffered'
        : 'care.accessible'
      : 'care.notAccessible';
  }
  const value = parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : 1;
  return factor('care', value, code, {}, special);
}

/** A trip up to this long counts fully; the factor falls in a straight line to nothing at COMMUTE_NONE. */
export const COMMUTE_FULL = 30;
export const COMMUTE_NONE = 120;

/** Closer workplaces score higher (the matrix's minutes); a remote job counts fully. */
export function commuteFactor(p: MatchPerson, v: MatchVacancy, ctx: Pick<MatchContext, 'commute'>): Factor {
  const trip = commuteOf(p, v, ctx);
  if (trip.kind === 'remote') return factor('commute', 1, 'commute.remote');
  if (trip.kind === 'unknown') return factor('commute', 0.5, 'commute.unknown');
  if (trip.kind === 'other-province')
    return factor('commute', 0, 'commute.otherProvince', { province: v.province ?? '' });
  const value = 1 - (trip.minutes - COMMUTE_FULL) / (COMMUTE_NONE - COMMUTE_FULL);
  return factor('commute', value, 'commute.minutes', { minutes: trip.minutes });
}

/** Days after the vacancy's start at which the start factor reaches nothing. */
export const START_GAP_DAYS = 60;

/** Can the person start when the job does? Later starts score less, by the days between. */
export function startFactor(p: MatchPerson, v: MatchVacancy, today: string): Factor {
  const start = dayOfStart(v, today);
  const earliest = p.constraints?.earliestStart ?? null;
  if (!earliest || earliest <= start) return factor('start', 1, 'start.ready');
  const gap = toDayNumber(earliest) - toDayNumber(start);
  return factor('start', 1 - gap / START_GAP_DAYS, 'start.later', { date: calendarDate(earliest), days: gap });
}

/** The score of an eligible pair (0–100) with each factor's contribution. */
export function scoreMatch(p: MatchPerson, v: MatchVacancy, ctx: MatchContext): MatchResult {
  const factors = [
    occupationFactor(p, v, ctx),
    requiredSkillsFactor(p, v),
    preferredSkillsFactor(p, v),
    educationFactor(p, v),
    experienceFactor(p, v, ctx.rules.today),
    languagesFactor(p, v),
    careFactor(p, v),
    commuteFactor(p, v, ctx),
    startFactor(p, v, ctx.rules.today),
  ];
  const duty = employerPermitDuty(p.decentWork.rightToWork, p.permits, {
    employerId: v.employerId,
    startDate: dayOfStart(v, ctx.rules.today),
    seasonalAgriculture: v.terms.seasonalAgriculture ?? false,
  });
  return { score: round1(factors.reduce((a, f) => a + f.points, 0)), factors, permitToRequest: duty !== null };
}

/**
 * The parts of the explanation sentence, in order, as message keys: each factor that says something,
 * then the legal conditions. A viewer without special-category:read never sees a special-category fact:
 * the accessibility part becomes "the workplace suits the person's needs", the permit part "meets the
 * legal conditions".
 */
export function explanationParts(
  r: MatchResult,
  viewerSeesSpecial: boolean,
): { code: string; params: MessageParams }[] {
  const out: { code: string; params: MessageParams }[] = [];
  for (const f of r.factors) {
    if (f.code.endsWith('.none') || f.code.endsWith('.unknown')) continue;
    if (f.special && !viewerSeesSpecial) {
      if (f.value >= 1) out.push({ code: 'matching.factor.care.suits', params: {} });
      continue;
    }
    out.push({ code: f.code, params: f.params });
  }
  if (r.permitToRequest)
    out.push({ code: viewerSeesSpecial ? 'matching.permitToRequest' : 'matching.legalConditions', params: {} });
  else out.push({ code: 'matching.legalConditions', params: {} });
  return out;
}

/** A small, stable per-day number for rotating equally good candidates (FNV-1a of id and day). */
export function rotationKey(id: string, day: string): number {
  let h = 0x811c9dc5;
  for (const ch of `${id}|${day}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
