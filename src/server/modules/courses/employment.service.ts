import type { Ctx } from '../../lib/context.ts';
import { firstJobWithin } from '../../../common/programmes.ts';
import type { CourseEmployment } from '../../../common/contracts/courses.ts';
import { placementStartsOf, type PlacementStart } from '../placements/index.ts';
import { completersOf } from './courses.service.ts';

/**
 * Employment after a course (docs/COURSES.md): of those who completed, how many started a job (a
 * placement, whatever its source) within 3 and within 6 months of completing, and, for a
 * training-supported employment course, how many the committed employer hired within 6 months.
 */
export async function courseEmployment(ctx: Ctx, courseId: string): Promise<CourseEmployment> {
  const done = await completersOf(ctx, courseId);
  const starts = await placementStartsOf(
    ctx,
    done.completers.map((c) => c.personId),
  );
  const byPerson = new Map<string, PlacementStart[]>();
  for (const s of starts) byPerson.set(s.personId, [...(byPerson.get(s.personId) ?? []), s]);
  let in3 = 0;
  let in6 = 0;
  let verified = 0;
  let hires = 0;
  for (const c of done.completers) {
    const mine = byPerson.get(c.personId) ?? [];
    if (firstJobWithin(c.completedOn, mine, 3)) in3++;
    const six = mine.filter((s) => firstJobWithin(c.completedOn, [s], 6));
    if (six.length) in6++;
    if (six.some((s) => s.verification === 'verified')) verified++;
    if (done.employerId && firstJobWithin(c.completedOn, mine, 6, done.employerId)) hires++;
  }
  return {
    completers: done.completers.length,
    placedWithin3Months: in3,
    placedWithin6Months: in6,
    verifiedWithin6Months: verified,
    commitment:
      done.employerId && done.hireCommitmentPercent
        ? {
            employerId: done.employerId,
            hireCommitmentPercent: done.hireCommitmentPercent,
            committedHires: Math.ceil((done.completers.length * done.hireCommitmentPercent) / 100),
            hires,
          }
        : null,
  };
}
