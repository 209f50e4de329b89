import { and, asc, count, desc, eq, inArray, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { StoredMatch } from '../../../common/matching.ts';
import type { Db } from '../../db/client.ts';
import {
  disclosureLog,
  employers,
  employerContacts,
  employerUsers,
  offices,
  persons,
  referralEvents,
  referrals,
  referralSettings,
  users,
  vacancies,
} from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import type { ProblemError } from '../../lib/errors.ts';
import { problems } from '../../lib/errors.ts';
import { scopeOf } from '../../lib/access.ts';
import { turkishDate, workingDaysBetween } from '../../../common/working-days.ts';
import { isLocale, type Locale } from '../../../common/locales.ts';
import { enqueue } from '../outbox/index.ts';
import { hasActiveConsent } from '../people/index.ts';
import { loadPerson, sharedProfileOf } from '../people/index.ts';
import { decentWorkFactsOf } from '../people/index.ts';
import { employerIdsOfUser } from '../employers/index.ts';
import { loadVacancy, markFilledIfFull, termsOf } from '../vacancies/index.ts';
import { refusal, ruleContext } from '../vacancies/index.ts';
import { checkReferral, employerPermitDuty, wageCheckDate } from '../../../common/decent-work.ts';
import { calendarDate, money, term } from '../../../common/message-format.ts';
import { workingCalendar } from '../reference/index.ts';
import { createPlacementFromHire } from '../placements/index.ts';
import { PRESCREEN_ITEMS, type ReferralSend } from '../../../common/contracts/referrals.ts';
import {
  ANSWERED_STATUSES,
  canTransition,
  EMPLOYER_REFUSAL_REASONS,
  OPEN_STATUSES,
  PERSON_REFUSAL_REASONS,
  type ReferralSource,
  type ReferralStatus,
} from '../../../common/referral-workflow.ts';

type ReferralRow = typeof referrals.$inferSelect;

function personLocale(languages: { code: string }[]): Locale {
  const found = languages.map((l) => l.code).find((c) => isLocale(c));
  return found ?? 'tr';
}

export async function logTransition(
  tx: Db,
  ctx: Ctx,
  r: ReferralRow,
  to: ReferralStatus,
  who: 'staff' | 'employer' | 'system',
  reason?: string | null,
) {
  await tx.insert(referralEvents).values({
    referralId: r.id,
    organisationId: r.organisationId,
    fromStatus: r.status,
    toStatus: to,
    actorUserId: who === 'system' ? null : (ctx.actor?.userId ?? null),
    actorKind: who,
    reason: reason ?? null,
    at: ctx.clock.now(),
  });
  await audit(tx, ctx, {
    action: 'referral.transition',
    subjectType: 'referral',
    subjectId: r.id,
    fields: ['status'],
    purpose: `${r.status}→${to}`,
    ...(who === 'system' ? { actorKind: 'system' as const } : {}),
  });
}

/** A referral the actor may see: staff of the organisation (their office's persons), or the employer it was sent to. */
async function loadReferral(db: Db, ctx: Ctx, id: string): Promise<ReferralRow> {
  const actor = actorOf(ctx);
  const [row] = await db
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, id), eq(referrals.organisationId, actor.organisationId)));
  if (!row) throw problems.notFound();
  if (actor.kind === 'employer') {
    const mine = await employerIdsOfUser(db, ctx);
    // An employer never sees a referral before it is sent, nor another employer's.
    if (!mine.includes(row.employerId) || row.status === 'proposed' || row.status === 'withdrawn')
      throw problems.notFound();
  } else if (actor.kind === 'staff') {
    await loadPerson(db, ctx, row.personId);
  } else throw problems.notFound();
  return row;
}

/**
 * A referral proposal, which a counsellor pre-screens before anything reaches the employer (the
 * employer never sees proposals). Source 'staff': a counsellor proposes a person of their scope for a
 * vacancy of their organisation. Source 'person': a job seeker applies on the public board for
 * themselves — the job board has checked that the vacancy is open to the public and that `personId`
 * is the seeker's own person; the vacancy must still be of their organisation and published. Source
 * 'fair': staff at a job fair (modules/fairs) for a visitor; like 'staff', and its hire is a job-fair placement.
 */
