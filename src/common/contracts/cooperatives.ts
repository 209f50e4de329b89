/**
 * The cooperatives module's API (docs/COOPERATIVES.md): the registry of cooperatives (ICLS 2018 type,
 * legal type under Law 1163, NACE sector, focus, members and workers), their general assemblies, clients,
 * registered persons who became members or employees, support given, trade between cooperatives and
 * projects; statistics by type, sex and district with disclosure control; warning signs of sham
 * cooperatives and the review tasks they open.
 */
import { Type, type Static } from 'typebox';
import {
  ASSEMBLY_KINDS,
  FOCUS_TAGS,
  ICLS_TYPES,
  LEGAL_TYPES,
  LINK_ROLES,
  REVIEW_STATUSES,
  STAT_DIMENSIONS,
  STAT_MEASURES,
  SUPPORT_KINDS,
  TURNOVER_BANDS,
  WARNING_SIGNS,
} from '../cooperatives.ts';
import { defineOp } from './op.ts';
import { IdParams, IsoDate, Known, Literals, Nullable, Page, Uuid } from './schema.ts';

const tags = ['cooperatives'] as const;
const readers = 'cooperatives:read' as const;
const managers = 'cooperatives:manage' as const;

const Count = Type.Integer({ minimum: 0, maximum: 1000000 });
const OptionalCount = Type.Optional(Nullable(Count));
const Sort = Literals(['asc', 'desc'] as const);
const Amount = Type.Number({ minimum: 0, maximum: 999999999999, multipleOf: 0.01 });
const Params = Type.Object({ id: Uuid, itemId: Uuid });
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' });

// ---- cooperatives --------------------------------------------------------------------------------------

const cooperativeFields = {
  name: Type.String({ minLength: 2, maxLength: 200 }),
  iclsType: Literals(ICLS_TYPES),
  legalType: Literals(LEGAL_TYPES),
  /** NACE Rev. 2: a section letter, or a division/group/class code (01, 01.1, 01.11). */
  naceCode: Type.Optional(Nullable(Type.String({ pattern: '^([A-U]|[0-9]{2}(\\.[0-9]{1,2})?)$' }))),
  focusTags: Type.Array(Literals(FOCUS_TAGS), { uniqueItems: true }),
  registrationNumber: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 40 }))),
  registrationDate: Type.Optional(Nullable(IsoDate)),
  province: Type.String({ minLength: 2, maxLength: 60 }),
  district: Type.String({ minLength: 2, maxLength: 60 }),
  membersWomen: Count,
  membersMen: Count,
  /** Members by age band: when given, the bands add up to the members. */
  membersAge18to29: Type.Optional(Count),
  membersAge30to44: Type.Optional(Count),
  membersAge45to64: Type.Optional(Count),
  membersAge65plus: Type.Optional(Count),
  memberWorkersWomen: Count,
  memberWorkersMen: Count,
  employeesWomen: Count,
  employeesMen: Count,
  dependentUninsured: Type.Optional(Count),
  /** Restricted like the target groups: only with special-category:read. */
  membersRefugees: OptionalCount,
  membersRoma: OptionalCount,
  membersDisability: OptionalCount,
  activities: Type.Optional(Nullable(Type.String({ maxLength: 4000, text: 'multiline' }))),
  turnoverBand: Type.Optional(Nullable(Literals(TURNOVER_BANDS))),
  officerId: Type.Optional(Nullable(Uuid)),
};
export const CooperativeInput = Type.Object(cooperativeFields, { additionalProperties: false });
export type CooperativeInput = Static<typeof CooperativeInput>;
export const CooperativePatch = Type.Partial(Type.Object(cooperativeFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type CooperativePatch = Static<typeof CooperativePatch>;

export const WarningFlag = Type.Object({
  sign: Known(WARNING_SIGNS),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
});
export type WarningFlag = Static<typeof WarningFlag>;

export const Review = Type.Object({
  id: Type.String(),
  cooperativeId: Type.String(),
  cooperativeName: Type.String(),
  sign: Known(WARNING_SIGNS),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  status: Known(REVIEW_STATUSES),
  assignedTo: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  openedAt: Type.String(),
  resolvedAt: Nullable(Type.String()),
  resolutionNote: Nullable(Type.String()),
});
export type Review = Static<typeof Review>;

export const MemberLink = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  /** The person's name for who may read persons; null otherwise. */
  personName: Nullable(Type.String()),
  role: Known(LINK_ROLES),
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
  socialSecurity: Type.Boolean(),
  dependentWork: Type.Boolean(),
  employer: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  note: Nullable(Type.String()),
});
export type MemberLink = Static<typeof MemberLink>;

