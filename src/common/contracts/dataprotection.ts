/**
 * The data-protection desk's API (issue 12, DATA-PROTECTION.md): the register of data subjects'
 * requests (KVKK art. 11) with identity verification and the 30-day deadline, the person look-up that
 * serves a request, the access export and its delivery, erasure, rectification carried out by the case
 * office, and the job seeker's own requests and recipients.
 */
import { Type, type Static } from 'typebox';
import { defineOp } from './op.ts';
import { KeptMatch } from './matching.ts';
import { IdParams, IsoDate, IsoDateTime, Known, Literals, LocaleSchema, Nullable, Page, Uuid } from './schema.ts';

const tags = ['data-protection'] as const;

export const DP_REQUEST_KINDS = ['access', 'rectification', 'erasure', 'objection', 'objection-automated'] as const;
export type DpRequestKind = (typeof DP_REQUEST_KINDS)[number];
/** counter: in person at an office; letter: by post or registered e-mail (KEP); self-service: the signed-in person. */
export const DP_CHANNELS = ['counter', 'letter', 'self-service'] as const;
export const DP_STAFF_CHANNELS = ['counter', 'letter'] as const;
/**
 * received → verified (identity) → accepted (rectification or erasure the DPO agreed to) → carried-out →
 * answered; or refused (with a reason) at any point before the answer.
 */
export const DP_REQUEST_STATUSES = ['received', 'verified', 'accepted', 'carried-out', 'answered', 'refused'] as const;
export type DpRequestStatus = (typeof DP_REQUEST_STATUSES)[number];
/**
 * How the applicant's identity was established (Communiqué on the Procedures and Principles of
 * Applications to the Data Controller, art. 5): an identity document seen at the counter, a wet-signed
 * letter checked against the file, a secure e-signature or mobile signature, a registered e-mail (KEP)
 * or an address registered with us, or the person's own signed-in session.
 */
export const DP_IDENTITY_METHODS = [
  'id-document-at-counter',
  'signed-letter',
  'e-signature',
  'kep',
  'registered-email',
  'signed-in-session',
] as const;
export const DP_STAFF_IDENTITY_METHODS = [
  'id-document-at-counter',
  'signed-letter',
  'e-signature',
  'kep',
  'registered-email',
] as const;
/** self-service: a one-time download on the person's profile; counter: printed by the case office. */
export const DP_EXPORT_DELIVERIES = ['self-service', 'counter'] as const;
export const DP_EXPORT_FORMATS = ['json', 'xlsx'] as const;
/** Calendar days within which a request is answered (KVKK art. 13(2)). */
export const DP_ANSWER_DAYS = 30;

export const DpPersonSummary = Type.Object(
  {
    id: Type.String(),
    givenName: Type.String(),
    familyName: Type.String(),
    birthYear: Type.Integer(),
    district: Type.String(),
    office: Type.String(),
    idNumberMasked: Nullable(Type.String({ description: 'Masked (12*******34); the DPO never sees the number' })),
  },
  { description: 'What the DPO sees of a person: enough to tell namesakes apart, no ID number, no special category' },
);
export type DpPersonSummary = Static<typeof DpPersonSummary>;

export const DpExport = Type.Object({
  id: Type.String(),
  requestId: Type.String(),
  delivery: Known(DP_EXPORT_DELIVERIES),
  locale: Known(['tr', 'en', 'ar'] as const),
  contents: Type.Array(Type.Object({ section: Type.String(), rows: Type.Integer() }), {
    description: 'Sections of the export and their row counts: what it contains, never its contents',
  }),
  expiresAt: Type.String(),
  downloadedFormats: Type.Array(Known(DP_EXPORT_FORMATS)),
  createdAt: Type.String(),
});
export type DpExport = Static<typeof DpExport>;

export const DpDocument = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  createdAt: Type.String(),
});

export const DpRequestSummary = Type.Object({
  id: Type.String(),
  kind: Known(DP_REQUEST_KINDS),
  channel: Known(DP_CHANNELS),
  status: Known(DP_REQUEST_STATUSES),
  receivedOn: Type.String(),
  dueOn: Type.String(),
  /** Calendar days left until the deadline by the application clock (negative: overdue); null once closed. */
  daysLeft: Nullable(Type.Integer()),
  person: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
});
export type DpRequestSummary = Static<typeof DpRequestSummary>;

