import crypto from 'node:crypto';
import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  courseApplications,
  courseAttendance,
  courseCertificates,
  courses,
  courseSessions,
  courseTrainers,
  employers,
  iscoGroups,
  personTargetGroups,
  persons,
  users,
} from '../../db/schema/index.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit, changedFields } from '../../lib/audit.ts';
import { problems, type FieldError } from '../../lib/errors.ts';
import { searchKey } from '../../../common/text.ts';
import { turkishDate } from '../../../common/working-days.ts';
import type { TargetGroup } from '../../../common/enums.ts';
import {
  attendancePercent,
  CODE_ALPHABET,
  compareCandidates,
  completes,
  ineligibility,
  PRIORITY_EXCLUDED_GROUPS,
  priorityGroups,
  type ApplicationStatus,
  type DropoutReason,
} from '../../../common/courses.ts';
import type {
  Application,
  ApplicationList,
  AttendanceSheet,
  Certificate,
  Course,
  CourseCreate,
  CourseListItem,
  CoursePatch,
  SessionInput,
} from '../../../common/contracts/courses.ts';
import { loadPerson } from '../people/index.ts';
import { notifyApplicant } from './courses.notify.ts';
import { containsPattern } from '../../lib/search.ts';
import { courseEmployment } from './employment.service.ts';
import { projectExists, projectRestriction } from '../programmes/index.ts';
import { isSpecialGroup, projectSpecialGroup, seesCoursePersons, withoutSpecialRead } from './restriction.ts';

type CourseRow = typeof courses.$inferSelect;
type ApplicationRow = typeof courseApplications.$inferSelect;
type CertificateRow = typeof courseCertificates.$inferSelect;

/** Statuses still in line for a place (the priority order ranks them). */
const IN_LINE: ApplicationStatus[] = ['applied', 'waiting'];
/** Statuses of those who take (or took) part: the attendance sheet lists them. */
const PARTICIPANTS: ApplicationStatus[] = ['enrolled', 'completed', 'not-completed'];

// ---- scope ---------------------------------------------------------------------------------------------

/** Programme staff (courses:manage or courses:apply) see every course of the organisation; a trainer, their own. */
function seesAll(ctx: Ctx): boolean {
  const p = actorOf(ctx).permissions;
  return p.has('courses:manage') || p.has('courses:apply');
}

/**
 * A course of the caller's organisation that the caller may see (404 otherwise). `teach`: the caller
 * acts as its trainer (attendance, assessment, dropouts, completion): a manager may, a trainer only on
 * a course they train.
 */
async function loadCourse(db: Db, ctx: Ctx, id: string, options: { teach?: boolean } = {}): Promise<CourseRow> {
  const organisationId = actorOf(ctx).organisationId;
  const [row] = await db
    .select()
    .from(courses)
    .where(and(eq(courses.id, id), eq(courses.organisationId, organisationId)));
  if (!row) throw problems.notFound();
  const manager = actorOf(ctx).permissions.has('courses:manage');
  if ((options.teach && !manager) || !seesAll(ctx)) {
    const [link] = await db
      .select({ userId: courseTrainers.userId })
      .from(courseTrainers)
      .where(
        and(
          eq(courseTrainers.courseId, id),
          eq(courseTrainers.userId, actorOf(ctx).userId),
          eq(courseTrainers.organisationId, organisationId),
        ),
      );
    if (!link) throw problems.notFound();
  }
  return row;
}

/** A course open for applications in the caller's organisation (a seeker applying for themselves). */
async function loadOpenCourse(db: Db, ctx: Ctx, id: string): Promise<CourseRow> {
  const [row] = await db
    .select()
    .from(courses)
    .where(
      and(
        eq(courses.id, id),
        eq(courses.organisationId, actorOf(ctx).organisationId),
        eq(courses.status, 'open'),
        isNull(courses.completionAppliedAt),
      ),
    );
  if (!row) throw problems.notFound();
  return row;
}

// ---- the catalogue -------------------------------------------------------------------------------------

type CourseInput = CourseCreate;

/** Checks a course as it would be after the change; every problem at once, with its field. */
async function validate(
  db: Db,
  ctx: Ctx,
  merged: CourseInput,
  existing: CourseRow | null,
  given: Partial<CourseInput>,
): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  const errors: FieldError[] = [];
  if (merged.endDate < merged.startDate) errors.push({ pointer: '/endDate', code: 'errors.courses.endBeforeStart' });
  if (typeof merged.minAge === 'number' && typeof merged.maxAge === 'number' && merged.maxAge < merged.minAge)
    errors.push({ pointer: '/maxAge', code: 'errors.courses.ageRange' });
  const sessionsGiven = given.sessions !== undefined;
  merged.sessions.forEach((s, i) => {
    // A session given now is named by its path; sessions kept while the dates move name the date that moved.
    const outside = sessionsGiven
      ? `/sessions/${i}/date`
      : given.startDate !== undefined && s.date < merged.startDate
        ? '/startDate'
        : '/endDate';
    if (s.date < merged.startDate || s.date > merged.endDate)
      errors.push({ pointer: outside, code: 'errors.courses.sessionOutsideCourse' });
    if (sessionsGiven && s.endTime <= s.startTime)
      errors.push({ pointer: `/sessions/${i}/endTime`, code: 'errors.courses.sessionEndBeforeStart' });
  });
  if (given.iscoCode !== undefined) {
    const [group] = await db
      .select({ level: iscoGroups.level })
      .from(iscoGroups)
      .where(eq(iscoGroups.code, merged.iscoCode));
    if (!group || group.level !== 4) errors.push({ pointer: '/iscoCode', code: 'errors.courses.occupationUnknown' });
  }
  if (given.trainerIds !== undefined && merged.trainerIds.length > 0) {
    const found = await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          inArray(users.id, merged.trainerIds),
          eq(users.organisationId, organisationId),
          eq(users.kind, 'staff'),
          sql`${users.status} <> 'disabled'`,
        ),
      );
    const ok = new Set(found.map((u) => u.id));
    merged.trainerIds.forEach((id, i) => {
      if (!ok.has(id)) errors.push({ pointer: `/trainerIds/${i}`, code: 'errors.courses.trainerUnknown' });
    });
  }
  if (given.employment) {
    const [employer] = await db
      .select({ id: employers.id })
      .from(employers)
      .where(and(eq(employers.id, given.employment.employerId), eq(employers.organisationId, organisationId)));
    if (!employer) errors.push({ pointer: '/employment/employerId', code: 'errors.courses.employerUnknown' });
  }
  if (given.projectId && !(await projectExists({ ...ctx, db }, given.projectId)))
    errors.push({ pointer: '/projectId', code: 'errors.courses.projectUnknown' });
  // A course of a special-group project: its trainers take attendance by name, so each must hold
  // special-category:read (docs/COURSES.md, "The trainer's decision"). Checked when the trainers or the
  // project change; a trainer named now is pointed at, else the project that made the course restricted.
  if ((given.trainerIds !== undefined || given.projectId !== undefined) && merged.trainerIds.length > 0) {
    const group = await projectSpecialGroup(db, ctx, merged.projectId ?? null);
    if (group) {
      const lacking = await withoutSpecialRead(db, organisationId, merged.trainerIds);
      if (given.trainerIds !== undefined)
        merged.trainerIds.forEach((id, i) => {
          const user = lacking.find((u) => u.id === id);
          if (user)
            errors.push({
              pointer: `/trainerIds/${i}`,
              code: 'errors.courses.trainerNeedsSpecial',
              params: { name: user.fullName },
            });
        });
      else if (lacking.length)
        errors.push({
          pointer: '/projectId',
          code: 'errors.courses.projectTrainersNeedSpecial',
          params: { names: lacking.map((u) => u.fullName).join(', ') },
        });
    }
  }
  if (existing && given.capacity !== undefined) {
    const [row] = await db
      .select({ n: count() })
      .from(courseApplications)
      .where(
        and(
          eq(courseApplications.courseId, existing.id),
          eq(courseApplications.organisationId, organisationId),
          inArray(courseApplications.status, PARTICIPANTS),
        ),
      );
    const enrolled = row?.n ?? 0;
    if (merged.capacity < enrolled)
      errors.push({ pointer: '/capacity', code: 'errors.courses.capacityBelowEnrolled', params: { enrolled } });
  }
  if (errors.length) throw problems.invalidMany(errors);
}

