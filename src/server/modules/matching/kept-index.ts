import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';

/**
 * An in-process index kept per database and organisation (docs/MATCHING.md, "The matching index" and "The
 * vacancy index"): built lazily on the organisation's first query, a page at a time, and caught up at every
 * query with the rows whose `matching_xid` (stamped by triggers in the changing transaction) is at or after the
 * horizon of the last sync — every transaction below the horizon had ended when it was read, so nothing
 * committed is missed whichever instance wrote it. Syncs of one index run one after the other. The persons'
 * index and the vacancies' index are two of these, each with its own source of rows.
 */
export interface KeptIndexSource<I, R extends { xid: string }> {
  create(): I;
  /** One page of the organisation's rows in id order, after the id `after`. */
  page(db: Db, organisationId: string, after: string | null, limit: number): Promise<R[]>;
  /** The rows changed at or after the horizon, and the new horizon (null: nothing to move). */
  changes(db: Db, organisationId: string, horizon: string): Promise<{ horizon: string | null; rows: R[] }>;
  idOf(row: R): string;
  /** Adds or replaces a row in the index (a row that no longer belongs leaves it). */
  apply(index: I, row: R): void;
}

export interface KeptEntry<I> {
  index: I;
  ready: boolean;
  building: Promise<void>;
  /** Every transaction with an id below it had ended when the last sync read the changes. */
  horizon: string;
  /** The xid of each row applied since the horizon (not applied twice). */
  applied: Map<string, string>;
  sync: Promise<void>;
  buildMs: number;
  failed: unknown;
}

/** How long the first query waits for the build before its caller answers from the database instead. */
const BUILD_WAIT_MS = 5000;
const PAGE = 10_000;

/**
 * The oldest transaction still running (every one below it has ended): read before the build's first page, so
 * that what changes while the build reads is caught up at the first query.
 */
async function horizonOf(db: Db): Promise<string> {
  const res: unknown = await db.execute(sql`SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin`);
  return String((res as { rows: { xmin: string }[] }).rows[0]!.xmin);
}

export class KeptIndexes<I, R extends { xid: string }> {
  private readonly registry = new WeakMap<Db, Map<string, KeptEntry<I>>>();

  private readonly source: KeptIndexSource<I, R>;
  /** Runs after each sync of an entry (the persons' index starts its compaction there). */
  private readonly afterSync: (entry: KeptEntry<I>) => void;

  constructor(source: KeptIndexSource<I, R>, afterSync: (entry: KeptEntry<I>) => void = () => undefined) {
    this.source = source;
    this.afterSync = afterSync;
  }

  /**
   * The caller's organisation's index, caught up with the database; null while it is being built (the caller
   * answers from the database meanwhile).
   */
  async of(ctx: Ctx): Promise<I | null> {
    const organisationId = actorOf(ctx).organisationId;
    let byOrg = this.registry.get(ctx.db);
    if (!byOrg) this.registry.set(ctx.db, (byOrg = new Map<string, KeptEntry<I>>()));
    let entry = byOrg.get(organisationId);
    if (!entry) {
      const fresh: KeptEntry<I> = {
        index: this.source.create(),
        ready: false,
        building: Promise.resolve(),
        horizon: '0',
        applied: new Map(),
        sync: Promise.resolve(),
        buildMs: 0,
        failed: null,
      };
      fresh.building = this.build(ctx.db, organisationId, fresh).catch((e: unknown) => {
        // A failed build is tried again by the next query.
        fresh.failed = e;
        byOrg.delete(organisationId);
      });
      byOrg.set(organisationId, fresh);
      entry = fresh;
    }
    if (!entry.ready) {
      let timer: NodeJS.Timeout | undefined;
      const done = await Promise.race([
        entry.building.then(() => entry.ready),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), BUILD_WAIT_MS))),
      ]);
      clearTimeout(timer);
      if (!done) return null;
    }
    const current = entry;
    current.sync = current.sync.catch(() => undefined).then(() => this.catchUp(ctx.db, organisationId, current));
    await current.sync;
    this.afterSync(current);
    return current.index;
  }

  /** The organisation's entry once built (the bench's figures), or null. */
  ready(db: Db, organisationId: string): KeptEntry<I> | null {
    const entry = this.registry.get(db)?.get(organisationId);
    return entry?.ready ? entry : null;
  }

  private async build(db: Db, organisationId: string, entry: KeptEntry<I>): Promise<void> {
    const started = performance.now();
    entry.horizon = await horizonOf(db);
    let after: string | null = null;
    for (;;) {
      const rows = await this.source.page(db, organisationId, after, PAGE);
      for (const r of rows) this.source.apply(entry.index, r);
      if (rows.length < PAGE) break;
      after = this.source.idOf(rows[rows.length - 1]!);
    }
    entry.buildMs = performance.now() - started;
    entry.ready = true;
  }

  private async catchUp(db: Db, organisationId: string, entry: KeptEntry<I>): Promise<void> {
    const { horizon, rows } = await this.source.changes(db, organisationId, entry.horizon);
    if (horizon === null) return;
    for (const r of rows) {
      const id = this.source.idOf(r);
      if (entry.applied.get(id) === r.xid) continue;
      this.source.apply(entry.index, r);
      entry.applied.set(id, r.xid);
    }
    entry.horizon = horizon;
    // What is below the new horizon is never read again.
    const h = BigInt(horizon);
    for (const [id, xid] of entry.applied) if (BigInt(xid) < h) entry.applied.delete(id);
  }
}
