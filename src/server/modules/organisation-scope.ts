/**
 * Organisation scope (checked by organisation-scope.test.ts). Every case table carries
 * organisation_id and every query of one names the organisation, so that the data of one organisation
 * can later be told apart, exported or placed elsewhere. The lists below say what is different today.
 */

/** Tables that belong to no one organisation: platform data, and identity's global tables. */
export const NOT_CASE_TABLES: readonly string[] = [
  // Platform reference data, the same for every organisation (REFERENCE-DATA.md).
  'public_holidays',
  'minimum_wages',
  'reference_changes',
  'decent_work_settings',
  // The occupation and skill taxonomy (TAXONOMY.md): platform data too.
  'taxonomy_isco_groups',
  'taxonomy_occupation_labels',
  'taxonomy_skills',
  'taxonomy_skill_labels',
  'taxonomy_skill_occupations',
  'taxonomy_isced_levels',
  'taxonomy_nace',
  'taxonomy_languages',
  'taxonomy_driving_licences',
  'taxonomy_certificates',
  'taxonomy_loads',
  // Identity: the organisations themselves, and what hangs off a user (who carries the organisation).
  'organisations',
  'user_roles',
  'sessions',
  'auth_attempts',
  'one_time_codes',
  'action_tokens',
  'recovery_codes',
  // Key rotations (lib/key-rotation.ts) re-seal every organisation's data at once.
  'key_rotations',
];

/** Case tables without organisation_id today: a migration should add it (the list may only shrink). */
export const CASE_TABLES_WITHOUT_ORGANISATION: readonly string[] = [
  // A counsellor's own saved searches: scoped by user only.
  'saved_filters',
  // The link between a portal user and an employer: scoped through the employer.
  'employer_users',
];

/** Functions that query case tables across organisations on purpose, with the reason. */
export const CROSS_ORGANISATION_QUERIES: Record<string, string> = {
  'vacancies/vacancies.service.ts#listPublished': 'the public job board shows every organisation’s published vacancies',
  'vacancies/vacancies.service.ts#findPublished': 'the public job board shows every organisation’s published vacancies',
  'outbox/outbox.service.ts#claimDue': 'the delivery sweep sends every organisation’s due messages',
  'outbox/outbox.service.ts#deliverClaimed': 'the delivery job sends a message whatever its organisation',
  'people/import/import.service.ts#sweepImportJobs':
    'the daily sweep ends every organisation’s imports left unrun and deletes the rows of their files',
};

/**
 * Functions that query a case table without naming the organisation today. Most rely on an earlier
 * check (a row loaded in scope, then changed or read further by its id) or on the user's own id; each
 * should still name the organisation in its query. The list may only shrink.
 */
export const UNSCOPED_QUERIES: readonly string[] = [
  'employers/employers.service.ts#listChangeRequests',
  'employers/employers.service.ts#pendingChangeOf',
  'employers/employers.service.ts#presentChanges',
  'employers/employers.service.ts#confirmHazardClass',
  'employers/employers.service.ts#employerIdsOfUser',
  'employers/employers.service.ts#employerOfUser',
  'employers/employers.service.ts#getEmployer',
  'employers/employers.service.ts#listConcerns',
  'employers/employers.service.ts#removeContact',
  'employers/employers.service.ts#setEmployerStatus',
  'employers/employers.service.ts#updateConcern',
  'employers/portal.service.ts#managersOf',
  'employers/portal.service.ts#myLink',
  'employers/portal.service.ts#userWith',
  'employers/portal.service.ts#usersOf',
  'identity/auth.service.ts#changePassword',
  'identity/auth.service.ts#confirmTotpEnrolment',
  'identity/auth.service.ts#loadUser',
  'identity/auth.service.ts#signInWithCode',
  'identity/auth.service.ts#startTotpEnrolment',
  'identity/auth.service.ts#verifySecondFactor',
  'identity/organisation.service.ts#deleteRole',
  'identity/organisation.service.ts#updateRole',
  'identity/users.service.ts#assertUnique',
  'identity/users.service.ts#getUser',
  'identity/users.service.ts#listUsers',
  'identity/users.service.ts#loadScopedUser',
  'identity/users.service.ts#updatePreferences',
  'identity/users.service.ts#updateUser',
  'outbox/outbox.service.ts#cancelQueued',
  'people/appointments/appointments.service.ts#cancel',
  'people/appointments/appointments.service.ts#checkFree',
  'people/appointments/appointments.service.ts#contextOf',
  'people/appointments/appointments.service.ts#loadAppointment',
  'people/appointments/appointments.service.ts#query',
  'people/appointments/appointments.service.ts#recordAttendance',
  'people/appointments/appointments.service.ts#reschedule',
  'people/cases/cases.service.ts#changeStatus',
  'people/cases/cases.service.ts#getCase',
  'people/cases/cases.service.ts#listCasesOfPerson',
  'people/cases/cases.service.ts#setStepDone',
  'people/consents/consents.service.ts#hasActiveConsent',
  'people/consents/consents.service.ts#listConsents',
  'people/consents/consents.service.ts#withdrawConsent',
  'people/documents/documents.service.ts#deleteDocument',
  'people/documents/documents.service.ts#documentContent',
  'people/documents/documents.service.ts#getDocument',
  'people/documents/documents.service.ts#listDocuments',
  'people/households/households.service.ts#checkMember',
  'people/households/households.service.ts#householdIdOfPerson',
  'people/households/households.service.ts#moveHouseholdOfPerson',
  'people/households/households.service.ts#present',
  'people/households/households.service.ts#removeMember',
  'people/households/households.service.ts#updateHousehold',
  'people/households/households.service.ts#updateIncome',
  'people/households/households.service.ts#updateSocialAid',
  'people/import/import.service.ts#getImport',
  'people/import/import.service.ts#listImports',
  'people/import/import.service.ts#loadJob',
  'people/import/import.service.ts#startImport',
  'people/persons/persons.queries.ts#getPerson',
  'people/persons/persons.queries.ts#sharedProfileOf',
  'people/persons/saved-filters.service.ts#createSavedFilter',
  'people/persons/saved-filters.service.ts#deleteSavedFilter',
  'people/persons/saved-filters.service.ts#listSavedFilters',
  'people/work-permits/work-permits.service.ts#decentWorkFactsOf',
  'people/work-permits/work-permits.service.ts#isRestricted',
  'people/work-permits/work-permits.service.ts#loadPermit',
  'people/work-permits/work-permits.service.ts#permitsOfPerson',
  'people/work-permits/work-permits.service.ts#removeWorkPermit',
  'people/work-permits/work-permits.service.ts#updateWorkPermit',
  'referrals/referrals.service.ts#afterHire',
  'referrals/referrals.service.ts#transitionReferral',
  'vacancies/vacancies.service.ts#closeVacancy',
  'vacancies/vacancies.service.ts#reviewVacancy',
  'vacancies/vacancies.service.ts#submitVacancy',
  'vacancies/vacancies.service.ts#updateVacancy',
];
