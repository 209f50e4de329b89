import { and, asc, count, desc, eq, ilike, inArray, isNull, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  cases,
  consents,
  noticeAcknowledgements,
  offices,
  persons,
  personTargetGroups,
  users,
  workHistory,
  type Constraints,
  type ConsentPurpose,
  type LanguageSkill,
} from '../../../db/schema/index.ts';
import type { TargetGroup } from '../../../../common/enums.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { audit, changedFields } from '../../../lib/audit.ts';
import { recordRectification } from '../../referrals/index.ts';
import { ProblemError, problems, type FieldError } from '../../../lib/errors.ts';
import { scopeOf } from '../../../lib/access.ts';
import { blindIndex, blindIndexes, decrypt, encrypt } from '../../../lib/crypto.ts';
import { findDistrict, findProvince } from '../../../lib/geography.ts';
import { searchKey } from '../../../../common/text.ts';
import { isValidIdNumber, maskIdNumber, normaliseIdNumber, type IdKind } from '../../../../common/identity-number.ts';
import { normaliseEmail, normalisePhone } from '../../../../common/contact.ts';
import { turkishDate } from '../../../../common/working-days.ts';
import {
  ageOn,
  INFORMAL_WORK_KINDS,
  isSpecialConsentPurpose,
  MIN_DISABILITY_PERCENT,
  MIN_REGISTRATION_AGE,
  REFUGEE_STATUSES,
  SPECIAL_GROUPS,
} from '../../../../common/people.ts';
import type { Locale } from '../../../../common/locales.ts';
import {
  codePersonInput,
  iscoFilter,
  refreshIscoGroups,
  type CodedPersonFields,
  type WorkCode,
} from './occupation-codes.service.ts';
import { containsPattern } from '../../../lib/search.ts';

type PersonRow = typeof persons.$inferSelect;
type Channel = 'in-person' | 'phone' | 'online' | 'paper';

export interface TargetGroupInput {
  group: TargetGroup;
  details?: Record<string, unknown> | undefined;
}

export interface WorkInput {
  occupation: string;
  employer?: string | null | undefined;
  startDate?: string | null | undefined;
  endDate?: string | null | undefined;
  registered: boolean;
  /** The ISCO-08 unit group chosen in the autocomplete; without it the title is linked automatically. */
  iscoCode?: string | null | undefined;
}

export interface PersonFields {
  givenName: string;
  familyName: string;
  idKind?: IdKind | null | undefined;
  idNumber?: string | null | undefined;
  passportCountry?: string | null | undefined;
  birthDate: string;
  sex: 'female' | 'male';
  nationality: string;
  languages?: LanguageSkill[] | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  address?: string | null | undefined;
  province: string;
  district: string;
  iskurRegistered?: boolean | null | undefined;
  iskurNumber?: string | null | undefined;
  iscedLevel?: number | null | undefined;
  iscedField?: string | null | undefined;
  graduationYear?: number | null | undefined;
  skills?: string | null | undefined;
  desiredOccupations?: string[] | undefined;
  constraints?: Constraints | null | undefined;
  targetGroups?: TargetGroupInput[] | undefined;
  workHistory?: WorkInput[] | undefined;
  desiredOccupationCodes?: CodedPersonFields['desiredOccupationCodes'];
  skillIds?: CodedPersonFields['skillIds'];
  licences?: CodedPersonFields['licences'];
  certificates?: CodedPersonFields['certificates'];
}

export interface ConsentInput {
  purpose: ConsentPurpose;
  partner?: string | null | undefined;
  textVersion: string;
  channel: Channel;
}

export interface PersonCreate extends PersonFields {
  officeId?: string | null | undefined;
  notice: { version: string; locale: Locale; channel: Channel };
  consents?: ConsentInput[] | undefined;
  /** Set after the counsellor has looked at the likely duplicates and decided this is someone else. */
  confirmNotDuplicate?: boolean | undefined;
}

export function canReadSpecial(ctx: Ctx): boolean {
  return ctx.actor?.permissions.has('special-category:read') ?? false;
}

const isSpecial = (group: string) => (SPECIAL_GROUPS as readonly string[]).includes(group);

function today(ctx: Ctx): string {
  return turkishDate(ctx.clock.now());
}

// ---- validation ------------------------------------------------------------------------------------

export interface Normalised {
  values: Partial<typeof persons.$inferInsert>;
  groups: { group: TargetGroup; details: Record<string, unknown>; detailsEnc: string | null }[] | undefined;
  work: WorkInput[] | undefined;
  idIndex: string | null | undefined;
}

function pick(details: Record<string, unknown> | undefined, key: string): unknown {
  return details?.[key];
}

/**
 * Checks the rules of RULES.md and DATA-PROTECTION.md that a schema cannot express, collecting every
 * failure with its JSON pointer. Returns column values, ready to store.
 */
