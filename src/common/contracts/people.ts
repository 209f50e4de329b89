/**
 * The people module's API for persons: the register (list, search, duplicates check, registration,
 * profile, ID number reveal), consents and the information notice, merging duplicates, saved filters of
 * the person list, and the geography the forms pick from. Cases and appointments are in `cases.ts`,
 * households, documents and work permits in `person-records.ts`, self-registration and the seeker's own
 * pages in `self-service.ts`, the bulk import in `person-import.ts` (it checks each row against
 * `PersonCreate` below).
 */
import { Type, type Static, type TLiteral, type TUnion } from 'typebox';
import { SHIFTS, TARGET_GROUPS } from '../enums.ts';
import {
  CASE_STATUSES,
  CEFR_LEVELS,
  CHANNELS,
  CONSENT_PURPOSES,
  ID_KINDS,
  PERSON_SORTS,
  REGISTRATION_STATES,
  SAVED_FILTER_SCOPES,
  SEXES,
  type PersonSort,
} from '../people.ts';
import { LOCALES } from '../locales.ts';
import { defineOp } from './op.ts';
import { IdParams, IsoDate, Known, Literals, LocaleSchema, Nullable, Page, Uuid } from './schema.ts';

const tags = ['persons'] as const;

// ---- input building blocks (the staff form; self-registration reuses them) ---------------------------------

export const Name = Type.String({ minLength: 1, maxLength: 100 });
export const Phone = Type.String({ maxLength: 30 });
export const Email = Type.String({ format: 'email', maxLength: 320 });
export const Address = Type.String({ maxLength: 500, text: 'multiline' });
export const ProvinceName = Type.String({ minLength: 2, maxLength: 60 });
export const Skills = Type.String({ maxLength: 2000, text: 'multiline' });
export const Occupations = Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { maxItems: 10 });
const Channel = Literals(CHANNELS);

export const LanguagesInput = Type.Array(
  Type.Object(
    { code: Type.String({ pattern: '^[a-z]{2,3}$' }), level: Literals(CEFR_LEVELS) },
    { additionalProperties: false },
  ),
  { maxItems: 10 },
);

export const Constraints = Type.Object(
  {
    hoursPerWeek: Nullable(Type.Integer({ minimum: 1, maximum: 45 })),
    shifts: Type.Array(Literals(SHIFTS), { uniqueItems: true }),
    districts: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 40 }),
    maxCommuteMinutes: Nullable(Type.Integer({ minimum: 5, maximum: 240 })),
    childcareNeed: Type.Boolean(),
    earliestStart: Nullable(IsoDate),
  },
  { additionalProperties: false },
);
export type Constraints = Static<typeof Constraints>;

/** The identity fields a person gives (the staff form and self-registration). */
export const identityFields = {
  givenName: Name,
  familyName: Name,
  idKind: Type.Optional(Nullable(Literals(ID_KINDS))),
  idNumber: Type.Optional(Nullable(Type.String({ minLength: 5, maxLength: 30 }))),
  passportCountry: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z]{2}$' }))),
  birthDate: IsoDate,
  sex: Literals(SEXES),
  nationality: Type.String({ pattern: '^[A-Za-z]{2}$' }),
  languages: Type.Optional(LanguagesInput),
  phone: Type.Optional(Nullable(Phone)),
  email: Type.Optional(Nullable(Email)),
  address: Type.Optional(Nullable(Address)),
  province: ProvinceName,
  district: ProvinceName,
};

