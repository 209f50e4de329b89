import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../test/harness.ts';
import { uploadImport } from '../../test/import-upload.ts';
import {
  auditEvents,
  childcarePlaces,
  childcareProviders,
  consents,
  courseApplications,
  courseCertificates,
  courses,
  disclosureLog,
  dpDestructionRecords,
  graduations,
  households,
  importJobRows,
  iscoGroups,
  outboxMessages,
  persons,
  placementFollowUps,
  placements,
} from '../../db/schema/index.ts';
import {
  registeredSeeker,
  sendTo,
  staffOf,
  verifiedEmployer,
  type Seeker,
  type Staff,
} from './fixtures.test-helpers.ts';

// Erasure (issue 12): after an accepted erasure request, the person's name, phone, e-mail and ID number
// are found nowhere in the database — every text column of every table is searched — the ID columns and
// blind index are empty, outbox messages and import rows are cleared, audit events and the disclosure log
// keep only pseudonymous references, what statistics need stays, and a destruction record is written.

let t: TestContext;
let s: Staff;
let dpo: TestClient;
let seeker: Seeker;
let requestId: string;
let employerId: string;

// Free text and references about her in the newer modules' rows (placements, courses, graduation,
// childcare): each must be gone after the erasure, while the rows stay for the statistics.
const FREE_TEXT = {
  evidenceReference: 'SGK-BARKOD-4471029385',
  followUpNote: 'Takip görüşmesinde annesinin hastalığından söz etti',
  dropoutNote: 'Eşinin baskısıyla kurstan ayrıldı',
  revokedReason: 'Belge başkasının kimliğiyle alınmış',
  declineReason: 'Hanede kayıt dışı gelir olduğu bildirildi',
  confirmationReference: 'SYDV-2026-88412',
  returnNote: 'Ev sahibi tahliye isteyince yardıma döndü',
  endNote: 'Zeynep kreşe alışamadı, sürekli ağladı',
};
const CHILD = { initials: 'Z. S.', birthDate: '2024-05-17' };
const CERTIFICATE_CODE = 'K7QX-M4PB-ZR9T';

/**
 * Rows of the placements, courses, graduation and childcare modules that name her, written straight
 * into the tables (their own workflows are tested in their modules): a verified placement with its
 * SGK evidence and a follow-up note, a course she dropped out of with a revoked certificate, a declined
 * graduation of her household and an ended care place of her child.
 */
