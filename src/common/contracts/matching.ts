/**
 * The matching module's API (docs/MATCHING.md): ranked, explained candidates for a vacancy and vacancies
 * for a person; the review list of doubtful occupation links; the organisation's matching settings.
 */
import { Type, type Static } from 'typebox';
import { EXCLUSION_RULES, FACTORS } from '../matching.ts';
import { TARGET_GROUPS } from '../enums.ts';
import {
  AGE_BANDS,
  FAIRNESS_DIMENSIONS,
  FAIRNESS_MEASURES,
  MAX_GROUP_LIFT,
  MAX_TOTAL_LIFT,
} from '../matching-priority.ts';
import { LINK_STATUSES } from '../occupation-codes.ts';
import { defineOp } from './op.ts';
import { IdParams, IsoDate, IsoDateTime, Known, Literals, Nullable, Uuid } from './schema.ts';

const tags = ['matching'] as const;

export const MatchFactor = Type.Object({
  factor: Known(FACTORS),
  /** The most points this factor can add. */
  weight: Type.Number(),
  /** 0–1. */
  value: Type.Number(),
  /** What it added to the score (weight × value). */
  points: Type.Number(),
  /** Why, in the caller's language. */
  message: Type.String(),
});
export type MatchFactor = Static<typeof MatchFactor>;

/** How many were left out, per hard constraint (docs/MATCHING.md). */
export const Excluded = Type.Record(Type.String(), Type.Integer(), {
  description: `Counts per rule: ${EXCLUSION_RULES.join(', ')}`,
});

/** The lift of the organisation's priority policy on this result (docs/MATCHING.md, "Priority policy"). */
export const AppliedLift = Type.Object({
  /** Points added to the factors' sum. */
  points: Type.Number(),
  /** The target groups that lifted the person; special categories only for special-category:read. */
  groups: Type.Array(Known(TARGET_GROUPS)),
  /** A group the caller may not be told lifted the person too. */
  unnamed: Type.Boolean(),
});

const explained = {
  score: Type.Number({
    description: `The sum of the factors’ points (0–100) plus the priority lift (at most ${MAX_TOTAL_LIFT})`,
  }),
  priority: Nullable(AppliedLift),
  factors: Type.Array(MatchFactor),
  explanation: Type.String({ description: 'One sentence in the caller’s language' }),
  permitToRequest: Nullable(
    Type.Boolean({
      description:
        'The employer must still request a work permit or exemption (not an exclusion). Null for callers without special-category:read.',
    }),
  ),
};

export const Candidate = Type.Object({
  personId: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  district: Type.String(),
  ...explained,
});
export type Candidate = Static<typeof Candidate>;

export const VacancyMatch = Type.Object({
  vacancyId: Type.String(),
  title: Type.String(),
  occupation: Type.String(),
  employerName: Type.String(),
  province: Type.String(),
  district: Nullable(Type.String()),
  startDate: Type.String(),
  ...explained,
});
export type VacancyMatch = Static<typeof VacancyMatch>;

const MatchQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 50, default: 20 }),
  minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
});

const pageOf = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    excluded: Excluded,
  });

/** The match kept with a referral made from a ranked list, as it stood that day. */
export const KeptMatch = Type.Object({ day: IsoDate, ...explained });
export type KeptMatch = Static<typeof KeptMatch>;

export const referFromMatch = defineOp({
  method: 'POST',
  path: '/matching/referrals',
  tags,
  summary: 'Propose a person for a vacancy from a ranked list, keeping the match with the referral',
  description:
    'Checks and scores the pair again now: 409 naming each hard constraint it fails (the list may be minutes old). ' +
    'Then proposes the referral as POST /referrals does, with the score, factors and explanation kept ' +
    '(GET /referrals/{id}/match). Matching stays advisory: this is the counsellor’s decision.',
  access: 'referrals:write',
  body: Type.Object({ vacancyId: Uuid, personId: Uuid }, { additionalProperties: false }),
  status: 201,
  response: Type.Object({ id: Uuid }),
});

export const referralMatch = defineOp({
  method: 'GET',
  path: '/referrals/:id/match',
  tags,
  summary: 'The match kept with a referral made from a ranked list (null for any other referral)',
  description:
    'Staff who may see the referral; in the caller’s language, special-category facts hidden as in the lists.',
  access: 'referrals:read',
  params: IdParams,
  response: Type.Object({ match: Nullable(KeptMatch) }),
});

