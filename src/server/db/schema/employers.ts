import { sql } from 'drizzle-orm';
import {
  CONTRACT_TYPES,
  EMPLOYER_STATUSES,
  HAZARD_CLASSES,
  VACANCY_STATUSES,
  WAGE_BASES,
  type CefrLevel,
  type Shift,
  type TargetGroup,
} from '../../../common/enums.ts';
import { REFERRAL_SOURCES, REFERRAL_STATUSES } from '../../../common/referral-workflow.ts';
import type { LinkStatus } from '../../../common/occupation-codes.ts';
import type { StoredMatch } from '../../../common/matching.ts';
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { offices, organisations, users } from './identity.ts';
import { persons } from './people.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** A PostgreSQL 64-bit transaction id (xid8), as text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });
export const employers = pgTable(
  'employers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    legalName: text('legal_name').notNull(),
    tradeName: text('trade_name'),
    nameKey: text('name_key').notNull(),
    /** vkn: 10-digit tax number (a company, in clear); tckn: a sole trader's ID number (encrypted). */
    taxKind: text('tax_kind', { enum: ['vkn', 'tckn'] }).notNull(),
    taxNumber: text('tax_number'),
    taxNumberEnc: text('tax_number_enc'),
    taxNumberIndex: text('tax_number_index').notNull(),
    taxNumberMasked: text('tax_number_masked').notNull(),
    sgkWorkplaceNumber: text('sgk_workplace_number'),
    naceCode: text('nace_code').notNull(),
    hazardClassSuggested: text('hazard_class_suggested', { enum: HAZARD_CLASSES }).notNull(),
    hazardClass: text('hazard_class', { enum: HAZARD_CLASSES }),
    hazardConfirmedBy: uuid('hazard_confirmed_by').references(() => users.id),
    hazardConfirmedAt: timestamp('hazard_confirmed_at', { withTimezone: true }),
    workerCount: integer('worker_count').notNull(),
    isPublic: boolean('is_public').notNull().default(false),
    province: text('province').notNull(),
    district: text('district').notNull(),
    address: text('address'),
    website: text('website'),
    termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }),
    termsVersion: text('terms_version'),
    status: text('status', { enum: EMPLOYER_STATUSES }).notNull().default('pending'),
    statusReason: text('status_reason'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** The office of the employer-relations officer who follows the employer. */
    officeId: uuid('office_id').references(() => offices.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('employers_tax_uq').on(t.organisationId, t.taxNumberIndex),
    index('employers_org_status_idx').on(t.organisationId, t.status),
    index('employers_name_trgm_idx').using('gin', sql`${t.nameKey} gin_trgm_ops`),
  ],
);

export const employerContacts = pgTable(
  'employer_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    fullName: text('full_name').notNull(),
    role: text('role'),
    phone: text('phone'),
    email: text('email'),
    createdAt: createdAt(),
  },
  (t) => [index('employer_contacts_employer_idx').on(t.employerId)],
);

/** Employer portal accounts (users of kind 'employer') and the employer they act for. */
export const employerUsers = pgTable(
  'employer_users',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id, { onDelete: 'cascade' }),
    /** May invite and remove the employer's other users. */
    manager: boolean('manager').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.employerId] }), index('employer_users_employer_idx').on(t.employerId)],
);

