import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { personTargetGroups, workPermits } from '../../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../../lib/context.ts';
import { audit, changedFields } from '../../../lib/audit.ts';
import { problems, type FieldError } from '../../../lib/errors.ts';
import {
  EMPLOYER_BOUND_PERMITS,
  PERSONAL_PERMITS,
  permitValidOn,
  type PermitFacts,
  type WorkPermitKind,
  type WorkPermitStatus,
} from '../../../../common/decent-work.ts';
import { turkishDate } from '../../../../common/working-days.ts';
import { loadEmployer } from '../../employers/index.ts';
import { loadPerson } from '../persons/persons.queries.ts';
import { canReadSpecial } from '../persons/persons.validation.ts';
import { decrypt } from '../../../lib/crypto.ts';
import type { PersonFacts, RightToWork } from '../../../../common/decent-work.ts';
import { refreshMatchingFeatures } from '../facts/matching-features.service.ts';

/**
 * Work permits and exemptions as records of the person (issue 8, items 3 and 4): per employer where the
 * permit is bound to one, with the dates of request, decision and validity. For a person in the refugee
 * group (temporary or international protection, …) they are restricted like the protection status:
 * without `special-category:read` they are not shown and cannot be written; every read of them is audited.
 */

type PermitRow = typeof workPermits.$inferSelect;

export interface WorkPermitInput {
  kind: WorkPermitKind;
  status: WorkPermitStatus;
  employerId?: string | null | undefined;
  /** An employer not registered in Köprü (a permit held before the person came to us). */
  employerName?: string | null | undefined;
  requestedOn?: string | null | undefined;
  decidedOn?: string | null | undefined;
  validFrom?: string | null | undefined;
  validUntil?: string | null | undefined;
  reference?: string | null | undefined;
  note?: string | null | undefined;
}

/** Whether a person's permits are restricted: they are in the refugee group (a special group). */
async function isRestricted(db: Db, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ group: personTargetGroups.group })
    .from(personTargetGroups)
    .where(and(eq(personTargetGroups.personId, personId), eq(personTargetGroups.group, 'refugee')));
  return !!row;
}

