import { and, eq, inArray } from 'drizzle-orm';
import type { ApplicationStatus } from '../../../common/courses.ts';
import { courseApplications } from '../../db/schema/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';

/** How far an application went: the one that went further is the one the kept record keeps. */
const RANK: Record<ApplicationStatus, number> = {
  withdrawn: 0,
  applied: 1,
  waiting: 2,
  enrolled: 3,
  'dropped-out': 4,
  'not-completed': 5,
  completed: 6,
};
/** Statuses that carry nothing but the request itself (no attendance, assessment or certificate). */
const REQUEST_ONLY: readonly ApplicationStatus[] = ['withdrawn', 'applied', 'waiting'];

export interface CourseMoveResult {
  moved: number;
  /** Applications to a course both records applied to that stayed on the merged record. */
  keptOnMerged: number;
}

/**
 * Part of people's merge of duplicates (docs/PEOPLE.md, "Merging duplicates"): the course applications
 * of the merged-away person move to the kept one, with their attendance, assessment and certificate
 * (they hang off the application). One application per course and person: when both records applied to
 * the same course, the kept record ends with the one that went further (completed > not completed >
 * dropped out > enrolled > waiting > applied > withdrawn). When that is the duplicate's and the kept
 * record's is a bare request (applied, waiting, withdrawn), the bare request is removed (audited
 * `course.application-superseded`) and the duplicate's moves; otherwise the duplicate's stays on the
 * merged record as history. Runs in the merge's transaction (`ctx.db`); audited per application.
 */
export async function moveCourseApplicationsToPerson(
  ctx: Ctx,
  organisationId: string,
  fromPersonId: string,
  toPersonId: string,
): Promise<CourseMoveResult> {
  const tx = ctx.db;
  const rows = await tx
    .select({
      id: courseApplications.id,
      courseId: courseApplications.courseId,
      personId: courseApplications.personId,
      status: courseApplications.status,
    })
    .from(courseApplications)
    .where(
      and(
        eq(courseApplications.organisationId, organisationId),
        inArray(courseApplications.personId, [fromPersonId, toPersonId]),
      ),
    );
  const keptByCourse = new Map(rows.filter((r) => r.personId === toPersonId).map((r) => [r.courseId, r]));
  const result: CourseMoveResult = { moved: 0, keptOnMerged: 0 };
  const now = ctx.clock.now();
  for (const dup of rows.filter((r) => r.personId === fromPersonId)) {
    const kept = keptByCourse.get(dup.courseId);
    if (kept) {
      const superseded = RANK[dup.status] > RANK[kept.status] && REQUEST_ONLY.includes(kept.status);
      if (!superseded) {
        result.keptOnMerged++;
        continue;
      }
      await tx
        .delete(courseApplications)
        .where(and(eq(courseApplications.id, kept.id), eq(courseApplications.organisationId, organisationId)));
      await audit(tx, ctx, {
        action: 'course.application-superseded',
        subjectType: 'course-application',
        subjectId: kept.id,
        fields: ['status'],
        purpose: `${kept.status} superseded by ${dup.status} (${dup.id}) on merging ${fromPersonId}`,
      });
    }
    await tx
      .update(courseApplications)
      .set({ personId: toPersonId, updatedAt: now })
      .where(and(eq(courseApplications.id, dup.id), eq(courseApplications.organisationId, organisationId)));
    await audit(tx, ctx, {
      action: 'course.application-moved',
      subjectType: 'course-application',
      subjectId: dup.id,
      fields: ['personId'],
      purpose: `merged ${fromPersonId} into ${toPersonId}`,
    });
    result.moved++;
  }
  return result;
}
