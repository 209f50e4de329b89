/**
 * Checks of the classification files shipped in ./data (format: docs in ./data/README.md): ISCO-08, ISCED 2011,
 * NACE Rev. 2, ISO 639-1 languages, Turkish driving licence classes and work certificates.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { naceDivision, naceSection } from '../../../common/nace.ts';

type Row = Record<string, string>;

const DATA = new URL('./data/', import.meta.url);

function load(file: string): { header: string[]; rows: Row[] } {
  const text = readFileSync(new URL(file, DATA), 'utf8');
  // RFC 4180 as we write it: UTF-8 without BOM, \n line ends, a final newline.
  expect(text.charCodeAt(0), `${file} starts with a BOM`).not.toBe(0xfeff);
  expect(text.includes('\r'), `${file} has \\r`).toBe(false);
  expect(text.endsWith('\n'), `${file} lacks the final newline`).toBe(true);
  const records = parse(text, { relax_column_count: false });
  const [header, ...body] = records;
  return {
    header: header ?? [],
    rows: body.map((cells) => Object.fromEntries((header ?? []).map((name, i) => [name, cells[i] ?? '']))),
  };
}

const ARABIC = /\p{Script=Arabic}/u;

/** Key unique, every title non-empty, Arabic only where it belongs, statuses known. */
function checkCommon(rows: Row[], key: string, titles: { en: string; tr: string; ar: string }) {
  const keys = rows.map((r) => r[key]);
  expect(new Set(keys).size, 'duplicate keys').toBe(keys.length);
  for (const r of rows) {
    const id = `${key}=${r[key]}`;
    for (const col of [titles.en, titles.tr, titles.ar]) {
      expect(r[col]?.trim(), `${id}: empty ${col}`).toBeTruthy();
      expect(r[col], `${id}: ${col} has outer spaces`).toBe(r[col]?.trim());
    }
    expect(ARABIC.test(r[titles.ar]!), `${id}: ${titles.ar} has no Arabic script`).toBe(true);
    expect(ARABIC.test(r[titles.tr]!), `${id}: ${titles.tr} has Arabic script`).toBe(false);
    expect(ARABIC.test(r[titles.en]!), `${id}: ${titles.en} has Arabic script`).toBe(false);
    expect(['project', 'reviewed'], `${id}: tr_status`).toContain(r.tr_status);
    expect(['project', 'reviewed'], `${id}: ar_status`).toContain(r.ar_status);
  }
}

const TITLES = { en: 'title_en', tr: 'title_tr', ar: 'title_ar' };

describe('isco08.csv', () => {
  const { header, rows } = load('isco08.csv');

  it('has the exact header and all 619 groups (10/43/130/436 per level)', () => {
    expect(header).toEqual([
      'code',
      'level',
      'parent',
      'title_en',
      'title_tr',
      'title_ar',
      'tr_status',
      'ar_status',
      'iskur_code',
    ]);
    expect(rows).toHaveLength(619);
    const perLevel = [1, 2, 3, 4].map((l) => rows.filter((r) => r.level === String(l)).length);
    expect(perLevel).toEqual([10, 43, 130, 436]);
    checkCommon(rows, 'code', TITLES);
  });

  it('codes match their level and every parent resolves to the group one level up', () => {
    const byCode = new Map(rows.map((r) => [r.code, r]));
    for (const r of rows) {
      expect(r.code, r.code).toMatch(/^\d{1,4}$/);
      expect(r.code!.length, r.code).toBe(Number(r.level));
      if (r.level === '1') {
        expect(r.parent, r.code).toBe('');
        continue;
      }
      expect(r.parent, r.code).toBe(r.code!.slice(0, -1));
      expect(byCode.get(r.parent)?.level, `${r.code}: parent ${r.parent}`).toBe(String(Number(r.level) - 1));
    }
    // Every group above unit level has children.
    const parents = new Set(rows.map((r) => r.parent));
    for (const r of rows) if (r.level !== '4') expect(parents.has(r.code), `${r.code} has no children`).toBe(true);
  });

  it('gives one group the same Turkish or Arabic title as another only where ISCO repeats the English title', () => {
    for (const col of ['title_tr', 'title_ar'] as const) {
      const english = new Map<string, Set<string>>();
      for (const r of rows) {
        const set = english.get(r[col]!) ?? new Set<string>();
        set.add(r.title_en!);
        english.set(r[col]!, set);
      }
      const clashes = [...english]
        .filter(([, en]) => en.size > 1)
        .map(([title, en]) => `${title}: ${[...en].join(' | ')}`);
      expect(clashes, col).toEqual([]);
    }
  });

  it('keeps İŞKUR codes empty or numeric', () => {
    for (const r of rows) expect(r.iskur_code, r.code).toMatch(/^(\d{4}\.\d{2,3}|)$/);
  });
});

