import { describe, expect, it } from 'vitest';
import {
  addMonths,
  checkReferral,
  checkVacancy,
  checkWageForAct,
  checkWorkingTime,
  DEFAULT_LIMITS,
  employerPermitDuty,
  flagWording,
  limitsProblems,
  mayStartOn,
  wageCheckDate,
  type PermitFacts,
  type PersonFacts,
  type RightToWork,
  type RuleContext,
  type VacancyTerms,
} from './decent-work.ts';
import type { MinimumWageRow } from './minimum-wage.ts';

const wages: MinimumWageRow[] = [
  { effectiveFrom: '2025-01-01', grossMonthly: 26005.5, netMonthly: 22104.67 },
  { effectiveFrom: '2026-01-01', grossMonthly: 33030, netMonthly: 28075.5 },
];
const ctx: RuleContext = { minimumWages: wages, limits: DEFAULT_LIMITS, today: '2026-11-20' };

const base: VacancyTerms = {
  startDate: '2026-12-01',
  hoursPerDay: 9,
  hoursPerWeek: 45,
  shifts: ['day'],
  hazardClass: 'low',
  wageMin: 28075.5,
  wageBasis: 'net',
  province: 'İstanbul',
};
const rules = (v: Partial<VacancyTerms>, c: Partial<RuleContext> = {}) =>
  checkVacancy({ ...base, ...v }, { ...ctx, ...c }).map((x) => x.rule);

describe('minimum wage', () => {
  it('accepts the net minimum wage for a full week', () => {
    expect(rules({})).toEqual([]);
  });

  it('refuses a wage below the minimum in force', () => {
    expect(rules({ wageMin: 28000 })).toEqual(['minimum-wage']);
    expect(rules({ wageMin: 30000, wageBasis: 'gross' })).toEqual(['minimum-wage']);
    expect(rules({ wageMin: 30000, wageBasis: 'net' })).toEqual([]);
  });

  it('applies the minimum of the later of the start date and the day of the act: backdating does not help', () => {
    expect(wageCheckDate('2025-12-20', '2026-12-02')).toBe('2026-12-02');
    expect(wageCheckDate('2027-01-10', '2026-12-02')).toBe('2027-01-10');
    // Issue 8 item 1: created in December 2026, start date 2025-12-20, gross 26,005.50 (the 2025 minimum).
    expect(rules({ startDate: '2025-12-20', wageMin: 26005.5, wageBasis: 'gross' }, { today: '2026-12-02' })).toEqual([
      'minimum-wage',
    ]);
    // The same vacancy published in 2025 was lawful.
    expect(rules({ startDate: '2025-12-20', wageMin: 26005.5, wageBasis: 'gross' }, { today: '2025-12-01' })).toEqual(
      [],
    );
    const [v] = checkWageForAct(
      { startDate: '2025-12-20', wageMin: 26005.5, wageBasis: 'gross', hoursPerWeek: 45 },
      '2026-12-02',
      wages,
    );
    expect(v!.params).toEqual({
      minimum: { kind: 'money', value: 33030 },
      basis: { kind: 'term', key: 'vacancies.wageBases.gross' },
      hours: 45,
      date: { kind: 'date', value: '2026-12-02' },
    });
  });

  it('refuses a start date in the past when asked to (at submission)', () => {
    const check = (startDate: string) =>
      checkVacancy({ ...base, startDate }, { ...ctx, today: '2026-12-02' }, { startDateInFuture: true }).map(
        (x) => x.rule,
      );
    expect(check('2026-12-01')).toContain('start-date-past');
    expect(check('2026-12-02')).toEqual([]);
  });

  it('compares part-time work pro rata', () => {
    expect(rules({ hoursPerWeek: 22.5, hoursPerDay: 4.5, wageMin: 14037.75 })).toEqual([]);
    expect(rules({ hoursPerWeek: 22.5, hoursPerDay: 4.5, wageMin: 14000 })).toEqual(['minimum-wage']);
  });

  it('refuses when no minimum wage is known', () => {
    expect(rules({ startDate: '2020-01-01' }, { today: '2020-01-01' })).toEqual(['minimum-wage-unknown']);
  });
});

