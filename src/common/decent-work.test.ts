import { describe, expect, it } from 'vitest';
import { checkReferral, checkVacancy, flagWording, type VacancyTerms } from './decent-work.ts';
import type { MinimumWageRow } from './minimum-wage.ts';

const wages: MinimumWageRow[] = [
  { effectiveFrom: '2025-01-01', grossMonthly: 26005.5, netMonthly: 22104.67 },
  { effectiveFrom: '2026-01-01', grossMonthly: 33030, netMonthly: 28075.5 },
];

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
const rules = (v: Partial<VacancyTerms>) => checkVacancy({ ...base, ...v }, wages).map((x) => x.rule);

describe('vacancy checks', () => {
  it('accepts the net minimum wage for a full week', () => {
    expect(rules({})).toEqual([]);
  });

  it('refuses a wage below the minimum in force on the start date', () => {
    expect(rules({ wageMin: 28000 })).toEqual(['minimum-wage']);
    // The 2025 minimum was lower: the same wage starting in 2025 passes.
    expect(rules({ wageMin: 23000, startDate: '2025-06-01' })).toEqual([]);
    expect(rules({ wageMin: 23000, startDate: '2026-01-01' })).toEqual(['minimum-wage']);
  });

  it('refuses a net figure quoted as gross', () => {
    // 30,000 is above the net minimum but below the gross one.
    expect(rules({ wageMin: 30000, wageBasis: 'gross' })).toEqual(['minimum-wage']);
    expect(rules({ wageMin: 30000, wageBasis: 'net' })).toEqual([]);
  });

  it('compares part-time work pro rata', () => {
    expect(rules({ hoursPerWeek: 22.5, hoursPerDay: 4.5, wageMin: 14037.75 })).toEqual([]);
    expect(rules({ hoursPerWeek: 22.5, hoursPerDay: 4.5, wageMin: 14000 })).toEqual(['minimum-wage']);
  });

  it('limits working time: 45 h a week, 11 a day, 7.5 for night work', () => {
    expect(rules({ hoursPerWeek: 50 })).toEqual(['weekly-hours']);
    expect(rules({ hoursPerDay: 12 })).toEqual(['daily-hours']);
    expect(rules({ shifts: ['night'], hoursPerDay: 8 })).toEqual(['night-hours']);
    expect(rules({ shifts: ['night'], hoursPerDay: 7.5 })).toEqual([]);
  });

  it('names the field and the minimum in the refusal', () => {
    const [v] = checkVacancy({ ...base, wageMin: 20000, wageBasis: 'gross' }, wages);
    expect(v).toEqual({
      rule: 'minimum-wage',
      code: 'decentWork.minimum-wage',
      pointer: '/wageMin',
      params: { minimum: '33030.00', basis: 'gross', hours: 45, date: '2026-12-01' },
    });
  });

  it('refuses when no minimum wage is known for the start date', () => {
    expect(rules({ startDate: '2020-01-01' })).toEqual(['minimum-wage-unknown']);
  });
});

describe('referral checks', () => {
  const refer = (v: Partial<VacancyTerms>, p: Parameters<typeof checkReferral>[1]) =>
    checkReferral({ ...base, ...v }, p, wages).map((x) => x.rule);
  const seventeen = { birthDate: '2009-06-01' };

  it('applies the rules for minors at the start date', () => {
    expect(refer({}, seventeen)).toEqual(['minor-hours']);
    expect(refer({ hoursPerWeek: 40, hoursPerDay: 8, wageMin: 24956 }, seventeen)).toEqual([]);
    expect(refer({ hoursPerWeek: 40, hoursPerDay: 7, wageMin: 24956, shifts: ['night'] }, seventeen)).toEqual([
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
    expect(refer({}, { birthDate: '2008-11-30' })).toEqual([]);
  });

  it('refuses anyone under 15', () => {
    expect(
      refer({ hoursPerWeek: 10, hoursPerDay: 2, wageMin: 6239 }, { birthDate: '2012-01-01', inSchool: true }),
    ).toContain('child-labour');
  });

  it('keeps people under temporary protection to their province, with a permit or the seasonal exemption', () => {
    const tp = (province: string, workPermit: 'none' | 'granted' | 'seasonal-agriculture-exemption') => ({
      birthDate: '1990-01-01',
      temporaryProtection: { registrationProvince: province, workPermit },
    });
    expect(refer({}, tp('İstanbul', 'granted'))).toEqual([]);
    expect(refer({}, tp('ISTANBUL', 'granted'))).toEqual([]);
    expect(refer({}, tp('Gaziantep', 'granted'))).toEqual(['temporary-protection-province']);
    expect(refer({}, tp('İstanbul', 'none'))).toEqual(['temporary-protection-permit']);
    expect(refer({ naceDivision: '01' }, tp('İstanbul', 'seasonal-agriculture-exemption'))).toEqual([]);
    expect(refer({ naceDivision: '56' }, tp('İstanbul', 'seasonal-agriculture-exemption'))).toEqual([
      'temporary-protection-permit',
    ]);
  });
});

describe('discriminatory wording', () => {
  it.each([
    ['Bayan eleman aranıyor', 'sex'],
    ['ERKEK PERSONEL alınacaktır', 'sex'],
    ['Askerliğini yapmış adaylar', 'sex'],
    ['25 yaş altı kasiyer', 'age'],
    ['En fazla 30 yaşında', 'age'],
    ['Evli olmayan adaylar tercih edilir', 'marital-status'],
    ['Başörtüsüz personel', 'religion'],
    ['Suriyeliler başvurmasın', 'nationality'],
    ['Hoş görünümlü resepsiyonist', 'appearance'],
  ])('flags "%s" (%s)', (text, ground) => {
    const flags = flagWording({ '/title': text });
    expect(flags.map((f) => f.ground)).toContain(ground);
    expect(flags[0]!.pointer).toBe('/title');
    expect(text.toLocaleLowerCase('tr')).toContain(flags[0]!.excerpt.toLocaleLowerCase('tr'));
  });

  it.each([
    'Aşçı yardımcısı',
    'Garson (kadın ve erkek adaylar eşit değerlendirilir)',
    'Çocuk bakıcısı, deneyimli',
    'Kasiyer, yarı zamanlı',
  ])('does not flag "%s"', (text) => {
    expect(flagWording({ '/title': text })).toEqual([]);
  });
});
