import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { referralFixture } from '../../test/referral-fixture.ts';
import { runSweep } from '../../jobs/handlers.ts';
import { auditEvents, cooperativeMembers, cooperativeReviews, cooperatives } from '../../db/schema/index.ts';

/**
 * The cooperatives registry (issue 17): rules and bad input refused whole, access by role and
 * organisation, restricted member counts, the warning signs of sham cooperatives on constructed examples
 * (with their review tasks), the statistics' disclosure control and the person's data in the access
 * export, the erasure and the merge of duplicates.
 */

let t: TestContext;
let manager: TestClient; // İBB manager: cooperatives:manage
let admin: TestClient; // İBB admin: cooperatives:manage, no special-category:read
let counsellor: TestClient; // cooperatives:read and special-category:read, not manage
let trainer: TestClient; // nothing of cooperatives
let analyst: TestClient; // indicators:read: suppressed statistics only
let izmir: TestClient; // another organisation
const fx = referralFixture(731_000_00);

const coop = (overrides: Record<string, unknown> = {}) => ({
  name: 'Fatih Kadın Emeği Kooperatifi',
  iclsType: 'producer',
  legalType: 'womens-enterprise',
  naceCode: '10.71',
  focusTags: ['women', 'care'],
  registrationNumber: `FK-${Math.random().toString(36).slice(2, 8)}`,
  registrationDate: '2020-03-08',
  province: 'istanbul',
  district: 'fatih',
  membersWomen: 24,
  membersMen: 0,
  membersAge18to29: 6,
  membersAge30to44: 10,
  membersAge45to64: 7,
  membersAge65plus: 1,
  memberWorkersWomen: 12,
  memberWorkersMen: 0,
  employeesWomen: 2,
  employeesMen: 1,
  activities: 'Ev yemekleri, erişte ve tarhana üretimi; kreş desteği.',
  turnoverBand: '1m-5m',
  ...overrides,
});

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-01T09:00:00Z'));
  manager = await t.as('ibb', 'manager');
  admin = await t.as('ibb', 'admin');
  counsellor = await t.as('ibb', 'counsellor');
  trainer = await t.as('ibb', 'trainer');
  analyst = await t.as('ibb', 'analyst');
  izmir = await t.as('izmir', 'manager');
  fx.clients.counsellor = counsellor;
  fx.clients.manager = manager;
  fx.clients.officer = await t.as('ibb', 'employer-relations');
});
afterAll(async () => t.close());

const coopCount = async () => (await t.database.db.select({ n: count() }).from(cooperatives))[0]!.n;

let womenId: string;

