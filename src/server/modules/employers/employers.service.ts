import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { employerConcerns, employerContacts, employers, employerUsers } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import { ProblemError, problems, type FieldError } from '../../lib/errors.ts';
import { blindIndex, encrypt } from '../../lib/crypto.ts';
import { findDistrict, findProvince } from '../../lib/geography.ts';
import { searchKey } from '../../../common/text.ts';
import { isValidSgkWorkplaceNumber, isValidTckn, isValidVkn, maskIdNumber } from '../../../common/identity-number.ts';
import { disabilityQuota, suggestHazardClass } from '../../../common/nace.ts';
import type { HazardClass } from '../../../common/decent-work.ts';
import { normaliseEmail, normalisePhone } from '../../../common/contact.ts';
import { addWorkingDaysFrom } from '../reference/reference.service.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { safeHttpUrl } from '../../../common/url.ts';

type EmployerRow = typeof employers.$inferSelect;

export const TERMS_VERSION = '2026-01';

export interface EmployerInput {
  legalName: string;
  tradeName?: string | null | undefined;
  taxKind: 'vkn' | 'tckn';
  taxNumber: string;
  sgkWorkplaceNumber?: string | null | undefined;
  naceCode: string;
  workerCount: number;
  isPublic?: boolean | undefined;
  province: string;
  district: string;
  address?: string | null | undefined;
  website?: string | null | undefined;
  acceptTerms?: boolean | undefined;
  officeId?: string | null | undefined;
}

