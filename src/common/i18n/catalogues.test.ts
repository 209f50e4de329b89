import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_SUBJECT_TYPES } from '../audit-actions.ts';
import { BUILT_IN_ROLES, PERMISSIONS } from '../permissions.ts';
import tr from './tr.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };
import ar from './ar.json' with { type: 'json' };

type Catalog = Record<string, unknown>;
const catalogs: Record<string, Catalog> = { tr, en, ar };
const WEB_DIR = path.resolve(import.meta.dirname, '../../web');

/** Every leaf of a catalogue as "a.b.c" → value. */
export function flatten(node: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      flatten(value, prefix ? `${prefix}.${key}` : key, out);
    }
  } else {
    out.set(prefix, node);
  }
  return out;
}

export function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!).sort();
}

/** Problems between a source catalogue and a translation: missing and extra keys, empty values, variables. */
export function compareCatalogs(source: Catalog, target: Catalog, targetName: string): string[] {
  const problems: string[] = [];
  const a = flatten(source);
  const b = flatten(target);
  for (const key of a.keys()) if (!b.has(key)) problems.push(`${targetName}: missing ${key}`);
  for (const key of b.keys()) if (!a.has(key)) problems.push(`${targetName}: extra ${key}`);
  for (const [key, value] of b) {
    if (typeof value !== 'string') problems.push(`${targetName}: ${key} is not a string`);
    else if (value.trim() === '') problems.push(`${targetName}: ${key} is empty`);
  }
  for (const [key, value] of a) {
    const other = b.get(key);
    if (typeof value !== 'string' || typeof other !== 'string') continue;
    if (variables(value).join(',') !== variables(other).join(',')) {
      problems.push(
        `${targetName}: ${key} uses {{${variables(other).join(', ')}}} instead of {{${variables(value).join(', ')}}}`,
      );
    }
  }
  return problems;
}

function sourceFiles(dir: string, extensions: string[]): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...sourceFiles(full, extensions));
    else if (extensions.some((ext) => entry.name.endsWith(ext)) && !entry.name.endsWith('.test.ts')) found.push(full);
  }
  return found;
}

