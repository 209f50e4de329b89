import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  caseNotes,
  cases,
  caseSteps,
  caseTransfers,
  consents,
  householdIncomes,
  householdMembers,
  households,
  noticeAcknowledgements,
  offices,
  organisations,
  persons,
  personTargetGroups,
  workPermits,
  roles,
  socialAidRecords,
  userRoles,
  users,
  workHistory,
  type CaseStatus,
  type ConsentPurpose,
  type Constraints,
  type LanguageSkill,
} from '../schema/index.ts';
import type { TargetGroup } from '../../../common/enums.ts';
import { blindIndex, encrypt } from '../../lib/crypto.ts';
import { findDistrict } from '../../lib/geography.ts';
import { searchKey } from '../../../common/text.ts';
import { maskIdNumber, withTcknChecksum, type IdKind } from '../../../common/identity-number.ts';
import { CONSENT_TEXT_VERSION, NOTICE_VERSION } from '../../../common/people.ts';
import type { Locale } from '../../../common/locales.ts';

/** The keys persons.service encrypts and indexes with (KOPRU_DATA_KEY, KOPRU_INDEX_KEY). */
export interface DemoKeys {
  dataKey: Buffer;
  indexKey: Buffer;
}

type OrgKey = 'ibb' | 'izmir' | 'umut';
type NoteKind = 'meeting' | 'phone' | 'home-visit' | 'message' | 'other';

interface DemoCase {
  status: CaseStatus;
  openedDaysAgo: number;
  closeReason?: 'employed' | 'moved-away' | 'no-contact' | 'declined-service' | 'referred-elsewhere' | 'other';
  closeNote?: string;
  notes?: { kind: NoteKind; body: string; daysAgo: number }[];
  steps?: { title: string; owner: 'counsellor' | 'person'; dueInDays: number | null; done?: boolean }[];
  /** Transferred in from another office of the organisation (district), with its counsellor. */
  transferredFrom?: { office: string; counsellor?: string; reason: string; daysAgo: number };
}

interface DemoPerson {
  org: OrgKey;
  /** The office's district. */
  office: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'female' | 'male';
  nationality: string;
  id?: { kind: IdKind; number: string; passportCountry?: string };
  phone?: string;
  email?: string;
  province: string;
  district: string;
  address?: string;
  languages: LanguageSkill[];
  isced?: { level: number; field?: string; year?: number };
  skills?: string;
  occupations: string[];
  constraints?: Constraints;
  groups?: {
    group: TargetGroup;
    clear?: Record<string, unknown>;
    secret?: Record<string, unknown>;
    permit?: 'none' | 'applied' | 'granted' | 'seasonal-agriculture-exemption';
  }[];
  consents?: (ConsentPurpose | { purpose: ConsentPurpose; partner: string })[];
  noticeLocale?: Locale;
  work?: { occupation: string; employer?: string; start?: string; end?: string; registered: boolean }[];
  case?: DemoCase;
  /**
   * Registered this many days ago, when earlier than the case's opening (a case reopened after a job):
   * the placement seeds' hires come from referrals, sent only after the registration and its consents.
   */
  registeredDaysAgo?: number;
  /** The demo seeker account (login of DEMO_ORGANISATIONS) linked to this record. */
  seeker?: string;
  /** A self-registration waiting in the counsellor's queue, with a new seeker account. */
  pending?: { locale: Locale };
}

interface DemoHousehold {
  /** givenName + ' ' + familyName of the registered person in it. */
  person: string;
  relation: 'head' | 'spouse' | 'child' | 'parent' | 'sibling' | 'other-relative';
  address: string;
  members: {
    givenName: string;
    familyName: string;
    birthDate: string;
    sex: 'female' | 'male';
    relation: 'head' | 'spouse' | 'child' | 'parent' | 'sibling' | 'grandchild' | 'other-relative' | 'other';
    income?: { source: 'registered-work' | 'informal-work' | 'pension' | 'other'; monthly: string };
  }[];
  aid: { programme: string; monthly: string; start: string; end?: string }[];
}

const SYDV = 'Sosyal Yardımlaşma ve Dayanışma Vakfı nakdi yardım';
const SUY = 'Sosyal Uyum Yardımı Programı (SUY) – Kızılay Kart';

const tc = (nine: string) => ({ kind: 'tckn' as const, number: withTcknChecksum(nine) });
const ykn = (seven: string) => ({ kind: 'ykn' as const, number: withTcknChecksum(`99${seven}`) });
const tr = (level: LanguageSkill['level'] = 'native'): LanguageSkill => ({ code: 'tr', level });
const lang = (code: string, level: LanguageSkill['level']): LanguageSkill => ({ code, level });
const constraints = (c: Partial<Constraints>): Constraints => ({
  hoursPerWeek: null,
  shifts: [],
  districts: [],
  maxCommuteMinutes: null,
  childcareNeed: false,
  earliestStart: null,
  ...c,
});
const refugee = (
  status: 'temporary-protection' | 'international-protection' | 'residence-permit',
  registrationProvince: string | null,
  workPermit: 'none' | 'applied' | 'granted' | 'seasonal-agriculture-exemption',
  registrationDate: string,
) => ({
  group: 'refugee' as const,
  secret: { status, registrationProvince, registrationDate },
  // Work permits are records of their own (work_permits); the demo turns this shorthand into one.
  permit: workPermit,
});
const disability = (reportPercentage: number, reportDate: string, accessibilityNeeds: string | null) => ({
  group: 'disability' as const,
  secret: { reportPercentage, reportDate, accessibilityNeeds },
});
const womanCare = (childrenUnder6: number) => ({ group: 'woman-care' as const, clear: { childrenUnder6 } });
const informal = (kind: string) => ({ group: 'informal-worker' as const, clear: { kind } });
const longTerm = (unemployedMonths: number) => ({
  group: 'long-term-unemployed' as const,
  clear: { unemployedMonths },
});
const neet = { group: 'neet' as const };
const socialAid = { group: 'social-aid' as const };
const roma = { group: 'roma' as const, secret: { selfIdentified: true } };

/**
 * About forty job seekers across the demo offices. Names, birth dates and phone numbers are chosen so
 * that they never meet the ones the integration tests type (see people.int.test.ts).
 */
