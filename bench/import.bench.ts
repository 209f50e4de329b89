/**
 * Person import (`npm run bench -- import`, issue 15): an XLSX file of --rows persons (100,000 by default),
 * uploaded to this tree's server (PostgreSQL, demo data, a throw-away database) through the API as the web
 * app sends it (multipart/form-data, streamed), checked (the dry run, which writes nothing) and then
 * imported; prints the time of each step, the rows imported and with problems, the server's peak memory
 * (VmHWM) and the load average.
 *
 *   npm run bench -- import [--rows 100000] [--bad-every 1000] [--url postgres://…]
 *
 * Every --bad-every-th row has no birth date (a row-level problem): those are reported, not written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import tr from '../src/common/i18n/tr.json' with { type: 'json' };
import { withTcknChecksum } from '../src/common/identity-number.ts';
import { NOTICE_VERSION } from '../src/common/people.ts';
import { loadAverage, log, ROOT, runCleanups, sessionCookie, startServer, type Tree } from './serve.ts';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    'bad-every': { type: 'string', default: '1000' },
    url: { type: 'string' },
  },
});
const SERVER_URL =
  args.url ??
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(args.rows);
const BAD_EVERY = Number(args['bad-every']);

/** The template's columns and their Turkish headers (the import maps columns by header). */
const COLUMNS = tr.import.columns as Record<string, string>;
const IMPORT_FIELDS = Object.keys(COLUMNS);

const GIVEN = ['Ayşe', 'Fatma', 'Mehmet', 'Mustafa', 'Zeynep', 'Emine', 'Ali', 'Hüseyin', 'Elif', 'Murat', 'Hatice'];
const FAMILY = ['Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Çelik', 'Yıldız', 'Yıldırım', 'Öztürk', 'Aydın', 'Özdemir'];

/** Writes the file with exceljs' streaming writer (the bench's own memory stays small too). */
async function writeFile(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Kişiler');
  sheet.addRow(IMPORT_FIELDS.map((f) => COLUMNS[f]!)).commit();
  for (let i = 1; i <= ROWS; i++) {
    const bad = BAD_EVERY > 0 && i % BAD_EVERY === 0;
    const day = new Date(Date.UTC(1960 + (i % 45), i % 12, 1 + (i % 28)));
    const values: Record<string, string | Date> = {
      givenName: `${GIVEN[i % GIVEN.length]} ${i}`,
      familyName: FAMILY[Math.floor(i / GIVEN.length) % FAMILY.length]!,
      idKind: 'T.C. kimlik no',
      idNumber: withTcknChecksum(String(200_000_000 + i)),
      passportCountry: '',
      birthDate: bad ? '' : day,
      sex: i % 2 ? 'kadın' : 'erkek',
      nationality: 'TR',
      phone: '',
      email: '',
      province: 'İstanbul',
      district: 'Fatih',
      targetGroups: i % 3 === 0 ? 'long-term-unemployed:14' : '',
      desiredOccupations: '',
      noticeVersion: NOTICE_VERSION,
      noticeChannel: 'yüz yüze',
      consentEmployers: i % 2 ? 'evet' : 'hayır',
      checkedNotDuplicate: 'evet',
    };
    sheet.addRow(IMPORT_FIELDS.map((f) => values[f] ?? '')).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** A figure of /proc/PID/status in MB (VmRSS now, VmHWM the peak since the last reset), or NaN. */
const statusMb = (pid: number | undefined, field: 'VmRSS' | 'VmHWM') => {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024);
  } catch {
    return NaN;
  }
};
/** Resets the peak (VmHWM) to the current RSS (Linux: `5` to clear_refs), so each step's peak is its own. */
const resetPeak = (pid: number | undefined) => {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
};
/** "peak MB (+growth over the RSS before the upload)". */
const peakOf = (pid: number | undefined, before: number) => {
  const peak = statusMb(pid, 'VmHWM');
  return `${peak} MB (+${peak - before})`;
};