export function normalisePersonFields(ctx: Ctx, input: Partial<PersonFields>, existing: PersonRow | null): Normalised {
  const errors: FieldError[] = [];
  const values: Partial<typeof persons.$inferInsert> = {};
  const now = today(ctx);

  if (input.givenName !== undefined) values.givenName = input.givenName.trim();
  if (input.familyName !== undefined) values.familyName = input.familyName.trim();
  if (input.givenName !== undefined || input.familyName !== undefined) {
    values.nameKey = searchKey(
      `${values.givenName ?? existing?.givenName ?? ''} ${values.familyName ?? existing?.familyName ?? ''}`,
    );
  }

  let idIndex: string | null | undefined;
  if (input.idKind !== undefined || input.idNumber !== undefined) {
    const kind = input.idKind ?? null;
    const raw = input.idNumber ?? null;
    if (kind && !raw) errors.push({ pointer: '/idNumber', code: 'errors.validation.required' });
    else if (!kind && raw) errors.push({ pointer: '/idKind', code: 'errors.validation.required' });
    else if (kind && raw) {
      const number = normaliseIdNumber(kind, raw);
      if (!isValidIdNumber(kind, number)) {
        errors.push({ pointer: '/idNumber', code: `errors.persons.idNumberInvalid.${kind}` });
      } else {
        values.idKind = kind;
        values.idNumberEnc = encrypt(number, ctx.config.dataKey);
        values.idNumberMasked = maskIdNumber(number);
        idIndex = blindIndex(`${kind}:${number}`, ctx.config.indexKey);
        values.idNumberIndex = idIndex;
        if (kind === 'passport') {
          const country = input.passportCountry?.toUpperCase() ?? null;
          if (!country) errors.push({ pointer: '/passportCountry', code: 'errors.validation.required' });
          values.passportCountry = country;
        } else values.passportCountry = null;
      }
    } else {
      Object.assign(values, {
        idKind: null,
        idNumberEnc: null,
        idNumberMasked: null,
        idNumberIndex: null,
        passportCountry: null,
      });
      idIndex = null;
    }
  }

  if (input.birthDate !== undefined) {
    if (input.birthDate > now) errors.push({ pointer: '/birthDate', code: 'errors.persons.birthDateFuture' });
    else if (ageOn(input.birthDate, now) < MIN_REGISTRATION_AGE) {
      errors.push({ pointer: '/birthDate', code: 'errors.persons.tooYoung', params: { age: MIN_REGISTRATION_AGE } });
    } else if (ageOn(input.birthDate, now) > 100)
      errors.push({ pointer: '/birthDate', code: 'errors.persons.birthDateImplausible' });
    values.birthDate = input.birthDate;
  }
  if (input.sex !== undefined) values.sex = input.sex;
  if (input.nationality !== undefined) values.nationality = input.nationality.toUpperCase();
  if (input.languages !== undefined)
    values.languages = input.languages.map((l) => ({ code: l.code.toLowerCase(), level: l.level }));

  if (input.phone !== undefined) {
    if (input.phone) {
      const phone = normalisePhone(input.phone);
      if (!phone) errors.push({ pointer: '/phone', code: 'errors.validation.format.phone' });
      values.phone = phone;
    } else values.phone = null;
  }
  if (input.email !== undefined) values.email = input.email ? normaliseEmail(input.email) : null;
  if (input.address !== undefined) values.address = input.address?.trim() || null;

  if (input.province !== undefined || input.district !== undefined) {
    const provinceName = input.province ?? existing?.province ?? '';
    const province = findProvince(provinceName);
    if (!province) errors.push({ pointer: '/province', code: 'errors.persons.provinceUnknown' });
    else {
      values.province = province.name;
      const district = findDistrict(province.name, input.district ?? existing?.district ?? '');
      if (!district)
        errors.push({
          pointer: '/district',
          code: 'errors.persons.districtUnknown',
          params: { province: province.name },
        });
      else values.district = district;
    }
  }

  if (input.iskurRegistered !== undefined) values.iskurRegistered = input.iskurRegistered;
  if (input.iskurNumber !== undefined) values.iskurNumber = input.iskurNumber?.trim() || null;
  if (input.iscedLevel !== undefined) values.iscedLevel = input.iscedLevel;
  if (input.iscedField !== undefined) values.iscedField = input.iscedField || null;
  if (input.graduationYear !== undefined) {
    const birthYear = Number((input.birthDate ?? existing?.birthDate ?? '1900').slice(0, 4));
    if (
      input.graduationYear !== null &&
      (input.graduationYear < birthYear + 5 || input.graduationYear > Number(now.slice(0, 4)) + 1)
    ) {
      errors.push({ pointer: '/graduationYear', code: 'errors.persons.graduationYearImplausible' });
    }
    values.graduationYear = input.graduationYear;
  }
  if (input.skills !== undefined) values.skills = input.skills?.trim() || null;
  if (input.desiredOccupations !== undefined) {
    const list = [...new Set(input.desiredOccupations.map((o) => o.trim()).filter(Boolean))];
    values.desiredOccupations = list;
    values.occupationKeys = list.map((o) => searchKey(o)).join(' | ');
  }
  if (input.constraints !== undefined) {
    const c = input.constraints;
    if (c) {
      c.districts.forEach((d, i) => {
        const province = input.province ?? existing?.province ?? '';
        if (!findDistrict(province, d))
          errors.push({
            pointer: `/constraints/districts/${i}`,
            code: 'errors.persons.districtUnknown',
            params: { province },
          });
      });
    }
    values.constraints = c ?? null;
  }

  let groups: Normalised['groups'];
  if (input.targetGroups !== undefined) {
    groups = [];
    const seen = new Set<string>();
    input.targetGroups.forEach((g, i) => {
      const base = `/targetGroups/${i}`;
      if (seen.has(g.group)) errors.push({ pointer: `${base}/group`, code: 'errors.validation.uniqueItems' });
      seen.add(g.group);
      const d = g.details ?? {};
      let clear: Record<string, unknown> = {};
      let secret: Record<string, unknown> | null = null;
      switch (g.group) {
        case 'woman-care': {
          const n = pick(d, 'childrenUnder6');
          if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 15) {
            errors.push({ pointer: `${base}/details/childrenUnder6`, code: 'errors.validation.invalid' });
          }
          clear = { childrenUnder6: n };
          break;
        }
        case 'refugee': {
          const status = pick(d, 'status');
          if (!(REFUGEE_STATUSES as readonly unknown[]).includes(status)) {
            errors.push({ pointer: `${base}/details/status`, code: 'errors.validation.enum' });
          }
          const regProvince = pick(d, 'registrationProvince');
          const province = typeof regProvince === 'string' ? findProvince(regProvince) : null;
          if (status === 'temporary-protection' && !province) {
            errors.push({ pointer: `${base}/details/registrationProvince`, code: 'errors.persons.provinceUnknown' });
          }
          const regDate = pick(d, 'registrationDate');
          if (
            regDate !== undefined &&
            regDate !== null &&
            (typeof regDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(regDate) || regDate > now)
          ) {
            errors.push({ pointer: `${base}/details/registrationDate`, code: 'errors.validation.format.date' });
          }
          secret = {
            status,
            registrationProvince: province?.name ?? null,
            registrationDate: regDate ?? null,
          };
          break;
        }
        case 'disability': {
          const percent = pick(d, 'reportPercentage');
          if (typeof percent !== 'number' || percent < MIN_DISABILITY_PERCENT || percent > 100) {
            errors.push({
              pointer: `${base}/details/reportPercentage`,
              code: 'errors.persons.disabilityPercentage',
              params: { min: MIN_DISABILITY_PERCENT },
            });
          }
          const needs = pick(d, 'accessibilityNeeds');
          secret = {
            reportPercentage: percent,
            reportDate: pick(d, 'reportDate') ?? null,
            accessibilityNeeds: typeof needs === 'string' ? needs.slice(0, 1000) : null,
          };
          break;
        }
        case 'roma':
          // Self-identification only, with explicit consent (checked by the caller against consents).
          secret = { selfIdentified: true };
          break;
        case 'informal-worker': {
          const kind = pick(d, 'kind');
          if (!(INFORMAL_WORK_KINDS as readonly unknown[]).includes(kind)) {
            errors.push({ pointer: `${base}/details/kind`, code: 'errors.validation.enum' });
          }
          clear = { kind };
          break;
        }
        case 'long-term-unemployed': {
          const months = pick(d, 'unemployedMonths');
          if (months !== undefined && (typeof months !== 'number' || months < 12 || months > 600)) {
            errors.push({ pointer: `${base}/details/unemployedMonths`, code: 'errors.persons.longTermMonths' });
          }
          clear = months === undefined ? {} : { unemployedMonths: months };
          break;
        }
        case 'neet':
        case 'social-aid':
          break;
      }
      groups!.push({
        group: g.group,
        details: clear,
        detailsEnc: secret ? encrypt(JSON.stringify(secret), ctx.config.dataKey) : null,
      });
    });
  }

  let work: WorkInput[] | undefined;
  if (input.workHistory !== undefined) {
    input.workHistory.forEach((w, i) => {
      if (w.startDate && w.endDate && w.endDate < w.startDate) {
        errors.push({ pointer: `/workHistory/${i}/endDate`, code: 'errors.persons.endBeforeStart' });
      }
      if (w.startDate && w.startDate > now)
        errors.push({ pointer: `/workHistory/${i}/startDate`, code: 'errors.persons.dateFuture' });
    });
    work = input.workHistory;
  }

  if (errors.length > 0) throw problems.invalidMany(errors);
  return { values, groups, work, idIndex };
}

