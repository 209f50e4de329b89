import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CARE_END_REASONS, CARE_PRIORITIES, CARE_STATUSES, PROVIDER_KINDS } from '../../../common/childcare.ts';
import { offices, organisations, users } from './identity.ts';
import { householdMembers, persons } from './people.ts';

/**
 * Early-childhood care places (issue 11, docs/CHILDCARE.md): the organisation's care providers
 * (municipal nurseries and partners) and the places and waiting lists of mothers' children.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const childcareProviders = pgTable(
  'childcare_providers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    name: text('name').notNull(),
    /** Turkish lower-case, ASCII-folded name: the search key and the per-organisation uniqueness. */
    nameKey: text('name_key').notNull(),
    kind: text('kind', { enum: PROVIDER_KINDS }).notNull(),
    /** Places in all; allocated places never exceed it (checked under a lock of this row). */
    capacity: integer('capacity').notNull(),
    minAgeMonths: integer('min_age_months').notNull(),
    maxAgeMonths: integer('max_age_months').notNull(),
    province: text('province').notNull(),
    district: text('district').notNull(),
    address: text('address'),
    phone: text('phone'),
    /** Opening hours on working days, 'HH:MM'. */
    opensAt: text('opens_at').notNull(),
    closesAt: text('closes_at').notNull(),
    saturdays: boolean('saturdays').notNull().default(false),
    active: boolean('active').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('childcare_providers_name_uq').on(t.organisationId, t.nameKey),
    index('childcare_providers_org_district_idx').on(t.organisationId, t.district),
  ],
);

/**
 * A child's place at a provider, or its position in the provider's line. The child is a member of the
 * mother's household (people module); only what the lists need is kept here: initials and birth date.
 */
export const childcarePlaces = pgTable(
  'childcare_places',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    /** The mother's office at the time of application: the office that sees the entry. */
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => childcareProviders.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id),
    childMemberId: uuid('child_member_id').references(() => householdMembers.id, { onDelete: 'set null' }),
    childInitials: text('child_initials').notNull(),
    childBirthDate: date('child_birth_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: CARE_STATUSES }).notNull(),
    /** The priority at application, then the one the place was allocated by (the line recomputes it daily). */
    priority: text('priority', { enum: CARE_PRIORITIES }).notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
    appliedBy: uuid('applied_by').references(() => users.id),
    /** The first day the mother needs the place. */
    requestedStart: date('requested_start', { mode: 'string' }).notNull(),
    startDate: date('start_date', { mode: 'string' }),
    allocatedAt: timestamp('allocated_at', { withTimezone: true }),
    endDate: date('end_date', { mode: 'string' }),
    endReason: text('end_reason', { enum: CARE_END_REASONS }),
    endNote: text('end_note'),
    endedBy: uuid('ended_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('childcare_places_provider_idx').on(t.organisationId, t.providerId, t.status),
    index('childcare_places_person_idx').on(t.organisationId, t.personId),
    // One open entry (a place or a position in line) per child.
    uniqueIndex('childcare_places_child_open_uq')
      .on(t.childMemberId)
      .where(sql`${t.status} IN ('waiting', 'allocated') AND ${t.childMemberId} IS NOT NULL`),
  ],
);
