/**
 * The cooperatives registry (issue 17, docs/COOPERATIVES.md): cooperatives and everything recorded about
 * them, and the warning signs of sham cooperatives, evaluated on every change (and daily by the
 * `cooperative-sweep` job, for the sign that only the passing of time raises). A sign without an open
 * review task opens one, assigned to the cooperative's officer.
 */
import { and, asc, count, desc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  cooperativeAssemblies,
  cooperativeClients,
  cooperativeMembers,
  cooperativeProjects,
  cooperativeReviews,
  cooperativeSupport,
  cooperativeTrades,
  cooperatives,
  employers,
  persons,
  users,
} from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { problems, type FieldError } from '../../lib/errors.ts';
import { uniqueAs } from '../../lib/db-errors.ts';
import { findDistrict, findProvince } from '../../lib/geography.ts';
import { searchKey } from '../../../common/text.ts';
import { naceDivision } from '../../../common/nace.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { warningSigns, type WarningFlag } from '../../../common/cooperatives.ts';
import type {
  Cooperative,
  CooperativeInput,
  CooperativeListItem,
  CooperativePatch,
  MemberInput,
  MemberPatch,
  Review,
  COOPERATIVE_SORTS,
} from '../../../common/contracts/cooperatives.ts';
import { loadEmployer } from '../employers/index.ts';
import { permissionHolders } from '../identity/index.ts';
import { loadPerson } from '../people/index.ts';
import { projectExists } from '../programmes/index.ts';

type CoopRow = typeof cooperatives.$inferSelect;
type CoopValues = Partial<typeof cooperatives.$inferInsert>;

const today = (ctx: Ctx) => turkishDate(ctx.clock.now());
const like = (q: string) => `%${searchKey(q).replace(/[%_\\]/g, '\\$&')}%`;
const RESTRICTED_FIELDS = ['membersRefugees', 'membersRoma', 'membersDisability'] as const;
const AGE_FIELDS = ['membersAge18to29', 'membersAge30to44', 'membersAge45to64', 'membersAge65plus'] as const;

async function loadCooperative(db: Db, ctx: Ctx, id: string): Promise<CoopRow> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await db
    .select()
    .from(cooperatives)
    .where(and(eq(cooperatives.id, id), eq(cooperatives.organisationId, organisationId)));
  if (!row) throw problems.notFound();
  return row;
}

/** Checks a whole cooperative (the stored row with the patch applied): every rule, every field at once. */
async function validateCooperative(ctx: Ctx, merged: CoopRow, patch: CooperativePatch): Promise<CoopValues> {
  const errors: FieldError[] = [];
  const values: CoopValues = {};
  const actor = actorOf(ctx);
  const province = findProvince(merged.province);
  if (!province) errors.push({ pointer: '/province', code: 'errors.cooperatives.provinceUnknown' });
  else {
    values.province = province.name;
    const district = findDistrict(province.name, merged.district);
    if (!district) errors.push({ pointer: '/district', code: 'errors.cooperatives.districtUnknown' });
    else values.district = district;
  }
  if (merged.naceCode && /^[0-9]/.test(merged.naceCode) && naceDivision(merged.naceCode) === null)
    errors.push({ pointer: '/naceCode', code: 'errors.cooperatives.naceUnknown' });
  const members = merged.membersWomen + merged.membersMen;
  const ages = AGE_FIELDS.map((f) => merged[f]);
  if (ages.some((n) => n > 0) && ages.reduce((a, b) => a + b, 0) !== members)
    errors.push({ pointer: '/membersAge18to29', code: 'errors.cooperatives.ageBandsSum' });
  if (merged.memberWorkersWomen > merged.membersWomen)
    errors.push({ pointer: '/memberWorkersWomen', code: 'errors.cooperatives.moreWorkersThanMembers' });
  if (merged.memberWorkersMen > merged.membersMen)
    errors.push({ pointer: '/memberWorkersMen', code: 'errors.cooperatives.moreWorkersThanMembers' });
  if (merged.dependentUninsured > merged.memberWorkersWomen + merged.memberWorkersMen)
    errors.push({ pointer: '/dependentUninsured', code: 'errors.cooperatives.moreThanMemberWorkers' });
  for (const f of RESTRICTED_FIELDS) {
    if (patch[f] === undefined) continue;
    if (!actor.permissions.has('special-category:read')) throw problems.forbidden();
    if ((merged[f] ?? 0) > members) errors.push({ pointer: `/${f}`, code: 'errors.cooperatives.moreThanMembers' });
  }
  if (merged.registrationDate && merged.registrationDate > today(ctx))
    errors.push({ pointer: '/registrationDate', code: 'errors.cooperatives.futureDate' });
  if (patch.officerId) {
    const [officer] = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(
        and(eq(users.id, patch.officerId), eq(users.organisationId, actor.organisationId), eq(users.kind, 'staff')),
      );
    if (!officer) errors.push({ pointer: '/officerId', code: 'errors.cooperatives.officerUnknown' });
  }
  if (errors.length) throw problems.invalidMany(errors);
  return values;
}

