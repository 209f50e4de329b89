/**
 * The data-protection desk (issue 12, DATA-PROTECTION.md): the register of data subjects' requests with
 * identity verification and the 30-day deadline, the person look-up that serves a request (audited with
 * it; no ID number or special category shown), the access export and its delivery, erasure by
 * anonymisation with a destruction record, and rectifications the case office carries out. Other
 * modules' tables are read and written only through their index.ts.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, notInArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dpDestructionRecords, dpExports, dpRequestDocuments, dpRequests, users } from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { inOrder } from '../../lib/in-order.ts';
import type { ProblemError } from '../../lib/errors.ts';
import { problems } from '../../lib/errors.ts';
import { isBase64 } from '../../lib/crypto.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { isLocale, type Locale } from '../../../common/locales.ts';
import {
  DP_ANSWER_DAYS,
  type DpExport,
  type DpRequest,
  type DpRequestKind,
  type DpRequestStatus,
  type DpRequestSummary,
  type DP_SORTS,
} from '../../../common/contracts/dataprotection.ts';
import {
  anonymisePerson,
  coarsenRareCombination,
  lookUpPersons,
  ownPersonId,
  personSummary,
  personTraces,
  type PersonSummary,
} from '../people/index.ts';
import {
  notifyRectificationRecipients,
  pseudonymiseReferrals,
  rankedReferralOf,
  recipientsOf,
} from '../referrals/index.ts';
import { presentKeptMatch } from '../matching/index.ts';
import { purgeMessages } from '../outbox/index.ts';
import { accountsOf, anonymiseAccounts } from '../identity/index.ts';
import { anonymisePlacementsOf } from '../placements/index.ts';
import { anonymiseCooperativesOf } from '../cooperatives/index.ts';
import { anonymiseCoursesOf } from '../courses/index.ts';
import { anonymiseFairsOf } from '../fairs/index.ts';
import { anonymiseGraduationsOf } from '../graduation/index.ts';
import { anonymiseChildcareOf } from '../childcare/index.ts';
import { anonymiseSurveysOf } from '../surveys/index.ts';
import { thresholdOf } from '../indicators/index.ts';
import { contentsOf, exportJson, exportXlsx, gatherPersonData } from './export.service.ts';

type RequestRow = typeof dpRequests.$inferSelect;
type ExportRow = typeof dpExports.$inferSelect;

const CLOSED: readonly DpRequestStatus[] = ['answered', 'refused'];
/** How long a delivered export stays downloadable. */
const EXPORT_VALID_DAYS = 30;
/** Destruction records are kept 3 years (DATA-PROTECTION.md). */
const DESTRUCTION_RECORD_YEARS = 3;

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function today(ctx: Ctx): string {
  return turkishDate(ctx.clock.now());
}

async function loadRequest(db: Db, ctx: Ctx, id: string): Promise<RequestRow> {
  const [row] = await db
    .select()
    .from(dpRequests)
    .where(and(eq(dpRequests.id, id), eq(dpRequests.organisationId, actorOf(ctx).organisationId)));
  if (!row) throw problems.notFound();
  return row;
}

function conflict(code: string): ProblemError {
  return problems.conflict(`errors.dataProtection.${code}`);
}

function presentExport(e: ExportRow): DpExport {
  return {
    id: e.id,
    requestId: e.requestId,
    delivery: e.delivery,
    locale: e.locale,
    contents: e.contents,
    expiresAt: e.expiresAt.toISOString(),
    downloadedFormats: e.downloadedFormats as ('json' | 'xlsx')[],
    createdAt: e.createdAt.toISOString(),
  };
}

function daysLeft(ctx: Ctx, r: Pick<RequestRow, 'status' | 'dueOn'>): number | null {
  return CLOSED.includes(r.status) ? null : daysBetween(today(ctx), r.dueOn);
}

