import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import { createTestContext, demoEmail, type TestClient, type TestContext } from '../../test/harness.ts';
import { auditEvents, courseApplications, courses, outboxMessages } from '../../db/schema/index.ts';
import { withTcknChecksum } from '../../../common/identity-number.ts';

let t: TestContext;
let manager: TestClient; // İBB programme manager (courses:manage, courses:apply, offices:all)
let counsellor: TestClient; // Zeynep Kaya, İBB Fatih (courses:apply)
let trainer: TestClient; // Elif Çelik, İBB (courses:write on her own courses)
let analyst: TestClient; // no course permission
let trainerId: string;

beforeAll(async () => {
  t = await createTestContext();
  // Before the courses of the tests: applications are made in December 2026.
  await setClock('2026-12-01T09:00:00Z');
  analyst = await t.as('ibb', 'analyst');
  trainerId = (await trainer.get('/api/v1/me')).body.id;
});
afterAll(async () => t.close());

/** Moves the app's clock (sessions expire when it jumps by days): signs everyone in again. */
async function setClock(iso: string): Promise<void> {
  t.clock.set(new Date(iso));
  manager = await t.signIn(demoEmail('ibb', 'manager'));
  counsellor = await t.signIn(demoEmail('ibb', 'counsellor'));
  trainer = await t.signIn(demoEmail('ibb', 'trainer'));
}

let serial = 500_000_00;
const tckn = () => withTcknChecksum(String(++serial).padStart(9, '5'));

