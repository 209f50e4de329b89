import { and, count, desc, eq, ilike, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { Locale } from '../../../common/locales.ts';
import type { MessageParams } from '../../../common/message-format.ts';
import { normaliseEmail, normalisePhone } from '../../../common/contact.ts';
import type { Db } from '../../db/client.ts';
import { outboxMessages } from '../../db/schema/index.ts';
import { t } from '../../lib/i18n.ts';
import { actorOf, type Ctx, inTransaction } from '../../lib/context.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Config } from '../../config/config.ts';
import { problems } from '../../lib/errors.ts';
import { audit, auditMany } from '../../lib/audit.ts';
import { DeliveryError, type Transports } from './transports.ts';
import { containsPattern } from '../../lib/search.ts';

/** Message templates, each with its texts in src/common/i18n under messages.<template>. */
export const TEMPLATES = [
  'sign-in-code',
  'invitation',
  'password-reset',
  'appointment-invitation',
  'appointment-rescheduled',
  'appointment-reminder',
  'appointment-cancelled',
  'self-registration-received',
  'self-registration-already-registered',
  'referral-sent-employer',
  'referral-sent-person',
  'referral-reminder',
  'employer-signup-welcome',
  'employer-signup-duplicate',
  'employer-signup-account-exists',
  'employer-user-invitation',
  'application-received',
  'employer-change-approved',
  'employer-change-rejected',
  'placement-follow-up',
  'course-enrolled',
  'course-waiting',
  'course-cancelled',
  'rectification-notice',
  'graduation-notice',
  'international-action-due',
  'international-action-overdue',
  'indicator-report',
  'matching-fairness-flag',
] as const;
export type Template = (typeof TEMPLATES)[number];

/**
 * Templates whose message carries a secret — a sign-in code, or a link that sets a password. Their
 * bodies are never shown, in any mode, on the outbox screen or its API: whoever reads the outbox
 * (outbox:read) could otherwise sign in as the recipient. Every template states it here.
 */
export const CARRIES_SECRET: Record<Template, boolean> = {
  'sign-in-code': true,
  invitation: true,
  'password-reset': true,
  'appointment-invitation': false,
  'appointment-rescheduled': false,
  'appointment-reminder': false,
  'appointment-cancelled': false,
  'self-registration-received': false,
  'self-registration-already-registered': false,
  'referral-sent-employer': false,
  'referral-sent-person': false,
  'referral-reminder': false,
  'employer-signup-welcome': true,
  'employer-signup-duplicate': false,
  'employer-signup-account-exists': false,
  'employer-user-invitation': true,
  'application-received': false,
  'employer-change-approved': false,
  'employer-change-rejected': false,
  'placement-follow-up': false,
  'course-enrolled': false,
  'course-waiting': false,
  'course-cancelled': false,
  'rectification-notice': false,
  'graduation-notice': false,
  'international-action-due': false,
  'international-action-overdue': false,
  // The link downloads the report without signing in.
  'indicator-report': true,
  'matching-fairness-flag': false,
};

export type Channel = 'email' | 'sms';

/** A template's texts live under messages.<camelCase name> in src/common/i18n. */
export function templateKey(template: Template): string {
  return template.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export interface NewMessage {
  channel: Channel;
  recipient: string;
  template: Template;
  locale: Locale;
  params: MessageParams;
  organisationId: string | null;
  userId: string | null;
  meta?: Record<string, string>;
}

export function render(message: Pick<NewMessage, 'channel' | 'template' | 'locale' | 'params'>) {
  const base = `messages.${templateKey(message.template)}`;
  if (message.channel === 'sms') return { subject: null, body: t(message.locale, `${base}.sms`, message.params) };
  return {
    subject: t(message.locale, `${base}.subject`, message.params),
    body: t(message.locale, `${base}.email`, message.params),
  };
}

export interface EnqueueOptions {
  /** Not sent before this instant (a reminder); at once when absent. */
  notBefore?: Date | undefined;
}

/**
 * Queues a message in the caller's transaction (`ctx.db`), with the job that delivers it: both exist
 * only if the change commits. The outbox module is the only writer of `outbox_messages`.
 */
export async function enqueue(ctx: Ctx, message: NewMessage, options: EnqueueOptions = {}): Promise<string> {
  const { subject, body } = render(message);
  const due = options.notBefore ?? ctx.clock.now();
  const [row] = await ctx.db
    .insert(outboxMessages)
    .values({
      channel: message.channel,
      recipient: message.recipient,
      template: message.template,
      locale: message.locale,
      subject,
      body,
      organisationId: message.organisationId,
      userId: message.userId,
      meta: message.meta ?? null,
      nextAttemptAt: due,
      createdAt: ctx.clock.now(),
    })
    .returning({ id: outboxMessages.id });
  await ctx.jobs.send(ctx, 'outbox-deliver', deliveryJob(row!.id, message.organisationId), {
    startAfter: options.notBefore,
  });
  return row!.id;
}

/**
 * Renders and queues a message only when `deliver` is true, through the same statements either way:
 * callers that must take the same time whether or not an account exists (code and reset requests)
 * render and run them for an unknown account too, and nothing is queued (no message, no job).
 */
export async function enqueueIf(ctx: Ctx, message: NewMessage, deliver: boolean): Promise<void> {
  const { subject, body } = render(message);
  const now = ctx.clock.now().toISOString();
  const inserted: unknown = await ctx.db.execute(sql`
    INSERT INTO outbox_messages
      (channel, recipient, template, locale, subject, body, organisation_id, user_id, meta, next_attempt_at, created_at)
    SELECT ${message.channel}, ${message.recipient}, ${message.template}, ${message.locale}, ${subject}, ${body},
      ${message.organisationId}::uuid, ${message.userId}::uuid, ${message.meta ? JSON.stringify(message.meta) : null}::jsonb,
      ${now}::timestamptz, ${now}::timestamptz
    WHERE ${deliver}::boolean
    RETURNING id`);
  const ids = (inserted as { rows: { id: string }[] }).rows.map((r) => r.id);
  await ctx.jobs.sendAll(
    ctx,
    'outbox-deliver',
    ids.map((id) => deliveryJob(id, message.organisationId)),
  );
}

function deliveryJob(messageId: string, organisationId: string | null) {
  return { messageId, ...(organisationId ? { organisationId } : {}) };
}

export interface QueuedFilter {
  /** These messages (an appointment's invitation and reminders, say). */
  ids: string[];
}

/** The error of a message cancelled before it went out (cancelQueued); such a message is never retried. */
const CANCELLED = 'cancelled';

/**
 * Cancels messages that have not gone out yet, in the caller's transaction: they end `failed` with the
 * error "cancelled" (their delivery jobs then find nothing to do). Returns how many were cancelled.
 */
export async function cancelQueued(ctx: Ctx, filter: QueuedFilter): Promise<number> {
  if (filter.ids.length === 0) return 0;
  const cancelled = await ctx.db
    .update(outboxMessages)
    .set({ status: 'failed', lastError: CANCELLED })
    .where(and(inArray(outboxMessages.id, filter.ids), eq(outboxMessages.status, 'pending')))
    .returning({ id: outboxMessages.id });
  return cancelled.length;
}

export const MAX_ATTEMPTS = 5;
/** Wait before attempt n+1, in seconds. */
const BACKOFF_SECONDS = [60, 300, 1800, 7200];
/** A message claimed by a worker that died is claimed again after this long. */
const CLAIM_SECONDS = 300;

type Row = typeof outboxMessages.$inferSelect;

/** A code or a password link is not kept once the message has left: the outbox table keeps no live secrets. */
function afterDelivery(message: Row): Partial<Row> {
  return CARRIES_SECRET[message.template as Template] === false ? {} : { body: '' };
}

export interface DeliveryDeps {
  db: Db;
  clock: Clock;
  config: Config;
  transports: Transports;
}

export interface DeliveryTally {
  sent: number;
  failed: number;
  captured: number;
  retried: number;
}

/**
 * Claims messages that are due (pending, or claimed by a worker that died, whose claim has lapsed) in
 * a short transaction (FOR UPDATE SKIP LOCKED, so several workers can run this), marking them
 * `sending` until the claim expires. A message claimed elsewhere, sent, failed or not yet due is skipped.
 */
async function claimDue(deps: DeliveryDeps, only: string | null, limit: number): Promise<Row[]> {
  const now = deps.clock.now();
  const claimUntil = new Date(now.getTime() + CLAIM_SECONDS * 1000);
  return deps.db.transaction(async (tx) => {
    const due = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(
        and(
          inArray(outboxMessages.status, ['pending', 'sending']),
          lte(outboxMessages.nextAttemptAt, now),
          only ? eq(outboxMessages.id, only) : undefined,
        ),
      )
      .orderBy(outboxMessages.nextAttemptAt, outboxMessages.createdAt, outboxMessages.id)
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [] as Row[];
    const claimed = await tx
      .update(outboxMessages)
      .set({ status: 'sending', attempts: sql`${outboxMessages.attempts} + 1`, nextAttemptAt: claimUntil })
      .where(
        inArray(
          outboxMessages.id,
          due.map((d) => d.id),
        ),
      )
      .returning();
    // UPDATE … RETURNING gives rows in the table's physical order, which on a server reusing freed space is
    // not the order they fell due: a person's "registration received" could then arrive after the sign-in
    // code asked for later. Deliver in the order the messages fell due.
    const place = new Map(due.map((d, i) => [d.id, i]));
    return claimed.sort((a, b) => place.get(a.id)! - place.get(b.id)!);
  });
}

/**
 * Sends claimed messages outside any transaction, then records each outcome. A transient failure
 * puts the message back to `pending` after its back-off (1 min, 5 min, 30 min, 2 h); the sweep sends
 * it then. In demo mode, a channel with no transport marks messages `captured` for the admin screen.
 */
async function deliverClaimed(deps: DeliveryDeps, claimed: Row[]): Promise<DeliveryTally> {
  const { db, clock, transports, config } = deps;
  const tally: DeliveryTally = { sent: 0, failed: 0, captured: 0, retried: 0 };
  for (const message of claimed) {
    const transport = message.channel === 'email' ? transports.email : transports.sms;
    if (!transport) {
      if (config.mode === 'demo') {
        await db
          .update(outboxMessages)
          .set({ status: 'captured', sentAt: clock.now(), lastError: null, ...afterDelivery(message) })
          .where(eq(outboxMessages.id, message.id));
        tally.captured++;
      } else {
        await db
          .update(outboxMessages)
          .set({ status: 'failed', lastError: `no ${message.channel} channel configured` })
          .where(eq(outboxMessages.id, message.id));
        tally.failed++;
      }
      continue;
    }
    try {
      const result =
        message.channel === 'email'
          ? await transports.email!.send({ to: message.recipient, subject: message.subject ?? '', text: message.body })
          : await transports.sms!.send({ to: message.recipient, text: message.body });
      await db
        .update(outboxMessages)
        .set({
          status: 'sent',
          sentAt: clock.now(),
          providerMessageId: result.providerMessageId,
          lastError: null,
          ...afterDelivery(message),
        })
        .where(eq(outboxMessages.id, message.id));
      tally.sent++;
    } catch (error) {
      const permanent = error instanceof DeliveryError && error.permanent;
      const lastError = (error as Error).message.slice(0, 500);
      if (permanent || message.attempts >= MAX_ATTEMPTS) {
        await db.update(outboxMessages).set({ status: 'failed', lastError }).where(eq(outboxMessages.id, message.id));
        tally.failed++;
      } else {
        const wait = BACKOFF_SECONDS[Math.min(message.attempts - 1, BACKOFF_SECONDS.length - 1)]!;
        await db
          .update(outboxMessages)
          .set({ status: 'pending', lastError, nextAttemptAt: new Date(clock.now().getTime() + wait * 1000) })
          .where(eq(outboxMessages.id, message.id));
        tally.retried++;
      }
    }
  }
  return tally;
}

/**
 * The sweep (queue `outbox-sweep`, every minute; `kopru outbox deliver` runs it once): delivers every
 * due message. Safe to run anywhere at any time: claims are made in the database.
 */
export async function deliverDue(deps: DeliveryDeps, limit = 20): Promise<DeliveryTally> {
  return deliverClaimed(deps, await claimDue(deps, null, limit));
}

/**
 * The handler of one `outbox-deliver` job: delivers that message if it is still due. Idempotent (a
 * job runs at least once): a message already sent, cancelled, failed or claimed elsewhere is left alone.
 */
export async function deliverMessage(deps: DeliveryDeps, messageId: string): Promise<DeliveryTally> {
  return deliverClaimed(deps, await claimDue(deps, messageId, 1));
}

/** Recipients are shown masked outside demo mode: the outbox screen is for delivery, not for reading contacts. */
function maskRecipient(recipient: string): string {
  const at = recipient.indexOf('@');
  if (at > 0) return `${recipient.slice(0, 1)}***${recipient.slice(at)}`;
  return recipient.length > 4 ? `${recipient.slice(0, 3)}*****${recipient.slice(-2)}` : '***';
}

export interface OutboxFilter {
  /** Words that find a recipient: a phone number in any common format, or part of an e-mail address. */
  q?: string | undefined;
  status?: Row['status'] | undefined;
  channel?: Channel | undefined;
  page: number;
  pageSize: number;
}

function present(row: Row, demo: boolean) {
  const secret = CARRIES_SECRET[row.template as Template] ?? true;
  return {
    id: row.id,
    channel: row.channel,
    recipient: demo ? row.recipient : maskRecipient(row.recipient),
    template: row.template,
    locale: row.locale,
    subject: row.subject,
    /**
     * Shown only in demo mode, where nothing is really sent, and never for a message carrying a secret
     * (a sign-in code or a password link): reading the outbox must not let anyone sign in as its recipient.
     */
    body: demo && !secret ? row.body : null,
    bodyWithheld: secret ? ('secret' as const) : demo ? null : ('production' as const),
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}
export type OutboxItem = ReturnType<typeof present>;

export async function listMessages(ctx: Ctx, filter: OutboxFilter) {
  const actor = actorOf(ctx);
  const conditions: SQL[] = [eq(outboxMessages.organisationId, actor.organisationId)];
  if (filter.status) conditions.push(eq(outboxMessages.status, filter.status));
  if (filter.channel) conditions.push(eq(outboxMessages.channel, filter.channel));
  const words = filter.q?.trim();
  if (words) {
    const phone = normalisePhone(words);
    conditions.push(
      phone
        ? eq(outboxMessages.recipient, phone)
        : ilike(outboxMessages.recipient, containsPattern(normaliseEmail(words))),
    );
  }
  const where = and(...conditions);
  const [rows, [totalRow]] = await Promise.all([
    ctx.db
      .select()
      .from(outboxMessages)
      .where(where)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(outboxMessages).where(where),
  ]);
  // Messages carry recipients and, until delivered, codes and links: who saw which message is recorded,
  // one event per message shown (one statement).
  await auditMany(
    ctx.db,
    ctx,
    rows.map((r) => ({
      action: 'outbox.message-read',
      subjectType: 'outbox-message',
      subjectId: r.id,
      purpose: 'list',
    })),
  );
  const demo = ctx.config.mode === 'demo';
  return { items: rows.map((r) => present(r, demo)), total: totalRow?.n ?? 0 };
}

export async function getMessage(ctx: Ctx, id: string) {
  const [row] = await ctx.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.organisationId, actorOf(ctx).organisationId)));
  if (!row) throw problems.notFound();
  await audit(ctx.db, ctx, {
    action: 'outbox.message-read',
    subjectType: 'outbox-message',
    subjectId: id,
    purpose: 'detail',
  });
  return present(row, ctx.config.mode === 'demo');
}

