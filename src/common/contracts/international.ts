/**
 * The international-cooperation module's API (issue 17, docs/INTERNATIONAL.md): memberships of
 * organisations in networks over time; agreements and protocols with their parties, documents and
 * follow-up actions (owners, deadlines, reminders); events with hosts, participants, topics, outcomes
 * and follow-ups; a calendar and a timeline per partner; publications and a searchable library of good
 * practices in tr/en/ar. Networks, organisations, parties and hosts are the programmes module's partners.
 */
import { Type, type Static } from 'typebox';
import { PARTNER_TYPES } from '../programmes.ts';
import {
  ACTION_STATUSES,
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  DATE_PRECISIONS,
  EVENT_KINDS,
  MEMBERSHIP_ROLES,
  PUBLICATION_KINDS,
  THEMES,
  TIMELINE_KINDS,
} from '../international.ts';
import { defineOp } from './op.ts';
import { HttpUrl, IdParams, IsoDate, Known, Literals, Nullable, Uuid } from './schema.ts';

const tags = ['international'] as const;
const readers = 'international:read' as const;
const managers = 'international:manage' as const;

const Title = Type.String({ minLength: 2, maxLength: 300 });
const OptionalText = (maxLength: number, multiline = false) =>
  Type.Optional(Nullable(Type.String({ maxLength, ...(multiline ? { text: 'multiline' } : {}) })));
const Precision = Type.Optional(Literals(DATE_PRECISIONS));

export const Localised = Type.Object({ tr: Type.String(), en: Nullable(Type.String()), ar: Nullable(Type.String()) });
export type Localised = Static<typeof Localised>;

export const PartnerRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  acronym: Nullable(Type.String()),
  type: Known(PARTNER_TYPES),
  country: Nullable(Type.String()),
});
export type PartnerRef = Static<typeof PartnerRef>;

export const StaffRef = Type.Object({ id: Type.String(), name: Type.String() });
export type StaffRef = Static<typeof StaffRef>;

// ---- memberships ---------------------------------------------------------------------------------------

export const MembershipInput = Type.Object(
  {
    memberId: Uuid,
    networkId: Uuid,
    role: Literals(MEMBERSHIP_ROLES),
    startDate: IsoDate,
    endDate: Type.Optional(Nullable(IsoDate)),
    /** How precisely the dates are known (default: the day). */
    precision: Precision,
    note: OptionalText(1000, true),
  },
  { additionalProperties: false },
);
export type MembershipInput = Static<typeof MembershipInput>;

export const Membership = Type.Object({
  id: Type.String(),
  member: PartnerRef,
  network: PartnerRef,
  role: Known(MEMBERSHIP_ROLES),
  startDate: Type.String(),
  endDate: Nullable(Type.String()),
  precision: Known(DATE_PRECISIONS),
  note: Nullable(Type.String()),
});
export type Membership = Static<typeof Membership>;

// ---- follow-up actions ---------------------------------------------------------------------------------

export const FollowUpInput = Type.Object(
  { title: Title, ownerId: Uuid, deadline: IsoDate },
  { additionalProperties: false },
);
export type FollowUpInput = Static<typeof FollowUpInput>;

export const FollowUpPatch = Type.Partial(
  Type.Object({ title: Title, ownerId: Uuid, deadline: IsoDate, status: Literals(ACTION_STATUSES) }),
  { additionalProperties: false, minProperties: 1 },
);
export type FollowUpPatch = Static<typeof FollowUpPatch>;

export const FollowUp = Type.Object({
  id: Type.String(),
  title: Type.String(),
  owner: StaffRef,
  deadline: Type.String(),
  status: Known(ACTION_STATUSES),
  /** Open and past its deadline (by the application clock). */
  overdue: Type.Boolean(),
  remindedBeforeAt: Nullable(Type.String()),
  remindedOverdueAt: Nullable(Type.String()),
  agreementId: Nullable(Type.String()),
  eventId: Nullable(Type.String()),
});
export type FollowUp = Static<typeof FollowUp>;

