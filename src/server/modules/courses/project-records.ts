import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { courseApplications, courseCertificates, courses, persons } from '../../db/schema/index.ts';
import { turkishDate } from '../../../common/working-days.ts';
import type { ApplicationStatus, CourseStatus } from '../../../common/courses.ts';

/** Statuses of those who took part in a course (the "enrolled" count of a project). */
const TOOK_PART: ApplicationStatus[] = ['enrolled', 'completed', 'not-completed', 'dropped-out'];

export interface ProjectCourseRecords {
  courses: {
    id: string;
    title: { tr: string; en: string | null; ar: string | null };
    startDate: string;
    endDate: string;
    status: CourseStatus;
    enrolled: number;
    completed: number;
  }[];
  /** Everyone who took part in one of the courses, with sex and birth date for the disaggregation. */
  participants: {
    courseId: string;
    personId: string;
    sex: 'female' | 'male';
    birthDate: string;
    status: ApplicationStatus;
    courseStart: string;
    /** The day (in Türkiye) the person completed, when they did. */
    completedOn: string | null;
  }[];
  /** Certificates issued and not revoked. */
  certificates: { courseId: string; personId: string; issuedOn: string }[];
}

/**
 * The records of a project's courses that its results framework counts (programmes module, through
 * courses' index). The caller has checked its own access to the project; this reads the caller's
 * organisation only and returns ids and dates, no names.
 */
export async function projectCourseRecords(ctx: Ctx, projectIds: string[]): Promise<Map<string, ProjectCourseRecords>> {
  const organisationId = actorOf(ctx).organisationId;
  const out = new Map<string, ProjectCourseRecords>(
    projectIds.map((id) => [id, { courses: [], participants: [], certificates: [] }]),
  );
  if (projectIds.length === 0) return out;
  const courseRows = await ctx.db
    .select()
    .from(courses)
    .where(and(eq(courses.organisationId, organisationId), inArray(courses.projectId, projectIds)))
    .orderBy(asc(courses.startDate), asc(courses.id));
  if (courseRows.length === 0) return out;
  const projectOf = new Map(courseRows.map((c) => [c.id, c.projectId!]));
  const courseIds = courseRows.map((c) => c.id);
  const [apps, certs] = await Promise.all([
    ctx.db
      .select({
        courseId: courseApplications.courseId,
        personId: courseApplications.personId,
        status: courseApplications.status,
        completedAt: courseApplications.completedAt,
        sex: persons.sex,
        birthDate: persons.birthDate,
      })
      .from(courseApplications)
      .innerJoin(persons, eq(persons.id, courseApplications.personId))
      .where(
        and(
          eq(courseApplications.organisationId, organisationId),
          inArray(courseApplications.courseId, courseIds),
          inArray(courseApplications.status, TOOK_PART),
        ),
      ),
    ctx.db
      .select({
        courseId: courseCertificates.courseId,
        personId: courseApplications.personId,
        issuedAt: courseCertificates.issuedAt,
      })
      .from(courseCertificates)
      .innerJoin(courseApplications, eq(courseApplications.id, courseCertificates.applicationId))
      .where(
        and(
          eq(courseCertificates.organisationId, organisationId),
          inArray(courseCertificates.courseId, courseIds),
          isNull(courseCertificates.revokedAt),
        ),
      ),
  ]);
  const startOf = new Map(courseRows.map((c) => [c.id, c.startDate]));
  for (const c of courseRows) {
    const mine = apps.filter((a) => a.courseId === c.id);
    out.get(c.projectId!)!.courses.push({
      id: c.id,
      title: { tr: c.titleTr, en: c.titleEn, ar: c.titleAr },
      startDate: c.startDate,
      endDate: c.endDate,
      status: c.status,
      enrolled: mine.filter((a) => a.status !== 'dropped-out').length,
      completed: mine.filter((a) => a.status === 'completed').length,
    });
  }
  for (const a of apps)
    out.get(projectOf.get(a.courseId)!)!.participants.push({
      courseId: a.courseId,
      personId: a.personId,
      sex: a.sex,
      birthDate: a.birthDate,
      status: a.status,
      courseStart: startOf.get(a.courseId)!,
      completedOn: a.status === 'completed' && a.completedAt ? turkishDate(a.completedAt) : null,
    });
  for (const c of certs)
    out
      .get(projectOf.get(c.courseId)!)!
      .certificates.push({ courseId: c.courseId, personId: c.personId, issuedOn: turkishDate(c.issuedAt) });
  return out;
}
