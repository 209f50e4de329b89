import { sql } from 'drizzle-orm';
import { TARGET_GROUPS } from '../../../common/enums.ts';
import {
  APPOINTMENT_MODES,
  CASE_STATUSES,
  CHANNELS,
  CLOSE_REASONS,
  CONSENT_PURPOSES,
  HOUSEHOLD_RELATIONS,
  IMPORT_STATUSES,
  NOTE_KINDS,
} from '../../../common/people.ts';

// The enums live in src/common/people.ts (the API contracts and the web app use them too).
export { CASE_STATUSES, CHANNELS, CLOSE_REASONS, CONSENT_PURPOSES, HOUSEHOLD_RELATIONS, NOTE_KINDS };
export type { CaseStatus, ConsentPurpose } from '../../../common/people.ts';
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
import type { MessageParams } from '../../../common/message-format.ts';
import type { HeldQualification, LinkStatus, OccupationLink } from '../../../common/occupation-codes.ts';

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => Buffer.from(v),
});

/** A PostgreSQL 64-bit transaction id (xid8), as text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export interface LanguageSkill {
  code: string;
  level: 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2' | 'native';
}

export interface Constraints {
  hoursPerWeek: number | null;
  shifts: ('day' | 'evening' | 'night' | 'weekend')[];
  districts: string[];
  maxCommuteMinutes: number | null;
  childcareNeed: boolean;
  earliestStart: string | null;
}

/** A job seeker (or, later, any person served). Case tables carry organisation_id for distribution. */
export const persons = pgTable(
  'persons',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    /** Folded search key of the full name (src/common/text.ts). */
    nameKey: text('name_key').notNull(),
    idKind: text('id_kind', { enum: ['tckn', 'ykn', 'passport'] }),
    /** AES-256-GCM (KOPRU_DATA_KEY). */
    idNumberEnc: text('id_number_enc'),
    /** HMAC-SHA256 (KOPRU_INDEX_KEY) of kind + number, for exact search and duplicates. */
    idNumberIndex: text('id_number_index'),
    idNumberMasked: text('id_number_masked'),
    passportCountry: text('passport_country'),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    sex: text('sex', { enum: ['female', 'male'] }).notNull(),
    nationality: text('nationality').notNull(),
    languages: jsonb('languages').$type<LanguageSkill[]>().notNull().default([]),
    phone: text('phone'),
    email: text('email'),
    address: text('address'),
    province: text('province').notNull(),
    district: text('district').notNull(),
    iskurRegistered: boolean('iskur_registered'),
    iskurNumber: text('iskur_number'),
    iscedLevel: integer('isced_level'),
    iscedField: text('isced_field'),
    graduationYear: integer('graduation_year'),
    skills: text('skills'),
    desiredOccupations: text('desired_occupations')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Folded keys of desired occupations, for search. */
    occupationKeys: text('occupation_keys').notNull().default(''),
    /**
     * The desired occupations linked to ISCO-08 unit groups, in the order of desired_occupations
     * (src/common/occupation-codes.ts); null until the typed titles have been linked.
     */
    occupationLinks: jsonb('occupation_links').$type<OccupationLink[]>(),
    /** Every ISCO-08 group (all levels) of the desired occupations and the work history: the list filter. */
    iscoGroups: text('isco_groups')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * The person's target-group codes (person_target_groups.group, sorted), for the list's group filter on the
     * person's side of an index. Kept equal to the rows by statement triggers on person_target_groups
     * (migration 0046); a writer that inserts the person with its groups may set it beforehand (no second row
     * version). Never sent as it is: responses filter special groups by permission (docs/ARCHITECTURE.md).
     */
    targetGroups: text('target_groups')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Skills as taxonomy skill ids (the free text `skills` is kept beside them). */
    skillIds: text('skill_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Driving licence classes held, with their expiry. */
    licences: jsonb('licences').$type<HeldQualification[]>().notNull().default([]),
    /** Work certificates held, with their expiry. */
    certificates: jsonb('certificates').$type<HeldQualification[]>().notNull().default([]),
    constraints: jsonb('constraints').$type<Constraints>(),
    /** confirmed: registered by staff or confirmed by a counsellor; pending: self-registered, in the queue. */
    registration: text('registration', { enum: ['confirmed', 'pending'] })
      .notNull()
      .default('confirmed'),
    createdBy: uuid('created_by').references(() => users.id),
    /** The job seeker's own account (one-time-code sign-in), when they have one. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Set on the record that was merged into another; such records are hidden from lists. */
    mergedIntoId: uuid('merged_into_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * The transaction that last changed what matching reads of the person (this row, its work history, its
     * consents): set by triggers (migration 0039), read by the in-process matching index to catch up at each
     * query (docs/MATCHING.md, "The matching index").
     */
    matchingXid: xid8('matching_xid')
      .notNull()
      .default(sql`'0'::xid8`),
  },
  (t) => [
    index('persons_org_matching_xid_idx').on(t.organisationId, t.matchingXid),
    uniqueIndex('persons_user_uq')
      .on(t.userId)
      .where(sql`${t.userId} IS NOT NULL`),
    uniqueIndex('persons_id_number_uq').on(t.organisationId, t.idNumberIndex),
    index('persons_org_office_idx').on(t.organisationId, t.officeId),
    index('persons_org_name_idx').on(t.organisationId, t.nameKey),
    index('persons_name_trgm_idx').using('gin', sql`${t.nameKey} gin_trgm_ops`),
    // The name search's counts and unwalked pages name `lower(name_key)` (the same value: keys are lower case) so
    // that only this index serves their LIKE: on name_key the planner read them through the GiST index below,
    // the whole of it (36–214 ms a condition at 1,000,000 persons; here 1–2 ms). The walk keeps name_key, where
    // the same LIKE prunes the GiST walk (issue 15, bench/README.md). The office first (btree_gin): a
    // counsellor's count takes the office's matches from the index alone (2,805 of 16,688 for "ayse" at 1M)
    // instead of and-ing the office's 167,000 entries of persons_org_office_idx (130 ms → 11 ms under load);
    // a search of every office reads only the trigrams' entries, as it did without the office (migration 0044).
    index('persons_office_name_lower_trgm_idx').using('gin', t.officeId, sql`lower(${t.nameKey}) gin_trgm_ops`),
    // The ranked name search of every office walks this one closest first (`name_key <-> key`, issue 15).
    index('persons_name_gist_idx').using('gist', sql`${t.nameKey} gist_trgm_ops`),
    // The same walk within one office (a counsellor's search, or one office chosen), office first (btree_gist):
    // through the index above it passed about five other offices' matches for each of its own (300 ms for
    // "ayse" at 1M; 20–40 ms here). Its key is `btrim(name_key)` (the same value: keys are trimmed) so that
    // neither the counts nor a walk of every office use it: the latter was 2–3 times slower through it.
    index('persons_office_name_gist_idx').using('gist', t.officeId, sql`btrim(${t.nameKey}) gist_trgm_ops`),
    index('persons_phone_idx').on(t.organisationId, t.phone),
    index('persons_isco_groups_idx').using('gin', t.iscoGroups),
    index('persons_skill_ids_idx').using('gin', t.skillIds),
    index('persons_birth_idx').on(t.organisationId, t.birthDate),
    // The person list's own orders at 1M persons (issue 15, bench/README.md): by name, newest first.
    index('persons_org_name_order_idx')
      .on(t.organisationId, t.familyName, t.givenName, t.id)
      .where(sql`${t.mergedIntoId} IS NULL`),
    index('persons_org_created_idx')
      .on(t.organisationId, t.createdAt, t.id)
      .where(sql`${t.mergedIntoId} IS NULL`),
    // Filtered, name-ordered list pages (bench/README.md: 876/1146 ms → 40/106 ms at 1M persons).
    index('persons_org_district_name_idx')
      .on(t.organisationId, t.district, t.familyName, t.givenName, t.id)
      .where(sql`${t.mergedIntoId} IS NULL`),
    // The same for a counsellor, whose lists are always of one office: without the office here the capped
    // total read every person of the district to check it (17,649 rows at 1M: 0.7–2.1 s; with it 18–63 ms,
    // and the page 1–1.9 s → 10–28 ms; bench/README.md, issue 15). Migration 0047 adds INCLUDE (target_groups),
    // which drizzle cannot declare, so that a district-and-group list is read from this index alone.
    index('persons_org_office_district_name_idx')
      .on(t.organisationId, t.officeId, t.district, t.familyName, t.givenName, t.id)
      .where(sql`${t.mergedIntoId} IS NULL`),
    // The list filtered by target group (issue 15, bench/README.md "Target groups on the person"): the codes
    // beside the office and district (btree_gin), so that the capped total no longer joins every member of the
    // group. GIN keeps each column's keys apart and intersects the entries of those asked for: the office
    // (a counsellor), the district, the group. Without the organisation: its entries are every person's, and the
    // heap rows visited anyway check it (at 1M: 84 index buffers instead of 252 for a counsellor's district).
    index('persons_office_district_groups_idx')
      .using('gin', t.officeId, t.district, t.targetGroups)
      .where(sql`${t.mergedIntoId} IS NULL`),
  ],
);