async function newPerson(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await counsellor.post('/api/v1/persons', {
    givenName: 'Ayşe',
    familyName: 'Kurs',
    idKind: 'tckn',
    idNumber: tckn(),
    birthDate: '1995-04-12',
    sex: 'female',
    nationality: 'TR',
    languages: [{ code: 'tr', level: 'native' }],
    phone: `0533 ${String(serial).slice(-7, -4)} ${String(serial).slice(-4, -2)} ${String(serial).slice(-2)}`,
    province: 'İstanbul',
    district: 'Fatih',
    notice: { version: '2026-01', locale: 'tr', channel: 'in-person' },
    consents: [],
    confirmNotDuplicate: true,
    ...overrides,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

function course(overrides: Record<string, unknown> = {}) {
  return {
    titleTr: 'Aşçı Yardımcılığı Kursu',
    titleEn: 'Kitchen Assistant Course',
    titleAr: 'دورة مساعد طباخ',
    iscoCode: '5120',
    hours: 120,
    startDate: '2027-01-11',
    endDate: '2027-01-29',
    capacity: 2,
    trainerIds: [trainerId],
    minAge: 18,
    maxAge: 45,
    targetGroups: ['woman-care', 'neet'],
    targetGroupsRequired: false,
    certificateType: 'participation',
    completionRule: { minAttendancePercent: 80, assessmentRequired: true },
    sessions: [
      { date: '2027-01-11', startTime: '09:30', endTime: '13:00', place: 'Fatih Meslek Atölyesi' },
      { date: '2027-01-13', startTime: '09:30', endTime: '13:00', place: 'Fatih Meslek Atölyesi' },
      { date: '2027-01-15', startTime: '09:30', endTime: '13:00', place: 'Fatih Meslek Atölyesi' },
      { date: '2027-01-18', startTime: '09:30', endTime: '13:00', place: 'Fatih Meslek Atölyesi' },
      { date: '2027-01-20', startTime: '09:30', endTime: '13:00', place: 'Fatih Meslek Atölyesi' },
    ],
    ...overrides,
  };
}

async function createCourse(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await manager.post('/api/v1/courses', course(overrides));
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const courseCount = async () => (await t.database.db.select({ n: count() }).from(courses))[0]!.n;

describe('the catalogue', () => {
  it('creates a course with sessions, trainer, eligibility and certificate, and audits it', async () => {
    const res = await manager.post('/api/v1/courses', course({ employment: null }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: { tr: 'Aşçı Yardımcılığı Kursu', en: 'Kitchen Assistant Course' },
      iscoCode: '5120',
      capacity: 2,
      enrolled: 0,
      certificateType: 'participation',
      completionRule: { minAttendancePercent: 80, assessmentRequired: true },
      trainers: [{ id: trainerId, name: 'Elif Çelik' }],
      projectId: null,
      status: 'open',
    });
    expect(res.body.occupation.tr).toBeTruthy();
    expect(res.body.sessions).toHaveLength(5);
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'course.created'), eq(auditEvents.subjectId, res.body.id)));
    expect(event).toBeDefined();
  });

  it.each([
    [
      'a session outside the course dates',
      { sessions: [{ date: '2027-02-10', startTime: '09:00', endTime: '12:00', place: 'Atölye' }] },
      '/sessions/0/date',
      'errors.courses.sessionOutsideCourse',
    ],
    ['an end before the start', { endDate: '2027-01-01' }, '/endDate', 'errors.courses.endBeforeStart'],
    [
      'a session ending before it starts',
      { sessions: [{ date: '2027-01-12', startTime: '12:00', endTime: '09:00', place: 'Atölye' }] },
      '/sessions/0/endTime',
      'errors.courses.sessionEndBeforeStart',
    ],
    ['an unknown occupation code', { iscoCode: '9999' }, '/iscoCode', 'errors.courses.occupationUnknown'],
    ['an age range upside down', { minAge: 30, maxAge: 20 }, '/maxAge', 'errors.courses.ageRange'],
    [
      'a trainer of another organisation',
      { trainerIds: ['00000000-0000-4000-8000-000000000000'] },
      '/trainerIds/0',
      'errors.courses.trainerUnknown',
    ],
    ['an unknown certificate type', { certificateType: 'diploma' }, '/certificateType', 'errors.validation.enum'],
  ])('refuses %s with problem+json naming the field, writing nothing', async (_name, change, pointer, code) => {
    const before = await courseCount();
    const res = await manager.post('/api/v1/courses', course(change));
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer, code }));
    expect(res.body.errors.find((e: { pointer: string }) => e.pointer === pointer).message).not.toBe(code);
    expect(await courseCount()).toBe(before);
  });

  it('refuses a capacity below the enrolments and moving the dates away from the sessions', async () => {
    const id = await createCourse({ capacity: 2, targetGroups: [], minAge: null, maxAge: null });
    for (const name of ['Bir', 'İki']) {
      const personId = await newPerson({ givenName: name });
      expect((await counsellor.post(`/api/v1/courses/${id}/applications`, { personId })).status).toBe(201);
    }
    expect((await manager.post(`/api/v1/courses/${id}/selection`)).status).toBe(200);
    const low = await manager.patch(`/api/v1/courses/${id}`, { capacity: 1 });
    expect(low.status).toBe(422);
    expect(low.body.errors).toEqual([
      expect.objectContaining({ pointer: '/capacity', code: 'errors.courses.capacityBelowEnrolled' }),
    ]);
    expect(low.body.errors[0].message).toContain('2');
    const moved = await manager.patch(`/api/v1/courses/${id}`, { endDate: '2027-01-14' });
    expect(moved.status).toBe(422);
    expect(moved.body.errors[0]).toMatchObject({ pointer: '/endDate', code: 'errors.courses.sessionOutsideCourse' });
    const after = await manager.get(`/api/v1/courses/${id}`);
    expect([after.body.capacity, after.body.endDate]).toEqual([2, '2027-01-29']);
  });

  it('lists courses sorted and paginated', async () => {
    await createCourse({
      titleTr: 'Çağrı Merkezi Elemanı',
      iscoCode: '4222',
      startDate: '2027-03-01',
      endDate: '2027-03-20',
      sessions: [],
    });
    const byTitle = await manager.get('/api/v1/courses?sort=title&order=asc&pageSize=2');
    expect(byTitle.status).toBe(200);
    expect(byTitle.body.items).toHaveLength(2);
    expect(byTitle.body.total).toBeGreaterThanOrEqual(3);
    const titles = (await manager.get('/api/v1/courses?sort=title&pageSize=100')).body.items.map(
      (c: { title: { tr: string } }) => c.title.tr,
    );
    expect(titles.indexOf('Aşçı Yardımcılığı Kursu')).toBeLessThan(titles.indexOf('Çağrı Merkezi Elemanı'));
    const search = await manager.get('/api/v1/courses?q=cagri');
    expect(search.body.items.map((c: { title: { tr: string } }) => c.title.tr)).toContain('Çağrı Merkezi Elemanı');
  });
});

