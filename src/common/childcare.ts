/**
 * Early-childhood care places (issue 11, docs/CHILDCARE.md): value sets and the pure rules that the
 * server applies and the web app shows — a child's age in months, whether it fits a provider's range,
 * and the visible order of the waiting list. No I/O.
 */

/** Municipal nurseries (belediye kreşi) and partners' (a cooperative's, an employer's, an NGO's). */
export const PROVIDER_KINDS = ['municipal', 'partner'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

/**
 * A care entry's life: waiting → allocated (a place) → ended; waiting → withdrawn. A freed place goes
 * straight to the next in line (direct allocation, no offer step): the mother asked for it, and one
 * who no longer needs it ends it with the reason "declined".
 */
export const CARE_STATUSES = ['waiting', 'allocated', 'ended', 'withdrawn'] as const;
export type CareStatus = (typeof CARE_STATUSES)[number];
/** Statuses that hold a place or a position in line (one per child). */
export const OPEN_CARE_STATUSES: readonly CareStatus[] = ['waiting', 'allocated'];

export const CARE_END_REASONS = [
  'declined',
  'aged-out',
  'moved-away',
  'no-longer-eligible',
  'mother-request',
  'other',
] as const;
export type CareEndReason = (typeof CARE_END_REASONS)[number];

/**
 * Why a mother stands where she does in line, best first: in work now (a current placement), then in a
 * programme (enrolled on a course); "none" when she is neither any more — she keeps her entry but is
 * passed over until she is again.
 */
export const CARE_PRIORITIES = ['placed', 'programme', 'none'] as const;
export type CarePriority = (typeof CARE_PRIORITIES)[number];

export function priorityOf(facts: { placed: boolean; inProgramme: boolean }): CarePriority {
  if (facts.placed) return 'placed';
  if (facts.inProgramme) return 'programme';
  return 'none';
}

/** Whole months from the birth date to the given date (a child born 2025-03-15 is 11 months on 2026-03-14). */
export function ageInMonths(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
}

export interface AgeRange {
  minAgeMonths: number;
  maxAgeMonths: number;
}

/** Whether a child of this birth date may hold a place of this range on the date (bounds included). */
export function ageFits(range: AgeRange, birthDate: string, onDate: string): boolean {
  const months = ageInMonths(birthDate, onDate);
  return months >= range.minAgeMonths && months <= range.maxAgeMonths;
}

export interface InLine {
  id: string;
  priority: CarePriority;
  /** When the mother applied (ISO instant). */
  appliedAt: string;
}

/** The waiting list's order: placed mothers first, then those in a programme, then by date of application. */
export function compareInLine(a: InLine, b: InLine): number {
  return (
    CARE_PRIORITIES.indexOf(a.priority) - CARE_PRIORITIES.indexOf(b.priority) ||
    a.appliedAt.localeCompare(b.appliedAt) ||
    a.id.localeCompare(b.id)
  );
}

/** "Ayşe Yılmaz" → "A. Y.": all the care lists show of a child's name. */
export function initialsOf(givenName: string, familyName: string): string {
  return [givenName, familyName]
    .flatMap((part) => part.trim().split(/\s+/))
    .filter(Boolean)
    .map((word) => `${word.charAt(0).toLocaleUpperCase('tr')}.`)
    .join(' ');
}
