import { describe, expect, it } from 'vitest';
import {
  ageBand,
  countCells,
  MAX_GROUP_LIFT,
  MAX_TOTAL_LIFT,
  normaliseLifts,
  priorityLift,
  representationRatio,
  visibleLiftGroups,
} from './matching-priority.ts';

describe('priority lift', () => {
  it('adds the lift of each target group of the person', () => {
    expect(priorityLift({ groups: ['woman-care'], priorityConsent: false }, { 'woman-care': 5 })).toEqual({
      points: 5,
      groups: ['woman-care'],
    });
    expect(
      priorityLift(
        { groups: ['woman-care', 'social-aid'], priorityConsent: false },
        { 'woman-care': 4, 'social-aid': 3 },
      ),
    ).toEqual({ points: 7, groups: ['woman-care', 'social-aid'] });
  });

  it('lifts nobody outside the policy’s groups, and ignores zero lifts', () => {
    expect(priorityLift({ groups: ['neet'], priorityConsent: true }, { 'woman-care': 5, neet: 0 })).toEqual({
      points: 0,
      groups: [],
    });
    expect(priorityLift({ groups: [], priorityConsent: true }, { 'woman-care': 5 }).points).toBe(0);
  });

  it('caps several groups at MAX_TOTAL_LIFT and each group at MAX_GROUP_LIFT', () => {
    const lifts = { 'woman-care': 10, 'social-aid': 10, neet: 10 };
    expect(priorityLift({ groups: ['woman-care', 'social-aid', 'neet'], priorityConsent: false }, lifts).points).toBe(
      MAX_TOTAL_LIFT,
    );
    expect(priorityLift({ groups: ['neet'], priorityConsent: false }, { neet: 40 }).points).toBe(MAX_GROUP_LIFT);
  });

  it('lifts for Roma identity or disability only with the person’s consent to that use', () => {
    const lifts = { roma: 6, disability: 4, refugee: 3 };
    expect(priorityLift({ groups: ['roma', 'disability', 'refugee'], priorityConsent: false }, lifts)).toEqual({
      points: 3,
      groups: ['refugee'],
    });
    expect(priorityLift({ groups: ['roma', 'disability', 'refugee'], priorityConsent: true }, lifts)).toEqual({
      points: 13,
      groups: ['refugee', 'roma', 'disability'],
    });
  });

  it('keeps only whole positive lifts within the bounds', () => {
    expect(normaliseLifts({ 'woman-care': 4.6, neet: 0, roma: 99 })).toEqual({ 'woman-care': 5, roma: MAX_GROUP_LIFT });
  });

  it('does not name a special-category group to a viewer without special-category:read', () => {
    expect(visibleLiftGroups(['woman-care', 'roma'], false)).toEqual({ named: ['woman-care'], hidden: true });
    expect(visibleLiftGroups(['woman-care', 'roma'], true)).toEqual({ named: ['woman-care', 'roma'], hidden: false });
    expect(visibleLiftGroups(['neet'], false)).toEqual({ named: ['neet'], hidden: false });
  });
});

describe('fairness arithmetic', () => {
  it('puts people in age bands on the day', () => {
    expect(ageBand('2002-12-04', '2026-12-03')).toBe('15-24');
    expect(ageBand('2001-12-03', '2026-12-03')).toBe('25-34');
    expect(ageBand('1971-01-01', '2026-12-03')).toBe('55+');
  });

  it('counts one-way cells: total, sex, age band, each target group or none', () => {
    const cells = countCells(
      [
        { sex: 'female', birthDate: '1990-01-01', groups: ['woman-care', 'social-aid'] },
        { sex: 'male', birthDate: '2005-01-01', groups: [] },
      ],
      '2026-12-03',
    );
    expect(Object.fromEntries(cells)).toEqual({
      '': 2,
      'sex=female': 1,
      'sex=male': 1,
      'age=35-44': 1,
      'age=15-24': 1,
      'group=woman-care': 1,
      'group=social-aid': 1,
      'group=none': 1,
    });
  });

  it('compares a group’s share of a measure with its share of the pool', () => {
    expect(representationRatio(20, 80, 100, 200)).toBe(0.5);
    expect(representationRatio(60, 80, 100, 200)).toBe(1.5);
    expect(representationRatio(0, 80, 100, 200)).toBe(0);
    expect(representationRatio(5, 0, 100, 200)).toBeNull();
    expect(representationRatio(5, 10, 0, 200)).toBeNull();
  });
});