export const DpRequest = Type.Object({
  ...DpRequestSummary.properties,
  person: Nullable(DpPersonSummary),
  details: Nullable(Type.String()),
  identity: Nullable(
    Type.Object({
      method: Known(DP_IDENTITY_METHODS),
      note: Nullable(Type.String()),
      verifiedBy: Nullable(Type.String({ description: 'Name of the staff member; null for a signed-in session' })),
      verifiedAt: Type.String(),
    }),
  ),
  decidedAt: Nullable(Type.String()),
  carriedOutAt: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  refusalReason: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  /** The ranking an objection to an automated result is about, as matching kept it with the referral. */
  ranking: Nullable(
    Type.Object({
      referralId: Type.String(),
      vacancyTitle: Type.String(),
      employerName: Type.String(),
      match: KeptMatch,
    }),
  ),
  exports: Type.Array(DpExport),
  documents: Type.Array(DpDocument),
  destruction: Nullable(
    Type.Object({ id: Type.String(), performedAt: Type.String(), summary: Type.Record(Type.String(), Type.Integer()) }),
  ),
  createdAt: Type.String(),
});
export type DpRequest = Static<typeof DpRequest>;

export const DP_SORTS = ['dueOn', '-dueOn', 'receivedOn', '-receivedOn', 'status', '-status', 'kind', '-kind'] as const;

/** What the signed-in person sees of their own request. */
export const OwnDpRequest = Type.Object({
  id: Type.String(),
  kind: Known(DP_REQUEST_KINDS),
  referralId: Nullable(Type.String({ description: 'The application whose ranking a review request objects to' })),
  status: Known(DP_REQUEST_STATUSES),
  receivedOn: Type.String(),
  dueOn: Type.String(),
  details: Nullable(Type.String()),
  answer: Nullable(Type.String()),
  refusalReason: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
});

export const Recipient = Type.Object({
  recipientKind: Known(['employer', 'partner'] as const),
  recipientName: Type.String(),
  purpose: Type.String(),
  dataCategories: Type.Array(Type.String()),
  at: Type.String(),
});
export type Recipient = Static<typeof Recipient>;

/** A rectification the DPO accepted, for the case office to carry out. */
export const DueRectification = Type.Object({
  requestId: Type.String(),
  person: Type.Object({ id: Type.String(), name: Type.String() }),
  details: Nullable(Type.String()),
  decidedAt: Type.String(),
  dueOn: Type.String(),
});

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, text: 'multiline' });
const FileFormat = Type.Object({ format: Literals(DP_EXPORT_FORMATS) });
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' });

// ---- the DPO's register -----------------------------------------------------------------------------