function columnsOf(input: CooperativePatch): CoopValues {
  const v: CoopValues = {};
  for (const [k, value] of Object.entries(input)) {
    if (value === undefined) continue;
    (v as Record<string, unknown>)[k] = typeof value === 'string' ? value.trim() || null : value;
  }
  if (input.name !== undefined) {
    v.name = input.name.trim();
    v.nameKey = searchKey(input.name);
  }
  return v;
}

const registrationTaken = () => problems.conflict('errors.cooperatives.registrationTaken', '/registrationNumber');

const EMPTY_ROW: Omit<CoopRow, 'id' | 'organisationId' | 'createdAt' | 'updatedAt'> = {
  name: '',
  nameKey: '',
  iclsType: 'producer',
  legalType: 'other',
  naceCode: null,
  focusTags: [],
  registrationNumber: null,
  registrationDate: null,
  province: '',
  district: '',
  membersWomen: 0,
  membersMen: 0,
  membersAge18to29: 0,
  membersAge30to44: 0,
  membersAge45to64: 0,
  membersAge65plus: 0,
  memberWorkersWomen: 0,
  memberWorkersMen: 0,
  employeesWomen: 0,
  employeesMen: 0,
  dependentUninsured: 0,
  membersRefugees: null,
  membersRoma: null,
  membersDisability: null,
  activities: null,
  turnoverBand: null,
  officerId: null,
  createdBy: null,
};

export async function createCooperative(ctx: Ctx, input: CooperativeInput): Promise<string> {
  const actor = actorOf(ctx);
  const values = columnsOf(input);
  const merged = { ...EMPTY_ROW, ...values } as CoopRow;
  Object.assign(values, await validateCooperative(ctx, merged, input));
  return inTransaction(ctx, async (c) => {
    const now = ctx.clock.now();
    const [row] = await uniqueAs(registrationTaken, () =>
      c.db
        .insert(cooperatives)
        .values({
          ...(values as typeof cooperatives.$inferInsert),
          organisationId: actor.organisationId,
          officerId: values.officerId ?? actor.userId,
          createdBy: actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: cooperatives.id }),
    );
    await audit(c.db, c, {
      action: 'cooperative.created',
      subjectType: 'cooperative',
      subjectId: row!.id,
      fields: Object.keys(input),
    });
    await evaluate(c, actor.organisationId, row!.id);
    return row!.id;
  });
}

export async function updateCooperative(ctx: Ctx, id: string, patch: CooperativePatch): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  const row = await loadCooperative(ctx.db, ctx, id);
  const values = columnsOf(patch);
  Object.assign(values, await validateCooperative(ctx, { ...row, ...values }, patch));
  await inTransaction(ctx, async (c) => {
    await uniqueAs(registrationTaken, () =>
      c.db
        .update(cooperatives)
        .set({ ...values, updatedAt: ctx.clock.now() })
        .where(and(eq(cooperatives.id, id), eq(cooperatives.organisationId, organisationId))),
    );
    await audit(c.db, c, {
      action: 'cooperative.updated',
      subjectType: 'cooperative',
      subjectId: id,
      fields: Object.keys(patch),
    });
    await evaluate(c, organisationId, id);
  });
}

