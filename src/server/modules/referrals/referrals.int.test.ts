import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { prescreen, referralFixture } from '../../test/referral-fixture.ts';
import { disclosureLog, employerUsers, referrals, vacancies } from '../../db/schema/index.ts';
import { withTcknChecksum, withVknChecksum } from '../../../common/identity-number.ts';
import { runSweep } from '../../jobs/handlers.ts';
import { REFERRAL_LIST } from './referrals.service.ts';

let t: TestContext;
let officer: TestClient; // employer relations, İBB
let manager: TestClient; // approves vacancies
let counsellor: TestClient; // Zeynep Kaya, Fatih
const { signIn, nextSerial, verifiedEmployer, vacancy, publishedVacancy, person } = referralFixture(300_000_00);

beforeAll(async () => {
  t = await createTestContext();
  ({ officer, manager, counsellor } = await signIn(t));
});
afterAll(async () => t.close());
const vacancyCount = async () => (await t.database.db.select({ n: count() }).from(vacancies))[0]!.n;

describe('decent-work rules on vacancies', () => {
  it.each([
    ['a wage below the minimum on the start date', { wageMin: 25000 }, 'decentWork.minimum-wage', '/wageMin'],
    ['a net amount quoted as gross', { wageMin: 30000, wageBasis: 'gross' }, 'decentWork.minimum-wage', '/wageMin'],
    ['50 hours a week', { hoursPerWeek: 50, hoursPerDay: 10 }, 'decentWork.weekly-hours', '/hoursPerWeek'],
    ['12 hours a day', { hoursPerWeek: 45, hoursPerDay: 12 }, 'decentWork.daily-hours', '/hoursPerDay'],
    ['8 hours of night work', { shifts: ['night'], hoursPerDay: 8 }, 'decentWork.night-hours', '/hoursPerDay'],
    ['discriminatory wording', { title: 'Bayan eleman aranıyor' }, 'decentWork.wording.sex', '/title'],
  ])('refuses to submit %s, naming the rule, and changes nothing', async (_n, change, code, pointer) => {
    const employerId = await verifiedEmployer();
    const draft = await officer.post('/api/v1/vacancies', vacancy(employerId, change));
    expect(draft.status).toBe(201);
    const res = await officer.post(`/api/v1/vacancies/${draft.body.id}/submit`, undefined, { 'accept-language': 'tr' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('errors.decentWork.refused');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ code, pointer }));
    expect(res.body.errors.find((e: { code: string }) => e.code === code).message.length).toBeGreaterThan(10);
    expect((await officer.get(`/api/v1/vacancies/${draft.body.id}`)).body.status).toBe('draft');
  });

  it('explains the minimum wage in the refusal, pro rata for part-time', async () => {
    const employerId = await verifiedEmployer();
    const draft = await officer.post(
      '/api/v1/vacancies',
      vacancy(employerId, { contractType: 'part-time', hoursPerWeek: 22.5, hoursPerDay: 4.5, wageMin: 14000 }),
    );
    const res = await officer.post(`/api/v1/vacancies/${draft.body.id}/submit`);
    // Money, dates and terms formatted by the server in the caller's language (issue 8, item 21).
    expect(res.body.errors[0].message).toMatch(/en az ₺14\.037,75 \(net\)/);
    expect(res.body.errors[0].message).not.toContain('14037.75');
    // The user's own language decides (the officer switches to English, then to Arabic, and back).
    expect((await officer.request('PATCH', '/api/v1/me/preferences', { locale: 'en' })).status).toBeLessThan(300);
    const en = await officer.post(`/api/v1/vacancies/${draft.body.id}/submit`);
    expect(en.body.errors[0].message).toMatch(/at least ₺14,037\.75 \(net\) for 22\.5 hours a week/);
    await officer.request('PATCH', '/api/v1/me/preferences', { locale: 'ar' });
    const ar = await officer.post(`/api/v1/vacancies/${draft.body.id}/submit`);
    await officer.request('PATCH', '/api/v1/me/preferences', { locale: 'tr' });
    expect(ar.body.errors[0].message).toContain('14,037.75');
    expect(ar.body.errors[0].message).toContain('₺');
    expect(ar.body.errors[0].message).toContain('(صافي)');
    expect(ar.body.errors[0].message).not.toMatch(/\bnet\b/);
  });

  it('accepts flagged wording once justified, and staff then publish it', async () => {
    const employerId = await verifiedEmployer();
    const draft = await officer.post(
      '/api/v1/vacancies',
      vacancy(employerId, { title: 'Kadın sığınma evi için bayan personel' }),
    );
    expect(draft.body.wordingFlags[0].ground).toBe('sex');
    await officer.patch(`/api/v1/vacancies/${draft.body.id}`, {
      wordingJustification: 'Kadın konukevi: 6284 sayılı Kanun kapsamında gerçek mesleki gereklilik.',
    });
    expect((await officer.post(`/api/v1/vacancies/${draft.body.id}/submit`)).status).toBe(200);
    expect((await manager.post(`/api/v1/vacancies/${draft.body.id}/review`, { decision: 'publish' })).body.status).toBe(
      'published',
    );
  });

  it('refuses vacancies of a suspended employer, and a concern can suspend it', async () => {
    const employerId = await verifiedEmployer();
    const concern = await officer.post(`/api/v1/employers/${employerId}/concerns`, {
      kind: 'child-labour',
      description: 'Atölyede 14 yaşında çocuk çalıştığı bildirildi.',
      suspend: true,
    });
    expect(concern.status).toBe(201);
    expect(concern.body.items[0]).toMatchObject({ kind: 'child-labour', status: 'open' });
    expect((await officer.get(`/api/v1/employers/${employerId}`)).body.status).toBe('suspended');
    const before = await vacancyCount();
    const res = await officer.post('/api/v1/vacancies', vacancy(employerId));
    expect(res.status).toBe(422);
    expect(res.body.errors[0].code).toBe('decentWork.employer-suspended');
    expect(await vacancyCount()).toBe(before);
  });

  it('publishes only vacancies of verified employers, and only staff with vacancies:approve', async () => {
    const pending = await officer.post('/api/v1/employers', {
      legalName: 'Bekleyen Tekstil A.Ş.',
      taxKind: 'vkn',
      taxNumber: withVknChecksum('555444333'),
      naceCode: '14.13',
      workerCount: 20,
      province: 'İstanbul',
      district: 'Bağcılar',
    });
    const draft = await officer.post('/api/v1/vacancies', vacancy(pending.body.id));
    expect((await officer.post(`/api/v1/vacancies/${draft.body.id}/submit`)).status).toBe(200);
    expect((await officer.post(`/api/v1/vacancies/${draft.body.id}/review`, { decision: 'publish' })).status).toBe(403);
    const refused = await manager.post(`/api/v1/vacancies/${draft.body.id}/review`, { decision: 'publish' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].code).toBe('decentWork.employer-unverified');
    const verify = await officer.post(`/api/v1/employers/${pending.body.id}/status`, { status: 'verified' });
    expect(verify.status).toBe(409);
    expect(verify.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/hazardClass',
      '/termsAccepted',
    ]);
  });

  it('validates employers: VKN checksum, NACE, district', async () => {
    const res = await officer.post('/api/v1/employers', {
      legalName: 'Hatalı Ltd.',
      taxKind: 'vkn',
      taxNumber: '1234567891',
      naceCode: '99.99.99',
      workerCount: 5,
      province: 'İstanbul',
      district: 'Konak',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/district', '/taxNumber']);
    const quota = await officer.get(`/api/v1/employers/${await verifiedEmployer({ workerCount: 120 })}`);
    expect(quota.body.disabilityQuota).toBe(3);
    expect(quota.body.hazardClassSuggested).toBe('low');
  });
});

