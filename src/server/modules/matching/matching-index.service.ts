import type { Db } from '../../db/client.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { matchingHorizon, matchingIndexCatchUp, matchingIndexPage } from '../people/index.ts';
import { MatchingIndex } from './matching-index.ts';

/**
 * One matching index per database and organisation (docs/MATCHING.md, "The matching index"), built lazily on
 * the first query and caught up with the database at every query: the persons whose `matching_xid` (stamped
 * by triggers on persons, work history and consents in the changing transaction) is at or after the horizon
 * of the last sync — every transaction below the horizon had ended when it was read, so nothing committed
 * is missed whichever instance wrote it. Syncs of one index run one after the other.
 */

interface Entry {
  index: MatchingIndex;
  ready: boolean;
  building: Promise<void>;
  /** Every transaction with an id below it had ended when the last sync read the changes. */
  horizon: string;
  /** The xid of each person applied since the horizon (not applied twice). */
  applied: Map<string, string>;
  sync: Promise<void>;
  buildMs: number;
  failed: unknown;
  /** A compaction under way (`compact`), or null. */
  compacting: Promise<void> | null;
  /** Compactions done (the bench's figures). */
  compactions: number;
}

const registry = new WeakMap<Db, Map<string, Entry>>();

/** How long the first query waits for the build before answering from the SQL pool instead. */
const BUILD_WAIT_MS = 5000;
const PAGE = 10_000;

async function build(db: Db, organisationId: string, entry: Entry): Promise<void> {
  const started = performance.now();
  entry.horizon = await matchingHorizon(db);
  let after: string | null = null;
  for (;;) {
    const rows = await matchingIndexPage(db, organisationId, after, PAGE);
    for (const r of rows) entry.index.upsert(r);
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.id;
  }
  entry.buildMs = performance.now() - started;
  entry.ready = true;
}

const xidNumber = (xid: string) => BigInt(xid);

async function catchUp(db: Db, organisationId: string, entry: Entry): Promise<void> {
  const { horizon, rows } = await matchingIndexCatchUp(db, organisationId, entry.horizon);
  for (const r of rows) {
    if (entry.applied.get(r.id) === r.xid) continue;
    entry.index.upsert(r);
    entry.applied.set(r.id, r.xid);
  }
  entry.horizon = horizon;
  // What is below the new horizon is never read again.
  const h = xidNumber(horizon);
  for (const [id, xid] of entry.applied) if (xidNumber(xid) < h) entry.applied.delete(id);
}

/**
 * Reclaims the dead slots (each change of a person leaves one) without a restart and off the request path: a copy
 * without them is built a chunk at a time, yielding to the event loop between chunks while queries and catch-ups
 * go on against the index; its last step carries what changed meanwhile and the copy replaces the index (a query
 * that still holds the old one finishes with it). Started by a sync that finds more than a quarter of the slots
 * dead (`needsCompaction`).
 */
function compact(entry: Entry): Promise<void> {
  const old = entry.index;
  const steps = old.compaction();
  return (
    (async () => {
      for (;;) {
        // Every step in a turn of the event loop of its own: none in the request that started it.
        await new Promise((resolve) => setImmediate(resolve));
        const step = steps.next();
        if (step.done) {
          if (entry.index === old) entry.index = step.value;
          entry.compactions++;
          return;
        }
      }
    })()
      // A failed compaction leaves the index as it was (still valid); the next sync tries again.
      .catch(() => undefined)
      .finally(() => {
        entry.compacting = null;
      })
  );
}

/**
 * The caller's organisation's index, caught up with the database; null while it is being built (the caller
 * answers from the SQL pool meanwhile).
 */
export async function matchingIndexOf(ctx: Ctx): Promise<MatchingIndex | null> {
  const organisationId = actorOf(ctx).organisationId;
  let byOrg = registry.get(ctx.db);
  if (!byOrg) registry.set(ctx.db, (byOrg = new Map<string, Entry>()));
  let entry = byOrg.get(organisationId);
  if (!entry) {
    const fresh: Entry = {
      index: new MatchingIndex(),
      ready: false,
      building: Promise.resolve(),
      horizon: '0',
      applied: new Map(),
      sync: Promise.resolve(),
      buildMs: 0,
      failed: null,
      compacting: null,
      compactions: 0,
    };
    fresh.building = build(ctx.db, organisationId, fresh).catch((e: unknown) => {
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
  current.sync = current.sync.catch(() => undefined).then(() => catchUp(ctx.db, organisationId, current));
  await current.sync;
  if (!current.compacting && current.index.needsCompaction) current.compacting = compact(current);
  return current.index;
}

/** Figures of an organisation's index (the bench): persons, bytes, build time. */
export function matchingIndexFigures(db: Db, organisationId: string) {
  const entry = registry.get(db)?.get(organisationId);
  return entry?.ready
    ? {
        persons: entry.index.persons,
        slots: entry.index.size,
        dead: entry.index.dead,
        bytes: entry.index.bytes,
        buildMs: entry.buildMs,
        compactions: entry.compactions,
      }
    : null;
}
