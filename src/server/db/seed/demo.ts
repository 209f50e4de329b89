import { count } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { offices, organisations, userRoles, users } from '../schema/index.ts';
import type { ArgonParams } from '../../config/config.ts';
import { hashPassword } from '../../lib/crypto.ts';
import { builtInRoleIds } from './reference.ts';
import type { BuiltInRole } from '../../../common/permissions.ts';
import { seedDemoPeople, type DemoKeys } from './demo-people.ts';
import { seedDemoPlacements } from './demo-placements.ts';
import { seedDemoReferrals } from './demo-referrals.ts';
import { seedDemoEmployers } from './demo-employers.ts';
import { seedDemoCourses } from './demo-courses.ts';
import { seedDemoFairs } from './demo-fairs.ts';
import { seedDemoProgrammes } from './demo-programmes.ts';
import { seedDemoInternational } from './demo-international.ts';
import { seedDemoGraduation } from './demo-graduation.ts';
import { seedDemoChildcare } from './demo-childcare.ts';
import { seedDemoSurveys } from './demo-surveys.ts';
import { seedDemoCooperatives } from './demo-cooperatives.ts';
import { seedDemoDataProtection } from './demo-dataprotection.ts';
import { rebuildNameWords } from '../../modules/people/index.ts';

/** The one demo data set: demo mode, tests and screenshots all use it. */
export const DEMO_PASSWORD = 'Kopru-Demo-2026!';

interface DemoUser {
  role: BuiltInRole;
  fullName: string;
  /** Local part of the e-mail address; the domain is the organisation's. */
  login: string;
  office?: string;
  phone?: string;
  locale?: 'tr' | 'en' | 'ar';
  /** Seekers sign in with a one-time code only. */
  password?: boolean;
}

interface DemoOrganisation {
  key: string;
  name: string;
  shortName: string;
  kind: 'municipality' | 'public-employment-service' | 'ngo';
  province: string;
  domain: string;
  offices: { name: string; district: string; address: string }[];
  users: DemoUser[];
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    key: 'ibb',
    name: 'İstanbul Büyükşehir Belediyesi',
    shortName: 'İBB',
    kind: 'municipality',
    province: 'İstanbul',
    domain: 'ibb.example',
    offices: [
      { name: 'Fatih İstihdam Ofisi', district: 'Fatih', address: 'Kemalpaşa Mah. Şehzadebaşı Cad. No: 25' },
      { name: 'Esenyurt İstihdam Ofisi', district: 'Esenyurt', address: 'Cumhuriyet Mah. Doğan Araslı Blv. No: 112' },
      { name: 'Sultanbeyli İstihdam Ofisi', district: 'Sultanbeyli', address: 'Mimar Sinan Mah. Fatih Blv. No: 58' },
      { name: 'Bağcılar İstihdam Ofisi', district: 'Bağcılar', address: 'Kirazlı Mah. Atatürk Cad. No: 9' },
    ],
    users: [
      { role: 'admin', fullName: 'Ayşe Yılmaz', login: 'admin' },
      { role: 'manager', fullName: 'Mehmet Demir', login: 'manager' },
      { role: 'counsellor', fullName: 'Zeynep Kaya', login: 'counsellor', office: 'Fatih' },
      { role: 'counsellor', fullName: 'Ali Kurt', login: 'counsellor2', office: 'Esenyurt' },
      { role: 'employer-relations', fullName: 'Emre Şahin', login: 'employer-relations', office: 'Bağcılar' },
      { role: 'trainer', fullName: 'Elif Çelik', login: 'trainer', office: 'Sultanbeyli' },
      { role: 'dpo', fullName: 'Hakan Öztürk', login: 'dpo' },
      { role: 'analyst', fullName: 'Selin Arslan', login: 'analyst' },
      // The demo's platform administrator: edits holidays, minimum wages and decent-work limits for every
      // organisation, and nothing of İBB's own (on a real installation: kopru admin platform-admin).
      { role: 'platform-admin', fullName: 'Orhan Çakır', login: 'platform' },
      { role: 'employer', fullName: 'Burak Aydın', login: 'employer', phone: '+905321000001' },
      { role: 'seeker', fullName: 'Fatma Koç', login: 'seeker', phone: '+905321000002', password: false },
      {
        role: 'seeker',
        fullName: 'Ahmad Al-Hassan',
        login: 'seeker-ar',
        phone: '+905321000003',
        locale: 'ar',
        password: false,
      },
    ],
  },
  {
    key: 'izmir',
    name: 'İzmir Büyükşehir Belediyesi',
    shortName: 'İzBB',
    kind: 'municipality',
    province: 'İzmir',
    domain: 'izmir.example',
    offices: [
      { name: 'Konak Meslek Fabrikası', district: 'Konak', address: 'Alsancak Mah. Şair Eşref Blv. No: 3' },
      { name: 'Karşıyaka İstihdam Noktası', district: 'Karşıyaka', address: 'Bostanlı Mah. Cemal Gürsel Cad. No: 41' },
      { name: 'Bayraklı İstihdam Noktası', district: 'Bayraklı', address: 'Manavkuyu Mah. 246/2 Sok. No: 7' },
    ],
    users: [
      { role: 'admin', fullName: 'Gülşen Erdoğan', login: 'admin' },
      { role: 'manager', fullName: 'Cem Yıldız', login: 'manager' },
      { role: 'counsellor', fullName: 'Derya Aksoy', login: 'counsellor', office: 'Konak' },
      { role: 'employer-relations', fullName: 'Serkan Polat', login: 'employer-relations', office: 'Bayraklı' },
      { role: 'trainer', fullName: 'İpek Güneş', login: 'trainer', office: 'Konak' },
      { role: 'dpo', fullName: 'Oğuz Kılıç', login: 'dpo' },
      { role: 'analyst', fullName: 'Nur Özdemir', login: 'analyst' },
      { role: 'employer', fullName: 'Levent Çınar', login: 'employer', phone: '+905321000011' },
      { role: 'seeker', fullName: 'Hatice Doğan', login: 'seeker', phone: '+905321000012', password: false },
    ],
  },
  {
    key: 'umut',
    name: 'Umut Köprüsü Dayanışma Derneği',
    shortName: 'Umut Köprüsü',
    kind: 'ngo',
    province: 'İstanbul',
    domain: 'umut.example',
    offices: [
      {
        name: 'Sultanbeyli Toplum Merkezi',
        district: 'Sultanbeyli',
        address: 'Hasanpaşa Mah. Yavuz Selim Cad. No: 14',
      },
    ],
    users: [
      { role: 'admin', fullName: 'Meryem Tekin', login: 'admin' },
      { role: 'manager', fullName: 'Yusuf Bulut', login: 'manager' },
      { role: 'counsellor', fullName: 'Rahaf Al-Sayed', login: 'counsellor', office: 'Sultanbeyli', locale: 'ar' },
      { role: 'employer-relations', fullName: 'Kemal Aslan', login: 'employer-relations', office: 'Sultanbeyli' },
      { role: 'trainer', fullName: 'Sevgi Kara', login: 'trainer', office: 'Sultanbeyli' },
      { role: 'dpo', fullName: 'Tuncay Işık', login: 'dpo' },
      { role: 'analyst', fullName: 'Aslı Uçar', login: 'analyst' },
      { role: 'employer', fullName: 'Murat Şen', login: 'employer', phone: '+905321000021' },
      { role: 'seeker', fullName: 'Emine Yavuz', login: 'seeker', phone: '+905321000022', password: false },
    ],
  },
];

