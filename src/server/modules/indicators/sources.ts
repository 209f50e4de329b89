/**
 * Where each counted fact comes from: the owning module's read-only statistics function (people,
 * referrals, placements, courses), turned into `Fact`s with the person's statistical profile (sex, age
 * band on the event's date, target groups, residence, office, occupation major group).
 *
 * Extension point (graduations from social aid and aid saved, childcare): add the source's code to
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
import { referralStatistics } from '../referrals/index.ts';
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
