/**
 * The employers module's API as staff (and an employer's own users) call it: the employer register,
 * its search, verification and suspension, the hazard class, contacts, identity change requests from the
 * portal, decent-work concerns and the record of answering referrals; and the employer portal's own
 * operations: an employer's sign-up, its users' view of their employer, and its portal users (managed by
 * the employer's managers and by staff). The import/export still declares its schemas in
 * `modules/employers/transfer.routes.ts`.
 */
import { Type, type Static } from 'typebox';
import { EMPLOYER_STATUSES, HAZARD_CLASSES } from '../enums.ts';
import { defineOp } from './op.ts';
import { LOCALES } from '../locales.ts';
import { USER_STATUSES } from './identity.ts';
import { Binary, HttpUrl, IdParams, Known, Literals, LocaleSchema, Nullable, Page, Uuid } from './schema.ts';
import type { Permission } from '../permissions.ts';

const tags = ['employers'] as const;

export const TAX_KINDS = ['vkn', 'tckn'] as const;
export const CONCERN_KINDS = ['decent-work', 'child-labour', 'unregistered-work', 'discrimination', 'other'] as const;
export type TaxKind = (typeof TAX_KINDS)[number];
export type ConcernKind = (typeof CONCERN_KINDS)[number];
export const CONCERN_DECISIONS = ['following-up', 'resolved', 'dismissed'] as const;
export const CONCERN_STATUSES = ['open', ...CONCERN_DECISIONS] as const;
export type ConcernStatus = (typeof CONCERN_STATUSES)[number];
export const CHANGE_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
/**
 * Fields that say who the employer is (issue 8, item 14): its names as registered and shown on the
 * job board, its tax and SGK numbers, its activity (which sets the hazard class) and its size and
 * sector (which set the disability quota). Changed from the employer portal once the employer is past
 * verification, they wait for staff (a change request); the other fields apply at once.
 */
export const IDENTITY_FIELDS = [
  'legalName',
  'tradeName',
  'taxKind',
  'taxNumber',
  'sgkWorkplaceNumber',
  'naceCode',
  'workerCount',
  'isPublic',
] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/**
 * An employer's fields as staff send them. The import checks each row against the very body schema of
 * POST /employers (`EmployerCreate`), as POST /vacancies' rows are checked against `VacancyCreate`.
 */
export const EmployerFields = {
  legalName: Type.String({ minLength: 2, maxLength: 300 }),
  tradeName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  taxKind: Literals(TAX_KINDS),
  taxNumber: Type.String({ pattern: '^\\s*\\d{10,11}\\s*$' }),
  sgkWorkplaceNumber: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  naceCode: Type.String({ pattern: '^\\d{2}(\\.?\\d{1,2}(\\.?\\d{1,2})?)?$' }),
  workerCount: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
  isPublic: Type.Optional(Type.Boolean()),
  province: Type.String({ minLength: 2, maxLength: 60 }),
  district: Type.String({ minLength: 2, maxLength: 60 }),
  address: Type.Optional(Nullable(Type.String({ maxLength: 500, text: 'multiline' }))),
  website: Type.Optional(Nullable(HttpUrl())),
  acceptTerms: Type.Optional(Type.Boolean()),
};

/** The body of POST /employers, and of each row of an employer import. */
export const EmployerCreate = Type.Object(EmployerFields, { additionalProperties: false });
export type EmployerCreate = Static<typeof EmployerCreate>;

