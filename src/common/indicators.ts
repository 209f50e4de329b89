/**
 * The indicator catalogue and the tables released from it (issue 16): definitions (code, names and
 * descriptions in tr/en/ar, unit, what is counted, allowed breakdowns), the breakdowns (period, sex,
 * age band, target group, province and district, office, occupation major group), and the family of
 * tables one indicator releases for one period range, whose cells `disclosure.ts` suppresses together.
 * Shared by the server (computation, exports) and the web app (labels, the dashboard's pickers).
 */
import { cellKey, type Coordinate, type Relation } from './disclosure.ts';
import type { Locale } from './locales.ts';

export type Texts = Readonly<Record<Locale, string>>;

/** Breakdowns: a dimension at one level. Period and geography are hierarchies. */
export const BREAKDOWNS = [
  'year',
  'quarter',
  'month',
  'sex',
  'ageBand',
  'targetGroup',
  'province',
  'district',
  'office',
  'occupation',
] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
/** What a two-way table may have across its columns (the rows take any breakdown). */
export const COLUMN_BREAKDOWNS = ['sex', 'year', 'quarter', 'month'] as const satisfies readonly Breakdown[];
export type ColumnBreakdown = (typeof COLUMN_BREAKDOWNS)[number];
export const TIME_BREAKDOWNS = ['year', 'quarter', 'month'] as const satisfies readonly Breakdown[];
const isTime = (b: Breakdown) => (TIME_BREAKDOWNS as readonly string[]).includes(b);

/** The parent level of a hierarchical breakdown. */
export const PARENT_BREAKDOWN: Partial<Record<Breakdown, Breakdown>> = {
  month: 'quarter',
  quarter: 'year',
  district: 'province',
};

/** Age bands (RULES.md "Statistics": SDG 8.6 counts 15–24, "young people" programmes 15–29). */
export const AGE_BANDS = ['15-17', '18-24', '25-29', '30-44', '45-54', '55+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number] | 'under-15';

export { ageOn } from './people.ts';

export function ageBandOf(age: number): AgeBand {
  if (age < 15) return 'under-15';
  if (age <= 17) return '15-17';
  if (age <= 24) return '18-24';
  if (age <= 29) return '25-29';
  if (age <= 44) return '30-44';
  if (age <= 54) return '45-54';
  return '55+';
}

/** ISCO-08 major groups (first digit), and "unknown" for no coded occupation. */
export const OCCUPATION_GROUPS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'unknown'] as const;

// ---- periods ----------------------------------------------------------------------------------------------

/** The months from `from` to `to` (YYYY-MM, both included). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.ceil(Number(month.slice(5, 7)) / 3)}`;
export const yearOf = (month: string) => month.slice(0, 4);
/** The last day of a month (YYYY-MM → YYYY-MM-DD). */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

// ---- the catalogue -----------------------------------------------------------------------------------------

/**
 * How an indicator is computed:
 * - `count`: events in the period (additive over months);
 * - `stock`: what stands at the end of the period (a quarter is its last month, the whole range its last month);
 * - `rate`: a count over another count of the catalogue (published only where both are);
 * - `median`: the median of a duration over the events of a count (published only where that count is);
 * - `sum`: the sum of an amount over the events of a count (aid saved). A sum cell is published exactly
 *   where its count cell is: a sum over fewer than threshold households is hidden, and the secondary
 *   suppression of the count (the same cells, the same additive relations) protects the sums too.
 */
export type IndicatorKind = 'count' | 'stock' | 'rate' | 'median' | 'sum';
export type IndicatorUnit =
  'persons' | 'households' | 'cases' | 'referrals' | 'placements' | 'enrolments' | 'percent' | 'days' | 'try';

/** The facts the server gathers through the owning modules (see indicators/sources.ts). */
export const FACT_SOURCES = [
  'registrations',
  'open-cases',
  'referrals-sent',
  'placements-started',
  'placements-verified',
  'follow-ups-3m',
  'retained-3m',
  'follow-ups-6m',
  'retained-6m',
  'follow-ups-12m',
  'retained-12m',
  'course-enrolments',
  'course-completions',
  'placed-after-course',
  'first-jobs',
  'graduations-recommended',
  'graduations-approved',
  'graduations-confirmed',
  'graduations-returned-12m',
  'graduations-saving',
  'childcare-mothers',
  'childcare-mothers-working',
  'childcare-mothers-verified',
  'referrals-answered',
] as const;
export type FactSource = (typeof FACT_SOURCES)[number];

export interface IndicatorDef {
  code: string;
  kind: IndicatorKind;
  unit: IndicatorUnit;
  name: Texts;
  description: Texts;
  /** count/stock/median/sum: the facts counted (a sum adds their `amount`); rate: the numerator. */
  source: FactSource;
  /** rate: the indicator whose count is the denominator. */
  denominator?: FactSource;
  /** SDG targets the indicator informs (Köprü's contribution, not the survey-based national figure). */
  sdg?: readonly string[];
  breakdowns: readonly Breakdown[];
}

const ALL: readonly Breakdown[] = BREAKDOWNS;
const t = (tr: string, en: string, ar: string): Texts => ({ tr, en, ar });

