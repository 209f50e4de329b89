import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import { auditEvents } from '../../../db/schema/index.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';

// Issue 8, items 8 and 9: special-category data and office scoping, through the HTTP API.

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih, holds special-category:read
let counsellor2: TestClient; // Ali Kurt, İBB Esenyurt
let admin: TestClient; // no special-category:read
let manager: TestClient; // no special-category:read
let romaPersonId: string;
const phone = '0532 777 12 34';
const idNumber = withTcknChecksum('777123451');

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  counsellor2 = await t.as('ibb', 'counsellor2');
  admin = await t.as('ibb', 'admin');
  manager = await t.as('ibb', 'manager');
  const created = await counsellor.post('/api/v1/persons', {
    givenName: 'Gülizar',
    familyName: 'Sarıkaya',
    idKind: 'tckn',
    idNumber,
    birthDate: '1993-06-21',
    sex: 'female',
    nationality: 'TR',
    phone,
    province: 'İstanbul',
    district: 'Fatih',
    desiredOccupations: ['Temizlik görevlisi'],
    targetGroups: [{ group: 'roma' }],
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [
      { purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' },
      { purpose: 'roma-self-identification', textVersion: '2026-01', channel: 'in-person' },
    ],
  });
  expect(created.status).toBe(201);
  romaPersonId = created.body.id;
});
afterAll(async () => t.close());

let clerkClient: TestClient | undefined;
/** A staff member of Fatih whose role may write persons but not read special categories. */
async function registrationClerk(): Promise<TestClient> {
  if (clerkClient) return clerkClient;
  const role = await admin.post('/api/v1/roles', {
    name: 'Kayıt görevlisi',
    permissions: ['persons:read', 'persons:write'],
  });
  expect(role.status).toBe(201);
  const offices = (await admin.get('/api/v1/offices')).body.items as { id: string; district: string }[];
  const user = await admin.post('/api/v1/users', {
    kind: 'staff',
    fullName: 'Kayıt Görevlisi',
    email: 'kayit.gorevlisi@ibb.example',
    officeId: offices.find((o) => o.district === 'Fatih')!.id,
    roleIds: [role.body.id],
    locale: 'tr',
  });
  expect(user.status).toBe(201);
  const token = /#token=([\w-]+)/.exec((await t.lastDelivered('kayit.gorevlisi@ibb.example'))!.text)![1]!;
  await t.anonymous.post('/api/v1/auth/invitation/accept', { token, password: 'kayit-gorevlisi-2026' });
  clerkClient = await t.signIn('kayit.gorevlisi@ibb.example', 'kayit-gorevlisi-2026');
  return clerkClient;
}

const specialReads = async (personId: string) =>
  t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.subjectId, personId), eq(auditEvents.action, 'person.special-category-read')));

