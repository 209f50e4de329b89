import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addWorkingDays,
  fromDayNumber,
  isIsoDate,
  isWorkingDay,
  toDayNumber,
  turkishDate,
  workingDaysBetween,
  type HolidayCalendar,
} from './working-days.ts';

/** A slice of the Turkish calendar (RULES.md): 2026 fixed and religious holidays, with their eves. */
const TR_2026: HolidayCalendar = [
  { date: '2026-01-01', halfDay: false },
  { date: '2026-03-19', halfDay: true }, // Ramazan Bayramı eve (Thursday)
  { date: '2026-03-20', halfDay: false },
  { date: '2026-03-21', halfDay: false },
  { date: '2026-03-22', halfDay: false },
  { date: '2026-04-23', halfDay: false },
  { date: '2026-05-01', halfDay: false },
  { date: '2026-05-19', halfDay: false },
  { date: '2026-05-26', halfDay: true }, // Kurban Bayramı eve (Tuesday)
  { date: '2026-05-27', halfDay: false },
  { date: '2026-05-28', halfDay: false },
  { date: '2026-05-29', halfDay: false },
  { date: '2026-05-30', halfDay: false },
  { date: '2026-07-15', halfDay: false },
  { date: '2026-08-30', halfDay: false },
  { date: '2026-10-28', halfDay: true }, // Republic Day eve (Wednesday)
  { date: '2026-10-29', halfDay: false },
];

describe('dates', () => {
  it('round-trips ISO dates through day numbers', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2024-02-29'))).toBe('2024-02-29');
    expect(fromDayNumber(toDayNumber('0050-03-01'))).toBe('0050-03-01');
  });

  it('refuses what is not a calendar date', () => {
    for (const bad of ['2026-02-29', '2026-13-01', '2026-00-10', '2026-4-1', '26-04-01', '2026-04-31', '', 'x']) {
      expect(isIsoDate(bad), bad).toBe(false);
      expect(() => isWorkingDay(bad, [])).toThrow(RangeError);
    }
    expect(isIsoDate('2024-02-29')).toBe(true);
  });

  it('gives the Turkish calendar date of an instant (UTC+3)', () => {
    expect(turkishDate(new Date('2026-12-31T20:59:59Z'))).toBe('2026-12-31');
    expect(turkishDate(new Date('2026-12-31T21:00:00Z'))).toBe('2027-01-01');
  });
});

describe('isWorkingDay', () => {
  it('treats weekends and full holidays as days off', () => {
    expect(isWorkingDay('2026-05-23', TR_2026)).toBe(false); // Saturday
    expect(isWorkingDay('2026-05-24', TR_2026)).toBe(false); // Sunday
    expect(isWorkingDay('2026-05-25', TR_2026)).toBe(true); // Monday
    expect(isWorkingDay('2026-05-27', TR_2026)).toBe(false); // Kurban Bayramı day 1
    expect(isWorkingDay('2026-10-29', TR_2026)).toBe(false); // Republic Day
    expect(isWorkingDay('2026-05-19', TR_2026)).toBe(false);
  });

  it('counts a half-day eve as a working day', () => {
    expect(isWorkingDay('2026-05-26', TR_2026)).toBe(true);
    expect(isWorkingDay('2026-10-28', TR_2026)).toBe(true);
    expect(isWorkingDay('2026-03-19', TR_2026)).toBe(true);
  });

  it('lets a full holiday win over a half-day entry on the same date', () => {
    expect(
      isWorkingDay('2026-06-02', [
        { date: '2026-06-02', halfDay: true },
        { date: '2026-06-02', halfDay: false },
      ]),
    ).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('skips Kurban Bayramı 2026 (eve on Tuesday 26 May, holiday Wednesday to Saturday)', () => {
    expect(addWorkingDays('2026-05-25', 1, TR_2026)).toBe('2026-05-26'); // the eve counts
    expect(addWorkingDays('2026-05-26', 1, TR_2026)).toBe('2026-06-01'); // Wed–Sun off
    expect(addWorkingDays('2026-05-22', 3, TR_2026)).toBe('2026-06-01'); // Mon 25, Tue 26, Mon 1
    expect(addWorkingDays('2026-05-22', 5, TR_2026)).toBe('2026-06-03');
    // Starting on a holiday: the start itself is never counted.
    expect(addWorkingDays('2026-05-28', 1, TR_2026)).toBe('2026-06-01');
  });

  it('skips 29 October but not its eve', () => {
    expect(addWorkingDays('2026-10-27', 1, TR_2026)).toBe('2026-10-28');
    expect(addWorkingDays('2026-10-27', 2, TR_2026)).toBe('2026-10-30');
    expect(addWorkingDays('2026-10-28', 1, TR_2026)).toBe('2026-10-30');
  });

  it('counts ten working days across Ramazan Bayramı 2026', () => {
    // Mon 16 Mar: 17, 18, 19 (eve), [20–22 off], 23, 24, 25, 26, 27, 30, 31
    expect(addWorkingDays('2026-03-16', 10, TR_2026)).toBe('2026-03-31');
  });

  it('skips weekends with no holidays', () => {
    expect(addWorkingDays('2026-06-05', 1, [])).toBe('2026-06-08'); // Friday → Monday
    expect(addWorkingDays('2026-06-06', 1, [])).toBe('2026-06-08'); // Saturday → Monday
    expect(addWorkingDays('2026-06-01', 5, [])).toBe('2026-06-08');
  });

  it('returns the start for n = 0 and refuses negative or fractional n', () => {
    expect(addWorkingDays('2026-05-30', 0, TR_2026)).toBe('2026-05-30');
    expect(() => addWorkingDays('2026-05-30', -1, TR_2026)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-05-30', 1.5, TR_2026)).toThrow(RangeError);
  });

  it('crosses a year end and a leap day', () => {
    expect(addWorkingDays('2026-12-31', 1, TR_2026)).toBe('2027-01-01'); // 2027 holidays not in this calendar
    expect(addWorkingDays('2027-12-31', 1, [{ date: '2028-01-01', halfDay: false }])).toBe('2028-01-03');
    expect(addWorkingDays('2028-02-28', 1, [])).toBe('2028-02-29');
  });
});

describe('workingDaysBetween', () => {
  it('counts days after from, up to and including to', () => {
    expect(workingDaysBetween('2026-05-25', '2026-06-01', TR_2026)).toBe(2);
    expect(workingDaysBetween('2026-05-22', '2026-05-31', TR_2026)).toBe(2);
    expect(workingDaysBetween('2026-10-26', '2026-10-30', TR_2026)).toBe(3); // 27, 28 (eve), 30
    // 260 weekdays after 1 January, minus 9 full holidays on weekdays (eves count as working days).
    expect(workingDaysBetween('2026-01-01', '2026-12-31', TR_2026)).toBe(251);
  });

  it('is 0 when to is not after from', () => {
    expect(workingDaysBetween('2026-06-01', '2026-06-01', TR_2026)).toBe(0);
    expect(workingDaysBetween('2026-06-02', '2026-06-01', TR_2026)).toBe(0);
  });

  it('ignores holidays that fall on a weekend (no double counting)', () => {
    // 30 August 2026 is a Sunday (as is 30 May, Kurban day 4, a Saturday).
    expect(workingDaysBetween('2026-08-28', '2026-08-31', TR_2026)).toBe(1);
    expect(workingDaysBetween('2026-08-28', '2026-08-31', [])).toBe(1);
  });
});

describe('no time zone drift', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('gives the same answers in any process time zone', () => {
    const results = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles', 'Europe/Istanbul'].map((tz) => {
      process.env.TZ = tz;
      return [
        addWorkingDays('2026-05-22', 3, TR_2026),
        addWorkingDays('2026-03-27', 1, []), // across the EU/US daylight-saving changes
        workingDaysBetween('2026-03-01', '2026-11-30', TR_2026),
        isWorkingDay('2026-10-28', TR_2026),
      ];
    });
    for (const r of results) expect(r).toEqual(results[0]);
  });
});

