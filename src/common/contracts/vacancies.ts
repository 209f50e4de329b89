/**
 * The vacancies module's API: vacancies and their workflow draft → submitted → published →
 * filled/closed, the decent-work check, and the platform's decent-work limits.
 */
import { Type, type Static, type TNumber } from 'typebox';
import {
  CEFR_LEVELS,
  CONTRACT_TYPES,
  EMPLOYER_STATUSES,
  SHIFTS,
  TARGET_GROUPS,
  VACANCY_STATUSES,
  WAGE_BASES,
} from '../enums.ts';
import { LIMIT_RANGES, type DecentWorkLimits } from '../decent-work.ts';
import type { MessageParams } from '../message-format.ts';
import { LINK_STATUSES } from '../occupation-codes.ts';
import { defineOp } from './op.ts';
import { IdParams, IsoDate, Known, Literals, Nullable, Page, Uuid } from './schema.ts';

const tags = ['vacancies'] as const;
const readers = ['vacancies:read', 'employer-portal'] as const;
const writers = ['vacancies:write', 'employer-portal'] as const;

export const VACANCY_OUTCOMES = ['filled', 'closed'] as const;
export const REVIEW_DECISIONS = ['publish', 'return'] as const;

/** The fields of a vacancy an author writes (all of them on creation, any of them in a change). */
const fields = {
  title: Type.String({ minLength: 3, maxLength: 200 }),
  occupation: Type.String({ minLength: 2, maxLength: 200 }),
  /** The ISCO-08 unit group chosen in the autocomplete; without it the occupation is linked automatically. */
  iscoCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{4}$', description: 'ISCO-08 unit group' }))),
  duties: Type.String({ minLength: 10, maxLength: 10000, text: 'multiline' }),
  requiredSkills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 30 })),
  preferredSkills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 30 })),
  requiredSkillIds: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 30, uniqueItems: true }),
  ),
  preferredSkillIds: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 30, uniqueItems: true }),
  ),
  requiredLicences: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 10 }), { maxItems: 10, uniqueItems: true }),
  ),
  requiredCertificates: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 10, uniqueItems: true }),
  ),
  iscedLevel: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 8 }))),
  languages: Type.Optional(
    Type.Array(
      Type.Object(
        { code: Type.String({ pattern: '^[a-z]{2,3}$' }), level: Literals(CEFR_LEVELS) },
        { additionalProperties: false },
      ),
      { maxItems: 10 },
    ),
  ),
  province: Type.String({ minLength: 2, maxLength: 60 }),
  district: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  remote: Type.Optional(Type.Boolean()),
  positions: Type.Integer({ minimum: 1, maximum: 10000 }),
  contractType: Literals(CONTRACT_TYPES),
  startDate: IsoDate,
  hoursPerDay: Type.Number({ exclusiveMinimum: 0, maximum: 24 }),
  hoursPerWeek: Type.Number({ exclusiveMinimum: 0, maximum: 168 }),
  daysPerWeek: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 7 }))),
  shifts: Type.Array(Literals(SHIFTS), { uniqueItems: true, minItems: 1 }),
  minimumAge: Type.Optional(Type.Integer({ minimum: 0, maximum: 70 })),
  wageMin: Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 }),
  wageMax: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 }))),
  wageBasis: Literals(WAGE_BASES),
  benefits: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
  childcareSupport: Type.Optional(Type.Boolean()),
  accessibleWorkplace: Type.Optional(Type.Boolean()),
  suitableGroups: Type.Optional(Type.Array(Literals(TARGET_GROUPS), { uniqueItems: true })),
  deadline: Type.Optional(Nullable(IsoDate)),
  wordingJustification: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
};

/** A new vacancy (staff name the employer; an employer user posts for their own). The import checks rows against it. */
export const VacancyCreate = Type.Object(
  { ...fields, employerId: Type.Optional(Uuid) },
  { additionalProperties: false },
);
export type VacancyCreate = Static<typeof VacancyCreate>;
export const VacancyPatch = Type.Partial(Type.Object(fields), { additionalProperties: false, minProperties: 1 });
export type VacancyPatch = Static<typeof VacancyPatch>;

export const WordingFlagView = Type.Object({ ground: Type.String(), excerpt: Type.String(), pointer: Type.String() });
export type WordingFlagView = Static<typeof WordingFlagView>;

