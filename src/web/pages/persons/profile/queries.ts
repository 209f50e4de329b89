import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { callOp } from '../../../api/ops.ts';
import { getPerson, listConsents } from '../../../../common/contracts/people.ts';
import { getCase, listCasesOfPerson } from '../../../../common/contracts/cases.ts';

export const personKey = (id: string) => ['person', id] as const;

export function usePerson(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: personKey(id), queryFn: () => callOp(getPerson, { params: { id } }), enabled });
}

export function useConsents(id: string) {
  return useQuery({
    queryKey: [...personKey(id), 'consents'],
    queryFn: () => callOp(listConsents, { params: { id } }),
  });
}

export function useEpisodes(id: string, enabled = true) {
  return useQuery({
    queryKey: [...personKey(id), 'cases'],
    queryFn: () => callOp(listCasesOfPerson, { params: { id } }),
    enabled,
  });
}

export function useCase(caseId: string | null | undefined) {
  return useQuery({
    queryKey: ['case', caseId],
    queryFn: () => callOp(getCase, { params: { id: caseId ?? '' } }),
    enabled: Boolean(caseId),
  });
}

/** Reloads everything shown about a person (profile, consents, cases, household, appointments, documents). */
export function useRefreshPerson(id: string) {
  const client = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: personKey(id) }),
      client.invalidateQueries({ queryKey: ['case'] }),
      client.invalidateQueries({ queryKey: ['persons'] }),
      client.invalidateQueries({ queryKey: ['counsellor-home'] }),
    ]);
  }, [client, id]);
}