function normalise(ctx: Ctx, input: Partial<EmployerInput>, existing: EmployerRow | null) {
  const errors: FieldError[] = [];
  const values: Partial<typeof employers.$inferInsert> = {};
  if (input.legalName !== undefined) {
    values.legalName = input.legalName.trim();
    values.nameKey = searchKey(`${input.legalName} ${input.tradeName ?? existing?.tradeName ?? ''}`);
  }
  if (input.tradeName !== undefined) {
    values.tradeName = input.tradeName?.trim() || null;
    values.nameKey = searchKey(`${values.legalName ?? existing?.legalName ?? ''} ${input.tradeName ?? ''}`);
  }
  if (input.taxNumber !== undefined || input.taxKind !== undefined) {
    const kind = input.taxKind ?? existing?.taxKind ?? 'vkn';
    const number = (input.taxNumber ?? '').replace(/\s/g, '');
    if (kind === 'vkn' && !isValidVkn(number))
      errors.push({ pointer: '/taxNumber', code: 'errors.employers.vknInvalid' });
    else if (kind === 'tckn' && !isValidTckn(number))
      errors.push({ pointer: '/taxNumber', code: 'errors.persons.idNumberInvalid.tckn' });
    else {
      values.taxKind = kind;
      values.taxNumberIndex = blindIndex(`${kind}:${number}`, ctx.config.indexKey);
      // A company's tax number is public; a sole trader's is their ID number: encrypted and masked.
      values.taxNumber = kind === 'vkn' ? number : null;
      values.taxNumberEnc = kind === 'tckn' ? encrypt(number, ctx.config.dataKey) : null;
      values.taxNumberMasked = kind === 'vkn' ? number : maskIdNumber(number);
    }
  }
  if (input.sgkWorkplaceNumber !== undefined) {
    const sgk = input.sgkWorkplaceNumber?.replace(/[\s.-]/g, '') || null;
    if (sgk && !isValidSgkWorkplaceNumber(sgk))
      errors.push({ pointer: '/sgkWorkplaceNumber', code: 'errors.employers.sgkInvalid' });
    values.sgkWorkplaceNumber = sgk;
  }
  if (input.naceCode !== undefined) {
    const suggested = suggestHazardClass(input.naceCode);
    if (!suggested) errors.push({ pointer: '/naceCode', code: 'errors.employers.naceInvalid' });
    else {
      values.naceCode = input.naceCode.trim();
      values.hazardClassSuggested = suggested;
      if (existing && existing.naceCode !== values.naceCode) {
        // A new activity needs the class confirmed again.
        values.hazardClass = null;
        values.hazardConfirmedAt = null;
        values.hazardConfirmedBy = null;
      }
    }
  }
  if (input.workerCount !== undefined) values.workerCount = input.workerCount;
  if (input.isPublic !== undefined) values.isPublic = input.isPublic;
  if (input.province !== undefined || input.district !== undefined) {
    const province = findProvince(input.province ?? existing?.province ?? '');
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
  if (input.address !== undefined) values.address = input.address?.trim() || null;
  if (input.website !== undefined) values.website = input.website?.trim() || null;
  if (errors.length) throw problems.invalidMany(errors);
  return values;
}

function present(e: EmployerRow) {
  return {
    id: e.id,
    legalName: e.legalName,
    tradeName: e.tradeName,
    taxKind: e.taxKind,
    taxNumber: e.taxNumberMasked,
    sgkWorkplaceNumber: e.sgkWorkplaceNumber,
    naceCode: e.naceCode,
    hazardClassSuggested: e.hazardClassSuggested,
    hazardClass: e.hazardClass,
    hazardConfirmed: e.hazardConfirmedAt !== null,
    workerCount: e.workerCount,
    isPublic: e.isPublic,
    disabilityQuota: disabilityQuota(e.workerCount, e.isPublic),
    province: e.province,
    district: e.district,
    address: e.address,
    website: safeHttpUrl(e.website),
    termsAccepted: e.termsAcceptedAt !== null,
    status: e.status,
    statusReason: e.statusReason,
    verifiedAt: e.verifiedAt?.toISOString() ?? null,
    createdAt: e.createdAt.toISOString(),
  };
}
export type EmployerView = ReturnType<typeof present>;

/** Staff see the employers of their organisation; an employer user sees only their own employer. */
export async function loadEmployer(db: Db, ctx: Ctx, id: string): Promise<EmployerRow> {
  const actor = ctx.actor!;
  const [row] = await db
    .select()
    .from(employers)
    .where(and(eq(employers.id, id), eq(employers.organisationId, actor.organisationId)));
  if (!row) throw problems.notFound();
  if (actor.kind === 'employer') {
    const [link] = await db
      .select({ id: employerUsers.employerId })
      .from(employerUsers)
      .where(and(eq(employerUsers.userId, actor.userId), eq(employerUsers.employerId, id)));
    if (!link) throw problems.notFound();
  } else if (actor.kind !== 'staff') throw problems.notFound();
  return row;
}

/** Every employer an employer user acts for. */
export async function employerIdsOfUser(db: Db, ctx: Ctx): Promise<string[]> {
  const rows = await db
    .select({ id: employerUsers.employerId })
    .from(employerUsers)
    .where(eq(employerUsers.userId, ctx.actor!.userId));
  return rows.map((r) => r.id);
}

/** The employer an employer user acts for (their first link), or 404. */
export async function employerOfUser(db: Db, ctx: Ctx): Promise<EmployerRow> {
  const [row] = await db
    .select({ e: employers })
    .from(employerUsers)
    .innerJoin(employers, eq(employers.id, employerUsers.employerId))
    .where(eq(employerUsers.userId, ctx.actor!.userId))
    .orderBy(asc(employerUsers.createdAt))
    .limit(1);
  if (!row) throw problems.notFound();
  return row.e;
}

async function assertTaxNumberFree(db: Db, organisationId: string, index: string | undefined, exceptId?: string) {
  if (!index) return;
  const [same] = await db
    .select({ id: employers.id })
    .from(employers)
    .where(and(eq(employers.organisationId, organisationId), eq(employers.taxNumberIndex, index)));
  if (same && same.id !== exceptId) throw problems.conflict('errors.employers.taxNumberTaken', '/taxNumber');
}

export async function createEmployer(
  ctx: Ctx,
  input: EmployerInput,
  options: { organisationId?: string } = {},
): Promise<string> {
  const values = normalise(ctx, input, null);
  const organisationId = options.organisationId ?? ctx.actor!.organisationId;
  return ctx.db.transaction(async (tx) => {
    await assertTaxNumberFree(tx, organisationId, values.taxNumberIndex);
    const now = ctx.clock.now();
    const [row] = await tx
      .insert(employers)
      .values({
        ...(values as typeof employers.$inferInsert),
        organisationId,
        officeId: input.officeId ?? ctx.actor?.officeId ?? null,
        termsAcceptedAt: input.acceptTerms ? now : null,
        termsVersion: input.acceptTerms ? TERMS_VERSION : null,
        status: 'pending',
        createdBy: ctx.actor?.userId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: employers.id });
    await audit(tx, ctx, {
      action: 'employer.created',
      subjectType: 'employer',
      subjectId: row!.id,
      organisationId,
      fields: Object.keys(values).filter(
        (k) => !['nameKey', 'taxNumberEnc', 'taxNumberIndex', 'taxNumberMasked'].includes(k),
      ),
    });
    return row!.id;
  });
}

export async function getEmployer(ctx: Ctx, id: string) {
  const row = await loadEmployer(ctx.db, ctx, id);
  const [contacts, [concerns]] = await Promise.all([
    ctx.db
      .select()
      .from(employerContacts)
      .where(eq(employerContacts.employerId, id))
      .orderBy(asc(employerContacts.fullName)),
    ctx.db
      .select({ n: count() })
      .from(employerConcerns)
      .where(and(eq(employerConcerns.employerId, id), sql`${employerConcerns.status} IN ('open', 'following-up')`)),
  ]);
  return {
    ...present(row),
    contacts: contacts.map((c) => ({ id: c.id, fullName: c.fullName, role: c.role, phone: c.phone, email: c.email })),
    openConcerns: ctx.actor!.kind === 'staff' ? (concerns?.n ?? 0) : 0,
  };
}

export interface EmployerFilter {
  q?: string | undefined;
  status?: EmployerRow['status'] | undefined;
  page: number;
  pageSize: number;
}

export async function listEmployers(ctx: Ctx, filter: EmployerFilter) {
  const conditions: SQL[] = [eq(employers.organisationId, ctx.actor!.organisationId)];
  if (filter.status) conditions.push(eq(employers.status, filter.status));
  if (filter.q) {
    const key = searchKey(filter.q);
    const digits = filter.q.replace(/\s/g, '');
    conditions.push(
      or(
        ilike(employers.nameKey, `%${key.replace(/[%_\\]/g, '\\$&')}%`),
        /^\d{10,11}$/.test(digits)
          ? eq(
              employers.taxNumberIndex,
              blindIndex(`${digits.length === 10 ? 'vkn' : 'tckn'}:${digits}`, ctx.config.indexKey),
            )
          : undefined,
      )!,
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(employers)
      .where(where)
      .orderBy(asc(employers.legalName), asc(employers.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(employers).where(where),
  ]);
  return { items: rows.map(present), total: total?.n ?? 0 };
}

export async function updateEmployer(ctx: Ctx, id: string, patch: Partial<EmployerInput>): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadEmployer(tx, ctx, id);
    const values = normalise(ctx, patch, row);
    await assertTaxNumberFree(tx, row.organisationId, values.taxNumberIndex, id);
    if (patch.acceptTerms && !row.termsAcceptedAt) {
      values.termsAcceptedAt = ctx.clock.now();
      values.termsVersion = TERMS_VERSION;
    }
    const fields = changedFields(row as unknown as Record<string, unknown>, values as Record<string, unknown>).filter(
      (k) => !['nameKey', 'taxNumberEnc', 'taxNumberMasked', 'hazardConfirmedAt', 'hazardConfirmedBy'].includes(k),
    );
    if (fields.length === 0) return;
    await tx
      .update(employers)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(eq(employers.id, id));
    await audit(tx, ctx, { action: 'employer.updated', subjectType: 'employer', subjectId: id, fields });
  });
}

