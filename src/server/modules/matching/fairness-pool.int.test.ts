import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../../test/harness.ts';
import { essentialSkillsOf, referralFixture } from '../../test/referral-fixture.ts';
import { auditEvents, matchingProposalTallies } from '../../db/schema/index.ts';
import { jobHandlers } from '../../jobs/handlers.ts';

/**
 * The fairness tally's eligible pool counted whole by the `matching-fairness-pool` job (docs/MATCHING.md,
 * "Fairness monitor"), when a listing loads fewer persons than are eligible: here the pool limit
 * (KOPRU_MATCHING_POOL_SIZE) is 2, so the exact stage loads a few of a pool of at least eight.
 */

const fx = referralFixture(830_000_00);
let t: TestContext;
let manager: TestClient; // matching:fairness
let counsellor: TestClient; // Fatih office
let skills: string[] = [];
let vacancyId = '';
const mine: string[] = [];

const cook = { title: 'Aşçı', occupation: 'Aşçı', iscoCode: '5120' };

const person = (sex: 'female' | 'male', birthDate: string, targetGroups: unknown[] = []) =>
  fx.person({
    givenName: 'Havuz',
    sex,
    birthDate,
    desiredOccupationCodes: [{ title: cook.title, iscoCode: cook.iscoCode }],
    skillIds: skills,
    targetGroups,
  });

const list = async (pageSize = 1) => {
  const res = await counsellor.get(`/api/v1/vacancies/${vacancyId}/candidates?pageSize=${pageSize}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: { personId: string }[]; total: number };
};

const tallyOn = async (day: string) =>
  (
    await t.database.db
      .select()
      .from(matchingProposalTallies)
      .where(and(eq(matchingProposalTallies.vacancyId, vacancyId), eq(matchingProposalTallies.listedOn, day)))
  )[0];

/** The pool jobs queued for this vacancy's tallies (the payload names the tally, never a person). */
async function queuedPoolJobs() {
  return t.database.query<{ id: string; data: { tallyId: string; organisationId: string; officeId?: string } }>(
    `SELECT id, data FROM pgboss.job WHERE name = 'matching-fairness-pool'
       AND data->>'tallyId' IN (SELECT id::text FROM matching_proposal_tallies WHERE vacancy_id = $1)
     ORDER BY created_on`,
    [vacancyId],
  );
}

const report = async (day: string) => {
  const res = await manager.get(`/api/v1/matching/fairness?isco=51&from=${day}&to=${day}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { empty: boolean; poolTotal: number | null; tables: unknown[] };
};

beforeAll(async () => {
  t = await createTestContext({ matchingPoolSize: 2 });
  t.clock.set(new Date('2026-12-03T09:00:00Z'));
  ({ manager, counsellor } = await fx.signIn(t));
  skills = await essentialSkillsOf(t, cook.iscoCode, 2);
  vacancyId = await fx.publishedVacancy(await fx.verifiedEmployer(), {
    ...cook,
    duties: 'Sıcak mutfakta yemek hazırlama ve pişirme.',
    startDate: '2027-02-01',
    wageMin: 30000,
    requiredSkillIds: skills,
  });
  // Eight eligible cooks of the counsellor's office, of both sexes, three age bands and one target group
  // (the demo data may add more: the counts are compared with a listing that loads everyone, not with eight).
  for (const [sex, born, groups] of [
    ['female', '1990-03-03', [{ group: 'woman-care', details: { childrenUnder6: 1 } }]],
    ['female', '1990-05-05', []],
    ['female', '2004-01-01', []],
    ['female', '1975-06-06', []],
    ['male', '1990-04-04', []],
    ['male', '2003-02-02', []],
    ['male', '1968-07-07', []],
    ['male', '1988-08-08', []],
  ] as const)
    mine.push(await person(sex, born, [...groups]));
}, 180_000);
afterAll(async () => t.close());

describe('the fairness tally of a pool larger than the listing loads', () => {
  let exactPool: Record<string, number> = {};

  it('keeps the pool pending, queues one job for the vacancy and day, and leaves the row out of the report', async () => {
    const first = await list();
    expect(first.items).toHaveLength(1);
    expect(first.total).toBeGreaterThanOrEqual(mine.length);
    const tally = await tallyOn('2026-12-03');
    // Not the few the exact stage loaded: nothing, until the job has counted everyone.
    expect(tally).toMatchObject({ eligible: null, proposed: { '': 1 } });
    // Listed again the same day: the proposed counts are replaced, no second job.
    await list(2);
    expect((await tallyOn('2026-12-03'))!.proposed['']).toBe(2);
    const jobs = await queuedPoolJobs();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.data.tallyId).toBe(tally!.id);
    // The listing's scope (the counsellor's office) goes with it; ids only, no person.
    expect(Object.keys(jobs[0]!.data).sort()).toEqual(['officeId', 'organisationId', 'tallyId']);
    for (const id of mine) expect(JSON.stringify(jobs[0]!.data)).not.toContain(id);
    expect(await report('2026-12-03')).toMatchObject({ empty: true, poolTotal: null });
  }, 60_000);

  it('counts every eligible person once the job has run, once however often it runs', async () => {
    const [job] = await queuedPoolJobs();
    const run = () => jobHandlers(t.deps)['matching-fairness-pool'](job!.data, { id: job!.id, retryCount: 0 });
    const outcome = (await run()) as { counted: number };
    expect(outcome.counted).toBeGreaterThanOrEqual(mine.length);
    const tally = (await tallyOn('2026-12-03'))!;
    exactPool = tally.eligible!;
    expect(exactPool['']).toBe(outcome.counted);
    expect(exactPool['sex=female']! + exactPool['sex=male']!).toBe(outcome.counted);
    expect(exactPool['group=woman-care']).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(tally)).not.toMatch(new RegExp(mine.join('|')));
    // Again (a retry, a second delivery): nothing changes, nothing is added.
    expect(await run()).toEqual({ skipped: 'already-counted' });
    // A listing later the same day replaces the proposed counts and keeps the counted pool.
    await list(1);
    expect(await tallyOn('2026-12-03')).toMatchObject({ eligible: exactPool, proposed: { '': 1 } });
    expect(await queuedPoolJobs()).toHaveLength(1);
    const audited = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'matching.fairness-pool-counted'), eq(auditEvents.subjectId, vacancyId)));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorKind: 'system', purpose: `pool:${outcome.counted}` });
    // Counted now, the row is in the report (its pool of fewer than 11 is not shown: suppressed).
    expect(await report('2026-12-03')).toMatchObject({ empty: false });
  }, 60_000);

  it('equals the pool a listing that loads everyone counts itself', async () => {
    // The next day, with room to load the whole pool: the listing counts it in the request, no job.
    t.config.matchingPoolSize = 5000;
    t.clock.set(new Date('2026-12-04T09:00:00Z'));
    counsellor = await t.signIn(demoEmail('ibb', 'counsellor'));
    try {
      await list();
      const whole = (await tallyOn('2026-12-04'))!;
      expect(whole.eligible).toEqual(exactPool);
      expect(await queuedPoolJobs()).toHaveLength(1);
    } finally {
      t.config.matchingPoolSize = 2;
    }
  }, 60_000);
});
