import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cases,
  courseApplications,
  courses,
  employers,
  indicatorTargets,
  offices,
  organisations,
  persons,
  placementFollowUps,
  placements,
  projectIndicators,
  projects,
  referrals,
  users,
  vacancies,
} from '../../db/schema/index.ts';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../../test/harness.ts';
import type { CaseloadDashboard, ProjectDashboard } from '../../../common/contracts/indicators.ts';

/**
 * Known data in 2018 (before the demo data's years):
 * - Project "DASH-1" (active): course C1 (starts 15 Jan 2018) with 12 participants — 8 completed on 1 Mar,
 *   2 dropped out, 2 still enrolled; course C2 (starts 1 Sep 2018) with 4 enrolled. Of the 8 completers, 5
 *   started a job on 1 Apr 2018 (within six months) and 1 on 10 Jan 2019 (too late).
 *   Indicator "1" (enrolled, persons): targets 20 (Jan–Jun) and 10 (Jul–Dec); actual 12 + 4 = 16.
 *   Indicator "2" (placed within 6 months): target 10 for 2018; actual 5.
 * - İBB's demo counsellor has 3 cases opened 10 Jan 2018 (K1, K2, K3; K3's closed 1 May 2018); K4's case
 *   belongs to nobody. Referrals sent: K1 Mon 5 Feb (answered Thu 8 Feb: 3 working days), K2 Thu 1 Mar
 *   (answered Wed 7 Mar: 4), K3 Mon 2 Apr (answered Mon 9 Apr: 5), K4 5 Feb (not mine). Hires: K1 on
 *   1 Mar (verified), K2 on 1 Apr (not verified), K4 on 1 Mar (not mine). 3-month follow-ups recorded in
 *   June: K1 still working, K2 not working.
 */
let t: TestContext;
let manager: TestClient;
let analyst: TestClient;
let counsellor: TestClient;

