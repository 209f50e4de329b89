/**
 * Value sets and pure rules of job fairs (issue 13, docs/FAIRS.md): how a visitor came, where an
 * application at a fair stands, and how the report groups visitors. Shared by the database schema,
 * the contract, the services and the web app.
 */
import type { TargetGroup } from './enums.ts';

export const FAIR_STATUSES = ['planned', 'open', 'closed', 'cancelled'] as const;
export type FairStatus = (typeof FAIR_STATUSES)[number];

/** Pre-registered by staff (a registered person), or walked in through the fair's public page (QR code). */
export const VISITOR_CHANNELS = ['pre-registered', 'walk-in'] as const;
export type VisitorChannel = (typeof VISITOR_CHANNELS)[number];

/** What a walk-in may say of their sex: nothing more is asked (data minimisation). */
export const VISITOR_SEXES = ['female', 'male', 'unstated'] as const;
export type VisitorSex = (typeof VISITOR_SEXES)[number];

/**
 * An application made at the fair. For a published vacancy it is a referral (the referrals module
 * follows it); for a fair-only position the fair module follows it: interview, hire (a `job-fair`
 * placement) or not hired.
 */
export const FAIR_APPLICATION_STATUSES = ['applied', 'interview', 'hired', 'not-hired'] as const;
export type FairApplicationStatus = (typeof FAIR_APPLICATION_STATUSES)[number];

/** Transitions of an application to a fair-only position. */
export const FAIR_APPLICATION_TRANSITIONS: Record<FairApplicationStatus, readonly FairApplicationStatus[]> = {
  applied: ['interview', 'hired', 'not-hired'],
  interview: ['hired', 'not-hired'],
  hired: [],
  'not-hired': [],
};

/** The report's row for visitors who are not (yet) registered persons: they have no target group. */
export const UNREGISTERED_GROUP = 'unregistered' as const;
export type VisitorGroup = TargetGroup | 'none' | typeof UNREGISTERED_GROUP;

/** Referral statuses (src/common/referral-workflow.ts) that count as an interview held or a hire. */
export const INTERVIEWED_REFERRAL_STATUSES = ['interview', 'hired'] as const;

/** The address of a fair's walk-in page (and its QR code). */
export function walkInUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/f/${encodeURIComponent(token)}`;
}
