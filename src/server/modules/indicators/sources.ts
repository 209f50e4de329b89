/**
 * Where each counted fact comes from: the owning module's read-only statistics function (people,
 * referrals, placements, courses), turned into `Fact`s with the person's statistical profile (sex, age
 * band on the event's date, target groups, residence, office, occupation major group).
 *
 * Extension point (projects, further sources): add the source's code to
 * `FACT_SOURCES` in src/common/indicators.ts, its catalogue entry in `INDICATORS`, and a loader here
 * that calls the owning module's index (for example a `graduationStatistics(db, orgId, from, to)`
 * returning `{ personId, on, officeId?, iscoCode? }` rows) through `eventFacts`. Nothing else changes:
 * the family, the suppression, the exports and the dashboard read the catalogue.
 */
import type { Db } from '../../db/client.ts';
import { ageBandOf, ageOn, monthEnd, type Fact, type FactSource } from '../../../common/indicators.ts';
import { completionStatistics, enrolmentStatistics } from '../courses/index.ts';
import { caseStatistics, personProfiles, registrationStatistics, type PersonProfile } from '../people/index.ts';
import { firstJobStatistics, followUpStatistics, jobStartsOf, placementStatistics } from '../placements/index.ts';
import { referralResponseStatistics, referralStatistics } from '../referrals/index.ts';
import { graduationCountsBy } from '../graduation/index.ts';
import { childcareMotherStatistics } from '../childcare/index.ts';
import { addMonths } from '../../../common/decent-work.ts';

export interface Range {
  months: string[];
  /** First and last day of the range (ISO dates). */
  from: string;
  to: string;
}

interface Event {
  personId: string;
  on: string;
  officeId?: string | null;
  iscoCode?: string | null;
  days?: number;
  /** An amount added up by a `sum` indicator (aid saved, TRY). */
  amount?: number;
}

/** Events of persons → facts grouped by their finest breakdown values. */
async function eventFacts(
  db: Db,
  organisationId: string,
  events: readonly Event[],
  profiles?: Map<string, PersonProfile>,
) {
  const known =
    profiles ??
    (await personProfiles(
      db,
      organisationId,
      events.map((e) => e.personId),
    ));
  const grouped = new Map<string, Fact & { days: number[] }>();
  for (const e of events) {
    const p = known.get(e.personId);
    if (!p) continue; // a merged or erased record
    const fact = {
      month: e.on.slice(0, 7),
      sex: p.sex,
      ageBand: ageBandOf(ageOn(p.birthDate, e.on)),
      targetGroups: p.targetGroups,
      province: p.province,
      district: p.district,
      office: e.officeId ?? p.officeId,
      occupation: e.iscoCode?.[0] ?? p.iscoMajor ?? 'unknown',
    };
    const key = JSON.stringify(fact);
    let g = grouped.get(key);
    if (!g) grouped.set(key, (g = { ...fact, n: 0, days: [] }));
    g.n++;
    if (e.days !== undefined) g.days.push(e.days);
    if (e.amount !== undefined) g.amount = Math.round(((g.amount ?? 0) + e.amount) * 100) / 100;
  }
  return [...grouped.values()];
}

const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

type Loader = (db: Db, organisationId: string, range: Range) => Promise<Fact[]>;

const followUps =
  (milestone: '3m' | '6m' | '12m', retainedOnly: boolean): Loader =>
  async (db, org, r) =>
    eventFacts(
      db,
      org,
      (await followUpStatistics(db, org, r.from, r.to)).filter(
        (f) => f.milestone === milestone && (!retainedOnly || f.working),
      ),
    );

/** Returns to aid counted by `returns-to-aid-12m`: at most this many months after the confirmation. */
export const RETURN_WITHIN_MONTHS = 12;

type Graduation = Awaited<ReturnType<typeof graduationCountsBy>>['rows'][number];

/**
 * Graduations from social aid (graduation `graduationCountsBy`, the rows behind its report), each counted
 * on its own event's date exactly as the graduation report counts it; the person is the working member.
 */
const graduationEvents =
  (pick: (g: Graduation, inRange: (d: string | null) => d is string) => Event | null): Loader =>
  async (db, org, r) => {
    const { rows } = await graduationCountsBy(db, { organisationId: org }, { from: r.from, to: r.to }, null);
    const inRange = (d: string | null): d is string => d !== null && d >= r.from && d <= r.to;
    return eventFacts(
      db,
      org,
      rows.map((g) => pick(g, inRange)).filter((e): e is Event => e !== null),
    );
  };

/**
 * Mothers holding a childcare place at the end of each month (childcare `childcareMotherStatistics` over
 * that one day), of whom in a job that day, and in verified registered work that day.
 */
const childcareMothers =
  (which: 'all' | 'placed' | 'verified'): Loader =>
  async (db, org, r) => {
    const events: Event[] = [];
    for (const month of r.months) {
      const end = monthEnd(month);
      for (const m of await childcareMotherStatistics(db, org, { from: end, to: end })) {
        if (which === 'all' || m[which]) events.push({ personId: m.personId, on: end });
      }
    }
    return eventFacts(db, org, events);
  };