/** Target-group codes in clear (matching, indicators); details of the sensitive ones encrypted. */
export const personTargetGroups = pgTable(
  'person_target_groups',
  {
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    group: text('group', { enum: TARGET_GROUPS }).notNull(),
    /** Non-sensitive details (e.g. number of children under 6, kind of informal work). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    /** Encrypted JSON of sensitive details (disability report, refugee status, Roma consent reference). */
    detailsEnc: text('details_enc'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.group] }),
    index('ptg_org_group_idx').on(t.organisationId, t.group),
    index('ptg_group_person_idx').on(t.group, t.personId),
  ],
);

export const workHistory = pgTable(
  'work_history',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    occupation: text('occupation').notNull(),
    /** The ISCO-08 unit group of `occupation` (the typed title is kept); null until linked. */
    iscoCode: text('isco_code'),
    iscoScore: real('isco_score'),
    iscoStatus: text('isco_status').$type<LinkStatus>(),
    employer: text('employer'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    registered: boolean('registered').notNull(),
  },
  (t) => [index('work_history_person_idx').on(t.personId)],
);

/** Acknowledgements of the information notice (aydınlatma metni, KVKK art. 10). */
export const noticeAcknowledgements = pgTable(
  'notice_acknowledgements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    noticeVersion: text('notice_version').notNull(),
    locale: text('locale', { enum: ['tr', 'en', 'ar'] }).notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('notice_ack_person_idx').on(t.personId)],
);