export const Cooperative = Type.Object({
  id: Type.String(),
  name: Type.String(),
  iclsType: Known(ICLS_TYPES),
  legalType: Known(LEGAL_TYPES),
  naceCode: Nullable(Type.String()),
  focusTags: Type.Array(Known(FOCUS_TAGS)),
  registrationNumber: Nullable(Type.String()),
  registrationDate: Nullable(Type.String()),
  province: Type.String(),
  district: Type.String(),
  membersWomen: Type.Integer(),
  membersMen: Type.Integer(),
  membersAge18to29: Type.Integer(),
  membersAge30to44: Type.Integer(),
  membersAge45to64: Type.Integer(),
  membersAge65plus: Type.Integer(),
  memberWorkersWomen: Type.Integer(),
  memberWorkersMen: Type.Integer(),
  employeesWomen: Type.Integer(),
  employeesMen: Type.Integer(),
  dependentUninsured: Type.Integer(),
  /** Null both when not recorded and when the caller may not see them (`restricted` says which). */
  membersRefugees: Nullable(Type.Integer()),
  membersRoma: Nullable(Type.Integer()),
  membersDisability: Nullable(Type.Integer()),
  restricted: Type.Boolean(),
  activities: Nullable(Type.String()),
  turnoverBand: Nullable(Known(TURNOVER_BANDS)),
  officer: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  assemblies: Type.Array(
    Type.Object({
      id: Type.String(),
      heldOn: Type.String(),
      kind: Known(ASSEMBLY_KINDS),
      note: Nullable(Type.String()),
    }),
  ),
  clients: Type.Object({
    year: Nullable(Type.Integer()),
    items: Type.Array(Type.Object({ name: Type.String(), sharePercent: Type.Integer() })),
  }),
  members: Type.Array(MemberLink),
  support: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Known(SUPPORT_KINDS),
      givenOn: Type.String(),
      amount: Nullable(Type.Number()),
      description: Type.String(),
    }),
  ),
  trades: Type.Array(
    Type.Object({
      id: Type.String(),
      direction: Known(['sold', 'bought'] as const),
      partner: Type.Object({ id: Type.String(), name: Type.String() }),
      tradedOn: Type.String(),
      amount: Type.Number(),
      description: Type.String(),
    }),
  ),
  projects: Type.Array(Type.Object({ id: Type.String() })),
  /** The warning signs as they stand today, each explained. */
  flags: Type.Array(WarningFlag),
  reviews: Type.Array(Review),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Cooperative = Static<typeof Cooperative>;

export const CooperativeListItem = Type.Object({
  id: Type.String(),
  name: Type.String(),
  iclsType: Known(ICLS_TYPES),
  legalType: Known(LEGAL_TYPES),
  focusTags: Type.Array(Known(FOCUS_TAGS)),
  province: Type.String(),
  district: Type.String(),
  members: Type.Integer(),
  workers: Type.Integer(),
  registrationDate: Nullable(Type.String()),
  openReviews: Type.Integer(),
});
export type CooperativeListItem = Static<typeof CooperativeListItem>;

export const COOPERATIVE_SORTS = ['name', 'members', 'registrationDate', 'district'] as const;

export const listCooperatives = defineOp({
  method: 'GET',
  path: '/cooperatives',
  tags,
  summary: 'The registry of cooperatives: search, filter, sort, pages',
  access: readers,
  query: Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    iclsType: Type.Optional(Literals(ICLS_TYPES)),
    legalType: Type.Optional(Literals(LEGAL_TYPES)),
    focusTag: Type.Optional(Literals(FOCUS_TAGS)),
    province: Type.Optional(Type.String({ maxLength: 60 })),
    flagged: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Literals(COOPERATIVE_SORTS)),
    order: Type.Optional(Sort),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(CooperativeListItem),
});

