/**
 * Read-only facts of the courses module for the indicators (issue 16): enrolments in courses that
 * started between two dates, and completions between two dates, with the course's ISCO-08 code.
 * Counted by the indicators module, never returned as rows.
 */
import { and, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { courseApplications, courses } from '../../db/schema/index.ts';

/** Once enrolled, an application stays an enrolment whatever happened next. */
const ENROLLED = ['enrolled', 'completed', 'dropped-out', 'not-completed'] as const;

export async function enrolmentStatistics(db: Db, organisationId: string, from: string, to: string) {
  return db
    .select({ personId: courseApplications.personId, on: courses.startDate, iscoCode: courses.iscoCode })
    .from(courseApplications)
    .innerJoin(courses, eq(courses.id, courseApplications.courseId))
    .where(
      and(
        eq(courseApplications.organisationId, organisationId),
        inArray(courseApplications.status, [...ENROLLED]),
        gte(courses.startDate, from),
        lte(courses.startDate, to),
      ),
    );
}

export async function completionStatistics(db: Db, organisationId: string, from: string, to: string) {
  return db
    .select({
      personId: courseApplications.personId,
      on: sql<string>`to_char(${courseApplications.completedAt} AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD')`,
      iscoCode: courses.iscoCode,
    })
    .from(courseApplications)
    .innerJoin(courses, eq(courses.id, courseApplications.courseId))
    .where(
      and(
        eq(courseApplications.organisationId, organisationId),
        eq(courseApplications.status, 'completed'),
        sql`(${courseApplications.completedAt} AT TIME ZONE 'Europe/Istanbul')::date BETWEEN ${from}::date AND ${to}::date`,
      ),
    );
}
