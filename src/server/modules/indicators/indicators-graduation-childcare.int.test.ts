import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  childcarePlaces,
  childcareProviders,
  graduations,
  households,
  offices,
  organisations,
  persons,
  placements,
  referrals,
  vacancies,
} from '../../db/schema/index.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { attack } from '../../../common/disclosure-attack.ts';
import { cellKey, type Relation } from '../../../common/disclosure.ts';
import { parseCsv } from '../../lib/tabular.ts';
import type { ReleasedTable } from '../../../common/contracts/indicators.ts';

/**
 * Known data, January 2020 to June 2021 (the demo data set starts years later):
 * - Graduations: G0…G5 women 30–44 (Fatih), G6…G12 men 30–44 (Esenyurt), each the working member of
 *   a household. All 13 recommended on 10 Feb 2020; G0…G11 approved on 5 Mar 2020 (paid by the
 *   municipality), G12 declined. G0…G11 confirmed off aid on 15 Apr 2020 with monthly aid saved
 *   1,000 + 100·i TRY. G0 returned to aid on 1 Sep 2020 (within 12 months), G1 on 1 May 2021 (after
 *   more than 12 months). Aid saved: G2…G11 (10 households: 4 women, 6 men) = 16,500 TRY
 *   (women 1,200+1,300+1,400+1,500 = 5,400; men 11,100).
 * - Childcare: M0…M11, women 25–29 (Fatih), each with a place from 1 Mar 2020; M10, M11's places end
 *   on 31 May 2020. M0…M6 start a job on 1 Apr 2020, M0…M3 verified as registered work.
 */
let t: TestContext;
let manager: TestClient;
let analyst: TestClient;
let admin: TestClient;
const R = { from: '2020-01', to: '2021-06' };

