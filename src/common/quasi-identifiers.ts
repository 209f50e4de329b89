/**
 * Coarsening rare combinations of quasi-identifiers on an anonymised record (erasure and periodic
 * destruction, docs/DATA-PROTECTION-DESK.md). Names, numbers and contact details are gone from the record,
 * but what statistics keep — district, nationality, age band, target groups — can still single a person
 * out where few share it ("the only Afghan woman of 60–64 with a disability in Şile"). When the record's
 * combination is shared by fewer persons of the organisation than the disclosure threshold (the
 * small-cell threshold of the released tables, src/common/disclosure.ts, default 11), it is coarsened one
 * step of a fixed ladder at a time until it is shared by enough, or the ladder ends:
 *
 * 1. nationality → its world region (UN M49 sub-region code, e.g. SY → 145 Western Asia; `ZZ` when unknown);
 * 2. district → `—` (the province stays);
 * 3. the five-year age band → a twenty-year band;
 * 4. nationality → `ZZ` (other / unknown region).
 *
 * The target-group codes are never changed (the indicators count them); they are part of the combination
 * compared. The comparison applies the same steps to everyone, so a coarsened record is counted with the
 * records that would look the same.
 */

export interface QuasiIdentifiers {
  province: string;
  district: string;
  nationality: string;
  /** The first year of the person's age band (the anonymised record's birth year, or a real birth year). */
  birthYear: number;
  /** Target-group codes; order does not matter. */
  groups: readonly string[];
}

/** A combination and how many persons of the organisation share it. */
export interface QuasiIdentifierCount {
  qi: QuasiIdentifiers;
  count: number;
}

export const COARSENING_STEPS = ['nationality-region', 'district', 'age-band-20', 'nationality-other'] as const;
export type CoarseningStep = (typeof COARSENING_STEPS)[number];

export const COARSENED_DISTRICT = '—';
export const OTHER_NATIONALITY = 'ZZ';

/** UN M49 sub-regions of the nationalities the services meet most; any other country becomes `ZZ`. */
export const NATIONALITY_REGIONS: Readonly<Record<string, string>> = {
  // 145 Western Asia
  ...Object.fromEntries(
    ['TR', 'SY', 'IQ', 'AZ', 'GE', 'AM', 'JO', 'LB', 'PS', 'SA', 'YE', 'KW', 'QA', 'AE', 'OM', 'BH', 'IL', 'CY'].map(
      (c) => [c, '145'],
    ),
  ),
  // 034 Southern Asia
  ...Object.fromEntries(['AF', 'IR', 'PK', 'IN', 'BD', 'NP', 'LK'].map((c) => [c, '034'])),
  // 143 Central Asia
  ...Object.fromEntries(['TM', 'UZ', 'KZ', 'KG', 'TJ'].map((c) => [c, '143'])),
  // 015 Northern Africa
  ...Object.fromEntries(['EG', 'LY', 'TN', 'DZ', 'MA', 'SD'].map((c) => [c, '015'])),
  // 202 Sub-Saharan Africa
  ...Object.fromEntries(['SO', 'ER', 'ET', 'NG', 'SN', 'CD', 'CM', 'GH', 'CI', 'KE', 'SS'].map((c) => [c, '202'])),
  // 151 Eastern Europe
  ...Object.fromEntries(['RU', 'UA', 'BY', 'MD', 'BG', 'RO', 'PL', 'HU', 'CZ', 'SK'].map((c) => [c, '151'])),
  // 039 Southern Europe
  ...Object.fromEntries(['GR', 'AL', 'MK', 'BA', 'RS', 'XK', 'ME', 'IT', 'ES', 'PT'].map((c) => [c, '039'])),
};
const REGIONS = new Set([...Object.values(NATIONALITY_REGIONS), OTHER_NATIONALITY]);

export function regionOf(nationality: string): string {
  if (REGIONS.has(nationality)) return nationality;
  return NATIONALITY_REGIONS[nationality.toUpperCase()] ?? OTHER_NATIONALITY;
}

/** The first year of the `width`-year band a year falls in (1993, 5 → 1990; 1993, 20 → 1980). */
export function bandStart(year: number, width: number): number {
  return Math.floor(year / width) * width;
}

/** A combination after the first `level` steps of the ladder (level 0: the five-year band only). */
export function generalise(qi: QuasiIdentifiers, level: number): QuasiIdentifiers {
  const steps = COARSENING_STEPS.slice(0, level);
  return {
    province: qi.province,
    district: steps.includes('district') ? COARSENED_DISTRICT : qi.district,
    nationality: steps.includes('nationality-other')
      ? OTHER_NATIONALITY
      : steps.includes('nationality-region')
        ? regionOf(qi.nationality)
        : qi.nationality,
    birthYear: bandStart(qi.birthYear, steps.includes('age-band-20') ? 20 : 5),
    groups: [...new Set(qi.groups)].sort(),
  };
}

const keyOf = (q: QuasiIdentifiers) =>
  [q.province, q.district, q.nationality, String(q.birthYear), q.groups.join(',')].join('|');

export interface Coarsening {
  /** What the record keeps. */
  qi: QuasiIdentifiers;
  /** The steps applied (empty when the combination was common enough). */
  steps: CoarseningStep[];
  /** How many persons share the kept combination, the record included. */
  count: number;
  /** False when even the end of the ladder leaves fewer than the threshold (the record stays at it). */
  safe: boolean;
}

/**
 * Coarsens a record's combination until at least `threshold` persons share it. `others` are the other
 * persons of the organisation (the record itself not among them), grouped or not.
 */
export function coarsenRare(
  record: QuasiIdentifiers,
  others: readonly QuasiIdentifierCount[],
  threshold: number,
): Coarsening {
  let last: Coarsening | null = null;
  for (let level = 0; level <= COARSENING_STEPS.length; level++) {
    const mine = generalise(record, level);
    const key = keyOf(mine);
    let count = 1;
    for (const o of others) if (keyOf(generalise(o.qi, level)) === key) count += o.count;
    last = { qi: mine, steps: COARSENING_STEPS.slice(0, level), count, safe: count >= threshold };
    if (last.safe) return last;
  }
  return last!;
}
