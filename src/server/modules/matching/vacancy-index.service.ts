import type { Db } from '../../db/client.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { vacancyIndexCatchUp, vacancyIndexHorizon, vacancyIndexPage } from '../vacancies/index.ts';
import { VacancyIndex } from './vacancy-index.ts';

/**
 * One vacancy index per database and organisation (docs/MATCHING.md, "The vacancy index"), kept as the persons'
 * matching index is (matching-index.service.ts): built lazily on the first query, caught up at every query with
 * the vacancies whose `matching_xid` (stamped by triggers on vacancies and employers in the changing transaction,
 * migration 0043) is at or after the horizon of the last sync — every transaction below it had ended when it was
 * read, so nothing committed is missed whichever instance wrote it. Syncs of one index run one after the other.
 */

interface Entry {
  index: VacancyIndex;
  ready: boolean;
  building: Promise<void>;
  horizon: string;
  /** The xid of each vacancy applied since the horizon (not applied twice). */
  applied: Map<string, string>;
  sync: Promise<void>;
  buildMs: number;
}

const registry = new WeakMap<Db, Map<string, Entry>>();

/** How long the first query waits for the build before reading the vacancies from the database instead. */
const BUILD_WAIT_MS = 5000;
const PAGE = 10_000;

async function build(db: Db, organisationId: string, entry: Entry): Promise<void> {
  const started = performance.now();
  entry.horizon = await vacancyIndexHorizon(db);
  let after: string | null = null;
  for (;;) {
    const rows = await vacancyIndexPage(db, organisationId, after, PAGE);
    for (const r of rows) entry.index.upsert(r);
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!.row.id;
  }
  entry.buildMs = performance.now() - started;
  entry.ready = true;
}

async function catchUp(db: Db, organisationId: string, entry: Entry): Promise<void> {
  const { horizon, rows } = await vacancyIndexCatchUp(db, organisationId, entry.horizon);
  if (horizon === null) return;
  for (const r of rows) {
    if (entry.applied.get(r.row.id) === r.xid) continue;
    entry.index.upsert(r);
    entry.applied.set(r.row.id, r.xid);
  }
  entry.horizon = horizon;
  const h = BigInt(horizon);
  for (const [id, xid] of entry.applied) if (BigInt(xid) < h) entry.applied.delete(id);
}

/**
 * The caller's organisation's vacancy index, caught up with the database; null while it is being built (the
 * caller reads the vacancies from the database meanwhile).
 */
export async function vacancyIndexOf(ctx: Ctx): Promise<VacancyIndex | null> {
  const organisationId = actorOf(ctx).organisationId;
  let byOrg = registry.get(ctx.db);
  if (!byOrg) registry.set(ctx.db, (byOrg = new Map<string, Entry>()));
  let entry = byOrg.get(organisationId);
  if (!entry) {
    const fresh: Entry = {
      index: new VacancyIndex(),
      ready: false,
      building: Promise.resolve(),
      horizon: '0',
      applied: new Map(),
      sync: Promise.resolve(),
      buildMs: 0,
    };
    fresh.building = build(ctx.db, organisationId, fresh).catch(() => {
      // A failed build is tried again by the next query.
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
  return current.index;
}

/** Figures of an organisation's vacancy index (the bench): vacancies held, build time. */
export function vacancyIndexFigures(db: Db, organisationId: string) {
  const entry = registry.get(db)?.get(organisationId);
  return entry?.ready ? { vacancies: entry.index.size, buildMs: entry.buildMs } : null;
}