export const listDpRequests = defineOp({
  method: 'GET',
  path: '/data-protection/requests',
  tags,
  summary: 'The request register, with each deadline (sortable, filterable, paginated)',
  access: 'dpo:desk',
  query: Type.Object({
    status: Type.Optional(Literals(DP_REQUEST_STATUSES)),
    kind: Type.Optional(Literals(DP_REQUEST_KINDS)),
    open: Type.Optional(Type.Boolean({ description: 'Only requests not yet answered or refused' })),
    sort: Type.Optional(Literals(DP_SORTS)),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(DpRequestSummary),
});

export const createDpRequest = defineOp({
  method: 'POST',
  path: '/data-protection/requests',
  tags,
  summary: 'Register a request received at the counter or by letter (the deadline runs from receivedOn)',
  access: 'dpo:desk',
  body: Type.Object(
    {
      kind: Literals(DP_REQUEST_KINDS),
      channel: Literals(DP_STAFF_CHANNELS),
      receivedOn: Type.Optional(IsoDate),
      details: Type.Optional(Nullable(Type.String({ maxLength: 5000, text: 'multiline' }))),
    },
    { additionalProperties: false },
  ),
  response: DpRequest,
  status: 201,
});

export const getDpRequest = defineOp({
  method: 'GET',
  path: '/data-protection/requests/:id',
  tags,
  summary: 'A request: identity verification, person, exports (their contents list), documents, answer',
  access: 'dpo:desk',
  params: IdParams,
  response: DpRequest,
});

export const searchDpPerson = defineOp({
  method: 'POST',
  path: '/data-protection/requests/:id/person-search',
  tags,
  summary:
    'Find the applicant by name or ID number for this request (audited with the request; no ID number or ' +
    'special category shown)',
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Object({ q: Type.String({ minLength: 2, maxLength: 100 }) }, { additionalProperties: false }),
  response: Type.Object({ items: Type.Array(DpPersonSummary) }),
});

export const linkDpPerson = defineOp({
  method: 'POST',
  path: '/data-protection/requests/:id/person',
  tags,
  summary: 'Name the person the request concerns',
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Object({ personId: Uuid }, { additionalProperties: false }),
  response: DpRequest,
});

export const verifyDpIdentity = defineOp({
  method: 'POST',
  path: '/data-protection/requests/:id/identity',
  tags,
  summary: "Record how the applicant's identity was verified (by the caller, now)",
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Object(
    {
      method: Literals(DP_STAFF_IDENTITY_METHODS),
      note: Type.Optional(Nullable(Type.String({ maxLength: 500, text: 'multiline' }))),
    },
    { additionalProperties: false },
  ),
  response: DpRequest,
});

export const acceptDpRequest = defineOp({
  method: 'POST',
  path: '/data-protection/requests/:id/accept',
  tags,
  summary: 'Accept a rectification (the case office carries it out) or an erasure (then erase)',
  access: 'dpo:desk',
  params: IdParams,
  response: DpRequest,
});

export const answerDpRequest = defineOp({
  method: 'POST',
  path: '/data-protection/requests/:id/answer',
  tags,
  summary: 'Answer the request (closes it)',
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Object({ answer: Text(10000) }, { additionalProperties: false }),
  response: DpRequest,
});

export const refuseDpRequest = defineOp({
  method: 'POST',
  path: '/data-protection/requests/:id/refuse',
  tags,
  summary: 'Refuse the request, with its reason (closes it)',
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Object({ reason: Text(5000) }, { additionalProperties: false }),
  response: DpRequest,
});

export const createDpExport = defineOp({
  method: 'POST',
  path: '/data-protection/requests/:id/exports',
  tags,
  summary:
    'Produce the access export of everything held on the person (JSON and XLSX); answers the list of what ' +
    'it contains, never its contents',
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Object(
    { delivery: Literals(DP_EXPORT_DELIVERIES), locale: Type.Optional(LocaleSchema) },
    { additionalProperties: false },
  ),
  response: DpExport,
  status: 201,
});

export const eraseDpPerson = defineOp({
  method: 'POST',
  path: '/data-protection/requests/:id/erase',
  tags,
  summary:
    'Carry out an accepted erasure: anonymise the person everywhere, keep what statistics need, write a ' +
    'destruction record',
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Object({ confirm: Type.Literal(true) }, { additionalProperties: false }),
  response: DpRequest,
});

export const addDpDocument = defineOp({
  method: 'POST',
  path: '/data-protection/requests/:id/documents',
  tags,
  summary: 'Keep a document with the request (a letter, the answer sent); base64, at most 5 MiB',
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Object(
    {
      fileName: Type.String({ minLength: 1, maxLength: 200 }),
      mediaType: Literals(['application/pdf', 'image/jpeg', 'image/png'] as const),
      content: Type.String({
        minLength: 4,
        maxLength: 7_000_000,
        description: 'The file in standard base64 (checked by the server: a pattern over megabytes is not safe)',
      }),
    },
    { additionalProperties: false },
  ),
  response: DpDocument,
  status: 201,
});

export const getDpDocument = defineOp({
  method: 'GET',
  path: '/data-protection/requests/:id/documents/:docId',
  tags,
  summary: 'A document kept with the request',
  access: 'dpo:desk',
  params: Type.Object({ id: Uuid, docId: Uuid }),
  response: Binary,
});

// ---- the case office ----------------------------------------------------------------------------------

export const listDueRectifications = defineOp({
  method: 'GET',
  path: '/data-protection/rectifications',
  tags,
  summary: 'Rectifications the DPO accepted, for the case office to carry out (persons in the caller’s scope)',
  access: 'persons:write',
  response: Type.Object({ items: Type.Array(DueRectification) }),
});

export const completeRectification = defineOp({
  method: 'POST',
  path: '/data-protection/requests/:id/carried-out',
  tags,
  summary:
    'The case office has corrected the record (through the person form): recipients of the profile are told ' +
    'through the outbox',
  access: 'persons:write',
  params: IdParams,
  response: Type.Object({ notified: Type.Integer({ description: 'Messages queued to recipients' }) }),
});

export const listCounterExports = defineOp({
  method: 'GET',
  path: '/data-protection/exports',
  tags,
  summary: 'Access exports waiting to be printed at the counter (persons in the caller’s scope)',
  access: 'persons:read',
  response: Type.Object({
    items: Type.Array(
      Type.Object({ ...DpExport.properties, person: Type.Object({ id: Type.String(), name: Type.String() }) }),
    ),
  }),
});

export const downloadCounterExport = defineOp({
  method: 'GET',
  path: '/data-protection/exports/:id/file',
  tags,
  summary: 'The case office prints an access export for delivery at the counter (each format once)',
  access: 'persons:read',
  params: IdParams,
  query: FileFormat,
  response: Binary,
});

// ---- the person themselves --------------------------------------------------------------------------

export const listOwnDpRequests = defineOp({
  method: 'GET',
  path: '/me/data-requests',
  tags,
  summary: 'The signed-in person’s own requests and their answers',
  access: 'seeker-self',
  response: Type.Object({ items: Type.Array(OwnDpRequest) }),
});

export const createOwnDpRequest = defineOp({
  method: 'POST',
  path: '/me/data-requests',
  tags,
  summary: 'File a request from the profile (identity: the signed-in session)',
  access: 'seeker-self',
  body: Type.Object(
    {
      kind: Literals(DP_REQUEST_KINDS),
      details: Type.Optional(Nullable(Type.String({ maxLength: 5000, text: 'multiline' }))),
      referralId: Type.Optional(
        Nullable(
          Type.String({
            format: 'uuid',
            description:
              'With kind objection-automated: the application (one of mine, proposed from a ranked list) whose ranking I ask to be reviewed',
          }),
        ),
      ),
    },
    { additionalProperties: false },
  ),
  response: OwnDpRequest,
  status: 201,
});

export const listOwnDpExports = defineOp({
  method: 'GET',
  path: '/me/data-exports',
  tags,
  summary: 'Access exports waiting for the signed-in person',
  access: 'seeker-self',
  response: Type.Object({ items: Type.Array(DpExport) }),
});

export const downloadOwnDpExport = defineOp({
  method: 'GET',
  path: '/me/data-exports/:id/file',
  tags,
  summary: 'Download one’s own access export (each format once, before it expires)',
  access: 'seeker-self',
  params: IdParams,
  query: FileFormat,
  response: Binary,
});

export const listOwnRecipients = defineOp({
  method: 'GET',
  path: '/me/recipients',
  tags,
  summary: 'Who received my data: employers and partners, what and when (the disclosure log)',
  access: 'seeker-self',
  response: Type.Object({ items: Type.Array(Recipient) }),
});

// ---- the breach register ------------------------------------------------------------------------------

/** Hours within which the Board is notified of a breach, from its discovery (KVKK Board decision 2019/10). */
export const DP_BREACH_NOTIFY_HOURS = 72;
/** What kind of data a breach affected (categories of the VERBİS inventory). */
export const DP_BREACH_CATEGORIES = [
  'identity',
  'contact',
  'id-number',
  'education',
  'work-history',
  'household-and-aid',
  'health-and-disability',
  'ethnic-origin',
  'protection-status',
  'account',
  'employer',
] as const;

const breachFields = {
  title: Type.String({ minLength: 3, maxLength: 200 }),
  description: Type.String({ minLength: 1, maxLength: 10000, text: 'multiline' }),
  occurredAt: Type.Optional(Nullable(IsoDateTime)),
  discoveredAt: IsoDateTime,
  categories: Type.Array(Literals(DP_BREACH_CATEGORIES), { uniqueItems: true, minItems: 1 }),
  affectedPersons: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 100_000_000 }))),
  affectedRecords: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000 }))),
  consequences: Type.Optional(Nullable(Type.String({ maxLength: 10000, text: 'multiline' }))),
  measures: Type.Optional(Nullable(Type.String({ maxLength: 10000, text: 'multiline' }))),
  boardNotice: Type.Optional(Nullable(Type.String({ maxLength: 20000, text: 'multiline' }))),
  personsNotice: Type.Optional(Nullable(Type.String({ maxLength: 20000, text: 'multiline' }))),
};
export const BreachInput = Type.Object(breachFields, { additionalProperties: false });
export type BreachInput = Static<typeof BreachInput>;

