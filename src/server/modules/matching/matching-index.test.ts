import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../../common/decent-work.ts';
import {
  exclusions,
  fold,
  scoreMatch,
  type CommuteMinutes,
  type ExclusionRule,
  type MatchContext,
  type MatchPerson,
  type MatchVacancy,
} from '../../../common/matching.ts';
import type { MatchingIndexRow } from '../people/index.ts';
import { best, MatchingIndex, type ScanResult } from './matching-index.ts';

/**
 * The index's score must EQUAL scoreMatch's for every person without an accessibility need (and bound it for
 * the others), and its hard constraints must be exclusions()'s: that is what makes the top K of the scan hold
 * the exact top 50 (recall@50, docs/MATCHING.md "The matching index").
 */

/** A seeded generator, so that a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const CODES = ['5120', '5129', '5131', '9412', '9112', '7522', '2221', '8322', '512'];
const SKILLS = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
const DISTRICTS = ['Fatih', 'Kadıköy', 'Üsküdar', 'ESENYURT', 'Silivri'];
const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
const SHIFTS = ['day', 'evening', 'night', 'weekend'] as const;
const DATES = ['2018-03-15', '2020-01-31', '2024-07-01', '2026-11-30', '2026-12-03', '2027-01-20', '2027-03-01'];
const MINUTES: Record<string, number> = { 'fatih>fatih': 20, 'kadikoy>fatih': 50, 'silivri>fatih': 145 };
// As the server's matrix: names compared folded (the index asks once per home place, in its first spelling).
const matrix: CommuteMinutes = (from, to) =>
  fold(from.province) === fold(to.province)
    ? (MINUTES[`${fold(from.district)}>${fold(to.district)}`] ??
      (fold(from.district) === fold(to.district) ? 20 : null))
    : null;
const essentialSkills = new Map([
  ['5120', new Set(['a', 'b', 'c'])],
  ['9412', new Set(['a', 'b', 'd'])],
  ['7522', new Set(['x', 'y'])],
  ['2221', new Set(['n'])],
]);
const today = '2026-12-03';

function generate(seed: number) {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const some = <T>(list: readonly T[], max: number): T[] =>
    Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(list));
  const maybe = <T>(value: T, p = 0.5): T | null => (r() < p ? value : null);
  const person = (i: number): MatchPerson & { officeId: string } => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    officeId: pick(['o1', 'o2']),
    desiredCodes: some(CODES, 2),
    work: some([0], 3).map(() => {
      const start = maybe(pick(DATES), 0.8);
      return {
        iscoCode: maybe(pick(CODES), 0.85),
        startDate: start,
        endDate: maybe(pick(DATES)),
        registered: r() < 0.5,
      };
    }),
    skillIds: some(SKILLS, 5),
    licences: some(['B', 'C', 'D'], 2).map((code) => ({ code, expiresOn: maybe(pick(DATES)) })),
    certificates: some(['src-2', 'hijyen'], 1).map((code) => ({ code, expiresOn: maybe(pick(DATES)) })),
    iscedLevel: maybe(Math.floor(r() * 8), 0.8),
    languages: some(['tr', 'en', 'ar'], 2).map((code) => ({ code, level: pick(LEVELS) })),
    home: { province: pick(['İstanbul', 'istanbul', 'İzmir']), district: pick(DISTRICTS) },
    constraints:
      r() < 0.4
        ? null
        : {
            hoursPerWeek: maybe(pick([20, 30, 37.5, 45]), 0.5),
            shifts: some(SHIFTS, 3),
            districts: some(DISTRICTS, 2).map((d) => (r() < 0.5 ? d.toUpperCase() : d)),
            maxCommuteMinutes: maybe(pick([0, 30, 60, 150]), 0.5),
            childcareNeed: r() < 0.3,
            earliestStart: maybe(pick(DATES), 0.4),
          },
    accessibilityNeed: r() < 0.15,
    consent: r() < 0.9,
    openReferrals: 0,
    decentWork: { birthDate: '1990-01-01', inSchool: false, rightToWork: { status: 'citizen' } },
    permits: [],
  });
  const vacancy = (): MatchVacancy => {
    const startDate = pick(DATES);
    return {
      id: 'v',
      employerId: 'e',
      iscoCode: maybe(pick(CODES.slice(0, 8)), 0.85),
      requiredSkillIds: some(SKILLS, 3),
      preferredSkillIds: some([...SKILLS, 'zz'], 2),
      requiredLicences: some(['B', 'D', 'E'], 1),
      requiredCertificates: some(['src-2', 'hijyen'], 1),
      iscedLevel: maybe(Math.floor(r() * 8), 0.7),
      languages: some(['tr', 'en', 'de'], 2).map((code) => ({ code, level: pick(LEVELS.slice(0, 6)) })),
      shifts: some(SHIFTS, 2),
      hoursPerWeek: pick([20, 30, 37.5, 45]),
      province: maybe(pick(['İstanbul', 'İzmir']), 0.9),
      district: maybe(pick(DISTRICTS), 0.9),
      remote: r() < 0.1,
      startDate,
      childcareSupport: r() < 0.5,
      accessibleWorkplace: r() < 0.5,
      terms: {
        startDate,
        hoursPerDay: 8,
        hoursPerWeek: 40,
        shifts: ['day'],
        hazardClass: 'low',
        wageMin: 40000,
        wageBasis: 'net',
        province: 'İstanbul',
        minimumAge: 18,
        employer: { status: 'verified' },
      },
    };
  };
  return { person, vacancy };
}

const rowOf = (p: MatchPerson & { officeId: string }): MatchingIndexRow => ({
  id: p.id,
  xid: '1',
  officeId: p.officeId,
  live: true,
  consent: p.consent,
  desiredCodes: [...p.desiredCodes],
  work: [...p.work],
  skillIds: [...p.skillIds],
  iscedLevel: p.iscedLevel,
  languages: p.languages as MatchingIndexRow['languages'],
  licences: [...p.licences],
  certificates: [...p.certificates],
  province: p.home!.province,
  district: p.home!.district,
  constraints: p.constraints as MatchingIndexRow['constraints'],
});

const CHECKED = new Set<ExclusionRule>([
  'no-consent',
  'licence',
  'certificate',
  'hours',
  'shifts',
  'district',
  'commute',
  'language',
  'unrelated',
]);

describe('the matching index', () => {
  it('scores every pair exactly as scoreMatch (upper bound with an accessibility need), with the same checked exclusions', () => {
    const { person, vacancy } = generate(20261205);
    const people = Array.from({ length: 1000 }, (_, i) => person(i));
    const index = new MatchingIndex();
    for (const p of people) index.upsert(rowOf(p));
    expect(index.persons).toBe(people.length);
    let compared = 0;
    let bounded = 0;
    for (let k = 0; k < 50; k++) {
      const v = vacancy();
      const ctx: MatchContext = {
        rules: { minimumWages: [], limits: DEFAULT_LIMITS, today },
        commute: matrix,
        maxOpenReferrals: 3,
        essentialSkills,
        referred: new Set(),
      };
      const options = { officeId: null, today, commute: matrix, essentialSkills };
      const failures: string[] = [];
      const ruled = new Map(people.map((p) => [p.id, new Set(exclusions(p, v, ctx).map((e) => e.rule))]));
      for (const p of people) {
        const verdict = index.verdict(p.id, v, options)!;
        const rules = [...ruled.get(p.id)!].filter((r) => CHECKED.has(r));
        const want = [...new Set(rules)].sort().join(',');
        if ([...verdict.rules].sort().join(',') !== want)
          failures.push(`${p.id} rules ${verdict.rules.join(',')} ≠ ${want}`);
        const exact = scoreMatch(p, v, ctx).score;
        // The index cannot know an accessibility need (special category): the care factor is then taken at its
        // best, for a person with that need and for one needing childcare at an accessible workplace without it.
        const unknowable =
          p.accessibilityNeed || (!!p.constraints?.childcareNeed && v.accessibleWorkplace && !v.childcareSupport);
        if (unknowable) {
          if (!(verdict.score >= exact)) failures.push(`${p.id} bound ${verdict.score} < ${exact}`);
          bounded++;
        } else {
          if (verdict.score !== exact) failures.push(`${p.id} score ${verdict.score} ≠ ${exact}`);
          compared++;
        }
      }
      expect(failures, JSON.stringify(v)).toEqual([]);
      // The scan keeps exactly the persons with no checked exclusion, with the same scores.
      const scan = index.scan(v, options);
      const kept = new Set(Array.from(scan.slots.subarray(0, scan.count), (s) => index.idOf(s)));
      const eligible = people.filter((p) => [...ruled.get(p.id)!].every((r) => !CHECKED.has(r)));
      expect([...kept].sort()).toEqual(eligible.map((p) => p.id).sort());
      // …and counts the related persons with consent that a checked rule excluded, per rule.
      const counts: Record<string, number> = {};
      for (const p of people) {
        const rules = ruled.get(p.id)!;
        if (!p.consent || rules.has('unrelated')) continue;
        for (const r of rules) if (CHECKED.has(r)) counts[r] = (counts[r] ?? 0) + 1;
      }
      expect(scan.excluded).toEqual(counts);
    }
    expect(compared).toBeGreaterThan(35_000);
    expect(bounded).toBeGreaterThan(3_000);
  }, 60_000); // 50 vacancies × 1,000 persons through scoreMatch and exclusions: seconds on a busy machine

  it('replaces a changed person, drops one merged away, scopes the scan to an office', () => {
    const { person, vacancy } = generate(7);
    const index = new MatchingIndex();
    const a = { ...person(1), officeId: 'o1', consent: true, constraints: null, languages: [] };
    const b = { ...person(2), officeId: 'o2', consent: true, constraints: null, languages: [] };
    const v = {
      ...vacancy(),
      iscoCode: null,
      languages: [],
      requiredLicences: [],
      requiredCertificates: [],
    };
    index.upsert(rowOf(a));
    index.upsert(rowOf(b));
    const options = { officeId: null, today, commute: matrix, essentialSkills };
    const ids = (officeId: string | null) => {
      const scan = index.scan(v, { ...options, officeId });
      return Array.from(scan.slots.subarray(0, scan.count), (s) => index.idOf(s)).sort();
    };
    expect(ids(null)).toEqual([a.id, b.id]);
    expect(ids('o1')).toEqual([a.id]);
    expect(ids('o3')).toEqual([]);
    index.upsert({ ...rowOf(a), consent: false });
    expect(ids(null)).toEqual([b.id]);
    index.upsert({ ...rowOf(b), live: false });
    expect(ids(null)).toEqual([]);
    expect(index.persons).toBe(1);
    index.upsert({ ...rowOf(b), live: false });
    expect(index.persons).toBe(1);
    index.upsert(rowOf(b));
    expect(ids(null)).toEqual([b.id]);
    expect(index.verdict(b.id, v, options)?.rules).toEqual([]);
  });
});

describe('the scan without reading work history, and the best of it', () => {
  /**
   * The reference: every candidate of the scan with the index score itself (verdict(), which reads the whole
   * record), ordered as the exact stage orders (score, the day's rotation key, slot).
   */
  const reference = (
    index: MatchingIndex,
    scan: ScanResult,
    v: MatchVacancy,
    options: Parameters<MatchingIndex['scan']>[1],
  ) => {
    const rotation = index.rotationKeys(today);
    const all = Array.from(scan.slots.subarray(0, scan.count), (slot) => ({
      slot,
      score: index.verdict(index.idOf(slot), v, options)!.score,
    }));
    return all
      .sort((a, b) => b.score - a.score || rotation[a.slot]! - rotation[b.slot]! || a.slot - b.slot)
      .map((c) => `${index.idOf(c.slot)}=${c.score}`);
  };

  it('answers the same page, ties and rotation included, with the same counts, for any number asked', () => {
    const { person, vacancy } = generate(20261206);
    // Many equal scores (few distinct facts) so that the rotation decides among ties; some without constraints,
    // work history, languages, so that the scan takes the columns-only path for them.
    const people = Array.from({ length: 1500 }, (_, i) => {
      const p = person(i);
      return i % 3 === 0 ? { ...p, work: [], languages: [], constraints: null, consent: true } : p;
    });
    const index = new MatchingIndex();
    for (const p of people) index.upsert(rowOf(p));
    const rotation = index.rotationKeys(today);
    let unsettled = 0;
    let ties = 0;
    const released = new Set<ArrayBufferLike>();
    for (let k = 0; k < 60; k++) {
      const generated = vacancy();
      // Half the vacancies ask no language, licence or certificate: the path that leaves work history unread.
      const v = k % 2 ? generated : { ...generated, languages: [], requiredLicences: [], requiredCertificates: [] };
      const options = { officeId: k % 5 === 0 ? 'o1' : null, today, commute: matrix, essentialSkills };
      const scan = index.scan(v, options);
      unsettled += Array.from(scan.settled.subarray(0, scan.count)).filter((x) => !x).length;
      // Every bound is at least the score.
      for (let c = 0; c < scan.count; c++)
        expect(scan.scores[c]).toBeGreaterThanOrEqual(index.verdict(index.idOf(scan.slots[c]!), v, options)!.score);
      const want = reference(index, scan, v, options);
      for (const m of [1, 5, 50, 101, scan.count]) {
        const got = Array.from(best(scan, rotation, m), (c) => `${index.idOf(scan.slots[c]!)}=${scan.scores[c]}`);
        expect(got).toEqual(want.slice(0, m));
        if (m === 50 && want.length > 50 && want[49]!.split('=')[1] === want[50]!.split('=')[1]) ties++;
      }
      // The same candidates and counts as the rules say (the whole-record path's verdicts).
      const kept = new Set(want.map((w) => w.split('=')[0]));
      const counts: Record<string, number> = {};
      for (const p of people) {
        if (options.officeId && p.officeId !== options.officeId) continue;
        const verdict = index.verdict(p.id, v, options)!;
        if (verdict.rules.includes('no-consent') || verdict.rules.includes('unrelated')) continue;
        if (verdict.rules.length === 0) expect(kept.has(p.id)).toBe(true);
        for (const r of verdict.rules) counts[r] = (counts[r] ?? 0) + 1;
      }
      expect(kept.size).toBe(scan.count);
      expect(scan.excluded).toEqual(counts);
      // minBound keeps exactly those whose score reaches it.
      const bound = Number(want[Math.floor(want.length / 2)]?.split('=')[1] ?? 0);
      const above = index.scan(v, { ...options, minBound: bound });
      const keptAbove = Array.from(above.slots.subarray(0, above.count), (slot) => index.idOf(slot)).sort();
      expect(keptAbove).toEqual(
        want
          .filter((w) => Number(w.split('=')[1]) >= bound)
          .map((w) => w.split('=')[0])
          .sort(),
      );
      // A released scan's buffers serve the next scan, which answers as a scan on new buffers did.
      index.release(above);
      released.add(above.slots.buffer);
      const reused = index.scan(v, options);
      // (An uncoded vacancy's scan may outgrow the buffers it took.)
      if (v.iscoCode) expect(released.has(reused.slots.buffer)).toBe(true);
      expect(reused.count).toBe(scan.count);
      expect(reused.slots.subarray(0, reused.count)).toEqual(scan.slots.subarray(0, scan.count));
      // (best settles what it needs in place: the page's scores are the exact ones in both.)
      expect(Array.from(best(reused, rotation, 50), (c) => `${reused.slots[c]}=${reused.scores[c]}`)).toEqual(
        Array.from(best(scan, rotation, 50), (c) => `${scan.slots[c]}=${scan.scores[c]}`),
      );
      index.release(reused);
      index.release(scan);
      released.add(reused.slots.buffer).add(scan.slots.buffer);
    }
    expect(unsettled).toBeGreaterThan(1000);
    expect(ties).toBeGreaterThan(3);
  }, 60_000);
});

