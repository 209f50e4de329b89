import { and, desc, eq } from 'drizzle-orm';
import {
  CONSENT_PURPOSES,
  offices,
  organisations,
  personDocuments,
  users,
  workHistory,
  type ConsentPurpose,
} from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { audit } from '../../../lib/audit.ts';
import { problems } from '../../../lib/errors.ts';
import { isBase64 } from '../../../lib/crypto.ts';
import {
  CONSENT_TEXT_VERSION,
  DOCUMENT_KINDS,
  MEDIA_TYPES,
  NOTICE_VERSION,
  type DocumentKind,
  type MediaType,
} from '../../../../common/people.ts';
import type { Locale } from '../../../../common/locales.ts';
import { turkishDate } from '../../../../common/working-days.ts';
import { loadPerson } from '../persons/persons.queries.ts';
import { hasActiveConsent } from '../consents/consents.service.ts';
import { consentPdf, cvPdf, noticePdf, type FormContext } from './pdf.ts';
import { localeOfPerson } from '../appointments/appointments.service.ts';

/**
 * Files attached to a person (signed notice and consent scans, certificates, …) kept in the database,
 * and the PDFs Köprü prints: the information notice, the explicit-consent form and a CV.
 */

export { DOCUMENT_KINDS, MEDIA_TYPES, type DocumentKind, type MediaType };
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** The type a file really is, by its first bytes; null for anything but PDF, JPEG and PNG. */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return null;
}

/** A file name safe to store and to send back in content-disposition: no folders, no control characters. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base
    .replace(/[\p{Cc}\p{Cf}"]/gu, '')
    .trim()
    .slice(0, 200);
}

function present(row: {
  id: string;
  kind: DocumentKind;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  createdAt: Date;
  uploadedBy: string | null;
}) {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.fileName,
    mediaType: row.mediaType,
    sizeBytes: row.sizeBytes,
    uploadedBy: row.uploadedBy,
    createdAt: row.createdAt.toISOString(),
  };
}
export type DocumentView = ReturnType<typeof present>;

const metadata = {
  id: personDocuments.id,
  kind: personDocuments.kind,
  fileName: personDocuments.fileName,
  mediaType: personDocuments.mediaType,
  sizeBytes: personDocuments.sizeBytes,
  createdAt: personDocuments.createdAt,
  uploadedBy: users.fullName,
};

export async function listDocuments(ctx: Ctx, personId: string): Promise<DocumentView[]> {
  await loadPerson(ctx.db, ctx, personId);
  const rows = await ctx.db
    .select(metadata)
    .from(personDocuments)
    .leftJoin(users, eq(users.id, personDocuments.uploadedBy))
    .where(eq(personDocuments.personId, personId))
    .orderBy(desc(personDocuments.createdAt), desc(personDocuments.id));
  return rows.map(present);
}

export async function getDocument(ctx: Ctx, personId: string, id: string): Promise<DocumentView> {
  await loadPerson(ctx.db, ctx, personId);
  const [row] = await ctx.db
    .select(metadata)
    .from(personDocuments)
    .leftJoin(users, eq(users.id, personDocuments.uploadedBy))
    .where(and(eq(personDocuments.id, id), eq(personDocuments.personId, personId)));
  if (!row) throw problems.notFound();
  return present(row);
}

export interface DocumentUpload extends FileUpload {
  kind: DocumentKind;
}

/** A file sent as base64 in a JSON body: its name, its declared type and its content. */
export interface FileUpload {
  fileName: string;
  mediaType: MediaType;
  contentBase64: string;
}

/**
 * Checks an uploaded file before it is stored: a clean name, valid base64, at most MAX_DOCUMENT_BYTES,
 * and really a PDF, JPEG or PNG (by its first bytes) of the declared type. Bad input is a 422 naming
 * /fileName, /contentBase64 or /mediaType. Used by every upload of a file to keep (persons, agreements).
 */