/** Staff confirm the hazard class from the employer's SGK record (it may differ from the suggestion). */
export async function confirmHazardClass(ctx: Ctx, id: string, hazardClass: HazardClass): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await loadEmployer(tx, ctx, id);
    await tx
      .update(employers)
      .set({
        hazardClass,
        hazardConfirmedAt: ctx.clock.now(),
        hazardConfirmedBy: ctx.actor!.userId,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(employers.id, id));
    await audit(tx, ctx, {
      action: 'employer.updated',
      subjectType: 'employer',
      subjectId: id,
      fields: ['hazardClass'],
    });
  });
}

/** Verification by staff: pending → verified; any → suspended (with a reason); suspended → verified. */
export async function setEmployerStatus(
  ctx: Ctx,
  id: string,
  status: 'verified' | 'suspended',
  reason?: string | null,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadEmployer(tx, ctx, id);
    if (row.status === status) throw new ProblemError(409, 'errors.employers.statusUnchanged');
    if (status === 'suspended' && !reason?.trim()) throw problems.invalid('/reason', 'errors.validation.required');
    if (status === 'verified') {
      const missing: FieldError[] = [];
      if (!row.termsAcceptedAt) missing.push({ pointer: '/termsAccepted', code: 'errors.employers.termsNotAccepted' });
      if (!row.hazardConfirmedAt)
        missing.push({ pointer: '/hazardClass', code: 'errors.employers.hazardNotConfirmed' });
      if (missing.length) throw new ProblemError(409, 'errors.employers.cannotVerify', { errors: missing });
    }
    const now = ctx.clock.now();
    await tx
      .update(employers)
      .set({
        status,
        statusReason: status === 'suspended' ? reason!.trim() : null,
        ...(status === 'verified' ? { verifiedAt: now, verifiedBy: ctx.actor!.userId } : {}),
        updatedAt: now,
      })
      .where(eq(employers.id, id));
    await audit(tx, ctx, {
      action: status === 'verified' ? 'employer.verified' : 'employer.suspended',
      subjectType: 'employer',
      subjectId: id,
      fields: ['status'],
    });
  });
}

