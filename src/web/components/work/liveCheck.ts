import { checkVacancy, flagWording, type WorkingTimeLimits } from '../../../common/decent-work.ts';
import type { MinimumWageRow } from '../../../common/minimum-wage.ts';
import type { HazardClass, RuleFlag, RuleViolation, Shift, WageBasis } from './types.ts';

export interface LiveTerms {
  title: string;
  duties: string;
  benefits: string;
  startDate: string;
  hoursPerDay: number | string;
  hoursPerWeek: number | string;
  shifts: string[];
  minimumAge: number | string;
  wageMin: number | string;
  wageMax: number | string;
  wageBasis: WageBasis;
  province: string | null;
}

const num = (v: number | string): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The decent-work check run in the browser while the form is edited, with the same pure functions
 * the server applies (src/common/decent-work.ts) and the same tables (minimum wages, limits). It is
 * a preview: the server's GET /vacancies/:id/check after saving is the one that counts.
 */
export function liveCheck(
  v: LiveTerms,
  wages: readonly MinimumWageRow[],
  limits: WorkingTimeLimits,
  hazardClass: HazardClass | null,
): { violations: RuleViolation[]; wordingFlags: RuleFlag[]; complete: boolean } {
  const wordingFlags = flagWording({ '/title': v.title, '/duties': v.duties, '/benefits': v.benefits }).map((f) => ({
    ground: f.ground,
    excerpt: f.excerpt,
    pointer: f.pointer,
    code: f.code,
  }));
  const violations: RuleViolation[] = [];
  const hoursPerDay = num(v.hoursPerDay);
  const hoursPerWeek = num(v.hoursPerWeek);
  const wageMin = num(v.wageMin);
  const complete = /^\d{4}-\d{2}-\d{2}$/.test(v.startDate) && Boolean(hoursPerDay && hoursPerWeek && wageMin);
  if (complete && hoursPerDay && hoursPerWeek && wageMin) {
    violations.push(
      ...checkVacancy(
        {
          startDate: v.startDate,
          hoursPerDay,
          hoursPerWeek,
          shifts: v.shifts as Shift[],
          hazardClass: hazardClass ?? 'low',
          wageMin,
          wageMax: num(v.wageMax),
          wageBasis: v.wageBasis,
          province: v.province ?? '',
        },
        wages,
        limits,
      ),
    );
  }
  const age = num(v.minimumAge);
  if (age !== null) {
    if (age < limits.minimumAge) {
      violations.push({
        rule: 'child-labour',
        code: 'decentWork.child-labour',
        pointer: '/minimumAge',
        params: { age, minimum: limits.minimumAge },
      });
    } else if (age < limits.adultAge) {
      if (v.shifts.includes('night'))
        violations.push({
          rule: 'minor-night-work',
          code: 'decentWork.minor-night-work',
          pointer: '/minimumAge',
          params: {},
        });
      if (hazardClass === 'very-hazardous')
        violations.push({ rule: 'minor-hazard', code: 'decentWork.minor-hazard', pointer: '/minimumAge', params: {} });
    }
  }
  return { violations, wordingFlags, complete };
}
