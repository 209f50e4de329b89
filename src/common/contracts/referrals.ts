/**
 * The referrals module's API: referrals and their workflow (src/common/referral-workflow.ts: proposed →
 * sent → seen → interview → hired, or refused, withdrawn, obsolete), the pre-screen before sending, and
 * the disclosure log with its rectification notices (who received a person's profile, and the
 * corrections owed to them since).
 */
import { Type, type Static } from 'typebox';
import { PERMIT_DUTIES } from '../decent-work.ts';
import {
  EMPLOYER_REFUSAL_REASONS,
  PERSON_REFUSAL_REASONS,
  REFERRAL_SOURCES,
  REFERRAL_STATUSES,
} from '../referral-workflow.ts';
import { defineOp } from './op.ts';
import { IdParams, IsoDateTime, Known, Literals, Nullable, Page, PageQuery, Uuid } from './schema.ts';

const tags = ['referrals'] as const;

/** The moves a person makes by hand after sending (sending itself is its own operation), in the order offered. */
export const REFERRAL_MOVES = ['interview', 'hired', 'refused-by-employer', 'refused-by-person', 'withdrawn'] as const;
export type ReferralMove = (typeof REFERRAL_MOVES)[number];

/** What staff check before a referral is sent; every item must be ticked. */
export const PRESCREEN_ITEMS = ['identityChecked', 'skillsMatch', 'availabilityConfirmed', 'personInformed'] as const;
export type PrescreenItem = (typeof PRESCREEN_ITEMS)[number];

const Ref = Type.Object({ id: Type.String(), name: Type.String() });

export const Referral = Type.Object({
  id: Type.String(),
  status: Known(REFERRAL_STATUSES),
  source: Known(REFERRAL_SOURCES),
  vacancy: Type.Object({ id: Type.String(), title: Type.String() }),
  employer: Ref,
  person: Ref,
  reason: Nullable(Type.String()),
  reasonText: Nullable(Type.String()),
  permitDuty: Nullable(
    Known(PERMIT_DUTIES, {
      description:
        'What the employer was told it must request before the person can start (work permit or seasonal ' +
        'exemption), recorded when the referral was sent; null when nothing is needed',
    }),
  ),
  interviewAt: Nullable(Type.String()),
  sentAt: Nullable(Type.String()),
  answeredAt: Nullable(Type.String()),
  responseWorkingDays: Nullable(Type.Integer()),
  waitingWorkingDays: Nullable(Type.Integer()),
  overdue: Type.Boolean(),
  createdAt: Type.String(),
});
export type Referral = Static<typeof Referral>;

export const ReferralEvent = Type.Object({
  from: Nullable(Type.String()),
  to: Type.String(),
  actorKind: Type.String(),
  actorName: Nullable(
    Type.String({ description: 'The staff member who made the step (staff viewers only; null otherwise)' }),
  ),
  reason: Nullable(Type.String()),
  at: Type.String(),
});
export type ReferralEvent = Static<typeof ReferralEvent>;

/** What an employer sees of the person: only what they consented to share, and only while the consent stands. */
export const SharedProfile = Type.Object({
  givenName: Type.String(),
  familyName: Type.String(),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  district: Type.String(),
  province: Type.String(),
  languages: Type.Array(Type.Object({ code: Type.String(), level: Type.String() })),
  iscedLevel: Nullable(Type.Integer()),
  graduationYear: Nullable(Type.Integer()),
  skills: Nullable(Type.String()),
  desiredOccupations: Type.Array(Type.String()),
  workHistory: Type.Array(
    Type.Object({
      occupation: Type.String(),
      employer: Nullable(Type.String()),
      startDate: Nullable(Type.String()),
      endDate: Nullable(Type.String()),
    }),
  ),
});
export type SharedProfile = Static<typeof SharedProfile>;

/** A referral with its pre-screen (staff only), timed history and, for the employer, the shared profile. */
export const ReferralDetail = Type.Intersect([
  Referral,
  Type.Object({
    prescreen: Nullable(Type.Record(Type.String(), Type.Boolean())),
    prescreenNote: Nullable(Type.String()),
    events: Type.Array(ReferralEvent),
    sharedProfile: Nullable(SharedProfile),
    /** For the employer: the office that referred the person, through which they are reached. */
    contactOffice: Nullable(Type.Object({ name: Type.String(), phone: Nullable(Type.String()) })),
  }),
]);
export type ReferralDetail = Static<typeof ReferralDetail>;

