import { describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION } from '../../../common/contracts/dataprotection.ts';
import { addMonths, dueOf } from './destruction.service.ts';

// The retention arithmetic of periodic destruction: calendar months, the day kept or moved back to the
// month's end, the periods added up from the last closure (in Türkiye's date), never while a case is open.

describe('addMonths', () => {
  it('keeps the day, or moves back to the last day of a shorter month', () => {
    expect(addMonths('2026-12-01', 2)).toBe('2027-02-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-08-15', 24 + 120)).toBe('2038-08-15');
    expect(addMonths('2026-08-15', 0)).toBe('2026-08-15');
  });
});

describe('dueOf', () => {
  const registeredAt = new Date('2020-03-10T09:00:00Z');
  it('adds follow-ups, return-to-aid and the statutory period to the last closure', () => {
    expect(
      dueOf(DEFAULT_RETENTION, { openCase: false, lastClosedAt: new Date('2024-05-20T10:00:00Z'), registeredAt }),
    ).toEqual({
      basis: 'case-closed',
      basisDate: '2024-05-20',
      dueOn: '2036-05-20',
    });
  });

  it('counts the closure in Türkiye’s date (a closure late in the evening UTC is the next day there)', () => {
    const due = dueOf(DEFAULT_RETENTION, {
      openCase: false,
      lastClosedAt: new Date('2024-05-20T22:30:00Z'),
      registeredAt,
    });
    expect(due?.basisDate).toBe('2024-05-21');
  });

  it('keeps an active case, and counts a registration without a case from the registration', () => {
    expect(
      dueOf(DEFAULT_RETENTION, { openCase: true, lastClosedAt: new Date('2024-05-20T10:00:00Z'), registeredAt }),
    ).toBeNull();
    expect(dueOf(DEFAULT_RETENTION, { openCase: false, lastClosedAt: null, registeredAt })).toEqual({
      basis: 'registered-no-case',
      basisDate: '2020-03-10',
      dueOn: '2022-03-10',
    });
  });
});