function present(p: PermitRow, today: string) {
  return {
    id: p.id,
    kind: p.kind,
    status: p.status,
    employerId: p.employerId,
    employerName: p.employerName,
    requestedOn: p.requestedOn,
    decidedOn: p.decidedOn,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    reference: p.reference,
    note: p.note,
    validToday: permitValidOn(p, today),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type WorkPermitView = ReturnType<typeof present>;

/** The facts the decent-work rules read (src/common/decent-work.ts). */
export function permitFacts(rows: readonly PermitRow[]): PermitFacts[] {
  return rows.map((p) => ({
    kind: p.kind,
    status: p.status,
    employerId: p.employerId,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
  }));
}

/** Every permit of a person, for the rules (the caller audits the restricted read with its purpose). */
export async function permitsOfPerson(db: Db, personId: string): Promise<PermitRow[]> {
  return db.select().from(workPermits).where(eq(workPermits.personId, personId)).orderBy(asc(workPermits.createdAt));
}

export async function listWorkPermits(ctx: Ctx, personId: string): Promise<WorkPermitView[]> {
  await loadPerson(ctx.db, ctx, personId);
  const restricted = await isRestricted(ctx.db, personId);
  // Hidden as the protection status is: a reader without special-category:read learns nothing of it.
  if (restricted && !canReadSpecial(ctx)) return [];
  const rows = await permitsOfPerson(ctx.db, personId);
  if (restricted && rows.length > 0) {
    await audit(ctx.db, ctx, {
      action: 'person.special-category-read',
      subjectType: 'person',
      subjectId: personId,
      purpose: 'work-permits',
    });
  }
  const today = turkishDate(ctx.clock.now());
  return rows.map((r) => present(r, today));
}

type Values = Omit<typeof workPermits.$inferInsert, 'organisationId' | 'personId'>;

/** Checks a permit as it will be stored (existing values merged with the patch); one 422 naming every field. */
async function validate(c: Ctx, merged: WorkPermitInput, employerChanged: boolean): Promise<Partial<Values>> {
  const errors: FieldError[] = [];
  const today = turkishDate(c.clock.now());
  const values: Partial<Values> = {};
  const text = (v: string | null | undefined) => (v === undefined ? undefined : v?.trim() || null);
  if (employerChanged) {
    if (merged.employerId) {
      const employer = await loadEmployer(c.db, c, merged.employerId);
      values.employerId = employer.id;
      values.employerName = employer.tradeName ?? employer.legalName;
    } else {
      values.employerId = null;
      values.employerName = text(merged.employerName) ?? null;
    }
  }
  const hasEmployer = !!(merged.employerId || text(merged.employerName));
  if (EMPLOYER_BOUND_PERMITS.includes(merged.kind) && !hasEmployer) {
    errors.push({ pointer: '/employerId', code: 'errors.workPermits.employerRequired' });
  }
  if (PERSONAL_PERMITS.includes(merged.kind) && hasEmployer) {
    errors.push({ pointer: '/employerId', code: 'errors.workPermits.notEmployerBound' });
  }
  for (const key of ['requestedOn', 'decidedOn'] as const) {
    if (merged[key] && merged[key] > today) errors.push({ pointer: `/${key}`, code: 'errors.workPermits.future' });
  }
  if (merged.requestedOn && merged.decidedOn && merged.decidedOn < merged.requestedOn) {
    errors.push({ pointer: '/decidedOn', code: 'errors.workPermits.decidedBeforeRequested' });
  }
  if (merged.status === 'granted') {
    if (!merged.validFrom) errors.push({ pointer: '/validFrom', code: 'errors.validation.required' });
    if (!merged.validUntil && merged.kind !== 'indefinite-work-permit') {
      errors.push({ pointer: '/validUntil', code: 'errors.validation.required' });
    }
  } else {
    for (const key of ['validFrom', 'validUntil'] as const) {
      if (merged[key]) errors.push({ pointer: `/${key}`, code: 'errors.workPermits.validityOnlyWhenGranted' });
    }
  }
  if ((merged.status === 'granted' || merged.status === 'refused') && !merged.decidedOn) {
    errors.push({ pointer: '/decidedOn', code: 'errors.validation.required' });
  }
  if (merged.validFrom && merged.validUntil && merged.validUntil < merged.validFrom) {
    errors.push({ pointer: '/validUntil', code: 'errors.workPermits.untilBeforeFrom' });
  }
  if (errors.length) throw problems.invalidMany(errors);
  values.kind = merged.kind;
  values.status = merged.status;
  for (const key of ['requestedOn', 'decidedOn', 'validFrom', 'validUntil'] as const) values[key] = merged[key] ?? null;
  values.reference = text(merged.reference) ?? null;
  values.note = text(merged.note) ?? null;
  return values;
}

/** Loads the person for a write; a restricted person's permits need special-category:read. */
async function personForWrite(c: Ctx, personId: string) {
  const person = await loadPerson(c.db, c, personId);
  if ((await isRestricted(c.db, personId)) && !canReadSpecial(c)) throw problems.forbidden();
  return person;
}

export async function recordWorkPermit(ctx: Ctx, personId: string, input: WorkPermitInput): Promise<WorkPermitView> {
  return inTransaction(ctx, async (c) => {
    const person = await personForWrite(c, personId);
    const values = await validate(c, input, true);
    const now = ctx.clock.now();
    const [row] = await c.db
      .insert(workPermits)
      .values({
        ...(values as Values),
        organisationId: person.organisationId,
        personId,
        recordedBy: actorOf(ctx).userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await refreshMatchingFeatures(c.db, ctx.config, [personId]);
    await audit(c.db, c, {
      action: 'work-permit.recorded',
      subjectType: 'person',
      subjectId: personId,
      fields: Object.keys(values).filter((k) => values[k as keyof Values] !== null),
      purpose: 'work-permit',
    });
    return present(row!, turkishDate(now));
  });
}

async function loadPermit(c: Ctx, personId: string, permitId: string): Promise<PermitRow> {
  const [row] = await c.db
    .select()
    .from(workPermits)
    .where(and(eq(workPermits.id, permitId), eq(workPermits.personId, personId)));
  if (!row) throw problems.notFound();
  return row;
}

export async function updateWorkPermit(
  ctx: Ctx,
  personId: string,
  permitId: string,
  patch: Partial<WorkPermitInput>,
): Promise<WorkPermitView> {
  return inTransaction(ctx, async (c) => {
    await personForWrite(c, personId);
    const before = await loadPermit(c, personId, permitId);
    const employerChanged = patch.employerId !== undefined || patch.employerName !== undefined;
    const merged: WorkPermitInput = {
      kind: before.kind,
      status: before.status,
      employerId: before.employerId,
      employerName: before.employerName,
      requestedOn: before.requestedOn,
      decidedOn: before.decidedOn,
      validFrom: before.validFrom,
      validUntil: before.validUntil,
      reference: before.reference,
      note: before.note,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    if (patch.employerId !== undefined && patch.employerName === undefined) merged.employerName = null;
    const values = await validate(c, merged, employerChanged);
    const fields = changedFields(before as unknown as Record<string, unknown>, values as Record<string, unknown>);
    if (fields.length === 0) return present(before, turkishDate(ctx.clock.now()));
    const [row] = await c.db
      .update(workPermits)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(eq(workPermits.id, permitId))
      .returning();
    await refreshMatchingFeatures(c.db, ctx.config, [personId]);
    await audit(c.db, c, {
      action: 'work-permit.updated',
      subjectType: 'person',
      subjectId: personId,
      fields,
      purpose: 'work-permit',
    });
    return present(row!, turkishDate(ctx.clock.now()));
  });
}

export async function removeWorkPermit(ctx: Ctx, personId: string, permitId: string): Promise<void> {
  await inTransaction(ctx, async (c) => {
    await personForWrite(c, personId);
    await loadPermit(c, personId, permitId);
    await c.db.delete(workPermits).where(eq(workPermits.id, permitId));
    await refreshMatchingFeatures(c.db, ctx.config, [personId]);
    await audit(c.db, c, {
      action: 'work-permit.removed',
      subjectType: 'person',
      subjectId: personId,
      purpose: 'work-permit',
    });
  });
}

/**
 * What the decent-work rules need to know of a person for a referral (and, later, a placement): birth
 * date, right to work and permits. Reads the encrypted protection status, so the read is audited with
 * its purpose.
 */
export async function decentWorkFactsOf(ctx: Ctx, personId: string) {
  const person = await loadPerson(ctx.db, ctx, personId);
  const [refugee] = await ctx.db
    .select()
    .from(personTargetGroups)
    .where(and(eq(personTargetGroups.personId, personId), eq(personTargetGroups.group, 'refugee')));
  let rightToWork: RightToWork = person.nationality === 'TR' ? { status: 'citizen' } : { status: 'foreigner' };
  if (refugee) {
    const details = refugee.detailsEnc
      ? (JSON.parse(decrypt(refugee.detailsEnc, ctx.config)) as {
          status?: string;
          registrationProvince?: string | null;
          registrationDate?: string | null;
        })
      : {};
    if (details.status === 'temporary-protection') {
      rightToWork = {
        status: 'temporary-protection',
        registrationProvince: details.registrationProvince ?? null,
        registrationDate: details.registrationDate ?? null,
      };
    } else if (details.status === 'international-protection') {
      rightToWork = { status: 'international-protection', registrationDate: details.registrationDate ?? null };
    } else rightToWork = { status: 'foreigner' };
    await audit(ctx.db, ctx, {
      action: 'person.special-category-read',
      subjectType: 'person',
      subjectId: personId,
      purpose: 'decent-work-check',
    });
  }
  const facts: PersonFacts = { birthDate: person.birthDate, inSchool: false, rightToWork };
  return { person, facts, permits: permitFacts(await permitsOfPerson(ctx.db, personId)) };
}
