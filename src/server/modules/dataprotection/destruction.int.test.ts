import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents, dpDestructionRecords, fairVisitors, persons } from '../../db/schema/index.ts';
import { jobHandlers, runSweep } from '../../jobs/handlers.ts';
import { registeredSeeker, staffOf, type Seeker, type Staff, clearDemoDesk } from './fixtures.test-helpers.ts';

// Periodic destruction (issue 12): retention rules per organisation, what is due next, the scheduled dry
// run that destroys nothing, the destruction committee's decision (approve with members, or reject with
// the reason), the run as a background job through the owners' anonymisation, held and no-longer-due
// records skipped with their reason, destruction records kept 3 years, and who may do any of it.

let t: TestContext;
let s: Staff;
let dpo: TestClient;
let due: Seeker;
let held: Seeker;
let active: Seeker;
let reopened: Seeker;
let batchId: string;

const BASE = '/api/v1/data-protection';
const RULES = {
  followUpMonths: 1,
  returnToAidMonths: 1,
  statutoryYears: 0,
  noCaseMonths: 24,
  intervalMonths: 6,
  fairWalkInMonths: 1,
};
let pastFairWalkIn: string; // walk-in of a fair over by 2027-01-02: due under the 1-month rule at the batch
let laterFairWalkIn: string; // walk-in of a fair that ends 2027-01-20: not yet due

/** A fair of İBB with one walk-in registered through its public page; answers the visitor's id. */
async function fairWithWalkIn(name: string, endDate: string, familyName: string): Promise<string> {
  const officeId = (await s.manager.get('/api/v1/offices')).body.items[0].id as string;
  const fair = await s.manager.post('/api/v1/fairs', {
    name,
    startDate: '2026-12-01',
    endDate,
    place: 'Fatih Kültür Merkezi',
    province: 'İstanbul',
    district: 'Fatih',
    officeId,
  });
  expect(fair.status, JSON.stringify(fair.body)).toBe(201);
  const token = (fair.body.walkInUrl as string).split('/f/')[1]!;
  const walkIn = await t.anonymous.post(`/api/v1/public/fairs/${token}/visitors`, {
    givenName: 'Ziyaretçi',
    familyName,
    phone: '05331234567',
    sex: 'female',
    contactAllowed: true,
    noticeAccepted: true,
    locale: 'tr',
  });
  expect(walkIn.status, JSON.stringify(walkIn.body)).toBe(201);
  const [row] = await t.database.db.select().from(fairVisitors).where(eq(fairVisitors.familyName, familyName));
  return row!.id;
}

