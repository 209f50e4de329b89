import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../../test/harness.ts';
import { referralFixture } from '../../test/referral-fixture.ts';
import { auditEvents, graduationSettings, graduations, outboxMessages } from '../../db/schema/index.ts';
import { runSweep } from '../../jobs/handlers.ts';
import { graduationFacts } from './index.ts';

/** Graduation from social aid (issue 11): the rule with a controllable clock, the decision, the paying unit, returns. */

let t: TestContext;
const { clients, signIn, verifiedEmployer, person } = referralFixture(470_000_00);
let employerId: string;

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-03T09:00:00+03:00'));
  await signIn(t);
  employerId = await verifiedEmployer();
});
afterAll(async () => t.close());

/** Fresh sessions after the clock moved (sessions expire when idle). */
const as = (login: string) => t.signIn(demoEmail('ibb', login));
async function staff() {
  clients.counsellor = await as('counsellor');
  clients.manager = await as('manager');
  return { counsellor: clients.counsellor, manager: clients.manager };
}

function setDay(day: string) {
  t.clock.set(new Date(`${day}T09:00:00+03:00`));
}

/**
 * A household on SYDV aid whose member started a job on `start`, verified with the SGK service record:
 * `extra` more members (children). Returns the person and the placement.
 */
async function workingHousehold(c: TestClient, opts: { start: string; wage?: number; extra?: number; aid?: number }) {
  const personId = await person();
  const members = Array.from({ length: opts.extra ?? 1 }, (_, i) => ({
    givenName: `Çocuk${i}`,
    familyName: 'Hane',
    birthDate: '2018-05-05',
    relation: 'child',
  }));
  const household = await c.post(`/api/v1/persons/${personId}/household`, { members });
  expect(household.status, JSON.stringify(household.body)).toBe(201);
  const aid = await c.post(`/api/v1/households/${household.body.id}/social-aid`, {
    programme: 'SYDV düzenli nakit yardımı',
    monthlyAmount: opts.aid ?? 3500,
    startDate: '2025-01-01',
  });
  expect(aid.status).toBe(201);
  const placement = await c.post('/api/v1/placements', {
    personId,
    employerId,
    source: 'self-reported',
    jobTitle: 'Kasiyer',
    startDate: opts.start,
    contractType: 'permanent',
    wageAmount: opts.wage ?? 28075.5,
    wageBasis: 'net',
    hoursPerWeek: 45,
    hoursPerDay: 9,
    shifts: ['day'],
  });
  expect(placement.status, JSON.stringify(placement.body)).toBe(201);
  const verified = await c.post(`/api/v1/placements/${placement.body.id}/verify`, {
    evidenceKind: 'sgk-service-record',
    evidenceReference: `HZM${placement.body.id.slice(0, 8)}`,
  });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  return { personId, householdId: household.body.id as string, placementId: placement.body.id as string };
}

const graduationRows = (householdId: string) =>
  t.database.db.select().from(graduations).where(eq(graduations.householdId, householdId));

const eventsOf = async (subjectId: string) =>
  (
    await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, subjectId))
  )
    .map((e) => e.action)
    .sort();

