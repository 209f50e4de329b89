import i18next from 'i18next';
import { formatMoney, intlLocale } from '../format.ts';
import { formatParams, type MessageParams } from '../../../common/message-format.ts';
import type { EmployerStatus, ReferralStatus, VacancyStatus } from './types.ts';

/** The name staff and employers know an employer by: its trade name when it has one. */
export function employerName(e: { legalName: string; tradeName: string | null }): string {
  return e.tradeName?.trim() || e.legalName;
}

export const EMPLOYER_STATUS_COLOR: Record<EmployerStatus, string> = {
  pending: '#9c5700',
  verified: 'teal.9',
  suspended: 'red.9',
};

export const VACANCY_STATUS_COLOR: Record<VacancyStatus, string> = {
  draft: 'gray.7',
  submitted: '#9c5700',
  published: 'teal.9',
  filled: 'indigo.8',
  closed: 'gray.7',
};

export const REFERRAL_STATUS_COLOR: Record<ReferralStatus, string> = {
  proposed: 'gray.7',
  sent: 'blue.8',
  seen: 'cyan.9',
  interview: 'violet.8',
  hired: 'teal.9',
  'refused-by-employer': 'red.9',
  'refused-by-person': '#b7410e',
  withdrawn: 'gray.7',
  obsolete: 'gray.7',
};

/**
 * A decent-work rule's message in the active language. The server's check already carries it formatted;
 * the browser's live check formats the typed parameters with the same function the server uses
 * (src/common/message-format.ts), so both read alike: ₺ amounts, dd.MM.yyyy dates, translated terms.
 */
export function ruleMessage(v: { code: string; params?: MessageParams; message?: string }): string {
  if (v.message) return v.message;
  const translate = (key: string, params: Record<string, string>) => i18next.t(key, params);
  return i18next.t(v.code, formatParams(i18next.language, v.params ?? {}, translate));
}

/** A language's name in the active language (ISO 639 code → "Arapça", "Arabic", "العربية"). */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([intlLocale()], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Languages offered first when a vacancy asks for one (others can be typed as a code). */
export const COMMON_LANGUAGES = ['tr', 'ar', 'en', 'ku', 'fa', 'ru', 'de', 'fr', 'ps', 'uk', 'az', 'zza'] as const;

/** Why an employer was suspended: free text, or a concern kind recorded with the concern. */
export function statusReasonText(reason: string | null): string {
  if (!reason) return '';
  const m = /^concern:(.+)$/.exec(reason);
  if (m && i18next.exists(`employers.concerns.kinds.${m[1]}`)) {
    return i18next.t('employers.suspendedForConcern', { kind: i18next.t(`employers.concerns.kinds.${m[1]}`) });
  }
  return reason;
}

/** "12.500 ₺ – 15.000 ₺ net" in the active language. */
export function wageText(v: { wageMin: number; wageMax: number | null; wageBasis: string }): string {
  const digits = {
    minimumFractionDigits: Number.isInteger(v.wageMin) && (v.wageMax === null || Number.isInteger(v.wageMax)) ? 0 : 2,
    maximumFractionDigits: 2,
  };
  const amount =
    v.wageMax !== null && v.wageMax !== v.wageMin
      ? i18next.t('vacancies.wageRange', { min: formatMoney(v.wageMin, digits), max: formatMoney(v.wageMax, digits) })
      : formatMoney(v.wageMin, digits);
  return i18next.t('vacancies.wagePerMonth', { amount, basis: i18next.t(`vacancies.wageBases.${v.wageBasis}`) });
}

/**
 * A name or title written by people, isolated from the sentence around it (Unicode FSI … PDI), so that
 * a Turkish title inside an Arabic sentence keeps its punctuation and the quotes around it in place.
 */
export function bidi(text: string): string {
  return `\u2068${text}\u2069`;
}
