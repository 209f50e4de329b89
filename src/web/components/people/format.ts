import i18next from 'i18next';
import { formatNumber, intlLocale } from '../format.ts';

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
  return formatNumber(value, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  });
}

/** Sorts option labels the way the active language sorts them (Ç after C in Turkish). */
export function byLabel<T extends { label: string }>(a: T, b: T): number {
  return a.label.localeCompare(b.label, intlLocale());
}
