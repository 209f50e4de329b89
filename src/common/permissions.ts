/**
 * The programme desks — projects, international placements, childcare, surveys, cooperatives, fairs,
 * indicators, the matching policy and its fairness monitor — every permission of which a manager holds.
 */
const PROGRAMME_DESK_PERMISSIONS = [
  'programmes:read',
  'programmes:manage',
  'international:read',
  'international:manage',
  'childcare:read',
  'childcare:write',
  'childcare:manage',
  'surveys:read',
  'surveys:manage',
  'surveys:enter',
  'cooperatives:read',
  'cooperatives:manage',
  'fairs:read',
  'fairs:manage',
  'indicators:read',
  'matching:policy',
  'matching:fairness',
] as const;

/** Running the organisation: its users, roles, offices and settings, across offices, with its audit and outbox. */
const ORGANISATION_ADMIN = [
  'users:read',
  'users:manage',
  'roles:manage',
  'offices:manage',
  'organisation:manage',
  'offices:all',
  'audit:read',
  'outbox:read',
] as const;

/**
 * Every permission Köprü knows. Roles bundle them; routes declare which one they need.
 *
 * Job fairs (modules/fairs, docs/FAIRS.md): `fairs:read` sees fairs, their employers, positions,
 * visitors, applications and the report; `fairs:manage` organises fairs, adds employers and positions,
 * registers visitors and records on-site applications and their outcomes (programme staff, counsellors,
 * employer relations).
 * Courses (modules/courses, docs/COURSES.md): `courses:read` sees the catalogue — a holder of neither
 * `courses:manage` nor `courses:apply` (a trainer) sees only the courses they train; `courses:write` is
 * the trainer's work on their own courses (attendance, assessment, dropouts, completion);
 * `courses:manage` runs the catalogue, selection, enrolment and certificates; `courses:apply` lets a
 * counsellor apply a registered person and withdraw an application.
 *
 * Programmes (modules/programmes, docs/PROGRAMMES.md): `programmes:read` sees partners, projects, their
 * results frameworks with targets and actuals, and activities (programme staff and the organisation's admins; not
 * partner analysts: a project's actuals are small counts without disclosure control, analysts get the
 * indicators' suppressed tables); `programmes:manage` records partners, projects, indicators,
 * targets, activities and hand-entered values, and approves another person's values.
 * Childcare (modules/childcare, docs/CHILDCARE.md): `childcare:read` sees providers, their places and
 * waiting lists (mothers of other offices shown without names) and a mother's places; `childcare:write`
 * applies for a place from a mother's profile and ends or withdraws one; `childcare:manage` runs the
 * providers and reads the care-and-employment report.
 * Surveys (modules/surveys, docs/SURVEYS.md): `surveys:read` sees the surveys, their versions and
 * results (suppressed by the indicators' disclosure control unless the reader also holds `persons:read`;
 * special-category questions only with `special-category:read`); `surveys:manage` builds and publishes
 * forms, makes public links and reads single responses; `surveys:enter` records a response as an
 * interviewer (phone survey) or for a registered person who gave survey consent.
 * International cooperation (modules/international, docs/INTERNATIONAL.md): `international:read` sees
 * memberships, agreements, events, the calendar, partner timelines, publications and the good-practice
 * library (admins, managers, analysts — institutional records, no case data); `international:manage`
 * records them and owns follow-up actions (admins and managers).
 * Cooperatives (modules/cooperatives, docs/COOPERATIVES.md): `cooperatives:read` sees the registry, its
 * links, statistics and warning-sign reviews (employer relations read it: cooperatives are employers too; counsellors read it: their people
 * become members and workers, and they may see the restricted member counts);
 * `cooperatives:manage` records cooperatives, assemblies, clients, members and employees, support, trade
 * and projects, and resolves reviews (admins and managers). Members from restricted target groups need
 * `special-category:read` besides.
 * Matching (modules/matching, docs/MATCHING.md): `matching:policy` edits the organisation's priority policy
 * (target-group lifts; managers); `matching:fairness` reads the fairness monitor (aggregate, suppressed
 * shares of proposals, referrals and hires against the eligible pool; managers and admins).
 */