async function setRule(manager: TestClient, overrides: Record<string, unknown> = {}) {
  const res = await manager.put('/api/v1/graduation/settings', {
    minMonths: 3,
    thresholdKind: 'minimum-wage-share',
    thresholdShare: 33.33,
    thresholdAmount: null,
    municipalityEmail: 'sosyal.hizmetler@fatih.bel.tr',
    sydvEmail: 'fatih.sydv@example.gov.tr',
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

describe('demo data', () => {
  it('shows a household at each stage, with facts that satisfy the default rule', async () => {
    const rows = await t.database.db.select().from(graduations);
    expect(new Set(rows.map((g) => g.status))).toEqual(new Set(['recommended', 'approved', 'confirmed', 'returned']));
    for (const g of rows) expect(g.facts.holds, g.status).toBe(true);
    const saadet = rows.find((g) => g.status === 'confirmed')!;
    expect(Number(saadet.monthlyAidSaved)).toBe(2500);
  });
});

describe('the rule, evaluated by the sweep with the application clock', () => {
  it('recommends a household once a member has 3 months of verified work and income per member above the threshold', async () => {
    setDay('2026-12-03');
    const { counsellor } = await staff();
    const h = await workingHousehold(counsellor, { start: '2026-10-01' });
    // Two months of work: not yet.
    await runSweep(t.deps, 'graduation-sweep');
    const early = await counsellor.get(`/api/v1/persons/${h.personId}/graduation`);
    expect(early.status).toBe(200);
    expect(early.body.evaluation).toMatchObject({ holds: false, unmet: ['too-few-months'], members: 2 });
    expect(early.body.evaluation.work).toMatchObject({ placementId: h.placementId, months: 2 });
    expect(early.body.current).toBeNull();
    expect(await graduationRows(h.householdId)).toHaveLength(0);

    // On 2 January 2027 the third month is complete.
    setDay('2027-01-02');
    const result = await runSweep(t.deps, 'graduation-sweep');
    expect(result.recommended).toBeGreaterThanOrEqual(1);
    const { counsellor: c2 } = await staff();
    const panel = await c2.get(`/api/v1/persons/${h.personId}/graduation`);
    expect(panel.body.current).toMatchObject({
      status: 'recommended',
      recommendedOn: '2027-01-02',
      person: { id: h.personId },
      likelyPayer: 'sydv',
    });
    // The facts: which member, which placement, months, income per member against the threshold.
    expect(panel.body.current.facts).toMatchObject({
      holds: true,
      members: 2,
      monthlyIncome: 28075.5,
      incomePerMember: 14037.75,
      threshold: 9357.56, // 33.33 % of the 2026 net minimum wage (28,075.50)
      monthlyAid: 3500,
      work: { personId: h.personId, placementId: h.placementId, months: 3, startDate: '2026-10-01' },
    });
    expect(panel.body.current.facts.work.memberName).toMatch(/^Yönlendirme Adayı /);
    const [row] = await graduationRows(h.householdId);
    // The stored facts carry no name: it is read from the person's record (an erasure leaves none behind).
    expect(row!.facts.work!.memberName).toBe('');
    expect(await eventsOf(row!.id)).toEqual(['graduation.recommended']);
    // Once: a second sweep adds nothing.
    await runSweep(t.deps, 'graduation-sweep');
    expect(await graduationRows(h.householdId)).toHaveLength(1);
  });

  it('does not recommend when the income per member stays under the threshold (a large household)', async () => {
    setDay('2027-01-02');
    const { counsellor } = await staff();
    const h = await workingHousehold(counsellor, { start: '2026-08-01', extra: 3 });
    await runSweep(t.deps, 'graduation-sweep');
    const panel = await counsellor.get(`/api/v1/persons/${h.personId}/graduation`);
    expect(panel.body.evaluation).toMatchObject({ holds: false, unmet: ['income-below'], incomePerMember: 7018.88 });
    expect(await graduationRows(h.householdId)).toHaveLength(0);
  });

  it('evaluates on demand, and lets a recommendation lapse when the job ends before anyone decides', async () => {
    setDay('2027-01-02');
    const { counsellor } = await staff();
    const h = await workingHousehold(counsellor, { start: '2026-09-15' });
    const evaluated = await counsellor.post(`/api/v1/persons/${h.personId}/graduation/evaluate`);
    expect(evaluated.status).toBe(200);
    expect(evaluated.body.current).toMatchObject({ status: 'recommended' });
    const ended = await counsellor.post(`/api/v1/placements/${h.placementId}/end`, {
      endDate: '2027-01-02',
      reason: 'resigned',
    });
    expect(ended.status).toBe(200);
    setDay('2027-01-03');
    await runSweep(t.deps, 'graduation-sweep');
    const [row] = await graduationRows(h.householdId);
    expect(row).toMatchObject({ status: 'lapsed' });
    expect(await eventsOf(row!.id)).toEqual(['graduation.lapsed', 'graduation.recommended']);
  });
});

describe('the rule settings', () => {
  it('only managers change it; bad input is a problem naming the fields and writes nothing', async () => {
    const { counsellor, manager } = await staff();
    const before = await manager.get('/api/v1/graduation/settings');
    expect(before.status).toBe(200);
    expect((await counsellor.put('/api/v1/graduation/settings', {})).status).toBe(403);
    const bad = await manager.put('/api/v1/graduation/settings', {
      minMonths: 0,
      thresholdKind: 'minimum-wage-share',
      thresholdShare: 33.33,
      thresholdAmount: null,
      municipalityEmail: 'not-an-address',
      sydvEmail: null,
    });
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/minMonths',
      '/municipalityEmail',
    ]);
    const noAmount = await manager.put('/api/v1/graduation/settings', {
      minMonths: 6,
      thresholdKind: 'amount',
      thresholdShare: 33.33,
      thresholdAmount: null,
      municipalityEmail: null,
      sydvEmail: null,
    });
    expect(noAmount.status).toBe(422);
    expect(noAmount.body.errors[0]).toMatchObject({ pointer: '/thresholdAmount' });
    expect((await manager.get('/api/v1/graduation/settings')).body).toEqual(before.body);

    const saved = await setRule(manager, { minMonths: 3 });
    expect(saved).toMatchObject({ isDefault: false, minMonths: 3, sydvEmail: 'fatih.sydv@example.gov.tr' });
    const events = await t.database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'graduation.settings-updated'));
    expect(events[0]!.n).toBeGreaterThanOrEqual(1);
  });
});