describe('decent-work rules on referrals', () => {
  async function refer(vacancyId: string, personId: string) {
    const proposed = await counsellor.post('/api/v1/referrals', { vacancyId, personId });
    expect(proposed.status).toBe(201);
    return counsellor.post(`/api/v1/referrals/${proposed.body.id}/send`, { prescreen });
  }

  it('refuses 45 hours or night work for a 17-year-old, and a very hazardous workplace', async () => {
    const minor = await person({ birthDate: '2009-08-01' });
    const employerId = await verifiedEmployer();
    const res = await refer(await publishedVacancy(employerId), minor);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { code: string }) => e.code)).toContain('decentWork.minor-hours');
    const night = await refer(
      await publishedVacancy(employerId, {
        hoursPerWeek: 37.5,
        hoursPerDay: 7.5,
        shifts: ['night'],
        wageMin: 23396.25,
      }),
      minor,
    );
    expect(night.body.errors.map((e: { code: string }) => e.code)).toContain('decentWork.minor-night-work');
    const hazardous = await verifiedEmployer({ naceCode: '41.20' }, 'very-hazardous');
    const site = await refer(
      await publishedVacancy(hazardous, { hoursPerWeek: 40, hoursPerDay: 8, wageMin: 24956 }),
      minor,
    );
    // The vacancy itself asks for 18 (it could not be published for minors): both rules name the person.
    expect(site.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'decentWork.vacancy-minimum-age',
      'decentWork.minor-hazard',
    ]);
  });

  it('keeps a person under temporary protection to their province of registration', async () => {
    const refugee = await person({
      idKind: 'ykn',
      idNumber: withTcknChecksum(`99${String(nextSerial()).slice(-7)}`),
      nationality: 'SY',
      targetGroups: [
        {
          group: 'refugee',
          details: {
            status: 'temporary-protection',
            registrationProvince: 'Gaziantep',
            registrationDate: '2016-04-11',
          },
        },
      ],
    });
    const res = await refer(await publishedVacancy(await verifiedEmployer()), refugee);
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ code: 'decentWork.temporary-protection-province', pointer: '/province' }),
    );
    expect(
      res.body.errors.find((e: { code: string }) => e.code === 'decentWork.temporary-protection-province').message,
    ).toContain('Gaziantep');
  });

  it('needs the person’s consent to share their profile', async () => {
    const noConsent = await person({ consents: [] });
    const res = await refer(await publishedVacancy(await verifiedEmployer()), noConsent);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('errors.referrals.noConsent');
  });

  it('needs a complete pre-screen', async () => {
    const vacancyId = await publishedVacancy(await verifiedEmployer());
    const proposed = await counsellor.post('/api/v1/referrals', { vacancyId, personId: await person() });
    const res = await counsellor.post(`/api/v1/referrals/${proposed.body.id}/send`, {
      prescreen: { ...prescreen, skillsMatch: false },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe('/prescreen/skillsMatch');
    expect((await counsellor.get(`/api/v1/referrals/${proposed.body.id}`)).body.status).toBe('proposed');
  });
});

