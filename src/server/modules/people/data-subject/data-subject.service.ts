/**
 * What the data-protection desk (modules/dataprotection) asks of the people module: a narrow look-up
 * of persons for a data subject's request (names, birth year, district, masked ID — never the number,
 * never a special category), everything the module holds on a person for the access export, and the
 * anonymisation an erasure carries out. The people module writes its own tables here; the desk only
 * calls these functions through index.ts.
 */
import { and, eq, inArray, isNotNull, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import { coarsenRare } from '../../../../common/quasi-identifiers.ts';
import type { Db } from '../../../db/client.ts';
import {
  appointments,
  caseNotes,
  cases,
  caseSteps,
  caseTransfers,
  consents,
  householdIncomes,
  householdMembers,
  households,
  importJobRows,
  importJobs,
  noticeAcknowledgements,
  offices,
  personDocuments,
  persons,
  personTargetGroups,
  socialAidRecords,
  workHistory,
  workPermits,
} from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { audit } from '../../../lib/audit.ts';
import { decrypt, type DataKeys } from '../../../lib/crypto.ts';
import { problems } from '../../../lib/errors.ts';
import { inOrder } from '../../../lib/in-order.ts';
import { searchKey } from '../../../../common/text.ts';
import { ANONYMISED_NAME, isAnonymised, listPersons, loadPerson } from '../persons/persons.queries.ts';
import { recordNameWords } from '../persons/name-words.ts';
import { refreshMatchingFeatures } from '../facts/matching-features.service.ts';

export interface PersonSummary {
  id: string;
  givenName: string;
  familyName: string;
  birthYear: number;
  district: string;
  office: string;
  idNumberMasked: string | null;
}

/**
 * Persons of the caller's organisation matching a name, an ID number (through the blind index) or a
 * phone number, as the desk shows them: no ID number, no target group. The caller audits the look-up
 * with the request it serves.
 */
export async function lookUpPersons(ctx: Ctx, q: string): Promise<PersonSummary[]> {
  const found = await listPersons(ctx, { q, page: 1, pageSize: 20 });
  return found.items.map((p) => ({
    id: p.id,
    givenName: p.givenName,
    familyName: p.familyName,
    birthYear: Number(p.birthDate.slice(0, 4)),
    district: p.district,
    office: p.office.name,
    idNumberMasked: p.idNumberMasked,
  }));
}

/** One person as the desk shows them (404 outside the caller's organisation). */
export async function personSummary(ctx: Ctx, personId: string): Promise<PersonSummary> {
  const p = await loadPerson(ctx.db, ctx, personId);
  const [office] = await ctx.db
    .select({ name: offices.name })
    .from(offices)
    .where(and(eq(offices.id, p.officeId), eq(offices.organisationId, p.organisationId)));
  return {
    id: p.id,
    givenName: p.givenName,
    familyName: p.familyName,
    birthYear: Number(p.birthDate.slice(0, 4)),
    district: p.district,
    office: office?.name ?? '',
    idNumberMasked: p.idNumberMasked,
  };
}

/** Facts about a person other modules need to find their traces: the account, contact details, the office. */
export async function personTraces(db: Db, organisationId: string, personId: string) {
  const [p] = await db
    .select()
    .from(persons)
    .where(and(eq(persons.id, personId), eq(persons.organisationId, organisationId)));
  if (!p) throw problems.notFound();
  // Records merged into this one hold the same person's data.
  const merged = await db
    .select({ id: persons.id, userId: persons.userId, phone: persons.phone, email: persons.email })
    .from(persons)
    .where(and(eq(persons.organisationId, organisationId), eq(persons.mergedIntoId, personId)));
  return {
    person: p,
    personIds: [p.id, ...merged.map((m) => m.id)],
    userIds: [p.userId, ...merged.map((m) => m.userId)].filter((x): x is string => !!x),
    contacts: [p.phone, p.email, ...merged.flatMap((m) => [m.phone, m.email])].filter((x): x is string => !!x),
    officeId: p.officeId,
  };
}

type Row = Record<string, unknown>;

/** Drops what is internal (search keys, ciphertexts, blind indexes, file bytes) from a row for the export. */
function clean(row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (/(Enc|Index|Key|Keys)$/.test(k) || k === 'organisationId' || k === 'content' || k === 'rows') continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

/** Whether a decrypted import row is about the person (ID number, phone, e-mail, or the full name). */
function rowMentions(input: Row, p: typeof persons.$inferSelect, idNumber: string | null): boolean {
  const text = JSON.stringify(input);
  if (idNumber && text.includes(idNumber)) return true;
  if (p.phone && text.includes(p.phone)) return true;
  if (p.email && text.toLowerCase().includes(p.email.toLowerCase())) return true;
  const given = typeof input.givenName === 'string' ? searchKey(input.givenName) : '';
  const family = typeof input.familyName === 'string' ? searchKey(input.familyName) : '';
  return given !== '' && given === searchKey(p.givenName) && family === searchKey(p.familyName);
}

/** Rows of pending imports read per statement when looking for a person in them. */
const IMPORT_ROWS_PAGE = 1000;

/**
 * The rows of the organisation's pending import files (`import_job_rows`, encrypted) that name the person,
 * read page by page so that a large pending file is never held whole.
 */
async function importRowsOf(db: Db, p: typeof persons.$inferSelect, idNumber: string | null, key: DataKeys) {
  const found: { jobId: string; fileName: string; createdAt: Date; row: number; input: Row }[] = [];
  let after: { jobId: string; row: number } | null = null;
  for (;;) {
    const page: { jobId: string; row: number; inputEnc: string | null; fileName: string; createdAt: Date }[] = await db
      .select({
        jobId: importJobRows.jobId,
        row: importJobRows.row,
        inputEnc: importJobRows.inputEnc,
        fileName: importJobs.fileName,
        createdAt: importJobs.createdAt,
      })
      .from(importJobRows)
      .innerJoin(importJobs, eq(importJobs.id, importJobRows.jobId))
      .where(
        and(
          eq(importJobRows.organisationId, p.organisationId),
          isNotNull(importJobRows.inputEnc),
          after
            ? sql`(${importJobRows.jobId}, ${importJobRows.row}) > (${after.jobId}::uuid, ${after.row})`
            : undefined,
        ),
      )
      .orderBy(importJobRows.jobId, importJobRows.row)
      .limit(IMPORT_ROWS_PAGE);
    for (const r of page) {
      const input = JSON.parse(decrypt(r.inputEnc!, key)) as Row;
      if (rowMentions(input, p, idNumber))
        found.push({ jobId: r.jobId, fileName: r.fileName, createdAt: r.createdAt, row: r.row, input });
    }
    if (page.length < IMPORT_ROWS_PAGE) return found;
    after = { jobId: page.at(-1)!.jobId, row: page.at(-1)!.row };
  }
}

/**
 * Everything the people module holds on a person, section by section (the access export): the record
 * with its ID number and special-category details decrypted (it is the person's own data), target
 * groups, work history, the notice and consents, cases with notes, steps and transfers, the household
 * they belong to, appointments, documents (listed, not their bytes), work permits, and rows of import
 * files that name them.
 */
export async function personDataOf(ctx: Ctx, personId: string): Promise<Record<string, Row[]>> {
  const db = ctx.db;
  const { person: p, personIds } = await personTraces(db, actorOf(ctx).organisationId, personId);
  const key = ctx.config;
  const idNumber = p.idNumberEnc ? decrypt(p.idNumberEnc, key) : null;
  const caseRows = await db.select().from(cases).where(inArray(cases.personId, personIds));
  const caseIds = caseRows.map((c) => c.id);
  const memberRows = await db.select().from(householdMembers).where(inArray(householdMembers.personId, personIds));
  const householdIds = memberRows.map((m) => m.householdId);
  const none = <T>(): Promise<T[]> => Promise.resolve([]);
  const [groups, work, notices, given, notes, steps, transfers, homes, aid, incomes, visits, documents, permits] =
    await inOrder(
      () => db.select().from(personTargetGroups).where(inArray(personTargetGroups.personId, personIds)),
      () => db.select().from(workHistory).where(inArray(workHistory.personId, personIds)),
      () => db.select().from(noticeAcknowledgements).where(inArray(noticeAcknowledgements.personId, personIds)),
      () => db.select().from(consents).where(inArray(consents.personId, personIds)),
      () => (caseIds.length ? db.select().from(caseNotes).where(inArray(caseNotes.caseId, caseIds)) : none<Row>()),
      () => (caseIds.length ? db.select().from(caseSteps).where(inArray(caseSteps.caseId, caseIds)) : none<Row>()),
      () =>
        caseIds.length ? db.select().from(caseTransfers).where(inArray(caseTransfers.caseId, caseIds)) : none<Row>(),
      () =>
        householdIds.length ? db.select().from(households).where(inArray(households.id, householdIds)) : none<Row>(),
      () =>
        householdIds.length
          ? db.select().from(socialAidRecords).where(inArray(socialAidRecords.householdId, householdIds))
          : none<Row>(),
      () =>
        householdIds.length
          ? db.select().from(householdIncomes).where(inArray(householdIncomes.householdId, householdIds))
          : none<Row>(),
      () => db.select().from(appointments).where(inArray(appointments.personId, personIds)),
      () =>
        db
          .select({
            id: personDocuments.id,
            kind: personDocuments.kind,
            fileName: personDocuments.fileName,
            mediaType: personDocuments.mediaType,
            sizeBytes: personDocuments.sizeBytes,
            createdAt: personDocuments.createdAt,
          })
          .from(personDocuments)
          .where(inArray(personDocuments.personId, personIds)),
      () => db.select().from(workPermits).where(inArray(workPermits.personId, personIds)),
    );
  const imports = await importRowsOf(db, p, idNumber, key);
  // The row's copy of the target-group codes (migration 0046, kept for the list's index) is left out: the
  // section below holds the groups themselves, with their details.
  const { targetGroups: _copy, ...row } = p;
  const record = { ...clean(row), idNumber };
  return {
    person: [record],
    targetGroups: groups.map((g) => ({
      ...clean(g as unknown as Row),
      sensitiveDetails: g.detailsEnc ? (JSON.parse(decrypt(g.detailsEnc, key)) as unknown) : null,
    })),
    workHistory: work.map((r) => clean(r as unknown as Row)),
    noticeAcknowledgements: notices.map((r) => clean(r as unknown as Row)),
    consents: given.map((r) => clean(r as unknown as Row)),
    cases: caseRows.map((r) => clean(r as unknown as Row)),
    caseNotes: notes.map((r) => clean(r as Row)),
    caseSteps: steps.map((r) => clean(r as Row)),
    caseTransfers: transfers.map((r) => clean(r as Row)),
    households: homes.map((r) => clean(r as Row)),
    householdMembership: memberRows.map((r) => clean(r as unknown as Row)),
    socialAid: aid.map((r) => clean(r as Row)),
    householdIncomes: incomes.map((r) => clean(r as Row)),
    appointments: visits.map((r) => clean(r as unknown as Row)),
    documents: documents.map((r) => clean(r as unknown as Row)),
    workPermits: permits.map((r) => clean(r as unknown as Row)),
    importRows: imports.map((r) => ({
      importId: r.jobId,
      fileName: r.fileName,
      uploadedAt: r.createdAt.toISOString(),
      row: r.row,
      ...r.input,
    })),
  };
}

/** The age band a birth date is reduced to: the first day of its five-year span (1993-06-14 → 1990-01-01). */
export function ageBandDate(birthDate: string): string {
  const year = Number(birthDate.slice(0, 4));
  return `${Math.floor(year / 5) * 5}-01-01`;
}

export { ANONYMISED_NAME, isAnonymised };

/**
 * Anonymises a person (and records merged into them) for an erasure, in the caller's transaction: names,
 * contact details, ID number and blind index, address, free text and documents removed, the birth date
 * reduced to its age band, special-category details dropped (the group codes stay for statistics), open
 * cases closed and planned appointments cancelled, the link to the account cut, and rows of import files
 * that name the person cleared. What statistics need stays: sex, nationality, province and district,
 * education, occupations, target-group codes, case and referral dates and outcomes.
 * Returns counts per category for the destruction record.
 */
export async function anonymisePerson(ctx: Ctx, personId: string): Promise<Record<string, number>> {
  const db = ctx.db;
  const { person: p, personIds } = await personTraces(db, actorOf(ctx).organisationId, personId);
  const key = ctx.config;
  const idNumber = p.idNumberEnc ? decrypt(p.idNumberEnc, key) : null;
  const now = ctx.clock.now();
  const summary: Record<string, number> = {};
  // Import rows first: matching them needs the identifiers that are about to go.
  const imports = await importRowsOf(db, p, idNumber, key);
  for (const jobId of new Set(imports.map((r) => r.jobId)))
    await db
      .update(importJobRows)
      .set({ inputEnc: null })
      .where(
        and(
          eq(importJobRows.jobId, jobId),
          eq(importJobRows.organisationId, p.organisationId),
          inArray(
            importJobRows.row,
            imports.filter((x) => x.jobId === jobId).map((x) => x.row),
          ),
        ),
      );
  summary.importRows = imports.length;

  const all = await db.select().from(persons).where(inArray(persons.id, personIds));
  // The names leave the vocabulary of name words with the persons (a word no one else uses is deleted).
  for (const row of all)
    if (!row.mergedIntoId) await recordNameWords(db, row.organisationId, { before: [row.nameKey] });
  for (const row of all) {
    await db
      .update(persons)
      .set({
        givenName: ANONYMISED_NAME,
        familyName: ANONYMISED_NAME,
        nameKey: '',
        idKind: null,
        idNumberEnc: null,
        idNumberIndex: null,
        idNumberMasked: null,
        passportCountry: null,
        birthDate: ageBandDate(row.birthDate),
        phone: null,
        email: null,
        address: null,
        iskurNumber: null,
        skills: null,
        constraints: null,
        userId: null,
        updatedAt: now,
      })
      .where(eq(persons.id, row.id));
  }
  summary.persons = all.length;

  const groups = await db
    .update(personTargetGroups)
    .set({ details: {}, detailsEnc: null })
    .where(inArray(personTargetGroups.personId, personIds))
    .returning({ g: personTargetGroups.group });
  summary.targetGroupDetails = groups.length;
  const work = await db
    .update(workHistory)
    .set({ employer: null })
    .where(inArray(workHistory.personId, personIds))
    .returning({ id: workHistory.id });
  summary.workHistory = work.length;

  // The consents end with the record: nothing can be shared, proposed or sent on its behalf any more (the
  // matching candidates, the employers' view and the messages all require an active one).
  const ended = await db
    .update(consents)
    .set({ withdrawnAt: now })
    .where(and(inArray(consents.personId, personIds), isNull(consents.withdrawnAt)))
    .returning({ id: consents.id });
  summary.consents = ended.length;

  const caseRows = await db.select({ id: cases.id }).from(cases).where(inArray(cases.personId, personIds));
  const caseIds = caseRows.map((c) => c.id);
  await db
    .update(cases)
    .set({ status: 'closed', closeReason: 'other', closedAt: now, updatedAt: now })
    .where(and(inArray(cases.personId, personIds), ne(cases.status, 'closed')));
  await db.update(cases).set({ closeNote: null }).where(inArray(cases.personId, personIds));
  if (caseIds.length) {
    const notes = await db
      .update(caseNotes)
      .set({ body: '' })
      .where(inArray(caseNotes.caseId, caseIds))
      .returning({ id: caseNotes.id });
    summary.caseNotes = notes.length;
    const steps = await db
      .update(caseSteps)
      .set({ title: '' })
      .where(inArray(caseSteps.caseId, caseIds))
      .returning({ id: caseSteps.id });
    summary.caseSteps = steps.length;
    await db.update(caseTransfers).set({ reason: null }).where(inArray(caseTransfers.caseId, caseIds));
  }

  const members = await db
    .update(householdMembers)
    .set({ givenName: ANONYMISED_NAME, familyName: ANONYMISED_NAME, birthDate: null })
    .where(inArray(householdMembers.personId, personIds))
    .returning({ householdId: householdMembers.householdId });
  if (members.length)
    await db
      .update(households)
      .set({ address: null, updatedAt: now })
      .where(
        inArray(
          households.id,
          members.map((m) => m.householdId),
        ),
      );
  summary.householdMembership = members.length;

  const visits = await db
    .update(appointments)
    .set({ note: null, updatedAt: now })
    .where(inArray(appointments.personId, personIds))
    .returning({ id: appointments.id });
  await db
    .update(appointments)
    .set({ status: 'cancelled' })
    .where(and(inArray(appointments.personId, personIds), eq(appointments.status, 'scheduled')));
  summary.appointments = visits.length;

  const documents = await db
    .delete(personDocuments)
    .where(inArray(personDocuments.personId, personIds))
    .returning({ id: personDocuments.id });
  summary.documents = documents.length;
  const permits = await db
    .update(workPermits)
    .set({ reference: null, note: null, updatedAt: now })
    .where(or(inArray(workPermits.personId, personIds)))
    .returning({ id: workPermits.id });
  summary.workPermits = permits.length;
  // The matching features are derived again from what is left: the protection details are gone.
  await refreshMatchingFeatures(db, ctx.config, personIds);

  await audit(db, ctx, {
    action: 'person.anonymised',
    subjectType: 'person',
    subjectId: personId,
    fields: ['givenName', 'familyName', 'idNumber', 'birthDate', 'phone', 'email', 'address', 'documents'],
    purpose: 'erasure',
  });
  return summary;
}

export interface RetentionFact {
  personId: string;
  officeId: string;
  office: string | null;
  registeredAt: Date;
  /** Whether a case of the person (or of a record merged into theirs) is still open. */
  openCase: boolean;
  /** When the person's last case closed; null without any case. */
  lastClosedAt: Date | null;
}

/**
 * What the desk's destruction job needs to apply the retention rules to an organisation's persons: for
 * every record not merged into another and not yet anonymised, its office, registration, whether a case
 * is open and when the last one closed (records merged into it count as its own). Nothing identifying.
 */
export async function retentionFacts(db: Db, organisationId: string): Promise<RetentionFact[]> {
  const rows = await db
    .select({
      personId: persons.id,
      officeId: persons.officeId,
      office: offices.name,
      registeredAt: persons.createdAt,
      mergedIntoId: persons.mergedIntoId,
      anonymised: isAnonymised,
      openCase: sql<boolean>`coalesce(bool_or(${cases.status} <> 'closed'), false)`,
      lastClosedAt: sql<Date | null>`max(${cases.closedAt})`,
    })
    .from(persons)
    .leftJoin(offices, and(eq(offices.id, persons.officeId), eq(offices.organisationId, persons.organisationId)))
    .leftJoin(cases, and(eq(cases.personId, persons.id), eq(cases.organisationId, persons.organisationId)))
    .where(eq(persons.organisationId, organisationId))
    .groupBy(persons.id, offices.name);
  const byId = new Map<string, RetentionFact>();
  const merged: typeof rows = [];
  const toDate = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v));
  for (const r of rows) {
    if (r.mergedIntoId) {
      merged.push(r);
      continue;
    }
    if (r.anonymised) continue;
    byId.set(r.personId, {
      personId: r.personId,
      officeId: r.officeId,
      office: r.office,
      registeredAt: r.registeredAt,
      openCase: r.openCase,
      lastClosedAt: toDate(r.lastClosedAt),
    });
  }
  for (const m of merged) {
    const into = byId.get(m.mergedIntoId!);
    if (!into) continue;
    into.openCase ||= m.openCase;
    const closed = toDate(m.lastClosedAt);
    if (closed && (!into.lastClosedAt || closed > into.lastClosedAt)) into.lastClosedAt = closed;
  }
  return [...byId.values()];
}

