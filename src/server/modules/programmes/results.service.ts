import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  indicatorTargets,
  indicatorValues,
  projectActivities,
  projectIndicators,
  projects,
} from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { suppress } from '../../../common/disclosure.ts';
import { TARGET_GROUPS } from '../../../common/enums.ts';
import { SPECIAL_GROUPS } from '../../../common/people.ts';
import {
  AGE_BANDS,
  ageBandOn,
  firstJobWithin,
  inPeriod,
  NOT_REGISTERED_GROUP,
  PERSON_MEASURES,
  progressPercent,
  type AgeBand,
  type IndicatorMeasure,
  type Period,
} from '../../../common/programmes.ts';
import type { IndicatorResult, Results } from '../../../common/contracts/programmes.ts';
import { projectCourseRecords, type ProjectCourseRecords } from '../courses/index.ts';
import { placementStartsOf, type PlacementStart } from '../placements/index.ts';
import { projectFairRecords, type ProjectFairRecords } from '../fairs/index.ts';
import { seesExactFigures, thresholdOf } from '../indicators/index.ts';
import { targetGroupCodesOf } from '../people/index.ts';
import { loadProject, userNames } from './programmes.service.ts';

/** One dated record an indicator counts: a person's event (counted once per person) or an amount. */
interface Occurrence {
  date: string;
  /** The person counted once; a fair walk-in not linked to a person is `walk-in:<visitor id>`. */
  personId?: string;
  /** False for a fair walk-in not linked to a registered person. */
  registered?: boolean;
  sex?: 'female' | 'male';
  birthDate?: string;
  amount: number;
}

/**
 * The dated records behind each computed measure, from the project's courses (courses' index), the
 * placements of their completers (placements' index) and the project's activities.
 */
function occurrencesOf(
  records: ProjectCourseRecords,
  starts: PlacementStart[],
  activities: { startDate: string; reach: number }[],
  fairRecords: ProjectFairRecords,
): Record<Exclude<IndicatorMeasure, 'manual'>, Occurrence[]> {
  const person = (p: ProjectCourseRecords['participants'][number], date: string): Occurrence => ({
    date,
    personId: p.personId,
    sex: p.sex,
    birthDate: p.birthDate,
    amount: 1,
  });
  const jobsOf = new Map<string, PlacementStart[]>();
  for (const s of starts) jobsOf.set(s.personId, [...(jobsOf.get(s.personId) ?? []), s]);
  const placed = (months: number) =>
    records.participants.flatMap((p) => {
      if (!p.completedOn) return [];
      const job = firstJobWithin(p.completedOn, jobsOf.get(p.personId) ?? [], months);
      return job ? [person(p, job.startDate)] : [];
    });
  return {
    enrolled: records.participants.map((p) => person(p, p.courseStart)),
    completed: records.participants.flatMap((p) => (p.completedOn ? [person(p, p.completedOn)] : [])),
    certified: records.certificates.map((c) => ({ date: c.issuedOn, amount: 1 })),
    'placed-3m': placed(3),
    'placed-6m': placed(6),
    'activity-reach': activities.map((a) => ({ date: a.startDate, amount: a.reach })),
    'fair-visitors': fairRecords.visitors.map((v) => ({
      date: v.date,
      personId: v.personId ?? `walk-in:${v.visitorId}`,
      registered: v.personId !== null,
      ...(v.sex === 'unstated' ? {} : { sex: v.sex }),
      amount: 1,
    })),
    'fair-hires': fairRecords.hires.map((h) => ({
      date: h.date,
      personId: h.personId,
      ...(h.sex === 'unstated' ? {} : { sex: h.sex }),
      amount: 1,
    })),
  };
}

/** The actual of a set of occurrences within the periods: persons counted once (their first occurrence), amounts summed. */
function actualIn(occurrences: Occurrence[], periods: Period[]): { actual: number; counted: Occurrence[] } {
  const inside = occurrences.filter((o) => periods.some((p) => inPeriod(o.date, p)));
  const firstOf = new Map<string, Occurrence>();
  const counted: Occurrence[] = [];
  for (const o of [...inside].sort((a, b) => a.date.localeCompare(b.date))) {
    if (o.personId === undefined) counted.push(o);
    else if (!firstOf.has(o.personId)) {
      firstOf.set(o.personId, o);
      counted.push(o);
    }
  }
  return { actual: counted.reduce((n, o) => n + o.amount, 0), counted };
}