/** Sends a failed message again (after fixing the channel's configuration, say). */
export async function retryMessage(ctx: Ctx, id: string) {
  return inTransaction(ctx, async (txCtx) => {
    const tx = txCtx.db;
    const updated = await tx
      .update(outboxMessages)
      .set({ status: 'pending', nextAttemptAt: ctx.clock.now(), attempts: 0 })
      .where(
        and(
          eq(outboxMessages.id, id),
          eq(outboxMessages.organisationId, actorOf(ctx).organisationId),
          eq(outboxMessages.status, 'failed'),
        ),
      )
      .returning();
    if (updated.length === 0) throw problems.notFound();
    // A message cancelled on purpose (the reminder of an appointment that was called off) is not sent again.
    if (updated[0]!.lastError === CANCELLED) throw problems.conflict('errors.outbox.cancelledNotRetried');
    await txCtx.jobs.send(txCtx, 'outbox-deliver', deliveryJob(id, updated[0]!.organisationId));
    await audit(tx, ctx, {
      action: 'outbox.message-retried',
      subjectType: 'outbox-message',
      subjectId: id,
      fields: ['status'],
    });
    return present(updated[0]!, ctx.config.mode === 'demo');
  });
}

// ---- the data-protection desk --------------------------------------------------------------------------

/** Messages to a person (by their account or their contact addresses): for the access export. */
export async function messagesOf(
  db: Db,
  organisationId: string,
  who: { userIds: readonly string[]; recipients: readonly string[] },
) {
  const conditions: SQL[] = [];
  if (who.userIds.length) conditions.push(inArray(outboxMessages.userId, [...who.userIds]));
  if (who.recipients.length) conditions.push(inArray(outboxMessages.recipient, [...who.recipients]));
  if (conditions.length === 0) return [];
  const rows = await db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.organisationId, organisationId), sql`(${sql.join(conditions, sql` OR `)})`))
    .orderBy(desc(outboxMessages.createdAt));
  return rows.map((m) => ({
    id: m.id,
    channel: m.channel,
    recipient: m.recipient,
    template: m.template,
    subject: CARRIES_SECRET[m.template as Template] ? null : m.subject,
    body: CARRIES_SECRET[m.template as Template] ? null : m.body,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
  }));
}

