import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  cases,
  employers,
  offices,
  organisations,
  persons,
  placements,
  skills,
  vacancies,
} from '../../db/schema/index.ts';
import { parseCsv } from '../../lib/tabular.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import type { LabourMarket } from '../../../common/contracts/indicators.ts';

/**
 * Known data in 2019 (before the demo data's years, so a 2019 range holds these rows only):
 * - Job seekers registered 1 Feb 2019 with open cases: 12 in Fatih wanting 7531 (tailors) holding skill S1;
 *   12 in Esenyurt wanting 5223 (shop sales) holding S2; 3 in Esenyurt wanting 5221 (street vendors).
 * - Vacancies: V1 7531, employer E1, 5 positions, net 30,000, asks S1 and S3, Fatih, March (2 hires);
 *   V2 7531, E2, 3 positions, net 32,000, asks S1, Fatih, April; V3 7531, E3, 2 positions, net 34,000,
 *   asks S3, Bağcılar, April; V4 5223, E1, 4 positions, gross 40,000, asks S2, Esenyurt, May;
 *   V5 unlinked title, E2, 1 position, net 28,000, no district, May.
 */
let t: TestContext;
let manager: TestClient;
let analyst: TestClient;
let S1: string;
let S2: string;
let S3: string;

async function seed() {
  const db = t.database.db;
  const [org] = await db.select().from(organisations).where(eq(organisations.shortName, 'İBB'));
  const orgId = org!.id;
  const officeRows = await db.select().from(offices).where(eq(offices.organisationId, orgId));
  const fatih = officeRows.find((o) => o.name.startsWith('Fatih'))!.id;
  const esenyurt = officeRows.find((o) => o.name.startsWith('Esenyurt'))!.id;
  const [E1, E2, E3] = await db.select().from(employers).where(eq(employers.organisationId, orgId)).limit(3);
  [S1, S2, S3] = (await db.select({ id: skills.id }).from(skills).limit(3)).map((s) => s.id) as [
    string,
    string,
    string,
  ];

  const seeker = async (tag: string, officeId: string, district: string, iscoCode: string, skillIds: string[]) => {
    const [p] = await db
      .insert(persons)
      .values({
        organisationId: orgId,
        officeId,
        givenName: `Piyasa ${tag}`,
        familyName: 'Deneme',
        nameKey: `piyasa ${tag.toLowerCase()} deneme`,
        birthDate: '1990-01-01',
        sex: 'female',
        nationality: 'TR',
        province: 'İstanbul',
        district,
        occupationLinks: [{ title: iscoCode, iscoCode, score: 1, status: 'auto' }],
        iscoGroups: [1, 2, 3, 4].map((l) => iscoCode.slice(0, l)),
        skillIds,
        createdAt: new Date('2019-02-01T10:00:00+03:00'),
      })
      .returning();
    await db
      .insert(cases)
      .values({ organisationId: orgId, personId: p!.id, officeId, openedAt: new Date('2019-02-01T10:00:00+03:00') });
    return p!.id;
  };
  const tailors: string[] = [];
  for (let i = 0; i < 12; i++) tailors.push(await seeker(`T${i}`, fatih, 'Fatih', '7531', [S1]));
  for (let i = 0; i < 12; i++) await seeker(`S${i}`, esenyurt, 'Esenyurt', '5223', [S2]);
  for (let i = 0; i < 3; i++) await seeker(`V${i}`, esenyurt, 'Esenyurt', '5221', []);

  const [template] = await db.select().from(vacancies).where(eq(vacancies.organisationId, orgId)).limit(1);
  const { id: _id, ...base } = template!;
  const vacancy = async (v: Partial<typeof vacancies.$inferInsert>) => {
    const [row] = await db
      .insert(vacancies)
      .values({ ...base, status: 'published', closedAt: null, ...v })
      .returning();
    return row!;
  };
  const V1 = await vacancy({
    employerId: E1!.id,
    iscoCode: '7531',
    positions: 5,
    wageMin: '30000',
    wageBasis: 'net',
    contractType: 'permanent',
    requiredSkillIds: [S1, S3],
    province: 'İstanbul',
    district: 'Fatih',
    publishedAt: new Date('2019-03-10T10:00:00+03:00'),
  });
  await vacancy({
    employerId: E2!.id,
    iscoCode: '7531',
    positions: 3,
    wageMin: '32000',
    wageBasis: 'net',
    contractType: 'fixed-term',
    requiredSkillIds: [S1],
    province: 'İstanbul',
    district: 'Fatih',
    publishedAt: new Date('2019-04-01T10:00:00+03:00'),
  });
  await vacancy({
    employerId: E3!.id,
    iscoCode: '7531',
    positions: 2,
    wageMin: '34000',
    wageBasis: 'net',
    contractType: 'permanent',
    requiredSkillIds: [S3],
    province: 'İstanbul',
    district: 'Bağcılar',
    publishedAt: new Date('2019-04-15T10:00:00+03:00'),
  });
  await vacancy({
    employerId: E1!.id,
    iscoCode: '5223',
    positions: 4,
    wageMin: '40000',
    wageBasis: 'gross',
    contractType: 'permanent',
    requiredSkillIds: [S2],
    province: 'İstanbul',
    district: 'Esenyurt',
    publishedAt: new Date('2019-05-01T10:00:00+03:00'),
  });
  await vacancy({
    employerId: E2!.id,
    iscoCode: null,
    positions: 1,
    wageMin: '28000',
    wageBasis: 'net',
    contractType: 'part-time',
    requiredSkillIds: [],
    province: 'İstanbul',
    district: null,
    publishedAt: new Date('2019-05-20T10:00:00+03:00'),
  });
  for (const personId of tailors.slice(0, 2)) {
    await db.insert(placements).values({
      organisationId: orgId,
      officeId: fatih,
      personId,
      employerId: E1!.id,
      vacancyId: V1.id,
      source: 'referral',
      jobTitle: 'Terzi',
      status: 'active',
      startDate: '2019-06-01',
      contractType: 'permanent',
      wageAmount: '30000',
      wageBasis: 'net',
      hoursPerWeek: 45,
      hoursPerDay: 9,
      shifts: ['day'],
      workplaceProvince: 'İstanbul',
      decent: true,
      verification: 'unverified',
    });
  }
  return { E1: E1! };
}

