import { and, asc, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import {
  intlAgreementDocuments,
  intlAgreementParties,
  intlAgreements,
  intlEvents,
  intlFollowUps,
  intlMemberships,
  intlPractices,
  intlPublications,
  users,
} from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { problems, type FieldError } from '../../lib/errors.ts';
import { searchKey } from '../../../common/text.ts';
import { turkishDate } from '../../../common/working-days.ts';
import {
  compareTimeline,
  normaliseDate,
  periodsOverlap,
  type DatePrecision,
  type Theme,
} from '../../../common/international.ts';
import type {
  Agreement,
  AgreementDocument,
  AgreementDocumentUpload,
  AgreementInput,
  AgreementPatch,
  CoopEvent,
  EventInput,
  EventUpdate,
  FollowUp,
  FollowUpInput,
  FollowUpPatch,
  Membership,
  MembershipInput,
  PartnerRef,
  PartnerTimeline,
  Practice,
  PracticeInput,
  Publication,
  PublicationInput,
  StaffRef,
  TimelineEntry,
} from '../../../common/contracts/international.ts';
import { partnerOptions, partnerRefs } from '../programmes/index.ts';
import { checkedUpload } from '../people/index.ts';
import { attachment } from '../../lib/download.ts';

type FollowUpRow = typeof intlFollowUps.$inferSelect;

const today = (ctx: Ctx) => turkishDate(ctx.clock.now());
const unknownPartner = 'errors.international.partnerUnknown';
const unknownStaff = 'errors.international.staffUnknown';

// ---- look-ups ------------------------------------------------------------------------------------------

export async function listPartnerOptions(ctx: Ctx): Promise<PartnerRef[]> {
  return partnerOptions(ctx);
}

/** The organisation's active staff users among `ids` (all of them when `ids` is absent). */
async function staffOf(ctx: Ctx, ids?: readonly string[]): Promise<Map<string, StaffRef>> {
  const organisationId = actorOf(ctx).organisationId;
  if (ids && ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: users.id, name: users.fullName })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        eq(users.kind, 'staff'),
        ...(ids ? [inArray(users.id, [...new Set(ids)])] : [eq(users.status, 'active')]),
      ),
    )
    .orderBy(sql`${users.fullName} COLLATE "turkish"`);
  return new Map(rows.map((r) => [r.id, r]));
}

export async function listStaffOptions(ctx: Ctx): Promise<StaffRef[]> {
  return [...(await staffOf(ctx)).values()];
}

function partnerRef(map: Map<string, PartnerRef>, id: string): PartnerRef {
  return map.get(id) ?? { id, name: '?', acronym: null, type: 'international-organisation', country: null };
}

// ---- follow-up actions ---------------------------------------------------------------------------------

function presentFollowUp(ctx: Ctx, row: FollowUpRow, staff: Map<string, StaffRef>): FollowUp {
  return {
    id: row.id,
    title: row.title,
    owner: staff.get(row.ownerId) ?? { id: row.ownerId, name: '?' },
    deadline: row.deadline,
    status: row.status,
    overdue: row.status === 'open' && row.deadline < today(ctx),
    remindedBeforeAt: row.remindedBeforeAt?.toISOString() ?? null,
    remindedOverdueAt: row.remindedOverdueAt?.toISOString() ?? null,
    agreementId: row.agreementId,
    eventId: row.eventId,
  };
}

async function followUpsOf(ctx: Ctx, parent: { agreementIds?: string[]; eventIds?: string[] }): Promise<FollowUpRow[]> {
  const organisationId = actorOf(ctx).organisationId;
  const conditions: SQL[] = [];
  if (parent.agreementIds?.length) conditions.push(inArray(intlFollowUps.agreementId, parent.agreementIds));
  if (parent.eventIds?.length) conditions.push(inArray(intlFollowUps.eventId, parent.eventIds));
  if (conditions.length === 0) return [];
  return ctx.db
    .select()
    .from(intlFollowUps)
    .where(and(eq(intlFollowUps.organisationId, organisationId), or(...conditions)))
    .orderBy(asc(intlFollowUps.deadline), asc(intlFollowUps.id));
}

async function checkOwners(ctx: Ctx, list: { ownerId: string }[], base: string, errors: FieldError[]): Promise<void> {
  const known = await staffOf(
    ctx,
    list.map((f) => f.ownerId),
  );
  list.forEach((f, i) => {
    if (!known.has(f.ownerId)) errors.push({ pointer: `${base}/${i}/ownerId`, code: unknownStaff });
  });
}

async function insertFollowUps(
  c: Ctx,
  parent: { agreementId: string } | { eventId: string },
  list: FollowUpInput[],
): Promise<string[]> {
  if (list.length === 0) return [];
  const organisationId = actorOf(c).organisationId;
  const now = c.clock.now();
  const rows = await c.db
    .insert(intlFollowUps)
    .values(
      list.map((f) => ({
        organisationId,
        ...parent,
        title: f.title.trim(),
        ownerId: f.ownerId,
        deadline: f.deadline,
        createdAt: now,
        updatedAt: now,
      })),
    )
    .returning({ id: intlFollowUps.id });
  for (const r of rows)
    await audit(c.db, c, { action: 'intl-follow-up.created', subjectType: 'intl-follow-up', subjectId: r.id });
  return rows.map((r) => r.id);
}

async function getFollowUp(ctx: Ctx, id: string): Promise<FollowUp> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await ctx.db
    .select()
    .from(intlFollowUps)
    .where(and(eq(intlFollowUps.id, id), eq(intlFollowUps.organisationId, organisationId)));
  if (!row) throw problems.notFound();
  return presentFollowUp(ctx, row, await staffOf(ctx, [row.ownerId]));
}

