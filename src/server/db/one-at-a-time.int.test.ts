import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { cloneTemplateDatabase, type ClonedDatabase } from '../test/harness.ts';

/**
 * A transaction is one connection. Code reads inside it side by side (`Promise.all`), as it does on the pool;
 * node-postgres deprecates a statement given to a connection still busy with another (pg 9 will refuse it),
 * so the database layer hands each connection one statement at a time (db/one-at-a-time.ts). PGlite has one
 * connection and its own queue: this is about a server.
 */
describe.skipIf(inject('dbTemplate').kind !== 'postgres')('one statement at a time on a connection', () => {
  let clone: ClonedDatabase;
  beforeAll(async () => {
    clone = await cloneTemplateDatabase();
  });
  afterAll(async () => {
    await clone?.database.close();
    await clone?.drop();
  });

  it('answers reads made side by side in a transaction, in order, without giving a busy connection a second statement', async () => {
    type Internals = { _getActiveQuery(): unknown; _queryQueue: unknown[] };
    const sent: { busy: boolean }[] = [];
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with the client as `this` below
    const send = pg.Client.prototype.query;
    const spy = vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (
      this: pg.Client,
      ...args: unknown[]
    ) {
      const self = this as unknown as Internals;
      sent.push({ busy: (self._getActiveQuery() ?? null) !== null || self._queryQueue.length > 0 });
      return (send as (...a: unknown[]) => unknown).apply(this, args) as never;
    });
    let answers: number[];
    try {
      answers = await clone.database.db.transaction(async (tx) => {
        const rows = await Promise.all([
          tx.execute<{ n: number }>(sql`SELECT n FROM (SELECT pg_sleep(0.05), 1 AS n) slow`),
          tx.execute<{ n: number }>(sql`SELECT 2 AS n`),
          tx.execute<{ n: number }>(sql`SELECT 3 AS n`),
        ]);
        return rows.map((r) => (r as { rows: { n: number }[] }).rows[0]!.n);
      });
    } finally {
      spy.mockRestore();
    }
    expect(answers).toEqual([1, 2, 3]);
    // BEGIN, the three reads, COMMIT: each given to the connection once it was free.
    expect(sent.length).toBeGreaterThanOrEqual(5);
    expect(sent.filter((s) => s.busy)).toEqual([]);
  });

  it('still answers a failed statement with its error, and the transaction with it, leaving the pool usable', async () => {
    await expect(
      clone.database.db.transaction(async (tx) => {
        await Promise.all([tx.execute(sql`SELECT 1`), tx.execute(sql`SELECT 1 / 0`), tx.execute(sql`SELECT 3`)]);
      }),
    ).rejects.toMatchObject({ cause: { code: '22012' } }); // division_by_zero
    const [row] = await clone.database.query<{ n: number }>('SELECT 4 AS n');
    expect(row!.n).toBe(4);
  });
});
