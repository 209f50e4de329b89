import path from 'node:path';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import pg from 'pg';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema/index.ts';
import { poolConfig } from './multihost.ts';
import { oneStatementAtATime } from './one-at-a-time.ts';

export type Schema = typeof schema;
/** The one database interface the application sees; a transaction is one too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs raw SQL without parameters (several statements allowed). */
  exec(sqlText: string): Promise<void>;
  /** Runs one parameterised statement and returns its rows. */
  query<T = Record<string, unknown>>(sqlText: string, params?: unknown[]): Promise<T[]>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Present for PGlite only: the one embedded connection (test clones, the job engine's adapter). */
  pglite?: PGlite;
  /** Present for a server only: the address it was opened with (the job engine opens its own pool). */
  url?: string;
  /** A streaming replica (DATABASE_REPLICA_URL) for lag-tolerant reads: see lib/replica.ts. */
  replica?: Replica;
}

/** A read-only standby of the primary, and how far it has replayed the primary's changes. */
export interface Replica {
  db: Db;
  /** Whether the replica has replayed the primary's write-ahead log up to `lsn` (a pg_lsn such as 0/3000060). */
  replayedPast(lsn: string): Promise<boolean>;
  /** The primary's current write-ahead log position: a read after it on the replica sees every write so far. */
  primaryLsn(): Promise<string>;
}

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, 'migrations');
export const pgliteExtensions = { pg_trgm, unaccent, btree_gin, btree_gist };

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** Folder for PGlite; undefined means in memory. */
  pgliteDir?: string | undefined;
  /** An existing dump to start PGlite from (tests). */
  loadDataDir?: Blob | File | undefined;
  poolSize?: number;
  /** A streaming replica of the server (DATABASE_REPLICA_URL): opened beside the primary, for reads only. */
  replicaUrl?: string | undefined;
  /** Called with the SQL text of every statement (tests compare code paths). */
  onQuery?: ((sql: string) => void) | undefined;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  const logger = options.onQuery ? { logQuery: (query: string) => options.onQuery!(query) } : undefined;
  if (options.databaseUrl) {
    const database = await openPostgres(options.databaseUrl, options.poolSize ?? 10, logger);
    if (options.replicaUrl) return withReplica(database, options.replicaUrl, options.poolSize ?? 10, logger);
    return database;
  }
  return openPglite(options.pgliteDir, options.loadDataDir, logger);
}

type QueryLogger = { logQuery(query: string, params: unknown[]): void } | undefined;

async function openPglite(
  dir: string | undefined,
  loadDataDir: Blob | File | undefined,
  logger: QueryLogger,
): Promise<Database> {
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const client = new PGlite({
    ...(dir ? { dataDir: dir } : {}),
    extensions: pgliteExtensions,
    ...(loadDataDir ? { loadDataDir } : {}),
  });
  await client.waitReady;
  const db = drizzlePglite(client, { schema, ...(logger ? { logger } : {}) }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    pglite: client,
    async exec(sqlText) {
      await client.exec(sqlText);
    },
    async query<T>(sqlText: string, params: unknown[] = []) {
      const result = await client.query<T>(sqlText, params);
      return result.rows;
    },
    async migrate() {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

/** Opens the replica's pool beside the primary's; closing the database closes both. */
async function withReplica(primary: Database, url: string, poolSize: number, logger: QueryLogger): Promise<Database> {
  const standby = await openPostgres(url, poolSize, logger).catch(async (err: unknown) => {
    await primary.close();
    throw err;
  });
  const [role] = await standby.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
  if (!role?.standby) {
    await Promise.all([standby.close(), primary.close()]);
    throw new Error('DATABASE_REPLICA_URL names a server that is not a standby (pg_is_in_recovery() is false)');
  }
  return {
    ...primary,
    replica: {
      db: standby.db,
      async replayedPast(lsn) {
        const [row] = await standby.query<{ ok: boolean | null }>(
          'SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok',
          [lsn],
        );
        return row?.ok === true;
      },
      async primaryLsn() {
        const [row] = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
        return row!.lsn;
      },
    },
    async close() {
      await Promise.all([standby.close(), primary.close()]);
    },
  };
}

async function openPostgres(url: string, poolSize: number, logger: QueryLogger): Promise<Database> {
  // Several hosts (`h1:p1,h2:p2`, failover): connections go to the writable one (db/multihost.ts); each is
  // given one statement at a time, also when a transaction's code reads side by side (db/one-at-a-time.ts).
  const config = poolConfig(url);
  const pool = new pg.Pool({ ...config, Client: oneStatementAtATime(config.Client ?? pg.Client), max: poolSize });
  // An idle client losing its connection (server restart, failover) must not crash the process:
  // the pool drops it and the next query opens a new one.
  let closing = false;
  pool.on('error', (err) => {
    // A connection still ending after close() (its server session terminated meanwhile) is not "lost".
    if (!closing) console.error(`[köprü] database connection lost: ${err.message}`);
  });
  // Fail early with a clear message when the server cannot be reached.
  const probe = await pool.connect();
  probe.release();
  const db = drizzlePg(pool, { schema, ...(logger ? { logger } : {}) }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    url,
    async exec(sqlText) {
      await pool.query(sqlText);
    },
    async query<T>(sqlText: string, params: unknown[] = []) {
      const result = await pool.query(sqlText, params);
      return result.rows as T[];
    },
    async migrate() {
      await migratePg(drizzlePg(pool, { schema }), { migrationsFolder: MIGRATIONS_DIR });
    },
    async close() {
      closing = true;
      await pool.end();
    },
  };
}
