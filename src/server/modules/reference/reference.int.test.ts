import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, desc, eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents, minimumWages, publicHolidays, referenceChanges, users } from '../../db/schema/index.ts';
import { demoEmail } from '../../db/seed/demo.ts';

const API = '/api/v1/reference';

let t: TestContext;
/** The platform administrator: the only one who writes holidays, minimum wages and limits. */
let admin: TestClient;
let orgAdmin: TestClient;
let counsellor: TestClient;
let adminUserId: string;

beforeAll(async () => {
  t = await createTestContext();
  // A fixed "today" (Istanbul time: 1 March 2026) so that the missing-years warning is stable.
  t.clock.set(new Date('2026-03-01T09:00:00Z'));
  admin = await t.as('ibb', 'platform');
  orgAdmin = await t.as('ibb', 'admin');
  counsellor = await t.as('ibb', 'counsellor');
  const [row] = await t.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, demoEmail('ibb', 'platform')));
  adminUserId = row!.id;
});
afterAll(async () => t.close());

async function rowCounts() {
  const [[h], [w], [a]] = await Promise.all([
    t.database.db.select({ n: count() }).from(publicHolidays),
    t.database.db.select({ n: count() }).from(minimumWages),
    t.database.db.select({ n: count() }).from(auditEvents),
  ]);
  return { holidays: h!.n, wages: w!.n, audit: a!.n };
}

async function lastAudit(subjectId: string) {
  const [row] = await t.database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.subjectId, subjectId))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row;
}

/** Sends a write that must fail, and checks that nothing was written (not even an audit event). */
async function refused(send: () => Promise<{ status: number; body: any }>, status: number, pointer: string) {
  const before = await rowCounts();
  const res = await send();
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const pointers = ((res.body.errors ?? []) as { pointer: string }[]).map((e) => e.pointer);
  expect(pointers).toContain(pointer);
  expect(await rowCounts()).toEqual(before);
  return res;
}

const newHoliday = {
  date: '2029-03-10',
  kind: 'religious',
  halfDay: false,
  nameTr: 'Ramazan Bayramı 1. gün',
  nameEn: 'Ramadan Feast, day 1',
  nameAr: 'عيد الفطر، اليوم 1',
};

