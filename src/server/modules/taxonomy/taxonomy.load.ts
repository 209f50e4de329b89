import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { and, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgTable, PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
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
  taxonomyLoads,
  type TaxonomyLang,
} from '../../db/schema/index.ts';
import { labelKeys } from '../../../common/taxonomy-text.ts';
import { bumpLabelsVersion } from './search-index.ts';

/**
 * Loads the project's taxonomy files (data/*.csv, format in docs/TAXONOMY.md) into the taxonomy tables
 * at every start and migration, idempotently:
 * - the files' hash is kept in `taxonomy_loads`: unchanged files are not read again;
 * - rows are upserted and only rewritten when a value differs, so a second run changes nothing;
 * - a Turkish or Arabic title that an admin marked reviewed stays reviewed while the file's text is
 *   the same; a changed text comes in with the file's status;
 * - aliases added by admins (source `admin`) and ESCO's labels are never touched; a shipped label an
 *   admin removed stays removed (its row is kept with `removed_at`).
 */

/** The shipped files; KOPRU_TAXONOMY_DATA points elsewhere (trials of new data). */
export const TAXONOMY_DATA_DIR = process.env.KOPRU_TAXONOMY_DATA ?? path.resolve(import.meta.dirname, 'data');

const FILES = [
  'isco08.csv',
  'isced2011.csv',
  'nace2.csv',
  'languages.csv',
  'driving-licences.csv',
  'certificates.csv',
  'job-titles.csv',
  'job-titles-extra.csv',
  'skills.csv',
  'skill-occupations.csv',
] as const;

type Row = Record<string, string>;

function readCsv(dir: string, file: string): Row[] | null {
  const full = path.join(dir, file);
  if (!fs.existsSync(full)) return null;
  return parse<Row>(fs.readFileSync(full), { columns: true, skip_empty_lines: true, trim: true, bom: true });
}

function contentHash(dir: string): string {
  const hash = crypto.createHash('sha256');
  for (const file of FILES) {
    const full = path.join(dir, file);
    hash.update(`${file}\n`);
    if (fs.existsSync(full)) hash.update(fs.readFileSync(full));
  }
  return hash.digest('hex');
}

const status = (value: string | undefined): 'project' | 'reviewed' => (value === 'reviewed' ? 'reviewed' : 'project');
const nullIfEmpty = (value: string | undefined) => (value ? value : null);

/** `excluded.<column>` of an upsert. */
const excluded = (column: PgColumn) => sql.raw(`excluded."${column.name}"`);

/**
 * INSERT … ON CONFLICT DO UPDATE of every column but the key, only where a value differs. Translation
 * statuses (`statusOf`: status column → its text column) keep the stored value while the text is
 * unchanged.
 */
async function upsert<T extends PgTable>(
  db: Db,
  table: T,
  key: PgColumn,
  rows: T['$inferInsert'][],
  statusOf: [PgColumn, PgColumn][] = [],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.values(getTableColumns(table)) as PgColumn[];
  const statusColumns = new Set(statusOf.map(([s]) => s.name));
  const present = new Set(Object.keys(rows[0]!));
  const byProp = Object.entries(getTableColumns(table)) as [string, PgColumn][];
  const set: Record<string, SQL> = {};
  const differs: SQL[] = [];
  for (const [prop, column] of byProp) {
    if (column.name === key.name || !present.has(prop) || column.name === 'updated_at') continue;
    if (statusColumns.has(column.name)) {
      const text = statusOf.find(([s]) => s.name === column.name)![1];
      set[prop] =
        sql`CASE WHEN ${text} IS NOT DISTINCT FROM ${excluded(text)} THEN ${column} ELSE ${excluded(column)} END`;
      continue;
    }
    set[prop] = excluded(column);
    differs.push(sql`${column} IS DISTINCT FROM ${excluded(column)}`);
  }
  if (columns.some((c) => c.name === 'updated_at')) set.updatedAt = sql`now()`;
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(table)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({ target: key, set, setWhere: sql.join(differs, sql` OR `) });
  }
}

