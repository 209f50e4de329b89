/**
 * Checks of the job-title dictionary, the skills list and the skill–occupation links shipped in ./data
 * (format: ./data/README.md). References are checked against isco08.csv; ESCO skill URIs against ESCO's
 * skills_en.csv when the ESCO classification zip is present beside the checkout (it is never committed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SKILL_GROUPS } from '../../db/schema/index.ts';

type Row = Record<string, string>;

const DATA = new URL('./data/', import.meta.url);
const ESCO_ZIP = new URL(
  '../../../../../shared/data/esco-v1.1.1/esco-v1.1.1-classification-en-csv.zip',
  import.meta.url,
);

function load(file: string): { header: string[]; rows: Row[] } {
  const text = readFileSync(new URL(file, DATA), 'utf8');
  expect(text.charCodeAt(0), `${file} starts with a BOM`).not.toBe(0xfeff);
  expect(text.includes('\r'), `${file} has \\r`).toBe(false);
  expect(text.endsWith('\n'), `${file} lacks the final newline`).toBe(true);
  const records: string[][] = parse(text, { relax_column_count: false });
  const [header, ...body] = records;
  return {
    header: header ?? [],
    rows: body.map((cells) => Object.fromEntries((header ?? []).map((name, i) => [name, cells[i] ?? '']))),
  };
}

const ARABIC = /\p{Script=Arabic}/u;
const LATIN = /\p{Script=Latin}/u;
/** Arabic short vowels, tanwin, shadda, sukun and tatweel: spellings that differ only in these are one title. */
const ARABIC_MARKS = /[\u064B-\u0652\u0640]/gu;

const isco = load('isco08.csv').rows;
const unitGroups = new Set(isco.filter((r) => r.level === '4').map((r) => r.code));

const titles = load('job-titles.csv');
const skills = load('skills.csv');
const links = load('skill-occupations.csv');

