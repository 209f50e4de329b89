import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, directionOf, isLocale, LOCALES, negotiateLocale, type Locale } from '../../common/locales.ts';
import { useEffect, useState } from 'react';

/**
 * The catalogues are large (140–180 kB each): each is its own file, and a browser loads only the languages it
 * shows (every catalogue holds every key: catalogues.test.ts).
 */
const CATALOGUES: Record<Locale, () => Promise<{ default: Record<string, unknown> }>> = {
  tr: () => import('../../common/i18n/tr.json', { with: { type: 'json' } }),
  en: () => import('../../common/i18n/en.json', { with: { type: 'json' } }),
  ar: () => import('../../common/i18n/ar.json', { with: { type: 'json' } }),
};
const loading = new Map<Locale, Promise<void>>();

/** Loads a language's texts once (before switching to it, or before showing a text in it). */
export function loadCatalogue(locale: Locale): Promise<void> {
  if (i18next.hasResourceBundle(locale, 'translation')) return Promise.resolve();
  let pending = loading.get(locale);
  if (!pending) {
    pending = CATALOGUES[locale]().then(
      (module) => {
        i18next.addResourceBundle(locale, 'translation', module.default);
      },
      (err: unknown) => {
        loading.delete(locale);
        throw err;
      },
    );
    loading.set(locale, pending);
  }
  return pending;
}

/** Whether a language's texts are there (for a text shown in another language than the interface's). */
export function useCatalogue(locale: Locale): boolean {
  const [, setLoaded] = useState(0);
  const ready = i18next.hasResourceBundle(locale, 'translation');
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadCatalogue(locale).then(
      () => live && setLoaded((n) => n + 1),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [locale, ready]);
  return ready;
}

/** The language chosen on this browser. Not personal data: it only picks the sign-in page's language. */
const STORAGE_KEY = 'kopru.locale';

/** Names of the languages in their own language, for the switch. */
export const LANGUAGE_NAMES: Record<Locale, string> = { tr: 'Türkçe', en: 'English', ar: 'العربية' };

let chosenBeforeSignIn = false;

function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be disabled; the language still applies for this visit.
  }
}

/** The language to start in: the one chosen on this browser, else the browser's, else Turkish. */
export function initialLocale(): Locale {
  const stored = storedLocale();
  if (stored) return stored;
  if (typeof navigator !== 'undefined' && navigator.languages?.length) {
    return negotiateLocale(navigator.languages.join(','));
  }
  return DEFAULT_LOCALE;
}

export function currentLocale(): Locale {
  return isLocale(i18next.language) ? i18next.language : DEFAULT_LOCALE;
}

function applyDocument(locale: Locale): void {
  const root = document.documentElement;
  root.lang = locale;
  root.dir = directionOf(locale);
}

/** Switches the interface language: texts and `<html lang dir>` (Mantine's DirectionProvider follows `dir`). */
export async function applyLocale(locale: Locale): Promise<void> {
  await loadCatalogue(locale);
  if (i18next.language !== locale) await i18next.changeLanguage(locale);
  applyDocument(locale);
}

/** A language picked by hand on the sign-in screens; saved to the account after signing in. */
export function markChosenBeforeSignIn(value: boolean): void {
  chosenBeforeSignIn = value;
}

export function wasChosenBeforeSignIn(): boolean {
  return chosenBeforeSignIn;
}

/** First-strong isolate … pop directional isolate: what `<bdi>` does, for text that cannot hold an element. */
const FSI = '\u2068';
const PDI = '\u2069';

/**
 * A name, company, address or title (often Turkish, left to right) inside a sentence of a right-to-left
 * language, isolated so that it keeps its own direction and does not reorder the words and punctuation
 * around it (issue 14): the text equivalent of `<bdi>`, for toasts, titles, aria labels and option labels.
 * Left-to-right languages get the value unchanged.
 */
export function isolate(value: string, language: string = i18next.language): string {
  if (!value || directionOf(isLocale(language) ? language : DEFAULT_LOCALE) !== 'rtl') return value;
  if (isolatedWhole(value)) return value;
  return `${FSI}${value}${PDI}`;
}

/** True when the first FSI closes at the last PDI: "⁨Fatih⁩ و⁨Üsküdar⁩" begins and ends with them yet is two isolates. */
function isolatedWhole(value: string): boolean {
  if (!value.startsWith(FSI) || !value.endsWith(PDI)) return false;
  let depth = 0;
  for (let i = 0; i < value.length; i += 1) {
    if (value[i] === FSI) depth += 1;
    else if (value[i] === PDI) depth -= 1;
    if (depth === 0) return i === value.length - 1;
  }
  return false;
}

/**
 * Every value put into a translated sentence ({{name}}, {{employer}}, {{office}}, …) goes through `isolate`
 * in a right-to-left language: one place, so no t() call with a person's or an employer's name can forget it.
 * The catalogues use no i18next formats ({{x, number}}), so this formatter only isolates.
 */
const isolatingFormatter = {
  type: 'formatter' as const,
  init() {},
  add() {},
  addCached() {},
  format(value: unknown, _format: string | undefined, lng: string | undefined): unknown {
    return typeof value === 'string' ? isolate(value, lng ?? i18next.language) : value;
  },
};

export async function initI18n(): Promise<void> {
  const lng = initialLocale();
  const catalogue = await CATALOGUES[lng]();
  await i18next
    .use(initReactI18next)
    .use(isolatingFormatter)
    .init({
      resources: { [lng]: { translation: catalogue.default } },
      // The other languages are added when needed (loadCatalogue).
      partialBundledLanguages: true,
      lng,
      supportedLngs: [...LOCALES],
      fallbackLng: DEFAULT_LOCALE,
      // Permission names contain ':' (persons:read): one namespace, no namespace separator.
      nsSeparator: false,
      interpolation: { escapeValue: false, alwaysFormat: true },
      returnNull: false,
      react: { useSuspense: false },
    });
  applyDocument(lng);
  document.title = i18next.t('app.name');
}