async function closeCase(seeker: Seeker) {
  const profile = (await s.counsellor.get(`/api/v1/persons/${seeker.personId}`)).body;
  const res = await s.counsellor.post(`/api/v1/cases/${profile.case.id}/status`, {
    status: 'closed',
    closeReason: 'moved-away',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Signs the staff in again after the clock moved (earlier sessions have gone idle). */
async function freshSessions() {
  dpo = await t.signIn(demoEmail('ibb', 'dpo'));
  s = {
    officer: await t.signIn(demoEmail('ibb', 'employer-relations')),
    manager: await t.signIn(demoEmail('ibb', 'manager')),
    counsellor: await t.signIn(demoEmail('ibb', 'counsellor')),
  };
}

async function personRow(id: string) {
  const [row] = await t.database.db.select().from(persons).where(eq(persons.id, id));
  return row!;
}

beforeAll(async () => {
  t = await createTestContext();
  await clearDemoDesk(t);
  t.clock.set(new Date('2026-12-01T09:00:00Z'));
  s = await staffOf(t);
  dpo = await t.as('ibb', 'dpo');
  due = await registeredSeeker(t, s, 'Nurcan', 'Süresidolan');
  held = await registeredSeeker(t, s, 'Halil', 'Bekletilen');
  active = await registeredSeeker(t, s, 'Aktif', 'Dosyalıoğlu');
  reopened = await registeredSeeker(t, s, 'Dönen', 'Yeniden');
  for (const x of [due, held, reopened]) await closeCase(x);
  // Halil asks for access from his profile: the request stays open, so he is held back.
  const own = await held.client.post('/api/v1/me/data-requests', { kind: 'access' });
  expect(own.status, JSON.stringify(own.body)).toBe(201);
  pastFairWalkIn = await fairWithWalkIn('Aralık Kariyer Günü', '2026-12-05', 'Fuargeçti');
  laterFairWalkIn = await fairWithWalkIn('Ocak Kariyer Günü', '2027-01-20', 'Fuarsürüyor');
});

async function visitorRow(id: string) {
  const [row] = await t.database.db.select().from(fairVisitors).where(eq(fairVisitors.id, id));
  return row!;
}
afterAll(async () => t.close());

describe('retention rules', () => {
  it('starts from the defaults of DATA-PROTECTION.md and says when the next batch is due', async () => {
    const res = await dpo.get(`${BASE}/retention`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      rules: { followUpMonths: 12, returnToAidMonths: 12, statutoryYears: 10, intervalMonths: 6 },
      lastBatchOn: null,
      nextBatchOn: '2026-12-01',
    });
  });

  it('refuses an interval over 6 months with problem+json naming the field, and keeps the rules', async () => {
    const res = await dpo.put(`${BASE}/retention`, { ...RULES, intervalMonths: 7, statutoryYears: -1 });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/intervalMonths',
      '/statutoryYears',
    ]);
    expect((await dpo.get(`${BASE}/retention`)).body.rules.statutoryYears).toBe(10);
  });

  it('changes the rules, audited with the fields changed', async () => {
    const res = await dpo.put(`${BASE}/retention`, RULES);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.rules).toEqual(RULES);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'dp-retention.updated'));
    expect(event!.fields.sort()).toEqual(['fairWalkInMonths', 'followUpMonths', 'returnToAidMonths', 'statutoryYears']);
  });

  it('lists what falls due in the coming months, held records with their reason, active cases never', async () => {
    const res = await dpo.get(`${BASE}/destruction/due?horizonMonths=3&pageSize=200`);
    expect(res.status).toBe(200);
    const mine = new Map(res.body.items.map((i: { subjectRef: string }) => [i.subjectRef, i]));
    expect(mine.get(due.personId)).toMatchObject({
      basis: 'case-closed',
      basisDate: '2026-12-01',
      dueOn: '2027-02-01',
      heldReason: null,
      office: 'Fatih İstihdam Ofisi',
    });
    expect(mine.get(held.personId)).toMatchObject({ heldReason: 'open-request' });
    expect(mine.has(active.personId)).toBe(false);
    // Nothing of a name reaches the desk.
    expect(JSON.stringify(res.body)).not.toContain('Süresidolan');
  });
});