export function checkedUpload(input: FileUpload): { fileName: string; mediaType: MediaType; content: Buffer } {
  const fileName = cleanFileName(input.fileName);
  if (!fileName) throw problems.invalid('/fileName', 'errors.validation.required');
  const encoded = input.contentBase64.replace(/\s+/g, '');
  if (encoded.length === 0) throw problems.invalid('/contentBase64', 'errors.validation.required');
  if (!isBase64(encoded)) throw problems.invalid('/contentBase64', 'errors.documents.notBase64');
  // Checked on the encoded length first, so that an oversized file is refused before it is decoded.
  if ((encoded.length / 4) * 3 - (encoded.match(/=+$/)?.[0].length ?? 0) > MAX_DOCUMENT_BYTES)
    throw problems.invalid('/contentBase64', 'errors.documents.tooLarge', { mb: MAX_DOCUMENT_BYTES / 1024 / 1024 });
  const content = Buffer.from(encoded, 'base64');
  const actual = sniffMediaType(content);
  if (!actual) throw problems.invalid('/contentBase64', 'errors.documents.unsupportedType');
  if (actual !== input.mediaType)
    throw problems.invalid('/mediaType', 'errors.documents.typeMismatch', { actual, declared: input.mediaType });
  return { fileName, mediaType: actual, content };
}

/** Checks an upload (base64, size, real type by magic bytes) and stores it. */
export async function uploadDocument(ctx: Ctx, personId: string, input: DocumentUpload): Promise<string> {
  const { fileName, mediaType: actual, content } = checkedUpload(input);
  return ctx.db.transaction(async (tx) => {
    const person = await loadPerson(tx, ctx, personId);
    const [row] = await tx
      .insert(personDocuments)
      .values({
        organisationId: person.organisationId,
        personId,
        kind: input.kind,
        fileName,
        mediaType: actual,
        sizeBytes: content.length,
        content,
        uploadedBy: actorOf(ctx).userId,
        createdAt: ctx.clock.now(),
      })
      .returning({ id: personDocuments.id });
    await audit(tx, ctx, {
      action: 'document.attached',
      subjectType: 'person',
      subjectId: personId,
      fields: ['documents'],
      purpose: input.kind,
    });
    return row!.id;
  });
}

/** The stored bytes of a document, for download. */
export async function documentContent(
  ctx: Ctx,
  personId: string,
  id: string,
): Promise<{ fileName: string; mediaType: string; content: Buffer }> {
  await loadPerson(ctx.db, ctx, personId);
  const [row] = await ctx.db
    .select({
      kind: personDocuments.kind,
      fileName: personDocuments.fileName,
      mediaType: personDocuments.mediaType,
      content: personDocuments.content,
    })
    .from(personDocuments)
    .where(and(eq(personDocuments.id, id), eq(personDocuments.personId, personId)));
  if (!row) throw problems.notFound();
  // Who opened which of a person's documents is recorded (the file can carry anything: a report, an ID).
  await audit(ctx.db, ctx, {
    action: 'document.downloaded',
    subjectType: 'person',
    subjectId: personId,
    fields: ['documents'],
    purpose: `${row.kind}:${id}`,
  });
  // Uploaded files keep their names on screen; the download is named neutrally (see neutralName).
  const extension = /\.([a-z0-9]{1,8})$/i.exec(row.fileName)?.[1]?.toLowerCase() ?? 'bin';
  return { fileName: neutralName(ctx, 'belge', id, extension), mediaType: row.mediaType, content: row.content };
}

export async function deleteDocument(ctx: Ctx, personId: string, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await loadPerson(tx, ctx, personId);
    const deleted = await tx
      .delete(personDocuments)
      .where(and(eq(personDocuments.id, id), eq(personDocuments.personId, personId)))
      .returning({ kind: personDocuments.kind });
    if (deleted.length === 0) throw problems.notFound();
    await audit(tx, ctx, {
      action: 'document.removed',
      subjectType: 'person',
      subjectId: personId,
      fields: ['documents'],
      purpose: deleted[0]!.kind,
    });
  });
}

// ---- printable forms and the CV ---------------------------------------------------------------------------------

async function formContext(ctx: Ctx, personId: string, locale: Locale | undefined, version: string) {
  const person = await loadPerson(ctx.db, ctx, personId);
  const [[organisation], [office]] = await Promise.all([
    ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, person.organisationId)),
    ctx.db
      .select({ name: offices.name, address: offices.address, phone: offices.phone })
      .from(offices)
      .where(eq(offices.id, person.officeId)),
  ]);
  const context: FormContext = {
    locale: locale ?? localeOfPerson(person),
    personName: `${person.givenName} ${person.familyName}`,
    organisation: organisation?.name ?? '',
    office: office ?? { name: '', address: null, phone: null },
    version,
    now: ctx.clock.now(),
  };
  return { person, context };
}

export interface PdfFile {
  fileName: string;
  content: Buffer;
}

/**
 * A downloaded file's name names no person (it lands in a shared computer's Downloads folder and its
 * history): what it is, the day, and a short part of the record's id to tell two apart.
 */
