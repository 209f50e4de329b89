import { and, count, desc, eq, gte, inArray, lt, max, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditEvents, users } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';

/**
 * A consent's purpose can reveal a special category (Roma self-identification is ethnic origin): who
 * lacks special-category:read sees no purpose on consent events.
 */
const CONSENT_ACTIONS = new Set(['consent.granted', 'consent.withdrawn']);

export interface AuditFilter {
  actorUserId?: string | undefined;
  action?: string | undefined;
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  requestId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

/** The organisation's audit log, newest first. */
export async function listAuditEvents(ctx: Ctx, filter: AuditFilter) {
  const conditions: SQL[] = [eq(auditEvents.organisationId, actorOf(ctx).organisationId)];
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.action) conditions.push(eq(auditEvents.action, filter.action));
  if (filter.subjectType) conditions.push(eq(auditEvents.subjectType, filter.subjectType));
  if (filter.subjectId) conditions.push(eq(auditEvents.subjectId, filter.subjectId));
  if (filter.requestId) conditions.push(eq(auditEvents.requestId, filter.requestId));
  if (filter.from) conditions.push(gte(auditEvents.at, new Date(filter.from)));
  if (filter.to) {
    const to = new Date(filter.to);
    // A bare date means "through the end of that day".
    if (/^\d{4}-\d{2}-\d{2}$/.test(filter.to)) to.setUTCDate(to.getUTCDate() + 1);
    conditions.push(lt(auditEvents.at, to));
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ event: auditEvents, actorName: users.fullName })
      .from(auditEvents)
      .leftJoin(users, eq(users.id, auditEvents.actorUserId))
      .where(where)
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  const special = actorOf(ctx).permissions.has('special-category:read');
  return {
    items: rows.map(({ event, actorName }) => ({
      id: event.id,
      at: event.at.toISOString(),
      actor: event.actorUserId ? { id: event.actorUserId, name: actorName ?? '' } : null,
      actorKind: event.actorKind,
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      fields: event.fields,
      // Without special-category:read, no consent event names its purpose: hiding only the special one
      // would give it away by elimination.
      purpose: CONSENT_ACTIONS.has(event.action) && !special ? null : event.purpose,
      requestId: event.requestId,
      clientRequestId: event.clientRequestId,
    })),
    total: total?.n ?? 0,
  };
}

/**
 * The audit events about a person's records (the access export's "who did what with my data"): when,
 * what kind of actor, which action and fields, never the actor's name. Consent purposes are left out
 * (the export lists the consents themselves).
 */
export async function eventsAbout(db: Db, organisationId: string, subjectIds: readonly string[]) {
  if (subjectIds.length === 0) return [];
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organisationId, organisationId),
        eq(auditEvents.subjectType, 'person'),
        inArray(auditEvents.subjectId, [...subjectIds]),
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id));
  return rows.map((e) => ({
    at: e.at.toISOString(),
    actorKind: e.actorKind,
    action: e.action,
    fields: e.fields.join(', '),
  }));
}

/** The reads the access review follows: special-category details and lists, and ID reveals. */
export const SENSITIVE_READS = [
  'person.special-category-read',
  'person.special-category-listed',
  'person.id-number-revealed',
] as const;

export interface SensitiveReadFilter {
  action?: (typeof SENSITIVE_READS)[number] | undefined;
  actorUserId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  page: number;
  pageSize: number;
}

/** The log of sensitive reads of an organisation, newest first, with the reader's name. */
export async function sensitiveReads(db: Db, organisationId: string, filter: SensitiveReadFilter) {
  const conditions: SQL[] = [
    eq(auditEvents.organisationId, organisationId),
    filter.action ? eq(auditEvents.action, filter.action) : inArray(auditEvents.action, [...SENSITIVE_READS]),
  ];
  if (filter.actorUserId) conditions.push(eq(auditEvents.actorUserId, filter.actorUserId));
  if (filter.from) conditions.push(gte(auditEvents.at, new Date(filter.from)));
  if (filter.to) {
    const to = new Date(filter.to);
    if (/^\d{4}-\d{2}-\d{2}$/.test(filter.to)) to.setUTCDate(to.getUTCDate() + 1);
    conditions.push(lt(auditEvents.at, to));
  }
  const where = and(...conditions);
  const rows = await db
    .select({ event: auditEvents, actorName: users.fullName })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(where)
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const [total] = await db.select({ n: count() }).from(auditEvents).where(where);
  return {
    items: rows.map(({ event, actorName }) => ({
      at: event.at.toISOString(),
      actor: event.actorUserId ? { id: event.actorUserId, name: actorName ?? '' } : null,
      action: event.action as (typeof SENSITIVE_READS)[number],
      subjectId: event.subjectId,
      purpose: event.purpose,
    })),
    total: total?.n ?? 0,
  };
}

/** When each user last made a sensitive read of each kind (the access review's "last use"). */
export async function lastSensitiveReads(db: Db, organisationId: string) {
  const rows = await db
    .select({ actorUserId: auditEvents.actorUserId, action: auditEvents.action, at: max(auditEvents.at) })
    .from(auditEvents)
    .where(and(eq(auditEvents.organisationId, organisationId), inArray(auditEvents.action, [...SENSITIVE_READS])))
    .groupBy(auditEvents.actorUserId, auditEvents.action);
  return rows;
}
