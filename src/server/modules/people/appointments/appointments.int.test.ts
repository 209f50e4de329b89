import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../../../test/harness.ts';
import { appointments, auditEvents, outboxMessages } from '../../../db/schema/index.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';

/**
 * The clock starts on Monday 11 May 2026, 09:00 Türkiye time (06:00 UTC). Tuesday 19 May is a public
 * holiday; Tuesday 26 May is the eve (half day) of Kurban Bayramı.
 */
const MONDAY_0900 = new Date('2026-05-11T06:00:00Z');
const tr = (date: string, time: string) => new Date(`${date}T${time}:00+03:00`).toISOString();

let t: TestContext;
let zeynep: TestClient; // counsellor, İBB Fatih
let ali: TestClient; // counsellor2, İBB Esenyurt
let aliId: string;
let zeynepId: string;

/** Sessions idle out after two hours: moving the clock far means signing in again. */
async function signInAll() {
  zeynep = await t.signIn(demoEmail('ibb', 'counsellor'));
  ali = await t.signIn(demoEmail('ibb', 'counsellor2'));
}

beforeAll(async () => {
  t = await createTestContext();
  t.clock.set(MONDAY_0900);
  await signInAll();
  zeynepId = (await zeynep.get('/api/v1/me')).body.id;
  aliId = (await ali.get('/api/v1/me')).body.id;
});
afterAll(async () => t.close());

let serial = 500_000_00;
const tckn = () => withTcknChecksum(String(++serial).padStart(9, '1'));

