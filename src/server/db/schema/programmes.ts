import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { TARGET_GROUPS } from '../../../common/enums.ts';
import {
  ACTIVITY_KINDS,
  CURRENCIES,
  INDICATOR_LEVELS,
  INDICATOR_MEASURES,
  INDICATOR_UNITS,
  PARTNER_ROLES,
  PARTNER_TYPES,
  PROJECT_STATUSES,
  TRANSFER_SAFEGUARDS,
  VALUE_STATUSES,
} from '../../../common/programmes.ts';
import { organisations, users } from './identity.ts';

/**
 * Partners, projects and their results frameworks (issue 13, docs/PROGRAMMES.md). Case tables of an
 * organisation: every one carries organisation_id. No table holds a person reference: actuals are
 * computed from the courses and placements linked to a project, through those modules' index.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const partners = pgTable(
  'partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    /** Folded search key of the name and acronym (src/common/text.ts). */
    nameKey: text('name_key').notNull(),
    acronym: text('acronym'),
    type: text('type', { enum: PARTNER_TYPES }).notNull(),
    /** ISO 3166-1 alpha-2; null for an international organisation without a seat that matters here. */
    country: text('country'),
    website: text('website'),
    /** The partner's contact for this organisation: a work contact, not a data subject of the service. */
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    /** The agreements signed with the partner (protocol, grant agreement…), free text. */
    agreements: text('agreements'),
    /**
     * The safeguard for transfers abroad (KVKK art. 9) to a partner whose country is not Türkiye: the
     * donor's beneficiary list is refused without it (docs/PROGRAMMES.md "Transfers abroad").
     */
    transferSafeguard: text('transfer_safeguard', { enum: TRANSFER_SAFEGUARDS }),
    /** When the decision was published, the contract notified to the Board, the rules or permission approved. */
    transferSafeguardDate: date('transfer_safeguard_date', { mode: 'string' }),
    /** Its reference (the decision's Official Gazette number, the notification's number…). */
    transferSafeguardReference: text('transfer_safeguard_reference'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('partners_org_name_uq').on(t.organisationId, t.nameKey)],
);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    code: text('code'),
    nameTr: text('name_tr').notNull(),
    nameEn: text('name_en'),
    nameAr: text('name_ar'),
    nameKey: text('name_key').notNull(),
    description: text('description'),
    /** The donor (one of the organisation's partners). */
    donorId: uuid('donor_id').references(() => partners.id),
    budgetAmount: numeric('budget_amount', { precision: 14, scale: 2 }),
    currency: text('currency', { enum: CURRENCIES }),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    targetGroups: text('target_groups', { enum: TARGET_GROUPS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    districts: text('districts')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /**
     * Enrolment restricted to this one target group (a Roma youth project): a person outside it cannot apply
     * to the project's courses, and for a special group only holders of `special-category:read` apply anyone.
     */
    restrictedGroup: text('restricted_group', { enum: TARGET_GROUPS }),
    status: text('status', { enum: PROJECT_STATUSES }).notNull().default('planned'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('projects_org_start_idx').on(t.organisationId, t.startDate),
    uniqueIndex('projects_org_code_uq')
      .on(t.organisationId, t.code)
      .where(sql`${t.code} IS NOT NULL`),
  ],
);

export const projectPartners = pgTable(
  'project_partners',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    role: text('role', { enum: PARTNER_ROLES }).notNull(),
    organisationId: uuid('organisation_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.partnerId, t.role] }),
    index('project_partners_partner_idx').on(t.partnerId),
  ],
);

export const projectIndicators = pgTable(
  'project_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The framework's numbering ("1", "1.1"), sorted naturally on the page. */
    code: text('code').notNull(),
    level: text('level', { enum: INDICATOR_LEVELS }).notNull(),
    titleTr: text('title_tr').notNull(),
    titleEn: text('title_en'),
    titleAr: text('title_ar'),
    measure: text('measure', { enum: INDICATOR_MEASURES }).notNull(),
    unit: text('unit', { enum: INDICATOR_UNITS }).notNull(),
    baseline: integer('baseline').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('project_indicators_code_uq').on(t.projectId, t.code)],
);

/** An indicator's target for one period (a year, a phase, the whole project). */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => projectIndicators.id, { onDelete: 'cascade' }),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    target: integer('target').notNull(),
  },
  (t) => [index('indicator_targets_indicator_idx').on(t.indicatorId, t.periodStart)],
);

/** A value entered by hand (where no record can exist), with its evidence; counted once a second person approved it. */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    indicatorId: uuid('indicator_id')
      .notNull()
      .references(() => projectIndicators.id, { onDelete: 'cascade' }),
    /** The day the value is reported for (it falls in a target's period). */
    valueDate: date('value_date', { mode: 'string' }).notNull(),
    value: integer('value').notNull(),
    evidence: text('evidence').notNull(),
    status: text('status', { enum: VALUE_STATUSES }).notNull().default('pending'),
    enteredBy: uuid('entered_by')
      .notNull()
      .references(() => users.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [index('indicator_values_indicator_idx').on(t.indicatorId, t.valueDate)],
);

/** What a project did: trainings, workshops, information sessions, job fairs, employer meetings, campaigns. */
export const projectActivities = pgTable(
  'project_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ACTIVITY_KINDS }).notNull(),
    title: text('title').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    place: text('place').notNull(),
    district: text('district'),
    /** How many people it reached (participants, visitors, an awareness campaign's audience). */
    reach: integer('reach').notNull().default(0),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('project_activities_project_idx').on(t.projectId, t.startDate)],
);
