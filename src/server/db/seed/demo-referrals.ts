import { and, eq, gt, isNull, like, lte, or } from 'drizzle-orm';
import type { Db } from '../client.ts';
import {
  consents,
  decentWorkSettings,
  disclosureLog,
  employers,
  employerUsers,
  minimumWages,
  organisations,
  personTargetGroups,
  persons,
  referralEvents,
  referrals,
  users,
  vacancies,
} from '../schema/index.ts';
import { checkReferral, DEFAULT_LIMITS, type DecentWorkLimits, type RuleContext } from '../../../common/decent-work.ts';
import { PRESCREEN_ITEMS } from '../../../common/contracts/referrals.ts';
import {
  ANSWERED_STATUSES,
  canTransition,
  EMPLOYER_REFUSAL_REASONS,
  PERSON_REFUSAL_REASONS,
  type ReferralStatus,
} from '../../../common/referral-workflow.ts';
import { searchKey } from '../../../common/text.ts';
import { turkishDate } from '../../../common/working-days.ts';
import { termsOf } from '../../modules/vacancies/index.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

type Who = 'staff' | 'employer';
type VacancyRow = typeof vacancies.$inferSelect;
type EmployerRow = typeof employers.$inferSelect;
type PersonRow = typeof persons.$inferSelect;

/** One move after the proposal, as the workflow of src/common/referral-workflow.ts allows it. */
interface Step {
  to: Exclude<ReferralStatus, 'proposed' | 'withdrawn' | 'obsolete'>;
  at: Date;
  /** Who made it: the employer (through the portal, when the employer has a portal user) or staff. */
  who: Who;
  reason?: string;
  reasonText?: string;
  /** For 'interview': when the interview is (or was). */
  interviewAt?: Date;
  note?: string;
}

/**
 * Walks one referral through the declared workflow, as the referrals module does: the proposal by a
 * counsellor, the pre-screen and sending (only with the person's consent to share the profile with
 * employers in force on that day, a confirmed registration, a published vacancy and every decent-work
 * rule passing on that day), then each move allowed for its actor, with the timed event log, the first
 * answer's time and the disclosure to the employer. Refuses (throws) anything the workflow would refuse,
 * so that the demo data set cannot show a referral the application could not have made.
 */