// ---- duplicates --------------------------------------------------------------------------------------

export interface DuplicateCandidate {
  id: string;
  officeId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  district: string;
  idNumberMasked: string | null;
  reasons: ('same-name-and-birth-date' | 'similar-name-and-birth-date' | 'same-phone')[];
}

/**
 * Likely duplicates in the organisation: a name similar after Turkish case and diacritic folding
 * (trigram similarity) with the same birth date, or the same phone number. No access check: callers
 * show only what the actor's scope allows.
 */
export async function findLikelyDuplicates(
  db: Db,
  organisationId: string,
  probe: { nameKey: string; birthDate: string; phone: string | null },
  exceptId?: string,
): Promise<DuplicateCandidate[]> {
  const conditions: SQL[] = [
    and(eq(persons.birthDate, probe.birthDate), sql`similarity(${persons.nameKey}, ${probe.nameKey}) >= 0.45`)!,
  ];
  if (probe.phone) conditions.push(eq(persons.phone, probe.phone));
  const rows = await db
    .select()
    .from(persons)
    .where(
      and(
        eq(persons.organisationId, organisationId),
        isNull(persons.mergedIntoId),
        or(...conditions),
        exceptId ? ne(persons.id, exceptId) : undefined,
      ),
    )
    .limit(10);
  return rows
    .map((r) => {
      const reasons: DuplicateCandidate['reasons'] = [];
      if (r.birthDate === probe.birthDate)
        reasons.push(r.nameKey === probe.nameKey ? 'same-name-and-birth-date' : 'similar-name-and-birth-date');
      if (probe.phone && r.phone === probe.phone) reasons.push('same-phone');
      return {
        id: r.id,
        officeId: r.officeId,
        givenName: r.givenName,
        familyName: r.familyName,
        birthDate: r.birthDate,
        district: r.district,
        idNumberMasked: r.idNumberMasked,
        reasons,
      };
    })
    .filter((c) => c.reasons.length > 0);
}

type ElsewhereReason = DuplicateCandidate['reasons'][number] | 'same-id-number';

/**
 * Before saving a person: is the ID number taken, and who looks like the same person? Records the
 * actor may open are described; a record in an office outside the actor's scope is only named by its
 * office — whom to ask — never by its person's id, name, birth date or ID number.
 */
