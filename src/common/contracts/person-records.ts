/**
 * The people module's API for what hangs off a person's record: the household (members, social aid,
 * incomes), the person's files and printable forms (notice, consent, CV), and work permits.
 */
import { Type, type Static } from 'typebox';
import { WORK_PERMIT_KINDS, WORK_PERMIT_STATUSES } from '../decent-work.ts';
import { DOCUMENT_KINDS, HOUSEHOLD_RELATIONS, INCOME_SOURCES, MEDIA_TYPES, SEXES } from '../people.ts';
import { defineOp } from './op.ts';
import { Ref } from './people.ts';
import { IdParams, IsoDate, Known, Literals, LocaleSchema, Nullable, Uuid } from './schema.ts';

// ---- households -------------------------------------------------------------------------------------------

const householdTags = ['households'] as const;
const Relation = Literals(HOUSEHOLD_RELATIONS);
const Amount = Type.Number({ description: 'TL per month, more than 0, at most two decimals' });

const addressFields = {
  province: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  district: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
};

const memberFields = {
  personId: Type.Optional(Nullable(Uuid)),
  givenName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  familyName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  birthDate: Type.Optional(Nullable(IsoDate)),
  sex: Type.Optional(Nullable(Literals(SEXES))),
  relation: Relation,
};
const memberDescription = 'A registered person (personId), or anyone else by name (children included)';
const MemberInput = Type.Object(memberFields, { additionalProperties: false, description: memberDescription });
export const MemberAdd = Type.Object(
  {
    ...memberFields,
    sharesAddress: Type.Optional(
      Type.Boolean({
        description:
          'With personId: the person lives at the household’s address, which becomes their own (province, ' +
          'district, address; audited person.updated) in the same transaction, so it is not typed again.',
      }),
    ),
  },
  { additionalProperties: false, description: memberDescription },
);
export type MemberAdd = Static<typeof MemberAdd>;

const AidFields = {
  programme: Type.String({ minLength: 1, maxLength: 120 }),
  monthlyAmount: Amount,
  startDate: IsoDate,
  endDate: Type.Optional(Nullable(IsoDate)),
};

const IncomeFields = {
  source: Literals(INCOME_SOURCES),
  memberId: Type.Optional(Nullable(Uuid)),
  monthlyAmount: Amount,
  startDate: IsoDate,
  endDate: Type.Optional(Nullable(IsoDate)),
};

