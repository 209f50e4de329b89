import i18next from 'i18next';
import { BUILT_IN_ROLES, type Permission } from '../../../common/permissions.ts';
import type { RoleRef } from '../../../common/contracts/identity.ts';

/** A role's name: built-in roles by their key in the user's language, custom roles as named. */
export function roleName(role: Pick<RoleRef, 'key' | 'name'> & { builtIn?: boolean }): string {
  const builtIn = role.builtIn ?? (BUILT_IN_ROLES as readonly string[]).includes(role.key);
  return builtIn && i18next.exists(`roles.${role.key}`) ? i18next.t(`roles.${role.key}`) : role.name;
}

export function permissionLabel(permission: string): string {
  return i18next.exists(`permissions.${permission}`) ? i18next.t(`permissions.${permission}`) : permission;
}

/** Permissions grouped the way an administrator thinks about them. */
export const PERMISSION_GROUPS: { key: string; permissions: readonly Permission[] }[] = [
  {
    key: 'people',
    permissions: [
      'persons:read',
      'persons:write',
      'cases:read',
      'cases:write',
      'special-category:read',
      'id-number:reveal',
    ],
  },
  {
    key: 'employers',
    permissions: [
      'employers:read',
      'employers:write',
      'vacancies:read',
      'vacancies:write',
      'vacancies:approve',
      'referrals:read',
      'referrals:write',
      'placements:read',
      'placements:write',
      'graduation:manage',
      'matching:policy',
    ],
  },
  { key: 'training', permissions: ['courses:read', 'courses:write', 'courses:manage', 'courses:apply'] },
  { key: 'programmes', permissions: ['programmes:read', 'programmes:manage'] },
  { key: 'international', permissions: ['international:read', 'international:manage'] },
  { key: 'childcare', permissions: ['childcare:read', 'childcare:write', 'childcare:manage'] },
  { key: 'surveys', permissions: ['surveys:read', 'surveys:manage', 'surveys:enter'] },
  { key: 'cooperatives', permissions: ['cooperatives:read', 'cooperatives:manage'] },
  { key: 'fairs', permissions: ['fairs:read', 'fairs:manage'] },
  { key: 'reporting', permissions: ['indicators:read', 'matching:fairness'] },
  {
    key: 'administration',
    permissions: ['users:read', 'users:manage', 'roles:manage', 'offices:manage', 'offices:all', 'organisation:manage'],
  },
  { key: 'oversight', permissions: ['audit:read', 'outbox:read', 'dpo:desk'] },
  { key: 'platform', permissions: ['platform:reference', 'jobs:manage', 'taxonomy:manage'] },
  { key: 'portals', permissions: ['employer-portal', 'seeker-self'] },
];

/** Groups the permissions the server offers; any it knows that we do not group go to "other". */
export function groupPermissions(available: readonly string[]): { key: string; permissions: string[] }[] {
  const grouped = new Set<string>(PERMISSION_GROUPS.flatMap((g) => g.permissions));
  const groups: { key: string; permissions: string[] }[] = PERMISSION_GROUPS.map((g) => ({
    key: g.key,
    permissions: g.permissions.filter((p) => available.includes(p)),
  })).filter((g) => g.permissions.length > 0);
  const other = available.filter((p) => !grouped.has(p));
  if (other.length > 0) groups.push({ key: 'other', permissions: other });
  return groups;
}
