import { and, asc, count, desc, eq, gt, gte, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { minimumWages, organisations, publicHolidays, referenceChanges } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { uniqueAs } from '../../lib/db-errors.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import { problems, type FieldError } from '../../lib/errors.ts';
import { addWorkingDays, turkishDate, type HolidayCalendar } from '../../../common/working-days.ts';
import { calendarDate } from '../../../common/message-format.ts';
import type { HolidayInput, HolidayKind, MinimumWageInput } from '../../../common/contracts/reference.ts';

/**
 * Reference data that changes over time (RULES.md): the public holiday calendar used for working-day
 * deadlines, and the national minimum wage by effective date. Both are platform data, one for every
 * organisation: only the platform administrator (`platform:reference`) changes them, within checked
 * ranges, and every change goes to the audit log (the editor's organisation) and to the reference change
 * log that every organisation's admins read.
 */

type HolidayRow = typeof publicHolidays.$inferSelect;
type WageRow = typeof minimumWages.$inferSelect;

/** How many years ahead, after the current one, the calendar screen expects religious holidays. */
const RELIGIOUS_LOOKAHEAD_YEARS = 2;

/** Runs a write; a unique violation that slipped past the check (two admins at once) becomes a 409. */
const dateTaken = <T>(pointer: string, write: () => Promise<T>): Promise<T> =>
  uniqueAs(() => problems.conflict('errors.reference.dateTaken', pointer), write);

function requiredText(value: string, pointer: string, errors: FieldError[]): string {
  const trimmed = value.trim();
  if (!trimmed) errors.push({ pointer, code: 'errors.validation.required' });
  return trimmed;
}

// ---- the change log ---------------------------------------------------------------------------------

export interface ReferenceChange {
  dataset: (typeof referenceChanges.$inferInsert)['dataset'];
  action: (typeof referenceChanges.$inferInsert)['action'];
  subject: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Writes one change of platform reference data to the log, in the caller's transaction. */
export async function recordReferenceChange(ctx: Ctx, change: ReferenceChange): Promise<void> {
  const actor = actorOf(ctx);
  const [org] = await ctx.db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, actor.organisationId));
  await ctx.db.insert(referenceChanges).values({
    at: ctx.clock.now(),
    actorUserId: actor.userId,
    actorName: actor.fullName,
    actorOrganisation: org?.name ?? null,
    dataset: change.dataset,
    action: change.action,
    subject: change.subject,
    before: change.before ?? null,
    after: change.after ?? null,
  });
}

/** The change log, newest first, for every organisation's admins. */
export async function listReferenceChanges(ctx: Ctx, page: number, pageSize: number) {
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(referenceChanges)
      .orderBy(desc(referenceChanges.at), desc(referenceChanges.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    ctx.db.select({ n: count() }).from(referenceChanges),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actorName: r.actorName,
      actorOrganisation: r.actorOrganisation,
      dataset: r.dataset,
      action: r.action,
      subject: r.subject,
      before: r.before,
      after: r.after,
    })),
    total: total?.n ?? 0,
  };
}