export const Household = Type.Object({
  id: Type.String(),
  office: Ref,
  province: Nullable(Type.String()),
  district: Nullable(Type.String()),
  address: Nullable(Type.String()),
  members: Type.Array(
    Type.Object({
      id: Type.String(),
      personId: Nullable(Type.String()),
      givenName: Type.String(),
      familyName: Type.String(),
      birthDate: Nullable(Type.String()),
      age: Nullable(Type.Integer()),
      sex: Nullable(Known(SEXES)),
      relation: Known(HOUSEHOLD_RELATIONS),
    }),
  ),
  socialAid: Type.Array(
    Type.Object({
      id: Type.String(),
      programme: Type.String(),
      monthlyAmount: Type.Number(),
      startDate: Type.String(),
      endDate: Nullable(Type.String()),
      current: Type.Boolean(),
    }),
  ),
  incomes: Type.Array(
    Type.Object({
      id: Type.String(),
      memberId: Nullable(Type.String()),
      source: Known(INCOME_SOURCES),
      monthlyAmount: Type.Number(),
      startDate: Type.String(),
      endDate: Nullable(Type.String()),
      current: Type.Boolean(),
    }),
  ),
  totals: Type.Object(
    { onDate: Type.String(), monthlyAid: Type.Number(), monthlyIncome: Type.Number() },
    { description: 'Social aid and income running today (TL per month)' },
  ),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Household = Static<typeof Household>;
export type HouseholdMember = Household['members'][number];
export type SocialAid = Household['socialAid'][number];
export type HouseholdIncome = Household['incomes'][number];

const HouseholdParams = Type.Object({ id: Uuid });

export const getHouseholdOfPerson = defineOp({
  method: 'GET',
  path: '/persons/:id/household',
  tags: householdTags,
  summary: 'The household of a person: members with ages, social aid, incomes and current totals',
  description: '404 errors.households.none when the person belongs to no household.',
  access: 'persons:read',
  params: IdParams,
  response: Household,
});

export const createHousehold = defineOp({
  method: 'POST',
  path: '/persons/:id/household',
  tags: householdTags,
  summary: 'Create a household for a person, who becomes its first member (head unless told otherwise)',
  description:
    'A registered person belongs to one household only: 409 errors.households.personHasHousehold. ' +
    'The address defaults to the person’s.',
  access: 'persons:write',
  params: IdParams,
  body: Type.Object(
    {
      relation: Type.Optional(Relation),
      ...addressFields,
      members: Type.Optional(Type.Array(MemberInput, { maxItems: 30 })),
    },
    { additionalProperties: false },
  ),
  response: Household,
  status: 201,
});

export const updateHousehold = defineOp({
  method: 'PATCH',
  path: '/households/:id',
  tags: householdTags,
  summary: 'Change a household’s address',
  access: 'persons:write',
  params: HouseholdParams,
  body: Type.Object(addressFields, { additionalProperties: false, minProperties: 1 }),
  response: Household,
});

export const addHouseholdMember = defineOp({
  method: 'POST',
  path: '/households/:id/members',
  tags: householdTags,
  summary: 'Add a member: a registered person, or anyone else by name, birth date, sex and relation',
  access: 'persons:write',
  params: HouseholdParams,
  body: MemberAdd,
  response: Household,
  status: 201,
});

export const removeHouseholdMember = defineOp({
  method: 'DELETE',
  path: '/households/:id/members/:memberId',
  tags: householdTags,
  summary: 'Remove a member (the last member cannot be removed)',
  access: 'persons:write',
  params: Type.Object({ id: Uuid, memberId: Uuid }),
  response: Household,
});

export const addSocialAid = defineOp({
  method: 'POST',
  path: '/households/:id/social-aid',
  tags: householdTags,
  summary: 'Record social aid the household receives (programme, monthly amount, period)',
  access: 'persons:write',
  params: HouseholdParams,
  body: Type.Object(AidFields, { additionalProperties: false }),
  response: Household,
  status: 201,
});

export const updateSocialAid = defineOp({
  method: 'PATCH',
  path: '/households/:id/social-aid/:aidId',
  tags: householdTags,
  summary: 'Change or end a social aid record',
  access: 'persons:write',
  params: Type.Object({ id: Uuid, aidId: Uuid }),
  body: Type.Partial(Type.Object(AidFields), { additionalProperties: false, minProperties: 1 }),
  response: Household,
});

export const addIncome = defineOp({
  method: 'POST',
  path: '/households/:id/incomes',
  tags: householdTags,
  summary: 'Record an income of the household (registered or informal work, pension, other)',
  access: 'persons:write',
  params: HouseholdParams,
  body: Type.Object(IncomeFields, { additionalProperties: false }),
  response: Household,
  status: 201,
});

export const updateIncome = defineOp({
  method: 'PATCH',
  path: '/households/:id/incomes/:incomeId',
  tags: householdTags,
  summary: 'Change or end an income',
  access: 'persons:write',
  params: Type.Object({ id: Uuid, incomeId: Uuid }),
  body: Type.Partial(Type.Object(IncomeFields), { additionalProperties: false, minProperties: 1 }),
  response: Household,
});

// ---- documents and printable forms ------------------------------------------------------------------------

const documentTags = ['documents'] as const;
const File = (description: string) => Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description });
const DocumentParams = Type.Object({ id: Uuid, docId: Uuid });

