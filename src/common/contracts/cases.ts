/**
 * The people module's API for casework: a person's service episodes (cases) with their timeline (notes,
 * action plan, transfers), the caseload, the counsellor's desk, and appointments with their invitation
 * and reminders.
 */
import { Type, type Static } from 'typebox';
import {
  APPOINTMENT_MODES,
  APPOINTMENT_STATUSES,
  CANCEL_REASONS,
  CASE_STATUSES,
  CLOSE_REASONS,
  MAX_APPOINTMENT_MINUTES,
  MAX_CALENDAR_DAYS,
  MIN_APPOINTMENT_MINUTES,
  NOTE_KINDS,
  STEP_OWNER_KINDS,
} from '../people.ts';
import { defineOp } from './op.ts';
import { Ref } from './people.ts';
import { IdParams, IsoDate, IsoDateTime, Known, Literals, Nullable, Uuid } from './schema.ts';

const tags = ['cases'] as const;

export const Case = Type.Object({
  id: Type.String(),
  person: Type.Object({ id: Type.String(), givenName: Type.String(), familyName: Type.String() }),
  office: Ref,
  counsellor: Nullable(Ref),
  status: Known(CASE_STATUSES),
  allowedStatuses: Type.Array(Known(CASE_STATUSES)),
  closeReason: Nullable(Known(CLOSE_REASONS)),
  closeNote: Nullable(Type.String()),
  openedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  notes: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Known(NOTE_KINDS),
      body: Type.String(),
      occurredAt: Type.String(),
      author: Nullable(Type.String()),
    }),
  ),
  steps: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      ownerKind: Known(STEP_OWNER_KINDS),
      owner: Nullable(Ref),
      dueDate: Nullable(Type.String()),
      doneAt: Nullable(Type.String()),
      overdue: Type.Boolean(),
    }),
  ),
  transfers: Type.Array(
    Type.Object({
      id: Type.String(),
      fromOffice: Nullable(Type.String()),
      toOffice: Type.String(),
      fromCounsellor: Nullable(Type.String()),
      toCounsellor: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      transferredAt: Type.String(),
    }),
  ),
});
export type CaseDetail = Static<typeof Case>;
export type CaseNote = CaseDetail['notes'][number];
export type CaseStep = CaseDetail['steps'][number];
export type CaseTransfer = CaseDetail['transfers'][number];

export const CaseEpisode = Type.Object({
  id: Type.String(),
  status: Known(CASE_STATUSES),
  office: Type.String(),
  counsellor: Nullable(Type.String()),
  openedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  closeReason: Nullable(Known(CLOSE_REASONS)),
});
export type CaseEpisode = Static<typeof CaseEpisode>;

export const CaseloadRow = Type.Object({
  counsellor: Nullable(Ref),
  total: Type.Integer(),
  byStatus: Type.Unsafe<Partial<Record<(typeof CASE_STATUSES)[number], number>>>(
    Type.Record(Type.String(), Type.Integer()),
  ),
});
export type CaseloadRow = Static<typeof CaseloadRow>;

export const CounsellorHome = Type.Object({
  today: Type.String(),
  openCases: Type.Integer({ description: 'Open cases whose counsellor is the caller' }),
  officeOpenCases: Type.Integer({
    description: "Open cases of the caller's office (of the organisation without an office): the caseload total",
  }),
  pendingSelfRegistrations: Type.Integer(),
  overdueSteps: Type.Integer({ description: 'Open steps past their due date (all, not only those listed)' }),
  dueSoonSteps: Type.Integer({ description: 'Open steps due today or within 7 days (all)' }),
  steps: Type.Array(
    Type.Object({
      id: Type.String(),
      caseId: Type.String(),
      person: Ref,
      title: Type.String(),
      dueDate: Nullable(Type.String()),
      overdue: Type.Boolean(),
    }),
  ),
});
export type CounsellorHome = Static<typeof CounsellorHome>;

const CaseParams = Type.Object({ id: Uuid });

// ---- operations: cases ----------------------------------------------------------------------------------

export const listCasesOfPerson = defineOp({
  method: 'GET',
  path: '/persons/:id/cases',
  tags,
  summary: 'All service episodes of a person',
  access: 'cases:read',
  params: IdParams,
  response: Type.Object({ items: Type.Array(CaseEpisode) }),
});

export const openCase = defineOp({
  method: 'POST',
  path: '/persons/:id/cases',
  tags,
  summary: 'Open a new service episode (the earlier one must be closed)',
  access: 'cases:write',
  params: IdParams,
  response: Case,
  status: 201,
});

