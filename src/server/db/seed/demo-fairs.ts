import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  employers,
  fairEmployers,
  fairPositions,
  fairs,
  offices,
  organisations,
  users,
  vacancies,
} from '../schema/index.ts';
import { randomToken } from '../../lib/crypto.ts';
import { searchKey } from '../../../common/text.ts';
import { turkishDate } from '../../../common/working-days.ts';

const DAY_MS = 86_400_000;

/**
 * One district career fair of İBB (issue 13, docs/FAIRS.md) — invented demo data, and named so: in
 * Bağcılar in two weeks, with the demo employers of İBB that have published vacancies offering them,
 * and one fair-only position that meets the 2026 minimum wage. No visitors: they register on the day.
 */
export async function seedDemoFairs(tx: Db, now: Date = new Date()): Promise<void> {
  const dateIn = (n: number) => turkishDate(new Date(now.getTime() + n * DAY_MS));
  const [org] = await tx.select().from(organisations).where(eq(organisations.shortName, 'İBB'));
  if (!org) return;
  const [office] = await tx
    .select({ id: offices.id })
    .from(offices)
    .where(and(eq(offices.organisationId, org.id), eq(offices.district, 'Bağcılar')));
  const [manager] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'manager@ibb.example'));
  if (!office) return;
  const published = await tx
    .select({ v: vacancies, employerId: employers.id })
    .from(vacancies)
    .innerJoin(employers, eq(employers.id, vacancies.employerId))
    .where(and(eq(vacancies.organisationId, org.id), eq(vacancies.status, 'published')));
  const name = 'Bağcılar İlçe Kariyer Günleri (kurgusal demo verisi)';
  const [fair] = await tx
    .insert(fairs)
    .values({
      organisationId: org.id,
      officeId: office.id,
      name,
      nameKey: searchKey(name),
      startDate: dateIn(14),
      endDate: dateIn(15),
      place: 'Bağcılar Belediyesi Kültür Merkezi',
      province: 'İstanbul',
      district: 'Bağcılar',
      status: 'planned',
      walkInToken: randomToken(24),
      createdBy: manager?.id ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: fairs.id });
  const employerIds = [...new Set(published.map((p) => p.employerId))].slice(0, 4);
  if (employerIds.length === 0) return;
  const stands = await tx
    .insert(fairEmployers)
    .values(
      employerIds.map((employerId, i) => ({
        organisationId: org.id,
        fairId: fair!.id,
        employerId,
        stand: `A${i + 1}`,
        createdAt: now,
      })),
    )
    .returning({ id: fairEmployers.id, employerId: fairEmployers.employerId });
  const standOf = new Map(stands.map((s) => [s.employerId, s.id]));
  for (const { v } of published.filter((p) => standOf.has(p.employerId))) {
    await tx.insert(fairPositions).values({
      organisationId: org.id,
      fairId: fair!.id,
      fairEmployerId: standOf.get(v.employerId)!,
      vacancyId: v.id,
      title: v.title,
      openings: v.positions,
      startDate: v.startDate,
      contractType: v.contractType,
      wageMin: v.wageMin,
      wageBasis: v.wageBasis,
      hoursPerWeek: String(v.hoursPerWeek),
      hoursPerDay: String(v.hoursPerDay),
      shifts: v.shifts,
      minimumAge: v.minimumAge,
      createdAt: now,
    });
  }
  await tx.insert(fairPositions).values({
    organisationId: org.id,
    fairId: fair!.id,
    fairEmployerId: stands[0]!.id,
    vacancyId: null,
    title: 'Kasiyer (fuara özel)',
    openings: 4,
    startDate: dateIn(30),
    contractType: 'permanent',
    wageMin: '28075.50',
    wageBasis: 'net',
    hoursPerWeek: '45',
    hoursPerDay: '9',
    shifts: ['day'],
    hazardClass: 'low',
    minimumAge: 18,
    registered: true,
    createdAt: now,
  });
}
