/**
 * The graduation module's API (issue 11, "sistem mezuniyeti"; docs/GRADUATION.md): the organisation's
 * rule, the recommendation on a household with the facts behind it, the manager's decision, the paying
 * unit's confirmation, a return to aid, and the report.
 */
import { Type, type Static } from 'typebox';
import {
  AID_PAYERS,
  GRADUATION_STATUSES,
  REPORT_GROUPINGS,
  RULE_LIMITS,
  THRESHOLD_KINDS,
  UNMET_REASONS,
} from '../graduation.ts';
import { defineOp } from './op.ts';
import { IdParams, IsoDate, Known, Literals, Nullable, Page, Uuid } from './schema.ts';

const tags = ['graduation'] as const;
const readers = 'placements:read' as const;
const recorders = 'placements:write' as const;
const managers = 'graduation:manage' as const;

const Money = Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 });
const Email = Type.String({ format: 'email', maxLength: 200 });

export const GraduationSettings = Type.Object({
  minMonths: Type.Integer(),
  thresholdKind: Known(THRESHOLD_KINDS),
  thresholdShare: Type.Number(),
  thresholdAmount: Nullable(Type.Number()),
  municipalityEmail: Nullable(Type.String()),
  sydvEmail: Nullable(Type.String()),
  /** The threshold in TL per member today (the share of today's net minimum wage, or the amount). */
  thresholdToday: Nullable(Type.Number()),
  updatedAt: Nullable(Type.String()),
  isDefault: Type.Boolean(),
});
export type GraduationSettings = Static<typeof GraduationSettings>;

export const GraduationSettingsInput = Type.Object(
  {
    minMonths: Type.Integer({ minimum: RULE_LIMITS.minMonths.min, maximum: RULE_LIMITS.minMonths.max }),
    thresholdKind: Literals(THRESHOLD_KINDS),
    thresholdShare: Type.Number({ minimum: RULE_LIMITS.thresholdShare.min, maximum: RULE_LIMITS.thresholdShare.max }),
    thresholdAmount: Nullable(
      Type.Number({ minimum: RULE_LIMITS.thresholdAmount.min, maximum: RULE_LIMITS.thresholdAmount.max }),
    ),
    municipalityEmail: Nullable(Email),
    sydvEmail: Nullable(Email),
  },
  { additionalProperties: false },
);
export type GraduationSettingsInput = Static<typeof GraduationSettingsInput>;

const Work = Type.Object({
  personId: Type.String(),
  memberName: Type.String(),
  placementId: Type.String(),
  employerName: Type.String(),
  jobTitle: Type.String(),
  startDate: Type.String(),
  netWage: Nullable(Type.Number()),
  months: Type.Integer(),
});

/** What the rule found on a date: the facts behind a recommendation, or what is missing. */
export const GraduationEvaluation = Type.Object({
  holds: Type.Boolean(),
  unmet: Type.Array(Known(UNMET_REASONS)),
  onDate: Type.String(),
  minMonths: Type.Integer(),
  work: Nullable(Work),
  members: Type.Integer(),
  monthlyIncome: Type.Number(),
  monthlyAid: Type.Number(),
  incomePerMember: Type.Number(),
  threshold: Nullable(Type.Number()),
  aid: Type.Array(Type.Object({ programme: Type.String(), monthlyAmount: Type.Number() })),
});
export type GraduationEvaluation = Static<typeof GraduationEvaluation>;

export const Graduation = Type.Object({
  id: Type.String(),
  householdId: Type.String(),
  person: Type.Object({ id: Type.String(), name: Type.String() }),
  office: Type.Object({ id: Type.String(), name: Type.String() }),
  district: Nullable(Type.String()),
  status: Known(GRADUATION_STATUSES),
  facts: GraduationEvaluation,
  recommendedOn: Type.String(),
  decidedOn: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  declineReason: Nullable(Type.String()),
  payer: Nullable(Known(AID_PAYERS)),
  /** The payer suggested by the aid programmes' names (the manager chooses). */
  likelyPayer: Known(AID_PAYERS),
  messageId: Nullable(Type.String()),
  confirmedOn: Nullable(Type.String()),
  aidEndDate: Nullable(Type.String()),
  monthlyAidSaved: Nullable(Type.Number()),
  confirmationReference: Nullable(Type.String()),
  returnedOn: Nullable(Type.String()),
  returnProgramme: Nullable(Type.String()),
  returnMonthlyAmount: Nullable(Type.Number()),
  returnNote: Nullable(Type.String()),
  /** The last day a return to aid counts against this graduation (12 months after the aid's end). */
  returnWindowEnds: Nullable(Type.String()),
});
export type Graduation = Static<typeof Graduation>;

/** The panel on a person's profile: their household's evaluation today and its graduations. */
export const GraduationPanel = Type.Object({
  householdId: Nullable(Type.String()),
  evaluation: Nullable(GraduationEvaluation),
  current: Nullable(Graduation),
  history: Type.Array(Graduation),
});
export type GraduationPanel = Static<typeof GraduationPanel>;

export const ReportQuery = Type.Object({
  from: IsoDate,
  to: IsoDate,
  groupBy: Literals(REPORT_GROUPINGS),
  district: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
  targetGroup: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
});
export type ReportQuery = Static<typeof ReportQuery>;