async function newerModuleRows(): Promise<void> {
  const db = t.database.db;
  const [p] = await db.select().from(persons).where(eq(persons.id, seeker.personId));
  const organisationId = p!.organisationId;
  const [placement] = await db
    .insert(placements)
    .values({
      organisationId,
      officeId: p!.officeId,
      personId: seeker.personId,
      employerId,
      source: 'self-reported',
      jobTitle: 'Aşçı yardımcısı',
      status: 'active',
      startDate: '2026-02-02',
      contractType: 'permanent',
      wageAmount: '30000.00',
      wageBasis: 'net',
      hoursPerWeek: 45,
      hoursPerDay: 9,
      shifts: ['day'],
      workplaceProvince: 'İstanbul',
      workplaceDistrict: 'Fatih',
      decent: true,
      verification: 'verified',
      evidenceKind: 'sgk-service-record',
      evidenceReference: FREE_TEXT.evidenceReference,
      netWage: '30000.00',
    })
    .returning();
  await db.insert(placementFollowUps).values({
    organisationId,
    placementId: placement!.id,
    milestone: '3m',
    dueDate: '2026-05-02',
    status: 'recorded',
    outcome: 'same-employer',
    note: `${FREE_TEXT.followUpNote}; Gülizar Silinecekoğlu, ${seeker.phone}`,
  });
  const [isco] = await db.select({ code: iscoGroups.code }).from(iscoGroups).limit(1);
  const [course] = await db
    .insert(courses)
    .values({
      organisationId,
      titleTr: 'Mutfak yardımcılığı',
      titleKey: 'mutfak yardimciligi',
      iscoCode: isco!.code,
      hours: 120,
      startDate: '2026-01-05',
      endDate: '2026-02-27',
      capacity: 20,
      certificateType: 'participation',
      status: 'closed',
    })
    .returning();
  const [application] = await db
    .insert(courseApplications)
    .values({
      organisationId,
      courseId: course!.id,
      personId: seeker.personId,
      status: 'dropped-out',
      channel: 'counsellor',
      appliedAt: new Date('2025-12-15T09:00:00Z'),
      dropoutReason: 'care-duties',
      dropoutNote: `${FREE_TEXT.dropoutNote} (Gülizar)`,
    })
    .returning();
  await db.insert(courseCertificates).values({
    organisationId,
    courseId: course!.id,
    applicationId: application!.id,
    type: 'participation',
    code: CERTIFICATE_CODE,
    issuedAt: new Date('2026-02-27T12:00:00Z'),
    revokedAt: new Date('2026-03-02T12:00:00Z'),
    revokedReason: `${FREE_TEXT.revokedReason}: Gülizar Silinecekoğlu`,
  });
  const [household] = await db
    .insert(households)
    .values({ organisationId, officeId: p!.officeId, province: 'İstanbul', district: 'Fatih' })
    .returning();
  const work = {
    personId: seeker.personId,
    memberName: 'Gülizar Silinecekoğlu',
    placementId: placement!.id,
    employerName: 'Silme Lokantası',
    jobTitle: 'Aşçı yardımcısı',
    startDate: '2026-02-02',
    netWage: 30000,
    months: 7,
  };
  await db.insert(graduations).values({
    organisationId,
    officeId: p!.officeId,
    householdId: household!.id,
    personId: seeker.personId,
    placementId: placement!.id,
    status: 'returned',
    district: 'Fatih',
    targetGroups: ['woman-care'],
    facts: {
      holds: true,
      unmet: [],
      onDate: '2026-09-01',
      minMonths: 6,
      work,
      members: 3,
      monthlyIncome: 30000,
      monthlyAid: 4000,
      incomePerMember: 10000,
      threshold: 8000,
      aid: [{ programme: 'Şartlı nakit transferi', monthlyAmount: 4000 }],
    },
    recommendedOn: '2026-09-01',
    declineReason: FREE_TEXT.declineReason,
    confirmationReference: FREE_TEXT.confirmationReference,
    returnedOn: '2026-11-02',
    returnProgramme: 'Şartlı nakit transferi',
    returnNote: FREE_TEXT.returnNote,
  });
  const [provider] = await db
    .insert(childcareProviders)
    .values({
      organisationId,
      name: 'Fatih Belediyesi Çiçek Kreşi',
      nameKey: 'fatih belediyesi cicek kresi',
      kind: 'municipal',
      capacity: 30,
      minAgeMonths: 12,
      maxAgeMonths: 72,
      province: 'İstanbul',
      district: 'Fatih',
      opensAt: '07:30',
      closesAt: '18:00',
    })
    .returning();
  await db.insert(childcarePlaces).values({
    organisationId,
    officeId: p!.officeId,
    providerId: provider!.id,
    personId: seeker.personId,
    childInitials: CHILD.initials,
    childBirthDate: CHILD.birthDate,
    status: 'ended',
    priority: 'placed',
    appliedAt: new Date('2026-01-10T09:00:00Z'),
    requestedStart: '2026-02-02',
    startDate: '2026-02-02',
    endDate: '2026-04-30',
    endReason: 'other',
    endNote: FREE_TEXT.endNote,
  });
}

/** Every text-like column of every table (public and the job engine's), as [schema, table, column]. */
async function textColumns(): Promise<[string, string, string][]> {
  const rows = await t.database.query<{ table_schema: string; table_name: string; column_name: string }>(
    `SELECT c.table_schema, c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name
      WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
        AND tb.table_type = 'BASE TABLE'
        AND c.data_type IN ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`,
  );
  return rows.map((r) => [r.table_schema, r.table_name, r.column_name]);
}

