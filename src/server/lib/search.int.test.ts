import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../test/harness.ts';
import { withTcknChecksum, withVknChecksum } from '../../common/identity-number.ts';

/**
 * Issue 8 item 19: search words (names, ID numbers, tax numbers, phones) travel in a POST body, never
 * in an address; the lists keep their non-personal filters in the query string and refuse `q`.
 */

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih
let counsellor2: TestClient; // Ali Kurt, İBB Esenyurt
let officer: TestClient; // İBB employer relations
let admin: TestClient; // İBB admin
let serial = 700_000_00;

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  counsellor2 = await t.as('ibb', 'counsellor2');
  officer = await t.as('ibb', 'employer-relations');
  admin = await t.as('ibb', 'admin');
});
afterAll(async () => t.close());

const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((p) => p.id);

async function registerPerson(overrides: Record<string, unknown>) {
  const res = await counsellor.post('/api/v1/persons', {
    givenName: 'Gülşen',
    familyName: 'Aramaöztürk',
    idKind: 'tckn',
    idNumber: withTcknChecksum(String(++serial).padStart(9, '1')),
    birthDate: '1991-03-14',
    sex: 'female',
    nationality: 'TR',
    languages: [{ code: 'tr', level: 'native' }],
    phone: '0543 210 98 76',
    province: 'İstanbul',
    district: 'Fatih',
    desiredOccupations: ['Kasiyer'],
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
    ...overrides,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

describe('POST /persons/search', () => {
  let person: { id: string };
  const idNumber = withTcknChecksum('398765432');

  beforeAll(async () => {
    person = await registerPerson({ idNumber });
  });

  it('finds a person by name (without Turkish letters, any case), by ID number and by phone', async () => {
    for (const q of ['gulsen aramaozturk', 'GÜLŞEN ARAMAÖZTÜRK', idNumber, '+90 543 210 98 76', '543 210 9876']) {
      const res = await counsellor.post('/api/v1/persons/search', { q });
      expect(res.status, q).toBe(200);
      expect(ids(res), q).toEqual([person.id]);
      expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 25 });
    }
    const found = await counsellor.post('/api/v1/persons/search', { q: 'aramaozturk' });
    expect(found.body.items[0]).toMatchObject({ givenName: 'Gülşen', district: 'Fatih' });
    expect(JSON.stringify(found.body)).not.toContain(idNumber);
    expect(found.headers['cache-control']).toBe('no-store');
  });

  it('applies the filters, sort and pages of the list, with the same answer as GET /persons', async () => {
    const body = { district: 'Fatih', registration: 'confirmed', sort: '-created', page: 1, pageSize: 5 } as const;
    const viaPost = await counsellor.post('/api/v1/persons/search', body);
    const viaGet = await counsellor.get(
      `/api/v1/persons?${new URLSearchParams({ ...body, page: '1', pageSize: '5' })}`,
    );
    expect(viaPost.status).toBe(200);
    expect(viaPost.body).toEqual(viaGet.body);
    expect(viaPost.body.items.length).toBeGreaterThan(0);
    const page2 = await counsellor.post('/api/v1/persons/search', { ...body, page: 2 });
    expect(ids(page2)).not.toContain(viaPost.body.items[0].id);
    const filteredOut = await counsellor.post('/api/v1/persons/search', { q: 'aramaozturk', district: 'Beyoğlu' });
    expect(filteredOut.body.total).toBe(0);
  });

  it("keeps the caller's scope: another office's or organisation's person is not found", async () => {
    for (const q of ['gulsen aramaozturk', idNumber, '+90 543 210 98 76']) {
      const esenyurt = await counsellor2.post('/api/v1/persons/search', { q });
      expect(esenyurt.status).toBe(200);
      expect(esenyurt.body.total, q).toBe(0);
      const izmir = await (await t.as('izmir', 'counsellor')).post('/api/v1/persons/search', { q });
      expect(izmir.body.total, q).toBe(0);
    }
    // A manager sees every office of the organisation, as in the list.
    const manager = await t.as('ibb', 'manager');
    expect(ids(await manager.post('/api/v1/persons/search', { q: idNumber }))).toEqual([person.id]);
  });

  it('refuses callers without persons:read, before reading the body', async () => {
    expect((await t.anonymous.post('/api/v1/persons/search', { q: 'gulsen' })).status).toBe(401);
    const analyst = await t.as('ibb', 'analyst');
    const res = await analyst.post('/api/v1/persons/search', { q: 'gulsen' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('errors.forbidden');
    expect((await (await t.as('ibb', 'employer')).post('/api/v1/persons/search', { q: 'gulsen' })).status).toBe(403);
    // The list refuses them first too: a wrong role learns nothing about the search words rule.
    expect((await analyst.get('/api/v1/persons?q=gulsen')).status).toBe(403);
  });

  it('checks the body: unknown fields, control characters, page sizes; special groups need the right', async () => {
    const unknown = await counsellor.post('/api/v1/persons/search', { name: 'gulsen' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({ pointer: '/name', code: 'errors.validation.unknownField' });
    const nul = await counsellor.post('/api/v1/persons/search', { q: 'gul\u0000sen' });
    expect(nul.status).toBe(422);
    expect(nul.body.errors[0]).toMatchObject({ pointer: '/q', code: 'errors.validation.controlCharacters' });
    const big = await counsellor.post('/api/v1/persons/search', { pageSize: 1000 });
    expect(big.status).toBe(422);
    expect(big.body.errors[0].pointer).toBe('/pageSize');
    const text = await counsellor.post('/api/v1/persons/search', { page: '2' });
    expect(text.status).toBe(422); // a JSON body keeps its types

    const role = await admin.post('/api/v1/roles', { name: 'Arama (özel veri yok)', permissions: ['persons:read'] });
    await admin.post('/api/v1/users', {
      kind: 'staff',
      fullName: 'Nur Arslan',
      email: 'nur.arslan@ibb.example',
      officeId: (await admin.get('/api/v1/offices')).body.items[0].id,
      roleIds: [role.body.id],
    });
    const mail = await t.lastMessageTo('nur.arslan@ibb.example');
    await t.anonymous.post('/api/v1/auth/invitation/accept', {
      token: /#token=([\w-]+)/.exec(mail!.body)![1],
      password: 'nur-parola-uzun-12',
    });
    const plain = await t.signIn('nur.arslan@ibb.example', 'nur-parola-uzun-12');
    const special = await plain.post('/api/v1/persons/search', { group: 'roma' });
    expect(special.status).toBe(422);
    expect(special.body.errors[0]).toMatchObject({ pointer: '/group', code: 'errors.persons.specialNotAllowed' });
    const listed = await plain.get('/api/v1/persons?group=roma');
    expect(listed.status).toBe(422);
    expect(listed.body.errors[0].pointer).toBe('/querystring/group');
  });
});

describe('GET lists refuse search words in the address', () => {
  const cases = [
    { list: '/api/v1/persons', search: 'POST /api/v1/persons/search', as: () => counsellor },
    { list: '/api/v1/employers', search: 'POST /api/v1/employers/search', as: () => officer },
    { list: '/api/v1/users', search: 'POST /api/v1/users/search', as: () => admin },
    { list: '/api/v1/outbox', search: 'POST /api/v1/outbox/search', as: () => admin },
  ];

  it.each(cases)('$list?q= answers 400 naming $search, in the caller’s language', async ({ list, search, as }) => {
    for (const query of ['q=gulsen', 'q=', `q=${withTcknChecksum('398765432')}&page=1`]) {
      const res = await as().get(`${list}?${query}`);
      expect(res.status, query).toBe(400);
      expect(String(res.headers['content-type'])).toContain('application/problem+json');
      expect(res.body.code).toBe('errors.search.wordsInAddress');
      expect(res.body.errors).toEqual([
        { pointer: '/querystring/q', code: 'errors.search.wordsInAddress', message: res.body.detail },
      ]);
      expect(res.body.detail).toContain(search);
      expect(res.body.instance).toBe(list); // the problem never echoes the query string
      expect(JSON.stringify(res.body)).not.toContain('gulsen');
    }
    // A signed-in user reads it in their own language (Turkish for these demo staff).
    expect((await as().get(`${list}?q=x`)).body.detail).toMatch(/^Arama sözcükleri adreste gönderilemez/);
    // The list without search words still answers.
    expect((await as().get(`${list}?page=1&pageSize=5`)).status).toBe(200);
  });

  it('answers in Arabic to an Arabic-speaking counsellor', async () => {
    const rahaf = await t.as('umut', 'counsellor');
    const res = await rahaf.get('/api/v1/persons?q=x');
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/^لا يمكن إرسال كلمات البحث في العنوان/);
    expect(res.body.detail).toContain('POST /api/v1/persons/search');
  });

  it('documents the search routes in the OpenAPI description, with a body and responses', async () => {
    const spec = (await t.anonymous.get('/api/openapi.json')).body;
    for (const path of [
      '/api/v1/persons/search',
      '/api/v1/employers/search',
      '/api/v1/users/search',
      '/api/v1/outbox/search',
    ]) {
      const op = spec.paths[path].post;
      expect(op.requestBody.content['application/json'].schema.properties.q, path).toBeDefined();
      expect(op.responses['200'], path).toBeDefined();
      expect(op['x-access'], path).toBeTruthy();
    }
    for (const path of ['/api/v1/persons', '/api/v1/employers', '/api/v1/users']) {
      const op = spec.paths[path].get;
      expect(
        (op.parameters ?? []).map((p: { name: string }) => p.name),
        path,
      ).not.toContain('q');
      expect(op.description, path).toContain('errors.search.wordsInAddress');
    }
  });
});

describe('POST /employers/search', () => {
  const vkn = withVknChecksum('734512098');
  const tckn = withTcknChecksum('412345678');
  let company: string;
  let soleTrader: string;

  beforeAll(async () => {
    const base = { naceCode: '56.10', workerCount: 12, province: 'İstanbul', district: 'Fatih', acceptTerms: true };
    const a = await officer.post('/api/v1/employers', {
      ...base,
      legalName: 'Çamlıca Aramalı Lokanta Ltd. Şti.',
      taxKind: 'vkn',
      taxNumber: vkn,
    });
    expect(a.status).toBe(201);
    company = a.body.id;
    const b = await officer.post('/api/v1/employers', {
      ...base,
      legalName: 'Hüsnü Aramalıoğlu (şahıs)',
      taxKind: 'tckn',
      taxNumber: tckn,
    });
    expect(b.status).toBe(201);
    soleTrader = b.body.id;
  });

  it('finds an employer by name without Turkish letters and by tax number (a sole trader’s ID number)', async () => {
    expect(ids(await officer.post('/api/v1/employers/search', { q: 'camlica aramali' }))).toEqual([company]);
    expect(ids(await officer.post('/api/v1/employers/search', { q: vkn }))).toEqual([company]);
    expect(ids(await officer.post('/api/v1/employers/search', { q: tckn }))).toEqual([soleTrader]);
    const both = await officer.post('/api/v1/employers/search', { q: 'aramal', status: 'pending', pageSize: 10 });
    expect(ids(both).sort()).toEqual([company, soleTrader].sort());
    expect((await officer.post('/api/v1/employers/search', { q: 'aramal', status: 'verified' })).body.total).toBe(0);
  });

  it("keeps the organisation's scope and the list's permission", async () => {
    const izmir = await t.as('izmir', 'admin');
    expect((await izmir.post('/api/v1/employers/search', { q: tckn })).body.total).toBe(0);
    const analyst = await t.as('ibb', 'analyst');
    expect((await analyst.get('/api/v1/employers')).status).toBe(
      (await analyst.post('/api/v1/employers/search', {})).status,
    );
    expect((await (await t.as('ibb', 'employer')).post('/api/v1/employers/search', { q: 'camlica' })).status).toBe(403);
    expect((await t.anonymous.post('/api/v1/employers/search', { q: 'camlica' })).status).toBe(401);
  });
});

describe('POST /users/search', () => {
  it('finds users by name or e-mail address with the filters of the list', async () => {
    const byName = await admin.post('/api/v1/users/search', { q: 'kaya' });
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((u: { fullName: string }) => u.fullName)).toEqual(['Zeynep Kaya']);
    const byEmail = await admin.post('/api/v1/users/search', { q: demoEmail('ibb', 'counsellor2'), kind: 'staff' });
    expect(byEmail.body.items.map((u: { fullName: string }) => u.fullName)).toEqual(['Ali Kurt']);
    expect((await admin.post('/api/v1/users/search', { q: 'kaya', status: 'disabled' })).body.total).toBe(0);
    const sorted = await admin.post('/api/v1/users/search', { kind: 'staff', sort: '-name', pageSize: 200 });
    const viaGet = await admin.get('/api/v1/users?kind=staff&sort=-name&pageSize=200');
    expect(sorted.body).toEqual(viaGet.body);
  });

  it("keeps the organisation's scope and the list's permissions", async () => {
    const izmir = await t.as('izmir', 'admin');
    expect((await izmir.post('/api/v1/users/search', { q: demoEmail('ibb', 'counsellor') })).body.total).toBe(0);
    const res = await counsellor.post('/api/v1/users/search', { q: 'kaya' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('errors.forbidden');
    expect((await t.anonymous.post('/api/v1/users/search', { q: 'kaya' })).status).toBe(401);
  });
});
