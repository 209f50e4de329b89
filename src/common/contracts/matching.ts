/**
 * The matching module's API (docs/MATCHING.md): ranked, explained candidates for a vacancy and vacancies
 * for a person; the review list of doubtful occupation links; the organisation's matching settings.
 */
import { Type, type Static } from 'typebox';
import { EXCLUSION_RULES, FACTORS } from '../matching.ts';
import { LINK_STATUSES } from '../occupation-codes.ts';
import { defineOp } from './op.ts';
import { IdParams, Known, Literals, Nullable, Uuid } from './schema.ts';

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

const explained = {
  score: Type.Number({ description: '0–100: the sum of the factors’ points' }),
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

export const vacancyCandidates = defineOp({
  method: 'GET',
  path: '/vacancies/:id/candidates',
  tags,
  summary: 'Ranked candidates for a published vacancy, each with its score, factors and explanation',
  description:
    'Only persons the caller may see (office scope, as the person list), with consent to share their profile, ' +
    'who pass every hard constraint (decent-work rules, required licences and certificates, hours, shifts, ' +
    'districts, not already referred or refused, fewer open referrals than the fair-spread limit). ' +
    'Advisory: a counsellor decides every referral. Each call writes one audit event.',
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