export async function addFollowUp(
  ctx: Ctx,
  parent: { agreementId: string } | { eventId: string },
  input: FollowUpInput,
): Promise<FollowUp> {
  const organisationId = actorOf(ctx).organisationId;
  const exists =
    'agreementId' in parent
      ? await ctx.db
          .select({ id: intlAgreements.id })
          .from(intlAgreements)
          .where(and(eq(intlAgreements.id, parent.agreementId), eq(intlAgreements.organisationId, organisationId)))
      : await ctx.db
          .select({ id: intlEvents.id })
          .from(intlEvents)
          .where(and(eq(intlEvents.id, parent.eventId), eq(intlEvents.organisationId, organisationId)));
  if (exists.length === 0) throw problems.notFound();
  const errors: FieldError[] = [];
  const known = await staffOf(ctx, [input.ownerId]);
  if (!known.has(input.ownerId)) errors.push({ pointer: '/ownerId', code: unknownStaff });
  if (errors.length) throw problems.invalidMany(errors);
  const [id] = await inTransaction(ctx, (c) => insertFollowUps(c, parent, [input]));
  return getFollowUp(ctx, id!);
}

export async function updateFollowUp(ctx: Ctx, id: string, patch: FollowUpPatch): Promise<FollowUp> {
  const organisationId = actorOf(ctx).organisationId;
  if (patch.ownerId !== undefined && !(await staffOf(ctx, [patch.ownerId])).has(patch.ownerId))
    throw problems.invalid('/ownerId', unknownStaff);
  await inTransaction(ctx, async (c) => {
    const [row] = await c.db
      .select()
      .from(intlFollowUps)
      .where(and(eq(intlFollowUps.id, id), eq(intlFollowUps.organisationId, organisationId)));
    if (!row) throw problems.notFound();
    const values: Partial<typeof intlFollowUps.$inferInsert> = {};
    if (patch.title !== undefined) values.title = patch.title.trim();
    if (patch.ownerId !== undefined) values.ownerId = patch.ownerId;
    if (patch.status !== undefined) values.status = patch.status;
    if (patch.deadline !== undefined && patch.deadline !== row.deadline) {
      // A new deadline is a new promise: its reminders are due again.
      values.deadline = patch.deadline;
      values.remindedBeforeAt = null;
      values.remindedOverdueAt = null;
    }
    await c.db
      .update(intlFollowUps)
      .set({ ...values, updatedAt: c.clock.now() })
      .where(and(eq(intlFollowUps.id, id), eq(intlFollowUps.organisationId, organisationId)));
    await audit(c.db, c, {
      action: 'intl-follow-up.updated',
      subjectType: 'intl-follow-up',
      subjectId: id,
      fields: Object.keys(patch),
    });
  });
  return getFollowUp(ctx, id);
}

// ---- memberships ---------------------------------------------------------------------------------------

function presentMembership(row: typeof intlMemberships.$inferSelect, refs: Map<string, PartnerRef>): Membership {
  return {
    id: row.id,
    member: partnerRef(refs, row.memberId),
    network: partnerRef(refs, row.networkId),
    role: row.role,
    startDate: row.startDate,
    endDate: row.endDate,
    precision: row.precision,
    note: row.note,
  };
}

export async function listMemberships(ctx: Ctx, filter: { partnerId?: string | undefined }): Promise<Membership[]> {
  const organisationId = actorOf(ctx).organisationId;
  const rows = await ctx.db
    .select()
    .from(intlMemberships)
    .where(
      and(
        eq(intlMemberships.organisationId, organisationId),
        filter.partnerId
          ? or(eq(intlMemberships.memberId, filter.partnerId), eq(intlMemberships.networkId, filter.partnerId))
          : undefined,
      ),
    )
    .orderBy(asc(intlMemberships.startDate), asc(intlMemberships.id));
  const refs = await partnerRefs(
    ctx,
    rows.flatMap((r) => [r.memberId, r.networkId]),
  );
  return rows.map((r) => presentMembership(r, refs));
}

/** Validates a membership and writes it: a new one, or `id` replaced (its own period left out of the overlap check). */
async function saveMembership(ctx: Ctx, input: MembershipInput, id?: string): Promise<Membership> {
  const actor = actorOf(ctx);
  const precision: DatePrecision = input.precision ?? 'day';
  const startDate = normaliseDate(input.startDate, precision, false);
  const endDate = input.endDate ? normaliseDate(input.endDate, precision, true) : null;
  const errors: FieldError[] = [];
  if (endDate !== null && endDate < startDate)
    errors.push({ pointer: '/endDate', code: 'errors.international.endBeforeStart' });
  if (input.memberId === input.networkId)
    errors.push({ pointer: '/networkId', code: 'errors.international.memberIsNetwork' });
  const refs = await partnerRefs(ctx, [input.memberId, input.networkId]);
  if (!refs.has(input.memberId)) errors.push({ pointer: '/memberId', code: unknownPartner });
  if (!refs.has(input.networkId)) errors.push({ pointer: '/networkId', code: unknownPartner });
  if (errors.length) throw problems.invalidMany(errors);
  const savedId = await inTransaction(ctx, async (c) => {
    const same = await c.db
      .select({ id: intlMemberships.id, startDate: intlMemberships.startDate, endDate: intlMemberships.endDate })
      .from(intlMemberships)
      .where(
        and(
          eq(intlMemberships.organisationId, actor.organisationId),
          eq(intlMemberships.memberId, input.memberId),
          eq(intlMemberships.networkId, input.networkId),
          eq(intlMemberships.role, input.role),
        ),
      )
      .for('update');
    if (same.some((p) => p.id !== id && periodsOverlap(p, { startDate, endDate })))
      throw problems.conflict('errors.international.membershipOverlaps', '/startDate');
    const now = c.clock.now();
    const values = {
      memberId: input.memberId,
      networkId: input.networkId,
      role: input.role,
      startDate,
      endDate,
      precision,
      note: input.note?.trim() || null,
      updatedAt: now,
    };
    if (id) {
      const updated = await c.db
        .update(intlMemberships)
        .set(values)
        .where(and(eq(intlMemberships.id, id), eq(intlMemberships.organisationId, actor.organisationId)))
        .returning({ id: intlMemberships.id });
      if (updated.length === 0) throw problems.notFound();
      await audit(c.db, c, {
        action: 'intl-membership.updated',
        subjectType: 'intl-membership',
        subjectId: id,
        fields: Object.keys(input),
      });
      return id;
    }
    const [row] = await c.db
      .insert(intlMemberships)
      .values({ ...values, organisationId: actor.organisationId, createdBy: actor.userId, createdAt: now })
      .returning();
    await audit(c.db, c, { action: 'intl-membership.created', subjectType: 'intl-membership', subjectId: row!.id });
    return row!.id;
  });
  const [m] = (await listMemberships(ctx, { partnerId: input.memberId })).filter((x) => x.id === savedId);
  return m!;
}