export const Vacancy = Type.Object({
  id: Type.String(),
  employer: Type.Object({ id: Type.String(), name: Type.String(), status: Known(EMPLOYER_STATUSES) }),
  title: Type.String(),
  occupation: Type.String(),
  iscoCode: Nullable(Type.String()),
  /** How the occupation was linked: chosen, auto, review, none, confirmed (src/common/occupation-codes.ts). */
  iscoStatus: Nullable(Known(LINK_STATUSES)),
  duties: Type.String(),
  requiredSkills: Type.Array(Type.String()),
  preferredSkills: Type.Array(Type.String()),
  requiredSkillIds: Type.Array(Type.String()),
  preferredSkillIds: Type.Array(Type.String()),
  requiredLicences: Type.Array(Type.String()),
  requiredCertificates: Type.Array(Type.String()),
  iscedLevel: Nullable(Type.Integer()),
  languages: Type.Array(Type.Object({ code: Type.String(), level: Known(CEFR_LEVELS) })),
  province: Type.String(),
  district: Nullable(Type.String()),
  remote: Type.Boolean(),
  positions: Type.Integer(),
  contractType: Known(CONTRACT_TYPES),
  startDate: Type.String(),
  hoursPerDay: Type.Number(),
  hoursPerWeek: Type.Number(),
  daysPerWeek: Nullable(Type.Integer()),
  shifts: Type.Array(Known(SHIFTS)),
  minimumAge: Type.Integer(),
  wageMin: Type.Number(),
  wageMax: Nullable(Type.Number()),
  wageBasis: Known(WAGE_BASES),
  benefits: Nullable(Type.String()),
  childcareSupport: Type.Boolean(),
  accessibleWorkplace: Type.Boolean(),
  suitableGroups: Type.Array(Known(TARGET_GROUPS)),
  deadline: Nullable(Type.String()),
  status: Known(VACANCY_STATUSES),
  wordingFlags: Type.Array(WordingFlagView),
  wordingJustification: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
  publishedAt: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Vacancy = Static<typeof Vacancy>;

/** One failing rule: a message key (decentWork.<rule>), the field it concerns and the values for its message. */
export const RuleViolation = Type.Object({
  rule: Type.String(),
  code: Type.String(),
  pointer: Type.String(),
  params: Type.Unsafe<MessageParams>(Type.Record(Type.String(), Type.Unknown())),
  message: Type.Optional(
    Type.String({ description: "Formatted in the caller's language (money, dates, terms); absent in the live check" }),
  ),
});
export type RuleViolation = Static<typeof RuleViolation>;

export const RuleFlag = Type.Object({
  ground: Type.String(),
  excerpt: Type.String(),
  pointer: Type.String(),
  code: Type.String(),
  message: Type.Optional(Type.String()),
});
export type RuleFlag = Static<typeof RuleFlag>;

export const VacancyCheck = Type.Object({
  violations: Type.Array(RuleViolation),
  wordingFlags: Type.Array(RuleFlag),
  justified: Type.Boolean(),
});
export type VacancyCheck = Static<typeof VacancyCheck>;

/** The platform's decent-work limits, each within its statutory range (422 outside it). */
export const Limits = Type.Object(
  Object.fromEntries(
    (Object.keys(LIMIT_RANGES) as (keyof DecentWorkLimits)[]).map((key) => [
      key,
      Type.Number({ minimum: LIMIT_RANGES[key].min, maximum: LIMIT_RANGES[key].max }),
    ]),
  ) as Record<keyof DecentWorkLimits, TNumber>,
);

// ---- operations ------------------------------------------------------------------------------------

export const listVacancies = defineOp({
  method: 'GET',
  path: '/vacancies',
  tags,
  summary: "The organisation's vacancies (an employer user: their own)",
  access: readers,
  query: Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(Literals(VACANCY_STATUSES)),
    employerId: Type.Optional(Uuid),
    isco: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,4}$', description: 'An ISCO-08 group of any level (1–4 digits)' }),
    ),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(Vacancy),
});

export const createVacancy = defineOp({
  method: 'POST',
  path: '/vacancies',
  tags,
  summary: 'Create a vacancy as a draft (staff name the employer; an employer user posts for their own)',
  access: writers,
  body: VacancyCreate,
  response: Vacancy,
  status: 201,
});

export const getVacancy = defineOp({
  method: 'GET',
  path: '/vacancies/:id',
  tags,
  summary: 'A vacancy',
  access: readers,
  params: IdParams,
  response: Vacancy,
});

export const updateVacancy = defineOp({
  method: 'PATCH',
  path: '/vacancies/:id',
  tags,
  summary: 'Change a vacancy (drafts and submitted ones; a published one by staff, re-checked)',
  access: writers,
  params: IdParams,
  body: VacancyPatch,
  response: Vacancy,
});

export const checkVacancy = defineOp({
  method: 'GET',
  path: '/vacancies/:id/check',
  tags,
  summary: 'Check a vacancy against the decent-work rules without changing it',
  access: readers,
  params: IdParams,
  response: VacancyCheck,
});

export const submitVacancy = defineOp({
  method: 'POST',
  path: '/vacancies/:id/submit',
  tags,
  summary: 'Submit for staff review (refused with every failing decent-work rule named)',
  access: writers,
  params: IdParams,
  response: Vacancy,
});

export const reviewVacancy = defineOp({
  method: 'POST',
  path: '/vacancies/:id/review',
  tags,
  summary: 'Staff review: publish (all rules again, employer verified) or return to the employer with a note',
  access: 'vacancies:approve',
  params: IdParams,
  body: Type.Object(
    {
      decision: Literals(REVIEW_DECISIONS),
      note: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
    },
    { additionalProperties: false },
  ),
  response: Vacancy,
});

export const closeVacancy = defineOp({
  method: 'POST',
  path: '/vacancies/:id/close',
  tags,
  summary: 'Close a vacancy, or mark it filled',
  access: writers,
  params: IdParams,
  body: Type.Object({ outcome: Literals(VACANCY_OUTCOMES) }, { additionalProperties: false }),
  response: Vacancy,
});

export const getDecentWorkLimits = defineOp({
  method: 'GET',
  path: '/decent-work/limits',
  tags: ['decent-work'],
  summary: 'Decent-work limits the rules apply (platform data, the same for every organisation)',
  access: 'signed-in',
  response: Limits,
});

export const updateDecentWorkLimits = defineOp({
  method: 'PATCH',
  path: '/decent-work/limits',
  tags: ['decent-work'],
  summary:
    'Change decent-work limits (platform administrator; within the statutory ranges, consistent with each ' +
    'other; logged for every organisation)',
  access: 'platform:reference',
  body: Type.Partial(Limits, { additionalProperties: false, minProperties: 1 }),
  response: Limits,
});
