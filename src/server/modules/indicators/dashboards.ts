/**
 * The project and counsellor dashboards (issue 16, docs/INDICATORS.md "Project dashboard", "Counsellor
 * dashboard").
 *
 * Projects: each project's targets against actuals (programmes `projectTargetsVsActuals`, the results
 * framework as its own screen computes it), with the reach of its courses and the placements of their
 * completers (courses `projectCourseRecords`, placements `placementStartsOf`). Counts of persons are
 * released through the disclosure rule (src/common/disclosure.ts) for callers who do not read rows
 * (analysts): per project, the person-counting indicators' periods add up to their total (a person is
 * counted once), so a lone hidden period is hidden with a partner. Manual values and activity reach are
 * figures entered by the project (approved values, numbers of people reached), not counts of records,
 * and are shown as entered.
 *
 * Counsellor: the caller's own caseload (cases assigned to them that were open in the range, people
 * `caseloadStatistics`): referrals sent, hires, verified registered work, retention follow-ups and the
 * employers' response times of those persons. The counsellor reads these persons' rows anyway, so the
 * figures are exact.
 */
import { cellKey, suppress, type Relation } from '../../../common/disclosure.ts';
import { monthsBetween } from '../../../common/indicators.ts';
import { firstJobWithin, progressPercent } from '../../../common/programmes.ts';
import { turkishDate } from '../../../common/working-days.ts';
import type {
  CaseloadDashboard,
  CaseloadQuery,
  ProjectDashboard,
  TableCell,
} from '../../../common/contracts/indicators.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { projectCourseRecords } from '../courses/index.ts';
import { caseloadStatistics } from '../people/index.ts';
import { followUpStatistics, placementStartsOf, placementStatistics } from '../placements/index.ts';
import { projectTargetsVsActuals } from '../programmes/index.ts';
import { referralResponseStatistics, referralStatistics } from '../referrals/index.ts';
import { AFTER_COURSE_MONTHS } from './sources.ts';
import { rangeOf, seesExactFigures, thresholdOf } from './indicators.service.ts';

/** Project measures whose actual counts persons (or their certificates): suppressed for analysts. */
const PERSON_COUNTS = new Set(['enrolled', 'completed', 'certified', 'placed-3m', 'placed-6m']);

const rate = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);

export async function projectDashboard(
  ctx: Ctx,
  query: { status?: 'planned' | 'active' | 'closed' },
): Promise<ProjectDashboard> {
  const threshold = seesExactFigures(ctx) ? null : await thresholdOf(ctx);
  const projects = await projectTargetsVsActuals(ctx, query.status ? { status: query.status } : {});
  const records = await projectCourseRecords(
    ctx,
    projects.map((p) => p.id),
  );
  const completers = [...records.values()].flatMap((r) =>
    r.participants.filter((p) => p.completedOn).map((p) => p.personId),
  );
  const starts = await placementStartsOf(ctx, [...new Set(completers)]);
  const startsOf = new Map<string, typeof starts>();
  for (const s of starts) startsOf.set(s.personId, [...(startsOf.get(s.personId) ?? []), s]);

  return {
    threshold,
    projects: projects.map((p) => {
      const rec = records.get(p.id) ?? { participants: [] };
      const reach = new Set(rec.participants.map((x) => x.personId));
      const completedBy = new Map<string, string>();
      for (const x of rec.participants) {
        if (!x.completedOn) continue;
        const seen = completedBy.get(x.personId);
        if (!seen || x.completedOn < seen) completedBy.set(x.personId, x.completedOn);
      }
      const placed = [...completedBy].filter(
        ([personId, on]) => firstJobWithin(on, startsOf.get(personId) ?? [], AFTER_COURSE_MONTHS) !== null,
      ).length;

      // One family per project: its person counts and, per person-counting indicator, total = Σ periods.
      const values = new Map<string, number>([
        ['reach', reach.size],
        ['completed', completedBy.size],
        ['placed', placed],
      ]);
      const relations: Relation[] = [];
      for (const i of p.indicators) {
        if (!PERSON_COUNTS.has(i.measure)) continue;
        values.set(cellKey({ i: i.id }), i.actual);
        i.periods.forEach((q, n) => values.set(cellKey({ i: i.id, period: String(n) }), q.actual));
        if (i.periods.length > 1) {
          relations.push({
            parent: cellKey({ i: i.id }),
            children: i.periods.map((_, n) => cellKey({ i: i.id, period: String(n) })),
          });
        }
      }
      const hidden = threshold === null ? new Set<string>() : suppress(values, relations, threshold).suppressed;
      const cell = (key: string, n: number): TableCell =>
        hidden.has(key) ? { value: null, flag: 'suppressed' } : { value: n, flag: null };
      const reachCell = cell('reach', reach.size);
      const completedCell = cell('completed', completedBy.size);
      const placedCell = cell('placed', placed);
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        startDate: p.startDate,
        endDate: p.endDate,
        status: p.status,
        reach: reachCell,
        completed: completedCell,
        placed: placedCell,
        placementRate:
          completedCell.value === null || placedCell.value === null ? null : rate(placed, completedBy.size),
        indicators: p.indicators.map((i) => {
          const persons = PERSON_COUNTS.has(i.measure);
          const actual = persons ? cell(cellKey({ i: i.id }), i.actual) : { value: i.actual, flag: null };
          return {
            code: i.code,
            title: i.title,
            measure: i.measure,
            unit: i.unit,
            persons,
            target: i.target,
            actual,
            progress: actual.value === null ? null : progressPercent(i.target, actual.value),
            periods: i.periods.map((q, n) => {
              const a = persons
                ? cell(cellKey({ i: i.id, period: String(n) }), q.actual)
                : { value: q.actual, flag: null };
              return {
                periodStart: q.periodStart,
                periodEnd: q.periodEnd,
                target: q.target,
                actual: a,
                progress: a.value === null ? null : progressPercent(q.target, a.value),
              };
            }),
          };
        }),
      };
    }),
  };
}

