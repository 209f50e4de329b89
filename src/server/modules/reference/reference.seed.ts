import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { minimumWages, publicHolidays } from '../../db/schema/index.ts';

/** Minimum wage by effective date (RULES.md). From 2022 net is 85 % of gross. */
export const MINIMUM_WAGE_SEED = [
  { effectiveFrom: '2022-01-01', grossMonthly: '5004.00', netMonthly: '4253.40' },
  { effectiveFrom: '2022-07-01', grossMonthly: '6471.00', netMonthly: '5500.35' },
  { effectiveFrom: '2023-01-01', grossMonthly: '10008.00', netMonthly: '8506.80' },
  { effectiveFrom: '2023-07-01', grossMonthly: '13414.50', netMonthly: '11402.32' },
  { effectiveFrom: '2024-01-01', grossMonthly: '20002.50', netMonthly: '17002.12' },
  { effectiveFrom: '2025-01-01', grossMonthly: '26005.50', netMonthly: '22104.67' },
  { effectiveFrom: '2026-01-01', grossMonthly: '33030.00', netMonthly: '28075.50' },
];

interface HolidaySeed {
  date: string;
  kind: 'fixed' | 'religious';
  halfDay: boolean;
  /** Computed from the astronomical Hijri calendar (hijri.ts), not yet confirmed against Diyanet. */
  provisional?: boolean;
  nameTr: string;
  nameEn: string;
  nameAr: string;
}

/** A holiday on the same day every year: `md` is 'MM-DD'. */
interface FixedHoliday extends Omit<HolidaySeed, 'date' | 'kind'> {
  md: string;
}

const FIXED: FixedHoliday[] = [
  { md: '01-01', halfDay: false, nameTr: 'Yılbaşı', nameEn: "New Year's Day", nameAr: 'رأس السنة الميلادية' },
  {
    md: '04-23',
    halfDay: false,
    nameTr: 'Ulusal Egemenlik ve Çocuk Bayramı',
    nameEn: 'National Sovereignty and Children’s Day',
    nameAr: 'عيد السيادة الوطنية والطفل',
  },
  {
    md: '05-01',
    halfDay: false,
    nameTr: 'Emek ve Dayanışma Günü',
    nameEn: 'Labour and Solidarity Day',
    nameAr: 'عيد العمال والتضامن',
  },
  {
    md: '05-19',
    halfDay: false,
    nameTr: 'Atatürk’ü Anma, Gençlik ve Spor Bayramı',
    nameEn: 'Commemoration of Atatürk, Youth and Sports Day',
    nameAr: 'عيد إحياء ذكرى أتاتورك والشباب والرياضة',
  },
  {
    md: '07-15',
    halfDay: false,
    nameTr: 'Demokrasi ve Millî Birlik Günü',
    nameEn: 'Democracy and National Unity Day',
    nameAr: 'يوم الديمقراطية والوحدة الوطنية',
  },
  { md: '08-30', halfDay: false, nameTr: 'Zafer Bayramı', nameEn: 'Victory Day', nameAr: 'عيد النصر' },
  {
    md: '10-28',
    halfDay: true,
    nameTr: 'Cumhuriyet Bayramı arifesi (öğleden sonra)',
    nameEn: 'Republic Day eve (afternoon)',
    nameAr: 'عشية عيد الجمهورية (بعد الظهر)',
  },
  { md: '10-29', halfDay: false, nameTr: 'Cumhuriyet Bayramı', nameEn: 'Republic Day', nameAr: 'عيد الجمهورية' },
];

const RAMAZAN = { tr: 'Ramazan Bayramı', en: 'Ramadan Feast', ar: 'عيد الفطر' };
const KURBAN = { tr: 'Kurban Bayramı', en: 'Feast of Sacrifice', ar: 'عيد الأضحى' };