async function walkReferral(
  tx: Db,
  input: {
    person: PersonRow;
    vacancy: VacancyRow;
    employer: EmployerRow;
    proposedBy: string;
    proposedAt: Date;
    prescreenNote?: string;
    steps: Step[];
  },
): Promise<{ id: string; hiredAt: Date | null }> {
  const { person, vacancy: v, employer } = input;
  const label = `Demo referral ${person.givenName} ${person.familyName} → ${v.title}`;
  if (person.organisationId !== v.organisationId) throw new Error(`${label}: another organisation`);
  if (v.publishedAt === null || v.publishedAt > input.proposedAt) throw new Error(`${label}: vacancy not published`);
  const portalUser = (
    await tx
      .select({ userId: employerUsers.userId })
      .from(employerUsers)
      .where(eq(employerUsers.employerId, employer.id))
  )[0]?.userId;

  const [row] = await tx
    .insert(referrals)
    .values({
      organisationId: v.organisationId,
      vacancyId: v.id,
      employerId: employer.id,
      personId: person.id,
      status: 'proposed',
      source: 'staff',
      proposedBy: input.proposedBy,
      createdAt: input.proposedAt,
      updatedAt: input.proposedAt,
    })
    .returning();
  await tx.insert(referralEvents).values({
    referralId: row!.id,
    organisationId: row!.organisationId,
    fromStatus: null,
    toStatus: 'proposed',
    actorUserId: input.proposedBy,
    actorKind: 'staff',
    at: input.proposedAt,
  });

  let status: ReferralStatus = 'proposed';
  let last = input.proposedAt;
  let answeredAt: Date | null = null;
  let hiredAt: Date | null = null;
  for (const step of input.steps) {
    if (step.at <= last) throw new Error(`${label}: ${step.to} before the move it follows`);
    if (!canTransition(status, step.to, step.who)) throw new Error(`${label}: ${status}→${step.to} not allowed`);
    if (step.to === 'sent') await assertMaySend(tx, label, person, v, employer, step.at);
    if (
      step.to === 'refused-by-employer' &&
      !(EMPLOYER_REFUSAL_REASONS as readonly string[]).includes(step.reason ?? '')
    )
      throw new Error(`${label}: employer refusal without a reason of its list`);
    if (step.to === 'refused-by-person' && !(PERSON_REFUSAL_REASONS as readonly string[]).includes(step.reason ?? ''))
      throw new Error(`${label}: person's refusal without a reason of its list`);
    const actor = step.who === 'employer' && portalUser ? portalUser : input.proposedBy;
    const who = step.who === 'employer' && !portalUser ? 'staff' : step.who;
    if (!canTransition(status, step.to, who)) throw new Error(`${label}: ${status}→${step.to} not allowed to ${who}`);
    const answered = (ANSWERED_STATUSES as readonly string[]).includes(step.to) && !answeredAt;
    if (answered) answeredAt = step.at;
    if (step.to === 'hired') hiredAt = step.at;
    await tx
      .update(referrals)
      .set({
        status: step.to,
        ...(step.to === 'sent'
          ? {
              sentAt: step.at,
              prescreen: Object.fromEntries(PRESCREEN_ITEMS.map((k) => [k, true])),
              prescreenNote: input.prescreenNote ?? null,
              permitDuty: null,
            }
          : {}),
        ...(step.reason ? { reason: step.reason, reasonText: step.reasonText ?? null } : {}),
        ...(step.interviewAt ? { interviewAt: step.interviewAt } : {}),
        ...(answered ? { answeredAt: step.at } : {}),
        updatedAt: step.at,
      })
      .where(eq(referrals.id, row!.id));
    await tx.insert(referralEvents).values({
      referralId: row!.id,
      organisationId: row!.organisationId,
      fromStatus: status,
      toStatus: step.to,
      actorUserId: actor,
      actorKind: who,
      reason: step.reason ?? null,
      at: step.at,
    });
    if (step.to === 'sent') {
      // The profile reaches the employer: the disclosure log the person's "shared with" list reads.
      await tx.insert(disclosureLog).values({
        organisationId: row!.organisationId,
        personId: person.id,
        recipientKind: 'employer',
        recipientId: employer.id,
        recipientName: employer.tradeName ?? employer.legalName,
        purpose: 'referral',
        dataCategories: ['identity', 'contact', 'education', 'work-history', 'skills'],
        referralId: row!.id,
        disclosedBy: input.proposedBy,
        at: step.at,
      });
    }
    status = step.to;
    last = step.at;
  }
  return { id: row!.id, hiredAt };
}

/** What sending checks (referrals' `sendReferral`), on the day of sending. */
async function assertMaySend(
  tx: Db,
  label: string,
  person: PersonRow,
  v: VacancyRow,
  employer: EmployerRow,
  at: Date,
): Promise<void> {
  const [consent] = await tx
    .select({ id: consents.id })
    .from(consents)
    .where(
      and(
        eq(consents.personId, person.id),
        eq(consents.purpose, 'share-with-employers'),
        lte(consents.grantedAt, at),
        or(isNull(consents.withdrawnAt), gt(consents.withdrawnAt, at)),
      ),
    );
  if (!consent) throw new Error(`${label}: no consent to share the profile with employers on that day`);
  if (person.registration !== 'confirmed') throw new Error(`${label}: registration not confirmed`);
  if (v.status !== 'published') throw new Error(`${label}: vacancy not published`);
  // The demo refers citizens only: people under protection need the permit rules and their sealed details.
  const [refugee] = await tx
    .select({ group: personTargetGroups.group })
    .from(personTargetGroups)
    .where(and(eq(personTargetGroups.personId, person.id), eq(personTargetGroups.group, 'refugee')));
  if (person.nationality !== 'TR' || refugee) throw new Error(`${label}: the demo refers citizens only`);
  const violations = checkReferral(
    termsOf(v, employer),
    { birthDate: person.birthDate, inSchool: false, rightToWork: { status: 'citizen' } },
    await rulesOn(tx, at),
  );
  if (violations.length)
    throw new Error(`${label}: decent-work rules refuse it (${violations.map((x) => x.code).join(', ')})`);
}

