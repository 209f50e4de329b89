import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { auditEvents, users } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';

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
  const conditions: SQL[] = [eq(auditEvents.organisationId, ctx.actor!.organisationId)];
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
  const special = ctx.actor!.permissions.has('special-category:read');
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