export interface LoadResult {
  loaded: boolean;
  counts: Record<string, number>;
}

/** Loads the shipped taxonomy files when they changed since the last load (or `force`). */
export async function loadTaxonomy(db: Db, options: { dataDir?: string; force?: boolean } = {}): Promise<LoadResult> {
  const dir = options.dataDir ?? TAXONOMY_DATA_DIR;
  const hash = contentHash(dir);
  const [last] = await db.select().from(taxonomyLoads).where(eq(taxonomyLoads.dataset, 'project-files'));
  if (!options.force && last?.contentHash === hash) return { loaded: false, counts: {} };
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    const isco = readCsv(dir, 'isco08.csv');
    if (isco) {
      // Parents first (the rows are sorted by level) so that every parent exists.
      const rows = isco
        .map((r) => ({
          code: r.code!,
          level: Number(r.level),
          parentCode: nullIfEmpty(r.parent),
          titleEn: r.title_en!,
          titleTr: r.title_tr!,
          titleAr: r.title_ar!,
          trStatus: status(r.tr_status),
          arStatus: status(r.ar_status),
          iskurCode: nullIfEmpty(r.iskur_code),
        }))
        .sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
      await upsert(tx, iscoGroups, iscoGroups.code, rows, [
        [iscoGroups.trStatus, iscoGroups.titleTr],
        [iscoGroups.arStatus, iscoGroups.titleAr],
      ]);
      counts.isco = rows.length;
    }
    const titled = <T extends PgTable>(
      file: string,
      table: T,
      key: PgColumn,
      map: (r: Row) => T['$inferInsert'],
      tr: [PgColumn, PgColumn],
      ar: [PgColumn, PgColumn],
    ) => {
      const data = readCsv(dir, file);
      if (!data) return Promise.resolve();
      counts[file] = data.length;
      return upsert(tx, table, key, data.map(map), [tr, ar]);
    };
    const titles = (r: Row) => ({
      titleEn: r.title_en!,
      titleTr: r.title_tr!,
      titleAr: r.title_ar!,
      trStatus: status(r.tr_status),
      arStatus: status(r.ar_status),
    });
    await titled(
      'isced2011.csv',
      iscedLevels,
      iscedLevels.code,
      (r) => ({ code: r.code!, ...titles(r) }),
      [iscedLevels.trStatus, iscedLevels.titleTr],
      [iscedLevels.arStatus, iscedLevels.titleAr],
    );
    const nace = readCsv(dir, 'nace2.csv');
    if (nace) {
      counts.nace = nace.length;
      await upsert(
        tx,
        naceCodes,
        naceCodes.code,
        nace
          .map((r) => ({
            code: r.code!,
            level: r.level === 'section' ? ('section' as const) : ('division' as const),
            parentCode: nullIfEmpty(r.parent),
            ...titles(r),
          }))
          .sort((a, b) => a.level.localeCompare(b.level) || a.code.localeCompare(b.code)),
        [
          [naceCodes.trStatus, naceCodes.titleTr],
          [naceCodes.arStatus, naceCodes.titleAr],
        ],
      );
    }
    await titled(
      'languages.csv',
      languages,
      languages.code,
      (r) => ({
        code: r.code!,
        nameEn: r.name_en!,
        nameTr: r.name_tr!,
        nameAr: r.name_ar!,
        trStatus: status(r.tr_status),
        arStatus: status(r.ar_status),
      }),
      [languages.trStatus, languages.nameTr],
      [languages.arStatus, languages.nameAr],
    );
    await titled(
      'driving-licences.csv',
      drivingLicences,
      drivingLicences.code,
      (r) => ({ code: r.code!, minAge: Number(r.min_age), ...titles(r) }),
      [drivingLicences.trStatus, drivingLicences.titleTr],
      [drivingLicences.arStatus, drivingLicences.titleAr],
    );
    await titled(
      'certificates.csv',
      certificates,
      certificates.code,
      (r) => ({
        code: r.code!,
        ...titles(r),
        expires: r.expires === 'yes',
        validityYears: r.validity_years ? Number(r.validity_years) : null,
      }),
      [certificates.trStatus, certificates.titleTr],
      [certificates.arStatus, certificates.titleAr],
    );

    // ---- job titles: the shipped labels (source `project`) ----
    const titleRows = [...(readCsv(dir, 'job-titles.csv') ?? []), ...(readCsv(dir, 'job-titles-extra.csv') ?? [])];
    if (titleRows.length > 0) {
      const wanted = new Map<string, typeof occupationLabels.$inferInsert>();
      for (const r of titleRows) {
        const lang = r.lang as TaxonomyLang;
        const keys = labelKeys(r.title!, lang);
        if (!keys.searchKey) continue;
        const id = `${r.isco_code}|${lang}|${keys.searchKey}`;
        if (wanted.has(id)) continue;
        wanted.set(id, {
          iscoCode: r.isco_code!,
          lang,
          label: r.title!,
          kind: r.kind === 'variant' ? 'variant' : 'title',
          ...keys,
          source: 'project',
        });
      }
      const existing = await tx
        .select({
          id: occupationLabels.id,
          iscoCode: occupationLabels.iscoCode,
          lang: occupationLabels.lang,
          searchKey: occupationLabels.searchKey,
        })
        .from(occupationLabels)
        .where(eq(occupationLabels.source, 'project'));
      const have = new Set(existing.map((e) => `${e.iscoCode}|${e.lang}|${e.searchKey}`));
      const gone = existing.filter((e) => !wanted.has(`${e.iscoCode}|${e.lang}|${e.searchKey}`)).map((e) => e.id);
      for (let i = 0; i < gone.length; i += 500) {
        await tx.delete(occupationLabels).where(inArray(occupationLabels.id, gone.slice(i, i + 500)));
      }
      const add = [...wanted.entries()].filter(([id]) => !have.has(id)).map(([, row]) => row);
      for (let i = 0; i < add.length; i += 500) {
        // A label an admin or ESCO already gave this group stays theirs.
        await tx
          .insert(occupationLabels)
          .values(add.slice(i, i + 500))
          .onConflictDoNothing();
      }
      counts.labels = wanted.size;
    }

    // ---- skills ----
    const skillRows = readCsv(dir, 'skills.csv');
    if (skillRows) {
      const rows = skillRows.map((r) => ({
        id: r.id!,
        group: r.group!,
        titleEn: r.title_en!,
        titleTr: r.title_tr!,
        titleAr: r.title_ar!,
        trStatus: status(r.tr_status),
        arStatus: status(r.ar_status),
        escoUri: nullIfEmpty(r.esco_uri),
        source: 'project' as const,
      }));
      await upsert(tx, skills, skills.id, rows, [
        [skills.trStatus, skills.titleTr],
        [skills.arStatus, skills.titleAr],
      ]);
      await syncSkillLabels(
        tx,
        rows.map((r) => r.id),
        rows.flatMap((r) =>
          (['tr', 'en', 'ar'] as const).map((lang) => ({
            skillId: r.id,
            lang,
            label: lang === 'tr' ? r.titleTr : lang === 'en' ? r.titleEn : r.titleAr,
          })),
        ),
      );
      counts.skills = rows.length;
    }
    const links = readCsv(dir, 'skill-occupations.csv');
    if (links) {
      const rows = links.map((r) => ({
        skillId: r.skill_id!,
        iscoCode: r.isco_code!,
        relation: r.relation === 'essential' ? ('essential' as const) : ('optional' as const),
        source: 'project' as const,
      }));
      const existing = await tx
        .select({ skillId: skillOccupations.skillId, iscoCode: skillOccupations.iscoCode })
        .from(skillOccupations)
        .where(eq(skillOccupations.source, 'project'));
      const wanted = new Set(rows.map((r) => `${r.skillId}|${r.iscoCode}`));
      for (const e of existing) {
        if (!wanted.has(`${e.skillId}|${e.iscoCode}`)) {
          await tx
            .delete(skillOccupations)
            .where(and(eq(skillOccupations.skillId, e.skillId), eq(skillOccupations.iscoCode, e.iscoCode)));
        }
      }
      for (let i = 0; i < rows.length; i += 500) {
        await tx
          .insert(skillOccupations)
          .values(rows.slice(i, i + 500))
          .onConflictDoUpdate({
            target: [skillOccupations.skillId, skillOccupations.iscoCode],
            set: { relation: sql`excluded.relation`, source: sql`excluded.source` },
            setWhere: sql`${skillOccupations.relation} IS DISTINCT FROM excluded.relation OR ${skillOccupations.source} IS DISTINCT FROM excluded.source`,
          });
      }
      counts.skillLinks = rows.length;
    }
    await bumpLabelsVersion(tx);
    await tx
      .insert(taxonomyLoads)
      .values({ dataset: 'project-files', contentHash: hash })
      .onConflictDoUpdate({ target: taxonomyLoads.dataset, set: { contentHash: hash, loadedAt: sql`now()` } });
  });
  await analyze(db);
  return { loaded: true, counts };
}

