import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type RuleContext } from './decent-work.ts';
import {
  careFactor,
  commuteFactor,
  educationFactor,
  exclusions,
  experienceFactor,
  explanationParts,
  FACTOR_WEIGHTS,
  languagesFactor,
  monthsBetween,
  occupationFactor,
  preferredSkillsFactor,
  requiredSkillsFactor,
  rotationKey,
  scoreMatch,
  startFactor,
  type CommuteMinutes,
  type MatchContext,
  type MatchPerson,
  type MatchVacancy,
  unrelated,
} from './matching.ts';
import { iscoGroupsOf, linkFromHit, LINK_THRESHOLD } from './occupation-codes.ts';

const today = '2026-12-03';

/** A small matrix, as the server's CSV would give it. */
const MINUTES: Record<string, number> = { 'Üsküdar>Kadıköy': 30, 'Üsküdar>Esenyurt': 110 };
const matrix: CommuteMinutes = (from, to) =>
  from.province === to.province ? (MINUTES[`${from.district}>${to.district}`] ?? null) : null;

const startConstraints = {
  hoursPerWeek: null,
  shifts: [] as string[],
  districts: [] as string[],
  maxCommuteMinutes: null,
  childcareNeed: false,
  earliestStart: null as string | null,
};
const rules: RuleContext = {
  minimumWages: [{ effectiveFrom: '2026-01-01', grossMonthly: 33030, netMonthly: 28075.5 }],
  limits: DEFAULT_LIMITS,
  today,
};

function person(over: Partial<MatchPerson> = {}): MatchPerson {
  return {
    id: 'p1',
    desiredCodes: ['5120'],
    work: [],
    skillIds: [],
    licences: [],
    certificates: [],
    iscedLevel: 3,
    languages: [{ code: 'tr', level: 'native' }],
    home: { province: 'İstanbul', district: 'Üsküdar' },
    constraints: null,
    accessibilityNeed: false,
    consent: true,
    openReferrals: 0,
    decentWork: { birthDate: '1990-05-01', inSchool: false, rightToWork: { status: 'citizen' } },
    permits: [],
    ...over,
  };
}

function vacancy(over: Partial<MatchVacancy> = {}): MatchVacancy {
  return {
    id: 'v1',
    employerId: 'e1',
    iscoCode: '5120',
    requiredSkillIds: [],
    preferredSkillIds: [],
    requiredLicences: [],
    requiredCertificates: [],
    iscedLevel: null,
    languages: [],
    shifts: ['day'],
    hoursPerWeek: 45,
    province: 'İstanbul',
    district: 'Kadıköy',
    remote: false,
    startDate: '2027-01-04',
    childcareSupport: false,
    accessibleWorkplace: false,
    terms: {
      startDate: '2027-01-04',
      hoursPerDay: 9,
      hoursPerWeek: 45,
      shifts: ['day'],
      hazardClass: 'low',
      wageMin: 30000,
      wageBasis: 'net',
      province: 'İstanbul',
      minimumAge: 18,
      employer: { status: 'verified' },
    },
    ...over,
  };
}

const ctx = (over: Partial<MatchContext> = {}): MatchContext => ({
  rules,
  maxOpenReferrals: 3,
  essentialSkills: new Map(),
  referred: new Set(),
  ...over,
});

describe('occupation codes', () => {
  it('lists every ISCO level of the unit groups once', () => {
    expect(iscoGroupsOf(['5120', '5131', null, 'x'])).toEqual(['5', '51', '512', '5120', '513', '5131']);
  });
  it('links automatically at or above the threshold and sends doubtful links to review', () => {
    expect(linkFromHit('aşçı', { iscoCode: '5120', score: LINK_THRESHOLD }).status).toBe('auto');
    expect(linkFromHit('asc', { iscoCode: '5120', score: 0.5 }).status).toBe('review');
    expect(linkFromHit('xyz', undefined)).toEqual({ title: 'xyz', iscoCode: null, score: null, status: 'none' });
  });
});

