/**
 * Exports of released tables (issue 16): always the suppressed release, whoever asks. CSV (long
 * format, UTF-8 with BOM, the locale's delimiter), XLSX (one sheet per table, a sheet of definitions
 * and one with the suppression rule, who made it and when) and SDMX-CSV against the data structure
 * shipped in `sdmx/` (see `sdmx.ts`). Each export is an audit event.
 */
import { writeTable, type FileOut, type OutCell, type SheetOut } from '../../lib/tabular.ts';
import { audit } from '../../lib/audit.ts';
import { onPrimary } from '../../lib/replica.ts';
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { problems } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import { INDICATORS, indicatorByCode, type IndicatorDef } from '../../../common/indicators.ts';
import type {
  ExportQuery,
  LabourMarketExportQuery,
  ReleasedTable,
  TableCell,
} from '../../../common/contracts/indicators.ts';
import { labourMarket } from './labour-market.ts';
import { Release, rangeOf, thresholdOf } from './indicators.service.ts';
import { SDMX_CONTENT_TYPE, sdmxCsv } from './sdmx.ts';

/** The mark of a suppressed cell in CSV and XLSX (the statistical offices' "x"; explained on the rule sheet). */
export const SUPPRESSED_MARK = 'x';

export function selected(codes: string | undefined, pointer = '/querystring/indicators'): IndicatorDef[] {
  if (!codes) return [...INDICATORS];
  return codes.split(',').map((code, i) => {
    const def = indicatorByCode(code);
    if (!def) {
      throw problems.invalidQuery(pointer, 'errors.indicators.unknownIndicator', { index: i + 1 });
    }
    return def;
  });
}

const cellOut = (c: TableCell): OutCell => (c.flag === 'suppressed' ? SUPPRESSED_MARK : c.value);

/** Told after each table (a background export writes its progress). */
export type OnProgress = (done: number, total: number) => Promise<void>;

export async function exportFile(ctx: Ctx, query: ExportQuery, onProgress?: OnProgress): Promise<FileOut> {
  const actor = actorOf(ctx);
  const defs = selected(query.indicators);
  const range = rangeOf(query.from, query.to);
  const threshold = await thresholdOf(ctx);
  const release = new Release(ctx, range, threshold);
  const tables: ReleasedTable[] = [];
  for (const def of defs) {
    tables.push(await release.table(def, query.rows, query.columns ?? null));
    await onProgress?.(tables.length, defs.length + 1);
  }
  const madeAt = ctx.clock.now();
  const baseName = `kopru-indicators-${query.from}-${query.to}`;
  let file: FileOut;
  if (query.format === 'sdmx') {
    file = {
      fileName: `${baseName}.sdmx.csv`,
      contentType: SDMX_CONTENT_TYPE,
      body: Buffer.from(sdmxCsv(tables), 'utf8'),
    };
  } else if (query.format === 'csv') {
    file = await writeTable('csv', { baseName, locale: ctx.locale, sheets: [longSheet(ctx, tables)] });
  } else {
    const sheets = uniqueSheetNames(tables.map((table) => tableSheet(ctx, table)));
    file = await writeTable('xlsx', {
      baseName,
      locale: ctx.locale,
      sheets: [
        ...(sheets as [SheetOut, ...SheetOut[]]),
        definitionsSheet(ctx, defs),
        ruleSheet(ctx, { threshold, madeBy: actor.fullName, madeAt, from: query.from, to: query.to }),
      ],
    });
  }
  // The figures may come from a replica; the audit event is written on the primary.
  await inTransaction(onPrimary(ctx), (tx) =>
    audit(tx.db, tx, {
      action: 'indicators.exported',
      subjectType: 'export',
      subjectId: `${query.format}:${query.from}:${query.to}`,
      fields: defs.map((d) => d.code),
    }),
  );
  return file;
}

/** Every table in one long sheet: indicator, row, column, value, status. */
function longSheet(ctx: Ctx, tables: readonly ReleasedTable[]): SheetOut {
  const l = ctx.locale;
  const rows: OutCell[][] = [];
  const status = (c: TableCell) =>
    c.flag === 'suppressed'
      ? t(l, 'indicators.export.suppressed')
      : c.flag === 'not-applicable'
        ? t(l, 'indicators.export.notApplicable')
        : '';
  for (const table of tables) {
    for (const line of [...table.lines, table.total]) {
      const put = (colKey: string, colLabel: string, c: TableCell) =>
        rows.push([
          table.indicator,
          table.name,
          table.rows,
          line.key,
          line.label,
          colKey,
          colLabel,
          cellOut(c),
          status(c),
        ]);
      table.columnKeys.forEach((k, i) => put(k, table.columnLabels[i]!, line.cells[i]!));
      put('_T', t(l, 'indicators.total'), line.total);
    }
  }
  const h = (k: string) => ({ header: t(l, `indicators.export.columns.${k}`), text: true });
  return {
    name: t(l, 'indicators.export.sheet'),
    columns: [
      h('code'),
      h('indicator'),
      h('rows'),
      h('rowKey'),
      h('row'),
      h('columnKey'),
      h('column'),
      { header: t(l, 'indicators.export.columns.value') },
      h('status'),
    ],
    rows,
  };
}

