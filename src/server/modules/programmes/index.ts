/**
 * The programmes module's public face: what other modules (and the app, the jobs, the CLI) may use.
 * Everything else in this folder is internal; ESLint refuses imports of it from outside (eslint.config.js).
 */
export { programmeRoutes } from './programmes.routes.ts';
// The course form's project: courses checks that the project is the caller's organisation's.
export { projectExists } from './programmes.service.ts';
// A project restricted to one target group (a Roma youth project): courses refuses applications from outside it.
export { projectRestriction } from './programmes.service.ts';
// For the indicators module: every project's targets against actuals, and one project's results framework.
export { getResults, projectTargetsVsActuals, resultsOf } from './results.service.ts';
// For the international module: partners named by id (existence, names for display) and the options to choose from.
export { partnerOptions, partnerRefs, type PartnerRefRow } from './programmes.service.ts';
