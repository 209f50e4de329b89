import { and, eq, inArray, isNull, ne, notInArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import {
  appointments,
  cases,
  consents,
  householdMembers,
  noticeAcknowledgements,
  personDocuments,
  persons,
  personTargetGroups,
  workHistory,
} from '../../../db/schema/index.ts';
import type { Ctx } from '../../../lib/context.ts';
import { audit } from '../../../lib/audit.ts';
import { moveReferralsToPerson, recordRectification } from '../../referrals/index.ts';
import { movePlacementsToPerson } from '../../placements/index.ts';
import { moveCooperativesToPerson } from '../../cooperatives/index.ts';
import { moveFairsToPerson } from '../../fairs/index.ts';
import { moveCourseApplicationsToPerson } from '../../courses/index.ts';
import { moveGraduationsToPerson } from '../../graduation/index.ts';
import { moveChildcareToPerson } from '../../childcare/index.ts';
import { moveSurveyResponsesToPerson } from '../../surveys/index.ts';
import { problems } from '../../../lib/errors.ts';
import { anonymisedRow, isAnonymised, loadPerson } from '../persons/persons.queries.ts';
import { recordNameWords } from '../persons/name-words.ts';
import { refreshMatchingFeatures } from '../facts/matching-features.service.ts';

type PersonRow = typeof persons.$inferSelect;

/** Fields filled on the kept record from the duplicate when (and only when) the kept one has none. */
const FILLABLE = [
  'phone',
  'email',
  'address',
  'iskurRegistered',
  'iskurNumber',
  'iscedLevel',
  'iscedField',
  'graduationYear',
  'skills',
  'constraints',
] as const satisfies readonly (keyof PersonRow)[];

export interface MergeResult {
  id: string;
  mergedId: string;
  filledFields: string[];
  moved: {
    cases: number;
    consents: number;
    notices: number;
    workHistory: number;
    documents: number;
    appointments: number;
    targetGroups: number;
    household: boolean;
    account: boolean;
    placements: number;
    courseApplications: number;
    graduations: number;
    childcare: number;
    surveyResponses: number;
    cooperatives: number;
    fairs: number;
    referrals: number;
  };
  /**
   * Conflicts the owners resolved: applications left on the merged record, positions in line withdrawn,
   * open referrals to a vacancy the kept record is already open on made obsolete.
   */
  conflicts: { courseApplicationsLeft: number; childcareWithdrawn: number; referralsObsolete: number };
  closedCaseId: string | null;
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Merges a duplicate record into the kept one. Everything that belongs to the person moves: cases
 * (with their notes, steps and transfers), consents, notice acknowledgements, work history, documents,
 * appointments, target groups the kept record lacks, household membership and the sign-in account when
 * the kept record has none; placements, course applications, graduation recommendations, care entries and
 * referrals (with the disclosure log) through their modules' index. Empty fields of the kept record are
 * filled from the duplicate; filled ones are never overwritten. The duplicate row stays, marked merged_into_id, so its history and audit
 * trail remain; it is no longer listed, and its id leads to the kept record (see merge.routes.ts).
 */
export async function mergePersons(ctx: Ctx, keptId: string, duplicateId: string): Promise<MergeResult> {
  if (keptId === duplicateId) throw problems.invalid('/duplicateId', 'errors.merge.samePerson');
  return ctx.db.transaction(async (tx) => {
    await loadPerson(tx, ctx, keptId);
    await loadPerson(tx, ctx, duplicateId);
    // Lock both rows, in a fixed order, so that two merges of the same pair cannot interleave.
    const locked = await tx
      .select()
      .from(persons)
      .where(inArray(persons.id, [keptId, duplicateId].sort()))
      .for('update');
    const kept = locked.find((p) => p.id === keptId)!;
    const dup = locked.find((p) => p.id === duplicateId)!;
    if (kept.mergedIntoId) throw problems.conflict('errors.merge.alreadyMerged');
    if (dup.mergedIntoId) throw problems.conflict('errors.merge.alreadyMerged', '/duplicateId');
    if (anonymisedRow(kept)) throw problems.conflict('errors.persons.anonymised');
    if (anonymisedRow(dup)) throw problems.conflict('errors.persons.anonymised', '/duplicateId');
    if (kept.idNumberIndex && dup.idNumberIndex && kept.idNumberIndex !== dup.idNumberIndex)
      throw problems.conflict('errors.merge.idNumberConflict', '/duplicateId');

    const now = ctx.clock.now();
    const result: MergeResult = {
      id: keptId,
      mergedId: duplicateId,
      filledFields: [],
      moved: {
        cases: 0,
        consents: 0,
        notices: 0,
        workHistory: 0,
        documents: 0,
        appointments: 0,
        targetGroups: 0,
        household: false,
        account: false,
        placements: 0,
        courseApplications: 0,
        graduations: 0,
        childcare: 0,
        surveyResponses: 0,
        cooperatives: 0,
        fairs: 0,
        referrals: 0,
      },
      conflicts: { courseApplicationsLeft: 0, childcareWithdrawn: 0, referralsObsolete: 0 },
      closedCaseId: null,
    };

    // Cases: one open case per person. When both have one, the duplicate's closes as merged.
    const [keptOpen] = await tx
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.personId, keptId), ne(cases.status, 'closed')));
    const [dupOpen] = await tx
      .select({ id: cases.id, status: cases.status })
      .from(cases)
      .where(and(eq(cases.personId, duplicateId), ne(cases.status, 'closed')));
    if (keptOpen && dupOpen) {
      await tx
        .update(cases)
        .set({ status: 'closed', closeReason: 'other', closeNote: 'merged', closedAt: now, updatedAt: now })
        .where(eq(cases.id, dupOpen.id));
      await audit(tx, ctx, {
        action: 'case.status-changed',
        subjectType: 'case',
        subjectId: dupOpen.id,
        fields: ['status', 'closeReason'],
        purpose: `${dupOpen.status}→closed`,
      });
      result.closedCaseId = dupOpen.id;
    }
    const movedCases = await tx
      .update(cases)
      .set({ personId: keptId, updatedAt: now })
      .where(eq(cases.personId, duplicateId))
      .returning({ id: cases.id });
    result.moved.cases = movedCases.length;
    result.moved.appointments = (
      await tx
        .update(appointments)
        .set({ personId: keptId, updatedAt: now })
        .where(eq(appointments.personId, duplicateId))
        .returning({ id: appointments.id })
    ).length;

    // Consents: all of them, except an active one for a purpose the kept record already holds actively
    // (one active consent per purpose and partner); that one stays with the merged record's history.
    const keptActive = await tx
      .select({ purpose: consents.purpose, partner: consents.partner })
      .from(consents)
      .where(and(eq(consents.personId, keptId), isNull(consents.withdrawnAt)));
    const dupConsents = await tx.select().from(consents).where(eq(consents.personId, duplicateId));
    const consentIds = dupConsents
      .filter(
        (c) =>
          c.withdrawnAt !== null ||
          !keptActive.some((k) => k.purpose === c.purpose && (k.partner ?? '') === (c.partner ?? '')),
      )
      .map((c) => c.id);
    if (consentIds.length > 0)
      await tx.update(consents).set({ personId: keptId }).where(inArray(consents.id, consentIds));
    result.moved.consents = consentIds.length;

    result.moved.notices = (
      await tx
        .update(noticeAcknowledgements)
        .set({ personId: keptId })
        .where(eq(noticeAcknowledgements.personId, duplicateId))
        .returning({ id: noticeAcknowledgements.id })
    ).length;
    result.moved.documents = (
      await tx
        .update(personDocuments)
        .set({ personId: keptId })
        .where(eq(personDocuments.personId, duplicateId))
        .returning({ id: personDocuments.id })
    ).length;

    // Work history: entries the kept record does not have already.
    const keptWork = await tx.select().from(workHistory).where(eq(workHistory.personId, keptId));
    const sameJob = (a: typeof workHistory.$inferSelect, b: typeof workHistory.$inferSelect) =>
      a.occupation === b.occupation &&
      (a.employer ?? '') === (b.employer ?? '') &&
      a.startDate === b.startDate &&
      a.endDate === b.endDate;
    const dupWork = await tx.select().from(workHistory).where(eq(workHistory.personId, duplicateId));
    const workIds = dupWork.filter((w) => !keptWork.some((k) => sameJob(k, w))).map((w) => w.id);
    if (workIds.length > 0)
      await tx.update(workHistory).set({ personId: keptId }).where(inArray(workHistory.id, workIds));
    result.moved.workHistory = workIds.length;

    // Target groups the kept record lacks (their details move as they are, encrypted).
    const keptGroups = (
      await tx
        .select({ group: personTargetGroups.group })
        .from(personTargetGroups)
        .where(eq(personTargetGroups.personId, keptId))
    ).map((g) => g.group);
    result.moved.targetGroups = (
      await tx
        .update(personTargetGroups)
        .set({ personId: keptId })
        .where(
          and(
            eq(personTargetGroups.personId, duplicateId),
            keptGroups.length ? notInArray(personTargetGroups.group, keptGroups) : undefined,
          ),
        )
        .returning({ group: personTargetGroups.group })
    ).length;

    // Household membership, when the kept record has none.
    const [keptMember] = await tx
      .select({ id: householdMembers.id })
      .from(householdMembers)
      .where(eq(householdMembers.personId, keptId));
    if (!keptMember) {
      const moved = await tx
        .update(householdMembers)
        .set({ personId: keptId })
        .where(eq(householdMembers.personId, duplicateId))
        .returning({ id: householdMembers.id });
      result.moved.household = moved.length > 0;
    }

    // Records of later modules move through their owners, in this transaction (docs/PEOPLE.md).
    const inTx = { ...ctx, db: tx };
    const orgId = kept.organisationId;
    result.moved.placements = await movePlacementsToPerson(inTx, orgId, duplicateId, keptId);
    const courses = await moveCourseApplicationsToPerson(inTx, orgId, duplicateId, keptId);
    result.moved.courseApplications = courses.moved;
    result.conflicts.courseApplicationsLeft = courses.keptOnMerged;
    result.moved.graduations = await moveGraduationsToPerson(inTx, orgId, duplicateId, keptId);
    const care = await moveChildcareToPerson(inTx, orgId, duplicateId, keptId);
    result.moved.childcare = care.moved;
    result.conflicts.childcareWithdrawn = care.withdrawn;
    result.moved.surveyResponses = await moveSurveyResponsesToPerson(inTx, orgId, duplicateId, keptId);
    result.moved.cooperatives = await moveCooperativesToPerson(inTx, orgId, duplicateId, keptId);
    result.moved.fairs = await moveFairsToPerson(inTx, orgId, duplicateId, keptId);
    const referred = await moveReferralsToPerson(inTx, orgId, duplicateId, keptId);
    result.moved.referrals = referred.moved;
    result.conflicts.referralsObsolete = referred.obsolete;

    // The duplicate row keeps its data for history; what moves off it must leave unique columns first.
    const dupRelease: Partial<PersonRow> = { mergedIntoId: keptId, updatedAt: now };
    const keptFill: Partial<PersonRow> = {};
    if (!kept.userId && dup.userId) {
      dupRelease.userId = null;
      keptFill.userId = dup.userId;
      result.moved.account = true;
    }
    if (!kept.idNumberIndex && dup.idNumberIndex) {
      dupRelease.idNumberIndex = null;
      Object.assign(keptFill, {
        idKind: dup.idKind,
        idNumberEnc: dup.idNumberEnc,
        idNumberIndex: dup.idNumberIndex,
        idNumberMasked: dup.idNumberMasked,
        passportCountry: dup.passportCountry,
      });
      result.filledFields.push('idNumber');
    }
    for (const field of FILLABLE) {
      if (isEmpty(kept[field]) && !isEmpty(dup[field])) {
        (keptFill as Record<string, unknown>)[field] = dup[field];
        result.filledFields.push(field);
      }
    }
    if (kept.languages.length === 0 && dup.languages.length > 0) {
      keptFill.languages = dup.languages;
      result.filledFields.push('languages');
    }
    if (kept.desiredOccupations.length === 0 && dup.desiredOccupations.length > 0) {
      keptFill.desiredOccupations = dup.desiredOccupations;
      keptFill.occupationKeys = dup.occupationKeys;
      result.filledFields.push('desiredOccupations');
    }
    // A counsellor has confirmed one of the two: the person is known, the kept record is confirmed.
    if (kept.registration === 'pending' && dup.registration === 'confirmed') {
      keptFill.registration = 'confirmed';
      result.filledFields.push('registration');
    }
    await tx.update(persons).set(dupRelease).where(eq(persons.id, duplicateId));
    // The duplicate is listed no more: its name leaves the vocabulary of name words (the kept one's stays).
    await recordNameWords(tx, dup.organisationId, { before: [dup.nameKey] });
    await tx
      .update(persons)
      .set({ ...keptFill, updatedAt: now })
      .where(eq(persons.id, keptId));
    // The kept record may have gained a protection status, a disability or a nationality.
    await refreshMatchingFeatures(tx, ctx.config, [keptId, duplicateId]);

    // Employers that received the kept profile now hold an incomplete one: record what it gained.
    await recordRectification({ ...ctx, db: tx }, keptId, [
      ...result.filledFields,
      ...(result.moved.workHistory > 0 ? ['workHistory'] : []),
    ]);
    const movedNames = Object.entries(result.moved)
      .filter(([, v]) => v === true || (typeof v === 'number' && v > 0))
      .map(([k]) => k);
    await audit(tx, ctx, {
      action: 'person.merged',
      subjectType: 'person',
      subjectId: keptId,
      fields: [...result.filledFields, ...movedNames],
      purpose: `kept; merged ${duplicateId}`,
    });
    await audit(tx, ctx, {
      action: 'person.merged',
      subjectType: 'person',
      subjectId: duplicateId,
      fields: ['mergedIntoId', ...movedNames],
      purpose: `merged into ${keptId}`,
    });
    return result;
  });
}

/**
 * The record a person id stands for: itself, or the record it was merged into (following a chain of
 * merges), and whether that record is anonymised. Only within the caller's organisation; an unknown id is
 * returned unchanged.
 */
export async function recordForRoute(
  db: Db,
  organisationId: string,
  id: string,
): Promise<{ id: string; anonymised: boolean }> {
  let current = id;
  for (let hops = 0; hops < 10; hops++) {
    const [row] = await db
      .select({ mergedIntoId: persons.mergedIntoId, anonymised: isAnonymised })
      .from(persons)
      .where(and(eq(persons.id, current), eq(persons.organisationId, organisationId)));
    if (!row?.mergedIntoId) return { id: current, anonymised: row?.anonymised ?? false };
    current = row.mergedIntoId;
  }
  return { id: current, anonymised: false };
}