function religious(eve: string, days: string[], names: typeof RAMAZAN, provisional = false): HolidaySeed[] {
  return [
    {
      date: eve,
      kind: 'religious',
      halfDay: true,
      provisional,
      nameTr: `${names.tr} arifesi (öğleden sonra)`,
      nameEn: `${names.en} eve (afternoon)`,
      nameAr: `وقفة ${names.ar} (بعد الظهر)`,
    },
    ...days.map((date, i) => ({
      date,
      kind: 'religious' as const,
      halfDay: false,
      provisional,
      nameTr: `${names.tr} ${i + 1}. gün`,
      nameEn: `${names.en}, day ${i + 1}`,
      nameAr: `${names.ar}، اليوم ${i + 1}`,
    })),
  ];
}

/**
 * Religious holidays move with the Hijri calendar. 2025 and 2026 as Diyanet published them; 2027 and
 * 2028 computed from the astronomical Hijri calendar (`religiousHolidaysOf` in hijri.ts, which a test
 * compares with these rows) and shipped provisional until the platform administrator confirms them.
 */
export const RELIGIOUS_SEED: HolidaySeed[] = [
  ...religious('2025-03-29', ['2025-03-30', '2025-03-31', '2025-04-01'], RAMAZAN),
  ...religious('2025-06-05', ['2025-06-06', '2025-06-07', '2025-06-08', '2025-06-09'], KURBAN),
  ...religious('2026-03-19', ['2026-03-20', '2026-03-21', '2026-03-22'], RAMAZAN),
  ...religious('2026-05-26', ['2026-05-27', '2026-05-28', '2026-05-29', '2026-05-30'], KURBAN),
  ...religious('2027-03-08', ['2027-03-09', '2027-03-10', '2027-03-11'], RAMAZAN, true),
  ...religious('2027-05-15', ['2027-05-16', '2027-05-17', '2027-05-18', '2027-05-19'], KURBAN, true),
  ...religious('2028-02-25', ['2028-02-26', '2028-02-27', '2028-02-28'], RAMAZAN, true),
  ...religious('2028-05-04', ['2028-05-05', '2028-05-06', '2028-05-07', '2028-05-08'], KURBAN, true),
];

/** Fixed holidays from 2022 to 2030. */
export function holidaySeed(fromYear = 2022, toYear = 2030): HolidaySeed[] {
  const rows: HolidaySeed[] = [];
  for (let year = fromYear; year <= toYear; year++) {
    for (const f of FIXED) {
      rows.push({
        date: `${year}-${f.md}`,
        kind: 'fixed',
        halfDay: f.halfDay,
        nameTr: f.nameTr,
        nameEn: f.nameEn,
        nameAr: f.nameAr,
      });
    }
  }
  // A bayram day on a fixed holiday (4th day of Kurban Bayramı 2027 is 19 May) is off either way: one row.
  const fixedDates = new Set(rows.map((r) => r.date));
  return [...rows, ...RELIGIOUS_SEED.filter((r) => !fixedDates.has(r.date))].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
}

/**
 * Seeds holidays and minimum wages when their tables are empty; the platform administrator edits them
 * afterwards. An installation that already has a calendar receives the provisional religious holidays of
 * the years that have none yet (as computed, to be confirmed), never touching a date it already has.
 */
export async function seedReferenceCalendar(db: Db): Promise<void> {
  const [h] = await db.select({ n: count() }).from(publicHolidays);
  if ((h?.n ?? 0) === 0) await db.insert(publicHolidays).values(holidaySeed());
  else {
    const covered = await db
      .selectDistinct({ year: sql<number>`cast(extract(year from ${publicHolidays.date}) as integer)` })
      .from(publicHolidays)
      .where(eq(publicHolidays.kind, 'religious'));
    const years = new Set(covered.map((r) => Number(r.year)));
    const missing = RELIGIOUS_SEED.filter((r) => r.provisional && !years.has(Number(r.date.slice(0, 4))));
    if (missing.length) await db.insert(publicHolidays).values(missing).onConflictDoNothing();
  }
  const [w] = await db.select({ n: count() }).from(minimumWages);
  if ((w?.n ?? 0) === 0) await db.insert(minimumWages).values(MINIMUM_WAGE_SEED);
}
