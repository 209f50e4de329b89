import {
  AngleFromSun,
  Body,
  Equator,
  Horizon,
  Observer,
  SearchAltitude,
  SearchMoonPhase,
  SiderealTime,
} from 'astronomy-engine';

/**
 * Ramazan and Kurban Bayramı dates computed from the astronomical Hijri calendar, for years the
 * Presidency of Religious Affairs (Diyanet) has not published yet. docs/REFERENCE-DATA.md explains the
 * method and how it relates to Diyanet's calendar; the result is shipped as *provisional* and an
 * administrator confirms each year against Diyanet's published dates.
 *
 * Diyanet follows the criteria of the International Hijri Calendar Union Congress (Istanbul, 2016): a
 * month begins on the day after the day on which, anywhere on Earth before 24:00 UTC, the Moon is at
 * least 8° from the Sun (geocentric elongation) and at least 5° above the horizon at sunset; or, when that
 * happens only later on the American mainland, provided the conjunction occurred before dawn (fajr) in
 * New Zealand. Positions come from astronomy-engine (VSOP87 / a truncated ELP, accurate to well under an
 * arcminute for the Sun and Moon), sunsets are scanned along the terminator every 10 minutes and every
 * 5° of latitude between 60° S and 60° N.
 */

/** The Sun's centre at sunset: refraction and semi-diameter. */
const SUNSET_ALTITUDE = -0.833;
const ELONGATION = 8;
const ALTITUDE = 5;
/** The American mainland, roughly, by bands of latitude (west and east coast longitudes). */
const AMERICAS: { from: number; to: number; west: number; east: number }[] = [
  { from: 50, to: 60, west: -140, east: -55 },
  { from: 30, to: 50, west: -125, east: -65 },
  { from: 15, to: 30, west: -118, east: -80 },
  { from: 0, to: 15, west: -93, east: -50 },
  { from: -20, to: 0, west: -82, east: -34 },
  { from: -40, to: -20, west: -72, east: -40 },
  { from: -56, to: -40, west: -76, east: -62 },
];
const inAmericas = (latitude: number, longitude: number) =>
  AMERICAS.some((b) => latitude >= b.from && latitude <= b.to && longitude >= b.west && longitude <= b.east);
const WELLINGTON = new Observer(-41.29, 174.78, 0);

const deg = Math.PI / 180;

function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** 00:00 UTC of a day, i.e. 24:00 UTC of the day before. */
function startOf(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return utcDay(d);
}

/** The longitude (degrees east) where the Sun is setting at `time` on a latitude, or null (polar day/night). */
function sunsetLongitude(time: Date, latitude: number): number | null {
  const sun = Equator(Body.Sun, time, new Observer(0, 0, 0), true, true);
  const cosH =
    (Math.sin(SUNSET_ALTITUDE * deg) - Math.sin(latitude * deg) * Math.sin(sun.dec * deg)) /
    (Math.cos(latitude * deg) * Math.cos(sun.dec * deg));
  if (cosH < -1 || cosH > 1) return null;
  const hourAngle = Math.acos(cosH) / deg;
  let lon = hourAngle + sun.ra * 15 - SiderealTime(time) * 15;
  lon = ((((lon + 180) % 360) + 360) % 360) - 180;
  return lon;
}

/** Whether, between `from` and `to`, the crescent meets the criteria at some sunset (within `region`). */
function crescentSeen(from: Date, to: Date, region?: (latitude: number, longitude: number) => boolean): boolean {
  for (let t = from.getTime(); t <= to.getTime(); t += 10 * 60_000) {
    const time = new Date(t);
    if (AngleFromSun(Body.Moon, time) < ELONGATION) continue;
    for (let latitude = -60; latitude <= 60; latitude += 5) {
      const longitude = sunsetLongitude(time, latitude);
      if (longitude === null) continue;
      if (region && !region(latitude, longitude)) continue;
      const observer = new Observer(latitude, longitude, 0);
      const moon = Equator(Body.Moon, time, observer, true, true);
      if (Horizon(time, observer, moon.ra, moon.dec).altitude >= ALTITUDE) return true;
    }
  }
  return false;
}

/** The first day of the lunar month that begins with the conjunction at `conjunction`. */
export function monthStartAfter(conjunction: Date): string {
  const day = utcDay(conjunction);
  if (crescentSeen(conjunction, startOf(addDays(day, 1)))) return addDays(day, 1);
  const fajr = SearchAltitude(Body.Sun, WELLINGTON, +1, new Date(`${day}T10:00:00Z`), 1, -18);
  if (fajr && conjunction < fajr.date) {
    const americasNight = new Date(`${addDays(day, 1)}T12:00:00Z`);
    if (crescentSeen(startOf(addDays(day, 1)), americasNight, inAmericas)) return addDays(day, 1);
  }
  return crescentSeen(startOf(addDays(day, 1)), startOf(addDays(day, 2))) ? addDays(day, 2) : addDays(day, 3);
}

/** The arithmetical (tabular) Islamic calendar: only to find which new moon starts a month. */
function tabularToDate(year: number, month: number, day: number): Date {
  const jd = day + Math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + Math.floor((3 + 11 * year) / 30) + 1948439.5 - 1;
  return new Date((jd - 2440587.5) * 86_400_000);
}

/** The first day (YYYY-MM-DD) of a Hijri month by the astronomical criteria. */
export function hijriMonthStart(year: number, month: number): string {
  const approx = tabularToDate(year, month, 1);
  const conjunction = SearchMoonPhase(0, new Date(approx.getTime() - 6 * 86_400_000), 9);
  if (!conjunction) throw new Error(`No new moon near ${utcDay(approx)}`);
  return monthStartAfter(conjunction.date);
}

export interface ComputedBayram {
  bayram: 'ramazan' | 'kurban';
  /** The half-day eve (arife). */
  eve: string;
  /** Ramazan: 3 days from 1 Shawwal; Kurban: 4 days from 10 Dhu al-Hijja. */
  days: string[];
}

/** The bayrams whose first day falls in a Gregorian year, by the astronomical Hijri calendar. */
export function religiousHolidaysOf(year: number): ComputedBayram[] {
  const out: ComputedBayram[] = [];
  const around = Math.floor(((year - 622) * 33) / 32);
  for (let h = around - 1; h <= around + 2; h++) {
    const shawwal = hijriMonthStart(h, 10);
    const eid = addDays(hijriMonthStart(h, 12), 9);
    for (const [bayram, first, length] of [
      ['ramazan', shawwal, 3],
      ['kurban', eid, 4],
    ] as const) {
      if (first.slice(0, 4) !== String(year)) continue;
      out.push({
        bayram,
        eve: addDays(first, -1),
        days: Array.from({ length }, (_, i) => addDays(first, i)),
      });
    }
  }
  return out.sort((a, b) => a.days[0]!.localeCompare(b.days[0]!));
}
