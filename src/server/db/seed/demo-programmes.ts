import crypto from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  courseApplications,
  courseAttendance,
  courseCertificates,
  courses,
  courseSessions,
  courseTrainers,
  employers,
  indicatorTargets,
  indicatorValues,
  offices,
  organisations,
  partners,
  persons,
  placementFollowUps,
  placements,
  projectActivities,
  projectIndicators,
  projectPartners,
  projects,
  users,
} from '../schema/index.ts';
import { searchKey } from '../../../common/text.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { CODE_ALPHABET } from '../../../common/courses.ts';
import { retentionDueDates } from '../../../common/placements.ts';
import type { TargetGroup } from '../../../common/enums.ts';
import type {
  ActivityKind,
  IndicatorLevel,
  IndicatorMeasure,
  IndicatorUnit,
  PartnerRole,
  PartnerType,
} from '../../../common/programmes.ts';

const DAY_MS = 86_400_000;

type Org = 'ibb' | 'izmir';

const PARTNERS: {
  org: Org;
  name: string;
  acronym: string | null;
  type: PartnerType;
  country: string;
  website?: string;
}[] = [
  {
    org: 'izmir',
    name: 'Birleşmiş Milletler Kalkınma Programı',
    acronym: 'UNDP',
    type: 'un-agency',
    country: 'TR',
    website: 'https://www.undp.org/tr/turkiye',
  },
  {
    org: 'izmir',
    name: 'Türkiye İş Kurumu İzmir İl Müdürlüğü',
    acronym: 'İŞKUR',
    type: 'public-employment-service',
    country: 'TR',
  },
  { org: 'izmir', name: 'Ege Kadın Kooperatifleri Birliği (demo)', acronym: null, type: 'cooperative', country: 'TR' },
  {
    org: 'ibb',
    name: 'Uluslararası Çalışma Örgütü',
    acronym: 'ILO',
    type: 'un-agency',
    country: 'CH',
    website: 'https://www.ilo.org',
  },
  { org: 'ibb', name: 'Kadın Emeği Kooperatifleri Birliği (demo)', acronym: null, type: 'cooperative', country: 'TR' },
  { org: 'ibb', name: 'Fatih Kadın Dayanışma Derneği (demo)', acronym: null, type: 'ngo', country: 'TR' },
];

interface DemoIndicator {
  code: string;
  level: IndicatorLevel;
  titleTr: string;
  titleEn: string;
  titleAr: string;
  measure: IndicatorMeasure;
  unit: IndicatorUnit;
  baseline?: number;
  /** Targets per year of the project (from its start, 365 days each; the last one ends with the project). */
  targets: number[];
}

interface DemoProject {
  org: Org;
  code: string;
  nameTr: string;
  nameEn: string;
  nameAr: string;
  description: string;
  donor: string;
  partners: [string, PartnerRole][];
  budget: number;
  currency: 'TRY' | 'USD' | 'EUR';
  /** Days from the seed day. */
  start: number;
  end: number;
  targetGroups: TargetGroup[];
  /** Enrolment restricted to this group (the Roma youth project). */
  restrictedGroup?: TargetGroup;
  districts: string[];
  indicators: DemoIndicator[];
  activities?: { kind: ActivityKind; title: string; day: number; place: string; district: string; reach: number }[];
  /** Hand-entered values awaiting a second person's approval: [indicator code, day, value, evidence]. */
  pending?: [string, number, number, string][];
  /** Courses (by Turkish title) that belong to the project. */
  courses?: string[];
}

const reached = (targets: number[]): DemoIndicator => ({
  code: '3.1',
  level: 'output',
  titleTr: 'Bilgilendirme ve farkındalık faaliyetleriyle ulaşılan kişi',
  titleEn: 'People reached by information and awareness activities',
  titleAr: 'الأشخاص الذين وصلت إليهم أنشطة التعريف والتوعية',
  measure: 'activity-reach',
  unit: 'persons',
  targets,
});

