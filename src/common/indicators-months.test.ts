import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFamily,
  familyFromMonths,
  monthCellsOf,
  monthsBetween,
  type Family,
  type Fact,
  type MonthCells,
} from './indicators.ts';

/**
 * The materialised aggregates (issue 16, "Performance") store each month's family cells and put a range's
 * family together from them: it must be exactly the family built from all the facts, for flows and stocks,
 * over ranges that cut quarters and years, with medians' durations and sums.
 */
const fact = fc.record({
  month: fc.constantFrom('2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05'),
  sex: fc.constantFrom('female', 'male'),
  ageBand: fc.constantFrom('18-24', '25-29', '55+'),
  targetGroups: fc.subarray(['refugee', 'neet']),
  province: fc.constantFrom('İstanbul', 'İzmir'),
  district: fc.constantFrom('İstanbul/Fatih', 'İstanbul/Kadıköy', 'İzmir/Konak'),
  office: fc.constantFrom('o1', 'o2'),
  occupation: fc.constantFrom('5', '7', 'unknown'),
  n: fc.integer({ min: 0, max: 14 }),
  days: fc.option(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 3 }), { nil: undefined }),
  amount: fc.option(
    fc.integer({ min: 0, max: 100_000 }).map((k) => k / 100),
    { nil: undefined },
  ),
}) as fc.Arbitrary<Fact>;

const plain = (f: Family) => ({
  values: new Map([...f.values].filter(([, n]) => n !== 0)),
  days: new Map([...f.days].map(([k, d]) => [k, [...d].sort((a, b) => a - b)])),
  sums: f.sums,
  categories: f.categories,
  relations: new Set(f.relations.map((r) => `${r.parent}<${r.children.join(',')}`)),
  months: f.months,
});

describe('a range’s family from its months’ cells', () => {
  for (const stock of [false, true]) {
    it(`equals the family built from the facts (${stock ? 'stock' : 'flow'})`, () => {
      fc.assert(
        fc.property(
          fc.array(fact, { maxLength: 30 }),
          fc.constantFrom(
            ['2025-11', '2026-05'],
            ['2025-12', '2026-02'],
            ['2026-03', '2026-03'],
            ['2025-11', '2026-01'],
          ),
          (facts, [from, to]) => {
            const months = monthsBetween(from, to);
            const parts = new Map<string, MonthCells>();
            for (const m of months) {
              // Each month's cells as the job stores them (through JSON, as in the jsonb column).
              const cells = monthCellsOf(
                buildFamily(
                  facts.filter((f) => f.month === m),
                  [m],
                  stock,
                ),
              );
              parts.set(m, JSON.parse(JSON.stringify(cells)) as MonthCells);
            }
            expect(plain(familyFromMonths(parts, months, stock))).toEqual(plain(buildFamily(facts, months, stock)));
          },
        ),
        { numRuns: 60 },
      );
    });
  }
});