/**
 * Refreshes the planner's statistics of the searched tables after a load (PGlite runs no autovacuum).
 * On a server the app role may not own them: PostgreSQL then skips them with a warning, and autovacuum
 * does it.
 */
export async function analyze(db: Db): Promise<void> {
  try {
    await db.execute(sql`ANALYZE taxonomy_occupation_labels, taxonomy_skill_labels, taxonomy_isco_groups`);
  } catch {
    // Statistics are an optimisation: never fail a start over them.
  }
}

/**
 * Makes the searchable labels of the given skills exactly `labels` (empty titles skipped): missing
 * ones inserted, others deleted, unchanged ones left alone.
 */
export async function syncSkillLabels(
  db: Db,
  skillIds: string[],
  labels: { skillId: string; lang: TaxonomyLang; label: string | null }[],
): Promise<void> {
  const wanted = new Map<string, typeof skillLabels.$inferInsert>();
  for (const l of labels) {
    if (!l.label) continue;
    const keys = labelKeys(l.label, l.lang);
    if (!keys.searchKey) continue;
    wanted.set(`${l.skillId}|${l.lang}|${keys.searchKey}`, {
      skillId: l.skillId,
      lang: l.lang,
      label: l.label,
      ...keys,
    });
  }
  const have = new Map<string, { skillId: string; lang: string; searchKey: string }>();
  for (let i = 0; i < skillIds.length; i += 1000) {
    const rows = await db
      .select({ skillId: skillLabels.skillId, lang: skillLabels.lang, searchKey: skillLabels.searchKey })
      .from(skillLabels)
      .where(inArray(skillLabels.skillId, skillIds.slice(i, i + 1000)));
    for (const r of rows) have.set(`${r.skillId}|${r.lang}|${r.searchKey}`, r);
  }
  for (const [id, r] of have) {
    if (!wanted.has(id)) {
      await db
        .delete(skillLabels)
        .where(
          and(
            eq(skillLabels.skillId, r.skillId),
            eq(skillLabels.lang, r.lang as TaxonomyLang),
            eq(skillLabels.searchKey, r.searchKey),
          ),
        );
    }
  }
  const add = [...wanted.entries()].filter(([id]) => !have.has(id)).map(([, row]) => row);
  for (let i = 0; i < add.length; i += 500) {
    await db
      .insert(skillLabels)
      .values(add.slice(i, i + 500))
      .onConflictDoNothing();
  }
}
