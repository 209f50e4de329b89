/**
 * The fairs module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { fairRoutes } from './fairs.routes.ts';
// The data-protection desk's access export and erasure, and people's merge of duplicates.
export { anonymiseFairsOf, fairDataOf, moveFairsToPerson, sweepWalkInPhones } from './data-subject.service.ts';