export const DEMO_PERSONS: DemoPerson[] = [
  // ---- İBB Fatih (Zeynep Kaya) ----
  {
    org: 'ibb',
    office: 'Fatih',
    seeker: 'seeker',
    givenName: 'Fatma',
    familyName: 'Koç',
    birthDate: '1987-06-14',
    sex: 'female',
    nationality: 'TR',
    id: tc('345120987'),
    phone: '+905321000002',
    province: 'İstanbul',
    district: 'Fatih',
    address: 'Karagümrük Mah. Keçeciler Cad. No: 41 D: 3',
    languages: [tr()],
    isced: { level: 2 },
    skills: 'Ev temizliği, toplu mutfakta sebze hazırlama',
    occupations: ['Temizlik görevlisi', 'Mutfak yardımcısı'],
    constraints: constraints({
      hoursPerWeek: 30,
      shifts: ['day'],
      districts: ['Fatih', 'Eyüpsultan'],
      childcareNeed: true,
    }),
    groups: [womanCare(2), socialAid],
    consents: ['share-with-employers', 'contact-beyond-service'],
    work: [
      {
        occupation: 'Temizlik görevlisi',
        employer: 'Özel bir site yönetimi',
        start: '2012-03-01',
        end: '2016-08-31',
        registered: false,
      },
    ],
    case: {
      status: 'active',
      openedDaysAgo: 64,
      notes: [
        {
          kind: 'meeting',
          body: 'İlk görüşme. İki çocuğu kreş yaşında; yarı zamanlı, gündüz işi arıyor.',
          daysAgo: 63,
        },
        { kind: 'phone', body: 'Belediye kreşi başvurusunu birlikte doldurduk, sonucu bekleniyor.', daysAgo: 40 },
        {
          kind: 'meeting',
          body: 'Kreş kaydı kabul edildi. Hastane temizlik ihalesindeki firma ile görüşme ayarlanacak.',
          daysAgo: 12,
        },
      ],
      steps: [
        { title: 'Kreş başvurusu (İBB Yuva)', owner: 'counsellor', dueInDays: -30, done: true },
        { title: 'Özgeçmişi güncellemek', owner: 'person', dueInDays: -5 },
        { title: 'Temizlik firmasıyla iş görüşmesi ayarlamak', owner: 'counsellor', dueInDays: 3 },
      ],
    },
  },
  {
    org: 'ibb',
    office: 'Fatih',
    givenName: 'Mustafa',
    familyName: 'Aydemir',
    birthDate: '1968-11-03',
    sex: 'male',
    nationality: 'TR',
    id: tc('412365478'),
    phone: '+905334120017',
    province: 'İstanbul',
    district: 'Fatih',
    address: 'Balat Mah. Vodina Cad. No: 12',
    languages: [tr()],
    isced: { level: 1 },
    skills: 'Pazarda manav tezgâhı, tartı ve kasa',
    occupations: ['Satış danışmanı', 'Depo görevlisi'],
    groups: [informal('market-vendor'), longTerm(26)],
    consents: ['share-with-employers'],
    work: [
      { occupation: 'Pazarcı (manav)', start: '1995-01-01', end: '2023-12-31', registered: false },
      {
        occupation: 'Depo görevlisi',
        employer: 'Eminönü toptancı',
        start: '1988-05-01',
        end: '1994-10-31',
        registered: true,
      },
    ],
    case: {
      status: 'on-hold',
      openedDaysAgo: 150,
      notes: [
        {
          kind: 'meeting',
          body: 'Pazar tezgâhını bıraktı; sigortalı bir işe geçmek istiyor. Bel fıtığı nedeniyle ağır yük taşıyamıyor.',
          daysAgo: 149,
        },
        { kind: 'phone', body: 'Ameliyat olacağını bildirdi; dosya iki ay bekletilecek.', daysAgo: 30 },
      ],
      steps: [{ title: 'Ameliyat sonrası durumu sormak', owner: 'counsellor', dueInDays: 25 }],
    },
  },
  {
    org: 'ibb',
    office: 'Fatih',
    givenName: 'Büşra',
    familyName: 'Tekin',
    birthDate: '2005-08-19',
    sex: 'female',
    nationality: 'TR',
    id: tc('523410986'),
    phone: '+905416230045',
    email: 'busra.tekin@example.com',
    province: 'İstanbul',
    district: 'Zeytinburnu',
    languages: [tr(), lang('en', 'A2')],
    isced: { level: 3, field: '0412', year: 2023 },
    occupations: ['Kasiyer', 'Çağrı merkezi müşteri temsilcisi'],
    constraints: constraints({ shifts: ['day', 'evening'], maxCommuteMinutes: 60 }),
    groups: [neet],
    consents: ['share-with-employers', 'surveys'],
    case: { status: 'new', openedDaysAgo: 3 },
  },
  {
    org: 'ibb',
    office: 'Fatih',
    givenName: 'Ömer Faruk',
    familyName: 'Şimşek',
    birthDate: '1991-01-30',
    sex: 'male',
    nationality: 'TR',
    id: tc('634271095'),
    phone: '+905427781290',
    email: 'omerfaruk.simsek@example.com',
    province: 'İstanbul',
    district: 'Fatih',
    languages: [tr(), lang('en', 'B1')],
    isced: { level: 6, field: '0314', year: 2014 },
    skills: 'Ekran okuyucu ile bilgisayar kullanımı, müşteri iletişimi',
    occupations: ['Çağrı merkezi müşteri temsilcisi', 'Santral operatörü'],
    groups: [disability(62, '2024-02-15', 'Görme engelli: ekran okuyucu (NVDA) ve sesli yönlendirme gerekir')],
    consents: ['share-with-employers', { purpose: 'share-with-partners', partner: 'ILO' }],
    case: {
      status: 'placed',
      openedDaysAgo: 210,
      notes: [
        {
          kind: 'meeting',
          body: 'Kamu kurumları engelli kontenjanı ve özel sektör çağrı merkezleri konuşuldu.',
          daysAgo: 205,
        },
        {
          kind: 'message',
          body: 'Bir banka çağrı merkezinde işe başladı; işyerine erişilebilirlik bilgisi iletildi.',
          daysAgo: 20,
        },
      ],
      steps: [{ title: 'İşe başlamanın 1. ay takibi', owner: 'counsellor', dueInDays: 10 }],
    },
  },
  {
    org: 'ibb',
    office: 'Fatih',
    givenName: 'Kübra',
    familyName: 'Aslan',
    birthDate: '1994-10-08',
    sex: 'female',
    nationality: 'TR',
    id: tc('745812036'),
    phone: '+905058134467',
    province: 'İstanbul',
    district: 'Fatih',
    languages: [tr()],
    isced: { level: 5, field: '1013', year: 2015 },
    occupations: ['Aşçı', 'Pastacı'],
    groups: [womanCare(1)],
    consents: ['share-with-employers'],
    case: {
      status: 'closed',
      openedDaysAgo: 300,
      closeReason: 'employed',
      notes: [{ kind: 'phone', body: 'Sultanahmet’te bir otelin mutfağında sigortalı işe başladı.', daysAgo: 90 }],
    },
  },
  {
    org: 'ibb',
    office: 'Fatih',
    givenName: 'Yusuf',
    familyName: 'Erdem',
    registeredDaysAgo: 215,
    birthDate: '2003-05-11',
    sex: 'male',
    nationality: 'TR',
    id: tc('856924107'),
    phone: '+905369912254',
    province: 'İstanbul',
    district: 'Fatih',
    languages: [tr()],
    isced: { level: 2 },
    occupations: ['Motorlu kurye', 'Garson'],
    groups: [neet],
    consents: ['share-with-employers'],
    case: {
      status: 'active',
      openedDaysAgo: 45,
      transferredFrom: {
        office: 'Esenyurt',
        counsellor: 'counsellor2',
        reason: 'Ailesiyle Fatih’e taşındı',
        daysAgo: 30,
      },
      notes: [{ kind: 'meeting', body: 'Ehliyet (A2) kursu için belediye desteği araştırılacak.', daysAgo: 28 }],
      steps: [{ title: 'Ehliyet kursu desteği başvurusu', owner: 'person', dueInDays: -2 }],
    },
  },
  {
    org: 'ibb',
    office: 'Fatih',
    pending: { locale: 'tr' },
    givenName: 'İbrahim',
    familyName: 'Çakır',
    birthDate: '1985-12-02',
    sex: 'male',
    nationality: 'TR',
    id: tc('967135218'),
    phone: '+905419870011',
    province: 'İstanbul',
    district: 'Fatih',
    languages: [tr()],
    occupations: ['Şoför', 'Kurye'],
    consents: ['share-with-employers'],
  },

  // ---- İBB Esenyurt (Ali Kurt) ----
  {
    org: 'ibb',
    office: 'Esenyurt',
    seeker: 'seeker-ar',
    givenName: 'Ahmad',
    familyName: 'Al-Hassan',
    birthDate: '1992-03-21',
    sex: 'male',
    nationality: 'SY',
    id: ykn('4512378'),
    phone: '+905321000003',
    province: 'İstanbul',
    district: 'Esenyurt',
    address: 'Pınar Mah. 1802. Sok. No: 7 D: 2',
    languages: [lang('ar', 'native'), tr('B1')],
    isced: { level: 3, year: 2009 },
    skills: 'Halep’te 8 yıl terzilik; düz ve overlok makine',
    occupations: ['Terzi', 'Tekstil makine operatörü'],
    groups: [refugee('temporary-protection', 'Gaziantep', 'applied', '2016-04-11')],
    consents: ['share-with-employers', { purpose: 'share-with-partners', partner: 'UNDP' }],
    noticeLocale: 'ar',
    work: [
      {
        occupation: 'Terzi',
        employer: 'Halep’te aile atölyesi',
        start: '2008-01-01',
        end: '2015-12-31',
        registered: false,
      },
    ],
    case: {
      status: 'active',
      openedDaysAgo: 80,
      notes: [
        {
          kind: 'meeting',
          body: 'Tercüman desteğiyle görüşüldü. Çalışma izni başvurusu işveren üzerinden yapılacak.',
          daysAgo: 79,
        },
        { kind: 'phone', body: 'Bağcılar’daki konfeksiyon atölyesi çalışma izni başvurusunu yaptı.', daysAgo: 21 },
      ],
      steps: [
        { title: 'Çalışma izni başvurusunun sonucunu izlemek', owner: 'counsellor', dueInDays: 6 },
        { title: 'Türkçe B2 kursuna kaydolmak', owner: 'person', dueInDays: 20 },
      ],
    },
  },
  {
    org: 'ibb',
    office: 'Esenyurt',
    givenName: 'Hasan',
    familyName: 'Kılıç',
    birthDate: '1979-07-16',
    sex: 'male',
    nationality: 'TR',
    id: tc('178245903'),
    phone: '+905075561218',
    province: 'İstanbul',
    district: 'Esenyurt',
    languages: [tr(), lang('ku', 'native')],
    isced: { level: 1 },
    occupations: ['Kalıpçı', 'İnşaat işçisi'],
    groups: [informal('construction-day-labourer')],
    consents: ['share-with-employers'],
    work: [{ occupation: 'Kalıpçı', start: '2005-01-01', registered: false }],
    case: {
      status: 'active',
      openedDaysAgo: 33,
      notes: [
        { kind: 'meeting', body: 'Yapı işlerinde mesleki yeterlilik belgesi (MYK) sınavı önerildi.', daysAgo: 32 },
      ],
      steps: [{ title: 'MYK kalıpçı sınavına başvuru', owner: 'person', dueInDays: 14 }],
    },
  },
  {
    org: 'ibb',
    office: 'Esenyurt',
    givenName: 'Zehra',
    familyName: 'Polat',
    birthDate: '1983-04-04',
    sex: 'female',
    nationality: 'TR',
    id: tc('289356014'),
    phone: '+905462203378',
    province: 'İstanbul',
    district: 'Esenyurt',
    address: 'Saadetdere Mah. Gül Sok. No: 22 D: 5',
    languages: [tr()],
    isced: { level: 2 },
    occupations: ['Paketleme işçisi', 'Ütücü'],
    constraints: constraints({
      hoursPerWeek: 25,
      shifts: ['day'],
      districts: ['Esenyurt', 'Avcılar'],
      childcareNeed: true,
    }),
    groups: [womanCare(2), socialAid],
    consents: ['share-with-employers', 'contact-beyond-service'],
    case: {
      status: 'active',
      openedDaysAgo: 120,
      notes: [
        { kind: 'home-visit', body: 'Ev ziyareti yapıldı; üç çocuk, eşi inşaatta gündelik çalışıyor.', daysAgo: 110 },
        {
          kind: 'meeting',
          body: 'Okul saatlerine uygun paketleme işi için iki firmaya yönlendirme yapılacak.',
          daysAgo: 15,
        },
      ],
      steps: [{ title: 'Paketleme firmalarına yönlendirme', owner: 'counsellor', dueInDays: 2 }],
    },
  },
  {
    org: 'ibb',
    office: 'Esenyurt',
    givenName: 'Abdulkerim',
    familyName: 'Hammud',
    birthDate: '1996-09-30',
    sex: 'male',
    nationality: 'SY',
    id: ykn('5623489'),
    phone: '+905388874150',
    province: 'İstanbul',
    district: 'Esenyurt',
    languages: [lang('ar', 'native'), tr('B2'), lang('en', 'A2')],
    isced: { level: 4, field: '0715' },
    occupations: ['CNC operatörü', 'Tornacı'],
    groups: [refugee('temporary-protection', 'Hatay', 'granted', '2015-09-02')],
    consents: ['share-with-employers'],
    work: [
      {
        occupation: 'CNC operatörü',
        employer: 'Hadımköy’de metal atölyesi',
        start: '2021-02-01',
        end: '2024-11-30',
        registered: true,
      },
    ],
    case: {
      status: 'placed',
      openedDaysAgo: 95,
      notes: [
        {
          kind: 'message',
          body: 'Beylikdüzü’nde bir makine firmasında işe başladı; çalışma izni işveren tarafından alındı.',
          daysAgo: 18,
        },
      ],
    },
  },
  {
    org: 'ibb',
    office: 'Esenyurt',
    givenName: 'Hiba',
    familyName: 'El Halil',
    birthDate: '2001-11-22',
    sex: 'female',
    nationality: 'SY',
    id: ykn('6734591'),
    phone: '+905399021744',
    province: 'İstanbul',
    district: 'Esenyurt',
    languages: [lang('ar', 'native'), tr('A2')],
    isced: { level: 3 },
    occupations: ['Satış danışmanı', 'Kuaför yardımcısı'],
    groups: [refugee('temporary-protection', 'Şanlıurfa', 'none', '2014-07-19'), neet],
    consents: ['share-with-employers', 'surveys'],
    noticeLocale: 'ar',
    case: { status: 'new', openedDaysAgo: 6 },
  },
  {
    org: 'ibb',
    office: 'Esenyurt',
    givenName: 'Serkan',
    familyName: 'Yavuzer',
    birthDate: '1988-10-10',
    sex: 'male',
    nationality: 'TR',
    id: tc('391467025'),
    phone: '+905447713902',
    province: 'İstanbul',
    district: 'Avcılar',
    languages: [tr()],
    isced: { level: 3 },
    occupations: ['Güvenlik görevlisi', 'Otopark görevlisi'],
    groups: [disability(45, '2023-06-20', 'Sol bacakta ortopedik engel; uzun süre ayakta kalamaz')],
    consents: ['share-with-employers'],
    case: {
      status: 'on-hold',
      openedDaysAgo: 70,
      notes: [{ kind: 'phone', body: 'Özel güvenlik kimlik kartı yenilemesini bekliyor.', daysAgo: 25 }],
    },
  },
  {
    org: 'ibb',
    office: 'Esenyurt',
    pending: { locale: 'tr' },
    givenName: 'Rukiye',
    familyName: 'Aksu',
    birthDate: '1997-05-30',
    sex: 'female',
    nationality: 'TR',
    email: 'rukiye.aksu@example.com',
    province: 'İstanbul',
    district: 'Esenyurt',
    languages: [tr()],
    occupations: ['Muhasebe elemanı'],
    consents: ['share-with-employers', 'contact-beyond-service'],
  },

  // ---- İBB Sultanbeyli (no counsellor on duty) ----
  {
    org: 'ibb',
    office: 'Sultanbeyli',
    givenName: 'Saadet',
    familyName: 'Bozkurt',
    registeredDaysAgo: 300,
    birthDate: '1976-03-18',
    sex: 'female',
    nationality: 'TR',
    id: tc('402578136'),
    phone: '+905312287741',
    province: 'İstanbul',
    district: 'Sultanbeyli',
    address: 'Battalgazi Mah. Çamlık Sok. No: 3',
    languages: [tr()],
    isced: { level: 1 },
    occupations: ['Ev hizmetleri', 'Aşçı yardımcısı'],
    groups: [socialAid, longTerm(40)],
    consents: ['share-with-employers'],
    case: { status: 'new', openedDaysAgo: 9 },
  },
  {
    org: 'ibb',
    office: 'Sultanbeyli',
    givenName: 'Muhammed Nur',
    familyName: 'Ahmedi',
    birthDate: '1999-06-06',
    sex: 'male',
    nationality: 'AF',
    id: ykn('7845602'),
    phone: '+905526640318',
    province: 'İstanbul',
    district: 'Sultanbeyli',
    languages: [lang('fa', 'native'), tr('A2')],
    isced: { level: 2 },
    occupations: ['Fırın işçisi', 'Hamurkâr'],
    groups: [refugee('international-protection', 'Kayseri', 'none', '2019-10-03'), informal('street-vendor')],
    consents: ['share-with-employers'],
    case: { status: 'active', openedDaysAgo: 52 },
  },
  {
    org: 'ibb',
    office: 'Sultanbeyli',
    givenName: 'Gülsüm',
    familyName: 'Aydın',
    registeredDaysAgo: 175,
    birthDate: '1989-09-25',
    sex: 'female',
    nationality: 'TR',
    id: tc('513689247'),
    phone: '+905353309861',
    province: 'İstanbul',
    district: 'Sultanbeyli',
    address: 'Abdurrahmangazi Mah. Fatih Blv. No: 118 D: 9',
    languages: [tr()],
    isced: { level: 3 },
    occupations: ['Hasta bakım personeli', 'Yaşlı bakım elemanı'],
    groups: [socialAid, longTerm(18), womanCare(1)],
    consents: ['share-with-employers', 'surveys'],
    case: { status: 'active', openedDaysAgo: 140 },
  },
  {
    org: 'ibb',
    office: 'Sultanbeyli',
    givenName: 'Emre',
    familyName: 'Doğru',
    birthDate: '2006-01-15',
    sex: 'male',
    nationality: 'TR',
    id: tc('624790358'),
    phone: '+905551204476',
    province: 'İstanbul',
    district: 'Sultanbeyli',
    languages: [tr()],
    isced: { level: 2 },
    occupations: ['Elektrikçi çırağı'],
    groups: [neet],
    consents: ['share-with-employers'],
    case: { status: 'new', openedDaysAgo: 2 },
  },

  // ---- İBB Bağcılar ----
  {
    org: 'ibb',
    office: 'Bağcılar',
    givenName: 'Cemile',
    familyName: 'Arslantürk',
    birthDate: '1981-08-29',
    sex: 'female',
    nationality: 'TR',
    id: tc('735801469'),
    phone: '+905063348815',
    province: 'İstanbul',
    district: 'Bağcılar',
    languages: [tr()],
    isced: { level: 1 },
    skills: 'Evde parça başı iplik temizleme ve ilik açma',
    occupations: ['Tekstil konfeksiyon işçisi', 'Ütücü'],
    groups: [informal('other'), womanCare(1)],
    consents: ['share-with-employers'],
    case: { status: 'active', openedDaysAgo: 61 },
  },
  {
    org: 'ibb',
    office: 'Bağcılar',
    givenName: 'Abdullah',
    familyName: 'El Muhammed',
    birthDate: '1985-02-14',
    sex: 'male',
    nationality: 'SY',
    id: ykn('8956713'),
    phone: '+905347780923',
    province: 'İstanbul',
    district: 'Bağcılar',
    languages: [lang('ar', 'native'), tr('B1')],
    isced: { level: 2 },
    occupations: ['Ayakkabı saya ustası'],
    groups: [refugee('temporary-protection', 'Kilis', 'granted', '2013-05-27')],
    consents: ['share-with-employers', { purpose: 'share-with-partners', partner: 'ILO' }],
    noticeLocale: 'ar',
    work: [
      {
        occupation: 'Saya ustası',
        employer: 'Bağcılar’da ayakkabı atölyesi',
        start: '2017-03-01',
        end: '2025-06-30',
        registered: true,
      },
    ],
    case: { status: 'active', openedDaysAgo: 37 },
  },
  {
    org: 'ibb',
    office: 'Bağcılar',
    givenName: 'Recep',
    familyName: 'Güler',
    birthDate: '1972-12-12',
    sex: 'male',
    nationality: 'TR',
    id: tc('846912570'),
    phone: '+905425567120',
    province: 'İstanbul',
    district: 'Güngören',
    languages: [tr()],
    isced: { level: 3 },
    occupations: ['Forklift operatörü', 'Depo sorumlusu'],
    groups: [longTerm(30)],
    consents: ['share-with-employers'],
    case: { status: 'closed', openedDaysAgo: 260, closeReason: 'no-contact' },
  },
  {
    org: 'ibb',
    office: 'Bağcılar',
    givenName: 'Elif Nur',
    familyName: 'Karaca',
    birthDate: '2004-04-24',
    sex: 'female',
    nationality: 'TR',
    id: tc('957023681'),
    phone: '+905364418829',
    email: 'elifnur.karaca@example.com',
    province: 'İstanbul',
    district: 'Bağcılar',
    languages: [tr(), lang('en', 'A2')],
    isced: { level: 3, field: '0913', year: 2022 },
    occupations: ['Hasta bakım personeli', 'Eczane teknisyeni'],
    groups: [neet],
    consents: ['share-with-employers', 'surveys'],
    case: { status: 'new', openedDaysAgo: 1 },
  },

  // ---- İzmir Konak (Derya Aksoy) ----
  {
    org: 'izmir',
    office: 'Konak',
    givenName: 'Sevda',
    familyName: 'Çiçek',
    birthDate: '1986-07-08',
    sex: 'female',
    nationality: 'TR',
    id: tc('268134792'),
    phone: '+905459903316',
    province: 'İzmir',
    district: 'Konak',
    address: 'Tepecik Mah. 1203/4 Sok. No: 15',
    languages: [tr()],
    isced: { level: 1 },
    occupations: ['Temizlik görevlisi', 'Çiçek satıcısı'],
    groups: [roma, womanCare(2), socialAid, informal('street-vendor')],
    consents: ['share-with-employers', 'roma-self-identification'],
    case: {
      status: 'active',
      openedDaysAgo: 58,
      notes: [
        { kind: 'home-visit', body: 'Tepecik’te ev ziyareti; iki küçük çocuk, eşi hurda topluyor.', daysAgo: 57 },
        {
          kind: 'meeting',
          body: 'Belediyenin temizlik işleri için İŞKUR Toplum Yararına Program başvurusu konuşuldu.',
          daysAgo: 14,
        },
      ],
      steps: [{ title: 'TYP başvurusu için belgeleri tamamlamak', owner: 'person', dueInDays: 4 }],
    },
  },
  {
    org: 'izmir',
    office: 'Konak',
    givenName: 'Barış',
    familyName: 'Demirtaş',
    birthDate: '1993-09-17',
    sex: 'male',
    nationality: 'TR',
    id: tc('379245803'),
    phone: '+905057726643',
    email: 'baris.demirtas@example.com',
    province: 'İzmir',
    district: 'Karabağlar',
    languages: [tr(), lang('tsm', 'native')],
    isced: { level: 6, field: '0211', year: 2017 },
    skills: 'Adobe Illustrator, Figma, Türk İşaret Dili',
    occupations: ['Grafik tasarımcı'],
    groups: [disability(70, '2022-11-02', 'İşitme engelli: görüşmelerde işaret dili tercümanı gerekir')],
    consents: ['share-with-employers', 'contact-beyond-service'],
    case: {
      status: 'active',
      openedDaysAgo: 44,
      notes: [
        { kind: 'message', body: 'Yazılı iletişim tercih ediyor; portfolyosu iki ajansa gönderildi.', daysAgo: 10 },
      ],
    },
  },
  {
    org: 'izmir',
    office: 'Konak',
    givenName: 'Mehmet Ali',
    familyName: 'Kaplan',
    birthDate: '1984-05-05',
    sex: 'male',
    nationality: 'TR',
    id: tc('480356914'),
    phone: '+905384401298',
    province: 'İzmir',
    district: 'Torbalı',
    languages: [tr(), lang('ku', 'native')],
    isced: { level: 1 },
    occupations: ['Tarım işçisi', 'Depo görevlisi'],
    groups: [informal('seasonal-farm-worker')],
    consents: ['share-with-employers'],
    work: [
      {
        occupation: 'Mevsimlik tarım işçisi',
        employer: 'Torbalı ve Ödemiş’te tarla işleri',
        start: '2010-04-01',
        registered: false,
      },
    ],
    case: {
      status: 'on-hold',
      openedDaysAgo: 190,
      notes: [{ kind: 'phone', body: 'Hasat döneminde Manisa’da; Kasım’da tekrar aranacak.', daysAgo: 60 }],
    },
  },
  {
    org: 'izmir',
    office: 'Konak',
    givenName: 'Rima',
    familyName: 'El Hamud',
    birthDate: '1995-12-01',
    sex: 'female',
    nationality: 'SY',
    id: ykn('2387410'),
    phone: '+905528871105',
    province: 'İzmir',
    district: 'Karabağlar',
    languages: [lang('ar', 'native'), tr('A2')],
    isced: { level: 2 },
    occupations: ['Tarım işçisi', 'Paketleme işçisi'],
    groups: [
      refugee('temporary-protection', 'İzmir', 'seasonal-agriculture-exemption', '2017-08-14'),
      informal('seasonal-farm-worker'),
    ],
    consents: ['share-with-employers'],
    noticeLocale: 'ar',
    case: { status: 'active', openedDaysAgo: 26 },
  },
  {
    org: 'izmir',
    office: 'Konak',
    givenName: 'Berkay',
    familyName: 'Şen',
    birthDate: '2007-03-09',
    sex: 'male',
    nationality: 'TR',
    id: tc('591467025'),
    phone: '+905066638471',
    province: 'İzmir',
    district: 'Konak',
    languages: [tr(), lang('en', 'A2')],
    isced: { level: 2 },
    occupations: ['Garson', 'Barista'],
    groups: [neet],
    consents: ['share-with-employers', 'surveys'],
    case: { status: 'new', openedDaysAgo: 4 },
  },
  {
    org: 'izmir',
    office: 'Konak',
    givenName: 'Aysel',
    familyName: 'Kocaman',
    birthDate: '1980-10-20',
    sex: 'female',
    nationality: 'TR',
    id: tc('602578136'),
    phone: '+905437742210',
    province: 'İzmir',
    district: 'Buca',
    languages: [tr()],
    isced: { level: 3 },
    occupations: ['Kasiyer', 'Reyon görevlisi'],
    groups: [longTerm(14)],
    consents: ['share-with-employers'],
    case: {
      status: 'closed',
      openedDaysAgo: 240,
      closeReason: 'employed',
      notes: [{ kind: 'phone', body: 'Buca’da bir zincir markette kasiyer olarak başladı.', daysAgo: 100 }],
    },
  },

  // ---- İzmir Karşıyaka ----
  {
    org: 'izmir',
    office: 'Karşıyaka',
    seeker: 'seeker',
    givenName: 'Hatice',
    familyName: 'Doğan',
    birthDate: '1982-01-19',
    sex: 'female',
    nationality: 'TR',
    id: tc('713689247'),
    phone: '+905321000012',
    province: 'İzmir',
    district: 'Karşıyaka',
    address: 'Örnekköy Mah. 7148 Sok. No: 4',
    languages: [tr()],
    isced: { level: 3 },
    occupations: ['Çocuk bakıcısı', 'Kasiyer'],
    constraints: constraints({
      hoursPerWeek: 35,
      shifts: ['day'],
      districts: ['Karşıyaka', 'Çiğli'],
      childcareNeed: true,
    }),
    groups: [womanCare(1)],
    consents: ['share-with-employers'],
    case: { status: 'active', openedDaysAgo: 48 },
  },
  {
    org: 'izmir',
    office: 'Karşıyaka',
    givenName: 'Okan',
    familyName: 'Baysal',
    birthDate: '1975-06-27',
    sex: 'male',
    nationality: 'TR',
    id: tc('824790358'),
    phone: '+905325519034',
    email: 'okan.baysal@example.com',
    province: 'İzmir',
    district: 'Çiğli',
    languages: [tr(), lang('en', 'B1')],
    isced: { level: 6, field: '0411', year: 1998 },
    occupations: ['Muhasebe elemanı', 'Ön muhasebe elemanı'],
    groups: [longTerm(22)],
    consents: ['share-with-employers', 'contact-beyond-service'],
    case: { status: 'active', openedDaysAgo: 100 },
  },
  {
    org: 'izmir',
    office: 'Karşıyaka',
    givenName: 'Ceren',
    familyName: 'Akın',
    birthDate: '2002-02-02',
    sex: 'female',
    nationality: 'TR',
    id: tc('935801469'),
    phone: '+905316647702',
    province: 'İzmir',
    district: 'Karşıyaka',
    languages: [tr(), lang('en', 'B1'), lang('de', 'A2')],
    isced: { level: 5, field: '1015', year: 2023 },
    occupations: ['Ön büro elemanı', 'Rehber'],
    groups: [neet],
    consents: ['share-with-employers'],
    case: { status: 'new', openedDaysAgo: 7 },
  },

  // ---- İzmir Bayraklı ----
  {
    org: 'izmir',
    office: 'Bayraklı',
    givenName: 'Selim',
    familyName: 'Karahan',
    birthDate: '1997-08-08',
    sex: 'male',
    nationality: 'TR',
    id: tc('146912570'),
    phone: '+905512268810',
    province: 'İzmir',
    district: 'Bayraklı',
    languages: [tr()],
    isced: { level: 3 },
    occupations: ['Depo görevlisi', 'Bahçıvan'],
    groups: [disability(40, '2025-03-11', null)],
    consents: ['share-with-employers'],
    case: { status: 'active', openedDaysAgo: 30 },
  },
  {
    org: 'izmir',
    office: 'Bayraklı',
    givenName: 'Nermin',
    familyName: 'Toprak',
    registeredDaysAgo: 205,
    birthDate: '1978-11-11',
    sex: 'female',
    nationality: 'TR',
    id: tc('257023681'),
    phone: '+905425530917',
    province: 'İzmir',
    district: 'Bayraklı',
    address: 'Alpaslan Mah. 8030 Sok. No: 21',
    languages: [tr()],
    isced: { level: 1 },
    occupations: ['Satış danışmanı', 'Manav reyon görevlisi'],
    groups: [informal('market-vendor'), socialAid],
    consents: ['share-with-employers'],
    case: { status: 'active', openedDaysAgo: 75 },
  },
  {
    org: 'izmir',
    office: 'Bayraklı',
    givenName: 'Cihan',
    familyName: 'Erol',
    birthDate: '2000-12-30',
    sex: 'male',
    nationality: 'TR',
    id: tc('368134792'),
    phone: '+905058827743',
    province: 'İzmir',
    district: 'Bornova',
    languages: [tr()],
    isced: { level: 3, field: '0713' },
    occupations: ['Elektrik teknisyeni'],
    groups: [neet],
    consents: ['share-with-employers'],
    case: { status: 'closed', openedDaysAgo: 180, closeReason: 'declined-service' },
  },

  // ---- Umut Köprüsü, Sultanbeyli Toplum Merkezi (Rahaf Al-Sayed) ----
  {
    org: 'umut',
    office: 'Sultanbeyli',
    seeker: 'seeker',
    givenName: 'Emine',
    familyName: 'Yavuz',
    birthDate: '1984-02-09',
    sex: 'female',
    nationality: 'TR',
    id: tc('479245803'),
    phone: '+905321000022',
    province: 'İstanbul',
    district: 'Sultanbeyli',
    address: 'Hasanpaşa Mah. Bağlar Sok. No: 6',
    languages: [tr()],
    isced: { level: 2 },
    occupations: ['Aşçı yardımcısı', 'Mantı ve hamur işi ustası'],
    constraints: constraints({
      hoursPerWeek: 20,
      shifts: ['day'],
      districts: ['Sultanbeyli', 'Pendik'],
      childcareNeed: true,
    }),
    groups: [womanCare(2), socialAid],
    consents: ['share-with-employers', { purpose: 'share-with-partners', partner: 'ILO' }],
    case: {
      status: 'active',
      openedDaysAgo: 90,
      notes: [
        { kind: 'meeting', body: 'Kadın kooperatifinin mutfak atölyesine katılmak istiyor.', daysAgo: 88 },
        { kind: 'meeting', body: 'Hijyen eğitimi sertifikasını aldı.', daysAgo: 35 },
      ],
      steps: [
        { title: 'Hijyen eğitimi', owner: 'person', dueInDays: -40, done: true },
        { title: 'Kooperatif ortaklık başvurusu', owner: 'counsellor', dueInDays: 5 },
      ],
    },
  },
  {
    org: 'umut',
    office: 'Sultanbeyli',
    givenName: 'Zahra',
    familyName: 'Rezai',
    birthDate: '1993-07-21',
    sex: 'female',
    nationality: 'AF',
    id: ykn('3498521'),
    phone: '+905537792014',
    province: 'İstanbul',
    district: 'Sultanbeyli',
    address: 'Mehmet Akif Mah. Ceylan Sok. No: 11',
    languages: [lang('fa', 'native'), tr('A1')],
    isced: { level: 1 },
    skills: 'Nakış ve el dikişi',
    occupations: ['Terzi', 'Nakışçı'],
    groups: [refugee('international-protection', 'Kayseri', 'none', '2021-03-15'), womanCare(1)],
    consents: ['share-with-employers', { purpose: 'share-with-partners', partner: 'UNDP' }],
    case: {
      status: 'active',
      openedDaysAgo: 66,
      notes: [
        {
          kind: 'meeting',
          body: 'Dari tercümanıyla görüşüldü. Türkçe kursu ve çalışma izni muafiyetleri anlatıldı.',
          daysAgo: 65,
        },
      ],
      steps: [{ title: 'Halk Eğitim Türkçe A2 kursu kaydı', owner: 'person', dueInDays: -1 }],
    },
  },
  {
    org: 'umut',
    office: 'Sultanbeyli',
    givenName: 'Muhammed',
    familyName: 'Halil',
    birthDate: '1989-03-27',
    sex: 'male',
    nationality: 'SY',
    id: ykn('4509632'),
    phone: '+905348826615',
    province: 'İstanbul',
    district: 'Sultanbeyli',
    languages: [lang('ar', 'native'), tr('B1')],
    isced: { level: 2 },
    occupations: ['Sıvacı', 'Boyacı'],
    groups: [refugee('temporary-protection', 'Gaziantep', 'none', '2014-01-08'), informal('construction-day-labourer')],
    consents: ['share-with-employers'],
    case: { status: 'on-hold', openedDaysAgo: 130 },
  },
  {
    org: 'umut',
    office: 'Sultanbeyli',
    givenName: 'Yusuf',
    familyName: 'El Ali',
    birthDate: '2004-09-14',
    sex: 'male',
    nationality: 'SY',
    id: ykn('5610743'),
    phone: '+905396630127',
    province: 'İstanbul',
    district: 'Sultanbeyli',
    languages: [lang('ar', 'native'), tr('B2')],
    isced: { level: 2 },
    occupations: ['Elektrik tesisatçısı'],
    groups: [refugee('temporary-protection', 'İstanbul', 'none', '2016-12-05'), neet],
    consents: ['share-with-employers', 'surveys'],
    case: { status: 'new', openedDaysAgo: 5 },
  },
  {
    org: 'umut',
    office: 'Sultanbeyli',
    givenName: 'Songül',
    familyName: 'Aktaş',
    birthDate: '1979-04-28',
    sex: 'female',
    nationality: 'TR',
    id: tc('580356914'),
    phone: '+905059914483',
    province: 'İstanbul',
    district: 'Sultanbeyli',
    address: 'Orhangazi Mah. Pınar Sok. No: 2',
    languages: [tr()],
    isced: { level: 2 },
    occupations: ['Çay ocağı görevlisi', 'Temizlik görevlisi'],
    groups: [disability(52, '2024-09-30', 'Kronik hastalık: ağır kaldırma ve gece çalışması uygun değil'), socialAid],
    consents: ['share-with-employers'],
    case: { status: 'active', openedDaysAgo: 110 },
  },
  {
    org: 'umut',
    office: 'Sultanbeyli',
    givenName: 'Ahmet Salih',
    familyName: 'Bayatlı',
    birthDate: '1986-10-02',
    sex: 'male',
    nationality: 'IQ',
    id: { kind: 'passport', number: 'A7654321', passportCountry: 'IQ' },
    phone: '+905304472258',
    province: 'İstanbul',
    district: 'Pendik',
    languages: [lang('ar', 'native'), tr('B2')],
    isced: { level: 6, field: '0731', year: 2010 },
    occupations: ['İnşaat teknikeri', 'Şantiye şefi yardımcısı'],
    groups: [refugee('residence-permit', null, 'applied', '2022-05-20')],
    consents: ['share-with-employers', 'transfer-abroad'],
    case: { status: 'active', openedDaysAgo: 22 },
  },
];

