import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { Permission } from '../../common/permissions.ts';
import { ApiError } from './client.ts';
import { callOp, opKey } from './ops.ts';
import { getMe, type Me } from '../../common/contracts/identity.ts';

/**
 * The session's cache key, `['me']` (the key of `getMe`): sign-in, sign-out and the second factor
 * invalidate or set it, and the language switch reads again every query but this one.
 */
export const ME_KEY = opKey(getMe);

/** Who is signed in: the user, or null when the server answers 401. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await callOp(getMe);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000, retry: false });
}

/** The signed-in user; only for screens rendered behind the session guard. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside a signed-in screen');
  return data;
}

export function hasAny(me: Me | null | undefined, permissions: readonly Permission[]): boolean {
  if (!me || me.stage !== 'active') return false;
  return permissions.some((p) => me.permissions.includes(p));
}

export function useCan() {
  const { data } = useMe();
  return useCallback((...permissions: Permission[]) => hasAny(data, permissions), [data]);
}

/** Reloads who is signed in (after sign-in, sign-out, second factor…). */
export function useRefreshMe() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
    return queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
  }, [queryClient]);
}
