import { describe, expect, it } from 'vitest';
import {
  checkPerson,
  checkVacancy,
  DEFAULT_LIMITS,
  type PersonFacts,
  type RightToWork,
} from '../../../common/decent-work.ts';
import {
  commuteOf,
  exclusionsGiven,
  rotationKey,
  type MatchContext,
  type MatchPerson,
  type MatchVacancy,
} from '../../../common/matching.ts';
import type { PriorityLift } from '../../../common/matching-priority.ts';
import {
  PERSON_RULE_TERMS,
  rankVacanciesForPerson,
  rulesOf,
  seekerExclusions,
  seekerFactsOf,
  SeekerNames,
} from './seeker-ranking.ts';
import type { MatchVacancyRow } from '../vacancies/index.ts';
import { VacancyIndex } from './vacancy-index.ts';

const today = '2026-12-03';
const DISTRICTS = ['Kadıköy', 'Üsküdar', 'Esenyurt', 'Beşiktaş'];
const matrix = (from: { district: string }, to: { district: string }) =>
  from.district === to.district ? 10 : to.district === 'Esenyurt' ? 110 : to.district === 'Beşiktaş' ? null : 45;

const person: MatchPerson = {
  id: 'p1',
  desiredCodes: ['9112'],
  work: [{ iscoCode: '9111', startDate: '2020-01-01', endDate: '2022-06-01', registered: true }],
  skillIds: ['s1', 's2', 's4'],
  licences: [],
  certificates: [],
  iscedLevel: 2,
  languages: [{ code: 'tr', level: 'native' }],
  home: { province: 'İstanbul', district: 'Üsküdar' },
  constraints: {
    hoursPerWeek: 45,
    shifts: [],
    districts: [],
    maxCommuteMinutes: 100,
    childcareNeed: true,
    earliestStart: '2027-01-10',
  },
  accessibilityNeed: false,
  consent: true,
  openReferrals: 0,
  decentWork: { birthDate: '1990-05-01', inSchool: false, rightToWork: { status: 'citizen' } },
  permits: [],
};

/** A small deterministic generator: few distinct values, so that many vacancies tie. */
function prng(seed: number) {
  return () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

function vacancies(n: number, seed: number): MatchVacancy[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const start = pick(['2027-01-04', '2027-01-20', '2027-02-15']);
    const hours = pick([40, 45, 50]);
    return {
      id: `v${String(i).padStart(4, '0')}`,
      employerId: 'e1',
      iscoCode: pick(['9112', '9111', '9121', '5120', null]),
      requiredSkillIds: pick([[], ['s1'], ['s1', 's3'], ['s3']]),
      preferredSkillIds: pick([[], ['s2'], ['s4', 's5']]),
      requiredLicences: [],
      requiredCertificates: [],
      iscedLevel: pick([null, 1, 2, 3]),
      languages: pick([[], [{ code: 'tr', level: 'B1' as const }], [{ code: 'en', level: 'A2' as const }]]),
      shifts: ['day'],
      hoursPerWeek: hours,
      province: 'İstanbul',
      district: pick(DISTRICTS),
      remote: rnd() < 0.1,
      startDate: start,
      childcareSupport: rnd() < 0.5,
      accessibleWorkplace: rnd() < 0.5,
      terms: {
        startDate: start,
        hoursPerDay: hours / 5,
        hoursPerWeek: hours,
        shifts: ['day'],
        hazardClass: 'low',
        wageMin: rnd() < 0.05 ? 1000 : 30000,
        wageBasis: 'net',
        province: 'İstanbul',
        minimumAge: 18,
        employer: { status: 'verified' },
      },
    } satisfies MatchVacancy;
  });
}

const mc: MatchContext = {
  rules: {
    minimumWages: [{ effectiveFrom: '2026-01-01', grossMonthly: 33030, netMonthly: 28075.5 }],
    limits: DEFAULT_LIMITS,
    today,
  },
  maxOpenReferrals: 3,
  essentialSkills: new Map([
    ['9112', new Set(['a', 'b', 'c'])],
    ['9121', new Set(['a', 'b', 'd'])],
    ['5120', new Set(['x'])],
  ]),
  referred: new Set(['p1:v0003']),
  commute: matrix,
};