describe('working time', () => {
  const time = (v: Partial<VacancyTerms>) =>
    checkWorkingTime({ ...base, ...v }, DEFAULT_LIMITS).map((x) => [x.rule, x.pointer]);

  it('limits the week, the day and night work', () => {
    expect(time({ hoursPerWeek: 50, hoursPerDay: 10 })).toEqual([['weekly-hours', '/hoursPerWeek']]);
    expect(time({ hoursPerDay: 12 })).toEqual([['daily-hours', '/hoursPerDay']]);
    expect(time({ shifts: ['night'], hoursPerDay: 8, hoursPerWeek: 40 })).toEqual([['night-hours', '/hoursPerDay']]);
    expect(time({ shifts: ['night'], hoursPerDay: 7.5 })).toEqual([]);
  });

  it('checks daily and weekly hours against each other (issue 8, item 6)', () => {
    // 5 h a day on at most six days is 30 h: 45 h a week cannot be right.
    expect(time({ hoursPerDay: 5, hoursPerWeek: 45 })).toEqual([['weekly-rest', '/hoursPerWeek']]);
    expect(time({ hoursPerDay: 7.5, hoursPerWeek: 45 })).toEqual([]);
    expect(time({ hoursPerDay: 9, hoursPerWeek: 45, daysPerWeek: 5 })).toEqual([]);
    expect(time({ hoursPerDay: 8, hoursPerWeek: 45, daysPerWeek: 5 })).toEqual([
      ['hours-inconsistent', '/daysPerWeek'],
    ]);
    expect(time({ hoursPerDay: 9, hoursPerWeek: 18, daysPerWeek: 5 })).toEqual([
      ['hours-inconsistent', '/daysPerWeek'],
    ]);
    expect(time({ hoursPerDay: 7.5, hoursPerWeek: 45, daysPerWeek: 7 })).toEqual([['weekly-rest', '/daysPerWeek']]);
    expect(time({ hoursPerDay: 5, hoursPerWeek: 15, daysPerWeek: 3 })).toEqual([]);
  });
});

describe('the vacancy’s minimum age and its employer', () => {
  it('applies the editable limits to the minimum age, never fixed numbers', () => {
    expect(rules({ minimumAge: 14 })).toEqual(['child-labour']);
    expect(rules({ minimumAge: 16, shifts: ['night'], hoursPerDay: 7.5 })).toEqual(['minor-night-work']);
    expect(rules({ minimumAge: 16, hazardClass: 'very-hazardous' })).toEqual(['minor-hazard']);
    expect(rules({ minimumAge: 18, hazardClass: 'very-hazardous' })).toEqual([]);
    // A platform that raises the minimum age to 16 refuses 15.
    expect(rules({ minimumAge: 15 }, { limits: { ...DEFAULT_LIMITS, minimumAge: 16 } })).toEqual(['child-labour']);
  });

  it('refuses a suspended employer and, at publication, an unverified one', () => {
    expect(rules({ employer: { status: 'suspended', statusReason: 'concern:unpaid-wages' } })).toEqual([
      'employer-suspended',
    ]);
    const [s] = checkVacancy({ ...base, employer: { status: 'suspended', statusReason: 'concern:unpaid-wages' } }, ctx);
    expect(s!.params.reason).toEqual({
      kind: 'term',
      key: 'employers.suspendedForConcern',
      params: { kind: { kind: 'term', key: 'employers.concerns.kinds.unpaid-wages' } },
    });
    expect(rules({ employer: { status: 'pending' } })).toEqual([]);
    expect(
      checkVacancy({ ...base, employer: { status: 'pending' } }, ctx, { employerVerified: true }).map((x) => x.rule),
    ).toEqual(['employer-unverified']);
  });
});