describe('job-titles.csv', () => {
  const { header, rows } = titles;
  const count = (lang: string) => rows.filter((r) => r.lang === lang).length;

  it('has the exact header, at least 1,000 Turkish, 300 English and 300 Arabic titles', () => {
    expect(header).toEqual(['isco_code', 'lang', 'title', 'kind']);
    expect(count('tr')).toBeGreaterThanOrEqual(1000);
    expect(count('en')).toBeGreaterThanOrEqual(300);
    expect(count('ar')).toBeGreaterThanOrEqual(300);
    expect(count('tr') + count('en') + count('ar')).toBe(rows.length);
  });

  it('maps every title to an ISCO-08 unit group of isco08.csv', () => {
    expect(unitGroups.size).toBe(436);
    const unknown = rows.filter((r) => !unitGroups.has(r.isco_code));
    expect(unknown.map((r) => `${r.isco_code} ${r.title}`)).toEqual([]);
  });

  it('has known kinds, no empty titles and no outer or double spaces', () => {
    for (const r of rows) {
      const id = `${r.lang}:${r.title}`;
      expect(['title', 'variant'], id).toContain(r.kind);
      expect(r.title?.trim(), `${id}: empty title`).toBeTruthy();
      expect(r.title, `${id}: outer or double spaces`).toBe(r.title!.trim().replace(/\s+/gu, ' '));
    }
  });

  it('has no title twice in a language (case-insensitive; Arabic also ignoring vowel marks)', () => {
    const key = (r: Row) => `${r.lang}\u0000${r.title!.toLocaleLowerCase('tr').replace(ARABIC_MARKS, '')}`;
    const seen = new Map<string, string>();
    const duplicates: string[] = [];
    for (const r of rows) {
      const k = key(r);
      if (seen.has(k)) duplicates.push(`${r.lang}:${r.title} (${seen.get(k)} and ${r.isco_code})`);
      else seen.set(k, r.isco_code!);
    }
    expect(duplicates).toEqual([]);
  });

  it('writes Arabic titles in Arabic script and Turkish and English titles without it', () => {
    for (const r of rows) {
      const id = `${r.lang}:${r.title}`;
      if (r.lang === 'ar') {
        expect(ARABIC.test(r.title!), `${id}: no Arabic script`).toBe(true);
        expect(LATIN.test(r.title!), `${id}: Latin letters in an Arabic title`).toBe(false);
      } else {
        expect(ARABIC.test(r.title!), `${id}: Arabic script`).toBe(false);
        expect(LATIN.test(r.title!), `${id}: no Latin letters`).toBe(true);
      }
    }
  });

  it('gives every unit group it uses a Turkish title, and the common jobs many variants', () => {
    const used = new Set(rows.map((r) => r.isco_code));
    for (const code of used) {
      expect(
        rows.some((r) => r.isco_code === code && r.lang === 'tr'),
        `${code} has no Turkish title`,
      ).toBe(true);
    }
    const turkish = (code: string) => rows.filter((r) => r.isco_code === code && r.lang === 'tr').length;
    // Waiters, cooks, shop sales, cleaners, sewing machinists, construction labourers, warehouse, farm work.
    for (const code of ['5131', '5120', '5223', '9112', '8153', '9313', '9333', '9211']) {
      expect(turkish(code), code).toBeGreaterThanOrEqual(15);
    }
  });

  it('knows the everyday titles counsellors hear', () => {
    const find = (lang: string, title: string) =>
      rows.find((r) => r.lang === lang && r.title?.toLocaleLowerCase('tr') === title)?.isco_code;
    expect(find('tr', 'garson')).toBe('5131');
    expect(find('tr', 'komi')).toBe('5131');
    expect(find('tr', 'kasiyer')).toBe('5230');
    expect(find('tr', 'kasa görevlisi')).toBe('5230');
    expect(find('tr', 'bebek bakıcısı')).toBe('5311');
    expect(find('tr', 'bulaşıkçı')).toBe('9412');
    expect(find('tr', 'overlokçu')).toBe('8153');
    expect(find('tr', 'sıvacı')).toBe('7123');
    expect(find('tr', 'forklift operatörü')).toBe('8344');
    expect(find('tr', 'tır şoförü')).toBe('8332');
    expect(find('tr', 'moto kurye')).toBe('8321');
    expect(find('tr', 'çağrı merkezi temsilcisi')).toBe('4222');
    expect(find('en', 'waiter')).toBe('5131');
    expect(find('en', 'forklift operator')).toBe('8344');
    expect(find('ar', 'طباخ')).toBe('5120');
    expect(find('ar', 'كاشير')).toBe('5230');
    expect(find('ar', 'عامل نظافة')).toBe('9112');
  });
});

