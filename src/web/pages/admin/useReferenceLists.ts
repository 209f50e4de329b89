import { ROLE_USER_KIND, type BuiltInRole } from '../../../common/permissions.ts';
import { listOffices, listRoles, type Role, type UserKind } from '../../../common/contracts/identity.ts';
import { useOp } from '../../api/ops.ts';

export function useRoles(enabled = true) {
  return useOp(listRoles, undefined, { enabled, staleTime: 30_000 });
}

export function useOffices(enabled = true) {
  return useOp(listOffices, undefined, { enabled, staleTime: 30_000 });
}

/** Which kind of user a role is for: built-in roles by their key, custom roles by their permissions. */
export function roleKind(role: Pick<Role, 'key' | 'builtIn' | 'permissions'>): UserKind {
  if (role.builtIn && role.key in ROLE_USER_KIND) return ROLE_USER_KIND[role.key as BuiltInRole];
  if (role.permissions.includes('employer-portal')) return 'employer';
  if (role.permissions.includes('seeker-self')) return 'seeker';
  return 'staff';
}
