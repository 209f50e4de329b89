import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  intlAgreementParties,
  intlAgreements,
  intlEvents,
  intlFollowUps,
  intlMemberships,
  intlPractices,
  intlPublications,
  organisations,
  partners,
  users,
} from '../schema/index.ts';
import { searchKey } from '../../../common/text.ts';
import { turkishDate } from '../../../common/working-days.ts';
import {
  normaliseDate,
  type DatePrecision,
  type EventKind,
  type MembershipRole,
} from '../../../common/international.ts';
import type { PartnerType } from '../../../common/programmes.ts';

const DAY_MS = 86_400_000;

/**
 * The international relations of İŞKUR, seeded as İBB's partner organisation (İŞKUR is not a demo tenant),
 * with the facts issue 17 lists. A date known only to the year or month keeps that precision (April 2014
 * has no day). Counterparts of the bilateral protocols are named by country: the issue names the
 * countries, not the institutions. Demo-only additions (the follow-up action, the good practices) say so.
 */
const PARTNERS: { key: string; name: string; acronym: string | null; type: PartnerType; country: string | null }[] = [
  { key: 'iskur', name: 'Türkiye İş Kurumu', acronym: 'İŞKUR', type: 'public-employment-service', country: 'TR' },
  {
    key: 'wapes',
    name: 'Dünya Kamu İstihdam Kurumları Birliği',
    acronym: 'WAPES',
    type: 'international-organisation',
    country: null,
  },
  {
    key: 'cpessec',
    name: 'Güneydoğu Avrupa Ülkeleri Kamu İstihdam Kurumları Merkezi',
    acronym: 'CPESSEC',
    type: 'international-organisation',
    country: null,
  },
  {
    key: 'oic-pesnet',
    name: 'İslam İşbirliği Teşkilatı Kamu İstihdam Kurumları Ağı',
    acronym: 'OIC-PESNET',
    type: 'international-organisation',
    country: null,
  },
  {
    key: 'sesric',
    name: 'İslam Ülkeleri İstatistik, Ekonomik ve Sosyal Araştırma ve Eğitim Merkezi',
    acronym: 'SESRIC',
    type: 'international-organisation',
    country: 'TR',
  },
  {
    key: 'eurasia',
    name: 'Türk Cumhuriyetleri ve Avrasya Kamu İstihdam Kurumları Ağı',
    acronym: 'Avrasya PESNET',
    type: 'international-organisation',
    country: null,
  },
  {
    key: 'leed',
    name: 'OECD Yerel Ekonomik ve İstihdam Kalkınması Programı',
    acronym: 'OECD LEED',
    type: 'international-organisation',
    country: null,
  },
  {
    key: 'ba',
    name: 'Bosna-Hersek kamu istihdam kurumu',
    acronym: null,
    type: 'public-employment-service',
    country: 'BA',
  },
  {
    key: 'bg',
    name: 'Bulgaristan kamu istihdam kurumu',
    acronym: null,
    type: 'public-employment-service',
    country: 'BG',
  },
  {
    key: 'hu',
    name: 'Macaristan kamu istihdam kurumu',
    acronym: null,
    type: 'public-employment-service',
    country: 'HU',
  },
  {
    key: 'mk',
    name: 'Kuzey Makedonya kamu istihdam kurumu',
    acronym: null,
    type: 'public-employment-service',
    country: 'MK',
  },
  {
    key: 'kr',
    name: 'Güney Kore kamu istihdam kurumu',
    acronym: null,
    type: 'public-employment-service',
    country: 'KR',
  },
];

const MEMBERSHIPS: {
  network: string;
  role: MembershipRole;
  start: string;
  end: string | null;
  precision: DatePrecision;
}[] = [
  { network: 'leed', role: 'member', start: '2002', end: null, precision: 'year' },
  { network: 'wapes', role: 'member', start: '2003', end: null, precision: 'year' },
  { network: 'wapes', role: 'board-member', start: '2012', end: null, precision: 'year' },
  { network: 'wapes', role: 'president', start: '2015', end: '2018', precision: 'year' },
  { network: 'cpessec', role: 'founding-member', start: '2007', end: null, precision: 'year' },
  { network: 'cpessec', role: 'chair', start: '2016', end: '2016', precision: 'year' },
];

