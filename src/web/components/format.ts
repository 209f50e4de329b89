import i18next from 'i18next';
import { intlLocaleOf } from '../../common/message-format.ts';
import { isolate } from '../i18n/index.ts';

/**
 * Every date, time, number, amount and list these helpers return is isolated (FSI … PDI, `isolate`) in a
 * right-to-left language, so it is one neutral unit wherever it lands: in JSX beside a Latin place or employer
 * name, in a template string joined with "·" or "،", in a title or an aria label. Without it, in Arabic the
 * date's digits and slashes joined the Latin run next to them and the line read scrambled ("2026/12/Fatih،
 * İstanbul · 20"). Left-to-right languages get the text unchanged. A value that must stay bare (typed into a
 * field, parsed back, compared) is not made with these helpers: see `numberSeparators` and `dateInput.ts`.
 */

/** The Intl locale for a UI language (the server's, src/common): Arabic keeps Western digits, as phone numbers and codes use them. */
export function intlLocale(language = i18next.language): string {
  return intlLocaleOf(language);
}

/**
 * One formatter per kind, Intl locale and options, made on first use: building an Intl formatter costs from
 * tens to hundreds of microseconds, and a table page formats hundreds of dates and figures on each render.
 * The options of a call site are few and fixed, so the map stays small.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();
function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(
  kind: string,
  options: object,
  make: (locale: string) => F,
): F {
  const locale = intlLocale();
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make(locale)));
  return f;
}
const dateTimeFormat = (options: Intl.DateTimeFormatOptions) =>
  cached('date', options, (l) => new Intl.DateTimeFormat(l, options));
const numberFormat = (options: Intl.NumberFormatOptions) =>
  cached('number', options, (l) => new Intl.NumberFormat(l, options));

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Türkiye keeps one time zone all year (UTC+3). Every instant is shown, and every date and time is typed,
 * in it wherever the browser is (issue 14): a counsellor abroad or a laptop set to another zone sees the
 * times the office and the person see.
 */
export const TURKIYE_TZ = 'Europe/Istanbul';
const TURKIYE_OFFSET_MS = 3 * 60 * 60 * 1000;

/** An instant shown in Türkiye time in the active language, 24-hour clock. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = toDate(value);
  if (!date) return '';
  return isolate(
    dateTimeFormat({ dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23', timeZone: TURKIYE_TZ }).format(date),
  );
}

/** The time of day of an instant in Türkiye time ("14:30"). */
export function formatTime(value: string | Date): string {
  const date = toDate(value);
  if (!date) return '';
  return isolate(dateTimeFormat({ timeStyle: 'short', hourCycle: 'h23', timeZone: TURKIYE_TZ }).format(date));
}

/** "2026-11-24T14:30" (the value of a date-and-time field) read as Türkiye time, as an ISO instant. */
export function turkiyeLocalToIso(value: string): string {
  return new Date(`${value}:00+03:00`).toISOString();
}

/** The reverse: an instant as the value of a date-and-time field in Türkiye time ("2026-11-24T14:30"). */
export function isoToTurkiyeLocal(value: string | Date): string {
  const date = new Date(new Date(value).getTime() + TURKIYE_OFFSET_MS);
  return date.toISOString().slice(0, 16);
}

/** Today's date in Türkiye as YYYY-MM-DD. */
export function turkiyeToday(): string {
  return isoToTurkiyeLocal(new Date()).slice(0, 10);
}

/** A calendar date (YYYY-MM-DD) shown in the active language, without time-zone shifts. */
export function formatDate(value: string | null | undefined, options: Intl.DateTimeFormatOptions = {}): string {
  if (!value) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : toDate(value);
  if (!date) return '';
  return isolate(dateTimeFormat({ dateStyle: 'medium', timeZone: 'UTC', ...options }).format(date));
}

export function formatWeekday(value: string): string {
  return formatDate(value, { dateStyle: undefined, weekday: 'long' });
}

/** A number in the active language; `options` for units, fraction digits and the like. */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return isolate(numberFormat(options).format(value));
}

/** An amount of money, Turkish lira unless `options` name another currency. */
export function formatMoney(value: number, options: Intl.NumberFormatOptions = {}): string {
  return formatNumber(value, { style: 'currency', currency: 'TRY', currencyDisplay: 'narrowSymbol', ...options });
}

/** The grouping and decimal separators of the active language, for number inputs. */
export function numberSeparators(): { group: string; decimal: string } {
  const parts = numberFormat({}).formatToParts(12345.6);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/** "2027, 2028" / "2027 ve 2028" / "2027 و2028" in the active language; each item isolated too (names). */
export function formatList(items: (string | number)[]): string {
  const list = cached('list', {}, (l) => new Intl.ListFormat(l, { style: 'long', type: 'conjunction' }));
  return isolate(list.format(items.map((item) => isolate(String(item)))));
}

/** The separator of a plain list in the active language: the Arabic comma in Arabic (issue 14). */
export function listSeparator(language = i18next.language): string {
  return language === 'ar' ? '، ' : ', ';
}
