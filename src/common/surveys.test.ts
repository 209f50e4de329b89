import { describe, expect, it } from 'vitest';
import {
  checkDefinition,
  questionResult,
  splitSpecial,
  validateResponse,
  visibleQuestions,
  type ResultInput,
  type SurveyQuestion,
} from './surveys.ts';

const tx = (tr: string) => ({ tr, en: '', ar: '' });
const yesNo = [
  { value: 'yes', label: tx('Evet') },
  { value: 'no', label: tx('Hayır') },
];
const Q: SurveyQuestion[] = [
  { key: 'closed', type: 'single', text: tx('Kapandı mı?'), required: true, special: false, options: yesNo },
  {
    key: 'weeks',
    type: 'number',
    text: tx('Kaç hafta?'),
    required: true,
    special: false,
    min: 0,
    max: 104,
    showIf: { question: 'closed', op: 'is', value: 'yes' },
  },
  {
    key: 'long',
    type: 'text',
    text: tx('Neden uzun?'),
    required: true,
    special: false,
    showIf: { question: 'weeks', op: 'gte', value: 10 },
  },
  {
    key: 'goods',
    type: 'multiple',
    text: tx('Ne satıyorsunuz?'),
    required: false,
    special: false,
    options: [
      { value: 'produce', label: tx('Sebze') },
      { value: 'clothing', label: tx('Giyim') },
    ],
  },
  {
    key: 'clothes-share',
    type: 'scale',
    text: tx('Giyim payı'),
    required: false,
    special: false,
    min: 1,
    max: 5,
    showIf: { question: 'goods', op: 'contains', value: 'clothing' },
  },
  { key: 'covid', type: 'single', text: tx('COVID-19?'), required: false, special: true, options: yesNo },
  { key: 'when', type: 'date', text: tx('Ne zaman?'), required: false, special: false },
];

describe('skip logic', () => {
  it('shows a question only when its condition holds, and hides the chain behind a hidden one', () => {
    expect([...visibleQuestions(Q, { closed: 'no' })]).toEqual(['closed', 'goods', 'covid', 'when']);
    expect(visibleQuestions(Q, { closed: 'yes', weeks: 12 }).has('long')).toBe(true);
    expect(visibleQuestions(Q, { closed: 'yes', weeks: 3 }).has('long')).toBe(false);
    // weeks is hidden when the market was not closed: long is hidden too, whatever weeks says.
    expect(visibleQuestions(Q, { closed: 'no', weeks: 12 }).has('long')).toBe(false);
    expect(visibleQuestions(Q, { goods: ['produce', 'clothing'] }).has('clothes-share')).toBe(true);
    expect(visibleQuestions(Q, { goods: ['produce'] }).has('clothes-share')).toBe(false);
  });
});

describe('validating a response', () => {
  it('accepts a complete response', () => {
    expect(validateResponse(Q, { closed: 'yes', weeks: 4, goods: ['clothing'], 'clothes-share': 3 }, false)).toEqual(
      [],
    );
  });

  it('names an answer to a hidden question, a missing required answer and a value out of range', () => {
    expect(validateResponse(Q, { closed: 'no', weeks: 4 }, false)).toEqual([
      { pointer: '/answers/weeks', code: 'surveys.answer.hidden' },
    ]);
    expect(validateResponse(Q, { closed: 'yes' }, false)).toEqual([
      { pointer: '/answers/weeks', code: 'surveys.answer.required' },
    ]);
    expect(validateResponse(Q, { closed: 'yes', weeks: 105, long: 'Kira' }, false)).toEqual([
      { pointer: '/answers/weeks', code: 'surveys.answer.outOfRange', params: { min: 0, max: 104 } },
    ]);
    expect(validateResponse(Q, {}, false)).toEqual([{ pointer: '/answers/closed', code: 'surveys.answer.required' }]);
  });

  it('refuses unknown options, wrong kinds, unknown questions and bad dates', () => {
    const found = validateResponse(
      Q,
      { closed: 'maybe', goods: ['produce', 'produce'], when: '2026-13-01', extra: 'x' },
      false,
    ).map((p) => `${p.pointer} ${p.code}`);
    expect(found).toEqual([
      '/answers/extra surveys.answer.unknownQuestion',
      '/answers/closed surveys.answer.unknownOption',
      '/answers/goods surveys.answer.invalid',
      '/answers/when surveys.answer.invalid',
    ]);
    expect(validateResponse(Q, { closed: 'no', 'clothes-share': 2.5, goods: ['clothing'] }, false)).toEqual([
      { pointer: '/answers/clothes-share', code: 'surveys.answer.invalid' },
    ]);
  });

  it('needs explicit consent for a special-category answer, not for leaving it empty', () => {
    expect(validateResponse(Q, { closed: 'no', covid: 'yes' }, false)).toEqual([
      { pointer: '/specialConsent', code: 'surveys.answer.consentNeeded' },
    ]);
    expect(validateResponse(Q, { closed: 'no', covid: 'yes' }, true)).toEqual([]);
    expect(validateResponse(Q, { closed: 'no' }, false)).toEqual([]);
    expect(splitSpecial(Q, { closed: 'no', covid: 'yes' })).toEqual({
      plain: { closed: 'no' },
      special: { covid: 'yes' },
    });
  });
});

