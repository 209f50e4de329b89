import { describe, expect, it } from 'vitest';
import type { MatchVacancyRow, VacancyIndexRow } from '../vacancies/index.ts';
import { VacancyIndex } from './vacancy-index.ts';

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
  } as unknown as MatchVacancyRow,
  published: true,
  deadline: null,
  xid: '1',
  ...extra,
});

const ids = (rows: MatchVacancyRow[]) => rows.map((r) => r.id).sort();

describe('vacancy index', () => {
  const index = new VacancyIndex();
  index.upsert(row('cleaner', '9112'));
  index.upsert(row('other-cleaning', '9111'));
  index.upsert(row('cook', '5120', { required: ['s-cook'], preferred: ['s-clean'] }));
  index.upsert(row('uncoded', null));
  index.upsert(row('expired', '9112', {}, { deadline: '2026-12-01' }));
  index.upsert(row('draft', '9112', {}, { published: false }));

  it('finds the vacancies under a group at any level, asking for a skill held, or uncoded; each once', () => {
    expect(ids(index.related(['911'], [], '2026-12-03'))).toEqual(['cleaner', 'other-cleaning', 'uncoded']);
    expect(ids(index.related(['9112'], ['s-clean', 's-cook'], '2026-12-03'))).toEqual(['cleaner', 'cook', 'uncoded']);
    // The deadline is the last day: still open on it.
    expect(ids(index.related(['9112'], [], '2026-12-01'))).toEqual(['cleaner', 'expired', 'uncoded']);
    // Neither groups nor skills: every open vacancy.
    expect(ids(index.related([], [], '2026-12-03'))).toEqual(['cleaner', 'cook', 'other-cleaning', 'uncoded']);
  });

  it('follows a change: a new code or skill moves the vacancy, one no longer published leaves', () => {
    index.upsert(row('cook', '9112', { required: ['s-other'] }));
    expect(ids(index.related(['512'], ['s-cook'], '2026-12-03'))).toEqual(['uncoded']);
    expect(ids(index.related(['9112'], [], '2026-12-03'))).toContain('cook');
    index.upsert(row('cleaner', '9112', {}, { published: false }));
    expect(ids(index.related(['9112'], [], '2026-12-03'))).toEqual(['cook', 'uncoded']);
    expect(index.size).toBe(4);
  });
});
