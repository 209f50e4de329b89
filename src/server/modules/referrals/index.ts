/**
 * The referrals module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { rectificationRoutes } from './rectifications.routes.ts';
export { recordRectification } from './rectifications.service.ts';
export { referralRoutes } from './referrals.routes.ts';
export {
  alreadyApplied,
  employerResponseRecord,
  proposeReferral,
  remindOverdue,
  storedMatchOf,
} from './referrals.service.ts';
export { referralFacts } from './matching-facts.service.ts';
// People's merge of duplicates moves the person's referrals (docs/PEOPLE.md, "Merging duplicates").
export { moveReferralsToPerson } from './merge.service.ts';
// The seeker's own applications (people's self-service, GET /me/applications).
export { applicationsOfPerson, rankedReferralOf } from './own.service.ts';
export {
  disclosureRecipients,
  notifyRectificationRecipients,
  pseudonymiseReferrals,
  recipientsOf,
  // Disclosures outside a referral (a project's beneficiary list to its donor: programmes).
  recordDisclosures,
  referralDataOf,
} from './data-subject.service.ts';
// Read-only facts for the indicators (referrals sent, employers' first answers; counted there, never returned as rows).
export { referralFairnessFacts, referralResponseStatistics, referralStatistics } from './statistics.service.ts';
