/** Changing persons: registration (with consent, notice and the first case), updates, and the audited ID-number reveal. */
import { and, eq, inArray, isNull, ne, notInArray } from 'drizzle-orm';
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
import { audit, auditMany, changedFields, type AuditEvent } from '../../../lib/audit.ts';
import { recordRectification } from '../../referrals/index.ts';
import { ProblemError, problems } from '../../../lib/errors.ts';
import { insertRows } from '../../../lib/bulk-insert.ts';
import { scopeOf } from '../../../lib/access.ts';
import { decrypt } from '../../../lib/crypto.ts';
import type { IdKind } from '../../../../common/identity-number.ts';
import { isSpecialConsentPurpose } from '../../../../common/people.ts';
import { codePersonInput, iscoGroupsOf, refreshIscoGroups, type WorkCode } from './occupation-codes.service.ts';
import {
  canReadSpecial,
  isSpecial,
  normalisePersonFields,
  type Normalised,
  type PersonCreate,
  type PersonPatch,
  type WorkInput,
} from './persons.validation.ts';
import { countLikelyDuplicates, loadPerson } from './persons.queries.ts';
import { refreshMatchingFeatures } from '../facts/matching-features.service.ts';
import { recordNameWords } from './name-words.ts';

async function assertOfficeInScope(db: Db, ctx: Ctx, officeId: string): Promise<void> {
  const scope = scopeOf(actorOf(ctx));
  const [office] = await db
    .select({ id: offices.id })
    .from(offices)
    .where(and(eq(offices.id, officeId), eq(offices.organisationId, scope.organisationId)));
  if (!office || (scope.officeId && scope.officeId !== officeId))
    throw problems.invalid('/officeId', 'errors.users.officeUnknown');
}

/** A registration checked for everything that needs no lookup of persons: its rows, ready to insert. */
export interface PreparedRegistration {
  input: PersonCreate;
  officeId: string;
  values: Partial<typeof persons.$inferInsert>;
  groups: NonNullable<Normalised['groups']>;
  work: WorkInput[];
  workCodes: WorkCode[] | undefined;
  idIndex: string | null | undefined;
  consents: NonNullable<PersonCreate['consents']>;
}

/**
 * Registration, step 1 (`createPerson` and the batch import both go through it): the input's rules
 * (RULES.md, DATA-PROTECTION.md), the occupation coding and who may record special categories.
 * Throws the ProblemError that refuses the input; writes nothing.
 */
export async function prepareRegistration(ctx: Ctx, input: PersonCreate): Promise<PreparedRegistration> {
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
  return {
    input,
    officeId,
    values,
    groups: groups ?? [],
    work: work ?? [],
    workCodes: coded.workCodes,
    idIndex,
    consents: consentsIn,
  };
}

/**
 * Registration, step 2: the checks against what is stored, for many registrations in a few statements
 * (one per office, one for the ID numbers, one for the likely duplicates): the office in the actor's
 * scope, the ID number not taken, no likely duplicate unless confirmed. Returns, in order, the problem
 * that refuses each one, or null. Reads only: run it in the transaction that writes.
 */
export async function checkRegistrations(
  db: Db,
  ctx: Ctx,
  list: readonly PreparedRegistration[],
): Promise<(ProblemError | null)[]> {
  const out: (ProblemError | null)[] = list.map(() => null);
  if (list.length === 0) return out;
  const organisationId = actorOf(ctx).organisationId;
  for (const officeId of new Set(list.map((r) => r.officeId))) {
    try {
      await assertOfficeInScope(db, ctx, officeId);
    } catch (err) {
      if (!(err instanceof ProblemError)) throw err;
      list.forEach((r, i) => {
        if (r.officeId === officeId) out[i] = err;
      });
    }
  }
  const indexes = [...new Set(list.flatMap((r, i) => (!out[i] && r.idIndex ? [r.idIndex] : [])))];
  if (indexes.length > 0) {
    const taken = new Set(
      (
        await db
          .select({ idIndex: persons.idNumberIndex })
          .from(persons)
          .where(and(eq(persons.organisationId, organisationId), inArray(persons.idNumberIndex, indexes)))
      ).map((r) => r.idIndex),
    );
    list.forEach((r, i) => {
      if (!out[i] && r.idIndex && taken.has(r.idIndex))
        out[i] = problems.conflict('errors.persons.idNumberTaken', '/idNumber');
    });
  }
  const probes = list.flatMap((r, i) =>
    out[i] || r.input.confirmNotDuplicate
      ? []
      : [{ i, nameKey: r.values.nameKey!, birthDate: r.values.birthDate!, phone: r.values.phone ?? null }],
  );
  const counts = await countLikelyDuplicates(db, organisationId, probes);
  probes.forEach((probe, k) => {
    if (counts[k]! > 0)
      out[probe.i] = problems.conflict('errors.persons.likelyDuplicate', {
        pointer: '/confirmNotDuplicate',
        params: { count: counts[k]! },
      });
  });
  return out;
}

/** Rows per multi-row insert (PostgreSQL takes at most 65,535 parameters a statement). */
const WRITE_ROWS = 500;
const inSlices = <T>(items: readonly T[], size = WRITE_ROWS) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, k) => items.slice(k * size, (k + 1) * size));

/**
 * Registration, step 3: writes checked registrations with multi-row inserts — the persons, their
 * target groups, work history and ISCO groups, the notice acknowledgement, the consents, the first
 * case — and their audit events (person.created, notice.acknowledged, consent.granted, case.opened).
 * Returns the new persons' ids in order. Call in the transaction of `checkRegistrations`.
 */
