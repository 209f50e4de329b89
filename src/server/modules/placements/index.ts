/**
 * The placements module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { placementRoutes } from './placements.routes.ts';
// A hire at a job fair's fair-only position is a 'job-fair' placement (modules/fairs).
export { createPlacement, createPlacementFromHire } from './placements.service.ts';
export { remindFollowUps } from './reminders.ts';
export { placementDataOf } from './data-subject.service.ts';
export { anonymisePlacementsOf } from './anonymise.service.ts';
// Employment after a course and a project's placement indicators (courses and programmes modules).
export { placementStartsOf, type PlacementStart } from './starts.service.ts';
// Read-only facts for the indicators (starts, verification, follow-ups; counted there, never returned as rows).
export {
  firstJobStatistics,
  followUpStatistics,
  hiresOfVacancies,
  jobStartsOf,
  placementStatistics,
} from './statistics.service.ts';
export { verifiedWorkOf, type VerifiedWork } from './work-facts.service.ts';
// Placement dates, status and verification (childcare's priority rule and report, docs/CHILDCARE.md).
export { employmentFactsOf, type EmploymentFact } from './employment-facts.ts';
// People's merge of duplicates moves the person's placements (docs/PEOPLE.md, "Merging duplicates").
export { movePlacementsToPerson } from './merge.service.ts';
