/**
 * What the courses module holds on a person, for the access export of the data-protection desk
 * (KVKK art. 11): course applications, attendance and certificates.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { courseApplications, courseAttendance, courseCertificates } from '../../db/schema/index.ts';
import { exportRows } from '../../lib/export-rows.ts';

export async function courseDataOf(db: Db, organisationId: string, personIds: readonly string[]) {
  if (personIds.length === 0) return { courseApplications: [], courseAttendance: [], courseCertificates: [] };
  const applications = await db
    .select()
    .from(courseApplications)
    .where(
      and(eq(courseApplications.organisationId, organisationId), inArray(courseApplications.personId, [...personIds])),
    );
  const ids = applications.map((a) => a.id);
  const [attendance, certificates] = ids.length
    ? [
        await db
          .select()
          .from(courseAttendance)
          .where(
            and(eq(courseAttendance.organisationId, organisationId), inArray(courseAttendance.applicationId, ids)),
          ),
        await db
          .select()
          .from(courseCertificates)
          .where(
            and(eq(courseCertificates.organisationId, organisationId), inArray(courseCertificates.applicationId, ids)),
          ),
      ]
    : [[], []];
  return {
    courseApplications: exportRows(applications),
    courseAttendance: exportRows(attendance),
    courseCertificates: exportRows(certificates),
  };
}
