/**
 * Early-childhood care places (issue 11, docs/CHILDCARE.md). Providers are the organisation's; an entry
 * (a place or a position in line) belongs to the mother's office. The child comes from the mother's
 * household (people's `householdOf`), the priority from her employment (placements'
 * `employmentFactsOf`) and her programme (courses' `enrolledPersonsOf`).
 *
 * Capacity: every change that takes or frees a place locks the provider's row first (SELECT … FOR
 * UPDATE), counts its allocated places and allocates within the capacity, so two counsellors applying
 * at once never over-allocate. A freed place goes straight to the next in line (direct allocation).
 */
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { childcarePlaces, childcareProviders, persons } from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import { problems, type FieldError } from '../../lib/errors.ts';
import { scopeOf } from '../../lib/access.ts';
import { uniqueAs } from '../../lib/db-errors.ts';
import { findDistrict, findProvince } from '../../lib/geography.ts';
import { searchKey } from '../../../common/text.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { addMonths } from '../../../common/decent-work.ts';
import {
  ageFits,
  ageInMonths,
  compareInLine,
  initialsOf,
  priorityOf,
  type CarePriority,
} from '../../../common/childcare.ts';
import type {
  CareApplication,
  CareEnd,
  CareEntry,
  PersonChildcare,
  Provider,
  ProviderCreate,
  ProviderPatch,
  OutcomeReport,
  ProviderPlaces,
} from '../../../common/contracts/childcare.ts';
import { householdOf, loadPerson } from '../people/index.ts';
import { employmentFactsOf } from '../placements/index.ts';
import { enrolledPersonsOf } from '../courses/index.ts';

type ProviderRow = typeof childcareProviders.$inferSelect;
type PlaceRow = typeof childcarePlaces.$inferSelect;

/** How far ahead a mother may ask for a place. */
const MAX_MONTHS_AHEAD = 12;

const today = (ctx: Ctx) => turkishDate(ctx.clock.now());

// ---- providers ----------------------------------------------------------------------------------------

