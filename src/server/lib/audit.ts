import type { AuditAction, AuditSubjectType } from '../../common/audit-actions.ts';
import type { Db } from '../db/client.ts';
import { auditEvents } from '../db/schema/index.ts';
import type { Ctx } from './context.ts';
import { insertRows } from './bulk-insert.ts';

export interface AuditEvent {
  action: AuditAction;
  subjectType: AuditSubjectType;
  subjectId: string | null;
  /** Names of changed fields, never their values. */
  fields?: string[];
  purpose?: string;
  /** Defaults to the actor's organisation. */
  organisationId?: string | null;
  /** For events without a signed-in actor (sign-in attempts, invitation acceptance). */
  actorUserId?: string | null;
  actorKind?: 'staff' | 'employer' | 'seeker' | 'system' | 'anonymous';
}

/**
 * Writes an audit event. Pass the transaction that makes the change, so that the change and its
 * audit record commit or fail together.
 */
export async function audit(tx: Db, ctx: Ctx, event: AuditEvent): Promise<void> {
  await auditMany(tx, ctx, [event]);
}

/**
 * Writes several audit events in one statement (a list read that names each record shown, say).
 * Same rules as `audit`: pass the transaction that makes the change, if there is one.
 */
export async function auditMany(tx: Db, ctx: Ctx, events: AuditEvent[]): Promise<void> {
  if (events.length === 0) return;
  const at = ctx.clock.now();
  await insertRows(
    tx,
    auditEvents,
    events.map((event) => ({
      at,
      organisationId: event.organisationId !== undefined ? event.organisationId : (ctx.actor?.organisationId ?? null),
      actorUserId: event.actorUserId !== undefined ? event.actorUserId : (ctx.actor?.userId ?? null),
      actorKind: event.actorKind ?? ctx.actor?.kind ?? 'anonymous',
      action: event.action,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      fields: event.fields ?? [],
      purpose: event.purpose ?? null,
      requestId: ctx.requestId,
      clientRequestId: ctx.clientRequestId ?? null,
    })),
  );
}

/** Names of the fields whose values differ between a record and a patch. */
export function changedFields<T extends Record<string, unknown>>(before: T, patch: Partial<T>): string[] {
  return Object.keys(patch).filter((k) => {
    const a: unknown = before[k];
    const b: unknown = patch[k];
    if (Array.isArray(a) && Array.isArray(b)) {
      return JSON.stringify([...(a as unknown[])].sort()) !== JSON.stringify([...(b as unknown[])].sort());
    }
    return b !== undefined && a !== b;
  });
}