async function present(ctx: Ctx, r: RequestRow): Promise<DpRequest> {
  const organisationId = actorOf(ctx).organisationId;
  let person: PersonSummary | null = null;
  if (r.personId) person = await personSummary(ctx, r.personId).catch(() => null);
  const ranked = r.referralId ? await rankedReferralOf(ctx.db, organisationId, r.referralId) : null;
  const [exports, documents, [destruction], [verifier]] = await inOrder(
    () =>
      ctx.db
        .select()
        .from(dpExports)
        .where(and(eq(dpExports.requestId, r.id), eq(dpExports.organisationId, organisationId)))
        .orderBy(desc(dpExports.createdAt)),
    () =>
      ctx.db
        .select({
          id: dpRequestDocuments.id,
          fileName: dpRequestDocuments.fileName,
          mediaType: dpRequestDocuments.mediaType,
          sizeBytes: dpRequestDocuments.sizeBytes,
          createdAt: dpRequestDocuments.createdAt,
        })
        .from(dpRequestDocuments)
        .where(and(eq(dpRequestDocuments.requestId, r.id), eq(dpRequestDocuments.organisationId, organisationId)))
        .orderBy(asc(dpRequestDocuments.createdAt)),
    () =>
      ctx.db
        .select()
        .from(dpDestructionRecords)
        .where(and(eq(dpDestructionRecords.requestId, r.id), eq(dpDestructionRecords.organisationId, organisationId))),
    () =>
      r.identityVerifiedBy
        ? ctx.db.select({ name: users.fullName }).from(users).where(eq(users.id, r.identityVerifiedBy))
        : Promise.resolve([]),
  );
  return {
    id: r.id,
    kind: r.kind,
    channel: r.channel,
    status: r.status,
    receivedOn: r.receivedOn,
    dueOn: r.dueOn,
    daysLeft: daysLeft(ctx, r),
    person,
    details: r.details,
    identity:
      r.identityMethod && r.identityVerifiedAt
        ? {
            method: r.identityMethod,
            note: r.identityNote,
            verifiedBy: verifier?.name ?? null,
            verifiedAt: r.identityVerifiedAt.toISOString(),
          }
        : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    carriedOutAt: r.carriedOutAt?.toISOString() ?? null,
    answer: r.answer,
    refusalReason: r.refusalReason,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    ranking: ranked
      ? {
          referralId: ranked.id,
          vacancyTitle: ranked.vacancyTitle,
          employerName: ranked.employerName,
          match: await presentKeptMatch(ctx, ranked.match),
        }
      : null,
    exports: exports.map(presentExport),
    documents: documents.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    destruction: destruction
      ? { id: destruction.id, performedAt: destruction.performedAt.toISOString(), summary: destruction.summary }
      : null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function getRequest(ctx: Ctx, id: string): Promise<DpRequest> {
  return present(ctx, await loadRequest(ctx.db, ctx, id));
}

// ---- the register ----------------------------------------------------------------------------------

export interface RequestFilter {
  status?: DpRequestStatus | undefined;
  kind?: DpRequestKind | undefined;
  open?: boolean | undefined;
  sort?: (typeof DP_SORTS)[number] | undefined;
  page: number;
  pageSize: number;
}

export async function listRequests(ctx: Ctx, filter: RequestFilter) {
  const conditions: SQL[] = [eq(dpRequests.organisationId, actorOf(ctx).organisationId)];
  if (filter.status) conditions.push(eq(dpRequests.status, filter.status));
  if (filter.kind) conditions.push(eq(dpRequests.kind, filter.kind));
  if (filter.open) conditions.push(notInArray(dpRequests.status, [...CLOSED]));
  const sort = filter.sort ?? 'dueOn';
  const column = {
    dueOn: dpRequests.dueOn,
    receivedOn: dpRequests.receivedOn,
    status: dpRequests.status,
    kind: dpRequests.kind,
  }[sort.replace('-', '') as 'dueOn'];
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select()
      .from(dpRequests)
      .where(where)
      .orderBy(sort.startsWith('-') ? desc(column) : asc(column), asc(dpRequests.createdAt), asc(dpRequests.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(dpRequests).where(where),
  ]);
  const items: DpRequestSummary[] = [];
  for (const r of rows) {
    const person = r.personId ? await personSummary(ctx, r.personId).catch(() => null) : null;
    items.push({
      id: r.id,
      kind: r.kind,
      channel: r.channel,
      status: r.status,
      receivedOn: r.receivedOn,
      dueOn: r.dueOn,
      daysLeft: daysLeft(ctx, r),
      person: person ? { id: person.id, name: `${person.givenName} ${person.familyName}` } : null,
    });
  }
  return { items, total: total?.n ?? 0 };
}

export async function createRequest(
  ctx: Ctx,
  input: {
    kind: DpRequestKind;
    channel: 'counter' | 'letter';
    receivedOn?: string | undefined;
    details?: string | null | undefined;
  },
): Promise<string> {
  const now = today(ctx);
  const receivedOn = input.receivedOn ?? now;
  if (receivedOn > now) throw problems.invalid('/receivedOn', 'errors.dataProtection.receivedInFuture');
  return inTransaction(ctx, async (c) => {
    const [row] = await c.db
      .insert(dpRequests)
      .values({
        organisationId: actorOf(ctx).organisationId,
        kind: input.kind,
        channel: input.channel,
        receivedOn,
        dueOn: addDays(receivedOn, DP_ANSWER_DAYS),
        details: input.details?.trim() || null,
        createdBy: actorOf(ctx).userId,
        createdAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .returning({ id: dpRequests.id });
    await audit(c.db, c, {
      action: 'dp-request.created',
      subjectType: 'dp-request',
      subjectId: row!.id,
      fields: ['kind', 'channel', 'receivedOn', ...(input.details ? ['details'] : [])],
    });
    return row!.id;
  });
}

function assertOpen(r: RequestRow): void {
  if (CLOSED.includes(r.status)) throw conflict('requestClosed');
}

/**
 * Finds the applicant for a request by name, ID number or phone. Each look-up is an audit event naming
 * the request it serves (not the words searched, which are personal data themselves).
 */
export async function searchPerson(ctx: Ctx, id: string, q: string): Promise<{ items: PersonSummary[] }> {
  const r = await loadRequest(ctx.db, ctx, id);
  assertOpen(r);
  // A read: the search runs on the pool (its queries in parallel), then the event is written.
  const items = await lookUpPersons(ctx, q);
  await audit(ctx.db, ctx, {
    action: 'dp-request.person-searched',
    subjectType: 'dp-request',
    subjectId: r.id,
    purpose: `request:${r.id}:results:${items.length}`,
  });
  return { items };
}

export async function linkPerson(ctx: Ctx, id: string, personId: string): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const r = await loadRequest(c.db, c, id);
    assertOpen(r);
    if (r.channel === 'self-service') throw conflict('personFixed');
    try {
      await personSummary(c, personId);
    } catch {
      throw problems.invalid('/personId', 'errors.dataProtection.personUnknown');
    }
    await c.db
      .update(dpRequests)
      .set({ personId, updatedAt: ctx.clock.now() })
      .where(and(eq(dpRequests.id, r.id), eq(dpRequests.organisationId, r.organisationId)));
    await audit(c.db, c, {
      action: 'dp-request.person-linked',
      subjectType: 'dp-request',
      subjectId: r.id,
      fields: ['personId'],
      purpose: `person:${personId}`,
    });
  });
}

export async function verifyIdentity(ctx: Ctx, id: string, method: string, note?: string | null): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const r = await loadRequest(c.db, c, id);
    assertOpen(r);
    if (r.channel === 'self-service') throw conflict('personFixed');
    await c.db
      .update(dpRequests)
      .set({
        identityMethod: method as RequestRow['identityMethod'],
        identityNote: note?.trim() || null,
        identityVerifiedBy: actorOf(ctx).userId,
        identityVerifiedAt: ctx.clock.now(),
        status: r.status === 'received' ? 'verified' : r.status,
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(dpRequests.id, r.id), eq(dpRequests.organisationId, r.organisationId)));
    await audit(c.db, c, {
      action: 'dp-request.identity-verified',
      subjectType: 'dp-request',
      subjectId: r.id,
      fields: ['identityMethod', ...(note ? ['identityNote'] : [])],
    });
  });
}

