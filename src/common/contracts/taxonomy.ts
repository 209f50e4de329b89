/**
 * The taxonomy module's API: searching and browsing ISCO-08 occupations, ESCO skills and the other
 * reference lists (ISCED, NACE, languages, driving licences, certificates) in tr/en/ar, and their
 * administration (aliases, reviews of the project's own translations).
 */
import { Type, type Static } from 'typebox';
import { defineOp } from './op.ts';
import { Nullable, Page, Uuid } from './schema.ts';

const tags = ['taxonomy'] as const;
const ESCO_NOTE = 'This service uses the ESCO classification of the European Commission.';

const Lang = Type.Union([Type.Literal('tr'), Type.Literal('en'), Type.Literal('ar')], {
  description: 'Language of the titles in the answer (the search itself looks at every language)',
});
const Status = Type.Union([Type.Literal('project'), Type.Literal('reviewed')]);
const IscoCode = Type.String({ pattern: '^[0-9]{1,4}$' });

const SearchQuery = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100, description: 'What the user typed (any of tr/en/ar)' }),
  lang: Type.Optional(Lang),
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 10 }),
});
const LangQuery = Type.Object({ lang: Type.Optional(Lang) });

export const OccupationHit = Type.Object({
  iscoCode: Type.String({ description: 'ISCO-08 unit group' }),
  title: Type.String({ description: "The group's title in `lang`" }),
  matchedLabel: Type.String({ description: 'The title or alias that matched' }),
  score: Type.Number({ minimum: 0, maximum: 1 }),
});
export type OccupationHit = Static<typeof OccupationHit>;

export const SkillHit = Type.Object({
  id: Type.String(),
  title: Type.String(),
  matchedLabel: Type.String(),
  score: Type.Number({ minimum: 0, maximum: 1 }),
  escoUri: Nullable(Type.String()),
});
export type SkillHit = Static<typeof SkillHit>;

export const IscoGroup = Type.Object({
  code: Type.String(),
  level: Type.Integer(),
  parentCode: Nullable(Type.String()),
  title: Type.String(),
  titleTr: Type.String(),
  titleEn: Type.String(),
  titleAr: Type.String(),
  trStatus: Status,
  arStatus: Status,
  iskurCode: Nullable(Type.String()),
});
export type IscoGroup = Static<typeof IscoGroup>;

export const TaxonomyLabel = Type.Object({
  id: Type.String(),
  lang: Lang,
  label: Type.String(),
  kind: Type.Union([Type.Literal('title'), Type.Literal('variant'), Type.Literal('esco'), Type.Literal('admin')]),
  source: Type.Union([Type.Literal('project'), Type.Literal('esco'), Type.Literal('admin')]),
  removed: Type.Boolean({ description: 'Removed by an administrator (shown to administrators only)' }),
});
export type TaxonomyLabel = Static<typeof TaxonomyLabel>;

export const IscoDetail = Type.Object({
  ...IscoGroup.properties,
  ancestors: Type.Array(IscoGroup),
  labels: Type.Array(TaxonomyLabel),
  skills: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      relation: Type.Union([Type.Literal('essential'), Type.Literal('optional')]),
      escoUri: Nullable(Type.String()),
    }),
  ),
});
export type IscoDetail = Static<typeof IscoDetail>;

export const ReferenceListItem = Type.Object({
  code: Type.String(),
  title: Type.String(),
  level: Type.Optional(Type.String()),
  parentCode: Type.Optional(Nullable(Type.String())),
  minAge: Type.Optional(Type.Integer()),
  expires: Type.Optional(Type.Boolean()),
  validityYears: Type.Optional(Nullable(Type.Integer())),
});
export type ReferenceListItem = Static<typeof ReferenceListItem>;

const ReviewDataset = Type.Union([Type.Literal('isco'), Type.Literal('skills')]);
const ReviewLang = Type.Union([Type.Literal('tr'), Type.Literal('ar')]);

export const ReviewItem = Type.Object({
  dataset: ReviewDataset,
  key: Type.String(),
  lang: ReviewLang,
  titleEn: Type.String(),
  text: Type.String(),
});
export type ReviewItem = Static<typeof ReviewItem>;

// ---- operations ------------------------------------------------------------------------------------