describe('the registry', () => {
  it('records a cooperative with canonical province and district, and lists, filters and sorts it', async () => {
    const res = await manager.post('/api/v1/cooperatives', coop());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    womenId = res.body.id;
    expect(res.body).toMatchObject({
      province: 'İstanbul',
      district: 'Fatih',
      iclsType: 'producer',
      legalType: 'womens-enterprise',
      focusTags: ['women', 'care'],
      officer: { name: 'Mehmet Demir' },
      restricted: true,
    });
    const other = await manager.post(
      '/api/v1/cooperatives',
      coop({
        name: 'Esenyurt Tüketim Kooperatifi',
        iclsType: 'consumer-user',
        legalType: 'consumer',
        focusTags: [],
        district: 'Esenyurt',
        membersWomen: 40,
        membersMen: 60,
        membersAge18to29: 0,
        membersAge30to44: 0,
        membersAge45to64: 0,
        membersAge65plus: 0,
      }),
    );
    expect(other.status, JSON.stringify(other.body)).toBe(201);

    const list = await counsellor.get('/api/v1/cooperatives?q=fatih kadin');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([womenId]);
    expect(list.body.items[0]).toMatchObject({ members: 24, workers: 15 });
    const women = await counsellor.get('/api/v1/cooperatives?focusTag=women&pageSize=100');
    expect(women.body.items.some((i: { id: string }) => i.id === other.body.id)).toBe(false);
    const bySize = await counsellor.get('/api/v1/cooperatives?sort=members&order=desc&pageSize=100');
    const ids = bySize.body.items.map((i: { id: string }) => i.id);
    expect(ids.indexOf(other.body.id)).toBeLessThan(ids.indexOf(womenId));
  });

  it('refuses bad input with a pointer to the field, writing nothing', async () => {
    const before = await coopCount();
    const unknown = await manager.post('/api/v1/cooperatives', coop({ district: 'Atlantis' }));
    expect(unknown.status).toBe(422);
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ pointer: '/district', code: 'errors.cooperatives.districtUnknown' }),
    ]);
    expect(unknown.body.errors[0].message).toBeTruthy();
    const negative = await manager.post('/api/v1/cooperatives', coop({ membersWomen: -1 }));
    expect(negative.status).toBe(422);
    expect(negative.body.errors[0].pointer).toBe('/membersWomen');
    const ages = await manager.post('/api/v1/cooperatives', coop({ membersAge18to29: 1 }));
    expect(ages.body.errors[0]).toMatchObject({
      pointer: '/membersAge18to29',
      code: 'errors.cooperatives.ageBandsSum',
    });
    const workers = await manager.post('/api/v1/cooperatives', coop({ memberWorkersWomen: 30 }));
    expect(workers.body.errors[0]).toMatchObject({
      pointer: '/memberWorkersWomen',
      code: 'errors.cooperatives.moreWorkersThanMembers',
    });
    const type = await manager.post('/api/v1/cooperatives', coop({ iclsType: 'cooperative' }));
    expect(type.status).toBe(422);
    expect(type.body.errors[0].pointer).toBe('/iclsType');
    expect(await coopCount()).toBe(before);
    const patch = await manager.patch(`/api/v1/cooperatives/${womenId}`, { district: 'Konak' });
    expect(patch.body.errors[0].pointer).toBe('/district');
    expect((await manager.get(`/api/v1/cooperatives/${womenId}`)).body.district).toBe('Fatih');
  });

  it('keeps members from restricted target groups to who may read special categories', async () => {
    // No built-in role both manages cooperatives and reads special categories: an organisation grants a
    // custom role for that. The admin may not write them.
    const refused = await admin.patch(`/api/v1/cooperatives/${womenId}`, { membersRefugees: 3 });
    expect(refused.status).toBe(403);
    await t.database.db
      .update(cooperatives)
      .set({ membersRefugees: 5, membersRoma: 2 })
      .where(eq(cooperatives.id, womenId));
    const hidden = await admin.get(`/api/v1/cooperatives/${womenId}`);
    expect(hidden.body).toMatchObject({ membersRefugees: null, membersRoma: null, restricted: true });
    const shown = await counsellor.get(`/api/v1/cooperatives/${womenId}`);
    expect(shown.body).toMatchObject({ membersRefugees: 5, membersRoma: 2, restricted: false });
  });

  it('refuses the wrong role (403) and hides other organisations’ cooperatives (404)', async () => {
    expect((await trainer.get('/api/v1/cooperatives')).status).toBe(403);
    expect((await counsellor.post('/api/v1/cooperatives', coop())).status).toBe(403);
    expect((await counsellor.patch(`/api/v1/cooperatives/${womenId}`, { name: 'Başka ad' })).status).toBe(403);
    expect((await izmir.get(`/api/v1/cooperatives/${womenId}`)).status).toBe(404);
    expect((await izmir.patch(`/api/v1/cooperatives/${womenId}`, { name: 'Başka ad' })).status).toBe(404);
    expect(
      (await izmir.post(`/api/v1/cooperatives/${womenId}/assemblies`, { heldOn: '2026-05-01', kind: 'ordinary' }))
        .status,
    ).toBe(404);
    const mine = await izmir.get('/api/v1/cooperatives?pageSize=100');
    expect(mine.body.items.some((i: { id: string }) => i.id === womenId)).toBe(false);
  });
});