describe("the manager's decision, the paying unit, and a return to aid", () => {
  it('approves (sent to the SYDV through the outbox), the unit confirms, the aid ends, a return within 12 months is counted', async () => {
    setDay('2027-01-02');
    const { counsellor, manager } = await staff();
    await t.database.db.delete(graduationSettings);
    const h = await workingHousehold(counsellor, { start: '2026-09-01', aid: 4200 });
    await counsellor.post(`/api/v1/persons/${h.personId}/graduation/evaluate`);
    const [row] = await graduationRows(h.householdId);
    const id = row!.id;

    // The queue: the manager sees it among the recommendations.
    const queue = await manager.get('/api/v1/graduations?status=recommended&pageSize=100');
    expect(queue.body.items.map((g: { id: string }) => g.id)).toContain(id);

    // A counsellor may not approve; without the unit's address nothing is sent or written.
    expect((await counsellor.post(`/api/v1/graduations/${id}/approve`, { payer: 'sydv' })).status).toBe(403);
    const noAddress = await manager.post(`/api/v1/graduations/${id}/approve`, { payer: 'sydv' });
    expect(noAddress.status).toBe(422);
    expect(noAddress.body.errors[0]).toMatchObject({ pointer: '/payer', code: 'errors.graduation.noPayerAddress' });
    expect((await graduationRows(h.householdId))[0]).toMatchObject({ status: 'recommended', payer: null });

    await setRule(manager);
    const approved = await manager.post(`/api/v1/graduations/${id}/approve`, { payer: 'sydv' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', payer: 'sydv', decidedOn: '2027-01-02' });
    const [message] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.id, approved.body.messageId));
    expect(message).toMatchObject({
      recipient: 'fatih.sydv@example.gov.tr',
      template: 'graduation-notice',
      channel: 'email',
    });
    expect(message!.body).toContain('SYDV düzenli nakit yardımı');
    expect(message!.body).toContain('4');
    expect((await manager.post(`/api/v1/graduations/${id}/approve`, { payer: 'sydv' })).status).toBe(409);

    // The letter (PDF) for the unit.
    const letter = await manager.get(`/api/v1/graduations/${id}/letter`);
    expect(letter.status).toBe(200);
    expect(letter.headers['content-type']).toContain('application/pdf');

    // The unit's confirmation: bad input refused field by field, nothing written.
    setDay('2027-01-20');
    const { counsellor: c2 } = await staff();
    const bad = await c2.post(`/api/v1/graduations/${id}/confirm`, {
      confirmedOn: '2027-01-25',
      aidEndDate: '2026-12-01',
      monthlyAidSaved: 5000,
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/aidEndDate',
      '/confirmedOn',
      '/monthlyAidSaved',
    ]);
    expect((await graduationRows(h.householdId))[0]).toMatchObject({ status: 'approved', aidEndDate: null });
    expect((await c2.get(`/api/v1/persons/${h.personId}/household`)).body.socialAid[0].endDate).toBeNull();

    const confirmed = await c2.post(`/api/v1/graduations/${id}/confirm`, {
      confirmedOn: '2027-01-19',
      aidEndDate: '2027-01-31',
      monthlyAidSaved: 4200,
      reference: 'SYDV-2027/118',
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toMatchObject({
      status: 'confirmed',
      aidEndDate: '2027-01-31',
      monthlyAidSaved: 4200,
      returnWindowEnds: '2028-01-31',
    });
    const household = (await c2.get(`/api/v1/persons/${h.personId}/household`)).body;
    expect(household.socialAid[0].endDate).toBe('2027-01-31');

    // A return outside the 12 months is refused; inside it is recorded, counted, and the aid is back.
    setDay('2027-06-10');
    const { counsellor: c3, manager: m3 } = await staff();
    const late = await c3.post(`/api/v1/graduations/${id}/return`, {
      returnedOn: '2027-06-20',
      programme: 'SYDV düzenli nakit yardımı',
      monthlyAmount: 4200,
    });
    expect(late.status).toBe(422);
    expect(late.body.errors[0]).toMatchObject({ pointer: '/returnedOn', code: 'errors.graduation.dateFuture' });
    const returned = await c3.post(`/api/v1/graduations/${id}/return`, {
      returnedOn: '2027-06-01',
      programme: 'SYDV düzenli nakit yardımı',
      monthlyAmount: 4200,
      note: 'İşten ayrıldı, yeniden başvurdu.',
    });
    expect(returned.status, JSON.stringify(returned.body)).toBe(200);
    expect(returned.body).toMatchObject({ status: 'returned', returnedOn: '2027-06-01', returnMonthlyAmount: 4200 });
    const after = (await c3.get(`/api/v1/persons/${h.personId}/household`)).body;
    expect(after.totals.monthlyAid).toBe(4200);
    expect(await eventsOf(id)).toEqual(
      [
        'graduation.recommended',
        'graduation.approved',
        'graduation.letter-downloaded',
        'graduation.confirmed',
        'graduation.returned',
      ].sort(),
    );

    // Counted in the report and in the public counts for the indicators.
    const report = await m3.get('/api/v1/graduation/report?from=2027-01-01&to=2027-12-31&groupBy=month');
    expect(report.status).toBe(200);
    const months = Object.fromEntries(report.body.rows.map((r: { key: string }) => [r.key, r]));
    expect(months['2027-01']).toMatchObject({ approved: expect.any(Number), confirmed: expect.any(Number) });
    expect(months['2027-06'].returned).toBeGreaterThanOrEqual(1);
    const orgId = row!.organisationId;
    const facts = await graduationFacts(t.database.db, orgId, { from: '2027-01-01', to: '2027-12-31' });
    expect(facts.returned).toBeGreaterThanOrEqual(1);
    expect(facts.approved).toBeGreaterThanOrEqual(1);
  });

  it('a declined recommendation keeps its reason and is not raised again for the same job', async () => {
    setDay('2027-01-02');
    const { counsellor, manager } = await staff();
    const h = await workingHousehold(counsellor, { start: '2026-08-20' });
    await counsellor.post(`/api/v1/persons/${h.personId}/graduation/evaluate`);
    const [row] = await graduationRows(h.householdId);
    const short = await manager.post(`/api/v1/graduations/${row!.id}/decline`, { reason: '  ' });
    expect(short.status).toBe(422);
    const declined = await manager.post(`/api/v1/graduations/${row!.id}/decline`, {
      reason: 'Hanede bakıma muhtaç yaşlı var; yardım bir dönem daha sürsün.',
    });
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'declined',
      declineReason: expect.stringContaining('bakıma muhtaç'),
    });
    await runSweep(t.deps, 'graduation-sweep');
    expect((await graduationRows(h.householdId)).map((g) => g.status)).toEqual(['declined']);
  });

  it('notices a return to aid recorded on the household, within 12 months, in the sweep', async () => {
    setDay('2027-01-02');
    const { counsellor, manager } = await staff();
    await setRule(manager);
    const h = await workingHousehold(counsellor, { start: '2026-09-01', aid: 2500 });
    await counsellor.post(`/api/v1/persons/${h.personId}/graduation/evaluate`);
    const [row] = await graduationRows(h.householdId);
    expect((await manager.post(`/api/v1/graduations/${row!.id}/approve`, { payer: 'municipality' })).status).toBe(200);
    expect(
      (
        await counsellor.post(`/api/v1/graduations/${row!.id}/confirm`, {
          confirmedOn: '2027-01-02',
          aidEndDate: '2027-01-02',
          monthlyAidSaved: 2500,
        })
      ).status,
    ).toBe(200);
    setDay('2027-04-01');
    const { counsellor: later } = await staff();
    const again = await later.post(`/api/v1/households/${h.householdId}/social-aid`, {
      programme: 'Belediye gıda kartı',
      monthlyAmount: 1500,
      startDate: '2027-03-15',
    });
    expect(again.status).toBe(201);
    await runSweep(t.deps, 'graduation-sweep');
    const [after] = await graduationRows(h.householdId);
    expect(after).toMatchObject({
      status: 'returned',
      returnedOn: '2027-03-15',
      returnProgramme: 'Belediye gıda kartı',
    });
  });
});

