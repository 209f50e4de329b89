import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents } from '../../db/schema/index.ts';

// The access review (issue 12): who holds special-category:read and id-number:reveal, when they last
// used them, and the log of those reads — filterable and exportable, the export audited.

let t: TestContext;
let dpo: TestClient;
let counsellor: TestClient;
let personId: string;

beforeAll(async () => {
  t = await createTestContext();
  dpo = await t.as('ibb', 'dpo');
  counsellor = await t.as('ibb', 'counsellor'); // Zeynep Kaya
  const found = await counsellor.post('/api/v1/persons/search', { q: 'a', pageSize: 1 });
  personId = found.body.items[0].id;
  t.clock.advance(60_000);
  // A list filtered by a special group: a special-category read.
  const listed = await counsellor.post('/api/v1/persons/search', { group: 'disability' });
  expect(listed.status, JSON.stringify(listed.body)).toBe(200);
  t.clock.advance(60_000);
  const reveal = await counsellor.post(`/api/v1/persons/${personId}/id-number`, { purpose: 'SGK bildirimi' });
  expect(reveal.status, JSON.stringify(reveal.body)).toBe(200);
});
afterAll(async () => t.close());

describe('the access review', () => {
  it('lists who holds the rights, through which roles, and their last use', async () => {
    const res = await dpo.get('/api/v1/data-protection/access-review');
    expect(res.status).toBe(200);
    const zeynep = res.body.holders.find((h: { fullName: string }) => h.fullName === 'Zeynep Kaya');
    expect(zeynep).toMatchObject({
      permissions: ['id-number:reveal', 'special-category:read'],
      lastIdReveal: t.clock.now().toISOString(),
      lastSpecialCategoryRead: new Date(t.clock.now().getTime() - 60_000).toISOString(),
    });
    expect(zeynep.roles.length).toBeGreaterThan(0);
    // Holders only: the DPO and the admin hold neither right.
    const names = res.body.holders.map((h: { fullName: string }) => h.fullName);
    expect(names).not.toContain('Hakan Öztürk');
    expect(names).not.toContain('Ayşe Yılmaz');
  });

  it('filters the log of reads, pages it, and exports it as CSV (audited)', async () => {
    const reveals = await dpo.get('/api/v1/data-protection/sensitive-reads?action=person.id-number-revealed');
    expect(reveals.status).toBe(200);
    expect(reveals.body.items[0]).toMatchObject({
      action: 'person.id-number-revealed',
      actor: { name: 'Zeynep Kaya' },
      subjectId: personId,
      purpose: 'SGK bildirimi',
    });
    expect(reveals.body.items.every((r: { action: string }) => r.action === 'person.id-number-revealed')).toBe(true);
    const all = await dpo.get('/api/v1/data-protection/sensitive-reads?pageSize=1');
    expect(all.body.total).toBeGreaterThanOrEqual(2);
    expect(all.body.items).toHaveLength(1);
    const none = await dpo.get('/api/v1/data-protection/sensitive-reads?from=2000-01-01&to=2000-01-02');
    expect(none.body.total).toBe(0);
    const bad = await dpo.get('/api/v1/data-protection/sensitive-reads?action=person.updated');
    expect(bad.status).toBe(400);

    const csv = await dpo.get('/api/v1/data-protection/sensitive-reads/export?action=person.id-number-revealed');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.raw.body;
    expect(text.startsWith('\uFEFFZaman;Okuyan;Okuma türü')).toBe(true);
    expect(text).toContain('Zeynep Kaya');
    expect(text).toContain('SGK bildirimi');
    const [exported] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'data.exported'), eq(auditEvents.purpose, 'sensitive-reads:1')));
    expect(exported).toBeDefined();
  });

  it('is the DPO’s only', async () => {
    for (const who of ['counsellor', 'admin', 'manager'] as const) {
      const c = await t.as('ibb', who);
      expect((await c.get('/api/v1/data-protection/access-review')).status, who).toBe(403);
      expect((await c.get('/api/v1/data-protection/sensitive-reads')).status, who).toBe(403);
    }
    const izmir = await t.as('izmir', 'dpo');
    const other = await izmir.get('/api/v1/data-protection/sensitive-reads?action=person.id-number-revealed');
    expect(other.body.items.map((r: { subjectId: string }) => r.subjectId)).not.toContain(personId);
  });
});