/** A request ready for action: identity verified and the person found. */
function assertReady(r: RequestRow): asserts r is RequestRow & { personId: string } {
  assertOpen(r);
  if (r.status === 'received' || !r.identityVerifiedAt) throw conflict('identityNotVerified');
  if (!r.personId) throw conflict('personNotLinked');
}

export async function acceptRequest(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const r = await loadRequest(c.db, c, id);
    if (r.kind !== 'rectification' && r.kind !== 'erasure') throw conflict('notApplicable');
    assertReady(r);
    if (r.status !== 'verified') throw conflict('transitionNotAllowed');
    await c.db
      .update(dpRequests)
      .set({
        status: 'accepted',
        decidedBy: actorOf(ctx).userId,
        decidedAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(dpRequests.id, r.id), eq(dpRequests.organisationId, r.organisationId)));
    await audit(c.db, c, {
      action: 'dp-request.accepted',
      subjectType: 'dp-request',
      subjectId: r.id,
      fields: ['status'],
    });
  });
}

export async function answerRequest(ctx: Ctx, id: string, answer: string): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const r = await loadRequest(c.db, c, id);
    assertReady(r);
    // A rectification or an erasure is answered once it has been carried out.
    if ((r.kind === 'rectification' || r.kind === 'erasure') && r.status !== 'carried-out')
      throw conflict('notCarriedOut');
    await c.db
      .update(dpRequests)
      .set({
        status: 'answered',
        answer: answer.trim(),
        answeredBy: actorOf(ctx).userId,
        answeredAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(dpRequests.id, r.id), eq(dpRequests.organisationId, r.organisationId)));
    await audit(c.db, c, {
      action: 'dp-request.answered',
      subjectType: 'dp-request',
      subjectId: r.id,
      fields: ['status', 'answer'],
    });
  });
}