const TargetGroupInput = Type.Object(
  { group: Literals(TARGET_GROUPS), details: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
  { additionalProperties: false },
);

const WorkInput = Type.Object(
  {
    occupation: Type.String({ minLength: 1, maxLength: 200 }),
    employer: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    startDate: Type.Optional(Nullable(IsoDate)),
    endDate: Type.Optional(Nullable(IsoDate)),
    registered: Type.Boolean(),
    iscoCode: Type.Optional(Nullable(Type.String({ pattern: '^[0-9]{4}$', description: 'ISCO-08 unit group' }))),
  },
  { additionalProperties: false },
);

/** A licence class or certificate held (taxonomy codes), with its expiry. */
const Held = Type.Object(
  { code: Type.String({ minLength: 1, maxLength: 40 }), expiresOn: Type.Optional(Nullable(IsoDate)) },
  { additionalProperties: false },
);

export const ConsentInput = Type.Object(
  {
    purpose: Literals(CONSENT_PURPOSES),
    partner: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    textVersion: Type.String({ minLength: 1, maxLength: 20 }),
    channel: Channel,
  },
  { additionalProperties: false },
);
export type ConsentInput = Static<typeof ConsentInput>;

const NoticeInput = Type.Object(
  { version: Type.String({ minLength: 1, maxLength: 20 }), locale: LocaleSchema, channel: Channel },
  { additionalProperties: false },
);

const personFields = {
  ...identityFields,
  iskurRegistered: Type.Optional(Nullable(Type.Boolean())),
  iskurNumber: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  iscedLevel: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 8 }))),
  iscedField: Type.Optional(Nullable(Type.String({ pattern: '^\\d{2,4}$' }))),
  graduationYear: Type.Optional(Nullable(Type.Integer({ minimum: 1920, maximum: 2100 }))),
  skills: Type.Optional(Nullable(Skills)),
  desiredOccupations: Type.Optional(Occupations),
  desiredOccupationCodes: Type.Optional(
    Type.Array(
      Type.Object(
        {
          title: Type.String({ minLength: 1, maxLength: 120 }),
          iscoCode: Nullable(Type.String({ pattern: '^[0-9]{4}$' })),
        },
        { additionalProperties: false },
      ),
      {
        maxItems: 10,
        description:
          'Desired occupations with the ISCO-08 unit group chosen (null: linked automatically); replaces desiredOccupations',
      },
    ),
  ),
  skillIds: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 60, uniqueItems: true }),
  ),
  licences: Type.Optional(Type.Array(Held, { maxItems: 20 })),
  certificates: Type.Optional(Type.Array(Held, { maxItems: 30 })),
  constraints: Type.Optional(Nullable(Constraints)),
  targetGroups: Type.Optional(Type.Array(TargetGroupInput, { maxItems: TARGET_GROUPS.length })),
  workHistory: Type.Optional(Type.Array(WorkInput, { maxItems: 30 })),
};

/** A person's own fields as the staff form sends them: a registration less its office, notice and consents. */
const PersonFields = Type.Object(personFields);
export type PersonFields = Static<typeof PersonFields>;

