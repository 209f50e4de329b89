import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import i18next from 'i18next';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatList,
  formatMoney,
  formatNumber,
  formatTime,
  formatWeekday,
  numberSeparators,
} from './format.ts';

const FSI = '\u2068';
const PDI = '\u2069';
const RLM = '\u200f';

beforeAll(async () => {
  await i18next.init({ lng: 'tr', resources: {} });
});
afterAll(() => vi.restoreAllMocks());

describe('dates and figures in Arabic: each one isolated, so a Latin name beside it keeps its place', () => {
  beforeAll(() => i18next.changeLanguage('ar'));

  it('wraps dates, times, numbers, amounts and lists in first-strong isolate … pop isolate', () => {
    expect(formatDate('2026-12-20')).toBe(`${FSI}20${RLM}/12${RLM}/2026${PDI}`);
    expect(formatDateTime('2026-12-20T10:00:00Z')).toBe(`${FSI}20${RLM}/12${RLM}/2026، 13:00${PDI}`);
    expect(formatTime('2026-12-20T10:00:00Z')).toBe(`${FSI}13:00${PDI}`);
    expect(formatWeekday('2026-12-20')).toBe(`${FSI}الأحد${PDI}`);
    expect(formatNumber(12345)).toBe(`${FSI}12,345${PDI}`);
    expect(formatMoney(28075.5)).toBe(`${FSI}${RLM}28,075.50\u00a0₺${PDI}`);
    // The items are names (trainers, districts) as well: each one isolated inside the isolated list.
    expect(formatList(['Fatih', 'Üsküdar'])).toBe(`${FSI}${FSI}Fatih${PDI} و${FSI}Üsküdar${PDI}${PDI}`);
  });

  it('isolates once: a value put into a translated sentence is not wrapped again', async () => {
    const { isolate } = await import('../i18n/index.ts');
    expect(isolate(formatDate('2026-12-20'))).toBe(formatDate('2026-12-20'));
  });

  it('keeps empty and unreadable values empty, without stray marks', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('not a date')).toBe('');
    expect(formatDateTime(undefined)).toBe('');
  });

  it('gives number fields the bare separators, without isolates', () => {
    expect(numberSeparators()).toEqual({ group: ',', decimal: '.' });
  });
});

describe('dates and figures in left-to-right languages', () => {
  it('are left as Intl writes them', async () => {
    await i18next.changeLanguage('tr');
    expect(formatDate('2026-12-20')).toBe('20 Ara 2026');
    expect(formatNumber(7.5)).toBe('7,5');
    expect(formatMoney(28075.5)).toBe('₺28.075,50');
    await i18next.changeLanguage('en');
    expect(formatDate('2026-12-20')).toBe('20 Dec 2026');
    expect(formatList([2027, 2028])).toBe('2027 and 2028');
  });
});

describe('formatters are made once per language and options', () => {
  it('reuses one Intl formatter for a page of dates, and makes a new one for another language', async () => {
    await i18next.changeLanguage('tr');
    formatDate('2026-01-01', { dateStyle: undefined, month: 'short', day: 'numeric' });
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    for (let day = 1; day <= 28; day += 1)
      formatDate(`2026-02-${String(day).padStart(2, '0')}`, { dateStyle: undefined, month: 'short', day: 'numeric' });
    expect(made).not.toHaveBeenCalled();
    await i18next.changeLanguage('ar');
    expect(formatDate('2026-02-01', { dateStyle: undefined, month: 'short', day: 'numeric' })).toBe(
      `${FSI}1 فبراير${PDI}`,
    );
    expect(made).toHaveBeenCalledTimes(1);
    made.mockRestore();
  });
});

/**
 * The rule cannot be forgotten by the next page as long as the web app formats through these helpers: a
 * formatter built elsewhere would hand out a bare date again. The date fields are the exception: they show
 * the calendar and parse typed text, where a value stands alone or must stay bare.
 */
describe('the web app formats dates and figures only through components/format.ts', () => {
  it('builds no Intl date, number or list formatter and calls no toLocale…String elsewhere', () => {
    const web = join(import.meta.dirname, '..');
    const allowed = new Set(['components/format.ts', 'components/DateFields.tsx', 'components/dateInput.ts']);
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
          const name = relative(web, path);
          const text = readFileSync(path, 'utf8');
          if (
            !allowed.has(name) &&
            /new Intl\.(DateTimeFormat|NumberFormat|ListFormat|RelativeTimeFormat)|\.toLocale(Date|Time)?String\(/.test(
              text,
            )
          )
            offenders.push(name);
        }
      }
    };
    walk(web);
    expect(offenders).toEqual([]);
  });
});