export function createMembership(ctx: Ctx, input: MembershipInput): Promise<Membership> {
  return saveMembership(ctx, input);
}

/** Replaces a membership's member, network, role, period and note (the same rules as a new one). */
export function updateMembership(ctx: Ctx, id: string, input: MembershipInput): Promise<Membership> {
  return saveMembership(ctx, input, id);
}

// ---- agreements ----------------------------------------------------------------------------------------

/** A document's columns without its bytes (fetched only for a download). */
const documentColumns = {
  id: intlAgreementDocuments.id,
  agreementId: intlAgreementDocuments.agreementId,
  title: intlAgreementDocuments.title,
  reference: intlAgreementDocuments.reference,
  fileName: intlAgreementDocuments.fileName,
  mediaType: intlAgreementDocuments.mediaType,
  sizeBytes: intlAgreementDocuments.sizeBytes,
  uploadedAt: intlAgreementDocuments.uploadedAt,
  uploadedBy: users.fullName,
};

function presentDocument(d: {
  id: string;
  title: string;
  reference: string | null;
  fileName: string | null;
  mediaType: string | null;
  sizeBytes: number | null;
  uploadedAt: Date | null;
  uploadedBy: string | null;
}): AgreementDocument {
  return {
    id: d.id,
    title: d.title,
    reference: d.reference,
    file:
      d.fileName && d.mediaType && d.sizeBytes !== null && d.uploadedAt
        ? {
            fileName: d.fileName,
            mediaType: d.mediaType,
            sizeBytes: d.sizeBytes,
            uploadedAt: d.uploadedAt.toISOString(),
            uploadedBy: d.uploadedBy,
          }
        : null,
  };
}

async function presentAgreements(ctx: Ctx, rows: (typeof intlAgreements.$inferSelect)[]): Promise<Agreement[]> {
  const organisationId = actorOf(ctx).organisationId;
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const [parties, documents, followUps] = await Promise.all([
    ctx.db
      .select()
      .from(intlAgreementParties)
      .where(
        and(eq(intlAgreementParties.organisationId, organisationId), inArray(intlAgreementParties.agreementId, ids)),
      )
      .orderBy(asc(intlAgreementParties.position)),
    ctx.db
      .select(documentColumns)
      .from(intlAgreementDocuments)
      .leftJoin(users, eq(users.id, intlAgreementDocuments.uploadedBy))
      .where(
        and(
          eq(intlAgreementDocuments.organisationId, organisationId),
          inArray(intlAgreementDocuments.agreementId, ids),
        ),
      )
      .orderBy(asc(intlAgreementDocuments.position)),
    followUpsOf(ctx, { agreementIds: ids }),
  ]);
  const refs = await partnerRefs(
    ctx,
    parties.map((p) => p.partnerId),
  );
  const staff = await staffOf(
    ctx,
    followUps.map((f) => f.ownerId),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    signedOn: r.signedOn,
    validUntil: r.validUntil,
    scope: r.scope,
    status: r.status,
    parties: parties
      .filter((p) => p.agreementId === r.id)
      .map((p) => ({ partner: partnerRef(refs, p.partnerId), nameAtSigning: p.nameAtSigning })),
    documents: documents.filter((d) => d.agreementId === r.id).map(presentDocument),
    followUps: followUps.filter((f) => f.agreementId === r.id).map((f) => presentFollowUp(ctx, f, staff)),
  }));
}

export async function listAgreements(
  ctx: Ctx,
  filter: { status?: Agreement['status'] | undefined; partnerId?: string | undefined },
): Promise<Agreement[]> {
  const organisationId = actorOf(ctx).organisationId;
  const conditions: SQL[] = [eq(intlAgreements.organisationId, organisationId)];
  if (filter.status) conditions.push(eq(intlAgreements.status, filter.status));
  if (filter.partnerId)
    conditions.push(
      sql`EXISTS (SELECT 1 FROM intl_agreement_parties p WHERE p.agreement_id = ${intlAgreements.id} AND p.partner_id = ${filter.partnerId} AND p.organisation_id = ${organisationId})`,
    );
  const rows = await ctx.db
    .select()
    .from(intlAgreements)
    .where(and(...conditions))
    .orderBy(sql`${intlAgreements.signedOn} DESC NULLS FIRST`, asc(intlAgreements.id));
  return presentAgreements(ctx, rows);
}

