import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import {
  auditEvents,
  employers,
  employerUsers,
  outboxMessages,
  userRoles,
  roles,
  users,
} from '../../db/schema/index.ts';
import { withVknChecksum } from '../../../common/identity-number.ts';
import { demoEmployerTaxNumber } from '../../db/seed/demo-employers.ts';

let t: TestContext;
let officer: TestClient; // employer relations, İBB
let ibbId: string;
let serial = 620_000_00;
const PASSWORD = 'isveren-portal-parolasi';

beforeAll(async () => {
  t = await createTestContext();
  officer = await t.as('ibb', 'employer-relations');
  const orgs = await t.anonymous.get('/api/v1/public/organisations');
  ibbId = orgs.body.items.find((o: { shortName: string }) => o.shortName === 'İBB').id;
});
afterAll(async () => t.close());

const tally = async () => ({
  employers: (await t.database.db.select({ n: count() }).from(employers))[0]!.n,
  users: (await t.database.db.select({ n: count() }).from(users))[0]!.n,
});

function signUp(overrides: Record<string, unknown> = {}, user: Record<string, unknown> = {}) {
  serial += 1;
  return {
    organisationId: ibbId,
    legalName: `Portal Deneme Gıda Ltd. Şti. ${serial}`,
    tradeName: `Portal Deneme ${serial}`,
    taxKind: 'vkn',
    taxNumber: withVknChecksum(String(serial).padStart(9, '5').slice(0, 9)),
    naceCode: '10.71',
    workerCount: 18,
    province: 'İstanbul',
    district: 'Üsküdar',
    acceptTerms: true,
    ...overrides,
    user: {
      fullName: 'Nilay Karaca',
      email: `nilay.${serial}@portal-deneme.example`,
      phone: null,
      locale: 'tr',
      ...user,
    },
  };
}

/** Accepts the invitation mailed to an address and signs in with a password. */
async function acceptAndSignIn(email: string): Promise<TestClient> {
  const message = await t.lastMessageTo(email);
  const token = /#token=([\w-]+)/.exec(message!.body)![1];
  const accepted = await t.anonymous.post('/api/v1/auth/invitation/accept', { token, password: PASSWORD });
  expect(accepted.status).toBe(204);
  return t.signIn(email, PASSWORD);
}

describe('employer sign-up', () => {
  it('creates a pending employer and its first user, a manager invited by e-mail; the portal then shows it', async () => {
    const body = signUp();
    const res = await t.anonymous.post('/api/v1/public/employers', body);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ received: true });
    const [employer] = await t.database.db.select().from(employers).where(eq(employers.legalName, body.legalName));
    expect(employer).toMatchObject({
      status: 'pending',
      organisationId: ibbId,
      termsVersion: '2026-01',
      hazardClass: null,
    });
    expect(employer!.termsAcceptedAt).not.toBeNull();
    const [user] = await t.database.db.select().from(users).where(eq(users.email, body.user.email));
    expect(user).toMatchObject({
      kind: 'employer',
      status: 'invited',
      organisationId: ibbId,
      fullName: 'Nilay Karaca',
    });
    const [role] = await t.database.db
      .select({ key: roles.key })
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(eq(userRoles.userId, user!.id));
    expect(role!.key).toBe('employer');
    const [link] = await t.database.db.select().from(employerUsers).where(eq(employerUsers.userId, user!.id));
    expect(link).toMatchObject({ employerId: employer!.id, manager: true });
    const message = await t.lastMessageTo(body.user.email);
    expect(message?.template).toBe('employer-signup-welcome');
    expect(message?.body).toContain(body.tradeName);
    const actions = (await t.database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, employer!.id))).map(
      (a) => a.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['employer.created', 'employer.user-added']));

    const portal = await acceptAndSignIn(body.user.email);
    const mine = await portal.get('/api/v1/portal/employer');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: employer!.id, status: 'pending', termsAccepted: true });
    const team = await portal.get('/api/v1/portal/users');
    expect(team.body.items).toMatchObject([{ id: user!.id, manager: true, status: 'active' }]);
    // Staff see the new employer in their queue.
    const pending = await officer.get('/api/v1/employers?status=pending&pageSize=100');
    expect(pending.body.items.map((e: { id: string }) => e.id)).toContain(employer!.id);
  });

  it('refuses an invalid tax number (pointer /taxNumber) and writes nothing', async () => {
    const before = await tally();
    const res = await t.anonymous.post('/api/v1/public/employers', signUp({ taxNumber: '1234567891' }));
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/taxNumber', code: 'errors.employers.vknInvalid' }),
    ]);
    expect(await tally()).toEqual(before);
  });

  it('requires the terms, a known organisation and valid fields, naming each field', async () => {
    const before = await tally();
    const both = await t.anonymous.post(
      '/api/v1/public/employers',
      signUp({ acceptTerms: false, taxNumber: '1234567891', naceCode: '00' }, { phone: 'telefon' }),
    );
    expect(both.status).toBe(422);
    expect(both.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/acceptTerms',
      '/naceCode',
      '/taxNumber',
      '/user/phone',
    ]);
    const missing = await t.anonymous.post('/api/v1/public/employers', { ...signUp(), acceptTerms: undefined });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toContainEqual(
      expect.objectContaining({ pointer: '/acceptTerms', code: 'errors.validation.required' }),
    );
    const org = await t.anonymous.post(
      '/api/v1/public/employers',
      signUp({ organisationId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(org.status).toBe(422);
    expect(org.body.errors[0].pointer).toBe('/organisationId');
    const email = await t.anonymous.post('/api/v1/public/employers', signUp({}, { email: 'not-an-address' }));
    expect(email.status).toBe(422);
    expect(email.body.errors[0].pointer).toBe('/user/email');
    expect(await tally()).toEqual(before);
  });

  it('answers the same for a tax number already registered, and tells that employer’s managers instead', async () => {
    const before = await tally();
    const taxNumber = demoEmployerTaxNumber('Bağcılar Örme Tekstil Sanayi ve Ticaret Ltd. Şti.');
    const res = await t.anonymous.post(
      '/api/v1/public/employers',
      signUp({ taxNumber }, { email: 'baska.biri@example.com' }),
    );
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ received: true });
    expect(await tally()).toEqual(before);
    const told = await t.lastMessageTo('employer@ibb.example');
    expect(told?.template).toBe('employer-signup-duplicate');
    expect(told?.body).toContain('Örme Tekstil');
    expect(await t.lastMessageTo('baska.biri@example.com')).toBeUndefined();
    // Invalid input with a registered tax number is refused like any other.
    const invalid = await t.anonymous.post('/api/v1/public/employers', signUp({ taxNumber, acceptTerms: false }));
    expect(invalid.status).toBe(422);
  });

  it('answers the same for an e-mail address that has an account, and tells its owner', async () => {
    const before = await tally();
    const res = await t.anonymous.post('/api/v1/public/employers', signUp({}, { email: 'counsellor@ibb.example' }));
    expect(res.status).toBe(202);
    expect(await tally()).toEqual(before);
    const told = await t.lastMessageTo('counsellor@ibb.example');
    expect(told?.template).toBe('employer-signup-account-exists');
  });

  it('limits sign-ups per address (429 with Retry-After)', async () => {
    const send = (body: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/public/employers',
        payload: body as object,
        remoteAddress: '203.0.113.77',
      });
    const taxNumber = demoEmployerTaxNumber('Anadolu Sofrası Restoran İşletmeleri A.Ş.');
    for (let i = 0; i < 10; i++) expect((await send(signUp({ taxNumber }))).statusCode).toBe(202);
    const limited = await send(signUp({ taxNumber }));
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await t.anonymous.post('/api/v1/public/employers', signUp({ taxNumber }))).status).toBe(202);
  });
});

