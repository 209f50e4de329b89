import { and, count, desc, eq } from 'drizzle-orm';
import { disclosureLog, persons, rectificationNotices } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { scopeOf } from '../../lib/access.ts';
import { problems } from '../../lib/errors.ts';

/**
 * The person's fields an employer receives with a referral (`sharedProfileOf` in the people module):
 * a correction of any of them concerns every employer that already received the profile.
 */
export const SHARED_PERSON_FIELDS = [
  'givenName',
  'familyName',
  'phone',
  'email',
  'province',
  'district',
  'languages',
  'iscedLevel',
  'graduationYear',
  'skills',
  'desiredOccupations',
  'workHistory',
] as const;

/**
 * Records that a person's shared data changed after it was disclosed (issue 8, item 22; KVKK art.
 * 11(1)(f): recipients are to be told of a rectification). For every recipient in the disclosure log
 * (one row per recipient, against its latest disclosure) it writes a notice naming the changed shared
 * fields — never their values — with who changed them and when, and an audit event per notice.
 * Passing the notice on to the recipient is the data-protection work's (issue 12); until then the
 * notices are listed on the person's "Shared with" tab and to the DPO.
 *
 * Call it inside the transaction that makes the change, with the names of the changed fields (any
 * field names: those not shared are ignored). Returns the number of notices written.
 */
export async function recordRectification(
  ctx: Ctx,
  personId: string,
  changedFields: readonly string[],
): Promise<number> {
  const fields = SHARED_PERSON_FIELDS.filter((f) => changedFields.includes(f));
  if (fields.length === 0) return 0;
  const disclosures = await ctx.db
    .select()
    .from(disclosureLog)
    .where(eq(disclosureLog.personId, personId))
    .orderBy(desc(disclosureLog.at));
  const latest = new Map<string, (typeof disclosures)[number]>();
  for (const d of disclosures) {
    const key = `${d.recipientKind}:${d.recipientId ?? d.recipientName}`;
    if (!latest.has(key)) latest.set(key, d);
  }
  if (latest.size === 0) return 0;
  const now = ctx.clock.now();
  const rows = await ctx.db
    .insert(rectificationNotices)
    .values(
      [...latest.values()].map((d) => ({
        organisationId: d.organisationId,
        personId,
        disclosureId: d.id,
        recipientKind: d.recipientKind,
        recipientId: d.recipientId,
        recipientName: d.recipientName,
        fields: [...fields],
        changedBy: ctx.actor?.userId ?? null,
        changedByKind: ctx.actor?.kind ?? 'system',
        at: now,
      })),
    )
    .returning({ id: rectificationNotices.id });
  await audit(ctx.db, ctx, {
    action: 'referral.rectification-recorded',
    subjectType: 'person',
    subjectId: personId,
    fields: [...fields],
    purpose: `recipients:${rows.length}`,
  });
  return rows.length;
}

/** A person's disclosures (who received the profile, when, what) and the rectification notices. */
export async function sharedWith(ctx: Ctx, personId: string) {
  const scope = scopeOf(actorOf(ctx));
  const [person] = await ctx.db
    .select({ id: persons.id })
    .from(persons)
    .where(
      and(
        eq(persons.id, personId),
        eq(persons.organisationId, scope.organisationId),
        scope.officeId ? eq(persons.officeId, scope.officeId) : undefined,
      ),
    );
  if (!person) throw problems.notFound();
  const [disclosures, notices] = await Promise.all([
    ctx.db.select().from(disclosureLog).where(eq(disclosureLog.personId, personId)).orderBy(desc(disclosureLog.at)),
    ctx.db
      .select()
      .from(rectificationNotices)
      .where(eq(rectificationNotices.personId, personId))
      .orderBy(desc(rectificationNotices.at)),
  ]);
  return {
    disclosures: disclosures.map((d) => ({
      id: d.id,
      recipientKind: d.recipientKind,
      recipientId: d.recipientId,
      recipientName: d.recipientName,
      purpose: d.purpose,
      dataCategories: d.dataCategories,
      referralId: d.referralId,
      at: d.at.toISOString(),
    })),
    rectifications: notices.map(presentNotice),
  };
}

function presentNotice(n: typeof rectificationNotices.$inferSelect) {
  return {
    id: n.id,
    personId: n.personId,
    disclosureId: n.disclosureId,
    recipientKind: n.recipientKind,
    recipientId: n.recipientId,
    recipientName: n.recipientName,
    fields: n.fields,
    changedByKind: n.changedByKind,
    at: n.at.toISOString(),
  };
}

/** Every rectification notice of the organisation, newest first (for the DPO). */
export async function listRectifications(ctx: Ctx, page: { page: number; pageSize: number }) {
  const where = eq(rectificationNotices.organisationId, actorOf(ctx).organisationId);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(rectificationNotices)
      .where(where)
      .orderBy(desc(rectificationNotices.at), desc(rectificationNotices.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    ctx.db.select({ n: count() }).from(rectificationNotices).where(where),
  ]);
  return { items: rows.map(presentNotice), total: total?.n ?? 0 };
}