export async function getAgreement(ctx: Ctx, id: string): Promise<Agreement> {
  const organisationId = actorOf(ctx).organisationId;
  const rows = await ctx.db
    .select()
    .from(intlAgreements)
    .where(and(eq(intlAgreements.id, id), eq(intlAgreements.organisationId, organisationId)));
  if (rows.length === 0) throw problems.notFound();
  return (await presentAgreements(ctx, rows))[0]!;
}

async function checkAgreement(
  ctx: Ctx,
  merged: { signedOn: string | null; validUntil: string | null; status: Agreement['status'] },
  given: Partial<AgreementInput>,
): Promise<void> {
  const errors: FieldError[] = [];
  if (merged.signedOn && merged.validUntil && merged.validUntil < merged.signedOn)
    errors.push({ pointer: '/validUntil', code: 'errors.international.endBeforeStart' });
  if (merged.status !== 'draft' && !merged.signedOn)
    errors.push({ pointer: '/signedOn', code: 'errors.international.signedOnRequired' });
  if (merged.signedOn && merged.signedOn > today(ctx))
    errors.push({ pointer: '/signedOn', code: 'errors.international.signedInFuture' });
  if (given.parties) {
    const refs = await partnerRefs(
      ctx,
      given.parties.map((p) => p.partnerId),
    );
    const seen = new Set<string>();
    given.parties.forEach((p, i) => {
      if (!refs.has(p.partnerId)) errors.push({ pointer: `/parties/${i}/partnerId`, code: unknownPartner });
      else if (seen.has(p.partnerId))
        errors.push({ pointer: `/parties/${i}/partnerId`, code: 'errors.international.partyTwice' });
      seen.add(p.partnerId);
    });
  }
  if (given.followUps) await checkOwners(ctx, given.followUps, '/followUps', errors);
  if (errors.length) throw problems.invalidMany(errors);
}

async function writeParties(c: Ctx, agreementId: string, input: Pick<AgreementPatch, 'parties' | 'documents'>) {
  const organisationId = actorOf(c).organisationId;
  if (input.parties) {
    await c.db
      .delete(intlAgreementParties)
      .where(
        and(eq(intlAgreementParties.agreementId, agreementId), eq(intlAgreementParties.organisationId, organisationId)),
      );
    await c.db.insert(intlAgreementParties).values(
      input.parties.map((p, i) => ({
        organisationId,
        agreementId,
        partnerId: p.partnerId,
        nameAtSigning: p.nameAtSigning?.trim() || null,
        position: i,
      })),
    );
  }
  if (input.documents) {
    // The list replaces the documents recorded by reference; uploaded files stay until removed one by one.
    await c.db
      .delete(intlAgreementDocuments)
      .where(
        and(
          eq(intlAgreementDocuments.agreementId, agreementId),
          eq(intlAgreementDocuments.organisationId, organisationId),
          isNull(intlAgreementDocuments.content),
        ),
      );
    if (input.documents.length)
      await c.db.insert(intlAgreementDocuments).values(
        input.documents.map((d, i) => ({
          organisationId,
          agreementId,
          title: d.title.trim(),
          reference: d.reference?.trim() || null,
          position: i,
        })),
      );
  }
}

export async function createAgreement(ctx: Ctx, input: AgreementInput): Promise<Agreement> {
  const actor = actorOf(ctx);
  await checkAgreement(
    ctx,
    { signedOn: input.signedOn ?? null, validUntil: input.validUntil ?? null, status: input.status },
    input,
  );
  const id = await inTransaction(ctx, async (c) => {
    const now = c.clock.now();
    const [row] = await c.db
      .insert(intlAgreements)
      .values({
        organisationId: actor.organisationId,
        kind: input.kind,
        title: input.title.trim(),
        titleKey: searchKey(input.title),
        signedOn: input.signedOn ?? null,
        validUntil: input.validUntil ?? null,
        scope: input.scope?.trim() || null,
        status: input.status,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: intlAgreements.id });
    await writeParties(c, row!.id, input);
    await audit(c.db, c, {
      action: 'intl-agreement.created',
      subjectType: 'intl-agreement',
      subjectId: row!.id,
      fields: Object.keys(input),
    });
    await insertFollowUps(c, { agreementId: row!.id }, input.followUps ?? []);
    return row!.id;
  });
  return getAgreement(ctx, id);
}

export async function updateAgreement(ctx: Ctx, id: string, patch: AgreementPatch): Promise<Agreement> {
  const organisationId = actorOf(ctx).organisationId;
  const existing = await getAgreement(ctx, id);
  await checkAgreement(
    ctx,
    {
      signedOn: patch.signedOn !== undefined ? patch.signedOn : existing.signedOn,
      validUntil: patch.validUntil !== undefined ? patch.validUntil : existing.validUntil,
      status: patch.status ?? existing.status,
    },
    patch,
  );
  await inTransaction(ctx, async (c) => {
    const values: Partial<typeof intlAgreements.$inferInsert> = {};
    if (patch.kind !== undefined) values.kind = patch.kind;
    if (patch.title !== undefined) {
      values.title = patch.title.trim();
      values.titleKey = searchKey(patch.title);
    }
    if (patch.signedOn !== undefined) values.signedOn = patch.signedOn;
    if (patch.validUntil !== undefined) values.validUntil = patch.validUntil;
    if (patch.scope !== undefined) values.scope = patch.scope?.trim() || null;
    if (patch.status !== undefined) values.status = patch.status;
    await c.db
      .update(intlAgreements)
      .set({ ...values, updatedAt: c.clock.now() })
      .where(and(eq(intlAgreements.id, id), eq(intlAgreements.organisationId, organisationId)));
    await writeParties(c, id, patch);
    await audit(c.db, c, {
      action: 'intl-agreement.updated',
      subjectType: 'intl-agreement',
      subjectId: id,
      fields: Object.keys(patch),
    });
  });
  return getAgreement(ctx, id);
}