/**
 * The demo accounts that sign in with a one-time code (the demo job seekers): on a demo instance their
 * codes are shown on the sign-in page, as these people and phones are fictional. Nobody else's code is
 * ever shown, in any mode.
 */
export function isDemoCodeAccount(identifier: string): boolean {
  return DEMO_ORGANISATIONS.some((org) =>
    org.users.some(
      (u) => u.password === false && (u.phone === identifier || `${u.login}@${org.domain}` === identifier),
    ),
  );
}

export function demoEmail(org: string, login: string): string {
  const o = DEMO_ORGANISATIONS.find((x) => x.key === org);
  if (!o) throw new Error(`No demo organisation ${org}`);
  return `${login}@${o.domain}`;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return (row?.n ?? 0) === 0;
}

/** Loads the demo data set into an empty database (ID numbers and sensitive details encrypted with `keys`). */
export async function seedDemo(db: Db, argon: ArgonParams, keys: DemoKeys): Promise<void> {
  const roleIds = await builtInRoleIds(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD, argon);
  await db.transaction(async (tx) => {
    for (const org of DEMO_ORGANISATIONS) {
      const [o] = await tx
        .insert(organisations)
        .values({ name: org.name, shortName: org.shortName, kind: org.kind, province: org.province })
        .returning();
      const officeIds = new Map<string, string>();
      for (const office of org.offices) {
        const [row] = await tx
          .insert(offices)
          .values({
            organisationId: o!.id,
            name: office.name,
            province: org.province,
            district: office.district,
            address: office.address,
          })
          .returning();
        officeIds.set(office.district, row!.id);
      }
      for (const u of org.users) {
        const [row] = await tx
          .insert(users)
          .values({
            organisationId: o!.id,
            officeId: u.office ? (officeIds.get(u.office) ?? null) : null,
            kind: u.role === 'employer' ? 'employer' : u.role === 'seeker' ? 'seeker' : 'staff',
            fullName: u.fullName,
            email: `${u.login}@${org.domain}`,
            phone: u.phone ?? null,
            locale: u.locale ?? 'tr',
            status: 'active',
            passwordHash: u.password === false ? null : passwordHash,
          })
          .returning();
        await tx.insert(userRoles).values({ userId: row!.id, roleId: roleIds[u.role]! });
      }
    }
    await seedDemoPeople(tx, keys);
    await seedDemoEmployers(tx, keys);
    await seedDemoReferrals(tx);
    await seedDemoPlacements(tx);
    await seedDemoGraduation(tx);
    await seedDemoCourses(tx);
    await seedDemoProgrammes(tx);
    await seedDemoInternational(tx);
    await seedDemoChildcare(tx);
    await seedDemoSurveys(tx, keys);
    await seedDemoCooperatives(tx);
    await seedDemoFairs(tx);
    await seedDemoDataProtection(tx);
    // The seeds write persons directly: the vocabulary of name words follows them once, at the end.
    await rebuildNameWords(tx);
  });
}

/** The lines printed on the console in demo mode. */
export function demoLoginLines(publicUrl: string): string[] {
  const lines = [`Demo sign-in (password for every staff and employer account: ${DEMO_PASSWORD})`];
  for (const org of DEMO_ORGANISATIONS) {
    lines.push(`  ${org.name}`);
    for (const u of org.users) {
      const how =
        u.password === false
          ? `one-time code to ${u.phone} (shown on the sign-in page, ${publicUrl}/sign-in)`
          : `${u.login}@${org.domain}`;
      lines.push(`    ${u.role.padEnd(19)} ${u.fullName.padEnd(22)} ${how}`);
    }
  }
  return lines;
}
