import { checkVacancy, flagWording, type EmployerFacts, type DecentWorkLimits } from '../../../common/decent-work.ts';
import type { MinimumWageRow } from '../../../common/minimum-wage.ts';
import { turkishDate } from '../../../common/working-days.ts';
import type { HazardClass, Shift, WageBasis } from './types.ts';
import type { RuleFlag, RuleViolation } from '../../../common/contracts/vacancies.ts';

export interface LiveTerms {
  title: string;
  duties: string;
  benefits: string;
  startDate: string;
  hoursPerDay: number | string;
  hoursPerWeek: number | string;
  daysPerWeek?: number | string;
  shifts: string[];
  minimumAge: number | string;
  wageMin: number | string;
  wageMax: number | string;
  wageBasis: WageBasis;
  province: string | null;
}

const num = (v: number | string | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The decent-work check run in the browser while the form is edited: the same function the server
 * applies at submission (src/common/decent-work.ts `checkVacancy`), with the same tables (minimum
 * wages, the platform's limits), the employer's status and today's date in Türkiye. It is a preview:
 * the server's GET /vacancies/:id/check after saving is the one that counts.
 */
export function liveCheck(
  v: LiveTerms,
  wages: readonly MinimumWageRow[],
  limits: DecentWorkLimits,
  hazardClass: HazardClass | null,
  employer: EmployerFacts | null = null,
  today: string = turkishDate(new Date()),
): { violations: RuleViolation[]; wordingFlags: RuleFlag[]; complete: boolean } {
  const wordingFlags = flagWording({ '/title': v.title, '/duties': v.duties, '/benefits': v.benefits }).map((f) => ({
    ground: f.ground,
    excerpt: f.excerpt,
    pointer: f.pointer,
    code: f.code,
  }));
  const hoursPerDay = num(v.hoursPerDay);
  const hoursPerWeek = num(v.hoursPerWeek);
  const wageMin = num(v.wageMin);
  const complete = /^\d{4}-\d{2}-\d{2}$/.test(v.startDate) && Boolean(hoursPerDay && hoursPerWeek && wageMin);
  const minimumAge = num(v.minimumAge);
  const violations = checkVacancy(
    {
      startDate: complete ? v.startDate : today,
      hoursPerDay: hoursPerDay ?? 0,
      hoursPerWeek: hoursPerWeek ?? 0,
      daysPerWeek: num(v.daysPerWeek),
      shifts: v.shifts as Shift[],
      hazardClass: hazardClass ?? 'low',
      wageMin: wageMin ?? 0,
      wageMax: num(v.wageMax),
      wageBasis: v.wageBasis,
      province: v.province ?? '',
      minimumAge,
      employer,
    },
    { minimumWages: wages, limits, today },
    { startDateInFuture: complete },
  )
    // Until the wage, hours and start date are in, only the rules that need none of them are shown.
    .filter((x) => complete || x.pointer === '/minimumAge' || x.pointer === '/employerId');
  return { violations, wordingFlags, complete };
}