export const vacancyCandidates = defineOp({
  method: 'GET',
  path: '/vacancies/:id/candidates',
  tags,
  summary: 'Ranked candidates for a published vacancy, each with its score, factors and explanation',
  description:
    'Only persons the caller may see (office scope, as the person list), with consent to share their profile, ' +
    'who pass every hard constraint (decent-work rules, required licences and certificates, hours, shifts, ' +
    'districts, commute, languages, some occupational or skill relation to the vacancy, not already referred or ' +
    'refused, fewer open referrals than the fair-spread limit). Advisory: a counsellor decides every referral. ' +
    'Each call writes one audit event.',
  access: 'persons:read',
  params: IdParams,
  query: MatchQuery,
  response: pageOf(Candidate),
});

export const personVacancies = defineOp({
  method: 'GET',
  path: '/persons/:id/vacancies',
  tags,
  summary: 'Ranked published vacancies for a person, each with its score, factors and explanation',
  description:
    'The same constraints and scores as /vacancies/{id}/candidates, the other way round. A person without ' +
    'an active consent to share their profile gets no vacancies (`blocked: no-consent`). 404 outside the caller’s office scope.',
  access: 'persons:read',
  params: IdParams,
  query: MatchQuery,
  response: Type.Object({
    ...pageOf(VacancyMatch).properties,
    blocked: Nullable(Known(['no-consent', 'fair-spread'] as const)),
  }),
});

export const LINK_KINDS = ['person-occupation', 'work-history', 'vacancy'] as const;

export const LinkReview = Type.Object({
  kind: Known(LINK_KINDS),
  personId: Nullable(Type.String()),
  vacancyId: Nullable(Type.String()),
  entryId: Nullable(Type.String()),
  index: Nullable(Type.Integer()),
  title: Type.String(),
  iscoCode: Nullable(Type.String()),
  iscoTitle: Nullable(Type.String()),
  score: Nullable(Type.Number()),
  status: Known(LINK_STATUSES),
});
export type LinkReview = Static<typeof LinkReview>;

export const listLinkReviews = defineOp({
  method: 'GET',
  path: '/matching/link-reviews',
  tags,
  summary: 'Occupation titles linked with a doubtful score (or not at all), for staff to confirm or correct',
  access: ['persons:write', 'vacancies:write'],
  query: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }),
  response: Type.Object({ items: Type.Array(LinkReview), total: Type.Integer() }),
});

export const confirmLink = defineOp({
  method: 'POST',
  path: '/matching/link-reviews',
  tags,
  summary: 'Confirm or correct one link: the unit group staff chose for the typed title',
  access: ['persons:write', 'vacancies:write'],
  body: Type.Object(
    {
      kind: Literals(LINK_KINDS),
      personId: Type.Optional(Uuid),
      vacancyId: Type.Optional(Uuid),
      entryId: Type.Optional(Uuid),
      index: Type.Optional(Type.Integer({ minimum: 0, maximum: 20 })),
      title: Type.String({ minLength: 1, maxLength: 200 }),
      iscoCode: Type.String({ pattern: '^[0-9]{4}$' }),
    },
    { additionalProperties: false },
  ),
  response: Type.Null(),
  status: 204,
});

export const MatchingSettings = Type.Object({
  maxOpenReferrals: Type.Integer({ minimum: 1, maximum: 20 }),
});
export type MatchingSettings = Static<typeof MatchingSettings>;

export const getMatchingSettings = defineOp({
  method: 'GET',
  path: '/matching/settings',
  tags,
  summary: 'The organisation’s matching settings (fair spread)',
  access: 'persons:read',
  response: MatchingSettings,
});

export const updateMatchingSettings = defineOp({
  method: 'PATCH',
  path: '/matching/settings',
  tags,
  summary: 'Change the organisation’s matching settings',
  access: 'organisation:manage',
  body: Type.Partial(MatchingSettings, { additionalProperties: false, minProperties: 1 }),
  response: MatchingSettings,
});

// ---- priority policy --------------------------------------------------------------------------------------

const liftProps = Object.fromEntries(
  TARGET_GROUPS.map((g) => [g, Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_GROUP_LIFT }))]),
) as Record<(typeof TARGET_GROUPS)[number], ReturnType<typeof Type.Optional<ReturnType<typeof Type.Integer>>>>;

/** Points per target group (0–MAX_GROUP_LIFT); a group left out has none. */
export const PriorityLiftsInput = Type.Object(liftProps, { additionalProperties: false });

