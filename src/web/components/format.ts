import i18next from 'i18next';

/** The Intl locale for a UI language. Arabic keeps Western digits, as phone numbers and codes use them. */
export function intlLocale(language = i18next.language): string {
  switch (language) {
    case 'ar':
      return 'ar-u-nu-latn';
    case 'en':
      return 'en-GB';
    default:
      return 'tr-TR';
  }
}

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
  return new Intl.DateTimeFormat(intlLocale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
    timeZone: TURKIYE_TZ,
  }).format(date);
}

/** The time of day of an instant in Türkiye time ("14:30"). */
export function formatTime(value: string | Date): string {
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(intlLocale(), { timeStyle: 'short', hourCycle: 'h23', timeZone: TURKIYE_TZ }).format(
    date,
  );
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
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeZone: 'UTC', ...options }).format(date);
}

export function formatWeekday(value: string): string {
  return formatDate(value, { dateStyle: undefined, weekday: 'long' });
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(intlLocale()).format(value);
}

export function formatMoney(value: number): string {
  return new Intl.NumberFormat(intlLocale(), {
    style: 'currency',
    currency: 'TRY',
    currencyDisplay: 'narrowSymbol',
  }).format(value);
}

/** The grouping and decimal separators of the active language, for number inputs. */
export function numberSeparators(): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(intlLocale()).formatToParts(12345.6);
  return {
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

/** "2027, 2028" / "2027 ve 2028" / "2027 و2028" in the active language. */
export function formatList(items: (string | number)[]): string {
  return new Intl.ListFormat(intlLocale(), { style: 'long', type: 'conjunction' }).format(items.map(String));
}

/** The separator of a plain list in the active language: the Arabic comma in Arabic (issue 14). */
export function listSeparator(language = i18next.language): string {
  return language === 'ar' ? '، ' : ', ';
}
