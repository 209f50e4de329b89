import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import {
  certificates,
  drivingLicences,
  iscedLevels,
  iscoGroups,
  languages,
  naceCodes,
  occupationLabels,
  skillLabels,
  skillOccupations,
  skills,
  type TaxonomyLang,
} from '../../db/schema/index.ts';
import { actorOf, type Ctx } from '../../lib/context.ts';
import { inTransaction } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { problems } from '../../lib/errors.ts';
import { labelKeys } from '../../../common/taxonomy-text.ts';
import { bumpLabelsVersion, searchIndex } from './search-index.ts';
import { recordReferenceChange } from '../reference/index.ts';
import type { Db } from '../../db/client.ts';

/**
 * The occupation and skill taxonomy: search (public), browsing, reference lists, and the platform
 * administrator's aliases and translation reviews (`taxonomy:manage`). Search design: docs/TAXONOMY.md.
 */

type Lang = TaxonomyLang;

const titleOf = (row: { titleTr: string | null; titleEn: string; titleAr: string | null }, lang: Lang) =>
  (lang === 'tr' ? row.titleTr : lang === 'ar' ? row.titleAr : row.titleEn) || row.titleEn;

// ---- search -------------------------------------------------------------------------------------------

export interface OccupationHit {
  iscoCode: string;
  title: string;
  matchedLabel: string;
  score: number;
}

/** Occupations (unit groups) by a job title in any language, best first (search-index.ts). */
export async function searchOccupations(
  ctx: Pick<Ctx, 'db'>,
  input: { q: string; lang: Lang; limit: number },
): Promise<{ items: OccupationHit[] }> {
  const index = await searchIndex(ctx.db, 'occupations');
  return {
    items: index.search(input.q, input.lang, input.limit).map((h) => {
      const g = index.targets.get(h.target);
      return {
        iscoCode: h.target,
        title: g ? titleOf(g, input.lang) : h.target,
        matchedLabel: h.label,
        score: h.score,
      };
    }),
  };
}

export interface SkillHit {
  id: string;
  title: string;
  matchedLabel: string;
  score: number;
  escoUri: string | null;
}

/** Skills by name in any language, best first; of equal scores the project's own skills first. */
export async function searchSkills(
  ctx: Pick<Ctx, 'db'>,
  input: { q: string; lang: Lang; limit: number },
): Promise<{ items: SkillHit[] }> {
  const index = await searchIndex(ctx.db, 'skills');
  const hits = index.search(input.q, input.lang, Math.max(input.limit * 3, 30));
  const project = (id: string) => (index.targets.get(id)?.project ? 0 : 1);
  return {
    items: hits
      .sort((a, b) => b.score - a.score || project(a.target) - project(b.target) || a.target.localeCompare(b.target))
      .slice(0, input.limit)
      .map((h) => {
        const s = index.targets.get(h.target);
        return {
          id: h.target,
          title: s ? titleOf(s, input.lang) : h.target,
          matchedLabel: h.label,
          score: h.score,
          escoUri: s?.escoUri ?? null,
        };
      }),
  };
}

// ---- browsing -----------------------------------------------------------------------------------------

function presentGroup(g: typeof iscoGroups.$inferSelect, lang: Lang) {
  return {
    code: g.code,
    level: g.level,
    parentCode: g.parentCode,
    title: titleOf(g, lang),
    titleTr: g.titleTr,
    titleEn: g.titleEn,
    titleAr: g.titleAr,
    trStatus: g.trStatus,
    arStatus: g.arStatus,
    iskurCode: g.iskurCode,
  };
}

/** The children of an ISCO group (the 10 major groups without `parent`), with how many children each has. */
export async function iscoChildren(ctx: Pick<Ctx, 'db'>, parent: string | undefined, lang: Lang) {
  const rows = await ctx.db
    .select()
    .from(iscoGroups)
    .where(parent ? eq(iscoGroups.parentCode, parent) : isNull(iscoGroups.parentCode))
    .orderBy(asc(iscoGroups.code));
  if (parent && rows.length === 0) {
    const [exists] = await ctx.db.select({ code: iscoGroups.code }).from(iscoGroups).where(eq(iscoGroups.code, parent));
    if (!exists) throw problems.notFound();
  }
  return { items: rows.map((g) => presentGroup(g, lang)) };
}

