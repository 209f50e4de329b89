import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { graduationSettings, graduations, offices, organisations, persons } from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { scopeOf } from '../../lib/access.ts';
import { uniqueAs } from '../../lib/db-errors.ts';
import type { ProblemError } from '../../lib/errors.ts';
import { problems, type FieldError } from '../../lib/errors.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { addMonths } from '../../../common/decent-work.ts';
import { calendarDate, money } from '../../../common/message-format.ts';
import {
  DEFAULT_GRADUATION_RULE,
  RETURN_WINDOW_MONTHS,
  evaluateGraduation,
  likelyPayer,
  returnCounts,
  thresholdOn,
  type AidPayer,
  type Evaluation,
  type GraduationRule,
} from '../../../common/graduation.ts';
import type {
  Graduation,
  GraduationEvaluation,
  GraduationPanel,
  GraduationSettings,
  GraduationSettingsInput,
} from '../../../common/contracts/graduation.ts';
import {
  aidHouseholds,
  endAidForGraduation,
  householdIdOf,
  loadPerson,
  organisationsWithAid,
  recordAidAgain,
  targetGroupCodesOf,
  type AidHousehold,
} from '../people/index.ts';
import { verifiedWorkOf } from '../placements/index.ts';
import { ruleContext } from '../vacancies/index.ts';
import { enqueue } from '../outbox/index.ts';

/**
 * Social-aid graduation (issue 11, "sistem mezuniyeti"; docs/GRADUATION.md): the organisation's rule, its
 * evaluation on households receiving aid (the `graduation-sweep` job and on demand), the manager's
 * decision sent to the unit that pays the aid, that unit's confirmation and a return to aid.
 */

type GraduationRow = typeof graduations.$inferSelect;
type StoredFacts = GraduationRow['facts'];
type MinimumWages = Awaited<ReturnType<typeof ruleContext>>['minimumWages'];

export function today(ctx: Ctx): string {
  return turkishDate(ctx.clock.now());
}

// ---- the rule -------------------------------------------------------------------------------------------

interface StoredSettings extends GraduationRule {
  municipalityEmail: string | null;
  sydvEmail: string | null;
  updatedAt: Date | null;
  isDefault: boolean;
}

export async function settingsOf(db: Db, organisationId: string): Promise<StoredSettings> {
  const [row] = await db.select().from(graduationSettings).where(eq(graduationSettings.organisationId, organisationId));
  if (!row)
    return { ...DEFAULT_GRADUATION_RULE, municipalityEmail: null, sydvEmail: null, updatedAt: null, isDefault: true };
  return {
    minMonths: row.minMonths,
    thresholdKind: row.thresholdKind,
    thresholdShare: Number(row.thresholdShare),
    thresholdAmount: row.thresholdAmount === null ? null : Number(row.thresholdAmount),
    municipalityEmail: row.municipalityEmail,
    sydvEmail: row.sydvEmail,
    updatedAt: row.updatedAt,
    isDefault: false,
  };
}

export async function getSettings(ctx: Ctx): Promise<GraduationSettings> {
  const actor = actorOf(ctx);
  const [s, rules] = await Promise.all([settingsOf(ctx.db, actor.organisationId), ruleContext(ctx)]);
  return {
    minMonths: s.minMonths,
    thresholdKind: s.thresholdKind,
    thresholdShare: s.thresholdShare,
    thresholdAmount: s.thresholdAmount,
    municipalityEmail: s.municipalityEmail,
    sydvEmail: s.sydvEmail,
    thresholdToday: thresholdOn(s, today(ctx), rules.minimumWages),
    updatedAt: s.updatedAt?.toISOString() ?? null,
    isDefault: s.isDefault,
  };
}

