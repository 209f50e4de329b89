/**
 * The placements module's API (issue 11): placements from a hire or recorded by staff, their
 * decent-work check at the start date, verification as registered work (SGK) one by one or from a
 * data-sharing file, and the retention follow-ups at 3, 6 and 12 months.
 */
import { Type, type Static } from 'typebox';
import { CONTRACT_TYPES, SHIFTS, WAGE_BASES } from '../enums.ts';
import {
  END_REASONS,
  EVIDENCE_KINDS,
  FOLLOW_UP_MILESTONES,
  FOLLOW_UP_OUTCOMES,
  FOLLOW_UP_STATUSES,
  MANUAL_EVIDENCE_KINDS,
  NOT_WORKING_REASONS,
  PLACEMENT_SOURCES,
  PLACEMENT_STATUSES,
  SGK_NOTIFICATION_TYPES,
  SGK_ROW_OUTCOMES,
  VERIFICATION_STATUSES,
} from '../placements.ts';
import { defineOp } from './op.ts';
import { IdParams, IsoDate, Known, Literals, Nullable, Page, Uuid } from './schema.ts';
import { RuleViolation } from './vacancies.ts';

const tags = ['placements'] as const;
const readers = ['placements:read', 'employer-portal'] as const;
const writers = 'placements:write' as const;

/** Sources staff record by hand: a referral's placement is created by the hire itself. */
export const MANUAL_SOURCES = PLACEMENT_SOURCES.filter((s) => s !== 'referral') as unknown as readonly [
  'self-reported',
  'job-fair',
  'other',
];

export const PlacementCreate = Type.Object(
  {
    personId: Uuid,
    employerId: Uuid,
    source: Literals(MANUAL_SOURCES),
    jobTitle: Type.String({ minLength: 2, maxLength: 200 }),
    startDate: IsoDate,
    contractType: Literals(CONTRACT_TYPES),
    wageAmount: Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 }),
    wageBasis: Literals(WAGE_BASES),
    hoursPerWeek: Type.Number({ exclusiveMinimum: 0, maximum: 168 }),
    hoursPerDay: Type.Number({ exclusiveMinimum: 0, maximum: 24 }),
    shifts: Type.Array(Literals(SHIFTS), { uniqueItems: true, minItems: 1 }),
    workplaceDistrict: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  },
  { additionalProperties: false },
);
export type PlacementCreate = Static<typeof PlacementCreate>;

export const FollowUp = Type.Object({
  id: Type.String(),
  milestone: Known(FOLLOW_UP_MILESTONES),
  dueDate: Type.String(),
  status: Known(FOLLOW_UP_STATUSES),
  overdue: Type.Boolean(),
  remindedAt: Nullable(Type.String()),
  taskOpenedAt: Nullable(Type.String()),
  outcome: Nullable(Known(FOLLOW_UP_OUTCOMES)),
  notWorkingReason: Nullable(Known(NOT_WORKING_REASONS)),
  note: Nullable(Type.String()),
  recordedAt: Nullable(Type.String()),
});
export type FollowUp = Static<typeof FollowUp>;

export const Placement = Type.Object({
  id: Type.String(),
  person: Type.Object({ id: Type.String(), name: Type.String() }),
  employer: Type.Object({ id: Type.String(), name: Type.String() }),
  vacancyId: Nullable(Type.String()),
  referralId: Nullable(Type.String()),
  source: Known(PLACEMENT_SOURCES),
  jobTitle: Type.String(),
  status: Known(PLACEMENT_STATUSES),
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
  endReason: Nullable(Known(END_REASONS)),
  exitReasonCode: Nullable(Type.String()),
  contractType: Known(CONTRACT_TYPES),
  wageAmount: Type.Number(),
  wageBasis: Known(WAGE_BASES),
  hoursPerWeek: Type.Number(),
  hoursPerDay: Type.Number(),
  shifts: Type.Array(Known(SHIFTS)),
  workplaceProvince: Type.String(),
  workplaceDistrict: Nullable(Type.String()),
  decent: Type.Boolean(),
  violations: Type.Array(RuleViolation),
  verification: Known(VERIFICATION_STATUSES),
  evidenceKind: Nullable(Known(EVIDENCE_KINDS)),
  evidenceReference: Nullable(Type.String()),
  hireFiledOn: Nullable(Type.String()),
  lateFiling: Type.Boolean(),
  verifiedAt: Nullable(Type.String()),
  verifiedBy: Nullable(Type.String()),
  netWage: Nullable(Type.Number()),
  followUps: Type.Array(FollowUp),
  createdAt: Type.String(),
});
export type Placement = Static<typeof Placement>;

export const PlacementVerify = Type.Object(
  {
    evidenceKind: Literals(MANUAL_EVIDENCE_KINDS),
    /** The barcode number of the service record (e-Devlet), or the notification's reference. */
    evidenceReference: Type.String({ minLength: 4, maxLength: 60, pattern: '^[A-Za-z0-9-]+$' }),
    /** When the hire notification was filed (on the notification, and on the service record's entry). */
    hireFiledOn: Type.Optional(Nullable(IsoDate)),
    /** The monthly net wage (required when the placement's wage is gross). */
    netWage: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 }))),
  },
  { additionalProperties: false },
);
export type PlacementVerify = Static<typeof PlacementVerify>;

export const PlacementEnd = Type.Object(
  {
    endDate: IsoDate,
    reason: Literals(END_REASONS.filter((r) => r !== 'sgk-exit') as unknown as typeof END_REASONS),
  },
  { additionalProperties: false },
);