// ---- agreements ----------------------------------------------------------------------------------------

const PartyInput = Type.Object(
  {
    partnerId: Uuid,
    /** The party's name at signing, when it has changed since (Macedonia → North Macedonia, 2019). */
    nameAtSigning: OptionalText(300),
  },
  { additionalProperties: false },
);
const DocumentInput = Type.Object(
  {
    title: Title,
    /** Where the signed copy is kept: registry number, archive file, or a link. */
    reference: OptionalText(300),
  },
  { additionalProperties: false },
);

const agreementFields = {
  kind: Literals(AGREEMENT_KINDS),
  title: Title,
  signedOn: Type.Optional(Nullable(IsoDate)),
  validUntil: Type.Optional(Nullable(IsoDate)),
  scope: OptionalText(4000, true),
  status: Literals(AGREEMENT_STATUSES),
  parties: Type.Array(PartyInput, { minItems: 1, maxItems: 30 }),
  documents: Type.Optional(Type.Array(DocumentInput, { maxItems: 30 })),
};
export const AgreementInput = Type.Object(
  { ...agreementFields, followUps: Type.Optional(Type.Array(FollowUpInput, { maxItems: 30 })) },
  { additionalProperties: false },
);
export type AgreementInput = Static<typeof AgreementInput>;
export const AgreementPatch = Type.Partial(Type.Object(agreementFields), {
  additionalProperties: false,
  minProperties: 1,
});
export type AgreementPatch = Static<typeof AgreementPatch>;

/** The file types an agreement's document may be uploaded as (checked by the file's first bytes). */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
/** The largest file an agreement's document may be (as a person's documents). */
export const MAX_DOCUMENT_MB = 5;

export const AgreementDocument = Type.Object({
  id: Type.String(),
  title: Type.String(),
  reference: Nullable(Type.String()),
  /** The uploaded file, when there is one (its bytes are fetched apart, audited). */
  file: Nullable(
    Type.Object({
      fileName: Type.String(),
      mediaType: Type.String(),
      sizeBytes: Type.Integer(),
      uploadedAt: Type.String(),
      uploadedBy: Nullable(Type.String()),
    }),
  ),
});
export type AgreementDocument = Static<typeof AgreementDocument>;

export const AgreementDocumentUpload = Type.Object(
  {
    title: Title,
    reference: OptionalText(300),
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    mediaType: Literals(DOCUMENT_MEDIA_TYPES),
    contentBase64: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type AgreementDocumentUpload = Static<typeof AgreementDocumentUpload>;

const DocumentParams = Type.Object({ id: Uuid, docId: Uuid });
const Binary = Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'The file' });

export const Agreement = Type.Object({
  id: Type.String(),
  kind: Known(AGREEMENT_KINDS),
  title: Type.String(),
  signedOn: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  scope: Nullable(Type.String()),
  status: Known(AGREEMENT_STATUSES),
  parties: Type.Array(Type.Object({ partner: PartnerRef, nameAtSigning: Nullable(Type.String()) })),
  documents: Type.Array(AgreementDocument),
  followUps: Type.Array(FollowUp),
});
export type Agreement = Static<typeof Agreement>;

// ---- events --------------------------------------------------------------------------------------------

const eventFields = {
  kind: Literals(EVENT_KINDS),
  title: Title,
  startDate: IsoDate,
  endDate: IsoDate,
  precision: Precision,
  hostId: Type.Optional(Nullable(Uuid)),
  place: OptionalText(200),
  partnerIds: Type.Optional(Type.Array(Uuid, { maxItems: 60, uniqueItems: true })),
  staffIds: Type.Optional(Type.Array(Uuid, { maxItems: 60, uniqueItems: true })),
  topics: OptionalText(4000, true),
  outcomes: OptionalText(4000, true),
};
export const EventInput = Type.Object(
  { ...eventFields, followUps: Type.Optional(Type.Array(FollowUpInput, { maxItems: 30 })) },
  { additionalProperties: false },
);
export type EventInput = Static<typeof EventInput>;
/** An event's details replaced; its follow-up actions are added and changed on their own. */
export const EventUpdate = Type.Object(eventFields, { additionalProperties: false });
export type EventUpdate = Static<typeof EventUpdate>;

