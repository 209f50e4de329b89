import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import type { Db } from '../../../db/client.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';
import { ANONYMISED_NAME } from './persons.queries.ts';

/**
 * `persons.target_groups` (migration 0046, issue 15): the person's target-group codes on the person's row, for
 * the list's group filter through an index. Whoever writes person_target_groups, the array stays the set of the
 * rows (statement triggers); the filtered list answers as it did when it read the rows.
 */
let t: TestContext;
let db: Db;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih, holds special-category:read
let manager: TestClient; // every office, no special-category:read

beforeAll(async () => {
  t = await createTestContext();
  db = t.database.db;
  counsellor = await t.as('ibb', 'counsellor');
  manager = await t.as('ibb', 'manager');
});
afterAll(async () => t.close());

const rowsOf = async <T>(result: Promise<unknown>): Promise<T[]> => ((await result) as { rows: T[] }).rows;

/** The codes of a person's rows, in the order the trigger writes them. */
const rowCodes = sql`ARRAY(SELECT g."group" FROM person_target_groups g WHERE g.person_id = p.id ORDER BY g."group" COLLATE "C")`;

/** Every person of the database (seeds and every write so far) whose array is not the set of their rows. */
const mismatched = async () =>
  rowsOf<{ id: string }>(
    db.execute(sql`SELECT p.id FROM persons p WHERE p.target_groups IS DISTINCT FROM ${rowCodes}`),
  );

const codesOf = async (id: string, on: Db = db) =>
  (await rowsOf<{ codes: string[] }>(on.execute(sql`SELECT target_groups AS codes FROM persons WHERE id = ${id}`)))[0]!
    .codes;

let serial = 415_000_00;
function person(overrides: Record<string, unknown> = {}) {
  serial += 1;
  return {
    givenName: 'Nazlı',
    familyName: `Gruplu-${serial}`,
    idKind: 'tckn',
    idNumber: withTcknChecksum(String(serial).padStart(9, '4')),
    birthDate: '1991-03-14',
    sex: 'female',
    nationality: 'TR',
    province: 'İstanbul',
    district: 'Fatih',
    desiredOccupations: ['Kasiyer'],
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
    confirmNotDuplicate: true,
    ...overrides,
  };
}

