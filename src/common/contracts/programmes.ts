/**
 * The programmes module's API (docs/PROGRAMMES.md): partner organisations; projects with their partners,
 * donor, budget, dates, target groups and districts; a results framework of outcome and output
 * indicators with baselines and targets per period, whose actuals are computed from the project's
 * courses and the placements after them, or entered by hand and approved by a second person; and the
 * project's activities.
 */
import { Type, type Static } from 'typebox';
import { TARGET_GROUPS } from '../enums.ts';
import {
  ACTIVITY_KINDS,
  AGE_BANDS,
  CURRENCIES,
  INDICATOR_LEVELS,
  INDICATOR_MEASURES,
  INDICATOR_UNITS,
  PARTNER_ROLES,
  PARTNER_TYPES,
  PROJECT_STATUSES,
  TRANSFER_SAFEGUARDS,
  VALUE_STATUSES,
} from '../programmes.ts';
import { defineOp } from './op.ts';
import { HttpUrl, IdParams, IsoDate, Known, Literals, Nullable, Page, Uuid } from './schema.ts';

const tags = ['programmes'] as const;
const readers = 'programmes:read' as const;
const managers = 'programmes:manage' as const;

const Name = Type.String({ minLength: 2, maxLength: 200 });
const OptionalText = (maxLength: number) => Type.Optional(Nullable(Type.String({ maxLength })));
const Sort = Literals(['asc', 'desc'] as const);

export const LocalisedName = Type.Object({
  tr: Type.String(),
  en: Nullable(Type.String()),
  ar: Nullable(Type.String()),
});
export type LocalisedName = Static<typeof LocalisedName>;

// ---- partners ------------------------------------------------------------------------------------------

const TransferSafeguardInput = Type.Object(
  {
    kind: Literals(TRANSFER_SAFEGUARDS),
    date: IsoDate,
    reference: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const partnerFields = {
  name: Name,
  acronym: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 30 }))),
  type: Literals(PARTNER_TYPES),
  /** ISO 3166-1 alpha-2 (TR, CH, US…). */
  country: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$' }))),
  website: Type.Optional(Nullable(HttpUrl())),
  contactName: OptionalText(120),
  contactEmail: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
  contactPhone: Type.Optional(Nullable(Type.String({ pattern: '^\\+?[0-9 ()-]{7,20}$' }))),
  agreements: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
  /**
   * The safeguard for transfers abroad (KVKK art. 9) to a partner outside Türkiye, with its date and
   * reference; null when none is recorded.
   */
  transferSafeguard: Type.Optional(Nullable(TransferSafeguardInput)),
};
export const PartnerInput = Type.Object(partnerFields, { additionalProperties: false });
export type PartnerInput = Static<typeof PartnerInput>;
export const PartnerPatch = Type.Partial(Type.Object(partnerFields), { additionalProperties: false, minProperties: 1 });
export type PartnerPatch = Static<typeof PartnerPatch>;

export const Partner = Type.Object({
  id: Type.String(),
  name: Type.String(),
  acronym: Nullable(Type.String()),
  type: Known(PARTNER_TYPES),
  country: Nullable(Type.String()),
  website: Nullable(Type.String()),
  contactName: Nullable(Type.String()),
  contactEmail: Nullable(Type.String()),
  contactPhone: Nullable(Type.String()),
  agreements: Nullable(Type.String()),
  transferSafeguard: Nullable(
    Type.Object({ kind: Known(TRANSFER_SAFEGUARDS), date: Type.String(), reference: Type.String() }),
  ),
  /** The projects it takes part in, with its roles. */
  projects: Type.Array(
    Type.Object({ id: Type.String(), name: LocalisedName, roles: Type.Array(Known(PARTNER_ROLES)) }),
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Partner = Static<typeof Partner>;

export const PartnerListItem = Type.Object({
  id: Type.String(),
  name: Type.String(),
  acronym: Nullable(Type.String()),
  type: Known(PARTNER_TYPES),
  country: Nullable(Type.String()),
  projects: Type.Integer(),
});
export type PartnerListItem = Static<typeof PartnerListItem>;

export const PARTNER_SORTS = ['name', 'type', 'projects'] as const;

// ---- projects ------------------------------------------------------------------------------------------

const ProjectPartnerInput = Type.Object(
  { partnerId: Uuid, role: Literals(PARTNER_ROLES) },
  { additionalProperties: false },
);

const projectFields = {
  code: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]{0,29}$' }))),
  nameTr: Name,
  nameEn: Type.Optional(Nullable(Name)),
  nameAr: Type.Optional(Nullable(Name)),
  description: Type.Optional(Nullable(Type.String({ maxLength: 4000, text: 'multiline' }))),
  donorId: Type.Optional(Nullable(Uuid)),
  /** The budget in the currency's units (two decimals at most). */
  budgetAmount: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 999999999999, multipleOf: 0.01 }))),
  currency: Type.Optional(Nullable(Literals(CURRENCIES))),
  startDate: IsoDate,
  endDate: IsoDate,
  targetGroups: Type.Array(Literals(TARGET_GROUPS), { uniqueItems: true }),
  /** Enrolment in the project's courses only for this group (one of its target groups), e.g. a Roma youth project. */
  restrictedGroup: Type.Optional(Nullable(Literals(TARGET_GROUPS))),
  districts: Type.Array(Type.String({ minLength: 2, maxLength: 60 }), { uniqueItems: true, maxItems: 60 }),
  partners: Type.Array(ProjectPartnerInput, { maxItems: 30 }),
};
export const ProjectCreate = Type.Object(projectFields, { additionalProperties: false });
export type ProjectCreate = Static<typeof ProjectCreate>;
export const ProjectPatch = Type.Partial(Type.Object({ ...projectFields, status: Literals(PROJECT_STATUSES) }), {
  additionalProperties: false,
  minProperties: 1,
});
export type ProjectPatch = Static<typeof ProjectPatch>;