export async function proposeReferral(
  ctx: Ctx,
  input: {
    vacancyId: string;
    personId: string;
    source?: ReferralSource;
    match?: StoredMatch;
    /**
     * A person applying through their own self-registration (the public board's "Apply" →
     * /register?vacancy=): nobody is signed in yet, so the new seeker account is named as the proposer and
     * the vacancy must be open in the organisation they registered with. Only with source 'person'.
     */
    registrant?: { userId: string; organisationId: string };
  },
): Promise<string> {
  const self = input.source === 'person';
  const registrant = self ? input.registrant : undefined;
  if (self && !registrant && actorOf(ctx).kind !== 'seeker') throw problems.forbidden();
  const proposer = registrant
    ? { userId: registrant.userId, organisationId: registrant.organisationId }
    : { userId: actorOf(ctx).userId, organisationId: actorOf(ctx).organisationId };
  return ctx.db.transaction(async (tx) => {
    const personId = self ? input.personId : (await loadPerson(tx, ctx, input.personId)).id;
    const v = self
      ? await ownOrganisationVacancy(tx, proposer.organisationId, input.vacancyId)
      : (await loadVacancy(tx, ctx, input.vacancyId)).v;
    if (v.status !== 'published') throw problems.conflict('errors.referrals.vacancyNotOpen', '/vacancyId');
    const [open] = await tx
      .select({ id: referrals.id })
      .from(referrals)
      .where(
        and(
          eq(referrals.vacancyId, v.id),
          eq(referrals.personId, personId),
          inArray(referrals.status, [...OPEN_STATUSES, 'hired']),
        ),
      );
    if (open) throw self ? alreadyApplied() : problems.conflict('errors.referrals.alreadyReferred', '/personId');
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(referrals)
      .values({
        organisationId: v.organisationId,
        vacancyId: v.id,
        employerId: v.employerId,
        personId,
        status: 'proposed',
        source: input.source ?? 'staff',
        match: input.match ?? null,
        proposedBy: proposer.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(referralEvents).values({
      referralId: row!.id,
      organisationId: row!.organisationId,
      fromStatus: null,
      toStatus: 'proposed',
      actorUserId: proposer.userId,
      actorKind: self ? 'seeker' : 'staff',
      at: now,
    });
    await audit(tx, ctx, {
      action: 'referral.proposed',
      subjectType: 'referral',
      subjectId: row!.id,
      // Before the registrant has signed in, the public visitor is the actor (as for the registration itself).
      ...(registrant
        ? { organisationId: registrant.organisationId, actorUserId: null, actorKind: 'anonymous' as const }
        : {}),
      ...(self ? { purpose: registrant ? 'self-registration' : 'self-application' } : {}),
    });
    return row!.id;
  });
}

/** A job seeker's application when they have one open already (or were hired for the vacancy). */
export const alreadyApplied = () => problems.conflict('errors.portal.alreadyApplied', '/vacancyId');

async function ownOrganisationVacancy(db: Db, organisationId: string, id: string) {
  const [v] = await db
    .select({
      id: vacancies.id,
      organisationId: vacancies.organisationId,
      employerId: vacancies.employerId,
      status: vacancies.status,
    })
    .from(vacancies)
    .where(and(eq(vacancies.id, id), eq(vacancies.organisationId, organisationId)));
  if (!v) throw problems.notFound();
  return v;
}

/**
 * Sends a proposed referral to the employer after the pre-screen: only with the person's active
 * consent to share their profile with employers, and only when every decent-work rule passes for
 * this person and this vacancy. Notifies the employer and the person, and writes the disclosure log.
 */
export async function sendReferral(ctx: Ctx, id: string, input: ReferralSend): Promise<void> {
  const row = await loadReferral(ctx.db, ctx, id);
  if (!canTransition(row.status, 'sent', 'staff')) throw transitionRefused(row.status, 'sent');
  const missing = PRESCREEN_ITEMS.filter((k) => !input.prescreen[k]);
  if (missing.length) {
    throw problems.invalidMany(
      missing.map((k) => ({ pointer: `/prescreen/${k}`, code: 'errors.referrals.prescreenIncomplete' })),
    );
  }
  if (!(await hasActiveConsent(ctx, row.personId, 'share-with-employers'))) {
    throw problems.conflict('errors.referrals.noConsent', '/personId');
  }
  const { v, employer } = await loadVacancy(ctx.db, ctx, row.vacancyId);
  const terms = termsOf(v, employer);
  const rules = await ruleContext(ctx);
  // The vacancy's rules (employer status, minimum wage on the later of start date and today, hours,
  // minimum age) and the person's (age on the start, the vacancy's minimum age, minors, protection).
  const { person, facts, permits } = await decentWorkFactsOf(ctx, row.personId);
  // An application that came with a self-registration waits until a counsellor has confirmed who the person is.
  if (person.registration === 'pending') throw problems.conflict('errors.referrals.registrationPending', '/personId');
  const violations = checkReferral(terms, facts, rules);
  if (violations.length) throw refusal(violations);
  if (v.status !== 'published') throw problems.conflict('errors.referrals.vacancyNotOpen');
  const startDate = wageCheckDate(v.startDate, rules.today);
  // What the employer must request before the person can start: told in the referral and the e-mail.
  const permitDuty = employerPermitDuty(facts.rightToWork, permits, {
    employerId: employer.id,
    startDate,
    seasonalAgriculture: terms.seasonalAgriculture ?? false,
  });

  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const updated = await tx
      .update(referrals)
      .set({
        status: 'sent',
        sentAt: now,
        prescreen: input.prescreen,
        prescreenNote: input.note?.trim() || null,
        permitDuty,
        updatedAt: now,
      })
      .where(and(eq(referrals.id, id), eq(referrals.status, 'proposed')))
      .returning({ id: referrals.id });
    if (updated.length === 0) throw transitionRefused(row.status, 'sent');
    await logTransition(tx, ctx, row, 'sent', 'staff');
    const employerName = employer.tradeName ?? employer.legalName;
    await tx.insert(disclosureLog).values({
      organisationId: row.organisationId,
      personId: row.personId,
      recipientKind: 'employer',
      recipientId: employer.id,
      recipientName: employerName,
      purpose: 'referral',
      dataCategories: [
        'identity',
        'contact',
        'education',
        'work-history',
        'skills',
        ...(permitDuty ? ['right-to-work'] : []),
      ],
      referralId: row.id,
      disclosedBy: actorOf(ctx).userId,
      at: now,
    });
    // The employer's portal users and contacts with an e-mail address are told.
    const recipients = new Map<string, { locale: Locale; userId: string | null }>();
    const portalUsers = await tx
      .select({ id: users.id, email: users.email, locale: users.locale })
      .from(employerUsers)
      .innerJoin(users, eq(users.id, employerUsers.userId))
      .where(and(eq(employerUsers.employerId, employer.id), eq(users.status, 'active')));
    for (const u of portalUsers) if (u.email) recipients.set(u.email, { locale: u.locale, userId: u.id });
    const contacts = await tx
      .select({ email: employerContacts.email })
      .from(employerContacts)
      .where(eq(employerContacts.employerId, employer.id));
    for (const c of contacts)
      if (c.email && !recipients.has(c.email)) recipients.set(c.email, { locale: 'tr', userId: null });
    for (const [email, r] of recipients) {
      await enqueue(
        { ...ctx, db: tx },
        {
          channel: 'email',
          recipient: email,
          template: 'referral-sent-employer',
          locale: r.locale,
          params: {
            employer: employerName,
            vacancy: v.title,
            link: `${ctx.config.publicUrl}/portal/referrals`,
            start: calendarDate(startDate),
            permitNote: permitDuty
              ? term(`messages.referralSentEmployer.permitDuties.${permitDuty}`, { province: v.province })
              : '',
          },
          organisationId: row.organisationId,
          userId: r.userId,
        },
      );
    }
    const locale = personLocale(person.languages);
    const channel = person.phone ? 'sms' : person.email ? 'email' : null;
    if (channel) {
      await enqueue(
        { ...ctx, db: tx },
        {
          channel,
          recipient: (channel === 'sms' ? person.phone : person.email)!,
          template: 'referral-sent-person',
          locale,
          params: {
            name: person.givenName,
            employer: employerName,
            vacancy: v.title,
            start: calendarDate(startDate),
            wage: money(Number(v.wageMin)),
            basis: term(`vacancies.wageBases.${v.wageBasis}`),
          },
          organisationId: row.organisationId,
          userId: person.userId,
        },
      );
    }
  });
}