async function rulesOn(tx: Db, at: Date): Promise<RuleContext> {
  const wages = await tx.select().from(minimumWages);
  const limits: DecentWorkLimits = { ...DEFAULT_LIMITS };
  for (const r of await tx.select().from(decentWorkSettings))
    if (r.key in limits) limits[r.key as keyof DecentWorkLimits] = r.value;
  return {
    minimumWages: wages.map((w) => ({
      effectiveFrom: w.effectiveFrom,
      grossMonthly: Number(w.grossMonthly),
      netMonthly: Number(w.netMonthly),
    })),
    limits,
    today: turkishDate(at),
  };
}

async function staffOf(tx: Db, email: string): Promise<string> {
  const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!u) throw new Error(`No demo user ${email}`);
  return u.id;
}

/** The counsellor of the person's office, else the organisation's manager. */
async function proposerFor(tx: Db, person: PersonRow, domain: string): Promise<string> {
  const [counsellor] = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.organisationId, person.organisationId),
        eq(users.officeId, person.officeId),
        like(users.email, 'counsellor%'),
      ),
    );
  return counsellor?.id ?? staffOf(tx, `manager@${domain}`);
}

/**
 * A hire that came from a referral, for the placement seeds (demo-placements, demo-graduation): the
 * employer's vacancy of that time (published about six weeks before the start, one position), the
 * referral through the workflow — proposed, sent after the pre-screen, interview, hired three weeks
 * before the start — and the vacancy filled by the hire, as referrals' `afterHire` fills it. The
 * placement seed then writes the placement with this vacancy and referral, created at the hire.
 */
export async function demoHireReferral(
  tx: Db,
  input: {
    person: PersonRow;
    employer: EmployerRow;
    jobTitle: string;
    startDate: string;
    /** The start as an instant (the placement seed's clock), for the dates of the workflow before it. */
    startedAt: Date;
    wage: number;
    interviewNote?: string;
  },
): Promise<{ vacancyId: string; referralId: string; hiredAt: Date }> {
  const { person, employer } = input;
  const [org] = await tx.select().from(organisations).where(eq(organisations.id, person.organisationId));
  const domain =
    org!.shortName === 'İBB' ? 'ibb.example' : org!.shortName === 'İzBB' ? 'izmir.example' : 'umut.example';
  const before = (days: number, hour = 10) => new Date(input.startedAt.getTime() - days * DAY_MS + hour * HOUR_MS);
  const officer = await staffOf(tx, `employer-relations@${domain}`);
  const manager = await staffOf(tx, `manager@${domain}`);
  const [v] = await tx
    .insert(vacancies)
    .values({
      organisationId: person.organisationId,
      employerId: employer.id,
      title: input.jobTitle,
      titleKey: searchKey(input.jobTitle),
      occupation: input.jobTitle,
      occupationKey: searchKey(input.jobTitle),
      duties: `${input.jobTitle}: tam zamanlı, gündüz vardiyası; SGK girişi ilk gün.`,
      province: employer.province,
      district: employer.district,
      positions: 1,
      contractType: 'permanent',
      startDate: input.startDate,
      hoursPerDay: 9,
      hoursPerWeek: 45,
      shifts: ['day'],
      minimumAge: 18,
      wageMin: input.wage.toFixed(2),
      wageBasis: 'net',
      deadline: turkishDate(before(24)),
      status: 'published',
      reviewedBy: manager,
      publishedAt: before(42),
      createdBy: officer,
      createdAt: before(45),
      updatedAt: before(42),
    })
    .returning();
  const { id, hiredAt } = await walkReferral(tx, {
    person,
    vacancy: v!,
    employer,
    proposedBy: await proposerFor(tx, person, domain),
    proposedAt: before(36),
    prescreenNote: 'Kimlik ve deneyim görüşmede kontrol edildi; başlama tarihine uygun.',
    steps: [
      { to: 'sent', who: 'staff', at: before(35, 11) },
      { to: 'interview', who: 'employer', at: before(32), interviewAt: before(29, 14) },
      { to: 'hired', who: 'employer', at: before(21) },
    ],
  });
  // One position, one hire: the vacancy is filled (vacancies' markFilledIfFull).
  await tx.update(vacancies).set({ status: 'filled', updatedAt: hiredAt! }).where(eq(vacancies.id, v!.id));
  return { vacancyId: v!.id, referralId: id, hiredAt: hiredAt! };
}

interface OpenReferral {
  person: [string, string];
  employer: string;
  vacancy: string;
  proposedDaysAgo: number;
  note?: string;
  /** Days ago (negative: ahead) of each move after the proposal. */
  steps: (Omit<Step, 'at' | 'interviewAt'> & { daysAgo: number; interviewInDays?: number })[];
}

