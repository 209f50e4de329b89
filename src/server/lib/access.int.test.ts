import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestClient, type TestContext } from '../test/harness.ts';
import { allows, type Actor } from './access.ts';
import type { Permission } from '../../common/permissions.ts';
import { eq } from 'drizzle-orm';
import { roles as rolesTable, userRoles } from '../db/schema/index.ts';

/**
 * The generated access test: every route × every built-in role (and no session at all). A call that
 * the route's declared policy does not allow must never answer 2xx.
 */
let t: TestContext;
const clients = new Map<string, { client: TestClient; actor: Actor | null }>();
const LOGINS = [
  'admin',
  'manager',
  'counsellor',
  'employer-relations',
  'trainer',
  'dpo',
  'analyst',
  'employer',
  'seeker',
  'platform',
];
const RANDOM_ID = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  // Every caller × every route from one address: refused requests count towards the flood limit too.
  t = await createTestContext({ rateLimitPerMinute: 1_000_000 });
  clients.set('anonymous', { client: t.anonymous, actor: null });
  for (const login of LOGINS) {
    const client = login === 'seeker' ? await t.signInWithCode('+905321000002') : await t.as('ibb', login);
    const me = await client.get('/api/v1/me');
    expect(me.status).toBe(200);
    clients.set(login, {
      client,
      actor: {
        userId: me.body.id,
        sessionId: '',
        organisationId: me.body.organisation.id,
        officeId: me.body.office?.id ?? null,
        kind: me.body.kind,
        fullName: me.body.fullName,
        locale: me.body.locale,
        stage: 'active',
        permissions: new Set(me.body.permissions as Permission[]),
      },
    });
  }
});
afterAll(async () => t.close());

describe('every route × every role', () => {
  it('declares an access policy on every API route', () => {
    const api = t.app.routeTable.filter((r) => r.url.startsWith('/api'));
    expect(api.length).toBeGreaterThan(30);
    for (const route of api) expect(route.access, `${route.method} ${route.url}`).toBeTruthy();
  });

  it('never answers 2xx to a caller the policy does not allow', async () => {
    const unexpected: string[] = [];
    let checked = 0;
    // Signing out would end the shared session of the role under test; it is public and tested elsewhere.
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1') && r.url !== '/api/v1/auth/sign-out');
    for (const [who, { client, actor }] of clients) {
      for (const route of routes) {
        if (allows(route.access, actor)) continue;
        const url = route.url.replace(/:(\w+)/g, RANDOM_ID);
        const body = ['POST', 'PATCH', 'PUT'].includes(route.method) ? {} : undefined;
        const res = await client.request(route.method as 'GET', url, body);
        checked++;
        if (res.status < 300) unexpected.push(`${who} ${route.method} ${route.url} → ${res.status}`);
        else if (![401, 403, 404].includes(res.status)) {
          unexpected.push(`${who} ${route.method} ${route.url} → ${res.status} (expected 401, 403 or 404)`);
        }
      }
    }
    expect(unexpected).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    // Hundreds of requests: on a busy 2-core machine this takes more than the default 30 s.
  }, 120_000);

  it('answers 401 to anonymous callers and 403 to signed-in callers without the permission', async () => {
    expect((await t.anonymous.get('/api/v1/users')).status).toBe(401);
    const analyst = clients.get('analyst')!.client;
    const res = await analyst.get('/api/v1/users');
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('errors.forbidden');
  });
});

