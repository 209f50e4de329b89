import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkAgainstMinimumWage, checkWageOn, minimumWageOn, type MinimumWageRow } from './minimum-wage.ts';

/** RULES.md, deliberately out of order: the functions must not rely on sorting. */
const TABLE: MinimumWageRow[] = [
  { effectiveFrom: '2024-01-01', grossMonthly: 20002.5, netMonthly: 17002.12 },
  { effectiveFrom: '2022-01-01', grossMonthly: 5004, netMonthly: 4253.4 },
  { effectiveFrom: '2023-07-01', grossMonthly: 13414.5, netMonthly: 11402.32 },
  { effectiveFrom: '2026-01-01', grossMonthly: 33030, netMonthly: 28075.5 },
  { effectiveFrom: '2022-07-01', grossMonthly: 6471, netMonthly: 5500.35 },
  { effectiveFrom: '2025-01-01', grossMonthly: 26005.5, netMonthly: 22104.67 },
  { effectiveFrom: '2023-01-01', grossMonthly: 10008, netMonthly: 8506.8 },
];

describe('minimumWageOn', () => {
  it('follows the two changes of 2023', () => {
    expect(minimumWageOn('2023-01-01', TABLE)?.grossMonthly).toBe(10008);
    expect(minimumWageOn('2023-06-30', TABLE)?.grossMonthly).toBe(10008);
    expect(minimumWageOn('2023-07-01', TABLE)?.grossMonthly).toBe(13414.5);
    expect(minimumWageOn('2023-12-31', TABLE)?.netMonthly).toBe(11402.32);
  });

  it('follows the two changes of 2022', () => {
    expect(minimumWageOn('2022-03-15', TABLE)?.effectiveFrom).toBe('2022-01-01');
    expect(minimumWageOn('2022-06-30', TABLE)?.effectiveFrom).toBe('2022-01-01');
    expect(minimumWageOn('2022-07-01', TABLE)?.effectiveFrom).toBe('2022-07-01');
  });

  it('keeps the latest row in force after it, and has nothing before the first', () => {
    expect(minimumWageOn('2030-05-05', TABLE)?.effectiveFrom).toBe('2026-01-01');
    expect(minimumWageOn('2021-12-31', TABLE)).toBeNull();
    expect(minimumWageOn('2026-01-01', [])).toBeNull();
  });

  it('always picks the latest row not after the date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2020, max: 2030 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
        const date = `${y}-${String(m).padStart(2, '0')}-15`;
        const row = minimumWageOn(date, TABLE);
        const eligible = TABLE.filter((r) => r.effectiveFrom <= date).map((r) => r.effectiveFrom);
        expect(row?.effectiveFrom ?? null).toBe(eligible.length ? eligible.sort().at(-1) : null);
      }),
    );
  });
});

describe('checkAgainstMinimumWage', () => {
  const y2026 = minimumWageOn('2026-03-01', TABLE)!;

  it('compares a net offer with the net minimum, and a gross offer with gross', () => {
    expect(checkAgainstMinimumWage({ amount: 28075.5, basis: 'net', hoursPerWeek: 45 }, y2026)).toEqual({
      ok: true,
      minimumForHours: 28075.5,
      basis: 'net',
    });
    expect(checkAgainstMinimumWage({ amount: 28075.49, basis: 'net', hoursPerWeek: 45 }, y2026).ok).toBe(false);
    // 30,000 is above the net minimum but below gross: the basis decides.
    expect(checkAgainstMinimumWage({ amount: 30000, basis: 'net', hoursPerWeek: 45 }, y2026).ok).toBe(true);
    expect(checkAgainstMinimumWage({ amount: 30000, basis: 'gross', hoursPerWeek: 45 }, y2026)).toEqual({
      ok: false,
      minimumForHours: 33030,
      basis: 'gross',
    });
  });

  it('compares part-time work pro rata to 45 hours: 22.5 h is half', () => {
    expect(checkAgainstMinimumWage({ amount: 16515, basis: 'gross', hoursPerWeek: 22.5 }, y2026)).toEqual({
      ok: true,
      minimumForHours: 16515,
      basis: 'gross',
    });
    expect(checkAgainstMinimumWage({ amount: 14037.75, basis: 'net', hoursPerWeek: 22.5 }, y2026)).toEqual({
      ok: true,
      minimumForHours: 14037.75,
      basis: 'net',
    });
    expect(checkAgainstMinimumWage({ amount: 14037.74, basis: 'net', hoursPerWeek: 22.5 }, y2026).ok).toBe(false);
    // 30 h of 45: two thirds, rounded to the kuruş.
    expect(checkAgainstMinimumWage({ amount: 0, basis: 'net', hoursPerWeek: 30 }, y2026).minimumForHours).toBe(18717);
  });

  it('does not raise the minimum above 45 hours (overtime is paid on top)', () => {
    expect(checkAgainstMinimumWage({ amount: 33030, basis: 'gross', hoursPerWeek: 50 }, y2026).minimumForHours).toBe(
      33030,
    );
  });

  it('refuses impossible hours and amounts', () => {
    expect(() => checkAgainstMinimumWage({ amount: 1, basis: 'net', hoursPerWeek: 0 }, y2026)).toThrow(RangeError);
    expect(() => checkAgainstMinimumWage({ amount: NaN, basis: 'net', hoursPerWeek: 10 }, y2026)).toThrow(RangeError);
  });

  it('uses the row in force on the date (2023 mid-year raise)', () => {
    const wage = { amount: 10000, basis: 'net', hoursPerWeek: 45 } as const;
    expect(checkWageOn('2023-06-30', wage, TABLE)).toEqual({ ok: true, minimumForHours: 8506.8, basis: 'net' });
    expect(checkWageOn('2023-07-01', wage, TABLE)).toEqual({ ok: false, minimumForHours: 11402.32, basis: 'net' });
    expect(checkWageOn('2021-06-01', wage, TABLE)).toBeNull();
  });

  it('is monotonic: more hours never lower the minimum', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        fc.double({ min: 0.5, max: 60, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          const at = (h: number) => checkAgainstMinimumWage({ amount: 0, basis: 'gross', hoursPerWeek: h }, y2026);
          expect(at(lo).minimumForHours).toBeLessThanOrEqual(at(hi).minimumForHours);
          expect(at(hi).minimumForHours).toBeLessThanOrEqual(33030);
        },
      ),
    );
  });
});
