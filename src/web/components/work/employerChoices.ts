import { useOp } from '../../api/ops.ts';
import { listEmployers } from '../../../common/contracts/employers.ts';
import type { EmployerStatus } from '../../../common/enums.ts';
import { employerName } from './labels.ts';
import type { Employer } from './types.ts';

/**
 * The organisation's employers to choose one from (a placement, a work permit, a vacancy, a cooperative
 * member's employer; only the verified ones where they take part in something): one cached list per
 * status for every picker, never an id typed by hand.
 */
export function useEmployerChoices(enabled = true, status?: EmployerStatus) {
  return useOp(listEmployers, { query: { status, pageSize: 100 } }, { enabled, staleTime: 30_000 });
}

/** The options of an employer picker: the employers' names (trade name beside the legal one). */
export function employerOptions(items: readonly Employer[] | undefined): { value: string; label: string }[] {
  return (items ?? []).map((e) => ({ value: e.id, label: employerName(e) }));
}
