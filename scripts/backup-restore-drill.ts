// Backup and point-in-time recovery drill (issue 18): a primary of its own with WAL archiving
// (`archive_mode = on`, `archive_command` copying each segment into a local archive folder), Köprü
// migrated into it and run behind HAProxy, a base backup with `pg_basebackup`, persons registered
// through the app before and after a noted moment, then the base backup restored into a new data folder
// with `restore_command` and `recovery_target_time` = that moment. The restored server must hold exactly
// the writes up to the target. Prints the base backup's size and seconds, the WAL archived and the
// restore's seconds. Servers run as the `postgres` system user through `runuser` on spare loopback
// ports; the shared server on 5432 is not touched. Used by scale/restore.scale.test.ts; run alone (as
// root):  node scripts/backup-restore-drill.ts
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { startCluster, type Cluster } from './cluster.ts';
import { ensureTestRoles, TEST_APP_ROLE, TEST_OWNER_ROLE, urlAs } from '../src/server/test/roles.ts';
import { DEMO_PASSWORD } from '../src/server/db/seed/demo.ts';
import { withTcknChecksum } from '../src/common/identity-number.ts';
import {
  asPostgres,
  chownToPostgres,
  ownFolder,
  startPrimary,
  startRestored,
  type LocalServer,
} from '../scale/local-postgres.ts';

const DB = 'kopru_pitr';

export interface RestoreFigures {
  /** Persons registered before the base backup, after it up to the target, and after the target. */
  written: { beforeBackup: number; beforeTarget: number; afterTarget: number };
  /** Of each group, how many the restored server holds. */
  restored: { beforeBackup: number; beforeTarget: number; afterTarget: number };
  /** The recovery target (the primary's clock, ISO). */
  target: string;
  baseBackupBytes: number;
  baseBackupSeconds: number;
  walSegmentsArchived: number;
  walBytesArchived: number;
  /** From starting the restored server to its promotion at the target. */
  restoreSeconds: number;
  /** Seconds of the whole drill. */
  totalSeconds: number;
}

function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}