export const DEMO_HOUSEHOLDS: DemoHousehold[] = [
  {
    person: 'Fatma Koç',
    relation: 'spouse',
    address: 'Karagümrük Mah. Keçeciler Cad. No: 41 D: 3, Fatih',
    members: [
      {
        givenName: 'Osman',
        familyName: 'Koç',
        birthDate: '1983-02-11',
        sex: 'male',
        relation: 'head',
        income: { source: 'informal-work', monthly: '17500.00' },
      },
      { givenName: 'Zeynep', familyName: 'Koç', birthDate: '2013-09-04', sex: 'female', relation: 'child' },
      { givenName: 'Elif', familyName: 'Koç', birthDate: '2021-05-10', sex: 'female', relation: 'child' },
      { givenName: 'Ahmet', familyName: 'Koç', birthDate: '2023-01-28', sex: 'male', relation: 'child' },
    ],
    aid: [
      { programme: SYDV, monthly: '3000.00', start: '2025-01-01' },
      { programme: 'Şartlı Eğitim Yardımı (ŞEY)', monthly: '650.00', start: '2024-09-01' },
    ],
  },
  {
    person: 'Ahmad Al-Hassan',
    relation: 'head',
    address: 'Pınar Mah. 1802. Sok. No: 7 D: 2, Esenyurt',
    members: [
      { givenName: 'Fatima', familyName: 'Al-Hassan', birthDate: '1995-10-02', sex: 'female', relation: 'spouse' },
      { givenName: 'Omar', familyName: 'Al-Hassan', birthDate: '2018-06-17', sex: 'male', relation: 'child' },
      { givenName: 'Lina', familyName: 'Al-Hassan', birthDate: '2022-03-03', sex: 'female', relation: 'child' },
    ],
    aid: [{ programme: SUY, monthly: '2000.00', start: '2023-06-01' }],
  },
  {
    person: 'Zehra Polat',
    relation: 'head',
    address: 'Saadetdere Mah. Gül Sok. No: 22 D: 5, Esenyurt',
    members: [
      {
        givenName: 'Kadir',
        familyName: 'Polat',
        birthDate: '1980-07-23',
        sex: 'male',
        relation: 'spouse',
        income: { source: 'informal-work', monthly: '15000.00' },
      },
      { givenName: 'Yasin', familyName: 'Polat', birthDate: '2012-11-14', sex: 'male', relation: 'child' },
      { givenName: 'Ela', familyName: 'Polat', birthDate: '2021-04-30', sex: 'female', relation: 'child' },
      { givenName: 'Eymen', familyName: 'Polat', birthDate: '2023-08-09', sex: 'male', relation: 'child' },
    ],
    aid: [
      { programme: SYDV, monthly: '2750.00', start: '2024-03-01' },
      { programme: 'Şartlı Sağlık Yardımı (ŞSY)', monthly: '450.00', start: '2023-08-15', end: '2025-08-15' },
    ],
  },
  {
    person: 'Saadet Bozkurt',
    relation: 'head',
    address: 'Battalgazi Mah. Çamlık Sok. No: 3, Sultanbeyli',
    members: [
      {
        givenName: 'Hüsnü',
        familyName: 'Bozkurt',
        birthDate: '1949-05-01',
        sex: 'male',
        relation: 'parent',
        income: { source: 'pension', monthly: '16881.00' },
      },
    ],
    aid: [{ programme: SYDV, monthly: '2500.00', start: '2023-01-01' }],
  },
  {
    person: 'Gülsüm Aydın',
    relation: 'head',
    address: 'Abdurrahmangazi Mah. Fatih Blv. No: 118 D: 9, Sultanbeyli',
    members: [{ givenName: 'Eflin', familyName: 'Aydın', birthDate: '2022-12-12', sex: 'female', relation: 'child' }],
    aid: [
      { programme: SYDV, monthly: '3000.00', start: '2024-06-01' },
      { programme: 'İBB Anne Kart desteği', monthly: '850.00', start: '2023-01-01' },
    ],
  },
  {
    person: 'Sevda Çiçek',
    relation: 'spouse',
    address: 'Tepecik Mah. 1203/4 Sok. No: 15, Konak',
    members: [
      {
        givenName: 'Orhan',
        familyName: 'Çiçek',
        birthDate: '1982-03-09',
        sex: 'male',
        relation: 'head',
        income: { source: 'informal-work', monthly: '9000.00' },
      },
      { givenName: 'Derin', familyName: 'Çiçek', birthDate: '2021-07-01', sex: 'female', relation: 'child' },
      { givenName: 'Mert', familyName: 'Çiçek', birthDate: '2023-02-14', sex: 'male', relation: 'child' },
    ],
    aid: [
      { programme: SYDV, monthly: '3250.00', start: '2024-01-01' },
      { programme: 'İzmir Büyükşehir Belediyesi süt kuzusu desteği', monthly: '600.00', start: '2023-03-01' },
    ],
  },
  {
    person: 'Nermin Toprak',
    relation: 'head',
    address: 'Alpaslan Mah. 8030 Sok. No: 21, Bayraklı',
    members: [{ givenName: 'Deniz', familyName: 'Toprak', birthDate: '2009-10-10', sex: 'male', relation: 'child' }],
    aid: [{ programme: SYDV, monthly: '2500.00', start: '2025-02-01' }],
  },
  {
    person: 'Emine Yavuz',
    relation: 'spouse',
    address: 'Hasanpaşa Mah. Bağlar Sok. No: 6, Sultanbeyli',
    members: [
      {
        givenName: 'Ramazan',
        familyName: 'Yavuz',
        birthDate: '1980-09-19',
        sex: 'male',
        relation: 'head',
        income: { source: 'registered-work', monthly: '22104.00' },
      },
      { givenName: 'Betül', familyName: 'Yavuz', birthDate: '2020-12-01', sex: 'female', relation: 'child' },
      { givenName: 'Ömer', familyName: 'Yavuz', birthDate: '2022-10-22', sex: 'male', relation: 'child' },
    ],
    aid: [{ programme: SYDV, monthly: '2000.00', start: '2024-11-01' }],
  },
  {
    person: 'Zahra Rezai',
    relation: 'head',
    address: 'Mehmet Akif Mah. Ceylan Sok. No: 11, Sultanbeyli',
    members: [{ givenName: 'Ali', familyName: 'Rezai', birthDate: '2022-05-05', sex: 'male', relation: 'child' }],
    aid: [{ programme: SUY, monthly: '1500.00', start: '2022-01-01' }],
  },
  {
    person: 'Songül Aktaş',
    relation: 'head',
    address: 'Orhangazi Mah. Pınar Sok. No: 2, Sultanbeyli',
    members: [{ givenName: 'Kerem', familyName: 'Aktaş', birthDate: '2008-01-20', sex: 'male', relation: 'child' }],
    aid: [{ programme: 'Engelli yakını evde bakım maaşı', monthly: '11702.00', start: '2024-10-01' }],
  },
];