function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : Math.round(((s[mid - 1]! + s[mid]!) / 2) * 10) / 10;
}

export async function caseloadDashboard(ctx: Ctx, query: CaseloadQuery): Promise<CaseloadDashboard> {
  const actor = actorOf(ctx);
  const org = actor.organisationId;
  const range = rangeOf(query.from, query.to);
  const cases = await caseloadStatistics(ctx.db, org, actor.userId, range.from, range.to);
  const mine = new Set(cases.map((c) => c.personId));
  const today = turkishDate(ctx.clock.now());
  const on = range.to < today ? range.to : today;
  const openCases = cases.filter((c) => c.openedOn <= on && (c.closedOn === null || c.closedOn > on)).length;
  const ofMine = <T extends { personId: string }>(rows: readonly T[]) => rows.filter((r) => mine.has(r.personId));
  const [referrals, hires, followUps, answers] =
    mine.size === 0
      ? [[], [], [], []]
      : await Promise.all([
          referralStatistics(ctx.db, org, range.from, range.to).then(ofMine),
          placementStatistics(ctx.db, org, range.from, range.to).then(ofMine),
          followUpStatistics(ctx.db, org, range.from, range.to).then(ofMine),
          referralResponseStatistics(ctx.db, org, range.from, range.to).then(ofMine),
        ]);
  const retention = (milestone: '3m' | '6m' | '12m') => {
    const recorded = followUps.filter((f) => f.milestone === milestone);
    const working = recorded.filter((f) => f.working).length;
    return { recorded: recorded.length, working, rate: rate(working, recorded.length) };
  };
  const verified = hires.filter((h) => h.verified).length;
  return {
    from: query.from,
    to: query.to,
    persons: mine.size,
    openCases,
    referrals: referrals.length,
    hires: hires.length,
    verified,
    registeredShare: rate(verified, hires.length),
    retention: { '3m': retention('3m'), '6m': retention('6m'), '12m': retention('12m') },
    answered: answers.length,
    medianResponseDays: medianOf(answers.map((a) => a.workingDays)),
    months: monthsBetween(query.from, query.to).map((month) => ({
      month,
      referrals: referrals.filter((r) => r.on.startsWith(month)).length,
      hires: hires.filter((h) => h.on.startsWith(month)).length,
      verified: hires.filter((h) => h.verified && h.on.startsWith(month)).length,
    })),
  };
}
