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

/**
 * Age in whole years on a date (ISO dates, `YYYY-MM-DD`): the years between them, less one before the
 * birthday ("MM-DD" compares as text). One of these for the whole project (indicators, matching's age bands,
 * the decent-work rules); matching calls it for every vacancy it checks, so it allocates nothing.
 */
export function ageOn(birthDate: string, onDate: string): number {
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5, 10) < birthDate.slice(5, 10) ? years - 1 : years;
}

/** The current notice text version; bumping it asks people to acknowledge the new text. */
export const NOTICE_VERSION = '2026-01';
export const CONSENT_TEXT_VERSION = '2026-01';

// ---- the people module's enums (the database schema, the API contracts and the web app import them) ----

/** What a person may consent to; the special-category purposes are recorded in person only. */
export const CONSENT_PURPOSES = [
  'share-with-employers',
  'contact-beyond-service',
  'surveys',
  'share-with-partners',
  'transfer-abroad',
  'roma-self-identification',
  'photos',
  /** Use of the person's recorded Roma identity or disability for a priority lift in matching (docs/MATCHING.md). */
  'priority-matching',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/**
 * What a person may consent to online: not the special-category purposes, which are recorded in person,
 * together with the group itself (the public form collects no special category).
 */
export const ONLINE_CONSENT_PURPOSES = [
  'share-with-employers',
  'contact-beyond-service',
  'surveys',
  'share-with-partners',
  'transfer-abroad',
  'photos',
] as const satisfies readonly ConsentPurpose[];
export type OnlineConsentPurpose = (typeof ONLINE_CONSENT_PURPOSES)[number];
/** How a consent or a notice acknowledgement was given. */
export const CHANNELS = ['in-person', 'phone', 'online', 'paper'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ID_KINDS = ['tckn', 'ykn', 'passport'] as const;
export type IdKind = (typeof ID_KINDS)[number];
export const SEXES = ['female', 'male'] as const;
export type Sex = (typeof SEXES)[number];
export const REGISTRATION_STATES = ['confirmed', 'pending'] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];
/** The orders of the person list (without one: the best name match first when searching, else by name). */
export const PERSON_SORTS = ['name', '-name', 'created', '-created', 'birthDate', '-birthDate'] as const;
export type PersonSort = (typeof PERSON_SORTS)[number];

export const CASE_STATUSES = ['new', 'active', 'on-hold', 'placed', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CLOSE_REASONS = [
  'employed',
  'moved-away',
  'no-contact',
  'declined-service',
  'referred-elsewhere',
  'deceased',
  'other',
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const NOTE_KINDS = ['meeting', 'phone', 'home-visit', 'message', 'other'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const STEP_OWNER_KINDS = ['counsellor', 'person'] as const;

export const HOUSEHOLD_RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'sibling',
  'grandchild',
  'other-relative',
  'other',
] as const;
export type HouseholdRelation = (typeof HOUSEHOLD_RELATIONS)[number];
export const INCOME_SOURCES = ['registered-work', 'informal-work', 'pension', 'other'] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

export const DOCUMENT_KINDS = ['signed-notice', 'signed-consent', 'cv', 'certificate', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
/** The files a person's record takes: PDF, JPEG or PNG (checked by their first bytes). */
export const MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const APPOINTMENT_MODES = ['in-person', 'phone', 'video'] as const;
export type AppointmentMode = (typeof APPOINTMENT_MODES)[number];
export const APPOINTMENT_STATUSES = ['scheduled', 'attended', 'no-show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const CANCEL_REASONS = ['person-request', 'counsellor-unavailable', 'office-closed', 'other'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];
/** Appointment lengths in minutes, and the longest calendar range one read answers (days). */
export const MIN_APPOINTMENT_MINUTES = 10;
export const MAX_APPOINTMENT_MINUTES = 240;
export const MAX_CALENDAR_DAYS = 62;

/** The lists whose filters a user may save under a name. */
export const SAVED_FILTER_SCOPES = ['persons'] as const;
export type SavedFilterScope = (typeof SAVED_FILTER_SCOPES)[number];

/** What a bulk import of persons goes through: checked (the dry run), importing, and how it ended. */
export const IMPORT_STATUSES = ['validated', 'running', 'done', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** An import that has ended: nothing more will change it. */
export const FINISHED_IMPORT_STATUSES = ['done', 'failed', 'cancelled'] as const satisfies readonly ImportStatus[];