/** A registration by staff (the bulk import checks each row against it too). */
export const PersonCreate = Type.Object(
  {
    ...personFields,
    officeId: Type.Optional(Nullable(Uuid)),
    notice: NoticeInput,
    consents: Type.Optional(Type.Array(ConsentInput, { maxItems: 20 })),
    confirmNotDuplicate: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PersonCreate = Static<typeof PersonCreate>;

export const PersonPatch = Type.Partial(PersonFields, { additionalProperties: false, minProperties: 1 });
export type PersonPatch = Static<typeof PersonPatch>;

// ---- answers --------------------------------------------------------------------------------------------

export const Ref = Type.Object({ id: Type.String(), name: Type.String() });
export type Ref = Static<typeof Ref>;

export const CaseSummary = Type.Object({
  id: Type.String(),
  status: Known(CASE_STATUSES),
  counsellor: Nullable(Ref),
  openedAt: Type.Optional(Type.String()),
});
export type CaseSummary = Static<typeof CaseSummary>;

/** The constraints as stored (sent as they are; typed as the input's shape). */
const StoredConstraints = Type.Unsafe<Constraints | null>(Nullable(Type.Unknown()));

/** The fields of a person's profile; the seeker's own profile (self-service.ts) reuses them. */
export const personViewProperties = {
  id: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  idKind: Nullable(Known(ID_KINDS)),
  idNumberMasked: Nullable(Type.String()),
  passportCountry: Nullable(Type.String()),
  birthDate: Type.String(),
  age: Type.Integer(),
  sex: Known(SEXES),
  nationality: Type.String(),
  languages: Type.Array(Type.Object({ code: Type.String(), level: Type.String() })),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  address: Nullable(Type.String()),
  province: Type.String(),
  district: Type.String(),
  iskurRegistered: Nullable(Type.Boolean()),
  iskurNumber: Nullable(Type.String()),
  iscedLevel: Nullable(Type.Integer()),
  iscedField: Nullable(Type.String()),
  graduationYear: Nullable(Type.Integer()),
  skills: Nullable(Type.String()),
  desiredOccupations: Type.Array(Type.String()),
  desiredOccupationCodes: Type.Array(
    Type.Object({ title: Type.String(), iscoCode: Nullable(Type.String()), status: Type.String() }),
  ),
  skillIds: Type.Array(Type.String()),
  licences: Type.Array(Type.Object({ code: Type.String(), expiresOn: Nullable(Type.String()) })),
  certificates: Type.Array(Type.Object({ code: Type.String(), expiresOn: Nullable(Type.String()) })),
  constraints: StoredConstraints,
  targetGroups: Type.Array(
    Type.Object({ group: Known(TARGET_GROUPS), details: Type.Record(Type.String(), Type.Unknown()) }),
  ),
  workHistory: Type.Array(
    Type.Object({
      id: Type.String(),
      occupation: Type.String(),
      employer: Nullable(Type.String()),
      startDate: Nullable(Type.String()),
      endDate: Nullable(Type.String()),
      registered: Type.Boolean(),
      iscoCode: Nullable(Type.String()),
      iscoStatus: Nullable(Type.String()),
    }),
  ),
  office: Ref,
  case: Nullable(CaseSummary),
  registration: Known(REGISTRATION_STATES),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
export const Person = Type.Object({
  ...personViewProperties,
  /** Anonymised by an erasure or a periodic destruction: kept for statistics, read-only, never listed. */
  anonymised: Type.Boolean(),
});
export type Person = Static<typeof Person>;
export type PersonGroup = Person['targetGroups'][number];
export type WorkEntry = Person['workHistory'][number];
export type Language = Person['languages'][number];

export const PersonListItem = Type.Object({
  id: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  birthDate: Type.String(),
  age: Type.Integer(),
  sex: Type.String(),
  district: Type.String(),
  phone: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String()),
  office: Ref,
  case: Nullable(CaseSummary),
  targetGroups: Type.Array(Known(TARGET_GROUPS)),
  desiredOccupations: Type.Array(Type.String()),
  registration: Known(REGISTRATION_STATES),
  sharesWithEmployers: Type.Boolean({
    description: 'Whether the person’s consent to share their profile with employers is in force (a referral needs it)',
  }),
});
export type PersonListItem = Static<typeof PersonListItem>;

export const Duplicates = Type.Object({
  sameIdNumber: Type.Boolean(),
  candidates: Type.Array(
    Type.Object({
      id: Type.String(),
      givenName: Type.String(),
      familyName: Type.String(),
      birthDate: Type.String(),
      district: Type.String(),
      idNumberMasked: Nullable(Type.String()),
      reasons: Type.Array(Type.String()),
    }),
    { description: 'Likely duplicates the caller may open' },
  ),
  elsewhere: Type.Array(
    Type.Object({
      office: Type.Object({ id: Type.String(), name: Type.String(), phone: Nullable(Type.String()) }),
      reasons: Type.Array(Type.String()),
    }),
    {
      description:
        'Offices outside the caller’s scope that hold a record that may be the same person: whom to ask. ' +
        'Nothing of that record is shown.',
    },
  ),
});
export type Duplicates = Static<typeof Duplicates>;
export type DuplicateCandidate = Duplicates['candidates'][number];

/** A consent and a notice acknowledgement as the person sees them; staff see who recorded them too. */
export const consentHead = {
  id: Type.String(),
  purpose: Known(CONSENT_PURPOSES),
  partner: Nullable(Type.String()),
  textVersion: Type.String(),
  channel: Known(CHANNELS),
  grantedAt: Type.String(),
};
export const consentTail = { withdrawnAt: Nullable(Type.String()), active: Type.Boolean() };
export const noticeFields = {
  id: Type.String(),
  version: Type.String(),
  locale: Known(LOCALES),
  channel: Known(CHANNELS),
  acknowledgedAt: Type.String(),
};
const recordedBy = Nullable(Type.String());

export const Consents = Type.Object({
  consents: Type.Array(Type.Object({ ...consentHead, recordedBy, ...consentTail })),
  notices: Type.Array(Type.Object({ ...noticeFields, recordedBy })),
});
export type Consents = Static<typeof Consents>;
export type ConsentRecord = Consents['consents'][number];

// ---- the person list's filters --------------------------------------------------------------------------

/** The filters of the person list: none of them is personal data, so they may travel in an address. */
const listFilterFields = {
  officeId: Type.Optional(Uuid),
  counsellorId: Type.Optional(Uuid),
  group: Type.Optional(Literals(TARGET_GROUPS)),
  caseStatus: Type.Optional(Literals(CASE_STATUSES)),
  district: Type.Optional(Type.String({ maxLength: 60 })),
  occupation: Type.Optional(Type.String({ maxLength: 100 })),
};
const PersonFilterFields = {
  ...listFilterFields,
  isco: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,4}$', description: 'An ISCO-08 group of any level (1–4 digits)' }),
  ),
  registration: Type.Optional(Literals(REGISTRATION_STATES)),
  sort: Type.Optional(
    Type.Union(
      PERSON_SORTS.map((s) => Type.Literal(s)),
      { description: 'Without it: the best name match first when searching, otherwise by name' },
    ) as unknown as TUnion<[TLiteral<PersonSort>]>,
  ),
};
const PageFields = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
};