/** Explicit consents per purpose; withdrawing sets withdrawn_at (history is kept). */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    purpose: text('purpose', { enum: CONSENT_PURPOSES }).notNull(),
    /** Named partner for share-with-partners (ILO, UNDP, …). */
    partner: text('partner'),
    textVersion: text('text_version').notNull(),
    channel: text('channel', { enum: CHANNELS }).notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
  },
  (t) => [
    index('consents_person_idx').on(t.personId),
    uniqueIndex('consents_active_uq')
      .on(t.personId, t.purpose, sql`coalesce(${t.partner}, '')`)
      .where(sql`${t.withdrawnAt} IS NULL`),
  ],
);

/** A case per person per service episode. */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    counsellorId: uuid('counsellor_id').references(() => users.id),
    status: text('status', { enum: CASE_STATUSES }).notNull().default('new'),
    closeReason: text('close_reason', { enum: CLOSE_REASONS }),
    closeNote: text('close_note'),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('cases_person_idx').on(t.personId),
    index('cases_org_office_status_idx').on(t.organisationId, t.officeId, t.status),
    index('cases_counsellor_idx').on(t.counsellorId, t.status),
    // The caseload (open cases by counsellor and status, of an office or the organisation), index-only.
    index('cases_open_caseload_idx')
      .on(t.organisationId, t.officeId, t.counsellorId, t.status)
      .where(sql`${t.status} <> 'closed'`),
    // The person list filtered by case status: the matching persons' ids, index-only.
    index('cases_org_status_person_idx').on(t.organisationId, t.status, t.personId),
    uniqueIndex('cases_one_open_uq')
      .on(t.personId)
      .where(sql`${t.status} <> 'closed'`),
  ],
);

export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    kind: text('kind', { enum: NOTE_KINDS }).notNull(),
    body: text('body').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    authorId: uuid('author_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId, t.occurredAt)],
);

