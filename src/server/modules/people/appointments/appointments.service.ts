import { aliasedTable, and, asc, desc, eq, gte, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { appointments, cases, offices, persons, roles, userRoles, users } from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { audit } from '../../../lib/audit.ts';
import { problems, type FieldError } from '../../../lib/errors.ts';
import { scopeOf } from '../../../lib/access.ts';
import { t } from '../../../lib/i18n.ts';
import { fromDayNumber, isWorkingDay, toDayNumber, turkishDate } from '../../../../common/working-days.ts';
import type { Locale } from '../../../../common/locales.ts';
import {
  CANCEL_REASONS,
  MAX_APPOINTMENT_MINUTES,
  MAX_CALENDAR_DAYS,
  MIN_APPOINTMENT_MINUTES,
} from '../../../../common/people.ts';
import { workingCalendar } from '../../reference/index.ts';
import { cancelQueued, enqueue, type Template } from '../../outbox/index.ts';
import { loadPerson } from '../persons/persons.queries.ts';
import { calendarDate, intlLocaleOf } from '../../../../common/message-format.ts';

/**
 * Appointments of a person's open case with a counsellor of the case's office. The invitation is
 * queued at once and reminders 2 days and 2 hours before (a reminder whose time has passed is
 * skipped); moving or cancelling an appointment cancels its queued messages and tells the person.
 *
 * Times are instants (timestamptz); the rules about days and hours are in Türkiye time, which has
 * been UTC+3 all year since 2016 (working-days.ts counts the same way).
 */

type AppointmentRow = typeof appointments.$inferSelect;
type PersonRow = typeof persons.$inferSelect;
export type AppointmentMode = AppointmentRow['mode'];

export const MIN_DURATION = MIN_APPOINTMENT_MINUTES;
export const MAX_DURATION = MAX_APPOINTMENT_MINUTES;
/** Offices receive people 08:00–19:00 (Türkiye time) on working days. */
export const OPENING_MINUTE = 8 * 60;
export const CLOSING_MINUTE = 19 * 60;
/** A half-day holiday (an eve) is off from 13:00. */
export const HALF_DAY_CLOSING_MINUTE = 13 * 60;
export const REMINDERS_BEFORE_MS = [2 * 24 * 60 * 60 * 1000, 2 * 60 * 60 * 1000];
/** The longest calendar range one request may ask for. */
export const MAX_RANGE_DAYS = MAX_CALENDAR_DAYS;
const TURKIYE_OFFSET = '+03:00';

const counsellorUser = aliasedTable(users, 'counsellor_user');

/** Date ('YYYY-MM-DD') and minute of the day of an instant, in Türkiye. */
export function turkishDateTime(instant: Date): { date: string; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Istanbul',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((p) => p.type === 'minute')?.value ?? 0);
  return { date: turkishDate(instant), minute: hour * 60 + minute };
}

/** The instant a Türkiye calendar day starts. */
function dayStart(date: string): Date {
  return new Date(`${date}T00:00:00${TURKIYE_OFFSET}`);
}

function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Monday and Sunday of the week of a date. */
function weekOf(date: string): { from: string; to: string } {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  const from = addDays(date, -weekday);
  return { from, to: addDays(from, 6) };
}

/** The person's language for messages: the first of their languages that Köprü speaks, else Turkish. */
export function localeOfPerson(person: Pick<PersonRow, 'languages'>): Locale {
  for (const l of person.languages) if (l.code === 'tr' || l.code === 'en' || l.code === 'ar') return l.code;
  return 'tr';
}

// ---- rules ---------------------------------------------------------------------------------------------

/**
 * Checks a start time and duration: in the future, on a working day (not a weekend or a full public
 * holiday), within 08:00–19:00 Türkiye time, and before 13:00 on a half-day eve.
 */
async function checkTime(db: Db, ctx: Ctx, startsAt: Date, durationMinutes: number): Promise<void> {
  const errors: FieldError[] = [];
  if (startsAt.getTime() <= ctx.clock.now().getTime()) {
    throw problems.invalid('/startsAt', 'errors.appointments.inPast');
  }
  const start = turkishDateTime(startsAt);
  const calendar = await workingCalendar(db, addDays(start.date, -1));
  if (!isWorkingDay(start.date, calendar)) {
    throw problems.invalid('/startsAt', 'errors.appointments.notWorkingDay', { date: calendarDate(start.date) });
  }
  const halfDay = calendar.some((h) => h.date === start.date && h.halfDay);
  const closing = halfDay ? HALF_DAY_CLOSING_MINUTE : CLOSING_MINUTE;
  const end = start.minute + durationMinutes;
  if (start.minute < OPENING_MINUTE || end > closing) {
    errors.push({
      pointer: '/startsAt',
      code: halfDay ? 'errors.appointments.halfDay' : 'errors.appointments.outsideHours',
      params: { from: '08:00', to: halfDay ? '13:00' : '19:00' },
    });
  }
  if (errors.length > 0) throw problems.invalidMany(errors);
}

/** A counsellor for the appointment: an active staff member with cases:write in the case's office. */
async function checkCounsellor(db: Db, ctx: Ctx, userId: string, officeId: string): Promise<void> {
  const [u] = await db
    .select({ id: users.id, officeId: users.officeId })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(
      and(
        eq(users.id, userId),
        eq(users.organisationId, actorOf(ctx).organisationId),
        eq(users.kind, 'staff'),
        eq(users.status, 'active'),
        sql`'cases:write' = ANY(${roles.permissions})`,
      ),
    )
    .limit(1);
  if (!u) throw problems.invalid('/counsellorId', 'errors.cases.counsellorUnknown');
  if (u.officeId !== officeId) throw problems.invalid('/counsellorId', 'errors.cases.counsellorOtherOffice');
}

/**
 * Refuses a second appointment of the counsellor at an overlapping time. The counsellor's user row is
 * locked (FOR NO KEY UPDATE) first, so that two bookings at once cannot both pass the check.
 */
async function checkFree(
  tx: Db,
  counsellorId: string,
  startsAt: Date,
  durationMinutes: number,
  exceptId?: string,
): Promise<void> {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, counsellorId)).for('no key update');
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const [clash] = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.counsellorId, counsellorId),
        eq(appointments.status, 'scheduled'),
        lt(appointments.startsAt, endsAt),
        sql`${appointments.startsAt} + ${appointments.durationMinutes} * interval '1 minute' > ${startsAt.toISOString()}::timestamptz`,
        exceptId ? ne(appointments.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (clash) throw problems.conflict('errors.appointments.counsellorBusy', '/startsAt');
}

