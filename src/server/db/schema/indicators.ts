import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { MonthCells } from '../../../common/indicators.ts';
import type { Locale } from '../../../common/locales.ts';
import { organisations, users } from './identity.ts';
import { bytea } from './people.ts';

/** Per organisation: the smallest count published in a released table (issue 16; default 11). */
export const indicatorSettings = pgTable('indicator_settings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  threshold: integer('threshold').notNull().default(11),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Large exports built by a background job (issue 16): who asked, what for, how far the job is, and the
 * file until it expires. Only the requester downloads it; the sweep deletes the bytes once expired and
 * keeps the row (its status `expired`) for the list.
 */
export const indicatorExports = pgTable(
  'indicator_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    /** The requester's name at the time, printed on the rule sheet ("made by"). */
    requestedByName: text('requested_by_name').notNull(),
    /** The file's language (sheet names, labels, the CSV delimiter). */
    locale: text('locale').$type<Locale>().notNull(),
    /** `indicators` (the catalogue's tables) or `labour-market` (the insights' tables). */
    kind: text('kind').$type<'indicators' | 'labour-market'>().notNull(),
    format: text('format').$type<'csv' | 'xlsx' | 'sdmx'>().notNull(),
    /** The request: months, breakdowns, indicator codes or the ISCO level. */
    parameters: jsonb('parameters').$type<Record<string, string>>().notNull(),
    status: text('status')
      .$type<'queued' | 'running' | 'finished' | 'failed' | 'expired'>()
      .notNull()
      .default('queued'),
    /** 0–100, written by the job as it goes. */
    progress: integer('progress').notNull().default(0),
    error: text('error'),
    fileName: text('file_name'),
    contentType: text('content_type'),
    content: bytea('content'),
    sizeBytes: integer('size_bytes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** The download link stops working then (410), and the sweep deletes the file. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
  },
  (t) => [
    index('indicator_exports_requester_idx').on(t.organisationId, t.requestedBy, t.createdAt),
    index('indicator_exports_expiry_idx').on(t.expiresAt),
  ],
);

/**
 * A manager's monthly report (issue 16): the export to build for the previous month (kind, format and
 * the breakdowns, as a background export) and who receives a download link by e-mail. The recipients
 * are e-mail addresses (lower case, at most 20); the language is the file's and the message's.
 */
export const indicatorReportSchedules = pgTable(
  'indicator_report_schedules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    kind: text('kind').$type<'indicators' | 'labour-market'>().notNull(),
    format: text('format').$type<'csv' | 'xlsx' | 'sdmx'>().notNull(),
    /** Breakdowns, indicator codes or the ISCO level (the months are the previous month's, set by the sweep). */
    parameters: jsonb('parameters').$type<Record<string, string>>().notNull(),
    recipients: jsonb('recipients').$type<string[]>().notNull(),
    locale: text('locale').$type<Locale>().notNull(),
    active: boolean('active').notNull().default(true),
    /** The export's requester on record (it runs with nothing but indicators:read). */
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('indicator_report_schedules_org_idx').on(t.organisationId, t.createdAt)],
);

/** One schedule's report for one month: unique, so that the monthly sweep sends nothing twice. */
export const indicatorReportRuns = pgTable(
  'indicator_report_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    scheduleId: uuid('schedule_id').references(() => indicatorReportSchedules.id, { onDelete: 'set null' }),
    /** YYYY-MM: the month reported on. */
    month: text('month').notNull(),
    exportId: uuid('export_id')
      .notNull()
      .references(() => indicatorExports.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('indicator_report_runs_schedule_month_idx').on(t.scheduleId, t.month)],
);

/**
 * A recipient's download link for one report: the token is stored as its SHA-256 only; the link works
 * as long as the export's file does.
 */
export const indicatorReportLinks = pgTable(
  'indicator_report_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    runId: uuid('run_id')
      .notNull()
      .references(() => indicatorReportRuns.id),
    exportId: uuid('export_id')
      .notNull()
      .references(() => indicatorExports.id),
    recipient: text('recipient').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('indicator_report_links_token_idx').on(t.tokenHash)],
);

/**
 * Materialised indicator aggregates (issue 16, "Performance"): per organisation, fact source and month, the
 * cells of that month's family (`buildFamily` over the month's facts alone, no row about a person), written
 * by the `indicator-aggregates-refresh` job. A range's family is put together from its months' cells
 * (`familyFromMonths`), exactly as if built from the facts.
 */
export const indicatorMonthCells = pgTable(
  'indicator_month_cells',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    source: text('source').notNull(),
    /** YYYY-MM */
    month: text('month').notNull(),
    cells: jsonb('cells').$type<MonthCells>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.source, t.month] })],
);
