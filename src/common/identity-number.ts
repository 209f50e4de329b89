/**
 * Turkish identity numbers (RULES.md). TCKN: 11 digits, first not 0,
 * d10 = ((d1+d3+d5+d7+d9)·7 − (d2+d4+d6+d8)) mod 10 (non-negative), d11 = (d1+…+d10) mod 10.
 * Foreigner identity numbers (YKN), including temporary protection, start with 99 and use the same checksum.
 */
export function hasTcknChecksum(value: string): boolean {
  if (!/^[1-9]\d{10}$/.test(value)) return false;
  const d = [...value].map(Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  if (d10 !== d[9]) return false;
  const d11 = d.slice(0, 10).reduce((a, b) => a + b, 0) % 10;
  return d11 === d[10];
}

export type IdKind = 'tckn' | 'ykn' | 'passport';

/** A citizen's TCKN: valid checksum and not a foreigner number. */
export function isValidTckn(value: string): boolean {
  return hasTcknChecksum(value) && !value.startsWith('99');
}

/** A foreigner identity number (YKN), e.g. for people under temporary protection. */
export function isValidYkn(value: string): boolean {
  return value.startsWith('99') && hasTcknChecksum(value);
}

/** Passports: free format, letters and digits, 5–20 characters. */
export function isValidPassport(value: string): boolean {
  return /^[A-Z0-9]{5,20}$/.test(value);
}

export function normaliseIdNumber(kind: IdKind, value: string): string {
  const compact = value.replace(/[\s-]/g, '');
  return kind === 'passport' ? compact.toUpperCase() : compact;
}

export function isValidIdNumber(kind: IdKind, value: string): boolean {
  const v = normaliseIdNumber(kind, value);
  switch (kind) {
    case 'tckn':
      return isValidTckn(v);
    case 'ykn':
      return isValidYkn(v);
    case 'passport':
      return isValidPassport(v);
  }
}

/** Shown masked: the first two and last two characters, e.g. 12*******34. */
export function maskIdNumber(value: string): string {
  if (value.length <= 4) return '*'.repeat(value.length);
  return `${value.slice(0, 2)}${'*'.repeat(value.length - 4)}${value.slice(-2)}`;
}

/** Builds a valid TCKN (or YKN with prefix "99") from the first nine digits: for tests and demo data. */
export function withTcknChecksum(firstNine: string): string {
  const d = [...firstNine].map(Number);
  const odd = d[0]! + d[2]! + d[4]! + d[6]! + d[8]!;
  const even = d[1]! + d[3]! + d[5]! + d[7]!;
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  const d11 = (d.reduce((a, b) => a + b, 0) + d10) % 10;
  return `${firstNine}${d10}${d11}`;
}

/**
 * VKN, the 10-digit tax number (published algorithm): for each of the first nine digits d_i (i = 1…9),
 * t = (d_i + 10 − i) mod 10, v = t · 2^(10 − i) mod 9 (9 when t ≠ 0 and that is 0); the check digit is
 * (10 − (Σv mod 10)) mod 10.
 */
export function isValidVkn(value: string): boolean {
  if (!/^\d{10}$/.test(value)) return false;
  const d = [...value].map(Number);
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const t = (d[i]! + 10 - (i + 1)) % 10;
    let v = (t * 2 ** (10 - (i + 1))) % 9;
    if (t !== 0 && v === 0) v = 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10 === d[9];
}

/** Builds a valid VKN from its first nine digits: for tests and demo data. */
export function withVknChecksum(firstNine: string): string {
  for (let c = 0; c <= 9; c++) if (isValidVkn(`${firstNine}${c}`)) return `${firstNine}${c}`;
  throw new Error('unreachable');
}

/** SGK workplace registration number: 26 digits (its check method is not published: format only). */
export function isValidSgkWorkplaceNumber(value: string): boolean {
  return /^\d{26}$/.test(value.replace(/[\s.-]/g, ''));
}