export const INDICATORS: readonly IndicatorDef[] = [
  {
    code: 'persons-registered',
    kind: 'count',
    unit: 'persons',
    source: 'registrations',
    name: t('Kayıt olan kişiler', 'Persons registered', 'الأشخاص المسجلون'),
    description: t(
      'Dönem içinde kaydı açılan (onaylanmış) iş arayanlar; birleştirilmiş kayıtlar sayılmaz.',
      'Job seekers whose (confirmed) registration was opened in the period; merged records are not counted.',
      'الباحثون عن عمل الذين فُتح تسجيلهم (المؤكد) خلال الفترة؛ لا تُحتسب السجلات المدمجة.',
    ),
    breakdowns: ALL,
  },
  {
    code: 'active-cases',
    kind: 'stock',
    unit: 'cases',
    source: 'open-cases',
    name: t('Açık vakalar', 'Active cases', 'الحالات النشطة'),
    description: t(
      'Dönem sonunda açık olan vakalar (açılmış, kapanmamış). Çeyrek ve yıl, son aylarının değeridir.',
      'Cases open at the end of the period (opened and not closed). A quarter or year is the value of its last month.',
      'الحالات المفتوحة في نهاية الفترة (فُتحت ولم تُغلق). قيمة الربع أو السنة هي قيمة شهرها الأخير.',
    ),
    breakdowns: ALL,
  },
  {
    code: 'referrals',
    kind: 'count',
    unit: 'referrals',
    source: 'referrals-sent',
    name: t('Yönlendirmeler', 'Referrals', 'الإحالات'),
    description: t(
      'Dönem içinde işverene gönderilen yönlendirmeler (meslek: ilanın mesleği).',
      'Referrals sent to an employer in the period (occupation: the vacancy’s).',
      'الإحالات المرسلة إلى صاحب عمل خلال الفترة (المهنة: مهنة الشاغر).',
    ),
    breakdowns: ALL,
  },
  {
    code: 'hires',
    kind: 'count',
    unit: 'placements',
    source: 'placements-started',
    name: t('İşe yerleştirmeler', 'Hires', 'التوظيفات'),
    description: t(
      'Dönem içinde başlayan işe yerleştirmeler (yönlendirmeden ya da yönlendirmesiz bulunan işler).',
      'Placements that started in the period (from a referral or a job found without one).',
      'التوظيفات التي بدأت خلال الفترة (من إحالة أو عمل وُجد دونها).',
    ),
    sdg: ['8.5'],
    breakdowns: ALL,
  },
  {
    code: 'verified-registered-placements',
    kind: 'count',
    unit: 'placements',
    source: 'placements-verified',
    name: t('Doğrulanmış kayıtlı istihdam', 'Verified registered placements', 'التوظيفات المسجلة الموثقة'),
    description: t(
      'Dönem içinde başlayan ve SGK kaydı doğrulanan işe yerleştirmeler.',
      'Placements that started in the period and were verified as registered (SGK) work.',
      'التوظيفات التي بدأت خلال الفترة وتم التحقق من تسجيلها لدى الضمان الاجتماعي.',
    ),
    sdg: ['8.3', '8.5', '8.8'],
    breakdowns: ALL,
  },
  {
    code: 'registered-work-share',
    kind: 'rate',
    unit: 'percent',
    source: 'placements-verified',
    denominator: 'placements-started',
    name: t('Kayıtlı istihdam payı', 'Share of placements in registered work', 'نسبة التوظيفات في العمل المسجل'),
    description: t(
      'Doğrulanmış kayıtlı istihdamın tüm işe yerleştirmelere oranı: programın SDG 8.3 ve 8.5’e katkısı (ulusal 8.3.1 anket göstergesi değildir).',
      'Verified registered placements over all placements started: the programme’s contribution to SDG 8.3 and 8.5 (not the survey-based national 8.3.1).',
      'نسبة التوظيفات المسجلة الموثقة إلى جميع التوظيفات: مساهمة البرنامج في الهدفين 8.3 و8.5 (وليس المؤشر الوطني 8.3.1 المبني على المسوح).',
    ),
    sdg: ['8.3', '8.5'],
    breakdowns: ALL,
  },
  {
    code: 'working-at-3m',
    kind: 'count',
    unit: 'placements',
    source: 'retained-3m',
    name: t('3. ayda çalışanlar', 'Still working at 3 months', 'يعملون بعد 3 أشهر'),
    description: t(
      '3. ay izlemesi dönem içinde kaydedilen ve kişinin hâlâ çalıştığı (aynı ya da başka işverende) işe yerleştirmeler: dönüşüm hunisinin son adımı.',
      'Placements whose 3-month follow-up was recorded in the period with the person still working (same or another employer): the last step of the funnel.',
      'التوظيفات التي سُجّلت متابعتها بعد 3 أشهر خلال الفترة وكان الشخص لا يزال يعمل (لدى نفس صاحب العمل أو غيره): الخطوة الأخيرة في المسار.',
    ),
    sdg: ['8.5'],
    breakdowns: ALL,
  },
  ...(['3', '6', '12'] as const).flatMap((m): IndicatorDef[] => [
    {
      code: `retention-${m}m`,
      kind: 'rate',
      unit: 'percent',
      source: `retained-${m}m`,
      denominator: `follow-ups-${m}m`,
      name: t(`${m}. ayda işte kalma`, `Retention at ${m} months`, `الاستمرار في العمل بعد ${m} أشهر`),
      description: t(
        `${m}. ay izlemesi dönem içinde kaydedilen işe yerleştirmelerden kişinin hâlâ çalıştığı (aynı ya da başka işverende) olanların oranı.`,
        `Of the placements whose ${m}-month follow-up was recorded in the period, the share where the person was still working (same or another employer).`,
        `من التوظيفات التي سُجّلت متابعتها بعد ${m} أشهر خلال الفترة، نسبة من كان لا يزال يعمل (لدى نفس صاحب العمل أو غيره).`,
      ),
      sdg: ['8.5'],
      breakdowns: ALL,
    },
  ]),
  {
    code: 'course-enrolments',
    kind: 'count',
    unit: 'enrolments',
    source: 'course-enrolments',
    name: t('Kursa kayıtlar', 'Course enrolments', 'التسجيلات في الدورات'),
    description: t(
      'Dönem içinde başlayan kurslara kesin kaydı yapılanlar (bitiren, bırakan ve tamamlayamayan dahil).',
      'Enrolments in courses that started in the period (including those who completed, dropped out or did not complete).',
      'التسجيلات في الدورات التي بدأت خلال الفترة (بما في ذلك من أتمّ أو انسحب أو لم يُتمّ).',
    ),
    sdg: ['8.6'],
    breakdowns: ALL,
  },
  {
    code: 'course-completions',
    kind: 'count',
    unit: 'enrolments',
    source: 'course-completions',
    name: t('Kurs bitirmeler', 'Course completions', 'إتمام الدورات'),
    description: t(
      'Dönem içinde bitirme kuralını sağlayarak kursu tamamlayanlar.',
      'Course completions (by the course’s completion rule) in the period.',
      'من أتمّوا الدورة (وفق قاعدة الإتمام) خلال الفترة.',
    ),
    sdg: ['8.6'],
    breakdowns: ALL,
  },
  {
    code: 'placement-after-course',
    kind: 'rate',
    unit: 'percent',
    source: 'placed-after-course',
    denominator: 'course-completions',
    name: t('Kurs sonrası işe yerleşme', 'Placement after courses', 'التوظيف بعد الدورات'),
    description: t(
      'Dönem içinde kursu bitirenlerden bitirişten sonraki 6 ay içinde işe başlayanların oranı (bugüne kadar).',
      'Of the course completions in the period, the share whose person started a job within 6 months after completing (so far).',
      'من أتمّوا دورة خلال الفترة، نسبة من بدأ عملاً خلال 6 أشهر بعد الإتمام (حتى الآن).',
    ),
    sdg: ['8.6'],
    breakdowns: ALL,
  },
  {
    code: 'days-to-first-job',
    kind: 'median',
    unit: 'days',
    source: 'first-jobs',
    name: t('İlk işe kadar geçen süre', 'Time from registration to first job', 'المدة من التسجيل حتى أول عمل'),
    description: t(
      'İlk işe yerleştirmesi dönem içinde başlayan kişilerde kayıttan işe başlamaya kadar geçen gün sayısının medyanı.',
      'Median days from registration to the start of the first placement, for persons whose first placement started in the period.',
      'وسيط عدد الأيام من التسجيل حتى بدء أول توظيف، للأشخاص الذين بدأ أول توظيف لهم خلال الفترة.',
    ),
    breakdowns: ALL,
  },
  {
    code: 'graduations-recommended',
    kind: 'count',
    unit: 'households',
    source: 'graduations-recommended',
    name: t(
      'Sosyal yardımdan çıkış önerileri',
      'Graduations from social aid recommended',
      'توصيات التخرج من المساعدة الاجتماعية',
    ),
    description: t(
      'Dönem içinde çıkış kuralını sağladığı için sosyal yardımdan çıkışı önerilen haneler (kişi: kayıtlı işte çalışan hane üyesi).',
      'Households recommended in the period for graduation from social aid because they met the graduation rule (person: the household member in registered work).',
      'الأسر التي أوصي خلال الفترة بتخرجها من المساعدة الاجتماعية لاستيفائها قاعدة التخرج (الشخص: فرد الأسرة العامل في عمل مسجل).',
    ),
    sdg: ['1.3', '8.5'],
    breakdowns: ALL,
  },
  {
    code: 'graduations-approved',
    kind: 'count',
    unit: 'households',
    source: 'graduations-approved',
    name: t('Onaylanan çıkışlar', 'Graduations approved', 'حالات التخرج المعتمدة'),
    description: t(
      'Dönem içinde yöneticinin onaylayıp ödeme yapan birime bildirdiği sosyal yardımdan çıkışlar.',
      'Graduations from social aid approved by a manager and sent to the paying unit in the period.',
      'حالات التخرج من المساعدة الاجتماعية التي اعتمدها مدير وأُرسلت إلى الجهة الدافعة خلال الفترة.',
    ),
    sdg: ['1.3', '8.5'],
    breakdowns: ALL,
  },
  {
    code: 'graduations-confirmed',
    kind: 'count',
    unit: 'households',
    source: 'graduations-confirmed',
    name: t('Kesinleşen çıkışlar', 'Graduations confirmed', 'حالات التخرج المؤكدة'),
    description: t(
      'Ödeme yapan birimin yardımın kesildiğini dönem içinde doğruladığı haneler (sonradan yardıma dönenler dahil).',
      'Households whose end of aid the paying unit confirmed in the period (including those who later returned to aid).',
      'الأسر التي أكدت الجهة الدافعة انتهاء مساعدتها خلال الفترة (بما في ذلك من عاد لاحقاً إلى المساعدة).',
    ),
    sdg: ['1.2', '1.3', '8.5'],
    breakdowns: ALL,
  },
  {
    code: 'returns-to-aid-12m',
    kind: 'count',
    unit: 'households',
    source: 'graduations-returned-12m',
    name: t('12 ay içinde yardıma dönüşler', 'Returns to aid within 12 months', 'العودة إلى المساعدة خلال 12 شهراً'),
    description: t(
      'Dönem içinde sosyal yardıma geri dönen ve dönüşü çıkışın kesinleşmesinden sonraki 12 ay içinde olan haneler (dönüş tarihine göre).',
      'Households that returned to social aid in the period within 12 months after their graduation was confirmed (by the date of return).',
      'الأسر التي عادت إلى المساعدة الاجتماعية خلال الفترة في غضون 12 شهراً من تأكيد تخرجها (حسب تاريخ العودة).',
    ),
    sdg: ['1.3'],
    breakdowns: ALL,
  },
  {
    code: 'aid-saved',
    kind: 'sum',
    unit: 'try',
    source: 'graduations-saving',
    name: t('Tasarruf edilen aylık yardım', 'Monthly aid saved', 'المساعدة الشهرية الموفَّرة'),
    description: t(
      'Dönem içinde çıkışı kesinleşen ve yardıma dönmemiş hanelerin artık ödenmeyen aylık yardım tutarlarının toplamı (TL). Toplam, arkasındaki hane sayısı yayımlanabildiğinde verilir; eşikten az hanenin toplamı gizlenir.',
      'The sum of the monthly aid no longer paid to households whose graduation was confirmed in the period and who have not returned to aid (TRY). A sum is given only where the number of households behind it is published; a sum over fewer households than the threshold is suppressed.',
      'مجموع المساعدة الشهرية التي لم تعد تُدفع للأسر التي تأكد تخرجها خلال الفترة ولم تعد إلى المساعدة (بالليرة التركية). يُنشر المجموع فقط حيث يُنشر عدد الأسر التي يستند إليها؛ ويُحجب المجموع لعدد من الأسر أقل من العتبة.',
    ),
    sdg: ['1.3'],
    breakdowns: ALL,
  },
  {
    code: 'childcare-mothers',
    kind: 'stock',
    unit: 'persons',
    source: 'childcare-mothers',
    name: t(
      'Çocuk bakım yeri olan anneler',
      'Mothers with a childcare place',
      'الأمهات اللواتي لديهن مكان في رعاية الأطفال',
    ),
    description: t(
      'Dönem sonunda en az bir çocuğu için çocuk bakım yeri olan anneler (sağlayıcı sayısından bağımsız, bir kez). Çeyrek ve yıl, son aylarının değeridir.',
      'Mothers holding a childcare place for at least one child at the end of the period (once, whatever the number of providers). A quarter or year is the value of its last month.',
      'الأمهات اللواتي لديهن مكان في رعاية الأطفال لطفل واحد على الأقل في نهاية الفترة (مرة واحدة مهما كان عدد مقدمي الرعاية). قيمة الربع أو السنة هي قيمة شهرها الأخير.',
    ),
    sdg: ['5.4', '8.5'],
    breakdowns: ALL,
  },
  {
    code: 'childcare-mothers-in-work',
    kind: 'stock',
    unit: 'persons',
    source: 'childcare-mothers-working',
    name: t(
      'Çocuk bakım yeri olan ve çalışan anneler',
      'Mothers with a childcare place in work',
      'الأمهات العاملات اللواتي لديهن مكان في رعاية الأطفال',
    ),
    description: t(
      'Dönem sonunda çocuk bakım yeri olan ve o gün bir işte çalışan anneler.',
      'Mothers holding a childcare place at the end of the period who were in a job on that day.',
      'الأمهات اللواتي لديهن مكان في رعاية الأطفال في نهاية الفترة وكنّ يعملن في ذلك اليوم.',
    ),
    sdg: ['5.4', '5.5', '8.5'],
    breakdowns: ALL,
  },
  {
    code: 'childcare-mothers-registered-work',
    kind: 'stock',
    unit: 'persons',
    source: 'childcare-mothers-verified',
    name: t(
      'Çocuk bakım yeri olan ve kayıtlı işte çalışan anneler',
      'Mothers with a childcare place in verified registered work',
      'الأمهات اللواتي لديهن مكان في رعاية الأطفال ويعملن في عمل مسجل موثق',
    ),
    description: t(
      'Dönem sonunda çocuk bakım yeri olan ve o gün SGK kaydı doğrulanmış bir işte çalışan anneler.',
      'Mothers holding a childcare place at the end of the period who were in a job verified as registered (SGK) work on that day.',
      'الأمهات اللواتي لديهن مكان في رعاية الأطفال في نهاية الفترة وكنّ يعملن في ذلك اليوم في عمل موثق التسجيل لدى الضمان الاجتماعي.',
    ),
    sdg: ['5.4', '8.3', '8.5', '8.8'],
    breakdowns: ALL,
  },
  {
    code: 'childcare-mothers-in-work-share',
    kind: 'rate',
    unit: 'percent',
    source: 'childcare-mothers-working',
    denominator: 'childcare-mothers',
    name: t(
      'Çocuk bakım yeri olan annelerde çalışma oranı',
      'Share of mothers with a childcare place in work',
      'نسبة العاملات بين الأمهات اللواتي لديهن مكان في رعاية الأطفال',
    ),
    description: t(
      'Dönem sonunda çocuk bakım yeri olan annelerden o gün çalışanların oranı.',
      'Of the mothers holding a childcare place at the end of the period, the share in a job on that day.',
      'من الأمهات اللواتي لديهن مكان في رعاية الأطفال في نهاية الفترة، نسبة العاملات في ذلك اليوم.',
    ),
    sdg: ['5.4', '5.5', '8.5'],
    breakdowns: ALL,
  },
  {
    code: 'childcare-mothers-registered-work-share',
    kind: 'rate',
    unit: 'percent',
    source: 'childcare-mothers-verified',
    denominator: 'childcare-mothers',
    name: t(
      'Çocuk bakım yeri olan annelerde kayıtlı istihdam oranı',
      'Share of mothers with a childcare place in verified registered work',
      'نسبة العمل المسجل الموثق بين الأمهات اللواتي لديهن مكان في رعاية الأطفال',
    ),
    description: t(
      'Dönem sonunda çocuk bakım yeri olan annelerden o gün SGK kaydı doğrulanmış bir işte çalışanların oranı.',
      'Of the mothers holding a childcare place at the end of the period, the share in verified registered (SGK) work on that day.',
      'من الأمهات اللواتي لديهن مكان في رعاية الأطفال في نهاية الفترة، نسبة العاملات في عمل موثق التسجيل في ذلك اليوم.',
    ),
    sdg: ['5.4', '8.3', '8.8'],
    breakdowns: ALL,
  },
  {
    code: 'employer-response-time',
    kind: 'median',
    unit: 'days',
    source: 'referrals-answered',
    name: t('İşveren yanıt süresi', 'Employer response time', 'مدة استجابة صاحب العمل'),
    description: t(
      'İşverenin ilk yanıtı dönem içinde gelen yönlendirmelerde, yönlendirmenin gönderilmesinden ilk yanıta kadar geçen iş günü sayısının medyanı (resmî tatiller sayılmaz; meslek: ilanın mesleği).',
      'Median working days from sending a referral to the employer’s first answer, for referrals first answered in the period (public holidays excluded; occupation: the vacancy’s).',
      'وسيط عدد أيام العمل من إرسال الإحالة حتى أول رد من صاحب العمل، للإحالات التي ورد أول رد عليها خلال الفترة (باستثناء العطل الرسمية؛ المهنة: مهنة الشاغر).',
    ),
    sdg: ['8.5'],
    breakdowns: ALL,
  },
];

