import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../lib/context.ts';
import { matchingIndexCatchUp, matchingIndexPage } from '../people/index.ts';
import { KeptIndexes, type KeptEntry } from './kept-index.ts';
import { MatchingIndex } from './matching-index.ts';

/**
 * One matching index per database and organisation (docs/MATCHING.md, "The matching index"), kept by
 * `kept-index.ts`: built lazily on the first query and caught up with the database at every query from the
 * persons whose `matching_xid` (stamped by triggers on persons, work history and consents in the changing
 * transaction) is at or after the horizon of the last sync. The people module reads the rows.
 */

/** Each index's compaction under way, and how many it did (the bench's figures). */
const compactions = new WeakMap<KeptEntry<MatchingIndex>, { running: Promise<void> | null; done: number }>();

/**
 * Reclaims the dead slots (each change of a person leaves one) without a restart and off the request path: a copy
 * without them is built a chunk at a time, yielding to the event loop between chunks while queries and catch-ups
 * go on against the index; its last step carries what changed meanwhile and the copy replaces the index (a query
 * that still holds the old one finishes with it). Started by a sync that finds more than a quarter of the slots
 * dead (`needsCompaction`).
 */
function compact(
  entry: KeptEntry<MatchingIndex>,
  state: { running: Promise<void> | null; done: number },
): Promise<void> {
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
          state.done++;
          return;
        }
      }
    })()
      // A failed compaction leaves the index as it was (still valid); the next sync tries again.
      .catch(() => undefined)
      .finally(() => {
        state.running = null;
      })
  );
}

const kept = new KeptIndexes(
  {
    create: () => new MatchingIndex(),
    page: matchingIndexPage,
    changes: matchingIndexCatchUp,
    idOf: (r) => r.id,
    apply: (index, r) => index.upsert(r),
  },
  // A sync that finds more than a quarter of the slots dead starts a compaction.
  (entry) => {
    let state = compactions.get(entry);
    if (!state) compactions.set(entry, (state = { running: null, done: 0 }));
    if (!state.running && entry.index.needsCompaction) state.running = compact(entry, state);
  },
);

/**
 * The caller's organisation's index, caught up with the database; null while it is being built (the caller
 * answers from the SQL pool meanwhile).
 */
export function matchingIndexOf(ctx: Ctx): Promise<MatchingIndex | null> {
  return kept.of(ctx);
}

/** Figures of an organisation's index (the bench): persons, bytes, build time. */
export function matchingIndexFigures(db: Db, organisationId: string) {
  const entry = kept.ready(db, organisationId);
  return entry
    ? {
        persons: entry.index.persons,
        slots: entry.index.size,
        dead: entry.index.dead,
        bytes: entry.index.bytes,
        buildMs: entry.buildMs,
        compactions: compactions.get(entry)?.done ?? 0,
      }
    : null;
}
