import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { PriorityLifts } from '../../../common/matching-priority.ts';
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

/**
 * An organisation's priority policy, versioned: each change is a new row (the newest is in force), with
 * who changed it and when (docs/MATCHING.md, "Priority policy"). No row: no lifts.
 */
export const matchingPriorityPolicies = pgTable(
  'matching_priority_policies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    version: integer('version').notNull(),
    /** Points per target group (1–MAX_GROUP_LIFT); groups not named have none. */
    lifts: jsonb('lifts').$type<PriorityLifts>().notNull(),
    /** Why it changed (the manager's note). */
    note: text('note'),
    changedBy: uuid('changed_by')
      .notNull()
      .references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('matching_priority_policies_org_version_idx').on(t.organisationId, t.version)],
);

/**
 * What the matcher proposed, without naming anyone (docs/MATCHING.md, "Fairness monitor"): per vacancy and
 * Türkiye day, the counts of the eligible pool and of the candidates on the first page shown, by cell
 * (sex, age band, target group; disclosure.ts keys). The latest listing of the day replaces the earlier one.
 */
export const matchingProposalTallies = pgTable(
  'matching_proposal_tallies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    vacancyId: uuid('vacancy_id').notNull(),
    /** The office that follows the vacancy's employer, when known. */
    officeId: uuid('office_id'),
    iscoCode: text('isco_code'),
    listedOn: date('listed_on', { mode: 'string' }).notNull(),
    eligible: jsonb('eligible').$type<Record<string, number>>().notNull(),
    proposed: jsonb('proposed').$type<Record<string, number>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('matching_proposal_tallies_vacancy_day_idx').on(t.organisationId, t.vacancyId, t.listedOn),
    index('matching_proposal_tallies_org_day_idx').on(t.organisationId, t.listedOn),
  ],
);
