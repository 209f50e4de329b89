import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import {
  RESPONSE_CHANNELS,
  SURVEY_STATUSES,
  VERSION_STATUSES,
  type Answers,
  type SurveyQuestion,
  type Texts,
} from '../../../common/surveys.ts';
import { organisations, users } from './identity.ts';
import { persons } from './people.ts';

/**
 * Surveys (issue 17, docs/SURVEYS.md): forms with frozen published versions, anonymous public links and
 * responses (from registered persons with survey consent, the public link, or a staff interviewer).
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: jsonb('title').$type<Texts>().notNull(),
    description: jsonb('description').$type<Texts>(),
    status: text('status', { enum: SURVEY_STATUSES }).notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('surveys_org_idx').on(t.organisationId, t.createdAt)],
);

/** A form's versions: a published version is frozen; editing makes a new draft; responses keep their version. */
export const surveyVersions = pgTable(
  'survey_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    status: text('status', { enum: VERSION_STATUSES }).notNull().default('draft'),
    questions: jsonb('questions').$type<SurveyQuestion[]>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedBy: uuid('published_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('survey_versions_number_uq').on(t.surveyId, t.number),
    // One draft at a time per survey.
    uniqueIndex('survey_versions_draft_uq')
      .on(t.surveyId)
      .where(sql`${t.status} = 'draft'`),
  ],
);

/** Anonymous public links: an unguessable token (not personal data), a response limit and an open period. */
export const surveyLinks = pgTable(
  'survey_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    label: text('label'),
    maxResponses: integer('max_responses'),
    opensAt: timestamp('opens_at', { withTimezone: true }),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('survey_links_token_uq').on(t.token), index('survey_links_survey_idx').on(t.surveyId)],
);

/**
 * Responses. Ordinary answers in `answers`; special-category answers encrypted together in `special_enc`
 * (AES-256-GCM, the data key) with the time of the respondent's explicit consent. A registered person's
 * response carries the person and a snapshot of the breakdowns (sex, age band, district) that the results
 * use, kept when the person is anonymised.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id, { onDelete: 'cascade' }),
    versionId: uuid('version_id')
      .notNull()
      .references(() => surveyVersions.id),
    channel: text('channel', { enum: RESPONSE_CHANNELS }).notNull(),
    linkId: uuid('link_id').references(() => surveyLinks.id),
    personId: uuid('person_id').references(() => persons.id),
    enteredBy: uuid('entered_by').references(() => users.id),
    respondentSex: text('respondent_sex'),
    respondentAgeBand: text('respondent_age_band'),
    respondentDistrict: text('respondent_district'),
    answers: jsonb('answers').$type<Answers>().notNull(),
    specialEnc: text('special_enc'),
    specialConsentAt: timestamp('special_consent_at', { withTimezone: true }),
    locale: text('locale', { enum: ['tr', 'en', 'ar'] }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
  },
  (t) => [
    index('survey_responses_survey_idx').on(t.organisationId, t.surveyId),
    index('survey_responses_person_idx').on(t.personId),
    index('survey_responses_link_idx').on(t.linkId),
  ],
);
