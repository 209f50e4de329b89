import { describe, expect, it } from 'vitest';
import { checkVacancy, DEFAULT_LIMITS, type RuleContext } from '../../../common/decent-work.ts';
import type { MatchVacancyRow, VacancyIndexRow } from '../vacancies/index.ts';
import { seekerFactsOf } from './seeker-ranking.ts';
import { VacancyIndex } from './vacancy-index.ts';

const terms = (wageMin: number) => ({
  startDate: '2027-01-04',
  hoursPerDay: 9,
  hoursPerWeek: 45,
  shifts: ['day'],
  hazardClass: 'low',
  wageMin,
  wageBasis: 'net',
  province: 'İstanbul',
  minimumAge: 18,
  employer: { status: 'verified' },
});

const row = (
  id: string,
  iscoCode: string | null,
  skills: { required?: string[]; preferred?: string[] } = {},
  extra: Partial<VacancyIndexRow> = {},
): VacancyIndexRow => ({
  row: {
    id,
    iscoCode,
    requiredSkillIds: skills.required ?? [],
    preferredSkillIds: skills.preferred ?? [],
    requiredLicences: [],
    requiredCertificates: [],
    languages: [],
    terms: terms(40000),
  } as unknown as MatchVacancyRow,
  published: true,
  deadline: null,
  xid: '1',
  ...extra,
});

const rules: RuleContext = {
  minimumWages: [{ effectiveFrom: '2026-01-01', grossMonthly: 33030, netMonthly: 28075.5 }],
  limits: DEFAULT_LIMITS,
  today: '2026-12-03',
};

/** The ids of the vacancies the index relates to a person's groups and skills on `today`. */
const related = (index: VacancyIndex, groups: string[], skills: string[], today: string) =>
  index
    .forSeeker(groups, skills, { ...rules, today }, [])
    .rows.map((r) => r.id)
    .sort();