export const createCooperative = defineOp({
  method: 'POST',
  path: '/cooperatives',
  tags,
  summary: 'Record a cooperative',
  access: managers,
  body: CooperativeInput,
  response: Cooperative,
  status: 201,
});

export const getCooperative = defineOp({
  method: 'GET',
  path: '/cooperatives/:id',
  tags,
  summary: 'A cooperative with its assemblies, clients, members, support, trade, projects and warning signs',
  access: readers,
  params: IdParams,
  response: Cooperative,
});

export const updateCooperative = defineOp({
  method: 'PATCH',
  path: '/cooperatives/:id',
  tags,
  summary: 'Change a cooperative',
  access: managers,
  params: IdParams,
  body: CooperativePatch,
  response: Cooperative,
});

export const addAssembly = defineOp({
  method: 'POST',
  path: '/cooperatives/:id/assemblies',
  tags,
  summary: 'Record a general assembly held',
  access: managers,
  params: IdParams,
  body: Type.Object(
    {
      heldOn: IsoDate,
      kind: Literals(ASSEMBLY_KINDS),
      note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
    },
    { additionalProperties: false },
  ),
  response: Cooperative,
  status: 201,
});

export const removeAssembly = defineOp({
  method: 'DELETE',
  path: '/cooperatives/:id/assemblies/:itemId',
  tags,
  summary: 'Remove a general assembly recorded by mistake',
  access: managers,
  params: Params,
  response: Cooperative,
});

export const setClients = defineOp({
  method: 'PUT',
  path: '/cooperatives/:id/clients',
  tags,
  summary: 'Record the clients and their shares of income for a year (from the accounts); shares add up to 100 at most',
  access: managers,
  params: IdParams,
  body: Type.Object(
    {
      year: Type.Integer({ minimum: 1990, maximum: 2100 }),
      clients: Type.Array(
        Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            sharePercent: Type.Integer({ minimum: 0, maximum: 100 }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
    },
    { additionalProperties: false },
  ),
  response: Cooperative,
});

const memberFields = {
  personId: Uuid,
  role: Literals(LINK_ROLES),
  startDate: IsoDate,
  endDate: Type.Optional(Nullable(IsoDate)),
  socialSecurity: Type.Optional(Type.Boolean()),
  dependentWork: Type.Optional(Type.Boolean()),
  employerId: Type.Optional(Nullable(Uuid)),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000, text: 'multiline' }))),
};
export const MemberInput = Type.Object(memberFields, { additionalProperties: false });
export type MemberInput = Static<typeof MemberInput>;
const { personId: _personId, ...patchable } = memberFields;
export const MemberPatch = Type.Partial(Type.Object(patchable), { additionalProperties: false, minProperties: 1 });
export type MemberPatch = Static<typeof MemberPatch>;

export const addMember = defineOp({
  method: 'POST',
  path: '/cooperatives/:id/members',
  tags,
  summary: 'Link a registered person who became a member, member-worker or employee (an employment outcome)',
  access: managers,
  params: IdParams,
  body: MemberInput,
  response: Cooperative,
  status: 201,
});

export const updateMember = defineOp({
  method: 'PATCH',
  path: '/cooperatives/:id/members/:itemId',
  tags,
  summary: 'Change or end a person’s membership or work',
  access: managers,
  params: Params,
  body: MemberPatch,
  response: Cooperative,
});

export const addSupport = defineOp({
  method: 'POST',
  path: '/cooperatives/:id/support',
  tags,
  summary: 'Record support given: training, a grant, advice',
  access: managers,
  params: IdParams,
  body: Type.Object(
    {
      kind: Literals(SUPPORT_KINDS),
      givenOn: IsoDate,
      amount: Type.Optional(Nullable(Amount)),
      description: Type.String({ minLength: 2, maxLength: 1000 }),
    },
    { additionalProperties: false },
  ),
  response: Cooperative,
  status: 201,
});