export const INDICATOR_CODES = INDICATORS.map((i) => i.code);
export const indicatorByCode = (code: string) => INDICATORS.find((i) => i.code === code);

/** The count families a source releases (rates and medians are derived from them). */
const STOCK_SOURCES: readonly FactSource[] = [
  'open-cases',
  'childcare-mothers',
  'childcare-mothers-working',
  'childcare-mothers-verified',
];
export const SOURCE_KIND: Record<FactSource, 'count' | 'stock'> = Object.fromEntries(
  FACT_SOURCES.map((s) => [s, STOCK_SOURCES.includes(s) ? 'stock' : 'count']),
) as Record<FactSource, 'count' | 'stock'>;

export const SOURCE_NAMES: Record<FactSource, Texts> = {
  registrations: t('Kayıtlar', 'Registrations', 'التسجيلات'),
  'open-cases': t('Açık vakalar', 'Open cases', 'الحالات المفتوحة'),
  'referrals-sent': t('Gönderilen yönlendirmeler', 'Referrals sent', 'الإحالات المرسلة'),
  'placements-started': t('Başlayan işler', 'Placements started', 'التوظيفات التي بدأت'),
  'placements-verified': t('Doğrulanmış kayıtlı işler', 'Verified registered placements', 'التوظيفات المسجلة الموثقة'),
  'follow-ups-3m': t('3. ay izlemeleri', '3-month follow-ups', 'متابعات 3 أشهر'),
  'retained-3m': t('3. ayda çalışanlar', 'Working at 3 months', 'يعملون بعد 3 أشهر'),
  'follow-ups-6m': t('6. ay izlemeleri', '6-month follow-ups', 'متابعات 6 أشهر'),
  'retained-6m': t('6. ayda çalışanlar', 'Working at 6 months', 'يعملون بعد 6 أشهر'),
  'follow-ups-12m': t('12. ay izlemeleri', '12-month follow-ups', 'متابعات 12 شهراً'),
  'retained-12m': t('12. ayda çalışanlar', 'Working at 12 months', 'يعملون بعد 12 شهراً'),
  'course-enrolments': t('Kurs kayıtları', 'Course enrolments', 'التسجيلات في الدورات'),
  'course-completions': t('Kurs bitirmeler', 'Course completions', 'إتمام الدورات'),
  'placed-after-course': t('Kurs sonrası işe başlayanlar', 'Placed after a course', 'توظفوا بعد دورة'),
  'first-jobs': t('İlk işler', 'First jobs', 'الوظائف الأولى'),
  'graduations-recommended': t('Çıkış önerileri', 'Graduations recommended', 'توصيات التخرج'),
  'graduations-approved': t('Onaylanan çıkışlar', 'Graduations approved', 'حالات التخرج المعتمدة'),
  'graduations-confirmed': t('Kesinleşen çıkışlar', 'Graduations confirmed', 'حالات التخرج المؤكدة'),
  'graduations-returned-12m': t(
    '12 ay içinde yardıma dönüşler',
    'Returns to aid within 12 months',
    'العودة إلى المساعدة خلال 12 شهراً',
  ),
  'graduations-saving': t('Yardımı kesilmiş haneler', 'Households off aid', 'الأسر التي توقفت مساعدتها'),
  'childcare-mothers': t(
    'Çocuk bakım yeri olan anneler',
    'Mothers with a childcare place',
    'الأمهات اللواتي لديهن مكان في رعاية الأطفال',
  ),
  'childcare-mothers-working': t('Çalışan anneler', 'Mothers in work', 'الأمهات العاملات'),
  'referrals-answered': t(
    'İşverenin yanıtladığı yönlendirmeler',
    'Referrals answered by the employer',
    'الإحالات التي ردّ عليها صاحب العمل',
  ),
  'childcare-mothers-verified': t(
    'Kayıtlı işte çalışan anneler',
    'Mothers in verified registered work',
    'الأمهات في عمل مسجل موثق',
  ),
};

