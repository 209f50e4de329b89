// Database size per million persons (issue 18, docs/OPERATIONS.md "Capacity and sizing"). Works on a
// database built by the person-search bench (`node bench/persons.bench.ts --only server --persons N
// --keep`: persons, target groups, one case each, the search indexes), adds per person what registering
// one through the app writes besides (`createPerson`: the notice acknowledgement, one consent, the audit
// events person.created, notice.acknowledged, consent.granted and case.opened), then prints table and
// index sizes per table, their sum, and a linear extrapolation to 1,000,000 persons.
//   node scripts/database-size.ts --database kopru_scale_size [--url postgres://postgres@127.0.0.1:5432/postgres]
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    database: { type: 'string', default: 'kopru_scale_size' },
    url: { type: 'string', default: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'skip-fill': { type: 'boolean', default: false },
  },
});
if (!/^kopru_[a-z0-9_]+$/.test(args.database)) throw new Error('--database takes a kopru_… database');
const url = new URL(args.url);
url.pathname = `/${args.database}`;
const db = new pg.Client({ connectionString: url.toString() });
await db.connect();
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

try {
  const started = Date.now();
  if (!args['skip-fill']) {
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM notice_acknowledgements')).rows as [
      { n: number },
    ];
    if (n === 0) {
      // As createPerson writes them, in one statement per table (the bench already wrote persons,
      // target groups and cases).
      await db.query(`INSERT INTO notice_acknowledgements (person_id, organisation_id, notice_version, locale, channel,
          recorded_by, acknowledged_at)
        SELECT id, organisation_id, '2026-01', 'tr', 'in-person', created_by, created_at FROM persons`);
      await db.query(`INSERT INTO consents (person_id, organisation_id, purpose, text_version, channel, granted_at, recorded_by)
        SELECT id, organisation_id, 'share-with-employers', '2026-01', 'in-person', created_at, created_by FROM persons`);
      await db.query(`INSERT INTO audit_events (at, organisation_id, actor_user_id, actor_kind, action, subject_type,
          subject_id, fields, purpose, request_id)
        SELECT p.created_at, p.organisation_id, p.created_by, 'staff', a.action, a.subject_type,
          CASE WHEN a.subject_type = 'case' THEN c.id::text ELSE p.id::text END, '{}', a.purpose,
          'req-' || substr(md5(p.id::text), 1, 16)
        FROM persons p
        JOIN cases c ON c.person_id = p.id
        CROSS JOIN (VALUES ('person.created', 'person', NULL), ('notice.acknowledged', 'person', '2026-01'),
          ('consent.granted', 'person', 'share-with-employers'), ('case.opened', 'case', NULL))
          AS a(action, subject_type, purpose)`);
      await db.query('VACUUM ANALYZE notice_acknowledgements, consents, audit_events');
      console.log(`added notices, consents and audit events in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  const [{ persons }] = (await db.query<{ persons: number }>('SELECT count(*)::int AS persons FROM persons')).rows as [
    { persons: number },
  ];
  const rows = (
    await db.query<{ name: string; rows: string; table: string; indexes: string }>(
      `SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_table_size(c.oid) AS table,
         pg_indexes_size(c.oid) AS indexes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r'
       ORDER BY pg_total_relation_size(c.oid) DESC`,
    )
  ).rows.map((r) => ({ name: r.name, rows: Number(r.rows), table: Number(r.table), indexes: Number(r.indexes) }));
  const [{ database }] = (
    await db.query<{ database: string }>('SELECT pg_database_size(current_database()) AS database')
  ).rows as [{ database: string }];
  const scale = 1_000_000 / persons;
  console.log(
    `\n${persons.toLocaleString('en')} persons in ${args.database}; the last two columns extrapolated linearly to 1,000,000\n`,
  );
  console.log('| table | rows | table MB | indexes MB | per 1M persons: table MB | indexes MB |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  // Tables that grow with the persons are extrapolated; reference data and settings (fewer rows than a
  // hundredth of the persons) stay as they are.
  const grows = rows.filter((r) => r.rows >= persons / 100);
  const fixed = rows.filter((r) => r.rows < persons / 100);
  const sum = (list: typeof rows, key: 'table' | 'indexes') => list.reduce((s, r) => s + r[key], 0);
  for (const r of grows)
    console.log(
      `| ${r.name} | ${r.rows.toLocaleString('en')} | ${mb(r.table)} | ${mb(r.indexes)} | ${mb(r.table * scale)} | ${mb(r.indexes * scale)} |`,
    );
  const [gt, gi, ft, fi] = [sum(grows, 'table'), sum(grows, 'indexes'), sum(fixed, 'table'), sum(fixed, 'indexes')];
  console.log(`| the ${grows.length} tables above | | ${mb(gt)} | ${mb(gi)} | ${mb(gt * scale)} | ${mb(gi * scale)} |`);
  console.log(
    `| the other ${fixed.length} tables (not extrapolated) | | ${mb(ft)} | ${mb(fi)} | ${mb(ft)} | ${mb(fi)} |`,
  );
  const total = gt + gi + ft + fi;
  const perMillion = (gt + gi) * scale + ft + fi;
  console.log(
    `\ntables and indexes ${mb(total)} MB (database on disk ${mb(Number(database))} MB); ` +
      `per 1,000,000 persons about ${mb(perMillion)} MB`,
  );
} finally {
  await db.end();
}
