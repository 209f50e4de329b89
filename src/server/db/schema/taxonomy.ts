import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity.ts';

/**
 * The occupation and skill taxonomy (issue 10): platform reference data shared by every organisation,
 * hence no organisation_id. Loaded from the project's CSV files (modules/taxonomy/data) and from ESCO
 * (`kopru import esco`); admins with `taxonomy:manage` add aliases and mark translations reviewed.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** `project`: our translation, not yet reviewed by a native-speaking domain expert; `reviewed`: checked. */
export const TRANSLATION_STATUSES = ['project', 'reviewed'] as const;
export type TranslationStatus = (typeof TRANSLATION_STATUSES)[number];

export const LABEL_KINDS = ['title', 'variant', 'esco', 'admin'] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];

export const TAXONOMY_LANGS = ['tr', 'en', 'ar'] as const;
export type TaxonomyLang = (typeof TAXONOMY_LANGS)[number];

const status = (name: string) => text(name, { enum: TRANSLATION_STATUSES }).notNull().default('project');

/** ISCO-08: 10 major, 43 sub-major, 130 minor and 436 unit groups. */
export const iscoGroups = pgTable(
  'taxonomy_isco_groups',
  {
    code: text('code').primaryKey(),
    level: integer('level').notNull(),
    parentCode: text('parent_code'),
    titleEn: text('title_en').notNull(),
    titleTr: text('title_tr').notNull(),
    titleAr: text('title_ar').notNull(),
    trStatus: status('tr_status'),
    arStatus: status('ar_status'),
    /** İŞKUR's occupation code, where known. */
    iskurCode: text('iskur_code'),
    updatedAt: updatedAt(),
  },
  (t) => [index('taxonomy_isco_groups_parent_idx').on(t.parentCode)],
);

/**
 * Every name an occupation is searched by: the project's titles and variants, ESCO's labels (English),
 * and aliases the admins add. `searchKey` is the folded label; `stemKey` the same with derivational
 * and inflectional suffixes taken off (src/common/taxonomy-text.ts). A removed label keeps its row
 * (`removed_at`) so that reloading the shipped files does not bring it back.
 */
export const occupationLabels = pgTable(
  'taxonomy_occupation_labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    iscoCode: text('isco_code')
      .notNull()
      .references(() => iscoGroups.code),
    lang: text('lang', { enum: TAXONOMY_LANGS }).notNull(),
    label: text('label').notNull(),
    kind: text('kind', { enum: LABEL_KINDS }).notNull(),
    searchKey: text('search_key').notNull(),
    stemKey: text('stem_key').notNull(),
    source: text('source', { enum: ['project', 'esco', 'admin'] }).notNull(),
    escoUri: text('esco_uri'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('taxonomy_occupation_labels_unique_idx').on(t.iscoCode, t.lang, t.searchKey),
    index('taxonomy_occupation_labels_isco_idx').on(t.iscoCode),
    index('taxonomy_occupation_labels_key_trgm_idx').using('gin', sql`${t.searchKey} gin_trgm_ops`),
    index('taxonomy_occupation_labels_stem_trgm_idx').using('gin', sql`${t.stemKey} gin_trgm_ops`),
  ],
);

export const SKILL_GROUPS = [
  'hospitality',
  'retail',
  'care',
  'cleaning',
  'textiles',
  'construction',
  'logistics',
  'agriculture',
  'manufacturing',
  'office',
  'digital',
  'languages',
  'transport',
  'beauty',
  'security',
  'transversal',
  'esco',
] as const;

