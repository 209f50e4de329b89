import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config/config.ts';
import type { Database } from './db/client.ts';
import type { Clock } from './lib/clock.ts';
import type { AccessPolicy, Actor } from './lib/access.ts';
import type { Locale } from '../common/locales.ts';
import type { Ctx } from './lib/context.ts';
import type { Transports } from './modules/outbox/index.ts';
import type { Jobs } from './jobs/engine.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface AppDeps {
  config: Config;
  database: Database;
  clock: Clock;
  transports: Transports;
  /** Where the log goes (tests read it); standard output when absent. */
  logStream?: { write(line: string): void };
  /** The started job engine (sending; workers only where main.ts starts them). */
  jobs: Jobs;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Required on every route: who may call it (see src/server/lib/access.ts). */
    access?: AccessPolicy;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    /** The call's context for services. */
    ctx: Ctx;
  }
}