describe('links', () => {
  let personId: string;
  let employerId: string;

  it('links a person as a member-worker, refusing a membership that ends before it starts', async () => {
    personId = await fx.person({ givenName: 'Kooperatif', familyName: 'Üyesi' });
    employerId = await fx.verifiedEmployer();
    const bad = await manager.post(`/api/v1/cooperatives/${womenId}/members`, {
      personId,
      role: 'member-worker',
      startDate: '2026-06-01',
      endDate: '2026-05-01',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ pointer: '/endDate', code: 'errors.cooperatives.endBeforeStart' });
    const unknownPerson = await manager.post(`/api/v1/cooperatives/${womenId}/members`, {
      personId: '00000000-0000-4000-8000-000000000000',
      role: 'member',
      startDate: '2026-06-01',
    });
    expect(unknownPerson.body.errors[0].pointer).toBe('/personId');
    const [linked] = await t.database.db
      .select({ n: count() })
      .from(cooperativeMembers)
      .where(eq(cooperativeMembers.cooperativeId, womenId));
    expect(linked!.n).toBe(0);

    const ok = await manager.post(`/api/v1/cooperatives/${womenId}/members`, {
      personId,
      role: 'member-worker',
      startDate: '2026-06-01',
      socialSecurity: true,
      employerId,
      note: 'Mutfakta çalışıyor, eşinin adı Ahmet.',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.members[0]).toMatchObject({ personId, personName: 'Kooperatif Üyesi', role: 'member-worker' });
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'cooperative.member-added'), eq(auditEvents.subjectId, personId)));
    expect(events).toHaveLength(1);
    const linkId = ok.body.members[0].id;
    const end = await manager.patch(`/api/v1/cooperatives/${womenId}/members/${linkId}`, { endDate: '2026-05-31' });
    expect(end.body.errors[0].pointer).toBe('/endDate');
  });

  it('records support, trade with another cooperative and a project', async () => {
    const grant = await manager.post(`/api/v1/cooperatives/${womenId}/support`, {
      kind: 'grant',
      givenOn: '2026-04-10',
      amount: 150000,
      description: 'Soğuk oda ekipmanı hibesi',
    });
    expect(grant.status, JSON.stringify(grant.body)).toBe(201);
    expect(grant.body.support[0]).toMatchObject({ kind: 'grant', amount: 150000 });
    const buyer = (await manager.get('/api/v1/cooperatives?q=esenyurt')).body.items[0].id;
    const negative = await manager.post(`/api/v1/cooperatives/${womenId}/trades`, {
      buyerId: buyer,
      tradedOn: '2026-10-01',
      amount: -5,
      description: 'Erişte',
    });
    expect(negative.status).toBe(422);
    expect(negative.body.errors[0].pointer).toBe('/amount');
    const trade = await manager.post(`/api/v1/cooperatives/${womenId}/trades`, {
      buyerId: buyer,
      tradedOn: '2026-10-01',
      amount: 42000,
      description: 'Erişte ve tarhana',
    });
    expect(trade.status).toBe(201);
    expect(trade.body.trades[0]).toMatchObject({ direction: 'sold', partner: { id: buyer }, amount: 42000 });
    const seen = await manager.get(`/api/v1/cooperatives/${buyer}`);
    expect(seen.body.trades[0]).toMatchObject({ direction: 'bought', partner: { id: womenId } });
    const unknownProject = await manager.put(
      `/api/v1/cooperatives/${womenId}/projects/00000000-0000-4000-8000-000000000000`,
    );
    expect(unknownProject.status).toBe(422);
  });

  it('puts the memberships in the access export, anonymises them on erasure and moves them on a merge', async () => {
    const dpo = await t.as('ibb', 'dpo');
    const access = await dpo.post('/api/v1/data-protection/requests', { kind: 'access', channel: 'counter' });
    await dpo.post(`/api/v1/data-protection/requests/${access.body.id}/identity`, { method: 'kep' });
    await dpo.post(`/api/v1/data-protection/requests/${access.body.id}/person`, { personId });
    const made = await dpo.post(`/api/v1/data-protection/requests/${access.body.id}/exports`, { delivery: 'counter' });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const rows = Object.fromEntries(
      made.body.contents.map((c: { section: string; rows: number }) => [c.section, c.rows]),
    );
    expect(rows.cooperativeMemberships).toBe(1);

    // A duplicate record of another person, linked too, merged into the first.
    const duplicate = await fx.person({
      givenName: 'Kooperatif',
      familyName: 'Üyesi İkinci',
      idKind: null,
      idNumber: null,
    });
    expect(
      (
        await manager.post(`/api/v1/cooperatives/${womenId}/members`, {
          personId: duplicate,
          role: 'member',
          startDate: '2026-07-01',
        })
      ).status,
    ).toBe(201);
    const merged = await counsellor.post(`/api/v1/persons/${personId}/merge`, { duplicateId: duplicate });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.moved.cooperatives).toBe(1);
    const links = await t.database.db
      .select()
      .from(cooperativeMembers)
      .where(eq(cooperativeMembers.cooperativeId, womenId));
    expect(links.every((l) => l.personId === personId)).toBe(true);

    const erase = await dpo.post('/api/v1/data-protection/requests', { kind: 'erasure', channel: 'counter' });
    const id = erase.body.id;
    await dpo.post(`/api/v1/data-protection/requests/${id}/identity`, { method: 'id-document-at-counter' });
    await dpo.post(`/api/v1/data-protection/requests/${id}/person`, { personId });
    await dpo.post(`/api/v1/data-protection/requests/${id}/accept`);
    const erased = await dpo.post(`/api/v1/data-protection/requests/${id}/erase`, { confirm: true });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.destruction.summary.cooperativeMemberships).toBe(2);
    const after = await t.database.db
      .select()
      .from(cooperativeMembers)
      .where(eq(cooperativeMembers.personId, personId));
    expect(after).toHaveLength(2);
    expect(after.every((l) => l.note === null && l.employerId === null)).toBe(true);
  });
});