/** The skill groups of the project's own list (ESCO's imported skills have their own group). */
const GROUPS: readonly string[] = SKILL_GROUPS.filter((g) => g !== 'esco');
const ESCO_SKILL =
  /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('skills.csv', () => {
  const { header, rows } = skills;

  it('has the exact header and at least 500 skills with unique kebab-case ids', () => {
    expect(header).toEqual(['id', 'group', 'title_tr', 'title_en', 'title_ar', 'esco_uri', 'tr_status', 'ar_status']);
    expect(rows.length).toBeGreaterThanOrEqual(500);
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size, 'duplicate ids').toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('puts every skill in a known group, with all three titles in their script and a known status', () => {
    for (const r of rows) {
      expect(GROUPS, r.id).toContain(r.group);
      for (const col of ['title_tr', 'title_en', 'title_ar']) {
        expect(r[col]?.trim(), `${r.id}: empty ${col}`).toBeTruthy();
        expect(r[col], `${r.id}: ${col} has outer spaces`).toBe(r[col]!.trim());
      }
      expect(ARABIC.test(r.title_ar!), `${r.id}: title_ar has no Arabic script`).toBe(true);
      expect(ARABIC.test(r.title_tr!), `${r.id}: title_tr has Arabic script`).toBe(false);
      expect(ARABIC.test(r.title_en!), `${r.id}: title_en has Arabic script`).toBe(false);
      expect(['project', 'reviewed'], `${r.id}: tr_status`).toContain(r.tr_status);
      expect(['project', 'reviewed'], `${r.id}: ar_status`).toContain(r.ar_status);
    }
    for (const group of GROUPS)
      expect(
        rows.some((r) => r.group === group),
        group,
      ).toBe(true);
  });

  it('has no title twice in a language', () => {
    for (const col of ['title_tr', 'title_en', 'title_ar']) {
      const seen = new Set<string>();
      const duplicates = rows.filter((r) => {
        const k = r[col]!.toLocaleLowerCase('tr');
        if (seen.has(k)) return true;
        seen.add(k);
        return false;
      });
      expect(
        duplicates.map((r) => `${r.id}: ${r[col]}`),
        col,
      ).toEqual([]);
    }
  });

  it('gives well-formed ESCO skill URIs, each to one skill only, to most skills', () => {
    const uris = rows.map((r) => r.esco_uri!).filter(Boolean);
    for (const uri of uris) expect(uri).toMatch(ESCO_SKILL);
    expect(new Set(uris).size, 'an ESCO URI given to two skills').toBe(uris.length);
    expect(uris.length).toBeGreaterThanOrEqual(rows.length / 2);
  });

  it.runIf(existsSync(ESCO_ZIP))('uses only ESCO v1.1.1 skill URIs that exist', () => {
    const csv = execFileSync('unzip', ['-p', ESCO_ZIP.pathname, 'skills_en.csv'], { maxBuffer: 64 << 20 });
    const esco: Row[] = parse(csv, { columns: true, relax_quotes: true });
    const known = new Set(esco.map((r) => r.conceptUri));
    expect(known.size).toBeGreaterThan(10_000);
    expect(rows.filter((r) => r.esco_uri && !known.has(r.esco_uri)).map((r) => r.id)).toEqual([]);
  });
});

describe('skill-occupations.csv', () => {
  const { header, rows } = links;

  it('has the exact header, known relations and no duplicate link', () => {
    expect(header).toEqual(['skill_id', 'isco_code', 'relation']);
    for (const r of rows) expect(['essential', 'optional'], `${r.skill_id} ${r.isco_code}`).toContain(r.relation);
    const keys = rows.map((r) => `${r.skill_id} ${r.isco_code}`);
    expect(new Set(keys).size, 'duplicate links').toBe(keys.length);
  });

  it('links only known skills to ISCO-08 unit groups', () => {
    const skillIds = new Set(skills.rows.map((r) => r.id));
    expect(rows.filter((r) => !skillIds.has(r.skill_id)).map((r) => r.skill_id)).toEqual([]);
    expect(rows.filter((r) => !unitGroups.has(r.isco_code)).map((r) => r.isco_code)).toEqual([]);
  });

  it('links every skill to at least one unit group', () => {
    const linked = new Set(rows.map((r) => r.skill_id));
    expect(skills.rows.filter((r) => !linked.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it('gives every unit group of the title dictionary some skills, and the common jobs essential ones', () => {
    const perGroup = new Map<string, number>();
    const essential = new Map<string, number>();
    for (const r of rows) {
      perGroup.set(r.isco_code!, (perGroup.get(r.isco_code!) ?? 0) + 1);
      if (r.relation === 'essential') essential.set(r.isco_code!, (essential.get(r.isco_code!) ?? 0) + 1);
    }
    const used = [...new Set(titles.rows.map((r) => r.isco_code!))];
    expect(used.filter((code) => (perGroup.get(code) ?? 0) < 3)).toEqual([]);
    for (const code of ['5131', '5120', '9412', '5230', '5223', '5311', '5321', '5322', '9112', '8153']) {
      expect(essential.get(code) ?? 0, code).toBeGreaterThanOrEqual(5);
    }
    for (const code of ['7112', '7123', '7411', '7212', '9333', '8344', '8332', '8322', '9211', '5414']) {
      expect(essential.get(code) ?? 0, code).toBeGreaterThanOrEqual(5);
    }
  });
});