/**
 * Sheet names are an indicator's code, cut to the 31 characters a workbook allows; two codes that begin alike
 * (`childcare-mothers-registered-work` and `…-share`) would collide, so a repeated name ends in a number.
 */
function uniqueSheetNames(sheets: SheetOut[]): SheetOut[] {
  const used = new Set<string>();
  return sheets.map((sheet) => {
    let name = sheet.name;
    for (let n = 2; used.has(name); n++) name = `${sheet.name.slice(0, 31 - String(n).length - 1)}~${n}`;
    used.add(name);
    return { ...sheet, name };
  });
}

/** One table as it reads on screen: a row per category, a column per column category and the total. */
function tableSheet(ctx: Ctx, table: ReleasedTable): SheetOut {
  const l = ctx.locale;
  return {
    name: table.indicator.slice(0, 31),
    columns: [
      { header: `${table.name} — ${t(l, `indicators.breakdowns.${table.rows}`)}`, width: 40 },
      ...table.columnLabels.map((header) => ({ header })),
      { header: t(l, 'indicators.total') },
    ],
    rows: [...table.lines, table.total].map((line) => [line.label, ...line.cells.map(cellOut), cellOut(line.total)]),
  };
}

function definitionsSheet(ctx: Ctx, defs: readonly IndicatorDef[]): SheetOut {
  const l = ctx.locale;
  const h = (k: string) => ({ header: t(l, `indicators.export.definitions.${k}`) });
  return {
    name: t(l, 'indicators.export.definitionsSheet'),
    columns: [
      h('code'),
      { ...h('name'), width: 40 },
      { ...h('description'), width: 80 },
      h('unit'),
      h('kind'),
      h('sdg'),
    ],
    rows: defs.map((d) => [
      d.code,
      d.name[l],
      d.description[l],
      t(l, `indicators.units.${d.unit}`),
      t(l, `indicators.kinds.${d.kind}`),
      (d.sdg ?? []).join(', '),
    ]),
  };
}

function ruleSheet(
  ctx: Ctx,
  r: { threshold: number; madeBy: string; madeAt: Date; from: string; to: string },
): SheetOut {
  const l = ctx.locale;
  return {
    name: t(l, 'indicators.export.ruleSheet'),
    columns: [
      { header: t(l, 'indicators.export.rule.item'), width: 30 },
      { header: t(l, 'indicators.export.rule.value'), width: 100 },
    ],
    rows: [
      [t(l, 'indicators.export.rule.threshold'), r.threshold],
      [t(l, 'indicators.export.rule.mark'), SUPPRESSED_MARK],
      [t(l, 'indicators.export.rule.primary'), t(l, 'indicators.export.rule.primaryText', { threshold: r.threshold })],
      [t(l, 'indicators.export.rule.secondary'), t(l, 'indicators.export.rule.secondaryText')],
      [t(l, 'indicators.export.rule.period'), `${r.from} – ${r.to}`],
      [t(l, 'indicators.export.rule.madeBy'), r.madeBy],
      [t(l, 'indicators.export.rule.madeAt'), r.madeAt.toISOString()],
    ],
  };
}

/**
 * The labour-market insights as a file (CSV long format, or XLSX with a sheet per table and the rule sheet):
 * always the suppressed release (counts of persons below the threshold, and their partners, read "x"),
 * exactly the tables an analyst sees on screen. Audited as an export.
 */