describe('isced2011.csv', () => {
  const { header, rows } = load('isced2011.csv');

  it('has the exact header and the levels 0–8', () => {
    expect(header).toEqual(['code', 'title_en', 'title_tr', 'title_ar', 'tr_status', 'ar_status']);
    expect(rows.map((r) => r.code)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8']);
    checkCommon(rows, 'code', TITLES);
  });
});

describe('nace2.csv', () => {
  const { header, rows } = load('nace2.csv');

  it('has the exact header, 21 sections and 88 divisions', () => {
    expect(header).toEqual(['code', 'level', 'parent', 'title_en', 'title_tr', 'title_ar', 'tr_status', 'ar_status']);
    const sections = rows.filter((r) => r.level === 'section');
    const divisions = rows.filter((r) => r.level === 'division');
    expect(sections.map((r) => r.code).join('')).toBe('ABCDEFGHIJKLMNOPQRSTU');
    expect(divisions).toHaveLength(88);
    expect(sections.length + divisions.length).toBe(rows.length);
    checkCommon(rows, 'code', TITLES);
  });

  it('puts each division under the section that src/common/nace.ts gives it', () => {
    for (const r of rows) {
      if (r.level === 'section') {
        expect(r.parent, r.code).toBe('');
        continue;
      }
      expect(r.code, r.code).toMatch(/^\d{2}$/);
      expect(naceDivision(r.code!), r.code).toBe(Number(r.code));
      expect(r.parent, r.code).toBe(naceSection(r.code!));
    }
    // And nace.ts knows no division that the file lacks.
    const inFile = new Set(rows.filter((r) => r.level === 'division').map((r) => r.code));
    for (let d = 1; d <= 99; d++) {
      const code = String(d).padStart(2, '0');
      expect(inFile.has(code), code).toBe(naceDivision(code) !== null);
    }
  });
});

describe('languages.csv', () => {
  const { header, rows } = load('languages.csv');

  it('has the exact header and all 184 ISO 639-1 codes', () => {
    expect(header).toEqual(['code', 'name_en', 'name_tr', 'name_ar', 'tr_status', 'ar_status']);
    expect(rows).toHaveLength(184);
    for (const r of rows) expect(r.code).toMatch(/^[a-z]{2}$/);
    checkCommon(rows, 'code', { en: 'name_en', tr: 'name_tr', ar: 'name_ar' });
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get('tr')?.name_tr).toBe('Türkçe');
    expect(byCode.get('ar')?.name_ar).toBe('العربية');
    expect(byCode.get('ku')?.name_en).toBe('Kurdish');
  });
});

describe('driving-licences.csv', () => {
  const { header, rows } = load('driving-licences.csv');

  it('has the exact header and the 17 Turkish classes with their minimum ages (KTK art. 41)', () => {
    expect(header).toEqual(['code', 'min_age', 'title_en', 'title_tr', 'title_ar', 'tr_status', 'ar_status']);
    expect(rows.map((r) => r.code)).toEqual([
      'M',
      'A1',
      'A2',
      'A',
      'B1',
      'B',
      'BE',
      'C1',
      'C1E',
      'C',
      'CE',
      'D1',
      'D1E',
      'D',
      'DE',
      'F',
      'G',
    ]);
    checkCommon(rows, 'code', TITLES);
    const age = Object.fromEntries(rows.map((r) => [r.code, Number(r.min_age)]));
    for (const r of rows) expect(Number.isInteger(age[r.code!]), r.code).toBe(true);
    expect(age).toMatchObject({ M: 16, A1: 16, B1: 16, A2: 18, B: 18, C1: 18, C: 21, D1: 21, D: 24, DE: 24, G: 18 });
  });
});

describe('certificates.csv', () => {
  const { header, rows } = load('certificates.csv');

  it('has the exact header and 20–40 well-formed rows', () => {
    expect(header).toEqual([
      'code',
      'title_en',
      'title_tr',
      'title_ar',
      'expires',
      'validity_years',
      'tr_status',
      'ar_status',
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    expect(rows.length).toBeLessThanOrEqual(40);
    checkCommon(rows, 'code', TITLES);
    for (const r of rows) {
      expect(r.code, r.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['yes', 'no'], r.code).toContain(r.expires);
      expect(r.validity_years, r.code).toMatch(/^([1-9]\d?|)$/);
      if (r.expires === 'no') expect(r.validity_years, `${r.code} never expires but has a validity`).toBe('');
    }
  });

  it('covers the certificates the issue names', () => {
    const codes = new Set(rows.map((r) => r.code));
    for (const code of [
      'forklift-operator',
      'src-1',
      'src-2',
      'src-3',
      'src-4',
      'src-5',
      'psychotechnic',
      'food-hygiene',
      'first-aid',
      'osh-basic',
      'welder-iso-9606',
      'myk-vocational-qualification',
      'mastership',
      'journeyman',
      'icdl',
      'private-security-unarmed',
      'elderly-care',
      'child-care',
    ])
      expect(codes.has(code), code).toBe(true);
  });
});
