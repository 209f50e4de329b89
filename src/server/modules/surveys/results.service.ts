/**
 * Survey results (docs/SURVEYS.md, "Results"): counts per question and answer, by sex, age band or
 * district of registered respondents, with the indicators module's disclosure control. Exact figures on
 * screen only for a reader who may read the rows anyway (the indicators' rule: `persons:read`); every
 * export is suppressed. Special-category questions only with `special-category:read`; free-text answers
 * are counted, never tabulated.
 */
import { actorOf, inTransaction, type Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { t } from '../../lib/i18n.ts';
import { writeTable, type FileOut, type OutCell, type TableFormat } from '../../lib/tabular.ts';
import {
  categoryLabel,
  questionResult,
  textIn,
  UNKNOWN_GROUP,
  type ResultBreakdown,
  type SurveyQuestion,
} from '../../../common/surveys.ts';
import type { Results } from '../../../common/contracts/surveys.ts';
import { seesExactFigures, thresholdOf } from '../indicators/index.ts';
import { canReadSpecial, responsesForResults, versionFor } from './surveys.service.ts';

function labelsOf(q: SurveyQuestion, value: string) {
  return { tr: categoryLabel(q, value, 'tr'), en: categoryLabel(q, value, 'en'), ar: categoryLabel(q, value, 'ar') };
}

export async function surveyResults(
  ctx: Ctx,
  id: string,
  query: { versionId?: string; breakdown?: ResultBreakdown },
  forExport = false,
): Promise<Results> {
  actorOf(ctx);
  const { version } = await versionFor(ctx, id, query.versionId);
  const breakdown = query.breakdown ?? null;
  const threshold = !forExport && seesExactFigures(ctx) ? null : await thresholdOf(ctx);
  if (!version) return { versionId: null, version: null, breakdown, threshold, responses: 0, questions: [] };
  const special = canReadSpecial(ctx);
  const inputs = await responsesForResults(ctx, id, version.id, special);
  const total = inputs.length;
  return {
    versionId: version.id,
    version: version.number,
    breakdown,
    threshold,
    responses: threshold !== null && total > 0 && total < threshold ? null : total,
    questions: version.questions.map((q) => {
      if (q.special && !special)
        return {
          key: q.key,
          type: q.type,
          text: q.text,
          special: true,
          withheld: true,
          answered: null,
          tabulated: false,
          categories: [],
          groups: [],
          cells: [],
          suppressedCells: 0,
        };
      const r = questionResult(q, inputs, breakdown, threshold);
      return {
        key: q.key,
        type: q.type,
        text: q.text,
        special: q.special,
        withheld: false,
        answered: r.answered,
        tabulated: r.tabulated,
        categories: r.categories.map((value) => ({ value, label: labelsOf(q, value) })),
        groups: r.groups,
        cells: r.cells,
        suppressedCells: r.suppressedCells,
      };
    }),
  };
}

/** The results as CSV or XLSX: one row per question, answer and group; suppressed cells shown as "–". */
export async function exportResults(
  ctx: Ctx,
  id: string,
  query: { versionId?: string; breakdown?: ResultBreakdown; format: TableFormat },
): Promise<FileOut> {
  const results = await surveyResults(ctx, id, query, true);
  const locale = ctx.locale;
  const groupLabel = (g: string | null) =>
    g === null ? t(locale, 'surveys.results.all') : g === UNKNOWN_GROUP ? t(locale, 'surveys.results.unknown') : g;
  const rows: OutCell[][] = [];
  for (const q of results.questions) {
    const text = textIn(q.text, locale);
    if (q.withheld) {
      rows.push([q.key, text, t(locale, 'surveys.results.withheld'), '', null]);
      continue;
    }
    if (!q.tabulated) {
      rows.push([q.key, text, t(locale, 'surveys.results.answered'), groupLabel(null), q.answered ?? '–']);
      continue;
    }
    for (const cell of q.cells) {
      const category = q.categories.find((c) => c.value === cell.value);
      rows.push([
        q.key,
        text,
        cell.value === '' ? t(locale, 'surveys.results.total') : category ? textIn(category.label, locale) : cell.value,
        groupLabel(cell.group),
        cell.count ?? '–',
      ]);
    }
  }
  const file = await writeTable(query.format, {
    baseName: `survey-${id.slice(0, 8)}-v${results.version ?? 0}`,
    locale,
    sheets: [
      {
        name: t(locale, 'surveys.results.sheet'),
        columns: [
          { header: t(locale, 'surveys.results.column.key'), text: true },
          { header: t(locale, 'surveys.results.column.question'), width: 45 },
          { header: t(locale, 'surveys.results.column.answer'), width: 30 },
          { header: t(locale, 'surveys.results.column.group'), width: 20 },
          { header: t(locale, 'surveys.results.column.count') },
        ],
        rows,
      },
    ],
  });
  await inTransaction(ctx, (tx) =>
    audit(tx.db, tx, {
      action: 'survey.results-exported',
      subjectType: 'survey',
      subjectId: id,
      purpose: query.format,
    }),
  );
  return file;
}
