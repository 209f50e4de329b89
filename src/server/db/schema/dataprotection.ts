import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  DP_BATCH_STATUSES,
  DP_BATCH_ITEM_OUTCOMES,
  DP_BREACH_CATEGORIES,
  DP_CHANNELS,
  DP_EXPORT_DELIVERIES,
  DP_IDENTITY_METHODS,
  DP_REQUEST_KINDS,
  DP_REQUEST_STATUSES,
} from '../../../common/contracts/dataprotection.ts';
import { persons } from './people.ts';
import { users } from './identity.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * Data subjects' requests under KVKK art. 11 (the data-protection desk, issue 12): what was asked, how
 * it arrived, how the applicant's identity was verified (the Communiqué on applications to the data
 * controller), the 30-day deadline in calendar days, and the answer or the refusal with its reason.
 */
export const dpRequests = pgTable(
  'dp_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    /** Set once the DPO has found the person (or at once when the signed-in person files it). */
    personId: uuid('person_id').references(() => persons.id),
    kind: text('kind', { enum: DP_REQUEST_KINDS }).notNull(),
    channel: text('channel', { enum: DP_CHANNELS }).notNull(),
    status: text('status', { enum: DP_REQUEST_STATUSES }).notNull().default('received'),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** receivedOn + 30 calendar days (KVKK art. 13(2)). */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** What the applicant asks, in their words (cleared by an erasure). */
    details: text('details'),
    /**
     * The referral whose ranking an `objection-automated` request filed from the person's applications objects
     * to (the match kept with it is shown to the DPO); null for any other request. An id only: referrals own it.
     */
    referralId: uuid('referral_id'),
    identityMethod: text('identity_method', { enum: DP_IDENTITY_METHODS }),
    identityNote: text('identity_note'),
    identityVerifiedBy: uuid('identity_verified_by').references(() => users.id),
    identityVerifiedAt: timestamp('identity_verified_at', { withTimezone: true }),
    /** A rectification or erasure accepted by the DPO, waiting for the case office / the action. */
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    carriedOutBy: uuid('carried_out_by').references(() => users.id),
    carriedOutAt: timestamp('carried_out_at', { withTimezone: true }),
    answer: text('answer'),
    refusalReason: text('refusal_reason'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** Documents kept with the request (letter scans, the answer): name, type, size; content in dp_request_documents. */
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('dp_requests_org_due_idx').on(t.organisationId, t.status, t.dueOn),
    index('dp_requests_person_idx').on(t.personId),
  ],
);

/** Files kept with a request: the letter, the identity document's check, the answer sent. */
export const dpRequestDocuments = pgTable(
  'dp_request_documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => dpRequests.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Base64 of the file (at most 5 MiB). */
    content: text('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('dp_request_documents_request_idx').on(t.requestId)],
);

/**
 * An access export made for a request: what it contains (sections and row counts, never the data),
 * how it is delivered, and its one-time download. The file itself is built when it is downloaded.
 */
export const dpExports = pgTable(
  'dp_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => dpRequests.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    delivery: text('delivery', { enum: DP_EXPORT_DELIVERIES }).notNull(),
    locale: text('locale', { enum: ['tr', 'en', 'ar'] }).notNull(),
    contents: jsonb('contents').$type<{ section: string; rows: number }[]>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Each format may be downloaded once. */
    downloadedFormats: text('downloaded_formats')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('dp_exports_person_idx').on(t.personId), index('dp_exports_request_idx').on(t.requestId)],
);

/**
 * What an erasure destroyed: the categories and counts, the request it served, who and when. The person
 * is named only by the record's id (a pseudonymous reference). Kept 3 years (DATA-PROTECTION.md).
 */