// ---- an agreement's uploaded documents -----------------------------------------------------------------

async function agreementExists(ctx: Ctx, id: string): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await ctx.db
    .select({ id: intlAgreements.id })
    .from(intlAgreements)
    .where(and(eq(intlAgreements.id, id), eq(intlAgreements.organisationId, organisationId)));
  if (!row) throw problems.notFound();
}

/** Stores a document's file with the agreement, checked as a person's documents are (the people module's checks). */
export async function uploadAgreementDocument(
  ctx: Ctx,
  agreementId: string,
  input: AgreementDocumentUpload,
): Promise<AgreementDocument> {
  const actor = actorOf(ctx);
  await agreementExists(ctx, agreementId);
  const file = checkedUpload(input);
  const id = await inTransaction(ctx, async (c) => {
    const [last] = await c.db
      .select({ position: sql<number>`coalesce(max(${intlAgreementDocuments.position}), -1)` })
      .from(intlAgreementDocuments)
      .where(
        and(
          eq(intlAgreementDocuments.agreementId, agreementId),
          eq(intlAgreementDocuments.organisationId, actor.organisationId),
        ),
      );
    const [row] = await c.db
      .insert(intlAgreementDocuments)
      .values({
        organisationId: actor.organisationId,
        agreementId,
        title: input.title.trim(),
        reference: input.reference?.trim() || null,
        position: Number(last?.position ?? -1) + 1,
        fileName: file.fileName,
        mediaType: file.mediaType,
        sizeBytes: file.content.length,
        content: file.content,
        uploadedBy: actor.userId,
        uploadedAt: c.clock.now(),
      })
      .returning({ id: intlAgreementDocuments.id });
    await audit(c.db, c, {
      action: 'intl-agreement.document-attached',
      subjectType: 'intl-agreement',
      subjectId: agreementId,
      fields: ['documents'],
      purpose: row!.id,
    });
    return row!.id;
  });
  const [doc] = await ctx.db
    .select(documentColumns)
    .from(intlAgreementDocuments)
    .leftJoin(users, eq(users.id, intlAgreementDocuments.uploadedBy))
    .where(eq(intlAgreementDocuments.id, id));
  return presentDocument(doc!);
}

/** The bytes of an agreement's uploaded document, with the header that names it; the download is audited. */
export async function agreementDocumentContent(
  ctx: Ctx,
  agreementId: string,
  docId: string,
): Promise<{ mediaType: string; disposition: string; content: Buffer }> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await ctx.db
    .select({
      fileName: intlAgreementDocuments.fileName,
      mediaType: intlAgreementDocuments.mediaType,
      content: intlAgreementDocuments.content,
    })
    .from(intlAgreementDocuments)
    .where(
      and(
        eq(intlAgreementDocuments.id, docId),
        eq(intlAgreementDocuments.agreementId, agreementId),
        eq(intlAgreementDocuments.organisationId, organisationId),
      ),
    );
  if (!row?.content || !row.fileName || !row.mediaType) throw problems.notFound();
  await audit(ctx.db, ctx, {
    action: 'intl-agreement.document-downloaded',
    subjectType: 'intl-agreement',
    subjectId: agreementId,
    fields: ['documents'],
    purpose: docId,
  });
  return { mediaType: row.mediaType, disposition: attachment(row.fileName), content: row.content };
}

export async function deleteAgreementDocument(ctx: Ctx, agreementId: string, docId: string): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await inTransaction(ctx, async (c) => {
    const deleted = await c.db
      .delete(intlAgreementDocuments)
      .where(
        and(
          eq(intlAgreementDocuments.id, docId),
          eq(intlAgreementDocuments.agreementId, agreementId),
          eq(intlAgreementDocuments.organisationId, organisationId),
        ),
      )
      .returning({ id: intlAgreementDocuments.id });
    if (deleted.length === 0) throw problems.notFound();
    await audit(c.db, c, {
      action: 'intl-agreement.document-removed',
      subjectType: 'intl-agreement',
      subjectId: agreementId,
      fields: ['documents'],
      purpose: docId,
    });
  });
}

// ---- events --------------------------------------------------------------------------------------------

async function presentEvents(ctx: Ctx, rows: (typeof intlEvents.$inferSelect)[]): Promise<CoopEvent[]> {
  if (rows.length === 0) return [];
  const followUps = await followUpsOf(ctx, { eventIds: rows.map((r) => r.id) });
  const refs = await partnerRefs(
    ctx,
    rows.flatMap((r) => [...(r.hostId ? [r.hostId] : []), ...r.partnerIds]),
  );
  const staff = await staffOf(ctx, [...rows.flatMap((r) => r.staffIds), ...followUps.map((f) => f.ownerId)]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    title: r.title,
    startDate: r.startDate,
    endDate: r.endDate,
    precision: r.precision,
    host: r.hostId ? partnerRef(refs, r.hostId) : null,
    place: r.place,
    partners: r.partnerIds.map((p) => partnerRef(refs, p)),
    staff: r.staffIds.map((s) => staff.get(s) ?? { id: s, name: '?' }),
    topics: r.topics,
    outcomes: r.outcomes,
    followUps: followUps.filter((f) => f.eventId === r.id).map((f) => presentFollowUp(ctx, f, staff)),
  }));
}