export const caseSteps = pgTable(
  'case_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    title: text('title').notNull(),
    ownerKind: text('owner_kind', { enum: ['counsellor', 'person'] }).notNull(),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    dueDate: date('due_date', { mode: 'string' }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('case_steps_case_idx').on(t.caseId), index('case_steps_owner_due_idx').on(t.ownerUserId, t.dueDate)],
);

/** History of transfers of a case between counsellors and offices. */
export const caseTransfers = pgTable(
  'case_transfers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    fromOfficeId: uuid('from_office_id').references(() => offices.id),
    toOfficeId: uuid('to_office_id')
      .notNull()
      .references(() => offices.id),
    fromCounsellorId: uuid('from_counsellor_id').references(() => users.id),
    toCounsellorId: uuid('to_counsellor_id').references(() => users.id),
    reason: text('reason'),
    transferredBy: uuid('transferred_by').references(() => users.id),
    transferredAt: timestamp('transferred_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_transfers_case_idx').on(t.caseId)],
);

/** One model of households: members may be children or anyone who is not a job seeker. */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    province: text('province'),
    district: text('district'),
    address: text('address'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('households_org_office_idx').on(t.organisationId, t.officeId)],
);

export const householdMembers = pgTable(
  'household_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    /** Set when the member is a registered person (job seeker); otherwise name and birth date only. */
    personId: uuid('person_id').references(() => persons.id, { onDelete: 'set null' }),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    sex: text('sex', { enum: ['female', 'male'] }),
    relation: text('relation', { enum: HOUSEHOLD_RELATIONS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('household_members_household_idx').on(t.householdId),
    uniqueIndex('household_members_person_uq')
      .on(t.personId)
      .where(sql`${t.personId} IS NOT NULL`),
  ],
);

export const socialAidRecords = pgTable(
  'social_aid_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    programme: text('programme').notNull(),
    monthlyAmount: numeric('monthly_amount', { precision: 12, scale: 2 }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('social_aid_household_idx').on(t.householdId)],
);

export const householdIncomes = pgTable(
  'household_incomes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    memberId: uuid('member_id').references(() => householdMembers.id, { onDelete: 'set null' }),
    source: text('source', { enum: ['registered-work', 'informal-work', 'pension', 'other'] }).notNull(),
    monthlyAmount: numeric('monthly_amount', { precision: 12, scale: 2 }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('household_incomes_household_idx').on(t.householdId)],
);

export const appointments = pgTable(
  'appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    counsellorId: uuid('counsellor_id')
      .notNull()
      .references(() => users.id),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(30),
    mode: text('mode', { enum: APPOINTMENT_MODES }).notNull().default('in-person'),
    status: text('status', { enum: ['scheduled', 'attended', 'no-show', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    note: text('note'),
    /** Outbox messages queued for this appointment (invitation and reminders), cancelled with it. */
    messageIds: uuid('message_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('appointments_counsellor_start_idx').on(t.counsellorId, t.startsAt),
    index('appointments_person_idx').on(t.personId),
  ],
);

/** Files attached to a person: signed notice and consent scans, reports. Kept in the database. */
export const personDocuments = pgTable(
  'person_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['signed-notice', 'signed-consent', 'cv', 'certificate', 'other'] }).notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('person_documents_person_idx').on(t.personId)],
);

/** Filters a user saved on the person list. */
export const savedFilters = pgTable(
  'saved_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    scope: text('scope').notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('saved_filters_user_idx').on(t.userId, t.scope)],
);

/**
 * A job's states in the database: the API's statuses, and `checking` while its upload is read and checked
 * (never shown: the upload answers once the check is over, and a check that dies is deleted).
 */
export const IMPORT_JOB_STATES = ['checking', ...IMPORT_STATUSES] as const;

/** Bulk imports: a dry run, then the import itself in short transactions, with progress and a row report. */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    fileName: text('file_name').notNull(),
    status: text('status', { enum: IMPORT_JOB_STATES }).notNull(),
    /** Import only the valid rows of a file with errors. */
    validRowsOnly: boolean('valid_rows_only').notNull().default(false),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    importedRows: integer('imported_rows').notNull().default(0),
    /** Row-level problems: [{row, pointer, code, params}], translated when shown. */
    problems: jsonb('problems')
      .$type<{ row: number; pointer: string; code: string; params?: MessageParams }[]>()
      .notNull()
      .default([]),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('import_jobs_org_idx').on(t.organisationId, t.createdAt)],
);

/**
 * The rows of an import file waiting to be imported, one per spreadsheet row: the registration's input as
 * encrypted JSON (ID numbers, contact details), null for a row with problems (left out) or cleared by an erasure. Written chunk by
 * chunk while the upload is checked, read and deleted chunk by chunk while importing; whatever is left goes
 * with the job's end (done, failed, cancelled). Erasure, the access export and the key rotation cover it.
 */
export const importJobRows = pgTable(
  'import_job_rows',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    row: integer('row').notNull(),
    inputEnc: text('input_enc'),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.row] })],
);

