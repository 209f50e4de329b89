import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/harness.ts';
import { EXPORT_COVERAGE, EXPORT_EXCLUSIONS } from './index.ts';

// The access export covers every table that holds data about a person (issue 12): this test walks the
// database schema and fails when a table refers to a person — a person_id column, or a foreign key to
// a table that does, followed through — and is neither read by the export nor excluded with a reason.

/**
 * Tables that hold a person's data without a reference the walk can follow: outbox messages (by
 * recipient address and account), rows of import files (encrypted JSON), the seeker's account and its
 * sessions, the audit log (by subject id), and households (their members point at them).
 */
const HELD_WITHOUT_A_REFERENCE = [
  'outbox_messages',
  'import_job_rows',
  'users',
  'sessions',
  'audit_events',
  'households',
  'social_aid_records',
];

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

async function tablesReferringToPersons(): Promise<string[]> {
  const columns = await t.database.query<{ table_name: string }>(
    `SELECT DISTINCT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name IN ('person_id', 'subject_ref')`,
  );
  const keys = await t.database.query<{ child: string; parent: string }>(
    `SELECT cl.relname AS child, pcl.relname AS parent
       FROM pg_constraint c
       JOIN pg_class cl ON cl.oid = c.conrelid
       JOIN pg_class pcl ON pcl.oid = c.confrelid
       JOIN pg_namespace n ON n.oid = cl.relnamespace
      WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const found = new Set<string>(['persons', ...columns.map((c) => c.table_name)]);
  // Follow foreign keys: a table pointing at one that holds a person's data holds it too.
  for (let grew = true; grew;) {
    grew = false;
    for (const k of keys) {
      if (found.has(k.parent) && !found.has(k.child)) {
        found.add(k.child);
        grew = true;
      }
    }
  }
  for (const name of HELD_WITHOUT_A_REFERENCE) found.add(name);
  return [...found].sort();
}

describe('the access export covers the schema', () => {
  it('reads or explicitly excludes every table that refers to a person', async () => {
    const tables = await tablesReferringToPersons();
    expect(tables.length).toBeGreaterThan(20);
    const missing = tables.filter((name) => !(name in EXPORT_COVERAGE) && !(name in EXPORT_EXCLUSIONS));
    expect(missing, 'add the table to EXPORT_COVERAGE (and the export) or to EXPORT_EXCLUSIONS with a reason').toEqual(
      [],
    );
    for (const [name, reason] of Object.entries(EXPORT_EXCLUSIONS)) expect(reason.length, name).toBeGreaterThan(20);
  });

  it('names only tables that exist, and the export carries a section for each', async () => {
    const all = (
      await t.database.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
      )
    ).map((r) => r.table_name);
    for (const name of [...Object.keys(EXPORT_COVERAGE), ...Object.keys(EXPORT_EXCLUSIONS)])
      expect(all, name).toContain(name);

    const dpo = await t.as('ibb', 'dpo');
    const seeker = await t.signInWithCode('+905321000002'); // Fatma Koç, a demo seeker of İBB
    const personId = (await seeker.get('/api/v1/me/profile')).body.id as string;
    const r = await dpo.post('/api/v1/data-protection/requests', { kind: 'access', channel: 'counter' });
    await dpo.post(`/api/v1/data-protection/requests/${r.body.id}/identity`, { method: 'id-document-at-counter' });
    await dpo.post(`/api/v1/data-protection/requests/${r.body.id}/person`, { personId });
    const made = await dpo.post(`/api/v1/data-protection/requests/${r.body.id}/exports`, { delivery: 'self-service' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const sections = made.body.contents.map((c: { section: string }) => c.section);
    expect(sections).toEqual(expect.arrayContaining([...new Set(Object.values(EXPORT_COVERAGE))]));
    const file = await seeker.get(`/api/v1/me/data-exports/${made.body.id}/file?format=json`);
    expect(file.status).toBe(200);
    const data = JSON.parse(file.raw.body);
    for (const section of new Set(Object.values(EXPORT_COVERAGE))) expect(data, section).toHaveProperty(section);
  });
});