describe('access', () => {
  it('a counsellor of another office gets 404, a role without the permission 403, another organisation 404', async () => {
    setDay('2027-01-02');
    const { counsellor, manager } = await staff();
    const h = await workingHousehold(counsellor, { start: '2026-09-01' });
    await counsellor.post(`/api/v1/persons/${h.personId}/graduation/evaluate`);
    const [row] = await graduationRows(h.householdId);
    const elsewhere = await as('counsellor2');
    expect((await elsewhere.get(`/api/v1/graduations/${row!.id}`)).status).toBe(404);
    expect((await elsewhere.get(`/api/v1/persons/${h.personId}/graduation`)).status).toBe(404);
    expect(
      (
        await elsewhere.post(`/api/v1/graduations/${row!.id}/confirm`, {
          confirmedOn: '2027-01-02',
          aidEndDate: '2027-01-31',
          monthlyAidSaved: 100,
        })
      ).status,
    ).toBe(404);
    expect(
      (await elsewhere.get('/api/v1/graduations?pageSize=100')).body.items.map((g: { id: string }) => g.id),
    ).not.toContain(row!.id);
    expect((await manager.get(`/api/v1/graduations/${row!.id}`)).status).toBe(200);
    const trainer = await as('trainer');
    expect((await trainer.get('/api/v1/graduations')).status).toBe(403);
    expect(
      (await counsellor.get('/api/v1/graduation/report?from=2027-01-01&to=2027-01-31&groupBy=district')).status,
    ).toBe(403);
    const izmir = await t.signIn(demoEmail('izmir', 'manager'));
    expect((await izmir.get(`/api/v1/graduations/${row!.id}`)).status).toBe(404);
    expect((await izmir.post(`/api/v1/graduations/${row!.id}/decline`, { reason: 'Başka kurum' })).status).toBe(404);
    const still = await t.database.db
      .select({ status: graduations.status })
      .from(graduations)
      .where(and(eq(graduations.id, row!.id), inArray(graduations.status, ['recommended'])));
    expect(still).toHaveLength(1);
  });
});