export const CoopEvent = Type.Object({
  id: Type.String(),
  kind: Known(EVENT_KINDS),
  title: Type.String(),
  startDate: Type.String(),
  endDate: Type.String(),
  precision: Known(DATE_PRECISIONS),
  host: Nullable(PartnerRef),
  place: Nullable(Type.String()),
  partners: Type.Array(PartnerRef),
  staff: Type.Array(StaffRef),
  topics: Nullable(Type.String()),
  outcomes: Nullable(Type.String()),
  followUps: Type.Array(FollowUp),
});
export type CoopEvent = Static<typeof CoopEvent>;

// ---- timeline ------------------------------------------------------------------------------------------

export const TimelineEntry = Type.Object({
  kind: Known(TIMELINE_KINDS),
  id: Type.String(),
  date: Type.String(),
  endDate: Nullable(Type.String()),
  precision: Known(DATE_PRECISIONS),
  title: Type.String(),
  /** A membership's role, an agreement's or an action's status, an event's kind. */
  detail: Nullable(Type.String()),
  /** The agreement or event a follow-up belongs to; the agreement or event itself otherwise. */
  agreementId: Nullable(Type.String()),
  eventId: Nullable(Type.String()),
  /** A follow-up's owner. */
  owner: Nullable(Type.String()),
});
export type TimelineEntry = Static<typeof TimelineEntry>;

export const PartnerTimeline = Type.Object({ partner: PartnerRef, entries: Type.Array(TimelineEntry) });
export type PartnerTimeline = Static<typeof PartnerTimeline>;

// ---- publications and good practices -------------------------------------------------------------------

export const PublicationInput = Type.Object(
  {
    kind: Literals(PUBLICATION_KINDS),
    series: OptionalText(200),
    year: Type.Integer({ minimum: 1900, maximum: 2100 }),
    issue: OptionalText(40),
    titleTr: Title,
    titleEn: Type.Optional(Nullable(Title)),
    titleAr: Type.Optional(Nullable(Title)),
    publisherId: Type.Optional(Nullable(Uuid)),
    themes: Type.Array(Literals(THEMES), { uniqueItems: true, maxItems: 12 }),
    link: Type.Optional(Nullable(HttpUrl())),
  },
  { additionalProperties: false },
);
export type PublicationInput = Static<typeof PublicationInput>;

export const Publication = Type.Object({
  id: Type.String(),
  kind: Known(PUBLICATION_KINDS),
  series: Nullable(Type.String()),
  year: Type.Integer(),
  issue: Nullable(Type.String()),
  title: Localised,
  publisher: Nullable(PartnerRef),
  themes: Type.Array(Known(THEMES)),
  link: Nullable(Type.String()),
});
export type Publication = Static<typeof Publication>;

export const PracticeInput = Type.Object(
  {
    titleTr: Title,
    titleEn: Type.Optional(Nullable(Title)),
    titleAr: Type.Optional(Nullable(Title)),
    summaryTr: Type.String({ minLength: 2, maxLength: 4000, text: 'multiline' }),
    summaryEn: OptionalText(4000, true),
    summaryAr: OptionalText(4000, true),
    country: Type.Optional(Nullable(Type.String({ pattern: '^[A-Z]{2}$' }))),
    partnerId: Type.Optional(Nullable(Uuid)),
    themes: Type.Array(Literals(THEMES), { uniqueItems: true, maxItems: 12 }),
  },
  { additionalProperties: false },
);
export type PracticeInput = Static<typeof PracticeInput>;

