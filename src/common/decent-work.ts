/**
 * Decent-work rules (RULES.md, Labour Law 4857, the regulations on young workers and on work permits
 * of foreigners): the one place that decides whether a vacancy may be submitted or published, whether
 * a person may be referred to it, and whether a placement may start. Pure functions, used by the server
 * (vacancies, referrals, the job board, later placements) and by the web app's live check alike: the
 * server loads the values (minimum-wage table, the platform's decent-work limits, the employer's status,
 * the person's right to work and permits) and passes them in. Every refusal names its rule, a message
 * key, the field it concerns and typed parameters (money, dates, terms) formatted per reader.
 */
import { checkAgainstMinimumWage, minimumWageOn, type MinimumWageRow, type WageBasis } from './minimum-wage.ts';
import { ageOn } from './people.ts';
import { calendarDate, money, term, type MessageParams } from './message-format.ts';

import type { EmployerStatus, HazardClass, Shift } from './enums.ts';

export type { EmployerStatus, HazardClass, Shift };

/**
 * Platform-wide limits: working time (art. 63, 69), minors (art. 71–73 and the regulation on children
 * and young workers), and the waiting period before people under temporary or international protection
 * may work. Editable by the platform administrator within `LIMIT_RANGES`.
 */
export interface DecentWorkLimits {
  weeklyHours: number;
  dailyHours: number;
  nightDailyHours: number;
  minorWeeklyHours: number;
  minorDailyHours: number;
  pupilWeeklyHours: number;
  pupilDailyHours: number;
  minimumAge: number;
  adultAge: number;
  protectionWaitingMonths: number;
}
/** The former name, kept for callers. */
export type WorkingTimeLimits = DecentWorkLimits;

export const DEFAULT_LIMITS: DecentWorkLimits = {
  weeklyHours: 45,
  dailyHours: 11,
  nightDailyHours: 7.5,
  minorWeeklyHours: 40,
  minorDailyHours: 8,
  pupilWeeklyHours: 10,
  pupilDailyHours: 2,
  minimumAge: 15,
  adultAge: 18,
  protectionWaitingMonths: 6,
};

/**
 * The range each limit may take. The upper bounds are the statutory maxima (a limit may be tightened,
 * never loosened beyond the law: a change of law is a change of this code); the lower bounds catch typos
 * that would refuse every vacancy.
 */
export const LIMIT_RANGES: Record<keyof DecentWorkLimits, { min: number; max: number }> = {
  weeklyHours: { min: 20, max: 45 },
  dailyHours: { min: 4, max: 11 },
  nightDailyHours: { min: 4, max: 7.5 },
  minorWeeklyHours: { min: 10, max: 40 },
  minorDailyHours: { min: 2, max: 8 },
  pupilWeeklyHours: { min: 0, max: 10 },
  pupilDailyHours: { min: 0, max: 2 },
  minimumAge: { min: 15, max: 18 },
  adultAge: { min: 18, max: 21 },
  protectionWaitingMonths: { min: 0, max: 12 },
};

/** Limits that contradict each other (a minor allowed more than an adult, …), as field pointers and keys. */
export function limitsProblems(l: DecentWorkLimits): { pointer: string; code: string }[] {
  const out: { pointer: string; code: string }[] = [];
  const above = (a: keyof DecentWorkLimits, b: keyof DecentWorkLimits) => {
    if (l[a] > l[b]) out.push({ pointer: `/${a}`, code: 'errors.decentWork.limitAbove' });
  };
  above('nightDailyHours', 'dailyHours');
  above('dailyHours', 'weeklyHours');
  above('minorWeeklyHours', 'weeklyHours');
  above('minorDailyHours', 'dailyHours');
  above('pupilWeeklyHours', 'minorWeeklyHours');
  above('pupilDailyHours', 'minorDailyHours');
  above('minimumAge', 'adultAge');
  return out;
}

/** A week has at least one rest day of 24 hours (art. 46): at most six working days. */
export const MAX_DAYS_PER_WEEK = 6;

export const DECENT_WORK_RULES = [
  'minimum-wage',
  'minimum-wage-unknown',
  'start-date-past',
  'weekly-hours',
  'daily-hours',
  'night-hours',
  'hours-inconsistent',
  'weekly-rest',
  'child-labour',
  'vacancy-minimum-age',
  'minor-hours',
  'minor-night-work',
  'minor-hazard',
  'pupil-hours',
  'temporary-protection-province',
  'temporary-protection-waiting',
  'temporary-protection-registration-unknown',
  'international-protection-waiting',
  'registered-employment',
  'discriminatory-wording',
  'employer-suspended',
  'employer-unverified',
] as const;
export type DecentWorkRule = (typeof DECENT_WORK_RULES)[number];

