/**
 * The discriminatory-wording check of the decent-work rules (Labour Law 4857 art. 5, Law 6701 on the
 * Human Rights and Equality Institution): phrases in a job ad that exclude or prefer people by sex,
 * age, nationality or ethnic origin, religion or dress, marital and family status, pregnancy,
 * disability, political opinion, union membership or appearance, in Turkish, English and Arabic.
 *
 * How it reads text: every field is folded one character at a time (Turkish lower case, Turkish
 * letters to ASCII, Arabic diacritics and tatweel dropped, alef/yaa/taa marbuta forms unified,
 * Arabic-Indic digits to ASCII, runs of spaces to one), keeping a map back to the original, so a
 * flag quotes the words exactly as written. The patterns name a group *and* the context that makes
 * it a requirement or an exclusion ("Bekar olması tercih", not "Bekar Sokak"; "kapalı bayan", not
 * "kapalı alan"), at word boundaries, with the suffixes Turkish and Arabic attach. A clause that says
 * the opposite ("cinsiyet fark etmez", "regardless of", "دون تمييز") is not flagged.
 *
 * Measured on the evaluation list in `wording-evaluation.ts` (see its test for the figures).
 */
export const DISCRIMINATION_GROUNDS = [
  'sex',
  'age',
  'nationality',
  'ethnicity',
  'religion',
  'marital-status',
  'pregnancy',
  'disability',
  'political-opinion',
  'union-membership',
  'appearance',
] as const;
export type DiscriminationGround = (typeof DISCRIMINATION_GROUNDS)[number];

export interface WordingFlag {
  rule: 'discriminatory-wording';
  /** Message key: decentWork.wording.<ground>. */
  code: string;
  ground: DiscriminationGround;
  /** The words found, as written. */
  excerpt: string;
  /** The field (JSON pointer) they were found in. */
  pointer: string;
}

interface WordingRule {
  ground: DiscriminationGround;
  pattern: RegExp;
  /** Further condition on the match (e.g. an age limit above the lawful minimum of 18). */
  accept?: (m: RegExpExecArray) => boolean;
}

// ---- folding ------------------------------------------------------------------------------------------

const LATIN: Record<string, string> = { ç: 'c', ğ: 'g', ı: 'i', ö: 'o', ş: 's', ü: 'u', â: 'a', î: 'i', û: 'u' };
const ARABIC: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
  ؤ: 'و',
  ئ: 'ي',
  '’': "'",
  '‘': "'",
  '`': "'",
  '–': '-',
  '—': '-',
  '،': ',',
  '؛': ';',
  '؟': '?',
};
/** Arabic harakat, tanween, superscript alef and tatweel: dropped. Latin combining marks too. */
function dropped(c: string): boolean {
  const code = c.charCodeAt(0);
  return (code >= 0x064b && code <= 0x065f) || code === 0x0670 || code === 0x0640 || (code >= 0x0300 && code <= 0x036f);
}

/** Folds text for matching; `map[i]` is the index in `text` of folded character i. */
export function foldForWording(input: string): { text: string; folded: string; map: number[] } {
  const text = input.normalize('NFC');
  let folded = '';
  const map: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < text.length; i++) {
    const lower = text[i]!.toLocaleLowerCase('tr');
    for (const raw of lower) {
      if (dropped(raw)) continue;
      let c = LATIN[raw] ?? ARABIC[raw] ?? raw;
      const code = c.charCodeAt(0);
      if (code >= 0x0660 && code <= 0x0669) c = String(code - 0x0660);
      else if (code >= 0x06f0 && code <= 0x06f9) c = String(code - 0x06f0);
      if (/\s/.test(c)) {
        if (lastSpace) continue;
        c = ' ';
        lastSpace = true;
      } else lastSpace = false;
      folded += c;
      map.push(i);
    }
  }
  return { text, folded, map };
}

// ---- pattern helpers ----------------------------------------------------------------------------------

/** Arabic word boundaries: not preceded / followed by a letter or digit. */
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
/** Arabic proclitics: wa-/fa-, bi-/li-/ka-, the article (li + al = lil). */
const P = '(?:[وف])?(?:[بلك])?(?:ال|ل)?';

const foldPattern = (source: string) => [...source].map((c) => ARABIC[c] ?? c).join('');
const re = (source: string) => new RegExp(foldPattern(source), 'u');
const rule = (ground: DiscriminationGround, source: string, accept?: WordingRule['accept']): WordingRule =>
  accept ? { ground, pattern: re(source), accept } : { ground, pattern: re(source) };