async function signIn(url: string, email: string): Promise<string> {
  const answer = await fetch(`${url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (answer.status !== 200) throw new Error(`sign-in ${email}: ${answer.status} ${await answer.text()}`);
  return answer.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
}

let serial = 0;
/** A counsellor registers a person (with the privacy notice and its audit event): the family name tags it. */
async function registerPerson(url: string, cookie: string, tag: string): Promise<void> {
  const n = ++serial;
  const answer = await fetch(`${url}/api/v1/persons`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      givenName: 'Yedek',
      familyName: `${tag} ${n}`,
      idKind: 'tckn',
      idNumber: withTcknChecksum(String(600_000_000 + n).slice(0, 9)),
      birthDate: '1988-05-05',
      sex: 'male',
      nationality: 'TR',
      province: 'İstanbul',
      district: 'Fatih',
      notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
      confirmNotDuplicate: true,
    }),
  });
  if (answer.status !== 201) throw new Error(`registering a person: ${answer.status} ${await answer.text()}`);
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function waitFor(what: string, seconds: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function runRestoreDrill(
  options: { log?: (line: string) => void; perGroup?: number } = {},
): Promise<RestoreFigures> {
  const log = options.log ?? ((line: string) => console.log(`[restore] ${line}`));
  const perGroup = options.perGroup ?? 5;
  const began = Date.now();
  const folder = ownFolder('kopru-pitr-');
  const archive = path.join(folder.dir, 'archive');
  fs.mkdirSync(archive);
  chownToPostgres(archive);
  let primary: LocalServer | undefined;
  let restored: LocalServer | undefined;
  let cluster: Cluster | undefined;
  try {
    // Continuous archiving: each finished WAL segment is copied into the archive (never over one there).
    primary = await startPrimary(folder.dir, [
      'archive_mode = on',
      `archive_command = 'test ! -f ${archive}/%f && cp %p ${archive}/%f'`,
    ]);
    await ensureTestRoles(primary.url());
    await query(primary.url(), `CREATE DATABASE ${DB} OWNER ${TEST_OWNER_ROLE}`);
    cluster = await startCluster({
      databaseUrl: urlAs(primary.url(), TEST_APP_ROLE, DB),
      ownerUrl: urlAs(primary.url(), TEST_OWNER_ROLE, DB),
      instances: 1,
      migrations: 1,
      log,
    });
    // Straight to the instance: the proxy is not what this drill is about, and a keep-alive connection it
    // closes while the base backup runs (its idle timeout) would fail a request on the client's side.
    const app = cluster.instances[0]!.url;
    const cookie = await signIn(app, 'counsellor@ibb.example');
    for (let n = 0; n < perGroup; n++) await registerPerson(app, cookie, 'Önce');

    // The base backup, as a nightly job takes it (a role with REPLICATION; here the superuser).
    const base = path.join(folder.dir, 'base');
    let t = Date.now();
    asPostgres('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primary.port),
      '-U',
      'postgres',
      '-D',
      base,
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    const baseBackupSeconds = (Date.now() - t) / 1000;
    const baseBackupBytes = folderBytes(base);
    log(`base backup ${(baseBackupBytes / 1e6).toFixed(1)} MB in ${baseBackupSeconds.toFixed(1)} s`);

    for (let n = 0; n < perGroup; n++) await registerPerson(app, cookie, 'Hedeften önce');
    // The recovery target, on the database server's clock: after every write above was committed.
    const [{ target }] = (await query<{ target: string }>(
      primary.url(),
      `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' AS target`,
    )) as [{ target: string }];
    await new Promise((r) => setTimeout(r, 1000));
    for (let n = 0; n < perGroup; n++) await registerPerson(app, cookie, 'Hedeften sonra');
    log(
      `recovery target ${target}: ${perGroup} persons registered before the base backup, ${perGroup} after it up to the target, ${perGroup} after the target`,
    );

    // Close the current segment so that the last writes are archived, and wait for the archiver.
    const [{ segment }] = (await query<{ segment: string }>(
      primary.url(),
      'SELECT pg_walfile_name(pg_switch_wal()) AS segment',
    )) as [{ segment: string }];
    await waitFor('the archiver', 60, async () => fs.existsSync(path.join(archive, segment)));
    await cluster.stop();
    cluster = undefined;
    // The primary is lost: everything is rebuilt from the base backup and the archive.
    primary.stop('immediate');
    const segments = fs.readdirSync(archive).filter((f) => /^[0-9A-F]{24}$/.test(f));
    const walBytesArchived = segments.reduce((sum, f) => sum + fs.statSync(path.join(archive, f)).size, 0);
    log(`WAL archived: ${segments.length} segments, ${(walBytesArchived / 1e6).toFixed(0)} MB`);

    // Restore into a new data folder: a copy of the base backup, replaying the archive up to the target.
    const dir = path.join(folder.dir, 'restored');
    const copied = spawnSync('/usr/sbin/runuser', ['-u', 'postgres', '--', 'cp', '-a', base, dir], {
      encoding: 'utf8',
    });
    if (copied.status !== 0) throw new Error(`copying the base backup: ${copied.stderr}`);
    t = Date.now();
    restored = await startRestored(dir, [
      `restore_command = 'cp ${archive}/%f %p'`,
      `recovery_target_time = '${target}'`,
      "recovery_target_action = 'promote'",
    ]);
    await waitFor('the end of recovery', 300, async () => {
      const [row] = await query<{ r: boolean }>(restored!.url(), 'SELECT pg_is_in_recovery() AS r');
      return row?.r === false;
    });
    const restoreSeconds = (Date.now() - t) / 1000;
    log(`restored to ${target} in ${restoreSeconds.toFixed(1)} s`);

    const counts = await query<{ tag: string; n: number }>(
      restored.url(DB),
      `SELECT regexp_replace(family_name, ' [0-9]+$', '') AS tag, count(*)::int AS n
       FROM persons WHERE given_name = 'Yedek' GROUP BY 1`,
    );
    const count = (tag: string) => counts.find((c) => c.tag === tag)?.n ?? 0;
    const figures: RestoreFigures = {
      written: { beforeBackup: perGroup, beforeTarget: perGroup, afterTarget: perGroup },
      restored: {
        beforeBackup: count('Önce'),
        beforeTarget: count('Hedeften önce'),
        afterTarget: count('Hedeften sonra'),
      },
      target,
      baseBackupBytes,
      baseBackupSeconds,
      walSegmentsArchived: segments.length,
      walBytesArchived,
      restoreSeconds,
      totalSeconds: (Date.now() - began) / 1000,
    };
    log(
      `restored persons: ${figures.restored.beforeBackup}/${perGroup} from before the base backup, ` +
        `${figures.restored.beforeTarget}/${perGroup} from after it up to the target, ` +
        `${figures.restored.afterTarget}/${perGroup} from after the target (expected 0); ` +
        `drill ${figures.totalSeconds.toFixed(0)} s`,
    );
    return figures;
  } finally {
    await cluster?.stop();
    restored?.stop('immediate');
    primary?.stop('immediate');
    folder.remove();
  }
}

if (import.meta.main) {
  await runRestoreDrill();
}