export async function checkDuplicates(
  ctx: Ctx,
  input: {
    givenName: string;
    familyName: string;
    birthDate: string;
    phone?: string | null | undefined;
    idKind?: IdKind | null;
    idNumber?: string | null;
    exceptId?: string | undefined;
  },
) {
  const scope = scopeOf(actorOf(ctx));
  const organisationId = scope.organisationId;
  const visible = (officeId: string) => scope.officeId === null || scope.officeId === officeId;
  const elsewhere = new Map<string, Set<ElsewhereReason>>();
  const addElsewhere = (officeId: string, reasons: readonly ElsewhereReason[]) => {
    const set = elsewhere.get(officeId) ?? new Set<ElsewhereReason>();
    for (const r of reasons) set.add(r);
    elsewhere.set(officeId, set);
  };
  let sameIdNumber = false;
  if (input.idKind && input.idNumber) {
    const number = normaliseIdNumber(input.idKind, input.idNumber);
    const index = blindIndexes(`${input.idKind}:${number}`, ctx.config);
    const [row] = await ctx.db
      .select({ id: persons.id, officeId: persons.officeId })
      .from(persons)
      .where(and(eq(persons.organisationId, organisationId), inArray(persons.idNumberIndex, index)));
    sameIdNumber = !!row && row.id !== input.exceptId;
    if (row && sameIdNumber && !visible(row.officeId)) addElsewhere(row.officeId, ['same-id-number']);
  }
  const phone = input.phone ? normalisePhone(input.phone) : null;
  const found = await findLikelyDuplicates(
    ctx.db,
    organisationId,
    { nameKey: searchKey(`${input.givenName} ${input.familyName}`), birthDate: input.birthDate, phone },
    input.exceptId,
  );
  const candidates = found.filter((c) => visible(c.officeId)).map(({ officeId: _officeId, ...candidate }) => candidate);
  for (const c of found) if (!visible(c.officeId)) addElsewhere(c.officeId, c.reasons);
  const officeRows = elsewhere.size
    ? await ctx.db
        .select({ id: offices.id, name: offices.name, phone: offices.phone })
        .from(offices)
        .where(and(eq(offices.organisationId, organisationId), inArray(offices.id, [...elsewhere.keys()])))
    : [];
  return {
    sameIdNumber,
    candidates,
    elsewhere: officeRows.map((o) => ({
      office: { id: o.id, name: o.name, phone: o.phone },
      reasons: [...elsewhere.get(o.id)!].sort(),
    })),
  };
}

// ---- create, read, update ------------------------------------------------------------------------

async function assertOfficeInScope(db: Db, ctx: Ctx, officeId: string): Promise<void> {
  const scope = scopeOf(actorOf(ctx));
  const [office] = await db
    .select({ id: offices.id })
    .from(offices)
    .where(and(eq(offices.id, officeId), eq(offices.organisationId, scope.organisationId)));
  if (!office || (scope.officeId && scope.officeId !== officeId))
    throw problems.invalid('/officeId', 'errors.users.officeUnknown');
}