const DAY_MS = 86_400_000;

/** Offices with a demo counsellor (login); the others' cases wait unassigned. */
const COUNSELLOR_ON_DUTY: Record<string, string> = {
  'ibb/Fatih': 'counsellor',
  'ibb/Esenyurt': 'counsellor2',
  'izmir/Konak': 'counsellor',
  'umut/Sultanbeyli': 'counsellor',
};

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * Loads the demo persons: their cases with notes, action plans and a transfer, consents and notices,
 * households with social aid, two self-registrations waiting for confirmation, and the demo seeker
 * accounts linked to their records. Runs inside seedDemo's transaction, after organisations and users.
 */
export async function seedDemoPeople(tx: Db, keys: DemoKeys, now: Date = new Date()): Promise<void> {
  const daysAgo = (n: number) => new Date(now.getTime() - n * DAY_MS);
  const orgRows = await tx.select().from(organisations);
  const orgIds: Record<OrgKey, string> = {
    ibb: orgRows.find((o) => o.shortName === 'İBB')!.id,
    izmir: orgRows.find((o) => o.shortName === 'İzBB')!.id,
    umut: orgRows.find((o) => o.shortName === 'Umut Köprüsü')!.id,
  };
  const domains: Record<OrgKey, string> = { ibb: 'ibb.example', izmir: 'izmir.example', umut: 'umut.example' };
  const officeRows = await tx
    .select()
    .from(offices)
    .where(inArray(offices.organisationId, Object.values(orgIds)));
  const officeId = (org: OrgKey, district: string) =>
    officeRows.find((o) => o.organisationId === orgIds[org] && o.district === district)!.id;
  const userRows = await tx.select({ id: users.id, email: users.email }).from(users);
  const userId = (org: OrgKey, login: string) =>
    userRows.find((u) => u.email === `${login}@${domains[org]}`)?.id ?? null;
  const [seekerRole] = await tx
    .select({ id: roles.id })
    .from(roles)
    .where(and(eq(roles.key, 'seeker'), isNull(roles.organisationId)));
  const counsellorOf = (org: OrgKey, office: string): string | null => {
    const login = COUNSELLOR_ON_DUTY[`${org}/${office}`];
    return login ? userId(org, login) : null;
  };

  const personIds = new Map<string, { id: string; org: OrgKey; office: string }>();
  for (const p of DEMO_PERSONS) {
    for (const d of [p.district, ...(p.constraints?.districts ?? [])]) {
      if (findDistrict(p.province, d) !== d)
        throw new Error(`Demo person ${p.givenName} ${p.familyName}: unknown district ${d}`);
    }
    const organisationId = orgIds[p.org];
    const office = officeId(p.org, p.office);
    const counsellor = counsellorOf(p.org, p.office);
    const by = p.pending ? null : counsellor;
    const created = p.pending ? daysAgo(1) : daysAgo(p.registeredDaysAgo ?? (p.case?.openedDaysAgo ?? 10) + 1);
    const idNumber = p.id?.number ?? null;
    const [row] = await tx
      .insert(persons)
      .values({
        organisationId,
        officeId: office,
        givenName: p.givenName,
        familyName: p.familyName,
        nameKey: searchKey(`${p.givenName} ${p.familyName}`),
        idKind: p.id?.kind ?? null,
        idNumberEnc: idNumber ? encrypt(idNumber, keys.dataKey) : null,
        idNumberIndex: idNumber ? blindIndex(`${p.id!.kind}:${idNumber}`, keys.indexKey) : null,
        idNumberMasked: idNumber ? maskIdNumber(idNumber) : null,
        passportCountry: p.id?.passportCountry ?? null,
        birthDate: p.birthDate,
        sex: p.sex,
        nationality: p.nationality,
        languages: p.languages,
        phone: p.phone ?? null,
        email: p.email ?? null,
        address: p.address ?? null,
        province: p.province,
        district: p.district,
        iskurRegistered: p.pending ? null : p.nationality === 'TR',
        iscedLevel: p.isced?.level ?? null,
        iscedField: p.isced?.field ?? null,
        graduationYear: p.isced?.year ?? null,
        skills: p.skills ?? null,
        desiredOccupations: p.occupations,
        occupationKeys: p.occupations.map((o) => searchKey(o)).join(' | '),
        constraints: p.constraints ?? null,
        registration: p.pending ? 'pending' : 'confirmed',
        createdBy: by,
        userId: p.seeker ? userId(p.org, p.seeker) : null,
        createdAt: created,
        updatedAt: created,
      })
      .returning({ id: persons.id });
    const personId = row!.id;
    personIds.set(`${p.givenName} ${p.familyName}`, { id: personId, org: p.org, office: p.office });

    if (p.pending) {
      const [account] = await tx
        .insert(users)
        .values({
          organisationId,
          kind: 'seeker',
          fullName: `${p.givenName} ${p.familyName}`,
          email: p.email ?? null,
          phone: p.phone ?? null,
          locale: p.pending.locale,
          status: 'invited',
          createdAt: created,
          updatedAt: created,
        })
        .returning({ id: users.id });
      await tx.insert(userRoles).values({ userId: account!.id, roleId: seekerRole!.id });
      await tx.update(persons).set({ userId: account!.id }).where(eq(persons.id, personId));
    }

    const channel = p.pending ? ('online' as const) : ('in-person' as const);
    await tx.insert(noticeAcknowledgements).values({
      personId,
      organisationId,
      noticeVersion: NOTICE_VERSION,
      locale: p.noticeLocale ?? p.pending?.locale ?? 'tr',
      channel,
      recordedBy: by,
      acknowledgedAt: created,
    });
    for (const c of p.consents ?? []) {
      const { purpose, partner } = typeof c === 'string' ? { purpose: c, partner: null } : c;
      await tx.insert(consents).values({
        personId,
        organisationId,
        purpose,
        partner,
        textVersion: CONSENT_TEXT_VERSION,
        channel: purpose === 'roma-self-identification' ? 'paper' : channel,
        grantedAt: created,
        recordedBy: by,
      });
    }
    for (const g of p.groups ?? []) {
      await tx.insert(personTargetGroups).values({
        personId,
        organisationId,
        group: g.group,
        details: g.clear ?? {},
        detailsEnc: g.secret ? encrypt(JSON.stringify(g.secret), keys.dataKey) : null,
        recordedBy: by,
        recordedAt: created,
      });
      const year = now.getUTCFullYear();
      if (g.permit === 'seasonal-agriculture-exemption') {
        // The season's exemption for farm work, granted through the farm cooperative.
        await tx.insert(workPermits).values({
          personId,
          organisationId,
          kind: 'seasonal-agriculture-exemption',
          status: 'granted',
          employerName: 'Ege Bereket Kooperatifi',
          requestedOn: `${year}-02-10`,
          decidedOn: `${year}-03-02`,
          validFrom: `${year}-03-15`,
          validUntil: `${year}-11-30`,
          recordedBy: by,
        });
      } else if (g.permit === 'applied') {
        // An employer outside Köprü applied for a permit after an offer; the decision is awaited.
        await tx.insert(workPermits).values({
          personId,
          organisationId,
          kind: g.secret?.status === 'temporary-protection' ? 'temporary-protection-permit' : 'work-permit',
          status: 'requested',
          employerName: 'Kuzey Yapı İnşaat Ltd. Şti.',
          requestedOn: new Date(now.getTime() - 20 * 86_400_000).toISOString().slice(0, 10),
          recordedBy: by,
        });
      }
    }
    for (const w of p.work ?? []) {
      await tx.insert(workHistory).values({
        personId,
        organisationId,
        occupation: w.occupation,
        employer: w.employer ?? null,
        startDate: w.start ?? null,
        endDate: w.end ?? null,
        registered: w.registered,
      });
    }

    const c = p.case;
    if (!c) continue;
    const openedAt = daysAgo(c.openedDaysAgo);
    const closedAt = c.status === 'closed' ? daysAgo(Math.max(1, Math.floor(c.openedDaysAgo / 3))) : null;
    const [caseRow] = await tx
      .insert(cases)
      .values({
        organisationId,
        personId,
        officeId: office,
        counsellorId: counsellor,
        status: c.status,
        closeReason: c.closeReason ?? null,
        closeNote: c.closeNote ?? null,
        openedAt,
        closedAt,
        updatedAt: closedAt ?? daysAgo(Math.min(...(c.notes ?? []).map((n) => n.daysAgo), c.openedDaysAgo)),
      })
      .returning({ id: cases.id });
    const caseId = caseRow!.id;
    if (c.transferredFrom) {
      await tx.insert(caseTransfers).values({
        caseId,
        organisationId,
        fromOfficeId: officeId(p.org, c.transferredFrom.office),
        toOfficeId: office,
        fromCounsellorId: c.transferredFrom.counsellor ? userId(p.org, c.transferredFrom.counsellor) : null,
        toCounsellorId: counsellor,
        reason: c.transferredFrom.reason,
        transferredBy: counsellor,
        transferredAt: daysAgo(c.transferredFrom.daysAgo),
      });
    }
    for (const n of c.notes ?? []) {
      await tx.insert(caseNotes).values({
        caseId,
        organisationId,
        kind: n.kind,
        body: n.body,
        occurredAt: daysAgo(n.daysAgo),
        authorId: counsellor,
        createdAt: daysAgo(n.daysAgo),
      });
    }
    for (const s of c.steps ?? []) {
      await tx.insert(caseSteps).values({
        caseId,
        organisationId,
        title: s.title,
        ownerKind: s.owner,
        ownerUserId: s.owner === 'counsellor' ? counsellor : null,
        dueDate: s.dueInDays === null ? null : isoDate(new Date(now.getTime() + s.dueInDays * DAY_MS)),
        doneAt: s.done ? daysAgo(Math.max(1, -(s.dueInDays ?? 0))) : null,
        createdBy: counsellor,
        createdAt: openedAt,
      });
    }
  }

  for (const h of DEMO_HOUSEHOLDS) {
    const person = personIds.get(h.person);
    if (!person) throw new Error(`Demo household: no person ${h.person}`);
    const p = DEMO_PERSONS.find((x) => `${x.givenName} ${x.familyName}` === h.person)!;
    const organisationId = orgIds[person.org];
    const [household] = await tx
      .insert(households)
      .values({
        organisationId,
        officeId: officeId(person.org, person.office),
        province: p.province,
        district: p.district,
        address: h.address,
      })
      .returning({ id: households.id });
    const householdId = household!.id;
    await tx.insert(householdMembers).values({
      householdId,
      organisationId,
      personId: person.id,
      givenName: p.givenName,
      familyName: p.familyName,
      birthDate: p.birthDate,
      sex: p.sex,
      relation: h.relation,
    });
    for (const m of h.members) {
      const [member] = await tx
        .insert(householdMembers)
        .values({
          householdId,
          organisationId,
          personId: null,
          givenName: m.givenName,
          familyName: m.familyName,
          birthDate: m.birthDate,
          sex: m.sex,
          relation: m.relation,
        })
        .returning({ id: householdMembers.id });
      if (m.income) {
        await tx.insert(householdIncomes).values({
          householdId,
          organisationId,
          memberId: member!.id,
          source: m.income.source,
          monthlyAmount: m.income.monthly,
          startDate: isoDate(daysAgo(400)),
        });
      }
    }
    for (const a of h.aid) {
      await tx.insert(socialAidRecords).values({
        householdId,
        organisationId,
        programme: a.programme,
        monthlyAmount: a.monthly,
        startDate: a.start,
        endDate: a.end ?? null,
      });
    }
  }
}
