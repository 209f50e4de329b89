import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  certificates,
  drivingLicences,
  iscoGroups,
  naceCodes,
  skillOccupations,
  skills,
} from '../../db/schema/index.ts';
import type { TaxonomyLang } from '../../db/schema/index.ts';

/**
 * What other modules need of the taxonomy to store and use coded records (issue 10): which codes
 * exist, the titles to show, and the skills of unit groups (matching's "related through shared skills").
 */

export interface CodeSets {
  isco?: readonly string[];
  skills?: readonly string[];
  licences?: readonly string[];
  certificates?: readonly string[];
}

/** The codes of each set that the taxonomy does not know (ISCO: unit groups only). */
export async function unknownCodes(db: Db, sets: CodeSets): Promise<Required<{ [K in keyof CodeSets]: string[] }>> {
  const missing = async (values: readonly string[] | undefined, find: (v: string[]) => Promise<string[]>) => {
    const wanted = [...new Set(values ?? [])];
    if (wanted.length === 0) return [];
    const found = new Set(await find(wanted));
    return wanted.filter((v) => !found.has(v));
  };
  const [isco, skillIds, licences, certs] = await Promise.all([
    missing(sets.isco, async (v) =>
      (await db.select({ c: iscoGroups.code, l: iscoGroups.level }).from(iscoGroups).where(inArray(iscoGroups.code, v)))
        .filter((r) => r.l === 4)
        .map((r) => r.c),
    ),
    missing(sets.skills, async (v) =>
      (await db.select({ c: skills.id }).from(skills).where(inArray(skills.id, v))).map((r) => r.c),
    ),
    missing(sets.licences, async (v) =>
      (await db.select({ c: drivingLicences.code }).from(drivingLicences).where(inArray(drivingLicences.code, v))).map(
        (r) => r.c,
      ),
    ),
    missing(sets.certificates, async (v) =>
      (await db.select({ c: certificates.code }).from(certificates).where(inArray(certificates.code, v))).map(
        (r) => r.c,
      ),
    ),
  ]);
  return { isco, skills: skillIds, licences, certificates: certs };
}

const pick = (r: { titleEn: string; titleTr: string | null; titleAr: string | null }, lang: TaxonomyLang) =>
  (lang === 'tr' ? r.titleTr : lang === 'ar' ? r.titleAr : r.titleEn) || r.titleEn;

/** Titles of ISCO groups (any level) in a language. */
export async function iscoTitles(db: Db, codes: readonly string[], lang: TaxonomyLang): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Map();
  const rows = await db.select().from(iscoGroups).where(inArray(iscoGroups.code, wanted));
  return new Map(rows.map((r) => [r.code, pick(r, lang)]));
}

/** Titles of skills in a language. */
export async function skillTitles(db: Db, ids: readonly string[], lang: TaxonomyLang): Promise<Map<string, string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const rows = await db.select().from(skills).where(inArray(skills.id, wanted));
  return new Map(rows.map((r) => [r.id, pick(r, lang)]));
}

/** Titles of NACE sections and divisions in a language. */
export async function naceTitles(db: Db, codes: readonly string[], lang: TaxonomyLang): Promise<Map<string, string>> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return new Map();
  const rows = await db.select().from(naceCodes).where(inArray(naceCodes.code, wanted));
  return new Map(rows.map((r) => [r.code, pick(r, lang)]));
}

/** The essential skills of each unit group asked for (every unit group that has any, without `codes`). */
export async function essentialSkillsOf(db: Db, codes?: readonly string[]): Promise<Map<string, Set<string>>> {
  const wanted = codes ? [...new Set(codes)] : null;
  const out = new Map<string, Set<string>>((wanted ?? []).map((c) => [c, new Set<string>()]));
  if (wanted && wanted.length === 0) return out;
  const rows = await db
    .select({ skillId: skillOccupations.skillId, iscoCode: skillOccupations.iscoCode })
    .from(skillOccupations)
    .where(
      wanted
        ? and(inArray(skillOccupations.iscoCode, wanted), eq(skillOccupations.relation, 'essential'))
        : eq(skillOccupations.relation, 'essential'),
    );
  for (const r of rows) {
    let set = out.get(r.iscoCode);
    if (!set) out.set(r.iscoCode, (set = new Set()));
    set.add(r.skillId);
  }
  return out;
}

/** The last `essentialSkills` read per database, with the fingerprint of the pairs it read. */
const essentialCache = new WeakMap<Db, { fingerprint: string; skills: ReadonlyMap<string, ReadonlySet<string>> }>();

/**
 * Every unit group's essential skills (a few thousand pairs; matching reads them at each query), kept in the
 * process while the table's essential pairs are unchanged: a query first reads their fingerprint (an md5 of every
 * pair in key order, computed by the database: one row instead of every pair) and reads the pairs again only
 * when it differs. A change made by any instance (a taxonomy load, an ESCO import) changes the fingerprint, so
 * the next query sees it, as it did when every query read the pairs.
 */
export async function essentialSkills(db: Db): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
  const [row] = await db
    .select({
      fingerprint: sql<string>`md5(coalesce(string_agg(${skillOccupations.skillId} || '|' || ${skillOccupations.iscoCode}, ',' ORDER BY ${skillOccupations.skillId}, ${skillOccupations.iscoCode}), ''))`,
    })
    .from(skillOccupations)
    .where(eq(skillOccupations.relation, 'essential'));
  const fingerprint = row?.fingerprint ?? '';
  const cached = essentialCache.get(db);
  if (cached?.fingerprint === fingerprint) return cached.skills;
  const skills = await essentialSkillsOf(db);
  essentialCache.set(db, { fingerprint, skills });
  return skills;
}
