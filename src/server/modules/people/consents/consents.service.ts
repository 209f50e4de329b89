import { and, desc, eq, isNull } from 'drizzle-orm';
import { consents, noticeAcknowledgements, personTargetGroups, users } from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { audit } from '../../../lib/audit.ts';
import { problems } from '../../../lib/errors.ts';
import type { Locale } from '../../../../common/locales.ts';
import { isSpecialConsentPurpose } from '../../../../common/people.ts';
import { loadPerson } from '../persons/persons.queries.ts';
import { canReadSpecial, type ConsentInput } from '../persons/persons.validation.ts';

/**
 * The person's consents and acknowledged notices. A consent whose purpose reveals a special category
 * (Roma self-identification) is listed only to holders of special-category:read, and that read is
 * audited like any other read of special-category data.
 */
export async function listConsents(ctx: Ctx, personId: string) {
  await loadPerson(ctx.db, ctx, personId);
  const special = canReadSpecial(ctx);
  const [rows, notices] = await Promise.all([
    ctx.db
      .select({ consent: consents, recordedByName: users.fullName })
      .from(consents)
      .leftJoin(users, eq(users.id, consents.recordedBy))
      .where(eq(consents.personId, personId))
      .orderBy(desc(consents.grantedAt)),
    ctx.db
      .select({ notice: noticeAcknowledgements, recordedByName: users.fullName })
      .from(noticeAcknowledgements)
      .leftJoin(users, eq(users.id, noticeAcknowledgements.recordedBy))
      .where(eq(noticeAcknowledgements.personId, personId))
      .orderBy(desc(noticeAcknowledgements.acknowledgedAt)),
  ]);
  const visible = rows.filter(({ consent }) => special || !isSpecialConsentPurpose(consent.purpose));
  if (visible.some(({ consent }) => isSpecialConsentPurpose(consent.purpose))) {
    await audit(ctx.db, ctx, {
      action: 'person.special-category-read',
      subjectType: 'person',
      subjectId: personId,
      purpose: 'consents',
    });
  }
  return {
    consents: visible.map(({ consent: c, recordedByName }) => ({
      id: c.id,
      purpose: c.purpose,
      partner: c.partner,
      textVersion: c.textVersion,
      channel: c.channel,
      grantedAt: c.grantedAt.toISOString(),
      recordedBy: recordedByName,
      withdrawnAt: c.withdrawnAt?.toISOString() ?? null,
      active: c.withdrawnAt === null,
    })),
    notices: notices.map(({ notice: n, recordedByName }) => ({
      id: n.id,
      version: n.noticeVersion,
      locale: n.locale,
      channel: n.channel,
      acknowledgedAt: n.acknowledgedAt.toISOString(),
      recordedBy: recordedByName,
    })),
  };
}

export async function grantConsent(ctx: Ctx, personId: string, input: ConsentInput): Promise<void> {
  if (isSpecialConsentPurpose(input.purpose) && !canReadSpecial(ctx))
    throw problems.invalid('/purpose', 'errors.persons.specialNotAllowed');
  if (input.purpose === 'share-with-partners' && !input.partner)
    throw problems.invalid('/partner', 'errors.validation.required');
  await ctx.db.transaction(async (tx) => {
    const person = await loadPerson(tx, ctx, personId);
    const [active] = await tx
      .select({ id: consents.id, partner: consents.partner })
      .from(consents)
      .where(and(eq(consents.personId, personId), eq(consents.purpose, input.purpose), isNull(consents.withdrawnAt)));
    if (active && (active.partner ?? '') === (input.partner ?? ''))
      throw problems.conflict('errors.consents.alreadyGiven');
    await tx.insert(consents).values({
      personId,
      organisationId: person.organisationId,
      purpose: input.purpose,
      partner: input.partner ?? null,
      textVersion: input.textVersion,
      channel: input.channel,
      grantedAt: ctx.clock.now(),
      recordedBy: actorOf(ctx).userId,
    });
    await audit(tx, ctx, {
      action: 'consent.granted',
      subjectType: 'person',
      subjectId: personId,
      purpose: input.purpose,
    });
  });
}

/**
 * Withdraws a consent with immediate effect; the case file stays. Withdrawing the Roma
 * self-identification consent removes the Roma group from the profile at once.
 */
export async function withdrawConsent(ctx: Ctx, personId: string, consentId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await loadPerson(tx, ctx, personId);
    const [row] = await tx
      .update(consents)
      .set({ withdrawnAt: ctx.clock.now(), withdrawnBy: actorOf(ctx).userId })
      .where(and(eq(consents.id, consentId), eq(consents.personId, personId), isNull(consents.withdrawnAt)))
      .returning();
    // A consent the caller cannot see (special category) cannot be withdrawn by them either.
    if (!row || (isSpecialConsentPurpose(row.purpose) && !canReadSpecial(ctx))) throw problems.notFound();
    if (row.purpose === 'roma-self-identification') {
      await tx
        .delete(personTargetGroups)
        .where(and(eq(personTargetGroups.personId, personId), eq(personTargetGroups.group, 'roma')));
    }
    await audit(tx, ctx, {
      action: 'consent.withdrawn',
      subjectType: 'person',
      subjectId: personId,
      purpose: row.purpose,
    });
  });
}

export async function acknowledgeNotice(
  ctx: Ctx,
  personId: string,
  input: { version: string; locale: Locale; channel: 'in-person' | 'phone' | 'online' | 'paper' },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const person = await loadPerson(tx, ctx, personId);
    await tx.insert(noticeAcknowledgements).values({
      personId,
      organisationId: person.organisationId,
      noticeVersion: input.version,
      locale: input.locale,
      channel: input.channel,
      recordedBy: actorOf(ctx).userId,
      acknowledgedAt: ctx.clock.now(),
    });
    await audit(tx, ctx, {
      action: 'notice.acknowledged',
      subjectType: 'person',
      subjectId: personId,
      purpose: input.version,
    });
  });
}

/** Whether a person has an active consent for a purpose (other modules ask this before sharing). */
export async function hasActiveConsent(
  ctx: Pick<Ctx, 'db'>,
  personId: string,
  purpose: ConsentInput['purpose'],
): Promise<boolean> {
  const [row] = await ctx.db
    .select({ id: consents.id })
    .from(consents)
    .where(and(eq(consents.personId, personId), eq(consents.purpose, purpose), isNull(consents.withdrawnAt)));
  return !!row;
}

/**
 * The partners a person consented to share with (`share-with-partners` consents in force, each naming its
 * partner as written on the consent): programmes' donor beneficiary list matches them to the donor.
 */
export async function partnersConsentedTo(ctx: Ctx, personId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ partner: consents.partner })
    .from(consents)
    .where(
      and(
        eq(consents.organisationId, actorOf(ctx).organisationId),
        eq(consents.personId, personId),
        eq(consents.purpose, 'share-with-partners'),
        isNull(consents.withdrawnAt),
      ),
    );
  return rows.flatMap((r) => (r.partner ? [r.partner] : []));
}
