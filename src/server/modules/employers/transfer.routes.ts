import { Type, type TSchema } from 'typebox';
import type { App } from '../../http.ts';
import { errorResponses, LocaleSchema } from '../../lib/schemas.ts';
import type { Permission } from '../../../common/permissions.ts';
import * as transfer from './transfer.service.ts';
import { sendFile } from '../../lib/download.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Format = Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' });

const ReportItem = Type.Object({
  row: Type.Integer({ description: 'Row number as the spreadsheet shows it' }),
  pointer: Type.String({ description: 'The column, as a JSON pointer to its field, e.g. /taxNumber' }),
  column: Nullable(Type.String({ description: 'Column letter in the uploaded file, e.g. D' })),
  columnName: Type.String({ description: 'The column header in the caller’s language' }),
  code: Type.String({ description: 'Message key' }),
  message: Type.String({ description: 'The message in the caller’s language' }),
});

const Report = Type.Object({
  kind: Type.String(),
  dryRun: Type.Boolean(),
  written: Type.Boolean(),
  totalRows: Type.Integer(),
  validRows: Type.Integer(),
  importedRows: Type.Integer(),
  rowsWithProblems: Type.Integer(),
  problems: Type.Array(ReportItem),
  warnings: Type.Array(ReportItem, {
    description: 'Vacancies: decent-work rules and wording that will stop submission',
  }),
  ignoredColumns: Type.Array(Type.String()),
  ids: Type.Array(Type.String()),
});

const MAX_BASE64 = Math.ceil(transfer.MAX_FILE_BYTES / 3) * 4;

const Upload = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    contentBase64: Type.String({ minLength: 1, maxLength: MAX_BASE64 }),
    dryRun: Type.Boolean(),
    validRowsOnly: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/**
 * Import and export of employers and vacancies. An import checks each row against the very body schema of
 * POST /employers or POST /vacancies (`EmployerCreate`, the vacancies contract's `VacancyCreate`).
 */
export async function transferRoutes(app: App): Promise<void> {
  const kinds: { kind: transfer.TransferKind; read: Permission; write: Permission; tag: string; what: string }[] = [
    { kind: 'employers', read: 'employers:read', write: 'employers:write', tag: 'employers', what: 'employers' },
    { kind: 'vacancies', read: 'vacancies:read', write: 'vacancies:write', tag: 'vacancies', what: 'vacancies' },
  ];
  for (const { kind, read, write, tag, what } of kinds) {
    app.get(
      `/${kind}/export`,
      {
        config: { access: read },
        schema: {
          tags: [tag],
          summary: `Export the organisation's ${what} (XLSX, or CSV with a UTF-8 BOM), headers in my language`,
          description:
            'No personal data: no contact people, and the tax number of a sole trader (their ID number) masked.' +
            (kind === 'vacancies' ? ' The employer is named by its tax number, as the import expects.' : ''),
          querystring: Type.Object({ format: Format, locale: Type.Optional(LocaleSchema) }),
          response: { 200: Type.String({ description: 'The file' }), ...errorResponses },
        },
      },
      async (request, reply) => {
        const ctx = request.query.locale ? { ...request.ctx, locale: request.query.locale } : request.ctx;
        const file =
          kind === 'employers'
            ? await transfer.exportEmployers(ctx, request.query.format)
            : await transfer.exportVacancies(ctx, request.query.format);
        return sendFile(reply, file);
      },
    );

    app.get(
      `/${kind}/import/template`,
      {
        config: { access: write },
        schema: {
          tags: [tag],
          summary: `Download the ${what} import template (XLSX or CSV), headers in the chosen language`,
          querystring: Type.Object({ format: Format, locale: Type.Optional(LocaleSchema) }),
          response: { 200: Type.String({ description: 'The file' }), ...errorResponses },
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await transfer.buildTemplate(kind, request.query.locale ?? request.locale, request.query.format),
        ),
    );

    app.post(
      `/${kind}/import`,
      {
        config: { access: write },
        bodyLimit: MAX_BASE64 + 64 * 1024,
        schema: {
          tags: [tag],
          summary: `Import ${what} from an XLSX or CSV file; every row checked with the rules of POST /${kind}`,
          description:
            'With dryRun: nothing is written and the answer (200) is the row report: row number, column (pointer and ' +
            'letter) and translated message for every problem. Without: the rows are written (201) when every row ' +
            'passes, or with validRowsOnly the rows that pass; otherwise nothing is written and the answer is 422 ' +
            'errors.transfer.hasErrors with one error per problem, pointer /rows/{row}/{field}.' +
            (kind === 'vacancies'
              ? ' Vacancies are created as drafts of the employer named by its tax number in the row; warnings list the ' +
                'decent-work rules and wording that would stop their submission.'
              : ' Employers are created pending, for staff to confirm the hazard class and verify.'),
          body: Upload,
          response: { 200: Report, 201: Report, ...errorResponses },
        },
      },
      async (request, reply) => {
        const report = await transfer.importFile(request.ctx, kind, request.body);
        return reply.code(report.written ? 201 : 200).send(report);
      },
    );
  }
}