export async function listEvents(
  ctx: Ctx,
  filter: { from?: string | undefined; to?: string | undefined; partnerId?: string | undefined },
): Promise<CoopEvent[]> {
  const organisationId = actorOf(ctx).organisationId;
  const conditions: SQL[] = [eq(intlEvents.organisationId, organisationId)];
  if (filter.from) conditions.push(sql`${intlEvents.endDate} >= ${filter.from}`);
  if (filter.to) conditions.push(sql`${intlEvents.startDate} <= ${filter.to}`);
  if (filter.partnerId)
    conditions.push(
      or(eq(intlEvents.hostId, filter.partnerId), sql`${filter.partnerId}::uuid = ANY(${intlEvents.partnerIds})`)!,
    );
  const rows = await ctx.db
    .select()
    .from(intlEvents)
    .where(and(...conditions))
    .orderBy(asc(intlEvents.startDate), asc(intlEvents.id));
  return presentEvents(ctx, rows);
}

export async function getEvent(ctx: Ctx, id: string): Promise<CoopEvent> {
  const organisationId = actorOf(ctx).organisationId;
  const rows = await ctx.db
    .select()
    .from(intlEvents)
    .where(and(eq(intlEvents.id, id), eq(intlEvents.organisationId, organisationId)));
  if (rows.length === 0) throw problems.notFound();
  return (await presentEvents(ctx, rows))[0]!;
}

/** Validates an event and writes it: a new one with its follow-ups, or `id` replaced (its follow-ups kept). */
async function saveEvent(ctx: Ctx, input: EventInput, id?: string): Promise<CoopEvent> {
  const actor = actorOf(ctx);
  const precision: DatePrecision = input.precision ?? 'day';
  const startDate = normaliseDate(input.startDate, precision, false);
  const endDate = normaliseDate(input.endDate, precision, true);
  const errors: FieldError[] = [];
  if (endDate < startDate) errors.push({ pointer: '/endDate', code: 'errors.international.endBeforeStart' });
  const partnerIds = input.partnerIds ?? [];
  const staffIds = input.staffIds ?? [];
  const refs = await partnerRefs(ctx, [...(input.hostId ? [input.hostId] : []), ...partnerIds]);
  if (input.hostId && !refs.has(input.hostId)) errors.push({ pointer: '/hostId', code: unknownPartner });
  partnerIds.forEach((p, i) => {
    if (!refs.has(p)) errors.push({ pointer: `/partnerIds/${i}`, code: unknownPartner });
  });
  const staff = await staffOf(ctx, staffIds);
  staffIds.forEach((s, i) => {
    if (!staff.has(s)) errors.push({ pointer: `/staffIds/${i}`, code: unknownStaff });
  });
  if (input.followUps) await checkOwners(ctx, input.followUps, '/followUps', errors);
  if (errors.length) throw problems.invalidMany(errors);
  const savedId = await inTransaction(ctx, async (c) => {
    const now = c.clock.now();
    const values = {
      kind: input.kind,
      title: input.title.trim(),
      startDate,
      endDate,
      precision,
      hostId: input.hostId ?? null,
      place: input.place?.trim() || null,
      partnerIds,
      staffIds,
      topics: input.topics?.trim() || null,
      outcomes: input.outcomes?.trim() || null,
      updatedAt: now,
    };
    if (id) {
      const updated = await c.db
        .update(intlEvents)
        .set(values)
        .where(and(eq(intlEvents.id, id), eq(intlEvents.organisationId, actor.organisationId)))
        .returning({ id: intlEvents.id });
      if (updated.length === 0) throw problems.notFound();
      await audit(c.db, c, {
        action: 'intl-event.updated',
        subjectType: 'intl-event',
        subjectId: id,
        fields: Object.keys(input),
      });
      return id;
    }
    const [row] = await c.db
      .insert(intlEvents)
      .values({ ...values, organisationId: actor.organisationId, createdBy: actor.userId, createdAt: now })
      .returning({ id: intlEvents.id });
    await audit(c.db, c, {
      action: 'intl-event.created',
      subjectType: 'intl-event',
      subjectId: row!.id,
      fields: Object.keys(input),
    });
    await insertFollowUps(c, { eventId: row!.id }, input.followUps ?? []);
    return row!.id;
  });
  return getEvent(ctx, savedId);
}

export function createEvent(ctx: Ctx, input: EventInput): Promise<CoopEvent> {
  return saveEvent(ctx, input);
}

/** Replaces an event's details, host, participants, topics and outcomes; its follow-up actions stay. */
export function updateEvent(ctx: Ctx, id: string, input: EventUpdate): Promise<CoopEvent> {
  return saveEvent(ctx, input, id);
}

// ---- the timeline of a partner -------------------------------------------------------------------------

export async function partnerTimeline(ctx: Ctx, partnerId: string): Promise<PartnerTimeline> {
  const refs = await partnerRefs(ctx, [partnerId]);
  const partner = refs.get(partnerId);
  if (!partner) throw problems.notFound();
  const [memberships, agreements, events] = await Promise.all([
    listMemberships(ctx, { partnerId }),
    listAgreements(ctx, { partnerId }),
    listEvents(ctx, { partnerId }),
  ]);
  const entries: TimelineEntry[] = [];
  const none = { agreementId: null, eventId: null, owner: null };
  for (const m of memberships) {
    const other = m.member.id === partnerId ? m.network : m.member;
    entries.push({
      ...none,
      kind: 'membership',
      id: m.id,
      date: m.startDate,
      endDate: m.endDate,
      precision: m.precision,
      title: other.acronym ?? other.name,
      detail: m.role,
    });
  }
  for (const a of agreements) {
    if (a.signedOn)
      entries.push({
        ...none,
        kind: 'agreement',
        id: a.id,
        date: a.signedOn,
        endDate: a.validUntil,
        precision: 'day',
        title: a.title,
        detail: a.status,
        agreementId: a.id,
      });
    for (const f of a.followUps)
      entries.push({
        kind: 'follow-up',
        id: f.id,
        date: f.deadline,
        endDate: null,
        precision: 'day',
        title: f.title,
        detail: f.status,
        agreementId: a.id,
        eventId: null,
        owner: f.owner.name,
      });
  }
  for (const e of events) {
    entries.push({
      ...none,
      kind: 'event',
      id: e.id,
      date: e.startDate,
      endDate: e.endDate,
      precision: e.precision,
      title: e.title,
      detail: e.kind,
      eventId: e.id,
    });
    for (const f of e.followUps)
      entries.push({
        kind: 'follow-up',
        id: f.id,
        date: f.deadline,
        endDate: null,
        precision: 'day',
        title: f.title,
        detail: f.status,
        agreementId: null,
        eventId: e.id,
        owner: f.owner.name,
      });
  }
  entries.sort(compareTimeline);
  return { partner, entries };
}

