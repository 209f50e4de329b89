import type { Permission } from '../../common/permissions.ts';

/** Which permissions open each screen; the routes and the navigation use the same table. */
export const SCREEN_ACCESS = {
  users: ['users:read', 'users:manage'],
  roles: ['roles:manage', 'users:manage'],
  offices: ['offices:manage'],
  organisation: ['organisation:manage'],
  audit: ['audit:read'],
  outbox: ['outbox:read'],
  /** The installation's background jobs: the platform administrator (jobs:manage). */
  backgroundJobs: ['jobs:manage'],
  /** Reference data is readable by every signed-in user; changing it needs the platform's platform:reference. */
  reference: [],
  /** The change log of platform reference data: every organisation's admins and the platform admin. */
  referenceChanges: ['audit:read', 'platform:reference'],
  /** Occupations and skills: read by every signed-in staff member; changed with taxonomy:manage. */
  taxonomy: [],
  employers: ['employers:read'],
  vacancies: ['vacancies:read'],
  referrals: ['referrals:read'],
  placements: ['placements:read'],
  /** Graduation from social aid: the list for staff who see placements; the rule and the report for managers. */
  graduation: ['placements:read'],
  graduationManage: ['graduation:manage'],
  /** The employer portal: employer users only. */
  portal: ['employer-portal'],
  /** Decent-work limits are readable by every signed-in user; changing them needs platform:reference. */
  decentWork: [],
  persons: ['persons:read'],
  personsWrite: ['persons:write'],
  caseload: ['cases:read'],
  agenda: ['cases:read'],
  courses: ['courses:read'],
  /** Indicators and the manager's dashboard: aggregates only (analysts, managers, admins). */
  indicators: ['indicators:read'],
  /** The counsellor's dashboard: the outcomes of their own caseload (docs/INDICATORS.md). */
  caseloadDashboard: ['cases:write'],
  coursesManage: ['courses:manage'],
  /** Partners, projects, results frameworks and activities (docs/PROGRAMMES.md). */
  programmes: ['programmes:read'],
  programmesManage: ['programmes:manage'],
  /** International cooperation: memberships, agreements, events, partner timelines, publications (docs/INTERNATIONAL.md). */
  international: ['international:read'],
  internationalManage: ['international:manage'],
  /** Care providers, places and waiting lists (docs/CHILDCARE.md). */
  childcare: ['childcare:read'],
  childcareManage: ['childcare:manage'],
  /** The cooperatives registry, its warning-sign reviews (docs/COOPERATIVES.md). */
  cooperatives: ['cooperatives:read'],
  cooperativesManage: ['cooperatives:manage'],
  /** Job fairs: employers, positions, visitors, on-site applications and the report (docs/FAIRS.md). */
  fairs: ['fairs:read'],
  fairsManage: ['fairs:manage'],
  /** Cooperative statistics: the registry's readers (exact) and analysts (suppressed). */
  cooperativeStatistics: ['cooperatives:read', 'indicators:read'],
  /** The care-and-employment report: programme managers (its counts are small and not suppressed, so not analysts). */
  childcareReport: ['childcare:manage'],
  /** Surveys and their results (docs/SURVEYS.md); the builder for managers, staff entry for interviewers. */
  surveys: ['surveys:read'],
  surveysManage: ['surveys:manage'],
  surveysEnter: ['surveys:enter'],
  /** The matching priority policy (managers) and the fairness monitor (managers, admins): docs/MATCHING.md. */
  matchingPolicy: ['matching:policy'],
  matchingFairness: ['matching:fairness'],
  /** The review list of doubtful occupation links: whoever may correct persons or vacancies. */
  linkReview: ['persons:write', 'vacancies:write'],
  /** The data-protection desk: the DPO. */
  dataProtection: ['dpo:desk'],
  /** Rectifications to carry out and access exports to print at the counter: the case office. */
  dataProtectionCaseOffice: ['persons:read'],
} as const satisfies Record<string, readonly Permission[]>;

/** Whether a screen is open to someone holding these permissions (an empty list: to everyone signed in). */
export function screenOpen(needed: readonly Permission[], has: (needed: readonly Permission[]) => boolean): boolean {
  return needed.length === 0 || has(needed);
}