/** One ISCO group with its ancestors, its labels (admins see removed ones too) and its skills. */
export async function iscoGroup(ctx: Pick<Ctx, 'db'>, code: string, lang: Lang, withRemoved: boolean) {
  const [g] = await ctx.db.select().from(iscoGroups).where(eq(iscoGroups.code, code));
  if (!g) throw problems.notFound();
  const ancestors: ReturnType<typeof presentGroup>[] = [];
  let parent = g.parentCode;
  while (parent) {
    const [p] = await ctx.db.select().from(iscoGroups).where(eq(iscoGroups.code, parent));
    if (!p) break;
    ancestors.unshift(presentGroup(p, lang));
    parent = p.parentCode;
  }
  const labels = await ctx.db
    .select()
    .from(occupationLabels)
    .where(and(eq(occupationLabels.iscoCode, code), withRemoved ? undefined : isNull(occupationLabels.removedAt)))
    .orderBy(asc(occupationLabels.lang), asc(occupationLabels.kind), asc(occupationLabels.label));
  const skillRows = await ctx.db
    .select({
      id: skills.id,
      titleTr: skills.titleTr,
      titleEn: skills.titleEn,
      titleAr: skills.titleAr,
      escoUri: skills.escoUri,
      relation: skillOccupations.relation,
      source: skills.source,
    })
    .from(skillOccupations)
    .innerJoin(skills, eq(skills.id, skillOccupations.skillId))
    .where(eq(skillOccupations.iscoCode, code))
    .orderBy(asc(skillOccupations.relation), sql`${skills.source} = 'project' DESC`, asc(skills.titleEn))
    .limit(200);
  return {
    ...presentGroup(g, lang),
    ancestors,
    labels: labels.map((l) => ({
      id: l.id,
      lang: l.lang,
      label: l.label,
      kind: l.kind,
      source: l.source,
      removed: l.removedAt !== null,
    })),
    skills: skillRows.map((s) => ({
      id: s.id,
      title: titleOf(s, lang),
      relation: s.relation,
      escoUri: s.escoUri,
    })),
  };
}

// ---- reference lists ----------------------------------------------------------------------------------

export async function referenceList(
  ctx: Pick<Ctx, 'db'>,
  list: 'isced' | 'nace' | 'languages' | 'driving-licences' | 'certificates',
  lang: Lang,
) {
  switch (list) {
    case 'isced': {
      const rows = await ctx.db.select().from(iscedLevels).orderBy(asc(iscedLevels.code));
      return { items: rows.map((r) => ({ code: r.code, title: titleOf(r, lang) })) };
    }
    case 'nace': {
      const rows = await ctx.db.select().from(naceCodes).orderBy(asc(naceCodes.code));
      return {
        items: rows.map((r) => ({ code: r.code, level: r.level, parentCode: r.parentCode, title: titleOf(r, lang) })),
      };
    }
    case 'languages': {
      const rows = await ctx.db.select().from(languages).orderBy(asc(languages.code));
      return {
        items: rows.map((r) => ({
          code: r.code,
          title: titleOf({ titleTr: r.nameTr, titleEn: r.nameEn, titleAr: r.nameAr }, lang),
        })),
      };
    }
    case 'driving-licences': {
      const rows = await ctx.db
        .select()
        .from(drivingLicences)
        .orderBy(asc(drivingLicences.minAge), asc(drivingLicences.code));
      return { items: rows.map((r) => ({ code: r.code, title: titleOf(r, lang), minAge: r.minAge })) };
    }
    case 'certificates': {
      const rows = await ctx.db.select().from(certificates).orderBy(asc(certificates.code));
      return {
        items: rows.map((r) => ({
          code: r.code,
          title: titleOf(r, lang),
          expires: r.expires,
          validityYears: r.validityYears,
        })),
      };
    }
  }
}

// ---- administration (taxonomy:manage) -----------------------------------------------------------------

export async function addAlias(ctx: Ctx, code: string, input: { lang: Lang; label: string }) {
  const label = input.label.trim().replace(/\s+/g, ' ');
  const keys = labelKeys(label, input.lang);
  if (!keys.searchKey) throw problems.invalid('/label', 'errors.validation.required');
  return inTransaction(ctx, async (tx) => {
    const [g] = await tx.db.select({ code: iscoGroups.code }).from(iscoGroups).where(eq(iscoGroups.code, code));
    if (!g) throw problems.notFound();
    const [existing] = await tx.db
      .select()
      .from(occupationLabels)
      .where(
        and(
          eq(occupationLabels.iscoCode, code),
          eq(occupationLabels.lang, input.lang),
          eq(occupationLabels.searchKey, keys.searchKey),
        ),
      );
    let id: string;
    if (existing) {
      if (existing.removedAt === null) throw problems.conflict('errors.taxonomy.aliasExists', '/label');
      // A removed label comes back.
      await tx.db
        .update(occupationLabels)
        .set({ removedAt: null, removedBy: null })
        .where(eq(occupationLabels.id, existing.id));
      id = existing.id;
    } else {
      const [row] = await tx.db
        .insert(occupationLabels)
        .values({
          iscoCode: code,
          lang: input.lang,
          label,
          kind: 'admin',
          ...keys,
          source: 'admin',
          createdBy: actorOf(ctx).userId,
        })
        .returning({ id: occupationLabels.id });
      id = row!.id;
    }
    await bumpLabelsVersion(tx.db);
    await audit(tx.db, tx, {
      action: 'taxonomy.alias-added',
      subjectType: 'occupation',
      subjectId: code,
      fields: ['labels'],
    });
    await recordReferenceChange(tx, {
      dataset: 'taxonomy',
      action: 'created',
      subject: `ISCO ${code}`,
      after: { lang: input.lang, label },
    });
    return { id, iscoCode: code, lang: input.lang, label, kind: existing?.kind ?? ('admin' as const) };
  });
}