async function seed() {
  const db = t.database.db;
  const [org] = await db.select().from(organisations).where(eq(organisations.shortName, 'İBB'));
  const orgId = org!.id;
  const officeRows = await db.select().from(offices).where(eq(offices.organisationId, orgId));
  const fatih = officeRows.find((o) => o.name.startsWith('Fatih'))!.id;
  const esenyurt = officeRows.find((o) => o.name.startsWith('Esenyurt'))!.id;
  const [vacancy] = await db.select().from(vacancies).where(eq(vacancies.organisationId, orgId)).limit(1);

  const person = async (tag: string, sex: 'female' | 'male', birthDate: string, officeId: string, district: string) => {
    const [p] = await db
      .insert(persons)
      .values({
        organisationId: orgId,
        officeId,
        givenName: `Gösterge ${tag}`,
        familyName: 'Deneme',
        nameKey: `gosterge ${tag.toLowerCase()} deneme`,
        birthDate,
        sex,
        nationality: 'TR',
        province: 'İstanbul',
        district,
        createdAt: new Date('2019-05-01T09:00:00+03:00'),
      })
      .returning();
    return p!.id;
  };
  const placement = async (personId: string, officeId: string, startDate: string, verified: boolean) => {
    const [row] = await db
      .insert(placements)
      .values({
        organisationId: orgId,
        officeId,
        personId,
        employerId: vacancy!.employerId,
        source: 'self-reported',
        jobTitle: 'Depo görevlisi',
        status: 'active',
        startDate,
        contractType: 'permanent',
        wageAmount: '32000',
        wageBasis: 'gross',
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

  for (let i = 0; i < 13; i++) {
    const woman = i < 6;
    const officeId = woman ? fatih : esenyurt;
    const district = woman ? 'Fatih' : 'Esenyurt';
    const personId = await person(`G${i}`, woman ? 'female' : 'male', '1985-05-01', officeId, district);
    const placementId = await placement(personId, officeId, '2019-06-01', true);
    const [household] = await db
      .insert(households)
      .values({ organisationId: orgId, officeId, province: 'İstanbul', district })
      .returning();
    const approved = i < 12;
    const status = i === 12 ? 'declined' : i <= 1 ? 'returned' : 'confirmed';
    await db.insert(graduations).values({
      organisationId: orgId,
      officeId,
      householdId: household!.id,
      personId,
      placementId,
      status,
      district,
      facts: {} as never,
      recommendedOn: '2020-02-10',
      decidedOn: '2020-03-05',
      payer: approved ? 'municipality' : null,
      declineReason: approved ? null : 'Hane geliri henüz istikrarlı değil',
      confirmedOn: approved ? '2020-04-15' : null,
      aidEndDate: approved ? '2020-04-30' : null,
      monthlyAidSaved: approved ? String(1000 + 100 * i) : null,
      returnedOn: i === 0 ? '2020-09-01' : i === 1 ? '2021-05-01' : null,
    });
  }

  const [provider] = await db
    .insert(childcareProviders)
    .values({
      organisationId: orgId,
      name: 'Fatih Belediyesi Çocuk Evi (gösterge)',
      nameKey: 'fatih belediyesi cocuk evi gosterge',
      kind: 'municipal',
      capacity: 20,
      minAgeMonths: 12,
      maxAgeMonths: 72,
      province: 'İstanbul',
      district: 'Fatih',
      address: 'Akşemsettin Mah. Kreş Sok. No: 4',
      opensAt: '07:30',
      closesAt: '18:30',
    })
    .returning();
  for (let i = 0; i < 12; i++) {
    const personId = await person(`M${i}`, 'female', '1994-06-01', fatih, 'Fatih');
    await db.insert(childcarePlaces).values({
      organisationId: orgId,
      officeId: fatih,
      providerId: provider!.id,
      personId,
      childInitials: 'A. D.',
      childBirthDate: '2018-01-01',
      status: i >= 10 ? 'ended' : 'allocated',
      priority: 'none',
      appliedAt: new Date('2020-02-01T10:00:00+03:00'),
      requestedStart: '2020-03-01',
      startDate: '2020-03-01',
      endDate: i >= 10 ? '2020-05-31' : null,
      endReason: i >= 10 ? 'moved-away' : null,
    });
    if (i < 7) await placement(personId, fatih, '2020-04-01', i < 4);
    // Employer response: M0…M5 sent on Friday 6 Mar, answered on Monday 9 Mar (1 working day, 3 calendar
    // days); M6…M10 sent on Monday 2 Mar, answered on Friday 6 Mar (4 working days); M11 never answered.
    const friday = i < 6;
    await db.insert(referrals).values({
      organisationId: orgId,
      vacancyId: vacancy!.id,
      employerId: vacancy!.employerId,
      personId,
      status: i === 11 ? 'seen' : i % 2 ? 'interview' : 'refused-by-employer',
      sentAt: new Date(friday ? '2020-03-06T10:00:00+03:00' : '2020-03-02T10:00:00+03:00'),
      answeredAt: i === 11 ? null : new Date(friday ? '2020-03-09T15:00:00+03:00' : '2020-03-06T15:00:00+03:00'),
    });
  }
}

const table = async (client: TestClient, code: string, rows: string, columns?: string) => {
  const q = new URLSearchParams({ ...R, rows, ...(columns ? { columns } : {}) });
  const res = await client.get(`/api/v1/indicators/${code}/table?${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as ReleasedTable;
};
const totals = (tb: ReleasedTable) => Object.fromEntries([...tb.lines, tb.total].map((l) => [l.key, l.total.value]));

beforeAll(async () => {
  t = await createTestContext({ rateLimitPerMinute: 1_000_000 });
  await seed();
  manager = await t.as('ibb', 'manager');
  analyst = await t.as('ibb', 'analyst');
  admin = await t.as('ibb', 'admin');
});
afterAll(async () => t.close());

describe('graduations from social aid (exact figures: a manager on screen)', () => {
  it('counts recommendations, approvals and confirmations on their own dates', async () => {
    expect(totals(await table(manager, 'graduations-recommended', 'month'))).toEqual({ '2020-02': 13, _T: 13 });
    expect(totals(await table(manager, 'graduations-approved', 'month'))).toEqual({ '2020-03': 12, _T: 12 });
    expect(totals(await table(manager, 'graduations-confirmed', 'sex'))).toEqual({ female: 6, male: 6, _T: 12 });
    expect(totals(await table(manager, 'graduations-recommended', 'office'))).toEqual(
      expect.objectContaining({ _T: 13 }),
    );
    expect(Object.values(totals(await table(manager, 'graduations-recommended', 'office'))).sort()).toEqual([13, 6, 7]);
  });

  it('counts a return to aid only within 12 months of the confirmation', async () => {
    expect(totals(await table(manager, 'returns-to-aid-12m', 'month'))).toEqual({ '2020-09': 1, _T: 1 });
  });

  it('sums the monthly aid saved of households still off aid, by sex and district', async () => {
    const bySex = await table(manager, 'aid-saved', 'sex');
    expect(bySex.unit).toBe('try');
    expect(bySex.kind).toBe('sum');
    expect(totals(bySex)).toEqual({ female: 5400, male: 11100, _T: 16500 });
    expect(totals(await table(manager, 'aid-saved', 'district'))).toEqual({
      'İstanbul/Esenyurt': 11100,
      'İstanbul/Fatih': 5400,
      _T: 16500,
    });
    expect(totals(await table(manager, 'aid-saved', 'quarter'))).toEqual({ '2020-Q2': 16500, _T: 16500 });
  });
});

describe('mothers with a childcare place (stock at the end of each month)', () => {
  it('counts the mothers, and of them in work and in verified registered work', async () => {
    const months = (tb: ReleasedTable) => Object.fromEntries(tb.lines.map((l) => [l.key, l.total.value]));
    const mothers = await table(manager, 'childcare-mothers', 'month');
    expect(months(mothers)).toMatchObject({
      '2020-03': 12,
      '2020-04': 12,
      '2020-05': 12,
      '2020-06': 10,
      '2021-06': 10,
    });
    expect(mothers.total.total.value).toBe(10);
    const working = await table(manager, 'childcare-mothers-in-work', 'month');
    expect(months(working)).toMatchObject({ '2020-04': 7, '2020-05': 7, '2020-06': 7 });
    expect(working.total.total.value).toBe(7);
    expect((await table(manager, 'childcare-mothers-registered-work', 'sex')).total.total.value).toBe(4);
    expect(totals(await table(manager, 'childcare-mothers', 'quarter'))).toMatchObject({
      '2020-Q1': 12,
      '2020-Q2': 10,
      _T: 10,
    });
    expect((await table(manager, 'childcare-mothers-in-work-share', 'ageBand')).total.total.value).toBe(70);
    expect((await table(manager, 'childcare-mothers-registered-work-share', 'ageBand')).total.total.value).toBe(40);
  });
});

describe('employer response time', () => {
  it('is the median of working days from sending to the first answer, counted in the answer’s month', async () => {
    const tb = await table(manager, 'employer-response-time', 'month');
    // Six answers after 1 working day (over a weekend), five after 4: the median is 1.
    expect(totals(tb)).toEqual({ '2020-03': 1, _T: 1 });
    expect(tb.unit).toBe('days');
    // 11 answers reach the threshold: the analyst gets the median too.
    expect((await table(analyst, 'employer-response-time', 'month')).total.total).toEqual({ value: 1, flag: null });
  });
});

describe('disclosure control for the analyst', () => {
  it('hides a sum over fewer households than the threshold, and the small counts', async () => {
    const aid = await table(analyst, 'aid-saved', 'sex');
    // 10 households behind 16,500 TRY: fewer than 11, so the sum is hidden too, marked, not zero.
    expect(aid.total.total).toEqual({ value: null, flag: 'suppressed' });
    expect(aid.lines.every((l) => l.total.flag === 'suppressed')).toBe(true);
    expect((await table(analyst, 'returns-to-aid-12m', 'month')).total.total.flag).toBe('suppressed');
    expect((await table(analyst, 'graduations-recommended', 'month')).total.total).toEqual({ value: 13, flag: null });
    for (const code of [
      'childcare-mothers',
      'childcare-mothers-in-work',
      'childcare-mothers-registered-work',
      'childcare-mothers-in-work-share',
    ]) {
      expect((await table(analyst, code, 'sex')).total.total, code).toEqual({ value: null, flag: 'suppressed' });
    }
  });

  it('protects a published sum’s parts by secondary suppression, like its household count', async () => {
    expect((await admin.put('/api/v1/indicators/settings', { threshold: 5 })).status).toBe(200);
    try {
      // 4 women (hidden: fewer than 5) and 6 men: the men's sum is hidden too, or 16,500 − men = women.
      const aid = await table(analyst, 'aid-saved', 'sex');
      expect(aid.total.total).toEqual({ value: 16500, flag: null });
      expect(totals(aid)).toEqual({ female: null, male: null, _T: 16500 });
      const byDistrict = await table(analyst, 'aid-saved', 'district');
      expect(totals(byDistrict)).toEqual({ 'İstanbul/Esenyurt': null, 'İstanbul/Fatih': null, _T: 16500 });
      // An LP attacker over district × sex (rows, columns and totals) pins no hidden sum.
      const ds = await table(analyst, 'aid-saved', 'district', 'sex');
      const published = new Map<string, number>();
      const suppressed = new Set<string>();
      const relations: Relation[] = [];
      for (const l of [...ds.lines, ds.total]) {
        const row: Record<string, string> = l.key === '_T' ? {} : { district: l.key };
        const cells = [
          ...ds.columnKeys.map((c, i) => [{ ...row, sex: c }, l.cells[i]!] as const),
          [row, l.total] as const,
        ];
        for (const [coord, cell] of cells) {
          if (cell.flag === 'suppressed') suppressed.add(cellKey(coord));
          else published.set(cellKey(coord), cell.value ?? 0);
        }
        relations.push({ parent: cellKey(row), children: ds.columnKeys.map((c) => cellKey({ ...row, sex: c })) });
      }
      for (const c of [...ds.columnKeys, null]) {
        const col: Record<string, string> = c === null ? {} : { sex: c };
        relations.push({ parent: cellKey(col), children: ds.lines.map((l) => cellKey({ ...col, district: l.key })) });
      }
      expect(suppressed.size).toBeGreaterThan(0);
      expect(attack(published, suppressed, relations).filter((i) => i.max - i.min < 1)).toEqual([]);
    } finally {
      expect((await admin.put('/api/v1/indicators/settings', { threshold: 11 })).status).toBe(200);
    }
  });

  it('exports the new indicators suppressed, with the sum rule in the file', async () => {
    const q = new URLSearchParams({
      ...R,
      rows: 'sex',
      format: 'csv',
      indicators: 'aid-saved,childcare-mothers,graduations-recommended',
    });
    const res = await analyst.get(`/api/v1/indicators/export?${q}`);
    expect(res.status).toBe(200);
    const rows = parseCsv(res.raw.rawPayload.subarray(3).toString('utf8'), ';');
    const aid = rows.filter((r) => r[0] === 'aid-saved');
    expect(aid.length).toBeGreaterThan(0);
    // Every cell of the sum is hidden (10 households), marked x, never a figure.
    expect(aid.every((r) => r[7] === 'x')).toBe(true);
    const recommended = rows.find((r) => r[0] === 'graduations-recommended' && r[3] === '_T' && r[5] === '_T')!;
    expect(recommended[7]).toBe('13');
  });
});
