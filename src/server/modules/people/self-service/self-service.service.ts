import { and, asc, eq, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  cases,
  consents,
  noticeAcknowledgements,
  offices,
  organisations,
  persons,
  users,
} from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { audit } from '../../../lib/audit.ts';
import { ProblemError, problems, type FieldError } from '../../../lib/errors.ts';
import {
  CONSENT_TEXT_VERSION,
  NOTICE_VERSION,
  ONLINE_CONSENT_PURPOSES,
  type OnlineConsentPurpose,
} from '../../../../common/people.ts';
import type { Locale } from '../../../../common/locales.ts';
import { enqueue } from '../../outbox/index.ts';
import { organisationOfPublished } from '../../vacancies/index.ts';
import { turkishDate } from '../../../../common/working-days.ts';
import { applicationsOfPerson, proposeReferral } from '../../referrals/index.ts';
import { checkAttemptRate, createAccount, recordSignInAttempt } from '../../identity/index.ts';
import { codePersonInput, refreshIscoGroups } from '../persons/occupation-codes.service.ts';
import { recordNameWords } from '../persons/name-words.ts';
import { refreshMatchingFeatures } from '../facts/matching-features.service.ts';
import * as personsService from '../persons/persons.service.ts';
import * as personsQueries from '../persons/persons.queries.ts';
import * as personsValidation from '../persons/persons.validation.ts';
import * as consentsService from '../consents/consents.service.ts';
// The inputs are the self-service contract's: the public form reuses the staff form's field rules.
import type { OnlineConsent, ProfilePatch, Registration } from '../../../../common/contracts/self-service.ts';
import { ownAppointments } from '../appointments/appointments.service.ts';

/** At most 10 self-registrations per address per hour (a family or a community centre may share one). */
export const REGISTRATION_LIMIT = 10;
export const REGISTRATION_WINDOW_MS = 60 * 60 * 1000;
const ATTEMPT_KEY_PREFIX = 'self-registration:';

// What a person may consent to online (src/common/people.ts).
export { ONLINE_CONSENT_PURPOSES, type OnlineConsentPurpose };

// ---- public: where can I register? ---------------------------------------------------------------

/** Organisations and their active offices, for the public registration form. */
export async function listPublicOrganisations(ctx: Ctx) {
  const rows = await ctx.db
    .select({
      organisation: {
        id: organisations.id,
        name: organisations.name,
        shortName: organisations.shortName,
        kind: organisations.kind,
        province: organisations.province,
      },
      office: { id: offices.id, name: offices.name, province: offices.province, district: offices.district },
    })
    .from(offices)
    .innerJoin(organisations, eq(organisations.id, offices.organisationId))
    .where(eq(offices.active, true))
    .orderBy(asc(organisations.name), asc(offices.name));
  const byOrganisation = new Map<
    string,
    (typeof rows)[number]['organisation'] & { offices: (typeof rows)[number]['office'][] }
  >();
  for (const r of rows) {
    const entry = byOrganisation.get(r.organisation.id) ?? { ...r.organisation, offices: [] };
    entry.offices.push(r.office);
    byOrganisation.set(r.organisation.id, entry);
  }
  return [...byOrganisation.values()];
}

// ---- public: self-registration -------------------------------------------------------------------

interface CheckedRegistration {
  values: Omit<typeof persons.$inferInsert, 'organisationId' | 'officeId'>;
  idIndex: string | null;
  phone: string | null;
  email: string | null;
}

/**
 * The rules of PersonCreate for the fields of the public form (the same function the counsellor's
 * form goes through), plus what only the public form needs: a known office, a way to reach the
 * person, and the current notice and consent texts. Every failure comes back with its JSON pointer.
 */