describe('hard constraints', () => {
  it('an eligible pair has none', () => {
    expect(exclusions(person(), vacancy(), ctx())).toEqual([]);
  });
  it('no consent to share the profile', () => {
    expect(exclusions(person({ consent: false }), vacancy(), ctx()).map((e) => e.rule)).toEqual(['no-consent']);
  });
  it('already referred or refused for this vacancy', () => {
    const rules = exclusions(person(), vacancy(), ctx({ referred: new Set(['p1:v1']) })).map((e) => e.rule);
    expect(rules).toEqual(['already-referred']);
  });
  it('fair spread: N open referrals exclude, fewer do not', () => {
    expect(exclusions(person({ openReferrals: 3 }), vacancy(), ctx()).map((e) => e.rule)).toEqual(['fair-spread']);
    expect(exclusions(person({ openReferrals: 2 }), vacancy(), ctx())).toEqual([]);
    expect(exclusions(person({ openReferrals: 2 }), vacancy(), ctx({ maxOpenReferrals: 2 }))[0]?.rule).toBe(
      'fair-spread',
    );
  });
  it('decent-work rules for this person: a 16-year-old and night work', () => {
    const minor = person({
      decentWork: { birthDate: '2010-06-01', inSchool: false, rightToWork: { status: 'citizen' } },
    });
    const out = exclusions(
      minor,
      vacancy({ shifts: ['night'], terms: { ...vacancy().terms, shifts: ['night'] } }),
      ctx(),
    );
    expect(out.map((e) => e.rule)).toEqual(['decent-work']);
    expect(out[0]!.params.rules).toContain('vacancy-minimum-age');
  });
  it('temporary protection: registered in another province is excluded, the same province is not', () => {
    const tp = (province: string) =>
      person({
        decentWork: {
          birthDate: '1990-01-01',
          rightToWork: {
            status: 'temporary-protection',
            registrationProvince: province,
            registrationDate: '2020-01-01',
          },
        },
      });
    expect(exclusions(tp('Gaziantep'), vacancy(), ctx())[0]?.rule).toBe('decent-work');
    expect(exclusions(tp('İstanbul'), vacancy(), ctx())).toEqual([]);
  });
  it('a work permit the employer still has to request is not an exclusion, and the result says so', () => {
    const tp = person({
      decentWork: {
        birthDate: '1990-01-01',
        rightToWork: {
          status: 'temporary-protection',
          registrationProvince: 'İstanbul',
          registrationDate: '2020-01-01',
        },
      },
    });
    expect(exclusions(tp, vacancy(), ctx())).toEqual([]);
    const r = scoreMatch(tp, vacancy(), ctx());
    expect(r.permitToRequest).toBe(true);
    expect(explanationParts(r, true).at(-1)?.code).toBe('matching.permitToRequest');
    expect(explanationParts(r, false).at(-1)?.code).toBe('matching.legalConditions');
    expect(scoreMatch(person(), vacancy(), ctx()).permitToRequest).toBe(false);
  });
  it('a required licence must be held and valid on the start day', () => {
    const v = vacancy({ requiredLicences: ['B'] });
    expect(exclusions(person(), v, ctx())[0]).toEqual({ rule: 'licence', params: { codes: 'B' } });
    expect(exclusions(person({ licences: [{ code: 'B', expiresOn: null }] }), v, ctx())).toEqual([]);
    expect(exclusions(person({ licences: [{ code: 'B', expiresOn: '2026-12-31' }] }), v, ctx())[0]?.rule).toBe(
      'licence',
    );
  });
  it('a required certificate must be held and not expired', () => {
    const v = vacancy({ requiredCertificates: ['forklift'] });
    expect(exclusions(person(), v, ctx())[0]?.rule).toBe('certificate');
    expect(exclusions(person({ certificates: [{ code: 'forklift', expiresOn: '2030-01-01' }] }), v, ctx())).toEqual([]);
  });
  const constraints = {
    hoursPerWeek: null,
    shifts: [] as string[],
    districts: [] as string[],
    maxCommuteMinutes: null,
    childcareNeed: false,
    earliestStart: null,
  };
  it('hours above what the person accepts', () => {
    const p = person({ constraints: { ...constraints, hoursPerWeek: 30 } });
    expect(exclusions(p, vacancy(), ctx())[0]?.rule).toBe('hours');
    expect(exclusions(p, vacancy({ hoursPerWeek: 30 }), ctx())).toEqual([]);
  });
  it('shifts outside those the person accepts', () => {
    const p = person({ constraints: { ...constraints, shifts: ['day'] } });
    expect(exclusions(p, vacancy({ shifts: ['day', 'evening'] }), ctx())[0]).toEqual({
      rule: 'shifts',
      params: { shifts: 'evening' },
    });
  });
  it('a district outside those the person accepts (compared without case and diacritics); remote work passes', () => {
    const p = person({ constraints: { ...constraints, districts: ['Üsküdar', 'KADIKÖY'] } });
    expect(exclusions(p, vacancy({ district: 'kadıköy' }), ctx())).toEqual([]);
    expect(exclusions(p, vacancy({ district: 'Esenyurt' }), ctx())[0]?.rule).toBe('district');
    expect(exclusions(p, vacancy({ district: 'Esenyurt', remote: true }), ctx())).toEqual([]);
  });
  it("a commute above the person's limit, by the matrix; another province too; remote work passes", () => {
    const p = person({ constraints: { ...constraints, maxCommuteMinutes: 45 } });
    const c = ctx({ commute: matrix });
    expect(exclusions(p, vacancy(), c)).toEqual([]); // Üsküdar → Kadıköy, 30 minutes
    expect(exclusions(p, vacancy({ district: 'Esenyurt' }), c)[0]).toEqual({
      rule: 'commute',
      params: { minutes: 110, max: 45 },
    });
    expect(exclusions(p, vacancy({ province: 'İzmir', district: 'Konak' }), c)[0]?.rule).toBe('commute');
    expect(exclusions(p, vacancy({ district: 'Esenyurt', remote: true }), c)).toEqual([]);
    // A district the matrix does not know is not a reason to exclude.
    expect(exclusions(p, vacancy({ district: 'Yenimahalle' }), c)).toEqual([]);
  });
  it('a language missing or below the level asked', () => {
    const v = vacancy({ languages: [{ code: 'en', level: 'B2' }] });
    expect(exclusions(person(), v, ctx())[0]).toEqual({ rule: 'language', params: { languages: 'en B2' } });
    expect(exclusions(person({ languages: [{ code: 'en', level: 'B1' }] }), v, ctx())[0]?.rule).toBe('language');
    expect(exclusions(person({ languages: [{ code: 'en', level: 'C1' }] }), v, ctx())).toEqual([]);
  });
  it('unrelated: no occupational relation and no skill asked held; any relation or one skill lets the person in', () => {
    const nurse = person({ desiredCodes: ['2221'] });
    const v = vacancy({ requiredSkillIds: ['knife'], preferredSkillIds: ['menu'] });
    expect(exclusions(nurse, v, ctx())).toEqual([{ rule: 'unrelated', params: {} }]);
    expect(unrelated(nurse, v, ctx())).toBe(true);
    // One required or one preferred skill held is a relation.
    expect(exclusions(person({ desiredCodes: ['2221'], skillIds: ['knife'] }), v, ctx())).toEqual([]);
    expect(exclusions(person({ desiredCodes: ['2221'], skillIds: ['menu'] }), v, ctx())).toEqual([]);
    // The same minor group, or work history in the unit group, is one.
    expect(exclusions(person({ desiredCodes: ['5129'] }), v, ctx())).toEqual([]);
    const worked = person({
      desiredCodes: [],
      work: [{ iscoCode: '5120', startDate: null, endDate: null, registered: false }],
    });
    expect(exclusions(worked, v, ctx())).toEqual([]);
    // Related through shared essential skills is one.
    const skills = new Map([
      ['5120', new Set(['a', 'b', 'c'])],
      ['2221', new Set(['a', 'b', 'd'])],
    ]);
    expect(exclusions(nurse, v, ctx({ essentialSkills: skills }))).toEqual([]);
    // A person with no occupation at all and no skill asked is unrelated too.
    expect(unrelated(person({ desiredCodes: [] }), v, ctx())).toBe(true);
    // A vacancy without an ISCO code relates to everyone.
    expect(exclusions(nurse, vacancy({ iscoCode: null }), ctx())).toEqual([]);
    // Only excluded together with the other reasons, never instead of them.
    expect(exclusions(person({ desiredCodes: ['2221'], consent: false }), v, ctx()).map((e) => e.rule)).toEqual([
      'no-consent',
      'unrelated',
    ]);
  });
});