export async function updateSettings(ctx: Ctx, input: GraduationSettingsInput): Promise<void> {
  const actor = actorOf(ctx);
  if (input.thresholdKind === 'amount' && input.thresholdAmount === null)
    throw problems.invalid('/thresholdAmount', 'errors.validation.required');
  await inTransaction(ctx, async (c) => {
    const before = await settingsOf(c.db, actor.organisationId);
    const values = {
      minMonths: input.minMonths,
      thresholdKind: input.thresholdKind,
      thresholdShare: input.thresholdShare.toFixed(2),
      thresholdAmount: input.thresholdAmount === null ? null : input.thresholdAmount.toFixed(2),
      municipalityEmail: input.municipalityEmail?.trim().toLowerCase() || null,
      sydvEmail: input.sydvEmail?.trim().toLowerCase() || null,
      updatedBy: actor.userId,
      updatedAt: c.clock.now(),
    };
    await c.db
      .insert(graduationSettings)
      .values({ organisationId: actor.organisationId, ...values })
      .onConflictDoUpdate({ target: graduationSettings.organisationId, set: values });
    const fields = (
      ['minMonths', 'thresholdKind', 'thresholdShare', 'thresholdAmount', 'municipalityEmail', 'sydvEmail'] as const
    ).filter((k) => (before.isDefault ? true : String(before[k] ?? '') !== String(input[k] ?? '')));
    await audit(c.db, c, {
      action: 'graduation.settings-updated',
      subjectType: 'settings',
      subjectId: actor.organisationId,
      fields,
    });
  });
}

// ---- evaluation -----------------------------------------------------------------------------------------

type FullEvaluation = Evaluation & { aid: { programme: string; monthlyAmount: number }[] };

/**
 * The facts as stored: without the member's name, which is read from the person's record when shown (so
 * that an erasure of the person leaves no name behind in a graduation).
 */
function stored(ev: FullEvaluation): FullEvaluation {
  return ev.work ? { ...ev, work: { ...ev.work, memberName: '' } } : ev;
}

async function evaluateHouseholds(
  db: Db,
  organisationId: string,
  list: AidHousehold[],
  onDate: string,
  rule: GraduationRule,
  minimumWages: MinimumWages,
): Promise<Map<string, FullEvaluation>> {
  const personIds = list.flatMap((h) => h.members.map((m) => m.personId).filter((id): id is string => id !== null));
  const work = await verifiedWorkOf(db, organisationId, personIds, onDate);
  const out = new Map<string, FullEvaluation>();
  for (const h of list) {
    const names = new Map(h.members.map((m) => [m.personId, m.name]));
    const facts = {
      members: h.members.length,
      monthlyIncome: h.monthlyIncome,
      monthlyAid: h.monthlyAid,
      work: work.filter((w) => names.has(w.personId)).map((w) => ({ ...w, memberName: names.get(w.personId) ?? '' })),
    };
    out.set(h.householdId, {
      ...evaluateGraduation(rule, facts, onDate, minimumWages),
      aid: h.aid.map((a) => ({ programme: a.programme, monthlyAmount: a.monthlyAmount })),
    });
  }
  return out;
}

/**
 * Acts on one household's evaluation, in the caller's transaction: a recommendation when the rule holds
 * and none is open (not again for a job whose graduation was declined or returned to aid), a lapse when an open recommendation no
 * longer holds. Returns what happened.
 */
async function applyEvaluation(
  c: Ctx,
  organisationId: string,
  h: AidHousehold,
  ev: FullEvaluation,
): Promise<'recommended' | 'lapsed' | null> {
  const existing = await c.db
    .select()
    .from(graduations)
    .where(and(eq(graduations.organisationId, organisationId), eq(graduations.householdId, h.householdId)))
    .orderBy(desc(graduations.createdAt));
  const open = existing.find((g) => g.status === 'recommended' || g.status === 'approved');
  const system = c.actor ? {} : { actorKind: 'system' as const };
  if (!ev.holds) {
    if (open?.status !== 'recommended') return null;
    await c.db
      .update(graduations)
      .set({ status: 'lapsed', facts: stored(ev), updatedAt: c.clock.now() })
      .where(and(eq(graduations.id, open.id), eq(graduations.organisationId, organisationId)));
    await audit(c.db, c, {
      action: 'graduation.lapsed',
      subjectType: 'graduation',
      subjectId: open.id,
      fields: ['status'],
      purpose: ev.unmet.join(','),
      organisationId,
      ...system,
    });
    return 'lapsed';
  }
  if (open || !ev.work) return null;
  // A job that already led to a declined graduation, or to one the household came back from, does not
  // raise another: a new job (or a manager's look at the file) does.
  if (
    existing.some((g) => (g.status === 'declined' || g.status === 'returned') && g.placementId === ev.work!.placementId)
  )
    return null;
  const groups = await targetGroupCodesOf(c.db, organisationId, [ev.work.personId]);
  const [row] = await uniqueAs(
    () => problems.conflict('errors.graduation.alreadyOpen'),
    () =>
      c.db
        .insert(graduations)
        .values({
          organisationId,
          officeId: h.officeId,
          householdId: h.householdId,
          personId: ev.work!.personId,
          placementId: ev.work!.placementId,
          status: 'recommended',
          district: h.district,
          targetGroups: groups.get(ev.work!.personId) ?? [],
          facts: stored(ev),
          recommendedOn: ev.onDate,
          createdAt: c.clock.now(),
          updatedAt: c.clock.now(),
        })
        .returning({ id: graduations.id }),
  );
  await audit(c.db, c, {
    action: 'graduation.recommended',
    subjectType: 'graduation',
    subjectId: row!.id,
    fields: ['status', 'facts'],
    organisationId,
    ...system,
  });
  return 'recommended';
}

