/**
 * Search keys for job titles and skills in Turkish, English and Arabic (issue 10, DESIGN.md §5).
 *
 * Two keys per label and per query:
 * - the **search key**: Turkish lower case folded to ASCII ("AŞÇI", "ascı" → "asci"), Arabic letters
 *   unified (hamza forms, ta marbuta, alef maqsura, tashkeel, tatweel), punctuation dropped;
 * - the **stem key**: the search key with suffixes taken off each word — Turkish derivational and
 *   inflectional suffixes ("garsonluk" → "garson", "bakıcılığı" → "bak"), English ones ("cooking" →
 *   "cook"), Arabic's article "ال" and a final ta marbuta/ha.
 * The database compares both with trigram similarity (pg_trgm), which absorbs typos. The same functions
 * build the keys of the stored labels and of what a user types, so they only need to be consistent,
 * not linguistically perfect.
 */
import { foldAscii, stripApostropheSuffix } from './text.ts';

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;
/** Tashkeel (harakat, tanwin, shadda, sukun, superscript alef) and Quranic marks. */
const TASHKEEL = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
const TATWEEL = /\u0640/g;

export function hasArabic(value: string): boolean {
  return ARABIC_SCRIPT.test(value);
}

/**
 * Arabic spelling variants folded together: tashkeel and tatweel removed; أ إ آ ٱ → ا; ؤ → و; ئ → ي;
 * a lone hamza ء dropped; ة → ه; ى → ي; Persian/Urdu ک ی → ك ي; Arabic-Indic digits → ASCII.
 */
export function normalizeArabic(value: string): string {
  return value
    .normalize('NFC')
    .replace(TASHKEEL, '')
    .replace(TATWEEL, '')
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي')
    .replace(/ء/g, '')
    .replace(/ة/g, 'ه')
    .replace(/[ىی]/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** The words of a label: apostrophe suffixes dropped, Turkish-folded, Arabic-normalised, no punctuation. */
function words(value: string): string[] {
  return normalizeArabic(value)
    .split(/[\s/,;()\-–—_.]+/)
    .map((w) => foldAscii(stripApostropheSuffix(w)).replace(/[^\p{L}\p{N}]/gu, ''))
    .filter(Boolean);
}

/** The search key: folded words joined by single spaces ("Kasa Görevlisi" → "kasa gorevlisi"). */
export function taxonomyKey(value: string): string {
  return words(value).join(' ');
}

const MIN_STEM = 3;

/**
 * Turkish suffixes on the ASCII-folded form, tried longest first and repeatedly: -lığı/-lüğü (the
 * possessive of -lık), -lık/-lik/-luk/-lük, -cı/-ci/-çı/-çi (→ ci), -cu/-cü/-çu/-çü (→ cu), plural
 * -lar/-ler, the possessive/compound -ı/-i/-u/-ü and -sı/-si/-su/-sü, and "-yım" (I am a …).
 * A stem keeps at least three letters ("aşçı" stays "asci").
 */
const TURKISH_SUFFIXES = [
  'ligi',
  'lugu',
  'lik',
  'luk',
  'yim',
  'yum',
  'lar',
  'ler',
  'ci',
  'cu',
  'si',
  'su',
  'ni',
  'nu',
  'i',
  'u',
];

export function turkishStemWord(word: string): string {
  let w = word;
  for (let round = 0; round < 4; round++) {
    const suffix = TURKISH_SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= MIN_STEM);
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
  }
  return w;
}

/** English suffixes: -ing, -ers/-er, -ry, -ist, -s (cooking/cooker/cook → cook; tiling/tiler → til). */
const ENGLISH_SUFFIXES = ['ings', 'ing', 'ers', 'er', 'ress', 'ry', 'ors', 'or', 'ist', 'es', 's'];

export function englishStemWord(word: string): string {
  const suffix = ENGLISH_SUFFIXES.find((s) => word.endsWith(s) && word.length - s.length >= MIN_STEM);
  let w = suffix ? word.slice(0, -suffix.length) : word;
  // A doubled final consonant left by -ing/-er (babysitting → babysitt → babysit).
  if (w.length > MIN_STEM && /([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Arabic: the article ال (also after و/ب/ل: "وال", "بال", "لل"), a final ه (ta marbuta), plural -ين/-ات/-ون. */
export function arabicStemWord(word: string): string {
  let w = word;
  const article = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'].find((p) => w.startsWith(p) && w.length - p.length >= 2);
  if (article) w = w.slice(article.length);
  const plural = ['ين', 'ات', 'ون'].find((s) => w.endsWith(s) && w.length - s.length >= MIN_STEM);
  if (plural) w = w.slice(0, -plural.length);
  if (w.endsWith('ه') && w.length - 1 >= MIN_STEM) w = w.slice(0, -1);
  return w;
}

export type StemLang = 'tr' | 'en' | 'ar';

/** The stem key of a search key in one language (Arabic words are stemmed as Arabic whatever `lang`). */
export function stemKey(key: string, lang: StemLang): string {
  return key
    .split(' ')
    .filter(Boolean)
    .map((w) => (hasArabic(w) ? arabicStemWord(w) : lang === 'en' ? englishStemWord(w) : turkishStemWord(w)))
    .join(' ');
}

/** Both keys of a stored label in its language. */
export function labelKeys(label: string, lang: StemLang): { searchKey: string; stemKey: string } {
  const key = taxonomyKey(label);
  return { searchKey: key, stemKey: stemKey(key, lang) };
}

/**
 * The keys of what a user typed, whose language is unknown (a Turkish speaker may type "cook"): the
 * search key, and its Turkish and English stems (Arabic text gets the Arabic stem in both).
 */
export function queryKeys(query: string): { key: string; stemTr: string; stemEn: string } {
  const key = taxonomyKey(query);
  return { key, stemTr: stemKey(key, 'tr'), stemEn: stemKey(key, 'en') };
}