/**
 * Referrals of the last days on the published demo vacancies, in each organisation and at every stage
 * of the workflow: waiting for the pre-screen, sent and waiting for the employer, seen, invited to an
 * interview (ahead), refused by the employer and declined by the person, each with its reason. Only
 * citizens with their consent to share the profile with employers; the hires of the demo are older and
 * come with their placements (demoHireReferral).
 */
const OPEN_REFERRALS: Record<'ibb' | 'izmir' | 'umut', OpenReferral[]> = {
  ibb: [
    {
      person: ['Hasan', 'Kılıç'],
      employer: 'Yapı Usta İnşaat Taahhüt A.Ş.',
      vacancy: 'Kalıpçı ustası',
      proposedDaysAgo: 6,
      note: 'On iki yıl kalıpçılık deneyimi; iş güvenliği eğitimi belgesi görüldü.',
      steps: [
        { to: 'sent', who: 'staff', daysAgo: 5.9 },
        { to: 'interview', who: 'employer', daysAgo: 3, interviewInDays: 2 },
      ],
    },
    {
      person: ['Cemile', 'Arslantürk'],
      employer: 'Bağcılar Örme Tekstil Sanayi ve Ticaret Ltd. Şti.',
      vacancy: 'Düz dikiş makinecisi',
      proposedDaysAgo: 5,
      note: 'Kayıt dışı atölyede düz dikiş deneyimi; çocuk bakımı desteği önemli.',
      steps: [
        { to: 'sent', who: 'staff', daysAgo: 4.9 },
        { to: 'seen', who: 'employer', daysAgo: 4 },
        { to: 'interview', who: 'employer', daysAgo: 2, interviewInDays: 1 },
      ],
    },
    {
      person: ['Zehra', 'Polat'],
      employer: 'Esenyurt Taze Market Gıda Ltd. Şti.',
      vacancy: 'Kasiyer',
      proposedDaysAgo: 4,
      steps: [
        { to: 'sent', who: 'staff', daysAgo: 3.9 },
        { to: 'refused-by-employer', who: 'employer', daysAgo: 2, reason: 'experience' },
      ],
    },
    {
      person: ['Elif Nur', 'Karaca'],
      employer: 'Bağcılar Örme Tekstil Sanayi ve Ticaret Ltd. Şti.',
      vacancy: 'Ütü ve paketleme elemanı',
      proposedDaysAgo: 1.5,
      steps: [
        { to: 'sent', who: 'staff', daysAgo: 1.4 },
        { to: 'refused-by-person', who: 'staff', daysAgo: 0.5, reason: 'hours' },
      ],
    },
    {
      person: ['Yusuf', 'Erdem'],
      employer: 'Esenyurt Taze Market Gıda Ltd. Şti.',
      vacancy: 'Reyon görevlisi',
      proposedDaysAgo: 2,
      note: 'Komi olarak dokuz ay kayıtlı çalıştı; hemen başlayabilir.',
      steps: [{ to: 'sent', who: 'staff', daysAgo: 1.9 }],
    },
    {
      person: ['Büşra', 'Tekin'],
      employer: 'Anadolu Sofrası Restoran İşletmeleri A.Ş.',
      vacancy: 'Garson (yarı zamanlı, akşam)',
      proposedDaysAgo: 1,
      steps: [],
    },
  ],
  izmir: [
    {
      person: ['Okan', 'Baysal'],
      employer: 'Karşıyaka Semt Marketleri Gıda Ltd. Şti.',
      vacancy: 'Depo ve sevkiyat elemanı',
      proposedDaysAgo: 5,
      steps: [
        { to: 'sent', who: 'staff', daysAgo: 4.9 },
        { to: 'interview', who: 'employer', daysAgo: 3, interviewInDays: 3 },
      ],
    },
    {
      person: ['Berkay', 'Şen'],
      employer: 'Ege Bereket Tarımsal Kalkınma Kooperatifi',
      vacancy: 'Paketleme ve tasnif elemanı',
      proposedDaysAgo: 3.5,
      steps: [
        { to: 'sent', who: 'staff', daysAgo: 3.4 },
        { to: 'seen', who: 'employer', daysAgo: 3 },
        { to: 'refused-by-employer', who: 'employer', daysAgo: 2, reason: 'position-filled' },
      ],
    },
    {
      person: ['Barış', 'Demirtaş'],
      employer: 'Körfez Lokantacılık Turizm Ltd. Şti.',
      vacancy: 'Aşçı yardımcısı',
      proposedDaysAgo: 2.8,
      steps: [
        { to: 'sent', who: 'staff', daysAgo: 2.7 },
        { to: 'refused-by-person', who: 'staff', daysAgo: 1, reason: 'distance' },
      ],
    },
    {
      person: ['Ceren', 'Akın'],
      employer: 'Karşıyaka Semt Marketleri Gıda Ltd. Şti.',
      vacancy: 'Kasiyer (yarı zamanlı)',
      proposedDaysAgo: 1.8,
      steps: [{ to: 'sent', who: 'staff', daysAgo: 1.5 }],
    },
    {
      person: ['Selim', 'Karahan'],
      employer: 'Körfez Lokantacılık Turizm Ltd. Şti.',
      vacancy: 'Bulaşık ve mutfak temizlik elemanı',
      proposedDaysAgo: 0.5,
      steps: [],
    },
  ],
  umut: [
    {
      person: ['Songül', 'Aktaş'],
      employer: 'Işıltı Temizlik ve Tesis Yönetimi Ltd. Şti.',
      vacancy: 'Ofis temizlik görevlisi',
      proposedDaysAgo: 2.5,
      steps: [
        { to: 'sent', who: 'staff', daysAgo: 2.4 },
        { to: 'interview', who: 'employer', daysAgo: 1, interviewInDays: 2 },
      ],
    },
  ],
};