function transitionRefused(from: ReferralStatus, to: ReferralStatus): ProblemError {
  return problems.conflict('errors.referrals.transitionNotAllowed', { pointer: '/status', params: { from, to } });
}

export interface TransitionInput {
  status: ReferralStatus;
  reason?: string | null | undefined;
  reasonText?: string | null | undefined;
  interviewAt?: string | null | undefined;
}

/** Any other transition, by staff or by the employer; refusals need a reason from the right list. */
export async function transitionReferral(ctx: Ctx, id: string, input: TransitionInput): Promise<void> {
  const who = actorOf(ctx).kind === 'employer' ? 'employer' : 'staff';
  await ctx.db.transaction(async (tx) => {
    const row = await loadReferral(tx, ctx, id);
    if (input.status === 'sent') throw transitionRefused(row.status, 'sent');
    if (!canTransition(row.status, input.status, who)) throw transitionRefused(row.status, input.status);
    if (
      input.status === 'refused-by-employer' &&
      !(EMPLOYER_REFUSAL_REASONS as readonly string[]).includes(input.reason ?? '')
    ) {
      throw problems.invalid('/reason', 'errors.validation.enum');
    }
    if (
      input.status === 'refused-by-person' &&
      !(PERSON_REFUSAL_REASONS as readonly string[]).includes(input.reason ?? '')
    ) {
      throw problems.invalid('/reason', 'errors.validation.enum');
    }
    if (input.reason === 'other' && !input.reasonText?.trim())
      throw problems.invalid('/reasonText', 'errors.validation.required');
    if (
      input.status === 'interview' &&
      input.interviewAt &&
      new Date(input.interviewAt).getTime() < ctx.clock.now().getTime() - 86_400_000
    ) {
      throw problems.invalid('/interviewAt', 'errors.referrals.interviewPast');
    }
    const now = ctx.clock.now();
    const answered = (ANSWERED_STATUSES as readonly string[]).includes(input.status) && !row.answeredAt;
    await tx
      .update(referrals)
      .set({
        status: input.status,
        reason: input.reason ?? null,
        reasonText: input.reasonText?.trim() || null,
        ...(input.status === 'interview' && input.interviewAt ? { interviewAt: new Date(input.interviewAt) } : {}),
        ...(answered ? { answeredAt: now } : {}),
        updatedAt: now,
      })
      .where(eq(referrals.id, id));
    await logTransition(tx, ctx, row, input.status, who, input.reason);
    if (input.status === 'hired') await afterHire(tx, ctx, row);
  });
}

