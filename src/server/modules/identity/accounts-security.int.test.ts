import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import {
  cookieFrom,
  createTestContext,
  NEW_INSTANCE_TIMEOUT,
  DEMO_PASSWORD,
  demoEmail,
  type TestClient,
  type TestContext,
} from '../../test/harness.ts';
import { auditEvents, outboxMessages, users } from '../../db/schema/index.ts';

// Issue 8, items 12, 15 and 17: accounts, sessions and messages, through the HTTP API.

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

const sessionOf = async (client: TestClient) => (await client.get('/api/v1/me')).status;

describe('item 12: secrets never reach the outbox screen', () => {
  it('shows a DPO neither a password-reset link nor a sign-in code, in demo mode too', async () => {
    expect(t.config.mode).toBe('demo');
    await t.anonymous.post('/api/v1/auth/password-reset', { email: demoEmail('ibb', 'admin') });
    await t.anonymous.post('/api/v1/auth/code', { identifier: '+905321000002' });
    const dpo = await t.as('ibb', 'dpo');
    for (const status of [undefined, 'captured', 'sent']) {
      const list = await dpo.get(`/api/v1/outbox?pageSize=200${status ? `&status=${status}` : ''}`);
      expect(list.status).toBe(200);
      for (const m of list.body.items) {
        if (['password-reset', 'sign-in-code', 'invitation'].includes(m.template)) {
          expect(m.body).toBeNull();
          expect(m.bodyWithheld).toBe('secret');
        }
        const one = await dpo.get(`/api/v1/outbox/${m.id}`);
        expect(JSON.stringify(one.body)).not.toMatch(/#token=|giriş kodunuz: \d{6}/);
      }
    }
    // The reset link did reach the admin's inbox (the test transport), and it works: the DPO could not see it.
    const mail = await t.lastDelivered(demoEmail('ibb', 'admin'));
    expect(mail?.text).toMatch(/#token=/);
  });

  it('keeps no live secret in the outbox table once a message has left', async () => {
    await t.anonymous.post('/api/v1/auth/code', { identifier: '+905321000003' });
    await t.deliver();
    const rows = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.recipient, '+905321000003'), eq(outboxMessages.template, 'sign-in-code')));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.body).toBe('');
  });

  it('returns a demo seeker’s code for the sign-in page of a demo instance only', async () => {
    const demo = await t.anonymous.post('/api/v1/auth/code', { identifier: '0532 100 00 12' });
    expect(demo.status).toBe(202);
    expect(demo.body.demoCode).toMatch(/^\d{6}$/);
    const signIn = await t.anonymous.post('/api/v1/auth/code/verify', {
      identifier: '+905321000012',
      code: demo.body.demoCode,
    });
    expect(signIn.status).toBe(200);
    // A seeker who is not one of the demo accounts: no code in the answer, even on a demo instance.
    const real = await t.anonymous.post('/api/v1/auth/code', { identifier: 'melek.durmaz@example.com' });
    expect(real.status).toBe(202);
    expect(real.body).toEqual({ accepted: true });
    expect((await t.anonymous.get('/api/v1/public/instance')).body).toEqual({ mode: 'demo' });
  });

  describe('on a production instance', () => {
    // A second instance of its own: made in a hook (a fresh database takes a while on a busy machine).
    let production: TestContext;
    beforeAll(async () => {
      production = await createTestContext({ mode: 'production' });
    }, NEW_INSTANCE_TIMEOUT);
    afterAll(async () => production?.close());

    it('returns no code, even for a demo seeker', async () => {
      const res = await production.anonymous.post('/api/v1/auth/code', { identifier: '+905321000002' });
      expect(res.body).toEqual({ accepted: true });
      expect((await production.anonymous.get('/api/v1/public/instance')).body).toEqual({ mode: 'production' });
    });
  });

  it('shows a banner on the server-rendered job board of a demo instance', async () => {
    const page = await t.anonymous.get('/jobs');
    expect(page.status).toBe(200);
    expect(page.body).toContain('data-testid="demo-banner"');
    expect(page.body).toContain('Tanıtım kurulumu');
  });
});