export interface Violation {
  rule: DecentWorkRule;
  /** Message key: decentWork.<rule>. */
  code: string;
  /** JSON pointer of the field concerned, relative to the vacancy (or the referral). */
  pointer: string;
  params: MessageParams;
}

function violation(rule: DecentWorkRule, pointer: string, params: MessageParams = {}): Violation {
  return { rule, code: `decentWork.${rule}`, pointer, params };
}

/** What the rules need to know of the employer offering a vacancy. */
export interface EmployerFacts {
  status: EmployerStatus;
  /** Free text, or `concern:<kind>` when a decent-work concern suspended it. */
  statusReason?: string | null;
}

export interface VacancyTerms {
  startDate: string;
  hoursPerDay: number;
  hoursPerWeek: number;
  /** Working days a week; when not stated, the fewest days that hold the weekly hours. */
  daysPerWeek?: number | null;
  shifts: readonly Shift[];
  hazardClass: HazardClass;
  /** Monthly wage: a fixed amount (min = max) or a range; the lower end must meet the minimum. */
  wageMin: number;
  wageMax?: number | null;
  wageBasis: WageBasis;
  province: string;
  /** NACE division of the employer (e.g. '01' crop and animal production). */
  naceDivision?: string | null;
  /** Seasonal work in agriculture or livestock (exempt from the work permit for temporary protection). */
  seasonalAgriculture?: boolean;
  /** The vacancy's own minimum age. */
  minimumAge?: number | null;
  employer?: EmployerFacts | null;
}

/** The values every check needs: the tables, and the date of the act (submission, publication, referral…). */
export interface RuleContext {
  minimumWages: readonly MinimumWageRow[];
  limits: DecentWorkLimits;
  /** 'YYYY-MM-DD' in Türkiye: the day of the act being checked. */
  today: string;
}

export interface VacancyCheckOptions {
  /** At submission: a start date in the past is refused. */
  startDateInFuture?: boolean;
  /** At publication: the employer must be verified. */
  employerVerified?: boolean;
}

// ---- minimum wage -------------------------------------------------------------------------------------

/**
 * The date whose minimum wage applies to an act: the later of the start date and the date of the act
 * (publication, referral, placement), so a start date in the past never brings back an older minimum.
 */
export function wageCheckDate(startDate: string, actDate: string): string {
  return startDate > actDate ? startDate : actDate;
}

/** The minimum-wage rule for an act on `actDate` (publication, referral, placement: placements reuse it). */
export function checkWageForAct(
  terms: Pick<VacancyTerms, 'startDate' | 'wageMin' | 'wageBasis' | 'hoursPerWeek'>,
  actDate: string,
  minimumWages: readonly MinimumWageRow[],
): Violation[] {
  const on = wageCheckDate(terms.startDate, actDate);
  const row = minimumWageOn(on, minimumWages);
  if (!row) return [violation('minimum-wage-unknown', '/startDate', { date: calendarDate(on) })];
  if (!(terms.hoursPerWeek > 0)) return [];
  const wage = checkAgainstMinimumWage(
    { amount: terms.wageMin, basis: terms.wageBasis, hoursPerWeek: terms.hoursPerWeek },
    row,
  );
  if (wage.ok) return [];
  return [
    violation('minimum-wage', '/wageMin', {
      minimum: money(wage.minimumForHours),
      basis: term(`vacancies.wageBases.${terms.wageBasis}`),
      hours: terms.hoursPerWeek,
      date: calendarDate(on),
    }),
  ];
}

// ---- working time ---------------------------------------------------------------------------------------

/** The fewest working days a week that hold `hoursPerWeek` at `hoursPerDay`. */
export function daysNeeded(hoursPerWeek: number, hoursPerDay: number): number {
  return Math.ceil(hoursPerWeek / hoursPerDay - 1e-9);
}

/**
 * Daily and weekly hours checked against the limits and against each other: the stated days times the
 * daily hours must hold the weekly hours without a spare day, and no more than six days (weekly rest).
 * 5 h a day can never make 45 h a week.
 */
