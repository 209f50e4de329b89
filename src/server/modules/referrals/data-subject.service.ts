/**
 * What the data-protection desk (modules/dataprotection) asks of the referrals module, which owns the
 * disclosure log: a person's recipients, everything the module holds on them for the access export,
 * the pseudonymisation an erasure needs (free text about the person removed; the disclosure log keeps
 * the record's id, a pseudonymous reference once the record is anonymised), and passing rectification
 * notices on to their recipients through the outbox.
 */
import { and, desc, eq, gte, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  disclosureLog,
  employerContacts,
  employerUsers,
  rectificationNotices,
  referralEvents,
  referrals,
  users,
} from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { inOrder } from '../../lib/in-order.ts';
import { enqueue } from '../outbox/index.ts';
import type { Locale } from '../../../common/locales.ts';

type Row = Record<string, unknown>;

function clean(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (k === 'organisationId') continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/** Who received the person's data, what and when, newest first (the person's "who received my data"). */
export async function recipientsOf(db: Db, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return [];
  const rows = await db
    .select()
    .from(disclosureLog)
    .where(and(eq(disclosureLog.organisationId, organisationId), inArray(disclosureLog.personId, [...personIds])))
    .orderBy(desc(disclosureLog.at));
  return rows.map((d) => ({
    recipientKind: d.recipientKind,
    recipientName: d.recipientName,
    purpose: d.purpose,
    dataCategories: d.dataCategories,
    transferCountry: d.transferCountry,
    transferBasis: d.transferBasis,
    at: d.at.toISOString(),
  }));
}

/** The referrals module's sections of the access export. */
export async function referralDataOf(db: Db, organisationId: string, personIds: readonly string[]) {
  const ids = [...personIds];
  const own = and(eq(referrals.organisationId, organisationId), inArray(referrals.personId, ids));
  const rows = await db.select().from(referrals).where(own);
  const referralIds = rows.map((r) => r.id);
  const [events, disclosures, notices] = await inOrder(
    () =>
      referralIds.length
        ? db.select().from(referralEvents).where(inArray(referralEvents.referralId, referralIds))
        : Promise.resolve([]),
    () =>
      db
        .select()
        .from(disclosureLog)
        .where(and(eq(disclosureLog.organisationId, organisationId), inArray(disclosureLog.personId, ids))),
    () =>
      db
        .select()
        .from(rectificationNotices)
        .where(
          and(eq(rectificationNotices.organisationId, organisationId), inArray(rectificationNotices.personId, ids)),
        ),
  );
  return {
    referrals: rows.map((r) => clean(r as unknown as Row)),
    referralEvents: events.map((r) => clean(r as unknown as Row)),
    disclosureLog: disclosures.map((r) => clean(r as unknown as Row)),
    rectificationNotices: notices.map((r) => clean(r as unknown as Row)),
  };
}

/**
 * For an erasure, in the caller's transaction: removes free text about the person from their referrals
 * and their events (pre-screen notes, reasons in words) and the ranking kept from matching. The disclosure log and the rectification
 * notices name only recipients, purposes and categories, and the person by the record's id.
 */
export async function pseudonymiseReferrals(ctx: Ctx, personIds: readonly string[]): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await ctx.db
    .update(referrals)
    .set({ prescreenNote: null, reasonText: null, match: null, updatedAt: ctx.clock.now() })
    .where(and(eq(referrals.organisationId, actorOf(ctx).organisationId), inArray(referrals.personId, [...personIds])))
    .returning({ id: referrals.id });
  if (rows.length)
    await ctx.db
      .update(referralEvents)
      .set({ reason: null })
      .where(
        inArray(
          referralEvents.referralId,
          rows.map((r) => r.id),
        ),
      );
  return rows.length;
}

/**
 * Passes the rectification notices recorded for a person since `since` on to their recipients (KVKK art.
 * 11(1)(f)): an e-mail to each employer's active portal users and contacts, naming the candidate's
 * referral and the corrected fields, never their values. Marks each notice as sent. Returns the number
 * of messages queued.
 */