// ---- facts and the family of tables ----------------------------------------------------------------------

/**
 * One group of counted events with the same finest breakdown values. A person in several target
 * groups counts once in each of them (the target-group breakdown does not add up to the total).
 * `days` (first jobs) holds the duration of each event for the median.
 */
export interface Fact {
  month: string;
  sex: string;
  ageBand: string;
  targetGroups: readonly string[];
  province: string;
  district: string;
  office: string;
  occupation: string;
  n: number;
  days?: readonly number[];
  /** The sum of the events' amounts (aid saved), for a `sum` indicator. */
  amount?: number;
}

/** The values of one breakdown for a fact (several for target groups; none for "no target group"). */
export function valuesOf(fact: Fact, b: Breakdown): readonly string[] {
  switch (b) {
    case 'year':
      return [yearOf(fact.month)];
    case 'quarter':
      return [quarterOf(fact.month)];
    case 'month':
      return [fact.month];
    case 'sex':
      return [fact.sex];
    case 'ageBand':
      return [fact.ageBand];
    case 'targetGroup':
      return fact.targetGroups;
    case 'province':
      return [fact.province];
    case 'district':
      return [`${fact.province}/${fact.district}`];
    case 'office':
      return [fact.office];
    case 'occupation':
      return [fact.occupation];
  }
}