async function register(overrides: Record<string, unknown> = {}): Promise<{ id: string; caseId: string }> {
  const res = await zeynep.post('/api/v1/persons', {
    givenName: 'Emine',
    familyName: 'Durmaz',
    idKind: 'tckn',
    idNumber: tckn(),
    birthDate: '1987-03-21',
    sex: 'female',
    nationality: 'TR',
    languages: [{ code: 'tr', level: 'native' }],
    phone: `0542 ${String(serial).slice(-7, -4)} ${String(serial).slice(-4, -2)} ${String(serial).slice(-2)}`,
    province: 'İstanbul',
    district: 'Fatih',
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    confirmNotDuplicate: true,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id, caseId: res.body.case.id };
}

const appointmentCount = async () => (await t.database.db.select({ n: count() }).from(appointments))[0]!.n;

async function messagesOf(appointmentId: string) {
  return t.database.db
    .select()
    .from(outboxMessages)
    .where(sql`${outboxMessages.meta}->>'appointmentId' = ${appointmentId}`)
    .orderBy(outboxMessages.nextAttemptAt);
}

describe('scheduling', () => {
  it('books an appointment with the case counsellor, queues the invitation and two reminders, and audits it', async () => {
    const person = await register({ givenName: 'Nazlı', familyName: 'Tekin' });
    const startsAt = tr('2026-05-13', '10:00');
    const res = await zeynep.post(`/api/v1/persons/${person.id}/appointments`, {
      startsAt,
      durationMinutes: 45,
      mode: 'in-person',
      note: 'İlk görüşme',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.appointment).toMatchObject({
      caseId: person.caseId,
      person: { id: person.id, name: 'Nazlı Tekin' },
      counsellor: { id: zeynepId, name: 'Zeynep Kaya' },
      office: { name: 'Fatih İstihdam Ofisi' },
      startsAt,
      endsAt: tr('2026-05-13', '10:45'),
      status: 'scheduled',
      mode: 'in-person',
    });
    expect(res.body.notification).toEqual({
      channel: 'sms',
      locale: 'tr',
      queued: 3,
      reminders: [tr('2026-05-11', '10:00'), tr('2026-05-13', '08:00')],
    });
    const messages = await messagesOf(res.body.appointment.id);
    expect(messages.map((m) => [m.template, m.status, m.nextAttemptAt.toISOString()])).toEqual([
      ['appointment-invitation', 'pending', MONDAY_0900.toISOString()],
      ['appointment-reminder', 'pending', tr('2026-05-11', '10:00')],
      ['appointment-reminder', 'pending', tr('2026-05-13', '08:00')],
    ]);
    expect(messages[0]!.recipient).toMatch(/^\+90542/);
    expect(messages[0]!.body).toContain('Zeynep Kaya');
    expect(messages[0]!.body).toContain('10:00');
    expect(messages[0]!.body).toContain('Fatih İstihdam Ofisi');
    const [row] = await t.database.db.select().from(appointments).where(eq(appointments.id, res.body.appointment.id));
    expect([...row!.messageIds].sort()).toEqual(messages.map((m) => m.id).sort());
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, res.body.appointment.id));
    expect(events.map((e) => e.action)).toEqual(['appointment.scheduled']);
  });

  it('skips a reminder whose time has passed, writes in the person’s language, and says when nothing can be sent', async () => {
    const tomorrow = await register({ givenName: 'Yarın', familyName: 'Gelir' });
    const soon = await zeynep.post(`/api/v1/persons/${tomorrow.id}/appointments`, {
      startsAt: tr('2026-05-12', '09:00'),
    });
    expect(soon.status).toBe(201);
    expect(soon.body.notification).toMatchObject({ queued: 2, reminders: [tr('2026-05-12', '07:00')] });

    const arabic = await register({
      givenName: 'Ahmad',
      familyName: 'Al-Hassan',
      nationality: 'SY',
      languages: [
        { code: 'ku', level: 'native' },
        { code: 'ar', level: 'C1' },
        { code: 'tr', level: 'B1' },
      ],
      phone: null,
      email: 'ahmad.alhassan@example.org',
    });
    const mail = await zeynep.post(`/api/v1/persons/${arabic.id}/appointments`, {
      startsAt: tr('2026-05-14', '14:00'),
      mode: 'phone',
    });
    expect(mail.status).toBe(201);
    expect(mail.body.notification).toMatchObject({ channel: 'email', locale: 'ar', queued: 3 });
    const [invitation] = await messagesOf(mail.body.appointment.id);
    expect(invitation).toMatchObject({ channel: 'email', recipient: 'ahmad.alhassan@example.org', locale: 'ar' });
    expect(invitation!.subject).toContain('موعدك');
    expect(invitation!.body).toContain('عبر الهاتف');

    const unreachable = await register({ givenName: 'Ulaşılamaz', familyName: 'Kişi', phone: null });
    const none = await zeynep.post(`/api/v1/persons/${unreachable.id}/appointments`, {
      startsAt: tr('2026-05-14', '15:00'),
    });
    expect(none.status).toBe(201);
    expect(none.body.notification).toEqual({ channel: null, locale: 'tr', queued: 0, reminders: [] });
    expect(await messagesOf(none.body.appointment.id)).toEqual([]);
  });

  it.each([
    ['in the past', tr('2026-05-11', '08:30'), 30, 'errors.appointments.inPast'],
    ['before 08:00', tr('2026-05-15', '07:30'), 30, 'errors.appointments.outsideHours'],
    ['ending after 19:00', tr('2026-05-15', '18:45'), 30, 'errors.appointments.outsideHours'],
    ['on a Saturday', tr('2026-05-16', '10:00'), 30, 'errors.appointments.notWorkingDay'],
    ['on a public holiday (19 May)', tr('2026-05-19', '10:00'), 30, 'errors.appointments.notWorkingDay'],
    ['in the afternoon of a half-day eve', tr('2026-05-26', '14:00'), 30, 'errors.appointments.halfDay'],
  ])(
    'refuses a start %s with a problem naming /startsAt, and writes nothing',
    async (_name, startsAt, minutes, code) => {
      const person = await register({ givenName: 'Kural', familyName: 'Deneme' });
      const before = await appointmentCount();
      const res = await zeynep.post(`/api/v1/persons/${person.id}/appointments`, {
        startsAt,
        durationMinutes: minutes,
      });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors[0]).toMatchObject({ pointer: '/startsAt', code });
      expect(await appointmentCount()).toBe(before);
    },
  );

  it('names the day in the reader’s date format, not as stored (issue 8, item 21)', async () => {
    const person = await register({ givenName: 'Tatil', familyName: 'Günü' });
    const res = await zeynep.post(`/api/v1/persons/${person.id}/appointments`, {
      startsAt: tr('2026-05-19', '10:00'),
      durationMinutes: 30,
    });
    expect(res.body.errors[0].message).toBe('19.05.2026 iş günü değil (hafta sonu ya da resmî tatil).');
  });

  it('accepts the morning of a half-day eve and refuses bad input by schema', async () => {
    const person = await register({ givenName: 'Arife', familyName: 'Sabahı' });
    const morning = await zeynep.post(`/api/v1/persons/${person.id}/appointments`, {
      startsAt: tr('2026-05-26', '12:00'),
      durationMinutes: 60,
    });
    expect(morning.status).toBe(201);
    const before = await appointmentCount();
    const bad = await zeynep.post(`/api/v1/persons/${person.id}/appointments`, {
      startsAt: 'yarın',
      durationMinutes: 5,
      mode: 'carrier-pigeon',
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/durationMinutes',
      '/mode',
      '/startsAt',
    ]);
    expect(await appointmentCount()).toBe(before);
  });

  it('refuses to double-book the counsellor (409), allows back-to-back appointments', async () => {
    const a = await register({ givenName: 'Birinci', familyName: 'Kişi' });
    const b = await register({ givenName: 'İkinci', familyName: 'Kişi' });
    expect(
      (await zeynep.post(`/api/v1/persons/${a.id}/appointments`, { startsAt: tr('2026-05-15', '10:00') })).status,
    ).toBe(201);
    const before = await appointmentCount();
    const clash = await zeynep.post(`/api/v1/persons/${b.id}/appointments`, {
      startsAt: tr('2026-05-15', '09:45'),
      durationMinutes: 30,
    });
    expect(clash.status).toBe(409);
    expect(clash.body.errors[0]).toMatchObject({ pointer: '/startsAt', code: 'errors.appointments.counsellorBusy' });
    expect(await appointmentCount()).toBe(before);
    const next = await zeynep.post(`/api/v1/persons/${b.id}/appointments`, { startsAt: tr('2026-05-15', '10:30') });
    expect(next.status).toBe(201);
  });

  it('books with another counsellor of the same office only, and only for an open case', async () => {
    const person = await register({ givenName: 'Başka', familyName: 'Danışman' });
    const otherOffice = await zeynep.post(`/api/v1/persons/${person.id}/appointments`, {
      startsAt: tr('2026-05-18', '10:00'),
      counsellorId: aliId,
    });
    expect(otherOffice.status).toBe(422);
    expect(otherOffice.body.errors[0]).toMatchObject({
      pointer: '/counsellorId',
      code: 'errors.cases.counsellorOtherOffice',
    });
    await zeynep.post(`/api/v1/cases/${person.caseId}/status`, { status: 'closed', closeReason: 'moved-away' });
    const closed = await zeynep.post(`/api/v1/persons/${person.id}/appointments`, {
      startsAt: tr('2026-05-18', '10:00'),
    });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('errors.appointments.noOpenCase');
  });
});