export async function labourMarketExport(
  ctx: Ctx,
  query: LabourMarketExportQuery,
  onProgress?: OnProgress,
): Promise<FileOut> {
  const actor = actorOf(ctx);
  const l = ctx.locale;
  const lm = await labourMarket(ctx, { from: query.from, to: query.to, level: query.level ?? '1' }, { released: true });
  await onProgress?.(1, 2);
  const L = (k: string) => t(l, `indicatorsUi.labour.${k}`);
  const scarce = (v: boolean | null) => (v === null ? L('unknownScarcity') : v ? L('scarce') : L('enough'));
  const tables: { key: string; sheet: SheetOut }[] = [
    {
      key: 'occupations',
      sheet: {
        name: L('occupations'),
        columns: [
          { header: t(l, 'indicators.export.columns.code'), text: true },
          { header: L('occupation'), width: 40 },
          { header: L('vacancies') },
          { header: L('positions') },
          { header: L('unfilled') },
          { header: L('medianWage') },
          { header: L('seekers') },
        ],
        rows: [
          ...lm.occupations.map((o) => [
            o.code,
            o.label,
            o.vacancies,
            o.positions,
            o.unfilled,
            o.medianWage,
            cellOut(o.seekers),
          ]),
          [
            '_T',
            t(l, 'indicators.total'),
            lm.totals.vacancies,
            lm.totals.positions,
            lm.totals.unfilled,
            null,
            cellOut(lm.totals.seekers),
          ],
        ],
      },
    },
    {
      key: 'skills',
      sheet: {
        name: L('skills'),
        columns: [
          { header: L('skill'), width: 40 },
          { header: L('vacancies') },
          { header: L('positions') },
          { header: L('seekers') },
          { header: L('scarce') },
        ],
        rows: lm.skills.map((s) => [s.label, s.vacancies, s.positions, cellOut(s.seekers), scarce(s.scarce)]),
      },
    },
    {
      key: 'districts',
      sheet: {
        name: L('districts'),
        columns: [
          { header: t(l, 'indicators.breakdowns.province') },
          { header: L('district') },
          { header: L('positions') },
          { header: L('seekers') },
        ],
        rows: lm.districts.map((d) => [d.province, d.district, d.positions, cellOut(d.seekers)]),
      },
    },
    {
      key: 'contracts',
      sheet: {
        name: L('contracts'),
        columns: [{ header: L('contract'), width: 30 }, { header: L('vacancies') }, { header: L('positions') }],
        rows: lm.contracts.map((c) => [t(l, `vacancies.contractTypes.${c.contractType}`), c.vacancies, c.positions]),
      },
    },
    {
      key: 'sectors',
      sheet: {
        name: L('sectors'),
        columns: [
          { header: t(l, 'indicators.export.columns.code'), text: true },
          { header: L('sector'), width: 40 },
          { header: L('hires') },
        ],
        rows: lm.sectors.map((s) => [s.section, s.label, cellOut(s.hires)]),
      },
    },
    {
      key: 'months',
      sheet: {
        name: L('months'),
        columns: [
          { header: L('month'), text: true },
          { header: L('vacancies') },
          { header: L('positions') },
          { header: L('registrations') },
        ],
        rows: lm.months.map((m) => [m.month, m.vacancies, m.positions, cellOut(m.registrations)]),
      },
    },
  ];
  const baseName = `kopru-labour-market-${query.from}-${query.to}`;
  let file: FileOut;
  if (query.format === 'csv') {
    // Long format: the table, the row (its first column), the measure (the column's header), the value.
    const rows: OutCell[][] = [];
    for (const { key, sheet } of tables) {
      const first = key === 'occupations' || key === 'sectors' ? 1 : 0;
      for (const r of sheet.rows) {
        const label = key === 'districts' ? `${r[1]} / ${r[0]}` : String(r[first] ?? '');
        sheet.columns.forEach((c, i) => {
          if (i <= first || (key === 'districts' && i === 1)) return;
          const v = r[i];
          rows.push([
            key,
            sheet.name,
            label,
            c.header,
            v === SUPPRESSED_MARK ? null : v,
            v === SUPPRESSED_MARK ? t(l, 'indicators.export.suppressed') : '',
          ]);
        });
      }
    }
    const h = (k: string) => ({ header: t(l, `indicators.export.columns.${k}`), text: true });
    file = await writeTable('csv', {
      baseName,
      locale: l,
      sheets: [
        {
          name: L('title'),
          columns: [h('code'), h('indicator'), h('row'), h('column'), { header: h('value').header }, h('status')],
          rows,
        },
      ],
    });
  } else {
    file = await writeTable('xlsx', {
      baseName,
      locale: l,
      sheets: [
        ...(tables.map(({ sheet }) => ({ ...sheet, name: sheet.name.slice(0, 31) })) as [SheetOut, ...SheetOut[]]),
        ruleSheet(ctx, {
          threshold: lm.threshold ?? (await thresholdOf(ctx)),
          madeBy: actor.fullName,
          madeAt: ctx.clock.now(),
          from: query.from,
          to: query.to,
        }),
      ],
    });
  }
  await inTransaction(onPrimary(ctx), (tx) =>
    audit(tx.db, tx, {
      action: 'indicators.exported',
      subjectType: 'export',
      subjectId: `labour-market:${query.format}:${query.from}:${query.to}`,
      fields: tables.map((x) => x.key),
    }),
  );
  return file;
}