const PROJECTS: DemoProject[] = [
  {
    org: 'izmir',
    code: 'UNDP-IZM-GKGK',
    nameTr: 'Geleceğini Kuran Genç Kadınlar',
    nameEn: 'Young Women Building Their Future',
    nameAr: 'شابات يبنين مستقبلهن',
    description:
      'Meslek Fabrikası ile UNDP iş birliğinde genç kadınlara dijital ve mesleki beceri kazandırma, işe yerleştirme ve girişimcilik desteği.',
    donor: 'UNDP',
    partners: [
      ['UNDP', 'funding'],
      ['UNDP', 'technical'],
      ['İŞKUR', 'implementing'],
    ],
    budget: 850000,
    currency: 'USD',
    start: -200,
    end: 530,
    targetGroups: ['woman-care', 'neet'],
    districts: ['Konak', 'Bayraklı', 'Karabağlar'],
    courses: ['Meslek Fabrikası: Dijital Pazarlama ve E-Ticaret', 'Meslek Fabrikası: Bilgisayarlı Ön Muhasebe'],
    indicators: [
      {
        code: '1.1',
        level: 'output',
        titleTr: 'Meslek Fabrikası kurslarına katılan genç kadın',
        titleEn: 'Young women enrolled in Vocational Factory courses',
        titleAr: 'الشابات المسجلات في دورات مصنع المهن',
        measure: 'enrolled',
        unit: 'persons',
        targets: [8, 40],
      },
      {
        code: '1.2',
        level: 'output',
        titleTr: 'Kursu tamamlayan genç kadın',
        titleEn: 'Young women who completed a course',
        titleAr: 'الشابات اللواتي أتممن دورة',
        measure: 'completed',
        unit: 'persons',
        targets: [6, 32],
      },
      {
        code: '1.3',
        level: 'output',
        titleTr: 'Verilen katılım belgesi',
        titleEn: 'Participation certificates issued',
        titleAr: 'شهادات المشاركة الصادرة',
        measure: 'certified',
        unit: 'certificates',
        targets: [6, 32],
      },
      {
        code: '2.1',
        level: 'outcome',
        titleTr: 'Kursu tamamladıktan sonra 6 ay içinde işe giren',
        titleEn: 'Completers in work within 6 months',
        titleAr: 'من أتممن الدورة وعملن خلال 6 أشهر',
        measure: 'placed-6m',
        unit: 'persons',
        targets: [3, 16],
      },
      reached([300, 600]),
      {
        code: '3.2',
        level: 'output',
        titleTr: 'Sosyal medya kampanyasının erişimi',
        titleEn: 'Reach of the social media campaign',
        titleAr: 'وصول حملة وسائل التواصل الاجتماعي',
        measure: 'manual',
        unit: 'number',
        targets: [20000, 40000],
      },
    ],
    activities: [
      {
        kind: 'info-session',
        title: 'Meslek Fabrikası tanıtım günü',
        day: -150,
        place: 'Konak Meslek Fabrikası',
        district: 'Konak',
        reach: 86,
      },
      {
        kind: 'employer-meeting',
        title: 'E-ticaret işverenleriyle istihdam buluşması',
        day: -70,
        place: 'İzmir Ticaret Odası',
        district: 'Konak',
        reach: 24,
      },
    ],
    pending: [['3.2', -40, 18500, 'Kampanya raporu: üç platformda tekil erişim (ajans raporu, s. 6)']],
  },
  {
    org: 'izmir',
    code: 'UNDP-IZM-YK',
    nameTr: 'Yarının Köyleri',
    nameEn: 'Villages of Tomorrow',
    nameAr: 'قرى الغد',
    description: 'Kırsal mahallelerde tarım ve gıda işlemede kooperatif temelli istihdam.',
    donor: 'UNDP',
    partners: [
      ['UNDP', 'funding'],
      ['Ege Kadın Kooperatifleri Birliği (demo)', 'implementing'],
    ],
    budget: 420000,
    currency: 'USD',
    start: -120,
    end: 610,
    targetGroups: ['woman-care', 'long-term-unemployed'],
    districts: ['Ödemiş', 'Tire', 'Bergama'],
    indicators: [reached([150, 300])],
    activities: [
      {
        kind: 'workshop',
        title: 'Kooperatif kuruluşu atölyesi',
        day: -60,
        place: 'Tire Kooperatif Evi',
        district: 'Tire',
        reach: 42,
      },
    ],
  },
  {
    org: 'izmir',
    code: 'UNDP-IZM-BGGM',
    nameTr: 'Bugünün Gençleri Geleceğin Meslekleri',
    nameEn: "Today's Youth, Tomorrow's Occupations",
    nameAr: 'شباب اليوم مهن المستقبل',
    description: 'Gençlere yazılım, yeşil enerji ve lojistik alanlarında meslek edindirme.',
    donor: 'UNDP',
    partners: [['UNDP', 'funding']],
    budget: 600000,
    currency: 'USD',
    start: -30,
    end: 700,
    targetGroups: ['neet'],
    districts: ['Bornova', 'Karşıyaka'],
    indicators: [reached([200, 400])],
  },
  {
    org: 'izmir',
    code: 'UNDP-IZM-RG',
    nameTr: 'Roman Gençlerin İstihdamına Yönelik Yerel Model Geliştirilmesi',
    nameEn: 'A Local Model for the Employment of Roma Youth',
    nameAr: 'تطوير نموذج محلي لتوظيف الشباب الروما',
    description:
      'Roman gençler için yerel istihdam modeli: mahalle temelli rehberlik ve işveren iş birlikleri. Kişi düzeyinde katılım Roman kökenini açığa çıkarır: yalnızca toplam sayılar gösterilir.',
    donor: 'UNDP',
    partners: [
      ['UNDP', 'funding'],
      ['İŞKUR', 'technical'],
    ],
    budget: 310000,
    currency: 'USD',
    start: -90,
    end: 640,
    targetGroups: ['roma', 'neet'],
    restrictedGroup: 'roma',
    districts: ['Konak', 'Buca'],
    indicators: [reached([120, 240])],
    activities: [
      {
        kind: 'info-session',
        title: 'Mahalle bilgilendirme toplantısı',
        day: -45,
        place: 'Tepecik Mahalle Evi',
        district: 'Konak',
        reach: 57,
      },
    ],
  },
  {
    org: 'ibb',
    code: 'ILO-IST-KMIE',
    nameTr: 'Kadınlar ve Mülteciler için İnsana Yakışır İş (demo)',
    nameEn: 'Decent Work for Women and Refugees (demo)',
    nameAr: 'العمل اللائق للنساء واللاجئين (تجريبي)',
    description:
      'Uydurma demo verisidir. ILO’nun teknik desteğiyle İstanbul’da kadınların ve geçici koruma altındakilerin kayıtlı istihdamı.',
    donor: 'ILO',
    partners: [
      ['ILO', 'funding'],
      ['ILO', 'technical'],
      ['Fatih Kadın Dayanışma Derneği (demo)', 'implementing'],
    ],
    budget: 1200000,
    currency: 'EUR',
    start: -60,
    end: 670,
    targetGroups: ['woman-care', 'refugee'],
    districts: ['Fatih', 'Esenyurt', 'Sultanbeyli'],
    courses: ['Mutfak Yardımcılığı Kursu'],
    indicators: [
      {
        code: '1.1',
        level: 'output',
        titleTr: 'Kurslara katılan kadın ve mülteci',
        titleEn: 'Women and refugees enrolled in courses',
        titleAr: 'النساء واللاجئون المسجلون في الدورات',
        measure: 'enrolled',
        unit: 'persons',
        targets: [30, 60],
      },
      {
        code: '1.2',
        level: 'output',
        titleTr: 'Kursu tamamlayan',
        titleEn: 'Course completers',
        titleAr: 'من أتمّوا الدورة',
        measure: 'completed',
        unit: 'persons',
        targets: [24, 48],
      },
      {
        code: '2.1',
        level: 'outcome',
        titleTr: 'Tamamladıktan sonra 3 ay içinde kayıtlı işe giren',
        titleEn: 'Completers in work within 3 months',
        titleAr: 'من أتمّوا الدورة وعملوا خلال 3 أشهر',
        measure: 'placed-3m',
        unit: 'persons',
        targets: [10, 24],
      },
    ],
    activities: [
      {
        kind: 'awareness-campaign',
        title: 'Çocuk işçiliğine karşı farkındalık kampanyası',
        day: -20,
        place: 'Sultanbeyli Belediyesi Kültür Merkezi',
        district: 'Sultanbeyli',
        reach: 240,
      },
    ],
  },
  {
    org: 'ibb',
    code: 'KOOP-IST-01',
    nameTr: 'Kadın Kooperatifleriyle Üretim ve İstihdam (demo)',
    nameEn: "Production and Employment with Women's Cooperatives (demo)",
    nameAr: 'الإنتاج والتوظيف مع التعاونيات النسائية (تجريبي)',
    description: 'Uydurma demo verisidir. Kadın kooperatiflerinin gıda ve tekstil üretimini büyütme.',
    donor: 'Kadın Emeği Kooperatifleri Birliği (demo)',
    partners: [['Kadın Emeği Kooperatifleri Birliği (demo)', 'implementing']],
    budget: 2500000,
    currency: 'TRY',
    start: 15,
    end: 380,
    targetGroups: ['woman-care'],
    districts: ['Fatih', 'Bağcılar'],
    indicators: [reached([100])],
  },
];

