import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { fold, type CommuteMinutes } from '../../../common/matching.ts';

/**
 * The district travel-time matrix (docs/MATCHING.md, "Commute"): `data/commute-minutes.csv`, estimated
 * by `scripts/commute-matrix.ts`; KOPRU_COMMUTE_DATA points at an office's own file with the same columns
 * (province, from, to, minutes). Read once per process; names are compared folded, so "Kadıköy",
 * "KADIKÖY" and "kadikoy" are one district.
 */
export const COMMUTE_FILE =
  process.env.KOPRU_COMMUTE_DATA ?? path.resolve(import.meta.dirname, 'data', 'commute-minutes.csv');

let matrix: Map<string, number> | null = null;

const key = (province: string, from: string, to: string) => `${fold(province)}|${fold(from)}|${fold(to)}`;

export function loadCommuteMatrix(file = COMMUTE_FILE): Map<string, number> {
  const rows = parse<{ province: string; from: string; to: string; minutes: string }>(fs.readFileSync(file), {
    columns: true,
    skip_empty_lines: true,
    trim: true,
    bom: true,
  });
  const out = new Map<string, number>();
  for (const r of rows) {
    const minutes = Number(r.minutes);
    if (!Number.isFinite(minutes) || minutes < 0) throw new Error(`${file}: bad minutes for ${r.from} → ${r.to}`);
    out.set(key(r.province, r.from, r.to), minutes);
  }
  return out;
}

/** Minutes from one district to another of the same province, null where the matrix has no figure. */
export const commuteMinutes: CommuteMinutes = (from, to) => {
  matrix ??= loadCommuteMatrix();
  if (fold(from.province) !== fold(to.province)) return null;
  return matrix.get(key(from.province, from.district, to.district)) ?? null;
};
