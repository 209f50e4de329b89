/**
 * The courses module's API (docs/COURSES.md): the catalogue of vocational courses with sessions,
 * trainers, eligibility and certificates; applications, selection by a visible priority rule and the
 * waiting list; attendance, dropouts and the completion rule; certificates and their public check.
 */
import { Type, type Static } from 'typebox';
import { TARGET_GROUPS } from '../enums.ts';
import {
  APPLICATION_CHANNELS,
  APPLICATION_STATUSES,
  CERTIFICATE_STATES,
  CERTIFICATE_TYPES,
  COURSE_STATUSES,
  DROPOUT_REASONS,
} from '../courses.ts';
import { defineOp } from './op.ts';
import { Binary, IdParams, IsoDate, Known, Literals, Nullable, Page, Uuid } from './schema.ts';

const tags = ['courses'] as const;
/** Who may see a course's applicants: its trainers and programme staff (courses:read, then the course's scope). */
const readers = 'courses:read' as const;
const managers = 'courses:manage' as const;
const trainers = ['courses:write', 'courses:manage'] as const;
const appliers = ['courses:apply', 'courses:manage'] as const;

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
const Title = Type.String({ minLength: 3, maxLength: 200 });

export const SessionInput = Type.Object(
  {
    /** An existing session's id keeps it (and its attendance); a session without one is new. */
    id: Type.Optional(Uuid),
    date: IsoDate,
    startTime: Time,
    endTime: Time,
    place: Type.String({ minLength: 2, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type SessionInput = Static<typeof SessionInput>;

const CompletionRuleSchema = Type.Object(
  {
    minAttendancePercent: Type.Integer({ minimum: 0, maximum: 100 }),
    assessmentRequired: Type.Boolean(),
  },
  { additionalProperties: false },
);

const EmploymentInput = Type.Object(
  {
    employerId: Uuid,
    /** The share of graduates the employer commits to hire, in per cent. */
    hireCommitmentPercent: Type.Integer({ minimum: 1, maximum: 100 }),
  },
  { additionalProperties: false },
);

const fields = {
  titleTr: Title,
  titleEn: Type.Optional(Nullable(Title)),
  titleAr: Type.Optional(Nullable(Title)),
  /** ISCO-08 unit group (4 digits) from the taxonomy (GET /taxonomy/occupations). */
  iscoCode: Type.String({ pattern: '^[0-9]{4}$' }),
  hours: Type.Integer({ minimum: 1, maximum: 2000 }),
  startDate: IsoDate,
  endDate: IsoDate,
  capacity: Type.Integer({ minimum: 1, maximum: 1000 }),
  trainerIds: Type.Array(Uuid, { uniqueItems: true, maxItems: 10 }),
  minAge: Type.Optional(Nullable(Type.Integer({ minimum: 15, maximum: 99 }))),
  maxAge: Type.Optional(Nullable(Type.Integer({ minimum: 15, maximum: 99 }))),
  targetGroups: Type.Array(Literals(TARGET_GROUPS), { uniqueItems: true }),
  /** Whether a person must belong to one of the target groups (otherwise the groups give priority only). */
  targetGroupsRequired: Type.Boolean(),
  certificateType: Literals(CERTIFICATE_TYPES),
  completionRule: CompletionRuleSchema,
  /** A training-supported employment course: the employer and its hiring commitment. */
  employment: Type.Optional(Nullable(EmploymentInput)),
  /** The project the course belongs to (projects are another module's). */
  projectId: Type.Optional(Nullable(Uuid)),
  sessions: Type.Array(SessionInput, { maxItems: 300 }),
};

export const CourseCreate = Type.Object(fields, { additionalProperties: false });
export type CourseCreate = Static<typeof CourseCreate>;
export const CoursePatch = Type.Partial(Type.Object({ ...fields, status: Literals(COURSE_STATUSES) }), {
  additionalProperties: false,
  minProperties: 1,
});
export type CoursePatch = Static<typeof CoursePatch>;

export const CourseSession = Type.Object({
  id: Type.String(),
  date: Type.String(),
  startTime: Type.String(),
  endTime: Type.String(),
  place: Type.String(),
  /** Whether attendance has been taken for it. */
  attendanceTaken: Type.Boolean(),
});
export type CourseSession = Static<typeof CourseSession>;

const LocalisedTitle = Type.Object({ tr: Type.String(), en: Nullable(Type.String()), ar: Nullable(Type.String()) });

export const Course = Type.Object({
  id: Type.String(),
  title: LocalisedTitle,
  iscoCode: Type.String(),
  occupation: LocalisedTitle,
  hours: Type.Integer(),
  startDate: Type.String(),
  endDate: Type.String(),
  capacity: Type.Integer(),
  enrolled: Type.Integer(),
  waiting: Type.Integer(),
  applicants: Type.Integer(),
  completed: Type.Integer(),
  trainers: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  minAge: Nullable(Type.Integer()),
  maxAge: Nullable(Type.Integer()),
  targetGroups: Type.Array(Known(TARGET_GROUPS)),
  targetGroupsRequired: Type.Boolean(),
  certificateType: Known(CERTIFICATE_TYPES),
  completionRule: Type.Object({ minAttendancePercent: Type.Integer(), assessmentRequired: Type.Boolean() }),
  employment: Nullable(
    Type.Object({
      employerId: Type.String(),
      employerName: Type.String(),
      hireCommitmentPercent: Type.Integer(),
      /** Graduates the employer committed to hire: the share of those who completed, rounded up. */
      committedHires: Type.Integer(),
      /** Completers the employer hired within 6 months of completing (from placements; see GET /courses/:id/employment). */
      hires: Nullable(Type.Integer()),
    }),
  ),
  projectId: Nullable(Type.String()),
  status: Known(COURSE_STATUSES),
  completionAppliedAt: Nullable(Type.String()),
  sessions: Type.Array(CourseSession),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Course = Static<typeof Course>;

export const CourseListItem = Type.Object({
  id: Type.String(),
  title: LocalisedTitle,
  iscoCode: Type.String(),
  occupation: LocalisedTitle,
  hours: Type.Integer(),
  startDate: Type.String(),
  endDate: Type.String(),
  capacity: Type.Integer(),
  enrolled: Type.Integer(),
  waiting: Type.Integer(),
  certificateType: Known(CERTIFICATE_TYPES),
  status: Known(COURSE_STATUSES),
});
export type CourseListItem = Static<typeof CourseListItem>;

export const COURSE_SORTS = ['startDate', 'title', 'capacity', 'enrolled'] as const;

export const Certificate = Type.Object({
  id: Type.String(),
  type: Known(CERTIFICATE_TYPES),
  code: Type.String(),
  externalNumber: Nullable(Type.String()),
  issuedAt: Type.String(),
  revokedAt: Nullable(Type.String()),
  revokedReason: Nullable(Type.String()),
});
export type Certificate = Static<typeof Certificate>;

export const Application = Type.Object({
  id: Type.String(),
  person: Type.Object({ id: Type.String(), name: Type.String() }),
  status: Known(APPLICATION_STATUSES),
  channel: Known(APPLICATION_CHANNELS),
  appliedAt: Type.String(),
  /** The course's target groups the person belongs to that lift priority (special ones only with special-category:read). */
  priorityGroups: Type.Array(Known(TARGET_GROUPS)),
  priority: Type.Integer(),
  /** Place in the priority order among those still in line (applied or waiting), from 1; null otherwise. */
  rank: Nullable(Type.Integer()),
  /** Place on the waiting list, from 1; null when not waiting. */
  waitingPosition: Nullable(Type.Integer()),
  attended: Type.Integer(),
  attendancePercent: Type.Integer(),
  assessmentPassed: Nullable(Type.Boolean()),
  dropoutReason: Nullable(Known(DROPOUT_REASONS)),
  dropoutNote: Nullable(Type.String()),
  certificate: Nullable(Certificate),
});
export type Application = Static<typeof Application>;

export const ApplicationList = Type.Object({
  /** The rule the order follows, stated for the screen. */
  rule: Type.Object({
    targetGroups: Type.Array(Known(TARGET_GROUPS)),
    excludedGroups: Type.Array(Known(TARGET_GROUPS)),
  }),
  capacity: Type.Integer(),
  sessions: Type.Integer(),
  /**
   * A course of a project restricted to a special group (Roma, disability, refugee) read without
   * `special-category:read`: `items` is empty and only `counts` is given (docs/COURSES.md).
   */
  restricted: Type.Boolean(),
  /** How many applications are in each status. */
  counts: Type.Record(Type.String(), Type.Integer()),
  items: Type.Array(Application),
});
export type ApplicationList = Static<typeof ApplicationList>;

export const AttendanceSheet = Type.Object({
  course: Type.Object({ id: Type.String(), title: LocalisedTitle }),
  session: CourseSession,
  items: Type.Array(
    Type.Object({
      applicationId: Type.String(),
      name: Type.String(),
      /** null: not yet taken. */
      present: Nullable(Type.Boolean()),
    }),
  ),
});
export type AttendanceSheet = Static<typeof AttendanceSheet>;

export const PersonCourse = Type.Object({
  applicationId: Type.String(),
  course: Type.Object({
    id: Type.String(),
    title: LocalisedTitle,
    startDate: Type.String(),
    endDate: Type.String(),
  }),
  status: Known(APPLICATION_STATUSES),
  attendancePercent: Type.Integer(),
  certificate: Nullable(Certificate),
});
export type PersonCourse = Static<typeof PersonCourse>;

export const Verification = Type.Object({
  status: Known(CERTIFICATE_STATES),
  initials: Nullable(Type.String()),
  course: Nullable(LocalisedTitle),
  type: Nullable(Known(CERTIFICATE_TYPES)),
  externalNumber: Nullable(Type.String()),
  issuedOn: Nullable(Type.String()),
  revokedOn: Nullable(Type.String()),
  organisation: Nullable(Type.String()),
});
export type Verification = Static<typeof Verification>;

const ApplicationParams = Type.Object({ id: Uuid, applicationId: Uuid });
const SessionParams = Type.Object({ id: Uuid, sessionId: Uuid });

// ---- operations ------------------------------------------------------------------------------------

export const listCourses = defineOp({
  method: 'GET',
  path: '/courses',
  tags,
  summary: "The organisation's courses (a trainer: the courses they train)",
  access: readers,
  query: Type.Object({
    q: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(Literals(COURSE_STATUSES)),
    sort: Type.Optional(Literals(COURSE_SORTS)),
    order: Type.Optional(Literals(['asc', 'desc'] as const)),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
  }),
  response: Page(CourseListItem),
});

export const createCourse = defineOp({
  method: 'POST',
  path: '/courses',
  tags,
  summary: 'Add a course to the catalogue (sessions within its dates, eligibility, certificate, completion rule)',
  access: managers,
  body: CourseCreate,
  response: Course,
  status: 201,
});

export const getCourse = defineOp({
  method: 'GET',
  path: '/courses/:id',
  tags,
  summary: 'A course with its sessions, trainers and counts',
  access: readers,
  params: IdParams,
  response: Course,
});

export const updateCourse = defineOp({
  method: 'PATCH',
  path: '/courses/:id',
  tags,
  summary: 'Change a course (capacity not below its enrolments; sessions with attendance are kept)',
  access: managers,
  params: IdParams,
  body: CoursePatch,
  response: Course,
});

export const listApplications = defineOp({
  method: 'GET',
  path: '/courses/:id/applications',
  tags,
  summary: 'Applicants in priority order, with the waiting list, attendance and certificates',
  access: readers,
  params: IdParams,
  response: ApplicationList,
});

export const applyToCourse = defineOp({
  method: 'POST',
  path: '/courses/:id/applications',
  tags,
  summary: 'Apply a registered person to a course (eligibility checked)',
  access: appliers,
  params: IdParams,
  body: Type.Object({ personId: Uuid }, { additionalProperties: false }),
  response: Application,
  status: 201,
});

export const runSelection = defineOp({
  method: 'POST',
  path: '/courses/:id/selection',
  tags,
  summary: 'Fill the free places in priority order; the rest go to the waiting list (each person told)',
  access: managers,
  params: IdParams,
  response: ApplicationList,
});

export const enrolApplicant = defineOp({
  method: 'POST',
  path: '/courses/:id/applications/:applicationId/enrol',
  tags,
  summary: 'Enrol one applicant in a free place (told through the outbox)',
  access: managers,
  params: ApplicationParams,
  response: ApplicationList,
});

export const withdrawApplication = defineOp({
  method: 'POST',
  path: '/courses/:id/applications/:applicationId/withdraw',
  tags,
  summary: 'Withdraw an application or an enrolment; a freed place goes to the next on the waiting list',
  access: appliers,
  params: ApplicationParams,
  response: ApplicationList,
});

export const recordDropout = defineOp({
  method: 'POST',
  path: '/courses/:id/applications/:applicationId/dropout',
  tags,
  summary: 'Record that an enrolled participant dropped out, with the reason',
  access: trainers,
  params: ApplicationParams,
  body: Type.Object(
    {
      reason: Literals(DROPOUT_REASONS),
      note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    },
    { additionalProperties: false },
  ),
  response: ApplicationList,
});

export const recordAssessment = defineOp({
  method: 'PUT',
  path: '/courses/:id/applications/:applicationId/assessment',
  tags,
  summary: "Record a participant's assessment result (null: not assessed)",
  access: trainers,
  params: ApplicationParams,
  body: Type.Object({ passed: Nullable(Type.Boolean()) }, { additionalProperties: false }),
  response: ApplicationList,
});

export const getAttendance = defineOp({
  method: 'GET',
  path: '/courses/:id/sessions/:sessionId/attendance',
  tags,
  summary: "A session's attendance sheet: the enrolled participants and who was there",
  access: readers,
  params: SessionParams,
  response: AttendanceSheet,
});

export const recordAttendance = defineOp({
  method: 'PUT',
  path: '/courses/:id/sessions/:sessionId/attendance',
  tags,
  summary: 'Record attendance for one session (one entry per tap, or the whole sheet)',
  access: trainers,
  params: SessionParams,
  body: Type.Object(
    {
      entries: Type.Array(
        Type.Object({ applicationId: Uuid, present: Type.Boolean() }, { additionalProperties: false }),
        { minItems: 1, maxItems: 1000 },
      ),
    },
    { additionalProperties: false },
  ),
  response: AttendanceSheet,
});

export const applyCompletion = defineOp({
  method: 'POST',
  path: '/courses/:id/completion',
  tags,
  summary: "Apply the course's completion rule to every participant and issue the certificates",
  access: trainers,
  params: IdParams,
  response: ApplicationList,
});

export const updateCertificate = defineOp({
  method: 'PATCH',
  path: '/certificates/:id',
  tags,
  summary: "Record the external certificate number (e-Yaygın or MYK's)",
  access: managers,
  params: IdParams,
  body: Type.Object(
    { externalNumber: Nullable(Type.String({ minLength: 1, maxLength: 60 })) },
    { additionalProperties: false },
  ),
  response: Certificate,
});

export const revokeCertificate = defineOp({
  method: 'POST',
  path: '/certificates/:id/revoke',
  tags,
  summary: 'Revoke a certificate (its verification then answers "revoked")',
  access: managers,
  params: IdParams,
  body: Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false }),
  response: Certificate,
});

export const certificatePdf = defineOp({
  method: 'GET',
  path: '/certificates/:id/pdf',
  tags,
  summary:
    "The course's own participation certificate as a PDF: Turkish text (authoritative) and the person's " +
    'language beside it, with the verification code and a QR code of the public check',
  access: 'courses:read',
  params: IdParams,
  response: Binary,
});

export const verifyCertificate = defineOp({
  method: 'GET',
  path: '/public/certificates/:code',
  tags,
  summary: 'Check a certificate by its verification code: valid, revoked or unknown (initials and course only)',
  access: 'public',
  params: Type.Object({ code: Type.String({ minLength: 1, maxLength: 40 }) }),
  response: Verification,
});

export const personCourses = defineOp({
  method: 'GET',
  path: '/persons/:id/courses',
  tags,
  summary: "A person's course applications and certificates",
  access: 'courses:read',
  params: IdParams,
  response: Type.Object({ items: Type.Array(PersonCourse) }),
});

export const OwnCourse = Type.Object({
  id: Type.String(),
  title: LocalisedTitle,
  occupation: LocalisedTitle,
  hours: Type.Integer(),
  startDate: Type.String(),
  endDate: Type.String(),
  certificateType: Known(CERTIFICATE_TYPES),
  /** The seeker's own application, if they applied. */
  myStatus: Nullable(Known(APPLICATION_STATUSES)),
});
export type OwnCourse = Static<typeof OwnCourse>;

export const listOwnCourses = defineOp({
  method: 'GET',
  path: '/self/courses',
  tags,
  summary: 'Courses a job seeker may apply to (open, not started), with their own application status',
  access: 'seeker-self',
  response: Type.Object({ items: Type.Array(OwnCourse) }),
});

export const applyOwn = defineOp({
  method: 'POST',
  path: '/self/courses/:id/apply',
  tags,
  summary: 'A job seeker applies to a course themselves (eligibility checked)',
  access: 'seeker-self',
  params: IdParams,
  response: Type.Object({ status: Known(APPLICATION_STATUSES) }),
  status: 201,
});

export const CourseEmployment = Type.Object({
  /** Those who completed the course. */
  completers: Type.Integer(),
  /** Completers whose job (a placement) started within 3 and within 6 months of completing. */
  placedWithin3Months: Type.Integer(),
  placedWithin6Months: Type.Integer(),
  /** Of those placed within 6 months, how many are verified as registered work. */
  verifiedWithin6Months: Type.Integer(),
  /** A training-supported employment course: the employer's commitment against its hires of completers. */
  commitment: Nullable(
    Type.Object({
      employerId: Type.String(),
      hireCommitmentPercent: Type.Integer(),
      committedHires: Type.Integer(),
      /** Completers this employer hired within 6 months of completing. */
      hires: Type.Integer(),
    }),
  ),
});
export type CourseEmployment = Static<typeof CourseEmployment>;

export const getCourseEmployment = defineOp({
  method: 'GET',
  path: '/courses/:id/employment',
  tags,
  summary: 'Employment after the course: completers placed within 3 and 6 months, and hires against a commitment',
  access: readers,
  params: IdParams,
  response: CourseEmployment,
});
