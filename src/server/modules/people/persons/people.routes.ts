import { Type, type TSchema } from 'typebox';
import type { App } from '../../../http.ts';
import { errorResponses, IdParams, IsoDate, LocaleSchema, Page, pageOf, Uuid } from '../../../lib/schemas.ts';
import { CASE_STATUSES, CHANNELS, CLOSE_REASONS, CONSENT_PURPOSES, NOTE_KINDS } from '../../../db/schema/index.ts';
import { SHIFTS, TARGET_GROUPS } from '../../../../common/enums.ts';
import { CEFR_LEVELS } from '../../../../common/people.ts';
import { districtsOf, findProvince, provinces } from '../../../lib/geography.ts';
import { refuseSearchWordsInAddress, searchWordsRefusedNote } from '../../../lib/search.ts';
import * as personsService from './persons.service.ts';
import * as personsQueries from './persons.queries.ts';
import * as consentsService from '../consents/consents.service.ts';
import * as casesService from '../cases/cases.service.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Name = Type.String({ minLength: 1, maxLength: 100 });
const Channel = Literals(CHANNELS);

const Constraints = Type.Object(
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

const ConsentInput = Type.Object(
  {
    purpose: Literals(CONSENT_PURPOSES),
    partner: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    textVersion: Type.String({ minLength: 1, maxLength: 20 }),
    channel: Channel,
  },
  { additionalProperties: false },
);

const personFields = {
  givenName: Name,
  familyName: Name,
  idKind: Type.Optional(Nullable(Literals(['tckn', 'ykn', 'passport']))),
  idNumber: Type.Optional(Nullable(Type.String({ minLength: 5, maxLength: 30 }))),
  passportCountry: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z]{2}$' }))),
  birthDate: IsoDate,
  sex: Literals(['female', 'male']),
  nationality: Type.String({ pattern: '^[A-Za-z]{2}$' }),
  languages: Type.Optional(
    Type.Array(
      Type.Object(
        { code: Type.String({ pattern: '^[a-z]{2,3}$' }), level: Literals(CEFR_LEVELS) },
        { additionalProperties: false },
      ),
      {
        maxItems: 10,
      },
    ),
  ),
  phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 320 }))),
  address: Type.Optional(Nullable(Type.String({ maxLength: 500, text: 'multiline' }))),
  province: Type.String({ minLength: 2, maxLength: 60 }),
  district: Type.String({ minLength: 2, maxLength: 60 }),
  iskurRegistered: Type.Optional(Nullable(Type.Boolean())),
  iskurNumber: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  iscedLevel: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 8 }))),
  iscedField: Type.Optional(Nullable(Type.String({ pattern: '^\\d{2,4}$' }))),
  graduationYear: Type.Optional(Nullable(Type.Integer({ minimum: 1920, maximum: 2100 }))),
  skills: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
  desiredOccupations: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { maxItems: 10 })),
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

