import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from './http.ts';
import type { Ctx } from './lib/context.ts';
import { remindOverdue } from './modules/referrals/referrals.service.ts';

/** A context for work the system does on its own (no signed-in actor). */
export function systemContext(deps: AppDeps, requestId: string): Ctx {
  return {
    db: deps.database.db,
    actor: null,
    requestId,
    locale: 'tr',
    ip: '127.0.0.1',
    userAgent: 'kopru-jobs',
    clock: deps.clock,
    config: deps.config,
  };
}

/** Periodic work. Each job is safe to run on several instances at once (claims are made in the database). */
export const PERIODIC_JOBS: { name: string; everyMs: number; run: (deps: AppDeps) => Promise<number> }[] = [
  {
    name: 'referral-reminders',
    everyMs: 15 * 60 * 1000,
    run: (deps) => remindOverdue({ db: deps.database.db, ctx: systemContext(deps, 'job:referral-reminders') }),
  },
];

export async function runJobsOnce(deps: AppDeps): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const job of PERIODIC_JOBS) result[job.name] = await job.run(deps);
  return result;
}

export function startPeriodicJobs(deps: AppDeps, log: FastifyBaseLogger): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  for (const job of PERIODIC_JOBS) {
    const tick = () => {
      const p = job
        .run(deps)
        .then((n) => {
          if (n > 0) log.info({ job: job.name, count: n }, 'periodic job');
        })
        .catch((err: unknown) => log.error({ err, job: job.name }, 'periodic job failed'))
        .finally(() => running.delete(p));
      running.add(p);
    };
    timers.push(setTimeout(tick, 60_000), setInterval(tick, job.everyMs));
  }
  return async () => {
    for (const t of timers) clearTimeout(t);
    await Promise.all([...running]);
  };
}
