import type { Config } from '../config/config.ts';
import type { Db } from '../db/client.ts';
import type { Locale } from '../../common/locales.ts';
import type { Actor } from './access.ts';
import type { Clock } from './clock.ts';

/** What a service needs to know about the call: who, where, when, and the database. */
export interface Ctx {
  db: Db;
  actor: Actor | null;
  requestId: string;
  locale: Locale;
  ip: string;
  userAgent: string | null;
  clock: Clock;
  config: Config;
}

/**
 * Runs `work` in one transaction with a context whose `db` is that transaction. Code inside must use
 * the context it is given: on PGlite (one connection) a query through the outer `ctx.db` while the
 * transaction is open would wait for it forever.
 */
export function inTransaction<T>(ctx: Ctx, work: (txCtx: Ctx) => Promise<T>): Promise<T> {
  return ctx.db.transaction((tx) => work({ ...ctx, db: tx }));
}
