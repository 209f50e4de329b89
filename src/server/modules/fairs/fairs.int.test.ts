import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { runSweep } from '../../jobs/handlers.ts';
import { prescreen, referralFixture } from '../../test/referral-fixture.ts';
import {
  auditEvents,
  disclosureLog,
  fairApplications,
  fairPositions,
  fairs,
  fairVisitors,
  placements,
  referrals,
} from '../../db/schema/index.ts';

let t: TestContext;
let manager: TestClient; // İBB manager: fairs:manage, persons:read (exact figures)
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih
let trainer: TestClient; // no fair permission
let officeId: string;
const fx = referralFixture(730_000_00);

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-01T09:00:00Z'));
  ({ manager, counsellor } = await fx.signIn(t));
  trainer = await t.as('ibb', 'trainer');
  const admin = await t.as('ibb', 'admin');
  officeId = (await admin.get('/api/v1/offices')).body.items[0].id;
});
afterAll(async () => t.close());

function fair(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Fatih Kariyer Günleri',
    startDate: '2026-12-10',
    endDate: '2026-12-11',
    place: 'Fatih Belediyesi Kültür Merkezi',
    province: 'İstanbul',
    district: 'Fatih',
    officeId,
    ...overrides,
  };
}

function fairOnly(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Kasiyer',
    openings: 3,
    startDate: '2027-01-04',
    contractType: 'permanent',
    wageMin: 28075.5,
    wageBasis: 'net',
    hoursPerWeek: 45,
    hoursPerDay: 9,
    shifts: ['day'],
    hazardClass: 'low',
    minimumAge: 18,
    registered: true,
    ...overrides,
  };
}

async function newFair() {
  const res = await manager.post('/api/v1/fairs', fair());
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; walkInUrl: string; walkInQrSvg: string };
}

async function withEmployer(fairId: string) {
  const employerId = await fx.verifiedEmployer();
  const res = await manager.post(`/api/v1/fairs/${fairId}/employers`, { employerId, stand: 'A3' });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { employerId, standId: res.body.employers.at(-1).id as string };
}

const countOf = async (table: typeof fairs | typeof fairPositions | typeof fairVisitors) =>
  (await t.database.db.select({ n: count() }).from(table))[0]!.n;