describe('item 17: sessions and cookies', () => {
  it('ends the other sessions when a password is changed, and keeps this one', async () => {
    const email = demoEmail('izmir', 'trainer');
    const here = await t.signIn(email);
    const laptop = await t.signIn(email);
    const phone = await t.signIn(email);
    const res = await here.post('/api/v1/me/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'Yeni-Parola-2026-uzun',
    });
    expect(res.status).toBe(204);
    expect(await sessionOf(here)).toBe(200);
    expect(await sessionOf(laptop)).toBe(401);
    expect(await sessionOf(phone)).toBe(401);
    expect((await here.get('/api/v1/me/sessions')).body.items).toHaveLength(1);
  });

  it('clears the cookie on sign-out with the attributes it was set with', async () => {
    const signIn = await t.anonymous.post('/api/v1/auth/sign-in', {
      email: demoEmail('izmir', 'analyst'),
      password: DEMO_PASSWORD,
    });
    const set = String([signIn.headers['set-cookie']].flat()[0]);
    const cookie = cookieFrom(signIn.raw)!;
    const out = await t.anonymous.post('/api/v1/auth/sign-out', {}, { cookie });
    expect(out.status).toBe(204);
    const cleared = String([out.headers['set-cookie']].flat()[0]);
    expect(cleared).toMatch(/^__Host-kopru_session=;/);
    for (const attribute of ['Path=/', 'HttpOnly', 'Secure', 'SameSite=Lax']) {
      expect(set).toContain(attribute);
      expect(cleared).toContain(attribute);
    }
    expect(cleared).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/);
    // The dead cookie sent again is cleared again, the same way.
    const again = await t.anonymous.get('/api/v1/me', { cookie });
    expect(again.status).toBe(401);
    expect(String([again.headers['set-cookie']].flat()[0])).toContain('Secure');
  });
});

describe('item 17: the flood limit counts refused requests', () => {
  it(
    'answers 429 once 401s and 403s have used up the per-address budget',
    async () => {
      const limited = await createTestContext({ rateLimitPerMinute: 5 });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 7; i++) statuses.push((await limited.anonymous.get('/api/v1/persons')).status);
        expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
        expect(statuses.slice(5)).toEqual([429, 429]);
      } finally {
        await limited.close();
      }
    },
    NEW_INSTANCE_TIMEOUT,
  );
});

describe('item 17: same work for existing and unknown accounts', () => {
  /** The SQL statements one request runs (texts only, in order). */
  async function statementsOf(request: () => Promise<unknown>): Promise<string[]> {
    t.queries.length = 0;
    await request();
    return [...t.queries];
  }

  it('runs the same statements for a password reset whether or not the account exists', async () => {
    const known = await statementsOf(() =>
      t.anonymous.post('/api/v1/auth/password-reset', { email: demoEmail('izmir', 'manager') }),
    );
    const unknown = await statementsOf(() =>
      t.anonymous.post('/api/v1/auth/password-reset', { email: 'nobody-here@izmir.example' }),
    );
    expect(known.length).toBeGreaterThan(4);
    expect(unknown).toEqual(known);
    // …and only the real account got a link.
    expect((await t.lastDelivered('nobody-here@izmir.example')) ?? null).toBeNull();
    expect((await t.lastDelivered(demoEmail('izmir', 'manager')))?.text).toMatch(/#token=/);
  });

  it('runs the same statements for a sign-in code whether or not the account exists', async () => {
    const known = await statementsOf(() => t.anonymous.post('/api/v1/auth/code', { identifier: '+905321000022' }));
    const unknown = await statementsOf(() => t.anonymous.post('/api/v1/auth/code', { identifier: '+905329998877' }));
    expect(unknown).toEqual(known);
    const knownVerify = await statementsOf(() =>
      t.anonymous.post('/api/v1/auth/code/verify', { identifier: '+905321000022', code: '000000' }),
    );
    const unknownVerify = await statementsOf(() =>
      t.anonymous.post('/api/v1/auth/code/verify', { identifier: '+905329998877', code: '000000' }),
    );
    expect(unknownVerify).toEqual(knownVerify);
  });
});

describe('item 17: request ids', () => {
  it('records our own request id, and the client’s apart from it', async () => {
    const client = await t.signIn(demoEmail('umut', 'admin'));
    const res = await client.patch(
      '/api/v1/me/preferences',
      { locale: 'en' },
      { 'x-request-id': 'forged-id-0000000000' },
    );
    expect(res.status).toBe(200);
    const ours = String(res.headers['x-request-id']);
    expect(ours).not.toBe('forged-id-0000000000');
    expect(ours).toMatch(/^[0-9a-f-]{36}$/);
    const all = await t.database.db.select().from(auditEvents).where(eq(auditEvents.requestId, ours));
    expect(all).toHaveLength(1);
    expect(all[0]!.clientRequestId).toBe('forged-id-0000000000');
    const log = await client.get(`/api/v1/audit-events?requestId=${ours}`);
    expect(log.body.items[0]).toMatchObject({ requestId: ours, clientRequestId: 'forged-id-0000000000' });
    // A client cannot make its request look like another one in the log.
    expect((await client.get('/api/v1/audit-events?requestId=forged-id-0000000000')).body.items).toEqual([]);
  });
});

describe('item 17: 30 concurrent wrong passwords', () => {
  it('get no more than 10 tries', async () => {
    const email = demoEmail('umut', 'trainer');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.anonymous.post('/api/v1/auth/sign-in', { email, password: `wrong-password-${i}` }),
      ),
    );
    const tried = answers.filter((a) => a.status === 401).length;
    expect(tried).toBeLessThanOrEqual(10);
    expect(answers.filter((a) => a.status === 429).length).toBe(30 - tried);
    const [user] = await t.database.db.select().from(users).where(eq(users.email, email));
    const failures = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, user!.id), eq(auditEvents.action, 'auth.sign-in-failed')));
    expect(failures.length).toBe(tried);
  });

  it('share a one-time code’s five tries however many come at once', async () => {
    await t.anonymous.post('/api/v1/auth/code', { identifier: '+905321000002' });
    const code = /\b(\d{6})\b/.exec((await t.lastDelivered('+905321000002'))!.text)![1]!;
    const wrong = Array.from({ length: 6 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(
      wrong.map((guess) => t.anonymous.post('/api/v1/auth/code/verify', { identifier: '+905321000002', code: guess })),
    );
    expect(answers.map((a) => a.status)).toEqual([422, 422, 422, 422, 422, 422]);
    // Six guesses took the code's five tries: the right code no longer works.
    const right = await t.anonymous.post('/api/v1/auth/code/verify', { identifier: '+905321000002', code });
    expect(right.status).toBe(422);
  });
});

