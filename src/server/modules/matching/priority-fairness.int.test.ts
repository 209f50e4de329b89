import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import {
  auditEvents,
  matchingPriorityPolicies,
  matchingProposalTallies,
  skillOccupations,
  vacancies,
} from '../../db/schema/index.ts';
import { withTcknChecksum, withVknChecksum } from '../../../common/identity-number.ts';
import { parseCsv, readTable } from '../../lib/tabular.ts';

/** The priority policy and the fairness monitor (docs/MATCHING.md), through the API. */

let t: TestContext;
let officer: TestClient; // employer relations
let manager: TestClient; // matching:policy, matching:fairness; no special-category:read
let counsellor: TestClient; // Fatih office, special-category:read
let serial = 810_000_00;
let skills: string[] = [];
let employerId = '';
let vacancyId = '';
let organisationId = '';

async function verifiedEmployer() {
  const res = await officer.post('/api/v1/employers', {
    legalName: `Öncelik Lokantası Ltd. Şti. ${++serial}`,
    taxKind: 'vkn',
    taxNumber: withVknChecksum(String(serial).padStart(9, '5').slice(0, 9)),
    naceCode: '56.10',
    workerCount: 40,
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

async function publishedVacancy() {
  const created = await officer.post('/api/v1/vacancies', {
    employerId,
    title: 'Aşçı yardımcısı',
    occupation: 'Aşçı',
    duties: 'Sıcak mutfakta yemek hazırlama ve pişirme.',
    province: 'İstanbul',
    district: 'Fatih',
    positions: 3,
    contractType: 'permanent',
    startDate: '2027-02-01',
    hoursPerDay: 9,
    hoursPerWeek: 45,
    shifts: ['day'],
    wageMin: 30000,
    wageBasis: 'net',
    iscoCode: '5120',
    requiredSkillIds: skills,
  });
  expect(created.status).toBe(201);
  expect((await officer.post(`/api/v1/vacancies/${created.body.id}/submit`)).status).toBe(200);
  const published = await manager.post(`/api/v1/vacancies/${created.body.id}/review`, { decision: 'publish' });
  expect(published.status).toBe(200);
  return published.body.id as string;
}

const consent = (purpose: string) => ({ purpose, textVersion: '2026-01', channel: 'in-person' });

async function person(overrides: Record<string, unknown> = {}) {
  const res = await counsellor.post('/api/v1/persons', {
    givenName: 'Öncelik',
    familyName: `Adayı ${++serial}`,
    idKind: 'tckn',
    idNumber: withTcknChecksum(String(serial).padStart(9, '6').slice(0, 9)),
    birthDate: '1990-03-03',
    sex: 'female',
    nationality: 'TR',
    province: 'İstanbul',
    district: 'Fatih',
    phone: `+90535${String(serial).slice(-7)}`,
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [consent('share-with-employers')],
    confirmNotDuplicate: true,
    desiredOccupationCodes: [{ title: 'Aşçı', iscoCode: '5120' }],
    skillIds: skills,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

interface Item {
  personId: string;
  score: number;
  explanation: string;
  priority: { points: number; groups: string[]; unnamed: boolean } | null;
}

async function candidates(client: TestClient) {
  const res = await client.get(`/api/v1/vacancies/${vacancyId}/candidates?pageSize=50`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as Item[];
}
const find = (items: Item[], id: string) => items.find((i) => i.personId === id);
const rankOf = (items: Item[], id: string) => items.findIndex((i) => i.personId === id);

const policyRows = async () =>
  (
    await t.database.db
      .select({ n: count() })
      .from(matchingPriorityPolicies)
      .where(eq(matchingPriorityPolicies.organisationId, organisationId))
  )[0]!.n;

let carer = '';
let experienced = '';
let romaNoConsent = '';
let romaConsent = '';

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(new Date('2026-12-03T09:00:00Z'));
  [officer, manager, counsellor] = await Promise.all([
    t.as('ibb', 'employer-relations'),
    t.as('ibb', 'manager'),
    t.as('ibb', 'counsellor'),
  ]);
  skills = (
    await t.database.db
      .select({ id: skillOccupations.skillId })
      .from(skillOccupations)
      .where(and(eq(skillOccupations.iscoCode, '5120'), eq(skillOccupations.relation, 'essential')))
      .limit(2)
  ).map((r) => r.id);
  employerId = await verifiedEmployer();
  vacancyId = await publishedVacancy();
  organisationId = (
    await t.database.db.select({ o: vacancies.organisationId }).from(vacancies).where(eq(vacancies.id, vacancyId))
  )[0]!.o;
  // Six months of registered work as a cook: 3.5 points (14 × 6/24) more than the carer, who has none.
  experienced = await person({
    sex: 'male',
    workHistory: [
      { occupation: 'Aşçı', iscoCode: '5120', registered: true, startDate: '2025-01-01', endDate: '2025-07-01' },
    ],
  });
  carer = await person({ targetGroups: [{ group: 'woman-care', details: { childrenUnder6: 1 } }] });
  const roma = (extra: string[]) => ({
    targetGroups: [{ group: 'roma', details: {} }],
    consents: [consent('share-with-employers'), consent('roma-self-identification'), ...extra.map(consent)],
  });
  romaNoConsent = await person(roma([]));
  romaConsent = await person(roma(['priority-matching']));
});
afterAll(async () => t.close());

describe('priority policy', () => {
  it('starts empty: nobody is lifted', async () => {
    const policy = await manager.get('/api/v1/matching/priority-policy');
    expect(policy.status).toBe(200);
    expect(policy.body).toMatchObject({ version: null, lifts: {}, maxGroupLift: 10, maxTotalLift: 15 });
    const items = await candidates(counsellor);
    expect(find(items, carer)!.priority).toBeNull();
    expect(rankOf(items, experienced)).toBeLessThan(rankOf(items, carer));
  });

  it('refuses a non-manager (403) and bad weights with the field path, writing nothing', async () => {
    expect((await counsellor.put('/api/v1/matching/priority-policy', { lifts: { 'woman-care': 5 } })).status).toBe(403);
    expect((await counsellor.get('/api/v1/matching/priority-policy/history')).status).toBe(403);
    const before = await policyRows();
    const bad = await manager.put('/api/v1/matching/priority-policy', {
      lifts: { 'woman-care': 11, neet: -1, astrology: 3 },
    });
    expect(bad.status).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const pointers = (bad.body.errors as { pointer: string; message: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(expect.arrayContaining(['/lifts/neet', '/lifts/woman-care']));
    expect(bad.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    expect(await policyRows()).toBe(before);
  });

  it('a new version changes the ranking, visibly, in both directions; audited with who and when', async () => {
    const res = await manager.put('/api/v1/matching/priority-policy', {
      lifts: { 'woman-care': 5, roma: 8 },
      note: 'Bakım yükü olan kadınlar için öncelik',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ version: 1, lifts: { 'woman-care': 5, roma: 8 }, changedBy: 'Mehmet Demir' });
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'matching.priority-policy-updated'));
    expect(event).toBeDefined();

    const items = await candidates(counsellor);
    const lifted = find(items, carer)!;
    expect(lifted.priority).toEqual({ points: 5, groups: ['woman-care'], unnamed: false });
    expect(rankOf(items, carer)).toBeLessThan(rankOf(items, experienced));
    expect(lifted.explanation).toMatch(/kurumun politikasına göre öncelik: .+ \(\+5\)/);
    await counsellor.patch('/api/v1/me/preferences', { locale: 'en' });
    const english = find(await candidates(counsellor), carer)!;
    expect(english.explanation).toMatch(/priority under the organisation's policy: Woman with care duties \(\+5\)/);
    await counsellor.patch('/api/v1/me/preferences', { locale: 'ar' });
    expect(find(await candidates(counsellor), carer)!.explanation).toMatch(/أولوية وفق سياسة المؤسسة: .+ \(\+5\)/);
    await counsellor.patch('/api/v1/me/preferences', { locale: 'tr' });

    const theirs = await counsellor.get(`/api/v1/persons/${carer}/vacancies?pageSize=50`);
    expect(theirs.status).toBe(200);
    const match = (theirs.body.items as (Item & { vacancyId: string })[]).find((v) => v.vacancyId === vacancyId)!;
    expect(match.priority).toEqual({ points: 5, groups: ['woman-care'], unnamed: false });
    expect(match.explanation).toMatch(/\(\+5\)/);

    const history = await manager.get('/api/v1/matching/priority-policy/history');
    expect(history.body.items.map((v: { version: number }) => v.version)).toEqual([1]);
    expect(history.body.items[0].changedAt).toBeTruthy();
  });

  it('lifts for Roma identity only with the person’s consent to that use, and names it only to who may know', async () => {
    const items = await candidates(counsellor);
    expect(find(items, romaNoConsent)!.priority).toBeNull();
    expect(find(items, romaConsent)!.priority).toEqual({ points: 8, groups: ['roma'], unnamed: false });
    // The manager may see candidates but not special categories: the lift is shown, its reason is not.
    const seen = await manager.get(`/api/v1/vacancies/${vacancyId}/candidates?pageSize=50`);
    const hidden = (seen.body.items as Item[]).find((i) => i.personId === romaConsent);
    expect(hidden).toBeDefined();
    expect(hidden!.priority).toEqual({ points: 8, groups: [], unnamed: true });
    expect(hidden!.explanation).toMatch(/kurumun politikasına göre öncelik \(\+8\)/);
    expect(hidden!.explanation).not.toMatch(/Roman/);
  });

  it('a second version replaces the first and keeps it in the history', async () => {
    expect((await manager.put('/api/v1/matching/priority-policy', { lifts: {} })).status).toBe(200);
    const history = await manager.get('/api/v1/matching/priority-policy/history');
    expect(history.body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(find(await candidates(counsellor), carer)!.priority).toBeNull();
  });
});

describe('fairness monitor', () => {
  it('records what was proposed as counts only, per vacancy and day', async () => {
    await candidates(counsellor);
    const [tally] = await t.database.db
      .select()
      .from(matchingProposalTallies)
      .where(eq(matchingProposalTallies.vacancyId, vacancyId));
    expect(tally).toMatchObject({ listedOn: '2026-12-03', iscoCode: '5120' });
    expect(tally!.eligible!['']).toBeGreaterThanOrEqual(4);
    expect(tally!.eligible!['group=woman-care']).toBeGreaterThanOrEqual(1);
    const text = JSON.stringify(tally);
    for (const id of [carer, experienced, romaConsent]) expect(text).not.toContain(id);
  });

  it('flags a group below 0.8 of its pool share and does not show small cells', async () => {
    // Constructed: a pool of 100 women and 100 men, of whom the matcher proposed 20 women and 60 men.
    await t.database.db.insert(matchingProposalTallies).values(
      [1, 2].map((d) => ({
        organisationId,
        vacancyId,
        officeId: null,
        iscoCode: '9112',
        listedOn: `2031-01-0${d}`,
        eligible: {
          '': 100,
          'sex=female': 50,
          'sex=male': 50,
          'age=25-34': 95,
          'age=55+': 5,
          'group=none': 95,
          'group=woman-care': 5,
        },
        proposed: { '': 40, 'sex=female': 10, 'sex=male': 30, 'age=25-34': 40, 'group=none': 40 },
      })),
    );
    const res = await manager.get('/api/v1/matching/fairness?isco=91&from=2031-01-01&to=2031-01-31');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ empty: false, threshold: 11, flagRatio: 0.8, poolTotal: 200 });
    const table = (measure: string, dimension: string) =>
      res.body.tables.find(
        (x: { measure: string; dimension: string }) => x.measure === measure && x.dimension === dimension,
      ).rows as { cell: string; pool: number | null; count: number | null; ratio: number | null; flagged: boolean }[];
    const bySex = table('proposals', 'sex');
    expect(bySex.find((r) => r.cell === 'female')).toMatchObject({ pool: 100, count: 20, ratio: 0.5, flagged: true });
    expect(bySex.find((r) => r.cell === 'male')).toMatchObject({ pool: 100, count: 60, ratio: 1.5, flagged: false });
    // 10 people aged 55+ in the pool: below the threshold of 11, not shown; nor is its partner in the total.
    const byAge = table('proposals', 'age');
    expect(byAge.find((r) => r.cell === '55+')).toMatchObject({ pool: null, ratio: null, flagged: false });
    expect(table('proposals', 'group').find((r) => r.cell === 'woman-care')).toMatchObject({
      pool: null,
      ratio: null,
    });
    // Special categories are not offered to a manager without special-category:read.
    expect(table('proposals', 'group').map((r) => r.cell)).not.toContain('roma');
    // Every count shown is zero or at least the threshold.
    for (const tbl of res.body.tables)
      for (const r of tbl.rows as { pool: number | null; count: number | null }[])
        for (const n of [r.pool, r.count]) if (n !== null) expect(n === 0 || n >= 11).toBe(true);
  });

  it('answers an empty state for filters with nothing listed, and refuses a bad period', async () => {
    const empty = await manager.get('/api/v1/matching/fairness?isco=01&from=2031-01-01&to=2031-01-31');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ empty: true, tables: [], poolTotal: null });
    const reversed = await manager.get('/api/v1/matching/fairness?from=2031-02-01&to=2031-01-01');
    expect(reversed.status).toBe(422);
    expect(reversed.body.errors[0].pointer).toBe('/to');
    expect((await manager.get('/api/v1/matching/fairness?isco=912&from=2031-01-01&to=2031-01-31')).status).toBe(400);
  });

  it('gives the same tables as a file: hidden counts read "x" in the XLSX and the CSV, and the export is audited', async () => {
    const query = 'isco=91&from=2031-01-01&to=2031-01-31';
    const xlsx = await manager.get(`/api/v1/matching/fairness/export?${query}&format=xlsx`);
    expect(xlsx.status, xlsx.raw.body).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    expect(String(xlsx.headers['content-disposition'])).toContain('fairness-2031-01-01-2031-01-31.xlsx');
    expect(String(xlsx.headers['cache-control'])).toContain('no-store');
    const rows = await readTable('f.xlsx', xlsx.raw.rawPayload, { maxRows: 1000, messages: 'errors.import' });
    expect(rows[0]!.cells.slice(0, 4)).toEqual(['Gösterge', 'Boyut', 'Grup', 'Uygun havuz']);
    const row = (measure: string, dimension: string, cell: string) =>
      rows.find((r) => r.cells[0] === measure && r.cells[1] === dimension && r.cells[2] === cell)?.cells;
    // As on screen: 20 of 60+20 proposals against half of the pool, a ratio of 0.5, flagged.
    const women = row('Öneriler', 'Cinsiyet', 'Kadın')!;
    expect(women.slice(3, 8)).toEqual([100, 0.5, 20, 0.25, 0.5]);
    expect(String(women[8])).not.toBe('');
    expect(String(row('Öneriler', 'Cinsiyet', 'Erkek')![8] ?? '')).toBe('');
    // Ten people aged 55+ in the pool: "x", never 0, with no share or ratio that would give it away.
    const older = row('Öneriler', 'Yaş grubu', '55+')!;
    expect(older[3]).toBe('x');
    expect(older[4] ?? null).toBeNull();
    expect(older[7] ?? null).toBeNull();
    // Every number in the file is zero, at least the threshold, or a share.
    for (const r of rows.slice(1))
      for (const c of [r.cells[3], r.cells[5]]) if (typeof c === 'number') expect(c === 0 || c >= 11).toBe(true);

    const csv = await manager.get(`/api/v1/matching/fairness/export?${query}&format=csv`);
    expect(csv.status).toBe(200);
    const text = csv.raw.rawPayload.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = parseCsv(text.slice(1));
    expect(lines.find((l) => l[1] === 'Yaş grubu' && l[2] === '55+')?.[3]).toBe('x');

    const audited = await t.database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'matching.fairness-exported'), eq(auditEvents.organisationId, organisationId)));
    expect(audited[0]!.n).toBe(2);
  });

  it('is for managers only', async () => {
    expect((await counsellor.get('/api/v1/matching/fairness?from=2031-01-01&to=2031-01-31')).status).toBe(403);
    expect(
      (await counsellor.get('/api/v1/matching/fairness/export?from=2031-01-01&to=2031-01-31&format=xlsx')).status,
    ).toBe(403);
    const bad = await manager.get('/api/v1/matching/fairness/export?from=2031-01-01&to=2031-01-31&format=pdf');
    expect(bad.status).toBe(400);
  });
});
