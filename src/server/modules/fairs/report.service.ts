/**
 * The fair report (docs/FAIRS.md, "Report"): visitors by target group and sex with the indicators
 * module's disclosure control (exact figures on screen only for a reader who may read the rows anyway,
 * `persons:read`; every export suppressed), walk-ins and pre-registrations, applications, referrals,
 * interviews and hires, in total and per employer. Special-category groups (refugee, Roma, disability)
 * only for holders of `special-category:read`.
 */
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { t } from '../../lib/i18n.ts';
import { writeTable, type FileOut, type OutCell } from '../../lib/tabular.ts';
import { cellKey, suppress, type Relation } from '../../../common/disclosure.ts';
import { TARGET_GROUPS } from '../../../common/enums.ts';
import { SPECIAL_GROUPS } from '../../../common/people.ts';
import { INTERVIEWED_REFERRAL_STATUSES, UNREGISTERED_GROUP, VISITOR_SEXES } from '../../../common/fairs.ts';
import type { FairReport } from '../../../common/contracts/fairs.ts';
import { seesExactFigures, thresholdOf } from '../indicators/index.ts';
import { targetGroupCodesOf } from '../people/index.ts';
import { linkedPersonIds, reportRows } from './fairs.service.ts';

type Cell = FairReport['visitors']['total'];
const SEX_COLUMNS = ['total', ...VISITOR_SEXES] as const;

export async function fairReport(ctx: Ctx, id: string, forExport = false): Promise<FairReport> {
  const actor = actorOf(ctx);
  const { fair, visitors, applications, stands, employerNames } = await reportRows(ctx, id);
  const threshold = !forExport && seesExactFigures(ctx) ? null : await thresholdOf(ctx);
  const groupsOf = await targetGroupCodesOf(ctx.db, fair.organisationId, linkedPersonIds(visitors));
  const special = actor.permissions.has('special-category:read');
  const shownGroups: string[] = [
    ...TARGET_GROUPS.filter((g) => special || !(SPECIAL_GROUPS as readonly string[]).includes(g)),
    'none',
    UNREGISTERED_GROUP,
  ];

  // One family of cells: the sex totals (additive to the grand total) and, per group, its sexes.
  const values = new Map<string, number>();
  const add = (key: string) => values.set(key, (values.get(key) ?? 0) + 1);
  for (const v of visitors) {
    add(cellKey({}));
    add(cellKey({ sex: v.sex }));
    const groups = v.personId
      ? (groupsOf.get(v.personId) ?? []).filter((g) => shownGroups.includes(g))
      : [UNREGISTERED_GROUP];
    const rowGroups = v.personId && (groupsOf.get(v.personId) ?? []).length === 0 ? ['none'] : groups;
    for (const g of rowGroups) {
      add(cellKey({ group: g }));
      add(cellKey({ group: g, sex: v.sex }));
    }
  }
  const relations: Relation[] = [
    { parent: cellKey({}), children: VISITOR_SEXES.map((s) => cellKey({ sex: s })) },
    ...shownGroups.map((g) => ({
      parent: cellKey({ group: g }),
      children: VISITOR_SEXES.map((s) => cellKey({ group: g, sex: s })),
    })),
  ];
  const hidden = threshold === null ? new Set<string>() : suppress(values, relations, threshold).suppressed;
  const cell = (key: string): Cell =>
    hidden.has(key) ? { value: null, suppressed: true } : { value: values.get(key) ?? 0, suppressed: false };
  const row = (coordinate: Record<string, string>) =>
    Object.fromEntries(
      SEX_COLUMNS.map((s) => [s, cell(cellKey(s === 'total' ? coordinate : { ...coordinate, sex: s }))]),
    ) as Record<(typeof SEX_COLUMNS)[number], Cell>;

  const interviewed = (a: (typeof applications)[number]) =>
    a.referralId
      ? (INTERVIEWED_REFERRAL_STATUSES as readonly string[]).includes(a.referralStatus ?? '') || a.interviewAt !== null
      : a.status === 'interview' || a.status === 'hired';
  const hired = (a: (typeof applications)[number]) =>
    a.referralId ? a.referralStatus === 'hired' : a.status === 'hired';

  return {
    threshold,
    visitors: row({}),
    groups: shownGroups.map((g) => ({ group: g, ...row({ group: g }) })),
    walkIns: visitors.filter((v) => v.channel === 'walk-in').length,
    preRegistered: visitors.filter((v) => v.channel === 'pre-registered').length,
    applications: applications.length,
    referrals: applications.filter((a) => a.referralId).length,
    interviews: applications.filter(interviewed).length,
    hires: applications.filter(hired).length,
    employers: stands.map((s) => {
      const mine = applications.filter((a) => a.fairEmployerId === s.id);
      return {
        name: employerNames.get(s.id) ?? '',
        positions: Number(s.positions),
        openings: Number(s.openings),
        applications: mine.length,
        interviews: mine.filter(interviewed).length,
        hires: mine.filter(hired).length,
      };
    }),
  };
}

/** The report as CSV: visitors by group and sex (suppressed cells as "–"), then the counts. */
export async function exportFairReport(ctx: Ctx, id: string): Promise<FileOut> {
  const report = await fairReport(ctx, id, true);
  const locale = ctx.locale;
  const shown = (c: Cell): OutCell => (c.suppressed ? '–' : c.value);
  const groupLabel = (g: string) =>
    t(locale, g === 'none' || g === UNREGISTERED_GROUP ? `fairs.report.groups.${g}` : `groups.names.${g}`);
  const rows: OutCell[][] = [
    [t(locale, 'fairs.report.allVisitors'), ...SEX_COLUMNS.map((s) => shown(report.visitors[s]))],
    ...report.groups.map((g) => [groupLabel(g.group), ...SEX_COLUMNS.map((s) => shown(g[s]))]),
    [],
    [t(locale, 'fairs.report.walkIns'), report.walkIns],
    [t(locale, 'fairs.report.preRegistered'), report.preRegistered],
    [t(locale, 'fairs.report.applications'), report.applications],
    [t(locale, 'fairs.report.referrals'), report.referrals],
    [t(locale, 'fairs.report.interviews'), report.interviews],
    [t(locale, 'fairs.report.hires'), report.hires],
  ];
  const file = await writeTable('csv', {
    baseName: `fair-${id.slice(0, 8)}-report`,
    locale,
    sheets: [
      {
        name: t(locale, 'fairs.report.title'),
        columns: [
          { header: t(locale, 'fairs.report.group'), width: 30 },
          ...SEX_COLUMNS.map((s) => ({ header: t(locale, `fairs.report.sex.${s}`) })),
        ],
        rows,
      },
    ],
  });
  await inTransaction(ctx, (tx) =>
    audit(tx.db, tx, { action: 'fair.report-exported', subjectType: 'fair', subjectId: id, purpose: 'csv' }),
  );
  return file;
}
