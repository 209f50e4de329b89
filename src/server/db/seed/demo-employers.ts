import { inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  employerContacts,
  employers,
  employerUsers,
  offices,
  organisations,
  users,
  vacancies,
} from '../schema/index.ts';
import type { CefrLevel, TargetGroup } from '../../../common/enums.ts';
import { blindIndex, encrypt } from '../../lib/crypto.ts';
import { findDistrict } from '../../lib/geography.ts';
import { searchKey } from '../../../common/text.ts';
import { maskIdNumber, withTcknChecksum, withVknChecksum } from '../../../common/identity-number.ts';
import { suggestHazardClass } from '../../../common/nace.ts';
import { flagWording, type HazardClass, type Shift } from '../../../common/decent-work.ts';
import { turkishDate } from '../../../common/working-days.ts';
import type { DemoKeys } from './demo-people.ts';

type OrgKey = 'ibb' | 'izmir' | 'umut';
type ContractType = (typeof vacancies.$inferInsert)['contractType'];

/** The version of the employer terms the demo employers accepted (employers.service TERMS_VERSION). */
const TERMS_VERSION = '2026-01';
const DAY_MS = 86_400_000;

interface DemoVacancy {
  title: string;
  occupation: string;
  duties: string;
  requiredSkills?: string[];
  preferredSkills?: string[];
  iscedLevel?: number;
  languages?: { code: string; level: CefrLevel }[];
  district?: string;
  remote?: boolean;
  positions: number;
  contractType: ContractType;
  startInDays: number;
  hoursPerDay: number;
  hoursPerWeek: number;
  shifts: Shift[];
  minimumAge?: number;
  wageMin: number;
  wageMax?: number;
  wageBasis: 'net' | 'gross';
  benefits?: string;
  childcareSupport?: boolean;
  accessibleWorkplace?: boolean;
  suitableGroups?: TargetGroup[];
  /** Days until the application deadline. */
  deadlineInDays: number;
  status: 'draft' | 'submitted' | 'published';
  publishedDaysAgo?: number;
}

interface DemoEmployer {
  org: OrgKey;
  legalName: string;
  tradeName?: string;
  /** First nine digits of the VKN, or of a sole trader's TCKN. */
  tax: { kind: 'vkn' | 'tckn'; firstNine: string };
  sgk?: string;
  naceCode: string;
  /** The class confirmed from the SGK record (omitted: not confirmed yet). */
  hazardClass?: HazardClass;
  workerCount: number;
  isPublic?: boolean;
  province: string;
  district: string;
  address: string;
  website?: string;
  status: 'pending' | 'verified' | 'suspended';
  statusReason?: string;
  /** The demo employer user (login) who manages the employer in the portal. */
  portalManager?: string;
  contacts: { fullName: string; role: string; phone: string; email: string }[];
  vacancies: DemoVacancy[];
}

/**
 * Every published demo vacancy pays at least the 2026 minimum wage (RULES.md: net 28,075.50 / gross
 * 33,030.00 a month for 45 hours a week), pro rata for part-time, within the working-time limits;
 * jobboard.int.test checks them all against the decent-work rules.
 */
