import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gte } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import {
  cookieFrom,
  createTestContext,
  DEMO_PASSWORD,
  demoEmail,
  type TestClient,
  type TestContext,
} from '../../test/harness.ts';
import { auditEvents, users } from '../../db/schema/index.ts';
import type { AuditAction } from '../../../common/audit-actions.ts';

// Issue 8, item 11: reads that were not audited, through the HTTP API.

let t: TestContext;
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih, holds special-category:read
let admin: TestClient;
let dpo: TestClient;

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  admin = await t.as('ibb', 'admin');
  dpo = await t.as('ibb', 'dpo');
});
afterAll(async () => t.close());

/** Events of one action written since a mark (the audit log's own clock is the test clock). */
async function eventsSince(mark: Date, action: AuditAction) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, action), gte(auditEvents.at, mark)))
    .orderBy(auditEvents.at);
}
const mark = () => {
  t.clock.advance(1000);
  return t.clock.now();
};

describe('a person list filtered by a special group', () => {
  it('writes one event per request naming the filter, not the persons or their details', async () => {
    for (const group of ['refugee', 'roma', 'disability'] as const) {
      const since = mark();
      const res = await counsellor.get(`/api/v1/persons?group=${group}&pageSize=100`);
      expect(res.status).toBe(200);
      const events = await eventsSince(since, 'person.special-category-listed');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ subjectType: 'person', subjectId: null, purpose: `list-filter:${group}` });
      expect(events[0]!.fields).toEqual([]);
    }
    // The same read shows in the audit log to its readers.
    const log = await admin.get('/api/v1/audit-events?action=person.special-category-listed');
    expect(log.status).toBe(200);
    expect(log.body.items.length).toBe(3);
  });

  it('writes none for a filter by a group that is not a special category, or no filter', async () => {
    const since = mark();
    expect((await counsellor.get('/api/v1/persons?group=neet')).status).toBe(200);
    expect((await counsellor.get('/api/v1/persons')).status).toBe(200);
    expect(await eventsSince(since, 'person.special-category-listed')).toEqual([]);
  });

  it('still refuses the filter to a reader without special-category:read (and writes nothing)', async () => {
    const since = mark();
    const res = await admin.get('/api/v1/persons?group=roma');
    expect(res.status).toBe(422);
    expect(await eventsSince(since, 'person.special-category-listed')).toEqual([]);
  });
});

describe('documents', () => {
  it('records each download of an uploaded document and each printed form', async () => {
    const persons = await counsellor.get('/api/v1/persons?pageSize=1');
    const personId = persons.body.items[0].id as string;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
    const up = await counsellor.post(`/api/v1/persons/${personId}/documents`, {
      kind: 'signed-notice',
      fileName: 'imzali.pdf',
      mediaType: 'application/pdf',
      contentBase64: pdf.toString('base64'),
    });
    expect(up.status).toBe(201);
    const since = mark();
    const download = await counsellor.get(`/api/v1/persons/${personId}/documents/${up.body.id}/content`);
    expect(download.status).toBe(200);
    expect((await counsellor.get(`/api/v1/persons/${personId}/forms/notice`)).status).toBe(200);
    expect((await counsellor.get(`/api/v1/persons/${personId}/forms/consent`)).status).toBe(200);
    const events = await eventsSince(since, 'document.downloaded');
    expect(events.map((e) => [e.subjectType, e.subjectId, e.purpose])).toEqual([
      ['person', personId, `signed-notice:${up.body.id}`],
      ['person', personId, 'notice-form'],
      ['person', personId, 'consent-form'],
    ]);
    // Another office's counsellor gets 404 and no event.
    const other = await t.as('ibb', 'counsellor2');
    const since2 = mark();
    expect((await other.get(`/api/v1/persons/${personId}/documents/${up.body.id}/content`)).status).toBe(404);
    expect(await eventsSince(since2, 'document.downloaded')).toEqual([]);
  });
});

