import { Type, type TSchema } from 'typebox';
import type { App } from '../../../http.ts';
import { errorResponses, IdParams, IsoDate, IsoDateTime, Uuid } from '../../../lib/schemas.ts';
import * as service from './appointments.service.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Ref = Type.Object({ id: Type.String(), name: Type.String() });
const Mode = Literals(['in-person', 'phone', 'video']);
const Duration = Type.Integer({ minimum: service.MIN_DURATION, maximum: service.MAX_DURATION });

const Appointment = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  person: Ref,
  counsellor: Ref,
  office: Ref,
  startsAt: Type.String(),
  endsAt: Type.String(),
  durationMinutes: Type.Integer(),
  mode: Type.String(),
  status: Type.String({ description: 'scheduled, attended, no-show or cancelled' }),
  note: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

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

const AppointmentWithNotification = Type.Object({
  appointment: Appointment,
  notification: Nullable(Notification),
});

const AppointmentParams = Type.Object({ id: Uuid });

export async function appointmentRoutes(app: App): Promise<void> {
  const tags = ['appointments'];

  app.get(
    '/appointments',
    {
      config: { access: 'cases:read' },
      schema: {
        tags,
        summary: 'A counsellor’s calendar (default: mine, this week), in the offices I may see',
        description: `from and to are Türkiye calendar dates; at most ${service.MAX_RANGE_DAYS} days.`,
        querystring: Type.Object({
          counsellorId: Type.Optional(Uuid),
          from: Type.Optional(IsoDate),
          to: Type.Optional(IsoDate),
          includeCancelled: Type.Optional(Type.Boolean()),
        }),
        response: {
          200: Type.Object({
            counsellorId: Type.String(),
            from: Type.String(),
            to: Type.String(),
            items: Type.Array(Appointment),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => service.calendar(request.ctx, request.query),
  );

  app.get(
    '/appointments/today',
    {
      config: { access: 'cases:read' },
      schema: {
        tags,
        summary: 'My appointments today (for the counsellor’s home page)',
        response: { 200: Type.Object({ date: Type.String(), items: Type.Array(Appointment) }), ...errorResponses },
      },
    },
    async (request) => service.today(request.ctx),
  );

  app.get(
    '/appointments/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags,
        summary: 'One appointment',
        params: AppointmentParams,
        response: { 200: Appointment, ...errorResponses },
      },
    },
    async (request) => service.getAppointment(request.ctx, request.params.id),
  );

  app.get(
    '/persons/:id/appointments',
    {
      config: { access: 'cases:read' },
      schema: {
        tags,
        summary: 'A person’s appointments, newest first',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Appointment) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await service.listOfPerson(request.ctx, request.params.id) }),
  );

  app.post(
    '/persons/:id/appointments',
    {
      config: { access: 'cases:write' },
      schema: {
        tags,
        summary: 'Schedule an appointment for the person’s open case; queues the invitation and reminders',
        description:
          'With the case’s counsellor unless another counsellor of the same office is named. The start must be ' +
          'in the future, on a working day, 08:00–19:00 Türkiye time (13:00 on a half-day eve). A counsellor ' +
          'who is already booked at that time: 409 errors.appointments.counsellorBusy. Reminders go out 2 days ' +
          'and 2 hours before, by SMS when the person has a phone, else by e-mail.',
        params: IdParams,
        body: Type.Object(
          {
            counsellorId: Type.Optional(Nullable(Uuid)),
            startsAt: IsoDateTime,
            durationMinutes: Type.Optional(Duration),
            mode: Type.Optional(Mode),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: AppointmentWithNotification, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { id, notification } = await service.schedule(request.ctx, request.params.id, request.body);
      return reply.code(201).send({ appointment: await service.getAppointment(request.ctx, id), notification });
    },
  );

  app.patch(
    '/appointments/:id',
    {
      config: { access: 'cases:write' },
      schema: {
        tags,
        summary: 'Reschedule an appointment (moves its reminders and tells the person) or change its note',
        params: AppointmentParams,
        body: Type.Object(
          {
            counsellorId: Type.Optional(Uuid),
            startsAt: Type.Optional(IsoDateTime),
            durationMinutes: Type.Optional(Duration),
            mode: Type.Optional(Mode),
            note: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: { 200: AppointmentWithNotification, ...errorResponses },
      },
    },
    async (request) => {
      const { notification } = await service.reschedule(request.ctx, request.params.id, request.body);
      return { appointment: await service.getAppointment(request.ctx, request.params.id), notification };
    },
  );

  app.post(
    '/appointments/:id/cancel',
    {
      config: { access: 'cases:write' },
      schema: {
        tags,
        summary: 'Cancel a future appointment: cancels its queued reminders and tells the person',
        params: AppointmentParams,
        body: Type.Object({ reason: Literals(service.CANCEL_REASONS) }, { additionalProperties: false }),
        response: { 200: AppointmentWithNotification, ...errorResponses },
      },
    },
    async (request) => {
      const { notification } = await service.cancel(request.ctx, request.params.id, request.body.reason);
      return { appointment: await service.getAppointment(request.ctx, request.params.id), notification };
    },
  );

  app.post(
    '/appointments/:id/attendance',
    {
      config: { access: 'cases:write' },
      schema: {
        tags,
        summary: 'Record whether the person came (only once the appointment has started)',
        params: AppointmentParams,
        body: Type.Object({ status: Literals(['attended', 'no-show']) }, { additionalProperties: false }),
        response: { 200: Appointment, ...errorResponses },
      },
    },
    async (request) => {
      await service.recordAttendance(request.ctx, request.params.id, request.body.status);
      return service.getAppointment(request.ctx, request.params.id);
    },
  );
}
