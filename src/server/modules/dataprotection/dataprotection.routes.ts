import type { FastifyReply } from 'fastify';
import type { App } from '../../http.ts';
import { pageOf } from '../../lib/schemas.ts';
import { route } from '../../lib/route.ts';
import { sendFile } from '../../lib/download.ts';
import * as op from '../../../common/contracts/dataprotection.ts';
import * as service from './dataprotection.service.ts';
import * as breaches from './breaches.service.ts';
import * as review from './access-review.service.ts';
import * as destruction from './destruction.service.ts';
import * as inventory from './inventory.service.ts';

/** The desk's files carry `mediaType` and `content`: sent as every other file (lib/download.ts). */
const sendDeskFile = (reply: FastifyReply, file: { fileName: string; mediaType: string; content: Buffer }) =>
  sendFile(reply, { fileName: file.fileName, contentType: file.mediaType, body: file.content });

/** The data-protection desk's operations (declared in src/common/contracts/dataprotection.ts). */
export async function dataProtectionRoutes(app: App): Promise<void> {
  route(app, op.listDpRequests, async ({ ctx, query }) => {
    const r = await service.listRequests(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.createDpRequest, async ({ ctx, body }) =>
    service.getRequest(ctx, await service.createRequest(ctx, body)),
  );
  route(app, op.getDpRequest, ({ ctx, params }) => service.getRequest(ctx, params.id));
  route(app, op.searchDpPerson, ({ ctx, params, body }) => service.searchPerson(ctx, params.id, body.q));
  route(app, op.linkDpPerson, async ({ ctx, params, body }) => {
    await service.linkPerson(ctx, params.id, body.personId);
    return service.getRequest(ctx, params.id);
  });
  route(app, op.verifyDpIdentity, async ({ ctx, params, body }) => {
    await service.verifyIdentity(ctx, params.id, body.method, body.note);
    return service.getRequest(ctx, params.id);
  });
  route(app, op.acceptDpRequest, async ({ ctx, params }) => {
    await service.acceptRequest(ctx, params.id);
    return service.getRequest(ctx, params.id);
  });
  route(app, op.answerDpRequest, async ({ ctx, params, body }) => {
    await service.answerRequest(ctx, params.id, body.answer);
    return service.getRequest(ctx, params.id);
  });
  route(app, op.refuseDpRequest, async ({ ctx, params, body }) => {
    await service.refuseRequest(ctx, params.id, body.reason);
    return service.getRequest(ctx, params.id);
  });
  route(app, op.createDpExport, ({ ctx, params, body }) => service.createExport(ctx, params.id, body));
  route(app, op.eraseDpPerson, async ({ ctx, params }) => {
    await service.erase(ctx, params.id);
    return service.getRequest(ctx, params.id);
  });
  // Up to 5 MiB of file travels as base64 (a third more) in JSON: above the app's 1 MiB default body.
  route(app, op.addDpDocument, ({ ctx, params, body }) => service.addDocument(ctx, params.id, body), {
    bodyLimit: 8 * 1024 * 1024,
  });
  route(app, op.getDpDocument, async ({ ctx, params, reply }) => {
    const doc = await service.documentContent(ctx, params.id, params.docId);
    return sendDeskFile(reply, { fileName: doc.fileName, mediaType: doc.mediaType, content: doc.content }) as never;
  });

  route(app, op.listDueRectifications, ({ ctx }) => service.listDueRectifications(ctx));
  route(app, op.completeRectification, ({ ctx, params }) => service.completeRectification(ctx, params.id));
  route(app, op.listCounterExports, ({ ctx }) => service.listCounterExports(ctx));
  route(
    app,
    op.downloadCounterExport,
    async ({ ctx, params, query, reply }) =>
      sendDeskFile(reply, await service.counterExportFile(ctx, params.id, query.format)) as never,
  );

  route(app, op.listOwnDpRequests, ({ ctx }) => service.listOwnRequests(ctx));
  route(app, op.createOwnDpRequest, ({ ctx, body }) => service.createOwnRequest(ctx, body));
  route(app, op.listOwnDpExports, ({ ctx }) => service.listOwnExports(ctx));
  route(
    app,
    op.downloadOwnDpExport,
    async ({ ctx, params, query, reply }) =>
      sendDeskFile(reply, await service.ownExportFile(ctx, params.id, query.format)) as never,
  );
  route(app, op.listOwnRecipients, ({ ctx }) => service.listOwnRecipients(ctx));

  route(app, op.listBreaches, async ({ ctx, query }) => {
    const r = await breaches.listBreaches(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.createBreach, async ({ ctx, body }) => breaches.getBreach(ctx, await breaches.createBreach(ctx, body)));
  route(app, op.getBreach, ({ ctx, params }) => breaches.getBreach(ctx, params.id));
  route(app, op.updateBreach, async ({ ctx, params, body }) => {
    await breaches.updateBreach(ctx, params.id, body);
    return breaches.getBreach(ctx, params.id);
  });
  route(app, op.recordBreachNotice, async ({ ctx, params, body }) => {
    await breaches.recordNotice(ctx, params.id, body);
    return breaches.getBreach(ctx, params.id);
  });
  route(app, op.closeBreach, async ({ ctx, params }) => {
    await breaches.closeBreach(ctx, params.id);
    return breaches.getBreach(ctx, params.id);
  });

  route(app, op.accessReview, ({ ctx }) => review.accessReview(ctx));
  route(app, op.listSensitiveReads, async ({ ctx, query }) => {
    const r = await review.listReads(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(
    app,
    op.exportSensitiveReads,
    async ({ ctx, query, reply }) => sendDeskFile(reply, await review.exportReads(ctx, query)) as never,
  );

  route(app, op.getRetention, ({ ctx }) => destruction.getRetention(ctx));
  route(app, op.updateRetention, ({ ctx, body }) => destruction.updateRetention(ctx, body));
  route(app, op.listDueDestruction, ({ ctx, query }) => destruction.listDue(ctx, query));
  route(app, op.listDestructionBatches, async ({ ctx, query }) => {
    const r = await destruction.listBatches(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });
  route(app, op.proposeDestructionBatch, async ({ ctx }) =>
    destruction.getBatch(ctx, await destruction.proposeBatch(ctx)),
  );
  route(app, op.getDestructionBatch, ({ ctx, params, query }) => destruction.getBatch(ctx, params.id, query));
  route(app, op.decideDestructionBatch, async ({ ctx, params, body, query }) => {
    await destruction.decideBatch(ctx, params.id, body);
    return destruction.getBatch(ctx, params.id, query);
  });
  route(app, op.runDestructionBatch, async ({ ctx, params, query }) => {
    await destruction.startRun(ctx, params.id);
    return destruction.getBatch(ctx, params.id, query);
  });
  route(app, op.listDestructionRecords, async ({ ctx, query }) => {
    const r = await destruction.listRecords(ctx, query);
    return pageOf(r.items, r.total, query.page, query.pageSize);
  });

  route(app, op.getInventory, ({ ctx }) => inventory.getInventory(ctx));
  route(app, op.updateInventoryActivity, async ({ ctx, params, body }) => {
    await inventory.updateActivity(ctx, params.activity, body.overrides);
    return inventory.getInventory(ctx);
  });
  route(
    app,
    op.exportInventory,
    async ({ ctx, query, reply }) =>
      sendDeskFile(reply, await inventory.exportInventory(ctx, query.format, query.locale)) as never,
  );
}
