import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  cooperativeAssemblies,
  cooperativeClients,
  cooperativeReviews,
  cooperativeSupport,
  cooperativeTrades,
  cooperatives,
  organisations,
  users,
} from '../schema/index.ts';
import { searchKey } from '../../../common/text.ts';
import { turkishDate } from '../../../common/working-days.ts';
import {
  monthsBefore,
  warningSigns,
  type FocusTag,
  type IclsType,
  type LegalType,
} from '../../../common/cooperatives.ts';

/**
 * Demo cooperatives (issue 17, docs/COOPERATIVES.md): a few in İstanbul and İzmir, among them women's
 * cooperatives and one that shows warning signs of a sham cooperative (nearly all income from one client,
 * member-workers working as dependent employees without social security, no general assembly for over a
 * year), with its review tasks open. Dates are relative to the day the demo data is loaded.
 */
interface DemoCoop {
  org: 'ibb' | 'izmir';
  name: string;
  iclsType: IclsType;
  legalType: LegalType;
  naceCode: string;
  focusTags: FocusTag[];
  registrationNumber: string;
  registeredMonthsAgo: number;
  province: string;
  district: string;
  members: [women: number, men: number];
  ages: [number, number, number, number];
  memberWorkers: [number, number];
  employees: [number, number];
  dependentUninsured?: number;
  restricted?: { refugees: number; roma: number; disability: number };
  activities: string;
  turnoverBand: 'none' | 'under-1m' | '1m-5m' | '5m-25m' | '25m-plus';
  /** Months ago of the general assemblies held. */
  assemblies: number[];
  clients: [string, number][];
  support?: { kind: 'training' | 'grant' | 'advice'; monthsAgo: number; amount?: number; description: string }[];
}

const COOPS: DemoCoop[] = [
  {
    org: 'izmir',
    name: 'Bayraklı Kadın Girişimi Üretim ve İşletme Kooperatifi',
    iclsType: 'producer',
    legalType: 'womens-enterprise',
    naceCode: '10.85',
    focusTags: ['women', 'care'],
    registrationNumber: 'IZ-KG-2017-0412',
    registeredMonthsAgo: 112,
    province: 'İzmir',
    district: 'Bayraklı',
    members: [38, 0],
    ages: [7, 16, 13, 2],
    memberWorkers: [14, 0],
    employees: [2, 0],
    restricted: { refugees: 4, roma: 3, disability: 1 },
    activities: 'Ev yemekleri ve kurabiye üretimi, okul kantini işletmesi, mahalle kreşiyle çocuk bakım desteği.',
    turnoverBand: '1m-5m',
    assemblies: [4, 16, 28],
    clients: [
      ['Mahalle satışları ve pazar', 45],
      ['Bayraklı okul kantinleri', 30],
      ['Kurumsal catering siparişleri', 25],
    ],
    support: [
      { kind: 'training', monthsAgo: 10, description: 'Gıda güvenliği ve hijyen eğitimi (14 ortak)' },
      { kind: 'grant', monthsAgo: 6, amount: 250000, description: 'Endüstriyel mutfak ekipmanı hibesi' },
    ],
  },
  {
    org: 'izmir',
    name: 'Ödemiş Tarımsal Kalkınma Kooperatifi',
    iclsType: 'producer',
    legalType: 'agricultural-development',
    naceCode: '01.13',
    focusTags: ['agricultural'],
    registrationNumber: 'IZ-TK-1998-0077',
    registeredMonthsAgo: 340,
    province: 'İzmir',
    district: 'Ödemiş',
    members: [22, 61],
    ages: [6, 21, 41, 15],
    memberWorkers: [4, 9],
    employees: [3, 5],
    activities: 'Patates ve sebze üreticilerinin ortak depolama ve pazarlaması.',
    turnoverBand: '5m-25m',
    assemblies: [5, 17],
    clients: [
      ['Zincir market', 35],
      ['İzmir hal komisyoncuları', 40],
      ['İhracatçı firma', 25],
    ],
    support: [{ kind: 'advice', monthsAgo: 3, description: 'Soğuk zincir ve iyi tarım uygulamaları danışmanlığı' }],
  },
  {
    org: 'ibb',
    name: 'Sultanbeyli Kadın Emeği ve Bakım Kooperatifi',
    iclsType: 'multi-stakeholder',
    legalType: 'womens-enterprise',
    naceCode: '88.91',
    focusTags: ['women', 'care', 'refugee-inclusion'],
    registrationNumber: 'IST-KG-2021-1190',
    registeredMonthsAgo: 60,
    province: 'İstanbul',
    district: 'Sultanbeyli',
    members: [27, 2],
    ages: [9, 14, 6, 0],
    memberWorkers: [12, 0],
    employees: [1, 0],
    restricted: { refugees: 9, roma: 0, disability: 2 },
    activities: 'Gündüz çocuk bakımı, yaşlı bakım ziyaretleri ve Türkçe–Arapça el işi atölyesi.',
    turnoverBand: 'under-1m',
    assemblies: [2, 13],
    clients: [
      ['Aileler (bakım ücretleri)', 70],
      ['Belediye sosyal hizmet protokolü', 30],
    ],
    support: [{ kind: 'training', monthsAgo: 8, description: 'Kooperatif yönetimi ve muhasebe eğitimi' }],
  },
  {
    org: 'ibb',
    name: 'Bağcılar Tekstil Emek Kooperatifi',
    iclsType: 'worker',
    legalType: 'production-marketing',
    naceCode: '14.13',
    focusTags: [],
    registrationNumber: 'IST-UP-2022-2204',
    registeredMonthsAgo: 40,
    province: 'İstanbul',
    district: 'Bağcılar',
    members: [9, 17],
    ages: [11, 10, 5, 0],
    memberWorkers: [9, 16],
    employees: [0, 0],
    dependentUninsured: 6,
    activities: 'Konfeksiyon dikimi (fason).',
    turnoverBand: '5m-25m',
    assemblies: [19],
    clients: [
      ['Moda Konfeksiyon AŞ', 94],
      ['Diğer', 6],
    ],
  },
  {
    org: 'ibb',
    name: 'Esenyurt Konut Yapı Kooperatifi',
    iclsType: 'consumer-user',
    legalType: 'housing-construction',
    naceCode: '41.20',
    focusTags: ['housing'],
    registrationNumber: 'IST-KY-2015-0931',
    registeredMonthsAgo: 130,
    province: 'İstanbul',
    district: 'Esenyurt',
    members: [48, 72],
    ages: [8, 44, 53, 15],
    memberWorkers: [0, 0],
    employees: [1, 2],
    activities: '120 konutluk yapı projesi.',
    turnoverBand: '25m-plus',
    assemblies: [6, 18],
    clients: [],
  },
];