export async function listCooperatives(
  ctx: Ctx,
  q: {
    q?: string;
    iclsType?: CoopRow['iclsType'];
    legalType?: CoopRow['legalType'];
    focusTag?: CoopRow['focusTags'][number];
    province?: string;
    flagged?: boolean;
    sort?: (typeof COOPERATIVE_SORTS)[number];
    order?: 'asc' | 'desc';
    page: number;
    pageSize: number;
  },
): Promise<{ items: CooperativeListItem[]; total: number }> {
  const organisationId = actorOf(ctx).organisationId;
  const openReviews = sql<number>`(SELECT count(*)::int FROM ${cooperativeReviews} r WHERE r.cooperative_id = ${cooperatives.id} AND r.organisation_id = ${organisationId} AND r.status = 'open')`;
  const filters: (SQL | undefined)[] = [eq(cooperatives.organisationId, organisationId)];
  if (q.q?.trim())
    filters.push(or(ilike(cooperatives.nameKey, like(q.q)), ilike(cooperatives.registrationNumber, `%${q.q.trim()}%`)));
  if (q.iclsType) filters.push(eq(cooperatives.iclsType, q.iclsType));
  if (q.legalType) filters.push(eq(cooperatives.legalType, q.legalType));
  if (q.focusTag) filters.push(sql`${q.focusTag} = ANY(${cooperatives.focusTags})`);
  if (q.province) {
    const p = findProvince(q.province);
    filters.push(eq(cooperatives.province, p?.name ?? q.province));
  }
  if (q.flagged !== undefined) filters.push(q.flagged ? gt(openReviews, 0) : eq(openReviews, 0));
  const where = and(...filters);
  const members = sql<number>`(${cooperatives.membersWomen} + ${cooperatives.membersMen})`;
  const dir = q.order === 'desc' ? desc : asc;
  const order =
    q.sort === 'members'
      ? [dir(members), asc(cooperatives.nameKey)]
      : q.sort === 'registrationDate'
        ? [dir(cooperatives.registrationDate), asc(cooperatives.nameKey)]
        : q.sort === 'district'
          ? [dir(cooperatives.province), dir(cooperatives.district), asc(cooperatives.nameKey)]
          : [dir(cooperatives.nameKey)];
  const [total] = await ctx.db.select({ n: count() }).from(cooperatives).where(where);
  const rows = await ctx.db
    .select({ row: cooperatives, openReviews })
    .from(cooperatives)
    .where(where)
    .orderBy(...order, asc(cooperatives.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    total: total?.n ?? 0,
    items: rows.map(({ row, openReviews: n }) => ({
      id: row.id,
      name: row.name,
      iclsType: row.iclsType,
      legalType: row.legalType,
      focusTags: row.focusTags,
      province: row.province,
      district: row.district,
      members: row.membersWomen + row.membersMen,
      workers: row.memberWorkersWomen + row.memberWorkersMen + row.employeesWomen + row.employeesMen,
      registrationDate: row.registrationDate,
      openReviews: Number(n),
    })),
  };
}

export async function getCooperative(ctx: Ctx, id: string): Promise<Cooperative> {
  const actor = actorOf(ctx);
  const organisationId = actor.organisationId;
  const row = await loadCooperative(ctx.db, ctx, id);
  const seesRestricted = actor.permissions.has('special-category:read');
  const seesNames = actor.permissions.has('persons:read');
  const [officer] = row.officerId
    ? await ctx.db
        .select({ id: users.id, name: users.fullName })
        .from(users)
        .where(and(eq(users.id, row.officerId), eq(users.organisationId, organisationId)))
    : [];
  const assemblies = await ctx.db
    .select()
    .from(cooperativeAssemblies)
    .where(and(eq(cooperativeAssemblies.cooperativeId, id), eq(cooperativeAssemblies.organisationId, organisationId)))
    .orderBy(desc(cooperativeAssemblies.heldOn));
  const clients = await latestClients(ctx.db, organisationId, id);
  const links = await ctx.db
    .select({
      link: cooperativeMembers,
      givenName: persons.givenName,
      familyName: persons.familyName,
      employerName: employers.legalName,
    })
    .from(cooperativeMembers)
    .innerJoin(persons, eq(persons.id, cooperativeMembers.personId))
    .leftJoin(employers, eq(employers.id, cooperativeMembers.employerId))
    .where(and(eq(cooperativeMembers.cooperativeId, id), eq(cooperativeMembers.organisationId, organisationId)))
    .orderBy(desc(cooperativeMembers.startDate), asc(cooperativeMembers.id));
  const support = await ctx.db
    .select()
    .from(cooperativeSupport)
    .where(and(eq(cooperativeSupport.cooperativeId, id), eq(cooperativeSupport.organisationId, organisationId)))
    .orderBy(desc(cooperativeSupport.givenOn));
  const trades = await ctx.db
    .select({ trade: cooperativeTrades, seller: cooperatives.name })
    .from(cooperativeTrades)
    .innerJoin(cooperatives, eq(cooperatives.id, cooperativeTrades.sellerId))
    .where(
      and(
        eq(cooperativeTrades.organisationId, organisationId),
        or(eq(cooperativeTrades.sellerId, id), eq(cooperativeTrades.buyerId, id)),
      ),
    )
    .orderBy(desc(cooperativeTrades.tradedOn));
  const buyerIds = [...new Set(trades.map((t) => t.trade.buyerId))];
  const buyers = buyerIds.length
    ? await ctx.db
        .select({ id: cooperatives.id, name: cooperatives.name })
        .from(cooperatives)
        .where(and(eq(cooperatives.organisationId, organisationId), inArray(cooperatives.id, buyerIds)))
    : [];
  const projects = await ctx.db
    .select({ id: cooperativeProjects.projectId })
    .from(cooperativeProjects)
    .where(and(eq(cooperativeProjects.cooperativeId, id), eq(cooperativeProjects.organisationId, organisationId)));
  const reviews = await reviewsWhere(ctx.db, organisationId, eq(cooperativeReviews.cooperativeId, id));
  const flags = warningSigns(await factsOf(ctx.db, organisationId, row, today(ctx)));
  return {
    id: row.id,
    name: row.name,
    iclsType: row.iclsType,
    legalType: row.legalType,
    naceCode: row.naceCode,
    focusTags: row.focusTags,
    registrationNumber: row.registrationNumber,
    registrationDate: row.registrationDate,
    province: row.province,
    district: row.district,
    membersWomen: row.membersWomen,
    membersMen: row.membersMen,
    membersAge18to29: row.membersAge18to29,
    membersAge30to44: row.membersAge30to44,
    membersAge45to64: row.membersAge45to64,
    membersAge65plus: row.membersAge65plus,
    memberWorkersWomen: row.memberWorkersWomen,
    memberWorkersMen: row.memberWorkersMen,
    employeesWomen: row.employeesWomen,
    employeesMen: row.employeesMen,
    dependentUninsured: row.dependentUninsured,
    membersRefugees: seesRestricted ? row.membersRefugees : null,
    membersRoma: seesRestricted ? row.membersRoma : null,
    membersDisability: seesRestricted ? row.membersDisability : null,
    restricted: !seesRestricted,
    activities: row.activities,
    turnoverBand: row.turnoverBand,
    officer: officer ?? null,
    assemblies: assemblies.map((a) => ({ id: a.id, heldOn: a.heldOn, kind: a.kind, note: a.note })),
    clients: {
      year: clients[0]?.year ?? null,
      items: clients.map((c) => ({ name: c.clientName, sharePercent: c.sharePercent })),
    },
    members: links.map(({ link, givenName, familyName, employerName }) => ({
      id: link.id,
      personId: link.personId,
      personName: seesNames ? `${givenName} ${familyName}` : null,
      role: link.role,
      startDate: link.startDate,
      endDate: link.endDate,
      socialSecurity: link.socialSecurity,
      dependentWork: link.dependentWork,
      employer: link.employerId ? { id: link.employerId, name: employerName ?? '' } : null,
      note: link.note,
    })),
    support: support.map((s) => ({
      id: s.id,
      kind: s.kind,
      givenOn: s.givenOn,
      amount: s.amount === null ? null : Number(s.amount),
      description: s.description,
    })),
    trades: trades.map(({ trade, seller }) => {
      const sold = trade.sellerId === id;
      const partnerId = sold ? trade.buyerId : trade.sellerId;
      const partnerName = sold ? (buyers.find((b) => b.id === partnerId)?.name ?? '') : seller;
      return {
        id: trade.id,
        direction: sold ? ('sold' as const) : ('bought' as const),
        partner: { id: partnerId, name: partnerName },
        tradedOn: trade.tradedOn,
        amount: Number(trade.amount),
        description: trade.description,
      };
    }),
    projects,
    flags,
    reviews,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// ---- assemblies, clients, support, trade, projects ---------------------------------------------------------

export async function addAssembly(
  ctx: Ctx,
  id: string,
  input: { heldOn: string; kind: 'ordinary' | 'extraordinary'; note?: string | null },
): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await loadCooperative(ctx.db, ctx, id);
  if (input.heldOn > today(ctx)) throw problems.invalid('/heldOn', 'errors.cooperatives.futureDate');
  await inTransaction(ctx, async (c) => {
    const [row] = await c.db
      .insert(cooperativeAssemblies)
      .values({
        organisationId,
        cooperativeId: id,
        heldOn: input.heldOn,
        kind: input.kind,
        note: input.note?.trim() || null,
        createdBy: actorOf(ctx).userId,
      })
      .returning({ id: cooperativeAssemblies.id });
    await audit(c.db, c, {
      action: 'cooperative.assembly-added',
      subjectType: 'cooperative',
      subjectId: id,
      fields: ['heldOn', 'kind'],
      purpose: row!.id,
    });
    await evaluate(c, organisationId, id);
  });
}

export async function removeAssembly(ctx: Ctx, id: string, assemblyId: string): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await loadCooperative(ctx.db, ctx, id);
  await inTransaction(ctx, async (c) => {
    const gone = await c.db
      .delete(cooperativeAssemblies)
      .where(
        and(
          eq(cooperativeAssemblies.id, assemblyId),
          eq(cooperativeAssemblies.cooperativeId, id),
          eq(cooperativeAssemblies.organisationId, organisationId),
        ),
      )
      .returning({ id: cooperativeAssemblies.id });
    if (gone.length === 0) throw problems.notFound();
    await audit(c.db, c, {
      action: 'cooperative.assembly-removed',
      subjectType: 'cooperative',
      subjectId: id,
      purpose: assemblyId,
    });
    await evaluate(c, organisationId, id);
  });
}

export async function setClients(
  ctx: Ctx,
  id: string,
  input: { year: number; clients: { name: string; sharePercent: number }[] },
): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await loadCooperative(ctx.db, ctx, id);
  const total = input.clients.reduce((a, c) => a + c.sharePercent, 0);
  if (total > 100) throw problems.invalid('/clients', 'errors.cooperatives.sharesOver100', { total });
  await inTransaction(ctx, async (c) => {
    await c.db
      .delete(cooperativeClients)
      .where(
        and(
          eq(cooperativeClients.cooperativeId, id),
          eq(cooperativeClients.organisationId, organisationId),
          eq(cooperativeClients.year, input.year),
        ),
      );
    if (input.clients.length)
      await c.db.insert(cooperativeClients).values(
        input.clients.map((cl) => ({
          organisationId,
          cooperativeId: id,
          year: input.year,
          clientName: cl.name.trim(),
          sharePercent: cl.sharePercent,
        })),
      );
    await audit(c.db, c, {
      action: 'cooperative.clients-set',
      subjectType: 'cooperative',
      subjectId: id,
      fields: ['clients'],
      purpose: String(input.year),
    });
    await evaluate(c, organisationId, id);
  });
}

