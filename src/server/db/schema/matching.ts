import { integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './identity.ts';

/** An organisation's matching settings (docs/MATCHING.md); a missing row means the defaults. */
export const matchingSettings = pgTable('matching_settings', {
  organisationId: uuid('organisation_id')
    .primaryKey()
    .references(() => organisations.id),
  /** Fair spread: a person with this many open referrals is not proposed again. */
  maxOpenReferrals: integer('max_open_referrals').notNull().default(3),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