function columnsOf(input: Partial<CourseInput>): Partial<typeof courses.$inferInsert> {
  const values: Partial<typeof courses.$inferInsert> = {};
  if (input.titleTr !== undefined) values.titleTr = input.titleTr.trim();
  if (input.titleEn !== undefined) values.titleEn = input.titleEn?.trim() || null;
  if (input.titleAr !== undefined) values.titleAr = input.titleAr?.trim() || null;
  for (const key of [
    'iscoCode',
    'hours',
    'startDate',
    'endDate',
    'capacity',
    'targetGroupsRequired',
    'certificateType',
  ] as const) {
    if (input[key] !== undefined) (values as Record<string, unknown>)[key] = input[key];
  }
  if (input.minAge !== undefined) values.minAge = input.minAge;
  if (input.maxAge !== undefined) values.maxAge = input.maxAge;
  if (input.projectId !== undefined) values.projectId = input.projectId;
  if (input.targetGroups !== undefined) values.targetGroups = [...new Set(input.targetGroups)];
  if (input.completionRule !== undefined) {
    values.minAttendancePercent = input.completionRule.minAttendancePercent;
    values.assessmentRequired = input.completionRule.assessmentRequired;
  }
  if (input.employment !== undefined) {
    values.employerId = input.employment?.employerId ?? null;
    values.hireCommitmentPercent = input.employment?.hireCommitmentPercent ?? null;
  }
  return values;
}

async function sessionsOf(db: Db, organisationId: string, courseId: string) {
  return db
    .select()
    .from(courseSessions)
    .where(and(eq(courseSessions.courseId, courseId), eq(courseSessions.organisationId, organisationId)))
    .orderBy(asc(courseSessions.date), asc(courseSessions.startTime), asc(courseSessions.id));
}

async function trainerIdsOf(db: Db, organisationId: string, courseId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: courseTrainers.userId })
    .from(courseTrainers)
    .where(and(eq(courseTrainers.courseId, courseId), eq(courseTrainers.organisationId, organisationId)));
  return rows.map((r) => r.userId);
}

function inputOf(row: CourseRow, sessions: SessionInput[], trainerIds: string[]): CourseInput {
  return {
    titleTr: row.titleTr,
    titleEn: row.titleEn,
    titleAr: row.titleAr,
    iscoCode: row.iscoCode,
    hours: row.hours,
    startDate: row.startDate,
    endDate: row.endDate,
    capacity: row.capacity,
    trainerIds,
    minAge: row.minAge,
    maxAge: row.maxAge,
    targetGroups: row.targetGroups,
    targetGroupsRequired: row.targetGroupsRequired,
    certificateType: row.certificateType,
    completionRule: { minAttendancePercent: row.minAttendancePercent, assessmentRequired: row.assessmentRequired },
    employment:
      row.employerId && row.hireCommitmentPercent
        ? { employerId: row.employerId, hireCommitmentPercent: row.hireCommitmentPercent }
        : null,
    projectId: row.projectId,
    sessions,
  };
}

function titleKeyOf(v: Pick<CourseInput, 'titleTr' | 'titleEn' | 'titleAr'>): string {
  return searchKey([v.titleTr, v.titleEn ?? '', v.titleAr ?? ''].join(' '));
}

export async function createCourse(ctx: Ctx, input: CourseCreate): Promise<string> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    await validate(c.db, c, input, null, input);
    const now = ctx.clock.now();
    const [row] = await c.db
      .insert(courses)
      .values({
        ...(columnsOf(input) as typeof courses.$inferInsert),
        titleKey: titleKeyOf(input),
        organisationId,
        status: 'open',
        createdBy: actorOf(ctx).userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: courses.id });
    const id = row!.id;
    if (input.trainerIds.length)
      await c.db
        .insert(courseTrainers)
        .values(input.trainerIds.map((userId) => ({ courseId: id, userId, organisationId })));
    if (input.sessions.length)
      await c.db.insert(courseSessions).values(
        input.sessions.map((s) => ({
          courseId: id,
          organisationId,
          date: s.date,
          startTime: s.startTime,
          endTime: s.endTime,
          place: s.place.trim(),
        })),
      );
    await audit(c.db, c, {
      action: 'course.created',
      subjectType: 'course',
      subjectId: id,
      fields: Object.keys(input),
    });
    return id;
  });
}

