import { describe, expect, it } from 'vitest';
import {
  attendancePercent,
  compareCandidates,
  completes,
  ineligibility,
  initialsOf,
  normaliseCode,
  priorityGroups,
} from './courses.ts';

describe('course rules', () => {
  const rule = {
    startDate: '2027-01-11',
    minAge: 18,
    maxAge: 29,
    targetGroups: ['neet'] as const,
    targetGroupsRequired: true,
  };

  it('checks age on the first day and the required target groups', () => {
    expect(ineligibility({ ...rule, targetGroups: ['neet'] }, { birthDate: '2009-01-11', groups: ['neet'] })).toEqual(
      [],
    );
    expect(ineligibility({ ...rule, targetGroups: ['neet'] }, { birthDate: '2009-01-12', groups: ['neet'] })).toEqual([
      'too-young',
    ]);
    expect(ineligibility({ ...rule, targetGroups: ['neet'] }, { birthDate: '1990-01-01', groups: [] })).toEqual([
      'too-old',
      'not-in-target-group',
    ]);
    expect(
      ineligibility(
        { ...rule, targetGroups: ['neet'], targetGroupsRequired: false },
        { birthDate: '2000-01-01', groups: [] },
      ),
    ).toEqual([]);
  });

  it('orders by priority groups, then application time, then id; roma and disability never lift priority', () => {
    expect(priorityGroups(['woman-care', 'roma', 'disability'], ['roma', 'disability', 'woman-care'])).toEqual([
      'woman-care',
    ]);
    const a = { id: 'a', priority: 0, appliedAt: '2026-12-01T09:00:00.000Z' };
    const b = { id: 'b', priority: 1, appliedAt: '2026-12-02T09:00:00.000Z' };
    const c = { id: 'c', priority: 0, appliedAt: '2026-12-01T09:00:00.000Z' };
    expect([c, a, b].sort(compareCandidates).map((x) => x.id)).toEqual(['b', 'a', 'c']);
  });

  it('completes with enough attendance (rounded down) and, where required, a passed assessment', () => {
    expect(attendancePercent(4, 5)).toBe(80);
    expect(attendancePercent(79, 99)).toBe(79);
    expect(attendancePercent(0, 0)).toBe(0);
    const r = { minAttendancePercent: 80, assessmentRequired: true };
    expect(completes(r, { present: 4, sessions: 5, assessmentPassed: true })).toBe(true);
    expect(completes(r, { present: 4, sessions: 5, assessmentPassed: null })).toBe(false);
    expect(completes(r, { present: 3, sessions: 5, assessmentPassed: true })).toBe(false);
    expect(completes({ ...r, assessmentRequired: false }, { present: 4, sessions: 5, assessmentPassed: false })).toBe(
      true,
    );
  });

  it('shows initials the Turkish way and reads typed codes', () => {
    expect(initialsOf('ipek nur', 'ışık')).toBe('İ. N. I.');
    expect(normaliseCode('abcd efgh jkmn')).toBe('ABCD-EFGH-JKMN');
  });
});
