import { readMigrationFiles } from 'drizzle-orm/migrator';
import { addressUser, newClient } from './multihost.ts';
import { installJobs, jobsInstalled } from '../jobs/engine.ts';
import { MIGRATIONS_DIR, type Database } from './client.ts';

/**
 * Migrations, and who may run them.
 *
 * On a PostgreSQL server Köprü uses two roles (docs/OPERATIONS.md): the **owner** runs migrations and
 * owns every table, the job queue's schema and its queues; the **app** role that the running server
 * connects as reads and writes rows, and nothing more: it cannot alter or drop tables, disable
 * triggers, set `session_replication_role`, truncate anything, or change or remove audit events.
 * After each migration the owner grants the app role what it needs, for the tables that exist and
 * (default privileges) for those later migrations create. PGlite is single-user: one role does all.
 */

export interface MigrateOptions {
  /** The role the app connects as (a server with separate roles): granted what it needs afterwards. */
  appRole?: string | undefined;
}

/** Applies the schema migrations, installs the job queues and, with separate roles, grants the app role. */
export async function migrateDatabase(database: Database, options: MigrateOptions = {}): Promise<void> {
  await withMigrationLock(database, async () => {
    await database.migrate();
    await installJobs(database);
    if (options.appRole && database.kind === 'postgres') await grantAppRole(database, options.appRole);
  });
}

/** The advisory lock that makes instances starting together migrate one after the other. */
export const MIGRATION_LOCK_KEY = 7_260_318_018;

/**
 * Runs `work` holding a session-level advisory lock on a connection of its own (the migrations use
 * the pool): several instances starting at once against one server migrate one at a time, and each
 * one after the first finds nothing left to do. PGlite has one process and needs no lock.
 */
async function withMigrationLock(database: Database, work: () => Promise<void>): Promise<void> {
  if (database.kind !== 'postgres' || !database.url) return work();
  const lock = newClient(database.url);
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await work();
  } finally {
    // Ending the connection releases the lock, also when the unlock itself cannot be sent.
    await lock.end();
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The statements that give the app role row access and nothing else (run by the owner, idempotent). */
export function appRoleGrants(appRole: string): string[] {
  const app = quoteIdent(appRole);
  return [
    // Nobody but the owner creates objects in the application's schema.
    'REVOKE CREATE ON SCHEMA public FROM PUBLIC',
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
    // The audit log is append-only for the app: read and add, never change, remove or truncate.
    `REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON audit_events FROM ${app}`,
    `GRANT SELECT, INSERT ON audit_events TO ${app}`,
    // The job queue: rows of the owner's tables, through pg-boss's functions.
    `GRANT USAGE ON SCHEMA pgboss TO ${app}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA pgboss TO ${app}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA pgboss GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
    // The start-up check reads which migrations have run.
    `GRANT USAGE ON SCHEMA drizzle TO ${app}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO ${app}`,
  ];
}

export async function grantAppRole(database: Database, appRole: string): Promise<void> {
  const [me] = await database.query<{ user: string; superuser: boolean }>(
    "SELECT current_user AS user, current_setting('is_superuser') = 'on' AS superuser",
  );
  if (me?.user === appRole) throw new Error(`the app role (${appRole}) must differ from the migrating owner`);
  const [app] = await database.query<{ superuser: boolean; bypass: boolean }>(
    'SELECT rolsuper AS superuser, rolbypassrls AS bypass FROM pg_roles WHERE rolname = $1',
    [appRole],
  );
  if (!app) throw new Error(`the app role ${appRole} does not exist: create it (see docs/OPERATIONS.md)`);
  if (app.superuser) throw new Error(`the app role ${appRole} is a superuser: it must be an ordinary role`);
  for (const statement of appRoleGrants(appRole)) await database.exec(statement);
}

/** The role named in a postgres:// address (the app role, for the grants). */
export function roleOfUrl(url: string): string | undefined {
  // Multi-host addresses (failover) are not URLs to node's parser: db/multihost.ts reads both.
  return addressUser(url) || undefined;
}

/**
 * Whether schema migrations are waiting: the newest migration file is newer than the newest one
 * recorded in the database (drizzle's own rule), or nothing is recorded yet.
 */
export async function migrationsPending(database: Database): Promise<boolean> {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_DIR });
  const newest = Math.max(...files.map((f) => f.folderMillis));
  const [exists] = await database.query<{ exists: boolean }>(
    "SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS exists",
  );
  if (!exists?.exists) return true;
  const [last] = await database.query<{ at: string | null }>(
    'SELECT max(created_at)::text AS at FROM drizzle.__drizzle_migrations',
  );
  return last?.at === null || last?.at === undefined || Number(last.at) < newest;
}

/**
 * Whether the connected role may migrate: PGlite always; on a server, a role that owns the
 * application's tables, or, on a fresh database, one that may create schemas and tables there.
 */
export async function canMigrate(database: Database): Promise<boolean> {
  if (database.kind === 'pglite') return true;
  const [row] = await database.query<{ may: boolean }>(
    `SELECT pg_has_role(current_user, c.relowner, 'USAGE') AS may
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = 'audit_events'`,
  );
  if (row) return row.may;
  const [fresh] = await database.query<{ may: boolean }>(
    `SELECT has_database_privilege(current_user, current_database(), 'CREATE')
        AND has_schema_privilege(current_user, 'public', 'CREATE') AS may`,
  );
  return fresh?.may === true;
}

/**
 * Brings the database up to date at start-up: as the owner when one is given (the owner migrates and
 * grants the app role), as the connected role when it owns the schema (PGlite, or a single-role
 * server); otherwise (an app role after a separate `kopru migrate`) it only checks that nothing is
 * waiting, and refuses to start when something is.
 */
export async function ensureMigrated(
  database: Database,
  owner: { open: () => Promise<Database>; appRole: string | undefined } | undefined,
): Promise<'migrated' | 'up to date'> {
  if (owner) {
    const ownerDb = await owner.open();
    try {
      await migrateDatabase(ownerDb, { appRole: owner.appRole });
    } finally {
      await ownerDb.close();
    }
    return 'migrated';
  }
  if (await canMigrate(database)) {
    await migrateDatabase(database);
    return 'migrated';
  }
  if ((await migrationsPending(database)) || !(await jobsInstalled(database))) {
    throw new Error(
      'the database needs migrating and this role cannot: run "kopru migrate" with DATABASE_OWNER_URL (docs/OPERATIONS.md)',
    );
  }
  return 'up to date';
}
