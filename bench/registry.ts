/**
 * A kept 1,000,000-person bench database (`npm run bench -- search --only server --keep`) made ready to be
 * served by the real server (`npm run bench -- lists --reuse kopru_bench_<pid>`), once; every step is
 * skipped when already done, so a second run starts at once:
 *
 * - what the server would otherwise do at its first start, person by person, for hours at 1M: the desired
 *   occupations linked to ISCO-08 (one look-up per distinct title, then one UPDATE and a VACUUM FULL with the
 *   secondary indexes of persons dropped, built again after), and the matching features derived (the
 *   server's own derivation (`deriveMissingFeatures`) for one person of each kind, copied to the others in one INSERT;
 *   its `backfillMatchingFeatures` for any person whose features need their protection details or permits);
 * - two sign-in accounts in the bench organisation: a counsellor of the first office (what a counsellor's
 *   screens show: one office, about 167,000 persons) and a manager (every office);
 * - referrals (the data set has none): 2,000 employers, 6,000 vacancies and one referral for about 30 % of
 *   the persons (a second one for a tenth of those), in every status, created over two years.
 *
 * The server is then started with the bench's keys (KOPRU_DATA_KEY, KOPRU_INDEX_KEY), so that what the build
 * encrypted reads back.
 */
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.ts';
import { ensureReferenceData, builtInRoleIds } from '../src/server/db/seed/reference.ts';
import { employers, userRoles, users, vacancies } from '../src/server/db/schema/index.ts';
import { hashPassword, blindIndex } from '../src/server/lib/crypto.ts';
import { searchOccupations } from '../src/server/modules/taxonomy/index.ts';
import { linkFromHit } from '../src/common/occupation-codes.ts';
import { backfillMatchingFeatures, deriveMissingFeatures } from '../src/server/modules/people/index.ts';
import { searchKey } from '../src/common/text.ts';
import { BENCH_KEYS } from './synthetic.ts';
import { PASSWORD, log } from './serve.ts';

export const BENCH_ACCOUNTS = { counsellor: 'counsellor@bench.example', manager: 'manager@bench.example' };

/** The server's environment for the bench's keys. */
export const benchKeyEnv = (): Record<string, string> => ({
  KOPRU_DATA_KEY: BENCH_KEYS.dataKey.toString('hex'),
  KOPRU_INDEX_KEY: BENCH_KEYS.indexKey.toString('hex'),
  KOPRU_SEED: 'false',
});

const seconds = (t0: number) => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

/**
 * Runs `change` with the table's secondary indexes dropped (not those of its primary key and unique
 * constraints), then builds them again from their own definitions, as the bench's load does; returns the
 * milliseconds the rebuild took.
 */