const rotation = (id: string) => rotationKey(id, today);
const view = (r: ReturnType<typeof rankVacanciesForPerson<MatchVacancy>>) => ({
  top: r.top.map((s) => ({
    id: s.item.id,
    score: s.result.score,
    factors: s.result.factors,
    permit: s.result.permitToRequest,
  })),
  total: r.total,
  eligible: r.eligible.map((v) => v.id),
  excluded: r.excluded,
});

describe('the seeker ranking', () => {
  const rows = vacancies(3000, 7);
  const lift = { points: 2.5, groups: ['long-term-unemployed'] } as PriorityLift;

  it('returns the same page, order, scores, factors, totals and exclusion counts pruned as scoring them all', () => {
    const kept = new Map(rows.map((v) => [v.id, checkVacancy(v.terms, mc.rules)]));
    let ties = 0;
    for (const k of [1, 10, 50, 100, 2999, 5000])
      for (const minScore of [undefined, 60, 95])
        for (const l of [undefined, lift]) {
          const pruned = rankVacanciesForPerson(person, rows, mc, { k, minScore, lift: l, rotation });
          const all = rankVacanciesForPerson(person, rows, mc, { k, minScore, lift: l, rotation, prune: false });
          expect(view(pruned)).toEqual(view(all));
          // The vacancy's own checks given (as the vacancy index keeps them): the same again.
          const given = rankVacanciesForPerson(person, rows, mc, {
            k,
            minScore,
            lift: l,
            rotation,
            vacancyChecks: (v) => kept.get(v.id) ?? [],
          });
          expect(view(given)).toEqual(view(all));
          const top = all.top;
          if (top.length === k && top.length < all.total && top[k - 1]!.result.score === top[k - 2]?.result.score)
            ties++;
        }
    // The data is made for ties at the page's edge (rotation decides), and exclusions of several rules.
    expect(ties).toBeGreaterThan(0);
    const all = rankVacanciesForPerson(person, rows, mc, { k: 50, lift: undefined, rotation, prune: false });
    expect(Object.keys(all.excluded).length).toBeGreaterThan(2);
  }, 60_000); // 3,000 vacancies scored in full 36 times: seconds on a busy machine

  it('scores in full only the vacancies that can still enter the page', () => {
    const pruned = rankVacanciesForPerson(person, rows, mc, { k: 50, lift: undefined, rotation });
    expect(pruned.scoredInFull).toBeLessThan(pruned.eligible.length / 2);
    expect(pruned.top).toHaveLength(50);
  });
});

// ---- the compact checks against the rule modules ------------------------------------------------------------

/** Persons and vacancies drawn to trip every exclusion rule, alone and together. */
function people(n: number, seed: number): MatchPerson[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const rights: RightToWork[] = [
    { status: 'citizen' },
    { status: 'foreigner' },
    { status: 'international-protection', registrationDate: '2026-09-01' },
    { status: 'international-protection', registrationDate: '2025-01-01' },
    { status: 'international-protection', registrationDate: null },
    { status: 'temporary-protection', registrationProvince: 'İstanbul', registrationDate: '2019-03-01' },
    { status: 'temporary-protection', registrationProvince: 'ISTANBUL', registrationDate: '2026-10-01' },
    { status: 'temporary-protection', registrationProvince: 'İzmir', registrationDate: '2019-03-01' },
    { status: 'temporary-protection', registrationProvince: null, registrationDate: null },
  ];
  return Array.from({ length: n }, (_, i): MatchPerson => {
    const decentWork: PersonFacts = {
      // Adults, minors turning 15, 16 or 18 around the vacancies' starts, a child.
      birthDate: pick(['1990-05-01', '2009-01-10', '2011-01-15', '2010-12-20', '2008-12-25', '2013-06-01']),
      inSchool: rnd() < 0.3,
      rightToWork: pick(rights),
    };
    return {
      id: `p${i}`,
      desiredCodes: pick([['9112'], ['5120'], [], ['7411']]),
      work: pick([[], [{ iscoCode: '9111', startDate: '2020-01-01', endDate: '2022-06-01', registered: true }]]),
      skillIds: pick([[], ['s1'], ['s1', 's2', 's4'], ['s3', 's5']]),
      licences: pick([[], [{ code: 'B', expiresOn: null }], [{ code: 'B', expiresOn: '2027-01-10' }]]),
      certificates: pick([[], [{ code: 'hygiene', expiresOn: '2027-02-01' }]]),
      iscedLevel: pick([null, 1, 3]),
      languages: pick([
        [],
        [{ code: 'tr', level: 'native' }],
        [
          { code: 'en', level: 'A1' },
          { code: 'tr', level: 'B2' },
        ],
      ]),
      home: pick([null, { province: 'İstanbul', district: 'Üsküdar' }, { province: 'izmir', district: 'Konak' }]),
      constraints:
        rnd() < 0.2
          ? null
          : {
              hoursPerWeek: pick([null, 40, 45]),
              shifts: pick([[], ['day'], ['day', 'evening', 'night']]),
              districts: pick([[], ['kadikoy', 'Üsküdar'], ['ESENYURT']]),
              maxCommuteMinutes: pick([null, 30, 100]),
              childcareNeed: rnd() < 0.5,
              earliestStart: pick([null, '2027-01-10']),
            },
      accessibilityNeed: rnd() < 0.3,
      consent: rnd() < 0.9,
      openReferrals: pick([0, 0, 1, 3]),
      decentWork,
      permits: [],
    };
  });
}