export async function updateCourse(ctx: Ctx, id: string, patch: CoursePatch): Promise<void> {
  const organisationId = actorOf(ctx).organisationId;
  await inTransaction(ctx, async (c) => {
    const row = await loadCourse(c.db, c, id);
    const sessions = await sessionsOf(c.db, organisationId, id);
    const trainerIds = await trainerIdsOf(c.db, organisationId, id);
    const current = inputOf(row, sessions, trainerIds);
    const { status, ...given } = patch;
    const merged: CourseInput = { ...current, ...given };
    await validate(c.db, c, merged, row, given);
    const values = columnsOf(given);
    if (status !== undefined) values.status = status;
    const fields = changedFields(row as unknown as Record<string, unknown>, values as Record<string, unknown>);
    if (values.titleTr !== undefined || values.titleEn !== undefined || values.titleAr !== undefined)
      values.titleKey = titleKeyOf(merged);

    if (given.trainerIds !== undefined) {
      const next = new Set(given.trainerIds);
      const gone = trainerIds.filter((t) => !next.has(t));
      const added = given.trainerIds.filter((t) => !trainerIds.includes(t));
      if (gone.length)
        await c.db
          .delete(courseTrainers)
          .where(
            and(
              eq(courseTrainers.courseId, id),
              eq(courseTrainers.organisationId, organisationId),
              inArray(courseTrainers.userId, gone),
            ),
          );
      if (added.length)
        await c.db.insert(courseTrainers).values(added.map((userId) => ({ courseId: id, userId, organisationId })));
      if (gone.length || added.length) fields.push('trainerIds');
    }
    if (given.sessions !== undefined) {
      const errors: FieldError[] = [];
      const known = new Map(sessions.map((s) => [s.id, s]));
      given.sessions.forEach((s, i) => {
        if (s.id && !known.has(s.id))
          errors.push({ pointer: `/sessions/${i}/id`, code: 'errors.courses.sessionUnknown' });
      });
      const kept = new Set(given.sessions.map((s) => s.id).filter(Boolean));
      const removed = sessions.filter((s) => !kept.has(s.id)).map((s) => s.id);
      if (removed.length) {
        const [taken] = await c.db
          .select({ n: count() })
          .from(courseAttendance)
          .where(
            and(inArray(courseAttendance.sessionId, removed), eq(courseAttendance.organisationId, organisationId)),
          );
        if ((taken?.n ?? 0) > 0) errors.push({ pointer: '/sessions', code: 'errors.courses.sessionHasAttendance' });
      }
      if (errors.length) throw problems.invalidMany(errors);
      if (removed.length)
        await c.db
          .delete(courseSessions)
          .where(and(inArray(courseSessions.id, removed), eq(courseSessions.organisationId, organisationId)));
      for (const s of given.sessions) {
        const v = { date: s.date, startTime: s.startTime, endTime: s.endTime, place: s.place.trim() };
        if (s.id)
          await c.db
            .update(courseSessions)
            .set(v)
            .where(and(eq(courseSessions.id, s.id), eq(courseSessions.organisationId, organisationId)));
        else await c.db.insert(courseSessions).values({ ...v, courseId: id, organisationId });
      }
      fields.push('sessions');
    }
    if (fields.length === 0) return;
    await c.db
      .update(courses)
      .set({ ...values, updatedAt: ctx.clock.now() })
      .where(and(eq(courses.id, id), eq(courses.organisationId, organisationId)));
    await audit(c.db, c, { action: 'course.updated', subjectType: 'course', subjectId: id, fields });
    if (status === 'cancelled' && row.status !== 'cancelled') await tellCancelled(c, { ...row, ...values });
  });
}

/**
 * A cancelled course: everyone still waiting for it or enrolled (applied, waiting, enrolled) is told
 * through the outbox, in the cancelling transaction; their applications stay as they are (the record
 * of who was in line), and the course no longer takes applications.
 */
async function tellCancelled(c: Ctx, course: CourseRow): Promise<void> {
  const waiting = await c.db
    .select({ id: courseApplications.id, personId: courseApplications.personId })
    .from(courseApplications)
    .where(
      and(
        eq(courseApplications.courseId, course.id),
        eq(courseApplications.organisationId, course.organisationId),
        inArray(courseApplications.status, ['applied', 'waiting', 'enrolled']),
      ),
    );
  for (const a of waiting) await notifyApplicant(c, course, a.personId, 'course-cancelled', { place: '', time: '' });
  await audit(c.db, c, {
    action: 'course.cancelled',
    subjectType: 'course',
    subjectId: course.id,
    fields: ['status'],
  });
}

interface Counts {
  enrolled: number;
  waiting: number;
  applicants: number;
  completed: number;
}

async function countsOf(db: Db, organisationId: string, ids: string[]): Promise<Map<string, Counts>> {
  const map = new Map<string, Counts>();
  if (ids.length === 0) return map;
  const rows = await db
    .select({ courseId: courseApplications.courseId, status: courseApplications.status, n: count() })
    .from(courseApplications)
    .where(and(inArray(courseApplications.courseId, ids), eq(courseApplications.organisationId, organisationId)))
    .groupBy(courseApplications.courseId, courseApplications.status);
  for (const r of rows) {
    const c = map.get(r.courseId) ?? { enrolled: 0, waiting: 0, applicants: 0, completed: 0 };
    c.applicants += r.n;
    if (PARTICIPANTS.includes(r.status)) c.enrolled += r.n;
    if (r.status === 'waiting') c.waiting += r.n;
    if (r.status === 'completed') c.completed += r.n;
    map.set(r.courseId, c);
  }
  return map;
}

function occupationOf(g: { titleTr: string; titleEn: string; titleAr: string } | null | undefined) {
  return { tr: g?.titleTr ?? '', en: g?.titleEn ?? null, ar: g?.titleAr ?? null };
}