export function parentValue(b: Breakdown, value: string): string | null {
  switch (b) {
    case 'month':
      return quarterOf(value);
    case 'quarter':
      return value.slice(0, 4);
    case 'district':
      return value.slice(0, value.indexOf('/'));
    case 'year':
    case 'sex':
    case 'ageBand':
    case 'targetGroup':
    case 'province':
    case 'office':
    case 'occupation':
      return null;
  }
}

/** One table: rows by a breakdown, optionally columns by another, with totals. */
export interface TableShape {
  rows: Breakdown;
  columns: ColumnBreakdown | null;
}

/** Every table one indicator releases for a period range: the family suppressed together. */
export function familyShapes(breakdowns: readonly Breakdown[]): TableShape[] {
  const shapes: TableShape[] = [];
  for (const rows of breakdowns) {
    shapes.push({ rows, columns: null });
    for (const columns of COLUMN_BREAKDOWNS) {
      if (!breakdowns.includes(columns) || columns === rows) continue;
      if (isTime(rows) && isTime(columns)) continue;
      shapes.push({ rows, columns });
    }
  }
  return shapes;
}

export interface Family {
  /** Every cell of every table of the family (key: `cellKey` of its coordinate). */
  values: Map<string, number>;
  /** Durations per cell, for medians. */
  days: Map<string, number[]>;
  /** Amounts per cell (in kuruş, so sums stay exact), for sums. */
  sums: Map<string, number>;
  relations: Relation[];
  /** The values each breakdown takes, sorted. */
  categories: Record<Breakdown, string[]>;
  shapes: TableShape[];
  months: string[];
}

