import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import {
  auditEvents,
  employers,
  matchingFairnessFlags,
  matchingProposalTallies,
  matchingSeekerListings,
  matchingSeekerTallies,
  outboxMessages,
  users,
  vacancies,
} from '../../db/schema/index.ts';
import { essentialSkillsOf, referralFixture } from '../../test/referral-fixture.ts';
import { runSweep } from '../../jobs/handlers.ts';

// The fairness monitor's two additions (docs/MATCHING.md, "Fairness monitor"): proposals counted from the
// seeker's direction too, and each new flag told once to the organisation's managers through the outbox.

let t: TestContext;
let manager: TestClient; // matching:fairness, no special-category:read
let counsellor: TestClient;
let skills: string[] = [];
let employerId = '';
let organisationId = '';
const TODAY = '2026-12-03';

const fx = referralFixture(820_000_00);

/** A cook's vacancy of the test's employer: three positions, the two cook skills required. */
const publishedVacancy = (title: string) =>
  fx.publishedVacancy(employerId, {
    title,
    occupation: 'Aşçı',
    duties: 'Sıcak mutfakta yemek hazırlama ve pişirme.',
    positions: 3,
    startDate: '2027-02-01',
    wageMin: 30000,
    iscoCode: '5120',
    requiredSkillIds: skills,
  });

/** A cook holding both skills, consenting to share the profile. */
const person = (sex: 'female' | 'male') =>
  fx.person({
    givenName: 'Adalet',
    birthDate: '1990-03-03',
    sex,
    desiredOccupationCodes: [{ title: 'Aşçı', iscoCode: '5120' }],
    skillIds: skills,
  });

const seekerRows = () =>
  t.database.db
    .select()
    .from(matchingSeekerTallies)
    .where(and(eq(matchingSeekerTallies.organisationId, organisationId), eq(matchingSeekerTallies.listedOn, TODAY)));
const sum = (rows: { eligible: Record<string, number>; proposed: Record<string, number> }[], k = '') => ({
  eligible: rows.reduce((n, r) => n + (r.eligible[k] ?? 0), 0),
  proposed: rows.reduce((n, r) => n + (r.proposed[k] ?? 0), 0),
});

const flagMessages = () =>
  t.database.db.select().from(outboxMessages).where(eq(outboxMessages.template, 'matching-fairness-flag'));

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date(`${TODAY}T09:00:00Z`));
  ({ manager, counsellor } = await fx.signIn(t));
  skills = await essentialSkillsOf(t, '5120', 2);
  employerId = await fx.verifiedEmployer({ legalName: 'Adalet Lokantası Ltd. Şti.', workerCount: 40 });
  const v = await publishedVacancy('Aşçı (adalet 1)');
  await publishedVacancy('Aşçı (adalet 2)');
  organisationId = (
    await t.database.db.select({ o: vacancies.organisationId }).from(vacancies).where(eq(vacancies.id, v))
  )[0]!.o;
});
afterAll(async () => t.close());

describe('proposals from the seeker’s direction', () => {
  it('counts a person’s vacancies once a day, as pairs by cell, without a person id', async () => {
    const woman = await person('female');
    const listed = await counsellor.get(`/api/v1/persons/${woman}/vacancies?pageSize=1`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.total).toBeGreaterThanOrEqual(2);
    const first = sum(await seekerRows());
    // Every eligible vacancy is a pair of the pool; the one on the page is proposed.
    expect(first).toEqual({ eligible: listed.body.total, proposed: 1 });
    expect(sum(await seekerRows(), 'sex=female')).toEqual(first);
    expect(sum(await seekerRows(), 'sex=male')).toEqual({ eligible: 0, proposed: 0 });
    expect(sum(await seekerRows(), 'age=35-44')).toEqual(first);

    // Listed again the same day (another page size, page 2): nothing added.
    await counsellor.get(`/api/v1/persons/${woman}/vacancies?pageSize=5`);
    await counsellor.get(`/api/v1/persons/${woman}/vacancies?page=2&pageSize=1`);
    expect(sum(await seekerRows())).toEqual(first);

    // Another person adds her own pairs.
    const man = await person('male');
    const his = await counsellor.get(`/api/v1/persons/${man}/vacancies?pageSize=2`);
    expect(sum(await seekerRows(), 'sex=male')).toEqual({ eligible: his.body.total, proposed: his.body.items.length });

    // No person id anywhere: the listings are remembered by a keyed hash of the person and the day.
    const text = JSON.stringify([await seekerRows(), await t.database.db.select().from(matchingSeekerListings)]);
    for (const id of [woman, man]) expect(text).not.toContain(id);
    // By the vacancy's office and occupation, as the monitor filters.
    const [employerRow] = await t.database.db
      .select({ officeId: employers.officeId })
      .from(employers)
      .where(eq(employers.id, employerId));
    expect((await seekerRows()).some((r) => r.officeId === employerRow!.officeId && r.iscoCode === '5120')).toBe(true);
  });

  it('adds to the monitor’s proposals and pool beside the candidates of vacancies', async () => {
    const day = '2031-03-01';
    await t.database.db.insert(matchingProposalTallies).values({
      organisationId,
      vacancyId: crypto.randomUUID(),
      officeId: null,
      iscoCode: '9112',
      listedOn: day,
      eligible: { '': 60, 'sex=female': 30, 'sex=male': 30, 'age=25-34': 60, 'group=none': 60 },
      proposed: { '': 20, 'sex=female': 10, 'sex=male': 10, 'age=25-34': 20, 'group=none': 20 },
    });
    await t.database.db.insert(matchingSeekerTallies).values({
      organisationId,
      officeId: null,
      iscoCode: '9112',
      listedOn: day,
      eligible: { '': 40, 'sex=female': 20, 'sex=male': 20, 'age=25-34': 40, 'group=none': 40 },
      proposed: { '': 20, 'sex=female': 4, 'sex=male': 16, 'age=25-34': 20, 'group=none': 20 },
    });
    const res = await manager.get(`/api/v1/matching/fairness?isco=91&from=${day}&to=${day}`);
    expect(res.status).toBe(200);
    expect(res.body.poolTotal).toBe(100);
    const bySex = res.body.tables.find(
      (x: { measure: string; dimension: string }) => x.measure === 'proposals' && x.dimension === 'sex',
    ).rows;
    // 14 of 40 proposals against half of the pool: 0.7, flagged.
    expect(bySex.find((r: { cell: string }) => r.cell === 'female')).toMatchObject({
      pool: 50,
      count: 14,
      ratio: 0.7,
      flagged: true,
    });
  });
});

