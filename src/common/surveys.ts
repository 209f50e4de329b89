/**
 * Surveys (issue 17, docs/SURVEYS.md): the value sets and the pure rules shared by the server and the web
 * app — a form's definition check, skip logic, the validation of a response and the result tables with
 * their disclosure control. Nothing here touches the database.
 */
import { cellKey, suppress, type Relation } from './disclosure.ts';
import type { Locale } from './locales.ts';

export const QUESTION_TYPES = ['single', 'multiple', 'number', 'date', 'text', 'scale', 'district'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/**
 * Skip-logic operators: `is` (the answer equals the value; for a multiple choice, it is exactly that one
 * option), `contains` (a multiple choice includes the option), `gte` / `lte` (a number or scale at least /
 * at most the value), `answered` (any answer).
 */
export const CONDITION_OPERATORS = ['is', 'contains', 'gte', 'lte', 'answered'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export const SURVEY_STATUSES = ['draft', 'published', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const VERSION_STATUSES = ['draft', 'published', 'superseded'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** How a response came in: a registered person (entered by staff with the person), the public link, or a phone interview. */
export const RESPONSE_CHANNELS = ['registered', 'public-link', 'interviewer'] as const;
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];

/** Breakdowns of results, taken from the indicators module (src/common/indicators.ts). */
export const RESULT_BREAKDOWNS = ['sex', 'ageBand', 'district'] as const;
export type ResultBreakdown = (typeof RESULT_BREAKDOWNS)[number];
/** The group of a respondent whose breakdown is not known (anonymous respondents). */
export const UNKNOWN_GROUP = 'unknown';

export const QUESTION_KEY_PATTERN = '^[a-z][a-z0-9-]{0,39}$';
export const MAX_QUESTIONS = 80;
export const MAX_OPTIONS = 30;

export type Texts = Record<Locale, string>;

export interface Condition {
  question: string;
  op: ConditionOperator;
  value?: string | number | null;
}

export interface QuestionOption {
  value: string;
  label: Texts;
}

export interface SurveyQuestion {
  key: string;
  type: QuestionType;
  text: Texts;
  required: boolean;
  /** Asks for special-category data (health: e.g. COVID-19 illness): encrypted, explicit consent, special-category:read. */
  special: boolean;
  options?: QuestionOption[] | null;
  min?: number | null;
  max?: number | null;
  minLabel?: Texts | null;
  maxLabel?: Texts | null;
  /** District questions: the province whose districts are offered (reference geography). */
  province?: string | null;
  districts?: string[] | null;
  showIf?: Condition | null;
}

export type AnswerValue = string | number | string[];
export type Answers = Record<string, AnswerValue>;

export interface RuleProblem {
  pointer: string;
  code: string;
  params?: Record<string, string | number>;
}

const isSet = (x: number | null | undefined): x is number => x !== null && x !== undefined;
const hasOptions = (type: QuestionType) => type === 'single' || type === 'multiple';
const isNumeric = (type: QuestionType) => type === 'number' || type === 'scale';

/** The problems of a form definition (pointers into `/questions`); empty when it may be saved. */
export function checkDefinition(questions: readonly SurveyQuestion[]): RuleProblem[] {
  const out: RuleProblem[] = [];
  const seen = new Map<string, SurveyQuestion>();
  questions.forEach((q, i) => {
    const at = `/questions/${i}`;
    if (seen.has(q.key)) out.push({ pointer: `${at}/key`, code: 'surveys.definition.duplicateKey' });
    if (hasOptions(q.type)) {
      const values = (q.options ?? []).map((o) => o.value);
      if (values.length < 2) out.push({ pointer: `${at}/options`, code: 'surveys.definition.options' });
      if (new Set(values).size !== values.length)
        out.push({ pointer: `${at}/options`, code: 'surveys.definition.duplicateOption' });
    }
    if (q.type === 'scale' && (!isSet(q.min) || !isSet(q.max) || q.max - q.min > 10))
      out.push({ pointer: `${at}/max`, code: 'surveys.definition.scale' });
    if (isNumeric(q.type) && isSet(q.min) && isSet(q.max) && q.min > q.max)
      out.push({ pointer: `${at}/max`, code: 'surveys.definition.range' });
    if (q.type === 'district' && (q.districts ?? []).length === 0)
      out.push({ pointer: `${at}/province`, code: 'surveys.definition.province' });
    if (q.showIf) {
      const source = seen.get(q.showIf.question);
      if (!source) out.push({ pointer: `${at}/showIf/question`, code: 'surveys.definition.conditionSource' });
      else if (source.special)
        // Whether a later question shows would reveal the special-category answer to anyone who sees the form.
        out.push({ pointer: `${at}/showIf/question`, code: 'surveys.definition.conditionSpecial' });
      else if (!conditionFits(source, q.showIf))
        out.push({ pointer: `${at}/showIf/op`, code: 'surveys.definition.conditionOperator' });
    }
    seen.set(q.key, q);
  });
  return out;
}

function conditionFits(source: SurveyQuestion, c: Condition): boolean {
  switch (c.op) {
    case 'answered':
      return true;
    case 'contains':
      return source.type === 'multiple' && (source.options ?? []).some((o) => o.value === c.value);
    case 'is':
      if (hasOptions(source.type)) return (source.options ?? []).some((o) => o.value === c.value);
      return c.value !== undefined && c.value !== null;
    case 'gte':
    case 'lte':
      return isNumeric(source.type) && typeof c.value === 'number';
  }
}

const isAnswered = (v: AnswerValue | undefined): v is AnswerValue =>
  v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);

function holds(c: Condition, v: AnswerValue | undefined): boolean {
  if (!isAnswered(v)) return false;
  switch (c.op) {
    case 'answered':
      return true;
    case 'contains':
      return Array.isArray(v) && v.includes(String(c.value));
    case 'is':
      return Array.isArray(v) ? v.length === 1 && v[0] === String(c.value) : String(v) === String(c.value);
    case 'gte':
      return typeof v === 'number' && v >= Number(c.value);
    case 'lte':
      return typeof v === 'number' && v <= Number(c.value);
  }
}

/** The keys of the questions shown for these answers (skip logic; a question hidden hides those depending on it). */
export function visibleQuestions(questions: readonly SurveyQuestion[], answers: Answers): Set<string> {
  const shown = new Set<string>();
  for (const q of questions) {
    if (!q.showIf) shown.add(q.key);
    else if (shown.has(q.showIf.question) && holds(q.showIf, answers[q.showIf.question])) shown.add(q.key);
  }
  return shown;
}

const DATE_PATTERN = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** The problem with one answer's value, or null. */
function checkValue(q: SurveyQuestion, v: AnswerValue): Omit<RuleProblem, 'pointer'> | null {
  const invalid = { code: 'surveys.answer.invalid' };
  switch (q.type) {
    case 'single':
      if (typeof v !== 'string') return invalid;
      return (q.options ?? []).some((o) => o.value === v) ? null : { code: 'surveys.answer.unknownOption' };
    case 'multiple':
      if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return invalid;
      if (new Set(v).size !== v.length) return invalid;
      return v.every((x) => (q.options ?? []).some((o) => o.value === x))
        ? null
        : { code: 'surveys.answer.unknownOption' };
    case 'number':
    case 'scale': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return invalid;
      if (q.type === 'scale' && !Number.isInteger(v)) return invalid;
      if ((isSet(q.min) && v < q.min) || (isSet(q.max) && v > q.max))
        return { code: 'surveys.answer.outOfRange', params: { min: q.min ?? '−∞', max: q.max ?? '∞' } };
      return null;
    }
    case 'date':
      return typeof v === 'string' && DATE_PATTERN.test(v) ? null : invalid;
    case 'text':
      return typeof v === 'string' && v.length <= 2000 ? null : invalid;
    case 'district':
      if (typeof v !== 'string') return invalid;
      return (q.districts ?? []).includes(v) ? null : { code: 'surveys.answer.unknownOption' };
  }
}

/**
 * Checks a response against its version's questions: an answer to an unknown question, to a question that
 * skip logic hides, a required visible question left unanswered, a value of the wrong kind, an unknown
 * option or out of range, and a special-category answer without the respondent's explicit consent. Each
 * problem points at `/answers/<questionKey>` (consent at `/specialConsent`).
 */
export function validateResponse(
  questions: readonly SurveyQuestion[],
  answers: Answers,
  specialConsent: boolean,
): RuleProblem[] {
  const out: RuleProblem[] = [];
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const shown = visibleQuestions(questions, answers);
  for (const key of Object.keys(answers)) {
    if (!byKey.has(key)) out.push({ pointer: `/answers/${key}`, code: 'surveys.answer.unknownQuestion' });
  }
  let special = false;
  for (const q of questions) {
    const v = answers[q.key];
    const pointer = `/answers/${q.key}`;
    if (!shown.has(q.key)) {
      if (v !== undefined) out.push({ pointer, code: 'surveys.answer.hidden' });
      continue;
    }
    if (!isAnswered(v)) {
      if (q.required) out.push({ pointer, code: 'surveys.answer.required' });
      continue;
    }
    const problem = checkValue(q, v);
    if (problem) out.push({ pointer, ...problem });
    if (q.special) special = true;
  }
  if (special && !specialConsent) out.push({ pointer: '/specialConsent', code: 'surveys.answer.consentNeeded' });
  return out;
}

/** Splits answers into the ordinary ones and the special-category ones (stored encrypted). */
export function splitSpecial(
  questions: readonly SurveyQuestion[],
  answers: Answers,
): { plain: Answers; special: Answers } {
  const specialKeys = new Set(questions.filter((q) => q.special).map((q) => q.key));
  const plain: Answers = {};
  const special: Answers = {};
  for (const [k, v] of Object.entries(answers)) (specialKeys.has(k) ? special : plain)[k] = v;
  return { plain, special };
}

// ---- results ------------------------------------------------------------------------------------------

export interface ResultRespondent {
  sex: string | null;
  ageBand: string | null;
  district: string | null;
}

export interface ResultInput {
  respondent: ResultRespondent | null;
  answers: Answers;
}

export interface ResultCell {
  value: string;
  group: string | null;
  /** Null when suppressed. */
  count: number | null;
}

export interface QuestionResult {
  key: string;
  type: QuestionType;
  /** Respondents who answered (null when suppressed). */
  answered: number | null;
  /** Free-text answers are counted, never tabulated. */
  tabulated: boolean;
  categories: string[];
  groups: string[];
  cells: ResultCell[];
  suppressedCells: number;
}

/** The categories an answer counts in: options, scale points, districts, months of a date, values of a number. */
function categoriesOf(q: SurveyQuestion, v: AnswerValue): string[] {
  if (Array.isArray(v)) return v;
  if (q.type === 'date') return [String(v).slice(0, 7)];
  return [String(v)];
}

function allCategories(q: SurveyQuestion, seen: Set<string>): string[] {
  if (hasOptions(q.type)) return (q.options ?? []).map((o) => o.value);
  if (q.type === 'scale' && isSet(q.min) && isSet(q.max))
    return Array.from({ length: q.max - q.min + 1 }, (_, i) => String(q.min! + i));
  if (q.type === 'district') return (q.districts ?? []).filter((d) => seen.has(d));
  return [...seen].sort((a, b) => (q.type === 'number' ? Number(a) - Number(b) : a.localeCompare(b)));
}

/**
 * The counts per answer of one question, optionally by a breakdown of the respondents (sex, age band,
 * district; anonymous respondents in "unknown"), with the indicators' disclosure control: with a
 * `threshold`, counts from 1 to threshold − 1 are suppressed with their secondary partners over the
 * table's additive relations (a category's total is the sum of its groups; for a single-answer question,
 * a group's total is the sum of its categories, the grand total both). `threshold` null: exact figures.
 */
export function questionResult(
  q: SurveyQuestion,
  inputs: readonly ResultInput[],
  breakdown: ResultBreakdown | null,
  threshold: number | null,
): QuestionResult {
  const values = new Map<string, number>();
  const add = (k: string) => values.set(k, (values.get(k) ?? 0) + 1);
  const seen = new Set<string>();
  const seenGroups = new Set<string>();
  let answered = 0;
  for (const input of inputs) {
    const v = input.answers[q.key];
    if (!isAnswered(v)) continue;
    answered += 1;
    if (q.type === 'text') continue;
    const group = breakdown ? (input.respondent?.[breakdown] ?? UNKNOWN_GROUP) : null;
    if (group !== null) {
      seenGroups.add(group);
      add(cellKey({ [breakdown!]: group }));
    }
    for (const c of categoriesOf(q, v)) {
      seen.add(c);
      add(cellKey({ answer: c }));
      if (group !== null) add(cellKey({ answer: c, [breakdown!]: group }));
    }
  }
  values.set('', answered);
  if (q.type === 'text')
    return {
      key: q.key,
      type: q.type,
      answered: threshold !== null && answered > 0 && answered < threshold ? null : answered,
      tabulated: false,
      categories: [],
      groups: [],
      cells: [],
      suppressedCells: threshold !== null && answered > 0 && answered < threshold ? 1 : 0,
    };
  const categories = allCategories(q, seen);
  const groups = breakdown
    ? [...seenGroups].sort((a, b) => (a === UNKNOWN_GROUP ? 1 : b === UNKNOWN_GROUP ? -1 : a.localeCompare(b)))
    : [];
  const single = q.type !== 'multiple';
  const relations: Relation[] = [];
  if (single) relations.push({ parent: '', children: categories.map((c) => cellKey({ answer: c })) });
  if (breakdown) {
    relations.push({ parent: '', children: groups.map((g) => cellKey({ [breakdown]: g })) });
    for (const c of categories)
      relations.push({
        parent: cellKey({ answer: c }),
        children: groups.map((g) => cellKey({ answer: c, [breakdown]: g })),
      });
    if (single)
      for (const g of groups)
        relations.push({
          parent: cellKey({ [breakdown]: g }),
          children: categories.map((c) => cellKey({ answer: c, [breakdown]: g })),
        });
  }
  const hidden = threshold === null ? new Set<string>() : suppress(values, relations, threshold).suppressed;
  const cellOf = (value: string, group: string | null): ResultCell => {
    const key = cellKey(
      group === null
        ? { answer: value }
        : value === ''
          ? { [breakdown!]: group }
          : { answer: value, [breakdown!]: group },
    );
    return { value, group, count: hidden.has(key) ? null : (values.get(key) ?? 0) };
  };
  const cells: ResultCell[] = [];
  for (const c of categories) {
    cells.push(cellOf(c, null));
    for (const g of groups) cells.push(cellOf(c, g));
  }
  for (const g of groups) cells.push(cellOf('', g));
  return {
    key: q.key,
    type: q.type,
    answered: hidden.has('') ? null : answered,
    tabulated: true,
    categories,
    groups,
    cells,
    suppressedCells: hidden.size,
  };
}

/** A question's text, or an option's label, in a language (Turkish when the language has none). */
export const textIn = (texts: Texts | null | undefined, locale: Locale): string =>
  texts ? texts[locale] || texts.tr : '';

/** The label of an answer category of a question, in a language. */
export function categoryLabel(q: SurveyQuestion, value: string, locale: Locale): string {
  const option = (q.options ?? []).find((o) => o.value === value);
  return option ? textIn(option.label, locale) : value;
}