async function seed() {
  const db = t.database.db;
  const [org] = await db.select().from(organisations).where(eq(organisations.shortName, 'İBB'));
  const orgId = org!.id;
  const [office] = await db.select().from(offices).where(eq(offices.organisationId, orgId)).limit(1);
  const officeId = office!.id;
  const [me] = await db
    .select()
    .from(users)
    .where(eq(users.email, demoEmail('ibb', 'counsellor')));
  const [E1] = await db.select().from(employers).where(eq(employers.organisationId, orgId)).limit(1);
  const [V] = await db.select().from(vacancies).where(eq(vacancies.organisationId, orgId)).limit(1);

  let n = 0;
  const person = async (counsellorId: string | null = null, closedAt: Date | null = null) => {
    n++;
    const [p] = await db
      .insert(persons)
      .values({
        organisationId: orgId,
        officeId,
        givenName: `Pano ${n}`,
        familyName: 'Deneme',
        nameKey: `pano ${n} deneme`,
        birthDate: '1995-01-01',
        sex: n % 2 ? 'female' : 'male',
        nationality: 'TR',
        province: 'İstanbul',
        district: 'Fatih',
        createdAt: new Date('2018-01-10T10:00:00+03:00'),
      })
      .returning();
    await db.insert(cases).values({
      organisationId: orgId,
      personId: p!.id,
      officeId,
      counsellorId,
      openedAt: new Date('2018-01-10T10:00:00+03:00'),
      closedAt,
      ...(closedAt ? { status: 'closed' as const } : {}),
    });
    return p!.id;
  };
  const placement = async (personId: string, startDate: string, verified = false) => {
    const [row] = await db
      .insert(placements)
      .values({
        organisationId: orgId,
        officeId,
        personId,
        employerId: E1!.id,
        vacancyId: V!.id,
        source: 'referral',
        jobTitle: 'Aşçı',
        status: 'active',
        startDate,
        contractType: 'permanent',
        wageAmount: '30000',
        wageBasis: 'net',
        hoursPerWeek: 45,
        hoursPerDay: 9,
        shifts: ['day'],
        workplaceProvince: 'İstanbul',
        decent: true,
        verification: verified ? 'verified' : 'unverified',
      })
      .returning();
    return row!.id;
  };

  // The project, its courses and participants.
  const [project] = await db
    .insert(projects)
    .values({
      organisationId: orgId,
      code: 'DASH-1',
      nameTr: 'Pano projesi',
      nameEn: 'Dashboard project',
      nameKey: 'pano projesi',
      startDate: '2018-01-01',
      endDate: '2018-12-31',
      status: 'active',
    })
    .returning();
  const [template] = await db.select().from(courses).where(eq(courses.organisationId, orgId)).limit(1);
  const { id: _id, ...base } = template!;
  const course = async (startDate: string) => {
    const [c] = await db
      .insert(courses)
      .values({ ...base, projectId: project!.id, startDate, endDate: startDate })
      .returning();
    return c!.id;
  };
  const C1 = await course('2018-01-15');
  const C2 = await course('2018-09-01');
  const take = async (courseId: string, personId: string, status: 'enrolled' | 'completed' | 'dropped-out') =>
    db.insert(courseApplications).values({
      organisationId: orgId,
      courseId,
      personId,
      status,
      channel: 'counsellor',
      appliedAt: new Date('2018-01-05T10:00:00+03:00'),
      completedAt: status === 'completed' ? new Date('2018-03-01T12:00:00+03:00') : null,
    });
  for (let i = 0; i < 12; i++) {
    const p = await person();
    await take(C1, p, i < 8 ? 'completed' : i < 10 ? 'dropped-out' : 'enrolled');
    if (i < 5) await placement(p, '2018-04-01');
    if (i === 5) await placement(p, '2019-01-10');
  }
  for (let i = 0; i < 4; i++) await take(C2, await person(), 'enrolled');
  const indicator = async (code: string, measure: 'enrolled' | 'placed-6m', targets: [string, string, number][]) => {
    const [row] = await db
      .insert(projectIndicators)
      .values({
        organisationId: orgId,
        projectId: project!.id,
        code,
        level: 'outcome',
        titleTr: `Gösterge ${code}`,
        measure,
        unit: 'persons',
      })
      .returning();
    for (const [periodStart, periodEnd, target] of targets) {
      await db
        .insert(indicatorTargets)
        .values({ organisationId: orgId, indicatorId: row!.id, periodStart, periodEnd, target });
    }
  };
  await indicator('1', 'enrolled', [
    ['2018-01-01', '2018-06-30', 20],
    ['2018-07-01', '2018-12-31', 10],
  ]);
  await indicator('2', 'placed-6m', [['2018-01-01', '2018-12-31', 10]]);

  // The counsellor's caseload.
  const K1 = await person(me!.id);
  const K2 = await person(me!.id);
  const K3 = await person(me!.id, new Date('2018-05-01T10:00:00+03:00'));
  const K4 = await person(null);
  const [V2] = await db
    .insert(vacancies)
    .values({ ...(({ id: _v, ...rest }) => rest)(V!), status: 'published', closedAt: null })
    .returning();
  const refer = async (personId: string, vacancyId: string, sent: string, answered: string) =>
    db.insert(referrals).values({
      organisationId: orgId,
      vacancyId,
      employerId: E1!.id,
      personId,
      status: 'interview',
      sentAt: new Date(`${sent}T10:00:00+03:00`),
      answeredAt: new Date(`${answered}T10:00:00+03:00`),
    });
  await refer(K1, V!.id, '2018-02-05', '2018-02-08');
  await refer(K2, V!.id, '2018-03-01', '2018-03-07');
  await refer(K3, V!.id, '2018-04-02', '2018-04-09');
  await refer(K4, V2!.id, '2018-02-05', '2018-02-06');
  const P1 = await placement(K1, '2018-03-01', true);
  const P2 = await placement(K2, '2018-04-01');
  await placement(K4, '2018-03-01', true);
  const followUp = async (placementId: string, outcome: 'same-employer' | 'not-working') =>
    db.insert(placementFollowUps).values({
      organisationId: orgId,
      placementId,
      milestone: '3m',
      dueDate: '2018-06-01',
      status: 'recorded',
      outcome,
      recordedAt: new Date('2018-06-05T10:00:00+03:00'),
    });
  await followUp(P1, 'same-employer');
  await followUp(P2, 'not-working');
}

beforeAll(async () => {
  t = await createTestContext({ rateLimitPerMinute: 1_000_000 });
  await seed();
  manager = await t.as('ibb', 'manager');
  analyst = await t.as('ibb', 'analyst');
  counsellor = await t.as('ibb', 'counsellor');
});
afterAll(async () => t.close());

