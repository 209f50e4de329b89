/**
 * The surveys module's API (issue 17, docs/SURVEYS.md): the form builder with frozen published versions,
 * anonymous public links, responses (registered persons with survey consent, the public link, staff
 * interviewers) and results with the indicators' disclosure control.
 */
import { Type, type Static } from 'typebox';
import {
  CONDITION_OPERATORS,
  MAX_OPTIONS,
  MAX_QUESTIONS,
  QUESTION_KEY_PATTERN,
  QUESTION_TYPES,
  RESPONSE_CHANNELS,
  RESULT_BREAKDOWNS,
  SURVEY_STATUSES,
  VERSION_STATUSES,
} from '../surveys.ts';
import { defineOp } from './op.ts';
import { IdParams, IsoDateTime, Known, Literals, LocaleSchema, Nullable, Uuid } from './schema.ts';

const tags = ['surveys'] as const;
const readers = 'surveys:read' as const;
const managers = 'surveys:manage' as const;
const enterers = 'surveys:enter' as const;

/** A text in the three languages: Turkish required, English and Arabic may be empty (Turkish is shown then). */
export const TextsInput = Type.Object(
  {
    tr: Type.String({ minLength: 1, maxLength: 500 }),
    en: Type.String({ maxLength: 500 }),
    ar: Type.String({ maxLength: 500 }),
  },
  { additionalProperties: false },
);
const TextsOut = Type.Object({ tr: Type.String(), en: Type.String(), ar: Type.String() });

const Key = Type.String({ pattern: QUESTION_KEY_PATTERN });

export const ConditionInput = Type.Object(
  {
    question: Key,
    op: Literals(CONDITION_OPERATORS),
    value: Type.Optional(Nullable(Type.Union([Type.String({ maxLength: 60 }), Type.Number()]))),
  },
  { additionalProperties: false },
);

export const QuestionInput = Type.Object(
  {
    key: Key,
    type: Literals(QUESTION_TYPES),
    text: TextsInput,
    required: Type.Boolean(),
    special: Type.Boolean(),
    options: Type.Optional(
      Nullable(
        Type.Array(
          Type.Object(
            { value: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }), label: TextsInput },
            { additionalProperties: false },
          ),
          { maxItems: MAX_OPTIONS },
        ),
      ),
    ),
    min: Type.Optional(Nullable(Type.Number())),
    max: Type.Optional(Nullable(Type.Number())),
    minLabel: Type.Optional(Nullable(TextsInput)),
    maxLabel: Type.Optional(Nullable(TextsInput)),
    /** District questions: the province whose districts are offered. */
    province: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 60 }))),
    showIf: Type.Optional(Nullable(ConditionInput)),
  },
  { additionalProperties: false },
);
export type QuestionInput = Static<typeof QuestionInput>;

const Question = Type.Object({
  key: Type.String(),
  type: Known(QUESTION_TYPES),
  text: TextsOut,
  required: Type.Boolean(),
  special: Type.Boolean(),
  options: Nullable(Type.Array(Type.Object({ value: Type.String(), label: TextsOut }))),
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  minLabel: Nullable(TextsOut),
  maxLabel: Nullable(TextsOut),
  province: Nullable(Type.String()),
  districts: Nullable(Type.Array(Type.String())),
  showIf: Nullable(
    Type.Object({
      question: Type.String(),
      op: Known(CONDITION_OPERATORS),
      value: Type.Optional(Nullable(Type.Union([Type.String(), Type.Number()]))),
    }),
  ),
});
export type Question = Static<typeof Question>;

export const SurveyCreate = Type.Object(
  {
    title: TextsInput,
    description: Type.Optional(Nullable(TextsInput)),
    questions: Type.Array(QuestionInput, { maxItems: MAX_QUESTIONS }),
  },
  { additionalProperties: false },
);
export type SurveyCreate = Static<typeof SurveyCreate>;

export const DraftBody = SurveyCreate;
export type DraftBody = SurveyCreate;

const Version = Type.Object({
  id: Type.String(),
  number: Type.Integer(),
  status: Known(VERSION_STATUSES),
  questions: Type.Array(Question),
  publishedAt: Nullable(Type.String()),
  responses: Type.Integer(),
});
export type Version = Static<typeof Version>;

export const Link = Type.Object({
  id: Type.String(),
  token: Type.String(),
  label: Nullable(Type.String()),
  maxResponses: Nullable(Type.Integer()),
  opensAt: Nullable(Type.String()),
  closesAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  responses: Type.Integer(),
  /** Whether the link takes responses now. */
  open: Type.Boolean(),
});
export type Link = Static<typeof Link>;

export const SurveySummary = Type.Object({
  id: Type.String(),
  title: TextsOut,
  status: Known(SURVEY_STATUSES),
  version: Nullable(Type.Integer()),
  responses: Type.Integer(),
  updatedAt: Type.String(),
});
export type SurveySummary = Static<typeof SurveySummary>;

