import { parseArgs } from 'node:util';
import { loadConfig } from './config/config.ts';
import { checkNodeVersion, prepareDatabase } from './runtime.ts';
import { openDatabase } from './db/client.ts';
import { serve } from './main.ts';
import { bootstrapOrganisation, setPlatformAdmin } from './modules/identity/index.ts';
import { isEmpty, seedDemo } from './db/seed/demo.ts';
import { systemClock } from './lib/clock.ts';
import { deliverDue } from './modules/outbox/index.ts';
import { transportsFromConfig } from './modules/outbox/index.ts';
import { startJobs } from './jobs/engine.ts';
import { isSweepName, runSweep, SWEEPS } from './jobs/handlers.ts';
import path from 'node:path';
import { serializeError } from './lib/logging.ts';
import { importEsco } from './modules/taxonomy/index.ts';
import crypto from 'node:crypto';
import { keyId } from './lib/crypto.ts';
import { enforceRetiredKeys, rotateKeys, rotationStatus } from './lib/key-rotation.ts';

const HELP = `Köprü command line

  kopru serve                 start the server (same as npm start)
  kopru migrate               apply database migrations, the job queues and reference data, then exit
                              (as DATABASE_OWNER_URL when set, granting DATABASE_URL's role what it needs)
  kopru seed                  load the demo data set into an empty database
  kopru outbox deliver        deliver due outbox messages once (the outbox sweep)
  kopru jobs run SWEEP        run a periodic sweep once: outbox-sweep | referral-reminders | placement-follow-ups |
                              graduation-sweep | dp-destruction-sweep | cooperative-sweep |
                              fair-walk-in-sweep | indicator-exports-sweep | person-import-sweep
  kopru import esco CLASSIFICATION.zip RELATIONS.zip
                              load ESCO v1.1.1 (English CSV): occupations' labels as aliases of their ISCO-08
                              unit groups, skills, occupation–skill relations (a second run changes nothing)
  kopru keys generate          print a new pair of keys (KOPRU_DATA_KEY, KOPRU_INDEX_KEY) for a rotation
  kopru keys status            the configured keys' ids and the last rotations with their progress
  kopru keys rotate [--batch N]
                              re-encrypt every encrypted column under KOPRU_DATA_KEY and rebuild every blind
                              index under KOPRU_INDEX_KEY, reading with KOPRU_DATA_KEY_PREVIOUS and
                              KOPRU_INDEX_KEY_PREVIOUS; N rows per transaction (500); run it again to resume
                              (docs/SECURITY.md, "Key rotation")
  kopru admin bootstrap --org-name NAME --org-short SHORT --province PROVINCE --kind municipality|public-employment-service|ngo
                        --admin-name NAME --admin-email EMAIL [--platform-admin]
                              create an organisation and its first admin; prints the invitation link
                              (--platform-admin: that admin also edits the platform's reference data)
  kopru admin platform-admin --email EMAIL [--revoke]
                              make a staff user the platform administrator (holidays, minimum wages,
                              decent-work limits for every organisation), or take the role back

Configuration comes from the environment: DATABASE_URL, DATABASE_OWNER_URL, KOPRU_DATA_DIR, KOPRU_MODE, … (see README).`;