export const FollowUpRecord = Type.Object(
  {
    outcome: Literals(FOLLOW_UP_OUTCOMES),
    notWorkingReason: Type.Optional(Nullable(Literals(NOT_WORKING_REASONS))),
    /** For "not working": since when (the job's end); today when left out. */
    endDate: Type.Optional(Nullable(IsoDate)),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
  },
  { additionalProperties: false },
);
export type FollowUpRecord = Static<typeof FollowUpRecord>;

export const DueFollowUp = Type.Object({
  id: Type.String(),
  placementId: Type.String(),
  person: Type.Object({ id: Type.String(), name: Type.String() }),
  employerName: Type.String(),
  milestone: Known(FOLLOW_UP_MILESTONES),
  dueDate: Type.String(),
  overdue: Type.Boolean(),
  taskOpenedAt: Nullable(Type.String()),
});
export type DueFollowUp = Static<typeof DueFollowUp>;

/** One row of the SGK file and what it matched. No ID number is sent back: only its mask. */
export const SgkRow = Type.Object({
  row: Type.Integer(),
  outcome: Known(SGK_ROW_OUTCOMES),
  type: Nullable(Known(SGK_NOTIFICATION_TYPES)),
  idNumberMasked: Nullable(Type.String()),
  workplaceNumber: Nullable(Type.String()),
  date: Nullable(Type.String()),
  filedOn: Nullable(Type.String()),
  placementId: Nullable(Type.String()),
  person: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  lateFiling: Type.Boolean(),
  /** Why a row did not match, or what is wrong with it: message keys with the column they concern. */
  problems: Type.Array(Type.Object({ column: Nullable(Type.String()), code: Type.String(), message: Type.String() })),
});
export type SgkRow = Static<typeof SgkRow>;

export const SgkReport = Type.Object({
  applied: Type.Boolean(),
  counts: Type.Object({
    rows: Type.Integer(),
    match: Type.Integer(),
    unchanged: Type.Integer(),
    mismatch: Type.Integer(),
    unknown: Type.Integer(),
    invalid: Type.Integer(),
    lateFiling: Type.Integer(),
  }),
  rows: Type.Array(SgkRow),
});
export type SgkReport = Static<typeof SgkReport>;

/** About 750 KB of file (the API's 1 MB body limit): some ten thousand notification rows. */
const MAX_BASE64 = 1_000_000;

// ---- operations ------------------------------------------------------------------------------------

export const listPlacements = defineOp({
  method: 'GET',
  path: '/placements',
  tags,
  summary: "Placements (staff: their office's, or every office with offices:all; an employer user: its own)",
  access: readers,
  query: Type.Object({
    personId: Type.Optional(Uuid),
    employerId: Type.Optional(Uuid),
    status: Type.Optional(Literals(PLACEMENT_STATUSES)),
    verification: Type.Optional(Literals(VERIFICATION_STATUSES)),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(Placement),
});

export const createPlacement = defineOp({
  method: 'POST',
  path: '/placements',
  tags,
  summary:
    'Record a job found without a referral (reported by the person, a job fair, …); checked against the ' +
    'decent-work rules at its start date (kept and flagged when it fails)',
  access: writers,
  body: PlacementCreate,
  response: Placement,
  status: 201,
});

export const getPlacement = defineOp({
  method: 'GET',
  path: '/placements/:id',
  tags,
  summary: 'A placement with its follow-ups',
  access: readers,
  params: IdParams,
  response: Placement,
});

export const startPlacement = defineOp({
  method: 'POST',
  path: '/placements/:id/start',
  tags,
  summary:
    'Start a placement that waited for the work permit (valid for this person and employer on the start ' +
    "date; the employer's 10 % limit for people under temporary protection)",
  access: writers,
  params: IdParams,
  body: Type.Object({ startDate: Type.Optional(IsoDate) }, { additionalProperties: false }),
  response: Placement,
});

export const verifyPlacement = defineOp({
  method: 'POST',
  path: '/placements/:id/verify',
  tags,
  summary:
    'Verify a placement as registered work with its evidence (SGK service record with its barcode number, or ' +
    "the hire notification); adds the net wage to the household's incomes",
  access: writers,
  params: IdParams,
  body: PlacementVerify,
  response: Placement,
});

export const endPlacement = defineOp({
  method: 'POST',
  path: '/placements/:id/end',
  tags,
  summary: 'The job ended: the case goes back to active and a follow-up records what happened',
  access: writers,
  params: IdParams,
  body: PlacementEnd,
  response: Placement,
});

export const recordFollowUp = defineOp({
  method: 'POST',
  path: '/placements/:id/follow-ups/:followUpId',
  tags,
  summary: 'Record a follow-up: still with the employer, with another (registered or not), or not working',
  access: writers,
  params: Type.Object({ id: Uuid, followUpId: Uuid }),
  body: FollowUpRecord,
  response: Placement,
});

export const dueFollowUps = defineOp({
  method: 'GET',
  path: '/placement-follow-ups/due',
  tags,
  summary: "Follow-ups due within the next 14 days or overdue (the counsellor's office, or every office)",
  access: 'placements:read',
  response: Type.Object({ items: Type.Array(DueFollowUp) }),
});

export const importSgkFile = defineOp({
  method: 'POST',
  path: '/placements/sgk-file',
  tags,
  summary:
    'Check (apply: false) or apply a CSV/XLSX of SGK hire and exit notifications: matched to placements by ' +
    'the ID number’s blind index; a report of matches, mismatches and unknown rows; applied all at once or ' +
    'not at all (refused while any row is invalid)',
  access: writers,
  body: Type.Object(
    {
      fileName: Type.String({ minLength: 1, maxLength: 200 }),
      contentBase64: Type.String({ minLength: 1, maxLength: MAX_BASE64 }),
      apply: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
  response: SgkReport,
});