describe('item 8: consents do not reveal special categories', () => {
  it('lists the Roma self-identification consent to no one without special-category:read', async () => {
    for (const client of [admin, manager]) {
      const res = await client.get(`/api/v1/persons/${romaPersonId}/consents`);
      expect(res.status).toBe(200);
      expect(res.body.consents.map((c: { purpose: string }) => c.purpose)).toEqual(['share-with-employers']);
      expect(JSON.stringify(res.body)).not.toContain('roma');
    }
  });

  it('lists it to a counsellor with special-category:read, and audits that read', async () => {
    const before = (await specialReads(romaPersonId)).filter((e) => e.purpose === 'consents').length;
    const res = await counsellor.get(`/api/v1/persons/${romaPersonId}/consents`);
    expect(res.body.consents.map((c: { purpose: string }) => c.purpose).sort()).toEqual([
      'roma-self-identification',
      'share-with-employers',
    ]);
    const after = (await specialReads(romaPersonId)).filter((e) => e.purpose === 'consents');
    expect(after.length).toBe(before + 1);
  });

  it('does not name consent purposes in the audit log to readers without special-category:read', async () => {
    const res = await admin.get(`/api/v1/audit-events?subjectId=${romaPersonId}&action=consent.granted`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBe(2);
    expect(res.body.items.map((e: { purpose: string | null }) => e.purpose)).toEqual([null, null]);
    expect(JSON.stringify(res.body)).not.toContain('roma');
  });

  it('lets no one without special-category:read withdraw the consent they cannot see', async () => {
    const all = await counsellor.get(`/api/v1/persons/${romaPersonId}/consents`);
    const roma = all.body.consents.find((c: { purpose: string }) => c.purpose === 'roma-self-identification');
    const clerk = await registrationClerk();
    expect((await clerk.post(`/api/v1/persons/${romaPersonId}/consents/${roma.id}/withdraw`)).status).toBe(404);
    // …nor record one.
    const grant = await clerk.post(`/api/v1/persons/${romaPersonId}/consents`, {
      purpose: 'roma-self-identification',
      textVersion: '2026-01',
      channel: 'in-person',
    });
    expect(grant.status).toBe(422);
    expect(grant.body.errors[0].pointer).toBe('/purpose');
    expect((await counsellor.get(`/api/v1/persons/${romaPersonId}/consents`)).body.consents).toHaveLength(2);
  });
});

describe('item 9: the duplicate check stays within the office', () => {
  it('tells an Esenyurt counsellor that Fatih holds a record, and nothing of that record', async () => {
    const res = await counsellor2.post('/api/v1/persons/duplicates', {
      givenName: 'Ayşe',
      familyName: 'Başka',
      birthDate: '1985-01-01',
      phone,
      idKind: 'tckn',
      idNumber,
    });
    expect(res.status).toBe(200);
    expect(res.body.candidates).toEqual([]);
    expect(res.body.sameIdNumber).toBe(true);
    expect(res.body.elsewhere).toEqual([
      {
        office: { id: expect.any(String), name: 'Fatih İstihdam Ofisi', phone: null },
        reasons: ['same-id-number', 'same-phone'],
      },
    ]);
    const text = JSON.stringify(res.body);
    for (const leak of [romaPersonId, 'Gülizar', 'Sarıkaya', '1993-06-21', idNumber.slice(-2) + '"']) {
      expect(text).not.toContain(leak);
    }
  });

  it('describes the record to a counsellor of its own office', async () => {
    const res = await counsellor.post('/api/v1/persons/duplicates', {
      givenName: 'Ayşe',
      familyName: 'Başka',
      birthDate: '1985-01-01',
      phone,
    });
    expect(res.body.elsewhere).toEqual([]);
    expect(res.body.candidates).toEqual([
      expect.objectContaining({ id: romaPersonId, givenName: 'Gülizar', reasons: ['same-phone'] }),
    ]);
  });
});

describe('item 10: editing target groups without special-category:read', () => {
  let refugeeId: string;
  beforeAll(async () => {
    const created = await counsellor.post('/api/v1/persons', {
      givenName: 'Rima',
      familyName: 'Haddad',
      idKind: 'ykn',
      idNumber: withTcknChecksum('991234560'),
      birthDate: '1990-03-04',
      sex: 'female',
      nationality: 'SY',
      phone: '0532 777 55 66',
      province: 'İstanbul',
      district: 'Fatih',
      desiredOccupations: ['Terzi'],
      targetGroups: [
        {
          group: 'refugee',
          details: { status: 'temporary-protection', registrationProvince: 'İstanbul', registrationDate: '2024-01-10' },
        },
        { group: 'disability', details: { reportPercentage: 60, accessibilityNeeds: ['step-free'] } },
      ],
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    refugeeId = created.body.id;
  });

  it('changes the groups the clerk may see and leaves the special ones as they were, unrevealed', async () => {
    const clerk = await registrationClerk();
    const before = await counsellor.get(`/api/v1/persons/${refugeeId}`);
    const res = await clerk.patch(`/api/v1/persons/${refugeeId}`, {
      targetGroups: [{ group: 'woman-care', details: { childrenUnder6: 2 } }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.targetGroups).toEqual([{ group: 'woman-care', details: { childrenUnder6: 2 } }]);
    expect(JSON.stringify(res.body)).not.toMatch(/refugee|disability|temporary-protection/);
    const after = await counsellor.get(`/api/v1/persons/${refugeeId}`);
    const special = (b: { targetGroups: { group: string }[] }) =>
      b.targetGroups.filter((g) => g.group === 'refugee' || g.group === 'disability');
    expect(special(after.body)).toEqual(special(before.body));
    expect(after.body.targetGroups.map((g: { group: string }) => g.group).sort()).toEqual([
      'disability',
      'refugee',
      'woman-care',
    ]);
    // Removing the visible group again leaves the special ones too.
    expect((await clerk.patch(`/api/v1/persons/${refugeeId}`, { targetGroups: [] })).status).toBe(200);
    const last = await counsellor.get(`/api/v1/persons/${refugeeId}`);
    expect(last.body.targetGroups.map((g: { group: string }) => g.group).sort()).toEqual(['disability', 'refugee']);
    expect(special(last.body)).toEqual(special(before.body));
  });

  it('refuses a change to a special group with 422 naming it, and writes nothing', async () => {
    const clerk = await registrationClerk();
    const before = await counsellor.get(`/api/v1/persons/${refugeeId}`);
    const res = await clerk.patch(`/api/v1/persons/${refugeeId}`, {
      familyName: 'Değişmeyen',
      targetGroups: [{ group: 'refugee', details: { status: 'international-protection' } }],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({
      pointer: '/targetGroups/0/group',
      code: 'errors.persons.specialNotAllowed',
    });
    const after = await counsellor.get(`/api/v1/persons/${refugeeId}`);
    expect(after.body.familyName).toBe(before.body.familyName);
    expect(after.body.targetGroups).toEqual(before.body.targetGroups);
  });
});