async function withoutSecondaryIndexes(client: pg.Client, table: string, change: () => Promise<void>) {
  const indexes = (
    await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = $1
         AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))`,
      [table],
    )
  ).rows;
  for (const ix of indexes) await client.query(`DROP INDEX ${ix.indexname}`);
  // Built again even when the change fails: a later run would not know them any more.
  const rebuild = async () => {
    for (const ix of indexes) await client.query(ix.indexdef);
  };
  try {
    await change();
  } catch (error) {
    await rebuild();
    throw error;
  }
  const t = performance.now();
  await rebuild();
  return performance.now() - t;
}

export async function prepareRegistry(databaseUrl: string): Promise<{ persons: number; referrals: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const database = await openDatabase({ databaseUrl, poolSize: 4 });
  const config = { dataKey: BENCH_KEYS.dataKey, indexKey: BENCH_KEYS.indexKey } as Parameters<
    typeof backfillMatchingFeatures
  >[1];
  try {
    const t0 = performance.now();
    await database.migrate();
    await ensureReferenceData(database.db);
    const org = (await client.query<{ id: string }>(`SELECT id FROM organisations WHERE short_name = 'Bench'`)).rows[0];
    if (!org) throw new Error('no bench data set in this database');
    const officeIds = (
      await client.query<{ id: string }>(`SELECT id FROM offices WHERE organisation_id = $1 ORDER BY created_at, id`, [
        org.id,
      ])
    ).rows.map((r) => r.id);
    const persons = Number((await client.query(`SELECT count(*) AS n FROM persons`)).rows[0].n);

    // 1. Occupation links (the server links NULLs at start, 200 persons a batch: hours at 1M). One UPDATE of
    // every row, with the secondary indexes of persons dropped and built again after it: maintaining 17 of
    // them (the trigram ones above all) row by row, then a VACUUM FULL, took 571–1,637 s.
    const pending = Number(
      (await client.query(`SELECT count(*) AS n FROM persons WHERE occupation_links IS NULL`)).rows[0].n,
    );
    if (pending > 0) {
      const t = performance.now();
      const titles = (
        await client.query<{ t: string }>(
          `SELECT DISTINCT unnest(desired_occupations) AS t FROM persons WHERE occupation_links IS NULL`,
        )
      ).rows.map((r) => r.t);
      const links: Record<string, unknown> = {};
      // What people's linkTitle() does for one title: the best ISCO-08 hit in Turkish.
      for (const title of titles) {
        const { items } = await searchOccupations(
          { db: database.db },
          { q: title.trim().slice(0, 100), lang: 'tr', limit: 1 },
        );
        links[title] = linkFromHit(title, items[0]);
      }
      const indexMs = await withoutSecondaryIndexes(client, 'persons', async () => {
        await client.query(
          `UPDATE persons SET occupation_links = (
             SELECT coalesce(jsonb_agg($1::jsonb -> o.t ORDER BY o.n), '[]'::jsonb)
             FROM unnest(desired_occupations) WITH ORDINALITY AS o(t, n))
           WHERE occupation_links IS NULL`,
          [JSON.stringify(links)],
        );
        // A copy of the table without the dead row versions (cheap without the secondary indexes).
        await client.query(`VACUUM FULL persons`);
      });
      // VACUUM FULL leaves the visibility map empty: without this, every index-only scan reads the heap.
      await client.query(`VACUUM ANALYZE persons`);
      log(
        `  occupation links: ${titles.length} titles, ${pending.toLocaleString('en')} persons (${seconds(t)}, ` +
          `of which indexes ${(indexMs / 1000).toFixed(0)} s)`,
      );
    }

    // 2. Matching features (the server derives missing ones at start, 500 a batch: 754–887 s at 1M in batches
    // of 5,000). A person's features follow from their nationality, target groups, protection details and
    // granted permits (people's deriveMatchingFeatures): the persons with no protection details to decrypt
    // and no permit have one of a few kinds (citizen or not, refugee group, disability group). The server's
    // own derivation (`deriveMissingFeatures`) derives one person of each kind, and their row is copied to the others of
    // the kind in one INSERT (the same sealed facts and tags: what the copies share, the tags say already);
    // the rest, if any, go through the server's backfill.
    {
      const t = performance.now();
      await client.query(`DROP TABLE IF EXISTS pg_temp.registry_kinds`);
      const kinds = await client.query(
        `CREATE TEMP TABLE registry_kinds AS
         SELECT p.id, p.organisation_id,
           coalesce(p.nationality = 'TR', false)::int
           + 2 * (EXISTS (SELECT 1 FROM person_target_groups g WHERE g.person_id = p.id AND g."group" = 'refugee'))::int
           + 4 * (EXISTS (SELECT 1 FROM person_target_groups g WHERE g.person_id = p.id AND g."group" = 'disability'))::int
             AS kind
         FROM persons p
         WHERE NOT EXISTS (SELECT 1 FROM person_matching_features f WHERE f.person_id = p.id)
           AND NOT EXISTS (SELECT 1 FROM person_target_groups g
                           WHERE g.person_id = p.id AND g."group" = 'refugee' AND g.details_enc IS NOT NULL)
           AND NOT EXISTS (SELECT 1 FROM work_permits w WHERE w.person_id = p.id AND w.status = 'granted')`,
      );
      let derived = kinds.rowCount ?? 0;
      if (derived > 0) {
        await client.query(`ANALYZE registry_kinds`);
        const samples = (
          await client.query<{ id: string; kind: number }>(
            `SELECT DISTINCT ON (kind) id, kind FROM registry_kinds ORDER BY kind, id`,
          )
        ).rows;
        await deriveMissingFeatures(
          database.db,
          config,
          samples.map((s) => ({ id: s.id, organisationId: org.id })),
        );
        // Every row references a person of registry_kinds: the foreign key's trigger is skipped (this session).
        await client.query(`SET session_replication_role = replica`);
        await client.query(
          `INSERT INTO person_matching_features (person_id, organisation_id, features_enc, legal_tag, registered_tag,
             permits, updated_at)
           SELECT k.id, k.organisation_id, f.features_enc, f.legal_tag, f.registered_tag, f.permits, f.updated_at
           FROM registry_kinds k
           JOIN unnest($1::uuid[], $2::int[]) AS s(id, kind) ON s.kind = k.kind AND s.id <> k.id
           JOIN person_matching_features f ON f.person_id = s.id`,
          [samples.map((s) => s.id), samples.map((s) => s.kind)],
        );
        await client.query(`SET session_replication_role = DEFAULT`);
      }
      await client.query(`DROP TABLE registry_kinds`);
      derived += await backfillMatchingFeatures(database.db, config, 5000);
      if (derived > 0) {
        await client.query(`VACUUM ANALYZE person_matching_features`);
        log(`  matching features: ${derived.toLocaleString('en')} persons (${seconds(t)})`);
      }
    }

    // 3. Sign-in accounts.
    const roleIds = await builtInRoleIds(database.db);
    for (const [role, email] of Object.entries(BENCH_ACCOUNTS)) {
      const exists = await client.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
      if (exists.rowCount) continue;
      const [user] = await database.db
        .insert(users)
        .values({
          organisationId: org.id,
          officeId: officeIds[0]!,
          kind: 'staff',
          fullName: role === 'manager' ? 'Bench Müdür' : 'Bench Danışman 2',
          email,
          locale: 'tr',
          status: 'active',
          passwordHash: await hashPassword(PASSWORD, { memoryCost: 19456, timeCost: 2, parallelism: 1 }),
        })
        .returning({ id: users.id });
      await database.db.insert(userRoles).values({ userId: user!.id, roleId: roleIds[role]! });
    }

    // 4. Referrals.
    let referrals = Number(
      (await client.query(`SELECT count(*) AS n FROM referrals WHERE organisation_id = $1`, [org.id])).rows[0].n,
    );
    if (referrals === 0) {
      const t = performance.now();
      const proposer = (
        await client.query<{ id: string }>(`SELECT id FROM users WHERE email = $1`, [BENCH_ACCOUNTS.counsellor])
      ).rows[0]!.id;
      const sectors = ['Market', 'Tekstil', 'Lojistik', 'İnşaat', 'Otel', 'Gıda', 'Temizlik', 'Metal'];
      const employerRows = Array.from({ length: 2000 }, (_, i) => {
        const vkn = String(1_000_000_000 + i * 7919);
        const legalName = `${sectors[i % sectors.length]} ${i + 1} Anonim Şirketi`;
        return {
          organisationId: org.id,
          legalName,
          nameKey: searchKey(legalName),
          taxKind: 'vkn' as const,
          taxNumber: vkn,
          taxNumberIndex: blindIndex(`vkn:${vkn}`, BENCH_KEYS.indexKey),
          taxNumberMasked: `${vkn.slice(0, 2)}******${vkn.slice(-2)}`,
          naceCode: '47.11',
          hazardClassSuggested: 'low' as const,
          workerCount: 10 + (i % 400),
          province: 'İstanbul',
          district: 'Fatih',
          status: 'verified' as const,
          officeId: officeIds[i % officeIds.length]!,
        };
      });
      const employerIds: string[] = [];
      for (let i = 0; i < employerRows.length; i += 500)
        employerIds.push(
          ...(
            await database.db
              .insert(employers)
              .values(employerRows.slice(i, i + 500))
              .returning({ id: employers.id })
          ).map((e) => e.id),
        );
      const titles = ['Kasiyer', 'Depo görevlisi', 'Garson', 'Dikiş makinesi operatörü', 'Temizlik görevlisi'];
      const vacancyRows = Array.from({ length: 6000 }, (_, i) => ({
        organisationId: org.id,
        employerId: employerIds[i % employerIds.length]!,
        title: titles[i % titles.length]!,
        titleKey: searchKey(titles[i % titles.length]!),
        occupation: titles[i % titles.length]!,
        occupationKey: searchKey(titles[i % titles.length]!),
        duties: 'Günlük işler',
        province: 'İstanbul',
        positions: 1 + (i % 5),
        contractType: 'permanent' as const,
        startDate: '2026-01-05',
        hoursPerDay: 7.5,
        hoursPerWeek: 45,
        wageMin: '22104.67',
        wageBasis: 'gross' as const,
        status: (['published', 'published', 'filled', 'closed'] as const)[i % 4],
      }));
      for (let i = 0; i < vacancyRows.length; i += 500)
        await database.db.insert(vacancies).values(vacancyRows.slice(i, i + 500));
      // One referral for ~30 % of the persons, a second (another vacancy) for a tenth of those; statuses as
      // a busy service's two years would leave them (most answered, a tenth still waiting).
      const statuses = [
        'proposed',
        'sent',
        'sent',
        'seen',
        'interview',
        'hired',
        'hired',
        'refused-by-employer',
        'refused-by-employer',
        'refused-by-employer',
        'refused-by-person',
        'refused-by-person',
        'withdrawn',
        'obsolete',
        'obsolete',
        'hired',
        'refused-by-employer',
        'withdrawn',
        'obsolete',
        'interview',
      ];
      // Every row is joined from the persons, vacancies and users it references: the foreign keys' triggers (its
      // only ones) are skipped for this statement's session, as the bench's load does.
      await client.query(`SET session_replication_role = replica`);
      await client.query(
        `WITH p AS (
           SELECT id, row_number() OVER (ORDER BY id) AS n FROM persons
           WHERE organisation_id = $1 AND abs(hashtext(id::text)) % 10 < 3),
         two AS (SELECT id, n, 0 AS k FROM p UNION ALL SELECT id, n, 1 FROM p WHERE n % 10 = 0),
         v AS (SELECT id, employer_id, row_number() OVER (ORDER BY id) - 1 AS k FROM vacancies WHERE organisation_id = $1),
         r AS (
           SELECT two.id AS person_id, v.id AS vacancy_id, v.employer_id, two.n, two.k,
                  ($2::text[])[1 + ((two.n * 7 + two.k) % array_length($2::text[], 1))] AS status,
                  now() - make_interval(days => ((two.n * 7919 + two.k * 31) % 730)::int) AS created
           FROM two JOIN v ON v.k = (two.n * 13 + two.k * 1009) % (SELECT count(*) FROM v))
         INSERT INTO referrals (organisation_id, vacancy_id, employer_id, person_id, status, source, proposed_by,
                                sent_at, answered_at, created_at, updated_at)
         SELECT $1, vacancy_id, employer_id, person_id, status, 'staff', $3,
                CASE WHEN status <> 'proposed' THEN created + interval '1 day' END,
                CASE WHEN status IN ('interview', 'hired', 'refused-by-employer') THEN created + interval '6 days' END,
                created, created + make_interval(days => (n % 20)::int)
         FROM r`,
        [org.id, statuses, proposer],
      );
      await client.query(`SET session_replication_role = DEFAULT`);
      await client.query(`VACUUM ANALYZE referrals`);
      await client.query(`VACUUM ANALYZE vacancies`);
      await client.query(`VACUUM ANALYZE employers`);
      referrals = Number(
        (await client.query(`SELECT count(*) AS n FROM referrals WHERE organisation_id = $1`, [org.id])).rows[0].n,
      );
      log(`  referrals: ${referrals.toLocaleString('en')} (2,000 employers, 6,000 vacancies; ${seconds(t)})`);
    }
    log(`  registry ready to serve (${seconds(t0)})`);
    return { persons, referrals };
  } finally {
    await database.close();
    await client.end();
  }
}
