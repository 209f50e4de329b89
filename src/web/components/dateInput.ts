/**
 * Dates and times typed by hand, in the app's language rather than the browser's (issue 14): Turkish
 * writes 05.03.2026, English (en-GB) and Arabic 05/03/2026, always day first and with a 24-hour clock.
 * The value kept in a form is the same as a native input's (YYYY-MM-DD, HH:mm, YYYY-MM-DDTHH:mm), so the
 * contracts and the code that sends it do not change. Pure functions, shared by the fields and their tests.
 */
import { intlLocale } from './format.ts';

const BIDI_MARKS = /[\u200e\u200f\u061c]/g;

/** The separator the language puts between day, month and year ("." in Turkish, "/" otherwise). */
export function dateSeparator(locale: string = intlLocale()): string {
  const parts = new Intl.DateTimeFormat(locale, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    timeZone: 'UTC',
  }).formatToParts(new Date(Date.UTC(2026, 2, 5)));
  const literal = parts
    .find((p) => p.type === 'literal')
    ?.value.replace(BIDI_MARKS, '')
    .trim();
  return literal || '.';
}

/** "2026-03-05" → "05.03.2026" (Turkish) or "05/03/2026"; anything else is returned as it is. */
export function isoToDateText(iso: string, locale: string = intlLocale()): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const sep = dateSeparator(locale);
  return `${m[3]}${sep}${m[2]}${sep}${m[1]}`;
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1000 || m < 1 || m > 12 || d < 1) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/**
 * A typed date as YYYY-MM-DD, or null when it is not a real date. Day first with any of . / - or a
 * space between the parts (5.3.2026, 05/03/2026), eight digits (05032026), or the ISO form
 * (2026-03-05, what a pasted value or an older browser test types).
 */
export function parseDateText(text: string): string | null {
  const s = text.replace(BIDI_MARKS, '').trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return isRealDate(+m[1]!, +m[2]!, +m[3]!) ? iso(+m[1]!, +m[2]!, +m[3]!) : null;
  m = /^(\d{1,2})\s*[./\-\s]\s*(\d{1,2})\s*[./\-\s]\s*(\d{4})$/.exec(s) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  if (m) return isRealDate(+m[3]!, +m[2]!, +m[1]!) ? iso(+m[3]!, +m[2]!, +m[1]!) : null;
  return null;
}

/** A typed time of day as HH:mm on a 24-hour clock (9:30, 09.30, 0930, 9), or null. */
export function parseTimeText(text: string): string | null {
  const s = text.replace(BIDI_MARKS, '').trim();
  const m = /^(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?$/.exec(s) ?? /^(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** The weeks of a month for a calendar, Monday first as in Türkiye; null outside the month. */
export function monthGrid(year: number, month: number): (string | null)[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lead = (first.getUTCDay() + 6) % 7;
  const cells: (string | null)[] = Array.from({ length: lead }, () => null);
  for (let d = 1; d <= days; d += 1) cells.push(iso(year, month, d));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** YYYY-MM-DD moved by a number of days (calendar keyboard: arrows move by 1 or 7). */
export function addDaysIso(value: string, days: number): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** YYYY-MM-DD moved by whole months, the day kept within the target month (31 Jan + 1 → 28/29 Feb). */
export function addMonthsIso(value: string, months: number): string {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return iso(target.getUTCFullYear(), target.getUTCMonth() + 1, Math.min(d, last));
}
