/**
 * Working days for deadlines (referral answers, follow-ups, …), as pure functions that the server
 * and the web app share. Dates are ISO calendar dates ('YYYY-MM-DD') counted as whole UTC days, so
 * no time zone can shift them.
 *
 * The rule (docs/REFERENCE-DATA.md):
 * - Saturday and Sunday are not working days;
 * - a full public holiday is not a working day;
 * - a half-day holiday (an eve, "arife": 28 October and the day before each bayram, off from the
 *   afternoon) COUNTS as a working day. Offices are open in the morning, so a person can still be
 *   referred, called or answer that day; counting it keeps deadlines from growing by a whole day for
 *   half a day off. A caller that needs the stricter reading (treat an eve as a day off) can pass a
 *   calendar in which the eve is a full holiday.
 */

export interface HolidayEntry {
  /** 'YYYY-MM-DD'. */
  date: string;
  /** A half-day eve: still a working day for deadline counting. */
  halfDay: boolean;
}

/** The holidays that matter for counting, as read from the `public_holidays` table. */
export type HolidayCalendar = readonly HolidayEntry[];

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for an ISO date; throws RangeError for anything that is not a real date. */
export function toDayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not an ISO date (YYYY-MM-DD): ${date}`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 onto 1900–1999.
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: ${date}`);
  }
  return Math.round(d.getTime() / DAY_MS);
}

/** The ISO date of a day number (inverse of toDayNumber). */
export function fromDayNumber(day: number): string {
  const d = new Date(day * DAY_MS);
  const year = d.getUTCFullYear();
  const month = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dom = String(d.getUTCDate()).padStart(2, '0');
  return `${String(year).padStart(4, '0')}-${month}-${dom}`;
}

/** Whether a string is a real calendar date in ISO form. */
export function isIsoDate(date: string): boolean {
  try {
    toDayNumber(date);
    return true;
  } catch {
    return false;
  }
}

/** 0 = Sunday … 6 = Saturday, like Date#getUTCDay. 1970-01-01 was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function isWeekend(day: number): boolean {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
}

/** Day numbers of the full (non-half-day) holidays, cached per calendar array. */
const fullHolidayCache = new WeakMap<HolidayCalendar, ReadonlySet<number>>();

function fullHolidays(calendar: HolidayCalendar): ReadonlySet<number> {
  let set = fullHolidayCache.get(calendar);
  if (!set) {
    const days = new Set<number>();
    for (const h of calendar) if (!h.halfDay) days.add(toDayNumber(h.date));
    set = days;
    fullHolidayCache.set(calendar, set);
  }
  return set;
}

function isWorkingDayNumber(day: number, holidays: ReadonlySet<number>): boolean {
  return !isWeekend(day) && !holidays.has(day);
}

/** Whether a date is a working day: not a Saturday or Sunday, not a full holiday (a half-day eve is). */
export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  return isWorkingDayNumber(toDayNumber(date), fullHolidays(calendar));
}

/**
 * The date n working days after `start` (start itself is not counted; it need not be a working day).
 * n = 0 gives `start`. For n > 0 the result is always a working day.
 */
export function addWorkingDays(start: string, n: number, calendar: HolidayCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Working days must be a whole number ≥ 0: ${n}`);
  const holidays = fullHolidays(calendar);
  let day = toDayNumber(start);
  let left = n;
  while (left > 0) {
    day += 1;
    if (isWorkingDayNumber(day, holidays)) left -= 1;
  }
  return fromDayNumber(day);
}

/** Monday–Friday days in the day range [1, k] counted from `from` (exclusive), k ≥ 0. */
function weekdaysAfter(from: number, k: number): number {
  const weeks = Math.floor(k / 7);
  let count = weeks * 5;
  for (let i = weeks * 7 + 1; i <= k; i++) if (!isWeekend(from + i)) count += 1;
  return count;
}

/**
 * The number of working days after `from` up to and including `to`; 0 when `to` is not after `from`.
 * So workingDaysBetween(d, addWorkingDays(d, n)) === n.
 */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (b <= a) return 0;
  let count = weekdaysAfter(a, b - a);
  for (const day of fullHolidays(calendar)) {
    if (day > a && day <= b && !isWeekend(day)) count -= 1;
  }
  return count;
}

/** Made once: building an Intl.DateTimeFormat costs ~0.3 ms, a registration needs "today" (a bulk import, 100,000 of them). */
const TURKISH_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Istanbul',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date in Türkiye (UTC+3 all year), for "this year" and "today" on the server. */
export function turkishDate(instant: Date): string {
  return TURKISH_DATE.format(instant);
}
