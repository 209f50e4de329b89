import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  jsonb,
  numeric,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CONTRACT_TYPES, WAGE_BASES, type Shift } from '../../../common/enums.ts';
import {
  END_REASONS,
  EVIDENCE_KINDS,
  FOLLOW_UP_MILESTONES,
  FOLLOW_UP_OUTCOMES,
  FOLLOW_UP_STATUSES,
  NOT_WORKING_REASONS,
  PLACEMENT_SOURCES,
  PLACEMENT_STATUSES,
  VERIFICATION_STATUSES,
} from '../../../common/placements.ts';
import type { MessageParams } from '../../../common/message-format.ts';
import { offices, users } from './identity.ts';
import { persons } from './people.ts';
import { employers, referrals, vacancies } from './employers.ts';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export interface StoredViolation {
  rule: string;
  code: string;
  pointer: string;
  params: MessageParams;
}

/**
 * A job a person started: from a referral that reached "hired", or found without one (reported by the
 * person, a job fair, …). Checked against the decent-work rules at its start date (kept, flagged, when it
 * fails), verified as registered work (SGK) with its evidence, and followed up at 3, 6 and 12 months.
 */
export const placements = pgTable(
  'placements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    vacancyId: uuid('vacancy_id').references(() => vacancies.id),
    referralId: uuid('referral_id').references(() => referrals.id),
    source: text('source', { enum: PLACEMENT_SOURCES }).notNull(),
    jobTitle: text('job_title').notNull(),
    status: text('status', { enum: PLACEMENT_STATUSES }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    endReason: text('end_reason', { enum: END_REASONS }),
    /** The SGK exit reason code (işten çıkış kodu) when an exit notification ended it. */
    exitReasonCode: text('exit_reason_code'),
    contractType: text('contract_type', { enum: CONTRACT_TYPES }).notNull(),
    wageAmount: numeric('wage_amount', { precision: 12, scale: 2 }).notNull(),
    wageBasis: text('wage_basis', { enum: WAGE_BASES }).notNull(),
    hoursPerWeek: real('hours_per_week').notNull(),
    hoursPerDay: real('hours_per_day').notNull(),
    shifts: text('shifts').array().$type<Shift[]>().notNull(),
    workplaceProvince: text('workplace_province').notNull(),
    workplaceDistrict: text('workplace_district'),
    /** The decent-work rules at the start date: a failing placement is kept and flagged. */
    decent: boolean('decent').notNull(),
    /**
     * The person was under temporary protection at the start: counted for the employer's 10 % limit.
     * Sensitive like the protection status: never sent in an answer.
     */
    temporaryProtection: boolean('temporary_protection').notNull().default(false),
    violations: jsonb('violations').$type<StoredViolation[]>().notNull().default([]),
    verification: text('verification', { enum: VERIFICATION_STATUSES }).notNull().default('unverified'),
    evidenceKind: text('evidence_kind', { enum: EVIDENCE_KINDS }),
    /** The barcode number of the SGK service record, or the hire notification's reference. */
    evidenceReference: text('evidence_reference'),
    /** The date the hire notification was filed with SGK (due before the start: Law 5510 art. 8). */
    hireFiledOn: date('hire_filed_on', { mode: 'string' }),
    lateFiling: boolean('late_filing').notNull().default(false),
    verifiedBy: uuid('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** The monthly net wage added to the household's incomes on verification (people module's row). */
    netWage: numeric('net_wage', { precision: 12, scale: 2 }),
    householdIncomeId: uuid('household_income_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('placements_org_person_idx').on(t.organisationId, t.personId),
    index('placements_org_employer_idx').on(t.organisationId, t.employerId, t.status),
    index('placements_org_office_idx').on(t.organisationId, t.officeId, t.status),
    uniqueIndex('placements_referral_uq')
      .on(t.referralId)
      .where(sql`${t.referralId} IS NOT NULL`),
  ],
);

/** Retention follow-ups: due dates kept here, swept by the `placement-follow-ups` job. */
export const placementFollowUps = pgTable(
  'placement_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    placementId: uuid('placement_id')
      .notNull()
      .references(() => placements.id, { onDelete: 'cascade' }),
    milestone: text('milestone', { enum: FOLLOW_UP_MILESTONES }).notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: FOLLOW_UP_STATUSES }).notNull().default('pending'),
    /** When the SMS reminder to the person was queued (once, when overdue). */
    remindedAt: timestamp('reminded_at', { withTimezone: true }),
    /** When the follow-up became a task on the counsellor's list (once, when overdue). */
    taskOpenedAt: timestamp('task_opened_at', { withTimezone: true }),
    outcome: text('outcome', { enum: FOLLOW_UP_OUTCOMES }),
    notWorkingReason: text('not_working_reason', { enum: NOT_WORKING_REASONS }),
    note: text('note'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('placement_follow_ups_placement_idx').on(t.placementId),
    index('placement_follow_ups_due_idx').on(t.status, t.dueDate),
  ],
);