const DEMO_EMPLOYERS: DemoEmployer[] = [
  // ---- İstanbul Büyükşehir Belediyesi --------------------------------------------------------------
  {
    org: 'ibb',
    legalName: 'Bağcılar Örme Tekstil Sanayi ve Ticaret Ltd. Şti.',
    tradeName: 'Örme Tekstil',
    tax: { kind: 'vkn', firstNine: '731204561' },
    sgk: '21413010103456789034123001',
    naceCode: '14.13',
    hazardClass: 'hazardous',
    workerCount: 42,
    province: 'İstanbul',
    district: 'Bağcılar',
    address: 'Kirazlı Mah. Dostluk Sok. No: 14',
    website: 'https://ormetekstil.example',
    status: 'verified',
    portalManager: 'employer',
    contacts: [
      {
        fullName: 'Gönül Ertem',
        role: 'İnsan kaynakları sorumlusu',
        phone: '+902124410101',
        email: 'ik@ormetekstil.example',
      },
      { fullName: 'Ramazan Tuna', role: 'Üretim şefi', phone: '+905324410102', email: 'uretim@ormetekstil.example' },
    ],
    vacancies: [
      {
        title: 'Düz dikiş makinecisi',
        occupation: 'Dikiş makinesi operatörü',
        duties:
          'Kadın ve çocuk örme giyim ürünlerinde düz dikiş makinesiyle birleştirme dikişleri.\n\nÜretim planına göre günlük hedefler; kalite kontrol ekibiyle birlikte çalışma.',
        requiredSkills: ['Düz dikiş makinesi'],
        preferredSkills: ['Overlok', 'Reçme'],
        iscedLevel: 2,
        positions: 4,
        contractType: 'permanent',
        startInDays: 21,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 30_500,
        wageMax: 33_000,
        wageBasis: 'net',
        benefits: 'Öğle yemeği, servis, SGK girişi ilk gün.',
        childcareSupport: true,
        suitableGroups: ['woman-care', 'long-term-unemployed'],
        deadlineInDays: 30,
        status: 'published',
        publishedDaysAgo: 6,
      },
      {
        title: 'Ütü ve paketleme elemanı',
        occupation: 'Ütücü',
        duties: 'Dikimi tamamlanan ürünlerin buharlı ütüyle ütülenmesi, katlanması ve sevkiyat için paketlenmesi.',
        requiredSkills: ['Buharlı ütü'],
        positions: 2,
        contractType: 'permanent',
        startInDays: 14,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 29_000,
        wageBasis: 'net',
        benefits: 'Öğle yemeği ve servis.',
        suitableGroups: ['refugee', 'neet'],
        deadlineInDays: 25,
        status: 'published',
        publishedDaysAgo: 3,
      },
      {
        title: 'Kalite kontrol elemanı',
        occupation: 'Tekstil kalite kontrolcüsü',
        duties: 'Ara ve son ürün kontrolü, ölçü tablosuna göre ölçüm, hata kayıtlarının tutulması.',
        requiredSkills: ['Ölçü tablosu okuma'],
        preferredSkills: ['Excel'],
        iscedLevel: 3,
        positions: 1,
        contractType: 'permanent',
        startInDays: 30,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 34_000,
        wageMax: 38_000,
        wageBasis: 'net',
        accessibleWorkplace: true,
        suitableGroups: ['disability'],
        deadlineInDays: 40,
        status: 'published',
        publishedDaysAgo: 1,
      },
      {
        title: 'Overlokçu',
        occupation: 'Overlok makinesi operatörü',
        duties: 'Örme ürünlerde overlok ve reçme makinelerinde kenar ve birleştirme dikişleri.',
        requiredSkills: ['Overlok makinesi'],
        positions: 2,
        contractType: 'fixed-term',
        startInDays: 20,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 31_000,
        wageBasis: 'net',
        deadlineInDays: 35,
        status: 'submitted',
      },
      {
        title: 'Bayan eleman aranıyor – paketleme',
        occupation: 'Paketleme elemanı',
        duties: 'Sevkiyat öncesi ürünlerin poşetlenmesi ve kolilenmesi.',
        positions: 2,
        contractType: 'permanent',
        startInDays: 20,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 28_500,
        wageBasis: 'net',
        deadlineInDays: 30,
        status: 'draft',
      },
    ],
  },
  {
    org: 'ibb',
    legalName: 'Anadolu Sofrası Restoran İşletmeleri A.Ş.',
    tradeName: 'Anadolu Sofrası',
    tax: { kind: 'vkn', firstNine: '731204562' },
    naceCode: '56.10',
    hazardClass: 'low',
    workerCount: 120,
    province: 'İstanbul',
    district: 'Fatih',
    address: 'Mollagürani Mah. Turgut Özal Millet Cad. No: 88',
    website: 'https://anadolusofrasi.example',
    status: 'verified',
    contacts: [
      {
        fullName: 'Serdar Kılınç',
        role: 'Bölge müdürü',
        phone: '+902125330201',
        email: 'kariyer@anadolusofrasi.example',
      },
    ],
    vacancies: [
      {
        title: 'Aşçı',
        occupation: 'Aşçı',
        duties:
          'Ev yemekleri ve ızgara bölümünde sıcak mutfak üretimi; reçetelere ve hijyen kurallarına uygun hazırlık.',
        requiredSkills: ['Sıcak mutfak', 'Hijyen belgesi'],
        preferredSkills: ['Toplu yemek üretimi'],
        iscedLevel: 3,
        positions: 2,
        contractType: 'permanent',
        startInDays: 15,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day', 'evening'],
        wageMin: 36_000,
        wageMax: 42_000,
        wageBasis: 'net',
        benefits: 'Yemek, yol ücreti, yılda iki ikramiye.',
        deadlineInDays: 28,
        status: 'published',
        publishedDaysAgo: 4,
      },
      {
        title: 'Garson (yarı zamanlı, akşam)',
        occupation: 'Garson',
        duties: 'Akşam servisinde sipariş alma, servis ve masa düzeni.',
        requiredSkills: ['Müşteri ilişkileri'],
        languages: [{ code: 'en', level: 'A2' }],
        positions: 3,
        contractType: 'part-time',
        startInDays: 10,
        hoursPerDay: 5,
        hoursPerWeek: 25,
        shifts: ['evening', 'weekend'],
        wageMin: 17_000,
        wageBasis: 'net',
        benefits: 'Akşam yemeği ve servis.',
        suitableGroups: ['neet', 'woman-care'],
        deadlineInDays: 21,
        status: 'published',
        publishedDaysAgo: 2,
      },
      {
        title: 'Komi',
        occupation: 'Garson yardımcısı',
        duties: 'Servis hazırlığı, masa toplama ve mutfak ile salon arasında destek.',
        positions: 2,
        contractType: 'permanent',
        startInDays: 12,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 29_500,
        wageBasis: 'net',
        suitableGroups: ['refugee', 'long-term-unemployed'],
        accessibleWorkplace: true,
        deadlineInDays: 20,
        status: 'published',
        publishedDaysAgo: 8,
      },
    ],
  },
  {
    org: 'ibb',
    legalName: 'Esenyurt Taze Market Gıda Ltd. Şti.',
    tradeName: 'Taze Market',
    tax: { kind: 'vkn', firstNine: '731204563' },
    naceCode: '47.11',
    hazardClass: 'low',
    workerCount: 65,
    province: 'İstanbul',
    district: 'Esenyurt',
    address: 'Cumhuriyet Mah. 1978. Sok. No: 3',
    status: 'verified',
    contacts: [
      { fullName: 'Filiz Oral', role: 'Mağaza müdürü', phone: '+902128860301', email: 'magaza@tazemarket.example' },
    ],
    vacancies: [
      {
        title: 'Kasiyer',
        occupation: 'Kasiyer',
        duties: 'Kasa işlemleri, müşteri karşılama, gün sonu kasa raporu.',
        requiredSkills: ['Kasa kullanımı'],
        positions: 3,
        contractType: 'permanent',
        startInDays: 14,
        hoursPerDay: 7.5,
        hoursPerWeek: 45,
        shifts: ['day', 'evening'],
        wageMin: 33_030,
        wageBasis: 'gross',
        benefits: 'Yemek kartı.',
        accessibleWorkplace: true,
        suitableGroups: ['disability', 'woman-care'],
        deadlineInDays: 30,
        status: 'published',
        publishedDaysAgo: 5,
      },
      {
        title: 'Reyon görevlisi',
        occupation: 'Reyon görevlisi',
        duties: 'Reyonların düzeni, ürün yerleştirme, son kullanma tarihi takibi.',
        positions: 2,
        contractType: 'permanent',
        startInDays: 10,
        hoursPerDay: 7.5,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 28_500,
        wageMax: 30_000,
        wageBasis: 'net',
        suitableGroups: ['refugee', 'social-aid'],
        deadlineInDays: 18,
        status: 'published',
        publishedDaysAgo: 9,
      },
    ],
  },
  {
    org: 'ibb',
    legalName: 'Yapı Usta İnşaat Taahhüt A.Ş.',
    tradeName: 'Yapı Usta',
    tax: { kind: 'vkn', firstNine: '731204564' },
    naceCode: '41.20',
    hazardClass: 'very-hazardous',
    workerCount: 210,
    province: 'İstanbul',
    district: 'Esenyurt',
    address: 'Pınar Mah. Yeşilçam Cad. No: 41',
    website: 'https://yapiusta.example',
    status: 'verified',
    contacts: [
      {
        fullName: 'Tuncer Bilgin',
        role: 'İş sağlığı ve güvenliği uzmanı',
        phone: '+902126090401',
        email: 'isg@yapiusta.example',
      },
    ],
    vacancies: [
      {
        title: 'Kalıpçı ustası',
        occupation: 'Kalıpçı',
        duties: 'Betonarme kalıp kurulumu ve sökümü; iş sağlığı ve güvenliği talimatlarına uyum.',
        requiredSkills: ['Kalıp kurulumu', 'Mesleki yeterlilik belgesi'],
        positions: 5,
        contractType: 'fixed-term',
        startInDays: 20,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        minimumAge: 18,
        wageMin: 45_000,
        wageMax: 52_000,
        wageBasis: 'net',
        benefits: 'Yemek, servis, iş güvenliği ekipmanı.',
        deadlineInDays: 25,
        status: 'published',
        publishedDaysAgo: 7,
      },
      {
        title: 'Şantiye elektrikçisi',
        occupation: 'İnşaat elektrikçisi',
        duties: 'Şantiye geçici elektrik tesisatı, aydınlatma ve pano bağlantıları.',
        requiredSkills: ['Elektrik tesisatı', 'Mesleki yeterlilik belgesi'],
        iscedLevel: 3,
        positions: 2,
        contractType: 'fixed-term',
        startInDays: 25,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        minimumAge: 18,
        wageMin: 48_000,
        wageBasis: 'net',
        deadlineInDays: 30,
        status: 'published',
        publishedDaysAgo: 2,
      },
    ],
  },

  // ---- İzmir Büyükşehir Belediyesi -----------------------------------------------------------------
  {
    org: 'izmir',
    legalName: 'Ege Bereket Tarımsal Kalkınma Kooperatifi',
    tradeName: 'Ege Bereket Kooperatifi',
    tax: { kind: 'vkn', firstNine: '731204571' },
    naceCode: '01.13',
    hazardClass: 'hazardous',
    workerCount: 38,
    province: 'İzmir',
    district: 'Torbalı',
    address: 'Ayrancılar Mah. Kooperatif Sok. No: 2',
    status: 'verified',
    portalManager: 'employer',
    contacts: [
      {
        fullName: 'Nazmi Ekinci',
        role: 'Kooperatif başkanı',
        phone: '+902328530501',
        email: 'iletisim@egebereket.example',
      },
    ],
    vacancies: [
      {
        title: 'Mevsimlik sebze hasat işçisi',
        occupation: 'Tarım işçisi',
        duties: 'Domates ve biber hasadı, kasalama ve tarladan depoya taşıma. Servis Torbalı merkezden kalkar.',
        positions: 25,
        contractType: 'seasonal',
        startInDays: 30,
        hoursPerDay: 8,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 29_500,
        wageBasis: 'net',
        benefits: 'Öğle yemeği, servis, iş elbisesi.',
        suitableGroups: ['refugee', 'woman-care', 'informal-worker'],
        deadlineInDays: 25,
        status: 'published',
        publishedDaysAgo: 4,
      },
      {
        title: 'Paketleme ve tasnif elemanı',
        occupation: 'Tarım ürünleri tasnifçisi',
        duties: 'Hasat edilen ürünlerin boylarına göre ayrılması ve sevkiyat için paketlenmesi.',
        positions: 8,
        contractType: 'seasonal',
        startInDays: 30,
        hoursPerDay: 5,
        hoursPerWeek: 25,
        shifts: ['day'],
        wageMin: 16_500,
        wageBasis: 'net',
        childcareSupport: true,
        suitableGroups: ['woman-care'],
        deadlineInDays: 25,
        status: 'published',
        publishedDaysAgo: 4,
      },
      {
        title: 'Sera bakım elemanı',
        occupation: 'Sera işçisi',
        duties: 'Sera içi bakım, sulama ve fide dikimi.',
        positions: 3,
        contractType: 'fixed-term',
        startInDays: 20,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 29_000,
        wageBasis: 'net',
        deadlineInDays: 30,
        status: 'submitted',
      },
      {
        title: 'Bayan eleman aranıyor (ambalaj)',
        occupation: 'Ambalaj elemanı',
        duties: 'Kuru meyve ambalajlama.',
        positions: 4,
        contractType: 'seasonal',
        startInDays: 20,
        hoursPerDay: 8,
        hoursPerWeek: 40,
        shifts: ['day'],
        wageMin: 26_000,
        wageBasis: 'net',
        deadlineInDays: 30,
        status: 'draft',
      },
    ],
  },
  {
    org: 'izmir',
    legalName: 'Körfez Lokantacılık Turizm Ltd. Şti.',
    tradeName: 'Körfez Lokantası',
    tax: { kind: 'vkn', firstNine: '731204572' },
    naceCode: '56.10',
    hazardClass: 'low',
    workerCount: 24,
    province: 'İzmir',
    district: 'Konak',
    address: 'Alsancak Mah. Kıbrıs Şehitleri Cad. No: 120',
    status: 'verified',
    contacts: [
      {
        fullName: 'Deniz Akdoğan',
        role: 'İşletme müdürü',
        phone: '+902324640601',
        email: 'is@korfezlokantasi.example',
      },
    ],
    vacancies: [
      {
        title: 'Aşçı yardımcısı',
        occupation: 'Aşçı yardımcısı',
        duties: 'Soğuk mutfak ve meze hazırlığı, mutfak düzeni.',
        requiredSkills: ['Hijyen belgesi'],
        positions: 2,
        contractType: 'permanent',
        startInDays: 12,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day', 'evening'],
        wageMin: 30_000,
        wageBasis: 'net',
        benefits: 'Yemek ve yol.',
        suitableGroups: ['neet'],
        deadlineInDays: 20,
        status: 'published',
        publishedDaysAgo: 3,
      },
      {
        title: 'Bulaşık ve mutfak temizlik elemanı',
        occupation: 'Bulaşıkçı',
        duties: 'Endüstriyel bulaşık makinesi kullanımı, mutfak temizliği.',
        positions: 1,
        contractType: 'permanent',
        startInDays: 7,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 28_200,
        wageBasis: 'net',
        accessibleWorkplace: true,
        suitableGroups: ['disability', 'long-term-unemployed'],
        deadlineInDays: 15,
        status: 'published',
        publishedDaysAgo: 1,
      },
    ],
  },
  {
    org: 'izmir',
    legalName: 'Karşıyaka Semt Marketleri Gıda Ltd. Şti.',
    tradeName: 'Semt Market',
    tax: { kind: 'vkn', firstNine: '731204573' },
    naceCode: '47.11',
    hazardClass: 'low',
    workerCount: 55,
    province: 'İzmir',
    district: 'Karşıyaka',
    address: 'Bostanlı Mah. Cemal Gürsel Cad. No: 300',
    status: 'verified',
    contacts: [
      { fullName: 'Hülya Sarı', role: 'İnsan kaynakları', phone: '+902323680701', email: 'ik@semtmarket.example' },
    ],
    vacancies: [
      {
        title: 'Kasiyer (yarı zamanlı)',
        occupation: 'Kasiyer',
        duties: 'Hafta sonu ve akşam saatlerinde kasa işlemleri.',
        positions: 2,
        contractType: 'part-time',
        startInDays: 10,
        hoursPerDay: 6,
        hoursPerWeek: 24,
        shifts: ['evening', 'weekend'],
        wageMin: 17_700,
        wageBasis: 'gross',
        suitableGroups: ['woman-care', 'neet'],
        deadlineInDays: 20,
        status: 'published',
        publishedDaysAgo: 2,
      },
      {
        title: 'Depo ve sevkiyat elemanı',
        occupation: 'Depo elemanı',
        duties: 'Mal kabul, raf düzeni ve şubelere sevkiyat hazırlığı.',
        positions: 2,
        contractType: 'permanent',
        startInDays: 14,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 31_000,
        wageBasis: 'net',
        deadlineInDays: 30,
        status: 'published',
        publishedDaysAgo: 6,
      },
    ],
  },
  {
    org: 'izmir',
    legalName: 'Parlak Tesis Temizlik Hizmetleri Ltd. Şti.',
    tax: { kind: 'vkn', firstNine: '731204574' },
    naceCode: '81.21',
    workerCount: 80,
    province: 'İzmir',
    district: 'Bayraklı',
    address: 'Manavkuyu Mah. 256. Sok. No: 11',
    // Signed up through the portal; waits for staff to confirm its hazard class and verify it.
    status: 'pending',
    contacts: [
      { fullName: 'Orhan Duman', role: 'Genel müdür', phone: '+902323470801', email: 'info@parlaktesis.example' },
    ],
    vacancies: [],
  },

  // ---- Umut Köprüsü Dayanışma Derneği ---------------------------------------------------------------
  {
    org: 'umut',
    // A sole trader: the tax number is the owner's TCKN (encrypted, masked everywhere).
    legalName: 'Selin Aksoy – Minik Eller Çocuk Evi',
    tradeName: 'Minik Eller Çocuk Evi',
    tax: { kind: 'tckn', firstNine: '581204561' },
    naceCode: '88.91',
    hazardClass: 'low',
    workerCount: 12,
    province: 'İstanbul',
    district: 'Sultanbeyli',
    address: 'Abdurrahmangazi Mah. Fatih Blv. No: 77',
    status: 'verified',
    portalManager: 'employer',
    contacts: [
      { fullName: 'Selin Aksoy', role: 'Kurucu', phone: '+905324910901', email: 'merhaba@minikeller.example' },
    ],
    vacancies: [
      {
        title: 'Çocuk bakım elemanı',
        occupation: 'Çocuk bakıcısı',
        duties: '3–6 yaş grubundaki çocukların günlük bakımı, beslenme ve oyun etkinlikleri.',
        requiredSkills: ['Çocuk gelişimi sertifikası'],
        preferredSkills: ['İlk yardım belgesi'],
        languages: [{ code: 'ar', level: 'B1' }],
        iscedLevel: 3,
        positions: 2,
        contractType: 'permanent',
        startInDays: 14,
        hoursPerDay: 8,
        hoursPerWeek: 40,
        shifts: ['day'],
        wageMin: 29_000,
        wageBasis: 'net',
        childcareSupport: true,
        suitableGroups: ['woman-care', 'refugee'],
        deadlineInDays: 30,
        status: 'published',
        publishedDaysAgo: 5,
      },
      {
        title: 'Aşçı yardımcısı (çocuk evi)',
        occupation: 'Aşçı yardımcısı',
        duties: 'Çocuklar için kahvaltı ve öğle yemeği hazırlığı, mutfak hijyeni.',
        requiredSkills: ['Hijyen belgesi'],
        positions: 1,
        contractType: 'part-time',
        startInDays: 14,
        hoursPerDay: 5,
        hoursPerWeek: 25,
        shifts: ['day'],
        wageMin: 16_500,
        wageBasis: 'net',
        childcareSupport: true,
        suitableGroups: ['woman-care'],
        deadlineInDays: 30,
        status: 'published',
        publishedDaysAgo: 2,
      },
      {
        title: 'Bayan eleman aranıyor – temizlik',
        occupation: 'Temizlik görevlisi',
        duties: 'Sınıf ve oyun alanlarının günlük temizliği.',
        positions: 1,
        contractType: 'part-time',
        startInDays: 14,
        hoursPerDay: 4,
        hoursPerWeek: 20,
        shifts: ['day'],
        wageMin: 12_500,
        wageBasis: 'net',
        deadlineInDays: 30,
        status: 'draft',
      },
    ],
  },
  {
    org: 'umut',
    legalName: 'Işıltı Temizlik ve Tesis Yönetimi Ltd. Şti.',
    tradeName: 'Işıltı Temizlik',
    tax: { kind: 'vkn', firstNine: '731204581' },
    naceCode: '81.21',
    hazardClass: 'hazardous',
    workerCount: 140,
    province: 'İstanbul',
    district: 'Sultanbeyli',
    address: 'Hasanpaşa Mah. Yavuz Selim Cad. No: 52',
    status: 'verified',
    contacts: [
      {
        fullName: 'Kadir Uysal',
        role: 'Operasyon sorumlusu',
        phone: '+902164961001',
        email: 'ik@isiltitemizlik.example',
      },
    ],
    vacancies: [
      {
        title: 'Ofis temizlik görevlisi',
        occupation: 'Temizlik görevlisi',
        duties: 'Kadıköy ve Ataşehir’deki ofislerde genel temizlik. Servis Sultanbeyli’den kalkar.',
        positions: 6,
        contractType: 'permanent',
        startInDays: 10,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 28_500,
        wageBasis: 'net',
        benefits: 'Servis ve yemek.',
        suitableGroups: ['refugee', 'social-aid', 'long-term-unemployed'],
        deadlineInDays: 20,
        status: 'published',
        publishedDaysAgo: 3,
      },
      {
        title: 'Hastane temizlik personeli (akşam)',
        occupation: 'Temizlik görevlisi',
        duties: 'Özel hastanede akşam vardiyası temizlik; enfeksiyon kontrol kurallarına uyum.',
        positions: 4,
        contractType: 'permanent',
        startInDays: 14,
        hoursPerDay: 7.5,
        hoursPerWeek: 45,
        shifts: ['evening'],
        wageMin: 29_500,
        wageBasis: 'net',
        accessibleWorkplace: true,
        deadlineInDays: 25,
        status: 'published',
        publishedDaysAgo: 6,
      },
      {
        title: 'Temizlik ekip sorumlusu',
        occupation: 'Temizlik ekip şefi',
        duties: 'Ekip planlaması, malzeme takibi ve müşteri iletişimi.',
        positions: 1,
        contractType: 'permanent',
        startInDays: 21,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 35_000,
        wageBasis: 'net',
        deadlineInDays: 30,
        status: 'submitted',
      },
    ],
  },
  {
    org: 'umut',
    legalName: 'Sultanbeyli Konfeksiyon Tekstil Ltd. Şti.',
    tax: { kind: 'vkn', firstNine: '731204582' },
    naceCode: '14.13',
    hazardClass: 'hazardous',
    workerCount: 30,
    province: 'İstanbul',
    district: 'Sultanbeyli',
    address: 'Adil Mah. Atatürk Cad. No: 19',
    status: 'suspended',
    statusReason:
      'Saha ziyaretinde kayıt dışı işçi çalıştırıldığı tespit edildi; SGK bildirimleri tamamlanana kadar askıda.',
    contacts: [{ fullName: 'Cengiz Yurt', role: 'Ortak', phone: '+902164971101', email: 'sbkonfeksiyon@example.org' }],
    vacancies: [
      {
        // Published before the suspension: it stays published but the public board no longer shows it.
        title: 'Makineci',
        occupation: 'Dikiş makinesi operatörü',
        duties: 'Konfeksiyon ürünlerinde dikim.',
        positions: 3,
        contractType: 'permanent',
        startInDays: 10,
        hoursPerDay: 9,
        hoursPerWeek: 45,
        shifts: ['day'],
        wageMin: 29_000,
        wageBasis: 'net',
        deadlineInDays: 20,
        status: 'published',
        publishedDaysAgo: 20,
      },
    ],
  },
];

