import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './identity.ts';

/** Per organisation: the smallest count published in a released table (issue 16; default 11). */
export const indicatorSettings = pgTable('indicator_settings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  threshold: integer('threshold').notNull().default(11),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
