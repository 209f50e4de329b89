import type { AppDeps } from '../http.ts';
import type { Ctx } from '../lib/context.ts';
import { deliverDue, deliverMessage } from '../modules/outbox/index.ts';
import { remindOverdue } from '../modules/referrals/index.ts';
import { remindFollowUps } from '../modules/placements/index.ts';
import { sweepGraduations } from '../modules/graduation/index.ts';
import { sweepCooperatives } from '../modules/cooperatives/index.ts';
import { sweepWalkInPhones } from '../modules/fairs/index.ts';
import { proposeDueBatches, runBatch } from '../modules/dataprotection/index.ts';
import { remindFollowUpActions } from '../modules/international/index.ts';
import { countFairnessPool, sweepFairnessFlags } from '../modules/matching/index.ts';
import { sweepImportJobs } from '../modules/people/index.ts';
import { refreshAggregates, runExport, sweepExpiredExports, sweepReports } from '../modules/indicators/index.ts';
import type { JobHandlers } from './engine.ts';
import { assertQueuesDeclared, QUEUES, type QueueName } from './queues.ts';

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
    jobs: deps.jobs,
  };
}

const deliveryDeps = (deps: AppDeps) => ({
  db: deps.database.db,
  clock: deps.clock,
  config: deps.config,
  transports: deps.transports,
});

/**
 * The periodic sweeps: each acts on what is due in the domain tables by the application clock, so a
 * test sets the clock and calls `runSweep` instead of waiting for the schedule.
 */
export const SWEEPS = {
  'outbox-sweep': (deps: AppDeps) => deliverDue(deliveryDeps(deps), 100),
  'referral-reminders': (deps: AppDeps) => remindOverdue(systemContext(deps, 'job:referral-reminders')),
  'placement-follow-ups': (deps: AppDeps) => remindFollowUps(systemContext(deps, 'job:placement-follow-ups')),
  'graduation-sweep': (deps: AppDeps) => sweepGraduations(systemContext(deps, 'job:graduation-sweep')),
  'dp-destruction-sweep': (deps: AppDeps) => proposeDueBatches(systemContext(deps, 'job:dp-destruction-sweep')),
  'international-follow-ups': (deps: AppDeps) =>
    remindFollowUpActions(systemContext(deps, 'job:international-follow-ups')),
  'cooperative-sweep': (deps: AppDeps) => sweepCooperatives(systemContext(deps, 'job:cooperative-sweep')),
  'fair-walk-in-sweep': (deps: AppDeps) => sweepWalkInPhones(systemContext(deps, 'job:fair-walk-in-sweep')),
  'indicator-exports-sweep': (deps: AppDeps) => sweepExpiredExports(systemContext(deps, 'job:indicator-exports-sweep')),
  'indicator-reports-sweep': (deps: AppDeps) => sweepReports(systemContext(deps, 'job:indicator-reports-sweep')),
  'indicator-aggregates-refresh': (deps: AppDeps) =>
    refreshAggregates(systemContext(deps, 'job:indicator-aggregates-refresh')),
  'matching-fairness-sweep': (deps: AppDeps) => sweepFairnessFlags(systemContext(deps, 'job:matching-fairness-sweep')),
  'person-import-sweep': (deps: AppDeps) => sweepImportJobs(systemContext(deps, 'job:person-import-sweep')),
} satisfies Partial<Record<QueueName, (deps: AppDeps) => Promise<unknown>>>;

export type SweepName = keyof typeof SWEEPS;

export function isSweepName(name: string): name is SweepName {
  return Object.hasOwn(SWEEPS, name);
}

export function runSweep<S extends SweepName>(deps: AppDeps, name: S): ReturnType<(typeof SWEEPS)[S]> {
  return SWEEPS[name](deps) as ReturnType<(typeof SWEEPS)[S]>;
}

/**
 * What each queue's job does. Every handler is idempotent: a job may run more than once. The workers
 * refuse to start when a queue of the jobs contract has no handler here.
 */
export function jobHandlers(deps: AppDeps): Required<JobHandlers> {
  const handlers: Required<JobHandlers> = {
    'outbox-deliver': ({ messageId }) => deliverMessage(deliveryDeps(deps), messageId),
    'outbox-sweep': () => runSweep(deps, 'outbox-sweep'),
    'referral-reminders': () => runSweep(deps, 'referral-reminders'),
    'placement-follow-ups': () => runSweep(deps, 'placement-follow-ups'),
    'graduation-sweep': () => runSweep(deps, 'graduation-sweep'),
    'dp-destruction-sweep': () => runSweep(deps, 'dp-destruction-sweep'),
    'international-follow-ups': () => runSweep(deps, 'international-follow-ups'),
    'cooperative-sweep': () => runSweep(deps, 'cooperative-sweep'),
    'fair-walk-in-sweep': () => runSweep(deps, 'fair-walk-in-sweep'),
    'dp-destruction-run': ({ batchId, organisationId }) =>
      runBatch(systemContext(deps, 'job:dp-destruction-run'), batchId, organisationId),
    'indicator-export': ({ exportId, organisationId }, job) =>
      runExport(systemContext(deps, 'job:indicator-export'), exportId, organisationId, {
        lastAttempt: job.retryCount >= QUEUES['indicator-export'].retryLimit,
      }),
    'indicator-exports-sweep': () => runSweep(deps, 'indicator-exports-sweep'),
    'indicator-reports-sweep': () => runSweep(deps, 'indicator-reports-sweep'),
    'matching-fairness-sweep': () => runSweep(deps, 'matching-fairness-sweep'),
    'matching-fairness-pool': (data) => countFairnessPool(systemContext(deps, 'job:matching-fairness-pool'), data),
    'indicator-aggregates-refresh': () => runSweep(deps, 'indicator-aggregates-refresh'),
    'person-import-sweep': () => runSweep(deps, 'person-import-sweep'),
  };
  assertQueuesDeclared(handlers);
  return handlers;
}