/** The public values of a row for the change log (ids and timestamps left out). */
function logged<T extends object>(row: T, keys: readonly (keyof T)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

/** What each dated dataset names in the audit log, and the field that holds its date. */
const DATASETS = {
  holidays: { subjectType: 'holiday', pointer: '/date' },
  'minimum-wages': { subjectType: 'minimum-wage', pointer: '/effectiveFrom' },
} as const;
type Dataset = keyof typeof DATASETS;

/**
 * One change of a dated dataset, in the caller's transaction: the audit event (field names only) and the
 * change-log entry (the listed fields' values before and after) that every organisation's admins read.
 */
async function logChange<T extends { id: string }>(
  tx: Db,
  ctx: Ctx,
  dataset: Dataset,
  change: {
    action: 'created' | 'updated' | 'deleted';
    subject: string;
    fields: readonly Extract<keyof T, string>[];
    /** The audit event's field names when they differ from the logged ones. */
    audited?: readonly string[];
    before?: T;
    after?: T;
  },
): Promise<void> {
  const { subjectType } = DATASETS[dataset];
  const row = (change.after ?? change.before)!;
  await audit(tx, ctx, {
    action: `${subjectType}.${change.action}`,
    subjectType,
    subjectId: row.id,
    fields: [...(change.audited ?? change.fields)],
  });
  await recordReferenceChange(
    { ...ctx, db: tx },
    {
      dataset,
      action: change.action,
      subject: change.subject,
      ...(change.before ? { before: logged(change.before, change.fields) } : {}),
      ...(change.after ? { after: logged(change.after, change.fields) } : {}),
    },
  );
}

/** 409 at the dataset's date field when another row (not `exceptId`) already holds that date. */
async function assertDateFree(
  tx: Db,
  dataset: Dataset,
  table: typeof publicHolidays | typeof minimumWages,
  dateColumn: typeof publicHolidays.date | typeof minimumWages.effectiveFrom,
  date: string,
  exceptId?: string,
): Promise<void> {
  const condition = exceptId ? and(eq(dateColumn, date), ne(table.id, exceptId)) : eq(dateColumn, date);
  const [taken] = await tx.select({ id: table.id }).from(table).where(condition);
  if (taken) throw problems.conflict('errors.reference.dateTaken', DATASETS[dataset].pointer);
}

// ---- holidays ---------------------------------------------------------------------------------------

export type { HolidayInput, HolidayKind, MinimumWageInput };

function presentHoliday(h: HolidayRow) {
  return {
    id: h.id,
    date: h.date,
    kind: h.kind,
    halfDay: h.halfDay,
    nameTr: h.nameTr,
    nameEn: h.nameEn,
    nameAr: h.nameAr,
    provisional: h.provisional,
  };
}
export type HolidayView = ReturnType<typeof presentHoliday>;

const HOLIDAY_FIELDS = ['date', 'kind', 'halfDay', 'nameTr', 'nameEn', 'nameAr'] as const;

/** Trims and checks the fields present in an input; throws one 422 naming every bad field. */
function cleanHoliday<T extends Partial<HolidayInput>>(input: T): T {
  const errors: FieldError[] = [];
  const out = { ...input };
  for (const key of ['nameTr', 'nameEn', 'nameAr'] as const) {
    const value = input[key];
    if (value !== undefined) out[key] = requiredText(value, `/${key}`, errors);
  }
  if (errors.length > 0) throw problems.invalidMany(errors);
  return out;
}

function yearRange(year: number) {
  return and(gte(publicHolidays.date, `${year}-01-01`), lte(publicHolidays.date, `${year}-12-31`));
}

const yearOf = sql<number>`cast(extract(year from ${publicHolidays.date}) as integer)`;

/**
 * Holidays (one year, or all), the years that have any, and the years from this one through two
 * ahead that have no religious holidays yet, so that the calendar screen can ask an admin to add them.
 */
export async function listHolidays(ctx: Ctx, year?: number) {
  const thisYear = Number(turkishDate(ctx.clock.now()).slice(0, 4));
  const lastYear = thisYear + RELIGIOUS_LOOKAHEAD_YEARS;
  const [rows, years, religious] = await Promise.all([
    ctx.db
      .select()
      .from(publicHolidays)
      .where(year === undefined ? undefined : yearRange(year))
      .orderBy(asc(publicHolidays.date)),
    ctx.db.selectDistinct({ year: yearOf }).from(publicHolidays).orderBy(yearOf),
    ctx.db
      .selectDistinct({ year: yearOf })
      .from(publicHolidays)
      .where(
        and(
          eq(publicHolidays.kind, 'religious'),
          gte(publicHolidays.date, `${thisYear}-01-01`),
          lte(publicHolidays.date, `${lastYear}-12-31`),
        ),
      ),
  ]);
  const covered = new Set(religious.map((r) => Number(r.year)));
  const missingReligiousYears: number[] = [];
  for (let y = thisYear; y <= lastYear; y++) if (!covered.has(y)) missingReligiousYears.push(y);
  return {
    items: rows.map(presentHoliday),
    years: years.map((r) => Number(r.year)),
    missingReligiousYears,
    ...(await calendarStatus(ctx)),
  };
}

/** How long before the confirmed calendar runs out admins are warned. */
export const CALENDAR_WARNING_MONTHS = 6;

/**
 * Through which date the religious holidays are confirmed (the last day of the last year whose religious
 * holidays are all confirmed, counting on from the first such year without a gap), the provisional years,
 * and whether admins should be warned now: from 6 months before that date.
 */
export async function calendarStatus(ctx: Pick<Ctx, 'db' | 'clock'>) {
  const today = turkishDate(ctx.clock.now());
  const rows = await ctx.db
    .select({ year: yearOf, provisional: publicHolidays.provisional })
    .from(publicHolidays)
    .where(eq(publicHolidays.kind, 'religious'));
  const years = new Map<number, boolean>();
  for (const r of rows) {
    const y = Number(r.year);
    years.set(y, (years.get(y) ?? false) || r.provisional);
  }
  const provisionalYears = [...years]
    .filter(([, p]) => p)
    .map(([y]) => y)
    .sort((a, b) => a - b);
  let confirmedYear: number | null = null;
  const thisYear = Number(today.slice(0, 4));
  for (let y = thisYear; years.has(y) && !years.get(y); y++) confirmedYear = y;
  const confirmedThrough = confirmedYear === null ? null : `${confirmedYear}-12-31`;
  const warnFrom =
    confirmedYear === null ? null : `${confirmedYear}-${String(13 - CALENDAR_WARNING_MONTHS).padStart(2, '0')}-01`;
  return {
    confirmedThrough,
    provisionalYears,
    calendarWarning: confirmedThrough === null || (warnFrom !== null && today >= warnFrom),
  };
}

/** The platform administrator confirms a year's religious holidays against Diyanet's published dates. */
export async function confirmHolidayYear(ctx: Ctx, year: number): Promise<{ confirmed: number }> {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const rows = await tx
      .update(publicHolidays)
      .set({ provisional: false, updatedAt: ctx.clock.now() })
      .where(and(yearRange(year), eq(publicHolidays.kind, 'religious'), eq(publicHolidays.provisional, true)))
      .returning({ id: publicHolidays.id, date: publicHolidays.date });
    if (rows.length === 0) throw problems.conflict('errors.reference.nothingToConfirm', '/year');
    await audit(tx, c, {
      action: 'holiday.year-confirmed',
      subjectType: 'holiday',
      subjectId: String(year),
      fields: ['provisional'],
    });
    await recordReferenceChange(c, {
      dataset: 'holidays',
      action: 'confirmed',
      subject: String(year),
      after: { dates: rows.map((r) => r.date).sort() },
    });
    return { confirmed: rows.length };
  });
}