function checkRegistration(ctx: Ctx, input: Registration, officeKnown: boolean): CheckedRegistration {
  const errors: FieldError[] = [];
  if (!officeKnown) errors.push({ pointer: '/officeId', code: 'errors.selfService.officeUnknown' });
  let normalised: personsValidation.Normalised | null = null;
  try {
    normalised = personsValidation.normalisePersonFields(
      ctx,
      {
        givenName: input.givenName,
        familyName: input.familyName,
        idKind: input.idKind ?? null,
        idNumber: input.idNumber?.trim() || null,
        passportCountry: input.passportCountry ?? null,
        birthDate: input.birthDate,
        sex: input.sex,
        nationality: input.nationality,
        languages: input.languages ?? [],
        phone: input.phone?.trim() || null,
        email: input.email?.trim() || null,
        address: input.address ?? null,
        province: input.province,
        district: input.district,
        desiredOccupations: input.desiredOccupations ?? [],
        constraints: input.constraints ?? null,
      },
      null,
    );
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    errors.push(...error.errors);
  }
  if (!input.phone?.trim() && !input.email?.trim()) {
    errors.push({ pointer: '/phone', code: 'errors.selfService.contactRequired' });
    errors.push({ pointer: '/email', code: 'errors.selfService.contactRequired' });
  }
  if (input.notice.version !== NOTICE_VERSION)
    errors.push({ pointer: '/notice/version', code: 'errors.selfService.noticeOutdated' });
  (input.consents ?? []).forEach((c, i) => checkOnlineConsent(c, `/consents/${i}`, errors));
  const seen = new Set<string>();
  (input.consents ?? []).forEach((c, i) => {
    const key = `${c.purpose}:${c.partner?.trim() ?? ''}`;
    if (seen.has(key)) errors.push({ pointer: `/consents/${i}/purpose`, code: 'errors.validation.uniqueItems' });
    seen.add(key);
  });
  if (errors.length > 0 || !normalised) throw problems.invalidMany(errors);
  const values = normalised.values;
  return {
    values: {
      ...(values as Omit<typeof persons.$inferInsert, 'organisationId' | 'officeId'>),
      registration: 'pending',
      createdBy: null,
    },
    idIndex: normalised.idIndex ?? null,
    phone: values.phone ?? null,
    email: values.email ?? null,
  };
}

function checkOnlineConsent(c: OnlineConsent, base: string, errors: FieldError[]): void {
  if (c.purpose === 'share-with-partners' && !c.partner?.trim())
    errors.push({ pointer: `${base}/partner`, code: 'errors.validation.required' });
  if (c.textVersion !== CONSENT_TEXT_VERSION)
    errors.push({ pointer: `${base}/textVersion`, code: 'errors.selfService.consentTextOutdated' });
}

/** 429 with Retry-After when this address has sent too many registrations in the last hour. */
const checkRegistrationLimit = (ctx: Ctx) =>
  checkAttemptRate(ctx, { keyPrefix: ATTEMPT_KEY_PREFIX, limit: REGISTRATION_LIMIT, windowMs: REGISTRATION_WINDOW_MS });

interface ExistingContact {
  channel: 'sms' | 'email';
  recipient: string;
  locale: Locale | null;
  userId: string | null;
  organisationId: string;
}

/**
 * Whether this person is already known: the same ID number, phone or e-mail among the organisation's
 * persons, or the phone or e-mail already signing in to an account. Returns where to tell them — the
 * contact already on record, never the one just typed (that would tell a stranger who is registered).
 */