export async function getCourse(ctx: Ctx, id: string): Promise<Course> {
  const organisationId = actorOf(ctx).organisationId;
  const row = await loadCourse(ctx.db, ctx, id);
  const [sessions, trainerRows, counts, [occupation], taken, employer] = await Promise.all([
    sessionsOf(ctx.db, organisationId, id),
    ctx.db
      .select({ id: users.id, name: users.fullName })
      .from(courseTrainers)
      .innerJoin(users, eq(users.id, courseTrainers.userId))
      .where(and(eq(courseTrainers.courseId, id), eq(courseTrainers.organisationId, organisationId)))
      .orderBy(asc(users.fullName)),
    countsOf(ctx.db, organisationId, [id]),
    ctx.db.select().from(iscoGroups).where(eq(iscoGroups.code, row.iscoCode)),
    ctx.db
      .selectDistinct({ sessionId: courseAttendance.sessionId })
      .from(courseAttendance)
      .innerJoin(courseSessions, eq(courseSessions.id, courseAttendance.sessionId))
      .where(and(eq(courseSessions.courseId, id), eq(courseAttendance.organisationId, organisationId))),
    row.employerId
      ? ctx.db
          .select({ legalName: employers.legalName, tradeName: employers.tradeName })
          .from(employers)
          .where(and(eq(employers.id, row.employerId), eq(employers.organisationId, organisationId)))
          .then((r) => r[0])
      : Promise.resolve(undefined),
  ]);
  const c = counts.get(id) ?? { enrolled: 0, waiting: 0, applicants: 0, completed: 0 };
  const takenIds = new Set(taken.map((t) => t.sessionId));
  return {
    id: row.id,
    title: { tr: row.titleTr, en: row.titleEn, ar: row.titleAr },
    iscoCode: row.iscoCode,
    occupation: occupationOf(occupation),
    hours: row.hours,
    startDate: row.startDate,
    endDate: row.endDate,
    capacity: row.capacity,
    ...c,
    trainers: trainerRows,
    minAge: row.minAge,
    maxAge: row.maxAge,
    targetGroups: row.targetGroups,
    targetGroupsRequired: row.targetGroupsRequired,
    certificateType: row.certificateType,
    completionRule: { minAttendancePercent: row.minAttendancePercent, assessmentRequired: row.assessmentRequired },
    employment:
      row.employerId && row.hireCommitmentPercent
        ? {
            employerId: row.employerId,
            employerName: employer?.tradeName ?? employer?.legalName ?? '',
            hireCommitmentPercent: row.hireCommitmentPercent,
            committedHires: Math.ceil((c.completed * row.hireCommitmentPercent) / 100),
            // Completers this employer hired within 6 months of completing (placements' records).
            hires: (await courseEmployment(ctx, id)).commitment?.hires ?? 0,
          }
        : null,
    projectId: row.projectId,
    status: row.status,
    completionAppliedAt: row.completionAppliedAt?.toISOString() ?? null,
    sessions: sessions.map((s) => ({
      id: s.id,
      date: s.date,
      startTime: s.startTime,
      endTime: s.endTime,
      place: s.place,
      attendanceTaken: takenIds.has(s.id),
    })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface CourseFilter {
  q?: string | undefined;
  status?: CourseRow['status'] | undefined;
  sort?: 'startDate' | 'title' | 'capacity' | 'enrolled' | undefined;
  order?: 'asc' | 'desc' | undefined;
  page: number;
  pageSize: number;
}

export async function listCourses(ctx: Ctx, filter: CourseFilter): Promise<{ items: CourseListItem[]; total: number }> {
  const organisationId = actorOf(ctx).organisationId;
  const conditions: SQL[] = [eq(courses.organisationId, organisationId)];
  if (!seesAll(ctx))
    conditions.push(
      sql`EXISTS (SELECT 1 FROM course_trainers ct WHERE ct.course_id = ${courses.id} AND ct.user_id = ${actorOf(ctx).userId})`,
    );
  if (filter.status) conditions.push(eq(courses.status, filter.status));
  if (filter.q) {
    const like = containsPattern(searchKey(filter.q));
    conditions.push(or(ilike(courses.titleKey, like), ilike(courses.iscoCode, like))!);
  }
  const where = and(...conditions);
  const enrolledExpr = sql<number>`(SELECT count(*) FROM course_applications ca WHERE ca.course_id = ${courses.id} AND ca.status IN ('enrolled', 'completed', 'not-completed'))`;
  const direction = filter.order === 'desc' ? desc : asc;
  const sortColumn =
    filter.sort === 'title'
      ? sql`${courses.titleTr} COLLATE "turkish"`
      : filter.sort === 'capacity'
        ? courses.capacity
        : filter.sort === 'enrolled'
          ? enrolledExpr
          : courses.startDate;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ c: courses, occupation: iscoGroups })
      .from(courses)
      .leftJoin(iscoGroups, eq(iscoGroups.code, courses.iscoCode))
      .where(where)
      .orderBy(direction(sortColumn), asc(courses.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    ctx.db.select({ n: count() }).from(courses).where(where),
  ]);
  const counts = await countsOf(
    ctx.db,
    organisationId,
    rows.map((r) => r.c.id),
  );
  return {
    items: rows.map(({ c, occupation }) => {
      const n = counts.get(c.id);
      return {
        id: c.id,
        title: { tr: c.titleTr, en: c.titleEn, ar: c.titleAr },
        iscoCode: c.iscoCode,
        occupation: occupationOf(occupation),
        hours: c.hours,
        startDate: c.startDate,
        endDate: c.endDate,
        capacity: c.capacity,
        enrolled: n?.enrolled ?? 0,
        waiting: n?.waiting ?? 0,
        certificateType: c.certificateType,
        status: c.status,
      };
    }),
    total: total?.n ?? 0,
  };
}

// ---- applications and selection ------------------------------------------------------------------------

async function groupsOf(db: Db, organisationId: string, personIds: string[]): Promise<Map<string, TargetGroup[]>> {
  const map = new Map<string, TargetGroup[]>();
  if (personIds.length === 0) return map;
  const rows = await db
    .select({ personId: personTargetGroups.personId, group: personTargetGroups.group })
    .from(personTargetGroups)
    .where(and(inArray(personTargetGroups.personId, personIds), eq(personTargetGroups.organisationId, organisationId)));
  for (const r of rows) map.set(r.personId, [...(map.get(r.personId) ?? []), r.group]);
  return map;
}

interface Ranked {
  app: ApplicationRow;
  name: string;
  groups: TargetGroup[];
  priority: number;
}

/** The course's applications with what the priority rule reads, best first among those in line. */
async function rankedApplications(db: Db, organisationId: string, course: CourseRow): Promise<Ranked[]> {
  const rows = await db
    .select({ app: courseApplications, givenName: persons.givenName, familyName: persons.familyName })
    .from(courseApplications)
    .innerJoin(persons, eq(persons.id, courseApplications.personId))
    .where(and(eq(courseApplications.courseId, course.id), eq(courseApplications.organisationId, organisationId)));
  const groups = await groupsOf(
    db,
    organisationId,
    rows.map((r) => r.app.personId),
  );
  const ranked = rows.map((r) => {
    const g = priorityGroups(course.targetGroups, groups.get(r.app.personId) ?? []);
    return { app: r.app, name: `${r.givenName} ${r.familyName}`, groups: g, priority: g.length };
  });
  const candidate = (r: Ranked) => ({ id: r.app.id, priority: r.priority, appliedAt: r.app.appliedAt.toISOString() });
  return ranked.sort((a, b) => {
    // Those in line first (in priority order), then participants, then the rest; each group in the same order.
    const band = (r: Ranked) => (IN_LINE.includes(r.app.status) ? 0 : PARTICIPANTS.includes(r.app.status) ? 1 : 2);
    return band(a) - band(b) || compareCandidates(candidate(a), candidate(b));
  });
}

function presentCertificate(c: CertificateRow): Certificate {
  return {
    id: c.id,
    type: c.type,
    code: c.code,
    externalNumber: c.externalNumber,
    issuedAt: c.issuedAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revokedReason: c.revokedReason,
  };
}

async function attendanceCounts(db: Db, organisationId: string, courseId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ applicationId: courseAttendance.applicationId, n: count() })
    .from(courseAttendance)
    .innerJoin(courseSessions, eq(courseSessions.id, courseAttendance.sessionId))
    .where(
      and(
        eq(courseSessions.courseId, courseId),
        eq(courseAttendance.organisationId, organisationId),
        eq(courseAttendance.present, true),
      ),
    )
    .groupBy(courseAttendance.applicationId);
  return new Map(rows.map((r) => [r.applicationId, r.n]));
}

export async function listApplications(ctx: Ctx, id: string): Promise<ApplicationList> {
  const course = await loadCourse(ctx.db, ctx, id);
  return applicationList(ctx.db, ctx, course);
}

/** How many are in each status (what a viewer of a restricted course still sees). */
function countsOfRanked(ranked: Ranked[]): ApplicationList['counts'] {
  const counts: ApplicationList['counts'] = {};
  for (const r of ranked) counts[r.app.status] = (counts[r.app.status] ?? 0) + 1;
  return counts;
}

