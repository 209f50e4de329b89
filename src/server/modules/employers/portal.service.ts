import { and, asc, count, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employerContacts, employers, employerUsers, organisations, users } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { ProblemError, problems, type FieldError } from '../../lib/errors.ts';
import { blindIndexes } from '../../lib/crypto.ts';
import { normaliseEmail, normalisePhone } from '../../../common/contact.ts';
import type { Locale } from '../../../common/locales.ts';
import { enqueue, type Template } from '../outbox/index.ts';
import { actionLink, createActionToken, INVITATION_TTL_MS } from '../identity/index.ts';
import { checkAttemptRate, createAccount, disableAccount, recordSignInAttempt } from '../identity/index.ts';
import { createEmployer, employerOfUser, getEmployer, loadEmployer, type EmployerInput } from './employers.service.ts';

type EmployerRow = typeof employers.$inferSelect;

/**
 * The employer portal: employers sign up themselves (pending until staff verify them), and their
 * managers invite and remove colleagues. An employer user only ever sees their own employer: anything
 * else answers 404.
 */

/** At most 10 employer sign-ups per address per hour (the sign-in limits' table, its own key prefix). */
export const SIGNUP_LIMIT = 10;
export const SIGNUP_WINDOW_MS = 60 * 60 * 1000;
const SIGNUP_KEY_PREFIX = 'employer-signup:';

export interface PortalUserInput {
  fullName: string;
  email: string;
  phone?: string | null | undefined;
  locale: Locale;
}

export interface EmployerSignUp extends Omit<EmployerInput, 'officeId' | 'acceptTerms'> {
  organisationId: string;
  acceptTerms: boolean;
  user: PortalUserInput;
}

class RollBack extends Error {}

// ---- users of an employer ------------------------------------------------------------------------------

function presentUser(
  u: Pick<typeof users.$inferSelect, 'id' | 'fullName' | 'email' | 'phone' | 'status' | 'lastSignInAt' | 'locale'>,
  link: { manager: boolean; createdAt: Date },
) {
  return {
    id: u.id,
    fullName: u.fullName,
    email: u.email,
    phone: u.phone,
    locale: u.locale,
    status: u.status,
    manager: link.manager,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    addedAt: link.createdAt.toISOString(),
  };
}
export type PortalUserView = ReturnType<typeof presentUser>;

async function usersOf(db: Db, employerId: string): Promise<PortalUserView[]> {
  const rows = await db
    .select({ u: users, link: employerUsers })
    .from(employerUsers)
    .innerJoin(users, eq(users.id, employerUsers.userId))
    .where(eq(employerUsers.employerId, employerId))
    .orderBy(asc(users.fullName), asc(users.id));
  return rows.map((r) => presentUser(r.u, r.link));
}

function contactsOf(input: { email: string; phone?: string | null | undefined }, base: string) {
  const errors: FieldError[] = [];
  const email = normaliseEmail(input.email);
  const phone = input.phone ? normalisePhone(input.phone) : null;
  if (input.phone && !phone) errors.push({ pointer: `${base}/phone`, code: 'errors.validation.format.phone' });
  return { email, phone, errors };
}

async function userWith(db: Db, email: string, phone: string | null) {
  const [byEmail] = await db.select().from(users).where(eq(users.email, email));
  const [byPhone] = phone ? await db.select().from(users).where(eq(users.phone, phone)) : [];
  return { byEmail: byEmail ?? null, byPhone: byPhone ?? null };
}

/**
 * Creates an employer user (kind 'employer', built-in role 'employer'), links them to the employer and
 * sends the invitation to choose a password. In the caller's transaction.
 */
