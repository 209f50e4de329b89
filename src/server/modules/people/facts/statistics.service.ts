/**
 * Read-only facts of the people module for the indicators (issue 16): registrations and open cases in a
 * date range, and the statistical profile of persons (sex, birth date, residence, office, first desired
 * occupation's ISCO major group, target-group codes). No names, no ID numbers, no contact details:
 * the indicators module turns these into counts and never returns a row about a person.
 */
import { and, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { cases, personTargetGroups, persons } from '../../../db/schema/index.ts';

const dayOf = (column: unknown) => sql<string>`to_char(${column} AT TIME ZONE 'Europe/Istanbul', 'YYYY-MM-DD')`;

export interface PersonProfile {
  sex: string;
  birthDate: string;
  province: string;
  district: string;
  officeId: string;
  /** The ISCO-08 major group of the first linked desired occupation, or null. */
  iscoMajor: string | null;
  targetGroups: string[];
  registeredOn: string;
}

/** Persons whose confirmed registration was opened between `from` and `to` (Turkish dates, included). */
export async function registrationStatistics(db: Db, organisationId: string, from: string, to: string) {
  return db
    .select({ personId: persons.id, on: dayOf(persons.createdAt) })
    .from(persons)
    .where(
      and(
        eq(persons.organisationId, organisationId),
        isNull(persons.mergedIntoId),
        eq(persons.registration, 'confirmed'),
        sql`(${persons.createdAt} AT TIME ZONE 'Europe/Istanbul')::date BETWEEN ${from}::date AND ${to}::date`,
      ),
    );
}

/** Cases open at some time between `from` and `to`: their person, office, opening and closing days. */
export async function caseStatistics(db: Db, organisationId: string, from: string, to: string) {
  return db
    .select({
      personId: cases.personId,
      officeId: cases.officeId,
      openedOn: dayOf(cases.openedAt),
      closedOn: sql<string | null>`CASE WHEN ${cases.closedAt} IS NULL THEN NULL ELSE ${dayOf(cases.closedAt)} END`,
    })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .where(
      and(
        eq(cases.organisationId, organisationId),
        isNull(persons.mergedIntoId),
        sql`(${cases.openedAt} AT TIME ZONE 'Europe/Istanbul')::date <= ${to}::date`,
        or(
          isNull(cases.closedAt),
          gte(sql`(${cases.closedAt} AT TIME ZONE 'Europe/Istanbul')::date`, sql`${from}::date`),
        ),
      ),
    );
}

/** The statistical profile of persons, by id (merged records are followed to nothing: they are skipped). */
export async function personProfiles(
  db: Db,
  organisationId: string,
  personIds: readonly string[],
): Promise<Map<string, PersonProfile>> {
  const out = new Map<string, PersonProfile>();
  const ids = [...new Set(personIds)];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const [rows, groups] = await Promise.all([
      db
        .select({
          id: persons.id,
          sex: persons.sex,
          birthDate: persons.birthDate,
          province: persons.province,
          district: persons.district,
          officeId: persons.officeId,
          iscoGroups: persons.iscoGroups,
          registeredOn: dayOf(persons.createdAt),
        })
        .from(persons)
        .where(and(eq(persons.organisationId, organisationId), inArray(persons.id, chunk))),
      db
        .select({ personId: personTargetGroups.personId, group: personTargetGroups.group })
        .from(personTargetGroups)
        .where(and(eq(personTargetGroups.organisationId, organisationId), inArray(personTargetGroups.personId, chunk))),
    ]);
    const groupsOf = new Map<string, string[]>();
    for (const g of groups) groupsOf.set(g.personId, [...(groupsOf.get(g.personId) ?? []), g.group]);
    for (const r of rows) {
      out.set(r.id, {
        sex: r.sex,
        birthDate: r.birthDate,
        province: r.province,
        district: r.district,
        officeId: r.officeId,
        iscoMajor: r.iscoGroups.find((c) => c.length === 1) ?? null,
        targetGroups: (groupsOf.get(r.id) ?? []).sort(),
        registeredOn: r.registeredOn,
      });
    }
  }
  return out;
}

export interface SupplyFact {
  personId: string;
  /** The ISCO-08 unit group of the first linked desired occupation, or null. */
  iscoCode: string | null;
  province: string;
  district: string;
  skillIds: string[];
}

/**
 * Job seekers on a day: confirmed registrations (not merged) with a case open on `on` (a Turkish date),
 * with their first linked desired occupation, residence and skills. One occupation per person, so that
 * the counts of an occupation add up to those of its parent group.
 */
export async function supplyStatistics(db: Db, organisationId: string, on: string): Promise<SupplyFact[]> {
  const rows = await db
    .selectDistinctOn([persons.id], {
      personId: persons.id,
      links: persons.occupationLinks,
      province: persons.province,
      district: persons.district,
      skillIds: persons.skillIds,
    })
    .from(persons)
    .innerJoin(cases, and(eq(cases.personId, persons.id), eq(cases.organisationId, persons.organisationId)))
    .where(
      and(
        eq(persons.organisationId, organisationId),
        isNull(persons.mergedIntoId),
        eq(persons.registration, 'confirmed'),
        sql`(${cases.openedAt} AT TIME ZONE 'Europe/Istanbul')::date <= ${on}::date`,
        or(isNull(cases.closedAt), sql`(${cases.closedAt} AT TIME ZONE 'Europe/Istanbul')::date > ${on}::date`),
      ),
    );
  return rows.map((r) => ({
    personId: r.personId,
    iscoCode: r.links?.find((l) => l.iscoCode !== null)?.iscoCode ?? null,
    province: r.province,
    district: r.district,
    skillIds: r.skillIds,
  }));
}

/**
 * A counsellor's caseload in a date range (the indicators' counsellor dashboard): the persons whose case
 * assigned to this counsellor was open at some time between `from` and `to`, with the case's opening and
 * closing days. Ids and dates only; merged records left out.
 */
export async function caseloadStatistics(
  db: Db,
  organisationId: string,
  counsellorId: string,
  from: string,
  to: string,
) {
  return db
    .select({
      personId: cases.personId,
      openedOn: dayOf(cases.openedAt),
      closedOn: sql<string | null>`CASE WHEN ${cases.closedAt} IS NULL THEN NULL ELSE ${dayOf(cases.closedAt)} END`,
    })
    .from(cases)
    .innerJoin(persons, eq(persons.id, cases.personId))
    .where(
      and(
        eq(cases.organisationId, organisationId),
        eq(cases.counsellorId, counsellorId),
        isNull(persons.mergedIntoId),
        sql`(${cases.openedAt} AT TIME ZONE 'Europe/Istanbul')::date <= ${to}::date`,
        or(
          isNull(cases.closedAt),
          gte(sql`(${cases.closedAt} AT TIME ZONE 'Europe/Istanbul')::date`, sql`${from}::date`),
        ),
      ),
    );
}
