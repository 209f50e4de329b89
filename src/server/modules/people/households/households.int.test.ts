import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import { auditEvents, householdMembers, households, socialAidRecords } from '../../../db/schema/index.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';
import { turkishDate } from '../../../../common/working-days.ts';
import { ageOn } from '../../../../common/people.ts';
import type { Permission } from '../../../../common/permissions.ts';
import type { Ctx } from '../../../lib/context.ts';
import { currentAidAndIncome, householdOf } from './households.service.ts';

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih
let counsellor2: TestClient; // Ali Kurt, İBB Esenyurt

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  counsellor2 = await t.as('ibb', 'counsellor2');
});
afterAll(async () => t.close());

let serial = 300_000_00;
const tckn = () => withTcknChecksum(String(++serial).padStart(9, '1'));

async function register(client: TestClient, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await client.post('/api/v1/persons', {
    givenName: 'Hatice',
    familyName: 'Yıldırım',
    idKind: 'tckn',
    idNumber: tckn(),
    birthDate: '1985-06-15',
    sex: 'female',
    nationality: 'TR',
    phone: `0533 ${String(serial).slice(-7, -4)} ${String(serial).slice(-4, -2)} ${String(serial).slice(-2)}`,
    province: 'İstanbul',
    district: 'Fatih',
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    confirmNotDuplicate: true,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const today = () => turkishDate(t.clock.now());
const householdCount = async () => (await t.database.db.select({ n: count() }).from(households))[0]!.n;
const memberCount = async () => (await t.database.db.select({ n: count() }).from(householdMembers))[0]!.n;
const actions = async (subjectId: string) =>
  (
    await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, subjectId))
  ).map((e) => e.action);

async function ctxOf(client: TestClient): Promise<Ctx> {
  const me = (await client.get('/api/v1/me')).body;
  return {
    db: t.database.db,
    actor: {
      userId: me.id,
      sessionId: '',
      organisationId: me.organisation.id,
      officeId: me.office?.id ?? null,
      kind: me.kind,
      fullName: me.fullName,
      locale: 'tr',
      stage: 'active',
      permissions: new Set(me.permissions as Permission[]),
    },
    requestId: 'test',
    locale: 'tr',
    ip: '127.0.0.1',
    userAgent: null,
    clock: t.clock,
    config: t.config,
    jobs: t.jobs,
  };
}

describe('households', () => {
  it('creates a household with the person as head, a registered spouse and a child, and audits it', async () => {
    const head = await register(counsellor, { givenName: 'Ayten', familyName: 'Korkmaz', birthDate: '1984-02-02' });
    const spouse = await register(counsellor, {
      givenName: 'Murat',
      familyName: 'Korkmaz',
      birthDate: '1980-03-03',
      sex: 'male',
    });
    const res = await counsellor.post(`/api/v1/persons/${head}/household`, {
      members: [
        { personId: spouse, relation: 'spouse' },
        { givenName: 'Elif', familyName: 'Korkmaz', birthDate: '2019-09-01', sex: 'female', relation: 'child' },
      ],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.district).toBe('Fatih');
    expect(res.body.office.name).toBe('Fatih İstihdam Ofisi');
    expect(res.body.members.map((m: { givenName: string; relation: string }) => [m.givenName, m.relation])).toEqual([
      ['Ayten', 'head'],
      ['Murat', 'spouse'],
      ['Elif', 'child'],
    ]);
    const child = res.body.members.find((m: { givenName: string }) => m.givenName === 'Elif');
    expect(child).toMatchObject({ personId: null, age: ageOn('2019-09-01', today()) });
    expect(res.body.totals).toEqual({ onDate: today(), monthlyAid: 0, monthlyIncome: 0 });

    const viaSpouse = await counsellor.get(`/api/v1/persons/${spouse}/household`);
    expect(viaSpouse.status).toBe(200);
    expect(viaSpouse.body.id).toBe(res.body.id);
    expect((await actions(res.body.id)).sort()).toEqual([
      'household.created',
      'household.member-added',
      'household.member-added',
      'household.member-added',
    ]);
  });

  it('answers 404 with a key when the person has no household', async () => {
    const alone = await register(counsellor, { givenName: 'Yalnız', familyName: 'Kişi', birthDate: '1990-01-01' });
    const res = await counsellor.get(`/api/v1/persons/${alone}/household`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('errors.households.none');
  });

  it('keeps a registered person in one household only (409 naming the person), writing nothing', async () => {
    const a = await register(counsellor, { givenName: 'Bir', familyName: 'Hane', birthDate: '1970-01-01' });
    const b = await register(counsellor, { givenName: 'İki', familyName: 'Hane', birthDate: '1971-01-01' });
    const first = await counsellor.post(`/api/v1/persons/${a}/household`, {});
    await counsellor.post(`/api/v1/persons/${b}/household`, {});
    const [households0, members0] = [await householdCount(), await memberCount()];

    const again = await counsellor.post(`/api/v1/persons/${a}/household`, {});
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({
      pointer: '/params/id',
      code: 'errors.households.personHasHousehold',
    });
    const join = await counsellor.post(`/api/v1/households/${first.body.id}/members`, {
      personId: b,
      relation: 'sibling',
    });
    expect(join.status).toBe(409);
    expect(join.body.errors[0].pointer).toBe('/personId');
    const twice = await counsellor.post(`/api/v1/households/${first.body.id}/members`, {
      personId: a,
      relation: 'other',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.errors[0].code).toBe('errors.households.alreadyMember');
    expect([await householdCount(), await memberCount()]).toEqual([households0, members0]);
  });

  it('links a registered person who shares the household address: their own address becomes it, audited', async () => {
    const head = await register(counsellor, { givenName: 'Kemal', familyName: 'Önal', district: 'Fatih' });
    const created = await counsellor.post(`/api/v1/persons/${head}/household`, {
      relation: 'head',
      province: 'İstanbul',
      district: 'Eyüpsultan',
      address: 'Nişanca Mah. Sokullu Cad. No 7 D 3',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const spouse = await register(counsellor, { givenName: 'Nermin', familyName: 'Önal', district: 'Fatih' });
    const linked = await counsellor.post(`/api/v1/households/${id}/members`, {
      personId: spouse,
      relation: 'spouse',
      sharesAddress: true,
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(201);
    expect(linked.body.members.find((m: { personId: string | null }) => m.personId === spouse)).toMatchObject({
      relation: 'spouse',
      givenName: 'Nermin',
    });
    const person = (await counsellor.get(`/api/v1/persons/${spouse}`)).body;
    expect(person).toMatchObject({
      province: 'İstanbul',
      district: 'Eyüpsultan',
      address: 'Nişanca Mah. Sokullu Cad. No 7 D 3',
    });
    expect(await actions(spouse)).toContain('person.updated');

    // Without it, the person's own address stays as it was.
    const child = await register(counsellor, { givenName: 'Efe', familyName: 'Önal', birthDate: '2006-02-02' });
    const other = await counsellor.post(`/api/v1/households/${id}/members`, { personId: child, relation: 'child' });
    expect(other.status).toBe(201);
    expect((await counsellor.get(`/api/v1/persons/${child}`)).body).toMatchObject({ district: 'Fatih', address: null });
  });

  it('adds and removes members, with one head and never the last member', async () => {
    const p = await register(counsellor, { givenName: 'Sevgi', familyName: 'Aydın', birthDate: '1975-05-05' });
    const created = await counsellor.post(`/api/v1/persons/${p}/household`, { relation: 'head' });
    const id = created.body.id as string;
    const before = await memberCount();

    const unnamed = await counsellor.post(`/api/v1/households/${id}/members`, { relation: 'child' });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/familyName',
      '/givenName',
    ]);
    const unborn = await counsellor.post(`/api/v1/households/${id}/members`, {
      givenName: 'Bebek',
      familyName: 'Aydın',
      birthDate: '2099-01-01',
      relation: 'child',
    });
    expect(unborn.status).toBe(422);
    expect(unborn.body.errors[0]).toMatchObject({ pointer: '/birthDate', code: 'errors.persons.birthDateFuture' });
    const secondHead = await counsellor.post(`/api/v1/households/${id}/members`, {
      givenName: 'Kemal',
      familyName: 'Aydın',
      relation: 'head',
    });
    expect(secondHead.status).toBe(422);
    expect(secondHead.body.errors[0]).toMatchObject({ pointer: '/relation', code: 'errors.households.oneHead' });
    const badRelation = await counsellor.post(`/api/v1/households/${id}/members`, {
      givenName: 'X',
      familyName: 'Y',
      relation: 'cousin',
    });
    expect(badRelation.status).toBe(422);
    expect(badRelation.body.errors[0].pointer).toBe('/relation');
    const unknownPerson = await counsellor.post(`/api/v1/households/${id}/members`, {
      personId: '00000000-0000-4000-8000-000000000000',
      relation: 'spouse',
    });
    expect(unknownPerson.status).toBe(422);
    expect(unknownPerson.body.errors[0]).toMatchObject({
      pointer: '/personId',
      code: 'errors.households.personUnknown',
    });
    expect(await memberCount()).toBe(before);

    const added = await counsellor.post(`/api/v1/households/${id}/members`, {
      givenName: 'Deniz',
      familyName: 'Aydın',
      birthDate: '2012-04-04',
      relation: 'child',
    });
    expect(added.status).toBe(201);
    const deniz = added.body.members.find((m: { givenName: string }) => m.givenName === 'Deniz');
    const removed = await counsellor.delete(`/api/v1/households/${id}/members/${deniz.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body.members).toHaveLength(1);
    const last = await counsellor.delete(`/api/v1/households/${id}/members/${removed.body.members[0].id}`);
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('errors.households.lastMember');
    expect(await actions(id)).toContain('household.member-removed');

    const moved = await counsellor.patch(`/api/v1/households/${id}`, { district: 'Eminönü' });
    expect(moved.status).toBe(422);
    expect(moved.body.errors[0].pointer).toBe('/district');
    const address = await counsellor.patch(`/api/v1/households/${id}`, { address: 'Balat Mah. 3. Sok. No: 5' });
    expect(address.body.address).toBe('Balat Mah. 3. Sok. No: 5');
    expect(await actions(id)).toContain('household.updated');
  });

  it('records social aid and incomes with their current totals, and ends them', async () => {
    const p = await register(counsellor, { givenName: 'Fadime', familyName: 'Çınar', birthDate: '1979-07-07' });
    const created = await counsellor.post(`/api/v1/persons/${p}/household`, {
      members: [{ givenName: 'Ramazan', familyName: 'Çınar', birthDate: '1977-01-01', relation: 'spouse' }],
    });
    const id = created.body.id as string;
    const ramazan = created.body.members.find((m: { givenName: string }) => m.givenName === 'Ramazan');

    const aidRows = async () =>
      (
        await t.database.db.select({ n: count() }).from(socialAidRecords).where(eq(socialAidRecords.householdId, id))
      )[0]!.n;
    for (const [body, pointer, code] of [
      [{ monthlyAmount: 0 }, '/monthlyAmount', 'errors.households.amountPositive'],
      [{ monthlyAmount: -5 }, '/monthlyAmount', 'errors.households.amountPositive'],
      [{ monthlyAmount: 1250.555 }, '/monthlyAmount', 'errors.households.amountDecimals'],
      [{ endDate: '2025-12-31' }, '/endDate', 'errors.households.endBeforeStart'],
      [{ startDate: '2026-13-01' }, '/startDate', 'errors.validation.format.date'],
      [{ programme: '' }, '/programme', 'errors.validation.required'],
    ] as const) {
      const res = await counsellor.post(`/api/v1/households/${id}/social-aid`, {
        programme: 'Şartlı Eğitim Yardımı',
        monthlyAmount: 1250.5,
        startDate: '2026-01-01',
        ...body,
      });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, code }));
    }
    expect(await aidRows()).toBe(0);

    const aid = await counsellor.post(`/api/v1/households/${id}/social-aid`, {
      programme: 'Şartlı Eğitim Yardımı',
      monthlyAmount: 1250.5,
      startDate: '2020-01-01',
    });
    expect(aid.status).toBe(201);
    await counsellor.post(`/api/v1/households/${id}/social-aid`, {
      programme: 'Belediye gıda kartı',
      monthlyAmount: 800,
      startDate: '2020-01-01',
      endDate: '2021-01-01',
    });
    const income = await counsellor.post(`/api/v1/households/${id}/incomes`, {
      source: 'informal-work',
      memberId: ramazan.id,
      monthlyAmount: 9000,
      startDate: '2024-05-01',
    });
    expect(income.status).toBe(201);
    expect(income.body.totals).toMatchObject({ monthlyAid: 1250.5, monthlyIncome: 9000 });
    expect(
      income.body.socialAid.map((a: { programme: string; current: boolean }) => [a.programme, a.current]).sort(),
    ).toEqual([
      ['Belediye gıda kartı', false],
      ['Şartlı Eğitim Yardımı', true],
    ]);
    expect(income.body.incomes[0]).toMatchObject({ memberId: ramazan.id, source: 'informal-work', current: true });

    const otherHousehold = await counsellor.post(
      `/api/v1/persons/${await register(counsellor, { givenName: 'Başka', familyName: 'Ev', birthDate: '1960-06-06' })}/household`,
      {},
    );
    const strangeMember = await counsellor.post(`/api/v1/households/${id}/incomes`, {
      source: 'pension',
      memberId: otherHousehold.body.members[0].id,
      monthlyAmount: 100,
      startDate: '2024-01-01',
    });
    expect(strangeMember.status).toBe(422);
    expect(strangeMember.body.errors[0]).toMatchObject({
      pointer: '/memberId',
      code: 'errors.households.memberUnknown',
    });

    // Ending the aid yesterday takes it out of the current total; an end before the start is refused.
    const aidId = aid.body.socialAid.find((a: { programme: string }) => a.programme === 'Şartlı Eğitim Yardımı').id;
    const backwards = await counsellor.patch(`/api/v1/households/${id}/social-aid/${aidId}`, {
      endDate: '2019-12-31',
    });
    expect(backwards.status).toBe(422);
    expect(backwards.body.errors[0].pointer).toBe('/endDate');
    const ended = await counsellor.patch(`/api/v1/households/${id}/social-aid/${aidId}`, { endDate: '2025-12-31' });
    expect(ended.status).toBe(200);
    expect(ended.body.totals.monthlyAid).toBe(0);
    const raised = await counsellor.patch(`/api/v1/households/${id}/incomes/${income.body.incomes[0].id}`, {
      monthlyAmount: 9500.25,
    });
    expect(raised.body.totals.monthlyIncome).toBe(9500.25);
    expect(await actions(id)).toEqual(
      expect.arrayContaining(['social-aid.recorded', 'social-aid.updated', 'household-income.recorded']),
    );

    // The service functions a later graduation module calls.
    const ctx = await ctxOf(counsellor);
    const onDate = await currentAidAndIncome(ctx, id, '2020-06-01');
    expect(onDate).toMatchObject({ onDate: '2020-06-01', monthlyAid: 2050.5, monthlyIncome: 0 });
    expect(onDate.aid.map((a) => a.programme).sort()).toEqual(['Belediye gıda kartı', 'Şartlı Eğitim Yardımı']);
    const now = await currentAidAndIncome(ctx, id, today());
    expect(now).toMatchObject({ monthlyAid: 0, monthlyIncome: 9500.25 });
    expect((await householdOf(ctx, p))?.id).toBe(id);
  });

  it('refuses unknown fields, and writes nothing', async () => {
    const p = await register(counsellor, { givenName: 'Tuba', familyName: 'Er', birthDate: '1992-02-12' });
    const before = await householdCount();
    const res = await counsellor.post(`/api/v1/persons/${p}/household`, { relation: 'head', income: 5000 });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0]).toMatchObject({ pointer: '/income', code: 'errors.validation.unknownField' });
    expect(await householdCount()).toBe(before);
  });
});

describe('household access', () => {
  it("hides a household from another office's counsellor and another organisation (404), and from analysts (403)", async () => {
    const p = await register(counsellor, { givenName: 'Gizli', familyName: 'Hane', birthDate: '1988-08-18' });
    const created = await counsellor.post(`/api/v1/persons/${p}/household`, {
      members: [{ givenName: 'Can', familyName: 'Hane', birthDate: '2015-01-01', relation: 'child' }],
    });
    const id = created.body.id as string;
    const aid = await counsellor.post(`/api/v1/households/${id}/social-aid`, {
      programme: 'Kira yardımı',
      monthlyAmount: 1500,
      startDate: '2025-01-01',
    });
    const aidId = aid.body.socialAid[0].id as string;
    const member = created.body.members[1].id as string;
    const izmir = await t.as('izmir', 'counsellor');
    for (const client of [counsellor2, izmir]) {
      const responses = [
        await client.get(`/api/v1/persons/${p}/household`),
        await client.post(`/api/v1/persons/${p}/household`, {}),
        await client.patch(`/api/v1/households/${id}`, { address: 'x' }),
        await client.post(`/api/v1/households/${id}/members`, { givenName: 'A', familyName: 'B', relation: 'other' }),
        await client.delete(`/api/v1/households/${id}/members/${member}`),
        await client.post(`/api/v1/households/${id}/social-aid`, {
          programme: 'X',
          monthlyAmount: 1,
          startDate: '2025-01-01',
        }),
        await client.patch(`/api/v1/households/${id}/social-aid/${aidId}`, { monthlyAmount: 1 }),
        await client.post(`/api/v1/households/${id}/incomes`, {
          source: 'other',
          monthlyAmount: 1,
          startDate: '2025-01-01',
        }),
      ];
      for (const res of responses) {
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('Gizli');
      }
    }
    const analyst = await t.as('ibb', 'analyst');
    expect((await analyst.get(`/api/v1/persons/${p}/household`)).status).toBe(403);
    expect((await analyst.post(`/api/v1/households/${id}/members`, {})).status).toBe(403);
    // A manager sees every office but has no persons:write.
    const manager = await t.as('ibb', 'manager');
    expect((await manager.get(`/api/v1/persons/${p}/household`)).status).toBe(200);
    expect((await manager.patch(`/api/v1/households/${id}`, { address: 'x' })).status).toBe(403);
    const unchanged = await t.database.db
      .select({ n: count() })
      .from(householdMembers)
      .where(and(eq(householdMembers.householdId, id)));
    expect(unchanged[0]!.n).toBe(2);
  });
});
