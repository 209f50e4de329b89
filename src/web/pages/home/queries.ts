import { api } from '../../api/client.ts';
import type { Appointment, CounsellorHome } from '../../components/people/types.ts';

/**
 * The counsellor's desk on the home page (CounsellorDesk). Kept apart from the screen so that the start-up
 * code can fetch it beside `/me` (app/preload.ts) without loading the screen's code first.
 */
export const counsellorHomeQuery = {
  queryKey: ['counsellor-home'],
  queryFn: () => api<CounsellorHome>('/counsellor-home'),
} as const;

export const todayAppointmentsQuery = {
  queryKey: ['appointments', 'today'],
  queryFn: () => api<{ date: string; items: Appointment[] }>('/appointments/today'),
} as const;
