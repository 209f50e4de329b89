import type pg from 'pg';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a mixin's base constructor (TS requires any[])
type ClientClass = new (...args: any[]) => pg.ClientBase;
type Send = (this: pg.ClientBase, ...args: unknown[]) => unknown;

/**
 * A node-postgres client class whose connection is handed one statement at a time.
 *
 * A transaction runs on one connection, and code reads inside it side by side (`Promise.all` over drizzle
 * queries; the transaction's `Db` looks like the pool's). node-postgres queues a statement given to a client
 * that is still busy, but deprecates it and will refuse it in pg 9 ("Calling client.query() when the client is
 * already executing a query"). Here each promise-style statement waits until the one before it on the same
 * connection has settled, so the database sees exactly what it saw before and no caller has to know whether
 * its `Db` is a pool or a transaction (`inOrder` stays the explicit form). A statement on an idle connection is
 * sent at once. Callback-style and submittable queries (the pool's own `pool.query`, cursors) pass through:
 * they own their checkout.
 */
export function oneStatementAtATime<C extends ClientClass>(Base: C): C {
  class OneAtATime extends Base {}
  const tails = new WeakMap<pg.ClientBase, Promise<unknown>>();
  const ignore = () => {};
  // Looked up at each call, so that the class below sends through whatever the base class is then.
  const send: Send = function (this: pg.ClientBase, ...args: unknown[]) {
    return (Object.getPrototypeOf(OneAtATime.prototype) as { query: Send }).query.apply(this, args);
  };
  const query: Send = function (this: pg.ClientBase, ...args: unknown[]) {
    const first = args[0] as { submit?: unknown } | null | undefined;
    if (typeof args[args.length - 1] === 'function' || typeof first?.submit === 'function')
      return send.apply(this, args);
    const before = tails.get(this);
    const result = before
      ? before.then(() => send.apply(this, args) as Promise<unknown>)
      : (send.apply(this, args) as Promise<unknown>);
    const tail = result.then(ignore, ignore);
    tails.set(this, tail);
    void tail.then(() => {
      if (tails.get(this) === tail) tails.delete(this);
    });
    return result;
  };
  Object.defineProperty(OneAtATime.prototype, 'query', { value: query, writable: true, configurable: true });
  return OneAtATime;
}