export const Breach = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  occurredAt: Nullable(Type.String()),
  discoveredAt: Type.String(),
  notifyBoardBy: Type.String(),
  /** Hours left to notify the Board (negative: late); null once notified. */
  hoursLeft: Nullable(Type.Integer()),
  categories: Type.Array(Known(DP_BREACH_CATEGORIES)),
  affectedPersons: Nullable(Type.Integer()),
  affectedRecords: Nullable(Type.Integer()),
  consequences: Nullable(Type.String()),
  measures: Nullable(Type.String()),
  boardNotice: Nullable(Type.String()),
  personsNotice: Nullable(Type.String()),
  /** Drafts of the two notifications, from the record, in the caller's language (used until texts are saved). */
  drafts: Type.Object({ board: Type.String(), persons: Type.String() }),
  boardNotifiedAt: Nullable(Type.String()),
  delayReason: Nullable(Type.String()),
  personsNotifiedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type Breach = Static<typeof Breach>;

export const listBreaches = defineOp({
  method: 'GET',
  path: '/data-protection/breaches',
  tags,
  summary: 'The breach register, with the 72-hour deadline to notify the Board (open ones first)',
  access: 'dpo:desk',
  query: Type.Object({
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(Breach),
});

export const createBreach = defineOp({
  method: 'POST',
  path: '/data-protection/breaches',
  tags,
  summary: 'Record a breach (the 72 hours run from its discovery)',
  access: 'dpo:desk',
  body: BreachInput,
  response: Breach,
  status: 201,
});

export const getBreach = defineOp({
  method: 'GET',
  path: '/data-protection/breaches/:id',
  tags,
  summary: 'A breach',
  access: 'dpo:desk',
  params: IdParams,
  response: Breach,
});

export const updateBreach = defineOp({
  method: 'PATCH',
  path: '/data-protection/breaches/:id',
  tags,
  summary: 'Complete a breach record: counts, consequences, measures, the notification texts',
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Partial(BreachInput, { additionalProperties: false, minProperties: 1 }),
  response: Breach,
});

export const recordBreachNotice = defineOp({
  method: 'POST',
  path: '/data-protection/breaches/:id/notified',
  tags,
  summary: 'Record that the Board or the persons concerned were notified (after 72 hours, with the reason)',
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Object(
    {
      who: Literals(['board', 'persons'] as const),
      at: Type.Optional(IsoDateTime),
      delayReason: Type.Optional(Nullable(Type.String({ maxLength: 5000, text: 'multiline' }))),
    },
    { additionalProperties: false },
  ),
  response: Breach,
});

export const closeBreach = defineOp({
  method: 'POST',
  path: '/data-protection/breaches/:id/close',
  tags,
  summary: 'Close a breach record',
  access: 'dpo:desk',
  params: IdParams,
  response: Breach,
});

// ---- the access review --------------------------------------------------------------------------------

/** The permissions whose holders the access review lists. */
export const REVIEWED_PERMISSIONS = ['special-category:read', 'id-number:reveal'] as const;
export const SENSITIVE_READ_ACTIONS = [
  'person.special-category-read',
  'person.special-category-listed',
  'person.id-number-revealed',
] as const;

export const accessReview = defineOp({
  method: 'GET',
  path: '/data-protection/access-review',
  tags,
  summary: 'Who holds special-category:read or id-number:reveal, through which roles, and when they last used it',
  access: 'dpo:desk',
  response: Type.Object({
    holders: Type.Array(
      Type.Object({
        id: Type.String(),
        fullName: Type.String(),
        status: Type.String(),
        roles: Type.Array(Type.String()),
        permissions: Type.Array(Known(REVIEWED_PERMISSIONS)),
        lastSignInAt: Nullable(Type.String()),
        lastSpecialCategoryRead: Nullable(Type.String()),
        lastIdReveal: Nullable(Type.String()),
      }),
    ),
  }),
});

const SensitiveReadQuery = {
  action: Type.Optional(Literals(SENSITIVE_READ_ACTIONS)),
  actorUserId: Type.Optional(Uuid),
  from: Type.Optional(IsoDate),
  to: Type.Optional(IsoDate),
};

export const SensitiveRead = Type.Object({
  at: Type.String(),
  actor: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  action: Known(SENSITIVE_READ_ACTIONS),
  subjectId: Nullable(Type.String({ description: 'The person record read (an id), if one' })),
  purpose: Nullable(Type.String()),
});

export const listSensitiveReads = defineOp({
  method: 'GET',
  path: '/data-protection/sensitive-reads',
  tags,
  summary: 'The log of special-category reads and ID reveals, filterable by kind, reader and dates',
  access: 'dpo:desk',
  query: Type.Object({
    ...SensitiveReadQuery,
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  }),
  response: Page(SensitiveRead),
});

export const exportSensitiveReads = defineOp({
  method: 'GET',
  path: '/data-protection/sensitive-reads/export',
  tags,
  summary: 'The same log as CSV (UTF-8 with BOM, at most 50 000 rows; the export is audited)',
  access: 'dpo:desk',
  query: Type.Object(SensitiveReadQuery),
  response: Binary,
});

// ---- retention and periodic destruction ---------------------------------------------------------------

/**
 * proposed (the dry run, waiting for the destruction committee) → approved (members named) → running →
 * carried-out; or rejected (with the committee's reason).
 */
export const DP_BATCH_STATUSES = ['proposed', 'approved', 'rejected', 'running', 'carried-out'] as const;
export type DpBatchStatus = (typeof DP_BATCH_STATUSES)[number];
export const DP_BATCH_ITEM_OUTCOMES = ['pending', 'destroyed', 'skipped'] as const;
/** Why a record is due: its last case closed, or it was registered and never given a case. */
export const DP_DUE_BASES = ['case-closed', 'registered-no-case'] as const;
/** Why a due record is held back from a run. */
export const DP_HOLD_REASONS = ['open-request', 'open-case', 'no-longer-due', 'already-anonymised'] as const;
/** The committee has at least this many members (the Regulation leaves it to the policy; ours says three). */
export const DP_COMMITTEE_MIN = 3;

export const RetentionRules = Type.Object(
  {
    followUpMonths: Type.Integer({
      minimum: 0,
      maximum: 60,
      description: 'Retention follow-ups after the case closes',
    }),
    returnToAidMonths: Type.Integer({ minimum: 0, maximum: 60, description: 'Return-to-aid monitoring after those' }),
    statutoryYears: Type.Integer({ minimum: 0, maximum: 30, description: 'The statutory period after both' }),
    noCaseMonths: Type.Integer({
      minimum: 1,
      maximum: 120,
      description: 'A registration that never became a case is kept this long',
    }),
    intervalMonths: Type.Integer({ minimum: 1, maximum: 6, description: 'Destruction runs at least this often' }),
    fairWalkInMonths: Type.Integer({
      minimum: 0,
      maximum: 60,
      description: "A fair's walk-in visitors not linked to a person: name and phone kept this long after the fair",
    }),
  },
  { additionalProperties: false },
);
export type RetentionRules = Static<typeof RetentionRules>;
/** The defaults of DATA-PROTECTION.md: 12 + 12 months, then 10 years (TBK art. 146), every 6 months. */
export const DEFAULT_RETENTION: RetentionRules = {
  followUpMonths: 12,
  returnToAidMonths: 12,
  statutoryYears: 10,
  noCaseMonths: 24,
  intervalMonths: 6,
  fairWalkInMonths: 6,
};

export const getRetention = defineOp({
  method: 'GET',
  path: '/data-protection/retention',
  tags,
  summary: 'The retention rules the destruction job applies, and when the next batch is due',
  access: 'dpo:desk',
  response: Type.Object({
    rules: RetentionRules,
    updatedAt: Nullable(Type.String()),
    lastBatchOn: Nullable(Type.String({ description: 'When the last batch was proposed' })),
    nextBatchOn: Type.String({ description: 'The scheduled job proposes the next batch on or after this day' }),
  }),
});

export const updateRetention = defineOp({
  method: 'PUT',
  path: '/data-protection/retention',
  tags,
  summary: 'Change the retention rules (audited)',
  access: 'dpo:desk',
  body: RetentionRules,
  response: getRetention.response,
});

export const DueRecord = Type.Object({
  subjectRef: Type.String({ description: "The person record's id: no name on the desk" }),
  office: Nullable(Type.String()),
  basis: Known(DP_DUE_BASES),
  basisDate: Type.String(),
  dueOn: Type.String(),
  heldReason: Nullable(Known(DP_HOLD_REASONS)),
});
export type DueRecord = Static<typeof DueRecord>;

export const listDueDestruction = defineOp({
  method: 'GET',
  path: '/data-protection/destruction/due',
  tags,
  summary: 'What is due for destruction already and in the coming months, soonest first',
  access: 'dpo:desk',
  query: Type.Object({
    horizonMonths: Type.Integer({ minimum: 0, maximum: 24, default: 6 }),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  }),
  response: Type.Object({
    items: Type.Array(DueRecord),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
    overdue: Type.Integer({ description: 'Records already due today' }),
  }),
});

export const DestructionBatchItem = Type.Object({
  id: Type.String(),
  subjectRef: Type.String(),
  office: Nullable(Type.String()),
  basis: Known(DP_DUE_BASES),
  basisDate: Type.String(),
  dueOn: Type.String(),
  heldReason: Nullable(Known(DP_HOLD_REASONS)),
  outcome: Known(DP_BATCH_ITEM_OUTCOMES),
  outcomeReason: Nullable(Known(DP_HOLD_REASONS)),
});

export const DestructionBatchSummary = Type.Object({
  id: Type.String(),
  status: Known(DP_BATCH_STATUSES),
  asOf: Type.String(),
  proposedAt: Type.String(),
  proposedBy: Nullable(Type.String({ description: 'Who asked for the dry run; null: the scheduled job' })),
  itemCount: Type.Integer(),
  heldCount: Type.Integer(),
  destroyedCount: Type.Integer(),
  skippedCount: Type.Integer(),
  /** Fair walk-ins due at the dry run (name and phone go; the visit stays for the fair's counts), and cleared. */
  walkInsDue: Type.Integer(),
  walkInsCleared: Type.Integer(),
  decidedOn: Nullable(Type.String()),
  runCompletedAt: Nullable(Type.String()),
});

export const DestructionBatch = Type.Object({
  ...DestructionBatchSummary.properties,
  rules: RetentionRules,
  committeeMembers: Type.Array(Type.String()),
  decisionRef: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  runBy: Nullable(Type.String()),
  runStartedAt: Nullable(Type.String()),
  items: Type.Array(DestructionBatchItem),
  itemsTotal: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type DestructionBatch = Static<typeof DestructionBatch>;

export const listDestructionBatches = defineOp({
  method: 'GET',
  path: '/data-protection/destruction/batches',
  tags,
  summary: 'The periodic destruction batches, newest first',
  access: 'dpo:desk',
  query: Type.Object({
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(DestructionBatchSummary),
});

export const proposeDestructionBatch = defineOp({
  method: 'POST',
  path: '/data-protection/destruction/batches',
  tags,
  summary: 'Prepare a dry run now: what is due today, for the destruction committee (nothing is destroyed)',
  access: 'dpo:desk',
  response: DestructionBatch,
  status: 201,
});

const BatchItemsQuery = Type.Object({
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
});

export const getDestructionBatch = defineOp({
  method: 'GET',
  path: '/data-protection/destruction/batches/:id',
  tags,
  summary: 'A batch: its dry run (what would be destroyed and why), the decision and the run',
  access: 'dpo:desk',
  params: IdParams,
  query: BatchItemsQuery,
  response: DestructionBatch,
});

export const decideDestructionBatch = defineOp({
  method: 'POST',
  path: '/data-protection/destruction/batches/:id/decision',
  tags,
  summary: "Record the destruction committee's decision: approve (members named) or reject (with the reason)",
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Object(
    {
      decision: Literals(['approve', 'reject'] as const),
      decidedOn: IsoDate,
      decisionRef: Type.String({ minLength: 1, maxLength: 100, description: "The committee decision's number" }),
      members: Type.Array(Type.String({ minLength: 3, maxLength: 200 }), { minItems: 1, maxItems: 20 }),
      note: Type.Optional(Nullable(Type.String({ maxLength: 5000, text: 'multiline' }))),
    },
    { additionalProperties: false },
  ),
  query: BatchItemsQuery,
  response: DestructionBatch,
});

export const runDestructionBatch = defineOp({
  method: 'POST',
  path: '/data-protection/destruction/batches/:id/run',
  tags,
  summary: 'Carry out an approved batch in the background (anonymisation through each module)',
  access: 'dpo:desk',
  params: IdParams,
  body: Type.Object({ confirm: Type.Literal(true) }, { additionalProperties: false }),
  query: BatchItemsQuery,
  response: DestructionBatch,
});

export const DestructionRecord = Type.Object({
  id: Type.String(),
  subjectRef: Type.String(),
  requestId: Nullable(Type.String()),
  batchId: Nullable(Type.String()),
  method: Type.String(),
  summary: Type.Record(Type.String(), Type.Integer()),
  performedBy: Nullable(Type.String()),
  performedAt: Type.String(),
  keepUntil: Type.String(),
});

export const listDestructionRecords = defineOp({
  method: 'GET',
  path: '/data-protection/destruction/records',
  tags,
  summary: 'The destruction records (erasures on request and periodic runs), kept 3 years',
  access: 'dpo:desk',
  query: Type.Object({
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(DestructionRecord),
});

// ---- the processing inventory (VERBİS) ----------------------------------------------------------------

/** The processing activities the system carries out, each a row of the inventory. */
export const DP_ACTIVITIES = [
  'registration',
  'special-categories',
  'protection-status',
  'household-aid',
  'referrals',
  'placements',
  'courses',
  'messages',
  'accounts',
  'employer-relations',
  'job-fairs',
] as const;
export type DpActivity = (typeof DP_ACTIVITIES)[number];
/** The inventory's columns an organisation may write over (the generated text is the default). */
export const DP_INVENTORY_FIELDS = [
  'subjectGroups',
  'categories',
  'purposes',
  'legalBases',
  'recipients',
  'retention',
  'transfersAbroad',
  'securityMeasures',
] as const;
export type DpInventoryField = (typeof DP_INVENTORY_FIELDS)[number];

export const InventoryActivity = Type.Object({
  activity: Known(DP_ACTIVITIES),
  subjectGroups: Type.Array(Type.String()),
  categories: Type.Array(Known(DP_BREACH_CATEGORIES)),
  purposes: Type.Array(Type.String()),
  legalBases: Type.Array(Type.String()),
  recipients: Type.Array(Type.String()),
  /** Codes of the retention rule (`case-rules` reads the organisation's rules). */
  retention: Type.String(),
  /** Partners that received data (from the disclosure log): the country and safeguard are the organisation's to write. */
  transfersAbroad: Type.Array(Type.String()),
  securityMeasures: Type.Array(Type.String()),
  /** What the organisation wrote over the generated text, per column. */
  overrides: Type.Record(Type.String(), Type.String()),
  updatedAt: Nullable(Type.String()),
});
export type InventoryActivity = Static<typeof InventoryActivity>;

export const getInventory = defineOp({
  method: 'GET',
  path: '/data-protection/inventory',
  tags,
  summary: 'The processing inventory for VERBİS, generated from the configuration, with what the organisation wrote',
  access: 'dpo:desk',
  response: Type.Object({ items: Type.Array(InventoryActivity), rules: RetentionRules }),
});

export const updateInventoryActivity = defineOp({
  method: 'PUT',
  path: '/data-protection/inventory/:activity',
  tags,
  summary: 'Write over generated columns of an activity (an empty text goes back to the generated one)',
  access: 'dpo:desk',
  params: Type.Object({ activity: Literals(DP_ACTIVITIES) }),
  body: Type.Object(
    {
      overrides: Type.Object(
        Object.fromEntries(
          DP_INVENTORY_FIELDS.map((f) => [f, Type.Optional(Type.String({ maxLength: 2000, text: 'multiline' }))]),
        ),
        { additionalProperties: false },
      ),
    },
    { additionalProperties: false },
  ),
  response: getInventory.response,
});

export const exportInventory = defineOp({
  method: 'GET',
  path: '/data-protection/inventory/export',
  tags,
  summary: 'The inventory as CSV or XLSX, in Turkish, English or Arabic (the export is audited)',
  access: 'dpo:desk',
  query: Type.Object({ format: Literals(['csv', 'xlsx'] as const), locale: Type.Optional(LocaleSchema) }),
  response: Binary,
});
