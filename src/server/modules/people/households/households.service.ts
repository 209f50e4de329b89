import { and, asc, desc, eq, ne } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  householdIncomes,
  householdMembers,
  households,
  offices,
  persons,
  socialAidRecords,
  HOUSEHOLD_RELATIONS,
} from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { uniqueAs } from '../../../lib/db-errors.ts';
import { audit, changedFields } from '../../../lib/audit.ts';
import { problems, type FieldError } from '../../../lib/errors.ts';
import { scopeOf } from '../../../lib/access.ts';
import { findDistrict, findProvince } from '../../../lib/geography.ts';
import { turkishDate } from '../../../../common/working-days.ts';
import { ageOn } from '../../../../common/people.ts';
import { loadPerson } from '../persons/persons.queries.ts';
import { updatePerson } from '../persons/persons.service.ts';

/**
 * Households: the one model of who lives with a person, what social aid the household receives and
 * what it earns from work. Members may be registered persons or anyone else (children included).
 * A later "system graduation" module reads aid and income through householdOf / currentAidAndIncome.
 *
 * Visibility follows the household's office (the office of the person it was created for):
 * organisation always, the office unless the actor holds offices:all; anything else is 404.
 */

type HouseholdRow = typeof households.$inferSelect;
export type Relation = (typeof HOUSEHOLD_RELATIONS)[number];
export type IncomeSource = (typeof householdIncomes.$inferInsert)['source'];

/** numeric(12,2): the largest monthly amount a column holds. */
const MAX_AMOUNT = 9_999_999_999.99;
const MAX_AGE = 120;

function today(ctx: Ctx): string {
  return turkishDate(ctx.clock.now());
}

function toCents(amount: string | number): number {
  return Math.round(Number(amount) * 100);
}

/** A registered person may belong to one household only (unique index on household_members.person_id). */
const oneHouseholdPerPerson = <T>(pointer: string, write: () => Promise<T>): Promise<T> =>
  uniqueAs(() => problems.conflict('errors.households.personHasHousehold', pointer), write);

/** A money amount: more than 0, at most two decimals. Returns the value to store, or records an error. */
function amount(value: number, pointer: string, errors: FieldError[]): string {
  if (!(value > 0)) errors.push({ pointer, code: 'errors.households.amountPositive' });
  else if (value > MAX_AMOUNT)
    errors.push({ pointer, code: 'errors.validation.maximum', params: { limit: MAX_AMOUNT } });
  else if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6)
    errors.push({ pointer, code: 'errors.households.amountDecimals' });
  return (Math.round(value * 100) / 100).toFixed(2);
}

function period(startDate: string, endDate: string | null | undefined, errors: FieldError[]): void {
  if (endDate && endDate < startDate) errors.push({ pointer: '/endDate', code: 'errors.households.endBeforeStart' });
}

const isCurrent = (r: { startDate: string; endDate: string | null }, onDate: string) =>
  r.startDate <= onDate && (r.endDate === null || r.endDate >= onDate);

// ---- loading ------------------------------------------------------------------------------------------

/** Loads a household the actor may see (organisation; office unless offices:all), or 404. */
export async function loadHousehold(db: Db, ctx: Ctx, id: string): Promise<HouseholdRow> {
  const scope = scopeOf(actorOf(ctx));
  const [row] = await db
    .select()
    .from(households)
    .where(
      and(
        eq(households.id, id),
        eq(households.organisationId, scope.organisationId),
        scope.officeId ? eq(households.officeId, scope.officeId) : undefined,
      ),
    );
  if (!row) throw problems.notFound();
  return row;
}

/** The id of the household a registered person belongs to, if any (no access check). */
async function householdIdOfPerson(db: Db, personId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: householdMembers.householdId })
    .from(householdMembers)
    .where(eq(householdMembers.personId, personId));
  return row?.id ?? null;
}

// ---- reading ------------------------------------------------------------------------------------------