describe('score factors', () => {
  it('occupation: same unit group, same minor group, related through shared skills, none', () => {
    expect(occupationFactor(person(), vacancy(), ctx()).value).toBe(1);
    expect(occupationFactor(person({ desiredCodes: ['5129'] }), vacancy(), ctx()).value).toBe(0.6);
    const skills = new Map([
      ['5120', new Set(['a', 'b', 'c'])],
      ['9412', new Set(['a', 'b', 'd'])],
    ]);
    const related = occupationFactor(person({ desiredCodes: ['9412'] }), vacancy(), ctx({ essentialSkills: skills }));
    expect(related.value).toBe(0.3);
    expect(related.code).toBe('matching.factor.occupation.related');
    expect(occupationFactor(person({ desiredCodes: ['2111'] }), vacancy(), ctx()).value).toBe(0);
    // Work history counts like a desired occupation.
    expect(
      occupationFactor(
        person({ desiredCodes: [], work: [{ iscoCode: '5120', startDate: null, endDate: null, registered: true }] }),
        vacancy(),
        ctx(),
      ).value,
    ).toBe(1);
  });
  it('required skills: the share held; preferred skills likewise', () => {
    const v = vacancy({ requiredSkillIds: ['a', 'b', 'c', 'd'], preferredSkillIds: ['x', 'y'] });
    const p = person({ skillIds: ['a', 'b', 'c', 'x'] });
    const r = requiredSkillsFactor(p, v);
    expect(r.value).toBe(0.75);
    expect(r.points).toBe(16.5); // 22 × 0.75
    expect(r.params).toEqual({ have: 3, total: 4 });
    expect(preferredSkillsFactor(p, v).value).toBe(0.5);
    expect(requiredSkillsFactor(p, vacancy()).value).toBe(1);
  });
  it('education: meets, one level below, further below, unknown', () => {
    expect(educationFactor(person({ iscedLevel: 4 }), vacancy({ iscedLevel: 3 })).value).toBe(1);
    expect(educationFactor(person({ iscedLevel: 2 }), vacancy({ iscedLevel: 3 })).value).toBe(0.5);
    expect(educationFactor(person({ iscedLevel: 1 }), vacancy({ iscedLevel: 3 })).value).toBe(0);
    expect(educationFactor(person({ iscedLevel: null }), vacancy({ iscedLevel: 3 })).value).toBe(0.5);
  });
  it('experience: registered work counts fully, unregistered half, the same minor group half', () => {
    const w = (iscoCode: string, registered: boolean) => ({
      iscoCode,
      startDate: '2024-12-01',
      endDate: null,
      registered,
    });
    expect(monthsBetween('2024-12-01', today)).toBe(24);
    expect(experienceFactor(person({ work: [w('5120', true)] }), vacancy(), today).value).toBe(1);
    expect(experienceFactor(person({ work: [w('5120', false)] }), vacancy(), today).value).toBe(0.5);
    expect(experienceFactor(person({ work: [w('5129', true)] }), vacancy(), today).value).toBe(0.5);
    expect(experienceFactor(person({ work: [w('2111', true)] }), vacancy(), today).value).toBe(0);
  });
  it('languages: at the level asked, below it, missing', () => {
    const v = vacancy({
      languages: [
        { code: 'tr', level: 'B1' },
        { code: 'en', level: 'B2' },
      ],
    });
    expect(languagesFactor(person(), v).value).toBe(0.5);
    expect(languagesFactor(person({ languages: [{ code: 'tr', level: 'A2' }] }), v).value).toBe(0.25);
    expect(
      languagesFactor(
        person({
          languages: [
            { code: 'tr', level: 'C1' },
            { code: 'en', level: 'C1' },
          ],
        }),
        v,
      ).value,
    ).toBe(1);
  });
  it('childcare and accessibility fit; the accessibility need is special and hidden without the permission', () => {
    const constraints = {
      hoursPerWeek: null,
      shifts: [],
      districts: [],
      maxCommuteMinutes: null,
      childcareNeed: true,
      earliestStart: null,
    };
    expect(careFactor(person({ constraints }), vacancy({ childcareSupport: true })).value).toBe(1);
    expect(careFactor(person({ constraints }), vacancy()).value).toBe(0.4);
    const acc = careFactor(person({ accessibilityNeed: true }), vacancy({ accessibleWorkplace: true }));
    expect(acc.special).toBe(true);
    const r = scoreMatch(person({ accessibilityNeed: true }), vacancy({ accessibleWorkplace: true }), ctx());
    const hidden = explanationParts(r, false).map((p) => p.code);
    expect(hidden).toContain('matching.factor.care.suits');
    expect(hidden).not.toContain('matching.factor.care.accessible');
    expect(explanationParts(r, true).map((p) => p.code)).toContain('matching.factor.care.accessible');
  });
  it('commute: up to 30 minutes counts fully, nothing from 120; remote full; unknown half; another province none', () => {
    const c = ctx({ commute: matrix });
    const near = commuteFactor(person(), vacancy(), c);
    expect(near).toMatchObject({ value: 1, code: 'matching.factor.commute.minutes', params: { minutes: 30 } });
    const far = commuteFactor(person(), vacancy({ district: 'Esenyurt' }), c);
    expect(far.value).toBeCloseTo(1 - (110 - 30) / 90, 3);
    expect(far.points).toBe(0.8); // 7 × 0.111
    expect(commuteFactor(person(), vacancy({ remote: true }), c).code).toBe('matching.factor.commute.remote');
    expect(commuteFactor(person(), vacancy({ district: 'Yenimahalle' }), c).value).toBe(0.5);
    expect(commuteFactor(person({ home: null }), vacancy(), c).code).toBe('matching.factor.commute.unknown');
    expect(commuteFactor(person(), vacancy({ province: 'İzmir', district: 'Konak' }), c).value).toBe(0);
  });
  it('start: ready by the start date counts fully; a later start less, nothing 60 days after', () => {
    const ready = { ...startConstraints, earliestStart: '2027-01-04' };
    expect(startFactor(person({ constraints: ready }), vacancy(), today).code).toBe('matching.factor.start.ready');
    const later = startFactor(person({ constraints: { ...ready, earliestStart: '2027-02-03' } }), vacancy(), today);
    expect(later).toMatchObject({
      value: 0.5,
      code: 'matching.factor.start.later',
      params: { date: { kind: 'date', value: '2027-02-03' }, days: 30 },
    });
    expect(
      startFactor(person({ constraints: { ...ready, earliestStart: '2027-06-01' } }), vacancy(), today).value,
    ).toBe(0);
    // A vacancy whose start has passed starts today.
    expect(startFactor(person({ constraints: ready }), vacancy({ startDate: '2026-11-01' }), '2027-01-04').value).toBe(
      1,
    );
  });
  it('the score is the sum of the points, at most 100', () => {
    const r = scoreMatch(person(), vacancy(), ctx());
    expect(r.score).toBe(Math.round(r.factors.reduce((a, f) => a + f.points, 0) * 10) / 10);
    expect(Object.values(FACTOR_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(r.score).toBeLessThanOrEqual(100);
  });
  it('rotation keys are stable for a day and change with the day', () => {
    expect(rotationKey('p1', today)).toBe(rotationKey('p1', today));
    expect(rotationKey('p1', today)).not.toBe(rotationKey('p1', '2026-12-04'));
  });
});