export async function createHoliday(ctx: Ctx, input: HolidayInput): Promise<HolidayView> {
  const values = cleanHoliday(input);
  return dateTaken('/date', () =>
    ctx.db.transaction(async (tx) => {
      await assertDateFree(tx, 'holidays', publicHolidays, publicHolidays.date, values.date);
      const now = ctx.clock.now();
      const [row] = await tx
        .insert(publicHolidays)
        .values({ ...pick(values, HOLIDAY_FIELDS), createdAt: now, updatedAt: now })
        .returning();
      await logChange(tx, ctx, 'holidays', {
        action: 'created',
        subject: row!.date,
        fields: HOLIDAY_FIELDS,
        after: row!,
      });
      return presentHoliday(row!);
    }),
  );
}

export async function updateHoliday(ctx: Ctx, id: string, patch: Partial<HolidayInput>): Promise<HolidayView> {
  const values = pick(cleanHoliday(patch), HOLIDAY_FIELDS);
  return dateTaken('/date', () =>
    ctx.db.transaction(async (tx) => {
      const [holiday] = await tx.select().from(publicHolidays).where(eq(publicHolidays.id, id));
      if (!holiday) throw problems.notFound();
      const fields = changedFields(holiday, values);
      if (fields.length === 0) return presentHoliday(holiday);
      if (fields.includes('date'))
        await assertDateFree(tx, 'holidays', publicHolidays, publicHolidays.date, values.date!, id);
      const [updated] = await tx
        .update(publicHolidays)
        .set({ ...values, updatedAt: ctx.clock.now() })
        .where(eq(publicHolidays.id, id))
        .returning();
      await logChange(tx, ctx, 'holidays', {
        action: 'updated',
        subject: updated!.date,
        fields: fields as (keyof HolidayRow)[],
        before: holiday,
        after: updated!,
      });
      return presentHoliday(updated!);
    }),
  );
}