export async function refuseRequest(ctx: Ctx, id: string, reason: string): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const r = await loadRequest(c.db, c, id);
    assertOpen(r);
    if (r.status === 'carried-out') throw conflict('transitionNotAllowed');
    await c.db
      .update(dpRequests)
      .set({
        status: 'refused',
        refusalReason: reason.trim(),
        answeredBy: actorOf(ctx).userId,
        answeredAt: ctx.clock.now(),
        updatedAt: ctx.clock.now(),
      })
      .where(and(eq(dpRequests.id, r.id), eq(dpRequests.organisationId, r.organisationId)));
    await audit(c.db, c, {
      action: 'dp-request.refused',
      subjectType: 'dp-request',
      subjectId: r.id,
      fields: ['status', 'refusalReason'],
    });
  });
}

// ---- documents --------------------------------------------------------------------------------------

const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

export async function addDocument(
  ctx: Ctx,
  id: string,
  input: { fileName: string; mediaType: string; content: string },
) {
  if (!isBase64(input.content)) throw problems.invalid('/content', 'errors.documents.notBase64');
  const size = Buffer.from(input.content, 'base64').length;
  if (size > MAX_DOCUMENT_BYTES) throw problems.invalid('/content', 'errors.dataProtection.documentTooLarge');
  return inTransaction(ctx, async (c) => {
    const r = await loadRequest(c.db, c, id);
    const [row] = await c.db
      .insert(dpRequestDocuments)
      .values({
        organisationId: r.organisationId,
        requestId: r.id,
        fileName: input.fileName.trim(),
        mediaType: input.mediaType,
        sizeBytes: size,
        content: input.content,
        uploadedBy: actorOf(ctx).userId,
        createdAt: ctx.clock.now(),
      })
      .returning();
    await audit(c.db, c, {
      action: 'dp-request.document-added',
      subjectType: 'dp-request',
      subjectId: r.id,
      fields: ['documents'],
    });
    return {
      id: row!.id,
      fileName: row!.fileName,
      mediaType: row!.mediaType,
      sizeBytes: row!.sizeBytes,
      createdAt: row!.createdAt.toISOString(),
    };
  });
}