describe('item 17: second factors used at the same moment', () => {
  it('let one recovery code, or one TOTP code, complete only one sign-in', async () => {
    const email = demoEmail('izmir', 'employer-relations');
    const c = await t.signIn(email);
    const setup = await c.post('/api/v1/me/mfa/totp/setup');
    const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.body.secret) });
    const confirm = await c.post('/api/v1/me/mfa/totp/confirm', {
      code: totp.generate({ timestamp: t.clock.now().getTime() }),
    });
    expect(confirm.status).toBe(200);
    const halfSignedIn = async () => {
      const res = await t.anonymous.post('/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD });
      expect(res.body.stage).toBe('mfa');
      return cookieFrom(res.raw)!;
    };
    const complete = (cookie: string, code: string) =>
      t.anonymous.post('/api/v1/auth/second-factor', { code }, { cookie });
    const recovery = confirm.body.recoveryCodes[0] as string;
    const both = await Promise.all([
      complete(await halfSignedIn(), recovery),
      complete(await halfSignedIn(), recovery),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 422]);
    t.clock.advance(60_000);
    const code = totp.generate({ timestamp: t.clock.now().getTime() });
    const again = await Promise.all([complete(await halfSignedIn(), code), complete(await halfSignedIn(), code)]);
    expect(again.map((r) => r.status).sort()).toEqual([200, 422]);
  });
});

describe('item 15: TRUST_PROXY', () => {
  it(
    'takes the client address from the configured hop, not from what the client wrote',
    async () => {
      const behindOne = await createTestContext({ trustProxy: 1 });
      try {
        const res = await behindOne.anonymous.post(
          '/api/v1/auth/sign-in',
          { email: demoEmail('ibb', 'analyst'), password: DEMO_PASSWORD },
          // The client wrote 1.2.3.4; our one proxy appended the address it saw.
          { 'x-forwarded-for': '1.2.3.4, 198.51.100.23' },
        );
        expect(res.status).toBe(200);
        const seen = await behindOne.database.query<{ ip: string }>(
          "SELECT ip FROM sessions WHERE ip IN ('1.2.3.4', '198.51.100.23')",
        );
        const session = seen[0];
        expect(session?.ip).toBe('198.51.100.23');
      } finally {
        await behindOne.close();
      }
    },
    NEW_INSTANCE_TIMEOUT,
  );

  it(
    'ignores X-Forwarded-For from an address that is not a listed proxy',
    async () => {
      const listed = await createTestContext({ trustProxy: ['10.0.0.5'] });
      try {
        // app.inject comes from 127.0.0.1, which is not the listed proxy: the header is not believed.
        const failures = [];
        for (let i = 0; i < 3; i++) {
          failures.push(
            await listed.anonymous.post(
              '/api/v1/auth/sign-in',
              { email: `nobody-${i}@example.org`, password: 'wrong-password' },
              { 'x-forwarded-for': `203.0.113.${i}` },
            ),
          );
        }
        const rows = await listed.database.query<{ ip: string }>(
          "SELECT DISTINCT ip FROM auth_attempts WHERE account_key LIKE 'password:nobody-%'",
        );
        expect(rows.map((r) => r.ip)).toEqual(['127.0.0.1']);
      } finally {
        await listed.close();
      }
    },
    NEW_INSTANCE_TIMEOUT,
  );
});
