import { Type, type TSchema } from 'typebox';
import type { App } from '../../../http.ts';
import { personViewProperties } from '../persons/people.routes.ts';
import { errorResponses, IdParams, IsoDate, LocaleSchema, Uuid } from '../../../lib/schemas.ts';
import { CEFR_LEVELS } from '../../../../common/people.ts';
import { SHIFTS } from '../../../../common/enums.ts';
import * as selfService from './self-service.service.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Name = Type.String({ minLength: 1, maxLength: 100 });

// The field rules of PersonCreate (people.routes.ts), for the fields a person gives themselves.
const Languages = Type.Array(
  Type.Object(
    { code: Type.String({ pattern: '^[a-z]{2,3}$' }), level: Literals(CEFR_LEVELS) },
    { additionalProperties: false },
  ),
  { maxItems: 10 },
);
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
const Phone = Type.String({ maxLength: 30 });
const Email = Type.String({ format: 'email', maxLength: 320 });
const Occupations = Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { maxItems: 10 });

const OnlineConsent = Type.Object(
  {
    purpose: Literals(selfService.ONLINE_CONSENT_PURPOSES),
    partner: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    textVersion: Type.String({ minLength: 1, maxLength: 20 }),
  },
  { additionalProperties: false },
);

const Registration = Type.Object(
  {
    givenName: Name,
    familyName: Name,
    idKind: Type.Optional(Nullable(Literals(['tckn', 'ykn', 'passport']))),
    idNumber: Type.Optional(Nullable(Type.String({ minLength: 5, maxLength: 30 }))),
    passportCountry: Type.Optional(Nullable(Type.String({ pattern: '^[A-Za-z]{2}$' }))),
    birthDate: IsoDate,
    sex: Literals(['female', 'male']),
    nationality: Type.String({ pattern: '^[A-Za-z]{2}$' }),
    languages: Type.Optional(Languages),
    phone: Type.Optional(Nullable(Phone)),
    email: Type.Optional(Nullable(Email)),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500, text: 'multiline' }))),
    province: Type.String({ minLength: 2, maxLength: 60 }),
    district: Type.String({ minLength: 2, maxLength: 60 }),
    desiredOccupations: Type.Optional(Occupations),
    constraints: Type.Optional(Nullable(Constraints)),
    locale: LocaleSchema,
    officeId: Uuid,
    /** The public board's vacancy the person pressed "Apply" on (/register?vacancy=): not personal data. */
    vacancyId: Type.Optional(Uuid),
    notice: Type.Object(
      { version: Type.String({ minLength: 1, maxLength: 20 }), locale: LocaleSchema },
      { additionalProperties: false },
    ),
    consents: Type.Optional(Type.Array(OnlineConsent, { maxItems: 20 })),
  },
  { additionalProperties: false },
);

const ProfilePatch = Type.Object(
  {
    phone: Type.Optional(Nullable(Phone)),
    email: Type.Optional(Nullable(Email)),
    address: Type.Optional(Nullable(Type.String({ maxLength: 500, text: 'multiline' }))),
    province: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    district: Type.Optional(Type.String({ minLength: 2, maxLength: 60 })),
    languages: Type.Optional(Languages),
    desiredOccupations: Type.Optional(Occupations),
    skills: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
    constraints: Type.Optional(Nullable(Constraints)),
  },
  { additionalProperties: false, minProperties: 1 },
);

const ConsentList = {
  consents: Type.Array(
    Type.Object({
      id: Type.String(),
      purpose: Type.String(),
      partner: Nullable(Type.String()),
      textVersion: Type.String(),
      channel: Type.String(),
      grantedAt: Type.String(),
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
    }),
  ),
};
const Consents = Type.Object(ConsentList);

/** The person's own record: GET /persons/:id without the target groups (and never case notes). */
// Same fields as GET /persons/:id, less the target groups.
const { targetGroups: _targetGroups, ...ownProfileProperties } = personViewProperties;
const OwnProfile = Type.Object({ ...ownProfileProperties, ...ConsentList });

const OwnApplications = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      vacancyTitle: Type.String(),
      employerName: Type.String(),
      status: Type.String(),
      source: Type.String({ description: 'person: I applied on the board; staff: a counsellor proposed me' }),
      interviewAt: Nullable(Type.String()),
      appliedAt: Type.String(),
      updatedAt: Type.String(),
      ranked: Type.Boolean({
        description: 'Proposed from a ranked list of matching: I may ask for a review of how I was ranked',
      }),
    }),
  ),
});

const Ref = Type.Object({ id: Type.String(), name: Type.String() });
const OwnAppointments = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String(),
      counsellor: Ref,
      office: Ref,
      startsAt: Type.String(),
      endsAt: Type.String(),
      durationMinutes: Type.Integer(),
      mode: Type.String(),
      status: Type.String(),
      upcoming: Type.Boolean(),
      createdAt: Type.String(),
      updatedAt: Type.String(),
    }),
  ),
});

