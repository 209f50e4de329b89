import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, directionOf, isLocale, LOCALES, negotiateLocale, type Locale } from '../../common/locales.ts';
import tr from '../../common/i18n/tr.json' with { type: 'json' };
import en from '../../common/i18n/en.json' with { type: 'json' };
import ar from '../../common/i18n/ar.json' with { type: 'json' };

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

export async function initI18n(): Promise<void> {
  const lng = initialLocale();
  await i18next.use(initReactI18next).init({
    resources: { tr: { translation: tr }, en: { translation: en }, ar: { translation: ar } },
    lng,
    supportedLngs: [...LOCALES],
    fallbackLng: DEFAULT_LOCALE,
    // Permission names contain ':' (persons:read): one namespace, no namespace separator.
    nsSeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  applyDocument(lng);
  document.title = i18next.t('app.name');
}