describe('the employer portal', () => {
  let employerA: string; // Örme Tekstil: employer@ibb.example (Burak Aydın) is its manager
  let clientA: TestClient;
  let employerB: string;
  let managerB: TestClient;
  let managerBId: string;

  beforeAll(async () => {
    clientA = await t.as('ibb', 'employer');
    employerA = (await clientA.get('/api/v1/portal/employer')).body.id;
    const body = signUp({ legalName: 'Üsküdar Simit Fırını Ltd. Şti.' }, { email: 'yonetici@simitfirini.example' });
    expect((await t.anonymous.post('/api/v1/public/employers', body)).status).toBe(202);
    managerB = await acceptAndSignIn('yonetici@simitfirini.example');
    const mine = (await managerB.get('/api/v1/portal/employer')).body;
    employerB = mine.id;
    managerBId = (await managerB.get('/api/v1/me')).body.id;
  });

  it('shows a demo employer user their own employer', async () => {
    const mine = await clientA.get('/api/v1/portal/employer');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      legalName: 'Bağcılar Örme Tekstil Sanayi ve Ticaret Ltd. Şti.',
      status: 'verified',
    });
    const team = await clientA.get('/api/v1/portal/users');
    expect(team.body.items).toMatchObject([{ fullName: 'Burak Aydın', manager: true }]);
  });

  it('never shows one employer to another: 404, never data', async () => {
    for (const res of [
      await clientA.get(`/api/v1/employers/${employerB}`),
      await clientA.patch(`/api/v1/employers/${employerB}`, { workerCount: 99 }),
      await clientA.delete(`/api/v1/portal/users/${managerBId}`),
      await managerB.get(`/api/v1/employers/${employerA}`),
    ]) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toMatch(/Simit|Örme|Burak/);
    }
    const teamA = await clientA.get('/api/v1/portal/users');
    expect(teamA.body.items.map((u: { id: string }) => u.id)).not.toContain(managerBId);
    const teamB = await managerB.get('/api/v1/portal/users');
    expect(teamB.body.items.map((u: { fullName: string }) => u.fullName)).not.toContain('Burak Aydın');
    // Staff routes stay closed to employer users.
    expect((await clientA.get(`/api/v1/employers/${employerB}/users`)).status).toBe(403);
    expect((await clientA.get('/api/v1/employers')).status).toBe(403);
  });

  it('lets a manager invite a colleague; a colleague who is not a manager cannot invite or remove', async () => {
    const invited = await managerB.post('/api/v1/portal/users', {
      fullName: 'Tolga Güler',
      email: 'tolga@simitfirini.example',
      phone: '0532 620 00 01',
      locale: 'en',
    });
    expect(invited.status).toBe(201);
    expect(invited.body.items).toContainEqual(
      expect.objectContaining({ fullName: 'Tolga Güler', manager: false, status: 'invited' }),
    );
    const message = await t.lastMessageTo('tolga@simitfirini.example');
    expect(message?.template).toBe('employer-user-invitation');
    expect(message?.locale).toBe('en');
    const colleague = await acceptAndSignIn('tolga@simitfirini.example');
    expect((await colleague.get('/api/v1/portal/employer')).body.id).toBe(employerB);
    const refused = await colleague.post('/api/v1/portal/users', {
      fullName: 'Biri Daha',
      email: 'biri@simitfirini.example',
      locale: 'tr',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('errors.portal.managerOnly');
    expect((await colleague.delete(`/api/v1/portal/users/${managerBId}`)).status).toBe(403);
    // An address already in use is refused, naming the field.
    const taken = await managerB.post('/api/v1/portal/users', {
      fullName: 'Kopya',
      email: 'tolga@simitfirini.example',
      locale: 'tr',
    });
    expect(taken.status).toBe(409);
    expect(taken.body.errors[0].pointer).toBe('/email');
  });

  it('removes a colleague (disabled and signed out when left without an employer), never the last manager', async () => {
    const team = (await managerB.get('/api/v1/portal/users')).body.items as { id: string; fullName: string }[];
    const tolga = team.find((u) => u.fullName === 'Tolga Güler')!;
    const tolgaClient = await t.signIn('tolga@simitfirini.example', PASSWORD);
    expect((await managerB.delete(`/api/v1/portal/users/${tolga.id}`)).status).toBe(204);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, tolga.id));
    expect(row!.status).toBe('disabled');
    expect((await tolgaClient.get('/api/v1/portal/employer')).status).toBe(401);
    const last = await managerB.delete(`/api/v1/portal/users/${managerBId}`);
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('errors.portal.lastManager');
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, employerB), eq(auditEvents.action, 'employer.user-removed')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorKind: 'employer', purpose: tolga.id });
  });

  it('lets staff give an employer a portal user, and see and remove them; another organisation gets 404', async () => {
    const added = await officer.post(`/api/v1/employers/${employerB}/users`, {
      fullName: 'Sevda Arı',
      email: 'sevda@simitfirini.example',
      locale: 'tr',
      manager: true,
    });
    expect(added.status).toBe(201);
    expect(added.body.items).toContainEqual(expect.objectContaining({ fullName: 'Sevda Arı', manager: true }));
    expect((await t.lastMessageTo('sevda@simitfirini.example'))?.template).toBe('employer-user-invitation');
    const sevda = added.body.items.find((u: { fullName: string }) => u.fullName === 'Sevda Arı');
    // An existing employer user of the organisation is linked, not invited again.
    const linked = await officer.post(`/api/v1/employers/${employerA}/users`, {
      fullName: 'Sevda Arı',
      email: 'sevda@simitfirini.example',
      locale: 'tr',
    });
    expect(linked.status).toBe(201);
    expect(linked.body.items.map((u: { id: string }) => u.id)).toContain(sevda.id);
    const again = await officer.post(`/api/v1/employers/${employerA}/users`, {
      fullName: 'Sevda Arı',
      email: 'sevda@simitfirini.example',
      locale: 'tr',
    });
    expect(again.status).toBe(409);
    // A staff member's address cannot become an employer user.
    const staff = await officer.post(`/api/v1/employers/${employerA}/users`, {
      fullName: 'Zeynep',
      email: 'counsellor@ibb.example',
      locale: 'tr',
    });
    expect(staff.status).toBe(409);
    expect((await officer.get(`/api/v1/employers/${employerB}/users`)).body.items).toHaveLength(2);
    expect((await officer.delete(`/api/v1/employers/${employerA}/users/${sevda.id}`)).status).toBe(204);
    // Still linked to B: not disabled.
    expect((await t.database.db.select().from(users).where(eq(users.id, sevda.id)))[0]!.status).toBe('invited');
    const izmir = await t.as('izmir', 'employer-relations');
    expect((await izmir.get(`/api/v1/employers/${employerB}/users`)).status).toBe(404);
    expect(
      (
        await izmir.post(`/api/v1/employers/${employerB}/users`, {
          fullName: 'X Y',
          email: 'x@y.example',
          locale: 'tr',
        })
      ).status,
    ).toBe(404);
    expect((await izmir.delete(`/api/v1/employers/${employerB}/users/${managerBId}`)).status).toBe(404);
    const counsellor = await t.as('ibb', 'counsellor');
    expect(
      (
        await counsellor.post(`/api/v1/employers/${employerB}/users`, {
          fullName: 'X Y',
          email: 'x@y.example',
          locale: 'tr',
        })
      ).status,
    ).toBe(403);
    const added2 = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, 'x@y.example'));
    expect(added2).toHaveLength(0);
  });
});