async function createPortalUser(
  tx: Db,
  ctx: Ctx,
  employer: Pick<EmployerRow, 'id' | 'organisationId' | 'legalName' | 'tradeName'>,
  input: { fullName: string; email: string; phone: string | null; locale: Locale; manager: boolean },
  template: Extract<Template, 'employer-signup-welcome' | 'employer-user-invitation'>,
): Promise<string> {
  const now = ctx.clock.now();
  const userId = await createAccount(
    { ...ctx, db: tx },
    {
      organisationId: employer.organisationId,
      kind: 'employer',
      fullName: input.fullName.trim(),
      email: input.email,
      phone: input.phone,
      locale: input.locale,
    },
  );
  await tx.insert(employerUsers).values({ userId, employerId: employer.id, manager: input.manager, createdAt: now });
  const organisationId = employer.organisationId;
  await audit(tx, ctx, {
    action: 'user.created',
    subjectType: 'user',
    subjectId: userId,
    organisationId,
    fields: ['fullName', 'kind', 'email', ...(input.phone ? ['phone'] : []), 'roleIds', 'locale'],
  });
  await audit(tx, ctx, {
    action: 'employer.user-added',
    subjectType: 'employer',
    subjectId: employer.id,
    organisationId,
    fields: input.manager ? ['users', 'manager'] : ['users'],
    purpose: userId,
  });
  const token = await createActionToken(tx, ctx, userId, 'invitation');
  const [org] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  await enqueue(
    { ...ctx, db: tx },
    {
      channel: 'email',
      recipient: input.email,
      template,
      locale: input.locale,
      params: {
        name: input.fullName.trim(),
        employer: employer.tradeName ?? employer.legalName,
        organisation: org?.name ?? '',
        inviter: ctx.actor?.fullName ?? '',
        link: actionLink(ctx, '/accept-invitation', token),
        days: INVITATION_TTL_MS / 86_400_000,
      },
      organisationId,
      userId,
    },
  );
  await audit(tx, ctx, { action: 'user.invited', subjectType: 'user', subjectId: userId, organisationId });
  return userId;
}

// ---- public sign-up ------------------------------------------------------------------------------------

/** 429 with Retry-After when this address has sent too many sign-ups in the last hour. */
const checkSignUpLimit = (ctx: Ctx) =>
  checkAttemptRate(ctx, { keyPrefix: SIGNUP_KEY_PREFIX, limit: SIGNUP_LIMIT, windowMs: SIGNUP_WINDOW_MS });

/** Where to tell an existing employer that someone tried to register it again: its managers, else its contacts. */
async function managersOf(
  tx: Db,
  employerId: string,
): Promise<{ email: string; locale: Locale; userId: string | null }[]> {
  const managers = await tx
    .select({ id: users.id, email: users.email, locale: users.locale })
    .from(employerUsers)
    .innerJoin(users, eq(users.id, employerUsers.userId))
    .where(
      and(eq(employerUsers.employerId, employerId), eq(employerUsers.manager, true), ne(users.status, 'disabled')),
    );
  const out = managers.filter((m) => m.email).map((m) => ({ email: m.email!, locale: m.locale, userId: m.id }));
  if (out.length > 0) return out;
  const contacts = await tx
    .select({ email: employerContacts.email })
    .from(employerContacts)
    .where(eq(employerContacts.employerId, employerId));
  return contacts.filter((c) => c.email).map((c) => ({ email: c.email!, locale: 'tr', userId: null }));
}

/**
 * An employer registers itself with its first user. The employer is pending until staff verify it;
 * the user receives an e-mail to choose a password and becomes the employer's manager. Answers the
 * same whether the employer was new or its tax number was already registered with the organisation
 * (then its managers are told instead, and nothing is created), and likewise for an e-mail address that
 * already has an account (its owner is told). Invalid input is refused before either is looked at.
 */
