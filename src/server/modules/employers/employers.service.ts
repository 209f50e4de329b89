import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  employerChangeRequests,
  employerConcerns,
  employerContacts,
  employers,
  employerUsers,
  users,
} from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import { problems, type FieldError } from '../../lib/errors.ts';
import { blindIndex, blindIndexes, decrypt, encrypt } from '../../lib/crypto.ts';
import { enqueue } from '../outbox/index.ts';
import { findDistrict, findProvince } from '../../lib/geography.ts';
import { searchKey } from '../../../common/text.ts';
import { isValidSgkWorkplaceNumber, isValidTckn, isValidVkn, maskIdNumber } from '../../../common/identity-number.ts';
import { disabilityQuota, suggestHazardClass } from '../../../common/nace.ts';
import type { HazardClass } from '../../../common/decent-work.ts';
import { normaliseEmail, normalisePhone } from '../../../common/contact.ts';
import { addWorkingDaysFrom } from '../reference/index.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { safeHttpUrl } from '../../../common/url.ts';
import { containsPattern } from '../../lib/search.ts';
import { IDENTITY_FIELDS, type IdentityField } from '../../../common/contracts/employers.ts';

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
  const actor = actorOf(ctx);
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
    .where(eq(employerUsers.userId, actorOf(ctx).userId));
  return rows.map((r) => r.id);
}

/** The employer an employer user acts for (their first link), or 404. */
export async function employerOfUser(db: Db, ctx: Ctx): Promise<EmployerRow> {
  const [row] = await db
    .select({ e: employers })
    .from(employerUsers)
    .innerJoin(employers, eq(employers.id, employerUsers.employerId))
    .where(eq(employerUsers.userId, actorOf(ctx).userId))
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
  const organisationId = options.organisationId ?? actorOf(ctx).organisationId;
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
    openConcerns: actorOf(ctx).kind === 'staff' ? (concerns?.n ?? 0) : 0,
    pendingChange: await pendingChangeOf(ctx, id),
  };
}

export interface EmployerFilter {
  q?: string | undefined;
  status?: EmployerRow['status'] | undefined;
  page: number;
  pageSize: number;
}