function neutralName(ctx: Ctx, kind: string, id: string, extension: string): string {
  return `${kind}-${turkishDate(ctx.clock.now())}-${id.slice(0, 8)}.${extension}`;
}

/** The printable information notice (KVKK art. 10) with the person's name, for a wet signature. */
export async function noticeForm(ctx: Ctx, personId: string, locale?: Locale): Promise<PdfFile> {
  const { person, context } = await formContext(ctx, personId, locale, NOTICE_VERSION);
  const content = await noticePdf(context);
  await audit(ctx.db, ctx, {
    action: 'document.downloaded',
    subjectType: 'person',
    subjectId: person.id,
    fields: ['documents'],
    purpose: 'notice-form',
  });
  return { fileName: neutralName(ctx, 'aydinlatma-metni', person.id, 'pdf'), content };
}

/** Default purposes of a printed consent form: the ones asked of most people. */
export const DEFAULT_FORM_PURPOSES: ConsentPurpose[] = [
  'share-with-employers',
  'contact-beyond-service',
  'surveys',
  'photos',
];

/** Parses "a,b" into known consent purposes (400 naming the query parameter otherwise). */
export function parsePurposes(value: string | undefined): ConsentPurpose[] {
  if (!value) return DEFAULT_FORM_PURPOSES;
  const list = [...new Set(value.split(',').map((p) => p.trim()))].filter(Boolean);
  const unknown = list.filter((p) => !(CONSENT_PURPOSES as readonly string[]).includes(p));
  if (list.length === 0 || unknown.length > 0)
    throw problems.invalidQuery('/querystring/purposes', 'errors.documents.purposeUnknown');
  // Printed in the catalogue's order, whatever order they were asked in.
  return CONSENT_PURPOSES.filter((p) => list.includes(p));
}

/** The explicit-consent form for chosen purposes, with tick boxes and a signature line. */
export async function consentForm(
  ctx: Ctx,
  personId: string,
  options: { locale?: Locale | undefined; purposes: ConsentPurpose[]; partner?: string | undefined },
): Promise<PdfFile> {
  const { person, context } = await formContext(ctx, personId, options.locale, CONSENT_TEXT_VERSION);
  const content = await consentPdf(context, options.purposes, options.partner?.trim() || null);
  await audit(ctx.db, ctx, {
    action: 'document.downloaded',
    subjectType: 'person',
    subjectId: person.id,
    fields: ['documents'],
    purpose: 'consent-form',
  });
  return { fileName: neutralName(ctx, 'acik-riza-formu', person.id, 'pdf'), content };
}

/**
 * A CV for employers, only with the person's active share-with-employers consent (409 otherwise).
 * Generating it is audited (as a document of the person, purpose cv-generated).
 */
export async function cv(ctx: Ctx, personId: string, locale: 'tr' | 'en' | undefined): Promise<PdfFile> {
  const person = await loadPerson(ctx.db, ctx, personId);
  if (!(await hasActiveConsent(ctx, personId, 'share-with-employers')))
    throw problems.conflict('errors.documents.cvNeedsConsent');
  const cvLocale: Locale = locale ?? (localeOfPerson(person) === 'en' ? 'en' : 'tr');
  const [[organisation], work] = await Promise.all([
    ctx.db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, person.organisationId)),
    ctx.db.select().from(workHistory).where(eq(workHistory.personId, personId)).orderBy(desc(workHistory.startDate)),
  ]);
  const content = await cvPdf({
    locale: cvLocale,
    name: `${person.givenName} ${person.familyName}`,
    phone: person.phone,
    email: person.email,
    place: [person.district, person.province].filter(Boolean).join(', '),
    languages: person.languages,
    iscedLevel: person.iscedLevel,
    iscedField: person.iscedField,
    graduationYear: person.graduationYear,
    work: work.map((w) => ({
      occupation: w.occupation,
      employer: w.employer,
      startDate: w.startDate,
      endDate: w.endDate,
    })),
    skills: person.skills,
    desiredOccupations: person.desiredOccupations,
    organisation: organisation?.name ?? '',
    now: ctx.clock.now(),
  });
  await audit(ctx.db, ctx, {
    action: 'document.cv-generated',
    subjectType: 'person',
    subjectId: personId,
    fields: ['cv'],
    purpose: `cv-generated:${cvLocale}`,
  });
  return { fileName: neutralName(ctx, 'cv', person.id, 'pdf'), content };
}
