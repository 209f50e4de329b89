import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, NEW_INSTANCE_TIMEOUT, type TestContext } from '../../test/harness.ts';
import { deliverDue, MAX_ATTEMPTS } from './outbox.service.ts';
import { DeliveryError, httpSmsProvider, type OutgoingEmail, type OutgoingSms, type Transports } from './transports.ts';
import { outboxMessages } from '../../db/schema/index.ts';

const sentSms: OutgoingSms[] = [];
const sentEmail: OutgoingEmail[] = [];
let failNext = 0;
const transports: Transports = {
  sms: {
    async send(message) {
      if (failNext > 0) {
        failNext--;
        throw new DeliveryError('provider down');
      }
      sentSms.push(message);
      return { providerMessageId: `sms-${sentSms.length}` };
    },
  },
  email: {
    async send(message) {
      sentEmail.push(message);
      return { providerMessageId: `mail-${sentEmail.length}` };
    },
  },
};

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ mode: 'production' }, transports);
});
afterAll(async () => t.close());

const deliver = () => deliverDue({ db: t.database.db, clock: t.clock, config: t.config, transports: t.transports });

describe('outbox', () => {
  it('signs a job seeker in with a code sent by SMS in their language', async () => {
    const phone = '+905321000003'; // Ahmad, Arabic
    const res = await t.anonymous.post('/api/v1/auth/code', { identifier: '0532 100 00 03' });
    expect(res.status).toBe(202);
    expect(await deliver()).toMatchObject({ sent: 1 });
    const sms = sentSms.at(-1)!;
    expect(sms.to).toBe(phone);
    expect(sms.text).toMatch(/رمز الدخول/);
    const code = /(\d{6})/.exec(sms.text)![1];
    const signIn = await t.anonymous.post('/api/v1/auth/code/verify', { identifier: phone, code });
    expect(signIn.status).toBe(200);
    // The code works once.
    expect((await t.anonymous.post('/api/v1/auth/code/verify', { identifier: phone, code })).status).toBe(422);
  });

  it('answers the same for an unknown number and sends nothing', async () => {
    const before = sentSms.length;
    expect((await t.anonymous.post('/api/v1/auth/code', { identifier: '+905329999999' })).status).toBe(202);
    await deliver();
    expect(sentSms.length).toBe(before);
  });

  it('refuses codes for staff accounts and wrong codes', async () => {
    const wrong = await t.anonymous.post('/api/v1/auth/code/verify', { identifier: '+905321000002', code: '123456' });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].pointer).toBe('/code');
  });

  it('invites a staff member by e-mail; the link sets their password', async () => {
    const admin = await t.as('ibb', 'admin');
    const roles = await admin.get('/api/v1/roles');
    const counsellor = roles.body.items.find((r: { key: string }) => r.key === 'counsellor');
    const offices = await admin.get('/api/v1/offices');
    const created = await admin.post('/api/v1/users', {
      kind: 'staff',
      fullName: 'Nilüfer Şimşek',
      email: 'Nilufer.Simsek@ibb.example',
      officeId: offices.body.items[0].id,
      roleIds: [counsellor.id],
      locale: 'en',
    });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('invited');
    await deliver();
    const mail = sentEmail.at(-1)!;
    expect(mail.to).toBe('nilufer.simsek@ibb.example');
    expect(mail.subject).toBe('İstanbul Büyükşehir Belediyesi invited you to Köprü');
    const token = /#token=([\w-]+)/.exec(mail.text)![1]!;
    const info = await t.anonymous.post('/api/v1/auth/invitation', { token });
    expect(info.body).toEqual({
      fullName: 'Nilüfer Şimşek',
      email: 'nilufer.simsek@ibb.example',
      organisation: 'İstanbul Büyükşehir Belediyesi',
    });
    expect(
      (await t.anonymous.post('/api/v1/auth/invitation/accept', { token, password: 'bir-uzun-parola-2026' })).status,
    ).toBe(204);
    const me = await (await t.signIn('nilufer.simsek@ibb.example', 'bir-uzun-parola-2026')).get('/api/v1/me');
    expect(me.body.roles.map((r: { key: string }) => r.key)).toEqual(['counsellor']);
  });

  it('retries a failed delivery with back-off, then gives up after the last attempt', async () => {
    failNext = MAX_ATTEMPTS;
    await t.anonymous.post('/api/v1/auth/code', { identifier: '+905321000012' });
    const [row] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.recipient, '+905321000012'));
    expect(await deliver()).toMatchObject({ retried: 1 });
    let current = (await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.id, row!.id)))[0]!;
    expect(current.status).toBe('pending');
    expect(current.lastError).toBe('provider down');
    expect(current.nextAttemptAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
    // Nothing is due before the back-off has passed.
    expect(await deliver()).toMatchObject({ retried: 0, sent: 0 });
    for (let i = 1; i < MAX_ATTEMPTS; i++) {
      t.clock.advance(3 * 60 * 60 * 1000);
      await deliver();
    }
    current = (await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.id, row!.id)))[0]!;
    expect(current.status).toBe('failed');
    expect(current.attempts).toBe(MAX_ATTEMPTS);

    const admin = await t.as('izmir', 'admin');
    const failed = await admin.get('/api/v1/outbox?status=failed');
    expect(failed.body.items.map((m: { id: string }) => m.id)).toContain(row!.id);
    // Outside demo mode, bodies (which carry codes) are not shown, and recipients are masked.
    const item = failed.body.items.find((m: { id: string }) => m.id === row!.id);
    expect(item.body).toBeNull();
    expect(item.recipient).not.toContain('1000012');
    // Found by its recipient, typed as people write numbers; the number travels in the body only.
    const found = await admin.post('/api/v1/outbox/search', { q: '0532 100 00 12', status: 'failed' });
    expect(found.status).toBe(200);
    expect(found.body.items.map((m: { id: string }) => m.id)).toEqual([row!.id]);
    expect(found.body.items[0].lastError).toBe('provider down');
    const other = await admin.post('/api/v1/outbox/search', { q: '+90 532 999 99 99' });
    expect(other.body.total).toBe(0);
    const inAddress = await admin.get('/api/v1/outbox?q=05321000012');
    expect(inAddress.status).toBe(400);
    expect(inAddress.body.code).toBe('errors.search.wordsInAddress');
    expect((await admin.post(`/api/v1/outbox/${row!.id}/retry`)).body.status).toBe('pending');
    expect(await deliver()).toMatchObject({ sent: 1 });
  });

  it('sends a person’s messages in the order they fell due, not in the order they sit in the table', async () => {
    // Written newest first, so the table's own order (what UPDATE … RETURNING gives back) is the wrong one.
    const now = t.clock.now().getTime();
    const recipient = '+905321000099';
    await t.database.db.insert(outboxMessages).values(
      [3, 2, 1].map((n) => ({
        channel: 'sms' as const,
        recipient,
        template: 'self-registration-received' as const,
        locale: 'tr' as const,
        subject: null,
        body: `mesaj ${n}`,
        organisationId: null,
        userId: null,
        nextAttemptAt: new Date(now - (4 - n) * 60_000),
        createdAt: new Date(now - (4 - n) * 60_000),
      })),
    );
    expect(await deliver()).toMatchObject({ sent: 3 });
    expect(sentSms.filter((m) => m.to === recipient).map((m) => m.text)).toEqual(['mesaj 1', 'mesaj 2', 'mesaj 3']);
  });
});

