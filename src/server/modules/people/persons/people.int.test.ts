import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import { auditEvents, persons } from '../../../db/schema/index.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';
import { NAME_SEARCH } from './persons.queries.ts';

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih
let counsellor2: TestClient; // Ali Kurt, İBB Esenyurt
let offices: { id: string; district: string }[];

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  counsellor2 = await t.as('ibb', 'counsellor2');
  offices = (await (await t.as('ibb', 'admin')).get('/api/v1/offices')).body.items;
});
afterAll(async () => t.close());

const office = (district: string) => offices.find((o) => o.district === district)!.id;
let serial = 100_000_00;
const tckn = () => withTcknChecksum(String(++serial).padStart(9, '1'));

function person(overrides: Record<string, unknown> = {}) {
  return {
    givenName: 'Şükrü',
    familyName: 'Çağlayan',
    idKind: 'tckn',
    idNumber: tckn(),
    birthDate: '1990-04-12',
    sex: 'male',
    nationality: 'TR',
    languages: [{ code: 'tr', level: 'native' }],
    phone: `0532 ${String(serial).slice(-7, -4)} ${String(serial).slice(-4, -2)} ${String(serial).slice(-2)}`,
    province: 'İstanbul',
    district: 'Fatih',
    desiredOccupations: ['Aşçı yardımcısı'],
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
    ...overrides,
  };
}

const personCount = async () => (await t.database.db.select({ n: count() }).from(persons))[0]!.n;

describe('registering a person', () => {
  it('registers a person with notice and consent, opens a case and audits it all', async () => {
    const res = await counsellor.post(
      '/api/v1/persons',
      person({ givenName: 'Şükrü', familyName: 'Öztürk', birthDate: '1988-02-01' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.idNumberMasked).toMatch(/^\d{2}\*{7}\d{2}$/);
    expect(JSON.stringify(res.body)).not.toMatch(/"idNumber"/);
    expect(res.body.case.status).toBe('new');
    expect(res.body.case.counsellor.name).toBe('Zeynep Kaya');
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, res.body.id));
    expect(events.map((e) => e.action).sort()).toEqual(['consent.granted', 'notice.acknowledged', 'person.created']);
    expect(events.find((e) => e.action === 'person.created')!.fields).not.toContain('idNumberEnc');
    const consents = await counsellor.get(`/api/v1/persons/${res.body.id}/consents`);
    expect(consents.body.notices[0]).toMatchObject({
      version: '2026-01',
      channel: 'in-person',
      recordedBy: 'Zeynep Kaya',
    });
    expect(consents.body.consents[0]).toMatchObject({ purpose: 'share-with-employers', active: true });
  });

  it.each([
    ['an invalid ID checksum', { idNumber: '10000000145' }, '/idNumber', 'errors.persons.idNumberInvalid.tckn'],
    [
      'a foreigner number given as TCKN',
      { idNumber: withTcknChecksum('991234567') },
      '/idNumber',
      'errors.persons.idNumberInvalid.tckn',
    ],
    ['a birth date in the future', { birthDate: '2031-01-01' }, '/birthDate', 'errors.persons.birthDateFuture'],
    ['an age under 15', { birthDate: '2013-01-01' }, '/birthDate', 'errors.persons.tooYoung'],
    [
      'a disability below 40 %',
      { targetGroups: [{ group: 'disability', details: { reportPercentage: 30 } }] },
      '/targetGroups/0/details/reportPercentage',
      'errors.persons.disabilityPercentage',
    ],
    ['an unknown district', { district: 'Karşıyaka' }, '/district', 'errors.persons.districtUnknown'],
    ['an unknown province', { province: 'Atlantis' }, '/province', 'errors.persons.provinceUnknown'],
  ])('refuses %s with a problem naming the field, and writes nothing', async (_name, change, pointer, code) => {
    const before = await personCount();
    const res = await counsellor.post('/api/v1/persons', person(change));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, code }));
    expect(await personCount()).toBe(before);
  });

  it('reports several problems at once, translated', async () => {
    const res = await counsellor.post('/api/v1/persons', person({ birthDate: '2031-01-01', district: 'Nowhere' }));
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/birthDate', '/district']);
    expect(res.body.errors.find((e: { pointer: string }) => e.pointer === '/district').message).toBe(
      'Bu ilçe İstanbul ilinde bulunamadı.',
    );
  });

  it('accepts a district written without Turkish letters and stores its proper name', async () => {
    const res = await counsellor.post(
      '/api/v1/persons',
      person({ givenName: 'Gül', familyName: 'Ateş', district: 'fatih', province: 'ISTANBUL' }),
    );
    expect(res.status).toBe(201);
    expect([res.body.province, res.body.district]).toEqual(['İstanbul', 'Fatih']);
  });
});

