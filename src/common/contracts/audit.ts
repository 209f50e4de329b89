/** The audit module's API: reading the organisation's append-only audit log. */
import { Type, type Static } from 'typebox';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from '../audit-actions.ts';
import { defineOp } from './op.ts';
import { Literals, Nullable, Page, Uuid } from './schema.ts';

const tags = ['audit'] as const;
const DateOrInstant = Type.Union([Type.String({ format: 'date' }), Type.String({ format: 'date-time' })]);

export const AuditEvent = Type.Object({
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
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditQuery = Type.Object({
  actorUserId: Type.Optional(Uuid),
  action: Type.Optional(Literals(AUDIT_ACTIONS)),
  subjectType: Type.Optional(Literals(AUDIT_SUBJECT_TYPES)),
  subjectId: Type.Optional(Type.String({ maxLength: 100 })),
  requestId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(DateOrInstant),
  to: Type.Optional(DateOrInstant),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const listAuditEvents = defineOp({
  method: 'GET',
  path: '/audit-events',
  tags,
  summary: "The organisation's audit log (append-only), newest first, filterable",
  access: 'audit:read',
  query: AuditQuery,
  response: Page(AuditEvent),
});

export const auditCatalogue = defineOp({
  method: 'GET',
  path: '/audit-events/catalogue',
  tags,
  summary: 'The kinds of audit events and subjects, for filters',
  access: 'audit:read',
  response: Type.Object({ actions: Type.Array(Type.String()), subjectTypes: Type.Array(Type.String()) }),
});
