/**
 * The fairs module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { fairRoutes } from './fairs.routes.ts';
// The data-protection desk's access export, erasure and periodic destruction (walk-ins past the retention
// rule), and people's merge of duplicates.
export {
  anonymiseFairsOf,
  anonymiseWalkInsDue,
  countWalkInsDue,
  fairDataOf,
  moveFairsToPerson,
  sweepWalkInPhones,
} from './data-subject.service.ts';
// For programmes' results framework: the visitors and hires of a project's fairs (ids, sex and dates).
export { projectFairRecords, type ProjectFairRecords } from './results.service.ts';
