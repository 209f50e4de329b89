import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents, persons, skillOccupations, workHistory } from '../../db/schema/index.ts';
import { withTcknChecksum, withVknChecksum } from '../../../common/identity-number.ts';
import { linkStoredTitles } from './index.ts';

let t: TestContext;
let officer: TestClient; // employer relations: no special-category:read
let manager: TestClient;
let counsellor: TestClient; // Fatih office, special-category:read
let counsellor2: TestClient; // Esenyurt office
let admin: TestClient;
let employer: TestClient;
let serial = 700_000_00;
let skills: string[] = [];
let employerId = '';
let cookVacancy = '';

async function verifiedEmployer() {
  const res = await officer.post('/api/v1/employers', {
    legalName: `Eşleşme Lokantası Ltd. Şti. ${++serial}`,
    taxKind: 'vkn',
    taxNumber: withVknChecksum(String(serial).padStart(9, '4').slice(0, 9)),
    naceCode: '56.10',
    workerCount: 60,
    province: 'İstanbul',
    district: 'Fatih',
    acceptTerms: true,
  });
  expect(res.status).toBe(201);
  expect((await officer.post(`/api/v1/employers/${res.body.id}/hazard-class`, { hazardClass: 'low' })).status).toBe(
    200,
  );
  expect((await officer.post(`/api/v1/employers/${res.body.id}/status`, { status: 'verified' })).status).toBe(200);
  return res.body.id as string;
}

async function publishedVacancy(overrides: Record<string, unknown> = {}) {
  const created = await officer.post('/api/v1/vacancies', {
    employerId,
    title: 'Aşçı',
    occupation: 'Aşçı',
    duties: 'Sıcak mutfakta yemek hazırlama ve pişirme.',
    province: 'İstanbul',
    district: 'Fatih',
    positions: 2,
    contractType: 'permanent',
    startDate: '2027-02-01',
    hoursPerDay: 9,
    hoursPerWeek: 45,
    shifts: ['day'],
    wageMin: 30000,
    wageBasis: 'net',
    ...overrides,
  });
  expect(created.status).toBe(201);
  expect((await officer.post(`/api/v1/vacancies/${created.body.id}/submit`)).status).toBe(200);
  const published = await manager.post(`/api/v1/vacancies/${created.body.id}/review`, { decision: 'publish' });
  expect(published.status).toBe(200);
  return published.body.id as string;
}

