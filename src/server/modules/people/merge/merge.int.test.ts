import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import {
  appointments,
  auditEvents,
  consents,
  householdMembers,
  households,
  personDocuments,
  persons,
  savedFilters,
} from '../../../db/schema/index.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';
import { CONSENT_TEXT_VERSION, NOTICE_VERSION } from '../../../../common/people.ts';

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih
let counsellor2: TestClient; // Ali Kurt, İBB Esenyurt
let fatihOffice: string;

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  counsellor2 = await t.as('ibb', 'counsellor2');
  const offices = (await (await t.as('ibb', 'admin')).get('/api/v1/offices')).body.items;
  fatihOffice = offices.find((o: { district: string }) => o.district === 'Fatih').id;
});
afterAll(async () => t.close());

let serial = 0;
const tckn = () => withTcknChecksum(`22${String(++serial).padStart(7, '0')}`);
const phone = () => `0502 ${String(++serial).padStart(7, '0')}`;
const db = () => t.database.db;

function person(overrides: Record<string, unknown> = {}) {
  return {
    givenName: 'Melek',
    familyName: 'Durmaz',
    idKind: 'tckn',
    idNumber: tckn(),
    birthDate: '1991-07-19',
    sex: 'female',
    nationality: 'TR',
    languages: [{ code: 'tr', level: 'native' }],
    phone: phone(),
    province: 'İstanbul',
    district: 'Fatih',
    desiredOccupations: ['Kasiyer'],
    notice: { version: NOTICE_VERSION, locale: 'tr', channel: 'in-person' },
    consents: [{ purpose: 'share-with-employers', textVersion: CONSENT_TEXT_VERSION, channel: 'in-person' }],
    confirmNotDuplicate: true,
    ...overrides,
  };
}