async function present(db: Db, household: HouseholdRow, onDate: string) {
  const [members, aid, incomes, [office]] = await Promise.all([
    db
      .select({
        m: householdMembers,
        pGiven: persons.givenName,
        pFamily: persons.familyName,
        pBirth: persons.birthDate,
        pSex: persons.sex,
      })
      .from(householdMembers)
      .leftJoin(persons, eq(persons.id, householdMembers.personId))
      .where(eq(householdMembers.householdId, household.id))
      .orderBy(asc(householdMembers.createdAt), asc(householdMembers.id)),
    db
      .select()
      .from(socialAidRecords)
      .where(eq(socialAidRecords.householdId, household.id))
      .orderBy(desc(socialAidRecords.startDate), asc(socialAidRecords.programme), asc(socialAidRecords.id)),
    db
      .select()
      .from(householdIncomes)
      .where(eq(householdIncomes.householdId, household.id))
      .orderBy(desc(householdIncomes.startDate), asc(householdIncomes.id)),
    db.select({ id: offices.id, name: offices.name }).from(offices).where(eq(offices.id, household.officeId)),
  ]);
  const aidItems = aid.map((a) => ({
    id: a.id,
    programme: a.programme,
    monthlyAmount: Number(a.monthlyAmount),
    startDate: a.startDate,
    endDate: a.endDate,
    current: isCurrent(a, onDate),
  }));
  const incomeItems = incomes.map((i) => ({
    id: i.id,
    memberId: i.memberId,
    source: i.source,
    monthlyAmount: Number(i.monthlyAmount),
    startDate: i.startDate,
    endDate: i.endDate,
    current: isCurrent(i, onDate),
  }));
  const sum = (rows: { monthlyAmount: number; current: boolean }[]) =>
    rows.filter((r) => r.current).reduce((cents, r) => cents + toCents(r.monthlyAmount), 0) / 100;
  return {
    id: household.id,
    office: office ?? { id: household.officeId, name: '' },
    province: household.province,
    district: household.district,
    address: household.address,
    // Head first, then by relation, then the eldest first.
    members: [...members]
      .sort(
        (a, b) =>
          HOUSEHOLD_RELATIONS.indexOf(a.m.relation) - HOUSEHOLD_RELATIONS.indexOf(b.m.relation) ||
          (a.pBirth ?? a.m.birthDate ?? '9999').localeCompare(b.pBirth ?? b.m.birthDate ?? '9999'),
      )
      .map(({ m, pGiven, pFamily, pBirth, pSex }) => {
        // A registered member's name and birth date come from their profile, so they never go stale.
        const birthDate = m.personId ? (pBirth ?? m.birthDate) : m.birthDate;
        return {
          id: m.id,
          personId: m.personId,
          givenName: m.personId ? (pGiven ?? m.givenName) : m.givenName,
          familyName: m.personId ? (pFamily ?? m.familyName) : m.familyName,
          birthDate,
          age: birthDate ? ageOn(birthDate, onDate) : null,
          sex: m.personId ? (pSex ?? m.sex) : m.sex,
          relation: m.relation,
        };
      }),
    socialAid: aidItems,
    incomes: incomeItems,
    totals: { onDate, monthlyAid: sum(aidItems), monthlyIncome: sum(incomeItems) },
    createdAt: household.createdAt.toISOString(),
    updatedAt: household.updatedAt.toISOString(),
  };
}
export type HouseholdView = Awaited<ReturnType<typeof present>>;

/**
 * The household of a registered person, or null when they have none. 404 when the person is not
 * visible to the actor, or when the household belongs to an office the actor cannot see.
 */
export async function householdOf(ctx: Ctx, personId: string, onDate?: string): Promise<HouseholdView | null> {
  await loadPerson(ctx.db, ctx, personId);
  const id = await householdIdOfPerson(ctx.db, personId);
  if (!id) return null;
  const household = await loadHousehold(ctx.db, ctx, id);
  return present(ctx.db, household, onDate ?? today(ctx));
}

/** For GET /persons/:id/household: the household, or 404 when there is none. */
export async function getHouseholdOfPerson(ctx: Ctx, personId: string): Promise<HouseholdView> {
  const view = await householdOf(ctx, personId);
  if (!view) throw problems.notFound('errors.households.none');
  return view;
}

export async function getHousehold(ctx: Ctx, id: string): Promise<HouseholdView> {
  const household = await loadHousehold(ctx.db, ctx, id);
  return present(ctx.db, household, today(ctx));
}

export interface AidAndIncome {
  onDate: string;
  /** Sum of the social aid records running on the date (TL per month). */
  monthlyAid: number;
  /** Sum of the incomes running on the date (TL per month). */
  monthlyIncome: number;
  aid: { id: string; programme: string; monthlyAmount: number }[];
  incomes: { id: string; memberId: string | null; source: IncomeSource; monthlyAmount: number }[];
}