export async function signUpEmployer(ctx: Ctx, input: EmployerSignUp): Promise<void> {
  await checkSignUpLimit(ctx);
  const own: FieldError[] = [];
  if (input.acceptTerms !== true) own.push({ pointer: '/acceptTerms', code: 'errors.portal.termsRequired' });
  const contact = contactsOf(input.user, '/user');
  own.push(...contact.errors);
  const [organisation] = await ctx.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, input.organisationId));
  if (!organisation)
    throw problems.invalidMany([{ pointer: '/organisationId', code: 'errors.portal.organisationUnknown' }, ...own]);

  const { user: _user, organisationId, ...employerInput } = input;
  const taxNumber = input.taxNumber.replace(/\s/g, '');
  const taxIndex = blindIndexes(`${input.taxKind}:${taxNumber}`, ctx.config);
  const rollBack = new RollBack('neutral answer');

  await ctx.db.transaction(async (tx) => {
    const sub: Ctx = { ...ctx, db: tx };
    const existingUser = await userWith(tx, contact.email, contact.phone);
    let employerId: string | null = null;
    let duplicate = false;
    // The employer's own rules (createEmployer) run even when the answer will be the neutral one, so
    // that invalid input is refused alike for a new and for a registered tax number.
    try {
      await tx.transaction(async (sp) => {
        employerId = await createEmployer(
          { ...sub, db: sp },
          { ...employerInput, acceptTerms: true },
          { organisationId },
        );
        if (own.length > 0 || existingUser.byEmail || existingUser.byPhone) throw rollBack;
      });
    } catch (err) {
      if (err === rollBack) employerId = null;
      else if (err instanceof ProblemError && err.code === 'errors.employers.taxNumberTaken') duplicate = true;
      else if (err instanceof ProblemError && err.status === 422) throw problems.invalidMany([...err.errors, ...own]);
      else throw err;
    }
    if (own.length > 0) throw problems.invalidMany(own);
    await recordSignInAttempt(sub, { accountKey: `${SIGNUP_KEY_PREFIX}${organisationId}`, succeeded: true });

    if (duplicate) {
      const [existing] = await tx
        .select()
        .from(employers)
        .where(and(eq(employers.organisationId, organisationId), inArray(employers.taxNumberIndex, taxIndex)));
      if (!existing) return;
      for (const m of await managersOf(tx, existing.id)) {
        await enqueue(
          { ...ctx, db: tx },
          {
            channel: 'email',
            recipient: m.email,
            template: 'employer-signup-duplicate',
            locale: m.locale,
            params: { employer: existing.tradeName ?? existing.legalName },
            organisationId,
            userId: m.userId,
          },
        );
      }
      return;
    }
    const taken = existingUser.byEmail ?? existingUser.byPhone;
    if (taken) {
      // Tell the address on record (never the one typed, when only the phone matched).
      if (taken.email) {
        await enqueue(
          { ...ctx, db: tx },
          {
            channel: 'email',
            recipient: taken.email,
            template: 'employer-signup-account-exists',
            locale: taken.locale,
            params: { employer: input.tradeName?.trim() || input.legalName.trim() },
            organisationId: taken.organisationId,
            userId: taken.id,
          },
        );
      }
      return;
    }
    const [employer] = await tx.select().from(employers).where(eq(employers.id, employerId!));
    await createPortalUser(
      tx,
      sub,
      employer!,
      {
        fullName: input.user.fullName,
        email: contact.email,
        phone: contact.phone,
        locale: input.user.locale,
        manager: true,
      },
      'employer-signup-welcome',
    );
  });
}

// ---- the portal: my employer and its users -------------------------------------------------------------

async function myLink(db: Db, ctx: Ctx) {
  const employer = await employerOfUser(db, ctx);
  const [link] = await db
    .select()
    .from(employerUsers)
    .where(and(eq(employerUsers.userId, actorOf(ctx).userId), eq(employerUsers.employerId, employer.id)));
  return { employer, manager: !!link?.manager };
}

export async function myEmployer(ctx: Ctx) {
  const employer = await employerOfUser(ctx.db, ctx);
  return getEmployer(ctx, employer.id);
}

export async function listPortalUsers(ctx: Ctx): Promise<PortalUserView[]> {
  const employer = await employerOfUser(ctx.db, ctx);
  return usersOf(ctx.db, employer.id);
}

const managerOnly = () => problems.forbidden('errors.portal.managerOnly');

async function assertContactsFree(db: Db, email: string, phone: string | null): Promise<void> {
  const existing = await userWith(db, email, phone);
  if (existing.byEmail) throw problems.conflict('errors.users.emailTaken', '/email');
  if (existing.byPhone) throw problems.conflict('errors.users.phoneTaken', '/phone');
}

/** A manager invites a colleague: a new employer user of the same employer. */
export async function invitePortalUser(ctx: Ctx, input: PortalUserInput & { manager?: boolean | undefined }) {
  const contact = contactsOf(input, '');
  if (contact.errors.length) throw problems.invalidMany(contact.errors);
  return ctx.db.transaction(async (tx) => {
    const { employer, manager } = await myLink(tx, ctx);
    if (!manager) throw managerOnly();
    await assertContactsFree(tx, contact.email, contact.phone);
    return createPortalUser(
      tx,
      ctx,
      employer,
      { ...input, email: contact.email, phone: contact.phone, manager: input.manager ?? false },
      'employer-user-invitation',
    );
  });
}

