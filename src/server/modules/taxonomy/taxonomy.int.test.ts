import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, desc, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import {
  auditEvents,
  iscoGroups,
  occupationLabels,
  referenceChanges,
  skillOccupations,
} from '../../db/schema/index.ts';
import { loadTaxonomy } from './taxonomy.load.ts';
import { taxonomyCounts } from './taxonomy.service.ts';
import { essentialSkills, essentialSkillsOf } from './codes.service.ts';

const API = '/api/v1/taxonomy';

let t: TestContext;
let platform: TestClient;
let counsellor: TestClient;
let orgAdmin: TestClient;

beforeAll(async () => {
  t = await createTestContext();
  platform = await t.as('ibb', 'platform');
  counsellor = await t.as('ibb', 'counsellor');
  orgAdmin = await t.as('ibb', 'admin');
});
afterAll(async () => t.close());

const search = (q: string, lang = 'tr', limit = 5) =>
  t.anonymous.get(`${API}/occupations?q=${encodeURIComponent(q)}&lang=${lang}&limit=${limit}`);
const top = async (q: string, lang = 'tr') => {
  const res = await search(q, lang);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { iscoCode: string }[]).map((i) => i.iscoCode);
};

describe('occupation search (public)', () => {
  it('finds cooks however "aşçı" is typed, best first, with the title in the asked language', async () => {
    for (const q of ['asci', 'AŞÇI', 'ascı', 'aşçılık']) expect((await top(q))[0], q).toBe('5120');
    const res = await search('asci', 'en');
    expect(res.body.items[0]).toMatchObject({ iscoCode: '5120', title: 'Cooks' });
    expect(res.body.items[0].score).toBeGreaterThan(0.9);
    expect(res.body.items[0].score).toBeLessThanOrEqual(1);
    const scores = (res.body.items as { score: number }[]).map((i) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const ar = await search('asci', 'ar');
    expect(ar.body.items[0].title).toMatch(/[\u0600-\u06ff]/);
  });

  it('tolerates typos and Turkish derivational suffixes', async () => {
    expect((await top('elektirikçi'))[0]).toBe('7411');
    expect((await top('garsonluk'))[0]).toBe('5131');
    expect((await top('kasiyerlik'))[0]).toBe('5230');
  });

  it('knows English titles and Arabic spelling variants', async () => {
    expect((await top('cook', 'en'))[0]).toBe('5120');
    expect((await top('electrician', 'en'))[0]).toBe('7411');
    for (const q of ['طباخ', 'الطباخ', 'طبّاخ']) expect((await top(q, 'ar'))[0], q).toBe('5120');
  });

  it('answers an empty list for text that matches nothing, and needs no sign-in', async () => {
    const res = await search('qqqxxxzzz');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect((await search('!!!')).body.items).toEqual([]);
  });

  it('refuses bad parameters with problem+json naming the parameter', async () => {
    const long = await t.anonymous.get(`${API}/occupations?q=${'a'.repeat(101)}`);
    expect(long.status).toBe(400);
    expect(long.headers['content-type']).toContain('application/problem+json');
    expect(long.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/querystring/q');
    const limit = await t.anonymous.get(`${API}/occupations?q=asci&limit=500`);
    expect(limit.status).toBe(400);
    expect(limit.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/querystring/limit');
    const lang = await t.anonymous.get(`${API}/occupations?q=asci&lang=de`);
    expect(lang.status).toBe(400);
    expect(lang.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/querystring/lang');
    expect((await t.anonymous.get(`${API}/occupations`)).status).toBe(400);
  });
});

describe('skill search (public)', () => {
  it('finds skills in any language with their ESCO URI', async (test) => {
    if ((await taxonomyCounts(t.database.db)).skills === 0) test.skip('no skills.csv shipped yet');
    const res = await t.anonymous.get(`${API}/skills?q=${encodeURIComponent('forklift')}&lang=tr&limit=5`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items[0]).toHaveProperty('escoUri');
    expect(res.body.items[0].title).toBeTruthy();
    const bad = await t.anonymous.get(`${API}/skills?q=x&limit=0`);
    expect(bad.status).toBe(400);
  });
});

describe('browsing and lists', () => {
  it('walks the ISCO tree from the major groups to a unit group with its labels and skills', async () => {
    const majors = await t.anonymous.get(`${API}/isco?lang=en`);
    expect(majors.status).toBe(200);
    expect(majors.body.items).toHaveLength(10);
    const minor = await t.anonymous.get(`${API}/isco?parent=512&lang=tr`);
    expect(minor.body.items.map((g: { code: string }) => g.code)).toContain('5120');
    const unit = await t.anonymous.get(`${API}/isco/5120?lang=tr`);
    expect(unit.status).toBe(200);
    expect(unit.body.ancestors.map((g: { code: string }) => g.code)).toEqual(['5', '51', '512']);
    expect(unit.body.labels.some((l: { lang: string }) => l.lang === 'tr')).toBe(true);
    expect(unit.body.labels.some((l: { lang: string }) => l.lang === 'ar')).toBe(true);
    expect((await t.anonymous.get(`${API}/isco/5999`)).status).toBe(404);
    expect((await t.anonymous.get(`${API}/isco/abc`)).status).toBe(400);
  });

  it('lists ISCED levels, NACE, languages, driving licences and certificates', async () => {
    const sizes: Record<string, number> = {};
    for (const list of ['isced', 'nace', 'languages', 'driving-licences', 'certificates']) {
      const res = await t.anonymous.get(`${API}/${list}?lang=tr`);
      expect(res.status, list).toBe(200);
      sizes[list] = res.body.items.length;
    }
    expect(sizes).toMatchObject({ isced: 9, nace: 109, languages: 184, 'driving-licences': 17 });
    expect(sizes.certificates).toBeGreaterThanOrEqual(20);
  });
});

describe('aliases and reviews (taxonomy:manage)', () => {
  it('lets the platform administrator add and remove an alias, audited and in the change log', async () => {
    const before = await t.database.db.select({ n: count() }).from(referenceChanges);
    const added = await platform.post(`${API}/isco/5120/labels`, { lang: 'tr', label: 'Köfteci ustası' });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const found = await search('kofteci ustasi');
    expect(found.body.items[0]).toMatchObject({ iscoCode: '5120', matchedLabel: 'Köfteci ustası' });
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'taxonomy.alias-added'), eq(auditEvents.subjectId, '5120')))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(event).toMatchObject({ subjectType: 'occupation', actorKind: 'staff' });
    const [change] = await t.database.db.select().from(referenceChanges).orderBy(desc(referenceChanges.id)).limit(1);
    expect(change).toMatchObject({ dataset: 'taxonomy', action: 'created', subject: 'ISCO 5120' });
    expect((await t.database.db.select({ n: count() }).from(referenceChanges))[0]!.n).toBe(before[0]!.n + 1);

    const again = await platform.post(`${API}/isco/5120/labels`, { lang: 'tr', label: 'KÖFTECİ USTASI' });
    expect(again.status).toBe(409);

    const removed = await platform.delete(`${API}/isco/5120/labels/${added.body.id}`);
    expect(removed.status).toBe(204);
    const labels = (await search('kofteci ustasi')).body.items.map((i: { matchedLabel: string }) => i.matchedLabel);
    expect(labels).not.toContain('Köfteci ustası');
    const [gone] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'taxonomy.alias-removed'))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(gone?.subjectId).toBe('5120');
  });

  it('refuses alias edits to everyone else (403), and bad input (422/400) without writing', async () => {
    const countLabels = async () => (await t.database.db.select({ n: count() }).from(occupationLabels))[0]!.n;
    const n = await countLabels();
    for (const client of [counsellor, orgAdmin]) {
      expect((await client.post(`${API}/isco/5120/labels`, { lang: 'tr', label: 'sahte' })).status).toBe(403);
    }
    expect((await t.anonymous.post(`${API}/isco/5120/labels`, { lang: 'tr', label: 'sahte' })).status).toBe(401);
    const empty = await platform.post(`${API}/isco/5120/labels`, { lang: 'tr', label: '' });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].pointer).toBe('/label');
    expect((await platform.post(`${API}/isco/5120/labels`, { lang: 'de', label: 'Koch' })).status).toBe(422);
    expect((await platform.post(`${API}/isco/5999/labels`, { lang: 'tr', label: 'yok' })).status).toBe(404);
    expect(await countLabels()).toBe(n);
  });

  it('keeps a removed shipped label removed and admin aliases in place when the files are loaded again', async () => {
    const unit = await platform.get(`${API}/isco/5131?lang=tr`);
    const shipped = unit.body.labels.find(
      (l: { source: string; lang: string }) => l.source === 'project' && l.lang === 'tr',
    );
    expect(shipped).toBeTruthy();
    expect((await platform.delete(`${API}/isco/5131/labels/${shipped.id}`)).status).toBe(204);
    const alias = await platform.post(`${API}/isco/5131/labels`, { lang: 'en', label: 'table attendant' });
    expect(alias.status).toBe(201);
    const before = await taxonomyCounts(t.database.db);
    await loadTaxonomy(t.database.db, { force: true });
    expect(await taxonomyCounts(t.database.db)).toEqual(before);
    const after = await platform.get(`${API}/isco/5131?lang=tr`);
    expect(after.body.labels.find((l: { id: string }) => l.id === shipped.id)?.removed).toBe(true);
    expect(after.body.labels.some((l: { label: string }) => l.label === 'table attendant')).toBe(true);
    // The public sees no removed label.
    const pub = await t.anonymous.get(`${API}/isco/5131?lang=tr`);
    expect(pub.body.labels.some((l: { id: string }) => l.id === shipped.id)).toBe(false);
  });

  it('lists translations awaiting review and marks one reviewed; reloading keeps it reviewed', async () => {
    const list = await counsellor.get(`${API}/reviews?dataset=isco&lang=ar&pageSize=5`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    const item = list.body.items[0];
    expect((await counsellor.post(`${API}/reviews`, { dataset: 'isco', key: item.key, lang: 'ar' })).status).toBe(403);
    const done = await platform.post(`${API}/reviews`, { dataset: 'isco', key: item.key, lang: 'ar' });
    expect(done.status).toBe(204);
    const after = await counsellor.get(`${API}/reviews?dataset=isco&lang=ar&pageSize=5`);
    expect(after.body.total).toBe(list.body.total - 1);
    await loadTaxonomy(t.database.db, { force: true });
    const [row] = await t.database.db.select().from(iscoGroups).where(eq(iscoGroups.code, item.key));
    expect(row?.arStatus).toBe('reviewed');
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'taxonomy.translation-reviewed'))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(event).toMatchObject({ subjectId: item.key, fields: ['arStatus'] });
    expect((await platform.post(`${API}/reviews`, { dataset: 'isco', key: 'nope', lang: 'ar' })).status).toBe(404);
  });
});