/** Social aid and income running on a date (ISO), for a household the actor may see. */
export async function currentAidAndIncome(ctx: Ctx, householdId: string, onDate: string): Promise<AidAndIncome> {
  const household = await loadHousehold(ctx.db, ctx, householdId);
  const view = await present(ctx.db, household, onDate);
  return {
    onDate,
    monthlyAid: view.totals.monthlyAid,
    monthlyIncome: view.totals.monthlyIncome,
    aid: view.socialAid
      .filter((a) => a.current)
      .map((a) => ({ id: a.id, programme: a.programme, monthlyAmount: a.monthlyAmount })),
    incomes: view.incomes
      .filter((i) => i.current)
      .map((i) => ({ id: i.id, memberId: i.memberId, source: i.source, monthlyAmount: i.monthlyAmount })),
  };
}

// ---- households and members ----------------------------------------------------------------------------

export interface MemberInput {
  /** A registered person (in the actor's scope); names and birth date then come from their profile. */
  personId?: string | null | undefined;
  givenName?: string | null | undefined;
  familyName?: string | null | undefined;
  birthDate?: string | null | undefined;
  sex?: 'female' | 'male' | null | undefined;
  relation: Relation;
}

export interface AddressInput {
  province?: string | null | undefined;
  district?: string | null | undefined;
  address?: string | null | undefined;
}

export interface HouseholdCreate extends AddressInput {
  /** The person's own relation in the household (default head). */
  relation?: Relation | undefined;
  members?: MemberInput[] | undefined;
}

function cleanAddress(input: AddressInput, base: string, errors: FieldError[]) {
  const values: { province?: string | null; district?: string | null; address?: string | null } = {};
  if (input.address !== undefined) values.address = input.address?.trim() || null;
  if (input.province !== undefined || input.district !== undefined) {
    if (!input.province) {
      values.province = null;
      values.district = null;
      if (input.district) errors.push({ pointer: `${base}/province`, code: 'errors.validation.required' });
    } else {
      const province = findProvince(input.province);
      if (!province) errors.push({ pointer: `${base}/province`, code: 'errors.persons.provinceUnknown' });
      else {
        values.province = province.name;
        if (input.district) {
          const district = findDistrict(province.name, input.district);
          if (!district)
            errors.push({
              pointer: `${base}/district`,
              code: 'errors.persons.districtUnknown',
              params: { province: province.name },
            });
          else values.district = district;
        } else values.district = null;
      }
    }
  }
  return values;
}

/** Checks a member and returns the row to insert (without household and organisation). */
async function cleanMember(
  db: Db,
  ctx: Ctx,
  input: MemberInput,
  base: string,
  errors: FieldError[],
): Promise<Omit<typeof householdMembers.$inferInsert, 'householdId' | 'organisationId'> | null> {
  if (input.personId) {
    let person;
    try {
      person = await loadPerson(db, ctx, input.personId);
    } catch {
      errors.push({ pointer: `${base}/personId`, code: 'errors.households.personUnknown' });
      return null;
    }
    return {
      personId: person.id,
      givenName: person.givenName,
      familyName: person.familyName,
      birthDate: person.birthDate,
      sex: person.sex,
      relation: input.relation,
    };
  }
  const givenName = input.givenName?.trim() ?? '';
  const familyName = input.familyName?.trim() ?? '';
  if (!givenName) errors.push({ pointer: `${base}/givenName`, code: 'errors.validation.required' });
  if (!familyName) errors.push({ pointer: `${base}/familyName`, code: 'errors.validation.required' });
  const now = today(ctx);
  if (input.birthDate) {
    if (input.birthDate > now) errors.push({ pointer: `${base}/birthDate`, code: 'errors.persons.birthDateFuture' });
    else if (ageOn(input.birthDate, now) > MAX_AGE)
      errors.push({ pointer: `${base}/birthDate`, code: 'errors.persons.birthDateImplausible' });
  }
  return {
    personId: null,
    givenName,
    familyName,
    birthDate: input.birthDate ?? null,
    sex: input.sex ?? null,
    relation: input.relation,
  };
}