describe('the outbox', () => {
  it('records which messages were shown in a list and which one was opened', async () => {
    await t.anonymous.post('/api/v1/auth/code', { identifier: '+905321000002' });
    const since = mark();
    const list = await dpo.get('/api/v1/outbox?pageSize=5');
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    const listed = await eventsSince(since, 'outbox.message-read');
    expect(listed.map((e) => e.subjectId).sort()).toEqual(list.body.items.map((m: { id: string }) => m.id).sort());
    expect(new Set(listed.map((e) => e.purpose))).toEqual(new Set(['list']));
    const dpoUser = listed[0]!.actorUserId;
    expect(dpoUser).toBeTruthy();

    const since2 = mark();
    const one = await dpo.get(`/api/v1/outbox/${list.body.items[0].id}`);
    expect(one.status).toBe(200);
    expect(
      (await eventsSince(since2, 'outbox.message-read')).map((e) => [e.subjectType, e.subjectId, e.purpose]),
    ).toEqual([['outbox-message', list.body.items[0].id, 'detail']]);
  });

  it('refuses a counsellor (no outbox:read) and records nothing', async () => {
    const since = mark();
    expect((await counsellor.get('/api/v1/outbox')).status).toBe(403);
    expect(await eventsSince(since, 'outbox.message-read')).toEqual([]);
  });
});

describe('second factors', () => {
  const email = demoEmail('izmir', 'manager');
  let totp: OTPAuth.TOTP;
  let userId: string;

  it('records the start of a TOTP set-up, a wrong confirmation code and the enrolment', async () => {
    const c = await t.signIn(email);
    userId = (await t.database.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
    const since = mark();
    const setup = await c.post('/api/v1/me/mfa/totp/setup');
    expect(setup.status).toBe(200);
    const started = await eventsSince(since, 'mfa.setup-started');
    expect(started.map((e) => [e.subjectId, e.actorUserId])).toEqual([[userId, userId]]);
    // The event never carries the secret.
    expect(JSON.stringify(started)).not.toContain(setup.body.secret);

    totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(setup.body.secret) });
    const wrong = await c.post('/api/v1/me/mfa/totp/confirm', {
      code: '000000' === totp.generate({ timestamp: t.clock.now().getTime() }) ? '111111' : '000000',
    });
    expect(wrong.status).toBe(422);
    expect((await eventsSince(since, 'mfa.code-failed')).map((e) => [e.subjectId, e.purpose])).toEqual([
      [userId, 'enrolment'],
    ]);
    const right = await c.post('/api/v1/me/mfa/totp/confirm', {
      code: totp.generate({ timestamp: t.clock.now().getTime() }),
    });
    expect(right.status).toBe(200);
    expect((await eventsSince(since, 'mfa.enrolled')).map((e) => e.subjectId)).toEqual([userId]);
  });

  it('records every wrong TOTP or recovery code at sign-in, and not a right one', async () => {
    const halfSignedIn = async () => {
      const res = await t.anonymous.post('/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD });
      expect(res.body.stage).toBe('mfa');
      return cookieFrom(res.raw)!;
    };
    const cookie = await halfSignedIn();
    t.clock.advance(60_000); // past the step the enrolment used
    const since = mark();
    const right = totp.generate({ timestamp: t.clock.now().getTime() });
    const wrongTotp = right === '123456' ? '654321' : '123456';
    expect((await t.anonymous.post('/api/v1/auth/second-factor', { code: wrongTotp }, { cookie })).status).toBe(422);
    expect((await t.anonymous.post('/api/v1/auth/second-factor', { code: 'abcde-fghij' }, { cookie })).status).toBe(
      422,
    );
    const failed = await eventsSince(since, 'mfa.code-failed');
    expect(failed.map((e) => [e.subjectType, e.subjectId, e.purpose])).toEqual([
      ['user', userId, 'totp'],
      ['user', userId, 'recovery-code'],
    ]);
    expect((await t.anonymous.post('/api/v1/auth/second-factor', { code: right }, { cookie })).status).toBe(200);
    expect(await eventsSince(since, 'mfa.code-failed')).toHaveLength(2);
    // A code used once is refused the second time, and that is recorded too.
    const again = await halfSignedIn();
    expect((await t.anonymous.post('/api/v1/auth/second-factor', { code: right }, { cookie: again })).status).toBe(422);
    expect(await eventsSince(since, 'mfa.code-failed')).toHaveLength(3);
  });
});