let E1: { naceCode: string };
beforeAll(async () => {
  t = await createTestContext({ rateLimitPerMinute: 1_000_000 });
  ({ E1 } = await seed());
  manager = await t.as('ibb', 'manager');
  analyst = await t.as('ibb', 'analyst');
});
afterAll(async () => t.close());

const insights = async (client: TestClient, query: string) => {
  const res = await client.get(`/api/v1/indicators/labour-market?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as LabourMarket;
};
const byCode = (lm: LabourMarket) => Object.fromEntries(lm.occupations.map((o) => [o.code, o]));

describe('labour-market insights from known data', () => {
  it('demand and supply by major group: vacancies, positions, unfilled positions, median wage over three employers', async () => {
    const lm = await insights(manager, 'from=2019-01&to=2019-12&level=1');
    expect(lm.seekersOn).toBe('2019-12-31');
    expect(lm.threshold).toBeNull();
    expect(lm.totals).toEqual({ vacancies: 5, positions: 15, unfilled: 13, seekers: { value: 27, flag: null } });
    const o = byCode(lm);
    expect(o['7']).toMatchObject({ vacancies: 3, positions: 10, unfilled: 8, medianWage: 32000 });
    expect(o['7']!.seekers).toEqual({ value: 12, flag: null });
    // One employer's gross offer: no median (an employer's offer is not shown).
    expect(o['5']).toMatchObject({ vacancies: 1, positions: 4, unfilled: 4, medianWage: null });
    expect(o['5']!.seekers).toEqual({ value: 15, flag: null });
    expect(o.unknown).toMatchObject({ vacancies: 1, positions: 1, medianWage: null });
    expect(lm.occupations[0]!.code).toBe('7');
    expect(o['7']!.label).toMatch(/^7 \S/);
  });

  it('skills asked and held, with the missing ones marked', async () => {
    const lm = await insights(manager, 'from=2019-01&to=2019-12');
    const s = Object.fromEntries(lm.skills.map((k) => [k.skillId, k]));
    expect(s[S1]).toMatchObject({ vacancies: 2, positions: 8, seekers: { value: 12, flag: null }, scarce: false });
    expect(s[S3]).toMatchObject({ vacancies: 2, positions: 7, seekers: { value: 0, flag: null }, scarce: true });
    expect(s[S2]).toMatchObject({ vacancies: 1, positions: 4, seekers: { value: 12, flag: null }, scarce: false });
  });

  it('districts, contract types, hiring by sector and the months', async () => {
    const lm = await insights(manager, 'from=2019-01&to=2019-12');
    const d = Object.fromEntries(lm.districts.map((x) => [x.district, x]));
    expect(d.Fatih).toMatchObject({ positions: 8, seekers: { value: 12, flag: null } });
    expect(d.Esenyurt).toMatchObject({ positions: 4, seekers: { value: 15, flag: null } });
    expect(d['Bağcılar']).toMatchObject({ positions: 2, seekers: { value: 0, flag: null } });
    expect(lm.contracts).toEqual([
      { contractType: 'permanent', vacancies: 3, positions: 11 },
      { contractType: 'fixed-term', vacancies: 1, positions: 3 },
      { contractType: 'part-time', vacancies: 1, positions: 1 },
    ]);
    const section = E1.naceCode.startsWith('14') ? 'C' : expect.any(String);
    expect(lm.sectors).toEqual([{ section, label: expect.any(String), hires: { value: 2, flag: null } }]);
    const months = Object.fromEntries(lm.months.map((m) => [m.month, m]));
    expect(months['2019-02']!.registrations).toEqual({ value: 27, flag: null });
    expect(months['2019-03']).toMatchObject({ vacancies: 1, positions: 5 });
    expect(months['2019-04']).toMatchObject({ vacancies: 2, positions: 5 });
    expect(months['2019-05']).toMatchObject({ vacancies: 2, positions: 5 });
    expect(lm.months).toHaveLength(12);
  });
});

describe('disclosure control for analysts', () => {
  it('hides small counts of persons and their partners consistently across ISCO levels; demand stays exact', async () => {
    const one = await insights(analyst, 'from=2019-01&to=2019-12&level=1');
    expect(one.threshold).toBe(11);
    expect(byCode(one)['5']!.seekers).toEqual({ value: 15, flag: null });
    expect(one.totals.seekers).toEqual({ value: 27, flag: null });
    const three = await insights(analyst, 'from=2019-01&to=2019-12&level=3');
    expect(byCode(three)['522']!.seekers).toEqual({ value: 15, flag: null });
    const four = byCode(await insights(analyst, 'from=2019-01&to=2019-12&level=4'));
    // 5221 holds 3: hidden; 5223 (12) is hidden with it, or 522 − 5223 would give it away.
    expect(four['5221']!.seekers).toEqual({ value: null, flag: 'suppressed' });
    expect(four['5223']!.seekers).toEqual({ value: null, flag: 'suppressed' });
    expect(four['7531']!.seekers).toEqual({ value: 12, flag: null });
    expect(four['7531']).toMatchObject({ vacancies: 3, positions: 10 });
    // Two hires, all in one sector: hidden, the sector and the total alike.
    expect(one.sectors.map((s) => s.hires)).toEqual([{ value: null, flag: 'suppressed' }]);
  });

  it('another role without indicators gets 403; bad queries name their field and change nothing', async () => {
    const trainer = await t.as('ibb', 'trainer');
    expect((await trainer.get('/api/v1/indicators/labour-market?from=2019-01&to=2019-12')).status).toBe(403);
    const reversed = await manager.get('/api/v1/indicators/labour-market?from=2019-05&to=2019-01');
    expect(reversed.status).toBe(400);
    expect(reversed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(reversed.body.errors[0].pointer).toBe('/querystring/to');
    const level = await manager.get('/api/v1/indicators/labour-market?from=2019-01&to=2019-12&level=5');
    expect(level.status).toBe(400);
    expect(JSON.stringify(level.body.errors)).toContain('/querystring/level');
  });
});

describe('the labour-market export', () => {
  it('XLSX: a sheet per table and the rule; a manager’s file is the suppressed release, opened and checked', async () => {
    const res = await manager.get(
      '/api/v1/indicators/labour-market/export?from=2019-01&to=2019-12&level=4&format=xlsx',
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('kopru-labour-market-2019-01-2019-12.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(7);
    expect(wb.worksheets[6]!.name).toBe('Gizleme kuralı');
    const occ = wb.worksheets[0]!;
    const row = (code: string) => {
      for (let r = 2; r <= occ.rowCount; r++) if (occ.getRow(r).getCell(1).text === code) return occ.getRow(r);
      throw new Error(`no row ${code}`);
    };
    // Demand exact; 5221 (3 job seekers) and its partner 5223 (12) hidden as "x", 7531 published.
    expect([3, 4, 5, 6].map((c) => row('7531').getCell(c).value)).toEqual([3, 10, 8, 32000]);
    expect(row('7531').getCell(7).value).toBe(12);
    expect(row('5221').getCell(7).value).toBe('x');
    expect(row('5223').getCell(7).value).toBe('x');
    expect(row('_T').getCell(7).value).toBe(27);
    // Two hires in one sector: hidden in the file as on the analyst's screen.
    expect(wb.worksheets[4]!.getRow(2).getCell(3).value).toBe('x');
  });

  it('CSV: UTF-8 with BOM, long format, hidden cells marked; audited', async () => {
    const res = await analyst.get('/api/v1/indicators/labour-market/export?from=2019-01&to=2019-12&format=csv');
    expect(res.status).toBe(200);
    const raw = res.raw.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(raw.subarray(3).toString('utf8'), ';');
    const seekers = (label: string) =>
      rows.find((r) => r[0] === 'occupations' && r[2] === label && r[3] === 'İş arayan')!;
    expect(rows.find((r) => r[0] === 'districts' && r[2] === 'Esenyurt / İstanbul' && r[3] === 'İş arayan')![4]).toBe(
      '15',
    );
    expect(seekers('Toplam')[4]).toBe('27');
    const hires = rows.find((r) => r[0] === 'sectors')!;
    expect(hires[4]).toBe('');
    expect(hires[5]).toContain('gizlendi');
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, 'labour-market:csv:2019-01:2019-12'));
    expect(event).toMatchObject({ action: 'indicators.exported' });
  });
});
