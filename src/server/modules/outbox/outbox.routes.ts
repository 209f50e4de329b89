import { Type } from 'typebox';
import type { App } from '../../http.ts';
import { errorResponses, IdParams, Page, pageOf } from '../../lib/schemas.ts';
import { refuseSearchWordsInAddress, searchWordsRefusedNote } from '../../lib/search.ts';
import { getMessage, listMessages, retryMessage } from './outbox.service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Status = Type.Union(['pending', 'sending', 'sent', 'failed', 'captured'].map((s) => Type.Literal(s)));
const Channel = Type.Union([Type.Literal('email'), Type.Literal('sms')]);

const Message = Type.Object({
  id: Type.String(),
  channel: Type.String(),
  recipient: Type.String(),
  template: Type.String(),
  locale: Type.String(),
  subject: Nullable(Type.String()),
  body: Nullable(
    Type.String({ description: 'Shown in demo mode only, and never for a message carrying a code or a password link' }),
  ),
  bodyWithheld: Nullable(
    Type.Union([Type.Literal('secret'), Type.Literal('production')], {
      description: 'Why the body is not shown: it carries a secret, or this is not a demo instance',
    }),
  ),
  status: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  sentAt: Nullable(Type.String()),
});

const ListFields = {
  status: Type.Optional(Status),
  channel: Type.Optional(Channel),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 25 }),
};
const OUTBOX_SEARCH = 'POST /api/v1/outbox/search';

export async function outboxRoutes(app: App): Promise<void> {
  const tags = ['outbox'];
  app.get(
    '/outbox',
    {
      config: { access: 'outbox:read' },
      preValidation: refuseSearchWordsInAddress(OUTBOX_SEARCH),
      schema: {
        tags,
        summary: 'Messages sent (or, in demo mode, captured) by the organisation, newest first',
        description: searchWordsRefusedNote(OUTBOX_SEARCH),
        querystring: Type.Object(ListFields),
        response: { 200: Page(Message), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const result = await listMessages(request.ctx, {
        status: q.status,
        channel: q.channel,
        page: q.page,
        pageSize: q.pageSize,
      });
      return pageOf(result.items, result.total, q.page, q.pageSize);
    },
  );

  app.post(
    '/outbox/search',
    {
      config: { access: 'outbox:read' },
      schema: {
        tags,
        summary: 'Find messages by their recipient (a phone number in any common format, or part of an e-mail address)',
        description:
          'The recipient travels in the body, never in the address (proxies log addresses). ' +
          'Same scope, permission, audit and answer as GET /outbox.',
        body: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100, description: 'A phone number or an e-mail address' })),
            ...ListFields,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(Message), ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      const result = await listMessages(request.ctx, b);
      return pageOf(result.items, result.total, b.page, b.pageSize);
    },
  );

  app.get(
    '/outbox/:id',
    {
      config: { access: 'outbox:read' },
      schema: { tags, summary: 'One message', params: IdParams, response: { 200: Message, ...errorResponses } },
    },
    async (request) => getMessage(request.ctx, request.params.id),
  );

  app.post(
    '/outbox/:id/retry',
    {
      config: { access: 'outbox:read' },
      schema: {
        tags,
        summary: 'Send a failed message again',
        params: IdParams,
        response: { 200: Message, ...errorResponses },
      },
    },
    async (request) => retryMessage(request.ctx, request.params.id),
  );
}