export const PERMISSIONS = [
  'persons:read',
  'persons:write',
  'special-category:read',
  'id-number:reveal',
  'cases:read',
  'cases:write',
  'employers:read',
  'employers:write',
  'vacancies:read',
  'vacancies:write',
  'vacancies:approve',
  'referrals:read',
  'referrals:write',
  'placements:read',
  'placements:write',
  'graduation:manage',
  'courses:read',
  'courses:write',
  'courses:manage',
  'courses:apply',
  ...PROGRAMME_DESK_PERMISSIONS,
  ...ORGANISATION_ADMIN,
  'platform:reference',
  'jobs:manage',
  'taxonomy:manage',
  'dpo:desk',
  'employer-portal',
  'seeker-self',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** Whether a string (a role's permission as the API lists it) names a permission of this version. */
export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * Permissions over what every organisation shares: platform data (holidays, minimum wages, decent-work
 * limits, the occupation and skill taxonomy) and the installation's background jobs. Held only by the built-in `platform-admin` role, which an organisation's admin can neither
 * grant nor put in a custom role: the first platform admin is designated with
 * `kopru admin platform-admin --email …` (and in the demo data).
 */
export const PLATFORM_PERMISSIONS: readonly Permission[] = ['platform:reference', 'jobs:manage', 'taxonomy:manage'];

export const BUILT_IN_ROLES = [
  'admin',
  'manager',
  'counsellor',
  'employer-relations',
  'trainer',
  'dpo',
  'analyst',
  'employer',
  'seeker',
  'platform-admin',
] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

/** Which kind of user may hold a built-in role. */
export const ROLE_USER_KIND: Record<BuiltInRole, 'staff' | 'employer' | 'seeker'> = {
  admin: 'staff',
  manager: 'staff',
  counsellor: 'staff',
  'employer-relations': 'staff',
  trainer: 'staff',
  dpo: 'staff',
  analyst: 'staff',
  employer: 'employer',
  seeker: 'seeker',
  'platform-admin': 'staff',
};

/** Reading the register: persons, cases, employers, vacancies and referrals. */
const REGISTER_READ = ['persons:read', 'cases:read', 'employers:read', 'vacancies:read', 'referrals:read'] as const;
/** Proposing people for vacancies and following them into work. */
const REFERRAL_WORK = ['referrals:write', 'placements:read', 'placements:write'] as const;
/** Taking part in fairs (and reading the cooperatives registry, which are employers too). */
const FAIRS_WORK = ['cooperatives:read', 'fairs:read', 'fairs:manage'] as const;
/** The only permission of an employer's users, and of a job seeker's own account. */
const EMPLOYER_PERMISSIONS = ['employer-portal'] as const satisfies readonly Permission[];
const SEEKER_PERMISSIONS = ['seeker-self'] as const satisfies readonly Permission[];

export const BUILT_IN_ROLE_PERMISSIONS: Record<BuiltInRole, readonly Permission[]> = {
  admin: [
    ...REGISTER_READ,
    'courses:read',
    'programmes:read',
    'international:read',
    'international:manage',
    'childcare:read',
    'surveys:read',
    'cooperatives:read',
    'cooperatives:manage',
    'fairs:read',
    'indicators:read',
    'matching:fairness',
    ...ORGANISATION_ADMIN,
  ],
  manager: [
    ...REGISTER_READ,
    'vacancies:approve',
    'placements:read',
    'placements:write',
    'graduation:manage',
    'courses:read',
    'courses:manage',
    'courses:apply',
    ...PROGRAMME_DESK_PERMISSIONS,
    'users:read',
    'offices:all',
  ],
  counsellor: [
    ...REGISTER_READ,
    'persons:write',
    'special-category:read',
    'id-number:reveal',
    'cases:write',
    ...REFERRAL_WORK,
    'courses:read',
    'courses:apply',
    'childcare:read',
    'childcare:write',
    'surveys:read',
    'surveys:enter',
    ...FAIRS_WORK,
  ],
  'employer-relations': [
    'persons:read',
    'employers:read',
    'employers:write',
    'vacancies:read',
    'vacancies:write',
    'referrals:read',
    'referrals:write',
    ...FAIRS_WORK,
  ],
  trainer: ['persons:read', 'courses:read', 'courses:write'],
  dpo: ['audit:read', 'dpo:desk', 'users:read', 'offices:all', 'outbox:read'],
  analyst: ['indicators:read', 'surveys:read', 'international:read'],
  employer: EMPLOYER_PERMISSIONS,
  seeker: SEEKER_PERMISSIONS,
  'platform-admin': PLATFORM_PERMISSIONS,
};

/**
 * Permissions an organisation's role for a given kind of user may contain (an employer user never gets
 * staff permissions; no organisation role gets platform permissions).
 */
export const PERMISSIONS_BY_KIND: Record<'staff' | 'employer' | 'seeker', readonly Permission[]> = {
  staff: PERMISSIONS.filter(
    (p) =>
      !(EMPLOYER_PERMISSIONS as readonly Permission[]).includes(p) &&
      !(SEEKER_PERMISSIONS as readonly Permission[]).includes(p) &&
      !PLATFORM_PERMISSIONS.includes(p),
  ),
  employer: EMPLOYER_PERMISSIONS,
  seeker: SEEKER_PERMISSIONS,
};
