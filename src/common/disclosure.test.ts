import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attack } from './disclosure-attack.ts';
import { cellKey, determinedCells, suppress, type Relation } from './disclosure.ts';
import { buildFamily, monthsBetween, type Breakdown, type Fact } from './indicators.ts';

const published = (values: Map<string, number>, suppressed: Set<string>) =>
  new Map([...values].filter(([k]) => !suppressed.has(k)));

/** What the attacker learns: every suppressed cell's interval must be at least 1 wide. */
function recovered(values: Map<string, number>, relations: readonly Relation[], suppressed: Set<string>) {
  return attack(published(values, suppressed), suppressed, relations).filter((i) => i.max - i.min < 1 - 1e-6);
}

describe('suppression of a two-way table', () => {
  // rows a, b, c × columns x, y with margins: (a,x)=3 is below 11.
  const v = new Map<string, number>([
    [cellKey({ r: 'a', c: 'x' }), 3],
    [cellKey({ r: 'a', c: 'y' }), 40],
    [cellKey({ r: 'b', c: 'x' }), 20],
    [cellKey({ r: 'b', c: 'y' }), 25],
    [cellKey({ r: 'c', c: 'x' }), 30],
    [cellKey({ r: 'c', c: 'y' }), 50],
    [cellKey({ r: 'a' }), 43],
    [cellKey({ r: 'b' }), 45],
    [cellKey({ r: 'c' }), 80],
    [cellKey({ c: 'x' }), 53],
    [cellKey({ c: 'y' }), 115],
    ['', 168],
  ]);
  const rel: Relation[] = [
    ...['a', 'b', 'c'].map((r) => ({
      parent: cellKey({ r }),
      children: ['x', 'y'].map((c) => cellKey({ r, c })),
    })),
    ...['x', 'y'].map((c) => ({ parent: cellKey({ c }), children: ['a', 'b', 'c'].map((r) => cellKey({ r, c })) })),
    { parent: '', children: ['a', 'b', 'c'].map((r) => cellKey({ r })) },
    { parent: '', children: ['x', 'y'].map((c) => cellKey({ c })) },
  ];

  it('suppresses the small cell and enough others that no total gives it away', () => {
    const { suppressed, primary } = suppress(v, rel, 11);
    expect([...primary]).toEqual([cellKey({ r: 'a', c: 'x' })]);
    // The smallest partners: (b,x)=20 in the column, then (a,y)=40 in the row and (b,y)=25 to close the cycle.
    expect([...suppressed].sort()).toEqual(
      [
        cellKey({ r: 'a', c: 'x' }),
        cellKey({ r: 'a', c: 'y' }),
        cellKey({ r: 'b', c: 'x' }),
        cellKey({ r: 'b', c: 'y' }),
      ].sort(),
    );
    expect(recovered(v, rel, suppressed)).toEqual([]);
  });

  it('the attacker recovers a lone suppressed cell (the test can fail)', () => {
    const lone = new Set([cellKey({ r: 'a', c: 'x' })]);
    expect(recovered(v, rel, lone).map((i) => i.cell)).toEqual([cellKey({ r: 'a', c: 'x' })]);
    expect(determinedCells(lone, rel)).toEqual([cellKey({ r: 'a', c: 'x' })]);
  });

  it('finds a bridge between two protected cycles and protects it', () => {
    // Two suppressed 2×2 cycles joined by one cell: every line holds two suppressed cells, yet the bridge
    // is the difference of the published totals on either side.
    const rows = ['r1', 'r2', 'r3', 'r4'];
    const cols = ['c1', 'c2', 'c3', 'c4'];
    const values = new Map<string, number>();
    const relations: Relation[] = [];
    for (const r of rows) for (const c of cols) values.set(cellKey({ r, c }), 30);
    for (const r of rows) {
      values.set(cellKey({ r }), 120);
      relations.push({ parent: cellKey({ r }), children: cols.map((c) => cellKey({ r, c })) });
    }
    for (const c of cols) {
      values.set(cellKey({ c }), 120);
      relations.push({ parent: cellKey({ c }), children: rows.map((r) => cellKey({ r, c })) });
    }
    values.set('', 480);
    const pattern = new Set(
      [
        ['r1', 'c1'],
        ['r1', 'c2'],
        ['r2', 'c1'],
        ['r2', 'c2'],
        ['r2', 'c3'],
        ['r3', 'c3'],
        ['r3', 'c4'],
        ['r4', 'c3'],
        ['r4', 'c4'],
      ].map(([r, c]) => cellKey({ r: r!, c: c! })),
    );
    // r2 holds three, c3 three: the bridge (r2, c3) is determined.
    expect(determinedCells(pattern, relations)).toEqual([cellKey({ r: 'r2', c: 'c3' })]);
    expect(recovered(values, relations, pattern).map((i) => i.cell)).toEqual([cellKey({ r: 'r2', c: 'c3' })]);
  });
});

