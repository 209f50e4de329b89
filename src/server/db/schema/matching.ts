import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
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
 * (sex, age band, target group; disclosure.ts keys). The latest listing of the day replaces the proposed
 * counts. `eligible` is null while the eligible pool is still being counted by the `matching-fairness-pool`
 * job (a pool larger than the listing loaded): the report leaves such a row out until it is filled.
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
    /** Null: the pool is being counted (docs/MATCHING.md, "Fairness monitor"). */
    eligible: jsonb('eligible').$type<Record<string, number>>(),
    proposed: jsonb('proposed').$type<Record<string, number>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('matching_proposal_tallies_vacancy_day_idx').on(t.organisationId, t.vacancyId, t.listedOn),
    index('matching_proposal_tallies_org_day_idx').on(t.organisationId, t.listedOn),
  ],
);

/**
 * Proposals from the seeker's direction (a person's vacancies, page 1): counts of person–vacancy pairs by
 * the vacancy's office and ISCO code and the person's one-way cells, per organisation and Türkiye day —
 * no person id, no vacancy id. A person adds to the day's counts once (the first listing of the day),
 * remembered by `matching_seeker_listings`.
 */
export const matchingSeekerTallies = pgTable(
  'matching_seeker_tallies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    listedOn: date('listed_on', { mode: 'string' }).notNull(),
    officeId: uuid('office_id'),
    iscoCode: text('isco_code'),
    eligible: jsonb('eligible').$type<Record<string, number>>().notNull(),
    proposed: jsonb('proposed').$type<Record<string, number>>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('matching_seeker_tallies_cell_key')
      .on(t.organisationId, t.listedOn, t.officeId, t.iscoCode)
      .nullsNotDistinct(),
    index('matching_seeker_tallies_org_day_idx').on(t.organisationId, t.listedOn),
  ],
);

/**
 * Which persons' vacancies were already tallied today: a keyed hash of the person and the day (HMAC under
 * KOPRU_INDEX_KEY, a new one each day, so days cannot be linked), nothing else; earlier days are deleted.
 */
export const matchingSeekerListings = pgTable(
  'matching_seeker_listings',
  {
    organisationId: uuid('organisation_id').notNull(),
    listingKey: text('listing_key').notNull(),
    listedOn: date('listed_on', { mode: 'string' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.listingKey] }),
    index('matching_seeker_listings_day_idx').on(t.listedOn),
  ],
);

/**
 * Fairness flags the daily sweep raised (docs/MATCHING.md, "Fairness flags to managers"): one open row
 * per organisation and flag (measure|dimension|group); the managers were told when it was raised. A flag
 * that no longer holds is cleared, and told again only if it is raised anew.
 */
export const matchingFairnessFlags = pgTable(
  'matching_fairness_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    flag: text('flag').notNull(),
    ratio: real('ratio').notNull(),
    raisedOn: date('raised_on', { mode: 'string' }).notNull(),
    clearedOn: date('cleared_on', { mode: 'string' }),
    /** How many managers were sent the message. */
    told: integer('told').notNull().default(0),
  },
  (t) => [
    uniqueIndex('matching_fairness_flags_open_idx')
      .on(t.organisationId, t.flag)
      .where(sql`cleared_on IS NULL`),
  ],
);