// ---- publications and good practices -------------------------------------------------------------------

const like = (q: string) => `%${searchKey(q).replace(/[%_\\]/g, '\\$&')}%`;

export async function listPublications(
  ctx: Ctx,
  filter: { q?: string | undefined; theme?: Theme | undefined },
): Promise<Publication[]> {
  const organisationId = actorOf(ctx).organisationId;
  const conditions: SQL[] = [eq(intlPublications.organisationId, organisationId)];
  if (filter.q?.trim()) conditions.push(sql`${intlPublications.searchKey} LIKE ${like(filter.q)}`);
  if (filter.theme) conditions.push(sql`${filter.theme} = ANY(${intlPublications.themes})`);
  const rows = await ctx.db
    .select()
    .from(intlPublications)
    .where(and(...conditions))
    .orderBy(desc(intlPublications.year), asc(intlPublications.titleTr));
  const refs = await partnerRefs(
    ctx,
    rows.flatMap((r) => (r.publisherId ? [r.publisherId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    series: r.series,
    year: r.year,
    issue: r.issue,
    title: { tr: r.titleTr, en: r.titleEn, ar: r.titleAr },
    publisher: r.publisherId ? partnerRef(refs, r.publisherId) : null,
    themes: r.themes as Theme[],
    link: r.link,
  }));
}

/** Validates a publication and writes it: a new one, or `id` replaced. */
async function savePublication(ctx: Ctx, input: PublicationInput, id?: string): Promise<Publication> {
  const organisationId = actorOf(ctx).organisationId;
  if (input.publisherId && !(await partnerRefs(ctx, [input.publisherId])).has(input.publisherId))
    throw problems.invalid('/publisherId', unknownPartner);
  const savedId = await inTransaction(ctx, async (c) => {
    const now = c.clock.now();
    const values = {
      kind: input.kind,
      series: input.series?.trim() || null,
      year: input.year,
      issue: input.issue?.trim() || null,
      titleTr: input.titleTr.trim(),
      titleEn: input.titleEn?.trim() || null,
      titleAr: input.titleAr?.trim() || null,
      publisherId: input.publisherId ?? null,
      themes: input.themes,
      link: input.link ?? null,
      searchKey: searchKey([input.titleTr, input.titleEn, input.titleAr, input.series].filter(Boolean).join(' ')),
      updatedAt: now,
    };
    if (id) {
      const updated = await c.db
        .update(intlPublications)
        .set(values)
        .where(and(eq(intlPublications.id, id), eq(intlPublications.organisationId, organisationId)))
        .returning({ id: intlPublications.id });
      if (updated.length === 0) throw problems.notFound();
      await audit(c.db, c, { action: 'intl-publication.updated', subjectType: 'intl-publication', subjectId: id });
      return id;
    }
    const [row] = await c.db
      .insert(intlPublications)
      .values({ ...values, organisationId, createdAt: now })
      .returning({ id: intlPublications.id });
    await audit(c.db, c, { action: 'intl-publication.created', subjectType: 'intl-publication', subjectId: row!.id });
    return row!.id;
  });
  return (await listPublications(ctx, {})).find((p) => p.id === savedId)!;
}

export function createPublication(ctx: Ctx, input: PublicationInput): Promise<Publication> {
  return savePublication(ctx, input);
}

export function updatePublication(ctx: Ctx, id: string, input: PublicationInput): Promise<Publication> {
  return savePublication(ctx, input, id);
}

export async function listPractices(
  ctx: Ctx,
  filter: { q?: string | undefined; theme?: Theme | undefined; country?: string | undefined },
): Promise<Practice[]> {
  const organisationId = actorOf(ctx).organisationId;
  const conditions: SQL[] = [eq(intlPractices.organisationId, organisationId)];
  // Every word of the query must appear (folded: İ/ı/i, ş/s… match alike) in some title or summary.
  for (const word of searchKey(filter.q ?? '')
    .split(' ')
    .filter(Boolean))
    conditions.push(sql`${intlPractices.searchKey} LIKE ${like(word)}`);
  if (filter.theme) conditions.push(sql`${filter.theme} = ANY(${intlPractices.themes})`);
  if (filter.country) conditions.push(eq(intlPractices.country, filter.country));
  const rows = await ctx.db
    .select()
    .from(intlPractices)
    .where(and(...conditions))
    .orderBy(sql`${intlPractices.titleTr} COLLATE "turkish"`, asc(intlPractices.id));
  const refs = await partnerRefs(
    ctx,
    rows.flatMap((r) => (r.partnerId ? [r.partnerId] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    title: { tr: r.titleTr, en: r.titleEn, ar: r.titleAr },
    summary: { tr: r.summaryTr, en: r.summaryEn, ar: r.summaryAr },
    country: r.country,
    partner: r.partnerId ? partnerRef(refs, r.partnerId) : null,
    themes: r.themes as Theme[],
  }));
}

export function practiceSearchKey(input: PracticeInput): string {
  return searchKey(
    [input.titleTr, input.titleEn, input.titleAr, input.summaryTr, input.summaryEn, input.summaryAr]
      .filter(Boolean)
      .join(' '),
  );
}

/** Validates a good practice and writes it: a new one, or `id` replaced; its Turkish title is unique. */
async function savePractice(ctx: Ctx, input: PracticeInput, id?: string): Promise<Practice> {
  const organisationId = actorOf(ctx).organisationId;
  if (input.partnerId && !(await partnerRefs(ctx, [input.partnerId])).has(input.partnerId))
    throw problems.invalid('/partnerId', unknownPartner);
  const savedId = await inTransaction(ctx, async (c) => {
    const now = c.clock.now();
    const [dup] = await c.db
      .select({ id: intlPractices.id })
      .from(intlPractices)
      .where(and(eq(intlPractices.organisationId, organisationId), eq(intlPractices.titleTr, input.titleTr.trim())));
    if (dup && dup.id !== id) throw problems.conflict('errors.international.practiceExists', '/titleTr');
    const values = {
      titleTr: input.titleTr.trim(),
      titleEn: input.titleEn?.trim() || null,
      titleAr: input.titleAr?.trim() || null,
      summaryTr: input.summaryTr.trim(),
      summaryEn: input.summaryEn?.trim() || null,
      summaryAr: input.summaryAr?.trim() || null,
      country: input.country ?? null,
      partnerId: input.partnerId ?? null,
      themes: input.themes,
      searchKey: practiceSearchKey(input),
      updatedAt: now,
    };
    if (id) {
      const updated = await c.db
        .update(intlPractices)
        .set(values)
        .where(and(eq(intlPractices.id, id), eq(intlPractices.organisationId, organisationId)))
        .returning({ id: intlPractices.id });
      if (updated.length === 0) throw problems.notFound();
      await audit(c.db, c, { action: 'intl-practice.updated', subjectType: 'intl-practice', subjectId: id });
      return id;
    }
    const [row] = await c.db
      .insert(intlPractices)
      .values({ ...values, organisationId, createdAt: now })
      .returning({ id: intlPractices.id });
    await audit(c.db, c, { action: 'intl-practice.created', subjectType: 'intl-practice', subjectId: row!.id });
    return row!.id;
  });
  return (await listPractices(ctx, {})).find((p) => p.id === savedId)!;
}

export function createPractice(ctx: Ctx, input: PracticeInput): Promise<Practice> {
  return savePractice(ctx, input);
}

export function updatePractice(ctx: Ctx, id: string, input: PracticeInput): Promise<Practice> {
  return savePractice(ctx, input, id);
}

// ---- reminders -----------------------------------------------------------------------------------------

export interface DueReminder {
  followUpId: string;
  organisationId: string;
  stage: 'before' | 'overdue';
  title: string;
  deadline: string;
  ownerId: string;
  ownerEmail: string | null;
  ownerName: string;
  ownerLocale: string | null;
}

/**
 * Open actions of every organisation whose reminder is due on the application clock's day (the sweep
 * works for all organisations): those within the lead days of their deadline not yet reminded before,
 * and those past it not yet reminded as overdue.
 */
export async function dueReminders(ctx: Ctx, day: string, leadFrom: string): Promise<DueReminder[]> {
  const rows = await ctx.db
    .select({
      f: intlFollowUps,
      email: users.email,
      name: users.fullName,
      locale: users.locale,
    })
    .from(intlFollowUps)
    .innerJoin(users, and(eq(users.id, intlFollowUps.ownerId), eq(users.organisationId, intlFollowUps.organisationId)))
    .where(
      and(
        eq(intlFollowUps.status, 'open'),
        or(
          and(sql`${intlFollowUps.deadline} < ${day}`, isNull(intlFollowUps.remindedOverdueAt)),
          and(
            sql`${intlFollowUps.deadline} >= ${day}`,
            sql`${intlFollowUps.deadline} <= ${leadFrom}`,
            isNull(intlFollowUps.remindedBeforeAt),
          ),
        ),
      ),
    )
    .orderBy(asc(intlFollowUps.deadline), asc(intlFollowUps.id))
    .limit(500);
  return rows.map((r) => ({
    followUpId: r.f.id,
    organisationId: r.f.organisationId,
    stage: r.f.deadline < day ? 'overdue' : 'before',
    title: r.f.title,
    deadline: r.f.deadline,
    ownerId: r.f.ownerId,
    ownerEmail: r.email,
    ownerName: r.name,
    ownerLocale: r.locale,
  }));
}

/**
 * Marks a reminder stage as sent, once: false when another run already did (the caller then sends
 * nothing). An overdue reminder also closes the before stage (an action first seen overdue gets only one).
 */
export async function claimReminder(c: Ctx, r: DueReminder): Promise<boolean> {
  const now = c.clock.now();
  const won = await c.db
    .update(intlFollowUps)
    .set(
      r.stage === 'overdue'
        ? { remindedOverdueAt: now, remindedBeforeAt: sql`coalesce(${intlFollowUps.remindedBeforeAt}, ${now})` }
        : { remindedBeforeAt: now },
    )
    .where(
      and(
        eq(intlFollowUps.id, r.followUpId),
        eq(intlFollowUps.organisationId, r.organisationId),
        eq(intlFollowUps.status, 'open'),
        r.stage === 'overdue' ? isNull(intlFollowUps.remindedOverdueAt) : isNull(intlFollowUps.remindedBeforeAt),
      ),
    )
    .returning({ id: intlFollowUps.id });
  return won.length > 0;
}
