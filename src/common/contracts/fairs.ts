/**
 * The job fairs module's API (issue 13, docs/FAIRS.md): fairs with their employers and positions
 * (published vacancies or fair-only positions under the decent-work rules), visitors (pre-registered
 * by staff, or walk-ins through the fair's public page and its QR code), on-site applications (referrals
 * for vacancies) and the fair report with the indicators' disclosure control.
 */
import { Type, type Static } from 'typebox';
import { CONTRACT_TYPES, HAZARD_CLASSES, SHIFTS, WAGE_BASES } from '../enums.ts';
import { FAIR_APPLICATION_STATUSES, FAIR_STATUSES, VISITOR_CHANNELS, VISITOR_SEXES } from '../fairs.ts';
import { REFERRAL_STATUSES } from '../referral-workflow.ts';
import { defineOp } from './op.ts';
import { IdParams, IsoDate, Known, Literals, LocaleSchema, Nullable, Page, Uuid } from './schema.ts';

const tags = ['fairs'] as const;
const readers = 'fairs:read' as const;
const managers = 'fairs:manage' as const;

export const FAIR_SORTS = ['date', 'name', 'visitors'] as const;

const Name = Type.String({ minLength: 2, maxLength: 200 });
const Place = Type.String({ minLength: 2, maxLength: 300 });
const Region = Type.String({ minLength: 2, maxLength: 60 });

export const FairCreate = Type.Object(
  {
    name: Name,
    startDate: IsoDate,
    endDate: IsoDate,
    place: Place,
    province: Region,
    district: Region,
    officeId: Uuid,
    projectId: Type.Optional(Nullable(Uuid)),
  },
  { additionalProperties: false },
);
export type FairCreate = Static<typeof FairCreate>;

export const FairPatch = Type.Object(
  {
    name: Type.Optional(Name),
    startDate: Type.Optional(IsoDate),
    endDate: Type.Optional(IsoDate),
    place: Type.Optional(Place),
    province: Type.Optional(Region),
    district: Type.Optional(Region),
    officeId: Type.Optional(Uuid),
    projectId: Type.Optional(Nullable(Uuid)),
    status: Type.Optional(Literals(FAIR_STATUSES)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type FairPatch = Static<typeof FairPatch>;

export const FairListItem = Type.Object({
  id: Type.String(),
  name: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  place: Type.String(),
  district: Type.String(),
  office: Type.String(),
  status: Known(FAIR_STATUSES),
  employers: Type.Integer(),
  positions: Type.Integer(),
  visitors: Type.Integer(),
});
export type FairListItem = Static<typeof FairListItem>;

export const Position = Type.Object({
  id: Type.String(),
  vacancyId: Nullable(Type.String()),
  title: Type.String(),
  openings: Type.Integer(),
  startDate: Nullable(Type.String()),
  contractType: Nullable(Known(CONTRACT_TYPES)),
  wageMin: Nullable(Type.Number()),
  wageBasis: Nullable(Known(WAGE_BASES)),
  hoursPerWeek: Nullable(Type.Number()),
  applications: Type.Integer(),
});
export type Position = Static<typeof Position>;

export const FairEmployer = Type.Object({
  id: Type.String(),
  employerId: Type.String(),
  name: Type.String(),
  stand: Nullable(Type.String()),
  positions: Type.Array(Position),
});
export type FairEmployer = Static<typeof FairEmployer>;

export const Fair = Type.Object({
  id: Type.String(),
  name: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  place: Type.String(),
  province: Type.String(),
  district: Type.String(),
  officeId: Type.String(),
  office: Type.String(),
  projectId: Nullable(Type.String()),
  project: Nullable(Type.String()),
  status: Known(FAIR_STATUSES),
  /** The walk-in page's address and its QR code (SVG) to print at the entrance. */
  walkInUrl: Type.String(),
  walkInQrSvg: Type.String(),
  employers: Type.Array(FairEmployer),
  visitors: Type.Integer(),
  applications: Type.Integer(),
});
export type Fair = Static<typeof Fair>;

export const EmployerAdd = Type.Object(
  { employerId: Uuid, stand: Type.Optional(Nullable(Type.String({ maxLength: 40 }))) },
  { additionalProperties: false },
);

/** A published vacancy of the employer, or a fair-only position with its own terms. */
export const PositionAdd = Type.Union([
  Type.Object({ vacancyId: Uuid }, { additionalProperties: false }),
  Type.Object(
    {
      title: Type.String({ minLength: 2, maxLength: 200 }),
      openings: Type.Integer({ minimum: 1, maximum: 1000 }),
      startDate: IsoDate,
      contractType: Literals(CONTRACT_TYPES),
      wageMin: Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 }),
      wageBasis: Literals(WAGE_BASES),
      hoursPerWeek: Type.Number({ exclusiveMinimum: 0, maximum: 168 }),
      hoursPerDay: Type.Number({ exclusiveMinimum: 0, maximum: 24 }),
      shifts: Type.Array(Literals(SHIFTS), { uniqueItems: true, minItems: 1 }),
      hazardClass: Literals(HAZARD_CLASSES),
      minimumAge: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 99 }))),
      /** The employer declares the hire to SGK (registered employment): required to be true. */
      registered: Type.Boolean(),
    },
    { additionalProperties: false },
  ),
]);
export type PositionAdd = Static<typeof PositionAdd>;