const projectsOf = async (client: TestClient) => {
  const res = await client.get('/api/v1/indicators/projects');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body as ProjectDashboard).projects.find((p) => p.code === 'DASH-1')!;
};
const exact = (value: number) => ({ value, flag: null });
const hidden = { value: null, flag: 'suppressed' };

describe('the project dashboard', () => {
  it('a manager sees exact targets against actuals, reach and placements', async () => {
    const p = await projectsOf(manager);
    expect(p).toMatchObject({ name: { tr: 'Pano projesi' }, status: 'active' });
    expect(p.reach).toEqual(exact(16));
    expect(p.completed).toEqual(exact(8));
    // The start in January 2019 is more than six months after completing: not placed.
    expect(p.placed).toEqual(exact(5));
    expect(p.placementRate).toBe(62.5);
    const [one, two] = p.indicators;
    expect(one).toMatchObject({ code: '1', persons: true, target: 30, actual: exact(16), progress: 53 });
    expect(one!.periods.map((q) => [q.target, q.actual, q.progress])).toEqual([
      [20, exact(12), 60],
      [10, exact(4), 40],
    ]);
    expect(two).toMatchObject({ code: '2', target: 10, actual: exact(5), progress: 50 });
  });

  it('an analyst gets counts of persons suppressed, with a partner hidden so a period cannot be differenced', async () => {
    const res = await analyst.get('/api/v1/indicators/projects');
    expect((res.body as ProjectDashboard).threshold).toBe(11);
    const p = await projectsOf(analyst);
    expect(p.reach).toEqual(exact(16));
    expect(p.completed).toEqual(hidden);
    expect(p.placed).toEqual(hidden);
    expect(p.placementRate).toBeNull();
    const [one, two] = p.indicators;
    // 4 is below 11; 12 is hidden with it, or 16 − 12 would give it away.
    expect(one!.actual).toEqual(exact(16));
    expect(one!.periods.map((q) => q.actual)).toEqual([hidden, hidden]);
    expect(one!.periods.map((q) => q.progress)).toEqual([null, null]);
    expect(two!.actual).toEqual(hidden);
    expect(two!.progress).toBeNull();
  });

  it('a counsellor (no indicators:read) gets 403', async () => {
    expect((await counsellor.get('/api/v1/indicators/projects')).status).toBe(403);
  });
});

describe('the counsellor dashboard', () => {
  it('counts the outcomes of the caller’s own caseload only', async () => {
    const res = await counsellor.get('/api/v1/indicators/caseload?from=2018-01&to=2018-06');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const d = res.body as CaseloadDashboard;
    expect(d).toMatchObject({
      persons: 3,
      openCases: 2,
      referrals: 3,
      hires: 2,
      verified: 1,
      registeredShare: 50,
      answered: 3,
      medianResponseDays: 4,
    });
    expect(d.retention['3m']).toEqual({ recorded: 2, working: 1, rate: 50 });
    expect(d.retention['6m']).toEqual({ recorded: 0, working: 0, rate: null });
    expect(d.months.map((m) => [m.month, m.referrals, m.hires, m.verified])).toEqual([
      ['2018-01', 0, 0, 0],
      ['2018-02', 1, 0, 0],
      ['2018-03', 1, 1, 1],
      ['2018-04', 1, 1, 0],
      ['2018-05', 0, 0, 0],
      ['2018-06', 0, 0, 0],
    ]);
  });

  it('a closed case leaves the count of open cases after it closes, not the range before', async () => {
    const d = (await counsellor.get('/api/v1/indicators/caseload?from=2018-01&to=2018-03')).body as CaseloadDashboard;
    expect(d).toMatchObject({ persons: 3, openCases: 3, referrals: 2 });
    const later = (await counsellor.get('/api/v1/indicators/caseload?from=2018-06&to=2018-06'))
      .body as CaseloadDashboard;
    expect(later).toMatchObject({ persons: 2, openCases: 2, referrals: 0 });
  });

  it('managers and analysts (no caseload to write) get 403; a reversed range is 400 naming the field', async () => {
    expect((await manager.get('/api/v1/indicators/caseload?from=2018-01&to=2018-06')).status).toBe(403);
    expect((await analyst.get('/api/v1/indicators/caseload?from=2018-01&to=2018-06')).status).toBe(403);
    const bad = await counsellor.get('/api/v1/indicators/caseload?from=2018-06&to=2018-01');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('/querystring/to');
  });
});