describe('fairs', () => {
  it('organises a fair with a walk-in QR code, audited', async () => {
    const f = await newFair();
    expect(f.walkInUrl).toMatch(/\/f\/[A-Za-z0-9_-]{20,}$/);
    expect(f.walkInQrSvg).toContain('<svg');
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'fair.created'), eq(auditEvents.subjectId, (f as { id: string }).id)));
    expect(event).toBeDefined();
    const list = await manager.get('/api/v1/fairs?q=fatih kariyer&sort=name&order=asc');
    expect(list.status).toBe(200);
    expect(list.body.items.some((i: { id: string }) => i.id === f.id)).toBe(true);
  });

  it('refuses an end before the start, naming the field, with nothing written', async () => {
    const before = await countOf(fairs);
    const res = await manager.post('/api/v1/fairs', fair({ startDate: '2026-12-11', endDate: '2026-12-10' }));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors[0]).toMatchObject({ pointer: '/endDate', code: 'errors.fairs.endBeforeStart' });
    expect(res.body.errors[0].message).toBeTruthy();
    expect(await countOf(fairs)).toBe(before);
  });

  it('changes a fair: only the fields given, audited; a bad change names its field and writes nothing', async () => {
    const f = await newFair();
    const izmirOffice = (await (await t.as('izmir', 'admin')).get('/api/v1/offices')).body.items[0].id as string;
    const ok = await manager.patch(`/api/v1/fairs/${f.id}`, { place: 'Fatih Gençlik Merkezi', endDate: '2026-12-12' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      place: 'Fatih Gençlik Merkezi',
      endDate: '2026-12-12',
      name: 'Fatih Kariyer Günleri',
    });
    const events = await t.database.db
      .select({ fields: auditEvents.fields })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'fair.updated'), eq(auditEvents.subjectId, f.id)));
    expect(events.map((e) => e.fields)).toEqual([['place', 'endDate']]);

    const early = await manager.patch(`/api/v1/fairs/${f.id}`, { startDate: '2026-12-13', name: 'Başka ad' });
    expect(early.status).toBe(422);
    expect(early.body.errors[0]).toMatchObject({ pointer: '/startDate', code: 'errors.fairs.endBeforeStart' });
    const office = await manager.patch(`/api/v1/fairs/${f.id}`, { officeId: izmirOffice });
    expect(office.status).toBe(422);
    expect(office.body.errors[0]).toMatchObject({ pointer: '/officeId', code: 'errors.fairs.officeUnknown' });
    const [row] = await t.database.db.select().from(fairs).where(eq(fairs.id, f.id));
    expect(row).toMatchObject({ name: 'Fatih Kariyer Günleri', startDate: '2026-12-10', officeId });
    expect((await trainer.patch(`/api/v1/fairs/${f.id}`, { place: 'X yeri' })).status).toBe(403);
  });

  it('refuses a fair-only position below the minimum wage or not registered, with nothing written', async () => {
    const f = await newFair();
    const { standId } = await withEmployer(f.id);
    const before = await countOf(fairPositions);
    const low = await manager.post(
      `/api/v1/fairs/${f.id}/employers/${standId}/positions`,
      fairOnly({ wageMin: 15000 }),
    );
    expect(low.status).toBe(422);
    expect(low.body.code).toBe('errors.decentWork.refused');
    expect(low.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/wageMin');
    const child = await manager.post(
      `/api/v1/fairs/${f.id}/employers/${standId}/positions`,
      fairOnly({ minimumAge: 14, registered: false }),
    );
    expect(child.status).toBe(422);
    expect(child.body.errors.map((e: { code: string }) => e.code)).toEqual(
      expect.arrayContaining(['decentWork.child-labour', 'decentWork.registered-employment']),
    );
    expect(await countOf(fairPositions)).toBe(before);
    const ok = await manager.post(`/api/v1/fairs/${f.id}/employers/${standId}/positions`, fairOnly());
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(await countOf(fairPositions)).toBe(before + 1);
  });

  it('turns an application to a vacancy into a referral (source fair) whose hire is a job-fair placement', async () => {
    const f = await newFair();
    const { employerId, standId } = await withEmployer(f.id);
    const vacancyId = await fx.publishedVacancy(employerId);
    const added = await manager.post(`/api/v1/fairs/${f.id}/employers/${standId}/positions`, { vacancyId });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    const positionId = added.body.employers[0].positions[0].id as string;
    const personId = await fx.person();
    const visitor = await counsellor.post(`/api/v1/fairs/${f.id}/visitors`, { personId });
    expect(visitor.status, JSON.stringify(visitor.body)).toBe(201);
    expect(visitor.body).toMatchObject({ channel: 'pre-registered', personId, sex: 'female' });

    const applied = await counsellor.post(`/api/v1/fairs/${f.id}/applications`, {
      visitorId: visitor.body.id,
      positionId,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body.referralId).toBeTruthy();
    expect(applied.body.referralStatus).toBe('proposed');
    const [referral] = await t.database.db.select().from(referrals).where(eq(referrals.id, applied.body.referralId));
    expect(referral).toMatchObject({ source: 'fair', personId, vacancyId, status: 'proposed' });

    // The same application twice is refused.
    const again = await counsellor.post(`/api/v1/fairs/${f.id}/applications`, {
      visitorId: visitor.body.id,
      positionId,
    });
    expect(again.status).toBe(409);

    // The referral follows the referrals workflow (pre-screen, consent and rules on sending), then the hire.
    const sent = await counsellor.post(`/api/v1/referrals/${referral!.id}/send`, { prescreen });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const hired = await counsellor.post(`/api/v1/referrals/${referral!.id}/transition`, { status: 'hired' });
    expect(hired.status, JSON.stringify(hired.body)).toBe(200);
    const [placement] = await t.database.db.select().from(placements).where(eq(placements.referralId, referral!.id));
    expect(placement?.source).toBe('job-fair');

    const report = await manager.get(`/api/v1/fairs/${f.id}/report`);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({ applications: 1, referrals: 1, hires: 1, interviews: 1, preRegistered: 1 });
  });

  it('an application for a person without consent to share stays a proposal the send refuses', async () => {
    const f = await newFair();
    const { employerId, standId } = await withEmployer(f.id);
    const vacancyId = await fx.publishedVacancy(employerId);
    const added = await manager.post(`/api/v1/fairs/${f.id}/employers/${standId}/positions`, { vacancyId });
    const positionId = added.body.employers[0].positions[0].id as string;
    const personId = await fx.person({ consents: [] });
    const visitor = await counsellor.post(`/api/v1/fairs/${f.id}/visitors`, { personId });
    const applied = await counsellor.post(`/api/v1/fairs/${f.id}/applications`, {
      visitorId: visitor.body.id,
      positionId,
    });
    expect(applied.status).toBe(201);
    const sent = await counsellor.post(`/api/v1/referrals/${applied.body.referralId}/send`, { prescreen });
    expect(sent.status).toBe(409);
    expect(sent.body.code).toBe('errors.referrals.noConsent');
  });

  it('removes a position or an employer without applications (audited); with applications 409, nothing removed', async () => {
    const f = await newFair();
    const { standId } = await withEmployer(f.id);
    await manager.post(`/api/v1/fairs/${f.id}/employers/${standId}/positions`, fairOnly());
    const two = await manager.post(
      `/api/v1/fairs/${f.id}/employers/${standId}/positions`,
      fairOnly({ title: 'Garson' }),
    );
    const list = two.body.employers[0].positions as { id: string; title: string }[];
    const free = list.find((p) => p.title === 'Garson')!.id;
    const taken = list.find((p) => p.title !== 'Garson')!.id;
    const personId = await fx.person();
    const visitor = await counsellor.post(`/api/v1/fairs/${f.id}/visitors`, { personId });
    const applied = await counsellor.post(`/api/v1/fairs/${f.id}/applications`, {
      visitorId: visitor.body.id,
      positionId: taken,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    const positions = await countOf(fairPositions);

    const refused = await manager.delete(`/api/v1/fairs/${f.id}/positions/${taken}`);
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('errors.fairs.positionHasApplications');
    const stand = await manager.delete(`/api/v1/fairs/${f.id}/employers/${standId}`);
    expect(stand.status).toBe(409);
    expect(stand.body.code).toBe('errors.fairs.employerHasApplications');
    expect(await countOf(fairPositions)).toBe(positions);

    // A counsellor (fairs:manage too) is allowed; a trainer not; another fair's position is unknown.
    expect((await trainer.delete(`/api/v1/fairs/${f.id}/positions/${free}`)).status).toBe(403);
    const other = await newFair();
    expect((await manager.delete(`/api/v1/fairs/${other.id}/positions/${free}`)).status).toBe(404);
    const removed = await manager.delete(`/api/v1/fairs/${f.id}/positions/${free}`);
    expect(removed.status, JSON.stringify(removed.body)).toBe(200);
    expect(removed.body.employers[0].positions.map((p: { id: string }) => p.id)).toEqual([taken]);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'fair.position-removed'), eq(auditEvents.subjectId, f.id)));
    expect(event!.purpose).toBe(free);

    // An employer whose positions have no application leaves with them.
    const second = await withEmployer(f.id);
    await manager.post(`/api/v1/fairs/${f.id}/employers/${second.standId}/positions`, fairOnly());
    const gone = await manager.delete(`/api/v1/fairs/${f.id}/employers/${second.standId}`);
    expect(gone.status).toBe(200);
    expect(gone.body.employers.map((e: { id: string }) => e.id)).toEqual([standId]);
    const [left] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'fair.employer-removed'), eq(auditEvents.subjectId, f.id)));
    expect(left!.purpose).toBe(`${second.standId}:positions:1`);
  });

  it('follows an application to a fair-only position to a job-fair placement', async () => {
    const f = await newFair();
    const { standId } = await withEmployer(f.id);
    const added = await manager.post(`/api/v1/fairs/${f.id}/employers/${standId}/positions`, fairOnly());
    const positionId = added.body.employers[0].positions[0].id as string;
    const personId = await fx.person();
    const visitor = await counsellor.post(`/api/v1/fairs/${f.id}/visitors`, { personId });
    const applied = await counsellor.post(`/api/v1/fairs/${f.id}/applications`, {
      visitorId: visitor.body.id,
      positionId,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body.referralId).toBeNull();
    const interview = await counsellor.patch(`/api/v1/fairs/${f.id}/applications/${applied.body.id}`, {
      status: 'interview',
    });
    expect(interview.body.status).toBe('interview');
    const hired = await counsellor.patch(`/api/v1/fairs/${f.id}/applications/${applied.body.id}`, { status: 'hired' });
    expect(hired.status, JSON.stringify(hired.body)).toBe(200);
    const [row] = await t.database.db.select().from(fairApplications).where(eq(fairApplications.id, applied.body.id));
    const [placement] = await t.database.db.select().from(placements).where(eq(placements.id, row!.placementId!));
    expect(placement).toMatchObject({ source: 'job-fair', personId, jobTitle: 'Kasiyer' });
    const back = await counsellor.patch(`/api/v1/fairs/${f.id}/applications/${applied.body.id}`, {
      status: 'interview',
    });
    expect(back.status).toBe(409);
  });
});

