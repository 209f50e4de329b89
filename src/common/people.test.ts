import { describe, expect, it } from 'vitest';
import { ageOn } from './people.ts';

describe('ageOn', () => {
  it('counts whole years: a year less the day before the birthday, a year more on it', () => {
    expect(ageOn('2008-12-06', '2026-12-05')).toBe(17);
    expect(ageOn('2008-12-05', '2026-12-05')).toBe(18);
    expect(ageOn('2008-01-31', '2026-02-01')).toBe(18);
    expect(ageOn('2008-03-01', '2026-02-28')).toBe(17);
  });

  it('takes a 29 February birthday as reached on 1 March in other years, and on the day in leap years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('agrees with a count by calendar over every day of two years', () => {
    const byCalendar = (birth: string, on: string) => {
      const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
      const [y, m, d] = on.split('-').map(Number) as [number, number, number];
      return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
    };
    const day = (n: number) => new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    for (let b = 0; b < 731; b += 7)
      for (let o = 0; o < 731; o += 3) {
        const birth = `19${day(b).slice(2)}`;
        expect(ageOn(birth, day(o)), `${birth} on ${day(o)}`).toBe(byCalendar(birth, day(o)));
      }
  });
});