describe('checking a definition', () => {
  it('accepts the example and refuses conditions on later, special or ill-fitting questions', () => {
    expect(checkDefinition(Q)).toEqual([]);
    expect(checkDefinition([Q[1]!, Q[0]!])[0]).toMatchObject({ pointer: '/questions/0/showIf/question' });
    const onSpecial: SurveyQuestion = { ...Q[6]!, showIf: { question: 'covid', op: 'is', value: 'yes' } };
    expect(checkDefinition([Q[5]!, onSpecial])).toEqual([
      { pointer: '/questions/1/showIf/question', code: 'surveys.definition.conditionSpecial' },
    ]);
    const gteOnChoice: SurveyQuestion = { ...Q[6]!, showIf: { question: 'closed', op: 'gte', value: 3 } };
    expect(checkDefinition([Q[0]!, gteOnChoice])[0]!.code).toBe('surveys.definition.conditionOperator');
    expect(checkDefinition([Q[0]!, { ...Q[0]! }])[0]!.code).toBe('surveys.definition.duplicateKey');
    expect(checkDefinition([{ ...Q[0]!, options: [yesNo[0]!] }])[0]!.code).toBe('surveys.definition.options');
    expect(checkDefinition([{ ...Q[4]!, showIf: null, max: 20 }])[0]!.code).toBe('surveys.definition.scale');
  });
});

describe('results with disclosure control', () => {
  const inputs: ResultInput[] = [];
  const add = (n: number, closed: string, sex: string | null) => {
    for (let i = 0; i < n; i++)
      inputs.push({ respondent: sex ? { sex, ageBand: '30-44', district: 'Fatih' } : null, answers: { closed } });
  };
  add(20, 'yes', 'female');
  add(15, 'yes', 'male');
  add(12, 'no', 'female');
  add(3, 'no', 'male');

  it('gives exact figures without a threshold', () => {
    const r = questionResult(Q[0]!, inputs, 'sex', null);
    const cell = (value: string, group: string | null) =>
      r.cells.find((c) => c.value === value && c.group === group)!.count;
    expect([cell('yes', null), cell('no', null), cell('no', 'male'), cell('', 'male')]).toEqual([35, 15, 3, 18]);
    expect(r.answered).toBe(50);
    expect(r.suppressedCells).toBe(0);
  });

  it('suppresses a small cell and a partner in every relation it is part of, so that no total reveals it', () => {
    const r = questionResult(Q[0]!, inputs, 'sex', 11);
    const cell = (value: string, group: string | null) =>
      r.cells.find((c) => c.value === value && c.group === group)!.count;
    expect(cell('no', 'male')).toBeNull();
    // "no" = female + male: the female cell goes too; male = yes + no: the male "yes" goes too.
    expect(cell('no', 'female')).toBeNull();
    expect(cell('yes', 'male')).toBeNull();
    expect(cell('yes', 'female')).toBeNull();
    expect([cell('yes', null), cell('no', null), r.answered]).toEqual([35, 15, 50]);
  });

  it('counts free text without tabulating it, and anonymous respondents as unknown', () => {
    const text = questionResult(Q[2]!, [{ respondent: null, answers: { long: 'Kira' } }], null, null);
    expect(text).toMatchObject({ tabulated: false, answered: 1, cells: [] });
    const anon = questionResult(Q[0]!, [{ respondent: null, answers: { closed: 'yes' } }], 'district', null);
    expect(anon.groups).toEqual(['unknown']);
  });
});
