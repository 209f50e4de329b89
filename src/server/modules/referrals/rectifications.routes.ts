import { Type, type TSchema } from 'typebox';
import type { App } from '../../http.ts';
import { errorResponses, IdParams, Page, pageOf, PageQuery } from '../../lib/schemas.ts';
import * as service from './rectifications.service.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

const Rectification = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  disclosureId: Type.String(),
  recipientKind: Type.String(),
  recipientId: Nullable(Type.String()),
  recipientName: Type.String(),
  fields: Type.Array(Type.String(), { description: 'Names of the changed shared fields, never their values' }),
  changedByKind: Type.String(),
  at: Type.String(),
});

const SharedWith = Type.Object({
  disclosures: Type.Array(
    Type.Object({
      id: Type.String(),
      recipientKind: Type.String(),
      recipientId: Nullable(Type.String()),
      recipientName: Type.String(),
      purpose: Type.String(),
      dataCategories: Type.Array(Type.String()),
      referralId: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
  rectifications: Type.Array(Rectification),
});

/** The disclosure log and rectification notices (issue 8, item 22). */
export async function rectificationRoutes(app: App): Promise<void> {
  app.get(
    '/persons/:id/shared-with',
    {
      config: { access: ['persons:read', 'dpo:desk'] },
      schema: {
        tags: ['referrals'],
        summary: "Who received the person's profile (the disclosure log) and the corrections recorded for them since",
        params: IdParams,
        response: { 200: SharedWith, ...errorResponses },
      },
    },
    async (request) => service.sharedWith(request.ctx, request.params.id),
  );

  app.get(
    '/rectification-notices',
    {
      config: { access: 'dpo:desk' },
      schema: {
        tags: ['referrals'],
        summary:
          "The organisation's rectification notices, newest first: corrections earlier recipients should learn of",
        querystring: PageQuery,
        response: { 200: Page(Rectification), ...errorResponses },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const r = await service.listRectifications(request.ctx, { page, pageSize });
      return pageOf(r.items, r.total, page, pageSize);
    },
  );
}