describe('compaction of the matching index', () => {
  const options = { officeId: null, today, commute: matrix, essentialSkills };
  /** What a scan answers, by person: candidates with their scores, and the counts per rule. */
  const answer = (index: MatchingIndex, v: MatchVacancy) => {
    const scan = index.scan(v, options);
    const got = Array.from(scan.slots.subarray(0, scan.count), (s, k) => `${index.idOf(s)}=${scan.scores[k]}`);
    return { candidates: got.sort(), excluded: scan.excluded };
  };

  it('reclaims dead slots off the request path: the copy answers as the index, changes made during it included', () => {
    const { person, vacancy } = generate(11);
    const people = Array.from({ length: 3000 }, (_, i) => person(i));
    const index = new MatchingIndex();
    for (const p of people) index.upsert(rowOf(p));
    index.rotationKeys(today);
    expect(index.needsCompaction).toBe(false);
    // Every other person changed: 1,500 dead slots, a third of them.
    const changed = people.map((p, i) => (i % 2 ? { ...p, skillIds: [...p.skillIds, 's8'] } : p));
    for (let i = 1; i < changed.length; i += 2) index.upsert(rowOf(changed[i]!));
    expect(index.dead).toBe(1500);
    expect(index.needsCompaction).toBe(true);

    const steps = index.compaction(1000);
    expect(steps.next().done).toBe(false); // the first 1,000 slots copied
    // Meanwhile the catch-up goes on against the index: a copied person changes, one leaves, one arrives.
    const moved = { ...changed[2]!, languages: [] as MatchPerson['languages'], skillIds: ['s1', 's2'] };
    index.upsert(rowOf(moved));
    index.upsert({ ...rowOf(changed[4]!), live: false });
    const arrived = { ...person(5000), consent: true };
    index.upsert(rowOf(arrived));
    let step = steps.next();
    while (!step.done) step = steps.next();
    const copy = step.value;

    expect(copy.persons).toBe(index.persons);
    expect(copy.persons).toBe(3000);
    expect(copy.size).toBeLessThan(3010); // the 1,500 dead slots are gone (the two that died meanwhile stay dead)
    expect(index.size).toBe(4502); // the old index is left as it was
    expect(copy.bytes).toBeLessThan(index.bytes);
    expect(copy.rotationKeys(today)).toBeDefined();
    for (let k = 0; k < 10; k++) {
      const v = vacancy();
      expect(answer(copy, v)).toEqual(answer(index, v));
      for (const p of [changed[1]!, moved, arrived, changed[7]!])
        expect(copy.verdict(p.id, v, options)).toEqual(index.verdict(p.id, v, options));
      expect(copy.verdict(changed[4]!.id, v, options)).toBeNull();
    }
    // The copy takes further changes as the index did.
    copy.upsert(rowOf({ ...moved, consent: false }));
    expect(copy.verdict(moved.id, vacancy(), options)?.rules).toContain('no-consent');
    expect(copy.persons).toBe(3000);
  });
});