describe('walk-in registration', () => {
  it('registers a walk-in through the public page with the KVKK notice, and links them to a person', async () => {
    const f = await newFair();
    const token = f.walkInUrl.split('/f/')[1]!;
    const page = await t.anonymous.get(`/api/v1/public/fairs/${token}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ name: 'Fatih Kariyer Günleri', district: 'Fatih', open: true });

    const before = await countOf(fairVisitors);
    const body = {
      givenName: 'Ahmad',
      familyName: 'Alhassan',
      phone: '+90 533 111 22 33',
      sex: 'male',
      contactAllowed: true,
      noticeAccepted: false,
      locale: 'ar',
    };
    const refused = await t.anonymous.post(`/api/v1/public/fairs/${token}/visitors`, body);
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].pointer).toBe('/noticeAccepted');
    expect(await countOf(fairVisitors)).toBe(before);

    const ok = await t.anonymous.post(`/api/v1/public/fairs/${token}/visitors`, { ...body, noticeAccepted: true });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const visitors = await manager.get(`/api/v1/fairs/${f.id}/visitors`);
    expect(visitors.body.items).toHaveLength(1);
    expect(visitors.body.items[0]).toMatchObject({
      channel: 'walk-in',
      personId: null,
      name: 'Ahmad Alhassan',
      phone: '+905331112233',
    });
    const [row] = await t.database.db.select().from(fairVisitors).where(eq(fairVisitors.fairId, f.id));
    expect(row!.noticeAcceptedAt).not.toBeNull();

    // A walk-in cannot apply before staff link them to a registered person.
    const unknown = await t.anonymous.get('/api/v1/public/fairs/aaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(unknown.status).toBe(404);
    const personId = await fx.person({ sex: 'male', givenName: 'Ahmad' });
    const linked = await counsellor.post(`/api/v1/fairs/${f.id}/visitors/${row!.id}/link`, { personId });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body).toMatchObject({ personId, phone: null });
    const [after] = await t.database.db.select().from(fairVisitors).where(eq(fairVisitors.id, row!.id));
    expect(after).toMatchObject({ givenName: null, familyName: null, phone: null, personId });
  });

  it('deletes the phone of a walk-in who did not ask to be called once the fair is over', async () => {
    const f = await newFair();
    const token = f.walkInUrl.split('/f/')[1]!;
    const walkIn = (givenName: string, contactAllowed: boolean) =>
      t.anonymous.post(`/api/v1/public/fairs/${token}/visitors`, {
        givenName,
        familyName: 'Telefonlu',
        phone: '+905331234567',
        sex: 'female',
        contactAllowed,
        noticeAccepted: true,
        locale: 'tr',
      });
    expect((await walkIn('Aranmasın', false)).status).toBe(201);
    expect((await walkIn('Aransın', true)).status).toBe(201);
    // The day of the fair: nothing is deleted yet.
    await runSweep(t.deps, 'fair-walk-in-sweep');
    const phones = async () =>
      Object.fromEntries(
        (await t.database.db.select().from(fairVisitors).where(eq(fairVisitors.fairId, f.id))).map((v) => [
          v.givenName,
          v.phone,
        ]),
      );
    expect(await phones()).toEqual({ Aranmasın: '+905331234567', Aransın: '+905331234567' });
    t.clock.set(new Date('2026-12-12T09:00:00Z'));
    await runSweep(t.deps, 'fair-walk-in-sweep');
    expect(await phones()).toEqual({ Aranmasın: null, Aransın: '+905331234567' });
    t.clock.set(new Date('2026-12-01T09:00:00Z'));
  });

  it('closes the walk-in page of a closed fair', async () => {
    const f = await newFair();
    const token = f.walkInUrl.split('/f/')[1]!;
    expect((await manager.patch(`/api/v1/fairs/${f.id}`, { status: 'closed' })).status).toBe(200);
    const res = await t.anonymous.post(`/api/v1/public/fairs/${token}/visitors`, {
      givenName: 'A',
      familyName: 'B',
      sex: 'unstated',
      contactAllowed: false,
      noticeAccepted: true,
      locale: 'tr',
    });
    expect(res.status).toBe(410);
  });
});

describe('the walk-in page is rate-limited like a survey link', () => {
  it('answers 429 after ten registrations a minute from one address', async () => {
    const f = await newFair();
    const token = f.walkInUrl.split('/f/')[1]!;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await t.anonymous.post(`/api/v1/public/fairs/${token}/visitors`, {
        givenName: `Ziyaretçi ${i}`,
        familyName: 'Yürüyen',
        sex: 'female',
        contactAllowed: false,
        noticeAccepted: true,
        locale: 'tr',
      });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
  });
});

describe('the report', () => {
  it('suppresses small cells of visitors by group and sex in the export; exact on screen for persons:read', async () => {
    const f = await newFair();
    // Fourteen walk-ins (written directly: the public page's rate limit is tested below): 12 women, 2 men.
    const [row] = await t.database.db.select().from(fairs).where(eq(fairs.id, f.id));
    await t.database.db.insert(fairVisitors).values(
      Array.from({ length: 14 }, (_, i) => ({
        organisationId: row!.organisationId,
        fairId: f.id,
        channel: 'walk-in' as const,
        givenName: `Ziyaretçi ${i}`,
        familyName: 'Yürüyen',
        sex: i < 12 ? ('female' as const) : ('male' as const),
        noticeAcceptedAt: new Date(),
        registeredAt: new Date(),
      })),
    );
    const screen = await manager.get(`/api/v1/fairs/${f.id}/report`);
    expect(screen.body.threshold).toBeNull();
    expect(screen.body.visitors.male).toEqual({ value: 2, suppressed: false });
    expect(screen.body.walkIns).toBe(14);

    const csv = await manager.get(`/api/v1/fairs/${f.id}/report/export`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const text = csv.raw.payload;
    // 12 women are published, the 2 men are not, and neither are the women (their total would give the men away).
    expect(text).toContain('14');
    expect(text).not.toMatch(/[;,]2[;,\r\n]/);
    expect(text).toContain('–');
  });

  it("counts a project's fair visitors and hires as its actuals, split by target group with small cells suppressed", async () => {
    const project = await manager.post('/api/v1/projects', {
      nameTr: 'Fatih Gençlik İstihdamı',
      startDate: '2026-11-01',
      endDate: '2027-12-31',
      targetGroups: ['neet'],
      districts: [],
      partners: [],
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const projectId = project.body.id as string;
    const whole = [{ periodStart: '2026-11-01', periodEnd: '2027-12-31', target: 20 }];
    for (const [code, measure] of [
      ['1', 'fair-visitors'],
      ['2', 'fair-hires'],
    ] as const) {
      const res = await manager.post(`/api/v1/projects/${projectId}/indicators`, {
        code,
        level: 'output',
        titleTr: `Fuar göstergesi ${code}`,
        measure,
        unit: 'persons',
        baseline: 0,
        targets: whole,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const actuals = async () => {
      const res = await manager.get(`/api/v1/projects/${projectId}/results`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const by = (code: string) => res.body.indicators.find((i: { code: string }) => i.code === code);
      return { visitors: by('1'), hires: by('2') };
    };
    expect((await actuals()).visitors.actual).toBe(0);

    const f = (await manager.post('/api/v1/fairs', fair({ projectId }))).body as { id: string };
    const { standId } = await withEmployer(f.id);
    const added = await manager.post(`/api/v1/fairs/${f.id}/employers/${standId}/positions`, fairOnly());
    const positionId = added.body.employers[0].positions[0].id as string;
    const neet = await fx.person({ targetGroups: [{ group: 'neet', details: {} }] });
    const plain = await fx.person();
    const visitor = await counsellor.post(`/api/v1/fairs/${f.id}/visitors`, { personId: neet });
    await counsellor.post(`/api/v1/fairs/${f.id}/visitors`, { personId: plain });
    // A walk-in (written directly: the public page's per-address limit is spent by the tests above).
    const [fairRow] = await t.database.db.select().from(fairs).where(eq(fairs.id, f.id));
    await t.database.db.insert(fairVisitors).values({
      organisationId: fairRow!.organisationId,
      fairId: f.id,
      channel: 'walk-in',
      givenName: 'Yürüyen',
      familyName: 'Ziyaretçi',
      sex: 'male',
      noticeAcceptedAt: new Date(),
      registeredAt: new Date(),
    });

    let now = await actuals();
    expect(now.visitors).toMatchObject({ actual: 3, split: { female: 2, male: 1 } });
    const cells = (ind: { split: { targetGroups: { group: string; value: number | null }[] } }) =>
      Object.fromEntries(ind.split.targetGroups.map((c) => [c.group, c.value]));
    // The manager reads persons anyway: exact figures.
    expect(cells(now.visitors)).toMatchObject({ neet: 1, none: 1, 'not-registered': 1, 'woman-care': 0 });
    expect(now.hires.actual).toBe(0);

    // A hire at the fair changes the project's indicator.
    const applied = await counsellor.post(`/api/v1/fairs/${f.id}/applications`, {
      visitorId: visitor.body.id,
      positionId,
    });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    await counsellor.patch(`/api/v1/fairs/${f.id}/applications/${applied.body.id}`, { status: 'hired' });
    now = await actuals();
    expect(now.hires).toMatchObject({ actual: 1, split: { female: 1 } });
    expect(cells(now.hires)).toMatchObject({ neet: 1, none: 0 });

    // As a donor reads them (the donor report), the small cells are suppressed.
    const donor = await manager.get(`/api/v1/projects/${projectId}/results?donor=true`);
    const visitorCells = donor.body.indicators.find((i: { code: string }) => i.code === '1').split.targetGroups;
    expect(visitorCells.find((c: { group: string }) => c.group === 'neet')).toEqual({
      group: 'neet',
      value: null,
      suppressed: true,
    });
    expect(visitorCells.find((c: { group: string }) => c.group === 'woman-care')).toMatchObject({ value: 0 });
    // A cancelled fair counts no more.
    await manager.patch(`/api/v1/fairs/${f.id}`, { status: 'cancelled' });
    expect((await actuals()).visitors.actual).toBe(0);
  });

  it("gives the donor the project's beneficiary list only for persons who consented, each in the disclosure log", async () => {
    const donor = await manager.post('/api/v1/partners', {
      name: 'Fatih Kalkınma Fonu (test)',
      type: 'donor',
      country: 'TR',
    });
    expect(donor.status, JSON.stringify(donor.body)).toBe(201);
    const project = await manager.post('/api/v1/projects', {
      nameTr: 'Bağışçılı Fuar Projesi',
      startDate: '2026-11-01',
      endDate: '2027-12-31',
      donorId: donor.body.id,
      targetGroups: [],
      districts: [],
      partners: [],
    });
    const projectId = project.body.id as string;
    const f = (await manager.post('/api/v1/fairs', fair({ projectId }))).body as { id: string };
    const consent = (purpose: string, partner?: string) => ({
      purpose,
      textVersion: '2026-01',
      channel: 'in-person',
      ...(partner ? { partner } : {}),
    });
    const agreed = await fx.person({
      givenName: 'Paylaşır',
      consents: [consent('share-with-employers'), consent('share-with-partners', 'FATİH KALKINMA FONU (TEST)')],
    });
    // Consented to share with another partner only: not listed.
    const elsewhere = await fx.person({
      givenName: 'Başkasına',
      consents: [consent('share-with-employers'), consent('share-with-partners', 'ILO')],
    });
    const refused = await fx.person({ givenName: 'Paylaşmaz' });
    for (const personId of [agreed, elsewhere, refused])
      expect((await counsellor.post(`/api/v1/fairs/${f.id}/visitors`, { personId })).status).toBe(201);

    const res = await manager.get(`/api/v1/projects/${projectId}/beneficiaries/export`);
    expect(res.status, res.raw.payload).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const text = res.raw.payload;
    expect(text).toContain('Paylaşır');
    expect(text).not.toContain('Paylaşmaz');
    expect(text).not.toContain('Başkasına');
    const log = await t.database.db.select().from(disclosureLog).where(eq(disclosureLog.recipientId, donor.body.id));
    expect(log.map((l) => l.personId)).toEqual([agreed]);
    expect(log[0]).toMatchObject({ recipientKind: 'partner', purpose: 'donor-beneficiary-list' });
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'project.beneficiaries-exported'), eq(auditEvents.subjectId, projectId)));
    expect(event!.purpose).toContain('listed:1:without-consent:2');
    // A project without a donor has no list to give; a counsellor may not export one.
    const bare = await manager.post('/api/v1/projects', {
      nameTr: 'Bağışçısız',
      startDate: '2026-11-01',
      endDate: '2027-01-31',
      targetGroups: [],
      districts: [],
      partners: [],
    });
    const none = await manager.get(`/api/v1/projects/${bare.body.id}/beneficiaries/export`);
    expect(none.status).toBe(409);
    expect(none.body.code).toBe('errors.programmes.noDonor');
    expect((await counsellor.get(`/api/v1/projects/${projectId}/beneficiaries/export`)).status).toBe(403);
  });

  it('refuses the list to a donor outside Türkiye without a recorded transfer safeguard, then logs the basis', async () => {
    const donor = await manager.post('/api/v1/partners', {
      name: 'Stiftung Arbeit (test)',
      acronym: 'SAT',
      type: 'donor',
      country: 'DE',
    });
    expect(donor.status, JSON.stringify(donor.body)).toBe(201);
    expect(donor.body.transferSafeguard).toBeNull();
    const project = await manager.post('/api/v1/projects', {
      nameTr: 'Yurt Dışı Bağışçılı Proje',
      startDate: '2026-11-01',
      endDate: '2027-12-31',
      donorId: donor.body.id,
      targetGroups: [],
      districts: [],
      partners: [],
    });
    const projectId = project.body.id as string;
    const f = (await manager.post('/api/v1/fairs', fair({ projectId }))).body as { id: string };
    const agreed = await fx.person({
      givenName: 'Aktarılır',
      consents: [
        { purpose: 'share-with-employers', textVersion: '2026-01', channel: 'in-person' },
        { purpose: 'share-with-partners', textVersion: '2026-01', channel: 'in-person', partner: 'SAT' },
      ],
    });
    expect((await counsellor.post(`/api/v1/fairs/${f.id}/visitors`, { personId: agreed })).status).toBe(201);
    const logOf = () => t.database.db.select().from(disclosureLog).where(eq(disclosureLog.recipientId, donor.body.id));

    const refused = await manager.get(`/api/v1/projects/${projectId}/beneficiaries/export`);
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('errors.programmes.transferAbroadNoSafeguard');
    expect(refused.body.detail ?? refused.body.title).toContain('KVKK');
    // The field's message names the partner too (it was sent without its parameters before).
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/donorId' });
    expect(refused.body.errors[0].message).toContain('SAT');
    expect(refused.body.errors[0].message).not.toContain('()');
    expect(await logOf()).toEqual([]);

    // An incomplete safeguard is refused by the schema; a complete one is recorded and audited.
    const partial = await manager.patch(`/api/v1/partners/${donor.body.id}`, {
      transferSafeguard: { kind: 'standard-contract', date: '2026-10-01' },
    });
    expect(partial.status).toBe(422);
    const saved = await manager.patch(`/api/v1/partners/${donor.body.id}`, {
      transferSafeguard: { kind: 'standard-contract', date: '2026-10-01', reference: 'KVKK-2026/77' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.transferSafeguard).toEqual({
      kind: 'standard-contract',
      date: '2026-10-01',
      reference: 'KVKK-2026/77',
    });
    const [updated] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'partner.updated'), eq(auditEvents.subjectId, donor.body.id)));
    expect(updated!.fields).toEqual(
      expect.arrayContaining(['transferSafeguard', 'transferSafeguardDate', 'transferSafeguardReference']),
    );

    const res = await manager.get(`/api/v1/projects/${projectId}/beneficiaries/export`);
    expect(res.status, res.raw.payload).toBe(200);
    expect(res.raw.payload).toContain('Aktarılır');
    const log = await logOf();
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      personId: agreed,
      transferCountry: 'DE',
      transferBasis: 'standard-contract:KVKK-2026/77 (2026-10-01)',
    });
  });

  it('is refused to a role without fair permissions and unknown to another organisation', async () => {
    const f = await newFair();
    expect((await trainer.get(`/api/v1/fairs/${f.id}`)).status).toBe(403);
    const izmir = await t.as('izmir', 'manager');
    expect((await izmir.get(`/api/v1/fairs/${f.id}`)).status).toBe(404);
  });
});
