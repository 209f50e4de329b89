/**
 * Multi-row inserts of hundreds of rows at once (the batch import): the rows go to the database as one
 * JSON parameter, spread into the table's row type there (`jsonb_populate_recordset`). Drizzle's own
 * multi-row insert builds one parameter per value and checks each one's type on the way, which cost more
 * than the database's work at 500 rows of a wide table (about a third of the import's time, profiled).
 *
 * Same result as `db.insert(table).values(rows)`: a column a row leaves out takes its default (rows are
 * grouped by the columns they give, one statement per group), values are mapped to the driver as drizzle
 * maps them (dates to ISO strings), JSON columns are stored as given. Rows that give a column of a custom
 * type (bytea) go through drizzle's insert; a custom column left to its default (persons' `matching_xid`,
 * xid8, stamped by a trigger) does not send the table there (it did: 0039's column made every import chunk's
 * persons a drizzle insert again).
 */
import { getTableColumns, getTableName, sql, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../db/client.ts';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function insertRows<T extends PgTable>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, Column>;
  const groups = new Map<string, { keys: string[]; rows: Record<string, unknown>[] }>();
  for (const row of rows as Record<string, unknown>[]) {
    const keys = Object.keys(row).filter((k) => row[k] !== undefined && columns[k]);
    const signature = keys.join(',');
    let group = groups.get(signature);
    if (!group) groups.set(signature, (group = { keys, rows: [] }));
    group.rows.push(row);
  }
  const name = quote(getTableName(table));
  for (const { keys, rows: list } of groups.values()) {
    if (keys.some((k) => columns[k]!.columnType === 'PgCustomColumn')) {
      await db.insert(table).values(list as T['$inferInsert'][]);
      continue;
    }
    const names = keys.map((k) => quote(columns[k]!.name)).join(', ');
    const json = list.map((row) => {
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const column = columns[k]!;
        const value = row[k];
        out[column.name] =
          value === null || column.columnType === 'PgJsonb' || column.columnType === 'PgJson'
            ? value
            : column.mapToDriverValue(value);
      }
      return out;
    });
    await db.execute(
      sql`INSERT INTO ${sql.raw(name)} (${sql.raw(names)})
          SELECT ${sql.raw(names)} FROM jsonb_populate_recordset(NULL::${sql.raw(name)}, ${JSON.stringify(json)}::jsonb)`,
    );
  }
}