export async function listEmployers(ctx: Ctx, filter: EmployerFilter) {
  const conditions: SQL[] = [eq(employers.organisationId, actorOf(ctx).organisationId)];
  if (filter.status) conditions.push(eq(employers.status, filter.status));
  if (filter.q) {
    const key = searchKey(filter.q);
    const digits = filter.q.replace(/\s/g, '');
    conditions.push(
      or(
        ilike(employers.nameKey, containsPattern(key)),
        /^\d{10,11}$/.test(digits)
          ? inArray(
              employers.taxNumberIndex,
              blindIndexes(`${digits.length === 10 ? 'vkn' : 'tckn'}:${digits}`, ctx.config),
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

/** Whether a field is one of the employer's identity (`IDENTITY_FIELDS` of the contract). */
const isIdentityField = (k: string): k is IdentityField => (IDENTITY_FIELDS as readonly string[]).includes(k);

export async function updateEmployer(ctx: Ctx, id: string, patch: Partial<EmployerInput>): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadEmployer(tx, ctx, id);
    if (actorOf(ctx).kind === 'employer' && row.status !== 'pending') {
      const identity: Record<string, unknown> = {};
      const direct: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(patch)) (isIdentityField(k) ? identity : direct)[k] = v;
      await requestChange(tx, ctx, row, identity);
      patch = direct;
    }
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
        hazardConfirmedBy: actorOf(ctx).userId,
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
    if (row.status === status) throw problems.conflict('errors.employers.statusUnchanged');
    if (status === 'suspended' && !reason?.trim()) throw problems.invalid('/reason', 'errors.validation.required');
    if (status === 'verified') {
      const missing: FieldError[] = [];
      if (!row.termsAcceptedAt) missing.push({ pointer: '/termsAccepted', code: 'errors.employers.termsNotAccepted' });
      if (!row.hazardConfirmedAt)
        missing.push({ pointer: '/hazardClass', code: 'errors.employers.hazardNotConfirmed' });
      if (missing.length) throw problems.conflictMany('errors.employers.cannotVerify', missing);
    }
    const now = ctx.clock.now();
    await tx
      .update(employers)
      .set({
        status,
        statusReason: status === 'suspended' ? reason!.trim() : null,
        ...(status === 'verified' ? { verifiedAt: now, verifiedBy: actorOf(ctx).userId } : {}),
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
        raisedBy: actorOf(ctx).userId,
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

// ---- identity changes from the employer portal (issue 8, item 14) ---------------------------------

type ChangeRow = typeof employerChangeRequests.$inferSelect;
type RequestedChanges = Partial<Pick<EmployerInput, IdentityField>>;

/** Names of the identity fields a normalised patch would change. */
function identityChanges(row: EmployerRow, values: Partial<typeof employers.$inferInsert>): IdentityField[] {
  const changed = new Set(
    changedFields(row as unknown as Record<string, unknown>, values as Record<string, unknown>).map((k) =>
      k === 'taxNumberIndex' ? 'taxNumber' : k,
    ),
  );
  return IDENTITY_FIELDS.filter((f) => changed.has(f));
}

/**
 * Stores the identity fields an employer user changed as a pending request for staff, merged into the
 * employer's pending request if there is one. Checked now by the same rules as an edit (422, 409 for a
 * tax number taken), so the employer learns of a mistake at once. Audited; nothing is applied.
 */
async function requestChange(tx: Db, ctx: Ctx, row: EmployerRow, identity: RequestedChanges): Promise<void> {
  if (Object.keys(identity).length === 0) return;
  const values = normalise(ctx, identity, row);
  const fields = identityChanges(row, values);
  if (fields.length === 0) return;
  if (fields.includes('taxNumber')) await assertTaxNumberFree(tx, row.organisationId, values.taxNumberIndex, row.id);
  const requested: Record<string, unknown> = {};
  for (const f of fields) requested[f] = identity[f];
  if (fields.includes('taxNumber') || fields.includes('taxKind')) {
    requested.taxKind = values.taxKind;
    requested.taxNumber = (identity.taxNumber ?? '').replace(/\s/g, '');
  }
  const now = ctx.clock.now();
  const [pending] = await tx
    .select()
    .from(employerChangeRequests)
    .where(and(eq(employerChangeRequests.employerId, row.id), eq(employerChangeRequests.status, 'pending')));
  if (pending) {
    const merged = { ...(JSON.parse(decrypt(pending.changesEnc, ctx.config)) as object), ...requested };
    await tx
      .update(employerChangeRequests)
      .set({
        fields: IDENTITY_FIELDS.filter((f) => pending.fields.includes(f) || fields.includes(f)),
        changesEnc: encrypt(JSON.stringify(merged), ctx.config.dataKey),
        requestedBy: actorOf(ctx).userId,
        requestedAt: now,
      })
      .where(eq(employerChangeRequests.id, pending.id));
  } else {
    await tx.insert(employerChangeRequests).values({
      organisationId: row.organisationId,
      employerId: row.id,
      fields,
      changesEnc: encrypt(JSON.stringify(requested), ctx.config.dataKey),
      requestedBy: actorOf(ctx).userId,
      requestedAt: now,
    });
  }
  await audit(tx, ctx, { action: 'employer.change-requested', subjectType: 'employer', subjectId: row.id, fields });
}

function presentChange(ctx: Ctx, r: ChangeRow, names: Map<string, string>) {
  const changes = JSON.parse(decrypt(r.changesEnc, ctx.config)) as RequestedChanges;
  // A sole trader's tax number is their ID number: shown masked, as on the employer record.
  if (changes.taxNumber && changes.taxKind === 'tckn') changes.taxNumber = maskIdNumber(changes.taxNumber);
  const ref = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  return {
    id: r.id,
    status: r.status,
    fields: r.fields.filter(isIdentityField),
    changes,
    requestedBy: ref(r.requestedBy),
    requestedAt: r.requestedAt.toISOString(),
    decidedBy: ref(r.decidedBy),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    reason: r.reason,
  };
}
export type ChangeRequestView = ReturnType<typeof presentChange>;

async function presentChanges(ctx: Ctx, rows: ChangeRow[]): Promise<ChangeRequestView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.requestedBy, r.decidedBy]).filter((x): x is string => !!x))];
  const people = ids.length
    ? await ctx.db.select({ id: users.id, name: users.fullName }).from(users).where(inArray(users.id, ids))
    : [];
  const names = new Map(people.map((p) => [p.id, p.name]));
  return rows.map((r) => presentChange(ctx, r, names));
}

/** The employer's pending identity change, if any (shown on the record to staff and to the employer). */
export async function pendingChangeOf(ctx: Ctx, employerId: string): Promise<ChangeRequestView | null> {
  const rows = await ctx.db
    .select()
    .from(employerChangeRequests)
    .where(and(eq(employerChangeRequests.employerId, employerId), eq(employerChangeRequests.status, 'pending')));
  return (await presentChanges(ctx, rows))[0] ?? null;
}

/** Every change request of an employer, newest first (staff; an employer user for their own). */
export async function listChangeRequests(ctx: Ctx, employerId: string): Promise<ChangeRequestView[]> {
  await loadEmployer(ctx.db, ctx, employerId);
  const rows = await ctx.db
    .select()
    .from(employerChangeRequests)
    .where(eq(employerChangeRequests.employerId, employerId))
    .orderBy(desc(employerChangeRequests.requestedAt));
  return presentChanges(ctx, rows);
}

/**
 * Staff decide a pending request: approving applies the requested values by the rules of an edit
 * (re-checked now: 422 or 409 if they no longer hold), rejecting needs a reason. Both are audited and
 * the employer user who asked is told by e-mail.
 */
export async function decideChangeRequest(
  ctx: Ctx,
  employerId: string,
  requestId: string,
  decision: { approve: true } | { approve: false; reason: string },
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadEmployer(tx, ctx, employerId);
    const [request] = await tx
      .select()
      .from(employerChangeRequests)
      .where(and(eq(employerChangeRequests.id, requestId), eq(employerChangeRequests.employerId, employerId)));
    if (!request) throw problems.notFound();
    if (request.status !== 'pending') throw problems.conflict('errors.employers.changeDecided');
    const now = ctx.clock.now();
    if (decision.approve) {
      const changes = JSON.parse(decrypt(request.changesEnc, ctx.config)) as RequestedChanges;
      const values = normalise(ctx, changes, row);
      if (values.taxNumberIndex) await assertTaxNumberFree(tx, row.organisationId, values.taxNumberIndex, row.id);
      await tx
        .update(employers)
        .set({ ...values, updatedAt: now })
        .where(eq(employers.id, employerId));
    } else if (!decision.reason.trim()) throw problems.invalid('/reason', 'errors.validation.required');
    await tx
      .update(employerChangeRequests)
      .set({
        status: decision.approve ? 'approved' : 'rejected',
        decidedBy: actorOf(ctx).userId,
        decidedAt: now,
        reason: decision.approve ? null : decision.reason.trim(),
      })
      .where(eq(employerChangeRequests.id, requestId));
    await audit(tx, ctx, {
      action: decision.approve ? 'employer.change-approved' : 'employer.change-rejected',
      subjectType: 'employer',
      subjectId: employerId,
      fields: request.fields,
    });
    if (request.requestedBy) {
      const [requester] = await tx
        .select({ id: users.id, email: users.email, locale: users.locale, status: users.status })
        .from(users)
        .where(eq(users.id, request.requestedBy));
      if (requester?.email && requester.status !== 'disabled') {
        await enqueue(
          { ...ctx, db: tx },
          {
            channel: 'email',
            recipient: requester.email,
            template: decision.approve ? 'employer-change-approved' : 'employer-change-rejected',
            locale: requester.locale,
            params: {
              employer: row.tradeName ?? row.legalName,
              ...(decision.approve ? {} : { reason: decision.reason.trim() }),
            },
            organisationId: row.organisationId,
            userId: requester.id,
          },
        );
      }
    }
  });
}