async function create(overrides: Record<string, unknown> = {}, as = counsellor): Promise<string> {
  const res = await as.post('/api/v1/persons', person(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const row = async (id: string) => (await db().select().from(persons).where(eq(persons.id, id)))[0]!;

describe('merging duplicates', () => {
  it('folds a pending self-registration into the confirmed record: account, notice, consents, empty fields', async () => {
    const keptId = await create({ givenName: 'Melek', familyName: 'Durmaz', birthDate: '1991-07-19' });
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/registrations',
      remoteAddress: '10.30.0.1',
      payload: {
        givenName: 'Melek',
        familyName: 'Durmaz',
        birthDate: '1991-07-19',
        sex: 'female',
        nationality: 'TR',
        email: 'melek.durmaz@example.com',
        address: 'Kocamustafapaşa Mah. Marmara Cad. No: 8',
        province: 'İstanbul',
        district: 'Fatih',
        desiredOccupations: ['Reyon görevlisi'],
        locale: 'tr',
        officeId: fatihOffice,
        notice: { version: NOTICE_VERSION, locale: 'tr' },
        consents: [
          { purpose: 'share-with-employers', textVersion: CONSENT_TEXT_VERSION },
          { purpose: 'surveys', textVersion: CONSENT_TEXT_VERSION },
        ],
      },
    });
    expect(registered.statusCode).toBe(202);
    const [dup] = await db().select().from(persons).where(eq(persons.email, 'melek.durmaz@example.com'));
    const dupId = dup!.id;

    const merged = await counsellor.post(`/api/v1/persons/${keptId}/merge`, { duplicateId: dupId });
    expect(merged.status).toBe(200);
    expect(merged.body).toMatchObject({ id: keptId, mergedId: dupId, closedCaseId: null });
    expect(merged.body.moved).toMatchObject({ account: true, notices: 1, consents: 1, cases: 0 });
    expect(merged.body.filledFields.sort()).toEqual(['address', 'email']);

    const kept = await counsellor.get(`/api/v1/persons/${keptId}`);
    expect(kept.body).toMatchObject({
      email: 'melek.durmaz@example.com',
      address: 'Kocamustafapaşa Mah. Marmara Cad. No: 8',
      desiredOccupations: ['Kasiyer'], // filled before: never overwritten
      registration: 'confirmed',
    });
    const given = await counsellor.get(`/api/v1/persons/${keptId}/consents`);
    expect(given.body.notices).toHaveLength(2);
    expect(
      given.body.consents.map((c: { purpose: string; channel: string }) => `${c.purpose}/${c.channel}`).sort(),
    ).toEqual(['share-with-employers/in-person', 'surveys/online']);
    // The duplicate's own consent for a purpose the kept record holds stays in the merged record's history.
    const left = await db().select().from(consents).where(eq(consents.personId, dupId));
    expect(left.map((c) => c.purpose)).toEqual(['share-with-employers']);

    // The duplicate is hidden from lists, kept as a row, and its id leads to the kept record.
    const list = await counsellor.post('/api/v1/persons/search', { q: 'melek durmaz' });
    expect(list.body.items.map((p: { id: string }) => p.id)).toEqual([keptId]);
    expect((await row(dupId)).mergedIntoId).toBe(keptId);
    const viaOld = await counsellor.get(`/api/v1/persons/${dupId}`);
    expect(viaOld.status).toBe(200);
    expect(viaOld.body.id).toBe(keptId);

    // The history of the duplicate is still there: its audit trail, from the self-registration on.
    const admin = await t.as('ibb', 'admin');
    const trail = await admin.get(`/api/v1/audit-events?subjectId=${dupId}&pageSize=50`);
    const actions = trail.body.items.map((e: { action: string; actorKind: string }) => `${e.action}/${e.actorKind}`);
    expect(actions).toEqual(
      expect.arrayContaining(['person.created/anonymous', 'consent.granted/anonymous', 'person.merged/staff']),
    );
    const keptTrail = await admin.get(`/api/v1/audit-events?subjectId=${keptId}&action=person.merged`);
    expect(keptTrail.body.items[0].fields).toEqual(expect.arrayContaining(['email', 'address', 'account']));

    // The self-registered seeker now sees the kept record.
    t.clock.advance(1000);
    const seeker = await t.signInWithCode('melek.durmaz@example.com');
    const mine = await seeker.get('/api/v1/me/profile');
    expect(mine.status).toBe(200);
    expect(mine.body.id).toBe(keptId);
  });

  it('moves cases (closing the duplicate’s open one as merged), notes, groups, work, documents, appointments and household', async () => {
    const keptId = await create({ givenName: 'Orhan', familyName: 'Kalender', birthDate: '1977-02-17' });
    const dupId = await create({
      givenName: 'Orhan',
      familyName: 'Kalender',
      birthDate: '1977-02-17',
      idKind: null,
      idNumber: null,
      address: 'Yedikule Mah. İmrahor Cad. No: 30',
      iscedLevel: 3,
      targetGroups: [
        { group: 'disability', details: { reportPercentage: 48 } },
        { group: 'long-term-unemployed', details: { unemployedMonths: 20 } },
      ],
      workHistory: [{ occupation: 'Şoför', employer: 'Bir nakliye firması', registered: true }],
    });
    const keptCase = (await counsellor.get(`/api/v1/persons/${keptId}`)).body.case.id;
    const dupCase = (await counsellor.get(`/api/v1/persons/${dupId}`)).body.case.id;
    await counsellor.post(`/api/v1/cases/${dupCase}/notes`, { kind: 'phone', body: 'Telefonla görüşüldü.' });
    const zeynep = (await counsellor.get('/api/v1/me')).body.id;
    const [household] = await db()
      .insert(households)
      .values({ organisationId: (await row(dupId)).organisationId, officeId: fatihOffice })
      .returning();
    await db().insert(householdMembers).values({
      householdId: household!.id,
      organisationId: household!.organisationId,
      personId: dupId,
      givenName: 'Orhan',
      familyName: 'Kalender',
      relation: 'head',
    });
    await db()
      .insert(appointments)
      .values({
        organisationId: household!.organisationId,
        caseId: dupCase,
        personId: dupId,
        counsellorId: zeynep,
        officeId: fatihOffice,
        startsAt: new Date(t.clock.now().getTime() + 86_400_000),
      });
    await db()
      .insert(personDocuments)
      .values({
        organisationId: household!.organisationId,
        personId: dupId,
        kind: 'signed-notice',
        fileName: 'aydinlatma.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 4,
        content: Buffer.from('%PDF'),
      });
    const keptPhone = (await row(keptId)).phone;

    const merged = await counsellor.post(`/api/v1/persons/${keptId}/merge`, { duplicateId: dupId });
    expect(merged.status).toBe(200);
    expect(merged.body.closedCaseId).toBe(dupCase);
    expect(merged.body.moved).toMatchObject({
      cases: 1,
      workHistory: 1,
      documents: 1,
      appointments: 1,
      targetGroups: 2,
      household: true,
    });

    const episodes = await counsellor.get(`/api/v1/persons/${keptId}/cases`);
    expect(episodes.body.items.map((c: { id: string }) => c.id).sort()).toEqual([keptCase, dupCase].sort());
    const closed = await counsellor.get(`/api/v1/cases/${dupCase}`);
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: 'other', closeNote: 'merged' });
    expect(closed.body.person.id).toBe(keptId);
    expect(closed.body.notes.map((n: { body: string }) => n.body)).toEqual(['Telefonla görüşüldü.']);
    expect((await counsellor.get(`/api/v1/cases/${keptCase}`)).body.status).toBe('new');

    const kept = await counsellor.get(`/api/v1/persons/${keptId}`);
    expect(kept.body.phone).toBe(keptPhone); // never overwritten
    expect(kept.body.address).toBe('Yedikule Mah. İmrahor Cad. No: 30');
    expect(kept.body.iscedLevel).toBe(3);
    expect(kept.body.idNumberMasked).toMatch(/^22/); // kept its own
    expect(kept.body.targetGroups.map((g: { group: string }) => g.group).sort()).toEqual([
      'disability',
      'long-term-unemployed',
    ]);
    expect(kept.body.workHistory.map((w: { occupation: string }) => w.occupation)).toEqual(['Şoför']);
    const [member] = await db().select().from(householdMembers).where(eq(householdMembers.householdId, household!.id));
    expect(member!.personId).toBe(keptId);
    const [appointment] = await db().select().from(appointments).where(eq(appointments.caseId, dupCase));
    expect(appointment!.personId).toBe(keptId);

    const events = await db().select().from(auditEvents).where(eq(auditEvents.action, 'person.merged'));
    const subjects = events.filter((e) => [keptId, dupId].includes(e.subjectId!)).map((e) => e.subjectId);
    expect(subjects.sort()).toEqual([keptId, dupId].sort());
    const changes = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, dupCase), eq(auditEvents.action, 'case.status-changed')));
    expect(changes.map((e) => e.purpose)).toContain('active→closed');
  });

  it('gives the kept record the duplicate’s ID number when it has none', async () => {
    const keptId = await create({ givenName: 'Nevin', familyName: 'Akbulut', idKind: null, idNumber: null });
    const number = tckn();
    const dupId = await create({ givenName: 'Nevin', familyName: 'Akbulut', idNumber: number });
    const merged = await counsellor.post(`/api/v1/persons/${keptId}/merge`, { duplicateId: dupId });
    expect(merged.body.filledFields).toContain('idNumber');
    const found = await counsellor.post('/api/v1/persons/search', { q: number });
    expect(found.body.items.map((p: { id: string }) => p.id)).toEqual([keptId]);
    const revealed = await counsellor.post(`/api/v1/persons/${keptId}/id-number`, { purpose: 'Birleştirme kontrolü' });
    expect(revealed.body.idNumber).toBe(number);
  });

  it('refuses two different ID numbers with 409 and changes nothing', async () => {
    const keptId = await create({ givenName: 'Tarık', familyName: 'Ekinci' });
    const dupId = await create({ givenName: 'Tarık', familyName: 'Ekinci' });
    const res = await counsellor.post(`/api/v1/persons/${keptId}/merge`, { duplicateId: dupId });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('errors.merge.idNumberConflict');
    expect(res.body.errors[0].pointer).toBe('/duplicateId');
    expect(res.body.detail).toMatch(/kimlik numaraları farklı/);
    expect((await row(dupId)).mergedIntoId).toBeNull();
    expect((await counsellor.get(`/api/v1/persons/${dupId}`)).body.case).not.toBeNull();
  });

  it('refuses merging a record with itself, or one already merged', async () => {
    const a = await create({ givenName: 'Sibel', familyName: 'Orhon', idKind: null, idNumber: null });
    const b = await create({ givenName: 'Sibel', familyName: 'Orhon', idKind: null, idNumber: null });
    const c = await create({ givenName: 'Sibel', familyName: 'Orhon', idKind: null, idNumber: null });
    const self = await counsellor.post(`/api/v1/persons/${a}/merge`, { duplicateId: a });
    expect(self.status).toBe(422);
    expect(self.body.errors[0]).toMatchObject({ pointer: '/duplicateId', code: 'errors.merge.samePerson' });
    expect((await counsellor.post(`/api/v1/persons/${a}/merge`, { duplicateId: b })).status).toBe(200);
    const twice = await counsellor.post(`/api/v1/persons/${c}/merge`, { duplicateId: b });
    expect(twice.status).toBe(409);
    expect(twice.body.errors[0]).toMatchObject({ pointer: '/duplicateId', code: 'errors.merge.alreadyMerged' });
    const intoMerged = await counsellor.post(`/api/v1/persons/${b}/merge`, { duplicateId: c });
    expect(intoMerged.status).toBe(409);
    expect((await row(c)).mergedIntoId).toBeNull();
  });

  it.each([
    ['no duplicateId', {}, '/duplicateId', 'errors.validation.required'],
    ['a malformed id', { duplicateId: 'x' }, '/duplicateId', 'errors.validation.format.uuid'],
    [
      'an unknown field',
      { duplicateId: '00000000-0000-4000-8000-000000000000', force: true },
      '/force',
      'errors.validation.unknownField',
    ],
  ])('refuses %s with 422 naming the field', async (_name, body, pointer, code) => {
    const keptId = await create({ givenName: 'Aydan', familyName: 'Yücel', idKind: null, idNumber: null });
    const res = await counsellor.post(`/api/v1/persons/${keptId}/merge`, body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, code }));
    const [{ n }] = (await db()
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, keptId), eq(auditEvents.action, 'person.merged')))) as [{ n: number }];
    expect(n).toBe(0);
  });

  it("answers 404 for another office's or organisation's records and 403 to roles without persons:write", async () => {
    const mine = await create({ givenName: 'Lale', familyName: 'Güven', idKind: null, idNumber: null });
    const theirs = await create(
      { givenName: 'Lale', familyName: 'Güven', idKind: null, idNumber: null, district: 'Esenyurt' },
      counsellor2,
    );
    expect((await counsellor.post(`/api/v1/persons/${mine}/merge`, { duplicateId: theirs })).status).toBe(404);
    expect((await counsellor2.post(`/api/v1/persons/${theirs}/merge`, { duplicateId: mine })).status).toBe(404);
    const izmir = await t.as('izmir', 'counsellor');
    expect((await izmir.post(`/api/v1/persons/${mine}/merge`, { duplicateId: theirs })).status).toBe(404);
    expect(
      (await (await t.as('ibb', 'analyst')).post(`/api/v1/persons/${mine}/merge`, { duplicateId: theirs })).status,
    ).toBe(403);
    expect(
      (await (await t.as('ibb', 'manager')).post(`/api/v1/persons/${mine}/merge`, { duplicateId: theirs })).status,
    ).toBe(403);
    const seeker = await t.signInWithCode('+905321000002');
    expect((await seeker.post(`/api/v1/persons/${mine}/merge`, { duplicateId: theirs })).status).toBe(403);
    expect((await row(theirs)).mergedIntoId).toBeNull();
    expect((await row(mine)).mergedIntoId).toBeNull();
  });
});

