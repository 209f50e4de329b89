import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import { auditEvents, workPermits } from '../../../db/schema/index.ts';
import { withTcknChecksum, withVknChecksum } from '../../../../common/identity-number.ts';

/** Work permits as records of the person (issue 8, items 3 and 4), through the HTTP API. */
let t: TestContext;
let counsellor: TestClient;
let officer: TestClient;
let serial = 410_000_00;
let employerId: string;

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  officer = await t.as('ibb', 'employer-relations');
  const employer = await officer.post('/api/v1/employers', {
    legalName: 'İzin Gıda Ltd. Şti.',
    taxKind: 'vkn',
    taxNumber: withVknChecksum('412345678'),
    naceCode: '56.10',
    workerCount: 30,
    province: 'İstanbul',
    district: 'Fatih',
    acceptTerms: true,
  });
  expect(employer.status).toBe(201);
  employerId = employer.body.id;
});
afterAll(async () => t.close());

async function person(overrides: Record<string, unknown> = {}) {
  const res = await counsellor.post('/api/v1/persons', {
    givenName: 'İzin',
    familyName: `Sahibi ${++serial}`,
    idKind: 'passport',
    idNumber: `P${serial}`,
    passportCountry: 'AF',
    birthDate: '1990-03-03',
    sex: 'male',
    nationality: 'AF',
    province: 'İstanbul',
    district: 'Fatih',
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    confirmNotDuplicate: true,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const refugee = () =>
  person({
    idKind: 'ykn',
    idNumber: withTcknChecksum(`99${String(++serial).slice(-7)}`),
    passportCountry: undefined,
    nationality: 'SY',
    targetGroups: [
      {
        group: 'refugee',
        details: { status: 'temporary-protection', registrationProvince: 'İstanbul', registrationDate: '2019-01-10' },
      },
    ],
  });

const granted = {
  kind: 'work-permit',
  status: 'granted',
  requestedOn: '2026-09-01',
  decidedOn: '2026-10-01',
  validFrom: '2026-10-15',
  validUntil: '2027-10-14',
  reference: 'ÇSGB-2026-448812',
};
const permitCount = async () => (await t.database.db.select({ n: count() }).from(workPermits))[0]!.n;

describe('work permits of a person', () => {
  it('records a permit per employer with its dates, lists it, changes and removes it, auditing each step', async () => {
    const id = await person();
    const created = await counsellor.post(`/api/v1/persons/${id}/work-permits`, { ...granted, employerId });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'work-permit',
      status: 'granted',
      employerId,
      employerName: 'İzin Gıda Ltd. Şti.',
      validFrom: '2026-10-15',
      validUntil: '2027-10-14',
    });
    const listed = await counsellor.get(`/api/v1/persons/${id}/work-permits`);
    expect(listed.body.items).toHaveLength(1);
    const patched = await counsellor.patch(`/api/v1/persons/${id}/work-permits/${created.body.id}`, {
      validUntil: '2028-10-14',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.validUntil).toBe('2028-10-14');
    expect((await counsellor.delete(`/api/v1/persons/${id}/work-permits/${created.body.id}`)).status).toBe(204);
    const events = await t.database.db
      .select({ action: auditEvents.action, fields: auditEvents.fields })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.subjectType, 'person'),
          eq(auditEvents.subjectId, id),
          eq(auditEvents.purpose, 'work-permit'),
        ),
      );
    expect(events.map((e) => e.action)).toEqual(['work-permit.recorded', 'work-permit.updated', 'work-permit.removed']);
    expect(events[1]!.fields).toEqual(['validUntil']);
    expect((await counsellor.get(`/api/v1/persons/${id}/work-permits`)).body.items).toEqual([]);
  });

  it('records an application made by an employer outside Köprü, then its decision', async () => {
    const id = await person();
    const requested = await counsellor.post(`/api/v1/persons/${id}/work-permits`, {
      kind: 'work-permit',
      status: 'requested',
      employerName: 'Kuzey Yapı İnşaat Ltd. Şti.',
      requestedOn: '2026-11-20',
    });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({
      employerId: null,
      employerName: 'Kuzey Yapı İnşaat Ltd. Şti.',
      validToday: false,
    });
    const refused = await counsellor.patch(`/api/v1/persons/${id}/work-permits/${requested.body.id}`, {
      status: 'refused',
      decidedOn: '2026-11-30',
    });
    expect(refused.status).toBe(200);
    expect(refused.body.status).toBe('refused');
  });

  it('refuses inconsistent permits with 422 naming each field, and writes nothing', async () => {
    const id = await person();
    const before = await permitCount();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...granted, employerId, validFrom: undefined }, '/validFrom', 'errors.validation.required'],
      [{ ...granted }, '/employerId', 'errors.workPermits.employerRequired'],
      [
        { ...granted, kind: 'indefinite-work-permit', employerId },
        '/employerId',
        'errors.workPermits.notEmployerBound',
      ],
      [{ ...granted, employerId, validUntil: '2026-10-01' }, '/validUntil', 'errors.workPermits.untilBeforeFrom'],
      [{ ...granted, employerId, requestedOn: '2099-01-01' }, '/requestedOn', 'errors.workPermits.future'],
      [{ ...granted, employerId, decidedOn: '2026-08-01' }, '/decidedOn', 'errors.workPermits.decidedBeforeRequested'],
      [
        { kind: 'work-permit', status: 'requested', employerId, validFrom: '2026-12-01' },
        '/validFrom',
        'errors.workPermits.validityOnlyWhenGranted',
      ],
      [{ ...granted, employerId, kind: 'residence' }, '/kind', 'errors.validation.enum'],
    ];
    for (const [body, pointer, code] of cases) {
      const res = await counsellor.post(`/api/v1/persons/${id}/work-permits`, body);
      expect(res.status, `${pointer} ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, code }));
    }
    // Another organisation's employer is unknown here.
    const foreign = await counsellor.post(`/api/v1/persons/${id}/work-permits`, {
      ...granted,
      employerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(foreign.status).toBe(404);
    expect(await permitCount()).toBe(before);
  });

  it('restricts the permits of a person under protection like the protection status itself', async () => {
    const id = await refugee();
    const created = await counsellor.post(`/api/v1/persons/${id}/work-permits`, {
      kind: 'temporary-protection-permit',
      status: 'requested',
      employerId,
      requestedOn: '2026-11-25',
    });
    expect(created.status).toBe(201);
    // Reading them is a special-category read, audited with its purpose.
    const before = await t.database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'person.special-category-read'), eq(auditEvents.purpose, 'work-permits')));
    expect((await counsellor.get(`/api/v1/persons/${id}/work-permits`)).body.items).toHaveLength(1);
    const after = await t.database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'person.special-category-read'), eq(auditEvents.purpose, 'work-permits')));
    expect(after[0]!.n).toBe(before[0]!.n + 1);

    // A manager (persons:read, no special-category:read) sees none, and learns nothing of the status.
    const manager = await t.as('ibb', 'manager');
    const hidden = await manager.get(`/api/v1/persons/${id}/work-permits`);
    expect(hidden.status).toBe(200);
    expect(hidden.body.items).toEqual([]);
    // A role that may write persons but not read special categories cannot write them either.
    const admin = await t.as('ibb', 'admin');
    const role = await admin.post('/api/v1/roles', {
      name: 'Kayıt görevlisi',
      permissions: ['persons:read', 'persons:write'],
    });
    const office = (await admin.get('/api/v1/offices')).body.items.find(
      (o: { district: string }) => o.district === 'Fatih',
    );
    await admin.post('/api/v1/users', {
      kind: 'staff',
      fullName: 'Kayıt Görevlisi',
      email: 'kayit@ibb.example',
      officeId: office.id,
      roleIds: [role.body.id],
    });
    const invitation = await t.lastMessageTo('kayit@ibb.example');
    const token = /#token=([\w-]+)/.exec(invitation!.body)![1];
    await t.anonymous.post('/api/v1/auth/invitation/accept', { token, password: 'uzun-ve-guclu-parola' });
    const clerk = await t.signIn('kayit@ibb.example', 'uzun-ve-guclu-parola');
    const before2 = await permitCount();
    expect((await clerk.get(`/api/v1/persons/${id}/work-permits`)).body.items).toEqual([]);
    const write = await clerk.post(`/api/v1/persons/${id}/work-permits`, {
      kind: 'temporary-protection-permit',
      status: 'requested',
      employerId,
    });
    expect(write.status).toBe(403);
    expect((await clerk.delete(`/api/v1/persons/${id}/work-permits/${created.body.id}`)).status).toBe(403);
    expect(await permitCount()).toBe(before2);
    // The same clerk records permits of a foreign resident outside the protected groups.
    expect(
      (await clerk.post(`/api/v1/persons/${await person()}/work-permits`, { ...granted, employerId })).status,
    ).toBe(201);
  });

  it('keeps permits to the person’s office and organisation', async () => {
    const id = await person();
    const other = await t.as('izmir', 'counsellor');
    expect((await other.get(`/api/v1/persons/${id}/work-permits`)).status).toBe(404);
    expect((await other.post(`/api/v1/persons/${id}/work-permits`, { ...granted, employerId })).status).toBe(404);
    const esenyurt = await t.as('ibb', 'counsellor2');
    expect((await esenyurt.get(`/api/v1/persons/${id}/work-permits`)).status).toBe(404);
  });
});