describe('rescheduling and cancelling', () => {
  it('moves an appointment: old reminders cancelled, the person told, new reminders queued', async () => {
    const person = await register({ givenName: 'Taşınan', familyName: 'Randevu' });
    const created = await zeynep.post(`/api/v1/persons/${person.id}/appointments`, {
      startsAt: tr('2026-05-20', '11:00'),
    });
    const id = created.body.appointment.id as string;
    const oldIds = (await messagesOf(id)).map((m) => m.id);

    const busy = await zeynep.post(`/api/v1/persons/${(await register({ givenName: 'Dolu' })).id}/appointments`, {
      startsAt: tr('2026-05-21', '11:00'),
    });
    expect(busy.status).toBe(201);
    const clash = await zeynep.patch(`/api/v1/appointments/${id}`, { startsAt: tr('2026-05-21', '11:15') });
    expect(clash.status).toBe(409);
    const holiday = await zeynep.patch(`/api/v1/appointments/${id}`, { startsAt: tr('2026-05-19', '11:00') });
    expect(holiday.status).toBe(422);

    const moved = await zeynep.patch(`/api/v1/appointments/${id}`, { startsAt: tr('2026-05-22', '14:30') });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.appointment.startsAt).toBe(tr('2026-05-22', '14:30'));
    expect(moved.body.notification).toMatchObject({
      channel: 'sms',
      queued: 3,
      reminders: [tr('2026-05-20', '14:30'), tr('2026-05-22', '12:30')],
    });
    const old = await t.database.db.select().from(outboxMessages).where(inArray(outboxMessages.id, oldIds));
    // The invitation was due at once (pending until the worker runs): cancelled with the reminders.
    expect(old.every((m) => m.status === 'failed' && m.lastError === 'cancelled')).toBe(true);
    // The outbox does not send a cancelled reminder again (409), and leaves it as it was.
    const admin = await t.as('ibb', 'admin');
    const retried = await admin.post(`/api/v1/outbox/${old[0]!.id}/retry`);
    expect(retried.status).toBe(409);
    expect(retried.body.code).toBe('errors.outbox.cancelledNotRetried');
    const [still] = await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.id, old[0]!.id));
    expect(still).toMatchObject({ status: 'failed', lastError: 'cancelled' });
    const fresh = (await messagesOf(id)).filter((m) => m.status === 'pending');
    expect(fresh.map((m) => m.template)).toEqual([
      'appointment-rescheduled',
      'appointment-reminder',
      'appointment-reminder',
    ]);
    expect(fresh[0]!.body).toContain('14:30');

    // Changing only the note tells nobody.
    const noted = await zeynep.patch(`/api/v1/appointments/${id}`, { note: 'Belgelerini getirecek' });
    expect(noted.body.notification).toBeNull();
    expect(noted.body.appointment.note).toBe('Belgelerini getirecek');
    const events = await t.database.db
      .select({ action: auditEvents.action, fields: auditEvents.fields })
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, id));
    expect(events).toContainEqual({ action: 'appointment.updated', fields: ['startsAt'] });
    expect(events).toContainEqual({ action: 'appointment.updated', fields: ['note'] });
  });

  it('cancels: queued reminders cancelled, a cancellation sent, gone from the calendar', async () => {
    const person = await register({ givenName: 'İptal', familyName: 'Edilen' });
    const created = await zeynep.post(`/api/v1/persons/${person.id}/appointments`, {
      startsAt: tr('2026-05-14', '16:00'),
    });
    const id = created.body.appointment.id as string;
    const cancelled = await zeynep.post(`/api/v1/appointments/${id}/cancel`, { reason: 'person-request' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.appointment.status).toBe('cancelled');
    expect(cancelled.body.notification).toMatchObject({ channel: 'sms', queued: 1, reminders: [] });
    const messages = await messagesOf(id);
    expect(messages.filter((m) => m.template === 'appointment-reminder').map((m) => m.status)).toEqual([
      'failed',
      'failed',
    ]);
    const notice = messages.find((m) => m.template === 'appointment-cancelled')!;
    expect(notice.status).toBe('pending');
    expect(notice.body).toContain('iptal');
    expect((await zeynep.post(`/api/v1/appointments/${id}/cancel`, { reason: 'other' })).status).toBe(409);
    expect((await zeynep.patch(`/api/v1/appointments/${id}`, { startsAt: tr('2026-05-15', '16:00') })).status).toBe(
      409,
    );
    const week = await zeynep.get('/api/v1/appointments');
    expect(week.body.items.map((a: { id: string }) => a.id)).not.toContain(id);
    const withCancelled = await zeynep.get('/api/v1/appointments?includeCancelled=true');
    expect(withCancelled.body.items.map((a: { id: string }) => a.id)).toContain(id);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, 'appointment.cancelled')));
    expect(event!.purpose).toBe('person-request');
  });
});

