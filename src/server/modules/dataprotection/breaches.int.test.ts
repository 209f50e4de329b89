import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { clearDemoDesk } from './fixtures.test-helpers.ts';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents, dpBreaches } from '../../db/schema/index.ts';

// The breach register (issue 12): the 72-hour deadline to notify the Board counted from discovery by the
// application clock, categories and counts, measures, the notification texts drafted from the record,
// a late notification only with its reason, and who may use it.

let t: TestContext;
let dpo: TestClient;

beforeAll(async () => {
  t = await createTestContext();
  await clearDemoDesk(t);
  t.clock.set(new Date('2026-12-01T10:00:00Z'));
  dpo = await t.as('ibb', 'dpo');
});
afterAll(async () => t.close());

const breach = (overrides: Record<string, unknown> = {}) => ({
  title: 'Kayıp dizüstü bilgisayar',
  description: 'Fatih ofisinden şifrelenmemiş bir dizüstü bilgisayar çalındı.',
  occurredAt: '2026-11-30T18:00:00Z',
  discoveredAt: '2026-12-01T08:00:00Z',
  categories: ['identity', 'contact'],
  affectedPersons: 120,
  ...overrides,
});

describe('the breach register', () => {
  let id: string;

  it('records a breach with its 72-hour deadline from discovery and drafts both notifications', async () => {
    const res = await dpo.post('/api/v1/data-protection/breaches', breach());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
    expect(res.body).toMatchObject({
      notifyBoardBy: '2026-12-04T08:00:00.000Z',
      hoursLeft: 70,
      categories: ['identity', 'contact'],
      affectedPersons: 120,
      affectedRecords: null,
      boardNotifiedAt: null,
    });
    expect(res.body.drafts.board).toContain('İstanbul Büyükşehir Belediyesi');
    expect(res.body.drafts.board).toContain('120');
    expect(res.body.drafts.board).toContain('Kimlik, İletişim');
    expect(res.body.drafts.persons).toContain('Kayıp dizüstü bilgisayar');
  });

  it('refuses bad input with problem+json naming the field, and writes nothing', async () => {
    const before = (await t.database.db.select().from(dpBreaches)).length;
    const empty = await dpo.post('/api/v1/data-protection/breaches', breach({ categories: [], title: 'x' }));
    expect(empty.status).toBe(422);
    expect(empty.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/categories', '/title']);
    const order = await dpo.post(
      '/api/v1/data-protection/breaches',
      breach({ occurredAt: '2026-12-01T09:00:00Z', discoveredAt: '2026-12-01T08:00:00Z' }),
    );
    expect(order.status).toBe(422);
    expect(order.body.errors[0]).toMatchObject({
      pointer: '/occurredAt',
      code: 'errors.dataProtection.occurredAfterDiscovery',
    });
    const future = await dpo.post('/api/v1/data-protection/breaches', breach({ discoveredAt: '2026-12-02T08:00:00Z' }));
    expect(future.body.errors[0].pointer).toBe('/discoveredAt');
    expect((await t.database.db.select().from(dpBreaches)).length).toBe(before);
  });

  it('completes the record: counts, measures, the texts', async () => {
    const res = await dpo.patch(`/api/v1/data-protection/breaches/${id}`, {
      affectedRecords: 140,
      measures: 'Hesap parolaları sıfırlandı; disk şifrelemesi zorunlu kılındı.',
      boardNotice: 'Kurula bildirim metni.',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ affectedRecords: 140, boardNotice: 'Kurula bildirim metni.' });
    expect(res.body.drafts.board).toContain('disk şifrelemesi');
    const [event] = await t.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'dp-breach.updated'));
    expect(event!.fields.sort()).toEqual(['affectedRecords', 'boardNotice', 'measures']);
  });

  it('counts down by the clock, lists late ones first, and wants a reason for a late notification', async () => {
    const other = await dpo.post(
      '/api/v1/data-protection/breaches',
      breach({ title: 'Yanlış alıcıya e-posta', discoveredAt: '2026-12-01T09:30:00Z', occurredAt: null }),
    );
    t.clock.set(new Date('2026-12-04T12:00:00Z'));
    dpo = await t.signIn(demoEmail('ibb', 'dpo')); // the earlier session has gone idle
    const list = await dpo.get('/api/v1/data-protection/breaches');
    expect(list.body.items.map((b: { id: string; hoursLeft: number }) => [b.id, b.hoursLeft])).toEqual([
      [id, -4],
      [other.body.id, -3],
    ]);
    const late = await dpo.post(`/api/v1/data-protection/breaches/${id}/notified`, { who: 'board' });
    expect(late.status).toBe(422);
    expect(late.body.errors[0].pointer).toBe('/delayReason');
    const notified = await dpo.post(`/api/v1/data-protection/breaches/${id}/notified`, {
      who: 'board',
      delayReason: 'Etkilenen kişilerin sayısı ancak 4 Aralık’ta belirlenebildi.',
    });
    expect(notified.status).toBe(200);
    expect(notified.body).toMatchObject({ boardNotifiedAt: '2026-12-04T12:00:00.000Z', hoursLeft: null });
    expect((await dpo.post(`/api/v1/data-protection/breaches/${id}/notified`, { who: 'board' })).status).toBe(409);
    // In time, no reason needed.
    const inTime = await dpo.post(`/api/v1/data-protection/breaches/${other.body.id}/notified`, {
      who: 'board',
      at: '2026-12-03T09:00:00Z',
    });
    expect(inTime.body).toMatchObject({ delayReason: null, boardNotifiedAt: '2026-12-03T09:00:00.000Z' });
    const persons = await dpo.post(`/api/v1/data-protection/breaches/${id}/notified`, { who: 'persons' });
    expect(persons.body.personsNotifiedAt).toBe('2026-12-04T12:00:00.000Z');
    const closed = await dpo.post(`/api/v1/data-protection/breaches/${id}/close`);
    expect(closed.body.closedAt).toEqual(expect.any(String));
    expect((await dpo.patch(`/api/v1/data-protection/breaches/${id}`, { measures: 'x' })).status).toBe(409);
  });

  it('is the DPO’s only (403), and another organisation’s DPO finds nothing (404)', async () => {
    for (const who of ['counsellor', 'admin', 'manager'] as const)
      expect((await (await t.as('ibb', who)).get('/api/v1/data-protection/breaches')).status, who).toBe(403);
    const izmir = await t.as('izmir', 'dpo');
    expect((await izmir.get(`/api/v1/data-protection/breaches/${id}`)).status).toBe(404);
    expect((await izmir.get('/api/v1/data-protection/breaches')).body.total).toBe(0);
  });
});
