/** Changing persons: registration (with consent, notice and the first case), updates, and the audited ID-number reveal. */
import { and, eq, isNull, ne, notInArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  cases,
  consents,
  noticeAcknowledgements,
  offices,
  persons,
  personTargetGroups,
  workHistory,
} from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { audit, changedFields } from '../../../lib/audit.ts';
import { recordRectification } from '../../referrals/index.ts';
import { problems } from '../../../lib/errors.ts';
import { scopeOf } from '../../../lib/access.ts';
import { decrypt } from '../../../lib/crypto.ts';
import type { IdKind } from '../../../../common/identity-number.ts';
import { isSpecialConsentPurpose } from '../../../../common/people.ts';
import { codePersonInput, refreshIscoGroups, type WorkCode } from './occupation-codes.service.ts';
import {
  canReadSpecial,
  isSpecial,
  normalisePersonFields,
  type Normalised,
  type PersonCreate,
  type PersonFields,
  type WorkInput,
} from './persons.validation.ts';
import { findLikelyDuplicates, loadPerson } from './persons.queries.ts';

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
        throw problems.conflict('errors.persons.likelyDuplicate', {
          pointer: '/confirmNotDuplicate',
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