export async function documentContent(ctx: Ctx, id: string, docId: string) {
  return inTransaction(ctx, async (c) => {
    const r = await loadRequest(c.db, c, id);
    const [doc] = await c.db
      .select()
      .from(dpRequestDocuments)
      .where(
        and(
          eq(dpRequestDocuments.id, docId),
          eq(dpRequestDocuments.requestId, r.id),
          eq(dpRequestDocuments.organisationId, r.organisationId),
        ),
      );
    if (!doc) throw problems.notFound();
    await audit(c.db, c, {
      action: 'dp-request.document-read',
      subjectType: 'dp-request',
      subjectId: r.id,
      purpose: `document:${doc.id}`,
    });
    return { fileName: doc.fileName, mediaType: doc.mediaType, content: Buffer.from(doc.content, 'base64') };
  });
}

// ---- the access export ------------------------------------------------------------------------------

/**
 * Produces the access export for an access request: gathers everything held on the person to count it
 * (the DPO receives the list of sections and counts only) and records the delivery. The file itself is
 * built again when it is downloaded, so that it is complete on that day and not stored.
 */
export async function createExport(
  ctx: Ctx,
  id: string,
  input: { delivery: 'self-service' | 'counter'; locale?: Locale | undefined },
): Promise<DpExport> {
  return inTransaction(ctx, async (c) => {
    const r = await loadRequest(c.db, c, id);
    if (r.kind !== 'access') throw conflict('notApplicable');
    assertReady(r);
    const traces = await personTraces(c.db, r.organisationId, r.personId);
    const { accounts } = await accountsOf(c.db, r.organisationId, traces.userIds);
    const account = accounts.find((a) => a.status === 'active') ?? accounts[0];
    if (input.delivery === 'self-service' && !account)
      throw problems.invalid('/delivery', 'errors.dataProtection.noAccount');
    const locale: Locale = input.locale ?? (account && isLocale(account.locale) ? account.locale : 'tr');
    const contents = contentsOf(await gatherPersonData(c, r.personId));
    const now = ctx.clock.now();
    const [row] = await c.db
      .insert(dpExports)
      .values({
        organisationId: r.organisationId,
        requestId: r.id,
        personId: r.personId,
        delivery: input.delivery,
        locale,
        contents,
        expiresAt: new Date(now.getTime() + EXPORT_VALID_DAYS * 86_400_000),
        createdBy: actorOf(ctx).userId,
        createdAt: now,
      })
      .returning();
    await audit(c.db, c, {
      action: 'dp-export.created',
      subjectType: 'dp-export',
      subjectId: row!.id,
      purpose: `request:${r.id}:delivery:${input.delivery}`,
    });
    return presentExport(row!);
  });
}

export interface ExportFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

async function buildFile(c: Ctx, e: ExportRow, format: 'json' | 'xlsx'): Promise<ExportFile> {
  if (e.expiresAt <= c.clock.now()) throw problems.gone('errors.dataProtection.exportExpired');
  if (e.downloadedFormats.includes(format)) throw problems.gone('errors.dataProtection.exportUsed');
  const data = await gatherPersonData(c, e.personId);
  const now = c.clock.now();
  await c.db
    .update(dpExports)
    .set({ downloadedFormats: [...e.downloadedFormats, format] })
    .where(and(eq(dpExports.id, e.id), eq(dpExports.organisationId, e.organisationId)));
  await audit(c.db, c, {
    action: 'dp-export.downloaded',
    subjectType: 'dp-export',
    subjectId: e.id,
    purpose: `format:${format}`,
  });
  const name = `kisisel-veriler-${turkishDate(now)}.${format}`;
  return format === 'json'
    ? { fileName: name, mediaType: 'application/json; charset=utf-8', content: exportJson(e.locale, data, now) }
    : {
        fileName: name,
        mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        content: await exportXlsx(e.locale, data, now),
      };
}

/** The case office prints an export made for delivery at the counter: a person in the caller's scope. */
export async function counterExportFile(ctx: Ctx, exportId: string, format: 'json' | 'xlsx'): Promise<ExportFile> {
  return inTransaction(ctx, async (c) => {
    const [e] = await c.db
      .select()
      .from(dpExports)
      .where(
        and(
          eq(dpExports.id, exportId),
          eq(dpExports.organisationId, actorOf(ctx).organisationId),
          eq(dpExports.delivery, 'counter'),
        ),
      );
    if (!e) throw problems.notFound();
    await personSummary(c, e.personId); // 404 outside the caller's office
    return buildFile(c, e, format);
  });
}