describe('fairness flags told to managers', () => {
  const constructed = (listedOn: string, women: number) => ({
    organisationId,
    vacancyId: crypto.randomUUID(),
    officeId: null,
    iscoCode: '9112',
    listedOn,
    eligible: { '': 200, 'sex=female': 100, 'sex=male': 100, 'age=25-34': 200, 'group=none': 200 },
    proposed: {
      '': 40 + women,
      'sex=female': women,
      'sex=male': 40,
      'age=25-34': 40 + women,
      'group=none': 40 + women,
    },
  });

  it('tells each manager of a new flag once, in their language, and nobody again while it holds', async () => {
    // Within the last 90 days: 12 women proposed against 40 men from an even pool (ratio about 0.46).
    await t.database.db.insert(matchingProposalTallies).values(constructed('2026-11-20', 12));
    const before = (await flagMessages()).length;
    const outcome = await runSweep(t.deps, 'matching-fairness-sweep');
    expect(outcome.raised).toBeGreaterThanOrEqual(1);
    const flags = await t.database.db
      .select()
      .from(matchingFairnessFlags)
      .where(eq(matchingFairnessFlags.organisationId, organisationId));
    expect(flags.map((f) => f.flag)).toContain('proposals|sex|female');
    const female = flags.find((f) => f.flag === 'proposals|sex|female')!;
    expect(female.clearedOn).toBeNull();

    // The managers of İBB (matching:fairness): the manager and the admin, each once per flag.
    const holders = await t.database.db
      .select({ email: users.email })
      .from(users)
      .where(inArray(users.email, ['manager@ibb.example', 'admin@ibb.example']));
    expect(holders.length).toBe(2);
    const messages = (await flagMessages()).slice(before);
    const aboutWomen = messages.filter((m) => m.subject?.includes('Kadın') || m.subject?.includes('Women'));
    expect(aboutWomen.map((m) => m.recipient).sort()).toEqual(holders.map((h) => h.email).sort());
    expect(messages.every((m) => m.organisationId === organisationId)).toBe(true);
    expect(aboutWomen[0]!.body, aboutWomen[0]!.body).toMatch(/oran 0,[4-7]\d/);
    expect(female.told).toBe(2);
    // Never a special-category group, never a person.
    expect(JSON.stringify(messages)).not.toMatch(/roma|Roman|engel|mülteci/i);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'matching.fairness-flag-raised'), eq(auditEvents.subjectId, female.id)));
    expect(event).toBeDefined();

    // The next day's sweep: the flag still holds, nobody is told again.
    t.clock.set(new Date('2026-12-04T09:00:00Z'));
    const again = await runSweep(t.deps, 'matching-fairness-sweep');
    expect(again.raised).toBe(0);
    expect((await flagMessages()).length).toBe(before + messages.length);
  });

  it('clears a flag that no longer holds, and tells again only when it is raised anew', async () => {
    // Many women proposed since: the share evens out.
    await t.database.db.insert(matchingProposalTallies).values(constructed('2026-11-25', 100));
    const cleared = await runSweep(t.deps, 'matching-fairness-sweep');
    expect(cleared.cleared).toBeGreaterThanOrEqual(1);
    const open = await t.database.db
      .select()
      .from(matchingFairnessFlags)
      .where(
        and(
          eq(matchingFairnessFlags.organisationId, organisationId),
          eq(matchingFairnessFlags.flag, 'proposals|sex|female'),
        ),
      );
    expect(open.every((f) => f.clearedOn !== null)).toBe(true);
    const before = (await flagMessages()).length;
    // The even month leaves the 90-day window; a new uneven one is listed: raised anew, told again.
    t.clock.set(new Date('2027-03-10T09:00:00Z'));
    await t.database.db.insert(matchingProposalTallies).values(constructed('2027-03-01', 20));
    const raised = await runSweep(t.deps, 'matching-fairness-sweep');
    expect(raised.raised).toBeGreaterThanOrEqual(1);
    expect((await flagMessages()).length).toBeGreaterThan(before);
  });
});
