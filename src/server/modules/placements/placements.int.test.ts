import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents, employerConcerns, employerUsers, minimumWages, placements } from '../../db/schema/index.ts';
import { withTcknChecksum, withVknChecksum } from '../../../common/identity-number.ts';
import { runSweep } from '../../jobs/handlers.ts';

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

/** SGK workplace numbers of the employers made here. */
const workplaces = new Map<string, string>();

async function verifiedEmployer(overrides: Record<string, unknown> = {}) {
  const sgk = `2561001010${String(serial + 1).padStart(13, '0')}012`;
  const res = await officer.post('/api/v1/employers', {
    legalName: `Yerleştirme Gıda Ltd. Şti. ${++serial}`,
    taxKind: 'vkn',
    taxNumber: withVknChecksum(String(serial).padStart(9, '4').slice(0, 9)),
    sgkWorkplaceNumber: sgk,
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
  workplaces.set(res.body.id as string, sgk);
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

/** ID numbers of the persons made here, for the SGK files. */
const idNumbers = new Map<string, string>();

async function person(overrides: Record<string, unknown> = {}) {
  const idNumber = withTcknChecksum(String(++serial).padStart(9, '3').slice(0, 9));
  const res = await counsellor.post('/api/v1/persons', {
    givenName: 'Yerleşen',
    familyName: `Kişi ${serial}`,
    idKind: 'tckn',
    idNumber,
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
  idNumbers.set(res.body.id as string, (overrides.idNumber as string | undefined) ?? idNumber);
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
    // The portal user's employers: the demo one (whose demo placements it sees too) and this one.
    const ownEmployers = await t.database.db
      .select({ id: employerUsers.employerId })
      .from(employerUsers)
      .where(eq(employerUsers.userId, me.body.id));
    const own = await employer.get('/api/v1/placements');
    expect(own.status).toBe(200);
    const items = own.body.items as {
      person: { id: string };
      employer: { id: string };
      followUps: unknown[];
      netWage: unknown;
    }[];
    expect(items.every((p) => ownEmployers.some((e) => e.id === p.employer.id))).toBe(true);
    const hired = items.find((p) => p.employer.id === mine)!;
    expect(hired.person.id).toBe(a);
    expect(items.some((p) => p.person.id === b)).toBe(false);
    // What the office follows up (outcomes, household income) is not the employer's.
    for (const p of items) {
      expect(p.followUps).toEqual([]);
      expect(p.netWage).toBeNull();
    }
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

describe('the demo data', () => {
  it('shows placements at different stages: verified and followed up, ended by a job loss', async () => {
    const verified = await manager.get('/api/v1/placements?verification=verified&status=active');
    expect(verified.body.items.map((p: { person: { name: string } }) => p.person.name)).toContain('Ömer Faruk Şimşek');
    const ended = await manager.get('/api/v1/placements?status=ended');
    const yusuf = ended.body.items.find((p: { person: { name: string } }) => p.person.name === 'Yusuf Erdem');
    expect(yusuf).toMatchObject({ endReason: 'dismissed' });
    expect(yusuf.followUps.map((f: { milestone: string; status: string }) => `${f.milestone}:${f.status}`)).toEqual(
      expect.arrayContaining(['3m:recorded', 'exit:recorded', '12m:cancelled']),
    );
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

describe('registered work: verification with evidence', () => {
  it('verifies with the SGK service record, adds the net wage to the household, flags a late hire notification', async () => {
    const employerId = await verifiedEmployer();
    const personId = await person();
    expect((await counsellor.post(`/api/v1/persons/${personId}/household`, {})).status).toBe(201);
    await hire(personId, await publishedVacancy(employerId));
    const [p] = await placementsOf(personId);
    const bad = await counsellor.post(`/api/v1/placements/${p.id}/verify`, {
      evidenceKind: 'hire-notification',
      evidenceReference: 'x',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/evidenceReference']);
    const noDate = await counsellor.post(`/api/v1/placements/${p.id}/verify`, {
      evidenceKind: 'hire-notification',
      evidenceReference: 'IGB-2026-001',
    });
    expect(noDate.status).toBe(422);
    expect(noDate.body.errors[0].pointer).toBe('/hireFiledOn');
    // The hire notification was filed a day after the start (15 December): late (Law 5510 art. 8).
    t.clock.set(new Date('2026-12-20T09:00:00+03:00'));
    const later = await t.signIn(demoEmail('ibb', 'counsellor'));
    const res = await later.post(`/api/v1/placements/${p.id}/verify`, {
      evidenceKind: 'sgk-service-record',
      evidenceReference: 'SGK4A1B2C3D4E5F6',
      hireFiledOn: '2026-12-16',
    });
    t.clock.set(new Date('2026-12-03T09:00:00+03:00'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      verification: 'verified',
      evidenceKind: 'sgk-service-record',
      evidenceReference: 'SGK4A1B2C3D4E5F6',
      hireFiledOn: '2026-12-16',
      lateFiling: true,
      netWage: 28075.5,
    });
    const household = await counsellor.get(`/api/v1/persons/${personId}/household`);
    expect(household.body.incomes).toContainEqual(
      expect.objectContaining({ source: 'registered-work', monthlyAmount: 28075.5, startDate: '2026-12-15' }),
    );
    const twice = await counsellor.post(`/api/v1/placements/${p.id}/verify`, {
      evidenceKind: 'sgk-service-record',
      evidenceReference: 'SGK4A1B2C3D4E5F6',
    });
    expect(twice.status).toBe(409);
  });

  it('a gross wage needs the net wage for the household', async () => {
    const employerId = await verifiedEmployer();
    const created = await counsellor.post(
      '/api/v1/placements',
      manual(await person(), employerId, { wageAmount: 40000, wageBasis: 'gross' }),
    );
    const res = await counsellor.post(`/api/v1/placements/${created.body.id}/verify`, {
      evidenceKind: 'sgk-service-record',
      evidenceReference: 'SGK99887766',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe('/netWage');
    const ok = await counsellor.post(`/api/v1/placements/${created.body.id}/verify`, {
      evidenceKind: 'sgk-service-record',
      evidenceReference: 'SGK99887766',
      hireFiledOn: '2026-11-19',
      netWage: 33500,
    });
    expect(ok.body).toMatchObject({ verification: 'verified', lateFiling: false, netWage: 33500 });
  });
});

describe('the SGK notification file', () => {
  const header = 'T.C. kimlik no;SGK işyeri sicil no;Bildirge türü;Giriş/çıkış tarihi;Çıkış kodu;Bildirge tarihi';
  const file = (lines: string[]) => ({
    fileName: 'sgk-bildirgeler.csv',
    contentBase64: Buffer.from(`\ufeff${[header, ...lines].join('\r\n')}\r\n`, 'utf8').toString('base64'),
  });

  it('reports matches, mismatches, unknown and invalid rows; refuses to apply while a row is invalid; then applies all', async () => {
    const employerA = await verifiedEmployer();
    const employerB = await verifiedEmployer();
    const hired = await person();
    await hire(hired, await publishedVacancy(employerA));
    const leaver = await person();
    const leaverPlacement = await counsellor.post('/api/v1/placements', manual(leaver, employerB));
    const elsewhere = await person();
    await counsellor.post('/api/v1/placements', manual(elsewhere, employerB));
    const sgkA = workplaces.get(employerA)!;
    const sgkB = workplaces.get(employerB)!;
    const rows = [
      // Filed on the 17th for a start on the 15th: late (Law 5510 art. 8).
      `${idNumbers.get(hired)};${sgkA};İşe giriş;15.12.2026;;17.12.2026`,
      `${idNumbers.get(leaver)};${sgkB};işten çıkış;2026-12-01;04;2026-12-02`,
      `${idNumbers.get(elsewhere)};${sgkA};işe giriş;20.11.2026;;19.11.2026`,
      `${withTcknChecksum('777666555')};${sgkA};işe giriş;20.11.2026;;19.11.2026`,
    ];
    const bad = `12345678901;123;başvuru;31.02.2026;;`;
    const dry = await counsellor.post('/api/v1/placements/sgk-file', { ...file([...rows, bad]), apply: false });
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toEqual({
      rows: 5,
      match: 2,
      unchanged: 0,
      mismatch: 1,
      unknown: 1,
      invalid: 1,
      lateFiling: 1,
    });
    expect(dry.body.rows.map((r: { row: number; outcome: string }) => [r.row, r.outcome])).toEqual([
      [2, 'match'],
      [3, 'match'],
      [4, 'mismatch'],
      [5, 'unknown'],
      [6, 'invalid'],
    ]);
    expect(dry.body.rows[0].lateFiling).toBe(true);
    expect(dry.body.rows[0].idNumberMasked).toMatch(/^\d{2}\*+\d{2}$/);
    expect(JSON.stringify(dry.body)).not.toContain(idNumbers.get(hired));
    expect(dry.body.rows[4].problems.map((p: { column: string }) => p.column)).toEqual(['A', 'B', 'C', 'D']);
    // A dry run changes nothing.
    expect((await placementsOf(hired))[0].verification).toBe('unverified');

    const refused = await counsellor.post('/api/v1/placements/sgk-file', { ...file([...rows, bad]), apply: true });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('errors.placements.sgk.invalidRows');
    expect(refused.body.errors[0].pointer).toBe('/rows/6/idNumber');
    expect((await placementsOf(hired))[0].verification).toBe('unverified');
    expect((await placementsOf(leaver))[0].status).toBe('active');

    const applied = await counsellor.post('/api/v1/placements/sgk-file', { ...file(rows), apply: true });
    expect(applied.status).toBe(200);
    expect(applied.body.applied).toBe(true);
    const [h] = await placementsOf(hired);
    expect(h).toMatchObject({
      verification: 'verified',
      evidenceKind: 'sgk-file',
      lateFiling: true,
      hireFiledOn: '2026-12-17',
    });
    const [l] = await placementsOf(leaver);
    expect(l).toMatchObject({ status: 'ended', endDate: '2026-12-01', endReason: 'sgk-exit', exitReasonCode: '04' });
    expect(l.id).toBe(leaverPlacement.body.id);
    // The exit ends the job: the case is active again, and a follow-up asks what happened.
    expect(await caseStatus(leaver)).toBe('active');
    expect(
      l.followUps
        .filter((f: { status: string }) => f.status === 'pending')
        .map((f: { milestone: string }) => f.milestone),
    ).toEqual(['exit']);

    const again = await counsellor.post('/api/v1/placements/sgk-file', { ...file(rows), apply: false });
    expect(again.body.counts).toMatchObject({ match: 0, unchanged: 2 });
  });

  it('reads XLSX too, and matches only people the office serves', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const employerId = await verifiedEmployer();
    const personId = await person();
    await counsellor.post('/api/v1/placements', manual(personId, employerId));
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('SGK');
    sheet.addRow([
      'ID number',
      'SGK workplace number',
      'Notification type',
      'Date of hire or exit',
      'Exit reason code',
      'Date filed',
    ]);
    sheet.addRow([
      idNumbers.get(personId),
      workplaces.get(employerId),
      'hire',
      new Date(Date.UTC(2026, 10, 20)),
      null,
      new Date(Date.UTC(2026, 10, 18)),
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const body = { fileName: 'sgk.xlsx', contentBase64: bytes.toString('base64'), apply: false };
    const res = await counsellor.post('/api/v1/placements/sgk-file', body);
    expect(res.status).toBe(200);
    expect(res.body.rows[0]).toMatchObject({ outcome: 'match', lateFiling: false, date: '2026-11-20' });
    const other = await t.signIn(demoEmail('ibb', 'counsellor2'));
    expect((await other.post('/api/v1/placements/sgk-file', body)).body.rows[0].outcome).toBe('unknown');
    expect((await officer.post('/api/v1/placements/sgk-file', body)).status).toBe(403);
  });
});

describe('retention follow-ups', () => {
  it('reminds the person by SMS and opens the counsellor task when overdue, once; a job loss reopens the case', async () => {
    const employerId = await verifiedEmployer();
    const personId = await person();
    await hire(personId, await publishedVacancy(employerId));
    const [p] = await placementsOf(personId);
    const phone = `+90534${String(serial).slice(-7)}`;
    const three = p.followUps.find((f: { milestone: string }) => f.milestone === '3m');
    expect(three.dueDate).toBe('2027-03-15');

    // Due soon: on the home screen two weeks ahead, not reminded yet.
    t.clock.set(new Date('2027-03-05T09:00:00+03:00'));
    let c = await t.signIn(demoEmail('ibb', 'counsellor'));
    const soon = await c.get('/api/v1/placement-follow-ups/due');
    expect(soon.body.items).toContainEqual(
      expect.objectContaining({ id: three.id, overdue: false, taskOpenedAt: null }),
    );
    await runSweep(t.deps, 'placement-follow-ups');
    expect((await t.lastMessageTo(phone))?.template).not.toBe('placement-follow-up');

    // Overdue: the sweep texts the person and opens the task, once.
    t.clock.set(new Date('2027-03-16T09:00:00+03:00'));
    expect(await runSweep(t.deps, 'placement-follow-ups')).toBeGreaterThanOrEqual(1);
    const sms = await t.lastMessageTo(phone);
    expect(sms).toMatchObject({ channel: 'sms', template: 'placement-follow-up' });
    expect(sms!.body).toContain('Yerleşen');
    expect(await runSweep(t.deps, 'placement-follow-ups')).toBe(0);
    c = await t.signIn(demoEmail('ibb', 'counsellor'));
    const due = await c.get('/api/v1/placement-follow-ups/due');
    const item = due.body.items.find((i: { id: string }) => i.id === three.id);
    expect(item).toMatchObject({ overdue: true, milestone: '3m' });
    expect(item.taskOpenedAt).not.toBeNull();
    const elsewhere = await t.signIn(demoEmail('ibb', 'counsellor2'));
    expect(
      (await elsewhere.get('/api/v1/placement-follow-ups/due')).body.items.map((i: { id: string }) => i.id),
    ).not.toContain(three.id);

    const recorded = await c.post(`/api/v1/placements/${p.id}/follow-ups/${three.id}`, { outcome: 'same-employer' });
    expect(recorded.status).toBe(200);
    expect(recorded.body.followUps.find((f: { id: string }) => f.id === three.id)).toMatchObject({
      status: 'recorded',
      outcome: 'same-employer',
    });
    expect(
      (await c.post(`/api/v1/placements/${p.id}/follow-ups/${three.id}`, { outcome: 'same-employer' })).status,
    ).toBe(409);

    // Six months on, the person is not working: the placement ends, the case reopens, the 12-month one is cancelled.
    t.clock.set(new Date('2027-06-20T09:00:00+03:00'));
    c = await t.signIn(demoEmail('ibb', 'counsellor'));
    const six = p.followUps.find((f: { milestone: string }) => f.milestone === '6m');
    const missing = await c.post(`/api/v1/placements/${p.id}/follow-ups/${six.id}`, { outcome: 'not-working' });
    expect(missing.status).toBe(422);
    expect(missing.body.errors[0].pointer).toBe('/notWorkingReason');
    const lost = await c.post(`/api/v1/placements/${p.id}/follow-ups/${six.id}`, {
      outcome: 'not-working',
      notWorkingReason: 'dismissed',
      endDate: '2027-05-31',
      note: 'İşyeri küçülmeye gitti.',
    });
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({ status: 'ended', endDate: '2027-05-31', endReason: 'dismissed' });
    expect(lost.body.followUps.map((f: { milestone: string; status: string }) => [f.milestone, f.status])).toEqual([
      ['3m', 'recorded'],
      ['6m', 'recorded'],
      ['12m', 'cancelled'],
    ]);
    expect((await c.get(`/api/v1/persons/${personId}`)).body.case.status).toBe('active');
    t.clock.set(new Date('2026-12-03T09:00:00+03:00'));
  });
});
