/**
 * A reproducible synthetic registry for benchmarks: Turkish, Syrian and Afghan names as Turkish
 * registries write them (Turkish letters; Arabic and Dari names in Latin transliteration), districts of
 * İstanbul and İzmir, birth dates, phones, valid TCKN/YKN and passports. ID numbers are encrypted and
 * indexed exactly as persons.service.ts does it, and name keys are built with the same searchKey().
 */
import crypto from 'node:crypto';
import type { Config } from '../src/server/config/config.ts';
import type { Db } from '../src/server/db/client.ts';
import { noJobs } from '../src/server/jobs/engine.ts';
import { systemClock } from '../src/server/lib/clock.ts';
import type { Ctx } from '../src/server/lib/context.ts';
import type { Permission } from '../src/common/permissions.ts';
import { blindIndex, decrypt, encrypt } from '../src/server/lib/crypto.ts';
import { districtsOf } from '../src/server/lib/geography.ts';
import { maskIdNumber, withTcknChecksum } from '../src/common/identity-number.ts';
import { searchKey } from '../src/common/text.ts';
import { TARGET_GROUPS } from '../src/common/enums.ts';

/**
 * A version-4-shaped UUID drawn from `rnd`: ids that are the same in every build of the same seed, so that a
 * bench choosing "the first person of an occupation" (`ORDER BY id`) times the same person each time.
 */
