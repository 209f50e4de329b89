/**
 * The reference module's API: public holidays, working days, minimum wages and the change log of
 * platform reference data (docs/REFERENCE-DATA.md).
 */
import { Type, type Static } from 'typebox';
import { defineOp } from './op.ts';
import { IdParams, Known, Literals, Nullable } from './schema.ts';

export const HOLIDAY_KINDS = ['fixed', 'religious'] as const;
export type HolidayKind = (typeof HOLIDAY_KINDS)[number];
export const REFERENCE_DATASETS = ['holidays', 'minimum-wages', 'decent-work-limits', 'taxonomy'] as const;
export type ReferenceDataset = (typeof REFERENCE_DATASETS)[number];
export const REFERENCE_CHANGE_ACTIONS = ['created', 'updated', 'deleted', 'confirmed'] as const;
export type ReferenceChangeAction = (typeof REFERENCE_CHANGE_ACTIONS)[number];

/** A calendar date in the years reference data can sensibly have (catches typos such as 0226). */
const CalendarDate = Type.String({ format: 'date', pattern: '^(19|20|21)\\d{2}-' });
const Year = Type.Integer({ minimum: 1900, maximum: 2199 });
/** TL with at most two decimals (checked in the service); the column is numeric(12,2). */
const Amount = Type.Number({ minimum: 0.01, maximum: 9_999_999_999.99 });
const HolidayName = Type.String({ minLength: 1, maxLength: 200 });
const tags = ['reference'] as const;

export const Holiday = Type.Object({
  id: Type.String(),
  date: Type.String(),
  kind: Known(HOLIDAY_KINDS),
  halfDay: Type.Boolean(),
  nameTr: Type.String(),
  nameEn: Type.String(),
  nameAr: Type.String(),
  provisional: Type.Boolean({ description: 'Computed from the astronomical Hijri calendar, not yet confirmed' }),
});
export type Holiday = Static<typeof Holiday>;

const holidayFields = {
  date: CalendarDate,
  kind: Literals(HOLIDAY_KINDS),
  halfDay: Type.Boolean({ description: 'A half-day eve (arife): still a working day for deadlines' }),
  nameTr: HolidayName,
  nameEn: HolidayName,
  nameAr: HolidayName,
};
export const HolidayInput = Type.Object(holidayFields, { additionalProperties: false });
export type HolidayInput = Static<typeof HolidayInput>;
export const HolidayPatch = Type.Partial(Type.Object(holidayFields), { additionalProperties: false, minProperties: 1 });
export type HolidayPatch = Static<typeof HolidayPatch>;

export const HolidayList = Type.Object({
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
});
export type HolidayList = Static<typeof HolidayList>;

export const MinimumWage = Type.Object({
  id: Type.String(),
  effectiveFrom: Type.String(),
  grossMonthly: Type.Number(),
  netMonthly: Type.Number(),
  note: Nullable(Type.String()),
});
export type MinimumWage = Static<typeof MinimumWage>;

const wageFields = {
  effectiveFrom: CalendarDate,
  grossMonthly: Amount,
  netMonthly: Amount,
  note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
};
export const MinimumWageInput = Type.Object(wageFields, { additionalProperties: false });
export type MinimumWageInput = Static<typeof MinimumWageInput>;
export const MinimumWagePatch = Type.Partial(Type.Object(wageFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type MinimumWagePatch = Static<typeof MinimumWagePatch>;

export const ReferenceChange = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorName: Type.String(),
  actorOrganisation: Nullable(Type.String()),
  dataset: Known(REFERENCE_DATASETS),
  action: Known(REFERENCE_CHANGE_ACTIONS),
  subject: Type.String(),
  before: Nullable(Type.Record(Type.String(), Type.Unknown())),
  after: Nullable(Type.Record(Type.String(), Type.Unknown())),
});
export type ReferenceChange = Static<typeof ReferenceChange>;

