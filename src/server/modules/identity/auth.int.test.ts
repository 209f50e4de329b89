import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import {
  cookieFrom,
  createTestContext,
  DEMO_PASSWORD,
  NEW_INSTANCE_TIMEOUT,
  demoEmail,
  type TestContext,
} from '../../test/harness.ts';

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

describe('sign-in limits', () => {
  it('locks an account after 10 failures in 15 minutes, with Retry-After, then lets it in again', async () => {
    const email = demoEmail('ibb', 'trainer');
    for (let i = 0; i < 10; i++) {
      const res = await t.anonymous.post('/api/v1/auth/sign-in', { email, password: `wrong-password-${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await t.anonymous.post(
      '/api/v1/auth/sign-in',
      { email, password: DEMO_PASSWORD },
      { 'accept-language': 'tr' },
    );
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.body.detail).toMatch(/dakika sonra tekrar deneyin/);
    // Another account from the same address is not affected.
    expect(
      (await t.anonymous.post('/api/v1/auth/sign-in', { email: demoEmail('ibb', 'dpo'), password: DEMO_PASSWORD }))
        .status,
    ).toBe(200);
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await t.anonymous.post('/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD })).status).toBe(200);
  });

  it(
    'limits one address to 100 failures in 15 minutes across accounts',
    async () => {
      const headers = { 'x-forwarded-for': '203.0.113.9' };
      // The test app does not trust proxies, so vary the address through a dedicated context instead.
      const other = await createTestContext();
      try {
        for (let i = 0; i < 100; i++) {
          await other.anonymous.post(
            '/api/v1/auth/sign-in',
            { email: `nobody${i}@example.org`, password: 'wrong-password-x' },
            headers,
          );
        }
        const res = await other.anonymous.post('/api/v1/auth/sign-in', {
          email: demoEmail('ibb', 'admin'),
          password: DEMO_PASSWORD,
        });
        expect(res.status).toBe(429);
      } finally {
        await other.close();
      }
    },
    NEW_INSTANCE_TIMEOUT,
  );
});

describe('validation', () => {
  it('refuses a short new password with a field pointer, and changes nothing', async () => {
    const c = await t.signIn(demoEmail('izmir', 'trainer'));
    // Messages follow the language the user chose (remembered on their account).
    expect((await c.patch('/api/v1/me/preferences', { locale: 'ar' })).body.locale).toBe('ar');
    const res = await c.post('/api/v1/me/password', { currentPassword: DEMO_PASSWORD, newPassword: 'short' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/newPassword', code: 'errors.validation.minLength' }),
    ]);
    expect(res.body.errors[0].message).toBe('يجب ألا يقل عن 12 حرفًا.');
    expect(
      (
        await t.anonymous.post('/api/v1/auth/sign-in', {
          email: demoEmail('izmir', 'trainer'),
          password: DEMO_PASSWORD,
        })
      ).status,
    ).toBe(200);
  });

  it('answers unknown API routes with a problem+json 404', async () => {
    const res = await t.anonymous.get('/api/v1/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('errors.notFound');
  });

  it('refuses a cookie-authenticated write from another origin (CSRF)', async () => {
    const c = await t.as('ibb', 'admin');
    const res = await c.patch('/api/v1/me/preferences', { locale: 'en' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('errors.csrf');
    const same = await c.patch(
      '/api/v1/me/preferences',
      { locale: 'tr' },
      { origin: 'http://localhost:80', host: 'localhost:80' },
    );
    expect(same.status).toBe(200);
    // Origin "null" (a sandboxed frame, a data: page) passes only when Fetch Metadata says same-origin.
    const sandboxed = await c.patch(
      '/api/v1/me/preferences',
      { locale: 'en' },
      { origin: 'null', 'sec-fetch-site': 'cross-site' },
    );
    expect(sandboxed.status).toBe(403);
    expect((await c.patch('/api/v1/me/preferences', { locale: 'en' }, { origin: 'null' })).status).toBe(403);
    const sameSite = await c.patch('/api/v1/me/preferences', { locale: 'en' }, { 'sec-fetch-site': 'same-site' });
    expect(sameSite.status).toBe(403);
    const ownForm = await c.patch(
      '/api/v1/me/preferences',
      { locale: 'tr' },
      { origin: 'null', 'sec-fetch-site': 'same-origin' },
    );
    expect(ownForm.status).toBe(200);
  });
});

describe('two-factor authentication', () => {
  it('enrols TOTP, then requires the code (or a recovery code) at sign-in', async () => {
    const email = demoEmail('umut', 'manager');
    const c = await t.signIn(email);
    const setup = await c.post('/api/v1/me/mfa/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.qrSvg).toContain('<svg');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.body.secret) });
    const wrong = await c.post('/api/v1/me/mfa/totp/confirm', {
      code: '000000' === totp.generate({ timestamp: t.clock.now().getTime() }) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(422);
    const confirm = await c.post('/api/v1/me/mfa/totp/confirm', {
      code: totp.generate({ timestamp: t.clock.now().getTime() }),
    });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);

    const first = await t.anonymous.post('/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD });
    expect(first.body.stage).toBe('mfa');
    const pending = { cookie: cookieFrom(first.raw)! };
    // A half-signed-in session reaches nothing but the second-factor step.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/offices', headers: pending })).statusCode).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/me/mfa/totp/setup', headers: pending })).statusCode,
    ).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/second-factor',
      headers: pending,
      payload: { code: confirm.body.recoveryCodes[0] },
    });
    expect(ok.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/offices', headers: pending })).statusCode).toBe(200);
    const status = await t.app.inject({ method: 'GET', url: '/api/v1/me/mfa', headers: pending });
    expect(status.json().recoveryCodesLeft).toBe(9);

    // A TOTP code works once: the same code cannot be replayed within its window.
    t.clock.advance(30_000);
    const code = totp.generate({ timestamp: t.clock.now().getTime() });
    const signIn = async () => {
      const res = await t.anonymous.post('/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD });
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/second-factor',
        headers: { cookie: cookieFrom(res.raw)! },
        payload: { code },
      });
    };
    expect((await signIn()).statusCode).toBe(200);
    expect((await signIn()).statusCode).toBe(422);
  });

  it('sends staff of an organisation that requires two-factor to enrolment first', async () => {
    const admin = await t.as('izmir', 'admin');
    expect((await admin.patch('/api/v1/organisation', { requireMfa: true })).status).toBe(200);
    const res = await t.anonymous.post('/api/v1/auth/sign-in', {
      email: demoEmail('izmir', 'counsellor'),
      password: DEMO_PASSWORD,
    });
    expect(res.body.stage).toBe('enrol');
    const headers = { cookie: cookieFrom(res.raw)! };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/offices', headers })).statusCode).toBe(403);
    const setup = (await t.app.inject({ method: 'POST', url: '/api/v1/me/mfa/totp/setup', headers })).json();
    const code = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.secret) }).generate({
      timestamp: t.clock.now().getTime(),
    });
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/me/mfa/totp/confirm', headers, payload: { code } }))
        .statusCode,
    ).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/offices', headers })).statusCode).toBe(200);
    await admin.patch('/api/v1/organisation', { requireMfa: false });
  });
});

describe('sessions', () => {
  it('lists my sessions and revokes one, which then stops working', async () => {
    const email = demoEmail('umut', 'trainer');
    const a = await t.signIn(email);
    const b = await t.signIn(email);
    const list = await a.get('/api/v1/me/sessions');
    expect(list.body.items).toHaveLength(2);
    const other = list.body.items.find((s: { current: boolean }) => !s.current);
    expect((await a.delete(`/api/v1/me/sessions/${other.id}`)).status).toBe(204);
    expect((await b.get('/api/v1/me')).status).toBe(401);
    expect((await a.get('/api/v1/me')).status).toBe(200);
  });

  it('signs out', async () => {
    const c = await t.signIn(demoEmail('umut', 'analyst'));
    expect((await c.post('/api/v1/auth/sign-out')).status).toBe(204);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });

  it('ends a session after two idle hours', async () => {
    const c = await t.signIn(demoEmail('umut', 'dpo'));
    t.clock.advance(2 * 60 * 60 * 1000 + 1000);
    expect((await c.get('/api/v1/me')).status).toBe(401);
  });
});

describe('password reset', () => {
  it('sends a link by e-mail that sets a new password once and ends other sessions', async () => {
    const email = demoEmail('umut', 'employer-relations');
    const before = await t.signIn(email);
    expect((await t.anonymous.post('/api/v1/auth/password-reset', { email })).status).toBe(202);
    expect((await t.anonymous.post('/api/v1/auth/password-reset', { email: 'nobody@nowhere.example' })).status).toBe(
      202,
    );
    const message = await t.lastMessageTo(email);
    expect(message?.template).toBe('password-reset');
    const token = /#token=([\w-]+)/.exec(message!.body)![1]!;
    expect(
      (await t.anonymous.post('/api/v1/auth/password-reset/confirm', { token, password: 'yeni-parola-2026-uzun' }))
        .status,
    ).toBe(204);
    expect(
      (await t.anonymous.post('/api/v1/auth/password-reset/confirm', { token, password: 'yeni-parola-2026-uzun' }))
        .status,
    ).toBe(410);
    expect((await before.get('/api/v1/me')).status).toBe(401);
    expect((await t.anonymous.post('/api/v1/auth/sign-in', { email, password: 'yeni-parola-2026-uzun' })).status).toBe(
      200,
    );
  });
});