export const Practice = Type.Object({
  id: Type.String(),
  title: Localised,
  summary: Localised,
  country: Nullable(Type.String()),
  partner: Nullable(PartnerRef),
  themes: Type.Array(Known(THEMES)),
});
export type Practice = Static<typeof Practice>;

const Items = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ items: Type.Array(item) });

// ---- operations ----------------------------------------------------------------------------------------

export const listPartnerOptions = defineOp({
  method: 'GET',
  path: '/international/partners',
  tags,
  summary: "The organisation's partners, to choose networks, parties, hosts and participants from",
  access: readers,
  response: Items(PartnerRef),
});

export const listStaffOptions = defineOp({
  method: 'GET',
  path: '/international/staff',
  tags,
  summary: "The organisation's active staff, to choose action owners and event participants from",
  access: managers,
  response: Items(StaffRef),
});

export const partnerTimeline = defineOp({
  method: 'GET',
  path: '/international/partners/:id/timeline',
  tags,
  summary: "A partner's memberships, agreements, events and follow-up actions in date order",
  access: readers,
  params: IdParams,
  response: PartnerTimeline,
});

export const listMemberships = defineOp({
  method: 'GET',
  path: '/international/memberships',
  tags,
  summary: 'Memberships of organisations in networks, over time',
  access: readers,
  query: Type.Object({ partnerId: Type.Optional(Uuid) }),
  response: Items(Membership),
});

export const createMembership = defineOp({
  method: 'POST',
  path: '/international/memberships',
  tags,
  summary: 'Record a membership (a role over a period; periods of the same role may not overlap)',
  access: managers,
  body: MembershipInput,
  response: Membership,
  status: 201,
});

export const updateMembership = defineOp({
  method: 'PUT',
  path: '/international/memberships/:id',
  tags,
  summary: 'Change a membership (the same rules as a new one: no overlapping period of the same role)',
  access: managers,
  params: IdParams,
  body: MembershipInput,
  response: Membership,
});

export const listAgreements = defineOp({
  method: 'GET',
  path: '/international/agreements',
  tags,
  summary: 'Agreements and protocols, newest signature first',
  access: readers,
  query: Type.Object({ status: Type.Optional(Literals(AGREEMENT_STATUSES)), partnerId: Type.Optional(Uuid) }),
  response: Items(Agreement),
});

export const createAgreement = defineOp({
  method: 'POST',
  path: '/international/agreements',
  tags,
  summary: 'Record an agreement or protocol with its parties, documents and follow-up actions',
  access: managers,
  body: AgreementInput,
  response: Agreement,
  status: 201,
});

export const getAgreement = defineOp({
  method: 'GET',
  path: '/international/agreements/:id',
  tags,
  summary: 'One agreement',
  access: readers,
  params: IdParams,
  response: Agreement,
});

export const updateAgreement = defineOp({
  method: 'PATCH',
  path: '/international/agreements/:id',
  tags,
  summary: 'Change an agreement (its status, scope, parties, documents)',
  access: managers,
  params: IdParams,
  body: AgreementPatch,
  response: Agreement,
});

export const addAgreementFollowUp = defineOp({
  method: 'POST',
  path: '/international/agreements/:id/follow-ups',
  tags,
  summary: 'Add a follow-up action to an agreement',
  access: managers,
  params: IdParams,
  body: FollowUpInput,
  response: FollowUp,
  status: 201,
});

export const uploadAgreementDocument = defineOp({
  method: 'POST',
  path: '/international/agreements/:id/documents',
  tags,
  summary: 'Upload a document of an agreement (the signed copy): PDF, JPEG or PNG, at most 5 MB, as base64',
  description:
    "The type is checked by the file's first bytes: a file that is not what mediaType says answers 422 naming " +
    '/mediaType or /contentBase64; a larger one 422 naming /contentBase64. Audited.',
  access: managers,
  params: IdParams,
  body: AgreementDocumentUpload,
  response: AgreementDocument,
  status: 201,
});