async function findExisting(
  tx: Db,
  organisationId: string,
  checked: CheckedRegistration,
): Promise<{ found: boolean; contact: ExistingContact | null }> {
  const personMatch: SQL[] = [];
  if (checked.idIndex) personMatch.push(eq(persons.idNumberIndex, checked.idIndex));
  if (checked.phone) personMatch.push(eq(persons.phone, checked.phone));
  if (checked.email) personMatch.push(eq(persons.email, checked.email));
  const [person] = await tx
    .select({
      phone: persons.phone,
      email: persons.email,
      userId: persons.userId,
      locale: users.locale,
      organisationId: persons.organisationId,
    })
    .from(persons)
    .leftJoin(users, eq(users.id, persons.userId))
    .where(and(eq(persons.organisationId, organisationId), or(...personMatch)))
    .limit(1);
  if (person) {
    const contact: ExistingContact | null = person.phone
      ? { channel: 'sms', recipient: person.phone, locale: person.locale, userId: person.userId, organisationId }
      : person.email
        ? { channel: 'email', recipient: person.email, locale: person.locale, userId: person.userId, organisationId }
        : null;
    return { found: true, contact };
  }
  const userMatch: SQL[] = [];
  if (checked.phone) userMatch.push(eq(users.phone, checked.phone));
  if (checked.email) userMatch.push(eq(users.email, checked.email));
  const [user] = await tx
    .select()
    .from(users)
    .where(or(...userMatch))
    .limit(1);
  if (user) {
    const byPhone = !!checked.phone && user.phone === checked.phone;
    return {
      found: true,
      contact: {
        channel: byPhone ? 'sms' : 'email',
        recipient: byPhone ? user.phone! : user.email!,
        locale: user.locale,
        userId: user.id,
        organisationId: user.organisationId,
      },
    };
  }
  return { found: false, contact: null };
}

/**
 * A person registers themselves: a pending person in the chosen office (no case until a counsellor
 * confirms), a seeker account signing in with one-time codes, the notice and consents given online,
 * and a confirmation message. Someone already registered gets the same answer, nothing is created,
 * and the contact on record is told that they are registered already.
 */
export async function register(ctx: Ctx, input: Registration): Promise<void> {
  await checkRegistrationLimit(ctx);
  const [office] = await ctx.db
    .select({
      id: offices.id,
      name: offices.name,
      organisationId: offices.organisationId,
      organisation: organisations.name,
    })
    .from(offices)
    .innerJoin(organisations, eq(organisations.id, offices.organisationId))
    .where(and(eq(offices.id, input.officeId), eq(offices.active, true)));
  const checked = checkRegistration(ctx, input, !!office);
  if (!office) throw problems.invalid('/officeId', 'errors.selfService.officeUnknown');
  const organisationId = office.organisationId;

  await ctx.db.transaction(async (tx) => {
    const txCtx: Ctx = { ...ctx, db: tx };
    const now = ctx.clock.now();
    await recordSignInAttempt(txCtx, { accountKey: `${ATTEMPT_KEY_PREFIX}${organisationId}`, succeeded: true });
    const existing = await findExisting(tx, organisationId, checked);
    if (existing.found) {
      const c = existing.contact;
      if (c) {
        await enqueue(
          { ...ctx, db: tx },
          {
            channel: c.channel,
            recipient: c.recipient,
            template: 'self-registration-already-registered',
            locale: c.locale ?? input.locale,
            params: { organisation: office.organisation, office: office.name },
            organisationId: c.organisationId,
            userId: c.userId,
          },
        );
      }
      return;
    }

    // The typed occupations linked to ISCO-08 unit groups (doubtful links go to the staff review list).
    const coded = await codePersonInput(tx, { desiredOccupations: input.desiredOccupations ?? [] }, null);
    const [person] = await tx
      .insert(persons)
      .values({
        ...checked.values,
        ...coded.values,
        organisationId,
        officeId: office.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: persons.id });
    const personId = person!.id;
    await recordNameWords(tx, organisationId, { after: [checked.values.nameKey] });
    await refreshIscoGroups(tx, organisationId, [personId]);
    await refreshMatchingFeatures(tx, ctx.config, [personId]);
    const userId = await createAccount(txCtx, {
      organisationId,
      kind: 'seeker',
      fullName: `${checked.values.givenName} ${checked.values.familyName}`,
      email: checked.email,
      phone: checked.phone,
      locale: input.locale,
    });
    await tx.update(persons).set({ userId }).where(eq(persons.id, personId));
    await tx.insert(noticeAcknowledgements).values({
      personId,
      organisationId,
      noticeVersion: input.notice.version,
      locale: input.notice.locale,
      channel: 'online',
      recordedBy: null,
      acknowledgedAt: now,
    });
    const given = input.consents ?? [];
    for (const c of given) {
      await tx.insert(consents).values({
        personId,
        organisationId,
        purpose: c.purpose,
        partner: c.partner?.trim() || null,
        textVersion: c.textVersion,
        channel: 'online',
        grantedAt: now,
        recordedBy: null,
      });
    }
    // "Apply" on the board, then register: the application waits for the counsellor as a proposal (source
    // 'person'), pre-screened and sent only once the registration is confirmed (sendReferral). The vacancy's
    // organisation is looked up here from its id (the public board does not show it): a vacancy no longer on
    // the board, or handled by another organisation than the office chosen, does not stop the registration.
    if (input.vacancyId) {
      const vacancyOrganisation = await organisationOfPublished(tx, turkishDate(now), input.vacancyId);
      if (vacancyOrganisation === organisationId)
        await proposeReferral(txCtx, {
          vacancyId: input.vacancyId,
          personId,
          source: 'person',
          registrant: { userId, organisationId },
        });
    }
    await enqueue(
      { ...ctx, db: tx },
      {
        channel: checked.phone ? 'sms' : 'email',
        recipient: (checked.phone ?? checked.email)!,
        template: 'self-registration-received',
        locale: input.locale,
        params: {
          name: checked.values.givenName,
          organisation: office.organisation,
          office: office.name,
          link: `${ctx.config.publicUrl}/sign-in`,
        },
        organisationId,
        userId,
      },
    );

    const anonymous = { organisationId, actorUserId: null, actorKind: 'anonymous' as const };
    await audit(tx, ctx, {
      ...anonymous,
      action: 'person.created',
      subjectType: 'person',
      subjectId: personId,
      purpose: 'self-registration',
      fields: Object.keys(checked.values).filter(
        (k) =>
          !['nameKey', 'idNumberEnc', 'idNumberIndex', 'idNumberMasked', 'occupationKeys', 'createdBy'].includes(k) &&
          (checked.values as Record<string, unknown>)[k] !== null,
      ),
    });
    await audit(tx, ctx, {
      ...anonymous,
      action: 'user.created',
      subjectType: 'user',
      subjectId: userId,
      purpose: 'self-registration',
      fields: ['fullName', 'kind', ...(checked.email ? ['email'] : []), ...(checked.phone ? ['phone'] : []), 'locale'],
    });
    await audit(tx, ctx, {
      ...anonymous,
      action: 'notice.acknowledged',
      subjectType: 'person',
      subjectId: personId,
      purpose: input.notice.version,
    });
    for (const c of given)
      await audit(tx, ctx, {
        ...anonymous,
        action: 'consent.granted',
        subjectType: 'person',
        subjectId: personId,
        purpose: c.purpose,
      });
  });
}