export const DocumentMeta = Type.Object({
  id: Type.String(),
  kind: Known(DOCUMENT_KINDS),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  uploadedBy: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type DocumentMeta = Static<typeof DocumentMeta>;

export const listDocuments = defineOp({
  method: 'GET',
  path: '/persons/:id/documents',
  tags: documentTags,
  summary: 'A person’s files (metadata only)',
  access: 'persons:read',
  params: IdParams,
  response: Type.Object({ items: Type.Array(DocumentMeta) }),
});

export const uploadDocument = defineOp({
  method: 'POST',
  path: '/persons/:id/documents',
  tags: documentTags,
  summary: 'Attach a file to a person: a signed notice or consent scan, a certificate, …',
  description:
    'PDF, JPEG or PNG, at most 5 MB, sent as base64. The type is checked by the file’s first bytes: a ' +
    'file that is not what mediaType says answers 422 naming /mediaType or /contentBase64.',
  access: 'persons:write',
  params: IdParams,
  body: Type.Object(
    {
      kind: Literals(DOCUMENT_KINDS),
      fileName: Type.String({ minLength: 1, maxLength: 255 }),
      mediaType: Literals(MEDIA_TYPES),
      contentBase64: Type.String({ minLength: 1 }),
    },
    { additionalProperties: false },
  ),
  response: DocumentMeta,
  status: 201,
});

export const documentContent = defineOp({
  method: 'GET',
  path: '/persons/:id/documents/:docId/content',
  tags: documentTags,
  summary: 'Download a file (as an attachment, with its type)',
  access: 'persons:read',
  params: DocumentParams,
  response: File('The file'),
});

export const deleteDocument = defineOp({
  method: 'DELETE',
  path: '/persons/:id/documents/:docId',
  tags: documentTags,
  summary: 'Delete a file (the web app asks for confirmation first)',
  access: 'persons:write',
  params: DocumentParams,
  response: Type.Null(),
  status: 204,
});

export const noticeForm = defineOp({
  method: 'GET',
  path: '/persons/:id/forms/notice',
  tags: documentTags,
  summary: 'The printable information notice (KVKK art. 10) with the person’s name, for a wet signature',
  description: 'Without locale: the first of the person’s languages that Köprü speaks, else Turkish.',
  access: 'persons:read',
  params: IdParams,
  query: Type.Object({ locale: Type.Optional(LocaleSchema) }),
  response: File('PDF'),
});

export const consentForm = defineOp({
  method: 'GET',
  path: '/persons/:id/forms/consent',
  tags: documentTags,
  summary: 'The printable explicit-consent form: the chosen purposes with tick boxes and a signature line',
  description:
    'purposes: comma-separated consent purposes (default: share-with-employers, contact-beyond-service, ' +
    'surveys, photos); partner names the partner for share-with-partners.',
  access: 'persons:read',
  params: IdParams,
  query: Type.Object({
    locale: Type.Optional(LocaleSchema),
    purposes: Type.Optional(Type.String({ maxLength: 300 })),
    partner: Type.Optional(Type.String({ maxLength: 100 })),
  }),
  response: File('PDF'),
});

export const personCv = defineOp({
  method: 'GET',
  path: '/persons/:id/cv',
  tags: documentTags,
  summary: 'A CV from the profile, for employers (needs the person’s share-with-employers consent; audited)',
  description:
    'Name, contact, desired occupations, work history, education, languages and skills; never the ID ' +
    'number, target groups or special-category data. Without consent: 409 errors.documents.cvNeedsConsent.',
  access: 'persons:read',
  params: IdParams,
  query: Type.Object({ locale: Type.Optional(Literals(['tr', 'en'])) }),
  response: File('PDF'),
});

// ---- work permits -----------------------------------------------------------------------------------------

const permitTags = ['work-permits'] as const;

export const WorkPermit = Type.Object({
  id: Type.String(),
  kind: Known(WORK_PERMIT_KINDS),
  status: Known(WORK_PERMIT_STATUSES),
  employerId: Nullable(Type.String()),
  employerName: Nullable(Type.String()),
  requestedOn: Nullable(Type.String()),
  decidedOn: Nullable(Type.String()),
  validFrom: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  reference: Nullable(Type.String()),
  note: Nullable(Type.String()),
  validToday: Type.Boolean({ description: 'Granted and valid on today’s date (Türkiye)' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type WorkPermit = Static<typeof WorkPermit>;

const permitFields = {
  kind: Literals(WORK_PERMIT_KINDS),
  status: Literals(WORK_PERMIT_STATUSES),
  employerId: Type.Optional(Nullable(Uuid)),
  employerName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  requestedOn: Type.Optional(Nullable(IsoDate)),
  decidedOn: Type.Optional(Nullable(IsoDate)),
  validFrom: Type.Optional(Nullable(IsoDate)),
  validUntil: Type.Optional(Nullable(IsoDate)),
  reference: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
};
export const WorkPermitInput = Type.Object(permitFields, { additionalProperties: false });
export type WorkPermitInput = Static<typeof WorkPermitInput>;
const PermitParams = Type.Object({ id: Uuid, permitId: Uuid });

const RESTRICTED =
  'For a person in the refugee group the permits are restricted like the protection status: without ' +
  '`special-category:read` none are listed and writing answers 403; reading them is audited.';

export const listWorkPermits = defineOp({
  method: 'GET',
  path: '/persons/:id/work-permits',
  tags: permitTags,
  summary: 'A person’s work permits and exemptions, per employer, with their dates',
  description: RESTRICTED,
  access: 'persons:read',
  params: IdParams,
  response: Type.Object({ items: Type.Array(WorkPermit) }),
});

export const recordWorkPermit = defineOp({
  method: 'POST',
  path: '/persons/:id/work-permits',
  tags: permitTags,
  summary: 'Record a work permit or exemption: requested, granted (valid from … until …) or refused',
  description:
    `${RESTRICTED} A permit bound to an employer (work permit, temporary- or international-protection ` +
    'permit) names it (`employerId` of a registered employer, or `employerName`); an independent or ' +
    'indefinite permit names none. Granted: `validFrom`, `decidedOn` and (except indefinite) `validUntil`.',
  access: 'persons:write',
  params: IdParams,
  body: WorkPermitInput,
  response: WorkPermit,
  status: 201,
});

export const updateWorkPermit = defineOp({
  method: 'PATCH',
  path: '/persons/:id/work-permits/:permitId',
  tags: permitTags,
  summary: 'Change a work permit (e.g. the decision arrived)',
  description: RESTRICTED,
  access: 'persons:write',
  params: PermitParams,
  body: Type.Partial(Type.Object(permitFields), { additionalProperties: false, minProperties: 1 }),
  response: WorkPermit,
});

export const removeWorkPermit = defineOp({
  method: 'DELETE',
  path: '/persons/:id/work-permits/:permitId',
  tags: permitTags,
  summary: 'Remove a work permit recorded by mistake',
  description: RESTRICTED,
  access: 'persons:write',
  params: PermitParams,
  response: Type.Null(),
  status: 204,
});
