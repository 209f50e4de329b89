/**
 * Who is in a programme now (the childcare module's priority; the indicators to come): persons with an
 * enrolment on a course that is not cancelled.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { courseApplications, courses } from '../../db/schema/index.ts';

export async function enrolledPersonsOf(
  db: Db,
  organisationId: string,
  personIds: readonly string[],
): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ personId: courseApplications.personId })
    .from(courseApplications)
    .innerJoin(courses, eq(courses.id, courseApplications.courseId))
    .where(
      and(
        eq(courseApplications.organisationId, organisationId),
        eq(courses.organisationId, organisationId),
        eq(courseApplications.status, 'enrolled'),
        ne(courses.status, 'cancelled'),
        inArray(courseApplications.personId, [...personIds]),
      ),
    );
  return new Set(rows.map((r) => r.personId));
}
