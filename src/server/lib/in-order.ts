/**
 * Runs reads one after the other and answers their results as a tuple, like `Promise.all` does. Inside a
 * transaction every query goes through one connection: on a server, `Promise.all` would issue queries
 * on a client still busy with the previous one (pg deprecates it), and PGlite serialises them anyway.
 */
export async function inOrder<const T extends readonly (() => Promise<unknown>)[]>(
  ...tasks: T
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
}