const EVENTS: {
  kind: EventKind;
  title: string;
  start: string;
  end: string;
  precision: DatePrecision;
  place: string | null;
  host: string | null;
  partners: string[];
}[] = [
  {
    kind: 'founding',
    title: "WAPES'in kuruluşu",
    start: '1988-10-18',
    end: '1988-10-18',
    precision: 'day',
    place: 'Cenevre',
    host: null,
    partners: ['wapes'],
  },
  {
    kind: 'founding',
    title: "CPESSEC'in kuruluşu",
    start: '2007-01-01',
    end: '2007-12-31',
    precision: 'year',
    place: 'Belgrad',
    host: null,
    partners: ['cpessec', 'iskur'],
  },
  {
    kind: 'meeting',
    title: 'OIC-PESNET toplantısı',
    start: '2014-04-01',
    end: '2014-04-30',
    precision: 'month',
    place: null,
    host: null,
    partners: ['oic-pesnet', 'sesric', 'iskur'],
  },
  {
    kind: 'workshop',
    title: 'Türk Cumhuriyetleri ve Avrasya PESNET çalıştayı',
    start: '2015-09-17',
    end: '2015-09-18',
    precision: 'day',
    place: null,
    host: null,
    partners: ['eurasia', 'iskur'],
  },
  {
    kind: 'meeting',
    title: 'OIC-PESNET toplantısı',
    start: '2016-09-27',
    end: '2016-09-28',
    precision: 'day',
    place: 'Ankara',
    host: null,
    partners: ['oic-pesnet', 'sesric', 'iskur'],
  },
  {
    kind: 'meeting',
    title: 'CPESSEC toplantısı (İŞKUR dönem başkanlığında)',
    start: '2016-12-06',
    end: '2016-12-07',
    precision: 'day',
    place: 'İstanbul',
    host: 'iskur',
    partners: ['cpessec', 'iskur'],
  },
  {
    kind: 'workshop',
    title: 'Türk Cumhuriyetleri ve Avrasya PESNET çalıştayı',
    start: '2018-02-06',
    end: '2018-02-07',
    precision: 'day',
    place: null,
    host: null,
    partners: ['eurasia', 'iskur'],
  },
  {
    kind: 'meeting',
    title: 'CPESSEC toplantısı',
    start: '2018-09-24',
    end: '2018-09-25',
    precision: 'day',
    place: 'Belgrad',
    host: null,
    partners: ['cpessec', 'iskur'],
  },
];

const PROTOCOLS: { counterpart: string; signedOn: string; title: string; nameAtSigning?: string }[] = [
  { counterpart: 'ba', signedOn: '2012-05-10', title: 'İŞKUR – Bosna-Hersek işbirliği protokolü' },
  { counterpart: 'bg', signedOn: '2012-05-10', title: 'İŞKUR – Bulgaristan işbirliği protokolü' },
  { counterpart: 'hu', signedOn: '2014-02-28', title: 'İŞKUR – Macaristan işbirliği protokolü' },
  {
    counterpart: 'mk',
    signedOn: '2015-05-05',
    title: 'İŞKUR – Makedonya işbirliği protokolü',
    nameAtSigning: 'Makedonya kamu istihdam kurumu',
  },
  { counterpart: 'kr', signedOn: '2015-05-05', title: 'İŞKUR – Güney Kore işbirliği protokolü' },
];

const MAGAZINE = [
  {
    year: 2015,
    tr: "İş'in Yeni Dünyası",
    en: 'The New World of Work',
    ar: 'العالم الجديد للعمل',
    themes: ['future-of-work'],
  },
  {
    year: 2017,
    tr: 'Göç ve İstihdam',
    en: 'Migration and Employment',
    ar: 'الهجرة والتشغيل',
    themes: ['migration', 'employment-policy'],
  },
  {
    year: 2018,
    tr: 'Milli İstihdam Seferberliği',
    en: 'National Employment Mobilisation',
    ar: 'التعبئة الوطنية للتشغيل',
    themes: ['employment-policy'],
  },
];

const PRACTICES = [
  {
    titleTr: 'İş Kulüpleri (demo)',
    titleEn: 'Job Clubs (demo)',
    titleAr: 'نوادي العمل (تجريبي)',
    summaryTr: 'İş arayanların iş arama becerilerini danışman eşliğinde grup çalışmalarıyla geliştiren program.',
    summaryEn: 'Group sessions led by a counsellor in which job seekers strengthen their job-search skills.',
    summaryAr: 'جلسات جماعية يقودها مستشار يعزز فيها الباحثون عن عمل مهارات البحث عن عمل.',
    country: 'TR',
    partner: 'iskur',
    themes: ['job-clubs', 'employment-policy'],
  },
  {
    titleTr: 'İşbaşı Eğitim Programı (demo)',
    titleEn: 'On-the-job Training Programme (demo)',
    titleAr: 'برنامج التدريب أثناء العمل (تجريبي)',
    summaryTr: 'İşsizlerin bir işyerinde çalışarak mesleki deneyim kazanmasını sağlayan program.',
    summaryEn: 'Unemployed people gain work experience by training at a workplace.',
    summaryAr: 'يكتسب العاطلون عن العمل خبرة مهنية من خلال التدريب في مكان العمل.',
    country: 'TR',
    partner: 'iskur',
    themes: ['skills', 'youth'],
  },
];

