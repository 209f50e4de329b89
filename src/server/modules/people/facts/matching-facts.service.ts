import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { consents, persons, personTargetGroups, workHistory, workPermits } from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { scopeOf } from '../../../lib/access.ts';
import { decrypt } from '../../../lib/crypto.ts';
import type { PermitFacts, RightToWork } from '../../../../common/decent-work.ts';
import type { MatchPerson } from '../../../../common/matching.ts';

/**
 * The facts matching needs of persons (src/common/matching.ts), read in bulk for the persons the caller
 * may see. Restricted facts (protection status and registration, disability) are read here for the
 * matcher only: the matching query writes one audit event for the whole read, and explanations never
 * name them to viewers without special-category:read.
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
  const [work, groups, permits] = await Promise.all([
    ctx.db.select().from(workHistory).where(inArray(workHistory.personId, ids)),
    ctx.db
      .select()
      .from(personTargetGroups)
      .where(
        and(inArray(personTargetGroups.personId, ids), inArray(personTargetGroups.group, ['refugee', 'disability'])),
      ),
    ctx.db.select().from(workPermits).where(inArray(workPermits.personId, ids)),
  ]);
  return rows.map(({ p, consent }) => {
    const refugee = groups.find((g) => g.personId === p.id && g.group === 'refugee');
    let rightToWork: RightToWork = p.nationality === 'TR' ? { status: 'citizen' } : { status: 'foreigner' };
    if (refugee) {
      const d = refugee.detailsEnc
        ? (JSON.parse(decrypt(refugee.detailsEnc, ctx.config)) as {
            status?: string;
            registrationProvince?: string | null;
            registrationDate?: string | null;
          })
        : {};
      if (d.status === 'temporary-protection')
        rightToWork = {
          status: 'temporary-protection',
          registrationProvince: d.registrationProvince ?? null,
          registrationDate: d.registrationDate ?? null,
        };
      else if (d.status === 'international-protection')
        rightToWork = { status: 'international-protection', registrationDate: d.registrationDate ?? null };
      else rightToWork = { status: 'foreigner' };
    }
    const permitFacts: PermitFacts[] = permits
      .filter((w) => w.personId === p.id)
      .map((w) => ({
        kind: w.kind,
        status: w.status,
        employerId: w.employerId,
        validFrom: w.validFrom,
        validUntil: w.validUntil,
      }));
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
      accessibilityNeed: groups.some((g) => g.personId === p.id && g.group === 'disability'),
      consent,
      decentWork: { birthDate: p.birthDate, inSchool: false, rightToWork },
      permits: permitFacts,
    };
  });
}