export async function createPerson(ctx: Ctx, input: PersonCreate): Promise<string> {
  const actor = actorOf(ctx);
  const officeId = input.officeId ?? actor.officeId;
  if (!officeId) throw problems.invalid('/officeId', 'errors.validation.required');
  const { values, groups, work, idIndex } = normalisePersonFields(ctx, input, null);
  const coded = await codePersonInput(ctx.db, input, null);
  Object.assign(values, coded.values);
  const consentsIn = input.consents ?? [];
  const hasRomaConsent = consentsIn.some((c) => c.purpose === 'roma-self-identification');
  const romaIndex = (input.targetGroups ?? []).findIndex((g) => g.group === 'roma');
  if (romaIndex >= 0 && !hasRomaConsent) {
    throw problems.invalid(`/targetGroups/${romaIndex}/group`, 'errors.persons.romaNeedsConsent');
  }
  const seenPurposes = new Set<string>();
  consentsIn.forEach((c, i) => {
    const key = `${c.purpose}:${c.partner ?? ''}`;
    if (seenPurposes.has(key)) throw problems.invalid(`/consents/${i}/purpose`, 'errors.validation.uniqueItems');
    seenPurposes.add(key);
    if (isSpecialConsentPurpose(c.purpose) && !canReadSpecial(ctx))
      throw problems.invalid(`/consents/${i}/purpose`, 'errors.persons.specialNotAllowed');
    if (c.purpose === 'share-with-partners' && !c.partner)
      throw problems.invalid(`/consents/${i}/partner`, 'errors.validation.required');
  });
  const specialGroup = (input.targetGroups ?? []).findIndex((g) => isSpecial(g.group));
  if (specialGroup >= 0 && !canReadSpecial(ctx))
    throw problems.invalid(`/targetGroups/${specialGroup}/group`, 'errors.persons.specialNotAllowed');

  return ctx.db.transaction(async (tx) => {
    await assertOfficeInScope(tx, ctx, officeId);
    if (idIndex) {
      const [same] = await tx
        .select({ id: persons.id })
        .from(persons)
        .where(and(eq(persons.organisationId, actor.organisationId), eq(persons.idNumberIndex, idIndex)));
      if (same) throw problems.conflict('errors.persons.idNumberTaken', '/idNumber');
    }
    if (!input.confirmNotDuplicate) {
      const candidates = await findLikelyDuplicates(tx, actor.organisationId, {
        nameKey: values.nameKey!,
        birthDate: values.birthDate!,
        phone: values.phone ?? null,
      });
      if (candidates.length > 0) {
        throw new ProblemError(409, 'errors.persons.likelyDuplicate', {
          errors: [{ pointer: '/confirmNotDuplicate', code: 'errors.persons.likelyDuplicate' }],
          params: { count: candidates.length },
        });
      }
    }
    const now = ctx.clock.now();
    const [person] = await tx
      .insert(persons)
      .values({
        ...(values as typeof persons.$inferInsert),
        organisationId: actor.organisationId,
        officeId,
        registration: 'confirmed',
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const id = person!.id;
    await writeGroups(tx, ctx, id, groups ?? []);
    await writeWork(tx, ctx, id, work ?? [], coded.workCodes);
    await refreshIscoGroups(tx, actor.organisationId, [id]);
    await tx.insert(noticeAcknowledgements).values({
      personId: id,
      organisationId: actor.organisationId,
      noticeVersion: input.notice.version,
      locale: input.notice.locale,
      channel: input.notice.channel,
      recordedBy: actor.userId,
      acknowledgedAt: now,
    });
    for (const c of consentsIn) {
      await tx.insert(consents).values({
        personId: id,
        organisationId: actor.organisationId,
        purpose: c.purpose,
        partner: c.partner ?? null,
        textVersion: c.textVersion,
        channel: c.channel,
        grantedAt: now,
        recordedBy: actor.userId,
      });
    }
    const [caseRow] = await tx
      .insert(cases)
      .values({
        organisationId: actor.organisationId,
        personId: id,
        officeId,
        counsellorId: actor.kind === 'staff' && actor.permissions.has('cases:write') ? actor.userId : null,
        status: 'new',
        openedAt: now,
      })
      .returning({ id: cases.id });
    await audit(tx, ctx, {
      action: 'person.created',
      subjectType: 'person',
      subjectId: id,
      fields: Object.keys(values).filter(
        (k) => !['nameKey', 'idNumberEnc', 'idNumberIndex', 'idNumberMasked', 'occupationKeys'].includes(k),
      ),
    });
    await audit(tx, ctx, {
      action: 'notice.acknowledged',
      subjectType: 'person',
      subjectId: id,
      purpose: input.notice.version,
    });
    for (const c of consentsIn)
      await audit(tx, ctx, { action: 'consent.granted', subjectType: 'person', subjectId: id, purpose: c.purpose });
    await audit(tx, ctx, { action: 'case.opened', subjectType: 'case', subjectId: caseRow!.id });
    return id;
  });
}

async function writeGroups(tx: Db, ctx: Ctx, personId: string, groups: NonNullable<Normalised['groups']>) {
  if (groups.length === 0) return;
  await tx.insert(personTargetGroups).values(
    groups.map((g) => ({
      personId,
      organisationId: actorOf(ctx).organisationId,
      group: g.group,
      details: g.details,
      detailsEnc: g.detailsEnc,
      recordedBy: actorOf(ctx).userId,
      recordedAt: ctx.clock.now(),
    })),
  );
}

async function writeWork(tx: Db, ctx: Ctx, personId: string, work: WorkInput[], codes?: WorkCode[]) {
  if (work.length === 0) return;
  await tx.insert(workHistory).values(
    work.map((w, i) => ({
      ...(codes?.[i] ?? {}),
      personId,
      organisationId: actorOf(ctx).organisationId,
      occupation: w.occupation.trim(),
      employer: w.employer?.trim() || null,
      startDate: w.startDate ?? null,
      endDate: w.endDate ?? null,
      registered: w.registered,
    })),
  );
}

/** Loads a person the actor may see (organisation, and office unless they see all offices), or 404. */
export async function loadPerson(db: Db, ctx: Ctx, id: string): Promise<PersonRow> {
  const scope = scopeOf(actorOf(ctx));
  const [row] = await db
    .select()
    .from(persons)
    .where(
      and(
        eq(persons.id, id),
        eq(persons.organisationId, scope.organisationId),
        scope.officeId ? eq(persons.officeId, scope.officeId) : undefined,
      ),
    );
  if (!row) throw problems.notFound();
  return row;
}

export async function getPerson(ctx: Ctx, id: string) {
  const person = await loadPerson(ctx.db, ctx, id);
  const special = canReadSpecial(ctx);
  const [groups, work, [office], [openCase]] = await Promise.all([
    ctx.db
      .select()
      .from(personTargetGroups)
      .where(eq(personTargetGroups.personId, id))
      .orderBy(asc(personTargetGroups.group)),
    ctx.db.select().from(workHistory).where(eq(workHistory.personId, id)).orderBy(desc(workHistory.startDate)),
    ctx.db.select({ id: offices.id, name: offices.name }).from(offices).where(eq(offices.id, person.officeId)),
    ctx.db
      .select({
        id: cases.id,
        status: cases.status,
        counsellorId: cases.counsellorId,
        counsellorName: users.fullName,
        openedAt: cases.openedAt,
      })
      .from(cases)
      .leftJoin(users, eq(users.id, cases.counsellorId))
      .where(and(eq(cases.personId, id), ne(cases.status, 'closed'))),
  ]);
  const visibleGroups = groups.filter((g) => special || !isSpecial(g.group));
  const readsSpecial = visibleGroups.some((g) => g.detailsEnc && isSpecial(g.group));
  if (readsSpecial) {
    await audit(ctx.db, ctx, {
      action: 'person.special-category-read',
      subjectType: 'person',
      subjectId: id,
      purpose: 'profile',
    });
  }
  const now = today(ctx);
  return {
    id: person.id,
    givenName: person.givenName,
    familyName: person.familyName,
    idKind: person.idKind,
    idNumberMasked: person.idNumberMasked,
    passportCountry: person.passportCountry,
    birthDate: person.birthDate,
    age: ageOn(person.birthDate, now),
    sex: person.sex,
    nationality: person.nationality,
    languages: person.languages,
    phone: person.phone,
    email: person.email,
    address: person.address,
    province: person.province,
    district: person.district,
    iskurRegistered: person.iskurRegistered,
    iskurNumber: person.iskurNumber,
    iscedLevel: person.iscedLevel,
    iscedField: person.iscedField,
    graduationYear: person.graduationYear,
    skills: person.skills,
    desiredOccupations: person.desiredOccupations,
    desiredOccupationCodes: (person.occupationLinks ?? []).map((l) => ({
      title: l.title,
      iscoCode: l.iscoCode,
      status: l.status,
    })),
    skillIds: person.skillIds,
    licences: person.licences,
    certificates: person.certificates,
    constraints: person.constraints,
    targetGroups: visibleGroups.map((g) => ({
      group: g.group,
      details: {
        ...g.details,
        ...(g.detailsEnc ? (JSON.parse(decrypt(g.detailsEnc, ctx.config)) as Record<string, unknown>) : {}),
      },
    })),
    workHistory: work.map((w) => ({
      id: w.id,
      occupation: w.occupation,
      employer: w.employer,
      startDate: w.startDate,
      endDate: w.endDate,
      registered: w.registered,
      iscoCode: w.iscoCode,
      iscoStatus: w.iscoStatus,
    })),
    office: office ?? { id: person.officeId, name: '' },
    case: openCase
      ? {
          id: openCase.id,
          status: openCase.status,
          counsellor: openCase.counsellorId ? { id: openCase.counsellorId, name: openCase.counsellorName ?? '' } : null,
          openedAt: openCase.openedAt.toISOString(),
        }
      : null,
    registration: person.registration,
    createdAt: person.createdAt.toISOString(),
    updatedAt: person.updatedAt.toISOString(),
  };
}
export type PersonView = Awaited<ReturnType<typeof getPerson>>;

export async function updatePerson(ctx: Ctx, id: string, patch: Partial<PersonFields>): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const person = await loadPerson(tx, ctx, id);
    const special = canReadSpecial(ctx);
    if (patch.targetGroups) {
      const bad = patch.targetGroups.findIndex((g) => isSpecial(g.group));
      if (bad >= 0 && !special)
        throw problems.invalid(`/targetGroups/${bad}/group`, 'errors.persons.specialNotAllowed');
    }
    const { values, groups, work, idIndex } = normalisePersonFields(ctx, patch, person);
    const coded = await codePersonInput(tx, patch, person);
    Object.assign(values, coded.values);
    if (idIndex) {
      const [same] = await tx
        .select({ id: persons.id })
        .from(persons)
        .where(
          and(
            eq(persons.organisationId, person.organisationId),
            eq(persons.idNumberIndex, idIndex),
            ne(persons.id, id),
          ),
        );
      if (same) throw problems.conflict('errors.persons.idNumberTaken', '/idNumber');
    }
    const fields = changedFields(
      person as unknown as Record<string, unknown>,
      values as Record<string, unknown>,
    ).filter((k) => !['nameKey', 'idNumberEnc', 'idNumberMasked', 'occupationKeys'].includes(k));
    if (fields.includes('idNumberIndex')) fields.splice(fields.indexOf('idNumberIndex'), 1, 'idNumber');
    if (groups) {
      const current = await tx.select().from(personTargetGroups).where(eq(personTargetGroups.personId, id));
      // A caller who cannot see special groups cannot change them either: keep those rows as they are.
      const keep = special ? [] : current.filter((g) => isSpecial(g.group)).map((g) => g.group);
      const roma = groups.find((g) => g.group === 'roma');
      if (roma && !current.some((g) => g.group === 'roma')) {
        const [c] = await tx
          .select({ id: consents.id })
          .from(consents)
          .where(
            and(
              eq(consents.personId, id),
              eq(consents.purpose, 'roma-self-identification'),
              isNull(consents.withdrawnAt),
            ),
          );
        if (!c)
          throw problems.invalid(
            `/targetGroups/${patch.targetGroups!.findIndex((g) => g.group === 'roma')}/group`,
            'errors.persons.romaNeedsConsent',
          );
      }
      // (drizzle expands a JS array parameter into a row, `<> ALL(($1, $2))`, which PostgreSQL
      // refuses: this was issue 8 item 10's 500. notInArray binds each value.)
      await tx
        .delete(personTargetGroups)
        .where(
          and(
            eq(personTargetGroups.personId, id),
            keep.length ? notInArray(personTargetGroups.group, keep) : undefined,
          ),
        );
      await writeGroups(
        tx,
        ctx,
        id,
        groups.filter((g) => !keep.includes(g.group)),
      );
      fields.push('targetGroups');
    }
    if (work) {
      const codedWork = work.map((w, i) => ({ ...w, iscoCode: coded.workCodes?.[i]?.iscoCode ?? null }));
      const before = await tx.select().from(workHistory).where(eq(workHistory.personId, id));
      const key = (w: {
        occupation: string;
        employer?: string | null;
        startDate?: string | null;
        endDate?: string | null;
        iscoCode?: string | null;
      }) =>
        JSON.stringify([
          w.occupation.trim(),
          w.employer?.trim() || null,
          w.startDate ?? null,
          w.endDate ?? null,
          w.iscoCode ?? null,
        ]);
      const same =
        before.length === codedWork.length &&
        JSON.stringify(before.map(key).sort()) === JSON.stringify(codedWork.map(key).sort()) &&
        before.every((b) => codedWork.some((w) => key(w) === key(b) && w.registered === b.registered));
      await tx.delete(workHistory).where(eq(workHistory.personId, id));
      await writeWork(tx, ctx, id, codedWork, coded.workCodes);
      // Saved again unchanged, the history is not a change (nor a correction to pass on).
      if (!same) fields.push('workHistory');
    }
    if (fields.length === 0) return;
    if (Object.keys(values).length > 0)
      await tx
        .update(persons)
        .set({ ...values, updatedAt: ctx.clock.now() })
        .where(eq(persons.id, id));
    if (values.occupationLinks || work) await refreshIscoGroups(tx, person.organisationId, [id]);
    await audit(tx, ctx, { action: 'person.updated', subjectType: 'person', subjectId: id, fields });
    // Employers that already received the profile are owed the correction: the referrals module,
    // which keeps the disclosure log, records it for each of them.
    await recordRectification({ ...ctx, db: tx }, id, fields);
  });
}

