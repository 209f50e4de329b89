/** Facts about people shared by the server and the web app. */
export const SPECIAL_GROUPS = ['refugee', 'roma', 'disability'] as const;
/**
 * Consent purposes whose mere existence reveals a special category (ethnic origin): listed and shown
 * only to holders of special-category:read, like the groups themselves.
 */
export const SPECIAL_CONSENT_PURPOSES = ['roma-self-identification', 'priority-matching'] as const;
export const isSpecialConsentPurpose = (purpose: string) =>
  (SPECIAL_CONSENT_PURPOSES as readonly string[]).includes(purpose);

/** Job-seeker registration starts at 15 (RULES.md: İŞKUR registration from age 15). */
export const MIN_REGISTRATION_AGE = 15;
/** Disability status needs a health-board report of at least 40 %. */
export const MIN_DISABILITY_PERCENT = 40;

export const INFORMAL_WORK_KINDS = [
  'market-vendor',
  'street-vendor',
  'seasonal-farm-worker',
  'domestic-worker',
  'construction-day-labourer',
  'waste-picker',
  'other',
] as const;

export const REFUGEE_STATUSES = [
  'temporary-protection',
  'international-protection',
  'residence-permit',
  'other',
] as const;
export { CEFR_LEVELS } from './enums.ts';

/** Age in whole years on a date (ISO strings). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The current notice text version; bumping it asks people to acknowledge the new text. */
export const NOTICE_VERSION = '2026-01';
export const CONSENT_TEXT_VERSION = '2026-01';
