import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ACTION_STATUSES,
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  DATE_PRECISIONS,
  EVENT_KINDS,
  MEMBERSHIP_ROLES,
  PUBLICATION_KINDS,
} from '../../../common/international.ts';
import { organisations, users } from './identity.ts';
import { partners } from './programmes.ts';
import { bytea } from './people.ts';

/**
 * International cooperation (issue 17, docs/INTERNATIONAL.md). Networks, member organisations, parties
 * and hosts are the programmes module's partners (referenced by id; looked up through its index.ts).
 * Case tables of an organisation: every one carries organisation_id. The only person references are
 * staff users (action owners, event participants from the institution), at work.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** An organisation's membership of a network, in a role, over a period (an open end: still running). */
export const intlMemberships = pgTable(
  'intl_memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => partners.id),
    networkId: uuid('network_id')
      .notNull()
      .references(() => partners.id),
    role: text('role', { enum: MEMBERSHIP_ROLES }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    precision: text('precision', { enum: DATE_PRECISIONS }).notNull().default('day'),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('intl_memberships_member_idx').on(t.organisationId, t.memberId),
    index('intl_memberships_network_idx').on(t.organisationId, t.networkId),
    check('intl_memberships_dates_ck', sql`${t.endDate} IS NULL OR ${t.endDate} >= ${t.startDate}`),
  ],
);

/** An agreement or protocol between partners. */
export const intlAgreements = pgTable(
  'intl_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: AGREEMENT_KINDS }).notNull(),
    title: text('title').notNull(),
    titleKey: text('title_key').notNull(),
    signedOn: date('signed_on', { mode: 'string' }),
    validUntil: date('valid_until', { mode: 'string' }),
    scope: text('scope'),
    status: text('status', { enum: AGREEMENT_STATUSES }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('intl_agreements_org_idx').on(t.organisationId, t.signedOn)],
);

/** A party of an agreement, with the name it bore at signing when that differs from today's. */
export const intlAgreementParties = pgTable(
  'intl_agreement_parties',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => intlAgreements.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    nameAtSigning: text('name_at_signing'),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agreementId, t.partnerId] }),
    index('intl_agreement_parties_partner_idx').on(t.organisationId, t.partnerId),
  ],
);

/**
 * A document of an agreement: its title and where the signed copy is kept (registry number, archive,
 * link), and, when it was uploaded, the file itself (a PDF or a scan, checked like a person's documents).
 */
export const intlAgreementDocuments = pgTable('intl_agreement_documents', {
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id),
  agreementId: uuid('agreement_id')
    .notNull()
    .references(() => intlAgreements.id, { onDelete: 'cascade' }),
  title: text('title').notNull(),
  reference: text('reference'),
  position: integer('position').notNull(),
  fileName: text('file_name'),
  mediaType: text('media_type'),
  sizeBytes: integer('size_bytes'),
  content: bytea('content'),
  uploadedBy: uuid('uploaded_by').references(() => users.id),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }),
});

/** A meeting, workshop, conference (or a network's foundation), with its dates and participants. */
export const intlEvents = pgTable(
  'intl_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    title: text('title').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    precision: text('precision', { enum: DATE_PRECISIONS }).notNull().default('day'),
    hostId: uuid('host_id').references(() => partners.id),
    place: text('place'),
    /** Partner participants (ids of partners; checked through the programmes module). */
    partnerIds: uuid('partner_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Staff of the organisation who took part. */
    staffIds: uuid('staff_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    topics: text('topics'),
    outcomes: text('outcomes'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('intl_events_org_date_idx').on(t.organisationId, t.startDate),
    check('intl_events_dates_ck', sql`${t.endDate} >= ${t.startDate}`),
  ],
);

/** A follow-up action of an agreement or an event: an owner (staff), a deadline, a status and its reminders. */
export const intlFollowUps = pgTable(
  'intl_follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    agreementId: uuid('agreement_id').references(() => intlAgreements.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').references(() => intlEvents.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    status: text('status', { enum: ACTION_STATUSES }).notNull().default('open'),
    /** When the before-deadline and overdue reminders were queued (each once). */
    remindedBeforeAt: timestamp('reminded_before_at', { withTimezone: true }),
    remindedOverdueAt: timestamp('reminded_overdue_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('intl_follow_ups_due_idx').on(t.status, t.deadline),
    index('intl_follow_ups_agreement_idx').on(t.agreementId),
    index('intl_follow_ups_event_idx').on(t.eventId),
    check('intl_follow_ups_parent_ck', sql`(${t.agreementId} IS NULL) <> (${t.eventId} IS NULL)`),
  ],
);

/** A publication (an issue of an institutional magazine, a report…) with its themes, in tr/en/ar. */
export const intlPublications = pgTable(
  'intl_publications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: PUBLICATION_KINDS }).notNull(),
    series: text('series'),
    year: integer('year').notNull(),
    issue: text('issue'),
    titleTr: text('title_tr').notNull(),
    titleEn: text('title_en'),
    titleAr: text('title_ar'),
    publisherId: uuid('publisher_id').references(() => partners.id),
    themes: text('themes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    link: text('link'),
    searchKey: text('search_key').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('intl_publications_org_idx').on(t.organisationId, t.year)],
);

/** A good practice in the library, in tr/en/ar, searchable with Turkish-aware folding. */
export const intlPractices = pgTable(
  'intl_practices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    titleTr: text('title_tr').notNull(),
    titleEn: text('title_en'),
    titleAr: text('title_ar'),
    summaryTr: text('summary_tr').notNull(),
    summaryEn: text('summary_en'),
    summaryAr: text('summary_ar'),
    /** ISO 3166-1 alpha-2. */
    country: text('country'),
    partnerId: uuid('partner_id').references(() => partners.id),
    themes: text('themes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** Folded text of every title and summary (src/common/text.ts searchKey). */
    searchKey: text('search_key').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('intl_practices_org_title_uq').on(t.organisationId, t.titleTr)],
);