/** An age in the match is an upper or lower bound other than the lawful minimum (15–18): discriminatory. */
const adultAge = (group: number) => (m: RegExpExecArray) => Number(m[group]) >= 19;

/** "kadın ve erkek", "men and women": both sexes named together is not an exclusion. */
const TR_BOTH = '(?<!(?:kadin|erkek|bayan|bay)\\s?(?:ve|veya|ya da|ile|/|,)\\s?)';
const EN_BOTH = '(?<!(?:men|women|male|female|man|woman)\\s?(?:and|or|&|/|,)\\s?)';

const TR_SEX = '(?:bayan|bay|erkek|kadin|kiz|hanim)';
const TR_PERSON = '(?:eleman|personel|calisan|isci|aday|ekip arkadas|arkadas|ogrenci)\\w*';
const TR_EXCLUDE =
  '(?:olmasin|olmayan|olmamali|olmamasi|degil\\w*|basvurmasin|basvuramaz|alinmaz|alinmayacak\\w*|alinmamaktadir|' +
  'kabul edilmez|kabul edilmeyecek\\w*|calistirilmaz|calistirilmayacak\\w*|istenmiyor|istemiyoruz)';
const TR_NATION =
  '(suriyeli|suriye uyruklu|afgan|afganli|yabanci uyruklu|yabanci|multeci|gocmen|iranli|pakistanli|afrikali|turk|t\\.? ?c\\.?)';
const TR_ETHNIC = '(kurt|arap|roman|cingene|laz|cerkez|zaza|ermeni|rum)';
const EN_WORKER =
  '(?:staff|workers?|employees?|applicants?|candidates?|cashiers?|waiters?|receptionists?|drivers?|secretar(?:y|ies)|assistants?|nann(?:y|ies)|cleaners?|helpers?|personnel|sales\\w*|models?|hosts?|team members?)';