describe('loading the shipped files', () => {
  it('skips unchanged files and changes nothing when forced a second time', async () => {
    expect((await loadTaxonomy(t.database.db)).loaded).toBe(false);
    const before = await taxonomyCounts(t.database.db);
    expect(before.iscoGroups).toBe(619);
    await loadTaxonomy(t.database.db, { force: true });
    expect(await taxonomyCounts(t.database.db)).toEqual(before);
  });
});

describe('essential skills kept between queries (matching)', () => {
  it('follows a change of the pairs made elsewhere (another instance, an import) at the next read', async () => {
    const db = t.database.db;
    const first = await essentialSkills(db);
    expect(first).toEqual(await essentialSkillsOf(db));
    // Unchanged: the same map again (not read anew).
    expect(await essentialSkills(db)).toBe(first);
    const [pair] = await db
      .select({ skillId: skillOccupations.skillId, iscoCode: skillOccupations.iscoCode })
      .from(skillOccupations)
      .where(eq(skillOccupations.relation, 'essential'))
      .limit(1);
    // Written straight to the table, as another instance would: nothing in this process is told.
    await db
      .update(skillOccupations)
      .set({ relation: 'optional' })
      .where(and(eq(skillOccupations.skillId, pair!.skillId), eq(skillOccupations.iscoCode, pair!.iscoCode)));
    const changed = await essentialSkills(db);
    expect(changed.get(pair!.iscoCode)?.has(pair!.skillId) ?? false).toBe(false);
    expect(changed).toEqual(await essentialSkillsOf(db));
    await db
      .update(skillOccupations)
      .set({ relation: 'essential' })
      .where(and(eq(skillOccupations.skillId, pair!.skillId), eq(skillOccupations.iscoCode, pair!.iscoCode)));
    const back = await essentialSkills(db);
    expect(back.get(pair!.iscoCode)?.has(pair!.skillId)).toBe(true);
    expect(back).toEqual(first);
  });
});