async function applicationList(db: Db, ctx: Ctx, course: CourseRow): Promise<ApplicationList> {
  const organisationId = actorOf(ctx).organisationId;
  const [ranked, sessions, present, certificates] = await Promise.all([
    rankedApplications(db, organisationId, course),
    sessionsOf(db, organisationId, course.id),
    attendanceCounts(db, organisationId, course.id),
    db
      .select()
      .from(courseCertificates)
      .where(and(eq(courseCertificates.courseId, course.id), eq(courseCertificates.organisationId, organisationId))),
  ]);
  const special = actorOf(ctx).permissions.has('special-category:read');
  // A course of a special-group project: without special-category:read the list is its counts only.
  if (!(await seesCoursePersons({ ...ctx, db }, course, 'applications')))
    return {
      rule: { targetGroups: course.targetGroups, excludedGroups: [...PRIORITY_EXCLUDED_GROUPS] },
      capacity: course.capacity,
      sessions: sessions.length,
      restricted: true,
      counts: countsOfRanked(ranked),
      items: [],
    };
  const certificateOf = new Map(certificates.map((c) => [c.applicationId, c]));
  let rank = 0;
  let waiting = 0;
  const items: Application[] = ranked.map((r) => {
    const inLine = IN_LINE.includes(r.app.status);
    const attended = present.get(r.app.id) ?? 0;
    const certificate = certificateOf.get(r.app.id);
    return {
      id: r.app.id,
      person: { id: r.app.personId, name: r.name },
      status: r.app.status,
      channel: r.app.channel,
      appliedAt: r.app.appliedAt.toISOString(),
      priorityGroups: special ? r.groups : r.groups.filter((g) => !isSpecialGroup(g)),
      priority: r.priority,
      rank: inLine ? ++rank : null,
      waitingPosition: r.app.status === 'waiting' ? ++waiting : null,
      attended,
      attendancePercent: attendancePercent(attended, sessions.length),
      assessmentPassed: r.app.assessmentPassed,
      dropoutReason: r.app.dropoutReason,
      dropoutNote: r.app.dropoutNote,
      certificate: certificate ? presentCertificate(certificate) : null,
    };
  });
  return {
    rule: { targetGroups: course.targetGroups, excludedGroups: [...PRIORITY_EXCLUDED_GROUPS] },
    capacity: course.capacity,
    sessions: sessions.length,
    restricted: false,
    counts: countsOfRanked(ranked),
    items,
  };
}

/** Applies a registered person to a course, after checking the course is open and the person eligible. */
export async function applyToCourse(
  ctx: Ctx,
  courseId: string,
  personId: string,
  channel: 'counsellor' | 'self-service' = 'counsellor',
): Promise<string> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    const course =
      channel === 'self-service' ? await loadOpenCourse(c.db, c, courseId) : await loadCourse(c.db, c, courseId);
    if (course.status !== 'open' || course.completionAppliedAt) throw problems.conflict('errors.courses.notOpen');
    // The counsellor's scope of persons (office unless offices:all); a seeker applies for themselves.
    const person = channel === 'self-service' ? null : await loadPerson(c.db, c, personId);
    const [row] = person
      ? [person]
      : await c.db
          .select()
          .from(persons)
          .where(and(eq(persons.id, personId), eq(persons.organisationId, organisationId)));
    if (!row || row.mergedIntoId) throw problems.notFound();
    const groups = (await groupsOf(c.db, organisationId, [personId])).get(personId) ?? [];
    // Self-service applies only to what its catalogue shows: a course hidden there answers 404, as if it
    // did not exist (a 422 would tell the seeker the course is aimed at a group).
    if (channel === 'self-service' && !(await selfServiceSees(c, course, groups))) throw problems.notFound();
    // A project restricted to one group (a Roma youth project): applying reveals the group, so for a special
    // group only a holder of special-category:read applies someone (a seeker applies for themselves), and a
    // person outside the group is refused (docs/PROGRAMMES.md, "Restricted projects").
    const restricted = course.projectId ? await projectRestriction(c, course.projectId) : null;
    if (restricted) {
      const special = isSpecialGroup(restricted);
      if (special && !actorOf(c).permissions.has('special-category:read'))
        throw problems.forbidden('errors.courses.restrictedProjectNeedsSpecial');
      if (!groups.includes(restricted))
        throw problems.invalidMany([{ pointer: '/personId', code: 'errors.courses.outsideProjectGroup' }]);
    }
    const reasons = ineligibility(course, { birthDate: row.birthDate, groups });
    if (reasons.length)
      throw problems.invalidMany(
        reasons.map((r) => ({ pointer: '/personId', code: `errors.courses.ineligible.${r}` })),
      );
    const [existing] = await c.db
      .select({ id: courseApplications.id, status: courseApplications.status })
      .from(courseApplications)
      .where(
        and(
          eq(courseApplications.courseId, courseId),
          eq(courseApplications.personId, personId),
          eq(courseApplications.organisationId, organisationId),
        ),
      );
    const now = ctx.clock.now();
    let id: string;
    if (existing) {
      if (existing.status !== 'withdrawn') throw problems.conflict('errors.courses.alreadyApplied', '/personId');
      // Someone who withdrew may apply again: they join the line anew, from today.
      await c.db
        .update(courseApplications)
        .set({
          status: 'applied',
          channel,
          appliedAt: now,
          appliedBy: actorOf(ctx).userId,
          decidedAt: null,
          updatedAt: now,
        })
        .where(and(eq(courseApplications.id, existing.id), eq(courseApplications.organisationId, organisationId)));
      id = existing.id;
    } else {
      const [inserted] = await c.db
        .insert(courseApplications)
        .values({
          organisationId,
          courseId,
          personId,
          status: 'applied',
          channel,
          appliedAt: now,
          appliedBy: actorOf(ctx).userId,
          updatedAt: now,
        })
        .returning({ id: courseApplications.id });
      id = inserted!.id;
    }
    await audit(c.db, c, {
      action: 'course.application-made',
      subjectType: 'course-application',
      subjectId: id,
      fields: ['courseId', 'personId', 'status'],
    });
    return id;
  });
}

export async function getApplication(ctx: Ctx, courseId: string, applicationId: string): Promise<Application> {
  const list = await listApplications(ctx, courseId);
  const item = list.items.find((i) => i.id === applicationId);
  if (!item) throw problems.notFound();
  return item;
}

async function loadApplication(db: Db, ctx: Ctx, course: CourseRow, applicationId: string): Promise<ApplicationRow> {
  const [row] = await db
    .select()
    .from(courseApplications)
    .where(
      and(
        eq(courseApplications.id, applicationId),
        eq(courseApplications.courseId, course.id),
        eq(courseApplications.organisationId, actorOf(ctx).organisationId),
      ),
    );
  if (!row) throw problems.notFound();
  return row;
}

async function setStatus(c: Ctx, course: CourseRow, app: ApplicationRow, status: ApplicationStatus): Promise<void> {
  const organisationId = actorOf(c).organisationId;
  const now = c.clock.now();
  await c.db
    .update(courseApplications)
    .set({ status, decidedAt: now, updatedAt: now })
    .where(and(eq(courseApplications.id, app.id), eq(courseApplications.organisationId, organisationId)));
  if (status === 'enrolled' || status === 'waiting') {
    await audit(c.db, c, {
      action: status === 'enrolled' ? 'course.enrolled' : 'course.waitlisted',
      subjectType: 'course-application',
      subjectId: app.id,
      fields: ['status'],
    });
    const firstSession = (await sessionsOf(c.db, organisationId, course.id))[0];
    await notifyApplicant(c, course, app.personId, status === 'enrolled' ? 'course-enrolled' : 'course-waiting', {
      place: firstSession?.place ?? '',
      time: firstSession?.startTime ?? '',
    });
  }
}