/**
 * A return to aid noticed without anyone recording it: a confirmed graduation whose household receives
 * aid again that started after the end, within 12 months. Recorded with that aid's programme and amount.
 */
async function noticeReturns(c: Ctx, organisationId: string, onDate: string): Promise<number> {
  const confirmed = await c.db
    .select()
    .from(graduations)
    .where(and(eq(graduations.organisationId, organisationId), eq(graduations.status, 'confirmed')));
  if (confirmed.length === 0) return 0;
  const list = await aidHouseholds(c.db, organisationId, onDate, { householdIds: confirmed.map((g) => g.householdId) });
  let noticed = 0;
  for (const g of confirmed) {
    const h = list.find((x) => x.householdId === g.householdId);
    const again = h?.aid.find(
      (a) => g.aidEndDate && a.startDate > g.aidEndDate && returnCounts(g.aidEndDate, a.startDate),
    );
    if (!again) continue;
    await c.db
      .update(graduations)
      .set({
        status: 'returned',
        returnedOn: again.startDate,
        returnProgramme: again.programme,
        returnMonthlyAmount: again.monthlyAmount.toFixed(2),
        updatedAt: c.clock.now(),
      })
      .where(and(eq(graduations.id, g.id), eq(graduations.organisationId, organisationId)));
    await audit(c.db, c, {
      action: 'graduation.returned',
      subjectType: 'graduation',
      subjectId: g.id,
      fields: ['status', 'returnedOn', 'returnProgramme', 'returnMonthlyAmount'],
      purpose: 'aid-record',
      organisationId,
      ...(c.actor ? {} : { actorKind: 'system' as const }),
    });
    noticed++;
  }
  return noticed;
}

/**
 * The `graduation-sweep` job (daily; tests call it through runSweep with the controllable clock): for every
 * organisation, notices returns to aid, then evaluates each household receiving aid. One short transaction
 * per household. Returns the counts.
 */
export async function sweepGraduations(ctx: Ctx): Promise<{ recommended: number; lapsed: number; returned: number }> {
  const onDate = today(ctx);
  const totals = { recommended: 0, lapsed: 0, returned: 0 };
  const { minimumWages } = await ruleContext(ctx);
  for (const organisationId of await organisationsWithAid(ctx.db, onDate)) {
    totals.returned += await inTransaction(ctx, (c) => noticeReturns(c, organisationId, onDate));
    const rule = await settingsOf(ctx.db, organisationId);
    const onAid = await aidHouseholds(ctx.db, organisationId, onDate);
    // Households with an open recommendation whose aid ended otherwise are evaluated too (and lapse).
    const waiting = (
      await ctx.db
        .select({ id: graduations.householdId })
        .from(graduations)
        .where(and(eq(graduations.organisationId, organisationId), eq(graduations.status, 'recommended')))
    )
      .map((r) => r.id)
      .filter((id) => !onAid.some((h) => h.householdId === id));
    const list = [
      ...onAid,
      ...(waiting.length ? await aidHouseholds(ctx.db, organisationId, onDate, { householdIds: waiting }) : []),
    ];
    const evaluations = await evaluateHouseholds(ctx.db, organisationId, list, onDate, rule, minimumWages);
    for (const h of list) {
      const outcome = await inTransaction(ctx, (c) =>
        applyEvaluation(c, organisationId, h, evaluations.get(h.householdId)!),
      );
      if (outcome) totals[outcome]++;
    }
  }
  return totals;
}

