/**
 * NACE Rev. 2 (Türkiye's NACE matches it at section and division level) and the occupational-safety
 * hazard class suggested for a division. The official list (İşyeri Tehlike Sınıfları Tebliği) assigns a
 * class per 6-digit code; at division level this is the most common class, so staff confirm the class
 * from the employer's SGK record.
 */
import type { HazardClass } from './decent-work.ts';

/** Section letter for each division number. */
const SECTIONS: [string, number, number][] = [
  ['A', 1, 3],
  ['B', 5, 9],
  ['C', 10, 33],
  ['D', 35, 35],
  ['E', 36, 39],
  ['F', 41, 43],
  ['G', 45, 47],
  ['H', 49, 53],
  ['I', 55, 56],
  ['J', 58, 63],
  ['K', 64, 66],
  ['L', 68, 68],
  ['M', 69, 75],
  ['N', 77, 82],
  ['O', 84, 84],
  ['P', 85, 85],
  ['Q', 86, 88],
  ['R', 90, 93],
  ['S', 94, 96],
  ['T', 97, 98],
  ['U', 99, 99],
];

const VERY_HAZARDOUS = new Set([5, 6, 7, 8, 9, 19, 20, 23, 24, 35, 38, 39, 41, 42, 43]);
const HAZARDOUS = new Set([
  1, 2, 3, 10, 11, 12, 13, 14, 15, 16, 17, 18, 21, 22, 25, 26, 27, 28, 29, 30, 31, 32, 33, 36, 37, 45, 49, 50, 51, 52,
  53, 81, 86,
]);

/** "56.10" or "5610" or "56" → 56, or null when it is not a NACE code. */
export function naceDivision(code: string): number | null {
  const m = /^(\d{2})(?:\.?(\d{1,2})(?:\.?(\d{1,2}))?)?$/.exec(code.trim());
  if (!m) return null;
  const division = Number(m[1]);
  return SECTIONS.some(([, from, to]) => division >= from && division <= to) ? division : null;
}

export function naceSection(code: string): string | null {
  const division = naceDivision(code);
  if (division === null) return null;
  return SECTIONS.find(([, from, to]) => division >= from && division <= to)![0];
}

export function suggestHazardClass(code: string): HazardClass | null {
  const division = naceDivision(code);
  if (division === null) return null;
  if (VERY_HAZARDOUS.has(division)) return 'very-hazardous';
  if (HAZARDOUS.has(division)) return 'hazardous';
  return 'low';
}

/** Disability quota (Labour Law art. 30): 3 % of workers for private employers with 50 or more, 4 % for public ones. */
export function disabilityQuota(workerCount: number, isPublic: boolean): number {
  if (workerCount < 50) return 0;
  return Math.floor((workerCount * (isPublic ? 4 : 3)) / 100);
}