async function person(overrides: Record<string, unknown> = {}, client = counsellor) {
  const res = await client.post('/api/v1/persons', {
    givenName: 'Eşleşme',
    familyName: `Adayı ${++serial}`,
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
  return res.body as {
    id: string;
    desiredOccupationCodes: { title: string; iscoCode: string | null; status: string }[];
  };
}

const cook = (extra: Record<string, unknown> = {}) => ({
  desiredOccupationCodes: [{ title: 'Aşçı', iscoCode: '5120' }],
  ...extra,
});

async function candidates(client: TestClient, vacancyId = cookVacancy, headers?: Record<string, string>) {
  const res = await client.get(`/api/v1/vacancies/${vacancyId}/candidates?pageSize=50`, headers);
  return res;
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-03T09:00:00Z'));
  [officer, manager, counsellor, counsellor2, admin, employer] = await Promise.all([
    t.as('ibb', 'employer-relations'),
    t.as('ibb', 'manager'),
    t.as('ibb', 'counsellor'),
    t.as('ibb', 'counsellor2'),
    t.as('ibb', 'admin'),
    t.as('ibb', 'employer'),
  ]);
  skills = (
    await t.database.db
      .select({ id: skillOccupations.skillId })
      .from(skillOccupations)
      .where(and(eq(skillOccupations.iscoCode, '5120'), eq(skillOccupations.relation, 'essential')))
      .limit(3)
  ).map((r) => r.id);
  expect(skills.length).toBe(3);
  employerId = await verifiedEmployer();
  cookVacancy = await publishedVacancy({
    iscoCode: '5120',
    requiredSkillIds: [skills[0], skills[1]],
    preferredSkillIds: [skills[2]],
  });
});
afterAll(async () => t.close());

describe('coded records', () => {
  it('links a typed desired occupation and work history automatically; a chosen code is kept as chosen', async () => {
    const p = await person({
      desiredOccupations: ['aşçı'],
      workHistory: [{ occupation: 'Garson', registered: true, startDate: '2020-01-01', endDate: '2022-01-01' }],
    });
    expect(p.desiredOccupationCodes).toEqual([{ title: 'aşçı', iscoCode: '5120', status: 'auto' }]);
    const view = (await counsellor.get(`/api/v1/persons/${p.id}`)).body;
    expect(view.workHistory[0]).toMatchObject({ occupation: 'Garson', iscoCode: '5131', iscoStatus: 'auto' });
    const chosen = await person(cook({ skillIds: [skills[0]], licences: [{ code: 'B', expiresOn: null }] }));
    expect(chosen.desiredOccupationCodes[0]).toMatchObject({ iscoCode: '5120', status: 'chosen' });
    const [row] = await t.database.db.select().from(persons).where(eq(persons.id, chosen.id));
    expect(row!.iscoGroups).toEqual(['5', '51', '512', '5120']);
  });

  it('refuses unknown codes with the field named, and writes nothing', async () => {
    const before = (await t.database.db.select({ n: count() }).from(persons))[0]!.n;
    const res = await counsellor.post('/api/v1/persons', {
      givenName: 'Yanlış',
      familyName: 'Kod',
      birthDate: '1990-01-01',
      sex: 'male',
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      desiredOccupationCodes: [{ title: 'Uydurma', iscoCode: '9999' }],
      skillIds: ['no-such-skill'],
      licences: [{ code: 'ZZ' }],
      confirmNotDuplicate: true,
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/desiredOccupationCodes/0/iscoCode',
      '/licences/0/code',
      '/skillIds/0',
    ]);
    expect((await t.database.db.select({ n: count() }).from(persons))[0]!.n).toBe(before);
    const v = await officer.post('/api/v1/vacancies', {
      employerId,
      title: 'Kodsuz',
      occupation: 'Aşçı',
      duties: 'Yemek hazırlama işleri.',
      province: 'İstanbul',
      positions: 1,
      contractType: 'permanent',
      startDate: '2027-02-01',
      hoursPerDay: 8,
      hoursPerWeek: 40,
      shifts: ['day'],
      wageMin: 30000,
      wageBasis: 'net',
      iscoCode: '0000',
      requiredCertificates: ['nope'],
    });
    expect(v.status).toBe(422);
    expect(v.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/iscoCode',
      '/requiredCertificates/0',
    ]);
  });

  it('filters the person list and the vacancy list by an ISCO group of any level', async () => {
    const p = await person(cook());
    const ids = async (isco: string) =>
      ((await counsellor.get(`/api/v1/persons?isco=${isco}&pageSize=100`)).body.items as { id: string }[]).map(
        (i) => i.id,
      );
    expect(await ids('5')).toContain(p.id);
    expect(await ids('512')).toContain(p.id);
    expect(await ids('5120')).toContain(p.id);
    expect(await ids('2')).not.toContain(p.id);
    expect((await counsellor.get('/api/v1/persons?isco=51x')).status).toBe(400);
    const vac = async (isco: string) =>
      ((await officer.get(`/api/v1/vacancies?isco=${isco}&pageSize=100`)).body.items as { id: string }[]).map(
        (i) => i.id,
      );
    expect(await vac('51')).toContain(cookVacancy);
    expect(await vac('9')).not.toContain(cookVacancy);
  });

  it('puts doubtful links on the review list; staff confirm them; the start-up pass links stored text', async () => {
    const p = await person({ desiredOccupations: ['qwxz vbnm'] });
    expect(p.desiredOccupationCodes[0]).toMatchObject({ iscoCode: null, status: 'none' });
    const list = await counsellor.get('/api/v1/matching/link-reviews?limit=200');
    expect(list.status).toBe(200);
    const item = list.body.items.find((i: { personId: string }) => i.personId === p.id);
    expect(item).toMatchObject({ kind: 'person-occupation', index: 0, title: 'qwxz vbnm', status: 'none' });
    // Another office's counsellor does not see it, nor may they confirm it.
    const other = await counsellor2.get('/api/v1/matching/link-reviews?limit=200');
    expect(other.body.items.some((i: { personId: string }) => i.personId === p.id)).toBe(false);
    const body = { kind: 'person-occupation', personId: p.id, index: 0, title: 'qwxz vbnm', iscoCode: '9112' };
    expect((await counsellor2.post('/api/v1/matching/link-reviews', body)).status).toBe(404);
    expect((await counsellor.post('/api/v1/matching/link-reviews', { ...body, title: 'other' })).status).toBe(409);
    expect((await counsellor.post('/api/v1/matching/link-reviews', body)).status).toBe(204);
    const view = (await counsellor.get(`/api/v1/persons/${p.id}`)).body;
    expect(view.desiredOccupationCodes[0]).toEqual({ title: 'qwxz vbnm', iscoCode: '9112', status: 'confirmed' });

    // Free text stored before coded records (as the migration leaves it): linked by the pass, once.
    await t.database.db.update(workHistory).set({ iscoStatus: null, iscoCode: null });
    const linked = await linkStoredTitles(t.database.db);
    expect(linked.persons).toBeGreaterThan(0);
    expect(await linkStoredTitles(t.database.db)).toEqual({ persons: 0, vacancies: 0 });
  });
});

