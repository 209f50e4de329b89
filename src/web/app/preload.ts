import type { QueryClient } from '@tanstack/react-query';
import { fetchMe, ME_KEY } from '../api/session.ts';
import { counsellorHomeQuery, todayAppointmentsQuery } from '../pages/home/queries.ts';
import { preloadFor } from './routes.tsx';

/**
 * At start-up, before the interface language is even loaded: ask who is signed in, fetch the code of the
 * screen the browser opened, and, for the home page, the counsellor's desk, all at the same time, instead
 * of one after the other (`/me`, then the screen's code, then its data).
 *
 * The desk's data is asked for on the chance that the visitor is a signed-in counsellor: for anyone else the
 * server refuses it (401 or 403, no data) and the answer is dropped. An answer that arrives is kept as the
 * screen's data (react-query shares the request when the screen asks while it is on its way).
 */
export function startEarly(queryClient: QueryClient, pathname: string): void {
  void queryClient.prefetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
  preloadFor(pathname);
  if (pathname === '/') {
    void queryClient.prefetchQuery({ ...counsellorHomeQuery, retry: false });
    void queryClient.prefetchQuery({ ...todayAppointmentsQuery, retry: false });
  }
}
