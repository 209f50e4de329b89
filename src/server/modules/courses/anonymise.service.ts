/**
 * Erasure and periodic destruction (docs/DATA-PROTECTION-DESK.md): in the caller's transaction, removes
 * the free text the courses module holds about the person — the dropout note of their applications and
 * the reason in words of a revoked certificate. Applications, attendance marks and the dropout reason
 * code stay for the enrolment and completion statistics. Certificates stay verifiable by their code; the
 * public check shows the holder's initials from the person's record, which the people module has
 * anonymised.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { courseApplications, courseCertificates } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';

/** Answers the number of the person's course applications anonymised. */
export async function anonymiseCoursesOf(
  ctx: Ctx,
  organisationId: string,
  personIds: readonly string[],
): Promise<number> {
  if (personIds.length === 0) return 0;
  const rows = await ctx.db
    .update(courseApplications)
    .set({ dropoutNote: null, updatedAt: ctx.clock.now() })
    .where(
      and(eq(courseApplications.organisationId, organisationId), inArray(courseApplications.personId, [...personIds])),
    )
    .returning({ id: courseApplications.id });
  if (rows.length)
    await ctx.db
      .update(courseCertificates)
      .set({ revokedReason: null })
      .where(
        and(
          eq(courseCertificates.organisationId, organisationId),
          inArray(
            courseCertificates.applicationId,
            rows.map((r) => r.id),
          ),
        ),
      );
  for (const r of rows)
    await audit(ctx.db, ctx, {
      action: 'course.application-anonymised',
      subjectType: 'course-application',
      subjectId: r.id,
      fields: ['dropoutNote', 'revokedReason'],
      purpose: 'erasure',
    });
  return rows.length;
}
