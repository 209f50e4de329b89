/**
 * Value sets and pure rules of partners, projects and their results frameworks (issue 13, docs/PROGRAMMES.md):
 * how an indicator's actual is measured, which period a dated record falls in, placements counted as
 * employment after a course, and the age bands of the disaggregation. Shared by the database schema, the
 * contract, the services and the web app. No I/O.
 */
import { addMonths } from './decent-work.ts';

/**
 * Safeguards for a transfer of personal data abroad (KVKK art. 9 as amended by Law 7499): an adequacy
 * decision of the Board, standard contracts notified to the Authority, binding corporate rules approved by
 * the Board, or a written undertaking with the Board's permission.
 */
export const TRANSFER_SAFEGUARDS = [
  'adequacy-decision',
  'standard-contract',
  'binding-corporate-rules',
  'board-permitted-undertaking',
] as const;
export type TransferSafeguard = (typeof TRANSFER_SAFEGUARDS)[number];

export const PARTNER_TYPES = [
  'un-agency',
  'international-organisation',
  'ministry',
  'public-employment-service',
  'municipality',
  'ngo',
  'cooperative',
  'employers-organisation',
  'workers-organisation',
  'donor',
  'private-sector',
  'academic',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];

/** What a partner does in a project. */
export const PARTNER_ROLES = ['implementing', 'funding', 'technical'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const PROJECT_STATUSES = ['planned', 'active', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const CURRENCIES = ['TRY', 'USD', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Levels of a results framework: outcomes (the change sought) and outputs (what the project delivers). */
export const INDICATOR_LEVELS = ['outcome', 'output'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];

/**
 * How an indicator's actual is obtained. All but `manual` are computed from the records linked to the
 * project (its courses, their participants and certificates, placements after them, its activities):
 * - enrolled: distinct persons who took part in a project course (enrolled, completed, not completed or
 *   dropped out), dated by the course's start;
 * - completed: distinct persons who completed a project course, dated by the completion;
 * - certified: certificates of project courses issued and not revoked, dated by the issue;
 * - placed-3m / placed-6m: completers of a project course whose job (a placement) started within 3 or
 *   6 months of completing, dated by the job's start;
 * - activity-reach: the reach recorded on the project's activities, dated by the activity;
 * - fair-visitors: visitors of the project's job fairs (a registered person once; a walk-in not linked to a
 *   person once), dated by the fair's first day;
 * - fair-hires: persons hired from an application made at one of the project's fairs, dated by the hire;
 * - manual: values entered by hand with their evidence, counted once a second person approved them.
 */
export const INDICATOR_MEASURES = [
  'enrolled',
  'completed',
  'certified',
  'placed-3m',
  'placed-6m',
  'activity-reach',
  'fair-visitors',
  'fair-hires',
  'manual',
] as const;
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];
/** Measures that count persons (and so can be split by sex and age band). */
export const PERSON_MEASURES: readonly IndicatorMeasure[] = [
  'enrolled',
  'completed',
  'placed-3m',
  'placed-6m',
  'fair-visitors',
  'fair-hires',
];
/** A target-group row of an actual's split for fair walk-ins not linked to a registered person. */
export const NOT_REGISTERED_GROUP = 'not-registered';

export const INDICATOR_UNITS = ['persons', 'certificates', 'activities', 'number'] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export const VALUE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type ValueStatus = (typeof VALUE_STATUSES)[number];

export const ACTIVITY_KINDS = [
  'training',
  'workshop',
  'info-session',
  'job-fair',
  'employer-meeting',
  'awareness-campaign',
] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const AGE_BANDS = ['15-24', '25-34', '35-54', '55+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** The age band of someone born on `birthDate` on `date` (ISO dates; under 15 counts in the youngest band). */
export function ageBandOn(birthDate: string, date: string): AgeBand {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const age = y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
  if (age < 25) return '15-24';
  if (age < 35) return '25-34';
  if (age < 55) return '35-54';
  return '55+';
}

/** Whether a job that started on `startDate` counts as employment within `months` of completing on `completedOn`. */
export function placedWithin(completedOn: string, startDate: string, months: number): boolean {
  return startDate >= completedOn && startDate <= addMonths(completedOn, months);
}

/** A period of a target: inclusive ISO dates. */
export interface Period {
  start: string;
  end: string;
}

/** Whether a dated record falls in a period. */
export function inPeriod(date: string, period: Period): boolean {
  return date >= period.start && date <= period.end;
}

/**
 * Progress towards a target in per cent, rounded down (the actuals count what the project itself
 * achieved, so the baseline is shown beside them, not subtracted); null without a positive target.
 */
export function progressPercent(target: number, actual: number): number | null {
  if (target <= 0) return null;
  return Math.floor((actual * 100) / target);
}

/**
 * The first job a person started within `months` of completing on `completedOn` (with `employerId`: at
 * that employer only), or null. `starts` are the person's jobs.
 */
export function firstJobWithin<S extends { startDate: string; employerId: string }>(
  completedOn: string,
  starts: readonly S[],
  months: number,
  employerId?: string,
): S | null {
  let first: S | null = null;
  for (const s of starts) {
    if (employerId !== undefined && s.employerId !== employerId) continue;
    if (!placedWithin(completedOn, s.startDate, months)) continue;
    if (!first || s.startDate < first.startDate) first = s;
  }
  return first;
}