/** The person's household evaluated today (null without a household). */
async function evaluatePersonHousehold(
  ctx: Ctx,
  personId: string,
): Promise<{ household: AidHousehold; evaluation: FullEvaluation } | null> {
  const person = await loadPerson(ctx.db, ctx, personId);
  const householdId = await householdIdOf(ctx.db, person.organisationId, personId);
  if (!householdId) return null;
  const onDate = today(ctx);
  const [household] = await aidHouseholds(ctx.db, person.organisationId, onDate, { householdIds: [householdId] });
  if (!household) return null;
  const [rule, { minimumWages }] = await Promise.all([settingsOf(ctx.db, person.organisationId), ruleContext(ctx)]);
  const evaluations = await evaluateHouseholds(ctx.db, person.organisationId, [household], onDate, rule, minimumWages);
  return { household, evaluation: evaluations.get(householdId)! };
}

export async function personPanel(ctx: Ctx, personId: string): Promise<GraduationPanel> {
  const found = await evaluatePersonHousehold(ctx, personId);
  if (!found) return { householdId: null, evaluation: null, current: null, history: [] };
  const rows = await listRows(
    ctx,
    [eq(graduations.householdId, found.household.householdId)],
    [desc(graduations.createdAt)],
  );
  const all = presentMany(ctx, rows);
  const current = all.find((g) => g.status === 'recommended' || g.status === 'approved') ?? all[0] ?? null;
  return {
    householdId: found.household.householdId,
    evaluation: presentEvaluation(found.evaluation),
    current,
    history: all,
  };
}

/** Evaluates the person's household now: recommends (or lapses) as the sweep would. */
export async function evaluatePerson(ctx: Ctx, personId: string): Promise<void> {
  const found = await evaluatePersonHousehold(ctx, personId);
  if (!found) throw problems.conflict('errors.graduation.noHousehold', '/params/id');
  const person = await loadPerson(ctx.db, ctx, personId);
  await inTransaction(ctx, (c) => applyEvaluation(c, person.organisationId, found.household, found.evaluation));
}

// ---- reading ----------------------------------------------------------------------------------------------

interface ListRow {
  g: GraduationRow;
  given: string;
  family: string;
  officeName: string;
}

async function listRows(ctx: Ctx, where: SQL[], order: SQL[], page?: { limit: number; offset: number }) {
  const scope = scopeOf(actorOf(ctx));
  const q = ctx.db
    .select({ g: graduations, given: persons.givenName, family: persons.familyName, officeName: offices.name })
    .from(graduations)
    .innerJoin(persons, eq(persons.id, graduations.personId))
    .innerJoin(offices, eq(offices.id, graduations.officeId))
    .where(
      and(
        eq(graduations.organisationId, scope.organisationId),
        scope.officeId ? eq(graduations.officeId, scope.officeId) : undefined,
        ...where,
      ),
    )
    .orderBy(...order, asc(graduations.id));
  return page ? q.limit(page.limit).offset(page.offset) : q;
}

function presentEvaluation(ev: StoredFacts, memberName?: string): GraduationEvaluation {
  return {
    holds: ev.holds,
    unmet: ev.unmet,
    onDate: ev.onDate,
    minMonths: ev.minMonths,
    work: ev.work && memberName !== undefined ? { ...ev.work, memberName } : ev.work,
    members: ev.members,
    monthlyIncome: ev.monthlyIncome,
    monthlyAid: ev.monthlyAid,
    incomePerMember: ev.incomePerMember,
    threshold: ev.threshold,
    aid: ev.aid ?? [],
  };
}

const num = (v: string | null) => (v === null ? null : Number(v));