describe('warning signs of sham cooperatives', () => {
  let shamId: string;
  const reviewsOf = async (id: string) =>
    t.database.db.select().from(cooperativeReviews).where(eq(cooperativeReviews.cooperativeId, id));

  it('flags nearly all income from one client and uninsured dependent work, each explained, with review tasks', async () => {
    const created = await manager.post(
      '/api/v1/cooperatives',
      coop({
        name: 'Bağcılar Tekstil Üretim Kooperatifi',
        district: 'Bağcılar',
        iclsType: 'worker',
        legalType: 'production-marketing',
        focusTags: [],
        dependentUninsured: 4,
      }),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    shamId = created.body.id;
    await manager.post(`/api/v1/cooperatives/${shamId}/assemblies`, { heldOn: '2026-03-15', kind: 'ordinary' });
    const shares = await manager.put(`/api/v1/cooperatives/${shamId}/clients`, {
      year: 2025,
      clients: [
        { name: 'Moda Konfeksiyon AŞ', sharePercent: 93 },
        { name: 'Pazar satışları', sharePercent: 7 },
      ],
    });
    expect(shares.status, JSON.stringify(shares.body)).toBe(200);
    const signs = shares.body.flags.map((f: { sign: string }) => f.sign).sort();
    expect(signs).toEqual(['single-client', 'uninsured-dependent-work']);
    expect(shares.body.flags.find((f: { sign: string }) => f.sign === 'single-client').params).toMatchObject({
      client: 'Moda Konfeksiyon AŞ',
      share: 93,
    });
    const reviews = await reviewsOf(shamId);
    expect(reviews.map((r) => r.sign).sort()).toEqual(['single-client', 'uninsured-dependent-work']);
    expect(reviews.every((r) => r.status === 'open' && r.assignedTo !== null)).toBe(true);
    const tooMuch = await manager.put(`/api/v1/cooperatives/${shamId}/clients`, {
      year: 2025,
      clients: [
        { name: 'A', sharePercent: 60 },
        { name: 'B', sharePercent: 60 },
      ],
    });
    expect(tooMuch.body.errors[0]).toMatchObject({ pointer: '/clients', code: 'errors.cooperatives.sharesOver100' });
  });

  it('opens a review when the year passes without a general assembly (daily sweep, application clock)', async () => {
    expect((await reviewsOf(shamId)).some((r) => r.sign === 'no-general-assembly')).toBe(false);
    t.clock.set(new Date('2027-03-20T09:00:00Z'));
    const result = await runSweep(t.deps, 'cooperative-sweep');
    expect(result.opened).toBeGreaterThan(0);
    expect((await reviewsOf(shamId)).filter((r) => r.sign === 'no-general-assembly')).toHaveLength(1);
    // Once: a second sweep opens nothing more for it.
    await runSweep(t.deps, 'cooperative-sweep');
    expect((await reviewsOf(shamId)).filter((r) => r.sign === 'no-general-assembly')).toHaveLength(1);
    t.clock.set(new Date('2026-12-01T09:00:00Z'));
  });

  it('flags membership that follows one employer’s staffing', async () => {
    const employerId = await fx.verifiedEmployer();
    const created = await manager.post(
      '/api/v1/cooperatives',
      coop({
        name: 'Esenyurt Lojistik Hizmet Kooperatifi',
        district: 'Esenyurt',
        iclsType: 'worker',
        legalType: 'motor-carriers',
        focusTags: [],
      }),
    );
    const id = created.body.id;
    await manager.post(`/api/v1/cooperatives/${id}/assemblies`, { heldOn: '2026-06-01', kind: 'ordinary' });
    for (const start of ['2026-02-01', '2026-03-01', '2026-04-01']) {
      const p = await fx.person();
      const r = await manager.post(`/api/v1/cooperatives/${id}/members`, {
        personId: p,
        role: 'member-worker',
        startDate: start,
        socialSecurity: true,
        employerId,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const got = await manager.get(`/api/v1/cooperatives/${id}`);
    expect(got.body.flags.map((f: { sign: string }) => f.sign)).toEqual(['employer-tied-membership']);
    expect(got.body.reviews[0]).toMatchObject({ sign: 'employer-tied-membership', status: 'open' });
  });

  it('reassigns an open review to another officer chosen from those who may take it, audited', async () => {
    const officers = await manager.get('/api/v1/cooperative-reviews/officers');
    expect(officers.status).toBe(200);
    const names = officers.body.items.map((o: { name: string }) => o.name);
    expect(names).toContain('Mehmet Demir');
    expect(names).not.toContain('Zeynep Kaya'); // a counsellor: no cooperatives:manage
    expect((await counsellor.get('/api/v1/cooperative-reviews/officers')).status).toBe(403);
    const open = await manager.get('/api/v1/cooperative-reviews?status=open&pageSize=100');
    const review = open.body.items.find((r: { cooperativeId: string }) => r.cooperativeId === shamId);
    const mehmet = officers.body.items.find((o: { name: string }) => o.name === 'Mehmet Demir');
    const moved = await manager.patch(`/api/v1/cooperative-reviews/${review.id}`, { assignedTo: mehmet.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.assignedTo).toEqual({ id: mehmet.id, name: 'Mehmet Demir' });
    const unknown = await manager.patch(`/api/v1/cooperative-reviews/${review.id}`, {
      assignedTo: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0]).toMatchObject({
      pointer: '/assignedTo',
      code: 'errors.cooperatives.officerUnknown',
    });
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'cooperative.review-assigned'), eq(auditEvents.subjectId, review.id)));
    expect(events).toHaveLength(1);
  });

  it('resolves a review with a note (required), audited; a resolved review is not reopened', async () => {
    const open = await counsellor.get('/api/v1/cooperative-reviews?status=open&pageSize=100');
    expect(open.status).toBe(200);
    const review = open.body.items.find(
      (r: { cooperativeId: string; sign: string }) => r.cooperativeId === shamId && r.sign === 'single-client',
    );
    expect(review).toBeTruthy();
    expect(
      (
        await counsellor.patch(`/api/v1/cooperative-reviews/${review.id}`, {
          status: 'resolved',
          resolutionNote: 'x y z',
        })
      ).status,
    ).toBe(403);
    const noNote = await manager.patch(`/api/v1/cooperative-reviews/${review.id}`, { status: 'resolved' });
    expect(noNote.body.errors[0].pointer).toBe('/resolutionNote');
    const done = await manager.patch(`/api/v1/cooperative-reviews/${review.id}`, {
      status: 'resolved',
      resolutionNote: 'Ziyaret edildi: tek müşteri geçici, yeni sözleşmeler imzalanmış.',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body).toMatchObject({ status: 'resolved' });
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'cooperative.review-resolved'), eq(auditEvents.subjectId, review.id)));
    expect(events).toHaveLength(1);
    await manager.patch(`/api/v1/cooperatives/${shamId}`, { activities: 'Konfeksiyon' });
    expect((await reviewsOf(shamId)).filter((r) => r.sign === 'single-client')).toHaveLength(1);
    expect((await izmir.patch(`/api/v1/cooperative-reviews/${review.id}`, { assignedTo: review.id })).status).toBe(404);
  });
});

