/**
 * A kept 1,000,000-person bench database (`npm run bench -- search --only server --keep`) made ready to be
 * served by the real server (`npm run bench -- lists --reuse kopru_bench_<pid>`), once; every step is
 * skipped when already done, so a second run starts at once:
 *
 * - what the server would otherwise do at its first start, person by person, for hours at 1M: the desired
 *   occupations linked to ISCO-08 (one look-up per distinct title, then one UPDATE and a VACUUM FULL so that
 *   the table is not left with a dead copy of every row) and the matching features derived (the server's
 *   own `backfillMatchingFeatures`, in batches of 5,000);
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
import { backfillMatchingFeatures } from '../src/server/modules/people/index.ts';
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

    // 1. Occupation links (the server links NULLs at start, 200 persons a batch: hours at 1M).
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
      await client.query(
        `UPDATE persons SET occupation_links = (
           SELECT coalesce(jsonb_agg($1::jsonb -> o.t ORDER BY o.n), '[]'::jsonb)
           FROM unnest(desired_occupations) WITH ORDINALITY AS o(t, n))
         WHERE occupation_links IS NULL`,
        [JSON.stringify(links)],
      );
      await client.query(`VACUUM FULL persons`);
      // VACUUM FULL leaves the visibility map empty: without this, every index-only scan reads the heap.
      await client.query(`VACUUM ANALYZE persons`);
      log(`  occupation links: ${titles.length} titles, ${pending.toLocaleString('en')} persons (${seconds(t)})`);
    }

    // 2. Matching features (the server derives missing ones at start, 500 a batch).
    {
      const t = performance.now();
      const derived = await backfillMatchingFeatures(database.db, config, 5000);
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
