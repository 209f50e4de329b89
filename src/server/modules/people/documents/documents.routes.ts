import type { FastifyReply } from 'fastify';
import type { App } from '../../../http.ts';
import { route } from '../../../lib/route.ts';
import { attachment } from '../../../lib/download.ts';
import * as op from '../../../../common/contracts/person-records.ts';
import * as service from './documents.service.ts';

/** Base64 of 5 MiB is about 7 MB; room for the JSON around it. */
const UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

function sendFile(reply: FastifyReply, mediaType: string, fileName: string, content: Buffer) {
  return reply
    .type(mediaType)
    .header('content-disposition', attachment(fileName))
    .header('cache-control', 'private, no-store')
    .send(content);
}

/** A person's files and printable forms (declared in src/common/contracts/person-records.ts). */
export async function documentRoutes(app: App): Promise<void> {
  route(app, op.listDocuments, async ({ ctx, params }) => ({ items: await service.listDocuments(ctx, params.id) }));
  route(
    app,
    op.uploadDocument,
    async ({ ctx, params, body }) =>
      service.getDocument(ctx, params.id, await service.uploadDocument(ctx, params.id, body)),
    { bodyLimit: UPLOAD_BODY_LIMIT },
  );
  route(app, op.documentContent, async ({ ctx, params, reply }) => {
    const file = await service.documentContent(ctx, params.id, params.docId);
    return sendFile(reply, file.mediaType, file.fileName, file.content);
  });
  route(app, op.deleteDocument, async ({ ctx, params }) => {
    await service.deleteDocument(ctx, params.id, params.docId);
  });

  // ---- printable forms and the CV ----
  route(app, op.noticeForm, async ({ ctx, params, query, reply }) => {
    const file = await service.noticeForm(ctx, params.id, query.locale);
    return sendFile(reply, 'application/pdf', file.fileName, file.content);
  });
  route(app, op.consentForm, async ({ ctx, params, query, reply }) => {
    const purposes = service.parsePurposes(query.purposes);
    const file = await service.consentForm(ctx, params.id, {
      locale: query.locale,
      purposes,
      partner: query.partner,
    });
    return sendFile(reply, 'application/pdf', file.fileName, file.content);
  });
  route(app, op.personCv, async ({ ctx, params, query, reply }) => {
    const file = await service.cv(ctx, params.id, query.locale);
    return sendFile(reply, 'application/pdf', file.fileName, file.content);
  });
}
