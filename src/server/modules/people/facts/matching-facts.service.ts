import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { consents, persons, workHistory } from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { scopeOf } from '../../../lib/access.ts';
import type { RightToWork } from '../../../../common/decent-work.ts';
import { turkishDate } from '../../../../common/working-days.ts';
import { poolFeatures } from './matching-features.service.ts';
import type { MatchPerson } from '../../../../common/matching.ts';

/**
 * The facts matching needs of persons (src/common/matching.ts), read in bulk for the persons the caller
 * may see. Restricted facts (protection status and registration, disability, work permits) come from the
 * restricted features table, decoded through its code books without decrypting any row
 * (matching-features.service.ts): the matching query writes one audit event for the whole read, and
 * explanations never name them to viewers without special-category:read.
 */

export interface MatchPersonRow extends Omit<MatchPerson, 'openReferrals'> {
  givenName: string;
  familyName: string;
  district: string;
}

export interface PoolFilter {
  /** Persons listed under any of these ISCO groups (any level)… */
  iscoGroups?: readonly string[];
  /** …or holding any of these skills. Without either: everyone in scope. */
  skillIds?: readonly string[];
  /** Exactly these persons (still within scope). */
  personIds?: readonly string[];
  limit: number;
}

const hasConsent = sql`EXISTS (SELECT 1 FROM ${consents} WHERE ${consents.personId} = ${persons.id}
  AND ${consents.purpose} = 'share-with-employers' AND ${consents.withdrawnAt} IS NULL)`;

/** Persons in the caller's scope (organisation; office unless offices:all), not merged, confirmed. */
export async function matchingPool(ctx: Ctx, filter: PoolFilter): Promise<MatchPersonRow[]> {
  const scope = scopeOf(actorOf(ctx));
  const conditions: SQL[] = [
    eq(persons.organisationId, scope.organisationId),
    isNull(persons.mergedIntoId),
    eq(persons.registration, 'confirmed'),
  ];
  if (scope.officeId) conditions.push(eq(persons.officeId, scope.officeId));
  if (filter.personIds) conditions.push(inArray(persons.id, [...filter.personIds]));
  else {
    // Without consent to share the profile nobody can be referred: such persons are not candidates.
    conditions.push(hasConsent);
    const any: SQL[] = [];
    if (filter.iscoGroups?.length)
      any.push(
        sql`${persons.iscoGroups} && ARRAY[${sql.join(
          filter.iscoGroups.map((g) => sql`${g}`),
          sql`, `,
        )}]::text[]`,
      );
    if (filter.skillIds?.length)
      any.push(
        sql`${persons.skillIds} && ARRAY[${sql.join(
          filter.skillIds.map((g) => sql`${g}`),
          sql`, `,
        )}]::text[]`,
      );
    if (any.length) conditions.push(sql`(${sql.join(any, sql` OR `)})`);
  }
  const rows = await ctx.db
    .select({ p: persons, consent: sql<boolean>`${hasConsent}` })
    .from(persons)
    .where(and(...conditions))
    .limit(filter.limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.p.id);
  const [work, { features }] = await Promise.all([
    ctx.db.select().from(workHistory).where(inArray(workHistory.personId, ids)),
    // The restricted facts from the features table, decoded without opening any row (matching-features.service.ts).
    poolFeatures(ctx.db, ctx.config, scope.organisationId, ids, turkishDate(ctx.clock.now())),
  ]);
  return rows.map(({ p, consent }) => {
    const f = features.get(p.id);
    const rightToWork: RightToWork =
      f?.rightToWork ?? (p.nationality === 'TR' ? { status: 'citizen' } : { status: 'foreigner' });
    return {
      id: p.id,
      givenName: p.givenName,
      familyName: p.familyName,
      district: p.district,
      desiredCodes: (p.occupationLinks ?? []).map((l) => l.iscoCode).filter((c): c is string => !!c),
      work: work
        .filter((w) => w.personId === p.id)
        .map((w) => ({ iscoCode: w.iscoCode, startDate: w.startDate, endDate: w.endDate, registered: w.registered })),
      skillIds: p.skillIds,
      licences: p.licences,
      certificates: p.certificates,
      iscedLevel: p.iscedLevel,
      languages: p.languages,
      home: { province: p.province, district: p.district },
      constraints: p.constraints
        ? {
            hoursPerWeek: p.constraints.hoursPerWeek,
            shifts: p.constraints.shifts,
            districts: p.constraints.districts,
            maxCommuteMinutes: p.constraints.maxCommuteMinutes ?? null,
            childcareNeed: p.constraints.childcareNeed,
            earliestStart: p.constraints.earliestStart ?? null,
          }
        : null,
      accessibilityNeed: f?.accessibilityNeed ?? false,
      consent,
      decentWork: { birthDate: p.birthDate, inSchool: false, rightToWork },
      permits: f?.permits ?? [],
    };
  });
}