/** Counter exports not yet printed in both formats and not expired, for persons in the caller's scope. */
export async function listCounterExports(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(dpExports)
    .where(and(eq(dpExports.organisationId, actorOf(ctx).organisationId), eq(dpExports.delivery, 'counter')))
    .orderBy(desc(dpExports.createdAt));
  const items = [];
  for (const e of rows) {
    if (e.expiresAt <= ctx.clock.now() || e.downloadedFormats.length >= 2) continue;
    const person = await personSummary(ctx, e.personId).catch(() => null);
    if (!person) continue;
    items.push({ ...presentExport(e), person: { id: person.id, name: `${person.givenName} ${person.familyName}` } });
  }
  return { items };
}

/** The signed-in person downloads their own export. */
export async function ownExportFile(ctx: Ctx, exportId: string, format: 'json' | 'xlsx'): Promise<ExportFile> {
  const own = await ownPersonId(ctx);
  return inTransaction(ctx, async (c) => {
    const [e] = await c.db
      .select()
      .from(dpExports)
      .where(
        and(
          eq(dpExports.id, exportId),
          eq(dpExports.organisationId, actorOf(ctx).organisationId),
          eq(dpExports.personId, own),
          eq(dpExports.delivery, 'self-service'),
        ),
      );
    if (!e) throw problems.notFound();
    return buildFile(c, e, format);
  });
}

// ---- erasure ------------------------------------------------------------------------------------------

/**
 * Carries out an accepted erasure in one transaction: the people module anonymises the record (and
 * records merged into it), identity the seeker account, the outbox deletes messages to or naming the
 * person, the referrals module removes free text about them; here the request texts and documents of the
 * person's requests go and exports can no longer be downloaded. A destruction record names what was
 * destroyed, by counts, against the anonymised record's id.
 */
export async function erase(ctx: Ctx, id: string): Promise<void> {
  await inTransaction(ctx, async (c) => {
    const r = await loadRequest(c.db, c, id);
    if (r.kind !== 'erasure') throw conflict('notApplicable');
    assertReady(r);
    if (r.status !== 'accepted') throw conflict('notAccepted');
    const summary = await anonymiseEverywhere(c, r.personId);
    const now = ctx.clock.now();
    await c.db.insert(dpDestructionRecords).values({
      organisationId: r.organisationId,
      requestId: r.id,
      subjectRef: r.personId,
      method: 'anonymisation',
      summary,
      performedBy: actorOf(ctx).userId,
      performedAt: now,
      keepUntil: addDays(today(ctx), DESTRUCTION_RECORD_YEARS * 365),
    });
    await c.db
      .update(dpRequests)
      .set({ status: 'carried-out', carriedOutBy: actorOf(ctx).userId, carriedOutAt: now, updatedAt: now })
      .where(and(eq(dpRequests.id, r.id), eq(dpRequests.organisationId, r.organisationId)));
  });
}

/**
 * Anonymises a person everywhere, inside the caller's transaction (`c.db` is it): the people module the
 * record (and records merged into it), identity the seeker account, the outbox messages to or naming
 * the person, referrals the free text about them, placements, courses, graduation, childcare, surveys and fairs the free
 * text and person details on their rows (which stay, anonymous, for the statistics); here the request texts and documents of the person's
 * requests go and their exports can no longer be downloaded. Answers the counts per category for the
 * destruction record, which the caller writes (an erasure on request, or a periodic batch).
 */