async function enrolledCount(db: Db, organisationId: string, courseId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(courseApplications)
    .where(
      and(
        eq(courseApplications.courseId, courseId),
        eq(courseApplications.organisationId, organisationId),
        inArray(courseApplications.status, PARTICIPANTS),
      ),
    );
  return row?.n ?? 0;
}

function assertSelecting(course: CourseRow): void {
  if (course.status === 'cancelled' || course.completionAppliedAt) throw problems.conflict('errors.courses.notOpen');
}

/** Fills the free places in priority order; those left in line wait (each person told through the outbox). */
export async function runSelection(ctx: Ctx, id: string): Promise<ApplicationList> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    const course = await loadCourse(c.db, c, id);
    assertSelecting(course);
    const ranked = (await rankedApplications(c.db, organisationId, course)).filter((r) =>
      IN_LINE.includes(r.app.status),
    );
    let free = course.capacity - (await enrolledCount(c.db, organisationId, id));
    for (const r of ranked) {
      if (free > 0) {
        await setStatus(c, course, r.app, 'enrolled');
        free--;
      } else if (r.app.status === 'applied') await setStatus(c, course, r.app, 'waiting');
    }
    await audit(c.db, c, { action: 'course.selection-run', subjectType: 'course', subjectId: id });
    return applicationList(c.db, c, course);
  });
}

export async function enrolApplicant(ctx: Ctx, id: string, applicationId: string): Promise<ApplicationList> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    const course = await loadCourse(c.db, c, id);
    assertSelecting(course);
    const app = await loadApplication(c.db, c, course, applicationId);
    if (!IN_LINE.includes(app.status)) throw problems.conflict('errors.courses.transitionNotAllowed');
    if ((await enrolledCount(c.db, organisationId, id)) >= course.capacity)
      throw problems.conflict('errors.courses.full');
    await setStatus(c, course, app, 'enrolled');
    return applicationList(c.db, c, course);
  });
}

/** Withdraws an application or enrolment; a place freed goes to the first on the waiting list. */
export async function withdrawApplication(ctx: Ctx, id: string, applicationId: string): Promise<ApplicationList> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    const course = await loadCourse(c.db, c, id);
    const app = await loadApplication(c.db, c, course, applicationId);
    if (!['applied', 'waiting', 'enrolled'].includes(app.status))
      throw problems.conflict('errors.courses.transitionNotAllowed');
    const now = ctx.clock.now();
    await c.db
      .update(courseApplications)
      .set({ status: 'withdrawn', decidedAt: now, updatedAt: now })
      .where(and(eq(courseApplications.id, app.id), eq(courseApplications.organisationId, organisationId)));
    await audit(c.db, c, {
      action: 'course.withdrawn',
      subjectType: 'course-application',
      subjectId: app.id,
      fields: ['status'],
    });
    if (app.status === 'enrolled') await fillFreedPlace(c, course);
    return applicationList(c.db, c, course);
  });
}

async function fillFreedPlace(c: Ctx, course: CourseRow): Promise<void> {
  if (course.status === 'cancelled' || course.completionAppliedAt) return;
  const organisationId = actorOf(c).organisationId;
  if ((await enrolledCount(c.db, organisationId, course.id)) >= course.capacity) return;
  const next = (await rankedApplications(c.db, organisationId, course)).find((r) => r.app.status === 'waiting');
  if (next) await setStatus(c, course, next.app, 'enrolled');
}

export async function recordDropout(
  ctx: Ctx,
  id: string,
  applicationId: string,
  reason: DropoutReason,
  note: string | null | undefined,
): Promise<ApplicationList> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    const course = await loadCourse(c.db, c, id, { teach: true });
    const app = await loadApplication(c.db, c, course, applicationId);
    if (app.status !== 'enrolled') throw problems.conflict('errors.courses.transitionNotAllowed');
    const now = ctx.clock.now();
    await c.db
      .update(courseApplications)
      .set({
        status: 'dropped-out',
        dropoutReason: reason,
        dropoutNote: note?.trim() || null,
        decidedAt: now,
        updatedAt: now,
      })
      .where(and(eq(courseApplications.id, app.id), eq(courseApplications.organisationId, organisationId)));
    await audit(c.db, c, {
      action: 'course.dropped-out',
      subjectType: 'course-application',
      subjectId: app.id,
      fields: ['status', 'dropoutReason', ...(note ? ['dropoutNote'] : [])],
    });
    return applicationList(c.db, c, course);
  });
}

export async function recordAssessment(
  ctx: Ctx,
  id: string,
  applicationId: string,
  passed: boolean | null,
): Promise<ApplicationList> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    const course = await loadCourse(c.db, c, id, { teach: true });
    const app = await loadApplication(c.db, c, course, applicationId);
    if (!['enrolled', 'not-completed'].includes(app.status))
      throw problems.conflict('errors.courses.transitionNotAllowed');
    await c.db
      .update(courseApplications)
      .set({ assessmentPassed: passed, updatedAt: ctx.clock.now() })
      .where(and(eq(courseApplications.id, app.id), eq(courseApplications.organisationId, organisationId)));
    await audit(c.db, c, {
      action: 'course.assessment-recorded',
      subjectType: 'course-application',
      subjectId: app.id,
      fields: ['assessmentPassed'],
    });
    return applicationList(c.db, c, course);
  });
}

// ---- attendance ------------------------------------------------------------------------------------------

async function loadSession(db: Db, ctx: Ctx, course: CourseRow, sessionId: string) {
  const [row] = await db
    .select()
    .from(courseSessions)
    .where(
      and(
        eq(courseSessions.id, sessionId),
        eq(courseSessions.courseId, course.id),
        eq(courseSessions.organisationId, actorOf(ctx).organisationId),
      ),
    );
  if (!row) throw problems.notFound();
  return row;
}

async function sheet(db: Db, ctx: Ctx, course: CourseRow, sessionId: string): Promise<AttendanceSheet> {
  const organisationId = actorOf(ctx).organisationId;
  const session = await loadSession(db, ctx, course, sessionId);
  // The sheet is its names: on a course of a special-group project only for special-category:read (403).
  await seesCoursePersons({ ...ctx, db }, course, 'attendance', { refuse: true });
  const [rows, marks] = await Promise.all([
    db
      .select({ id: courseApplications.id, givenName: persons.givenName, familyName: persons.familyName })
      .from(courseApplications)
      .innerJoin(persons, eq(persons.id, courseApplications.personId))
      .where(
        and(
          eq(courseApplications.courseId, course.id),
          eq(courseApplications.organisationId, organisationId),
          inArray(courseApplications.status, PARTICIPANTS),
        ),
      )
      .orderBy(
        sql`${persons.familyName} COLLATE "turkish"`,
        sql`${persons.givenName} COLLATE "turkish"`,
        asc(courseApplications.id),
      ),
    db
      .select({ applicationId: courseAttendance.applicationId, present: courseAttendance.present })
      .from(courseAttendance)
      .where(and(eq(courseAttendance.sessionId, sessionId), eq(courseAttendance.organisationId, organisationId))),
  ]);
  const mark = new Map(marks.map((m) => [m.applicationId, m.present]));
  return {
    course: { id: course.id, title: { tr: course.titleTr, en: course.titleEn, ar: course.titleAr } },
    session: {
      id: session.id,
      date: session.date,
      startTime: session.startTime,
      endTime: session.endTime,
      place: session.place,
      attendanceTaken: marks.length > 0,
    },
    items: rows.map((r) => ({
      applicationId: r.id,
      name: `${r.givenName} ${r.familyName}`,
      present: mark.get(r.id) ?? null,
    })),
  };
}