export async function selfServiceRoutes(app: App): Promise<void> {
  const publicTags = ['self-registration'];
  const meTags = ['my profile'];

  app.get(
    '/public/organisations',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary: 'Where can I register? Organisations and their active offices',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                id: Type.String(),
                name: Type.String(),
                shortName: Type.String(),
                kind: Type.String(),
                province: Type.String(),
                offices: Type.Array(
                  Type.Object({
                    id: Type.String(),
                    name: Type.String(),
                    province: Type.String(),
                    district: Type.String(),
                  }),
                ),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await selfService.listPublicOrganisations(request.ctx) }),
  );

  app.post(
    '/public/registrations',
    {
      config: { access: 'public' },
      schema: {
        tags: publicTags,
        summary: 'Register yourself as a job seeker: a counsellor confirms the registration and calls you',
        description:
          'Answers 202 with the same body whether the registration was new or the person was already registered ' +
          '(then nothing is created and the contact on record is told). Roma, disability and refugee status are ' +
          'not collected here. With vacancyId (the board\'s "Apply" on a vacancy of the same organisation, still ' +
          'published), the new registration comes with a proposal for that vacancy (source "person") in the ' +
          "counsellor's queue; it can be sent to the employer only after the registration is confirmed, with the " +
          'consent to share and the decent-work rules. At most 10 registrations per address per hour (429 with Retry-After).',
        body: Registration,
        response: { 202: Type.Object({ received: Type.Literal(true) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      await selfService.register(request.ctx, request.body);
      return reply.code(202).send({ received: true });
    },
  );

  app.post(
    '/persons/:id/confirm-registration',
    {
      config: { access: 'persons:write' },
      schema: {
        tags: ['persons'],
        summary: 'Confirm a self-registration: the person joins the register and a case opens with you',
        params: IdParams,
        response: {
          200: Type.Object({ id: Type.String(), registration: Type.String(), caseId: Type.String() }),
          ...errorResponses,
        },
      },
    },
    async (request) => selfService.confirmRegistration(request.ctx, request.params.id),
  );

  app.get(
    '/me/profile',
    {
      config: { access: 'seeker-self' },
      schema: {
        tags: meTags,
        summary: 'My own record as a job seeker, my consents and the notices I acknowledged',
        response: { 200: OwnProfile, ...errorResponses },
      },
    },
    async (request) => selfService.getOwnProfile(request.ctx),
  );

  app.patch(
    '/me/profile',
    {
      config: { access: 'seeker-self' },
      schema: {
        tags: meTags,
        summary: 'Change my contact details, address, languages, desired occupations, skills and constraints',
        description: 'Name, birth date and ID number are changed by a counsellor.',
        body: ProfilePatch,
        response: { 200: OwnProfile, ...errorResponses },
      },
    },
    async (request) => {
      await selfService.updateOwnProfile(request.ctx, request.body);
      return selfService.getOwnProfile(request.ctx);
    },
  );

  app.post(
    '/me/profile/consents',
    {
      config: { access: 'seeker-self' },
      schema: {
        tags: meTags,
        summary: 'Give a consent online',
        body: OnlineConsent,
        response: { 200: Consents, ...errorResponses },
      },
    },
    async (request) => {
      await selfService.grantOwnConsent(request.ctx, request.body);
      return selfService.listOwnConsents(request.ctx);
    },
  );

  app.post(
    '/me/profile/consents/:id/withdraw',
    {
      config: { access: 'seeker-self' },
      schema: {
        tags: meTags,
        summary: 'Withdraw one of my consents, with immediate effect',
        params: IdParams,
        response: { 200: Consents, ...errorResponses },
      },
    },
    async (request) => {
      await selfService.withdrawOwnConsent(request.ctx, request.params.id);
      return selfService.listOwnConsents(request.ctx);
    },
  );

  app.get(
    '/me/applications',
    {
      config: { access: 'seeker-self' },
      schema: {
        tags: meTags,
        summary: 'My applications: the vacancies I applied to or was proposed for, and where each one stands',
        description:
          'Read only, newest first. The stage is the referral workflow status; no notes or reasons from staff or the employer.',
        response: { 200: OwnApplications, ...errorResponses },
      },
    },
    async (request) => selfService.listOwnApplications(request.ctx),
  );

  app.get(
    '/me/appointments',
    {
      config: { access: 'seeker-self' },
      schema: {
        tags: meTags,
        summary: 'My appointments with counsellors: upcoming first (in time order), then past ones (newest first)',
        description: 'Read only. Times are instants (ISO 8601); the counsellor’s notes are not shown.',
        response: { 200: OwnAppointments, ...errorResponses },
      },
    },
    async (request) => selfService.listOwnAppointments(request.ctx),
  );
}
