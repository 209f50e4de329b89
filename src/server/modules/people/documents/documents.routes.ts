import { Type, type TSchema } from 'typebox';
import type { FastifyReply } from 'fastify';
import type { App } from '../../../http.ts';
import { errorResponses, IdParams, LocaleSchema, Uuid } from '../../../lib/schemas.ts';
import * as service from './documents.service.ts';
import { attachment } from '../../../lib/download.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

const Document = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedBy: Nullable(Type.String()),
  createdAt: Type.String(),
});

const Binary = (description: string) => Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description });
const DocumentParams = Type.Object({ id: Uuid, docId: Uuid });
/** Base64 of 5 MiB is about 7 MB; room for the JSON around it. */
const UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

function sendFile(reply: FastifyReply, mediaType: string, fileName: string, content: Buffer) {
  return reply
    .type(mediaType)
    .header('content-disposition', attachment(fileName))
    .header('cache-control', 'private, no-store')
    .send(content);
}

export async function documentRoutes(app: App): Promise<void> {
  const tags = ['documents'];

  app.get(
    '/persons/:id/documents',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary: 'A person’s files (metadata only)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Document) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await service.listDocuments(request.ctx, request.params.id) }),
  );

  app.post(
    '/persons/:id/documents',
    {
      config: { access: 'persons:write' },
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Attach a file to a person: a signed notice or consent scan, a certificate, …',
        description:
          'PDF, JPEG or PNG, at most 5 MB, sent as base64. The type is checked by the file’s first bytes: a ' +
          'file that is not what mediaType says answers 422 naming /mediaType or /contentBase64.',
        params: IdParams,
        body: Type.Object(
          {
            kind: Literals(service.DOCUMENT_KINDS),
            fileName: Type.String({ minLength: 1, maxLength: 255 }),
            mediaType: Literals(service.MEDIA_TYPES),
            contentBase64: Type.String({ minLength: 1 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Document, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await service.uploadDocument(request.ctx, request.params.id, request.body);
      return reply.code(201).send(await service.getDocument(request.ctx, request.params.id, id));
    },
  );

  app.get(
    '/persons/:id/documents/:docId/content',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary: 'Download a file (as an attachment, with its type)',
        params: DocumentParams,
        response: { 200: Binary('The file'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await service.documentContent(request.ctx, request.params.id, request.params.docId);
      return sendFile(reply, file.mediaType, file.fileName, file.content);
    },
  );

  app.delete(
    '/persons/:id/documents/:docId',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Delete a file (the web app asks for confirmation first)',
        params: DocumentParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await service.deleteDocument(request.ctx, request.params.id, request.params.docId);
      return reply.code(204).send(null);
    },
  );

  // ---- printable forms and the CV ----
  const pdfTags = ['documents'];

  app.get(
    '/persons/:id/forms/notice',
    {
      config: { access: 'persons:read' },
      schema: {
        tags: pdfTags,
        summary: 'The printable information notice (KVKK art. 10) with the person’s name, for a wet signature',
        description: 'Without locale: the first of the person’s languages that Köprü speaks, else Turkish.',
        params: IdParams,
        querystring: Type.Object({ locale: Type.Optional(LocaleSchema) }),
        response: { 200: Binary('PDF'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await service.noticeForm(request.ctx, request.params.id, request.query.locale);
      return sendFile(reply, 'application/pdf', file.fileName, file.content);
    },
  );

  app.get(
    '/persons/:id/forms/consent',
    {
      config: { access: 'persons:read' },
      schema: {
        tags: pdfTags,
        summary: 'The printable explicit-consent form: the chosen purposes with tick boxes and a signature line',
        description:
          'purposes: comma-separated consent purposes (default: share-with-employers, contact-beyond-service, ' +
          'surveys, photos); partner names the partner for share-with-partners.',
        params: IdParams,
        querystring: Type.Object({
          locale: Type.Optional(LocaleSchema),
          purposes: Type.Optional(Type.String({ maxLength: 300 })),
          partner: Type.Optional(Type.String({ maxLength: 100 })),
        }),
        response: { 200: Binary('PDF'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const purposes = service.parsePurposes(request.query.purposes);
      const file = await service.consentForm(request.ctx, request.params.id, {
        locale: request.query.locale,
        purposes,
        partner: request.query.partner,
      });
      return sendFile(reply, 'application/pdf', file.fileName, file.content);
    },
  );

  app.get(
    '/persons/:id/cv',
    {
      config: { access: 'persons:read' },
      schema: {
        tags: pdfTags,
        summary: 'A CV from the profile, for employers (needs the person’s share-with-employers consent; audited)',
        description:
          'Name, contact, desired occupations, work history, education, languages and skills; never the ID ' +
          'number, target groups or special-category data. Without consent: 409 errors.documents.cvNeedsConsent.',
        params: IdParams,
        querystring: Type.Object({ locale: Type.Optional(Literals(['tr', 'en'])) }),
        response: { 200: Binary('PDF'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await service.cv(request.ctx, request.params.id, request.query.locale);
      return sendFile(reply, 'application/pdf', file.fileName, file.content);
    },
  );
}