export async function deleteHoliday(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [deleted] = await tx.delete(publicHolidays).where(eq(publicHolidays.id, id)).returning();
    if (!deleted) throw problems.notFound();
    await logChange(tx, ctx, 'holidays', {
      action: 'deleted',
      subject: deleted.date,
      fields: HOLIDAY_FIELDS,
      before: deleted,
    });
  });
}

// ---- working days -----------------------------------------------------------------------------------

/**
 * The holiday calendar for working-day counting, from the database. Pass `after` to load only the
 * holidays after that date (all a forward count needs).
 */
export async function workingCalendar(db: Db, after?: string): Promise<HolidayCalendar> {
  return db
    .select({ date: publicHolidays.date, halfDay: publicHolidays.halfDay })
    .from(publicHolidays)
    .where(after ? gt(publicHolidays.date, after) : undefined)
    .orderBy(asc(publicHolidays.date));
}

/**
 * The date n working days after `from` (from excluded) by the holiday calendar in the database:
 * how other modules compute deadlines such as a referral's answer date.
 */
export async function addWorkingDaysFrom(ctx: Pick<Ctx, 'db'>, from: string, n: number): Promise<string> {
  return addWorkingDays(from, n, await workingCalendar(ctx.db, from));
}

// ---- minimum wages ----------------------------------------------------------------------------------

function presentWage(w: WageRow) {
  return {
    id: w.id,
    effectiveFrom: w.effectiveFrom,
    grossMonthly: Number(w.grossMonthly),
    netMonthly: Number(w.netMonthly),
    note: w.note,
  };
}
export type MinimumWageView = ReturnType<typeof presentWage>;

const WAGE_FIELDS = ['effectiveFrom', 'grossMonthly', 'netMonthly', 'note'] as const;

const toKurus = (amount: number) => Math.round(amount * 100);

/** An amount as the numeric(12,2) column wants it, or an error when it has more than two decimals. */
function money(amount: number, pointer: string, errors: FieldError[]): string {
  const kurus = toKurus(amount);
  if (Math.abs(amount * 100 - kurus) > 1e-6) errors.push({ pointer, code: 'errors.reference.twoDecimals' });
  return (kurus / 100).toFixed(2);
}

/** From 2022 net is 85 % of gross: a net below half of gross is a typo (a monthly figure for a week, …). */
const MIN_NET_SHARE = 0.5;
/** A minimum wage announced more than two years ahead is a typo. */
const MAX_YEARS_AHEAD = 2;

/**
 * Checks and converts the fields present; `before` supplies the other amount for the net ≤ gross rule.
 * Ranges: the effective date from 2000 to two years ahead, net between half of gross and gross.
 */
function cleanWage(ctx: Pick<Ctx, 'clock'>, patch: Partial<MinimumWageInput>, before?: WageRow): Partial<WageRow> {
  const errors: FieldError[] = [];
  const values: Partial<WageRow> = {};
  if (patch.effectiveFrom !== undefined) {
    const latest = `${Number(turkishDate(ctx.clock.now()).slice(0, 4)) + MAX_YEARS_AHEAD}-12-31`;
    if (patch.effectiveFrom < '2000-01-01' || patch.effectiveFrom > latest) {
      errors.push({
        pointer: '/effectiveFrom',
        code: 'errors.reference.dateRange',
        params: { from: calendarDate('2000-01-01'), to: calendarDate(latest) },
      });
    }
    values.effectiveFrom = patch.effectiveFrom;
  }
  if (patch.grossMonthly !== undefined) values.grossMonthly = money(patch.grossMonthly, '/grossMonthly', errors);
  if (patch.netMonthly !== undefined) values.netMonthly = money(patch.netMonthly, '/netMonthly', errors);
  if (patch.note !== undefined) values.note = patch.note?.trim() || null;
  const gross = values.grossMonthly ?? before?.grossMonthly;
  const net = values.netMonthly ?? before?.netMonthly;
  if (
    errors.length === 0 &&
    gross !== undefined &&
    net !== undefined &&
    toKurus(Number(net)) > toKurus(Number(gross))
  ) {
    // Point at the amount the caller sent: net when it is in the request, otherwise gross.
    const pointer = patch.netMonthly !== undefined ? '/netMonthly' : '/grossMonthly';
    errors.push({ pointer, code: 'errors.reference.netAboveGross' });
  } else if (
    errors.length === 0 &&
    gross !== undefined &&
    net !== undefined &&
    toKurus(Number(net)) < toKurus(Number(gross)) * MIN_NET_SHARE
  ) {
    const pointer = patch.netMonthly !== undefined ? '/netMonthly' : '/grossMonthly';
    errors.push({ pointer, code: 'errors.reference.netTooLow', params: { percent: MIN_NET_SHARE * 100 } });
  }
  if (errors.length > 0) throw problems.invalidMany(errors);
  return values;
}

