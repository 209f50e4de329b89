import pg from 'pg';

/**
 * The two roles the server tests run with (docs/OPERATIONS.md): the owner migrates and owns the
 * schema, the app role is what the harness connects as. Named so as not to clash with anything else
 * on a shared server; created when missing, never dropped (roles are shared by every database of the
 * cluster, and other test runs may be using them). Their passwords are their names: test only.
 */
export const TEST_OWNER_ROLE = 'kopru_owner_test';
export const TEST_APP_ROLE = 'kopru_app_test';

/** Creates the test roles if they are missing (as the superuser of TEST_DATABASE_URL). */
export async function ensureTestRoles(adminUrl: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    for (const role of [TEST_OWNER_ROLE, TEST_APP_ROLE]) {
      // Concurrent runs may both see the role missing: the loser's duplicate_object is harmless.
      await admin.query(`DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
            CREATE ROLE ${role} LOGIN PASSWORD '${role}' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
          END IF;
        EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
        END $$`);
    }
  } finally {
    await admin.end();
  }
}

/** The same server address, as `role` (its test password) on `database`. */
export function urlAs(url: string, role: string, database?: string): string {
  const u = new URL(url);
  u.username = role;
  u.password = role;
  if (database) u.pathname = `/${database}`;
  return u.toString();
}