/** A past İzmir course of the UNDP project, completed, with certificates and a job after it. */
const PAST_COURSE = {
  titleTr: 'Meslek Fabrikası: Dijital Pazarlama ve E-Ticaret',
  titleEn: 'Vocational Factory: Digital Marketing and E-Commerce',
  titleAr: 'مصنع المهن: التسويق الرقمي والتجارة الإلكترونية',
  iscoCode: '2431',
  hours: 120,
  start: -130,
  end: -80,
  place: 'Konak Meslek Fabrikası, Şair Eşref Blv. No: 3',
};

function code(): string {
  const pick = () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)];
  return [0, 1, 2].map(() => Array.from({ length: 4 }, pick).join('')).join('-');
}

/**
 * Partners and projects (issue 13, docs/PROGRAMMES.md): İzmir's four projects with UNDP, an İstanbul
 * project with the ILO and a cooperative project (invented, labelled so), with results frameworks whose
 * actuals come from the demo courses: a finished Meslek Fabrikası course with certificates and a job
 * after it, and İBB's running kitchen course.
 */
export async function seedDemoProgrammes(tx: Db, now: Date = new Date()): Promise<void> {
  const dateIn = (n: number) => turkishDate(new Date(now.getTime() + n * DAY_MS));
  const at = (n: number) => new Date(now.getTime() + n * DAY_MS);
  const orgRows = await tx.select().from(organisations);
  const orgId: Record<Org, string | undefined> = {
    ibb: orgRows.find((o) => o.shortName === 'İBB')?.id,
    izmir: orgRows.find((o) => o.shortName === 'İzBB')?.id,
  };
  const domains: Record<Org, string> = { ibb: 'ibb.example', izmir: 'izmir.example' };
  const userId = async (org: Org, login: string) =>
    (
      await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.email, `${login}@${domains[org]}`))
    )[0]?.id ?? null;

  await seedPastCourse(tx, now, orgId.izmir);

  const partnerIds = new Map<string, string>();
  for (const p of PARTNERS) {
    const organisationId = orgId[p.org];
    if (!organisationId) continue;
    const [row] = await tx
      .insert(partners)
      .values({
        organisationId,
        name: p.name,
        nameKey: searchKey(`${p.name} ${p.acronym ?? ''}`),
        acronym: p.acronym,
        type: p.type,
        country: p.country,
        website: p.website ?? null,
        agreements: p.type === 'un-agency' ? 'İş birliği protokolü ve hibe sözleşmesi' : null,
        createdBy: await userId(p.org, 'manager'),
        createdAt: at(-240),
        updatedAt: at(-240),
      })
      .returning({ id: partners.id });
    partnerIds.set(`${p.org}/${p.acronym ?? p.name}`, row!.id);
    partnerIds.set(`${p.org}/${p.name}`, row!.id);
  }

  for (const p of PROJECTS) {
    const organisationId = orgId[p.org];
    if (!organisationId) continue;
    const manager = await userId(p.org, 'manager');
    const today = turkishDate(now);
    const startDate = dateIn(p.start);
    const endDate = dateIn(p.end);
    const [project] = await tx
      .insert(projects)
      .values({
        organisationId,
        code: p.code,
        nameTr: p.nameTr,
        nameEn: p.nameEn,
        nameAr: p.nameAr,
        nameKey: searchKey(`${p.code} ${p.nameTr} ${p.nameEn} ${p.nameAr}`),
        description: p.description,
        donorId: partnerIds.get(`${p.org}/${p.donor}`) ?? null,
        budgetAmount: p.budget.toFixed(2),
        currency: p.currency,
        startDate,
        endDate,
        targetGroups: p.targetGroups,
        restrictedGroup: p.restrictedGroup ?? null,
        districts: p.districts,
        status: startDate <= today ? 'active' : 'planned',
        createdBy: manager,
        createdAt: at(Math.min(p.start, 0) - 20),
        updatedAt: at(-1),
      })
      .returning({ id: projects.id });
    const projectId = project!.id;
    const links = new Map<string, { partnerId: string; role: PartnerRole }>();
    for (const [name, role] of p.partners) {
      const partnerId = partnerIds.get(`${p.org}/${name}`);
      if (partnerId) links.set(`${partnerId}/${role}`, { partnerId, role });
    }
    if (links.size)
      await tx.insert(projectPartners).values([...links.values()].map((l) => ({ ...l, projectId, organisationId })));
    for (const i of p.indicators) {
      const [row] = await tx
        .insert(projectIndicators)
        .values({
          organisationId,
          projectId,
          code: i.code,
          level: i.level,
          titleTr: i.titleTr,
          titleEn: i.titleEn,
          titleAr: i.titleAr,
          measure: i.measure,
          unit: i.unit,
          baseline: i.baseline ?? 0,
        })
        .returning({ id: projectIndicators.id });
      await tx.insert(indicatorTargets).values(
        i.targets.map((target, y) => ({
          organisationId,
          indicatorId: row!.id,
          periodStart: dateIn(p.start + y * 365),
          periodEnd: y === i.targets.length - 1 ? endDate : dateIn(p.start + (y + 1) * 365 - 1),
          target,
        })),
      );
      for (const [codeOf, day, value, evidence] of p.pending ?? [])
        if (codeOf === i.code)
          await tx.insert(indicatorValues).values({
            organisationId,
            indicatorId: row!.id,
            valueDate: dateIn(day),
            value,
            evidence,
            status: 'pending',
            enteredBy: manager!,
            enteredAt: at(day + 2),
          });
    }
    for (const a of p.activities ?? [])
      await tx.insert(projectActivities).values({
        organisationId,
        projectId,
        kind: a.kind,
        title: a.title,
        startDate: dateIn(a.day),
        endDate: dateIn(a.day),
        place: a.place,
        district: a.district,
        reach: a.reach,
        createdBy: manager,
        createdAt: at(a.day + 1),
        updatedAt: at(a.day + 1),
      });
    for (const title of p.courses ?? [])
      await tx
        .update(courses)
        .set({ projectId })
        .where(and(eq(courses.organisationId, organisationId), eq(courses.titleTr, title)));
  }
}

