import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  childcarePlaces,
  childcareProviders,
  courseApplications,
  courses,
  householdMembers,
  organisations,
  persons,
  placements,
  users,
} from '../schema/index.ts';
import { searchKey } from '../../../common/text.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { initialsOf, type ProviderKind } from '../../../common/childcare.ts';

const DAY_MS = 86_400_000;

interface DemoProvider {
  org: 'İBB' | 'İzBB';
  name: string;
  kind: ProviderKind;
  capacity: number;
  minAgeMonths: number;
  maxAgeMonths: number;
  province: string;
  district: string;
  address: string;
  phone: string;
  opensAt: string;
  closesAt: string;
  saturdays?: boolean;
  /** Mothers (full names) and the given name of the child, in order of application: first places, then the line. */
  entries?: { mother: string; child: string; appliedDaysAgo: number }[];
}

const DEMO_PROVIDERS: DemoProvider[] = [
  {
    org: 'İBB',
    name: 'Esenyurt Belediyesi Çocuk Gelişim Merkezi',
    kind: 'municipal',
    capacity: 1,
    minAgeMonths: 24,
    maxAgeMonths: 66,
    province: 'İstanbul',
    district: 'Esenyurt',
    address: 'Mehterçeşme Mah. Nene Hatun Cad. No: 12',
    phone: '0212 596 40 40',
    opensAt: '07:30',
    closesAt: '18:30',
    entries: [
      { mother: 'Zehra Polat', child: 'Eymen', appliedDaysAgo: 40 },
      { mother: 'Gülsüm Aydın', child: 'Eflin', appliedDaysAgo: 12 },
    ],
  },
  {
    org: 'İBB',
    name: 'Fatih Belediyesi Balat Kreşi',
    kind: 'municipal',
    capacity: 12,
    minAgeMonths: 12,
    maxAgeMonths: 66,
    province: 'İstanbul',
    district: 'Fatih',
    address: 'Balat Mah. Vodina Cad. No: 31',
    phone: '0212 453 14 53',
    opensAt: '07:00',
    closesAt: '19:00',
    saturdays: true,
  },
  {
    org: 'İBB',
    name: 'Sultanbeyli Kadın Kooperatifi Çocuk Bakımevi',
    kind: 'partner',
    capacity: 8,
    minAgeMonths: 6,
    maxAgeMonths: 48,
    province: 'İstanbul',
    district: 'Sultanbeyli',
    address: 'Abdurrahmangazi Mah. Fatih Bulvarı No: 88',
    phone: '0216 592 22 10',
    opensAt: '08:00',
    closesAt: '17:30',
  },
  {
    org: 'İzBB',
    name: 'Konak Belediyesi Alsancak Kreşi',
    kind: 'municipal',
    capacity: 1,
    minAgeMonths: 12,
    maxAgeMonths: 66,
    province: 'İzmir',
    district: 'Konak',
    address: 'Alsancak Mah. 1469 Sok. No: 7',
    phone: '0232 293 35 35',
    opensAt: '07:30',
    closesAt: '18:00',
    entries: [{ mother: 'Sevda Çiçek', child: 'Mert', appliedDaysAgo: 25 }],
  },
];

/**
 * Demo care providers (issue 11, docs/CHILDCARE.md): nurseries in İstanbul and İzmir, places held by
 * mothers' children and a waiting list. A mother neither in work nor on a course is enrolled on her
 * organisation's next course first, as a counsellor would have done before asking for the place.
 */
