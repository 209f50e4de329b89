import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO_PASSWORD, demoEmail, type TestContext } from '../../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

describe('users', () => {
  it('lists users with search, filters, Turkish sorting and pagination', async () => {
    const admin = await t.as('ibb', 'admin');
    const all = await admin.get('/api/v1/users?pageSize=200&kind=staff');
    const names = all.body.items.map((u: { fullName: string }) => u.fullName);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'tr')));
    // Ç sorts after C, Ş after S, Ö after O (Turkish collation in the database).
    expect(names.indexOf('Elif Çelik')).toBeGreaterThan(names.indexOf('Ayşe Yılmaz'));
    const page1 = await admin.get('/api/v1/users?pageSize=3&page=1');
    const page2 = await admin.get('/api/v1/users?pageSize=3&page=2');
    expect(page1.body.total).toBe(page2.body.total);
    expect(page1.body.items).toHaveLength(3);
    expect(page1.body.items[0].id).not.toBe(page2.body.items[0].id);
    const search = await admin.post('/api/v1/users/search', { q: 'kaya' });
    expect(search.body.items.map((u: { fullName: string }) => u.fullName)).toEqual(['Zeynep Kaya']);
    const seekers = await admin.get('/api/v1/users?kind=seeker');
    expect(seekers.body.items.every((u: { kind: string }) => u.kind === 'seeker')).toBe(true);
    const bad = await admin.get('/api/v1/users?pageSize=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe('/querystring/pageSize');
  });

  it('disables a user, which ends their sessions; re-enables them', async () => {
    const admin = await t.as('ibb', 'admin');
    const victim = await t.signIn(demoEmail('ibb', 'analyst'));
    const me = await victim.get('/api/v1/me');
    const res = await admin.patch(`/api/v1/users/${me.body.id}`, { status: 'disabled' });
    expect(res.body.status).toBe('disabled');
    expect((await victim.get('/api/v1/me')).status).toBe(401);
    expect(
      (await t.anonymous.post('/api/v1/auth/sign-in', { email: demoEmail('ibb', 'analyst'), password: DEMO_PASSWORD }))
        .status,
    ).toBe(401);
    expect((await admin.patch(`/api/v1/users/${me.body.id}`, { status: 'active' })).body.status).toBe('active');
    expect(
      (await t.anonymous.post('/api/v1/auth/sign-in', { email: demoEmail('ibb', 'analyst'), password: DEMO_PASSWORD }))
        .status,
    ).toBe(200);
  });

  it('refuses to disable oneself or to remove the last user manager', async () => {
    const admin = await t.as('umut', 'admin');
    const me = await admin.get('/api/v1/me');
    const self = await admin.patch(`/api/v1/users/${me.body.id}`, { status: 'disabled' });
    expect(self.status).toBe(409);
    expect(self.body.code).toBe('errors.users.cannotDisableSelf');
    const roles = await admin.get('/api/v1/roles');
    const manager = roles.body.items.find((r: { key: string }) => r.key === 'manager');
    const demote = await admin.patch(`/api/v1/users/${me.body.id}`, { roleIds: [manager.id] });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('errors.users.lastAdmin');
    expect((await admin.get('/api/v1/me')).body.roles[0].key).toBe('admin');
  });

  it('creates a job seeker account that signs in with a code', async () => {
    const admin = await t.as('umut', 'admin');
    const roles = await admin.get('/api/v1/roles');
    const seeker = roles.body.items.find((r: { key: string }) => r.key === 'seeker');
    const created = await admin.post('/api/v1/users', {
      kind: 'seeker',
      fullName: 'Leyla Hüseyin',
      phone: '0 (533) 444 55 66',
      roleIds: [seeker.id],
      locale: 'ar',
    });
    expect(created.status).toBe(201);
    expect(created.body.phone).toBe('+905334445566');
    const leyla = await t.signInWithCode('+905334445566');
    expect((await leyla.get('/api/v1/me')).body.locale).toBe('ar');
    const badPhone = await admin.post('/api/v1/users', {
      kind: 'seeker',
      fullName: 'X Y',
      phone: '12345',
      roleIds: [seeker.id],
    });
    expect(badPhone.status).toBe(422);
    expect(badPhone.body.errors[0].pointer).toBe('/phone');
  });
});