export function prngUuid(rnd: () => number): string {
  const hex = (n: number) => {
    let out = '';
    for (let i = 0; i < n; i += 1) out += Math.floor(rnd() * 16).toString(16);
    return out;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(rnd() * 4)]}${hex(3)}-${hex(12)}`;
}

/** mulberry32: small, fast and good enough for test data; the same seed gives the same data set. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TURKISH_FEMALE = [
  'Ayşe',
  'Fatma',
  'Emine',
  'Hatice',
  'Zeynep',
  'Elif',
  'Meryem',
  'Şerife',
  'Zehra',
  'Sultan',
  'Hülya',
  'Gülsüm',
  'Özlem',
  'Büşra',
  'Merve',
  'Esra',
  'Kübra',
  'Tuğba',
  'Derya',
  'Songül',
  'Gül',
  'Yasemin',
  'Şükran',
  'İpek',
  'Nur',
  'Çiğdem',
  'Dilek',
  'Sevgi',
  'Hacer',
  'Ümran',
  'Aslı',
  'Gülşen',
  'Nazlı',
  'Ebru',
  'Sibel',
  'Öznur',
];
const TURKISH_MALE = [
  'Mehmet',
  'Mustafa',
  'Ahmet',
  'Ali',
  'Hüseyin',
  'Hasan',
  'İbrahim',
  'İsmail',
  'Osman',
  'Yusuf',
  'Murat',
  'Ömer',
  'Ramazan',
  'Halil',
  'Süleyman',
  'Abdullah',
  'Mahmut',
  'Recep',
  'Emre',
  'Şükrü',
  'Çağlar',
  'Oğuz',
  'Barış',
  'Gökhan',
  'Uğur',
  'İlker',
  'Tuncay',
  'Cem',
  'Serkan',
  'Yiğit',
  'Kadir',
  'Erdem',
  'Volkan',
  'Sinan',
  'Tayfun',
  'Ercan',
];
const TURKISH_FAMILY = [
  'Yılmaz',
  'Kaya',
  'Demir',
  'Şahin',
  'Çelik',
  'Yıldız',
  'Yıldırım',
  'Öztürk',
  'Aydın',
  'Özdemir',
  'Arslan',
  'Doğan',
  'Kılıç',
  'Aslan',
  'Çetin',
  'Kara',
  'Koç',
  'Kurt',
  'Özkan',
  'Şimşek',
  'Polat',
  'Öz',
  'Korkmaz',
  'Karakaya',
  'Erdoğan',
  'Güneş',
  'Aksoy',
  'Ağaoğlu',
  'Işık',
  'Uçar',
  'Türkmen',
  'Bulut',
  'Keskin',
  'Ünal',
  'Tekin',
  'Akgül',
  'Çakır',
  'Güler',
  'Ateş',
  'Bozkurt',
  'Yücel',
  'Kocabaş',
  'Çınar',
  'Sarı',
  'Duman',
  'Tuncer',
  'Karataş',
  'Eren',
];
const SYRIAN_MALE = [
  'Muhammed',
  'Ahmad',
  'Mahmud',
  'Abdulrahman',
  'Abdullah',
  'Halid',
  'Ömer',
  'Yusuf',
  'İbrahim',
  'Hasan',
  'Hüseyin',
  'Mustafa',
  'Abdulkadir',
  'Muhannad',
  'Bilal',
  'Hamza',
  'Anas',
  'Abdulaziz',
  'Mohamad',
  'Ammar',
  'Muhammed Ali',
];
const SYRIAN_FEMALE = [
  'Fatima',
  'Ayşe',
  'Merve',
  'Hiba',
  'Rahaf',
  'Nur',
  'Zeynep',
  'Rima',
  'Esma',
  'Amal',
  'Hala',
  'Rana',
  'Lina',
  'Huda',
  'Gada',
  'Sidra',
  'Büşra',
  'Raghad',
];
const SYRIAN_FAMILY = [
  'Al-Hassan',
  'El Ali',
  'Halil',
  'Hamdan',
  'Al-Ahmad',
  'Alhamad',
  'El Muhammed',
  'Hüseyin',
  'Abdullah',
  'Mustafa',
  'İbrahim',
  'Suleyman',
  'El Halebi',
  'Al-Sayed',
  'Haddad',
  'Kassab',
  'Hamoud',
  'Derviş',
  'Hac Ali',
  'Şeyh Ömer',
  'Al-Khatib',
  'Nasser',
];
const AFGHAN_MALE = [
  'Muhammed',
  'Ahmad',
  'Abdul',
  'Mohammad',
  'Ali',
  'Hamid',
  'Cavad',
  'Farid',
  'Karim',
  'Mustafa',
  'Nasir',
  'Rahim',
  'Sayed',
  'Zabiullah',
  'Abdulrahman',
  'Gulam',
  'Javid',
  'Habibullah',
  'Ali Reza',
];
const AFGHAN_FEMALE = [
  'Zahra',
  'Fatima',
  'Maryam',
  'Masuma',
  'Sakina',
  'Nargis',
  'Parwana',
  'Şabana',
  'Fereshta',
  'Zainab',
  'Hadisa',
  'Mahbuba',
  'Roya',
  'Sima',
];
const AFGHAN_FAMILY = [
  'Ahmadi',
  'Rahimi',
  'Hosseini',
  'Mohammadi',
  'Karimi',
  'Rezaei',
  'Haidari',
  'Sultani',
  'Azizi',
  'Noori',
  'Jafari',
  'Hakimi',
  'Amiri',
  'Sadat',
  'Nazari',
  'Rasuli',
  'Yousufi',
  'Popal',
  'Stanekzai',
  'Wardak',
];
const OCCUPATIONS = [
  'Aşçı yardımcısı',
  'Garson',
  'Kasiyer',
  'Temizlik görevlisi',
  'Depo elemanı',
  'Tekstil işçisi',
  'Satış danışmanı',
  'Forklift operatörü',
  'Kuaför',
  'Çocuk bakıcısı',
  'Elektrikçi',
  'Kurye',
  'Terzi',
  'İnşaat işçisi',
  'Muhasebe elemanı',
];

const ISTANBUL = districtsOf('İstanbul');
const IZMIR = districtsOf('İzmir');

export interface SyntheticRow {
  givenName: string;
  familyName: string;
  nameKey: string;
  idKind: 'tckn' | 'ykn' | 'passport' | null;
  idNumber: string | null;
  idNumberEnc: string | null;
  idNumberIndex: string | null;
  idNumberMasked: string | null;
  passportCountry: string | null;
  birthDate: string;
  sex: 'female' | 'male';
  nationality: string;
  phone: string | null;
  province: string;
  district: string;
  desiredOccupations: string[];
  occupationKeys: string;
  officeIndex: number;
  groups: (typeof TARGET_GROUPS)[number][];
}

export interface Keys {
  dataKey: Buffer;
  indexKey: Buffer;
}

/** Fixed keys for the bench: the data are synthetic, and fixed keys keep runs comparable. */
export const BENCH_KEYS: Keys = {
  dataKey: crypto.createHash('sha256').update('kopru-bench-data').digest(),
  indexKey: crypto.createHash('sha256').update('kopru-bench-index').digest(),
};

/**
 * The keys used while building the data set. They were KeyObjects (turning a Buffer into a key on every
 * call cost about 4× more: AES-GCM 105 → 28 µs, HMAC 47 → 10 µs per call on Node 24); lib/crypto.ts now
 * makes each key's KeyObject once itself, so the Buffers do. `checkKeys()` still proves both give the
 * same bytes as the server.
 */
export const BENCH_KEY_OBJECTS: Keys = BENCH_KEYS;

export function checkKeys(): void {
  const sealed = encrypt('12345678950', BENCH_KEY_OBJECTS.dataKey);
  if (decrypt(sealed, BENCH_KEYS.dataKey) !== '12345678950') throw new Error('KeyObject encryption differs');
  if (
    blindIndex('tckn:12345678950', BENCH_KEY_OBJECTS.indexKey) !== blindIndex('tckn:12345678950', BENCH_KEYS.indexKey)
  )
    throw new Error('KeyObject blind index differs');
}

// Unique numbers without a set of a million: a counter stepped by a large prime, modulo the range.
const TCKN_RANGE = 890_000_000; // first nine digits 100000000 … 989999999 (99… are foreigner numbers)
const YKN_RANGE = 10_000_000; // 99 + seven digits
const STEP = 7_919_111; // prime, coprime with both ranges

/** The i-th person of the data set with this seed (pure: the same i gives the same person). */
export function makePerson(i: number, seed: number, keys: Keys, offices: number): SyntheticRow {
  const random = prng(seed * 1_000_003 + i);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const origin = random();
  const sex: 'female' | 'male' = random() < 0.5 ? 'female' : 'male';
  let givenName: string;
  let familyName: string;
  let nationality: string;
  let idKind: SyntheticRow['idKind'];
  let idNumber: string | null;
  let passportCountry: string | null = null;
  if (origin < 0.75) {
    givenName = pick(sex === 'female' ? TURKISH_FEMALE : TURKISH_MALE);
    // Compound given names are common: "Ayşe Nur", "Mehmet Ali".
    if (random() < 0.15) givenName += ` ${pick(sex === 'female' ? TURKISH_FEMALE : TURKISH_MALE)}`;
    familyName = pick(TURKISH_FAMILY);
    nationality = 'TR';
    idKind = 'tckn';
    idNumber = withTcknChecksum(String(100_000_000 + ((i * STEP) % TCKN_RANGE)));
  } else if (origin < 0.92) {
    givenName = pick(sex === 'female' ? SYRIAN_FEMALE : SYRIAN_MALE);
    familyName = pick(SYRIAN_FAMILY);
    nationality = 'SY';
    idKind = 'ykn';
    idNumber = withTcknChecksum(`99${String((i * STEP) % YKN_RANGE).padStart(7, '0')}`);
  } else {
    givenName = pick(sex === 'female' ? AFGHAN_FEMALE : AFGHAN_MALE);
    familyName = pick(AFGHAN_FAMILY);
    nationality = 'AF';
    const r = random();
    if (r < 0.6) {
      idKind = 'ykn';
      idNumber = withTcknChecksum(`99${String((i * STEP) % YKN_RANGE).padStart(7, '0')}`);
    } else if (r < 0.9) {
      idKind = 'passport';
      idNumber = `P${String(i).padStart(8, '0')}`;
      passportCountry = 'AF';
    } else {
      idKind = null;
      idNumber = null;
    }
  }
  const istanbul = random() < 0.7;
  const province = istanbul ? 'İstanbul' : 'İzmir';
  const district = pick(istanbul ? ISTANBUL : IZMIR);
  const day = Math.floor(random() * 18_262); // 1960-01-01 … 2009-12-31
  const birthDate = new Date(Date.UTC(1960, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  const phone = random() < 0.8 ? `+905${String(Math.floor(random() * 1e9)).padStart(9, '0')}` : null;
  const occupations = random() < 0.7 ? [pick(OCCUPATIONS), ...(random() < 0.3 ? [pick(OCCUPATIONS)] : [])] : [];
  const desiredOccupations = [...new Set(occupations)];
  const groups: SyntheticRow['groups'] = [];
  const g = random();
  if (g < 0.3) groups.push(pick(TARGET_GROUPS));
  if (g < 0.06) {
    const second = pick(TARGET_GROUPS);
    if (!groups.includes(second)) groups.push(second);
  }
  if (nationality !== 'TR' && random() < 0.6 && !groups.includes('refugee')) groups.push('refugee');
  return {
    givenName,
    familyName,
    nameKey: searchKey(`${givenName} ${familyName}`),
    idKind,
    idNumber,
    idNumberEnc: idNumber ? encrypt(idNumber, keys.dataKey) : null,
    idNumberIndex: idNumber && idKind ? blindIndex(`${idKind}:${idNumber}`, keys.indexKey) : null,
    idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
    passportCountry,
    birthDate,
    sex,
    nationality,
    phone,
    province,
    district,
    desiredOccupations,
    occupationKeys: desiredOccupations.map((o) => searchKey(o)).join(' | '),
    officeIndex: Math.floor(random() * offices),
    groups,
  };
}

/** Name searches as counsellors type them: without Turkish letters, partial, with typos. */
export const NAME_QUERIES = [
  'sukru yil',
  'muhammed',
  'ayse demir',
  'huseyin',
  'abdulrahman',
  'zahra',
  'mehmet yilmaz',
  'muhamed', // typo
  'abdurahman', // typo
  'ayse yilmz', // typo
  'gulsum ozturk',
  'hosseini',
  'al-hassan',
  'cigdem',
  'fatima karimi',
  'ibrahim halil',
];

/**
 * A signed-in staff member of the bench's organisation who sees every office and special categories: the
 * caller the benches run the services as (no HTTP, no session).
 */
export function staffCtx(
  db: Db,
  who: { userId: string; organisationId: string; officeId: string; fullName: string },
  config: Config,
): Ctx {
  const permissions = new Set<Permission>(['persons:read', 'offices:all', 'special-category:read']);
  return {
    db,
    actor: {
      userId: who.userId,
      sessionId: 'bench',
      organisationId: who.organisationId,
      officeId: who.officeId,
      kind: 'staff',
      fullName: who.fullName,
      locale: 'tr',
      stage: 'active',
      permissions,
    },
    requestId: 'bench',
    locale: 'tr',
    ip: '127.0.0.1',
    userAgent: null,
    clock: systemClock,
    config,
    jobs: noJobs,
  };
}
