import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ASSEMBLY_KINDS,
  FOCUS_TAGS,
  ICLS_TYPES,
  LEGAL_TYPES,
  LINK_ROLES,
  REVIEW_STATUSES,
  SUPPORT_KINDS,
  TURNOVER_BANDS,
  WARNING_SIGNS,
} from '../../../common/cooperatives.ts';
import { organisations, users } from './identity.ts';
import { persons } from './people.ts';
import { employers } from './employers.ts';

/**
 * The cooperatives registry (issue 17, docs/COOPERATIVES.md). Case tables of an organisation: every one
 * carries organisation_id. `cooperative_members` refers to persons (membership and work are employment
 * outcomes): exported and anonymised through the module's index, moved by the merge of duplicates.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
const count = (name: string) => integer(name).notNull().default(0);

export const cooperatives = pgTable(
  'cooperatives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    /** Folded search key of the name (src/common/text.ts). */
    nameKey: text('name_key').notNull(),
    iclsType: text('icls_type', { enum: ICLS_TYPES }).notNull(),
    legalType: text('legal_type', { enum: LEGAL_TYPES }).notNull(),
    /** NACE Rev. 2 code of the main activity (section letter or division and below, src/common/nace.ts). */
    naceCode: text('nace_code'),
    focusTags: text('focus_tags', { enum: FOCUS_TAGS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    registrationNumber: text('registration_number'),
    registrationDate: date('registration_date', { mode: 'string' }),
    province: text('province').notNull(),
    district: text('district').notNull(),
    membersWomen: count('members_women'),
    membersMen: count('members_men'),
    membersAge18to29: count('members_age_18_29'),
    membersAge30to44: count('members_age_30_44'),
    membersAge45to64: count('members_age_45_64'),
    membersAge65plus: count('members_age_65_plus'),
    memberWorkersWomen: count('member_workers_women'),
    memberWorkersMen: count('member_workers_men'),
    employeesWomen: count('employees_women'),
    employeesMen: count('employees_men'),
    /** Member-workers found working as dependent employees without social security (an officer's finding). */
    dependentUninsured: count('dependent_uninsured'),
    /** Members from restricted target groups: read and written only with special-category:read. */
    membersRefugees: integer('members_refugees'),
    membersRoma: integer('members_roma'),
    membersDisability: integer('members_disability'),
    activities: text('activities'),
    turnoverBand: text('turnover_band', { enum: TURNOVER_BANDS }),
    /** The officer who follows the cooperative: review tasks are assigned to them. */
    officerId: uuid('officer_id').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('cooperatives_org_registration_uq')
      .on(t.organisationId, t.registrationNumber)
      .where(sql`${t.registrationNumber} IS NOT NULL`),
    index('cooperatives_org_name_idx').on(t.organisationId, t.nameKey),
    check('cooperatives_counts_ck', sql`${t.membersWomen} >= 0 AND ${t.membersMen} >= 0`),
  ],
);

export const cooperativeAssemblies = pgTable(
  'cooperative_assemblies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    cooperativeId: uuid('cooperative_id')
      .notNull()
      .references(() => cooperatives.id, { onDelete: 'cascade' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: ASSEMBLY_KINDS }).notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('cooperative_assemblies_coop_idx').on(t.cooperativeId, t.heldOn)],
);

/** The cooperative's clients and their share of its income in a year (from its accounts). */
export const cooperativeClients = pgTable(
  'cooperative_clients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    cooperativeId: uuid('cooperative_id')
      .notNull()
      .references(() => cooperatives.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    clientName: text('client_name').notNull(),
    sharePercent: integer('share_percent').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('cooperative_clients_coop_idx').on(t.cooperativeId, t.year)],
);

/** A registered person who became a member, member-worker or employee of a cooperative. */
export const cooperativeMembers = pgTable(
  'cooperative_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    cooperativeId: uuid('cooperative_id')
      .notNull()
      .references(() => cooperatives.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    role: text('role', { enum: LINK_ROLES }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    /** Registered with social security (SGK) for this work. */
    socialSecurity: boolean('social_security').notNull().default(false),
    /** Works fixed hours under one client's direction, as an employee would. */
    dependentWork: boolean('dependent_work').notNull().default(false),
    /** The employer whose staff the member came from or for whom they work (the staffing sign). */
    employerId: uuid('employer_id').references(() => employers.id),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('cooperative_members_coop_idx').on(t.cooperativeId, t.startDate),
    index('cooperative_members_org_person_idx').on(t.organisationId, t.personId),
  ],
);

export const cooperativeSupport = pgTable(
  'cooperative_support',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    cooperativeId: uuid('cooperative_id')
      .notNull()
      .references(() => cooperatives.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SUPPORT_KINDS }).notNull(),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    /** A grant's amount in TL. */
    amount: numeric('amount', { precision: 14, scale: 2 }),
    description: text('description').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('cooperative_support_coop_idx').on(t.cooperativeId, t.givenOn)],
);

/** Trade between two cooperatives of the registry: the seller sold to the buyer. */
export const cooperativeTrades = pgTable(
  'cooperative_trades',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    sellerId: uuid('seller_id')
      .notNull()
      .references(() => cooperatives.id, { onDelete: 'cascade' }),
    buyerId: uuid('buyer_id')
      .notNull()
      .references(() => cooperatives.id, { onDelete: 'cascade' }),
    tradedOn: date('traded_on', { mode: 'string' }).notNull(),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    description: text('description').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('cooperative_trades_seller_idx').on(t.sellerId), index('cooperative_trades_buyer_idx').on(t.buyerId)],
);

/** Projects (programmes module) a cooperative takes part in; checked through the programmes index. */
export const cooperativeProjects = pgTable(
  'cooperative_projects',
  {
    organisationId: uuid('organisation_id').notNull(),
    cooperativeId: uuid('cooperative_id')
      .notNull()
      .references(() => cooperatives.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.cooperativeId, t.projectId] })],
);

/** A review task opened by a warning sign: assigned, open until resolved with a note. */
export const cooperativeReviews = pgTable(
  'cooperative_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    cooperativeId: uuid('cooperative_id')
      .notNull()
      .references(() => cooperatives.id, { onDelete: 'cascade' }),
    sign: text('sign', { enum: WARNING_SIGNS }).notNull(),
    /** The facts behind the sign when it was raised (for the explanation). */
    params: jsonb('params').$type<Record<string, string | number>>().notNull(),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('open'),
    assignedTo: uuid('assigned_to').references(() => users.id),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    uniqueIndex('cooperative_reviews_open_uq')
      .on(t.cooperativeId, t.sign)
      .where(sql`${t.status} = 'open'`),
    index('cooperative_reviews_org_status_idx').on(t.organisationId, t.status),
  ],
);