export async function addSupport(
  ctx: Ctx,
  id: string,
  input: { kind: 'training' | 'grant' | 'advice'; givenOn: string; amount?: number | null; description: string },
): Promise<void> {
  const actor = actorOf(ctx);
  await loadCooperative(ctx.db, ctx, id);
  if (input.amount !== undefined && input.amount !== null && input.kind !== 'grant')
    throw problems.invalid('/amount', 'errors.cooperatives.amountOnlyForGrants');
  await inTransaction(ctx, async (c) => {
    await c.db.insert(cooperativeSupport).values({
      organisationId: actor.organisationId,
      cooperativeId: id,
      kind: input.kind,
      givenOn: input.givenOn,
      amount: input.amount === undefined || input.amount === null ? null : input.amount.toFixed(2),
      description: input.description.trim(),
      createdBy: actor.userId,
    });
    await audit(c.db, c, {
      action: 'cooperative.support-added',
      subjectType: 'cooperative',
      subjectId: id,
      fields: Object.keys(input),
    });
  });
}

export async function addTrade(
  ctx: Ctx,
  id: string,
  input: { buyerId: string; tradedOn: string; amount: number; description: string },
): Promise<void> {
  const actor = actorOf(ctx);
  await loadCooperative(ctx.db, ctx, id);
  if (input.buyerId === id) throw problems.invalid('/buyerId', 'errors.cooperatives.tradeWithItself');
  const [buyer] = await ctx.db
    .select({ id: cooperatives.id })
    .from(cooperatives)
    .where(and(eq(cooperatives.id, input.buyerId), eq(cooperatives.organisationId, actor.organisationId)));
  if (!buyer) throw problems.invalid('/buyerId', 'errors.cooperatives.cooperativeUnknown');
  if (input.tradedOn > today(ctx)) throw problems.invalid('/tradedOn', 'errors.cooperatives.futureDate');
  await inTransaction(ctx, async (c) => {
    await c.db.insert(cooperativeTrades).values({
      organisationId: actor.organisationId,
      sellerId: id,
      buyerId: input.buyerId,
      tradedOn: input.tradedOn,
      amount: input.amount.toFixed(2),
      description: input.description.trim(),
      createdBy: actor.userId,
    });
    await audit(c.db, c, {
      action: 'cooperative.trade-added',
      subjectType: 'cooperative',
      subjectId: id,
      fields: Object.keys(input),
      purpose: input.buyerId,
    });
  });
}