export const getCase = defineOp({
  method: 'GET',
  path: '/cases/:id',
  tags,
  summary: 'A case with its timeline: notes, action plan, transfers',
  access: 'cases:read',
  params: CaseParams,
  response: Case,
});

export const changeCaseStatus = defineOp({
  method: 'POST',
  path: '/cases/:id/status',
  tags,
  summary: 'Change a case’s status (closing needs a reason)',
  access: 'cases:write',
  params: CaseParams,
  body: Type.Object(
    {
      status: Literals(CASE_STATUSES),
      closeReason: Type.Optional(Nullable(Literals(CLOSE_REASONS))),
      closeNote: Type.Optional(Nullable(Type.String({ maxLength: 1000, text: 'multiline' }))),
    },
    { additionalProperties: false },
  ),
  response: Case,
});

export const addCaseNote = defineOp({
  method: 'POST',
  path: '/cases/:id/notes',
  tags,
  summary: 'Add a note to the timeline (meeting, phone call, home visit, message)',
  access: 'cases:write',
  params: CaseParams,
  body: Type.Object(
    {
      kind: Literals(NOTE_KINDS),
      body: Type.String({ minLength: 1, maxLength: 10000, text: 'multiline' }),
      occurredAt: Type.Optional(IsoDateTime),
    },
    { additionalProperties: false },
  ),
  response: Case,
  status: 201,
});

export const addCaseStep = defineOp({
  method: 'POST',
  path: '/cases/:id/steps',
  tags,
  summary: 'Add a step to the action plan',
  access: 'cases:write',
  params: CaseParams,
  body: Type.Object(
    {
      title: Type.String({ minLength: 1, maxLength: 300 }),
      ownerKind: Literals(STEP_OWNER_KINDS),
      ownerUserId: Type.Optional(Nullable(Uuid)),
      dueDate: Type.Optional(Nullable(IsoDate)),
    },
    { additionalProperties: false },
  ),
  response: Case,
  status: 201,
});

export const setCaseStepDone = defineOp({
  method: 'POST',
  path: '/cases/:id/steps/:stepId/done',
  tags,
  summary: 'Mark a step done (done: false reopens it)',
  access: 'cases:write',
  params: Type.Object({ id: Uuid, stepId: Uuid }),
  body: Type.Object({ done: Type.Boolean() }, { additionalProperties: false }),
  response: Case,
});

export const transferCase = defineOp({
  method: 'POST',
  path: '/cases/:id/transfer',
  tags,
  summary: 'Transfer a case to another counsellor or office (history kept)',
  access: 'cases:write',
  params: CaseParams,
  body: Type.Object(
    {
      toOfficeId: Uuid,
      toCounsellorId: Type.Optional(Nullable(Uuid)),
      reason: Type.Optional(Nullable(Type.String({ maxLength: 1000, text: 'multiline' }))),
    },
    { additionalProperties: false },
  ),
  response: Type.Object({ id: Type.String() }),
});

export const getCaseload = defineOp({
  method: 'GET',
  path: '/caseload',
  tags,
  summary: 'Open cases per counsellor and status (my office, or any office with offices:all)',
  access: 'cases:read',
  query: Type.Object({ officeId: Type.Optional(Uuid) }),
  response: Type.Object({ items: Type.Array(CaseloadRow) }),
});

export const getCounsellorHome = defineOp({
  method: 'GET',
  path: '/counsellor-home',
  tags,
  summary:
    'My desk: steps of my cases and steps I own due this week or overdue, open cases, self-registrations waiting',
  access: 'cases:read',
  response: CounsellorHome,
});

// ---- appointments -----------------------------------------------------------------------------------------

const appointmentTags = ['appointments'] as const;
const Mode = Literals(APPOINTMENT_MODES);
const Duration = Type.Integer({ minimum: MIN_APPOINTMENT_MINUTES, maximum: MAX_APPOINTMENT_MINUTES });

export const Appointment = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  person: Ref,
  counsellor: Ref,
  office: Ref,
  startsAt: Type.String(),
  endsAt: Type.String(),
  durationMinutes: Type.Integer(),
  mode: Known(APPOINTMENT_MODES),
  status: Known(APPOINTMENT_STATUSES, { description: 'scheduled, attended, no-show or cancelled' }),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Appointment = Static<typeof Appointment>;

