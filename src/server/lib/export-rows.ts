/**
 * Rows of a module's tables as the access export (data-protection desk) carries them: dates as ISO
 * strings, the organisation id left out (it is the controller, not data about the person).
 */
export type ExportRow = Record<string, unknown>;

export function exportRows(rows: readonly object[]): ExportRow[] {
  return rows.map((row) => {
    const out: ExportRow = {};
    for (const [k, v] of Object.entries(row)) {
      if (k === 'organisationId') continue;
      out[k] = v instanceof Date ? v.toISOString() : v;
    }
    return out;
  });
}
