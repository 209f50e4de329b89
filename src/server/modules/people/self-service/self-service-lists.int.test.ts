import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import { appointments, persons, referrals, vacancies } from '../../../db/schema/index.ts';

/**
 * The seeker's own applications and appointments (GET /me/applications, GET /me/appointments): read only,
 * their own record only, through the referrals module's and the appointments' public functions, with
 * nothing staff or employers wrote about them.
 */
const MONDAY_0900 = new Date('2026-05-11T06:00:00Z');
const tr = (date: string, time: string) => new Date(`${date}T${time}:00+03:00`).toISOString();

let t: TestContext;
let counsellor: TestClient;
let fatma: TestClient;
let fatmaId: string;

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(MONDAY_0900);
  counsellor = await t.as('ibb', 'counsellor');
  fatma = await t.signInWithCode('+905321000002');
  fatmaId = (await fatma.get('/api/v1/me/profile')).body.id;
});
afterAll(async () => t.close());

describe('my applications and appointments', () => {
  it('lists my appointments, upcoming first and then the past ones, without the counsellor’s notes', async () => {
    const booked = await counsellor.post(`/api/v1/persons/${fatmaId}/appointments`, {
      startsAt: tr('2026-05-13', '10:00'),
      durationMinutes: 30,
      mode: 'phone',
      note: 'Özel not: yalnız danışman görür',
    });
    expect(booked.status, JSON.stringify(booked.body)).toBe(201);
    const [row] = await t.database.db
      .select()
      .from(appointments)
      .where(eq(appointments.id, booked.body.appointment.id));
    const [past] = await t.database.db
      .insert(appointments)
      .values({ ...row!, id: undefined, startsAt: new Date(tr('2026-05-04', '11:00')), status: 'attended' })
      .returning();

    const res = await fatma.get('/api/v1/me/appointments');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = res.body.items.filter((a: { id: string }) => [booked.body.appointment.id, past!.id].includes(a.id));
    expect(mine).toMatchObject([
      {
        id: booked.body.appointment.id,
        startsAt: tr('2026-05-13', '10:00'),
        mode: 'phone',
        status: 'scheduled',
        upcoming: true,
        counsellor: { name: 'Zeynep Kaya' },
      },
      { id: past!.id, status: 'attended', upcoming: false },
    ]);
    expect(JSON.stringify(res.body)).not.toContain('Özel not');
  });

  it('lists my applications with the vacancy, the employer and the stage, and nothing written about me', async () => {
    const [me] = await t.database.db.select().from(persons).where(eq(persons.id, fatmaId));
    const [vacancy] = await t.database.db
      .select()
      .from(vacancies)
      .where(eq(vacancies.organisationId, me!.organisationId))
      .limit(1);
    const [referral] = await t.database.db
      .insert(referrals)
      .values({
        organisationId: vacancy!.organisationId,
        vacancyId: vacancy!.id,
        employerId: vacancy!.employerId,
        personId: fatmaId,
        status: 'interview',
        source: 'person',
        interviewAt: new Date(tr('2026-05-15', '14:00')),
        prescreenNote: 'Gizli ön değerlendirme notu',
        reasonText: 'İşverenin gerekçesi',
      })
      .returning();
    const res = await fatma.get('/api/v1/me/applications');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({
        id: referral!.id,
        vacancyTitle: vacancy!.title,
        status: 'interview',
        source: 'person',
        interviewAt: tr('2026-05-15', '14:00'),
      }),
    );
    expect(JSON.stringify(res.body)).not.toMatch(/Gizli|gerekçesi/);
  });

  it('is for seekers only: staff answer 403', async () => {
    expect((await counsellor.get('/api/v1/me/applications')).status).toBe(403);
    expect((await counsellor.get('/api/v1/me/appointments')).status).toBe(403);
  });
});