/**
 * For an erasure, in the caller's transaction: deletes every message to the person's account or contact
 * addresses, and any message whose text names them (`mentions`, e.g. the full name). Returns how many.
 */
export async function purgeMessages(
  ctx: Ctx,
  who: { userIds: readonly string[]; recipients: readonly string[]; mentions: readonly string[] },
): Promise<number> {
  const conditions: SQL[] = [];
  if (who.userIds.length) conditions.push(inArray(outboxMessages.userId, [...who.userIds]));
  if (who.recipients.length) conditions.push(inArray(outboxMessages.recipient, [...who.recipients]));
  for (const m of who.mentions.filter((x) => x.trim().length >= 3)) {
    const like = containsPattern(m);
    conditions.push(
      sql`(${outboxMessages.body} ILIKE ${like} OR coalesce(${outboxMessages.subject}, '') ILIKE ${like})`,
    );
  }
  if (conditions.length === 0) return 0;
  const rows = await ctx.db
    .delete(outboxMessages)
    .where(
      and(eq(outboxMessages.organisationId, actorOf(ctx).organisationId), sql`(${sql.join(conditions, sql` OR `)})`),
    )
    .returning({ id: outboxMessages.id });
  if (rows.length)
    await audit(ctx.db, ctx, {
      action: 'outbox.messages-purged',
      subjectType: 'outbox-message',
      subjectId: null,
      purpose: `erasure:${rows.length}`,
    });
  return rows.length;
}