export async function linkProject(ctx: Ctx, id: string, projectId: string): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await loadCooperative(ctx.db, ctx, id);
  if (!(await projectExists(ctx, projectId))) throw problems.invalid('/itemId', 'errors.cooperatives.projectUnknown');
  await inTransaction(ctx, async (c) => {
    const added = await c.db
      .insert(cooperativeProjects)
      .values({ organisationId, cooperativeId: id, projectId })
      .onConflictDoNothing()
      .returning({ id: cooperativeProjects.projectId });
    if (added.length)
      await audit(c.db, c, {
        action: 'cooperative.project-linked',
        subjectType: 'cooperative',
        subjectId: id,
        purpose: projectId,
      });
  });
}

export async function unlinkProject(ctx: Ctx, id: string, projectId: string): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await loadCooperative(ctx.db, ctx, id);
  await inTransaction(ctx, async (c) => {
    const gone = await c.db
      .delete(cooperativeProjects)
      .where(
        and(
          eq(cooperativeProjects.cooperativeId, id),
          eq(cooperativeProjects.projectId, projectId),
          eq(cooperativeProjects.organisationId, organisationId),
        ),
      )
      .returning({ id: cooperativeProjects.projectId });
    if (gone.length)
      await audit(c.db, c, {
        action: 'cooperative.project-unlinked',
        subjectType: 'cooperative',
        subjectId: id,
        purpose: projectId,
      });
  });
}

// ---- persons who became members or employees ----------------------------------------------------------------

