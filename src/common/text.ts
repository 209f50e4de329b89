/**
 * Turkish-aware text keys for search (DESIGN.md §5). PostgreSQL's lower() is not Turkish-aware, so the
 * application builds the keys: NFC, Turkish lower case, suffixes after an apostrophe removed, and an
 * ASCII-folded twin so that "sisli", "Şişli" and "ŞİŞLİ" all meet.
 */
const ASCII_FOLD: Record<string, string> = {
  ç: 'c',
  ğ: 'g',
  ı: 'i',
  ö: 'o',
  ş: 's',
  ü: 'u',
  â: 'a',
  î: 'i',
  û: 'u',
};

export function turkishLower(value: string): string {
  return value.normalize('NFC').toLocaleLowerCase('tr');
}

/** Drops the suffix written after an apostrophe on a proper noun: "İstanbul'da" → "İstanbul". */
export function stripApostropheSuffix(word: string): string {
  return word.replace(/['’`][\p{L}]*$/u, '');
}

/** Turkish lower case folded to ASCII letters; other scripts (Arabic) are kept, diacritics removed. */
export function foldAscii(value: string): string {
  return turkishLower(value)
    .replace(/[çğıöşüâîû]/g, (c) => ASCII_FOLD[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC');
}

/** The search key of a name or a phrase: words folded, apostrophe suffixes removed, spaces collapsed. */
export function searchKey(value: string): string {
  return value
    .split(/\s+/)
    .map((w) => stripApostropheSuffix(w))
    .map((w) => foldAscii(w).replace(/[^\p{L}\p{N}-]/gu, ''))
    .filter(Boolean)
    .join(' ');
}

/** Compares names in Turkish alphabetical order (C < Ç, I < İ …). */
export const turkishCollator = new Intl.Collator('tr', { sensitivity: 'base' });
