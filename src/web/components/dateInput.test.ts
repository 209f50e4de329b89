import { describe, expect, it } from 'vitest';
import { addMonthsIso, isoToDateText, monthGrid, parseDateText, parseTimeText } from './dateInput.ts';

describe('dates typed in the app language', () => {
  it('shows a date day first with the language separator', () => {
    expect(isoToDateText('2026-03-05', 'tr-TR')).toBe('05.03.2026');
    expect(isoToDateText('2026-03-05', 'en-GB')).toBe('05/03/2026');
    expect(isoToDateText('2026-03-05', 'ar-u-nu-latn')).toBe('05/03/2026');
  });

  it('reads what people type, day first, and the ISO form', () => {
    expect(parseDateText('05.03.2026')).toBe('2026-03-05');
    expect(parseDateText('5/3/2026')).toBe('2026-03-05');
    expect(parseDateText('05032026')).toBe('2026-03-05');
    expect(parseDateText('2026-03-05')).toBe('2026-03-05');
    expect(parseDateText('\u200f05\u200f/03\u200f/2026')).toBe('2026-03-05');
  });

  it('refuses what is not a real date', () => {
    expect(parseDateText('31.02.2026')).toBeNull();
    expect(parseDateText('03/31/2026')).toBeNull();
    expect(parseDateText('5.3.26')).toBeNull();
    expect(parseDateText('dün')).toBeNull();
  });

  it('reads a 24-hour time', () => {
    expect(parseTimeText('9')).toBe('09:00');
    expect(parseTimeText('9.30')).toBe('09:30');
    expect(parseTimeText('0930')).toBe('09:30');
    expect(parseTimeText('14:05')).toBe('14:05');
    expect(parseTimeText('24:00')).toBeNull();
    expect(parseTimeText('2 PM')).toBeNull();
  });

  it('lays a month out Monday first and moves months within their length', () => {
    const weeks = monthGrid(2026, 12);
    expect(weeks[0]).toEqual([
      null,
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    expect(weeks.flat().filter(Boolean)).toHaveLength(31);
    expect(addMonthsIso('2026-01-31', 1)).toBe('2026-02-28');
  });
});