function present(r: ListRow): Graduation {
  const g = r.g;
  return {
    id: g.id,
    householdId: g.householdId,
    person: { id: g.personId, name: `${r.given} ${r.family}` },
    office: { id: g.officeId, name: r.officeName },
    district: g.district,
    status: g.status,
    facts: presentEvaluation(g.facts, `${r.given} ${r.family}`),
    recommendedOn: g.recommendedOn,
    decidedOn: g.decidedOn,
    decidedBy: g.decidedBy,
    declineReason: g.declineReason,
    payer: g.payer,
    likelyPayer: likelyPayer((g.facts.aid ?? []).map((a) => a.programme)),
    messageId: g.messageId,
    confirmedOn: g.confirmedOn,
    aidEndDate: g.aidEndDate,
    monthlyAidSaved: num(g.monthlyAidSaved),
    confirmationReference: g.confirmationReference,
    returnedOn: g.returnedOn,
    returnProgramme: g.returnProgramme,
    returnMonthlyAmount: num(g.returnMonthlyAmount),
    returnNote: g.returnNote,
    returnWindowEnds: g.aidEndDate ? addMonths(g.aidEndDate, RETURN_WINDOW_MONTHS) : null,
  };
}

function presentMany(_ctx: Ctx, rows: ListRow[]): Graduation[] {
  return rows.map(present);
}

/** A graduation the actor may see (organisation; office unless offices:all), or 404. */
async function loadGraduation(db: Db, ctx: Ctx, id: string): Promise<GraduationRow> {
  const scope = scopeOf(actorOf(ctx));
  const [row] = await db
    .select()
    .from(graduations)
    .where(
      and(
        eq(graduations.id, id),
        eq(graduations.organisationId, scope.organisationId),
        scope.officeId ? eq(graduations.officeId, scope.officeId) : undefined,
      ),
    );
  if (!row) throw problems.notFound();
  return row;
}

export async function getGraduation(ctx: Ctx, id: string): Promise<Graduation> {
  await loadGraduation(ctx.db, ctx, id);
  const [row] = await listRows(ctx, [eq(graduations.id, id)], []);
  return present(row!);
}

export async function listGraduations(
  ctx: Ctx,
  filter: { status?: GraduationRow['status'] | undefined; sort?: string | undefined; page: number; pageSize: number },
) {
  const where = filter.status ? [eq(graduations.status, filter.status)] : [];
  const order =
    filter.sort === 'recommended-desc'
      ? [desc(graduations.recommendedOn)]
      : filter.sort === 'income-desc'
        ? [desc(graduations.recommendedOn)]
        : [asc(graduations.recommendedOn)];
  const scope = scopeOf(actorOf(ctx));
  const [rows, [total]] = await Promise.all([
    listRows(ctx, where, order, { limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize }),
    ctx.db
      .select({ n: count() })
      .from(graduations)
      .where(
        and(
          eq(graduations.organisationId, scope.organisationId),
          scope.officeId ? eq(graduations.officeId, scope.officeId) : undefined,
          ...where,
        ),
      ),
  ]);
  let items = presentMany(ctx, rows);
  if (filter.sort === 'income-desc')
    items = [...items].sort((a, b) => b.facts.incomePerMember - a.facts.incomePerMember);
  return { items, total: total?.n ?? 0 };
}

// ---- the manager's decision -------------------------------------------------------------------------------

function conflict(code: string): ProblemError {
  return problems.conflict(code, '/status');
}

async function organisationName(db: Db, organisationId: string): Promise<string> {
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row?.name ?? '';
}

/**
 * Approves a recommendation: the rule is checked again today (refused, 409, when it no longer holds),
 * and the unit that pays the aid is told through the outbox, in the same transaction.
 */
