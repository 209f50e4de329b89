import { and, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { employers, organisations, persons, placementFollowUps, placements, users } from '../schema/index.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { retentionDueDates, type FollowUpOutcome } from '../../../common/placements.ts';
import { demoHireReferral } from './demo-referrals.ts';

const DAY_MS = 86_400_000;

/**
 * Demo placements (issue 11) at different stages, for persons whose case already says so: Ömer Faruk
 * Şimşek (case placed) verified with his SGK service record, the 3-month follow-up recorded and the
 * 6-month one ahead; Yusuf Erdem (case active again) whose job ended by dismissal, found at the exit
 * follow-up. Neither is in a household, so no income changes. Each hire came from a referral that went
 * through the workflow (demo-referrals' `demoHireReferral`): the placement names it and its vacancy.
 */
export async function seedDemoPlacements(tx: Db, now: Date = new Date()): Promise<void> {
  const ago = (n: number) => new Date(now.getTime() - n * DAY_MS);
  const dateAgo = (n: number) => turkishDate(ago(n));
  const [ibb] = await tx.select().from(organisations).where(eq(organisations.shortName, 'İBB'));
  if (!ibb) return;
  const [counsellor] = await tx.select().from(users).where(eq(users.email, 'counsellor@ibb.example'));
  const person = async (given: string, family: string) =>
    (
      await tx
        .select()
        .from(persons)
        .where(and(eq(persons.organisationId, ibb.id), eq(persons.givenName, given), eq(persons.familyName, family)))
    )[0];
  const employer = async (legalName: string) =>
    (await tx.select().from(employers).where(eq(employers.legalName, legalName)))[0];

  const stages: {
    person: [string, string];
    employer: string;
    jobTitle: string;
    startedDaysAgo: number;
    endedDaysAgo?: number;
    verified?: { reference: string; filedDaysAgo: number };
    outcomes: Partial<Record<'3m' | '6m' | '12m' | 'exit', FollowUpOutcome>>;
  }[] = [
    {
      person: ['Ömer Faruk', 'Şimşek'],
      employer: 'Esenyurt Taze Market Gıda Ltd. Şti.',
      jobTitle: 'Müşteri hizmetleri temsilcisi',
      startedDaysAgo: 120,
      verified: { reference: 'SGK4C7D2E9A1B3F', filedDaysAgo: 121 },
      outcomes: { '3m': 'same-employer' },
    },
    {
      person: ['Yusuf', 'Erdem'],
      employer: 'Anadolu Sofrası Restoran İşletmeleri A.Ş.',
      jobTitle: 'Komi',
      startedDaysAgo: 170,
      endedDaysAgo: 50,
      verified: { reference: 'IGB2025118834', filedDaysAgo: 168 },
      outcomes: { '3m': 'same-employer', exit: 'not-working' },
    },
  ];

  for (const s of stages) {
    const p = await person(...s.person);
    const e = await employer(s.employer);
    if (!p || !e) continue;
    const startDate = dateAgo(s.startedDaysAgo);
    const ended = s.endedDaysAgo !== undefined;
    const hire = await demoHireReferral(tx, {
      person: p,
      employer: e,
      jobTitle: s.jobTitle,
      startDate,
      startedAt: ago(s.startedDaysAgo),
      wage: 28075.5,
    });
    const [row] = await tx
      .insert(placements)
      .values({
        organisationId: ibb.id,
        officeId: p.officeId,
        personId: p.id,
        employerId: e.id,
        vacancyId: hire.vacancyId,
        referralId: hire.referralId,
        source: 'referral',
        jobTitle: s.jobTitle,
        status: ended ? 'ended' : 'active',
        startDate,
        endDate: ended ? dateAgo(s.endedDaysAgo!) : null,
        endReason: ended ? 'dismissed' : null,
        contractType: 'permanent',
        wageAmount: '28075.50',
        wageBasis: 'net',
        hoursPerWeek: 45,
        hoursPerDay: 9,
        shifts: ['day'],
        workplaceProvince: e.province,
        workplaceDistrict: e.district,
        decent: true,
        violations: [],
        verification: s.verified ? 'verified' : 'unverified',
        evidenceKind: s.verified
          ? s.verified.reference.startsWith('SGK')
            ? 'sgk-service-record'
            : 'hire-notification'
          : null,
        evidenceReference: s.verified?.reference ?? null,
        hireFiledOn: s.verified ? dateAgo(s.verified.filedDaysAgo) : null,
        lateFiling: s.verified ? s.verified.filedDaysAgo < s.startedDaysAgo : false,
        verifiedBy: s.verified ? (counsellor?.id ?? null) : null,
        verifiedAt: s.verified ? ago(s.startedDaysAgo - 10) : null,
        netWage: s.verified ? '28075.50' : null,
        createdBy: counsellor?.id ?? null,
        createdAt: hire.hiredAt,
        updatedAt: ago(s.endedDaysAgo ?? s.startedDaysAgo - 10),
      })
      .returning({ id: placements.id });
    const due = [
      ...retentionDueDates(startDate),
      ...(ended ? [{ milestone: 'exit' as const, dueDate: dateAgo(s.endedDaysAgo!) }] : []),
    ];
    for (const f of due) {
      const outcome = s.outcomes[f.milestone];
      const cancelled = ended && f.milestone !== 'exit' && !outcome && f.dueDate > dateAgo(s.endedDaysAgo!);
      await tx.insert(placementFollowUps).values({
        organisationId: ibb.id,
        placementId: row!.id,
        milestone: f.milestone,
        dueDate: f.dueDate,
        status: outcome ? 'recorded' : cancelled ? 'cancelled' : 'pending',
        outcome: outcome ?? null,
        notWorkingReason: outcome === 'not-working' ? 'dismissed' : null,
        recordedBy: outcome ? (counsellor?.id ?? null) : null,
        recordedAt: outcome ? new Date(`${f.dueDate}T10:00:00+03:00`) : null,
        createdAt: ago(s.startedDaysAgo),
      });
    }
  }
}