/**
 * After `anonymisePerson`: coarsens the anonymised record's rare combination of quasi-identifiers
 * (district, nationality, age band, target groups; src/common/quasi-identifiers.ts) until at least
 * `threshold` persons of the organisation share it. Records merged into it get the same values. Returns
 * the number of coarsening steps applied (0 when the combination was common enough).
 */
export async function coarsenRareCombination(ctx: Ctx, personId: string, threshold: number): Promise<number> {
  const db = ctx.db;
  const organisationId = actorOf(ctx).organisationId;
  const { person: p, personIds } = await personTraces(db, organisationId, personId);
  const groupsOf = sql<string>`coalesce((SELECT string_agg(g."group", ',' ORDER BY g."group")
    FROM person_target_groups g WHERE g.person_id = ${persons.id}), '')`;
  const population = await db
    .select({
      province: persons.province,
      district: persons.district,
      nationality: persons.nationality,
      year: sql<number>`extract(year from ${persons.birthDate})::int`,
      groups: groupsOf,
      n: sql<number>`count(*)::int`,
    })
    .from(persons)
    .where(
      and(eq(persons.organisationId, organisationId), isNull(persons.mergedIntoId), notInArray(persons.id, personIds)),
    )
    .groupBy(sql`1, 2, 3, 4, 5`);
  const own = await db
    .select({ group: personTargetGroups.group })
    .from(personTargetGroups)
    .where(and(eq(personTargetGroups.organisationId, organisationId), eq(personTargetGroups.personId, p.id)));
  const result = coarsenRare(
    {
      province: p.province,
      district: p.district,
      nationality: p.nationality,
      birthYear: Number(p.birthDate.slice(0, 4)),
      groups: own.map((g) => g.group),
    },
    population.map((r) => ({
      qi: {
        province: r.province,
        district: r.district,
        nationality: r.nationality,
        birthYear: Number(r.year),
        groups: r.groups ? r.groups.split(',') : [],
      },
      count: Number(r.n),
    })),
    threshold,
  );
  if (result.steps.length === 0) return 0;
  await db
    .update(persons)
    .set({
      district: result.qi.district,
      nationality: result.qi.nationality,
      birthDate: `${result.qi.birthYear}-01-01`,
      updatedAt: ctx.clock.now(),
    })
    .where(and(eq(persons.organisationId, organisationId), inArray(persons.id, personIds)));
  return result.steps.length;
}
