/**
 * The breach register (KVKK art. 12(5); the Board's decision 2019/10): a breach is notified to the Board
 * within 72 hours of its discovery and to the persons concerned as soon as possible. The register keeps
 * the deadline, the categories and counts affected, consequences, measures and the two notification
 * texts (drafted from the record until the DPO writes them), and when each notification went out (a late
 * one with its reason). Counts only: no person is named.
 */
import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dpBreaches, organisations } from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import { problems } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import type { Locale } from '../../../common/locales.ts';
import { intlLocaleOf } from '../../../common/message-format.ts';
import { DP_BREACH_NOTIFY_HOURS, type Breach, type BreachInput } from '../../../common/contracts/dataprotection.ts';

type BreachRow = typeof dpBreaches.$inferSelect;
const HOUR = 3_600_000;

function dateTime(locale: Locale, d: Date): string {
  return new Intl.DateTimeFormat(intlLocaleOf(locale), {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Istanbul',
  }).format(d);
}

/** The notifications drafted from the record, in the caller's language. */
function drafts(locale: Locale, b: BreachRow, organisation: string) {
  const categories = b.categories.map((c) => t(locale, `dataProtection.breachCategories.${c}`)).join(', ');
  const unknown = t(locale, 'dataProtection.breachDraft.unknown');
  const params = {
    organisation,
    title: b.title,
    description: b.description,
    occurred: b.occurredAt ? dateTime(locale, b.occurredAt) : unknown,
    discovered: dateTime(locale, b.discoveredAt),
    categories,
    persons: b.affectedPersons === null ? unknown : String(b.affectedPersons),
    records: b.affectedRecords === null ? unknown : String(b.affectedRecords),
    consequences: b.consequences ?? unknown,
    measures: b.measures ?? unknown,
  };
  return {
    board: t(locale, 'dataProtection.breachDraft.board', params),
    persons: t(locale, 'dataProtection.breachDraft.persons', params),
  };
}

async function present(ctx: Ctx, b: BreachRow): Promise<Breach> {
  const [org] = await ctx.db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, b.organisationId));
  return {
    id: b.id,
    title: b.title,
    description: b.description,
    occurredAt: b.occurredAt?.toISOString() ?? null,
    discoveredAt: b.discoveredAt.toISOString(),
    notifyBoardBy: b.notifyBoardBy.toISOString(),
    hoursLeft: b.boardNotifiedAt ? null : Math.floor((b.notifyBoardBy.getTime() - ctx.clock.now().getTime()) / HOUR),
    categories: b.categories,
    affectedPersons: b.affectedPersons,
    affectedRecords: b.affectedRecords,
    consequences: b.consequences,
    measures: b.measures,
    boardNotice: b.boardNotice,
    personsNotice: b.personsNotice,
    drafts: drafts(ctx.locale, b, org?.name ?? ''),
    boardNotifiedAt: b.boardNotifiedAt?.toISOString() ?? null,
    delayReason: b.delayReason,
    personsNotifiedAt: b.personsNotifiedAt?.toISOString() ?? null,
    closedAt: b.closedAt?.toISOString() ?? null,
    createdAt: b.createdAt.toISOString(),
  };
}

async function loadBreach(db: Db, ctx: Ctx, id: string): Promise<BreachRow> {
  const [row] = await db
    .select()
    .from(dpBreaches)
    .where(and(eq(dpBreaches.id, id), eq(dpBreaches.organisationId, actorOf(ctx).organisationId)));
  if (!row) throw problems.notFound();
  return row;
}

function checkTimes(ctx: Ctx, input: Partial<BreachInput>, existing: BreachRow | null): void {
  const now = ctx.clock.now();
  const discovered = input.discoveredAt ? new Date(input.discoveredAt) : existing?.discoveredAt;
  if (input.discoveredAt && new Date(input.discoveredAt) > now)
    throw problems.invalid('/discoveredAt', 'errors.dataProtection.inFuture');
  if (input.occurredAt) {
    const occurred = new Date(input.occurredAt);
    if (occurred > now) throw problems.invalid('/occurredAt', 'errors.dataProtection.inFuture');
    if (discovered && occurred > discovered)
      throw problems.invalid('/occurredAt', 'errors.dataProtection.occurredAfterDiscovery');
  }
}

function values(input: Partial<BreachInput>) {
  const v: Partial<typeof dpBreaches.$inferInsert> = {};
  if (input.title !== undefined) v.title = input.title.trim();
  if (input.description !== undefined) v.description = input.description.trim();
  if (input.occurredAt !== undefined) v.occurredAt = input.occurredAt ? new Date(input.occurredAt) : null;
  if (input.discoveredAt !== undefined) {
    v.discoveredAt = new Date(input.discoveredAt);
    v.notifyBoardBy = new Date(v.discoveredAt.getTime() + DP_BREACH_NOTIFY_HOURS * HOUR);
  }
  if (input.categories !== undefined) v.categories = [...input.categories];
  for (const key of ['affectedPersons', 'affectedRecords'] as const) if (input[key] !== undefined) v[key] = input[key];
  for (const key of ['consequences', 'measures', 'boardNotice', 'personsNotice'] as const)
    if (input[key] !== undefined) v[key] = input[key]?.trim() || null;
  return v;
}