export async function getAttendance(ctx: Ctx, id: string, sessionId: string): Promise<AttendanceSheet> {
  const course = await loadCourse(ctx.db, ctx, id);
  return sheet(ctx.db, ctx, course, sessionId);
}

export async function recordAttendance(
  ctx: Ctx,
  id: string,
  sessionId: string,
  entries: { applicationId: string; present: boolean }[],
): Promise<AttendanceSheet> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    const course = await loadCourse(c.db, c, id, { teach: true });
    const session = await loadSession(c.db, c, course, sessionId);
    // Refused before anything is written; the sheet it answers with audits the read.
    await seesCoursePersons(c, course, 'attendance', { refuse: true, audited: false });
    if (course.completionAppliedAt) throw problems.conflict('errors.courses.completionApplied');
    if (session.date > turkishDate(ctx.clock.now())) throw problems.conflict('errors.courses.sessionInFuture');
    const enrolled = await c.db
      .select({ id: courseApplications.id })
      .from(courseApplications)
      .where(
        and(
          eq(courseApplications.courseId, id),
          eq(courseApplications.organisationId, organisationId),
          eq(courseApplications.status, 'enrolled'),
        ),
      );
    const ok = new Set(enrolled.map((e) => e.id));
    const errors: FieldError[] = [];
    entries.forEach((e, i) => {
      if (!ok.has(e.applicationId))
        errors.push({ pointer: `/entries/${i}/applicationId`, code: 'errors.courses.notEnrolled' });
    });
    if (errors.length) throw problems.invalidMany(errors);
    const now = ctx.clock.now();
    const latest = new Map(entries.map((e) => [e.applicationId, e.present]));
    await c.db
      .insert(courseAttendance)
      .values(
        [...latest].map(([applicationId, present]) => ({
          sessionId,
          applicationId,
          organisationId,
          present,
          recordedBy: actorOf(ctx).userId,
          recordedAt: now,
        })),
      )
      .onConflictDoUpdate({
        target: [courseAttendance.sessionId, courseAttendance.applicationId],
        set: { present: sql`excluded.present`, recordedBy: actorOf(ctx).userId, recordedAt: now },
      });
    await audit(c.db, c, {
      action: 'course.attendance-recorded',
      subjectType: 'course',
      subjectId: id,
      fields: ['attendance'],
    });
    return sheet(c.db, c, course, sessionId);
  });
}

// ---- completion and certificates -------------------------------------------------------------------------

function newCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/**
 * Applies the course's completion rule to every participant still enrolled (and to those who had not
 * completed, whose assessment may have come later): completed ones get their certificate.
 */
export async function applyCompletion(ctx: Ctx, id: string): Promise<ApplicationList> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    const course = await loadCourse(c.db, c, id, { teach: true });
    if (course.status === 'cancelled') throw problems.conflict('errors.courses.notOpen');
    if (turkishDate(ctx.clock.now()) < course.endDate) throw problems.conflict('errors.courses.notEnded');
    const [sessions, present] = await Promise.all([
      sessionsOf(c.db, organisationId, id),
      attendanceCounts(c.db, organisationId, id),
    ]);
    const apps = await c.db
      .select()
      .from(courseApplications)
      .where(
        and(
          eq(courseApplications.courseId, id),
          eq(courseApplications.organisationId, organisationId),
          inArray(courseApplications.status, ['enrolled', 'not-completed']),
        ),
      );
    const now = ctx.clock.now();
    for (const app of apps) {
      const done = completes(
        { minAttendancePercent: course.minAttendancePercent, assessmentRequired: course.assessmentRequired },
        { present: present.get(app.id) ?? 0, sessions: sessions.length, assessmentPassed: app.assessmentPassed },
      );
      const status: ApplicationStatus = done ? 'completed' : 'not-completed';
      if (status === app.status) continue;
      await c.db
        .update(courseApplications)
        .set({ status, completedAt: done ? now : null, updatedAt: now })
        .where(and(eq(courseApplications.id, app.id), eq(courseApplications.organisationId, organisationId)));
      if (done && course.certificateType !== 'none') {
        const [cert] = await c.db
          .insert(courseCertificates)
          .values({
            organisationId,
            courseId: id,
            applicationId: app.id,
            type: course.certificateType,
            code: newCode(),
            issuedAt: now,
            issuedBy: actorOf(ctx).userId,
          })
          .returning({ id: courseCertificates.id });
        await audit(c.db, c, { action: 'certificate.issued', subjectType: 'certificate', subjectId: cert!.id });
      }
    }
    await c.db
      .update(courses)
      .set({ completionAppliedAt: now, updatedAt: now })
      .where(and(eq(courses.id, id), eq(courses.organisationId, organisationId)));
    await audit(c.db, c, {
      action: 'course.completion-applied',
      subjectType: 'course',
      subjectId: id,
      fields: ['status'],
    });
    return applicationList(c.db, c, { ...course, completionAppliedAt: now });
  });
}

async function loadCertificate(db: Db, ctx: Ctx, id: string): Promise<CertificateRow> {
  const [row] = await db
    .select()
    .from(courseCertificates)
    .where(and(eq(courseCertificates.id, id), eq(courseCertificates.organisationId, actorOf(ctx).organisationId)));
  if (!row) throw problems.notFound();
  // Within the course's scope too (a trainer: their own courses).
  await loadCourse(db, ctx, row.courseId);
  return row;
}

export async function updateCertificate(ctx: Ctx, id: string, externalNumber: string | null): Promise<Certificate> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    const cert = await loadCertificate(c.db, c, id);
    if (cert.type === 'participation') throw problems.invalid('/externalNumber', 'errors.courses.noExternalNumber');
    const [row] = await c.db
      .update(courseCertificates)
      .set({ externalNumber: externalNumber?.trim() || null })
      .where(and(eq(courseCertificates.id, id), eq(courseCertificates.organisationId, organisationId)))
      .returning();
    await audit(c.db, c, {
      action: 'certificate.updated',
      subjectType: 'certificate',
      subjectId: id,
      fields: ['externalNumber'],
    });
    return presentCertificate(row!);
  });
}

export async function revokeCertificate(ctx: Ctx, id: string, reason: string): Promise<Certificate> {
  const organisationId = actorOf(ctx).organisationId;
  return inTransaction(ctx, async (c) => {
    const cert = await loadCertificate(c.db, c, id);
    if (cert.revokedAt) throw problems.conflict('errors.courses.alreadyRevoked');
    const [row] = await c.db
      .update(courseCertificates)
      .set({ revokedAt: ctx.clock.now(), revokedReason: reason.trim(), revokedBy: actorOf(ctx).userId })
      .where(and(eq(courseCertificates.id, id), eq(courseCertificates.organisationId, organisationId)))
      .returning();
    await audit(c.db, c, {
      action: 'certificate.revoked',
      subjectType: 'certificate',
      subjectId: id,
      fields: ['revokedAt', 'revokedReason'],
    });
    return presentCertificate(row!);
  });
}