export async function removeAlias(ctx: Ctx, code: string, labelId: string) {
  await inTransaction(ctx, async (tx) => {
    const [l] = await tx.db
      .select()
      .from(occupationLabels)
      .where(and(eq(occupationLabels.id, labelId), eq(occupationLabels.iscoCode, code)));
    if (!l || l.removedAt !== null) throw problems.notFound();
    // An admin's own alias goes; a shipped or ESCO label is kept as removed so that reloading does not bring it back.
    if (l.source === 'admin') await tx.db.delete(occupationLabels).where(eq(occupationLabels.id, l.id));
    else
      await tx.db
        .update(occupationLabels)
        .set({ removedAt: tx.clock.now(), removedBy: actorOf(ctx).userId })
        .where(eq(occupationLabels.id, l.id));
    await bumpLabelsVersion(tx.db);
    await audit(tx.db, tx, {
      action: 'taxonomy.alias-removed',
      subjectType: 'occupation',
      subjectId: code,
      fields: ['labels'],
    });
    await recordReferenceChange(tx, {
      dataset: 'taxonomy',
      action: 'deleted',
      subject: `ISCO ${code}`,
      before: { lang: l.lang, label: l.label, kind: l.kind },
    });
  });
}

export const REVIEW_DATASETS = ['isco', 'skills'] as const;
export type ReviewDataset = (typeof REVIEW_DATASETS)[number];

/** Turkish and Arabic titles that are still the project's own translation, not yet reviewed. */
export async function reviewList(
  ctx: Pick<Ctx, 'db'>,
  input: { dataset: ReviewDataset; lang: 'tr' | 'ar'; page: number; pageSize: number },
) {
  const table = input.dataset === 'isco' ? iscoGroups : skills;
  const statusCol = input.lang === 'tr' ? table.trStatus : table.arStatus;
  const keyCol = input.dataset === 'isco' ? iscoGroups.code : skills.id;
  const cond =
    input.dataset === 'isco' ? eq(statusCol, 'project') : and(eq(statusCol, 'project'), eq(skills.source, 'project'));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        key: keyCol,
        titleEn: table.titleEn,
        titleTr: table.titleTr,
        titleAr: table.titleAr,
      })
      .from(table)
      .where(cond)
      .orderBy(asc(keyCol))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    ctx.db.select({ n: count() }).from(table).where(cond),
  ]);
  return {
    items: rows.map((r) => ({
      dataset: input.dataset,
      key: r.key,
      lang: input.lang,
      titleEn: r.titleEn,
      text: (input.lang === 'tr' ? r.titleTr : r.titleAr) ?? '',
    })),
    total: total?.n ?? 0,
  };
}

export async function markReviewed(ctx: Ctx, input: { dataset: ReviewDataset; key: string; lang: 'tr' | 'ar' }) {
  await inTransaction(ctx, async (tx) => {
    const set = input.lang === 'tr' ? { trStatus: 'reviewed' as const } : { arStatus: 'reviewed' as const };
    const updated =
      input.dataset === 'isco'
        ? await tx.db
            .update(iscoGroups)
            .set(set)
            .where(eq(iscoGroups.code, input.key))
            .returning({ titleTr: iscoGroups.titleTr, titleAr: iscoGroups.titleAr })
        : await tx.db
            .update(skills)
            .set(set)
            .where(and(eq(skills.id, input.key), eq(skills.source, 'project')))
            .returning({ titleTr: skills.titleTr, titleAr: skills.titleAr });
    const row = updated[0];
    if (!row) throw problems.notFound();
    await audit(tx.db, tx, {
      action: 'taxonomy.translation-reviewed',
      subjectType: input.dataset === 'isco' ? 'occupation' : 'skill',
      subjectId: input.key,
      fields: [input.lang === 'tr' ? 'trStatus' : 'arStatus'],
    });
    await recordReferenceChange(tx, {
      dataset: 'taxonomy',
      action: 'confirmed',
      subject: `${input.dataset === 'isco' ? 'ISCO' : 'skill'} ${input.key} (${input.lang})`,
      after: { text: input.lang === 'tr' ? row.titleTr : row.titleAr, status: 'reviewed' },
    });
  });
}

/** Counts for the admin screen and the import's idempotence test. */
export async function taxonomyCounts(db: Db) {
  const one = async (q: Promise<{ n: number }[]>) => (await q)[0]?.n ?? 0;
  return {
    iscoGroups: await one(db.select({ n: count() }).from(iscoGroups)),
    labels: await one(db.select({ n: count() }).from(occupationLabels)),
    escoLabels: await one(db.select({ n: count() }).from(occupationLabels).where(eq(occupationLabels.source, 'esco'))),
    skills: await one(db.select({ n: count() }).from(skills)),
    skillLabels: await one(db.select({ n: count() }).from(skillLabels)),
    skillLinks: await one(db.select({ n: count() }).from(skillOccupations)),
  };
}
