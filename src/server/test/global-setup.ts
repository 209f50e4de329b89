import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { ensureTestRoles, TEST_APP_ROLE, TEST_OWNER_ROLE, urlAs } from './roles.ts';
import { ensureReferenceData } from '../db/seed/reference.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { linkStoredTitles } from '../modules/matching/index.ts';
import { backfillMatchingFeatures } from '../modules/people/index.ts';
import { testConfig } from '../config/config.ts';

/**
 * Builds one migrated, seeded template per test run: a PGlite data-folder dump by default, or a
 * template database on the server named by TEST_DATABASE_URL. Each test file clones it.
 *
 * On the server the template is owned and migrated by the owner role and seeded by the app role
 * (test/roles.ts, created if missing): the tests then run as the app role, as the server does.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const argon = testConfig().argon;
  if (serverUrl) {
    const template = `kopru_tpl_${process.pid}`;
    await ensureTestRoles(serverUrl);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(`CREATE DATABASE ${template} OWNER ${TEST_OWNER_ROLE}`);
    const owner = await openDatabase({ databaseUrl: urlAs(serverUrl, TEST_OWNER_ROLE, template), poolSize: 1 });
    try {
      await migrateDatabase(owner, { appRole: TEST_APP_ROLE });
    } finally {
      await owner.close();
    }
    const database = await openDatabase({ databaseUrl: urlAs(serverUrl, TEST_APP_ROLE, template), poolSize: 2 });
    await ensureReferenceData(database.db);
    await seedDemo(database.db, argon, testConfig());
    await linkStoredTitles(database.db);
    await backfillMatchingFeatures(database.db, testConfig());
    await database.close();
    project.provide('dbTemplate', { kind: 'postgres', serverUrl, template });
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const dir = path.resolve(import.meta.dirname, '../../../.tmp');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-template-${process.pid}.tar`);
  const database = await openDatabase({});
  await migrateDatabase(database);
  await ensureReferenceData(database.db);
  await seedDemo(database.db, argon, testConfig());
  await linkStoredTitles(database.db);
  await backfillMatchingFeatures(database.db, testConfig());
  const dump = await database.pglite!.dumpDataDir('none');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('dbTemplate', { kind: 'pglite', file });
  return () => fs.rmSync(file, { force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: { kind: 'pglite'; file: string } | { kind: 'postgres'; serverUrl: string; template: string };
  }
}