describe('referral checks', () => {
  const citizen = (birthDate: string, extra: Partial<PersonFacts> = {}): PersonFacts => ({
    birthDate,
    rightToWork: { status: 'citizen' },
    ...extra,
  });
  const refer = (v: Partial<VacancyTerms>, p: PersonFacts, c: Partial<RuleContext> = {}) =>
    checkReferral({ ...base, ...v }, p, { ...ctx, ...c }).map((x) => x.rule);
  const seventeen = citizen('2009-06-01');

  it('applies the rules for minors on the day work would start', () => {
    expect(refer({}, seventeen)).toEqual(['minor-hours']);
    expect(refer({ hoursPerWeek: 40, hoursPerDay: 8, wageMin: 24956 }, seventeen)).toEqual([]);
    expect(refer({ hoursPerWeek: 35, hoursPerDay: 7, wageMin: 24956, shifts: ['night'] }, seventeen)).toEqual([
      'minor-night-work',
    ]);
    expect(
      refer({ hoursPerWeek: 40, hoursPerDay: 8, wageMin: 24956, hazardClass: 'very-hazardous' }, seventeen),
    ).toEqual(['minor-hazard']);
    expect(refer({ hoursPerWeek: 10, hoursPerDay: 2, wageMin: 6239 }, { ...seventeen, inSchool: true })).toEqual([]);
    expect(refer({ hoursPerWeek: 20, hoursPerDay: 4, wageMin: 12478 }, { ...seventeen, inSchool: true })).toEqual([
      'pupil-hours',
    ]);
    // Turning 18 before the start date lifts the limits.
    expect(refer({}, citizen('2008-11-30'))).toEqual([]);
  });

  it('enforces the vacancy’s own minimum age (issue 8, item 2)', () => {
    // A 17-year-old and a 40-hour day-shift vacancy whose minimum age is 18.
    expect(refer({ hoursPerWeek: 40, hoursPerDay: 8, wageMin: 24956, minimumAge: 18 }, seventeen)).toEqual([
      'vacancy-minimum-age',
    ]);
    expect(refer({ minimumAge: 21 }, citizen('2006-01-01'))).toEqual(['vacancy-minimum-age']);
    expect(refer({ minimumAge: 18 }, citizen('2006-01-01'))).toEqual([]);
  });

  it('refuses anyone under the minimum age of the law', () => {
    expect(
      refer({ hoursPerWeek: 10, hoursPerDay: 2, wageMin: 6239 }, citizen('2012-01-01', { inSchool: true })),
    ).toContain('child-labour');
  });

  it('refers people under temporary protection after 6 months, in their province or seasonal agriculture (item 3)', () => {
    const tp = (registrationProvince: string | null, registrationDate: string | null): PersonFacts => ({
      birthDate: '1990-01-01',
      rightToWork: { status: 'temporary-protection', registrationProvince, registrationDate },
    });
    expect(refer({}, tp('İstanbul', '2020-05-01'))).toEqual([]);
    expect(refer({}, tp('ISTANBUL', '2020-05-01'))).toEqual([]);
    expect(refer({}, tp('Gaziantep', '2020-05-01'))).toEqual(['temporary-protection-province']);
    expect(refer({ seasonalAgriculture: true }, tp('Gaziantep', '2020-05-01'))).toEqual([]);
    // Registered two months ago: not yet, whatever permit is recorded.
    expect(refer({}, tp('İstanbul', '2026-09-20'))).toEqual(['temporary-protection-waiting']);
    expect(refer({}, tp('İstanbul', '2026-05-20'))).toEqual([]);
    expect(refer({}, tp('İstanbul', '2026-05-21'))).toEqual(['temporary-protection-waiting']);
    expect(refer({}, tp('İstanbul', null))).toEqual(['temporary-protection-registration-unknown']);
    const ip: PersonFacts = {
      birthDate: '1990-01-01',
      rightToWork: { status: 'international-protection', registrationDate: '2026-08-01' },
    };
    expect(refer({}, ip)).toEqual(['international-protection-waiting']);
    expect(refer({}, { ...ip, rightToWork: { status: 'foreigner' } })).toEqual([]);
  });
});