async function main(argv: string[]): Promise<void> {
  checkNodeVersion();
  const [command, sub] = argv;
  const say = (msg: string) => console.log(`[köprü] ${msg}`);
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
      console.log(HELP);
      return;
    case 'serve':
      return serve();
    case 'migrate': {
      const config = { ...loadConfig(), seedDemo: false };
      const { database } = await prepareDatabase(config, say);
      await database.close();
      return;
    }
    case 'seed': {
      const config = loadConfig();
      const { database } = await prepareDatabase({ ...config, seedDemo: false }, say);
      if (await isEmpty(database.db)) {
        await seedDemo(database.db, config.argon, config);
        say('Demo data set loaded');
      } else say('The database is not empty: nothing loaded');
      await database.close();
      return;
    }
    case 'outbox': {
      if (sub !== 'deliver') throw new Error('usage: kopru outbox deliver');
      const config = loadConfig();
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        pgliteDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
      });
      const tally = await deliverDue(
        { db: database.db, clock: systemClock, config, transports: transportsFromConfig(config) },
        500,
      );
      say(`sent ${tally.sent}, captured ${tally.captured}, retried ${tally.retried}, failed ${tally.failed}`);
      await database.close();
      return;
    }
    case 'jobs': {
      const name = argv[2] ?? '';
      if (sub !== 'run' || !isSweepName(name))
        throw new Error(`usage: kopru jobs run ${Object.keys(SWEEPS).join('|')}`);
      const config = loadConfig();
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        pgliteDir: config.databaseUrl ? undefined : path.join(config.dataDir, 'pglite'),
      });
      try {
        const jobs = await startJobs(database, { maintain: false, poolSize: 1 });
        try {
          const deps = { config, database, clock: systemClock, transports: transportsFromConfig(config), jobs };
          say(`${name}: ${JSON.stringify(await runSweep(deps, name))}`);
        } finally {
          await jobs.stop();
        }
      } finally {
        await database.close();
      }
      return;
    }
    case 'import': {
      const [classification, relations] = argv.slice(2);
      if (sub !== 'esco' || !classification || !relations)
        throw new Error('usage: kopru import esco <classification.zip> <relations.zip>');
      const config = { ...loadConfig(), seedDemo: false };
      const { database } = await prepareDatabase(config, say);
      try {
        const started = Date.now();
        const r = await importEsco(database.db, classification, relations, say);
        say(
          `ESCO imported in ${((Date.now() - started) / 1000).toFixed(1)} s: ${r.labelsAdded} occupation labels, ` +
            `${r.skillsAdded} skills (${r.skillsUpdated} updated), ${r.linksAdded} relations (${r.linksUpdated} updated) added`,
        );
        say('This service uses the ESCO classification of the European Commission.');
      } finally {
        await database.close();
      }
      return;
    }
    case 'keys': {
      if (sub === 'generate') {
        const data = crypto.randomBytes(32).toString('hex');
        const index = crypto.randomBytes(32).toString('hex');
        console.log(`KOPRU_DATA_KEY=${data}    # key id ${keyId(Buffer.from(data, 'hex'))}`);
        console.log(`KOPRU_INDEX_KEY=${index}    # key id ${keyId(Buffer.from(index, 'hex'))}`);
        return;
      }
      if (sub !== 'status' && sub !== 'rotate') throw new Error('usage: kopru keys generate|status|rotate [--batch N]');
      const { values } = parseArgs({ args: argv.slice(2), options: { batch: { type: 'string', default: '500' } } });
      const batchSize = Number(values.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10000)
        throw new Error('--batch must be a whole number from 1 to 10000');
      const config = { ...loadConfig(), seedDemo: false };
      const { database } = await prepareDatabase(config, say);
      try {
        if (sub === 'status') {
          say(
            `data key ${keyId(config.dataKey)}${config.previousDataKey ? ` (previous ${keyId(config.previousDataKey)})` : ''}`,
          );
          say(
            `index key ${keyId(config.indexKey)}${config.previousIndexKey ? ` (previous ${keyId(config.previousIndexKey)})` : ''}`,
          );
          for (const r of await rotationStatus(database.db)) {
            say(
              `rotation ${r.id} ${r.status}: data ${r.oldDataKeyId} → ${r.newDataKeyId}, index ${r.oldIndexKeyId} → ` +
                `${r.newIndexKeyId}, started ${r.startedAt.toISOString()}${r.completedAt ? `, completed ${r.completedAt.toISOString()}` : ''}, ${r.runs} run(s)`,
            );
            for (const [name, p] of Object.entries(r.progress))
              say(`  ${name}: ${p.seen} rows, ${p.changed} re-sealed${p.done ? ', done' : ''}`);
          }
          await enforceRetiredKeys(database.db, config, say);
          return;
        }
        const jobs = await startJobs(database, { maintain: false, poolSize: 1 });
        try {
          const ctx = {
            db: database.db,
            actor: null,
            requestId: `cli:keys-rotate:${crypto.randomUUID()}`,
            locale: 'tr' as const,
            ip: '127.0.0.1',
            userAgent: 'kopru-cli',
            clock: systemClock,
            config,
            jobs,
          };
          await rotateKeys(ctx, { batchSize, say });
        } finally {
          await jobs.stop();
        }
      } finally {
        await database.close();
      }
      return;
    }
    case 'admin': {
      if (sub === 'platform-admin') {
        const { values } = parseArgs({
          args: argv.slice(2),
          options: { email: { type: 'string' }, revoke: { type: 'boolean', default: false } },
        });
        if (!values.email) throw new Error('usage: kopru admin platform-admin --email EMAIL [--revoke]');
        const config = { ...loadConfig(), seedDemo: false };
        const { database } = await prepareDatabase(config, say);
        const r = await setPlatformAdmin(database.db, config, { email: values.email, revoke: values.revoke });
        say(
          r.changed
            ? `${r.fullName} ${values.revoke ? 'is no longer' : 'is now'} a platform administrator`
            : `${r.fullName} ${values.revoke ? 'was not' : 'already is'} a platform administrator: nothing changed`,
        );
        await database.close();
        return;
      }
      if (sub !== 'bootstrap') throw new Error('usage: kopru admin bootstrap … | kopru admin platform-admin …');
      const { values } = parseArgs({
        args: argv.slice(2),
        options: {
          'org-name': { type: 'string' },
          'org-short': { type: 'string' },
          province: { type: 'string' },
          kind: { type: 'string', default: 'municipality' },
          'admin-name': { type: 'string' },
          'admin-email': { type: 'string' },
          'platform-admin': { type: 'boolean', default: false },
        },
      });
      const config = { ...loadConfig(), seedDemo: false };
      const { database } = await prepareDatabase(config, say);
      const link = await bootstrapOrganisation(database.db, config, {
        name: values['org-name'] ?? '',
        shortName: values['org-short'] ?? '',
        province: values.province ?? '',
        kind: values.kind as 'municipality',
        adminName: values['admin-name'] ?? '',
        adminEmail: values['admin-email'] ?? '',
        platformAdmin: values['platform-admin'],
      });
      say(`Organisation created. The admin sets a password at: ${link}`);
      await database.close();
      return;
    }
    default:
      throw new Error(`Unknown command "${command}".\n\n${HELP}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`[köprü] ${serializeError(err).message}`);
  process.exit(1);
});