async function register(
  groups: { group: string; details?: Record<string, unknown> }[],
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const res = await counsellor.post('/api/v1/persons', person({ targetGroups: groups, ...overrides }));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

describe('persons.target_groups follows person_target_groups', () => {
  it('holds for the seeded registry', async () => {
    expect(await mismatched()).toEqual([]);
    const [withGroups] = await rowsOf<{ n: number }>(
      db.execute(sql`SELECT count(*)::int AS n FROM persons WHERE target_groups <> '{}'`),
    );
    expect(withGroups!.n).toBeGreaterThan(0);
  });

  it('is written by a registration, an edit that changes groups and one that removes them', async () => {
    const id = await register([
      { group: 'woman-care', details: { childrenUnder6: 1 } },
      { group: 'long-term-unemployed' },
      { group: 'disability', details: { reportPercentage: 40 } },
    ]);
    expect(await codesOf(id)).toEqual(['disability', 'long-term-unemployed', 'woman-care']);
    const changed = await counsellor.patch(`/api/v1/persons/${id}`, {
      targetGroups: [{ group: 'neet' }, { group: 'long-term-unemployed' }],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(await codesOf(id)).toEqual(['long-term-unemployed', 'neet']);
    expect((await counsellor.patch(`/api/v1/persons/${id}`, { targetGroups: [] })).status).toBe(200);
    expect(await codesOf(id)).toEqual([]);
    expect(await mismatched()).toEqual([]);
  });

  it('follows a merge: the groups the kept record lacks move to it', async () => {
    const kept = await register([{ group: 'neet' }]);
    // Without an ID number: two different ones would refuse the merge.
    const duplicate = await register([{ group: 'neet' }, { group: 'social-aid' }], { idKind: null, idNumber: null });
    const merged = await counsellor.post(`/api/v1/persons/${kept}/merge`, { duplicateId: duplicate });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(await codesOf(kept)).toEqual(['neet', 'social-aid']);
    // The duplicate keeps the row the kept record had already (it is no longer listed).
    expect(await codesOf(duplicate)).toEqual(['neet']);
    expect(await mismatched()).toEqual([]);
  });

  it('follows statements of any size, and writes no row version where the codes are already right', async () => {
    const [a, b] = [await register([]), await register([{ group: 'woman-care', details: { childrenUnder6: 1 } }])];
    const version = async (tx: Db, id: string) =>
      (await rowsOf<{ v: string }>(tx.execute(sql`SELECT ctid::text AS v FROM persons WHERE id = ${id}`)))[0]!.v;
    await db.transaction(async (tx) => {
      // One statement over two persons; then a move of a row from one to the other, as a merge does.
      await tx.execute(sql`INSERT INTO person_target_groups (person_id, organisation_id, "group")
        SELECT id, organisation_id, g FROM persons, unnest(ARRAY['social-aid', 'neet']) g WHERE id IN (${a}, ${b})`);
      await tx.execute(
        sql`UPDATE person_target_groups SET person_id = ${a} WHERE person_id = ${b} AND "group" = 'woman-care'`,
      );
      expect(await codesOf(a, tx)).toEqual(['neet', 'social-aid', 'woman-care']);
      expect(await codesOf(b, tx)).toEqual(['neet', 'social-aid']);
      // The erasure's anonymisation clears the details and keeps the codes: the persons are not written again.
      const before = [await version(tx, a), await version(tx, b)];
      await tx.execute(
        sql`UPDATE person_target_groups SET details = '{}', details_enc = NULL WHERE person_id IN (${a}, ${b})`,
      );
      expect([await version(tx, a), await version(tx, b)]).toEqual(before);
      await tx.execute(sql`DELETE FROM person_target_groups WHERE person_id IN (${a}, ${b}) AND "group" = 'neet'`);
      expect(await codesOf(a, tx)).toEqual(['social-aid', 'woman-care']);
    });
    expect(await mismatched()).toEqual([]);
    // Deleting a person takes its rows with it (cascade): the trigger finds no one to write.
    await db.execute(
      sql`DELETE FROM persons WHERE id = ${b} AND NOT EXISTS (SELECT 1 FROM cases WHERE person_id = ${b})`,
    );
  });

  it('is set by a registration with the person row, so the trigger writes no second version', async () => {
    const id = await register([{ group: 'social-aid' }, { group: 'long-term-unemployed' }]);
    // The trigger's UPDATE would run after the insert of the groups, in a later command of the transaction:
    // the person's row version would then be newer (cmin) than its group rows.
    const [order] = await rowsOf<{ person: number; groups: number }>(
      db.execute(sql`SELECT p.cmin::text::int AS person, max(g.cmin::text::int) AS groups
        FROM persons p JOIN person_target_groups g ON g.person_id = p.id WHERE p.id = ${id} GROUP BY p.cmin`),
    );
    expect(order!.person).toBeLessThan(order!.groups);
    expect(await codesOf(id)).toEqual(['long-term-unemployed', 'social-aid']);
  });
});

describe('the list filtered by group', () => {
  /**
   * The persons of a group as the list found them before migration 0046 (through person_target_groups), in the
   * organisation of `probe`, and in its office when asked.
   */
  const members = async (probe: string, group: string, district: string | undefined, inOffice: boolean) =>
    (
      await rowsOf<{ id: string }>(
        db.execute(sql`SELECT p.id FROM persons p, persons o
          WHERE o.id = ${probe} AND p.organisation_id = o.organisation_id AND p.merged_into_id IS NULL
            AND p.id IN (SELECT person_id FROM person_target_groups WHERE "group" = ${group})
            ${district ? sql`AND p.district = ${district}` : sql``}
            ${inOffice ? sql`AND p.office_id = o.office_id` : sql``}
            AND NOT (p.given_name = ${ANONYMISED_NAME} AND p.family_name = ${ANONYMISED_NAME})`),
      )
    )
      .map((r) => r.id)
      .sort();

  it('lists the same persons as the rows say, for a counsellor and a manager', async () => {
    const probe = await register([{ group: 'long-term-unemployed' }]);
    /** The page's persons (all of them when they fit on one page of 100) against the rows'. */
    const same = async (client: TestClient, query: string, expected: string[]) => {
      const res = await client.get(`/api/v1/persons?${query}&pageSize=100`);
      expect(res.status).toBe(200);
      expect(res.body.total, query).toBe(expected.length);
      if (expected.length <= 100)
        expect((res.body.items as { id: string }[]).map((p) => p.id).sort(), query).toEqual(expected);
      return expected.length;
    };
    let compared = 0;
    for (const group of ['long-term-unemployed', 'woman-care', 'neet', 'social-aid', 'informal-worker']) {
      for (const district of [undefined, 'Fatih', 'Esenyurt']) {
        const query = `group=${group}${district ? `&district=${encodeURIComponent(district)}` : ''}`;
        compared += await same(counsellor, query, await members(probe, group, district, true));
        compared += await same(manager, query, await members(probe, group, district, false));
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('still refuses a special group to a user who may not read special categories, and hides special codes', async () => {
    const id = await register([
      { group: 'long-term-unemployed' },
      { group: 'disability', details: { reportPercentage: 50 } },
    ]);
    const refused = await manager.get('/api/v1/persons?group=disability');
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].pointer).toBe('/querystring/group');
    const listed = await manager.get('/api/v1/persons?group=long-term-unemployed&district=Fatih&pageSize=100');
    const item = (listed.body.items as { id: string; targetGroups: string[] }[]).find((p) => p.id === id)!;
    expect(item).toBeDefined();
    expect(JSON.stringify(item)).not.toMatch(/disability/);
    const mine = await counsellor.get('/api/v1/persons?group=disability&district=Fatih&pageSize=100');
    expect((mine.body.items as { id: string }[]).map((p) => p.id)).toContain(id);
  });
});