export async function anonymiseEverywhere(c: Ctx, personId: string): Promise<Record<string, number>> {
  const organisationId = actorOf(c).organisationId;
  const traces = await personTraces(c.db, organisationId, personId);
  const fullName = `${traces.person.givenName} ${traces.person.familyName}`;
  const summary = await anonymisePerson(c, personId);
  // Rare combinations of what stays (district, nationality, age band, groups) coarsened below the threshold.
  summary.coarsened = await coarsenRareCombination(c, personId, await thresholdOf(c));
  summary.accounts = await anonymiseAccounts(c, traces.userIds);
  summary.messages = await purgeMessages(c, {
    userIds: traces.userIds,
    recipients: traces.contacts,
    mentions: [fullName],
  });
  summary.referrals = await pseudonymiseReferrals(c, traces.personIds);
  summary.placements = await anonymisePlacementsOf(c, organisationId, traces.personIds);
  summary.courseApplications = await anonymiseCoursesOf(c, organisationId, traces.personIds);
  summary.graduations = await anonymiseGraduationsOf(c, organisationId, traces.personIds);
  summary.childcarePlaces = await anonymiseChildcareOf(c, organisationId, traces.personIds);
  summary.surveyResponses = await anonymiseSurveysOf(c, organisationId, traces.personIds);
  summary.cooperativeMemberships = await anonymiseCooperativesOf(c, organisationId, traces.personIds);
  summary.fairVisits = await anonymiseFairsOf(c, organisationId, traces.personIds);
  const requestIds = (
    await c.db
      .select({ id: dpRequests.id })
      .from(dpRequests)
      .where(and(eq(dpRequests.organisationId, organisationId), inArray(dpRequests.personId, traces.personIds)))
  ).map((x) => x.id);
  await c.db
    .update(dpRequests)
    .set({ details: null, identityNote: null })
    .where(and(eq(dpRequests.organisationId, organisationId), inArray(dpRequests.id, requestIds)));
  const docs = await c.db
    .delete(dpRequestDocuments)
    .where(
      and(eq(dpRequestDocuments.organisationId, organisationId), inArray(dpRequestDocuments.requestId, requestIds)),
    )
    .returning({ id: dpRequestDocuments.id });
  summary.requestDocuments = docs.length;
  await c.db
    .update(dpExports)
    .set({ expiresAt: c.clock.now() })
    .where(and(eq(dpExports.organisationId, organisationId), inArray(dpExports.personId, traces.personIds)));
  return summary;
}

// ---- rectification by the case office ---------------------------------------------------------------------

export async function listDueRectifications(ctx: Ctx) {
  const rows = await ctx.db
    .select()
    .from(dpRequests)
    .where(
      and(
        eq(dpRequests.organisationId, actorOf(ctx).organisationId),
        eq(dpRequests.kind, 'rectification'),
        eq(dpRequests.status, 'accepted'),
        isNotNull(dpRequests.personId),
      ),
    )
    .orderBy(asc(dpRequests.dueOn));
  const items = [];
  for (const r of rows) {
    // Only persons in the caller's scope (their office, unless offices:all).
    const person = await personSummary(ctx, r.personId!).catch(() => null);
    if (!person) continue;
    items.push({
      requestId: r.id,
      person: { id: person.id, name: `${person.givenName} ${person.familyName}` },
      details: r.details,
      decidedAt: r.decidedAt!.toISOString(),
      dueOn: r.dueOn,
    });
  }
  return { items };
}

/**
 * The case office has corrected the record (through the person form, which records a rectification
 * notice for every earlier recipient): the notices recorded since the DPO accepted the request are passed
 * on to their recipients through the outbox, and the request is marked carried out for the DPO to answer.
 */
export async function completeRectification(ctx: Ctx, id: string): Promise<{ notified: number }> {
  return inTransaction(ctx, async (c) => {
    const r = await loadRequest(c.db, c, id);
    if (r.kind !== 'rectification' || !r.personId) throw problems.notFound();
    await personSummary(c, r.personId); // 404 outside the caller's office
    if (r.status !== 'accepted') throw conflict('notAccepted');
    const notified = await notifyRectificationRecipients(c, r.personId, r.decidedAt ?? r.createdAt);
    const now = ctx.clock.now();
    await c.db
      .update(dpRequests)
      .set({ status: 'carried-out', carriedOutBy: actorOf(ctx).userId, carriedOutAt: now, updatedAt: now })
      .where(and(eq(dpRequests.id, r.id), eq(dpRequests.organisationId, r.organisationId)));
    await audit(c.db, c, {
      action: 'dp-request.rectification-carried-out',
      subjectType: 'dp-request',
      subjectId: r.id,
      fields: ['status'],
      purpose: `notified:${notified}`,
    });
    return { notified };
  });
}

