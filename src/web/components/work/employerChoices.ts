import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { employerName } from './labels.ts';
import type { Employer } from './types.ts';

/**
 * The organisation's employers to choose one from (a placement, a work permit, a vacancy, a cooperative
 * member's employer): one cached list for every picker, never an id typed by hand.
 */
export function useEmployerChoices(enabled = true) {
  return useQuery({
    queryKey: ['employers', 'choices'],
    queryFn: () => api<Page<Employer>>('/employers', { query: { pageSize: 100 } }),
    enabled,
    staleTime: 30_000,
  });
}

/** The options of an employer picker: the employers' names (trade name beside the legal one). */
export function employerOptions(items: readonly Employer[] | undefined): { value: string; label: string }[] {
  return (items ?? []).map((e) => ({ value: e.id, label: employerName(e) }));
}
