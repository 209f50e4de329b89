import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, demoEmail, type TestContext } from '../../test/harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

describe('password sign-in', () => {
  it('signs a staff member in and returns who they are', async () => {
    const admin = await t.as('ibb', 'admin');
    const me = await admin.get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.fullName).toBe('Ayşe Yılmaz');
    expect(me.body.organisation.name).toBe('İstanbul Büyükşehir Belediyesi');
    expect(me.body.permissions).toContain('users:manage');
  });

  it('refuses a wrong password with a translated problem', async () => {
    const res = await t.anonymous.post(
      '/api/v1/auth/sign-in',
      { email: demoEmail('ibb', 'manager'), password: 'wrong-password-123' },
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('errors.auth.invalidCredentials');
    expect(res.body.detail).toBe('The e-mail address or password is wrong.');
  });
});
