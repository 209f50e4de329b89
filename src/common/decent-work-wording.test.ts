import { describe, expect, it } from 'vitest';
import { flagWording } from './decent-work.ts';
import { WORDING_CASES, type WordingCase } from './wording-evaluation.ts';

/**
 * The evaluation of the discriminatory-wording check (issue 8, item 5): every phrase of the list in
 * `wording-evaluation.ts` through `flagWording`, counted per language. A positive counts as found only
 * when the check names its ground; a negative counts as a false alarm when anything is flagged.
 */
const PRECISION = 0.95;
const RECALL = 0.9;

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  misses: string[];
  falseAlarms: string[];
}

function evaluate(cases: readonly WordingCase[]): Tally {
  const tally: Tally = { tp: 0, fp: 0, fn: 0, misses: [], falseAlarms: [] };
  for (const c of cases) {
    const flags = flagWording({ [c.field ?? '/duties']: c.text });
    const grounds = new Set(flags.map((f) => f.ground));
    if (c.ground === null) {
      if (flags.length > 0) {
        tally.fp++;
        tally.falseAlarms.push(`${c.text} → ${[...grounds].join(', ')}`);
      }
    } else if (grounds.has(c.ground)) tally.tp++;
    else {
      tally.fn++;
      tally.misses.push(`${c.text} (${c.ground}${flags.length ? `; flagged ${[...grounds].join(', ')}` : ''})`);
      // A positive flagged on the wrong ground is also a false alarm for the ground it named.
      if (flags.length > 0) tally.fp++;
    }
  }
  return tally;
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

describe('discriminatory wording: evaluation list', () => {
  it('holds at least 150 positive and 150 negative phrases', () => {
    expect(WORDING_CASES.filter((c) => c.ground !== null).length).toBeGreaterThanOrEqual(150);
    expect(WORDING_CASES.filter((c) => c.ground === null).length).toBeGreaterThanOrEqual(150);
  });

  it.each(['tr', 'en', 'ar'] as const)(`reaches precision ≥ ${PRECISION} and recall ≥ ${RECALL} in %s`, (lang) => {
    const cases = WORDING_CASES.filter((c) => c.lang === lang);
    const t = evaluate(cases);
    const precision = ratio(t.tp, t.tp + t.fp);
    const recall = ratio(t.tp, t.tp + t.fn);
    const positives = cases.filter((c) => c.ground !== null).length;
    console.log(
      `wording ${lang}: ${positives} positive, ${cases.length - positives} negative phrases; ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (tp ${t.tp}, fp ${t.fp}, fn ${t.fn})` +
        (t.misses.length ? `\n  missed: ${t.misses.join(' | ')}` : '') +
        (t.falseAlarms.length ? `\n  false alarms: ${t.falseAlarms.join(' | ')}` : ''),
    );
    expect(precision).toBeGreaterThanOrEqual(PRECISION);
    expect(recall).toBeGreaterThanOrEqual(RECALL);
  });
});
