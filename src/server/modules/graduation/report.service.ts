import { and, eq, gte, lte, or, type AnyColumn } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { graduations } from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { scopeOf } from '../../lib/access.ts';
import { problems } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import { writeTable } from '../../lib/tabular.ts';
import { audit } from '../../lib/audit.ts';
import { SPECIAL_GROUPS } from '../../../common/people.ts';
import type { GraduationCounts, GraduationReport, ReportQuery } from '../../../common/contracts/graduation.ts';
import type { ReportGrouping } from '../../../common/graduation.ts';

/**
 * The graduation report (docs/GRADUATION.md): per district, target group or month over a period, how
 * many households were recommended, approved, confirmed off aid and returned, and the monthly aid saved.
 * Each count uses its own event's date: recommended on, approved on, confirmed on, returned on.
 */

type Row = typeof graduations.$inferSelect;

/** The group a row counts in under each grouping (a person in several target groups counts in each). */
function keysOf(g: Row, groupBy: ReportGrouping, eventDate: string): string[] {
  if (groupBy === 'district') return [g.district ?? ''];
  if (groupBy === 'month') return [eventDate.slice(0, 7)];
  return g.targetGroups.length ? g.targetGroups : ['none'];
}

const zero = (): GraduationCounts => ({ recommended: 0, approved: 0, confirmed: 0, returned: 0, aidSaved: 0 });

/**
 * The counts over a period, for the report and for other modules (indicators): `organisationId` and,
 * optionally, one office. Aid saved is the monthly aid of graduations confirmed in the period that have
 * not returned to aid.
 */
export async function graduationCountsBy(
  db: Db,
  scope: { organisationId: string; officeId?: string | null },
  period: { from: string; to: string },
  groupBy: ReportGrouping | null,
  filter: (g: Row) => boolean = () => true,
): Promise<{ groups: Map<string, GraduationCounts>; totals: GraduationCounts; rows: Row[] }> {
  const within = (c: AnyColumn) => and(gte(c, period.from), lte(c, period.to));
  const rows = (
    await db
      .select()
      .from(graduations)
      .where(
        and(
          eq(graduations.organisationId, scope.organisationId),
          scope.officeId ? eq(graduations.officeId, scope.officeId) : undefined,
          or(
            within(graduations.recommendedOn),
            within(graduations.decidedOn),
            within(graduations.confirmedOn),
            within(graduations.returnedOn),
          ),
        ),
      )
  ).filter(filter);
  const groups = new Map<string, GraduationCounts>();
  const totals = zero();
  const inPeriod = (d: string | null): d is string => d !== null && d >= period.from && d <= period.to;
  const add = (g: Row, date: string, change: (c: GraduationCounts) => void) => {
    change(totals);
    if (!groupBy) return;
    for (const key of keysOf(g, groupBy, date)) {
      const c = groups.get(key) ?? zero();
      change(c);
      groups.set(key, c);
    }
  };
  for (const g of rows) {
    if (inPeriod(g.recommendedOn)) add(g, g.recommendedOn, (c) => c.recommended++);
    if (g.payer && inPeriod(g.decidedOn)) add(g, g.decidedOn, (c) => c.approved++);
    if (inPeriod(g.confirmedOn)) {
      const saved = g.status === 'confirmed' ? Number(g.monthlyAidSaved ?? 0) : 0;
      add(g, g.confirmedOn, (c) => {
        c.confirmed++;
        c.aidSaved = Math.round((c.aidSaved + saved) * 100) / 100;
      });
    }
    if (g.status === 'returned' && inPeriod(g.returnedOn)) add(g, g.returnedOn, (c) => c.returned++);
  }
  return { groups, totals, rows };
}

/** The public counts for other modules (the indicators module): a whole organisation over a period. */
export async function graduationFacts(
  db: Db,
  organisationId: string,
  period: { from: string; to: string },
): Promise<GraduationCounts> {
  return (await graduationCountsBy(db, { organisationId }, period, null)).totals;
}

const canSeeSpecial = (ctx: Ctx) => actorOf(ctx).permissions.has('special-category:read');

export async function graduationReport(ctx: Ctx, q: ReportQuery): Promise<GraduationReport> {
  const actor = actorOf(ctx);
  if (q.to < q.from) throw problems.invalid('/to', 'errors.graduation.periodOrder');
  const special = canSeeSpecial(ctx);
  if (q.targetGroup && !special && (SPECIAL_GROUPS as readonly string[]).includes(q.targetGroup))
    throw problems.invalid('/targetGroup', 'errors.graduation.groupRestricted');
  const scope = scopeOf(actor);
  const { groups, totals, rows } = await graduationCountsBy(
    ctx.db,
    scope,
    { from: q.from, to: q.to },
    q.groupBy,
    (g) => (!q.district || g.district === q.district) && (!q.targetGroup || g.targetGroups.includes(q.targetGroup)),
  );
  const hidden = (key: string) =>
    q.groupBy === 'target-group' && !special && (SPECIAL_GROUPS as readonly string[]).includes(key);
  const keys = [...groups.keys()].filter((k) => !hidden(k)).sort((a, b) => a.localeCompare(b, 'tr'));
  return {
    from: q.from,
    to: q.to,
    groupBy: q.groupBy,
    rows: keys.map((key) => ({ key, ...groups.get(key)! })),
    totals,
    districts: [...new Set(rows.map((r) => r.district).filter((d): d is string => !!d))].sort((a, b) =>
      a.localeCompare(b, 'tr'),
    ),
    targetGroups: [...new Set(rows.flatMap((r) => r.targetGroups))]
      .filter((g) => special || !(SPECIAL_GROUPS as readonly string[]).includes(g))
      .sort(),
  };
}

/** The label of a row's key in the reader's language. */
export function keyLabel(ctx: Ctx, groupBy: ReportGrouping, key: string): string {
  if (groupBy === 'target-group')
    return key === 'none' ? t(ctx.locale, 'graduation.report.noGroup') : t(ctx.locale, `groups.names.${key}`);
  if (groupBy === 'district') return key || t(ctx.locale, 'graduation.report.noDistrict');
  return key;
}

export async function graduationReportFile(ctx: Ctx, q: ReportQuery) {
  const report = await graduationReport(ctx, q);
  const h = (k: string) => t(ctx.locale, `graduation.report.columns.${k}`);
  const file = await writeTable('xlsx', {
    baseName: `graduation-${q.groupBy}-${q.from}-${q.to}`,
    locale: ctx.locale,
    sheets: [
      {
        name: t(ctx.locale, `graduation.report.groupBy.${q.groupBy}`).slice(0, 31),
        columns: [
          { header: h('key'), width: 28 },
          { header: h('recommended') },
          { header: h('approved') },
          { header: h('confirmed') },
          { header: h('returned') },
          { header: h('aidSaved'), width: 18 },
        ],
        rows: [
          ...report.rows.map((r) => [
            keyLabel(ctx, q.groupBy, r.key),
            r.recommended,
            r.approved,
            r.confirmed,
            r.returned,
            r.aidSaved,
          ]),
          [
            h('total'),
            report.totals.recommended,
            report.totals.approved,
            report.totals.confirmed,
            report.totals.returned,
            report.totals.aidSaved,
          ],
        ],
      },
    ],
  });
  await audit(ctx.db, ctx, {
    action: 'data.exported',
    subjectType: 'export',
    subjectId: null,
    purpose: `graduation-report:${q.groupBy}`,
  });
  return file;
}