const PersonCreate = Type.Object(
  {
    ...personFields,
    officeId: Type.Optional(Nullable(Uuid)),
    notice: Type.Object(
      { version: Type.String({ minLength: 1, maxLength: 20 }), locale: LocaleSchema, channel: Channel },
      { additionalProperties: false },
    ),
    consents: Type.Optional(Type.Array(ConsentInput, { maxItems: 20 })),
    confirmNotDuplicate: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const PersonPatch = Type.Partial(Type.Object(personFields), { additionalProperties: false, minProperties: 1 });

const Ref = Type.Object({ id: Type.String(), name: Type.String() });
const CaseSummary = Type.Object({
  id: Type.String(),
  status: Type.String(),
  counsellor: Nullable(Ref),
  openedAt: Type.Optional(Type.String()),
});

/** The fields of a person's profile; the seeker's own profile (self-service.routes.ts) reuses them. */
export const personViewProperties = {
  id: Type.String(),
  givenName: Type.String(),
  familyName: Type.String(),
  idKind: Nullable(Type.String()),
  idNumberMasked: Nullable(Type.String()),
  passportCountry: Nullable(Type.String()),
  birthDate: Type.String(),
  age: Type.Integer(),
  sex: Type.String(),
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
  constraints: Nullable(Type.Unknown()),
  targetGroups: Type.Array(Type.Object({ group: Type.String(), details: Type.Record(Type.String(), Type.Unknown()) })),
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
  registration: Type.String(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
};
const Person = Type.Object(personViewProperties);

const PersonListItem = Type.Object({
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
  targetGroups: Type.Array(Type.String()),
  desiredOccupations: Type.Array(Type.String()),
  registration: Type.String(),
  sharesWithEmployers: Type.Boolean({
    description: 'Whether the person’s consent to share their profile with employers is in force (a referral needs it)',
  }),
});

const Duplicates = Type.Object({
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

const Case = Type.Object({
  id: Type.String(),
  person: Type.Object({ id: Type.String(), givenName: Type.String(), familyName: Type.String() }),
  office: Ref,
  counsellor: Nullable(Ref),
  status: Type.String(),
  allowedStatuses: Type.Array(Type.String()),
  closeReason: Nullable(Type.String()),
  closeNote: Nullable(Type.String()),
  openedAt: Type.String(),
  closedAt: Nullable(Type.String()),
  notes: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Type.String(),
      body: Type.String(),
      occurredAt: Type.String(),
      author: Nullable(Type.String()),
    }),
  ),
  steps: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      ownerKind: Type.String(),
      owner: Nullable(Ref),
      dueDate: Nullable(Type.String()),
      doneAt: Nullable(Type.String()),
      overdue: Type.Boolean(),
    }),
  ),
  transfers: Type.Array(
    Type.Object({
      id: Type.String(),
      fromOffice: Nullable(Type.String()),
      toOffice: Type.String(),
      fromCounsellor: Nullable(Type.String()),
      toCounsellor: Nullable(Type.String()),
      reason: Nullable(Type.String()),
      transferredAt: Type.String(),
    }),
  ),
});

/** The filters of the person list: none of them is personal data, so they may travel in an address. */
const PersonFilterFields = {
  officeId: Type.Optional(Uuid),
  counsellorId: Type.Optional(Uuid),
  group: Type.Optional(Literals(TARGET_GROUPS)),
  caseStatus: Type.Optional(Literals(CASE_STATUSES)),
  district: Type.Optional(Type.String({ maxLength: 60 })),
  occupation: Type.Optional(Type.String({ maxLength: 100 })),
  isco: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,4}$', description: 'An ISCO-08 group of any level (1–4 digits)' }),
  ),
  registration: Type.Optional(Literals(['confirmed', 'pending'])),
  sort: Type.Optional(
    Type.Union(
      ['name', '-name', 'created', '-created', 'birthDate', '-birthDate'].map((s) => Type.Literal(s)),
      { description: 'Without it: the best name match first when searching, otherwise by name' },
    ),
  ),
};
const PageFields = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
};
const PERSON_SEARCH = 'POST /api/v1/persons/search';

const Created = Type.Object({ id: Type.String() });
const CaseParams = Type.Object({ id: Uuid });
const StepParams = Type.Object({ id: Uuid, stepId: Uuid });

