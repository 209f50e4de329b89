import { and, asc, desc, eq, gt, gte, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { minimumWages, publicHolidays } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import { problems, type FieldError } from '../../lib/errors.ts';
import { addWorkingDays, turkishDate, type HolidayCalendar } from '../../../common/working-days.ts';

/**
 * Reference data that changes over time and that admins keep up to date (RULES.md): the public
 * holiday calendar used for working-day deadlines, and the national minimum wage by effective date.
 * Both tables are national, not per organisation; the audit events go to the editor's organisation.
 */

type HolidayRow = typeof publicHolidays.$inferSelect;
type WageRow = typeof minimumWages.$inferSelect;

/** How many years ahead, after the current one, the calendar screen expects religious holidays. */
const RELIGIOUS_LOOKAHEAD_YEARS = 2;

/** Walks an error and its causes (drizzle wraps driver errors) for a unique-constraint violation. */
function isUniqueViolation(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e !== null && typeof e === 'object'; depth++) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs a write; a unique violation that slipped past the check (two admins at once) becomes a 409. */
async function uniqueAs<T>(pointer: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw problems.conflict('errors.reference.dateTaken', pointer);
    throw error;
  }
}

function requiredText(value: string, pointer: string, errors: FieldError[]): string {
  const trimmed = value.trim();
  if (!trimmed) errors.push({ pointer, code: 'errors.validation.required' });
  return trimmed;
}

// ---- holidays ---------------------------------------------------------------------------------------

export type HolidayKind = HolidayRow['kind'];

function presentHoliday(h: HolidayRow) {
  return {
    id: h.id,
    date: h.date,
    kind: h.kind,
    halfDay: h.halfDay,
    nameTr: h.nameTr,
    nameEn: h.nameEn,
    nameAr: h.nameAr,
  };
}
export type HolidayView = ReturnType<typeof presentHoliday>;

export interface HolidayInput {
  date: string;
  kind: HolidayKind;
  halfDay: boolean;
  nameTr: string;
  nameEn: string;
  nameAr: string;
}

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
  };
}

async function assertHolidayDateFree(tx: Db, date: string, exceptId?: string): Promise<void> {
  const condition = exceptId
    ? and(eq(publicHolidays.date, date), ne(publicHolidays.id, exceptId))
    : eq(publicHolidays.date, date);
  const [taken] = await tx.select({ id: publicHolidays.id }).from(publicHolidays).where(condition);
  if (taken) throw problems.conflict('errors.reference.dateTaken', '/date');
}

export async function createHoliday(ctx: Ctx, input: HolidayInput): Promise<HolidayView> {
  const values = cleanHoliday(input);
  return uniqueAs('/date', () =>
    ctx.db.transaction(async (tx) => {
      await assertHolidayDateFree(tx, values.date);
      const now = ctx.clock.now();
      const [row] = await tx
        .insert(publicHolidays)
        .values({ ...pick(values, HOLIDAY_FIELDS), createdAt: now, updatedAt: now })
        .returning();
      await audit(tx, ctx, {
        action: 'holiday.created',
        subjectType: 'holiday',
        subjectId: row!.id,
        fields: [...HOLIDAY_FIELDS],
      });
      return presentHoliday(row!);
    }),
  );
}

export async function updateHoliday(ctx: Ctx, id: string, patch: Partial<HolidayInput>): Promise<HolidayView> {
  const values = pick(cleanHoliday(patch), HOLIDAY_FIELDS);
  return uniqueAs('/date', () =>
    ctx.db.transaction(async (tx) => {
      const [holiday] = await tx.select().from(publicHolidays).where(eq(publicHolidays.id, id));
      if (!holiday) throw problems.notFound();
      const fields = changedFields(holiday, values);
      if (fields.length === 0) return presentHoliday(holiday);
      if (fields.includes('date')) await assertHolidayDateFree(tx, values.date!, id);
      const [updated] = await tx
        .update(publicHolidays)
        .set({ ...values, updatedAt: ctx.clock.now() })
        .where(eq(publicHolidays.id, id))
        .returning();
      await audit(tx, ctx, { action: 'holiday.updated', subjectType: 'holiday', subjectId: id, fields });
      return presentHoliday(updated!);
    }),
  );
}

