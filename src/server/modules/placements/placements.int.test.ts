import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents, employerConcerns, employerUsers, minimumWages, placements } from '../../db/schema/index.ts';
import { withTcknChecksum, withVknChecksum } from '../../../common/identity-number.ts';

/** Placements (issue 11): from a hire, recorded by staff, their decent-work check, permits and access. */

let t: TestContext;
let officer: TestClient; // employer relations, İBB
let manager: TestClient;
let counsellor: TestClient; // Zeynep Kaya, Fatih
let serial = 410_000_00;

const prescreen = { identityChecked: true, skillsMatch: true, availabilityConfirmed: true, personInformed: true };

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-03T09:00:00+03:00'));
  officer = await t.signIn(demoEmail('ibb', 'employer-relations'));
  manager = await t.signIn(demoEmail('ibb', 'manager'));
  counsellor = await t.signIn(demoEmail('ibb', 'counsellor'));
});
afterAll(async () => t.close());

async function verifiedEmployer(overrides: Record<string, unknown> = {}) {
  const res = await officer.post('/api/v1/employers', {
    legalName: `Yerleştirme Gıda Ltd. Şti. ${++serial}`,
    taxKind: 'vkn',
    taxNumber: withVknChecksum(String(serial).padStart(9, '4').slice(0, 9)),
    sgkWorkplaceNumber: `2561001010${String(serial).padStart(13, '0')}012`,
    naceCode: '56.10',
    workerCount: 60,
    province: 'İstanbul',
    district: 'Fatih',
    acceptTerms: true,
    ...overrides,
  });
  expect(res.status).toBe(201);
  await officer.post(`/api/v1/employers/${res.body.id}/hazard-class`, { hazardClass: 'low' });
  expect((await officer.post(`/api/v1/employers/${res.body.id}/status`, { status: 'verified' })).status).toBe(200);
  return res.body.id as string;
}

async function publishedVacancy(employerId: string, overrides: Record<string, unknown> = {}) {
  const created = await officer.post('/api/v1/vacancies', {
    employerId,
    title: 'Kasiyer',
    occupation: 'Kasiyer',
    duties: 'Kasada ödeme alma, raf düzeni ve müşteri hizmeti.',
    province: 'İstanbul',
    district: 'Fatih',
    positions: 3,
    contractType: 'permanent',
    startDate: '2026-12-15',
    hoursPerDay: 9,
    hoursPerWeek: 45,
    shifts: ['day'],
    wageMin: 28075.5,
    wageBasis: 'net',
    ...overrides,
  });
  expect(created.status).toBe(201);
  expect((await officer.post(`/api/v1/vacancies/${created.body.id}/submit`)).status).toBe(200);
  expect((await manager.post(`/api/v1/vacancies/${created.body.id}/review`, { decision: 'publish' })).status).toBe(200);
  return created.body.id as string;
}