export const Visitor = Type.Object({
  id: Type.String(),
  channel: Known(VISITOR_CHANNELS),
  personId: Nullable(Type.String()),
  name: Type.String(),
  phone: Nullable(Type.String()),
  sex: Known(VISITOR_SEXES),
  contactAllowed: Type.Boolean(),
  registeredAt: Type.String(),
  applications: Type.Integer(),
});
export type Visitor = Static<typeof Visitor>;

export const FairApplication = Type.Object({
  id: Type.String(),
  visitorId: Type.String(),
  personId: Type.String(),
  name: Type.String(),
  positionId: Type.String(),
  position: Type.String(),
  employer: Type.String(),
  /** Applications to a vacancy are referrals: their status is the referral's. */
  referralId: Nullable(Type.String()),
  referralStatus: Nullable(Known(REFERRAL_STATUSES)),
  status: Known(FAIR_APPLICATION_STATUSES),
  appliedAt: Type.String(),
});
export type FairApplication = Static<typeof FairApplication>;

const Cell = Type.Object({ value: Nullable(Type.Integer()), suppressed: Type.Boolean() });
export const FairReport = Type.Object({
  /** The smallest publishable cell, or null when the reader sees exact figures. */
  threshold: Nullable(Type.Integer()),
  visitors: Type.Object({ total: Cell, female: Cell, male: Cell, unstated: Cell }),
  groups: Type.Array(Type.Object({ group: Type.String(), total: Cell, female: Cell, male: Cell, unstated: Cell })),
  walkIns: Type.Integer(),
  preRegistered: Type.Integer(),
  applications: Type.Integer(),
  referrals: Type.Integer(),
  interviews: Type.Integer(),
  hires: Type.Integer(),
  employers: Type.Array(
    Type.Object({
      name: Type.String(),
      positions: Type.Integer(),
      openings: Type.Integer(),
      applications: Type.Integer(),
      interviews: Type.Integer(),
      hires: Type.Integer(),
    }),
  ),
});
export type FairReport = Static<typeof FairReport>;

export const PublicFair = Type.Object({
  name: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  place: Type.String(),
  district: Type.String(),
  organisation: Type.String(),
  open: Type.Boolean(),
});
export type PublicFair = Static<typeof PublicFair>;

export const WalkInBody = Type.Object(
  {
    givenName: Type.String({ minLength: 1, maxLength: 80 }),
    familyName: Type.String({ minLength: 1, maxLength: 80 }),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    sex: Literals(VISITOR_SEXES),
    contactAllowed: Type.Boolean(),
    /** The visitor read the KVKK notice (required). */
    noticeAccepted: Type.Boolean(),
    locale: LocaleSchema,
  },
  { additionalProperties: false },
);
export type WalkInBody = Static<typeof WalkInBody>;

const FairEmployerParams = Type.Object({ id: Uuid, fairEmployerId: Uuid });
const VisitorParams = Type.Object({ id: Uuid, visitorId: Uuid });
const PositionParams = Type.Object({ id: Uuid, positionId: Uuid });
const ApplicationParams = Type.Object({ id: Uuid, applicationId: Uuid });
const TokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' });

export const listFairs = defineOp({
  method: 'GET',
  path: '/fairs',
  tags,
  summary: "The organisation's job fairs",
  access: readers,
  query: Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(Literals(FAIR_STATUSES)),
    district: Type.Optional(Type.String({ maxLength: 60 })),
    sort: Type.Optional(Literals(FAIR_SORTS)),
    order: Type.Optional(Literals(['asc', 'desc'] as const)),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(FairListItem),
});

export const createFair = defineOp({
  method: 'POST',
  path: '/fairs',
  tags,
  summary: 'Organise a job fair (dates, place, district, organising office, optional project)',
  access: managers,
  body: FairCreate,
  response: Fair,
  status: 201,
});

export const getFair = defineOp({
  method: 'GET',
  path: '/fairs/:id',
  tags,
  summary: 'A fair with its employers and positions, and the walk-in QR code',
  access: readers,
  params: IdParams,
  response: Fair,
});

