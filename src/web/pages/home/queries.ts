import { callOp } from '../../api/ops.ts';
import { getCounsellorHome, todaysAppointments } from '../../../common/contracts/cases.ts';

/**
 * The counsellor's desk on the home page (CounsellorDesk). Kept apart from the screen so that the start-up
 * code can fetch it beside `/me` (app/preload.ts) without loading the screen's code first.
 */
export const counsellorHomeQuery = {
  queryKey: ['counsellor-home'],
  queryFn: () => callOp(getCounsellorHome),
} as const;

export const todayAppointmentsQuery = {
  queryKey: ['appointments', 'today'],
  queryFn: () => callOp(todaysAppointments),
} as const;