export async function seedDemoInternational(tx: Db, now: Date = new Date()): Promise<void> {
  const [org] = await tx.select().from(organisations).where(eq(organisations.shortName, 'İBB'));
  if (!org) return;
  const organisationId = org.id;
  const [manager] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'manager@ibb.example'));
  const createdBy = manager?.id ?? null;
  const at = new Date(now.getTime() - 200 * DAY_MS);

  const ids = new Map<string, string>();
  for (const p of PARTNERS) {
    const [row] = await tx
      .insert(partners)
      .values({
        organisationId,
        name: p.name,
        nameKey: searchKey(`${p.name} ${p.acronym ?? ''}`),
        acronym: p.acronym,
        type: p.type,
        country: p.country,
        createdBy,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: partners.id });
    ids.set(p.key, row!.id);
  }
  const [ilo] = await tx
    .select({ id: partners.id })
    .from(partners)
    .where(and(eq(partners.acronym, 'ILO'), eq(partners.organisationId, organisationId)));
  const id = (key: string) => ids.get(key)!;

  await tx.insert(intlMemberships).values(
    MEMBERSHIPS.map((m) => ({
      organisationId,
      memberId: id('iskur'),
      networkId: id(m.network),
      role: m.role,
      startDate: normaliseDate(`${m.start}-01-01`, m.precision, false),
      endDate: m.end ? normaliseDate(`${m.end}-01-01`, m.precision, true) : null,
      precision: m.precision,
      createdBy,
      createdAt: at,
      updatedAt: at,
    })),
  );

  await tx.insert(intlEvents).values(
    EVENTS.map((e) => ({
      organisationId,
      kind: e.kind,
      title: e.title,
      startDate: e.start,
      endDate: e.end,
      precision: e.precision,
      place: e.place,
      hostId: e.host ? id(e.host) : null,
      partnerIds: e.partners.map(id),
      createdBy,
      createdAt: at,
      updatedAt: at,
    })),
  );
  if (ilo) {
    const [meeting] = await tx
      .insert(intlEvents)
      .values({
        organisationId,
        kind: 'meeting',
        title: 'İBB–ILO işbirliği toplantısı',
        startDate: '2020-12-24',
        endDate: '2020-12-24',
        precision: 'day',
        partnerIds: [ilo.id],
        staffIds: createdBy ? [createdBy] : [],
        createdBy,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: intlEvents.id });
    if (createdBy)
      await tx.insert(intlFollowUps).values({
        organisationId,
        eventId: meeting!.id,
        title: 'Ortak çalışma planının taslağını ILO ile paylaşmak (demo)',
        ownerId: createdBy,
        deadline: turkishDate(new Date(now.getTime() + 5 * DAY_MS)),
        createdAt: at,
        updatedAt: at,
      });
  }

  for (const p of PROTOCOLS) {
    const [row] = await tx
      .insert(intlAgreements)
      .values({
        organisationId,
        kind: 'protocol',
        title: p.title,
        titleKey: searchKey(p.title),
        signedOn: p.signedOn,
        status: 'signed',
        createdBy,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: intlAgreements.id });
    await tx.insert(intlAgreementParties).values([
      { organisationId, agreementId: row!.id, partnerId: id('iskur'), position: 0 },
      {
        organisationId,
        agreementId: row!.id,
        partnerId: id(p.counterpart),
        nameAtSigning: p.nameAtSigning ?? null,
        position: 1,
      },
    ]);
  }

  await tx.insert(intlPublications).values(
    MAGAZINE.map((m) => ({
      organisationId,
      kind: 'magazine-issue' as const,
      series: 'İŞKUR dergisi',
      year: m.year,
      titleTr: m.tr,
      titleEn: m.en,
      titleAr: m.ar,
      publisherId: id('iskur'),
      themes: m.themes,
      searchKey: searchKey(`${m.tr} ${m.en} ${m.ar} İŞKUR dergisi`),
      createdAt: at,
      updatedAt: at,
    })),
  );

  await tx.insert(intlPractices).values(
    PRACTICES.map((p) => ({
      organisationId,
      titleTr: p.titleTr,
      titleEn: p.titleEn,
      titleAr: p.titleAr,
      summaryTr: p.summaryTr,
      summaryEn: p.summaryEn,
      summaryAr: p.summaryAr,
      country: p.country,
      partnerId: id(p.partner),
      themes: p.themes,
      searchKey: searchKey([p.titleTr, p.titleEn, p.titleAr, p.summaryTr, p.summaryEn, p.summaryAr].join(' ')),
      createdAt: at,
      updatedAt: at,
    })),
  );
}