describe('a destruction batch', () => {
  it('is proposed by the scheduled job as a dry run once the day comes: nothing is destroyed', async () => {
    t.clock.set(new Date('2027-02-02T09:00:00Z'));
    await freshSessions();
    expect(await runSweep(t.deps, 'dp-destruction-sweep')).toBeGreaterThanOrEqual(1);
    const list = await dpo.get(`${BASE}/destruction/batches`);
    expect(list.body.items[0]).toMatchObject({ status: 'proposed', asOf: '2027-02-02', proposedBy: null });
    batchId = list.body.items[0].id;
    const batch = await dpo.get(`${BASE}/destruction/batches/${batchId}?pageSize=200`);
    const items = new Map(batch.body.items.map((i: { subjectRef: string }) => [i.subjectRef, i]));
    expect(items.get(due.personId)).toMatchObject({ outcome: 'pending', heldReason: null, dueOn: '2027-02-01' });
    expect(items.get(held.personId)).toMatchObject({ heldReason: 'open-request' });
    expect(items.has(active.personId)).toBe(false);
    expect(batch.body.rules).toEqual(RULES);
    expect((await personRow(due.personId)).familyName).toBe('Süresidolan');
    // The walk-in of the fair that ended before 2027-01-02 is counted; the later fair's is not.
    expect(batch.body).toMatchObject({ walkInsDue: 1, walkInsCleared: 0 });
    expect((await visitorRow(pastFairWalkIn)).familyName).toBe('Fuargeçti');
    // The sweep does not propose a second one while this one waits, nor does the DPO.
    expect((await dpo.post(`${BASE}/destruction/batches`)).body.code).toBe('errors.dataProtection.batchPending');
    const again = await dpo.get(`${BASE}/destruction/batches`);
    expect(again.body.total).toBe(list.body.total);
  });

  it('cannot run before the committee decides', async () => {
    const res = await dpo.post(`${BASE}/destruction/batches/${batchId}/run`, { confirm: true });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('errors.dataProtection.batchNotApproved');
  });

  it('refuses a decision without three members, dated in the future, with each field named', async () => {
    const res = await dpo.post(`${BASE}/destruction/batches/${batchId}/decision`, {
      decision: 'approve',
      decidedOn: '2027-02-03',
      decisionRef: '2027/1',
      members: ['Ayşe Kurul', 'Ayşe Kurul ', 'Mehmet Üye'],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/decidedOn', '/members']);
    expect((await dpo.get(`${BASE}/destruction/batches/${batchId}`)).body.status).toBe('proposed');
  });

  it("records the committee's approval with its members", async () => {
    const res = await dpo.post(`${BASE}/destruction/batches/${batchId}/decision`, {
      decision: 'approve',
      decidedOn: '2027-02-02',
      decisionRef: 'İmha Komisyonu 2027/1',
      members: ['Av. Selin Hukukçu', 'Burak Bilgi İşlem', 'Derya Arşiv'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      status: 'approved',
      committeeMembers: ['Av. Selin Hukukçu', 'Burak Bilgi İşlem', 'Derya Arşiv'],
      decisionRef: 'İmha Komisyonu 2027/1',
      decidedBy: expect.any(String),
    });
    const again = await dpo.post(`${BASE}/destruction/batches/${batchId}/decision`, {
      decision: 'reject',
      decidedOn: '2027-02-02',
      decisionRef: 'x',
      members: ['Av. Selin Hukukçu'],
      note: 'Vazgeçildi',
    });
    expect(again.body.code).toBe('errors.dataProtection.batchNotProposed');
  });

  it('runs in the background: due records anonymised, held and reopened ones skipped with their reason', async () => {
    // Dönen came back after the dry run: a new case is open, so his record is no longer due.
    const reopen = await s.counsellor.post(`/api/v1/persons/${reopened.personId}/cases`);
    expect(reopen.status, JSON.stringify(reopen.body)).toBe(201);
    const started = await dpo.post(`${BASE}/destruction/batches/${batchId}/run`, { confirm: true });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body.status).toBe('running');
    expect((await personRow(due.personId)).familyName).toBe('Süresidolan'); // the job does the work

    const handlers = jobHandlers(t.deps);
    const job = { id: 'job-1', retryCount: 0 };
    await handlers['dp-destruction-run'](
      { batchId, organisationId: (await personRow(due.personId)).organisationId },
      job,
    );
    const batch = await dpo.get(`${BASE}/destruction/batches/${batchId}?pageSize=200`);
    expect(batch.body.status).toBe('carried-out');
    const items = new Map(batch.body.items.map((i: { subjectRef: string }) => [i.subjectRef, i]));
    expect(items.get(due.personId)).toMatchObject({ outcome: 'destroyed' });
    expect(items.get(held.personId)).toMatchObject({ outcome: 'skipped', outcomeReason: 'open-request' });
    expect(items.get(reopened.personId)).toMatchObject({ outcome: 'skipped', outcomeReason: 'open-case' });
    expect(batch.body.destroyedCount + batch.body.skippedCount).toBe(batch.body.itemCount);
    // Fair walk-ins past the rule lose their name and phone; the visit stays for the fair's counts.
    expect(batch.body).toMatchObject({ walkInsDue: 1, walkInsCleared: 1 });
    expect(await visitorRow(pastFairWalkIn)).toMatchObject({
      givenName: null,
      familyName: null,
      phone: null,
      sex: 'female',
    });
    expect(await visitorRow(laterFairWalkIn)).toMatchObject({ familyName: 'Fuarsürüyor', phone: '05331234567' });
    const [walkInEvent] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'fair.visitor-anonymised'), eq(auditEvents.subjectId, pastFairWalkIn)));
    expect(walkInEvent).toMatchObject({ purpose: 'retention' });

    const gone = await personRow(due.personId);
    expect(gone).toMatchObject({
      familyName: '—',
      phone: null,
      email: null,
      idNumberIndex: null,
      // The five-year band (1990), widened to twenty years (1980) where the combination is rare.
      birthDate: expect.stringMatching(/^19[89]0-01-01$/),
    });
    expect((await personRow(held.personId)).familyName).toBe('Bekletilen');
    expect((await personRow(reopened.personId)).familyName).toBe('Yeniden');

    const [record] = await t.database.db
      .select()
      .from(dpDestructionRecords)
      .where(and(eq(dpDestructionRecords.subjectRef, due.personId), eq(dpDestructionRecords.batchId, batchId)));
    expect(record).toMatchObject({ method: 'anonymisation', requestId: null, keepUntil: '2030-02-01' });
    expect(record!.summary.persons).toBe(1);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, batchId)));
    expect(events.map((e) => e.action).sort()).toEqual([
      'dp-destruction.approved',
      'dp-destruction.carried-out',
      'dp-destruction.proposed',
      'dp-destruction.run-started',
    ]);

    // A job that runs twice does nothing the second time.
    expect(await handlers['dp-destruction-run']({ batchId, organisationId: gone.organisationId }, job)).toEqual({
      destroyed: 0,
      skipped: 0,
    });
  });

  it('lists the destruction records; a rejected batch keeps its reason and lets the next one come', async () => {
    const records = await dpo.get(`${BASE}/destruction/records`);
    expect(records.body.items.some((r: { subjectRef: string }) => r.subjectRef === due.personId)).toBe(true);

    const proposed = await dpo.post(`${BASE}/destruction/batches`);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body.proposedBy).toBeTruthy();
    const id = proposed.body.id;
    if (proposed.body.status === 'proposed') {
      const noReason = await dpo.post(`${BASE}/destruction/batches/${id}/decision`, {
        decision: 'reject',
        decidedOn: '2027-02-02',
        decisionRef: '2027/2',
        members: ['Av. Selin Hukukçu'],
      });
      expect(noReason.status).toBe(422);
      expect(noReason.body.errors[0].pointer).toBe('/note');
      const rejected = await dpo.post(`${BASE}/destruction/batches/${id}/decision`, {
        decision: 'reject',
        decidedOn: '2027-02-02',
        decisionRef: '2027/2',
        members: ['Av. Selin Hukukçu'],
        note: 'Arşiv incelemesi bitmeden imha edilmeyecek.',
      });
      expect(rejected.body).toMatchObject({
        status: 'rejected',
        decisionNote: 'Arşiv incelemesi bitmeden imha edilmeyecek.',
      });
    }
    expect((await dpo.post(`${BASE}/destruction/batches`)).status).toBe(201);
  });

  it('deletes destruction records after their 3 years', async () => {
    t.clock.set(new Date('2030-02-03T09:00:00Z'));
    await runSweep(t.deps, 'dp-destruction-sweep');
    const left = await t.database.db
      .select()
      .from(dpDestructionRecords)
      .where(eq(dpDestructionRecords.subjectRef, due.personId));
    expect(left).toEqual([]);
  });
});

describe('access', () => {
  it('is the DPO’s alone, and another organisation’s batches are not found', async () => {
    t.clock.set(new Date('2027-02-02T09:00:00Z'));
    await freshSessions();
    expect((await s.counsellor.get(`${BASE}/destruction/batches`)).status).toBe(403);
    expect((await s.manager.put(`${BASE}/retention`, RULES)).status).toBe(403);
    const other = await t.signIn(demoEmail('izmir', 'dpo'));
    expect((await other.get(`${BASE}/destruction/batches/${batchId}`)).status).toBe(404);
  });
});