export const Survey = Type.Object({
  id: Type.String(),
  title: TextsOut,
  description: Nullable(TextsOut),
  status: Known(SURVEY_STATUSES),
  /** The published version (what respondents answer), if any. */
  published: Nullable(Version),
  /** The version being edited, if any. */
  draft: Nullable(Version),
  versions: Type.Array(
    Type.Object({
      id: Type.String(),
      number: Type.Integer(),
      status: Known(VERSION_STATUSES),
      responses: Type.Integer(),
    }),
  ),
  links: Type.Array(Link),
  responses: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Survey = Static<typeof Survey>;

export const LinkCreate = Type.Object(
  {
    label: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    maxResponses: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 100_000 }))),
    opensAt: Type.Optional(Nullable(IsoDateTime)),
    closesAt: Type.Optional(Nullable(IsoDateTime)),
  },
  { additionalProperties: false },
);
export type LinkCreate = Static<typeof LinkCreate>;

const AnswerValue = Type.Union([
  Type.String({ maxLength: 2000 }),
  Type.Number(),
  Type.Array(Type.String({ maxLength: 60 }), { maxItems: MAX_OPTIONS }),
]);
const AnswersInput = Type.Record(Type.String({ pattern: QUESTION_KEY_PATTERN }), AnswerValue, {
  maxProperties: MAX_QUESTIONS,
});

export const PublicResponseBody = Type.Object(
  {
    versionId: Uuid,
    answers: AnswersInput,
    /** The respondent's explicit consent to the special-category questions (required when one is answered). */
    specialConsent: Type.Optional(Type.Boolean()),
    locale: LocaleSchema,
  },
  { additionalProperties: false },
);
export type PublicResponseBody = Static<typeof PublicResponseBody>;

export const EnterResponseBody = Type.Object(
  {
    /** A registered person who gave survey consent; without one, an anonymous phone interview. */
    personId: Type.Optional(Nullable(Uuid)),
    answers: AnswersInput,
    specialConsent: Type.Optional(Type.Boolean()),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type EnterResponseBody = Static<typeof EnterResponseBody>;

export const PublicSurvey = Type.Object({
  title: TextsOut,
  description: Nullable(TextsOut),
  versionId: Type.String(),
  questions: Type.Array(Question),
});
export type PublicSurvey = Static<typeof PublicSurvey>;

export const ResponseView = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  channel: Known(RESPONSE_CHANNELS),
  person: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  enteredBy: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  answers: Type.Record(Type.String(), AnswerValue),
  /** Keys of special-category answers held but not shown to this reader. */
  withheld: Type.Array(Type.String()),
  specialConsentAt: Nullable(Type.String()),
  submittedAt: Type.String(),
});
export type ResponseView = Static<typeof ResponseView>;

/** One answer of a person's response, with its question's text (and the chosen options' labels). */
export const PersonAnswer = Type.Object({
  key: Type.String(),
  question: TextsOut,
  special: Type.Boolean(),
  value: AnswerValue,
  /** The labels of the chosen options, for choice questions. */
  labels: Nullable(Type.Array(TextsOut)),
});
export type PersonAnswer = Static<typeof PersonAnswer>;

/** A response a registered person gave, as shown on their page. */
export const PersonResponse = Type.Object({
  id: Type.String(),
  survey: Type.Object({ id: Type.String(), title: TextsOut }),
  version: Type.Integer(),
  channel: Known(RESPONSE_CHANNELS),
  enteredBy: Nullable(Type.String()),
  submittedAt: Type.String(),
  answers: Type.Array(PersonAnswer),
  /** Questions of special category answered but not shown to this reader (no special-category:read). */
  withheld: Type.Array(TextsOut),
});
export type PersonResponse = Static<typeof PersonResponse>;

export const ResultsQuery = Type.Object(
  {
    versionId: Type.Optional(Uuid),
    breakdown: Type.Optional(Literals(RESULT_BREAKDOWNS)),
  },
  { additionalProperties: false },
);

export const QuestionResultView = Type.Object({
  key: Type.String(),
  type: Known(QUESTION_TYPES),
  text: TextsOut,
  special: Type.Boolean(),
  /** A special-category question's results for a reader without special-category:read. */
  withheld: Type.Boolean(),
  answered: Nullable(Type.Integer()),
  tabulated: Type.Boolean(),
  categories: Type.Array(Type.Object({ value: Type.String(), label: TextsOut })),
  groups: Type.Array(Type.String()),
  cells: Type.Array(
    Type.Object({ value: Type.String(), group: Nullable(Type.String()), count: Nullable(Type.Integer()) }),
  ),
  suppressedCells: Type.Integer(),
});
export type QuestionResultView = Static<typeof QuestionResultView>;