export const ProjectCourse = Type.Object({
  id: Type.String(),
  title: LocalisedName,
  startDate: Type.String(),
  endDate: Type.String(),
  status: Type.String(),
  enrolled: Type.Integer(),
  completed: Type.Integer(),
});
export type ProjectCourse = Static<typeof ProjectCourse>;

export const Project = Type.Object({
  id: Type.String(),
  code: Nullable(Type.String()),
  name: LocalisedName,
  description: Nullable(Type.String()),
  donor: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  budgetAmount: Nullable(Type.Number()),
  currency: Nullable(Known(CURRENCIES)),
  startDate: Type.String(),
  endDate: Type.String(),
  targetGroups: Type.Array(Known(TARGET_GROUPS)),
  restrictedGroup: Nullable(Known(TARGET_GROUPS)),
  districts: Type.Array(Type.String()),
  status: Known(PROJECT_STATUSES),
  partners: Type.Array(
    Type.Object({
      partnerId: Type.String(),
      name: Type.String(),
      type: Known(PARTNER_TYPES),
      role: Known(PARTNER_ROLES),
    }),
  ),
  courses: Type.Array(ProjectCourse),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Project = Static<typeof Project>;

export const ProjectListItem = Type.Object({
  id: Type.String(),
  code: Nullable(Type.String()),
  name: LocalisedName,
  donor: Nullable(Type.String()),
  startDate: Type.String(),
  endDate: Type.String(),
  status: Known(PROJECT_STATUSES),
  indicators: Type.Integer(),
  courses: Type.Integer(),
});
export type ProjectListItem = Static<typeof ProjectListItem>;

export const PROJECT_SORTS = ['startDate', 'endDate', 'name'] as const;

// ---- the results framework -----------------------------------------------------------------------------

const TargetInput = Type.Object(
  { periodStart: IsoDate, periodEnd: IsoDate, target: Type.Integer({ minimum: 0, maximum: 100000000 }) },
  { additionalProperties: false },
);

const indicatorFields = {
  code: Type.String({ pattern: '^[0-9A-Za-z]+(\\.[0-9A-Za-z]+)*$', maxLength: 20 }),
  level: Literals(INDICATOR_LEVELS),
  titleTr: Name,
  titleEn: Type.Optional(Nullable(Name)),
  titleAr: Type.Optional(Nullable(Name)),
  measure: Literals(INDICATOR_MEASURES),
  unit: Literals(INDICATOR_UNITS),
  baseline: Type.Integer({ minimum: 0, maximum: 100000000 }),
  targets: Type.Array(TargetInput, { minItems: 1, maxItems: 20 }),
};
export const IndicatorInput = Type.Object(indicatorFields, { additionalProperties: false });
export type IndicatorInput = Static<typeof IndicatorInput>;
export const IndicatorPatch = Type.Partial(Type.Object(indicatorFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type IndicatorPatch = Static<typeof IndicatorPatch>;

const GroupCell = Type.Object({
  /** A target-group code, `none` (registered, in no group) or `not-registered` (a fair walk-in not linked). */
  group: Type.String(),
  value: Nullable(Type.Integer()),
  suppressed: Type.Boolean(),
});
const Split = Type.Object({
  female: Type.Integer(),
  male: Type.Integer(),
  /**
   * The actual by target group (a person in two groups counts in both), through the indicators' disclosure
   * control: small cells suppressed unless the reader may read the records anyway. Refugee, Roma and
   * disability rows only for holders of `special-category:read`.
   */
  targetGroups: Type.Array(GroupCell),
  ageBands: Type.Object(
    Object.fromEntries(AGE_BANDS.map((b) => [b, Type.Integer()])) as Record<
      (typeof AGE_BANDS)[number],
      ReturnType<typeof Type.Integer>
    >,
  ),
});

export const IndicatorValue = Type.Object({
  id: Type.String(),
  valueDate: Type.String(),
  value: Type.Integer(),
  evidence: Type.String(),
  status: Known(VALUE_STATUSES),
  enteredBy: Type.String(),
  enteredAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
});
export type IndicatorValue = Static<typeof IndicatorValue>;

export const IndicatorResult = Type.Object({
  id: Type.String(),
  code: Type.String(),
  level: Known(INDICATOR_LEVELS),
  title: LocalisedName,
  measure: Known(INDICATOR_MEASURES),
  unit: Known(INDICATOR_UNITS),
  baseline: Type.Integer(),
  /** Each target period with its actual (records dated within the period) and progress (actual / target, %). */
  periods: Type.Array(
    Type.Object({
      id: Type.String(),
      periodStart: Type.String(),
      periodEnd: Type.String(),
      target: Type.Integer(),
      actual: Type.Integer(),
      progress: Nullable(Type.Integer()),
    }),
  ),
  /** Over the whole framework: the sum of the targets, and the actual over all target periods. */
  target: Type.Integer(),
  actual: Type.Integer(),
  progress: Nullable(Type.Integer()),
  /** By sex and age band (measures that count persons; null otherwise). */
  split: Nullable(Split),
  /** Hand-entered values (manual measure): approved ones count, pending ones wait for a second person. */
  values: Type.Array(IndicatorValue),
});
export type IndicatorResult = Static<typeof IndicatorResult>;

export const Results = Type.Object({
  projectId: Type.String(),
  /** When the actuals were computed (they always are, on each read). */
  computedAt: Type.String(),
  indicators: Type.Array(IndicatorResult),
});
export type Results = Static<typeof Results>;

// ---- activities ----------------------------------------------------------------------------------------

const activityFields = {
  kind: Literals(ACTIVITY_KINDS),
  title: Name,
  startDate: IsoDate,
  endDate: IsoDate,
  place: Type.String({ minLength: 2, maxLength: 200 }),
  district: Type.Optional(Nullable(Type.String({ minLength: 2, maxLength: 60 }))),
  reach: Type.Integer({ minimum: 0, maximum: 10000000 }),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
};
export const ActivityInput = Type.Object(activityFields, { additionalProperties: false });
export type ActivityInput = Static<typeof ActivityInput>;
export const ActivityPatch = Type.Partial(Type.Object(activityFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type ActivityPatch = Static<typeof ActivityPatch>;

export const Activity = Type.Object({
  id: Type.String(),
  projectId: Type.String(),
  kind: Known(ACTIVITY_KINDS),
  title: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  place: Type.String(),
  district: Nullable(Type.String()),
  reach: Type.Integer(),
  notes: Nullable(Type.String()),
});
export type Activity = Static<typeof Activity>;

const IndicatorParams = Type.Object({ id: Uuid, indicatorId: Uuid });

// ---- operations ----------------------------------------------------------------------------------------

export const listPartners = defineOp({
  method: 'GET',
  path: '/partners',
  tags,
  summary: "The organisation's partner organisations",
  access: [readers, 'courses:manage'],
  query: Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    type: Type.Optional(Literals(PARTNER_TYPES)),
    sort: Type.Optional(Literals(PARTNER_SORTS)),
    order: Type.Optional(Sort),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(PartnerListItem),
});

export const createPartner = defineOp({
  method: 'POST',
  path: '/partners',
  tags,
  summary: 'Record a partner organisation',
  access: managers,
  body: PartnerInput,
  response: Partner,
  status: 201,
});

export const getPartner = defineOp({
  method: 'GET',
  path: '/partners/:id',
  tags,
  summary: 'A partner with its projects and roles',
  access: readers,
  params: IdParams,
  response: Partner,
});

export const updatePartner = defineOp({
  method: 'PATCH',
  path: '/partners/:id',
  tags,
  summary: 'Change a partner',
  access: managers,
  params: IdParams,
  body: PartnerPatch,
  response: Partner,
});

export const listProjects = defineOp({
  method: 'GET',
  path: '/projects',
  tags,
  summary: "The organisation's projects (also the course form's project picker)",
  access: [readers, 'courses:manage'],
  query: Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(Literals(PROJECT_STATUSES)),
    partnerId: Type.Optional(Uuid),
    sort: Type.Optional(Literals(PROJECT_SORTS)),
    order: Type.Optional(Sort),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(ProjectListItem),
});

export const createProject = defineOp({
  method: 'POST',
  path: '/projects',
  tags,
  summary: 'Record a project with its partners, donor, budget, dates, target groups and districts',
  access: managers,
  body: ProjectCreate,
  response: Project,
  status: 201,
});

export const getProject = defineOp({
  method: 'GET',
  path: '/projects/:id',
  tags,
  summary: 'A project with its partners and courses',
  access: readers,
  params: IdParams,
  response: Project,
});

export const updateProject = defineOp({
  method: 'PATCH',
  path: '/projects/:id',
  tags,
  summary: 'Change a project (its indicators’ target periods and its courses stay within its dates)',
  access: managers,
  params: IdParams,
  body: ProjectPatch,
  response: Project,
});

export const getResults = defineOp({
  method: 'GET',
  path: '/projects/:id/results',
  tags,
  summary: "The project's results framework: targets against actuals computed from its records, per period",
  access: readers,
  params: IdParams,
  query: Type.Object(
    {
      /** As a donor reads them (the printable donor report): small target-group cells suppressed for every reader. */
      donor: Type.Optional(Type.Boolean()),
    },
    { additionalProperties: false },
  ),
  response: Results,
});

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' });

export const exportBeneficiaries = defineOp({
  method: 'GET',
  path: '/projects/:id/beneficiaries/export',
  tags,
  summary:
    "The project's beneficiary list for its donor (CSV): only persons whose consent to share with partners is in force; each listed person is written to the disclosure log",
  access: managers,
  params: IdParams,
  response: Binary,
});

export const addIndicator = defineOp({
  method: 'POST',
  path: '/projects/:id/indicators',
  tags,
  summary: 'Add an indicator with its baseline and targets per period',
  access: managers,
  params: IdParams,
  body: IndicatorInput,
  response: Results,
  status: 201,
});

export const updateIndicator = defineOp({
  method: 'PATCH',
  path: '/projects/:id/indicators/:indicatorId',
  tags,
  summary: "Change an indicator (targets, when given, replace the indicator's targets)",
  access: managers,
  params: IndicatorParams,
  body: IndicatorPatch,
  response: Results,
});

export const removeIndicator = defineOp({
  method: 'DELETE',
  path: '/projects/:id/indicators/:indicatorId',
  tags,
  summary: 'Remove an indicator that has no hand-entered values',
  access: managers,
  params: IndicatorParams,
  response: Results,
});

export const enterValue = defineOp({
  method: 'POST',
  path: '/projects/:id/indicators/:indicatorId/values',
  tags,
  summary: 'Enter a value by hand, with its evidence (counted once a second person approves it)',
  access: managers,
  params: IndicatorParams,
  body: Type.Object(
    {
      valueDate: IsoDate,
      value: Type.Integer({ minimum: 0, maximum: 100000000 }),
      evidence: Type.String({ minLength: 3, maxLength: 1000, text: 'multiline' }),
    },
    { additionalProperties: false },
  ),
  response: Results,
  status: 201,
});

export const decideValue = defineOp({
  method: 'POST',
  path: '/indicator-values/:id/decision',
  tags,
  summary: 'Approve or reject a hand-entered value (not by the person who entered it)',
  access: managers,
  params: IdParams,
  body: Type.Object(
    {
      decision: Literals(['approved', 'rejected'] as const),
      note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    },
    { additionalProperties: false },
  ),
  response: Results,
});

export const listActivities = defineOp({
  method: 'GET',
  path: '/projects/:id/activities',
  tags,
  summary: "The project's activities (trainings, workshops, job fairs, meetings, campaigns)",
  access: readers,
  params: IdParams,
  query: Type.Object({
    kind: Type.Optional(Literals(ACTIVITY_KINDS)),
    order: Type.Optional(Sort),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(Activity),
});

export const addActivity = defineOp({
  method: 'POST',
  path: '/projects/:id/activities',
  tags,
  summary: 'Record an activity of the project (within its dates)',
  access: managers,
  params: IdParams,
  body: ActivityInput,
  response: Activity,
  status: 201,
});

export const updateActivity = defineOp({
  method: 'PATCH',
  path: '/activities/:id',
  tags,
  summary: 'Change an activity',
  access: managers,
  params: IdParams,
  body: ActivityPatch,
  response: Activity,
});

export const removeActivity = defineOp({
  method: 'DELETE',
  path: '/activities/:id',
  tags,
  summary: 'Remove an activity',
  access: managers,
  params: IdParams,
  response: Type.Object({ removed: Type.Boolean() }),
});
