import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/harness.ts';
import { openDatabase, type Database } from './client.ts';
import { migrateDatabase } from './migrate.ts';
import { TEST_APP_ROLE } from '../test/roles.ts';

/**
 * Least privilege on a server (PGlite is single-user and cannot show this): the running app connects
 * as a role that reads and writes rows but cannot switch the audit trail's protection off.
 */
describe.skipIf(inject('dbTemplate').kind !== 'postgres')('database roles on a server', () => {
  let t: TestContext;
  let owner: Database;
  beforeAll(async () => {
    t = await createTestContext();
    owner = await openDatabase({ databaseUrl: t.ownerUrl!, poolSize: 1 });
  });
  afterAll(async () => {
    await owner?.close();
    await t?.close();
  });

  const refused = { code: '42501' }; // insufficient_privilege

  it('runs the app as an ordinary role that is not the owner of the tables', async () => {
    const [me] = await t.database.query<{ user: string; superuser: boolean }>(
      "SELECT current_user AS user, current_setting('is_superuser') = 'on' AS superuser",
    );
    expect(me).toEqual({ user: TEST_APP_ROLE, superuser: false });
    const [table] = await t.database.query<{ owner: string }>(
      "SELECT tableowner AS owner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_events'",
    );
    expect(table!.owner).not.toBe(TEST_APP_ROLE);
    // and does its work: a sign-in writes its audit event as the app role.
    const admin = await t.as('ibb', 'admin');
    expect((await admin.get('/api/v1/audit-events?action=auth.signed-in&pageSize=1')).body.total).toBeGreaterThan(0);
  });

  it('cannot switch off the audit trigger, replication role or the table itself', async () => {
    await expect(
      t.database.exec('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update'),
    ).rejects.toMatchObject(refused);
    await expect(t.database.exec('ALTER TABLE audit_events DISABLE TRIGGER ALL')).rejects.toMatchObject(refused);
    await expect(t.database.exec('DROP TRIGGER audit_events_no_update ON audit_events')).rejects.toMatchObject(refused);
    await expect(t.database.exec('SET session_replication_role = replica')).rejects.toMatchObject(refused);
    await expect(t.database.exec('DROP TABLE audit_events')).rejects.toMatchObject(refused);
    await expect(t.database.exec('ALTER TABLE persons ADD COLUMN x int')).rejects.toMatchObject(refused);
    await expect(t.database.exec('CREATE TABLE sneaky (id int)')).rejects.toMatchObject(refused);
    await expect(t.database.exec('ALTER TABLE pgboss.job DISABLE TRIGGER ALL')).rejects.toMatchObject(refused);
  });

  it('cannot change, remove or truncate audit events', async () => {
    const [row] = await t.database.query<{ id: string }>('SELECT id FROM audit_events LIMIT 1');
    await expect(
      t.database.query('UPDATE audit_events SET action = $1 WHERE id = $2', ['x', row!.id]),
    ).rejects.toMatchObject(refused);
    await expect(t.database.query('DELETE FROM audit_events WHERE id = $1', [row!.id])).rejects.toMatchObject(refused);
    await expect(t.database.exec('TRUNCATE audit_events')).rejects.toMatchObject(refused);
    await expect(t.database.exec('TRUNCATE persons CASCADE')).rejects.toMatchObject(refused);
  });

  it('keeps the append-only trigger for the owner too, and the grants across a second migration', async () => {
    const [row] = await owner.query<{ id: string }>('SELECT id FROM audit_events LIMIT 1');
    await expect(owner.query('DELETE FROM audit_events WHERE id = $1', [row!.id])).rejects.toThrow(/append-only/);
    // kopru migrate again (nothing pending): the app role keeps exactly its rights.
    await migrateDatabase(owner, { appRole: TEST_APP_ROLE });
    await expect(t.database.query('DELETE FROM audit_events WHERE id = $1', [row!.id])).rejects.toMatchObject(refused);
    const [count] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM persons');
    expect(count!.n).toBeGreaterThan(0);
  });
});