describe('properties', () => {
  const FIRST = toDayNumber('2020-01-01');
  const LAST = toDayNumber('2035-12-31');
  const dateArb = fc.integer({ min: FIRST, max: LAST }).map(fromDayNumber);
  const calendarArb = fc.array(fc.record({ date: dateArb, halfDay: fc.boolean() }), { maxLength: 120 });
  const nArb = fc.integer({ min: 0, max: 400 });

  /** The obvious day-by-day count, as an oracle. */
  function naiveBetween(from: string, to: string, calendar: HolidayCalendar): number {
    let count = 0;
    for (let d = toDayNumber(from) + 1; d <= toDayNumber(to); d++) {
      if (isWorkingDay(fromDayNumber(d), calendar)) count++;
    }
    return count;
  }

  it('workingDaysBetween(d, addWorkingDays(d, n)) === n', () => {
    fc.assert(
      fc.property(dateArb, nArb, calendarArb, (d, n, cal) => {
        expect(workingDaysBetween(d, addWorkingDays(d, n, cal), cal)).toBe(n);
      }),
    );
  });

  it('the result is a working day for n > 0, and later for a larger n', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 400 }), calendarArb, (d, n, cal) => {
        const result = addWorkingDays(d, n, cal);
        expect(isWorkingDay(result, cal)).toBe(true);
        expect(result > d).toBe(true);
        expect(addWorkingDays(d, n + 1, cal) > result).toBe(true);
      }),
    );
  });

  it('workingDaysBetween agrees with a day-by-day count', () => {
    fc.assert(
      fc.property(dateArb, dateArb, calendarArb, (a, b, cal) => {
        expect(workingDaysBetween(a, b, cal)).toBe(naiveBetween(a, b, cal));
      }),
      { numRuns: 60 },
    );
  });

  it('counts add up over consecutive ranges', () => {
    fc.assert(
      fc.property(fc.array(dateArb, { minLength: 3, maxLength: 3 }), calendarArb, (dates, cal) => {
        const [a, b, c] = [...dates].sort() as [string, string, string];
        expect(workingDaysBetween(a, c, cal)).toBe(workingDaysBetween(a, b, cal) + workingDaysBetween(b, c, cal));
      }),
    );
  });

  it('half-day entries never change a count', () => {
    fc.assert(
      fc.property(dateArb, nArb, calendarArb, (d, n, cal) => {
        const halfDays = cal.map((h) => ({ ...h, halfDay: true }));
        expect(addWorkingDays(d, n, halfDays)).toBe(addWorkingDays(d, n, []));
      }),
    );
  });
});
