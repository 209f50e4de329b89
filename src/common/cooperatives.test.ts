import { describe, expect, it } from 'vitest';
import { monthsBefore, warningSigns, type WarningFacts } from './cooperatives.ts';

const healthy: WarningFacts = {
  today: '2026-12-03',
  registrationDate: '2019-05-10',
  assemblies: ['2025-06-01', '2026-05-20'],
  clients: [
    { name: 'A', sharePercent: 40 },
    { name: 'B', sharePercent: 35 },
  ],
  dependentUninsured: 0,
  membershipChanges: [],
};

const signs = (f: Partial<WarningFacts>) => warningSigns({ ...healthy, ...f }).map((x) => x.sign);

describe('warning signs of a sham cooperative', () => {
  it('finds nothing in a healthy cooperative', () => {
    expect(warningSigns(healthy)).toEqual([]);
  });

  it('flags nearly all income from one client at 80 % and not below', () => {
    expect(signs({ clients: [{ name: 'Mega AŞ', sharePercent: 79 }] })).toEqual([]);
    const [flag] = warningSigns({ ...healthy, clients: [{ name: 'Mega AŞ', sharePercent: 92 }] });
    expect(flag).toEqual({ sign: 'single-client', params: { client: 'Mega AŞ', share: 92, limit: 80 } });
  });

  it('flags member-workers working as dependent employees without social security', () => {
    expect(signs({ dependentUninsured: 2 })).toEqual(['uninsured-dependent-work']);
  });

  it('flags no general assembly in the last 12 months, by the given date', () => {
    expect(signs({ assemblies: ['2025-12-03'] })).toEqual([]);
    expect(signs({ assemblies: ['2025-12-02'] })).toEqual(['no-general-assembly']);
    expect(signs({ assemblies: [] })).toEqual(['no-general-assembly']);
    // An assembly dated in the future does not count.
    expect(signs({ assemblies: ['2027-01-01'] })).toEqual(['no-general-assembly']);
    // A cooperative registered less than a year ago is not late yet.
    expect(signs({ assemblies: [], registrationDate: '2026-03-01' })).toEqual([]);
  });

  it('flags membership that changes with one employer’s staffing', () => {
    const change = (date: string, employerId: string | null) => ({ date, employerId, employerName: employerId });
    // Three of four recent changes from one employer: 75 %.
    expect(
      signs({
        membershipChanges: [
          change('2026-02-01', 'e1'),
          change('2026-03-01', 'e1'),
          change('2026-04-01', 'e1'),
          change('2026-05-01', null),
        ],
      }),
    ).toEqual(['employer-tied-membership']);
    // Two of four: no sign; and changes older than the window do not count.
    expect(
      signs({
        membershipChanges: [
          change('2026-02-01', 'e1'),
          change('2026-03-01', 'e1'),
          change('2026-04-01', 'e2'),
          change('2026-05-01', null),
        ],
      }),
    ).toEqual([]);
    expect(
      signs({
        membershipChanges: [change('2025-02-01', 'e1'), change('2025-03-01', 'e1'), change('2026-04-01', 'e1')],
      }),
    ).toEqual([]);
  });

  it('counts months back on the calendar', () => {
    expect(monthsBefore('2026-12-03', 12)).toBe('2025-12-03');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-01-15', 2)).toBe('2025-11-15');
  });
});