export const vacancies = pgTable(
  'vacancies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    title: text('title').notNull(),
    titleKey: text('title_key').notNull(),
    occupation: text('occupation').notNull(),
    occupationKey: text('occupation_key').notNull(),
    /** The ISCO-08 unit group of `occupation` (the typed title is kept); null until linked. */
    iscoCode: text('isco_code'),
    iscoScore: real('isco_score'),
    iscoStatus: text('isco_status').$type<LinkStatus>(),
    duties: text('duties').notNull(),
    requiredSkills: text('required_skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    preferredSkills: text('preferred_skills')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Skills as taxonomy skill ids (the free-text lists are kept beside them). */
    requiredSkillIds: text('required_skill_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    preferredSkillIds: text('preferred_skill_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Driving licence classes and work certificates the person must hold (taxonomy codes). */
    requiredLicences: text('required_licences')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    requiredCertificates: text('required_certificates')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    iscedLevel: integer('isced_level'),
    languages: jsonb('languages').$type<{ code: string; level: CefrLevel }[]>().notNull().default([]),
    province: text('province').notNull(),
    district: text('district'),
    remote: boolean('remote').notNull().default(false),
    positions: integer('positions').notNull(),
    contractType: text('contract_type', { enum: CONTRACT_TYPES }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    hoursPerDay: real('hours_per_day').notNull(),
    hoursPerWeek: real('hours_per_week').notNull(),
    /** Working days a week, when the ad states them (the rules check them against the hours). */
    daysPerWeek: integer('days_per_week'),
    shifts: text('shifts')
      .array()
      .$type<Shift[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    minimumAge: integer('minimum_age').notNull().default(18),
    wageMin: numeric('wage_min', { precision: 12, scale: 2 }).notNull(),
    wageMax: numeric('wage_max', { precision: 12, scale: 2 }),
    wageBasis: text('wage_basis', { enum: WAGE_BASES }).notNull(),
    benefits: text('benefits'),
    childcareSupport: boolean('childcare_support').notNull().default(false),
    accessibleWorkplace: boolean('accessible_workplace').notNull().default(false),
    suitableGroups: text('suitable_groups')
      .array()
      .$type<TargetGroup[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    deadline: date('deadline', { mode: 'string' }),
    status: text('status', { enum: VACANCY_STATUSES }).notNull().default('draft'),
    /** Wording flags found at the last check, and the justification given for any that remain. */
    wordingFlags: jsonb('wording_flags')
      .$type<{ ground: string; excerpt: string; pointer: string }[]>()
      .notNull()
      .default([]),
    wordingJustification: text('wording_justification'),
    reviewNote: text('review_note'),
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * The transaction that last changed what matching reads of the vacancy (this row, its employer): set by
     * triggers (migration 0043), read by the in-process vacancy index to catch up at each query
     * (docs/MATCHING.md, "The vacancy index").
     */
    matchingXid: xid8('matching_xid')
      .notNull()
      .default(sql`'0'::xid8`),
  },
  (t) => [
    index('vacancies_org_matching_xid_idx').on(t.organisationId, t.matchingXid),
    index('vacancies_org_status_idx').on(t.organisationId, t.status),
    index('vacancies_employer_idx').on(t.employerId),
    index('vacancies_status_published_idx').on(t.status, t.publishedAt),
    index('vacancies_title_trgm_idx').using('gin', sql`${t.titleKey} gin_trgm_ops`),
    index('vacancies_org_isco_idx').on(t.organisationId, sql`${t.iscoCode} text_pattern_ops`),
  ],
);

export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    vacancyId: uuid('vacancy_id')
      .notNull()
      .references(() => vacancies.id),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    status: text('status', { enum: REFERRAL_STATUSES }).notNull().default('proposed'),
    /** Who proposed it: staff, the person through "apply" on the public board, or staff at a job fair. */
    source: text('source', { enum: REFERRAL_SOURCES }).notNull().default('staff'),
    prescreen: jsonb('prescreen').$type<Record<string, boolean>>(),
    /** The ranking when referred from matching's lists (docs/MATCHING.md, "Kept with the referral"); null otherwise. */
    match: jsonb('match').$type<StoredMatch>(),
    prescreenNote: text('prescreen_note'),
    reason: text('reason'),
    reasonText: text('reason_text'),
    interviewAt: timestamp('interview_at', { withTimezone: true }),
    proposedBy: uuid('proposed_by').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** What the employer was told it must request before the person can start (src/common/decent-work.ts). */
    permitDuty: text('permit_duty', {
      enum: [
        'request-temporary-protection-permit',
        'request-seasonal-agriculture-exemption',
        'request-international-protection-permit',
        'request-work-permit',
      ],
    }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('referrals_vacancy_idx').on(t.vacancyId, t.status),
    index('referrals_person_idx').on(t.personId, t.status),
    index('referrals_employer_idx').on(t.employerId, t.status),
    // The referral list's order (newest change first): its page is read from here instead of sorting every
    // referral of the organisation (330,000 at 1,000,000 persons: 580–650 ms, issue 15).
    index('referrals_org_updated_idx').on(t.organisationId, t.updatedAt.desc().nullsFirst(), t.id),
    uniqueIndex('referrals_open_uq')
      .on(t.vacancyId, t.personId)
      .where(sql`${t.status} NOT IN ('refused-by-employer', 'refused-by-person', 'withdrawn', 'obsolete')`),
  ],
);

/** Every transition of a referral, timed: the workflow's log. */
export const referralEvents = pgTable(
  'referral_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    actorKind: text('actor_kind').notNull(),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('referral_events_referral_idx').on(t.referralId, t.at)],
);

/** Which recipient received which person's data, when, and why (DATA-PROTECTION.md, art. 11). */
export const disclosureLog = pgTable(
  'disclosure_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    recipientKind: text('recipient_kind', { enum: ['employer', 'partner'] }).notNull(),
    recipientId: uuid('recipient_id'),
    recipientName: text('recipient_name').notNull(),
    purpose: text('purpose').notNull(),
    dataCategories: text('data_categories').array().notNull(),
    /** A transfer abroad (KVKK art. 9): the recipient's country, else null. */
    transferCountry: text('transfer_country'),
    /** Its basis: the safeguard kind, reference and date (e.g. `standard-contract:KVKK-2026/12 (2026-03-02)`). */
    transferBasis: text('transfer_basis'),
    referralId: uuid('referral_id'),
    disclosedBy: uuid('disclosed_by').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('disclosure_person_idx').on(t.personId, t.at)],
);

/** Decent-work complaints and child-labour concerns raised against an employer. */
export const employerConcerns = pgTable(
  'employer_concerns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    kind: text('kind', {
      enum: ['decent-work', 'child-labour', 'unregistered-work', 'discrimination', 'other'],
    }).notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: ['open', 'following-up', 'resolved', 'dismissed'] })
      .notNull()
      .default('open'),
    followUpDue: date('follow_up_due', { mode: 'string' }),
    resolution: text('resolution'),
    raisedBy: uuid('raised_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('employer_concerns_employer_idx').on(t.employerId)],
);

