import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { turkishLower } from '../../../common/text.ts';
import { TAXONOMY_DATA_DIR } from './taxonomy.load.ts';

/**
 * The search's evaluation set (bench/taxonomy-eval.csv) measures the search, so none of its strings may
 * be in the dictionary: compared after normalisation (NFC, Turkish lower case, spaces collapsed). A
 * string that differs only by missing diacritics ("asci" for "aşçı") or by an Arabic spelling variant
 * ("طباخه" for "طباخة") is allowed: finding it is the search's job.
 */
const norm = (s: string) => turkishLower(s).replace(/\s+/g, ' ').trim();
const read = (file: string) =>
  parse<Record<string, string>>(fs.readFileSync(file), { columns: true, skip_empty_lines: true });

const evalRows = read(path.resolve(import.meta.dirname, '../../../../bench/taxonomy-eval.csv'));
const dictionaryFiles = ['job-titles.csv', 'job-titles-extra.csv']
  .map((f) => path.join(TAXONOMY_DATA_DIR, f))
  .filter((f) => fs.existsSync(f));

describe('the taxonomy evaluation set', () => {
  it('has at least 100 titles per language, each with an ISCO-08 unit group', () => {
    for (const lang of ['tr', 'en', 'ar']) {
      expect(evalRows.filter((r) => r.lang === lang).length).toBeGreaterThanOrEqual(100);
    }
    for (const r of evalRows) expect(r.isco_code).toMatch(/^\d{4}$/);
  });

  it.skipIf(dictionaryFiles.length === 0)('shares no string with the job-title dictionary', () => {
    const dictionary = new Set(dictionaryFiles.flatMap((f) => read(f).map((r) => norm(r.title ?? ''))));
    const shared = evalRows.filter((r) => dictionary.has(norm(r.query!))).map((r) => `${r.lang}: ${r.query}`);
    expect(shared).toEqual([]);
  });

  it.skipIf(!fs.existsSync(path.join(TAXONOMY_DATA_DIR, 'isco08.csv')))('names unit groups that exist', () => {
    const units = new Set(read(path.join(TAXONOMY_DATA_DIR, 'isco08.csv')).map((r) => r.code));
    expect(evalRows.filter((r) => !units.has(r.isco_code)).map((r) => r.isco_code)).toEqual([]);
  });
});
