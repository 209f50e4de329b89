import type { App } from '../../http.ts';
import { route } from '../../lib/route.ts';
import * as op from '../../../common/contracts/international.ts';
import * as service from './international.service.ts';

/** The international-cooperation module's operations (declared in src/common/contracts/international.ts). */
export async function internationalRoutes(app: App): Promise<void> {
  route(app, op.listPartnerOptions, async ({ ctx }) => ({ items: await service.listPartnerOptions(ctx) }));
  route(app, op.listStaffOptions, async ({ ctx }) => ({ items: await service.listStaffOptions(ctx) }));
  route(app, op.partnerTimeline, ({ ctx, params }) => service.partnerTimeline(ctx, params.id));

  route(app, op.listMemberships, async ({ ctx, query }) => ({ items: await service.listMemberships(ctx, query) }));
  route(app, op.createMembership, ({ ctx, body }) => service.createMembership(ctx, body));
  route(app, op.updateMembership, ({ ctx, params, body }) => service.updateMembership(ctx, params.id, body));

  route(app, op.listAgreements, async ({ ctx, query }) => ({ items: await service.listAgreements(ctx, query) }));
  route(app, op.createAgreement, ({ ctx, body }) => service.createAgreement(ctx, body));
  route(app, op.getAgreement, ({ ctx, params }) => service.getAgreement(ctx, params.id));
  route(app, op.updateAgreement, ({ ctx, params, body }) => service.updateAgreement(ctx, params.id, body));
  route(app, op.addAgreementFollowUp, ({ ctx, params, body }) =>
    service.addFollowUp(ctx, { agreementId: params.id }, body),
  );

  route(
    app,
    op.uploadAgreementDocument,
    ({ ctx, params, body }) => service.uploadAgreementDocument(ctx, params.id, body),
    // Base64 of a 5 MiB file is about 7 MB: room for the JSON around it.
    { bodyLimit: 8 * 1024 * 1024 },
  );
  route(app, op.agreementDocumentContent, async ({ ctx, params, reply }) => {
    const file = await service.agreementDocumentContent(ctx, params.id, params.docId);
    return reply
      .type(file.mediaType)
      .header('content-disposition', file.disposition)
      .header('cache-control', 'private, no-store')
      .send(file.content);
  });
  route(app, op.deleteAgreementDocument, ({ ctx, params }) =>
    service.deleteAgreementDocument(ctx, params.id, params.docId),
  );

  route(app, op.listEvents, async ({ ctx, query }) => ({ items: await service.listEvents(ctx, query) }));
  route(app, op.createEvent, ({ ctx, body }) => service.createEvent(ctx, body));
  route(app, op.getEvent, ({ ctx, params }) => service.getEvent(ctx, params.id));
  route(app, op.updateEvent, ({ ctx, params, body }) => service.updateEvent(ctx, params.id, body));
  route(app, op.addEventFollowUp, ({ ctx, params, body }) => service.addFollowUp(ctx, { eventId: params.id }, body));
  route(app, op.updateFollowUp, ({ ctx, params, body }) => service.updateFollowUp(ctx, params.id, body));

  route(app, op.listPublications, async ({ ctx, query }) => ({ items: await service.listPublications(ctx, query) }));
  route(app, op.createPublication, ({ ctx, body }) => service.createPublication(ctx, body));
  route(app, op.updatePublication, ({ ctx, params, body }) => service.updatePublication(ctx, params.id, body));
  route(app, op.listPractices, async ({ ctx, query }) => ({ items: await service.listPractices(ctx, query) }));
  route(app, op.createPractice, ({ ctx, body }) => service.createPractice(ctx, body));
  route(app, op.updatePractice, ({ ctx, params, body }) => service.updatePractice(ctx, params.id, body));
}