describe('HTTP SMS provider', () => {
  it('posts the message as JSON with the token, and marks 4xx answers as permanent', async () => {
    const received: { auth: string | undefined; body: unknown }[] = [];
    let status = 200;
    const server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (chunk: Buffer) => (data += chunk.toString()));
      req.on('end', () => {
        received.push({ auth: req.headers.authorization, body: JSON.parse(data) });
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'abc-1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const provider = httpSmsProvider({ url: `http://127.0.0.1:${port}/sms`, token: 'secret', sender: 'KOPRU' });
      expect(await provider.send({ to: '+905321000002', text: 'Merhaba' })).toEqual({ providerMessageId: 'abc-1' });
      expect(received[0]).toEqual({
        auth: 'Bearer secret',
        body: { to: '+905321000002', text: 'Merhaba', sender: 'KOPRU' },
      });
      status = 400;
      await expect(provider.send({ to: '+905321000002', text: 'x' })).rejects.toMatchObject({ permanent: true });
      status = 503;
      await expect(provider.send({ to: '+905321000002', text: 'x' })).rejects.toMatchObject({ permanent: false });
    } finally {
      server.close();
    }
  });
});

describe('demo mode', () => {
  it(
    'captures messages for the admin screen instead of sending them',
    async () => {
      // No transports at all: what demo mode does with nothing configured.
      const demo = await createTestContext({ mode: 'demo' }, { email: null, sms: null });
      try {
        await demo.anonymous.post('/api/v1/auth/code', { identifier: '+905321000002' });
        expect(
          await deliverDue({
            db: demo.database.db,
            clock: demo.clock,
            config: demo.config,
            transports: demo.transports,
          }),
        ).toMatchObject({
          captured: 1,
        });
        const admin = await demo.as('ibb', 'admin');
        const list = await admin.get('/api/v1/outbox?channel=sms');
        expect(list.body.items[0]).toMatchObject({
          status: 'captured',
          recipient: '+905321000002',
          template: 'sign-in-code',
          // A sign-in code is never shown on the outbox screen, not even in demo mode (issue 8, item 12).
          body: null,
          bodyWithheld: 'secret',
        });
      } finally {
        await demo.close();
      }
    },
    NEW_INSTANCE_TIMEOUT,
  );
});
