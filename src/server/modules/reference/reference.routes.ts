import type { App } from '../../http.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/reference.ts';
import * as reference from './reference.service.ts';

/** The reference module's operations (declared in src/common/contracts/reference.ts). */
export async function referenceRoutes(app: App): Promise<void> {
  // ---- public holidays ----
  route(app, op.listHolidays, ({ ctx, query }) => reference.listHolidays(ctx, query.year));
  route(app, op.createHoliday, ({ ctx, body }) => reference.createHoliday(ctx, body));
  route(app, op.updateHoliday, ({ ctx, params, body }) => reference.updateHoliday(ctx, params.id, body));
  route(app, op.deleteHoliday, ({ ctx, params }) => reference.deleteHoliday(ctx, params.id));
  route(app, op.confirmHolidayYear, ({ ctx, body }) => reference.confirmHolidayYear(ctx, body.year));
  route(app, op.listReferenceChanges, async ({ ctx, query: { page, pageSize } }) => ({
    ...(await reference.listReferenceChanges(ctx, page, pageSize)),
    page,
    pageSize,
  }));

  // ---- working days ----
  route(app, op.addWorkingDays, async ({ ctx, query: { from, days } }) => ({
    from,
    days,
    date: await reference.addWorkingDaysFrom(ctx, from, days),
  }));

  // ---- minimum wages ----
  route(app, op.listMinimumWages, async ({ ctx }) => ({ items: await reference.listMinimumWages(ctx) }));
  route(app, op.minimumWageOn, ({ ctx, query }) => reference.getMinimumWageOn(ctx, query.date));
  route(app, op.createMinimumWage, ({ ctx, body }) => reference.createMinimumWage(ctx, body));
  route(app, op.updateMinimumWage, ({ ctx, params, body }) => reference.updateMinimumWage(ctx, params.id, body));
  route(app, op.deleteMinimumWage, ({ ctx, params }) => reference.deleteMinimumWage(ctx, params.id));
}