describe('calendar and access', () => {
  it('shows my week by default, a chosen range, a person’s appointments and today’s list', async () => {
    const week = await zeynep.get('/api/v1/appointments');
    expect(week.status).toBe(200);
    expect(week.body).toMatchObject({ counsellorId: zeynepId, from: '2026-05-11', to: '2026-05-17' });
    const starts = week.body.items.map((a: { startsAt: string }) => a.startsAt);
    expect(starts).toContain(tr('2026-05-13', '10:00'));
    expect(starts).not.toContain(tr('2026-05-22', '14:30'));
    expect([...starts].sort()).toEqual(starts);

    const later = await zeynep.get('/api/v1/appointments?from=2026-05-18&to=2026-05-31');
    expect(later.body.items.map((a: { startsAt: string }) => a.startsAt)).toEqual(
      expect.arrayContaining([tr('2026-05-22', '14:30'), tr('2026-05-26', '12:00')]),
    );
    const tooLong = await zeynep.get('/api/v1/appointments?from=2026-01-01&to=2026-12-31');
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.errors[0]).toMatchObject({
      pointer: '/querystring/to',
      code: 'errors.appointments.rangeTooLong',
    });
    const reversed = await zeynep.get('/api/v1/appointments?from=2026-05-20&to=2026-05-10');
    expect(reversed.status).toBe(400);

    // Another office's counsellor's calendar shows nothing of theirs to me, and mine nothing to them.
    expect((await zeynep.get(`/api/v1/appointments?counsellorId=${aliId}`)).body.items).toEqual([]);
    expect((await ali.get(`/api/v1/appointments?counsellorId=${zeynepId}`)).body.items).toEqual([]);

    const person = await register({ givenName: 'Takvim', familyName: 'Sahibi' });
    await zeynep.post(`/api/v1/persons/${person.id}/appointments`, { startsAt: tr('2026-05-11', '17:00') });
    const mine = await zeynep.get(`/api/v1/persons/${person.id}/appointments`);
    expect(mine.body.items).toHaveLength(1);
    const today = await zeynep.get('/api/v1/appointments/today');
    expect(today.body.date).toBe('2026-05-11');
    expect(today.body.items.map((a: { person: { name: string } }) => a.person.name)).toEqual(['Takvim Sahibi']);
  });

  it("answers 404 to another office's counsellor and another organisation, 403 to an analyst and to read-only roles", async () => {
    const person = await register({ givenName: 'Gizli', familyName: 'Randevu' });
    const created = await zeynep.post(`/api/v1/persons/${person.id}/appointments`, {
      startsAt: tr('2026-05-13', '15:00'),
    });
    const id = created.body.appointment.id as string;
    const izmir = await t.signIn(demoEmail('izmir', 'counsellor'));
    for (const client of [ali, izmir]) {
      for (const res of [
        await client.get(`/api/v1/appointments/${id}`),
        await client.get(`/api/v1/persons/${person.id}/appointments`),
        await client.post(`/api/v1/persons/${person.id}/appointments`, { startsAt: tr('2026-05-13', '16:00') }),
        await client.patch(`/api/v1/appointments/${id}`, { note: 'x' }),
        await client.post(`/api/v1/appointments/${id}/cancel`, { reason: 'other' }),
        await client.post(`/api/v1/appointments/${id}/attendance`, { status: 'attended' }),
      ]) {
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('Gizli');
      }
    }
    const analyst = await t.signIn(demoEmail('ibb', 'analyst'));
    expect((await analyst.get('/api/v1/appointments')).status).toBe(403);
    expect((await analyst.get(`/api/v1/appointments/${id}`)).status).toBe(403);
    const manager = await t.signIn(demoEmail('ibb', 'manager'));
    expect((await manager.get(`/api/v1/appointments/${id}`)).status).toBe(200);
    expect((await manager.post(`/api/v1/appointments/${id}/cancel`, { reason: 'other' })).status).toBe(403);
    const trainer = await t.signIn(demoEmail('ibb', 'trainer'));
    expect((await trainer.get(`/api/v1/persons/${person.id}/appointments`)).status).toBe(403);
  });
});