/** How the target-group cells are shown to this reader: which groups, and the threshold (null: exact). */
interface GroupView {
  groups: string[];
  threshold: number | null;
  groupsOf: Map<string, string[]>;
}

/**
 * The actual by target group: a registered person in each of their groups (or `none`), a walk-in not linked
 * in `not-registered`. Groups overlap, so no cell is the sum of others: primary suppression of small cells
 * is enough (the indicators' `suppress` with the organisation's threshold).
 */
function groupCells(counted: Occurrence[], view: GroupView): NonNullable<IndicatorResult['split']>['targetGroups'] {
  const values = new Map<string, number>();
  const add = (g: string) => values.set(g, (values.get(g) ?? 0) + 1);
  for (const o of counted) {
    if (o.personId === undefined) continue;
    if (o.registered === false) {
      add(NOT_REGISTERED_GROUP);
      continue;
    }
    const mine = view.groupsOf.get(o.personId) ?? [];
    if (mine.length === 0) add('none');
    for (const g of mine) if (view.groups.includes(g)) add(g);
  }
  const hidden = view.threshold === null ? new Set<string>() : suppress(values, [], view.threshold).suppressed;
  return view.groups.map((group) =>
    hidden.has(group)
      ? { group, value: null, suppressed: true }
      : { group, value: values.get(group) ?? 0, suppressed: false },
  );
}

function splitOf(counted: Occurrence[], view: GroupView): NonNullable<IndicatorResult['split']> {
  const ageBands = Object.fromEntries(AGE_BANDS.map((b) => [b, 0])) as Record<AgeBand, number>;
  let female = 0;
  let male = 0;
  for (const o of counted) {
    if (o.sex === 'female') female++;
    if (o.sex === 'male') male++;
    if (o.birthDate) ageBands[ageBandOn(o.birthDate, o.date)]++;
  }
  return { female, male, ageBands, targetGroups: groupCells(counted, view) };
}

/**
 * Targets against actuals for projects of the caller's organisation, computed now from the linked
 * records. The caller has checked access (programmes:read, or the indicators module's own permission).
 */