describe('translation catalogues', () => {
  it('tr (source) has no empty values', () => {
    expect(compareCatalogs(tr, tr, 'tr')).toEqual([]);
  });

  for (const name of ['en', 'ar'] as const) {
    it(`${name} has the same keys as tr, no empty values and the same interpolation variables`, () => {
      expect(compareCatalogs(tr, catalogs[name]!, name)).toEqual([]);
    });
    it(`tr has every key of ${name}`, () => {
      expect(compareCatalogs(catalogs[name]!, tr, 'tr').filter((p) => p.includes('missing'))).toEqual([]);
    });
  }

  it('en and ar agree with each other too', () => {
    expect(compareCatalogs(en, ar, 'ar')).toEqual([]);
  });

  it('the checker itself catches a missing key, an extra key, an empty value and a changed variable', () => {
    const source = { a: { b: 'x {{n}}' }, c: 'y', d: 'z' };
    const target = { a: { b: 'x {{m}}' }, c: ' ', e: 'w' };
    const problems = compareCatalogs(source, target, 't');
    expect(problems).toContain('t: missing d');
    expect(problems).toContain('t: extra e');
    expect(problems).toContain('t: c is empty');
    expect(problems.some((p) => p.startsWith('t: a.b uses'))).toBe(true);
  });

  it('labels every permission, built-in role, audit action and audit subject in every language', () => {
    for (const [name, catalog] of Object.entries(catalogs)) {
      const keys = flatten(catalog);
      const wanted = [
        ...PERMISSIONS.map((p) => `permissions.${p}`),
        ...BUILT_IN_ROLES.map((r) => `roles.${r}`),
        ...AUDIT_ACTIONS.map((a) => `audit.actions.${a}`),
        ...AUDIT_SUBJECT_TYPES.map((s) => `audit.subjects.${s}`),
      ];
      expect(wanted.filter((k) => !keys.has(k)).map((k) => `${name}: ${k}`)).toEqual([]);
    }
  });

  it('every literal key the web app passes to t() exists in tr.json', () => {
    const keys = flatten(tr);
    const missing: string[] = [];
    for (const file of sourceFiles(WEB_DIR, ['.ts', '.tsx'])) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.:-]*)'/g)) {
        const key = match[1]!;
        if (!keys.has(key)) missing.push(`${path.relative(WEB_DIR, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

/** Props that carry text a person reads: a literal string in one of them is untranslated text. */
const TEXT_PROPS = new Set([
  'label',
  'title',
  'placeholder',
  'aria-label',
  'alt',
  'description',
  'message',
  'confirmLabel',
  'nothingFoundMessage',
]);

/**
 * Literal user-facing text in a .tsx source: JSX text with a letter in it (`<b>Kaydet</b>`) and
 * string literals in text props (`label="Ad"`). Parsed with TypeScript, so generics and comparisons
 * in code are not mistaken for markup.
 */
function literalTexts(source: string): string[] {
  const file = ts.createSourceFile('x.tsx', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /\p{L}/u.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && TEXT_PROPS.has(node.name.getText(file)) && node.initializer) {
      const init = node.initializer;
      const literal = ts.isStringLiteral(init)
        ? init
        : ts.isJsxExpression(init) && init.expression && ts.isStringLiteral(init.expression)
          ? init.expression
          : null;
      if (literal && /\p{L}/u.test(literal.text)) found.push(literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('components', () => {
  it('the scanner finds literal text', () => {
    expect(literalTexts('<Button>Kaydet</Button>')).toEqual(['Kaydet']);
    expect(literalTexts('<Text>{t("a")}</Text>')).toEqual([]);
    expect(literalTexts('<p>مرحبا</p>')).toEqual(['مرحبا']);
    expect(literalTexts('<TextInput label="Ad" />')).toEqual(['Ad']);
    expect(literalTexts('const x = useState<Foo | null>(null); const y = a > b && c < d;')).toEqual([]);
  });

  it('no .tsx file has literal text between tags', () => {
    const offenders: string[] = [];
    for (const file of sourceFiles(WEB_DIR, ['.tsx'])) {
      for (const text of literalTexts(fs.readFileSync(file, 'utf8')))
        offenders.push(`${path.relative(WEB_DIR, file)}: ${text}`);
    }
    expect(offenders).toEqual([]);
  });
});

describe('Arabic wording (issue 14)', () => {
  const entries = (node: unknown, path = ''): [string, string][] =>
    typeof node === 'string'
      ? [[path, node]]
      : Object.entries(node as Record<string, unknown>).flatMap(([k, v]) => entries(v, path ? `${path}.${k}` : k));
  const arabic = entries(ar);

  it('explains every Turkish acronym in Arabic, with the acronym in brackets', () => {
    const explained: Record<string, string> = {
      SGK: 'الضمان الاجتماعي',
      KVKK: 'قانون حماية البيانات الشخصية',
      İŞKUR: 'مؤسسة التوظيف التركية',
      SYDV: 'وقف المساعدة الاجتماعية والتضامن',
      VKN: 'الرقم الضريبي',
      TCKN: 'رقم الهوية التركية',
      YKN: 'رقم هوية الأجنبي',
      ŞEY: 'مساعدة التعليم المشروطة',
      SUY: 'مساعدة الانسجام الاجتماعي',
    };
    const bare = arabic.filter(([, text]) =>
      Object.entries(explained).some(
        ([acronym, words]) =>
          new RegExp(`(^|[^\\p{L}])${acronym}($|[^\\p{L}])`, 'u').test(text) &&
          !text.includes(words) &&
          !text.includes(`(${acronym})`),
      ),
    );
    expect(bare.map(([key]) => key)).toEqual([]);
  });

  it('calls the counsellor by one term', () => {
    expect(arabic.filter(([, text]) => text.includes('مستشار')).map(([key]) => key)).toEqual([]);
  });
});