export function checkWorkingTime(
  v: Pick<VacancyTerms, 'hoursPerDay' | 'hoursPerWeek' | 'daysPerWeek' | 'shifts'>,
  limits: DecentWorkLimits,
): Violation[] {
  const out: Violation[] = [];
  if (v.hoursPerWeek > limits.weeklyHours)
    out.push(violation('weekly-hours', '/hoursPerWeek', { limit: limits.weeklyHours }));
  if (v.hoursPerDay > limits.dailyHours)
    out.push(violation('daily-hours', '/hoursPerDay', { limit: limits.dailyHours }));
  if (v.shifts.includes('night') && v.hoursPerDay > limits.nightDailyHours) {
    out.push(violation('night-hours', '/hoursPerDay', { limit: limits.nightDailyHours }));
  }
  if (v.hoursPerDay > 0 && v.hoursPerWeek > 0) {
    const needed = daysNeeded(v.hoursPerWeek, v.hoursPerDay);
    const days = v.daysPerWeek ?? needed;
    if (days > MAX_DAYS_PER_WEEK) {
      out.push(
        violation('weekly-rest', v.daysPerWeek ? '/daysPerWeek' : '/hoursPerWeek', {
          daily: v.hoursPerDay,
          weekly: v.hoursPerWeek,
          days,
          most: MAX_DAYS_PER_WEEK * v.hoursPerDay,
          max: MAX_DAYS_PER_WEEK,
        }),
      );
    } else if (days !== needed) {
      out.push(
        violation('hours-inconsistent', '/daysPerWeek', {
          daily: v.hoursPerDay,
          weekly: v.hoursPerWeek,
          days,
          needed,
        }),
      );
    }
  }
  return out;
}

// ---- minors -----------------------------------------------------------------------------------------------

/** A vacancy's own minimum age against the rules for minors (the editable limits, not fixed numbers). */
export function checkMinimumAgePolicy(
  minimumAge: number,
  v: Pick<VacancyTerms, 'shifts' | 'hazardClass'>,
  limits: DecentWorkLimits,
): Violation[] {
  if (minimumAge < limits.minimumAge) {
    return [violation('child-labour', '/minimumAge', { age: minimumAge, minimum: limits.minimumAge })];
  }
  if (minimumAge >= limits.adultAge) return [];
  const out: Violation[] = [];
  if (v.shifts.includes('night')) out.push(violation('minor-night-work', '/minimumAge', { adult: limits.adultAge }));
  if (v.hazardClass === 'very-hazardous')
    out.push(violation('minor-hazard', '/minimumAge', { adult: limits.adultAge }));
  return out;
}

// ---- employer -------------------------------------------------------------------------------------------

/** Why an employer was suspended, as a message parameter (a concern kind is translated). */
function suspensionReason(reason: string | null | undefined): MessageParams[string] {
  const m = /^concern:(.+)$/.exec(reason ?? '');
  if (m) return term('employers.suspendedForConcern', { kind: term(`employers.concerns.kinds.${m[1]}`) });
  return reason ?? '';
}

/** A suspended employer stops everything; an unverified one may not publish. */
export function checkEmployer(employer: EmployerFacts, options: { verified?: boolean } = {}): Violation[] {
  if (employer.status === 'suspended') {
    return [violation('employer-suspended', '/employerId', { reason: suspensionReason(employer.statusReason) })];
  }
  if (options.verified && employer.status !== 'verified') return [violation('employer-unverified', '/employerId')];
  return [];
}

// ---- the vacancy --------------------------------------------------------------------------------------

/**
 * Every rule a vacancy must meet on its own, on the day of the act: employer status, start date, the
 * minimum wage in force on the later of the start date and that day (pro rata), working time, and its
 * minimum age against the rules for minors.
 */
export function checkVacancy(v: VacancyTerms, ctx: RuleContext, options: VacancyCheckOptions = {}): Violation[] {
  const out: Violation[] = [];
  if (v.employer) out.push(...checkEmployer(v.employer, { verified: options.employerVerified ?? false }));
  if (options.startDateInFuture && v.startDate < ctx.today) {
    out.push(
      violation('start-date-past', '/startDate', { date: calendarDate(v.startDate), today: calendarDate(ctx.today) }),
    );
  }
  out.push(...checkWageForAct(v, ctx.today, ctx.minimumWages));
  out.push(...checkWorkingTime(v, ctx.limits));
  if (v.minimumAge !== undefined && v.minimumAge !== null)
    out.push(...checkMinimumAgePolicy(v.minimumAge, v, ctx.limits));
  return out;
}

// ---- the person: right to work and work permits -------------------------------------------------------

