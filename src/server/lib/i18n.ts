import tr from '../../common/i18n/tr.json' with { type: 'json' };
import en from '../../common/i18n/en.json' with { type: 'json' };
import ar from '../../common/i18n/ar.json' with { type: 'json' };
import type { Locale } from '../../common/locales.ts';
import { formatParams, type MessageParams } from '../../common/message-format.ts';

type Catalog = Record<string, unknown>;
const catalogs: Record<Locale, Catalog> = { tr, en, ar };

function lookup(catalog: Catalog, key: string): string | undefined {
  let node: unknown = catalog;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

function interpolate(locale: Locale, key: string, values: Record<string, string>): string {
  const text = lookup(catalogs[locale], key) ?? lookup(catalogs.tr, key) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => values[name] ?? '');
}

/**
 * Translates a message key with the same catalogs as the web app (src/common/i18n), so that server
 * messages (errors, e-mails, SMS) and screens never disagree. Falls back to Turkish, then to the key.
 * Parameters are formatted for the language here (src/common/message-format.ts): numbers with its
 * decimal mark, money in ₺, dates as its readers write them, terms translated.
 */
export function t(locale: Locale, key: string, params: MessageParams = {}): string {
  return interpolate(
    locale,
    key,
    formatParams(locale, params, (k, p) => interpolate(locale, k, p)),
  );
}

export function hasKey(locale: Locale, key: string): boolean {
  return lookup(catalogs[locale], key) !== undefined;
}
