import { useOp } from '../../api/ops.ts';
import { listMinimumWages } from '../../../common/contracts/reference.ts';
import { getDecentWorkLimits } from '../../../common/contracts/vacancies.ts';

export { useDistricts, useProvinces } from '../people/reference.ts';

/** The platform's decent-work limits (GET /decent-work/limits). */
export function useDecentWorkLimits() {
  return useOp(getDecentWorkLimits, undefined, { staleTime: 60_000 });
}

/** The minimum-wage table (GET /reference/minimum-wages), for the live check. */
export function useMinimumWageTable() {
  return useOp(listMinimumWages, undefined, { staleTime: 60_000 });
}