export const EmployerUpdate = Type.Partial(Type.Object(EmployerFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type EmployerUpdate = Static<typeof EmployerUpdate>;

export const Employer = Type.Object({
  id: Type.String(),
  legalName: Type.String(),
  tradeName: Nullable(Type.String()),
  taxKind: Known(TAX_KINDS),
  taxNumber: Type.String({ description: 'Masked for sole traders (their ID number)' }),
  sgkWorkplaceNumber: Nullable(Type.String()),
  naceCode: Type.String(),
  hazardClassSuggested: Known(HAZARD_CLASSES),
  hazardClass: Nullable(Known(HAZARD_CLASSES)),
  hazardConfirmed: Type.Boolean(),
  workerCount: Type.Integer(),
  isPublic: Type.Boolean(),
  disabilityQuota: Type.Integer(),
  province: Type.String(),
  district: Type.String(),
  address: Nullable(Type.String()),
  website: Nullable(Type.String()),
  termsAccepted: Type.Boolean(),
  status: Known(EMPLOYER_STATUSES),
  statusReason: Nullable(Type.String()),
  verifiedAt: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type Employer = Static<typeof Employer>;

const PersonRef = Type.Object({ id: Type.String(), name: Type.String() });

/** An identity change an employer user asked for, waiting for staff or decided (issue 8, item 14). */
export const ChangeRequest = Type.Object({
  id: Type.String(),
  status: Known(CHANGE_REQUEST_STATUSES),
  fields: Type.Array(Known(IDENTITY_FIELDS)),
  changes: Type.Object(
    {
      legalName: Type.Optional(Type.String()),
      tradeName: Type.Optional(Nullable(Type.String())),
      taxKind: Type.Optional(Known(TAX_KINDS)),
      taxNumber: Type.Optional(Type.String({ description: 'Masked for sole traders (their ID number)' })),
      sgkWorkplaceNumber: Type.Optional(Nullable(Type.String())),
      naceCode: Type.Optional(Type.String()),
      workerCount: Type.Optional(Type.Integer()),
      isPublic: Type.Optional(Type.Boolean()),
    },
    { description: 'The requested values' },
  ),
  requestedBy: Nullable(PersonRef),
  requestedAt: Type.String(),
  decidedBy: Nullable(PersonRef),
  decidedAt: Nullable(Type.String()),
  reason: Nullable(Type.String()),
});
export type ChangeRequest = Static<typeof ChangeRequest>;

export const Contact = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  role: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
});
export type Contact = Static<typeof Contact>;

/** An employer with its contacts, open concerns and pending identity change (staff and the employer's own users). */
export const EmployerDetail = Type.Intersect([
  Employer,
  Type.Object({
    contacts: Type.Array(Contact),
    openConcerns: Type.Integer(),
    pendingChange: Nullable(ChangeRequest),
  }),
]);
export type EmployerDetail = Static<typeof EmployerDetail>;

export const Concern = Type.Object({
  id: Type.String(),
  kind: Known(CONCERN_KINDS),
  description: Type.String(),
  status: Known(CONCERN_STATUSES),
  followUpDue: Nullable(Type.String()),
  overdue: Type.Boolean(),
  resolution: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type Concern = Static<typeof Concern>;
const Concerns = Type.Object({ items: Type.Array(Concern) });

export const ResponseRecord = Type.Object({
  sent: Type.Integer(),
  answered: Type.Integer(),
  averageWorkingDays: Nullable(Type.Number()),
  withinLimit: Type.Integer(),
  overdueNow: Type.Integer(),
  limitWorkingDays: Type.Integer(),
});
export type ResponseRecord = Static<typeof ResponseRecord>;

/** The filters of the employer list that carry no personal data (they may travel in an address). */
const EmployerListFields = {
  status: Type.Optional(Literals(EMPLOYER_STATUSES)),
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
};
/** The route that takes an employer search's words in its body (named by the list's refusal of them). */
export const EMPLOYER_SEARCH = 'POST /api/v1/employers/search';

const ChangeParams = Type.Object({ id: Uuid, requestId: Uuid });

// ---- operations --------------------------------------------------------------------------------------

export const listEmployers = defineOp({
  method: 'GET',
  path: '/employers',
  tags,
  summary: "The organisation's employers, filtered by status",
  access: 'employers:read',
  query: Type.Object(EmployerListFields),
  response: Page(Employer),
});

export const searchEmployers = defineOp({
  method: 'POST',
  path: '/employers/search',
  tags,
  summary: "Find the organisation's employers by name or tax number (a sole trader's is their ID number)",
  description:
    'The search words travel in the body, never in the address (proxies log addresses). ' +
    'Same scope, permissions and answer as GET /employers.',
  access: 'employers:read',
  body: Type.Object(
    {
      q: Type.Optional(Type.String({ maxLength: 100, description: 'A name or a tax number' })),
      ...EmployerListFields,
    },
    { additionalProperties: false },
  ),
  response: Page(Employer),
});

export const createEmployer = defineOp({
  method: 'POST',
  path: '/employers',
  tags,
  summary: 'Register an employer (pending until staff verify it)',
  access: 'employers:write',
  body: EmployerCreate,
  response: EmployerDetail,
  status: 201,
});

export const getEmployer = defineOp({
  method: 'GET',
  path: '/employers/:id',
  tags,
  summary: 'An employer (an employer user sees only their own)',
  access: ['employers:read', 'employer-portal'],
  params: IdParams,
  response: EmployerDetail,
});

export const updateEmployer = defineOp({
  method: 'PATCH',
  path: '/employers/:id',
  tags,
  summary: 'Change an employer record',
  description:
    'From the employer portal, once the employer is past verification, the identity fields (legalName, ' +
    'tradeName, taxKind, taxNumber, sgkWorkplaceNumber, naceCode, workerCount, isPublic) are not applied: ' +
    'they become a pending change request for staff (pendingChange in the answer); the other fields apply at once.',
  access: ['employers:write', 'employer-portal'],
  params: IdParams,
  body: EmployerUpdate,
  response: EmployerDetail,
});

export const listChangeRequests = defineOp({
  method: 'GET',
  path: '/employers/:id/change-requests',
  tags,
  summary: 'Identity changes asked for from the employer portal, newest first (an employer user: their own)',
  access: ['employers:read', 'employer-portal'],
  params: IdParams,
  response: Type.Object({ items: Type.Array(ChangeRequest) }),
});

export const approveChangeRequest = defineOp({
  method: 'POST',
  path: '/employers/:id/change-requests/:requestId/approve',
  tags,
  summary: 'Approve a pending identity change: the requested values are checked again and applied (audited)',
  access: 'employers:write',
  params: ChangeParams,
  response: EmployerDetail,
});

export const rejectChangeRequest = defineOp({
  method: 'POST',
  path: '/employers/:id/change-requests/:requestId/reject',
  tags,
  summary: 'Reject a pending identity change, with the reason the employer is told (audited)',
  access: 'employers:write',
  params: ChangeParams,
  body: Type.Object(
    { reason: Type.String({ minLength: 3, maxLength: 1000, text: 'multiline' }) },
    { additionalProperties: false },
  ),
  response: EmployerDetail,
});

export const confirmHazardClass = defineOp({
  method: 'POST',
  path: '/employers/:id/hazard-class',
  tags,
  summary: "Confirm the workplace hazard class from the employer's SGK record",
  access: 'employers:write',
  params: IdParams,
  body: Type.Object({ hazardClass: Literals(HAZARD_CLASSES) }, { additionalProperties: false }),
  response: EmployerDetail,
});

export const setEmployerStatus = defineOp({
  method: 'POST',
  path: '/employers/:id/status',
  tags,
  summary: 'Verify or suspend an employer (suspended employers cannot publish or receive referrals)',
  access: 'employers:write',
  params: IdParams,
  body: Type.Object(
    {
      status: Literals(['verified', 'suspended']),
      reason: Type.Optional(Nullable(Type.String({ maxLength: 1000, text: 'multiline' }))),
    },
    { additionalProperties: false },
  ),
  response: EmployerDetail,
});

export const ContactInput = Type.Object(
  {
    fullName: Type.String({ minLength: 2, maxLength: 200 }),
    role: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
    email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
  },
  { additionalProperties: false },
);
export type ContactInput = Static<typeof ContactInput>;

export const addContact = defineOp({
  method: 'POST',
  path: '/employers/:id/contacts',
  tags,
  summary: 'Add a contact person',
  access: ['employers:write', 'employer-portal'],
  params: IdParams,
  body: ContactInput,
  response: EmployerDetail,
  status: 201,
});

export const removeContact = defineOp({
  method: 'DELETE',
  path: '/employers/:id/contacts/:contactId',
  tags,
  summary: 'Remove a contact person',
  access: ['employers:write', 'employer-portal'],
  params: Type.Object({ id: Uuid, contactId: Uuid }),
  response: Type.Null(),
  status: 204,
});

export const listConcerns = defineOp({
  method: 'GET',
  path: '/employers/:id/concerns',
  tags,
  summary: 'Decent-work complaints and child-labour concerns',
  access: 'employers:read',
  params: IdParams,
  response: Concerns,
});

export const raiseConcern = defineOp({
  method: 'POST',
  path: '/employers/:id/concerns',
  tags,
  summary: 'Record a decent-work complaint or child-labour concern; opens a follow-up and may suspend the employer',
  access: 'employers:write',
  params: IdParams,
  body: Type.Object(
    {
      kind: Literals(CONCERN_KINDS),
      description: Type.String({ minLength: 5, maxLength: 5000, text: 'multiline' }),
      suspend: Type.Boolean({ default: false }),
    },
    { additionalProperties: false },
  ),
  response: Concerns,
  status: 201,
});

export const updateConcern = defineOp({
  method: 'PATCH',
  path: '/employers/:id/concerns/:concernId',
  tags,
  summary: 'Follow up, resolve or dismiss a concern',
  access: 'employers:write',
  params: Type.Object({ id: Uuid, concernId: Uuid }),
  body: Type.Object(
    {
      status: Literals(CONCERN_DECISIONS),
      resolution: Type.Optional(Nullable(Type.String({ maxLength: 5000, text: 'multiline' }))),
    },
    { additionalProperties: false },
  ),
  response: Concerns,
});

export const getResponseRecord = defineOp({
  method: 'GET',
  path: '/employers/:id/response-record',
  tags,
  summary: "The employer's record of answering referrals, in working days",
  access: 'employers:read',
  params: IdParams,
  response: ResponseRecord,
});

// ---- the employer portal ---------------------------------------------------------------------------

const portalTags = ['employer portal'] as const;

/** A portal user as the employer's managers and staff enter them (invited by e-mail to choose a password). */
const PortalUserFields = {
  fullName: Type.String({ minLength: 2, maxLength: 200 }),
  email: Type.String({ format: 'email', maxLength: 320 }),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  locale: LocaleSchema,
};
export const PortalUserInput = Type.Object(
  { ...PortalUserFields, manager: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
export type PortalUserInput = Static<typeof PortalUserInput>;

export const PortalUser = Type.Object({
  id: Type.String(),
  fullName: Type.String(),
  email: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  locale: Known(LOCALES),
  status: Known(USER_STATUSES),
  manager: Type.Boolean(),
  lastSignInAt: Nullable(Type.String()),
  addedAt: Type.String(),
});
export type PortalUser = Static<typeof PortalUser>;
const PortalUsers = Type.Object({ items: Type.Array(PortalUser) });

const { acceptTerms: _acceptTerms, ...signUpEmployerFields } = EmployerFields;

/** An employer registering itself: the employer's fields, the organisation, the terms, and its first user. */
export const EmployerSignUp = Type.Object(
  {
    organisationId: Uuid,
    ...signUpEmployerFields,
    acceptTerms: Type.Boolean(),
    user: Type.Object(PortalUserFields, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type EmployerSignUp = Static<typeof EmployerSignUp>;

export const signUpEmployer = defineOp({
  method: 'POST',
  path: '/public/employers',
  tags: ['employer sign-up'],
  summary: 'An employer registers itself and its first user (pending until staff verify it)',
  description:
    'The same fields and rules as POST /employers, the organisation to work with (GET /public/organisations), ' +
    'acceptance of the terms, and the first user, who receives an e-mail to choose a password. Answers 202 with ' +
    'the same body whether the employer was new or its tax number was already registered with the organisation ' +
    "(then the employer's managers are told and nothing is created). At most 10 sign-ups per address per hour " +
    '(429 with Retry-After).',
  access: 'public',
  body: EmployerSignUp,
  response: Type.Object({ received: Type.Literal(true) }),
  status: 202,
});

export const getMyEmployer = defineOp({
  method: 'GET',
  path: '/portal/employer',
  tags: portalTags,
  summary: 'My employer',
  description: 'The employer as GET /employers/:id shows it to its own users (the same fields).',
  access: 'employer-portal',
  response: EmployerDetail,
});

export const listPortalUsers = defineOp({
  method: 'GET',
  path: '/portal/users',
  tags: portalTags,
  summary: "My employer's portal users",
  access: 'employer-portal',
  response: PortalUsers,
});

export const invitePortalUser = defineOp({
  method: 'POST',
  path: '/portal/users',
  tags: portalTags,
  summary: 'Invite a colleague (managers only): they receive an e-mail to choose a password',
  access: 'employer-portal',
  body: PortalUserInput,
  response: PortalUsers,
  status: 201,
});

export const removePortalUser = defineOp({
  method: 'DELETE',
  path: '/portal/users/:userId',
  tags: portalTags,
  summary: 'Remove a colleague (managers only; never the last manager). A user left with no employer is disabled.',
  access: 'employer-portal',
  params: Type.Object({ userId: Uuid }),
  response: Type.Null(),
  status: 204,
});

export const listEmployerUsers = defineOp({
  method: 'GET',
  path: '/employers/:id/users',
  tags,
  summary: "An employer's portal users",
  access: 'employers:read',
  params: IdParams,
  response: PortalUsers,
});

export const addEmployerUser = defineOp({
  method: 'POST',
  path: '/employers/:id/users',
  tags,
  summary: 'Give an employer a portal user: an employer user with this e-mail is linked, anyone else is invited',
  access: 'employers:write',
  params: IdParams,
  body: PortalUserInput,
  response: PortalUsers,
  status: 201,
});

export const removeEmployerUser = defineOp({
  method: 'DELETE',
  path: '/employers/:id/users/:userId',
  tags,
  summary: 'Take a portal user off an employer (never the last manager)',
  access: 'employers:write',
  params: Type.Object({ id: Uuid, userId: Uuid }),
  response: Type.Null(),
  status: 204,
});

// ---- import and export of employers and vacancies (a spreadsheet, XLSX or CSV) ----

/** What an import or export carries: the employer register or the vacancies. */
export const TRANSFER_KINDS = ['employers', 'vacancies'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** The largest spreadsheet an import takes, and the longest base64 text that carries it. */
export const TRANSFER_MAX_FILE_BYTES = 2 * 1024 * 1024;
export const TRANSFER_MAX_BASE64 = Math.ceil(TRANSFER_MAX_FILE_BYTES / 3) * 4;

const TransferFormat = Type.Union([Type.Literal('xlsx'), Type.Literal('csv')], { default: 'xlsx' });
const TransferFileQuery = Type.Object({ format: TransferFormat, locale: Type.Optional(LocaleSchema) });

const TransferReportItem = Type.Object({
  row: Type.Integer({ description: 'Row number as the spreadsheet shows it' }),
  pointer: Type.String({ description: 'The column, as a JSON pointer to its field, e.g. /taxNumber' }),
  column: Nullable(Type.String({ description: 'Column letter in the uploaded file, e.g. D' })),
  columnName: Type.String({ description: 'The column header in the caller’s language' }),
  code: Type.String({ description: 'Message key' }),
  message: Type.String({ description: 'The message in the caller’s language' }),
});
export type TransferReportItem = Static<typeof TransferReportItem>;

export const TransferReport = Type.Object({
  kind: Type.String(),
  dryRun: Type.Boolean(),
  written: Type.Boolean(),
  totalRows: Type.Integer(),
  validRows: Type.Integer(),
  importedRows: Type.Integer(),
  rowsWithProblems: Type.Integer(),
  problems: Type.Array(TransferReportItem),
  warnings: Type.Array(TransferReportItem, {
    description: 'Vacancies: decent-work rules and wording that will stop submission',
  }),
  ignoredColumns: Type.Array(Type.String()),
  ids: Type.Array(Type.String()),
});
export type TransferReport = Static<typeof TransferReport>;

export const TransferUpload = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 200 }),
    contentBase64: Type.String({ minLength: 1, maxLength: TRANSFER_MAX_BASE64 }),
    dryRun: Type.Boolean(),
    validRowsOnly: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type TransferUpload = Static<typeof TransferUpload>;

/** The three operations of one kind: export, the import template, the import. */
function transferOps<K extends TransferKind>(kind: K, read: Permission, write: Permission, importNote: string) {
  return {
    export: defineOp({
      method: 'GET',
      path: `/${kind}/export`,
      tags: [kind],
      summary: `Export the organisation's ${kind} (XLSX, or CSV with a UTF-8 BOM), headers in my language`,
      description:
        'No personal data: no contact people, and the tax number of a sole trader (their ID number) masked.' +
        (kind === 'vacancies' ? ' The employer is named by its tax number, as the import expects.' : ''),
      access: read,
      query: TransferFileQuery,
      response: Binary,
    }),
    template: defineOp({
      method: 'GET',
      path: `/${kind}/import/template`,
      tags: [kind],
      summary: `Download the ${kind} import template (XLSX or CSV), headers in the chosen language`,
      access: write,
      query: TransferFileQuery,
      response: Binary,
    }),
    import: defineOp({
      method: 'POST',
      path: `/${kind}/import`,
      tags: [kind],
      summary: `Import ${kind} from an XLSX or CSV file; every row checked with the rules of POST /${kind}`,
      description:
        'With dryRun: nothing is written and the answer (200) is the row report: row number, column (pointer and ' +
        'letter) and translated message for every problem. Without: the rows are written (201) when every row ' +
        'passes, or with validRowsOnly the rows that pass; otherwise nothing is written and the answer is 422 ' +
        'errors.transfer.hasErrors with one error per problem, pointer /rows/{row}/{field}. ' +
        importNote,
      access: write,
      body: TransferUpload,
      response: TransferReport,
      orCreated: true,
    }),
  };
}

export const employerTransfer = transferOps(
  'employers',
  'employers:read',
  'employers:write',
  'Employers are created pending, for staff to confirm the hazard class and verify.',
);
export const vacancyTransfer = transferOps(
  'vacancies',
  'vacancies:read',
  'vacancies:write',
  'Vacancies are created as drafts of the employer named by its tax number in the row; warnings list the ' +
    'decent-work rules and wording that would stop their submission.',
);