async function loadProvider(db: Db, organisationId: string, id: string, lock = false): Promise<ProviderRow | null> {
  const query = db
    .select()
    .from(childcareProviders)
    .where(and(eq(childcareProviders.id, id), eq(childcareProviders.organisationId, organisationId)));
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

async function countsOf(db: Db, organisationId: string, providerIds: readonly string[]) {
  const out = new Map<string, { allocated: number; waiting: number }>();
  if (providerIds.length === 0) return out;
  const rows = await db
    .select({ providerId: childcarePlaces.providerId, status: childcarePlaces.status, n: count() })
    .from(childcarePlaces)
    .where(
      and(
        eq(childcarePlaces.organisationId, organisationId),
        inArray(childcarePlaces.providerId, [...providerIds]),
        inArray(childcarePlaces.status, ['waiting', 'allocated']),
      ),
    )
    .groupBy(childcarePlaces.providerId, childcarePlaces.status);
  for (const r of rows) {
    const c = out.get(r.providerId) ?? { allocated: 0, waiting: 0 };
    if (r.status === 'allocated') c.allocated = r.n;
    else c.waiting = r.n;
    out.set(r.providerId, c);
  }
  return out;
}

function presentProvider(p: ProviderRow, c: { allocated: number; waiting: number } | undefined): Provider {
  const allocated = c?.allocated ?? 0;
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    capacity: p.capacity,
    minAgeMonths: p.minAgeMonths,
    maxAgeMonths: p.maxAgeMonths,
    province: p.province,
    district: p.district,
    address: p.address,
    phone: p.phone,
    opensAt: p.opensAt,
    closesAt: p.closesAt,
    saturdays: p.saturdays,
    active: p.active,
    allocated,
    waiting: c?.waiting ?? 0,
    free: Math.max(0, p.capacity - allocated),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

type ProviderInput = ProviderCreate;

/** Checks what the schema cannot; returns the columns to store (canonical province and district names). */
function checkProvider(v: ProviderInput, allocated: number) {
  const errors: FieldError[] = [];
  const province = findProvince(v.province);
  if (!province) errors.push({ pointer: '/province', code: 'errors.childcare.provinceUnknown' });
  const district = province ? findDistrict(province.name, v.district) : null;
  if (province && !district) errors.push({ pointer: '/district', code: 'errors.childcare.districtUnknown' });
  if (v.maxAgeMonths < v.minAgeMonths) errors.push({ pointer: '/maxAgeMonths', code: 'errors.childcare.ageRange' });
  if (v.closesAt <= v.opensAt) errors.push({ pointer: '/closesAt', code: 'errors.childcare.hours' });
  if (v.capacity < allocated)
    errors.push({ pointer: '/capacity', code: 'errors.childcare.capacityBelowAllocated', params: { allocated } });
  if (errors.length) throw problems.invalidMany(errors);
  const name = v.name.trim().replace(/\s+/g, ' ');
  return {
    name,
    nameKey: searchKey(name),
    kind: v.kind,
    capacity: v.capacity,
    minAgeMonths: v.minAgeMonths,
    maxAgeMonths: v.maxAgeMonths,
    province: province!.name,
    district: district!,
    address: v.address?.trim() || null,
    phone: v.phone?.trim() || null,
    opensAt: v.opensAt,
    closesAt: v.closesAt,
    saturdays: v.saturdays ?? false,
    active: v.active ?? true,
  };
}

const nameTaken = <T>(write: () => Promise<T>) =>
  uniqueAs(() => problems.conflict('errors.childcare.nameTaken', '/name'), write, 'childcare_providers_name_uq');

export async function createProvider(ctx: Ctx, input: ProviderCreate): Promise<string> {
  const actor = actorOf(ctx);
  const columns = checkProvider(input, 0);
  return inTransaction(ctx, async (c) => {
    const now = ctx.clock.now();
    const [row] = await nameTaken(() =>
      c.db
        .insert(childcareProviders)
        .values({
          ...columns,
          organisationId: actor.organisationId,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: childcareProviders.id }),
    );
    await audit(c.db, c, {
      action: 'childcare.provider-created',
      subjectType: 'childcare-provider',
      subjectId: row!.id,
      fields: Object.keys(input),
    });
    return row!.id;
  });
}

export async function updateProvider(ctx: Ctx, id: string, patch: ProviderPatch): Promise<void> {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (c) => {
    const row = await loadProvider(c.db, actor.organisationId, id, true);
    if (!row) throw problems.notFound();
    const allocated = (await countsOf(c.db, actor.organisationId, [id])).get(id)?.allocated ?? 0;
    const merged: ProviderInput = {
      name: row.name,
      kind: row.kind,
      capacity: row.capacity,
      minAgeMonths: row.minAgeMonths,
      maxAgeMonths: row.maxAgeMonths,
      province: row.province,
      district: row.district,
      address: row.address,
      phone: row.phone,
      opensAt: row.opensAt,
      closesAt: row.closesAt,
      saturdays: row.saturdays,
      active: row.active,
      ...patch,
    };
    const columns = checkProvider(merged, allocated);
    const fields = changedFields(row as unknown as Record<string, unknown>, columns);
    if (fields.length === 0) return;
    const [updated] = await nameTaken(() =>
      c.db
        .update(childcareProviders)
        .set({ ...columns, updatedAt: ctx.clock.now() })
        .where(and(eq(childcareProviders.id, id), eq(childcareProviders.organisationId, actor.organisationId)))
        .returning(),
    );
    await audit(c.db, c, {
      action: 'childcare.provider-updated',
      subjectType: 'childcare-provider',
      subjectId: id,
      fields: fields.filter((f) => f !== 'nameKey'),
    });
    // More places, a wider age range or a provider opened again: the line moves up.
    await fillFreePlaces(c, updated!);
  });
}

export async function getProvider(ctx: Ctx, id: string): Promise<Provider> {
  const organisationId = actorOf(ctx).organisationId;
  const row = await loadProvider(ctx.db, organisationId, id);
  if (!row) throw problems.notFound();
  return presentProvider(row, (await countsOf(ctx.db, organisationId, [id])).get(id));
}

export interface ProviderFilter {
  q?: string | undefined;
  district?: string | undefined;
  kind?: ProviderRow['kind'] | undefined;
  active?: boolean | undefined;
  sort?: 'name' | 'district' | 'capacity' | 'free' | 'waiting' | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

export async function listProviders(ctx: Ctx, filter: ProviderFilter): Promise<{ items: Provider[]; total: number }> {
  const organisationId = actorOf(ctx).organisationId;
  const conditions: SQL[] = [eq(childcareProviders.organisationId, organisationId)];
  if (filter.active !== undefined) conditions.push(eq(childcareProviders.active, filter.active));
  if (filter.kind) conditions.push(eq(childcareProviders.kind, filter.kind));
  if (filter.district) conditions.push(eq(childcareProviders.district, filter.district));
  if (filter.q) {
    const like = `%${searchKey(filter.q).replace(/[%_\\]/g, '\\$&')}%`;
    conditions.push(or(ilike(childcareProviders.nameKey, like), ilike(childcareProviders.district, like))!);
  }
  const where = and(...conditions);
  const countOf = (status: string) =>
    sql<number>`(SELECT count(*) FROM childcare_places cp WHERE cp.organisation_id = ${organisationId} AND cp.provider_id = ${childcareProviders.id} AND cp.status = ${status})`;
  const direction = filter.order === 'desc' ? desc : asc;
  const sortColumn =
    filter.sort === 'district'
      ? sql`${childcareProviders.district} COLLATE "turkish"`
      : filter.sort === 'capacity'
        ? childcareProviders.capacity
        : filter.sort === 'free'
          ? sql`${childcareProviders.capacity} - ${countOf('allocated')}`
          : filter.sort === 'waiting'
            ? countOf('waiting')
            : sql`${childcareProviders.name} COLLATE "turkish"`;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(childcareProviders)
      .where(where)
      .orderBy(direction(sortColumn), asc(childcareProviders.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(childcareProviders).where(where),
  ]);
  const counts = await countsOf(
    ctx.db,
    organisationId,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => presentProvider(r, counts.get(r.id))), total: total?.n ?? 0 };
}

// ---- priority ----------------------------------------------------------------------------------------

/** Each mother's priority on a date: in work (a placement not ended on it), in a programme, or neither. */
async function prioritiesOf(db: Db, organisationId: string, personIds: readonly string[], onDate: string) {
  const ids = [...new Set(personIds)];
  // One after the other: inside a transaction both go through the same connection.
  const facts = await employmentFactsOf(db, organisationId, ids);
  const enrolled = await enrolledPersonsOf(db, organisationId, ids);
  const placed = new Set(
    facts
      .filter((f) => f.status !== 'ended' && f.startDate <= addMonths(onDate, MAX_MONTHS_AHEAD))
      .filter((f) => f.endDate === null || f.endDate >= onDate)
      .map((f) => f.personId),
  );
  return new Map<string, CarePriority>(
    ids.map((id) => [id, priorityOf({ placed: placed.has(id), inProgramme: enrolled.has(id) })]),
  );
}

// ---- entries -----------------------------------------------------------------------------------------

/**
 * Gives the provider's free places to the line, best first. Call with the provider's row locked (in the
 * transaction that changed it). Passes over mothers who are neither in work nor in a programme today and
 * children outside the age range on their start day; they keep their position.
 */
async function fillFreePlaces(c: Ctx, provider: ProviderRow): Promise<void> {
  if (!provider.active) return;
  const organisationId = provider.organisationId;
  const allocated = (await countsOf(c.db, organisationId, [provider.id])).get(provider.id)?.allocated ?? 0;
  let free = provider.capacity - allocated;
  if (free <= 0) return;
  const waiting = await c.db
    .select()
    .from(childcarePlaces)
    .where(
      and(
        eq(childcarePlaces.organisationId, organisationId),
        eq(childcarePlaces.providerId, provider.id),
        eq(childcarePlaces.status, 'waiting'),
      ),
    );
  if (waiting.length === 0) return;
  const day = today(c);
  const priorities = await prioritiesOf(
    c.db,
    organisationId,
    waiting.map((w) => w.personId),
    day,
  );
  const line = waiting
    .map((w) => ({ row: w, id: w.id, priority: priorities.get(w.personId)!, appliedAt: w.appliedAt.toISOString() }))
    .sort(compareInLine);
  const now = c.clock.now();
  for (const entry of line) {
    if (free === 0) break;
    if (entry.priority === 'none') continue;
    const start = entry.row.requestedStart > day ? entry.row.requestedStart : day;
    if (!ageFits(provider, entry.row.childBirthDate, start)) continue;
    await c.db
      .update(childcarePlaces)
      .set({ status: 'allocated', priority: entry.priority, startDate: start, allocatedAt: now, updatedAt: now })
      .where(and(eq(childcarePlaces.id, entry.id), eq(childcarePlaces.organisationId, organisationId)));
    await audit(c.db, c, {
      action: 'childcare.allocated',
      subjectType: 'childcare-place',
      subjectId: entry.id,
      fields: ['status', 'startDate', 'priority'],
    });
    free -= 1;
  }
}

interface EntryView {
  row: PlaceRow;
  provider: Pick<ProviderRow, 'id' | 'name' | 'district' | 'minAgeMonths' | 'maxAgeMonths'>;
  mother: { givenName: string; familyName: string };
}

/** Entries with their provider and the mother's name, as the lists show them (organisation's rows only). */
async function entriesWhere(db: Db, organisationId: string, condition: SQL | undefined): Promise<EntryView[]> {
  const rows = await db
    .select({
      row: childcarePlaces,
      provider: {
        id: childcareProviders.id,
        name: childcareProviders.name,
        district: childcareProviders.district,
        minAgeMonths: childcareProviders.minAgeMonths,
        maxAgeMonths: childcareProviders.maxAgeMonths,
      },
      mother: { givenName: persons.givenName, familyName: persons.familyName },
    })
    .from(childcarePlaces)
    .innerJoin(childcareProviders, eq(childcareProviders.id, childcarePlaces.providerId))
    .innerJoin(persons, eq(persons.id, childcarePlaces.personId))
    .where(
      and(
        eq(childcarePlaces.organisationId, organisationId),
        eq(childcareProviders.organisationId, organisationId),
        condition,
      ),
    )
    .orderBy(desc(childcarePlaces.appliedAt), asc(childcarePlaces.id));
  return rows;
}

function presentEntry(ctx: Ctx, e: EntryView, priority: CarePriority, position: number | null, day: string): CareEntry {
  const actor = actorOf(ctx);
  const scope = scopeOf(actor);
  const visible = scope.officeId === null || scope.officeId === e.row.officeId;
  const ageDay = e.row.status === 'waiting' && e.row.requestedStart > day ? e.row.requestedStart : day;
  return {
    id: e.row.id,
    provider: { id: e.provider.id, name: e.provider.name, district: e.provider.district },
    status: e.row.status,
    priority,
    position,
    mother: visible ? { id: e.row.personId, name: `${e.mother.givenName} ${e.mother.familyName}` } : null,
    child: visible ? { initials: e.row.childInitials, ageMonths: ageInMonths(e.row.childBirthDate, day) } : null,
    ageFits: ageFits(e.provider, e.row.childBirthDate, ageDay),
    appliedAt: e.row.appliedAt.toISOString(),
    requestedStart: e.row.requestedStart,
    startDate: e.row.startDate,
    endDate: e.row.endDate,
    endReason: e.row.endReason,
    canManage:
      visible &&
      actor.permissions.has('childcare:write') &&
      (e.row.status === 'waiting' || e.row.status === 'allocated'),
  };
}

/** The waiting entries of one provider in line order, with today's priorities. */
async function lineOf(ctx: Ctx, entries: EntryView[]): Promise<{ entry: EntryView; priority: CarePriority }[]> {
  const organisationId = actorOf(ctx).organisationId;
  const priorities = await prioritiesOf(
    ctx.db,
    organisationId,
    entries.map((e) => e.row.personId),
    today(ctx),
  );
  return entries
    .map((entry) => ({
      entry,
      id: entry.row.id,
      priority: priorities.get(entry.row.personId)!,
      appliedAt: entry.row.appliedAt.toISOString(),
    }))
    .sort(compareInLine);
}

export async function providerPlaces(ctx: Ctx, id: string): Promise<ProviderPlaces> {
  const organisationId = actorOf(ctx).organisationId;
  const provider = await getProvider(ctx, id);
  const entries = await entriesWhere(
    ctx.db,
    organisationId,
    and(eq(childcarePlaces.providerId, id), inArray(childcarePlaces.status, ['waiting', 'allocated'])),
  );
  const day = today(ctx);
  const line = await lineOf(
    ctx,
    entries.filter((e) => e.row.status === 'waiting'),
  );
  const allocated = entries
    .filter((e) => e.row.status === 'allocated')
    .sort((a, b) => (a.row.startDate ?? '').localeCompare(b.row.startDate ?? '') || a.row.id.localeCompare(b.row.id));
  return {
    provider,
    allocated: allocated.map((e) => presentEntry(ctx, e, e.row.priority, null, day)),
    waiting: line.map((l, i) => presentEntry(ctx, l.entry, l.priority, i + 1, day)),
  };
}

/** Positions of waiting entries in their providers' lines. */
async function positionsOf(ctx: Ctx, providerIds: readonly string[]) {
  const organisationId = actorOf(ctx).organisationId;
  const out = new Map<string, { position: number; priority: CarePriority }>();
  if (providerIds.length === 0) return out;
  const waiting = await entriesWhere(
    ctx.db,
    organisationId,
    and(inArray(childcarePlaces.providerId, [...providerIds]), eq(childcarePlaces.status, 'waiting')),
  );
  for (const providerId of new Set(providerIds)) {
    const line = await lineOf(
      ctx,
      waiting.filter((w) => w.row.providerId === providerId),
    );
    line.forEach((l, i) => out.set(l.entry.row.id, { position: i + 1, priority: l.priority }));
  }
  return out;
}

/** One entry as the reader may see it (404 outside the organisation or the reader's office). */
export async function getEntry(ctx: Ctx, id: string): Promise<CareEntry> {
  const scope = scopeOf(actorOf(ctx));
  const [entry] = await entriesWhere(
    ctx.db,
    scope.organisationId,
    and(eq(childcarePlaces.id, id), scope.officeId ? eq(childcarePlaces.officeId, scope.officeId) : undefined),
  );
  if (!entry) throw problems.notFound();
  const pos = (await positionsOf(ctx, entry.row.status === 'waiting' ? [entry.row.providerId] : [])).get(id);
  return presentEntry(ctx, entry, pos?.priority ?? entry.row.priority, pos?.position ?? null, today(ctx));
}

/** The children of a mother's household who could hold a place: anyone but herself with a birth date, under 7. */
function childrenOf(household: Awaited<ReturnType<typeof householdOf>>, personId: string, day: string) {
  if (!household) return [];
  return household.members
    .filter((m) => m.personId !== personId && m.birthDate !== null)
    .map((m) => ({ m, months: ageInMonths(m.birthDate!, day) }))
    .filter(({ months }) => months >= 0 && months <= 84)
    .map(({ m, months }) => ({
      memberId: m.id,
      initials: initialsOf(m.givenName, m.familyName),
      birthDate: m.birthDate!,
      ageMonths: months,
    }));
}

export async function personChildcare(ctx: Ctx, personId: string): Promise<PersonChildcare> {
  const organisationId = actorOf(ctx).organisationId;
  const person = await loadPerson(ctx.db, ctx, personId);
  const day = today(ctx);
  const [household, priorities, entries] = await Promise.all([
    householdOf(ctx, personId, day),
    prioritiesOf(ctx.db, organisationId, [personId], day),
    entriesWhere(ctx.db, organisationId, eq(childcarePlaces.personId, person.id)),
  ]);
  const positions = await positionsOf(
    ctx,
    entries.filter((e) => e.row.status === 'waiting').map((e) => e.row.providerId),
  );
  return {
    priority: priorities.get(personId)!,
    children: childrenOf(household, personId, day),
    entries: entries.map((e) => {
      const pos = positions.get(e.row.id);
      return presentEntry(ctx, e, pos?.priority ?? e.row.priority, pos?.position ?? null, day);
    }),
  };
}

export async function applyForPlace(ctx: Ctx, personId: string, input: CareApplication): Promise<string> {
  const actor = actorOf(ctx);
  const organisationId = actor.organisationId;
  return inTransaction(ctx, async (c) => {
    const person = await loadPerson(c.db, c, personId);
    if (person.mergedIntoId) throw problems.notFound();
    const day = today(c);
    const errors: FieldError[] = [];
    if (input.requestedStart < day) errors.push({ pointer: '/requestedStart', code: 'errors.childcare.startInPast' });
    else if (input.requestedStart > addMonths(day, MAX_MONTHS_AHEAD))
      errors.push({
        pointer: '/requestedStart',
        code: 'errors.childcare.startTooFar',
        params: { months: MAX_MONTHS_AHEAD },
      });
    // Locked before anything is counted: applications to one provider take their turn here.
    const provider = await loadProvider(c.db, organisationId, input.providerId, true);
    if (!provider) errors.push({ pointer: '/providerId', code: 'errors.childcare.providerUnknown' });
    else if (!provider.active) errors.push({ pointer: '/providerId', code: 'errors.childcare.providerInactive' });
    const household = await householdOf(c, personId, day);
    const member = household?.members.find((m) => m.id === input.childMemberId && m.personId !== personId);
    if (!household) errors.push({ pointer: '/childMemberId', code: 'errors.childcare.noHousehold' });
    else if (!member) errors.push({ pointer: '/childMemberId', code: 'errors.childcare.notInHousehold' });
    else if (!member.birthDate) errors.push({ pointer: '/childMemberId', code: 'errors.childcare.birthDateUnknown' });
    else if (provider && errors.length === 0 && !ageFits(provider, member.birthDate, input.requestedStart))
      errors.push({
        pointer: '/childMemberId',
        code: 'errors.childcare.ageOutOfRange',
        params: {
          months: ageInMonths(member.birthDate, input.requestedStart),
          min: provider.minAgeMonths,
          max: provider.maxAgeMonths,
        },
      });
    if (errors.length) throw problems.invalidMany(errors);
    if (person.sex !== 'female') throw problems.conflict('errors.childcare.notMother');
    const priority = (await prioritiesOf(c.db, organisationId, [personId], day)).get(personId)!;
    if (priority === 'none') throw problems.conflict('errors.childcare.motherNotEligible');
    const now = c.clock.now();
    const [row] = await uniqueAs(
      () => problems.conflict('errors.childcare.childHasEntry', '/childMemberId'),
      () =>
        c.db
          .insert(childcarePlaces)
          .values({
            organisationId,
            officeId: person.officeId,
            providerId: provider!.id,
            personId,
            childMemberId: member!.id,
            childInitials: initialsOf(member!.givenName, member!.familyName),
            childBirthDate: member!.birthDate!,
            status: 'waiting',
            priority,
            appliedAt: now,
            appliedBy: actor.userId,
            requestedStart: input.requestedStart,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: childcarePlaces.id }),
      'childcare_places_child_open_uq',
    );
    await audit(c.db, c, {
      action: 'childcare.applied',
      subjectType: 'childcare-place',
      subjectId: row!.id,
      fields: ['providerId', 'personId', 'childMemberId', 'requestedStart', 'priority'],
    });
    // A free place goes to the best in line: this mother, unless someone before her can take it.
    await fillFreePlaces(c, provider!);
    return row!.id;
  });
}

export async function endPlace(ctx: Ctx, id: string, input: CareEnd): Promise<void> {
  const actor = actorOf(ctx);
  const scope = scopeOf(actor);
  await inTransaction(ctx, async (c) => {
    const [row] = await c.db
      .select()
      .from(childcarePlaces)
      .where(
        and(
          eq(childcarePlaces.id, id),
          eq(childcarePlaces.organisationId, scope.organisationId),
          scope.officeId ? eq(childcarePlaces.officeId, scope.officeId) : undefined,
        ),
      );
    if (!row) throw problems.notFound();
    if (row.status !== 'waiting' && row.status !== 'allocated')
      throw problems.conflict('errors.childcare.alreadyEnded');
    const provider = (await loadProvider(c.db, scope.organisationId, row.providerId, true))!;
    const day = today(c);
    const endDate = input.endDate ?? day;
    if (endDate > day) throw problems.invalid('/endDate', 'errors.childcare.endInFuture');
    if (row.status === 'allocated' && row.startDate && endDate < row.startDate && row.startDate <= day)
      throw problems.invalid('/endDate', 'errors.childcare.endBeforeStart');
    const status = row.status === 'waiting' ? 'withdrawn' : 'ended';
    await c.db
      .update(childcarePlaces)
      .set({
        status,
        endDate,
        endReason: input.reason,
        endNote: input.note?.trim() || null,
        endedBy: actor.userId,
        updatedAt: c.clock.now(),
      })
      .where(and(eq(childcarePlaces.id, id), eq(childcarePlaces.organisationId, scope.organisationId)));
    await audit(c.db, c, {
      action: status === 'ended' ? 'childcare.ended' : 'childcare.withdrawn',
      subjectType: 'childcare-place',
      subjectId: id,
      fields: ['status', 'endDate', 'endReason', ...(input.note ? ['endNote'] : [])],
    });
    if (status === 'ended') await fillFreePlaces(c, provider);
  });
}

// ---- counting (the report, and the indicators module to come) ------------------------------------------

export interface OutcomeCount {
  providerId: string;
  providerName: string;
  district: string;
  mothers: number;
  placed: number;
  verified: number;
}

interface MotherOutcome {
  providerId: string;
  district: string;
  personId: string;
  placed: boolean;
  verified: boolean;
}

/**
 * Each (provider, mother) with a place held at any time in [from, to]: whether she was in work (a
 * placement whose dates overlap the care period within [from, to]) and in verified registered work.
 */
async function motherOutcomes(db: Db, organisationId: string, period: { from: string; to: string }) {
  const places = await db
    .select({
      personId: childcarePlaces.personId,
      providerId: childcarePlaces.providerId,
      startDate: childcarePlaces.startDate,
      endDate: childcarePlaces.endDate,
    })
    .from(childcarePlaces)
    .where(
      and(
        eq(childcarePlaces.organisationId, organisationId),
        inArray(childcarePlaces.status, ['allocated', 'ended']),
        sql`${childcarePlaces.startDate} <= ${period.to}`,
        sql`(${childcarePlaces.endDate} IS NULL OR ${childcarePlaces.endDate} >= ${period.from})`,
      ),
    );
  const providers = await db
    .select({ id: childcareProviders.id, name: childcareProviders.name, district: childcareProviders.district })
    .from(childcareProviders)
    .where(eq(childcareProviders.organisationId, organisationId))
    .orderBy(sql`${childcareProviders.name} COLLATE "turkish"`);
  const facts = await employmentFactsOf(db, organisationId, [...new Set(places.map((p) => p.personId))]);
  const district = new Map(providers.map((p) => [p.id, p.district]));
  const outcomes = new Map<string, MotherOutcome>();
  for (const place of places) {
    const from = place.startDate! > period.from ? place.startDate! : period.from;
    const to = place.endDate && place.endDate < period.to ? place.endDate : period.to;
    const jobs = facts.filter(
      (f) => f.personId === place.personId && f.startDate <= to && (f.endDate === null || f.endDate >= from),
    );
    const key = `${place.providerId}/${place.personId}`;
    const m = outcomes.get(key) ?? {
      providerId: place.providerId,
      district: district.get(place.providerId) ?? '',
      personId: place.personId,
      placed: false,
      verified: false,
    };
    m.placed ||= jobs.length > 0;
    m.verified ||= jobs.some((j) => j.verification === 'verified');
    outcomes.set(key, m);
  }
  return { providers, outcomes: [...outcomes.values()] };
}

/** Distinct mothers of the outcomes, and of whom in work and in verified registered work. */
function tally(outcomes: readonly MotherOutcome[]) {
  const byMother = new Map<string, { placed: boolean; verified: boolean }>();
  for (const o of outcomes) {
    const m = byMother.get(o.personId) ?? { placed: false, verified: false };
    m.placed ||= o.placed;
    m.verified ||= o.verified;
    byMother.set(o.personId, m);
  }
  const values = [...byMother.values()];
  return {
    mothers: values.length,
    placed: values.filter((v) => v.placed).length,
    verified: values.filter((v) => v.verified).length,
  };
}

/**
 * Per provider (every provider of the organisation, in name order): mothers who held a place at any
 * time in [from, to], of whom in work while the child was in care, and in verified registered work.
 * For the indicators module; the report below shows the same figures.
 */
export async function childcareOutcomeCounts(
  db: Db,
  organisationId: string,
  period: { from: string; to: string },
): Promise<OutcomeCount[]> {
  const { providers, outcomes } = await motherOutcomes(db, organisationId, period);
  return providers.map((p) => ({
    providerId: p.id,
    providerName: p.name,
    district: p.district,
    ...tally(outcomes.filter((o) => o.providerId === p.id)),
  }));
}

/** The same per district, and in all (a mother with places at two providers counts once in all). */
export async function childcareOutcomeCountsByDistrict(
  db: Db,
  organisationId: string,
  period: { from: string; to: string },
) {
  const { providers, outcomes } = await motherOutcomes(db, organisationId, period);
  const districts = [...new Set(providers.map((p) => p.district))].sort((a, b) => a.localeCompare(b, 'tr'));
  return {
    byDistrict: districts.map((district) => ({ district, ...tally(outcomes.filter((o) => o.district === district)) })),
    total: tally(outcomes),
  };
}

/**
 * For the indicators module: each mother (once, whatever her providers) who held a place at any time in
 * [from, to], whether she was in work while the child was in care and in verified registered work. No
 * names or contacts: the person id only, which the indicators module turns into a statistical profile.
 */
export async function childcareMotherStatistics(
  db: Db,
  organisationId: string,
  period: { from: string; to: string },
): Promise<{ personId: string; placed: boolean; verified: boolean }[]> {
  const { outcomes } = await motherOutcomes(db, organisationId, period);
  const byMother = new Map<string, { personId: string; placed: boolean; verified: boolean }>();
  for (const o of outcomes) {
    const m = byMother.get(o.personId) ?? { personId: o.personId, placed: false, verified: false };
    m.placed ||= o.placed;
    m.verified ||= o.verified;
    byMother.set(o.personId, m);
  }
  return [...byMother.values()];
}

/** Today's places: providers, capacity, allocated places and children waiting (active providers). */
export async function childcarePlaceCounts(db: Db, organisationId: string) {
  const providers = await db
    .select({ id: childcareProviders.id, capacity: childcareProviders.capacity })
    .from(childcareProviders)
    .where(and(eq(childcareProviders.organisationId, organisationId), eq(childcareProviders.active, true)));
  const counts = await countsOf(
    db,
    organisationId,
    providers.map((p) => p.id),
  );
  let allocated = 0;
  let waiting = 0;
  for (const c of counts.values()) {
    allocated += c.allocated;
    waiting += c.waiting;
  }
  return {
    providers: providers.length,
    capacity: providers.reduce((n, p) => n + p.capacity, 0),
    allocated,
    waiting,
  };
}

export async function outcomeReport(ctx: Ctx, period: { from: string; to: string }): Promise<OutcomeReport> {
  if (period.to < period.from) throw problems.invalidQuery('/to', 'errors.childcare.periodOrder');
  const organisationId = actorOf(ctx).organisationId;
  const [perProvider, perDistrict] = await Promise.all([
    childcareOutcomeCounts(ctx.db, organisationId, period),
    childcareOutcomeCountsByDistrict(ctx.db, organisationId, period),
  ]);
  return {
    ...period,
    byProvider: perProvider.map(({ providerId, providerName, district, mothers, placed, verified }) => ({
      key: providerId,
      label: providerName,
      district,
      mothers,
      placed,
      verified,
    })),
    byDistrict: perDistrict.byDistrict.map((d) => ({ key: d.district, label: d.district, ...d })),
    total: { key: 'total', label: '', district: '', ...perDistrict.total },
  };
}
