import { HOLIDAY_KINDS, REFERENCE_CHANGE_ACTIONS, REFERENCE_DATASETS } from '../../../common/contracts/reference.ts';
import { OUTBOX_CHANNELS, OUTBOX_STATUSES } from '../../../common/contracts/outbox.ts';
import {
  bigserial,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
  boolean,
} from 'drizzle-orm/pg-core';

/** Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (migration 0000). */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    organisationId: uuid('organisation_id'),
    actorUserId: uuid('actor_user_id'),
    actorKind: text('actor_kind', { enum: ['staff', 'employer', 'seeker', 'system', 'anonymous'] }).notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    /** Names of the fields that changed; never their values. */
    fields: text('fields').array().notNull().default([]),
    purpose: text('purpose'),
    /** Our own id of the request that made the change. */
    requestId: text('request_id'),
    /** The x-request-id the client sent, if any (it could be anything: never used as ours). */
    clientRequestId: text('client_request_id'),
  },
  (t) => [
    index('audit_events_org_at_idx').on(t.organisationId, t.at),
    index('audit_events_subject_idx').on(t.subjectType, t.subjectId),
    index('audit_events_actor_idx').on(t.actorUserId, t.at),
  ],
);

export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id'),
    userId: uuid('user_id'),
    channel: text('channel', { enum: OUTBOX_CHANNELS }).notNull(),
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    locale: text('locale', { enum: ['tr', 'en', 'ar'] }).notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** pending → sending → sent | failed (after the last retry) | captured (demo mode: shown, not sent). */
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    providerMessageId: text('provider_message_id'),
    meta: jsonb('meta').$type<Record<string, string>>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx').on(t.status, t.nextAttemptAt),
    index('outbox_org_created_idx').on(t.organisationId, t.createdAt),
  ],
);

export const publicHolidays = pgTable('public_holidays', {
  id: uuid('id').primaryKey().defaultRandom(),
  date: date('date', { mode: 'string' }).notNull().unique(),
  kind: text('kind', { enum: HOLIDAY_KINDS }).notNull(),
  /** Half-day eve (arife): the afternoon is off. */
  halfDay: boolean('half_day').notNull().default(false),
  nameTr: text('name_tr').notNull(),
  nameEn: text('name_en').notNull(),
  nameAr: text('name_ar').notNull(),
  /** Computed, not yet confirmed against the Presidency of Religious Affairs' published dates. */
  provisional: boolean('provisional').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const minimumWages = pgTable('minimum_wages', {
  id: uuid('id').primaryKey().defaultRandom(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull().unique(),
  grossMonthly: numeric('gross_monthly', { precision: 12, scale: 2 }).notNull(),
  netMonthly: numeric('net_monthly', { precision: 12, scale: 2 }).notNull(),
  note: text('note'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The change log of platform reference data (holidays, minimum wages, decent-work limits): one row per
 * change, with the values before and after (public values, never personal data), readable by every
 * organisation's admins because the data applies to all of them.
 */
export const referenceChanges = pgTable(
  'reference_changes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name').notNull(),
    actorOrganisation: text('actor_organisation'),
    dataset: text('dataset', { enum: REFERENCE_DATASETS }).notNull(),
    action: text('action', { enum: REFERENCE_CHANGE_ACTIONS }).notNull(),
    /** What changed: a date, an effective date, a limit's name, a year. */
    subject: text('subject').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
  },
  (t) => [index('reference_changes_at_idx').on(t.at)],
);