/** Creates a household for a person, who becomes its first member; more members may come along. */
export async function createHousehold(ctx: Ctx, personId: string, input: HouseholdCreate): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const person = await loadPerson(tx, ctx, personId);
    if (await householdIdOfPerson(tx, personId))
      throw problems.conflict('errors.households.personHasHousehold', '/params/id');
    const errors: FieldError[] = [];
    const address = cleanAddress(
      {
        province: input.province === undefined ? person.province : input.province,
        district: input.district === undefined ? person.district : input.district,
        address: input.address === undefined ? person.address : input.address,
      },
      '',
      errors,
    );
    const others: NonNullable<Awaited<ReturnType<typeof cleanMember>>>[] = [];
    for (const [i, m] of (input.members ?? []).entries()) {
      if (m.personId === personId) {
        errors.push({ pointer: `/members/${i}/personId`, code: 'errors.households.alreadyMember' });
        continue;
      }
      const row = await cleanMember(tx, ctx, m, `/members/${i}`, errors);
      if (row) others.push(row);
    }
    const relation = input.relation ?? 'head';
    const heads = [relation, ...(input.members ?? []).map((m) => m.relation)].filter((r) => r === 'head').length;
    if (heads > 1) errors.push({ pointer: '/relation', code: 'errors.households.oneHead' });
    const personIds = others.map((o) => o.personId).filter(Boolean);
    if (new Set(personIds).size !== personIds.length)
      errors.push({ pointer: '/members', code: 'errors.households.alreadyMember' });
    if (errors.length > 0) throw problems.invalidMany(errors);

    const now = ctx.clock.now();
    const [household] = await tx
      .insert(households)
      .values({
        organisationId: person.organisationId,
        officeId: person.officeId,
        province: address.province ?? null,
        district: address.district ?? null,
        address: address.address ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: households.id });
    const id = household!.id;
    const rows = [
      {
        personId,
        givenName: person.givenName,
        familyName: person.familyName,
        birthDate: person.birthDate,
        sex: person.sex,
        relation,
      },
      ...others,
    ];
    await oneHouseholdPerPerson('/params/id', async () => {
      // One at a time, so that a member who already has a household is named in the answer.
      for (const [i, row] of rows.entries()) {
        const pointer = i === 0 ? '/params/id' : `/members/${i - 1}/personId`;
        if (row.personId && i > 0 && (await householdIdOfPerson(tx, row.personId)))
          throw problems.conflict('errors.households.personHasHousehold', pointer);
        await tx
          .insert(householdMembers)
          .values({ ...row, householdId: id, organisationId: person.organisationId, createdAt: now });
      }
    });
    await audit(tx, ctx, { action: 'household.created', subjectType: 'household', subjectId: id });
    for (const row of rows) {
      await audit(tx, ctx, {
        action: 'household.member-added',
        subjectType: 'household',
        subjectId: id,
        fields: ['members'],
        purpose: row.relation,
      });
    }
    return id;
  });
}

export async function updateHousehold(ctx: Ctx, id: string, input: AddressInput): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const household = await loadHousehold(tx, ctx, id);
    const errors: FieldError[] = [];
    const values = cleanAddress(
      { ...input, province: input.province === undefined && input.district ? household.province : input.province },
      '',
      errors,
    );
    if (errors.length > 0) throw problems.invalidMany(errors);
    const fields = changedFields(household as unknown as Record<string, unknown>, values as Record<string, unknown>);
    if (fields.length === 0) return;
    await tx
      .update(households)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(eq(households.id, id));
    await audit(tx, ctx, { action: 'household.updated', subjectType: 'household', subjectId: id, fields });
  });
}

/**
 * Adds a member. A registered person who `sharesAddress` takes the household's address as their own in the
 * same transaction (through updatePerson: audited, and passed on to employers that hold their profile).
 */
export async function addMember(
  ctx: Ctx,
  householdId: string,
  input: MemberInput & { sharesAddress?: boolean | undefined },
): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const household = await loadHousehold(tx, ctx, householdId);
    const errors: FieldError[] = [];
    const row = await cleanMember(tx, ctx, input, '', errors);
    if (errors.length > 0 || !row) throw problems.invalidMany(errors);
    if (input.relation === 'head') {
      const [head] = await tx
        .select({ id: householdMembers.id })
        .from(householdMembers)
        .where(and(eq(householdMembers.householdId, householdId), eq(householdMembers.relation, 'head')));
      if (head) throw problems.invalid('/relation', 'errors.households.oneHead');
    }
    if (row.personId) {
      const current = await householdIdOfPerson(tx, row.personId);
      if (current === householdId) throw problems.conflict('errors.households.alreadyMember', '/personId');
      if (current) throw problems.conflict('errors.households.personHasHousehold', '/personId');
    }
    const [member] = await oneHouseholdPerPerson('/personId', () =>
      tx
        .insert(householdMembers)
        .values({ ...row, householdId, organisationId: household.organisationId, createdAt: ctx.clock.now() })
        .returning({ id: householdMembers.id }),
    );
    await tx.update(households).set({ updatedAt: ctx.clock.now() }).where(eq(households.id, householdId));
    if (row.personId && input.sharesAddress) {
      const address = {
        ...(household.province ? { province: household.province } : {}),
        ...(household.district ? { district: household.district } : {}),
        ...(household.address ? { address: household.address } : {}),
      };
      if (Object.keys(address).length > 0) await updatePerson({ ...ctx, db: tx }, row.personId, address);
    }
    await audit(tx, ctx, {
      action: 'household.member-added',
      subjectType: 'household',
      subjectId: householdId,
      fields: ['members'],
      purpose: input.relation,
    });
    return member!.id;
  });
}