export async function peopleRoutes(app: App): Promise<void> {
  const tags = ['persons'];

  app.get(
    '/persons',
    {
      config: { access: 'persons:read' },
      preValidation: refuseSearchWordsInAddress(PERSON_SEARCH),
      schema: {
        tags,
        summary: 'List persons with filters that carry no personal data (district, status, group, ids, page, sort)',
        description: searchWordsRefusedNote(PERSON_SEARCH),
        querystring: Type.Object({ ...PersonFilterFields, ...PageFields }),
        response: { 200: Page(PersonListItem), ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      const result = await personsQueries.listPersons(request.ctx, { ...q, sort: q.sort }, '/querystring');
      return { ...pageOf(result.items, result.total, q.page, q.pageSize), totalCapped: result.totalCapped };
    },
  );

  app.post(
    '/persons/search',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary:
          'Find persons: by name (any case, with or without Turkish letters), ID number or phone, with the filters of the list',
        description:
          'The search words travel in the body, never in the address (proxies log addresses). ' +
          'Same scope, permissions and answer as GET /persons.',
        body: Type.Object(
          {
            q: Type.Optional(Type.String({ maxLength: 100, description: 'A name, an ID number or a phone number' })),
            ...PersonFilterFields,
            ...PageFields,
          },
          { additionalProperties: false },
        ),
        response: { 200: Page(PersonListItem), ...errorResponses },
      },
    },
    async (request) => {
      const b = request.body;
      const result = await personsQueries.listPersons(request.ctx, { ...b, sort: b.sort }, '');
      return { ...pageOf(result.items, result.total, b.page, b.pageSize), totalCapped: result.totalCapped };
    },
  );

  app.post(
    '/persons/duplicates',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Before saving: is this ID number taken, and who looks like the same person?',
        body: Type.Object(
          {
            givenName: Name,
            familyName: Name,
            birthDate: IsoDate,
            phone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
            idKind: Type.Optional(Nullable(Literals(['tckn', 'ykn', 'passport']))),
            idNumber: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
            exceptId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 200: Duplicates, ...errorResponses },
      },
    },
    async (request) => personsQueries.checkDuplicates(request.ctx, request.body as never),
  );

  app.post(
    '/persons',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary:
          'Register a person: identity, groups, education and work, the acknowledged notice and consents; opens a case',
        description:
          'A likely duplicate answers 409 errors.persons.likelyDuplicate: check POST /persons/duplicates, then send confirmNotDuplicate: true.',
        body: PersonCreate,
        response: { 201: Person, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await personsService.createPerson(request.ctx, request.body);
      return reply.code(201).send(await personsQueries.getPerson(request.ctx, id));
    },
  );

  app.get(
    '/persons/:id',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary: 'A person’s profile (special categories only with special-category:read; that read is audited)',
        params: IdParams,
        response: { 200: Person, ...errorResponses },
      },
    },
    async (request) => personsQueries.getPerson(request.ctx, request.params.id),
  );

  app.patch(
    '/persons/:id',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Change a person’s profile',
        params: IdParams,
        body: PersonPatch,
        response: { 200: Person, ...errorResponses },
      },
    },
    async (request) => {
      await personsService.updatePerson(request.ctx, request.params.id, request.body);
      return personsQueries.getPerson(request.ctx, request.params.id);
    },
  );

  app.post(
    '/persons/:id/id-number',
    {
      config: { access: 'id-number:reveal' },
      schema: {
        tags,
        summary: 'Reveal the full ID number for a stated purpose (audited)',
        params: IdParams,
        body: Type.Object({ purpose: Type.String({ minLength: 3, maxLength: 200 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ idKind: Nullable(Type.String()), idNumber: Nullable(Type.String()) }),
          ...errorResponses,
        },
      },
    },
    async (request) => personsService.revealIdNumber(request.ctx, request.params.id, request.body.purpose),
  );

  // ---- consent and notice ----
  const Consents = Type.Object({
    consents: Type.Array(
      Type.Object({
        id: Type.String(),
        purpose: Type.String(),
        partner: Nullable(Type.String()),
        textVersion: Type.String(),
        channel: Type.String(),
        grantedAt: Type.String(),
        recordedBy: Nullable(Type.String()),
        withdrawnAt: Nullable(Type.String()),
        active: Type.Boolean(),
      }),
    ),
    notices: Type.Array(
      Type.Object({
        id: Type.String(),
        version: Type.String(),
        locale: Type.String(),
        channel: Type.String(),
        acknowledgedAt: Type.String(),
        recordedBy: Nullable(Type.String()),
      }),
    ),
  });

  app.get(
    '/persons/:id/consents',
    {
      config: { access: 'persons:read' },
      schema: {
        tags,
        summary: 'Consents per purpose and acknowledged notices, with history',
        params: IdParams,
        response: { 200: Consents, ...errorResponses },
      },
    },
    async (request) => consentsService.listConsents(request.ctx, request.params.id),
  );

  app.post(
    '/persons/:id/consents',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Record an explicit consent',
        params: IdParams,
        body: ConsentInput,
        response: { 200: Consents, ...errorResponses },
      },
    },
    async (request) => {
      await consentsService.grantConsent(request.ctx, request.params.id, request.body);
      return consentsService.listConsents(request.ctx, request.params.id);
    },
  );

  app.post(
    '/persons/:id/consents/:consentId/withdraw',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Withdraw a consent, with immediate effect (the case file stays)',
        params: Type.Object({ id: Uuid, consentId: Uuid }),
        response: { 200: Consents, ...errorResponses },
      },
    },
    async (request) => {
      await consentsService.withdrawConsent(request.ctx, request.params.id, request.params.consentId);
      return consentsService.listConsents(request.ctx, request.params.id);
    },
  );

  app.post(
    '/persons/:id/notice',
    {
      config: { access: 'persons:write' },
      schema: {
        tags,
        summary: 'Record that the person acknowledged (a new version of) the information notice',
        params: IdParams,
        body: Type.Object(
          { version: Type.String({ minLength: 1, maxLength: 20 }), locale: LocaleSchema, channel: Channel },
          { additionalProperties: false },
        ),
        response: { 200: Consents, ...errorResponses },
      },
    },
    async (request) => {
      await consentsService.acknowledgeNotice(request.ctx, request.params.id, request.body);
      return consentsService.listConsents(request.ctx, request.params.id);
    },
  );

  // ---- cases ----
  const caseTags = ['cases'];

  app.get(
    '/persons/:id/cases',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: caseTags,
        summary: 'All service episodes of a person',
        params: IdParams,
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                status: Type.String(),
                office: Type.String(),
                counsellor: Nullable(Type.String()),
                openedAt: Type.String(),
                closedAt: Nullable(Type.String()),
                closeReason: Nullable(Type.String()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await casesService.listCasesOfPerson(request.ctx, request.params.id) }),
  );

  app.post(
    '/persons/:id/cases',
    {
      config: { access: 'cases:write' },
      schema: {
        tags: caseTags,
        summary: 'Open a new service episode (the earlier one must be closed)',
        params: IdParams,
        response: { 201: Case, ...errorResponses },
      },
    },
    async (request, reply) => {
      const id = await casesService.openCase(request.ctx, request.params.id);
      return reply.code(201).send(await casesService.getCase(request.ctx, id));
    },
  );

  app.get(
    '/cases/:id',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: caseTags,
        summary: 'A case with its timeline: notes, action plan, transfers',
        params: CaseParams,
        response: { 200: Case, ...errorResponses },
      },
    },
    async (request) => casesService.getCase(request.ctx, request.params.id),
  );

  app.post(
    '/cases/:id/status',
    {
      config: { access: 'cases:write' },
      schema: {
        tags: caseTags,
        summary: 'Change a case’s status (closing needs a reason)',
        params: CaseParams,
        body: Type.Object(
          {
            status: Literals(CASE_STATUSES),
            closeReason: Type.Optional(Nullable(Literals(CLOSE_REASONS))),
            closeNote: Type.Optional(Nullable(Type.String({ maxLength: 1000, text: 'multiline' }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Case, ...errorResponses },
      },
    },
    async (request) => {
      await casesService.changeStatus(request.ctx, request.params.id, request.body);
      return casesService.getCase(request.ctx, request.params.id);
    },
  );

  app.post(
    '/cases/:id/notes',
    {
      config: { access: 'cases:write' },
      schema: {
        tags: caseTags,
        summary: 'Add a note to the timeline (meeting, phone call, home visit, message)',
        params: CaseParams,
        body: Type.Object(
          {
            kind: Literals(NOTE_KINDS),
            body: Type.String({ minLength: 1, maxLength: 10000, text: 'multiline' }),
            occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Case, ...errorResponses },
      },
    },
    async (request, reply) => {
      await casesService.addNote(request.ctx, request.params.id, request.body);
      return reply.code(201).send(await casesService.getCase(request.ctx, request.params.id));
    },
  );

  app.post(
    '/cases/:id/steps',
    {
      config: { access: 'cases:write' },
      schema: {
        tags: caseTags,
        summary: 'Add a step to the action plan',
        params: CaseParams,
        body: Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 300 }),
            ownerKind: Literals(['counsellor', 'person']),
            ownerUserId: Type.Optional(Nullable(Uuid)),
            dueDate: Type.Optional(Nullable(IsoDate)),
          },
          { additionalProperties: false },
        ),
        response: { 201: Case, ...errorResponses },
      },
    },
    async (request, reply) => {
      await casesService.addStep(request.ctx, request.params.id, request.body);
      return reply.code(201).send(await casesService.getCase(request.ctx, request.params.id));
    },
  );

  app.post(
    '/cases/:id/steps/:stepId/done',
    {
      config: { access: 'cases:write' },
      schema: {
        tags: caseTags,
        summary: 'Mark a step done (done: false reopens it)',
        params: StepParams,
        body: Type.Object({ done: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: Case, ...errorResponses },
      },
    },
    async (request) => {
      await casesService.setStepDone(request.ctx, request.params.id, request.params.stepId, request.body.done);
      return casesService.getCase(request.ctx, request.params.id);
    },
  );

  app.post(
    '/cases/:id/transfer',
    {
      config: { access: 'cases:write' },
      schema: {
        tags: caseTags,
        summary: 'Transfer a case to another counsellor or office (history kept)',
        params: CaseParams,
        body: Type.Object(
          {
            toOfficeId: Uuid,
            toCounsellorId: Type.Optional(Nullable(Uuid)),
            reason: Type.Optional(Nullable(Type.String({ maxLength: 1000, text: 'multiline' }))),
          },
          { additionalProperties: false },
        ),
        response: { 200: Created, ...errorResponses },
      },
    },
    async (request) => {
      await casesService.transferCase(request.ctx, request.params.id, request.body);
      return { id: request.params.id };
    },
  );

  app.get(
    '/caseload',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: caseTags,
        summary: 'Open cases per counsellor and status (my office, or any office with offices:all)',
        querystring: Type.Object({ officeId: Type.Optional(Uuid) }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                counsellor: Nullable(Ref),
                total: Type.Integer(),
                byStatus: Type.Record(Type.String(), Type.Integer()),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await casesService.caseload(request.ctx, request.query.officeId) }),
  );

  app.get(
    '/counsellor-home',
    {
      config: { access: 'cases:read' },
      schema: {
        tags: caseTags,
        summary:
          'My desk: steps of my cases and steps I own due this week or overdue, open cases, self-registrations waiting',
        response: {
          200: Type.Object({
            today: Type.String(),
            openCases: Type.Integer({ description: 'Open cases whose counsellor is the caller' }),
            officeOpenCases: Type.Integer({
              description:
                "Open cases of the caller's office (of the organisation without an office): the caseload total",
            }),
            pendingSelfRegistrations: Type.Integer(),
            overdueSteps: Type.Integer({ description: 'Open steps past their due date (all, not only those listed)' }),
            dueSoonSteps: Type.Integer({ description: 'Open steps due today or within 7 days (all)' }),
            steps: Type.Array(
              Type.Object({
                id: Type.String(),
                caseId: Type.String(),
                person: Ref,
                title: Type.String(),
                dueDate: Nullable(Type.String()),
                overdue: Type.Boolean(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => casesService.counsellorHome(request.ctx),
  );

  // ---- geography ----
  app.get(
    '/geography/provinces',
    {
      config: { access: 'public' },
      schema: {
        tags: ['geography'],
        summary: 'Provinces of Türkiye',
        response: {
          200: Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) }),
        },
      },
    },
    async () => ({ items: provinces() }),
  );

  app.get(
    '/geography/districts',
    {
      config: { access: 'public' },
      schema: {
        tags: ['geography'],
        summary: 'Districts of a province',
        querystring: Type.Object({ province: Type.String({ minLength: 2, maxLength: 60 }) }),
        response: {
          200: Type.Object({ province: Type.String(), items: Type.Array(Type.String()) }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const province = findProvince(request.query.province);
      if (!province) return { province: request.query.province, items: [] };
      return { province: province.name, items: districtsOf(province.name) };
    },
  );
}
