import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type SQL } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../../../test/harness.ts';
import type { Db } from '../../../db/client.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';
import { refreshIscoGroups } from '../persons/occupation-codes.service.ts';

/**
 * The matching index's freshness rule at the database (docs/MATCHING.md, "Freshness across instances"): every
 * statement that inserts, changes or deletes work history or consents stamps each person it concerns with its
 * transaction's id (`persons.matching_xid`), whoever writes it — since migration 0045 once per statement, over
 * the statement's rows, and only the persons this transaction has not stamped already.
 */
let t: TestContext;
/** The rows of a raw statement. */
const rowsOf = async <T>(result: Promise<unknown>): Promise<T[]> => ((await result) as { rows: T[] }).rows;

let db: Db;
let people: { id: string; organisationId: string }[];

beforeAll(async () => {
  t = await createTestContext();
  db = t.database.db;
  people = await rowsOf<(typeof people)[number]>(
    db.execute(sql`SELECT id, organisation_id AS "organisationId" FROM persons ORDER BY id LIMIT 4`),
  );
  expect(people).toHaveLength(4);
});
afterAll(async () => t.close());

/** `(id, id, …)`: drizzle spreads an array parameter into a list. */
const idList = (ids: string[]): SQL =>
  sql`(${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;

const stamps = async (): Promise<Map<string, string>> => {
  const rows = await rowsOf<{ id: string; xid: string }>(
    db.execute(sql`SELECT id, matching_xid::text AS xid FROM persons WHERE id IN ${idList(people.map((p) => p.id))}`),
  );
  return new Map(rows.map((r) => [r.id, r.xid]));
};

/** Runs the statements in one transaction; its id, and who was stamped with it. */
async function inTransaction(run: (tx: Db) => Promise<unknown>): Promise<{ xid: string; stamped: string[] }> {
  const xid = await db.transaction(async (tx) => {
    await run(tx);
    return (await rowsOf<{ xid: string }>(tx.execute(sql`SELECT pg_current_xact_id()::text AS xid`)))[0]!.xid;
  });
  const after = await stamps();
  return { xid, stamped: people.map((p) => p.id).filter((id) => after.get(id) === xid) };
}

const consentOf = (p: (typeof people)[number], purpose: string) =>
  sql`(${p.id}, ${p.organisationId}, ${purpose}, 'v-test', 'in-person', now())`;

describe('matching_xid stamps of work history and consents', () => {
  it('one multi-row insert stamps every person of its rows, and no one else', async () => {
    const [a, b] = people;
    const { stamped } = await inTransaction(async (tx) => {
      await tx.execute(sql`INSERT INTO consents (person_id, organisation_id, purpose, text_version, channel, granted_at)
        VALUES ${consentOf(a!, 'test-stamp-1')}, ${consentOf(b!, 'test-stamp-1')},
          ${consentOf(a!, 'test-stamp-2')}`);
    });
    expect(stamped.sort()).toEqual([a!.id, b!.id].sort());
  });

  it('a change stamps the person before and after it; a delete stamps the person it leaves', async () => {
    const [a, b, c, d] = people;
    const inserted = await inTransaction(async (tx) => {
      await tx.execute(sql`INSERT INTO work_history (person_id, organisation_id, occupation, registered)
        VALUES (${c!.id}, ${c!.organisationId}, 'Aşçı', true), (${d!.id}, ${d!.organisationId}, 'Garson', false)`);
    });
    expect(inserted.stamped.sort()).toEqual([c!.id, d!.id].sort());

    // An entry moved from one person to another: both.
    const moved = await inTransaction(async (tx) => {
      await tx.execute(
        sql`UPDATE work_history SET person_id = ${a!.id} WHERE person_id = ${c!.id} AND occupation = 'Aşçı'`,
      );
    });
    expect(moved.stamped.sort()).toEqual([a!.id, c!.id].sort());

    // A change within one person's entry (a withdrawn consent, say): that person.
    const withdrawn = await inTransaction(async (tx) => {
      await tx.execute(
        sql`UPDATE consents SET withdrawn_at = now() WHERE person_id = ${b!.id} AND purpose = 'test-stamp-1'`,
      );
    });
    expect(withdrawn.stamped).toEqual([b!.id]);

    const deleted = await inTransaction(async (tx) => {
      await tx.execute(
        sql`DELETE FROM work_history WHERE person_id IN ${idList([a!.id, d!.id])} AND occupation IN ('Aşçı', 'Garson')`,
      );
    });
    expect(deleted.stamped.sort()).toEqual([a!.id, d!.id].sort());

    // A statement that touches no row stamps no one (and does not fail).
    const none = await inTransaction(async (tx) => {
      await tx.execute(sql`DELETE FROM work_history WHERE occupation = 'no such occupation'`);
      await tx.execute(sql`UPDATE consents SET channel = 'phone' WHERE purpose = 'no such purpose'`);
    });
    expect(none.stamped).toEqual([]);
  });

  it('a person stamped earlier in the transaction keeps the stamp and is not written again', async () => {
    const [a] = people;
    const { stamped } = await inTransaction(async (tx) => {
      await tx.execute(sql`UPDATE persons SET skill_ids = skill_ids WHERE id = ${a!.id}`);
      const version = async () =>
        (await rowsOf<{ v: string }>(tx.execute(sql`SELECT ctid::text AS v FROM persons WHERE id = ${a!.id}`)))[0]!.v;
      const before = await version();
      await tx.execute(sql`INSERT INTO consents (person_id, organisation_id, purpose, text_version, channel, granted_at)
        VALUES ${consentOf(a!, 'test-stamp-3')}`);
      // No new row version: the trigger's UPDATE found the person already carrying this transaction's stamp.
      expect(await version()).toBe(before);
    });
    expect(stamped).toEqual([a!.id]);
  });
});

describe('the ISCO groups of a registration', () => {
  it('are written with the person row, the same as refreshIscoGroups derives them', async () => {
    const counsellor = await t.as('ibb', 'counsellor');
    const res = await counsellor.post('/api/v1/persons', {
      givenName: 'Grup',
      familyName: 'Kodlu',
      idKind: 'tckn',
      idNumber: withTcknChecksum('377000001'),
      birthDate: '1988-05-05',
      sex: 'male',
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      confirmNotDuplicate: true,
      desiredOccupationCodes: [
        { title: 'Aşçı', iscoCode: '5120' },
        { title: 'Kasiyer', iscoCode: '5230' },
      ],
      workHistory: [
        { occupation: 'Garson', iscoCode: '5131', registered: true, startDate: '2019-01-01', endDate: '2020-01-01' },
        { occupation: 'Aşçı yardımcısı', iscoCode: '9412', registered: false },
      ],
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const read = async () =>
      (
        await rowsOf<{ groups: string[]; org: string }>(
          db.execute(sql`SELECT isco_groups AS groups, organisation_id AS org FROM persons WHERE id = ${id}`),
        )
      )[0]!;
    const written = await read();
    expect(written.groups).toEqual([
      '5',
      '51',
      '512',
      '5120',
      '513',
      '5131',
      '52',
      '523',
      '5230',
      '9',
      '94',
      '941',
      '9412',
    ]);
    await db.transaction(async (tx) => refreshIscoGroups(tx, written.org, [id]));
    expect((await read()).groups).toEqual(written.groups);
  });
});
