/**
 * Which module owns which table: the only module that writes it (insert, update, delete). Another
 * module that needs a change asks the owner through a function of its index.ts. Reading another
 * module's tables is tolerated for now (read models move behind the owners later). Checked by
 * ownership.test.ts; a new table is added here with its module.
 */
export const TABLE_OWNERS = {
  identity: [
    'organisations',
    'offices',
    'roles',
    'users',
    'user_roles',
    'sessions',
    'auth_attempts',
    'one_time_codes',
    'action_tokens',
    'recovery_codes',
  ],
  outbox: ['outbox_messages'],
  // Written by src/server/lib/audit.ts for every module (append-only); the module reads it.
  audit: ['audit_events'],
  reference: ['public_holidays', 'minimum_wages', 'reference_changes'],
  people: [
    'persons',
    'person_target_groups',
    'work_history',
    'notice_acknowledgements',
    'consents',
    'cases',
    'case_notes',
    'case_steps',
    'case_transfers',
    'households',
    'household_members',
    'social_aid_records',
    'household_incomes',
    'appointments',
    'person_documents',
    'saved_filters',
    'import_jobs',
    'import_job_rows',
    'work_permits',
    'person_matching_features',
    'person_name_words',
  ],
  employers: ['employers', 'employer_contacts', 'employer_users', 'employer_concerns', 'employer_change_requests'],
  vacancies: ['vacancies', 'decent_work_settings'],
  referrals: ['referrals', 'referral_events', 'disclosure_log', 'referral_settings', 'rectification_notices'],
  placements: ['placements', 'placement_follow_ups'],
  graduation: ['graduation_settings', 'graduations'],
  jobboard: [],
  courses: [
    'courses',
    'course_trainers',
    'course_sessions',
    'course_applications',
    'course_attendance',
    'course_certificates',
  ],
  matching: [
    'matching_settings',
    'matching_priority_policies',
    'matching_proposal_tallies',
    'matching_seeker_tallies',
    'matching_seeker_listings',
    'matching_fairness_flags',
  ],
  fairs: ['fairs', 'fair_employers', 'fair_positions', 'fair_visitors', 'fair_applications'],
  programmes: [
    'partners',
    'projects',
    'project_partners',
    'project_indicators',
    'indicator_targets',
    'indicator_values',
    'project_activities',
  ],
  international: [
    'intl_memberships',
    'intl_agreements',
    'intl_agreement_parties',
    'intl_agreement_documents',
    'intl_events',
    'intl_follow_ups',
    'intl_publications',
    'intl_practices',
  ],
  indicators: [
    'indicator_settings',
    'indicator_exports',
    'indicator_report_schedules',
    'indicator_report_runs',
    'indicator_report_links',
    'indicator_month_cells',
  ],
  taxonomy: [
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
  ],
  childcare: ['childcare_providers', 'childcare_places'],
  surveys: ['surveys', 'survey_versions', 'survey_links', 'survey_responses'],
  cooperatives: [
    'cooperatives',
    'cooperative_assemblies',
    'cooperative_clients',
    'cooperative_members',
    'cooperative_support',
    'cooperative_trades',
    'cooperative_projects',
    'cooperative_reviews',
  ],
  dataprotection: [
    'dp_requests',
    'dp_request_documents',
    'dp_exports',
    'dp_destruction_records',
    'dp_breaches',
    'dp_retention_settings',
    'dp_destruction_batches',
    'dp_destruction_batch_items',
    'dp_inventory_entries',
    // Written by src/server/lib/key-rotation.ts (`kopru keys rotate`), which also re-seals the columns
    // listed in lib/encrypted-columns.ts in every module's tables: platform maintenance, like a migration.
    'key_rotations',
  ],
} as const satisfies Record<string, readonly string[]>;

export type ModuleName = keyof typeof TABLE_OWNERS;

/**
 * Today's writes of a table by a module that does not own it: known faults, each to be replaced by a
 * function of the owner. The list may only shrink: ownership.test.ts fails on a write not listed here
 * and on an entry that no longer happens (remove it then).
 */
export const KNOWN_FOREIGN_WRITES: readonly { module: ModuleName; table: string; why: string }[] = [];