describe('the report', () => {
  it('per district and target group, with an XLSX download in the manager’s language', async () => {
    setDay('2027-06-10');
    const manager = await as('manager');
    const bad = await manager.get('/api/v1/graduation/report?from=2027-06-01&to=2027-01-01&groupBy=district');
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe('/to');
    const byDistrict = await manager.get('/api/v1/graduation/report?from=2027-01-01&to=2027-12-31&groupBy=district');
    expect(byDistrict.status).toBe(200);
    const fatih = byDistrict.body.rows.find((r: { key: string }) => r.key === 'Fatih');
    expect(fatih.recommended).toBeGreaterThanOrEqual(5);
    expect(fatih.confirmed).toBeGreaterThanOrEqual(2);
    expect(byDistrict.body.totals.recommended).toBe(
      byDistrict.body.rows.reduce((s: number, r: { recommended: number }) => s + r.recommended, 0),
    );
    const byGroup = await manager.get('/api/v1/graduation/report?from=2027-01-01&to=2027-12-31&groupBy=target-group');
    expect(byGroup.status).toBe(200);
    // Special categories are not shown to a manager without special-category:read.
    expect(byGroup.body.rows.map((r: { key: string }) => r.key)).not.toContain('refugee');
    const file = await manager.get('/api/v1/graduation/report/file?from=2027-01-01&to=2027-12-31&groupBy=district');
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.raw.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toContain('Önerilen');
    expect(sheet.getColumn(1).values).toContain('Fatih');
  });
});