const Counts = Type.Object({
  recommended: Type.Integer(),
  approved: Type.Integer(),
  confirmed: Type.Integer(),
  returned: Type.Integer(),
  /** Monthly aid no longer paid, in TL (confirmed graduations, less those that returned). */
  aidSaved: Type.Number(),
});
export type GraduationCounts = Static<typeof Counts>;

export const GraduationReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  groupBy: Known(REPORT_GROUPINGS),
  rows: Type.Array(Type.Intersect([Type.Object({ key: Type.String() }), Counts])),
  totals: Counts,
  districts: Type.Array(Type.String()),
  targetGroups: Type.Array(Type.String()),
});
export type GraduationReport = Static<typeof GraduationReport>;

const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' });

// ---- operations ------------------------------------------------------------------------------------

export const getGraduationSettings = defineOp({
  method: 'GET',
  path: '/graduation/settings',
  tags,
  summary: "The organisation's graduation rule (defaults until a manager sets it) and where approvals go",
  access: [readers, managers],
  response: GraduationSettings,
});

export const updateGraduationSettings = defineOp({
  method: 'PUT',
  path: '/graduation/settings',
  tags,
  summary: 'Set the graduation rule: months of verified registered work, the income threshold per member',
  access: managers,
  body: GraduationSettingsInput,
  response: GraduationSettings,
});

export const personGraduation = defineOp({
  method: 'GET',
  path: '/persons/:id/graduation',
  tags,
  summary: "The person's household against the graduation rule today, and its graduations",
  access: readers,
  params: IdParams,
  response: GraduationPanel,
});

export const evaluatePersonGraduation = defineOp({
  method: 'POST',
  path: '/persons/:id/graduation/evaluate',
  tags,
  summary: "Evaluate the person's household now: a recommendation is made when the rule holds",
  access: recorders,
  params: IdParams,
  response: GraduationPanel,
});

export const listGraduations = defineOp({
  method: 'GET',
  path: '/graduations',
  tags,
  summary:
    "Graduations (the caller's office, or every office with offices:all); the manager's queue is status=recommended",
  access: readers,
  query: Type.Object({
    status: Type.Optional(Literals(GRADUATION_STATUSES)),
    sort: Type.Optional(Literals(['recommended-asc', 'recommended-desc', 'income-desc'] as const)),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(Graduation),
});

export const getGraduation = defineOp({
  method: 'GET',
  path: '/graduations/:id',
  tags,
  summary: 'A graduation with the facts behind it',
  access: readers,
  params: IdParams,
  response: Graduation,
});

export const approveGraduation = defineOp({
  method: 'POST',
  path: '/graduations/:id/approve',
  tags,
  summary: 'Approve a recommendation: it is sent to the unit that pays the aid (municipality or SYDV)',
  access: managers,
  params: IdParams,
  body: Type.Object({ payer: Literals(AID_PAYERS) }, { additionalProperties: false }),
  response: Graduation,
});

export const declineGraduation = defineOp({
  method: 'POST',
  path: '/graduations/:id/decline',
  tags,
  summary: 'Decline a recommendation, with the reason',
  access: managers,
  params: IdParams,
  body: Type.Object(
    { reason: Type.String({ minLength: 3, maxLength: 1000, text: 'multiline' }) },
    { additionalProperties: false },
  ),
  response: Graduation,
});

export const confirmGraduation = defineOp({
  method: 'POST',
  path: '/graduations/:id/confirm',
  tags,
  summary: "The paying unit confirmed: the aid's end date and the monthly aid saved (the household's aid ends)",
  access: recorders,
  params: IdParams,
  body: Type.Object(
    {
      confirmedOn: IsoDate,
      aidEndDate: IsoDate,
      monthlyAidSaved: Money,
      reference: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    },
    { additionalProperties: false },
  ),
  response: Graduation,
});

export const recordReturnToAid = defineOp({
  method: 'POST',
  path: '/graduations/:id/return',
  tags,
  summary: 'The household went back on aid within 12 months of its end: recorded, counted, and added to its aid',
  access: recorders,
  params: IdParams,
  body: Type.Object(
    {
      returnedOn: IsoDate,
      programme: Type.String({ minLength: 2, maxLength: 120 }),
      monthlyAmount: Money,
      note: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
    },
    { additionalProperties: false },
  ),
  response: Graduation,
});

export const graduationLetter = defineOp({
  method: 'GET',
  path: '/graduations/:id/letter',
  tags,
  summary: 'The letter to the paying unit (PDF, Turkish) of an approved graduation',
  access: managers,
  params: IdParams,
  response: Binary,
});

export const graduationReport = defineOp({
  method: 'GET',
  path: '/graduation/report',
  tags,
  summary: 'Graduations per district, target group or month over a period: recommended, approved, returned, aid saved',
  access: managers,
  query: ReportQuery,
  response: GraduationReport,
});

export const graduationReportFile = defineOp({
  method: 'GET',
  path: '/graduation/report/file',
  tags,
  summary: 'The graduation report as XLSX (headers in my language)',
  access: managers,
  query: ReportQuery,
  response: Binary,
});

export { Uuid };