describe('holidays: reading', () => {
  it('lists one year by date, with the years present and the coming years lacking religious holidays', async () => {
    const res = await counsellor.get(`${API}/holidays?year=2026`);
    expect(res.status).toBe(200);
    const dates = (res.body.items as { date: string }[]).map((h) => h.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates.every((d) => d.startsWith('2026-'))).toBe(true);
    expect(dates).toContain('2026-05-27');
    expect(res.body.items.find((h: { date: string }) => h.date === '2026-05-26')).toMatchObject({
      kind: 'religious',
      halfDay: true,
      nameTr: expect.stringContaining('Kurban Bayramı'),
    });
    expect(res.body.items.find((h: { date: string }) => h.date === '2026-10-28')).toMatchObject({
      kind: 'fixed',
      halfDay: true,
    });
    expect(res.body.years).toEqual([2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
    // 2025 and 2026 as published; 2027 and 2028 computed and provisional; none missing through 2028.
    expect(res.body.missingReligiousYears).toEqual([]);
    expect(res.body.provisionalYears).toEqual([2027, 2028]);
    expect(res.body.confirmedThrough).toBe('2026-12-31');
    expect(res.body.calendarWarning).toBe(false);
    expect(res.body.items.every((h: { provisional: boolean }) => !h.provisional)).toBe(true);
    const later = await counsellor.get(`${API}/holidays?year=2027`);
    expect(
      (later.body.items as { date: string; provisional: boolean; nameTr: string }[])
        .filter((h) => h.provisional)
        .map((h) => [h.date, h.nameTr]),
    ).toEqual([
      ['2027-03-08', 'Ramazan Bayramı arifesi (öğleden sonra)'],
      ['2027-03-09', 'Ramazan Bayramı 1. gün'],
      ['2027-03-10', 'Ramazan Bayramı 2. gün'],
      ['2027-03-11', 'Ramazan Bayramı 3. gün'],
      ['2027-05-15', 'Kurban Bayramı arifesi (öğleden sonra)'],
      ['2027-05-16', 'Kurban Bayramı 1. gün'],
      ['2027-05-17', 'Kurban Bayramı 2. gün'],
      ['2027-05-18', 'Kurban Bayramı 3. gün'],
    ]);
  });

  it('lists every year without a filter', async () => {
    const res = await counsellor.get(`${API}/holidays`);
    expect(res.status).toBe(200);
    const dates = (res.body.items as { date: string }[]).map((h) => h.date);
    expect(dates[0]).toBe('2022-01-01');
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates.map((d) => d.slice(0, 4)))).toEqual(new Set(res.body.years.map(String)));
  });

  it('refuses a bad year and anonymous callers', async () => {
    expect((await counsellor.get(`${API}/holidays?year=26x`)).status).toBe(400);
    const anonymous = await t.anonymous.get(`${API}/holidays`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });
});

describe('holidays: writing', () => {
  it('creates, changes and deletes a holiday as the platform administrator, auditing each step', async () => {
    const created = await admin.post(`${API}/holidays`, newHoliday);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject(newHoliday);
    const id = created.body.id as string;
    expect(await lastAudit(id)).toMatchObject({
      action: 'holiday.created',
      subjectType: 'holiday',
      actorUserId: adminUserId,
      actorKind: 'staff',
      fields: ['date', 'kind', 'halfDay', 'nameTr', 'nameEn', 'nameAr'],
    });
    const listed = await counsellor.get(`${API}/holidays?year=2029`);
    expect(listed.body.items.map((h: { id: string }) => h.id)).toContain(id);

    const patched = await admin.patch(`${API}/holidays/${id}`, {
      date: '2029-03-09',
      halfDay: true,
      kind: 'religious',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ date: '2029-03-09', halfDay: true });
    expect(await lastAudit(id)).toMatchObject({ action: 'holiday.updated', fields: ['date', 'halfDay'] });

    const deleted = await admin.delete(`${API}/holidays/${id}`);
    expect(deleted.status).toBe(204);
    expect(await lastAudit(id)).toMatchObject({ action: 'holiday.deleted', actorUserId: adminUserId });
    const [gone] = await t.database.db.select().from(publicHolidays).where(eq(publicHolidays.id, id));
    expect(gone).toBeUndefined();
    expect((await admin.delete(`${API}/holidays/${id}`)).status).toBe(404);
    expect((await admin.patch(`${API}/holidays/${id}`, { halfDay: false })).status).toBe(404);
  });

  it('writes no audit event for a change that changes nothing', async () => {
    const res = await admin.get(`${API}/holidays?year=2026`);
    const holiday = res.body.items[0] as { id: string; nameTr: string };
    const before = await rowCounts();
    const same = await admin.patch(`${API}/holidays/${holiday.id}`, { nameTr: holiday.nameTr });
    expect(same.status).toBe(200);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a second holiday on a taken date with 409 on /date', async () => {
    const res = await refused(() => admin.post(`${API}/holidays`, { ...newHoliday, date: '2026-10-29' }), 409, '/date');
    expect(res.body.code).toBe('errors.reference.dateTaken');
    expect(res.body.errors[0].code).toBe('errors.reference.dateTaken');
    // Moving another holiday onto a taken date is refused the same way.
    const list = await admin.get(`${API}/holidays?year=2026`);
    const newYear = (list.body.items as { id: string; date: string }[]).find((h) => h.date === '2026-01-01')!;
    await refused(() => admin.patch(`${API}/holidays/${newYear.id}`, { date: '2026-04-23' }), 409, '/date');
  });

  it('refuses bad input with 422 naming the field, and writes nothing', async () => {
    await refused(() => admin.post(`${API}/holidays`, { ...newHoliday, date: '2027-02-30' }), 422, '/date');
    await refused(() => admin.post(`${API}/holidays`, { ...newHoliday, date: '10.03.2027' }), 422, '/date');
    await refused(() => admin.post(`${API}/holidays`, { ...newHoliday, date: '0227-03-10' }), 422, '/date');
    const { nameAr: _omit, ...withoutArabic } = newHoliday;
    const missing = await refused(() => admin.post(`${API}/holidays`, withoutArabic), 422, '/nameAr');
    expect(missing.body.errors[0].code).toBe('errors.validation.required');
    await refused(() => admin.post(`${API}/holidays`, { ...newHoliday, nameEn: '   ' }), 422, '/nameEn');
    await refused(() => admin.post(`${API}/holidays`, { ...newHoliday, kind: 'civic' }), 422, '/kind');
    await refused(() => admin.post(`${API}/holidays`, { ...newHoliday, extra: 1 }), 422, '/extra');
  });

  it('lets only the platform administrator write: an organisation admin gets 403', async () => {
    const list = await counsellor.get(`${API}/holidays?year=2026`);
    const id = list.body.items[0].id as string;
    const umutAdmin = await t.as('umut', 'admin');
    const before = await rowCounts();
    for (const who of [orgAdmin, umutAdmin]) {
      expect((await who.post(`${API}/holidays`, newHoliday)).status).toBe(403);
      expect((await who.patch(`${API}/holidays/${id}`, { halfDay: true })).status).toBe(403);
      expect((await who.delete(`${API}/holidays/${id}`)).status).toBe(403);
      expect((await who.post(`${API}/holidays/confirm-year`, { year: 2027 })).status).toBe(403);
    }
    expect((await counsellor.post(`${API}/holidays`, newHoliday)).status).toBe(403);
    expect((await counsellor.patch(`${API}/holidays/${id}`, { halfDay: true })).status).toBe(403);
    expect((await counsellor.delete(`${API}/holidays/${id}`)).status).toBe(403);
    expect((await t.anonymous.post(`${API}/holidays`, newHoliday)).status).toBe(401);
    expect((await t.anonymous.delete(`${API}/holidays/${id}`)).status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('working days', () => {
  it('skips Kurban Bayramı 2026 and counts its half-day eve', async () => {
    const cases: [string, number, string][] = [
      ['2026-05-22', 3, '2026-06-01'], // Mon 25, Tue 26 (eve), [27–31 off], Mon 1 June
      ['2026-05-25', 1, '2026-05-26'],
      ['2026-05-26', 1, '2026-06-01'],
      ['2026-10-27', 2, '2026-10-30'], // 28 October is a half day, 29 October is off
      ['2026-05-30', 0, '2026-05-30'],
    ];
    for (const [from, days, date] of cases) {
      const res = await counsellor.get(`${API}/working-days?from=${from}&days=${days}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ from, days, date });
    }
  });

  it('follows the calendar in the database when the platform administrator adds a holiday', async () => {
    const before = await counsellor.get(`${API}/working-days?from=2029-03-05&days=2`);
    expect(before.body.date).toBe('2029-03-07');
    const created = await admin.post(`${API}/holidays`, { ...newHoliday, date: '2029-03-06' });
    expect(created.status).toBe(201);
    const after = await counsellor.get(`${API}/working-days?from=2029-03-05&days=2`);
    expect(after.body.date).toBe('2029-03-08');
    expect((await admin.delete(`${API}/holidays/${created.body.id}`)).status).toBe(204);
  });

  it('refuses bad queries and anonymous callers', async () => {
    expect((await counsellor.get(`${API}/working-days?from=2026-02-30&days=1`)).status).toBe(400);
    expect((await counsellor.get(`${API}/working-days?from=2026-05-22&days=-1`)).status).toBe(400);
    expect((await counsellor.get(`${API}/working-days?from=2026-05-22`)).status).toBe(400);
    expect((await t.anonymous.get(`${API}/working-days?from=2026-05-22&days=1`)).status).toBe(401);
  });
});

describe('minimum wages', () => {
  it('lists the table newest first, amounts as numbers', async () => {
    const res = await counsellor.get(`${API}/minimum-wages`);
    expect(res.status).toBe(200);
    const dates = (res.body.items as { effectiveFrom: string }[]).map((w) => w.effectiveFrom);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(res.body.items[0]).toMatchObject({ effectiveFrom: '2026-01-01', grossMonthly: 33030, netMonthly: 28075.5 });
    expect(res.body.items.find((w: { effectiveFrom: string }) => w.effectiveFrom === '2023-07-01')).toMatchObject({
      grossMonthly: 13414.5,
      netMonthly: 11402.32,
      note: null,
    });
    expect((await t.anonymous.get(`${API}/minimum-wages`)).status).toBe(401);
  });

  it('gives the row in force on a date: 2023 changed on 1 July', async () => {
    const june = await counsellor.get(`${API}/minimum-wages/on?date=2023-06-30`);
    expect(june.status).toBe(200);
    expect(june.body).toMatchObject({ effectiveFrom: '2023-01-01', grossMonthly: 10008, netMonthly: 8506.8 });
    const july = await counsellor.get(`${API}/minimum-wages/on?date=2023-07-01`);
    expect(july.body).toMatchObject({ effectiveFrom: '2023-07-01', grossMonthly: 13414.5, netMonthly: 11402.32 });
    const before = await counsellor.get(`${API}/minimum-wages/on?date=2021-12-31`);
    expect(before.status).toBe(404);
    expect(before.headers['content-type']).toContain('application/problem+json');
    expect((await counsellor.get(`${API}/minimum-wages/on?date=2023-13-01`)).status).toBe(400);
    expect((await t.anonymous.get(`${API}/minimum-wages/on?date=2023-07-01`)).status).toBe(401);
  });

  it('creates, corrects and deletes an entry as admin, auditing each step', async () => {
    const created = await admin.post(`${API}/minimum-wages`, {
      effectiveFrom: '2027-01-01',
      grossMonthly: 40000,
      netMonthly: 34000.5,
      note: '  Announced in December  ',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      effectiveFrom: '2027-01-01',
      grossMonthly: 40000,
      netMonthly: 34000.5,
      note: 'Announced in December',
    });
    const id = created.body.id as string;
    expect(await lastAudit(id)).toMatchObject({
      action: 'minimum-wage.created',
      subjectType: 'minimum-wage',
      actorUserId: adminUserId,
      fields: ['effectiveFrom', 'grossMonthly', 'netMonthly', 'note'],
    });
    const [stored] = await t.database.db.select().from(minimumWages).where(eq(minimumWages.id, id));
    expect(stored).toMatchObject({ grossMonthly: '40000.00', netMonthly: '34000.50' });

    const onDate = await counsellor.get(`${API}/minimum-wages/on?date=2027-06-01`);
    expect(onDate.body.id).toBe(id);

    const patched = await admin.patch(`${API}/minimum-wages/${id}`, { netMonthly: 34000, grossMonthly: 40000 });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ grossMonthly: 40000, netMonthly: 34000 });
    expect(await lastAudit(id)).toMatchObject({ action: 'minimum-wage.updated', fields: ['netMonthly'] });

    expect((await admin.delete(`${API}/minimum-wages/${id}`)).status).toBe(204);
    expect(await lastAudit(id)).toMatchObject({ action: 'minimum-wage.deleted', actorUserId: adminUserId });
    expect((await admin.delete(`${API}/minimum-wages/${id}`)).status).toBe(404);
    expect((await admin.patch(`${API}/minimum-wages/${id}`, { note: 'x' })).status).toBe(404);
  });

  it('refuses net above gross with 422 on /netMonthly, and writes nothing', async () => {
    const res = await refused(
      () => admin.post(`${API}/minimum-wages`, { effectiveFrom: '2027-01-01', grossMonthly: 100, netMonthly: 100.01 }),
      422,
      '/netMonthly',
    );
    expect(res.body.errors[0].code).toBe('errors.reference.netAboveGross');
    // A correction is checked against the stored other amount.
    const list = await admin.get(`${API}/minimum-wages`);
    const latest = list.body.items[0] as { id: string; grossMonthly: number };
    await refused(
      () => admin.patch(`${API}/minimum-wages/${latest.id}`, { netMonthly: latest.grossMonthly + 1 }),
      422,
      '/netMonthly',
    );
    await refused(() => admin.patch(`${API}/minimum-wages/${latest.id}`, { grossMonthly: 1000 }), 422, '/grossMonthly');
  });

  it('refuses a second entry on a taken date with 409 on /effectiveFrom', async () => {
    const res = await refused(
      () => admin.post(`${API}/minimum-wages`, { effectiveFrom: '2023-07-01', grossMonthly: 2, netMonthly: 1 }),
      409,
      '/effectiveFrom',
    );
    expect(res.body.errors[0].code).toBe('errors.reference.dateTaken');
    const list = await admin.get(`${API}/minimum-wages`);
    const latest = list.body.items[0] as { id: string };
    await refused(
      () => admin.patch(`${API}/minimum-wages/${latest.id}`, { effectiveFrom: '2025-01-01' }),
      409,
      '/effectiveFrom',
    );
  });

  it('refuses bad amounts and dates with 422 naming the field', async () => {
    const ok = { effectiveFrom: '2027-01-01', grossMonthly: 40000, netMonthly: 34000 };
    const negative = await refused(
      () => admin.post(`${API}/minimum-wages`, { ...ok, grossMonthly: -5 }),
      422,
      '/grossMonthly',
    );
    expect(negative.body.errors[0].code).toBe('errors.validation.minimum');
    await refused(() => admin.post(`${API}/minimum-wages`, { ...ok, netMonthly: 0 }), 422, '/netMonthly');
    await refused(() => admin.post(`${API}/minimum-wages`, { ...ok, netMonthly: 'lots' }), 422, '/netMonthly');
    const decimals = await refused(
      () => admin.post(`${API}/minimum-wages`, { ...ok, grossMonthly: 40000.125 }),
      422,
      '/grossMonthly',
    );
    expect(decimals.body.errors[0].code).toBe('errors.reference.twoDecimals');
    await refused(
      () => admin.post(`${API}/minimum-wages`, { ...ok, effectiveFrom: '2027-02-29' }),
      422,
      '/effectiveFrom',
    );
    const { effectiveFrom: _omit, ...noDate } = ok;
    await refused(() => admin.post(`${API}/minimum-wages`, noDate), 422, '/effectiveFrom');
    // Ranges: an effective date more than two years ahead, a net below half of gross (a weekly figure, …).
    const far = await refused(
      () => admin.post(`${API}/minimum-wages`, { ...ok, effectiveFrom: '2031-01-01' }),
      422,
      '/effectiveFrom',
    );
    expect(far.body.errors[0]).toMatchObject({
      code: 'errors.reference.dateRange',
      message: 'Tarih 01.01.2000 ile 31.12.2028 arasında olmalıdır.',
    });
    const low = await refused(
      () => admin.post(`${API}/minimum-wages`, { ...ok, netMonthly: 8000 }),
      422,
      '/netMonthly',
    );
    expect(low.body.errors[0].code).toBe('errors.reference.netTooLow');
    await refused(() => admin.post(`${API}/minimum-wages`, { ...ok, currency: 'TRY' }), 422, '/currency');
  });

  it('lets only the platform administrator write: an organisation admin gets 403', async () => {
    const list = await counsellor.get(`${API}/minimum-wages`);
    const id = list.body.items[0].id as string;
    const body = { effectiveFrom: '2027-01-01', grossMonthly: 40000, netMonthly: 34000 };
    const before = await rowCounts();
    expect((await orgAdmin.post(`${API}/minimum-wages`, body)).status).toBe(403);
    expect((await orgAdmin.patch(`${API}/minimum-wages/${id}`, { note: 'x' })).status).toBe(403);
    expect((await orgAdmin.delete(`${API}/minimum-wages/${id}`)).status).toBe(403);
    expect((await counsellor.post(`${API}/minimum-wages`, body)).status).toBe(403);
    expect((await counsellor.patch(`${API}/minimum-wages/${id}`, { note: 'x' })).status).toBe(403);
    expect((await counsellor.delete(`${API}/minimum-wages/${id}`)).status).toBe(403);
    expect((await t.anonymous.post(`${API}/minimum-wages`, body)).status).toBe(401);
    expect((await t.anonymous.patch(`${API}/minimum-wages/${id}`, { note: 'x' })).status).toBe(401);
    expect(await rowCounts()).toEqual(before);
  });

  it('writes no audit event for a correction that changes nothing', async () => {
    const list = await admin.get(`${API}/minimum-wages`);
    const latest = list.body.items[0] as { id: string; grossMonthly: number };
    const before = await rowCounts();
    const res = await admin.patch(`${API}/minimum-wages/${latest.id}`, { grossMonthly: latest.grossMonthly });
    expect(res.status).toBe(200);
    expect(await rowCounts()).toEqual(before);
    const events = await t.database.db
      .select({ n: count() })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, latest.id), eq(auditEvents.action, 'minimum-wage.updated')));
    expect(events[0]!.n).toBe(0);
  });
});

describe('platform data: one for every organisation, with a change log they all read', () => {
  it('checks the decent-work limits against their statutory ranges and each other (422), and writes nothing', async () => {
    const before = await t.database.db.select({ n: count() }).from(referenceChanges);
    const sixty = await admin.patch('/api/v1/decent-work/limits', { weeklyHours: 60 });
    expect(sixty.status).toBe(422);
    expect(sixty.body.errors[0]).toMatchObject({ pointer: '/weeklyHours', code: 'errors.validation.maximum' });
    const contradicting = await admin.patch('/api/v1/decent-work/limits', { weeklyHours: 40, minorWeeklyHours: 40.5 });
    expect(contradicting.status).toBe(422);
    expect(contradicting.body.errors.map((e: { pointer: string }) => e.pointer)).toContain('/minorWeeklyHours');
    expect((await t.database.db.select({ n: count() }).from(referenceChanges))[0]!.n).toBe(before[0]!.n);
    expect((await counsellor.get('/api/v1/decent-work/limits')).body.weeklyHours).toBe(45);
  });

  it('lets no organisation admin change the limits for everyone (issue 8, item 13)', async () => {
    const umutAdmin = await t.as('umut', 'admin');
    const res = await umutAdmin.patch('/api/v1/decent-work/limits', { weeklyHours: 40 });
    expect(res.status).toBe(403);
    expect((await counsellor.get('/api/v1/decent-work/limits')).body.weeklyHours).toBe(45);
  });

  it('shows every change to every organisation’s admins, with the values before and after', async () => {
    const changed = await admin.patch('/api/v1/decent-work/limits', { nightDailyHours: 7 });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.nightDailyHours).toBe(7);
    const wage = await admin.post(`${API}/minimum-wages`, {
      effectiveFrom: '2027-01-01',
      grossMonthly: 41000,
      netMonthly: 34850,
    });
    expect(wage.status).toBe(201);
    for (const [org, login] of [
      ['izmir', 'admin'],
      ['umut', 'admin'],
      ['ibb', 'dpo'],
    ] as const) {
      const reader = await t.as(org, login);
      const log = await reader.get(`${API}/changes`);
      expect(log.status).toBe(200);
      const [latest, previous] = log.body.items as Record<string, unknown>[];
      expect(latest).toMatchObject({
        dataset: 'minimum-wages',
        action: 'created',
        subject: '2027-01-01',
        actorName: 'Orhan Çakır',
        actorOrganisation: 'İstanbul Büyükşehir Belediyesi',
      });
      expect(previous).toMatchObject({
        dataset: 'decent-work-limits',
        action: 'updated',
        subject: 'nightDailyHours',
        before: { nightDailyHours: 7.5 },
        after: { nightDailyHours: 7 },
      });
    }
    // Staff without audit:read do not read the log.
    expect((await counsellor.get(`${API}/changes`)).status).toBe(403);
    await admin.patch('/api/v1/decent-work/limits', { nightDailyHours: 7.5 });
    await admin.delete(`${API}/minimum-wages/${wage.body.id}`);
  });

  it('lets the platform administrator confirm a provisional year, and warns admins 6 months before the confirmed calendar ends', async () => {
    const start = t.clock.now();
    try {
      t.clock.set(new Date('2026-06-30T09:00:00Z'));
      // Sessions end when idle for long: sign in again at the new "now".
      const early = await t.signIn(demoEmail('ibb', 'admin'));
      expect((await early.get(`${API}/holidays?year=2026`)).body.calendarWarning).toBe(false);
      t.clock.set(new Date('2026-07-01T09:00:00Z'));
      const orgAdmin = await t.signIn(demoEmail('ibb', 'admin'));
      const admin = await t.signIn(demoEmail('ibb', 'platform'));
      const warned = await orgAdmin.get(`${API}/holidays?year=2026`);
      expect(warned.body).toMatchObject({ calendarWarning: true, confirmedThrough: '2026-12-31' });

      const confirmed = await admin.post(`${API}/holidays/confirm-year`, { year: 2027 });
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      expect(confirmed.body.confirmed).toBe(8);
      const after = await orgAdmin.get(`${API}/holidays?year=2027`);
      expect(after.body).toMatchObject({
        calendarWarning: false,
        confirmedThrough: '2027-12-31',
        provisionalYears: [2028],
      });
      expect(after.body.items.every((h: { provisional: boolean }) => !h.provisional)).toBe(true);
      const again = await admin.post(`${API}/holidays/confirm-year`, { year: 2027 });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('errors.reference.nothingToConfirm');
      const [event] = await t.database.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'holiday.year-confirmed'));
      expect(event).toMatchObject({ subjectId: '2027', actorUserId: adminUserId });
      const log = await orgAdmin.get(`${API}/changes`);
      expect(log.body.items[0]).toMatchObject({ dataset: 'holidays', action: 'confirmed', subject: '2027' });
    } finally {
      t.clock.set(start);
    }
  });
});