/**
 * İzmir's finished Meslek Fabrikası course: Konak's job seekers took part; all but the last completed
 * (80 % attendance) and got their participation certificate; one was hired by Körfez Lokantası (the
 * committed employer) a month after completing.
 */
async function seedPastCourse(tx: Db, now: Date, organisationId: string | undefined): Promise<void> {
  if (!organisationId) return;
  const dateIn = (n: number) => turkishDate(new Date(now.getTime() + n * DAY_MS));
  const at = (n: number) => new Date(now.getTime() + n * DAY_MS);
  const c = PAST_COURSE;
  const [manager] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'manager@izmir.example'));
  const [trainer] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'trainer@izmir.example'));
  const [employer] = await tx
    .select()
    .from(employers)
    .where(and(eq(employers.organisationId, organisationId), eq(employers.tradeName, 'Körfez Lokantası')));
  const [office] = await tx
    .select({ id: offices.id })
    .from(offices)
    .where(and(eq(offices.organisationId, organisationId), eq(offices.district, 'Konak')));
  if (!office) return;
  const people = await tx
    .select({ id: persons.id, officeId: persons.officeId })
    .from(persons)
    .where(and(eq(persons.organisationId, organisationId), eq(persons.officeId, office.id)))
    .orderBy(asc(persons.familyName), asc(persons.givenName))
    .limit(4);
  if (people.length === 0) return;
  const [course] = await tx
    .insert(courses)
    .values({
      organisationId,
      titleTr: c.titleTr,
      titleEn: c.titleEn,
      titleAr: c.titleAr,
      titleKey: searchKey(`${c.titleTr} ${c.titleEn} ${c.titleAr}`),
      iscoCode: c.iscoCode,
      hours: c.hours,
      startDate: dateIn(c.start),
      endDate: dateIn(c.end),
      capacity: 20,
      targetGroups: ['woman-care', 'neet'],
      certificateType: 'participation',
      minAttendancePercent: 80,
      assessmentRequired: false,
      employerId: employer?.id ?? null,
      hireCommitmentPercent: employer ? 30 : null,
      status: 'closed',
      completionAppliedAt: at(c.end + 1),
      createdBy: manager?.id ?? null,
      createdAt: at(c.start - 40),
      updatedAt: at(c.end + 1),
    })
    .returning({ id: courses.id });
  const courseId = course!.id;
  if (trainer) await tx.insert(courseTrainers).values({ courseId, userId: trainer.id, organisationId });
  const sessions: { id: string; date: string }[] = [];
  for (let d = c.start; d <= c.end; d += 7)
    sessions.push(
      (
        await tx
          .insert(courseSessions)
          .values({ courseId, organisationId, date: dateIn(d), startTime: '13:30', endTime: '17:30', place: c.place })
          .returning({ id: courseSessions.id, date: courseSessions.date })
      )[0]!,
    );
  const last = people.length - 1;
  const apps = await tx
    .insert(courseApplications)
    .values(
      people.map((p, i) => ({
        organisationId,
        courseId,
        personId: p.id,
        status: i === last && people.length > 1 ? ('dropped-out' as const) : ('completed' as const),
        channel: 'counsellor' as const,
        appliedAt: at(c.start - 30 + i),
        appliedBy: manager?.id ?? null,
        decidedAt: at(c.start - 20),
        dropoutReason: i === last && people.length > 1 ? ('care-duties' as const) : null,
        completedAt: i === last && people.length > 1 ? null : at(c.end + 1),
        updatedAt: at(c.end + 1),
      })),
    )
    .returning({ id: courseApplications.id, status: courseApplications.status, personId: courseApplications.personId });
  await tx.insert(courseAttendance).values(
    sessions.flatMap((s, si) =>
      apps.map((a) => ({
        sessionId: s.id,
        applicationId: a.id,
        organisationId,
        present: a.status === 'completed' ? si % 8 !== 7 : si < 3,
        recordedBy: trainer?.id ?? null,
        recordedAt: new Date(`${s.date}T14:00:00Z`),
      })),
    ),
  );
  const completed = apps.filter((a) => a.status === 'completed');
  if (completed.length)
    await tx.insert(courseCertificates).values(
      completed.map((a) => ({
        organisationId,
        courseId,
        applicationId: a.id,
        type: 'participation' as const,
        code: code(),
        issuedAt: at(c.end + 1),
        issuedBy: manager?.id ?? null,
      })),
    );
  const hired = completed[0];
  const person = people.find((p) => p.id === hired?.personId);
  if (!employer || !hired || !person) return;
  const startDate = dateIn(c.end + 30);
  const [placement] = await tx
    .insert(placements)
    .values({
      organisationId,
      officeId: person.officeId,
      personId: person.id,
      employerId: employer.id,
      source: 'other',
      jobTitle: 'E-ticaret ve sosyal medya sorumlusu',
      status: 'active',
      startDate,
      contractType: 'permanent',
      wageAmount: '31000.00',
      wageBasis: 'net',
      hoursPerWeek: 45,
      hoursPerDay: 9,
      shifts: ['day'],
      workplaceProvince: employer.province,
      workplaceDistrict: employer.district,
      decent: true,
      violations: [],
      createdBy: manager?.id ?? null,
      createdAt: at(c.end + 29),
      updatedAt: at(c.end + 29),
    })
    .returning({ id: placements.id });
  for (const f of retentionDueDates(startDate))
    await tx.insert(placementFollowUps).values({
      organisationId,
      placementId: placement!.id,
      milestone: f.milestone,
      dueDate: f.dueDate,
      status: 'pending',
      createdAt: at(c.end + 29),
    });
}
