/**
 * The referral workflow, declared in one place: the statuses, which transitions are allowed, who may
 * make each one, and which reasons a refusal may give.
 */
export const REFERRAL_STATUSES = [
  'proposed',
  'sent',
  'seen',
  'interview',
  'hired',
  'refused-by-employer',
  'refused-by-person',
  'withdrawn',
  'obsolete',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Who proposed a referral: staff, the person through "apply" on the public board, or staff at a job fair. */
export const REFERRAL_SOURCES = ['staff', 'person', 'fair'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const EMPLOYER_REFUSAL_REASONS = ['skills', 'experience', 'no-show', 'position-filled', 'other'] as const;
export const PERSON_REFUSAL_REASONS = ['wage', 'distance', 'hours', 'childcare', 'health', 'other'] as const;

type Who = 'staff' | 'employer' | 'system';

/** Allowed transitions and who may make them. Terminal statuses have none. */
export const REFERRAL_TRANSITIONS: Record<ReferralStatus, Partial<Record<ReferralStatus, readonly Who[]>>> = {
  proposed: { sent: ['staff'], withdrawn: ['staff'], 'refused-by-person': ['staff'], obsolete: ['system'] },
  sent: {
    seen: ['employer', 'system'],
    interview: ['employer', 'staff'],
    hired: ['employer', 'staff'],
    'refused-by-employer': ['employer', 'staff'],
    'refused-by-person': ['staff'],
    withdrawn: ['staff'],
    obsolete: ['system'],
  },
  seen: {
    interview: ['employer', 'staff'],
    hired: ['employer', 'staff'],
    'refused-by-employer': ['employer', 'staff'],
    'refused-by-person': ['staff'],
    withdrawn: ['staff'],
    obsolete: ['system'],
  },
  interview: {
    hired: ['employer', 'staff'],
    'refused-by-employer': ['employer', 'staff'],
    'refused-by-person': ['staff'],
    withdrawn: ['staff'],
    obsolete: ['system'],
  },
  hired: {},
  'refused-by-employer': {},
  'refused-by-person': {},
  withdrawn: {},
  obsolete: {},
};

export const OPEN_STATUSES: readonly ReferralStatus[] = ['proposed', 'sent', 'seen', 'interview'];
/** The employer has answered once the referral reaches one of these. */
export const ANSWERED_STATUSES: readonly ReferralStatus[] = ['interview', 'hired', 'refused-by-employer'];

export function canTransition(from: ReferralStatus, to: ReferralStatus, who: Who): boolean {
  return REFERRAL_TRANSITIONS[from][to]?.includes(who) ?? false;
}
