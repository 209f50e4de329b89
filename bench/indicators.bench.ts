/**
 * `npm run bench -- indicators [--events N]`: the cost of disclosure control on one family of tables
 * (issue 16), away from the database: N synthetic events (default 100,000) spread over 24 months, both
 * sexes, the age bands, 3 target groups, 2 provinces with 39 and 30 districts, 12 offices and the 11
 * occupation groups; the family is built and suppressed with a threshold of 11. Prints the family's
 * size, how many cells are hidden (primary, in all) and the times. The 1M-person dashboard benchmark
 * on the server (issue 16, "Performance") is not written yet.
 */
import { suppress } from '../src/common/disclosure.ts';
import { AGE_BANDS, buildFamily, monthsBetween, OCCUPATION_GROUPS, type Fact } from '../src/common/indicators.ts';

const arg = process.argv.indexOf('--events');
const events = arg > 0 ? Number(process.argv[arg + 1]) : 100_000;

// mulberry32: a small seeded generator, so every run draws the same events.
let seed = 16;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const months = monthsBetween('2025-01', '2026-12');
const districts = [
  ...Array.from({ length: 39 }, (_, i) => ['İstanbul', `İlçe ${i + 1}`] as const),
  ...Array.from({ length: 30 }, (_, i) => ['İzmir', `İlçe ${i + 1}`] as const),
];
const groups = [[], [], [], ['refugee'], ['neet'], ['woman-care'], ['refugee', 'woman-care']] as const;
const grouped = new Map<string, Fact>();
for (let i = 0; i < events; i++) {
  // Skewed towards a few districts and offices, as real registrations are.
  const [province, district] = districts[Math.floor(districts.length * random() ** 2)]!;
  const fact = {
    month: pick(months),
    sex: pick(['female', 'male']),
    ageBand: pick(AGE_BANDS),
    targetGroups: pick(groups),
    province,
    district,
    office: `office-${Math.floor(12 * random() ** 2)}`,
    occupation: pick(OCCUPATION_GROUPS),
    n: 0,
  };
  const key = JSON.stringify(fact);
  const g = grouped.get(key) ?? fact;
  g.n++;
  grouped.set(key, g);
}

const t0 = performance.now();
const family = buildFamily([...grouped.values()], months, false);
const t1 = performance.now();
const { suppressed, primary, auditRounds } = suppress(family.values, family.relations, 11);
const t2 = performance.now();
console.log(`indicators: ${events.toLocaleString('en')} events → ${grouped.size.toLocaleString('en')} facts`);
console.log(
  `  family: ${family.values.size.toLocaleString('en')} cells, ${family.relations.length.toLocaleString('en')} relations, built in ${(t1 - t0).toFixed(0)} ms`,
);
console.log(
  `  suppression: ${primary.size.toLocaleString('en')} primary, ${suppressed.size.toLocaleString('en')} in all, ${auditRounds} audit rounds, ${(t2 - t1).toFixed(0)} ms`,
);
