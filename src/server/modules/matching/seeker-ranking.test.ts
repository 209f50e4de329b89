import { describe, expect, it } from 'vitest';
import { checkVacancy, DEFAULT_LIMITS } from '../../../common/decent-work.ts';
import { rotationKey, type MatchContext, type MatchPerson, type MatchVacancy } from '../../../common/matching.ts';
import type { PriorityLift } from '../../../common/matching-priority.ts';
import { rankVacanciesForPerson } from './seeker-ranking.ts';

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
  });

  it('scores in full only the vacancies that can still enter the page', () => {
    const pruned = rankVacanciesForPerson(person, rows, mc, { k: 50, lift: undefined, rotation });
    expect(pruned.scoredInFull).toBeLessThan(pruned.eligible.length / 2);
    expect(pruned.top).toHaveLength(50);
  });
});