export const updateFair = defineOp({
  method: 'PATCH',
  path: '/fairs/:id',
  tags,
  summary: "Change a fair's details or status",
  access: managers,
  params: IdParams,
  body: FairPatch,
  response: Fair,
});

export const addFairEmployer = defineOp({
  method: 'POST',
  path: '/fairs/:id/employers',
  tags,
  summary: 'An employer takes part in the fair',
  access: managers,
  params: IdParams,
  body: EmployerAdd,
  response: Fair,
  status: 201,
});

export const removeFairEmployer = defineOp({
  method: 'DELETE',
  path: '/fairs/:id/employers/:fairEmployerId',
  tags,
  summary:
    'An employer no longer takes part, with its positions; refused (409) once applications were made to any of them',
  access: managers,
  params: FairEmployerParams,
  response: Fair,
});

export const removeFairPosition = defineOp({
  method: 'DELETE',
  path: '/fairs/:id/positions/:positionId',
  tags,
  summary: 'A position withdrawn from the fair; refused (409) once applications were made to it',
  access: managers,
  params: PositionParams,
  response: Fair,
});

export const addFairPosition = defineOp({
  method: 'POST',
  path: '/fairs/:id/employers/:fairEmployerId/positions',
  tags,
  summary:
    "A position at the employer's stand: a published vacancy, or a fair-only position under the decent-work rules",
  access: managers,
  params: FairEmployerParams,
  body: PositionAdd,
  response: Fair,
  status: 201,
});

export const listVisitors = defineOp({
  method: 'GET',
  path: '/fairs/:id/visitors',
  tags,
  summary: "The fair's visitors",
  access: readers,
  params: IdParams,
  response: Type.Object({ items: Type.Array(Visitor) }),
});

export const preRegisterVisitor = defineOp({
  method: 'POST',
  path: '/fairs/:id/visitors',
  tags,
  summary: 'Pre-register a registered person for the fair',
  access: managers,
  params: IdParams,
  body: Type.Object({ personId: Uuid }, { additionalProperties: false }),
  response: Visitor,
  status: 201,
});

export const linkVisitor = defineOp({
  method: 'POST',
  path: '/fairs/:id/visitors/:visitorId/link',
  tags,
  summary: "Link a walk-in to the person's record (their own name and phone are then cleared)",
  access: managers,
  params: VisitorParams,
  body: Type.Object({ personId: Uuid }, { additionalProperties: false }),
  response: Visitor,
});

export const listFairApplications = defineOp({
  method: 'GET',
  path: '/fairs/:id/applications',
  tags,
  summary: 'Applications made at the fair, with the referral status of those made to vacancies',
  access: readers,
  params: IdParams,
  response: Type.Object({ items: Type.Array(FairApplication) }),
});

export const applyAtFair = defineOp({
  method: 'POST',
  path: '/fairs/:id/applications',
  tags,
  summary:
    "A registered visitor applies on site: to a vacancy it becomes a referral (source 'fair'); to a fair-only position it is followed here",
  access: managers,
  params: IdParams,
  body: Type.Object({ visitorId: Uuid, positionId: Uuid }, { additionalProperties: false }),
  response: FairApplication,
  status: 201,
});

export const updateFairApplication = defineOp({
  method: 'PATCH',
  path: '/fairs/:id/applications/:applicationId',
  tags,
  summary: 'The outcome of an application to a fair-only position (interview, hired: a job-fair placement, not hired)',
  access: managers,
  params: ApplicationParams,
  body: Type.Object(
    { status: Literals(['interview', 'hired', 'not-hired'] as const) },
    { additionalProperties: false },
  ),
  response: FairApplication,
});

export const fairReport = defineOp({
  method: 'GET',
  path: '/fairs/:id/report',
  tags,
  summary:
    "The fair's report: visitors by target group and sex (small cells suppressed), applications, interviews, hires",
  access: readers,
  params: IdParams,
  response: FairReport,
});

export const exportFairReport = defineOp({
  method: 'GET',
  path: '/fairs/:id/report/export',
  tags,
  summary: 'The fair report as CSV (always with small cells suppressed)',
  access: readers,
  params: IdParams,
  response: Binary,
});

export const publicFair = defineOp({
  method: 'GET',
  path: '/public/fairs/:token',
  tags,
  summary: 'The fair behind its walk-in QR code (no sign-in)',
  access: 'public',
  params: TokenParams,
  response: PublicFair,
});

export const walkIn = defineOp({
  method: 'POST',
  path: '/public/fairs/:token/visitors',
  tags,
  summary: 'Register as a walk-in visitor on a phone (minimal data, KVKK notice; rate-limited)',
  access: 'public',
  params: TokenParams,
  body: WalkInBody,
  response: Type.Object({ registered: Type.Boolean() }),
  status: 201,
});