/** Admin-editable values of the decent-work rules (seeded from RULES.md). */
export const decentWorkSettings = pgTable('decent_work_settings', {
  key: text('key').primaryKey(),
  value: real('value').notNull(),
  updatedAt: updatedAt(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

/** Employer response deadline for referrals, in working days, per organisation. */
export const referralSettings = pgTable('referral_settings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  answerWithinWorkingDays: integer('answer_within_working_days').notNull().default(5),
  updatedAt: updatedAt(),
});

/**
 * Identity fields of a verified employer changed through the employer portal wait here for staff to
 * verify them (issue 8, item 14): legal and trade name, tax kind and number, SGK workplace number,
 * NACE code, worker count, public sector. At most one pending request per employer; a new one from the
 * portal merges into it. The requested values are encrypted (a sole trader's tax number is their ID
 * number); `fields` names them for lists without decrypting.
 */
export const EMPLOYER_CHANGE_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const employerChangeRequests = pgTable(
  'employer_change_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id, { onDelete: 'cascade' }),
    fields: text('fields').array().notNull(),
    /** AES-GCM of the requested values as JSON, in the shape of the PATCH body. */
    changesEnc: text('changes_enc').notNull(),
    status: text('status', { enum: EMPLOYER_CHANGE_STATUSES }).notNull().default('pending'),
    requestedBy: uuid('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
  },
  (t) => [
    index('employer_change_requests_employer_idx').on(t.employerId, t.requestedAt),
    uniqueIndex('employer_change_requests_pending_uq')
      .on(t.employerId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * A correction of a person's shared data that an earlier recipient of the profile should learn of
 * (KVKK art. 11(1)(f); issue 8, item 22): one row per recipient and change, naming the changed
 * fields (never their values). Written by `recordRectification` in the referrals module, which owns
 * the disclosure log; passing the notice on is the data-protection work's (issue 12).
 */
export const rectificationNotices = pgTable(
  'rectification_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    /** The latest disclosure to this recipient that the correction concerns. */
    disclosureId: uuid('disclosure_id')
      .notNull()
      .references(() => disclosureLog.id),
    recipientKind: text('recipient_kind', { enum: ['employer', 'partner'] }).notNull(),
    recipientId: uuid('recipient_id'),
    recipientName: text('recipient_name').notNull(),
    fields: text('fields').array().notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedByKind: text('changed_by_kind').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** When the notice was passed on to the recipient through the outbox (the data-protection desk). */
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
  },
  (t) => [
    index('rectification_notices_person_idx').on(t.personId, t.at),
    index('rectification_notices_org_idx').on(t.organisationId, t.at),
  ],
);
