/**
 * Courses of a project restricted to a special group (Roma, disability, refugee): the one rule for their
 * person rows (docs/COURSES.md, "Courses of a restricted project"). Every person row of such a course
 * (applicants, participants, attendance, certificates, a person's courses) reveals that person's group,
 * so it is shown only to holders of `special-category:read`, each read audited; and the course's
 * trainers, who need the names to take attendance, must hold that right themselves.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { courses, courseTrainers, users } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { problems } from '../../lib/errors.ts';
import type { TargetGroup } from '../../../common/enums.ts';
import { SPECIAL_GROUPS } from '../../../common/people.ts';
import { permissionHolders } from '../identity/index.ts';
import { projectRestriction } from '../programmes/index.ts';

export const isSpecialGroup = (g: string): boolean => (SPECIAL_GROUPS as readonly string[]).includes(g);

/** The special group a project is restricted to, else null (also for an unknown project). */
export async function projectSpecialGroup(db: Db, ctx: Ctx, projectId: string | null): Promise<TargetGroup | null> {
  if (!projectId) return null;
  const group = await projectRestriction({ ...ctx, db }, projectId);
  return group && isSpecialGroup(group) ? group : null;
}

/** What a read of a restricted course's person rows is for (the audit event's purpose names it). */
export type CoursePersonsUse = 'applications' | 'attendance' | 'certificate' | 'person-courses';

/**
 * THE rule: may the caller see the persons of this course? Yes for a course of no special-group
 * project; for one of a special-group project only with `special-category:read`, and then the read is
 * audited (`person.special-category-listed`, subject the course, purpose `course-<use>:<group>`; the
 * access review counts it). Without the right: `false`, or 403 `errors.courses.restrictedCourseNeedsSpecial`
 * with `refuse` (a sheet or a PDF that is nothing without its names). `audited: false` for a caller that
 * writes its own event (a person's courses: one `person.special-category-read` on the person).
 */
export async function seesCoursePersons(
  ctx: Ctx,
  course: { id: string; projectId: string | null },
  use: CoursePersonsUse,
  options: { refuse?: boolean; audited?: boolean } = {},
): Promise<boolean> {
  const group = await projectSpecialGroup(ctx.db, ctx, course.projectId);
  if (!group) return true;
  if (!actorOf(ctx).permissions.has('special-category:read')) {
    if (options.refuse) throw problems.forbidden('errors.courses.restrictedCourseNeedsSpecial');
    return false;
  }
  if (options.audited !== false)
    await audit(ctx.db, ctx, {
      action: 'person.special-category-listed',
      subjectType: 'course',
      subjectId: course.id,
      purpose: `course-${use}:${group}`,
    });
  return true;
}

/** Of these staff, those who do not hold `special-category:read` (in the organisation's roles), with their names. */
export async function withoutSpecialRead(
  db: Db,
  organisationId: string,
  userIds: readonly string[],
): Promise<{ id: string; fullName: string }[]> {
  if (userIds.length === 0) return [];
  const holders = new Set((await permissionHolders(db, organisationId, ['special-category:read'])).map((h) => h.id));
  const rows = await db
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(and(eq(users.organisationId, organisationId), inArray(users.id, [...userIds])));
  return rows.filter((u) => !holders.has(u.id));
}

/**
 * For the programmes module, before a project becomes restricted to a special group: the trainers of its
 * courses who lack `special-category:read` (they could not take attendance, and must not be given the
 * names by the assignment alone).
 */
export async function projectTrainersWithoutSpecialRead(
  ctx: Ctx,
  projectId: string,
): Promise<{ id: string; fullName: string }[]> {
  const organisationId = actorOf(ctx).organisationId;
  const rows = await ctx.db
    .selectDistinct({ userId: courseTrainers.userId })
    .from(courseTrainers)
    .innerJoin(courses, eq(courses.id, courseTrainers.courseId))
    .where(
      and(
        eq(courses.projectId, projectId),
        eq(courses.organisationId, organisationId),
        eq(courseTrainers.organisationId, organisationId),
      ),
    );
  return withoutSpecialRead(
    ctx.db,
    organisationId,
    rows.map((r) => r.userId),
  );
}