/** Each breakdown's values seen so far, none yet. */
function noCategories(): Record<Breakdown, Set<string>> {
  return Object.fromEntries(BREAKDOWNS.map((b) => [b, new Set<string>()])) as Record<Breakdown, Set<string>>;
}

/** For a stock, the month a quarter or year stands for: its last month in the range. */
function lastMonthsOf(months: readonly string[]): Map<string, string> {
  const lastMonthOf = new Map<string, string>();
  for (const m of months) {
    lastMonthOf.set(quarterOf(m), m);
    lastMonthOf.set(yearOf(m), m);
  }
  return lastMonthOf;
}

/** A family from its cells: the categories sorted and the additive relations between its cells. */
function completeFamily(f: {
  values: Map<string, number>;
  days: Map<string, number[]>;
  sums: Map<string, number>;
  categories: Record<Breakdown, Set<string>>;
  shapes: TableShape[];
  months: readonly string[];
  stock: boolean;
}): Family {
  const sorted = Object.fromEntries(BREAKDOWNS.map((b) => [b, [...f.categories[b]].sort()])) as Record<
    Breakdown,
    string[]
  >;
  return {
    values: f.values,
    days: f.days,
    sums: f.sums,
    relations: familyRelations(f.shapes, sorted, f.months, f.stock),
    categories: sorted,
    shapes: f.shapes,
    months: [...f.months],
  };
}