describe('roles', () => {
  it('creates, edits and deletes a custom role; built-in roles are read-only; a role in use cannot be deleted', async () => {
    const admin = await t.as('izmir', 'admin');
    const created = await admin.post('/api/v1/roles', {
      name: 'Proje koordinatörü',
      permissions: ['persons:read', 'indicators:read'],
    });
    expect(created.status).toBe(201);
    expect(created.body.builtIn).toBe(false);
    const edited = await admin.patch(`/api/v1/roles/${created.body.id}`, { permissions: ['indicators:read'] });
    expect(edited.body.permissions).toEqual(['indicators:read']);
    const bad = await admin.post('/api/v1/roles', { name: 'Kötü', permissions: ['persons:read', 'launch:missiles'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe('/permissions/1');
    const employerPerm = await admin.post('/api/v1/roles', { name: 'Karma', permissions: ['employer-portal'] });
    expect(employerPerm.status).toBe(422);

    const roles = await admin.get('/api/v1/roles');
    const builtIn = roles.body.items.find((r: { key: string }) => r.key === 'counsellor');
    expect((await admin.patch(`/api/v1/roles/${builtIn.id}`, { name: 'x y' })).status).toBe(409);

    const offices = await admin.get('/api/v1/offices');
    const user = await admin.post('/api/v1/users', {
      kind: 'staff',
      fullName: 'Tolga Kurt',
      email: 'tolga.kurt@izmir.example',
      officeId: offices.body.items[0].id,
      roleIds: [created.body.id],
    });
    expect(user.status).toBe(201);
    const inUse = await admin.delete(`/api/v1/roles/${created.body.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.detail).toContain('1');
    const other = await admin.post('/api/v1/roles', { name: 'Geçici', permissions: ['courses:read'] });
    expect((await admin.delete(`/api/v1/roles/${other.body.id}`)).status).toBe(204);
  });

  it('takes effect on the next request of users holding the role', async () => {
    const admin = await t.as('izmir', 'admin');
    const role = await admin.post('/api/v1/roles', { name: 'Denetçi', permissions: ['audit:read'] });
    const offices = await admin.get('/api/v1/offices');
    await admin.post('/api/v1/users', {
      kind: 'staff',
      fullName: 'Esra Yalçın',
      email: 'esra.yalcin@izmir.example',
      officeId: offices.body.items[0].id,
      roleIds: [role.body.id],
    });
    const mail = await t.lastMessageTo('esra.yalcin@izmir.example');
    const token = /#token=([\w-]+)/.exec(mail!.body)![1];
    await t.anonymous.post('/api/v1/auth/invitation/accept', { token, password: 'esra-parola-uzun-1' });
    const esra = await t.signIn('esra.yalcin@izmir.example', 'esra-parola-uzun-1');
    expect((await esra.get('/api/v1/audit-events')).status).toBe(200);
    await admin.patch(`/api/v1/roles/${role.body.id}`, { permissions: ['indicators:read'] });
    expect((await esra.get('/api/v1/audit-events')).status).toBe(403);
  });
});

describe('offices and organisation', () => {
  it('opens, renames and closes an office', async () => {
    const admin = await t.as('umut', 'admin');
    const created = await admin.post('/api/v1/offices', {
      name: 'Esenyurt Dayanışma Noktası',
      province: 'İstanbul',
      district: 'Esenyurt',
    });
    expect(created.status).toBe(201);
    const closed = await admin.patch(`/api/v1/offices/${created.body.id}`, { active: false });
    expect(closed.body.active).toBe(false);
    const missing = await admin.post('/api/v1/offices', { name: 'X', province: 'İstanbul' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/district', '/name']);
    const counsellor = await t.as('umut', 'counsellor');
    expect(
      (await counsellor.post('/api/v1/offices', { name: 'Yeni Ofis', province: 'İstanbul', district: 'Fatih' })).status,
    ).toBe(403);
  });

  it("lets only an admin change the organisation's settings", async () => {
    const manager = await t.as('umut', 'manager');
    expect((await manager.patch('/api/v1/organisation', { requireMfa: true })).status).toBe(403);
    const admin = await t.as('umut', 'admin');
    const res = await admin.patch('/api/v1/organisation', { shortName: 'Umut' });
    expect(res.body.shortName).toBe('Umut');
  });
});

describe('OpenAPI', () => {
  it('documents every operation with its access policy and schemas', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const operations = Object.entries(
      res.body.paths as Record<string, Record<string, { 'x-access'?: string; responses?: object }>>,
    ).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
    expect(operations.length).toBeGreaterThan(30);
    for (const { path, method, op } of operations) {
      expect(op['x-access'], `${method} ${path}`).toBeTruthy();
      expect(op.responses, `${method} ${path}`).toBeTruthy();
    }
    const docs = await t.anonymous.get('/api/docs/');
    expect(docs.status).toBe(200);
  });

  it('answers the health check', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.body.status).toBe('ok');
  });
});
