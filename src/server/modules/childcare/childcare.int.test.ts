import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../../test/harness.ts';
import { referralFixture } from '../../test/referral-fixture.ts';
import { auditEvents, childcarePlaces, childcareProviders } from '../../db/schema/index.ts';
import { childcareOutcomeCounts, childcarePlaceCounts } from './index.ts';

/** Care places (issue 11): providers, age fit, capacity under concurrency, the line's order, freed places, access. */

let t: TestContext;
let manager: TestClient; // İBB programme manager (childcare:manage, offices:all)
let counsellor: TestClient; // Zeynep Kaya, Fatih (childcare:write)
const fx = referralFixture(730_000_00);
let employerId: string;

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-03T09:00:00+03:00'));
  ({ manager, counsellor } = await fx.signIn(t));
  employerId = await fx.verifiedEmployer();
});
afterAll(async () => t.close());

function provider(overrides: Record<string, unknown> = {}) {
  return {
    name: `Fatih Belediyesi Çocuk Evi ${fx.nextSerial()}`,
    kind: 'municipal',
    capacity: 2,
    minAgeMonths: 12,
    maxAgeMonths: 36,
    province: 'istanbul',
    district: 'fatih',
    address: 'Akşemsettin Mah. Kreş Sok. No: 4',
    phone: '0212 555 10 10',
    opensAt: '07:30',
    closesAt: '18:30',
    ...overrides,
  };
}

