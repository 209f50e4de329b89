import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cases,
  courseApplications,
  courses,
  offices,
  organisations,
  personTargetGroups,
  persons,
  placementFollowUps,
  placements,
  referrals,
  vacancies,
} from '../../db/schema/index.ts';
import { allows, type Actor } from '../../lib/access.ts';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { attack } from '../../../common/disclosure-attack.ts';
import { cellKey, type Relation } from '../../../common/disclosure.ts';
import type { ReleasedTable } from '../../../common/contracts/indicators.ts';
import type { Permission } from '../../../common/permissions.ts';
import { parseCsv } from '../../lib/tabular.ts';
import { sdmxStructure } from './sdmx.ts';

/**
 * Known data in 2020 (the demo data set starts years later, so a 2020 range holds these rows only):
 * - A: 14 women, 25–29, Fatih office and district, registered 15 Jan 2020; cases of A9…A13 closed 10 Mar.
 *   A0, A1 start a job on 1 May (unverified); A0…A12 enrol in a course starting 1 Jun, A0…A10 complete it
 *   on 31 Aug, A11, A12 drop out; A2 starts a job on 1 Oct (placed within 6 months of completing).
 * - B: 3 men, 18–24, Esenyurt office and district, registered 10 Feb 2020; B0 is a refugee.
 * - C: 12 men, 30–44, Fatih, registered 20 Feb 2020; referred on 5 Mar, start on 1 Apr, C0…C8 verified as
 *   registered work; 3-month follow-ups recorded on 2 Jul: C0…C9 still working, C10, C11 not.
 */
let t: TestContext;
let manager: TestClient;
let analyst: TestClient;
const R = { from: '2020-01', to: '2020-12' };

async function seedKnownData() {
  const db = t.database.db;
  const [org] = await db.select().from(organisations).where(eq(organisations.shortName, 'İBB'));
  const orgId = org!.id;
  const officeRows = await db.select().from(offices).where(eq(offices.organisationId, orgId));
  const fatih = officeRows.find((o) => o.name.startsWith('Fatih'))!.id;
  const esenyurt = officeRows.find((o) => o.name.startsWith('Esenyurt'))!.id;
  const [vacancy] = await db.select().from(vacancies).where(eq(vacancies.organisationId, orgId)).limit(1);

  const person = async (
    tag: string,
    sex: 'female' | 'male',
    birthDate: string,
    officeId: string,
    district: string,
    createdAt: string,
  ) => {
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
        createdAt: new Date(createdAt),
      })
      .returning();
    await db.insert(cases).values({ organisationId: orgId, personId: p!.id, officeId, openedAt: new Date(createdAt) });
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
        jobTitle: 'Kasiyer',
        status: 'active',
        startDate,
        contractType: 'permanent',
        wageAmount: '30000',
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

  const A: string[] = [];
  for (let i = 0; i < 14; i++)
    A.push(await person(`A${i}`, 'female', '1994-06-01', fatih, 'Fatih', '2020-01-15T09:00:00+03:00'));
  const B: string[] = [];
  for (let i = 0; i < 3; i++)
    B.push(await person(`B${i}`, 'male', '2000-03-01', esenyurt, 'Esenyurt', '2020-02-10T09:00:00+03:00'));
  await db.insert(personTargetGroups).values({ organisationId: orgId, personId: B[0]!, group: 'refugee' });
  const C: string[] = [];
  for (let i = 0; i < 12; i++)
    C.push(await person(`C${i}`, 'male', '1985-01-01', fatih, 'Fatih', '2020-02-20T09:00:00+03:00'));

  for (const id of A.slice(9)) {
    await db
      .update(cases)
      .set({ status: 'closed', closedAt: new Date('2020-03-10T10:00:00+03:00') })
      .where(and(eq(cases.personId, id), eq(cases.organisationId, orgId)));
  }
  for (const [i, id] of C.entries()) {
    await db.insert(referrals).values({
      organisationId: orgId,
      vacancyId: vacancy!.id,
      employerId: vacancy!.employerId,
      personId: id,
      status: 'hired',
      sentAt: new Date('2020-03-05T10:00:00+03:00'),
    });
    const pid = await placement(id, fatih, '2020-04-01', i < 9);
    await db.insert(placementFollowUps).values({
      organisationId: orgId,
      placementId: pid,
      milestone: '3m',
      dueDate: '2020-07-01',
      status: 'recorded',
      outcome: i < 10 ? 'same-employer' : 'not-working',
      recordedAt: new Date('2020-07-02T10:00:00+03:00'),
    });
  }
  await placement(A[0]!, fatih, '2020-05-01', false);
  await placement(A[1]!, fatih, '2020-05-01', false);
  await placement(A[2]!, fatih, '2020-10-01', false);

  const [course] = await db
    .insert(courses)
    .values({
      organisationId: orgId,
      titleTr: 'Kasiyerlik',
      titleKey: 'kasiyerlik',
      iscoCode: '5230',
      hours: 120,
      startDate: '2020-06-01',
      endDate: '2020-08-31',
      capacity: 20,
      certificateType: 'participation',
      status: 'closed',
    })
    .returning();
  for (const [i, id] of A.slice(0, 13).entries()) {
    await db.insert(courseApplications).values({
      organisationId: orgId,
      courseId: course!.id,
      personId: id,
      status: i < 11 ? 'completed' : 'dropped-out',
      channel: 'counsellor',
      appliedAt: new Date('2020-05-15T10:00:00+03:00'),
      completedAt: i < 11 ? new Date('2020-08-31T17:00:00+03:00') : null,
    });
  }
}

