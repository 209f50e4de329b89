/**
 * The people module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { appointmentRoutes } from './appointments/appointments.routes.ts';
export { hasActiveConsent, partnersConsentedTo } from './consents/consents.service.ts';
export { documentRoutes } from './documents/documents.routes.ts';
// The checks of an uploaded file (name, base64, size, type by its bytes) and the download header, for other modules' files.
export {
  checkedUpload,
  MAX_DOCUMENT_BYTES,
  MEDIA_TYPES,
  type FileUpload,
  type MediaType,
} from './documents/documents.service.ts';
export { householdRoutes } from './households/households.routes.ts';
export {
  aidHouseholds,
  endAidForGraduation,
  householdIdOf,
  organisationsWithAid,
  recordAidAgain,
  targetGroupCodesOf,
  type AidHousehold,
} from './households/aid-facts.service.ts';
export { importRoutes } from './import/import.routes.ts';
export { sweepImportJobs } from './import/import.service.ts';
export { mergeRoutes } from './merge/merge.routes.ts';
export { householdOf, type HouseholdView } from './households/households.service.ts';
export { addRegisteredWorkIncome, endRegisteredWorkIncome, moveCaseForPlacement } from './cases/outcomes.service.ts';
export { peopleRoutes } from './persons/people.routes.ts';
export { PdfWriter } from './documents/pdf.ts';
export { listPersons, loadPerson, sharedProfileOf } from './persons/persons.queries.ts';
// The caseload view's counts (bench/persons.bench.ts times it at 1,000,000 cases).
export { caseload } from './cases/cases.service.ts';
export { savedFilterRoutes } from './persons/saved-filters.routes.ts';
export { selfServiceRoutes } from './self-service/self-service.routes.ts';
export { getOwnProfile, ownPersonId } from './self-service/self-service.service.ts';
export { workPermitRoutes } from './work-permits/work-permits.routes.ts';
export { decentWorkFactsOf } from './work-permits/work-permits.service.ts';
export {
  confirmPersonLink,
  linkPendingPersons,
  personLinkReviews,
  type PersonLinkReview,
} from './persons/occupation-codes.service.ts';
export { matchingPool, matchingPoolIds, type MatchPersonRow } from './facts/matching-facts.service.ts';
export { matchingIndexCatchUp, matchingIndexPage, type MatchingIndexRow } from './facts/matching-index-rows.service.ts';
export { backfillMatchingFeatures, deriveMissingFeatures } from './facts/matching-features.service.ts';
export { rebuildNameWords, recordNameWords } from './persons/name-words.ts';
export { priorityFactsOf, type PriorityPersonFacts } from './facts/priority-facts.service.ts';
export {
  ANONYMISED_NAME,
  anonymisePerson,
  coarsenRareCombination,
  lookUpPersons,
  personDataOf,
  personSummary,
  personTraces,
  retentionFacts,
  type PersonSummary,
  type RetentionFact,
} from './data-subject/data-subject.service.ts';
// Read-only facts for the indicators (registrations, open cases, statistical profiles without names or contacts).
export {
  caseloadStatistics,
  caseStatistics,
  personProfiles,
  registrationStatistics,
  supplyStatistics,
  type PersonProfile,
  type SupplyFact,
} from './facts/statistics.service.ts';