/** The demo employers' tax numbers (VKN, or the sole trader's TCKN), for tests. */
export function demoEmployerTaxNumber(legalName: string): string {
  const e = DEMO_EMPLOYERS.find((x) => x.legalName === legalName);
  if (!e) throw new Error(`No demo employer ${legalName}`);
  return e.tax.kind === 'vkn' ? withVknChecksum(e.tax.firstNine) : withTcknChecksum(e.tax.firstNine);
}

export const DEMO_EMPLOYER_NAMES = DEMO_EMPLOYERS.map((e) => ({
  org: e.org,
  legalName: e.legalName,
  status: e.status,
}));

/**
 * Loads the demo employers of every organisation: verified ones with their hazard class confirmed (one
 * pending, one suspended with a reason), contacts, published vacancies that pass the decent-work rules,
 * one draft with discriminatory wording and one vacancy waiting for review per organisation, and the
 * demo employer user of each organisation as the manager of one employer. Runs inside seedDemo's
 * transaction, after organisations, users and persons.
 */
export async function seedDemoEmployers(tx: Db, keys: DemoKeys, now: Date = new Date()): Promise<void> {
  const days = (n: number) => new Date(now.getTime() + n * DAY_MS);
  const dateIn = (n: number) => turkishDate(days(n));
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
  const userRows = await tx.select({ id: users.id, email: users.email, officeId: users.officeId }).from(users);
  const user = (org: OrgKey, login: string) => userRows.find((u) => u.email === `${login}@${domains[org]}`)!;

  for (const e of DEMO_EMPLOYERS) {
    if (findDistrict(e.province, e.district) !== e.district)
      throw new Error(`Demo employer ${e.legalName}: unknown district`);
    const organisationId = orgIds[e.org];
    const officer = user(e.org, 'employer-relations');
    const approver = user(e.org, 'manager');
    const officeId = officer.officeId ?? officeRows.find((o) => o.organisationId === organisationId)!.id;
    const suggested = suggestHazardClass(e.naceCode);
    if (!suggested) throw new Error(`Demo employer ${e.legalName}: NACE ${e.naceCode} unknown`);
    const taxNumber = e.tax.kind === 'vkn' ? withVknChecksum(e.tax.firstNine) : withTcknChecksum(e.tax.firstNine);
    const registered = days(-60);
    const confirmed = e.hazardClass !== undefined;
    const [row] = await tx
      .insert(employers)
      .values({
        organisationId,
        legalName: e.legalName,
        tradeName: e.tradeName ?? null,
        nameKey: searchKey(`${e.legalName} ${e.tradeName ?? ''}`),
        taxKind: e.tax.kind,
        taxNumber: e.tax.kind === 'vkn' ? taxNumber : null,
        taxNumberEnc: e.tax.kind === 'tckn' ? encrypt(taxNumber, keys.dataKey) : null,
        taxNumberIndex: blindIndex(`${e.tax.kind}:${taxNumber}`, keys.indexKey),
        taxNumberMasked: e.tax.kind === 'vkn' ? taxNumber : maskIdNumber(taxNumber),
        sgkWorkplaceNumber: e.sgk ?? null,
        naceCode: e.naceCode,
        hazardClassSuggested: suggested,
        hazardClass: e.hazardClass ?? null,
        hazardConfirmedBy: confirmed ? officer.id : null,
        hazardConfirmedAt: confirmed ? days(-55) : null,
        workerCount: e.workerCount,
        isPublic: e.isPublic ?? false,
        province: e.province,
        district: e.district,
        address: e.address,
        website: e.website ?? null,
        termsAcceptedAt: registered,
        termsVersion: TERMS_VERSION,
        status: e.status,
        statusReason: e.statusReason ?? null,
        verifiedBy: e.status === 'pending' ? null : officer.id,
        verifiedAt: e.status === 'pending' ? null : days(-54),
        officeId,
        createdBy: e.status === 'pending' ? null : officer.id,
        createdAt: registered,
        updatedAt: e.status === 'suspended' ? days(-2) : days(-54),
      })
      .returning({ id: employers.id });
    const employerId = row!.id;
    for (const c of e.contacts) {
      await tx.insert(employerContacts).values({ employerId, organisationId, ...c, createdAt: registered });
    }
    if (e.portalManager) {
      await tx
        .insert(employerUsers)
        .values({ userId: user(e.org, e.portalManager).id, employerId, manager: true, createdAt: registered });
    }
    for (const v of e.vacancies) {
      if (v.district && findDistrict(e.province, v.district) !== v.district)
        throw new Error(`Demo vacancy ${v.title}: unknown district`);
      const flags = flagWording({ '/title': v.title, '/duties': v.duties, '/benefits': v.benefits ?? null });
      if (v.status !== 'draft' && flags.length > 0) throw new Error(`Demo vacancy ${v.title}: flagged wording`);
      const published = v.status === 'published' ? days(-(v.publishedDaysAgo ?? 1)) : null;
      const created = days(-((v.publishedDaysAgo ?? 1) + 2));
      await tx.insert(vacancies).values({
        organisationId,
        employerId,
        title: v.title,
        titleKey: searchKey(v.title),
        occupation: v.occupation,
        occupationKey: searchKey(v.occupation),
        duties: v.duties,
        requiredSkills: v.requiredSkills ?? [],
        preferredSkills: v.preferredSkills ?? [],
        iscedLevel: v.iscedLevel ?? null,
        languages: v.languages ?? [],
        province: e.province,
        district: v.district ?? e.district,
        remote: v.remote ?? false,
        positions: v.positions,
        contractType: v.contractType,
        startDate: dateIn(v.startInDays),
        hoursPerDay: v.hoursPerDay,
        hoursPerWeek: v.hoursPerWeek,
        shifts: v.shifts,
        minimumAge: v.minimumAge ?? 18,
        wageMin: v.wageMin.toFixed(2),
        wageMax: v.wageMax === undefined ? null : v.wageMax.toFixed(2),
        wageBasis: v.wageBasis,
        benefits: v.benefits ?? null,
        childcareSupport: v.childcareSupport ?? false,
        accessibleWorkplace: v.accessibleWorkplace ?? false,
        suitableGroups: v.suitableGroups ?? [],
        deadline: dateIn(v.deadlineInDays),
        status: v.status,
        wordingFlags: flags.map((f) => ({ ground: f.ground, excerpt: f.excerpt, pointer: f.pointer })),
        reviewedBy: published ? approver.id : null,
        publishedAt: published,
        createdBy: officer.id,
        createdAt: created,
        updatedAt: published ?? created,
      });
    }
  }
}