export async function notifyRectificationRecipients(ctx: Ctx, personId: string, since: Date): Promise<number> {
  const notices = await ctx.db
    .select()
    .from(rectificationNotices)
    .where(
      and(
        eq(rectificationNotices.organisationId, actorOf(ctx).organisationId),
        eq(rectificationNotices.personId, personId),
        gte(rectificationNotices.at, since),
        isNull(rectificationNotices.notifiedAt),
      ),
    );
  let queued = 0;
  for (const n of notices) {
    const recipients = new Map<string, { locale: Locale; userId: string | null }>();
    if (n.recipientKind === 'employer' && n.recipientId) {
      const portal = await ctx.db
        .select({ id: users.id, email: users.email, locale: users.locale })
        .from(employerUsers)
        .innerJoin(users, eq(users.id, employerUsers.userId))
        .where(and(eq(employerUsers.employerId, n.recipientId), eq(users.status, 'active')));
      for (const u of portal) if (u.email) recipients.set(u.email, { locale: u.locale, userId: u.id });
      const contacts = await ctx.db
        .select({ email: employerContacts.email })
        .from(employerContacts)
        .where(eq(employerContacts.employerId, n.recipientId));
      for (const c of contacts)
        if (c.email && !recipients.has(c.email)) recipients.set(c.email, { locale: 'tr', userId: null });
    }
    for (const [email, r] of recipients) {
      await enqueue(ctx, {
        channel: 'email',
        recipient: email,
        template: 'rectification-notice',
        locale: r.locale,
        params: {
          employer: n.recipientName,
          reference: n.disclosureId.slice(0, 8),
          fields: n.fields.join(', '),
          link: `${ctx.config.publicUrl}/portal/referrals`,
        },
        organisationId: n.organisationId,
        userId: r.userId,
      });
      queued++;
    }
    await ctx.db
      .update(rectificationNotices)
      .set({ notifiedAt: ctx.clock.now() })
      .where(eq(rectificationNotices.id, n.id));
    await audit(ctx.db, ctx, {
      action: 'referral.rectification-notified',
      subjectType: 'person',
      subjectId: personId,
      fields: n.fields,
      purpose: `recipient:${n.recipientKind}:${n.recipientId ?? ''}:messages:${recipients.size}`,
    });
  }
  return queued;
}

/**
 * The recipient groups of an organisation's disclosure log, for the processing inventory: how many
 * employers received profiles, and the names of the partners that received data (no person named).
 */
export async function disclosureRecipients(db: Db, organisationId: string) {
  const rows = await db
    .selectDistinct({
      kind: disclosureLog.recipientKind,
      id: disclosureLog.recipientId,
      name: disclosureLog.recipientName,
    })
    .from(disclosureLog)
    .where(eq(disclosureLog.organisationId, organisationId));
  return {
    employers: new Set(rows.filter((r) => r.kind === 'employer').map((r) => r.id ?? r.name)).size,
    partners: [...new Set(rows.filter((r) => r.kind === 'partner').map((r) => r.name))].sort(),
  };
}

/**
 * Writes disclosures made outside a referral — a project's beneficiary list given to its donor — to the
 * disclosure log (DATA-PROTECTION.md: every export to a partner), one row per person, in the caller's
 * transaction. The log is this module's table; other modules write to it only through here.
 */
export async function recordDisclosures(
  ctx: Ctx,
  input: {
    personIds: readonly string[];
    recipient: { kind: 'partner' | 'employer'; id: string | null; name: string };
    purpose: string;
    dataCategories: readonly string[];
    /** A transfer abroad (KVKK art. 9): the recipient's country and the safeguard it rests on. */
    transfer?: { country: string; basis: string } | null;
  },
): Promise<number> {
  if (input.personIds.length === 0) return 0;
  const actor = actorOf(ctx);
  const at = ctx.clock.now();
  await ctx.db.insert(disclosureLog).values(
    input.personIds.map((personId) => ({
      organisationId: actor.organisationId,
      personId,
      recipientKind: input.recipient.kind,
      recipientId: input.recipient.id,
      recipientName: input.recipient.name,
      purpose: input.purpose,
      dataCategories: [...input.dataCategories],
      transferCountry: input.transfer?.country ?? null,
      transferBasis: input.transfer?.basis ?? null,
      disclosedBy: actor.userId,
      at,
    })),
  );
  return input.personIds.length;
}
