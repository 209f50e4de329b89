import { useQuery } from '@tanstack/react-query';
import { byLabel, countryName, languageName } from './format.ts';
import { callOp } from '../../api/ops.ts';
import { listDistricts, listProvinces } from '../../../common/contracts/people.ts';

/** ISO 3166-1 alpha-2 codes; names come from Intl.DisplayNames in the active language. */
const COUNTRY_CODES = (
  'AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI CL CM ' +
  'CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ GR GT GW GY HN HR ' +
  'HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ' +
  'ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PS PT PW PY QA RO ' +
  'RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ TL TM TN TO TR TT TV TW TZ UA UG US ' +
  'UY UZ VA VC VE VN VU WS XK YE ZA ZM ZW'
).split(' ');

/** Nationalities seen most often in the offices come first. */
const COMMON_COUNTRIES = ['TR', 'SY', 'AF', 'IQ', 'IR', 'UA', 'RU', 'AZ', 'TM', 'UZ', 'PK', 'SO'];

/** Languages job seekers in İstanbul and İzmir most often speak (ISO 639 codes). */
const LANGUAGE_CODES = [
  'tr',
  'ku',
  'zza',
  'ar',
  'fa',
  'prs',
  'ps',
  'en',
  'ru',
  'uk',
  'az',
  'uz',
  'tk',
  'ky',
  'ka',
  'ur',
  'so',
  'fr',
  'de',
  'el',
  'bg',
  'sq',
  'bs',
  'sr',
  'hy',
  'es',
  'it',
  'sw',
  'am',
  'ti',
];

export function countryOptions(): { value: string; label: string }[] {
  const common = COMMON_COUNTRIES.map((c) => ({ value: c, label: countryName(c) }));
  const rest = COUNTRY_CODES.filter((c) => !COMMON_COUNTRIES.includes(c))
    .map((c) => ({ value: c, label: countryName(c) }))
    .sort(byLabel);
  return [...common, ...rest];
}

export function languageOptions(): { value: string; label: string }[] {
  return LANGUAGE_CODES.map((c) => ({ value: c, label: languageName(c) }));
}

/**
 * Provinces of Türkiye (GET /geography/provinces), sorted in Turkish order. The one definition of the cache
 * key ['geography', 'provinces']: two readers of one key with different shapes broke the form opened next.
 */
export function useProvinces() {
  return useQuery({
    queryKey: ['geography', 'provinces'],
    queryFn: async () => {
      const data = await callOp(listProvinces);
      return [...data.items].sort((a, b) => a.name.localeCompare(b.name, 'tr'));
    },
    staleTime: Infinity,
  });
}

/** Districts of a province (GET /geography/districts); nothing until a province is chosen. */
export function useDistricts(province: string | null | undefined) {
  return useQuery({
    queryKey: ['geography', 'districts', province],
    queryFn: () => callOp(listDistricts, { query: { province: province ?? '' } }),
    enabled: Boolean(province && province.length >= 2),
    staleTime: Infinity,
  });
}
