import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  employers,
  graduationSettings,
  graduations,
  householdIncomes,
  householdMembers,
  households,
  minimumWages,
  organisations,
  personTargetGroups,
  persons,
  placementFollowUps,
  placements,
  socialAidRecords,
} from '../schema/index.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { retentionDueDates } from '../../../common/placements.ts';
import { DEFAULT_GRADUATION_RULE, evaluateGraduation, type GraduationStatus } from '../../../common/graduation.ts';
import { demoHireReferral } from './demo-referrals.ts';

const DAY_MS = 86_400_000;

interface Stage {
  person: [string, string];
  employer: string;
  jobTitle: string;
  wage: number;
  startedDaysAgo: number;
  endedDaysAgo?: number;
  status: GraduationStatus;
  recommendedDaysAgo: number;
  decidedDaysAgo?: number;
  payer?: 'municipality' | 'sydv';
  confirmedDaysAgo?: number;
  aidEndedDaysAgo?: number;
  reference?: string;
  returnedDaysAgo?: number;
  /** A job the person found and reported herself; otherwise the hire came from a referral (demoHireReferral). */
  selfReported?: boolean;
}

/**
 * Demo graduations from social aid (issue 11; docs/GRADUATION.md), one household at each stage: Gülsüm
 * Aydın (Sultanbeyli) recommended and waiting for a manager; Nermin Toprak (Bayraklı, İzmir) approved and
 * sent to the SYDV; Saadet Bozkurt (Sultanbeyli) confirmed by the SYDV, aid ended, 2,500 TL a month saved;
 * Emine Yavuz (Sultanbeyli, the Umut association) graduated, lost her job and went back on aid within the 12 months. Each has a
 * verified placement with its follow-ups and the wage among the household's incomes, so the facts shown
 * are the rule's own. The organisations' rules are the defaults, with the paying units' addresses.
 */