async function checkMember(
  ctx: Ctx,
  v: { startDate: string; endDate: string | null; employerId: string | null; role: string; dependentWork: boolean },
): Promise<void> {
  const errors: FieldError[] = [];
  if (v.endDate && v.endDate < v.startDate)
    errors.push({ pointer: '/endDate', code: 'errors.cooperatives.endBeforeStart' });
  if (v.startDate > today(ctx)) errors.push({ pointer: '/startDate', code: 'errors.cooperatives.futureDate' });
  if (v.dependentWork && v.role === 'member')
    errors.push({ pointer: '/dependentWork', code: 'errors.cooperatives.dependentWorkNeedsWork' });
  if (v.employerId) {
    try {
      await loadEmployer(ctx.db, ctx, v.employerId);
    } catch {
      errors.push({ pointer: '/employerId', code: 'errors.cooperatives.employerUnknown' });
    }
  }
  if (errors.length) throw problems.invalidMany(errors);
}

export async function addMember(ctx: Ctx, id: string, input: MemberInput): Promise<void> {
  const actor = actorOf(ctx);
  await loadCooperative(ctx.db, ctx, id);
  try {
    await loadPerson(ctx.db, ctx, input.personId);
  } catch {
    throw problems.invalid('/personId', 'errors.cooperatives.personUnknown');
  }
  const v = {
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    employerId: input.employerId ?? null,
    role: input.role,
    dependentWork: input.dependentWork ?? false,
  };
  await checkMember(ctx, v);
  await inTransaction(ctx, async (c) => {
    const [row] = await c.db
      .insert(cooperativeMembers)
      .values({
        organisationId: actor.organisationId,
        cooperativeId: id,
        personId: input.personId,
        ...v,
        socialSecurity: input.socialSecurity ?? false,
        note: input.note?.trim() || null,
        createdBy: actor.userId,
      })
      .returning({ id: cooperativeMembers.id });
    await audit(c.db, c, {
      action: 'cooperative.member-added',
      subjectType: 'person',
      subjectId: input.personId,
      fields: Object.keys(input),
      purpose: `cooperative ${id}, link ${row!.id}`,
    });
    await evaluate(c, actor.organisationId, id);
  });
}

export async function updateMember(ctx: Ctx, id: string, linkId: string, patch: MemberPatch): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await loadCooperative(ctx.db, ctx, id);
  const [link] = await ctx.db
    .select()
    .from(cooperativeMembers)
    .where(
      and(
        eq(cooperativeMembers.id, linkId),
        eq(cooperativeMembers.cooperativeId, id),
        eq(cooperativeMembers.organisationId, organisationId),
      ),
    );
  if (!link) throw problems.notFound();
  const values: Partial<typeof cooperativeMembers.$inferInsert> = {};
  if (patch.role !== undefined) values.role = patch.role;
  if (patch.startDate !== undefined) values.startDate = patch.startDate;
  if (patch.endDate !== undefined) values.endDate = patch.endDate;
  if (patch.socialSecurity !== undefined) values.socialSecurity = patch.socialSecurity;
  if (patch.dependentWork !== undefined) values.dependentWork = patch.dependentWork;
  if (patch.employerId !== undefined) values.employerId = patch.employerId;
  if (patch.note !== undefined) values.note = patch.note?.trim() || null;
  const merged = { ...link, ...values };
  await checkMember(ctx, {
    startDate: merged.startDate,
    endDate: merged.endDate ?? null,
    employerId: patch.employerId ?? null,
    role: merged.role,
    dependentWork: merged.dependentWork,
  });
  await inTransaction(ctx, async (c) => {
    await c.db
      .update(cooperativeMembers)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(and(eq(cooperativeMembers.id, linkId), eq(cooperativeMembers.organisationId, organisationId)));
    await audit(c.db, c, {
      action: 'cooperative.member-updated',
      subjectType: 'person',
      subjectId: link.personId,
      fields: Object.keys(patch),
      purpose: `cooperative ${id}, link ${linkId}`,
    });
    await evaluate(c, organisationId, id);
  });
}

// ---- warning signs and reviews ------------------------------------------------------------------------------

async function latestClients(db: Db, organisationId: string, id: string) {
  const [latest] = await db
    .select({ year: sql<number>`max(${cooperativeClients.year})` })
    .from(cooperativeClients)
    .where(and(eq(cooperativeClients.cooperativeId, id), eq(cooperativeClients.organisationId, organisationId)));
  if (!latest?.year) return [];
  return db
    .select()
    .from(cooperativeClients)
    .where(
      and(
        eq(cooperativeClients.cooperativeId, id),
        eq(cooperativeClients.organisationId, organisationId),
        eq(cooperativeClients.year, Number(latest.year)),
      ),
    )
    .orderBy(desc(cooperativeClients.sharePercent));
}

