/**
 * Reading database errors, once: drizzle wraps the driver's error (PGlite's or pg's) in its own, one or
 * more levels deep, and the SQLSTATE and constraint name sit on the innermost.
 */

/** SQLSTATE of a unique-constraint violation. */
export const UNIQUE_VIOLATION = '23505';

/** SQLSTATE of a transaction PostgreSQL aborted to break a deadlock (nothing of it is written). */
export const DEADLOCK_DETECTED = '40P01';

/** The error, or the nearest of its causes, that carries this SQLSTATE (drizzle and pg wrap the server's error). */
function withSqlState(error: unknown, state: string): { constraint?: unknown } | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && e !== null && typeof e === 'object'; depth++) {
    const { code, cause } = e as { code?: unknown; cause?: unknown };
    if (code === state) return e;
    e = cause;
  }
  return undefined;
}

/** Whether an error (or one of its causes) is PostgreSQL's abort of a transaction caught in a deadlock. */
export const isDeadlock = (error: unknown): boolean => withSqlState(error, DEADLOCK_DETECTED) !== undefined;

/**
 * Whether an error (or one of its causes) is a unique-constraint violation — of `constraint` when one
 * is named (e.g. 'persons_id_number_uq').
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const found = withSqlState(error, UNIQUE_VIOLATION);
  return found !== undefined && (constraint === undefined || found.constraint === constraint);
}

/**
 * Runs a write; a unique violation that slipped past the service's own check (two requests at once)
 * becomes `problem()` — usually a 409 naming the field — instead of a 500.
 */
export async function uniqueAs<T>(problem: () => Error, write: () => Promise<T>, constraint?: string): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, constraint)) throw problem();
    throw error;
  }
}