const table = async (client: TestClient, code: string, rows: string, columns?: string) => {
  const q = new URLSearchParams({ ...R, rows, ...(columns ? { columns } : {}) });
  const res = await client.get(`/api/v1/indicators/${code}/table?${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as ReleasedTable;
};
/** Row key → total cell value (null when suppressed), and the grand total under "_T". */
const totals = (tb: ReleasedTable) => Object.fromEntries([...tb.lines, tb.total].map((l) => [l.key, l.total.value]));

beforeAll(async () => {
  t = await createTestContext({ rateLimitPerMinute: 1_000_000 });
  await seedKnownData();
  manager = await t.as('ibb', 'manager');
  analyst = await t.as('ibb', 'analyst');
});
afterAll(async () => t.close());

describe('each indicator recomputed from known data (exact figures: a manager on screen)', () => {
  it('persons registered by month, sex, age band, district, target group', async () => {
    expect(totals(await table(manager, 'persons-registered', 'month'))).toEqual({
      '2020-01': 14,
      '2020-02': 15,
      _T: 29,
    });
    expect(totals(await table(manager, 'persons-registered', 'sex'))).toEqual({ female: 14, male: 15, _T: 29 });
    expect(totals(await table(manager, 'persons-registered', 'ageBand'))).toEqual({
      '18-24': 3,
      '25-29': 14,
      '30-44': 12,
      _T: 29,
    });
    const districts = await table(manager, 'persons-registered', 'district', 'sex');
    expect(totals(districts)).toEqual({ 'İstanbul/Esenyurt': 3, 'İstanbul/Fatih': 26, _T: 29 });
    expect(districts.columnKeys).toEqual(['female', 'male']);
    expect(districts.lines.find((l) => l.key === 'İstanbul/Fatih')!.cells.map((c) => c.value)).toEqual([14, 12]);
    expect(districts.threshold).toBeNull();
    const groups = await table(manager, 'persons-registered', 'targetGroup');
    expect(totals(groups)).toEqual({ refugee: 1, _T: 29 });
    expect(groups.additive).toBe(false);
    const offices = await table(manager, 'persons-registered', 'office');
    expect(offices.lines.map((l) => [l.label, l.total.value]).sort()).toEqual([
      ['Esenyurt İstihdam Ofisi', 3],
      ['Fatih İstihdam Ofisi', 26],
    ]);
  });

  it('active cases are a stock: a quarter is its last month, the year its last month', async () => {
    const months = totals(await table(manager, 'active-cases', 'month'));
    expect(months['2020-01']).toBe(14);
    expect(months['2020-02']).toBe(29);
    expect(months['2020-03']).toBe(24);
    expect(months['2020-12']).toBe(24);
    expect(months._T).toBe(24);
    expect(totals(await table(manager, 'active-cases', 'quarter'))).toMatchObject({ '2020-Q1': 24, _T: 24 });
  });

  it('referrals, hires, verified registered placements and the registered-work share', async () => {
    expect(totals(await table(manager, 'referrals', 'month'))).toEqual({ '2020-03': 12, _T: 12 });
    expect(totals(await table(manager, 'hires', 'month'))).toEqual({
      '2020-04': 12,
      '2020-05': 2,
      '2020-10': 1,
      _T: 15,
    });
    expect(totals(await table(manager, 'verified-registered-placements', 'sex'))).toEqual({ male: 9, _T: 9 });
    const share = await table(manager, 'registered-work-share', 'sex');
    expect(totals(share)).toEqual({ female: 0, male: 75, _T: 60 });
  });

  it('retention at 3 months; 6 and 12 months have nothing to divide by', async () => {
    expect(totals(await table(manager, 'retention-3m', 'month'))).toEqual({ '2020-07': 83.3, _T: 83.3 });
    const six = await table(manager, 'retention-6m', 'sex');
    expect(six.total.total).toEqual({ value: null, flag: 'not-applicable' });
  });

  it('course enrolments, completions and placement after the course', async () => {
    expect(totals(await table(manager, 'course-enrolments', 'month'))).toEqual({ '2020-06': 13, _T: 13 });
    const completions = await table(manager, 'course-completions', 'occupation');
    expect(totals(completions)).toEqual({ '5': 11, _T: 11 });
    expect(completions.lines[0]!.label).toMatch(/^5 /);
    expect(totals(await table(manager, 'placement-after-course', 'month'))).toEqual({ '2020-08': 9.1, _T: 9.1 });
  });

  it('median days from registration to the first job', async () => {
    expect(totals(await table(manager, 'days-to-first-job', 'sex'))).toEqual({ female: 107, male: 41, _T: 41 });
  });

  it('refuses a reversed or too long range, and two period levels together, naming the field', async () => {
    const reversed = await manager.get('/api/v1/indicators/hires/table?from=2020-05&to=2020-01&rows=sex');
    expect(reversed.status).toBe(400);
    expect(reversed.body.errors[0].pointer).toBe('/querystring/to');
    const long = await manager.get('/api/v1/indicators/hires/table?from=2010-01&to=2020-01&rows=sex');
    expect(long.status).toBe(400);
    expect(long.body.errors[0].pointer).toBe('/querystring/from');
    const both = await manager.get('/api/v1/indicators/hires/table?from=2020-01&to=2020-02&rows=month&columns=year');
    expect(both.status).toBe(400);
    const unknown = await manager.get('/api/v1/indicators/nothing/table?from=2020-01&to=2020-02&rows=sex');
    expect(unknown.status).toBe(400);
  });
});

describe('disclosure control for analysts', () => {
  it('hides small cells and their partners, marked, never as zero', async () => {
    const districts = await table(analyst, 'persons-registered', 'district');
    expect(districts.threshold).toBe(11);
    // Esenyurt (3) is small; Fatih (26) would give it away through the total (29).
    expect(totals(districts)).toEqual({ 'İstanbul/Esenyurt': null, 'İstanbul/Fatih': null, _T: 29 });
    expect(districts.lines.every((l) => l.total.flag === 'suppressed')).toBe(true);
    // So few people that even the sexes are hidden: 3 men of 18–24 in Esenyurt would follow from them.
    const sexes = await table(analyst, 'persons-registered', 'sex');
    expect(totals(sexes)).toEqual({ female: null, male: null, _T: 29 });
    // 9 verified of 15: the count is hidden, and so is the share computed from it.
    expect(totals(await table(analyst, 'registered-work-share', 'sex')).male).toBeNull();
  });

  it('month and quarter tables cannot be differenced (May is not April subtracted from Q2)', async () => {
    const month = await table(analyst, 'hires', 'month');
    const quarter = await table(analyst, 'hires', 'quarter');
    const year = await table(analyst, 'hires', 'year');
    expect(totals(month)['2020-05']).toBeNull();
    // April (12) and Q2 (14) cannot both be published.
    expect(totals(month)['2020-04'] === null || totals(quarter)['2020-Q2'] === null).toBe(true);
    const published = new Map<string, number>();
    const suppressed = new Set<string>();
    const note = (b: string, tb: ReleasedTable) => {
      for (const l of [...tb.lines, tb.total]) {
        const key = cellKey(l.key === '_T' ? {} : { [b]: l.key });
        if (l.total.flag === 'suppressed') suppressed.add(key);
        else published.set(key, l.total.value ?? 0);
      }
    };
    note('month', month);
    note('quarter', quarter);
    note('year', year);
    const ms = month.lines.map((l) => l.key);
    const qs = quarter.lines.map((l) => l.key);
    const relations: Relation[] = [
      { parent: '', children: ms.map((m) => cellKey({ month: m })) },
      { parent: '', children: qs.map((q) => cellKey({ quarter: q })) },
      { parent: '', children: [cellKey({ year: '2020' })] },
      ...qs.map((q) => ({
        parent: cellKey({ quarter: q }),
        children: ms
          .filter((m) => `${m.slice(0, 4)}-Q${Math.ceil(Number(m.slice(5)) / 3)}` === q)
          .map((m) => cellKey({ month: m })),
      })),
    ];
    expect(suppressed.size).toBeGreaterThan(0);
    const intervals = attack(published, suppressed, relations);
    expect(intervals.filter((i) => i.max - i.min < 1)).toEqual([]);
  });

  it('district, province and sex tables released together leave every hidden cell unknown to an LP attacker', async () => {
    const ds = await table(analyst, 'persons-registered', 'district', 'sex');
    const ps = await table(analyst, 'persons-registered', 'province', 'sex');
    const published = new Map<string, number>();
    const suppressed = new Set<string>();
    const relations: Relation[] = [];
    for (const [b, tb] of [
      ['district', ds],
      ['province', ps],
    ] as const) {
      for (const l of [...tb.lines, tb.total]) {
        const row = l.key === '_T' ? {} : { [b]: l.key };
        const cells = [
          ...tb.columnKeys.map((c, i) => [{ ...row, sex: c }, l.cells[i]!] as const),
          [row, l.total] as const,
        ];
        for (const [coord, cell] of cells) {
          const key = cellKey(coord);
          if (cell.flag === 'suppressed') suppressed.add(key);
          else published.set(key, cell.value ?? 0);
        }
        relations.push({ parent: cellKey(row), children: tb.columnKeys.map((c) => cellKey({ ...row, sex: c })) });
      }
      for (const c of [...tb.columnKeys, null]) {
        const col: Record<string, string> = c === null ? {} : { sex: c };
        relations.push({ parent: cellKey(col), children: tb.lines.map((l) => cellKey({ ...col, [b]: l.key })) });
      }
    }
    // A province is the sum of its districts, with and without sex.
    for (const c of [...ds.columnKeys, null]) {
      const col: Record<string, string> = c === null ? {} : { sex: c };
      relations.push({
        parent: cellKey({ ...col, province: 'İstanbul' }),
        children: ds.lines.map((l) => cellKey({ ...col, district: l.key })),
      });
    }
    expect(suppressed.has(cellKey({ district: 'İstanbul/Esenyurt', sex: 'male' }))).toBe(true);
    expect(attack(published, suppressed, relations).filter((i) => i.max - i.min < 1)).toEqual([]);
  });

  it('uses the organisation’s own threshold, set by its admin (audited)', async () => {
    const admin = await t.as('ibb', 'admin');
    expect((await analyst.put('/api/v1/indicators/settings', { threshold: 3 })).status).toBe(403);
    expect((await admin.put('/api/v1/indicators/settings', { threshold: 2 })).status).toBe(422);
    expect((await admin.put('/api/v1/indicators/settings', { threshold: 3 })).status).toBe(200);
    expect(totals(await table(analyst, 'persons-registered', 'district'))).toEqual({
      'İstanbul/Esenyurt': 3,
      'İstanbul/Fatih': 26,
      _T: 29,
    });
    expect((await analyst.get('/api/v1/indicators')).body.threshold).toBe(3);
    expect((await admin.put('/api/v1/indicators/settings', { threshold: 11 })).status).toBe(200);
  });
});

describe('access: an analyst reaches aggregates only', () => {
  it('answers 403 to the analyst on every route that is not an aggregate, account or reference route', async () => {
    const me = (await analyst.get('/api/v1/me')).body;
    const actor: Actor = {
      userId: me.id,
      sessionId: '',
      organisationId: me.organisation.id,
      officeId: me.office?.id ?? null,
      kind: me.kind,
      fullName: me.fullName,
      locale: me.locale,
      stage: 'active',
      permissions: new Set(me.permissions as Permission[]),
    };
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1') && r.url !== '/api/v1/auth/sign-out');
    const reachable: string[] = [];
    const wrong: string[] = [];
    for (const route of routes) {
      if (allows(route.access, actor)) {
        reachable.push(`${route.method} ${route.url} (${String(route.access)})`);
        continue;
      }
      const url = route.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const body = ['POST', 'PATCH', 'PUT', 'DELETE'].includes(route.method) ? {} : undefined;
      const res = await analyst.request(route.method as 'GET', url, body);
      if (res.status !== 403) wrong.push(`${route.method} ${route.url} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
    // What the analyst may call: their own account, sign-in, public pages and reference data, indicators,
    // survey results and cooperative statistics (suppressed like the indicators) and the
    // international-cooperation records (no case data).
    for (const r of reachable) {
      expect(r, r).toMatch(
        /\((public|signed-in|second-factor)\)$|^[A-Z]+ \/api\/v1\/indicators|^GET \/api\/v1\/(surveys|international)\S* \((surveys|international):read\)$|^GET \/api\/v1\/cooperatives\/statistics\S* \(cooperatives:read,indicators:read\)$/,
      );
    }
    expect(reachable.some((r) => r.startsWith('GET /api/v1/indicators/:code/table'))).toBe(true);
  });
});