// ---- messages ---------------------------------------------------------------------------------------------

export interface Notification {
  /** How the person is told; null when they have neither a phone nor an e-mail address (nothing queued). */
  channel: 'sms' | 'email' | null;
  locale: Locale;
  /** Messages queued by this change (the notice itself and reminders). */
  queued: number;
  /** When the reminders will go out. */
  reminders: string[];
}

function messageParams(
  locale: Locale,
  appointment: Pick<AppointmentRow, 'startsAt' | 'durationMinutes' | 'mode'>,
  person: PersonRow,
  office: { name: string; address: string | null; phone: string | null },
  counsellor: string,
): Record<string, string | number> {
  // The language's formatter (Western digits in Arabic, as every other message), in Türkiye time.
  const tag = intlLocaleOf(locale);
  const date = new Intl.DateTimeFormat(tag, {
    timeZone: 'Europe/Istanbul',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(appointment.startsAt);
  const time = new Intl.DateTimeFormat(tag, {
    timeZone: 'Europe/Istanbul',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(appointment.startsAt);
  const place =
    appointment.mode === 'in-person'
      ? [office.name, office.address].filter(Boolean).join(', ')
      : t(locale, `messages.appointmentMode.${appointment.mode}`);
  return {
    name: person.givenName,
    date,
    time,
    minutes: appointment.durationMinutes,
    place,
    counsellor,
    office: office.name,
    phone: office.phone ?? '',
  };
}

async function contextOf(tx: Db, appointment: Pick<AppointmentRow, 'personId' | 'officeId' | 'counsellorId'>) {
  const [[person], [office], [counsellor]] = await Promise.all([
    tx.select().from(persons).where(eq(persons.id, appointment.personId)),
    tx
      .select({ name: offices.name, address: offices.address, phone: offices.phone })
      .from(offices)
      .where(eq(offices.id, appointment.officeId)),
    tx.select({ name: users.fullName }).from(users).where(eq(users.id, appointment.counsellorId)),
  ]);
  return { person: person!, office: office!, counsellor: counsellor?.name ?? '' };
}

/**
 * Queues a message about the appointment (and, for an invitation or a move, its reminders) in the
 * caller's transaction. Reminders are ordinary outbox messages that are not sent before their time
 * (their delivery job starts then; the outbox sweep sends whatever is due).
 */
async function notify(
  tx: Db,
  ctx: Ctx,
  appointment: AppointmentRow,
  template: Extract<Template, 'appointment-invitation' | 'appointment-rescheduled' | 'appointment-cancelled'>,
): Promise<{ ids: string[]; notification: Notification }> {
  const { person, office, counsellor } = await contextOf(tx, appointment);
  const locale = localeOfPerson(person);
  const channel = person.phone ? 'sms' : person.email ? 'email' : null;
  const notification: Notification = { channel, locale, queued: 0, reminders: [] };
  if (!channel) return { ids: [], notification };
  const recipient = channel === 'sms' ? person.phone! : person.email!;
  const params = messageParams(locale, appointment, person, office, counsellor);
  const base = {
    channel,
    recipient,
    locale,
    params,
    organisationId: appointment.organisationId,
    userId: person.userId,
  } as const;
  const ids = [
    await enqueue(
      { ...ctx, db: tx },
      {
        ...base,
        template,
        meta: { appointmentId: appointment.id, kind: template },
      },
    ),
  ];
  if (template !== 'appointment-cancelled') {
    const now = ctx.clock.now().getTime();
    for (const before of REMINDERS_BEFORE_MS) {
      const at = new Date(appointment.startsAt.getTime() - before);
      if (at.getTime() <= now) continue;
      const id = await enqueue(
        { ...ctx, db: tx },
        {
          ...base,
          template: 'appointment-reminder',
          meta: { appointmentId: appointment.id, kind: 'appointment-reminder' },
        },
        { notBefore: at },
      );
      ids.push(id);
      notification.reminders.push(at.toISOString());
    }
  }
  notification.queued = ids.length;
  return { ids, notification };
}

// ---- reading -------------------------------------------------------------------------------------------------

function selection() {
  return {
    a: appointments,
    givenName: persons.givenName,
    familyName: persons.familyName,
    counsellorName: counsellorUser.fullName,
    officeName: offices.name,
  };
}

type Joined = {
  a: AppointmentRow;
  givenName: string;
  familyName: string;
  counsellorName: string;
  officeName: string;
};

function present({ a, givenName, familyName, counsellorName, officeName }: Joined) {
  return {
    id: a.id,
    caseId: a.caseId,
    person: { id: a.personId, name: `${givenName} ${familyName}` },
    counsellor: { id: a.counsellorId, name: counsellorName },
    office: { id: a.officeId, name: officeName },
    startsAt: a.startsAt.toISOString(),
    endsAt: new Date(a.startsAt.getTime() + a.durationMinutes * 60_000).toISOString(),
    durationMinutes: a.durationMinutes,
    mode: a.mode,
    status: a.status,
    note: a.note,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
export type AppointmentView = ReturnType<typeof present>;

async function query(db: Db, where: SQL | undefined, order: SQL[]) {
  const rows = await db
    .select(selection())
    .from(appointments)
    .innerJoin(persons, eq(persons.id, appointments.personId))
    .innerJoin(counsellorUser, eq(counsellorUser.id, appointments.counsellorId))
    .innerJoin(offices, eq(offices.id, appointments.officeId))
    .where(where)
    .orderBy(...order);
  return rows.map((r) => present(r));
}

function scopeConditions(ctx: Ctx): SQL[] {
  const scope = scopeOf(actorOf(ctx));
  return [
    eq(appointments.organisationId, scope.organisationId),
    ...(scope.officeId ? [eq(appointments.officeId, scope.officeId)] : []),
  ];
}

/** Loads an appointment the actor may see (organisation; its office unless offices:all), or 404. */
async function loadAppointment(db: Db, ctx: Ctx, id: string): Promise<AppointmentRow> {
  const [row] = await db
    .select()
    .from(appointments)
    .where(and(eq(appointments.id, id), ...scopeConditions(ctx)));
  if (!row) throw problems.notFound();
  return row;
}

export async function getAppointment(ctx: Ctx, id: string): Promise<AppointmentView> {
  const [view] = await query(ctx.db, and(eq(appointments.id, id), ...scopeConditions(ctx)), []);
  if (!view) throw problems.notFound();
  return view;
}

export interface CalendarQuery {
  counsellorId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  includeCancelled?: boolean | undefined;
}

/** A counsellor's calendar (default: mine, this week), within the offices the actor may see. */
export async function calendar(ctx: Ctx, q: CalendarQuery) {
  const today = turkishDate(ctx.clock.now());
  const week = weekOf(today);
  const from = q.from ?? (q.to ? addDays(q.to, -6) : week.from);
  const to = q.to ?? (q.from ? addDays(q.from, 6) : week.to);
  if (to < from) throw problems.invalidQuery('/querystring/to', 'errors.appointments.rangeReversed');
  if (toDayNumber(to) - toDayNumber(from) + 1 > MAX_RANGE_DAYS)
    throw problems.invalidQuery('/querystring/to', 'errors.appointments.rangeTooLong', { days: MAX_RANGE_DAYS });
  const counsellorId = q.counsellorId ?? actorOf(ctx).userId;
  const items = await query(
    ctx.db,
    and(
      ...scopeConditions(ctx),
      eq(appointments.counsellorId, counsellorId),
      gte(appointments.startsAt, dayStart(from)),
      lt(appointments.startsAt, dayStart(addDays(to, 1))),
      q.includeCancelled ? undefined : ne(appointments.status, 'cancelled'),
    ),
    [asc(appointments.startsAt)],
  );
  return { counsellorId, from, to, items };
}

/** My appointments today (not cancelled), for the counsellor's home page. */
export async function today(ctx: Ctx) {
  const date = turkishDate(ctx.clock.now());
  const items = await query(
    ctx.db,
    and(
      eq(appointments.organisationId, actorOf(ctx).organisationId),
      eq(appointments.counsellorId, actorOf(ctx).userId),
      gte(appointments.startsAt, dayStart(date)),
      lt(appointments.startsAt, dayStart(addDays(date, 1))),
      ne(appointments.status, 'cancelled'),
    ),
    [asc(appointments.startsAt)],
  );
  return { date, items };
}

export async function listOfPerson(ctx: Ctx, personId: string) {
  await loadPerson(ctx.db, ctx, personId);
  return query(
    ctx.db,
    and(eq(appointments.personId, personId), eq(appointments.organisationId, actorOf(ctx).organisationId)),
    [desc(appointments.startsAt)],
  );
}

/**
 * A job seeker's own appointments (GET /me/appointments, self-service): when, how long, how (in person,
 * phone, video), where, with whom, and whether it happened; upcoming first in time order, then the past
 * ones newest first. No notes: a note is the counsellor's.
 */
export async function ownAppointments(db: Db, organisationId: string, personId: string, now: Date) {
  const rows = await query(
    db,
    and(eq(appointments.personId, personId), eq(appointments.organisationId, organisationId)),
    [asc(appointments.startsAt)],
  );
  const items = rows.map(({ note: _note, person: _person, caseId: _case, ...a }) => ({
    ...a,
    upcoming: a.status === 'scheduled' && new Date(a.endsAt) >= now,
  }));
  return [...items.filter((a) => a.upcoming), ...items.filter((a) => !a.upcoming).reverse()];
}

// ---- changes ---------------------------------------------------------------------------------------------------

export interface AppointmentCreate {
  counsellorId?: string | null | undefined;
  startsAt: string;
  durationMinutes?: number | undefined;
  mode?: AppointmentMode | undefined;
  note?: string | null | undefined;
}

/** Schedules an appointment for the person's open case and queues the invitation and reminders. */
export async function schedule(
  ctx: Ctx,
  personId: string,
  input: AppointmentCreate,
): Promise<{ id: string; notification: Notification }> {
  return ctx.db.transaction(async (tx) => {
    const person = await loadPerson(tx, ctx, personId);
    const [openCase] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.personId, person.id), ne(cases.status, 'closed')));
    if (!openCase) throw problems.conflict('errors.appointments.noOpenCase');
    const counsellorId = input.counsellorId ?? openCase.counsellorId ?? actorOf(ctx).userId;
    await checkCounsellor(tx, ctx, counsellorId, openCase.officeId);
    const startsAt = new Date(input.startsAt);
    const durationMinutes = input.durationMinutes ?? 30;
    await checkTime(tx, ctx, startsAt, durationMinutes);
    await checkFree(tx, counsellorId, startsAt, durationMinutes);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(appointments)
      .values({
        organisationId: person.organisationId,
        caseId: openCase.id,
        personId: person.id,
        counsellorId,
        officeId: openCase.officeId,
        startsAt,
        durationMinutes,
        mode: input.mode ?? 'in-person',
        status: 'scheduled',
        note: input.note?.trim() || null,
        createdBy: actorOf(ctx).userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const { ids, notification } = await notify(tx, ctx, row!, 'appointment-invitation');
    await tx.update(appointments).set({ messageIds: ids }).where(eq(appointments.id, row!.id));
    await audit(tx, ctx, {
      action: 'appointment.scheduled',
      subjectType: 'appointment',
      subjectId: row!.id,
      purpose: row!.mode,
    });
    return { id: row!.id, notification };
  });
}

export interface AppointmentPatch {
  counsellorId?: string | undefined;
  startsAt?: string | undefined;
  durationMinutes?: number | undefined;
  mode?: AppointmentMode | undefined;
  note?: string | null | undefined;
}

/**
 * Changes an appointment. Moving it (time, length, counsellor or mode) needs it to be scheduled and
 * the case open; its queued reminders are cancelled, the person is told and new reminders are queued.
 * The note can be changed at any time.
 */
export async function reschedule(
  ctx: Ctx,
  id: string,
  patch: AppointmentPatch,
): Promise<{ notification: Notification | null }> {
  return ctx.db.transaction(async (tx) => {
    const row = await loadAppointment(tx, ctx, id);
    const values: Partial<typeof appointments.$inferInsert> = {};
    if (patch.startsAt !== undefined && new Date(patch.startsAt).getTime() !== row.startsAt.getTime())
      values.startsAt = new Date(patch.startsAt);
    if (patch.durationMinutes !== undefined && patch.durationMinutes !== row.durationMinutes)
      values.durationMinutes = patch.durationMinutes;
    if (patch.counsellorId !== undefined && patch.counsellorId !== row.counsellorId)
      values.counsellorId = patch.counsellorId;
    if (patch.mode !== undefined && patch.mode !== row.mode) values.mode = patch.mode;
    const moves = Object.keys(values).length > 0;
    if (patch.note !== undefined && (patch.note?.trim() || null) !== row.note) values.note = patch.note?.trim() || null;
    const fields = Object.keys(values);
    if (fields.length === 0) return { notification: null };
    if (moves) {
      if (row.status !== 'scheduled') throw problems.conflict('errors.appointments.notScheduled');
      const [openCase] = await tx.select({ status: cases.status }).from(cases).where(eq(cases.id, row.caseId));
      if (!openCase || openCase.status === 'closed') throw problems.conflict('errors.cases.closed');
      const counsellorId = values.counsellorId ?? row.counsellorId;
      const startsAt = values.startsAt ?? row.startsAt;
      const durationMinutes = values.durationMinutes ?? row.durationMinutes;
      if (values.counsellorId) await checkCounsellor(tx, ctx, counsellorId, row.officeId);
      await checkTime(tx, ctx, startsAt, durationMinutes);
      await checkFree(tx, counsellorId, startsAt, durationMinutes, row.id);
    }
    const [updated] = await tx
      .update(appointments)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(eq(appointments.id, id))
      .returning();
    let notification: Notification | null = null;
    if (moves) {
      await cancelQueued({ ...ctx, db: tx }, { ids: row.messageIds });
      const sent = await notify(tx, ctx, updated!, 'appointment-rescheduled');
      notification = sent.notification;
      await tx.update(appointments).set({ messageIds: sent.ids }).where(eq(appointments.id, id));
    }
    await audit(tx, ctx, { action: 'appointment.updated', subjectType: 'appointment', subjectId: id, fields });
    return { notification };
  });
}

export { CANCEL_REASONS };

/** Cancels a future appointment: its queued messages are cancelled and the person is told. */
export async function cancel(
  ctx: Ctx,
  id: string,
  reason: (typeof CANCEL_REASONS)[number],
): Promise<{ notification: Notification }> {
  return ctx.db.transaction(async (tx) => {
    const row = await loadAppointment(tx, ctx, id);
    if (row.status !== 'scheduled') throw problems.conflict('errors.appointments.notScheduled');
    if (row.startsAt.getTime() <= ctx.clock.now().getTime())
      throw problems.conflict('errors.appointments.alreadyStarted');
    const [updated] = await tx
      .update(appointments)
      .set({ status: 'cancelled', updatedAt: ctx.clock.now() })
      .where(eq(appointments.id, id))
      .returning();
    await cancelQueued({ ...ctx, db: tx }, { ids: row.messageIds });
    const { ids, notification } = await notify(tx, ctx, updated!, 'appointment-cancelled');
    await tx.update(appointments).set({ messageIds: ids }).where(eq(appointments.id, id));
    await audit(tx, ctx, {
      action: 'appointment.cancelled',
      subjectType: 'appointment',
      subjectId: id,
      fields: ['status'],
      purpose: reason,
    });
    return { notification };
  });
}

/** Records whether the person came: only once the appointment has started; a record can be corrected. */
export async function recordAttendance(ctx: Ctx, id: string, status: 'attended' | 'no-show'): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadAppointment(tx, ctx, id);
    if (row.status === 'cancelled') throw problems.conflict('errors.appointments.notScheduled');
    if (row.startsAt.getTime() > ctx.clock.now().getTime())
      throw problems.conflict('errors.appointments.notStarted', '/status');
    if (row.status === status) return;
    await tx.update(appointments).set({ status, updatedAt: ctx.clock.now() }).where(eq(appointments.id, id));
    await cancelQueued({ ...ctx, db: tx }, { ids: row.messageIds });
    await audit(tx, ctx, {
      action: 'appointment.updated',
      subjectType: 'appointment',
      subjectId: id,
      fields: ['status'],
      purpose: status,
    });
  });
}
