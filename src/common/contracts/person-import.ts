/**
 * The people module's bulk import of persons from a spreadsheet: the template, the upload with its
 * dry run (a multipart/form-data body read as a stream), the import in the background with its
 * progress, and cancelling it. Each row is checked against the registration's `PersonCreate`
 * (`people.ts`), the very schema `POST /persons` validates with.
 */
import { Type, type Static } from 'typebox';
import { IMPORT_STATUSES } from '../people.ts';
import { defineOp } from './op.ts';
import { Binary, FilePart, Known, LocaleSchema, Nullable, Uuid } from './schema.ts';
import { Ref } from './people.ts';

const tags = ['persons'] as const;
const access = 'persons:write';

/** An XLSX of 100,000 rows of the template's columns is about 9 MB; a CSV of them about 20 MB. */
export const IMPORT_MAX_FILE_BYTES = 40 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 100_000;

export const ImportProblem = Type.Object({
  row: Type.Integer({ description: 'Row number as the spreadsheet shows it (0: the file as a whole)' }),
  pointer: Type.String({ description: 'The column, as a JSON pointer to its field, e.g. /idNumber' }),
  column: Nullable(Type.String({ description: 'Column letter in the uploaded file, e.g. D' })),
  columnName: Type.String({ description: 'The column header in the caller’s language' }),
  code: Type.String({ description: 'Message key' }),
  message: Type.String({ description: 'The message in the caller’s language' }),
});
export type ImportProblem = Static<typeof ImportProblem>;

const jobFields = {
  id: Type.String(),
  fileName: Type.String(),
  status: Known(IMPORT_STATUSES),
  validRowsOnly: Type.Boolean(),
  totalRows: Type.Integer(),
  processedRows: Type.Integer(),
  importedRows: Type.Integer(),
  rowsWithProblems: Type.Integer(),
  user: Ref,
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
/** An import job: its progress and its row report. */
export const ImportJob = Type.Object({ ...jobFields, problems: Type.Array(ImportProblem) });
export type ImportJob = Static<typeof ImportJob>;
/** An import job in the list of recent ones (without the row report). */
export const ImportJobSummary = Type.Object(jobFields);
export type ImportJobSummary = Static<typeof ImportJobSummary>;
/** The answer to an upload: the checked job, and the file's columns the import does not know. */
export const ImportChecked = Type.Object({ ...ImportJob.properties, ignoredColumns: Type.Array(Type.String()) });
export type ImportChecked = Static<typeof ImportChecked>;

const JobParams = Type.Object({ jobId: Uuid });

export const importTemplate = defineOp({
  method: 'GET',
  path: '/persons/import/template',
  tags,
  summary: 'Download the import template (XLSX or CSV with a UTF-8 BOM), headers in the chosen language',
  access,
  query: Type.Object({
    format: Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' }),
    locale: Type.Optional(LocaleSchema),
  }),
  response: Binary,
});

export const listImports = defineOp({
  method: 'GET',
  path: '/persons/import',
  tags,
  summary: 'Recent person imports of my organisation (my office’s, without offices:all)',
  access,
  response: Type.Object({ items: Type.Array(ImportJobSummary) }),
});

export const uploadImport = defineOp({
  method: 'POST',
  path: '/persons/import',
  tags,
  summary: 'Upload an XLSX or CSV file: every row is checked as a registration would be; nothing is written',
  description:
    'multipart/form-data with the part `file` (an XLSX or CSV file, at most ' +
    `${IMPORT_MAX_FILE_BYTES / 1024 / 1024} MB and ${IMPORT_MAX_ROWS} rows) and, before it, ` +
    'the optional field `officeId`. Answers the validated job with a row report (row number, column, ' +
    'message): the dry run, which writes no person. CSV may use ; or , and dates YYYY-MM-DD or ' +
    'DD.MM.YYYY. Import with POST /persons/import/{jobId}/run.',
  access,
  multipart: true,
  // The parts in the order they are sent: the office first, so that the file can be read as it arrives.
  body: Type.Object({
    officeId: Type.Optional(Uuid),
    file: FilePart('An XLSX or CSV file'),
  }),
  response: ImportChecked,
  status: 201,
});

export const getImport = defineOp({
  method: 'GET',
  path: '/persons/import/:jobId',
  tags,
  summary: 'An import job: progress and the row report',
  access,
  params: JobParams,
  response: ImportJob,
});

export const runImport = defineOp({
  method: 'POST',
  path: '/persons/import/:jobId/run',
  tags,
  summary: 'Import the rows of a validated file, in the background (poll GET /persons/import/{jobId})',
  description:
    'Refused (409 errors.import.hasErrors) when the file has errors unless validRowsOnly is true: nothing ' +
    'is written from a file with errors unless the user chooses to import the valid rows.',
  access,
  params: JobParams,
  body: Type.Object({ validRowsOnly: Type.Boolean() }, { additionalProperties: false }),
  response: ImportJob,
  status: 202,
});

export const cancelImport = defineOp({
  method: 'POST',
  path: '/persons/import/:jobId/cancel',
  tags,
  summary: 'Cancel a validated or running import (persons already imported stay)',
  access,
  params: JobParams,
  response: ImportJob,
});