export async function seedDemoGraduation(tx: Db, now: Date = new Date()): Promise<void> {
  const dateAgo = (n: number) => turkishDate(new Date(now.getTime() - n * DAY_MS));
  const wages = (await tx.select().from(minimumWages)).map((w) => ({
    effectiveFrom: w.effectiveFrom,
    grossMonthly: Number(w.grossMonthly),
    netMonthly: Number(w.netMonthly),
  }));
  for (const org of await tx.select().from(organisations)) {
    const slug = org.shortName.toLocaleLowerCase('tr').replace(/[^a-z]/g, '') || 'kurum';
    await tx.insert(graduationSettings).values({
      organisationId: org.id,
      minMonths: DEFAULT_GRADUATION_RULE.minMonths,
      thresholdKind: DEFAULT_GRADUATION_RULE.thresholdKind,
      thresholdShare: DEFAULT_GRADUATION_RULE.thresholdShare.toFixed(2),
      thresholdAmount: null,
      municipalityEmail: `sosyal.hizmetler@${slug}.example.org`,
      sydvEmail: `sydv@${slug}.example.org`,
    });
  }

  const stages: Stage[] = [
    {
      person: ['Gülsüm', 'Aydın'],
      employer: 'Bağcılar Örme Tekstil Sanayi ve Ticaret Ltd. Şti.',
      jobTitle: 'Paketleme elemanı',
      wage: 28075.5,
      startedDaysAgo: 130,
      status: 'recommended',
      recommendedDaysAgo: 3,
    },
    {
      person: ['Nermin', 'Toprak'],
      employer: 'Karşıyaka Semt Marketleri Gıda Ltd. Şti.',
      jobTitle: 'Kasiyer',
      wage: 29500,
      startedDaysAgo: 160,
      status: 'approved',
      recommendedDaysAgo: 20,
      decidedDaysAgo: 12,
      payer: 'sydv',
    },
    {
      person: ['Saadet', 'Bozkurt'],
      employer: 'Esenyurt Taze Market Gıda Ltd. Şti.',
      jobTitle: 'Reyon görevlisi',
      wage: 28075.5,
      startedDaysAgo: 250,
      status: 'confirmed',
      recommendedDaysAgo: 140,
      decidedDaysAgo: 135,
      payer: 'sydv',
      confirmedDaysAgo: 110,
      aidEndedDaysAgo: 105,
      reference: 'SYDV-2026/0412',
    },
    {
      person: ['Emine', 'Yavuz'],
      employer: 'Sultanbeyli Konfeksiyon Tekstil Ltd. Şti.',
      jobTitle: 'Ütü ve paketleme elemanı',
      wage: 28075.5,
      startedDaysAgo: 330,
      endedDaysAgo: 90,
      status: 'returned',
      recommendedDaysAgo: 230,
      decidedDaysAgo: 226,
      payer: 'sydv',
      confirmedDaysAgo: 205,
      aidEndedDaysAgo: 200,
      reference: 'SYDV-2026/0188',
      returnedDaysAgo: 60,
      // Found through a neighbour at a workshop since suspended: no referral could be sent there now.
      selfReported: true,
    },
  ];

  for (const s of stages) {
    const [p] = await tx
      .select()
      .from(persons)
      .where(and(eq(persons.givenName, s.person[0]), eq(persons.familyName, s.person[1])));
    const [e] = await tx.select().from(employers).where(eq(employers.legalName, s.employer));
    if (!p || !e || e.organisationId !== p.organisationId) continue;
    const [member] = await tx.select().from(householdMembers).where(eq(householdMembers.personId, p.id));
    if (!member) continue;
    const [h] = await tx.select().from(households).where(eq(households.id, member.householdId));
    if (!h) continue;
    const organisationId = p.organisationId;
    const startDate = dateAgo(s.startedDaysAgo);
    const ended = s.endedDaysAgo !== undefined;
    const [income] = await tx
      .insert(householdIncomes)
      .values({
        householdId: h.id,
        organisationId,
        memberId: member.id,
        source: 'registered-work',
        monthlyAmount: s.wage.toFixed(2),
        startDate,
        endDate: ended ? dateAgo(s.endedDaysAgo!) : null,
      })
      .returning({ id: householdIncomes.id });
    const hire = s.selfReported
      ? null
      : await demoHireReferral(tx, {
          person: p,
          employer: e,
          jobTitle: s.jobTitle,
          startDate,
          startedAt: new Date(now.getTime() - s.startedDaysAgo * DAY_MS),
          wage: s.wage,
        });
    const [placement] = await tx
      .insert(placements)
      .values({
        organisationId,
        officeId: p.officeId,
        personId: p.id,
        employerId: e.id,
        vacancyId: hire?.vacancyId ?? null,
        referralId: hire?.referralId ?? null,
        source: hire ? 'referral' : 'self-reported',
        jobTitle: s.jobTitle,
        status: ended ? 'ended' : 'active',
        startDate,
        endDate: ended ? dateAgo(s.endedDaysAgo!) : null,
        endReason: ended ? 'contract-ended' : null,
        contractType: 'permanent',
        wageAmount: s.wage.toFixed(2),
        wageBasis: 'net',
        hoursPerWeek: 45,
        hoursPerDay: 9,
        shifts: ['day'],
        workplaceProvince: e.province,
        workplaceDistrict: e.district,
        decent: true,
        verification: 'verified',
        evidenceKind: 'sgk-service-record',
        evidenceReference: `HZM${String(s.startedDaysAgo).padStart(4, '0')}${s.person[1].length}D7Q`,
        verifiedAt: new Date(now.getTime() - (s.startedDaysAgo - 9) * DAY_MS),
        netWage: s.wage.toFixed(2),
        householdIncomeId: income!.id,
        ...(hire ? { createdAt: hire.hiredAt } : {}),
      })
      .returning({ id: placements.id });
    for (const f of retentionDueDates(startDate)) {
      const passed = f.dueDate < dateAgo(0) && (!ended || f.dueDate < dateAgo(s.endedDaysAgo!));
      await tx.insert(placementFollowUps).values({
        organisationId,
        placementId: placement!.id,
        milestone: f.milestone,
        dueDate: f.dueDate,
        status: passed ? 'recorded' : ended ? 'cancelled' : 'pending',
        outcome: passed ? 'same-employer' : null,
        recordedAt: passed ? new Date(`${f.dueDate}T10:00:00+03:00`) : null,
      });
    }

    // The facts on the day of the recommendation: the household as it stood then.
    const onDate = dateAgo(s.recommendedDaysAgo);
    const members = await tx.select().from(householdMembers).where(eq(householdMembers.householdId, h.id));
    const running = (r: { startDate: string; endDate: string | null }) =>
      r.startDate <= onDate && (r.endDate === null || r.endDate >= onDate);
    const incomes = (await tx.select().from(householdIncomes).where(eq(householdIncomes.householdId, h.id))).filter(
      running,
    );
    const aid = (await tx.select().from(socialAidRecords).where(eq(socialAidRecords.householdId, h.id))).filter(
      running,
    );
    const sum = (rows: { monthlyAmount: string }[]) =>
      rows.reduce((c, r) => c + Math.round(Number(r.monthlyAmount) * 100), 0) / 100;
    const evaluation = evaluateGraduation(
      DEFAULT_GRADUATION_RULE,
      {
        members: members.length,
        monthlyIncome: sum(incomes),
        monthlyAid: sum(aid),
        work: [
          {
            personId: p.id,
            // Read from the person's record when shown, never stored with the facts.
            memberName: '',
            placementId: placement!.id,
            employerName: e.tradeName ?? e.legalName,
            jobTitle: s.jobTitle,
            startDate,
            netWage: s.wage,
          },
        ],
      },
      onDate,
      wages,
    );
    const groups = await tx
      .select({ group: personTargetGroups.group })
      .from(personTargetGroups)
      .where(eq(personTargetGroups.personId, p.id));
    const aidEndDate = s.aidEndedDaysAgo !== undefined ? dateAgo(s.aidEndedDaysAgo) : null;
    const saved = sum(aid);
    await tx.insert(graduations).values({
      organisationId,
      officeId: h.officeId,
      householdId: h.id,
      personId: p.id,
      placementId: placement!.id,
      status: s.status,
      district: h.district,
      targetGroups: groups.map((g) => g.group),
      facts: {
        ...evaluation,
        aid: aid.map((a) => ({ programme: a.programme, monthlyAmount: Number(a.monthlyAmount) })),
      },
      recommendedOn: onDate,
      decidedAt: s.decidedDaysAgo !== undefined ? new Date(now.getTime() - s.decidedDaysAgo * DAY_MS) : null,
      decidedOn: s.decidedDaysAgo !== undefined ? dateAgo(s.decidedDaysAgo) : null,
      payer: s.payer ?? null,
      confirmedOn: s.confirmedDaysAgo !== undefined ? dateAgo(s.confirmedDaysAgo) : null,
      aidEndDate,
      monthlyAidSaved: aidEndDate ? saved.toFixed(2) : null,
      confirmationReference: s.reference ?? null,
      returnedOn: s.returnedDaysAgo !== undefined ? dateAgo(s.returnedDaysAgo) : null,
      returnProgramme: s.returnedDaysAgo !== undefined ? (aid[0]?.programme ?? null) : null,
      returnMonthlyAmount: s.returnedDaysAgo !== undefined ? (aid[0]?.monthlyAmount ?? null) : null,
      returnNote: s.returnedDaysAgo !== undefined ? 'Sözleşmesi bitti; SYDV yeniden yardım bağladı.' : null,
    });
    if (aidEndDate) {
      // The paying unit ended the aid; a household that came back receives it again.
      await tx
        .update(socialAidRecords)
        .set({ endDate: aidEndDate })
        .where(and(eq(socialAidRecords.householdId, h.id), isNull(socialAidRecords.endDate)));
      if (s.returnedDaysAgo !== undefined && aid[0]) {
        await tx.insert(socialAidRecords).values({
          householdId: h.id,
          organisationId,
          programme: aid[0].programme,
          monthlyAmount: aid[0].monthlyAmount,
          startDate: dateAgo(s.returnedDaysAgo),
        });
      }
    }
  }
}