describe('duplicates', () => {
  it('refuses the same ID number', async () => {
    const id = tckn();
    expect(
      (await counsellor.post('/api/v1/persons', person({ givenName: 'Emel', familyName: 'Sarı', idNumber: id })))
        .status,
    ).toBe(201);
    const before = await personCount();
    const again = await counsellor.post(
      '/api/v1/persons',
      person({ givenName: 'Başka', familyName: 'Biri', birthDate: '1970-01-01', idNumber: id }),
    );
    expect(again.status).toBe(409);
    expect(again.body.errors[0].pointer).toBe('/idNumber');
    expect(await personCount()).toBe(before);
  });

  it('shows a likely duplicate (same birth date, name equal after folding) before saving', async () => {
    await counsellor.post(
      '/api/v1/persons',
      person({ givenName: 'Hüseyin', familyName: 'Güneş', birthDate: '1979-09-09', idKind: null, idNumber: null }),
    );
    const probe = { givenName: 'HUSEYIN', familyName: 'gunes', birthDate: '1979-09-09' };
    const check = await counsellor.post('/api/v1/persons/duplicates', probe);
    expect(check.body.sameIdNumber).toBe(false);
    expect(check.body.candidates).toHaveLength(1);
    expect(check.body.candidates[0]).toMatchObject({ givenName: 'Hüseyin', reasons: ['same-name-and-birth-date'] });
    const refused = await counsellor.post(
      '/api/v1/persons',
      person({ ...probe, idKind: null, idNumber: null, phone: null }),
    );
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('errors.persons.likelyDuplicate');
    const confirmed = await counsellor.post(
      '/api/v1/persons',
      person({ ...probe, idKind: null, idNumber: null, phone: null, confirmNotDuplicate: true }),
    );
    expect(confirmed.status).toBe(201);
  });
});