async function newProvider(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await manager.post('/api/v1/childcare/providers', provider(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

/** A mother with a household holding one child of this birth date; returns her id and the child's member id. */
async function mother(childBirthDate = '2025-06-01', overrides: Record<string, unknown> = {}) {
  const personId = await fx.person({ givenName: 'Anne', ...overrides });
  const res = await counsellor.post(`/api/v1/persons/${personId}/household`, {
    members: [
      { givenName: 'Deniz', familyName: 'Yıldız', birthDate: childBirthDate, sex: 'female', relation: 'child' },
    ],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const child = res.body.members.find((m: { givenName: string }) => m.givenName === 'Deniz');
  return { personId, childId: child.id as string };
}

/** Puts the mother in work (a placement recorded by staff), verified as registered work when asked. */
async function place(personId: string, verify = false) {
  const res = await counsellor.post('/api/v1/placements', {
    personId,
    employerId,
    source: 'self-reported',
    jobTitle: 'Mutfak görevlisi',
    startDate: '2026-11-20',
    contractType: 'permanent',
    wageAmount: 28075.5,
    wageBasis: 'net',
    hoursPerWeek: 45,
    hoursPerDay: 9,
    shifts: ['day'],
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  if (verify) {
    const v = await counsellor.post(`/api/v1/placements/${res.body.id}/verify`, {
      evidenceKind: 'sgk-service-record',
      evidenceReference: `HD${fx.nextSerial()}`,
    });
    expect(v.status, JSON.stringify(v.body)).toBe(200);
  }
}

let courseId: string | null = null;
/** Enrols the mother on an open course (the programme). */
async function enrol(personId: string) {
  if (!courseId) {
    const res = await manager.post('/api/v1/courses', {
      titleTr: 'Bilgisayarlı Muhasebe Kursu',
      iscoCode: '4311',
      hours: 80,
      startDate: '2027-01-11',
      endDate: '2027-02-26',
      capacity: 30,
      trainerIds: [],
      targetGroups: [],
      targetGroupsRequired: false,
      certificateType: 'participation',
      completionRule: { minAttendancePercent: 80, assessmentRequired: false },
      sessions: [],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    courseId = res.body.id as string;
  }
  const applied = await counsellor.post(`/api/v1/courses/${courseId}/applications`, { personId });
  expect(applied.status, JSON.stringify(applied.body)).toBe(201);
  expect((await manager.post(`/api/v1/courses/${courseId}/applications/${applied.body.id}/enrol`)).status).toBe(200);
}

const apply = (client: TestClient, personId: string, body: Record<string, unknown>) =>
  client.post(`/api/v1/persons/${personId}/childcare`, { requestedStart: '2027-01-04', ...body });

const placesOf = async (providerId: string) =>
  (await t.database.db.select().from(childcarePlaces).where(eq(childcarePlaces.providerId, providerId))).length;

describe('providers', () => {
  it('creates a provider with canonical province and district names, audited, listed with free places', async () => {
    const res = await manager.post('/api/v1/childcare/providers', provider({ name: 'Vefa Kreşi' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Vefa Kreşi',
      province: 'İstanbul',
      district: 'Fatih',
      capacity: 2,
      allocated: 0,
      free: 2,
      waiting: 0,
      active: true,
      saturdays: false,
    });
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'childcare.provider-created'), eq(auditEvents.subjectId, res.body.id)));
    expect(event).toBeDefined();
    const list = await counsellor.get('/api/v1/childcare/providers?q=vefa&sort=name&pageSize=5');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 5 });
    expect(list.body.items[0].id).toBe(res.body.id);
  });

  it('sorts and pages the list', async () => {
    await newProvider({ name: 'Zeytinburnu Kreşi', capacity: 40 });
    await newProvider({ name: 'Çapa Kreşi', capacity: 5 });
    const byName = await manager.get('/api/v1/childcare/providers?sort=name&order=asc&pageSize=100');
    const names = byName.body.items.map((p: { name: string }) => p.name);
    expect(names.indexOf('Çapa Kreşi')).toBeLessThan(names.indexOf('Zeytinburnu Kreşi'));
    const big = await manager.get('/api/v1/childcare/providers?sort=capacity&order=desc&pageSize=1&page=1');
    expect(big.body.items).toHaveLength(1);
    expect(big.body.items[0].capacity).toBeGreaterThanOrEqual(40);
    expect(big.body.total).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad input with one problem per field and writes nothing', async () => {
    const before = (await t.database.db.select({ n: count() }).from(childcareProviders))[0]!.n;
    const res = await manager.post(
      '/api/v1/childcare/providers',
      provider({ minAgeMonths: 36, maxAgeMonths: 12, district: 'Konak', opensAt: '18:00', closesAt: '08:00' }),
    );
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/closesAt',
      '/district',
      '/maxAgeMonths',
    ]);
    expect(res.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    const schema = await manager.post('/api/v1/childcare/providers', provider({ capacity: 0, kind: 'private' }));
    expect(schema.status).toBe(422);
    expect(schema.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(
      expect.arrayContaining(['/capacity', '/kind']),
    );
    expect((await t.database.db.select({ n: count() }).from(childcareProviders))[0]!.n).toBe(before);
    const dup = await manager.post('/api/v1/childcare/providers', provider({ name: 'VEFA  kreşi' }));
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].pointer).toBe('/name');
  });

  it('lets managers change providers, not counsellors; capacity never below the allocated places', async () => {
    const id = await newProvider({ capacity: 1 });
    expect((await counsellor.post('/api/v1/childcare/providers', provider())).status).toBe(403);
    expect((await counsellor.patch(`/api/v1/childcare/providers/${id}`, { capacity: 3 })).status).toBe(403);
    const m = await mother();
    await place(m.personId);
    expect((await apply(counsellor, m.personId, { providerId: id, childMemberId: m.childId })).status).toBe(201);
    const res = await manager.patch(`/api/v1/childcare/providers/${id}`, { capacity: 0 });
    expect(res.status).toBe(422);
    const low = await manager.patch(`/api/v1/childcare/providers/${id}`, { capacity: 1, closesAt: '07:00' });
    expect(low.status).toBe(422);
    expect(low.body.errors[0].pointer).toBe('/closesAt');
    const ok = await manager.patch(`/api/v1/childcare/providers/${id}`, { saturdays: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ saturdays: true, allocated: 1, free: 0 });
  });
});

describe('applying for a place', () => {
  it("allocates a free place to a placed mother's child whose age fits, shown on her profile with initials and age", async () => {
    const providerId = await newProvider();
    const m = await mother('2025-06-01');
    await place(m.personId);
    const res = await apply(counsellor, m.personId, { providerId, childMemberId: m.childId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'allocated',
      priority: 'placed',
      startDate: '2027-01-04',
      child: { initials: 'D. Y.', ageMonths: 18 },
      position: null,
      canManage: true,
    });
    const profile = await counsellor.get(`/api/v1/persons/${m.personId}/childcare`);
    expect(profile.status).toBe(200);
    expect(profile.body.priority).toBe('placed');
    expect(profile.body.children).toEqual([
      { memberId: m.childId, initials: 'D. Y.', birthDate: '2025-06-01', ageMonths: 18 },
    ]);
    expect(profile.body.entries).toHaveLength(1);
    expect(JSON.stringify(profile.body)).not.toContain('Deniz');
    const actions = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, res.body.id));
    expect(actions.map((a) => a.action).sort()).toEqual(['childcare.allocated', 'childcare.applied']);
  });

  it("checks the child's age on the requested start (bounds included) and writes nothing when it does not fit", async () => {
    const providerId = await newProvider({ minAgeMonths: 36, maxAgeMonths: 66 });
    const m = await mother('2024-01-04');
    await place(m.personId);
    // 36 months on 2027-01-04 exactly: fits. 35 months the day before: does not.
    const early = await apply(counsellor, m.personId, {
      providerId,
      childMemberId: m.childId,
      requestedStart: '2027-01-03',
    });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([
      expect.objectContaining({ pointer: '/childMemberId', code: 'errors.childcare.ageOutOfRange' }),
    ]);
    expect(early.body.errors[0].message).toContain('35');
    expect(await placesOf(providerId)).toBe(0);
    const onTime = await apply(counsellor, m.personId, { providerId, childMemberId: m.childId });
    expect(onTime.status).toBe(201);
  });

  it('refuses a child outside the household, a past start, an unknown provider, naming each field', async () => {
    const m = await mother();
    const other = await mother();
    await place(m.personId);
    const res = await apply(counsellor, m.personId, {
      providerId: '00000000-0000-4000-8000-000000000000',
      childMemberId: other.childId,
      requestedStart: '2026-11-01',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]).sort()).toEqual([
      ['/childMemberId', 'errors.childcare.notInHousehold'],
      ['/providerId', 'errors.childcare.providerUnknown'],
      ['/requestedStart', 'errors.childcare.startInPast'],
    ]);
    const bad = await apply(counsellor, m.personId, { providerId: 'x', childMemberId: m.childId, extra: 1 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/providerId']));
  });

  it('refuses a mother who is neither in work nor in a programme (409), and one entry per child', async () => {
    const providerId = await newProvider();
    const idle = await mother();
    const res = await apply(counsellor, idle.personId, { providerId, childMemberId: idle.childId });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('errors.childcare.motherNotEligible');
    await enrol(idle.personId);
    expect((await apply(counsellor, idle.personId, { providerId, childMemberId: idle.childId })).status).toBe(201);
    const again = await apply(counsellor, idle.personId, { providerId, childMemberId: idle.childId });
    expect(again.status).toBe(409);
    expect(again.body.errors[0].pointer).toBe('/childMemberId');
  });
});

describe('the waiting list', () => {
  it('puts placed mothers first, then by date of application, and gives a freed place to the next in line', async () => {
    const providerId = await newProvider({ capacity: 1 });
    const first = await mother();
    await place(first.personId);
    expect((await apply(counsellor, first.personId, { providerId, childMemberId: first.childId })).body.status).toBe(
      'allocated',
    );
    const inCourse = await mother();
    await enrol(inCourse.personId);
    t.clock.set(new Date('2026-12-03T10:00:00+03:00'));
    const b = await apply(counsellor, inCourse.personId, { providerId, childMemberId: inCourse.childId });
    expect(b.body).toMatchObject({ status: 'waiting', position: 1, priority: 'programme' });
    const placedLater = await mother();
    await place(placedLater.personId);
    t.clock.set(new Date('2026-12-03T11:00:00+03:00'));
    const c = await apply(counsellor, placedLater.personId, { providerId, childMemberId: placedLater.childId });
    expect(c.body).toMatchObject({ status: 'waiting', position: 1, priority: 'placed' });

    const places = await manager.get(`/api/v1/childcare/providers/${providerId}/places`);
    expect(places.status).toBe(200);
    expect(places.body.allocated.map((e: { id: string }) => e.id)).toHaveLength(1);
    expect(
      places.body.waiting.map((e: { id: string; position: number; priority: string }) => [
        e.id,
        e.position,
        e.priority,
      ]),
    ).toEqual([
      [c.body.id, 1, 'placed'],
      [b.body.id, 2, 'programme'],
    ]);

    // Ending the first place (with a reason) frees it: the placed mother gets it at once.
    const allocatedId = places.body.allocated[0].id;
    const ended = await counsellor.post(`/api/v1/childcare/places/${allocatedId}/end`, { reason: 'moved-away' });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);
    expect(ended.body).toMatchObject({ status: 'ended', endReason: 'moved-away', endDate: '2026-12-03' });
    const after = await manager.get(`/api/v1/childcare/providers/${providerId}/places`);
    expect(after.body.allocated.map((e: { id: string }) => e.id)).toEqual([c.body.id]);
    expect(after.body.waiting.map((e: { id: string; position: number }) => [e.id, e.position])).toEqual([
      [b.body.id, 1],
    ]);
    const again = await counsellor.post(`/api/v1/childcare/places/${allocatedId}/end`, { reason: 'other' });
    expect(again.status).toBe(409);

    // Withdrawing from the line moves nobody into a place; a larger capacity does.
    const grown = await manager.patch(`/api/v1/childcare/providers/${providerId}`, { capacity: 2 });
    expect(grown.body).toMatchObject({ allocated: 2, waiting: 0, free: 0 });
  });

  it('never allocates more places than the capacity when mothers apply at the same time', async () => {
    const providerId = await newProvider({ capacity: 2 });
    const mothers = [];
    for (let i = 0; i < 5; i++) {
      const m = await mother();
      await place(m.personId);
      mothers.push(m);
    }
    const results = await Promise.all(
      mothers.map((m) => apply(counsellor, m.personId, { providerId, childMemberId: m.childId })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const rows = await t.database.db
      .select({ status: childcarePlaces.status, n: count() })
      .from(childcarePlaces)
      .where(eq(childcarePlaces.providerId, providerId))
      .groupBy(childcarePlaces.status);
    expect(Object.fromEntries(rows.map((r) => [r.status, r.n]))).toEqual({ allocated: 2, waiting: 3 });
    const places = await manager.get(`/api/v1/childcare/providers/${providerId}/places`);
    expect(places.body.waiting.map((e: { position: number }) => e.position)).toEqual([1, 2, 3]);
  });

  it('passes over a mother no longer in work or a programme, showing why, until she is again', async () => {
    const providerId = await newProvider({ capacity: 1 });
    const holder = await mother();
    await place(holder.personId);
    const holderEntry = await apply(counsellor, holder.personId, { providerId, childMemberId: holder.childId });
    const idle = await mother();
    await enrol(idle.personId);
    const waiting = await apply(counsellor, idle.personId, { providerId, childMemberId: idle.childId });
    expect(waiting.body.status).toBe('waiting');
    // She leaves the course: her line entry stays, with the reason "none", and is passed over.
    const [application] = (await manager.get(`/api/v1/courses/${courseId}/applications`)).body.items.filter(
      (a: { person: { id: string } }) => a.person.id === idle.personId,
    );
    expect((await counsellor.post(`/api/v1/courses/${courseId}/applications/${application.id}/withdraw`)).status).toBe(
      200,
    );
    const list = await manager.get(`/api/v1/childcare/providers/${providerId}/places`);
    expect(list.body.waiting[0]).toMatchObject({ id: waiting.body.id, priority: 'none', position: 1 });
    await counsellor.post(`/api/v1/childcare/places/${holderEntry.body.id}/end`, { reason: 'declined' });
    const after = await manager.get(`/api/v1/childcare/providers/${providerId}/places`);
    expect(after.body.allocated).toEqual([]);
    expect(after.body.waiting[0].id).toBe(waiting.body.id);
    const withdrawn = await counsellor.post(`/api/v1/childcare/places/${waiting.body.id}/end`, {
      reason: 'mother-request',
    });
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn', position: null });
  });
});

describe('access', () => {
  it('hides other offices: 404 for their mothers, names left out of the line; 403 without the permission; 404 across organisations', async () => {
    const providerId = await newProvider({ capacity: 1 });
    const m = await mother();
    await place(m.personId);
    const entry = await apply(counsellor, m.personId, { providerId, childMemberId: m.childId });
    const elsewhere = await t.signIn(demoEmail('ibb', 'counsellor2'));
    expect((await elsewhere.get(`/api/v1/persons/${m.personId}/childcare`)).status).toBe(404);
    expect((await apply(elsewhere, m.personId, { providerId, childMemberId: m.childId })).status).toBe(404);
    expect((await elsewhere.post(`/api/v1/childcare/places/${entry.body.id}/end`, { reason: 'other' })).status).toBe(
      404,
    );
    const seen = await elsewhere.get(`/api/v1/childcare/providers/${providerId}/places`);
    expect(seen.status).toBe(200);
    expect(seen.body.allocated[0]).toMatchObject({ mother: null, child: null, canManage: false });
    const trainer = await t.signIn(demoEmail('ibb', 'trainer'));
    expect((await trainer.get('/api/v1/childcare/providers')).status).toBe(403);
    const izmir = await t.signIn(demoEmail('izmir', 'counsellor'));
    expect((await izmir.get(`/api/v1/childcare/providers/${providerId}`)).status).toBe(404);
    expect((await izmir.get(`/api/v1/childcare/providers/${providerId}/places`)).status).toBe(404);
    expect((await izmir.get(`/api/v1/persons/${m.personId}/childcare`)).status).toBe(404);
  });
});

describe('the report', () => {
  it('counts mothers with a place, of whom in work and in verified registered work, per provider and district', async () => {
    const providerId = await newProvider({ capacity: 5, district: 'Eyüpsultan', name: 'Eyüp Kreşi Rapor' });
    const verified = await mother();
    await place(verified.personId, true);
    const unverified = await mother();
    await place(unverified.personId);
    const inCourse = await mother();
    await enrol(inCourse.personId);
    for (const m of [verified, unverified, inCourse])
      expect(
        (await apply(counsellor, m.personId, { providerId, childMemberId: m.childId, requestedStart: '2026-12-07' }))
          .status,
      ).toBe(201);
    const res = await manager.get('/api/v1/childcare/report?from=2026-12-01&to=2026-12-31');
    expect(res.status).toBe(200);
    expect(res.body.byProvider.find((r: { key: string }) => r.key === providerId)).toMatchObject({
      label: 'Eyüp Kreşi Rapor',
      district: 'Eyüpsultan',
      mothers: 3,
      placed: 2,
      verified: 1,
    });
    expect(res.body.byDistrict.find((r: { key: string }) => r.key === 'Eyüpsultan')).toMatchObject({ mothers: 3 });
    expect(res.body.total.mothers).toBeGreaterThanOrEqual(3);
    expect((await counsellor.get('/api/v1/childcare/report?from=2026-12-01&to=2026-12-31')).status).toBe(403);
    const bad = await manager.get('/api/v1/childcare/report?from=2026-12-31&to=2026-12-01');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe('/to');

    // The public counting functions give the same figures (for the indicators module).
    const orgId = (
      await t.database.db
        .select({ o: childcareProviders.organisationId })
        .from(childcareProviders)
        .where(eq(childcareProviders.id, providerId))
    )[0]!.o;
    const counts = await childcareOutcomeCounts(t.database.db, orgId, { from: '2026-12-01', to: '2026-12-31' });
    expect(counts.find((c) => c.providerId === providerId)).toMatchObject({ mothers: 3, placed: 2, verified: 1 });
    const today = await childcarePlaceCounts(t.database.db, orgId);
    expect(today.allocated).toBeGreaterThanOrEqual(3);
    const rows = await t.database.db
      .select({ n: count() })
      .from(childcarePlaces)
      .where(and(eq(childcarePlaces.organisationId, orgId), inArray(childcarePlaces.status, ['allocated'])));
    expect(today.allocated).toBe(rows[0]!.n);
  });
});
