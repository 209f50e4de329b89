import path from 'node:path';
import type { Config } from './config/config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { ensureMigrated, roleOfUrl } from './db/migrate.ts';
import { ensureReferenceData } from './db/seed/reference.ts';
import { linkStoredTitles } from './modules/matching/index.ts';
import { backfillMatchingFeatures } from './modules/people/index.ts';
import { isEmpty, seedDemo } from './db/seed/demo.ts';

export const REQUIRED_NODE_MAJOR = 24;

/** Refuses to run on a Node older than the pinned one (npm scripts use node_modules/.bin/node). */
export function checkNodeVersion(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < REQUIRED_NODE_MAJOR) {
    throw new Error(
      `Köprü needs Node ${REQUIRED_NODE_MAJOR}; this is ${process.versions.node}. Run it through npm (npm start), which uses the pinned Node in node_modules.`,
    );
  }
}

/**
 * Opens the configured database, applies migrations (as the owner when DATABASE_OWNER_URL is given),
 * loads reference data and, in demo mode, the demo set.
 */
export async function prepareDatabase(
  config: Config,
  log: (msg: string) => void = () => {},
): Promise<{ database: Database; seeded: boolean }> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    replicaUrl: config.databaseReplicaUrl,
    pgliteDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
  });
  log(
    config.databaseUrl
      ? `Connected to PostgreSQL${database.replica ? ' and its replica' : ''}`
      : `Opened embedded PostgreSQL (PGlite) in ${path.join(config.dataDir, 'pglite')}`,
  );
  try {
    const ownerUrl = config.databaseOwnerUrl;
    const outcome = await ensureMigrated(
      database,
      ownerUrl
        ? { open: () => openDatabase({ databaseUrl: ownerUrl, poolSize: 1 }), appRole: roleOfUrl(config.databaseUrl!) }
        : undefined,
    );
    log(
      outcome === 'migrated'
        ? `Migrations applied${ownerUrl ? ' as the owner role' : ''}`
        : 'The schema is up to date (this role does not migrate)',
    );
  } catch (err) {
    await database.close();
    throw err;
  }
  await ensureReferenceData(database.db);
  let seeded = false;
  if (config.seedDemo && (await isEmpty(database.db))) {
    await seedDemo(database.db, config.argon, config);
    seeded = true;
    log('Loaded the demo data set');
  }
  // Occupation titles stored as free text before coded records (and by the demo data) linked to ISCO-08.
  const linked = await linkStoredTitles(database.db);
  if (linked.persons + linked.vacancies > 0)
    log(`Linked ${linked.persons} person and ${linked.vacancies} vacancy occupation titles to ISCO-08`);
  // The restricted matching features of persons stored before the table (and of the demo data).
  const derived = await backfillMatchingFeatures(database.db, config);
  if (derived > 0) log(`Derived the matching features of ${derived} persons`);
  return { database, seeded };
}