export async function resultsOf(
  ctx: Ctx,
  projectIds: string[],
  options: { suppressed?: boolean } = {},
): Promise<Map<string, Results>> {
  const organisationId = actorOf(ctx).organisationId;
  const out = new Map<string, Results>();
  if (projectIds.length === 0) return out;
  const computedAt = ctx.clock.now().toISOString();
  const indicators = await ctx.db
    .select()
    .from(projectIndicators)
    .where(and(inArray(projectIndicators.projectId, projectIds), eq(projectIndicators.organisationId, organisationId)));
  const ids = indicators.map((i) => i.id);
  const [targets, values, activities, records] = await Promise.all([
    ids.length
      ? ctx.db
          .select()
          .from(indicatorTargets)
          .where(and(inArray(indicatorTargets.indicatorId, ids), eq(indicatorTargets.organisationId, organisationId)))
          .orderBy(asc(indicatorTargets.periodStart), asc(indicatorTargets.id))
      : [],
    ids.length
      ? ctx.db
          .select()
          .from(indicatorValues)
          .where(and(inArray(indicatorValues.indicatorId, ids), eq(indicatorValues.organisationId, organisationId)))
          .orderBy(asc(indicatorValues.valueDate), asc(indicatorValues.enteredAt))
      : [],
    ctx.db
      .select({
        projectId: projectActivities.projectId,
        startDate: projectActivities.startDate,
        reach: projectActivities.reach,
      })
      .from(projectActivities)
      .where(
        and(inArray(projectActivities.projectId, projectIds), eq(projectActivities.organisationId, organisationId)),
      ),
    projectCourseRecords(ctx, projectIds),
  ]);
  const fairRecords = await projectFairRecords(ctx, projectIds);
  const completers = [...records.values()].flatMap((r) =>
    r.participants.filter((p) => p.completedOn).map((p) => p.personId),
  );
  const starts = await placementStartsOf(ctx, [...new Set(completers)]);
  const registered = [
    ...[...records.values()].flatMap((r) => r.participants.map((p) => p.personId)),
    ...[...fairRecords.values()].flatMap((r) => [
      ...r.visitors.flatMap((v) => (v.personId ? [v.personId] : [])),
      ...r.hires.map((h) => h.personId),
    ]),
  ];
  const special = actorOf(ctx).permissions.has('special-category:read');
  const view: GroupView = {
    groups: [
      ...TARGET_GROUPS.filter((g) => special || !(SPECIAL_GROUPS as readonly string[]).includes(g)),
      'none',
      NOT_REGISTERED_GROUP,
    ],
    threshold: !options.suppressed && seesExactFigures(ctx) ? null : await thresholdOf(ctx),
    groupsOf: await targetGroupCodesOf(ctx.db, organisationId, [...new Set(registered)]),
  };
  const names = await userNames(ctx.db, organisationId, [
    ...new Set(values.flatMap((v) => [v.enteredBy, ...(v.decidedBy ? [v.decidedBy] : [])])),
  ]);
  for (const projectId of projectIds) {
    const occurrences = occurrencesOf(
      records.get(projectId)!,
      starts,
      activities.filter((a) => a.projectId === projectId),
      fairRecords.get(projectId)!,
    );
    const items: IndicatorResult[] = indicators
      .filter((i) => i.projectId === projectId)
      .sort((a, b) => a.code.localeCompare(b.code, 'tr', { numeric: true }))
      .map((i) => {
        const mine = values.filter((v) => v.indicatorId === i.id);
        const source: Occurrence[] =
          i.measure === 'manual'
            ? mine.filter((v) => v.status === 'approved').map((v) => ({ date: v.valueDate, amount: v.value }))
            : occurrences[i.measure];
        const periods = targets
          .filter((t) => t.indicatorId === i.id)
          .map((t) => {
            const period = { start: t.periodStart, end: t.periodEnd };
            const { actual } = actualIn(source, [period]);
            return {
              id: t.id,
              periodStart: t.periodStart,
              periodEnd: t.periodEnd,
              target: t.target,
              actual,
              progress: progressPercent(t.target, actual),
            };
          });
        const all = actualIn(
          source,
          periods.map((p) => ({ start: p.periodStart, end: p.periodEnd })),
        );
        const target = periods.reduce((n, p) => n + p.target, 0);
        return {
          id: i.id,
          code: i.code,
          level: i.level,
          title: { tr: i.titleTr, en: i.titleEn, ar: i.titleAr },
          measure: i.measure,
          unit: i.unit,
          baseline: i.baseline,
          periods,
          target,
          actual: all.actual,
          progress: progressPercent(target, all.actual),
          split: PERSON_MEASURES.includes(i.measure) ? splitOf(all.counted, view) : null,
          values: mine.map((v) => ({
            id: v.id,
            valueDate: v.valueDate,
            value: v.value,
            evidence: v.evidence,
            status: v.status,
            enteredBy: names.get(v.enteredBy) ?? '',
            enteredAt: v.enteredAt.toISOString(),
            decidedBy: v.decidedBy ? (names.get(v.decidedBy) ?? '') : null,
            decidedAt: v.decidedAt?.toISOString() ?? null,
            decisionNote: v.decisionNote,
          })),
        };
      });
    out.set(projectId, { projectId, computedAt, indicators: items });
  }
  return out;
}

/** One project's results framework (404 outside the caller's organisation). */
export async function getResults(
  ctx: Ctx,
  projectId: string,
  options: { suppressed?: boolean } = {},
): Promise<Results> {
  await loadProject(ctx.db, ctx, projectId);
  return (await resultsOf(ctx, [projectId], options)).get(projectId)!;
}

/**
 * Every project's targets against actuals in the caller's organisation (for the indicators module's
 * reports): the project's name, dates and status with its results framework.
 */
export async function projectTargetsVsActuals(ctx: Ctx, options: { status?: 'planned' | 'active' | 'closed' } = {}) {
  const organisationId = actorOf(ctx).organisationId;
  const rows = await ctx.db
    .select({
      id: projects.id,
      code: projects.code,
      nameTr: projects.nameTr,
      nameEn: projects.nameEn,
      nameAr: projects.nameAr,
      startDate: projects.startDate,
      endDate: projects.endDate,
      status: projects.status,
    })
    .from(projects)
    .where(
      and(
        eq(projects.organisationId, organisationId),
        ...(options.status ? [eq(projects.status, options.status)] : []),
      ),
    )
    .orderBy(asc(projects.startDate), asc(projects.id));
  const results = await resultsOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: { tr: r.nameTr, en: r.nameEn, ar: r.nameAr },
    startDate: r.startDate,
    endDate: r.endDate,
    status: r.status,
    indicators: results.get(r.id)!.indicators,
  }));
}