function mixedVacancies(n: number, seed: number): MatchVacancy[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return vacancies(n, seed).map((v) => {
    const start = pick(['2026-11-01', '2027-01-04', '2027-01-20', '2027-02-15']);
    const hoursPerWeek = pick([8, 30, 40, 45, 50]);
    const shifts = pick([['day'], ['day', 'night'], ['evening'], ['weekend']] as const);
    const remote = rnd() < 0.1;
    const place = pick([
      { province: 'İstanbul', district: 'Kadıköy' },
      { province: 'istanbul', district: 'KADIKÖY' },
      { province: 'İstanbul', district: 'Esenyurt' },
      { province: 'İstanbul', district: 'Beşiktaş' },
      { province: 'İzmir', district: 'Konak' },
      { province: 'İstanbul', district: '' },
    ]);
    const minimumAge = pick([undefined, null, 15, 16, 18]);
    return {
      ...v,
      requiredLicences: pick([[], [], ['B']]),
      requiredCertificates: pick([[], [], ['hygiene']]),
      languages: pick([[], [{ code: 'tr', level: 'B1' as const }], [{ code: 'en', level: 'A2' as const }]]),
      shifts: [...shifts],
      hoursPerWeek,
      province: rnd() < 0.05 ? null : place.province,
      district: rnd() < 0.05 ? null : place.district,
      remote,
      startDate: start,
      terms: {
        ...v.terms,
        startDate: start,
        hoursPerWeek,
        hoursPerDay: pick([2, hoursPerWeek / 5, 9]),
        shifts: [...shifts],
        hazardClass: pick(['low', 'hazardous', 'very-hazardous'] as const),
        province: place.province,
        seasonalAgriculture: pick([undefined, false, true]),
        ...(minimumAge === undefined ? {} : { minimumAge }),
        employer: { status: pick(['verified', 'verified', 'suspended'] as const) },
      },
    };
  });
}

/** A vacancy index holding the rows, published, without deadline. */
function indexed(rows: readonly MatchVacancy[]): VacancyIndex {
  const index = new VacancyIndex();
  for (const v of rows) index.upsert({ row: v as MatchVacancyRow, published: true, deadline: null, xid: '1' });
  return index;
}