describe('search', () => {
  it('answers a list in one round trip after the session: the page, offices, groups, open cases and the total (issue 15)', async () => {
    await counsellor.get('/api/v1/persons'); // the session's last-seen update, if due, is out of the way
    const before = t.queries.length;
    const plain = await counsellor.get('/api/v1/persons?pageSize=5');
    expect(plain.status).toBe(200);
    expect(plain.body.items.length).toBeGreaterThan(0);
    expect(plain.body.total).toBeGreaterThanOrEqual(plain.body.items.length);
    const filtered = await counsellor.get('/api/v1/persons?district=Fatih&sort=name');
    expect(filtered.status).toBe(200);
    const statements = t.queries.slice(before);
    // Per request: the session (with user and permissions), then the list.
    expect(statements).toHaveLength(4);
    expect(statements[0]).toMatch(/from "sessions" inner join "users"/i);
    expect(statements[1]).toMatch(/from "persons" left join "offices"/i);
    // A page past the end still tells the total (counted alone then).
    const past = await counsellor.get('/api/v1/persons?page=1000');
    expect(past.body.items).toEqual([]);
    expect(past.body.total).toBe(plain.body.total);
  });

  it("lists a group within an office's district as the office's list of the group has it, for a manager too", async () => {
    const manager = await t.as('ibb', 'manager');
    let compared = 0;
    for (const group of ['long-term-unemployed', 'woman-care', 'neet', 'social-aid', 'informal-worker']) {
      const wide = await counsellor.get(`/api/v1/persons?group=${group}&sort=name&pageSize=100`);
      expect(wide.status).toBe(200);
      const items = wide.body.items as { id: string; district: string; office: { id: string } }[];
      for (const district of new Set(items.map((p) => p.district))) {
        const expected = items.filter((p) => p.district === district).map((p) => p.id);
        const narrow = await counsellor.get(
          `/api/v1/persons?group=${group}&district=${encodeURIComponent(district)}&sort=name&pageSize=100`,
        );
        expect(
          narrow.body.items.map((p: { id: string }) => p.id),
          `${group} in ${district}`,
        ).toEqual(expected);
        expect(narrow.body).toMatchObject({ total: expected.length, totalCapped: false });
        // A manager choosing the office: the same persons.
        const chosen = await manager.get(
          `/api/v1/persons?group=${group}&district=${encodeURIComponent(district)}&officeId=${items[0]!.office.id}&sort=name&pageSize=100`,
        );
        expect(chosen.body.items.map((p: { id: string }) => p.id)).toEqual(expected);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('finds "Şükrü" by typing "sukru", by ID number and by phone', async () => {
    const id = tckn();
    const created = await counsellor.post(
      '/api/v1/persons',
      person({
        givenName: 'Şükrü',
        familyName: 'Işıklı',
        birthDate: '1995-05-05',
        idNumber: id,
        phone: '0541 777 66 55',
      }),
    );
    expect(created.status).toBe(201);
    const byName = await counsellor.post('/api/v1/persons/search', { q: 'sukru isikli' });
    expect(byName.body.items.map((p: { id: string }) => p.id)).toContain(created.body.id);
    const upper = await counsellor.post('/api/v1/persons/search', { q: 'ŞÜKRÜ IŞIKLI' });
    expect(upper.body.items[0].id).toBe(created.body.id);
    const byId = await counsellor.post('/api/v1/persons/search', { q: id });
    expect(byId.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
    const byPhone = await counsellor.post('/api/v1/persons/search', { q: '+90 541 777 6655' });
    expect(byPhone.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
    const byOccupation = await counsellor.get(`/api/v1/persons?occupation=${encodeURIComponent('ascı')}`);
    expect(byOccupation.body.total).toBeGreaterThan(0);
  });

  it('finds a phone typed in any common format: an 11-digit number starting with 0 is a phone, not an ID', async () => {
    const id = tckn();
    const created = await counsellor.post(
      '/api/v1/persons',
      person({
        givenName: 'Nurhan',
        familyName: 'Telefoncu',
        birthDate: '1991-06-07',
        idNumber: id,
        phone: '0542 318 40 27',
      }),
    );
    expect(created.status).toBe(201);
    for (const q of [
      '0542 318 40 27',
      '05423184027',
      '+90 542 318 40 27',
      '+905423184027',
      '90 542 318 40 27',
      '5423184027',
      '542 318 4027',
      '0(542) 318-4027',
      '0 (542) 318 40 27',
      '0542-318-40-27',
      '0542.318.40.27',
    ]) {
      const found = await counsellor.post('/api/v1/persons/search', { q });
      expect(found.status, q).toBe(200);
      expect(
        found.body.items.map((p: { id: string }) => p.id),
        q,
      ).toEqual([created.body.id]);
    }
    // The ID number is still an ID number, also with spaces.
    const byId = await counsellor.post('/api/v1/persons/search', {
      q: `${id.slice(0, 3)} ${id.slice(3, 6)} ${id.slice(6)}`,
    });
    expect(byId.body.items.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
  });

  it('sorts by family name in Turkish order and paginates', async () => {
    for (const familyName of ['Cengiz', 'Çelik', 'Ozan', 'Örnek']) {
      await counsellor.post(
        '/api/v1/persons',
        person({ givenName: 'Sıra', familyName, birthDate: '2000-01-0' + ((familyName.length % 9) + 1) }),
      );
    }
    const list = await counsellor.post('/api/v1/persons/search', { q: 'sira', sort: 'name', pageSize: 100 });
    const names = list.body.items.map((p: { familyName: string }) => p.familyName);
    expect(names).toEqual(['Cengiz', 'Çelik', 'Ozan', 'Örnek']);
    const page = await counsellor.post('/api/v1/persons/search', { q: 'sira', sort: 'name', pageSize: 2, page: 2 });
    expect(page.body.items.map((p: { familyName: string }) => p.familyName)).toEqual(['Ozan', 'Örnek']);
    expect(page.body.total).toBe(4);
  });
});

describe('name search at scale (issue 15)', () => {
  const given = [
    'Ali',
    'Ayşe',
    'Ayşe Nur',
    'Mehmet',
    'Mehmet Ali',
    'Zeynep',
    'Fatma',
    'Emine',
    'Hüseyin',
    'Hasan',
    'Elif',
    'Can',
    'Ece',
    'Derya',
    'Oya',
    'Ümran',
    'Şule',
    'Gül',
    'Gülşen',
    'Nur',
    'Aslı',
    'Ahmet',
    'Esra',
    'Bora',
    'Sena',
    'Tuna',
    'Ada',
    'Ela',
    'Deniz',
    'Hilal',
  ];
  // `lists`: the word lists searched for, the first one ranking (a typo's corrections; by default the query's words).
  const ranked = async (q: string, limit: number, offset: number, lists: string[][] = [q.split(' ')]) => {
    const words: string[] = [];
    const where = lists
      .map((list) => list.map((w) => `name_key ILIKE $${words.push(`%${w}%`) + 2}`).join(' AND '))
      .join(') OR (');
    const key = lists[0]!.join(' ');
    const rows = await t.database.query<{ id: string }>(
      // The ranking as listPersons had it before the index walk: every match ranked, whole query first.
      `SELECT id FROM persons WHERE merged_into_id IS NULL AND ((${where}))
       ORDER BY (name_key LIKE $1)::int DESC, similarity(name_key, $2) DESC, family_name, given_name, id
       LIMIT ${limit} OFFSET ${offset}`,
      [`%${key}%`, key, ...words],
    );
    return rows.map((r) => r.id);
  };
  // "kestanci" is in no name: it is corrected to the two family names like it, the more common first.
  const kestanci = [['kestaneci'], ['kestanaci']];

  beforeAll(async () => {
    for (const [i, g] of given.entries()) {
      const res = await counsellor.post(
        '/api/v1/persons',
        person({ givenName: g, familyName: 'Kestaneci', birthDate: `1990-01-${String(i + 1).padStart(2, '0')}` }),
      );
      expect(res.status).toBe(201);
    }
    const typo = await counsellor.post(
      '/api/v1/persons',
      person({ givenName: 'Zeynep', familyName: 'Kestanaci', birthDate: '1991-02-03' }),
    );
    expect(typo.status).toBe(201);
  });

  it('gives the same pages as ranking every match, whole query first', async () => {
    // "ali kestaneci": the words find two and both are in names, so there is nothing to correct: the two.
    // "kestanci": the corrected words' matches, ranked as the best correction would rank them.
    for (const [q, lists] of [
      ['kestaneci', undefined],
      ['a kestaneci', undefined],
      ['ali kestaneci', undefined],
      ['kestanci', kestanci],
    ] as const) {
      for (const page of [1, 2, 3]) {
        const found = await counsellor.post('/api/v1/persons/search', { q, page, pageSize: 10 });
        expect(found.status).toBe(200);
        const ids = found.body.items.map((p: { id: string }) => p.id);
        expect(ids, `${q} page ${page}`).toEqual(await ranked(q, 10, (page - 1) * 10, lists));
      }
    }
  });

  it('past the count cap, says "1,000+" and reads the same pages through the index walk', async () => {
    const cap = NAME_SEARCH.countCap;
    NAME_SEARCH.countCap = 5;
    try {
      // "kestanci" walks once for each correction.
      for (const q of ['kestaneci', 'a kestaneci', 'e kestaneci', 'kestanci']) {
        for (const page of [1, 2, 4]) {
          const found = await counsellor.post('/api/v1/persons/search', { q, page, pageSize: 7 });
          expect(found.body.total).toBe(5);
          expect(found.body.totalCapped).toBe(true);
          const ids = found.body.items.map((p: { id: string }) => p.id);
          expect(ids, `${q} page ${page}`).toEqual(
            await ranked(q, 7, (page - 1) * 7, q === 'kestanci' ? kestanci : undefined),
          );
        }
      }
      // The plain list caps its total the same way, and pages past the cap still come; a filter that finds
      // fewer than the cap says its exact total.
      const plain = await counsellor.get('/api/v1/persons?pageSize=3');
      expect(plain.body).toMatchObject({ total: 5, totalCapped: true });
      expect(plain.body.items).toHaveLength(3);
      const deep = await counsellor.get('/api/v1/persons?pageSize=3&page=3');
      expect(deep.body.totalCapped).toBe(true);
      expect(deep.body.items).toHaveLength(3);
      const past = await counsellor.get('/api/v1/persons?pageSize=3&page=10000');
      expect(past.body).toMatchObject({ items: [], total: 5, totalCapped: true });
      const few = await counsellor.get('/api/v1/persons?caseStatus=on-hold');
      expect(few.body.totalCapped).toBe(false);
      expect(few.body.total).toBe(few.body.items.length);
    } finally {
      NAME_SEARCH.countCap = cap;
    }
  });

  it('looks for typos only when the words find fewer than 25 persons, and says the total is exact', async () => {
    const exact = await counsellor.post('/api/v1/persons/search', { q: 'kestaneci', pageSize: 100 });
    expect(exact.body.total).toBe(30);
    expect(exact.body.totalCapped).toBe(false);
    expect(exact.body.items.map((p: { familyName: string }) => p.familyName)).not.toContain('Kestanaci');
    // "kestanci" is in no name: corrected, it finds the Kestanecis (and the Kestanacı).
    const typo = await counsellor.post('/api/v1/persons/search', { q: 'kestanci' });
    expect(typo.body.items).toHaveLength(25);
    expect(typo.body.total).toBeGreaterThanOrEqual(30);
    // A word found by fewer than 25 still brings the names like it after the exact ones.
    const one = await counsellor.post('/api/v1/persons/search', { q: 'kestanaci' });
    expect(one.body.items[0].familyName).toBe('Kestanaci');
    expect(one.body.total).toBeGreaterThan(1);
  });
});

describe('access', () => {
  it("answers 404 to another office's counsellor and to another organisation", async () => {
    const res = await counsellor.post(
      '/api/v1/persons',
      person({ givenName: 'Dilek', familyName: 'Yurt', birthDate: '1985-03-03' }),
    );
    expect((await counsellor2.get(`/api/v1/persons/${res.body.id}`)).status).toBe(404);
    expect((await counsellor2.patch(`/api/v1/persons/${res.body.id}`, { skills: 'x' })).status).toBe(404);
    const izmir = await t.as('izmir', 'counsellor');
    expect((await izmir.get(`/api/v1/persons/${res.body.id}`)).status).toBe(404);
    expect((await izmir.post('/api/v1/persons/search', { q: 'dilek' })).body.total).toBe(0);
    // A manager sees every office of the organisation.
    expect((await (await t.as('ibb', 'manager')).get(`/api/v1/persons/${res.body.id}`)).status).toBe(200);
  });

  it('never shows a person to an analyst', async () => {
    const analyst = await t.as('ibb', 'analyst');
    expect((await analyst.get('/api/v1/persons')).status).toBe(403);
    const any = (await counsellor.get('/api/v1/persons?pageSize=1')).body.items[0].id;
    expect((await analyst.get(`/api/v1/persons/${any}`)).status).toBe(403);
  });

  it('hides Roma, disability and refugee details from a counsellor without special-category:read, and audits reads', async () => {
    const created = await counsellor.post(
      '/api/v1/persons',
      person({
        givenName: 'Merve',
        familyName: 'Demirci',
        birthDate: '1992-07-07',
        sex: 'female',
        targetGroups: [
          { group: 'roma', details: {} },
          { group: 'disability', details: { reportPercentage: 55, accessibilityNeeds: 'Tekerlekli sandalye' } },
          { group: 'woman-care', details: { childrenUnder6: 2 } },
        ],
        consents: [{ purpose: 'roma-self-identification', textVersion: '2026-01', channel: 'paper' }],
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.targetGroups.map((g: { group: string }) => g.group).sort()).toEqual([
      'disability',
      'roma',
      'woman-care',
    ]);

    const admin = await t.as('ibb', 'admin');
    const role = await admin.post('/api/v1/roles', {
      name: 'Danışman (özel veri yok)',
      permissions: ['persons:read', 'persons:write', 'cases:read', 'cases:write'],
    });
    await admin.post('/api/v1/users', {
      kind: 'staff',
      fullName: 'Oya Kılınç',
      email: 'oya.kilinc@ibb.example',
      officeId: office('Fatih'),
      roleIds: [role.body.id],
    });
    const mail = await t.lastMessageTo('oya.kilinc@ibb.example');
    await t.anonymous.post('/api/v1/auth/invitation/accept', {
      token: /#token=([\w-]+)/.exec(mail!.body)![1],
      password: 'oya-parola-uzun-12',
    });
    const plain = await t.signIn('oya.kilinc@ibb.example', 'oya-parola-uzun-12');

    const seen = await plain.get(`/api/v1/persons/${created.body.id}`);
    expect(seen.body.targetGroups).toEqual([{ group: 'woman-care', details: { childrenUnder6: 2 } }]);
    expect(JSON.stringify(seen.body)).not.toMatch(/roma|disability|Tekerlekli|reportPercentage/);
    const list = await plain.post('/api/v1/persons/search', { q: 'merve' });
    expect(list.body.items[0].targetGroups).toEqual(['woman-care']);
    expect((await plain.get('/api/v1/persons?group=roma')).status).toBe(422);
    const sneaky = await plain.post(
      '/api/v1/persons',
      person({
        targetGroups: [
          { group: 'refugee', details: { status: 'temporary-protection', registrationProvince: 'Gaziantep' } },
        ],
      }),
    );
    expect(sneaky.status).toBe(422);
    // Editing groups keeps the special ones this user cannot see.
    await plain.patch(`/api/v1/persons/${created.body.id}`, {
      targetGroups: [{ group: 'woman-care', details: { childrenUnder6: 3 } }],
    });
    const full = await counsellor.get(`/api/v1/persons/${created.body.id}`);
    expect(full.body.targetGroups.map((g: { group: string }) => g.group).sort()).toEqual([
      'disability',
      'roma',
      'woman-care',
    ]);
    const reads = await t.database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, created.body.id), eq(auditEvents.action, 'person.special-category-read')));
    expect(reads[0]!.n).toBeGreaterThan(0);
  });

  it('reveals the full ID number only with the permission, for a stated purpose, audited', async () => {
    const id = tckn();
    const created = await counsellor.post(
      '/api/v1/persons',
      person({ givenName: 'Kader', familyName: 'Bal', birthDate: '1980-08-08', idNumber: id }),
    );
    const revealed = await counsellor.post(`/api/v1/persons/${created.body.id}/id-number`, {
      purpose: 'SGK işe giriş kontrolü',
    });
    expect(revealed.body).toEqual({ idKind: 'tckn', idNumber: id });
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, created.body.id), eq(auditEvents.action, 'person.id-number-revealed')));
    expect(event!.purpose).toBe('SGK işe giriş kontrolü');
    const manager = await t.as('ibb', 'manager');
    expect((await manager.post(`/api/v1/persons/${created.body.id}/id-number`, { purpose: 'merak' })).status).toBe(403);
    // The number is stored encrypted.
    const [row] = await t.database.db.select().from(persons).where(eq(persons.id, created.body.id));
    expect(JSON.stringify(row)).not.toContain(id);
  });
});

describe('consent', () => {
  it('withdraws a consent at once; withdrawing Roma self-identification removes the group', async () => {
    const created = await counsellor.post(
      '/api/v1/persons',
      person({
        givenName: 'Ceylan',
        familyName: 'Akgül',
        birthDate: '1999-09-19',
        targetGroups: [{ group: 'roma' }],
        consents: [
          { purpose: 'roma-self-identification', textVersion: '2026-01', channel: 'paper' },
          { purpose: 'share-with-employers', textVersion: '2026-01', channel: 'paper' },
        ],
      }),
    );
    const list = await counsellor.get(`/api/v1/persons/${created.body.id}/consents`);
    const roma = list.body.consents.find((c: { purpose: string }) => c.purpose === 'roma-self-identification');
    const after = await counsellor.post(`/api/v1/persons/${created.body.id}/consents/${roma.id}/withdraw`);
    expect(after.body.consents.find((c: { id: string }) => c.id === roma.id).active).toBe(false);
    expect((await counsellor.get(`/api/v1/persons/${created.body.id}`)).body.targetGroups).toEqual([]);
    const again = await counsellor.post(`/api/v1/persons/${created.body.id}/consents`, {
      purpose: 'share-with-employers',
      textVersion: '2026-01',
      channel: 'phone',
    });
    expect(again.status).toBe(409);
    const noConsent = await counsellor.post(
      '/api/v1/persons',
      person({ targetGroups: [{ group: 'roma' }], consents: [] }),
    );
    expect(noConsent.status).toBe(422);
    expect(noConsent.body.errors[0].code).toBe('errors.persons.romaNeedsConsent');
  });

  it('tells a referral picker whether the consent to share with employers is in force (issue 14)', async () => {
    const created = await counsellor.post(
      '/api/v1/persons',
      person({ givenName: 'Nilgün', familyName: 'Paylaşımdeneme', birthDate: '1990-10-10', consents: [] }),
    );
    expect(created.status).toBe(201);
    const sharing = async () => {
      const found = await counsellor.post('/api/v1/persons/search', { q: 'Paylaşımdeneme' });
      return found.body.items.map((p: { sharesWithEmployers: boolean }) => p.sharesWithEmployers);
    };
    expect(await sharing()).toEqual([false]);
    const given = await counsellor.post(`/api/v1/persons/${created.body.id}/consents`, {
      purpose: 'share-with-employers',
      textVersion: '2026-01',
      channel: 'in-person',
    });
    expect(await sharing()).toEqual([true]);
    const consent = given.body.consents.find((c: { purpose: string }) => c.purpose === 'share-with-employers');
    await counsellor.post(`/api/v1/persons/${created.body.id}/consents/${consent.id}/withdraw`);
    expect(await sharing()).toEqual([false]);
  });
});

describe('cases', () => {
  it('counts on the desk what the action plans and the caseload screen show', async () => {
    const before = (await counsellor.get('/api/v1/counsellor-home')).body;
    const created = await counsellor.post(
      '/api/v1/persons',
      person({ givenName: 'Derya', familyName: 'Ateş', birthDate: '1990-05-21', sex: 'female' }),
    );
    const caseId = created.body.case.id;
    // A step the person owns, in a case of hers: on her desk too (the plan shows it as overdue).
    const step = await counsellor.post(`/api/v1/cases/${caseId}/steps`, {
      title: 'Diploma fotokopisini getir',
      ownerKind: 'person',
      dueDate: '2020-01-02',
    });
    expect(step.body.steps[0]).toMatchObject({ overdue: true, owner: null });
    const home = (await counsellor.get('/api/v1/counsellor-home')).body;
    expect(home.overdueSteps).toBe(before.overdueSteps + 1);
    expect(home.steps.map((s: { title: string }) => s.title)).toContain('Diploma fotokopisini getir');
    expect(home.openCases).toBe(before.openCases + 1);
    // The caseload screen: the office's total and the counsellor's own row are the desk's numbers.
    const me = (await counsellor.get('/api/v1/me')).body.id;
    const caseload = (await counsellor.get('/api/v1/caseload')).body.items as {
      counsellor: { id: string } | null;
      total: number;
    }[];
    expect(caseload.reduce((n, r) => n + r.total, 0)).toBe(home.officeOpenCases);
    expect(caseload.find((r) => r.counsellor?.id === me)?.total).toBe(home.openCases);
  });

  it('follows a case: a note makes it active, an action plan, a transfer with history', async () => {
    const created = await counsellor.post(
      '/api/v1/persons',
      person({ givenName: 'Aylin', familyName: 'Korkmaz', birthDate: '1993-03-13', sex: 'female' }),
    );
    const caseId = created.body.case.id;
    const noted = await counsellor.post(`/api/v1/cases/${caseId}/notes`, {
      kind: 'meeting',
      body: 'İlk görüşme yapıldı; çocuk bakımı ihtiyacı var.',
    });
    expect(noted.status).toBe(201);
    expect(noted.body.status).toBe('active');
    expect(noted.body.notes[0]).toMatchObject({ kind: 'meeting', author: 'Zeynep Kaya' });
    const step = await counsellor.post(`/api/v1/cases/${caseId}/steps`, {
      title: 'Kreş başvurusu',
      ownerKind: 'counsellor',
      dueDate: '2020-01-01',
    });
    expect(step.body.steps[0]).toMatchObject({ title: 'Kreş başvurusu', overdue: true });
    const home = await counsellor.get('/api/v1/counsellor-home');
    expect(home.body.steps.map((s: { title: string }) => s.title)).toContain('Kreş başvurusu');
    const done = await counsellor.post(`/api/v1/cases/${caseId}/steps/${step.body.steps[0].id}/done`, { done: true });
    expect(done.body.steps[0].doneAt).not.toBeNull();

    const future = await counsellor.post(`/api/v1/cases/${caseId}/notes`, {
      kind: 'phone',
      body: 'x',
      occurredAt: '2099-01-01T10:00:00Z',
    });
    expect(future.status).toBe(422);

    expect((await counsellor.post(`/api/v1/persons/${created.body.id}/household`, {})).status).toBe(201);
    const aliId = (await counsellor2.get('/api/v1/me')).body.id;
    const wrongOffice = await counsellor.post(`/api/v1/cases/${caseId}/transfer`, {
      toOfficeId: office('Fatih'),
      toCounsellorId: aliId,
    });
    expect(wrongOffice.status).toBe(422);
    expect(wrongOffice.body.errors[0].pointer).toBe('/toCounsellorId');
    const moved = await counsellor.post(`/api/v1/cases/${caseId}/transfer`, {
      toOfficeId: office('Esenyurt'),
      toCounsellorId: aliId,
      reason: 'Taşındı',
    });
    expect(moved.status).toBe(200);
    // The file now belongs to Esenyurt: Zeynep no longer sees it, Ali does, with the history.
    expect((await counsellor.get(`/api/v1/cases/${caseId}`)).status).toBe(404);
    const atAli = await counsellor2.get(`/api/v1/cases/${caseId}`);
    expect(atAli.body.counsellor.name).toBe('Ali Kurt');
    expect(atAli.body.transfers[0]).toMatchObject({
      fromCounsellor: 'Zeynep Kaya',
      toCounsellor: 'Ali Kurt',
      reason: 'Taşındı',
    });
    expect((await counsellor2.get(`/api/v1/persons/${created.body.id}`)).body.office.id).toBe(office('Esenyurt'));
    // The household moves with the case.
    expect((await counsellor2.get(`/api/v1/persons/${created.body.id}/household`)).status).toBe(200);
    const load = await (await t.as('ibb', 'manager')).get('/api/v1/caseload');
    expect(
      load.body.items.find((i: { counsellor: { name: string } | null }) => i.counsellor?.name === 'Ali Kurt').total,
    ).toBeGreaterThan(0);
  });

  it('allows only the declared status transitions; closing needs a reason; a new episode opens a new case', async () => {
    const created = await counsellor.post(
      '/api/v1/persons',
      person({ givenName: 'Berk', familyName: 'Tuna', birthDate: '2001-01-21' }),
    );
    const caseId = created.body.case.id;
    const placedFromNew = await counsellor.post(`/api/v1/cases/${caseId}/status`, { status: 'placed' });
    expect(placedFromNew.status).toBe(409);
    expect(placedFromNew.body.code).toBe('errors.cases.transitionNotAllowed');
    expect(
      (await counsellor.post(`/api/v1/cases/${caseId}/status`, { status: 'active' })).body.allowedStatuses,
    ).toEqual(['on-hold', 'placed', 'closed']);
    expect((await counsellor.post(`/api/v1/cases/${caseId}/status`, { status: 'closed' })).status).toBe(422);
    const closed = await counsellor.post(`/api/v1/cases/${caseId}/status`, {
      status: 'closed',
      closeReason: 'moved-away',
    });
    expect(closed.body.status).toBe('closed');
    expect((await counsellor.post(`/api/v1/cases/${caseId}/notes`, { kind: 'phone', body: 'x' })).status).toBe(409);
    const reopened = await counsellor.post(`/api/v1/persons/${created.body.id}/cases`);
    expect(reopened.status).toBe(201);
    expect((await counsellor.post(`/api/v1/persons/${created.body.id}/cases`)).status).toBe(409);
    expect((await counsellor.get(`/api/v1/persons/${created.body.id}/cases`)).body.items).toHaveLength(2);
  });
});
