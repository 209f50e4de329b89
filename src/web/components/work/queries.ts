import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { MinimumWage } from '../../api/types.ts';
import type { WorkingTimeLimits } from './types.ts';

/** Provinces of Türkiye (GET /geography/provinces), sorted in Turkish order. */
export function useProvinces() {
  return useQuery({
    queryKey: ['geography', 'provinces'],
    queryFn: async () => {
      const data = await api<{ items: { code: string; name: string }[] }>('/geography/provinces');
      return [...data.items].sort((a, b) => a.name.localeCompare(b.name, 'tr'));
    },
    staleTime: Infinity,
  });
}

/** Districts of a province (GET /geography/districts); nothing until a province is chosen. */
export function useDistricts(province: string | null | undefined) {
  return useQuery({
    queryKey: ['geography', 'districts', province],
    queryFn: () => api<{ province: string; items: string[] }>('/geography/districts', { query: { province } }),
    enabled: Boolean(province && province.length >= 2),
    staleTime: Infinity,
  });
}

export const LIMITS_KEY = ['decent-work', 'limits'] as const;

export function useDecentWorkLimits() {
  return useQuery({
    queryKey: LIMITS_KEY,
    queryFn: () => api<WorkingTimeLimits>('/decent-work/limits'),
    staleTime: 60_000,
  });
}

export function useMinimumWageTable() {
  return useQuery({
    queryKey: ['minimum-wages'],
    queryFn: () => api<{ items: MinimumWage[] }>('/reference/minimum-wages'),
    staleTime: 60_000,
  });
}