export const ReferralSend = Type.Object(
  {
    prescreen: Type.Object(
      {
        identityChecked: Type.Boolean(),
        skillsMatch: Type.Boolean(),
        availabilityConfirmed: Type.Boolean(),
        personInformed: Type.Boolean(),
      } satisfies Record<PrescreenItem, unknown>,
      { additionalProperties: false },
    ),
    note: Type.Optional(Nullable(Type.String({ maxLength: 2000, text: 'multiline' }))),
  },
  { additionalProperties: false },
);
export type ReferralSend = Static<typeof ReferralSend>;

export const ReferralTransition = Type.Object(
  {
    status: Literals(REFERRAL_MOVES),
    reason: Type.Optional(Nullable(Literals([...new Set([...EMPLOYER_REFUSAL_REASONS, ...PERSON_REFUSAL_REASONS])]))),
    reasonText: Type.Optional(Nullable(Type.String({ maxLength: 1000, text: 'multiline' }))),
    interviewAt: Type.Optional(Nullable(IsoDateTime)),
  },
  { additionalProperties: false },
);
export type ReferralTransition = Static<typeof ReferralTransition>;

export const Rectification = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  disclosureId: Type.String(),
  recipientKind: Type.String(),
  recipientId: Nullable(Type.String()),
  recipientName: Type.String(),
  fields: Type.Array(Type.String(), { description: 'Names of the changed shared fields, never their values' }),
  changedByKind: Type.String(),
  at: Type.String(),
});
export type Rectification = Static<typeof Rectification>;

export const SharedWith = Type.Object({
  disclosures: Type.Array(
    Type.Object({
      id: Type.String(),
      recipientKind: Type.String(),
      recipientId: Nullable(Type.String()),
      recipientName: Type.String(),
      purpose: Type.String(),
      dataCategories: Type.Array(Type.String()),
      referralId: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
  rectifications: Type.Array(Rectification),
});
export type SharedWith = Static<typeof SharedWith>;

// ---- operations ------------------------------------------------------------------------------------

export const listReferrals = defineOp({
  method: 'GET',
  path: '/referrals',
  tags,
  summary: "Referrals (staff: their office's persons; an employer user: those sent to them)",
  access: ['referrals:read', 'employer-portal'],
  query: Type.Object({
    status: Type.Optional(Literals(REFERRAL_STATUSES)),
    vacancyId: Type.Optional(Uuid),
    personId: Type.Optional(Uuid),
    employerId: Type.Optional(Uuid),
    overdue: Type.Optional(Type.Boolean()),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(Referral),
});

export const proposeReferral = defineOp({
  method: 'POST',
  path: '/referrals',
  tags,
  summary: 'Propose a person for a published vacancy',
  access: 'referrals:write',
  body: Type.Object({ vacancyId: Uuid, personId: Uuid }, { additionalProperties: false }),
  response: ReferralDetail,
  status: 201,
});

export const getReferral = defineOp({
  method: 'GET',
  path: '/referrals/:id',
  tags,
  summary:
    'A referral with its timed history; an employer opening it marks it seen and sees what the person consented to share',
  access: ['referrals:read', 'employer-portal'],
  params: IdParams,
  response: ReferralDetail,
});

export const sendReferral = defineOp({
  method: 'POST',
  path: '/referrals/:id/send',
  tags,
  summary:
    'Send to the employer after the pre-screen (needs consent to share, and every decent-work rule passing for this person)',
  access: 'referrals:write',
  params: IdParams,
  body: ReferralSend,
  response: ReferralDetail,
});

export const transitionReferral = defineOp({
  method: 'POST',
  path: '/referrals/:id/transition',
  tags,
  summary: 'Move a referral on: interview, hired, refused (with a reason), withdrawn',
  access: ['referrals:write', 'employer-portal'],
  params: IdParams,
  body: ReferralTransition,
  response: ReferralDetail,
});

export const getSharedWith = defineOp({
  method: 'GET',
  path: '/persons/:id/shared-with',
  tags,
  summary: "Who received the person's profile (the disclosure log) and the corrections recorded for them since",
  access: ['persons:read', 'dpo:desk'],
  params: IdParams,
  response: SharedWith,
});

export const listRectificationNotices = defineOp({
  method: 'GET',
  path: '/rectification-notices',
  tags,
  summary: "The organisation's rectification notices, newest first: corrections earlier recipients should learn of",
  access: 'dpo:desk',
  query: PageQuery,
  response: Page(Rectification),
});
