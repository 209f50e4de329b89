import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { useOp } from '../../api/ops.ts';
import { listMinimumWages } from '../../../common/contracts/reference.ts';
import { getDecentWorkLimits } from '../../../common/contracts/vacancies.ts';

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

/** The platform's decent-work limits (GET /decent-work/limits). */
export function useDecentWorkLimits() {
  return useOp(getDecentWorkLimits, undefined, { staleTime: 60_000 });
}

/** The minimum-wage table (GET /reference/minimum-wages), for the live check. */
export function useMinimumWageTable() {
  return useOp(listMinimumWages, undefined, { staleTime: 60_000 });
}