describe('statistics', () => {
  it('shows exact figures to who reads the registry and suppresses small cells for analysts', async () => {
    const exact = await manager.get('/api/v1/cooperatives/statistics?measure=members&rows=type&columns=sex');
    expect(exact.status, JSON.stringify(exact.body)).toBe(200);
    expect(exact.body.threshold).toBeNull();
    const producer = exact.body.lines.find((l: { key: string }) => l.key === 'producer');
    expect(producer.cells[0].value).toBeGreaterThan(0);
    const released = await analyst.get('/api/v1/cooperatives/statistics?measure=cooperatives&rows=district');
    expect(released.status).toBe(200);
    expect(released.body.threshold).toBe(11);
    // Each district has fewer than 11 cooperatives: every positive cell is hidden, zero cells are published.
    for (const line of released.body.lines) {
      expect(line.total.value === null || line.total.value === 0 || line.total.value >= 11).toBe(true);
      if (line.total.value === null) expect(line.total.flag).toBe('suppressed');
    }
    const bad = await analyst.get('/api/v1/cooperatives/statistics?measure=cooperatives&rows=sex');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe('/querystring/rows');
    expect((await trainer.get('/api/v1/cooperatives/statistics?measure=members&rows=type')).status).toBe(403);
  });

  it('exports CSV and XLSX, always suppressed', async () => {
    const csv = await manager.get('/api/v1/cooperatives/statistics/export?format=csv&measure=cooperatives');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = String(csv.body);
    expect(text).toContain('Fatih');
    expect(text).not.toMatch(/;[1-9];/);
    const xlsx = await manager.get('/api/v1/cooperatives/statistics/export?format=xlsx');
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