/** When a person is hired, their other open referrals become obsolete; a vacancy with every position filled is filled. */
async function afterHire(tx: Db, ctx: Ctx, hired: ReferralRow): Promise<void> {
  const others = await tx
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.personId, hired.personId),
        ne(referrals.id, hired.id),
        inArray(referrals.status, [...OPEN_STATUSES]),
      ),
    );
  for (const other of others) {
    await tx
      .update(referrals)
      .set({ status: 'obsolete', updatedAt: ctx.clock.now() })
      .where(eq(referrals.id, other.id));
    await logTransition(tx, ctx, other, 'obsolete', 'system', 'hired-elsewhere');
  }
  await createPlacementFromHire({ ...ctx, db: tx }, hired);
  const [v] = await tx.select().from(vacancies).where(eq(vacancies.id, hired.vacancyId));
  const [hires] = await tx
    .select({ n: count() })
    .from(referrals)
    .where(and(eq(referrals.vacancyId, hired.vacancyId), eq(referrals.status, 'hired')));
  if (v) await markFilledIfFull({ ...ctx, db: tx }, v, hires?.n ?? 0);
}

async function answerDays(db: Db, organisationId: string): Promise<number> {
  const [s] = await db.select().from(referralSettings).where(eq(referralSettings.organisationId, organisationId));
  return s?.answerWithinWorkingDays ?? 5;
}

