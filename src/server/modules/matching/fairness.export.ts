import { actorOf, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { t } from '../../lib/i18n.ts';
import { writeTable, type FileOut, type OutCell, type SheetOut } from '../../lib/tabular.ts';
import type { FairnessExportQuery, FairnessReport } from '../../../common/contracts/matching.ts';
import type { FairnessDimension } from '../../../common/matching-priority.ts';
import { listOffices } from '../identity/index.ts';
import { iscoTitles } from '../taxonomy/index.ts';
import { fairnessReport } from './fairness.service.ts';

/** What a count below the threshold reads in a file (as in the indicators' exports): never 0. */
export const NOT_SHOWN = 'x';

/** A share or ratio as a number with three decimals (0.25 = 25 %), empty when it is not shown. */
const fraction = (n: number | null): OutCell => (n === null ? null : n);

/**
 * The fairness monitor as a file for a manager to take to a board or a partner: exactly the tables of
 * `fairnessReport` for the same filters (the same suppression: a count below the threshold reads "x", and
 * the shares and ratios that would reveal it are left empty), one long sheet so that the CSV holds it all,
 * and in XLSX a second sheet with the filters and the rule. Audited as an export.
 */
export async function fairnessExport(ctx: Ctx, query: FairnessExportQuery): Promise<FileOut> {
  const { format, ...filters } = query;
  const report = await fairnessReport(ctx, filters);
  const l = ctx.locale;
  const label = (dimension: FairnessDimension, cell: string) => {
    if (cell === 'total') return t(l, 'fairness.total');
    if (dimension === 'sex') return t(l, `fairness.sexes.${cell}`);
    if (dimension === 'group') return cell === 'none' ? t(l, 'fairness.noGroup') : t(l, `groups.names.${cell}`);
    return cell;
  };
  const count = (n: number | null): OutCell => (n === null ? NOT_SHOWN : n);
  const rows: OutCell[][] = report.tables.flatMap((table) =>
    table.rows.map((row) => [
      t(l, `fairness.measures.${table.measure}`),
      t(l, `fairness.dimensions.${table.dimension}`),
      label(table.dimension, row.cell),
      count(row.pool),
      fraction(row.poolShare),
      count(row.count),
      fraction(row.share),
      fraction(row.ratio),
      row.flagged ? t(l, 'fairness.export.flagged', { ratio: report.flagRatio }) : '',
    ]),
  );
  const tables: SheetOut = {
    name: t(l, 'fairness.export.sheet'),
    columns: [
      { header: t(l, 'fairness.export.measure'), width: 16 },
      { header: t(l, 'fairness.export.dimension'), width: 14 },
      { header: t(l, 'fairness.cell'), width: 28 },
      { header: t(l, 'fairness.pool') },
      { header: t(l, 'fairness.export.poolShare') },
      { header: t(l, 'fairness.count') },
      { header: t(l, 'fairness.share') },
      { header: t(l, 'fairness.ratio') },
      { header: t(l, 'fairness.export.flag'), width: 20 },
    ],
    rows,
  };
  const file = await writeTable(format, {
    baseName: `fairness-${report.from}-${report.to}`,
    locale: l,
    sheets: [tables, await ruleSheet(ctx, filters, report)],
  });
  await audit(ctx.db, ctx, {
    action: 'matching.fairness-exported',
    subjectType: 'export',
    subjectId: `${format}:${report.from}:${report.to}`,
    fields: [filters.officeId ? 'office' : 'all-offices', filters.isco ? `isco:${filters.isco}` : 'all-occupations'],
  });
  return file;
}

async function ruleSheet(
  ctx: Ctx,
  filters: Omit<FairnessExportQuery, 'format'>,
  report: FairnessReport,
): Promise<SheetOut> {
  const l = ctx.locale;
  const actor = actorOf(ctx);
  const office = filters.officeId ? (await listOffices(ctx)).find((o) => o.id === filters.officeId)?.name : null;
  const occupation = filters.isco
    ? `${filters.isco} ${(await iscoTitles(ctx.db, [filters.isco], l)).get(filters.isco) ?? ''}`.trim()
    : t(l, 'fairness.anyOccupation');
  return {
    name: t(l, 'fairness.export.ruleSheet'),
    columns: [
      { header: t(l, 'indicators.export.rule.item'), width: 30 },
      { header: t(l, 'indicators.export.rule.value'), width: 100 },
    ],
    rows: [
      [t(l, 'indicators.export.rule.period'), `${report.from} – ${report.to}`],
      [t(l, 'fairness.office'), office ?? t(l, 'fairness.allOffices')],
      [t(l, 'fairness.isco'), occupation],
      [
        t(l, 'fairness.export.ruleRatio'),
        t(l, 'fairness.rule', { ratio: report.flagRatio, threshold: report.threshold }),
      ],
      [t(l, 'indicators.export.rule.threshold'), report.threshold],
      [t(l, 'indicators.export.rule.mark'), NOT_SHOWN],
      [t(l, 'fairness.export.secondary'), t(l, 'fairness.export.secondaryText')],
      [t(l, 'fairness.export.unit'), t(l, 'fairness.unit')],
      ...(report.empty ? [[t(l, 'fairness.empty'), t(l, 'fairness.emptyText')]] : []),
      [t(l, 'indicators.export.rule.madeBy'), actor.fullName],
      [t(l, 'indicators.export.rule.madeAt'), ctx.clock.now().toISOString()],
    ],
  };
}