const DOMAINS = { ibb: 'ibb.example', izmir: 'izmir.example', umut: 'umut.example' } as const;
const SHORT_NAMES = { ibb: 'İBB', izmir: 'İzBB', umut: 'Umut Köprüsü' } as const;

/** Loads the open and closed referrals of the last days (OPEN_REFERRALS); runs after persons and employers. */
export async function seedDemoReferrals(tx: Db, now: Date = new Date()): Promise<void> {
  // Whole hours in Türkiye (UTC+3), so that the dates read as a counsellor's working day.
  const at = (daysAgo: number) => {
    const t = new Date(now.getTime() - daysAgo * DAY_MS);
    t.setUTCMinutes(0, 0, 0);
    return t;
  };
  for (const key of ['ibb', 'izmir', 'umut'] as const) {
    const [org] = await tx.select().from(organisations).where(eq(organisations.shortName, SHORT_NAMES[key]));
    if (!org) continue;
    for (const r of OPEN_REFERRALS[key]) {
      const [person] = await tx
        .select()
        .from(persons)
        .where(
          and(
            eq(persons.organisationId, org.id),
            eq(persons.givenName, r.person[0]),
            eq(persons.familyName, r.person[1]),
          ),
        );
      const [employer] = await tx
        .select()
        .from(employers)
        .where(and(eq(employers.organisationId, org.id), eq(employers.legalName, r.employer)));
      const [vacancy] = employer
        ? await tx
            .select()
            .from(vacancies)
            .where(
              and(
                eq(vacancies.employerId, employer.id),
                eq(vacancies.title, r.vacancy),
                eq(vacancies.status, 'published'),
              ),
            )
        : [];
      if (!person || !employer || !vacancy) throw new Error(`Demo referral ${r.person.join(' ')}: unknown record`);
      // After the vacancy's publication (a proposal the same hour would read oddly).
      const proposedAt = at(r.proposedDaysAgo);
      if (vacancy.publishedAt && proposedAt <= vacancy.publishedAt)
        throw new Error(`Demo referral ${r.person.join(' ')}: proposed before ${r.vacancy} was published`);
      await walkReferral(tx, {
        person,
        vacancy,
        employer,
        proposedBy: await proposerFor(tx, person, DOMAINS[key]),
        proposedAt,
        ...(r.note ? { prescreenNote: r.note } : {}),
        steps: r.steps.map((s) => ({
          to: s.to,
          who: s.who,
          at: at(s.daysAgo),
          ...(s.reason ? { reason: s.reason } : {}),
          ...(s.interviewInDays !== undefined
            ? { interviewAt: new Date(at(-s.interviewInDays).setUTCHours(7, 30, 0, 0)) }
            : {}),
        })),
      });
    }
  }
}