describe('saved filters', () => {
  const savedCount = async () => (await db().select({ n: count() }).from(savedFilters))[0]!.n;

  it('saves, lists (per user), applies and deletes a filter of the person list, audited', async () => {
    const created = await counsellor.post('/api/v1/saved-filters', {
      scope: 'persons',
      name: 'Bekleyen başvurular',
      query: { registration: 'pending', sort: '-created', pageSize: 50 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      scope: 'persons',
      name: 'Bekleyen başvurular',
      query: { registration: 'pending', sort: '-created', pageSize: 50 },
    });
    const mine = await counsellor.get('/api/v1/saved-filters?scope=persons');
    expect(mine.body.items.map((f: { id: string }) => f.id)).toContain(created.body.id);
    const others = await counsellor2.get('/api/v1/saved-filters?scope=persons');
    expect(others.body.items.map((f: { id: string }) => f.id)).not.toContain(created.body.id);

    const applied = await counsellor.get(
      `/api/v1/persons?${new URLSearchParams(created.body.query as Record<string, string>)}`,
    );
    expect(applied.status).toBe(200);
    expect(applied.body.items.every((p: { registration: string }) => p.registration === 'pending')).toBe(true);
    expect(applied.body.items.map((p: { givenName: string }) => p.givenName)).toContain('İbrahim'); // demo

    expect((await counsellor2.delete(`/api/v1/saved-filters/${created.body.id}`)).status).toBe(404);
    expect((await counsellor.delete(`/api/v1/saved-filters/${created.body.id}`)).status).toBe(204);
    expect((await counsellor.get('/api/v1/saved-filters?scope=persons')).body.items).toEqual([]);
    expect((await counsellor.delete(`/api/v1/saved-filters/${created.body.id}`)).status).toBe(404);
    const zeynep = (await counsellor.get('/api/v1/me')).body.id;
    const events = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, zeynep), eq(auditEvents.action, 'user.preferences-updated')));
    expect(events.map((e) => e.fields)).toEqual([['savedFilters'], ['savedFilters']]);
  });

  it.each([
    [
      'an unknown filter key',
      { scope: 'persons', name: 'x', query: { foo: 1 } },
      '/query/foo',
      'errors.validation.unknownField',
    ],
    ['the page', { scope: 'persons', name: 'x', query: { page: 2 } }, '/query/page', 'errors.validation.unknownField'],
    [
      'an unknown case status',
      { scope: 'persons', name: 'x', query: { caseStatus: 'lost' } },
      '/query/caseStatus',
      'errors.validation.enum',
    ],
    [
      'an office id that is not an id',
      { scope: 'persons', name: 'x', query: { officeId: 'Fatih' } },
      '/query/officeId',
      'errors.validation.format.uuid',
    ],
    ['an unknown list', { scope: 'vacancies', name: 'x', query: {} }, '/scope', 'errors.validation.enum'],
    ['an empty name', { scope: 'persons', name: '', query: {} }, '/name', 'errors.validation.required'],
    ['no query', { scope: 'persons', name: 'x' }, '/query', 'errors.validation.required'],
  ])('refuses %s with 422 naming the field, and saves nothing', async (_name, body, pointer, code) => {
    const before = await savedCount();
    const res = await counsellor.post('/api/v1/saved-filters', body);
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, code }));
    expect(await savedCount()).toBe(before);
  });

  it('needs the scope to list, and refuses a name already used (in any case or spelling)', async () => {
    const res = await counsellor.get('/api/v1/saved-filters');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].pointer).toBe('/querystring/scope');
    expect(
      (
        await counsellor.post('/api/v1/saved-filters', {
          scope: 'persons',
          name: 'Şişli gençler',
          query: { group: 'neet' },
        })
      ).status,
    ).toBe(201);
    const again = await counsellor.post('/api/v1/saved-filters', {
      scope: 'persons',
      name: 'SISLI GENÇLER',
      query: { group: 'neet', district: 'Şişli' },
    });
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ pointer: '/name', code: 'errors.savedFilters.nameTaken' });
  });

  it('keeps special groups to those who may see them, and is for staff who may read persons', async () => {
    const trainer = await t.as('ibb', 'trainer'); // persons:read without special-category:read
    const roma = await trainer.post('/api/v1/saved-filters', { scope: 'persons', name: 'R', query: { group: 'roma' } });
    expect(roma.status).toBe(422);
    expect(roma.body.errors[0]).toMatchObject({ pointer: '/query/group', code: 'errors.persons.specialNotAllowed' });
    expect(
      (await trainer.post('/api/v1/saved-filters', { scope: 'persons', name: 'Gençler', query: { group: 'neet' } }))
        .status,
    ).toBe(201);
    expect(
      (await counsellor.post('/api/v1/saved-filters', { scope: 'persons', name: 'Roman', query: { group: 'roma' } }))
        .status,
    ).toBe(201);
    const analyst = await t.as('ibb', 'analyst');
    expect((await analyst.get('/api/v1/saved-filters?scope=persons')).status).toBe(403);
    expect((await analyst.post('/api/v1/saved-filters', { scope: 'persons', name: 'x', query: {} })).status).toBe(403);
    const seeker = await t.signInWithCode('+905321000003');
    expect((await seeker.get('/api/v1/saved-filters?scope=persons')).status).toBe(403);
    expect((await t.anonymous.get('/api/v1/saved-filters?scope=persons')).status).toBe(401);
  });
});