export async function deleteHoliday(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(publicHolidays)
      .where(eq(publicHolidays.id, id))
      .returning({ id: publicHolidays.id });
    if (!deleted) throw problems.notFound();
    await audit(tx, ctx, {
      action: 'holiday.deleted',
      subjectType: 'holiday',
      subjectId: id,
      fields: [...HOLIDAY_FIELDS],
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

export interface MinimumWageInput {
  effectiveFrom: string;
  grossMonthly: number;
  netMonthly: number;
  note?: string | null | undefined;
}

const WAGE_FIELDS = ['effectiveFrom', 'grossMonthly', 'netMonthly', 'note'] as const;

const toKurus = (amount: number) => Math.round(amount * 100);

/** An amount as the numeric(12,2) column wants it, or an error when it has more than two decimals. */
function money(amount: number, pointer: string, errors: FieldError[]): string {
  const kurus = toKurus(amount);
  if (Math.abs(amount * 100 - kurus) > 1e-6) errors.push({ pointer, code: 'errors.reference.twoDecimals' });
  return (kurus / 100).toFixed(2);
}

/** Checks and converts the fields present; `before` supplies the other amount for the net ≤ gross rule. */
function cleanWage(patch: Partial<MinimumWageInput>, before?: WageRow): Partial<WageRow> {
  const errors: FieldError[] = [];
  const values: Partial<WageRow> = {};
  if (patch.effectiveFrom !== undefined) values.effectiveFrom = patch.effectiveFrom;
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

async function assertWageDateFree(tx: Db, date: string, exceptId?: string): Promise<void> {
  const condition = exceptId
    ? and(eq(minimumWages.effectiveFrom, date), ne(minimumWages.id, exceptId))
    : eq(minimumWages.effectiveFrom, date);
  const [taken] = await tx.select({ id: minimumWages.id }).from(minimumWages).where(condition);
  if (taken) throw problems.conflict('errors.reference.dateTaken', '/effectiveFrom');
}

export async function createMinimumWage(ctx: Ctx, input: MinimumWageInput): Promise<MinimumWageView> {
  const values = cleanWage(input);
  return uniqueAs('/effectiveFrom', () =>
    ctx.db.transaction(async (tx) => {
      await assertWageDateFree(tx, input.effectiveFrom);
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
      await audit(tx, ctx, {
        action: 'minimum-wage.created',
        subjectType: 'minimum-wage',
        subjectId: row!.id,
        fields: WAGE_FIELDS.filter((f) => f !== 'note' || row!.note !== null),
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
  return uniqueAs('/effectiveFrom', () =>
    ctx.db.transaction(async (tx) => {
      const [wage] = await tx.select().from(minimumWages).where(eq(minimumWages.id, id));
      if (!wage) throw problems.notFound();
      const values = cleanWage(patch, wage);
      const fields = changedFields(wage, values);
      if (fields.length === 0) return presentWage(wage);
      if (fields.includes('effectiveFrom')) await assertWageDateFree(tx, values.effectiveFrom!, id);
      const [updated] = await tx
        .update(minimumWages)
        .set({ ...values, updatedAt: ctx.clock.now() })
        .where(eq(minimumWages.id, id))
        .returning();
      await audit(tx, ctx, { action: 'minimum-wage.updated', subjectType: 'minimum-wage', subjectId: id, fields });
      return presentWage(updated!);
    }),
  );
}

export async function deleteMinimumWage(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [deleted] = await tx.delete(minimumWages).where(eq(minimumWages.id, id)).returning({ id: minimumWages.id });
    if (!deleted) throw problems.notFound();
    await audit(tx, ctx, {
      action: 'minimum-wage.deleted',
      subjectType: 'minimum-wage',
      subjectId: id,
      fields: [...WAGE_FIELDS],
    });
  });
}

function pick<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const key of keys) if (object[key] !== undefined) out[key] = object[key];
  return out;
}