describe('matching', () => {
  it('ranks candidates for a vacancy with factors and an explanation; excludes by the hard constraints', async () => {
    const best = await person(cook({ skillIds: skills, iscedLevel: 3 }));
    const partial = await person({ desiredOccupations: ['garson'], skillIds: [skills[0]] });
    const noConsent = await person({ ...cook({ skillIds: skills }), consents: [] });
    const hours = await person(
      cook({
        skillIds: skills,
        constraints: {
          hoursPerWeek: 30,
          shifts: [],
          districts: [],
          maxCommuteMinutes: null,
          childcareNeed: false,
          earliestStart: null,
        },
      }),
    );
    const young = await person(cook({ skillIds: skills, birthDate: '2010-06-01' }));
    const elsewhere = await person(cook({ skillIds: skills, district: 'Esenyurt' }), counsellor2);

    const res = await candidates(counsellor);
    expect(res.status).toBe(200);
    const ids = res.body.items.map((i: { personId: string }) => i.personId);
    expect(ids).toContain(best.id);
    expect(ids).toContain(partial.id);
    for (const gone of [noConsent.id, hours.id, young.id, elsewhere.id]) expect(ids).not.toContain(gone);
    expect(ids.indexOf(best.id)).toBeLessThan(ids.indexOf(partial.id));
    expect(res.body.excluded.hours).toBeGreaterThanOrEqual(1);
    expect(res.body.excluded['decent-work']).toBeGreaterThanOrEqual(1);
    const top = res.body.items.find((i: { personId: string }) => i.personId === best.id);
    expect(top.factors.map((f: { factor: string }) => f.factor)).toEqual([
      'occupation',
      'requiredSkills',
      'preferredSkills',
      'education',
      'experience',
      'languages',
      'care',
      'commute',
      'start',
    ]);
    expect(top.factors[0]).toMatchObject({ weight: 28, value: 1, points: 28 });
    // Home and workplace both in Fatih: a trip within the district, 20 minutes by the matrix.
    expect(top.factors[7]).toMatchObject({ factor: 'commute', value: 1, points: 7 });
    expect(top.explanation).toContain('toplu taşımayla yaklaşık 20 dakika uzakta');
    expect(top.explanation).toContain('2 zorunlu beceriden 2 tanesi');
    expect(top.explanation).toContain('yasal koşulları karşılıyor');
    expect(top.permitToRequest).toBe(false);

    // The other office's counsellor sees their own person, never ours.
    const theirs = (await candidates(counsellor2)).body.items.map((i: { personId: string }) => i.personId);
    expect(theirs).toContain(elsewhere.id);
    expect(theirs).not.toContain(best.id);
  });

  it('checks and scores the index’s best candidates a few at a time, widening until the page is settled', async () => {
    // A cabinet-maker vacancy (no other test's person holds its skills): six persons of an unrelated
    // occupation who hold one of its two required skills (so candidates through it), then a cabinet maker
    // holding both. Loading three at a time, the cabinet maker comes first and all seven are listed, whatever
    // the order of the rows (random ids).
    const wood = (
      await t.database.db
        .select({ id: skillOccupations.skillId })
        .from(skillOccupations)
        .where(and(eq(skillOccupations.iscoCode, '7522'), eq(skillOccupations.relation, 'essential')))
        .limit(2)
    ).map((r) => r.id);
    expect(wood).toHaveLength(2);
    const vacancy = await publishedVacancy({
      title: 'Mobilya ustası',
      occupation: 'Mobilya ustası',
      iscoCode: '7522',
      requiredSkillIds: wood,
    });
    const weak: { id: string }[] = [];
    for (let i = 0; i < 6; i++)
      weak.push(
        await person({
          desiredOccupationCodes: [{ title: 'Temizlik görevlisi', iscoCode: '9112' }],
          skillIds: [wood[0]],
        }),
      );
    const strong = await person({
      desiredOccupationCodes: [{ title: 'Mobilya ustası', iscoCode: '7522' }],
      skillIds: wood,
    });
    const config = t.deps.config;
    config.matchingPoolSize = 3;
    try {
      const res = await candidates(counsellor, vacancy);
      expect(res.status).toBe(200);
      const ids = res.body.items.map((c: { personId: string }) => c.personId);
      expect(ids[0]).toBe(strong.id);
      expect(ids.slice(1).sort()).toEqual(weak.map((w) => w.id).sort());
      expect(res.body.total).toBe(7);
    } finally {
      config.matchingPoolSize = undefined;
    }
  });

  it('leaves out a person whose commute limit the trip exceeds, or who lacks a language asked; a later start counts less', async () => {
    const limits = (maxCommuteMinutes: number, earliestStart: string | null = null) => ({
      hoursPerWeek: null,
      shifts: [],
      districts: [],
      maxCommuteMinutes,
      childcareNeed: false,
      earliestStart,
    });
    // Fatih → Fatih 20 minutes; Silivri → Fatih 145 by the matrix (docs/MATCHING.md, "Commute").
    const near = await person(cook({ skillIds: skills, constraints: limits(45) }));
    const far = await person(cook({ skillIds: skills, district: 'Silivri', constraints: limits(60) }));
    const late = await person(cook({ skillIds: skills, constraints: limits(45, '2027-03-03') }));
    const res = await candidates(counsellor);
    const ids = res.body.items.map((i: { personId: string }) => i.personId);
    expect(ids).toContain(near.id);
    expect(ids).not.toContain(far.id);
    expect(res.body.excluded.commute).toBeGreaterThanOrEqual(1);
    const lateItem = res.body.items.find((i: { personId: string }) => i.personId === late.id);
    const nearItem = res.body.items.find((i: { personId: string }) => i.personId === near.id);
    // The vacancy starts on 2027-02-01: 30 days later is half the start factor's 3 points.
    expect(lateItem.factors.find((f: { factor: string }) => f.factor === 'start')).toMatchObject({ value: 0.5 });
    expect(lateItem.explanation).toContain('03.03.2027');
    expect(nearItem.score - lateItem.score).toBeCloseTo(1.5, 1);

    const english = await publishedVacancy({ iscoCode: '5120', languages: [{ code: 'en', level: 'B1' }] });
    const speaks = await person(cook({ languages: [{ code: 'en', level: 'B2' }] }));
    const another = await candidates(counsellor, english);
    const listed = another.body.items.map((i: { personId: string }) => i.personId);
    expect(listed).toContain(speaks.id);
    expect(listed).not.toContain(near.id);
    expect(another.body.excluded.language).toBeGreaterThanOrEqual(1);
  });

  it('a referral from the list keeps the match as it stood, shown in the reader’s language; a plain referral has none', async () => {
    const chosen = await person(cook({ skillIds: skills }));
    const made = await counsellor.post('/api/v1/matching/referrals', { vacancyId: cookVacancy, personId: chosen.id });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const kept = await counsellor.get(`/api/v1/referrals/${made.body.id}/match`);
    expect(kept.status).toBe(200);
    expect(kept.body.match).toMatchObject({ day: '2026-12-03' });
    expect(kept.body.match.explanation).toContain('2 zorunlu beceriden 2 tanesi');
    expect(kept.body.match.factors.map((f: { factor: string }) => f.factor)).toContain('commute');
    const referral = (await counsellor.get(`/api/v1/referrals/${made.body.id}`)).body;
    expect(referral.status).toBe('proposed');
    await counsellor.patch('/api/v1/me/preferences', { locale: 'ar' });
    const inArabic = (await counsellor.get(`/api/v1/referrals/${made.body.id}/match`)).body.match;
    await counsellor.patch('/api/v1/me/preferences', { locale: 'tr' });
    expect(inArabic.explanation).toContain('من المهارات المطلوبة');
    // Another office's counsellor may not see the referral, nor its match.
    expect((await counsellor2.get(`/api/v1/referrals/${made.body.id}/match`)).status).toBe(404);

    // Now referred: the same pair is refused, naming the rule; nothing new is written.
    const again = await counsellor.post('/api/v1/matching/referrals', { vacancyId: cookVacancy, personId: chosen.id });
    expect(again.status).toBe(409);
    expect(again.body.errors[0]).toMatchObject({ pointer: '/personId', code: 'errors.matching.excludedBy' });
    expect(again.body.errors[0].message).toContain('Zaten yönlendirildi');

    const plain = await person(cook({ skillIds: skills }));
    const byHand = await counsellor.post('/api/v1/referrals', { vacancyId: cookVacancy, personId: plain.id });
    expect(byHand.status).toBe(201);
    expect((await counsellor.get(`/api/v1/referrals/${byHand.body.id}/match`)).body).toEqual({ match: null });
  });

  it('explains in the caller’s language', async () => {
    await person(cook({ skillIds: skills }));
    await counsellor.patch('/api/v1/me/preferences', { locale: 'ar' });
    const ar = await candidates(counsellor);
    await counsellor.patch('/api/v1/me/preferences', { locale: 'en' });
    const en = await candidates(counsellor);
    await counsellor.patch('/api/v1/me/preferences', { locale: 'tr' });
    expect(ar.body.items[0].explanation).toMatch(/[\u0600-\u06FF]/);
    expect(ar.body.items[0].explanation).toContain('من المهارات المطلوبة');
    expect(en.body.items.some((i: { explanation: string }) => i.explanation.includes('required skills'))).toBe(true);
  });

  it('writes one audit event per matching query', async () => {
    const n = async () =>
      (
        await t.database.db
          .select({ n: count() })
          .from(auditEvents)
          .where(and(eq(auditEvents.action, 'matching.candidates-listed'), eq(auditEvents.subjectId, cookVacancy)))
      )[0]!.n;
    const before = await n();
    await candidates(counsellor);
    expect(await n()).toBe(before + 1);
  });

  it('never names a special-category fact to a viewer without special-category:read', async () => {
    const accessibleVacancy = await publishedVacancy({ iscoCode: '5120', accessibleWorkplace: true });
    const p = await person(
      cook({
        skillIds: skills,
        targetGroups: [{ group: 'disability', details: { reportPercentage: 60 } }],
      }),
    );
    const seen = (await candidates(counsellor, accessibleVacancy)).body.items.find(
      (i: { personId: string }) => i.personId === p.id,
    );
    expect(seen.explanation).toContain('erişilebilir');
    const officerView = (await candidates(officer, accessibleVacancy)).body.items.find(
      (i: { personId: string }) => i.personId === p.id,
    );
    if (officerView) {
      expect(officerView.explanation).toContain('işyeri kişinin ihtiyaçlarına uygun');
      expect(officerView.explanation).not.toContain('erişilebilir');
      expect(JSON.stringify(officerView.factors)).not.toContain('erişilebilir');
      expect(officerView.permitToRequest).toBeNull();
    }
  });

  it('says when the employer still has to request a work permit (not an exclusion)', async () => {
    const p = await person(
      cook({
        skillIds: skills,
        nationality: 'SY',
        idKind: 'ykn',
        idNumber: withTcknChecksum(`99${String(++serial).slice(-7)}`),
        targetGroups: [
          {
            group: 'refugee',
            details: {
              status: 'temporary-protection',
              registrationProvince: 'İstanbul',
              registrationDate: '2020-01-01',
            },
          },
        ],
      }),
    );
    const item = (await candidates(counsellor)).body.items.find((i: { personId: string }) => i.personId === p.id);
    expect(item.permitToRequest).toBe(true);
    expect(item.explanation).toContain('çalışma izni');
  });

  it('fair spread: a person with the configured number of open referrals is not proposed', async () => {
    const p = await person(cook({ skillIds: skills }));
    expect((await admin.patch('/api/v1/matching/settings', { maxOpenReferrals: 1 })).body).toEqual({
      maxOpenReferrals: 1,
    });
    const other = await publishedVacancy({ title: 'Bulaşıkçı', occupation: 'Bulaşıkçı' });
    expect((await counsellor.post('/api/v1/referrals', { vacancyId: other, personId: p.id })).status).toBe(201);
    const res = await candidates(counsellor);
    expect(res.body.items.map((i: { personId: string }) => i.personId)).not.toContain(p.id);
    expect(res.body.excluded['fair-spread']).toBeGreaterThanOrEqual(1);
    const mine = (await counsellor.get(`/api/v1/persons/${p.id}/vacancies`)).body;
    expect(mine.blocked).toBe('fair-spread');
    await admin.patch('/api/v1/matching/settings', { maxOpenReferrals: 3 });
    expect((await candidates(counsellor)).body.items.map((i: { personId: string }) => i.personId)).toContain(p.id);
  });

  it('excludes a person already referred to (or refused by) the vacancy', async () => {
    const p = await person(cook({ skillIds: skills }));
    expect((await counsellor.post('/api/v1/referrals', { vacancyId: cookVacancy, personId: p.id })).status).toBe(201);
    const res = await candidates(counsellor);
    expect(res.body.items.map((i: { personId: string }) => i.personId)).not.toContain(p.id);
    expect(res.body.excluded['already-referred']).toBeGreaterThanOrEqual(1);
  });

  it('leaves out a person with no occupational relation and no skill asked (unrelated); one skill held is enough', async () => {
    const wood = (
      await t.database.db
        .select({ id: skillOccupations.skillId })
        .from(skillOccupations)
        .where(and(eq(skillOccupations.iscoCode, '7522'), eq(skillOccupations.relation, 'essential')))
        .offset(2)
        .limit(2)
    ).map((r) => r.id);
    expect(wood).toHaveLength(2);
    const vacancy = await publishedVacancy({
      title: 'Marangoz',
      occupation: 'Marangoz',
      iscoCode: '7522',
      requiredSkillIds: [wood[0]],
      preferredSkillIds: [wood[1]],
    });
    const nurse = await person({ desiredOccupationCodes: [{ title: 'Hemşire', iscoCode: '2221' }], iscedLevel: 6 });
    const nurseWithSkill = await person({
      desiredOccupationCodes: [{ title: 'Hemşire', iscoCode: '2221' }],
      skillIds: [wood[1]],
    });
    const maker = await person({ desiredOccupationCodes: [{ title: 'Marangoz', iscoCode: '7522' }] });
    const ids = (await candidates(counsellor, vacancy)).body.items.map((i: { personId: string }) => i.personId);
    expect(ids).toContain(maker.id);
    expect(ids).toContain(nurseWithSkill.id);
    expect(ids).not.toContain(nurse.id);
    // Proposing the unrelated pair anyway is refused, naming the rule; nothing written.
    const refused = await counsellor.post('/api/v1/matching/referrals', { vacancyId: vacancy, personId: nurse.id });
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/personId', code: 'errors.matching.excludedBy' });
    expect(refused.body.errors[0].message).toContain('İlgili meslek ya da beceri yok');
    // A vacancy without an ISCO code relates to everyone.
    const uncoded = await publishedVacancy({
      title: 'Qzxw',
      occupation: 'Qzxw',
      requiredSkillIds: [wood[0]],
    });
    const open = await counsellor.post('/api/v1/matching/referrals', { vacancyId: uncoded, personId: nurse.id });
    expect(open.status, JSON.stringify(open.body)).toBe(201);
  });

  it('reflects a change of skills, consent or work history at once (the index catches up at each query)', async () => {
    const waiter = (
      await t.database.db
        .select({ id: skillOccupations.skillId })
        .from(skillOccupations)
        .where(and(eq(skillOccupations.iscoCode, '5131'), eq(skillOccupations.relation, 'essential')))
        .limit(2)
    ).map((r) => r.id);
    const vacancy = await publishedVacancy({
      title: 'Garson',
      occupation: 'Garson',
      iscoCode: '5131',
      requiredSkillIds: waiter,
    });
    const p = await person({ desiredOccupationCodes: [{ title: 'Hemşire', iscoCode: '2221' }] });
    const listed = async () => {
      const res = await candidates(counsellor, vacancy);
      return res.body.items.find((i: { personId: string }) => i.personId === p.id) as { score: number } | undefined;
    };
    expect(await listed()).toBeUndefined(); // unrelated
    expect((await counsellor.patch(`/api/v1/persons/${p.id}`, { skillIds: [waiter[0]] })).status).toBe(200);
    const one = await listed();
    expect(one).toBeDefined();
    expect((await counsellor.patch(`/api/v1/persons/${p.id}`, { skillIds: waiter })).status).toBe(200);
    const both = await listed();
    expect(both!.score).toBeGreaterThan(one!.score);
    // Work history as a waiter: the occupation factor (set by the entry alone, not the person row).
    expect(
      (
        await counsellor.patch(`/api/v1/persons/${p.id}`, {
          workHistory: [{ occupation: 'Garson', iscoCode: '5131', registered: true, startDate: '2020-01-01' }],
        })
      ).status,
    ).toBe(200);
    expect((await listed())!.score).toBeGreaterThan(both!.score);
    const consents = await counsellor.get(`/api/v1/persons/${p.id}/consents`);
    const share = consents.body.consents.find((c: { purpose: string }) => c.purpose === 'share-with-employers');
    expect((await counsellor.post(`/api/v1/persons/${p.id}/consents/${share.id}/withdraw`)).status).toBe(200);
    expect(await listed()).toBeUndefined();
  });

  it('requires the vacancy’s licences and certificates', async () => {
    const v = await publishedVacancy({
      iscoCode: '8322',
      occupation: 'Şoför',
      title: 'Servis şoförü',
      requiredLicences: ['D'],
      requiredCertificates: ['src-2'],
    });
    const without = await person({ desiredOccupationCodes: [{ title: 'Şoför', iscoCode: '8322' }] });
    const withBoth = await person({
      desiredOccupationCodes: [{ title: 'Şoför', iscoCode: '8322' }],
      licences: [{ code: 'D', expiresOn: '2030-01-01' }],
      certificates: [{ code: 'src-2', expiresOn: null }],
    });
    const res = await candidates(counsellor, v);
    const ids = res.body.items.map((i: { personId: string }) => i.personId);
    expect(ids).toContain(withBoth.id);
    expect(ids).not.toContain(without.id);
    expect(res.body.excluded.licence).toBeGreaterThanOrEqual(1);
  });

  it('finds vacancies for a person, the same rules the other way round; scope, consent and access', async () => {
    const p = await person(cook({ skillIds: skills }));
    const res = await counsellor.get(`/api/v1/persons/${p.id}/vacancies`);
    expect(res.status).toBe(200);
    expect(res.body.blocked).toBeNull();
    const item = res.body.items.find((i: { vacancyId: string }) => i.vacancyId === cookVacancy);
    expect(item).toMatchObject({ title: 'Aşçı', occupation: 'Aşçı' });
    expect(item.score).toBeGreaterThan(50);
    expect(item.explanation).toContain('Aynı meslek (Aşçılar)');

    expect((await counsellor2.get(`/api/v1/persons/${p.id}/vacancies`)).status).toBe(404);
    expect((await employer.get(`/api/v1/persons/${p.id}/vacancies`)).status).toBe(403);
    expect((await employer.get(`/api/v1/vacancies/${cookVacancy}/candidates`)).status).toBe(403);

    const noConsent = await person({ ...cook(), consents: [] });
    const blocked = (await counsellor.get(`/api/v1/persons/${noConsent.id}/vacancies`)).body;
    expect(blocked).toMatchObject({ items: [], total: 0, blocked: 'no-consent' });
  });

  it('ranks every related vacancy of a person, however many: the true best first, the exact total; a change shows at once', async () => {
    // Upholsterers (7534): no other vacancy of the organisation relates to them. The old pool size is lowered to 2:
    // the person relates to four vacancies, and the best is published last.
    const upholstery = (
      await t.database.db
        .select({ id: skillOccupations.skillId })
        .from(skillOccupations)
        .where(and(eq(skillOccupations.iscoCode, '7534'), eq(skillOccupations.relation, 'essential')))
        .limit(3)
    ).map((r) => r.id);
    expect(upholstery.length).toBe(3);
    const saved = t.config.matchingPoolSize;
    t.config.matchingPoolSize = 2;
    try {
      const code = { iscoCode: '7534', title: 'Döşemeci', occupation: 'Döşemeci' };
      const weak = [
        await publishedVacancy({ ...code, requiredSkillIds: upholstery }),
        await publishedVacancy({ ...code, requiredSkillIds: [upholstery[0], upholstery[1]] }),
        await publishedVacancy({ ...code, requiredSkillIds: upholstery, district: 'Silivri' }),
      ];
      const best = await publishedVacancy({ ...code, requiredSkillIds: [upholstery[0]] });
      const p = await person({
        desiredOccupationCodes: [{ title: 'Döşemeci', iscoCode: '7534' }],
        skillIds: [upholstery[0]],
      });
      const all = (await counsellor.get(`/api/v1/persons/${p.id}/vacancies?pageSize=50`)).body;
      const ids = all.items.map((i: { vacancyId: string }) => i.vacancyId);
      expect(ids).toEqual(expect.arrayContaining([best, ...weak]));
      expect(all.total).toBe(all.items.length);
      expect(all.items[0].vacancyId).toBe(best);
      const scores = all.items.map((i: { score: number }) => i.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      // A page of one: the same best vacancy, the same total.
      const top = (await counsellor.get(`/api/v1/persons/${p.id}/vacancies?pageSize=1`)).body;
      expect(top.items.map((i: { vacancyId: string }) => i.vacancyId)).toEqual([best]);
      expect(top.total).toBe(all.total);
      // Closing the best vacancy is seen by the next listing (the vacancy index catches up at each query).
      expect((await officer.post(`/api/v1/vacancies/${best}/close`, { outcome: 'closed' })).status).toBe(200);
      const after = (await counsellor.get(`/api/v1/persons/${p.id}/vacancies?pageSize=50`)).body;
      expect(after.total).toBe(all.total - 1);
      expect(after.items.map((i: { vacancyId: string }) => i.vacancyId)).not.toContain(best);
    } finally {
      t.config.matchingPoolSize = saved;
    }
  });

  it('refuses candidates of a vacancy that is not published', async () => {
    const draft = await officer.post('/api/v1/vacancies', {
      employerId,
      title: 'Taslak aşçı',
      occupation: 'Aşçı',
      duties: 'Yemek hazırlama işleri.',
      province: 'İstanbul',
      positions: 1,
      contractType: 'permanent',
      startDate: '2027-02-01',
      hoursPerDay: 8,
      hoursPerWeek: 40,
      shifts: ['day'],
      wageMin: 30000,
      wageBasis: 'net',
    });
    expect((await candidates(counsellor, draft.body.id)).status).toBe(409);
  });
});