/** Where a string occurs (case-insensitive) in any text column: "schema.table.column" for each hit. */
async function whereFound(needle: string): Promise<string[]> {
  const hits: string[] = [];
  for (const [schema, table, column] of await textColumns()) {
    const [row] = await t.database.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM "${schema}"."${table}" WHERE "${column}"::text ILIKE $1`,
      [`%${needle}%`],
    );
    if (Number(row!.n) > 0) hits.push(`${schema}.${table}.${column}`);
  }
  return hits;
}

/** The import template's header line (as the template gives it) and one row, in the template's column order. */
function csvOf(headerLine: string, cells: string[]): string {
  return Buffer.from(`${headerLine.replace(/^\uFEFF/, '\uFEFF')}\r\n${cells.join(';')}\r\n`, 'utf8').toString('base64');
}

beforeAll(async () => {
  t = await createTestContext();
  s = await staffOf(t);
  dpo = await t.as('ibb', 'dpo');
  seeker = await registeredSeeker(t, s, 'Gülizar', 'Silinecekoğlu');
  employerId = await verifiedEmployer(s, 'Silme Lokantası', 'ik@silme-lokanta.example.org');
  await sendTo(s, employerId, seeker.personId);
  // A case note and a document that name her.
  const profile = (await s.counsellor.get(`/api/v1/persons/${seeker.personId}`)).body;
  const note = await s.counsellor.post(`/api/v1/cases/${profile.case.id}/notes`, {
    kind: 'meeting',
    body: `Gülizar Silinecekoğlu görüşmeye geldi; e-postası ${seeker.email}, telefonu ${seeker.phone}.`,
  });
  expect(note.status, JSON.stringify(note.body)).toBe(201);
  const doc = await s.counsellor.post(`/api/v1/persons/${seeker.personId}/documents`, {
    kind: 'cv',
    fileName: 'Silinecekoğlu-CV.pdf',
    mediaType: 'application/pdf',
    contentBase64: Buffer.from('%PDF-1.4\nGülizar Silinecekoğlu\n%%EOF').toString('base64'),
  });
  expect(doc.status, JSON.stringify(doc.body)).toBe(201);
  // A list waiting to be imported that names her again.
  const template = await s.counsellor.get('/api/v1/persons/import/template?format=csv&locale=tr');
  const upload = await uploadImport(s.counsellor, {
    fileName: 'mahalle-listesi.csv',
    contentBase64: csvOf(String(template.body).split(/\r?\n/)[0]!, [
      'Gülizar',
      'Silinecekoğlu',
      '',
      '',
      '',
      '02.03.1981',
      'kadın',
      'TR',
      '0502 111 22 33',
      '',
      'İstanbul',
      'Fatih',
      '',
      'Kasiyer',
      '2026-01',
      'yüz yüze',
      'hayır',
      'evet',
    ]),
  });
  expect(upload.status, JSON.stringify(upload.body)).toBe(201);
  expect(upload.body.rowsWithProblems, JSON.stringify(upload.body.problems)).toBe(0);
  await newerModuleRows();
});
afterAll(async () => t.close());

describe('erasure', () => {
  it('waits for identity, the person and the DPO’s acceptance', async () => {
    const r = await dpo.post('/api/v1/data-protection/requests', { kind: 'erasure', channel: 'counter' });
    requestId = r.body.id;
    expect((await dpo.post(`/api/v1/data-protection/requests/${requestId}/erase`, { confirm: true })).status).toBe(409);
    await dpo.post(`/api/v1/data-protection/requests/${requestId}/identity`, { method: 'id-document-at-counter' });
    await dpo.post(`/api/v1/data-protection/requests/${requestId}/person`, { personId: seeker.personId });
    const notYet = await dpo.post(`/api/v1/data-protection/requests/${requestId}/erase`, { confirm: true });
    expect(notYet.body.code).toBe('errors.dataProtection.notAccepted');
    expect((await dpo.post(`/api/v1/data-protection/requests/${requestId}/accept`)).body.status).toBe('accepted');
  });

  it('finds her everywhere before: the identifiers to look for are really there', async () => {
    const given = await t.database.db
      .select()
      .from(consents)
      .where(and(eq(consents.personId, seeker.personId), isNull(consents.withdrawnAt)));
    expect(given.length).toBeGreaterThan(0);
    for (const needle of ['Silinecekoğlu', seeker.email, seeker.phone, ...Object.values(FREE_TEXT)])
      expect((await whereFound(needle)).length, needle).toBeGreaterThan(0);
    // Her unusual family name is a word of the name search's vocabulary, used by her alone (issue 15): the
    // search below, after the erasure, finds it nowhere.
    expect(await whereFound('silinecekoglu')).toContain('public.person_name_words.word');
    // The import row is encrypted, so the access export shows it instead.
    const access = await dpo.post('/api/v1/data-protection/requests', { kind: 'access', channel: 'counter' });
    await dpo.post(`/api/v1/data-protection/requests/${access.body.id}/identity`, { method: 'kep' });
    await dpo.post(`/api/v1/data-protection/requests/${access.body.id}/person`, { personId: seeker.personId });
    const made = await dpo.post(`/api/v1/data-protection/requests/${access.body.id}/exports`, { delivery: 'counter' });
    const rows = Object.fromEntries(
      made.body.contents.map((c: { section: string; rows: number }) => [c.section, c.rows]),
    );
    expect(rows).toMatchObject({
      importRows: 1,
      documents: 1,
      caseNotes: 1,
      disclosureLog: 1,
      account: 1,
      placements: 1,
      placementFollowUps: 1,
      courseApplications: 1,
      courseCertificates: 1,
      graduations: 1,
      childcarePlaces: 1,
    });
  });

  it('anonymises her so that no identifier is left anywhere, and records the destruction', async () => {
    const erased = await dpo.post(`/api/v1/data-protection/requests/${requestId}/erase`, { confirm: true });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);
    expect(erased.body.status).toBe('carried-out');
    expect(erased.body.destruction.summary).toMatchObject({
      persons: 1,
      accounts: 1,
      documents: 1,
      caseNotes: 1,
      importRows: 1,
      referrals: 1,
      placements: 1,
      courseApplications: 1,
      graduations: 1,
      childcarePlaces: 1,
    });
    expect(erased.body.destruction.summary.messages).toBeGreaterThan(0);

    const national = seeker.phone.replace('+90', '0');
    for (const needle of [
      'Silinecekoğlu',
      'silinecekoglu',
      'Gülizar',
      seeker.email,
      seeker.phone,
      national,
      seeker.idNumber,
      ...Object.values(FREE_TEXT),
    ])
      expect(await whereFound(needle), needle).toEqual([]);

    const [p] = await t.database.db.select().from(persons).where(eq(persons.id, seeker.personId));
    expect(p).toMatchObject({
      idKind: null,
      idNumberEnc: null,
      idNumberIndex: null,
      idNumberMasked: null,
      phone: null,
      email: null,
      address: null,
      userId: null,
      // What statistics need stays, coarsened where rare (quasi-identifiers.ts): few women of 1990–1994
      // from Türkiye without a target group in Fatih in the demo data, so the district goes to the
      // province, the band widens to twenty years and the nationality to its region.
      birthDate: '1980-01-01',
      nationality: expect.stringMatching(/^(145|ZZ)$/),
      sex: 'female',
      province: 'İstanbul',
      district: '—',
      desiredOccupations: ['Aşçı yardımcısı'],
    });
    expect(await t.database.db.select().from(outboxMessages).where(eq(outboxMessages.recipient, seeker.phone))).toEqual(
      [],
    );
    for (const r of await t.database.db.select().from(importJobRows)) expect(r.inputEnc).toBeNull();
    // The disclosure log and the audit log keep the record's id, a pseudonymous reference.
    const disclosures = await t.database.db
      .select()
      .from(disclosureLog)
      .where(eq(disclosureLog.personId, seeker.personId));
    expect(disclosures).toHaveLength(1);
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'person'), eq(auditEvents.subjectId, seeker.personId)));
    expect(events.map((e) => e.action)).toContain('person.anonymised');
    const [record] = await t.database.db
      .select()
      .from(dpDestructionRecords)
      .where(eq(dpDestructionRecords.requestId, requestId));
    expect(record).toMatchObject({ subjectRef: seeker.personId, method: 'anonymisation' });
    // The newer modules' rows stay, anonymous, for the statistics.
    const db = t.database.db;
    const [placement] = await db.select().from(placements).where(eq(placements.personId, seeker.personId));
    expect(placement).toMatchObject({
      status: 'active',
      verification: 'verified',
      jobTitle: 'Aşçı yardımcısı',
      evidenceKind: 'sgk-service-record',
      evidenceReference: null,
    });
    const [followUp] = await db
      .select()
      .from(placementFollowUps)
      .where(eq(placementFollowUps.placementId, placement!.id));
    expect(followUp).toMatchObject({ outcome: 'same-employer', note: null });
    const [application] = await db
      .select()
      .from(courseApplications)
      .where(eq(courseApplications.personId, seeker.personId));
    expect(application).toMatchObject({ status: 'dropped-out', dropoutReason: 'care-duties', dropoutNote: null });
    const [graduation] = await db.select().from(graduations).where(eq(graduations.personId, seeker.personId));
    expect(graduation).toMatchObject({
      status: 'returned',
      district: 'Fatih',
      declineReason: null,
      confirmationReference: null,
      returnNote: null,
    });
    expect(graduation!.facts).toMatchObject({ holds: true, members: 3, work: { memberName: '—', months: 7 } });
    const [care] = await db.select().from(childcarePlaces).where(eq(childcarePlaces.personId, seeker.personId));
    expect(care).toMatchObject({
      status: 'ended',
      endReason: 'other',
      endNote: null,
      childBirthDate: '2024-01-01',
    });
    expect(care!.childInitials).not.toBe(CHILD.initials);
    // Each module audited what it anonymised, by the row's id and the field names.
    const anonymised = await db
      .select({ action: auditEvents.action, subjectId: auditEvents.subjectId, purpose: auditEvents.purpose })
      .from(auditEvents)
      .where(eq(auditEvents.purpose, 'erasure'));
    expect(anonymised).toEqual(
      expect.arrayContaining([
        { action: 'placement.anonymised', subjectId: placement!.id, purpose: 'erasure' },
        { action: 'course.application-anonymised', subjectId: application!.id, purpose: 'erasure' },
        { action: 'graduation.anonymised', subjectId: graduation!.id, purpose: 'erasure' },
        { action: 'childcare.anonymised', subjectId: care!.id, purpose: 'erasure' },
      ]),
    );
    // Her certificate can still be checked by its code, without her initials.
    const check = await t.anonymous.get(`/api/v1/public/certificates/${CERTIFICATE_CODE}`);
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ status: 'revoked', type: 'participation' });
    expect(check.body.initials).not.toContain('G.');
    expect(check.body.initials).not.toContain('S.');
    // Her account no longer signs in.
    expect((await seeker.client.get('/api/v1/me/profile')).status).toBe(401);
  }, 120_000); // it reads every table for her name, ID and contacts: long on a busy machine

  it('is answered after it was carried out', async () => {
    const answered = await dpo.post(`/api/v1/data-protection/requests/${requestId}/answer`, {
      answer: 'Kişisel verileriniz anonim hale getirildi.',
    });
    expect(answered.body.status).toBe('answered');
  });

  it('leaves a read-only record for statistics that no list shows and no change can name again', async () => {
    const list = await s.counsellor.get<{ items: { id: string }[] }>('/api/v1/persons?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.items.map((p) => p.id)).not.toContain(seeker.personId);
    const live = list.body.items[0]!.id;
    const record = await s.counsellor.get(`/api/v1/persons/${seeker.personId}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ anonymised: true, givenName: '—', familyName: '—', phone: null });
    const renamed = await s.counsellor.patch(`/api/v1/persons/${seeker.personId}`, {
      givenName: 'Gülsüm',
      phone: '+905321112233',
    });
    expect(renamed.status).toBe(409);
    expect(renamed.body.code).toBe('errors.persons.anonymised');
    const merged = await s.counsellor.post(`/api/v1/persons/${live}/merge`, { duplicateId: seeker.personId });
    expect(merged.status).toBe(409);
    expect(merged.body.code).toBe('errors.persons.anonymised');
    const [row] = await t.database.db.select().from(persons).where(eq(persons.id, seeker.personId));
    expect(row).toMatchObject({ givenName: '—', phone: null, mergedIntoId: null });
    // Her consents ended with the record: nothing can be shared or proposed on her behalf.
    const active = await t.database.db
      .select()
      .from(consents)
      .where(and(eq(consents.personId, seeker.personId), isNull(consents.withdrawnAt)));
    expect(active).toEqual([]);
    // Nobody living can take the mark: a name holds a letter.
    const marked = await s.counsellor.patch(`/api/v1/persons/${live}`, { familyName: '—' });
    expect(marked.status).toBe(422);
    expect(marked.body.errors).toEqual([expect.objectContaining({ pointer: '/familyName' })]);
  });
});