/** The full ID number, for a stated purpose; needs `id-number:reveal` and is audited. */
export async function revealIdNumber(
  ctx: Ctx,
  id: string,
  purpose: string,
): Promise<{ idKind: IdKind | null; idNumber: string | null }> {
  return ctx.db.transaction(async (tx) => {
    const person = await loadPerson(tx, ctx, id);
    await audit(tx, ctx, { action: 'person.id-number-revealed', subjectType: 'person', subjectId: id, purpose });
    return {
      idKind: person.idKind,
      idNumber: person.idNumberEnc ? decrypt(person.idNumberEnc, ctx.config) : null,
    };
  });
}

// ---- lists and search ----------------------------------------------------------------------------

export interface PersonFilter {
  q?: string | undefined;
  officeId?: string | undefined;
  counsellorId?: string | undefined;
  group?: TargetGroup | undefined;
  caseStatus?: string | undefined;
  district?: string | undefined;
  occupation?: string | undefined;
  /** An ISCO-08 group of any level (1–4 digits): persons with a desired occupation or work history under it. */
  isco?: string | undefined;
  registration?: 'confirmed' | 'pending' | undefined;
  sort?: 'name' | '-name' | 'created' | '-created' | 'birthDate' | '-birthDate' | undefined;
  page: number;
  pageSize: number;
}

/**
 * Searches by name (any case, with or without Turkish letters), ID number, or phone, with filters.
 * `pointerBase` is where the filters came from, for the pointer of a refused one: `/querystring` for
 * the list, `` (the body) for the search.
 */