// ---- the person themselves ----------------------------------------------------------------------------

function presentOwn(r: RequestRow) {
  return {
    id: r.id,
    kind: r.kind,
    referralId: r.referralId,
    status: r.status,
    receivedOn: r.receivedOn,
    dueOn: r.dueOn,
    details: r.details,
    answer: r.answer,
    refusalReason: r.refusalReason,
    answeredAt: r.answeredAt?.toISOString() ?? null,
  };
}

export async function listOwnRequests(ctx: Ctx) {
  const own = await ownPersonId(ctx);
  const rows = await ctx.db
    .select()
    .from(dpRequests)
    .where(and(eq(dpRequests.organisationId, actorOf(ctx).organisationId), eq(dpRequests.personId, own)))
    .orderBy(desc(dpRequests.createdAt));
  return { items: rows.map(presentOwn) };
}

/**
 * A request filed from the person's profile: their signed-in session is the identity verification. An
 * objection to an automated result may name one of the person's applications that matching ranked
 * (`referralId`): the DPO then sees the ranking as it was kept. One open review per application.
 */
export async function createOwnRequest(
  ctx: Ctx,
  input: { kind: DpRequestKind; details?: string | null | undefined; referralId?: string | null | undefined },
) {
  const own = await ownPersonId(ctx);
  const organisationId = actorOf(ctx).organisationId;
  const referralId = input.referralId ?? null;
  if (referralId) {
    if (input.kind !== 'objection-automated')
      throw problems.invalid('/referralId', 'errors.dataProtection.rankingOnlyForAutomated');
    const ranked = await rankedReferralOf(ctx.db, organisationId, referralId);
    // Not theirs, or not ranked by matching: the same answer, so that no other person's application is revealed.
    if (!ranked || !(await personTraces(ctx.db, organisationId, own)).personIds.includes(ranked.personId))
      throw problems.invalid('/referralId', 'errors.dataProtection.noRanking');
  }
  return inTransaction(ctx, async (c) => {
    if (referralId) {
      const [open] = await c.db
        .select({ id: dpRequests.id })
        .from(dpRequests)
        .where(
          and(
            eq(dpRequests.organisationId, organisationId),
            eq(dpRequests.referralId, referralId),
            notInArray(dpRequests.status, ['answered', 'refused']),
          ),
        );
      if (open) throw problems.conflict('errors.dataProtection.reviewUnderWay', '/referralId');
    }
    const now = ctx.clock.now();
    const receivedOn = today(ctx);
    const [row] = await c.db
      .insert(dpRequests)
      .values({
        organisationId: actorOf(ctx).organisationId,
        personId: own,
        kind: input.kind,
        channel: 'self-service',
        status: 'verified',
        receivedOn,
        dueOn: addDays(receivedOn, DP_ANSWER_DAYS),
        details: input.details?.trim() || null,
        referralId,
        identityMethod: 'signed-in-session',
        identityVerifiedAt: now,
        createdBy: actorOf(ctx).userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await audit(c.db, c, {
      action: 'dp-request.created',
      subjectType: 'dp-request',
      subjectId: row!.id,
      fields: ['kind', 'channel', ...(input.details ? ['details'] : []), ...(referralId ? ['referral'] : [])],
    });
    return presentOwn(row!);
  });
}

export async function listOwnExports(ctx: Ctx) {
  const own = await ownPersonId(ctx);
  const rows = await ctx.db
    .select()
    .from(dpExports)
    .where(
      and(
        eq(dpExports.organisationId, actorOf(ctx).organisationId),
        eq(dpExports.personId, own),
        eq(dpExports.delivery, 'self-service'),
      ),
    )
    .orderBy(desc(dpExports.createdAt));
  return { items: rows.filter((e) => e.expiresAt > ctx.clock.now()).map(presentExport) };
}

/** Who received the signed-in person's data (the disclosure log). */
export async function listOwnRecipients(ctx: Ctx) {
  const own = await ownPersonId(ctx);
  const traces = await personTraces(ctx.db, actorOf(ctx).organisationId, own);
  return { items: await recipientsOf(ctx.db, actorOf(ctx).organisationId, traces.personIds) };
}
