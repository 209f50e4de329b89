import { describe, expect, it } from 'vitest';
import { BUILT_IN_ROLE_PERMISSIONS, BUILT_IN_ROLES, PERMISSIONS, PERMISSIONS_BY_KIND } from './permissions.ts';

/**
 * The role → permission table as it stood before the role lists were built from shared blocks (issue 9):
 * written out in full, sorted, so that a change to a block that would silently widen or narrow a role
 * fails here. A deliberate change to a role's permissions is a change to this table too.
 */
const EXPECTED: Record<string, string[]> = {
  admin: [
    'audit:read',
    'cases:read',
    'childcare:read',
    'cooperatives:manage',
    'cooperatives:read',
    'courses:read',
    'employers:read',
    'fairs:read',
    'indicators:read',
    'international:manage',
    'international:read',
    'matching:fairness',
    'offices:all',
    'offices:manage',
    'organisation:manage',
    'outbox:read',
    'persons:read',
    'programmes:read',
    'referrals:read',
    'roles:manage',
    'surveys:read',
    'users:manage',
    'users:read',
    'vacancies:read',
  ],
  manager: [
    'cases:read',
    'childcare:manage',
    'childcare:read',
    'childcare:write',
    'cooperatives:manage',
    'cooperatives:read',
    'courses:apply',
    'courses:manage',
    'courses:read',
    'employers:read',
    'fairs:manage',
    'fairs:read',
    'graduation:manage',
    'indicators:read',
    'international:manage',
    'international:read',
    'matching:fairness',
    'matching:policy',
    'offices:all',
    'persons:read',
    'placements:read',
    'placements:write',
    'programmes:manage',
    'programmes:read',
    'referrals:read',
    'surveys:enter',
    'surveys:manage',
    'surveys:read',
    'users:read',
    'vacancies:approve',
    'vacancies:read',
  ],
  counsellor: [
    'cases:read',
    'cases:write',
    'childcare:read',
    'childcare:write',
    'cooperatives:read',
    'courses:apply',
    'courses:read',
    'employers:read',
    'fairs:manage',
    'fairs:read',
    'id-number:reveal',
    'persons:read',
    'persons:write',
    'placements:read',
    'placements:write',
    'referrals:read',
    'referrals:write',
    'special-category:read',
    'surveys:enter',
    'surveys:read',
    'vacancies:read',
  ],
  'employer-relations': [
    'cooperatives:read',
    'employers:read',
    'employers:write',
    'fairs:manage',
    'fairs:read',
    'persons:read',
    'referrals:read',
    'referrals:write',
    'vacancies:read',
    'vacancies:write',
  ],
  trainer: ['courses:read', 'courses:write', 'persons:read'],
  dpo: ['audit:read', 'dpo:desk', 'offices:all', 'outbox:read', 'users:read'],
  analyst: ['indicators:read', 'international:read', 'surveys:read'],
  employer: ['employer-portal'],
  seeker: ['seeker-self'],
  'platform-admin': ['jobs:manage', 'platform:reference', 'taxonomy:manage'],
};

describe('the built-in roles', () => {
  it('hold exactly the permissions of the table, each once', () => {
    expect(Object.keys(BUILT_IN_ROLE_PERMISSIONS).sort()).toEqual([...BUILT_IN_ROLES].sort());
    for (const role of BUILT_IN_ROLES) {
      const held = BUILT_IN_ROLE_PERMISSIONS[role];
      expect([...held].sort(), role).toEqual(EXPECTED[role]);
      expect(new Set(held).size, `${role} lists a permission twice`).toBe(held.length);
    }
  });

  it('leave staff roles every permission but the portals and the platform', () => {
    expect([...PERMISSIONS_BY_KIND.employer]).toEqual(['employer-portal']);
    expect([...PERMISSIONS_BY_KIND.seeker]).toEqual(['seeker-self']);
    expect([...PERMISSIONS_BY_KIND.staff].sort()).toEqual(
      PERMISSIONS.filter(
        (p) => !['employer-portal', 'seeker-self', 'platform:reference', 'jobs:manage', 'taxonomy:manage'].includes(p),
      ).sort(),
    );
    expect(PERMISSIONS).toHaveLength(51);
  });
});