/** Skills: the project's list (tr/en/ar) and, after an ESCO import, ESCO's skills (English only). */
export const skills = pgTable(
  'taxonomy_skills',
  {
    id: text('id').primaryKey(),
    group: text('group').notNull(),
    titleEn: text('title_en').notNull(),
    titleTr: text('title_tr'),
    titleAr: text('title_ar'),
    trStatus: status('tr_status'),
    arStatus: status('ar_status'),
    escoUri: text('esco_uri'),
    source: text('source', { enum: ['project', 'esco'] }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('taxonomy_skills_esco_uri_idx').on(t.escoUri)],
);

/** A skill's searchable names per language (its titles), keyed like occupation labels. */
export const skillLabels = pgTable(
  'taxonomy_skill_labels',
  {
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    lang: text('lang', { enum: TAXONOMY_LANGS }).notNull(),
    label: text('label').notNull(),
    searchKey: text('search_key').notNull(),
    stemKey: text('stem_key').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.skillId, t.lang, t.searchKey] }),
    index('taxonomy_skill_labels_key_trgm_idx').using('gin', sql`${t.searchKey} gin_trgm_ops`),
    index('taxonomy_skill_labels_stem_trgm_idx').using('gin', sql`${t.stemKey} gin_trgm_ops`),
  ],
);

export const skillOccupations = pgTable(
  'taxonomy_skill_occupations',
  {
    skillId: text('skill_id')
      .notNull()
      .references(() => skills.id, { onDelete: 'cascade' }),
    iscoCode: text('isco_code')
      .notNull()
      .references(() => iscoGroups.code),
    relation: text('relation', { enum: ['essential', 'optional'] }).notNull(),
    source: text('source', { enum: ['project', 'esco'] }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.skillId, t.iscoCode] }),
    index('taxonomy_skill_occupations_isco_idx').on(t.iscoCode),
  ],
);

/** ISCED 2011 levels 0–8. */
export const iscedLevels = pgTable('taxonomy_isced_levels', {
  code: text('code').primaryKey(),
  titleEn: text('title_en').notNull(),
  titleTr: text('title_tr').notNull(),
  titleAr: text('title_ar').notNull(),
  trStatus: status('tr_status'),
  arStatus: status('ar_status'),
});

/** NACE Rev. 2 sections (A–U) and divisions (01–99). */
export const naceCodes = pgTable('taxonomy_nace', {
  code: text('code').primaryKey(),
  level: text('level', { enum: ['section', 'division'] }).notNull(),
  parentCode: text('parent_code'),
  titleEn: text('title_en').notNull(),
  titleTr: text('title_tr').notNull(),
  titleAr: text('title_ar').notNull(),
  trStatus: status('tr_status'),
  arStatus: status('ar_status'),
});

/** ISO 639-1 languages. */
export const languages = pgTable('taxonomy_languages', {
  code: text('code').primaryKey(),
  nameEn: text('name_en').notNull(),
  nameTr: text('name_tr').notNull(),
  nameAr: text('name_ar').notNull(),
  trStatus: status('tr_status'),
  arStatus: status('ar_status'),
});

/** Turkish driving licence classes (Karayolları Trafik Kanunu art. 39–41). */
export const drivingLicences = pgTable('taxonomy_driving_licences', {
  code: text('code').primaryKey(),
  minAge: integer('min_age').notNull(),
  titleEn: text('title_en').notNull(),
  titleTr: text('title_tr').notNull(),
  titleAr: text('title_ar').notNull(),
  trStatus: status('tr_status'),
  arStatus: status('ar_status'),
});

/** Common work certificates (forklift, SRC, hygiene, first aid, İSG, welding, MYK, …). */
export const certificates = pgTable('taxonomy_certificates', {
  code: text('code').primaryKey(),
  titleEn: text('title_en').notNull(),
  titleTr: text('title_tr').notNull(),
  titleAr: text('title_ar').notNull(),
  expires: boolean('expires').notNull(),
  validityYears: integer('validity_years'),
  trStatus: status('tr_status'),
  arStatus: status('ar_status'),
});

/** What the loader last loaded: the hash of the shipped files, so an unchanged start skips the load. */
export const taxonomyLoads = pgTable('taxonomy_loads', {
  dataset: text('dataset').primaryKey(),
  contentHash: text('content_hash').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});