/**
 * Builds the family of one count or stock source over `months`. For a stock, a cell without a month
 * is the value at the end: a quarter is its last month in the range, the range its last month.
 */
export function buildFamily(
  facts: readonly Fact[],
  months: readonly string[],
  stock: boolean,
  breakdowns: readonly Breakdown[] = BREAKDOWNS,
): Family {
  const shapes = familyShapes(breakdowns);
  const last = months[months.length - 1]!;
  const inRange = new Set(months);
  const lastMonthOf = lastMonthsOf(months);
  const values = new Map<string, number>();
  const days = new Map<string, number[]>();
  const sums = new Map<string, number>();
  const categories = noCategories();
  // Two-way tables as pairs of breakdowns in the order `cellKey` sorts them, so keys are built as strings.
  // (sex × quarter and quarter × sex are one set of cells.)
  const pairs = [
    ...new Map(
      shapes
        .filter((s): s is TableShape & { columns: ColumnBreakdown } => s.columns !== null)
        .map((s) => (s.rows < s.columns ? [s.rows, s.columns] : [s.columns, s.rows]) as [Breakdown, Breakdown])
        .map((p) => [p.join('|'), p] as const),
    ).values(),
  ];
  for (const fact of facts) {
    if (!inRange.has(fact.month) || fact.n === 0) continue;
    const atEnd = fact.month === last;
    // A fact's values per breakdown; for a stock, quarters and years only where the fact is their last month.
    const v = {} as Record<Breakdown, readonly string[]>;
    for (const b of breakdowns) {
      const vs = valuesOf(fact, b);
      for (const x of vs) categories[b].add(x);
      v[b] = stock && (b === 'quarter' || b === 'year') ? vs.filter((x) => lastMonthOf.get(x) === fact.month) : vs;
    }
    const add = (k: string) => {
      values.set(k, (values.get(k) ?? 0) + fact.n);
      if (fact.days) {
        let list = days.get(k);
        if (!list) days.set(k, (list = []));
        list.push(...fact.days);
      }
      if (fact.amount !== undefined) sums.set(k, (sums.get(k) ?? 0) + Math.round(fact.amount * 100));
    };
    // A stock's cells without a period stand for the end of the range.
    if (!stock || atEnd) add('');
    for (const b of breakdowns) {
      if (stock && !isTime(b) && !atEnd) continue;
      for (const x of v[b]) add(`${b}=${x}`);
    }
    for (const [a, b] of pairs) {
      if (stock && !isTime(a) && !isTime(b) && !atEnd) continue;
      for (const x of v[a]) for (const y of v[b]) add(`${a}=${x}|${b}=${y}`);
    }
  }
  // For a stock, a period breakdown's values are those whose last month is in range (all are).
  return completeFamily({ values, days, sums, categories, shapes, months, stock });
}