const RULES: WordingRule[] = [
  // ---- sex ----
  rule(
    'sex',
    `${TR_BOTH}\\b${TR_SEX}(?:lar|ler)?\\s+(?:${TR_PERSON}|garson|kasiyer|sofor|asci|komi|resepsiyonist|sekreter|tezgahtar|satis|aran\\w*|tercih\\w*|alin\\w*)`,
  ),
  rule('sex', `\\b(?:sadece|yalnizca|yalniz|tercihen|ozellikle)\\s+${TR_SEX}\\w*`),
  rule('sex', `\\(\\s?${TR_SEX}\\s?\\)`),
  rule(
    'sex',
    `${TR_BOTH}\\b${TR_SEX}\\w*\\s+(?:${TR_EXCLUDE}|olmak sart\\w*|olmasi sart\\w*|olmalidir|olmasi gerek\\w*)`,
  ),
  rule('sex', `\\bcinsiyet\\w*\\s?:?\\s?${TR_SEX}\\b`),
  rule('sex', '\\baskerli[kg]\\w*\\s+(?:ilisig|gorev|yapmis|yapilmis|tamamla|bitir|muaf|tecil)'),
  rule('sex', '\\b(?:men|women|males?|females?|ladies|girls|boys|gentlemen)\\s+only\\b'),
  rule('sex', '\\bonly\\s+(?:men|women|males?|females?|ladies|girls|boys|a man|a woman)\\b'),
  rule('sex', `${EN_BOTH}\\b(?:male|female|lady|ladies|girl|boy|man|woman|women|men)\\s+${EN_WORKER}\\b`),
  rule('sex', '\\b(?:must be|preferably)\\s+(?:a\\s+)?(?:male|female|man|woman|men|women)\\b'),
  rule('sex', '\\b(?:males?|females?|men|women)\\s+(?:are\\s+)?preferred\\b'),
  rule('sex', '\\bgender\\s?:\\s?(?:male|female|m|f)\\b'),
  rule('sex', '\\b(?:waitress(?:es)?|salesgirls?|barmaids?|chambermaids?|cleaning lad(?:y|ies)|girl friday)\\b'),
  rule('sex', '\\b(?:completed|done|finished)\\s+(?:his\\s+|the\\s+)?(?:military|national) service\\b'),
  rule('sex', `${B}${P}(?:ذكور|اناث|رجال|نساء|ذكر|انثى)\\s+فقط${E}`),
  rule('sex', `${B}الجنس\\s?:?\\s?(?:ذكر|انثى)${E}`),
  rule(
    'sex',
    `${B}(?:مطلوب|نطلب|يطلب|نبحث عن|بحاجة الى|نحتاج)\\s+(?:موظفة|موظفات|عاملة|عاملات|فتاة|فتيات|بنات|سيدة|سيدات|نساء|رجال|ذكور|اناث|بائعة|بائعات|سكرتيرة|نادلة)${E}`,
  ),
  rule(
    'sex',
    `${B}(?:يفضل|يشترط)\\s+(?:ان (?:يكون|تكون)\\s+(?:المتقدم\\s+)?)?(?:ذكرا|ذكر|انثى|رجلا|امراة|من الذكور|من الاناث)${E}`,
  ),
  rule('sex', `${B}(?:انهى|اداء|ادى|منهي)\\s+(?:ال)?خدمة\\s+(?:ال)?عسكرية${E}`),

  // ---- age ----
  rule('age', '\\b(\\d{2})\\s?(?:-|ile|ila|ve)\\s?(\\d{2})\\s?yas'),
  rule(
    'age',
    '\\b(\\d{2})\\s?yas\\w*\\s+(?:alti|altinda\\w*|kucuk\\w*|gecmemis|asmamis|asmayan|gecmeyen)',
    adultAge(1),
  ),
  rule('age', '\\b(\\d{2})\\s?yas\\w*\\s+(?:ustu|uzeri|buyuk\\w*|ve (?:ustu|uzeri))', adultAge(1)),
  rule('age', '\\b(?:en fazla|en cok|max|maks|maksimum|azami)\\.?\\s?(\\d{2})\\s?yas'),
  rule('age', '\\b(?:en az|minimum|asgari)\\.?\\s?(\\d{2})\\s?yas', adultAge(1)),
  rule('age', '\\byas\\s+(?:siniri\\w*|limiti|araligi)\\s?:?\\s?(\\d{2})'),
  rule(
    'age',
    '\\bgenc\\s+(?:ve\\s+dinamik|eleman|personel|bayan|erkek|kiz|hanim|aday\\w*|ekip arkadas\\w*|calisan\\w*|arkadas\\w*)',
  ),
  rule(
    'age',
    '\\b(?:under|below|younger than|not older than|no older than|not over|older than|over|above)\\s+(?:the age of\\s+)?(\\d{2})(?:s\\b|\\b)' +
      '(?!\\s?(?:\\+|(?:years?|yrs)\\s+(?:of\\s+)?(?:experience|exp)|minutes?|mins?|hours?|hrs?|words?|wpm|kg|km|employees|people|staff|stores?|branches|countries|percent|%|tl|try|lira|units|orders|customers|tables|seats|m2|sqm|or\\s))',
    adultAge(1),
  ),
  rule('age', '\\b(?:aged?|ages)\\s?:?\\s?(?:between\\s+)?(\\d{2})\\s?(?:-|to|and)\\s?(\\d{2})\\b'),
  rule('age', '\\bbetween the ages of\\s+(\\d{2})'),
  rule('age', '\\b(\\d{2})\\s?(?:-|to)\\s?(\\d{2})\\s?(?:years old|yrs old|year-olds|y\\.?o\\b)'),
  rule('age', '\\b(?:max(?:imum)?|upper)\\s+age\\b|\\bage limit\\b'),
  rule(
    'age',
    "\\byoung\\s+(?:and\\s+(?:dynamic|energetic)|lad(?:y|ies)|wom[ae]n|m[ae]n|girls?|boys?|persons?|people(?!')|staff|candidates?|applicants?|team members?)",
  ),
  rule('age', '\\bdigital natives?\\b'),
  rule(
    'age',
    `${B}(?:العمر|السن|عمره|عمرها|عمر المتقدم)\\s?:?\\s?(?:لا يزيد عن|لا يزيد على|لا يتجاوز|اقل من|دون|تحت)\\s?(\\d{2})`,
    adultAge(1),
  ),
  rule('age', `${B}لا يتجاوز\\s+(?:عمره|عمرها|العمر|السن)\\s?(\\d{2})`, adultAge(1)),
  rule('age', `${B}(?:من|بين)\\s?(\\d{2})\\s?(?:الى|و|-)\\s?(\\d{2})\\s?(?:سنة|عاما|عام)${E}`),
  rule('age', `${B}(?:العمر|السن)\\s?:?\\s?(?:بين|من)\\s?(\\d{2})\\s?(?:و|الى|-)\\s?(\\d{2})`),
  rule('age', `${B}(?:اقل من|دون|تحت)\\s?(?:سن\\s?)?(\\d{2})\\s?(?:سنة|عاما|عام)${E}`, adultAge(1)),
  rule('age', `${B}تحت سن\\s?(\\d{2})`, adultAge(1)),
  rule('age', `${B}(?:مطلوب|نطلب|نبحث عن)\\s+(?:شباب|شابات)${E}|${B}(?:شباب|شابات)\\s+فقط${E}`),

  // ---- nationality and ethnic origin ----
  rule('nationality', `\\b${TR_NATION}\\w*(?:\\s+(?:uyruklu|${TR_PERSON}|vatandas\\w*|kisi\\w*))?\\s+${TR_EXCLUDE}`),
  rule('nationality', '\\b(?:sadece|yalnizca|yalniz)\\s+(?:turk|t\\.? ?c\\.?)(?:\\w*|\\s)'),
  rule('nationality', '\\b(?:turk|t\\.? ?c\\.? vatandasi)\\s+olma(?:k|si)\\s+(?:sart|gerek|zorunlu)'),
  rule('ethnicity', `\\b${TR_ETHNIC}(?:lar|ler)?(?:\\s+(?:${TR_PERSON}|vatandas\\w*|kisi\\w*))?\\s+${TR_EXCLUDE}`),
  rule('ethnicity', `\\b${TR_ETHNIC}\\s+(?:kokenli|asilli)\\s+(?:olmayan|olmasin|tercih\\w*)`),
  rule(
    'nationality',
    '\\bno\\s+(?:syrians?|afghans?|foreigners?|refugees?|immigrants?|migrants?|iranians?|pakistanis?|foreign nationals?|non-citizens?)\\b',
  ),
  rule(
    'nationality',
    "\\b(?:syrians?|afghans?|foreigners?|refugees?|immigrants?|migrants?|foreign nationals?)\\s+(?:need not|needn't|should not|cannot|can't|may not|will not|won't|are not)\\s+(?:apply|be\\s+\\w+|accepted|welcome|considered)",
  ),
  rule('nationality', '\\b(?:turkish|british|local|native)\\s+(?:citizens?|nationals?)\\s+only\\b'),
  rule('nationality', '\\bonly\\s+(?:turkish|british)\\s+(?:citizens?|nationals?|candidates?|applicants?)\\b'),
  rule('nationality', '\\bmust be (?:a )?(?:turkish|british) (?:citizen|national)\\b'),
  rule('ethnicity', '\\bno\\s+(?:kurds?|arabs?|gypsies|roma|africans?|asians?|blacks?)\\b'),
  rule(
    'ethnicity',
    '\\b(?:white|caucasian|fair-skinned|light-skinned)\\s+(?:applicants?|candidates?|people|staff|only|preferred)\\b',
  ),
  rule(
    'nationality',
    `${B}(?:لا|ممنوع)\\s+(?:نقبل|يقبل|يتقدم|توظيف\\s)?\\s?(?:ال)?(?:سوريين|اجانب|اجنبي|لاجئين|افغان)${E}`,
  ),
  rule('nationality', `${B}(?:ال)?(?:سوري|سوريين|اجانب|لاجئين|افغان)\\s+(?:غير مقبولين|لا يتقدم\\p{L}*|ممنوع|يمنع)`),
  rule('nationality', `${B}غير\\s+(?:سوري|سورية|اجنبي|اجنبية|لاجئ|لاجئة)${E}`),
  rule('nationality', `${B}${P}(?:اتراك|مواطنين)\\s+(?:ال)?(?:اتراك\\s+)?فقط${E}`),
  rule('nationality', `${B}الجنسية\\s+(?:ال)?(?:تركية|سورية|عربية)\\s+فقط${E}`),
  rule('nationality', `${B}(?:تركي|تركية|سوري|سورية)\\s+الجنسية${E}`),
  rule('ethnicity', `${B}(?:ال)?(?:اكراد|عرب|غجر)\\s+(?:غير مقبولين|لا يتقدم\\p{L}*|ممنوع|يمنع)`),

  // ---- religion and dress ----
  rule('religion', '\\b(?:basortu(?:lu|suz)|turban(?:li|siz)|tesettur(?:lu|suz)|carsafli|pecel[ei])\\w*'),
  rule('religion', '\\bbasi\\s+(?:acik|kapali)'),
  rule('religion', `\\bkapali\\s+(?:bayan|kadin|kiz|hanim|${TR_PERSON}|olmayan|olmasin|olmamali|giyim\\w*)`),
  rule(
    'religion',
    `\\b(?:musluman|hristiyan|alevi|sunni|yahudi|ateist)\\w*\\s+(?:olma\\w*|olan|${TR_PERSON}|bayan|erkek|tercih\\w*|sart\\w*)`,
  ),
  rule('religion', '\\bdindar\\b|\\bnamaz\\s+(?:kilan|kilmayan|kilmasi)|\\boruc\\s+(?:tutan|tutmayan)'),
  rule(
    'religion',
    '\\b(?:not wearing|without|no)\\s+(?:an?\\s+)?(?:head ?scar(?:f|ves)|hijabs?|veils?|turbans?|burqas?|niqabs?)\\b',
  ),
  rule('religion', '\\bmust\\s+(?:not\\s+)?wear\\s+(?:an?\\s+)?(?:head ?scarf|hijab|veil|turban|burqa|niqab)'),
  rule(
    'religion',
    '\\b(?:muslims?|christians?|jews|jewish|hindus?|sikhs?|sunnis?|shias?|alevis?|atheists?|practi[sc]ing|devout)\\s+(?:\\w+\\s+)?(?:only|preferred|candidates?|applicants?|staff|people)\\b',
  ),
  rule('religion', `${B}غير\\s+محجبة|${B}غير\\s+محجبات`),
  rule('religion', `${B}(?:بدون|دون|بلا)\\s+(?:ال)?حجاب${E}`),
  rule('religion', `${B}محجب(?:ة|ات)\\s+فقط|${B}يفضل\\s+(?:ان تكون\\s+)?(?:غير\\s+)?محجب`),
  rule('religion', `${B}(?:مسلم|مسلمة|مسلمين|مسيحي|مسيحية|مسيحيين|يهودي|ملحد)\\s+فقط${E}`),
  rule('religion', `${B}ملتزم(?:ة)?\\s+دينيا|${B}يشترط\\s+(?:ال)?حجاب`),

  // ---- marital and family status ----
  rule(
    'marital-status',
    `\\b(?:evli|bekar)(?:ler|lar)?\\s+(?:olma\\w*|olan|olmayan|${TR_SEX}\\w*|eleman\\w*|personel\\w*|aday\\w*|tercih\\w*|sart\\w*|aran\\w*|is arkadas\\w*)`,
  ),
  rule('marital-status', '\\b(?:adaylar\\w*|adayin)\\s+(?:evli|bekar)\\b'),
  rule('marital-status', '\\bevlilik\\s+(?:plani|dusuncesi)\\s+(?:olmayan|bulunmayan)'),
  rule('marital-status', '\\b(?:cocugu|cocuklari|cocuk sahibi)\\s+(?:olmayan|bulunmayan|olmamasi|olmamali)'),
  rule('marital-status', '\\bcocuksuz\\b'),
  rule('marital-status', '\\bailevi\\s+(?:sorumlulu\\w*|yukumlulu\\w*)\\s+(?:olmayan|bulunmayan)'),
  rule('marital-status', '\\bmedeni\\s+(?:durum\\w*|hal\\w*)\\s?:?\\s?(?:evli|bekar|bosanmis|dul)\\b'),
  rule('marital-status', '\\b(?:bosanmis|dul)\\s+(?:bayan|kadin|olmayan|aday\\w*)'),
  rule('marital-status', '\\bunmarried\\b'),
  rule(
    'marital-status',
    '\\bsingle\\s+(?:women|men|ladies|girls|candidates?|applicants?|people|persons?|only|status)\\b',
  ),
  rule('marital-status', '\\bmust be (?:single|married|unmarried)\\b'),
  rule('marital-status', '\\bmarried\\s+(?:candidates?|applicants?|men|women|only)\\b'),
  rule('marital-status', '\\b(?:no|without)\\s+(?:children|kids)\\b|\\bchildless\\b'),
  rule('marital-status', '\\bno family (?:commitments|responsibilities|obligations|ties)\\b'),
  rule('marital-status', `${B}(?:عزباء|اعزب|عازب|عازبة)${E}`),
  rule('marital-status', `${B}غير\\s+متزوج(?:ة)?${E}|${B}متزوج(?:ة|ين|ات)?\\s+فقط${E}`),
  rule('marital-status', `${B}(?:بدون|بلا|دون)\\s+اطفال${E}|${B}(?:ليس|لا يوجد)\\s+(?:لديه|لديها|له|لها)\\s+اطفال`),
  rule('marital-status', `${B}الحالة الاجتماعية\\s?:?\\s?(?:اعزب|عزباء|متزوج|متزوجة|مطلق|مطلقة|ارمل)`),

  // ---- pregnancy ----
  rule(
    'pregnancy',
    '\\b(?:hamile|gebe)(?:ler)?\\s+(?:olmayan|olmamali|olmasin|olmamasi|olmama|aday\\w*|bayan\\w*|kadin\\w*)',
  ),
  rule('pregnancy', '\\b(?:hamilelik|gebelik)\\s+(?:plani|testi|raporu|durumu)'),
  rule('pregnancy', '\\bcocuk\\s+plani\\s+(?:olmayan|bulunmayan)'),
  rule('pregnancy', '\\b(?:not|no)\\s+pregnan\\w*|\\bpregnancy test'),
  rule(
    'pregnancy',
    '\\bpregnant\\s+(?:women\\s+|applicants\\s+|candidates\\s+|ladies\\s+)?(?:need not|should not|cannot|may not|will not)',
  ),
  rule('pregnancy', '\\bno plans? (?:to|for) (?:have|having|start|starting) (?:children|a family|kids)'),
  rule(
    'pregnancy',
    `${B}غير\\s+حامل|${B}(?:عدم|بدون)\\s+(?:ال)?حمل${E}|${B}اختبار\\s+(?:ال)?حمل${E}|${B}(?:ليست|ليس)\\s+حامل`,
  ),

  // ---- disability ----
  rule(
    'disability',
    `\\b(?:engelli|ozurlu|sakat)(?:ler|lar)?(?:\\s+(?:personel|aday\\w*|birey\\w*|eleman\\w*|calisan\\w*|kisi\\w*))?\\s+${TR_EXCLUDE}`,
  ),
  rule(
    'disability',
    '\\b(?:bedensel\\s+|fiziksel\\s+|zihinsel\\s+)?(?:engeli|sakatligi|ozru|saglik sorunu|saglik problemi)\\s+(?:olmayan|bulunmayan|olmamali|olmamasi)',
  ),
  rule('disability', '\\bsaglam\\s+(?:bunye\\w*|vucut\\w*)'),
  rule('disability', '\\bable-?bodied\\b|\\bno\\s+(?:disabled|handicapped)\\b'),
  rule(
    'disability',
    '\\b(?:disabled|handicapped)\\s+(?:people\\s+|persons\\s+|applicants\\s+|candidates\\s+)?(?:need not|should not|cannot|may not|will not|are not)',
  ),
  rule(
    'disability',
    '\\b(?:no|without)\\s+(?:any\\s+)?(?:physical\\s+|mental\\s+)?(?:disabilit(?:y|ies)|handicaps?|impairments?)\\b',
  ),
  rule('disability', '\\bperfect (?:health|eyesight|vision|hearing)\\b'),
  rule('disability', `${B}غير\\s+معاق(?:ة)?${E}|${B}لا يعاني من\\s+(?:اي\\s+)?(?:اعاقة|اعاقات|امراض)`),
  rule('disability', `${B}خال(?:ي)?\\s+من\\s+(?:ال)?(?:اعاقات|اعاقة|امراض)`),
  rule('disability', `${B}(?:ذوي الاعاقة|المعاقين|معاقين)\\s+(?:غير مقبولين|لا يتقدم\\p{L}*|ممنوع)`),
  rule('disability', `${B}سليم\\s+(?:البنية|الجسم|جسديا)`),

  // ---- political opinion ----
  rule(
    'political-opinion',
    '\\bsiyasi\\s+(?:gorus\\w*|egilim\\w*|parti\\w*|faaliyet\\w*|kimli\\w*)\\s+(?:uye\\w*\\s+)?(?:olmayan|bulunmayan|olmamali|olmamasi|tercih\\w*)',
  ),
  rule('political-opinion', '\\b(?:sol|sag)\\s+gorus\\w*'),
  rule(
    'political-opinion',
    '\\b(?:ulkucu|solcu|sagci|sosyalist|komunist|muhafazakar|milliyetci|islamci|devrimci)\\w*\\s*(?:olmayan|olan|olmasi|arkadas\\w*|aday\\w*|eleman\\w*|personel\\w*|tercih\\w*)',
  ),
  rule('political-opinion', "\\b(?:akp|chp|mhp|hdp|dem parti|iyi parti)'?\\s?(?:li|lu|uyesi)\\b"),
  rule('political-opinion', '\\b(?:no|not)\\s+(?:members?\\s+of\\s+)?(?:any\\s+)?political part(?:y|ies)'),
  rule(
    'political-opinion',
    '\\b(?:left-wing|right-wing|leftists?|rightists?|nationalists?|communists?|socialists?)\\s+(?:applicants\\s+|candidates\\s+|people\\s+|staff\\s+)?(?:need not|should not|cannot|only|preferred|will not)',
  ),
  rule(
    'political-opinion',
    '\\bpolitical (?:views|opinions|beliefs|affiliations?|leanings)\\b|\\bparty members only\\b',
  ),
  rule(
    'political-opinion',
    `${B}(?:غير|لا)\\s+(?:منتم|منتمي|منتسب)\\p{L}*\\s+(?:الى\\s+|في\\s+)?(?:لاي|اي|ل)?\\s?(?:حزب|احزاب|جهة سياسية)`,
  ),
  rule('political-opinion', `${B}(?:بدون|دون|عدم)\\s+(?:ال)?انتماء\\s+(?:ال)?سياسي|${B}ميول\\s+سياسية`),
  rule('political-opinion', `${B}لا يشارك في\\s+(?:اي\\s+)?(?:نشاط|انشطة)\\s+(?:ال)?سياسي`),

  // ---- union membership ----
  rule(
    'union-membership',
    '\\bsendika\\w*\\s+(?:faaliyet\\w*\\s+)?(?:(?:uye\\w*|uyeligi)\\s+)?(?:olmayan|olmamali|olmamasi|olmasin|olmayacag\\w*|girmeyen|girmeyecek\\w*|katilmayacag\\w*|bulunmayan|bulunmamis|bulunmayacag\\w*)',
  ),
  rule('union-membership', '\\bsendikasiz\\b'),
  rule('union-membership', '\\b(?:no|not)\\s+(?:trade\\s+)?union members?\\b|\\bunion-free\\b'),
  rule('union-membership', '\\bnon-?union(?:i[sz]ed)?\\s+(?:workers?|staff|employees|only|candidates?)'),
  rule('union-membership', '\\b(?:must|will|shall) not (?:join|be a member of) (?:a|any|the) (?:trade )?union'),
  rule('union-membership', "\\bunion members? (?:will not|won't|cannot|need not|are not)"),
  rule(
    'union-membership',
    `${B}(?:غير|لا|عدم)\\s+(?:ال)?(?:منتم|منتمي|منتسب|انتساب|انتماء|عضو)\\p{L}*\\s+(?:الى\\s+|في\\s+)?(?:لاي|اي|ل)?\\s?(?:ال)?(?:نقابة|نقابات)`,
  ),
  rule('union-membership', `${B}لا\\s+(?:يكون|تكون)\\s+عضوا\\s+في\\s+(?:اي\\s+)?نقابة`),

  // ---- appearance ----
  rule('appearance', '\\b(?:hos|duzgun|guzel|bakimli|sik|alimli)\\s+gorunum\\w*'),
  rule('appearance', '\\bfiziki\\s+(?:gorunum|gorunus|yapi)\\w*'),
  rule(
    'appearance',
    '\\b(?:guzel|alimli|cekici|endamli)\\s+(?:bayan|kadin|kiz|hanim|erkek|bay|eleman|personel|aday\\w*|garson|resepsiyonist|yuzlu)',
  ),
  rule('appearance', '\\byakisikli\\b'),
  rule('appearance', '\\bbakimli\\b(?!\\s+(?:arac|isyeri|ofis|bahce|makine|filo))'),
  rule('appearance', '\\b(?:kilolu|sisman|obez)\\s+(?:olmayan|olmamali|olmasin)|\\bkilo\\w*\\s+(?:sinir\\w*|orantili)'),
  rule('appearance', '\\b(?:zayif|ince)\\s+(?:yapili|bayan|kadin|vucut\\w*)'),
  rule('appearance', '\\bboy\\w*\\s?:?\\s?(?:en az\\s?)?(?:1[.,]\\d{2}|1\\d{2})\\b'),
  rule('appearance', '\\b(?:dovme|piercing|sakal)\\w*\\s+(?:olmayan|bulunmayan|olmamali|yasak)|\\bdovmesiz\\b'),
  rule(
    'appearance',
    '\\battractive\\s+(?:female|male|young|woman|women|man|men|lady|ladies|girls?|appearance|candidates?|staff|hostess\\w*|receptionists?|waitress\\w*|person)',
  ),
  rule('appearance', '\\bgood-?looking\\b|\\b(?:pleasant|presentable|good) (?:appearance|looks)\\b'),
  rule('appearance', '\\bslim\\s+(?:build|figure|body|women|girls|candidates?|physique)'),
  rule(
    'appearance',
    '\\b(?:height|tall)\\s?(?:of\\s?)?(?:at least|min(?:imum)?\\.?|over)?\\s?:?\\s?(?:1[.,]\\d{2}\\s?m|1\\d{2}\\s?cm)',
  ),
  rule('appearance', '\\b(?:no|without)\\s+(?:visible\\s+)?(?:tattoos|piercings)\\b'),
  rule(
    'appearance',
    `${B}(?:حسن|حسنة|جميل|جميلة|وسيم|جذاب|جذابة)\\s+المظهر${E}|${B}مظهر\\s+(?:حسن|جذاب|لائق|جميل)${E}`,
  ),
  rule('appearance', `${B}(?:فتاة|فتيات|موظفة|سيدة|بنت|شابة)\\s+(?:جميلة|جذابة|وسيمة|انيقة)${E}`),
  rule('appearance', `${B}(?:وسيم|وسيمة)${E}|${B}رشيق(?:ة)?\\s+(?:ال)?قوام`),
  rule('appearance', `${B}(?:الطول|طول)\\s?(?:لا يقل عن|اكثر من|فوق)?\\s?(?:1\\d{2})\\s?(?:سم)?`),
  rule('appearance', `${B}(?:بدون|بلا)\\s+(?:وشم|وشوم|اوشام)${E}`),
];