/** The certificate, its course and its holder, for the PDF (audited as a document download). */
export async function certificateForPdf(ctx: Ctx, id: string) {
  const organisationId = actorOf(ctx).organisationId;
  const cert = await loadCertificate(ctx.db, ctx, id);
  if (cert.type !== 'participation') throw problems.conflict('errors.courses.externalCertificate');
  const [courseRow] = await ctx.db
    .select()
    .from(courses)
    .where(and(eq(courses.id, cert.courseId), eq(courses.organisationId, organisationId)));
  await seesCoursePersons(ctx, courseRow!, 'certificate', { refuse: true });
  const [row] = await ctx.db
    .select({ course: courses, person: persons })
    .from(courseApplications)
    .innerJoin(courses, eq(courses.id, courseApplications.courseId))
    .innerJoin(persons, eq(persons.id, courseApplications.personId))
    .where(and(eq(courseApplications.id, cert.applicationId), eq(courseApplications.organisationId, organisationId)));
  const [occupation] = await ctx.db.select().from(iscoGroups).where(eq(iscoGroups.code, row!.course.iscoCode));
  await audit(ctx.db, ctx, { action: 'certificate.downloaded', subjectType: 'certificate', subjectId: id });
  return { cert, course: row!.course, person: row!.person, occupation: occupation ?? null };
}

// ---- a person's courses ------------------------------------------------------------------------------------

export async function personCourses(ctx: Ctx, personId: string) {
  const organisationId = actorOf(ctx).organisationId;
  if (!actorOf(ctx).permissions.has('persons:read')) throw problems.forbidden();
  await loadPerson(ctx.db, ctx, personId);
  const rows = await ctx.db
    .select({ app: courseApplications, course: courses, cert: courseCertificates })
    .from(courseApplications)
    .innerJoin(courses, eq(courses.id, courseApplications.courseId))
    .leftJoin(courseCertificates, eq(courseCertificates.applicationId, courseApplications.id))
    .where(and(eq(courseApplications.personId, personId), eq(courseApplications.organisationId, organisationId)))
    .orderBy(desc(courses.startDate));
  // A course of a special-group project reveals the person's group: left out without special-category:read
  // (the one rule, seesCoursePersons), and shown with one person.special-category-read event on the person.
  let specialShown = false;
  const items = [];
  for (const r of rows) {
    if (await projectSpecialGroup(ctx.db, ctx, r.course.projectId)) {
      if (!(await seesCoursePersons(ctx, r.course, 'person-courses', { audited: false }))) continue;
      specialShown = true;
    }
    const sessions = await sessionsOf(ctx.db, organisationId, r.course.id);
    const present = (await attendanceCounts(ctx.db, organisationId, r.course.id)).get(r.app.id) ?? 0;
    items.push({
      applicationId: r.app.id,
      course: {
        id: r.course.id,
        title: { tr: r.course.titleTr, en: r.course.titleEn, ar: r.course.titleAr },
        startDate: r.course.startDate,
        endDate: r.course.endDate,
      },
      status: r.app.status,
      attendancePercent: attendancePercent(present, sessions.length),
      certificate: r.cert ? presentCertificate(r.cert) : null,
    });
  }
  if (specialShown)
    await audit(ctx.db, ctx, {
      action: 'person.special-category-read',
      subjectType: 'person',
      subjectId: personId,
      purpose: 'courses',
    });
  return { items };
}

/**
 * The hook for employment after a course (placements, docs/COURSES.md): who completed a course and
 * when, so that placements within 3 and 6 months can be counted per course and project.
 */
export async function completersOf(ctx: Ctx, courseId: string) {
  const organisationId = actorOf(ctx).organisationId;
  const course = await loadCourse(ctx.db, ctx, courseId);
  const rows = await ctx.db
    .select({ personId: courseApplications.personId, completedAt: courseApplications.completedAt })
    .from(courseApplications)
    .where(
      and(
        eq(courseApplications.courseId, courseId),
        eq(courseApplications.organisationId, organisationId),
        eq(courseApplications.status, 'completed'),
      ),
    );
  return {
    courseId,
    projectId: course.projectId,
    employerId: course.employerId,
    hireCommitmentPercent: course.hireCommitmentPercent,
    completers: rows.map((r) => ({ personId: r.personId, completedOn: turkishDate(r.completedAt!) })),
  };
}

// ---- self-service -----------------------------------------------------------------------------------------

/**
 * Whether self-service shows a course to a seeker with these groups: a course of a project restricted to a
 * special group (Roma, disability, refugee) never (its title and project would reveal the group of whoever
 * applies; staff who may read special categories apply the person); one restricted to another group only
 * to persons recorded in it (docs/COURSES.md, "Courses of a restricted project").
 */
async function selfServiceSees(ctx: Ctx, course: CourseRow, groups: TargetGroup[]): Promise<boolean> {
  if (!course.projectId) return true;
  const group = await projectRestriction(ctx, course.projectId);
  if (!group) return true;
  return !isSpecialGroup(group) && groups.includes(group);
}

/**
 * The courses a job seeker may apply to themselves: open, not yet started, in their organisation, with
 * their own application's status where they applied. Eligibility is checked when they apply.
 */
export async function ownCourses(ctx: Ctx, personId: string) {
  const organisationId = actorOf(ctx).organisationId;
  const today = turkishDate(ctx.clock.now());
  const [rows, mine] = await Promise.all([
    ctx.db
      .select({ c: courses, occupation: iscoGroups })
      .from(courses)
      .leftJoin(iscoGroups, eq(iscoGroups.code, courses.iscoCode))
      .where(
        and(
          eq(courses.organisationId, organisationId),
          eq(courses.status, 'open'),
          isNull(courses.completionAppliedAt),
          gt(courses.startDate, today),
        ),
      )
      .orderBy(asc(courses.startDate), asc(courses.id))
      .limit(50),
    ctx.db
      .select({ courseId: courseApplications.courseId, status: courseApplications.status })
      .from(courseApplications)
      .where(and(eq(courseApplications.personId, personId), eq(courseApplications.organisationId, organisationId))),
  ]);
  const status = new Map(mine.map((m) => [m.courseId, m.status]));
  const groups = (await groupsOf(ctx.db, organisationId, [personId])).get(personId) ?? [];
  const shown = [];
  for (const r of rows) if (await selfServiceSees(ctx, r.c, groups)) shown.push(r);
  return {
    items: shown.map(({ c, occupation }) => ({
      id: c.id,
      title: { tr: c.titleTr, en: c.titleEn, ar: c.titleAr },
      occupation: occupationOf(occupation),
      hours: c.hours,
      startDate: c.startDate,
      endDate: c.endDate,
      certificateType: c.certificateType,
      myStatus: status.get(c.id) ?? null,
    })),
  };
}