/**
 * Takes a user off an employer. The last manager cannot be removed; a user left without any employer
 * is disabled and signed out everywhere.
 */
async function unlink(tx: Db, ctx: Ctx, employerId: string, organisationId: string, userId: string): Promise<void> {
  const [link] = await tx
    .select()
    .from(employerUsers)
    .where(and(eq(employerUsers.employerId, employerId), eq(employerUsers.userId, userId)));
  if (!link) throw problems.notFound();
  if (link.manager) {
    const [managers] = await tx
      .select({ n: count() })
      .from(employerUsers)
      .innerJoin(users, eq(users.id, employerUsers.userId))
      .where(
        and(eq(employerUsers.employerId, employerId), eq(employerUsers.manager, true), ne(users.status, 'disabled')),
      );
    if ((managers?.n ?? 0) <= 1) throw problems.conflict('errors.portal.lastManager');
  }
  await tx.delete(employerUsers).where(and(eq(employerUsers.employerId, employerId), eq(employerUsers.userId, userId)));
  await audit(tx, ctx, {
    action: 'employer.user-removed',
    subjectType: 'employer',
    subjectId: employerId,
    organisationId,
    fields: ['users'],
    purpose: userId,
  });
  const [others] = await tx.select({ n: count() }).from(employerUsers).where(eq(employerUsers.userId, userId));
  if ((others?.n ?? 0) === 0) await disableAccount({ ...ctx, db: tx }, userId, organisationId);
}

export async function removePortalUser(ctx: Ctx, userId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const { employer, manager } = await myLink(tx, ctx);
    if (!manager) throw managerOnly();
    await unlink(tx, ctx, employer.id, employer.organisationId, userId);
  });
}

// ---- staff: the users of an employer ---------------------------------------------------------------------

export async function listEmployerUsers(ctx: Ctx, employerId: string): Promise<PortalUserView[]> {
  await loadEmployer(ctx.db, ctx, employerId);
  return usersOf(ctx.db, employerId);
}

/**
 * Staff give an employer a portal user: an employer user of the organisation who has the e-mail address
 * already is linked; otherwise a new user is created and invited.
 */
export async function addEmployerUser(
  ctx: Ctx,
  employerId: string,
  input: PortalUserInput & { manager?: boolean | undefined },
): Promise<void> {
  const contact = contactsOf(input, '');
  if (contact.errors.length) throw problems.invalidMany(contact.errors);
  await ctx.db.transaction(async (tx) => {
    const employer = await loadEmployer(tx, ctx, employerId);
    const existing = await userWith(tx, contact.email, contact.phone);
    const user = existing.byEmail;
    if (user) {
      if (user.kind !== 'employer' || user.organisationId !== employer.organisationId) {
        throw problems.conflict('errors.users.emailTaken', '/email');
      }
      const [link] = await tx
        .select()
        .from(employerUsers)
        .where(and(eq(employerUsers.employerId, employerId), eq(employerUsers.userId, user.id)));
      if (link) throw problems.conflict('errors.portal.alreadyLinked', '/email');
      await tx
        .insert(employerUsers)
        .values({ userId: user.id, employerId, manager: input.manager ?? false, createdAt: ctx.clock.now() });
      await audit(tx, ctx, {
        action: 'employer.user-added',
        subjectType: 'employer',
        subjectId: employerId,
        fields: input.manager ? ['users', 'manager'] : ['users'],
        purpose: user.id,
      });
      return;
    }
    if (existing.byPhone) throw problems.conflict('errors.users.phoneTaken', '/phone');
    await createPortalUser(
      tx,
      ctx,
      employer,
      { ...input, email: contact.email, phone: contact.phone, manager: input.manager ?? false },
      'employer-user-invitation',
    );
  });
}

export async function removeEmployerUser(ctx: Ctx, employerId: string, userId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const employer = await loadEmployer(tx, ctx, employerId);
    await unlink(tx, ctx, employer.id, employer.organisationId, userId);
  });
}
