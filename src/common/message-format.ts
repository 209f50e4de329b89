/**
 * Typed message parameters and their formatting per language, shared by the server (every problem,
 * e-mail and SMS it writes) and the web app (its live checks): a message carries money, calendar
 * dates and terms ("gross", a shift, a contract type) as typed values, never as pre-formatted text,
 * and each side formats them with `Intl` for the reader's language. Nothing downstream rewrites them.
 *
 * - money: Turkish lira with the ₺ sign and two decimals ("₺28.075,50", "₺28,075.50", "‏28,075.50 ₺");
 * - dates: as people write them in each language: 01.12.2026 (tr), 01/12/2026 (en), 01‏/12‏/2026 (ar);
 * - numbers: the language's decimal mark (7,5 in Turkish), thousands grouped only from five digits, so
 *   years and row numbers stay 2027;
 * - terms: a message key, translated into the same language (with its own parameters).
 * Arabic uses Western digits, as the web app does (phone numbers and codes are written with them).
 */

export type MessageParam =
  | string
  | number
  | { kind: 'money'; value: number }
  | { kind: 'date'; value: string }
  | { kind: 'term'; key: string; params?: MessageParams };
export type MessageParams = { [name: string]: MessageParam };

export const money = (value: number): MessageParam => ({ kind: 'money', value });
export const calendarDate = (value: string): MessageParam => ({ kind: 'date', value });
export const term = (key: string, params?: MessageParams): MessageParam =>
  params ? { kind: 'term', key, params } : { kind: 'term', key };

/** The Intl locale for a language. */
export function intlLocaleOf(locale: string): string {
  switch (locale) {
    case 'ar':
      return 'ar-u-nu-latn';
    case 'en':
      return 'en-GB';
    default:
      return 'tr-TR';
  }
}

/**
 * One formatter per kind and Intl locale, made on first use: constructing an Intl formatter costs tens of
 * microseconds, and a ranked page formats hundreds of numbers (its factors and explanations).
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(
  kind: string,
  locale: string,
  make: (l: string) => F,
): F {
  const intl = intlLocaleOf(locale);
  const key = `${kind}|${intl}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) formatters.set(key, (f = make(intl)));
  return f;
}

export function formatMoneyIn(locale: string, value: number): string {
  return formatter(
    'money',
    locale,
    (l) =>
      new Intl.NumberFormat(l, {
        style: 'currency',
        currency: 'TRY',
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }),
  ).format(value);
}

/** A calendar date (YYYY-MM-DD) with day, month and year as digits, never shifted by a time zone. */
export function formatDateIn(locale: string, value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  return formatter(
    'date',
    locale,
    (l) => new Intl.DateTimeFormat(l, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
  ).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))));
}

export function formatNumberIn(locale: string, value: number): string {
  return formatter(
    'number',
    locale,
    (l) => new Intl.NumberFormat(l, { useGrouping: 'min2', maximumFractionDigits: 2 }),
  ).format(value);
}

export type Translate = (key: string, params: Record<string, string>) => string;

/** Turns typed parameters into the strings a catalogue text interpolates, in one language. */
export function formatParams(locale: string, params: MessageParams, translate: Translate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, p] of Object.entries(params)) out[name] = formatParam(locale, p, translate);
  return out;
}

function formatParam(locale: string, p: MessageParam, translate: Translate): string {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return formatNumberIn(locale, p);
  switch (p.kind) {
    case 'money':
      return formatMoneyIn(locale, p.value);
    case 'date':
      return formatDateIn(locale, p.value);
    case 'term':
      return translate(p.key, p.params ? formatParams(locale, p.params, translate) : {});
  }
}
