/**
 * Decent-work rules (RULES.md, Labour Law 4857): the one place that decides whether a vacancy may be
 * published and whether a person may be referred to it. Pure functions: the server loads the values
 * (minimum-wage table, working-time limits) from admin-editable tables and passes them in, and every
 * refusal names its rule, a message key and the field it concerns.
 */
import { checkWageOn, type MinimumWageRow, type WageBasis } from './minimum-wage.ts';

export type HazardClass = 'low' | 'hazardous' | 'very-hazardous';
export type Shift = 'day' | 'evening' | 'night' | 'weekend';

/** Working-time limits; defaults from RULES.md, overridable from the admin-editable table. */
export interface WorkingTimeLimits {
  weeklyHours: number;
  dailyHours: number;
  nightDailyHours: number;
  minorWeeklyHours: number;
  minorDailyHours: number;
  pupilWeeklyHours: number;
  pupilDailyHours: number;
  minimumAge: number;
  adultAge: number;
}

export const DEFAULT_LIMITS: WorkingTimeLimits = {
  weeklyHours: 45,
  dailyHours: 11,
  nightDailyHours: 7.5,
  minorWeeklyHours: 40,
  minorDailyHours: 8,
  pupilWeeklyHours: 10,
  pupilDailyHours: 2,
  minimumAge: 15,
  adultAge: 18,
};

export const DECENT_WORK_RULES = [
  'minimum-wage',
  'minimum-wage-unknown',
  'weekly-hours',
  'daily-hours',
  'night-hours',
  'child-labour',
  'minor-hours',
  'minor-night-work',
  'minor-hazard',
  'pupil-hours',
  'temporary-protection-province',
  'temporary-protection-permit',
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
  params: Record<string, string | number>;
}

function violation(rule: DecentWorkRule, pointer: string, params: Record<string, string | number> = {}): Violation {
  return { rule, code: `decentWork.${rule}`, pointer, params };
}

export interface VacancyTerms {
  startDate: string;
  hoursPerDay: number;
  hoursPerWeek: number;
  shifts: readonly Shift[];
  hazardClass: HazardClass;
  /** Monthly wage: a fixed amount (min = max) or a range; the lower end must meet the minimum. */
  wageMin: number;
  wageMax?: number | null;
  wageBasis: WageBasis;
  province: string;
  /** NACE division of the employer (e.g. '01' crop and animal production). */
  naceDivision?: string | null;
  seasonalAgriculture?: boolean;
}

/** Checks of the vacancy on its own: minimum wage on the start date (pro rata), working time. */
export function checkVacancy(
  v: VacancyTerms,
  minimumWages: readonly MinimumWageRow[],
  limits: WorkingTimeLimits = DEFAULT_LIMITS,
): Violation[] {
  const out: Violation[] = [];
  const wage = checkWageOn(
    v.startDate,
    { amount: v.wageMin, basis: v.wageBasis, hoursPerWeek: v.hoursPerWeek },
    minimumWages,
  );
  if (!wage) out.push(violation('minimum-wage-unknown', '/startDate', { date: v.startDate }));
  else if (!wage.ok) {
    out.push(
      violation('minimum-wage', '/wageMin', {
        minimum: wage.minimumForHours.toFixed(2),
        basis: v.wageBasis,
        hours: v.hoursPerWeek,
        date: v.startDate,
      }),
    );
  }
  if (v.hoursPerWeek > limits.weeklyHours)
    out.push(violation('weekly-hours', '/hoursPerWeek', { limit: limits.weeklyHours }));
  if (v.hoursPerDay > limits.dailyHours)
    out.push(violation('daily-hours', '/hoursPerDay', { limit: limits.dailyHours }));
  if (v.shifts.includes('night') && v.hoursPerDay > limits.nightDailyHours) {
    out.push(violation('night-hours', '/hoursPerDay', { limit: limits.nightDailyHours }));
  }
  return out;
}

export interface PersonFacts {
  birthDate: string;
  /** Attends school (pupil): the term-time limits apply. */
  inSchool?: boolean;
  /** Present when the person is under temporary protection. */
  temporaryProtection?: {
    registrationProvince: string | null;
    workPermit: 'none' | 'applied' | 'granted' | 'seasonal-agriculture-exemption';
  } | null;
}

function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Checks for one person and one vacancy, at referral time: the vacancy's own checks plus the rules for
 * minors (age on the start date) and for people under temporary protection.
 */
export function checkReferral(
  v: VacancyTerms,
  person: PersonFacts,
  minimumWages: readonly MinimumWageRow[],
  limits: WorkingTimeLimits = DEFAULT_LIMITS,
): Violation[] {
  const out = checkVacancy(v, minimumWages, limits);
  const age = ageOn(person.birthDate, v.startDate);
  if (age < limits.minimumAge) {
    out.push(violation('child-labour', '/personId', { age, minimum: limits.minimumAge }));
  } else if (age < limits.adultAge) {
    if (person.inSchool) {
      if (v.hoursPerWeek > limits.pupilWeeklyHours || v.hoursPerDay > limits.pupilDailyHours) {
        out.push(
          violation('pupil-hours', '/hoursPerWeek', { weekly: limits.pupilWeeklyHours, daily: limits.pupilDailyHours }),
        );
      }
    } else if (v.hoursPerWeek > limits.minorWeeklyHours || v.hoursPerDay > limits.minorDailyHours) {
      out.push(
        violation('minor-hours', '/hoursPerWeek', { weekly: limits.minorWeeklyHours, daily: limits.minorDailyHours }),
      );
    }
    if (v.shifts.includes('night')) out.push(violation('minor-night-work', '/shifts'));
    if (v.hazardClass === 'very-hazardous') out.push(violation('minor-hazard', '/hazardClass'));
  }
  const tp = person.temporaryProtection;
  if (tp) {
    const seasonal =
      tp.workPermit === 'seasonal-agriculture-exemption' && (v.seasonalAgriculture || v.naceDivision === '01');
    if (tp.workPermit !== 'granted' && !seasonal) {
      out.push(violation('temporary-protection-permit', '/personId', { permit: tp.workPermit }));
    }
    if (!tp.registrationProvince || foldProvince(tp.registrationProvince) !== foldProvince(v.province)) {
      out.push(
        violation('temporary-protection-province', '/province', {
          registered: tp.registrationProvince ?? '—',
          province: v.province,
        }),
      );
    }
  }
  return out;
}

function foldProvince(name: string): string {
  return name
    .toLocaleLowerCase('tr')
    .replace(/[çğıöşü]/g, (c) => ({ ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ş: 's', ü: 'u' })[c] ?? c)
    .trim();
}

// ---- discriminatory wording: its own file, part of these rules ----------------------------------------
export {
  DISCRIMINATION_GROUNDS,
  flagWording,
  type DiscriminationGround,
  type WordingFlag,
} from './decent-work-wording.ts';
