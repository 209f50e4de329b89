import type { FastifyBaseLogger } from 'fastify';
import type { AppDeps } from '../../http.ts';
import { deliverDue } from './outbox.service.ts';

/**
 * Polls the outbox every few seconds. Claims use SKIP LOCKED, so every app instance may run one.
 * Returns a function that stops the loop and waits for the batch in flight.
 */
export function startOutboxWorker(deps: AppDeps, log: FastifyBaseLogger, intervalMs = 2000): () => Promise<void> {
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    if (stopped) return;
    running = deliverDue({ db: deps.database.db, clock: deps.clock, config: deps.config, transports: deps.transports })
      .then((tally) => {
        if (tally.sent + tally.failed + tally.captured + tally.retried > 0)
          log.info({ outbox: tally }, 'outbox delivery');
      })
      .catch((err: unknown) => log.error({ err }, 'outbox delivery failed'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  let timer = setTimeout(tick, 500);
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await running;
  };
}
