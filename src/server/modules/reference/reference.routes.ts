import { Type } from 'typebox';
import type { App } from '../../http.ts';
import { errorResponses, IdParams } from '../../lib/schemas.ts';
import * as reference from './reference.service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** A calendar date in the years reference data can sensibly have (catches typos such as 0226). */
const CalendarDate = Type.String({ format: 'date', pattern: '^(19|20|21)\\d{2}-' });
const Year = Type.Integer({ minimum: 1900, maximum: 2199 });
/** TL with at most two decimals (checked in the service); the column is numeric(12,2). */
const Amount = Type.Number({ minimum: 0.01, maximum: 9_999_999_999.99 });
const HolidayName = Type.String({ minLength: 1, maxLength: 200 });
const HolidayKind = Type.Union([Type.Literal('fixed'), Type.Literal('religious')]);

const Holiday = Type.Object({
  id: Type.String(),
  date: Type.String(),
  kind: HolidayKind,
  halfDay: Type.Boolean(),
  nameTr: Type.String(),
  nameEn: Type.String(),
  nameAr: Type.String(),
  provisional: Type.Boolean({ description: 'Computed from the astronomical Hijri calendar, not yet confirmed' }),
});
const HolidayBody = {
  date: CalendarDate,
  kind: HolidayKind,
  halfDay: Type.Boolean({ description: 'A half-day eve (arife): still a working day for deadlines' }),
  nameTr: HolidayName,
  nameEn: HolidayName,
  nameAr: HolidayName,
};

const MinimumWage = Type.Object({
  id: Type.String(),
  effectiveFrom: Type.String(),
  grossMonthly: Type.Number(),
  netMonthly: Type.Number(),
  note: Nullable(Type.String()),
});
const MinimumWageBody = {
  effectiveFrom: CalendarDate,
  grossMonthly: Amount,
  netMonthly: Amount,
  note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
};

export async function referenceRoutes(app: App): Promise<void> {
  // ---- public holidays ----
  app.get(
    '/reference/holidays',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['reference'],
        summary: 'Public holidays (one year or all, by date), with the coming years that lack religious holidays',
        querystring: Type.Object({ year: Type.Optional(Year) }),
        response: {
          200: Type.Object({
            items: Type.Array(Holiday),
            years: Type.Array(Type.Integer(), { description: 'Years that have any holiday' }),
            missingReligiousYears: Type.Array(Type.Integer(), {
              description: 'This year through two years ahead, where no religious holiday is entered yet',
            }),
            confirmedThrough: Nullable(
              Type.String({ description: 'Last day through which the religious holidays are confirmed' }),
            ),
            provisionalYears: Type.Array(Type.Integer(), {
              description: 'Years whose religious holidays are computed, not yet confirmed',
            }),
            calendarWarning: Type.Boolean({
              description: 'True from 6 months before the confirmed calendar runs out (admins are warned)',
            }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => reference.listHolidays(request.ctx, request.query.year),
  );

  app.post(
    '/reference/holidays',
    {
      config: { access: 'platform:reference' },
      schema: {
        tags: ['reference'],
        summary: 'Add a public holiday (one per date)',
        body: Type.Object(HolidayBody, { additionalProperties: false }),
        response: { 201: Holiday, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await reference.createHoliday(request.ctx, request.body)),
  );

  app.patch(
    '/reference/holidays/:id',
    {
      config: { access: 'platform:reference' },
      schema: {
        tags: ['reference'],
        summary: 'Change a public holiday',
        params: IdParams,
        body: Type.Partial(Type.Object(HolidayBody), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Holiday, ...errorResponses },
      },
    },
    async (request) => reference.updateHoliday(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/reference/holidays/:id',
    {
      config: { access: 'platform:reference' },
      schema: {
        tags: ['reference'],
        summary: 'Remove a public holiday',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await reference.deleteHoliday(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/reference/holidays/confirm-year',
    {
      config: { access: 'platform:reference' },
      schema: {
        tags: ['reference'],
        summary: "Confirm a year's provisional religious holidays against the Presidency of Religious Affairs' dates",
        body: Type.Object({ year: Year }, { additionalProperties: false }),
        response: { 200: Type.Object({ confirmed: Type.Integer() }), ...errorResponses },
      },
    },
    async (request) => reference.confirmHolidayYear(request.ctx, request.body.year),
  );

  app.get(
    '/reference/changes',
    {
      config: { access: ['audit:read', 'platform:reference'] },
      schema: {
        tags: ['reference'],
        summary:
          'Change log of platform reference data (holidays, minimum wages, decent-work limits), for every ' +
          "organisation's admins",
        querystring: Type.Object({
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.Integer(),
                at: Type.String(),
                actorName: Type.String(),
                actorOrganisation: Nullable(Type.String()),
                dataset: Type.String(),
                action: Type.String(),
                subject: Type.String(),
                before: Nullable(Type.Record(Type.String(), Type.Unknown())),
                after: Nullable(Type.Record(Type.String(), Type.Unknown())),
              }),
            ),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const r = await reference.listReferenceChanges(request.ctx, page, pageSize);
      return { ...r, page, pageSize };
    },
  );

  // ---- working days ----
  app.get(
    '/reference/working-days',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['reference'],
        summary:
          'The date a number of working days after a date (that date excluded): weekends and full holidays ' +
          'are skipped, half-day eves count',
        querystring: Type.Object({ from: CalendarDate, days: Type.Integer({ minimum: 0, maximum: 1000 }) }),
        response: {
          200: Type.Object({ from: Type.String(), days: Type.Integer(), date: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { from, days } = request.query;
      return { from, days, date: await reference.addWorkingDaysFrom(request.ctx, from, days) };
    },
  );

  // ---- minimum wages ----
  app.get(
    '/reference/minimum-wages',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['reference'],
        summary: 'Monthly minimum wage (gross and net, TL) by effective date, newest first',
        response: { 200: Type.Object({ items: Type.Array(MinimumWage) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await reference.listMinimumWages(request.ctx) }),
  );

  app.get(
    '/reference/minimum-wages/on',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['reference'],
        summary: 'The minimum wage in force on a date (404 before the first entry)',
        querystring: Type.Object({ date: CalendarDate }),
        response: { 200: MinimumWage, ...errorResponses },
      },
    },
    async (request) => reference.getMinimumWageOn(request.ctx, request.query.date),
  );

  app.post(
    '/reference/minimum-wages',
    {
      config: { access: 'platform:reference' },
      schema: {
        tags: ['reference'],
        summary: 'Add a minimum wage from an effective date (net may not exceed gross)',
        body: Type.Object(MinimumWageBody, { additionalProperties: false }),
        response: { 201: MinimumWage, ...errorResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await reference.createMinimumWage(request.ctx, request.body)),
  );

  app.patch(
    '/reference/minimum-wages/:id',
    {
      config: { access: 'platform:reference' },
      schema: {
        tags: ['reference'],
        summary: 'Correct a minimum wage entry',
        params: IdParams,
        body: Type.Partial(Type.Object(MinimumWageBody), { additionalProperties: false, minProperties: 1 }),
        response: { 200: MinimumWage, ...errorResponses },
      },
    },
    async (request) => reference.updateMinimumWage(request.ctx, request.params.id, request.body),
  );

  app.delete(
    '/reference/minimum-wages/:id',
    {
      config: { access: 'platform:reference' },
      schema: {
        tags: ['reference'],
        summary: 'Remove a minimum wage entry',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await reference.deleteMinimumWage(request.ctx, request.params.id);
      return reply.code(204).send(null);
    },
  );
}
