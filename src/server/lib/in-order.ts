/**
 * Runs reads one after the other and answers their results as a tuple, like `Promise.all` does. Inside a
 * transaction every query goes through one connection, so reads side by side cannot run in parallel there:
 * this says so. (`Promise.all` is safe too: on a server the pool's clients take one statement at a time,
 * db/one-at-a-time.ts, and PGlite serialises them anyway.)
 */
export async function inOrder<const T extends readonly (() => Promise<unknown>)[]>(
  ...tasks: T
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}