describe('exports', () => {
  it('CSV: UTF-8 with BOM, the locale’s delimiter, suppressed cells marked', async () => {
    const res = await analyst.get(
      `/api/v1/indicators/export?${new URLSearchParams({ ...R, rows: 'district', format: 'csv', indicators: 'persons-registered,hires' })}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const raw = res.raw.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(raw.subarray(3).toString('utf8'), ';');
    const esenyurt = rows.find((r) => r[0] === 'persons-registered' && r[3] === 'İstanbul/Esenyurt' && r[5] === '_T')!;
    expect(esenyurt[7]).toBe('x');
    expect(esenyurt[8]).toContain('gizlendi');
    const total = rows.find((r) => r[0] === 'persons-registered' && r[3] === '_T' && r[5] === '_T')!;
    expect(total[7]).toBe('29');
  });

  it('XLSX of every indicator (what the dashboard downloads): codes that begin alike get distinct sheet names', async () => {
    const res = await manager.get(
      `/api/v1/indicators/export?${new URLSearchParams({ ...R, rows: 'sex', format: 'xlsx' })}`,
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.filter((n) => n.startsWith('childcare-mothers-registered-'))).toHaveLength(2);
    expect(names.every((n) => n.length <= 31)).toBe(true);
  });

  it('XLSX: a sheet per table, the definitions and the suppression rule; a manager’s export is suppressed too', async () => {
    const res = await manager.get(
      `/api/v1/indicators/export?${new URLSearchParams({ ...R, rows: 'district', columns: 'sex', format: 'xlsx', indicators: 'persons-registered,registered-work-share' })}`,
    );
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'persons-registered',
      'registered-work-share',
      'Tanımlar',
      'Gizleme kuralı',
    ]);
    const sheet = wb.getWorksheet('persons-registered')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Kayıt olan kişiler — İlçe', 'Kadın', 'Erkek', 'Toplam']);
    const byLabel = new Map<string, unknown[]>();
    sheet.eachRow((row, i) => i > 1 && byLabel.set(row.getCell(1).text, (row.values as unknown[]).slice(2)));
    // Esenyurt: no women (0 is published), 3 men (hidden), hidden total; the figures are never shown as zero.
    expect(byLabel.get('İstanbul / Esenyurt')).toEqual([0, 'x', 'x']);
    expect(byLabel.get('Toplam')).toEqual(['x', 'x', 29]);
    const rule = wb.getWorksheet('Gizleme kuralı')!;
    expect(rule.getRow(2).values).toEqual([undefined, 'En küçük yayımlanan sayı', 11]);
    expect(rule.getRow(7).getCell(2).text).toBe('Mehmet Demir');
    const defs = wb.getWorksheet('Tanımlar')!;
    expect(defs.getRow(2).getCell(1).value).toBe('persons-registered');
  });

  it('SDMX-CSV against the shipped DSD, with confidential cells flagged', async () => {
    const res = await analyst.get(
      `/api/v1/indicators/export?${new URLSearchParams({ ...R, rows: 'district', format: 'sdmx', indicators: 'persons-registered' })}`,
    );
    expect(res.status).toBe(200);
    const rows = parseCsv(res.raw.payload, ',');
    expect(rows[0]).toEqual([
      'DATAFLOW',
      'INDICATOR',
      'SEX',
      'AGE',
      'TARGET_GROUP',
      'PROVINCE',
      'DISTRICT',
      'OFFICE',
      'OCCUPATION',
      'TIME_PERIOD',
      'OBS_VALUE',
      'UNIT_MEASURE',
      'OBS_STATUS',
      'CONF_STATUS',
    ]);
    const data = rows.slice(1).filter((r) => r.length > 1);
    expect(data.every((r) => r[0] === 'KOPRU:DF_PES_INDICATORS(1.0)')).toBe(true);
    const esenyurt = data.find((r) => r[6] === 'İstanbul/Esenyurt')!;
    expect(esenyurt.slice(9)).toEqual(['2020-01-01/P12M', '', 'PS', 'M', 'C']);
    const total = data.find((r) => r[6] === '_T')!;
    expect(total.slice(1, 11)).toEqual([
      'persons-registered',
      '_T',
      '_T',
      '_T',
      '_T',
      '_T',
      '_T',
      '_T',
      '2020-01-01/P12M',
      '29',
    ]);
    // Every code used is in the shipped structure's code lists.
    const dsd = readFileSync(new URL('../../../../sdmx/KOPRU_PES_INDICATORS-1.0.xml', import.meta.url), 'utf8');
    expect(dsd).toBe(sdmxStructure());
    expect(dsd).toContain('<str:Code id="persons-registered">');
  });

  it('is refused to a caller without indicators:read, and written to the audit log', async () => {
    const counsellor = await t.as('ibb', 'counsellor');
    const res = await counsellor.get(
      `/api/v1/indicators/export?${new URLSearchParams({ ...R, rows: 'sex', format: 'csv' })}`,
    );
    expect(res.status).toBe(403);
  });
});