async function factsOf(db: Db, organisationId: string, row: CoopRow, onDate: string) {
  const assemblies = await db
    .select({ heldOn: cooperativeAssemblies.heldOn })
    .from(cooperativeAssemblies)
    .where(
      and(eq(cooperativeAssemblies.cooperativeId, row.id), eq(cooperativeAssemblies.organisationId, organisationId)),
    );
  const clients = await latestClients(db, organisationId, row.id);
  const links = await db
    .select({ link: cooperativeMembers, employerName: employers.legalName })
    .from(cooperativeMembers)
    .leftJoin(employers, eq(employers.id, cooperativeMembers.employerId))
    .where(and(eq(cooperativeMembers.cooperativeId, row.id), eq(cooperativeMembers.organisationId, organisationId)));
  const active = (l: typeof cooperativeMembers.$inferSelect) =>
    l.startDate <= onDate && (l.endDate === null || l.endDate >= onDate);
  const linkedUninsured = links.filter(
    ({ link }) => active(link) && link.role === 'member-worker' && link.dependentWork && !link.socialSecurity,
  ).length;
  const changes = links
    .filter(({ link }) => link.role !== 'employee')
    .flatMap(({ link, employerName }) => [
      { date: link.startDate, employerId: link.employerId, employerName },
      ...(link.endDate ? [{ date: link.endDate, employerId: link.employerId, employerName }] : []),
    ]);
  return {
    today: onDate,
    registrationDate: row.registrationDate,
    assemblies: assemblies.map((a) => a.heldOn),
    clients: clients.map((c) => ({ name: c.clientName, sharePercent: c.sharePercent })),
    dependentUninsured: Math.max(row.dependentUninsured, linkedUninsured),
    membershipChanges: changes,
  };
}

/**
 * Evaluates one cooperative's warning signs today and opens a review task for each sign that has no open
 * one (the no-assembly sign only from the sweep) (and none resolved in the last year: a resolution stands for a year unless the facts are looked at
 * again). In the caller's transaction; works without a signed-in actor (the daily sweep). Answers the
 * number of reviews opened.
 */
export async function evaluate(
  ctx: Ctx,
  organisationId: string,
  id: string,
  options: { sweep?: boolean } = {},
): Promise<number> {
  const [row] = await ctx.db
    .select()
    .from(cooperatives)
    .where(and(eq(cooperatives.id, id), eq(cooperatives.organisationId, organisationId)));
  if (!row) return 0;
  const onDate = today(ctx);
  const flags: WarningFlag[] = warningSigns(await factsOf(ctx.db, organisationId, row, onDate));
  if (flags.length === 0) return 0;
  const existing = await ctx.db
    .select({
      sign: cooperativeReviews.sign,
      status: cooperativeReviews.status,
      resolvedAt: cooperativeReviews.resolvedAt,
    })
    .from(cooperativeReviews)
    .where(and(eq(cooperativeReviews.cooperativeId, id), eq(cooperativeReviews.organisationId, organisationId)));
  const yearAgo = new Date(ctx.clock.now().getTime() - 365 * 24 * 3600 * 1000);
  let opened = 0;
  for (const flag of flags) {
    // The sign that the passing of time raises opens its review from the daily sweep, leaving the officer
    // the day to record the assemblies of a cooperative just entered in the registry.
    if (flag.sign === 'no-general-assembly' && !options.sweep) continue;
    const blocked = existing.some(
      (r) => r.sign === flag.sign && (r.status === 'open' || (r.resolvedAt !== null && r.resolvedAt > yearAgo)),
    );
    if (blocked) continue;
    const [review] = await ctx.db
      .insert(cooperativeReviews)
      .values({
        organisationId,
        cooperativeId: id,
        sign: flag.sign,
        params: flag.params,
        status: 'open',
        assignedTo: row.officerId ?? row.createdBy,
        openedAt: ctx.clock.now(),
      })
      .onConflictDoNothing()
      .returning({ id: cooperativeReviews.id });
    if (!review) continue;
    opened++;
    await audit(ctx.db, ctx, {
      organisationId,
      ...(ctx.actor ? {} : { actorKind: 'system' as const }),
      action: 'cooperative.review-opened',
      subjectType: 'cooperative-review',
      subjectId: review.id,
      fields: ['sign'],
      purpose: `${flag.sign} (cooperative ${id})`,
    });
  }
  return opened;
}

/** The `cooperative-sweep` job (daily): every cooperative of every organisation evaluated by today's date. */
export async function sweepCooperatives(ctx: Ctx): Promise<{ evaluated: number; opened: number }> {
  // Platform-wide by design: the job runs for every organisation, each evaluation naming its own.
  const all = await ctx.db
    .select({ id: cooperatives.id, organisationId: cooperatives.organisationId })
    .from(cooperatives)
    .orderBy(asc(cooperatives.organisationId), asc(cooperatives.id));
  let opened = 0;
  for (const c of all)
    opened += await inTransaction(ctx, (tx) => evaluate(tx, c.organisationId, c.id, { sweep: true }));
  return { evaluated: all.length, opened };
}