function present(
  r: ReferralRow,
  extra: { vacancyTitle: string; employerName: string; personName: string },
  calendar: Awaited<ReturnType<typeof workingCalendar>>,
  today: string,
  limit: number,
) {
  const sent = r.sentAt ? turkishDate(r.sentAt) : null;
  const waiting =
    sent && !r.answeredAt && (r.status === 'sent' || r.status === 'seen')
      ? workingDaysBetween(sent, today, calendar)
      : null;
  return {
    id: r.id,
    status: r.status,
    source: r.source,
    vacancy: { id: r.vacancyId, title: extra.vacancyTitle },
    employer: { id: r.employerId, name: extra.employerName },
    person: { id: r.personId, name: extra.personName },
    reason: r.reason,
    reasonText: r.reasonText,
    permitDuty: r.permitDuty,
    interviewAt: r.interviewAt?.toISOString() ?? null,
    sentAt: r.sentAt?.toISOString() ?? null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    responseWorkingDays: sent && r.answeredAt ? workingDaysBetween(sent, turkishDate(r.answeredAt), calendar) : null,
    waitingWorkingDays: waiting,
    overdue: waiting !== null && waiting > limit,
    createdAt: r.createdAt.toISOString(),
  };
}
export type ReferralView = ReturnType<typeof present>;

export interface ReferralFilter {
  status?: ReferralStatus | undefined;
  vacancyId?: string | undefined;
  personId?: string | undefined;
  employerId?: string | undefined;
  overdue?: boolean | undefined;
  page: number;
  pageSize: number;
}

/** The referral list counts up to this many and then says "more than 1,000" (`totalCapped`); tests lower it. */
export const REFERRAL_LIST = { countCap: 1000 };

