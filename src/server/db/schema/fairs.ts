import {
  boolean,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { CONTRACT_TYPES, HAZARD_CLASSES, SHIFTS, WAGE_BASES } from '../../../common/enums.ts';
import { FAIR_APPLICATION_STATUSES, FAIR_STATUSES, VISITOR_CHANNELS, VISITOR_SEXES } from '../../../common/fairs.ts';
import { offices, organisations, users } from './identity.ts';
import { persons } from './people.ts';
import { employers, referrals, vacancies } from './employers.ts';
import { placements } from './placements.ts';
import { projects } from './programmes.ts';

/**
 * Job fairs (issue 13, docs/FAIRS.md): the fair, its employers and their positions (published vacancies
 * or fair-only positions), visitors (pre-registered or walk-in through the QR code) and applications
 * made on site. Case tables: every one carries organisation_id.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const fairs = pgTable(
  'fairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    /** The organising office. */
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    name: text('name').notNull(),
    /** Folded search key of the name (src/common/text.ts). */
    nameKey: text('name_key').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    province: text('province').notNull(),
    district: text('district').notNull(),
    projectId: uuid('project_id').references(() => projects.id),
    status: text('status', { enum: FAIR_STATUSES }).notNull().default('planned'),
    /** The key of the public walk-in page (its QR code); not personal data. */
    walkInToken: text('walk_in_token').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('fairs_org_start_idx').on(t.organisationId, t.startDate),
    uniqueIndex('fairs_walk_in_token_uq').on(t.walkInToken),
  ],
);

export const fairEmployers = pgTable(
  'fair_employers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    fairId: uuid('fair_id')
      .notNull()
      .references(() => fairs.id, { onDelete: 'cascade' }),
    employerId: uuid('employer_id')
      .notNull()
      .references(() => employers.id),
    stand: text('stand'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('fair_employers_uq').on(t.fairId, t.employerId)],
);

/**
 * A position offered at the fair: a published vacancy of the employer, or a fair-only position with its
 * own terms (checked by the decent-work rules like a vacancy).
 */
export const fairPositions = pgTable(
  'fair_positions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    fairId: uuid('fair_id')
      .notNull()
      .references(() => fairs.id, { onDelete: 'cascade' }),
    fairEmployerId: uuid('fair_employer_id')
      .notNull()
      .references(() => fairEmployers.id, { onDelete: 'cascade' }),
    vacancyId: uuid('vacancy_id').references(() => vacancies.id),
    title: text('title').notNull(),
    openings: integer('openings').notNull().default(1),
    startDate: date('start_date', { mode: 'string' }),
    contractType: text('contract_type', { enum: CONTRACT_TYPES }),
    wageMin: numeric('wage_min', { precision: 12, scale: 2 }),
    wageBasis: text('wage_basis', { enum: WAGE_BASES }),
    hoursPerWeek: numeric('hours_per_week', { precision: 5, scale: 2 }),
    hoursPerDay: numeric('hours_per_day', { precision: 4, scale: 2 }),
    shifts: text('shifts', { enum: SHIFTS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    hazardClass: text('hazard_class', { enum: HAZARD_CLASSES }),
    minimumAge: integer('minimum_age'),
    /** The employer declares the hire to SGK (registered employment): a fair-only position must. */
    registered: boolean('registered').notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index('fair_positions_fair_idx').on(t.fairId),
    uniqueIndex('fair_positions_vacancy_uq')
      .on(t.fairId, t.vacancyId)
      .where(sql`${t.vacancyId} IS NOT NULL`),
  ],
);

/**
 * A visitor: a registered person (pre-registered by staff, or a walk-in linked to their record), or a
 * walk-in who is not registered with the minimal data of the public page and their acceptance of the
 * KVKK notice. Linking a walk-in to a person clears the walk-in's own name and phone.
 */
export const fairVisitors = pgTable(
  'fair_visitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    fairId: uuid('fair_id')
      .notNull()
      .references(() => fairs.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => persons.id),
    channel: text('channel', { enum: VISITOR_CHANNELS }).notNull(),
    givenName: text('given_name'),
    familyName: text('family_name'),
    phone: text('phone'),
    sex: text('sex', { enum: VISITOR_SEXES }).notNull().default('unstated'),
    /** The walk-in's own wish to be called about jobs (else the phone is for the fair's day only). */
    contactAllowed: boolean('contact_allowed').notNull().default(false),
    noticeAcceptedAt: timestamp('notice_accepted_at', { withTimezone: true }),
    locale: text('locale'),
    registeredBy: uuid('registered_by').references(() => users.id),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('fair_visitors_fair_idx').on(t.fairId),
    index('fair_visitors_person_idx').on(t.personId),
    uniqueIndex('fair_visitors_person_uq')
      .on(t.fairId, t.personId)
      .where(sql`${t.personId} IS NOT NULL`),
  ],
);

/**
 * An application made at the fair by a registered visitor: to a published vacancy (then `referralId`
 * names the referral the referrals module made, and follows) or to a fair-only position (followed here;
 * a hire makes a `job-fair` placement, `placementId`).
 */
export const fairApplications = pgTable(
  'fair_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    fairId: uuid('fair_id')
      .notNull()
      .references(() => fairs.id, { onDelete: 'cascade' }),
    positionId: uuid('position_id')
      .notNull()
      .references(() => fairPositions.id),
    visitorId: uuid('visitor_id')
      .notNull()
      .references(() => fairVisitors.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    referralId: uuid('referral_id').references(() => referrals.id),
    status: text('status', { enum: FAIR_APPLICATION_STATUSES }).notNull().default('applied'),
    placementId: uuid('placement_id').references(() => placements.id),
    appliedBy: uuid('applied_by').references(() => users.id),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('fair_applications_uq').on(t.positionId, t.personId),
    index('fair_applications_person_idx').on(t.personId),
    index('fair_applications_fair_idx').on(t.fairId),
  ],
);
