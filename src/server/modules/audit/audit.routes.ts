import { Type } from 'typebox';
import type { App } from '../../http.ts';
import { errorResponses, Page, pageOf, Uuid } from '../../lib/schemas.ts';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from '../../../common/audit-actions.ts';
import { listAuditEvents } from './audit.service.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const AuditEvent = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  actorKind: Type.String(),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Nullable(Type.String()),
  fields: Type.Array(Type.String()),
  purpose: Nullable(Type.String()),
  requestId: Nullable(Type.String({ description: 'Our own id of the request' })),
  clientRequestId: Nullable(Type.String({ description: 'The x-request-id the client sent, if any' })),
});

export async function auditRoutes(app: App): Promise<void> {
  app.get(
    '/audit-events',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: "The organisation's audit log (append-only), newest first, filterable",
        querystring: Type.Object({
          actorUserId: Type.Optional(Uuid),
          action: Type.Optional(Type.Union(AUDIT_ACTIONS.map((a) => Type.Literal(a)))),
          subjectType: Type.Optional(Type.Union(AUDIT_SUBJECT_TYPES.map((a) => Type.Literal(a)))),
          subjectId: Type.Optional(Type.String({ maxLength: 100 })),
          requestId: Type.Optional(Type.String({ maxLength: 100 })),
          from: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })])),
          to: Type.Optional(Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })])),
          page: Type.Integer({ minimum: 1, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: Page(AuditEvent), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const result = await listAuditEvents(request.ctx, q);
      return pageOf(result.items, result.total, q.page, q.pageSize);
    },
  );

  app.get(
    '/audit-events/catalogue',
    {
      config: { access: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'The kinds of audit events and subjects, for filters',
        response: {
          200: Type.Object({ actions: Type.Array(Type.String()), subjectTypes: Type.Array(Type.String()) }),
          ...errorResponses,
        },
      },
    },
    async () => ({ actions: [...AUDIT_ACTIONS], subjectTypes: [...AUDIT_SUBJECT_TYPES] }),
  );
}