export async function listReferrals(ctx: Ctx, filter: ReferralFilter) {
  const actor = actorOf(ctx);
  const conditions: SQL[] = [eq(referrals.organisationId, actor.organisationId)];
  if (actor.kind === 'employer') {
    const mine = await employerIdsOfUser(ctx.db, ctx);
    if (mine.length === 0) return { items: [], total: 0, totalCapped: false };
    conditions.push(inArray(referrals.employerId, mine), sql`${referrals.status} NOT IN ('proposed', 'withdrawn')`);
  } else {
    const scope = scopeOf(actor);
    if (scope.officeId) conditions.push(eq(persons.officeId, scope.officeId));
  }
  if (filter.status) conditions.push(eq(referrals.status, filter.status));
  if (filter.vacancyId) conditions.push(eq(referrals.vacancyId, filter.vacancyId));
  if (filter.personId) conditions.push(eq(referrals.personId, filter.personId));
  if (filter.employerId) conditions.push(eq(referrals.employerId, filter.employerId));
  if (filter.overdue)
    conditions.push(
      isNull(referrals.answeredAt),
      isNotNull(referrals.sentAt),
      inArray(referrals.status, ['sent', 'seen']),
    );
  const where = and(...conditions);
  const base = ctx.db
    .select({
      r: referrals,
      vacancyTitle: vacancies.title,
      employerName: sql<string>`coalesce(${employers.tradeName}, ${employers.legalName})`,
      given: persons.givenName,
      family: persons.familyName,
    })
    .from(referrals)
    .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .innerJoin(employers, eq(employers.id, referrals.employerId))
    .innerJoin(persons, eq(persons.id, referrals.personId))
    .where(where);
  // The total is capped like the person list's (issue 15): counting an organisation's 330,000 referrals joined
  // to their persons took 1.3–2.2 s at 1,000,000 persons, the page (read through referrals_org_updated_idx)
  // a few ms. One more than the cap says whether there are more ("more than 1,000").
  const matches = ctx.db
    .select({ one: sql`1`.as('one') })
    .from(referrals)
    .innerJoin(persons, eq(persons.id, referrals.personId))
    .where(where)
    .limit(REFERRAL_LIST.countCap + 1)
    .as('m');
  const [rows, [total], calendar, limit] = await Promise.all([
    base
      .orderBy(desc(referrals.updatedAt), asc(referrals.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(matches),
    workingCalendar(ctx.db),
    answerDays(ctx.db, actor.organisationId),
  ]);
  const today = turkishDate(ctx.clock.now());
  let items = rows.map((x) =>
    present(
      x.r,
      { vacancyTitle: x.vacancyTitle, employerName: x.employerName, personName: `${x.given} ${x.family}` },
      calendar,
      today,
      limit,
    ),
  );
  if (filter.overdue) items = items.filter((i) => i.overdue);
  const n = total?.n ?? 0;
  return filter.overdue
    ? { items, total: items.length, totalCapped: false }
    : { items, total: Math.min(n, REFERRAL_LIST.countCap), totalCapped: n > REFERRAL_LIST.countCap };
}

/**
 * The ranking kept with a referral made from matching's lists (null for any other referral), for staff who
 * may see the referral (404 otherwise); matching's index renders it in the viewer's language.
 */
export async function storedMatchOf(ctx: Ctx, id: string): Promise<StoredMatch | null> {
  if (actorOf(ctx).kind !== 'staff') throw problems.notFound();
  const row = await loadReferral(ctx.db, ctx, id);
  return row.match ?? null;
}

export async function getReferral(ctx: Ctx, id: string) {
  let row = await loadReferral(ctx.db, ctx, id);
  // An employer opening a sent referral has seen it.
  if (actorOf(ctx).kind === 'employer' && row.status === 'sent') {
    await ctx.db.transaction(async (tx) => {
      await tx
        .update(referrals)
        .set({ status: 'seen', updatedAt: ctx.clock.now() })
        .where(and(eq(referrals.id, id), eq(referrals.status, 'sent')));
      await logTransition(tx, ctx, row, 'seen', 'employer');
    });
    row = (await ctx.db.select().from(referrals).where(eq(referrals.id, id)))[0]!;
  }
  const [[v], [e], [p], events, calendar, limit] = await Promise.all([
    ctx.db.select({ title: vacancies.title }).from(vacancies).where(eq(vacancies.id, row.vacancyId)),
    ctx.db
      .select({ name: sql<string>`coalesce(${employers.tradeName}, ${employers.legalName})` })
      .from(employers)
      .where(eq(employers.id, row.employerId)),
    ctx.db
      .select({
        given: persons.givenName,
        family: persons.familyName,
        officeName: offices.name,
        officePhone: offices.phone,
      })
      .from(persons)
      .innerJoin(offices, eq(offices.id, persons.officeId))
      .where(eq(persons.id, row.personId)),
    ctx.db
      .select({ ev: referralEvents, actorName: users.fullName })
      .from(referralEvents)
      .leftJoin(users, eq(users.id, referralEvents.actorUserId))
      .where(and(eq(referralEvents.referralId, id), eq(referralEvents.organisationId, row.organisationId)))
      .orderBy(asc(referralEvents.at)),
    workingCalendar(ctx.db),
    answerDays(ctx.db, row.organisationId),
  ]);
  const today = turkishDate(ctx.clock.now());
  const view = present(
    row,
    { vacancyTitle: v?.title ?? '', employerName: e?.name ?? '', personName: `${p?.given ?? ''} ${p?.family ?? ''}` },
    calendar,
    today,
    limit,
  );
  // What the employer sees of the person: only what they consented to share, and only while the consent stands.
  const shared =
    actorOf(ctx).kind === 'employer'
      ? (await hasActiveConsent(ctx, row.personId, 'share-with-employers'))
        ? await sharedProfileOf(ctx.db, row.personId)
        : null
      : null;
  return {
    ...view,
    prescreen: actorOf(ctx).kind === 'staff' ? row.prescreen : null,
    prescreenNote: actorOf(ctx).kind === 'staff' ? row.prescreenNote : null,
    events: events.map(({ ev, actorName }) => ({
      from: ev.fromStatus,
      to: ev.toStatus,
      actorKind: ev.actorKind,
      // Staff see which colleague made each step (issue 14); an employer sees "staff", not who.
      actorName: actorOf(ctx).kind === 'staff' && ev.actorKind === 'staff' ? (actorName ?? null) : null,
      reason: ev.reason,
      at: ev.at.toISOString(),
    })),
    sharedProfile: shared,
    // The office that referred the person (issue 14): an employer without the person's contact details
    // (not shared, or consent withdrawn) reaches them through it. Staff know their own offices.
    contactOffice: actorOf(ctx).kind === 'employer' && p ? { name: p.officeName, phone: p.officePhone ?? null } : null,
  };
}

/** Each employer's answering record, for staff: referrals sent, answered, average working days, overdue now. */
export async function employerResponseRecord(ctx: Ctx, employerId: string) {
  const rows = await ctx.db
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.organisationId, actorOf(ctx).organisationId),
        eq(referrals.employerId, employerId),
        isNotNull(referrals.sentAt),
      ),
    );
  const calendar = await workingCalendar(ctx.db);
  const limit = await answerDays(ctx.db, actorOf(ctx).organisationId);
  const today = turkishDate(ctx.clock.now());
  const answered = rows.filter((r) => r.answeredAt);
  const days = answered.map((r) => workingDaysBetween(turkishDate(r.sentAt!), turkishDate(r.answeredAt!), calendar));
  const overdue = rows.filter(
    (r) =>
      !r.answeredAt &&
      (r.status === 'sent' || r.status === 'seen') &&
      workingDaysBetween(turkishDate(r.sentAt!), today, calendar) > limit,
  ).length;
  return {
    sent: rows.length,
    answered: answered.length,
    averageWorkingDays: days.length ? Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10 : null,
    withinLimit: days.filter((d) => d <= limit).length,
    overdueNow: overdue,
    limitWorkingDays: limit,
  };
}