// ---- the counsellor's queue ----------------------------------------------------------------------

/** Confirms a self-registration: the person joins the register and a case opens with the confirming counsellor. */
export async function confirmRegistration(ctx: Ctx, personId: string) {
  const actor = actorOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const person = await personsQueries.loadPerson(tx, ctx, personId);
    if (person.registration !== 'pending' || person.mergedIntoId)
      throw problems.conflict('errors.selfService.notPending');
    const now = ctx.clock.now();
    await tx.update(persons).set({ registration: 'confirmed', updatedAt: now }).where(eq(persons.id, personId));
    await audit(tx, ctx, {
      action: 'person.confirmed',
      subjectType: 'person',
      subjectId: personId,
      fields: ['registration'],
    });
    let [open] = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.personId, personId), ne(cases.status, 'closed')));
    if (!open) {
      [open] = await tx
        .insert(cases)
        .values({
          organisationId: person.organisationId,
          personId,
          officeId: person.officeId,
          counsellorId: actor.permissions.has('cases:write') ? actor.userId : null,
          status: 'new',
          openedAt: now,
        })
        .returning({ id: cases.id });
      await audit(tx, ctx, { action: 'case.opened', subjectType: 'case', subjectId: open!.id });
    }
    return { id: personId, registration: 'confirmed' as const, caseId: open!.id };
  });
}

// ---- the seeker's own profile --------------------------------------------------------------------

