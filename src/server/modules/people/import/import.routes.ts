import { Type, type TSchema } from 'typebox';
import multipart from '@fastify/multipart';
import { problems } from '../../../lib/errors.ts';
import type { SheetRow } from '../../../lib/tabular.ts';
import type { App } from '../../../http.ts';
import { errorResponses, LocaleSchema, Uuid } from '../../../lib/schemas.ts';
import * as importService from './import.service.ts';
import { sendFile } from '../../../lib/download.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const Problem = Type.Object({
  row: Type.Integer({ description: 'Row number as the spreadsheet shows it (0: the file as a whole)' }),
  pointer: Type.String({ description: 'The column, as a JSON pointer to its field, e.g. /idNumber' }),
  column: Nullable(Type.String({ description: 'Column letter in the uploaded file, e.g. D' })),
  columnName: Type.String({ description: 'The column header in the caller’s language' }),
  code: Type.String({ description: 'Message key' }),
  message: Type.String({ description: 'The message in the caller’s language' }),
});

const jobFields = {
  id: Type.String(),
  fileName: Type.String(),
  status: Type.Union([
    Type.Literal('validated'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
    Type.Literal('cancelled'),
  ]),
  validRowsOnly: Type.Boolean(),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  importedRows: Type.Integer(),
  rowsWithProblems: Type.Integer(),
  user: Type.Object({ id: Type.String(), name: Type.String() }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
const Job = Type.Object({ ...jobFields, problems: Type.Array(Problem) });
const JobSummary = Type.Object(jobFields);
const JobParams = Type.Object({ jobId: Uuid });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tooLarge = () =>
  problems.invalid('/file', 'errors.import.fileTooLarge', {
    mb: Math.round(importService.MAX_FILE_BYTES / 1024 / 1024),
  });

/**
 * Bulk import of persons (permission persons:write). Register before peopleRoutes: the dry run checks
 * each row against the very schema of POST /persons, captured here as that route is registered.
 */
export async function importRoutes(app: App): Promise<void> {
  const tags = ['persons'];

  app.addHook('onRoute', (route) => {
    const methods = [route.method].flat();
    const body = (route.schema as { body?: TSchema } | undefined)?.body;
    if (methods.includes('POST') && /\/persons$/.test(route.url ?? '') && body)
      importService.usePersonCreateSchema(body);
  });
  app.addHook('onReady', async () => {
    if (!importService.hasPersonCreateSchema())
      throw new Error('importRoutes must be registered before peopleRoutes (it reads the PersonCreate schema)');
  });

  // Imports run after the response; the app waits for the chunk in progress when it closes, and the
  // job is left `running` (resumable with POST …/run once it is stale).
  const running = new Set<Promise<void>>();
  let closing = false;
  app.addHook('onClose', async () => {
    closing = true;
    await Promise.allSettled([...running]);
  });

  app.get(
    '/persons/import/template',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Download the import template (XLSX or CSV with a UTF-8 BOM), headers in the chosen language',
        querystring: Type.Object({
          format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' }),
          locale: Type.Optional(LocaleSchema),
        }),
        response: { 200: Type.String({ description: 'The file' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await importService.buildTemplate(request.query.locale ?? request.locale, request.query.format);
      return sendFile(reply, file);
    },
  );

  app.get(
    '/persons/import',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Recent person imports of my organisation (my office’s, without offices:all)',
        response: { 200: Type.Object({ items: Type.Array(JobSummary) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await importService.listImports(request.ctx) }),
  );

  // The file comes as multipart/form-data, streamed: an XLSX is read row by row as it arrives.
  await app.register(multipart, {
    limits: { fileSize: importService.MAX_FILE_BYTES, files: 1, fields: 4, parts: 6, fieldSize: 1024 },
  });

  app.post(
    '/persons/import',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Upload an XLSX or CSV file: every row is checked as a registration would be; nothing is written',
        description:
          'multipart/form-data with the part `file` (an XLSX or CSV file, at most ' +
          `${importService.MAX_FILE_BYTES / 1024 / 1024} MB and ${importService.MAX_ROWS} rows) and, before it, ` +
          'the optional field `officeId`. Answers the validated job with a row report (row number, column, ' +
          'message): the dry run, which writes no person. CSV may use ; or , and dates YYYY-MM-DD or ' +
          'DD.MM.YYYY. Import with POST /persons/import/{jobId}/run.',
        consumes: ['multipart/form-data'],
        response: {
          201: Type.Object({ ...Job.properties, ignoredColumns: Type.Array(Type.String()) }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw problems.invalid('/file', 'errors.import.fileType');
      let officeId: string | null = null;
      let upload: { fileName: string; rows: SheetRow[] } | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'field') {
          if (part.fieldname === 'officeId') {
            const value = typeof part.value === 'string' ? part.value.trim() : '';
            if (value && !UUID.test(value)) throw problems.invalid('/officeId', 'errors.users.officeUnknown');
            officeId = value || null;
          }
          continue;
        }
        if (part.fieldname !== 'file' || upload) {
          part.file.resume();
          continue;
        }
        const fileName = (part.filename || 'upload').slice(0, 200);
        try {
          upload = { fileName, rows: await importService.readUpload(fileName, part.file) };
        } catch (err) {
          if (part.file.truncated) throw tooLarge();
          throw err;
        }
        if (part.file.truncated) throw tooLarge();
      }
      if (!upload) throw problems.invalid('/file', 'errors.validation.required');
      const { job, ignoredColumns } = await importService.validateImport(request.ctx, { ...upload, officeId });
      return reply.code(201).send({ ...job, ignoredColumns });
    },
  );

  app.get(
    '/persons/import/:jobId',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'An import job: progress and the row report',
        params: JobParams,
        response: { 200: Job, ...errorResponses },
      },
    },
    async (request) => importService.getImport(request.ctx, request.params.jobId),
  );

  app.post(
    '/persons/import/:jobId/run',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Import the rows of a validated file, in the background (poll GET /persons/import/{jobId})',
        description:
          'Refused (409 errors.import.hasErrors) when the file has errors unless validRowsOnly is true: nothing ' +
          'is written from a file with errors unless the user chooses to import the valid rows.',
        params: JobParams,
        body: Type.Object({ validRowsOnly: Type.Boolean() }, { additionalProperties: false }),
        response: { 202: Job, ...errorResponses },
      },
    },
    async (request, reply) => {
      const job = await importService.startImport(request.ctx, request.params.jobId, request.body.validRowsOnly);
      const ctx = { ...request.ctx };
      const log = request.log;
      const task: Promise<void> = importService
        .processImport(ctx, job.id, () => closing)
        .catch((err: unknown) => log.error({ err }, 'person import failed'))
        .finally(() => running.delete(task));
      running.add(task);
      return reply.code(202).send(job);
    },
  );

  app.post(
    '/persons/import/:jobId/cancel',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Cancel a validated or running import (persons already imported stay)',
        params: JobParams,
        response: { 200: Job, ...errorResponses },
      },
    },
    async (request) => importService.cancelImport(request.ctx, request.params.jobId),
  );
}