export async function listBreaches(ctx: Ctx, page: { page: number; pageSize: number }) {
  const where = eq(dpBreaches.organisationId, actorOf(ctx).organisationId);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(dpBreaches)
      .where(where)
      // Open ones not yet notified to the Board first, by deadline; then the rest, newest first.
      .orderBy(
        sql`(${dpBreaches.closedAt} IS NULL AND ${dpBreaches.boardNotifiedAt} IS NULL) DESC`,
        asc(dpBreaches.notifyBoardBy),
        desc(dpBreaches.discoveredAt),
      )
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    ctx.db.select({ n: count() }).from(dpBreaches).where(where),
  ]);
  const items: Breach[] = [];
  for (const r of rows) items.push(await present(ctx, r));
  return { items, total: total?.n ?? 0 };
}

export async function getBreach(ctx: Ctx, id: string): Promise<Breach> {
  return present(ctx, await loadBreach(ctx.db, ctx, id));
}

export async function createBreach(ctx: Ctx, input: BreachInput): Promise<string> {
  checkTimes(ctx, input, null);
  return inTransaction(ctx, async (c) => {
    const now = ctx.clock.now();
    const v = values(input);
    const [row] = await c.db
      .insert(dpBreaches)
      .values({
        ...v,
        organisationId: actorOf(ctx).organisationId,
        title: v.title!,
        description: v.description!,
        discoveredAt: v.discoveredAt!,
        notifyBoardBy: v.notifyBoardBy!,
        categories: v.categories!,
        createdBy: actorOf(ctx).userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: dpBreaches.id });
    await audit(c.db, c, {
      action: 'dp-breach.recorded',
      subjectType: 'dp-breach',
      subjectId: row!.id,
      fields: Object.keys(v),
    });
    return row!.id;
  });
}

export async function updateBreach(ctx: Ctx, id: string, input: Partial<BreachInput>): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const b = await loadBreach(c.db, c, id);
    if (b.closedAt) throw problems.conflict('errors.dataProtection.breachClosed');
    checkTimes(c, input, b);
    const v = values(input);
    const fields = changedFields(b as unknown as Record<string, unknown>, v as Record<string, unknown>).filter(
      (f) => f !== 'notifyBoardBy',
    );
    if (fields.length === 0) return;
    await c.db
      .update(dpBreaches)
      .set({ ...v, updatedAt: ctx.clock.now() })
      .where(and(eq(dpBreaches.id, b.id), eq(dpBreaches.organisationId, b.organisationId)));
    await audit(c.db, c, { action: 'dp-breach.updated', subjectType: 'dp-breach', subjectId: b.id, fields });
  });
}

export async function recordNotice(
  ctx: Ctx,
  id: string,
  input: { who: 'board' | 'persons'; at?: string | undefined; delayReason?: string | null | undefined },
): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const b = await loadBreach(c.db, c, id);
    if (b.closedAt) throw problems.conflict('errors.dataProtection.breachClosed');
    const at = input.at ? new Date(input.at) : ctx.clock.now();
    if (at > ctx.clock.now()) throw problems.invalid('/at', 'errors.dataProtection.inFuture');
    if (at < b.discoveredAt) throw problems.invalid('/at', 'errors.dataProtection.beforeDiscovery');
    if (input.who === 'board') {
      if (b.boardNotifiedAt) throw problems.conflict('errors.dataProtection.alreadyNotified');
      // A notification after the 72 hours states why it is late (the Board's decision 2019/10).
      const late = at > b.notifyBoardBy;
      if (late && !input.delayReason?.trim())
        throw problems.invalid('/delayReason', 'errors.dataProtection.delayReasonRequired');
      await c.db
        .update(dpBreaches)
        .set({ boardNotifiedAt: at, delayReason: late ? input.delayReason!.trim() : null, updatedAt: ctx.clock.now() })
        .where(and(eq(dpBreaches.id, b.id), eq(dpBreaches.organisationId, b.organisationId)));
    } else {
      if (b.personsNotifiedAt) throw problems.conflict('errors.dataProtection.alreadyNotified');
      await c.db
        .update(dpBreaches)
        .set({ personsNotifiedAt: at, updatedAt: ctx.clock.now() })
        .where(and(eq(dpBreaches.id, b.id), eq(dpBreaches.organisationId, b.organisationId)));
    }
    await audit(c.db, c, {
      action: input.who === 'board' ? 'dp-breach.board-notified' : 'dp-breach.persons-notified',
      subjectType: 'dp-breach',
      subjectId: b.id,
      fields: input.who === 'board' ? ['boardNotifiedAt'] : ['personsNotifiedAt'],
    });
  });
}

export async function closeBreach(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const b = await loadBreach(c.db, c, id);
    if (b.closedAt) throw problems.conflict('errors.dataProtection.breachClosed');
    if (!b.boardNotifiedAt) throw problems.conflict('errors.dataProtection.boardNotNotified');
    await c.db
      .update(dpBreaches)
      .set({ closedAt: ctx.clock.now(), updatedAt: ctx.clock.now() })
      .where(
        and(eq(dpBreaches.id, b.id), eq(dpBreaches.organisationId, b.organisationId), isNull(dpBreaches.closedAt)),
      );
    await audit(c.db, c, {
      action: 'dp-breach.closed',
      subjectType: 'dp-breach',
      subjectId: b.id,
      fields: ['closedAt'],
    });
  });
}
