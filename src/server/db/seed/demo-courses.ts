import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  courseApplications,
  courseAttendance,
  courses,
  courseSessions,
  courseTrainers,
  employers,
  offices,
  organisations,
  persons,
  users,
} from '../schema/index.ts';
import { searchKey } from '../../../common/text.ts';
import { turkishDate } from '../../../common/working-days.ts';
import type { CertificateType } from '../../../common/courses.ts';
import type { TargetGroup } from '../../../common/enums.ts';

const DAY_MS = 86_400_000;

interface DemoCourse {
  org: 'ibb' | 'izmir';
  titleTr: string;
  titleEn: string;
  titleAr: string;
  iscoCode: string;
  hours: number;
  /** Days from the seed day. */
  start: number;
  end: number;
  /** A session every `every` days from the start, at this place. */
  every: number;
  place: string;
  capacity: number;
  targetGroups: TargetGroup[];
  certificateType: CertificateType;
  assessmentRequired: boolean;
  /** Participants from this office (district), enrolled and, for past sessions, with attendance. */
  enrolFrom?: string;
  enrol?: number;
  /** Applicants still waiting for the selection. */
  applicants?: number;
  /** A training-supported employment course: the employer (by trade name) and its commitment. */
  employer?: { tradeName: string; percent: number };
}

/** A few courses per organisation (issue 13): one running, with attendance, one open for applications. */
const DEMO_COURSES: DemoCourse[] = [
  {
    org: 'ibb',
    titleTr: 'Mutfak Yardımcılığı Kursu',
    titleEn: 'Kitchen Assistant Course',
    titleAr: 'دورة مساعد مطبخ',
    iscoCode: '9412',
    hours: 96,
    start: -14,
    end: 20,
    every: 2,
    place: 'Fatih Meslek Atölyesi, Şehzadebaşı Cad. No: 25',
    capacity: 12,
    targetGroups: ['woman-care', 'neet'],
    certificateType: 'participation',
    assessmentRequired: true,
    enrolFrom: 'Fatih',
    enrol: 5,
    employer: { tradeName: 'Anadolu Sofrası', percent: 40 },
  },
  {
    org: 'ibb',
    titleTr: 'Çağrı Merkezi Müşteri Temsilcisi',
    titleEn: 'Contact Centre Customer Representative',
    titleAr: 'ممثل خدمة العملاء في مركز الاتصال',
    iscoCode: '4222',
    hours: 120,
    start: 21,
    end: 60,
    every: 3,
    place: 'Esenyurt İstihdam Ofisi, Eğitim Salonu',
    capacity: 15,
    targetGroups: ['neet', 'long-term-unemployed'],
    certificateType: 'myk',
    assessmentRequired: true,
    enrolFrom: 'Esenyurt',
    applicants: 3,
  },
  {
    org: 'izmir',
    titleTr: 'Meslek Fabrikası: Bilgisayarlı Ön Muhasebe',
    titleEn: 'Vocational Factory: Computerised Bookkeeping',
    titleAr: 'مصنع المهن: مسك الدفاتر المحوسب',
    iscoCode: '4311',
    hours: 160,
    start: 7,
    end: 70,
    every: 7,
    place: 'Konak Meslek Fabrikası, Şair Eşref Blv. No: 3',
    capacity: 20,
    targetGroups: ['woman-care'],
    certificateType: 'meb-e-yaygin',
    assessmentRequired: false,
  },
];

/** Seeds the demo courses, with trainers, sessions, participants and attendance of past sessions. */
export async function seedDemoCourses(tx: Db, now: Date = new Date()): Promise<void> {
  const today = turkishDate(now);
  const dateIn = (n: number) => turkishDate(new Date(now.getTime() + n * DAY_MS));
  const orgRows = await tx.select().from(organisations);
  const orgId = {
    ibb: orgRows.find((o) => o.shortName === 'İBB')!.id,
    izmir: orgRows.find((o) => o.shortName === 'İzBB')!.id,
  };
  const domains = { ibb: 'ibb.example', izmir: 'izmir.example' };
  for (const c of DEMO_COURSES) {
    const organisationId = orgId[c.org];
    const [manager] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, `manager@${domains[c.org]}`));
    const [trainer] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, `trainer@${domains[c.org]}`));
    const employer = c.employer
      ? (
          await tx
            .select({ id: employers.id })
            .from(employers)
            .where(and(eq(employers.organisationId, organisationId), eq(employers.tradeName, c.employer.tradeName)))
        )[0]
      : undefined;
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
        capacity: c.capacity,
        targetGroups: c.targetGroups,
        certificateType: c.certificateType,
        minAttendancePercent: 80,
        assessmentRequired: c.assessmentRequired,
        employerId: employer?.id ?? null,
        hireCommitmentPercent: employer ? c.employer!.percent : null,
        status: 'open',
        createdBy: manager?.id ?? null,
        createdAt: new Date(now.getTime() + (c.start - 30) * DAY_MS),
        updatedAt: now,
      })
      .returning({ id: courses.id });
    const courseId = course!.id;
    if (trainer) await tx.insert(courseTrainers).values({ courseId, userId: trainer.id, organisationId });
    const sessionRows: { id: string; date: string }[] = [];
    for (let d = c.start; d <= c.end; d += c.every) {
      const [s] = await tx
        .insert(courseSessions)
        .values({ courseId, organisationId, date: dateIn(d), startTime: '09:30', endTime: '13:00', place: c.place })
        .returning({ id: courseSessions.id, date: courseSessions.date });
      sessionRows.push(s!);
    }
    if (!c.enrolFrom) continue;
    const [office] = await tx
      .select({ id: offices.id })
      .from(offices)
      .where(and(eq(offices.organisationId, organisationId), eq(offices.district, c.enrolFrom)));
    const people = await tx
      .select({ id: persons.id })
      .from(persons)
      .where(and(eq(persons.organisationId, organisationId), eq(persons.officeId, office!.id)))
      .orderBy(asc(persons.familyName), asc(persons.givenName))
      .limit((c.enrol ?? 0) + (c.applicants ?? 0));
    const appliedAt = new Date(now.getTime() + (Math.min(c.start, 0) - 20) * DAY_MS);
    const apps = await tx
      .insert(courseApplications)
      .values(
        people.map((p, i) => ({
          organisationId,
          courseId,
          personId: p.id,
          status: i < (c.enrol ?? 0) ? ('enrolled' as const) : ('applied' as const),
          channel: 'counsellor' as const,
          appliedAt: new Date(appliedAt.getTime() + i * 3_600_000),
          appliedBy: manager?.id ?? null,
          decidedAt: i < (c.enrol ?? 0) ? new Date(appliedAt.getTime() + 5 * DAY_MS) : null,
          updatedAt: now,
        })),
      )
      .returning({ id: courseApplications.id, status: courseApplications.status });
    const enrolled = apps.filter((a) => a.status === 'enrolled');
    const past = sessionRows.filter((s) => s.date < today);
    if (past.length && enrolled.length)
      await tx.insert(courseAttendance).values(
        past.flatMap((s, si) =>
          enrolled.map((a, ai) => ({
            sessionId: s.id,
            applicationId: a.id,
            organisationId,
            // Most come; one participant misses every third session.
            present: !(ai === enrolled.length - 1 && si % 3 === 2),
            recordedBy: trainer?.id ?? null,
            recordedAt: new Date(`${s.date}T10:00:00Z`),
          })),
        ),
      );
  }
}