export const Results = Type.Object({
  versionId: Nullable(Type.String()),
  version: Nullable(Type.Integer()),
  breakdown: Nullable(Known(RESULT_BREAKDOWNS)),
  /** The smallest published cell; null when the reader sees exact figures. */
  threshold: Nullable(Type.Integer()),
  responses: Nullable(Type.Integer()),
  questions: Type.Array(QuestionResultView),
});
export type Results = Static<typeof Results>;

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' });

const SurveyParams = Type.Object({ id: Uuid });
const LinkParams = Type.Object({ id: Uuid, linkId: Uuid });
const TokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });

export const listSurveys = defineOp({
  method: 'GET',
  path: '/surveys',
  tags,
  summary: "The organisation's surveys",
  access: readers,
  response: Type.Object({ items: Type.Array(SurveySummary) }),
});

export const createSurvey = defineOp({
  method: 'POST',
  path: '/surveys',
  tags,
  summary: 'Create a survey with its first draft version',
  access: managers,
  body: SurveyCreate,
  response: Survey,
  status: 201,
});

export const getSurvey = defineOp({
  method: 'GET',
  path: '/surveys/:id',
  tags,
  summary: 'A survey with its published and draft versions and its public links',
  access: readers,
  params: IdParams,
  response: Survey,
});

export const saveDraft = defineOp({
  method: 'PUT',
  path: '/surveys/:id/draft',
  tags,
  summary: 'Save the draft version (a published version is frozen: the first edit after publishing makes a new draft)',
  access: managers,
  params: IdParams,
  body: DraftBody,
  response: Survey,
});

export const publishSurvey = defineOp({
  method: 'POST',
  path: '/surveys/:id/publish',
  tags,
  summary: 'Publish the draft: it becomes the version respondents answer; the previous one is superseded',
  access: managers,
  params: IdParams,
  response: Survey,
});

export const closeSurvey = defineOp({
  method: 'POST',
  path: '/surveys/:id/close',
  tags,
  summary: 'Close the survey: no more responses on any channel',
  access: managers,
  params: IdParams,
  response: Survey,
});

export const createLink = defineOp({
  method: 'POST',
  path: '/surveys/:id/links',
  tags,
  summary: 'Make an anonymous public link with a response limit and an open period',
  access: managers,
  params: SurveyParams,
  body: LinkCreate,
  response: Link,
  status: 201,
});

export const closeLink = defineOp({
  method: 'POST',
  path: '/surveys/:id/links/:linkId/close',
  tags,
  summary: 'Close a public link',
  access: managers,
  params: LinkParams,
  response: Link,
});

export const enterResponse = defineOp({
  method: 'POST',
  path: '/surveys/:id/responses',
  tags,
  summary: 'Record a response as an interviewer (phone survey) or for a registered person with survey consent',
  access: enterers,
  params: IdParams,
  body: EnterResponseBody,
  response: ResponseView,
  status: 201,
});

export const listResponses = defineOp({
  method: 'GET',
  path: '/surveys/:id/responses',
  tags,
  summary: 'The responses one by one (special-category answers only with special-category:read)',
  access: managers,
  params: IdParams,
  response: Type.Object({ items: Type.Array(ResponseView) }),
});

export const surveyResults = defineOp({
  method: 'GET',
  path: '/surveys/:id/results',
  tags,
  summary: 'Counts per question and answer, optionally by sex, age band or district; small cells suppressed',
  access: readers,
  params: IdParams,
  query: ResultsQuery,
  response: Results,
});

export const exportResults = defineOp({
  method: 'GET',
  path: '/surveys/:id/results/export',
  tags,
  summary: 'The results as CSV or XLSX (always with small cells suppressed)',
  access: readers,
  params: IdParams,
  query: Type.Object(
    {
      versionId: Type.Optional(Uuid),
      breakdown: Type.Optional(Literals(RESULT_BREAKDOWNS)),
      format: Literals(EXPORT_FORMATS),
    },
    { additionalProperties: false },
  ),
  response: Binary,
});

export const publicSurvey = defineOp({
  method: 'GET',
  path: '/public/surveys/:token',
  tags,
  summary: 'The form behind a public link (no sign-in); 410 when the link is closed, full or not yet open',
  access: 'public',
  params: TokenParams,
  response: PublicSurvey,
});

export const submitPublicResponse = defineOp({
  method: 'POST',
  path: '/public/surveys/:token/responses',
  tags,
  summary: 'Answer a survey through its public link (anonymous; rate-limited)',
  access: 'public',
  params: TokenParams,
  body: PublicResponseBody,
  response: Type.Object({ received: Type.Boolean() }),
  status: 201,
});

export const listPersonResponses = defineOp({
  method: 'GET',
  path: '/persons/:id/survey-responses',
  tags,
  summary:
    "A registered person's survey responses, newest first (special-category answers only with special-category:read; reads audited)",
  description:
    "For the person page: needs persons:read (the person in the reader's offices) and surveys:read; " +
    'without special-category:read the special questions are named under withheld, their answers not sent.',
  access: 'persons:read',
  params: IdParams,
  response: Type.Object({ items: Type.Array(PersonResponse) }),
});