describe('the referral workflow', () => {
  let employerA: string;
  let employerB: string;
  let employerClient: TestClient;

  beforeAll(async () => {
    employerA = await verifiedEmployer({ legalName: 'Boğaziçi Lokantaları A.Ş.' });
    employerB = await verifiedEmployer({ legalName: 'Başka Firma Ltd.' });
    const me = await (await t.as('ibb', 'employer')).get('/api/v1/me');
    await t.database.db.insert(employerUsers).values({ userId: me.body.id, employerId: employerA, manager: true });
    employerClient = await t.as('ibb', 'employer');
  });

  it('runs proposed → sent → seen → interview → hired; the person’s other referrals become obsolete', async () => {
    const personId = await person();
    const vA = await publishedVacancy(employerA);
    const vB = await publishedVacancy(employerB);
    const r1 = (await counsellor.post('/api/v1/referrals', { vacancyId: vA, personId })).body.id;
    const r2 = (await counsellor.post('/api/v1/referrals', { vacancyId: vB, personId })).body.id;
    // The employer sees nothing before the referral is sent.
    expect((await employerClient.get(`/api/v1/referrals/${r1}`)).status).toBe(404);
    const sent = await counsellor.post(`/api/v1/referrals/${r1}/send`, { prescreen, note: 'Mutfak deneyimi var.' });
    expect(sent.status).toBe(200);
    expect(sent.body.status).toBe('sent');
    const disclosures = await t.database.db.select().from(disclosureLog).where(eq(disclosureLog.referralId, r1));
    expect(disclosures).toHaveLength(1);
    expect(disclosures[0]!.recipientName).toBe('Boğaziçi Lokantaları A.Ş.');
    const personMessage = await t.database.db.query.outboxMessages.findFirst({
      where: (m, { eq: e }) => e(m.template, 'referral-sent-person'),
    });
    expect(personMessage?.body).toContain('Boğaziçi Lokantaları');

    const seen = await employerClient.get(`/api/v1/referrals/${r1}`);
    expect(seen.body.status).toBe('seen');
    expect(seen.body.sharedProfile.familyName).toMatch(/^Adayı/);
    // The employer is told which office referred the person (to reach them without contact details); staff are not.
    expect(Object.keys(seen.body.contactOffice).sort()).toEqual(['name', 'phone']);
    expect(seen.body.contactOffice.name).not.toBe('');
    expect((await counsellor.get(`/api/v1/referrals/${r1}`)).body.contactOffice).toBeNull();
    expect(seen.body.prescreenNote).toBeNull();
    expect(JSON.stringify(seen.body)).not.toMatch(/idNumber|targetGroups/);
    const interview = await employerClient.post(`/api/v1/referrals/${r1}/transition`, {
      status: 'interview',
      interviewAt: '2026-12-20T10:00:00+03:00',
    });
    expect(interview.body.status).toBe('interview');
    expect(interview.body.answeredAt).not.toBeNull();
    const hired = await employerClient.post(`/api/v1/referrals/${r1}/transition`, { status: 'hired' });
    expect(hired.body.status).toBe('hired');
    expect(hired.body.events.map((e: { to: string }) => e.to)).toEqual([
      'proposed',
      'sent',
      'seen',
      'interview',
      'hired',
    ]);
    // Staff read which colleague made each step; the employer does not.
    expect(hired.body.events.map((e: { actorName: string | null }) => e.actorName)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    const history = (await counsellor.get(`/api/v1/referrals/${r1}`)).body.events;
    expect(history.map((e: { actorKind: string; actorName: string | null }) => [e.actorKind, e.actorName])).toEqual([
      ['staff', 'Zeynep Kaya'],
      ['staff', 'Zeynep Kaya'],
      ['employer', null],
      ['employer', null],
      ['employer', null],
    ]);
    expect((await counsellor.get(`/api/v1/referrals/${r2}`)).body.status).toBe('obsolete');
  });

  it('refuses transitions that the workflow does not allow, and refusals without a valid reason', async () => {
    const personId = await person();
    const v = await publishedVacancy(employerA);
    const id = (await counsellor.post('/api/v1/referrals', { vacancyId: v, personId })).body.id;
    // Not yet sent: nobody can hire; an employer cannot even see it.
    const early = await counsellor.post(`/api/v1/referrals/${id}/transition`, { status: 'hired' });
    expect(early.status, JSON.stringify(early.body)).toBe(409);
    expect((await employerClient.post(`/api/v1/referrals/${id}/transition`, { status: 'interview' })).status).toBe(404);
    const sent = await counsellor.post(`/api/v1/referrals/${id}/send`, { prescreen });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    // An employer cannot record the person's refusal nor withdraw.
    expect(
      (await employerClient.post(`/api/v1/referrals/${id}/transition`, { status: 'refused-by-person', reason: 'wage' }))
        .status,
    ).toBe(409);
    expect((await employerClient.post(`/api/v1/referrals/${id}/transition`, { status: 'withdrawn' })).status).toBe(409);
    const noReason = await employerClient.post(`/api/v1/referrals/${id}/transition`, { status: 'refused-by-employer' });
    expect(noReason.status).toBe(422);
    expect(noReason.body.errors[0].pointer).toBe('/reason');
    const wrongList = await employerClient.post(`/api/v1/referrals/${id}/transition`, {
      status: 'refused-by-employer',
      reason: 'childcare',
    });
    expect(wrongList.status).toBe(422);
    const other = await employerClient.post(`/api/v1/referrals/${id}/transition`, {
      status: 'refused-by-employer',
      reason: 'other',
    });
    expect(other.body.errors[0].pointer).toBe('/reasonText');
    const refused = await employerClient.post(`/api/v1/referrals/${id}/transition`, {
      status: 'refused-by-employer',
      reason: 'experience',
    });
    expect(refused.body.status).toBe('refused-by-employer');
    for (const status of ['interview', 'hired', 'withdrawn', 'refused-by-person']) {
      expect((await counsellor.post(`/api/v1/referrals/${id}/transition`, { status, reason: 'wage' })).status).toBe(
        409,
      );
    }
  });

  it('lets staff withdraw, and record the person refusing with their reason', async () => {
    const v = await publishedVacancy(employerA);
    const a = (await counsellor.post('/api/v1/referrals', { vacancyId: v, personId: await person() })).body.id;
    expect((await counsellor.post(`/api/v1/referrals/${a}/transition`, { status: 'withdrawn' })).body.status).toBe(
      'withdrawn',
    );
    const b = (await counsellor.post('/api/v1/referrals', { vacancyId: v, personId: await person() })).body.id;
    await counsellor.post(`/api/v1/referrals/${b}/send`, { prescreen });
    const refused = await counsellor.post(`/api/v1/referrals/${b}/transition`, {
      status: 'refused-by-person',
      reason: 'childcare',
    });
    expect(refused.body).toMatchObject({ status: 'refused-by-person', reason: 'childcare' });
    const again = await counsellor.post('/api/v1/referrals', {
      vacancyId: v,
      personId: (await counsellor.get(`/api/v1/referrals/${a}`)).body.person.id,
    });
    expect(again.status).toBe(201);
  });

  it("isolates the portal: an employer never sees another employer's referrals or any unreferred person", async () => {
    const personId = await person();
    const vB = await publishedVacancy(employerB);
    const id = (await counsellor.post('/api/v1/referrals', { vacancyId: vB, personId })).body.id;
    await counsellor.post(`/api/v1/referrals/${id}/send`, { prescreen });
    expect((await employerClient.get(`/api/v1/referrals/${id}`)).status).toBe(404);
    expect((await employerClient.post(`/api/v1/referrals/${id}/transition`, { status: 'hired' })).status).toBe(404);
    const list = await employerClient.get('/api/v1/referrals?pageSize=100');
    // The demo employer user manages employerA and the demo's Örme Tekstil, whose demo referrals it sees too.
    const me = (await employerClient.get('/api/v1/me')).body.id as string;
    const mine = (
      await t.database.db
        .select({ id: employerUsers.employerId })
        .from(employerUsers)
        .where(eq(employerUsers.userId, me))
    ).map((r) => r.id);
    expect(mine).toContain(employerA);
    expect(mine).not.toContain(employerB);
    expect(list.body.items.length).toBeGreaterThan(0);
    expect(list.body.items.every((r: { employer: { id: string } }) => mine.includes(r.employer.id))).toBe(true);
    expect((await employerClient.get(`/api/v1/persons/${personId}`)).status).toBe(403);
    expect((await employerClient.get(`/api/v1/employers/${employerB}`)).status).toBe(404);
    expect((await employerClient.get(`/api/v1/vacancies/${vB}`)).status).toBe(404);
    expect((await employerClient.get(`/api/v1/employers/${employerA}`)).status).toBe(200);
  });

  it('lists the newest change first and caps the total like the person list ("more than 1,000")', async () => {
    const all = await counsellor.get('/api/v1/referrals?pageSize=100');
    expect(all.status).toBe(200);
    expect(all.body.totalCapped).toBe(false);
    expect(all.body.total).toBe(all.body.items.length);
    expect(all.body.total).toBeGreaterThan(3);
    const cap = REFERRAL_LIST.countCap;
    REFERRAL_LIST.countCap = 2;
    try {
      const first = await counsellor.get('/api/v1/referrals?pageSize=2');
      expect(first.body).toMatchObject({ total: 2, totalCapped: true });
      // Pages past the cap still come, in the same order as the uncapped list.
      const second = await counsellor.get('/api/v1/referrals?pageSize=2&page=2');
      expect(second.body.totalCapped).toBe(true);
      const ids = [...first.body.items, ...second.body.items].map((r: { id: string }) => r.id);
      expect(ids).toEqual(all.body.items.slice(0, 4).map((r: { id: string }) => r.id));
      // A filter that finds fewer than the cap says its exact total (the demo's hires are two already).
      const withdrawn = await counsellor.get('/api/v1/referrals?status=withdrawn');
      expect(withdrawn.body.total).toBeLessThan(2);
      expect(withdrawn.body.totalCapped).toBe(false);
      expect(withdrawn.body.total).toBe(withdrawn.body.items.length);
    } finally {
      REFERRAL_LIST.countCap = cap;
    }
  });

  it('counts the employer’s answer time in working days and flags overdue referrals', async () => {
    const v = await publishedVacancy(employerA);
    const id = (await counsellor.post('/api/v1/referrals', { vacancyId: v, personId: await person() })).body.id;
    t.clock.set(new Date('2026-05-25T09:00:00+03:00')); // Monday before Kurban Bayramı (27–30 May 2026)
    await counsellor.post(`/api/v1/referrals/${id}/send`, { prescreen });
    t.clock.set(new Date('2026-06-02T09:00:00+03:00'));
    // 25 May → 2 June: 26 (eve, counts), 1 June, 2 June = 3 working days.
    const waiting = await counsellor.get(`/api/v1/referrals/${id}`);
    expect(waiting.body.waitingWorkingDays).toBe(3);
    expect(waiting.body.overdue).toBe(false);
    t.clock.set(new Date('2026-06-05T09:00:00+03:00'));
    expect((await counsellor.get(`/api/v1/referrals/${id}`)).body.overdue).toBe(true);
    const overdueList = await counsellor.get('/api/v1/referrals?overdue=true');
    expect(overdueList.body.items.map((r: { id: string }) => r.id)).toContain(id);
    // The reminder job writes to the employer's portal users once per period, even when run twice.
    expect(await runSweep(t.deps, 'referral-reminders')).toBeGreaterThan(0);
    expect(await runSweep(t.deps, 'referral-reminders')).toBe(0);
    const reminder = await t.database.db.query.outboxMessages.findFirst({
      where: (m, { and: both, eq: is }) =>
        both(is(m.recipient, 'employer@ibb.example'), is(m.template, 'referral-reminder')),
    });
    expect(reminder?.body).toContain('iş günüdür yanıt bekliyor');
    await employerClient.post(`/api/v1/referrals/${id}/transition`, { status: 'interview' });
    const record = await officer.get(`/api/v1/employers/${employerA}/response-record`);
    expect(record.body.answered).toBeGreaterThan(0);
    t.clock.set(new Date());
  });
});

describe('vacancies filled by hires', () => {
  it('marks a vacancy filled when every position is taken', async () => {
    const employerId = await verifiedEmployer();
    const me = await (await t.as('ibb', 'employer')).get('/api/v1/me');
    void me;
    const v = await publishedVacancy(employerId, { positions: 1 });
    const id = (await counsellor.post('/api/v1/referrals', { vacancyId: v, personId: await person() })).body.id;
    await counsellor.post(`/api/v1/referrals/${id}/send`, { prescreen });
    await counsellor.post(`/api/v1/referrals/${id}/transition`, { status: 'hired' });
    expect((await officer.get(`/api/v1/vacancies/${v}`)).body.status).toBe('filled');
    const [row] = await t.database.db.select().from(referrals).where(eq(referrals.id, id));
    expect(row!.status).toBe('hired');
  });
});

describe('issue 8: rules that let violations through', () => {
  async function refer(vacancyId: string, personId: string, headers: Record<string, string> = {}) {
    const proposed = await counsellor.post('/api/v1/referrals', { vacancyId, personId });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const sent = await counsellor.post(`/api/v1/referrals/${proposed.body.id}/send`, { prescreen }, headers);
    return Object.assign(sent, { id: proposed.body.id as string });
  }
  const codes = (res: { body: { errors?: { code: string }[] } }) => (res.body.errors ?? []).map((e) => e.code);

  it('item 1: refuses a backdated start date at submission, and the old minimum wage with it', async () => {
    const employerId = await verifiedEmployer();
    const draft = await officer.post(
      '/api/v1/vacancies',
      vacancy(employerId, { startDate: '2025-12-20', wageMin: 26005.5, wageBasis: 'gross' }),
    );
    expect(draft.status).toBe(201);
    const res = await officer.post(`/api/v1/vacancies/${draft.body.id}/submit`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ pointer: '/startDate', code: 'decentWork.start-date-past' }),
    );
    expect(res.body.errors).toContainEqual(
      expect.objectContaining({ pointer: '/wageMin', code: 'decentWork.minimum-wage' }),
    );
    const wage = res.body.errors.find((e: { code: string }) => e.code === 'decentWork.minimum-wage');
    expect(wage.message).toContain('₺33.030,00');
    expect((await officer.get(`/api/v1/vacancies/${draft.body.id}`)).body.status).toBe('draft');
  });

  it('item 1: checks the wage on the publication and the referral date when they are later than the start', async () => {
    const start = t.clock.now();
    try {
      // Submitted in December 2025 for a start on 20 December at the 2025 gross minimum: lawful then.
      t.clock.set(new Date('2025-12-10T09:00:00+03:00'));
      const staff = await t.signIn('employer-relations@ibb.example');
      const employerId = await verifiedEmployerAs(staff);
      const created = await staff.post(
        '/api/v1/vacancies',
        vacancy(employerId, { startDate: '2025-12-20', wageMin: 26005.5, wageBasis: 'gross' }),
      );
      expect((await staff.post(`/api/v1/vacancies/${created.body.id}/submit`)).status).toBe(200);
      // Published on 5 January 2026: the 2026 minimum (₺33.030,00 gross) is in force.
      t.clock.set(new Date('2026-01-05T09:00:00+03:00'));
      const late = await t.signIn('manager@ibb.example');
      const refused = await late.post(`/api/v1/vacancies/${created.body.id}/review`, { decision: 'publish' });
      expect(refused.status).toBe(422);
      expect(refused.body.errors[0]).toMatchObject({ code: 'decentWork.minimum-wage', pointer: '/wageMin' });
      expect(refused.body.errors[0].message).toContain('05.01.2026');
      // Published in time, a referral in January is refused all the same.
      t.clock.set(new Date('2025-12-15T09:00:00+03:00'));
      const staffAgain = await t.signIn('employer-relations@ibb.example');
      const approverAgain = await t.signIn('manager@ibb.example');
      const other = await staffAgain.post(
        '/api/v1/vacancies',
        vacancy(employerId, { startDate: '2025-12-20', wageMin: 26005.5, wageBasis: 'gross' }),
      );
      await staffAgain.post(`/api/v1/vacancies/${other.body.id}/submit`);
      expect(
        (await approverAgain.post(`/api/v1/vacancies/${other.body.id}/review`, { decision: 'publish' })).status,
      ).toBe(200);
      t.clock.set(new Date('2026-01-02T09:00:00+03:00'));
      const advisor = await t.signIn('counsellor@ibb.example');
      const personId = await person();
      const proposed = await advisor.post('/api/v1/referrals', { vacancyId: other.body.id, personId });
      const sent = await advisor.post(`/api/v1/referrals/${proposed.body.id}/send`, { prescreen });
      expect(sent.status).toBe(422);
      expect(codes(sent)).toContain('decentWork.minimum-wage');
    } finally {
      t.clock.set(start);
    }
  });

  it('item 2: refers no 17-year-old to a 40-hour day-shift vacancy whose minimum age is 18', async () => {
    const minor = await person({ birthDate: '2009-08-01' });
    const v = await publishedVacancy(await verifiedEmployer(), {
      hoursPerWeek: 40,
      hoursPerDay: 8,
      wageMin: 24956,
      minimumAge: 18,
    });
    const res = await refer(v, minor);
    expect(res.status).toBe(422);
    expect(codes(res)).toEqual(['decentWork.vacancy-minimum-age']);
    expect(res.body.errors[0].message).toMatch(/en küçük yaşı 18; kişi .* 17 yaşında/);
    const [row] = await t.database.db.select().from(referrals).where(eq(referrals.id, res.id));
    expect(row!.status).toBe('proposed');
  });

  it('item 3: waits 6 months after temporary-protection registration, whatever permit is recorded', async () => {
    const twoMonthsAgo = new Date(Date.now() - 61 * 86_400_000).toISOString().slice(0, 10);
    const refugee = await person({
      idKind: 'ykn',
      idNumber: withTcknChecksum(`99${String(nextSerial()).slice(-7)}`),
      nationality: 'SY',
      targetGroups: [
        {
          group: 'refugee',
          details: { status: 'temporary-protection', registrationProvince: 'İstanbul', registrationDate: twoMonthsAgo },
        },
      ],
    });
    const employerId = await verifiedEmployer();
    // A permit recorded as granted does not shorten the waiting period.
    const permit = await counsellor.post(`/api/v1/persons/${refugee}/work-permits`, {
      kind: 'temporary-protection-permit',
      status: 'granted',
      employerId,
      requestedOn: twoMonthsAgo,
      decidedOn: twoMonthsAgo,
      validFrom: twoMonthsAgo,
      validUntil: '2027-12-31',
    });
    expect(permit.status, JSON.stringify(permit.body)).toBe(201);
    const res = await refer(await publishedVacancy(employerId), refugee);
    expect(res.status).toBe(422);
    expect(codes(res)).toEqual(['decentWork.temporary-protection-waiting']);
    expect(res.body.errors[0].message).toMatch(/6 ay sonra çalışabilir: \d{2}\.\d{2}\.\d{4} tarihinden/);
  });

  it('item 3: refers a person under temporary protection without a permit and tells the employer to request it', async () => {
    const refugee = await person({
      idKind: 'ykn',
      idNumber: withTcknChecksum(`99${String(nextSerial()).slice(-7)}`),
      nationality: 'SY',
      targetGroups: [
        {
          group: 'refugee',
          details: { status: 'temporary-protection', registrationProvince: 'İstanbul', registrationDate: '2018-03-01' },
        },
      ],
    });
    const employerId = await verifiedEmployer({ legalName: `İzinli Lokanta Ltd. ${nextSerial()}` });
    const me = await (await t.as('ibb', 'employer')).get('/api/v1/me');
    await t.database.db.insert(employerUsers).values({ userId: me.body.id, employerId, manager: false });
    const res = await refer(await publishedVacancy(employerId), refugee);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.permitDuty).toBe('request-temporary-protection-permit');
    const mail = await t.lastMessageTo('employer@ibb.example');
    expect(mail?.template).toBe('referral-sent-employer');
    expect(mail?.body).toContain('İstanbul ilinde geçerli bir çalışma izni başvurusu yapmanız gerekir');
    expect(mail?.body).toMatch(/en erken başlama: \d{2}\.\d{2}\.\d{4}/);
    const employerClient = await t.as('ibb', 'employer');
    const seen = await employerClient.get(`/api/v1/referrals/${res.id}`);
    expect(seen.body.permitDuty).toBe('request-temporary-protection-permit');
    const [disclosure] = await t.database.db.select().from(disclosureLog).where(eq(disclosureLog.referralId, res.id));
    expect(disclosure!.dataCategories).toContain('right-to-work');
  });

  it('item 3: refers outside the province of registration for seasonal agriculture, under the exemption', async () => {
    const refugee = await person({
      idKind: 'ykn',
      idNumber: withTcknChecksum(`99${String(nextSerial()).slice(-7)}`),
      nationality: 'SY',
      targetGroups: [
        {
          group: 'refugee',
          details: {
            status: 'temporary-protection',
            registrationProvince: 'Gaziantep',
            registrationDate: '2017-05-01',
          },
        },
      ],
    });
    const farm = await verifiedEmployer({ naceCode: '01.13', legalName: `Bereket Tarım ${nextSerial()}` });
    const v = await publishedVacancy(farm, {
      title: 'Mevsimlik tarım işçisi',
      occupation: 'Tarım işçisi',
      contractType: 'seasonal',
    });
    const res = await refer(v, refugee);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.permitDuty).toBe('request-seasonal-agriculture-exemption');
  });

  it('item 4: other foreigners are referred with the permit duty, and none once a valid permit is recorded', async () => {
    const foreigner = await person({
      idKind: 'passport',
      idNumber: `P${nextSerial()}`,
      passportCountry: 'AF',
      nationality: 'AF',
    });
    const employerId = await verifiedEmployer();
    const first = await refer(await publishedVacancy(employerId), foreigner);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.permitDuty).toBe('request-work-permit');
    const permit = await counsellor.post(`/api/v1/persons/${foreigner}/work-permits`, {
      kind: 'work-permit',
      status: 'granted',
      employerId,
      decidedOn: '2026-11-01',
      validFrom: '2026-11-15',
      validUntil: '2027-11-14',
    });
    expect(permit.status, JSON.stringify(permit.body)).toBe(201);
    const second = await refer(
      await publishedVacancy(employerId, { title: 'Bulaşıkçı', occupation: 'Bulaşıkçı' }),
      foreigner,
    );
    expect(second.status).toBe(200);
    expect(second.body.permitDuty).toBeNull();
    const citizen = await refer(
      await publishedVacancy(employerId, { title: 'Komi', occupation: 'Komi' }),
      await person(),
    );
    expect(citizen.body.permitDuty).toBeNull();
  });

  it('item 6: refuses 5 hours a day with 45 a week, and days that do not match the hours', async () => {
    const employerId = await verifiedEmployer();
    const before = await vacancyCount();
    const res = await officer.post('/api/v1/vacancies', vacancy(employerId, { hoursPerDay: 5, hoursPerWeek: 45 }));
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ pointer: '/hoursPerWeek', code: 'decentWork.weekly-rest' });
    expect(res.body.errors[0].message).toBe(
      'Günde 5 saatle haftada 45 saate ulaşılamaz: haftada en az bir gün tatil zorunludur (İş Kanunu m. 46), 6 günde en çok 30 saat çalışılır.',
    );
    const days = await officer.post(
      '/api/v1/vacancies',
      vacancy(employerId, { hoursPerDay: 8, hoursPerWeek: 45, daysPerWeek: 5 }),
    );
    expect(days.status).toBe(422);
    expect(days.body.errors[0]).toMatchObject({ pointer: '/daysPerWeek', code: 'decentWork.hours-inconsistent' });
    expect(await vacancyCount()).toBe(before);
    const ok = await officer.post(
      '/api/v1/vacancies',
      vacancy(employerId, { hoursPerDay: 9, hoursPerWeek: 45, daysPerWeek: 5 }),
    );
    expect(ok.status).toBe(201);
    expect(ok.body.daysPerWeek).toBe(5);
    const edit = await officer.patch(`/api/v1/vacancies/${ok.body.id}`, { hoursPerDay: 5 });
    expect(edit.status).toBe(422);
    expect(edit.body.errors[0].pointer).toBe('/daysPerWeek');
  });

  it('item 21: formats the check and the person’s referral message in their language', async () => {
    const employerId = await verifiedEmployer();
    const draft = await officer.post('/api/v1/vacancies', vacancy(employerId, { wageMin: 20000 }));
    await officer.request('PATCH', '/api/v1/me/preferences', { locale: 'en' });
    const check = await officer.get(`/api/v1/vacancies/${draft.body.id}/check`);
    await officer.request('PATCH', '/api/v1/me/preferences', { locale: 'tr' });
    expect(check.body.violations[0]).toMatchObject({ code: 'decentWork.minimum-wage' });
    expect(check.body.violations[0].message).toMatch(/at least ₺28,075\.50 \(net\) for 45 hours a week/);
    const v = await publishedVacancy(employerId, { startDate: '2026-12-15', wageMin: 28075.5 });
    const personId = await person({ phone: `+90533${String(nextSerial()).slice(-7)}` });
    const sent = await refer(v, personId);
    expect(sent.status).toBe(200);
    const [row] = await t.database.db.select().from(referrals).where(eq(referrals.id, sent.id));
    const sms = await t.database.db.query.outboxMessages.findFirst({
      where: (m, { and: both, eq: is }) => both(is(m.template, 'referral-sent-person'), is(m.createdAt, row!.sentAt!)),
    });
    expect(sms?.body).toContain('başlangıç 15.12.2026, aylık ₺28.075,50 net');
  });

  it('issue 9: refuses a referral to a suspended employer, naming the concern in words', async () => {
    const employerId = await verifiedEmployer();
    const v = await publishedVacancy(employerId);
    const proposed = await counsellor.post('/api/v1/referrals', { vacancyId: v, personId: await person() });
    await officer.post(`/api/v1/employers/${employerId}/concerns`, {
      kind: 'unregistered-work',
      description: 'Çalışanların SGK girişi yapılmadığı bildirildi.',
      suspend: true,
    });
    const res = await counsellor.post(`/api/v1/referrals/${proposed.body.id}/send`, { prescreen });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ code: 'decentWork.employer-suspended', pointer: '/employerId' });
    expect(res.body.errors[0].message).toBe(
      'İşveren askıya alınmış: Kaydedilen bir ihbar nedeniyle: Kayıt dışı çalıştırma',
    );
  });
});

async function verifiedEmployerAs(staff: TestClient) {
  const serial = nextSerial();
  const res = await staff.post('/api/v1/employers', {
    legalName: `Geçmiş Tarihli Gıda Ltd. ${serial}`,
    taxKind: 'vkn',
    taxNumber: withVknChecksum(String(serial).padStart(9, '4').slice(0, 9)),
    naceCode: '56.10',
    workerCount: 60,
    province: 'İstanbul',
    district: 'Fatih',
    acceptTerms: true,
  });
  expect(res.status).toBe(201);
  await staff.post(`/api/v1/employers/${res.body.id}/hazard-class`, { hazardClass: 'low' });
  expect((await staff.post(`/api/v1/employers/${res.body.id}/status`, { status: 'verified' })).status).toBe(200);
  return res.body.id as string;
}