export const addTrade = defineOp({
  method: 'POST',
  path: '/cooperatives/:id/trades',
  tags,
  summary: 'Record a sale of this cooperative to another cooperative of the registry',
  access: managers,
  params: IdParams,
  body: Type.Object(
    {
      buyerId: Uuid,
      tradedOn: IsoDate,
      amount: Type.Number({ exclusiveMinimum: 0, maximum: 999999999999, multipleOf: 0.01 }),
      description: Type.String({ minLength: 2, maxLength: 500 }),
    },
    { additionalProperties: false },
  ),
  response: Cooperative,
  status: 201,
});

export const linkProject = defineOp({
  method: 'PUT',
  path: '/cooperatives/:id/projects/:itemId',
  tags,
  summary: 'Link the cooperative to a project of the programmes module',
  access: managers,
  params: Params,
  response: Cooperative,
});

export const unlinkProject = defineOp({
  method: 'DELETE',
  path: '/cooperatives/:id/projects/:itemId',
  tags,
  summary: 'Unlink a project',
  access: managers,
  params: Params,
  response: Cooperative,
});

// ---- reviews -------------------------------------------------------------------------------------------

export const listReviews = defineOp({
  method: 'GET',
  path: '/cooperative-reviews',
  tags,
  summary: 'Review tasks opened by warning signs',
  access: readers,
  query: Type.Object({
    status: Type.Optional(Literals(REVIEW_STATUSES)),
    mine: Type.Optional(Type.Boolean()),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(Review),
});

export const listReviewOfficers = defineOp({
  method: 'GET',
  path: '/cooperative-reviews/officers',
  tags,
  summary: "The organisation's active staff who may take a review task (holders of cooperatives:manage)",
  access: managers,
  response: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })) }),
});

export const updateReview = defineOp({
  method: 'PATCH',
  path: '/cooperative-reviews/:id',
  tags,
  summary: 'Assign a review task, or resolve it with a note',
  access: managers,
  params: IdParams,
  body: Type.Object(
    {
      assignedTo: Type.Optional(Uuid),
      status: Type.Optional(Literals(['resolved'] as const)),
      resolutionNote: Type.Optional(Type.String({ minLength: 3, maxLength: 2000, text: 'multiline' })),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  response: Review,
});

// ---- statistics ----------------------------------------------------------------------------------------

export const StatCell = Type.Object({
  value: Nullable(Type.Integer()),
  flag: Nullable(Known(['suppressed'] as const)),
});
export type StatCell = Static<typeof StatCell>;

export const StatisticsQuery = Type.Object(
  {
    measure: Literals(STAT_MEASURES),
    rows: Literals(STAT_DIMENSIONS),
    columns: Type.Optional(Literals(STAT_DIMENSIONS)),
  },
  { additionalProperties: false },
);
export type StatisticsQuery = Static<typeof StatisticsQuery>;

export const StatisticsTable = Type.Object({
  measure: Known(STAT_MEASURES),
  rows: Known(STAT_DIMENSIONS),
  columns: Nullable(Known(STAT_DIMENSIONS)),
  columnKeys: Type.Array(Type.String()),
  lines: Type.Array(Type.Object({ key: Type.String(), cells: Type.Array(StatCell), total: StatCell })),
  total: Type.Object({ cells: Type.Array(StatCell), total: StatCell }),
  /** The smallest published count (null: exact figures, shown to who may read the registry). */
  threshold: Nullable(Type.Integer()),
});
export type StatisticsTable = Static<typeof StatisticsTable>;

export const statistics = defineOp({
  method: 'GET',
  path: '/cooperatives/statistics',
  tags,
  summary: 'Cooperatives, members and workers by type, sex and district (ICLS 2018), with disclosure control',
  access: [readers, 'indicators:read'],
  query: StatisticsQuery,
  response: StatisticsTable,
});

export const exportStatistics = defineOp({
  method: 'GET',
  path: '/cooperatives/statistics/export',
  tags,
  summary: 'The statistics as CSV or XLSX (always with disclosure control)',
  access: [readers, 'indicators:read'],
  query: Type.Object(
    { format: Literals(['csv', 'xlsx'] as const), measure: Type.Optional(Literals(STAT_MEASURES)) },
    { additionalProperties: false },
  ),
  response: Binary,
});