/** Where the search words go instead of the list's address (GET /persons refuses them). */
export const PERSON_SEARCH = 'POST /api/v1/persons/search';

/** The filters of GET /persons (without the page) as a saved filter holds them: nothing else. */
export const PersonListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    ...listFilterFields,
    registration: Type.Optional(Literals(REGISTRATION_STATES)),
    sort: Type.Optional(Literals(PERSON_SORTS)),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type PersonListQuery = Static<typeof PersonListQuery>;

export const SavedFilter = Type.Object({
  id: Type.String(),
  scope: Type.String(),
  name: Type.String(),
  query: Type.Unsafe<PersonListQuery>(Type.Record(Type.String(), Type.Unknown())),
  createdAt: Type.String(),
});
export type SavedFilter = Static<typeof SavedFilter>;

// ---- operations: persons --------------------------------------------------------------------------------

export const listPersons = defineOp({
  method: 'GET',
  path: '/persons',
  tags,
  summary: 'List persons with filters that carry no personal data (district, status, group, ids, page, sort)',
  access: 'persons:read',
  query: Type.Object({ ...PersonFilterFields, ...PageFields }),
  response: Page(PersonListItem),
});

export const searchPersons = defineOp({
  method: 'POST',
  path: '/persons/search',
  tags,
  summary:
    'Find persons: by name (any case, with or without Turkish letters), ID number or phone, with the filters of the list',
  description:
    'The search words travel in the body, never in the address (proxies log addresses). ' +
    'Same scope, permissions and answer as GET /persons.',
  access: 'persons:read',
  body: Type.Object(
    {
      q: Type.Optional(Type.String({ maxLength: 100, description: 'A name, an ID number or a phone number' })),
      ...PersonFilterFields,
      ...PageFields,
    },
    { additionalProperties: false },
  ),
  response: Page(PersonListItem),
});

export const checkDuplicates = defineOp({
  method: 'POST',
  path: '/persons/duplicates',
  tags,
  summary: 'Before saving: is this ID number taken, and who looks like the same person?',
  access: 'persons:write',
  body: Type.Object(
    {
      givenName: Name,
      familyName: Name,
      birthDate: IsoDate,
      phone: Type.Optional(Nullable(Phone)),
      idKind: Type.Optional(Nullable(Literals(ID_KINDS))),
      idNumber: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
      exceptId: Type.Optional(Uuid),
    },
    { additionalProperties: false },
  ),
  response: Duplicates,
});

export const createPerson = defineOp({
  method: 'POST',
  path: '/persons',
  tags,
  summary:
    'Register a person: identity, groups, education and work, the acknowledged notice and consents; opens a case',
  description:
    'A likely duplicate answers 409 errors.persons.likelyDuplicate: check POST /persons/duplicates, then send confirmNotDuplicate: true.',
  access: 'persons:write',
  body: PersonCreate,
  response: Person,
  status: 201,
});

export const getPerson = defineOp({
  method: 'GET',
  path: '/persons/:id',
  tags,
  summary: 'A person’s profile (special categories only with special-category:read; that read is audited)',
  access: 'persons:read',
  params: IdParams,
  response: Person,
});

export const updatePerson = defineOp({
  method: 'PATCH',
  path: '/persons/:id',
  tags,
  summary: 'Change a person’s profile',
  access: 'persons:write',
  params: IdParams,
  body: PersonPatch,
  response: Person,
});

export const revealIdNumber = defineOp({
  method: 'POST',
  path: '/persons/:id/id-number',
  tags,
  summary: 'Reveal the full ID number for a stated purpose (audited)',
  access: 'id-number:reveal',
  params: IdParams,
  body: Type.Object({ purpose: Type.String({ minLength: 3, maxLength: 200 }) }, { additionalProperties: false }),
  response: Type.Object({ idKind: Nullable(Type.String()), idNumber: Nullable(Type.String()) }),
});

// ---- operations: consents and the notice ------------------------------------------------------------------

export const listConsents = defineOp({
  method: 'GET',
  path: '/persons/:id/consents',
  tags,
  summary: 'Consents per purpose and acknowledged notices, with history',
  access: 'persons:read',
  params: IdParams,
  response: Consents,
});

export const grantConsent = defineOp({
  method: 'POST',
  path: '/persons/:id/consents',
  tags,
  summary: 'Record an explicit consent',
  access: 'persons:write',
  params: IdParams,
  body: ConsentInput,
  response: Consents,
});

