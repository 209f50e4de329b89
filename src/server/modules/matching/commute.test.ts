import { describe, expect, it } from 'vitest';
import { commuteMinutes, loadCommuteMatrix } from './commute.ts';

describe('the district travel-time matrix (data/commute-minutes.csv)', () => {
  const matrix = loadCommuteMatrix();
  const districts = (province: string) =>
    [...new Set([...matrix.keys()].filter((k) => k.startsWith(`${province}|`)).map((k) => k.split('|')[1]!))].sort();

  it('covers every ordered pair of İstanbul’s 39 and İzmir’s 30 districts', () => {
    expect(districts('istanbul')).toHaveLength(39);
    expect(districts('izmir')).toHaveLength(30);
    expect(matrix.size).toBe(39 * 39 + 30 * 30);
  });

  it('is symmetric, a trip within a district takes 20 or 30 minutes, none more than 4 hours', () => {
    for (const province of ['istanbul', 'izmir'])
      for (const a of districts(province)) {
        expect([20, 30]).toContain(matrix.get(`${province}|${a}|${a}`));
        for (const b of districts(province)) {
          const there = matrix.get(`${province}|${a}|${b}`)!;
          expect(there).toBe(matrix.get(`${province}|${b}|${a}`));
          expect(there).toBeGreaterThanOrEqual(20);
          expect(there).toBeLessThanOrEqual(240);
        }
      }
  });

  it('finds districts as people type them, and crossing the Bosphorus costs more than staying on one side', () => {
    const ist = (district: string) => ({ province: 'İSTANBUL', district });
    expect(commuteMinutes(ist('uskudar'), ist('BEŞİKTAŞ'))).toBe(commuteMinutes(ist('Üsküdar'), ist('Beşiktaş')));
    // Beşiktaş (across the water) is nearer to Kadıköy than Ümraniye (same side), yet takes longer.
    expect(commuteMinutes(ist('Kadıköy'), ist('Beşiktaş'))!).toBeGreaterThan(
      commuteMinutes(ist('Kadıköy'), ist('Ümraniye'))!,
    );
    expect(commuteMinutes(ist('Kadıköy'), { province: 'İzmir', district: 'Konak' })).toBeNull();
    expect(commuteMinutes(ist('Kadıköy'), ist('Çankaya'))).toBeNull();
  });
});