/** Removes a member; their incomes stay on the household without a member. The last member cannot leave. */
export async function removeMember(ctx: Ctx, householdId: string, memberId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await loadHousehold(tx, ctx, householdId);
    const [member] = await tx
      .select()
      .from(householdMembers)
      .where(and(eq(householdMembers.id, memberId), eq(householdMembers.householdId, householdId)));
    if (!member) throw problems.notFound();
    const [other] = await tx
      .select({ id: householdMembers.id })
      .from(householdMembers)
      .where(and(eq(householdMembers.householdId, householdId), ne(householdMembers.id, memberId)))
      .limit(1);
    if (!other) throw problems.conflict('errors.households.lastMember');
    await tx.delete(householdMembers).where(eq(householdMembers.id, memberId));
    await tx.update(households).set({ updatedAt: ctx.clock.now() }).where(eq(households.id, householdId));
    await audit(tx, ctx, {
      action: 'household.member-removed',
      subjectType: 'household',
      subjectId: householdId,
      fields: ['members'],
      purpose: member.relation,
    });
  });
}

// ---- social aid -----------------------------------------------------------------------------------------

export interface AidInput {
  programme: string;
  monthlyAmount: number;
  startDate: string;
  endDate?: string | null | undefined;
}

export async function addSocialAid(ctx: Ctx, householdId: string, input: AidInput): Promise<string> {
  const errors: FieldError[] = [];
  const programme = input.programme.trim();
  if (!programme) errors.push({ pointer: '/programme', code: 'errors.validation.required' });
  const monthlyAmount = amount(input.monthlyAmount, '/monthlyAmount', errors);
  period(input.startDate, input.endDate, errors);
  if (errors.length > 0) throw problems.invalidMany(errors);
  return ctx.db.transaction(async (tx) => {
    const household = await loadHousehold(tx, ctx, householdId);
    const [row] = await tx
      .insert(socialAidRecords)
      .values({
        householdId,
        organisationId: household.organisationId,
        programme,
        monthlyAmount,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        createdAt: ctx.clock.now(),
      })
      .returning({ id: socialAidRecords.id });
    await audit(tx, ctx, {
      action: 'social-aid.recorded',
      subjectType: 'household',
      subjectId: householdId,
      fields: ['programme', 'monthlyAmount', 'startDate', ...(input.endDate ? ['endDate'] : [])],
    });
    return row!.id;
  });
}

/** Changes a social aid record, or ends it (endDate). */
export async function updateSocialAid(
  ctx: Ctx,
  householdId: string,
  aidId: string,
  patch: Partial<AidInput>,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await loadHousehold(tx, ctx, householdId);
    const [row] = await tx
      .select()
      .from(socialAidRecords)
      .where(and(eq(socialAidRecords.id, aidId), eq(socialAidRecords.householdId, householdId)));
    if (!row) throw problems.notFound();
    const errors: FieldError[] = [];
    const values: Partial<typeof socialAidRecords.$inferInsert> = {};
    if (patch.programme !== undefined) {
      values.programme = patch.programme.trim();
      if (!values.programme) errors.push({ pointer: '/programme', code: 'errors.validation.required' });
    }
    if (patch.monthlyAmount !== undefined) values.monthlyAmount = amount(patch.monthlyAmount, '/monthlyAmount', errors);
    if (patch.startDate !== undefined) values.startDate = patch.startDate;
    if (patch.endDate !== undefined) values.endDate = patch.endDate;
    period(values.startDate ?? row.startDate, values.endDate !== undefined ? values.endDate : row.endDate, errors);
    if (errors.length > 0) throw problems.invalidMany(errors);
    const fields = changedFields(
      { ...row, monthlyAmount: Number(row.monthlyAmount).toFixed(2) },
      values as Record<string, unknown>,
    );
    if (fields.length === 0) return;
    await tx.update(socialAidRecords).set(values).where(eq(socialAidRecords.id, aidId));
    await audit(tx, ctx, { action: 'social-aid.updated', subjectType: 'household', subjectId: householdId, fields });
  });
}