/**
 * Work permits and exemptions of a person (src/common/decent-work.ts): per employer where the permit is
 * bound to one, with its dates. Those of a person in the refugee group are restricted like the protection
 * status itself (special-category:read). No foreign key to employers: the people module asks the
 * employers module for the employer and keeps its name as recorded.
 */
export const workPermits = pgTable(
  'work_permits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    kind: text('kind', {
      enum: [
        'work-permit',
        'temporary-protection-permit',
        'international-protection-permit',
        'seasonal-agriculture-exemption',
        'independent-work-permit',
        'indefinite-work-permit',
      ],
    }).notNull(),
    status: text('status', { enum: ['requested', 'granted', 'refused', 'withdrawn'] }).notNull(),
    employerId: uuid('employer_id'),
    employerName: text('employer_name'),
    requestedOn: date('requested_on', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    validFrom: date('valid_from', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    /** Application or permit number, as the ministry gives it. */
    reference: text('reference'),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('work_permits_person_idx').on(t.personId),
    index('work_permits_org_employer_idx').on(t.organisationId, t.employerId),
  ],
);

/**
 * What matching needs of a person's restricted facts (docs/MATCHING.md, "The restricted features table"),
 * kept by the people module in the transaction of every change to the person, their protection status,
 * disability or work permits (`people/facts/matching-features.service.ts`), and read only there. Nothing
 * in it is readable without the keys: `legal_tag` is a blind index (KOPRU_INDEX_KEY) of the right to work,
 * the province code of a temporary-protection registration and the accessibility need; `registered_tag`
 * one of the registration date of people under protection; `features_enc` the same facts sealed with
 * KOPRU_DATA_KEY (the key rotation recomputes both tags from it). The matcher decodes the tags through a
 * small code book of every value they can take, so it reads a pool without opening any row. `permits`
 * holds the granted work permits without their kind (for whom and when), as much as the employer's
 * permit duty needs.
 */
export const personMatchingFeatures = pgTable('person_matching_features', {
  personId: uuid('person_id')
    .primaryKey()
    .references(() => persons.id, { onDelete: 'cascade' }),
  organisationId: uuid('organisation_id').notNull(),
  featuresEnc: text('features_enc').notNull(),
  legalTag: text('legal_tag').notNull(),
  registeredTag: text('registered_tag').notNull(),
  permits: jsonb('permits')
    .$type<
      { scope: 'any' | 'employer' | 'seasonal'; employerId: string | null; from: string | null; until: string | null }[]
    >()
    .notNull()
    .default([]),
  updatedAt: updatedAt(),
});

/**
 * The vocabulary of name words (issue 15): every distinct word of the listed persons' folded names
 * (`persons.name_key`, merged records left out) per organisation, with how many persons use it. The name
 * search corrects a typed word that no name uses, or that few use, against it (pg_trgm similarity through
 * `person_name_words_trgm_idx`, a few thousand rows) instead of comparing the whole name with every person.
 * Kept by the people module in the transaction of every change to a person's name or listing
 * (`people/persons/name-words.ts`): a word that no one uses any more is deleted, so an erased person's
 * unusual name does not stay behind.
 */
export const personNameWords = pgTable(
  'person_name_words',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    word: text('word').notNull(),
    persons: integer('persons').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.word] }),
    index('person_name_words_trgm_idx').using('gin', sql`${t.word} gin_trgm_ops`),
  ],
);