export const dpDestructionRecords = pgTable(
  'dp_destruction_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    requestId: uuid('request_id').references(() => dpRequests.id),
    /** The periodic destruction batch that destroyed it (null: an erasure on request). */
    batchId: uuid('batch_id').references(() => dpDestructionBatches.id),
    /** The anonymised record's id: pseudonymous, it names no one once the record is anonymised. */
    subjectRef: uuid('subject_ref').notNull(),
    method: text('method', { enum: ['anonymisation'] }).notNull(),
    summary: jsonb('summary').$type<Record<string, number>>().notNull(),
    performedBy: uuid('performed_by').references(() => users.id),
    performedAt: timestamp('performed_at', { withTimezone: true }).notNull(),
    keepUntil: date('keep_until', { mode: 'string' }).notNull(),
  },
  (t) => [index('dp_destruction_org_idx').on(t.organisationId, t.performedAt)],
);

/**
 * Personal-data breaches (KVKK art. 12(5); the Board's decision 2019/10): what happened, when it was
 * discovered, the 72-hour deadline to notify the Board, the categories and counts affected, the measures
 * taken, and the texts of the notifications to the Board and to the persons concerned. Counts only:
 * no person is named here.
 */
export const dpBreaches = pgTable(
  'dp_breaches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }),
    discoveredAt: timestamp('discovered_at', { withTimezone: true }).notNull(),
    /** discoveredAt + 72 hours. */
    notifyBoardBy: timestamp('notify_board_by', { withTimezone: true }).notNull(),
    categories: text('categories', { enum: DP_BREACH_CATEGORIES }).array().notNull(),
    affectedPersons: integer('affected_persons'),
    affectedRecords: integer('affected_records'),
    consequences: text('consequences'),
    measures: text('measures'),
    boardNotice: text('board_notice'),
    personsNotice: text('persons_notice'),
    boardNotifiedAt: timestamp('board_notified_at', { withTimezone: true }),
    /** Why the Board was notified after the 72 hours, when it was. */
    delayReason: text('delay_reason'),
    personsNotifiedAt: timestamp('persons_notified_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('dp_breaches_org_idx').on(t.organisationId, t.notifyBoardBy)],
);

/**
 * How long the organisation keeps a closed case's data (DATA-PROTECTION.md "Retention and destruction";
 * the Regulation on the erasure, destruction or anonymisation of personal data, art. 11): after the last
 * case closes, the retention follow-ups, then the return-to-aid window, then the statutory period. The
 * destruction job proposes a batch at least every `intervalMonths` (at most 6). One row per organisation;
 * without one the defaults of the contract apply.
 */
export const dpRetentionSettings = pgTable('dp_retention_settings', {
  organisationId: uuid('organisation_id').primaryKey(),
  followUpMonths: integer('follow_up_months').notNull(),
  returnToAidMonths: integer('return_to_aid_months').notNull(),
  statutoryYears: integer('statutory_years').notNull(),
  intervalMonths: integer('interval_months').notNull(),
  /** Persons registered but never given a case: kept this many months from registration. */
  noCaseMonths: integer('no_case_months').notNull(),
  /** A fair's walk-in visitors not linked to a person: their name and phone kept this many months after the fair. */
  fairWalkInMonths: integer('fair_walk_in_months').notNull().default(6),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A periodic destruction batch: the dry run (what is due on `asOf`, under the retention rules copied in
 * `rules`), the destruction committee's decision (approved with its members named, or rejected with the
 * reason), then the run, item by item, by a background job.
 */
export const dpDestructionBatches = pgTable(
  'dp_destruction_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    status: text('status', { enum: DP_BATCH_STATUSES }).notNull().default('proposed'),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    rules: jsonb('rules').$type<Record<string, number>>().notNull(),
    /** Proposed by the scheduled job (null) or by the DPO. */
    proposedBy: uuid('proposed_by').references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    itemCount: integer('item_count').notNull(),
    heldCount: integer('held_count').notNull().default(0),
    committeeMembers: text('committee_members').array(),
    decisionRef: text('decision_ref'),
    decisionNote: text('decision_note'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    runBy: uuid('run_by').references(() => users.id),
    runStartedAt: timestamp('run_started_at', { withTimezone: true }),
    runCompletedAt: timestamp('run_completed_at', { withTimezone: true }),
    destroyedCount: integer('destroyed_count').notNull().default(0),
    skippedCount: integer('skipped_count').notNull().default(0),
    /** Fair walk-ins (not linked to a person) whose name and phone were due at the dry run, and cleared by the run. */
    walkInsDue: integer('walk_ins_due').notNull().default(0),
    walkInsCleared: integer('walk_ins_cleared').notNull().default(0),
  },
  (t) => [
    index('dp_destruction_batches_org_idx').on(t.organisationId, t.proposedAt),
    uniqueIndex('dp_destruction_batches_one_pending_uq')
      .on(t.organisationId)
      .where(sql`${t.status} in ('proposed', 'approved', 'running')`),
  ],
);

/**
 * One record in a batch: the person's record id (a pseudonymous reference once anonymised), why it is
 * due (the dates the rules were applied to), whether it is held back (an open request or case), and
 * what the run did with it.
 */
export const dpDestructionBatchItems = pgTable(
  'dp_destruction_batch_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => dpDestructionBatches.id),
    subjectRef: uuid('subject_ref').notNull(),
    officeId: uuid('office_id'),
    /** The date the retention periods run from: the last case's closure, or the registration. */
    basisDate: date('basis_date', { mode: 'string' }).notNull(),
    basis: text('basis', { enum: ['case-closed', 'registered-no-case'] }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    /** Held back from the run (an open data-protection request, for instance); the reason's key. */
    held: boolean('held').notNull().default(false),
    heldReason: text('held_reason'),
    outcome: text('outcome', { enum: DP_BATCH_ITEM_OUTCOMES }).notNull().default('pending'),
    outcomeReason: text('outcome_reason'),
    destructionRecordId: uuid('destruction_record_id'),
  },
  (t) => [index('dp_destruction_batch_items_batch_idx').on(t.batchId, t.outcome)],
);

/**
 * What the organisation wrote into its VERBİS processing inventory where the system cannot know it (a
 * recipient group, a transfer abroad, a measure outside the software): per processing activity, the
 * fields it overrides, as written. The rest of the inventory is generated from the configuration.
 */
export const dpInventoryEntries = pgTable(
  'dp_inventory_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    activity: text('activity').notNull(),
    overrides: jsonb('overrides').$type<Record<string, string>>().notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dp_inventory_entries_activity_uq').on(t.organisationId, t.activity)],
);

/**
 * Key rotations (`kopru keys rotate`, docs/SECURITY.md): which data and index keys (by their public key
 * ids, never the keys) replace which, and how far the re-sealing and re-indexing got in each set of
 * encrypted columns (`ENCRYPTED_COLUMNS` in lib/encrypted-columns.ts), so that a stopped run resumes where
 * it was. A completed rotation retires the old keys: a process configured with one is refused. Platform
 * data: it spans every organisation.
 */
export const keyRotations = pgTable(
  'key_rotations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    oldDataKeyId: text('old_data_key_id').notNull(),
    newDataKeyId: text('new_data_key_id').notNull(),
    oldIndexKeyId: text('old_index_key_id').notNull(),
    newIndexKeyId: text('new_index_key_id').notNull(),
    status: text('status', { enum: ['running', 'completed'] }).notNull(),
    /** Per column set: the last key done (the cursor), rows seen and rows changed, and whether it is done. */
    progress: jsonb('progress')
      .$type<Record<string, { after: string[] | null; seen: number; changed: number; done: boolean }>>()
      .notNull()
      .default({}),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** Each start or resumption of the command. */
    runs: integer('runs').notNull().default(1),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('key_rotations_running_uq')
      .on(t.status)
      .where(sql`status = 'running'`),
  ],
);
