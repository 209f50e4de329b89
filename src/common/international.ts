/**
 * Value sets and pure rules of the international-cooperation registry (issue 17, docs/INTERNATIONAL.md):
 * memberships of organisations in networks over time, agreements and protocols with their follow-up
 * actions, events, publications and the library of good practices. Networks, organisations and the
 * parties of an agreement are the programmes module's partners. Shared by the schema, the contract,
 * the services and the web app. No I/O.
 */

/** What an organisation is in a network, for a period. */
export const MEMBERSHIP_ROLES = [
  'member',
  'founding-member',
  'board-member',
  'vice-president',
  'president',
  'chair',
  'observer',
] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

/**
 * How precisely a date is known: 'day' (6 December 2016), 'month' (April 2014) or 'year' (since 2003).
 * A date known to the month is stored as the month's first day (its end as the month's last day), and
 * shown as the month alone: no day is invented.
 */
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const AGREEMENT_KINDS = ['protocol', 'memorandum', 'agreement', 'letter-of-intent'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_STATUSES = ['draft', 'signed', 'in-force', 'expired', 'terminated'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

/** A 'founding' event records a network's foundation (WAPES, 18 October 1988, Geneva). */
export const EVENT_KINDS = ['meeting', 'workshop', 'conference', 'study-visit', 'founding'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const ACTION_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The reminders a follow-up action's owner receives: some days before the deadline, and once overdue. */
export const REMINDER_STAGES = ['before', 'overdue'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

/** How many days before its deadline an open action's owner is reminded. */
export const REMINDER_LEAD_DAYS = 7;

export const PUBLICATION_KINDS = ['magazine-issue', 'report', 'bulletin', 'book'] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** Themes shared by publications and good practices (a closed list, so that filters and search agree). */
export const THEMES = [
  'future-of-work',
  'migration',
  'employment-policy',
  'youth',
  'women',
  'disability',
  'skills',
  'job-clubs',
  'informality',
  'cooperatives',
  'social-dialogue',
  'digital-services',
] as const;
export type Theme = (typeof THEMES)[number];

/** What the timeline of a partner lists. */
export const TIMELINE_KINDS = ['membership', 'agreement', 'event', 'follow-up'] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

const DAY_MS = 86_400_000;

/** Adds days to an ISO date (yyyy-mm-dd), in UTC, returning an ISO date. */
export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last day of the month of an ISO date. */
export function monthEnd(isoDate: string): string {
  const [y, m] = isoDate.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * Whether two periods overlap, both ends inclusive; a null end is open (still running).
 */
export function periodsOverlap(
  a: { startDate: string; endDate: string | null },
  b: { startDate: string; endDate: string | null },
): boolean {
  const aEnd = a.endDate ?? '9999-12-31';
  const bEnd = b.endDate ?? '9999-12-31';
  return a.startDate <= bEnd && b.startDate <= aEnd;
}

/**
 * Which reminder an open action is due for on `today` (both ISO dates), or null: 'overdue' once the
 * deadline has passed, 'before' from REMINDER_LEAD_DAYS days before it to the deadline itself. A stage
 * already sent is never due again; an action first seen overdue gets only the overdue reminder.
 */
export function dueReminder(
  deadline: string,
  today: string,
  sent: { before: boolean; overdue: boolean },
): ReminderStage | null {
  if (today > deadline) return sent.overdue ? null : 'overdue';
  if (today >= addDays(deadline, -REMINDER_LEAD_DAYS)) return sent.before ? null : 'before';
  return null;
}

/** Orders timeline entries by date, then by how long ago they ended, then by kind (stable for equal dates). */
export function compareTimeline(
  a: { date: string; kind: TimelineKind; id: string },
  b: { date: string; kind: TimelineKind; id: string },
): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const k = TIMELINE_KINDS.indexOf(a.kind) - TIMELINE_KINDS.indexOf(b.kind);
  if (k !== 0) return k;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Normalises a date given with a precision: 'month' → the month's first day, 'year' → 1 January (and
 * for an end date the month's or year's last day), so that overlaps and ordering stay correct.
 */
export function normaliseDate(isoDate: string, precision: DatePrecision, end: boolean): string {
  if (precision === 'day') return isoDate;
  if (precision === 'year') return `${isoDate.slice(0, 4)}-${end ? '12-31' : '01-01'}`;
  const first = `${isoDate.slice(0, 7)}-01`;
  return end ? monthEnd(first) : first;
}
