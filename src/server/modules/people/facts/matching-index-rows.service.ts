import { sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Constraints, LanguageSkill } from '../../../db/schema/people.ts';
import type { HeldQualification } from '../../../../common/occupation-codes.ts';
import { ANONYMISED_NAME } from '../persons/persons.queries.ts';

/**
 * What the in-process matching index (matching/matching-index.ts) holds of a person: only the facts that are
 * not special categories (DATA-PROTECTION.md) — no protection status, disability, target group or permit,
 * which stay in the exact stage (`matchingPool`). Read by organisation in id order, or those changed since a
 * transaction horizon (`matching_xid`, stamped by triggers on persons, work history and consents).
 */
export interface MatchingIndexRow {
  id: string;
  /** The transaction that last changed the person's matching facts (xid8 as text). */
  xid: string;
  officeId: string;
  /** Confirmed, not merged and not anonymised: a candidate at all. */
  live: boolean;
  consent: boolean;
  desiredCodes: string[];
  work: { iscoCode: string | null; startDate: string | null; endDate: string | null; registered: boolean }[];
  skillIds: string[];
  iscedLevel: number | null;
  languages: LanguageSkill[];
  licences: HeldQualification[];
  certificates: HeldQualification[];
  province: string;
  district: string;
  constraints: Constraints | null;
}

interface RawRow extends Record<string, unknown> {
  id: string;
  xid: string;
  office_id: string;
  live: boolean;
  consent: boolean;
  desired: string[] | null;
  work: MatchingIndexRow['work'] | null;
  skill_ids: string[];
  isced_level: number | null;
  languages: LanguageSkill[];
  licences: HeldQualification[];
  certificates: HeldQualification[];
  province: string;
  district: string;
  constraints: Constraints | null;
}

const SELECT = sql`SELECT p.id, p.matching_xid::text AS xid, p.office_id,
  (p.merged_into_id IS NULL AND p.registration = 'confirmed'
    AND NOT (p.given_name = ${ANONYMISED_NAME} AND p.family_name = ${ANONYMISED_NAME})) AS live,
  EXISTS (SELECT 1 FROM consents c WHERE c.person_id = p.id AND c.purpose = 'share-with-employers'
    AND c.withdrawn_at IS NULL) AS consent,
  ARRAY(SELECT l->>'iscoCode' FROM jsonb_array_elements(coalesce(p.occupation_links, '[]'::jsonb)) l
    WHERE l->>'iscoCode' IS NOT NULL) AS desired,
  (SELECT json_agg(json_build_object('iscoCode', w.isco_code, 'startDate', w.start_date, 'endDate', w.end_date,
    'registered', w.registered)) FROM work_history w WHERE w.person_id = p.id) AS work,
  p.skill_ids, p.isced_level, p.languages, p.licences, p.certificates, p.province, p.district, p.constraints
  FROM persons p`;

const toRow = (r: RawRow): MatchingIndexRow => ({
  id: r.id,
  xid: r.xid,
  officeId: r.office_id,
  live: r.live,
  consent: r.consent,
  desiredCodes: r.desired ?? [],
  work: r.work ?? [],
  skillIds: r.skill_ids,
  iscedLevel: r.isced_level,
  languages: r.languages,
  licences: r.licences,
  certificates: r.certificates,
  province: r.province,
  district: r.district,
  constraints: r.constraints,
});

async function rowsOf(db: Db, query: ReturnType<typeof sql>): Promise<RawRow[]> {
  const res: unknown = await db.execute(query);
  return (res as { rows: RawRow[] }).rows;
}

/** The organisation's persons in id order after `afterId`, `limit` at a time (the index's build). */
export async function matchingIndexPage(
  db: Db,
  organisationId: string,
  afterId: string | null,
  limit: number,
): Promise<MatchingIndexRow[]> {
  const rows = await rowsOf(
    db,
    sql`${SELECT} WHERE p.organisation_id = ${organisationId} AND p.merged_into_id IS NULL
      ${afterId ? sql`AND p.id > ${afterId}` : sql``} ORDER BY p.id LIMIT ${limit}`,
  );
  return rows.map(toRow);
}

/**
 * A sync in one round trip: the new horizon and, read in the same snapshot, the organisation's persons changed by
 * transactions at or after `horizon` — every transaction below the new horizon had ended before that snapshot,
 * so its changes are among the rows (a change seen again at the next sync is recognised by its xid).
 */
export async function matchingIndexCatchUp(
  db: Db,
  organisationId: string,
  horizon: string,
): Promise<{ horizon: string; rows: MatchingIndexRow[] }> {
  const rows = await rowsOf(
    db,
    sql`SELECT h.horizon, c.* FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon) h
      LEFT JOIN LATERAL (${SELECT} WHERE p.organisation_id = ${organisationId} AND p.matching_xid >= ${horizon}::xid8) c
      ON true`,
  );
  return {
    horizon: String(rows[0]!.horizon),
    rows: rows.filter((r) => r.id !== null).map(toRow),
  };
}