async function reviewsWhere(
  db: Db,
  organisationId: string,
  where: SQL | undefined,
  page?: { limit: number; offset: number },
) {
  const q = db
    .select({ review: cooperativeReviews, cooperativeName: cooperatives.name, assignee: users.fullName })
    .from(cooperativeReviews)
    .innerJoin(cooperatives, eq(cooperatives.id, cooperativeReviews.cooperativeId))
    .leftJoin(users, eq(users.id, cooperativeReviews.assignedTo))
    .where(and(eq(cooperativeReviews.organisationId, organisationId), where))
    .orderBy(desc(cooperativeReviews.openedAt), asc(cooperativeReviews.id));
  const rows = page ? await q.limit(page.limit).offset(page.offset) : await q;
  return rows.map(({ review: r, cooperativeName, assignee }): Review => ({
    id: r.id,
    cooperativeId: r.cooperativeId,
    cooperativeName,
    sign: r.sign,
    params: r.params,
    status: r.status,
    assignedTo: r.assignedTo ? { id: r.assignedTo, name: assignee ?? '' } : null,
    openedAt: r.openedAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolutionNote: r.resolutionNote,
  }));
}

export async function listReviews(
  ctx: Ctx,
  q: { status?: 'open' | 'resolved'; mine?: boolean; page: number; pageSize: number },
): Promise<{ items: Review[]; total: number }> {
  const actor = actorOf(ctx);
  const where = and(
    q.status ? eq(cooperativeReviews.status, q.status) : undefined,
    q.mine ? eq(cooperativeReviews.assignedTo, actor.userId) : undefined,
  );
  const [total] = await ctx.db
    .select({ n: count() })
    .from(cooperativeReviews)
    .where(and(eq(cooperativeReviews.organisationId, actor.organisationId), where));
  const items = await reviewsWhere(ctx.db, actor.organisationId, where, {
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  return { items, total: total?.n ?? 0 };
}

/** Who may take a review task: the organisation's active staff holding cooperatives:manage, by name. */
export async function listReviewOfficers(ctx: Ctx): Promise<{ items: { id: string; name: string }[] }> {
  const holders = await permissionHolders(ctx.db, actorOf(ctx).organisationId, ['cooperatives:manage']);
  return {
    items: holders
      .filter((h) => h.status === 'active')
      .map((h) => ({ id: h.id, name: h.fullName }))
      .sort((a, b) => a.name.localeCompare(b.name, 'tr')),
  };
}

export async function updateReview(
  ctx: Ctx,
  id: string,
  patch: { assignedTo?: string; status?: 'resolved'; resolutionNote?: string },
): Promise<Review> {
  const actor = actorOf(ctx);
  const [review] = await ctx.db
    .select()
    .from(cooperativeReviews)
    .where(and(eq(cooperativeReviews.id, id), eq(cooperativeReviews.organisationId, actor.organisationId)));
  if (!review) throw problems.notFound();
  if (review.status === 'resolved') throw problems.conflict('errors.cooperatives.reviewResolved');
  if (patch.status === 'resolved' && !patch.resolutionNote?.trim())
    throw problems.invalid('/resolutionNote', 'errors.cooperatives.resolutionNoteRequired');
  if (patch.assignedTo) {
    const [user] = await ctx.db
      .select({ id: users.id })
      .from(users)
      .where(
        and(eq(users.id, patch.assignedTo), eq(users.organisationId, actor.organisationId), eq(users.kind, 'staff')),
      );
    if (!user) throw problems.invalid('/assignedTo', 'errors.cooperatives.officerUnknown');
  }
  await inTransaction(ctx, async (c) => {
    const now = ctx.clock.now();
    await c.db
      .update(cooperativeReviews)
      .set({
        ...(patch.assignedTo ? { assignedTo: patch.assignedTo } : {}),
        ...(patch.status === 'resolved'
          ? {
              status: 'resolved' as const,
              resolvedAt: now,
              resolvedBy: actor.userId,
              resolutionNote: patch.resolutionNote!.trim(),
            }
          : {}),
      })
      .where(and(eq(cooperativeReviews.id, id), eq(cooperativeReviews.organisationId, actor.organisationId)));
    await audit(c.db, c, {
      action: patch.status === 'resolved' ? 'cooperative.review-resolved' : 'cooperative.review-assigned',
      subjectType: 'cooperative-review',
      subjectId: id,
      fields: Object.keys(patch),
    });
  });
  const [out] = await reviewsWhere(ctx.db, actor.organisationId, eq(cooperativeReviews.id, id));
  return out!;
}