export const searchOccupations = defineOp({
  method: 'GET',
  path: '/taxonomy/occupations',
  tags,
  summary: 'Search occupations (ISCO-08 unit groups) by a job title in Turkish, English or Arabic',
  description:
    'Case-, diacritic- and typo-tolerant ("asci", "AŞÇI", "ascı" find cooks, 5120), aware of Turkish ' +
    'derivational suffixes ("garsonluk") and Arabic spelling variants. Best first. ' +
    ESCO_NOTE,
  access: 'public',
  query: SearchQuery,
  response: Type.Object({ items: Type.Array(OccupationHit) }),
});

export const searchSkills = defineOp({
  method: 'GET',
  path: '/taxonomy/skills',
  tags,
  summary: 'Search skills by name in Turkish, English or Arabic (ESCO URI where one fits)',
  description: ESCO_NOTE,
  access: 'public',
  query: SearchQuery,
  response: Type.Object({ items: Type.Array(SkillHit) }),
});

export const browseIsco = defineOp({
  method: 'GET',
  path: '/taxonomy/isco',
  tags,
  summary: 'Browse ISCO-08: the children of a group (the 10 major groups without `parent`)',
  access: 'public',
  query: Type.Object({ parent: Type.Optional(IscoCode), lang: Type.Optional(Lang) }),
  response: Type.Object({ items: Type.Array(IscoGroup) }),
});

export const getIscoGroup = defineOp({
  method: 'GET',
  path: '/taxonomy/isco/:code',
  tags,
  summary: 'One ISCO-08 group with its ancestors, titles and aliases in tr/en/ar, and its skills',
  access: 'public',
  params: Type.Object({ code: IscoCode }),
  query: LangQuery,
  response: IscoDetail,
});

export const REFERENCE_LISTS = ['isced', 'nace', 'languages', 'driving-licences', 'certificates'] as const;
export type ReferenceList = (typeof REFERENCE_LISTS)[number];

const referenceListOp = <const L extends ReferenceList>(list: L) =>
  defineOp({
    method: 'GET',
    path: `/taxonomy/${list}`,
    tags,
    summary: `The ${list} list, titles in \`lang\``,
    access: 'public',
    query: LangQuery,
    response: Type.Object({ items: Type.Array(ReferenceListItem) }),
  });

/** One operation per reference list (same query and answer). */
export const referenceLists = {
  isced: referenceListOp('isced'),
  nace: referenceListOp('nace'),
  languages: referenceListOp('languages'),
  'driving-licences': referenceListOp('driving-licences'),
  certificates: referenceListOp('certificates'),
} satisfies Record<ReferenceList, unknown>;

// ---- administration ----

export const addIscoAlias = defineOp({
  method: 'POST',
  path: '/taxonomy/isco/:code/labels',
  tags,
  summary: 'Add an alias to a unit group (audited, recorded in the reference change log)',
  access: 'taxonomy:manage',
  params: Type.Object({ code: IscoCode }),
  body: Type.Object({ lang: Lang, label: Type.String({ minLength: 1, maxLength: 150 }) }),
  response: Type.Object({ id: Type.String(), iscoCode: Type.String(), lang: Lang, label: Type.String() }),
  status: 201,
});

export const removeIscoAlias = defineOp({
  method: 'DELETE',
  path: '/taxonomy/isco/:code/labels/:labelId',
  tags,
  summary: 'Remove an alias (a shipped or ESCO label is kept as removed, so reloading does not restore it)',
  access: 'taxonomy:manage',
  params: Type.Object({ code: IscoCode, labelId: Uuid }),
  response: Type.Null(),
  status: 204,
});

export const listReviews = defineOp({
  method: 'GET',
  path: '/taxonomy/reviews',
  tags,
  summary: "Turkish or Arabic titles that are still the project's own translation, awaiting review",
  access: 'signed-in',
  query: Type.Object({
    dataset: Type.Optional(ReviewDataset),
    lang: Type.Optional(ReviewLang),
    page: Type.Integer({ minimum: 1, maximum: 10_000, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  }),
  response: Page(ReviewItem),
});

export const markReviewed = defineOp({
  method: 'POST',
  path: '/taxonomy/reviews',
  tags,
  summary: 'Mark a Turkish or Arabic title reviewed (audited, recorded in the reference change log)',
  access: 'taxonomy:manage',
  body: Type.Object({
    dataset: ReviewDataset,
    key: Type.String({ minLength: 1, maxLength: 200 }),
    lang: ReviewLang,
  }),
  response: Type.Null(),
  status: 204,
});