export async function seedDemoCooperatives(tx: Db, now: Date = new Date()): Promise<void> {
  const today = turkishDate(now);
  const orgRows = await tx.select().from(organisations);
  const ids = new Map<string, { id: string; org: string }>();
  for (const c of COOPS) {
    const org = orgRows.find((o) => o.shortName === (c.org === 'ibb' ? 'İBB' : 'İzBB'));
    if (!org) continue;
    const [manager] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.organisationId, org.id), eq(users.email, `manager@${c.org}.example`)));
    const registrationDate = monthsBefore(today, c.registeredMonthsAgo);
    const [row] = await tx
      .insert(cooperatives)
      .values({
        organisationId: org.id,
        name: c.name,
        nameKey: searchKey(c.name),
        iclsType: c.iclsType,
        legalType: c.legalType,
        naceCode: c.naceCode,
        focusTags: c.focusTags,
        registrationNumber: c.registrationNumber,
        registrationDate,
        province: c.province,
        district: c.district,
        membersWomen: c.members[0],
        membersMen: c.members[1],
        membersAge18to29: c.ages[0],
        membersAge30to44: c.ages[1],
        membersAge45to64: c.ages[2],
        membersAge65plus: c.ages[3],
        memberWorkersWomen: c.memberWorkers[0],
        memberWorkersMen: c.memberWorkers[1],
        employeesWomen: c.employees[0],
        employeesMen: c.employees[1],
        dependentUninsured: c.dependentUninsured ?? 0,
        membersRefugees: c.restricted?.refugees ?? null,
        membersRoma: c.restricted?.roma ?? null,
        membersDisability: c.restricted?.disability ?? null,
        activities: c.activities,
        turnoverBand: c.turnoverBand,
        officerId: manager?.id ?? null,
        createdBy: manager?.id ?? null,
      })
      .returning({ id: cooperatives.id });
    const id = row!.id;
    ids.set(c.name, { id, org: org.id });
    const assemblies = c.assemblies.map((m) => monthsBefore(today, m));
    if (assemblies.length)
      await tx.insert(cooperativeAssemblies).values(
        assemblies.map((heldOn) => ({
          organisationId: org.id,
          cooperativeId: id,
          heldOn,
          kind: 'ordinary' as const,
          createdBy: manager?.id ?? null,
        })),
      );
    const year = Number(today.slice(0, 4)) - 1;
    if (c.clients.length)
      await tx.insert(cooperativeClients).values(
        c.clients.map(([clientName, sharePercent]) => ({
          organisationId: org.id,
          cooperativeId: id,
          year,
          clientName,
          sharePercent,
        })),
      );
    for (const s of c.support ?? [])
      await tx.insert(cooperativeSupport).values({
        organisationId: org.id,
        cooperativeId: id,
        kind: s.kind,
        givenOn: monthsBefore(today, s.monthsAgo),
        amount: s.amount === undefined ? null : s.amount.toFixed(2),
        description: s.description,
        createdBy: manager?.id ?? null,
      });
    const flags = warningSigns({
      today,
      registrationDate,
      assemblies,
      clients: c.clients.map(([name, sharePercent]) => ({ name, sharePercent })),
      dependentUninsured: c.dependentUninsured ?? 0,
      membershipChanges: [],
    });
    for (const f of flags)
      await tx.insert(cooperativeReviews).values({
        organisationId: org.id,
        cooperativeId: id,
        sign: f.sign,
        params: f.params,
        status: 'open',
        assignedTo: manager?.id ?? null,
        openedAt: now,
      });
  }
  // Trade between cooperatives: the Ödemiş producers sell vegetables to the Bayraklı women's kitchen.
  const seller = ids.get('Ödemiş Tarımsal Kalkınma Kooperatifi');
  const buyer = ids.get('Bayraklı Kadın Girişimi Üretim ve İşletme Kooperatifi');
  if (seller && buyer)
    await tx.insert(cooperativeTrades).values({
      organisationId: seller.org,
      sellerId: seller.id,
      buyerId: buyer.id,
      tradedOn: monthsBefore(today, 2),
      amount: '68500.00',
      description: 'Sebze ve patates (okul kantini menüsü için)',
    });
}
