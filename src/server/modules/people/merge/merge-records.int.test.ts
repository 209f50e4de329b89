import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestContext, type TestClient, type TestContext } from '../../../test/harness.ts';
import {
  auditEvents,
  childcarePlaces,
  childcareProviders,
  courseApplications,
  courseCertificates,
  courses,
  graduations,
  households,
  offices,
  disclosureLog,
  placementFollowUps,
  placements,
  referralEvents,
  referrals,
  vacancies,
} from '../../../db/schema/index.ts';
import { withTcknChecksum } from '../../../../common/identity-number.ts';
import { CONSENT_TEXT_VERSION, NOTICE_VERSION } from '../../../../common/people.ts';

/**
 * People's merge of duplicates moves what the later modules hold on the merged-away person — placements
 * with their follow-ups, course applications with their certificates, graduation recommendations, care
 * entries — through those modules' index, in the merge's transaction, audited; conflicts resolved as
 * docs/PEOPLE.md says.
 */
let t: TestContext;
let counsellor: TestClient;
let orgId: string;
let officeId: string;
let employerId: string;
let providerId: string;

beforeAll(async () => {
  t = await createTestContext();
  counsellor = await t.as('ibb', 'counsellor');
  const db = t.database.db;
  const officeRows = await db.select().from(offices);
  const fatih = officeRows.find((o) => o.name.startsWith('Fatih'))!;
  orgId = fatih.organisationId;
  officeId = fatih.id;
  const [vacancy] = await db.select().from(vacancies).where(eq(vacancies.organisationId, orgId)).limit(1);
  employerId = vacancy!.employerId;
  const [provider] = await db
    .insert(childcareProviders)
    .values({
      organisationId: orgId,
      name: 'Fatih Belediyesi Kreşi',
      nameKey: 'fatih belediyesi kresi',
      kind: 'municipal',
      capacity: 20,
      minAgeMonths: 12,
      maxAgeMonths: 66,
      province: 'İstanbul',
      district: 'Fatih',
      opensAt: '08:00',
      closesAt: '18:00',
    })
    .returning();
  providerId = provider!.id;
});
afterAll(async () => t.close());

