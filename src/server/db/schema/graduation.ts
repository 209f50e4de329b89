import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { AID_PAYERS, GRADUATION_STATUSES, THRESHOLD_KINDS, type Evaluation } from '../../../common/graduation.ts';
import { offices, users } from './identity.ts';
import { households, persons } from './people.ts';
import { placements } from './placements.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/**
 * The graduation rule of an organisation, set by its managers (docs/GRADUATION.md). No row: the defaults
 * of src/common/graduation.ts.
 */
export const graduationSettings = pgTable('graduation_settings', {
  organisationId: uuid('organisation_id').primaryKey(),
  minMonths: integer('min_months').notNull(),
  thresholdKind: text('threshold_kind', { enum: THRESHOLD_KINDS }).notNull(),
  /** Percent of the net minimum wage in force. */
  thresholdShare: numeric('threshold_share', { precision: 6, scale: 2 }).notNull(),
  thresholdAmount: numeric('threshold_amount', { precision: 12, scale: 2 }),
  /** Where approvals are sent: the municipality's social services and the SYDV (e-mail addresses). */
  municipalityEmail: text('municipality_email'),
  sydvEmail: text('sydv_email'),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
});

/**
 * A household's way off social aid: recommended when the rule holds (with the facts behind it), decided
 * by a manager, sent to the unit that pays the aid, confirmed by it (aid end date, monthly aid saved),
 * and a return to aid within 12 months recorded.
 */
export const graduations = pgTable(
  'graduations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id, { onDelete: 'cascade' }),
    /** The member in verified registered work whose job carries the recommendation. */
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    placementId: uuid('placement_id')
      .notNull()
      .references(() => placements.id),
    status: text('status', { enum: GRADUATION_STATUSES }).notNull(),
    /** The household's district and the working member's target groups when recommended (for the report). */
    district: text('district'),
    targetGroups: text('target_groups')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The rule's findings the last time it held: member, placement, months, income per member, threshold. */
    facts: jsonb('facts').$type<Evaluation & { aid: { programme: string; monthlyAmount: number }[] }>().notNull(),
    recommendedOn: date('recommended_on', { mode: 'string' }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedOn: date('decided_on', { mode: 'string' }),
    declineReason: text('decline_reason'),
    payer: text('payer', { enum: AID_PAYERS }),
    /** The outbox message that told the paying unit. */
    messageId: uuid('message_id'),
    confirmedOn: date('confirmed_on', { mode: 'string' }),
    aidEndDate: date('aid_end_date', { mode: 'string' }),
    monthlyAidSaved: numeric('monthly_aid_saved', { precision: 12, scale: 2 }),
    confirmationReference: text('confirmation_reference'),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    returnedOn: date('returned_on', { mode: 'string' }),
    returnProgramme: text('return_programme'),
    returnMonthlyAmount: numeric('return_monthly_amount', { precision: 12, scale: 2 }),
    returnNote: text('return_note'),
    returnedBy: uuid('returned_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('graduations_org_status_idx').on(t.organisationId, t.status, t.recommendedOn),
    index('graduations_org_office_idx').on(t.organisationId, t.officeId),
    index('graduations_person_idx').on(t.personId),
    uniqueIndex('graduations_open_household_uq')
      .on(t.householdId)
      .where(sql`${t.status} IN ('recommended', 'approved')`),
  ],
);