describe('organisation and office boundaries', () => {
  it("answers 404, never data, for another organisation's records", async () => {
    const ibbAdmin = await t.as('ibb', 'admin');
    const izmirAdmin = await t.as('izmir', 'admin');
    const ibbUsers = await ibbAdmin.get('/api/v1/users?pageSize=5');
    const ibbUserId = ibbUsers.body.items[0].id as string;
    const ibbOffices = await ibbAdmin.get('/api/v1/offices');
    const ibbOfficeId = ibbOffices.body.items[0].id as string;
    const role = await ibbAdmin.post('/api/v1/roles', { name: 'Saha ekibi', permissions: ['persons:read'] });
    expect(role.status).toBe(201);

    const reads = [
      await izmirAdmin.get(`/api/v1/users/${ibbUserId}`),
      await izmirAdmin.patch(`/api/v1/users/${ibbUserId}`, { fullName: 'Başka Biri' }),
      await izmirAdmin.post(`/api/v1/users/${ibbUserId}/invitation`),
      await izmirAdmin.patch(`/api/v1/offices/${ibbOfficeId}`, { name: 'Ele geçirildi' }),
      await izmirAdmin.patch(`/api/v1/roles/${role.body.id}`, { name: 'Ele geçirildi' }),
      await izmirAdmin.delete(`/api/v1/roles/${role.body.id}`),
    ];
    for (const res of reads) {
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Ayşe');
    }
    const listed = await izmirAdmin.get('/api/v1/users?pageSize=200');
    expect(listed.body.items.map((u: { id: string }) => u.id)).not.toContain(ibbUserId);
    const office = await ibbAdmin.get('/api/v1/offices');
    expect(office.body.items.map((o: { name: string }) => o.name)).not.toContain('Ele geçirildi');
  });

  it('shows a counsellor the users of their own office only', async () => {
    const counsellor = await t.signIn('counsellor@ibb.example');
    // Counsellors cannot list users at all; a custom role with users:read but without offices:all sees one office.
    expect((await counsellor.get('/api/v1/users')).status).toBe(403);
    const admin = await t.as('ibb', 'admin');
    const offices = await admin.get('/api/v1/offices');
    const fatih = offices.body.items.find((o: { district: string }) => o.district === 'Fatih');
    const role = await admin.post('/api/v1/roles', { name: 'Birim sorumlusu', permissions: ['users:read'] });
    const created = await admin.post('/api/v1/users', {
      kind: 'staff',
      fullName: 'Gökhan Er',
      email: 'gokhan.er@ibb.example',
      officeId: fatih.id,
      roleIds: [role.body.id],
    });
    expect(created.status).toBe(201);
    const token = await t.lastMessageTo('gokhan.er@ibb.example');
    const link = /#token=([\w-]+)/.exec(token!.body)![1];
    expect(
      (await t.anonymous.post('/api/v1/auth/invitation/accept', { token: link, password: 'uzun-ve-guclu-parola' }))
        .status,
    ).toBe(204);
    const lead = await t.signIn('gokhan.er@ibb.example', 'uzun-ve-guclu-parola');
    const seen = await lead.get('/api/v1/users?pageSize=200');
    expect(seen.status).toBe(200);
    const officesSeen = new Set(seen.body.items.map((u: { office: { id: string } | null }) => u.office?.id));
    expect([...officesSeen]).toEqual([fatih.id]);
  });
});

describe('the platform administrator', () => {
  it('holds the platform permissions and nothing of the organisation', async () => {
    const platform = await t.as('ibb', 'platform');
    const me = await platform.get('/api/v1/me');
    expect([...me.body.permissions].sort()).toEqual(['jobs:manage', 'platform:reference', 'taxonomy:manage']);
    expect((await platform.get('/api/v1/persons')).status).toBe(403);
    expect((await platform.get('/api/v1/users')).status).toBe(403);
    expect((await platform.get('/api/v1/reference/changes')).status).toBe(200);
    expect((await platform.get('/api/v1/background-jobs/queues')).status).toBe(200);
  });

  it('cannot be made by an organisation admin, nor put into a custom role; an org admin keeps it in place', async () => {
    const admin = await t.as('ibb', 'admin');
    const roles = await admin.get('/api/v1/roles');
    // Platform roles are not offered to organisations.
    expect(roles.body.items.map((r: { key: string }) => r.key)).not.toContain('platform-admin');
    const custom = await admin.post('/api/v1/roles', { name: 'Sahte platform', permissions: ['platform:reference'] });
    expect(custom.status).toBe(422);
    expect(custom.body.errors[0].pointer).toBe('/permissions/0');
    const jobs = await admin.post('/api/v1/roles', { name: 'Sahte işler', permissions: ['jobs:manage'] });
    expect(jobs.status).toBe(422);
    expect(jobs.body.errors[0].pointer).toBe('/permissions/0');
    const [platformRole] = await t.database.db.select().from(rolesTable).where(eq(rolesTable.key, 'platform-admin'));
    const counsellor = (await admin.get('/api/v1/users?pageSize=200')).body.items.find(
      (u: { email: string }) => u.email === 'counsellor@ibb.example',
    );
    const grant = await admin.patch(`/api/v1/users/${counsellor.id}`, { roleIds: [platformRole!.id] });
    expect(grant.status).toBe(422);
    // Changing the platform admin's organisation roles leaves the platform role where it is.
    const platform = (await admin.get('/api/v1/users?pageSize=200')).body.items.find(
      (u: { email: string }) => u.email === 'platform@ibb.example',
    );
    const analystRole = roles.body.items.find((r: { key: string }) => r.key === 'analyst');
    const changed = await admin.patch(`/api/v1/users/${platform.id}`, { roleIds: [analystRole.id] });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const held = await t.database.db.select().from(userRoles).where(eq(userRoles.userId, platform.id));
    expect(held.map((r) => r.roleId).sort()).toEqual([analystRole.id, platformRole!.id].sort());
  });
});
