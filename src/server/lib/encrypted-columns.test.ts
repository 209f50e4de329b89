import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableColumns, getTableName, is, Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { ENCRYPTED_COLUMNS } from './encrypted-columns.ts';
import { TABLE_OWNERS } from '../modules/ownership.ts';

// The key rotation re-seals only what ENCRYPTED_COLUMNS lists: a column sealed with encrypt() or holding
// a blindIndex() that is not listed would stay under a retired key and become unreadable. This test
// finds them in the schema (columns named *_enc or *_index) and in the code (what encrypt( and
// blindIndex( are assigned to).

/** SQL column names by table, and the table(s) of each TypeScript property name. */
const columnsOf = new Map<string, Set<string>>();
const tablesOfProperty = new Map<string, { table: string; column: string }[]>();
for (const value of Object.values(schema)) {
  if (!is(value, Table)) continue;
  const table = getTableName(value);
  const cols = getTableColumns(value);
  columnsOf.set(table, new Set(Object.values(cols).map((c) => c.name)));
  for (const [prop, col] of Object.entries(cols))
    tablesOfProperty.set(prop, [...(tablesOfProperty.get(prop) ?? []), { table, column: col.name }]);
}

const registered = new Set(
  ENCRYPTED_COLUMNS.flatMap((s) => [
    ...s.sealed.map((c) => `${s.table}.${c}`),
    ...(s.sealedInJson ? [`${s.table}.${s.sealedInJson.column}`] : []),
    ...(s.index ? [`${s.table}.${s.index.column}`] : []),
  ]),
);
/** Fields inside a registered jsonb column that hold ciphertexts (import rows' `data`). */
const jsonFields = new Set(ENCRYPTED_COLUMNS.flatMap((s) => (s.sealedInJson ? [s.sealedInJson.field] : [])));

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.includes('test-helpers') ? [full] : [];
  });
}
// The crypto itself and the rotation, which re-seals generically.
const SKIP = new Set(['lib/crypto.ts', 'lib/key-rotation.ts']);

/** The names that `encrypt(`/`blindIndex(` results are assigned to in a source text. */
export function assignedFrom(source: string, fn: 'encrypt' | 'blindIndex'): string[] {
  const names: string[] = [];
  const re = new RegExp(`(?:\\.|\\b)(\\w+)\\s*(?::|=)(?!=)[^;\\n]*?\\b${fn}\\(`, 'g');
  for (const m of source.matchAll(re)) names.push(m[1]!);
  return names;
}

describe('the registry of encrypted columns', () => {
  it('names tables and columns that exist, owned by the module it says', () => {
    for (const set of ENCRYPTED_COLUMNS) {
      const cols = columnsOf.get(set.table);
      expect(cols, set.table).toBeDefined();
      const owner = (TABLE_OWNERS as Record<string, readonly string[]>)[set.owner];
      expect(owner, `${set.name}: owner ${set.owner}`).toContain(set.table);
      for (const c of [
        ...set.key.map((k) => k.column),
        ...set.sealed,
        ...(set.sealedInJson ? [set.sealedInJson.column] : []),
        ...(set.index ? [set.index.column, ...set.index.reads] : []),
      ])
        expect(cols!.has(c), `${set.table}.${c}`).toBe(true);
    }
    expect(new Set(ENCRYPTED_COLUMNS.map((s) => s.name)).size).toBe(ENCRYPTED_COLUMNS.length);
  });

  it('lists every *_enc and *_index column of the schema', () => {
    const missing: string[] = [];
    for (const [table, cols] of columnsOf)
      for (const c of cols)
        if (/_(enc|index)$/.test(c) && !registered.has(`${table}.${c}`)) missing.push(`${table}.${c}`);
    expect(missing, 'add them to ENCRYPTED_COLUMNS in lib/encrypted-columns.ts').toEqual([]);
  });

  it('lists every column the code assigns an encrypt( or blindIndex( result to', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(serverDir)) {
      const rel = path.relative(serverDir, file).split(path.sep).join('/');
      if (SKIP.has(rel)) continue;
      const source = fs.readFileSync(file, 'utf8');
      for (const fn of ['encrypt', 'blindIndex'] as const) {
        for (const name of assignedFrom(source, fn)) {
          const places = tablesOfProperty.get(name);
          if (places) {
            // A schema property: one of the tables with that property must list it.
            if (!places.some((p) => registered.has(`${p.table}.${p.column}`))) missing.push(`${rel}: ${name}`);
          } else if (fn === 'encrypt' && !jsonFields.has(name)) {
            // Sealed into something that is not a column: a local variable or a JSON field the rotation
            // does not know. Name it in the registry (sealedInJson) or assign straight to the column.
            missing.push(`${rel}: ${name}`);
          }
        }
      }
    }
    expect(missing, 'add them to ENCRYPTED_COLUMNS in lib/encrypted-columns.ts').toEqual([]);
  });

  it('finds assignments the way the code writes them', () => {
    expect(assignedFrom('values.idNumberEnc = encrypt(number, k);', 'encrypt')).toEqual(['idNumberEnc']);
    expect(assignedFrom('  detailsEnc: secret ? encrypt(JSON.stringify(s), k) : null,', 'encrypt')).toEqual([
      'detailsEnc',
    ]);
    expect(assignedFrom('const x = decrypt(y, k);', 'encrypt')).toEqual([]);
    expect(assignedFrom('if (a === encrypt(b, k)) {}', 'encrypt')).toEqual([]);
  });
});
