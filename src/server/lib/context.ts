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