/** How long after completing a course a job start still counts as "placed after the course". */
export const AFTER_COURSE_MONTHS = 6;

export const FACT_LOADERS: Record<FactSource, Loader> = {
  registrations: async (db, org, r) => eventFacts(db, org, await registrationStatistics(db, org, r.from, r.to)),
  'open-cases': async (db, org, r) => {
    const cases = await caseStatistics(db, org, r.from, r.to);
    const events: Event[] = [];
    for (const month of r.months) {
      const end = monthEnd(month);
      for (const c of cases) {
        if (c.openedOn <= end && (c.closedOn === null || c.closedOn > end)) {
          events.push({ personId: c.personId, on: end, officeId: c.officeId });
        }
      }
    }
    return eventFacts(db, org, events);
  },
  'referrals-sent': async (db, org, r) => eventFacts(db, org, await referralStatistics(db, org, r.from, r.to)),
  'placements-started': async (db, org, r) => eventFacts(db, org, await placementStatistics(db, org, r.from, r.to)),
  'placements-verified': async (db, org, r) =>
    eventFacts(
      db,
      org,
      (await placementStatistics(db, org, r.from, r.to)).filter((p) => p.verified),
    ),
  'follow-ups-3m': followUps('3m', false),
  'retained-3m': followUps('3m', true),
  'follow-ups-6m': followUps('6m', false),
  'retained-6m': followUps('6m', true),
  'follow-ups-12m': followUps('12m', false),
  'retained-12m': followUps('12m', true),
  'course-enrolments': async (db, org, r) => eventFacts(db, org, await enrolmentStatistics(db, org, r.from, r.to)),
  'course-completions': async (db, org, r) => eventFacts(db, org, await completionStatistics(db, org, r.from, r.to)),
  'placed-after-course': async (db, org, r) => {
    const completions = await completionStatistics(db, org, r.from, r.to);
    const starts = await jobStartsOf(
      db,
      org,
      completions.map((c) => c.personId),
    );
    // Counted on the completion (its month, the course's occupation), once per completion.
    const placed = completions.filter((c) => {
      const until = addMonths(c.on, AFTER_COURSE_MONTHS);
      return starts.some((s) => s.personId === c.personId && s.on > c.on && s.on <= until);
    });
    return eventFacts(db, org, placed);
  },
  'graduations-recommended': graduationEvents((g, inRange) =>
    inRange(g.recommendedOn) ? { personId: g.personId, on: g.recommendedOn, officeId: g.officeId } : null,
  ),
  'graduations-approved': graduationEvents((g, inRange) =>
    g.payer && inRange(g.decidedOn) ? { personId: g.personId, on: g.decidedOn, officeId: g.officeId } : null,
  ),
  'graduations-confirmed': graduationEvents((g, inRange) =>
    inRange(g.confirmedOn) ? { personId: g.personId, on: g.confirmedOn, officeId: g.officeId } : null,
  ),
  'graduations-returned-12m': graduationEvents((g, inRange) =>
    g.status === 'returned' &&
    inRange(g.returnedOn) &&
    g.confirmedOn !== null &&
    g.returnedOn <= addMonths(g.confirmedOn, RETURN_WITHIN_MONTHS)
      ? { personId: g.personId, on: g.returnedOn, officeId: g.officeId }
      : null,
  ),
  // The households behind aid saved: confirmed in the period and not returned (the report's rule).
  'graduations-saving': graduationEvents((g, inRange) =>
    g.status === 'confirmed' && inRange(g.confirmedOn)
      ? { personId: g.personId, on: g.confirmedOn, officeId: g.officeId, amount: Number(g.monthlyAidSaved ?? 0) }
      : null,
  ),
  'childcare-mothers': childcareMothers('all'),
  'childcare-mothers-working': childcareMothers('placed'),
  'childcare-mothers-verified': childcareMothers('verified'),
  'referrals-answered': async (db, org, r) =>
    eventFacts(
      db,
      org,
      (await referralResponseStatistics(db, org, r.from, r.to)).map((a) => ({ ...a, days: a.workingDays })),
    ),
  'first-jobs': async (db, org, r) => {
    const starts = await firstJobStatistics(db, org, r.from, r.to);
    const first = new Map<string, (typeof starts)[number]>();
    for (const s of starts) {
      const seen = first.get(s.personId);
      if (!seen || s.on < seen.on) first.set(s.personId, s);
    }
    const profiles = await personProfiles(db, org, [...first.keys()]);
    return eventFacts(
      db,
      org,
      [...first.values()].map((s) => ({
        ...s,
        days: Math.max(0, daysBetween(profiles.get(s.personId)?.registeredOn ?? s.on, s.on)),
      })),
      profiles,
    );
  },
};
