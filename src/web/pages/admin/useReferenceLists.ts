import { useQuery } from '@tanstack/react-query';
import { ROLE_USER_KIND, type BuiltInRole } from '../../../common/permissions.ts';
import { api } from '../../api/client.ts';
import type { Office, Role, UserKind } from '../../api/types.ts';

export const ROLES_KEY = ['roles'] as const;
export const OFFICES_KEY = ['offices'] as const;

export function useRoles(enabled = true) {
  return useQuery({ queryKey: ROLES_KEY, queryFn: () => api<{ items: Role[] }>('/roles'), enabled, staleTime: 30_000 });
}

export function useOffices(enabled = true) {
  return useQuery({
    queryKey: OFFICES_KEY,
    queryFn: () => api<{ items: Office[] }>('/offices'),
    enabled,
    staleTime: 30_000,
  });
}

/** Which kind of user a role is for: built-in roles by their key, custom roles by their permissions. */
export function roleKind(role: Pick<Role, 'key' | 'builtIn' | 'permissions'>): UserKind {
  if (role.builtIn && role.key in ROLE_USER_KIND) return ROLE_USER_KIND[role.key as BuiltInRole];
  if (role.permissions.includes('employer-portal')) return 'employer';
  if (role.permissions.includes('seeker-self')) return 'seeker';
  return 'staff';
}