export async function writeRegistrations(tx: Db, ctx: Ctx, list: readonly PreparedRegistration[]): Promise<string[]> {
  if (list.length === 0) return [];
  const actor = actorOf(ctx);
  const now = ctx.clock.now();
  const rows = list.map((r) => ({ r, id: crypto.randomUUID(), caseId: crypto.randomUUID() }));
  const counsellorId = actor.kind === 'staff' && actor.permissions.has('cases:write') ? actor.userId : null;
  for (const part of inSlices(rows))
    await insertRows(
      tx,
      persons,
      part.map(({ r, id }) => ({
        ...(r.values as typeof persons.$inferInsert),
        id,
        organisationId: actor.organisationId,
        officeId: r.officeId,
        registration: 'confirmed' as const,
        // Derived here rather than by `refreshIscoGroups` after the work history is written (no second row version).
        iscoGroups: iscoGroupsOf([
          ...(r.values.occupationLinks ?? []).map((l) => l.iscoCode),
          ...r.work.map((_, i) => r.workCodes?.[i]?.iscoCode),
        ]),
        // Set with the person, so that the target-group trigger (migration 0046) finds them equal and writes no
        // second row version; sorted in code-point order as the trigger sorts them.
        targetGroups: r.groups.map((g) => g.group).sort(),
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })),
    );
  const groups = rows.flatMap(({ r, id }) =>
    r.groups.map((g) => ({
      personId: id,
      organisationId: actor.organisationId,
      group: g.group,
      details: g.details,
      detailsEnc: g.detailsEnc,
      recordedBy: actor.userId,
      recordedAt: now,
    })),
  );
  for (const part of inSlices(groups)) await insertRows(tx, personTargetGroups, part);
  const work = rows.flatMap(({ r, id }) =>
    r.work.map((w, i) => ({
      ...(r.workCodes?.[i] ?? {}),
      personId: id,
      organisationId: actor.organisationId,
      occupation: w.occupation.trim(),
      employer: w.employer?.trim() || null,
      startDate: w.startDate ?? null,
      endDate: w.endDate ?? null,
      registered: w.registered,
    })),
  );
  for (const part of inSlices(work)) await insertRows(tx, workHistory, part);
  // The restricted matching features (protection status, disability) in the same transaction.
  await refreshMatchingFeatures(
    tx,
    ctx.config,
    rows.map((x) => x.id),
  );
  for (const part of inSlices(rows))
    await insertRows(
      tx,
      noticeAcknowledgements,
      part.map(({ r, id }) => ({
        personId: id,
        organisationId: actor.organisationId,
        noticeVersion: r.input.notice.version,
        locale: r.input.notice.locale,
        channel: r.input.notice.channel,
        recordedBy: actor.userId,
        acknowledgedAt: now,
      })),
    );
  const consentRows = rows.flatMap(({ r, id }) =>
    r.consents.map((c) => ({
      personId: id,
      organisationId: actor.organisationId,
      purpose: c.purpose,
      partner: c.partner ?? null,
      textVersion: c.textVersion,
      channel: c.channel,
      grantedAt: now,
      recordedBy: actor.userId,
    })),
  );
  for (const part of inSlices(consentRows)) await insertRows(tx, consents, part);
  for (const part of inSlices(rows))
    await insertRows(
      tx,
      cases,
      part.map(({ r, id, caseId }) => ({
        id: caseId,
        organisationId: actor.organisationId,
        personId: id,
        officeId: r.officeId,
        counsellorId,
        status: 'new' as const,
        openedAt: now,
      })),
    );
  const events = rows.flatMap(({ r, id, caseId }): AuditEvent[] => [
    {
      action: 'person.created',
      subjectType: 'person',
      subjectId: id,
      fields: Object.keys(r.values).filter(
        (k) => !['nameKey', 'idNumberEnc', 'idNumberIndex', 'idNumberMasked', 'occupationKeys'].includes(k),
      ),
    },
    { action: 'notice.acknowledged', subjectType: 'person', subjectId: id, purpose: r.input.notice.version },
    ...r.consents.map((c): AuditEvent => ({
      action: 'consent.granted',
      subjectType: 'person',
      subjectId: id,
      purpose: c.purpose,
    })),
    { action: 'case.opened', subjectType: 'case', subjectId: caseId },
  ]);
  for (const part of inSlices(events)) await auditMany(tx, ctx, part);
  // Last: the shared vocabulary's counts are locked from here to the commit, so concurrent writers (the
  // import's workers) wait for one another only that long.
  await recordNameWords(tx, actor.organisationId, { after: list.map((r) => r.values.nameKey!) });
  return rows.map((x) => x.id);
}

/** Registers one person: the three steps above, the last two in one transaction. */
export async function createPerson(ctx: Ctx, input: PersonCreate): Promise<string> {
  const prepared = await prepareRegistration(ctx, input);
  return ctx.db.transaction(async (tx) => {
    const [problem] = await checkRegistrations(tx, ctx, [prepared]);
    if (problem) throw problem;
    const [id] = await writeRegistrations(tx, ctx, [prepared]);
    return id!;
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
export async function updatePerson(ctx: Ctx, id: string, patch: PersonPatch): Promise<void> {
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
    // A new name changes the vocabulary of name words (a merged record is in it no more).
    if (values.nameKey !== undefined && !person.mergedIntoId)
      await recordNameWords(tx, person.organisationId, { before: [person.nameKey], after: [values.nameKey] });
    if (values.occupationLinks || work) await refreshIscoGroups(tx, person.organisationId, [id]);
    // The restricted matching features follow the nationality, protection status and disability.
    if (groups || 'nationality' in values) await refreshMatchingFeatures(tx, ctx.config, [id]);
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