describe('work permits: may a placement start, and what the employer must do', () => {
  const tp: RightToWork = {
    status: 'temporary-protection',
    registrationProvince: 'İstanbul',
    registrationDate: '2020-01-01',
  };
  const permit = (p: Partial<PermitFacts>): PermitFacts => ({
    kind: 'temporary-protection-permit',
    status: 'granted',
    employerId: 'e1',
    validFrom: '2026-12-01',
    validUntil: '2027-11-30',
    ...p,
  });
  const start = (right: RightToWork, permits: PermitFacts[], date: string, seasonal = false) =>
    mayStartOn(right, permits, { employerId: 'e1', date, seasonalAgriculture: seasonal });

  it('lets a citizen start at once', () => {
    expect(start({ status: 'citizen' }, [], '2026-12-01')).toEqual({ ok: true, basis: 'citizen' });
  });

  it('needs a permit for this employer valid on the start date', () => {
    expect(start(tp, [permit({})], '2026-12-01')).toEqual({ ok: true, basis: 'permit' });
    expect(start(tp, [permit({})], '2026-11-30')).toEqual({ ok: false, reason: 'permit-not-valid-on-date' });
    expect(start(tp, [permit({})], '2027-12-01')).toEqual({ ok: false, reason: 'permit-not-valid-on-date' });
    expect(start(tp, [permit({ employerId: 'e2' })], '2026-12-05')).toEqual({ ok: false, reason: 'permit-required' });
    expect(start(tp, [permit({ status: 'requested', validFrom: null, validUntil: null })], '2026-12-05')).toEqual({
      ok: false,
      reason: 'permit-pending',
    });
    expect(start(tp, [permit({ status: 'refused' })], '2026-12-05')).toEqual({ ok: false, reason: 'permit-required' });
    expect(
      start(
        { status: 'foreigner' },
        [permit({ kind: 'indefinite-work-permit', employerId: null, validUntil: null })],
        '2030-01-01',
      ),
    ).toEqual({
      ok: true,
      basis: 'permit',
    });
  });

  it('accepts the seasonal-agriculture exemption for seasonal farm work only', () => {
    const exemption = permit({ kind: 'seasonal-agriculture-exemption', employerId: null });
    expect(start(tp, [exemption], '2027-03-01', true)).toEqual({ ok: true, basis: 'exemption' });
    expect(start(tp, [exemption], '2027-03-01', false)).toEqual({ ok: false, reason: 'permit-required' });
  });

  it('tells the employer what to request', () => {
    const duty = (right: RightToWork, permits: PermitFacts[] = [], seasonal = false) =>
      employerPermitDuty(right, permits, { employerId: 'e1', startDate: '2026-12-15', seasonalAgriculture: seasonal });
    expect(duty({ status: 'citizen' })).toBeNull();
    expect(duty(tp)).toBe('request-temporary-protection-permit');
    expect(duty(tp, [], true)).toBe('request-seasonal-agriculture-exemption');
    expect(duty(tp, [permit({})])).toBeNull();
    expect(duty({ status: 'international-protection', registrationDate: '2020-01-01' })).toBe(
      'request-international-protection-permit',
    );
    expect(duty({ status: 'foreigner' })).toBe('request-work-permit');
  });

  it('adds months to dates, clamping to the month’s end', () => {
    expect(addMonths('2026-05-20', 6)).toBe('2026-11-20');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-12-15', 1)).toBe('2028-01-15');
  });
});

describe('limits', () => {
  it('finds limits that contradict each other', () => {
    expect(limitsProblems(DEFAULT_LIMITS)).toEqual([]);
    expect(limitsProblems({ ...DEFAULT_LIMITS, minorWeeklyHours: 45, weeklyHours: 40 }).map((p) => p.pointer)).toEqual([
      '/minorWeeklyHours',
    ]);
  });
});

describe('discriminatory wording', () => {
  it.each([
    ['Bayan eleman aranıyor', 'sex'],
    ['Suriyeli olmasın', 'nationality'],
    ['başörtülü olmayan', 'religion'],
    ['men only', 'sex'],
    ['female staff wanted', 'sex'],
    ['under 25', 'age'],
    ['no Syrians', 'nationality'],
    ['unmarried', 'marital-status'],
    ['not wearing a headscarf', 'religion'],
    ['للذكور فقط', 'sex'],
  ])('flags "%s" (%s) with its excerpt and field', (text, ground) => {
    const flags = flagWording({ '/title': text });
    expect(flags.map((f) => f.ground)).toContain(ground);
    expect(flags[0]!.pointer).toBe('/title');
    expect(text.toLocaleLowerCase('tr')).toContain(flags[0]!.excerpt.toLocaleLowerCase('tr'));
  });

  it('does not flag indoor work, a street name or a benefits line', () => {
    expect(flagWording({ '/duties': 'Kapalı alanda çalışma', '/title': 'Bekar Sokak şubesi' })).toEqual([]);
    expect(flagWording({ '/benefits': 'evli çiftlere uygun konut yardımı' })).toEqual([]);
  });

  it('quotes the words as written, diacritics and case included', () => {
    expect(flagWording({ '/title': 'Kasiyer — BAYAN ELEMAN aranıyor' })[0]!.excerpt).toBe('BAYAN ELEMAN');
    expect(flagWording({ '/title': 'مطلوبُ موظفةٍ' })[0]!.excerpt).toBe('مطلوبُ موظفةٍ');
  });
});