/**
 * A person's right to work in Türkiye, as far as the rules need it. People under temporary protection
 * (Syrians) may work 6 months after registration, in their province of registration, with a permit the
 * employer requests after an offer (seasonal agriculture and livestock: an exemption instead);
 * international-protection applicants 6 months after their application (Law 6458 art. 89); other
 * foreigners with a permit the employer requests (Law 6735).
 */
export type RightToWork =
  | { status: 'citizen' }
  | { status: 'temporary-protection'; registrationProvince: string | null; registrationDate: string | null }
  | { status: 'international-protection'; registrationDate: string | null }
  | { status: 'foreigner' };

export const WORK_PERMIT_KINDS = [
  'work-permit',
  'temporary-protection-permit',
  'international-protection-permit',
  'seasonal-agriculture-exemption',
  'independent-work-permit',
  'indefinite-work-permit',
] as const;
export type WorkPermitKind = (typeof WORK_PERMIT_KINDS)[number];
/** Permits valid only for the employer that requested them. */
export const EMPLOYER_BOUND_PERMITS: readonly WorkPermitKind[] = [
  'work-permit',
  'temporary-protection-permit',
  'international-protection-permit',
];
/** Permits valid for any employer (an independent or indefinite permit). */
export const PERSONAL_PERMITS: readonly WorkPermitKind[] = ['independent-work-permit', 'indefinite-work-permit'];
export const WORK_PERMIT_STATUSES = ['requested', 'granted', 'refused', 'withdrawn'] as const;
export type WorkPermitStatus = (typeof WORK_PERMIT_STATUSES)[number];

export interface PermitFacts {
  kind: WorkPermitKind;
  status: WorkPermitStatus;
  employerId: string | null;
  validFrom: string | null;
  validUntil: string | null;
}

export type PermitDuty =
  | 'request-temporary-protection-permit'
  | 'request-seasonal-agriculture-exemption'
  | 'request-international-protection-permit'
  | 'request-work-permit';
export const PERMIT_DUTIES: readonly PermitDuty[] = [
  'request-temporary-protection-permit',
  'request-seasonal-agriculture-exemption',
  'request-international-protection-permit',
  'request-work-permit',
];

export function permitValidOn(p: PermitFacts, date: string): boolean {
  return (
    p.status === 'granted' &&
    p.validFrom !== null &&
    p.validFrom <= date &&
    (p.validUntil === null || date <= p.validUntil)
  );
}

export type StartCheck =
  | { ok: true; basis: 'citizen' | 'permit' | 'exemption' }
  | { ok: false; reason: 'permit-required' | 'permit-pending' | 'permit-not-valid-on-date' };

/**
 * May a placement of this person with this employer start on `date`? A citizen always; a foreigner with
 * a granted permit valid that day for this employer (or a personal permit), or, for seasonal agriculture,
 * a granted exemption. A placement without one is not registered work.
 */
export function mayStartOn(
  right: RightToWork,
  permits: readonly PermitFacts[],
  placement: { employerId: string; date: string; seasonalAgriculture?: boolean },
): StartCheck {
  if (right.status === 'citizen') return { ok: true, basis: 'citizen' };
  const forEmployer = (p: PermitFacts) =>
    PERSONAL_PERMITS.includes(p.kind) ||
    (EMPLOYER_BOUND_PERMITS.includes(p.kind) && p.employerId === placement.employerId) ||
    (p.kind === 'seasonal-agriculture-exemption' &&
      placement.seasonalAgriculture === true &&
      (p.employerId === null || p.employerId === placement.employerId));
  const relevant = permits.filter(forEmployer);
  const valid = relevant.find((p) => permitValidOn(p, placement.date));
  if (valid) return { ok: true, basis: valid.kind === 'seasonal-agriculture-exemption' ? 'exemption' : 'permit' };
  if (relevant.some((p) => p.status === 'granted')) return { ok: false, reason: 'permit-not-valid-on-date' };
  if (relevant.some((p) => p.status === 'requested')) return { ok: false, reason: 'permit-pending' };
  return { ok: false, reason: 'permit-required' };
}

/**
 * What the employer must do before this person can start, told in the referral it receives and in its
 * notification: request the permit (or the seasonal exemption). Null for citizens and for people who
 * already hold a permit valid for this employer on the start date.
 */
export function employerPermitDuty(
  right: RightToWork,
  permits: readonly PermitFacts[],
  placement: { employerId: string; startDate: string; seasonalAgriculture?: boolean },
): PermitDuty | null {
  if (right.status === 'citizen') return null;
  const start = mayStartOn(right, permits, {
    employerId: placement.employerId,
    date: placement.startDate,
    seasonalAgriculture: placement.seasonalAgriculture ?? false,
  });
  if (start.ok) return null;
  switch (right.status) {
    case 'temporary-protection':
      return placement.seasonalAgriculture
        ? 'request-seasonal-agriculture-exemption'
        : 'request-temporary-protection-permit';
    case 'international-protection':
      return 'request-international-protection-permit';
    case 'foreigner':
      return 'request-work-permit';
  }
}