export const agreementDocumentContent = defineOp({
  method: 'GET',
  path: '/international/agreements/:id/documents/:docId/content',
  tags,
  summary: "Download an agreement's uploaded document (as an attachment; audited)",
  access: readers,
  params: DocumentParams,
  response: Binary,
});

export const deleteAgreementDocument = defineOp({
  method: 'DELETE',
  path: '/international/agreements/:id/documents/:docId',
  tags,
  summary: 'Remove a document from an agreement (the web app asks for confirmation first; audited)',
  access: managers,
  params: DocumentParams,
  response: Type.Null(),
  status: 204,
});

export const listEvents = defineOp({
  method: 'GET',
  path: '/international/events',
  tags,
  summary: 'Events overlapping a period (the calendar), or of a partner',
  access: readers,
  query: Type.Object({
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    partnerId: Type.Optional(Uuid),
  }),
  response: Items(CoopEvent),
});

export const createEvent = defineOp({
  method: 'POST',
  path: '/international/events',
  tags,
  summary: 'Record a meeting, workshop or conference with its participants and follow-ups',
  access: managers,
  body: EventInput,
  response: CoopEvent,
  status: 201,
});

export const getEvent = defineOp({
  method: 'GET',
  path: '/international/events/:id',
  tags,
  summary: 'One event',
  access: readers,
  params: IdParams,
  response: CoopEvent,
});

export const updateEvent = defineOp({
  method: 'PUT',
  path: '/international/events/:id',
  tags,
  summary: "Change an event's details, host, participants, topics and outcomes (its follow-ups stay)",
  access: managers,
  params: IdParams,
  body: EventUpdate,
  response: CoopEvent,
});

export const addEventFollowUp = defineOp({
  method: 'POST',
  path: '/international/events/:id/follow-ups',
  tags,
  summary: 'Add a follow-up action to an event',
  access: managers,
  params: IdParams,
  body: FollowUpInput,
  response: FollowUp,
  status: 201,
});

export const updateFollowUp = defineOp({
  method: 'PATCH',
  path: '/international/follow-ups/:id',
  tags,
  summary: 'Change a follow-up action (done, cancelled, a new deadline or owner)',
  access: managers,
  params: IdParams,
  body: FollowUpPatch,
  response: FollowUp,
});

export const listPublications = defineOp({
  method: 'GET',
  path: '/international/publications',
  tags,
  summary: 'Publications, newest first, searchable in tr/en/ar',
  access: readers,
  query: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100 })), theme: Type.Optional(Literals(THEMES)) }),
  response: Items(Publication),
});

export const createPublication = defineOp({
  method: 'POST',
  path: '/international/publications',
  tags,
  summary: 'Record a publication',
  access: managers,
  body: PublicationInput,
  response: Publication,
  status: 201,
});

export const updatePublication = defineOp({
  method: 'PUT',
  path: '/international/publications/:id',
  tags,
  summary: 'Change a publication',
  access: managers,
  params: IdParams,
  body: PublicationInput,
  response: Publication,
});

export const listPractices = defineOp({
  method: 'GET',
  path: '/international/practices',
  tags,
  summary: 'The library of good practices, searched in tr/en/ar with Turkish-aware folding',
  access: readers,
  query: Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    theme: Type.Optional(Literals(THEMES)),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  }),
  response: Items(Practice),
});

export const createPractice = defineOp({
  method: 'POST',
  path: '/international/practices',
  tags,
  summary: 'Add a good practice to the library',
  access: managers,
  body: PracticeInput,
  response: Practice,
  status: 201,
});

export const updatePractice = defineOp({
  method: 'PUT',
  path: '/international/practices/:id',
  tags,
  summary: 'Change a good practice in the library',
  access: managers,
  params: IdParams,
  body: PracticeInput,
  response: Practice,
});
