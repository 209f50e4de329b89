import { describe, expect, it } from 'vitest';
import { canTransition, REFERRAL_STATUSES, REFERRAL_TRANSITIONS, type ReferralStatus } from './referral-workflow.ts';

describe('referral workflow', () => {
  it('follows proposed → sent → seen → interview → hired', () => {
    expect(canTransition('proposed', 'sent', 'staff')).toBe(true);
    expect(canTransition('sent', 'seen', 'employer')).toBe(true);
    expect(canTransition('seen', 'interview', 'employer')).toBe(true);
    expect(canTransition('interview', 'hired', 'employer')).toBe(true);
  });

  it('keeps sending to staff and refusals to the side that refuses', () => {
    expect(canTransition('proposed', 'sent', 'employer')).toBe(false);
    expect(canTransition('sent', 'refused-by-person', 'employer')).toBe(false);
    expect(canTransition('proposed', 'hired', 'staff')).toBe(false);
  });

  it('has no way out of a terminal status', () => {
    for (const terminal of [
      'hired',
      'refused-by-employer',
      'refused-by-person',
      'withdrawn',
      'obsolete',
    ] as ReferralStatus[]) {
      for (const to of REFERRAL_STATUSES) {
        for (const who of ['staff', 'employer', 'system'] as const)
          expect(canTransition(terminal, to, who)).toBe(false);
      }
    }
  });

  it('lets every open status become obsolete when the person is hired elsewhere', () => {
    for (const from of ['proposed', 'sent', 'seen', 'interview'] as ReferralStatus[]) {
      expect(REFERRAL_TRANSITIONS[from].obsolete).toEqual(['system']);
    }
  });
});
