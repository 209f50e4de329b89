import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