/** Words that turn a clause into the opposite of an exclusion. */
const INCLUSIVE = re(
  '\\bfark\\s?etme[kz]|\\bayrim\\w*\\s+(?:yapilmaz|yapmaksizin|yapilmaksizin|gozetilmez|gozetmeksizin)|\\besit\\s+(?:olarak\\s+)?degerlendir|\\bbakilmaksizin|' +
    '\\bregardless of\\b|\\birrespective of\\b|\\ball (?:are )?welcome\\b|\\bare welcome\\b|\\bencouraged to apply\\b|\\bequal opportunit|' +
    `${B}(?:بغض النظر|دون تمييز|بدون تمييز|نرحب|مرحب|من الجنسين)`,
);

/** The clause (between sentence marks) around a position of the folded text. */
function clauseAround(folded: string, start: number, end: number): string {
  const before = folded.slice(0, start).search(/[.;!?\n][^.;!?\n]*$/);
  const afterRel = folded.slice(end).search(/[.;!?\n]/);
  return folded.slice(before === -1 ? 0 : before + 1, afterRel === -1 ? folded.length : end + afterRel);
}

function firstMatch(r: WordingRule, folded: string): RegExpExecArray | null {
  const global = new RegExp(r.pattern.source, 'gu');
  for (let m = global.exec(folded); m; m = global.exec(folded)) {
    if (m[0].length === 0) {
      global.lastIndex++;
      continue;
    }
    if (r.accept && !r.accept(m)) continue;
    if (INCLUSIVE.test(clauseAround(folded, m.index, m.index + m[0].length))) continue;
    return m;
  }
  return null;
}