// ---- property-based: random facts, the whole family, the LP attacker -------------------------------------

const SMALL: readonly Breakdown[] = ['quarter', 'month', 'sex', 'province', 'district', 'targetGroup'];
const fact = fc.record({
  month: fc.constantFrom('2026-01', '2026-02', '2026-03', '2026-04'),
  sex: fc.constantFrom('female', 'male'),
  ageBand: fc.constant('25-29'),
  targetGroups: fc.subarray(['refugee', 'neet']),
  province: fc.constantFrom('İstanbul', 'İzmir'),
  district: fc.constantFrom('Kadıköy', 'Konak', 'Fatih'),
  office: fc.constant('o1'),
  occupation: fc.constant('5'),
  n: fc.integer({ min: 0, max: 14 }),
}) as fc.Arbitrary<Fact>;

describe('suppression across the family of tables (fast-check + LP attacker)', () => {
  const months = monthsBetween('2026-01', '2026-04');

  for (const stock of [false, true]) {
    it(`no suppressed cell of a ${stock ? 'stock' : 'count'} family can be recovered`, () => {
      fc.assert(
        fc.property(fc.array(fact, { minLength: 1, maxLength: 40 }), fc.integer({ min: 3, max: 11 }), (facts, k) => {
          const family = buildFamily(facts, months, stock, SMALL);
          const { suppressed, primary } = suppress(family.values, family.relations, k);
          // Small cells are all suppressed; every suppressed cell is positive (never a zero shown as hidden).
          for (const [key, v] of family.values) if (v > 0 && v < k) expect(suppressed.has(key)).toBe(true);
          for (const key of suppressed) expect(family.values.get(key) ?? 0).toBeGreaterThan(0);
          expect(primary.size).toBeLessThanOrEqual(suppressed.size);
          // No relation leaves a lone suppressed cell.
          for (const r of family.relations) {
            expect([r.parent, ...r.children].filter((c) => suppressed.has(c)).length).not.toBe(1);
          }
          expect(recovered(family.values, family.relations, suppressed)).toEqual([]);
        }),
        { numRuns: 60, seed: 16 },
      );
    });
  }

  it('district and province tables share one suppression (consistent across breakdowns)', () => {
    const facts: Fact[] = [
      {
        month: '2026-01',
        sex: 'female',
        ageBand: '25-29',
        targetGroups: [],
        province: 'İzmir',
        district: 'Konak',
        office: 'o1',
        occupation: '5',
        n: 4,
      },
      {
        month: '2026-01',
        sex: 'male',
        ageBand: '25-29',
        targetGroups: [],
        province: 'İzmir',
        district: 'Konak',
        office: 'o1',
        occupation: '5',
        n: 30,
      },
      {
        month: '2026-02',
        sex: 'female',
        ageBand: '25-29',
        targetGroups: [],
        province: 'İzmir',
        district: 'Bornova',
        office: 'o1',
        occupation: '5',
        n: 25,
      },
      {
        month: '2026-02',
        sex: 'male',
        ageBand: '25-29',
        targetGroups: [],
        province: 'İzmir',
        district: 'Bornova',
        office: 'o1',
        occupation: '5',
        n: 28,
      },
    ];
    const family = buildFamily(facts, months, false, SMALL);
    const { suppressed } = suppress(family.values, family.relations, 11);
    // Konak's women (4) are hidden; İzmir's women (29) would give them away through Bornova's women (25),
    // so Bornova's women are hidden too, in the district × sex table and wherever else they appear.
    expect(suppressed.has(cellKey({ district: 'İzmir/Konak', sex: 'female' }))).toBe(true);
    expect(suppressed.has(cellKey({ district: 'İzmir/Bornova', sex: 'female' }))).toBe(true);
    expect(recovered(family.values, family.relations, suppressed)).toEqual([]);
  });
});
