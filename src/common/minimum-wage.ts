/**
 * The national minimum wage (RULES.md): monthly amounts by effective date, gross and net, for a
 * normal 45-hour week (Labour Law 4857 art. 63). Pure functions shared by the server and the web app.
 */

/** Normal weekly hours the monthly minimum wage pays for. */
export const FULL_TIME_HOURS_PER_WEEK = 45;

export interface MinimumWageRow {
  /** 'YYYY-MM-DD': in force from this day until the next row's date. */
  effectiveFrom: string;
  grossMonthly: number;
  netMonthly: number;
}

import type { WageBasis } from './enums.ts';

export type { WageBasis };

export interface Wage {
  /** Monthly amount in TL. */
  amount: number;
  basis: WageBasis;
  hoursPerWeek: number;
}

export interface WageCheck {
  /** Whether the wage is at least the minimum for its hours. */
  ok: boolean;
  /** The minimum on the same basis, pro rata to the hours (capped at 45 h), rounded to kuruş. */
  minimumForHours: number;
  basis: WageBasis;
}

/**
 * The row in force on `date` (the latest effectiveFrom ≤ date), or null before the first row.
 * The table may come in any order. ISO dates compare correctly as strings.
 */
export function minimumWageOn<T extends Pick<MinimumWageRow, 'effectiveFrom'>>(
  date: string,
  table: readonly T[],
): T | null {
  let best: T | null = null;
  for (const row of table) {
    if (row.effectiveFrom <= date && (best === null || row.effectiveFrom > best.effectiveFrom)) best = row;
  }
  return best;
}

const toKurus = (amount: number): number => Math.round(amount * 100);

/**
 * Compares a monthly wage with the minimum on the same basis (a net offer against the net minimum,
 * a gross one against gross). Part-time work is compared pro rata: 22.5 h a week must pay at least
 * half the monthly minimum. Hours above 45 are overtime, paid on top, so the minimum stays the full
 * monthly amount for them.
 */
export function checkAgainstMinimumWage(wage: Wage, minimum: MinimumWageRow): WageCheck {
  if (!Number.isFinite(wage.hoursPerWeek) || wage.hoursPerWeek <= 0) {
    throw new RangeError(`Hours per week must be above 0: ${wage.hoursPerWeek}`);
  }
  if (!Number.isFinite(wage.amount)) throw new RangeError(`Not an amount: ${wage.amount}`);
  const monthly = wage.basis === 'gross' ? minimum.grossMonthly : minimum.netMonthly;
  const hours = Math.min(wage.hoursPerWeek, FULL_TIME_HOURS_PER_WEEK);
  const minimumKurus = Math.round((toKurus(monthly) * hours) / FULL_TIME_HOURS_PER_WEEK);
  return {
    ok: toKurus(wage.amount) >= minimumKurus,
    minimumForHours: minimumKurus / 100,
    basis: wage.basis,
  };
}

/** checkAgainstMinimumWage with the row in force on `date`; null when the table has none for that date. */
export function checkWageOn(date: string, wage: Wage, table: readonly MinimumWageRow[]): WageCheck | null {
  const row = minimumWageOn(date, table);
  return row ? checkAgainstMinimumWage(wage, row) : null;
}