/**
 * Flags discriminatory wording in the given fields (e.g. {'/title': …, '/duties': …, '/benefits': …}):
 * at most one flag per field and ground, the earliest match, quoted as written.
 */
export function flagWording(fields: Record<string, string | null | undefined>): WordingFlag[] {
  const flags: WordingFlag[] = [];
  for (const [pointer, value] of Object.entries(fields)) {
    if (!value) continue;
    const { text, folded, map } = foldForWording(value);
    const best = new Map<DiscriminationGround, { start: number; end: number }>();
    for (const r of RULES) {
      const m = firstMatch(r, folded);
      if (!m) continue;
      const prev = best.get(r.ground);
      if (!prev || m.index < prev.start) best.set(r.ground, { start: m.index, end: m.index + m[0].length });
    }
    for (const ground of DISCRIMINATION_GROUNDS) {
      const hit = best.get(ground);
      if (!hit) continue;
      let end = map[hit.end - 1]! + 1;
      // Keep the marks written on the last letter (Arabic vowels and tanween are dropped when folding).
      while (end < text.length && dropped(text[end]!)) end++;
      const excerpt = text.slice(map[hit.start], end).trim();
      flags.push({ rule: 'discriminatory-wording', code: `decentWork.wording.${ground}`, ground, excerpt, pointer });
    }
  }
  return flags;
}