export async function approveGraduation(ctx: Ctx, id: string, payer: AidPayer): Promise<void> {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (c) => {
    const g = await loadGraduation(c.db, c, id);
    if (g.status !== 'recommended') throw conflict('errors.graduation.notRecommended');
    const settings = await settingsOf(c.db, g.organisationId);
    const recipient = payer === 'sydv' ? settings.sydvEmail : settings.municipalityEmail;
    if (!recipient) throw problems.invalid('/payer', 'errors.graduation.noPayerAddress');
    const onDate = today(c);
    const [household] = await aidHouseholds(c.db, g.organisationId, onDate, { householdIds: [g.householdId] });
    const { minimumWages } = await ruleContext(c);
    const ev = household
      ? (await evaluateHouseholds(c.db, g.organisationId, [household], onDate, settings, minimumWages)).get(
          g.householdId,
        )
      : undefined;
    if (!ev?.holds) throw conflict('errors.graduation.ruleNoLongerHolds');
    const [person] = await c.db
      .select({ given: persons.givenName, family: persons.familyName })
      .from(persons)
      .where(and(eq(persons.id, g.personId), eq(persons.organisationId, g.organisationId)));
    const messageId = await enqueue(c, {
      channel: 'email',
      recipient,
      template: 'graduation-notice',
      locale: 'tr',
      params: {
        organisation: await organisationName(c.db, g.organisationId),
        reference: g.id.slice(0, 8).toUpperCase(),
        name: `${person?.given ?? ''} ${person?.family ?? ''}`.trim(),
        district: g.district ?? '',
        programmes: ev.aid.map((a) => a.programme).join(', '),
        monthlyAid: money(ev.monthlyAid),
        months: String(ev.work?.months ?? 0),
        since: calendarDate(ev.work?.startDate ?? onDate),
        incomePerMember: money(ev.incomePerMember),
        threshold: money(ev.threshold ?? 0),
        members: String(ev.members),
        approvedBy: actor.fullName,
      },
      organisationId: g.organisationId,
      userId: null,
    });
    await c.db
      .update(graduations)
      .set({
        status: 'approved',
        payer,
        facts: stored(ev),
        decidedBy: actor.userId,
        decidedAt: c.clock.now(),
        decidedOn: onDate,
        messageId,
        updatedAt: c.clock.now(),
      })
      .where(and(eq(graduations.id, g.id), eq(graduations.organisationId, g.organisationId)));
    await audit(c.db, c, {
      action: 'graduation.approved',
      subjectType: 'graduation',
      subjectId: g.id,
      fields: ['status', 'payer'],
      purpose: payer,
      organisationId: g.organisationId,
    });
  });
}

export async function declineGraduation(ctx: Ctx, id: string, reason: string): Promise<void> {
  const actor = actorOf(ctx);
  const text = reason.trim();
  if (text.length < 3) throw problems.invalid('/reason', 'errors.validation.required');
  await inTransaction(ctx, async (c) => {
    const g = await loadGraduation(c.db, c, id);
    if (g.status !== 'recommended') throw conflict('errors.graduation.notRecommended');
    await c.db
      .update(graduations)
      .set({
        status: 'declined',
        declineReason: text,
        decidedBy: actor.userId,
        decidedAt: c.clock.now(),
        decidedOn: today(c),
        updatedAt: c.clock.now(),
      })
      .where(and(eq(graduations.id, g.id), eq(graduations.organisationId, g.organisationId)));
    await audit(c.db, c, {
      action: 'graduation.declined',
      subjectType: 'graduation',
      subjectId: g.id,
      fields: ['status', 'declineReason'],
      organisationId: g.organisationId,
    });
  });
}

// ---- the paying unit's answer, and a return to aid ----------------------------------------------------------

