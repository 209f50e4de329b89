import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { TARGET_GROUPS } from '../../../common/enums.ts';
import {
  APPLICATION_CHANNELS,
  APPLICATION_STATUSES,
  CERTIFICATE_TYPES,
  COURSE_STATUSES,
  DROPOUT_REASONS,
} from '../../../common/courses.ts';
import { organisations, users } from './identity.ts';
import { persons } from './people.ts';
import { employers } from './employers.ts';
import { iscoGroups } from './taxonomy.ts';
import { projects } from './programmes.ts';

/**
 * Vocational courses (issue 13, docs/COURSES.md): the catalogue, applications and selection,
 * attendance, completion and certificates. Case tables: every one carries organisation_id.
 */

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id),
    titleTr: text('title_tr').notNull(),
    titleEn: text('title_en'),
    titleAr: text('title_ar'),
    /** Folded search key of the titles (src/common/text.ts). */
    titleKey: text('title_key').notNull(),
    iscoCode: text('isco_code')
      .notNull()
      .references(() => iscoGroups.code),
    hours: integer('hours').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    capacity: integer('capacity').notNull(),
    minAge: integer('min_age'),
    maxAge: integer('max_age'),
    targetGroups: text('target_groups', { enum: TARGET_GROUPS })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    targetGroupsRequired: boolean('target_groups_required').notNull().default(false),
    certificateType: text('certificate_type', { enum: CERTIFICATE_TYPES }).notNull(),
    minAttendancePercent: integer('min_attendance_percent').notNull().default(80),
    assessmentRequired: boolean('assessment_required').notNull().default(false),
    /** Training-supported employment: the employer that commits to hire a share of the graduates. */
    employerId: uuid('employer_id').references(() => employers.id),
    hireCommitmentPercent: integer('hire_commitment_percent'),
    /** The project the course belongs to (the programmes module's, same organisation). */
    projectId: uuid('project_id').references(() => projects.id),
    status: text('status', { enum: COURSE_STATUSES }).notNull().default('open'),
    completionAppliedAt: timestamp('completion_applied_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('courses_org_start_idx').on(t.organisationId, t.startDate),
    index('courses_project_idx')
      .on(t.projectId)
      .where(sql`${t.projectId} IS NOT NULL`),
  ],
);

export const courseTrainers = pgTable(
  'course_trainers',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    organisationId: uuid('organisation_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.userId] }), index('course_trainers_user_idx').on(t.userId)],
);

export const courseSessions = pgTable(
  'course_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    /** Türkiye local times, HH:MM. */
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    place: text('place').notNull(),
  },
  (t) => [index('course_sessions_course_idx').on(t.courseId, t.date)],
);

export const courseApplications = pgTable(
  'course_applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => persons.id, { onDelete: 'cascade' }),
    status: text('status', { enum: APPLICATION_STATUSES }).notNull().default('applied'),
    channel: text('channel', { enum: APPLICATION_CHANNELS }).notNull(),
    appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
    appliedBy: uuid('applied_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    assessmentPassed: boolean('assessment_passed'),
    dropoutReason: text('dropout_reason', { enum: DROPOUT_REASONS }),
    dropoutNote: text('dropout_note'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('course_applications_person_uq').on(t.courseId, t.personId),
    index('course_applications_person_idx').on(t.personId),
  ],
);

export const courseAttendance = pgTable(
  'course_attendance',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseSessions.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => courseApplications.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id').notNull(),
    present: boolean('present').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.applicationId] }),
    index('course_attendance_application_idx').on(t.applicationId),
  ],
);

export const courseCertificates = pgTable(
  'course_certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => courseApplications.id, { onDelete: 'cascade' }),
    type: text('type', { enum: CERTIFICATE_TYPES }).notNull(),
    /** The public verification code, XXXX-XXXX-XXXX (src/common/courses.ts). */
    code: text('code').notNull(),
    /** The e-Yaygın or MYK certificate number, where there is one. */
    externalNumber: text('external_number'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    issuedBy: uuid('issued_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedReason: text('revoked_reason'),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('course_certificates_code_uq').on(t.code),
    uniqueIndex('course_certificates_application_uq').on(t.applicationId),
  ],
);
