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

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  const date = toDate(value);
  if (!date) return '';
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
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