describe('the seeker ranking on compact facts', () => {
  const persons = people(60, 11);
  const rows = mixedVacancies(400, 13);
  const ctx: MatchContext = { ...mc, referred: new Set(['p1:v0003', 'p2:v0010', 'p20:v0100', 'p2x:v0011']) };

  it('excludes by the same rules as exclusionsGiven, for every pair', () => {
    const seen = new Set<string>();
    // The facts and checks as computed here, and as the vacancy index keeps them (its rows in its own order).
    const kept = indexed(rows).forSeeker([], [], ctx.rules, []);
    expect(kept.rows.map((v) => v.id)).toEqual(rows.map((v) => v.id));
    // Facts made as they are asked for (names added during the query, after the person's were numbered).
    const names = new SeekerNames();
    for (const p of persons) {
      const rulesFor = seekerExclusions<MatchVacancy>(
        p,
        ctx,
        names,
        (v) => checkVacancy(v.terms, ctx.rules),
        (v) => seekerFactsOf(v, names),
      );
      const keptRulesFor = seekerExclusions<MatchVacancy>(
        p,
        ctx,
        kept.names,
        (_, i) => kept.checks[i]!,
        (_, i) => kept.facts[i]!,
      );
      for (const [i, v] of rows.entries()) {
        const full = exclusionsGiven(p, v, ctx, checkVacancy(v.terms, ctx.rules)).map((e) => e.rule);
        const compact = rulesOf(rulesFor(v, i));
        expect(rulesOf(keptRulesFor(kept.rows[i]!, i))).toEqual(compact);
        expect(compact.slice().sort()).toEqual(full.slice().sort());
        for (const r of full) seen.add(r);
      }
    }
    // Every rule tripped somewhere.
    expect([...seen].sort()).toEqual(
      [
        'already-referred',
        'certificate',
        'commute',
        'decent-work',
        'district',
        'fair-spread',
        'hours',
        'language',
        'licence',
        'no-consent',
        'shifts',
        'unrelated',
      ].sort(),
    );
  }, 60_000);

  it('ranks as scoring every pair through the full rules: page, scores, totals and exclusion counts', () => {
    const index = indexed(rows);
    for (const p of persons.slice(0, 20)) {
      // The person's held skills counted by the index's lists, as the service asks for them.
      const kept = index.forSeeker([], [], ctx.rules, p.skillIds);
      for (const k of [1, 50])
        for (const minScore of [undefined, 60]) {
          const opts = { k, minScore, lift: undefined, rotation };
          const pruned = rankVacanciesForPerson(p, rows, ctx, opts);
          const all = rankVacanciesForPerson(p, rows, ctx, { ...opts, prune: false });
          expect(view(pruned)).toEqual(view(all));
          const fromIndex = rankVacanciesForPerson(p, kept.rows, ctx, {
            ...opts,
            vacancyChecks: (_, i) => kept.checks[i]!,
            seekerFacts: { names: kept.names, facts: kept.facts, skillCounts: kept.skillCounts },
          });
          expect(view(fromIndex)).toEqual(view(all));
        }
    }
  }, 60_000);

  it('asks checkPerson only of the terms its key holds, and commuteOf only of the workplace', () => {
    const read = new Set<string>();
    const watched = <T extends object>(o: T): T =>
      new Proxy(o, {
        get(target, key, receiver) {
          if (typeof key === 'string') read.add(key);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    for (const p of persons) for (const v of rows.slice(0, 100)) checkPerson(watched(v.terms), p.decentWork, mc.rules);
    expect([...read].filter((t) => !(PERSON_RULE_TERMS as readonly string[]).includes(t))).toEqual([]);
    read.clear();
    for (const p of persons) for (const v of rows.slice(0, 100)) commuteOf(p, watched(v), mc);
    expect([...read].filter((t) => !['remote', 'province', 'district'].includes(t))).toEqual([]);
  });

  it('keys alike the vacancies alike in those terms only', () => {
    const [a, b] = mixedVacancies(2, 5);
    const same = { ...b!, terms: { ...b!.terms } };
    for (const t of PERSON_RULE_TERMS) (same.terms as Record<string, unknown>)[t] = a!.terms[t];
    const names = new SeekerNames();
    expect(seekerFactsOf(same, names).personRules).toBe(seekerFactsOf(a!, names).personRules);
    // An absent minimum age and a null one are told apart (a rule may come to read them differently).
    const { minimumAge: _, ...absent } = a!.terms;
    expect(seekerFactsOf({ ...a!, terms: { ...absent, minimumAge: null } }, names).personRules).not.toBe(
      seekerFactsOf({ ...a!, terms: absent }, names).personRules,
    );
  });
});