export const withdrawConsent = defineOp({
  method: 'POST',
  path: '/persons/:id/consents/:consentId/withdraw',
  tags,
  summary: 'Withdraw a consent, with immediate effect (the case file stays)',
  access: 'persons:write',
  params: Type.Object({ id: Uuid, consentId: Uuid }),
  response: Consents,
});

export const acknowledgeNotice = defineOp({
  method: 'POST',
  path: '/persons/:id/notice',
  tags,
  summary: 'Record that the person acknowledged (a new version of) the information notice',
  access: 'persons:write',
  params: IdParams,
  body: NoticeInput,
  response: Consents,
});

// ---- operations: merging a duplicate ----------------------------------------------------------------------

export const mergePersons = defineOp({
  method: 'POST',
  path: '/persons/:id/merge',
  tags,
  summary: 'Merge a duplicate record into this one (the duplicate stays in history, no longer listed)',
  description:
    'Moves cases (closing the duplicate’s open case as merged when this record has one open), consents, ' +
    'notice acknowledgements, work history, documents, appointments, missing target groups, household ' +
    'membership, the sign-in account, and through their modules placements (with follow-ups), course ' +
    'applications (the more advanced one per course), graduation recommendations, care entries (one ' +
    'open entry per child) and cooperative memberships; fills this record’s empty fields from the duplicate, never ' +
    'overwriting. Two different ID numbers answer 409 errors.merge.idNumberConflict. Afterwards the ' +
    'duplicate’s id leads to this record on every /persons/:id route.',
  access: 'persons:write',
  params: IdParams,
  body: Type.Object({ duplicateId: Uuid }, { additionalProperties: false }),
  response: Type.Object({
    id: Type.String(),
    mergedId: Type.String(),
    filledFields: Type.Array(Type.String()),
    moved: Type.Object({
      cases: Type.Integer(),
      consents: Type.Integer(),
      notices: Type.Integer(),
      workHistory: Type.Integer(),
      documents: Type.Integer(),
      appointments: Type.Integer(),
      targetGroups: Type.Integer(),
      household: Type.Boolean(),
      account: Type.Boolean(),
      placements: Type.Integer(),
      courseApplications: Type.Integer(),
      graduations: Type.Integer(),
      childcare: Type.Integer(),
      surveyResponses: Type.Integer(),
      cooperatives: Type.Integer(),
      fairs: Type.Integer(),
      referrals: Type.Integer(),
    }),
    conflicts: Type.Object({
      courseApplicationsLeft: Type.Integer(),
      childcareWithdrawn: Type.Integer(),
      referralsObsolete: Type.Integer(),
    }),
    closedCaseId: Nullable(Type.String()),
  }),
});

// ---- operations: saved filters of the person list -----------------------------------------------------------

const savedFilterTags = ['saved filters'] as const;
const Scope = Literals(SAVED_FILTER_SCOPES);

export const listSavedFilters = defineOp({
  method: 'GET',
  path: '/saved-filters',
  tags: savedFilterTags,
  summary: 'My saved filters for a list',
  access: 'persons:read',
  query: Type.Object({ scope: Scope }, { additionalProperties: false }),
  response: Type.Object({ items: Type.Array(SavedFilter) }),
});

export const createSavedFilter = defineOp({
  method: 'POST',
  path: '/saved-filters',
  tags: savedFilterTags,
  summary: 'Save the current filters of a list under a name (only the list’s known filter keys)',
  access: 'persons:read',
  body: Type.Object(
    { scope: Scope, name: Type.String({ minLength: 1, maxLength: 80 }), query: PersonListQuery },
    { additionalProperties: false },
  ),
  response: SavedFilter,
  status: 201,
});

export const deleteSavedFilter = defineOp({
  method: 'DELETE',
  path: '/saved-filters/:id',
  tags: savedFilterTags,
  summary: 'Delete one of my saved filters',
  access: 'persons:read',
  params: IdParams,
  response: Type.Null(),
  status: 204,
});

// ---- operations: geography ------------------------------------------------------------------------------

const geographyTags = ['geography'] as const;

export const listProvinces = defineOp({
  method: 'GET',
  path: '/geography/provinces',
  tags: geographyTags,
  summary: 'Provinces of Türkiye',
  access: 'public',
  response: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) }),
});

export const listDistricts = defineOp({
  method: 'GET',
  path: '/geography/districts',
  tags: geographyTags,
  summary: 'Districts of a province',
  access: 'public',
  query: Type.Object({ province: ProvinceName }),
  response: Type.Object({ province: Type.String(), items: Type.Array(Type.String()) }),
});