// ---- operations ------------------------------------------------------------------------------------

export const listHolidays = defineOp({
  method: 'GET',
  path: '/reference/holidays',
  tags,
  summary: 'Public holidays (one year or all, by date), with the coming years that lack religious holidays',
  access: 'signed-in',
  query: Type.Object({ year: Type.Optional(Year) }),
  response: HolidayList,
});

export const createHoliday = defineOp({
  method: 'POST',
  path: '/reference/holidays',
  tags,
  summary: 'Add a public holiday (one per date)',
  access: 'platform:reference',
  body: HolidayInput,
  response: Holiday,
  status: 201,
});

export const updateHoliday = defineOp({
  method: 'PATCH',
  path: '/reference/holidays/:id',
  tags,
  summary: 'Change a public holiday',
  access: 'platform:reference',
  params: IdParams,
  body: HolidayPatch,
  response: Holiday,
});

export const deleteHoliday = defineOp({
  method: 'DELETE',
  path: '/reference/holidays/:id',
  tags,
  summary: 'Remove a public holiday',
  access: 'platform:reference',
  params: IdParams,
  response: Type.Null(),
  status: 204,
});

export const confirmHolidayYear = defineOp({
  method: 'POST',
  path: '/reference/holidays/confirm-year',
  tags,
  summary: "Confirm a year's provisional religious holidays against the Presidency of Religious Affairs' dates",
  access: 'platform:reference',
  body: Type.Object({ year: Year }, { additionalProperties: false }),
  response: Type.Object({ confirmed: Type.Integer() }),
});

export const listReferenceChanges = defineOp({
  method: 'GET',
  path: '/reference/changes',
  tags,
  summary:
    'Change log of platform reference data (holidays, minimum wages, decent-work limits), for every ' +
    "organisation's admins",
  access: ['audit:read', 'platform:reference'],
  query: Type.Object({
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Type.Object({
    items: Type.Array(ReferenceChange),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  }),
});

export const addWorkingDays = defineOp({
  method: 'GET',
  path: '/reference/working-days',
  tags,
  summary:
    'The date a number of working days after a date (that date excluded): weekends and full holidays ' +
    'are skipped, half-day eves count',
  access: 'signed-in',
  query: Type.Object({ from: CalendarDate, days: Type.Integer({ minimum: 0, maximum: 1000 }) }),
  response: Type.Object({ from: Type.String(), days: Type.Integer(), date: Type.String() }),
});

export const listMinimumWages = defineOp({
  method: 'GET',
  path: '/reference/minimum-wages',
  tags,
  summary: 'Monthly minimum wage (gross and net, TL) by effective date, newest first',
  access: 'signed-in',
  response: Type.Object({ items: Type.Array(MinimumWage) }),
});

export const minimumWageOn = defineOp({
  method: 'GET',
  path: '/reference/minimum-wages/on',
  tags,
  summary: 'The minimum wage in force on a date (404 before the first entry)',
  access: 'signed-in',
  query: Type.Object({ date: CalendarDate }),
  response: MinimumWage,
});

export const createMinimumWage = defineOp({
  method: 'POST',
  path: '/reference/minimum-wages',
  tags,
  summary: 'Add a minimum wage from an effective date (net may not exceed gross)',
  access: 'platform:reference',
  body: MinimumWageInput,
  response: MinimumWage,
  status: 201,
});

export const updateMinimumWage = defineOp({
  method: 'PATCH',
  path: '/reference/minimum-wages/:id',
  tags,
  summary: 'Correct a minimum wage entry',
  access: 'platform:reference',
  params: IdParams,
  body: MinimumWagePatch,
  response: MinimumWage,
});

export const deleteMinimumWage = defineOp({
  method: 'DELETE',
  path: '/reference/minimum-wages/:id',
  tags,
  summary: 'Remove a minimum wage entry',
  access: 'platform:reference',
  params: IdParams,
  response: Type.Null(),
  status: 204,
});
