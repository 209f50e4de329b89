import multipart from '@fastify/multipart';
import type { Readable } from 'node:stream';
import * as op from '../../../../common/contracts/person-import.ts';
import { problems } from '../../../lib/errors.ts';
import type { SheetRow } from '../../../lib/tabular.ts';
import type { App, AppDeps } from '../../../http.ts';
import { route } from '../../../lib/route.ts';
import * as importService from './import.service.ts';
import { sendFile } from '../../../lib/download.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tooLarge = () =>
  problems.invalid('/file', 'errors.import.fileTooLarge', {
    mb: Math.round(importService.MAX_FILE_BYTES / 1024 / 1024),
  });

/** The rows of the uploaded file as they arrive; a file cut at the size limit is refused as too large. */
async function* rowsOf(fileName: string, file: Readable & { truncated?: boolean }): AsyncGenerator<SheetRow> {
  try {
    yield* importService.readUpload(fileName, file);
  } catch (err) {
    if (file.truncated) throw tooLarge();
    throw err;
  }
  if (file.truncated) throw tooLarge();
}

/**
 * Chunks imported at once on a server (each in its own transaction and connection): the persons' insert
 * and its indexes are the database's work, which one connection runs on one core. Two keep a 2-core
 * database busy while the app prepares the next chunks (bench/README.md, "Person import").
 */
const IMPORT_WORKERS = 2;

/**
 * Bulk import of persons (permission persons:write), declared in src/common/contracts/person-import.ts.
 * The dry run checks each row against the registration's own `PersonCreate` contract.
 */
export async function importRoutes(app: App, deps: Pick<AppDeps, 'database'>): Promise<void> {
  // Imports run after the response; the app waits for the chunks in progress when it closes, and the
  // job is left `running` (resumable with POST …/run once it is stale).
  const running = new Set<Promise<void>>();
  let closing = false;
  app.addHook('onClose', async () => {
    closing = true;
    await Promise.allSettled([...running]);
  });

  route(app, op.importTemplate, async ({ ctx, query, reply }) => {
    const file = await importService.buildTemplate(query.locale ?? ctx.locale, query.format);
    return sendFile(reply, file);
  });

  route(app, op.listImports, async ({ ctx }) => ({ items: await importService.listImports(ctx) }));

  // The file comes as multipart/form-data, streamed: an XLSX is read row by row as it arrives.
  await app.register(multipart, {
    limits: { fileSize: importService.MAX_FILE_BYTES, files: 1, fields: 4, parts: 6, fieldSize: 1024 },
  });

  route(app, op.uploadImport, async ({ ctx, request }) => {
    if (!request.isMultipart()) throw problems.invalid('/file', 'errors.import.fileType');
    let officeId: string | null = null;
    let checked: Awaited<ReturnType<typeof importService.validateImport>> | null = null;
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (part.fieldname === 'officeId') {
          // The file is checked as it arrives, for the office named before it.
          if (checked) {
            await importService.discardImport(ctx, checked.job.id);
            throw problems.invalid('/officeId', 'errors.import.officeAfterFile');
          }
          const value = typeof part.value === 'string' ? part.value.trim() : '';
          if (value && !UUID.test(value)) throw problems.invalid('/officeId', 'errors.users.officeUnknown');
          officeId = value || null;
        }
        continue;
      }
      if (part.fieldname !== 'file' || checked) {
        part.file.resume();
        continue;
      }
      const fileName = (part.filename || 'upload').slice(0, 200);
      checked = await importService.validateImport(ctx, { fileName, rows: rowsOf(fileName, part.file), officeId });
    }
    if (!checked) throw problems.invalid('/file', 'errors.validation.required');
    return { ...checked.job, ignoredColumns: checked.ignoredColumns };
  });

  route(app, op.getImport, async ({ ctx, params }) => importService.getImport(ctx, params.jobId));

  route(app, op.runImport, async ({ ctx, params, body, request }) => {
    const job = await importService.startImport(ctx, params.jobId, body.validRowsOnly);
    const log = request.log;
    const task: Promise<void> = importService
      .processImport({ ...ctx }, job.id, () => closing, deps.database.kind === 'postgres' ? IMPORT_WORKERS : 1)
      .catch((err: unknown) => log.error({ err }, 'person import failed'))
      .finally(() => running.delete(task));
    running.add(task);
    return job;
  });

  route(app, op.cancelImport, async ({ ctx, params }) => importService.cancelImport(ctx, params.jobId));
}
