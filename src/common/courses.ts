/**
 * The rules of vocational courses that the server applies and the web app shows (docs/COURSES.md):
 * eligibility, the selection priority, and the completion rule. Pure functions, no I/O.
 */
import type { TargetGroup } from './enums.ts';
import { ageOn } from './people.ts';

/** Which certificate a course gives: its own, one approved by the Ministry of National Education (e-Yaygın), or MYK's. */
export const CERTIFICATE_TYPES = ['none', 'participation', 'meb-e-yaygin', 'myk'] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

export const COURSE_STATUSES = ['open', 'closed', 'cancelled'] as const;
export type CourseStatus = (typeof COURSE_STATUSES)[number];

/**
 * An application's life: applied → (selection) enrolled | waiting; waiting → enrolled when a place
 * frees; enrolled → withdrawn (before the course) | dropped-out (during it) | completed | not-completed.
 */
export const APPLICATION_STATUSES = [
  'applied',
  'waiting',
  'enrolled',
  'withdrawn',
  'dropped-out',
  'completed',
  'not-completed',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_CHANNELS = ['counsellor', 'self-service'] as const;
export type ApplicationChannel = (typeof APPLICATION_CHANNELS)[number];

export const DROPOUT_REASONS = [
  'found-work',
  'health',
  'care-duties',
  'transport',
  'moved-away',
  'lost-interest',
  'unreachable',
  'other',
] as const;
export type DropoutReason = (typeof DROPOUT_REASONS)[number];

/** What a public verification answers for a code. */
export const CERTIFICATE_STATES = ['valid', 'unknown', 'revoked'] as const;
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

/**
 * Target groups that never lift a person's place in the queue: Roma origin and disability may do so
 * only with the person's consent to that use (DATA-PROTECTION.md), and no such consent purpose is
 * recorded yet. They still count for eligibility where a course is aimed at the group.
 */
export const PRIORITY_EXCLUDED_GROUPS: readonly TargetGroup[] = ['roma', 'disability'];

export interface EligibilityRule {
  startDate: string;
  minAge: number | null;
  maxAge: number | null;
  targetGroups: readonly TargetGroup[];
  targetGroupsRequired: boolean;
}

export type IneligibleReason = 'too-young' | 'too-old' | 'not-in-target-group';

/** Why a person may not join a course (empty: eligible). Age on the course's first day. */
export function ineligibility(
  rule: EligibilityRule,
  person: { birthDate: string; groups: readonly TargetGroup[] },
): IneligibleReason[] {
  const reasons: IneligibleReason[] = [];
  const age = ageOn(person.birthDate, rule.startDate);
  if (rule.minAge !== null && age < rule.minAge) reasons.push('too-young');
  if (rule.maxAge !== null && age > rule.maxAge) reasons.push('too-old');
  if (rule.targetGroupsRequired && rule.targetGroups.length > 0) {
    if (!person.groups.some((g) => rule.targetGroups.includes(g))) reasons.push('not-in-target-group');
  }
  return reasons;
}

/** The target groups of the course a person belongs to that lift their priority. */
export function priorityGroups(
  courseGroups: readonly TargetGroup[],
  personGroups: readonly TargetGroup[],
): TargetGroup[] {
  return courseGroups.filter((g) => personGroups.includes(g) && !PRIORITY_EXCLUDED_GROUPS.includes(g));
}

export interface Candidate {
  id: string;
  /** How many of the course's target groups (those that may lift priority) the person belongs to. */
  priority: number;
  appliedAt: string;
}

/**
 * The visible priority rule: more of the course's target groups first, then the earlier application,
 * then the application id (so that the order is total and the same every time).
 */
export function compareCandidates(a: Candidate, b: Candidate): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.appliedAt !== b.appliedAt) return a.appliedAt < b.appliedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export interface CompletionRule {
  /** Share of the course's sessions attended, 0–100. */
  minAttendancePercent: number;
  assessmentRequired: boolean;
}

export const DEFAULT_COMPLETION_RULE: CompletionRule = { minAttendancePercent: 80, assessmentRequired: false };

/** Attendance as a whole percentage (rounded down, so 79.9 % is not 80 %). */
export function attendancePercent(present: number, sessions: number): number {
  if (sessions <= 0) return 0;
  return Math.floor((present * 100) / sessions);
}

/** Whether an enrolled participant completed: enough attendance and, where required, a passed assessment. */
export function completes(
  rule: CompletionRule,
  facts: { present: number; sessions: number; assessmentPassed: boolean | null },
): boolean {
  if (attendancePercent(facts.present, facts.sessions) < rule.minAttendancePercent) return false;
  if (rule.assessmentRequired && facts.assessmentPassed !== true) return false;
  return true;
}

/** Initials of a name as a public verification shows them: "Ayşe Nur Yılmaz" → "A. N. Y." */
export function initialsOf(givenName: string, familyName: string): string {
  return `${givenName} ${familyName}`
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => `${[...w][0]!.toLocaleUpperCase('tr')}.`)
    .join(' ');
}

/** Verification codes: 12 characters without look-alikes (0/O, 1/I/L), grouped 4-4-4 for reading aloud. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_PATTERN = '^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$';

/** A typed code as stored: upper case, spaces and hyphens dropped, then grouped 4-4-4 with hyphens. */
export function normaliseCode(input: string): string {
  const plain = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return plain.length === 12 ? `${plain.slice(0, 4)}-${plain.slice(4, 8)}-${plain.slice(8)}` : plain;
}
