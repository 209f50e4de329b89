import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableColumns, getTableName, is, Table } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.ts';
import {
  CASE_TABLES_WITHOUT_ORGANISATION,
  CROSS_ORGANISATION_QUERIES,
  NOT_CASE_TABLES,
  UNSCOPED_QUERIES,
} from './organisation-scope.ts';

/**
 * Every case table carries organisation_id, and every function of a module that queries a case table
 * names the organisation (a filter on organisationId, or the scope helpers), so that the tables can
 * later be distributed by organisation. What crosses organisations on purpose is listed with its
 * reason; today's functions that rely on an earlier check instead are listed too, and that list may
 * only shrink.
 */
const tables = Object.entries(schema as Record<string, unknown>).filter((entry): entry is [string, Table] =>
  is(entry[1], Table),
);
const caseTables = new Map<string, string>();
for (const [name, table] of tables)
  if (!NOT_CASE_TABLES.includes(getTableName(table))) caseTables.set(name, getTableName(table));

/** Top-level functions of a source text, with their bodies. */
export function functionsOf(source: string): { name: string; body: string }[] {
  const starts = [
    ...source.matchAll(/^(?:export )?(?:async )?function\s+(\w+)|^(?:export )?const\s+(\w+)\s*=\s*(?:async\s*)?\(/gm),
  ];
  return starts.map((m, i) => ({
    name: m[1] ?? m[2]!,
    body: source.slice(m.index, i + 1 < starts.length ? starts[i + 1]!.index : source.length),
  }));
}

/** The case tables a function queries (drizzle from/join/insert/update/delete on a table object). */
export function caseTablesQueried(body: string): string[] {
  const found = new Set<string>();
  for (const m of body.matchAll(/\.(?:from|innerJoin|leftJoin|update|delete|insert)\(\s*(\w+)\s*\)/g)) {
    const table = caseTables.get(m[1]!);
    if (table) found.add(table);
  }
  return [...found];
}

/** Whether a function names the organisation: a filter on organisationId, the scope helpers, or organisation_id. */
export const namesOrganisation = (body: string) => /organisationId|organisation_id|scopeOf\(|inScope\(/.test(body);

const modulesDir = path.dirname(fileURLToPath(import.meta.url));
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && e.name !== 'index.ts' ? [full] : [];
  });
}

function unscoped(): Set<string> {
  const result = new Set<string>();
  for (const entry of fs.readdirSync(modulesDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const file of sourceFiles(path.join(modulesDir, entry.name))) {
      for (const fn of functionsOf(fs.readFileSync(file, 'utf8'))) {
        if (caseTablesQueried(fn.body).length > 0 && !namesOrganisation(fn.body))
          result.add(`${path.relative(modulesDir, file)}#${fn.name}`);
      }
    }
  }
  return result;
}

describe('organisation_id', () => {
  it('is a column of every case table (platform and global identity tables listed apart)', () => {
    const missing = tables
      .filter(([, t]) => !NOT_CASE_TABLES.includes(getTableName(t)))
      .filter(([, t]) => !Object.values(getTableColumns(t)).some((c) => c.name === 'organisation_id'))
      .map(([, t]) => getTableName(t));
    expect(missing.sort(), 'a case table without organisation_id').toEqual(
      [...CASE_TABLES_WITHOUT_ORGANISATION].sort(),
    );
    const listedWithColumn = tables
      .filter(([, t]) => NOT_CASE_TABLES.includes(getTableName(t)))
      .filter(([, t]) => Object.values(getTableColumns(t)).some((c) => c.name === 'organisation_id'))
      .map(([, t]) => getTableName(t));
    expect(listedWithColumn, 'these have organisation_id: they are case tables').toEqual([]);
  });

  it('detects a query of a case table that does not name the organisation (the detector itself)', () => {
    const [bad] = functionsOf('export async function f(ctx) {\n  return ctx.db.select().from(persons);\n}\n');
    expect(caseTablesQueried(bad!.body)).toEqual(['persons']);
    expect(namesOrganisation(bad!.body)).toBe(false);
    const [good] = functionsOf(
      'async function g(ctx) {\n  return ctx.db.select().from(persons).where(eq(persons.organisationId, o));\n}\n',
    );
    expect(namesOrganisation(good!.body)).toBe(true);
  });

  it('is named by every query of a case table, beyond the listed exceptions (the ratchet list may only shrink)', () => {
    const found = unscoped();
    const allowed = new Set([...Object.keys(CROSS_ORGANISATION_QUERIES), ...UNSCOPED_QUERIES]);
    expect([...found].filter((f) => !allowed.has(f)).sort(), 'scope these queries by organisation').toEqual([]);
    expect(
      [...allowed].filter((f) => !found.has(f)).sort(),
      'these now name the organisation (or are gone): remove them from organisation-scope.ts',
    ).toEqual([]);
  });
});
