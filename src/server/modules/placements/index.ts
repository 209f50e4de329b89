/**
 * The placements module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { placementRoutes } from './placements.routes.ts';
export { createPlacementFromHire } from './placements.service.ts';
export { remindFollowUps } from './reminders.ts';
export { placementDataOf } from './data-subject.service.ts';
// Placement dates, status and verification (childcare's priority rule and report, docs/CHILDCARE.md).
export { employmentFactsOf, type EmploymentFact } from './employment-facts.ts';
