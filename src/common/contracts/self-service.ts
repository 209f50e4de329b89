/**
 * The people module's API for job seekers themselves: where to register, the public self-registration
 * (confirmed by a counsellor), and the seeker's own profile, consents, applications and appointments.
 * The registration reuses the field rules of the staff form (`people.ts`).
 */
import { Type, type Static } from 'typebox';
import { ONLINE_CONSENT_PURPOSES } from '../people.ts';
import { REFERRAL_SOURCES, REFERRAL_STATUSES } from '../referral-workflow.ts';
import { Appointment } from './cases.ts';
import { defineOp } from './op.ts';
import {
  Address,
  consentHead,
  consentTail,
  Constraints,
  identityFields,
  LanguagesInput,
  noticeFields,
  Occupations,
  personViewProperties,
  Phone,
  Email,
  ProvinceName,
  Skills,
} from './people.ts';
import { IdParams, Known, Literals, LocaleSchema, Nullable, Uuid } from './schema.ts';

const publicTags = ['self-registration'] as const;
const meTags = ['my profile'] as const;

export const OnlineConsent = Type.Object(
  {
    purpose: Literals(ONLINE_CONSENT_PURPOSES),
    partner: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
    textVersion: Type.String({ minLength: 1, maxLength: 20 }),
  },
  { additionalProperties: false },
);
export type OnlineConsent = Static<typeof OnlineConsent>;

export const Registration = Type.Object(
  {
    ...identityFields,
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
export type Registration = Static<typeof Registration>;

export const ProfilePatch = Type.Object(
  {
    phone: Type.Optional(Nullable(Phone)),
    email: Type.Optional(Nullable(Email)),
    address: Type.Optional(Nullable(Address)),
    province: Type.Optional(ProvinceName),
    district: Type.Optional(ProvinceName),
    languages: Type.Optional(LanguagesInput),
    desiredOccupations: Type.Optional(Occupations),
    skills: Type.Optional(Nullable(Skills)),
    constraints: Type.Optional(Nullable(Constraints)),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ProfilePatch = Static<typeof ProfilePatch>;

const ConsentList = {
  consents: Type.Array(Type.Object({ ...consentHead, ...consentTail })),
  notices: Type.Array(Type.Object(noticeFields)),
};
export const OwnConsents = Type.Object(ConsentList);
export type OwnConsents = Static<typeof OwnConsents>;
export type OwnConsentRecord = OwnConsents['consents'][number];

/** The person's own record: the fields of GET /persons/:id less the target groups (and never case notes). */
const { targetGroups: _targetGroups, ...ownProfileProperties } = personViewProperties;
export const OwnProfile = Type.Object({ ...ownProfileProperties, ...ConsentList });
export type OwnProfile = Static<typeof OwnProfile>;

export const OwnApplication = Type.Object({
  id: Type.String(),
  vacancyTitle: Type.String(),
  employerName: Type.String(),
  status: Known(REFERRAL_STATUSES),
  source: Known(REFERRAL_SOURCES, {
    description: 'person: I applied on the board; staff: a counsellor proposed me',
  }),
  interviewAt: Nullable(Type.String()),
  appliedAt: Type.String(),
  updatedAt: Type.String(),
  ranked: Type.Boolean({
    description: 'Proposed from a ranked list of matching: I may ask for a review of how I was ranked',
  }),
});
export type OwnApplication = Static<typeof OwnApplication>;

/** An appointment as the person sees it: without the case, themselves and the counsellor's note. */
const { caseId: _caseId, person: _person, note: _note, ...ownAppointmentFields } = Appointment.properties;
export const OwnAppointment = Type.Object({ ...ownAppointmentFields, upcoming: Type.Boolean() });
export type OwnAppointment = Static<typeof OwnAppointment>;

export const PublicOrganisation = Type.Object({
  id: Type.String(),
  name: Type.String(),
  shortName: Type.String(),
  kind: Type.String(),
  province: Type.String(),
  offices: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), province: Type.String(), district: Type.String() }),
  ),
});
export type PublicOrganisation = Static<typeof PublicOrganisation>;

// ---- operations -------------------------------------------------------------------------------------------

export const listPublicOrganisations = defineOp({
  method: 'GET',
  path: '/public/organisations',
  tags: publicTags,
  summary: 'Where can I register? Organisations and their active offices',
  access: 'public',
  response: Type.Object({ items: Type.Array(PublicOrganisation) }),
});

export const register = defineOp({
  method: 'POST',
  path: '/public/registrations',
  tags: publicTags,
  summary: 'Register yourself as a job seeker: a counsellor confirms the registration and calls you',
  description:
    'Answers 202 with the same body whether the registration was new or the person was already registered ' +
    '(then nothing is created and the contact on record is told). Roma, disability and refugee status are ' +
    'not collected here. With vacancyId (the board\'s "Apply" on a vacancy of the same organisation, still ' +
    'published), the new registration comes with a proposal for that vacancy (source "person") in the ' +
    "counsellor's queue; it can be sent to the employer only after the registration is confirmed, with the " +
    'consent to share and the decent-work rules. At most 10 registrations per address per hour (429 with Retry-After).',
  access: 'public',
  body: Registration,
  response: Type.Object({ received: Type.Literal(true) }),
  status: 202,
});

export const confirmRegistration = defineOp({
  method: 'POST',
  path: '/persons/:id/confirm-registration',
  tags: ['persons'],
  summary: 'Confirm a self-registration: the person joins the register and a case opens with you',
  access: 'persons:write',
  params: IdParams,
  response: Type.Object({ id: Type.String(), registration: Type.String(), caseId: Type.String() }),
});

export const getOwnProfile = defineOp({
  method: 'GET',
  path: '/me/profile',
  tags: meTags,
  summary: 'My own record as a job seeker, my consents and the notices I acknowledged',
  access: 'seeker-self',
  response: OwnProfile,
});

export const updateOwnProfile = defineOp({
  method: 'PATCH',
  path: '/me/profile',
  tags: meTags,
  summary: 'Change my contact details, address, languages, desired occupations, skills and constraints',
  description: 'Name, birth date and ID number are changed by a counsellor.',
  access: 'seeker-self',
  body: ProfilePatch,
  response: OwnProfile,
});

export const grantOwnConsent = defineOp({
  method: 'POST',
  path: '/me/profile/consents',
  tags: meTags,
  summary: 'Give a consent online',
  access: 'seeker-self',
  body: OnlineConsent,
  response: OwnConsents,
});

export const withdrawOwnConsent = defineOp({
  method: 'POST',
  path: '/me/profile/consents/:id/withdraw',
  tags: meTags,
  summary: 'Withdraw one of my consents, with immediate effect',
  access: 'seeker-self',
  params: IdParams,
  response: OwnConsents,
});

export const listOwnApplications = defineOp({
  method: 'GET',
  path: '/me/applications',
  tags: meTags,
  summary: 'My applications: the vacancies I applied to or was proposed for, and where each one stands',
  description:
    'Read only, newest first. The stage is the referral workflow status; no notes or reasons from staff or the employer.',
  access: 'seeker-self',
  response: Type.Object({ items: Type.Array(OwnApplication) }),
});

export const listOwnAppointments = defineOp({
  method: 'GET',
  path: '/me/appointments',
  tags: meTags,
  summary: 'My appointments with counsellors: upcoming first (in time order), then past ones (newest first)',
  description: 'Read only. Times are instants (ISO 8601); the counsellor’s notes are not shown.',
  access: 'seeker-self',
  response: Type.Object({ items: Type.Array(OwnAppointment) }),
});