/** Every row, newest first. */
export async function listMinimumWages(ctx: Ctx): Promise<MinimumWageView[]> {
  const rows = await ctx.db.select().from(minimumWages).orderBy(desc(minimumWages.effectiveFrom));
  return rows.map(presentWage);
}

/** The row in force on a date (the latest effectiveFrom on or before it), or null. */
export async function findMinimumWageOn(ctx: Pick<Ctx, 'db'>, date: string): Promise<MinimumWageView | null> {
  const [row] = await ctx.db
    .select()
    .from(minimumWages)
    .where(lte(minimumWages.effectiveFrom, date))
    .orderBy(desc(minimumWages.effectiveFrom))
    .limit(1);
  return row ? presentWage(row) : null;
}

export async function getMinimumWageOn(ctx: Pick<Ctx, 'db'>, date: string): Promise<MinimumWageView> {
  const row = await findMinimumWageOn(ctx, date);
  if (!row) throw problems.notFound();
  return row;
}

export async function createMinimumWage(ctx: Ctx, input: MinimumWageInput): Promise<MinimumWageView> {
  const values = cleanWage(ctx, input);
  return dateTaken('/effectiveFrom', () =>
    ctx.db.transaction(async (tx) => {
      await assertDateFree(tx, 'minimum-wages', minimumWages, minimumWages.effectiveFrom, input.effectiveFrom);
      const now = ctx.clock.now();
      const [row] = await tx
        .insert(minimumWages)
        .values({
          effectiveFrom: input.effectiveFrom,
          grossMonthly: values.grossMonthly!,
          netMonthly: values.netMonthly!,
          note: values.note ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await logChange(tx, ctx, 'minimum-wages', {
        action: 'created',
        subject: row!.effectiveFrom,
        fields: WAGE_FIELDS,
        audited: WAGE_FIELDS.filter((f) => f !== 'note' || row!.note !== null),
        after: row!,
      });
      return presentWage(row!);
    }),
  );
}

export async function updateMinimumWage(
  ctx: Ctx,
  id: string,
  patch: Partial<MinimumWageInput>,
): Promise<MinimumWageView> {
  return dateTaken('/effectiveFrom', () =>
    ctx.db.transaction(async (tx) => {
      const [wage] = await tx.select().from(minimumWages).where(eq(minimumWages.id, id));
      if (!wage) throw problems.notFound();
      const values = cleanWage(ctx, patch, wage);
      const fields = changedFields(wage, values);
      if (fields.length === 0) return presentWage(wage);
      if (fields.includes('effectiveFrom'))
        await assertDateFree(tx, 'minimum-wages', minimumWages, minimumWages.effectiveFrom, values.effectiveFrom!, id);
      const [updated] = await tx
        .update(minimumWages)
        .set({ ...values, updatedAt: ctx.clock.now() })
        .where(eq(minimumWages.id, id))
        .returning();
      await logChange(tx, ctx, 'minimum-wages', {
        action: 'updated',
        subject: updated!.effectiveFrom,
        fields: fields as (keyof WageRow)[],
        before: wage,
        after: updated!,
      });
      return presentWage(updated!);
    }),
  );
}

export async function deleteMinimumWage(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [deleted] = await tx.delete(minimumWages).where(eq(minimumWages.id, id)).returning();
    if (!deleted) throw problems.notFound();
    await logChange(tx, ctx, 'minimum-wages', {
      action: 'deleted',
      subject: deleted.effectiveFrom,
      fields: WAGE_FIELDS,
      before: deleted,
    });
  });
}

function pick<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (object[key] !== undefined) out[key] = object[key];
  return out;
}