/** 'YYYY-MM-DD' plus whole months, the day kept or clamped to the month's last day. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface PersonFacts {
  birthDate: string;
  /** Attends school (pupil): the term-time limits apply. */
  inSchool?: boolean;
  rightToWork: RightToWork;
}

function foldProvince(name: string): string {
  return name
    .toLocaleLowerCase('tr')
    .replace(/[çğıöşü]/g, (c) => ({ ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ş: 's', ü: 'u' })[c] ?? c)
    .trim();
}

/**
 * The rules for one person and one vacancy, on the day of the act: age on the day work could start
 * (the later of the start date and today) against the law and the vacancy's own minimum age, the rules
 * for minors, and the waiting period and province of people under protection.
 */
export function checkPerson(v: VacancyTerms, person: PersonFacts, ctx: RuleContext): Violation[] {
  const out: Violation[] = [];
  const { limits } = ctx;
  const age = ageOn(person.birthDate, wageCheckDate(v.startDate, ctx.today));
  if (age < limits.minimumAge) {
    out.push(violation('child-labour', '/personId', { age, minimum: limits.minimumAge }));
  } else {
    if (v.minimumAge !== undefined && v.minimumAge !== null && age < v.minimumAge) {
      out.push(violation('vacancy-minimum-age', '/personId', { age, minimum: v.minimumAge }));
    }
    if (age < limits.adultAge) {
      if (person.inSchool) {
        if (v.hoursPerWeek > limits.pupilWeeklyHours || v.hoursPerDay > limits.pupilDailyHours) {
          out.push(
            violation('pupil-hours', '/hoursPerWeek', {
              weekly: limits.pupilWeeklyHours,
              daily: limits.pupilDailyHours,
            }),
          );
        }
      } else if (v.hoursPerWeek > limits.minorWeeklyHours || v.hoursPerDay > limits.minorDailyHours) {
        out.push(
          violation('minor-hours', '/hoursPerWeek', {
            weekly: limits.minorWeeklyHours,
            daily: limits.minorDailyHours,
            adult: limits.adultAge,
          }),
        );
      }
      if (v.shifts.includes('night')) out.push(violation('minor-night-work', '/shifts', { adult: limits.adultAge }));
      if (v.hazardClass === 'very-hazardous')
        out.push(violation('minor-hazard', '/hazardClass', { adult: limits.adultAge }));
    }
  }
  const right = person.rightToWork;
  if (right.status === 'temporary-protection') {
    if (!right.registrationDate) out.push(violation('temporary-protection-registration-unknown', '/personId'));
    else {
      const eligible = addMonths(right.registrationDate, limits.protectionWaitingMonths);
      if (ctx.today < eligible) {
        out.push(
          violation('temporary-protection-waiting', '/personId', {
            months: limits.protectionWaitingMonths,
            registered: calendarDate(right.registrationDate),
            eligible: calendarDate(eligible),
          }),
        );
      }
    }
    const sameProvince =
      right.registrationProvince !== null && foldProvince(right.registrationProvince) === foldProvince(v.province);
    if (!sameProvince && !v.seasonalAgriculture) {
      out.push(
        violation('temporary-protection-province', '/province', {
          registered: right.registrationProvince ?? '—',
          province: v.province,
        }),
      );
    }
  } else if (right.status === 'international-protection' && right.registrationDate) {
    const eligible = addMonths(right.registrationDate, limits.protectionWaitingMonths);
    if (ctx.today < eligible) {
      out.push(
        violation('international-protection-waiting', '/personId', {
          months: limits.protectionWaitingMonths,
          eligible: calendarDate(eligible),
        }),
      );
    }
  }
  return out;
}

/** Every rule for referring this person to this vacancy today: the vacancy's, then the person's. */
export function checkReferral(v: VacancyTerms, person: PersonFacts, ctx: RuleContext): Violation[] {
  return [...checkVacancy(v, ctx), ...checkPerson(v, person, ctx)];
}

// ---- discriminatory wording: its own file, part of these rules ----------------------------------------
export {
  DISCRIMINATION_GROUNDS,
  flagWording,
  type DiscriminationGround,
  type WordingFlag,
} from './decent-work-wording.ts';
