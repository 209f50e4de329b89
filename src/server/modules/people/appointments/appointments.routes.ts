import type { App } from '../../../http.ts';
import { route } from '../../../lib/route.ts';
import * as op from '../../../../common/contracts/cases.ts';
import * as service from './appointments.service.ts';

/** Appointments (declared in src/common/contracts/cases.ts). */
export async function appointmentRoutes(app: App): Promise<void> {
  route(app, op.getCalendar, ({ ctx, query }) => service.calendar(ctx, query));
  route(app, op.todaysAppointments, ({ ctx }) => service.today(ctx));
  route(app, op.getAppointment, ({ ctx, params }) => service.getAppointment(ctx, params.id));
  route(app, op.listAppointmentsOfPerson, async ({ ctx, params }) => ({
    items: await service.listOfPerson(ctx, params.id),
  }));
  route(app, op.scheduleAppointment, async ({ ctx, params, body }) => {
    const { id, notification } = await service.schedule(ctx, params.id, body);
    return { appointment: await service.getAppointment(ctx, id), notification };
  });
  route(app, op.rescheduleAppointment, async ({ ctx, params, body }) => {
    const { notification } = await service.reschedule(ctx, params.id, body);
    return { appointment: await service.getAppointment(ctx, params.id), notification };
  });
  route(app, op.cancelAppointment, async ({ ctx, params, body }) => {
    const { notification } = await service.cancel(ctx, params.id, body.reason);
    return { appointment: await service.getAppointment(ctx, params.id), notification };
  });
  route(app, op.recordAttendance, async ({ ctx, params, body }) => {
    await service.recordAttendance(ctx, params.id, body.status);
    return service.getAppointment(ctx, params.id);
  });
}