export async function confirmGraduation(
  ctx: Ctx,
  id: string,
  input: { confirmedOn: string; aidEndDate: string; monthlyAidSaved: number; reference?: string | null | undefined },
): Promise<void> {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (c) => {
    const g = await loadGraduation(c.db, c, id);
    if (g.status !== 'approved') throw conflict('errors.graduation.notApproved');
    const day = today(c);
    const errors: FieldError[] = [];
    if (input.confirmedOn > day) errors.push({ pointer: '/confirmedOn', code: 'errors.graduation.dateFuture' });
    if (g.decidedOn && input.confirmedOn < g.decidedOn)
      errors.push({
        pointer: '/confirmedOn',
        code: 'errors.graduation.beforeApproval',
        params: { date: calendarDate(g.decidedOn) },
      });
    if (input.aidEndDate < g.recommendedOn)
      errors.push({
        pointer: '/aidEndDate',
        code: 'errors.graduation.endBeforeRecommendation',
        params: { date: calendarDate(g.recommendedOn) },
      });
    if (input.aidEndDate > addMonths(day, 3))
      errors.push({ pointer: '/aidEndDate', code: 'errors.graduation.endTooFar' });
    if (Math.abs(input.monthlyAidSaved * 100 - Math.round(input.monthlyAidSaved * 100)) > 1e-6)
      errors.push({ pointer: '/monthlyAidSaved', code: 'errors.households.amountDecimals' });
    const aidThen = g.facts.monthlyAid;
    if (aidThen > 0 && input.monthlyAidSaved > aidThen)
      errors.push({
        pointer: '/monthlyAidSaved',
        code: 'errors.graduation.savedAboveAid',
        params: { amount: money(aidThen) },
      });
    if (errors.length) throw problems.invalidMany(errors);
    await endAidForGraduation(c, g.householdId, input.aidEndDate, g.organisationId);
    await c.db
      .update(graduations)
      .set({
        status: 'confirmed',
        confirmedOn: input.confirmedOn,
        aidEndDate: input.aidEndDate,
        monthlyAidSaved: input.monthlyAidSaved.toFixed(2),
        confirmationReference: input.reference?.trim() || null,
        confirmedBy: actor.userId,
        updatedAt: c.clock.now(),
      })
      .where(and(eq(graduations.id, g.id), eq(graduations.organisationId, g.organisationId)));
    await audit(c.db, c, {
      action: 'graduation.confirmed',
      subjectType: 'graduation',
      subjectId: g.id,
      fields: ['status', 'confirmedOn', 'aidEndDate', 'monthlyAidSaved', ...(input.reference ? ['reference'] : [])],
      organisationId: g.organisationId,
    });
  });
}

export async function recordReturn(
  ctx: Ctx,
  id: string,
  input: { returnedOn: string; programme: string; monthlyAmount: number; note?: string | null | undefined },
): Promise<void> {
  const actor = actorOf(ctx);
  await inTransaction(ctx, async (c) => {
    const g = await loadGraduation(c.db, c, id);
    if (g.status !== 'confirmed') throw conflict('errors.graduation.notConfirmed');
    const errors: FieldError[] = [];
    const programme = input.programme.trim();
    if (programme.length < 2) errors.push({ pointer: '/programme', code: 'errors.validation.required' });
    if (input.returnedOn > today(c)) errors.push({ pointer: '/returnedOn', code: 'errors.graduation.dateFuture' });
    else if (!returnCounts(g.aidEndDate!, input.returnedOn))
      errors.push({
        pointer: '/returnedOn',
        code: 'errors.graduation.returnOutsideWindow',
        params: { from: calendarDate(g.aidEndDate!), to: calendarDate(addMonths(g.aidEndDate!, RETURN_WINDOW_MONTHS)) },
      });
    if (Math.abs(input.monthlyAmount * 100 - Math.round(input.monthlyAmount * 100)) > 1e-6)
      errors.push({ pointer: '/monthlyAmount', code: 'errors.households.amountDecimals' });
    if (errors.length) throw problems.invalidMany(errors);
    await recordAidAgain(
      c,
      g.householdId,
      { programme, monthlyAmount: input.monthlyAmount, startDate: input.returnedOn },
      g.organisationId,
    );
    await c.db
      .update(graduations)
      .set({
        status: 'returned',
        returnedOn: input.returnedOn,
        returnProgramme: programme,
        returnMonthlyAmount: input.monthlyAmount.toFixed(2),
        returnNote: input.note?.trim() || null,
        returnedBy: actor.userId,
        updatedAt: c.clock.now(),
      })
      .where(and(eq(graduations.id, g.id), eq(graduations.organisationId, g.organisationId)));
    await audit(c.db, c, {
      action: 'graduation.returned',
      subjectType: 'graduation',
      subjectId: g.id,
      fields: ['status', 'returnedOn', 'returnProgramme', 'returnMonthlyAmount', ...(input.note ? ['returnNote'] : [])],
      organisationId: g.organisationId,
    });
  });
}

export { loadGraduation, organisationName };