describe('applications, selection and the waiting list', () => {
  it('checks eligibility: age on the first day and required target groups', async () => {
    const id = await createCourse({ targetGroups: ['woman-care'], targetGroupsRequired: true, maxAge: 29 });
    const old = await newPerson({ birthDate: '1980-01-01' });
    const res = await counsellor.post(`/api/v1/courses/${id}/applications`, { personId: old });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { code: string }) => e.code).sort()).toEqual([
      'errors.courses.ineligible.not-in-target-group',
      'errors.courses.ineligible.too-old',
    ]);
    const rows = await t.database.db.select().from(courseApplications).where(eq(courseApplications.courseId, id));
    expect(rows).toHaveLength(0);
  });

  it('a course of a project restricted to Roma youth: outside the group refused, special categories required', async () => {
    const project = await manager.post('/api/v1/projects', {
      nameTr: 'Roman Gençler İstihdam Modeli',
      startDate: '2026-11-01',
      endDate: '2027-12-31',
      targetGroups: ['roma', 'neet'],
      restrictedGroup: 'roma',
      districts: [],
      partners: [],
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    expect(project.body.restrictedGroup).toBe('roma');
    // The restricted group must be one of the project's target groups.
    const bad = await manager.patch(`/api/v1/projects/${project.body.id}`, { targetGroups: ['neet'] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({
      pointer: '/targetGroups',
      code: 'errors.programmes.restrictedGroupNotTarget',
    });

    const id = await createCourse({ projectId: project.body.id, targetGroups: [], trainerIds: [] });
    const consent = (purpose: string) => ({ purpose, textVersion: '2026-01', channel: 'in-person' });
    const outside = await newPerson({ targetGroups: [{ group: 'neet', details: {} }] });
    const roma = await newPerson({
      targetGroups: [{ group: 'roma', details: {} }],
      consents: [consent('roma-self-identification')],
    });
    const refused = await counsellor.post(`/api/v1/courses/${id}/applications`, { personId: outside });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/personId', code: 'errors.courses.outsideProjectGroup' });
    expect(refused.body.errors[0].message).toBeTruthy();
    // The manager may apply people but not read special categories: applying would reveal Roma origin.
    const blind = await manager.post(`/api/v1/courses/${id}/applications`, { personId: roma });
    expect(blind.status).toBe(403);
    expect(blind.body.code).toBe('errors.courses.restrictedProjectNeedsSpecial');
    expect(await t.database.db.select().from(courseApplications).where(eq(courseApplications.courseId, id))).toEqual(
      [],
    );
    const ok = await counsellor.post(`/api/v1/courses/${id}/applications`, { personId: roma });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('selects by the visible priority rule, waits the rest, and gives a freed place to the next in line', async () => {
    const id = await createCourse({ capacity: 2 });
    // Applied in this order; target groups lift priority (woman-care, neet), then the earlier application.
    const plain1 = await newPerson({ givenName: 'Birinci', phone: '05330000101' });
    const careNeet = await newPerson({
      givenName: 'İkinci',
      birthDate: '2003-01-01',
      targetGroups: [
        { group: 'woman-care', details: { childrenUnder6: 1 } },
        { group: 'neet', details: {} },
      ],
    });
    const plain2 = await newPerson({ givenName: 'Üçüncü' });
    const care = await newPerson({
      givenName: 'Dördüncü',
      targetGroups: [{ group: 'woman-care', details: { childrenUnder6: 0 } }],
    });
    const disabled = await newPerson({
      givenName: 'Beşinci',
      targetGroups: [{ group: 'disability', details: { reportPercentage: 50 } }],
    });
    for (const personId of [plain1, careNeet, plain2, care, disabled]) {
      t.clock.advance(60_000);
      const res = await counsellor.post(`/api/v1/courses/${id}/applications`, { personId });
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('applied');
    }
    const twice = await counsellor.post(`/api/v1/courses/${id}/applications`, { personId: care });
    expect(twice.status).toBe(409);

    const before = await manager.get(`/api/v1/courses/${id}/applications`);
    const order = (list: { items: { person: { id: string }; rank: number | null }[] }) =>
      list.items.filter((i) => i.rank !== null).map((i) => i.person.id);
    // Disability does not lift priority (no consent to that use): it keeps its application date's place.
    expect(order(before.body)).toEqual([careNeet, care, plain1, plain2, disabled]);
    expect(before.body.rule).toEqual({ targetGroups: ['woman-care', 'neet'], excludedGroups: ['roma', 'disability'] });

    const selected = await manager.post(`/api/v1/courses/${id}/selection`);
    expect(selected.status).toBe(200);
    type Item = { id: string; person: { id: string }; status: string; waitingPosition: number | null };
    const byPerson = (list: { items: Item[] }, personId: string) => list.items.find((i) => i.person.id === personId)!;
    expect(byPerson(selected.body, careNeet).status).toBe('enrolled');
    expect(byPerson(selected.body, care).status).toBe('enrolled');
    expect([plain1, plain2, disabled].map((p) => byPerson(selected.body, p).waitingPosition)).toEqual([1, 2, 3]);

    // Enrolment and waiting are told through the outbox, in the person's language.
    const [msg] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.template, 'course-waiting'), eq(outboxMessages.recipient, '+905330000101')));
    expect(msg?.body).toContain('Aşçı Yardımcılığı Kursu');
    const enrolledMessages = await t.database.db
      .select({ n: count() })
      .from(outboxMessages)
      .where(eq(outboxMessages.template, 'course-enrolled'));
    expect(enrolledMessages[0]!.n).toBeGreaterThanOrEqual(2);

    const full = await manager.post(`/api/v1/courses/${id}/applications/${byPerson(selected.body, plain1).id}/enrol`);
    expect(full.status).toBe(409);

    // A withdrawal frees a place: the first on the waiting list takes it.
    const withdrawn = await counsellor.post(
      `/api/v1/courses/${id}/applications/${byPerson(selected.body, care).id}/withdraw`,
    );
    expect(withdrawn.status).toBe(200);
    expect(byPerson(withdrawn.body, care).status).toBe('withdrawn');
    expect(byPerson(withdrawn.body, plain1).status).toBe('enrolled');
    expect(byPerson(withdrawn.body, plain2).waitingPosition).toBe(1);
    const [promoted] = await t.database.db
      .select()
      .from(outboxMessages)
      .where(and(eq(outboxMessages.template, 'course-enrolled'), eq(outboxMessages.recipient, '+905330000101')));
    expect(promoted).toBeDefined();
  });
});

describe('a course of a project restricted to a special group', () => {
  const consent = (purpose: string) => ({ purpose, textVersion: '2026-01', channel: 'in-person' });
  const listed = async (courseId: string) =>
    t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'person.special-category-listed'), eq(auditEvents.subjectId, courseId)))
      .orderBy(asc(auditEvents.id));

  it('shows person rows only to special-category:read, audits each read, leaves counts to the others', async () => {
    const project = await manager.post('/api/v1/projects', {
      nameTr: 'Roman Gençler Katılımcı Listesi',
      startDate: '2026-11-01',
      endDate: '2027-12-31',
      targetGroups: ['roma'],
      restrictedGroup: 'roma',
      districts: [],
      partners: [],
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    // Elif trains it: she holds special-category:read when assigned (the rule below); the right is taken
    // away afterwards to show what a trainer without it meets.
    const admin = await t.as('ibb', 'admin');
    const role = await admin.post('/api/v1/roles', {
      name: 'Eğitmen (özel grup projeleri)',
      permissions: ['special-category:read'],
    });
    expect(role.status, JSON.stringify(role.body)).toBe(201);
    const trainerUser = (await admin.get(`/api/v1/users/${trainerId}`)).body;
    const roleIds = trainerUser.roles.map((r: { id: string }) => r.id);
    expect((await admin.patch(`/api/v1/users/${trainerId}`, { roleIds: [...roleIds, role.body.id] })).status).toBe(200);
    const id = await createCourse({ projectId: project.body.id, targetGroups: [], titleTr: 'Kısıtlı Kurs' });
    expect((await admin.patch(`/api/v1/users/${trainerId}`, { roleIds })).status).toBe(200);
    trainer = await t.signIn(demoEmail('ibb', 'trainer'));
    const roma = await newPerson({
      givenName: 'Gizli',
      targetGroups: [{ group: 'roma', details: {} }],
      consents: [consent('roma-self-identification')],
    });
    expect((await counsellor.post(`/api/v1/courses/${id}/applications`, { personId: roma })).status).toBe(201);
    const before = (await listed(id)).length;

    // The counsellor reads special categories: the rows, and one audit event naming the course.
    const full = await counsellor.get(`/api/v1/courses/${id}/applications`);
    expect(full.status).toBe(200);
    expect(full.body).toMatchObject({ restricted: false, counts: { applied: 1 } });
    expect(full.body.items[0].person.name).toBe('Gizli Kurs');
    const events = await listed(id);
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ subjectType: 'course', purpose: 'course-applications:roma' });

    // The manager does not: counts only, nothing of a person, and no read to audit.
    const counts = await manager.get(`/api/v1/courses/${id}/applications`);
    expect(counts.status).toBe(200);
    expect(counts.body).toMatchObject({ restricted: true, counts: { applied: 1 }, items: [] });
    expect(JSON.stringify(counts.body)).not.toContain('Gizli');
    const selected = await manager.post(`/api/v1/courses/${id}/selection`);
    expect(selected.body).toMatchObject({ restricted: true, counts: { enrolled: 1 }, items: [] });
    expect(await listed(id)).toHaveLength(before + 1);

    // Nor the person's page: the course is left out for a reader without the right.
    const mine = await manager.get(`/api/v1/persons/${roma}/courses`);
    expect(mine.body.items.map((i: { course: { id: string } }) => i.course.id)).not.toContain(id);
    const theirs = await counsellor.get(`/api/v1/persons/${roma}/courses`);
    expect(theirs.body.items.map((i: { course: { id: string } }) => i.course.id)).toContain(id);

    // The trainer without the right: the attendance sheet is its names, so 403 with a problem.
    const course = (await manager.get(`/api/v1/courses/${id}`)).body;
    const sheetUrl = `/api/v1/courses/${id}/sessions/${course.sessions[0].id}/attendance`;
    const refused = await trainer.get(sheetUrl);
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body.code).toBe('errors.courses.restrictedCourseNeedsSpecial');
    expect(refused.body.detail ?? refused.body.title).toBeTruthy();
    const write = await trainer.put(sheetUrl, { entries: [{ applicationId: full.body.items[0].id, present: true }] });
    expect(write.status).toBe(403);

    // Given a role with special-category:read (what docs/COURSES.md tells the organisation to do), the
    // trainer takes attendance by name; the read is audited.
    expect((await admin.patch(`/api/v1/users/${trainerId}`, { roleIds: [...roleIds, role.body.id] })).status).toBe(200);
    try {
      const elif = await t.signIn(demoEmail('ibb', 'trainer'));
      const sheet = await elif.get(sheetUrl);
      expect(sheet.status, JSON.stringify(sheet.body)).toBe(200);
      expect(sheet.body.items.map((i: { name: string }) => i.name)).toEqual(['Gizli Kurs']);
      expect((await listed(id)).at(-1)).toMatchObject({ purpose: 'course-attendance:roma' });
    } finally {
      await admin.patch(`/api/v1/users/${trainerId}`, { roleIds });
      trainer = await t.signIn(demoEmail('ibb', 'trainer'));
    }
  });

  it('refuses a trainer without special-category:read, by assignment or by linking the course, and writes nothing', async () => {
    const newProject = async (nameTr: string, restrictedGroup: string | null) => {
      const res = await manager.post('/api/v1/projects', {
        nameTr,
        startDate: '2026-11-01',
        endDate: '2027-12-31',
        targetGroups: ['roma', 'neet'],
        restrictedGroup,
        districts: [],
        partners: [],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    const roma = await newProject('Roman Gençler Eğitmen Kuralı', 'roma');
    const open = await newProject('Açık Proje Eğitmen Kuralı', null);
    const before = await courseCount();

    // Creating a course of the Roma project with Elif (no special-category:read) as its trainer.
    const created = await manager.post('/api/v1/courses', course({ projectId: roma, targetGroups: [] }));
    expect(created.status).toBe(422);
    expect(created.headers['content-type']).toContain('application/problem+json');
    expect(created.body.errors).toEqual([
      expect.objectContaining({ pointer: '/trainerIds/0', code: 'errors.courses.trainerNeedsSpecial' }),
    ]);
    expect(created.body.errors[0].message).toContain('Elif');
    expect(await courseCount()).toBe(before);
    // Assigning her to a course of the project afterwards.
    const id = await createCourse({ projectId: roma, targetGroups: [], trainerIds: [] });
    const assigned = await manager.patch(`/api/v1/courses/${id}`, { trainerIds: [trainerId] });
    expect(assigned.status).toBe(422);
    expect(assigned.body.errors[0]).toMatchObject({
      pointer: '/trainerIds/0',
      code: 'errors.courses.trainerNeedsSpecial',
    });
    expect((await manager.get(`/api/v1/courses/${id}`)).body.trainers).toEqual([]);

    // Linking a course she trains to the Roma project: the project is pointed at, and the link not made.
    const linked = await createCourse({ projectId: open, targetGroups: [] });
    const link = await manager.patch(`/api/v1/courses/${linked}`, { projectId: roma });
    expect(link.status).toBe(422);
    expect(link.body.errors).toEqual([
      expect.objectContaining({ pointer: '/projectId', code: 'errors.courses.projectTrainersNeedSpecial' }),
    ]);
    expect(link.body.errors[0].message).toContain('Elif');
    expect((await manager.get(`/api/v1/courses/${linked}`)).body.projectId).toBe(open);

    // Restricting the open project (whose course she trains) to Roma youth: refused on the project.
    const restrict = await manager.patch(`/api/v1/projects/${open}`, { restrictedGroup: 'roma' });
    expect(restrict.status).toBe(422);
    expect(restrict.body.errors).toEqual([
      expect.objectContaining({ pointer: '/restrictedGroup', code: 'errors.programmes.courseTrainersNeedSpecial' }),
    ]);
    expect((await manager.get(`/api/v1/projects/${open}`)).body.restrictedGroup).toBeNull();
    // A group that is not a special category needs no such right.
    expect((await manager.patch(`/api/v1/projects/${open}`, { restrictedGroup: 'neet' })).status).toBe(200);
  });

  it('is not in the self-service catalogue, and applying to it from self-service answers 404', async () => {
    const project = await manager.post('/api/v1/projects', {
      nameTr: 'Roman Gençler Kendi Başvurusu',
      startDate: '2026-11-01',
      endDate: '2027-12-31',
      targetGroups: ['roma'],
      restrictedGroup: 'roma',
      districts: [],
      partners: [],
    });
    const hidden = await createCourse({
      projectId: project.body.id,
      targetGroups: [],
      trainerIds: [],
      minAge: null,
      maxAge: null,
      titleTr: 'Görünmeyen Kurs',
    });
    const open = await createCourse({ targetGroups: [], minAge: null, maxAge: null, titleTr: 'Görünen Kurs' });
    const seeker = await t.signInWithCode('+905321000002');
    const list = await seeker.get('/api/v1/self/courses');
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(open);
    expect(ids).not.toContain(hidden);
    expect(JSON.stringify(list.body)).not.toContain('Görünmeyen');
    const apply = await seeker.post(`/api/v1/self/courses/${hidden}/apply`);
    expect(apply.status).toBe(404);
    expect(
      await t.database.db.select().from(courseApplications).where(eq(courseApplications.courseId, hidden)),
    ).toEqual([]);
  });
});

describe('self-service', () => {
  it('a job seeker sees open courses and applies to one; twice is refused', async () => {
    const id = await createCourse({ minAge: null, maxAge: null, targetGroups: [], titleTr: 'Kendi Başvurusu Kursu' });
    const seeker = await t.signInWithCode('+905321000002');
    const list = await seeker.get('/api/v1/self/courses');
    expect(list.status).toBe(200);
    const mine = list.body.items.find((c: { id: string }) => c.id === id);
    expect(mine).toMatchObject({ title: { tr: 'Kendi Başvurusu Kursu' }, myStatus: null });
    const applied = await seeker.post(`/api/v1/self/courses/${id}/apply`);
    expect(applied.status).toBe(201);
    expect((await seeker.post(`/api/v1/self/courses/${id}/apply`)).status).toBe(409);
    const after = await seeker.get('/api/v1/self/courses');
    expect(after.body.items.find((c: { id: string }) => c.id === id).myStatus).toBe('applied');
    const apps = await manager.get(`/api/v1/courses/${id}/applications`);
    expect(apps.body.items[0]).toMatchObject({ channel: 'self-service', status: 'applied' });
    // A seeker reaches nothing of the staff side.
    expect((await seeker.get(`/api/v1/courses/${id}`)).status).toBe(403);
  });
});

describe('access', () => {
  it('a trainer sees only the courses they train; another organisation gets 404; a wrong role 403', async () => {
    const mine = await createCourse();
    const other = await createCourse({ trainerIds: [] });
    const list = await trainer.get('/api/v1/courses?pageSize=100');
    const ids = list.body.items.map((c: { id: string }) => c.id);
    expect(ids).toContain(mine);
    expect(ids).not.toContain(other);
    expect((await trainer.get(`/api/v1/courses/${other}`)).status).toBe(404);
    expect((await trainer.get(`/api/v1/courses/${mine}`)).status).toBe(200);
    // A trainer neither creates courses nor applies people.
    expect((await trainer.post('/api/v1/courses', course())).status).toBe(403);
    expect((await trainer.post(`/api/v1/courses/${mine}/selection`)).status).toBe(403);
    // No course permission at all.
    expect((await analyst.get('/api/v1/courses')).status).toBe(403);
    // Another organisation.
    const izmir = await t.as('izmir', 'manager');
    expect((await izmir.get(`/api/v1/courses/${mine}`)).status).toBe(404);
    expect((await izmir.get(`/api/v1/courses/${mine}/applications`)).status).toBe(404);
    expect((await izmir.patch(`/api/v1/courses/${mine}`, { capacity: 5 })).status).toBe(404);
    const izmirList = await izmir.get('/api/v1/courses?pageSize=100');
    expect(izmirList.body.items.map((c: { id: string }) => c.id)).not.toContain(mine);
  });
});

describe('attendance, the completion rule and certificates', () => {
  let id: string;
  let sessions: { id: string; date: string }[];
  const apps: Record<string, string> = {};
  let personIds: Record<string, string>;

  beforeAll(async () => {
    await setClock('2026-12-01T10:00:00Z');
    id = await createCourse({ capacity: 4, targetGroups: [], minAge: null, maxAge: null });
    personIds = {
      steady: await newPerson({
        givenName: 'Devamlı',
        familyName: 'Katılımcı',
        languages: [{ code: 'ar', level: 'native' }],
      }),
      absent: await newPerson({ givenName: 'Devamsız', familyName: 'Katılımcı' }),
      failed: await newPerson({ givenName: 'Başarısız', familyName: 'Katılımcı' }),
      leaver: await newPerson({ givenName: 'Ayrılan', familyName: 'Katılımcı' }),
    };
    for (const personId of Object.values(personIds))
      expect((await counsellor.post(`/api/v1/courses/${id}/applications`, { personId })).status).toBe(201);
    const list = await manager.post(`/api/v1/courses/${id}/selection`);
    for (const [key, personId] of Object.entries(personIds))
      apps[key] = list.body.items.find((i: { person: { id: string } }) => i.person.id === personId).id;
    sessions = (await manager.get(`/api/v1/courses/${id}`)).body.sessions;
  });

  it('refuses attendance for a session that has not happened yet', async () => {
    const res = await trainer.put(`/api/v1/courses/${id}/sessions/${sessions[0]!.id}/attendance`, {
      entries: [{ applicationId: apps.steady, present: true }],
    });
    expect(res.status).toBe(409);
  });

  it('takes attendance one tap at a time, a tap again corrects it; someone not enrolled is refused', async () => {
    await setClock('2027-01-21T12:00:00Z');
    const url = (s: number) => `/api/v1/courses/${id}/sessions/${sessions[s]!.id}/attendance`;
    const sheet = await trainer.get(url(0));
    expect(sheet.status).toBe(200);
    expect(sheet.body.items).toHaveLength(4);
    expect(sheet.body.items.every((i: { present: boolean | null }) => i.present === null)).toBe(true);
    // steady: 5/5; absent: 3/5 (60 %); failed: 5/5 but fails the assessment.
    for (let s = 0; s < 5; s++) {
      for (const [key, present] of [
        ['steady', true],
        ['absent', s < 3],
        ['failed', true],
      ] as const) {
        const res = await trainer.put(url(s), { entries: [{ applicationId: apps[key], present }] });
        expect(res.status).toBe(200);
      }
    }
    const fix = await trainer.put(url(0), { entries: [{ applicationId: apps.absent, present: false }] });
    expect(fix.body.items.find((i: { applicationId: string }) => i.applicationId === apps.absent).present).toBe(false);
    await trainer.put(url(0), { entries: [{ applicationId: apps.absent, present: true }] });
    const stranger = await trainer.put(url(0), { entries: [{ applicationId: crypto.randomUUID(), present: true }] });
    expect(stranger.status).toBe(422);
    expect(stranger.body.errors[0]).toMatchObject({
      pointer: '/entries/0/applicationId',
      code: 'errors.courses.notEnrolled',
    });
  });

  it('records a dropout with its reason and assessment results', async () => {
    const dropout = await trainer.post(`/api/v1/courses/${id}/applications/${apps.leaver}/dropout`, {
      reason: 'found-work',
      note: 'Bir lokantada işe başladı.',
    });
    expect(dropout.status).toBe(200);
    const leaver = dropout.body.items.find((i: { id: string }) => i.id === apps.leaver);
    expect([leaver.status, leaver.dropoutReason]).toEqual(['dropped-out', 'found-work']);
    const badReason = await trainer.post(`/api/v1/courses/${id}/applications/${apps.steady}/dropout`, {
      reason: 'bored',
    });
    expect(badReason.status).toBe(422);
    expect(badReason.body.errors[0].pointer).toBe('/reason');
    for (const [key, passed] of [
      ['steady', true],
      ['absent', true],
      ['failed', false],
    ] as const)
      expect((await trainer.put(`/api/v1/courses/${id}/applications/${apps[key]}/assessment`, { passed })).status).toBe(
        200,
      );
  });

  it('refuses completion before the end, then applies the rule: attendance ≥ 80 % and a passed assessment', async () => {
    expect((await trainer.post(`/api/v1/courses/${id}/completion`)).status).toBe(409);
    await setClock('2027-01-30T09:00:00Z');
    const res = await trainer.post(`/api/v1/courses/${id}/completion`);
    expect(res.status).toBe(200);
    const status = (key: string) => res.body.items.find((i: { id: string }) => i.id === apps[key]);
    expect(status('steady')).toMatchObject({ status: 'completed', attendancePercent: 100 });
    expect(status('absent')).toMatchObject({ status: 'not-completed', attendancePercent: 60, certificate: null });
    expect(status('failed')).toMatchObject({ status: 'not-completed', attendancePercent: 100, certificate: null });
    expect(status('leaver').status).toBe('dropped-out');
    expect(status('steady').certificate).toMatchObject({ type: 'participation', revokedAt: null });
    expect(status('steady').certificate.code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    // After completion, attendance no longer changes.
    const late = await trainer.put(`/api/v1/courses/${id}/sessions/${sessions[0]!.id}/attendance`, {
      entries: [{ applicationId: apps.absent, present: true }],
    });
    expect(late.status).toBe(409);
  });

  it('verifies a certificate publicly: valid (initials and course only), unknown, then revoked', async () => {
    const list = await manager.get(`/api/v1/courses/${id}/applications`);
    const cert = list.body.items.find((i: { id: string }) => i.id === apps.steady).certificate;
    const valid = await t.anonymous.get(`/api/v1/public/certificates/${cert.code.toLowerCase()}`);
    expect(valid.status).toBe(200);
    expect(valid.body).toMatchObject({
      status: 'valid',
      initials: 'D. K.',
      course: { tr: 'Aşçı Yardımcılığı Kursu' },
      type: 'participation',
      issuedOn: '2027-01-30',
      revokedOn: null,
    });
    expect(JSON.stringify(valid.body)).not.toContain('Devamlı');
    const unknown = await t.anonymous.get('/api/v1/public/certificates/ABCD-EFGH-JKMN');
    expect(unknown.body).toMatchObject({ status: 'unknown', initials: null, course: null });
    expect((await t.anonymous.get('/api/v1/public/certificates/x')).body.status).toBe('unknown');

    expect((await trainer.post(`/api/v1/certificates/${cert.id}/revoke`, { reason: 'Hatalı düzenlendi' })).status).toBe(
      403,
    );
    const revoked = await manager.post(`/api/v1/certificates/${cert.id}/revoke`, { reason: 'Hatalı düzenlendi' });
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBeTruthy();
    expect((await manager.post(`/api/v1/certificates/${cert.id}/revoke`, { reason: 'Yine' })).status).toBe(409);
    const after = await t.anonymous.get(`/api/v1/public/certificates/${cert.code}`);
    expect(after.body).toMatchObject({ status: 'revoked', initials: 'D. K.', revokedOn: '2027-01-30' });
  });

  it('makes the certificate PDF with the Turkish text, the Arabic translation and the verification code', async () => {
    const list = await trainer.get(`/api/v1/courses/${id}/applications`);
    const cert = list.body.items.find((i: { id: string }) => i.id === apps.steady).certificate;
    const res = await trainer.get(`/api/v1/certificates/${cert.id}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.raw.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { extractText } = await import('unpdf');
    const { text } = await extractText(new Uint8Array(res.raw.rawPayload), { mergePages: true });
    expect(text).toContain('Kurs Katılım Belgesi');
    expect(text).toContain(cert.code);
    expect(text).toMatch(/[\u0600-\u06FF]/);
    expect(res.headers['content-disposition']).not.toContain('Devamlı');
  });

  it("shows a person's courses and certificates on their profile", async () => {
    const res = await counsellor.get(`/api/v1/persons/${personIds.steady}/courses`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ status: 'completed', attendancePercent: 100 });
    expect(res.body.items[0].certificate.revokedAt).toBeTruthy();
    expect((await (await t.as('izmir', 'counsellor')).get(`/api/v1/persons/${personIds.steady}/courses`)).status).toBe(
      404,
    );
  });

  it('another trainer (or a trainer on a course not theirs) cannot take attendance', async () => {
    const other = await createCourse({ trainerIds: [] });
    const s = (await manager.get(`/api/v1/courses/${other}`)).body.sessions[0];
    const res = await trainer.put(`/api/v1/courses/${other}/sessions/${s.id}/attendance`, {
      entries: [{ applicationId: apps.steady, present: true }],
    });
    expect(res.status).toBe(404);
    expect((await counsellor.put(`/api/v1/courses/${other}/sessions/${s.id}/attendance`, { entries: [] })).status).toBe(
      403,
    );
  });
});
