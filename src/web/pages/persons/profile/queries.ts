import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../../api/client.ts';
import type { CaseDetail, CaseEpisode, Consents, Person } from '../../../components/people/types.ts';

export const personKey = (id: string) => ['person', id] as const;

export function usePerson(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: personKey(id), queryFn: () => api<Person>(`/persons/${id}`), enabled });
}

export function useConsents(id: string) {
  return useQuery({
    queryKey: [...personKey(id), 'consents'],
    queryFn: () => api<Consents>(`/persons/${id}/consents`),
  });
}

export function useEpisodes(id: string, enabled = true) {
  return useQuery({
    queryKey: [...personKey(id), 'cases'],
    queryFn: () => api<{ items: CaseEpisode[] }>(`/persons/${id}/cases`),
    enabled,
  });
}

export function useCase(caseId: string | null | undefined) {
  return useQuery({
    queryKey: ['case', caseId],
    queryFn: () => api<CaseDetail>(`/cases/${caseId}`),
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