let serial = 0;
async function create(overrides: Record<string, unknown> = {}): Promise<string> {
  serial++;
  const res = await counsellor.post('/api/v1/persons', {
    givenName: 'Hatice',
    familyName: 'Yıldırım',
    idKind: 'tckn',
    idNumber: withTcknChecksum(`23${String(serial).padStart(7, '0')}`),
    birthDate: '1990-02-11',
    sex: 'female',
    nationality: 'TR',
    languages: [{ code: 'tr', level: 'native' }],
    phone: `0503 ${String(serial).padStart(7, '0')}`,
    province: 'İstanbul',
    district: 'Fatih',
    desiredOccupations: ['Kasiyer'],
    notice: { version: NOTICE_VERSION, locale: 'tr', channel: 'in-person' },
    consents: [{ purpose: 'share-with-employers', textVersion: CONSENT_TEXT_VERSION, channel: 'in-person' }],
    confirmNotDuplicate: true,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const db = () => t.database.db;

async function placement(personId: string, startDate: string) {
  const [row] = await db()
    .insert(placements)
    .values({
      organisationId: orgId,
      officeId,
      personId,
      employerId,
      source: 'self-reported',
      jobTitle: 'Kasiyer',
      status: 'active',
      startDate,
      contractType: 'permanent',
      wageAmount: '30000',
      wageBasis: 'gross',
      hoursPerWeek: 45,
      hoursPerDay: 9,
      shifts: ['day'],
      workplaceProvince: 'İstanbul',
      decent: true,
      verification: 'verified',
    })
    .returning();
  await db()
    .insert(placementFollowUps)
    .values({ organisationId: orgId, placementId: row!.id, milestone: '3m', dueDate: '2026-04-01' });
  return row!.id;
}

async function course(title: string) {
  const [row] = await db()
    .insert(courses)
    .values({
      organisationId: orgId,
      titleTr: title,
      titleKey: title.toLocaleLowerCase('tr'),
      iscoCode: '5230',
      hours: 120,
      startDate: '2026-01-05',
      endDate: '2026-03-27',
      capacity: 20,
      certificateType: 'participation',
      status: 'closed',
    })
    .returning();
  return row!.id;
}

async function application(courseId: string, personId: string, status: 'applied' | 'enrolled' | 'completed') {
  const [row] = await db()
    .insert(courseApplications)
    .values({
      organisationId: orgId,
      courseId,
      personId,
      status,
      channel: 'counsellor',
      appliedAt: new Date('2025-12-15T10:00:00+03:00'),
      completedAt: status === 'completed' ? new Date('2026-03-27T17:00:00+03:00') : null,
    })
    .returning();
  return row!.id;
}

async function care(personId: string, status: 'waiting' | 'allocated', appliedAt: string, initials = 'E.Y.') {
  const [row] = await db()
    .insert(childcarePlaces)
    .values({
      organisationId: orgId,
      officeId,
      providerId,
      personId,
      childInitials: initials,
      childBirthDate: '2023-05-04',
      status,
      priority: 'placed',
      appliedAt: new Date(appliedAt),
      requestedStart: '2026-09-01',
      startDate: status === 'allocated' ? '2026-09-01' : null,
      allocatedAt: status === 'allocated' ? new Date(appliedAt) : null,
    })
    .returning();
  return row!.id;
}

/** Whose record each row is now (by id). */
async function personOf(
  table: typeof placements | typeof courseApplications | typeof graduations | typeof childcarePlaces,
  ids: string[],
) {
  const rows = await db().select({ id: table.id, personId: table.personId }).from(table).where(inArray(table.id, ids));
  return Object.fromEntries(rows.map((r) => [r.id, r.personId]));
}

const actionsOn = async (subjectIds: string[]) =>
  (await db().select().from(auditEvents).where(inArray(auditEvents.subjectId, subjectIds))).map(
    (e) => `${e.subjectId}:${e.action}`,
  );

describe('merging duplicates moves the records of placements, courses, graduation, childcare and referrals', () => {
  it('moves every such record of the duplicate to the kept record, audited in the merge', async () => {
    const keptId = await create();
    const dupId = await create({ idKind: null, idNumber: null });
    const keptJob = await placement(keptId, '2025-06-02');
    const dupJob = await placement(dupId, '2026-01-05');
    const dupCourse = await course('Kasiyerlik Eğitimi');
    const dupApp = await application(dupCourse, dupId, 'completed');
    await db()
      .insert(courseCertificates)
      .values({
        organisationId: orgId,
        courseId: dupCourse,
        applicationId: dupApp,
        code: `SERT-${serial}-A`,
        type: 'participation',
        issuedAt: new Date('2026-03-28T10:00:00+03:00'),
      });
    const [household] = await db().insert(households).values({ organisationId: orgId, officeId }).returning();
    const [grad] = await db()
      .insert(graduations)
      .values({
        organisationId: orgId,
        officeId,
        householdId: household!.id,
        personId: dupId,
        placementId: dupJob,
        status: 'recommended',
        facts: {} as never,
        recommendedOn: '2026-11-30',
      })
      .returning();
    const dupCare = await care(dupId, 'allocated', '2026-05-02T09:00:00+03:00', 'A.Y.');

    const merged = await counsellor.post(`/api/v1/persons/${keptId}/merge`, { duplicateId: dupId });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.moved).toMatchObject({ placements: 1, courseApplications: 1, graduations: 1, childcare: 1 });
    expect(merged.body.conflicts).toEqual({ courseApplicationsLeft: 0, childcareWithdrawn: 0, referralsObsolete: 0 });

    expect(await personOf(placements, [keptJob, dupJob])).toEqual({ [keptJob]: keptId, [dupJob]: keptId });
    const followUps = await db().select().from(placementFollowUps).where(eq(placementFollowUps.placementId, dupJob));
    expect(followUps).toHaveLength(1);
    expect(await personOf(courseApplications, [dupApp])).toEqual({ [dupApp]: keptId });
    const [cert] = await db().select().from(courseCertificates).where(eq(courseCertificates.applicationId, dupApp));
    expect(cert).toBeDefined();
    expect(await personOf(graduations, [grad!.id])).toEqual({ [grad!.id]: keptId });
    expect(await personOf(childcarePlaces, [dupCare])).toEqual({ [dupCare]: keptId });

    const events = await actionsOn([keptJob, dupJob, dupApp, grad!.id, dupCare]);
    expect(events).toEqual(
      expect.arrayContaining([
        `${dupJob}:placement.person-moved`,
        `${dupApp}:course.application-moved`,
        `${grad!.id}:graduation.person-moved`,
        `${dupCare}:childcare.person-moved`,
      ]),
    );
    expect(events).not.toContain(`${keptJob}:placement.person-moved`);
    // The person's own trail names what moved.
    const [mergedEvent] = await db()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, keptId), eq(auditEvents.action, 'person.merged')));
    expect(mergedEvent!.fields).toEqual(
      expect.arrayContaining(['placements', 'courseApplications', 'graduations', 'childcare']),
    );
  });

  it('keeps the more advanced application to the same course and one open care entry per child', async () => {
    const keptId = await create();
    const dupId = await create({ idKind: null, idNumber: null });
    // Course 1: the kept record only applied, the duplicate completed: the completed one wins.
    const c1 = await course('Muhasebe Elemanı');
    const keptApplied = await application(c1, keptId, 'applied');
    const dupCompleted = await application(c1, dupId, 'completed');
    // Course 2: the kept record is enrolled, the duplicate only applied: the enrolment stays, the
    // duplicate's request stays on the merged record.
    const c2 = await course('Bilgisayar İşletmenliği');
    const keptEnrolled = await application(c2, keptId, 'enrolled');
    const dupApplied = await application(c2, dupId, 'applied');
    // The same child in line on both records: the earlier application keeps its place in line.
    const keptWaiting = await care(keptId, 'waiting', '2026-06-10T09:00:00+03:00');
    const dupWaiting = await care(dupId, 'waiting', '2026-04-01T09:00:00+03:00');

    const merged = await counsellor.post(`/api/v1/persons/${keptId}/merge`, { duplicateId: dupId });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.conflicts).toEqual({ courseApplicationsLeft: 1, childcareWithdrawn: 1, referralsObsolete: 0 });

    const apps = await db()
      .select()
      .from(courseApplications)
      .where(inArray(courseApplications.courseId, [c1, c2]));
    const byId = Object.fromEntries(apps.map((a) => [a.id, a]));
    expect(byId[keptApplied]).toBeUndefined();
    expect(byId[dupCompleted]).toMatchObject({ personId: keptId, status: 'completed' });
    expect(byId[keptEnrolled]).toMatchObject({ personId: keptId, status: 'enrolled' });
    expect(byId[dupApplied]).toMatchObject({ personId: dupId, status: 'applied' });

    const places = await db()
      .select()
      .from(childcarePlaces)
      .where(inArray(childcarePlaces.id, [keptWaiting, dupWaiting]));
    const place = Object.fromEntries(places.map((p) => [p.id, p]));
    expect(place[dupWaiting]).toMatchObject({ personId: keptId, status: 'waiting' });
    expect(place[keptWaiting]).toMatchObject({ personId: keptId, status: 'withdrawn', endReason: 'other' });

    const events = await actionsOn([keptApplied, dupCompleted, keptWaiting]);
    expect(events).toEqual(
      expect.arrayContaining([
        `${keptApplied}:course.application-superseded`,
        `${dupCompleted}:course.application-moved`,
        `${keptWaiting}:childcare.withdrawn`,
      ]),
    );
  });

  it('moves the referrals and the disclosure log; an open referral to a vacancy the kept record is open on becomes obsolete', async () => {
    const keptId = await create();
    const dupId = await create({ idKind: null, idNumber: null });
    const jobs = await db().select().from(vacancies).where(eq(vacancies.organisationId, orgId)).limit(2);
    expect(jobs.length).toBe(2);
    const [a, b] = jobs as [typeof vacancies.$inferSelect, typeof vacancies.$inferSelect];
    const refer = async (personId: string, vacancy: typeof a, status: typeof referrals.$inferSelect.status) => {
      const [row] = await db()
        .insert(referrals)
        .values({ organisationId: orgId, vacancyId: vacancy.id, employerId: vacancy.employerId, personId, status })
        .returning();
      return row!.id;
    };
    const keptOnA = await refer(keptId, a, 'proposed');
    const dupOnA = await refer(dupId, a, 'sent');
    const dupOnB = await refer(dupId, b, 'refused-by-employer');
    const [disclosed] = await db()
      .insert(disclosureLog)
      .values({
        organisationId: orgId,
        personId: dupId,
        recipientKind: 'employer',
        recipientId: a.employerId,
        recipientName: 'İşveren',
        purpose: 'referral',
        dataCategories: ['identity', 'contact'],
        referralId: dupOnA,
        at: new Date('2026-11-02T10:00:00+03:00'),
      })
      .returning();

    const merged = await counsellor.post(`/api/v1/persons/${keptId}/merge`, { duplicateId: dupId });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.moved).toMatchObject({ referrals: 2 });
    expect(merged.body.conflicts).toMatchObject({ referralsObsolete: 1 });

    const rows = await db()
      .select()
      .from(referrals)
      .where(inArray(referrals.id, [keptOnA, dupOnA, dupOnB]));
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[keptOnA]).toMatchObject({ personId: keptId, status: 'proposed' });
    expect(byId[dupOnA]).toMatchObject({ personId: keptId, status: 'obsolete' });
    expect(byId[dupOnB]).toMatchObject({ personId: keptId, status: 'refused-by-employer' });
    const [transition] = await db().select().from(referralEvents).where(eq(referralEvents.referralId, dupOnA));
    expect(transition).toMatchObject({ fromStatus: 'sent', toStatus: 'obsolete', reason: 'merged' });
    const [log] = await db().select().from(disclosureLog).where(eq(disclosureLog.id, disclosed!.id));
    expect(log!.personId).toBe(keptId);

    // The kept record's list of referrals shows them all, through the referrals screen's API.
    const listed = await counsellor.get(`/api/v1/referrals?personId=${keptId}`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect((listed.body.items as { id: string }[]).map((r) => r.id).sort()).toEqual([keptOnA, dupOnA, dupOnB].sort());

    const events = await actionsOn([dupOnA, dupOnB, keptOnA]);
    expect(events).toEqual(
      expect.arrayContaining([
        `${dupOnA}:referral.person-moved`,
        `${dupOnB}:referral.person-moved`,
        `${dupOnA}:referral.transition`,
      ]),
    );
    expect(events).not.toContain(`${keptOnA}:referral.person-moved`);
  });
});
