/** Normalises an e-mail address for storage and look-up. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

export function looksLikeEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());
}

/**
 * Normalises a phone number to E.164. Turkish numbers may be written 0532 123 45 67, 532 123 45 67,
 * +90 532 123 45 67 or 90 532…; other countries need their + prefix. Returns null when it is not a number.
 */
export function normalisePhone(value: string): string | null {
  const trimmed = value.trim();
  const digits = trimmed.replace(/[\s\-().]/g, '');
  if (!/^\+?\d+$/.test(digits)) return null;
  let e164: string;
  if (digits.startsWith('+')) e164 = digits;
  else if (digits.startsWith('00')) e164 = `+${digits.slice(2)}`;
  else if (digits.startsWith('90') && digits.length === 12) e164 = `+${digits}`;
  else if (digits.startsWith('0') && digits.length === 11) e164 = `+90${digits.slice(1)}`;
  else if (digits.length === 10 && digits.startsWith('5')) e164 = `+90${digits}`;
  else return null;
  const national = e164.slice(1);
  if (national.length < 8 || national.length > 15) return null;
  if (e164.startsWith('+90') && e164.length !== 13) return null;
  return e164;
}

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