/** Every additive relation between the cells of the family that a reader of its tables can write down. */
export function familyRelations(
  shapes: readonly TableShape[],
  categories: Record<Breakdown, string[]>,
  months: readonly string[],
  stock: boolean,
): Relation[] {
  const out = new Map<string, Relation>();
  const levels = new Set(shapes.map((s) => s.rows));
  const add = (parent: Coordinate, children: Coordinate[]) => {
    if (children.length === 0) return;
    const r = { parent: cellKey(parent), children: children.map(cellKey).sort() };
    out.set(`${r.parent}<${r.children.join(',')}`, r);
  };
  const last = months[months.length - 1]!;
  const lastValue = (b: Breakdown) => valuesOf({ month: last } as Fact, b)[0]!;
  const additive = (b: Breakdown) => b !== 'targetGroup' && !(stock && isTime(b));
  /** The parts of the `b`-total, given the other coordinates `rest`. */
  const totalOver = (b: Breakdown, rest: Coordinate) => {
    if (stock && isTime(b)) add(rest, [{ ...rest, [b]: lastValue(b) }]);
    else if (additive(b))
      add(
        rest,
        categories[b].map((v) => ({ ...rest, [b]: v })),
      );
  };
  const withOptional = (b: Breakdown | null): (string | null)[] => (b ? [...categories[b], null] : [null]);
  for (const { rows, columns } of shapes) {
    for (const c of withOptional(columns)) {
      const rest: Coordinate = c !== null && columns ? { [columns]: c } : {};
      totalOver(rows, rest);
      hierarchy(rows, rest);
    }
    if (columns) {
      for (const r of withOptional(rows)) {
        const rest: Coordinate = r !== null ? { [rows]: r } : {};
        totalOver(columns, rest);
        hierarchy(columns, rest);
      }
    }
  }
  /** A parent level's cells as sums of (or, for a stock over time, equal to the last of) their children. */
  function hierarchy(b: Breakdown, rest: Coordinate) {
    const parentLevel = PARENT_BREAKDOWN[b];
    if (!parentLevel || !levels.has(parentLevel)) return;
    const groups = new Map<string, string[]>();
    for (const v of categories[b]) {
      const p = parentValue(b, v)!;
      let list = groups.get(p);
      if (!list) groups.set(p, (list = []));
      list.push(v);
    }
    for (const [p, children] of groups) {
      const parent = { ...rest, [parentLevel]: p };
      if (stock && isTime(b)) {
        // The parent is the value at its last month in the range, whether or not that month has data.
        const end = months.filter((m) => (parentLevel === 'quarter' ? quarterOf(m) : yearOf(m)) === p).at(-1)!;
        add(parent, [{ ...rest, [b]: valuesOf({ month: end } as Fact, b)[0]! }]);
      } else
        add(
          parent,
          children.map((v) => ({ ...rest, [b]: v })),
        );
    }
  }
  return [...out.values()];
}

/**
 * One month's family cells as stored by the indicators' aggregates (issue 16, "Performance"): the family
 * of that month's facts alone (`buildFamily(facts, [month], stock)`), without its relations.
 */
export interface MonthCells {
  values: [string, number][];
  days: [string, number[]][];
  sums: [string, number][];
  categories: Partial<Record<Breakdown, string[]>>;
}

export function monthCellsOf(family: Family): MonthCells {
  return {
    values: [...family.values],
    days: [...family.days],
    sums: [...family.sums],
    categories: Object.fromEntries(Object.entries(family.categories).filter(([, v]) => v.length > 0)),
  };
}

/** The period a cell key names (`month=…`, `quarter=…`, `year=…`), or null for a cell over the whole range. */
function periodOf(key: string): { level: 'month' | 'quarter' | 'year'; value: string } | null {
  for (const part of key.split('|')) {
    const eq = part.indexOf('=');
    const b = part.slice(0, eq);
    if (b === 'month' || b === 'quarter' || b === 'year') return { level: b, value: part.slice(eq + 1) };
  }
  return null;
}

/**
 * The family of `months` from each month's own cells: exactly `buildFamily` over the facts of all the months
 * (tested), without going back to the facts. A flow's cell over several months is the sum of its months'
 * cells (a fact adds to the same cells whatever the range). A stock's cell is the one month it stands for:
 * a month cell its month, a quarter or year cell its last month in the range, a cell without a period the
 * range's last month.
 */
export function familyFromMonths(
  parts: ReadonlyMap<string, MonthCells>,
  months: readonly string[],
  stock: boolean,
  breakdowns: readonly Breakdown[] = BREAKDOWNS,
): Family {
  const shapes = familyShapes(breakdowns);
  const last = months[months.length - 1]!;
  const lastMonthOf = lastMonthsOf(months);
  const stands = (key: string, month: string) => {
    if (!stock) return true;
    const p = periodOf(key);
    if (!p) return month === last;
    return p.level === 'month' ? p.value === month : lastMonthOf.get(p.value) === month;
  };
  const values = new Map<string, number>();
  const days = new Map<string, number[]>();
  const sums = new Map<string, number>();
  const categories = noCategories();
  for (const month of months) {
    const part = parts.get(month);
    if (!part) continue;
    for (const [k, n] of part.values) if (stands(k, month)) values.set(k, (values.get(k) ?? 0) + n);
    for (const [k, list] of part.days) {
      if (!stands(k, month)) continue;
      const seen = days.get(k);
      if (seen) seen.push(...list);
      else days.set(k, [...list]);
    }
    for (const [k, n] of part.sums) if (stands(k, month)) sums.set(k, (sums.get(k) ?? 0) + n);
    for (const [b, vs] of Object.entries(part.categories) as [Breakdown, string[]][]) {
      for (const v of vs) categories[b].add(v);
    }
  }
  return completeFamily({ values, days, sums, categories, shapes, months, stock });
}
