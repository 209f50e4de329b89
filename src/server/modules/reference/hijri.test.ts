import { describe, expect, it } from 'vitest';
import { hijriMonthStart, religiousHolidaysOf } from './hijri.ts';
import { holidaySeed, RELIGIOUS_SEED } from './reference.seed.ts';

/** First days of the bayrams as the Presidency of Religious Affairs (Diyanet) published them. */
const DIYANET: Record<number, { ramazan: string; kurban: string }> = {
  2017: { ramazan: '2017-06-25', kurban: '2017-09-01' },
  2018: { ramazan: '2018-06-15', kurban: '2018-08-21' },
  2019: { ramazan: '2019-06-04', kurban: '2019-08-11' },
  2020: { ramazan: '2020-05-24', kurban: '2020-07-31' },
  2021: { ramazan: '2021-05-13', kurban: '2021-07-20' },
  2022: { ramazan: '2022-05-02', kurban: '2022-07-09' },
  2023: { ramazan: '2023-04-21', kurban: '2023-06-28' },
  2024: { ramazan: '2024-04-10', kurban: '2024-06-16' },
  2025: { ramazan: '2025-03-30', kurban: '2025-06-06' },
  2026: { ramazan: '2026-03-20', kurban: '2026-05-27' },
};

describe('the astronomical Hijri calendar', () => {
  it.each(Object.entries(DIYANET))('gives Diyanet’s published bayrams for %s', (year, published) => {
    const computed = religiousHolidaysOf(Number(year));
    expect(computed.map((b) => [b.bayram, b.days[0]])).toEqual([
      ['ramazan', published.ramazan],
      ['kurban', published.kurban],
    ]);
  });

  it('gives the first of Ramadan as Diyanet announced it, including the eclipse month of February 2026', () => {
    // The conjunction of 17 Feb 2026 12:01 UTC was an annular eclipse: the Moon too close to the Sun that evening.
    expect(hijriMonthStart(1447, 9)).toBe('2026-02-19');
    expect(hijriMonthStart(1445, 9)).toBe('2024-03-11');
    expect(hijriMonthStart(1444, 9)).toBe('2023-03-23');
  });

  it('names the eve before the first day and three days of Ramazan, four of Kurban', () => {
    const [ramazan, kurban] = religiousHolidaysOf(2027);
    expect(ramazan).toEqual({ bayram: 'ramazan', eve: '2027-03-08', days: ['2027-03-09', '2027-03-10', '2027-03-11'] });
    expect(kurban).toEqual({
      bayram: 'kurban',
      eve: '2027-05-15',
      days: ['2027-05-16', '2027-05-17', '2027-05-18', '2027-05-19'],
    });
  });

  it('ships 2027 and 2028 exactly as computed, marked provisional', () => {
    for (const year of [2027, 2028]) {
      const seeded = RELIGIOUS_SEED.filter((h) => h.date.startsWith(`${year}`) && h.provisional);
      const computed = religiousHolidaysOf(year).flatMap((b) => [b.eve, ...b.days]);
      expect(seeded.map((h) => h.date)).toEqual(computed);
    }
    expect(RELIGIOUS_SEED.filter((h) => h.date < '2027').every((h) => !h.provisional)).toBe(true);
    // 19 May 2027 is both Atatürk Commemoration Day and the 4th day of Kurban Bayramı: one row, the fixed one.
    const seeded = holidaySeed().filter((h) => h.date === '2027-05-19');
    expect(seeded.map((h) => h.kind)).toEqual(['fixed']);
  });
});
