import { and, asc, eq } from 'drizzle-orm';
import { savedFilters } from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { audit } from '../../../lib/audit.ts';
import { problems } from '../../../lib/errors.ts';
import { searchKey } from '../../../../common/text.ts';
import { SAVED_FILTER_SCOPES, SPECIAL_GROUPS, type SavedFilterScope } from '../../../../common/people.ts';

export { SAVED_FILTER_SCOPES, type SavedFilterScope };
/** A list of saved filters is a shortcut, not a store: a few dozen per user and list. */
export const MAX_SAVED_FILTERS = 50;

type Row = typeof savedFilters.$inferSelect;

function present(row: Row) {
  return {
    id: row.id,
    scope: row.scope,
    name: row.name,
    query: row.query,
    createdAt: row.createdAt.toISOString(),
  };
}
export type SavedFilterView = ReturnType<typeof present>;

/** The caller's own saved filters for a list, by name. */
export async function listSavedFilters(ctx: Ctx, scope: SavedFilterScope): Promise<SavedFilterView[]> {
  const rows = await ctx.db
    .select()
    .from(savedFilters)
    .where(and(eq(savedFilters.userId, actorOf(ctx).userId), eq(savedFilters.scope, scope)))
    .orderBy(asc(savedFilters.name), asc(savedFilters.createdAt));
  return rows.map(present);
}

export async function createSavedFilter(
  ctx: Ctx,
  input: { scope: SavedFilterScope; name: string; query: Record<string, unknown> },
): Promise<SavedFilterView> {
  const actor = actorOf(ctx);
  const name = input.name.trim();
  if (!name) throw problems.invalid('/name', 'errors.validation.required');
  // The same rule as the list itself: special groups only for those who may see them.
  const group = input.query.group;
  if (
    typeof group === 'string' &&
    (SPECIAL_GROUPS as readonly string[]).includes(group) &&
    !actor.permissions.has('special-category:read')
  )
    throw problems.invalid('/query/group', 'errors.persons.specialNotAllowed');
  const query = Object.fromEntries(
    Object.entries(input.query).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  );
  return ctx.db.transaction(async (tx) => {
    const mine = await tx
      .select({ name: savedFilters.name })
      .from(savedFilters)
      .where(and(eq(savedFilters.userId, actor.userId), eq(savedFilters.scope, input.scope)));
    if (mine.some((f) => searchKey(f.name) === searchKey(name)))
      throw problems.conflict('errors.savedFilters.nameTaken', '/name');
    if (mine.length >= MAX_SAVED_FILTERS)
      throw problems.conflict('errors.savedFilters.tooMany', { params: { max: MAX_SAVED_FILTERS } });
    const [row] = await tx
      .insert(savedFilters)
      .values({ userId: actor.userId, scope: input.scope, name, query, createdAt: ctx.clock.now() })
      .returning();
    await audit(tx, ctx, {
      action: 'user.preferences-updated',
      subjectType: 'user',
      subjectId: actor.userId,
      fields: ['savedFilters'],
      purpose: `saved-filter created: ${input.scope}`,
    });
    return present(row!);
  });
}

export async function deleteSavedFilter(ctx: Ctx, id: string): Promise<void> {
  const actor = actorOf(ctx);
  await ctx.db.transaction(async (tx) => {
    const deleted = await tx
      .delete(savedFilters)
      .where(and(eq(savedFilters.id, id), eq(savedFilters.userId, actor.userId)))
      .returning({ scope: savedFilters.scope });
    if (deleted.length === 0) throw problems.notFound();
    await audit(tx, ctx, {
      action: 'user.preferences-updated',
      subjectType: 'user',
      subjectId: actor.userId,
      fields: ['savedFilters'],
      purpose: `saved-filter deleted: ${deleted[0]!.scope}`,
    });
  });
}
