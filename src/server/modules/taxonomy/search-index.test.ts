import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SearchIndex, trigrams } from './search-index.ts';
import { labelKeys } from '../../../common/taxonomy-text.ts';
import { TAXONOMY_DATA_DIR } from './taxonomy.load.ts';

const csv = (file: string) =>
  parse<Record<string, string>>(fs.readFileSync(file), { columns: true, skip_empty_lines: true });

function index(labels: [string, string, 'tr' | 'en' | 'ar'][]) {
  const idx = new SearchIndex();
  for (const [code, label, lang] of labels) {
    const k = labelKeys(label, lang);
    idx.add(code, label, lang, 0.02, k.searchKey, k.stemKey);
  }
  return idx;
}

describe('the in-process search index', () => {
  it("makes pg_trgm's trigrams: each word padded with two spaces before and one after", () => {
    expect(trigrams('asci').sort()).toEqual(['  a', ' as', 'asc', 'ci ', 'sci'].sort());
    expect(trigrams('ab cd')).toHaveLength(6);
  });

  const idx = index([
    ['5120', 'aşçı', 'tr'],
    ['9412', 'aşçı yardımcısı', 'tr'],
    ['5131', 'garson', 'tr'],
    ['7411', 'elektrikçi', 'tr'],
    ['5120', 'cook', 'en'],
    ['5120', 'طباخ', 'ar'],
  ]);

  it('ranks the exact group first and gives each group its best label', () => {
    const hits = idx.search('AŞÇI', 'tr', 5);
    expect(hits[0]).toEqual({ target: '5120', label: 'aşçı', score: 1 });
    expect(hits.map((h) => h.target)).toEqual(['5120', '9412']);
    expect(idx.search('garsonluk', 'tr', 5)[0]?.target).toBe('5131');
    expect(idx.search('elektirikçi', 'tr', 5)[0]?.target).toBe('7411');
    expect(idx.search('الطبّاخة', 'ar', 5)[0]?.target).toBe('5120');
  });

  it('looks for the query inside a longer label in its words, not in trigrams spread over the whole label', () => {
    const long = index([
      ['2133', 'natural resource consultant', 'en'],
      ['2221', 'nurse', 'en'],
      ['5311', 'nursery nurse', 'en'],
      ['9412', 'aşçı yardımcısı', 'tr'],
    ]);
    // "nurce" shares five of its six trigrams with the first label, over three of its words; one word holds three.
    const hits = long.search('nurce', 'en', 5);
    expect(hits[0]?.target).not.toBe('2133');
    expect(hits.find((h) => h.target === '2133')?.score ?? 0).toBeLessThan(hits[0]!.score);
    // A query that is one of a longer label's words is still found inside it.
    expect(long.search('aşçı', 'tr', 5)[0]).toMatchObject({ target: '9412', score: 0.83 });
  });

  it('finds nothing for text whose trigrams no label has, and respects the limit', () => {
    expect(idx.search('qqqxxxzzz', 'tr', 5)).toEqual([]);
    expect(idx.search('', 'tr', 5)).toEqual([]);
    expect(idx.search('asci', 'tr', 1)).toHaveLength(1);
  });

  it('stops scoring at the bound and answers exactly as scoring every candidate', () => {
    // The shipped dictionary, and the unit groups' long official titles in three languages (many words each, as
    // ESCO's labels), asked every title of the evaluation set and a few prefixes of them, with limits 1, 5 and 20.
    const full = new SearchIndex();
    const add = (code: string, label: string, lang: 'tr' | 'en' | 'ar', boost: number) => {
      const k = labelKeys(label, lang);
      full.add(code, label, lang, boost, k.searchKey, k.stemKey);
    };
    for (const r of csv(path.join(TAXONOMY_DATA_DIR, 'job-titles.csv')))
      add(r.isco_code!, r.title!, r.lang as 'tr' | 'en' | 'ar', r.kind === 'variant' ? 0 : 0.02);
    for (const r of csv(path.join(TAXONOMY_DATA_DIR, 'isco08.csv')).filter((g) => g.level === '4')) {
      add(r.code!, r.title_en!, 'en', -0.02);
      if (r.title_tr) add(r.code!, r.title_tr, 'tr', -0.02);
      if (r.title_ar) add(r.code!, r.title_ar, 'ar', -0.02);
    }
    const queries = csv(path.resolve(import.meta.dirname, '../../../../bench/taxonomy-eval.csv')).flatMap((r) => [
      { q: r.query!, lang: r.lang! },
      { q: r.query!.slice(0, 4), lang: r.lang! },
    ]);
    let differ = 0;
    for (const { q, lang } of queries)
      for (const limit of [1, 5, 20]) {
        const pruned = full.search(q, lang, limit);
        const all = full.search(q, lang, limit, true);
        if (JSON.stringify(pruned) !== JSON.stringify(all)) differ++;
        expect(pruned, `${lang} ${q} ${limit}`).toEqual(all);
      }
    expect(differ).toBe(0);
    expect(queries.length).toBeGreaterThan(700);
  });
});