// ---- incomes ----------------------------------------------------------------------------------------------

export interface IncomeInput {
  source: IncomeSource;
  memberId?: string | null | undefined;
  monthlyAmount: number;
  startDate: string;
  endDate?: string | null | undefined;
}

async function checkMember(tx: Db, householdId: string, memberId: string, errors: FieldError[]): Promise<void> {
  const [member] = await tx
    .select({ id: householdMembers.id })
    .from(householdMembers)
    .where(and(eq(householdMembers.id, memberId), eq(householdMembers.householdId, householdId)));
  if (!member) errors.push({ pointer: '/memberId', code: 'errors.households.memberUnknown' });
}

export async function addIncome(ctx: Ctx, householdId: string, input: IncomeInput): Promise<string> {
  return ctx.db.transaction(async (tx) => {
    const household = await loadHousehold(tx, ctx, householdId);
    const errors: FieldError[] = [];
    const monthlyAmount = amount(input.monthlyAmount, '/monthlyAmount', errors);
    period(input.startDate, input.endDate, errors);
    if (input.memberId) await checkMember(tx, householdId, input.memberId, errors);
    if (errors.length > 0) throw problems.invalidMany(errors);
    const [row] = await tx
      .insert(householdIncomes)
      .values({
        householdId,
        organisationId: household.organisationId,
        memberId: input.memberId ?? null,
        source: input.source,
        monthlyAmount,
        startDate: input.startDate,
        endDate: input.endDate ?? null,
        createdAt: ctx.clock.now(),
      })
      .returning({ id: householdIncomes.id });
    await audit(tx, ctx, {
      action: 'household-income.recorded',
      subjectType: 'household',
      subjectId: householdId,
      fields: ['source', 'monthlyAmount', 'startDate', ...(input.memberId ? ['memberId'] : [])],
      purpose: input.source,
    });
    return row!.id;
  });
}

/** Changes an income, or ends it (endDate). */
export async function updateIncome(
  ctx: Ctx,
  householdId: string,
  incomeId: string,
  patch: Partial<IncomeInput>,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await loadHousehold(tx, ctx, householdId);
    const [row] = await tx
      .select()
      .from(householdIncomes)
      .where(and(eq(householdIncomes.id, incomeId), eq(householdIncomes.householdId, householdId)));
    if (!row) throw problems.notFound();
    const errors: FieldError[] = [];
    const values: Partial<typeof householdIncomes.$inferInsert> = {};
    if (patch.source !== undefined) values.source = patch.source;
    if (patch.memberId !== undefined) {
      values.memberId = patch.memberId;
      if (patch.memberId) await checkMember(tx, householdId, patch.memberId, errors);
    }
    if (patch.monthlyAmount !== undefined) values.monthlyAmount = amount(patch.monthlyAmount, '/monthlyAmount', errors);
    if (patch.startDate !== undefined) values.startDate = patch.startDate;
    if (patch.endDate !== undefined) values.endDate = patch.endDate;
    period(values.startDate ?? row.startDate, values.endDate !== undefined ? values.endDate : row.endDate, errors);
    if (errors.length > 0) throw problems.invalidMany(errors);
    const fields = changedFields(
      { ...row, monthlyAmount: Number(row.monthlyAmount).toFixed(2) },
      values as Record<string, unknown>,
    );
    if (fields.length === 0) return;
    await tx.update(householdIncomes).set(values).where(eq(householdIncomes.id, incomeId));
    await audit(tx, ctx, {
      action: 'household-income.recorded',
      subjectType: 'household',
      subjectId: householdId,
      fields,
      purpose: 'changed',
    });
  });
}

/**
 * Moves the household of a person to another office (when their case is transferred), so that the
 * new office keeps seeing it. Call inside the caller's transaction.
 */
export async function moveHouseholdOfPerson(tx: Db, personId: string, officeId: string, now: Date): Promise<void> {
  const [member] = await tx
    .select({ householdId: householdMembers.householdId })
    .from(householdMembers)
    .where(eq(householdMembers.personId, personId));
  if (member)
    await tx.update(households).set({ officeId, updatedAt: now }).where(eq(households.id, member.householdId));
}
