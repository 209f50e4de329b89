/**
 * The cooperatives module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { cooperativeRoutes } from './cooperatives.routes.ts';
// The daily warning-sign sweep (jobs/handlers.ts).
export { sweepCooperatives } from './cooperatives.service.ts';
// The data-protection desk's export and erasure, and people's merge of duplicates.
export { anonymiseCooperativesOf, cooperativesDataOf, moveCooperativesToPerson } from './data-subject.service.ts';