export const PriorityPolicyVersion = Type.Object({
  /** Null: no policy yet (nobody is lifted). */
  version: Nullable(Type.Integer()),
  lifts: Type.Record(Type.String(), Type.Integer()),
  note: Nullable(Type.String()),
  changedBy: Nullable(Type.String()),
  changedAt: Nullable(IsoDateTime),
  maxGroupLift: Type.Integer(),
  maxTotalLift: Type.Integer(),
});
export type PriorityPolicyVersion = Static<typeof PriorityPolicyVersion>;

export const getPriorityPolicy = defineOp({
  method: 'GET',
  path: '/matching/priority-policy',
  tags,
  summary: 'The priority policy in force: points added per target group within the eligible pool',
  access: ['matching:policy', 'persons:read'],
  response: PriorityPolicyVersion,
});

export const updatePriorityPolicy = defineOp({
  method: 'PUT',
  path: '/matching/priority-policy',
  tags,
  summary: 'Put a new version of the priority policy in force (audited with who and when)',
  description:
    `Each lift is a whole number of points from 0 to ${MAX_GROUP_LIFT}; a person in several groups is lifted by at ` +
    `most ${MAX_TOTAL_LIFT}. Roma identity and disability lift only persons who consented to that use (consent ` +
    '`priority-matching`).',
  access: 'matching:policy',
  body: Type.Object(
    { lifts: PriorityLiftsInput, note: Type.Optional(Type.String({ maxLength: 500 })) },
    { additionalProperties: false },
  ),
  response: PriorityPolicyVersion,
});

export const priorityPolicyHistory = defineOp({
  method: 'GET',
  path: '/matching/priority-policy/history',
  tags,
  summary: 'Every version of the priority policy, newest first',
  access: 'matching:policy',
  response: Type.Object({ items: Type.Array(PriorityPolicyVersion) }),
});

// ---- fairness monitor -------------------------------------------------------------------------------------

export const FairnessQuery = Type.Object({
  officeId: Type.Optional(Uuid),
  /** ISCO-08 major (1 digit) or sub-major (2 digits) group. */
  isco: Type.Optional(Type.String({ pattern: '^[0-9]{1,2}$' })),
  from: IsoDate,
  to: IsoDate,
});
export type FairnessQuery = Static<typeof FairnessQuery>;

const Count = Nullable(Type.Integer({ description: 'Null: below the suppression threshold, not shown' }));

export const FairnessRow = Type.Object({
  /** `total`, a sex, an age band, a target group or `none`. */
  cell: Type.String(),
  pool: Count,
  poolShare: Nullable(Type.Number()),
  count: Count,
  share: Nullable(Type.Number()),
  /** Share of the measure ÷ share of the pool; null when a count is not shown. */
  ratio: Nullable(Type.Number()),
  flagged: Type.Boolean(),
});

export const FairnessTable = Type.Object({
  measure: Known(FAIRNESS_MEASURES),
  dimension: Known(FAIRNESS_DIMENSIONS),
  rows: Type.Array(FairnessRow),
});

export const FairnessReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  threshold: Type.Integer(),
  flagRatio: Type.Number(),
  /** Person–vacancy pairs in the eligible pool (null when below the threshold). */
  poolTotal: Count,
  /** Nothing was listed for these filters: no table. */
  empty: Type.Boolean(),
  ageBands: Type.Array(Known(AGE_BANDS)),
  tables: Type.Array(FairnessTable),
});
export type FairnessReport = Static<typeof FairnessReport>;

export const FairnessExportQuery = Type.Object({
  ...FairnessQuery.properties,
  format: Literals(['csv', 'xlsx'] as const),
});
export type FairnessExportQuery = Static<typeof FairnessExportQuery>;

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' });

export const fairnessReport = defineOp({
  method: 'GET',
  path: '/matching/fairness',
  tags,
  summary: 'Shares of proposals, referrals and hires by sex, age band and target group against the eligible pool',
  description:
    'Over every vacancy of an office (the office following its employer) and an ISCO major or sub-major group in a ' +
    'period; never per vacancy. Counts below the organisation’s suppression threshold are not shown (null); a ratio ' +
    'below 0.8 is flagged. Special-category target groups only for special-category:read.',
  access: 'matching:fairness',
  query: FairnessQuery,
  response: FairnessReport,
});

export const fairnessExport = defineOp({
  method: 'GET',
  path: '/matching/fairness/export',
  tags,
  summary: 'The fairness monitor as a file: CSV (UTF-8 with BOM) or XLSX (the tables and a sheet with the rule)',
  description:
    'The same tables as GET /matching/fairness for the same filters, one row per measure, dimension and group; ' +
    'counts below the threshold read "x" (never 0). Audited as an export.',
  access: 'matching:fairness',
  query: FairnessExportQuery,
  response: Binary,
});