export async function addContact(
  ctx: Ctx,
  employerId: string,
  input: {
    fullName: string;
    role?: string | null | undefined;
    phone?: string | null | undefined;
    email?: string | null | undefined;
  },
): Promise<void> {
  const phone = input.phone ? normalisePhone(input.phone) : null;
  if (input.phone && !phone) throw problems.invalid('/phone', 'errors.validation.format.phone');
  await ctx.db.transaction(async (tx) => {
    const row = await loadEmployer(tx, ctx, employerId);
    const [c] = await tx
      .insert(employerContacts)
      .values({
        employerId,
        organisationId: row.organisationId,
        fullName: input.fullName.trim(),
        role: input.role?.trim() || null,
        phone,
        email: input.email ? normaliseEmail(input.email) : null,
      })
      .returning({ id: employerContacts.id });
    await audit(tx, ctx, {
      action: 'employer.updated',
      subjectType: 'employer',
      subjectId: employerId,
      fields: ['contacts'],
      purpose: c!.id,
    });
  });
}

export async function removeContact(ctx: Ctx, employerId: string, contactId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await loadEmployer(tx, ctx, employerId);
    const removed = await tx
      .delete(employerContacts)
      .where(and(eq(employerContacts.id, contactId), eq(employerContacts.employerId, employerId)))
      .returning({ id: employerContacts.id });
    if (removed.length === 0) throw problems.notFound();
    await audit(tx, ctx, {
      action: 'employer.updated',
      subjectType: 'employer',
      subjectId: employerId,
      fields: ['contacts'],
    });
  });
}

// ---- concerns ----------------------------------------------------------------------------------------

export async function raiseConcern(
  ctx: Ctx,
  employerId: string,
  input: { kind: (typeof employerConcerns.$inferInsert)['kind']; description: string; suspend: boolean },
): Promise<string> {
  const due = await addWorkingDaysFrom(ctx, turkishDate(ctx.clock.now()), 5);
  const id = await ctx.db.transaction(async (tx) => {
    const row = await loadEmployer(tx, ctx, employerId);
    const [c] = await tx
      .insert(employerConcerns)
      .values({
        organisationId: row.organisationId,
        employerId,
        kind: input.kind,
        description: input.description.trim(),
        status: 'open',
        followUpDue: due,
        raisedBy: ctx.actor!.userId,
      })
      .returning({ id: employerConcerns.id });
    await audit(tx, ctx, {
      action: 'employer.concern-raised',
      subjectType: 'employer',
      subjectId: employerId,
      purpose: input.kind,
    });
    return c!.id;
  });
  if (input.suspend) {
    const [row] = await ctx.db.select({ status: employers.status }).from(employers).where(eq(employers.id, employerId));
    if (row?.status !== 'suspended') await setEmployerStatus(ctx, employerId, 'suspended', `concern:${input.kind}`);
  }
  return id;
}

export async function listConcerns(ctx: Ctx, employerId: string) {
  await loadEmployer(ctx.db, ctx, employerId);
  const rows = await ctx.db
    .select()
    .from(employerConcerns)
    .where(eq(employerConcerns.employerId, employerId))
    .orderBy(desc(employerConcerns.createdAt));
  const today = turkishDate(ctx.clock.now());
  return rows.map((c) => ({
    id: c.id,
    kind: c.kind,
    description: c.description,
    status: c.status,
    followUpDue: c.followUpDue,
    overdue: (c.status === 'open' || c.status === 'following-up') && !!c.followUpDue && c.followUpDue < today,
    resolution: c.resolution,
    createdAt: c.createdAt.toISOString(),
  }));
}

export async function updateConcern(
  ctx: Ctx,
  employerId: string,
  concernId: string,
  input: { status: 'following-up' | 'resolved' | 'dismissed'; resolution?: string | null | undefined },
): Promise<void> {
  if (input.status !== 'following-up' && !input.resolution?.trim())
    throw problems.invalid('/resolution', 'errors.validation.required');
  await ctx.db.transaction(async (tx) => {
    await loadEmployer(tx, ctx, employerId);
    const updated = await tx
      .update(employerConcerns)
      .set({ status: input.status, resolution: input.resolution?.trim() || null, updatedAt: ctx.clock.now() })
      .where(and(eq(employerConcerns.id, concernId), eq(employerConcerns.employerId, employerId)))
      .returning({ id: employerConcerns.id });
    if (updated.length === 0) throw problems.notFound();
    await audit(tx, ctx, {
      action: 'employer.concern-updated',
      subjectType: 'employer',
      subjectId: employerId,
      fields: ['status'],
    });
  });
}
