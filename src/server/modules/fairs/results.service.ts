/**
 * What a project's results framework counts from its job fairs (PROGRAMMES.md, measures `fair-visitors`
 * and `fair-hires`): the visitors of the project's fairs (cancelled ones left out) dated by the fair's first
 * day, and the hires made from their applications (a referral hired, or a fair-only position hired) dated by
 * the day the hire was recorded. Ids, sex and dates only; the caller has checked access.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import { fairApplications, fairs, fairVisitors, referrals } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { turkishDate } from '../../../common/working-days.ts';

export interface ProjectFairRecords {
  /** A visit: `personId` for a registered person, null for a walk-in not linked (counted by `visitorId`). */
  visitors: { visitorId: string; personId: string | null; sex: 'female' | 'male' | 'unstated'; date: string }[];
  hires: { personId: string; sex: 'female' | 'male' | 'unstated'; date: string }[];
}

export async function projectFairRecords(ctx: Ctx, projectIds: string[]): Promise<Map<string, ProjectFairRecords>> {
  const organisationId = actorOf(ctx).organisationId;
  const out = new Map<string, ProjectFairRecords>(projectIds.map((id) => [id, { visitors: [], hires: [] }]));
  if (projectIds.length === 0) return out;
  const inProjects = and(
    eq(fairs.organisationId, organisationId),
    inArray(fairs.projectId, projectIds),
    ne(fairs.status, 'cancelled'),
  );
  const [visits, applications] = await Promise.all([
    ctx.db
      .select({
        projectId: fairs.projectId,
        startDate: fairs.startDate,
        visitorId: fairVisitors.id,
        personId: fairVisitors.personId,
        sex: fairVisitors.sex,
      })
      .from(fairVisitors)
      .innerJoin(fairs, eq(fairs.id, fairVisitors.fairId))
      .where(and(inProjects, eq(fairVisitors.organisationId, organisationId))),
    ctx.db
      .select({
        projectId: fairs.projectId,
        personId: fairApplications.personId,
        sex: fairVisitors.sex,
        status: fairApplications.status,
        updatedAt: fairApplications.updatedAt,
        referralStatus: referrals.status,
        referralUpdatedAt: referrals.updatedAt,
      })
      .from(fairApplications)
      .innerJoin(fairs, eq(fairs.id, fairApplications.fairId))
      .innerJoin(fairVisitors, eq(fairVisitors.id, fairApplications.visitorId))
      .leftJoin(
        referrals,
        and(eq(referrals.id, fairApplications.referralId), eq(referrals.organisationId, organisationId)),
      )
      .where(and(inProjects, eq(fairApplications.organisationId, organisationId))),
  ]);
  for (const v of visits)
    out.get(v.projectId!)?.visitors.push({
      visitorId: v.visitorId,
      personId: v.personId,
      sex: v.sex,
      date: v.startDate,
    });
  for (const a of applications) {
    const hiredAt = a.referralStatus
      ? a.referralStatus === 'hired'
        ? a.referralUpdatedAt
        : null
      : a.status === 'hired'
        ? a.updatedAt
        : null;
    if (hiredAt) out.get(a.projectId!)?.hires.push({ personId: a.personId, sex: a.sex, date: turkishDate(hiredAt) });
  }
  return out;
}