export async function listPersons(ctx: Ctx, filter: PersonFilter, pointerBase: '/querystring' | '' = '') {
  const scope = scopeOf(actorOf(ctx));
  const special = canReadSpecial(ctx);
  // Records merged into another are kept for history but no longer listed.
  const conditions: SQL[] = [eq(persons.organisationId, scope.organisationId), isNull(persons.mergedIntoId)];
  if (scope.officeId) conditions.push(eq(persons.officeId, scope.officeId));
  let rankByName: SQL | null = null;
  let byName: { key: string; like: string; words: SQL } | null = null;
  const q = filter.q?.trim();
  if (q) {
    const digits = q.replace(/[\s-]/g, '');
    const phone = normalisePhone(q);
    // What the words are: an ID number is 11 digits and never starts with 0 (RULES.md), so
    // "0532 555 12 34" is a phone; so are "+90 532 555 12 34", "5325551234" and "0(532) 555-1234".
    if (/^[1-9]\d{10}$/.test(digits)) {
      const kind = digits.startsWith('99') ? 'ykn' : 'tckn';
      conditions.push(inArray(persons.idNumberIndex, blindIndexes(`${kind}:${digits}`, ctx.config)));
    } else if (phone && /^\+?[\d\s().-]{10,}$/.test(q)) {
      conditions.push(eq(persons.phone, phone));
    } else if (/^[A-Za-z]{1,3}\d{5,}$/.test(digits)) {
      conditions.push(inArray(persons.idNumberIndex, blindIndexes(`passport:${digits.toUpperCase()}`, ctx.config)));
    } else {
      const key = searchKey(q);
      if (key) {
        const like = containsPattern(key);
        // Every word of the query must appear; trigram similarity catches small typos when the words
        // alone find less than a page (below, once the other filters are known).
        const words = and(...key.split(' ').map((w) => ilike(persons.nameKey, containsPattern(w))))!;
        byName = { key, like, words };
        rankByName = sql`(${persons.nameKey} LIKE ${like})::int DESC, similarity(${persons.nameKey}, ${key}) DESC`;
      }
    }
  }
  if (filter.officeId) conditions.push(eq(persons.officeId, filter.officeId));
  if (filter.district) conditions.push(eq(persons.district, filter.district));
  if (filter.registration) conditions.push(eq(persons.registration, filter.registration));
  if (filter.occupation) {
    const key = searchKey(filter.occupation);
    conditions.push(ilike(persons.occupationKeys, containsPattern(key)));
  }
  if (filter.isco) conditions.push(iscoFilter(filter.isco));
  if (filter.group) {
    if (isSpecial(filter.group) && !special)
      throw problems.invalid(`${pointerBase}/group`, 'errors.persons.specialNotAllowed');
    conditions.push(
      inArray(
        persons.id,
        ctx.db
          .select({ id: personTargetGroups.personId })
          .from(personTargetGroups)
          .where(eq(personTargetGroups.group, filter.group)),
      ),
    );
  }
  if (filter.counsellorId || filter.caseStatus) {
    const caseConditions: SQL[] = [eq(cases.organisationId, scope.organisationId)];
    if (filter.counsellorId)
      caseConditions.push(eq(cases.counsellorId, filter.counsellorId), ne(cases.status, 'closed'));
    if (filter.caseStatus) caseConditions.push(eq(cases.status, filter.caseStatus as 'new'));
    conditions.push(
      inArray(
        persons.id,
        ctx.db
          .select({ id: cases.personId })
          .from(cases)
          .where(and(...caseConditions)),
      ),
    );
  }
  let where = and(...conditions)!;
  // A name search counts at most NAME_SEARCH.countCap matches (the page says "1,000+"): a common name would
  // otherwise fetch every match from the table only to count it (issue 15, bench/README.md).
  let nameTotal: { total: number; capped: boolean } | null = null;
  let pageWhere = where;
  if (byName) {
    const wordsWhere = and(where, byName.words)!;
    const words = await cappedCount(ctx, wordsWhere);
    // Typo matches (trigram similarity) only when the exact words find less than a page: they are
    // what makes a search slow (tens of thousands of candidates) and mostly noise when the words match.
    const typos = words.total < NAME_SEARCH.typosBelow;
    where = typos ? and(where, or(byName.words, sql`${persons.nameKey} % ${byName.key}`))! : wordsWhere;
    nameTotal = typos ? await cappedCount(ctx, where) : words;
    pageWhere = where;
    // Up to the cap, ranking every match is cheap (the count has just read them); past it, the page is
    // read through the GiST index.
    if (!filter.sort && nameTotal.capped)
      pageWhere = and(where, sql`${persons.id} IN (${bestNameMatches(where, { ...byName, typos }, filter)})`)!;
  }
  const sort = filter.sort ?? 'name';
  const direction = sort.startsWith('-') ? 'DESC' : 'ASC';
  const order = sort.endsWith('name')
    ? [sql.raw(`persons.family_name ${direction}`), sql.raw(`persons.given_name ${direction}`)]
    : sort.endsWith('created')
      ? [sql.raw(`persons.created_at ${direction}`)]
      : [sql.raw(`persons.birth_date ${direction}`)];
  // One round trip (issue 15): the page with each person's office, target groups and open case, and the
  // total as an uncorrelated subquery (computed once). Before, five queries in two steps.
  const totalOf = nameTotal
    ? sql<number>`${nameTotal.total}::int`.mapWith(Number)
    : sql<number>`(SELECT count(*) FROM ${persons} WHERE ${where})`.mapWith(Number);
  const rows = await ctx.db
    .select({
      person: persons,
      officeName: offices.name,
      groups: sql<TargetGroup[] | null>`(
        SELECT json_agg(ptg."group") FROM ${personTargetGroups} ptg WHERE ptg.person_id = ${persons.id}
      )`,
      openCase: sql<{ id: string; status: string; counsellorId: string | null; counsellorName: string | null } | null>`(
        SELECT json_build_object('id', c.id, 'status', c.status, 'counsellorId', c.counsellor_id,
                                 'counsellorName', u.full_name)
        FROM ${cases} c LEFT JOIN ${users} u ON u.id = c.counsellor_id
        WHERE c.person_id = ${persons.id} AND c.organisation_id = ${scope.organisationId} AND c.status <> 'closed'
        LIMIT 1
      )`,
      // A referral is sent only with this consent in force: pickers say so before one is proposed.
      sharesWithEmployers: sql<boolean>`EXISTS (
        SELECT 1 FROM ${consents} k
        WHERE k.person_id = ${persons.id} AND k.purpose = 'share-with-employers' AND k.withdrawn_at IS NULL
      )`,
      total: totalOf,
    })
    .from(persons)
    .leftJoin(offices, and(eq(offices.id, persons.officeId), eq(offices.organisationId, scope.organisationId)))
    .where(pageWhere)
    .orderBy(...(rankByName && !filter.sort ? [rankByName] : []), ...order, asc(persons.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  // A page past the end has no row to carry the total: count alone then (page 1 empty means none).
  const total = nameTotal
    ? nameTotal.total
    : rows.length > 0
      ? rows[0]!.total
      : filter.page > 1
        ? ((await ctx.db.select({ n: count() }).from(persons).where(where))[0]?.n ?? 0)
        : 0;
  if (filter.group && isSpecial(filter.group)) {
    // Membership of a special category is what the list discloses: one event per list request naming
    // the filter (not the persons, not their details), even when it finds no one.
    await audit(ctx.db, ctx, {
      action: 'person.special-category-listed',
      subjectType: 'person',
      subjectId: null,
      purpose: `list-filter:${filter.group}`,
    });
  }
  const now = today(ctx);
  return {
    items: rows.map(({ person: p, officeName, groups, openCase: c, sharesWithEmployers }) => {
      return {
        id: p.id,
        givenName: p.givenName,
        familyName: p.familyName,
        birthDate: p.birthDate,
        age: ageOn(p.birthDate, now),
        sex: p.sex,
        district: p.district,
        phone: p.phone,
        idNumberMasked: p.idNumberMasked,
        office: { id: p.officeId, name: officeName ?? '' },
        case: c
          ? {
              id: c.id,
              status: c.status as (typeof cases.$inferSelect)['status'],
              counsellor: c.counsellorId ? { id: c.counsellorId, name: c.counsellorName ?? '' } : null,
            }
          : null,
        targetGroups: (groups ?? []).filter((g) => special || !isSpecial(g)),
        desiredOccupations: p.desiredOccupations,
        registration: p.registration,
        sharesWithEmployers,
      };
    }),
    total,
    totalCapped: nameTotal?.capped ?? false,
  };
}

/**
 * `countCap`: a name search counts up to this many matches and then says "1,000+" (past it, the page is
 * read through the GiST index). `typosBelow`: trigram-similar names (typos) are searched only when the
 * exact words find fewer persons than this. (Tests lower the cap to walk the index on a few persons.)
 */
export const NAME_SEARCH = { countCap: 1000, typosBelow: 25 };

/** How many rows match, counting at most NAME_SEARCH.countCap (one more, to know whether there are more). */
async function cappedCount(ctx: Ctx, where: SQL): Promise<{ total: number; capped: boolean }> {
  const db = ctx.db;
  const matches = db
    .select({ one: sql`1`.as('one') })
    .from(persons)
    // `where` carries the caller's scope already; named again here so that no count can cross organisations.
    .where(and(eq(persons.organisationId, actorOf(ctx).organisationId), where))
    .limit(NAME_SEARCH.countCap + 1)
    .as('m');
  const [row] = await db.select({ n: count() }).from(matches);
  const n = row?.n ?? 0;
  return { total: Math.min(n, NAME_SEARCH.countCap), capped: n > NAME_SEARCH.countCap };
}

/**
 * The ids that can be on the requested page of a ranked name search, read through the GiST trigram index
 * (`name_key <-> key` is 1 − similarity, walked closest first) instead of ranking every match: the names
 * containing the whole query, and the others, each up to the page's end *with ties*, so that the ranking
 * of listPersons (whole query first, then similarity, then family and given name) picks exactly the same
 * page from these candidates as it would from every match.
 */
function bestNameMatches(where: SQL, byName: { key: string; like: string; typos: boolean }, filter: PersonFilter): SQL {
  const upTo = filter.page * filter.pageSize;
  const tier = (whole: SQL) => sql`(SELECT ${persons.id} FROM ${persons} WHERE ${where} AND ${whole}
      ORDER BY ${persons.nameKey} <-> ${byName.key}::text FETCH FIRST (${upTo}::int) ROWS WITH TIES)`;
  const whole = sql`(${persons.nameKey} LIKE ${byName.like})`;
  // One word: every word match contains the whole query, and the second walk would find none (reading
  // every match to know it).
  if (!byName.key.includes(' ') && !byName.typos) return tier(whole);
  return sql`${tier(whole)} UNION ALL ${tier(sql`NOT ${whole}`)}`;
}

/** What an employer may see of a referred person who consented to share their profile. */
export async function sharedProfileOf(db: Db, personId: string) {
  const [person] = await db.select().from(persons).where(eq(persons.id, personId));
  if (!person) throw problems.notFound();
  const work = await db
    .select()
    .from(workHistory)
    .where(eq(workHistory.personId, personId))
    .orderBy(desc(workHistory.startDate));
  return {
    givenName: person.givenName,
    familyName: person.familyName,
    phone: person.phone,
    email: person.email,
    district: person.district,
    province: person.province,
    languages: person.languages,
    iscedLevel: person.iscedLevel,
    graduationYear: person.graduationYear,
    skills: person.skills,
    desiredOccupations: person.desiredOccupations,
    workHistory: work.map((w) => ({
      occupation: w.occupation,
      employer: w.employer,
      startDate: w.startDate,
      endDate: w.endDate,
    })),
  };
}