describe('attendance', () => {
  it('records attendance or a no-show only once the appointment has started', async () => {
    const person = await register({ givenName: 'Katılım', familyName: 'Kaydı' });
    const created = await zeynep.post(`/api/v1/persons/${person.id}/appointments`, {
      startsAt: tr('2026-05-12', '11:00'),
    });
    const id = created.body.appointment.id as string;
    const early = await zeynep.post(`/api/v1/appointments/${id}/attendance`, { status: 'attended' });
    expect(early.status).toBe(409);
    expect(early.body.errors[0]).toMatchObject({ pointer: '/status', code: 'errors.appointments.notStarted' });

    t.clock.set(new Date(tr('2026-05-12', '11:05')));
    await signInAll();
    const tooLate = await zeynep.post(`/api/v1/appointments/${id}/cancel`, { reason: 'other' });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.code).toBe('errors.appointments.alreadyStarted');
    const noShow = await zeynep.post(`/api/v1/appointments/${id}/attendance`, { status: 'no-show' });
    expect(noShow.status).toBe(200);
    expect(noShow.body.status).toBe('no-show');
    // A correction is allowed: the person came late.
    const attended = await zeynep.post(`/api/v1/appointments/${id}/attendance`, { status: 'attended' });
    expect(attended.body.status).toBe('attended');
    expect((await zeynep.patch(`/api/v1/appointments/${id}`, { startsAt: tr('2026-05-13', '17:00') })).status).toBe(
      409,
    );
    const bad = await zeynep.post(`/api/v1/appointments/${id}/attendance`, { status: 'late' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].pointer).toBe('/status');
    const today = await zeynep.get('/api/v1/appointments/today');
    expect(today.body.items.find((a: { id: string }) => a.id === id).status).toBe('attended');
  });
});