/**
 * Reminds employers of referrals left unanswered past the organisation's limit (working days), once
 * per referral per limit period: the scheduled sweep `referral-reminders` (src/server/jobs). Safe to
 * run on several instances at once, and twice in a row: each reminder is claimed in the database.
 */
export async function remindOverdue(ctx: Ctx): Promise<number> {
  const db = ctx.db;
  const calendar = await workingCalendar(db);
  const today = turkishDate(ctx.clock.now());
  const open = await db
    .select({
      r: referrals,
      title: vacancies.title,
      employerName: sql<string>`coalesce(${employers.tradeName}, ${employers.legalName})`,
    })
    .from(referrals)
    .innerJoin(vacancies, eq(vacancies.id, referrals.vacancyId))
    .innerJoin(employers, eq(employers.id, referrals.employerId))
    .where(and(inArray(referrals.status, ['sent', 'seen']), isNull(referrals.answeredAt), isNotNull(referrals.sentAt)));
  let reminded = 0;
  for (const { r, title, employerName } of open) {
    const limit = await answerDays(db, r.organisationId);
    const waiting = workingDaysBetween(turkishDate(r.sentAt!), today, calendar);
    if (waiting <= limit) continue;
    if (r.remindedAt && workingDaysBetween(turkishDate(r.remindedAt), today, calendar) < limit) continue;
    const claimed = await db.transaction(async (tx) => {
      // Claim the reminder first: of several instances running this loop, only one wins each referral.
      const won = await tx
        .update(referrals)
        .set({ remindedAt: ctx.clock.now() })
        .where(
          and(
            eq(referrals.id, r.id),
            r.remindedAt ? eq(referrals.remindedAt, r.remindedAt) : isNull(referrals.remindedAt),
          ),
        )
        .returning({ id: referrals.id });
      if (won.length === 0) return false;
      const portalUsers = await tx
        .select({ id: users.id, email: users.email, locale: users.locale })
        .from(employerUsers)
        .innerJoin(users, eq(users.id, employerUsers.userId))
        .where(and(eq(employerUsers.employerId, r.employerId), eq(users.status, 'active')));
      for (const u of portalUsers) {
        if (!u.email) continue;
        await enqueue(
          { ...ctx, db: tx },
          {
            channel: 'email',
            recipient: u.email,
            template: 'referral-reminder',
            locale: u.locale,
            params: {
              employer: employerName,
              vacancy: title,
              days: waiting,
              link: `${ctx.config.publicUrl}/portal/referrals`,
            },
            organisationId: r.organisationId,
            userId: u.id,
          },
        );
      }
      await audit(
        tx,
        { ...ctx, db: tx },
        {
          action: 'referral.reminded',
          subjectType: 'referral',
          subjectId: r.id,
          organisationId: r.organisationId,
          actorKind: 'system',
        },
      );
      return true;
    });
    if (claimed) reminded++;
  }
  return reminded;
}
