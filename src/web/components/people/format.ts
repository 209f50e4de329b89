import i18next from 'i18next';
import { intlLocale } from '../format.ts';

/** Türkiye keeps one time zone all year: appointments are entered and shown in it wherever the browser is. */
export const TURKIYE_TZ = 'Europe/Istanbul';
const TURKIYE_OFFSET = '+03:00';

/** An instant shown in Türkiye time in the active language. */
export function formatTurkiyeDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(intlLocale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TURKIYE_TZ,
  }).format(date);
}

export function formatTurkiyeTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(intlLocale(), { timeStyle: 'short', timeZone: TURKIYE_TZ }).format(date);
}

/** "2026-11-24T14:30" typed in a datetime-local field, read as Türkiye time. */
export function turkiyeLocalToIso(value: string): string {
  return new Date(`${value}:00${TURKIYE_OFFSET}`).toISOString();
}

/** The reverse: an instant as the value of a datetime-local field in Türkiye time. */
export function isoToTurkiyeLocal(value: string): string {
  const date = new Date(new Date(value).getTime() + 3 * 60 * 60 * 1000);
  return date.toISOString().slice(0, 16);
}

/** Today's date in Türkiye as YYYY-MM-DD. */
export function turkiyeToday(): string {
  return new Date(Date.now() + 3 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

function displayNames(type: 'language' | 'region'): Intl.DisplayNames | null {
  try {
    return new Intl.DisplayNames([intlLocale(i18next.language)], { type, fallback: 'code' });
  } catch {
    return null;
  }
}

/** A language's name in the active language ("ar" → "Arapça" / "Arabic" / "العربية"). */
export function languageName(code: string): string {
  return displayNames('language')?.of(code) ?? code;
}

/** A country's name in the active language ("SY" → "Suriye"). */
export function countryName(code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  return displayNames('region')?.of(code.toUpperCase()) ?? code;
}

export function fullName(p: { givenName: string; familyName: string }): string {
  return `${p.givenName} ${p.familyName}`;
}

export function formatBytes(bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(intlLocale(), {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/** Sorts option labels the way the active language sorts them (Ç after C in Turkish). */
export function byLabel<T extends { label: string }>(a: T, b: T): number {
  return a.label.localeCompare(b.label, intlLocale());
}
