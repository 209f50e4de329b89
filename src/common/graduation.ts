/**
 * Social-aid graduation ("sistem mezuniyeti", issue 11; docs/GRADUATION.md): value sets and the pure rule
 * that says when a household receiving social aid no longer needs it. Shared by the database schema, the
 * contract, the services and the web app.
 */
import { addMonths } from './decent-work.ts';
import { minimumWageOn, type MinimumWageRow } from './minimum-wage.ts';

/**
 * recommended: the rule holds, a manager decides. approved: sent to the unit that pays the aid.
 * declined: the manager said no (with a reason). confirmed: the unit ended the aid (end date, monthly
 * aid saved). returned: the household went back on aid within 12 months of its end. lapsed: the rule
 * stopped holding before a manager decided (the job ended, the income fell).
 */
export const GRADUATION_STATUSES = ['recommended', 'approved', 'declined', 'confirmed', 'returned', 'lapsed'] as const;
export type GraduationStatus = (typeof GRADUATION_STATUSES)[number];

/** Statuses awaiting a step: at most one graduation per household in one of them (unique index). */
export const OPEN_GRADUATION_STATUSES = ['recommended', 'approved'] as const;

/** Who pays the aid: the municipality's social services, or the district's SYDV for state aid. */
export const AID_PAYERS = ['municipality', 'sydv'] as const;
export type AidPayer = (typeof AID_PAYERS)[number];

/** How the income threshold is set: a share of the net minimum wage in force, or a fixed amount. */
export const THRESHOLD_KINDS = ['minimum-wage-share', 'amount'] as const;
export type ThresholdKind = (typeof THRESHOLD_KINDS)[number];

/** A return to aid counts against a graduation within this many months of the aid's end. */
export const RETURN_WINDOW_MONTHS = 12;

export interface GraduationRule {
  /** Months of verified registered work a household member has completed, at least. */
  minMonths: number;
  thresholdKind: ThresholdKind;
  /** Percent of the net minimum wage (thresholdKind `minimum-wage-share`). */
  thresholdShare: number;
  /** TL a month per member (thresholdKind `amount`). */
  thresholdAmount: number | null;
}

/**
 * Defaults: 3 months of verified registered work (past the statutory probation of at most 2 months,
 * Labour Law art. 15, and the first retention follow-up), and an income per member above one third of
 * the net minimum wage — the per-capita line the SYDV uses for most state aid (check with the local
 * foundation before relying on it).
 */
export const DEFAULT_GRADUATION_RULE: GraduationRule = {
  minMonths: 3,
  thresholdKind: 'minimum-wage-share',
  thresholdShare: 33.33,
  thresholdAmount: null,
};

export const RULE_LIMITS = {
  minMonths: { min: 1, max: 36 },
  thresholdShare: { min: 5, max: 200 },
  thresholdAmount: { min: 1, max: 1_000_000 },
} as const;

/** Whole months from `from` to `to` (a month is complete on the same day of the month, or the month's last day). */
export function wholeMonthsBetween(from: string, to: string): number {
  if (to < from) return 0;
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  let months = (ty - fy) * 12 + (tm - fm);
  while (months > 0 && addMonths(from, months) > to) months--;
  return months;
}

/** The threshold in TL per member per month on a date (null: a share of a minimum wage not known then). */
export function thresholdOn(
  rule: GraduationRule,
  date: string,
  minimumWages: readonly MinimumWageRow[],
): number | null {
  if (rule.thresholdKind === 'amount') return rule.thresholdAmount;
  const mw = minimumWageOn(date, minimumWages);
  return mw ? Math.round(mw.netMonthly * rule.thresholdShare) / 100 : null;
}

export interface WorkFact {
  personId: string;
  memberName: string;
  placementId: string;
  employerName: string;
  jobTitle: string;
  startDate: string;
  netWage: number | null;
}

export interface HouseholdFacts {
  members: number;
  monthlyIncome: number;
  monthlyAid: number;
  work: readonly WorkFact[];
}

export const UNMET_REASONS = ['no-aid', 'no-verified-work', 'too-few-months', 'income-below', 'no-threshold'] as const;
export type UnmetReason = (typeof UNMET_REASONS)[number];

/** What the rule found: the facts behind a recommendation, or why there is none. */
export interface Evaluation {
  holds: boolean;
  unmet: UnmetReason[];
  onDate: string;
  minMonths: number;
  /** The member in verified registered work the longest (null without one). */
  work: (WorkFact & { months: number }) | null;
  members: number;
  monthlyIncome: number;
  monthlyAid: number;
  incomePerMember: number;
  threshold: number | null;
}

/**
 * The graduation rule: a household receiving aid holds it when a member has completed at least
 * `minMonths` of verified registered work in a job that still runs, and its income per member is
 * above the threshold.
 */
export function evaluateGraduation(
  rule: GraduationRule,
  facts: HouseholdFacts,
  onDate: string,
  minimumWages: readonly MinimumWageRow[],
): Evaluation {
  const unmet: UnmetReason[] = [];
  const members = Math.max(1, facts.members);
  const incomePerMember = Math.round((facts.monthlyIncome * 100) / members) / 100;
  const threshold = thresholdOn(rule, onDate, minimumWages);
  const longest = [...facts.work]
    .filter((w) => w.startDate <= onDate)
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.placementId.localeCompare(b.placementId))[0];
  const work = longest ? { ...longest, months: wholeMonthsBetween(longest.startDate, onDate) } : null;
  if (!(facts.monthlyAid > 0)) unmet.push('no-aid');
  if (!work) unmet.push('no-verified-work');
  else if (work.months < rule.minMonths) unmet.push('too-few-months');
  if (threshold === null) unmet.push('no-threshold');
  else if (!(incomePerMember > threshold)) unmet.push('income-below');
  return {
    holds: unmet.length === 0,
    unmet,
    onDate,
    minMonths: rule.minMonths,
    work,
    members,
    monthlyIncome: facts.monthlyIncome,
    monthlyAid: facts.monthlyAid,
    incomePerMember,
    threshold,
  };
}

/** Whether a return to aid on `returnedOn` counts against a graduation whose aid ended on `aidEndDate`. */
export function returnCounts(aidEndDate: string, returnedOn: string): boolean {
  return returnedOn >= aidEndDate && returnedOn <= addMonths(aidEndDate, RETURN_WINDOW_MONTHS);
}

/**
 * Which unit pays an aid programme: state aid through the SYDV (SED, ŞEY, the family support
 * programme, …), anything else the municipality. A guess for the approval form; the manager chooses.
 */
export function likelyPayer(programmes: readonly string[]): AidPayer {
  const text = programmes.join(' ').toLocaleLowerCase('tr');
  return /sydv|vakf|vakıf|şey|sed\b|aile destek|şartlı|devlet/.test(text) ? 'sydv' : 'municipality';
}

export const REPORT_GROUPINGS = ['district', 'target-group', 'month'] as const;
export type ReportGrouping = (typeof REPORT_GROUPINGS)[number];