async function main(): Promise<void> {
  const started = performance.now();
  log(`# Import bench (${new Date().toISOString()}), ${os.cpus().length} cores, load average ${loadAverage()}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kopru-importbench-'));
  const file = path.join(dir, 'kisiler.xlsx');
  let t0 = performance.now();
  await writeFile(file);
  const bytes = fs.statSync(file).size;
  log(
    `  wrote ${ROWS} rows, ${(bytes / 1024 / 1024).toFixed(1)} MB, in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const tree: Tree = { name: 'this tree', dir: ROOT, database: `kopru_importbench_${process.pid}`, output: '' };
  await startServer(tree, SERVER_URL);
  const cookie = await sessionCookie(tree);
  const headers = { cookie, origin: tree.baseUrl!, 'accept-language': 'tr' };

  const form = new FormData();
  form.append('file', await fs.openAsBlob(file), 'kisiler.xlsx');
  const pid = tree.server?.pid;
  // The start-up (migrations, taxonomy, demo data) has its own peak: each step's is measured from here.
  if (!resetPeak(pid)) log('  (cannot reset the peak RSS: the figures include the start-up)');
  const rssBeforeUpload = statusMb(pid, 'VmRSS');
  t0 = performance.now();
  const uploaded = await fetch(`${tree.baseUrl}/api/v1/persons/import`, { method: 'POST', headers, body: form });
  const job = (await uploaded.json()) as { id: string; totalRows: number; rowsWithProblems: number; detail?: string };
  if (uploaded.status !== 201) throw new Error(`upload: ${uploaded.status} ${JSON.stringify(job)}`);
  const dryRun = (performance.now() - t0) / 1000;
  const afterDryRun = { rss: peakOf(pid, rssBeforeUpload), load: loadAverage() };
  resetPeak(pid);
  const rssBeforeImport = statusMb(pid, 'VmRSS');
  log(`  upload + dry run: ${dryRun.toFixed(1)} s, ${job.totalRows} rows, ${job.rowsWithProblems} with problems`);

  t0 = performance.now();
  const run = await fetch(`${tree.baseUrl}/api/v1/persons/import/${job.id}/run`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ validRowsOnly: true }),
  });
  if (run.status !== 202) throw new Error(`run: ${run.status} ${await run.text()}`);
  let state: { status: string; processedRows: number; importedRows: number } = {
    status: 'running',
    processedRows: 0,
    importedRows: 0,
  };
  let lastLog = 0;
  while (state.status === 'running') {
    await new Promise((r) => setTimeout(r, 1000));
    state = (await (
      await fetch(`${tree.baseUrl}/api/v1/persons/import/${job.id}`, { headers })
    ).json()) as typeof state;
    if (performance.now() - lastLog > 30_000) {
      lastLog = performance.now();
      log(`  … ${state.processedRows} rows processed, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  const imported = (performance.now() - t0) / 1000;
  log(
    `\n## Import: ${ROWS} rows from an XLSX file (${(bytes / 1024 / 1024).toFixed(1)} MB), multipart upload, ` +
      `PostgreSQL, demo data\n`,
  );
  log(`Server RSS before the upload ${rssBeforeUpload} MB, before the import ${rssBeforeImport} MB.\n`);
  log(
    '| step | seconds | rows/s | rows | with problems | server peak RSS in the step (+ over the RSS before the upload) | load average (1/5/15 min) |',
  );
  log('| --- | ---: | ---: | ---: | ---: | --- | --- |');
  log(
    `| upload + dry run (nothing written) | ${dryRun.toFixed(1)} | ${(ROWS / dryRun).toFixed(0)} | ${job.totalRows} | ` +
      `${job.rowsWithProblems} | ${afterDryRun.rss} | ${afterDryRun.load} |`,
  );
  log(
    `| import (${state.status}) | ${imported.toFixed(1)} | ${(state.importedRows / imported).toFixed(0)} | ` +
      `${state.importedRows} imported | ${job.rowsWithProblems} left out | ${peakOf(pid, rssBeforeUpload)} | ${loadAverage()} |`,
  );
  log(`\nDone in ${((performance.now() - started) / 1000).toFixed(0)} s, load average ${loadAverage()}.`);
  fs.rmSync(dir, { recursive: true, force: true });
}

try {
  await main();
} finally {
  await runCleanups();
}
