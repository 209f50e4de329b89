import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../common/decent-work.ts';
import { liveCheck, type LiveTerms } from './liveCheck.ts';

const wages = [{ effectiveFrom: '2026-01-01', grossMonthly: 33030, netMonthly: 28075.5 }];
const today = '2026-12-02';
const base: LiveTerms = {
  title: 'Paketleme elemanı',
  duties: 'Ürünlerin paketlenmesi.',
  benefits: '',
  startDate: '2026-12-20',
  hoursPerDay: 9,
  hoursPerWeek: 45,
  shifts: ['day'],
  minimumAge: 18,
  wageMin: 30000,
  wageMax: '',
  wageBasis: 'net',
  province: 'İstanbul',
};
const check = (v: Partial<LiveTerms>, hazard: 'low' | 'very-hazardous' = 'low', employer = null) =>
  liveCheck({ ...base, ...v }, wages, DEFAULT_LIMITS, hazard, employer, today);

describe('the vacancy form’s live decent-work check', () => {
  it('passes a vacancy that meets every rule', () => {
    expect(check({})).toEqual({ violations: [], wordingFlags: [], complete: true });
  });

  it('waits for the wage, hours and start date before checking them', () => {
    const r = check({ wageMin: '' });
    expect(r.complete).toBe(false);
    expect(r.violations).toEqual([]);
  });

  it('names each failing rule with the field it concerns, as the server does', () => {
    const r = check({ wageMin: 20000, hoursPerWeek: 50, hoursPerDay: 12, shifts: ['night'] });
    expect(r.violations.map((v) => [v.rule, v.pointer])).toEqual([
      ['minimum-wage', '/wageMin'],
      ['weekly-hours', '/hoursPerWeek'],
      ['daily-hours', '/hoursPerDay'],
      ['night-hours', '/hoursPerDay'],
    ]);
  });

  it('refuses a past start date and hours that cannot fit the week', () => {
    expect(check({ startDate: '2026-11-30' }).violations.map((v) => v.rule)).toEqual(['start-date-past']);
    expect(check({ hoursPerDay: 5, hoursPerWeek: 45, wageMin: 30000 }).violations.map((v) => v.rule)).toEqual([
      'weekly-rest',
    ]);
  });

  it('applies the rules for minors to the minimum age, with the employer’s hazard class', () => {
    const rules = (age: number, hazard: 'low' | 'very-hazardous', shifts = ['day']) =>
      check({ minimumAge: age, shifts, hoursPerDay: 7.5 }, hazard).violations.map((v) => v.rule);
    expect(rules(14, 'low')).toEqual(['child-labour']);
    expect(rules(16, 'very-hazardous')).toEqual(['minor-hazard']);
    expect(rules(16, 'low', ['night'])).toEqual(['minor-night-work']);
    expect(rules(18, 'very-hazardous', ['night'])).toEqual([]);
  });

  it('shows a suspended employer at once', () => {
    const r = liveCheck(
      base,
      wages,
      DEFAULT_LIMITS,
      'low',
      { status: 'suspended', statusReason: 'Ödenmemiş ücret' },
      today,
    );
    expect(r.violations.map((v) => v.rule)).toEqual(['employer-suspended']);
  });

  it('flags "Bayan eleman" in the title with its excerpt', () => {
    expect(check({ title: 'BAYAN ELEMAN aranıyor' }).wordingFlags).toEqual([
      { ground: 'sex', excerpt: 'BAYAN ELEMAN', pointer: '/title', code: 'decentWork.wording.sex' },
    ]);
  });
});