export async function seedDemoChildcare(tx: Db, now: Date = new Date()): Promise<void> {
  const orgRows = await tx.select().from(organisations);
  for (const p of DEMO_PROVIDERS) {
    const org = orgRows.find((o) => o.shortName === p.org);
    if (!org) continue;
    const [manager] = await tx
      .select({ id: users.id })
      .from(users)
      .where(
        and(eq(users.organisationId, org.id), eq(users.email, `manager@${p.org === 'İBB' ? 'ibb' : 'izmir'}.example`)),
      );
    const { entries, org: _org, ...fields } = p;
    const [provider] = await tx
      .insert(childcareProviders)
      .values({
        ...fields,
        nameKey: searchKey(p.name),
        saturdays: p.saturdays ?? false,
        organisationId: org.id,
        createdBy: manager?.id ?? null,
        createdAt: new Date(now.getTime() - 90 * DAY_MS),
        updatedAt: new Date(now.getTime() - 90 * DAY_MS),
      })
      .returning();
    let allocated = 0;
    for (const e of entries ?? []) {
      const [given, ...family] = e.mother.split(' ');
      const [mother] = await tx
        .select()
        .from(persons)
        .where(
          and(
            eq(persons.organisationId, org.id),
            eq(persons.givenName, given!),
            eq(persons.familyName, family.join(' ')),
          ),
        );
      if (!mother) continue;
      const [own] = await tx.select().from(householdMembers).where(eq(householdMembers.personId, mother.id));
      if (!own) continue;
      const [child] = await tx
        .select()
        .from(householdMembers)
        .where(and(eq(householdMembers.householdId, own.householdId), eq(householdMembers.givenName, e.child)));
      if (!child?.birthDate) continue;
      const priority = await ensureInProgramme(tx, org.id, mother.id, now);
      const appliedAt = new Date(now.getTime() - e.appliedDaysAgo * DAY_MS);
      const place = allocated < p.capacity;
      if (place) allocated += 1;
      await tx.insert(childcarePlaces).values({
        organisationId: org.id,
        officeId: mother.officeId,
        providerId: provider!.id,
        personId: mother.id,
        childMemberId: child.id,
        childInitials: initialsOf(child.givenName, child.familyName),
        childBirthDate: child.birthDate,
        status: place ? 'allocated' : 'waiting',
        priority,
        appliedAt,
        requestedStart: turkishDate(new Date(appliedAt.getTime() + 7 * DAY_MS)),
        startDate: place ? turkishDate(new Date(appliedAt.getTime() + 7 * DAY_MS)) : null,
        allocatedAt: place ? appliedAt : null,
        createdAt: appliedAt,
        updatedAt: appliedAt,
      });
    }
  }
  // A mother of the Fatih office on a course, with a child of nursery age and no place yet: the demo's
  // counsellor (Zeynep Kaya) asks for one from her profile.
  const ibb = orgRows.find((o) => o.shortName === 'İBB');
  const [fatma] = ibb
    ? await tx
        .select({ id: persons.id })
        .from(persons)
        .where(and(eq(persons.organisationId, ibb.id), eq(persons.givenName, 'Fatma'), eq(persons.familyName, 'Koç')))
    : [];
  if (ibb && fatma) await ensureInProgramme(tx, ibb.id, fatma.id, now);
}

/** The mother's priority; one neither in work nor enrolled is enrolled on the organisation's next open course. */
async function ensureInProgramme(tx: Db, organisationId: string, personId: string, now: Date) {
  const [job] = await tx
    .select({ id: placements.id })
    .from(placements)
    .where(
      and(
        eq(placements.organisationId, organisationId),
        eq(placements.personId, personId),
        inArray(placements.status, ['awaiting-permit', 'active']),
      ),
    );
  if (job) return 'placed' as const;
  const [enrolled] = await tx
    .select({ id: courseApplications.id })
    .from(courseApplications)
    .where(
      and(
        eq(courseApplications.organisationId, organisationId),
        eq(courseApplications.personId, personId),
        eq(courseApplications.status, 'enrolled'),
      ),
    );
  if (enrolled) return 'programme' as const;
  const [course] = await tx
    .select({ id: courses.id })
    .from(courses)
    .where(
      and(
        eq(courses.organisationId, organisationId),
        eq(courses.status, 'open'),
        gt(courses.startDate, turkishDate(now)),
      ),
    )
    .orderBy(asc(courses.startDate));
  if (!course) return 'none' as const;
  await tx
    .insert(courseApplications)
    .values({
      organisationId,
      courseId: course.id,
      personId,
      status: 'enrolled',
      channel: 'counsellor',
      appliedAt: new Date(now.getTime() - 45 * DAY_MS),
      decidedAt: new Date(now.getTime() - 44 * DAY_MS),
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [courseApplications.courseId, courseApplications.personId],
      set: { status: 'enrolled', decidedAt: new Date(now.getTime() - 44 * DAY_MS), updatedAt: now },
    });
  return 'programme' as const;
}