async function person(overrides: Record<string, unknown> = {}) {
  const res = await counsellor.post('/api/v1/persons', {
    givenName: 'Yerleşen',
    familyName: `Kişi ${++serial}`,
    idKind: 'tckn',
    idNumber: withTcknChecksum(String(serial).padStart(9, '3').slice(0, 9)),
    birthDate: '1990-03-03',
    sex: 'female',
    nationality: 'TR',
    province: 'İstanbul',
    district: 'Fatih',
    phone: `+90534${String(serial).slice(-7)}`,
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [{ purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' }],
    confirmNotDuplicate: true,
    ...overrides,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function hire(personId: string, vacancyId: string, by: TestClient = counsellor) {
  const proposed = await counsellor.post('/api/v1/referrals', { vacancyId, personId });
  expect(proposed.status).toBe(201);
  expect((await counsellor.post(`/api/v1/referrals/${proposed.body.id}/send`, { prescreen })).status).toBe(200);
  const hired = await by.post(`/api/v1/referrals/${proposed.body.id}/transition`, { status: 'hired' });
  expect(hired.status).toBe(200);
  return proposed.body.id as string;
}

async function placementsOf(personId: string, client: TestClient = counsellor) {
  const res = await client.get(`/api/v1/placements?personId=${personId}`);
  expect(res.status).toBe(200);
  return res.body.items as any[];
}

async function caseStatus(personId: string) {
  return (await counsellor.get(`/api/v1/persons/${personId}`)).body.case?.status as string;
}

const manual = (personId: string, employerId: string, overrides: Record<string, unknown> = {}) => ({
  personId,
  employerId,
  source: 'self-reported',
  jobTitle: 'Temizlik görevlisi',
  startDate: '2026-11-20',
  contractType: 'permanent',
  wageAmount: 28075.5,
  wageBasis: 'net',
  hoursPerWeek: 45,
  hoursPerDay: 9,
  shifts: ['day'],
  ...overrides,
});

describe('a hire creates a placement', () => {
  it('from the referral, in the same transaction: decent, active, the case placed, follow-ups at 3/6/12 months', async () => {
    const employerId = await verifiedEmployer();
    const personId = await person();
    const referralId = await hire(personId, await publishedVacancy(employerId));
    const [p] = await placementsOf(personId);
    expect(p).toMatchObject({
      source: 'referral',
      referralId,
      status: 'active',
      startDate: '2026-12-15',
      wageAmount: 28075.5,
      wageBasis: 'net',
      decent: true,
      violations: [],
      verification: 'unverified',
      employer: { id: employerId },
    });
    expect(p.followUps.map((f: { milestone: string; dueDate: string }) => [f.milestone, f.dueDate])).toEqual([
      ['3m', '2027-03-15'],
      ['6m', '2027-06-15'],
      ['12m', '2027-12-15'],
    ]);
    expect(await caseStatus(personId)).toBe('placed');
    const events = await t.database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, p.id), eq(auditEvents.action, 'placement.created')));
    expect(events[0]!.n).toBe(1);
  });

  it('keeps a placement that fails the rules at its start date, flagged, with a concern on the employer', async () => {
    const employerId = await verifiedEmployer();
    const vacancyId = await publishedVacancy(employerId);
    // The rules changed after the referral was sent: the minimum wage for the start date rose above the wage.
    const personId = await person();
    const proposed = await counsellor.post('/api/v1/referrals', { vacancyId, personId });
    expect((await counsellor.post(`/api/v1/referrals/${proposed.body.id}/send`, { prescreen })).status).toBe(200);
    await t.database.db
      .insert(minimumWages)
      .values({ effectiveFrom: '2026-12-10', grossMonthly: '40000.00', netMonthly: '34000.00' });
    try {
      const hired = await counsellor.post(`/api/v1/referrals/${proposed.body.id}/transition`, { status: 'hired' });
      expect(hired.status).toBe(200);
    } finally {
      await t.database.db.delete(minimumWages).where(eq(minimumWages.effectiveFrom, '2026-12-10'));
    }
    const [p] = await placementsOf(personId);
    expect(p.decent).toBe(false);
    expect(p.violations[0]).toMatchObject({ rule: 'minimum-wage', pointer: '/wageMin' });
    expect(p.violations[0].message).toContain('₺');
    expect(p.status).toBe('active');
    const concerns = await t.database.db
      .select()
      .from(employerConcerns)
      .where(eq(employerConcerns.employerId, employerId));
    expect(concerns).toHaveLength(1);
    expect(concerns[0]).toMatchObject({ kind: 'decent-work', status: 'open' });
    expect(concerns[0]!.description).toContain('Kasiyer');
  });

  it('an employer user recording the hire creates the placement too, and sees only its own placements', async () => {
    const mine = await verifiedEmployer({ legalName: 'Portal Market A.Ş.' });
    const other = await verifiedEmployer();
    const me = await (await t.as('ibb', 'employer')).get('/api/v1/me');
    await t.database.db.insert(employerUsers).values({ userId: me.body.id, employerId: mine, manager: true });
    const employer = await t.signIn(demoEmail('ibb', 'employer'));
    const a = await person();
    const b = await person();
    await hire(a, await publishedVacancy(mine), employer);
    await hire(b, await publishedVacancy(other));
    const own = await employer.get('/api/v1/placements');
    expect(own.status).toBe(200);
    expect(own.body.items.map((p: { employer: { id: string } }) => p.employer.id)).toEqual([mine]);
    // What the office follows up (outcomes, household income) is not the employer's.
    expect(own.body.items[0].followUps).toEqual([]);
    expect(own.body.items[0].netWage).toBeNull();
    const [theirs] = await placementsOf(b);
    expect((await employer.get(`/api/v1/placements/${theirs.id}`)).status).toBe(404);
    expect((await employer.post(`/api/v1/placements/${theirs.id}/verify`, {})).status).toBe(403);
  });
});

describe('a job found without a referral', () => {
  it('is recorded by staff, marked with its source, checked at its start date', async () => {
    const employerId = await verifiedEmployer();
    const personId = await person();
    const res = await counsellor.post('/api/v1/placements', manual(personId, employerId, { source: 'job-fair' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ source: 'job-fair', status: 'active', decent: true, referralId: null });
    expect(res.body.workplaceDistrict).toBe('Fatih');
    expect(await caseStatus(personId)).toBe('placed');
  });

  it('a wage under the minimum at the start date is kept and flagged not decent', async () => {
    const employerId = await verifiedEmployer();
    const res = await counsellor.post(
      '/api/v1/placements',
      manual(await person(), employerId, { wageAmount: 20000, hoursPerWeek: 50, hoursPerDay: 10 }),
    );
    expect(res.status).toBe(201);
    expect(res.body.decent).toBe(false);
    expect(res.body.violations.map((v: { rule: string }) => v.rule).sort()).toEqual(['minimum-wage', 'weekly-hours']);
    const [concern] = await t.database.db
      .select()
      .from(employerConcerns)
      .where(eq(employerConcerns.employerId, employerId));
    expect(concern?.kind).toBe('decent-work');
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = (await t.database.db.select({ n: count() }).from(placements))[0]!.n;
    const res = await counsellor.post(
      '/api/v1/placements',
      manual(await person(), await verifiedEmployer(), { source: 'referral', wageBasis: 'hourly' }),
    );
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/source', '/wageBasis']);
    const unknownEmployer = await counsellor.post(
      '/api/v1/placements',
      manual(await person(), '00000000-0000-4000-8000-000000000000'),
    );
    expect(unknownEmployer.status).toBe(422);
    expect(unknownEmployer.body.errors[0].pointer).toBe('/employerId');
    expect((await t.database.db.select({ n: count() }).from(placements))[0]!.n).toBe(before);
  });
});

describe('temporary protection: the start waits for the permit and the 10 % limit', () => {
  async function refugee() {
    return person({
      idKind: 'ykn',
      idNumber: withTcknChecksum(`99${String(++serial).slice(-7)}`),
      nationality: 'SY',
      targetGroups: [
        {
          group: 'refugee',
          details: { status: 'temporary-protection', registrationProvince: 'İstanbul', registrationDate: '2019-04-11' },
        },
      ],
    });
  }

  it('waits for the permit for this employer, then starts; a second person is over the 10 % limit', async () => {
    const employerId = await verifiedEmployer({ workerCount: 10 });
    const first = await refugee();
    const created = await counsellor.post('/api/v1/placements', manual(first, employerId, { startDate: '2026-12-10' }));
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('awaiting-permit');
    expect(created.body.followUps).toEqual([]);
    expect(await caseStatus(first)).not.toBe('placed');
    const early = await counsellor.post(`/api/v1/placements/${created.body.id}/start`, {});
    expect(early.status).toBe(422);
    expect(early.body.errors[0].code).toBe('errors.placements.permit.permit-required');
    const permit = await counsellor.post(`/api/v1/persons/${first}/work-permits`, {
      kind: 'temporary-protection-permit',
      status: 'granted',
      employerId,
      requestedOn: '2026-11-01',
      decidedOn: '2026-11-25',
      validFrom: '2026-12-01',
      validUntil: '2027-11-30',
    });
    expect(permit.status).toBe(201);
    const started = await counsellor.post(`/api/v1/placements/${created.body.id}/start`, {});
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('active');
    expect(started.body.followUps).toHaveLength(3);
    expect(await caseStatus(first)).toBe('placed');

    // 10 workers, one under temporary protection already: 9 Turkish workers allow one.
    const second = await refugee();
    await counsellor.post(`/api/v1/persons/${second}/work-permits`, {
      kind: 'temporary-protection-permit',
      status: 'granted',
      employerId,
      requestedOn: '2026-11-01',
      decidedOn: '2026-11-25',
      validFrom: '2026-12-01',
      validUntil: '2027-11-30',
    });
    const again = await counsellor.post('/api/v1/placements', manual(second, employerId, { startDate: '2026-12-10' }));
    expect(again.body.status).toBe('awaiting-permit');
    const refused = await counsellor.post(`/api/v1/placements/${again.body.id}/start`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('errors.placements.protectionQuota');
  });
});

describe('access', () => {
  it('a counsellor of another office gets 404, a role without the permission 403, another organisation 404', async () => {
    const employerId = await verifiedEmployer();
    const created = await counsellor.post('/api/v1/placements', manual(await person(), employerId));
    const id = created.body.id as string;
    const elsewhere = await t.signIn(demoEmail('ibb', 'counsellor2'));
    expect((await elsewhere.get(`/api/v1/placements/${id}`)).status).toBe(404);
    expect(
      (await elsewhere.post(`/api/v1/placements/${id}/end`, { endDate: '2026-12-01', reason: 'resigned' })).status,
    ).toBe(404);
    expect((await elsewhere.get('/api/v1/placements')).body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await manager.get(`/api/v1/placements/${id}`)).status).toBe(200);
    const trainer = await t.signIn(demoEmail('ibb', 'trainer'));
    expect((await trainer.get('/api/v1/placements')).status).toBe(403);
    expect((await officer.post('/api/v1/placements', manual(await person(), employerId))).status).toBe(403);
    const izmir = await t.signIn(demoEmail('izmir', 'counsellor'));
    expect((await izmir.get(`/api/v1/placements/${id}`)).status).toBe(404);
  });
});
