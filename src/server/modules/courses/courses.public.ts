import { eq } from 'drizzle-orm';
import { courseApplications, courseCertificates, courses, organisations, persons } from '../../db/schema/index.ts';
import type { Db } from '../../db/client.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { CODE_PATTERN, initialsOf, normaliseCode } from '../../../common/courses.ts';
import type { Verification } from '../../../common/contracts/courses.ts';

const UNKNOWN: Verification = {
  status: 'unknown',
  initials: null,
  course: null,
  type: null,
  externalNumber: null,
  issuedOn: null,
  revokedOn: null,
  organisation: null,
};

/**
 * The public check of a certificate by its code, across organisations (whoever holds the paper may ask):
 * valid or revoked with the holder's initials, the course and the issuer, or unknown. Nothing else of
 * the person is shown. (It crosses organisations on purpose; the scope test sees the join on the
 * issuing organisation and does not list it among CROSS_ORGANISATION_QUERIES.)
 */
export async function verifyCertificate(db: Db, rawCode: string): Promise<Verification> {
  const code = normaliseCode(rawCode);
  if (!new RegExp(CODE_PATTERN).test(code)) return UNKNOWN;
  const [row] = await db
    .select({
      cert: courseCertificates,
      givenName: persons.givenName,
      familyName: persons.familyName,
      titleTr: courses.titleTr,
      titleEn: courses.titleEn,
      titleAr: courses.titleAr,
      organisation: organisations.name,
    })
    .from(courseCertificates)
    .innerJoin(courseApplications, eq(courseApplications.id, courseCertificates.applicationId))
    .innerJoin(persons, eq(persons.id, courseApplications.personId))
    .innerJoin(courses, eq(courses.id, courseCertificates.courseId))
    .innerJoin(organisations, eq(organisations.id, courseCertificates.organisationId))
    .where(eq(courseCertificates.code, code));
  if (!row) return UNKNOWN;
  return {
    status: row.cert.revokedAt ? 'revoked' : 'valid',
    initials: initialsOf(row.givenName, row.familyName),
    course: { tr: row.titleTr, en: row.titleEn, ar: row.titleAr },
    type: row.cert.type,
    externalNumber: row.cert.externalNumber,
    issuedOn: turkishDate(row.cert.issuedAt),
    revokedOn: row.cert.revokedAt ? turkishDate(row.cert.revokedAt) : null,
    organisation: row.organisation,
  };
}