describe('vacancy index', () => {
  const index = new VacancyIndex();
  index.upsert(row('cleaner', '9112'));
  index.upsert(row('other-cleaning', '9111'));
  index.upsert(row('cook', '5120', { required: ['s-cook'], preferred: ['s-clean'] }));
  index.upsert(row('uncoded', null));
  index.upsert(row('expired', '9112', {}, { deadline: '2026-12-01' }));
  index.upsert(row('draft', '9112', {}, { published: false }));

  it('finds the vacancies under a group at any level, asking for a skill held, or uncoded; each once', () => {
    expect(related(index, ['911'], [], '2026-12-03')).toEqual(['cleaner', 'other-cleaning', 'uncoded']);
    expect(related(index, ['9112'], ['s-clean', 's-cook'], '2026-12-03')).toEqual(['cleaner', 'cook', 'uncoded']);
    // The deadline is the last day: still open on it.
    expect(related(index, ['9112'], [], '2026-12-01')).toEqual(['cleaner', 'expired', 'uncoded']);
    // Neither groups nor skills: every open vacancy.
    expect(related(index, [], [], '2026-12-03')).toEqual(['cleaner', 'cook', 'other-cleaning', 'uncoded']);
  });

  it('follows a change: a new code or skill moves the vacancy, one no longer published leaves', () => {
    index.upsert(row('cook', '9112', { required: ['s-other'] }));
    expect(related(index, ['512'], ['s-cook'], '2026-12-03')).toEqual(['uncoded']);
    expect(related(index, ['9112'], [], '2026-12-03')).toContain('cook');
    index.upsert(row('cleaner', '9112', {}, { published: false }));
    expect(related(index, ['9112'], [], '2026-12-03')).toEqual(['cook', 'uncoded']);
    expect(index.size).toBe(4);
  });

  it("keeps a vacancy's own decent-work violations until it or the rules change", () => {
    const checked = new VacancyIndex();
    const withTerms = (wage: number) => {
      const r = row('low-wage', '9112');
      (r.row as unknown as { terms: unknown }).terms = terms(wage);
      return r;
    };
    checked.upsert(withTerms(1000));
    const seen = (r: RuleContext) => checked.forSeeker(['9112'], [], r, []);
    const {
      rows: [v],
      checks: [first],
    } = seen(rules);
    expect(first!.map((x) => x.rule)).toEqual(checkVacancy(v!.terms, rules).map((x) => x.rule));
    expect(first!.length).toBeGreaterThan(0);
    // Kept: the same answer without checking again.
    expect(seen(rules).checks[0]).toBe(first);
    // The vacancy changes (a decent wage): checked again.
    checked.upsert(withTerms(40000));
    const {
      rows: [w],
      checks: [decent],
    } = seen(rules);
    expect(decent).toEqual([]);
    // The minimum wage rises above it: checked again under the new rules.
    const raised = {
      ...rules,
      minimumWages: [{ effectiveFrom: '2026-01-01', grossMonthly: 60000, netMonthly: 50000 }],
    };
    expect(seen(raised).checks[0]!.map((x) => x.rule)).toEqual(checkVacancy(w!.terms, raised).map((x) => x.rule));
    expect(seen(raised).checks[0]!.length).toBeGreaterThan(0);
  });

  it("counts the person's held skills per vacancy as its own lists do, through changes and repeated skills", () => {
    const counting = new VacancyIndex();
    const rows = [
      row('a', '9112', { required: ['s1', 's2', 's3'], preferred: ['s4'] }),
      row('b', '9112', { required: ['s2'], preferred: ['s1', 's5'] }),
      row('c', '9112'),
      // Both required and preferred, and a list repeating a skill (stored before lists were deduplicated).
      row('d', '9112', { required: ['s1', 's1', 's6'], preferred: ['s1'] }),
      row('e', '9111', { required: ['s1'] }),
    ];
    for (const r of rows) counting.upsert(r);
    // A change and a removal: the lists follow, and a reused slot is counted afresh.
    counting.upsert(row('b', '9112', { required: ['s5'], preferred: ['s2', 's4'] }));
    counting.upsert(row('e', '9111', {}, { published: false }));
    counting.upsert(row('f', '9112', { required: ['s3', 's4'] }));
    for (const held of [[], ['s1'], ['s1', 's2', 's4'], ['s2', 's2', 's5', 's6'], ['s9']]) {
      const heldSet = new Set(held);
      const expected = (v: MatchVacancyRow) => [
        v.requiredSkillIds.filter((s) => heldSet.has(s)).length,
        v.requiredSkillIds.length,
        v.preferredSkillIds.filter((s) => heldSet.has(s)).length,
        v.preferredSkillIds.length,
      ];
      const { rows: found, skillCounts } = counting.forSeeker(['9112'], [], rules, held);
      expect(found.map((v) => v.id).sort()).toEqual(['a', 'b', 'c', 'd', 'f']);
      found.forEach((v, i) => expect([...skillCounts.subarray(4 * i, 4 * i + 4)], v.id).toEqual(expected(v)));
    }
  });

  it('drops the names no vacancy uses any more once they are most of its table, and keeps the facts right', () => {
    const churned = new VacancyIndex();
    churned.upsert(row('steady', '9112', { required: ['s-steady'] }));
    // One vacancy changed 6,000 times, each time asking for a skill no other asks: 6,000 names used once.
    for (let i = 0; i < 6000; i++) {
      churned.upsert(row('changing', '9112', { required: [`s-${i}`], preferred: ['s-steady'] }));
      churned.forSeeker(['9112'], [], rules, []);
    }
    const { rows, names, facts } = churned.forSeeker(['9112'], [], rules, []);
    expect(rows.map((r) => r.id).sort()).toEqual(['changing', 'steady']);
    // Without the compaction 6,000 skills and more; with it, those named since the last look.
    expect(names.total).toBeLessThan(3000);
    // The kept facts name the same things in the compacted table as facts made afresh from the rows.
    rows.forEach((r, i) => expect(facts[i]).toEqual(seekerFactsOf(r, names)));
    expect(facts[rows.findIndex((r) => r.id === 'changing')]!.requiredSkills).toEqual(
      Int32Array.of(names.id('skill', 's-5999')),
    );
  });
});
