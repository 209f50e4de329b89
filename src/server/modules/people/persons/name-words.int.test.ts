import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import { personNameWords, persons } from '../../../db/schema/index.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';

// The vocabulary of name words (issue 15): the name search corrects typed words against it, and the
// people module keeps it with every write of a name.

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih
let organisationId: string;

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  const [p] = await t.database.db.select({ org: persons.organisationId }).from(persons).limit(1);
  organisationId = p!.org;
});
afterAll(async () => t.close());

let serial = 300_000_00;
const tckn = () => withTcknChecksum(String(++serial).padStart(9, '3'));

async function register(
  givenName: string,
  familyName: string,
  birthDate = '1987-05-06',
  id: { idKind: string | null; idNumber: string | null } = { idKind: 'tckn', idNumber: tckn() },
): Promise<string> {
  const res = await counsellor.post('/api/v1/persons', {
    givenName,
    familyName,
    ...id,
    birthDate,
    sex: 'female',
    nationality: 'TR',
    languages: [{ code: 'tr', level: 'native' }],
    province: 'İstanbul',
    district: 'Fatih',
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [],
    confirmNotDuplicate: true,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** How many persons use each of these words in the organisation's vocabulary (absent: not in it). */
async function uses(...words: string[]): Promise<Record<string, number>> {
  const rows = await t.database.db
    .select()
    .from(personNameWords)
    .where(and(eq(personNameWords.organisationId, organisationId), inArray(personNameWords.word, words)));
  return Object.fromEntries(rows.map((r) => [r.word, r.persons]));
}

const search = async (q: string) => (await counsellor.post('/api/v1/persons/search', { q })).body;

describe('the vocabulary of name words', () => {
  it('corrects a typo: a word that no name contains finds the persons named like it', async () => {
    const id = await register('Gülizar', 'Zümrütoğlu');
    await register('Nesrin', 'Zümrütoğlu', '1990-01-01');
    expect(await uses('gulizar', 'zumrutoglu')).toEqual({ gulizar: 1, zumrutoglu: 2 });
    // One letter missing in the family name: the exact words find no one.
    const typo = await search('gulizar zumrutolu');
    expect(typo.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(typo.total).toBe(1);
    // A typo in each word, and one of the given name alone.
    expect((await search('gulzar zumrutoglu')).items.map((p: { id: string }) => p.id)).toEqual([id]);
    const family = await search('zumrtoglu');
    expect(family.items.map((p: { givenName: string }) => p.givenName).sort()).toEqual(['Gülizar', 'Nesrin']);
    // A word found by fewer than 25 persons keeps them first, and brings the names like it after.
    await register('Gülizar', 'Zümrütoğlular', '1991-01-01');
    const rare = await search('zumrutoglu');
    expect(rare.items.map((p: { familyName: string }) => p.familyName)).toEqual([
      'Zümrütoğlu',
      'Zümrütoğlu',
      'Zümrütoğlular',
    ]);
    // Nothing like it at all: nothing found.
    expect((await search('qqxqqxqq')).total).toBe(0);
  });

  it('follows a rename: the old word leaves when no one else uses it', async () => {
    const id = await register('Pelinsu', 'Karadutlu');
    expect(await uses('pelinsu', 'karadutlu')).toEqual({ pelinsu: 1, karadutlu: 1 });
    const renamed = await counsellor.patch(`/api/v1/persons/${id}`, { familyName: 'Akdutlu' });
    expect(renamed.status).toBe(200);
    expect(await uses('pelinsu', 'karadutlu', 'akdutlu')).toEqual({ pelinsu: 1, akdutlu: 1 });
    expect((await search('karadutlu')).total).toBe(0);
    expect((await search('pelinsu akdutl')).items.map((p: { id: string }) => p.id)).toEqual([id]);
  });

  it("takes a merged duplicate's words out, and keeps the words the kept record still has", async () => {
    const kept = await register('Şebnem', 'Yaprakdöken', '1979-09-09');
    const dup = await register('Şebnem', 'Yaprakdokenoğlu', '1979-09-09', { idKind: null, idNumber: null });
    expect(await uses('sebnem', 'yaprakdoken', 'yaprakdokenoglu')).toEqual({
      sebnem: 2,
      yaprakdoken: 1,
      yaprakdokenoglu: 1,
    });
    const merged = await counsellor.post(`/api/v1/persons/${kept}/merge`, { duplicateId: dup });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(await uses('sebnem', 'yaprakdoken', 'yaprakdokenoglu')).toEqual({ sebnem: 1, yaprakdoken: 1 });
  });

  it('does not search a far worse word when a good correction exists', async () => {
    const id = await register('Nilüfer', 'Karamehmetoğlu', '1984-02-03');
    await register('Sevim', 'Karam', '1984-02-03');
    // `karamehmetolu` is like `karamehmetoglu` (score 0.71) and, far less, like `karam` (0.36): both are in the
    // vocabulary, only the first is searched.
    const typo = await search('karamehmetolu');
    expect(typo.items.map((p: { id: string }) => p.id)).toEqual([id]);
    expect(typo.total).toBe(1);
    // Both near: both searched (only Sevim is a Karam).
    expect((await search('sevim karamm')).items.map((p: { familyName: string }) => p.familyName)).toEqual(['Karam']);
  });
});