const Notification = Type.Object(
  {
    channel: Type.Union([Type.Literal('sms'), Type.Literal('email'), Type.Null()]),
    locale: Type.String(),
    queued: Type.Integer(),
    reminders: Type.Array(Type.String()),
  },
  {
    description:
      'How the person is told. channel null: the person has neither a phone nor an e-mail address, nothing was queued.',
  },
);

export const AppointmentResult = Type.Object({ appointment: Appointment, notification: Nullable(Notification) });
export type AppointmentResult = Static<typeof AppointmentResult>;

const AppointmentParams = Type.Object({ id: Uuid });
const Note = Type.String({ maxLength: 2000, text: 'multiline' });

export const getCalendar = defineOp({
  method: 'GET',
  path: '/appointments',
  tags: appointmentTags,
  summary: 'A counsellor’s calendar (default: mine, this week), in the offices I may see',
  description: `from and to are Türkiye calendar dates; at most ${MAX_CALENDAR_DAYS} days.`,
  access: 'cases:read',
  query: Type.Object({
    counsellorId: Type.Optional(Uuid),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    includeCancelled: Type.Optional(Type.Boolean()),
  }),
  response: Type.Object({
    counsellorId: Type.String(),
    from: Type.String(),
    to: Type.String(),
    items: Type.Array(Appointment),
  }),
});

export const todaysAppointments = defineOp({
  method: 'GET',
  path: '/appointments/today',
  tags: appointmentTags,
  summary: 'My appointments today (for the counsellor’s home page)',
  access: 'cases:read',
  response: Type.Object({ date: Type.String(), items: Type.Array(Appointment) }),
});

export const getAppointment = defineOp({
  method: 'GET',
  path: '/appointments/:id',
  tags: appointmentTags,
  summary: 'One appointment',
  access: 'cases:read',
  params: AppointmentParams,
  response: Appointment,
});

export const listAppointmentsOfPerson = defineOp({
  method: 'GET',
  path: '/persons/:id/appointments',
  tags: appointmentTags,
  summary: 'A person’s appointments, newest first',
  access: 'cases:read',
  params: IdParams,
  response: Type.Object({ items: Type.Array(Appointment) }),
});

export const scheduleAppointment = defineOp({
  method: 'POST',
  path: '/persons/:id/appointments',
  tags: appointmentTags,
  summary: 'Schedule an appointment for the person’s open case; queues the invitation and reminders',
  description:
    'With the case’s counsellor unless another counsellor of the same office is named. The start must be ' +
    'in the future, on a working day, 08:00–19:00 Türkiye time (13:00 on a half-day eve). A counsellor ' +
    'who is already booked at that time: 409 errors.appointments.counsellorBusy. Reminders go out 2 days ' +
    'and 2 hours before, by SMS when the person has a phone, else by e-mail.',
  access: 'cases:write',
  params: IdParams,
  body: Type.Object(
    {
      counsellorId: Type.Optional(Nullable(Uuid)),
      startsAt: IsoDateTime,
      durationMinutes: Type.Optional(Duration),
      mode: Type.Optional(Mode),
      note: Type.Optional(Nullable(Note)),
    },
    { additionalProperties: false },
  ),
  response: AppointmentResult,
  status: 201,
});

export const rescheduleAppointment = defineOp({
  method: 'PATCH',
  path: '/appointments/:id',
  tags: appointmentTags,
  summary: 'Reschedule an appointment (moves its reminders and tells the person) or change its note',
  access: 'cases:write',
  params: AppointmentParams,
  body: Type.Object(
    {
      counsellorId: Type.Optional(Uuid),
      startsAt: Type.Optional(IsoDateTime),
      durationMinutes: Type.Optional(Duration),
      mode: Type.Optional(Mode),
      note: Type.Optional(Nullable(Note)),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  response: AppointmentResult,
});

export const cancelAppointment = defineOp({
  method: 'POST',
  path: '/appointments/:id/cancel',
  tags: appointmentTags,
  summary: 'Cancel a future appointment: cancels its queued reminders and tells the person',
  access: 'cases:write',
  params: AppointmentParams,
  body: Type.Object({ reason: Literals(CANCEL_REASONS) }, { additionalProperties: false }),
  response: AppointmentResult,
});

export const recordAttendance = defineOp({
  method: 'POST',
  path: '/appointments/:id/attendance',
  tags: appointmentTags,
  summary: 'Record whether the person came (only once the appointment has started)',
  access: 'cases:write',
  params: AppointmentParams,
  body: Type.Object({ status: Literals(['attended', 'no-show']) }, { additionalProperties: false }),
  response: Appointment,
});