/**
 * The context in which a seeker acts on their own record: the whole organisation is their scope for
 * that one record (a seeker account has no office), and only ever the record linked to their account.
 */
function selfCtx(ctx: Ctx): Ctx {
  return { ...ctx, actor: { ...actorOf(ctx), officeId: null } };
}

/** The person record linked to the signed-in seeker's account (following a merge to the kept record). */
export async function ownPersonId(ctx: Ctx): Promise<string> {
  const actor = actorOf(ctx);
  const [row] = await ctx.db
    .select({ id: persons.id, mergedIntoId: persons.mergedIntoId })
    .from(persons)
    .where(and(eq(persons.userId, actor.userId), eq(persons.organisationId, actor.organisationId)));
  if (!row) throw problems.notFound('errors.selfService.noProfile');
  let id = row.id;
  let next = row.mergedIntoId;
  for (let hops = 0; next && hops < 10; hops++) {
    id = next;
    const [kept] = await ctx.db
      .select({ mergedIntoId: persons.mergedIntoId })
      .from(persons)
      .where(and(eq(persons.id, id), eq(persons.organisationId, actor.organisationId)));
    next = kept?.mergedIntoId ?? null;
  }
  return id;
}

export async function getOwnProfile(ctx: Ctx) {
  const c = selfCtx(ctx);
  const id = await ownPersonId(c);
  const [profile, given] = await Promise.all([personsQueries.getPerson(c, id), consentsService.listConsents(c, id)]);
  // Target groups are recorded by a counsellor for matching and indicators; they are not shown here.
  const { targetGroups: _hidden, ...visible } = profile;
  return { ...visible, consents: given.consents, notices: given.notices };
}

/** What a seeker may change themselves (ProfilePatch); name, birth date and ID need a counsellor. */
export async function updateOwnProfile(ctx: Ctx, patch: ProfilePatch): Promise<void> {
  const c = selfCtx(ctx);
  const id = await ownPersonId(c);
  const current = await personsQueries.loadPerson(c.db, c, id);
  const phone = patch.phone !== undefined ? patch.phone?.trim() || null : current.phone;
  const email = patch.email !== undefined ? patch.email?.trim() || null : current.email;
  if (!phone && !email) {
    throw problems.invalidMany([
      { pointer: '/phone', code: 'errors.selfService.contactRequired' },
      { pointer: '/email', code: 'errors.selfService.contactRequired' },
    ]);
  }
  // persons.service checks every field by the same rules as a counsellor's edit and audits the change
  // with the seeker as actor.
  await personsService.updatePerson(c, id, patch);
}

export async function grantOwnConsent(ctx: Ctx, input: OnlineConsent): Promise<void> {
  const errors: FieldError[] = [];
  checkOnlineConsent(input, '', errors);
  if (errors.length > 0) throw problems.invalidMany(errors);
  const c = selfCtx(ctx);
  await consentsService.grantConsent(c, await ownPersonId(c), {
    purpose: input.purpose,
    partner: input.partner?.trim() || null,
    textVersion: input.textVersion,
    channel: 'online',
  });
}

/** Withdrawing is as easy as giving: any purpose, including those recorded in person. */
export async function withdrawOwnConsent(ctx: Ctx, consentId: string): Promise<void> {
  const c = selfCtx(ctx);
  await consentsService.withdrawConsent(c, await ownPersonId(c), consentId);
}

export async function listOwnConsents(ctx: Ctx) {
  const c = selfCtx(ctx);
  return consentsService.listConsents(c, await ownPersonId(c));
}

/** My applications: the referrals of my record to vacancies, through the referrals module (read only). */
export async function listOwnApplications(ctx: Ctx) {
  const id = await ownPersonId(ctx);
  return { items: await applicationsOfPerson(ctx.db, actorOf(ctx).organisationId, id) };
}

/** My appointments with counsellors: the upcoming ones first, then the past ones (read only). */
export async function listOwnAppointments(ctx: Ctx) {
  const id = await ownPersonId(ctx);
  return { items: await ownAppointments(ctx.db, actorOf(ctx).organisationId, id, ctx.clock.now()) };
}
