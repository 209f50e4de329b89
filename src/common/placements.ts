/**
 * Value sets and pure rules of placements (issue 11): how a job was found, where a placement stands,
 * how it was verified as registered work (SGK), the retention follow-ups and their outcomes, and the
 * 10 % limit on people under temporary protection at one workplace. Shared by the database schema,
 * the contract, the services and the web app.
 */
import { addMonths } from './decent-work.ts';

export const PLACEMENT_SOURCES = ['referral', 'self-reported', 'job-fair', 'other'] as const;
export type PlacementSource = (typeof PLACEMENT_SOURCES)[number];

/** awaiting-permit: hired, but the work permit for this employer is not valid yet (temporary protection…). */
export const PLACEMENT_STATUSES = ['awaiting-permit', 'active', 'ended'] as const;
export type PlacementStatus = (typeof PLACEMENT_STATUSES)[number];

/** A placement is counted as registered work only once verified. */
export const VERIFICATION_STATUSES = ['unverified', 'verified'] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/**
 * The evidence of registered work: the SGK service record (hizmet dökümü, e-Devlet, with its barcode
 * number), the employer's hire notification (işe giriş bildirgesi), or a row of an SGK data-sharing file.
 */
export const EVIDENCE_KINDS = ['sgk-service-record', 'hire-notification', 'sgk-file'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
/** What staff may enter by hand (the file's rows come through the import). */
export const MANUAL_EVIDENCE_KINDS = ['sgk-service-record', 'hire-notification'] as const;

export const END_REASONS = [
  'resigned',
  'dismissed',
  'contract-ended',
  'changed-employer',
  'sgk-exit',
  'other',
] as const;
export type EndReason = (typeof END_REASONS)[number];

/** Follow-ups: 3, 6 and 12 months after the start, and one when a job ends. */
export const FOLLOW_UP_MILESTONES = ['3m', '6m', '12m', 'exit'] as const;
export type FollowUpMilestone = (typeof FOLLOW_UP_MILESTONES)[number];
export const RETENTION_MONTHS: Record<Exclude<FollowUpMilestone, 'exit'>, number> = { '3m': 3, '6m': 6, '12m': 12 };

export const FOLLOW_UP_OUTCOMES = [
  'same-employer',
  'other-employer-registered',
  'other-employer-unregistered',
  'not-working',
] as const;
export type FollowUpOutcome = (typeof FOLLOW_UP_OUTCOMES)[number];

export const NOT_WORKING_REASONS = [
  'resigned',
  'dismissed',
  'contract-ended',
  'health',
  'care-duties',
  'wage',
  'working-conditions',
  'other',
] as const;
export type NotWorkingReason = (typeof NOT_WORKING_REASONS)[number];

export const FOLLOW_UP_STATUSES = ['pending', 'recorded', 'cancelled'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** The due dates of the retention follow-ups of a placement starting on `startDate`. */
export function retentionDueDates(startDate: string): { milestone: FollowUpMilestone; dueDate: string }[] {
  return (Object.entries(RETENTION_MONTHS) as [FollowUpMilestone, number][]).map(([milestone, months]) => ({
    milestone,
    dueDate: addMonths(startDate, months),
  }));
}

/**
 * People under temporary protection at one workplace may not exceed 10 % of its Turkish staff; a
 * workplace with fewer than 10 Turkish workers may employ one (regulation on work permits of foreigners
 * under temporary protection, art. 8 — check). Returns how many may work there.
 */
export function protectionQuota(turkishStaff: number): number {
  if (turkishStaff <= 0) return 0;
  return Math.max(1, Math.floor(turkishStaff / 10));
}

// ---- SGK hire and exit notifications (bulk file) -------------------------------------------------------

export const SGK_NOTIFICATION_TYPES = ['hire', 'exit'] as const;
export type SgkNotificationType = (typeof SGK_NOTIFICATION_TYPES)[number];

/** The columns of the file, in order (a header row names them; tr/en/ar headers are recognised). */
export const SGK_COLUMNS = ['idNumber', 'workplaceNumber', 'type', 'date', 'exitReason', 'filedOn'] as const;
export type SgkColumn = (typeof SGK_COLUMNS)[number];

/**
 * match: a placement of this person at this workplace (applied: verified, or ended by an exit);
 * unchanged: matched and already applied; mismatch: the person is known but has no placement at the
 * workplace (or an exit before the start); unknown: no person with this ID number; invalid: the row
 * cannot be read (the file is refused until it is fixed).
 */
export const SGK_ROW_OUTCOMES = ['match', 'unchanged', 'mismatch', 'unknown', 'invalid'] as const;
export type SgkRowOutcome = (typeof SGK_ROW_OUTCOMES)[number];

/** A hire notification is due before work starts (Law 5510 art. 8): one filed after the start date is late. */
export function isLateHireFiling(startDate: string, filedOn: string | null): boolean {
  return filedOn !== null && filedOn > startDate;
}
