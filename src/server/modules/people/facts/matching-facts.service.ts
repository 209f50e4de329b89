import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { consents, persons, workHistory } from '../../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../../lib/context.ts';
import { scopeOf } from '../../../lib/access.ts';
import type { RightToWork } from '../../../../common/decent-work.ts';
import { turkishDate } from '../../../../common/working-days.ts';
import { poolFeatures } from './matching-features.service.ts';
import { isAnonymised } from '../persons/persons.queries.ts';
import { FACTOR_WEIGHTS, OCCUPATION_CLOSENESS, type MatchPerson } from '../../../../common/matching.ts';

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
  /**
   * When more persons qualify than `limit`, keep those a cheap estimate of the score puts first (see
   * `preScore`), so that the exact scoring sees the likely top rather than an arbitrary `limit` of them.
   */
  rankFor?: PreScoreTarget;
  limit: number;
}

/** What the pre-order compares a person with: the vacancy's occupation and skills. */
export interface PreScoreTarget {
  unitGroup: string | null;
  relatedGroups: readonly string[];
  requiredSkillIds: readonly string[];
  preferredSkillIds: readonly string[];
}

const textArray = (values: readonly string[]) =>
  sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;

/**
 * The occupation and skills factors of `scoreMatch` (src/common/matching.ts) computed in SQL over the
 * person's listed ISCO groups and skills: the three factors that tell persons of a large pool apart most.
 * An estimate for ordering only (the related-occupation test is by group, not by each code's skills); the
 * persons kept are then scored exactly.
 */
function preScore(t: PreScoreTarget): SQL {
  const shareOf = (wanted: readonly string[], weight: number) =>
    wanted.length === 0
      ? sql`${weight}::numeric`
      : sql`${weight}::numeric * cardinality(ARRAY(SELECT unnest(${persons.skillIds}) INTERSECT SELECT unnest(${textArray(wanted)}))) / ${wanted.length}::numeric`;
  const w = FACTOR_WEIGHTS.occupation;
  const occupation = t.unitGroup
    ? sql`CASE WHEN ${persons.iscoGroups} @> ${textArray([t.unitGroup])} THEN ${w * OCCUPATION_CLOSENESS.same}::numeric
        WHEN ${persons.iscoGroups} @> ${textArray([t.unitGroup.slice(0, 3)])} THEN ${w * OCCUPATION_CLOSENESS.minor}::numeric
        ${t.relatedGroups.length ? sql`WHEN ${persons.iscoGroups} && ${textArray(t.relatedGroups)} THEN ${w * OCCUPATION_CLOSENESS.related}::numeric` : sql``}
        ELSE 0::numeric END`
    : sql`0::numeric`;
  return sql`(${occupation}) + (${shareOf(t.requiredSkillIds, FACTOR_WEIGHTS.requiredSkills)}) + (${shareOf(t.preferredSkillIds, FACTOR_WEIGHTS.preferredSkills)})`;
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
    sql`not ${isAnonymised}`,
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
  const today = turkishDate(ctx.clock.now());
  const details = (ids: string[], derive: boolean) =>
    Promise.all([
      ctx.db.select().from(workHistory).where(inArray(workHistory.personId, ids)),
      // The restricted facts from the features table, decoded without opening any row (matching-features.service.ts).
      poolFeatures(ctx.db, ctx.config, scope.organisationId, ids, today, derive),
    ]);
  // Known ids (the matching index's exact stage): their work history and features rows are read beside the rows,
  // one wait instead of two; what belongs to a person the rows leave out (another scope, merged) is not used, and
  // only a person the rows keep is derived from their records when the features table has no row for them.
  const early = filter.personIds?.length ? details([...new Set(filter.personIds)], false) : null;
  // Not awaited until the rows are in: a failure is then reported once, by the await below.
  early?.catch(() => undefined);
  const rows = await ctx.db
    .select({ p: persons, consent: sql<boolean>`${hasConsent}` })
    .from(persons)
    .where(and(...conditions))
    .orderBy(...(filter.rankFor ? [sql`${preScore(filter.rankFor)} DESC`] : []), persons.id)
    .limit(filter.limit);
  if (rows.length === 0) {
    await early;
    return [];
  }
  const [work, { features }] = await (early ??
    details(
      rows.map((r) => r.p.id),
      true,
    ));
  const underived = early ? rows.map((r) => r.p.id).filter((id) => !features.has(id)) : [];
  if (underived.length)
    for (const [id, f] of (await poolFeatures(ctx.db, ctx.config, scope.organisationId, underived, today)).features)
      features.set(id, f);
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

/**
 * The ids of the persons in the caller's scope with consent who are listed under any of `iscoGroups` or hold any
 * of `skillIds` (everyone in scope with consent when neither is given): the exhaustive scorer's pool
 * (matching's `exhaustiveCandidates`), which is every person the `unrelated` rule lets through.
 */
export async function matchingPoolIds(
  ctx: Ctx,
  filter: { iscoGroups?: readonly string[]; skillIds?: readonly string[] },
): Promise<string[]> {
  const scope = scopeOf(actorOf(ctx));
  const conditions: SQL[] = [
    eq(persons.organisationId, scope.organisationId),
    isNull(persons.mergedIntoId),
    eq(persons.registration, 'confirmed'),
    hasConsent,
  ];
  if (scope.officeId) conditions.push(eq(persons.officeId, scope.officeId));
  const any: SQL[] = [];
  if (filter.iscoGroups?.length) any.push(sql`${persons.iscoGroups} && ${textArray(filter.iscoGroups)}`);
  if (filter.skillIds?.length) any.push(sql`${persons.skillIds} && ${textArray(filter.skillIds)}`);
  if (filter.iscoGroups && any.length === 0) return [];
  if (any.length) conditions.push(sql`(${sql.join(any, sql` OR `)})`);
  const rows = await ctx.db
    .select({ id: persons.id })
    .from(persons)
    .where(and(...conditions))
    .orderBy(persons.id);
  return rows.map((r) => r.id);
}
