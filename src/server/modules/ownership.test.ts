import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableName, is, Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import { KNOWN_FOREIGN_WRITES, TABLE_OWNERS, type ModuleName } from './ownership.ts';

/** The drizzle table objects by their variable name, and every table's SQL name. */
const tableVars = new Map<string, string>();
for (const [name, value] of Object.entries(schema)) if (is(value, Table)) tableVars.set(name, getTableName(value));
const allTables = new Set(tableVars.values());

const owners = new Map<string, ModuleName>();
for (const [module, tables] of Object.entries(TABLE_OWNERS) as [ModuleName, readonly string[]][])
  for (const table of tables) owners.set(table, module);

export interface Write {
  table: string;
  how: string;
}

/**
 * The tables a source text writes: drizzle's `.insert(t)`, `.update(t)`, `.delete(t)` on a table
 * object, and raw SQL `INSERT INTO`, `UPDATE`, `DELETE FROM` naming a table or interpolating one.
 */
export function writesIn(source: string): Write[] {
  const found: Write[] = [];
  for (const m of source.matchAll(/\.(insert|update|delete)\(\s*(\w+)\s*\)/g)) {
    const table = tableVars.get(m[2]!);
    if (table) found.push({ table, how: `${m[1]}(${m[2]})` });
  }
  for (const m of source.matchAll(/\b(INSERT INTO|UPDATE|DELETE FROM)\s+(?:\$\{(\w+)\}|"?(\w+)"?)/g)) {
    const table = m[2] ? tableVars.get(m[2]) : allTables.has(m[3]!) ? m[3] : undefined;
    if (table) found.push({ table, how: `${m[1]} ${m[2] ?? m[3]}` });
  }
  return found;
}

const modulesDir = path.dirname(fileURLToPath(import.meta.url));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Every write of a table by a module that does not own it, as "module → table". */
function foreignWrites() {
  const result = new Map<string, string[]>();
  for (const module of Object.keys(TABLE_OWNERS) as ModuleName[]) {
    for (const file of sourceFiles(path.join(modulesDir, module))) {
      for (const w of writesIn(fs.readFileSync(file, 'utf8'))) {
        if (owners.get(w.table) === module) continue;
        const key = `${module} → ${w.table}`;
        result.set(key, [...(result.get(key) ?? []), `${path.relative(modulesDir, file)}: ${w.how}`]);
      }
    }
  }
  return result;
}

describe('one writer per table', () => {
  it('names an owner for every table of the schema, and only tables that exist', () => {
    expect([...allTables].filter((t) => !owners.has(t))).toEqual([]);
    expect([...owners.keys()].filter((t) => !allTables.has(t))).toEqual([]);
  });

  it('finds drizzle and raw SQL writes (the detector itself)', () => {
    expect(writesIn('await tx.insert(users).values({})').map((w) => w.table)).toEqual(['users']);
    expect(writesIn('db.update( vacancies ).set({})').map((w) => w.table)).toEqual(['vacancies']);
    expect(writesIn('sql`DELETE FROM ${sessions} WHERE`').map((w) => w.table)).toEqual(['sessions']);
    expect(writesIn("query('UPDATE referrals SET status = $1')").map((w) => w.table)).toEqual(['referrals']);
    expect(writesIn('db.select().from(users); update(state)')).toEqual([]);
  });

  it('finds no module writing a table it does not own, beyond the known list (which may only shrink)', () => {
    const found = foreignWrites();
    const known = new Set(KNOWN_FOREIGN_WRITES.map((k) => `${k.module} → ${k.table}`));
    const unexpected = Object.fromEntries([...found].filter(([key]) => !known.has(key)));
    expect(unexpected, 'a module writes a table another module owns: call the owner instead').toEqual({});
    const stale = [...known].filter((key) => !found.has(key));
    expect(stale, 'these known violations are gone: remove them from KNOWN_FOREIGN_WRITES').toEqual([]);
  });
});
